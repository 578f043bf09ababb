"""Start-up stays light: --help and --version import neither pydantic, rich nor yaml."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pydantic", "rich", "yaml")
PROBE = """
import json, sys
from factcheck import cli
try:
    cli.main({argv!r})
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules_after(argv: list[str]) -> set[str]:
    p = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True, timeout=60
    )
    return {m.split(".")[0] for m in json.loads(p.stderr.strip().splitlines()[-1])}


@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_nothing_heavy_is_imported(argv: list[str]) -> None:
    loaded = _modules_after(argv)
    assert "factcheck" in loaded
    assert not loaded & set(HEAVY)


def test_import_factcheck_is_light_and_the_api_loads_on_use() -> None:
    code = (
        "import sys, factcheck; light = not {'pydantic', 'yaml'} & set(sys.modules); "
        "factcheck.check_text; print(light, 'pydantic' in sys.modules)"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.stdout.split() == ["True", "False"], p.stderr
