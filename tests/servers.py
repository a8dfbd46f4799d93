"""Real Apache 2 and nginx (Debian's) started on 127.0.0.1 for the tests.

Each server gets a config written into a temp folder, runs in the foreground
as a child process and is stopped afterwards. The site folder must be
readable by the servers' worker user (www-data / nobody), hence `public_copy`.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from conftest import free_port

APACHE_MODULES = (
    "mpm_event",
    "authz_core",
    "unixd",
    "dir",
    "mime",
    "rewrite",
    "headers",
    "expires",
    "setenvif",
    "filter",
    "deflate",
)
MODULE_DIR = Path("/usr/lib/apache2/modules")


def public_copy(output: Path) -> Path:
    """A world-readable copy of a built site (pytest's temp folders are private)."""
    folder = Path(tempfile.mkdtemp(prefix="site-", dir="/tmp"))
    os.chmod(folder, 0o755)
    target = folder / "site"
    shutil.copytree(output, target)
    for path in [target, *target.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    return target


def wait_until_up(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text() if log.exists() else ''}")
        with contextlib.suppress(OSError):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("HEAD", "/")
            connection.getresponse()
            return
        time.sleep(0.05)
    raise TimeoutError(f"server on port {port} did not answer")


def apache_config(root: Path, work: Path, port: int) -> str:
    modules = "\n".join(
        f"LoadModule {'unixd' if m == 'unixd' else m}_module {MODULE_DIR}/mod_{m}.so"
        for m in APACHE_MODULES
        if (MODULE_DIR / f"mod_{m}.so").exists()
    )
    return f"""ServerRoot {work}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
{modules}
User www-data
Group www-data
PidFile {work}/apache.pid
ErrorLog {work}/error.log
LogLevel warn
TypesConfig /etc/mime.types
DocumentRoot {root}
DirectoryIndex index.html
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory {root}>
    AllowOverride All
    Require all granted
</Directory>
"""


def nginx_config(root: Path, work: Path, port: int, includes: list[str]) -> str:
    lines = "\n        ".join(f"include {path};" for path in includes)
    temp = "\n    ".join(
        f"{name}_temp_path {work}/{name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    brotli = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
    load = f"load_module {brotli};" if brotli.exists() else ""
    return f"""{load}
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    {temp}
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
        error_page 404 /404.html;
        {lines}
        location / {{ try_files $uri $uri/ =404; }}
    }}
}}
"""


@contextlib.contextmanager
def running(command: list[str], port: int, work: Path) -> Iterator[int]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        wait_until_up(port, process, work / "error.log")
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@contextlib.contextmanager
def apache(root: Path) -> Iterator[int]:
    work = Path(tempfile.mkdtemp(prefix="apache-"))
    port = free_port()
    config = work / "httpd.conf"
    config.write_text(apache_config(root, work, port))
    subprocess.run(["apache2", "-t", "-f", str(config)], check=True, capture_output=True)
    with running(["apache2", "-f", str(config), "-DFOREGROUND"], port, work) as ready:
        yield ready


@contextlib.contextmanager
def nginx(root: Path, includes: list[str]) -> Iterator[int]:
    work = Path(tempfile.mkdtemp(prefix="nginx-"))
    port = free_port()
    config = work / "nginx.conf"
    config.write_text(nginx_config(root, work, port, includes))
    command = ["nginx", "-c", str(config), "-p", str(work), "-g", "daemon off;"]
    subprocess.run([*command[:-2], "-t"], check=True, capture_output=True)
    with running(command, port, work) as ready:
        yield ready


def request(port: int, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    return response
