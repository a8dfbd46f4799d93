"""Atomic Pelican builds with one clear line per problem.

The site is built into a temporary folder beside the output folder; only a
build without errors (and, with `strict`, without warnings) replaces the output
folder, so a broken page never takes the previous site down.

    python -m sitetools.build [--settings pelicanconf.py] [--strict] [--debug]
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

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


def replace_dir(new: Path, target: Path) -> None:
    """Put `new` in place of `target` with two renames, so readers never see a half site."""
    old = target.with_name(f".{target.name}-old-{time.time_ns()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def build(
    settings_file: str | Path = "pelicanconf.py",
    *,
    strict: bool = False,
    debug: bool = False,
    overrides: dict | None = None,
    stream=None,
) -> BuildResult:
    """Build the site; replace its output folder only if the build succeeded."""
    started = time.perf_counter()
    stream = stream or sys.stderr
    settings_file = Path(settings_file)
    log = BuildLog(debug=debug, stream=stream)
    try:
        settings = load_settings(settings_file, dict(overrides or {}))
    except Exception as error:  # any mistake in a settings file, reported as file:line
        print(format_problem("error", *settings_error(error, settings_file)), file=stream)
        if debug:
            traceback.print_exc(file=stream)
        return BuildResult(False, None, errors=[str(error)])

    target = Path(settings["OUTPUT_PATH"])
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-build-", dir=target.parent))
    settings["OUTPUT_PATH"] = str(scratch)
    settings["DEBUG"] = debug

    root = logging.getLogger()
    root.addHandler(log)
    previous_level = root.level
    root.setLevel(logging.DEBUG if debug else logging.WARNING)
    try:
        run_pelican(settings)
    except Exception as error:  # template or plugin crash: one line, traceback with --debug
        log.handle(exception_record(error))
    finally:
        root.removeHandler(log)
        root.setLevel(previous_level)

    failed = bool(log.errors) or (strict and bool(log.warnings))
    if failed:
        shutil.rmtree(scratch, ignore_errors=True)
    else:
        replace_dir(scratch, target)
    result = BuildResult(not failed, target, log.warnings, log.errors)
    result.counts = dict(settings.get("CONTENT_INVENTORY") or {})
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
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--strict", action="store_true", help="fail on any warning")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    args = parser.parse_args(argv)
    result = build(args.settings, strict=args.strict, debug=args.debug)
    print(summary(result), file=sys.stderr)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
