"""An OpenSSH server and an FTP server on 127.0.0.1 for the deploy tests."""

from __future__ import annotations

import contextlib
import getpass
import subprocess
import threading
from collections.abc import Iterator
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
        process.wait(timeout=10)


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
