"""OpenSSH, FTP and git smart-HTTP servers on 127.0.0.1 for the deploy tests."""

from __future__ import annotations

import base64
import contextlib
import getpass
import os
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from conftest import free_port, wait_for_port


@contextlib.contextmanager
def ssh_server(work: Path) -> Iterator[dict]:
    """sshd with a host key and a client key made here; yields the target settings."""
    work.mkdir(parents=True, exist_ok=True)
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation folder
    for name in ("host", "client"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(work / name)], check=True
        )
    (work / "authorized_keys").write_text((work / "client.pub").read_text())
    port = free_port()
    config = work / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {work / 'host'}\n"
        f"AuthorizedKeysFile {work / 'authorized_keys'}\nPidFile {work / 'sshd.pid'}\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
        "PermitRootLogin prohibit-password\nStrictModes no\nSubsystem sftp internal-sftp\n"
    )
    subprocess.run(["/usr/sbin/sshd", "-t", "-f", str(config)], check=True)
    process = subprocess.Popen(
        ["/usr/sbin/sshd", "-D", "-e", "-f", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for_port(port, process)
        yield {
            "host": "127.0.0.1",
            "port": port,
            "user": getpass.getuser(),
            "options": {
                "ssh_options": [
                    "-i",
                    str(work / "client"),
                    "-o",
                    "UserKnownHostsFile=/dev/null",
                    "-o",
                    "StrictHostKeyChecking=no",
                    "-o",
                    "LogLevel=ERROR",
                ]
            },
        }
    finally:
        process.terminate()
        process.communicate(timeout=10)  # also closes its output pipe


@contextlib.contextmanager
def ftp_server(home: Path, user: str = "deploy", password: str = "s3cret") -> Iterator[dict]:
    """pyftpdlib, a real FTP server, serving `home` to one user."""
    from pyftpdlib.authorizers import DummyAuthorizer  # noqa: PLC0415
    from pyftpdlib.handlers import FTPHandler  # noqa: PLC0415
    from pyftpdlib.servers import FTPServer  # noqa: PLC0415

    home.mkdir(parents=True, exist_ok=True)
    authorizer = DummyAuthorizer()
    authorizer.add_user(user, password, str(home), perm="elradfmwMT")
    handler = type("Handler", (FTPHandler,), {"authorizer": authorizer, "banner": "test"})
    port = free_port()
    server = FTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.2}, daemon=True)
    thread.start()
    try:
        wait_for_port(port)
        yield {"host": "127.0.0.1", "port": port, "user": user, "password": password}
    finally:
        server.close_all()
        thread.join(5)


@contextlib.contextmanager
def git_http_server(root: Path, user: str, token: str) -> Iterator[int]:
    """git's own smart-HTTP backend (`git http-backend`) behind Basic auth, like a forge."""
    expected = "Basic " + base64.b64encode(f"{user}:{token}".encode()).decode()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            self.backend()

        def do_POST(self) -> None:
            self.backend()

        def backend(self) -> None:
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="git"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path, _, query = self.path.partition("?")
            length = int(self.headers.get("Content-Length") or 0)
            env = {
                "PATH": os.environ["PATH"],
                "GIT_PROJECT_ROOT": str(root),
                "GIT_HTTP_EXPORT_ALL": "1",
                "PATH_INFO": path,
                "QUERY_STRING": query,
                "REQUEST_METHOD": self.command,
                "CONTENT_TYPE": self.headers.get("Content-Type", ""),
                "CONTENT_LENGTH": str(length),
                "REMOTE_USER": user,
                "REMOTE_ADDR": "127.0.0.1",
            }
            if self.headers.get("Content-Encoding"):
                env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
            body = self.rfile.read(length) if length else b""
            out = subprocess.run(
                ["git", "http-backend"], input=body, env=env, capture_output=True, check=False
            ).stdout
            ends = [i for i in (out.find(b"\r\n\r\n"), out.find(b"\n\n")) if i >= 0]
            end = min(ends) if ends else len(out)
            head = out[:end]
            payload = out[end + (4 if out[end : end + 4] == b"\r\n\r\n" else 2) :]
            status, headers = 200, []
            for line in head.decode().splitlines():
                name, _, value = line.partition(":")
                if name.lower() == "status":
                    status = int(value.split()[0])
                elif name:
                    headers.append((name, value.strip()))
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    port = free_port()
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        wait_for_port(port)
        yield port
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
