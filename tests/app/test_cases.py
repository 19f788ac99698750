"""Listing and reading zero-employment cases: filters, order, deadlines and scope."""

from datetime import timedelta

import pytest

from app.clock import today
from tests.factories import bearer, create_api_key, create_household, create_person
from tests.problems import assert_invalid, assert_problem


def registered(client, days_ago, **household):
    """A household whose only member, an unemployed seeker, registered days ago."""
    created = create_household(client, **household)
    on = today() - timedelta(days=days_ago)
    person = create_person(client, created["id"], registered_on=on.isoformat())
    return created, person


def case_of(client, household):
    page = client.get(
        "/api/v1/zero-employment-cases", params={"household_id": household["id"]}
    ).json()
    assert page["total"] == 1
    return page["items"][0]


@pytest.fixture
def cases(client):
    """Three open cases (one overdue) in two sites and communities, one cleared."""
    overdue, _ = registered(client, 40)
    soon, _ = registered(client, 20, site="碧谷安置区", community="和谐社区")
    fresh, _ = registered(client, 5)
    cleared, person = registered(client, 12)
    response = client.patch(
        f"/api/v1/people/{person['id']}",
        json={"version": person["version"], "employment_status": "self_employed"},
    )
    assert response.status_code == 200, response.text
    return {
        name: case_of(client, household)
        for name, household in (
            ("overdue", overdue),
            ("soon", soon),
            ("fresh", fresh),
            ("cleared", cleared),
        )
    }


def listed(client, headers=None, **filters):
    response = client.get(
        "/api/v1/zero-employment-cases", params=filters, headers=headers
    )
    assert response.status_code == 200, response.text
    return [c["id"] for c in response.json()["items"]]


def test_open_cases_come_first_by_deadline_then_cleared_ones(client, cases):
    expected = [cases[name]["id"] for name in ("overdue", "soon", "fresh", "cleared")]

    assert listed(client) == expected
    assert listed(client, limit=2, offset=1) == expected[1:3]


def test_case_carries_its_household_and_days_left(client, cases):
    household = client.get(
        f"/api/v1/households/{cases['overdue']['household_id']}"
    ).json()
    opened_on = today() - timedelta(days=40)

    case = client.get(f"/api/v1/zero-employment-cases/{cases['overdue']['id']}")

    assert case.status_code == 200
    assert case.json() == cases["overdue"]
    expected = {
        "household_no": household["household_no"],
        "site": household["site"],
        "community": household["community"],
        "opened_on": opened_on.isoformat(),
        "deadline_on": (opened_on + timedelta(days=30)).isoformat(),
        "days_left": -10,
        "is_overdue": True,
        "cleared_on": None,
        "clear_reason": None,
        "placement_id": None,
        "version": 1,
    }
    assert {name: case.json()[name] for name in expected} == expected


def test_cleared_case_has_no_days_left_and_is_never_overdue(cases):
    cleared = cases["cleared"]

    assert cleared["cleared_on"] == today().isoformat()
    assert cleared["clear_reason"] == "member_employed"
    assert (cleared["days_left"], cleared["is_overdue"]) == (None, False)


def test_cases_filtered_by_status_and_overdue(client, cases):
    ids = {name: case["id"] for name, case in cases.items()}

    assert listed(client, status="open") == [ids["overdue"], ids["soon"], ids["fresh"]]
    assert listed(client, status="cleared") == [ids["cleared"]]
    assert listed(client, overdue="true") == [ids["overdue"]]
    assert listed(client, overdue="false") == [
        ids["soon"],
        ids["fresh"],
        ids["cleared"],
    ]
    assert listed(client, status="open", overdue="false") == [ids["soon"], ids["fresh"]]


def test_cases_filtered_by_site_community_household_and_opening_day(client, cases):
    ids = {name: case["id"] for name, case in cases.items()}
    since = (today() - timedelta(days=20)).isoformat()
    until = (today() - timedelta(days=12)).isoformat()

    assert listed(client, site="碧谷安置区") == [ids["soon"]]
    assert listed(client, community="幸福社区", status="open") == [
        ids["overdue"],
        ids["fresh"],
    ]
    assert listed(client, household_id=cases["fresh"]["household_id"]) == [ids["fresh"]]
    assert listed(client, opened_since=since, opened_until=until) == [
        ids["soon"],
        ids["cleared"],
    ]


def test_opened_until_before_opened_since_is_refused(client):
    response = client.get(
        "/api/v1/zero-employment-cases",
        params={"opened_since": "2026-03-02", "opened_until": "2026-03-01"},
    )

    assert_invalid(response, "opened_until")


def test_unknown_status_is_refused(client):
    response = client.get("/api/v1/zero-employment-cases", params={"status": "late"})

    assert_invalid(response, "status")


def test_grid_worker_sees_only_its_community_cases(client, cases):
    headers = bearer(create_api_key(client, "grid_worker", community="和谐社区")["key"])
    theirs = cases["overdue"]["id"]

    asked_other = listed(client, headers=headers, community="幸福社区")
    other = client.get(f"/api/v1/zero-employment-cases/{theirs}", headers=headers)

    assert listed(client, headers=headers) == [cases["soon"]["id"]]
    assert asked_other == []
    assert_problem(other, 404)


def test_station_staff_may_not_read_cases(client):
    headers = bearer(create_api_key(client, "station_staff")["key"])

    response = client.get("/api/v1/zero-employment-cases", headers=headers)

    assert_problem(response, 403)


def test_unknown_case_is_404(client):
    assert_problem(client.get("/api/v1/zero-employment-cases/999"), 404)
