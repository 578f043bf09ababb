"""Finds mentions of reference-set entities, titles and places in a document's sentences.

The :class:`Lexicon` is built once per reference set (names, triggers, title
phrases, place names) and then matched against every document.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.extract.phrases import Match, PhraseMatcher, fold, words
from factcheck.extract.places import Gazetteer, KnownPlace, gazetteer
from factcheck.extract.spelling import NameSpeller
from factcheck.reference.model import Entity, ReferenceSet, ScopedFact, TextFact
from factcheck.values import Span

_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_HEAD = re.compile(r"\w+", re.UNICODE)
# Words that look like surnames but are common in news copy at a sentence start.
_NOT_SURNAMES = frozenset(
    {"the", "a", "an", "he", "she", "it", "they", "we", "in", "on", "mr", "ms"}
)


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A mention of one entity by name or by surname, or of several entities by trigger noun."""

    span: Span
    entities: tuple[str, ...]
    how: str  # "name", "surname" or "trigger"


@dataclass(frozen=True, slots=True)
class TitleMention:
    """A title phrase known from the reference set, with every person it is a title of."""

    span: Span
    phrase: str
    holders: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in text: a place entity of the reference set and/or a gazetteer place."""

    span: Span
    entity: str | None
    known: KnownPlace | None


@dataclass(frozen=True, slots=True)
class Mentions:
    """Everything the lexicon found in one sentence, each list sorted by position."""

    entities: tuple[EntityMention, ...]
    titles: tuple[TitleMention, ...]
    places: tuple[PlaceMention, ...]


_NONE = Mentions((), (), ())


def surname(name: str) -> str | None:
    """Return the word a person is called by alone: the family name, by a simple rule.

    Names whose last word is hyphenated (``Kang Kyung-wha``) put the family name
    first; others (``Stephen Biegun``) put it last. Single-word names have none.
    """
    words = name.split()
    if len(words) < 2:
        return None
    word = words[0] if "-" in words[-1] else words[-1]
    word = word.strip(".,")
    if len(word) < 2 or fold(word) in _NOT_SURNAMES or not word[0].isupper():
        return None
    return word


class Lexicon:
    """Phrase matchers for one reference set: entity names, triggers, titles and places."""

    def __init__(self, reference: ReferenceSet, places: Gazetteer | None = None) -> None:
        self.reference = reference
        self.gazetteer = places or gazetteer()
        self.names: PhraseMatcher[str] = PhraseMatcher()
        self.triggers: PhraseMatcher[str] = PhraseMatcher()
        self.titles: PhraseMatcher[str] = PhraseMatcher()
        self.surnames: dict[str, list[str]] = {}
        self.place_entities: set[str] = set()
        # "ambassador to " -> holders of some "ambassador to <country>" title
        self.title_templates: dict[str, set[str]] = {}
        for entity in reference.entities:
            self._add(entity)
        self.speller = NameSpeller(
            (name, e.id) for e in reference.entities if e.type == "person" for name in e.names
        )

    def _add(self, entity: Entity) -> None:
        for name in entity.names:
            self.names.add(name, entity.id)
            if entity.type == "person":
                short = surname(name)
                if short is not None:
                    ids = self.surnames.setdefault(short, [])
                    if entity.id not in ids:
                        ids.append(entity.id)
        for trigger in entity.triggers:
            self.triggers.add(trigger, entity.id)
        title = entity.facts.get("title")
        if title is not None:
            for phrase in title_phrases(title.value):
                self.titles.add(phrase, entity.id)
                self._add_template(phrase, entity.id)
        if "country" in entity.facts or entity.type in ("place", "city", "country"):
            self.place_entities.add(entity.id)

    def _add_template(self, phrase: str, entity_id: str) -> None:
        """Remember "ambassador to Spain" as "ambassador to <country>" for other countries."""
        for m in self.gazetteer.matcher.finditer(phrase):
            place = m.payloads[0]
            if place.is_country and not place.demonym and m.span.end == len(phrase):
                prefix = fold(phrase[: m.span.start])
                if prefix.strip():
                    self.title_templates.setdefault(prefix, set()).add(entity_id)

    @functools.cached_property
    def _templates_longest_first(self) -> list[tuple[str, set[str]]]:
        """Return the title templates, "North Korean ambassador to" before "ambassador to"."""
        return sorted(self.title_templates.items(), key=lambda t: -len(t[0]))

    def _templated_titles(
        self, text: str, sentence: Span, taken: list[Span], in_gazetteer: list[Match[KnownPlace]]
    ) -> list[TitleMention]:
        """Find titles that name a country where a known title names another one."""
        found = []
        for m in in_gazetteer:
            place = m.payloads[0]
            if not place.is_country or place.demonym or any(m.span.overlaps(t) for t in taken):
                continue
            for prefix, holders in self._templates_longest_first:
                start = m.span.start - len(prefix)
                if start >= sentence.start and fold(text[start : m.span.start]) == prefix:
                    span = Span(start, m.span.end)
                    if not any(span.overlaps(t) for t in taken):
                        found.append(TitleMention(span, span.text(text), tuple(sorted(holders))))
                    break
        return found

    def find(self, text: str, sentence: Span, recent: dict[str, str]) -> Mentions:
        """Return the mentions in ``sentence``; ``recent`` maps surnames to the last full mention.

        ``recent`` is updated as full person names are seen, so a later
        "Biegun" resolves to the most recent "Stephen Biegun" of the article.
        """
        tokens = words(text, sentence.start, sentence.end)
        # Places first: "the" starts place names, so only a match says there is one.
        known = self.gazetteer.matcher
        in_gazetteer = (
            list(known.finditer(text, sentence.start, sentence.end))
            if known.starts_in(tokens)
            else []
        )
        if (
            not in_gazetteer
            and not any(m.starts_in(tokens) for m in (self.names, self.titles, self.triggers))
            and not self._may_name_surnames(text, sentence, recent)
        ):
            return _NONE  # most sentences: no word starts a name, a title or a trigger
        names = list(self.names.finditer(text, sentence.start, sentence.end))
        taken = [m.span for m in names]
        titles = [
            TitleMention(m.span, m.phrase, self._unique(m.payloads))
            for m in self.titles.finditer(text, sentence.start, sentence.end)
            if not any(m.span.overlaps(s) for s in taken)
        ]
        taken += [t.span for t in titles]
        if self.title_templates:
            titles += self._templated_titles(text, sentence, taken, in_gazetteer)
            titles.sort(key=lambda t: t.span)
            taken += [t.span for t in titles]
        entities: list[EntityMention] = []
        for m in names:
            ids = self._unique(m.payloads)
            entities.append(EntityMention(m.span, ids, "name"))
            if len(ids) == 1:
                short = surname(m.phrase)
                if short is not None:
                    recent[short] = ids[0]
        entities += self._surnames(text, sentence, taken, recent)
        taken += [e.span for e in entities]
        for m in self.triggers.finditer(text, sentence.start, sentence.end):
            if any(m.span.overlaps(s) for s in taken):
                continue
            ids = self._unique(m.payloads)
            named = next((e for e in entities if _names_itself(text, e, m.span, ids)), None)
            if named is not None:
                # "the Apollo 11 mission": the trigger noun is part of the name's phrase
                entities[entities.index(named)] = EntityMention(
                    Span(named.span.start, m.span.end), named.entities, named.how
                )
                continue
            entities.append(EntityMention(m.span, ids, "trigger"))
        entities.sort(key=lambda e: e.span)
        places = self._places(text, entities, taken, in_gazetteer)
        return Mentions(tuple(entities), tuple(titles), tuple(places))

    @functools.cached_property
    def _unique_payloads(self) -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
        """Return a memo for `_unique`: a matched tuple (kept, so its id stays its own) by id."""
        return {}

    def _unique(self, payloads: tuple[str, ...]) -> tuple[str, ...]:
        """Return ``payloads`` without repeats, once for each tuple a matcher returns.

        A phrase's payloads come back as the same tuple every time it matches, and a title
        or a trigger can have thousands: remembered by identity, no tuple is hashed.
        """
        found = self._unique_payloads.get(id(payloads))
        if found is None or found[0] is not payloads:
            found = (payloads, tuple(dict.fromkeys(payloads)))
            self._unique_payloads[id(payloads)] = found
        return found[1]

    @functools.cached_property
    def _surname_heads(self) -> frozenset[str]:
        """Return the first run of word characters of every surname (what a sentence must hold)."""
        return frozenset(m.group() for name in self.surnames if (m := _HEAD.match(name)))

    def _may_name_surnames(self, text: str, sentence: Span, recent: dict[str, str]) -> bool:
        """Tell whether a surname of a full name seen already could be a word of the sentence."""
        if not recent:
            return False
        said = text[sentence.start : sentence.end]
        # A surname resolves only to a full name seen before, so only those can be here.
        return any(short in said for short in recent) and not self._surname_heads.isdisjoint(
            _HEAD.findall(said)
        )

    def _surnames(
        self, text: str, sentence: Span, taken: list[Span], recent: dict[str, str]
    ) -> Iterable[EntityMention]:
        if not self._may_name_surnames(text, sentence, recent):
            return  # no full name seen yet, or no word that could be a known surname
        for m in _WORD.finditer(text, sentence.start, sentence.end):
            word = m.group().rstrip(".")
            if word.endswith(("'s", "’s")):
                word = word[:-2]
            who = recent.get(word)
            if who is None or word not in self.surnames:
                continue
            span = Span(m.start(), m.start() + len(word))
            if not any(span.overlaps(s) for s in taken):
                yield EntityMention(span, (who,), "surname")

    def _places(
        self,
        text: str,
        entities: list[EntityMention],
        taken: list[Span],
        in_gazetteer: list[Match[KnownPlace]],
    ) -> list[PlaceMention]:
        places: list[PlaceMention] = []
        for e in entities:
            if e.how == "name" and len(e.entities) == 1 and e.entities[0] in self.place_entities:
                known = self.gazetteer.lookup(e.span.text(text))
                places.append(PlaceMention(e.span, e.entities[0], known))
        for m in in_gazetteer:
            if any(m.span.overlaps(s) for s in taken):
                continue
            first = text[m.span.start]
            if not first.isupper():
                continue
            places.append(PlaceMention(m.span, None, m.payloads[0]))
        places.sort(key=lambda p: p.span)
        return places


def title_phrases(value: object) -> list[str]:
    """Return every phrase (values and aliases) a time-scoped or text fact accepts."""
    if isinstance(value, ScopedFact):
        out: list[str] = []
        for term in value.terms:
            out.append(term.value)
            out.extend(term.aliases)
        return out
    if isinstance(value, TextFact):
        return list(value.options)
    return []


def _names_itself(text: str, named: EntityMention, trigger: Span, ids: tuple[str, ...]) -> bool:
    """Tell whether ``trigger`` directly follows a name of one of the entities it can mean."""
    return (
        named.how == "name"
        and named.span.end <= trigger.start
        and text[named.span.end : trigger.start].isspace()
        and any(e in ids for e in named.entities)
    )
