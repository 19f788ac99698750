"""What start-up prepares: the bootstrap admin key and, on request, demo data."""

from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.factories import bearer, count

ENV_KEY = "bootstrap-from-environment-0123"


def _start(settings, engine):
    return TestClient(create_app(settings, engine=engine))


def test_bootstrap_admin_key_from_environment_exists_after_start_up(
    monkeypatch, database_url, engine
):
    monkeypatch.setenv("JOBMATCH_BOOTSTRAP_ADMIN_KEY", ENV_KEY)
    settings = Settings(database_url=database_url, demo_data=False)

    with _start(settings, engine) as client:
        response = client.get("/api/v1/api-keys", headers=bearer(ENV_KEY))

    assert response.status_code == 200, response.text
    keys = response.json()["items"]
    assert [(k["role"], k["prefix"], k["is_active"]) for k in keys] == [
        ("admin", ENV_KEY[:8], True)
    ]


def test_revoked_bootstrap_admin_key_is_active_again_after_restart(
    database_url, engine
):
    settings = Settings(
        database_url=database_url, demo_data=False, bootstrap_admin_key=ENV_KEY
    )
    with _start(settings, engine) as client:
        client.headers.update(bearer(ENV_KEY))
        key = client.get("/api/v1/api-keys").json()["items"][0]
        client.delete(f"/api/v1/api-keys/{key['id']}")
        assert client.get("/api/v1/stations").status_code == 401

    with _start(settings, engine) as client:
        response = client.get("/api/v1/api-keys", headers=bearer(ENV_KEY))

    assert response.status_code == 200
    assert response.json()["total"] == 1


def test_start_up_loads_demo_data_once_when_enabled(database_url, engine):
    settings = Settings(
        database_url=database_url, demo_data=True, bootstrap_admin_key=ENV_KEY
    )
    with _start(settings, engine) as client:
        client.headers.update(bearer(ENV_KEY))
        first = {path: count(client, path) for path in ("households", "vacancies")}

    with _start(settings, engine) as client:
        client.headers.update(bearer(ENV_KEY))
        second = {path: count(client, path) for path in ("households", "vacancies")}

    assert first["households"] > 0
    assert first["vacancies"] > 0
    assert second == first


def test_start_up_loads_no_demo_data_when_disabled(client):
    assert count(client, "households") == 0
    assert count(client, "vacancies") == 0
