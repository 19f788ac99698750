"""The schedule as data: which job runs when, in the office's time zone.

Adding a job is one line in ``CALENDAR``: a name, the job function and its cron
fields, those of APScheduler's ``CronTrigger`` (``year``, ``month``, ``day``,
``week``, ``day_of_week``, ``hour``, ``minute``, ``second``). Fields finer than the
finest one given default to their first value, so ``{"hour": 1}`` is 01:00:00 every
day, and every field is read in the office's time zone (``JOBMATCH_TIMEZONE``).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import tzinfo

from apscheduler.triggers.cron import CronTrigger
from sqlmodel import Session

from app.config import Settings
from scheduler import jobs
from scheduler.occurrences import Occurrence

JobFunction = Callable[[Session, Settings, Occurrence], dict[str, int]]


@dataclass(frozen=True, slots=True)
class ScheduledJob:
    """A job of the calendar: its name in the ledger, its function and its rule."""

    name: str
    run: JobFunction
    cron: Mapping[str, int | str]

    def trigger(self, timezone: tzinfo) -> CronTrigger:
        """Return the job's trigger, reading its cron fields in ``timezone``."""
        return CronTrigger(timezone=timezone, **self.cron)


CALENDAR: tuple[ScheduledJob, ...] = (
    # Soon after midnight: members turn 16 or 60 as the day begins.
    ScheduledJob(
        "refresh_households", jobs.refresh_households, {"hour": 0, "minute": 30}
    ),
    ScheduledJob("expire_referrals", jobs.expire_referrals, {"hour": 1, "minute": 0}),
)
