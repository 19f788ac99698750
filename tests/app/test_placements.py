"""Hires and placements: openings, the person's status, follow-ups, and the end."""

from datetime import date, timedelta

import pytest
from sqlmodel import col, select

from app.clock import today
from app.db import session_scope
from app.models import EmploymentEvent
from app.services.stability import add_months
from tests.factories import (
    create_api_key,
    create_employer,
    create_household,
    create_person,
    create_referral,
    create_vacancy,
    hire,
    move,
    station_id,
)
from tests.problems import assert_invalid, assert_problem

# People registered well before the backdated hires of these tests.
A_YEAR_AGO = (today() - timedelta(days=365)).isoformat()


@pytest.fixture
def household(client):
    return create_household(client)


@pytest.fixture
def seeker(client, household):
    return create_person(client, household["id"], registered_on=A_YEAR_AGO)


@pytest.fixture
def vacancy(client):
    employer = create_employer(client)
    return create_vacancy(
        client,
        employer["id"],
        channel="station",
        station_id=station_id(client, "浙江"),
        openings=2,
    )


def _end(client, placement_id, ended_on, reason="quit", **fields):
    body = {"ended_on": ended_on.isoformat(), "reason": reason} | fields
    return client.post(f"/api/v1/placements/{placement_id}/end", json=body)


def _candidate_ids(client, vacancy_id):
    response = client.get(f"/api/v1/vacancies/{vacancy_id}/candidates")
    assert response.status_code == 200, response.text
    return [c["person_id"] for c in response.json()["items"]]


def test_hire_creates_the_placement_as_hired(client, seeker, vacancy):
    started = today() - timedelta(days=3)

    hired = hire(client, seeker["id"], vacancy["id"], started, monthly_wage=5200)
    placement = client.get(f"/api/v1/placements/{hired['placement_id']}").json()

    assert placement == placement | {
        "person_id": seeker["id"],
        "vacancy_id": vacancy["id"],
        "referral_id": hired["id"],
        "employer_id": vacancy["employer_id"],
        "channel": "station",
        "station_id": vacancy["station_id"],
        "started_on": started.isoformat(),
        "monthly_wage": 5200,
        "ended_on": None,
        "is_current": True,
    }


def test_hire_fills_an_opening_and_employs_the_person(client, seeker, vacancy):
    hire(client, seeker["id"], vacancy["id"])

    read = client.get(f"/api/v1/vacancies/{vacancy['id']}").json()
    person = client.get(f"/api/v1/people/{seeker['id']}").json()

    assert (read["openings_filled"], read["openings_left"], read["status"]) == (
        1,
        1,
        "open",
    )
    assert read["version"] == vacancy["version"] + 1
    assert (person["employment_status"], person["is_seeking_work"]) == (
        "employed",
        False,
    )


def test_hire_for_a_full_vacancy_is_409_and_changes_nothing(client, household):
    employer = create_employer(client)
    vacancy = create_vacancy(client, employer["id"], openings=1)
    first, second = (
        create_person(client, household["id"], registered_on=A_YEAR_AGO)
        for _ in range(2)
    )

    waiting = create_referral(client, second["id"], vacancy["id"], status="referred")
    move(client, waiting["id"], "interviewed")
    hire(client, first["id"], vacancy["id"])

    read = client.get(f"/api/v1/referrals/{waiting['id']}").json()
    assert read["status"] == "withdrawn"
    response = client.post(
        "/api/v1/referrals",
        json={"person_id": second["id"], "vacancy_id": vacancy["id"]},
    )
    assert_problem(response, 409)
    assert client.get("/api/v1/placements").json()["total"] == 1
    person = client.get(f"/api/v1/people/{second['id']}").json()
    assert person["employment_status"] == "unemployed"


def test_hire_schedules_follow_ups_at_1_3_and_6_months(client, seeker, vacancy):
    started = today() - timedelta(days=40)

    hired = hire(client, seeker["id"], vacancy["id"], started)
    listed = client.get(
        "/api/v1/follow-ups", params={"placement_id": hired["placement_id"]}
    ).json()

    assert [(f["month"], f["due_on"], f["status"]) for f in listed["items"]] == [
        (m, add_months(started, m).isoformat(), "due") for m in (1, 3, 6)
    ]
    assert [f["is_overdue"] for f in listed["items"]] == [True, False, False]


def test_hire_enters_the_employment_history_from_the_start(
    client, engine, seeker, vacancy
):
    started = today() - timedelta(days=10)

    hire(client, seeker["id"], vacancy["id"], started)

    with session_scope(engine) as session:
        events = session.exec(
            select(EmploymentEvent)
            .where(EmploymentEvent.person_id == seeker["id"])
            .order_by(col(EmploymentEvent.id))
        ).all()
        steps = [(e.source, e.employment_status, e.effective_on) for e in events]
    assert steps == [
        ("registration", "unemployed", date.fromisoformat(A_YEAR_AGO)),
        ("hire", "employed", started),
    ]


def test_ending_a_placement_makes_the_person_a_candidate_again(client, seeker, vacancy):
    employer = create_employer(client)
    other = create_vacancy(client, employer["id"])
    hired = hire(client, seeker["id"], vacancy["id"], today() - timedelta(days=20))
    while_employed = _candidate_ids(client, other["id"])
    ended_on = today() - timedelta(days=2)

    response = _end(client, hired["placement_id"], ended_on, "dismissed", note="裁员")

    assert response.status_code == 200, response.text
    assert response.json() == response.json() | {
        "ended_on": ended_on.isoformat(),
        "end_reason": "dismissed",
        "end_note": "裁员",
        "is_current": False,
    }
    person = client.get(f"/api/v1/people/{seeker['id']}").json()
    assert (person["employment_status"], person["is_seeking_work"]) == (
        "unemployed",
        True,
    )
    assert person["unemployed_since"] == ended_on.isoformat()
    assert seeker["id"] not in while_employed
    assert seeker["id"] in _candidate_ids(client, other["id"])


def test_ending_cancels_the_follow_ups_not_done(client, seeker, vacancy):
    hired = hire(client, seeker["id"], vacancy["id"], today() - timedelta(days=50))

    _end(client, hired["placement_id"], today())
    listed = client.get(
        "/api/v1/follow-ups", params={"placement_id": hired["placement_id"]}
    ).json()["items"]

    assert [f["status"] for f in listed] == ["cancelled"] * 3
    overdue = client.get("/api/v1/follow-ups", params={"overdue": True}).json()
    assert overdue["total"] == 0


def test_ending_turns_the_household_yellow_and_opens_a_case(
    client, household, seeker, vacancy
):
    hired = hire(client, seeker["id"], vacancy["id"], today() - timedelta(days=30))
    ended_on = today() - timedelta(days=5)

    _end(client, hired["placement_id"], ended_on)

    read = client.get(f"/api/v1/households/{household['id']}").json()
    assert read["alert_level"] == "yellow"
    cases = client.get(
        "/api/v1/zero-employment-cases",
        params={"household_id": household["id"], "status": "open"},
    ).json()["items"]
    assert [(c["opened_on"], c["deadline_on"]) for c in cases] == [
        (ended_on.isoformat(), (ended_on + timedelta(days=30)).isoformat())
    ]


def test_hire_clears_the_household_case_and_a_job_lost_yellow(
    client, household, seeker, vacancy
):
    first = hire(client, seeker["id"], vacancy["id"], today() - timedelta(days=30))
    _end(client, first["placement_id"], today() - timedelta(days=10))
    employer = create_employer(client)
    other = create_vacancy(client, employer["id"])

    second = hire(client, seeker["id"], other["id"], today())

    read = client.get(f"/api/v1/households/{household['id']}").json()
    assert read["alert_level"] == "green"
    cases = client.get(
        "/api/v1/zero-employment-cases", params={"household_id": household["id"]}
    ).json()["items"]
    last = max(cases, key=lambda c: c["id"])
    assert (last["cleared_on"], last["clear_reason"], last["placement_id"]) == (
        today().isoformat(),
        "member_placed",
        second["placement_id"],
    )
    assert all(c["cleared_on"] is not None for c in cases)


def test_red_household_stays_red_when_a_job_is_lost(client, household, seeker, vacancy):
    client.patch(
        f"/api/v1/households/{household['id']}",
        json={"version": 1, "alert_level": "red", "alert_reason": "crisis"},
    )
    hired = hire(client, seeker["id"], vacancy["id"], today() - timedelta(days=3))

    _end(client, hired["placement_id"], today())

    assert client.get(f"/api/v1/households/{household['id']}").json()[
        "alert_level"
    ] == ("red")


def test_end_is_refused_twice_before_start_and_in_the_future(client, seeker, vacancy):
    started = today() - timedelta(days=5)
    placement_id = hire(client, seeker["id"], vacancy["id"], started)["placement_id"]

    assert_invalid(_end(client, placement_id, started - timedelta(days=1)), "ended_on")
    assert_invalid(_end(client, placement_id, today() + timedelta(days=1)), "ended_on")
    assert_invalid(_end(client, placement_id, today(), reason="bored"), "reason")
    assert _end(client, placement_id, today()).status_code == 200
    assert_problem(_end(client, placement_id, today()), 409)


def test_end_may_not_be_before_the_persons_last_status_change(client, seeker, vacancy):
    started = today() - timedelta(days=10)
    placement_id = hire(client, seeker["id"], vacancy["id"], started)["placement_id"]
    person = client.get(f"/api/v1/people/{seeker['id']}").json()
    # Looking for a better job while at work enters the history today.
    changed = client.patch(
        f"/api/v1/people/{seeker['id']}",
        json={"version": person["version"], "is_seeking_work": True},
    )
    assert changed.status_code == 200, changed.text

    early = _end(client, placement_id, today() - timedelta(days=5))

    assert_invalid(early, "ended_on")
    assert client.get(f"/api/v1/placements/{placement_id}").json()["ended_on"] is None
    assert _end(client, placement_id, today()).status_code == 200
    employment = client.get(f"/api/v1/people/{seeker['id']}/employment").json()
    assert employment["employment_status"] == "unemployed"


@pytest.mark.parametrize("status", ["unemployed", "self_employed", "studying"])
def test_person_with_a_current_placement_is_not_referred_or_given_another_status(
    client, seeker, vacancy, status
):
    hire(client, seeker["id"], vacancy["id"])
    employer = create_employer(client)
    other = create_vacancy(client, employer["id"])
    person = client.get(f"/api/v1/people/{seeker['id']}").json()

    refer = client.post(
        "/api/v1/referrals", json={"person_id": seeker["id"], "vacancy_id": other["id"]}
    )
    patch = client.patch(
        f"/api/v1/people/{seeker['id']}",
        json={"version": person["version"], "employment_status": status},
    )

    assert_problem(refer, 409)
    assert "placement" in assert_problem(patch, 409)["detail"]


def test_placements_filtered_by_current_and_channel(client, household, vacancy):
    people = [
        create_person(client, household["id"], registered_on=A_YEAR_AGO)
        for _ in range(2)
    ]
    first = hire(client, people[0]["id"], vacancy["id"], today() - timedelta(days=9))
    second = hire(client, people[1]["id"], vacancy["id"], today() - timedelta(days=9))
    _end(client, first["placement_id"], today())

    def ids(**filters):
        listed = client.get("/api/v1/placements", params=filters).json()["items"]
        return [p["id"] for p in listed]

    assert ids(is_current=True) == [second["placement_id"]]
    assert ids(is_current=False) == [first["placement_id"]]
    assert ids(channel="station") == [first["placement_id"], second["placement_id"]]
    assert ids(channel="park") == []


def test_grid_worker_reads_only_their_communitys_placements(client, vacancy):
    ours = create_household(client, community="幸福社区")
    theirs = create_household(client, community="和谐社区")
    mine = hire(
        client,
        create_person(client, ours["id"], registered_on=A_YEAR_AGO)["id"],
        vacancy["id"],
    )
    other = hire(
        client,
        create_person(client, theirs["id"], registered_on=A_YEAR_AGO)["id"],
        vacancy["id"],
    )
    key = create_api_key(client, "grid_worker", community="幸福社区")["key"]
    headers = {"Authorization": f"Bearer {key}"}

    listed = client.get("/api/v1/placements", headers=headers).json()["items"]
    hidden = client.get(f"/api/v1/placements/{other['placement_id']}", headers=headers)
    end = _end(client, mine["placement_id"], today())  # admin may end it
    refused = client.post(
        f"/api/v1/placements/{mine['placement_id']}/end",
        json={"ended_on": today().isoformat(), "reason": "quit"},
        headers=headers,
    )

    assert [p["id"] for p in listed] == [mine["placement_id"]]
    assert_problem(hidden, 404)
    assert end.status_code == 200
    assert_problem(refused, 403)


def test_openings_cannot_drop_below_those_filled(client, seeker, vacancy):
    hire(client, seeker["id"], vacancy["id"])
    read = client.get(f"/api/v1/vacancies/{vacancy['id']}").json()

    too_few = client.patch(
        f"/api/v1/vacancies/{vacancy['id']}",
        json={"version": read["version"], "openings": 0},
    )
    one = client.patch(
        f"/api/v1/vacancies/{vacancy['id']}",
        json={"version": read["version"], "openings": 1},
    )
    reopened = client.patch(
        f"/api/v1/vacancies/{vacancy['id']}",
        json={"version": one.json()["version"], "openings": 4},
    )

    assert_invalid(too_few, "openings")
    assert one.json()["status"] == "filled"
    assert (reopened.json()["status"], reopened.json()["openings_left"]) == ("open", 3)


def test_hire_may_not_start_before_the_last_status_change(client, household, vacancy):
    person = create_person(client, household["id"])
    referral = create_referral(client, person["id"], vacancy["id"], status="referred")
    move(client, referral["id"], "interviewed")
    before = (today() - timedelta(days=1)).isoformat()

    response = move(
        client, referral["id"], "hired", started_on=before, monthly_wage=4000
    )

    assert "last status change" in assert_invalid(response, "started_on")["started_on"]
