"""Output weight per page of the publish build: HTML raw / gzip / brotli, CSS, total.

    .venv/bin/python bench/output_weight.py [output]   # default: a fresh publish build

Sizes of the precompressed files that hosts serve (.gz, .br beside each file).
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

from _sites import ROOT

sys.path.insert(0, str(ROOT))

from sitetools.build import build


def size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def report(output: Path) -> None:
    css = sorted((output / "theme" / "css").glob("*.css"))
    css_raw = sum(size(p) for p in css)
    css_br = sum(size(p.with_name(p.name + ".br")) for p in css)
    print(f"{'page':52s} {'HTML':>7s} {'gzip':>6s} {'br':>6s} {'CSS br':>7s} {'total br':>9s}")
    for page in [*sorted(output.rglob("index.html")), output / "404.html"]:
        if "http-equiv" in page.read_text("utf-8")[:600]:
            continue  # redirect stubs
        raw, gz, br = (
            size(page),
            size(page.with_suffix(".html.gz")),
            size(page.with_suffix(".html.br")),
        )
        name = page.relative_to(output).as_posix()
        print(f"{name:52s} {raw:7d} {gz:6d} {br:6d} {css_br:7d} {br + css_br:9d}")
    print(f"stylesheet: {css_raw} B raw, {css_br} B brotli")


def main() -> None:
    if len(sys.argv) > 1:
        report(Path(sys.argv[1]))
        return
    with tempfile.TemporaryDirectory(prefix="bench-weight-") as tmp:
        result = build(
            ROOT / "publishconf.py", overrides={"OUTPUT_PATH": tmp}, stream=io.StringIO()
        )
        if not result.ok:
            sys.exit("build failed")
        report(Path(tmp))


if __name__ == "__main__":
    main()
