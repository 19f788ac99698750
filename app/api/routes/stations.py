"""Employment service stations."""

from typing import Any

from fastapi import APIRouter

from app.api.deps import IdempotencyKeyDep, PageDep, PathId, PrincipalDep, SessionDep
from app.api.responses import ITEM_ERRORS, READ_ERRORS, WRITE_ERRORS, created, page_of
from app.schemas.common import Page
from app.schemas.registry import StationCreate, StationPublic, StationUpdate
from app.security import READ, WRITE
from app.services import stations

router = APIRouter(prefix="/stations", tags=["stations"])


@router.get("", response_model=Page[StationPublic], responses=READ_ERRORS)
def list_stations(
    session: SessionDep,
    principal: PrincipalDep,
    params: PageDep,
    is_active: bool | None = None,
) -> Page[StationPublic]:
    """List the stations: 昆明, 广东, 上海, 浙江, 江苏 and any added since."""
    principal.require("stations", READ)
    result = stations.list_stations(
        session, is_active=is_active, limit=params.limit, offset=params.offset
    )
    return page_of(StationPublic, result, params)


@router.post("", status_code=201, response_model=StationPublic, responses=WRITE_ERRORS)
def create_station(
    body: StationCreate,
    session: SessionDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> Any:
    """Open a new station. Its name must be new."""
    principal.require("stations", WRITE)
    return created(
        session,
        principal,
        idempotency_key,
        "POST /stations",
        body,
        lambda: StationPublic.model_validate(stations.create_station(session, body)),
    )


@router.get("/{station_id}", response_model=StationPublic, responses=ITEM_ERRORS)
def get_station(
    station_id: PathId, session: SessionDep, principal: PrincipalDep
) -> StationPublic:
    """Read one station."""
    principal.require("stations", READ)
    return StationPublic.model_validate(stations.get_station(session, station_id))


@router.patch(
    "/{station_id}",
    response_model=StationPublic,
    responses={**ITEM_ERRORS, **WRITE_ERRORS},
)
def update_station(
    station_id: PathId,
    body: StationUpdate,
    session: SessionDep,
    principal: PrincipalDep,
) -> StationPublic:
    """Change some fields of a station, at the `version` you read."""
    principal.require("stations", WRITE)
    station = stations.update_station(session, station_id, body)
    return StationPublic.model_validate(station)
