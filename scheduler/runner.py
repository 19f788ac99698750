"""Run the jobs that are due, each occurrence once, and keep the ledger.

Which occurrences run: for each job, only its latest occurrence at or before ``now``,
and only when it has not run and is later than the job's last recorded occurrence
that the clock has reached. Missed occurrences are coalesced into that latest one,
as the scheduler process does with APScheduler's ``coalesce``; a job that never ran
starts with its latest occurrence, not with every day since the calendar began. A
run for a future ``now`` (``run-due --now`` ahead of the clock) runs its occurrence
once, and does not hold back the occurrences the clock reaches before it. A failed
or interrupted occurrence is recorded and not tried again; the job's next
occurrence runs as usual.
"""

import logging
import time
from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlalchemy import Engine

from app.clock import utcnow
from app.config import Settings
from app.db import session_scope
from app.errors import DomainError
from app.models.jobs import JobRunStatus
from scheduler import ledger
from scheduler.calendar import CALENDAR, ScheduledJob
from scheduler.occurrences import Occurrence, latest_occurrence

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RunResult:
    """How one occurrence's run ended; ``error`` is set when it failed."""

    job: str
    due_at: datetime
    status: JobRunStatus
    counts: dict[str, int] | None = None
    error: str | None = None

    @property
    def is_failed(self) -> bool:
        return self.status == JobRunStatus.FAILED

    def describe(self, timezone: tzinfo) -> str:
        """Return a one-line summary: job, due time in ``timezone``, outcome."""
        detail = self.error or " ".join(
            f"{k}={v}" for k, v in (self.counts or {}).items()
        )
        due = self.due_at.astimezone(timezone).isoformat()
        return f"{self.job} {due} {self.status} {detail}".rstrip()


def run_due(
    engine: Engine,
    settings: Settings,
    now: datetime,
    *,
    calendar: tuple[ScheduledJob, ...] = CALENDAR,
) -> list[RunResult]:
    """Run every job of ``calendar`` whose latest occurrence up to ``now`` has not run.

    Each job runs in a transaction of its own; one that fails is logged and recorded
    and the others still run. Returns the runs this call made, in calendar order;
    occurrences already run, or claimed by another runner meanwhile, are left out.
    """
    results = (run_job_due(engine, settings, job, now) for job in calendar)
    return [result for result in results if result is not None]


def run_job_due(
    engine: Engine, settings: Settings, job: ScheduledJob, now: datetime
) -> RunResult | None:
    """Run the job's latest occurrence up to ``now``; None when there is none to run."""
    due_at = latest_occurrence(job.trigger(settings.tz), now)
    if due_at is None:
        return None

    try:
        if not _claim(engine, settings, job, due_at):
            return None
    except Exception as exc:
        logger.exception("job %s due %s: could not claim it", job.name, due_at)
        return RunResult(job.name, due_at, JobRunStatus.FAILED, error=_describe(exc))

    return _run(engine, settings, job, Occurrence(due_at=due_at, now=now))


def _claim(
    engine: Engine, settings: Settings, job: ScheduledJob, due_at: datetime
) -> bool:
    last = ledger.last_due_at(engine, job.name, until=max(utcnow(), due_at))
    if last is not None and due_at <= last:
        return False

    if last is not None:
        _warn_if_missed(settings, job, last, due_at)
    claimed = ledger.claim(engine, job.name, due_at)
    if not claimed:
        logger.info("job %s due %s: another runner has it", job.name, due_at)
    return claimed


def _warn_if_missed(
    settings: Settings, job: ScheduledJob, last: datetime, due_at: datetime
) -> None:
    following = job.trigger(settings.tz).get_next_fire_time(last, last)
    if following is not None and following < due_at:
        logger.warning(
            "job %s: the occurrences from %s to before %s were missed; only %s runs",
            job.name,
            following,
            due_at,
            due_at,
        )


def _run(
    engine: Engine, settings: Settings, job: ScheduledJob, occurrence: Occurrence
) -> RunResult:
    due_at, started = occurrence.due_at, time.monotonic()
    try:
        with session_scope(engine, write=True) as session:
            counts = job.run(session, settings, occurrence)
            ledger.succeed(session, job.name, due_at, counts)
    except Exception as exc:
        logger.exception("job %s due %s failed", job.name, due_at)
        return _record_failure(engine, job.name, due_at, _describe(exc))
    except BaseException:
        # Ctrl-C or shutdown in the middle: leave no run marked as still going.
        _record_failure(engine, job.name, due_at, "interrupted")
        raise

    seconds = time.monotonic() - started
    logger.info("job %s due %s done in %.2f s: %s", job.name, due_at, seconds, counts)
    return RunResult(job.name, due_at, JobRunStatus.SUCCEEDED, counts=counts)


def _record_failure(
    engine: Engine, job: str, due_at: datetime, error: str
) -> RunResult:
    try:
        ledger.fail(engine, job, due_at, error)
    except Exception:
        logger.exception("job %s due %s: could not record its failure", job, due_at)
    return RunResult(job, due_at, JobRunStatus.FAILED, error=error)


def _describe(exc: Exception) -> str:
    # Only the service's own messages are kept: a database error's text can quote
    # the row's values, personal data included. The log has the full trace.
    if isinstance(exc, DomainError):
        return f"{type(exc).__name__}: {exc.detail}"
    return type(exc).__name__
