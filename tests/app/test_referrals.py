"""Referrals: creation, the allowed moves, who and when, and what a hire closes."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from app.clock import today
from app.db import session_scope
from app.models import Referral
from app.services.referrals import expire_referrals
from tests.factories import (
    create_api_key,
    create_employer,
    create_household,
    create_person,
    create_referral,
    create_vacancy,
    hire,
    move,
)
from tests.problems import assert_invalid, assert_problem


@pytest.fixture
def seeker(client):
    household = create_household(client)
    return create_person(client, household["id"])


@pytest.fixture
def vacancy(client):
    employer = create_employer(client)
    return create_vacancy(client, employer["id"], openings=2)


def test_referral_starts_proposed_with_its_creation_recorded(client, seeker, vacancy):
    referral = create_referral(client, seeker["id"], vacancy["id"], note="周五会")

    assert referral["status"] == "proposed"
    assert referral["version"] == 1
    [event] = referral["events"]
    assert (event["from_status"], event["to_status"]) == (None, "proposed")
    assert event["actor"] == "bootstrap admin"
    assert event["actor_key_id"] is not None
    assert event["note"] == "周五会"


def test_referral_moves_step_by_step_and_records_each_move(client, seeker, vacancy):
    referral = create_referral(client, seeker["id"], vacancy["id"])

    for to in ("referred", "interviewed"):
        response = move(client, referral["id"], to)
        assert response.status_code == 200, response.text
    read = client.get(f"/api/v1/referrals/{referral['id']}").json()

    assert read["status"] == "interviewed"
    steps = [(e["from_status"], e["to_status"]) for e in read["events"]]
    assert steps == [
        (None, "proposed"),
        ("proposed", "referred"),
        ("referred", "interviewed"),
    ]
    times = [datetime.fromisoformat(e["occurred_at"]) for e in read["events"]]
    assert times == sorted(times)
    assert all(t.tzinfo is not None for t in times)


@pytest.mark.parametrize(
    ("path", "to"),
    [
        ((), "interviewed"),
        ((), "hired"),
        (("referred",), "proposed"),
        (("referred", "interviewed"), "referred"),
        (("rejected",), "referred"),
        (("withdrawn",), "withdrawn"),
        ((), "hired_elsewhere"),
        ((), "expired"),
    ],
)
def test_illegal_move_is_409_and_changes_nothing(client, seeker, vacancy, path, to):
    referral = create_referral(client, seeker["id"], vacancy["id"])
    for step in path:
        fields = {"reason": "not_qualified"} if step == "rejected" else {}
        assert move(client, referral["id"], step, **fields).status_code == 200
    before = client.get(f"/api/v1/referrals/{referral['id']}").json()

    response = move(
        client, referral["id"], to, started_on=date.today().isoformat(), monthly_wage=1
    )

    assert_problem(response, 409)
    assert client.get(f"/api/v1/referrals/{referral['id']}").json() == before


def test_rejection_needs_a_reason_from_the_list(client, seeker, vacancy):
    referral = create_referral(client, seeker["id"], vacancy["id"])

    assert_invalid(move(client, referral["id"], "rejected"), "reason")
    assert_invalid(move(client, referral["id"], "rejected", reason="moody"), "reason")
    response = move(client, referral["id"], "rejected", reason="wage", note="嫌工资低")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["reason"], body["note"]) == (
        "rejected",
        "wage",
        "嫌工资低",
    )
    assert body["events"][-1]["reason"] == "wage"


def test_hire_needs_start_and_wage(client, seeker, vacancy):
    referral = create_referral(client, seeker["id"], vacancy["id"], status="referred")
    move(client, referral["id"], "interviewed")

    assert_invalid(move(client, referral["id"], "hired"), "started_on", "monthly_wage")
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = move(
        client, referral["id"], "hired", started_on=tomorrow, monthly_wage=4000
    )
    assert_invalid(response, "started_on")
    assert client.get(f"/api/v1/referrals/{referral['id']}").json()["status"] == (
        "interviewed"
    )


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"reason": "wage"}, ["reason"]),
        (
            {"started_on": "2026-01-05", "monthly_wage": 4000},
            ["started_on", "monthly_wage"],
        ),
    ],
)
def test_fields_of_another_move_are_refused_not_ignored(
    client, seeker, vacancy, fields, named
):
    referral = create_referral(client, seeker["id"], vacancy["id"])

    assert_invalid(move(client, referral["id"], "referred", **fields), *named)
    assert client.get(f"/api/v1/referrals/{referral['id']}").json()["status"] == (
        "proposed"
    )


def test_unknown_person_and_vacancy_are_both_named(client):
    response = client.post(
        "/api/v1/referrals", json={"person_id": 999999, "vacancy_id": 999998}
    )

    assert_invalid(response, "person_id", "vacancy_id")


def test_second_open_referral_to_the_same_vacancy_is_409(client, seeker, vacancy):
    create_referral(client, seeker["id"], vacancy["id"])

    response = client.post(
        "/api/v1/referrals",
        json={"person_id": seeker["id"], "vacancy_id": vacancy["id"]},
    )

    assert_problem(response, 409)
    assert client.get("/api/v1/referrals").json()["total"] == 1


def test_after_a_rejection_the_person_may_be_referred_again(client, seeker, vacancy):
    first = create_referral(client, seeker["id"], vacancy["id"])
    move(client, first["id"], "rejected", reason="no_show")

    second = create_referral(client, seeker["id"], vacancy["id"])

    assert second["id"] != first["id"]


def test_employed_person_or_closed_vacancy_cannot_be_referred(client, vacancy):
    household = create_household(client)
    worker = create_person(client, household["id"], employment_status="employed")
    seeker = create_person(client, household["id"])
    employer = create_employer(client)
    closed = create_vacancy(client, employer["id"], status="closed")

    refused = [
        client.post("/api/v1/referrals", json={"person_id": p, "vacancy_id": v})
        for p, v in ((worker["id"], vacancy["id"]), (seeker["id"], closed["id"]))
    ]

    for response in refused:
        assert_problem(response, 409)


def test_hire_closes_the_persons_other_open_referrals(client, seeker, vacancy):
    employer = create_employer(client)
    other = create_vacancy(client, employer["id"])
    elsewhere = create_referral(client, seeker["id"], other["id"])

    hired = hire(client, seeker["id"], vacancy["id"])
    closed = client.get(f"/api/v1/referrals/{elsewhere['id']}").json()

    assert hired["status"] == "hired"
    assert hired["placement_id"] is not None
    assert closed["status"] == "hired_elsewhere"
    assert closed["events"][-1]["actor"] == "jobmatch"
    assert closed["events"][-1]["actor_key_id"] is None


def test_last_opening_filled_withdraws_the_vacancys_other_referrals(client, vacancy):
    household = create_household(client)
    people = [create_person(client, household["id"]) for _ in range(3)]
    waiting = create_referral(client, people[2]["id"], vacancy["id"])

    hire(client, people[0]["id"], vacancy["id"])
    still_open = client.get(f"/api/v1/referrals/{waiting['id']}").json()["status"]
    hire(client, people[1]["id"], vacancy["id"])
    closed = client.get(f"/api/v1/referrals/{waiting['id']}").json()

    assert still_open == "proposed"
    assert (closed["status"], closed["reason"]) == ("withdrawn", "vacancy_closed")
    read = client.get(f"/api/v1/vacancies/{vacancy['id']}").json()
    assert (read["status"], read["openings_filled"], read["openings_left"]) == (
        "filled",
        2,
        0,
    )


@pytest.mark.parametrize(
    ("change", "status"),
    [({"status": "closed"}, "closed"), ({"openings": 1}, "filled")],
)
def test_vacancy_closed_or_filled_by_hand_withdraws_its_referrals(
    client, vacancy, change, status
):
    household = create_household(client)
    people = [create_person(client, household["id"]) for _ in range(2)]
    hire(client, people[0]["id"], vacancy["id"])
    waiting = create_referral(client, people[1]["id"], vacancy["id"])
    version = client.get(f"/api/v1/vacancies/{vacancy['id']}").json()["version"]

    changed = client.patch(
        f"/api/v1/vacancies/{vacancy['id']}", json={"version": version} | change
    )

    assert changed.status_code == 200, changed.text
    assert changed.json()["status"] == status
    closed = client.get(f"/api/v1/referrals/{waiting['id']}").json()
    assert (closed["status"], closed["reason"]) == ("withdrawn", "vacancy_closed")
    assert closed["events"][-1]["actor"] == "jobmatch"


def test_referrals_listed_by_person_status_and_openness(client, seeker, vacancy):
    first = create_referral(client, seeker["id"], vacancy["id"])
    move(client, first["id"], "withdrawn")
    second = create_referral(client, seeker["id"], vacancy["id"])

    def ids(**filters):
        listed = client.get("/api/v1/referrals", params=filters).json()["items"]
        return [r["id"] for r in listed]

    assert ids(person_id=seeker["id"]) == [first["id"], second["id"]]
    assert ids(is_open=True) == [second["id"]]
    assert ids(status="withdrawn") == [first["id"]]


def test_listed_referrals_carry_the_placement_their_hire_created(
    client, seeker, vacancy
):
    hired = hire(client, seeker["id"], vacancy["id"])
    household = create_household(client)
    waiting = create_referral(
        client, create_person(client, household["id"])["id"], vacancy["id"]
    )

    listed = client.get("/api/v1/referrals").json()["items"]

    placements = {r["id"]: r["placement_id"] for r in listed}
    assert placements == {hired["id"]: hired["placement_id"], waiting["id"]: None}
    assert hired["placement_id"] is not None


@pytest.mark.parametrize("role", ["grid_worker", "station_staff", "employer"])
def test_only_officers_and_admins_work_referrals(client, seeker, vacancy, role):
    scope = {"employer_id": vacancy["employer_id"]} if role == "employer" else {}
    if role == "station_staff":
        scope = {"station_id": client.get("/api/v1/stations").json()["items"][0]["id"]}
    key = create_api_key(client, role, **scope)["key"]
    headers = {"Authorization": f"Bearer {key}"}
    body = {"person_id": seeker["id"], "vacancy_id": vacancy["id"]}

    assert_problem(client.post("/api/v1/referrals", json=body, headers=headers), 403)
    assert_problem(client.get("/api/v1/referrals", headers=headers), 403)


def test_officer_key_name_is_the_actor(client, seeker, vacancy):
    officer = create_api_key(client, "officer")
    headers = {"Authorization": f"Bearer {officer['key']}"}
    body = {"person_id": seeker["id"], "vacancy_id": vacancy["id"]}

    referral = client.post("/api/v1/referrals", json=body, headers=headers).json()

    assert referral["events"][0]["actor"] == "test officer"
    assert referral["events"][0]["actor_key_id"] == officer["id"]


def test_same_idempotency_key_replays_the_transition(client, seeker, vacancy):
    referral = create_referral(client, seeker["id"], vacancy["id"])
    path = f"/api/v1/referrals/{referral['id']}/transitions"
    headers = {"Idempotency-Key": "move-1"}

    first = client.post(path, json={"to": "referred"}, headers=headers)
    again = client.post(path, json={"to": "referred"}, headers=headers)

    assert first.status_code == again.status_code == 200
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert len(client.get(path.removesuffix("/transitions")).json()["events"]) == 2


def test_idle_open_referrals_expire_and_others_stay(client, engine, seeker, vacancy):
    idle = create_referral(client, seeker["id"], vacancy["id"])
    employer = create_employer(client)
    other = create_vacancy(client, employer["id"])
    done = create_referral(client, seeker["id"], other["id"])
    move(client, done["id"], "withdrawn")
    now = datetime.now(UTC)

    with session_scope(engine, write=True) as session:
        early = expire_referrals(session, now=now + timedelta(days=29), days=30)
    with session_scope(engine, write=True) as session:
        expired = expire_referrals(session, now=now + timedelta(days=31), days=30)
    with session_scope(engine, write=True) as session:
        again = expire_referrals(session, now=now + timedelta(days=31), days=30)
        statuses = dict(session.exec(select(Referral.id, Referral.status)).all())

    assert (early, expired, again) == (0, 1, 0)
    assert statuses == {idle["id"]: "expired", done["id"]: "withdrawn"}
    read = client.get(f"/api/v1/referrals/{idle['id']}").json()
    assert read["events"][-1]["to_status"] == "expired"
    assert read["events"][-1]["actor"] == "jobmatch"
    assert "30 days" in read["events"][-1]["note"]


def test_bad_body_names_unknown_references_too(client, seeker):
    response = client.post(
        "/api/v1/referrals",
        json={"person_id": seeker["id"], "vacancy_id": 999999, "status": "hired"},
    )

    assert_invalid(response, "vacancy_id", "status")
