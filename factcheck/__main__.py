"""Run factcheck as ``python -m factcheck``."""

from factcheck.cli import console

console()
