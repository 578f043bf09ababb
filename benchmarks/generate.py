"""Generate synthetic reference sets and news-style article corpora for the benchmarks.

Everything is deterministic. Entity ``i`` of a world depends only on ``i`` and
the seed, never on the world's size, so the first 10,000 entities of a
100,000-entity world are exactly the 10,000-entity world: one corpus written
about the small world can be checked against both, which is how the benchmark
tells whether time stays flat in the reference size.

A world holds places (cities with a country), people (birth date,
birthplace, time-scoped titles) and events (a date, a place, an ordinal and a
trigger noun). Articles state those facts through the phrasings the claim
extractor understands ("the June 12 Talvorad summit", "their second forum in
Talvorad in June", "Finance Minister Kalo Verasen", "was born on May 4,
1951", "Talvorad, Kenya"); about one stated fact in twelve is wrong.

Run ``python3 benchmarks/generate.py --help`` to write a set and a corpus to disk.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

WRONG_RATE = 1 / 12
ENTITIES_PER_FILE = 10_000


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Syllables that make invented names no English word, month or country shares.
_SYLLABLES = _words(
    "ka lo mi ra te vo zu ne pa si do ru be ga fi no ta ve ki so "
    "lu da re mo ha ti za ko ni su bra dre lin vas tor kel mun ost rik sal"
)
_PLACE_ENDS = _words("grad holm vik bad burg stad ovo ima ara eno ulu ari eska otte ando ira")
_SURNAME_ENDS = _words("sen ski ani ero elli ova ard ingen")
_KINDS = _words("summit forum conference festival congress expo assembly regatta")
_PORTFOLIOS = _words(
    "Finance Trade Culture Health Defence Energy Fisheries Transport Justice Labour "
    "Education Tourism"
)
_MONTHS = _words(
    "January February March April May June July August September October November December"
)
_ORDINALS = _words("first second third fourth fifth sixth seventh eighth ninth")
# Countries the built-in gazetteer knows, so that "Talvorad, Kenya" can be contradicted.
_COUNTRIES = _words(
    "Argentina Australia Austria Belgium Brazil Canada Chile Denmark Egypt Finland France "
    "Germany Ghana Greece Hungary Iceland India Indonesia Ireland Italy Japan Kenya Mexico "
    "Morocco Nepal Nigeria Norway Peru Poland Portugal Romania Spain Sweden Thailand "
    "Turkey Ukraine Uruguay Vietnam"
)


def _syllable_word(n: int, count: int) -> str:
    """Return the ``n``-th word of ``count`` syllables (one word per n below 40**count)."""
    space = len(_SYLLABLES) ** count
    n = (n * 7919 + 1301) % space  # scrambled, still one-to-one: 7919 is prime to the space
    parts = []
    for _ in range(count):
        n, r = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[r])
    return "".join(parts)


def _place_name(j: int) -> str:
    stem, end = divmod(j, len(_PLACE_ENDS))
    return (_syllable_word(stem, 2) + _PLACE_ENDS[end]).capitalize()


def _given_name(k: int) -> str:
    return (_syllable_word(k % 997, 2) + "a").capitalize()


def _surname(k: int) -> str:
    stem, end = divmod(k % 12_800, len(_SURNAME_ENDS))
    return (_syllable_word(stem, 2) + _SURNAME_ENDS[end]).capitalize()


@dataclass(frozen=True)
class Place:
    """A city and the country it lies in."""

    id: str
    name: str
    country: str


@dataclass(frozen=True)
class Term:
    """One title a person held, with its aliases and period (``end`` None: still held)."""

    value: str
    aliases: tuple[str, ...]
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True)
class Person:
    """A person with a birth date, a birthplace and the titles they held."""

    id: str
    name: str
    born: dt.date
    birthplace: Place
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Event:
    """An event of a series (``kind`` is its trigger noun) held on one day in one place."""

    id: str
    name: str
    kind: str
    date: dt.date
    place: Place
    ordinal: int


@dataclass
class World:
    """The entities of one synthetic reference set, in id order."""

    places: list[Place] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    order: list[Place | Person | Event] = field(default_factory=list)


def _day(rng: random.Random, first: int, last: int) -> dt.date:
    start = dt.date(first, 1, 1).toordinal()
    return dt.date.fromordinal(rng.randint(start, dt.date(last, 12, 31).toordinal()))


def world(n: int, seed: int = 0) -> World:
    """Return the world of ``n`` entities: 2 in 10 places, 5 in 10 people, 3 in 10 events."""
    w = World()
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        slot = i % 10
        entity: Place | Person | Event
        if slot < 2 or not w.places:
            j = len(w.places)
            entity = Place(f"place-{j}", _place_name(j), rng.choice(_COUNTRIES))
            w.places.append(entity)
        elif slot < 7:
            k = len(w.people)
            entity = _person(rng, k, w.places)
            w.people.append(entity)
        else:
            j = len(w.events)
            # Each place hosts at most one event of each kind, so "the forum in X" is one event.
            place = w.places[j // 2]
            kind = _KINDS[j % len(_KINDS)]
            entity = Event(
                f"event-{j}",
                f"{place.name} {kind}",
                kind,
                _day(rng, 1995, 2022),
                place,
                rng.randint(1, 5),
            )
            w.events.append(entity)
        w.order.append(entity)
    return w


def _person(rng: random.Random, k: int, places: list[Place]) -> Person:
    born = _day(rng, 1940, 1985)
    start = _day(rng, born.year + 30, min(born.year + 55, 2020))
    terms: list[Term] = []
    for _ in range(rng.randint(1, 2)):
        length = dt.timedelta(days=rng.randint(365, 365 * 6))
        end = start + length if rng.random() < 0.7 or terms else None
        terms.append(Term(*_office(rng, places), start, end))
        if end is None:
            break
        start = end + dt.timedelta(days=rng.randint(30, 900))
    name = f"{_given_name(k)} {_surname(k)}"
    return Person(f"person-{k}", name, born, rng.choice(places), tuple(terms))


def _office(rng: random.Random, places: list[Place]) -> tuple[str, tuple[str, ...]]:
    roll = rng.random()
    if roll < 0.4:
        city = rng.choice(places).name
        return f"Mayor of {city}", (f"{city} Mayor", "Mayor")
    if roll < 0.8:
        portfolio = rng.choice(_PORTFOLIOS)
        return f"Minister of {portfolio}", (f"{portfolio} Minister",)
    return f"Ambassador to {rng.choice(_COUNTRIES)}", ()


# --------------------------------------------------------------------------- reference files


def reference_yaml(entities: list[Place | Person | Event]) -> str:
    """Return one reference file (SPEC section 3) holding ``entities``."""
    out = ["version: 1", "entities:"]
    for e in entities:
        if isinstance(e, Place):
            out += [
                f"  - id: {e.id}",
                "    type: city",
                f"    names: [{e.name}]",
                "    facts:",
                f"      country: {e.country}",
            ]
        elif isinstance(e, Person):
            out += [
                f"  - id: {e.id}",
                "    type: person",
                f"    names: [{e.name}]",
                "    facts:",
                f"      born: {e.born.isoformat()}",
                f"      birthplace: [{e.birthplace.name}, {e.birthplace.country}]",
                "      title:",
            ]
            for t in e.terms:
                out.append(f"        - value: {t.value}")
                if t.aliases:
                    out.append(f"          aliases: [{', '.join(t.aliases)}]")
                out.append(f"          from: {t.start.isoformat()}")
                if t.end is not None:
                    out.append(f"          to: {t.end.isoformat()}")
            out.append(f"    source: https://example.org/people/{e.id}")
        else:
            out += [
                f"  - id: {e.id}",
                f"    type: {e.kind}",
                f"    names: [{e.name}]",
                f"    triggers: [{e.kind}]",
                "    facts:",
                f"      date: {e.date.isoformat()}",
                f"      place: {e.place.name}",
                f"      ordinal: {e.ordinal}",
                f"    source: https://example.org/events/{e.id}",
            ]
    return "\n".join(out) + "\n"


def write_reference(w: World, directory: Path) -> list[Path]:
    """Write ``w`` as reference files of at most 10,000 entities each; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, start in enumerate(range(0, len(w.order), ENTITIES_PER_FILE)):
        path = directory / f"entities-{n:03d}.yaml"
        path.write_text(reference_yaml(w.order[start : start + ENTITIES_PER_FILE]), "utf-8")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- articles


@dataclass
class Article:
    """One generated article and how many facts it states, and how many of them wrongly."""

    text: str
    published: dt.date
    stated: int
    wrong: int


_FILLER = [
    "Officials declined to comment on the talks.",
    "The ministry said the figures would be published later.",
    "Analysts expect growth of about 2.5 per cent next year.",
    "About 1,200 people attended the opening session, organisers said.",
    "The committee will meet again next week to review the plan.",
    "Critics said the proposal did not go far enough.",
    "The agreement still needs the approval of parliament.",
    "Local businesses reported a rise in visitors over the weekend.",
    "Negotiators worked late into the night on the final text.",
    "A spokesperson said the delegation had arrived on Sunday.",
    "The report runs to 340 pages and cites more than 80 studies.",
    "Opposition lawmakers called for an inquiry into the costs.",
    "Security was tight around the venue, with roads closed for hours.",
    "The statement was issued shortly after midnight.",
    '"We are making progress, but there is more work to do," one official said.',
    "Tickets sold out within three days, according to the organisers.",
    "The budget for the project was set at $45 million.",
    "Observers described the mood as cautious but constructive.",
]
# Background of the length news sentences have (about 25 words), stating nothing the
# reference set knows: most of a real article's sentences.
_BACKGROUND = [
    "The talks had stalled for months over how quickly sanctions should be eased, and "
    "neither side had been willing to move first on the question.",
    "Several lawmakers who asked not to be named said they were worried that the timetable "
    "was too ambitious and that key details had been left for later.",
    "Residents near the harbour said they had grown used to the convoys of black cars and "
    "the helicopters that circled the district late into the evening.",
    "The two governments have set up working groups on trade, energy and the environment, "
    "which are expected to report back before the end of the year.",
    "Economists warned that rising interest rates and weaker exports could slow the recovery, "
    "although consumer spending has held up better than many had feared.",
    '"Nobody expects a breakthrough overnight, but the fact that they are talking at all '
    'matters a great deal," said a researcher at a policy institute.',
    "Officials spent much of the afternoon going over the wording of the joint statement, "
    "which both delegations had to approve line by line.",
    "The opposition has accused the government of rushing the deal through without proper "
    "scrutiny, and says it will press for a full debate when parliament returns.",
    "According to the latest survey, a little over half of those asked said they supported "
    "the talks, while about a third said they had doubts.",
    "Organisers said the venue had been chosen for its security and its distance from the "
    "city centre, where protests had been planned for the weekend.",
    "The ministry did not say how much the preparations had cost, but local media put the "
    "figure at several million dollars.",
    "Diplomats from neighbouring countries were briefed on the outcome shortly after the "
    "meeting ended, according to people familiar with the matter.",
]
_HEADLINES = [
    "Leaders meet as talks resume",
    "Officials review plans ahead of the vote",
    "Delegates gather for annual meeting",
    "City prepares for busy season",
    "Ministers defend spending plans",
]


@dataclass(frozen=True)
class Mix:
    """How an article's sentences are drawn: the share that state facts, and the rest."""

    share: float  # the share of sentences that state no fact about an entity
    filler: tuple[str, ...]  # what those sentences are drawn from


MIXES = {
    # Every phrasing the extractor reads, densely: about 12 checkable claims per KB.
    "dense": Mix(0.45, tuple(_FILLER)),
    # The density of real copy (the seed article and the eval suites carry about three
    # checkable claims per KB): most sentences are longer background.
    "news": Mix(0.8, tuple(_FILLER + _BACKGROUND * 2)),
}


class _Writer:
    """Writes one article's sentences about a world's entities, some of them deliberately wrong."""

    def __init__(self, w: World, rng: random.Random, published: dt.date, mix: Mix) -> None:
        self.w = w
        self.rng = rng
        self.published = published
        self.mix = mix
        self.stated = 0
        self.wrong = 0

    def wrong_now(self) -> bool:
        self.stated += 1
        wrong = self.rng.random() < WRONG_RATE
        self.wrong += wrong
        return wrong

    def sentence(self) -> str:
        """Return one sentence: a fact about an entity (most of the time) or news filler."""
        rng = self.rng
        if rng.random() < self.mix.share:
            text = rng.choice(self.mix.filler)
            if rng.random() < 0.3 and self.w.people:
                surname = rng.choice(self.w.people).name.split()[-1]
                text = f"Mr. {surname} said the talks would continue."
            return text
        writers = (self.event_date, self.event_day, self.event_trigger, self.event_ordinal)
        writers += (self.title, self.appositive, self.born, self.birthplace, self.age)
        writers += (self.country,)
        for _ in range(5):
            text = rng.choice(writers)()
            if text is not None:
                return text
        return rng.choice(_FILLER)

    def _month(self, right: int) -> str:
        if self.wrong_now():
            return _MONTHS[(right - 1 + self.rng.randint(1, 11)) % 12]
        return _MONTHS[right - 1]

    def _event(self) -> Event | None:
        return self.rng.choice(self.w.events) if self.w.events else None

    def _person(self) -> Person:
        return self.rng.choice(self.w.people)

    def event_date(self) -> str | None:
        e = self._event()
        if e is None:
            return None
        return f"Delegates gathered at the {e.name} in {self._month(e.date.month)}."

    def event_day(self) -> str | None:
        e = self._event()
        if e is None:
            return None
        day = e.date
        if self.wrong_now():
            day += dt.timedelta(days=self.rng.choice((-9, -3, 4, 11)))
        return f"Preparations for the {_MONTHS[day.month - 1]} {day.day} {e.name} were settled."

    def event_trigger(self) -> str | None:
        e = self._event()
        if e is None:
            return None
        ordinal = self._ordinal(e)
        month = self._month(e.date.month)
        where = e.place.name
        return f"Their {_ORDINALS[ordinal - 1]} {e.kind} in {where} in {month} set the agenda."

    def _ordinal(self, e: Event) -> int:
        """Return ``e``'s ordinal, or (for a planted error) another one in 1..5."""
        return e.ordinal % 5 + 1 if self.wrong_now() else e.ordinal

    def event_ordinal(self) -> str | None:
        e = self._event()
        if e is None:
            return None
        ordinal = self._ordinal(e)
        return f"It was the {_ORDINALS[ordinal - 1]} {e.name}, officials said."

    def _term(self, p: Person) -> tuple[Term, bool] | None:
        """Return a term of ``p`` and whether it ended before publication (None: not yet begun)."""
        started = [t for t in p.terms if t.start <= self.published]
        if not started:
            return None
        term = self.rng.choice(started)
        return term, term.end is not None and term.end < self.published

    def title(self) -> str | None:
        p = self._person()
        found = self._term(p)
        if found is None:
            return None
        term, ended = found
        if term.end is not None and term.end == self.published:
            return None
        phrase = self.rng.choice((term.value, *term.aliases))
        former = ended != self.wrong_now()
        return f"{'Former ' if former else ''}{phrase} {p.name} spoke to reporters."

    def appositive(self) -> str | None:
        p = self._person()
        found = self._term(p)
        if found is None:
            return None
        term, ended = found
        if self.wrong_now():
            city = self.rng.choice(self.w.places).name
            phrase = f"Mayor of {city}"
            if any(phrase in (t.value, *t.aliases) for t in p.terms):
                self.wrong -= 1
        else:
            phrase = term.value
        former = "former " if ended else ""
        return f"{p.name}, the {former}{phrase}, said the plan would work."

    def born(self) -> str:
        p = self._person()
        day = p.born
        if self.wrong_now():
            day += dt.timedelta(days=self.rng.choice((-40, -2, 5, 366)))
        return f"{p.name} was born on {_MONTHS[day.month - 1]} {day.day}, {day.year}."

    def birthplace(self) -> str:
        p = self._person()
        place = p.birthplace
        if self.wrong_now():
            other = self.rng.choice(self.w.places)
            if other.name == place.name or other.country == place.country:
                self.wrong -= 1
            place = other
        return f"{p.name} was born in {place.name}."

    def age(self) -> str | None:
        p = self._person()
        if p.born >= self.published:
            return None
        years = self.published.year - p.born.year
        if (self.published.month, self.published.day) < (p.born.month, p.born.day):
            years -= 1
        if self.wrong_now():
            years += self.rng.choice((-4, 3, 10))
        return f"{p.name}, {years}, said the plan would work."

    def country(self) -> str:
        place = self.rng.choice(self.w.places)
        country = place.country
        if self.wrong_now():
            country = self.rng.choice([c for c in _COUNTRIES if c != country])
        return f"The talks in {place.name}, {country} went well."


def article(w: World, seed: int, words: int = 600, mix: str = "dense") -> Article:
    """Return one article of about ``words`` words about ``w``, deterministic in ``seed``.

    ``mix`` names how densely it states facts (`MIXES`).
    """
    rng = random.Random(f"article:{seed}")
    published = _day(rng, 2000, 2023)
    writer = _Writer(w, rng, published, MIXES[mix])
    month = _MONTHS[published.month - 1][:3]
    lines = [f"Published : {month} {published.day}, {published.year}", "", rng.choice(_HEADLINES)]
    count = 0
    while count < words:
        paragraph = " ".join(writer.sentence() for _ in range(rng.randint(3, 5)))
        count += len(paragraph.split())
        lines += ["", paragraph]
    return Article("\n".join(lines) + "\n", published, writer.stated, writer.wrong)


def articles(w: World, total_bytes: int, seed: int = 0, mix: str = "dense") -> Iterator[Article]:
    """Yield articles about ``w`` until their UTF-8 text adds up to ``total_bytes``."""
    size = 0
    n = 0
    while size < total_bytes:
        a = article(w, seed * 1_000_003 + n, mix=mix)
        size += len(a.text.encode("utf-8"))
        n += 1
        yield a


def write_corpus(
    w: World, directory: Path, total_bytes: int, seed: int = 0, mix: str = "dense"
) -> tuple[int, int]:
    """Write articles as ``NNNNN.txt`` under ``directory``; return (facts stated, facts wrong)."""
    directory.mkdir(parents=True, exist_ok=True)
    stated = wrong = 0
    for n, a in enumerate(articles(w, total_bytes, seed, mix)):
        (directory / f"{n:05d}.txt").write_text(a.text, "utf-8")
        stated += a.stated
        wrong += a.wrong
    return stated, wrong


def main() -> None:
    """Write a reference set and a corpus as the command line asks."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--entities", type=int, default=1000, help="entities in the reference set")
    p.add_argument("--corpus-bytes", type=int, default=1_000_000, help="size of the corpus")
    p.add_argument("--corpus-entities", type=int, help="entities the articles talk about")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--mix", choices=sorted(MIXES), default="dense", help="how densely articles state facts"
    )
    p.add_argument("out", type=Path, help="directory to write facts/ and articles/ into")
    args = p.parse_args()
    full = world(args.entities, args.seed)
    write_reference(full, args.out / "facts")
    small = world(args.corpus_entities, args.seed) if args.corpus_entities else full
    out = args.out / "articles"
    stated, wrong = write_corpus(small, out, args.corpus_bytes, args.seed, args.mix)
    print(f"{len(full.order)} entities, {stated} facts stated in articles, {wrong} wrong")


if __name__ == "__main__":
    main()
