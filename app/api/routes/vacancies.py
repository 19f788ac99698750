"""Vacancies from every channel and station."""

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
from app.models.enums import Channel, VacancyStatus
from app.schemas.common import Page
from app.schemas.vacancies import VacancyCreate, VacancyPublic, VacancyUpdate
from app.security import READ, WRITE
from app.services import vacancies

router = APIRouter(prefix="/vacancies", tags=["vacancies"])


@router.get("", response_model=Page[VacancyPublic], responses=READ_ERRORS)
def list_vacancies(
    session: SessionDep,
    principal: PrincipalDep,
    params: PageDep,
    channel: Channel | None = None,
    station_id: IdFilter = None,
    employer_id: IdFilter = None,
    status: VacancyStatus | None = None,
    region_code: Annotated[
        str | None,
        Query(max_length=12, description="Region or any region inside it"),
        ONE_LINE,
    ] = None,
    occupation_code: Annotated[
        str | None,
        Query(max_length=20, description="Occupation or group code prefix"),
        ONE_LINE,
    ] = None,
    has_housing: bool | None = None,
) -> Page[VacancyPublic]:
    """List vacancies, filtered by channel, station, employer, status, region,
    occupation and housing. Employer keys see only their own vacancies."""
    principal.require("vacancies", READ)
    result = vacancies.list_vacancies(
        session,
        principal,
        channel=channel,
        station_id=station_id,
        employer_id=employer_id,
        status=status,
        region_code=region_code,
        occupation_code=occupation_code,
        has_housing=has_housing,
        limit=params.limit,
        offset=params.offset,
    )
    return page_of(VacancyPublic, result, params)


@router.post("", status_code=201, response_model=VacancyPublic, responses=WRITE_ERRORS)
def create_vacancy(
    body: VacancyCreate,
    session: SessionDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> Any:
    """Post a vacancy. The employer and station must exist; a station-channel vacancy
    names its station; the closing date may not be in the past."""
    principal.require("vacancies", WRITE)
    return created(
        session,
        principal,
        idempotency_key,
        "POST /vacancies",
        body,
        lambda: VacancyPublic.model_validate(
            vacancies.create_vacancy(session, principal, body)
        ),
    )


@router.get("/{vacancy_id}", response_model=VacancyPublic, responses=ITEM_ERRORS)
def get_vacancy(
    vacancy_id: PathId, session: SessionDep, principal: PrincipalDep
) -> VacancyPublic:
    """Read one vacancy."""
    principal.require("vacancies", READ)
    vacancy = vacancies.get_vacancy(session, principal, vacancy_id)
    return VacancyPublic.model_validate(vacancy)


@router.patch(
    "/{vacancy_id}",
    response_model=VacancyPublic,
    responses={**ITEM_ERRORS, **WRITE_ERRORS},
)
def update_vacancy(
    vacancy_id: PathId,
    body: VacancyUpdate,
    session: SessionDep,
    principal: PrincipalDep,
) -> VacancyPublic:
    """Change some fields of a vacancy. Send the `version` you read; a stale one is
    refused with 409 and nothing changes."""
    principal.require("vacancies", WRITE)
    vacancy = vacancies.update_vacancy(session, principal, vacancy_id, body)
    return VacancyPublic.model_validate(vacancy)
