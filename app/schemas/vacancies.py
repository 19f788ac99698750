"""Request and response bodies of vacancies."""

from datetime import date
from typing import Annotated

from pydantic import (
    AfterValidator,
    Field,
    ValidationInfo,
    computed_field,
    field_validator,
)

from app.clock import today
from app.models.enums import Channel, VacancyStatus
from app.schemas.common import (
    Id,
    Input,
    LongText,
    Patch,
    RecordOutput,
    RegionCode,
    ShortText,
    TermList,
    Wage,
    multiline_text,
    text,
)

Title = Annotated[str, text(100)]
OccupationCode = Annotated[str, text(20)]
Requirements = Annotated[str, multiline_text(1000)]
Openings = Annotated[int, Field(ge=1, le=100_000)]
Years = Annotated[int, Field(ge=0, le=60)]


def _not_past(value: date) -> date:
    if value < today():
        raise ValueError("must not be in the past")
    return value


ClosingDate = Annotated[date, AfterValidator(_not_past)]


def _check_wage_range(value: int | None, info: ValidationInfo) -> int | None:
    low = info.data.get("wage_min")
    if value is not None and low is not None and low > value:
        raise ValueError("must not be below wage_min")
    return value


class VacancyCreate(Input):
    employer_id: Id
    channel: Channel
    station_id: Id | None = Field(
        default=None, description="Required when the channel is 'station'"
    )
    title: Title
    description: LongText | None = None
    occupation_code: OccupationCode | None = Field(
        default=None,
        description="A code of /api/v1/occupations; left out, it is resolved from "
        "the title",
    )
    skills: TermList = Field(default_factory=list)
    certificates: TermList = Field(
        default_factory=list, description="Certificates a candidate must hold"
    )
    preferred_certificates: TermList = Field(
        default_factory=list,
        description="Certificates that count in a candidate's favour",
    )
    min_experience_years: Years | None = Field(
        default=None, description="Years of experience in the trade asked for"
    )
    region_code: RegionCode = Field(description="GB/T 2260 code of the workplace")
    work_address: ShortText | None = None
    openings: Openings
    wage_min: Wage | None = Field(default=None, description="Yuan per month")
    wage_max: Wage | None = Field(default=None, description="Yuan per month")
    has_housing: bool = False
    has_meals: bool = False
    starts_on: date | None = Field(default=None, description="First day of work")
    closes_on: ClosingDate | None = None
    status: VacancyStatus = VacancyStatus.OPEN
    requirements: Requirements | None = None

    _wage_range = field_validator("wage_max")(_check_wage_range)


class VacancyUpdate(Patch):
    employer_id: Id | None = None
    channel: Channel | None = None
    station_id: Id | None = None
    title: Title | None = None
    description: LongText | None = None
    occupation_code: OccupationCode | None = None
    skills: TermList | None = None
    certificates: TermList | None = None
    preferred_certificates: TermList | None = None
    min_experience_years: Years | None = None
    region_code: RegionCode | None = None
    work_address: ShortText | None = None
    openings: Openings | None = None
    wage_min: Wage | None = None
    wage_max: Wage | None = None
    has_housing: bool | None = None
    has_meals: bool | None = None
    starts_on: date | None = None
    closes_on: ClosingDate | None = None
    status: VacancyStatus | None = None
    requirements: Requirements | None = None

    _wage_range = field_validator("wage_max")(_check_wage_range)


class VacancyPublic(RecordOutput):
    employer_id: int
    channel: Channel
    station_id: int | None
    title: str
    description: str | None
    occupation_code: str | None
    skills: list[str]
    certificates: list[str]
    preferred_certificates: list[str]
    min_experience_years: int | None
    region_code: str
    work_address: str | None
    openings: int
    openings_filled: int = Field(description="Openings taken by hires")
    wage_min: int | None
    wage_max: int | None
    has_housing: bool
    has_meals: bool
    starts_on: date | None
    closes_on: date | None
    status: VacancyStatus
    requirements: str | None
    is_occupation_resolved: bool = Field(
        description="True when occupation_code was resolved from the title"
    )
    occupation_score: float | None = Field(
        description="Confidence of a resolved occupation_code, 0 to 1"
    )
    canonical_skills: list[str] = Field(
        description="The skills recognised in `skills`, by their canonical names"
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def openings_left(self) -> int:
        """Openings still to fill."""
        return self.openings - self.openings_filled

    canonical_certificates: list[str] = Field(
        description="The certificates recognised in `certificates`"
    )
    canonical_preferred_certificates: list[str] = Field(
        description="The certificates recognised in `preferred_certificates`"
    )
