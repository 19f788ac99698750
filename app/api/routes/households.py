"""Relocated households, their employment status and alert history."""

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlmodel import Session

from app.api.deps import (
    ONE_LINE,
    IdempotencyKeyDep,
    PageDep,
    PathId,
    PrincipalDep,
    SessionDep,
)
from app.api.responses import ITEM_ERRORS, READ_ERRORS, WRITE_ERRORS, created, page_of
from app.clock import today
from app.models import Household
from app.models.enums import AlertLevel
from app.schemas.common import Page
from app.schemas.registry import (
    AlertChangePublic,
    HouseholdCreate,
    HouseholdEmploymentPublic,
    HouseholdPublic,
    HouseholdUpdate,
)
from app.security import READ, WRITE
from app.services import households
from app.services.employment import HouseholdEmployment

router = APIRouter(prefix="/households", tags=["households"])

NO_MEMBERS = HouseholdEmployment(labour_force=0, employed=0)


def _public(session: Session, rows: Sequence[Household]) -> list[HouseholdPublic]:
    """Answer households with their members' employment counted today."""
    counts = households.employment_counts(
        session, [h.id for h in rows if h.id is not None], today()
    )
    answers = []
    for household in rows:
        assert household.id is not None
        status = counts.get(household.id, NO_MEMBERS)
        fields = household.model_dump() | {
            "labour_force": status.labour_force,
            "employed": status.employed,
            "is_zero_employment": status.is_zero_employment,
        }
        answers.append(HouseholdPublic.model_validate(fields))
    return answers


@router.get("", response_model=Page[HouseholdPublic], responses=READ_ERRORS)
def list_households(
    session: SessionDep,
    principal: PrincipalDep,
    params: PageDep,
    household_no: Annotated[str | None, Query(max_length=30), ONE_LINE] = None,
    site: Annotated[str | None, Query(max_length=100), ONE_LINE] = None,
    community: Annotated[str | None, Query(max_length=100), ONE_LINE] = None,
    alert_level: AlertLevel | None = None,
    origin_town: Annotated[str | None, Query(max_length=12), ONE_LINE] = None,
    is_zero_employment: Annotated[
        bool | None,
        Query(
            description="With (true) or without (false) an open zero-employment case"
        ),
    ] = None,
) -> Page[HouseholdPublic]:
    """List households by number, site, community, alert level, town of origin or
    open zero-employment case. Keys scoped to a community see only that community.

    `labour_force` counts the members aged 16 to 59 who work, or are unemployed and
    seek work; `employed` those of them who work; `is_zero_employment` is true when
    there is a labour force and no one in it works. The `is_zero_employment` filter
    follows the open cases, which open and close as members' status changes."""
    principal.require("households", READ)
    rows, total = households.list_households(
        session,
        principal,
        household_no=household_no,
        site=site,
        community=community,
        alert_level=alert_level,
        origin_town=origin_town,
        is_zero_employment=is_zero_employment,
        limit=params.limit,
        offset=params.offset,
    )
    items = _public(session, rows)
    return Page[HouseholdPublic](
        items=items, total=total, limit=params.limit, offset=params.offset
    )


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
        lambda: _public(
            session, [households.create_household(session, principal, body)]
        )[0],
    )


@router.get("/{household_id}", response_model=HouseholdPublic, responses=ITEM_ERRORS)
def get_household(
    household_id: PathId, session: SessionDep, principal: PrincipalDep
) -> HouseholdPublic:
    """Read one household."""
    principal.require("households", READ)
    household = households.get_household(session, principal, household_id)
    return _public(session, [household])[0]


@router.patch(
    "/{household_id}",
    response_model=HouseholdPublic,
    responses={**ITEM_ERRORS, **WRITE_ERRORS},
)
def update_household(
    household_id: PathId,
    body: HouseholdUpdate,
    session: SessionDep,
    principal: PrincipalDep,
) -> HouseholdPublic:
    """Change some fields of a household, at the `version` you read.

    Changing `alert_level` needs an `alert_reason` (and takes an optional
    `alert_note`), both kept in the alert history. Red is for a crisis, and only an
    officer may set or lift it; yellow is for a job lost, an income drop or rising
    expenses."""
    principal.require("households", WRITE)
    household = households.update_household(session, principal, household_id, body)
    return _public(session, [household])[0]


@router.get(
    "/{household_id}/employment",
    response_model=HouseholdEmploymentPublic,
    responses=ITEM_ERRORS,
)
def get_household_employment(
    household_id: PathId, session: SessionDep, principal: PrincipalDep
) -> HouseholdEmploymentPublic:
    """Read the household's employment status, derived from its members today.

    A member is in the labour force when aged 16 to 59 and working, or unemployed
    and seeking work; students, the retired and those unable to work are not. A
    household with a labour force and no one in it working is zero-employment
    (零就业家庭): its open case shows the deadline to clear it, `days_left`
    (negative once past) and `is_overdue`. `past_cases` counts its cleared cases."""
    principal.require("households", READ)
    view = households.employment_status(session, principal, household_id, today())
    return HouseholdEmploymentPublic.model_validate(view)


@router.get(
    "/{household_id}/alerts",
    response_model=Page[AlertChangePublic],
    responses=ITEM_ERRORS,
)
def list_household_alerts(
    household_id: PathId, session: SessionDep, principal: PrincipalDep, params: PageDep
) -> Page[AlertChangePublic]:
    """List the household's alert level changes, oldest first: from which level to
    which, why, with the note, and who changed it (`jobmatch` when the service did
    it, say on a job lost or a member placed)."""
    principal.require("households", READ)
    result = households.alert_changes(
        session, principal, household_id, params.limit, params.offset
    )
    return page_of(AlertChangePublic, result, params)
