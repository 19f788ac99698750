"""People: household members and job seekers."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import AfterValidator

from app.api.deps import (
    ONE_LINE,
    IdempotencyKeyDep,
    IdFilter,
    PageDep,
    PathId,
    PrincipalDep,
    SessionDep,
    SettingsDep,
)
from app.api.responses import ITEM_ERRORS, READ_ERRORS, WRITE_ERRORS, created, page_of
from app.clock import today
from app.models.enums import EmploymentStatus
from app.schemas.common import Page
from app.schemas.people import (
    PersonCreate,
    PersonEmployment,
    PersonPublic,
    PersonUpdate,
)
from app.security import READ, WRITE
from app.services import people
from app.services.reports import EARLIEST

router = APIRouter(prefix="/people", tags=["people"])


def _not_before_earliest(day: date) -> date:
    # The service holds nothing that old, and counting the stability window back
    # from the first years of the calendar would run off its start.
    if day < EARLIEST:
        raise ValueError(f"may not be before {EARLIEST}")
    return day


# A day the service may hold figures for.
Day = Annotated[date, AfterValidator(_not_before_earliest)]


@router.get("", response_model=Page[PersonPublic], responses=READ_ERRORS)
def list_people(
    session: SessionDep,
    principal: PrincipalDep,
    params: PageDep,
    household_id: IdFilter = None,
    id_number: Annotated[str | None, Query(max_length=18), ONE_LINE] = None,
    employment_status: EmploymentStatus | None = None,
    is_seeking_work: bool | None = None,
    site: Annotated[str | None, Query(max_length=100), ONE_LINE] = None,
    community: Annotated[str | None, Query(max_length=100), ONE_LINE] = None,
) -> Page[PersonPublic]:
    """List people by household, ID number, employment status, seeking flag, or
    their household's site and community."""
    principal.require("people", READ)
    result = people.list_people(
        session,
        principal,
        household_id=household_id,
        id_number=id_number,
        employment_status=employment_status,
        is_seeking_work=is_seeking_work,
        site=site,
        community=community,
        limit=params.limit,
        offset=params.offset,
    )
    return page_of(PersonPublic, result, params)


@router.post("", status_code=201, response_model=PersonPublic, responses=WRITE_ERRORS)
def create_person(
    body: PersonCreate,
    session: SessionDep,
    principal: PrincipalDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> Any:
    """Register a household member. The ID number's check digit and birth date are
    verified, birth date and sex are derived from it, and it must be new (409)."""
    principal.require("people", WRITE)
    return created(
        session,
        principal,
        idempotency_key,
        "POST /people",
        body,
        lambda: PersonPublic.model_validate(
            people.create_person(session, principal, body, settings)
        ),
    )


@router.get("/{person_id}", response_model=PersonPublic, responses=ITEM_ERRORS)
def get_person(
    person_id: PathId, session: SessionDep, principal: PrincipalDep
) -> PersonPublic:
    """Read one person."""
    principal.require("people", READ)
    return PersonPublic.model_validate(people.get_person(session, principal, person_id))


@router.patch(
    "/{person_id}",
    response_model=PersonPublic,
    responses={**ITEM_ERRORS, **WRITE_ERRORS},
)
def update_person(
    person_id: PathId,
    body: PersonUpdate,
    session: SessionDep,
    principal: PrincipalDep,
    settings: SettingsDep,
) -> PersonPublic:
    """Change some fields of a person, at the `version` you read."""
    principal.require("people", WRITE)
    person = people.update_person(session, principal, person_id, body, settings)
    return PersonPublic.model_validate(person)


@router.get(
    "/{person_id}/employment", response_model=PersonEmployment, responses=ITEM_ERRORS
)
def get_person_employment(
    person_id: PathId,
    session: SessionDep,
    principal: PrincipalDep,
    settings: SettingsDep,
    on: Annotated[
        Day | None,
        Query(description="The day to look at, from 2000-01-01; today by default"),
    ] = None,
) -> PersonEmployment:
    """A person's employment status on a day, the days and months employed in the
    window before it, whether that is stable employment (employed on the day and
    for at least 6 of the last 12 months, by default), and the history of status
    changes up to the day."""
    principal.require("people", READ)
    return people.person_employment(
        session, principal, person_id, on or today(), settings
    )
