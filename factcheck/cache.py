"""A cache of compiled reference sets, so that a large set loads in a fraction of a second.

Compiling a reference set means reading its YAML, building the `Lexicon` (the
name, trigger and title matchers, the speller) and the `CandidateIndex`. For
100k entities that takes over ten seconds; the cache turns it into reading one
file. What is stored:

- each entity as its own small pickle, decoded the first time the checker asks
  for it (`CachedReferenceSet`): an article names a few hundred entities, so
  most are never decoded;
- the lexicon and the candidate index, whole.

The key is the SHA-256 of every reference file's path and bytes, the factcheck
version and the bytes of the code and data that build and define what is
cached (`_COMPILED_BY`), so an edit to any of them misses and nothing stale is
ever read. Files live in
``$XDG_CACHE_HOME/factcheck`` (``~/.cache/factcheck``) or the directory given,
are written atomically, and may be deleted at any time. A file that cannot be
read or decoded is ignored and rebuilt. A cache file is a pickle, and loading
one runs code, as with any pickle: the directory must be writable by you alone
(the default one is).

Sets smaller than `MIN_BYTES` are compiled every time: their YAML loads about
as fast as a cache file would.
"""

from __future__ import annotations

import array
import functools
import gc
import hashlib
import io
import os
import pickle
import sys
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck import __version__
from factcheck.reference.model import Entity, ReferenceSet

if TYPE_CHECKING:
    from factcheck.candidates import CandidateIndex
    from factcheck.check import Checker
    from factcheck.extract.mentions import Lexicon
    from factcheck.rules.base import Rule

FORMAT = 5  # the layout of a cache file; bump on any change to it
MIN_BYTES = 128 * 1024
_MAGIC = b"factcheck-reference-cache\n"
_PACKAGE = Path(__file__).resolve().parent
# Everything a compiled set is read, built or defined by: the loader and model, the
# extractors the lexicon holds (and their data), the candidate index, values, this module.
_COMPILED_BY = ("reference", "extract", "data", "candidates.py", "values.py", "cache.py")


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
    from factcheck.candidates import CandidateIndex
    from factcheck.extract.mentions import Lexicon
    from factcheck.reference.loader import load_reference, reference_files

    files = reference_files(paths) if enabled else None
    size = sum(_size(f) for f in files) if files is not None else 0
    key = cache_key(files) if files is not None and size >= min_bytes else None
    folder = Path(cache_dir) if cache_dir is not None else default_dir()
    target = folder / f"{_group(files)}-{key}.pickle" if files is not None and key else None
    if target is not None:
        cached = _read(target, key)
        if cached is not None:
            return cached
    reference = load_reference(paths)
    compiled = Compiled(reference, Lexicon(reference), CandidateIndex(reference.entities))
    # A file edited while it was loaded must not be cached under its old contents.
    if target is not None and files is not None and cache_key(files) == key:
        _write(target, compiled)
    return compiled


def cache_key(files: Iterable[str]) -> str | None:
    """Return the key of a compiled set read from ``files``, or None if one cannot be read."""
    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0{__version__}\0{sys.version_info[:2]}\0".encode())
    digest.update(_code_fingerprint())
    for name in files:
        try:
            data = Path(name).read_bytes()
        except (OSError, ValueError):
            return None
        digest.update(os.fsencode(name) + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


@functools.cache
def _code_fingerprint() -> bytes:
    """Return a digest of the code and data that make a compiled set and define its classes."""
    digest = hashlib.sha256()
    for path in fingerprinted_files():
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.digest()


def fingerprinted_files() -> list[Path]:
    """Return the files of factcheck whose bytes are part of every cache key."""
    found: list[Path] = []
    for part in map(_PACKAGE.joinpath, _COMPILED_BY):
        found += [part] if part.is_file() else sorted(part.rglob("*"))
    return [p for p in found if p.suffix in (".py", ".yaml") and "__pycache__" not in p.parts]


def _size(name: str) -> int:
    try:
        return os.path.getsize(name)
    except OSError:
        return 0


def _group(files: Iterable[str]) -> str:
    """Name the set of files, so that a newer cache of the same set replaces the older one."""
    joined = "\0".join(os.path.realpath(f) for f in files)
    return hashlib.sha256(joined.encode("utf-8", "surrogateescape")).hexdigest()[:16]


class CachedReferenceSet(ReferenceSet):
    """A reference set read from the cache: each entity is decoded when first asked for.

    It answers what `ReferenceSet` answers; asking for ``entities`` decodes them all.
    """

    __slots__ = ("_blob", "_ids", "_offsets", "_position")

    def __init__(
        self, files: Sequence[str], ids: list[str], offsets: array.array[int], blob: memoryview
    ) -> None:
        # The base class would need every entity decoded: its slots are filled lazily instead.
        self.files = tuple(files)
        self._by_id = {}
        self._ids = ids
        self._position = {entity_id: n for n, entity_id in enumerate(ids)}
        self._offsets = offsets
        self._blob = blob

    def get(self, entity_id: str) -> Entity | None:
        """Return the entity with this id, or None."""
        found = self._by_id.get(entity_id)
        if found is None:
            n = self._position.get(entity_id)
            if n is None:
                return None
            found = pickle.loads(self._blob[self._offsets[n] : self._offsets[n + 1]])
            self._by_id[entity_id] = found
        return found

    def by_type(self, entity_type: str) -> tuple[Entity, ...]:
        """Return the entities of this type, in file order."""
        return tuple(e for e in self.entities if e.type == entity_type)

    def __getattr__(self, name: str) -> Any:
        # Reached only for a slot not yet set: ``entities`` is decoded on first use.
        if name != "entities":
            raise AttributeError(name)
        self.entities = tuple(self._entity(entity_id) for entity_id in self._ids)
        return self.entities

    def _entity(self, entity_id: str) -> Entity:
        found = self.get(entity_id)
        assert found is not None
        return found


class _Pickler(pickle.Pickler):
    """Pickles the lexicon with the reference set and the shared gazetteer left out by name."""

    def __init__(self, file: io.BytesIO, reference: object) -> None:
        from factcheck.extract.places import gazetteer

        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self._named = {id(reference): "reference", id(gazetteer()): "gazetteer"}

    def persistent_id(self, obj: object) -> str | None:
        return self._named.get(id(obj))


class _Unpickler(pickle.Unpickler):
    """Puts the lazily decoded reference set and the gazetteer back where they were named."""

    def __init__(self, file: io.BytesIO, reference: CachedReferenceSet) -> None:
        super().__init__(file)
        self._reference = reference

    def persistent_load(self, pid: Any) -> object:
        from factcheck.extract.places import gazetteer

        if pid == "reference":
            return self._reference
        if pid == "gazetteer":
            return gazetteer()
        raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")


def _write(target: Path, compiled: Compiled) -> None:
    """Write the cache file for ``compiled``, replacing older ones of the same files."""
    from factcheck.atomic import write_atomic_bytes

    entities = io.BytesIO()
    offsets = array.array("Q", [0])
    pickler = pickle.Pickler(entities, pickle.HIGHEST_PROTOCOL)
    for entity in compiled.reference.entities:
        pickler.dump(entity)
        pickler.clear_memo()  # each entity decodes on its own
        offsets.append(entities.tell())
    lexicon = io.BytesIO()
    _Pickler(lexicon, compiled.reference).dump((compiled.lexicon, compiled.candidates))
    header = {
        "key": target.stem.rsplit("-", 1)[1],
        "files": tuple(compiled.reference.files),
        "ids": [e.id for e in compiled.reference.entities],
        "offsets": offsets,
        "lexicon_size": lexicon.tell(),
    }
    # The entities go last, outside any pickle, so that reading them copies nothing.
    parts = [pickle.dumps(header, pickle.HIGHEST_PROTOCOL), lexicon.getvalue()]
    body = b"".join([*parts, entities.getvalue()])
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic_bytes(target, _MAGIC + zlib.crc32(body).to_bytes(4, "big") + body)
        for old in target.parent.glob(target.name.split("-", 1)[0] + "-*.pickle"):
            if old != target:
                old.unlink()
    except OSError:
        pass  # a cache that cannot be written only costs the next run the compile time


def _read(target: Path, key: str | None) -> Compiled | None:
    """Return the compiled set in ``target``, or None when it is missing, unreadable or corrupt."""
    from factcheck.candidates import CandidateIndex
    from factcheck.extract.mentions import Lexicon

    try:
        data = target.read_bytes()
    except OSError:
        return None
    start = len(_MAGIC) + 4
    view = memoryview(data)
    # Entities are decoded only when asked for, so damage anywhere must be caught here.
    if not data.startswith(_MAGIC) or zlib.crc32(view[start:]) != int.from_bytes(
        view[len(_MAGIC) : start], "big"
    ):
        return None
    stream = io.BytesIO(data)
    stream.seek(start)
    # Unpickling makes a million small objects without cycles: the cyclic collector
    # would scan them again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        header = pickle.load(stream)
        if header["key"] != key:
            return None
        blob = view[stream.tell() + header["lexicon_size"] :]
        reference = CachedReferenceSet(header["files"], header["ids"], header["offsets"], blob)
        lexicon, candidates = _Unpickler(stream, reference).load()
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
