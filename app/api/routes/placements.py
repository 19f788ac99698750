"""Placements: people at work through a hire."""

from typing import Any

from fastapi import APIRouter

from app.api.deps import (
    IdempotencyKeyDep,
    IdFilter,
    PageDep,
    PathId,
    PrincipalDep,
    SessionDep,
    SettingsDep,
)
from app.api.responses import ITEM_ERRORS, READ_ERRORS, WRITE_ERRORS, created, page_of
from app.models.enums import Channel
from app.schemas.common import Page
from app.schemas.placements import PlacementEnd, PlacementPublic
from app.security import READ, WRITE
from app.services import placements

router = APIRouter(prefix="/placements", tags=["placements"])


@router.get("", response_model=Page[PlacementPublic], responses=READ_ERRORS)
def list_placements(
    session: SessionDep,
    principal: PrincipalDep,
    params: PageDep,
    person_id: IdFilter = None,
    vacancy_id: IdFilter = None,
    employer_id: IdFilter = None,
    channel: Channel | None = None,
    station_id: IdFilter = None,
    is_current: bool | None = None,
) -> Page[PlacementPublic]:
    """List placements, filtered by person, vacancy, employer, channel, station, or
    whether still current. Grid workers see their community's only."""
    principal.require("placements", READ)
    result = placements.list_placements(
        session,
        principal,
        person_id=person_id,
        vacancy_id=vacancy_id,
        employer_id=employer_id,
        channel=channel,
        station_id=station_id,
        is_current=is_current,
        limit=params.limit,
        offset=params.offset,
    )
    return page_of(PlacementPublic, result, params)


@router.get("/{placement_id}", response_model=PlacementPublic, responses=ITEM_ERRORS)
def get_placement(
    placement_id: PathId, session: SessionDep, principal: PrincipalDep
) -> PlacementPublic:
    """Read one placement."""
    principal.require("placements", READ)
    placement = placements.get_placement(session, principal, placement_id)
    return PlacementPublic.model_validate(placement)


@router.post(
    "/{placement_id}/end",
    response_model=PlacementPublic,
    responses={**ITEM_ERRORS, **WRITE_ERRORS},
)
def end_placement(
    placement_id: PathId,
    body: PlacementEnd,
    session: SessionDep,
    principal: PrincipalDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> Any:
    """End a placement on `ended_on` (not before its start, not in the future) for
    a `reason`. The person is seeking work again from that day and the matcher
    proposes them at once; the follow-ups not yet done are cancelled; the household
    turns yellow and, when no one else in it works, a zero-employment case opens.
    An ended placement answers 409."""
    principal.require("placements", WRITE)
    return created(
        session,
        principal,
        idempotency_key,
        f"POST /placements/{placement_id}/end",
        body,
        lambda: PlacementPublic.model_validate(
            placements.end_placement(session, principal, placement_id, body, settings)
        ),
        status_code=200,
    )
