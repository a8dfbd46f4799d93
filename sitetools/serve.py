"""Local servers for the built site: plain (`serve`) and with live reload.

Both answer a missing path with the site's own `404.html` and status 404.
Live reload uses the `livereload` library: it watches folders, runs the
rebuild, then tells the open pages (through its WebSocket script, served from
this machine) to reload.
"""

from __future__ import annotations

import contextlib
import json
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

CODE_FOLDERS = {"plugins", "sitetools"}
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


class BuildWorker:
    """The sitetools.worker child process: rebuilds on request, restarted for code changes."""

    def __init__(self, settings: str) -> None:
        self.command = [sys.executable, "-m", "sitetools.worker", "--settings", settings]
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=30)
        self.process = None

    def rebuild(self, changed: str | None = None) -> bool:
        if self.process is None or self.process.poll() is not None:
            self.start()
            changed = None  # a new worker knows no site yet: full build
        self.process.stdin.write(json.dumps({"changed": changed}) + "\n")
        self.process.stdin.flush()
        reply = self.process.stdout.readline()
        return bool(reply) and json.loads(reply)["ok"]


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
    worker = BuildWorker(settings)
    worker.rebuild()  # the first full build warms the worker's cache

    def rebuild_content() -> None:
        worker.rebuild(server.watcher.filepath)

    def reload_code() -> None:
        # Plugins and settings are Python: only a new process re-imports them.
        worker.stop()
        worker.rebuild()

    # livereload drops any reload within 3 s of the previous one (meant for
    # bursts of saves); each of our rebuilds is one atomic swap, so every
    # rebuild must reach the browser, however soon after the last.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    server = Server(watcher=QuickWatcher())
    server.SFH = SiteFileHandler
    server.watcher.ignore_dirs(*IGNORED_DIRS)
    for path in watched:
        code = path.endswith(".py") or Path(path).name in CODE_FOLDERS
        server.watch(path, reload_code if code else rebuild_content, ignore=is_ignored)
    print(f"Live reload on http://{host}:{port}/, watching {', '.join(watched)}", flush=True)
    try:
        server.serve(host=host, port=port, root=root, restart_delay=0)
    finally:
        worker.stop()
