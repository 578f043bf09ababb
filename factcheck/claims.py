"""Builds claims (frames) from a document: an entity plus the values bound to it in its clause.

Binding is deliberately narrow. A value binds to an event only inside the
event's noun phrase ("the Feb. 27-28 summit", "their first historic summit in
Singapore in July"); a title binds to a person only when it stands right
before the name or in an appositive after it; a birth or death date binds to
the person who is the subject of "born"/"died". Anything looser would judge
values that the sentence does not state about the entity.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Protocol, TypeAlias

from factcheck.document import Document
from factcheck.extract.dates import DateMention, find_dates, may_carry_weekday
from factcheck.extract.mentions import EntityMention, Lexicon, Mentions, PlaceMention
from factcheck.extract.numbers import NumberMention, find_numbers, units_agree
from factcheck.extract.ordinals import OrdinalMention, find_ordinals
from factcheck.extract.phrases import TOKEN, PhraseMatcher
from factcheck.extract.places import KnownPlace
from factcheck.extract.sentences import split_clauses, split_sentences
from factcheck.reference.model import Entity, NumberFact, RefFact, TextFact
from factcheck.values import DateValue, PartialDate, Span

EVENT_ATTRIBUTES = ("date", "place", "ordinal")


@dataclass(frozen=True, slots=True)
class PlaceValue:
    """A place as stated: its words, the reference entity it names, and what the gazetteer knows."""

    text: str
    entity: str | None
    known: KnownPlace | None


@dataclass(frozen=True, slots=True)
class TitleValue:
    """A title as stated next to a person, with its qualifier ("former", "then-", "acting")."""

    phrase: str
    qualifier: str | None


@dataclass(frozen=True, slots=True)
class OrdinalValue:
    """An ordinal as stated ("second summit")."""

    value: int


@dataclass(frozen=True, slots=True)
class NameValue:
    """A name as written where it looks like a misspelling of a known one."""

    written: str
    known: str


@dataclass(frozen=True, slots=True)
class NumberValue:
    """A number as stated for a generic attribute ("turnout of 72.2%")."""

    mention: NumberMention


@dataclass(frozen=True, slots=True)
class CueSpec:
    """What a cue rule tells the claims stage: which words state which attribute of whom."""

    attribute: str
    cues: tuple[str, ...]
    value: str  # "number", "date" or "text"
    types: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WeekdayValue:
    """A weekday stated with a date ("on Tuesday, Feb. 27"), and the date it goes with."""

    weekday: int
    date: dt.date


@dataclass(frozen=True, slots=True)
class DeedValue:
    """Something a person is said to do at a dated time ("Kim said on Saturday")."""

    verb: str
    when: DateValue


@dataclass(frozen=True, slots=True)
class AgeValue:
    """An age as stated ("Kim, 35,", "is 45 years old", "died at age 27")."""

    years: int
    at_death: bool = False


Stated = (
    DateValue
    | PlaceValue
    | TitleValue
    | OrdinalValue
    | AgeValue
    | WeekdayValue
    | NumberValue
    | NameValue
    | DeedValue
)


@dataclass(frozen=True, slots=True)
class Claim:
    """One stated value about one entity, located by the words that state it.

    ``entity`` is None when a trigger frame could not choose between its
    ``candidates`` (a tie): such a claim is always unverifiable.
    """

    entity: str | None
    attribute: str
    span: Span
    value: Stated
    sentence: Span
    as_of: dt.date | None
    as_of_source: str = "published"
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Cue:
    attribute: str
    span: Span
    value: Stated


# What a trigger frame's choice depends on: the trigger's entities and its cues' values.
_ChoiceKey: TypeAlias = tuple[tuple[str, ...], tuple[tuple[str, Stated], ...]]
_CHOICES_KEPT = 4096  # choices remembered before the memo starts again


@dataclass
class _Sentence:
    span: Span
    clauses: list[Span]
    mentions: Mentions
    dates: list[DateMention]
    ordinals: list[OrdinalMention]
    # Dates already bound to an event: they are not the clause's own date, so a title or a
    # deed is not judged on them. Event claims are built first, in ClaimBuilder.claims.
    used_dates: set[Span] = field(default_factory=set)


_WORDS = re.compile(r"[\w'’.-]+|[^\w\s]", re.UNICODE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that end a noun phrase when reading left from an event's name.
_STOP = _words(
    """in on at for to with from by of and or but that which who whom whose was were is are be
    been being said says told has have had will would could should may might after before
    during since until when while as than then also not no where how what why this these those
    it its he she they we you i him her them us"""
)
_PRE_OK = _words("the a an their his her its our your this that")
# Words between an event's name and its "in/on" phrase that keep the phrase about the event
# as a whole ("the summit was held in Hanoi"). Verbs of a part of an event ("landed") are not
# here: their dates are other attributes, stated through cue rules.
_POST_SKIP = _words(
    """held scheduled set slated planned due to be take taking took place was were is will
    began begun started opened closed ended happened occurred convened"""
)
# Words before a title that change when it must have been held. "then" titles are judged only
# on the clause's own date; words that say the office was lost (or not yet won) read as such.
_QUALIFIERS = {
    "former": "former",
    "ex": "former",
    "ousted": "former",
    "deposed": "former",
    "then": "then",
    "impeached": "then",
    "jailed": "then",
    "disgraced": "then",
    "incoming": "then",
    "acting": "acting",
    "late": "late",
}
_QUALIFIER_WORDS = (
    r"former|ex-|then-|acting|outgoing|late|ousted|deposed|impeached|jailed|disgraced|incoming"
)
_QUALIFIER_RE = re.compile(rf"(?i)\b({_QUALIFIER_WORDS})\s*$")
_NEGATION = re.compile(r"(?i)\b(not|never|n't|no longer)\b|n't\b")
_BORN = re.compile(r"(?i)\b(born|birth(?:day|date| date| year)?|date of birth|year of birth)\b")
_DIED = re.compile(r"(?i)\b(died|dies|death|passed away)\b")
_BIRTHPLACE_AFTER = re.compile(
    r"\b(?i:born)\s+(?:in|at)\s+(?P<place>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*)*"
    r"(?:,\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?)"
)
_BIRTHPLACE_BEFORE = re.compile(
    r"(?P<place>[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*)*)\s+(?:is|was)\s+the\s+"
    r"(?:birthplace|place\s+(?:in\s+which|where))\b"
)
_AGE_APPOSITIVE = re.compile(r"\A,\s+(?:aged\s+)?(?P<n>\d{1,3}),")
_AGE_PREDICATE = re.compile(r"\A\s+(?:is|was)\s+(?P<n>\d{1,3})(?:\s+years?\s+old|-years?-old)\b")
_AGE_AT_DEATH = re.compile(
    r"\A\s+died\s+(?:at\s+(?:the\s+)?age\s+(?:of\s+)?|aged\s+)(?P<n>\d{1,3})\b"
)
# A person's own act, the verb right after the name ("Kim said", "Kim will visit").
_DEED = re.compile(
    r"\s+(?:(?:also|then|later|will|would|has|had)\s+)?"
    r"(?P<verb>said|says|told|tells|met|meets|meet|visited|visits|visit|announced|announces|"
    r"spoke|speaks|arrived|arrives|wrote|writes|called|calls|attended|attends)\b"
)
_POSSESSIVE = re.compile(r"\A['’]s?\s+(?P<word>\w+)")
_LIFE_REACH = 10  # words between "born"/"died" and the date or place it governs
_LIFE_NOUNS = _words("birthday birth date birthplace death age")


# Whether a stated value agrees with an entity's fact; the rules stage supplies it, so that
# choosing among candidates uses exactly the comparison that later judges the claim.
Agrees = Callable[[Entity, str, Stated], bool]


class Shortlist(Protocol):
    """An index over a reference set that spares a trigger frame judging thousands of entities.

    `factcheck.candidates.CandidateIndex` is the one factcheck builds.
    """

    @property
    def events(self) -> AbstractSet[str]:
        """Return the entities with any of the EVENT_ATTRIBUTES (as `_is_event` finds them)."""
        ...

    def __call__(self, attribute: str, value: Stated) -> AbstractSet[str] | None:
        """Return a superset of the entities ``value`` agrees with, or None for any of them."""
        ...


class ClaimBuilder:
    """Extracts claims from documents against one reference set's lexicon."""

    def __init__(
        self,
        lexicon: Lexicon,
        agrees: Agrees,
        cue_specs: Sequence[CueSpec] = (),
        shortlist: Shortlist | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.reference = lexicon.reference
        self.agrees = agrees
        self.shortlist = shortlist
        # The event entities among a mention's entities, by the mention's entity tuple.
        self._events: dict[tuple[str, ...], list[str]] = {}
        # Choices already made, by the trigger's entities and the cues: the same trigger
        # with the same cues ("the summit in June") recurs across an archive.
        self._chosen: dict[_ChoiceKey, tuple[str | None, tuple[str, ...]]] = {}
        self.cue_specs = tuple(cue_specs)
        self._cue_words: PhraseMatcher[CueSpec] = PhraseMatcher(
            (cue, spec) for spec in self.cue_specs for cue in spec.cues
        )

    def claims(self, doc: Document) -> list[Claim]:
        """Return every claim in ``doc``, in text order."""
        recent: dict[str, str] = {}
        out: list[Claim] = []
        for region in doc.regions:
            for span in split_sentences(doc.text, region.start, region.end):
                sent = self._sentence(doc, span, recent)
                if not sent.mentions.entities:
                    # A value binds only to a named entity (a place's country, too): without
                    # one, a sentence holds only weekdays written with dates and near misses.
                    out.extend(_weekday_claims(doc, sent))
                    out.extend(self._name_claims(doc, sent))
                    continue
                out.extend(self._event_claims(doc, sent))
                out.extend(self._title_claims(doc, sent))
                out.extend(self._country_claims(doc, sent))
                out.extend(self._life_claims(doc, sent))
                out.extend(_weekday_claims(doc, sent))
                out.extend(self._name_claims(doc, sent))
                if self.cue_specs:
                    out.extend(self._cue_claims(doc, sent))
        out.sort(key=lambda c: (c.span, c.attribute, c.entity or ""))
        return out

    def _sentence(self, doc: Document, span: Span, recent: dict[str, str]) -> _Sentence:
        text = doc.text
        mentions = self.lexicon.find(text, span, recent)
        if not mentions.entities:
            # Values bind only to a named entity; of what such a sentence can hold, only a
            # weekday written before a date needs a grammar, and it needs a weekday word.
            if not may_carry_weekday(text, span.start, span.end):
                return _Sentence(span, [], mentions, [], [])
            titles = [t.span for t in mentions.titles]
            dates = [
                d
                for d in find_dates(text, doc.published, span.start, span.end)
                if not any(d.span.overlaps(t) for t in titles)
            ]
            return _Sentence(span, [], mentions, dates, [])
        names = [e.span for e in mentions.entities] + [t.span for t in mentions.titles]
        dates = [
            d
            for d in find_dates(text, doc.published, span.start, span.end)
            if not any(d.span.overlaps(n) for n in names)
        ]
        ordinals = [
            o
            for o in find_ordinals(text, span.start, span.end)
            if not any(o.span.overlaps(n) for n in names)
        ]
        # Clauses only place what an entity mention binds to.
        return _Sentence(span, split_clauses(text, span), mentions, dates, ordinals)

    # -- events -------------------------------------------------------------

    def _event_claims(self, doc: Document, sent: _Sentence) -> Iterator[Claim]:
        for anchor in sent.mentions.entities:
            if anchor.how == "surname":
                continue
            candidates = self._events.get(anchor.entities)
            if candidates is None:
                candidates = [e for e in anchor.entities if self._is_event(e)]
                self._events[anchor.entities] = candidates
            if not candidates:
                continue
            clause = _clause_of(sent.clauses, anchor.span)
            cues = self._event_cues(doc.text, sent, anchor, clause)
            if not cues:
                continue
            for cue in cues:
                if isinstance(cue.value, DateValue):
                    sent.used_dates.add(cue.span)
            chosen, tied = (
                self._choose_once(anchor.entities, candidates, cues)
                if anchor.how == "trigger"
                else (
                    candidates[0] if len(candidates) == 1 else None,
                    tuple(candidates) if len(candidates) > 1 else (),
                )
            )
            for cue in cues:
                yield Claim(
                    chosen,
                    cue.attribute,
                    cue.span,
                    cue.value,
                    sent.span,
                    doc.published,
                    candidates=tied,
                )

    def _is_event(self, entity_id: str) -> bool:
        if self.shortlist is not None:
            return entity_id in self.shortlist.events  # no entity decoded from a cache
        entity = self.reference.get(entity_id)
        return entity is not None and any(a in entity.facts for a in EVENT_ATTRIBUTES)

    def _choose_once(
        self, key: tuple[str, ...], candidates: Sequence[str], cues: Sequence[_Cue]
    ) -> tuple[str | None, tuple[str, ...]]:
        """Return `_choose`'s answer, remembered for the trigger's entities (``key``) and cues."""
        memo = (key, tuple((cue.attribute, cue.value) for cue in cues))
        found = self._chosen.get(memo)
        if found is None:
            if len(self._chosen) >= _CHOICES_KEPT:
                self._chosen.clear()  # bounded: an archive's run must not grow without end
            found = self._chosen[memo] = self._choose(candidates, cues)
        return found

    def _choose(
        self, candidates: Sequence[str], cues: Sequence[_Cue]
    ) -> tuple[str | None, tuple[str, ...]]:
        """Pick the candidate most cues agree with; a tie (or no agreement) chooses nobody."""
        if self.shortlist is not None and len(candidates) > 1:
            shortlists = [self.shortlist(cue.attribute, cue.value) for cue in cues]
            if any(s is not None for s in shortlists):
                return self._choose_among(candidates, cues, shortlists)
        scores: dict[str, int] = {}
        for cid in candidates:
            entity = self.reference.get(cid)
            assert entity is not None
            scores[cid] = sum(self.agrees(entity, cue.attribute, cue.value) for cue in cues)
        best = max(scores.values())
        top = tuple(c for c, s in scores.items() if s == best)
        if best == 0 or len(top) > 1:
            return None, tuple(sorted(top))
        return top[0], ()

    def _choose_among(
        self,
        candidates: Sequence[str],
        cues: Sequence[_Cue],
        shortlists: list[AbstractSet[str] | None],
    ) -> tuple[str | None, tuple[str, ...]]:
        """Choose as `_choose` does, judging only candidates that could still score the best.

        A candidate's score is at most its bound, the number of shortlists it is on.
        Candidates are judged from the highest bound down, stopping below the best score
        found: lower ones can neither win nor tie. A candidate on at least ``bound`` of
        ``k`` shortlists is on one of the ``k - bound + 1`` shortest, so each level only
        looks through those. A missing shortlist (None) holds every candidate.
        """
        members = set(candidates)
        # Each cue with its shortlist, shortest first; a candidate off a cue's shortlist
        # cannot agree with that cue, so only the cues it is listed for are judged.
        ranked = sorted(
            ((cue, members if s is None else s) for cue, s in zip(cues, shortlists, strict=True)),
            key=lambda pair: len(pair[1]),
        )
        lists = [s for _, s in ranked]
        seen: set[str] = set()
        best, top = 0, []
        for bound in range(len(lists), 0, -1):
            if bound < best:
                break
            for shortlist in lists[: len(lists) - bound + 1]:
                for cid in members.intersection(shortlist):
                    if cid in seen or sum(cid in s for s in lists) != bound:
                        continue
                    seen.add(cid)
                    entity = self.reference.get(cid)
                    assert entity is not None
                    score = sum(
                        self.agrees(entity, cue.attribute, cue.value)
                        for cue, s in ranked
                        if cid in s
                    )
                    if score > best:
                        best, top = score, [cid]
                    elif score == best and score > 0:
                        top.append(cid)
        if best == 0:
            return None, tuple(sorted(candidates))
        if len(top) > 1:
            return None, tuple(sorted(top))
        return top[0], ()

    def _event_cues(
        self, text: str, sent: _Sentence, anchor: EntityMention, clause: Span
    ) -> list[_Cue]:
        cues: list[_Cue] = []
        items = self._items(text, sent)
        # Before the anchor: modifiers of the same noun phrase, read right to left.
        pos = anchor.span.start
        words = 0
        while pos > clause.start and words < 8:
            item = _item_ending(items, text, pos, clause.start)
            if item is not None:
                if item[1] is not None:
                    cues.append(item[1])
                pos = item[0].start
                continue
            tok = _token_before(text, pos, clause.start)
            if tok is None:
                break
            word = tok.text(text)
            low = word.casefold().strip("'’")
            if word in ("'", "’", "-") or low in _PRE_OK:
                pos = tok.start
                words += 1
                continue
            if not word[0].isalnum() or low in _STOP:
                break
            pos = tok.start
            words += 1
        # After the anchor: prepositional phrases stating when and where.
        pos = anchor.span.end
        steps = 0
        while pos < clause.end and steps < 25:
            steps += 1
            item = _item_starting(items, text, pos, clause.end)
            if item is not None and isinstance(item[1], _Cue) and item[1].attribute == "date":
                cues.append(item[1])
                pos = item[0].end
                continue
            tok = _token_after(text, pos, clause.end)
            if tok is None:
                break
            low = tok.text(text).casefold()
            if low in ("in", "on", "at", "during", "for"):
                nxt = _item_starting(items, text, tok.end, clause.end)
                if nxt is None or nxt[1] is None or nxt[1].attribute == "ordinal":
                    break
                cues.append(nxt[1])
                pos = nxt[0].end
                if nxt[1].attribute == "place":
                    pos = _skip_country(text, pos, sent.mentions.places)
                continue
            if low in _POST_SKIP:
                pos = tok.end
                continue
            if low in ("between", "with"):
                pos = _skip_participants(text, tok.end, clause.end, sent.mentions)
                continue
            break
        return cues

    def _items(self, text: str, sent: _Sentence) -> list[tuple[Span, _Cue | None]]:
        """Return the spans that window scans step over whole, with the cue each states."""
        items: list[tuple[Span, _Cue | None]] = []
        for d in sent.dates:
            if d.value is not None:
                items.append((d.span, _Cue("date", d.span, d.value)))
        for o in sent.ordinals:
            items.append((o.span, _Cue("ordinal", o.span, OrdinalValue(o.value))))
        place_spans = set()
        for p in sent.mentions.places:
            if p.known is not None and p.known.demonym and p.entity is None:
                items.append((p.span, None))
                continue
            place_spans.add(p.span)
            items.append((p.span, _Cue("place", p.span, _place_value(text, p))))
        for e in sent.mentions.entities:
            if e.span not in place_spans:
                items.append((e.span, None))
        for t in sent.mentions.titles:
            items.append((t.span, None))
        return items

    # -- titles -------------------------------------------------------------

    def _title_claims(self, doc: Document, sent: _Sentence) -> Iterator[Claim]:
        text = doc.text
        titles = sent.mentions.titles
        for person in sent.mentions.entities:
            if person.how == "trigger" or len(person.entities) != 1:
                continue
            pid = person.entities[0]
            entity = self.reference.get(pid)
            if entity is None or "title" not in entity.facts:
                continue
            clause = _clause_of(sent.clauses, person.span)
            for title in titles:
                qualifier = _title_next_to(text, title.span, person.span)
                if qualifier is None:
                    continue
                as_of, source = self._clause_date(doc, sent, clause)
                yield Claim(
                    pid,
                    "title",
                    title.span,
                    TitleValue(title.phrase, qualifier or None),
                    sent.span,
                    as_of,
                    source,
                )

    def _clause_date(
        self, doc: Document, sent: _Sentence, clause: Span
    ) -> tuple[dt.date | None, str]:
        """Return the date a clause states for itself ("said on April 20, 2011") or publication."""
        own = [
            d
            for d in sent.dates
            if clause.contains(d.span)
            and d.span not in sent.used_dates
            and d.value is not None
            and not d.relative
            and d.value.has_year
            and d.value.lo == d.value.hi
            and d.value.lo.granularity == "day"
        ]
        if len(own) == 1 and own[0].value is not None:
            return own[0].value.lo.first_day(), "clause"
        return doc.published, "published"

    # -- places -------------------------------------------------------------

    def _country_claims(self, doc: Document, sent: _Sentence) -> Iterator[Claim]:
        text = doc.text
        places = sent.mentions.places
        for place, country in itertools.pairwise(places):
            if place.entity is None or country.known is None or not country.known.is_country:
                continue
            if place.known is not None and place.known.is_country:
                continue  # "Singapore, Japan and China" is a list, not a place and its country
            between = text[place.span.end : country.span.start]
            if between.strip() != ",":
                continue
            after = text[country.span.end : country.span.end + 6]
            if re.match(r"\s*(,|and\b|or\b)\s*[A-Z]", after) or country.known.demonym:
                continue
            yield Claim(
                place.entity,
                "country",
                country.span,
                PlaceValue(country.span.text(text), None, country.known),
                sent.span,
                doc.published,
            )

    # -- names ----------------------------------------------------------------

    def _name_claims(self, doc: Document, sent: _Sentence) -> Iterator[Claim]:
        m = sent.mentions
        taken = [e.span for e in m.entities] + [t.span for t in m.titles]
        taken += [p.span for p in m.places]
        for miss in self.lexicon.speller.find(doc.text, sent.span.start, sent.span.end, taken):
            value = NameValue(miss.span.text(doc.text), miss.name)
            yield Claim(miss.entity, "name", miss.span, value, sent.span, doc.published)

    # -- generic attributes stated by cue words (SPEC section 8) ---------------

    def _cue_claims(self, doc: Document, sent: _Sentence) -> Iterator[Claim]:
        text = doc.text
        for clause in sent.clauses:
            mentioned = [e for e in sent.mentions.entities if clause.contains(e.span)]
            if not mentioned:
                continue  # a cue binds only to an entity the clause names
            specs = {
                spec
                for m in self._cue_words.finditer(text, clause.start, clause.end)
                for spec in m.payloads
            }
            bound = [
                (spec, ids)
                for spec in sorted(specs, key=lambda c: c.attribute)
                if (ids := self._selected(spec, mentioned))
            ]
            if not bound:
                continue
            numbers = [
                n
                for n in find_numbers(text, clause.start, clause.end)
                if not any(n.span.overlaps(s) for s in _named_spans(sent))
            ]
            for number in numbers:
                yield from self._number_claims(sent, number, bound)
            for d in sent.dates:
                if d.value is None or not clause.contains(d.span):
                    continue
                for spec, ids in bound:
                    if spec.value == "date":
                        yield self._claim_for(ids, spec.attribute, d.span, d.value, sent, doc)
            for spec, ids in bound:
                if spec.value == "text" and len(ids) == 1:
                    yield from self._text_claims(doc, sent, clause, spec.attribute, ids[0])

    def _text_claims(
        self, doc: Document, sent: _Sentence, clause: Span, attribute: str, subject: str
    ) -> Iterator[Claim]:
        """Claim the named things a clause gives for a text or entity-reference attribute.

        Only names of the kind the fact holds count: entities of the referenced
        entities' types, or places when the fact lists place names.
        """
        entity = self.reference.get(subject)
        fact = entity.facts.get(attribute) if entity else None
        if fact is None:
            return
        if isinstance(fact.value, RefFact):
            types = {ref.type for i in fact.value.ids if (ref := self.reference.get(i)) is not None}
            for e in sent.mentions.entities:
                if not clause.contains(e.span) or e.how == "trigger" or subject in e.entities:
                    continue
                kinds = {x.type for i in e.entities if (x := self.reference.get(i)) is not None}
                if len(e.entities) == 1 and kinds & types:
                    value = PlaceValue(e.span.text(doc.text), e.entities[0], None)
                    yield Claim(subject, attribute, e.span, value, sent.span, doc.published)
        elif isinstance(fact.value, TextFact):
            for p in sent.mentions.places:
                if clause.contains(p.span) and subject != p.entity:
                    value = _place_value(doc.text, p)
                    yield Claim(subject, attribute, p.span, value, sent.span, doc.published)

    def _selected(self, spec: CueSpec, mentioned: list[EntityMention]) -> tuple[str, ...]:
        """Return the entities of ``mentioned`` that ``spec`` selects, in order, once each."""
        out: list[str] = []
        for e in mentioned:
            for eid in e.entities:
                entity = self.reference.get(eid)
                if entity is None or (spec.types and entity.type not in spec.types):
                    continue
                if spec.ids and eid not in spec.ids:
                    continue
                if eid not in out:
                    out.append(eid)
        return tuple(out)

    def _number_claims(
        self, sent: _Sentence, number: NumberMention, bound: list[tuple[CueSpec, tuple[str, ...]]]
    ) -> Iterator[Claim]:
        """Bind a number to the cue attribute whose fact has the number's unit.

        "Leave won 51.9 per cent, or 17.4 million votes": the unit decides which
        attribute each number states. A number that fits no attribute, or fits
        several, states nothing we can check.
        """
        fits: list[tuple[CueSpec, tuple[str, ...]]] = []
        for spec, ids in bound:
            if spec.value != "number":
                continue
            units = {self._fact_unit(eid, spec.attribute) for eid in ids}
            if number.unit is None or any(units_agree(number.unit, u) for u in units):
                fits.append((spec, ids))
        if len(fits) != 1:
            return
        spec, ids = fits[0]
        yield Claim(
            ids[0] if len(ids) == 1 else None,
            spec.attribute,
            number.value_span,
            NumberValue(number),
            sent.span,
            None,
            candidates=ids if len(ids) > 1 else (),
        )

    def _fact_unit(self, entity_id: str, attribute: str) -> str | None:
        entity = self.reference.get(entity_id)
        fact = entity.facts.get(attribute) if entity else None
        return fact.value.unit if fact and isinstance(fact.value, NumberFact) else None

    @staticmethod
    def _claim_for(
        ids: tuple[str, ...],
        attribute: str,
        span: Span,
        value: Stated,
        sent: _Sentence,
        doc: Document,
    ) -> Claim:
        if len(ids) == 1:
            return Claim(ids[0], attribute, span, value, sent.span, doc.published)
        return Claim(None, attribute, span, value, sent.span, doc.published, candidates=ids)

    # -- lives --------------------------------------------------------------

    def _life_claims(self, doc: Document, sent: _Sentence) -> Iterator[Claim]:
        if not sent.mentions.entities:
            return
        text = doc.text
        if _NEGATION.search(sent.span.text(text)):
            return
        people = [
            p
            for p in sent.mentions.entities
            if p.how != "trigger"
            and len(p.entities) == 1
            and self._is_person(p.entities[0])
            and not _possessed(text, p.span)
        ]
        if not people:
            return
        yield from self._ages(doc, sent, people)
        yield from self._deeds(doc, sent, people)
        cues = sorted(
            [
                (m.start(), m.end(), "born")
                for m in _BORN.finditer(text, sent.span.start, sent.span.end)
            ]
            + [
                (m.start(), m.end(), "died")
                for m in _DIED.finditer(text, sent.span.start, sent.span.end)
            ]
        )
        if not cues:
            return
        for d in sent.dates:
            if d.value is None or d.relative:
                continue
            cue = _nearest_cue(cues, d.span)
            if _words_between(text, cue, d.span) > _LIFE_REACH:
                continue  # "born in 1930, walked on the Moon ... on July 20, 1969"
            for p in _subjects(people, cue, sent):
                yield Claim(p, cue[2], d.span, d.value, sent.span, doc.published)
        yield from self._birthplaces(doc, sent, people, cues)

    def _is_person(self, entity_id: str) -> bool:
        entity = self.reference.get(entity_id)
        return entity is not None and entity.type == "person"

    def _birthplaces(
        self,
        doc: Document,
        sent: _Sentence,
        people: list[EntityMention],
        cues: list[tuple[int, int, str]],
    ) -> Iterator[Claim]:
        text = doc.text
        found = [m for m in _BIRTHPLACE_AFTER.finditer(text, sent.span.start, sent.span.end)]
        found += [m for m in _BIRTHPLACE_BEFORE.finditer(text, sent.span.start, sent.span.end)]
        for m in found:
            start, end = m.span("place")
            if text[start : start + 4] == "the ":
                start += 4
            while end > start and text[end - 1] in ".,":
                end -= 1  # the sentence's full stop, not an abbreviation inside the name
            if start >= end:
                continue
            span = Span(start, end)
            if any(span.overlaps(d.span) for d in sent.dates):
                continue
            if any(span.overlaps(p.span) for p in people):
                continue
            words = span.text(text)
            entity_place = next((p for p in sent.mentions.places if p.span == span), None)
            known = self.lexicon.gazetteer.lookup(words)
            value = PlaceValue(words, entity_place.entity if entity_place else None, known)
            cue = _nearest_cue(cues, span)
            for p in _subjects(people, cue, sent):
                yield Claim(p, "birthplace", span, value, sent.span, doc.published)

    def _ages(self, doc: Document, sent: _Sentence, people: list[EntityMention]) -> Iterator[Claim]:
        text = doc.text
        for p in people:
            rest = text[p.span.end : sent.span.end]
            for pattern, at_death in (
                (_AGE_APPOSITIVE, False),
                (_AGE_PREDICATE, False),
                (_AGE_AT_DEATH, True),
            ):
                m = pattern.match(rest)
                if m is None:
                    continue
                start = p.span.end + m.start("n")
                span = Span(start, p.span.end + m.end("n"))
                clause = _clause_of(sent.clauses, p.span)
                as_of, source = self._clause_date(doc, sent, clause)
                yield Claim(
                    p.entities[0],
                    "age",
                    span,
                    AgeValue(int(m.group("n")), at_death),
                    sent.span,
                    as_of,
                    source,
                )
                break
        yield from self._age_modifiers(doc, sent, people)

    def _deeds(
        self, doc: Document, sent: _Sentence, people: list[EntityMention]
    ) -> Iterator[Claim]:
        """Claim "X said on Saturday": a person's own act, dated in the same clause.

        Only the subject right before the verb counts, and only a date of the
        act itself (none bound to an event), so a dead person's past deeds told
        without a date are never judged.
        """
        text = doc.text
        for p in people:
            entity = self.reference.get(p.entities[0])
            if entity is None or "died" not in entity.facts:
                continue  # only a death can make a dated act impossible
            m = _DEED.match(text, p.span.end, sent.span.end)
            if m is None:
                continue
            clause = _clause_of(sent.clauses, p.span)
            dates = [
                d
                for d in sent.dates
                if clause.contains(d.span) and d.value is not None and d.span not in sent.used_dates
            ]
            if len(dates) != 1 or dates[0].value is None or not dates[0].value.has_year:
                continue
            value = DeedValue(m.group("verb"), dates[0].value)
            span = Span(m.start("verb"), m.end("verb"))
            yield Claim(p.entities[0], "alive", span, value, sent.span, doc.published)

    def _age_modifiers(
        self, doc: Document, sent: _Sentence, people: list[EntityMention]
    ) -> Iterator[Claim]:
        """Claim "the 72-year-old president Moon": an age standing before a name (and title)."""
        text = doc.text
        if "year-old" not in sent.span.text(text):
            return
        titles = [t.span for t in sent.mentions.titles]
        for n in find_numbers(text, sent.span.start, sent.span.end):
            if n.unit != "age" or n.qualifier is not None or n.is_range:
                continue
            person = next((p for p in people if p.span.start >= n.span.end), None)
            if person is None or not _only_titles_between(
                text, n.span.end, person.span.start, titles
            ):
                continue
            clause = _clause_of(sent.clauses, person.span)
            as_of, source = self._clause_date(doc, sent, clause)
            value = AgeValue(int(n.value))
            yield Claim(person.entities[0], "age", n.value_span, value, sent.span, as_of, source)


def _only_titles_between(text: str, start: int, end: int, titles: Sequence[Span]) -> bool:
    """Tell whether nothing but blanks and title phrases lies between two offsets."""
    pos = start
    while pos < end:
        if text[pos].isspace():
            pos += 1
            continue
        title = next((t for t in titles if t.start == pos and t.end <= end), None)
        if title is None:
            return False
        pos = title.end
    return True


def _weekday_claims(doc: Document, sent: _Sentence) -> Iterator[Claim]:
    """Claim each weekday written with a full date; a yearless date takes the publication year."""
    for d in sent.dates:
        if d.weekday is None or d.weekday_span is None or d.value is None or d.relative:
            continue
        day = d.value.lo
        if day.granularity != "day" or d.value.lo != d.value.hi:
            continue
        if day.year is None:
            if doc.published is None:
                continue
            day = day.with_year(doc.published.year) if _exists(day, doc.published.year) else day
            if day.year is None:
                continue
        yield Claim(
            None,
            "weekday",
            d.weekday_span,
            WeekdayValue(d.weekday, day.first_day()),
            sent.span,
            doc.published,
        )


def _exists(day: PartialDate, year: int) -> bool:
    try:
        day.with_year(year)
    except ValueError:
        return False
    return True


# -- helpers --------------------------------------------------------------


def _clause_of(clauses: Sequence[Span], span: Span) -> Span:
    for clause in clauses:
        if clause.start <= span.start < clause.end:
            return clause
    return clauses[0] if clauses else span


def _place_value(text: str, place: PlaceMention) -> PlaceValue:
    return PlaceValue(place.span.text(text), place.entity, place.known)


def _item_ending(
    items: Sequence[tuple[Span, _Cue | None]], text: str, pos: int, floor: int
) -> tuple[Span, _Cue | None] | None:
    """Return the item ending at ``pos`` (skipping blanks), if any."""
    back = pos
    while back > floor and text[back - 1].isspace():
        back -= 1
    for span, cue in items:
        if span.end == back and span.start >= floor:
            return span, cue
    return None


def _item_starting(
    items: Sequence[tuple[Span, _Cue | None]], text: str, pos: int, ceiling: int
) -> tuple[Span, _Cue | None] | None:
    """Return the item starting at ``pos`` (skipping blanks), if any."""
    fwd = pos
    while fwd < ceiling and text[fwd].isspace():
        fwd += 1
    for span, cue in items:
        if span.start == fwd and span.end <= ceiling:
            return span, cue
    return None


def _token_before(text: str, pos: int, floor: int) -> Span | None:
    back = pos
    while back > floor and text[back - 1].isspace():
        back -= 1
    last = None
    for m in _WORDS.finditer(text, max(floor, back - 80), back):
        last = m
    if last is None or last.end() != back:
        return None
    return Span(last.start(), last.end())


def _token_after(text: str, pos: int, ceiling: int) -> Span | None:
    m = _WORDS.search(text, pos, ceiling)
    return None if m is None else Span(m.start(), m.end())


def _skip_country(text: str, pos: int, places: Sequence[PlaceMention]) -> int:
    """Step over ", Vietnam" after "in Hanoi": the country is judged by its own claim."""
    m = re.match(r",\s*", text[pos:])
    if m is None:
        return pos
    nxt = pos + m.end()
    for p in places:
        if p.span.start == nxt and p.known is not None and p.known.is_country:
            return p.span.end
    return pos


def _skip_participants(text: str, pos: int, ceiling: int, mentions: Mentions) -> int:
    """Step over "between US President Donald Trump and Kim Jong-un" to reach what follows."""
    spans = [e.span for e in mentions.entities] + [t.span for t in mentions.titles]
    spans += [p.span for p in mentions.places if p.known is not None and p.known.demonym]
    while True:
        fwd = pos
        while fwd < ceiling and text[fwd].isspace():
            fwd += 1
        hit = next((s for s in spans if s.start == fwd), None)
        if hit is not None:
            pos = hit.end
            continue
        m = _WORDS.match(text, fwd, ceiling)
        if m is not None and m.group().casefold() in ("and", "the", "'s", "leader"):
            pos = m.end()
            continue
        return pos


def _title_next_to(text: str, title: Span, person: Span) -> str | None:
    """Return the qualifier ('' for none) if ``title`` stands next to ``person``, else None."""
    if title.end <= person.start:
        between = text[title.end : person.start]
        if between.strip() != "":
            return None
        m = _QUALIFIER_RE.search(text[max(0, title.start - 12) : title.start])
        return _qualifier(m.group(1)) if m else ""
    if title.start >= person.end:
        between = text[person.end : title.start]
        m = re.fullmatch(
            rf",\s+(?:(?:the|a|an)\s+)?(?P<q>(?:{_QUALIFIER_WORDS})\s*)?"
            r"(?:[\w.-]+(?:\s+[\w.-]+){0,3}['’]s\s+)?",
            between,
            flags=re.IGNORECASE,
        )
        if m is None:
            return None
        after = text[title.end : title.end + 2]
        if after and not re.match(r"[,.;:)\s]|$", after):
            return None
        if after.startswith(" ") and not re.match(
            r"\s*(?:[,.;:)]|and\b|who\b|$)", text[title.end : title.end + 6]
        ):
            return None
        return _qualifier(m.group("q")) if m.group("q") else ""
    return None


def _qualifier(word: str) -> str:
    key = word.strip().strip("-").casefold()
    return _QUALIFIERS.get(key, key)


def _possessed(text: str, span: Span) -> bool:
    """Tell whether a name is a possessor of something other than a life fact ("X's cat")."""
    m = _POSSESSIVE.match(text[span.end : span.end + 40])
    if m is None:
        return False
    return m.group("word").casefold() not in _LIFE_NOUNS and m.group("word") != "date"


def _nearest_cue(cues: Sequence[tuple[int, int, str]], span: Span) -> tuple[int, int, str]:
    """Return the life cue a value belongs to: the last one before it, else the first after."""
    before = [c for c in cues if c[1] <= span.start]
    if before:
        return before[-1]
    return cues[0]


def _named_spans(sent: _Sentence) -> list[Span]:
    """Return the spans numbers inside are part of: dates and names ("Apollo 11")."""
    m = sent.mentions
    spans = [d.span for d in sent.dates] + [e.span for e in m.entities]
    return spans + [t.span for t in m.titles] + [p.span for p in m.places]


def _words_between(text: str, cue: tuple[int, int, str], span: Span) -> int:
    """Count the words between a life cue and a value, on whichever side the value is."""
    gap = text[cue[1] : span.start] if span.start >= cue[1] else text[span.end : cue[0]]
    return len(TOKEN.findall(gap))


def _subjects(people: list[EntityMention], cue: tuple[int, int, str], sent: _Sentence) -> list[str]:
    """Return the people a life cue is about: those in the cue's clause, else in the sentence."""
    clause = _clause_of(sent.clauses, Span(cue[0], cue[1]))
    inside = [p for p in people if clause.contains(p.span)]
    chosen = inside or people
    return list(dict.fromkeys(p.entities[0] for p in chosen))
