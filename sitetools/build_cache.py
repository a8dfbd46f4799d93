"""What a build depends on, and the caches that let an unchanged input cost nothing.

Three layers, all under CACHE_PATH/sitebuild/<settings>/, each keyed by what it
depends on so that it can never serve something stale:

- the manifest: the code key (settings files, every file under theme/, plugins/
  and sitetools/, installed package versions, Python), the state of every file
  under content/ and the identity of output/ after the last successful build.
  When all match, the build has nothing to do and output/ is kept as it is.
- the read cache: each source file's reader output after typogrify, with the
  warnings reading it gave, keyed by its bytes and by the code and settings keys;
  with it, what the page plugins changed on the page made from it (applied
  only to the very same page, see sitetools/parallel.py).
- the render cache: each page's HTML, keyed by everything its template sees (the
  page after every plugin ran, what the site shows of all other pages, the code
  and settings keys).

Plain pickles and JSON rather than Pelican's cache: Pelican's reader cache keeps
neither typogrify's output nor the warnings a file gave, and re-renders every page.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = 3  # bump when the layout of any cache file changes
PROJECT = Path(__file__).resolve().parent.parent
SETTINGS_FILES = ("pelicanconf.py", "publishconf.py")  # publishconf imports pelicanconf
SOURCE_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".html", ".htm", ".rst")
SKIPPED_DIRS = {"__pycache__", ".git", ".ipynb_checkpoints"}

# What other pages, the home page, feeds and menus show of a page: if any of these
# changes anywhere, every page may change (menus, home cards, links).
SHARED_FIELDS = (
    "title",
    "slug",
    "url",
    "save_as",
    "status",
    "date",
    "modified",
    "lang",
    "template",
    "summary",
    "chapo",
    "nav_order",
    "category",
    "author",
    "tags",
)


def digest(*parts: bytes | str) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def tree_files(root: Path):
    """Every file under `root` (a file counts as itself), sorted, caches and VCS left out."""
    if root.is_file():
        yield root
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        for name in sorted(files):
            if not name.endswith((".pyc", ".pyo")):
                yield Path(folder) / name


def installed_packages() -> list[str]:
    """`name-version.dist-info` of every installed distribution: a package upgrade changes it."""
    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return sorted(found)


def code_key(settings_file: Path, theme: Path, plugin_paths: list[Path], overrides: dict) -> str:
    """One digest of everything but content/ that a build's output can depend on."""
    files: list[Path] = [settings_file]
    for folder in {settings_file.resolve().parent, PROJECT}:
        files += [folder / name for name in SETTINGS_FILES if (folder / name).is_file()]
    for root in [theme, *plugin_paths, PROJECT / "sitetools"]:
        if root.exists():
            files += list(tree_files(root))
    hasher = hashlib.blake2b(digest_size=16)
    # The year too: plugins/owner_facts dates the copyright line from the clock.
    year = datetime.date.today().year
    options = json.dumps(overrides, sort_keys=True, default=repr)
    hasher.update(f"{FORMAT}\0{sys.version}\0{year}\0{options}".encode())
    for path in sorted({p.resolve() for p in files}):
        hasher.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    hasher.update("\n".join(installed_packages()).encode())
    return hasher.hexdigest()


def content_state(content: Path) -> dict[str, list]:
    """Each file under content/: source files by their bytes, others (images) by size and mtime."""
    state: dict[str, list] = {}
    if not content.is_dir():
        return state
    for path in tree_files(content):
        try:
            if path.suffix.lower() in SOURCE_SUFFIXES or path.name.endswith((".yml", ".yaml")):
                state[str(path.relative_to(content))] = [digest(path.read_bytes())]
            else:
                stat = path.stat()
                state[str(path.relative_to(content))] = [stat.st_size, stat.st_mtime_ns]
        except OSError:  # deleted while we looked: the next build sees it gone
            continue
    return state


def output_identity(output: Path) -> list[int] | None:
    """The output folder is replaced by a rename at each build: its inode names the build."""
    try:
        stat = output.stat()
    except OSError:
        return None
    return [stat.st_ino, stat.st_mtime_ns]


def settings_key(settings: dict) -> str:
    """The settings once Pelican and the plugins have completed them (export's _config.yml…).

    OUTPUT_PATH is left out: each build writes into a new scratch folder.
    """
    kept = {name: value for name, value in settings.items() if name != "OUTPUT_PATH"}
    text = json.dumps(kept, sort_keys=True, default=lambda value: type(value).__qualname__)
    return digest(text)


def cache_folder(cache_path: Path, settings_file: Path, overrides: dict) -> Path:
    name = digest(str(settings_file.resolve()), json.dumps(overrides, sort_keys=True, default=repr))
    return cache_path / "sitebuild" / f"{settings_file.stem}-{name[:12]}"


@dataclass
class Manifest:
    code: str = ""
    content: dict = field(default_factory=dict)
    output: list | None = None
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> Manifest | None:
        try:
            data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            return cls(**data) if data.pop("format", None) == FORMAT else None
        except (OSError, ValueError, TypeError):
            return None

    def save(self, folder: Path) -> None:
        write_atomically(
            folder / "manifest.json", json.dumps({"format": FORMAT, **self.__dict__}).encode()
        )

    def matches(self, other: Manifest) -> bool:
        return (self.code, self.content, self.output) == (other.code, other.content, other.output)


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f".{path.name}.{os.getpid()}")
    scratch.write_bytes(data)
    os.replace(scratch, path)


def load_pickle(path: Path, key: str) -> dict:
    """A cache dict saved with `save_pickle` under the same key, else an empty one."""
    try:
        with path.open("rb") as handle:
            saved_key, entries = pickle.load(handle)
    except Exception:  # missing, truncated or from another version: start afresh
        return {}
    return entries if saved_key == key else {}


def save_pickle(path: Path, key: str, entries: dict) -> None:
    write_atomically(path, pickle.dumps((key, entries), protocol=pickle.HIGHEST_PROTOCOL))


# --- the spare output tree ------------------------------------------------------
# The folder a build replaces is kept as the next build's scratch folder: its page
# files whose render key is unchanged stay as they are, which spares creating a
# thousand folders and files (slow on some disks). Its record says which file
# holds which page, as the build that wrote it left it (size, mtime).
def tree_record(root: Path, pages: dict[str, str]) -> dict[str, list]:
    record = {}
    for name, key in pages.items():
        try:
            stat = (root / name).stat()
        except OSError:
            continue
        record[name] = [key, stat.st_size, stat.st_mtime_ns]
    return record


def load_trees(folder: Path) -> dict:
    try:
        data = json.loads((folder / "trees.json").read_text(encoding="utf-8"))
        return data if data.pop("format", None) == FORMAT else {}
    except (OSError, ValueError):
        return {}


def save_trees(folder: Path, trees: dict) -> None:
    write_atomically(folder / "trees.json", json.dumps({"format": FORMAT, **trees}).encode())


def prepare_spare(spare: Path, record: dict[str, list]) -> dict[str, str]:
    """Keep the page files the record vouches for; delete every other file.

    Returns {output name: render key} of the pages kept. Files other than pages
    (uploads, feeds, redirects, assets) are all written again by the build.
    """
    reusable = {}
    for path in tree_files(spare):
        name = path.relative_to(spare).as_posix()
        entry = record.get(name)
        try:
            stat = path.stat()
            if entry and [stat.st_size, stat.st_mtime_ns] == entry[1:]:
                reusable[name] = entry[0]
            else:
                path.unlink()
        except OSError:
            continue
    return reusable


def remove_pages(root: Path, names) -> None:
    """Delete page files no longer built, and the folders they leave empty."""
    for name in names:
        path = root / name
        path.unlink(missing_ok=True)
        folder = path.parent
        while folder != root:
            try:
                folder.rmdir()
            except OSError:  # not empty
                break
            folder = folder.parent
