"""Tables of the service; importing this package registers them all."""

from app.models.access import ApiKey, IdempotentRequest
from app.models.occupations import Occupation
from app.models.registry import Employer, Household, Person, Station, Vacancy

__all__ = [
    "ApiKey",
    "Employer",
    "Household",
    "IdempotentRequest",
    "Occupation",
    "Person",
    "Station",
    "Vacancy",
]
