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


class ReferralStatus(StrEnum):
    """Where a referral stands; the last four are final."""

    PROPOSED = "proposed"
    REFERRED = "referred"
    INTERVIEWED = "interviewed"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    HIRED_ELSEWHERE = "hired_elsewhere"
    EXPIRED = "expired"


class RejectionReason(StrEnum):
    """Why a referral was rejected or withdrawn."""

    NOT_QUALIFIED = "not_qualified"
    DECLINED_BY_PERSON = "declined_by_person"
    DECLINED_BY_EMPLOYER = "declined_by_employer"
    NO_SHOW = "no_show"
    WAGE = "wage"
    LOCATION = "location"
    HEALTH = "health"
    VACANCY_CLOSED = "vacancy_closed"
    OTHER = "other"


class PlacementEndReason(StrEnum):
    """Why a placement ended."""

    QUIT = "quit"
    DISMISSED = "dismissed"
    CONTRACT_ENDED = "contract_ended"
    SEASONAL_END = "seasonal_end"
    EMPLOYER_CLOSED = "employer_closed"
    HEALTH = "health"
    FAMILY = "family"
    OTHER = "other"


class FollowUpStatus(StrEnum):
    DUE = "due"
    DONE = "done"
    # The placement ended before the follow-up was due.
    CANCELLED = "cancelled"


class EmploymentSource(StrEnum):
    """What changed a person's employment status."""

    REGISTRATION = "registration"
    UPDATE = "update"
    HIRE = "hire"
    PLACEMENT_END = "placement_end"


class CaseClearReason(StrEnum):
    """Why a zero-employment case closed."""

    MEMBER_PLACED = "member_placed"
    MEMBER_EMPLOYED = "member_employed"
    NO_LABOUR_FORCE = "no_labour_force"


class AlertReason(StrEnum):
    """Why a household's alert level changed."""

    REGISTERED = "registered"
    CRISIS = "crisis"
    JOB_LOST = "job_lost"
    INCOME_DROP = "income_drop"
    EXPENSE_RISE = "expense_rise"
    MEMBER_PLACED = "member_placed"
    RESOLVED = "resolved"
    OTHER = "other"
