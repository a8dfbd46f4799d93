"""The home page: the exported front page’s text, the services, the latest posts."""

from .plugin import register  # noqa: F401
