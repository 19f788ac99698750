"""Relocated households."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from app.api.deps import IdempotencyKeyDep, PageDep, PrincipalDep, SessionDep
from app.api.responses import ITEM_ERRORS, READ_ERRORS, WRITE_ERRORS, created, page_of
from app.models.enums import AlertLevel
from app.schemas.common import Page
from app.schemas.registry import HouseholdCreate, HouseholdPublic, HouseholdUpdate
from app.security import READ, WRITE
from app.services import households

router = APIRouter(prefix="/households", tags=["households"])


@router.get("", response_model=Page[HouseholdPublic], responses=READ_ERRORS)
def list_households(
    session: SessionDep,
    principal: PrincipalDep,
    params: PageDep,
    household_no: Annotated[str | None, Query(max_length=30)] = None,
    site: Annotated[str | None, Query(max_length=100)] = None,
    community: Annotated[str | None, Query(max_length=100)] = None,
    alert_level: AlertLevel | None = None,
    origin_town: Annotated[str | None, Query(max_length=12)] = None,
) -> Page[HouseholdPublic]:
    """List households by number, site, community, alert level or town of origin.
    Keys scoped to a community see only that community."""
    principal.require("households", READ)
    result = households.list_households(
        session,
        principal,
        household_no=household_no,
        site=site,
        community=community,
        alert_level=alert_level,
        origin_town=origin_town,
        limit=params.limit,
        offset=params.offset,
    )
    return page_of(HouseholdPublic, result, params)


@router.post(
    "", status_code=201, response_model=HouseholdPublic, responses=WRITE_ERRORS
)
def create_household(
    body: HouseholdCreate,
    session: SessionDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> Any:
    """Register a household. `household_no` must be new; `origin_town` takes a town
    of the district by code or name."""
    principal.require("households", WRITE)
    return created(
        session,
        principal,
        idempotency_key,
        "POST /households",
        body,
        lambda: HouseholdPublic.model_validate(
            households.create_household(session, principal, body)
        ),
    )


@router.get("/{household_id}", response_model=HouseholdPublic, responses=ITEM_ERRORS)
def get_household(
    household_id: int, session: SessionDep, principal: PrincipalDep
) -> HouseholdPublic:
    """Read one household."""
    principal.require("households", READ)
    household = households.get_household(session, principal, household_id)
    return HouseholdPublic.model_validate(household)


@router.patch(
    "/{household_id}",
    response_model=HouseholdPublic,
    responses={**ITEM_ERRORS, **WRITE_ERRORS},
)
def update_household(
    household_id: int,
    body: HouseholdUpdate,
    session: SessionDep,
    principal: PrincipalDep,
) -> HouseholdPublic:
    """Change some fields of a household, at the `version` you read."""
    principal.require("households", WRITE)
    household = households.update_household(session, principal, household_id, body)
    return HouseholdPublic.model_validate(household)
