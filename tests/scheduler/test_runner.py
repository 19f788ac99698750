import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.models.jobs import JobRunStatus
from scheduler import ledger as job_ledger
from scheduler import run_due
from tests.scheduler.helpers import (
    CountingJob,
    adds_a_station_then_fails,
    daily,
    interrupted,
    ledger,
    refuses,
    station_names,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
CHRISTMAS_MORNING = datetime(2026, 12, 25, 9, tzinfo=SHANGHAI)
CHRISTMAS_AT_ONE = datetime(2026, 12, 25, 1, tzinfo=SHANGHAI)


def test_a_due_job_runs_once_and_a_second_call_does_nothing(engine, settings):
    job = CountingJob()
    calendar = (daily("count", job),)

    first = run_due(engine, settings, CHRISTMAS_MORNING, calendar=calendar)
    second = run_due(engine, settings, CHRISTMAS_MORNING, calendar=calendar)

    assert [(r.job, r.due_at, r.status) for r in first] == [
        ("count", CHRISTMAS_AT_ONE, JobRunStatus.SUCCEEDED)
    ]
    assert second == []
    assert job.due_times == [CHRISTMAS_AT_ONE]


def test_the_job_runs_as_of_the_given_now(engine, settings):
    job = CountingJob()

    run_due(engine, settings, CHRISTMAS_MORNING, calendar=(daily("count", job),))

    assert job.ran[0].now == CHRISTMAS_MORNING


def test_a_successful_run_is_recorded_with_its_counts(engine, settings):
    run_due(
        engine, settings, CHRISTMAS_MORNING, calendar=(daily("count", CountingJob()),)
    )

    [run] = ledger(engine)
    assert (run.job, run.due_at, run.status) == (
        "count",
        CHRISTMAS_AT_ONE,
        JobRunStatus.SUCCEEDED,
    )
    assert run.counts == {"ran": 1}
    assert run.finished_at is not None
    assert run.finished_at >= run.started_at
    assert run.error is None


def test_a_later_now_runs_the_next_occurrence(engine, settings):
    job = CountingJob()
    calendar = (daily("count", job),)
    run_due(engine, settings, CHRISTMAS_MORNING, calendar=calendar)

    later = run_due(
        engine, settings, CHRISTMAS_MORNING + timedelta(days=1), calendar=calendar
    )

    assert [r.due_at for r in later] == [CHRISTMAS_AT_ONE + timedelta(days=1)]
    assert job.due_times == [CHRISTMAS_AT_ONE, CHRISTMAS_AT_ONE + timedelta(days=1)]


def test_an_instant_before_the_next_occurrence_runs_nothing(engine, settings):
    job = CountingJob()
    calendar = (daily("count", job),)
    run_due(engine, settings, CHRISTMAS_MORNING, calendar=calendar)

    just_before = CHRISTMAS_AT_ONE + timedelta(days=1, seconds=-1)
    assert run_due(engine, settings, just_before, calendar=calendar) == []


def test_missed_occurrences_are_coalesced_into_the_latest(engine, settings):
    job = CountingJob()
    calendar = (daily("count", job),)
    run_due(engine, settings, CHRISTMAS_MORNING, calendar=calendar)

    run_due(engine, settings, CHRISTMAS_MORNING + timedelta(days=5), calendar=calendar)

    assert job.due_times == [CHRISTMAS_AT_ONE, CHRISTMAS_AT_ONE + timedelta(days=5)]


def test_a_job_that_never_ran_starts_with_its_latest_occurrence(engine, settings):
    job = CountingJob()

    run_due(engine, settings, CHRISTMAS_MORNING, calendar=(daily("count", job),))

    assert job.due_times == [CHRISTMAS_AT_ONE]


def test_an_instant_before_the_last_recorded_run_runs_nothing(engine, settings):
    job = CountingJob()
    calendar = (daily("count", job),)
    run_due(engine, settings, CHRISTMAS_MORNING, calendar=calendar)

    earlier = run_due(
        engine, settings, CHRISTMAS_MORNING - timedelta(days=3), calendar=calendar
    )

    assert earlier == []
    assert job.due_times == [CHRISTMAS_AT_ONE]


def test_a_run_ahead_of_the_clock_holds_back_nothing_the_clock_reaches_first(
    engine, settings, runner_clock
):
    job = CountingJob()
    calendar = (daily("count", job),)
    runner_clock["now"] = CHRISTMAS_MORNING - timedelta(days=10)
    ahead = CHRISTMAS_MORNING + timedelta(days=365 * 70)
    run_due(engine, settings, ahead, calendar=calendar)

    on_time = run_due(engine, settings, CHRISTMAS_MORNING, calendar=calendar)
    again = run_due(engine, settings, ahead, calendar=calendar)

    assert [r.due_at for r in on_time] == [CHRISTMAS_AT_ONE]
    assert again == []
    assert len(job.due_times) == 2


def test_concurrent_runners_run_an_occurrence_exactly_once(engine, settings):
    job = CountingJob()
    calendar = (daily("count", job),)
    runners = 4
    start = threading.Barrier(runners)
    results = []

    def runner():
        start.wait()
        results.extend(run_due(engine, settings, CHRISTMAS_MORNING, calendar=calendar))

    threads = [threading.Thread(target=runner) for _ in range(runners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert job.due_times == [CHRISTMAS_AT_ONE]
    assert [r.status for r in results] == [JobRunStatus.SUCCEEDED]
    assert len(ledger(engine)) == 1


def test_an_occurrence_claimed_by_another_runner_cannot_be_claimed(engine):
    assert job_ledger.claim(engine, "count", CHRISTMAS_AT_ONE)

    assert not job_ledger.claim(engine, "count", CHRISTMAS_AT_ONE)
    assert len(ledger(engine)) == 1


def test_a_failing_job_is_recorded_and_the_others_still_run(engine, settings):
    job = CountingJob()
    calendar = (daily("breaks", adds_a_station_then_fails), daily("count", job))

    results = run_due(engine, settings, CHRISTMAS_MORNING, calendar=calendar)

    assert [(r.job, r.status, r.error) for r in results] == [
        ("breaks", JobRunStatus.FAILED, "RuntimeError"),
        ("count", JobRunStatus.SUCCEEDED, None),
    ]
    assert job.due_times == [CHRISTMAS_AT_ONE]
    failed = next(run for run in ledger(engine) if run.job == "breaks")
    assert (failed.status, failed.error, failed.counts) == (
        JobRunStatus.FAILED,
        "RuntimeError",
        None,
    )
    assert failed.finished_at is not None


def test_a_failing_job_changes_nothing(engine, settings):
    calendar = (daily("breaks", adds_a_station_then_fails),)

    run_due(engine, settings, CHRISTMAS_MORNING, calendar=calendar)

    assert "半途" not in station_names(engine)


def test_a_failed_occurrence_is_not_run_again(engine, settings):
    calendar = (daily("breaks", adds_a_station_then_fails),)
    run_due(engine, settings, CHRISTMAS_MORNING, calendar=calendar)

    assert run_due(engine, settings, CHRISTMAS_MORNING, calendar=calendar) == []


def test_an_interrupted_run_is_recorded_as_failed_and_stops_the_runner(
    engine, settings
):
    calendar = (daily("interrupted", interrupted),)

    with pytest.raises(KeyboardInterrupt):
        run_due(engine, settings, CHRISTMAS_MORNING, calendar=calendar)

    [run] = ledger(engine)
    assert (run.status, run.error) == (JobRunStatus.FAILED, "interrupted")


def test_a_refusal_keeps_its_explanation_in_the_ledger(engine, settings):
    calendar = (daily("refuses", refuses),)

    [result] = run_due(engine, settings, CHRISTMAS_MORNING, calendar=calendar)

    expected = "Conflict: A referral changed while expiring; run again"
    assert result.error == expected
    assert ledger(engine)[0].error == expected


def test_a_run_is_described_in_one_line_in_office_time(engine, settings):
    calendar = (daily("count", CountingJob()),)

    [result] = run_due(engine, settings, CHRISTMAS_MORNING, calendar=calendar)

    assert (
        result.describe(SHANGHAI) == "count 2026-12-25T01:00:00+08:00 succeeded ran=1"
    )
