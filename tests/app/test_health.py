import socket
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from app.config import Settings
from app.main import create_app


def test_health_answers_ok_without_a_key_when_database_answers(client):
    del client.headers["Authorization"]

    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def sqlite_under_a_plain_file(tmp_path: Path) -> str:
    plain_file = tmp_path / "plain-file"
    plain_file.write_text("")
    return f"sqlite:///{plain_file / 'jobmatch.db'}"


def postgresql_at_a_closed_port(_: Path) -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/jobmatch"


@pytest.mark.parametrize(
    "unreachable", [sqlite_under_a_plain_file, postgresql_at_a_closed_port]
)
def test_health_answers_503_when_database_unreachable(tmp_path, unreachable):
    url = unreachable(tmp_path)
    engine = create_engine(url)
    app = create_app(Settings(database_url=url, demo_data=False), engine=engine)

    # No `with`: start-up would need the database this test takes away.
    response = TestClient(app).get("/health")

    assert response.status_code == 503
    assert response.json()["database"] != "ok"
    engine.dispose()
