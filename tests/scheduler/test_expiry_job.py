from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from app.db import session_scope
from app.models import Referral, ReferralEvent
from app.models.jobs import JobRunStatus
from scheduler import run_due
from tests.factories import (
    create_employer,
    create_household,
    create_person,
    create_vacancy,
)

NOW = datetime(2026, 12, 25, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


def _vacancy_and_people(client, people):
    employer = create_employer(client)
    vacancy = create_vacancy(client, employer["id"])
    household = create_household(client)
    person_ids = [create_person(client, household["id"])["id"] for _ in range(people)]
    return vacancy["id"], person_ids


def _insert_referral(engine, person_id, vacancy_id, *, idle, status="referred"):
    changed_at = NOW - idle
    with session_scope(engine, write=True) as session:
        referral = Referral(
            person_id=person_id,
            vacancy_id=vacancy_id,
            status=status,
            status_changed_at=changed_at,
        )
        session.add(referral)
        session.flush()
        return referral.id


def _run_calendar(engine, settings):
    """Run every job due at NOW; return the expiry job's run."""
    results = run_due(engine, settings, NOW)
    return next(result for result in results if result.job == "expire_referrals")


def _status(engine, referral_id):
    with session_scope(engine) as session:
        return session.get(Referral, referral_id).status


def _events(engine, referral_id):
    with session_scope(engine) as session:
        statement = select(ReferralEvent).where(
            ReferralEvent.referral_id == referral_id
        )
        return list(session.exec(statement).all())


def test_expiry_job_expires_an_idle_referral_and_leaves_a_fresh_one(
    client, engine, settings
):
    vacancy_id, (idle_person, fresh_person) = _vacancy_and_people(client, 2)
    days = settings.referral_expiry_days
    idle = _insert_referral(
        engine, idle_person, vacancy_id, idle=timedelta(days=days, hours=1)
    )
    fresh = _insert_referral(
        engine, fresh_person, vacancy_id, idle=timedelta(days=days, hours=-1)
    )

    result = _run_calendar(engine, settings)

    assert (result.job, result.status, result.counts) == (
        "expire_referrals",
        JobRunStatus.SUCCEEDED,
        {"expired": 1},
    )
    assert _status(engine, idle) == "expired"
    assert _status(engine, fresh) == "referred"
    [event] = _events(engine, idle)
    assert (event.from_status, event.to_status) == ("referred", "expired")
    assert (event.actor, event.actor_key_id) == ("jobmatch", None)
    assert _events(engine, fresh) == []


def test_expiry_job_leaves_closed_referrals_alone(client, engine, settings):
    vacancy_id, [person_id] = _vacancy_and_people(client, 1)
    rejected = _insert_referral(
        engine, person_id, vacancy_id, idle=timedelta(days=400), status="rejected"
    )

    result = _run_calendar(engine, settings)

    assert result.counts == {"expired": 0}
    assert _status(engine, rejected) == "rejected"


def test_expiry_follows_the_configured_number_of_days(client, engine, settings):
    vacancy_id, [person_id] = _vacancy_and_people(client, 1)
    referral = _insert_referral(engine, person_id, vacancy_id, idle=timedelta(days=8))
    settings.referral_expiry_days = 7

    _run_calendar(engine, settings)

    assert _status(engine, referral) == "expired"
