"""A cache of compiled reference sets, so that a large set loads in a fraction of a second.

Compiling a reference set means reading its YAML, building the `Lexicon` (the
name, trigger and title matchers, the speller) and the `CandidateIndex`. For
100k entities that takes over ten seconds; the cache turns it into mapping one
file into memory and decoding the little of it that a run uses:

- each entity is its own small pickle, found by its id and decoded the first
  time the checker asks for it (`CachedReferenceSet`): an article names a few
  hundred entities of the set;
- the large lookup tables of the lexicon and the candidate index (`_TABLES`:
  names, titles, surnames, the speller's index...) are stored in buckets by a
  hash of their keys, and a bucket is decoded the first time a key in it is
  looked up (`_Table`, `_SetTable`): a run looks up a few thousand keys of
  millions;
- the rest of the lexicon and the candidate index is one pickle, read whole;
- so is the gazetteer, with its matcher built, which the process then uses
  instead of reading ``places.yaml``.

The key is the SHA-256 of every reference file's path and bytes, the factcheck
version and the bytes of the code and data that build and define what is
cached (`_COMPILED_BY`), so an edit to any of them misses and nothing stale is
ever read. Files live in
``$XDG_CACHE_HOME/factcheck`` (``~/.cache/factcheck``) or the directory given,
are written atomically, and may be deleted at any time (a file is replaced,
never changed in place, so one that a run has mapped stays whole). Each carries
a CRC of its contents, checked on every load: since most of a file is decoded
later or never, damage anywhere must be caught then. A file that cannot be read
or decoded is ignored and rebuilt. A cache file holds pickles, and loading one
runs code, as with any pickle: the directory must be writable by you alone (the
default one is).

Sets smaller than `MIN_BYTES` are compiled every time: their YAML loads about
as fast as a cache file would.
"""

from __future__ import annotations

import array
import functools
import gc
import hashlib
import io
import itertools
import mmap
import operator
import os
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from factcheck import __version__
from factcheck.reference.model import Entity, ReferenceSet

if TYPE_CHECKING:
    from factcheck.candidates import CandidateIndex
    from factcheck.check import Checker
    from factcheck.extract.mentions import Lexicon
    from factcheck.rules.base import Rule

FORMAT = 6  # the layout of a cache file; bump on any change to it
MIN_BYTES = 128 * 1024
_MAGIC = b"factcheck-reference-cache\n"
_PACKAGE = Path(__file__).resolve().parent
# Everything a compiled set is read, built or defined by: the loader and model, the
# extractors the lexicon holds (and their data), the candidate index, values, this module.
_COMPILED_BY = ("reference", "extract", "data", "candidates.py", "values.py", "cache.py")
# The large lookup tables of a compiled set, by where they are. Each is stored in buckets by a
# hash of its keys, and a run decodes only the buckets of the keys it looks up (`_Table`,
# `_SetTable`), instead of the whole table. A table a run iterates over, or asks about many
# keys of, must not be listed: that decodes most buckets (``candidates.events`` is asked
# about every candidate of a trigger). A path that no longer leads to a dict or set (the code
# changed) is stored whole, as everything else is.
_TABLES = (
    "lexicon.names._phrases",
    "lexicon.titles._phrases",
    "lexicon.triggers._phrases",
    "lexicon.surnames",
    "lexicon.place_entities",
    "lexicon.speller._known",
    "lexicon.speller._by_word",
    "candidates._months",
    "candidates._numbers",
    "candidates._places",
)
_PER_BUCKET = 8  # entries: a lookup decodes about this many
# Bytes of text to check that repay decoding one table entry up front (`Compiled.prepare_for`).
_BYTES_PER_ENTRY = 12
_BUCKET_BYTES = 4096


@dataclass(frozen=True)
class Compiled:
    """A reference set with the structures checking needs, built once for every document."""

    reference: ReferenceSet
    lexicon: Lexicon
    candidates: CandidateIndex

    def checker(self, rules: Sequence[Rule], skip_scopes: Sequence[str] = ()) -> Checker:
        """Return a checker applying ``rules`` against this set."""
        from factcheck.check import Checker

        return Checker(self.reference, rules, self.lexicon, self.candidates, skip_scopes)

    def prepare_for(self, sizes: Iterable[int]) -> None:
        """Decode the lazily read tables whole if checking texts of these sizes repays it.

        Decoding costs about 2.5 µs per table entry; a lookup in a lazily read table costs
        about 0.2 µs more per byte of text checked than one in a plain dict. ``sizes`` is
        read only as far as needed (not at all when no table is read lazily).
        """
        entries = sum(len(t) for t in _tables(self) if isinstance(t, _Buckets))
        if not entries:
            return
        needed = _BYTES_PER_ENTRY * entries
        for total in itertools.accumulate(sizes):
            if total >= needed:
                self.materialize()
                return

    def materialize(self) -> None:
        """Decode every table still read lazily from the cache into a plain dict or set.

        A lookup in a lazily read table first hashes the key's bytes; a run that checks many
        articles makes so many lookups that decoding every table once costs less.
        """
        for path in _TABLES:
            *parents, name = path.split(".")
            owner: object = self
            for parent in parents:
                owner = getattr(owner, parent, None)
            table = getattr(owner, name, None)
            if isinstance(table, _Buckets):
                setattr(owner, name, table.whole())


def default_dir() -> Path:
    """Return the user's cache directory for factcheck (``$XDG_CACHE_HOME/factcheck``)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "factcheck"


def compile_reference(
    paths: Sequence[str | os.PathLike[str]],
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    enabled: bool = True,
    min_bytes: int = MIN_BYTES,
) -> Compiled:
    """Return the compiled reference set of ``paths``, from the cache when it holds it.

    Raises `FactcheckError` for problems in the reference files, as `load_reference` does.
    With ``enabled`` false the cache is neither read nor written.
    """
    from factcheck.reference.files import reference_files

    files = reference_files(paths) if enabled else None
    size = sum(_size(f) for f in files) if files is not None else 0
    key = cache_key(files) if files is not None and size >= min_bytes else None
    folder = Path(cache_dir) if cache_dir is not None else default_dir()
    target = folder / f"{group_name(files)}-{key}.pickle" if files is not None and key else None
    if target is not None:
        cached = _read(target, key)
        if cached is not None:
            return cached
    compiled = _compile(paths)
    # A file edited while it was loaded must not be cached under its old contents.
    if target is not None and files is not None and cache_key(files) == key:
        _write(target, compiled)
    return compiled


def _compile(paths: Sequence[str | os.PathLike[str]]) -> Compiled:
    """Read the reference files and build what checking needs: what the cache saves."""
    from factcheck.candidates import CandidateIndex
    from factcheck.extract.mentions import Lexicon
    from factcheck.reference.loader import load_reference

    reference = load_reference(paths)
    return Compiled(reference, Lexicon(reference), CandidateIndex(reference.entities))


def cache_key(files: Iterable[str], compiled_by: Sequence[str] = _COMPILED_BY) -> str | None:
    """Return the key of what is compiled from ``files``, or None if one cannot be read.

    ``compiled_by`` names the parts of factcheck that read, build and define it.
    """
    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0{__version__}\0{sys.version_info[:2]}\0".encode())
    digest.update(_code_fingerprint(tuple(compiled_by)))
    for name in files:
        try:
            with open(name, "rb") as file:
                contents = hashlib.file_digest(file, "sha256").digest()
        except (OSError, ValueError):
            return None
        digest.update(os.fsencode(name) + b"\0" + contents)
    return digest.hexdigest()


@functools.cache
def _code_fingerprint(compiled_by: tuple[str, ...]) -> bytes:
    """Return a digest of the code and data that make a compiled set and define its classes."""
    digest = hashlib.sha256()
    for path in fingerprinted_files(compiled_by):
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.digest()


def fingerprinted_files(compiled_by: Sequence[str] = _COMPILED_BY) -> list[Path]:
    """Return the files of factcheck whose bytes are part of the keys of compiled sets."""
    found: list[Path] = [_PACKAGE / "cache.py"]
    for part in map(_PACKAGE.joinpath, compiled_by):
        found += [part] if part.is_file() else sorted(part.rglob("*"))
    found = list(dict.fromkeys(found))
    return [p for p in found if p.suffix in (".py", ".yaml") and "__pycache__" not in p.parts]


def _size(name: str) -> int:
    try:
        return os.path.getsize(name)
    except OSError:
        return 0


def group_name(files: Iterable[str]) -> str:
    """Name the set of files, so that a newer cache of the same set replaces the older one."""
    joined = "\0".join(os.path.realpath(f) for f in files)
    return hashlib.sha256(joined.encode("utf-8", "surrogateescape")).hexdigest()[:16]


class CachedReferenceSet(ReferenceSet):
    """A reference set read from the cache: each entity is decoded when first asked for.

    It answers what `ReferenceSet` answers; asking for ``entities`` decodes them all.
    """

    __slots__ = ("_ids", "_records")

    def __init__(self, files: Sequence[str], records: Mapping[str, bytes], ids: memoryview) -> None:
        # The base class would need every entity decoded: its slots are filled lazily instead.
        self.files = tuple(files)
        self._by_id = {}
        self._records = records  # id -> the entity's pickle
        self._ids = ids  # every id in file order, pickled

    def __len__(self) -> int:
        """Return how many entities the set holds, decoding none of them."""
        return len(self._records)

    def get(self, entity_id: str) -> Entity | None:
        """Return the entity with this id, or None."""
        found = self._by_id.get(entity_id)
        if found is None:
            record = self._records.get(entity_id)
            if record is None:
                return None
            found = pickle.loads(record)
            self._by_id[entity_id] = found
        return found

    def by_type(self, entity_type: str) -> tuple[Entity, ...]:
        """Return the entities of this type, in file order."""
        return tuple(e for e in self.entities if e.type == entity_type)

    def __getattr__(self, name: str) -> Any:
        # Reached only for a slot not yet set: ``entities`` is decoded on first use.
        if name != "entities":
            raise AttributeError(name)
        self.entities = tuple(self._entity(entity_id) for entity_id in pickle.loads(self._ids))
        return self.entities

    def _entity(self, entity_id: str) -> Entity:
        found = self.get(entity_id)
        assert found is not None
        return found


def _key_bytes(key: object) -> bytes:
    """Return the bytes a table hashes ``key`` by: equal keys give equal bytes in any process.

    Python's own hash of a string differs from one process to the next. Raises TypeError for
    a key that is not a string, a number or a tuple of them.
    """
    if isinstance(key, str):
        return key.encode("utf-8", "surrogatepass")
    if isinstance(key, tuple):
        return b"(" + b"\0".join(map(_key_bytes, key)) + b")"
    if isinstance(key, int | float):
        try:  # 1, 1.0 and True are one key to a dict, and so are 0.0 and -0.0
            return repr(float(key) + 0.0).encode()
        except OverflowError:  # an integer no float equals
            return repr(key).encode()
    raise TypeError(f"{type(key).__name__} keys have no stable hash")


class _Buckets:
    """A table stored in buckets by a stable hash of the keys; a bucket is decoded when used."""

    __slots__ = ("_data", "_decoded", "_ends", "_size", "_zipped")

    def __init__(self, data: memoryview, ends: Sequence[int], size: int, zipped: bool) -> None:
        self._data = data  # the buckets' pickles, one after another
        self._ends = ends  # where each bucket ends in ``data``
        self._size = size
        self._zipped = zipped  # whether each bucket's pickle is compressed
        self._decoded: list[Any] = [None] * len(ends)

    def _bucket(self, i: int) -> Any:
        found = self._decoded[i]
        if found is None:
            encoded = self._data[self._ends[i - 1] if i else 0 : self._ends[i]]
            found = pickle.loads(zlib.decompress(encoded) if self._zipped else encoded)
            self._decoded[i] = found
        return found

    def _bucket_of(self, key: object) -> Any:
        """Return the bucket ``key`` belongs in, or None for a key no table can hold."""
        try:
            hashed = zlib.crc32(_key_bytes(key))
        except TypeError:
            return None
        return self._bucket(hashed % len(self._decoded))

    def _all(self) -> Iterator[Any]:
        return map(self._bucket, range(len(self._decoded)))

    def whole(self) -> Any:
        """Return the table as the plain dict or set it was built from, every bucket decoded."""
        whole: dict[Any, Any] | set[Any] = {} if isinstance(self, _Table) else set()
        for bucket in self._all():
            whole.update(bucket)
        return whole

    def __len__(self) -> int:
        return self._size

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._size} from the reference cache>"


class _Table(_Buckets, MutableMapping[Any, Any]):
    """A dict read from the cache: looking a key up decodes its bucket only."""

    __slots__ = ()

    def get(self, key: object, default: Any = None) -> Any:
        bucket = self._bucket_of(key)
        return default if bucket is None else bucket.get(key, default)

    def __getitem__(self, key: object) -> Any:
        bucket = self._bucket_of(key)
        if bucket is None:
            raise KeyError(key)
        return bucket[key]

    def __contains__(self, key: object) -> bool:
        bucket = self._bucket_of(key)
        return bucket is not None and key in bucket

    def __setitem__(self, key: object, value: Any) -> None:
        bucket = self._bucket_of(key)
        if bucket is None:
            raise TypeError(f"{type(key).__name__} keys have no stable hash")
        self._size += key not in bucket
        bucket[key] = value

    def __delitem__(self, key: object) -> None:
        bucket = self._bucket_of(key)
        if bucket is None:
            raise KeyError(key)
        del bucket[key]
        self._size -= 1

    def __iter__(self) -> Iterator[Any]:
        for bucket in self._all():
            yield from list(bucket)

    def __reduce__(self) -> tuple[Any, ...]:
        return dict, (dict(self.items()),)


class _SetTable(_Buckets, Set[Any]):
    """A set read from the cache: testing for a member decodes its bucket only."""

    __slots__ = ()

    def __contains__(self, member: object) -> bool:
        bucket = self._bucket_of(member)
        return bucket is not None and member in bucket

    def __iter__(self) -> Iterator[Any]:
        for bucket in self._all():
            yield from bucket

    def __reduce__(self) -> tuple[Any, ...]:
        return frozenset, (list(self),)


class _Sections:
    """The data of a cache file being written: pickles and tables, each at its offset."""

    def __init__(self, named: dict[int, Any]) -> None:
        self.out = io.BytesIO()
        self.named = named  # objects stored apart, by id: no table may hold one

    def pickle(self, obj: object) -> tuple[int, int]:
        """Write ``obj`` as a pickle; return where it is."""
        start = self.out.tell()
        _Pickler(self.out, self.named).dump(obj)
        return start, self.out.tell()

    def table(self, obj: object, zipped: bool = False) -> tuple[Any, ...] | None:
        """Write a dict or set in buckets; return where and how, or None if it cannot be."""
        key: Callable[[Any], Any]
        if type(obj) is dict:
            kind, items, key = "dict", list(obj.items()), operator.itemgetter(0)
        elif type(obj) in (set, frozenset):
            kind, items, key = "set", list(cast(Set[Any], obj)), _same
        else:
            return None
        encoded = io.BytesIO()
        ends = array.array("Q")
        try:
            _Plain(encoded, self.named).dump(items)
            # About _PER_BUCKET entries a bucket, fewer when they are large.
            count = min(len(items), encoded.tell() // _BUCKET_BYTES)
            buckets: list[list[Any]] = [[] for _ in range(max(1, len(items) // _PER_BUCKET, count))]
            for item in items:
                buckets[zlib.crc32(_key_bytes(key(item))) % len(buckets)].append(item)
            encoded = io.BytesIO()
            for bucket in buckets:
                data = io.BytesIO()
                _Plain(data, self.named).dump(dict(bucket) if kind == "dict" else frozenset(bucket))
                encoded.write(zlib.compress(data.getvalue()) if zipped else data.getvalue())
                ends.append(encoded.tell())
        except (TypeError, _Named):  # a key without a stable hash; an object stored apart
            return None
        start = self.out.tell()
        self.out.write(encoded.getvalue())
        return kind, start, self.out.tell(), ends, len(items), zipped


def _same(item: Any) -> Any:
    return item


class _Named(Exception):
    """Raised when a table's entry holds an object stored apart (the reference set)."""


class _Plain(pickle.Pickler):
    """Pickles a table's bucket, which must stand alone."""

    def __init__(self, file: io.BytesIO, named: dict[int, Any]) -> None:
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self._named = named

    def persistent_id(self, obj: object) -> None:
        if id(obj) in self._named:
            raise _Named
        return None


class _Pickler(pickle.Pickler):
    """Pickles with some objects left out by name: the reference set, the gazetteer, tables."""

    def __init__(self, file: io.BytesIO, named: dict[int, Any]) -> None:
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self._named = named

    def persistent_id(self, obj: object) -> Any:
        return self._named.get(id(obj))


class _Unpickler(pickle.Unpickler):
    """Puts the reference set, the gazetteer and the tables back where they were named."""

    def __init__(self, pickled: memoryview, named: Mapping[str, object], data: memoryview) -> None:
        super().__init__(io.BytesIO(pickled))
        self._named = named
        self._data = data  # where the tables are

    def persistent_load(self, pid: Any) -> object:
        if isinstance(pid, str) and pid in self._named:
            return self._named[pid]
        if isinstance(pid, tuple) and pid[:1] == ("table",):
            return _table(self._data, pid[1:])
        raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")


def _table(data: Any, where: tuple[Any, ...]) -> _Table | _SetTable:
    kind, start, end, ends, size, zipped = where
    cls = _Table if kind == "dict" else _SetTable
    return cls(data[start:end], ends, size, zipped)


def _tables(compiled: Compiled) -> Iterator[object]:
    """Yield the large lookup tables of ``compiled`` that `_TABLES` names and it still has."""
    for path in _TABLES:
        found: object = compiled
        for name in path.split("."):
            found = getattr(found, name, None)
        if found is not None:
            yield found


def _computed(obj: object) -> None:
    """Compute the cached properties of ``obj`` now, so that the cache stores them too."""
    for cls in type(obj).__mro__:
        for name, attribute in vars(cls).items():
            if isinstance(attribute, functools.cached_property):
                getattr(obj, name)


def _write(target: Path, compiled: Compiled) -> None:
    """Write the cache file for ``compiled``, replacing older ones of the same files."""
    places = compiled.lexicon.gazetteer
    for obj in (compiled.lexicon, compiled.candidates, places):
        _computed(obj)
    named: dict[int, Any] = {id(compiled.reference): "reference"}
    sections = _Sections(named)
    entities = compiled.reference.entities
    records = {e.id: pickle.dumps(e, pickle.HIGHEST_PROTOCOL) for e in entities}
    header: dict[str, Any] = {
        "key": target.stem.rsplit("-", 1)[1],
        "files": tuple(compiled.reference.files),
        "entities": sections.table(records, zipped=True),
        "ids": sections.pickle([e.id for e in entities]),
        "gazetteer": sections.pickle(places),
    }
    named[id(places)] = "gazetteer"
    for table in _tables(compiled):
        where = sections.table(table)
        if where is not None:
            named[id(table)] = ("table", *where)
    header["lexicon"] = sections.pickle((compiled.lexicon, compiled.candidates))
    encoded = pickle.dumps(header, pickle.HIGHEST_PROTOCOL)
    _store(target, b"".join([len(encoded).to_bytes(8, "big"), encoded, sections.out.getvalue()]))


def write_pickle(target: Path, key: str, obj: object) -> None:
    """Write ``obj`` to the small cache file ``target`` under ``key``, as `_write` writes sets."""
    _store(target, pickle.dumps((key, obj), pickle.HIGHEST_PROTOCOL))


def _store(target: Path, body: bytes) -> None:
    """Write ``body`` with the magic and its CRC, replacing older files of the same name group.

    A name is ``<group>-<key>.pickle``; a cache that cannot be written only costs the next
    run the time it would have saved.
    """
    from factcheck.atomic import write_atomic_bytes

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic_bytes(target, _MAGIC + zlib.crc32(body).to_bytes(4, "big") + body)
        for old in target.parent.glob(target.name.rsplit("-", 1)[0] + "-*.pickle"):
            if old != target:
                old.unlink()
    except OSError:
        pass


def read_pickle(target: Path, key: str) -> Any:
    """Return what `write_pickle` wrote to ``target`` under ``key``, or None (missing, damaged)."""
    try:
        data = target.read_bytes()
    except OSError:
        return None
    start = len(_MAGIC) + 4
    if not data.startswith(_MAGIC) or zlib.crc32(data[start:]) != int.from_bytes(
        data[len(_MAGIC) : start], "big"
    ):
        return None
    try:
        stored, obj = pickle.loads(data[start:])
    except Exception:  # damaged: whatever the error, the file is written again
        return None
    return obj if stored == key else None


def _read(target: Path, key: str | None) -> Compiled | None:
    """Return the compiled set in ``target``, or None when it is missing, unreadable or corrupt."""
    from factcheck.candidates import CandidateIndex
    from factcheck.extract.mentions import Lexicon
    from factcheck.extract.places import gazetteer

    try:
        with open(target, "rb") as file:
            # Mapped, not read: nothing is copied, and what is decoded later is decoded from
            # the page cache.
            view = memoryview(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None
    start = len(_MAGIC) + 4
    # Entities are decoded only when asked for, so damage anywhere must be caught here.
    if view[: len(_MAGIC)] != _MAGIC or zlib.crc32(view[start:]) != int.from_bytes(
        view[len(_MAGIC) : start], "big"
    ):
        return None
    # Unpickling makes many small objects without cycles: the cyclic collector would scan
    # them again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        size = int.from_bytes(view[start : start + 8], "big")
        header = pickle.loads(view[start + 8 : start + 8 + size])
        if header["key"] != key:
            return None
        data = view[start + 8 + size :]
        records = _table(data, header["entities"])
        if not isinstance(records, _Table):
            return None
        ids_start, ids_end = header["ids"]
        reference = CachedReferenceSet(header["files"], records, data[ids_start:ids_end])
        stored_start, stored_end = header["gazetteer"]
        places = gazetteer(lambda: pickle.loads(data[stored_start:stored_end]))
        lexicon_start, lexicon_end = header["lexicon"]
        named = {"reference": reference, "gazetteer": places}
        lexicon, candidates = _Unpickler(data[lexicon_start:lexicon_end], named, data).load()
    # A damaged pickle can fail in almost any way (EOFError, UnpicklingError, KeyError,
    # AttributeError...); whatever it is, the file is rebuilt.
    except Exception:
        return None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(lexicon, Lexicon) or not isinstance(candidates, CandidateIndex):
        return None
    return Compiled(reference, lexicon, candidates)
