"""The registry: stations, employers, households, people and vacancies."""

from datetime import date

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field

from app.clock import today
from app.models.base import Record, list_field
from app.models.enums import AlertLevel, EmploymentStatus, VacancyStatus


class Station(Record, table=True):
    """An employment service station far from the district, holding reserve work."""

    __tablename__ = "station"

    name: str = Field(max_length=50, unique=True)
    region_code: str = Field(max_length=12, index=True)
    address: str | None = Field(default=None, max_length=200)
    contact_name: str | None = Field(default=None, max_length=50)
    contact_phone: str | None = Field(default=None, max_length=20)
    is_active: bool = Field(default=True)


class Employer(Record, table=True):
    __tablename__ = "employer"

    name: str = Field(max_length=100, index=True)
    credit_code: str = Field(max_length=18, unique=True)
    region_code: str | None = Field(default=None, max_length=12, index=True)
    industry: str | None = Field(default=None, max_length=50)
    address: str | None = Field(default=None, max_length=200)
    contact_name: str | None = Field(default=None, max_length=50)
    contact_phone: str | None = Field(default=None, max_length=20)
    station_id: int | None = Field(default=None, foreign_key="station.id", index=True)


class Household(Record, table=True):
    """A relocated household, registered at a resettlement site."""

    __tablename__ = "household"
    # The matcher's cache asks for the newest change of people, households and
    # vacancies on every request.
    __table_args__ = (Index("ix_household_updated_at", "updated_at"),)

    household_no: str = Field(max_length=30, unique=True)
    site: str = Field(max_length=100, index=True)
    community: str = Field(max_length=100, index=True)
    building: str | None = Field(default=None, max_length=50)
    room: str | None = Field(default=None, max_length=20)
    origin_town: str = Field(max_length=12, index=True)
    origin_village: str | None = Field(default=None, max_length=100)
    alert_level: str = Field(default=AlertLevel.GREEN, max_length=10, index=True)
    notes: str | None = Field(default=None, max_length=1000)


class Person(Record, table=True):
    """A member of a household; job seekers are people with ``is_seeking_work``."""

    __tablename__ = "person"
    __table_args__ = (Index("ix_person_updated_at", "updated_at"),)

    household_id: int = Field(foreign_key="household.id", index=True)
    name: str = Field(max_length=50)
    id_number: str = Field(max_length=18, unique=True)
    birth_on: date
    sex: str = Field(max_length=6)
    phone: str | None = Field(default=None, max_length=20)
    education: str | None = Field(default=None, max_length=20)
    skills: list[str] = list_field()
    certificates: list[str] = list_field()
    desired_occupations: list[str] = list_field()
    desired_regions: list[str] = list_field()
    min_monthly_wage: int | None = Field(default=None)
    experience_years: int | None = Field(default=None)
    is_willing_to_relocate: bool = Field(default=False)
    is_seeking_work: bool = Field(default=True, index=True)
    employment_status: str = Field(
        default=EmploymentStatus.UNEMPLOYED, max_length=20, index=True
    )
    available_on: date | None = Field(default=None)
    # The day the person last stopped working, or first sought work; it orders the
    # longest unemployed first.
    unemployed_since: date | None = Field(default=None)
    # The day the person entered the registry; reports count them from then.
    registered_on: date = Field(default_factory=today)
    notes: str | None = Field(default=None, max_length=1000)
    # Derived on every save from the phrases above, which stay as sent.
    occupation_codes: list[str] = list_field()
    canonical_skills: list[str] = list_field()
    canonical_certificates: list[str] = list_field()


class Vacancy(Record, table=True):
    """Openings for one job at one employer, from one channel."""

    __tablename__ = "vacancy"
    __table_args__ = (
        Index("ix_vacancy_updated_at", "updated_at"),
        CheckConstraint("openings > 0", name="openings_positive"),
        CheckConstraint(
            "openings_filled >= 0 AND openings_filled <= openings",
            name="openings_filled_range",
        ),
        CheckConstraint(
            "wage_min IS NULL OR wage_max IS NULL OR wage_min <= wage_max",
            name="wage_range",
        ),
    )

    employer_id: int = Field(foreign_key="employer.id", index=True)
    channel: str = Field(max_length=20, index=True)
    station_id: int | None = Field(default=None, foreign_key="station.id", index=True)
    title: str = Field(max_length=100)
    description: str | None = Field(default=None, max_length=2000)
    occupation_code: str | None = Field(default=None, max_length=20, index=True)
    skills: list[str] = list_field()
    # Certificates a candidate must hold, and those that only count in their favour.
    certificates: list[str] = list_field()
    preferred_certificates: list[str] = list_field()
    min_experience_years: int | None = Field(default=None)
    region_code: str = Field(max_length=12, index=True)
    work_address: str | None = Field(default=None, max_length=200)
    openings: int
    # Openings taken by hires; only a hire raises it, in one guarded UPDATE.
    openings_filled: int = Field(default=0)
    wage_min: int | None = Field(default=None)
    wage_max: int | None = Field(default=None)
    has_housing: bool = Field(default=False)
    has_meals: bool = Field(default=False)
    starts_on: date | None = Field(default=None)
    closes_on: date | None = Field(default=None, index=True)
    status: str = Field(default=VacancyStatus.OPEN, max_length=10, index=True)
    requirements: str | None = Field(default=None, max_length=1000)
    # True when occupation_code was derived from the title, not given by the client.
    is_occupation_resolved: bool = Field(default=False)
    occupation_score: float | None = Field(default=None)
    canonical_skills: list[str] = list_field()
    canonical_certificates: list[str] = list_field()
    canonical_preferred_certificates: list[str] = list_field()
