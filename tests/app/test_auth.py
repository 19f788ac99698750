"""API keys, roles and scopes."""

import pytest

from tests.conftest import ADMIN_KEY
from tests.factories import (
    bearer,
    count,
    create_api_key,
    create_employer,
    create_household,
    create_person,
    create_vacancy,
    household_body,
    person_body,
    station_id,
    vacancy_body,
)
from tests.problems import assert_invalid, assert_problem


def test_request_without_key_is_401_with_bearer_challenge(client):
    del client.headers["Authorization"]

    response = client.get("/api/v1/vacancies")

    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "authorization", ["Bearer not-a-key-we-issued", "Bearer ", f"Basic {ADMIN_KEY}"]
)
def test_request_with_unknown_key_or_scheme_is_401(client, authorization):
    response = client.get("/api/v1/stations", headers={"Authorization": authorization})

    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_bootstrap_admin_key_from_settings_is_an_admin(client):
    keys = client.get("/api/v1/api-keys", headers=bearer(ADMIN_KEY)).json()["items"]

    assert [(k["role"], k["prefix"]) for k in keys] == [("admin", ADMIN_KEY[:8])]


def test_admin_issues_a_key_that_works_and_is_listed_without_the_key(client):
    issued = create_api_key(client, "officer")

    response = client.get("/api/v1/households", headers=bearer(issued["key"]))

    assert response.status_code == 200
    assert issued["prefix"] == issued["key"][:8]
    listed = client.get("/api/v1/api-keys").json()["items"]
    assert issued["id"] in [k["id"] for k in listed]
    assert all("key" not in k for k in listed)


def test_revoked_key_is_401(client):
    issued = create_api_key(client, "officer")

    revoked = client.delete(f"/api/v1/api-keys/{issued['id']}")

    assert revoked.status_code == 204
    assert_problem(client.get("/api/v1/stations", headers=bearer(issued["key"])), 401)


def test_revoking_unknown_key_is_404(client):
    assert_problem(client.delete("/api/v1/api-keys/99999"), 404)


@pytest.mark.parametrize("role", ["officer", "station_staff", "grid_worker"])
def test_non_admin_may_not_issue_or_list_keys(client, role):
    raw = create_api_key(client, role)["key"]

    issue = client.post(
        "/api/v1/api-keys", json={"name": "x", "role": "admin"}, headers=bearer(raw)
    )

    assert_problem(issue, 403)
    assert_problem(client.get("/api/v1/api-keys", headers=bearer(raw)), 403)
    assert client.get("/api/v1/api-keys").json()["total"] == 2


def test_employer_key_requires_its_employer(client):
    response = client.post("/api/v1/api-keys", json={"name": "e", "role": "employer"})

    messages = assert_invalid(response, "employer_id")
    assert "required for the employer role" in messages["employer_id"]


@pytest.fixture
def employers(client):
    """Two employers with one vacancy each, and a key for the first."""
    own, other = create_employer(client), create_employer(client)
    own_vacancy = create_vacancy(client, own["id"])
    other_vacancy = create_vacancy(client, other["id"])
    raw = create_api_key(client, "employer", employer_id=own["id"])["key"]
    return {
        "own": own,
        "other": other,
        "own_vacancy": own_vacancy,
        "other_vacancy": other_vacancy,
        "headers": bearer(raw),
    }


def test_employer_key_is_403_on_people_and_households(client, employers):
    headers = employers["headers"]
    household = create_household(client)
    person = person_body(household["id"])

    for path in ("people", "households", f"households/{household['id']}"):
        assert_problem(client.get(f"/api/v1/{path}", headers=headers), 403)
    post_person = client.post("/api/v1/people", json=person, headers=headers)
    post_household = client.post(
        "/api/v1/households", json=household_body(), headers=headers
    )

    assert_problem(post_person, 403)
    assert_problem(post_household, 403)
    assert (count(client, "people"), count(client, "households")) == (0, 1)


def test_employer_key_lists_only_its_own_vacancies(client, employers):
    page = client.get("/api/v1/vacancies", headers=employers["headers"]).json()

    assert [v["id"] for v in page["items"]] == [employers["own_vacancy"]["id"]]
    assert page["total"] == 1


def test_employer_key_gets_404_for_another_employers_vacancy(client, employers):
    other = employers["other_vacancy"]
    headers = employers["headers"]

    assert_problem(client.get(f"/api/v1/vacancies/{other['id']}", headers=headers), 404)
    patch = client.patch(
        f"/api/v1/vacancies/{other['id']}",
        json={"version": 1, "openings": 99},
        headers=headers,
    )
    assert_problem(patch, 404)
    assert client.get(f"/api/v1/vacancies/{other['id']}").json() == other


def test_employer_key_sees_only_its_own_employer(client, employers):
    headers = employers["headers"]
    other = employers["other"]

    page = client.get("/api/v1/employers", headers=headers).json()

    assert [e["id"] for e in page["items"]] == [employers["own"]["id"]]
    assert_problem(client.get(f"/api/v1/employers/{other['id']}", headers=headers), 404)


def test_employer_key_is_403_posting_for_another_employer(client, employers):
    body = vacancy_body(employers["other"]["id"])

    response = client.post("/api/v1/vacancies", json=body, headers=employers["headers"])

    assert_problem(response, 403)
    assert count(client, "vacancies") == 2


def test_employer_key_posts_its_own_vacancy(client, employers):
    body = vacancy_body(employers["own"]["id"])

    response = client.post("/api/v1/vacancies", json=body, headers=employers["headers"])

    assert response.status_code == 201, response.text


@pytest.fixture
def grid(client):
    """Households and people in two communities, and a key for 幸福社区."""
    own = create_household(client, community="幸福社区")
    other = create_household(client, community="和谐社区", site="碧谷安置区")
    raw = create_api_key(client, "grid_worker", community="幸福社区")["key"]
    return {
        "own": own,
        "other": other,
        "own_person": create_person(client, own["id"]),
        "other_person": create_person(client, other["id"]),
        "headers": bearer(raw),
    }


def test_grid_worker_sees_only_households_and_people_of_its_community(client, grid):
    headers = grid["headers"]

    households = client.get("/api/v1/households", headers=headers).json()
    people = client.get("/api/v1/people", headers=headers).json()
    asked_other = client.get(
        "/api/v1/people", params={"community": "和谐社区"}, headers=headers
    ).json()

    assert [h["id"] for h in households["items"]] == [grid["own"]["id"]]
    assert [p["id"] for p in people["items"]] == [grid["own_person"]["id"]]
    assert asked_other["total"] == 0


def test_grid_worker_gets_404_for_records_of_another_community(client, grid):
    headers = grid["headers"]

    household = client.get(f"/api/v1/households/{grid['other']['id']}", headers=headers)
    person = client.get(f"/api/v1/people/{grid['other_person']['id']}", headers=headers)

    assert_problem(household, 404)
    assert_problem(person, 404)


def test_grid_worker_is_403_creating_household_in_another_community(client, grid):
    body = household_body(community="和谐社区")

    response = client.post("/api/v1/households", json=body, headers=grid["headers"])

    assert_problem(response, 403)
    assert count(client, "households") == 2


def test_grid_worker_is_403_moving_household_to_another_community(client, grid):
    own = grid["own"]

    response = client.patch(
        f"/api/v1/households/{own['id']}",
        json={"version": 1, "community": "和谐社区"},
        headers=grid["headers"],
    )

    assert_problem(response, 403)
    after = client.get(f"/api/v1/households/{own['id']}").json()
    assert (after["version"], after["community"]) == (own["version"], "幸福社区")


def test_grid_worker_creates_household_in_its_community(client, grid):
    body = household_body(community="幸福社区")

    response = client.post("/api/v1/households", json=body, headers=grid["headers"])

    assert response.status_code == 201, response.text


def test_grid_worker_may_not_read_vacancies(client, grid):
    assert_problem(client.get("/api/v1/vacancies", headers=grid["headers"]), 403)


def test_station_staff_is_403_posting_for_another_station(client):
    guangdong, shanghai = station_id(client, "广东"), station_id(client, "上海")
    raw = create_api_key(client, "station_staff", station_id=guangdong)["key"]
    employer_id = create_employer(client)["id"]
    body = vacancy_body(employer_id, channel="station", station_id=shanghai)

    response = client.post("/api/v1/vacancies", json=body, headers=bearer(raw))

    assert_problem(response, 403)
    assert count(client, "vacancies") == 0


def test_station_staff_posts_for_its_own_station(client):
    guangdong = station_id(client, "广东")
    raw = create_api_key(client, "station_staff", station_id=guangdong)["key"]
    body = vacancy_body(
        create_employer(client)["id"], channel="station", station_id=guangdong
    )

    response = client.post("/api/v1/vacancies", json=body, headers=bearer(raw))

    assert response.status_code == 201, response.text


def test_station_staff_may_not_read_people(client):
    raw = create_api_key(client, "station_staff")["key"]

    assert_problem(client.get("/api/v1/people", headers=bearer(raw)), 403)
