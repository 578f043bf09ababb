"""The progress bar: drawn on standard error for long runs only, never over the report."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.progress import FileProgress
from tests.conftest import ROOT


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


# (files, shown, seconds before each file) -> whether a bar is drawn
ROWS = {
    "long run": (10, True, 0.2, True),
    "quick run: done before the delay": (10, True, 0.01, False),
    "one file": (1, True, 1.0, False),
    "not wanted (no terminal, --quiet)": (10, False, 1.0, False),
}


@pytest.mark.parametrize(("files", "shown", "step", "drawn"), ROWS.values(), ids=ROWS.keys())
def test_a_bar_is_drawn_for_long_runs_only(
    files: int, shown: bool, step: float, drawn: bool
) -> None:
    out, clock = io.StringIO(), Clock()
    with FileProgress(files, shown, delay=0.5, stream=out, clock=clock) as progress:
        for _ in range(files):
            clock.now += step
            progress.advance()
        assert progress.done == files
    assert ("checking" in out.getvalue()) is drawn
    if drawn:
        assert f"{files}/{files}" in out.getvalue()


# (--quiet, report on stdout, stderr a terminal, stdout a terminal) -> wanted
WANTED = [
    (False, False, True, True, True),  # -o FILE: the terminal has room for a bar
    (False, True, True, False, True),  # the report piped on
    (False, True, True, True, False),  # the report on the same terminal: no bar over it
    (False, False, False, True, False),  # standard error is not a terminal
    (True, False, True, True, False),  # --quiet
]


@pytest.mark.parametrize(("quiet", "to_stdout", "err_tty", "out_tty", "wanted"), WANTED)
def test_a_bar_is_wanted_only_beside_the_report(
    monkeypatch: pytest.MonkeyPatch,
    quiet: bool,
    to_stdout: bool,
    err_tty: bool,
    out_tty: bool,
    wanted: bool,
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: err_tty)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: out_tty)
    assert FileProgress.wanted(quiet, to_stdout) is wanted


def test_no_bar_over_a_report_printed_on_the_terminal(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text("The summit was held in July.\n", "utf-8")
    main, other = pty.openpty()  # the report and standard error on one terminal
    try:
        done = subprocess.run(
            [sys.executable, "-m", "factcheck.cli", "--no-color", str(tmp_path)],
            stdout=other,
            stderr=other,
            cwd=ROOT,
            env={**os.environ, "NO_COLOR": "1"},
            timeout=60,
        )
        os.close(other)
        shown = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the terminal is closed once the output is read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main)
    assert done.returncode in (0, 1)
    assert b"3 files" in shown and b"checking" not in shown
