"""Local servers for the built site: plain (`serve`) and with live reload.

Both answer a missing path with the site's own `404.html` and status 404.
Live reload uses the `livereload` library: it watches folders, runs the
rebuild, then tells the open pages (through its WebSocket script, served from
this machine) to reload.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.handlers import StaticFileHandler as LiveStaticFileHandler
from livereload.watcher import Watcher
from tornado import ioloop, web

IGNORED_DIRS = ("__pycache__", ".pytest_cache", ".ruff_cache")
IGNORED_SUFFIXES = (".pyc", ".swp", ".swx", ".tmp", "~")


class SiteFileHandler(LiveStaticFileHandler):
    """Static files, with the site's 404 page for anything missing."""

    def write_error(self, status_code: int, **kwargs) -> None:
        page = Path(self.root) / "404.html"
        if status_code == 404 and page.is_file():
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.finish(page.read_bytes())
        else:
            super().write_error(status_code, **kwargs)


class QuickWatcher(Watcher):
    """livereload's polling watcher, checking every 0.2 s instead of 0.8 s."""

    interval_ms = 200

    def start(self, callback) -> bool:
        # Returning True tells livereload this watcher schedules its own polling.
        ioloop.PeriodicCallback(callback, self.interval_ms).start()
        return True


def is_ignored(path: str) -> bool:
    """Editor swap files and bytecode are not changes to the site."""
    name = os.path.basename(path)
    return name.endswith(IGNORED_SUFFIXES) or name.startswith(".#")


def rebuild_command(settings: str) -> list[str]:
    # A fresh process per rebuild, so edited plugins and settings are re-imported.
    return [sys.executable, "-m", "sitetools.build", "--settings", settings]


def serve(root: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve a built site folder until interrupted."""
    app = web.Application(
        [(r"/(.*)", SiteFileHandler, {"path": root, "default_filename": "index.html"})]
    )
    app.listen(port, address=host)
    print(f"Serving {root} on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        ioloop.IOLoop.current().start()


def serve_with_reload(
    root: str,
    watched: Iterable[str],
    settings: str = "pelicanconf.py",
    host: str = "127.0.0.1",
    port: int = 8000,
) -> None:
    """Rebuild on any change under `watched`, then reload the open pages."""
    command = rebuild_command(settings)

    def rebuild() -> None:
        subprocess.run(command, check=False)

    # livereload drops any reload within 3 s of the previous one (meant for
    # bursts of saves); each of our rebuilds is one atomic swap, so every
    # rebuild must reach the browser, however soon after the last.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    server = Server(watcher=QuickWatcher())
    server.SFH = SiteFileHandler
    server.watcher.ignore_dirs(*IGNORED_DIRS)
    for path in watched:
        server.watch(path, rebuild, ignore=is_ignored)
    print(f"Live reload on http://{host}:{port}/, watching {', '.join(watched)}", flush=True)
    server.serve(host=host, port=port, root=root, restart_delay=0)
