"""What the bad-input table cannot show: no network access ever, and YAML read by safe loaders only.

The hostile inputs themselves (``!!python/object`` tags, rule kinds and report formats that
name code, configuration paths that leave the project) are rows of `tests/test_bad_input.py`;
HTML reports' escaping and Content-Security-Policy are tested in `tests/test_reporters.py`.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT

FACTCHECK = shutil.which("factcheck") or "factcheck"

# Imported by every Python process started with this directory on PYTHONPATH (workers too):
# any attempt to reach the network is written down and refused.
SITECUSTOMIZE = """
import os
import socket

_LOG = os.environ["FACTCHECK_NETWORK_LOG"]
_NETWORK = (socket.AF_INET, socket.AF_INET6)


def _refuse(what, *args):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {what} {args!r}\\n")
    raise OSError(f"network access attempted: {what}")


def _guard(name):
    original = getattr(socket.socket, name)

    def guarded(self, *args):
        if self.family in _NETWORK:
            _refuse(name, *args)
        return original(self, *args)

    setattr(socket.socket, name, guarded)


for _name in ("connect", "connect_ex", "sendto", "bind"):
    _guard(_name)
socket.getaddrinfo = lambda *args, **kwargs: _refuse("getaddrinfo", *args)
socket.create_connection = lambda *args, **kwargs: _refuse("create_connection", *args)
"""


def test_no_network_access_ever(tmp_path: Path) -> None:
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "network.log"
    articles = tmp_path / "articles"
    articles.mkdir()
    example = (ROOT / "examples" / "envoy-returns.txt").read_text(encoding="utf-8")
    for name in ("a.txt", "b.md", "c.html"):
        (articles / name).write_text(example, encoding="utf-8")
    formats = ("json", "sarif", "junit", "markdown", "html", "github")
    reports = [f"--report={fmt}={tmp_path / fmt}" for fmt in formats]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(guard), os.environ.get("PYTHONPATH", "")]),
        "FACTCHECK_NETWORK_LOG": str(log),
    }
    p = subprocess.run(
        [FACTCHECK, "--jobs", "2", "--cache-dir", tmp_path / "cache", *reports, articles],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip
    assert p.returncode == 1, p.stderr
    assert "not July" in p.stdout
    assert not log.exists(), log.read_text(encoding="utf-8")
    # The guard works: the same interpreter refuses a connection and writes it down.
    probe = "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)"
    subprocess.run(["python3", "-c", probe], capture_output=True, env=env, timeout=60)
    assert "create_connection" in log.read_text(encoding="utf-8")


# PyYAML's loaders and entry points that build arbitrary Python objects from tags.
_UNSAFE = {
    "Loader", "CLoader", "FullLoader", "CFullLoader", "UnsafeLoader", "CUnsafeLoader",
    "Constructor", "FullConstructor", "UnsafeConstructor",
    "full_load", "full_load_all", "unsafe_load", "unsafe_load_all",
}  # fmt: skip
_SAFE = {"SafeLoader", "CSafeLoader"}
_LOADING = {"load", "load_all", "compose", "compose_all", "parse"}


def _unsafe_yaml(path: Path) -> list[str]:
    """Return each place in a module that could let YAML construct arbitrary objects."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in _UNSAFE:
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom) and node.module == "yaml":
            names = [a.name for a in node.names if a.name in _UNSAFE]
            found += [f"{path.name}:{node.lineno}: {name}" for name in names]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _LOADING
            and ast.unparse(node.func.value) == "yaml"
        ):
            loader = next((k.value for k in node.keywords if k.arg == "Loader"), None)
            if loader is None or not _safe(tree, source, loader):
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def _safe(tree: ast.Module, source: str, loader: ast.expr) -> bool:
    """Tell whether a ``Loader=`` argument is a safe loader, or a name only ever bound to one."""
    if isinstance(loader, ast.Attribute):
        return loader.attr in _SAFE
    if not isinstance(loader, ast.Name):
        return False
    bindings = [
        ast.get_source_segment(source, node) or ""
        for node in ast.walk(tree)
        if (isinstance(node, ast.ClassDef) and node.name == loader.id)
        or (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == loader.id for t in node.targets)
        )
        or (isinstance(node, ast.ImportFrom) and any(a.asname == loader.id for a in node.names))
    ]
    named = {n for b in bindings for n in re.findall(r"\w*Loader\b", b.split(":", 1)[0])}
    return bool(bindings) and named <= _SAFE | {loader.id}


def test_yaml_is_read_by_safe_loaders_only() -> None:
    sources = sorted((ROOT / "factcheck").rglob("*.py"))
    assert len(sources) > 20
    assert [problem for path in sources for problem in _unsafe_yaml(path)] == []
    # The check finds what it looks for.
    unsafe = ROOT / "tests" / "fixtures" / "unsafe_yaml.py"
    assert [int(p.split(":")[1]) for p in _unsafe_yaml(unsafe)] == [4, 7, 13, 14, 15]
