"""Reading on every core, and reading and rendering nothing twice.

`BuildSession` wraps one Pelican run:

- `SessionReaders` takes the place of Pelican's `Readers` in the generators. Before
  the generators ask for their first file, every source file the cache does not
  hold is handed to a pool of forked processes (forked after the plugins are
  registered, so each reads with the same readers and plugins). Each process
  runs the expensive part of Pelican's `Readers.read_file`: the reader itself,
  the empty-alt check and typogrify. The rest (metadata merging, the context
  signal, the content object) stays in the main process, in the order Pelican
  asks, so plugins that collect state see exactly what they see in a
  one-process build.
- The page plugins (`content_object_init` receivers) run where the file is read:
  the worker also makes the page and records what the plugins changed on it
  (`record_plugins`), and the read cache keeps that record. The main process applies
  it instead of running them, when the page it made is the page the record was
  made from (`page_key`: every attribute, plus every content file that is not a
  page, such as images). Only receivers marked `changes_only_the_page`
  (yaml_markdown/contents.py) are recorded; the others (they may fill tables
  elsewhere) run in the main process at every build, after the marked ones.
- The warnings a file gave while being read (in a worker or in an earlier
  build) are logged again in the main process when the generator reads it,
  each once, with its `file:line`, so `--strict` and the build log see them.
- `SessionWriter` writes a page from the render cache when its key (the page
  after every plugin ran, what its template reads of the rest of the site, code
  and settings) matches, without rendering its template.

A file that fails in a worker is read again in the main process, where its
error is raised and reported exactly as in a one-process build.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import multiprocessing
import os
import pickle
import weakref
from pathlib import Path
from types import SimpleNamespace

import pelican.contents
import pelican.generators
from blinker import ANY
from blinker._utilities import make_id
from pelican import signals
from pelican.contents import Article, Content, Page, Static
from pelican.readers import Readers, _filter_discardable_metadata, find_empty_alt
from pelican.urlwrappers import URLWrapper
from pelican.utils import file_suffix, posixize_path
from pelican.writers import Writer

from sitetools import build_cache
from sitetools.diagnostics import BuildLog

logger = logging.getLogger(__name__)

# Below this many files to read, forking a pool costs more than it saves.
POOL_THRESHOLD = 16
SESSION: BuildSession | None = None  # the build in progress (one per process at a time)
GENERATION = "\0generation"  # the render cache's build counter (no output name has a NUL)
UNCACHEABLE = "\0logged while rendering"  # a render key no page ever has


def typogrify_filter(settings: dict):
    """Pelican's typogrify call (readers.py, Pelican 4.12), the same settings and fallbacks."""
    import smartypants  # noqa: PLC0415
    from typogrify.filters import typogrify  # noqa: PLC0415

    dashes = settings["TYPOGRIFY_DASHES"]
    if dashes == "oldschool":
        smartypants.Attr.default = smartypants.Attr.set2
    elif dashes == "oldschool_inverted":
        smartypants.Attr.default = smartypants.Attr.set3
    else:
        smartypants.Attr.default = smartypants.Attr.set1
    smartypants.Attr.default |= smartypants.Attr.w
    ignore = settings["TYPOGRIFY_IGNORE_TAGS"]
    omit = dict.fromkeys(settings["TYPOGRIFY_OMIT_FILTERS"], False)

    def apply(text):
        return typogrify(text, ignore, **omit)

    return apply


LOCATOR = BuildLog(stream=open(os.devnull, "w"))  # noqa: SIM115 - places records, prints nothing


class ProblemCapture(logging.Handler):
    """Keeps the warnings and errors logged while one file is read, as printed lines' parts."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.problems: list[tuple[int, str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        location, message = LOCATOR.locate_record(record)
        self.problems.append((record.levelno, location, message))


@contextlib.contextmanager
def captured_problems():
    """The warnings and errors logged inside the block, collected on the yielded handler."""
    capture = ProblemCapture()
    root = logging.getLogger()
    root.addHandler(capture)
    try:
        yield capture
    finally:
        root.removeHandler(capture)


def replay(problems) -> None:
    # The location stays in the message, as plugins' warn_at puts it: Pelican's
    # duplicate filter compares messages, and must keep one warning per file.
    for level, location, message in problems:
        extra = {"source_location": location, "source_message": message}
        logger.log(level, "%s: %s", location, message, extra=extra)


def portable(metadata: dict) -> dict:
    """Metadata without Pelican's URL objects, which carry the whole settings when pickled."""

    def strip(value):
        if isinstance(value, URLWrapper):
            return ("__urlwrapper__", type(value), value.name)
        if isinstance(value, list) and any(isinstance(v, URLWrapper) for v in value):
            return [strip(v) for v in value]
        return value

    return {name: strip(value) for name, value in metadata.items()}


def restored(metadata: dict, settings: dict) -> dict:
    def build(value):
        if isinstance(value, tuple) and len(value) == 3 and value[0] == "__urlwrapper__":
            return value[1](value[2], settings)
        if isinstance(value, list):
            return [build(v) for v in value]
        return value

    return {name: build(value) for name, value in metadata.items()}


def read_source(readers: Readers, path: str, capture_into: list | None = None):
    """The costly part of `Readers.read_file`: (content, reader metadata, problems)."""
    reader = readers.readers[file_suffix(path)]
    with captured_problems() as capture:
        content, metadata = reader.read(path)
        metadata = _filter_discardable_metadata(metadata)
        if content:
            find_empty_alt(content, path)
        if readers.settings["TYPOGRIFY"]:
            typo = typogrify_filter(readers.settings)
            if content:
                content = typo(content)
            for name in ("title", "summary"):
                if name in metadata:
                    metadata[name] = typo(metadata[name])
    return content, portable(metadata), capture.problems


# --- page plugins: run where the file is read, their changes recorded ------------
# A record: (page key, changed attributes, changed metadata, removed metadata keys,
# problems logged). Attribute and metadata values go through `portable`.
PAGE_ONLY = "changes_only_the_page"  # see yaml_markdown/contents.py


def page_key(content, surroundings: str) -> str:
    """The page as the plugins find it: every attribute (its body too) and `surroundings`,
    the state of the content files that are not pages (images, _config.yml)."""
    return build_cache.digest(surroundings, attributes_text(content))


def record_plugins(content, receivers, key: str):
    """Run `receivers` on `content`; the record of what they changed, None if unpicklable."""
    before, metadata_before = dict(vars(content)), dict(content.metadata)
    with captured_problems() as capture:
        for receiver in receivers:
            receiver(content)
    changed = {
        name: value
        for name, value in vars(content).items()
        if name != "metadata" and (name not in before or before[name] is not value)
    }
    metadata = content.metadata
    metadata_changed = {
        name: value
        for name, value in metadata.items()
        if name not in metadata_before or metadata_before[name] is not value
    }
    removed = [name for name in metadata_before if name not in metadata]
    if any(name not in vars(content) for name in before):
        return None  # an attribute deleted: not worth recording, the plugins run again
    record = (key, portable(changed), portable(metadata_changed), removed, capture.problems)
    try:
        # A copy: a later plugin changing a list of the page in place changes no record.
        return pickle.loads(pickle.dumps(record))
    except Exception:  # a value that cannot travel between processes or builds
        return None


def apply_record(content, record) -> None:
    """What `record_plugins` recorded, done to `content`, its problems logged again."""
    _key, changed, metadata_changed, removed, problems = record
    settings = content.settings
    for name, value in restored(changed, settings).items():
        setattr(content, name, value)
    content.metadata.update(restored(metadata_changed, settings))
    for name in removed:
        content.metadata.pop(name, None)
    replay(problems)


def run_page_plugins(content) -> None:
    """The one `content_object_init` receiver while a session runs (see module docstring)."""
    session = SESSION
    receivers = session.page_plugins if session else []
    if session is None or not isinstance(content, Page | Article):
        for receiver in receivers:
            receiver(content)
        return
    portable_ones = [r for r in receivers if getattr(r, PAGE_ONLY, False)]
    key = page_key(content, session.surroundings)
    record, origin = session.pending_records.pop(content.source_path, (None, ""))
    if record is not None and record[0] == key:
        apply_record(content, record)
        session.stats[origin] += 1
    else:
        record = record_plugins(content, portable_ones, key)
    session.records[content.source_path] = record
    if session.in_worker:  # the main process runs them, for its own tables
        return
    for receiver in receivers:
        if not getattr(receiver, PAGE_ONLY, False):
            receiver(content)


def take_over_page_plugins(session) -> None:
    signal = signals.content_object_init
    session.page_plugins = [r for r in signal.receivers_for(ANY) if r is not run_page_plugins]
    # Each is connected again as it was: weakly, or (a lambda, a partial) strongly.
    session.weakly = [
        isinstance(signal.receivers.get(make_id(r)), weakref.ref) for r in session.page_plugins
    ]
    for receiver in session.page_plugins:
        signal.disconnect(receiver)
    signal.connect(run_page_plugins)


def give_back_page_plugins(session) -> None:
    signal = signals.content_object_init
    signal.disconnect(run_page_plugins)
    for receiver, weak in zip(session.page_plugins, session.weakly, strict=True):
        signal.connect(receiver, weak=weak)
    session.page_plugins, session.weakly = [], []


# --- worker processes ----------------------------------------------------------
_WORKER_READERS: Readers | None = None


def _start_worker(settings: dict) -> None:
    global _WORKER_READERS  # noqa: PLW0603 - one reader set per forked process
    root = logging.getLogger()
    for handler in list(root.handlers):  # the parent's build log must not print twice
        root.removeHandler(handler)
    root.addHandler(logging.NullHandler())
    SESSION.in_worker = True
    _WORKER_READERS = SessionReaders(settings)


def _read_in_worker(path: str):
    try:
        result = read_source(_WORKER_READERS, path)
    except Exception:  # read again in the main process, which reports it as usual
        return path, None, None
    try:
        record = page_in_worker(_WORKER_READERS, path, result)
    except Exception:  # the main process runs the page plugins itself
        record = None
    return path, result, record


def page_in_worker(readers: Readers, path: str, result):
    """Make the page as the main process will, to record what its plugins change. A
    guess (page or post, a fresh context): a wrong one gives another page key, and the
    main process then runs the plugins itself."""
    settings = readers.settings
    kind, context_signal = (
        (Article, signals.article_generator_context)
        if read_as_post(os.path.relpath(path, settings["PATH"]), settings)
        else (Page, signals.page_generator_context)
    )
    SESSION.preread[path] = result
    with captured_problems():  # the main process logs these when it reads the file
        readers.read_file(
            settings["PATH"],
            path,
            kind,
            context={},
            context_signal=context_signal,
            context_sender=SimpleNamespace(settings=settings, context={}),
        )
    return SESSION.records.pop(path, None)


class InOrder(set):
    """The files a generator reads, given to it by name. Pelican hands its generators
    a set, whose order changes with each process's hash seed: the workers could not
    read ahead in that order, and the build would not be the same at every run."""

    def __iter__(self):
        return iter(sorted(set.__iter__(self)))


def _get_files_in_order(self, paths, exclude=None, extensions=None):
    get_files = SESSION.replaced["get_files"] if SESSION else PELICAN_GET_FILES
    return InOrder(get_files(self, paths, exclude, extensions))


def read_as_post(relative: str, settings: dict) -> bool:
    return read_by(relative, settings.get("ARTICLE_PATHS", [""]), settings, "ARTICLE")


def read_by(relative: str, paths: list[str], settings: dict, kind: str) -> bool:
    """Whether a generator reading `paths` minus its {kind}_EXCLUDES reads `relative`."""
    parts = Path(relative).parts
    folders = {"/".join(parts[:index]) for index in range(1, len(parts))}
    excludes = (e.strip("/") for e in settings.get(f"{kind}_EXCLUDES", []))
    inside = any(not p.strip("/") or p.strip("/") in folders for p in paths)
    return inside and not any(e and e in folders for e in excludes)


# --- the build session ---------------------------------------------------------
class BuildSession:
    def __init__(self, code: str, content: dict, folder: Path | None, use_cache: bool, jobs: int):
        self.code, self.content, self.folder, self.jobs = code, content, folder, jobs
        self.use_cache = use_cache
        self.settings_key = ""
        self.old_reads: dict = {}
        self.reads: dict = {}  # path: (digest, reader result); saved with its record
        self.preread: dict = {}  # in a worker: the file it has just read, for read_file
        self.page_plugins: list = []  # content_object_init receivers, taken over while running
        self.weakly: list[bool] = []  # how each of them was connected
        self.in_worker = False  # a forked reading process: unmarked receivers do not run
        self.pending_records: dict = {}  # path: (record, its stats line) for run_page_plugins
        self.records: dict = {}  # path: the page plugins' record made or applied this build
        self.surroundings = ""  # the content files that are not pages (see page_key)
        self.old_renders: dict = {}
        self.old_summaries: dict = {}  # digest of (body, length, end): Pelican's summary
        self.summaries: dict = {}
        self.renders: dict = {}  # output name: (render key, HTML, generation)
        self.generation, self.keep_all = 1, False
        self.results: dict = {}
        # Pages already in the spare output tree with their render keys (see build.py),
        # and every page this build wrote or kept, with its key.
        self.reusable: dict[str, str] = {}
        self.pages: dict[str, str] = {}
        self.pool = None
        self.iterator = None
        self.render_pool = None
        self.generators: list = []  # from all_generators_finalized: what the writer renders
        self.stats = {
            "read": 0,
            "read cached": 0,
            "read in workers": 0,
            "rendered": 0,
            "rendered in workers": 0,
            "render cached": 0,
            "kept": 0,
            "plugins cached": 0,
            "plugins in workers": 0,
        }
        self.started = False
        self.replaced: dict = {}  # Pelican's functions this session stands in for (begin)

    # The caches are keyed by the settings as the plugins completed them: loaded
    # when the first generator creates its readers.
    def start(self, settings: dict, readers: Readers) -> None:
        self.started = True
        self.settings = settings
        self.settings_key = build_cache.settings_key(settings)
        key = build_cache.digest(self.code, self.settings_key)
        if self.folder is not None and self.use_cache:
            self.old_reads = build_cache.load_pickle(self.folder / "read.pickle", key)
            self.old_renders = build_cache.load_pickle(self.folder / "render.pickle", key)
            self.old_summaries = build_cache.load_pickle(self.folder / "summary.pickle", key)
        # Each rendered page is kept for two builds: the spare tree a build writes
        # into is two builds old, so what the last build rendered may be missing
        # from it. Pages left in place need no copy here (a publish build, which
        # leaves none in place, keeps them all).
        self.generation = self.old_renders.pop(GENERATION, 0) + 1
        self.keep_all = bool(settings.get("LEAN_OUTPUT"))
        self.cache_key = key
        candidates = self.candidates(settings, readers)
        pages = {os.path.relpath(path, settings["PATH"]) for path in candidates}
        others = sorted((k, v) for k, v in self.content.items() if k not in pages)
        self.surroundings = build_cache.digest(repr(others))
        take_over_page_plugins(self)  # before the fork: the workers run the plugins too
        todo = [path for path in candidates if self.cached_entry(path) is None]
        # In the order the generators ask (see InOrder): posts, then pages, each by name.
        todo.sort(key=lambda p: not read_as_post(os.path.relpath(p, settings["PATH"]), settings))
        if self.jobs > 1 and len(todo) >= POOL_THRESHOLD:
            context = multiprocessing.get_context("fork")
            self.pool = context.Pool(self.jobs, initializer=_start_worker, initargs=(settings,))
            self.iterator = self.pool.imap_unordered(_read_in_worker, todo, chunksize=4)

    def candidates(self, settings: dict, readers: Readers) -> list[str]:
        """Source files the generators will probably ask for; a wrong guess costs only time."""
        root = Path(settings["PATH"])
        static = set(settings.get("STATIC_PATHS", []))
        pages = settings.get("PAGE_PATHS", ["pages"])
        found = []
        for relative in sorted(self.content):
            suffix = file_suffix(relative)
            if relative.split(os.sep, 1)[0] in static or suffix not in readers.readers:
                continue
            if suffix == "static":
                continue
            # Pelican adds each generator's folders to the other's excludes (_posts/ is
            # in PAGE_EXCLUDES): a file is read if either generator reads it.
            if read_as_post(relative, settings) or read_by(relative, pages, settings, "PAGE"):
                found.append(str((root / relative).resolve()))
        return found

    def file_digest(self, path: str) -> str:
        relative = os.path.relpath(path, self.settings["PATH"])
        known = self.content.get(relative)
        if known and len(known) == 1:
            return known[0]
        return build_cache.digest(Path(path).read_bytes())

    def cached_entry(self, path: str):
        entry = self.old_reads.get(path)
        if entry and entry[0] == self.file_digest(path):
            return entry
        return None

    def read(self, readers: Readers, path: str):
        """(content, reader metadata) for `path`, its problems logged here; raises as Pelican."""
        digest = self.file_digest(path)
        result, record, origin = self.preread.pop(path, None), None, ""
        entry = None if result is not None else self.cached_entry(path)
        if entry is not None:
            result, record, origin = entry[1], entry[2], "plugins cached"
            self.stats["read cached"] += 1
        elif result is None and self.iterator is not None:
            result, record = self.wait_for(path)
            origin = "plugins in workers"
            if result is not None:
                self.stats["read in workers"] += 1
        if result is None:  # read here: its warnings are logged as they happen
            result = read_source(readers, path)
            self.stats["read"] += 1
        else:
            replay(result[2])
        self.reads[path] = (digest, result)
        if record is not None:
            self.pending_records[path] = (record, origin)
        content, metadata, _problems = result
        return content, restored(metadata, readers.settings)

    def wait_for(self, path: str):
        """(reader result, page plugins' record) from the workers; (None, None): not read."""
        while path not in self.results:
            try:
                done, result, record = next(self.iterator)
            except StopIteration:
                return None, None
            self.results[done] = (result, record)
        return self.results.pop(path)

    # --- rendering ---------------------------------------------------------------
    def shared_key(self, context: dict, names: frozenset[str] | None = None) -> str:
        """What a template reading the context `names` (None: any) may show of the site."""
        views = []
        for name in sorted(context):
            if name == "OUTPUT_PATH":  # a new scratch folder at each build, in no page
                continue
            if names is not None and name not in names:
                continue
            value = context[name]
            if isinstance(value, Content):
                value = [value]
            if isinstance(value, (list, tuple)) and value and isinstance(value[0], Content):
                views.append((name, [shared_view(item) for item in value]))
            elif isinstance(value, (str, int, float, bool, type(None))):
                views.append((name, value))
        others = {k: v for k, v in self.content.items() if len(v) != 1}  # images: size, mtime
        return build_cache.digest(self.cache_key, repr(views), repr(sorted(others.items())))

    def stop_reading(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = self.iterator = None

    def finish(self, ok: bool) -> None:
        try:
            self.stop_reading()
        finally:
            if self.started:
                give_back_page_plugins(self)
        if self.render_pool is not None:
            self.render_pool.terminate()
            self.render_pool.join()
            self.render_pool = None
        if ok and self.folder is not None and self.started:
            reads = {
                path: (digest, result, self.records.get(path))
                for path, (digest, result) in self.reads.items()
            }
            build_cache.save_pickle(self.folder / "read.pickle", self.cache_key, reads)
            renders = {
                name: entry
                for name, entry in self.renders.items()
                if self.keep_all or entry[2] >= self.generation - 1
            }
            renders[GENERATION] = self.generation
            build_cache.save_pickle(self.folder / "render.pickle", self.cache_key, renders)
            build_cache.save_pickle(self.folder / "summary.pickle", self.cache_key, self.summaries)


def context_names(template) -> frozenset[str] | None:
    """The context names a template reads, with every template it extends, includes or
    imports; None when one of those is chosen at run time (then it may read any).

    A page's template shows titles and addresses of the menu's pages, not the leads
    and dates of every page: editing one page's text then re-renders that page and
    the listings, not the whole site.
    """
    from jinja2 import meta  # noqa: PLC0415

    environment, names, seen, todo = template.environment, set(), set(), [template.name]
    if reads_context_itself(environment):
        return None
    try:
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            tree = environment.parse(environment.loader.get_source(environment, name)[0])
            names |= meta.find_undeclared_variables(tree)
            for reference in meta.find_referenced_templates(tree):
                if reference is None:
                    return None
                todo.append(reference)
    except Exception:  # a template Jinja cannot read: Pelican reports it when rendering
        return None
    return frozenset(names)


def reads_context_itself(environment) -> bool:
    """Whether a filter, test or global added to Jinja's own is handed the whole
    context (`pass_context`): it may read names no template mentions."""
    from jinja2 import Environment  # noqa: PLC0415

    defaults = Environment()
    for kind in ("filters", "tests", "globals"):
        for name, function in getattr(environment, kind).items():
            if getattr(defaults, kind).get(name) is function:
                continue  # Jinja's own map/select pass the context on, to call filters
            if getattr(getattr(function, "jinja_pass_arg", None), "name", "") == "context":
                return True
    return False


def shared_view(content) -> tuple:
    if isinstance(content, Static):  # an upload: where it is and its address
        return (content.source_path, content.url)
    return tuple(safe_str(content, name) for name in build_cache.SHARED_FIELDS)


def safe_str(content, name: str) -> str:
    try:
        return str(getattr(content, name, None))
    except Exception as error:  # a field the object cannot compute: its error is its view
        return f"<{type(error).__name__}>"


def attributes_text(content) -> str:
    """Every attribute of a page but the shared ones (context, settings, memo), as text;
    an unstable repr only costs a cache miss."""
    items = sorted(
        (name, repr(value))
        for name, value in vars(content).items()
        if name not in ("_context", "settings", "_cache")
    )
    return repr(items)


def page_state(content) -> str:
    """Everything plugins left on a page."""
    return build_cache.digest(attributes_text(content), content.content or "")


class SessionReaders(Readers):
    """Pelican's Readers, reading through the current BuildSession (see module docstring)."""

    def __init__(self, settings=None, cache_name=""):
        super().__init__(settings, cache_name)
        if SESSION is not None and not SESSION.started:
            SESSION.start(self.settings, self)

    def read_file(self, base_path, path, content_class=None, fmt=None, context=None, **signals_kw):
        from pelican.contents import Page, SkipStub  # noqa: PLC0415
        from pelican.readers import default_metadata, parse_path_metadata, path_metadata  # noqa: PLC0415
        from pelican.utils import posixize_path  # noqa: PLC0415

        content_class = content_class or Page
        full = os.path.abspath(os.path.join(base_path, path))
        suffix = fmt or file_suffix(full)
        if SESSION is None or fmt is not None or suffix not in self.readers or suffix == "static":
            return super().read_file(base_path, path, content_class, fmt, context, **signals_kw)
        # Pelican 4.12's read_file, with the reader, empty-alt check and typogrify
        # taken from the session (cache or worker) instead of done here.
        source_path = posixize_path(os.path.relpath(full, base_path))
        preread_signal = signals_kw.get("preread_signal")
        if preread_signal:
            preread_signal.send(signals_kw.get("preread_sender"))
        reader = self.readers[suffix]
        metadata = _filter_discardable_metadata(
            default_metadata(settings=self.settings, process=reader.process_metadata)
        )
        metadata.update(
            path_metadata(full_path=full, source_path=source_path, settings=self.settings)
        )
        metadata.update(
            _filter_discardable_metadata(
                parse_path_metadata(
                    source_path=source_path, settings=self.settings, process=reader.process_metadata
                )
            )
        )
        metadata["reader"] = reader.__class__.__name__.replace("Reader", "").lower()
        content, reader_metadata = SESSION.read(self, full)
        metadata.update(reader_metadata)
        if self.settings["TYPOGRIFY"]:  # titles and summaries the reader did not give
            typo = typogrify_filter(self.settings)
            for name in ("title", "summary"):
                if name in metadata and name not in reader_metadata:
                    metadata[name] = typo(metadata[name])
        context_signal = signals_kw.get("context_signal")
        if context_signal:
            context_signal.send(signals_kw.get("context_sender"), metadata=metadata)
        if metadata.get("status") == "skip":
            content_class = SkipStub
        return content_class(
            content=content,
            metadata=metadata,
            settings=self.settings,
            source_path=full,
            context=context,
        )


class RecordingTemplate:
    """A template whose last rendered text is kept for the render cache, with the
    warnings and errors logged while it rendered."""

    def __init__(self, template) -> None:
        self.template, self.output, self.problems = template, None, []

    def render(self, *args, **kwargs):
        with captured_problems() as capture:
            self.output = self.template.render(*args, **kwargs)
        self.problems = capture.problems
        return self.output

    def __getattr__(self, name):
        return getattr(self.template, name)


# Sent between the plan of pages to render and the writing of a page (Pelican 4.12).
WRITE_SIGNALS = (
    signals.article_generator_write_article,
    signals.page_generator_write_page,
    signals.article_writer_finalized,
)

# Keyword arguments the generators pass with one page or post (Pelican 4.12):
# pages, posts (+ category, blog) and drafts (+ all_articles).
CONTENT_KWARGS = {"page", "article", "category", "blog", "all_articles"}


def kwargs_key(kwargs: dict) -> str:
    parts = []
    for name in sorted(kwargs):
        value = kwargs[name]
        if isinstance(value, Content):
            continue  # the page itself: page_state
        if isinstance(value, list):
            value = [shared_view(item) for item in value]
        parts.append((name, repr(value)))
    return repr(parts)


def local_context(context: dict, name: str, relative_urls: bool, kwargs: dict) -> dict:
    """Pelican's `_get_localcontext` (writers.py, Pelican 4.12)."""
    from pelican.utils import get_relative_path, path_to_url  # noqa: PLC0415

    localcontext = context.copy()
    localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
    if relative_urls:
        relative_url = path_to_url(get_relative_path(name))
        localcontext["SITEURL"] = relative_url
        localcontext["localsiteurl"] = relative_url
    localcontext["output_file"] = name
    localcontext.update(kwargs)
    return localcontext


def plan_renders(generators) -> list[tuple[str, object, dict]]:
    """(output name, template, keyword arguments) of every page and post, as the
    generators' `generate_output` will ask the writer for them (Pelican 4.12)."""
    from itertools import chain  # noqa: PLC0415

    from pelican.generators import ArticlesGenerator, PagesGenerator  # noqa: PLC0415

    plan = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            for article in chain(
                generator.translations,
                generator.articles,
                generator.hidden_translations,
                generator.hidden_articles,
            ):
                kwargs = {"article": article, "category": getattr(article, "category", None)}
                plan.append((article.save_as, generator.get_template(article.template), kwargs))
            for draft in chain(generator.drafts_translations, generator.drafts):
                kwargs = {"article": draft, "category": draft.category}
                kwargs["all_articles"] = generator.articles
                plan.append((draft.save_as, generator.get_template(draft.template), kwargs))
        elif isinstance(generator, PagesGenerator):
            for page in chain(
                generator.translations,
                generator.pages,
                generator.hidden_translations,
                generator.hidden_pages,
                generator.draft_translations,
                generator.draft_pages,
            ):
                plan.append((page.save_as, generator.get_template(page.template), {"page": page}))
    for _name, _template, kwargs in plan:
        if "article" in kwargs:
            kwargs["blog"] = True
    return plan


_RENDER_PLAN: list = []  # (name, template, local context) for the forked render processes


def _render_in_worker(indices: list[int]):
    """(name, HTML) of each planned page; HTML None: the main process renders it again,
    where what goes wrong or logs a warning is reported as in a one-process build."""
    rendered = []
    for index in indices:
        name, template, localcontext = _RENDER_PLAN[index]
        with captured_problems() as capture:
            try:
                html = template.render(localcontext)
            except Exception:
                html = None
        rendered.append((name, None if capture.problems else html))
    return rendered


def _start_render_worker() -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(logging.NullHandler())


class SessionWriter(Writer):
    """Pelican's Writer: a page whose render key matches is not rendered again, and
    the pages to render are rendered on every core before Pelican asks for them."""

    def render_key(self, name, template, relative_urls, kwargs, context, *, remember=False) -> str:
        """`remember`: keep the page's state for the next call (planning, then writing:
        the page does not change in between)."""
        shared = self.__dict__.setdefault("_shared_keys", {})
        if template.name not in shared:
            shared[template.name] = SESSION.shared_key(context, context_names(template))
        content = kwargs.get("page") or kwargs.get("article")
        states = self.__dict__.setdefault("_states", {})
        state = states.pop(id(content), None) or page_state(content)
        if remember:
            states[id(content)] = state
        return build_cache.digest(
            name,
            template.name or "",
            str(relative_urls),
            shared[template.name],
            kwargs_key(kwargs),
            state,
        )

    def write_file(self, name, template, context, relative_urls=False, paginated=None,  # noqa: PLR0917 - Pelican's signature
                   template_name=None, override_output=False, url=None, **kwargs):  # fmt: skip
        session = SESSION
        content = kwargs.get("page") or kwargs.get("article")
        if (
            session is None
            or not name
            or paginated
            or not isinstance(content, Content)
            or not set(kwargs) <= CONTENT_KWARGS
        ):
            return super().write_file(
                name, template, context, relative_urls, paginated, template_name,
                override_output, url, **kwargs,
            )  # fmt: skip
        if not hasattr(self, "_planned"):
            self._planned = self.start_renders(context, relative_urls)
        key = self.render_key(name, template, relative_urls, kwargs, context)
        session.pages[name] = key
        cached = session.old_renders.get(name)
        if cached and cached[0] == key:
            session.renders[name] = cached
        if session.reusable.get(name) == key:  # the spare tree holds this very page
            session.stats["kept"] += 1
            self.write_cached(
                name,
                None,
                context,
                relative_urls=relative_urls,
                override=override_output,
                kwargs=kwargs,
            )
            return None
        if cached and cached[0] == key:
            session.stats["render cached"] += 1
            self.write_cached(
                name,
                cached[1],
                context,
                relative_urls=relative_urls,
                override=override_output,
                kwargs=kwargs,
            )
            return None
        html = self.rendered(name) if name in self._planned else None
        if html is not None:
            session.stats["rendered in workers"] += 1
            session.renders[name] = (key, html, session.generation)
            self.write_cached(
                name,
                html,
                context,
                relative_urls=relative_urls,
                override=override_output,
                kwargs=kwargs,
            )
            return None
        recording = RecordingTemplate(template)
        result = super().write_file(
            name, recording, context, relative_urls, paginated, template_name,
            override_output, url, **kwargs,
        )  # fmt: skip
        session.stats["rendered"] += 1
        if recording.problems:  # never from a cache: its warnings are printed at each build
            session.pages[name] = UNCACHEABLE
        elif recording.output is not None:
            session.renders[name] = (key, recording.output, session.generation)
        return result

    def start_renders(self, context: dict, relative_urls: bool) -> set[str]:
        """Fork processes that render every page the caches do not hold; their names."""
        global _RENDER_PLAN  # noqa: PLW0603 - read by the forked processes
        session = SESSION
        session.stop_reading()
        if session.jobs < 2 or relative_urls or not session.generators:
            return set()
        try:
            plan = plan_renders(session.generators)
        except Exception:  # a missing template: Pelican reports it when it gets there
            return set()
        # A page stays as planned until it is written, unless a plugin may change it
        # on its way to the writer: then each page's state is read again there.
        steady = not any(signal.receivers for signal in WRITE_SIGNALS)
        todo = []
        for name, template, kwargs in plan:
            key = self.render_key(name, template, relative_urls, kwargs, context, remember=steady)
            cached = session.old_renders.get(name)
            if session.reusable.get(name) == key or (cached and cached[0] == key):
                continue
            todo.append((name, template, local_context(context, name, relative_urls, kwargs)))
        if len(todo) < POOL_THRESHOLD:
            return set()
        _RENDER_PLAN = todo
        chunks = [list(range(i, min(i + 16, len(todo)))) for i in range(0, len(todo), 16)]
        pool = multiprocessing.get_context("fork").Pool(
            session.jobs, initializer=_start_render_worker
        )
        session.render_pool = pool
        self._results: dict[str, str | None] = {}
        self._render_iterator = pool.imap_unordered(_render_in_worker, chunks)
        return {name for name, _template, _context in todo}

    def rendered(self, name: str) -> str | None:
        while name not in self._results:
            try:
                batch = next(self._render_iterator)
            except StopIteration:
                return None
            self._results.update(batch)
        return self._results.pop(name)

    def write_cached(self, name, html, context, *, relative_urls, override, kwargs) -> None:
        """What Pelican's `_write_file` does after rendering (writers.py, Pelican 4.12);
        `html` None: the file is already there."""
        from pelican.utils import sanitised_join  # noqa: PLC0415

        localcontext = local_context(context, name, relative_urls, kwargs)
        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]
        path = sanitised_join(self.output_path, name)
        if html is not None:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with self._open_w(path, "utf-8", override=override) as handle:
                handle.write(html)
        signals.content_written.send(path, context=localcontext)


def _session_writer(pelican_object):
    return SessionWriter


def _keep_generators(generators) -> None:
    if SESSION is not None:
        SESSION.generators = list(generators)


# --- single-core savings ------------------------------------------------------------
@functools.lru_cache(maxsize=65536)
def relative_source_path(cwd: str, root: str, source_path: str) -> str:
    """Pelican's `Content.get_relative_source_path`, computed once per file."""
    del cwd  # part of the key only: abspath() reads the working directory
    return posixize_path(
        os.path.relpath(os.path.abspath(os.path.join(root, source_path)), os.path.abspath(root))
    )


def _relative_source_path(self, source_path: str | None = None) -> str | None:
    # Pelican recomputes it (two abspath, one relpath) at every `url` and `save_as`
    # read, a dozen times a page: a fifth of the main process's time per page.
    source_path = source_path or self.source_path
    if source_path is None:
        return None
    return relative_source_path(os.getcwd(), self.settings["PATH"], source_path)


def _compiled_templates_cache(generator) -> None:
    """Templates compiled once, not at every build (Jinja's own bytecode cache, keyed by
    each template's source: an edited template compiles again)."""
    from jinja2 import FileSystemBytecodeCache  # noqa: PLC0415

    if SESSION is None or SESSION.folder is None or not SESSION.use_cache:
        return
    if not hasattr(generator, "env"):
        return
    folder = SESSION.folder / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    generator.env.bytecode_cache = FileSystemBytecodeCache(str(folder))


def _truncate_html_words(s: str, num: int, end_text: str = "…") -> str:
    """Pelican's summary of a body without one (its first words), kept between builds.

    A pure function of its arguments, computed with an HTML parser: a third of a
    millisecond a post, for every post at every build, since every page's render
    key holds what the site shows of the posts, their summaries too.
    """
    if SESSION is None:
        return PELICAN_TRUNCATE(s, num, end_text)
    pelican_truncate = SESSION.replaced["truncate_html_words"]
    key = build_cache.digest(s, str(num), str(end_text))
    summary = SESSION.old_summaries.get(key)
    if summary is None:
        summary = pelican_truncate(s, num, end_text)
    SESSION.summaries[key] = summary
    return summary


PELICAN_TRUNCATE = pelican.contents.truncate_html_words
PELICAN_GET_FILES = pelican.generators.Generator.get_files


def patches() -> list[tuple[object, str, object]]:
    """(owner, name, stand-in) of each Pelican function a build session replaces."""
    return [
        (pelican.generators, "Readers", SessionReaders),
        (Content, "get_relative_source_path", _relative_source_path),
        (pelican.contents, "truncate_html_words", _truncate_html_words),
        (pelican.generators.Generator, "get_files", _get_files_in_order),
    ]


def begin(session: BuildSession) -> None:
    """Route the next Pelican run through `session`."""

    global SESSION  # noqa: PLW0603 - Pelican creates readers and writers itself
    SESSION = session
    # What is in place now is put back at the end (a test's own stand-in, too).
    session.replaced = {name: getattr(owner, name) for owner, name, _new in patches()}
    for owner, name, new in patches():
        setattr(owner, name, new)
    signals.get_writer.connect(_session_writer)
    signals.all_generators_finalized.connect(_keep_generators)
    signals.generator_init.connect(_compiled_templates_cache)


def end(ok: bool) -> None:
    global SESSION
    session, SESSION = SESSION, None
    for owner, name, _new in patches():
        if session is not None and name in session.replaced:
            setattr(owner, name, session.replaced[name])
    signals.get_writer.disconnect(_session_writer)
    signals.all_generators_finalized.disconnect(_keep_generators)
    signals.generator_init.disconnect(_compiled_templates_cache)
    if session is not None:
        session.finish(ok)
