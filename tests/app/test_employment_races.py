"""Changes to one person or household racing each other: they wait, never fail.

Each test holds one change open in a transaction of its own, sends the other over
HTTP, waits until PostgreSQL shows that request waiting for a lock, then commits
the first. SQLite runs one writer at a time, so there the request simply waits for
the commit; the outcome must be the same.
"""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from app.clock import today
from app.db import open_session
from app.models.enums import PlacementEndReason, Role
from app.schemas.placements import FollowUpRecord, PlacementEnd
from app.schemas.referrals import ReferralTransition
from app.security import Principal
from app.services import follow_ups, placements, referrals
from tests.conftest import ADMIN_KEY
from tests.factories import (
    bearer,
    create_employer,
    create_household,
    create_person,
    create_referral,
    create_vacancy,
    hire,
    move,
)

OFFICER = Principal(api_key_id=None, role=Role.OFFICER, name="第一位干事")
A_YEAR_AGO = (today() - timedelta(days=365)).isoformat()
LOCK_WAIT_TIMEOUT_S = 30.0


@pytest.fixture
def household(client):
    return create_household(client)


@pytest.fixture
def employer(client):
    return create_employer(client)


def _person(client, household):
    return create_person(client, household["id"], registered_on=A_YEAR_AGO)


def _wait_for_a_lock_wait(engine: Engine) -> None:
    """Return once another PostgreSQL session waits for a lock; at once on SQLite."""
    if engine.dialect.name == "sqlite":
        return
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    deadline = time.monotonic() + LOCK_WAIT_TIMEOUT_S
    with engine.connect() as connection:
        # A transaction sees one snapshot of the statistics: end it each time.
        while connection.execute(waiting).scalar_one() == 0:
            connection.rollback()
            assert time.monotonic() < deadline, "the request never waited"
            threading.Event().wait(0.02)


@contextmanager
def _held(engine: Engine, change: Callable[[Session], Any]) -> Iterator[None]:
    """Make ``change`` in a transaction that commits when the block ends."""
    session = open_session(engine, write=True)
    try:
        change(session)
        session.flush()
        yield
        session.commit()
    finally:
        session.close()


def _race(
    engine: Engine,
    live_server: str,
    change: Callable[[Session], Any],
    method: str,
    path: str,
    body: dict[str, Any],
) -> httpx.Response:
    """Send the request while ``change`` is held, and commit the change once the
    request waits for it; return the request's answer."""
    answers: list[httpx.Response] = []

    def send() -> None:
        with httpx.Client(
            base_url=live_server, headers=bearer(ADMIN_KEY), timeout=60
        ) as http:
            answers.append(http.request(method, path, json=body))

    with _held(engine, change):
        thread = threading.Thread(target=send)
        thread.start()
        _wait_for_a_lock_wait(engine)
    thread.join()
    return answers[0]


def _hire_body() -> dict[str, Any]:
    return {"to": "hired", "started_on": today().isoformat(), "monthly_wage": 4200}


def _referral(client, referral_id):
    return client.get(f"/api/v1/referrals/{referral_id}").json()


def _interviewed_and_proposed(client, household, employer):
    """Return two referrals of one person: one interviewed, one only proposed."""
    person = _person(client, household)
    first = create_vacancy(client, employer["id"])
    second = create_vacancy(client, employer["id"])
    interviewed = create_referral(client, person["id"], first["id"], status="referred")
    assert move(client, interviewed["id"], "interviewed").status_code == 200
    return interviewed, create_referral(client, person["id"], second["id"])


def test_hire_waits_for_a_rejection_of_the_persons_other_referral(
    client, live_server, engine, settings, household, employer
):
    hired, other = _interviewed_and_proposed(client, household, employer)
    reject = ReferralTransition(to="rejected", reason="wage")

    answer = _race(
        engine,
        live_server,
        lambda s: referrals.transition(s, OFFICER, other["id"], reject, settings),
        "POST",
        f"/api/v1/referrals/{hired['id']}/transitions",
        _hire_body(),
    )

    assert answer.status_code == 200, answer.text
    assert _referral(client, other["id"])["status"] == "rejected"
    assert _referral(client, hired["id"])["status"] == "hired"


def test_rejection_after_a_hire_closed_the_referral_is_409(
    client, live_server, engine, settings, household, employer
):
    hired, other = _interviewed_and_proposed(client, household, employer)
    hire_move = ReferralTransition(**_hire_body())

    answer = _race(
        engine,
        live_server,
        lambda s: referrals.transition(s, OFFICER, hired["id"], hire_move, settings),
        "POST",
        f"/api/v1/referrals/{other['id']}/transitions",
        {"to": "rejected", "reason": "wage"},
    )

    assert answer.status_code == 409, answer.text
    assert _referral(client, other["id"])["status"] == "hired_elsewhere"


@pytest.mark.parametrize("who", ["the person hired", "another person"])
def test_referral_sent_during_a_hire_sees_it_when_it_commits(
    client, live_server, engine, settings, household, employer, who
):
    person, other = _person(client, household), _person(client, household)
    last_opening = create_vacancy(client, employer["id"], openings=1)
    elsewhere = create_vacancy(client, employer["id"])
    hired = create_referral(client, person["id"], last_opening["id"], status="referred")
    assert move(client, hired["id"], "interviewed").status_code == 200
    hire_move = ReferralTransition(**_hire_body())
    # The person hired, to another vacancy; or someone else, to the last opening.
    body = (
        {"person_id": person["id"], "vacancy_id": elsewhere["id"]}
        if who == "the person hired"
        else {"person_id": other["id"], "vacancy_id": last_opening["id"]}
    )

    answer = _race(
        engine,
        live_server,
        lambda s: referrals.transition(s, OFFICER, hired["id"], hire_move, settings),
        "POST",
        "/api/v1/referrals",
        body,
    )

    assert answer.status_code == 409, answer.text
    listed = client.get("/api/v1/referrals", params={"is_open": True}).json()
    assert listed["total"] == 0


def test_end_waits_for_a_follow_up_being_recorded(
    client, live_server, engine, settings, household, employer
):
    person = _person(client, household)
    vacancy = create_vacancy(client, employer["id"])
    started = today() - timedelta(days=40)
    placement_id = hire(client, person["id"], vacancy["id"], started)["placement_id"]
    listed = client.get("/api/v1/follow-ups", params={"placement_id": placement_id})
    first, *later = listed.json()["items"]
    record = FollowUpRecord(
        version=first["version"], contacted_on=today(), is_still_employed=True
    )

    answer = _race(
        engine,
        live_server,
        lambda s: follow_ups.record_follow_up(
            s, OFFICER, first["id"], record, settings
        ),
        "POST",
        f"/api/v1/placements/{placement_id}/end",
        {"ended_on": today().isoformat(), "reason": "quit"},
    )

    assert answer.status_code == 200, answer.text
    statuses = [
        client.get(f"/api/v1/follow-ups/{f['id']}").json()["status"]
        for f in (first, *later)
    ]
    assert statuses == ["done"] + ["cancelled"] * len(later)


def test_follow_up_recorded_during_the_end_is_409(
    client, live_server, engine, settings, household, employer
):
    person = _person(client, household)
    vacancy = create_vacancy(client, employer["id"])
    started = today() - timedelta(days=40)
    placement_id = hire(client, person["id"], vacancy["id"], started)["placement_id"]
    listed = client.get("/api/v1/follow-ups", params={"placement_id": placement_id})
    first = listed.json()["items"][0]
    end = PlacementEnd(ended_on=today(), reason=PlacementEndReason.QUIT)

    answer = _race(
        engine,
        live_server,
        lambda s: placements.end_placement(s, OFFICER, placement_id, end, settings),
        "PATCH",
        f"/api/v1/follow-ups/{first['id']}",
        {
            "version": first["version"],
            "contacted_on": today().isoformat(),
            "is_still_employed": True,
        },
    )

    assert answer.status_code == 409, answer.text
    assert client.get(f"/api/v1/follow-ups/{first['id']}").json()["status"] == (
        "cancelled"
    )


def test_two_placements_in_one_household_ending_at_once_both_end(
    client, live_server, engine, settings, household, employer
):
    vacancy = create_vacancy(client, employer["id"], openings=2)
    started = today() - timedelta(days=40)
    ids = [
        hire(client, _person(client, household)["id"], vacancy["id"], started)[
            "placement_id"
        ]
        for _ in range(2)
    ]
    end = PlacementEnd(ended_on=today(), reason=PlacementEndReason.EMPLOYER_CLOSED)

    answer = _race(
        engine,
        live_server,
        lambda s: placements.end_placement(s, OFFICER, ids[0], end, settings),
        "POST",
        f"/api/v1/placements/{ids[1]}/end",
        {"ended_on": today().isoformat(), "reason": "employer_closed"},
    )

    assert answer.status_code == 200, answer.text
    household_now = client.get(f"/api/v1/households/{household['id']}").json()
    assert household_now["alert_level"] == "yellow"
    assert household_now["is_zero_employment"] is True
