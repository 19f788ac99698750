"""Zero-employment households (零就业家庭) and their clearing deadlines."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import ONE_LINE, IdFilter, PageDep, PathId, PrincipalDep, SessionDep
from app.api.responses import ITEM_ERRORS, READ_ERRORS, WRITE_ERRORS
from app.clock import today
from app.schemas.cases import CasePublic, CaseStatus
from app.schemas.common import Page
from app.security import READ
from app.services import cases
from app.services.cases import CaseRow

router = APIRouter(prefix="/zero-employment-cases", tags=["zero-employment cases"])


def _public(row: CaseRow) -> CasePublic:
    case, household = row
    return CasePublic.model_validate(
        case.model_dump()
        | {
            "household_no": household.household_no,
            "site": household.site,
            "community": household.community,
        }
    )


@router.get(
    "",
    response_model=Page[CasePublic],
    responses={**READ_ERRORS, 422: WRITE_ERRORS[422]},
)
def list_cases(
    session: SessionDep,
    principal: PrincipalDep,
    params: PageDep,
    status: CaseStatus | None = None,
    overdue: Annotated[
        bool | None, Query(description="Open past the deadline (true) or not (false)")
    ] = None,
    site: Annotated[str | None, Query(max_length=100), ONE_LINE] = None,
    community: Annotated[str | None, Query(max_length=100), ONE_LINE] = None,
    household_id: IdFilter = None,
    opened_since: Annotated[
        date | None, Query(description="Opened on this day or later")
    ] = None,
    opened_until: Annotated[
        date | None, Query(description="Opened on this day or earlier")
    ] = None,
) -> Page[CasePublic]:
    """List zero-employment cases: households where no one of working age who can
    and will work has a job. A case opens when a household becomes zero-employment
    and is due to be cleared `zero_employment_days` (30 by default) later; it closes
    when a member is placed or finds work, or when no one in the household is in the
    labour force any more.

    Open cases come first, the nearest deadline first; cleared cases follow.
    `days_left` is negative once the deadline has passed and null for a cleared case;
    a case is overdue when it is open after its deadline day. Keys scoped to a
    community see only that community's cases."""
    principal.require("zero_employment_cases", READ)
    rows, total = cases.list_cases(
        session,
        principal,
        status=status,
        overdue=overdue,
        site=site,
        community=community,
        household_id=household_id,
        opened_since=opened_since,
        opened_until=opened_until,
        on=today(),
        limit=params.limit,
        offset=params.offset,
    )
    items = [_public(row) for row in rows]
    return Page[CasePublic](
        items=items, total=total, limit=params.limit, offset=params.offset
    )


@router.get("/{case_id}", response_model=CasePublic, responses=ITEM_ERRORS)
def get_case(
    case_id: PathId, session: SessionDep, principal: PrincipalDep
) -> CasePublic:
    """Read one zero-employment case."""
    principal.require("zero_employment_cases", READ)
    return _public(cases.get_case(session, principal, case_id))
