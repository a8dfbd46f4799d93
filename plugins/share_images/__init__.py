"""Share images (og:image, 1200x630) drawn at build time with Pillow."""

from .plugin import register  # noqa: F401
