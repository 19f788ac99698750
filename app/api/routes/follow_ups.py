"""Follow-ups of placed workers (稳岗)."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import (
    IdFilter,
    PageDep,
    PathId,
    PrincipalDep,
    SessionDep,
    SettingsDep,
)
from app.api.responses import ITEM_ERRORS, READ_ERRORS, WRITE_ERRORS, page_of
from app.models.enums import FollowUpStatus
from app.schemas.common import Page
from app.schemas.placements import FollowUpPublic, FollowUpRecord
from app.security import READ, WRITE
from app.services import follow_ups

router = APIRouter(prefix="/follow-ups", tags=["follow-ups"])


@router.get("", response_model=Page[FollowUpPublic], responses=READ_ERRORS)
def list_follow_ups(
    session: SessionDep,
    principal: PrincipalDep,
    params: PageDep,
    placement_id: IdFilter = None,
    person_id: IdFilter = None,
    status: FollowUpStatus | None = None,
    overdue: Annotated[
        bool | None,
        Query(description="true: still due and due before today; false: the rest"),
    ] = None,
    due_before: date | None = None,
) -> Page[FollowUpPublic]:
    """List follow-ups, soonest due first. Each placement gets follow-ups due 1, 3
    and 6 months after its start (configurable). Grid workers see their community's
    only."""
    principal.require("follow_ups", READ)
    result = follow_ups.list_follow_ups(
        session,
        principal,
        placement_id=placement_id,
        person_id=person_id,
        status=status,
        is_overdue=overdue,
        due_before=due_before,
        limit=params.limit,
        offset=params.offset,
    )
    return page_of(FollowUpPublic, result, params)


@router.get("/{follow_up_id}", response_model=FollowUpPublic, responses=ITEM_ERRORS)
def get_follow_up(
    follow_up_id: PathId, session: SessionDep, principal: PrincipalDep
) -> FollowUpPublic:
    """Read one follow-up."""
    principal.require("follow_ups", READ)
    follow_up = follow_ups.get_follow_up(session, principal, follow_up_id)
    return FollowUpPublic.model_validate(follow_up)


@router.patch(
    "/{follow_up_id}",
    response_model=FollowUpPublic,
    responses={**ITEM_ERRORS, **WRITE_ERRORS},
)
def record_follow_up(
    follow_up_id: PathId,
    body: FollowUpRecord,
    session: SessionDep,
    principal: PrincipalDep,
    settings: SettingsDep,
) -> FollowUpPublic:
    """Record a follow-up at the `version` you read: the contact day, whether the
    worker is still employed, the wage now and any problems. A worker no longer
    employed ends the placement (on `ended_on`, default the contact day); a wage
    well below the wage at hire turns the household yellow. A cancelled follow-up
    (the placement ended first) answers 409."""
    principal.require("follow_ups", WRITE)
    follow_up = follow_ups.record_follow_up(
        session, principal, follow_up_id, body, settings
    )
    return FollowUpPublic.model_validate(follow_up)
