"""Household alert levels: who may set which, and the history of changes."""

import pytest

from tests.factories import bearer, create_api_key, create_household, create_person
from tests.problems import assert_invalid, assert_problem


@pytest.fixture
def keys(client):
    """An officer key, and a grid worker key for 幸福社区, with their key ids."""
    officer = create_api_key(client, "officer")
    grid = create_api_key(client, "grid_worker", community="幸福社区")
    return {
        "officer": (bearer(officer["key"]), officer["id"]),
        "grid": (bearer(grid["key"]), grid["id"]),
    }


def set_level(client, household_id, headers, level, reason=None, note=None):
    version = client.get(f"/api/v1/households/{household_id}").json()["version"]
    body = {"version": version, "alert_level": level}
    body |= {"alert_reason": reason} if reason else {}
    body |= {"alert_note": note} if note else {}
    return client.patch(
        f"/api/v1/households/{household_id}", json=body, headers=headers
    )


def history(client, household_id, headers=None, **params):
    response = client.get(
        f"/api/v1/households/{household_id}/alerts", params=params, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("reason", ["income_drop", "expense_rise", "job_lost"])
def test_grid_worker_sets_yellow_with_a_reason(client, keys, reason):
    household = create_household(client)
    headers, _ = keys["grid"]

    response = set_level(client, household["id"], headers, "yellow", reason)

    assert response.status_code == 200, response.text
    assert response.json()["alert_level"] == "yellow"
    assert history(client, household["id"])["items"][-1]["reason"] == reason


def test_grid_worker_may_not_set_red(client, keys):
    household = create_household(client)
    headers, _ = keys["grid"]

    response = set_level(client, household["id"], headers, "red", "crisis")

    assert_problem(response, 403)
    assert client.get(f"/api/v1/households/{household['id']}").json() == household
    assert history(client, household["id"])["total"] == 1


def test_grid_worker_may_not_lift_red(client, keys):
    household = create_household(client)
    set_level(client, household["id"], keys["officer"][0], "red", "crisis")

    response = set_level(client, household["id"], keys["grid"][0], "green", "resolved")

    assert_problem(response, 403)
    shown = client.get(f"/api/v1/households/{household['id']}").json()
    assert shown["alert_level"] == "red"


def test_officer_sets_red_for_a_crisis(client, keys):
    household = create_household(client)
    headers, key_id = keys["officer"]

    response = set_level(client, household["id"], headers, "red", "crisis", "病重")

    assert response.status_code == 200, response.text
    assert response.json()["alert_level"] == "red"
    latest = history(client, household["id"])["items"][-1]
    assert (latest["from_level"], latest["to_level"]) == ("green", "red")
    assert (latest["reason"], latest["note"]) == ("crisis", "病重")
    assert (latest["actor"], latest["actor_key_id"]) == ("test officer", key_id)


def test_alert_level_change_without_a_reason_is_refused(client):
    household = create_household(client)

    response = set_level(client, household["id"], None, "yellow")

    assert_invalid(response, "alert_reason")
    assert history(client, household["id"])["total"] == 1


def test_history_lists_every_change_oldest_first(client, keys):
    household = create_household(client)
    grid, grid_id = keys["grid"]
    officer, officer_id = keys["officer"]
    set_level(client, household["id"], grid, "yellow", "income_drop", "减产")
    set_level(client, household["id"], officer, "red", "crisis")
    set_level(client, household["id"], officer, "green", "resolved")

    changes = history(client, household["id"])

    steps = [
        (c["from_level"], c["to_level"], c["reason"], c["actor"], c["actor_key_id"])
        for c in changes["items"]
    ]
    assert steps[1:] == [
        ("green", "yellow", "income_drop", "test grid_worker", grid_id),
        ("yellow", "red", "crisis", "test officer", officer_id),
        ("red", "green", "resolved", "test officer", officer_id),
    ]
    assert steps[0][:3] == (None, "green", "registered")
    assert changes["items"][1]["note"] == "减产"
    stamps = [c["changed_at"] for c in changes["items"]]
    assert stamps == sorted(stamps)
    assert changes["total"] == 4


def test_history_pages_like_every_list(client, keys):
    household = create_household(client)
    officer, _ = keys["officer"]
    for level in ("yellow", "red", "green"):
        set_level(client, household["id"], officer, level, "other")

    page = history(client, household["id"], limit=2, offset=1)

    assert [c["to_level"] for c in page["items"]] == ["yellow", "red"]
    assert (page["total"], page["limit"], page["offset"]) == (4, 2, 1)


def test_grid_worker_reads_history_of_its_community_only(client, keys):
    own = create_household(client, community="幸福社区")
    other = create_household(client, community="和谐社区")
    headers, _ = keys["grid"]

    assert history(client, own["id"], headers)["total"] == 1
    assert_problem(
        client.get(f"/api/v1/households/{other['id']}/alerts", headers=headers), 404
    )


def test_history_of_unknown_household_is_404(client):
    assert_problem(client.get("/api/v1/households/999/alerts"), 404)


def _set_status(client, person, status):
    version = client.get(f"/api/v1/people/{person['id']}").json()["version"]
    response = client.patch(
        f"/api/v1/people/{person['id']}",
        json={"version": version, "employment_status": status},
    )
    assert response.status_code == 200, response.text


def test_a_second_job_lost_is_kept_and_holds_the_yellow_until_both_work(client):
    household = create_household(client)
    first, second = (
        create_person(client, household["id"], employment_status="employed")
        for _ in range(2)
    )

    _set_status(client, first, "unemployed")
    _set_status(client, second, "unemployed")
    _set_status(client, first, "employed")
    level_with_one_back = client.get(f"/api/v1/households/{household['id']}").json()
    _set_status(client, second, "employed")

    assert level_with_one_back["alert_level"] == "yellow"
    steps = [
        (c["from_level"], c["to_level"], c["reason"])
        for c in history(client, household["id"])["items"][1:]
    ]
    assert steps == [
        ("green", "yellow", "job_lost"),
        ("yellow", "yellow", "job_lost"),
        ("yellow", "green", "member_placed"),
    ]


def test_work_found_does_not_lift_a_yellow_for_rising_expenses(client, keys):
    household = create_household(client)
    member = create_person(client, household["id"], employment_status="employed")
    officer, _ = keys["officer"]
    set_level(client, household["id"], officer, "yellow", "expense_rise")

    _set_status(client, member, "unemployed")
    _set_status(client, member, "employed")

    read = client.get(f"/api/v1/households/{household['id']}").json()
    assert read["alert_level"] == "yellow"


@pytest.mark.parametrize(
    ("level", "reason"),
    [("red", "income_drop"), ("yellow", "crisis"), ("green", "member_placed")],
)
def test_a_reason_that_does_not_fit_the_level_is_refused(client, keys, level, reason):
    household = create_household(client)
    officer, _ = keys["officer"]

    response = set_level(client, household["id"], officer, level, reason)

    assert "use one of" in assert_invalid(response, "alert_reason")["alert_reason"]
    assert len(history(client, household["id"])["items"]) == 1
