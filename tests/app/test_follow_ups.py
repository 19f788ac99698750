"""Follow-ups of placed workers, overdue lists and stable employment."""

from datetime import timedelta

import pytest

from app.clock import today
from app.services.stability import add_months
from tests.factories import (
    create_api_key,
    create_employer,
    create_household,
    create_person,
    create_vacancy,
    hire,
)
from tests.problems import assert_invalid, assert_problem


@pytest.fixture
def household(client):
    return create_household(client)


@pytest.fixture
def placed(client, household):
    """A worker placed 100 days ago at 4,500 yuan; their follow-ups."""
    started = today() - timedelta(days=100)
    person = create_person(
        client, household["id"], registered_on=(started - timedelta(days=1)).isoformat()
    )
    employer = create_employer(client)
    vacancy = create_vacancy(client, employer["id"])
    hired = hire(client, person["id"], vacancy["id"], started, monthly_wage=4500)
    follow_ups = client.get(
        "/api/v1/follow-ups", params={"placement_id": hired["placement_id"]}
    ).json()["items"]
    return {
        "person": person,
        "started": started,
        "placement_id": hired["placement_id"],
        "follow_ups": follow_ups,
    }


def _record(client, follow_up, **fields):
    body = {"version": follow_up["version"], "contacted_on": today().isoformat()}
    return client.patch(f"/api/v1/follow-ups/{follow_up['id']}", json=body | fields)


def _overdue_ids(client, **params):
    listed = client.get("/api/v1/follow-ups", params={"overdue": True} | params)
    assert listed.status_code == 200, listed.text
    return [f["id"] for f in listed.json()["items"]]


def test_follow_ups_past_due_are_listed_as_overdue(client, placed):
    one, three, six = placed["follow_ups"]

    assert one["due_on"] == add_months(placed["started"], 1).isoformat()
    assert _overdue_ids(client) == [one["id"], three["id"]]
    not_overdue = client.get("/api/v1/follow-ups", params={"overdue": False}).json()
    assert [f["id"] for f in not_overdue["items"]] == [six["id"]]


def test_recording_a_follow_up_takes_it_off_the_overdue_list(client, placed):
    one = placed["follow_ups"][0]

    response = _record(
        client, one, is_still_employed=True, monthly_wage=4600, problems="住宿远"
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body == body | {
        "status": "done",
        "is_still_employed": True,
        "monthly_wage": 4600,
        "problems": "住宿远",
        "contacted_on": today().isoformat(),
        "version": one["version"] + 1,
        "is_overdue": False,
    }
    assert body["recorded_by_key_id"] is not None
    assert one["id"] not in _overdue_ids(client)


def test_stale_version_is_409_and_changes_nothing(client, placed):
    one = placed["follow_ups"][0]
    assert _record(client, one, is_still_employed=True).status_code == 200

    response = _record(client, one, is_still_employed=False)

    assert_problem(response, 409)
    read = client.get(f"/api/v1/follow-ups/{one['id']}").json()
    assert read["is_still_employed"] is True


def test_follow_up_dates_are_checked(client, placed):
    one = placed["follow_ups"][0]
    future = (today() + timedelta(days=1)).isoformat()
    early = (placed["started"] - timedelta(days=1)).isoformat()

    assert_invalid(
        _record(client, one, is_still_employed=True, contacted_on=future),
        "contacted_on",
    )
    assert_invalid(
        _record(client, one, is_still_employed=True, contacted_on=early),
        "contacted_on",
    )
    assert_invalid(
        _record(client, one, is_still_employed=True, ended_on=today().isoformat()),
        "ended_on",
    )
    assert_invalid(_record(client, one), "is_still_employed")


def test_worker_gone_ends_the_placement_and_cancels_the_rest(client, household, placed):
    one, three, six = placed["follow_ups"]
    left_on = today() - timedelta(days=20)

    response = _record(
        client,
        three,
        is_still_employed=False,
        ended_on=left_on.isoformat(),
        end_reason="family",
        problems="回家照顾老人",
    )

    assert response.status_code == 200, response.text
    placement = client.get(f"/api/v1/placements/{placed['placement_id']}").json()
    assert (placement["ended_on"], placement["end_reason"]) == (
        left_on.isoformat(),
        "family",
    )
    statuses = [
        client.get(f"/api/v1/follow-ups/{f['id']}").json()["status"]
        for f in (one, three, six)
    ]
    assert statuses == ["cancelled", "done", "cancelled"]
    person = client.get(f"/api/v1/people/{placed['person']['id']}").json()
    assert person["employment_status"] == "unemployed"
    read = client.get(f"/api/v1/households/{household['id']}").json()
    assert read["alert_level"] == "yellow"


def test_cancelled_follow_up_cannot_be_recorded(client, placed):
    client.post(
        f"/api/v1/placements/{placed['placement_id']}/end",
        json={"ended_on": today().isoformat(), "reason": "quit"},
    )
    six = client.get(f"/api/v1/follow-ups/{placed['follow_ups'][2]['id']}").json()

    assert_problem(_record(client, six, is_still_employed=True), 409)


@pytest.mark.parametrize(("wage", "level"), [(3600, "green"), (3500, "yellow")])
def test_wage_drop_beyond_a_fifth_turns_the_household_yellow(
    client, household, placed, wage, level
):
    # Hired at 4,500: 3,600 is a drop of exactly 20 %, the threshold; below is yellow.
    _record(client, placed["follow_ups"][0], is_still_employed=True, monthly_wage=wage)

    read = client.get(f"/api/v1/households/{household['id']}").json()
    assert read["alert_level"] == level
    if level == "yellow":
        history = client.get(f"/api/v1/households/{household['id']}/alerts").json()
        assert history["items"][-1]["reason"] == "income_drop"


def test_grid_worker_sees_only_their_communitys_follow_ups(client, placed):
    elsewhere = create_household(client, community="和谐社区")
    person = create_person(
        client,
        elsewhere["id"],
        registered_on=(today() - timedelta(days=200)).isoformat(),
    )
    employer = create_employer(client)
    vacancy = create_vacancy(client, employer["id"])
    hire(client, person["id"], vacancy["id"], today() - timedelta(days=100))
    key = create_api_key(client, "grid_worker", community="幸福社区")["key"]
    headers = {"Authorization": f"Bearer {key}"}

    listed = client.get("/api/v1/follow-ups", headers=headers).json()
    write = client.patch(
        f"/api/v1/follow-ups/{placed['follow_ups'][0]['id']}",
        json={
            "version": 1,
            "contacted_on": today().isoformat(),
            "is_still_employed": 1,
        },
        headers=headers,
    )

    assert {f["placement_id"] for f in listed["items"]} == {placed["placement_id"]}
    assert listed["total"] == 3
    assert_problem(write, 403)


def test_person_employment_counts_days_and_tells_stable(client, placed):
    person_id = placed["person"]["id"]
    started = placed["started"]

    now = client.get(f"/api/v1/people/{person_id}/employment").json()
    back = client.get(
        f"/api/v1/people/{person_id}/employment",
        params={"on": (started - timedelta(days=1)).isoformat()},
    )

    # Employed from 100 days ago through today: 101 days, three whole months at most.
    assert now == now | {
        "employment_status": "employed",
        "current_placement_id": placed["placement_id"],
        "days_employed": 101,
        "is_stably_employed": False,
    }
    assert now["months_employed"] == 3
    assert [e["source"] for e in now["history"]] == ["registration", "hire"]
    assert back.status_code == 200
    assert back.json()["employment_status"] == "unemployed"
    assert back.json()["days_employed"] == 0
    future = (today() + timedelta(days=1)).isoformat()
    assert_invalid(
        client.get(f"/api/v1/people/{person_id}/employment", params={"on": future}),
        "on",
    )
