"""Columns every editable record carries."""

from datetime import datetime
from typing import Any

from sqlalchemy import Column
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from app.clock import utcnow
from app.models.types import JSONList, UTCDateTime

# Every constraint gets a predictable name, so migrations can drop and alter it.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def timestamp_field() -> Any:
    """A required aware timestamp that defaults to now."""
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def list_field() -> Any:
    """A list of short strings, stored as JSON; never null."""
    return Field(default_factory=list, sa_column=Column(JSONList, nullable=False))


class Record(SQLModel):
    """Integer id, optimistic-lock version and timestamps."""

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, nullable=False)
    created_at: datetime = timestamp_field()
    updated_at: datetime = Field(
        default_factory=utcnow,
        sa_type=UTCDateTime,
        nullable=False,
        sa_column_kwargs={"onupdate": utcnow},
    )

    @declared_attr  # type: ignore[arg-type]
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        # SQLAlchemy bumps `version` on every UPDATE and refuses one whose row changed.
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]
