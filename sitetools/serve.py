"""Local servers for the built site: plain (`serve`) and with live reload.

Both answer a missing path with the site's own `404.html` and status 404.
Live reload uses the `livereload` library: it watches folders, runs the
rebuild, then tells the open pages (through its WebSocket script, served from
this machine) to reload.

Neither server ever hangs or ends in a traceback: SIGINT (Ctrl-C) and SIGTERM
stop the loop, close the port and print one line; a build worker that dies is
replaced (and serve stops with a clear message if it dies again at once).
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.handlers import StaticFileHandler as LiveStaticFileHandler
from livereload.watcher import Watcher
from tornado import ioloop, web

CODE_FOLDERS = {"plugins", "sitetools"}
# The longest a build may take before the worker counts as stuck (1,000 pages: 6 s).
BUILD_TIMEOUT = 300
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
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


class ReportHandler(web.RequestHandler):
    """/_migration/: the migration report the build worker keeps current (never in output/)."""

    def initialize(self, path: str) -> None:
        self.path = Path(path)

    def get(self) -> None:
        if not self.request.path.endswith("/"):
            self.redirect("/_migration/", permanent=False)
            return
        if not self.path.is_file():
            self.set_status(404)
            self.finish(
                "Le rapport de migration n’est pas encore écrit : réessayez dans un instant."
            )
            return
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(self.path.read_bytes())


class PreviewServer(Server):
    """livereload's server, plus the migration report at /_migration/."""

    report: str | None = None

    def get_web_handlers(self, script):
        handlers = super().get_web_handlers(script)
        if self.report:
            handlers.insert(0, (r"/_migration/?", ReportHandler, {"path": self.report}))
        return handlers


def is_ignored(path: str) -> bool:
    """Editor swap files and bytecode are not changes to the site."""
    name = os.path.basename(path)
    return name.endswith(IGNORED_SUFFIXES) or name.startswith(".#")


class WorkerGone(Exception):
    """The build worker died again right after being restarted: serve cannot go on."""


class BuildWorker:
    """The sitetools.worker child process: rebuilds on request, restarted for code changes.

    A worker that dies (killed, out of memory, a crash in Pelican) is replaced and
    the build asked of it runs again in the new one; one that dies twice in a row,
    or takes longer than BUILD_TIMEOUT, raises WorkerGone.
    """

    def __init__(
        self, settings: str, timeout: float = BUILD_TIMEOUT, stream=None, extra: Iterable = ()
    ) -> None:
        self.command = [sys.executable, "-m", "sitetools.worker", "--settings", settings, *extra]
        self.timeout = timeout
        self.stream = stream or sys.stdout
        self.process: subprocess.Popen | None = None
        self.replies: queue.Queue[str] = queue.Queue()
        self.fresh = True

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        # A thread reads the replies, so that waiting for one can time out on any OS.
        self.replies = queue.Queue()
        threading.Thread(target=self._read, args=(self.process, self.replies), daemon=True).start()

    @staticmethod
    def _read(process: subprocess.Popen, replies: queue.Queue) -> None:
        for line in process.stdout:
            replies.put(line)
        replies.put("")  # end of file: the worker is gone

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            with contextlib.suppress(OSError):
                self.process.stdin.close()  # the worker's signal to finish
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def check(self) -> None:
        """Have a worker running: replace one that died (killed, out of memory…) and say so."""
        if self.alive():
            return
        if self.process is not None:
            self.say(
                f"serve: the build worker stopped (exit code {self.process.returncode}); "
                "starting a new one"
            )
        self.start()
        self.fresh = True  # a new worker knows no site yet: its first build is a full one

    def say(self, line: str) -> None:
        print(line, file=self.stream, flush=True)

    def rebuild(self, changed: str | None = None) -> bool:
        code = None
        for attempt in range(2):
            self.check()
            reply = self.ask(None if self.fresh else changed)
            if reply:
                self.fresh = False
                return bool(json.loads(reply)["ok"])
            code, self.process = self.reap(), None
            if attempt == 0:
                self.say(
                    f"serve: the build worker stopped during a build (exit code {code}); "
                    "building again in a new one"
                )
        raise WorkerGone(
            f"the build worker stopped twice in a row (exit code {code}); "
            "the messages above say why"
        )

    def reap(self) -> int:
        """The exit code of a worker whose replies ended (it is exiting, or is made to)."""
        try:
            return self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def ask(self, changed: str | None) -> str:
        """Send one request; the reply line, or "" if the worker died or got stuck."""
        try:
            self.process.stdin.write(json.dumps({"changed": changed}) + "\n")
            self.process.stdin.flush()
        except OSError:  # BrokenPipeError: it died before reading
            self.process.wait()
            return ""
        try:
            return self.replies.get(timeout=self.timeout)
        except queue.Empty:
            self.say(f"serve: the build worker took over {self.timeout:g} s: stopping it")
            self.process.kill()
            self.process.wait()
            return ""


@contextlib.contextmanager
def stopped_by_signals(host: str, port: int):
    """SIGINT and SIGTERM stop the IOLoop (once); one line says so after the port is closed.

    Plain `signal` handlers rather than asyncio's: livereload closes its loop when
    it stops, which would put Python's default handlers back, and a second signal
    (Ctrl-C reaches dev.py and this process, and dev.py forwards it) would then end
    in a KeyboardInterrupt. They stay installed: the process is ending anyway.
    """
    received: list[int] = []
    loop = ioloop.IOLoop.current()

    def request_stop(signum: int, frame) -> None:
        if not received:
            received.append(signum)
            loop.asyncio_loop.call_soon_threadsafe(loop.stop)

    for signum in STOP_SIGNALS:
        signal.signal(signum, request_stop)
    yield received
    if received:
        name = signal.Signals(received[0]).name
        print(f"serve: stopped ({name}), http://{host}:{port}/ is closed", flush=True)


def serve(root: str, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Serve a built site folder until interrupted."""
    app = web.Application(
        [(r"/(.*)", SiteFileHandler, {"path": root, "default_filename": "index.html"})]
    )
    server = app.listen(port, address=host)
    print(f"Serving {root} on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    with stopped_by_signals(host, port):
        ioloop.IOLoop.current().start()
        server.stop()  # close the listening socket before saying the port is free
    return 0


def serve_with_reload(
    root: str,
    watched: Iterable[str],
    *,
    settings: str = "pelicanconf.py",
    host: str = "127.0.0.1",
    port: int = 8000,
    report: str | None = None,
) -> int:
    """Rebuild on any change under `watched`, then reload the open pages; the exit code.

    With `report`, the worker keeps the migration report there, shown at /_migration/.
    """
    extra = ["--report", report, "--report-base", f"http://{host}:{port}"] if report else []
    worker = BuildWorker(settings, extra=extra)
    failure: list[str] = []

    def guarded(rebuild) -> None:
        try:
            rebuild()
        except WorkerGone as gone:
            failure.append(str(gone))
            ioloop.IOLoop.current().stop()

    def rebuild_content() -> None:
        guarded(lambda: worker.rebuild(server.watcher.filepath))

    def reload_code() -> None:
        # Plugins and settings are Python: only a new process re-imports them.
        worker.stop()
        guarded(worker.rebuild)

    with stopped_by_signals(host, port) as received:  # Ctrl-C during the first build too
        try:
            try:
                worker.rebuild()  # the first full build warms the worker's cache
            except WorkerGone as gone:
                failure.append(f"cannot build the site: {gone}")
            if not (failure or received):
                server = start_server(worker, watched, report, rebuild_content, reload_code)
                print(
                    f"Live reload on http://{host}:{port}/, watching {', '.join(watched)}",
                    flush=True,
                )
                if report:
                    print(f"Migration report: http://{host}:{port}/_migration/", flush=True)
                # livereload closes the loop and its sockets when the loop stops.
                server.serve(host=host, port=port, root=root, restart_delay=0)
        finally:
            worker.stop()
    if failure:
        print(f"serve: stopped: {failure[0]}", flush=True)
        return 1
    return 0


def start_server(worker, watched, report, rebuild_content, reload_code) -> PreviewServer:
    """livereload's server watching `watched`, and the worker's watchdog."""
    # livereload drops any reload within 3 s of the previous one (meant for
    # bursts of saves); each of our rebuilds is one atomic swap, so every
    # rebuild must reach the browser, however soon after the last.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    server = PreviewServer(watcher=QuickWatcher())
    server.report = report
    server.SFH = SiteFileHandler
    server.watcher.ignore_dirs(*IGNORED_DIRS)
    for path in watched:
        code = path.endswith(".py") or Path(path).name in CODE_FOLDERS
        server.watch(path, reload_code if code else rebuild_content, ignore=is_ignored)
    # A worker that dies while idle is replaced within a second, not at the next save.
    ioloop.PeriodicCallback(worker.check, 1000).start()
    return server
