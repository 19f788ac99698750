"""Checking the ids in a request body that failed validation for other reasons."""

from typing import Any

from fastapi import Request
from sqlmodel import SQLModel
from starlette.concurrency import run_in_threadpool

from app.db import session_scope
from app.errors import FieldError
from app.models import Employer, Household, Occupation, Station
from app.services.records import missing_references

# Body fields that hold the id of another record, and that record's table.
REFERENCES: dict[str, type[SQLModel]] = {
    "employer_id": Employer,
    "household_id": Household,
    "station_id": Station,
}


async def check_references(
    request: Request, body: dict[str, Any], named: set[str]
) -> list[FieldError]:
    """Name the fields of ``body`` that point at no record, skipping ``named``."""
    wanted: dict[str, tuple[type[SQLModel], int | None]] = {
        field: (model, value)
        for field, model in REFERENCES.items()
        if field not in named and type(value := body.get(field)) is int
    }
    code = body.get("occupation_code")
    if "occupation_code" in named or not isinstance(code, str) or not code.strip():
        code = None
    if not wanted and code is None:
        return []

    def look_up() -> list[FieldError]:
        with session_scope(request.app.state.engine) as session:
            errors = missing_references(session, wanted)
            if code is not None and session.get(Occupation, code.strip()) is None:
                message = f"no occupation with code {code.strip()}"
                errors.append(FieldError("occupation_code", message))
            return errors

    return await run_in_threadpool(look_up)
