"""What the matcher knows of people and vacancies: plain values, no personal data.

A profile carries only what scoring needs. Names, ID numbers and phones never reach
the matcher, so nothing it returns or logs can leak them.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class AlertLevel(StrEnum):
    """A household's alert level: red for a crisis, yellow for a drop in income."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


@dataclass(frozen=True, slots=True)
class Priority:
    """Why a person should be helped first, as the office ranks it.

    ``is_zero_employment`` marks a household with no one employed (零就业家庭);
    ``unemployed_days`` counts days since the person last worked.
    """

    is_zero_employment: bool = False
    alert_level: AlertLevel = AlertLevel.GREEN
    unemployed_days: int = 0


NO_PRIORITY = Priority()


@dataclass(frozen=True, slots=True)
class PersonProfile:
    """A job seeker as the matcher sees them.

    ``skills`` and ``certificates`` hold canonical names of the vocabulary; a skill
    word outside the vocabulary may stand too, normalised, and then matches only
    itself. ``desired_regions`` and ``home_region`` are GB/T 2260 codes of any level.
    ``is_eligible`` is false for people placed or not seeking work: they are never
    candidates.
    """

    id: int
    occupation_codes: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    certificates: tuple[str, ...] = ()
    desired_regions: tuple[str, ...] = ()
    home_region: str = ""
    is_willing_to_relocate: bool = False
    min_monthly_wage: int | None = None
    available_on: date | None = None
    experience_years: int | None = None
    is_eligible: bool = True
    priority: Priority = NO_PRIORITY
    # Where the person lives, for the filters of a list; not used in scoring.
    town: str = ""
    site: str = ""


@dataclass(frozen=True, slots=True)
class VacancyProfile:
    """A vacancy as the matcher sees it.

    ``required_certificates`` exclude everyone who lacks one of them;
    ``preferred_certificates`` only raise the score. ``text`` is the title,
    description and requirements, read only to flag requirements the law forbids.
    """

    id: int
    occupation_code: str | None = None
    skills: tuple[str, ...] = ()
    required_certificates: tuple[str, ...] = ()
    preferred_certificates: tuple[str, ...] = ()
    region_code: str = ""
    has_housing: bool = False
    wage_min: int | None = None
    wage_max: int | None = None
    starts_on: date | None = None
    min_experience_years: int | None = None
    openings_left: int = 1
    is_open: bool = True
    text: str = ""
