"""When a job is due: occurrences of its trigger, and the latest one before a moment.

APScheduler's triggers only look forward, from a given instant to the next fire time;
``latest_occurrence`` finds the last one at or before an instant by searching windows
reaching further back, doubling each time.
"""

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.triggers.base import BaseTrigger

# An occurrence further back than this is never run; a year and a bit, so that even a
# yearly job is found.
LOOKBACK = timedelta(days=400)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One run of a job: when it was due, and the instant the run takes as now.

    ``now`` is the clock when the process fires a job on time; for ``run-due`` it is
    the instant given on the command line, so a late run acts as of that instant.
    """

    due_at: datetime
    now: datetime


def occurrences(
    trigger: BaseTrigger, start: datetime, end: datetime
) -> Iterator[datetime]:
    """Yield the trigger's fire times from ``start`` to ``end``, both included."""
    due: datetime | None = trigger.get_next_fire_time(None, start)
    while due is not None and due <= end:
        yield due
        due = trigger.get_next_fire_time(due, due)


def latest_occurrence(trigger: BaseTrigger, until: datetime) -> datetime | None:
    """Return the trigger's last fire time at or before ``until``, within LOOKBACK."""
    window = timedelta(days=1)
    while True:
        last = deque(occurrences(trigger, until - window, until), maxlen=1)
        if last or window >= LOOKBACK:
            return last[0] if last else None
        window = min(window * 2, LOOKBACK)
