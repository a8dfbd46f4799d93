"""Full-build time of this site against plain Pelican, on pages shaped like the seed.

    .venv/bin/python bench/build_speed.py [--sizes 100 1000] [--repeat 1]

Prints one line per size and the ratios; a figure, not a test. Target: this site
at most 1.5x plain Pelican, and its own time linear in the page count.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _sites import (
    generate_pages,
    plain_build,
    plain_settings,
    site_settings,
    this_site_build,
    timed,
)


def measure(count: int, repeat: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        folder = Path(tmp)
        generate_pages(folder / "content", count)
        ours = site_settings(folder, folder / "content", folder / "out-site")
        plain = plain_settings(folder, folder / "content", folder / "out-plain")
        # Cold builds (no content cache), best of `repeat`, both in one run.
        site = min(timed(this_site_build(ours)) for _ in range(repeat))
        base = min(timed(plain_build(plain)) for _ in range(repeat))
    return site, base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    results = {}
    for count in args.sizes:
        site, base = measure(count, args.repeat)
        results[count] = site
        print(
            f"{count:5d} pages: this site {site:6.2f} s, plain Pelican {base:6.2f} s, "
            f"ratio {site / base:4.2f}x"
        )
    sizes = sorted(results)
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        per_page = (results[large] - results[small]) / (large - small)
        print(
            f"growth {small} -> {large} pages: {results[large] / results[small]:.1f}x "
            f"for {large / small:.0f}x the pages; {1000 * per_page:.1f} ms per extra page, "
            f"{results[small] - small * per_page:.2f} s fixed"
        )


if __name__ == "__main__":
    main()
