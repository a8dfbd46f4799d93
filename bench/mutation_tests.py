"""The test command of one mutant (bench/mutation.py): the tests that run its line.

    python bench/mutation_tests.py --module M --pristine P --map J [--then-all] -- PYTEST_ARGS...

cosmic-ray runs this in the project copy with the mutant in place. It compares
the module with its unmutated copy `P` to find the changed lines, looks them up
in the coverage map `J` (line -> ids of the tests that ran it, fastest first,
recorded when the module's tests ran unmutated) and runs only those tests,
stopping at the first failure. When no test ran those lines in-process (module
level code, code run in a subprocess) it runs `PYTEST_ARGS`: every test file of
the module. `--then-all`: when the selected tests pass, run `PYTEST_ARGS` too,
so the outcome is exactly that of the whole files (a mutant can be killed by a
test the coverage did not see: a subprocess, a forked worker).

Exit status: pytest's (0 when the mutant survived).
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
from pathlib import Path

PYTEST = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]


def changed_lines(original: str, mutated: str) -> set[int]:
    """1-based line numbers of `original` that the mutation replaced or removed."""
    before, after = original.splitlines(), mutated.splitlines()
    lines: set[int] = set()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        # An insertion sits between two lines: the statement it belongs to is above.
        lines.update(range(i1 + 1, i2 + 1) if i2 > i1 else {max(i1, 1)})
    return lines


def covering_tests(coverage_map: dict[str, list[str]], lines: set[int]) -> list[str]:
    """Test ids that ran any of `lines`, in the map's order (fastest first), once each."""
    found: dict[str, None] = {}
    for line in sorted(lines):
        for test in coverage_map.get(str(line), []):
            found.setdefault(test)
    ranked = coverage_map.get("order", [])
    rank = {test: index for index, test in enumerate(ranked)}
    return sorted(found, key=lambda test: rank.get(test, len(rank)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", type=Path, required=True)
    parser.add_argument("--pristine", type=Path, required=True)
    parser.add_argument("--map", type=Path, required=True)
    parser.add_argument("--then-all", action="store_true")
    parser.add_argument("pytest_args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    full = [a for a in args.pytest_args if a != "--"]
    lines = changed_lines(
        args.pristine.read_text(encoding="utf-8"), args.module.read_text(encoding="utf-8")
    )
    coverage_map = json.loads(args.map.read_text(encoding="utf-8"))
    # Tests that fail without any mutant are left out (their ids follow --deselect).
    deselected = {full[i + 1] for i, a in enumerate(full[:-1]) if a == "--deselect"}
    tests = [t for t in covering_tests(coverage_map, lines) if t not in deselected]
    if tests:
        print(f"# lines {sorted(lines)}: {len(tests)} covering test(s)", flush=True)
        status = subprocess.run([*PYTEST, *tests], check=False).returncode
        if status != 0 or not args.then_all:
            return status
    print(f"# lines {sorted(lines)}: the module's whole test files", flush=True)
    return subprocess.run([*PYTEST, *full], check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
