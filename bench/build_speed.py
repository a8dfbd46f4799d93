"""Build times of this site against plain Pelican: cold, warm, one page changed.

    .venv/bin/python bench/build_speed.py [--corpus real seed] [--sizes 1000 10000] [--repeat 3]

Two corpora: pages made from the migration's regression corpus (tests/corpus/:
both exporter generations, shortcodes, page-builder leftovers, code, captions),
and pages shaped like the seed page. For each size, in one run and on the same
files, it times in fresh processes (imports included, as a person waits):

- first build: no output folder and no cache at all, both;
- cold: this site with `--ignore-cache` (reads and renders everything, on every
  core), the same in one process (`--jobs 1`), and plain Pelican without its
  cache; the output of an earlier build is there for both (plain Pelican writes
  over its output folder, this site into the folder its last build replaced);
- warm: nothing changed since the last build (this site; plain Pelican with its
  content cache);
- one page changed: a sentence added to the body of one page like the seed (its
  lead closed: what other pages show of it stays the same), then the build.

Prints medians of `--repeat` runs, the ratios, each build's CPU time (user and
system, every process of the build: what using every core costs) and peak memory
(the largest process), and the cost per page at each size. Figures, not a test.
Targets (issue 21): cold at most 0.6x plain Pelican; warm at most 1.0 s and one
page changed at most 1.2 s for 1,000 pages; growth linear to 10,000 pages.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from _sites import (
    ROOT,
    generate_pages,
    generate_real_pages,
    plain_build,
    plain_settings,
    site_settings,
    this_site_build,
)

CORPORA = {"real": generate_real_pages, "seed": generate_pages}
COLD_TARGET = 0.6  # issue 21: a cold build in at most 0.6x plain Pelican's time
# Builds run as on a person's machine, where Python keeps the modules it compiled
# (__pycache__): a PYTHONDONTWRITEBYTECODE left in the environment would add the
# compilation of every project module to every build, this site's and Pelican's alike.
BUILD_ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str]) -> tuple[float, float, float]:
    """(wall seconds, peak memory in MB of the largest process, CPU seconds) of one build."""
    import subprocess  # noqa: PLC0415

    with tempfile.TemporaryFile("w+") as log:  # a pipe would fill up with the warnings
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log, env=BUILD_ENVIRONMENT
        )
        # usage: the build's processes, its workers included (they are waited for)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            raise SystemExit(f"benchmark build failed: {' '.join(command)}\n{log.read()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def median_of(command: list[str], repeat: int, before=None) -> tuple[float, float, float]:
    """Median wall time, largest peak memory, median CPU time."""
    times, peaks, cpu = [], [], []
    for _ in range(repeat):
        if before:
            before()
        seconds, peak, cpu_seconds = run(command)
        times.append(seconds)
        peaks.append(peak)
        cpu.append(cpu_seconds)
    return statistics.median(times), max(peaks), statistics.median(cpu)


def editor(path: Path):
    """Adds one sentence at the end of a page's body at each call (a real edit)."""
    count = [0]

    def edit() -> None:
        count[0] += 1
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\nUne phrase ajoutée, modification {count[0]}.\n")

    return edit


def edited_page(pages: list[Path]) -> Path:
    """A page like the seed near the middle: its lead is closed, so adding to its body
    changes nothing other pages show, the common edit. (A title or lead edit, or a
    body edit of a page whose summary is its body, re-renders every page.)"""
    like_seed = [p for p in pages if "seed-like" in p.name] or pages
    return like_seed[len(like_seed) // 2]


def emptier(*folders: Path):
    """Removes output and caches before a first build."""
    import shutil  # noqa: PLC0415

    def empty() -> None:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)

    return empty


def measure(corpus: str, count: int, repeat: int, one_process: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        folder = Path(tmp)
        pages = CORPORA[corpus](folder / "content", count)
        edit = editor(edited_page(pages))
        ours = this_site_build(site_settings(folder, folder / "content", folder / "out-site"))
        plain_cold = plain_build(plain_settings(folder, folder / "content", folder / "out-plain"))
        plain_warm = plain_build(
            plain_settings(folder, folder / "content", folder / "out-plain", cache=True)
        )
        site_first = emptier(folder / "out-site", folder / "cache")
        figures = {}
        figures["site first build"] = median_of(ours, repeat, before=site_first)
        figures["plain first build"] = median_of(
            plain_cold, repeat, before=emptier(folder / "out-plain", folder / "cache-plain")
        )
        run([*ours, "--ignore-cache"])  # from now on the output of an earlier build is there,
        run([*ours, "--ignore-cache"])  # as plain Pelican's is: both write over it
        figures["site cold"] = median_of([*ours, "--ignore-cache"], repeat)
        if one_process:
            figures["site cold, 1 process"] = median_of(
                [*ours, "--ignore-cache", "--jobs", "1"], repeat
            )
        figures["plain cold"] = median_of(plain_cold, repeat)
        run(ours)
        figures["site warm"] = median_of(ours, repeat)
        figures["site one page"] = median_of(ours, repeat, before=edit)
        run(plain_warm)  # fills Pelican's content cache
        figures["plain warm"] = median_of(plain_warm, repeat)
        figures["plain one page"] = median_of(plain_warm, repeat, before=edit)
    return figures


def report(corpus: str, count: int, figures: dict) -> None:
    load = os.getloadavg()[0]
    print(f"\n{corpus}-shaped, {count} pages (load average {load:.1f} on {os.cpu_count()} cores)")
    for name, (seconds, peak, cpu) in figures.items():
        print(f"  {name:24s} {seconds:7.2f} s   cpu {cpu:6.2f} s   peak {peak:6.0f} MB")
    for kind in ("first build", "cold", "warm", "one page"):
        site, plain = figures[f"site {kind}"][0], figures[f"plain {kind}"][0]
        print(f"  ratio {kind:18s} {site / plain:7.2f}x plain Pelican")
    if "site cold, 1 process" in figures:
        one, many = figures["site cold, 1 process"], figures["site cold"]
        wall, cpu = many[0] / one[0], many[2] / one[2]
        print(f"  every core vs one process  {wall:5.2f}x wall, {cpu:.2f}x cpu")
        # What the cold target asks of the CPU: 0.6x plain Pelican's wall time, with
        # this run's CPU per second of wall time when every core is used.
        cores_busy = many[2] / many[0]
        target_wall = COLD_TARGET * figures["plain cold"][0]
        print(
            f"  cold target {COLD_TARGET}x: {target_wall:.2f} s wall, "
            f"{target_wall * cores_busy:.2f} s cpu at {cores_busy:.2f} busy cores "
            f"(this site {many[2]:.2f} s; plain Pelican {figures['plain cold'][2]:.2f} s)"
        )
    per_page = 1000 * figures["site cold"][0] / count
    plain_per_page = 1000 * figures["plain cold"][0] / count
    print(
        f"  cold cost per page: this site {per_page:.2f} ms, plain Pelican {plain_per_page:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", nargs="+", choices=sorted(CORPORA), default=["real", "seed"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cold: dict[tuple[str, int], float] = {}
    for corpus in args.corpus:
        for count in args.sizes:
            figures = measure(corpus, count, args.repeat, one_process=count <= 1000)
            report(corpus, count, figures)
            cold[corpus, count] = figures["site cold"][0]
    for corpus in args.corpus:
        sizes = sorted(count for name, count in cold if name == corpus)
        if len(sizes) > 1:
            small, large = sizes[0], sizes[-1]
            growth = cold[corpus, large] / cold[corpus, small]
            per_small = 1000 * cold[corpus, small] / small
            per_large = 1000 * cold[corpus, large] / large
            print(
                f"\n{corpus}: {small} -> {large} pages, cold {growth:.1f}x for "
                f"{large / small:.0f}x the pages; {per_small:.2f} -> {per_large:.2f} ms per page"
            )


if __name__ == "__main__":
    main()
