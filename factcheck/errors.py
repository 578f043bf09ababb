"""The one family of errors a user can cause, each rendered as ``file:line:col: message``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Characters a terminal acts on instead of showing: C0 and C1 controls (ESC starts the
# sequences that recolour, retitle or clear it) and the bidirectional overrides and isolates
# that make text display in an order other than the one it is read in ("Trojan Source").
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located at 1-based line and column."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{printable(self.path)}:{self.line}:{self.column}: {printable(self.message)}"


class FactcheckError(Exception):
    """A user-caused error (bad input, bad reference set, bad option): exit code 2, no traceback."""

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        self.problems: tuple[Problem, ...] | None
        if isinstance(problems, str):
            self.problems = None
            super().__init__(problems)
        else:
            self.problems = tuple(problems)
            super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        """Return the one-line messages this error stands for."""
        if self.problems is None:
            return [str(self)]
        return [str(p) for p in self.problems]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ``' (did you mean "x"?)'`` for the closest choice, or an empty string."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def printable(text: str) -> str:
    """Return ``text`` with each control or bidirectional formatting character escaped.

    Article text, file names and values from files reach terminals and CI logs: escaped as
    ``\\x1b`` or ``\\u202e``, they can neither act on the terminal nor split a message line.
    """
    return _UNPRINTABLE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
