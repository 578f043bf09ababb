"""Regex building blocks the value extractors share: word alternations and month names."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Month names and their news abbreviations, as written ("Sept", "June", "Jan").
MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)


def alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of ``words``, escaped, longest first so none shadows another."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
