"""Connection settings of the embedded SQLite database."""

import threading

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from app.db import create_db_engine, open_session


def test_sqlite_runs_in_wal_mode_with_busy_timeout_and_foreign_keys(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path}/x.db", busy_timeout_ms=4321)

    with engine.connect() as connection:
        pragma = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "busy_timeout", "foreign_keys")
        }

    assert pragma == {"journal_mode": "wal", "busy_timeout": 4321, "foreign_keys": 1}
    engine.dispose()


def test_sqlite_write_sessions_take_the_lock_when_they_begin(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path}/x.db", busy_timeout_ms=0)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x INTEGER)"))

    writer = open_session(engine, write=True)
    second_writer_failed = threading.Event()

    def try_to_write() -> None:
        try:
            with open_session(engine, write=True) as other:
                other.execute(text("INSERT INTO t VALUES (2)"))
                other.commit()
        except OperationalError as exc:
            if "database is locked" in str(exc):
                second_writer_failed.set()

    thread = threading.Thread(target=try_to_write)
    thread.start()
    thread.join()
    writer.execute(text("INSERT INTO t VALUES (1)"))
    writer.commit()
    writer.close()

    assert second_writer_failed.is_set()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT x FROM t")).scalars().all() == [1]
    engine.dispose()
