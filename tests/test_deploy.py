"""Deploys to real servers on 127.0.0.1: OpenSSH (rsync, SFTP), FTP, a git remote, a folder."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SEED, invoke
from deploy_servers import ftp_server, ssh_server
from sitetools.deploy import DeployError, Target, deploy, load_targets, package, site_files


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A publish build of the seed plus a second page that a test removes later."""
    from sitetools.build import build  # noqa: PLC0415

    folder = tmp_path_factory.mktemp("deploy")
    pages = folder / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / SEED.name).write_bytes(SEED.read_bytes())
    (pages / "a-retirer.md").write_text("---\ntitle: À retirer\n---\nTexte.\n", "utf-8")
    result = build(
        ROOT / "publishconf.py",
        overrides={"PATH": str(folder / "content"), "OUTPUT_PATH": str(folder / "output")},
    )
    assert result.ok, result.errors
    return folder / "output"


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


def check_round_trip(target: Target, output: Path, remote: Path, tmp_path: Path) -> None:
    """Equal after deploy; nothing on a second deploy; removals follow; neighbours untouched."""
    remote.parent.mkdir(parents=True, exist_ok=True)
    outside = remote.parent / "voisin.txt"
    outside.write_text("ne pas toucher")
    staging = tmp_path / "staging"
    first = deploy(target, output, staging, dry_run=False, cwd=tmp_path)
    assert first
    assert tree(remote) == tree(output)
    assert deploy(target, output, staging, dry_run=False, cwd=tmp_path) == []
    smaller = without_page(output, tmp_path)
    planned = deploy(target, smaller, staging, dry_run=True, cwd=tmp_path)
    assert any("a-retirer" in line for line in planned)
    assert (remote / "a-retirer" / "index.html").exists()  # a dry run changes nothing
    deploy(target, smaller, staging, dry_run=False, cwd=tmp_path)
    assert tree(remote) == tree(smaller)
    assert outside.read_text() == "ne pas toucher"


@pytest.mark.server
@pytest.mark.parametrize("kind", ["rsync", "sftp"])
def test_over_ssh(built, tmp_path, kind):
    """rsync, and SFTP through lftp, to a real OpenSSH server."""
    remote = tmp_path / "remote" / "www"
    remote.mkdir(parents=True)
    with ssh_server(tmp_path / "ssh") as server:
        target = Target("serveur", kind, path=str(remote), **server)
        check_round_trip(target, built, remote, tmp_path)


@pytest.mark.server
def test_ftp_with_lftp_and_a_wrong_password(built, tmp_path, monkeypatch):
    home = tmp_path / "remote"
    with ftp_server(home) as server:
        password = server.pop("password")
        monkeypatch.setenv("DEPLOY_FTP_PASSWORD", password)
        target = Target("ftp", "ftp", path="www", **server)
        (home / "www").mkdir()
        check_round_trip(target, built, home / "www", tmp_path)
        monkeypatch.setenv("DEPLOY_FTP_PASSWORD", "mauvais")
        with pytest.raises(
            DeployError, match=r"FTP upload to ftp failed .*run the same deploy again"
        ):
            deploy(target, built, tmp_path / "staging2", dry_run=False, cwd=tmp_path)


@pytest.mark.server
def test_unreachable_host_fails_with_a_clear_message(built, tmp_path):
    target = Target("loin", "rsync", host="127.0.0.1", port=1, path="/tmp/x")
    with pytest.raises(DeployError, match="rsync to loin failed"):
        deploy(target, built, tmp_path / "staging", dry_run=False, cwd=tmp_path)


def test_folder_target(built, tmp_path):
    remote = tmp_path / "dossier" / "site"
    target = Target("dossier", "folder", path=str(remote))
    check_round_trip(target, built, remote, tmp_path)


def test_github_pages_through_ghp_import_to_a_bare_repository(built, tmp_path):
    bare = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    work = tmp_path / "work"
    work.mkdir()
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    os.environ.update({**env, "GIT_COMMITTER_EMAIL": "t@t"})
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    target = Target("github", "github-pages", remote=str(bare), cname="votrecoachweb.com")
    deploy(target, built, tmp_path / "staging", dry_run=False, cwd=work)
    files = subprocess.run(
        ["git", "--git-dir", str(bare), "ls-tree", "-r", "--name-only", "gh-pages"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert set(files) == set(tree(built)) | {".nojekyll", "CNAME"}


def test_package_writes_archives_with_checksums(built, tmp_path):
    tar_path, zip_path, sums = package(built, tmp_path / "dist", "site")
    manifest = dict(line.split("  ")[::-1] for line in sums.read_text().splitlines())
    assert set(manifest) == set(tree(built))
    with zipfile.ZipFile(zip_path) as archive:
        for name, digest in manifest.items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    with tarfile.open(tar_path) as archive:
        assert "SHA256SUMS" in archive.getnames()


def test_deploy_settings_reject_an_unknown_kind(tmp_path):
    config = tmp_path / "deploy.toml"
    config.write_text('[targets.x]\nkind = "dropbox"\n')
    with pytest.raises(DeployError, match="target 'x' has kind 'dropbox'"):
        load_targets(config)


def test_invoke_deploy_builds_checks_and_refuses_a_broken_site(project, tmp_path):
    shutil.copytree(ROOT / "scripts", project / "scripts")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    remote = tmp_path / "en-ligne"
    (project / "deploy.toml").write_text(f'[targets.dossier]\nkind = "folder"\npath = "{remote}"\n')
    run = invoke(project, "deploy")
    assert run.returncode == 0, run.stdout + run.stderr
    assert (remote / "medias-sociaux-et-community-management" / "index.html").is_file()
    before = tree(remote)
    (project / "content" / "pages" / "cassee.md").write_text("---\ntitle: [\n---\n")
    run = invoke(project, "deploy")
    assert run.returncode == 1
    assert "deploy refused: the publish build failed" in run.stderr
    assert tree(remote) == before
