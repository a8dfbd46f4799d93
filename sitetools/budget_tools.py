"""What the browser and validator checks share: their tools, Chromium, a local server.

A site owner who only ran `python3 dev.py serve` has none of the test tools
(Java, Chromium, node_modules/): `tools_missing` says what each budget lacks,
so `check` skips it with one line; CI and the test suite require them all.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import os
import shutil
import threading
from collections.abc import Callable, Iterator, Mapping
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

ROOT = Path(__file__).resolve().parent.parent
# What installs every tool the budgets use (apt: Chromium, Java; npm: package.json).
INSTALL_COMMAND = "bash scripts/install-test-deps.sh"
# Set to 1 (as CI=true does) to make a missing tool an error instead of a skip.
REQUIRE_TOOLS_ENV = "BUDGETS_REQUIRE_TOOLS"
# The budgets that need tools beyond Python, by the name the owner reads.
NU, AXE, LIGHTHOUSE = "Nu Html Checker", "axe-core", "Lighthouse"


def chromium_path(which: Callable[[str], str | None] = shutil.which) -> str | None:
    """Chromium as found on PATH (Debian names it chromium, some distributions chromium-browser)."""
    return which("chromium") or which("chromium-browser")


def tools_missing(
    budget: str, root: Path = ROOT, which: Callable[[str], str | None] = shutil.which
) -> list[str]:
    """Why `budget` cannot run on this machine: [] when everything it needs is here."""
    modules = root / "node_modules"
    needs: list[tuple[bool, str]] = []
    if budget == NU:
        needs = [
            (bool(which("java")), "java not found"),
            (
                (modules / "vnu-jar" / "build" / "dist" / "vnu.jar").is_file(),
                "no vnu-jar in node_modules/",
            ),
        ]
    elif budget == AXE:
        needs = [
            (bool(chromium_path(which)), "chromium not found"),
            ((modules / "axe-core" / "axe.min.js").is_file(), "no axe-core in node_modules/"),
            (importlib.util.find_spec("playwright") is not None, "playwright not installed"),
        ]
    elif budget == LIGHTHOUSE:
        needs = [
            (bool(chromium_path(which)), "chromium not found"),
            (bool(which("node")), "node not found"),
            ((modules / ".bin" / "lighthouse").exists(), "no lighthouse in node_modules/"),
        ]
    return [reason for present, reason in needs if not present]


def tools_required(environ: Mapping[str, str] = os.environ) -> bool:
    """In CI and in the test suite every budget must really run: a missing tool is an error."""
    ci = environ.get("CI", "").strip().lower() in {"true", "1", "yes"}
    return ci or environ.get(REQUIRE_TOOLS_ENV, "").strip() == "1"


def skip_line(skipped: Mapping[str, list[str]]) -> str:
    """The one line a site owner reads about budgets that did not run on their machine."""
    names = "; ".join(f"{name} ({', '.join(why)})" for name, why in skipped.items())
    return f"not checked: {names} — to run them, install the test tools: {INSTALL_COMMAND}"


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
            log_function=lambda handler: None,  # the browser's favicon 404s are not news
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
