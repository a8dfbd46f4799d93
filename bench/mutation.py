"""Mutation score of plugins/ and sitetools/, one module at a time, with cosmic-ray.

    .venv/bin/python bench/mutation.py                      # every module (~10 h, one worker)
    .venv/bin/python bench/mutation.py chapo sitetools/build # only these (name or path part)
    .venv/bin/python bench/mutation.py --list               # modules and their test files
    .venv/bin/python bench/mutation.py --count              # mutants per module, none run
    .venv/bin/python bench/mutation.py --sample 10          # 10 random mutants a module
    .venv/bin/python bench/mutation.py --work DIR --resume  # finish or re-score an earlier run

Works in a temporary copy of the project (the real tree is never mutated), runs each
module's mutants against that module's own test files only (see MODULES), with one
low-priority worker (nice 19). The test files run once unmutated under coverage, one
context per test (pytest-cov); each mutant then runs only the tests that ran its
line, fastest first, stopping at the first failure (bench/mutation_tests.py), or the
whole files when no test ran it in-process. A mutant those tests miss counts as
surviving; `--exact` also runs the whole files for it (a test may reach the line
in a subprocess or a forked worker, where coverage does not see it), and
`--whole-files` skips the selection. Prints, per module, killed / scored mutants and the
score, then every surviving mutant as `file:line operator` and its diff. Mutants
listed in bench/mutation_equivalents.toml (same file, operator and source line) are
counted apart as equivalent, each with its one-line reason. Target: at least 85 %
killed in every module with 20 or more mutants. A figure, not a CI step.

`--resume` keeps killed results and runs again only the mutants still pending or
surviving (after adding tests, this gives the new figure without a full run); the
tests of the copy are refreshed from the real tree first.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
# bench/mutation_equivalents.toml, plus one file per area (mutation_equivalents_*.toml)
EQUIVALENTS = sorted(Path(__file__).resolve().parent.glob("mutation_equivalents*.toml"))
COPIED = (
    "pelicanconf.py",
    "publishconf.py",
    "tasks.py",
    "dev.py",
    "pyproject.toml",
    "requirements.txt",  # the dev_project fixture of tests/test_serve.py copies them
    "requirements-dev.txt",
    "constraints.txt",
    "deploy.toml",
    "package.json",
    "theme",
    "plugins",
    "sitetools",
    "tests",
    "content",
    "scripts",
    "bench",
    "docs",
)
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
TARGET = 0.85
MIN_MUTANTS = 20
# Variable replacement/insertion mostly makes unparseable or trivially-dead code;
# cosmic-ray's own docs call them experimental. Every other core operator runs.
EXCLUDED_OPERATORS = ("core/VariableReplacer", "core/VariableInserter")

# module (file under plugins/ or sitetools/) -> the test files that cover it.
# A package's plugin modules share their package's tests. Server and browser
# tests are used where they are the only coverage (deploy transports, serve).
_CHAPO = ["tests/test_user_visible.py", "tests/test_chapo.py"]
_TYPO = ["tests/test_user_visible.py", "tests/test_french_typography.py"]
_WORDPRESS = [
    "tests/test_user_visible.py",
    "tests/test_wordpress_export.py",
    "tests/test_fuzz_migration.py",
]
_REDIRECTS = ["tests/test_redirects.py", "tests/test_static_hosts.py"]
_IMAGES = ["tests/test_responsive_images.py"]
_YAML = ["tests/test_authoring.py", "tests/test_build.py", "tests/test_wordpress_export.py"]
_DEPLOY = ["tests/test_user_visible.py", "tests/test_deploy.py", "tests/test_static_hosts.py"]
MODULES: dict[str, list[str]] = {
    "plugins/chapo/describe.py": _CHAPO,
    "plugins/chapo/extract.py": _CHAPO,
    "plugins/chapo/plugin.py": _CHAPO,
    "plugins/chapo/raw_markdown.py": _CHAPO,
    "plugins/content_map/inventory.py": ["tests/test_content_map.py"],
    "plugins/content_map/placement.py": ["tests/test_content_map.py"],
    "plugins/content_map/plugin.py": ["tests/test_content_map.py"],
    "plugins/feeds/plugin.py": ["tests/test_feeds.py", "tests/test_build.py"],
    "plugins/french_typography/plugin.py": _TYPO,
    "plugins/french_typography/rules.py": _TYPO,
    "plugins/internal_links/links.py": ["tests/test_content_map.py"],
    "plugins/internal_links/plugin.py": ["tests/test_content_map.py"],
    "plugins/lean_output/fingerprint.py": ["tests/test_lean_output.py"],
    "plugins/lean_output/minify.py": ["tests/test_lean_output.py"],
    "plugins/lean_output/plugin.py": ["tests/test_lean_output.py"],
    "plugins/legal_notice/plugin.py": ["tests/test_theme.py", "tests/test_consultancy.py"],
    "plugins/home_page/choose.py": ["tests/test_home_page.py"],
    "plugins/home_page/plugin.py": ["tests/test_home_page.py"],
    "plugins/home_page/testimonials.py": ["tests/test_home_page.py"],
    "plugins/owner_facts/facts.py": ["tests/test_consultancy.py"],
    "plugins/owner_facts/plugin.py": ["tests/test_consultancy.py"],
    "plugins/share_images/draw.py": ["tests/test_consultancy.py"],
    "plugins/share_images/plugin.py": ["tests/test_consultancy.py"],
    "plugins/wide_content/plugin.py": ["tests/test_wide_content.py"],
    "plugins/wide_content/regions.py": ["tests/test_wide_content.py"],
    "plugins/navigation/plugin.py": ["tests/test_navigation.py"],
    "plugins/page_checks/checks.py": ["tests/test_authoring.py"],
    "plugins/page_checks/plugin.py": ["tests/test_authoring.py"],
    "plugins/page_language/dates.py": ["tests/test_page_language.py"],
    "plugins/page_language/plugin.py": ["tests/test_page_language.py"],
    "plugins/redirects/hosts.py": _REDIRECTS,
    "plugins/redirects/plugin.py": _REDIRECTS,
    "plugins/redirects/rules.py": _REDIRECTS,
    "plugins/redirects/writers.py": _REDIRECTS,
    "plugins/responsive_images/images.py": _IMAGES,
    "plugins/responsive_images/plugin.py": _IMAGES,
    "plugins/responsive_images/refs.py": _IMAGES,
    "plugins/responsive_images/variants.py": _IMAGES,
    "plugins/seo/plugin.py": ["tests/test_redirects.py"],
    "plugins/seo/structured.py": ["tests/test_redirects.py"],
    "plugins/server_config/headers.py": [
        "tests/test_user_visible.py",
        "tests/test_server_config.py",
    ],
    "plugins/server_config/plugin.py": [
        "tests/test_user_visible.py",
        "tests/test_server_config.py",
    ],
    "plugins/wordpress_export/body.py": _WORDPRESS,
    "plugins/wordpress_export/clean.py": _WORDPRESS,
    "plugins/wordpress_export/code.py": _WORDPRESS,
    "plugins/wordpress_export/edits.py": _WORDPRESS,
    "plugins/wordpress_export/lead.py": _WORDPRESS,
    "plugins/wordpress_export/leftovers.py": _WORDPRESS,
    "plugins/wordpress_export/reader.py": _WORDPRESS,
    "plugins/wordpress_export/recognize.py": _WORDPRESS,
    "plugins/wordpress_export/shortcodes.py": _WORDPRESS,
    "plugins/wordpress_export/site_config.py": ["tests/test_content_map.py"],
    "plugins/wordpress_export/structure.py": ["tests/test_structure.py", *_WORDPRESS],
    "plugins/wordpress_export/walk.py": ["tests/test_structure.py", *_WORDPRESS],
    "plugins/yaml_markdown/contents.py": _YAML,
    "plugins/yaml_markdown/errors.py": _YAML,
    "plugins/yaml_markdown/explain.py": _YAML,
    "plugins/yaml_markdown/frontmatter.py": _YAML,
    "plugins/yaml_markdown/reader.py": _YAML,
    "sitetools/budget_tools.py": ["tests/test_check.py", "tests/test_images_budget.py"],
    "sitetools/build.py": ["tests/test_user_visible.py", "tests/test_build.py"],
    "sitetools/build_cache.py": ["tests/test_build_cache.py"],
    "sitetools/parallel.py": ["tests/test_build_cache.py"],
    "sitetools/check.py": ["tests/test_check.py"],
    "sitetools/deploy.py": _DEPLOY,
    "sitetools/deploy_plan.py": _DEPLOY,
    "sitetools/deploy_transports.py": _DEPLOY,
    "sitetools/diagnostics.py": ["tests/test_build.py"],
    "sitetools/fetch_media.py": ["tests/test_fetch_media.py"],
    "sitetools/import_report.py": ["tests/test_import.py"],
    "sitetools/importer.py": ["tests/test_import.py"],
    "sitetools/newpage.py": ["tests/test_newpage.py", "tests/test_authoring.py"],
    "sitetools/report.py": ["tests/test_report.py"],
    "sitetools/serve.py": ["tests/test_serve.py"],
    "sitetools/worker.py": [
        "tests/test_worker.py",
        "tests/test_worker_plugins.py",
        "tests/test_serve.py",
    ],
}


@dataclass
class Mutant:
    module: str
    line: int
    operator: str
    occurrence: int
    source_line: str
    outcome: str  # killed, survived, incompetent, timeout-killed, pending
    diff: str


def pytest_command(tests: list[str], deselected: list[str] = ()) -> list[str]:
    command = [str(PYTHON), "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    for node in deselected:
        command += ["--deselect", node]
    return command


@dataclass
class Baseline:
    """The module's test files run once, unmutated, under coverage."""

    failures: list[str]  # already failing: they would 'kill' every mutant
    seconds: float
    coverage: Path  # coverage data, one context per test id
    durations: dict[str, float]  # test id -> seconds (setup, call, teardown)


DURATION = re.compile(r"^(\d+\.\d+)s (?:setup|call|teardown)\s+(\S.*)$", re.M)


def baseline_run(copy: Path, tests: list[str], log) -> Baseline:
    """Run `tests` unmutated with coverage per test (pytest-cov contexts) and durations."""
    folder = copy.parent / "baselines" / build_key(tests)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    command = [*pytest_command(tests), "-o", f"cache_dir={folder / 'cache'}"]
    command.remove("-x")
    command.remove("no:cacheprovider")
    command.remove("-p")
    command += ["--cov=plugins", "--cov=sitetools", "--cov-context=test", "--cov-report="]
    command += ["--durations=0", "--durations-min=0"]
    env = {**os.environ, "COVERAGE_FILE": str(folder / "coverage")}
    started = time.monotonic()
    run = subprocess.run(
        ["nice", "-n", "19", *command],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    log.write(run.stdout[-5000:])
    lastfailed = folder / "cache" / "v" / "cache" / "lastfailed"
    failed = sorted(json.loads(lastfailed.read_text("utf-8"))) if lastfailed.exists() else []
    if run.returncode not in {0, 1} or (run.returncode == 1 and not failed):
        raise RuntimeError(f"tests {' '.join(tests)} do not run: {run.stdout[-800:]}")
    durations: dict[str, float] = {}
    for seconds, test in DURATION.findall(run.stdout):
        durations[test] = durations.get(test, 0.0) + float(seconds)
    return Baseline(failed, time.monotonic() - started, folder / "coverage", durations)


def build_key(tests: list[str]) -> str:
    return "-".join(Path(t).stem.removeprefix("test_") for t in tests)


def coverage_map(copy: Path, module: str, baseline: Baseline) -> dict[str, list[str]]:
    """Line number -> ids of the tests that ran it, fastest first; "order": all ids by time."""
    from coverage import CoverageData  # noqa: PLC0415 - only the mutation run needs it

    data = CoverageData(basename=str(baseline.coverage))
    data.read()
    target = (copy / module).resolve()
    measured = [f for f in data.measured_files() if Path(f).resolve() == target]
    by_line: dict[str, list[str]] = {}
    for path in measured:
        for line, contexts in data.contexts_by_lineno(path).items():
            # pytest-cov names a context "<test id>|setup/run/teardown"; "" is collection.
            ids = {c.rsplit("|", 1)[0] for c in contexts if c}
            by_line.setdefault(str(line), []).extend(sorted(ids))
    order = sorted(baseline.durations, key=baseline.durations.get)
    by_line["order"] = order
    return by_line


BASELINES: dict[tuple[str, ...], Baseline] = {}


def config_text(module: str, command: list[str], timeout: float) -> str:
    excluded = ", ".join(f'"{op}"' for op in EXCLUDED_OPERATORS)
    return (
        "[cosmic-ray]\n"
        f'module-path = "{module}"\n'
        f"timeout = {timeout}\n"
        "excluded-modules = []\n"
        f"test-command = {json.dumps(shlex.join(command))}\n"
        "[cosmic-ray.distributor]\n"
        'name = "local"\n'
        "[cosmic-ray.filters.operators-filter]\n"
        f"exclude-operators = [{excluded}]\n"
    )


def make_copy(work: Path) -> Path:
    copy = work / "project"
    copy.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = ROOT / name
        if not source.exists():
            continue
        target = copy / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=IGNORED, dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)
    for link in ("node_modules", ".venv"):
        if (ROOT / link).exists() and not (copy / link).exists():
            (copy / link).symlink_to(ROOT / link)
    return copy


def refresh_tests(copy: Path) -> None:
    shutil.copytree(ROOT / "tests", copy / "tests", ignore=IGNORED, dirs_exist_ok=True)


def session_path(work: Path, module: str) -> Path:
    return work / "sessions" / (module.replace("/", "__").removesuffix(".py") + ".sqlite")


def cosmic_ray(*args: str, cwd: Path, log) -> int:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    command = ["nice", "-n", "19", str(PYTHON), "-m", "cosmic_ray.cli", *args]
    run = subprocess.run(
        command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env, check=False
    )
    return run.returncode


def write_config(copy: Path, work: Path, module: str, args: argparse.Namespace, log) -> None:
    tests = [t for t in MODULES[module] if (copy / t).exists()]
    if tuple(tests) not in BASELINES:
        BASELINES[tuple(tests)] = baseline_run(copy, tests, log)
    baseline = BASELINES[tuple(tests)]
    for node in baseline.failures:
        print(f"# {module}: {node} fails without any mutant: left out", flush=True)
    # A mutant that makes the tests hang counts as killed after 3x the normal time.
    timeout = min(args.timeout, max(60.0, 3 * baseline.seconds))
    config = session_path(work, module).with_suffix(".toml")
    config.parent.mkdir(parents=True, exist_ok=True)
    full = pytest_command(tests, baseline.failures)
    if args.whole_files:
        command = full
    else:
        # Each mutant runs the tests that ran its line (then the whole files with --exact).
        covering = config.with_suffix(".map.json")
        covering.write_text(json.dumps(coverage_map(copy, module, baseline)), encoding="utf-8")
        pristine = config.with_suffix(".pristine.py")
        shutil.copy2(copy / module, pristine)
        command = [
            str(PYTHON),
            str(copy / "bench" / "mutation_tests.py"),
            f"--module={module}",
            f"--pristine={pristine}",
            f"--map={covering}",
            *(["--then-all"] if args.exact else []),
            "--",
            *full[len(pytest_command([])) :],  # the test files and --deselect options
        ]
    config.write_text(config_text(module, command, timeout), encoding="utf-8")


def init_session(copy: Path, work: Path, module: str, log, sample: int = 0) -> Path:
    session = session_path(work, module)
    session.parent.mkdir(parents=True, exist_ok=True)
    config = session.with_suffix(".toml")
    if not session.exists():
        cosmic_ray("init", str(config), str(session), cwd=copy, log=log)
        filter_module = "cosmic_ray.tools.filters.operators_filter"
        subprocess.run(
            [str(PYTHON), "-m", filter_module, str(session), str(config)],
            cwd=copy,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
        skip_annotation_mutants(session, copy)
        if sample:
            keep_sample(session, sample, seed=20)
    return session


def annotation_spans(source: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(start, end) (line, character) of every annotation, when annotations are never run.

    With `from __future__ import annotations` an annotation is a string nobody
    evaluates here: `str | None` mutated to `str - None` changes nothing.
    """
    tree = ast.parse(source)
    future = any(
        isinstance(node, ast.ImportFrom)
        and node.module == "__future__"
        and any(alias.name == "annotations" for alias in node.names)
        for node in tree.body
    )
    if not future:
        return []
    lines = source.splitlines()

    def char_col(line: int, byte_col: int) -> int:
        return len(lines[line - 1].encode("utf-8")[:byte_col].decode("utf-8", "replace"))

    spans = []
    for node in ast.walk(tree):
        annotations = []
        if isinstance(node, ast.arg | ast.AnnAssign) and node.annotation is not None:
            annotations.append(node.annotation)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns:
            annotations.append(node.returns)
        for a in annotations:
            start = (a.lineno, char_col(a.lineno, a.col_offset))
            end = (a.end_lineno, char_col(a.end_lineno, a.end_col_offset))
            spans.append((start, end))
    return spans


def in_annotation(spans, row: int, col: int) -> bool:
    return any(start <= (row, col) < end for start, end in spans)


def skip_annotation_mutants(session: Path, copy: Path) -> None:
    """Mark pending mutants inside never-evaluated annotations as skipped (not run)."""
    with sqlite3.connect(session) as db:
        rows = db.execute(
            "SELECT m.job_id, m.module_path, m.start_pos_row, m.start_pos_col FROM mutation_specs m"
            " WHERE m.job_id NOT IN (SELECT job_id FROM work_results)"
        ).fetchall()
        spans: dict[str, list] = {}
        skipped = []
        for job, module_path, row, col in rows:
            if module_path not in spans:
                spans[module_path] = annotation_spans((copy / module_path).read_text("utf-8"))
            if in_annotation(spans[module_path], row, col):
                skipped.append(("annotation", job))
        db.executemany(
            "INSERT INTO work_results (worker_outcome, output, job_id) VALUES ('SKIPPED', ?, ?)",
            skipped,
        )


def keep_sample(session: Path, size: int, seed: int) -> None:
    """Mark all but `size` random mutants skipped: a sampled score when time is short."""
    with sqlite3.connect(session) as db:
        pending = [
            row[0]
            for row in db.execute(
                "SELECT job_id FROM work_items"
                " WHERE job_id NOT IN (SELECT job_id FROM work_results) ORDER BY job_id"
            )
        ]
        if len(pending) <= size:
            return
        kept = set(random.Random(seed).sample(pending, size))
        db.executemany(
            "INSERT INTO work_results (worker_outcome, output, job_id) VALUES ('SKIPPED', ?, ?)",
            [("not in sample", job) for job in pending if job not in kept],
        )


def forget_survivors(session: Path) -> int:
    """Drop surviving and incompetent results so `exec` runs those mutants again."""
    with sqlite3.connect(session) as db:
        cursor = db.execute(
            "DELETE FROM work_results WHERE lower(worker_outcome) = 'normal'"
            " AND lower(test_outcome) != 'killed'"
        )
        return cursor.rowcount


def read_mutants(session: Path, copy: Path) -> list[Mutant]:
    mutants = []
    with sqlite3.connect(session) as db:
        rows = db.execute(
            "SELECT m.module_path, m.start_pos_row, m.start_pos_col, m.operator_name, "
            "m.occurrence, r.worker_outcome, r.test_outcome, r.diff, r.output "
            "FROM mutation_specs m LEFT JOIN work_results r ON r.job_id = m.job_id"
        ).fetchall()
    spans: dict[str, list] = {}
    for module_path, line, col, operator, occurrence, worker_raw, test_raw, diff, output in rows:
        if module_path not in spans:
            spans[module_path] = annotation_spans((copy / module_path).read_text("utf-8"))
        # SQLAlchemy stores the enums' names (NORMAL, KILLED): compare in lower case.
        worker = worker_raw.lower().replace("_", "-") if worker_raw else None
        test = test_raw.lower() if test_raw else None
        lines = (copy / module_path).read_text(encoding="utf-8").splitlines()
        source_line = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        if in_annotation(spans[module_path], line, col):
            outcome = "annotation"
        elif worker is None:
            outcome = "pending"
        elif worker == "skipped":
            outcome = "skipped" if output == "not in sample" else "filtered"
        elif worker == "no-test":
            outcome = "no-test"
        elif worker in {"abnormal", "exception"}:
            outcome = "error"
        elif test == "killed":
            outcome = "killed"
        elif test == "incompetent":
            outcome = "incompetent"
        else:
            outcome = "survived"
        mutants.append(
            Mutant(module_path, line, operator, occurrence, source_line, outcome, diff or "")
        )
    return mutants


def load_equivalents() -> list[dict]:
    return [
        entry
        for path in EQUIVALENTS
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("mutant", [])
    ]


def equivalent_reason(mutant: Mutant, equivalents: list[dict]) -> str | None:
    for entry in equivalents:
        if (
            entry["module"] == mutant.module
            and entry["operator"] == mutant.operator
            and entry["line"].strip() == mutant.source_line
            and entry.get("occurrence", mutant.occurrence) == mutant.occurrence
        ):
            return entry["reason"]
    return None


def report(module: str, mutants: list[Mutant], equivalents: list[dict], verbose: bool) -> dict:
    scored = [m for m in mutants if m.outcome in {"killed", "survived"}]
    killed = [m for m in scored if m.outcome == "killed"]
    survived = [m for m in scored if m.outcome == "survived"]
    equivalent = [(m, equivalent_reason(m, equivalents)) for m in survived]
    equivalent = [(m, r) for m, r in equivalent if r]
    alive = [m for m in survived if not equivalent_reason(m, equivalents)]
    pending = sum(m.outcome == "pending" for m in mutants)
    annotations = sum(m.outcome == "annotation" for m in mutants)
    runnable = len(mutants) - annotations
    sampled = runnable - sum(m.outcome == "skipped" for m in mutants)
    other = sampled - len(scored) - pending
    total = len(killed) + len(alive)
    score = len(killed) / total if total else 1.0
    flag = ""
    if total >= MIN_MUTANTS and score < TARGET:
        flag = "  BELOW TARGET"
    if pending:
        flag += f"  ({pending} pending: partial)"
    if sampled < runnable:
        flag += f"  (sample of {sampled}/{runnable})"
    print(
        f"{module:45} {len(killed):4d}/{total:<4d} killed {score:6.1%}"
        f"  equivalent {len(equivalent):2d} (+{annotations} in annotations)  other {other:2d}{flag}"
    )
    for m in alive:
        print(f"    survived {m.module}:{m.line} {m.operator} #{m.occurrence}: {m.source_line}")
        if verbose:
            for diff_line in m.diff.splitlines():
                if diff_line.startswith(("+", "-")) and not diff_line.startswith(("+++", "---")):
                    print(f"        {diff_line}")
    for m, reason in equivalent:
        print(f"    equivalent {m.module}:{m.line} {m.operator}: {reason}")
    return {"module": module, "killed": len(killed), "total": total, "pending": pending}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="only modules whose path contains one of these")
    parser.add_argument("--work", type=Path, help="keep sessions here (default: a temp folder)")
    parser.add_argument("--resume", action="store_true", help="rerun pending/surviving mutants")
    parser.add_argument("--report-only", action="store_true", help="print figures, run nothing")
    parser.add_argument("--list", action="store_true", help="list modules and their tests")
    parser.add_argument("--sample", type=int, default=0, help="score N random mutants a module")
    parser.add_argument("--count", action="store_true", help="count mutants, run nothing")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per mutant")
    parser.add_argument("--quiet", action="store_true", help="no diffs of surviving mutants")
    parser.add_argument(
        "--exact",
        action="store_true",
        help="a mutant the covering tests miss also runs the whole test files",
    )
    parser.add_argument(
        "--whole-files",
        action="store_true",
        help="every mutant runs the whole test files (no coverage selection)",
    )
    return parser.parse_args()


def unlisted_modules() -> list[str]:
    found = [*ROOT.glob("plugins/*/*.py"), *ROOT.glob("sitetools/*.py")]
    names = sorted(p.relative_to(ROOT).as_posix() for p in found)
    return [n for n in names if n not in MODULES and not n.endswith("__init__.py")]


def count_module(copy: Path, work: Path, module: str, timeout: float, log) -> None:
    config = session_path(work, module).with_suffix(".toml")
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(config_text(module, pytest_command(MODULES[module]), timeout), "utf-8")
    session = init_session(copy, work, module, log)
    counts = [m.outcome for m in read_mutants(session, copy)]
    print(f"{module:45} {counts.count('pending'):5d} mutants", flush=True)


def run_module(copy: Path, work: Path, module: str, args: argparse.Namespace, log) -> bool:
    """Run (or, with --resume, rerun) a module's mutants; False when its tests cannot run."""
    try:
        write_config(copy, work, module, args, log)
    except RuntimeError as error:
        print(f"# {module}: skipped, {error}", flush=True)
        return False
    session = init_session(copy, work, module, log, args.sample)
    if args.resume:
        forget_survivors(session)
        skip_annotation_mutants(session, copy)
    started = time.monotonic()
    cosmic_ray("exec", str(session.with_suffix(".toml")), str(session), cwd=copy, log=log)
    print(f"# {module}: {time.monotonic() - started:.0f} s", flush=True)
    return True


def selected_modules(patterns: list[str]) -> list[str]:
    """Modules whose path contains one of `patterns`, in the order asked (all when none)."""
    if not patterns:
        return list(MODULES)
    return list(dict.fromkeys(m for p in patterns for m in MODULES if p in m))


def print_totals(figures: list[dict]) -> None:
    killed = sum(f["killed"] for f in figures)
    total = sum(f["total"] for f in figures)
    below = [
        f["module"]
        for f in figures
        if f["total"] >= MIN_MUTANTS and f["killed"] / f["total"] < TARGET
    ]
    print(f"all modules: {killed}/{total} killed ({killed / total if total else 1:.1%})")
    print("below target:", ", ".join(below) if below else "none")


def main() -> int:
    args = parse_args()
    modules = selected_modules(args.modules)
    if unlisted_modules():
        print("modules without tests listed in MODULES:", ", ".join(unlisted_modules()))
    if args.list:
        for module in modules:
            print(f"{module:45} {' '.join(MODULES[module])}")
        return 0

    work = args.work or Path(tempfile.mkdtemp(prefix="mutation-"))
    work.mkdir(parents=True, exist_ok=True)
    copy = work / "project"
    if not copy.exists():
        make_copy(work)
    elif args.resume:
        refresh_tests(copy)
    print(f"work folder: {work}", flush=True)
    equivalents = load_equivalents()
    figures = []
    with (work / "cosmic-ray.log").open("a", encoding="utf-8") as log:
        for module in modules:
            if not (copy / module).exists():
                print(f"# {module}: not in the copy (added since it was made): skipped")
            elif args.count:
                count_module(copy, work, module, args.timeout, log)
            elif args.report_only and not session_path(work, module).exists():
                print(f"# {module}: not run yet")
            elif args.report_only or run_module(copy, work, module, args, log):
                session = session_path(work, module)
                mutants = read_mutants(session, copy)
                figures.append(report(module, mutants, equivalents, not args.quiet))
                sys.stdout.flush()
    if figures:
        print_totals(figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
