"""A long-lived builder for live reload: full builds, and a fast path for one edited page.

A full build of 1,000 pages takes seconds even with Pelican's content cache,
because every page is rendered again. When a saved file is a page already in
the site and its edit leaves everything other pages show of it unchanged
(title, URL, lead, menu position…), only that page is read and rendered again
— the same reader, plugins and template as a full build — and written in
place. Anything else (a new or deleted file, a theme change, a changed title)
gets a full atomic build.

The server (sitetools.serve) runs this module in a child process and restarts
it when plugins or settings change, so edited Python code is always re-imported.

    python -m sitetools.worker --settings pelicanconf.py   # JSON lines on stdin/stdout
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page
from pelican.writers import Writer

from sitetools import build_cache
from sitetools.build import BuildResult, build, exception_record
from sitetools.diagnostics import BuildLog, relative

# What other pages show of a page (sitetools/build_cache.py): if any of these
# changes, every page may change, so the edit needs a full build.
SHARED_FIELDS = build_cache.SHARED_FIELDS
# Full builds read through sitetools' own cache (sitetools/parallel.py), which
# keeps sending content_object_init for cached pages; Pelican's reader-level
# cache serves the fast path's reads (the generator-level one would send nothing).
CACHE_SETTINGS = {
    "CACHE_CONTENT": True,
    "LOAD_CONTENT_CACHE": True,
    "CONTENT_CACHING_LAYER": "reader",
}


@dataclass
class Outcome:
    ok: bool
    mode: str  # "full" or "fast"
    seconds: float


def shared_view(content) -> tuple:
    return tuple(str(getattr(content, name, None)) for name in SHARED_FIELDS)


class SiteWorker:
    def __init__(
        self,
        settings_file: str,
        overrides: dict | None = None,
        stream=None,
        report: Path | None = None,
        report_base: str = "",
    ) -> None:
        self.settings_file = settings_file
        self.overrides = {**CACHE_SETTINGS, **(overrides or {})}
        self.stream = stream or sys.stderr
        self.generators: list = []
        self.output: Path | None = None
        # The migration report (sitetools/report.py) kept current for serve's /_migration/.
        self.report, self.report_base = report, report_base
        self.reported: list = []  # the generators of the last build, failed or not
        self.problems: list[str] = []  # its `file:line: level: message` lines
        signals.all_generators_finalized.connect(self._keep_generators)

    def _keep_generators(self, generators) -> None:
        self.generators = list(generators)
        self.reported = self.generators

    def rebuild(self, changed: str | None = None) -> Outcome:
        started = time.perf_counter()
        fast = self.fast_rebuild(Path(changed).resolve()) if changed else None
        if fast is not None:
            self.write_report()
            return Outcome(fast, "fast", time.perf_counter() - started)
        result = self.full_build()
        self.problems = result.errors + result.warnings
        self.write_report()
        return Outcome(result.ok, "full", time.perf_counter() - started)

    def write_report(self) -> None:
        if self.report is None or not self.reported:
            return
        from sitetools.report import rows_from_site, site_contents, write_report  # noqa: PLC0415

        try:
            report = rows_from_site(site_contents(self.reported), self.problems, relative)
            write_report(self.report, report, self.reported[0].settings, self.report_base)
        except Exception as error:  # the report must never stop the preview
            print(
                f"migration report not updated: {type(error).__name__}: {error}", file=self.stream
            )

    def full_build(self) -> BuildResult:
        self.generators = []
        # Always a Pelican run, even if nothing changed: the fast path needs its generators.
        result = build(
            self.settings_file, overrides=self.overrides, stream=self.stream, keep_unchanged=False
        )
        self.output = result.output if result.ok else self.output
        if not result.ok:
            self.generators = []  # the kept ones describe a site that was not written
        return result

    def find(self, source: Path):
        for generator in self.generators:
            for name in ("pages", "articles", "hidden_pages", "drafts"):
                for item in getattr(generator, name, []):
                    if Path(item.source_path).resolve() == source:
                        return generator, name, item
        return None

    def fast_rebuild(self, source: Path) -> bool | None:
        """True/False when the fast path handled the edit; None when a full build is needed."""
        found = self.find(source) if self.output and source.is_file() else None
        if found is None:
            return None
        generator, collection, old = found
        log = BuildLog(stream=self.stream)
        root = logging.getLogger()
        root.addHandler(log)
        try:
            is_article = isinstance(old, Article)
            new = generator.readers.read_file(
                base_path=generator.path,
                path=os.path.relpath(source, generator.path),
                content_class=Article if is_article else Page,
                context=generator.context,
                # plugins/content_map gives the page its slug and draft state there
                context_signal=(
                    signals.article_generator_context
                    if is_article
                    else signals.page_generator_context
                ),
                context_sender=generator,
            )
        except Exception as error:  # reported like a build error; the page stays as it was
            log.handle(exception_record(error))
            return False
        finally:
            root.removeHandler(log)
        # This page's problems replace those of its previous version in the report.
        where = relative(str(source))
        self.problems = (
            [line for line in self.problems if not line.startswith((f"{where}:", f"{where} "))]
            + log.errors
            + log.warnings
        )
        if log.errors:
            return False
        if shared_view(new) != shared_view(old):
            return None
        refresh_plugins(new, self.generators, log)
        self.write(generator, new)
        items = getattr(generator, collection)
        items[items.index(old)] = new
        return True

    def write(self, generator, content) -> None:
        writer = Writer(str(self.output), settings=generator.settings)
        name = "article" if isinstance(content, Article) else "page"
        writer.write_file(
            content.save_as,
            generator.get_template(content.template),
            generator.context,
            relative_urls=generator.settings["RELATIVE_URLS"],
            override_output=True,
            url=content.url,
            **{name: content},
        )


def refresh_plugins(content, generators, log: BuildLog) -> None:
    """Plugins that work on all_generators_finalized redo their part for one page."""
    from yaml_markdown.contents import content_refreshed  # noqa: PLC0415 (a plugin module)

    root = logging.getLogger()
    root.addHandler(log)
    try:
        content_refreshed.send(content, generators=generators)
    finally:
        root.removeHandler(log)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--report", type=Path, help="keep the migration report at this path")
    parser.add_argument("--report-base", default="", help="the preview address it links to")
    args = parser.parse_args(argv)
    # Ctrl-C in a terminal reaches the whole process group; serve stops this
    # worker by closing its stdin, after its own clean shutdown.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker = SiteWorker(args.settings, report=args.report, report_base=args.report_base)
    reply = sys.stdout
    sys.stdout = sys.stderr  # Pelican prints its summary; keep stdout for replies
    for line in sys.stdin:
        request = json.loads(line)
        outcome = worker.rebuild(request.get("changed"))
        print(
            f"{outcome.mode} rebuild: {'ok' if outcome.ok else 'FAILED'} "
            f"in {outcome.seconds:.2f} s",
            file=sys.stderr,
            flush=True,
        )
        reply.write(json.dumps(outcome.__dict__) + "\n")
        reply.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
