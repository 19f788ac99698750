from datetime import datetime, time, timedelta

from app.clock import today, utcnow
from app.models.jobs import JobRunStatus
from scheduler import CALENDAR, run_due
from tests.app.test_household_refresh import (
    cases_of,
    seeker_turning_60_today,
    status_of,
    worker_turning_60_today,
    years_before,
)
from tests.factories import create_household, create_person, id_number
from tests.scheduler.helpers import ledger

REFRESH = tuple(job for job in CALENDAR if job.name == "refresh_households")


def test_nightly_refresh_clears_the_case_of_a_seeker_who_turned_60(
    client, engine, settings
):
    household_id = seeker_turning_60_today(client)

    [result] = run_due(engine, settings, utcnow(), calendar=REFRESH)

    assert (result.job, result.status, result.counts) == (
        "refresh_households",
        JobRunStatus.SUCCEEDED,
        {"opened": 0, "cleared": 1},
    )
    [case] = cases_of(client, household_id)
    assert (case["cleared_on"], case["clear_reason"]) == (
        today().isoformat(),
        "no_labour_force",
    )
    assert ledger(engine)[0].counts == {"opened": 0, "cleared": 1}


def test_nightly_refresh_opens_a_case_when_the_only_worker_turned_60(
    client, engine, settings
):
    household_id = worker_turning_60_today(client)

    [result] = run_due(engine, settings, utcnow(), calendar=REFRESH)

    assert result.counts == {"opened": 1, "cleared": 0}
    case = status_of(client, household_id)["open_case"]
    assert (case["opened_on"], case["deadline_on"]) == (
        today().isoformat(),
        (today() + timedelta(days=30)).isoformat(),
    )


def test_nightly_refresh_follows_the_zero_employment_days_setting(
    client, engine, settings
):
    household_id = worker_turning_60_today(client)
    settings.zero_employment_days = 10

    run_due(engine, settings, utcnow(), calendar=REFRESH)

    case = status_of(client, household_id)["open_case"]
    assert case["deadline_on"] == (today() + timedelta(days=10)).isoformat()


def test_nightly_refresh_takes_the_office_date_of_its_instant(client, engine, settings):
    birthday = today() + timedelta(days=10)
    household = create_household(client)
    create_person(
        client, household["id"], id_number=id_number(years_before(birthday, 60))
    )
    # 00:45 in the office is still the day before in UTC, when the seeker is 59.
    now = datetime.combine(birthday, time(0, 45), tzinfo=settings.tz)

    [result] = run_due(engine, settings, now, calendar=REFRESH)

    assert result.counts == {"opened": 0, "cleared": 1}
    [case] = cases_of(client, household["id"])
    assert case["cleared_on"] == birthday.isoformat()


def test_nightly_refresh_changes_nothing_when_every_case_agrees(
    client, engine, settings
):
    create_person(client, create_household(client)["id"])
    create_person(client, create_household(client)["id"], employment_status="employed")

    [result] = run_due(engine, settings, utcnow(), calendar=REFRESH)

    assert result.counts == {"opened": 0, "cleared": 0}
