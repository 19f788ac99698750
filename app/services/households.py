"""Relocated households, their employment status and their alert history."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, case, func, or_
from sqlmodel import Session, col, select

from app.errors import Forbidden, InvalidInput, NotFound
from app.identity import age_on
from app.models import AlertChange, Household, Person, ZeroEmploymentCase
from app.models.enums import AlertLevel, AlertReason, EmploymentStatus, Role
from app.schemas.registry import HouseholdCreate, HouseholdUpdate
from app.security import Principal
from app.services.alerts import change_alert, record_registration
from app.services.employment import (
    WORKING,
    WORKING_AGE,
    HouseholdEmployment,
    in_labour_force,
    is_working,
)
from app.services.records import apply_patch, flush, get_or_404, page, where_given

# The reasons a person may give for setting each level; `registered` and
# `member_placed` are the service's own.
MANUAL_REASONS = {
    AlertLevel.RED: frozenset({AlertReason.CRISIS, AlertReason.OTHER}),
    AlertLevel.YELLOW: frozenset(
        {
            AlertReason.JOB_LOST,
            AlertReason.INCOME_DROP,
            AlertReason.EXPENSE_RISE,
            AlertReason.OTHER,
        }
    ),
    AlertLevel.GREEN: frozenset({AlertReason.RESOLVED, AlertReason.OTHER}),
}


def list_households(
    session: Session,
    principal: Principal,
    *,
    household_no: str | None,
    site: str | None,
    community: str | None,
    alert_level: AlertLevel | None,
    origin_town: str | None,
    is_zero_employment: bool | None,
    limit: int,
    offset: int,
) -> tuple[Sequence[Household], int]:
    """Return a page of households matching the filters, within the caller's scope.

    ``is_zero_employment`` picks the households with (or without) an open
    zero-employment case.
    """
    statement = select(Household)
    if is_zero_employment is not None:
        has_case = _open_case_exists()
        statement = statement.where(has_case if is_zero_employment else ~has_case)
    if principal.community is not None:
        statement = statement.where(Household.community == principal.community)
    statement = where_given(
        statement,
        (Household.household_no, household_no),
        (Household.site, site),
        (Household.community, community),
        (Household.alert_level, alert_level),
        (Household.origin_town, origin_town),
    )
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
    if level is not None and patch.alert_reason is not None:
        _check_alert_reason(level, patch.alert_reason)

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


def _check_alert_reason(level: AlertLevel, reason: AlertReason) -> None:
    allowed = MANUAL_REASONS[level]
    if reason not in allowed:
        choices = ", ".join(sorted(allowed))
        message = f"may not be {reason} for {level}; use one of {choices}"
        raise InvalidInput.one("alert_reason", message)


def _check_alert_right(
    principal: Principal, old: AlertLevel | None, new: AlertLevel | None
) -> None:
    """Only officers (and admins) set a household red or lift a red."""
    touches_red = AlertLevel.RED in (old, new) and old != new and new is not None
    if touches_red and principal.role not in (Role.ADMIN, Role.OFFICER):
        raise Forbidden("Only an officer may set or lift a red alert")


def _open_case_exists() -> ColumnElement[bool]:
    """True for a household with an open zero-employment case."""
    return (
        select(ZeroEmploymentCase.id)
        .where(
            ZeroEmploymentCase.household_id == Household.id,
            col(ZeroEmploymentCase.cleared_on).is_(None),
        )
        .exists()
    )


def _years_before(on: date, years: int) -> date:
    """Return the same day ``years`` earlier; 29 February falls back to the 28th."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return on.replace(year=on.year - years, day=28)


def _in_labour_force(on: date) -> ColumnElement[bool]:
    """``employment.in_labour_force`` for a person row, as a SQL condition."""
    youngest, oldest = WORKING_AGE
    # Born by this day: at least `youngest` on `on`; born after: at most `oldest`.
    born_by = _years_before(on, youngest)
    born_after = _years_before(on, oldest + 1)
    status = col(Person.employment_status)
    return and_(
        col(Person.birth_on) <= born_by,
        col(Person.birth_on) > born_after,
        or_(
            status.in_(WORKING),
            and_(
                status == EmploymentStatus.UNEMPLOYED,
                col(Person.is_seeking_work).is_(True),
            ),
        ),
    )


def employment_counts(
    session: Session, household_ids: Collection[int], on: date
) -> dict[int, HouseholdEmployment]:
    """Return labour force and employed members of each household, in one query.

    Households without members are missing from the answer.
    """
    if not household_ids:
        return {}
    in_force = _in_labour_force(on)
    working = col(Person.employment_status).in_(WORKING)
    statement = (
        select(
            col(Person.household_id),
            func.sum(case((in_force, 1), else_=0)),
            func.sum(case((and_(in_force, working), 1), else_=0)),
        )
        .where(col(Person.household_id).in_(household_ids))
        .group_by(col(Person.household_id))
    )
    rows = session.exec(statement).all()
    return {
        h: HouseholdEmployment(int(labour), int(employed))
        for h, labour, employed in rows
    }


@dataclass(frozen=True, slots=True)
class MemberEmployment:
    """What the household's status reads of one member."""

    person_id: int
    name: str
    age: int
    employment_status: str
    is_seeking_work: bool
    in_labour_force: bool


@dataclass(frozen=True, slots=True)
class EmploymentStatusView:
    """A household's employment status, its members and its cases."""

    household_id: int
    labour_force: int
    employed: int
    is_zero_employment: bool
    members: list[MemberEmployment]
    open_case: ZeroEmploymentCase | None
    past_cases: int


def employment_status(
    session: Session, principal: Principal, household_id: int, on: date
) -> EmploymentStatusView:
    """Return the household's employment status on ``on``, member by member.

    Raises ``NotFound`` outside the caller's scope.
    """
    get_household(session, principal, household_id)
    members = _members(session, household_id, on)
    status = HouseholdEmployment(
        labour_force=sum(m.in_labour_force for m in members),
        employed=sum(
            m.in_labour_force and is_working(m.employment_status) for m in members
        ),
    )
    cases = session.exec(
        select(ZeroEmploymentCase).where(
            ZeroEmploymentCase.household_id == household_id
        )
    ).all()
    open_case = next((c for c in cases if c.cleared_on is None), None)

    return EmploymentStatusView(
        household_id=household_id,
        labour_force=status.labour_force,
        employed=status.employed,
        is_zero_employment=status.is_zero_employment,
        members=members,
        open_case=open_case,
        past_cases=len(cases) - (open_case is not None),
    )


def _members(session: Session, household_id: int, on: date) -> list[MemberEmployment]:
    statement = (
        select(Person)
        .where(Person.household_id == household_id)
        .order_by(col(Person.id))
    )
    return [_member(person, on) for person in session.exec(statement)]


def _member(person: Person, on: date) -> MemberEmployment:
    assert person.id is not None
    status, seeking = person.employment_status, person.is_seeking_work
    return MemberEmployment(
        person_id=person.id,
        name=person.name,
        age=age_on(person.birth_on, on),
        employment_status=status,
        is_seeking_work=seeking,
        in_labour_force=in_labour_force(person.birth_on, status, seeking, on),
    )


def alert_changes(
    session: Session, principal: Principal, household_id: int, limit: int, offset: int
) -> tuple[Sequence[AlertChange], int]:
    """Return a page of the household's alert changes, oldest first.

    Raises ``NotFound`` outside the caller's scope.
    """
    get_household(session, principal, household_id)
    statement = select(AlertChange).where(AlertChange.household_id == household_id)
    return page(session, statement, limit, offset)
