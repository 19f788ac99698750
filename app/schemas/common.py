"""Field types and envelopes shared by the request and response schemas."""

from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from app.identity import check_phone
from app.regions import check_region_code

T = TypeVar("T")


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def text(max_length: int, min_length: int = 1) -> Any:
    """A trimmed string of bounded length."""
    return StringConstraints(
        strip_whitespace=True, min_length=min_length, max_length=max_length
    )


Name = Annotated[str, text(100)]
ShortText = Annotated[str, text(200)]
LongText = Annotated[str, text(2000, min_length=0)]
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

    version: int = Field(ge=1, description="The version the caller last read")

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
