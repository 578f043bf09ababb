"""factcheck: a fact-consistency checker for news copy.

The library API (`load_reference`, `check_text`, `Reference`) lives in
`factcheck.api` and is imported on first use, so that ``import factcheck``
and ``factcheck --help`` stay light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Reference", "__version__", "check_text", "load_reference"]

if TYPE_CHECKING:
    from factcheck.api import Reference, check_text, load_reference

_API = frozenset({"Reference", "check_text", "load_reference"})


def __getattr__(name: str) -> Any:
    if name in _API:
        from factcheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
