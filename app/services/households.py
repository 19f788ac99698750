"""Relocated households."""

from collections.abc import Sequence

from sqlmodel import Session, select

from app.errors import Forbidden, NotFound
from app.models import Household
from app.models.enums import AlertLevel
from app.schemas.registry import HouseholdCreate, HouseholdUpdate
from app.security import Principal
from app.services.records import apply_patch, flush, get_or_404, page


def list_households(
    session: Session,
    principal: Principal,
    *,
    household_no: str | None,
    site: str | None,
    community: str | None,
    alert_level: AlertLevel | None,
    origin_town: str | None,
    limit: int,
    offset: int,
) -> tuple[Sequence[Household], int]:
    """Return a page of households matching the filters, within the caller's scope."""
    statement = select(Household)
    if principal.community is not None:
        statement = statement.where(Household.community == principal.community)
    for column, value in (
        (Household.household_no, household_no),
        (Household.site, site),
        (Household.community, community),
        (Household.alert_level, alert_level),
        (Household.origin_town, origin_town),
    ):
        if value is not None:
            statement = statement.where(column == value)
    return page(session, statement, limit, offset)


def get_household(
    session: Session, principal: Principal, household_id: int
) -> Household:
    """Return a household within the caller's scope, or raise ``NotFound``."""
    household = get_or_404(session, Household, household_id, "household")
    if principal.community not in (None, household.community):
        raise NotFound.record("household", household_id)
    return household


def _check_community(principal: Principal, community: str | None) -> None:
    if community is not None and principal.community not in (None, community):
        raise Forbidden(f"This key may only record households of {principal.community}")


def create_household(
    session: Session, principal: Principal, data: HouseholdCreate
) -> Household:
    """Register a household; its household number must be new."""
    _check_community(principal, data.community)
    household = Household.model_validate(data)
    session.add(household)
    flush(session, f"Household number {data.household_no} exists")
    return household


def update_household(
    session: Session, principal: Principal, household_id: int, patch: HouseholdUpdate
) -> Household:
    """Change a household at the version the caller read."""
    household = get_household(session, principal, household_id)
    _check_community(principal, patch.community)
    apply_patch(session, household, patch)
    flush(session, "Another household has that household number")
    return household
