"""What the browser-based checks share: Debian's Chromium and a local server."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from tornado import httpserver, ioloop, netutil, web

from sitetools.serve import SiteFileHandler

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@contextlib.contextmanager
def served(root: Path) -> Iterator[str]:
    """Serve a built site on a free 127.0.0.1 port in a thread; yield its base URL."""
    started = threading.Event()
    state: dict = {}

    def run() -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())  # this thread's own loop
        loop = ioloop.IOLoop.current()
        app = web.Application(
            [(r"/(.*)", SiteFileHandler, {"path": str(root), "default_filename": "index.html"})],
            compress_response=True,  # as any real host does
        )
        server = httpserver.HTTPServer(app)
        sockets = netutil.bind_sockets(0, "127.0.0.1")
        server.add_sockets(sockets)
        state.update(loop=loop, port=sockets[0].getsockname()[1], server=server)
        started.set()
        loop.start()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(10)
    try:
        yield f"http://127.0.0.1:{state['port']}"
    finally:
        state["loop"].add_callback(state["loop"].stop)
        thread.join(5)
