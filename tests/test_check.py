"""`invoke check`'s static checks on small pages written for each case."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitetools.check import check_page, check_site, format_report, local_target

HOSTS = {"votrecoachweb.com"}
GOOD_HEAD = '<title>T</title><meta name="description" content="Une page.">'


def html(body: str, head: str = GOOD_HEAD) -> str:
    return f"<!DOCTYPE html><html lang='fr'><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("href", "page", "target"),
    [
        ("/a/", "b/index.html", "a/"),
        ("../a/", "b/index.html", "a/"),
        ("img.png", "b/index.html", "b/img.png"),
        ("https://votrecoachweb.com/a/", "index.html", "a/"),
        ("https://example.org/a/", "index.html", None),
        ("mailto:x@example.org", "index.html", None),
        ("#contenu", "index.html", None),
    ],
)
def test_local_target_resolves_links_like_a_browser(href, page, target):
    assert local_target(href, page, HOSTS) == target


@pytest.fixture
def output(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(html('<p class="chapo">x</p>'))
    (tmp_path / "style.css").write_text("")
    return tmp_path


@pytest.mark.parametrize(
    ("page", "category"),
    [
        (html('<a href="/nope/">x</a>'), "broken links"),
        (html('<link rel="stylesheet" href="/missing.css">'), "missing assets"),
        (html('<img src="/style.css">'), "images without alt"),
        (html("x", head='<meta name="description" content="d">'), "titles"),
        (html("x", head="<title>T</title>"), "descriptions"),
    ],
)
def test_each_error_category_is_caught(output, page, category):
    report = check_page("b/index.html", page, output, HOSTS)
    assert report.errors[category], report.errors
    assert not report.ok


def test_a_clean_page_passes_and_long_descriptions_only_warn(output):
    good = html('<p class="chapo">x</p><a href="/a/">a</a><img src="/style.css" alt="">')
    assert check_page("b/index.html", good, output, HOSTS).ok
    long_head = f'<title>T</title><meta name="description" content="{"x" * 161}">'
    report = check_page("b/index.html", html("<p>x</p>", long_head), output, HOSTS)
    assert report.ok
    assert report.warnings["long descriptions"]
    assert report.warnings["pages without chapo"]


def test_duplicate_canonical_urls_fail_and_report_names_both(tmp_path):
    head = GOOD_HEAD + '<link rel="canonical" href="https://votrecoachweb.com/a/">'
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(html('<p class="chapo">x</p>', head))
    report = check_site(tmp_path, HOSTS)
    lines = format_report(report)
    assert lines == [
        "error: duplicate URLs: 1 — a/index.html, b/index.html: all claim "
        "canonical https://votrecoachweb.com/a/"
    ]


# --- Budgets whose tools are missing or broken (scripts/budgets.py) ---------------

SKIP_LINE = (
    "not checked: Nu Html Checker (java not found, no vnu-jar in node_modules/); "
    "axe-core (chromium not found, no axe-core in node_modules/) — to run them, "
    "install the test tools: bash scripts/install-test-deps.sh"
)


def test_tools_missing_names_each_missing_tool(tmp_path):
    from sitetools.budget_tools import AXE, LIGHTHOUSE, NU, tools_missing  # noqa: PLC0415

    def nothing(name):
        return None

    assert tools_missing(NU, tmp_path, nothing) == ["java not found", "no vnu-jar in node_modules/"]
    assert tools_missing(LIGHTHOUSE, tmp_path, nothing) == [
        "chromium not found",
        "node not found",
        "no lighthouse in node_modules/",
    ]
    jar = tmp_path / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    jar.parent.mkdir(parents=True)
    jar.write_bytes(b"")
    assert tools_missing(NU, tmp_path, {"java": "/usr/bin/java"}.get) == []
    assert tools_missing(AXE, tmp_path, {"chromium-browser": "/usr/bin/cb"}.get) == [
        "no axe-core in node_modules/"
    ]


@pytest.mark.parametrize(
    ("environ", "required"),
    [
        ({}, False),
        ({"CI": "true"}, True),
        ({"CI": "false"}, False),
        ({"BUDGETS_REQUIRE_TOOLS": "1"}, True),
        ({"BUDGETS_REQUIRE_TOOLS": ""}, False),
    ],
)
def test_tools_are_required_in_ci_and_tests(environ, required):
    from sitetools.budget_tools import tools_required  # noqa: PLC0415

    assert tools_required(environ) is required


def budgets_module():
    import importlib.util  # noqa: PLC0415

    from conftest import ROOT  # noqa: PLC0415

    spec = importlib.util.spec_from_file_location("budgets", ROOT / "scripts" / "budgets.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["budgets"] = module  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


def test_budget_report_skips_for_the_owner_and_fails_in_ci():
    budgets = budgets_module()
    done = budgets.Measurement(
        [budgets.PageResult("index.html", critical_bytes=2048)],
        skipped={"axe-core": ["chromium not found"]},
        failed={"Nu Html Checker": "`java -jar vnu.jar` gave no report (exit 0), it printed: ?"},
    )
    lines, code = budgets.report(done, required=False)
    assert code == 0
    assert lines[1:] == [
        "budgets: 1 pages, 0 over budget, largest critical HTML+CSS 2.0 KB gzip",
        "not checked: Nu Html Checker: `java -jar vnu.jar` gave no report (exit 0), it printed: ?",
        "not checked: axe-core (chromium not found) — to run them, install the test tools: "
        "bash scripts/install-test-deps.sh",
    ]
    assert " axe - nu - " in lines[0]
    lines, code = budgets.report(done, required=True)
    assert code == 2
    assert lines[2:] == [
        "error: axe-core cannot run: chromium not found (CI and the tests run every budget; "
        "install: bash scripts/install-test-deps.sh)",
        "error: Nu Html Checker did not run: `java -jar vnu.jar` gave no report (exit 0), "
        "it printed: ?",
    ]


# --- The site owner's machine: no node_modules/, no Java, no Chromium -------------


def path_without(folder: Path, hidden: set[str]) -> str:
    """A PATH with every command of this machine's PATH except `hidden` (linked into `folder`)."""
    folder.mkdir(parents=True, exist_ok=True)
    for directory in os.environ["PATH"].split(os.pathsep):
        if not os.path.isdir(directory):
            continue
        for entry in os.scandir(directory):
            link = folder / entry.name
            if entry.name not in hidden and not link.exists() and not link.is_symlink():
                link.symlink_to(entry.path)
    return str(folder)


def owner_env(path: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "BUDGETS_REQUIRE_TOOLS"}}
    return {**env, "PATH": path, "PYTHONUNBUFFERED": "1", **extra}


def run_task(project: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def owner_project(project, tmp_path):
    """The project as a site owner has it after `python3 dev.py serve`: no test tools."""
    from conftest import ROOT  # noqa: PLC0415

    shutil.copytree(ROOT / "scripts", project / "scripts")
    (tmp_path / "site").mkdir()  # the USB key, plugged in
    (project / "deploy.toml").write_text(
        f'[targets.dossier]\nkind = "folder"\npath = "{tmp_path / "site"}"\n', encoding="utf-8"
    )
    return project


@pytest.mark.slow
def test_publish_check_and_deploy_work_without_the_test_tools(owner_project, tmp_path):
    env = owner_env(path_without(tmp_path / "bin", {"java", "chromium", "chromium-browser"}))
    assert not (owner_project / "node_modules").exists()
    publish = run_task(owner_project, env, "publish")
    assert publish.returncode == 0, publish.stderr

    check = run_task(owner_project, env, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert SKIP_LINE in check.stdout.splitlines()
    assert "static checks: no problem found" in check.stdout
    assert "Traceback" not in check.stdout + check.stderr

    deploy = run_task(owner_project, env, "deploy", "--target", "dossier")
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    assert SKIP_LINE in deploy.stdout.splitlines()
    assert "deploy to dossier: changed" in deploy.stdout
    assert (tmp_path / "site" / "medias-sociaux-et-community-management" / "index.html").is_file()
    assert "Traceback" not in deploy.stdout + deploy.stderr

    ci = run_task(owner_project, {**env, "CI": "true"}, "check")
    assert ci.returncode == 1
    assert (
        "error: Nu Html Checker cannot run: java not found, no vnu-jar in node_modules/ "
        "(CI and the tests run every budget; install: bash scripts/install-test-deps.sh)"
    ) in ci.stdout.splitlines()
    assert SKIP_LINE not in ci.stdout


@pytest.mark.slow
def test_a_java_that_prints_garbage_is_one_clear_line(owner_project, tmp_path):
    from conftest import ROOT  # noqa: PLC0415

    (owner_project / "node_modules").symlink_to(ROOT / "node_modules")
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "java").write_text("#!/bin/sh\necho 'Error: garbage from a broken Java' >&2\nexit 3\n")
    (fake / "java").chmod(0o755)
    path = str(fake) + os.pathsep + path_without(tmp_path / "bin", {"java", "chromium"})
    assert run_task(owner_project, owner_env(path), "build").returncode == 0
    check = run_task(owner_project, owner_env(path), "check")
    assert check.returncode == 0, check.stdout + check.stderr
    nu_lines = [line for line in check.stdout.splitlines() if "Nu Html Checker" in line]
    assert nu_lines == [
        "not checked: Nu Html Checker: `java -jar vnu.jar` gave no report (exit 3), "
        "it printed: Error: garbage from a broken Java"
    ]
    assert "Traceback" not in check.stdout + check.stderr
    ci = run_task(owner_project, owner_env(path, CI="true"), "check")
    assert ci.returncode == 1
    assert "error: Nu Html Checker did not run: `java -jar vnu.jar` gave no report" in ci.stdout


def test_check_without_a_build_says_so(owner_project):
    env = owner_env(os.environ["PATH"])
    check = run_task(owner_project, env, "check")
    assert check.returncode == 1
    assert check.stdout.strip() == (
        "check: output/ does not exist: build the site first (python3 dev.py build)"
    )
