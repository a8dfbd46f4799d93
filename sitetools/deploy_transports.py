"""How each kind of target is read and changed: a folder, rsync over SSH, lftp, a git branch.

Each transport reads what the target holds (this connects and logs in, also on
a dry run) and applies a plan from sitetools.deploy_plan in its order. No
secret ever reaches a process argument or a message: lftp gets its script,
password included, on standard input; git gets a token through GIT_ASKPASS
reading the environment; every message goes through `Secrets.redact`.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .deploy_plan import MANIFEST, Plan, RemoteState, parse_manifest, upload_rank

TIMEOUT = 3600


class DeployError(Exception):
    """A deploy that cannot start or did not finish; the message says what to do."""


class Secrets:
    """The secrets of one deploy, blanked out of anything shown."""

    def __init__(self, *values: str | None):
        self.values = sorted({v for v in values if v}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for value in self.values:
            text = text.replace(value, "***")
        # Any "scheme://user:password@" left, from a tool's own message.
        return re.sub(r"(://[^/\s:@]+):[^/\s@]+@", r"\1:***@", text)


# What a tool's error output means, for an error line that fits what happened.
UNREACHABLE = re.compile(
    r"connection refused|could not resolve|name or service not known|no route to host|"
    r"network is unreachable|timed out|connection reset|temporary failure in name resolution|"
    r"max-retries exceeded|unable to connect|could not read from remote|failed to connect|"
    r"couldn't connect|connection closed|not known",
    re.IGNORECASE,
)
LOGIN = re.compile(
    r"permission denied|login failed|login incorrect|authentication failed|530 |"
    r"invalid username or password|access denied|too many authentication failures",
    re.IGNORECASE,
)
HOST_KEY = re.compile(r"host key verification failed|remote host identification", re.IGNORECASE)
MISSING = re.compile(
    r"no such file|change_dir .* failed|550 |not found|does not exist", re.IGNORECASE
)


def classify(text: str) -> str:
    for name, pattern in (
        ("hostkey", HOST_KEY),
        ("login", LOGIN),
        ("missing", MISSING),
        ("unreachable", UNREACHABLE),
    ):
        if pattern.search(text):
            return name
    return "other"


def last_line(text: str) -> str:
    """The line that says what went wrong: the first that matches a known cause."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    for pattern in (HOST_KEY, LOGIN, MISSING, UNREACHABLE):
        for line in lines:
            if pattern.search(line):
                return line
    return lines[-1] if lines else "no message"


class Transport:
    """Base: the target's settings, its secrets, and the error lines that fit."""

    kind = ""

    def __init__(self, target, secrets: Secrets):
        self.target = target
        self.secrets = secrets
        self.login = target.user

    @property
    def where(self) -> str:
        port = self.target.port or {"sftp": 22, "rsync": 22, "ftp": 21, "ftps": 21}.get(
            self.target.kind, ""
        )
        return f"{self.target.host}:{port}"

    def connect_error(self, text: str) -> DeployError:
        """One line for a failure before anything was sent, with advice that fits."""
        text = self.secrets.redact(text)
        name, user = self.target.name, self.login or "(none)"
        reason = classify(text)
        setting = "`remote`" if self.target.kind == "github-pages" else "`host` and `port`"
        if reason == "unreachable":
            message = (
                f"cannot reach {self.where} ({last_line(text)}): check {setting} of "
                f"target {name!r} in deploy.toml and the network"
            )
        elif reason == "missing" and self.target.kind == "github-pages":
            message = (
                f"no repository at {self.where} ({last_line(text)}): check `remote` of "
                f"target {name!r} in deploy.toml"
            )
        elif reason == "login":
            how = {
                "rsync": "your SSH key (`ssh-copy-id` it to the server) and `user`",
                "sftp": f"`user` and {password_variable(self.target)} (or your SSH key)",
                "github-pages": f"the token in {password_variable(self.target)} or the remote",
            }.get(self.target.kind, f"`user` and {password_variable(self.target)} (or ~/.netrc)")
            message = f"login refused for user {user} on {self.where}: check {how}"
        elif reason == "hostkey":
            message = (
                f"the SSH host key of {self.where} is unknown or changed: connect once with "
                f"`ssh {self.target.host}` to check and accept it"
            )
        elif reason == "missing":
            message = (
                f"remote folder {self.target.path!r} does not exist on {self.where}: create it "
                f"or fix `path` of target {name!r} in deploy.toml"
            )
        else:
            message = f"{self.kind} to {self.where} failed: {last_line(text)}"
        return DeployError(message + ". Nothing was sent.")

    def transfer_error(self, text: str) -> DeployError:
        text = self.secrets.redact(text)
        return DeployError(
            f"the transfer to {self.target.name} stopped ({last_line(text)}). Every file "
            "already sent is complete and nothing was deleted yet: run the same deploy "
            "again to finish"
        )

    def run(self, command: list[str], *, stdin: str | None = None, env=None):
        try:
            return subprocess.run(
                command,
                input=stdin,
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
                env=env,
                cwd=getattr(self, "cwd", None),
            )
        except FileNotFoundError:
            raise DeployError(
                f"{command[0]} is not installed (see scripts/install-test-deps.sh)"
            ) from None
        except subprocess.TimeoutExpired:
            raise self.transfer_error(f"no answer within {TIMEOUT} s") from None


def password_variable(target) -> str:
    return f"DEPLOY_{target.name.upper().replace('-', '_')}_PASSWORD"


def copy_file(source: Path, destination: Path) -> None:
    """Copy beside the destination, then rename over it: never a half-written file."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".in.{destination.name}.")
    shutil.copy2(source, partial)
    os.replace(partial, destination)


def passes(plan: Plan) -> list[list[str]]:
    """The uploads grouped by rank: each pass is complete before the next begins."""
    groups: dict[int, list[str]] = {}
    for relpath in plan.upload:
        groups.setdefault(upload_rank(relpath), []).append(relpath)
    return [groups[rank] for rank in sorted(groups)]


class FolderTransport(Transport):
    kind = "copy"

    def __init__(self, target, secrets: Secrets, root: Path):
        super().__init__(target, secrets)
        self.root = root

    def read(self) -> RemoteState:
        if not self.root.is_dir():
            raise DeployError(
                f"folder {self.root} does not exist: plug in the drive or create the folder "
                f"(or fix `path` of target {self.target.name!r} in deploy.toml). Nothing was sent."
            )
        files = {
            path.relative_to(self.root).as_posix(): path.stat().st_size
            for path in self.root.rglob("*")
            if path.is_file()
        }
        manifest = self.root / MANIFEST
        return RemoteState(
            files, parse_manifest(manifest.read_text("utf-8")) if manifest.is_file() else {}
        )

    def write_manifest(self, text: str) -> None:
        partial = self.root / f".in.{MANIFEST}."
        partial.write_text(text, "utf-8")
        os.replace(partial, self.root / MANIFEST)

    def apply(self, plan: Plan, source: Path, before: str, after: str) -> None:
        self.write_manifest(before)
        for group in passes(plan):
            for relpath in group:
                copy_file(source / relpath, self.root / relpath)
        for relpath in plan.delete:
            path = self.root / relpath
            if relpath.endswith("/"):
                if path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
            else:
                path.unlink(missing_ok=True)
        self.write_manifest(after)


def ssh_command(target, with_port: bool = True) -> str:
    """ssh that never prompts (a missing key fails at once) plus the target's own options."""
    port = f" -p {target.port}" if target.port and with_port else ""
    extra = " ".join(shlex.quote(str(o)) for o in target.options.get("ssh_options", []))
    return f"ssh{port} -o BatchMode=yes -o ConnectTimeout=10 {extra}".rstrip()


class RsyncTransport(Transport):
    """rsync over SSH: one pass per rank with --delay-updates, deletions by name at the end."""

    kind = "rsync"

    def __init__(self, target, secrets: Secrets, path: str):
        super().__init__(target, secrets)
        user = f"{target.user}@" if target.user else ""
        self.destination = f"{user}{target.host}:{path.rstrip('/') or '.'}/"

    def rsync(self, *args: str) -> subprocess.CompletedProcess:
        options = [str(o) for o in self.target.options.get("rsync_options", [])]
        return self.run(["rsync", "-e", ssh_command(self.target), *options, *args])

    def read(self) -> RemoteState:
        listing = self.rsync("-r", "--list-only", self.destination)
        if listing.returncode != 0:
            raise self.connect_error(listing.stderr or listing.stdout)
        files = {}
        for line in listing.stdout.splitlines():
            parts = line.split(None, 4)
            if len(parts) == 5 and parts[0].startswith(("-", "l")):
                files[parts[4]] = int(parts[1].replace(",", "").replace(".", ""))
        manifest = {}
        if MANIFEST in files:
            with tempfile.TemporaryDirectory() as folder:
                got = self.rsync(self.destination + MANIFEST, folder + "/")
                if got.returncode != 0:
                    raise self.connect_error(got.stderr)
                manifest = parse_manifest(Path(folder, MANIFEST).read_text("utf-8"))
        return RemoteState(files, manifest)

    def send(self, source: Path, relpaths: list[str], work: Path) -> None:
        listing = work / "files"
        listing.write_text("".join(f"{p}\n" for p in relpaths), "utf-8")
        # --delay-updates: a pass's files all appear together at its end.
        sent = self.rsync(
            "-t", "--delay-updates", f"--files-from={listing}", f"{source}/", self.destination
        )
        if sent.returncode != 0:
            raise self.transfer_error(sent.stderr or sent.stdout)

    def remove(self, relpaths: list[str], work: Path, ok: tuple | None = (0, 24)) -> None:
        """Delete by name: listed paths missing from an empty folder are deleted."""
        empty = work / "empty"
        empty.mkdir(exist_ok=True)
        listing = work / "gone"
        listing.write_text("".join(f"{p.rstrip('/')}\n" for p in relpaths), "utf-8")
        args = ["-d", "--delete-missing-args", f"--files-from={listing}"]
        done = self.rsync(*args, f"{empty}/", self.destination)
        # Exit 24 ("vanished") is how rsync reports the deletions asked for here.
        if ok is not None and done.returncode not in ok:
            raise self.transfer_error(done.stderr or done.stdout)

    def apply(self, plan: Plan, source: Path, before: str, after: str) -> None:
        with tempfile.TemporaryDirectory() as name:
            work = Path(name)
            (work / "meta").mkdir()
            (work / "meta" / MANIFEST).write_text(before, "utf-8")
            self.send(work / "meta", [MANIFEST], work)
            for group in passes(plan):
                self.send(source, group, work)
            files = [p for p in plan.delete if not p.endswith("/")]
            folders = [p for p in plan.delete if p.endswith("/")]
            if files:
                self.remove(files, work)
            (work / "meta" / MANIFEST).write_text(after, "utf-8")
            self.send(work / "meta", [MANIFEST], work)
            if folders:  # emptied folders last; one that is not empty after all just stays
                self.remove(folders, work, ok=None)


def lftp_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class LftpTransport(Transport):
    """SFTP, FTP, FTPS through lftp; the script (with the password) goes on standard input."""

    kind = "lftp"

    def __init__(self, target, secrets: Secrets, path: str, password: str | None):
        super().__init__(target, secrets)
        self.path = path or "."
        self.password = password

    def script(self, commands: list[str]) -> str:
        target = self.target
        scheme = {"sftp": "sftp", "ftp": "ftp", "ftps": "ftp"}[target.kind]
        connect = ssh_command(target, with_port=False).replace("ssh", "ssh -a -x", 1)
        connect = connect.replace("-o BatchMode=yes ", "" if self.password else "-o BatchMode=yes ")
        verify = str(target.options.get("verify_certificate", True)).lower()
        lines = [
            "set cmd:fail-exit yes",
            "set net:max-retries 1",
            "set net:reconnect-interval-base 1",
            "set net:timeout 10",
            "set xfer:use-temp-file yes",  # upload beside, then rename: no half-written file
            "set xfer:clobber yes",
            "set ftp:ssl-force " + ("true" if target.kind == "ftps" else "false"),
            "set ssl:verify-certificate " + verify,
            f"set sftp:connect-program {lftp_quote(connect)}",
            *[f"set {setting}" for setting in target.options.get("lftp_settings", [])],
        ]
        port = f" -p {target.port}" if target.port else ""
        login = ""
        if target.user:
            secret = f",{self.password}" if self.password else ""
            login = f" -u {lftp_quote(target.user + secret)}"
        lines.append(f"open{port}{login} {scheme}://{target.host}")
        return "\n".join([*lines, *commands]) + "\n"

    def lftp(self, commands: list[str]) -> subprocess.CompletedProcess:
        # "-f /dev/stdin": the script, password included, never is an argument or a file.
        return self.run(["lftp", "--norc", "-f", "/dev/stdin"], stdin=self.script(commands))

    def read(self) -> RemoteState:
        listing = self.lftp([f"cd {lftp_quote(self.path)}", "find ."])
        if listing.returncode != 0:
            raise self.connect_error(listing.stderr or listing.stdout)
        files: dict[str, int | None] = {}
        for line in listing.stdout.splitlines():
            relpath = line.strip().removeprefix("./")
            if relpath and not relpath.endswith("/"):
                files[relpath] = None
        manifest = {}
        if MANIFEST in files:
            got = self.lftp([f"cd {lftp_quote(self.path)}", f"cat {MANIFEST}"])
            if got.returncode != 0:
                raise self.connect_error(got.stderr)
            manifest = parse_manifest(got.stdout)
        return RemoteState(files, manifest)

    def apply(self, plan: Plan, source: Path, before: str, after: str) -> None:
        with tempfile.TemporaryDirectory() as name:
            work = Path(name)
            (work / "before").write_text(before, "utf-8")
            (work / "after").write_text(after, "utf-8")
            commands = [f"cd {lftp_quote(self.path)}"]
            commands.append(f"put {lftp_quote(str(work / 'before'))} -o {MANIFEST}")
            made: set[str] = set()
            for group in passes(plan):  # one pass per rank, in order
                for relpath in group:
                    folder = relpath.rpartition("/")[0]
                    if folder and folder not in made:
                        commands.append(f"mkdir -p -f {lftp_quote(folder)}")
                        made.add(folder)
                    commands.append(
                        f"put {lftp_quote(str(source / relpath))} -o {lftp_quote(relpath)}"
                    )
            files = [p for p in plan.delete if not p.endswith("/")]
            commands += [f"rm -f {lftp_quote(p)}" for p in files]
            commands.append(f"put {lftp_quote(str(work / 'after'))} -o {MANIFEST}")
            # Emptied folders last; one that is not empty after all just stays.
            folders = [p.rstrip("/") for p in plan.delete if p.endswith("/")]
            if folders:
                commands.append("set cmd:fail-exit no")
                commands += [f"rmdir {lftp_quote(p)}" for p in folders]
                commands.append("echo")  # lftp exits with its last command's status
            done = self.lftp(commands)
            if done.returncode != 0:
                raise self.transfer_error(done.stderr or done.stdout)


def split_credentials(remote: str) -> tuple[str, str | None]:
    """A git remote URL without its password (or token), and that password."""
    parts = urlsplit(remote)
    if "://" not in remote or not parts.password:
        return remote, None
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc)), parts.password


class GitPagesTransport(Transport):
    """A branch of a git remote (GitHub Pages), pushed by ghp-import in one atomic update."""

    kind = "git"

    def __init__(self, target, secrets: Secrets, cwd: Path, password: str | None):
        super().__init__(target, secrets)
        self.cwd = cwd
        self.remote, in_url = split_credentials(target.remote or "origin")
        self.login = target.user or urlsplit(self.remote).username or ""
        self.password = in_url or password
        self.commit = ""
        self.remote_files: set[str] = set()

    @property
    def where(self) -> str:
        return self.secrets.redact(self.remote)

    def env(self, work: Path) -> dict[str, str]:
        """git asks GIT_ASKPASS for the token, which reads it from the environment."""
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
        if self.password:
            askpass = work / "askpass"
            askpass.write_text('#!/bin/sh\nprintf "%s\\n" "$DEPLOY_GIT_SECRET"\n')
            askpass.chmod(0o700)
            env.update({"GIT_ASKPASS": str(askpass), "DEPLOY_GIT_SECRET": self.password})
        return env

    def git(self, work: Path, *args: str) -> subprocess.CompletedProcess:
        return self.run(["git", *args], env=self.env(work))

    def read(self) -> RemoteState:
        branch = self.target.branch
        with tempfile.TemporaryDirectory() as name:
            work = Path(name)
            heads = self.git(work, "ls-remote", "--heads", self.remote, branch)
            if heads.returncode != 0:
                raise self.connect_error(heads.stderr)
            if not heads.stdout.strip():
                return RemoteState({})
            fetched = self.git(work, "fetch", "--no-tags", "--quiet", self.remote, branch)
            if fetched.returncode != 0:
                raise self.connect_error(fetched.stderr)
        self.commit = self.run(["git", "rev-parse", "FETCH_HEAD"]).stdout.strip()
        tree = self.run(["git", "ls-tree", "-r", "-l", self.commit]).stdout
        files = {}
        for line in tree.splitlines():
            meta, _, relpath = line.partition("\t")
            size = meta.split()[-1]
            files[relpath] = int(size) if size.isdigit() else None
        manifest = {}
        if MANIFEST in files:
            blob = self.run(["git", "cat-file", "blob", f"{self.commit}:{MANIFEST}"]).stdout
            manifest = parse_manifest(blob)
        self.remote_files = set(files)
        return RemoteState(files, manifest)

    def keep(self, relpaths: list[str], staging: Path) -> None:
        """Files on the branch that no deploy put there stay in the new commit."""
        for relpath in relpaths:
            blob = subprocess.run(
                ["git", "cat-file", "blob", f"{self.commit}:{relpath}"],
                cwd=self.cwd,
                capture_output=True,
                check=True,
            )
            path = staging / relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(blob.stdout)

    def apply(self, plan: Plan, source: Path, before: str, after: str) -> None:
        site = {p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()}
        self.keep(sorted(self.remote_files - site - set(plan.delete) - {MANIFEST}), source)
        (source / MANIFEST).write_text(after, "utf-8")
        with tempfile.TemporaryDirectory() as name:
            work = Path(name)
            command = ["--no-jekyll", "--push", "--force", "--branch", self.target.branch]
            command += ["--remote", self.remote, "--message", "Deploy"]
            pushed = self.run(
                [sys.executable, "-m", "ghp_import", *command, str(source)], env=self.env(work)
            )
            if pushed.returncode != 0:
                raise self.transfer_error(pushed.stderr or pushed.stdout)
