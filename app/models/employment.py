"""Referrals, placements, follow-ups and each person's employment history."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from app.models.base import Record, timestamp_field
from app.models.enums import FollowUpStatus, ReferralStatus

OPEN_REFERRAL = text("status IN ('proposed', 'referred', 'interviewed')")
CURRENT_PLACEMENT = text("ended_on IS NULL")


class Referral(Record, table=True):
    """A person put forward for a vacancy, from proposal to hire or refusal."""

    __tablename__ = "referral"
    __table_args__ = (
        # One open referral per person and vacancy, however many officers click.
        Index(
            "uq_referral_open_pair",
            "person_id",
            "vacancy_id",
            unique=True,
            sqlite_where=OPEN_REFERRAL,
            postgresql_where=OPEN_REFERRAL,
        ),
    )

    person_id: int = Field(foreign_key="person.id", index=True)
    vacancy_id: int = Field(foreign_key="vacancy.id", index=True)
    status: str = Field(default=ReferralStatus.PROPOSED, max_length=20, index=True)
    # Set by a rejection or withdrawal.
    reason: str | None = Field(default=None, max_length=30)
    note: str | None = Field(default=None, max_length=1000)
    # The last transition; an open referral expires counting from here.
    status_changed_at: datetime = timestamp_field()
    created_by_key_id: int | None = Field(default=None, foreign_key="api_key.id")


class ReferralEvent(SQLModel, table=True):
    """One transition of a referral: who moved it, when, from where to where, why."""

    __tablename__ = "referral_event"

    id: int | None = Field(default=None, primary_key=True)
    referral_id: int = Field(foreign_key="referral.id", index=True)
    from_status: str | None = Field(default=None, max_length=20)
    to_status: str = Field(max_length=20)
    reason: str | None = Field(default=None, max_length=30)
    note: str | None = Field(default=None, max_length=1000)
    # Null for the service's own jobs (expiry, hired elsewhere).
    actor_key_id: int | None = Field(default=None, foreign_key="api_key.id")
    actor: str = Field(max_length=100)
    occurred_at: datetime = timestamp_field()


class Placement(Record, table=True):
    """A person at work through a hire; channel and station are kept as hired."""

    __tablename__ = "placement"
    __table_args__ = (
        # A person holds one current placement at a time.
        Index(
            "uq_placement_current_person",
            "person_id",
            unique=True,
            sqlite_where=CURRENT_PLACEMENT,
            postgresql_where=CURRENT_PLACEMENT,
        ),
        CheckConstraint(
            "ended_on IS NULL OR ended_on >= started_on", name="ends_after_start"
        ),
    )

    person_id: int = Field(foreign_key="person.id", index=True)
    vacancy_id: int = Field(foreign_key="vacancy.id", index=True)
    referral_id: int | None = Field(
        default=None, foreign_key="referral.id", unique=True
    )
    employer_id: int = Field(foreign_key="employer.id", index=True)
    channel: str = Field(max_length=20, index=True)
    station_id: int | None = Field(default=None, foreign_key="station.id", index=True)
    started_on: date = Field(index=True)
    monthly_wage: int
    ended_on: date | None = Field(default=None, index=True)
    end_reason: str | None = Field(default=None, max_length=30)
    end_note: str | None = Field(default=None, max_length=1000)


class FollowUp(Record, table=True):
    """A check on a placed worker, due some months after the start (稳岗)."""

    __tablename__ = "follow_up"
    __table_args__ = (UniqueConstraint("placement_id", "month"),)

    placement_id: int = Field(foreign_key="placement.id", index=True)
    # Months after the start this follow-up is due: 1, 3, 6 by default.
    month: int
    due_on: date = Field(index=True)
    status: str = Field(default=FollowUpStatus.DUE, max_length=10, index=True)
    contacted_on: date | None = Field(default=None)
    is_still_employed: bool | None = Field(default=None)
    monthly_wage: int | None = Field(default=None)
    problems: str | None = Field(default=None, max_length=1000)
    recorded_by_key_id: int | None = Field(default=None, foreign_key="api_key.id")


class EmploymentEvent(SQLModel, table=True):
    """A person's employment status from a day on; the history reports read."""

    __tablename__ = "employment_event"
    __table_args__ = (
        Index("ix_employment_event_person_on", "person_id", "effective_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    effective_on: date
    employment_status: str = Field(max_length=20)
    is_seeking_work: bool
    source: str = Field(max_length=20)
    placement_id: int | None = Field(default=None, foreign_key="placement.id")
    recorded_at: datetime = timestamp_field()
