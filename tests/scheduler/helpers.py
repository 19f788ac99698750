"""Stand-in jobs and ledger readers for the scheduler tests."""

import threading
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from app.config import Settings
from app.db import session_scope
from app.errors import Conflict
from app.models import JobRun, Station
from scheduler import Occurrence, ScheduledJob

DAILY_AT_ONE = {"hour": 1, "minute": 0}


class CountingJob:
    """A job that remembers each occurrence it ran, safely across threads."""

    def __init__(self) -> None:
        self.ran: list[Occurrence] = []
        self._lock = threading.Lock()

    def __call__(
        self, _session: Session, _settings: Settings, occurrence: Occurrence
    ) -> dict[str, int]:
        with self._lock:
            self.ran.append(occurrence)
        return {"ran": len(self.ran)}

    @property
    def due_times(self) -> list[datetime]:
        return [occurrence.due_at for occurrence in self.ran]


def adds_a_station_then_fails(
    session: Session, settings: Settings, occurrence: Occurrence
) -> dict[str, int]:
    session.add(Station(name="半途", region_code="530113"))
    session.flush()
    raise RuntimeError("the job broke half-way")


def refuses(
    session: Session, settings: Settings, occurrence: Occurrence
) -> dict[str, int]:
    raise Conflict("A referral changed while expiring; run again")


def daily(name: str, run: Any) -> ScheduledJob:
    return ScheduledJob(name, run, DAILY_AT_ONE)


def ledger(engine: Engine) -> list[JobRun]:
    with session_scope(engine) as session:
        statement = select(JobRun).order_by(JobRun.job, JobRun.due_at)
        return list(session.exec(statement).all())


def station_names(engine: Engine) -> set[str]:
    with session_scope(engine) as session:
        return set(session.exec(select(Station.name)).all())


def interrupted(
    session: Session, settings: Settings, occurrence: Occurrence
) -> dict[str, int]:
    raise KeyboardInterrupt
