"""`invoke serve` and `invoke livereload`: the site, its 404 page, and reloads in Chromium."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

SEED_URL = "/medias-sociaux-et-community-management/"


def fetch(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.mark.server
@pytest.mark.parametrize("task", ["serve", "livereload", "preview"])
def test_server_answers_pages_and_the_site_404(project, start_task, task):
    port = start_task(task)
    status, html = fetch(port, SEED_URL)
    assert status == 200
    assert "Médias sociaux" in html
    status, html = fetch(port, "/page-qui-n-existe-pas/")
    assert status == 404
    assert "Page introuvable" in html


@pytest.mark.browser
def test_livereload_shows_an_edit_without_a_manual_reload(project, start_task, browser):
    port = start_task("livereload")
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{port}{SEED_URL}")
    page.evaluate("window.notReloadedByHand = true")
    # The page opens its WebSocket to the live-reload server; give it a moment.
    page.wait_for_function("() => !!window.LiveReload", timeout=10_000)

    source = project / "content" / "pages" / "medias-sociaux-et-community-management.md"
    text = source.read_text(encoding="utf-8")
    saved = time.monotonic()
    source.write_text(text.replace("Avez-vous défini", "Avez-vous vraiment défini"), "utf-8")

    page.wait_for_function(
        "() => document.body.innerText.includes('Avez-vous vraiment défini')", timeout=15_000
    )
    print(f"edit visible in the browser {time.monotonic() - saved:.2f} s after saving")
    # The live-reload script reloaded the page, not the test.
    assert page.evaluate("window.notReloadedByHand") is None
    page.close()


@pytest.mark.browser
def test_livereload_rebuilds_on_theme_changes_too(project, start_task, browser):
    port = start_task("livereload")
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{port}/")
    page.wait_for_function("() => !!window.LiveReload", timeout=10_000)
    footer = project / "theme" / "templates" / "partials" / "footer.html"
    footer.write_text(footer.read_text().replace("</footer>", "<p>Pied modifié</p></footer>"))
    page.wait_for_function("() => document.body.innerText.includes('Pied modifié')", timeout=15_000)
    page.close()


# --- Stopping and a dying build worker ----------------------------------------------


def descendants(pid: int) -> list[int]:
    """Process ids started by `pid`, at any depth (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture
def dev_project(project):
    """A project copy that `python3 dev.py` runs in, with the project's .venv."""
    from conftest import ROOT  # noqa: PLC0415

    for name in ("dev.py", "requirements.txt", "requirements-dev.txt", "constraints.txt"):
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(ROOT / ".venv")
    return project


@pytest.mark.server
@pytest.mark.parametrize(
    ("signum", "whole_group"),
    [(signal.SIGINT, False), (signal.SIGTERM, False), (signal.SIGINT, True)],
    ids=["SIGINT-to-dev.py", "SIGTERM-to-dev.py", "Ctrl-C-in-a-terminal"],
)
def test_a_signal_stops_dev_py_serve_in_one_line(dev_project, signum, whole_group):
    from conftest import free_port, wait_for_port  # noqa: PLC0415

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "dev.py", "serve", "--port", str(port)],
        cwd=dev_project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    try:
        wait_for_port(port, process, timeout=120)
        assert fetch(port, SEED_URL)[0] == 200
        children = descendants(process.pid)
        assert len(children) >= 2  # invoke, and the build worker
        if whole_group:
            os.killpg(process.pid, signum)  # what Ctrl-C does
        else:
            process.send_signal(signum)  # dev.py alone; it forwards the signal
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    name = signal.Signals(signum).name
    assert process.returncode == 0, output
    assert output.splitlines()[-1] == f"serve: stopped ({name}), http://127.0.0.1:{port}/ is closed"
    assert "Traceback" not in output
    assert "KeyboardInterrupt" not in output
    assert output.count("serve: stopped") == 1
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0  # the port is free
    assert [pid for pid in children if running(pid)] == []


@pytest.mark.server
def test_serve_replaces_a_build_worker_that_dies(project, start_task):
    port = start_task("livereload")
    server = next(p for p in descendants(os.getpid()) if "livereload" in cmdline(p))
    worker = next(p for p in descendants(server) if "sitetools.worker" in cmdline(p))
    os.kill(worker, signal.SIGKILL)
    source = project / "content" / "pages" / "medias-sociaux-et-community-management.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Avez-vous défini", "Avez-vous bien défini"), "utf-8")
    deadline = time.monotonic() + 20
    while "Avez-vous bien défini" not in fetch(port, SEED_URL)[1]:
        assert time.monotonic() < deadline, "the edit never reached the site"
        time.sleep(0.2)
    workers = [p for p in descendants(server) if "sitetools.worker" in cmdline(p)]
    assert workers and worker not in workers


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_a_worker_that_keeps_dying_is_one_clear_error():
    from sitetools.serve import BuildWorker, WorkerGone  # noqa: PLC0415

    said = io.StringIO()
    worker = BuildWorker("pelicanconf.py", stream=said)
    worker.command = [sys.executable, "-c", "import sys; sys.exit(3)"]
    with pytest.raises(WorkerGone) as gone:
        worker.rebuild()
    assert str(gone.value) == (
        "the build worker stopped twice in a row (exit code 3); the messages above say why"
    )
    assert said.getvalue() == (
        "serve: the build worker stopped during a build (exit code 3); "
        "building again in a new one\n"
    )


def test_a_stuck_worker_times_out_instead_of_hanging():
    from sitetools.serve import BuildWorker, WorkerGone  # noqa: PLC0415

    said = io.StringIO()
    worker = BuildWorker("pelicanconf.py", timeout=0.5, stream=said)
    worker.command = [sys.executable, "-c", "import time; time.sleep(60)"]
    started = time.monotonic()
    with pytest.raises(WorkerGone):
        worker.rebuild()
    assert time.monotonic() - started < 10
    assert "serve: the build worker took over 0.5 s: stopping it" in said.getvalue()


# A stand-in for sitetools.worker: answers each request with what it was asked.
ECHO_WORKER = (
    "import json, sys\n"
    "for line in sys.stdin:\n"
    "    asked = json.loads(line)['changed']\n"
    "    print(json.dumps({'ok': asked != 'casse.md', 'asked': asked}), flush=True)\n"
)


def test_the_first_build_of_a_new_worker_is_full_then_edits_go_to_it():
    from sitetools.serve import BuildWorker  # noqa: PLC0415

    said = io.StringIO()
    worker = BuildWorker("pelicanconf.py", stream=said)
    worker.command = [sys.executable, "-c", ECHO_WORKER]
    try:
        # A new worker is asked for a full build (no file named), whatever was edited.
        assert worker.rebuild("casse.md") is True
        assert worker.fresh is False
        assert worker.ask("page.md").strip() == '{"ok": true, "asked": "page.md"}'
        assert worker.rebuild("casse.md") is False  # then the edited file is named
        first = worker.process
        first.kill()
        first.wait()
        worker.check()
        assert worker.process is not first and worker.alive()
        assert worker.fresh is True
        assert said.getvalue() == (
            "serve: the build worker stopped (exit code -9); starting a new one\n"
        )
    finally:
        worker.stop()
    assert worker.process is None
    assert not worker.alive()


def test_stopping_a_worker_lets_it_finish_on_its_own():
    from sitetools.serve import BuildWorker  # noqa: PLC0415

    worker = BuildWorker("pelicanconf.py", stream=io.StringIO())
    worker.command = [sys.executable, "-c", ECHO_WORKER]
    worker.check()
    process = worker.process
    worker.stop()
    assert process.returncode == 0  # it saw its input end and exited, it was not killed
    worker.stop()  # stopping a stopped worker is harmless


@pytest.mark.parametrize(
    ("path", "ignored"),
    [
        ("content/pages/a.md", False),
        ("content/pages/.a.md.swp", True),
        ("content/pages/a.md.swx", True),
        ("content/pages/a.md~", True),
        ("content/pages/.#a.md", True),
        ("plugins/x/__init__.pyc", True),
        ("content/pages/a.md.tmp", True),
        ("content/pages/swp.md", False),
    ],
)
def test_editor_scratch_files_are_not_changes_to_the_site(path, ignored):
    from sitetools.serve import is_ignored  # noqa: PLC0415

    assert is_ignored(path) is ignored


def test_a_missing_address_gets_the_sites_own_404_page(tmp_path):
    from sitetools.budget_tools import served  # noqa: PLC0415

    (tmp_path / "index.html").write_text("<p>Accueil</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>Page introuvable</p>", encoding="utf-8")
    with served(tmp_path) as base:
        port = int(base.rsplit(":", 1)[1])
        assert fetch(port, "/") == (200, "<p>Accueil</p>")
        assert fetch(port, "/nulle-part/") == (404, "<p>Page introuvable</p>")
        (tmp_path / "404.html").unlink()
        status, body = fetch(port, "/nulle-part/")
        assert status == 404
        assert "Page introuvable" not in body


@contextlib.contextmanager
def report_app(report: Path):
    """The preview's /_migration/ handler alone, on a free port, in a thread."""
    import asyncio  # noqa: PLC0415
    import threading  # noqa: PLC0415

    from tornado import httpserver, ioloop, netutil, web  # noqa: PLC0415

    from sitetools.serve import ReportHandler  # noqa: PLC0415

    state: dict = {}
    started = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        app = web.Application([(r"/_migration/?", ReportHandler, {"path": str(report)})])
        sockets = netutil.bind_sockets(0, "127.0.0.1")
        httpserver.HTTPServer(app).add_sockets(sockets)
        state.update(loop=ioloop.IOLoop.current(), port=sockets[0].getsockname()[1])
        started.set()
        state["loop"].start()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(10)
    try:
        yield state["port"]
    finally:
        state["loop"].add_callback(state["loop"].stop)
        thread.join(5)


def test_the_migration_report_address_says_when_it_is_not_written_yet(tmp_path):
    report = tmp_path / "reports" / "migration.html"
    with report_app(report) as port:
        assert fetch(port, "/_migration/") == (
            404,
            "Le rapport de migration n’est pas encore écrit : réessayez dans un instant.",
        )
        report.parent.mkdir()
        report.write_text("<h1>Rapport</h1>", encoding="utf-8")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_migration", timeout=10) as answer:
            assert answer.url == f"http://127.0.0.1:{port}/_migration/"  # redirected
            assert answer.read() == b"<h1>Rapport</h1>"
            assert answer.headers["Cache-Control"] == "no-store"
            assert answer.headers["Content-Type"] == "text/html; charset=UTF-8"


def test_serve_ends_with_status_1_and_one_line_when_no_worker_can_build(tmp_path, capsys):
    from sitetools.serve import serve_with_reload  # noqa: PLC0415

    settings = tmp_path / "casse.py"
    settings.write_text("import os\nos._exit(3)  # the build worker dies on reading it\n")
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        code = serve_with_reload(str(tmp_path / "output"), [str(tmp_path)], settings=str(settings))
    finally:  # serve leaves its stop handlers installed: give pytest its own back
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
    assert code == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "serve: stopped: cannot build the site: the build worker stopped twice in a row "
        "(exit code 3); the messages above say why"
    )


@pytest.mark.server
def test_sigterm_stops_the_plain_server_in_one_line(project):
    from conftest import free_port, invoke, wait_for_port  # noqa: PLC0415

    assert invoke(project, "build").returncode == 0
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "preview", "--no-build", "--port", str(port)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        wait_for_port(port, process)
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, output
    assert (
        output.splitlines()[-1] == f"serve: stopped (SIGTERM), http://127.0.0.1:{port}/ is closed"
    )
    assert "Traceback" not in output
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0
