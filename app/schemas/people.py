"""Request and response bodies of people."""

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, Field, computed_field

from app.clock import today
from app.identity import age_on, parse_id_number
from app.models.enums import Education, EmploymentSource, EmploymentStatus, Sex
from app.schemas.common import (
    Id,
    Input,
    Note,
    Output,
    Patch,
    Phone,
    RecordOutput,
    RegionList,
    TermList,
    Wage,
    text,
)


def _check_id_number(value: str) -> str:
    parse_id_number(value, today=today())
    return value.upper()


def _not_future(value: date) -> date:
    if value > today():
        raise ValueError("may not be in the future")
    return value


IdNumber = Annotated[str, text(18), AfterValidator(_check_id_number)]
PersonName = Annotated[str, text(50)]
Years = Annotated[int, Field(ge=0, le=60)]


class PersonCreate(Input):
    household_id: Id
    name: PersonName
    id_number: IdNumber = Field(
        description="18-character resident ID; check digit verified"
    )
    phone: Phone | None = None
    education: Education | None = None
    skills: TermList = Field(default_factory=list)
    certificates: TermList = Field(default_factory=list)
    desired_occupations: TermList = Field(default_factory=list)
    desired_regions: RegionList = Field(default_factory=list)
    min_monthly_wage: Wage | None = Field(default=None, description="Yuan per month")
    experience_years: Years | None = None
    is_willing_to_relocate: bool = Field(
        default=False, description="Would take work outside the district"
    )
    is_seeking_work: bool = True
    employment_status: EmploymentStatus = EmploymentStatus.UNEMPLOYED
    available_on: date | None = Field(
        default=None, description="First day free to work"
    )
    unemployed_since: date | None = Field(
        default=None, description="Day the person last stopped working"
    )
    registered_on: Annotated[date, AfterValidator(_not_future)] | None = Field(
        default=None,
        description="Day the person entered the registry; today when not given",
    )
    notes: Note | None = None


class PersonUpdate(Patch):
    household_id: Id | None = None
    name: PersonName | None = None
    id_number: IdNumber | None = None
    phone: Phone | None = None
    education: Education | None = None
    skills: TermList | None = None
    certificates: TermList | None = None
    desired_occupations: TermList | None = None
    desired_regions: RegionList | None = None
    min_monthly_wage: Wage | None = None
    experience_years: Years | None = None
    is_willing_to_relocate: bool | None = None
    is_seeking_work: bool | None = None
    employment_status: EmploymentStatus | None = None
    available_on: date | None = None
    unemployed_since: date | None = None
    notes: Note | None = None


class PersonPublic(RecordOutput):
    household_id: int
    name: str
    id_number: str
    birth_on: date
    sex: Sex
    phone: str | None
    education: Education | None
    skills: list[str]
    certificates: list[str]
    desired_occupations: list[str]
    desired_regions: list[str]
    min_monthly_wage: int | None
    experience_years: int | None
    is_willing_to_relocate: bool
    is_seeking_work: bool
    employment_status: EmploymentStatus
    available_on: date | None
    unemployed_since: date | None
    registered_on: date
    notes: str | None
    occupation_codes: list[str] = Field(
        description="Occupations resolved from desired_occupations and skills"
    )
    canonical_skills: list[str] = Field(
        description="The skills recognised in `skills`, by their canonical names"
    )
    canonical_certificates: list[str] = Field(
        description="The certificates recognised in `certificates`"
    )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def age(self) -> int:
        """Age in whole years today, from the birth date in the ID number."""
        return age_on(self.birth_on, today())


class EmploymentEventPublic(Output):
    effective_on: date
    employment_status: EmploymentStatus
    is_seeking_work: bool
    source: EmploymentSource
    placement_id: int | None


class PersonEmployment(Output):
    """A person's employment on a day, and whether it is stable (稳定就业)."""

    person_id: int
    on: date
    employment_status: EmploymentStatus | None = Field(
        description="Status held on `on`; null before the person was registered"
    )
    current_placement_id: int | None = Field(
        description="The placement held today, if any"
    )
    window_start: date = Field(description="First day of the window counted")
    days_employed: int = Field(description="Days employed in the window")
    months_employed: int = Field(description="Whole months those days make up")
    is_stably_employed: bool = Field(
        description="Employed on `on`, and for at least `stable_months` of the last "
        "`stable_window_months` months"
    )
    history: list[EmploymentEventPublic] = Field(
        description="Every status change up to `on`, oldest first"
    )
