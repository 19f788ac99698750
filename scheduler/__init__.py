"""Scheduled jobs: the calendar, the ledger of runs, ``run-due`` and the process.

Jobs run on a calendar in the office's time zone (``scheduler.calendar``). Each
occurrence of a job runs at most once, whether the long-running process fires it or
``jobmatch run-due`` finds it due, because a runner first claims it in the
``job_run`` ledger.
"""

from scheduler.calendar import CALENDAR, ScheduledJob
from scheduler.occurrences import Occurrence
from scheduler.process import build_scheduler, run_scheduler
from scheduler.runner import RunResult, run_due

__all__ = [
    "CALENDAR",
    "Occurrence",
    "RunResult",
    "ScheduledJob",
    "build_scheduler",
    "run_due",
    "run_scheduler",
]
