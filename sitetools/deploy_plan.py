"""What a deploy changes on a target, in which order (pure functions, no I/O).

The target keeps a manifest (`.deploy-manifest`, "sha256  path" lines) of the
files deploys put there. From it, the new site and the list of files found on
the target comes one plan: uploads ordered so that a page never goes online
before the files it needs (images and fonts, then stylesheets and scripts,
then pages, then the files naming pages: redirects, sitemap, feeds), then
deletions, last, of files an earlier deploy put there only. Anything else on
the target is listed and kept unless forced; `.well-known/` is never touched.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".deploy-manifest"
PENDING = "pending"  # manifest entry of a file whose upload has begun, not finished
NEVER_UPLOADED = ("_config/",)  # server configuration: not for visitors (see `config_path`)
NEVER_TOUCHED = (".well-known/",)  # certificate renewals write their check files there
# Files that name pages (redirect targets, sitemap, feeds): online after the pages.
SITE_INDEXES = {".htaccess", "_redirects", "_headers", "robots.txt", "sitemap.xml"}
PAGE_SUFFIXES = (".html", ".htm")
CODE_SUFFIXES = (".css", ".js", ".mjs")
COMPRESSED = (".gz", ".br")


@dataclass(frozen=True)
class RemoteState:
    """What a target holds: its files (path -> size, None when unknown) and its manifest."""

    files: dict[str, int | None]
    manifest: dict[str, str] = field(default_factory=dict)


@dataclass
class Plan:
    upload: list[str]  # in upload order
    delete: list[str]  # files, then emptied folders ("folder/"), deepest first
    kept: list[str]  # on the target, not put there by a deploy: left alone
    manifest_before: dict[str, str] = field(default_factory=dict)  # written before uploading
    manifest_after: dict[str, str] = field(default_factory=dict)  # written at the end

    @property
    def changed(self) -> int:
        """Files uploaded or deleted (folders and the manifest are not counted)."""
        return len(self.upload) + len([p for p in self.delete if not p.endswith("/")])

    def steps(self) -> list[tuple[str, str]]:
        return [("upload", p) for p in self.upload] + [("delete", p) for p in self.delete]

    def lines(self) -> list[str]:
        return [f"{verb} {path}" for verb, path in self.steps()]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def site_files(folder: Path) -> dict[str, Path]:
    """Every file a deploy sends from a built site, by site-relative path."""
    files = {}
    for path in sorted(folder.rglob("*")):
        relpath = path.relative_to(folder).as_posix()
        if path.is_file() and not relpath.startswith(NEVER_UPLOADED) and relpath != MANIFEST:
            files[relpath] = path
    return files


def upload_rank(relpath: str) -> int:
    """0 images/fonts/files, 1 stylesheets/scripts, 2 pages, 3 files naming pages."""
    name = relpath
    for suffix in COMPRESSED:
        name = name.removesuffix(suffix)
    if name in SITE_INDEXES or name.startswith("feeds/"):
        return 3
    if name.endswith(PAGE_SUFFIXES):
        return 2
    if name.endswith(CODE_SUFFIXES):
        return 1
    return 0


def upload_order(paths: Iterable[str]) -> list[str]:
    return sorted(paths, key=lambda p: (upload_rank(p), p))


def is_partial(relpath: str) -> bool:
    """What a cut-off upload leaves: lftp's `.in.NAME.`, rsync's `.~tmp~/` (both ours)."""
    name = posixpath.basename(relpath)
    return (name.startswith(".in.") and name.endswith(".")) or "/.~tmp~/" in "/" + relpath


def untouchable(relpath: str) -> bool:
    return relpath == MANIFEST or relpath.startswith(NEVER_TOUCHED)


def parse_manifest(text: str) -> dict[str, str]:
    entries = {}
    for line in text.splitlines():
        checksum, _, relpath = line.partition("  ")
        if relpath:
            entries[relpath] = checksum
    return entries


def format_manifest(entries: dict[str, str]) -> str:
    return "".join(f"{checksum}  {relpath}\n" for relpath, checksum in sorted(entries.items()))


def plan_deploy(new: dict[str, tuple[str, int]], remote: RemoteState, force: bool = False) -> Plan:
    """The plan from the new site (path -> (sha256, size)) and what the target holds."""
    upload = []
    for relpath, (checksum, size) in new.items():
        remote_size = remote.files.get(relpath, -1)
        if (
            remote.manifest.get(relpath) != checksum
            or relpath not in remote.files
            or (remote_size is not None and remote_size != size)
        ):
            upload.append(relpath)
    extra = [p for p in remote.files if p not in new and not untouchable(p)]
    # Deletions last, and the files naming pages before pages before what pages need.
    delete = sorted(
        (p for p in extra if force or p in remote.manifest or is_partial(p)),
        key=lambda p: (-upload_rank(p), p),
    )
    kept = sorted(set(extra) - set(delete))
    staying = (set(remote.files) - set(delete)) | set(new)
    emptied = set()
    for relpath in delete:
        folder = posixpath.dirname(relpath)
        while folder:
            emptied.add(folder)
            folder = posixpath.dirname(folder)
    emptied = {
        f
        for f in emptied
        if not any(p.startswith(f + "/") for p in staying) and not untouchable(f + "/")
    }
    folders = sorted((f + "/" for f in emptied), key=lambda f: (-f.count("/"), f))
    before = dict(remote.manifest)
    before.update({p: PENDING for p in upload})
    after = {p: checksum for p, (checksum, _) in new.items()}
    return Plan(upload_order(upload), delete + folders, kept, before, after)
