"""Field types and envelopes shared by the request and response schemas."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from annotated_types import GroupedMetadata
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from app.identity import check_phone
from app.regions import check_region_code

T = TypeVar("T")

# The largest id the database holds: ids are INTEGER columns, 32-bit on PostgreSQL.
MAX_ID = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

# C0 control characters and DEL: PostgreSQL refuses NUL in text, and spreadsheets
# refuse most of the others. Multi-line text may hold tabs and line breaks.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_BUT_LAYOUT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def one_line(value: str) -> str:
    """Return ``value``; refuse it when it holds a control character, tabs and line
    breaks included."""
    if CONTROL.search(value):
        raise ValueError("may not contain control characters")
    return value


def _lines(value: str) -> str:
    if CONTROL_BUT_LAYOUT.search(value):
        raise ValueError("may not contain control characters")
    return value


@dataclass(frozen=True)
class _Text(GroupedMetadata):
    """Trim the string, bound its length, then refuse control characters."""

    max_length: int
    min_length: int
    is_multiline: bool = False

    def __iter__(self) -> Iterator[object]:
        yield StringConstraints(
            strip_whitespace=True,
            min_length=self.min_length,
            max_length=self.max_length,
        )
        yield AfterValidator(_lines if self.is_multiline else one_line)


def text(max_length: int, min_length: int = 1) -> Any:
    """A trimmed line of bounded length, without control characters."""
    return _Text(max_length, min_length)


def multiline_text(max_length: int) -> Any:
    """A trimmed text of at most ``max_length`` characters, possibly empty; tabs and
    line breaks are its only control characters."""
    return _Text(max_length, min_length=0, is_multiline=True)


Name = Annotated[str, text(100)]
ShortText = Annotated[str, text(200)]
LongText = Annotated[str, multiline_text(2000)]
Note = Annotated[str, multiline_text(1000)]
Phone = Annotated[str, text(20), AfterValidator(check_phone)]
RegionCode = Annotated[str, text(12), AfterValidator(check_region_code)]
Term = Annotated[str, text(50)]
TermList = Annotated[list[Term], Field(max_length=50), AfterValidator(_unique)]
RegionList = Annotated[list[RegionCode], Field(max_length=20), AfterValidator(_unique)]
# Whole yuan per month.
Wage = Annotated[int, Field(ge=0, le=1_000_000)]


class Input(BaseModel):
    """Base of request bodies: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class Patch(Input):
    """Base of PATCH bodies: the caller's ``version`` plus the fields to change."""

    version: int = Field(
        ge=1, le=MAX_ID, description="The version the caller last read"
    )

    def changes(self) -> dict[str, Any]:
        """Return the fields the caller sent, except ``version``."""
        return self.model_dump(exclude_unset=True, exclude={"version"})


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class RecordOutput(Output):
    id: int
    version: int
    created_at: datetime
    updated_at: datetime


class Page(BaseModel, Generic[T]):
    """One page of a list and the total number of rows that match."""

    items: list[T]
    total: int
    limit: int
    offset: int
