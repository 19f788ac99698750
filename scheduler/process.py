"""The long-running scheduler process: APScheduler fires each job of the calendar.

Every firing goes through the same ledger as ``run-due``, so the process and a
``run-due`` started beside it never run one occurrence twice. On start the process
first catches up on what fell due while it was down, by the rules of ``run_due``.
"""

import logging
import signal

from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy import Engine

from app.clock import utcnow
from app.config import Settings
from app.db import create_db_engine
from scheduler.calendar import CALENDAR, ScheduledJob
from scheduler.runner import run_due, run_job_due

logger = logging.getLogger(__name__)

CATCH_UP = "catch_up"
# Fire once for a run of missed times, however late; the ledger decides the rest.
JOB_OPTIONS = {"coalesce": True, "misfire_grace_time": None, "max_instances": 1}


def build_scheduler(
    engine: Engine,
    settings: Settings,
    *,
    calendar: tuple[ScheduledJob, ...] = CALENDAR,
) -> BlockingScheduler:
    """Return a scheduler, not yet started, with the catch-up and every job."""
    scheduler = BlockingScheduler(timezone=settings.tz)
    scheduler.add_job(
        _catch_up,
        "date",
        args=(engine, settings, calendar),
        id=CATCH_UP,
        name="catch up on missed occurrences",
        **JOB_OPTIONS,
    )
    for job in calendar:
        trigger = job.trigger(settings.tz)
        args = (engine, settings, job)
        scheduler.add_job(
            _fire, trigger, args, id=job.name, name=job.name, **JOB_OPTIONS
        )
    return scheduler


def run_scheduler(settings: Settings) -> None:
    """Run the scheduler until SIGTERM or Ctrl-C; jobs already running finish first."""
    engine = create_db_engine(
        settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms
    )
    scheduler = build_scheduler(engine, settings)
    # SIGTERM (docker stop, systemd) stops the process the way Ctrl-C does.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    logger.info("scheduler starting in time zone %s", settings.timezone)

    try:
        scheduler.start()
    except KeyboardInterrupt:
        logger.info("scheduler stopping; waiting for running jobs")
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=True)
        engine.dispose()
    logger.info("scheduler stopped")


def _catch_up(
    engine: Engine, settings: Settings, calendar: tuple[ScheduledJob, ...]
) -> None:
    results = run_due(engine, settings, utcnow(), calendar=calendar)
    logger.info("caught up: %d occurrences ran", len(results))


def _fire(engine: Engine, settings: Settings, job: ScheduledJob) -> None:
    run_job_due(engine, settings, job, utcnow())
