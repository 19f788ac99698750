"""What the office follows per household: zero-employment cases and alert changes."""

from datetime import date, datetime

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel

from app.models.base import Record, timestamp_field

OPEN_CASE = text("cleared_on IS NULL")


class ZeroEmploymentCase(Record, table=True):
    """A household with no one employed (零就业家庭), to clear by ``deadline_on``."""

    __tablename__ = "zero_employment_case"
    __table_args__ = (
        # One open case per household.
        Index(
            "uq_zero_employment_case_open_household",
            "household_id",
            unique=True,
            sqlite_where=OPEN_CASE,
            postgresql_where=OPEN_CASE,
        ),
    )

    household_id: int = Field(foreign_key="household.id", index=True)
    opened_on: date = Field(index=True)
    deadline_on: date
    cleared_on: date | None = Field(default=None, index=True)
    clear_reason: str | None = Field(default=None, max_length=30)
    placement_id: int | None = Field(default=None, foreign_key="placement.id")


class AlertChange(SQLModel, table=True):
    """One change of a household's alert level, with its reason and author."""

    __tablename__ = "alert_change"

    id: int | None = Field(default=None, primary_key=True)
    household_id: int = Field(foreign_key="household.id", index=True)
    from_level: str | None = Field(default=None, max_length=10)
    to_level: str = Field(max_length=10)
    reason: str = Field(max_length=30)
    note: str | None = Field(default=None, max_length=1000)
    # Null when the service changed the level itself (a job lost, a member placed).
    actor_key_id: int | None = Field(default=None, foreign_key="api_key.id")
    actor: str = Field(max_length=100)
    changed_at: datetime = timestamp_field()
