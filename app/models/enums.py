"""Fixed vocabularies stored as short strings."""

from enum import StrEnum


class AlertLevel(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


class Channel(StrEnum):
    """Where a vacancy comes from."""

    INDUSTRY_BASE = "industry_base"
    PARK = "park"
    WORKSHOP = "workshop"
    PUBLIC_WELFARE = "public_welfare"
    CITY_TRANSFER = "city_transfer"
    STATION = "station"


class VacancyStatus(StrEnum):
    OPEN = "open"
    FILLED = "filled"
    CLOSED = "closed"


class Education(StrEnum):
    NONE = "none"
    PRIMARY = "primary"
    JUNIOR_MIDDLE = "junior_middle"
    SENIOR_MIDDLE = "senior_middle"
    VOCATIONAL = "vocational"
    COLLEGE = "college"
    BACHELOR = "bachelor"
    POSTGRADUATE = "postgraduate"


class EmploymentStatus(StrEnum):
    UNEMPLOYED = "unemployed"
    EMPLOYED = "employed"
    SELF_EMPLOYED = "self_employed"
    STUDYING = "studying"
    RETIRED = "retired"
    UNABLE_TO_WORK = "unable_to_work"


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class Role(StrEnum):
    ADMIN = "admin"
    OFFICER = "officer"
    STATION_STAFF = "station_staff"
    GRID_WORKER = "grid_worker"
    EMPLOYER = "employer"
