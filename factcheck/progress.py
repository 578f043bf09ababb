"""A progress bar on standard error for long runs: files checked of all, and the time left.

It is shown only when standard error is a terminal and the report does not go to the same
terminal (``-o FILE``, or standard output piped), so that it never mixes with the report;
only once a run has taken ``delay`` seconds, so that a quick check never flashes one; and it
is removed when the run ends. rich, which draws it, is imported only then; it respects
``NO_COLOR``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO, Any


class FileProgress:
    """Counts the files of a run, and draws a bar for them once the run is long enough."""

    def __init__(
        self,
        total: int,
        shown: bool,
        delay: float = 0.5,
        stream: IO[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Count ``total`` files; draw on ``stream`` (standard error) only if ``shown``."""
        self.total = total
        self.done = 0
        self._shown = shown and total > 1
        self._clock = clock
        self._since = clock()
        self._delay = delay
        self._stream = stream
        self._bar: Any = None  # rich's Progress, once drawn
        self._task: Any = None

    @staticmethod
    def wanted(quiet: bool, report_to_stdout: bool) -> bool:
        """Tell whether this process's terminal can show a bar beside the report."""
        if quiet or not sys.stderr.isatty():
            return False
        return not (report_to_stdout and sys.stdout.isatty())

    def advance(self) -> None:
        """Count one more file checked (or unreadable), drawing the bar once it is due."""
        self.done += 1
        if self._bar is None and self._shown and self._clock() - self._since >= self._delay:
            self._draw()
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done)

    def close(self) -> None:
        """Remove the bar, if one was drawn."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> FileProgress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _draw(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        # Drawn only where `wanted` found a terminal (or a test gave its own stream).
        console = Console(file=self._stream or sys.stderr, force_terminal=True)
        self._bar = Progress(
            TextColumn("checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files,"),
            TimeRemainingColumn(),
            TextColumn("left"),
            console=console,
            transient=True,
        )
        self._task = self._bar.add_task("check", total=self.total, completed=self.done)
        self._bar.start()
