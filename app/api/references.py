"""Checking the references in a request body that failed validation otherwise."""

from typing import Any

from fastapi import Request
from sqlmodel import SQLModel
from starlette.concurrency import run_in_threadpool

from app.db import session_scope
from app.errors import FieldError
from app.models import Employer, Household, Occupation, Person, Station, Vacancy
from app.services.records import Reference, missing_references

# Body fields that hold the key of another record, and that record's table.
REFERENCES: dict[str, type[SQLModel]] = {
    "employer_id": Employer,
    "household_id": Household,
    "person_id": Person,
    "station_id": Station,
    "vacancy_id": Vacancy,
    "occupation_code": Occupation,
}


def _key(field: str, value: Any) -> int | str | None:
    """Return ``value`` if it could be a key of ``field``: an id, or a code."""
    if field.endswith("_id"):
        return value if type(value) is int else None
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


async def check_references(
    request: Request, body: dict[str, Any], named: set[str]
) -> list[FieldError]:
    """Name the fields of ``body`` that point at no record, skipping ``named``."""
    wanted: dict[str, Reference] = {
        field: (model, key)
        for field, model in REFERENCES.items()
        if field not in named and (key := _key(field, body.get(field))) is not None
    }
    if not wanted:
        return []

    def look_up() -> list[FieldError]:
        with session_scope(request.app.state.engine) as session:
            return missing_references(session, wanted)

    return await run_in_threadpool(look_up)
