"""Database engine, schema metadata and the per-request session.

SQLite is tuned for a small office server: WAL so readers never wait for the writer, a
busy timeout so writers queue instead of failing, foreign keys enforced, and write
transactions opened with ``BEGIN IMMEDIATE`` so a read-then-write request takes the
write lock up front instead of failing half-way when another writer got there first.
"""

import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlmodel import Session, SQLModel

import app.models  # noqa: F401  (registers every table on the metadata)
from app.errors import DatabaseBusy

metadata: MetaData = SQLModel.metadata

# Execution option that marks a connection whose transaction will write.
WRITE_OPTION = "jobmatch_write"
# Connections per process. The app admits no more requests at once than this, so no
# request ever waits for a connection while holding a worker thread.
POOL_SIZE = 20


@dataclass(frozen=True, slots=True)
class _WriterQueue:
    """Writers of this process wait here in turn, not in SQLite's busy handler."""

    lock: threading.Lock
    timeout_s: float


_sqlite_writers: "weakref.WeakKeyDictionary[Engine, _WriterQueue]" = (
    weakref.WeakKeyDictionary()
)


def create_db_engine(url: str, *, busy_timeout_ms: int = 10_000) -> Engine:
    """Create an engine for ``url`` with the service's connection settings."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(
            url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=0
        )

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
        pool_size=POOL_SIZE,
        max_overflow=0,
    )
    _configure_sqlite(engine, busy_timeout_ms)
    _sqlite_writers[engine] = _WriterQueue(threading.Lock(), busy_timeout_ms / 1000)
    return engine


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def open_session(engine: Engine, *, write: bool = False) -> Session:
    """Open a session; ``write=True`` takes SQLite's write lock when it begins."""
    session = Session(engine, expire_on_commit=False)
    if write:
        session.connection(execution_options={WRITE_OPTION: True})
    return session


def read_snapshot(session: Session) -> None:
    """End the session's transaction; what it reads next comes from one snapshot.

    A figure built from several queries must not mix moments: on PostgreSQL the next
    transaction runs at REPEATABLE READ, so hires committed meanwhile stay out of all
    of it. A SQLite read transaction is one snapshot from its first read already.
    """
    session.commit()
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


@contextmanager
def session_scope(engine: Engine, *, write: bool = False) -> Iterator[Session]:
    """Yield a session that commits on success and rolls back on any error.

    Raises ``DatabaseBusy`` when a SQLite writer waits longer than the busy timeout.
    """
    queue = _sqlite_writers.get(engine) if write else None
    if queue is not None and not queue.lock.acquire(timeout=queue.timeout_s):
        raise DatabaseBusy("The database is busy with other changes; try again")
    try:
        session = open_session(engine, write=write)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
    finally:
        if queue is not None:
            queue.lock.release()
