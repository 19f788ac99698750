"""The occupation table: the national occupational classification and its aliases."""

from datetime import datetime

from sqlalchemy import CheckConstraint, Column, Text
from sqlmodel import Field, SQLModel

from app.clock import utcnow
from app.models.base import list_field
from app.models.types import UTCDateTime


class Occupation(SQLModel, table=True):
    """An occupation or group of GB/T 6565 (2022), by its ``6-18-02-04`` style code.

    The project ships a curated table; an operator may import the official one, whose
    names and definitions then win while the curated aliases are kept.
    """

    __tablename__ = "occupation"
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 4", name="level_range"),)

    code: str = Field(max_length=12, primary_key=True)
    name: str = Field(max_length=100)
    # 1 major, 2 middle, 3 minor group, 4 occupation. Some minor groups are themselves
    # occupations: their code ends in -00 and their level is 4.
    level: int
    # The group one level up by the code; the official table lacks a few of them.
    parent_code: str | None = Field(default=None, max_length=12, index=True)
    aliases: list[str] = list_field()
    definition: str | None = Field(default=None, sa_column=Column(Text))
    is_official: bool = Field(default=False)
    updated_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, nullable=False
    )
