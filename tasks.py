"""invoke tasks for the Votre Coach Web site: `invoke --list` shows them all."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # sitetools/ is imported from the project folder

SETTINGS = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "output": "output",
    "pages": "content/pages",
    "host": "127.0.0.1",
    "port": 8000,
    "deploy_config": "deploy.toml",
    # Hosts whose links count as internal (http/https, with or without www).
    "site_hosts": {"votrecoachweb.com", "www.votrecoachweb.com"},
    # Everything a rebuild depends on, not only the .md files.
    "watched": ["content", "theme", "plugins", "pelicanconf.py"],
}


def _build(settings_file: str, strict: bool = False, debug: bool = False) -> None:
    from sitetools.build import build as run_build  # noqa: PLC0415
    from sitetools.build import summary  # noqa: PLC0415

    os.chdir(ROOT)
    result = run_build(settings_file, strict=strict, debug=debug)
    print(summary(result), file=sys.stderr)
    if not result.ok:
        raise Exit(code=1)


@task(help={"strict": "fail on any warning", "debug": "show Python tracebacks"})
def build(c, strict=False, debug=False):
    """Build the site into output/ (the old output stays if the build fails)."""
    _build(SETTINGS["settings_base"], strict, debug)


@task
def clean(c):
    """Remove output/ and Pelican's cache."""
    for folder in (SETTINGS["output"], "cache", "__pycache__"):
        shutil.rmtree(ROOT / folder, ignore_errors=True)


@task(pre=[clean])
def rebuild(c, strict=False, debug=False):
    """Remove output/ and the cache, then build from scratch."""
    _build(SETTINGS["settings_base"], strict, debug)


@task(help={"port": "port to serve on (default 8000)"})
def serve(c, port=None):
    """Serve output/ at http://127.0.0.1:8000/ (no rebuild, no reload)."""
    from sitetools.serve import serve as run_server  # noqa: PLC0415

    run_server(str(ROOT / SETTINGS["output"]), SETTINGS["host"], int(port or SETTINGS["port"]))


@task(help={"port": "port to serve on (default 8000)"})
def livereload(c, port=None):
    """Build, serve, and rebuild + reload the browser on any change."""
    from sitetools.serve import serve_with_reload  # noqa: PLC0415

    os.chdir(ROOT)
    serve_with_reload(
        str(ROOT / SETTINGS["output"]),
        SETTINGS["watched"],
        settings=SETTINGS["settings_base"],
        host=SETTINGS["host"],
        port=int(port or SETTINGS["port"]),
    )


@task(help={"strict": "fail on any warning", "debug": "show Python tracebacks"})
def publish(c, strict=False, debug=False):
    """Build the production site (absolute URLs, feeds) with publishconf.py."""
    _build(SETTINGS["settings_publish"], strict, debug)


@task(
    help={
        "report": "where to write the full report (default reports/check.txt)",
        "lighthouse": "also run Lighthouse on every page (slow; CI runs it in the tests)",
    }
)
def check(c, report="reports/check.txt", lighthouse=False):
    """Check the built output/: links, assets, titles, alt text, Nu, axe, 14 KB budget."""
    from sitetools.check import check_site, format_report  # noqa: PLC0415

    output = ROOT / SETTINGS["output"]
    result = check_site(output, SETTINGS["site_hosts"])
    lines = format_report(result)
    print("\n".join(lines) or "static checks: no problem found")
    path = ROOT / report
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(format_report(result, shown=10**9)) + "\n", encoding="utf-8")
    budgets = [
        sys.executable,
        "scripts/budgets.py",
        str(output),
        "--json",
        str(path.with_suffix(".json")),
    ]
    if not lighthouse:
        budgets.append("--no-lighthouse")
    run = c.run(" ".join(budgets), warn=True, pty=False)
    print(
        f"full report: {path.relative_to(ROOT)} and {path.with_suffix('.json').relative_to(ROOT)}"
    )
    if not result.ok or run.failed:
        raise Exit(code=1)


def _publish_and_check(c) -> Path:
    """The publish build and `check`; any failure refuses what follows (deploy, package)."""
    from sitetools.build import build as run_build  # noqa: PLC0415

    os.chdir(ROOT)
    result = run_build(SETTINGS["settings_publish"])
    if not result.ok:
        raise Exit("deploy refused: the publish build failed (see the errors above)", code=1)
    try:
        check(c, report="reports/check-publish.txt")
    except Exit:
        raise Exit("deploy refused: invoke check failed (see reports/)", code=1) from None
    return ROOT / SETTINGS["output"]


@task(
    help={
        "target": "a target from deploy.toml (default: its `default`)",
        "dry_run": "list what would be uploaded and deleted, change nothing",
    }
)
def deploy(c, target="", dry_run=False):
    """Build with publishconf.py, check, then publish to a target from deploy.toml."""
    from sitetools.deploy import DeployError, load_targets  # noqa: PLC0415
    from sitetools.deploy import deploy as send  # noqa: PLC0415

    try:
        targets = load_targets(ROOT / SETTINGS["deploy_config"])
        name = target or next(iter(targets), "")
        if name not in targets:
            raise DeployError(f"no target {name!r} in deploy.toml (known: {', '.join(targets)})")
        output = _publish_and_check(c)
        changes = send(targets[name], output, ROOT / ".deploy", dry_run, ROOT)
    except DeployError as error:
        raise Exit(f"deploy: {error}", code=1) from None
    verb = "would change" if dry_run else "changed"
    print("\n".join(changes))
    print(f"deploy to {name}: {verb} {len(changes)} file(s)")


@task(help={"folder": "where to write the archives (default dist/)"})
def package(c, folder="dist"):
    """Build, check, and write a dated .tar.gz and .zip of the site with SHA-256 sums."""
    from sitetools.deploy import package as make_package  # noqa: PLC0415

    output = _publish_and_check(c)
    for path in make_package(output, ROOT / folder, "votrecoachweb"):
        print(path.relative_to(ROOT))


@task(help={"title": 'the page title, e.g. "Médias sociaux"'})
def new(c, title):
    """Write content/pages/<slug>.md with front matter, ready to edit."""
    from pelican.settings import read_settings  # noqa: PLC0415

    from sitetools.newpage import create_page  # noqa: PLC0415

    author = read_settings(str(ROOT / SETTINGS["settings_base"])).get("AUTHOR", "")
    try:
        path = create_page(title, ROOT / SETTINGS["pages"], author)
    except FileExistsError as error:
        raise Exit(
            f"{Path(error.filename).relative_to(ROOT)} already exists: not overwritten", code=1
        ) from None
    except ValueError as error:
        raise Exit(str(error), code=1) from None
    print(path.relative_to(ROOT))


@task(help={"browser": "only the browser tests", "k": "pytest -k expression"})
def test(c, browser=False, k=""):
    """Lint (ruff check + format check), then run the whole pytest suite."""
    with c.cd(str(ROOT)):
        c.run(f"{sys.executable} -m ruff check .", pty=False)
        c.run(f"{sys.executable} -m ruff format --check .", pty=False)
        args = ["-m browser"] if browser else []
        if k:
            args.append(f"-k {k!r}")
        c.run(f"{sys.executable} -m pytest {' '.join(args)}", pty=False)
