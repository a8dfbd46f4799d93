"""Wide tables and code blocks scroll inside their own region, never the page."""

from .plugin import register  # noqa: F401
