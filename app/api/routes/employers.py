"""Employers."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from app.api.deps import (
    ONE_LINE,
    IdempotencyKeyDep,
    IdFilter,
    PageDep,
    PathId,
    PrincipalDep,
    SessionDep,
)
from app.api.responses import ITEM_ERRORS, READ_ERRORS, WRITE_ERRORS, created, page_of
from app.schemas.common import Page
from app.schemas.registry import EmployerCreate, EmployerPublic, EmployerUpdate
from app.security import READ, WRITE
from app.services import employers

router = APIRouter(prefix="/employers", tags=["employers"])


@router.get("", response_model=Page[EmployerPublic], responses=READ_ERRORS)
def list_employers(
    session: SessionDep,
    principal: PrincipalDep,
    params: PageDep,
    q: Annotated[
        str | None, Query(max_length=100, description="Part of the name"), ONE_LINE
    ] = None,
    credit_code: Annotated[str | None, Query(max_length=18), ONE_LINE] = None,
    region_code: Annotated[str | None, Query(max_length=12), ONE_LINE] = None,
    station_id: IdFilter = None,
) -> Page[EmployerPublic]:
    """List employers by name, credit code, region or station. Employer keys see
    only themselves."""
    principal.require("employers", READ)
    result = employers.list_employers(
        session,
        principal,
        q=q,
        credit_code=credit_code,
        region_code=region_code,
        station_id=station_id,
        limit=params.limit,
        offset=params.offset,
    )
    return page_of(EmployerPublic, result, params)


@router.post("", status_code=201, response_model=EmployerPublic, responses=WRITE_ERRORS)
def create_employer(
    body: EmployerCreate,
    session: SessionDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> Any:
    """Register an employer. The credit code's check character is verified and the
    code must be new (409 otherwise)."""
    principal.require("employers", WRITE)
    return created(
        session,
        principal,
        idempotency_key,
        "POST /employers",
        body,
        lambda: EmployerPublic.model_validate(employers.create_employer(session, body)),
    )


@router.get("/{employer_id}", response_model=EmployerPublic, responses=ITEM_ERRORS)
def get_employer(
    employer_id: PathId, session: SessionDep, principal: PrincipalDep
) -> EmployerPublic:
    """Read one employer."""
    principal.require("employers", READ)
    employer = employers.get_employer(session, principal, employer_id)
    return EmployerPublic.model_validate(employer)


@router.patch(
    "/{employer_id}",
    response_model=EmployerPublic,
    responses={**ITEM_ERRORS, **WRITE_ERRORS},
)
def update_employer(
    employer_id: PathId,
    body: EmployerUpdate,
    session: SessionDep,
    principal: PrincipalDep,
) -> EmployerPublic:
    """Change some fields of an employer, at the `version` you read."""
    principal.require("employers", WRITE)
    employer = employers.update_employer(session, principal, employer_id, body)
    return EmployerPublic.model_validate(employer)
