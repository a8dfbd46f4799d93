"""Deploy the publish build to the targets named in deploy.toml, safely.

Every kind of target goes through the same steps: the site is built with
publishconf.py and checked (a failure refuses the deploy), then copied into a
local staging folder per target (`.deploy/<name>/`) where unchanged files keep
their old modification time, and only then sent: rsync compares checksums,
lftp compares size and time, so an unchanged site uploads nothing. A transfer
cut off midway exits non-zero and says so; running the deploy again finishes it.
Credentials never live in the repository: the environment (DEPLOY_PASSWORD,
DEPLOY_<TARGET>_PASSWORD), ~/.netrc (read by lftp) or ~/.ssh/config and keys.
"""

from __future__ import annotations

import filecmp
import hashlib
import io
import os
import shlex
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

KINDS = {"folder", "rsync", "sftp", "ftp", "ftps", "github-pages"}
# Server-side configuration that no static host should publish as files.
NEVER_UPLOADED = ("_config/",)


class DeployError(Exception):
    """A deploy that cannot start or did not finish; the message says what to do."""


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
    options: dict = field(default_factory=dict)

    def password(self) -> str | None:
        key = f"DEPLOY_{self.name.upper().replace('-', '_')}_PASSWORD"
        return os.environ.get(key) or os.environ.get("DEPLOY_PASSWORD")


@dataclass
class Plan:
    upload: list[str]
    delete: list[str]

    def lines(self) -> list[str]:
        return [f"upload {p}" for p in self.upload] + [f"delete {p}" for p in self.delete]


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
        known = {k: v for k, v in values.items() if k in Target.__dataclass_fields__}
        targets[name] = Target(name=name, **known)
    return targets


def site_files(folder: Path) -> dict[str, Path]:
    files = {}
    for path in sorted(folder.rglob("*")):
        relpath = path.relative_to(folder).as_posix()
        if path.is_file() and not relpath.startswith(NEVER_UPLOADED):
            files[relpath] = path
    return files


def plan_sync(source: Path, target: Path) -> Plan:
    """What copying `source` over `target` changes: new or different files, extra files."""
    new, old = site_files(source), site_files(target) if target.exists() else {}
    upload = [
        p for p, f in new.items() if p not in old or not filecmp.cmp(f, old[p], shallow=False)
    ]
    return Plan(upload, sorted(set(old) - set(new)))


def apply_sync(source: Path, target: Path, plan: Plan) -> None:
    for relpath in plan.upload:
        destination = target / relpath
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relpath, destination)
    for relpath in plan.delete:
        (target / relpath).unlink()
    for folder in sorted((p for p in target.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def stage(output: Path, staging: Path) -> Plan:
    """Mirror output into staging; unchanged files keep their old time stamps."""
    plan = plan_sync(output, staging)
    apply_sync(output, staging, plan)
    return plan


def run(command: list[str], what: str) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    except FileNotFoundError:
        raise DeployError(
            f"{command[0]} is not installed (see scripts/install-test-deps.sh)"
        ) from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise DeployError(
            f"{what} failed (exit {result.returncode}): {detail[-1] if detail else 'no message'}. "
            "Nothing was deleted that had not been replaced; run the same deploy again to finish."
        )
    return result.stdout


def ssh_command(target: Target, with_port: bool = True) -> str:
    """ssh that never prompts (a missing key fails at once) plus the target's own options."""
    port = f" -p {target.port}" if target.port and with_port else ""
    extra = " ".join(shlex.quote(str(o)) for o in target.options.get("ssh_options", []))
    return f"ssh{port} -o BatchMode=yes -o ConnectTimeout=10 {extra}".rstrip()


def rsync(target: Target, staging: Path, dry_run: bool) -> list[str]:
    destination = (
        f"{target.user + '@' if target.user else ''}{target.host}:{target.path.rstrip('/')}/"
    )
    command = [
        "rsync",
        "-rlt",
        "--checksum",
        "--delete",
        "--itemize-changes",
        "-e",
        ssh_command(target),
    ]
    command += ["--exclude", "/_config/"]
    if dry_run:
        command.append("--dry-run")
    output = run([*command, f"{staging}/", destination], f"rsync to {target.name}")
    return [line for line in output.splitlines() if line.startswith(("<f", "*deleting"))]


def lftp_script(target: Target, staging: Path, dry_run: bool) -> str:
    scheme = {"sftp": "sftp", "ftp": "ftp", "ftps": "ftp"}[target.kind]
    port = f":{target.port}" if target.port else ""
    password = target.password()
    # lftp adds "-p PORT" itself from the URL.
    connect = ssh_command(target, with_port=False).replace("ssh", "ssh -a -x", 1)
    user = (
        f"-u {shlex.quote(target.user + (',' + password if password else ''))} "
        if target.user
        else ""
    )
    settings = [
        "set net:max-retries 2",
        "set net:reconnect-interval-base 2",
        "set net:timeout 15",
        "set cmd:fail-exit yes",
        "set ftp:ssl-force " + ("true" if target.kind == "ftps" else "false"),
        "set ssl:verify-certificate " + str(target.options.get("verify_certificate", True)).lower(),
        f"set sftp:connect-program {shlex.quote(connect)}",
    ]
    mirror = [
        "mirror",
        "--reverse",
        "--delete",
        "--verbose",
        "--no-perms",
        "--exclude-glob",
        "_config/",
    ]
    if dry_run:
        mirror.append("--dry-run")
    mirror += [shlex.quote(str(staging)), shlex.quote(target.path or ".")]
    return "; ".join([*settings, f"open {user}{scheme}://{target.host}{port}", " ".join(mirror)])


def lftp(target: Target, staging: Path, dry_run: bool) -> list[str]:
    script = lftp_script(target, staging, dry_run)
    output = run(["lftp", "-c", script], f"{target.kind.upper()} upload to {target.name}")
    return [line for line in output.splitlines() if line.strip()]


def github_pages(target: Target, staging: Path, dry_run: bool, cwd: Path) -> list[str]:
    (staging / ".nojekyll").touch()
    if target.cname:
        (staging / "CNAME").write_text(target.cname + "\n")
    if dry_run:
        return [f"would push {len(site_files(staging))} files to {target.remote} {target.branch}"]
    command = ["ghp-import", "--no-jekyll", "--push", "--force", "--branch", target.branch]
    command += ["--remote", target.remote or "origin", "--message", f"Deploy {date.today()}"]
    if target.cname:
        command += ["--cname", target.cname]
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        run([sys.executable, "-m", "ghp_import", *command[1:], str(staging)], "ghp-import")
    finally:
        os.chdir(previous)
    return [f"pushed to {target.remote} {target.branch}"]


def deploy(target: Target, output: Path, staging_root: Path, dry_run: bool, cwd: Path) -> list[str]:
    """Send `output` to `target`; return what was (or, dry run, would be) changed."""
    staging = staging_root / target.name
    if target.kind == "folder":
        destination = Path(target.path).expanduser()
        plan = plan_sync(output, destination)
        if not dry_run:
            apply_sync(output, destination, plan)
        return plan.lines()
    if dry_run and not staging.exists():
        staging.mkdir(parents=True)
    stage(output, staging)
    if target.kind == "rsync":
        return rsync(target, staging, dry_run)
    if target.kind == "github-pages":
        return github_pages(target, staging, dry_run, cwd)
    return lftp(target, staging, dry_run)


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
