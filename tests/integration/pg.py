"""Start a throw-away PostgreSQL server for tests, with the binaries on this machine."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for version in ("17", "16", "15", "14", "13"):
        candidate = Path(f"/usr/lib/postgresql/{version}/bin/{name}")
        if candidate.exists():
            return str(candidate)
    return None


def available() -> bool:
    """Tell whether initdb and pg_ctl can be found."""
    return bool(_binary("initdb") and _binary("pg_ctl"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def temporary_postgres():
    """Yield a SQLAlchemy URL of a fresh PostgreSQL cluster, stopped and removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="hotline-pg-"))
    data = root / "data"
    port = _free_port()
    # initdb refuses to run as root: run the server as the postgres system user then.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if prefix:
        shutil.chown(root, "postgres")
    run = lambda *args: subprocess.run(  # noqa: E731
        [*prefix, *args], check=True, capture_output=True, text=True
    )
    run(_binary("initdb"), "-D", str(data), "-A", "trust", "-U", "hotline", "--no-sync")
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(_binary("pg_ctl"), "-D", str(data), "-o", options, "-w", "-l", str(root / "log"), "start")
    try:
        run(
            _binary("createdb") or "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "hotline",
            "hotline",
        )
        yield f"postgresql+psycopg://hotline@127.0.0.1:{port}/hotline"
    finally:
        subprocess.run(
            [*prefix, _binary("pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)
