"""Fresh databases and a real server process for a benchmark run.

Each context manager removes what it made, whether the run succeeds or fails: the
SQLite file's folder, the PostgreSQL database, the server process.
"""

import logging
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.cli import alembic_config

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"
# Log lines worth reporting: errors, warnings and the last line of a traceback.
_PROBLEM_LINE = re.compile(r"\b(ERROR|WARNING)\b|^[\w.]+(Error|Exception|Timeout)\b")
_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\d [\d:,]+ ")
STARTUP_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 15.0


@contextmanager
def sqlite_database() -> Iterator[str]:
    """Yield the URL of a new SQLite file in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="jobmatch-bench-") as folder:
        yield f"sqlite:///{Path(folder) / 'jobmatch.db'}"


@contextmanager
def fresh_database(kind: str, pg_admin_url: str) -> Iterator[str]:
    """Yield the URL of a new, empty database of ``kind`` (``sqlite`` or
    ``postgresql`` on the server of ``pg_admin_url``); remove it afterwards."""
    if kind == "sqlite":
        with sqlite_database() as url:
            yield url
    else:
        with postgresql_database(pg_admin_url) as url:
            yield url


def migrate(url: str) -> None:
    """Build the schema of the database at ``url`` with the migrations."""
    config = alembic_config(url)
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


@contextmanager
def postgresql_database(admin_url: str) -> Iterator[str]:
    """Create a new database on the server of ``admin_url``; drop it afterwards."""
    name = f"jobmatch_bench_{secrets.token_hex(4)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = make_url(admin_url).set(database=name)
            yield url.render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(
                    text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                )
            logger.info("dropped database %s", name)
    finally:
        admin.dispose()


def postgresql_version(admin_url: str) -> str:
    """Return the server version of ``admin_url``, as ``SHOW server_version`` says."""
    engine = create_engine(admin_url)
    try:
        with engine.connect() as connection:
            return str(connection.execute(text("SHOW server_version")).scalar_one())
    finally:
        engine.dispose()


def free_port() -> int:
    """Return a TCP port on the loopback address that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True, slots=True)
class Server:
    base_url: str
    pid: int
    log_path: Path

    def log_problems(self) -> list[str]:
        """Return the server log's errors and warnings, most frequent first.

        Each line reads ``<count> x <message>``; tracebacks are reduced to their
        final exception line, and time stamps are dropped so repeats group together.
        """
        lines = self.log_path.read_text(errors="replace").splitlines()
        problems = Counter(
            _TIMESTAMP.sub("", line) for line in lines if _PROBLEM_LINE.search(line)
        )
        return [f"{count} x {line}" for line, count in problems.most_common()]


@contextmanager
def running_server(
    database_url: str, admin_key: str, log_dir: Path
) -> Iterator[Server]:
    """Start ``jobmatch serve`` on a free port, wait for /health, stop it at the end."""
    port = free_port()
    env = os.environ | {
        "JOBMATCH_DATABASE_URL": database_url,
        "JOBMATCH_HOST": HOST,
        "JOBMATCH_PORT": str(port),
        "JOBMATCH_DEMO_DATA": "false",
        "JOBMATCH_BOOTSTRAP_ADMIN_KEY": admin_key,
        "JOBMATCH_LOG_LEVEL": "WARNING",
    }
    command = [str(Path(sys.executable).parent / "jobmatch"), "serve"]
    log_path = log_dir / f"server-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    server = Server(f"http://{HOST}:{port}", process.pid, log_path)
    try:
        _wait_until_healthy(process, server)
        yield server
    finally:
        _stop(process)


def _wait_until_healthy(process: subprocess.Popen[bytes], server: Server) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    with httpx.Client(base_url=server.base_url, trust_env=False) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                log = server.log_path.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"server exited with {process.returncode}:\n{log}")
            try:
                if client.get("/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
    raise RuntimeError(f"server not healthy after {STARTUP_TIMEOUT_S:.0f} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Ask the server to shut down gracefully, and kill it if it does not."""
    if process.poll() is not None:
        return
    # SIGTERM, not SIGINT: a shell starts background jobs with SIGINT ignored.
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        logger.warning("server did not stop in %.0f s; killing it", STOP_TIMEOUT_S)
        process.kill()
        process.wait()
