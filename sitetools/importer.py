"""Bring a WordPress export (the exporter's zip, or its unzipped folder) into content/.

Files land byte for byte where the exporter put them (pages at the root and
below, `_posts/`, `_drafts/`, `_config.yml`, `wp-content/`): the build migrates
them as they are. The archive is checked whole before anything is written
(no `..`, absolute path or link). `content/.import-manifest.json` keeps the
hash of each imported file, so a re-import never overwrites a file edited by
hand since (unless forced), and can say what the new export changed.

    plan_import(...)  what to copy and what stands in the way (pure: reads only)
    apply_import(...) copies, each file through a temporary name (a cut-off run
                      leaves no half file; running it again finishes the job)
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

MANIFEST = ".import-manifest.json"
PAGE_EXTENSIONS = (".md", ".markdown", ".html", ".htm")
CHUNK = 1 << 20


class ImportRefused(Exception):
    """The export cannot be imported as it is; nothing was written."""


@dataclass(frozen=True)
class Entry:
    relpath: str  # `/`-separated, relative to the export's root
    size: int
    opener: Callable[[], BinaryIO]

    @property
    def kind(self) -> str:
        """Kind of file: page, post, draft, type (custom post type), file (media, config)."""
        if not self.relpath.lower().endswith(PAGE_EXTENSIONS):
            return "file"
        top = self.relpath.split("/", 1)[0] if "/" in self.relpath else ""
        if top.startswith("_"):
            return {"_posts": "post", "_drafts": "draft"}.get(top, "type")
        return "page"


@dataclass
class Plan:
    added: list[Entry] = field(default_factory=list)
    changed: list[Entry] = field(default_factory=list)
    unchanged: list[Entry] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # edited by hand since last import
    gone: list[str] = field(default_factory=list)  # imported before, not in this export
    hashes: dict[str, str] = field(default_factory=dict)  # the new manifest

    @property
    def to_copy(self) -> list[Entry]:
        return self.added + self.changed


def unsafe_reason(name: str) -> str | None:
    """Why an archive member's name could write outside content/, or None."""
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "absolute path"
    if ".." in PurePosixPath(name.replace("\\", "/")).parts:
        return "'..' in the path"
    return None


def zip_entries(path: Path) -> list[Entry]:
    problems, entries = [], []
    archive = zipfile.ZipFile(path)
    for info in archive.infolist():
        mode = info.external_attr >> 16
        reason = unsafe_reason(info.filename)
        if reason is None and stat.S_ISLNK(mode):
            reason = "a symbolic link"
        if reason:
            problems.append(f"{info.filename}: {reason}")
        elif not info.is_dir():
            entries.append(Entry(info.filename, info.file_size, _zip_opener(archive, info)))
    if problems:
        raise ImportRefused("unsafe archive, nothing imported:\n  " + "\n  ".join(problems))
    return entries


def _zip_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], BinaryIO]:
    return lambda: archive.open(info)


def folder_entries(root: Path) -> list[Entry]:
    problems, entries = [], []
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            if path.is_symlink():
                problems.append(f"{path.relative_to(root).as_posix()}: a symbolic link")
        for name in files:
            path = Path(folder, name)
            if not path.is_symlink():
                relpath = path.relative_to(root).as_posix()
                entries.append(Entry(relpath, path.stat().st_size, _file_opener(path)))
    if problems:
        raise ImportRefused("unsafe export folder, nothing imported:\n  " + "\n  ".join(problems))
    return entries


def _file_opener(path: Path) -> Callable[[], BinaryIO]:
    return lambda: path.open("rb")


def export_entries(source: Path) -> list[Entry]:
    """The files of an export, relative to its root (the folder holding `_config.yml`)."""
    if source.is_dir():
        entries = folder_entries(source)
    elif zipfile.is_zipfile(source):
        entries = zip_entries(source)
    else:
        raise ImportRefused(f"{source}: neither a .zip file nor a folder")
    entries = [e for e in entries if not is_clutter(e.relpath)]
    if not entries:
        raise ImportRefused(f"{source}: the export is empty")
    return strip_wrapping_folder(entries)


def is_clutter(relpath: str) -> bool:
    """Files an archiver adds that are no part of the export."""
    parts = relpath.split("/")
    return parts[0] == "__MACOSX" or parts[-1] in {".DS_Store", "Thumbs.db"}


def strip_wrapping_folder(entries: list[Entry]) -> list[Entry]:
    """A zip made of the export's folder holds everything under one top folder."""
    tops = {e.relpath.split("/", 1)[0] for e in entries}
    if len(tops) != 1 or all("/" not in e.relpath for e in entries):
        return entries
    top = tops.pop() + "/"
    if not any(e.relpath == top + "_config.yml" for e in entries):
        return entries
    return [Entry(e.relpath[len(top) :], e.size, e.opener) for e in entries]


def sha256_of(stream: BinaryIO) -> str:
    digest = hashlib.sha256()
    with stream:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_manifest(content: Path) -> dict[str, str]:
    path = content / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as error:
        raise ImportRefused(f"{path}: not readable ({error}); remove it to start afresh") from None
    return dict(data.get("files", {}))


def plan_import(entries: list[Entry], content: Path, manifest: dict[str, str]) -> Plan:
    """Sort the export's files by what importing them would do (nothing is written)."""
    plan = Plan()
    for entry in sorted(entries, key=lambda e: e.relpath):
        new_hash = sha256_of(entry.opener())
        plan.hashes[entry.relpath] = new_hash
        target = content / entry.relpath
        if not target.exists():
            plan.added.append(entry)
            continue
        current = sha256_of(target.open("rb"))
        if current == new_hash:
            plan.unchanged.append(entry)
        elif manifest.get(entry.relpath) == current:
            plan.changed.append(entry)
        else:
            plan.conflicts.append(entry.relpath)
    for relpath in sorted(set(manifest) - set(plan.hashes)):
        if (content / relpath).exists():
            plan.gone.append(relpath)
            plan.hashes[relpath] = manifest[relpath]  # still listed until deleted
    return plan


def apply_import(
    plan: Plan, content: Path, progress: Callable[[int], None] = lambda n: None
) -> None:
    """Copy the plan's files, each through a temporary name, then write the manifest."""
    for entry in plan.to_copy:
        target = content / entry.relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.importing")
        with entry.opener() as source, partial.open("wb") as sink:
            for chunk in iter(lambda: source.read(CHUNK), b""):
                sink.write(chunk)
                progress(len(chunk))
        os.replace(partial, target)
    manifest = {"generator": "sitetools.importer", "files": dict(sorted(plan.hashes.items()))}
    text = json.dumps(manifest, indent=1, ensure_ascii=False) + "\n"
    (content / MANIFEST).write_text(text, encoding="utf-8")


def summary_rows(plan: Plan) -> Iterator[tuple[str, int, int, int, int]]:
    """(kind, added, changed, unchanged, gone) for each kind of file."""
    for kind in ("page", "post", "draft", "type", "file"):

        def count(items: list[Entry], wanted: str = kind) -> int:
            return sum(1 for e in items if e.kind == wanted)

        gone = sum(1 for r in plan.gone if Entry(r, 0, None).kind == kind)  # type: ignore[arg-type]
        yield kind, count(plan.added), count(plan.changed), count(plan.unchanged), gone
