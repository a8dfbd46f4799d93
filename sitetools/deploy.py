"""Deploy the publish build to the targets named in deploy.toml, safely.

Every kind of target goes through the same steps: the site is built with
publishconf.py and checked (a failure refuses the deploy); the target is
read, which connects and logs in (a dry run too); sitetools.deploy_plan turns
the new site, the target's files and its manifest into a plan (what to upload,
in an order that never leaves a page without the files it needs, then what to
delete: only what an earlier deploy put there); the plan is applied by the
transport of that kind (sitetools.deploy_transports). An unchanged site
changes 0 files. A transfer cut off midway exits non-zero; running the deploy
again finishes it. Credentials never live in the repository nor in any
output or process argument: the environment (DEPLOY_<TARGET>_PASSWORD,
DEPLOY_PASSWORD), ~/.netrc (read by lftp) or ~/.ssh/config and keys.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .deploy_plan import (
    MANIFEST,
    NEVER_UPLOADED,
    Plan,
    digest,
    format_manifest,
    plan_deploy,
    site_files,
)
from .deploy_transports import (
    DeployError,
    FolderTransport,
    GitPagesTransport,
    LftpTransport,
    RsyncTransport,
    Secrets,
    password_variable,
    split_credentials,
)

__all__ = ["DeployError", "Report", "Target", "deploy", "load_targets", "package", "site_files"]

KINDS = {"folder", "rsync", "sftp", "ftp", "ftps", "github-pages"}
CONFIG_KINDS = {"folder", "rsync", "sftp", "ftp", "ftps"}  # where `config_path` can go


@dataclass
class Target:
    name: str
    kind: str
    path: str = ""
    host: str = ""
    port: int | None = None
    user: str = ""
    remote: str = ""  # github-pages: git remote name or URL
    branch: str = "gh-pages"
    cname: str = ""
    config_path: str = ""  # where `_config/` (nginx includes) goes, outside the web root
    options: dict = field(default_factory=dict)

    def password(self) -> str | None:
        return os.environ.get(password_variable(self)) or os.environ.get("DEPLOY_PASSWORD")


@dataclass
class Report:
    """What a deploy changed (or, dry run, would change), per destination."""

    plans: list[tuple[str, Plan]]

    @property
    def changed(self) -> int:
        return sum(plan.changed for _, plan in self.plans)

    @property
    def kept(self) -> list[str]:
        return [f"{label}{p}" for label, plan in self.plans for p in plan.kept]

    def lines(self) -> list[str]:
        return [
            f"{verb} {label}{path}" for label, plan in self.plans for verb, path in plan.steps()
        ]


def load_targets(config: Path) -> dict[str, Target]:
    try:
        data = tomllib.loads(config.read_text("utf-8"))
    except FileNotFoundError:
        raise DeployError(f"{config}: no deploy settings file") from None
    except tomllib.TOMLDecodeError as error:
        raise DeployError(f"{config}: {error}") from None
    targets = {}
    for name, values in data.get("targets", {}).items():
        kind = values.get("kind")
        if kind not in KINDS:
            raise DeployError(
                f"{config}: target {name!r} has kind {kind!r}, not one of {sorted(KINDS)}"
            )
        if values.get("config_path") and kind not in CONFIG_KINDS:
            raise DeployError(f"{config}: target {name!r}: `config_path` needs a server target")
        known = {k: v for k, v in values.items() if k in Target.__dataclass_fields__}
        targets[name] = Target(name=name, **known)
    return targets


def secrets_of(target: Target) -> Secrets:
    return Secrets(target.password(), split_credentials(target.remote)[1])


def transport_for(target: Target, path: str, secrets: Secrets, cwd: Path):
    if target.kind == "folder":
        return FolderTransport(target, secrets, Path(path).expanduser())
    if target.kind == "rsync":
        return RsyncTransport(target, secrets, path)
    if target.kind == "github-pages":
        return GitPagesTransport(target, secrets, cwd, target.password())
    return LftpTransport(target, secrets, path, target.password())


def send(transport, source: Path, dry_run: bool, force: bool) -> Plan:
    """Read the target, plan, and (unless a dry run) apply the plan."""
    new = {
        relpath: (digest(path), path.stat().st_size) for relpath, path in site_files(source).items()
    }
    remote = transport.read()
    plan = plan_deploy(new, remote, force)
    if not dry_run and (plan.upload or plan.delete or remote.manifest != plan.manifest_after):
        transport.apply(
            plan,
            source,
            format_manifest(plan.manifest_before),
            format_manifest(plan.manifest_after),
        )
    return plan


def github_pages_source(target: Target, output: Path, staging: Path) -> Path:
    """The site plus `.nojekyll` and `CNAME`, as the branch will hold it."""
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(output, staging, ignore=shutil.ignore_patterns(NEVER_UPLOADED[0].rstrip("/")))
    (staging / MANIFEST).unlink(missing_ok=True)
    (staging / ".nojekyll").touch()
    if target.cname:
        (staging / "CNAME").write_text(target.cname + "\n")
    return staging


def deploy(
    target: Target,
    output: Path,
    staging_root: Path,
    *,
    dry_run: bool,
    cwd: Path,
    force: bool = False,
) -> Report:
    """Send `output` to `target`; report what was (or, dry run, would be) changed."""
    secrets = secrets_of(target)
    try:
        source = output
        if target.kind == "github-pages":
            source = github_pages_source(target, output, staging_root / target.name)
        plans = [
            ("", send(transport_for(target, target.path, secrets, cwd), source, dry_run, force))
        ]
        config = output / NEVER_UPLOADED[0]
        if target.config_path and config.is_dir():
            transport = transport_for(target, target.config_path, secrets, cwd)
            plans.append(
                (f"{target.config_path.rstrip('/')}/", send(transport, config, dry_run, force))
            )
    except DeployError as error:
        raise DeployError(secrets.redact(str(error))) from None
    return Report(plans)


def package(output: Path, folder: Path, name: str) -> list[Path]:
    """A dated .tar.gz and .zip of the site, each with a SHA-256 manifest inside and beside."""
    folder.mkdir(parents=True, exist_ok=True)
    files = site_files(output)
    manifest = "".join(
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {relpath}\n"
        for relpath, path in files.items()
    )
    stem = folder / f"{name}-{date.today().isoformat()}"
    with tarfile.open(f"{stem}.tar.gz", "w:gz") as archive:
        for relpath, path in files.items():
            archive.add(path, arcname=relpath)
        info = tarfile.TarInfo("SHA256SUMS")
        info.size = len(manifest.encode())
        archive.addfile(info, io.BytesIO(manifest.encode()))
    with zipfile.ZipFile(f"{stem}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for relpath, path in files.items():
            archive.write(path, relpath)
        archive.writestr("SHA256SUMS", manifest)
    sums = Path(f"{stem}.SHA256SUMS")
    sums.write_text(manifest)
    return [Path(f"{stem}.tar.gz"), Path(f"{stem}.zip"), sums]


def host_folders(output: Path, folder: Path) -> list[Path]:
    """One folder per static host, with only the rules that host accepts.

    `netlify/`: the site with Netlify's full `_redirects` (query rules too).
    `cloudflare-pages/`: `site/` and the Pages Function in `functions/`, for
    `npx wrangler pages deploy site` run inside it.
    """
    files = site_files(output)
    config = output / NEVER_UPLOADED[0]
    netlify = folder / "netlify"
    cloudflare = folder / "cloudflare-pages"
    for destination in (netlify, cloudflare):
        shutil.rmtree(destination, ignore_errors=True)
    for relpath, path in files.items():
        for root in (netlify, cloudflare / "site"):
            (root / relpath).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, root / relpath)
    if (config / "netlify" / "_redirects").is_file():
        shutil.copy2(config / "netlify" / "_redirects", netlify / "_redirects")
    if (config / "cloudflare-pages" / "functions").is_dir():
        shutil.copytree(
            config / "cloudflare-pages" / "functions",
            cloudflare / "functions",
            ignore=shutil.ignore_patterns("*.gz", "*.br"),  # precompressed copies: not code
        )
    return [netlify, cloudflare]
