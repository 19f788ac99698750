"""Relocated households."""

from collections.abc import Sequence

from sqlmodel import Session, select

from app.errors import Forbidden, InvalidInput, NotFound
from app.models import Household
from app.models.enums import AlertLevel, Role
from app.schemas.registry import HouseholdCreate, HouseholdUpdate
from app.security import Principal
from app.services.alerts import change_alert, record_registration
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
    _check_alert_right(principal, None, data.alert_level)
    household = Household.model_validate(data)
    session.add(household)
    flush(session, f"Household number {data.household_no} exists")
    record_registration(session, household, principal.actor)
    return household


def update_household(
    session: Session, principal: Principal, household_id: int, patch: HouseholdUpdate
) -> Household:
    """Change a household at the version the caller read."""
    household = get_household(session, principal, household_id)
    _check_community(principal, patch.community)
    old_level, level = AlertLevel(household.alert_level), patch.alert_level
    _check_alert_right(principal, old_level, level)
    if level not in (None, old_level) and patch.alert_reason is None:
        raise InvalidInput.one("alert_reason", "is required to change alert_level")

    apply_patch(session, household, patch)
    if level is not None and patch.alert_reason is not None:
        # change_alert records the step from the old level to the new.
        household.alert_level = old_level
        change_alert(
            session,
            household,
            level,
            reason=patch.alert_reason,
            actor=principal.actor,
            note=patch.alert_note,
        )
    flush(session, "Another household has that household number")
    return household


def _check_alert_right(
    principal: Principal, old: AlertLevel | None, new: AlertLevel | None
) -> None:
    """Only officers (and admins) set a household red or lift a red."""
    touches_red = AlertLevel.RED in (old, new) and old != new and new is not None
    if touches_red and principal.role not in (Role.ADMIN, Role.OFFICER):
        raise Forbidden("Only an officer may set or lift a red alert")
