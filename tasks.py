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
    "migration_report": "reports/migration.html",  # `report`; `livereload` shows it at /_migration/
    # Everything a rebuild depends on, not only the .md files.
    "watched": ["content", "theme", "plugins", "pelicanconf.py"],
}


def _site_hosts() -> set[str]:
    """Hosts whose links count as internal: the old site's (WORDPRESS_OLD_URL or the
    export's _config.yml) and the live site's, with and without www."""
    from pelican.settings import read_settings  # noqa: PLC0415

    sys.path.insert(0, str(ROOT / "plugins"))
    from wordpress_export.site_config import export_settings, old_site_hosts  # noqa: PLC0415

    os.chdir(ROOT)  # publishconf.py imports pelicanconf.py from the current folder
    settings = export_settings(read_settings(str(ROOT / SETTINGS["settings_publish"])))
    return old_site_hosts(settings.get("WORDPRESS_OLD_URL")) | old_site_hosts(settings["SITEURL"])


def _build(
    settings_file: str,
    strict: bool = False,
    debug: bool = False,
    overrides: dict | None = None,
    ignore_cache: bool = False,
) -> None:
    from sitetools.build import build as run_build  # noqa: PLC0415
    from sitetools.build import summary  # noqa: PLC0415

    os.chdir(ROOT)
    result = run_build(
        settings_file, strict=strict, debug=debug, overrides=overrides, ignore_cache=ignore_cache
    )
    print(summary(result), file=sys.stderr)
    if not result.ok:
        raise Exit(code=1)


BUILD_HELP = {
    "strict": "fail on any warning",
    "debug": "show Python tracebacks",
    "ignore_cache": "read and render every page again (the cache is rewritten)",
}


@task(help=BUILD_HELP)
def build(c, strict=False, debug=False, ignore_cache=False):
    """Build the site into output/ (the old output stays if the build fails); cached."""
    _build(SETTINGS["settings_base"], strict, debug, ignore_cache=ignore_cache)


@task
def clean(c):
    """Remove output/ and the build caches (Pelican's and sitetools')."""
    for folder in (SETTINGS["output"], "cache", "__pycache__"):
        shutil.rmtree(ROOT / folder, ignore_errors=True)


@task(pre=[clean], help={"strict": "fail on any warning", "debug": "show Python tracebacks"})
def rebuild(c, strict=False, debug=False):
    """Remove output/ and the cache, then build from scratch."""
    _build(SETTINGS["settings_base"], strict, debug, ignore_cache=True)


@task(aliases=["livereload"], help={"port": "port to serve on (default 8000)"})
def serve(c, port=None):
    """Build, serve at http://127.0.0.1:8000/, rebuild and reload the browser on any change."""
    from sitetools.serve import serve_with_reload  # noqa: PLC0415

    os.chdir(ROOT)
    code = serve_with_reload(
        str(ROOT / SETTINGS["output"]),
        SETTINGS["watched"],
        settings=SETTINGS["settings_base"],
        host=SETTINGS["host"],
        port=int(port or SETTINGS["port"]),
        report=str(ROOT / SETTINGS["migration_report"]),
    )
    if code:
        raise Exit(code=code)


@task(
    help={
        "port": "port to serve on (default 8000)",
        "no_build": "serve output/ as it is, without building",
    }
)
def preview(c, port=None, no_build=False):
    """Build the site as it will be published (no drafts, minified) and serve it, no reload."""
    from sitetools.serve import serve as run_server  # noqa: PLC0415

    port = int(port or SETTINGS["port"])
    if not no_build:
        # The publish settings, with links pointing here rather than at the live site.
        _build(SETTINGS["settings_publish"], overrides={"SITEURL": f"http://127.0.0.1:{port}"})
    run_server(str(ROOT / SETTINGS["output"]), SETTINGS["host"], port)


@task(help={"base": "address of the preview the report links to (default: serve's)"})
def report(c, base="http://127.0.0.1:8000"):
    """Write reports/migration.html: one row per WordPress export, for signing off the move."""
    from sitetools.report import run  # noqa: PLC0415

    os.chdir(ROOT)
    run(SETTINGS["settings_base"], ROOT / SETTINGS["migration_report"], base)


@task(help=BUILD_HELP)
def publish(c, strict=False, debug=False, ignore_cache=False):
    """Build the production site (absolute URLs, feeds) with publishconf.py; cached."""
    _build(SETTINGS["settings_publish"], strict, debug, ignore_cache=ignore_cache)


@task(
    help={
        "report": "where to write the full report (default reports/check.txt)",
        "lighthouse": "also run Lighthouse on every page (slow; CI runs it in the tests)",
    }
)
def check(c, report="reports/check.txt", lighthouse=False):
    """Check output/: links, assets, titles, alt text; Nu, axe, 14 KB where installed."""
    from sitetools.check import run_check  # noqa: PLC0415

    output = ROOT / SETTINGS["output"]
    if not run_check(ROOT, output, ROOT / report, _site_hosts(), lighthouse):
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
        "target": "a target from deploy.toml (default: its first)",
        "dry_run": "connect, log in and list what would be uploaded and deleted; change nothing",
        "force": "also delete files on the target that no deploy put there",
    }
)
def deploy(c, target="", dry_run=False, force=False):
    """Build with publishconf.py, check, then publish to a target from deploy.toml."""
    from sitetools.deploy import DeployError, load_targets  # noqa: PLC0415
    from sitetools.deploy import deploy as send  # noqa: PLC0415

    try:
        targets = load_targets(ROOT / SETTINGS["deploy_config"])
        name = target or next(iter(targets), "")
        if name not in targets:
            raise DeployError(f"no target {name!r} in deploy.toml (known: {', '.join(targets)})")
        output = _publish_and_check(c)
        report = send(
            targets[name], output, ROOT / ".deploy", dry_run=dry_run, cwd=ROOT, force=force
        )
    except DeployError as error:
        raise Exit(f"deploy: {error}", code=1) from None
    for line in report.lines():
        print(line)
    if report.kept:
        print(f"kept {len(report.kept)} file(s) that no deploy put there (--force deletes them):")
        print("\n".join(f"  {path}" for path in report.kept))
    verb = "would change" if dry_run else "changed"
    print(f"deploy to {name}: {verb} {report.changed} file(s)")


@task(help={"folder": "where to write the archives (default dist/)"})
def package(c, folder="dist"):
    """Build, check, and write a dated .tar.gz and .zip of the site with SHA-256 sums."""
    from sitetools.deploy import host_folders  # noqa: PLC0415
    from sitetools.deploy import package as make_package  # noqa: PLC0415

    output = _publish_and_check(c)
    for path in make_package(output, ROOT / folder, "votrecoachweb"):
        print(path.relative_to(ROOT))
    for path in host_folders(output, ROOT / folder):  # Netlify, Cloudflare Pages
        print(f"{path.relative_to(ROOT)}/")


@task(help={"dry_run": "list what would be fetched, download nothing"})
def fetch_media(c, dry_run=False):
    """Download the images and documents pages show that content/ lacks (old site, hot-links)."""
    from sitetools.build import load_settings  # noqa: PLC0415
    from sitetools.fetch_media import run  # noqa: PLC0415

    os.chdir(ROOT)
    settings = load_settings(ROOT / SETTINGS["settings_base"], {})
    status = run(settings, dry_run=dry_run)
    if status:
        raise Exit(code=status)


@task(
    name="import",
    positional=["source"],
    help={
        "source": "the exporter's .zip, or the folder it was unzipped to",
        "force": "overwrite files edited by hand since the last import",
        "content": "where to import (default content/)",
    },
)
def import_export(c, source, force=False, content="content"):
    """Bring a WordPress export (.zip or folder) into content/, byte for byte."""
    from sitetools.import_report import run_import  # noqa: PLC0415

    code = run_import(Path(source), ROOT / content, force)
    if code:
        raise Exit(code=code)


@task(help={"title": 'the page title, e.g. "Médias sociaux"'})
def new(c, title):
    """Write content/pages/<slug>.md with front matter, ready to edit."""
    from pelican.settings import read_settings  # noqa: PLC0415

    from sitetools.newpage import create_page  # noqa: PLC0415

    if title.startswith("-"):  # `new --help`: invoke hands the option over as the title
        raise Exit('usage : python3 dev.py new "Titre de la page"', code=2)
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
