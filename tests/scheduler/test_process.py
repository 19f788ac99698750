from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger

from app.models.jobs import JobRunStatus
from scheduler import CALENDAR, build_scheduler, process
from tests.scheduler.helpers import CountingJob, daily, ledger

SHANGHAI = ZoneInfo("Asia/Shanghai")
# 2026-12-25 09:00 in Shanghai.
CLOCK = datetime(2026, 12, 25, 1, tzinfo=UTC)


@pytest.fixture
def fixed_clock(monkeypatch):
    monkeypatch.setattr(process, "utcnow", lambda: CLOCK)


def _jobs(scheduler):
    return {job.id: job for job in scheduler.get_jobs()}


def test_scheduler_has_the_catch_up_and_every_calendar_job(engine, settings):
    scheduler = build_scheduler(engine, settings)

    jobs = _jobs(scheduler)

    assert set(jobs) == {"catch_up"} | {job.name for job in CALENDAR}
    assert isinstance(jobs["catch_up"].trigger, DateTrigger)
    assert scheduler.timezone == SHANGHAI


def test_scheduler_fires_each_job_on_its_calendar_trigger(engine, settings):
    scheduler = build_scheduler(engine, settings)

    trigger = _jobs(scheduler)["expire_referrals"].trigger

    assert isinstance(trigger, CronTrigger)
    assert trigger.timezone == SHANGHAI
    next_fire = trigger.get_next_fire_time(None, CLOCK)
    assert next_fire == datetime(2026, 12, 26, 1, tzinfo=SHANGHAI)


def test_scheduler_coalesces_missed_runs_and_never_overlaps_a_job(engine, settings):
    scheduler = build_scheduler(engine, settings)

    for job in scheduler.get_jobs():
        assert job.coalesce is True
        assert job.misfire_grace_time is None
        assert job.max_instances == 1


def test_a_fired_job_goes_through_the_ledger(engine, settings, fixed_clock):
    counting = CountingJob()
    scheduler = build_scheduler(engine, settings, calendar=(daily("count", counting),))
    fired = _jobs(scheduler)["count"]

    fired.func(*fired.args)
    fired.func(*fired.args)

    assert counting.due_times == [datetime(2026, 12, 25, 1, tzinfo=SHANGHAI)]
    assert [run.status for run in ledger(engine)] == [JobRunStatus.SUCCEEDED]


def test_the_catch_up_runs_what_is_due_and_a_fired_job_then_skips_it(
    engine, settings, fixed_clock
):
    counting = CountingJob()
    scheduler = build_scheduler(engine, settings, calendar=(daily("count", counting),))
    jobs = _jobs(scheduler)

    jobs["catch_up"].func(*jobs["catch_up"].args)
    jobs["count"].func(*jobs["count"].args)

    assert counting.due_times == [datetime(2026, 12, 25, 1, tzinfo=SHANGHAI)]
