"""Optimistic locking: PATCH names the version it read; a stale one changes nothing."""

import threading

import httpx
import pytest

from tests.conftest import ADMIN_KEY
from tests.factories import (
    create_employer,
    create_household,
    create_person,
    create_vacancy,
    station_id,
)
from tests.problems import assert_problem


def _record(client, kind):
    """Create one record of ``kind``; return its path and a change maker.

    The change maker gives a different value for each ``n``, so every PATCH changes
    the record.
    """
    if kind == "stations":
        path = f"stations/{station_id(client, '浙江')}"
        return path, lambda n: {"address": f"杭州市{n}号"}
    if kind == "employers":
        path = f"employers/{create_employer(client)['id']}"
        return path, lambda n: {"industry": f"建材{n}"}
    household = create_household(client)
    if kind == "households":
        return f"households/{household['id']}", lambda n: {"building": f"{n}栋"}
    if kind == "people":
        person = create_person(client, household["id"])
        return f"people/{person['id']}", lambda n: {"min_monthly_wage": 4000 + n}
    vacancy = create_vacancy(client, create_employer(client)["id"])
    return f"vacancies/{vacancy['id']}", lambda n: {"openings": 10 + n}


KINDS = ["stations", "employers", "households", "people", "vacancies"]


@pytest.mark.parametrize("kind", KINDS)
def test_version_increments_on_each_successful_patch(client, kind):
    path, change = _record(client, kind)

    versions = []
    for version in (1, 2, 3):
        body = {"version": version} | change(version)
        response = client.patch(f"/api/v1/{path}", json=body)
        assert response.status_code == 200, response.text
        versions.append(response.json()["version"])

    assert versions == [2, 3, 4]
    assert client.get(f"/api/v1/{path}").json()["version"] == 4


@pytest.mark.parametrize("kind", KINDS)
def test_patch_with_stale_version_is_409_and_changes_nothing(client, kind):
    path, change = _record(client, kind)
    client.patch(f"/api/v1/{path}", json={"version": 1} | change(1))
    before = client.get(f"/api/v1/{path}").json()

    response = client.patch(f"/api/v1/{path}", json={"version": 1} | change(2))

    body = assert_problem(response, 409)
    assert "version" in body["detail"].lower()
    assert client.get(f"/api/v1/{path}").json() == before


def test_patch_with_future_version_is_409(client):
    path, change = _record(client, "vacancies")

    response = client.patch(f"/api/v1/{path}", json={"version": 5} | change(1))

    assert_problem(response, 409)


def test_concurrent_patches_of_one_version_let_exactly_one_through(client, live_server):
    vacancy = create_vacancy(client, create_employer(client)["id"])
    url = f"{live_server}/api/v1/vacancies/{vacancy['id']}"
    writers = 8
    start = threading.Barrier(writers)
    statuses: list[int] = [0] * writers

    def patch(index: int) -> None:
        with httpx.Client(headers={"Authorization": f"Bearer {ADMIN_KEY}"}) as http:
            start.wait()
            body = {"version": 1, "title": f"焊工{index}"}
            statuses[index] = http.patch(url, json=body, timeout=30).status_code

    threads = [threading.Thread(target=patch, args=(i,)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [200] + [409] * (writers - 1)
    stored = client.get(f"/api/v1/vacancies/{vacancy['id']}").json()
    assert stored["version"] == 2
    assert stored["title"] == f"焊工{statuses.index(200)}"
