"""Deploys to real servers on 127.0.0.1: OpenSSH (rsync, SFTP), FTP, git over HTTP, a folder.

Every kind of target: a dry run connects and lists in files; an unchanged site
deploys 0 files; only what a deploy put there is deleted; a cut-off transfer
run again ends complete; no password or token is ever in a process argument
or in any output.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SEED, invoke
from deploy_servers import ftp_server, git_http_server, ssh_server
from servers import nginx, public_copy, request
from sitetools.deploy import (
    DeployError,
    Target,
    deploy,
    host_folders,
    load_targets,
    package,
    site_files,
)
from sitetools.deploy_plan import MANIFEST, RemoteState, plan_deploy
from sitetools.deploy_transports import (
    LftpTransport,
    RsyncTransport,
    Secrets,
    passes,
    ssh_command,
)

SITEURL = "https://votrecoachweb.com"
SEED_URL = "/medias-sociaux-et-community-management/"
ARTICLE = "---\ntitle: Un billet\ndate: 2024-03-02\nlayout: post\n---\nTexte du billet.\n"
KINDS = ["folder", "rsync", "sftp", "ftp", "github-pages"]


def publish_build(folder: Path, name: str) -> Path:
    from sitetools.build import build  # noqa: PLC0415

    result = build(
        ROOT / "publishconf.py",
        overrides={
            "PATH": str(folder / "content"),
            "OUTPUT_PATH": str(folder / name),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
        },
    )
    assert result.ok, result.errors
    return folder / name


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    """Two publish builds of the same content (a page, an article, a page removed later)."""
    folder = tmp_path_factory.mktemp("deploy")
    pages = folder / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / SEED.name).write_bytes(SEED.read_bytes())
    (pages / "a-retirer.md").write_text("---\ntitle: À retirer\n---\nTexte.\n", "utf-8")
    (folder / "content" / "articles").mkdir()
    (folder / "content" / "articles" / "un-billet.md").write_text(ARTICLE, "utf-8")
    first = publish_build(folder, "output")
    time.sleep(1.1)  # a build-time date would differ
    return first, publish_build(folder, "output-again")


@pytest.fixture(scope="module")
def built(builds) -> Path:
    return builds[0]


def tree(folder: Path) -> dict[str, str]:
    return {
        relpath: hashlib.sha256(path.read_bytes()).hexdigest()
        for relpath, path in site_files(folder).items()
        if relpath not in {".nojekyll", "CNAME"}
    }


def without_page(output: Path, tmp_path: Path) -> Path:
    smaller = tmp_path / "smaller"
    shutil.copytree(output, smaller)
    shutil.rmtree(smaller / "a-retirer")
    return smaller


# --- Pages and the files they need ------------------------------------------------


def page_assets(html: str, page: str) -> set[str]:
    """Site-relative paths of the files a page needs: stylesheets, scripts, images, icons."""
    soup = BeautifulSoup(html, "lxml")
    refs = [
        link.get("href")
        for link in soup.find_all("link")
        if {"stylesheet", "icon", "preload", "apple-touch-icon"} & set(link.get("rel") or [])
    ]
    refs += [tag.get("src") for tag in soup.find_all(["script", "img", "source"])]
    for tag in soup.find_all(["img", "source"]):
        refs += [part.split()[0] for part in (tag.get("srcset") or "").split(",") if part.strip()]
    found = set()
    for raw in filter(None, refs):
        ref = raw.removeprefix(SITEURL).split("#")[0].split("?")[0]
        if ref.startswith(("http:", "https:", "data:", "//")):
            continue
        base = page.rpartition("/")[0]
        found.add(ref.lstrip("/") if ref.startswith("/") else f"{base}/{ref}".lstrip("/"))
    return found


def half_site_problems(files: dict[str, str]) -> list[str]:
    """Pages present without a file they need; `files` maps path -> HTML text (or '')."""
    return [
        f"{page} needs {asset}"
        for page, text in files.items()
        if page.endswith(".html")
        for asset in sorted(page_assets(text, page))
        if asset not in files
    ]


def texts(folder: Path) -> dict[str, str]:
    return {
        relpath: path.read_text("utf-8") if path.suffix == ".html" else ""
        for relpath, path in site_files(folder).items()
    }


def older_site(built: Path, tmp_path: Path) -> Path:
    """The same site as an earlier deploy had it: another stylesheet, one more page."""
    old = tmp_path / "older"
    shutil.copytree(built, old)
    css = next((old / "theme" / "css").glob("site.*.css"))
    renamed = "site.0123456789.css"
    for path in [*old.rglob("*.html")]:
        path.write_text(path.read_text("utf-8").replace(css.name, renamed), "utf-8")
    css.rename(css.with_name(renamed))
    (old / "ancienne").mkdir()
    (old / "ancienne" / "index.html").write_text(
        f'<link rel="stylesheet" href="/theme/css/{renamed}"><p>Ancienne</p>', "utf-8"
    )
    return old


def new_site(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p: (hashlib.sha256(f.read_bytes()).hexdigest(), f.stat().st_size)
        for p, f in site_files(folder).items()
    }


def test_every_prefix_of_the_plan_leaves_every_page_with_the_files_it_needs(built, tmp_path):
    """For every k, the first k steps leave no page without a stylesheet, script or image."""
    old = older_site(built, tmp_path)
    assert half_site_problems(texts(built)) == []
    assert page_assets(texts(built)["index.html"], "index.html")  # the check sees assets
    starts = {"empty target": {}, "earlier site": texts(old)}
    for name, start in starts.items():
        remote = RemoteState(dict.fromkeys(start, None), {p: "old" for p in start})
        plan = plan_deploy(new_site(built), remote)
        assert [p for group in passes(plan) for p in group] == plan.upload
        new_texts = texts(built)
        for k in range(len(plan.steps()) + 1):
            state = dict(start)
            for verb, path in plan.steps()[:k]:
                if verb == "upload":
                    state[path] = new_texts[path]
                elif not path.endswith("/"):
                    del state[path]
            assert half_site_problems(state) == [], f"{name}, after {k} steps"
        final = {p for p in state}
        assert final == set(new_texts), name


def test_lftp_sends_in_the_order_of_the_plan(built, tmp_path, monkeypatch):
    plan = plan_deploy(new_site(built), RemoteState({}))
    scripts = []
    monkeypatch.setattr(LftpTransport, "lftp", lambda self, commands: scripts.append(commands))
    target = Target("h", "ftp", host="127.0.0.1", user="u", path="www")
    with contextlib.suppress(AttributeError):
        LftpTransport(target, Secrets(), "www", "x").apply(plan, built, "", "")
    puts = [c.split(" -o ")[1].strip('"') for c in scripts[0] if c.startswith("put ")]
    assert puts == [MANIFEST, *plan.upload, MANIFEST]


def lftp_answering(monkeypatch, returncode: int, stdout: str, stderr: str) -> None:
    def answer(self, commands):
        return subprocess.CompletedProcess(["lftp"], returncode, stdout, stderr)

    monkeypatch.setattr(LftpTransport, "lftp", answer)


def test_an_lftp_transfer_killed_by_a_signal_is_a_failed_deploy(built, monkeypatch):
    # lftp killed (out of memory, Ctrl-C): a negative status, nothing printed.
    lftp_answering(monkeypatch, -9, "", "")
    plan = plan_deploy(new_site(built), RemoteState({}))
    target = Target("hebergeur", "ftp", host="127.0.0.1", user="u", path="www")
    with pytest.raises(DeployError) as error:
        LftpTransport(target, Secrets(), "www", "x").apply(plan, built, "", "")
    assert "the transfer to hebergeur stopped (no message)" in str(error.value)


def test_an_lftp_failure_told_on_standard_output_is_shown(built, monkeypatch):
    lftp_answering(monkeypatch, 1, "put: Access failed: 553 Permission denied (a.html)\n", "")
    plan = plan_deploy(new_site(built), RemoteState({}))
    target = Target("hebergeur", "ftp", host="127.0.0.1", user="u", path="www")
    with pytest.raises(DeployError) as error:
        LftpTransport(target, Secrets(), "www", "x").apply(plan, built, "", "")
    assert "(put: Access failed: 553 Permission denied (a.html))" in str(error.value)


def test_an_rsync_pass_that_fails_stops_the_deploy(built, monkeypatch, tmp_path):
    # rsync's exit 23: some files were not sent; the deploy must not go on to deletions.
    def partial(self, *args):
        text = "rsync error: some files could not be transferred (code 23)\n"
        return subprocess.CompletedProcess(["rsync"], 23, "", text)

    monkeypatch.setattr(RsyncTransport, "rsync", partial)
    target = Target("hebergeur", "rsync", host="127.0.0.1", user="u", path="www")
    with pytest.raises(DeployError) as error:
        RsyncTransport(target, Secrets(), "www").send(built, ["index.html"], tmp_path)
    assert "(rsync error: some files could not be transferred (code 23))" in str(error.value)


@pytest.mark.parametrize(
    ("port", "with_port", "expected"),
    [
        (2222, True, "ssh -p 2222 -o BatchMode=yes -o ConnectTimeout=10"),
        (2222, False, "ssh -o BatchMode=yes -o ConnectTimeout=10"),  # lftp gives the port
        (None, True, "ssh -o BatchMode=yes -o ConnectTimeout=10"),
    ],
)
def test_the_ssh_command_names_the_port_only_when_set_and_asked_for(port, with_port, expected):
    target = Target("hebergeur", "sftp", host="127.0.0.1", user="u", port=port)
    assert ssh_command(target, with_port=with_port) == expected


def test_plan_uploads_assets_then_pages_then_indexes_and_deletes_last():
    new = {
        "index.html": ("n1", 10),
        "theme/css/site.2.css": ("n2", 10),
        "img/logo.png": ("n3", 10),
        "sitemap.xml": ("n4", 10),
        ".htaccess": ("n5", 10),
        "a/index.html.gz": ("n6", 10),
    }
    remote = RemoteState(
        {"index.html": 10, "theme/css/site.1.css": 10, "vieille/index.html": 10},
        {"index.html": "old", "theme/css/site.1.css": "old", "vieille/index.html": "old"},
    )
    plan = plan_deploy(new, remote)
    assert plan.steps() == [
        ("upload", "img/logo.png"),
        ("upload", "theme/css/site.2.css"),
        ("upload", "a/index.html.gz"),
        ("upload", "index.html"),
        ("upload", ".htaccess"),
        ("upload", "sitemap.xml"),
        ("delete", "vieille/index.html"),
        ("delete", "theme/css/site.1.css"),
        ("delete", "vieille/"),
    ]
    assert plan.changed == 8


def test_plan_keeps_what_no_deploy_put_there_and_never_touches_well_known():
    remote = RemoteState(
        {
            "index.html": 5,
            "mes-notes.txt": 3,
            ".well-known/acme-challenge/jeton": 4,
            "ancienne/index.html": 6,
            "theme/.in.site.css.": 2,
        },
        {"index.html": "a", "ancienne/index.html": "b"},
    )
    plan = plan_deploy({"index.html": ("a", 5)}, remote)
    assert plan.upload == []
    assert plan.delete == ["ancienne/index.html", "theme/.in.site.css.", "ancienne/", "theme/"]
    assert plan.kept == ["mes-notes.txt"]
    forced = plan_deploy({"index.html": ("a", 5)}, remote, force=True)
    assert "mes-notes.txt" in forced.delete
    assert not any(p.startswith(".well-known") for p in forced.delete + forced.kept)


def test_unchanged_site_plans_nothing_and_a_changed_size_is_sent_again():
    remote = RemoteState({"index.html": 5}, {"index.html": "a"})
    assert plan_deploy({"index.html": ("a", 5)}, remote).steps() == []
    assert plan_deploy({"index.html": ("a", 6)}, remote).upload == ["index.html"]
    pending = RemoteState({"index.html": 5}, {"index.html": "pending"})
    assert plan_deploy({"index.html": ("a", 5)}, pending).upload == ["index.html"]


def test_manifest_lines_read_back_the_same_and_odd_lines_are_ignored():
    from sitetools.deploy_plan import format_manifest, parse_manifest  # noqa: PLC0415

    entries = {"z/index.html": "c3", "a b/photo.jpg": "a1", "index.html": "b2"}
    text = format_manifest(entries)
    assert text == "a1  a b/photo.jpg\nb2  index.html\nc3  z/index.html\n"
    assert parse_manifest(text + "une ligne sans chemin\n\n") == entries


@pytest.mark.parametrize(
    ("relpath", "rank"),
    [
        ("img/logo.png", 0),
        ("fonts/a.woff2", 0),
        ("theme/css/site.css", 1),
        ("theme/js/menu.mjs", 1),
        ("theme/js/menu.js.br", 1),
        ("a/index.html", 2),
        ("ancien.htm", 2),
        ("a/index.html.gz", 2),
        ("feeds/all.atom.xml", 3),
        ("robots.txt", 3),
        ("_redirects", 3),
        ("_headers", 3),
        ("sitemap.xml.gz", 3),
        ("a/sitemap.xml", 0),
    ],
)
def test_upload_rank_puts_what_pages_need_first_and_what_names_pages_last(relpath, rank):
    from sitetools.deploy_plan import upload_rank  # noqa: PLC0415

    assert upload_rank(relpath) == rank


@pytest.mark.parametrize(
    ("relpath", "partial"),
    [
        ("theme/.in.site.css.", True),
        (".in.index.html.", True),
        ("theme/.in.site.css", False),
        ("a/.~tmp~/index.html", True),
        (".~tmp~/index.html", True),
        ("index.html", False),
        ("notes.~tmp~/index.html", False),  # the owner's own folder, not rsync's
    ],
)
def test_what_a_cut_off_upload_leaves_is_recognised(relpath, partial):
    from sitetools.deploy_plan import is_partial  # noqa: PLC0415

    assert is_partial(relpath) is partial


def test_site_files_leave_out_server_config_and_the_manifest(tmp_path):
    from sitetools.deploy_plan import site_files  # noqa: PLC0415

    for name in ("index.html", "_config/nginx.conf", ".deploy-manifest", "a/b/photo.jpg"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    files = site_files(tmp_path)
    assert files == {
        "a/b/photo.jpg": tmp_path / "a/b/photo.jpg",
        "index.html": tmp_path / "index.html",
    }


def test_the_manifest_marks_uploads_pending_first_and_lists_the_new_site_last():
    remote = RemoteState(
        {"index.html": 5, "old.html": 3, "a.css": 2},
        {"index.html": "a", "old.html": "o", "a.css": "c"},
    )
    plan = plan_deploy({"index.html": ("b", 5), "a.css": ("c", 2)}, remote)
    assert plan.upload == ["index.html"]
    assert plan.manifest_before == {"index.html": "pending", "old.html": "o", "a.css": "c"}
    assert plan.manifest_after == {"index.html": "b", "a.css": "c"}
    assert plan.lines() == ["upload index.html", "delete old.html"]


def test_a_file_of_unknown_size_is_trusted_to_its_manifest_entry():
    remote = RemoteState({"index.html": None, "a.css": None}, {"index.html": "a", "a.css": "x"})
    plan = plan_deploy({"index.html": ("a", 5), "a.css": ("c", 2), "b.js": ("d", 1)}, remote)
    assert plan.upload == ["a.css", "b.js"]


def test_emptied_folders_are_removed_deepest_first_and_only_when_empty():
    remote = RemoteState(
        {
            "a/b/c/index.html": 1,
            "a/b/index.html": 1,
            "a/garde.txt": 1,
            "d/e/index.html": 1,
            "d/reste/index.html": 1,
            ".well-known/x/vieux": 1,
        },
        {
            "a/b/c/index.html": "1",
            "a/b/index.html": "1",
            "d/e/index.html": "1",
            "d/reste/index.html": "1",
            ".well-known/x/vieux": "1",
        },
    )
    plan = plan_deploy({"d/reste/index.html": ("1", 1)}, remote)
    assert plan.delete == [
        "a/b/c/index.html",
        "a/b/index.html",
        "d/e/index.html",
        "a/b/c/",
        "a/b/",
        "d/e/",
    ]
    assert plan.kept == ["a/garde.txt"]
    assert plan.changed == 3
    forced = plan_deploy({"d/reste/index.html": ("1", 1)}, remote, force=True)
    assert forced.delete[-4:] == ["a/b/c/", "a/b/", "d/e/", "a/"]
    assert forced.changed == 4


def test_secrets_are_blanked_out_of_messages():
    secrets = Secrets("s3cr3t-Pa55")
    text = "open -u login,s3cr3t-Pa55 sftp://login:other@h/ https://x:tok@github.com/r"
    assert (
        secrets.redact(text) == "open -u login,*** sftp://login:***@h/ https://x:***@github.com/r"
    )


# --- Real servers --------------------------------------------------------------------


def files_while_written(root: Path) -> dict[str, str]:
    """Hash every file under root, even while a server is still writing there.

    rsync and the FTP servers create and remove temporary files and folders as
    they go; a file or folder gone between listing and reading is not there.
    """
    found = {}
    for folder, _, names in os.walk(root):  # os.walk skips a folder that vanishes
        for name in names:
            path = Path(folder, name)
            try:
                found[path.relative_to(root).as_posix()] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
            except (FileNotFoundError, IsADirectoryError):
                continue
    return found


@dataclasses.dataclass
class Remote:
    target: Target
    root: Path | None  # the web folder as the server stores it (None: a git branch)
    secret: str = ""
    bare: Path | None = None

    def files(self) -> dict[str, str]:
        if self.root is not None:
            return files_while_written(self.root)
        git = ["git", "--git-dir", str(self.bare)]
        names = subprocess.run(
            [*git, "ls-tree", "-r", "--name-only", "gh-pages"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        return {
            name: hashlib.sha256(
                subprocess.run(
                    [*git, "cat-file", "blob", f"gh-pages:{name}"], capture_output=True, check=True
                ).stdout
            ).hexdigest()
            for name in names
        }

    def site(self) -> dict[str, str]:
        return {
            p: d
            for p, d in self.files().items()
            if p not in {MANIFEST, ".nojekyll", "CNAME", "mes-notes.txt"}
            and not p.startswith(".well-known/")
        }


@contextlib.contextmanager
def remote_of(kind: str, tmp_path: Path, monkeypatch) -> Iterator[Remote]:
    """A real server of that kind on 127.0.0.1, and a target pointing at its web folder."""
    if kind == "folder":
        root = tmp_path / "cle-usb" / "site"
        root.mkdir(parents=True)
        yield Remote(Target("dossier", "folder", path=str(root)), root)
    elif kind in {"rsync", "sftp"}:
        root = tmp_path / "remote" / "www"
        root.mkdir(parents=True)
        with ssh_server(tmp_path / "ssh") as server:
            secret = "cle-SSH-inutile-42"
            monkeypatch.setenv("DEPLOY_SERVEUR_PASSWORD", secret)
            yield Remote(Target("serveur", kind, path=str(root), **server), root, secret)
    elif kind == "ftp":
        home = tmp_path / "ftp"
        (home / "www").mkdir(parents=True)
        with ftp_server(home, password="Mot-de-Passe-FTP-7") as server:
            secret = server.pop("password")
            monkeypatch.setenv("DEPLOY_HEBERGEMENT_PASSWORD", secret)
            yield Remote(Target("hebergement", "ftp", path="www", **server), home / "www", secret)
    else:
        repos = tmp_path / "forge"
        bare = repos / "site.git"
        subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
        subprocess.run(
            ["git", "--git-dir", str(bare), "config", "http.receivepack", "true"], check=True
        )
        work = tmp_path / "work"
        subprocess.run(["git", "init", "-q", str(work)], check=True)
        for key, value in (("user.name", "Test"), ("user.email", "t@example.org")):
            subprocess.run(["git", "-C", str(work), "config", key, value], check=True)
        token = "ghp_JetonSecret0123456789"
        with git_http_server(repos, "deployeur", token) as port:
            remote = f"http://deployeur:{token}@127.0.0.1:{port}/site.git"
            target = Target("github", "github-pages", remote=remote, cname="votrecoachweb.com")
            yield Remote(target, None, token, bare)


def add_to_branch(bare: Path, clone: Path, files: dict[str, str]) -> None:
    """Commit files to gh-pages from another clone, as a person on GitHub's site would."""
    subprocess.run(["git", "clone", "-q", "-b", "gh-pages", str(bare), str(clone)], check=True)
    for relpath, text in files.items():
        (clone / relpath).write_text(text, "utf-8")
    git = ["git", "-C", str(clone), "-c", "user.name=Autre", "-c", "user.email=a@example.org"]
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Notes"], check=True)
    subprocess.run([*git, "push", "-q", "origin", "gh-pages"], check=True)


def cwd_of(remote: Remote, tmp_path: Path) -> Path:
    return tmp_path / "work" if remote.bare else tmp_path


def with_its_server(*values: str):
    """A parameter set, marked `server` unless its kind is a plain folder (no server)."""
    return pytest.param(*values, marks=() if values[0] == "folder" else pytest.mark.server)


@pytest.mark.parametrize("kind", [with_its_server(kind) for kind in KINDS])
def test_deploy_lists_sends_keeps_and_changes_nothing_the_second_time(
    builds, tmp_path, monkeypatch, kind
):
    """Dry run, deploy, rebuild + deploy (0 files), removal, foreign files kept, --force."""
    built, built_again = builds
    with remote_of(kind, tmp_path, monkeypatch) as remote:
        if remote.root is not None:
            (remote.root / "mes-notes.txt").write_text("à garder")
            (remote.root / ".well-known" / "acme-challenge").mkdir(parents=True)
            (remote.root / ".well-known" / "acme-challenge" / "jeton").write_text("x")
        foreign = remote.files()
        cwd, staging = cwd_of(remote, tmp_path), tmp_path / "staging"
        extra = 2 if kind == "github-pages" else 0  # CNAME and .nojekyll

        dry = deploy(remote.target, built, staging, dry_run=True, cwd=cwd)
        assert dry.changed == len(tree(built)) + extra
        assert remote.files() == foreign  # a dry run changes nothing
        first = deploy(remote.target, built, staging, dry_run=False, cwd=cwd)
        assert first.changed == len(tree(built)) + extra
        assert remote.site() == tree(built)

        again = deploy(remote.target, built_again, staging, dry_run=False, cwd=cwd)
        assert (again.changed, again.lines()) == (0, [])

        if remote.bare is not None:  # files someone else committed to the branch
            add_to_branch(remote.bare, tmp_path / "autre", {"mes-notes.txt": "à garder"})

        smaller = without_page(built, tmp_path)
        planned = deploy(remote.target, smaller, staging, dry_run=True, cwd=cwd)
        assert "delete a-retirer/index.html" in planned.lines()
        assert "a-retirer/index.html" in remote.files()
        done = deploy(remote.target, smaller, staging, dry_run=False, cwd=cwd)
        assert remote.site() == tree(smaller)
        assert done.kept == ["mes-notes.txt"]
        assert "mes-notes.txt" in remote.files()  # kept, content unchanged:
        assert remote.files()["mes-notes.txt"] == hashlib.sha256("à garder".encode()).hexdigest()
        forced = deploy(remote.target, smaller, staging, dry_run=False, cwd=cwd, force=True)
        assert forced.lines() == ["delete mes-notes.txt"]
        assert "mes-notes.txt" not in remote.files()
        assert remote.site() == tree(smaller)
        if remote.root is not None:
            assert (remote.root / ".well-known" / "acme-challenge" / "jeton").is_file()
            assert not (remote.root / "a-retirer").exists()


FAILURES = [
    ("rsync", "port", "cannot reach 127.0.0.1:1 (ssh: connect to host 127.0.0.1 port 1: "),
    ("sftp", "port", "cannot reach 127.0.0.1:1 ("),
    ("ftp", "port", "cannot reach 127.0.0.1:1 ("),
    ("github-pages", "port", "cannot reach "),
    ("ftp", "password", "login refused for user deploy on 127.0.0.1:"),
    ("rsync", "password", "login refused for user "),
    ("github-pages", "password", "login refused for user "),
    ("ftp", "folder", "remote folder 'nulle-part' does not exist on 127.0.0.1:"),
    ("sftp", "folder", "remote folder '/nulle-part' does not exist on 127.0.0.1:"),
    ("rsync", "folder", "remote folder '/nulle-part' does not exist on 127.0.0.1:"),
    ("folder", "folder", "folder /nulle-part does not exist: plug in the drive"),
]


@pytest.mark.parametrize(("kind", "fault", "message"), [with_its_server(*f) for f in FAILURES])
def test_dry_run_connects_and_says_in_one_line_what_is_wrong(  # noqa: PLR0917
    built, tmp_path, monkeypatch, kind, fault, message
):
    with remote_of(kind, tmp_path, monkeypatch) as remote:
        target = remote.target
        if fault == "port":
            if kind == "github-pages":
                target.remote = target.remote.rsplit(":", 1)[0] + ":1/site.git"
            else:
                target.port = 1
        elif fault == "password" and kind == "rsync":
            target.options = {**target.options, "ssh_options": ["-i", "/dev/null"]}
            target.options["ssh_options"] += ["-o", "StrictHostKeyChecking=no"]
            target.options["ssh_options"] += ["-o", "UserKnownHostsFile=/dev/null"]
        elif fault == "password" and kind == "github-pages":
            target.remote = target.remote.replace(remote.secret, "mauvais-jeton")
        elif fault == "password":
            monkeypatch.setenv("DEPLOY_HEBERGEMENT_PASSWORD", "mauvais")
        else:
            target.path = "/nulle-part" if kind != "ftp" else "nulle-part"
        with pytest.raises(DeployError) as error:
            deploy(target, built, tmp_path / "st", dry_run=True, cwd=cwd_of(remote, tmp_path))
    text = str(error.value)
    print(f"{kind} {fault}: {text}")
    assert text.startswith(message)
    assert "\n" not in text
    assert text.endswith("Nothing was sent.")
    assert "again" not in text  # no "run it again": nothing was begun
    if remote.secret:
        assert remote.secret not in text


RUNNER = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from sitetools.deploy import DeployError, Target, deploy
settings = json.loads(sys.stdin.read())  # the target (a token in a URL): not an argument
try:
    report = deploy(Target(**settings), Path(sys.argv[3]), Path(sys.argv[4]),
                    dry_run=False, cwd=Path(sys.argv[5]))
except DeployError as error:
    sys.exit(f"deploy: {error}")
print("\\n".join(report.lines()))
"""


def start_deploy(target: Target, output: Path, tmp_path: Path, cwd: Path) -> subprocess.Popen:
    """A deploy in its own process (group), as `invoke deploy` runs it."""
    process = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(ROOT), "-", str(output), str(tmp_path / "st"), str(cwd)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    process.stdin.write(json.dumps(dataclasses.asdict(target)))
    process.stdin.close()
    process.stdin = None  # written and closed: communicate() has nothing more to send
    return process


def slowed(target: Target) -> Target:
    """The same target with the transfer slowed to about 8 KB/s, to act during it."""
    options = dict(target.options)
    options["lftp_settings"] = ["net:limit-rate 8000"]
    options["rsync_options"] = ["--bwlimit=8"]
    return dataclasses.replace(target, options=options)


@pytest.mark.server
@pytest.mark.parametrize("kind", ["sftp", "ftp", "github-pages"])
def test_no_password_or_token_in_any_process_argument_or_output(built, tmp_path, monkeypatch, kind):
    with remote_of(kind, tmp_path, monkeypatch) as remote:
        seen, leaks, tools = 0, [], set()
        process = start_deploy(slowed(remote.target), built, tmp_path, cwd_of(remote, tmp_path))
        while process.poll() is None:
            for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
                with contextlib.suppress(OSError):
                    args = cmdline.read_bytes().split(b"\0")
                    seen += 1
                    tools.add(Path(args[0].decode(errors="replace")).name)
                    if any(remote.secret.encode() in arg for arg in args):
                        leaks.append(args)
            time.sleep(0.005)
        output, errors = process.communicate()
        assert process.returncode == 0, errors
        assert leaks == []
        assert {"lftp"} <= tools if kind != "github-pages" else {"git"} <= tools
        assert remote.secret not in output + errors
        assert remote.site() == tree(built)


@pytest.mark.server
@pytest.mark.parametrize("kind", ["rsync", "sftp", "ftp"])
def test_a_transfer_cut_off_midway_leaves_no_half_page_and_ends_complete_when_run_again(
    built, tmp_path, monkeypatch, kind
):
    with remote_of(kind, tmp_path, monkeypatch) as remote:
        process = start_deploy(slowed(remote.target), built, tmp_path, tmp_path)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            sent = [p for p in remote.files() if p != MANIFEST]
            if any(p.endswith(".html") for p in sent):
                break
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        settled = None  # the server's side of the transfer stops a moment later
        while settled != (settled := sorted(remote.files().items())):
            time.sleep(0.3)
        cut = {p: (remote.root / p).read_text("utf-8", "replace") for p in remote.files()}
        assert 0 < len([p for p in cut if p in tree(built)]) < len(tree(built))
        assert half_site_problems(cut) == []
        deploy(remote.target, built, tmp_path / "staging", dry_run=False, cwd=tmp_path)
        assert remote.site() == tree(built)
        assert set(remote.files()) == {*tree(built), MANIFEST}  # no partial file left


def test_a_folder_copy_cut_off_midway_ends_complete_when_run_again(built, tmp_path, monkeypatch):
    import sitetools.deploy_transports as transports  # noqa: PLC0415

    root = tmp_path / "cle-usb"
    root.mkdir()
    target = Target("dossier", "folder", path=str(root))
    copy, calls = transports.copy_file, []

    def copy_then_stop(source, destination):
        calls.append(destination)
        if len(calls) > 12:
            raise KeyboardInterrupt
        copy(source, destination)

    monkeypatch.setattr(transports, "copy_file", copy_then_stop)
    with pytest.raises(KeyboardInterrupt):
        deploy(target, built, tmp_path / "st", dry_run=False, cwd=tmp_path)
    assert half_site_problems(texts(root)) == []
    monkeypatch.setattr(transports, "copy_file", copy)
    deploy(target, built, tmp_path / "st", dry_run=False, cwd=tmp_path)
    assert tree(root) == tree(built)
    assert {p.name for p in root.rglob(".in.*")} == set()  # no partial copy left


@pytest.mark.server
def test_nginx_config_reaches_the_ssh_server_and_answers_old_addresses_with_301(
    built, tmp_path, monkeypatch
):
    with remote_of("rsync", tmp_path, monkeypatch) as remote:
        config = tmp_path / "remote" / "nginx"
        config.mkdir()
        target = dataclasses.replace(remote.target, config_path=str(config))
        report = deploy(target, built, tmp_path / "st", dry_run=False, cwd=tmp_path)
        assert f"upload {config}/nginx-redirects.conf" in report.lines()
        assert not (remote.root / "_config").exists()
        again = deploy(target, built, tmp_path / "st", dry_run=False, cwd=tmp_path)
        assert again.changed == 0
    includes = [str(config / "nginx-redirects.conf"), str(config / "nginx-headers.conf")]
    with nginx(public_copy(remote.root), includes) as port:
        for old in ("/?page_id=20", "/index.php?page_id=20"):
            response = request(port, old)
            location = urlsplit(response.getheader("Location")).path
            assert (response.status, location) == (301, SEED_URL), old
        assert request(port, SEED_URL).status == 200
        assert request(port, "/").getheader("X-Content-Type-Options") == "nosniff"


def test_deploy_settings_reject_an_unknown_kind(tmp_path):
    config = tmp_path / "deploy.toml"
    config.write_text('[targets.x]\nkind = "dropbox"\n')
    with pytest.raises(DeployError, match="target 'x' has kind 'dropbox'"):
        load_targets(config)


def test_package_writes_archives_with_checksums_and_one_folder_per_host(built, tmp_path):
    tar_path, zip_path, sums = package(built, tmp_path / "dist", "site")
    manifest = dict(line.split("  ")[::-1] for line in sums.read_text().splitlines())
    assert set(manifest) == set(tree(built))
    with zipfile.ZipFile(zip_path) as archive:
        for name, digest in manifest.items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    with tarfile.open(tar_path) as archive:
        assert "SHA256SUMS" in archive.getnames()
    netlify, cloudflare = host_folders(built, tmp_path / "dist")
    assert f"/ page_id=20 {SEED_URL} 301!" in (netlify / "_redirects").read_text()
    assert "page_id" not in (cloudflare / "site" / "_redirects").read_text()
    assert '"20": "/medias-sociaux' in (cloudflare / "functions" / "index.js").read_text()
    assert not (cloudflare / "site" / "_config").exists()


@pytest.mark.browser  # `check` runs the axe-core budget in Chromium before deploying
def test_invoke_deploy_builds_checks_and_refuses_a_broken_site(project, tmp_path):
    shutil.copytree(ROOT / "scripts", project / "scripts")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    remote = tmp_path / "en-ligne"
    (project / "deploy.toml").write_text(f'[targets.dossier]\nkind = "folder"\npath = "{remote}"\n')
    run = invoke(project, "deploy", "--dry-run")
    assert run.returncode == 1
    assert f"deploy: folder {remote} does not exist: plug in the drive" in run.stderr
    remote.mkdir()
    run = invoke(project, "deploy")
    assert run.returncode == 0, run.stdout + run.stderr
    assert (remote / "medias-sociaux-et-community-management" / "index.html").is_file()
    assert run.stdout.splitlines()[-1].startswith("deploy to dossier: changed ")
    run = invoke(project, "deploy")
    assert run.stdout.splitlines()[-1] == "deploy to dossier: changed 0 file(s)"
    before = tree(remote)
    (project / "content" / "pages" / "cassee.md").write_text("---\ntitle: [\n---\n")
    run = invoke(project, "deploy")
    assert run.returncode == 1
    assert "deploy refused: the publish build failed" in run.stderr
    assert tree(remote) == before
