"""Connection settings, and reads that see one moment."""

import threading

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from app.db import create_db_engine, open_session, read_snapshot, session_scope
from app.models import Station


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


def test_a_read_snapshot_keeps_out_rows_committed_after_its_first_read(engine):
    reader = open_session(engine)
    reader.execute(text("SELECT 1"))  # a transaction already under way is ended
    read_snapshot(reader)
    count = text("SELECT count(*) FROM station")
    before = reader.execute(count).scalar_one()

    with session_scope(engine, write=True) as writer:
        writer.add(Station(name="贵州", region_code="520000"))

    assert reader.execute(count).scalar_one() == before
    reader.commit()
    assert reader.execute(count).scalar_one() == before + 1
    reader.close()
