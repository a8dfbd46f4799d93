"""The owner's facts (contact, brand, social profiles) made ready for the theme."""

from .plugin import register  # noqa: F401
