"""Shared fixtures: tiny sites built in a temp folder, a copy of the project, a browser."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitetools.budget_tools import CHROMIUM, CHROMIUM_ARGS
from sitetools.build import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "content" / "medias-sociaux-et-community-management.md"
PROJECT_FILES = ("pelicanconf.py", "publishconf.py", "tasks.py", "theme", "plugins", "sitetools")


@dataclass
class Site:
    """A site built from a few files, and its build's outcome and log."""

    root: Path
    result: BuildResult
    log: str

    @property
    def output(self) -> Path:
        return self.root / "output"

    def html(self, relpath: str) -> str:
        return (self.output / relpath).read_text(encoding="utf-8")

    def soup(self, relpath: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(relpath), "lxml")


@pytest.fixture
def build_site(tmp_path: Path) -> Callable[..., Site]:
    """Build a site from `{relative path: text or bytes}` with the project's settings."""

    def _build(
        files: dict[str, str | bytes],
        settings: str = "pelicanconf.py",
        strict: bool = False,
        debug: bool = False,
        **overrides,
    ) -> Site:
        content = tmp_path / "content"
        for relpath, text in files.items():
            path = content / relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8") if isinstance(text, str) else text
            path.write_bytes(data)
        content.mkdir(exist_ok=True)
        options = {
            "PATH": str(content),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "CACHE_PATH": str(tmp_path / "cache"),  # the build cache stays with the test
            **overrides,
        }
        log = io.StringIO()
        result = build(ROOT / settings, overrides=options, stream=log, strict=strict, debug=debug)
        return Site(tmp_path, result, log.getvalue())

    return _build


def page(title: str, body: str, **meta: str) -> str:
    """A new-style Markdown page with YAML front matter."""
    lines = [f"title: {title!r}", "date: 2024-05-01", *(f"{k}: {v}" for k, v in meta.items())]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def copy_project(target: Path) -> Path:
    """Copy the project's code, theme, plugins and the seed page into `target`."""
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    (target / "content" / "pages").mkdir(parents=True)
    shutil.copy2(SEED, target / "content" / "pages" / SEED.name)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project (code, theme, plugins, seed content) to run tasks in."""
    return copy_project(tmp_path / "project")


def invoke(project: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess:
    """Run `invoke ARGS` in a project copy, as a person would in a terminal."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=check,
        timeout=120,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen | None = None, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {process.stdout.read()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


@pytest.fixture
def start_task(project: Path):
    """Start a long-running invoke task (serve, livereload) on a free port; stop it after."""
    processes: list[subprocess.Popen] = []

    def _start(task: str) -> int:
        port = free_port()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        process = subprocess.Popen(
            [sys.executable, "-m", "invoke", task, "--port", str(port)],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        processes.append(process)
        wait_for_port(port, process)
        return port

    yield _start
    for process in processes:
        process.terminate()
        try:
            output, _ = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        print(output)  # shown by pytest when a test fails


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through playwright; never a downloaded browser."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# In the test suite (as in CI, where CI=true) the browser and validator budgets
# must really run: a missing tool fails `check` instead of being skipped.
# Tests of the site owner's machine remove it from their subprocesses' environment.
os.environ.setdefault("BUDGETS_REQUIRE_TOOLS", "1")


@pytest.fixture(autouse=True)
def environment_left_as_found():
    """A test changes os.environ only through monkeypatch, which puts it back after it."""
    before = dict(os.environ)
    yield
    changed = sorted(
        k
        for k in before.keys() | os.environ.keys()
        if before.get(k) != os.environ.get(k) and k != "PYTEST_CURRENT_TEST"  # pytest's own
    )
    assert not changed, f"the test left os.environ changed: {changed} (use monkeypatch.setenv)"


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """A small real PNG image, for pages that show one."""
    from PIL import Image  # noqa: PLC0415

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 140)).save(buffer, "PNG")
    return buffer.getvalue()
