"""The built-in gazetteer: countries, first-level divisions and major cities, by every name.

A place named here is "known", and :meth:`Gazetteer.relation` tells how two
named places relate: the same place, one containing the other, provably
disjoint, or unknown. A claim about a place may be contradicted only on
"disjoint", so the gazetteer answers it only when it can prove it:

* a name shared by several places (Birmingham, Georgia, Victoria) keeps every
  reading and never proves "disjoint";
* a city named like a place around it (New York City and New York state) is
  that larger place, which is safe for every claim about the city;
* pairs listed as overlapping (disputed land, a city inside a metropolis named
  for its core) are never disjoint.

"City, Division" and "City, Country" strings name one place: the first part,
narrowed by the rest ("Naples, Florida"). The data is ``data/places.yaml``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from factcheck.extract.phrases import Match, PhraseMatcher, fold

Level = Literal["country", "division", "city", "place"]
Relation = Literal["same", "contains", "inside", "disjoint", "unknown"]


@dataclass(frozen=True, slots=True)
class KnownPlace:
    """A place the gazetteer knows: its canonical name, country, level and division.

    ``level`` is "place" for a place known only by where it lies: a region, an
    unlisted namesake of a listed city, or the unknown first part of "Lawton,
    Oklahoma". ``division`` is the first-level division a city or such a place
    lies in, when known. A demonym ("French") is its country, marked ``demonym``.
    """

    name: str
    country: str
    level: Level = "country"
    division: str | None = None
    demonym: bool = False

    @property
    def is_country(self) -> bool:
        """Tell whether this is a country (or a country's demonym)."""
        return self.level == "country"


# Characters dropped from a name's comparison form, and words written short.
_DROPPED = str.maketrans("", "", ".'ʻ`")
_SPELLED_OUT = {"st": "saint", "ft": "fort"}
# Letters that Unicode does not decompose into a plain letter and an accent.
_LETTERS = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "æ": "ae", "Æ": "Ae"}
)
_COMMA = re.compile(r"\s*,\s*")
_SPACES = re.compile(r"\s+")
_SAINT = re.compile(r"\b(?:Saint|St\.?)(?=\s)")
_FORT = re.compile(r"\b(?:Fort|Ft\.?)(?=\s)")
# A place name followed by one of these names something else: a street, a park, a
# county, an airport ("Madison Square Garden", "Phoenix Park", "Pennsylvania Avenue").
_NAMES_SOMETHING_ELSE = re.compile(
    r"[ \t]+(?:Street|Avenue|Road|Boulevard|Lane|Drive|Square|Circle|Park|Gardens?|Airport"
    r"|Stadium|Arena|Center|Centre|University|College|Hospital|Station|Bridge|Hall|Hotel|Mall"
    r"|Plaza|County|Township|Parish|Heights|Beach|Hills|Islands?|Bay|Valley|River|Lake|Sea"
    r"|Strait|Mountains|Desert|City|Harbou?r|Zoo|Museum|Cathedral|Palace|Towers?|Falls"
    r"|Peninsula)\b"
)


def _plain(name: str) -> str:
    """Return ``name`` without accents ("São Tomé" -> "Sao Tome"), keeping its case."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=8192)
def _key(name: str) -> str:
    """Return the comparison form of a place name: folded, plain, "St." spelled out, no "the"."""
    text = _plain(fold(name)).translate(_DROPPED).replace("&", " and ").replace("-", " ")
    text = _SPACES.sub(" ", _COMMA.sub(", ", text)).strip()
    words = [_SPELLED_OUT.get(w, w) for w in text.split(" ")]
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def _spellings(name: str) -> set[str]:
    """Return the ways text may write ``name``: with or without accents, hyphens, "St."."""
    out = {name, _plain(name)}
    out |= {s.replace("-", " ") for s in out}
    for pattern, forms in ((_SAINT, ("Saint", "St.", "St")), (_FORT, ("Fort", "Ft."))):
        out = {pattern.sub(form, s) for s in out for form in forms}
    return out


def _containers(p: KnownPlace) -> tuple[KnownPlace, ...]:
    """Return the places that contain ``p``: its division (when known) and its country."""
    if p.level == "country":
        return ()
    country = KnownPlace(p.country, p.country)
    if p.level == "division" or p.division is None:
        return (country,)
    return (KnownPlace(p.division, p.country, "division"), country)


def _within(p: KnownPlace, q: KnownPlace) -> bool:
    """Tell whether ``p`` is ``q`` or lies inside it."""
    return p == q or q in _containers(p)


def _around(p: KnownPlace) -> frozenset[KnownPlace]:
    """Return ``p`` and the places that contain it."""
    return frozenset((p, *_containers(p)))


def _nested(p: KnownPlace, q: KnownPlace) -> Relation:
    """Return how ``p`` relates to ``q`` by the hierarchy alone."""
    if p == q:
        return "same"
    if p in _containers(q):
        return "contains"
    if q in _containers(p):
        return "inside"
    if p.country != q.country:
        return "disjoint"
    mine = p.name if p.level == "division" else p.division
    theirs = q.name if q.level == "division" else q.division
    if mine is not None and theirs is not None and mine != theirs:
        return "disjoint"
    if p.level == "city" and q.level == "city":
        return "disjoint"
    return "unknown"  # e.g. a division and a city whose division is not known


class PlaceMatcher:
    """Finds the places named in text: names that denote one place, not a street named for it."""

    def __init__(self, phrases: Iterable[tuple[str, KnownPlace | None]]) -> None:
        # An ambiguous name is registered with no place, so that "Kansas City" is
        # found (and skipped) before "Kansas" could be.
        self._phrases: PhraseMatcher[KnownPlace | None] = PhraseMatcher(phrases)

    def starts_in(self, words: Iterable[str]) -> bool:
        """Tell whether any of ``words`` (folded) starts a place name."""
        return self._phrases.starts_in(words)

    def finditer(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[Match[KnownPlace]]:
        """Yield leftmost-longest matches of unambiguous place names within ``text[start:end]``."""
        for m in self._phrases.finditer(text, start, end):
            place = m.payloads[0]
            if place is not None and not _NAMES_SOMETHING_ELSE.match(text, m.span.end):
                yield Match(m.span, m.phrase, (place,))


class Gazetteer:
    """Looks up countries, divisions and cities by any of their names, and relates them."""

    def __init__(
        self,
        places: Mapping[str, tuple[KnownPlace, ...]],
        demonyms: Mapping[str, tuple[KnownPlace, ...]],
        short: Mapping[str, tuple[KnownPlace, ...]],
        overlaps: Iterable[tuple[KnownPlace, KnownPlace]],
        spellings: Iterable[str],
    ) -> None:
        """Build from comparison forms of names (see :func:`gazetteer`) and their spellings."""
        self._places = dict(places)
        self._demonyms = dict(demonyms)
        self._short = dict(short)
        # Each pair as its part and the places its name may stand for (the name and above).
        self._overlaps = tuple((part, _around(name)) for part, name in overlaps)
        self._spellings = tuple(spellings)

    @functools.cached_property
    def matcher(self) -> PlaceMatcher:
        """Return the matcher of every spelling of every name (built on first use)."""
        return PlaceMatcher((s, self.lookup(s)) for s in self._spellings)

    def lookup(self, name: str) -> KnownPlace | None:
        """Return the one place (or demonym's country) called ``name``, if exactly one."""
        key = _key(name)
        found = self._places.get(key) or self._demonyms.get(key, ())
        return found[0] if len(found) == 1 else None

    def readings(self, name: str) -> tuple[KnownPlace, ...]:
        """Return every place ``name`` may denote, narrowing "City, Division" by its later parts.

        An unknown first part inside known later parts ("Lawton, Oklahoma") is a
        place of level "place" inside them; parts that contradict each other, or
        an unknown later part ("Boston, Lincolnshire"), give no reading.
        """
        found = self._places.get(_key(name))
        if found is not None:
            return found
        head, comma, rest = name.partition(",")
        if not comma:
            return ()
        within = self.readings(rest) + self._short.get(_key(rest), ())
        if not within:
            return ()
        own = self._places.get(_key(head))
        if own is None:
            return tuple(dict.fromkeys(_somewhere(head.strip(), w) for w in within))
        return tuple(p for p in own if any(_within(p, w) for w in within))

    def relation(self, a: str, b: str) -> Relation:
        """Return how the place named ``a`` relates to the place named ``b``.

        "same" (one place, by any of its names), "contains" (``a`` contains
        ``b``), "inside", "disjoint" (provably apart), or "unknown": a name is
        unknown, or ambiguous and its readings disagree or would be disjoint.
        """
        mine, theirs = self.readings(a), self.readings(b)
        if not mine or not theirs:
            return "unknown"
        if _key(a) == _key(b):
            return "same"
        found = {self._relate(p, q) for p in mine for q in theirs}
        if len(found) > 1:
            return "unknown"
        (only,) = found
        if only == "disjoint" and (len(mine) > 1 or len(theirs) > 1):
            return "unknown"
        return only

    def same_country(self, a: str, b: str) -> bool:
        """Tell whether two names denote the same country (``US`` and ``United States``)."""
        pa, pb = self.lookup(a), self.lookup(b)
        return pa is not None and pb is not None and pa.is_country and pa.name == pb.name

    def _relate(self, p: KnownPlace, q: KnownPlace) -> Relation:
        """Return how one reading relates to another: the hierarchy, unless they overlap."""
        nested = _nested(p, q)
        if nested != "disjoint":
            return nested
        mine, theirs = _around(p), _around(q)
        for part, named in self._overlaps:
            if (part in mine and q in named) or (part in theirs and p in named):
                return "unknown"
        return nested


def _somewhere(name: str, where: KnownPlace) -> KnownPlace:
    """Return the place called ``name`` known only to lie in ``where``."""
    division = where.name if where.level == "division" else where.division
    return KnownPlace(name, where.country, "place", division)


def _entry(item: Any) -> tuple[str, list[str]]:
    """Return a data entry's name and other names: ``Name`` or ``{Name: [other names]}``."""
    if isinstance(item, dict):
        ((name, others),) = item.items()
        return name, list(others)
    return item, []


class _Builder:
    """Collects the names of every place in ``places.yaml``, then builds the gazetteer."""

    def __init__(self) -> None:
        self.places: dict[str, list[KnownPlace]] = {}
        self.demonyms: dict[str, list[KnownPlace]] = {}
        self.short: dict[str, list[KnownPlace]] = {}
        self.spellings: set[str] = set()

    def add(self, names: Iterable[str], place: KnownPlace) -> None:
        """Register ``place`` under every name in ``names``."""
        table = self.demonyms if place.demonym else self.places
        for name in names:
            if not isinstance(name, str):  # YAML reads a bare ON or NO as a boolean
                raise ValueError(f"{name!r} in places.yaml is not a name: quote it")
            readings = table.setdefault(_key(name), [])
            if place not in readings:
                readings.append(place)
            self.spellings |= _spellings(name)

    def build(self, data: Mapping[str, Any]) -> Gazetteer:
        """Return the gazetteer of ``data`` (the parsed ``places.yaml``)."""
        countries: Mapping[str, Any] = data["countries"]
        for country, info in countries.items():
            self.add([country, *info.get("names", [])], KnownPlace(country, country))
            self.add(info.get("demonyms", []), KnownPlace(country, country, demonym=True))
            for item in info.get("cities", []):
                name, others = _entry(item)
                self.add([name, *others], KnownPlace(name, country, "city"))
        for country, divisions in data["divisions"].items():
            if country not in countries:
                raise ValueError(f"divisions of unknown country {country!r}")
            for division, info in divisions.items():
                names, cities = [division], info
                if isinstance(info, dict):
                    names += info.get("names", [])
                    cities = info.get("cities", [])
                self.add(names, KnownPlace(division, country, "division"))
                for item in cities:
                    name, others = _entry(item)
                    self.add([name, *others], KnownPlace(name, country, "city", division))
        for country, info in countries.items():
            if "capital" in info:
                name, others = _entry(info["capital"])
                listed = self.places.get(_key(name), [])
                if not any(p.country == country for p in listed):
                    self.add([name, *others], KnownPlace(name, country, "city"))
        self._fold_nested()
        partial = self._gazetteer(())
        for name, where in data["other_places"].items():
            for container in where:
                self.add([name], _somewhere(name, self._one(partial, container)))
        for country, divisions in data["abbreviations"].items():
            for division, short in divisions.items():
                place = KnownPlace(division, country, "division")
                if place not in self.places.get(_key(division), []):
                    raise ValueError(f"abbreviations of unknown division {division!r}")
                for name in short:
                    self.short.setdefault(_key(name), []).append(place)
        overlaps = [(self._one(partial, p), self._one(partial, n)) for p, n in data["overlaps"]]
        return self._gazetteer(overlaps)

    def _fold_nested(self) -> None:
        """Keep, of a name's readings, only those no other reading contains (New York state)."""
        for key, readings in self.places.items():
            self.places[key] = [
                p for p in readings if not any(_nested(q, p) == "contains" for q in readings)
            ]

    def _gazetteer(self, overlaps: Iterable[tuple[KnownPlace, KnownPlace]]) -> Gazetteer:
        """Return a gazetteer of the names collected so far."""
        return Gazetteer(
            {k: tuple(v) for k, v in self.places.items()},
            {k: tuple(v) for k, v in self.demonyms.items()},
            {k: tuple(v) for k, v in self.short.items()},
            overlaps,
            sorted(self.spellings),
        )

    @staticmethod
    def _one(places: Gazetteer, name: str) -> KnownPlace:
        """Return the one place ``name`` denotes, or fail: the data must name places exactly."""
        found = places.readings(name)
        if len(found) != 1:
            raise ValueError(f"{name!r} names {len(found)} places in places.yaml, not one")
        return found[0]


_LOADED: list[Gazetteer] = []  # this process's gazetteer, once there is one


def gazetteer(stored: Callable[[], Gazetteer] | None = None) -> Gazetteer:
    """Return the gazetteer built from the shipped ``places.yaml`` (loaded once per process).

    ``stored`` returns a copy built earlier, used instead of reading the YAML when no
    gazetteer is loaded yet: the reference cache keeps one (under a key that covers this
    module and the data).
    """
    if not _LOADED:
        _LOADED.append(_build() if stored is None else stored())
    return _LOADED[0]


def _build() -> Gazetteer:
    import yaml

    text = (Path(__file__).parent.parent / "data" / "places.yaml").read_text("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return _Builder().build(yaml.load(text, Loader=loader))
