"""Count the instructions checking takes, under valgrind: a figure the machine's load does not move.

    python3 benchmarks/instructions.py                    # this tree
    python3 benchmarks/instructions.py --against HEAD~1   # and another revision, side by side

On a shared machine wall and CPU time vary by 10-20% from one run to the next, which
hides what a change to the extractors does (a few per cent at a time). The instructions
a run executes, counted by valgrind's cachegrind, repeat to a fraction of a per cent. The
count covers checking the first ``--files`` files of the dense and the news-density
corpora (`benchmarks/generate.py`) against 1k entities in one process, less a run that
loads the same reference set and checks nothing. valgrind must be installed; a run takes
about 50 times as long as without it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.run import MB, prepare  # noqa: E402

# Checks the first N files of a corpus (none when N is 0) in this process.
_CHECK = """
import gc, sys
from pathlib import Path
from factcheck.parallel import check_one, setup_checker
from factcheck.rules.loader import shipped_rule_files
facts, corpus, count, cache = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
checker = setup_checker([facts], shipped_rule_files(), None, cache)
print(sys.modules["factcheck.parallel"].__file__)
gc.freeze()
for path in sorted(corpus.iterdir())[:count]:
    check_one(checker, (str(path), None), None)
"""
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(root: Path, facts: Path, corpus: Path, count: int, cache: Path) -> int:
    """Return the instructions a run of ``_CHECK`` on factcheck at ``root`` executes."""
    command = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        "-c",
        _CHECK,
        str(facts),
        str(corpus),
        str(count),
        str(cache),
    ]
    env = {**os.environ, "PYTHONPATH": str(root)}
    # From ``root``: ``-c`` puts the working directory first on the import path.
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=root, check=True)
    if f"{root}/factcheck/" not in done.stdout:
        raise SystemExit(f"the run did not import factcheck from {root}")
    found = _REFS.search(done.stderr)
    if found is None:
        raise SystemExit(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def checking(root: Path, facts: Path, corpus: Path, count: int, cache: Path) -> int:
    """Return the instructions spent checking ``count`` files, start-up and loading taken off."""
    subprocess.run(  # writes this tree's reference cache, which the counted runs then read
        [sys.executable, "-c", _CHECK, str(facts), str(corpus), "0", str(cache)],
        env={**os.environ, "PYTHONPATH": str(root)},
        cwd=root,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return instructions(root, facts, corpus, count, cache) - instructions(
        root, facts, corpus, 0, cache
    )


def main() -> None:
    """Count this tree's instructions (and another revision's) and print the table."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--against", metavar="REV", help="a git revision to count side by side")
    p.add_argument("--files", type=int, default=40, help="files of each corpus (default: 40)")
    default = Path(tempfile.gettempdir()) / "factcheck-bench"
    p.add_argument("--data", type=Path, default=default, help=f"inputs (default: {default})")
    args = p.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt install valgrind)")
    paths = prepare(args.data, [1000], [MB])
    corpora = {"dense": paths[f"corpus-{MB}"], "news": paths[f"corpus-news-{MB}"]}
    facts, cache = paths["facts-1000"], args.data / "cache-instructions"
    roots = {"this tree": HERE.parent}
    with tempfile.TemporaryDirectory() as scratch:
        if args.against:
            other = Path(scratch) / "other"
            git = ["git", "-C", str(HERE.parent)]
            subprocess.run([*git, "worktree", "add", "-q", "--detach", str(other), args.against])
            roots[args.against] = other
        try:
            counts = {
                (name, label): checking(root, facts, corpus, args.files, cache)
                for label, root in roots.items()
                for name, corpus in corpora.items()
            }
        finally:
            if args.against:
                subprocess.run([*git, "worktree", "remove", "--force", str(other)])
    labels = list(roots)
    head = f"| corpus ({args.files} files, 1k entities) | " + " | ".join(labels)
    lines = [head + (" | change |" if args.against else " |")]
    lines.append("|---|" + "---:|" * (len(labels) + bool(args.against)))
    for name in corpora:
        row = [f"{counts[name, label] / 1e6:,.0f} M" for label in labels]
        if args.against:
            base, now = counts[name, labels[1]], counts[name, labels[0]]
            row.append(f"{(now - base) / base:+.1%}")
        lines.append(f"| {name} | " + " | ".join(row) + " |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
