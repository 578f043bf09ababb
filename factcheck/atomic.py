"""Atomic file writes: a report is either the old file or the whole new one, never half."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from types import TracebackType


class AtomicWriter:
    """Writes a file in pieces to a temporary file beside it, renamed over it on `commit`.

    Until then the target keeps what it had, or stays absent. Leaving a ``with`` block
    without committing, by an exception, an interrupt or plain return, removes the temporary
    file. Opening raises `OSError` when the directory cannot take the temporary file.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        fd, self._tmp = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
        )
        try:
            self._file = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            os.unlink(self._tmp)
            raise
        self._synced = False
        self._open = True

    def write(self, text: str) -> None:
        """Append ``text``, encoded as UTF-8."""
        self._file.write(text.encode("utf-8"))

    def write_bytes(self, data: bytes) -> None:
        """Append ``data`` as it is."""
        self._file.write(data)

    def sync(self) -> None:
        """Put everything written on disk, so that `commit` is only the rename."""
        self._file.flush()
        os.fsync(self._file.fileno())
        self._synced = True

    def commit(self) -> None:
        """Replace the target with what was written; the temporary file is gone after."""
        if not self._synced:
            self.sync()
        self._file.close()
        os.replace(self._tmp, self.path)
        self._open = False

    def discard(self) -> None:
        """Remove the temporary file, leaving the target as it was; again does nothing."""
        if not self._open:
            return
        self._open = False
        with contextlib.suppress(OSError):
            self._file.close()
        with contextlib.suppress(OSError):
            os.unlink(self._tmp)

    def __enter__(self) -> AtomicWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.discard()


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same directory and a rename."""
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as `write_atomic` writes text: all of it, or nothing."""
    with AtomicWriter(path) as out:
        out.write_bytes(data)
        out.commit()
