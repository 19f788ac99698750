"""The scheduler's ledger: one row per occurrence of a scheduled job that ran."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from app.models.types import UTCDateTime


class JobRunStatus(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class JobRun(SQLModel, table=True):
    """One occurrence of a job, claimed by the runner that inserted this row.

    The unique pair (job, due_at) is the claim: a second runner's insert fails, so
    an occurrence runs once however many runners race for it.
    """

    __tablename__ = "job_run"
    __table_args__ = (UniqueConstraint("job", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=50)
    # The scheduled instant of the occurrence, not the moment it ran.
    due_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    started_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    status: str = Field(default=JobRunStatus.RUNNING, max_length=10)
    # What the run did, e.g. {"expired": 3}; null until it succeeds.
    counts: dict[str, Any] | None = Field(
        default=None, sa_column=Column(JSON().with_variant(JSONB(), "postgresql"))
    )
    # The exception's type and message when the run failed.
    error: str | None = Field(default=None, max_length=500)
