"""Checks many articles, on one process or several, yielding results in the input's order.

With ``jobs`` above 1 a process pool checks the files, a few at a time. Each
worker gets its checker once, in its initializer: forked from the parent (the
default on Linux) it shares the parent's, already loaded; otherwise it builds
its own from the reference cache (`factcheck.cache`). At most a few batches per
worker are in flight, so the parent never holds more than those beyond what it
has been handed. Reports travel as pickles in which every rule is named by its
id: a rule holds its kind's module, which does not pickle, and the parent has
the same rules.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import gc
import io
import itertools
import operator
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
# Files sent to a worker at a time, and batches in flight per worker: enough to keep every
# worker busy and the cost of each exchange small, few enough to bound memory.
_BATCH = 4
_IN_FLIGHT = 2


def setup_checker(
    facts: Sequence[str],
    rule_files: Sequence[str | Path],
    overrides: Mapping[str, Override] | None = None,
    cache_dir: str | None = None,
    use_cache: bool = True,
    skip_scopes: Sequence[str] = (),
) -> Checker:
    """Return a checker for ``facts`` (through the reference cache) and the rules in ``rule_files``.

    Module-level and given plain arguments, so that a worker process can be told to call it.
    """
    from factcheck.cache import compile_reference
    from factcheck.rules.loader import load_rules

    compiled = compile_reference(facts, cache_dir=cache_dir, enabled=use_cache)
    rules = load_rules(rule_files, overrides, cache_dir=cache_dir, use_cache=use_cache)
    return compiled.checker(rules, skip_scopes)


def check_one(
    checker: Checker, task: Task, published: dt.date | None, encoding: str = "utf-8"
) -> Outcome:
    """Check one input; a file that cannot be read or crashes the checker gives error lines.

    ``encoding`` decodes an input without a byte order mark (see `document.decode`).
    """
    from factcheck.check import RuleError
    from factcheck.document import load_document
    from factcheck.errors import FactcheckError

    path, data = task
    try:
        doc = load_document(path, data, published, encoding)
    except FactcheckError as exc:
        return exc.lines()
    except Exception as exc:  # a markup reader's crash on one file must not lose the others
        return [f"{path}:1:1: internal error while reading: {exc!r} (please report this)"]
    try:
        return checker.check(doc)
    except Exception as exc:  # one file's crash must not lose the others' results
        what = str(exc) if isinstance(exc, RuleError) else repr(exc)
        return [f"{doc.path}:1:1: internal error while checking: {what} (please report this)"]


def check_all(
    tasks: Iterable[Task],
    published: dt.date | None,
    rules: Sequence[Rule],
    checker: Checker | None = None,
    setup: Callable[[], Checker] | None = None,
    jobs: int = 1,
    sent: Callable[[FileReport], FileReport] | None = None,
    encoding: str = "utf-8",
) -> Iterator[Outcome]:
    """Yield the outcome of every task, in order, checked here or on ``jobs`` processes.

    With one job ``checker`` checks (``setup()`` builds it if not given). With more, a
    worker forked from this process uses ``checker`` as it inherited it; one started
    afresh (another start method) calls ``setup``, which must pickle (a module-level
    function or a partial of one). ``rules`` are the rules the checker applies, to restore
    them in the reports. ``sent``, if given, is what a worker does to each report before
    sending it (`leave_results`, or a partial of it); it too must pickle. ``encoding``
    decodes the inputs that have no byte order mark.

    What is loaded by then (the compiled reference above all: a million objects for 100k
    entities) is moved out of the cyclic garbage collector's sight with `gc.freeze` for
    the run, so that its collections, which checking triggers again and again, do not walk
    it each time.
    """
    gc.freeze()
    try:
        if jobs <= 1:
            local = checker if checker is not None else setup() if setup is not None else None
            if local is None:
                raise ValueError("check_all needs a checker or a setup")
            for task in tasks:
                yield check_one(local, task, published, encoding)
        else:
            yield from _check_on_pool(tasks, published, rules, checker, setup, jobs, sent, encoding)
    finally:
        gc.unfreeze()


def _check_on_pool(
    tasks: Iterable[Task],
    published: dt.date | None,
    rules: Sequence[Rule],
    checker: Checker | None,
    setup: Callable[[], Checker] | None,
    jobs: int,
    sent: Callable[[FileReport], FileReport] | None,
    encoding: str,
) -> Iterator[Outcome]:
    """Yield the outcomes of `check_all` checked on ``jobs`` processes, in input order."""
    if setup is None:
        raise ValueError("checking on several processes needs a setup for the workers")
    by_id = {rule.id: rule for rule in rules}
    if checker is not None:
        _WORKER["checker"] = checker  # what a forked worker finds already there
    try:
        with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(setup,)) as pool:
            pending: collections.deque[Future[bytes]] = collections.deque()
            for batch in _batches(tasks, _BATCH):
                pending.append(pool.submit(_work, batch, published, sent, encoding))
                if len(pending) >= jobs * _IN_FLIGHT:
                    yield from _handed_on(_decode(pending.popleft().result(), by_id))
            while pending:
                yield from _handed_on(_decode(pending.popleft().result(), by_id))
    finally:
        _WORKER.clear()


def _handed_on(outcomes: list[Outcome]) -> Iterator[Outcome]:
    """Yield ``outcomes`` in order, each dropped from the list as it is yielded.

    The caller streams reports: one it has finished with must not stay alive in the list
    until the rest of its batch has been handed on.
    """
    outcomes.reverse()
    while outcomes:
        yield outcomes.pop()


def _batches(tasks: Iterable[Task], size: int) -> Iterator[tuple[Task, ...]]:
    """Yield ``tasks`` in tuples of ``size`` (the last one shorter), reading them lazily."""
    it = iter(tasks)
    while batch := tuple(itertools.islice(it, size)):
        yield batch


_WORKER: dict[str, Checker] = {}


def _start_worker(setup: Callable[[], Checker]) -> None:
    if "checker" not in _WORKER:
        _WORKER["checker"] = setup()
    gc.freeze()


def _work(
    batch: Sequence[Task],
    published: dt.date | None,
    sent: Callable[[FileReport], FileReport] | None,
    encoding: str,
) -> bytes:
    outcomes = [check_one(_WORKER["checker"], task, published, encoding) for task in batch]
    if sent is not None:
        outcomes = [o if isinstance(o, list) else sent(o) for o in outcomes]
    out = io.BytesIO()
    _ReportPickler(out).dump(outcomes)
    return out.getvalue()


def leave_results(report: FileReport, json_claims: bool = False) -> FileReport:
    """Return ``report`` with its results left behind, as a worker sends it (`FileReport.tally`).

    Results are most of a report: pickling them in the worker and rebuilding them in the
    parent cost more CPU than the parent's every other task. When no output reads them one by
    one, their counts do; ``json_claims`` adds the JSON report's list of them, rendered here.
    """
    if not json_claims:
        return report.left_behind()
    from factcheck.reporters.json import encode_claims

    return report.left_behind(encode_claims(report))


def _decode(data: bytes, rules: Mapping[str, Rule]) -> list[Outcome]:
    outcomes: list[Outcome] = _RuleUnpickler(io.BytesIO(data), rules).load()
    return outcomes


class _ReportPickler(pickle.Pickler):
    """Pickles reports with each rule replaced by its id, and dataclasses as calls.

    A dataclass with slots otherwise goes through Python-level ``__getstate__`` and
    ``__setstate__``; as a call of its class with its fields, read by one C-level
    `operator.attrgetter`, it pickles and unpickles several times faster. A rule is
    pickled as a call of `_rule` with its id, which the parent's `_RuleUnpickler`
    answers with its own rule (no ``persistent_id``: the pickler would call it for
    every object).
    """

    def __init__(self, file: io.BytesIO) -> None:
        from factcheck.rules.base import Rule

        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self._rule = Rule
        self._fields: dict[type, Callable[[Any], tuple[Any, ...]] | None] = {}

    def reducer_override(self, obj: object) -> Any:
        cls = type(obj)
        if cls not in self._fields:
            self._fields[cls] = None if issubclass(cls, self._rule) else _fields_of(cls)
        fields = self._fields[cls]
        if fields is not None:
            return cls, fields(obj)
        if isinstance(obj, self._rule):
            return _rule, (obj.id,)
        return NotImplemented


def _fields_of(cls: type) -> Callable[[Any], tuple[Any, ...]] | None:
    """Return what reads a dataclass's fields, if calling it with them rebuilds an instance."""
    if not dataclasses.is_dataclass(cls):
        return None
    fields = dataclasses.fields(cls)
    if not fields or not all(f.init for f in fields):
        return None
    if len(fields) == 1:
        name = fields[0].name
        return lambda obj: (getattr(obj, name),)
    return operator.attrgetter(*(f.name for f in fields))


def _rule(rule_id: str) -> Rule:
    """Stand for a rule in a pickled report: only `_RuleUnpickler` can answer it."""
    raise pickle.UnpicklingError(f"rule {rule_id!r} read outside a report unpickler")


class _RuleUnpickler(pickle.Unpickler):
    """Puts the parent's own rules back where a report names them."""

    def __init__(self, file: io.BytesIO, rules: Mapping[str, Rule]) -> None:
        super().__init__(file)
        self._rules = rules

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, "_rule"):
            return self._rules.__getitem__
        return super().find_class(module, name)
