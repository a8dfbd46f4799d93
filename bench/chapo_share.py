"""The chapo plugin's share of a full build of 1,000 pages shaped like the seed.

    .venv/bin/python bench/chapo_share.py [--pages 1000]

Times every call of the plugin's signal handler during one in-process cold
build and prints it against the whole build. A figure, not a test. Target: < 10 %.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

from _sites import ROOT, generate_pages

sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

import chapo.plugin  # noqa: E402
from sitetools.build import build  # noqa: E402

spent = [0.0]
original = chapo.plugin.apply_chapo


def timed_apply_chapo(content) -> None:
    started = time.perf_counter()
    original(content)
    spent[0] += time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    # register() looks the handler up by name, so the timed one gets connected.
    chapo.plugin.apply_chapo = timed_apply_chapo
    with tempfile.TemporaryDirectory(prefix="bench-chapo-") as tmp:
        folder = Path(tmp)
        generate_pages(folder / "content", args.pages)
        overrides = {
            "PATH": str(folder / "content"),
            "OUTPUT_PATH": str(folder / "output"),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
        }
        started = time.perf_counter()
        result = build(ROOT / "pelicanconf.py", overrides=overrides, stream=io.StringIO())
        total = time.perf_counter() - started
    if not result.ok:
        sys.exit("build failed")
    print(
        f"{args.pages} pages: build {total:.2f} s, chapo plugin {spent[0]:.3f} s "
        f"= {100 * spent[0] / total:.1f} % of the build"
    )


if __name__ == "__main__":
    main()
