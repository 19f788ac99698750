"""Tables of the service; importing this package registers them all."""

from app.models.access import ApiKey, IdempotentRequest
from app.models.employment import (
    EmploymentEvent,
    FollowUp,
    Placement,
    Referral,
    ReferralEvent,
)
from app.models.households import AlertChange, ZeroEmploymentCase
from app.models.jobs import JobRun
from app.models.occupations import Occupation
from app.models.registry import Employer, Household, Person, Station, Vacancy

__all__ = [
    "AlertChange",
    "ApiKey",
    "Employer",
    "EmploymentEvent",
    "FollowUp",
    "Household",
    "IdempotentRequest",
    "JobRun",
    "Occupation",
    "Person",
    "Placement",
    "Referral",
    "ReferralEvent",
    "Station",
    "Vacancy",
    "ZeroEmploymentCase",
]
