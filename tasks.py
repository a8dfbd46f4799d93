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
