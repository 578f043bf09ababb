"""The built-in gazetteer: country names, demonyms and first-level divisions, all "known" places."""

from __future__ import annotations

import functools
import importlib.resources
from dataclasses import dataclass

import yaml

from factcheck.extract.phrases import PhraseMatcher, fold


@dataclass(frozen=True, slots=True)
class KnownPlace:
    """A place the gazetteer knows: its canonical name, its country, and whether it is one."""

    name: str
    country: str
    is_country: bool
    demonym: bool = False


class Gazetteer:
    """Looks up countries and divisions by any of their names."""

    def __init__(self, places: list[tuple[str, KnownPlace]]) -> None:
        self._by_name: dict[str, KnownPlace] = {}
        for name, place in places:
            self._by_name.setdefault(fold(name), place)
        self.matcher: PhraseMatcher[KnownPlace] = PhraseMatcher(places)

    def lookup(self, name: str) -> KnownPlace | None:
        """Return the known place called ``name``, if any."""
        return self._by_name.get(fold(name.removeprefix("the ").strip()))

    def same_country(self, a: str, b: str) -> bool:
        """Tell whether two names denote the same country (``US`` and ``United States``)."""
        pa, pb = self.lookup(a), self.lookup(b)
        return pa is not None and pb is not None and pa.is_country and pa.name == pb.name


@functools.cache
def gazetteer() -> Gazetteer:
    """Return the gazetteer built from the shipped ``places.yaml`` (loaded once)."""
    text = importlib.resources.files("factcheck").joinpath("data/places.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    places: list[tuple[str, KnownPlace]] = []
    for country, info in data["countries"].items():
        place = KnownPlace(country, country, True)
        places.append((country, place))
        places.extend((alias, place) for alias in info.get("names", []))
        places.extend(
            (d, KnownPlace(country, country, True, demonym=True)) for d in info.get("demonyms", [])
        )
    for country, divisions in data["divisions"].items():
        places.extend((d, KnownPlace(d, country, False)) for d in divisions)
    return Gazetteer(places)
