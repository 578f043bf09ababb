"""Checks many articles, on one process or several, yielding results in the input's order.

With ``jobs`` above 1 a process pool checks the files: each worker builds its
checker once, in its initializer, from the reference cache (`factcheck.cache`),
and sends back each file's report. At most a few files per worker are in flight
at a time, so the parent never holds more than those beyond what it has been
handed. Reports travel as pickles in which every rule is named by its id: a rule
holds its kind's module, which does not pickle, and the parent has the same rules.
"""

from __future__ import annotations

import collections
import datetime as dt
import io
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from factcheck.check import Checker, FileReport
    from factcheck.rules.base import Override, Rule

# One input: the path to report, and its bytes when they are already read (stdin).
Task: TypeAlias = tuple[str, bytes | None]
# A file's report, or the error lines that stand for it.
Outcome: TypeAlias = "FileReport | list[str]"
# Files in flight per worker: enough to keep every worker busy, few enough to bound memory.
_IN_FLIGHT = 4


def setup_checker(
    facts: Sequence[str],
    rule_files: Sequence[str | Path],
    overrides: Mapping[str, Override] | None = None,
    cache_dir: str | None = None,
    use_cache: bool = True,
) -> Checker:
    """Return a checker for ``facts`` (through the reference cache) and the rules in ``rule_files``.

    Module-level and given plain arguments, so that a worker process can be told to call it.
    """
    from factcheck.cache import compile_reference
    from factcheck.rules.loader import load_rules

    compiled = compile_reference(facts, cache_dir=cache_dir, enabled=use_cache)
    return compiled.checker(load_rules(rule_files, overrides))


def check_one(checker: Checker, task: Task, published: dt.date | None) -> Outcome:
    """Check one input; a file that cannot be read or crashes the checker gives error lines."""
    from factcheck.document import load_document
    from factcheck.errors import FactcheckError

    path, data = task
    try:
        doc = load_document(path, data, published)
    except FactcheckError as exc:
        return exc.lines()
    try:
        return checker.check(doc)
    except Exception as exc:  # one file's crash must not lose the others' results
        return [f"{doc.path}:1:1: internal error while checking: {exc!r} (please report this)"]


def check_all(
    tasks: Iterable[Task],
    published: dt.date | None,
    rules: Sequence[Rule],
    checker: Checker | None = None,
    setup: Callable[[], Checker] | None = None,
    jobs: int = 1,
) -> Iterator[Outcome]:
    """Yield the outcome of every task, in order, checked here or on ``jobs`` processes.

    With one job ``checker`` checks (``setup()`` builds it if not given); with more, each
    worker calls ``setup``, which must pickle (a module-level function or a partial of one).
    ``rules`` are the rules the checker applies, to restore them in the reports.
    """
    if jobs <= 1:
        local = checker if checker is not None else setup() if setup is not None else None
        if local is None:
            raise ValueError("check_all needs a checker or a setup")
        for task in tasks:
            yield check_one(local, task, published)
        return
    if setup is None:
        raise ValueError("checking on several processes needs a setup for the workers")
    by_id = {rule.id: rule for rule in rules}
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(setup,)) as pool:
        pending: collections.deque[Future[bytes]] = collections.deque()
        for task in tasks:
            pending.append(pool.submit(_work, task, published))
            if len(pending) >= jobs * _IN_FLIGHT:
                yield _decode(pending.popleft().result(), by_id)
        while pending:
            yield _decode(pending.popleft().result(), by_id)


_WORKER: dict[str, Checker] = {}


def _start_worker(setup: Callable[[], Checker]) -> None:
    _WORKER["checker"] = setup()


def _work(task: Task, published: dt.date | None) -> bytes:
    out = io.BytesIO()
    _RulePickler(out).dump(check_one(_WORKER["checker"], task, published))
    return out.getvalue()


def _decode(data: bytes, rules: Mapping[str, Rule]) -> Outcome:
    outcome: Outcome = _RuleUnpickler(io.BytesIO(data), rules).load()
    return outcome


class _RulePickler(pickle.Pickler):
    """Pickles a report with each rule replaced by its id."""

    def __init__(self, file: io.BytesIO) -> None:
        from factcheck.rules.base import Rule

        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self._rule = Rule

    def persistent_id(self, obj: object) -> str | None:
        return obj.id if isinstance(obj, self._rule) else None


class _RuleUnpickler(pickle.Unpickler):
    """Puts the parent's own rules back where a report names them."""

    def __init__(self, file: io.BytesIO, rules: Mapping[str, Rule]) -> None:
        super().__init__(file)
        self._rules = rules

    def persistent_load(self, pid: Any) -> Rule:
        return self._rules[pid]
