"""Time of `fetch-media` for 200 uploads served by a local HTTP server.

    .venv/bin/python bench/fetch_media_speed.py [count]

A page references `count` JPEG uploads of the old site (about 40 KB each);
FETCH_MEDIA_HOSTS sends votrecoachweb.com to a stdlib HTTP server on
127.0.0.1. Prints the time of a first run (everything downloaded), of a
second run (nothing to do), and the files and bytes fetched.
"""

from __future__ import annotations

import functools
import io
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PIL import Image
from rich.console import Console

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from sitetools.fetch_media import WORKERS, run  # noqa: E402


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def make_uploads(folder: Path, count: int) -> list[str]:
    paths = []
    for number in range(count):
        path = f"wp-content/uploads/2016/{number % 12 + 1:02d}/photo-{number:03d}.jpg"
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        image = Image.effect_mandelbrot((400, 300), (-2 + number / count, -1.2, 1, 1.2), 40)
        image.convert("RGB").save(target, quality=85)
        paths.append(path)
    return paths


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory(prefix="bench-fetch-") as tmp:
        folder = Path(tmp)
        served = folder / "old-site"
        paths = make_uploads(served, count)
        handler = functools.partial(QuietHandler, directory=str(served))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        content = folder / "content"
        (content / "pages").mkdir(parents=True)
        body = "\n\n".join(f"![Photo {n}](/{path})" for n, path in enumerate(paths))
        (content / "pages" / "galerie.md").write_text(
            "---\ntitle: Galerie\ndate: 2016-01-01\n---\n" + body + "\n", encoding="utf-8"
        )
        settings = {
            "PATH": str(content),
            "PLUGIN_PATHS": [str(ROOT / "plugins")],
            "CACHE_PATH": str(folder / "cache"),
            "WORDPRESS_OLD_URL": "http://votrecoachweb.com",
            "FETCH_MEDIA_HOSTS": {"votrecoachweb.com": f"http://127.0.0.1:{server.server_port}"},
        }
        quiet = Console(file=io.StringIO())
        started = time.perf_counter()
        status = run(settings, console=quiet)
        first = time.perf_counter() - started
        started = time.perf_counter()
        run(settings, console=quiet)
        second = time.perf_counter() - started
        server.shutdown()
        fetched = list((content / "wp-content").rglob("*.jpg"))
        size = sum(p.stat().st_size for p in fetched)
        print(f"fetch-media, {count} uploads from a local server, {WORKERS} parallel downloads")
        print(f"first run:  {first:.2f} s ({len(fetched)} files, {size / 1024 / 1024:.1f} MB)")
        print(f"second run: {second:.2f} s (nothing to download)")
        print(f"exit status of the first run: {status}")


if __name__ == "__main__":
    main()
