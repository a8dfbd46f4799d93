"""Atomic Pelican builds with one clear line per problem.

The site is built into a temporary folder beside the output folder; only a
build without errors (and, with `strict`, without warnings) replaces the output
folder, so a broken page never takes the previous site down.

Builds are cached (sitetools/build_cache.py): when no input changed since the
last successful build, output/ is kept and its warnings are printed again;
otherwise Pelican runs with source files read on every core and unchanged files
and pages taken from the cache (sitetools/parallel.py). `ignore_cache` reads and
renders everything (the caches are written afresh).

    python -m sitetools.build [--settings pelicanconf.py] [--strict] [--debug] [--ignore-cache]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from sitetools import build_cache
from sitetools.diagnostics import BuildLog, format_problem, locate_exception


@dataclass
class BuildResult:
    ok: bool
    output: Path | None
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # {"pages": n, "posts": n, "drafts": n, "skipped": n} from plugins/content_map
    counts: dict[str, int] = field(default_factory=dict)
    # "unchanged" when no input changed and output/ was kept; else how much the caches saved
    cache: str = ""


def load_settings(settings_file: Path, overrides: dict) -> dict:
    # Imported here so that `python dev.py --help` style callers stay light.
    from pelican.settings import read_settings  # noqa: PLC0415

    return read_settings(str(settings_file), override=overrides)


def settings_error(error: BaseException, settings_file: Path) -> tuple[str, str]:
    """Locate an exception raised while executing a settings file."""
    if isinstance(error, SyntaxError):
        return locate_exception(error)
    frames = [
        f
        for f in traceback.extract_tb(error.__traceback__)
        if Path(f.filename).name.endswith(".py")
    ]
    for frame in reversed(frames):
        if Path(frame.filename).resolve() == settings_file.resolve():
            return f"{frame.filename}:{frame.lineno}", f"{type(error).__name__}: {error}"
    return str(settings_file), f"{type(error).__name__}: {error}"


def remove_later(folder: Path) -> None:
    """Delete a replaced output folder in a detached process: the build need not wait.

    Deleting a thousand folders takes up to seconds on some file systems; the
    folder is already out of the way (renamed), and the next build sweeps any
    left behind by a machine that stopped meanwhile.
    """
    if not folder.exists():
        return
    for stale in folder.parent.glob(f".{folder.name.split('-old-')[0][1:]}-old-*"):
        if stale != folder:
            shutil.rmtree(stale, ignore_errors=True)
    code = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    try:
        subprocess.Popen(
            [sys.executable, "-c", code, str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def build(
    settings_file: str | Path = "pelicanconf.py",
    *,
    strict: bool = False,
    debug: bool = False,
    overrides: dict | None = None,
    stream=None,
    ignore_cache: bool = False,
    jobs: int | None = None,
    keep_unchanged: bool = True,
) -> BuildResult:
    """Build the site; replace its output folder only if the build succeeded.

    `jobs`: processes reading source files (default: one per core; 1 reads in
    this process only). `ignore_cache`: read and render everything.
    `keep_unchanged=False` runs Pelican even when no input changed (the live-reload
    worker needs the generators), still with the read and render caches.
    """
    started = time.perf_counter()
    stream = stream or sys.stderr
    settings_file = Path(settings_file)
    overrides = dict(overrides or {})
    log = BuildLog(debug=debug, stream=stream)
    try:
        settings = load_settings(settings_file, overrides)
    except Exception as error:  # any mistake in a settings file, reported as file:line
        print(format_problem("error", *settings_error(error, settings_file)), file=stream)
        if debug:
            traceback.print_exc(file=stream)
        return BuildResult(False, None, errors=[str(error)])

    target = Path(settings["OUTPUT_PATH"])
    folder = build_cache.cache_folder(Path(settings["CACHE_PATH"]), settings_file, overrides)
    inputs = build_inputs(settings_file, settings, overrides)
    last = None if ignore_cache else build_cache.Manifest.load(folder)
    if keep_unchanged and last is not None and last.matches(inputs):
        return unchanged_build(last, target, strict, stream, started)

    target.parent.mkdir(parents=True, exist_ok=True)
    # The folder the last build replaced is written into again: its folders and
    # page files exist already (creating them is slow on some disks). Pages whose
    # render key is unchanged are even left as they are, unless the cache is
    # ignored or the publish build rewrites pages in place (LEAN_OUTPUT).
    spare = folder / "spare-output"
    scratch, vouched = scratch_folder(folder, spare, target)
    reusable = {} if ignore_cache or settings.get("LEAN_OUTPUT") else vouched
    settings["OUTPUT_PATH"] = str(scratch)
    settings["DEBUG"] = debug

    from sitetools import parallel  # noqa: PLC0415 - imports Pelican

    session = parallel.BuildSession(
        inputs.code, inputs.content, folder, not ignore_cache, jobs or os.cpu_count() or 1
    )
    session.reusable = reusable
    with fewer_collections():
        run_logged(settings, log, session)
    failed = bool(log.errors) or (strict and bool(log.warnings))
    if failed:
        if scratch != spare:
            shutil.rmtree(scratch, ignore_errors=True)
    else:
        build_cache.remove_pages(scratch, set(vouched) - set(session.pages))
        publish_tree(scratch, target, spare, session.pages)
    result = BuildResult(not failed, target, log.warnings, log.errors)
    result.counts = dict(settings.get("CONTENT_INVENTORY") or {})
    result.cache = ", ".join(f"{n} {what}" for what, n in session.stats.items() if n)
    if not log.errors and not failed:
        inputs.output = build_cache.output_identity(target)
        inputs.warnings, inputs.counts = log.warnings, result.counts
        inputs.save(folder)
    result.seconds = time.perf_counter() - started
    return result


# Python's default is 700; 5,000 to 20,000 saved 8 to 12 % of a one-page build's CPU
# time on 1,000 real-shaped pages (5 runs each, alternated), for 1 to 2 MB more peak memory.
YOUNG_OBJECTS_BETWEEN_COLLECTIONS = 10_000


@contextlib.contextmanager
def fewer_collections():
    """Run the cyclic garbage collector less often during a build.

    A build makes millions of short-lived objects (parse trees, metadata), and with
    Python's default threshold the collector scans the young ones every 700 new
    containers, and everything loaded (Pelican, plugins, settings) again and again.
    """
    threshold, frozen_already = gc.get_threshold(), gc.get_freeze_count()
    gc.freeze()  # what is loaded before the build is never garbage: never scanned
    gc.set_threshold(YOUNG_OBJECTS_BETWEEN_COLLECTIONS, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if not frozen_already:  # a caller's own freeze stays
            gc.unfreeze()


def run_logged(settings: dict, log: BuildLog, session) -> None:
    """Run Pelican through `session`, its problems collected by `log`."""
    from sitetools import parallel  # noqa: PLC0415

    root = logging.getLogger()
    root.addHandler(log)
    previous_level = root.level
    root.setLevel(logging.DEBUG if log.debug else logging.WARNING)
    parallel.begin(session)
    try:
        run_pelican(settings)
    except Exception as error:  # template or plugin crash: one line, traceback with --debug
        log.handle(exception_record(error))
    finally:
        root.removeHandler(log)
        root.setLevel(previous_level)
        parallel.end(ok=not log.errors)


def build_inputs(settings_file: Path, settings: dict, overrides: dict) -> build_cache.Manifest:
    """What this build depends on (see sitetools/build_cache.py)."""
    return build_cache.Manifest(
        code=build_cache.code_key(
            settings_file,
            Path(settings["THEME"]),
            [Path(p) for p in settings.get("PLUGIN_PATHS") or []],
            overrides,
        ),
        content=build_cache.content_state(Path(settings["PATH"])),
        output=build_cache.output_identity(Path(settings["OUTPUT_PATH"])),
    )


def publish_tree(scratch: Path, target: Path, spare: Path, pages: dict[str, str]) -> None:
    """Swap the new tree in; record which page each tree holds, for the spare's next use."""
    folder = spare.parent
    record = build_cache.tree_record(scratch, pages)
    swap_in(scratch, target, spare)
    trees = build_cache.load_trees(folder)
    trees = {k: v for k, v in trees.items() if k == str(inode(spare))}
    trees[str(inode(target))] = record
    build_cache.save_trees(folder, trees)


def scratch_folder(folder: Path, spare: Path, target: Path) -> tuple[Path, dict[str, str]]:
    """The folder to build into: the spare tree if its record vouches for it (with the
    pages it holds), else a new empty folder beside the output."""
    if same_disk(folder, target.parent):
        trees = build_cache.load_trees(folder)
        record = trees.pop(str(inode(spare)), None)
        if record is not None:
            # The spare changes from here on: unvouched for until this build succeeds.
            build_cache.save_trees(folder, trees)
            return spare, build_cache.prepare_spare(spare, record)
    discard(spare)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent)), {}


def inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None


def same_disk(one: Path, other: Path) -> bool:
    """Renames between the cache and the output's folder need one file system."""
    try:
        one.mkdir(parents=True, exist_ok=True)
        return one.stat().st_dev == other.stat().st_dev
    except OSError:
        return False


def discard(folder: Path) -> None:
    """Move a folder out of the way at once; delete it in the background."""
    if not folder.exists():
        return
    moved = folder.with_name(f".{folder.name}-old-{time.time_ns()}")
    try:
        folder.rename(moved)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    remove_later(moved)


def swap_in(new: Path, target: Path, spare: Path) -> None:
    """Put `new` in place of `target` with two renames (readers never see a half site);
    the replaced folder becomes the spare tree the next build writes into."""
    old = target.with_name(f".{target.name}-old-{time.time_ns()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    if not old.exists():
        return
    try:
        if spare.exists():
            discard(spare)
        old.rename(spare)
    except OSError:  # the cache on another disk: no spare, delete it
        remove_later(old)


def unchanged_build(
    last: build_cache.Manifest, target: Path, strict: bool, stream, started: float
) -> BuildResult:
    """Nothing changed since the last successful build: its output stands, its warnings too."""
    for line in last.warnings:
        print(line, file=stream, flush=True)
    failed = strict and bool(last.warnings)
    result = BuildResult(not failed, target, list(last.warnings), counts=dict(last.counts))
    result.cache = "unchanged"
    result.seconds = time.perf_counter() - started
    return result


def run_pelican(settings: dict) -> None:
    from pelican import Pelican  # noqa: PLC0415
    from pelican.log import LimitFilter  # noqa: PLC0415

    # Pelican's duplicate-warning filter keeps its memory in class attributes; a
    # second build in the same process (tests, a long-lived server) would
    # otherwise stay silent about problems the first one already reported.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    Pelican(settings).run()


def exception_record(error: BaseException) -> logging.LogRecord:
    """A log record for a crash, placed at the template or file it names."""
    location, message = locate_exception(error)
    record = logging.LogRecord("build", logging.ERROR, "", 0, message, None, None)
    record.source_location = location
    record.exc_info = (type(error), error, error.__traceback__)
    return record


def summary(result: BuildResult) -> str:
    state = "built" if result.ok else "FAILED, previous output kept"
    line = (
        f"{state}: {result.output} in {result.seconds:.2f} s, "
        f"{len(result.errors)} error(s), {len(result.warnings)} warning(s)"
    )
    if result.counts:
        line += ", " + ", ".join(f"{n} {name}" for name, n in result.counts.items())
    if result.cache == "unchanged":
        line += " (nothing changed: output kept)"
    elif result.cache:
        line += f" (files: {result.cache})"
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--strict", action="store_true", help="fail on any warning")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("--ignore-cache", action="store_true", help="read and render everything")
    parser.add_argument("--jobs", type=int, help="reading processes (default: one per core)")
    args = parser.parse_args(argv)
    result = build(
        args.settings,
        strict=args.strict,
        debug=args.debug,
        ignore_cache=args.ignore_cache,
        jobs=args.jobs,
    )
    print(summary(result), file=sys.stderr)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
