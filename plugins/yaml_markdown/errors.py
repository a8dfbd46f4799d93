"""Problems in a source file, reported as `file:line: message` by the build."""

from __future__ import annotations

import logging


class SourceError(Exception):
    """A content file the site cannot be built from; `line` is 1-based."""

    def __init__(
        self, path: str, line: int | None, message: str, column: int | None = None
    ) -> None:
        where = f"{path}:{line}" + (f":{column}" if column and line else "") if line else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.column = column
        self.message = message


def warn_at(logger: logging.Logger, path: str, line: int | None, message: str) -> None:
    """Log a warning that the build prints as `file:line: warning: message`."""
    location = f"{path}:{line}" if line else path
    # The location is part of the message too, so that Pelican's duplicate filter
    # (which compares messages) keeps the same warning at two different lines.
    logger.warning(
        "%s: %s", location, message, extra={"source_location": location, "source_message": message}
    )


def error_at(logger: logging.Logger, path: str, line: int | None, message: str) -> None:
    """Log an error that fails the build, printed as `file:line: error: message`."""
    location = f"{path}:{line}" if line else path
    logger.error(
        "%s: %s", location, message, extra={"source_location": location, "source_message": message}
    )
