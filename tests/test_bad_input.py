"""The bad-input table: every class of hostile input, through the real command line.

Each row builds its input in a fresh directory, runs the installed ``factcheck`` console
script there, with a timeout and a 1 GB address-space limit, and checks the exit code and
the one line the run prints on stderr (``file:line:column: message`` where there is a place
to name). No row may print a traceback. Rows that expect success check the report too.

The loader's own table (`tests/test_reference_loader.py`) has every reference-file problem
in detail; this one has each class once, as a user meets it.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

FACTCHECK = shutil.which("factcheck") or "factcheck"
ADDRESS_SPACE = 1 << 30  # every run must fit in 1 GB of address space
MB = 1 << 20

REF = """\
version: 1
entities:
  - id: singapore-summit
    type: summit
    names: [Singapore summit]
    facts:
      date: 2018-06-12
"""
ARTICLE = "The Singapore summit was held in July.\n"  # "July" is at 1:34, and wrong
FLAGGED = "a.txt:1:34: error [event-date] Singapore summit was held June 12, 2018, not July"
CHECK = ("--facts", "ref.yaml", "--date", "2019-02-09")


@dataclass(frozen=True)
class Ran:
    """What one run of the command line did: exit code, output, peak memory, processor time."""

    code: int
    stdout: str
    stderr: str
    max_rss: int  # bytes
    cpu: float  # seconds, user and system


@dataclass(frozen=True)
class Row:
    """One hostile input: how to build it, the command, and what the run must do.

    ``message`` is a fragment of the line stderr must hold (None: stderr stays empty);
    ``lines`` is how many lines stderr has (None when argparse adds its usage text).
    ``then`` makes further checks on the directory and the run.
    """

    build: Callable[[Path], object]
    args: tuple[str, ...]
    code: int
    message: str | None
    lines: int | None = 1
    timeout: float = 10
    stdin: bytes = b""
    then: Callable[[Path, Ran], None] | None = None


def run_cli(args: tuple[str, ...], cwd: Path, stdin: bytes = b"", timeout: float = 10) -> Ran:
    """Run the console script in ``cwd``, killed after ``timeout`` seconds, limited to 1 GB.

    The process is reaped with ``os.wait4`` so that its own peak memory can be read.
    """
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", "XDG_CACHE_HOME": str(cwd / ".cache")}

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    with (
        tempfile.TemporaryFile() as given,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        given.write(stdin)
        given.seek(0)
        proc = subprocess.Popen(
            [FACTCHECK, *args], cwd=cwd, env=env, stdin=given, stdout=out, stderr=err,
            preexec_fn=limit,
        )  # fmt: skip
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = code = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait
        assert code != -signal.SIGKILL, f"factcheck {' '.join(args)} took over {timeout} s"
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8"), err.read().decode("utf-8")
    # Linux reports kilobytes.
    return Ran(code, stdout, stderr, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime)


# --- building inputs -----------------------------------------------------------------------


def files(contents: Mapping[str, str | bytes]) -> Callable[[Path], None]:
    """Return a builder writing the valid ref.yaml and a.txt, then ``contents`` (over them)."""

    def build(root: Path) -> None:
        for name, data in {"ref.yaml": REF, "a.txt": ARTICLE, **contents}.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, str):
                path.write_text(data, encoding="utf-8")
            else:
                path.write_bytes(data)

    return build


def reference(text: str | bytes) -> Callable[[Path], None]:
    """Return a builder for the valid article and ``text`` as its reference file."""
    return files({"ref.yaml": text})


def entity(*lines: str) -> str:
    """Return REF with one more entity, ``e``, whose mapping ends with ``lines``."""
    return REF + "  - id: e\n    type: event\n    names: [E]\n" + "".join(f"{x}\n" for x in lines)


E = REF.count("\n")  # the line before entity()'s first line


def big_reference(root: Path) -> None:
    """Write a 50 MB reference file: REF, and a note of prose 50 MB long."""
    line = "      The summit was held in Singapore on June 12, 2018, officials said. " * 2
    count = 50 * MB // (len(line) + 1)
    with (root / "ref.yaml").open("w", encoding="utf-8") as out:
        out.write(REF + "    note: |\n")
        out.write((line + "\n") * count)
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")


def long_line(root: Path) -> None:
    """Write a 20 MB article on one line: a wrong date, 20 MB without a space, another."""
    files({})(root)
    middle = "x" * (20 * MB)
    (root / "line.txt").write_text(f"{ARTICLE.strip()} {middle} {ARTICLE.strip()}", "utf-8")


def endless(name: str) -> Callable[[Path], None]:
    """Return a builder for the valid inputs and ``name``, a link to a file that never ends."""

    def build(root: Path) -> None:
        files({})(root)
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).symlink_to("/dev/zero")

    return build


def symlink_loop(root: Path) -> None:
    """Write a directory whose symbolic links lead back into it, and a link to itself."""
    files({"articles/a.txt": ARTICLE})(root)
    (root / "articles" / "sub").mkdir()
    (root / "articles" / "sub" / "up").symlink_to("..", target_is_directory=True)
    (root / "articles" / "self").symlink_to(".", target_is_directory=True)
    (root / "loop.txt").symlink_to("loop.txt")


# Every Unicode dash and space a date range or a name may be written with.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
SPACES += "\u202f\u205f\u3000"
UNICODE = (
    "The Singapore\u00a0summit was held on July\u00a012\u201313, 2018.\n"
    + "".join(f"The “Singapore summit” ran Feb. 27{d}28.\n" for d in DASHES)
    + "".join(f"‘Kim{s}said’ the Singapore{s}summit was held in{s}June.\n" for s in SPACES)
)
CONTROLS = (
    "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r")
    + "\x7f\x85\x9b\u2028\u2029"
    + "The Singapore summit was held in July \x1b]0;retitled\x07\x1b[2J \x1b[31mred.\n"
)
RTL = (
    "\u202eThe Singapore summit was held in July.\u202c "
    "قمة سنغافورة عقدت في يوليو. \u2067פסגת סינגפור\u2069 was held in July.\n"
)
# "July" is at 1:43: columns count code points, and the family is five of them.
EMOJI = "🙂👨‍👩‍👧🇸🇬 The Singapore summit was held in July. 🎉\n"


# --- checks on the outcome -----------------------------------------------------------------


def reports(*fragments: str) -> Callable[[Path, Ran], None]:
    """Return a check that the report on stdout holds each fragment."""

    def check(root: Path, ran: Ran) -> None:
        for fragment in fragments:
            assert fragment in ran.stdout, ran.stdout[:2000]

    return check


def flags_once(path: str, line: int, column: int) -> Callable[[Path, Ran], None]:
    """Return a check that the JSON report has exactly one finding, "July" at line:column."""

    def check(root: Path, ran: Ran) -> None:
        data = json.loads(ran.stdout)
        found = [(f["path"], g) for f in data["files"] for g in f["findings"]]
        assert [(p, g["found"], g["line"], g["column"]) for p, g in found] == [
            (path, "July", line, column)
        ]

    return check


def escapes(*raw: str) -> Callable[[Path, Ran], None]:
    """Return a check that the terminal report shows each character escaped, never raw."""

    def check(root: Path, ran: Ran) -> None:
        assert "not July" in ran.stdout
        for char in raw:
            assert char not in ran.stdout
            shown = f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
            assert shown in ran.stdout

    return check


def quick_and_small(root: Path, ran: Ran) -> None:
    """Check that the run stayed under 100 MB and took little time (half a second here).

    The time includes starting Python and importing factcheck; the bound is generous, so
    that a slow machine passes and an expansion of the aliases does not.
    """
    assert ran.max_rss < 100 * MB, f"{ran.max_rss / MB:.0f} MB"
    assert ran.cpu < 3, f"{ran.cpu:.1f} s"


def refused_nesting(root: Path, ran: Ran) -> None:
    """Check deep nesting was refused: by our limit (50), or first by PyYAML >= 6.0.4's (1000)."""
    assert ("nesting is deeper than 50 levels" in ran.stderr) != (
        "exceeded maximum nesting depth" in ran.stderr
    ), ran.stderr


def not_executed(root: Path, ran: Ran) -> None:
    """Check that the command in the YAML tag did not run."""
    assert not (root / "pwned").exists()


TAG = '!!python/object/apply:os.system ["touch pwned"]'
TAGGED_RULES = f"rules:\n  - id: r\n    attribute: date\n    cues: {TAG}\n"
TAGGED_CONFIG = f"fail-on: {TAG}\n"
BINARY = "NUL byte: a binary file (or UTF-16 without a byte order mark); skipped"

# fmt: off
ROWS = [
    # --- reference sets ---
    pytest.param(Row(reference(REF + "  - id: e\n    names: [E\n"), (*CHECK, "a.txt"), 2,
                     "ref.yaml:10:1: YAML syntax error: did not find expected ',' or ']'"),
                 id="ref-syntax-error"),
    pytest.param(Row(reference("entities:\n\t- id: x\n"), (*CHECK, "a.txt"), 2,
                     "ref.yaml:2:1: YAML syntax error: a tab where YAML does not allow one; "
                     "indent with spaces"),
                 id="ref-tab-indentation"),
    pytest.param(Row(reference(entity("    triggers: 5")), (*CHECK, "a.txt"), 2,
                     f'ref.yaml:{E + 4}:15: "triggers" must be a list of strings, not an integer'),
                 id="ref-wrong-type"),
    pytest.param(Row(reference(entity("    trigers: [e]")), (*CHECK, "a.txt"), 2,
                     f'ref.yaml:{E + 4}:5: unknown key "trigers" (did you mean "triggers"?)'),
                 id="ref-unknown-key"),
    pytest.param(Row(reference(REF + "  - {id: singapore-summit, type: summit, names: [S]}\n"),
                     (*CHECK, "a.txt"), 2,
                     f'ref.yaml:{E + 1}:10: duplicate id "singapore-summit" '
                     "(first defined at ref.yaml:3:9)"),
                 id="ref-duplicate-id"),
    pytest.param(Row(reference(REF + "      date: 2018-06-13\n"), (*CHECK, "a.txt"), 2,
                     f'ref.yaml:{E + 1}:7: duplicate key "date"'),
                 id="ref-duplicate-key"),
    pytest.param(Row(reference(entity("    facts: {participants: [singapore-summit, nobody]}")),
                     (*CHECK, "a.txt"), 2,
                     f'ref.yaml:{E + 4}:46: unknown entity "nobody" in participants'),
                 id="ref-dangling-reference"),
    pytest.param(Row(reference(entity("    facts:", "      date: {from: 2019-03, to: 2019-02}")),
                     (*CHECK, "a.txt"), 2,
                     f'ref.yaml:{E + 5}:20: "from" 2019-03 is after "to" 2019-02'),
                 id="ref-from-after-to"),
    pytest.param(Row(reference(entity("    facts:", "      date: 2019-02-30")),
                     (*CHECK, "a.txt"), 2,
                     f"ref.yaml:{E + 5}:13: bad date 2019-02-30 (day 30 out of range)"),
                 id="ref-impossible-date"),
    # A reference set with no entities could never fail the gate: a run against it must not
    # pass in silence. One empty file among others is fine.
    pytest.param(Row(reference(""), (*CHECK, "a.txt"), 2,
                     "ref.yaml:1:1: no entities in the reference set (ref.yaml): nothing could "
                     "be checked against it"),
                 id="ref-empty-file"),
    pytest.param(Row(reference("version: 1\nentities: []\n"), (*CHECK, "a.txt"), 2,
                     "ref.yaml:1:1: no entities in the reference set"),
                 id="ref-no-entities"),
    pytest.param(Row(files({"empty.yaml": ""}), ("--facts", "empty.yaml", *CHECK, "a.txt"), 1,
                     None, None),
                 id="ref-empty-file-among-others"),
    pytest.param(Row(reference("- id: x\n"), (*CHECK, "a.txt"), 2,
                     'ref.yaml:1:1: the top level must be a mapping with "entities", not a list'),
                 id="ref-list-not-mapping"),
    pytest.param(Row(reference("entities:\n  - {id: x, type: t, names: [Zoë]}\n".encode("latin-1")),
                     (*CHECK, "a.txt"), 2, "ref.yaml:2:32: not valid UTF-8 (byte 0xeb)"),
                 id="ref-not-utf8"),
    pytest.param(Row(reference((FIXTURES / "reference" / "billion_laughs.yaml").read_bytes()),
                     (*CHECK, "a.txt"), 2,
                     'ref.yaml:3:8: alias "*a" is not allowed: reference files may not use aliases',
                     then=quick_and_small),
                 id="ref-alias-bomb"),
    pytest.param(Row(big_reference, (*CHECK, "a.txt"), 1, None, 0, timeout=60,
                     then=reports(FLAGGED)),
                 id="ref-50mb-file"),
    pytest.param(Row(files({"facts/README.txt": "no YAML here"}),
                     ("--facts", "facts", "a.txt"), 2,
                     "facts:1:1: no *.yaml or *.yml files in this directory"),
                 id="ref-directory-without-yaml"),
    pytest.param(Row(reference(entity(f"    note: {TAG}")),
                     (*CHECK, "a.txt"), 2,
                     f'ref.yaml:{E + 4}:11: unsupported tag "!!python/object/apply:os.system"',
                     then=not_executed),
                 id="ref-python-object-tag"),
    pytest.param(Row(endless("facts/zero.yaml"), ("--facts", "facts", "a.txt"), 2,
                     "facts/zero.yaml:1:1: more than 256 MB: too large for a reference file"),
                 id="ref-endless-file"),
    pytest.param(Row(reference(entity("    note: " + "[" * 10_000 + "]" * 10_000)),
                     (*CHECK, "a.txt"), 2, f"ref.yaml:{E + 4}:", then=refused_nesting),
                 id="ref-deep-nesting"),
    # --- rule and configuration files: YAML too, and no way to name code to run ---
    pytest.param(Row(files({"rules.yaml": TAGGED_RULES}),
                     (*CHECK, "--rules", "rules.yaml", "a.txt"), 2,
                     "rules.yaml:4:11: YAML error: could not determine a constructor for the tag "
                     "'tag:yaml.org,2002:python/object/apply:os.system'", then=not_executed),
                 id="rules-python-object-tag"),
    pytest.param(Row(files({"rules.yaml": "rules: " + "[" * 10_000 + "]" * 10_000}),
                     (*CHECK, "--rules", "rules.yaml", "a.txt"), 2,
                     "rules.yaml:1:1: YAML error: nested too deeply"),
                 id="rules-deep-nesting"),
    pytest.param(Row(files({"rules.yaml": "rules:\n  - id: r\x1b\n"}),
                     (*CHECK, "--rules", "rules.yaml", "a.txt"), 2,
                     "rules.yaml:2:10: YAML error: character U+001B is not allowed"),
                 id="rules-control-character"),
    pytest.param(Row(files({"rules.yaml": "rules:\n  - id: r\n    kind: os.system\n"}),
                     (*CHECK, "--rules", "rules.yaml", "a.txt"), 2,
                     'rules.yaml:3:11: unknown rule kind "os.system"'),
                 id="rules-kind-is-no-entry-point"),
    pytest.param(Row(files({"factcheck.yaml": TAGGED_CONFIG}), (*CHECK, "a.txt"), 2,
                     "factcheck.yaml:1:10: YAML error: could not determine a constructor for the "
                     "tag 'tag:yaml.org,2002:python/object/apply:os.system'", then=not_executed),
                 id="config-python-object-tag"),
    pytest.param(Row(files({"factcheck.yaml": "facts: " + "[" * 10_000 + "]" * 10_000}),
                     (*CHECK, "a.txt"), 2, "factcheck.yaml:1:1: YAML error: nested too deeply"),
                 id="config-deep-nesting"),
    # --- articles ---
    pytest.param(Row(files({"a.md": f"---\ntitle: {TAG}\n---\n{ARTICLE}"}), (*CHECK, "a.md"), 1,
                     None, 0, then=not_executed),
                 id="article-front-matter-python-object-tag"),
    pytest.param(Row(files({"photo.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8"}),
                     (*CHECK, "photo.png", "a.txt"), 2, f"photo.png:3:1: {BINARY}",
                     then=reports(FLAGGED)),
                 id="article-binary"),
    pytest.param(Row(files({"a.txt": b"The caf\xe9 summit.\n"}), (*CHECK, "a.txt"), 2,
                     "a.txt:1:8: not valid UTF-8 (byte 0xe9)"),
                 id="article-invalid-utf8"),
    pytest.param(Row(files({"a.txt": ("Seoul\r\n" + ARTICLE).encode("utf-16")}),
                     (*CHECK, "--format", "json", "a.txt"), 1, None, 0,
                     then=flags_once("a.txt", 2, 34)),
                 id="article-utf16-le-bom"),
    pytest.param(Row(files({"a.txt": b"\xfe\xff" + ("Séoul\n" + ARTICLE).encode("utf-16-be")}),
                     (*CHECK, "--format", "json", "a.txt"), 1, None, 0,
                     then=flags_once("a.txt", 2, 34)),
                 id="article-utf16-be-bom"),
    pytest.param(Row(files({"a.txt": "Seoul\n".encode("utf-16-le")}), (*CHECK, "a.txt"), 2,
                     f"a.txt:1:2: {BINARY}"),
                 id="article-utf16-without-bom"),
    pytest.param(Row(files({"a.txt": b""}), (*CHECK, "a.txt"), 0, None, 0), id="article-empty"),
    pytest.param(Row(long_line, (*CHECK, "--format", "json", "line.txt"), 1, None, 0,
                     timeout=60, then=reports('"column": 34,', f'"column": {20 * MB + 74},')),
                 id="article-20mb-line"),
    pytest.param(Row(files({"a.txt": "Feb. 27-28 " * 100_000}), (*CHECK, "a.txt"), 0, None, 0,
                     timeout=60),
                 id="article-feb-27-28-100k-times"),
    pytest.param(Row(files({"a.html": f"{'<div>' * 100_000}<p>{ARTICLE}</p>{'</div>' * 100_000}"}),
                     (*CHECK, "--format", "json", "a.html"), 1, None, 0, timeout=30,
                     then=flags_once("a.html", 1, 500_037)),
                 id="article-deeply-nested-html"),
    pytest.param(Row(files({"a.html": f"<p>{ARTICLE}</p>" + "<a b='" * 100_000}),
                     (*CHECK, "--format", "json", "a.html"), 1, None, 0,
                     then=flags_once("a.html", 1, 37)),
                 id="article-html-unclosed-tags"),
    pytest.param(Row(files({"a.html": f"<p>{ARTICLE}</p><![ x ]]><p>More.</p>"}),
                     (*CHECK, "--format", "json", "a.html"), 1, None, 0,
                     then=flags_once("a.html", 1, 37)),
                 id="article-html-bad-marked-section"),
    pytest.param(Row(files({"a.md": ARTICLE + "\n<!-- note -->\n" * 50_000 + "<!--" * 50_000}),
                     (*CHECK, "--format", "json", "a.md"), 1, None, 0,
                     then=flags_once("a.md", 1, 34)),
                 id="article-markdown-comments"),
    pytest.param(Row(files({"a.txt": ARTICLE.replace(" in", " in\x00")}), (*CHECK, "a.txt"), 2,
                     f"a.txt:1:33: {BINARY}"),
                 id="article-nul-character"),
    pytest.param(Row(files({"a.txt": CONTROLS}), (*CHECK, "a.txt"), 1, None, 0,
                     then=escapes("\x1b", "\x07", "\x9b")),
                 id="article-control-characters"),
    pytest.param(Row(files({"a.txt": UNICODE}), (*CHECK, "--format", "json", "a.txt"), 1, None,
                     0, then=reports('"found": "July\u00a012\u201313, 2018"')),
                 id="article-unicode-dashes-spaces-quotes"),
    pytest.param(Row(files({"a.txt": RTL}), (*CHECK, "a.txt"), 1, None, 0,
                     then=escapes("\u202e", "\u202c", "\u2067", "\u2069")),
                 id="article-right-to-left"),
    pytest.param(Row(files({"a.txt": EMOJI}), (*CHECK, "--format", "json", "a.txt"), 1, None,
                     0, then=flags_once("a.txt", 1, 43)),
                 id="article-emoji"),
    pytest.param(Row(endless("zero.txt"), (*CHECK, "zero.txt", "a.txt"), 2,
                     "zero.txt:1:1: more than 64 MB: too large for an article; skipped",
                     then=reports(FLAGGED)),
                 id="article-endless-file"),
    pytest.param(Row(files({}), (*CHECK, "-"), 2, f"-:1:4: {BINARY}", stdin=b"GIF\x00\x01"),
                 id="article-binary-stdin"),
    # --- command line ---
    pytest.param(Row(files({}), ("--bogus", "a.txt"), 2,
                     "factcheck: error: unrecognized arguments: --bogus", None),
                 id="cli-unknown-option"),
    pytest.param(Row(files({}), (*CHECK, "missing.txt", "a.txt"), 2,
                     "missing.txt:1:1: file not found; check the path (use - to read standard "
                     "input)", then=reports(FLAGGED)),
                 id="cli-missing-file"),
    pytest.param(Row(files({"a\x1b[31m.txt": ARTICLE}),
                     (*CHECK, "gone\x1b]0;x\x07.txt", "a\x1b[31m.txt"), 2,
                     "gone\\x1b]0;x\\x07.txt:1:1: file not found",
                     then=escapes("\x1b")),
                 id="cli-file-names-with-control-characters"),
    pytest.param(Row(symlink_loop, (*CHECK, "articles"), 1, None, 0,
                     then=reports("articles/a.txt:1:34", "1 file,")),
                 id="cli-directory-symlink-loop"),
    pytest.param(Row(symlink_loop, (*CHECK, "loop.txt"), 2,
                     "loop.txt:1:1: cannot read the file: Too many levels of symbolic links"),
                 id="cli-file-symlink-loop"),
    pytest.param(Row(files({}), (*CHECK, "-o", "a.txt/report.txt", "a.txt"), 2,
                     "a.txt/report.txt:1:1: cannot write report: Not a directory"),
                 id="cli-output-under-a-file"),
    pytest.param(Row(files({"out/keep": ""}), (*CHECK, "--report", "sarif=out", "a.txt"), 2,
                     "out:1:1: cannot write report: Is a directory", then=reports(FLAGGED)),
                 id="cli-report-is-a-directory"),
    pytest.param(Row(files({}), ("--exclude", "\\", "."), 2,
                     'factcheck: --exclude "\\": not a glob in .gitignore syntax'),
                 id="cli-exclude-not-a-glob"),
    pytest.param(Row(files({"articles/a.txt": ARTICLE, "articles/.gitignore": "b.txt\n\\\n",
                            "articles/b.txt": ARTICLE}),
                     (*CHECK, "articles"), 1, None, 0, then=reports("1 file,")),
                 id="cli-gitignore-with-a-bad-line"),
    pytest.param(Row(files({}), ("--format", "os:system", "a.txt"), 2,
                     "factcheck: --format os:system: no reporter is registered under that name"),
                 id="cli-format-is-no-entry-point"),
    pytest.param(Row(files({}), ("--date", "2019-02-30", "a.txt"), 2,
                     '--date: "2019-02-30" is not a date (use YYYY-MM-DD)'),
                 id="cli-date-not-a-date"),
    pytest.param(Row(files({}), ("--jobs", "0", "a.txt"), 2,
                     'argument -j/--jobs: "0" is not a number of processes (1 or more)', None),
                 id="cli-jobs-0"),
    pytest.param(Row(files({"proj/factcheck.yaml": "facts: [../ref.yaml]\n",
                            "proj/a.txt": ARTICLE}),
                     ("--config", "proj/factcheck.yaml", "proj/a.txt"), 2,
                     'proj/factcheck.yaml:1:9: facts: "../ref.yaml" is outside the project'),
                 id="config-path-escapes-with-dotdot"),
]
# fmt: on


@pytest.mark.parametrize("row", ROWS)
def test_bad_input(tmp_path: Path, row: Row) -> None:
    row.build(tmp_path)
    ran = run_cli(row.args, tmp_path, row.stdin, row.timeout)
    assert "Traceback" not in ran.stderr, ran.stderr
    assert ran.code == row.code, ran.stderr
    lines = ran.stderr.splitlines()
    if row.lines is not None:
        assert len(lines) == row.lines, ran.stderr
    if row.message is not None:
        assert any(row.message in line for line in lines), ran.stderr
    if row.then is not None:
        row.then(tmp_path, ran)
