"""A real PostgreSQL server for the tests, started from the machine's initdb/pg_ctl.

If it cannot start, the tests that need it fail: a skipped PostgreSQL run would hide a gap.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass
class PostgresServer:
    port: int
    folder: Path
    bin_dir: Path
    as_postgres: bool

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://amends@127.0.0.1:{self.port}/{database}"

    def psql(self, sql: str) -> None:
        subprocess.run([str(self.bin_dir / "psql") if (self.bin_dir / "psql").exists() else "psql",
                        "-h", "127.0.0.1", "-p", str(self.port), "-U", "amends", "-d", "postgres",
                        "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True, capture_output=True)

    def stop(self) -> None:
        self._run(["pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop"], check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, command: list[str], check: bool = True) -> subprocess.CompletedProcess[bytes]:
        command = [str(self.bin_dir / command[0]), *command[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True)


def find_bin_dir() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    raise RuntimeError("PostgreSQL's initdb is not installed: run the setup step (./dev test) "
                       "which installs it, or apt-get install postgresql")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_postgres() -> PostgresServer:
    as_postgres = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="amends-pg-"))
    folder.chmod(0o755)
    if as_postgres:
        shutil.chown(folder, user="postgres")
    server = PostgresServer(port=free_port(), folder=folder, bin_dir=find_bin_dir(),
                            as_postgres=as_postgres)
    try:
        server._run(["initdb", "-D", str(folder / "data"), "-A", "trust", "-U", "amends",
                     "--no-sync"])
        server._run(["pg_ctl", "-D", str(folder / "data"), "-w", "-l", str(folder / "log"), "-o",
                     f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                     "-c max_connections=200", "start"])
    except subprocess.CalledProcessError as error:
        log = (folder / "log").read_text() if (folder / "log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {error.stderr.decode()} {log}") from error
    return server
