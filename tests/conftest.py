"""Fixtures: a migrated database (SQLite, or PostgreSQL by environment), the app, keys.

Set ``JOBMATCH_TEST_DATABASE_URL`` to run the suite on another database; the schema is
built by the migrations, and every table is emptied after each test.
"""

import logging
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from app.cli import alembic_config
from app.config import Settings, get_settings
from app.db import create_db_engine, metadata, session_scope
from app.main import create_app
from app.models import Station
from app.services.stations import FOUNDING_STATIONS

ADMIN_KEY = "test-admin-key-0123456789"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("JOBMATCH_TEST_DATABASE_URL")
    if url:
        return url
    path: Path = tmp_path_factory.mktemp("db") / "jobmatch.db"
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    config = alembic_config(database_url)
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")
    engine = create_db_engine(database_url)
    yield engine
    engine.dispose()


def _reset(engine: Engine) -> None:
    """Empty every table, then put back the founding stations."""
    with session_scope(engine, write=True) as session:
        for table in reversed(metadata.sorted_tables):
            session.execute(text(f"DELETE FROM {table.name}"))
        for name, region_code in FOUNDING_STATIONS:
            session.add(Station(name=name, region_code=region_code))


@pytest.fixture(autouse=True)
def clean_database(request: pytest.FixtureRequest) -> Iterator[None]:
    if "engine" not in request.fixturenames:
        yield
        return
    engine: Engine = request.getfixturevalue("engine")
    _reset(engine)
    yield
    _reset(engine)


@pytest.fixture
def environment_settings() -> Iterator[None]:
    """Let ``get_settings`` read the environment afresh, and restore logging after.

    Alembic's ``env.py`` configures logging from ``alembic.ini`` when run from the CLI.
    """
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url, demo_data=False, bootstrap_admin_key=ADMIN_KEY
    )


@pytest.fixture
def client(settings: Settings, engine: Engine) -> Iterator[TestClient]:
    app = create_app(settings, engine=engine)
    with TestClient(app, headers={"Authorization": f"Bearer {ADMIN_KEY}"}) as client:
        yield client


@pytest.fixture
def live_server(settings: Settings, engine: Engine) -> Iterator[str]:
    """Serve the app with uvicorn on a free local port; yield its base URL.

    The socket listens before the server thread starts, so early requests wait in the
    backlog instead of failing, and no test has to poll for start-up.
    """
    listener = socket.create_server(("127.0.0.1", 0), backlog=128)
    port = listener.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings, engine=engine), log_config=None, access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]})
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)
    listener.close()
