"""`invoke check`'s static checks on small pages written for each case."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import urllib.request
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
        ("?page=2", "a/index.html", None),
        ("tel:+33100000000", "index.html", None),
        ("javascript:void(0)", "index.html", None),
        ("data:image/gif;base64,R0lGOD", "index.html", None),
        ("//votrecoachweb.com/c.css", "index.html", "c.css"),
        ("photo.jpg", "index.html", "photo.jpg"),
        ("photo.jpg", "a/sommaire.html", "a/photo.jpg"),
        ("photo.jpg", "a/monindex.html", "a/photo.jpg"),
        ("../", "a/b/index.html", "a/"),
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


@pytest.mark.parametrize(
    ("relpath", "url"),
    [
        ("index.html", "/"),
        ("a/index.html", "/a/"),
        ("a/b.html", "/a/b.html"),
        ("a/monindex.html", "/a/monindex.html"),
        ("tarifs.html", "/tarifs.html"),
        ("zz/index.html", "/zz/"),
    ],
)
def test_page_url_is_the_address_a_file_is_served_at(relpath, url):
    from sitetools.check import page_url  # noqa: PLC0415

    assert page_url(relpath) == url


def test_service_pages_need_no_chapo_and_the_404_no_description(output):
    no_description = html("<p>x</p>", head="<title>Page introuvable</title>")
    report = check_page("404.html", no_description, output, HOSTS)
    assert report.ok, report.errors
    assert dict(report.warnings) == {}
    for service in ("index.html", "mentions-legales/index.html"):
        report = check_page(service, html("<p>x</p>"), output, HOSTS)
        assert report.ok and dict(report.warnings) == {}, service
    report = check_page("a/index.html", html("<p>x</p>", head="<title>T</title>"), output, HOSTS)
    assert report.errors["descriptions"] == ['a/index.html: no <meta name="description">']


def test_a_description_of_exactly_160_characters_is_not_long(output):
    head = f'<title>T</title><meta name="description" content="{"x" * 160}">'
    report = check_page("b/index.html", html('<p class="chapo">x</p>', head), output, HOSTS)
    assert report.ok and dict(report.warnings) == {}


def test_an_image_with_an_empty_alt_is_fine_and_a_missing_one_is_named(output):
    page = html('<p class="chapo">x</p><img src="/style.css" alt=""><img src="/style.css">')
    report = check_page("b/index.html", page, output, HOSTS)
    assert report.errors["images without alt"] == [
        "b/index.html: <img src='/style.css'> has no alt"
    ]
    assert list(report.errors) == ["images without alt"]


def test_links_to_other_sites_are_not_checked_and_missing_ones_are_named(output):
    page = html(
        '<p class="chapo">x</p><a href="https://example.org/nulle-part/">x</a>'
        '<a href="/a/">a</a><script src="/manque.js"></script><img src="/manque.png" alt="">'
        '<a href="/perdu/">p</a>'
    )
    report = check_page("b/index.html", page, output, HOSTS)
    assert dict(report.errors) == {
        "broken links": ["b/index.html: /perdu/ not found"],
        "missing assets": [
            "b/index.html: /manque.png not found",
            "b/index.html: /manque.js not found",
        ],
    }


def test_check_site_skips_redirect_stubs_and_merges_every_page(tmp_path):
    (tmp_path / "ancienne").mkdir()
    (tmp_path / "ancienne" / "index.html").write_text(
        '<html><head><meta http-equiv="refresh" content="0; url=/a/"></head></html>'
    )
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(html(f'<a href="/{name}-perdu/">x</a>'))
    report = check_site(tmp_path, HOSTS)
    assert dict(report.errors) == {
        "broken links": ["a/index.html: /a-perdu/ not found", "b/index.html: /b-perdu/ not found"]
    }
    assert dict(report.warnings) == {
        "pages without chapo": [
            "a/index.html: no lead paragraph (chapo)",
            "b/index.html: no lead paragraph (chapo)",
        ]
    }
    assert not report.ok


def test_format_report_shows_the_first_three_then_an_ellipsis():
    from sitetools.check import Report  # noqa: PLC0415

    report = Report()
    for n in range(1, 5):
        report.error("broken links", f"p{n}.html", "/x/ not found")
    for n in range(1, 4):
        report.warn("pages without chapo", f"q{n}.html", "no lead paragraph (chapo)")
    assert format_report(report) == [
        "error: broken links: 4 — p1.html: /x/ not found; p2.html: /x/ not found; "
        "p3.html: /x/ not found …",
        "warning: pages without chapo: 3 — q1.html: no lead paragraph (chapo); "
        "q2.html: no lead paragraph (chapo); q3.html: no lead paragraph (chapo)",
    ]
    assert report.ok is False
    assert Report().ok is True


def test_run_check_without_a_build_fails_with_one_line(tmp_path, capsys):
    from sitetools.check import run_check  # noqa: PLC0415

    ok = run_check(tmp_path, tmp_path / "output", tmp_path / "reports" / "check.txt", HOSTS)
    assert ok is False
    assert capsys.readouterr().out == (
        "check: output/ does not exist: build the site first (python3 dev.py build)\n"
    )
    assert not (tmp_path / "reports").exists()


# A stand-in for scripts/budgets.py: notes its arguments, writes the figures, exits as told.
FAKE_BUDGETS = """import json, sys
from pathlib import Path
arguments = sys.argv[1:]
Path("budgets-arguments.json").write_text(json.dumps(arguments))
Path(arguments[arguments.index("--json") + 1]).write_text("{}")
sys.exit(int(Path("budgets-exit").read_text()))
"""


def fake_root(tmp_path: Path, exit_code: int) -> Path:
    root = tmp_path / "projet"
    (root / "scripts").mkdir(parents=True)
    (root / "scripts" / "budgets.py").write_text(FAKE_BUDGETS, encoding="utf-8")
    (root / "budgets-exit").write_text(str(exit_code), encoding="utf-8")
    output = root / "output"
    for n in range(1, 11):
        (output / f"p{n}").mkdir(parents=True)
        (output / f"p{n}" / "index.html").write_text(html('<p class="chapo">x</p>'))
    return root


@pytest.mark.parametrize("exit_code", [0, 1])
def test_run_check_runs_the_budgets_without_lighthouse_and_writes_the_full_report(
    tmp_path, capsys, exit_code
):
    import json  # noqa: PLC0415

    from sitetools.check import run_check  # noqa: PLC0415

    root = fake_root(tmp_path, exit_code)
    output, report = root / "output", root / "reports" / "check.txt"
    assert run_check(root, output, report, HOSTS) is (exit_code == 0)
    arguments = json.loads((root / "budgets-arguments.json").read_text())
    assert arguments == [
        str(output),
        "--json",
        str(root / "reports" / "check.json"),
        "--no-lighthouse",
    ]
    assert capsys.readouterr().out == (
        "static checks: no problem found\nfull report: reports/check.txt and reports/check.json\n"
    )
    assert report.read_text(encoding="utf-8") == "\n"


def test_run_check_with_lighthouse_and_a_broken_site_fails_and_lists_every_problem(
    tmp_path, capsys
):
    import json  # noqa: PLC0415

    from sitetools.check import run_check  # noqa: PLC0415

    root = fake_root(tmp_path, 0)
    output, report = root / "output", root / "reports" / "check.txt"
    for n in range(1, 11):
        (output / f"p{n}" / "index.html").write_text(
            html('<p class="chapo">x</p><a href="/z/">z</a>')
        )
    assert run_check(root, output, report, HOSTS, lighthouse=True) is False
    arguments = json.loads((root / "budgets-arguments.json").read_text())
    assert arguments == [str(output), "--json", str(root / "reports" / "check.json")]
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == (
        "error: broken links: 10 — p1/index.html: /z/ not found; "
        "p10/index.html: /z/ not found; p2/index.html: /z/ not found …"
    )
    full = report.read_text(encoding="utf-8")
    assert full.startswith("error: broken links: 10 — p1/index.html: /z/ not found; ")
    assert full.count("/index.html: /z/ not found") == 10  # the file lists every one
    assert full.endswith("p8/index.html: /z/ not found; p9/index.html: /z/ not found\n")


def test_run_check_says_so_when_the_budgets_cannot_start(tmp_path, capsys, monkeypatch):
    from sitetools.check import run_check  # noqa: PLC0415

    root = fake_root(tmp_path, 0)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "pas-de-python"))
    assert run_check(root, root / "output", root / "reports" / "check.txt", HOSTS) is False
    printed = capsys.readouterr().out.splitlines()
    assert printed[1].startswith("check: scripts/budgets.py could not run: ")
    assert printed[2] == "full report: reports/check.txt"


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


def test_only_nu_axe_and_lighthouse_need_tools_however_their_name_was_read(tmp_path):
    from sitetools.budget_tools import tools_missing  # noqa: PLC0415

    def nothing(name):
        return None

    # Only Nu, axe-core and Lighthouse need tools; any other budget always runs.
    assert tools_missing("HTML+CSS critique", tmp_path, nothing) == []

    # A name read at run time (a command line, a JSON file) is an equal, distinct string.
    def typed(name: str) -> str:
        return "".join(list(name))

    assert tools_missing(typed("Nu Html Checker"), tmp_path, nothing) == [
        "java not found",
        "no vnu-jar in node_modules/",
    ]
    assert tools_missing(typed("axe-core"), tmp_path, nothing)[:2] == [
        "chromium not found",
        "no axe-core in node_modules/",
    ]
    assert tools_missing(typed("Lighthouse"), tmp_path, nothing) == [
        "chromium not found",
        "node not found",
        "no lighthouse in node_modules/",
    ]


def test_the_budgets_local_server_compresses_pages_as_a_real_host_does(tmp_path):
    from sitetools.budget_tools import served  # noqa: PLC0415

    text = "<!DOCTYPE html><p>" + "Une phrase de la page. " * 200 + "</p>"
    (tmp_path / "index.html").write_text(text, encoding="utf-8")
    with served(tmp_path) as base:
        request = urllib.request.Request(base + "/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()).decode("utf-8") == text


@pytest.mark.parametrize(
    ("environ", "required"),
    [
        ({}, False),
        ({"CI": "true"}, True),
        ({"CI": "false"}, False),
        ({"BUDGETS_REQUIRE_TOOLS": "1"}, True),
        ({"BUDGETS_REQUIRE_TOOLS": ""}, False),
        ({"BUDGETS_REQUIRE_TOOLS": "no"}, False),
        ({"BUDGETS_REQUIRE_TOOLS": " 1 "}, True),
        ({"CI": " TRUE "}, True),
        ({"CI": "1"}, True),
        ({"CI": "yes"}, True),
        ({"CI": "no"}, False),
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
