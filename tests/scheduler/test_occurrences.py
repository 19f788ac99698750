from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from scheduler import CALENDAR
from scheduler.occurrences import latest_occurrence, occurrences

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")


def _job(name):
    return next(job for job in CALENDAR if job.name == name)


def test_referral_expiry_is_due_at_one_in_the_morning_office_time():
    trigger = _job("expire_referrals").trigger(SHANGHAI)

    due_at = latest_occurrence(trigger, datetime(2026, 12, 25, 9, tzinfo=SHANGHAI))

    assert due_at == datetime(2026, 12, 25, 1, tzinfo=SHANGHAI)
    assert due_at.astimezone(UTC) == datetime(2026, 12, 24, 17, tzinfo=UTC)


def test_household_refresh_is_due_at_half_past_midnight_before_referral_expiry():
    trigger = _job("refresh_households").trigger(SHANGHAI)

    due_at = latest_occurrence(trigger, datetime(2026, 12, 25, 9, tzinfo=SHANGHAI))

    assert due_at == datetime(2026, 12, 25, 0, 30, tzinfo=SHANGHAI)
    assert [job.name for job in CALENDAR] == ["refresh_households", "expire_referrals"]


def test_occurrences_follow_the_office_time_zone():
    until = datetime(2026, 12, 25, 12, tzinfo=UTC)

    in_shanghai = latest_occurrence(_job("expire_referrals").trigger(SHANGHAI), until)
    in_berlin = latest_occurrence(_job("expire_referrals").trigger(BERLIN), until)

    assert in_shanghai == datetime(2026, 12, 24, 17, tzinfo=UTC)
    assert in_berlin == datetime(2026, 12, 25, 0, tzinfo=UTC)


def test_an_occurrence_exactly_at_the_instant_is_due():
    trigger = CronTrigger(hour=1, timezone=SHANGHAI)
    at_one = datetime(2026, 12, 25, 1, tzinfo=SHANGHAI)

    assert latest_occurrence(trigger, at_one) == at_one


def test_latest_occurrence_of_a_monthly_rule_is_found_weeks_back():
    trigger = CronTrigger(day=25, hour=6, timezone=SHANGHAI)

    due_at = latest_occurrence(trigger, datetime(2027, 1, 20, tzinfo=SHANGHAI))

    assert due_at == datetime(2026, 12, 25, 6, tzinfo=SHANGHAI)


def test_an_occurrence_older_than_the_lookback_is_never_due():
    trigger = CronTrigger(year=2020, month=1, day=1, timezone=SHANGHAI)

    assert latest_occurrence(trigger, datetime(2026, 12, 25, tzinfo=UTC)) is None


def test_occurrences_lists_every_fire_time_between_both_ends_included():
    trigger = CronTrigger(day_of_week="fri", hour=9, timezone=SHANGHAI)
    start = datetime(2026, 12, 4, 9, tzinfo=SHANGHAI)

    end = datetime(2026, 12, 18, 9, tzinfo=SHANGHAI)

    fired = list(occurrences(trigger, start, end))

    assert [due.day for due in fired] == [4, 11, 18]
