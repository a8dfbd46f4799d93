"""Bring every media file the pages reference into content/: `python3 dev.py fetch-media`.

The old WordPress site usually stays online during a move; its uploads, and the
images pages hot-link from other hosts, are downloaded to the place where the
build looks for them (plugins/responsive_images/refs.py decides that place for
both). Pages stay as exported: the build points their references at the copies.

Pure core: `find_references` (addresses in the page sources) and `plan`
(what to fetch, from where, to which file). Side effects: `fetch` (bounded
parallel downloads, each checked, written once and never over an existing
file) and `main` (settings, progress bar, closing table).

Every file is checked twice before it is kept: its Content-Type must be an
image (JPEG, PNG, GIF, WebP, AVIF, SVG without script) or a document (PDF,
Microsoft or OpenDocument office formats), and its first bytes must say the
same. A file goes through a partial file under cache/ and is linked into
content/ only when complete, so a run killed midway leaves no half file and
the next run fetches only what is still missing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SOURCE_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".rst"}
SKIPPED_FOLDERS = {"wp-content", "images"}  # media, not pages
MAX_BYTES = 25 * 1024 * 1024
TIMEOUT = 30.0
WORKERS = 4
CHUNK = 64 * 1024
USER_AGENT = "votrecoachweb-fetch-media/1 (site migration)"

# Addresses in a page source, by the context they appear in (raw HTML, Markdown
# or shortcode attributes): an address shown as an image is fetched whatever
# its name; a linked address only when its name says image or document.
IMAGE_ATTR = re.compile(
    r"""\b(?:src|data-src|data-lazy-src|data-orig-file|data-large-file)\s*=\s*["']([^"']+)["']""",
    re.I,
)
SRCSET_ATTR = re.compile(r"""\b(?:srcset|data-srcset)\s*=\s*["']([^"']+)["']""", re.I)
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
LINK_ATTR = re.compile(r"""\bhref\s*=\s*["']([^"']+)["']""", re.I)
MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
BARE_URL = re.compile(r"""(?:https?:)?//[^\s"'<>()\[\]]+""")

# Content-Type -> the kinds of first bytes it may carry.
ACCEPTED_TYPES = {
    "image/jpeg": {"jpeg"},
    "image/pjpeg": {"jpeg"},
    "image/png": {"png"},
    "image/gif": {"gif"},
    "image/webp": {"webp"},
    "image/avif": {"avif"},
    "image/svg+xml": {"svg"},
    "application/pdf": {"pdf"},
    "application/msword": {"ole"},
    "application/vnd.ms-excel": {"ole"},
    "application/vnd.ms-powerpoint": {"ole"},
}
OFFICE_ZIP_PREFIXES = ("application/vnd.openxmlformats-officedocument.", "application/vnd.oasis.")
SVG_RISKS = re.compile(rb"<script|\son[a-z]+\s*=|javascript:|<foreignObject", re.I)


@dataclass(frozen=True)
class Download:
    """One file to bring over: where it is written in content/, where it comes from."""

    path: str  # content-relative
    url: str  # the address fetched (after FETCH_MEDIA_HOSTS)
    original: str  # the address as the old site had it
    pages: tuple[str, ...]


@dataclass
class Plan:
    fetch: list[Download] = field(default_factory=list)
    present: list[str] = field(default_factory=list)  # content-relative paths already there
    unknown: list[tuple[str, str]] = field(default_factory=list)  # (address, why not fetchable)


@dataclass(frozen=True)
class Outcome:
    download: Download
    result: str  # "downloaded", "already there" or "failed"
    detail: str = ""  # the HTTP status or reason of a failure; the file name written
    size: int = 0


def plugins_on_path(settings: dict) -> None:
    """Pelican does this for a build; this command imports the same plugin modules."""
    for folder in reversed(settings.get("PLUGIN_PATHS") or ["plugins"]):
        path = str(Path(folder) if Path(folder).is_absolute() else ROOT / folder)
        if path not in sys.path:
            sys.path.insert(0, path)


# --- pure core -------------------------------------------------------------------------


def page_sources(content: Path) -> list[Path]:
    found = []
    for path in sorted(content.rglob("*")):
        relative = path.relative_to(content)
        if relative.parts[0] in SKIPPED_FOLDERS or relative.parts[0].startswith("."):
            continue
        if path.suffix.lower() in SOURCE_SUFFIXES and path.is_file():
            found.append(path)
    return found


def addresses_in(text: str) -> list[tuple[str, bool]]:
    """(address, shown as an image) for every address in a page source."""
    from responsive_images.refs import srcset_urls  # noqa: PLC0415

    found = [(m.group(1), True) for m in IMAGE_ATTR.finditer(text)]
    found += [(u, True) for m in SRCSET_ATTR.finditer(text) for u in srcset_urls(m.group(1))]
    found += [(m.group(1), True) for m in MARKDOWN_IMAGE.finditer(text)]
    found += [(m.group(1), False) for m in LINK_ATTR.finditer(text)]
    found += [(m.group(1), False) for m in MARKDOWN_LINK.finditer(text)]
    found += [(m.group(0).rstrip(".,;:!?"), False) for m in BARE_URL.finditer(text)]
    return [(address.strip(), image) for address, image in found]


def find_references(sources: dict[str, str]) -> dict[str, tuple[set[str], bool]]:
    """{address: (pages naming it, shown as an image somewhere)} from {page: source text}."""
    references: dict[str, tuple[set[str], bool]] = {}
    for page, text in sources.items():
        for address, image in addresses_in(text):
            pages, shown = references.get(address, (set(), False))
            pages.add(page)
            references[address] = (pages, shown or image)
    return references


def mapped(url: str, host_map: dict[str, str]) -> str:
    """`url` fetched from the base URL FETCH_MEDIA_HOSTS gives its host, if any."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    base = host_map.get(host) or host_map.get(host.removeprefix("www."))
    if not base:
        return url
    return base.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")


def plan(
    references: dict[str, tuple[set[str], bool]],
    exists: Callable[[str], bool],
    old_url: str | None,
    old_hosts: set[str],
    host_map: dict[str, str],
) -> Plan:
    """What to fetch: every referenced image or document content/ lacks, once per file."""
    from responsive_images.refs import candidates, media_ref  # noqa: PLC0415

    result = Plan()
    wanted: dict[str, Download] = {}
    for address in sorted(references):
        pages, shown = references[address]
        ref = media_ref(address, old_url, old_hosts)
        if ref is None or not (ref.kind == "image" or (ref.kind and not ref.external) or shown):
            continue  # a page, a feed, another site's document: nothing to bring over
        if any(exists(name) for name in candidates(ref.path)):
            if ref.path not in result.present:
                result.present.append(ref.path)
            continue
        if ref.remote is None:
            why = "no old site address (set WORDPRESS_OLD_URL)"
            if not ref.path.startswith("wp-content/"):
                why = f"content/{ref.path} is missing and has no other address"
            result.unknown.append((address, why))
            continue
        previous = wanted.get(ref.path)
        names = tuple(sorted(pages | set(previous.pages if previous else ())))
        wanted[ref.path] = Download(ref.path, mapped(ref.remote, host_map), ref.remote, names)
    result.fetch = [wanted[path] for path in sorted(wanted)]
    return result


MAGIC = (  # (offset, first bytes, kind)
    (0, b"\xff\xd8\xff", "jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "png"),
    (0, b"GIF87a", "gif"),
    (0, b"GIF89a", "gif"),
    (8, b"WEBP", "webp"),  # after RIFF and a size
    (4, b"ftypavif", "avif"),
    (4, b"ftypavis", "avif"),
    (0, b"%PDF-", "pdf"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # .doc, .xls, .ppt
    (0, b"PK\x03\x04", "zip"),  # .docx, .xlsx, .pptx, .odt …
)


def sniff(head: bytes) -> str | None:
    """The kind of file its first bytes show, or None."""
    for offset, magic, kind in MAGIC:
        if head[offset : offset + len(magic)] == magic and (kind != "webp" or head[:4] == b"RIFF"):
            return kind
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    # An SVG may open with an XML declaration, a comment (Illustrator's) or a doctype.
    if text.startswith((b"<svg", b"<?xml", b"<!--", b"<!doctype svg")) and b"<svg" in text:
        return "svg"
    return None


def accepted_kinds(content_type: str) -> set[str]:
    if content_type.startswith(OFFICE_ZIP_PREFIXES):
        return {"zip"}
    return ACCEPTED_TYPES.get(content_type, set())


def check_file(content_type: str, data_head: bytes, whole: bytes | None = None) -> str | None:
    """None when a file is an accepted image or document; else why it is refused."""
    kinds = accepted_kinds(content_type)
    if not kinds:
        return f"refused: served as {content_type or 'no type'}, not an image or document"
    kind = sniff(data_head)
    if kind not in kinds:
        return f"refused: served as {content_type} but its first bytes are {kind or 'not'} one"
    if kind == "svg" and whole is not None and SVG_RISKS.search(whole):
        return "refused: SVG with script or event handlers"
    return None


# --- side effects ---------------------------------------------------------------------


def target_name(path: str, kind: str) -> str:
    from responsive_images.refs import EXTENSION_OF, media_kind  # noqa: PLC0415

    if media_kind(path):
        return path
    return path + EXTENSION_OF.get(kind, "")


class Refused(Exception):
    """A download that is not kept; the message says why."""


def receive(download: Download, scratch: Path, max_bytes: int, timeout: float) -> tuple[str, int]:
    """Write the file at download.url into `scratch`; (Content-Type, size)."""
    started = time.monotonic()
    request = urllib.request.Request(download.url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        content_type = response.headers.get_content_type()
        if not accepted_kinds(content_type):
            raise Refused(check_file(content_type, b""))
        declared = int(response.headers.get("Content-Length") or 0)
        if declared > max_bytes:
            raise Refused(f"too large: {megabytes(declared)}")
        size = 0
        with open(scratch, "wb") as out:
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise Refused(f"too large: over {megabytes(max_bytes)}")
                if time.monotonic() - started > timeout:
                    raise TimeoutError
                out.write(chunk)
    return content_type, size


def keep(scratch: Path, content_type: str, path: str, content: Path) -> str | None:
    """Check the received file and link it into content/; its name, None if already there."""
    data = scratch.read_bytes()
    # An SVG's first element may come after a long XML prologue: look further.
    head = data[:4096] if content_type == "image/svg+xml" else data[:64]
    problem = check_file(content_type, head, data if content_type == "image/svg+xml" else None)
    if problem:
        raise Refused(problem)
    name = target_name(path, sniff(head) or "")
    target = content / name
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(scratch, target)  # atomic, and fails if the file exists: never overwrites
    except FileExistsError:
        return None
    except OSError:  # a file system without hard links: check, then an atomic rename
        if target.exists():
            return None
        os.replace(scratch, target)
    return name


def fetch_one(
    download: Download, content: Path, partial: Path, max_bytes: int, timeout: float
) -> Outcome:
    from responsive_images.refs import candidates  # noqa: PLC0415

    if any((content / name).is_file() for name in candidates(download.path)):
        return Outcome(download, "already there")
    scratch = partial / hashlib.sha256(download.path.encode()).hexdigest()
    try:
        content_type, size = receive(download, scratch, max_bytes, timeout)
        name = keep(scratch, content_type, download.path, content)
    except Refused as error:
        problem = str(error)
    except urllib.error.HTTPError as error:
        problem = f"HTTP {error.code}"
    except urllib.error.URLError as error:
        timed_out = isinstance(error.reason, TimeoutError)
        problem = f"timed out after {timeout:g} s" if timed_out else f"unreachable: {error.reason}"
    except TimeoutError:
        problem = f"timed out after {timeout:g} s"
    except OSError as error:
        problem = f"{type(error).__name__}: {error}"
    else:
        if name is None:
            return Outcome(download, "already there")
        return Outcome(download, "downloaded", name, size)
    finally:
        scratch.unlink(missing_ok=True)
    return Outcome(download, "failed", problem)


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def readable(size: int) -> str:
    return megabytes(size) if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def fetch(
    downloads: Iterable[Download],
    content: Path,
    partial: Path,
    *,
    workers: int = WORKERS,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT,
    done: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Download in at most `workers` parallel requests; `done` is called after each file."""
    shutil.rmtree(partial, ignore_errors=True)  # leftovers of a killed run
    partial.mkdir(parents=True, exist_ok=True)
    outcomes = []
    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    try:
        futures = [
            pool.submit(fetch_one, d, content, partial, max_bytes, timeout) for d in downloads
        ]
        for future in as_completed(futures):
            outcome = future.result()
            outcomes.append(outcome)
            done(outcome)
    except BaseException:  # Ctrl-C: start nothing more; files already linked stay
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        pool.shutdown()
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return sorted(outcomes, key=lambda o: o.download.path)


# --- the command ------------------------------------------------------------------------


@dataclass
class Options:
    old_url: str | None
    old_hosts: set[str]
    host_map: dict[str, str]
    max_bytes: int
    timeout: float
    workers: int
    content: Path
    partial: Path


def options_from(settings: dict) -> Options:
    from wordpress_export.site_config import export_settings, old_site_hosts  # noqa: PLC0415

    settings = export_settings(settings)
    old_url = settings.get("WORDPRESS_OLD_URL")
    cache = Path(settings.get("CACHE_PATH") or ROOT / "cache")
    return Options(
        old_url=old_url,
        old_hosts=old_site_hosts(old_url),
        host_map={k.lower(): v for k, v in (settings.get("FETCH_MEDIA_HOSTS") or {}).items()},
        max_bytes=int(settings.get("FETCH_MEDIA_MAX_BYTES", MAX_BYTES)),
        timeout=float(settings.get("FETCH_MEDIA_TIMEOUT", TIMEOUT)),
        workers=int(settings.get("FETCH_MEDIA_WORKERS", WORKERS)),
        content=Path(settings["PATH"]),
        partial=cache / "fetch-media-partial",
    )


def make_plan(options: Options) -> Plan:
    content = options.content
    sources = {
        str(path.relative_to(content)): path.read_text("utf-8", errors="replace")
        for path in page_sources(content)
    }
    return plan(
        find_references(sources),
        lambda name: (content / name).is_file(),
        options.old_url,
        options.old_hosts,
        options.host_map,
    )


def replaced_by_original(outcomes: list[Outcome], content: Path) -> list[Outcome]:
    """Failed WordPress resized copies whose original content/ holds: the build uses that."""
    from responsive_images.refs import resized_original  # noqa: PLC0415

    return [
        o
        for o in outcomes
        if o.result == "failed"
        and (original := resized_original(o.download.path))
        and (content / original).is_file()
    ]


def report(plan_: Plan, outcomes: list[Outcome], console, replaced: list[Outcome]) -> None:
    from rich.table import Table  # noqa: PLC0415

    failed = [o for o in outcomes if o.result == "failed"]
    for outcome in failed:  # one line each, never cut: the address is what to look up
        d = outcome.download
        note = f"content/{d.path}, named in {d.pages[0]}"
        if outcome in replaced:
            note += "; the build shows its original instead"
        console.print(f"failed: {outcome.detail}: {d.original} ({note})", soft_wrap=True)
    for address, why in plan_.unknown:
        console.print(f"not fetchable: {address}: {why}", soft_wrap=True)
    downloaded = [o for o in outcomes if o.result == "downloaded"]
    already = len(plan_.present) + sum(o.result == "already there" for o in outcomes)
    summary = Table(title="fetch-media", title_justify="left")
    summary.add_column("result")
    summary.add_column("files", justify="right")
    summary.add_column("size", justify="right")
    summary.add_row("downloaded", str(len(downloaded)), readable(sum(o.size for o in downloaded)))
    summary.add_row("already there", str(already), "")
    summary.add_row("failed", str(len(failed)), "")
    console.print(summary)
    if failed:
        console.print(
            "Pages keep showing a failed image as a link to its old address; "
            "run the command again once the old site answers."
        )


def run(settings: dict, dry_run: bool = False, console=None) -> int:
    """The command: plan, then (unless a dry run) fetch with a progress bar. Exit status."""
    from rich.console import Console  # noqa: PLC0415
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn  # noqa: PLC0415

    console = console or Console(stderr=True)
    plugins_on_path(settings)
    options = options_from(settings)
    the_plan = make_plan(options)
    if dry_run:
        for download in the_plan.fetch:
            console.print(f"would fetch {download.url} -> content/{download.path}", soft_wrap=True)
        for address, why in the_plan.unknown:
            console.print(f"not fetchable: {address}: {why}", soft_wrap=True)
        console.print(
            f"fetch-media --dry-run: {len(the_plan.fetch)} to fetch, "
            f"{len(the_plan.present)} already there, {len(the_plan.unknown)} not fetchable"
        )
        return 0
    columns = (TextColumn("fetching media"), BarColumn(), MofNCompleteColumn())
    try:
        with Progress(*columns, console=console, transient=True) as progress:
            bar = progress.add_task("fetch", total=len(the_plan.fetch))
            outcomes = fetch(
                the_plan.fetch,
                options.content,
                options.partial,
                workers=options.workers,
                max_bytes=options.max_bytes,
                timeout=options.timeout,
                done=lambda outcome: progress.advance(bar),
            )
    except KeyboardInterrupt:
        console.print(
            "fetch-media: interrupted; the files already downloaded are kept, run it again"
        )
        return 130
    replaced = replaced_by_original(outcomes, options.content)
    report(the_plan, outcomes, console, replaced)
    return 1 if any(o.result == "failed" and o not in replaced for o in outcomes) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--dry-run", action="store_true", help="list what would be fetched")
    args = parser.parse_args(argv)
    from sitetools.build import load_settings  # noqa: PLC0415

    return run(load_settings(Path(args.settings), {}), dry_run=args.dry_run)


if __name__ == "__main__":
    sys.exit(main())
