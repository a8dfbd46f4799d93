"""Edit-to-reload time with 1,000 pages: from saving a page to the new page being served.

    .venv/bin/python bench/edit_reload.py [--pages 1000] [--edits 5]

Starts the real live-reload server (sitetools.serve) on a generated site, saves
a body edit to one page, and polls over HTTP until the server returns the new
text. Prints each edit and the median; a figure, not a test. Target: < 1 s.
Also times one title edit, which needs a full (cached) rebuild.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _sites import ROOT, generate_pages, site_settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, timeout: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if text in get(url):
            return time.perf_counter() - started
        time.sleep(0.01)
    raise TimeoutError(f"{text!r} not served at {url} after {timeout} s")


def start_server(folder: Path, settings: Path, port: int) -> subprocess.Popen:
    code = (
        "from sitetools.serve import serve_with_reload;"
        f"serve_with_reload({str(folder / 'output')!r}, "
        f"[{str(folder / 'content')!r}, {str(ROOT / 'theme')!r}], "
        f"settings={str(settings)!r}, port={port})"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as tmp:
        folder = Path(tmp)
        pages = generate_pages(folder / "content", args.pages)
        settings = site_settings(folder, folder / "content", folder / "output")
        port = free_port()
        server = start_server(folder, settings, port)
        try:
            target = pages[len(pages) // 2]
            url = f"http://127.0.0.1:{port}/{target.stem}/"
            first = wait_for(url, "Avez-vous", timeout=600)
            print(f"{args.pages} pages: first full build served after {first:.1f} s")
            times = []
            word = "Avez-vous"
            for number in range(args.edits):
                new = f"Avez-vous-{number}"
                edit(target, word, new)
                times.append(wait_for(url, new, timeout=60))
                word = new
                print(f"body edit {number + 1}: {times[-1]:.2f} s")
            print(f"median body edit to served page: {statistics.median(times):.2f} s")
            edit(target, "Community management", "Community management (modifié)")
            full = wait_for(url, "(modifié)", timeout=600)
            print(f"title edit (full rebuild with cache): {full:.2f} s")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
