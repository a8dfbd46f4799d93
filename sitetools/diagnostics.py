"""Turn Pelican's log records into one `file:line: level: message` line each.

Plugins attach the place a problem comes from with
`logger.warning(msg, extra={"source_location": "content/x.md:12"})`.

Pelican catches an exception raised while reading a content file and logs
"Could not process PATH" without the exception (unless DEBUG), so the handler
picks the exception up from `sys.exc_info()`: `logger.exception` runs inside
the `except` block, so the exception is still the one being handled.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from dataclasses import dataclass, field

ERROR_PREFIXES = ("Could not process %s", "Could not process")
# Pelican's own checks, without file or line; plugins/page_checks reports every image
# without alt text and every {filename}/{static} link to nothing at its file and line.
REPLACED_BY_PLUGINS = {
    "Empty alt attribute for image %s in %s",
    "Other images have empty alt attributes",
    "Unable to find '%s', skipping url replacement.",  # a {filename} link to nothing
    "Other resources were not found and their urls not replaced",
}


def relative(path: str) -> str:
    """A path as the person typing commands in the project folder sees it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


def relative_location(location: str) -> str:
    """`/abs/project/content/x.md:3` as `content/x.md:3` (the line number kept)."""
    path, sep, line = location.rpartition(":")
    if not (sep and line.isdigit()):
        path, line = location, ""
    if not os.path.isabs(path):
        return location
    return relative(path) + (f":{line}" if line else "")


def locate_exception(error: BaseException, fallback_path: str = "") -> tuple[str, str]:
    """(`file:line`, message) for an exception, from what it knows of its source."""
    path = getattr(error, "path", None) or getattr(error, "filename", None)
    line = getattr(error, "line", None) or getattr(error, "lineno", None)
    message = getattr(error, "message", None) or getattr(error, "msg", None)
    if not isinstance(message, str) or not message:
        message = str(error) or type(error).__name__
    if not path:
        path, line = template_line(error) or (fallback_path, line)
    location = relative(str(path)) if path else ""
    if location and line:
        location = f"{location}:{line}"
        column = getattr(error, "column", None)
        if isinstance(column, int):
            location = f"{location}:{column}"
    return location, message


def template_line(error: BaseException) -> tuple[str, int] | None:
    """(template file, line) of the innermost template line in the traceback: Jinja
    rewrites a crash's traceback so its frames point at the template's lines."""
    found, frame = None, error.__traceback__
    while frame is not None:
        if "__jinja_exception__" in frame.tb_frame.f_globals:
            found = (frame.tb_frame.f_code.co_filename, frame.tb_lineno)
        frame = frame.tb_next
    return found


def format_problem(level: str, location: str, message: str) -> str:
    """One line in the compilers' style: `file:line: level: message`."""
    return f"{location}: {level}: {message}" if location else f"{level}: {message}"


@dataclass
class BuildLog(logging.Handler):
    """Collects warnings and errors, prints each distinct one once."""

    debug: bool = False
    stream: object = None
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        logging.Handler.__init__(self, level=logging.WARNING)
        self.stream = self.stream or sys.stderr
        self._seen: set[str] = set()

    def __hash__(self) -> int:  # logging keeps handlers in sets/weakrefs
        return id(self)

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg in REPLACED_BY_PLUGINS:
            return
        level = "error" if record.levelno >= logging.ERROR else "warning"
        line = format_problem(level, *self.locate_record(record))
        if line in self._seen:
            return
        self._seen.add(line)
        (self.errors if level == "error" else self.warnings).append(line)
        print(line, file=self.stream, flush=True)
        if self.debug and record.levelno >= logging.ERROR:
            exc = record.exc_info or sys.exc_info()
            if exc and exc[0] is not None:
                traceback.print_exception(*exc, file=self.stream)

    def locate_record(self, record: logging.LogRecord) -> tuple[str, str]:
        if record.msg in ERROR_PREFIXES:
            error = sys.exc_info()[1]
            path = str(record.args[0]) if record.args else ""
            if error is not None:
                return locate_exception(error, fallback_path=path)
        location = getattr(record, "source_location", "")
        message = getattr(record, "source_message", None) or record.getMessage()
        return relative_location(location), message.strip().replace("\n", " ")
