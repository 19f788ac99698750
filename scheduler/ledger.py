"""The ledger of job runs: claim an occurrence, then record how its run ended.

A runner claims an occurrence by inserting its ``job_run`` row in a transaction of
its own. The row is unique per job and due time, so when two runners race (the
scheduler process and a ``run-due``, or two ``run-due``), one insert fails and that
runner leaves the occurrence alone.
"""

from datetime import datetime

from sqlalchemy import Engine, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.clock import utcnow
from app.db import session_scope
from app.models.jobs import JobRun, JobRunStatus


def last_due_at(engine: Engine, job: str, *, until: datetime) -> datetime | None:
    """Return the due time of the job's latest recorded occurrence due by ``until``,
    however it ended."""
    with session_scope(engine) as session:
        latest = select(func.max(JobRun.due_at)).where(
            JobRun.job == job, JobRun.due_at <= until
        )
        return session.exec(latest).one()


def claim(engine: Engine, job: str, due_at: datetime) -> bool:
    """Record the occurrence as running; False when another runner holds it."""
    try:
        with session_scope(engine, write=True) as session:
            session.add(JobRun(job=job, due_at=due_at, started_at=utcnow()))
    except IntegrityError:
        return False
    return True


def succeed(
    session: Session, job: str, due_at: datetime, counts: dict[str, int]
) -> None:
    """Mark the occurrence done, in the session that did its work."""
    run = _get(session, job, due_at)
    run.status = JobRunStatus.SUCCEEDED
    run.finished_at = utcnow()
    run.counts = counts
    session.add(run)
    session.flush()


def fail(engine: Engine, job: str, due_at: datetime, error: str) -> None:
    """Mark the occurrence failed, in a transaction of its own."""
    with session_scope(engine, write=True) as session:
        run = _get(session, job, due_at)
        run.status = JobRunStatus.FAILED
        run.finished_at = utcnow()
        run.error = error[:500]
        session.add(run)


def _get(session: Session, job: str, due_at: datetime) -> JobRun:
    statement = select(JobRun).where(JobRun.job == job, JobRun.due_at == due_at)
    return session.exec(statement).one()
