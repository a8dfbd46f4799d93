#!/usr/bin/env python3
"""One-command set-up for a fresh machine (Python 3.11+ and nothing else).

    python3 dev.py serve   # make .venv, build the site, serve it with live reload
    python3 dev.py test    # make .venv, install test tools (apt/npm), run every test
    python3 dev.py TASK …  # any other invoke task, inside the virtual environment

Standard library only, because it runs before anything is installed. The
virtual environment is (re)installed only when a requirements or constraints
file changed since the last install, so a second run starts in seconds.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
LOCK_FILES = ("requirements.txt", "requirements-dev.txt", "constraints.txt")
STAMP = VENV / ".installed-requirements"
TEST_DEPS_SCRIPT = ROOT / "scripts" / "install-test-deps.sh"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def requirements_digest() -> str:
    digest = hashlib.sha256()
    for name in LOCK_FILES:
        digest.update(name.encode())
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_venv() -> None:
    """Create .venv and install the pinned dependencies, unless already done."""
    wanted = requirements_digest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print("dev.py: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("dev.py: installing pinned dependencies into .venv", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check"]
    subprocess.run(
        [*pip, "-q", "-r", "requirements-dev.txt", "-c", "constraints.txt"],
        cwd=ROOT,
        check=True,
    )
    STAMP.write_text(wanted)


def invoke(*args: str) -> int:
    """Run an invoke task in .venv; SIGINT and SIGTERM sent to dev.py go to it too.

    The task (serve, for one) stops cleanly on either signal and says so in one
    line; dev.py itself stays quiet and returns the task's exit code.
    """
    child = subprocess.Popen([str(BIN / "invoke"), *args], cwd=ROOT)

    def forward(signum: int, frame) -> None:
        if child.poll() is None:
            child.send_signal(signum)

    previous = {signum: signal.signal(signum, forward) for signum in STOP_SIGNALS}
    try:
        code = child.wait()  # retried after each forwarded signal (PEP 475)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 128 - code if code < 0 else code  # killed by signal N: the shell's 128 + N


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0
    try:
        ensure_venv()
    except subprocess.CalledProcessError as error:
        print(f"dev.py: installing dependencies failed ({error})", file=sys.stderr)
        return 1
    command, rest = argv[0], argv[1:]
    if command == "test":
        subprocess.run(["bash", str(TEST_DEPS_SCRIPT)], cwd=ROOT, check=True)
        return invoke("test", *rest)
    return invoke(command, *rest)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:  # Ctrl-C while installing: no traceback
        print("dev.py: interrupted", file=sys.stderr)
        sys.exit(130)
