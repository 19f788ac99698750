"""Zero-employment cases (零就业家庭): who is waiting, and for how long.

Cases open and close in ``app.services.employment.refresh_household``; this module
only reads them.
"""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, and_, case, not_
from sqlmodel import Session, col, select

from app.errors import InvalidInput, NotFound
from app.models import Household, ZeroEmploymentCase
from app.schemas.cases import CaseStatus
from app.security import Principal
from app.services.records import get_or_404, page, where_given

CaseRow = tuple[ZeroEmploymentCase, Household]

# Open cases first, the nearest deadline first; then cleared ones by deadline.
ORDER = (
    case((col(ZeroEmploymentCase.cleared_on).is_(None), 0), else_=1),
    col(ZeroEmploymentCase.deadline_on),
)


def _is_overdue(on: date) -> ColumnElement[bool]:
    return and_(
        col(ZeroEmploymentCase.cleared_on).is_(None),
        col(ZeroEmploymentCase.deadline_on) < on,
    )


def list_cases(
    session: Session,
    principal: Principal,
    *,
    status: CaseStatus | None,
    overdue: bool | None,
    site: str | None,
    community: str | None,
    household_id: int | None,
    opened_since: date | None,
    opened_until: date | None,
    on: date,
    limit: int,
    offset: int,
) -> tuple[list[CaseRow], int]:
    """Return a page of cases with their households, within the caller's scope.

    A case is overdue when it is open and its deadline is before ``on``.
    """
    if opened_since and opened_until and opened_until < opened_since:
        raise InvalidInput.one("opened_until", "may not be before opened_since")

    statement = select(ZeroEmploymentCase).join(Household)
    cleared_on = col(ZeroEmploymentCase.cleared_on)
    if status is not None:
        is_open = status == CaseStatus.OPEN
        statement = statement.where(
            cleared_on.is_(None) if is_open else cleared_on.is_not(None)
        )
    if overdue is not None:
        late = _is_overdue(on)
        statement = statement.where(late if overdue else not_(late))
    for name in (principal.community, community):
        if name is not None:
            statement = statement.where(Household.community == name)
    statement = where_given(
        statement,
        (Household.site, site),
        (ZeroEmploymentCase.household_id, household_id),
    )
    if opened_since is not None:
        statement = statement.where(ZeroEmploymentCase.opened_on >= opened_since)
    if opened_until is not None:
        statement = statement.where(ZeroEmploymentCase.opened_on <= opened_until)

    cases, total = page(session, statement, limit, offset, order_by=ORDER)
    return _with_households(session, cases), total


def _with_households(
    session: Session, cases: Sequence[ZeroEmploymentCase]
) -> list[CaseRow]:
    """Pair each case with its household, loading the households in one query."""
    ids = {c.household_id for c in cases}
    households = session.exec(select(Household).where(col(Household.id).in_(ids)))
    by_id = {h.id: h for h in households}
    return [(c, by_id[c.household_id]) for c in cases]


def get_case(session: Session, principal: Principal, case_id: int) -> CaseRow:
    """Return a case and its household within the caller's scope, or raise
    ``NotFound``."""
    found = get_or_404(session, ZeroEmploymentCase, case_id, "zero-employment case")
    household = session.get(Household, found.household_id)
    assert household is not None
    if principal.community not in (None, household.community):
        raise NotFound.record("zero-employment case", case_id)
    return found, household
