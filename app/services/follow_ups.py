"""Follow-ups of placed workers (稳岗), due some months after each placement starts."""

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from app.clock import today
from app.config import Settings
from app.errors import Conflict, FieldError, InvalidInput, NotFound
from app.models import FollowUp, Person, Placement
from app.models.enums import AlertReason, FollowUpStatus, PlacementEndReason
from app.schemas.placements import FollowUpRecord, PlacementEnd
from app.security import Principal
from app.services.alerts import raise_to_yellow
from app.services.placements import (
    end_placement,
    is_visible,
    lock_placement,
    within_scope,
)
from app.services.records import apply_patch, flush, get_or_404, page, where_given


def list_follow_ups(
    session: Session,
    principal: Principal,
    *,
    placement_id: int | None,
    person_id: int | None,
    status: FollowUpStatus | None,
    is_overdue: bool | None,
    due_before: date | None,
    limit: int,
    offset: int,
) -> tuple[Sequence[FollowUp], int]:
    """Return a page of follow-ups, soonest due first, within the caller's scope.

    Overdue means still due and due before today.
    """
    statement = within_scope(
        select(FollowUp).join(Placement, col(Placement.id) == FollowUp.placement_id),
        principal,
    )
    statement = where_given(
        statement,
        (FollowUp.placement_id, placement_id),
        (Placement.person_id, person_id),
        (FollowUp.status, status),
    )
    if due_before is not None:
        statement = statement.where(FollowUp.due_on < due_before)
    if is_overdue is not None:
        overdue = (col(FollowUp.status) == FollowUpStatus.DUE) & (
            col(FollowUp.due_on) < today()
        )
        statement = statement.where(overdue if is_overdue else ~overdue)
    order = (col(FollowUp.due_on), col(FollowUp.id))
    return page(session, statement, limit, offset, order_by=order)


def get_follow_up(
    session: Session, principal: Principal, follow_up_id: int
) -> FollowUp:
    """Return a follow-up within the caller's scope, or raise ``NotFound``."""
    follow_up = get_or_404(session, FollowUp, follow_up_id, "follow-up")
    placement = session.get(Placement, follow_up.placement_id)
    if placement is None or not is_visible(session, principal, placement):
        raise NotFound.record("follow-up", follow_up_id)
    return follow_up


def record_follow_up(
    session: Session,
    principal: Principal,
    follow_up_id: int,
    data: FollowUpRecord,
    settings: Settings,
) -> FollowUp:
    """Record what a follow-up found, at the ``version`` the caller read.

    A worker no longer employed ends the placement on ``ended_on`` (the contact day
    unless given); a wage well below the wage at hire turns the household yellow.
    """
    follow_up = get_follow_up(session, principal, follow_up_id)
    placement = session.get(Placement, follow_up.placement_id)
    assert placement is not None
    # Wait for an end or another record of this placement under way, then read it.
    placement = lock_placement(session, placement)
    session.refresh(follow_up)
    if follow_up.status == FollowUpStatus.CANCELLED:
        raise Conflict("The placement ended before this follow-up; it is cancelled")
    _check_dates(data, placement)

    apply_patch(session, follow_up, data)
    follow_up.status = FollowUpStatus.DONE
    follow_up.recorded_by_key_id = principal.api_key_id
    flush(session, "The follow-up was changed by someone else; read it again")

    person = session.get(Person, placement.person_id)
    assert person is not None
    if _income_dropped(data.monthly_wage, placement.monthly_wage, settings):
        note = (
            f"{data.monthly_wage} yuan at follow-up, {placement.monthly_wage} at hire"
        )
        raise_to_yellow(session, person.household_id, AlertReason.INCOME_DROP, note)
    if not data.is_still_employed and placement.ended_on is None:
        _end_from_follow_up(session, principal, placement, data, settings)
    return follow_up


def _check_dates(data: FollowUpRecord, placement: Placement) -> None:
    errors = []
    if data.contacted_on > today():
        errors.append(FieldError("contacted_on", "may not be in the future"))
    if data.contacted_on < placement.started_on:
        message = f"may not be before the placement started, {placement.started_on}"
        errors.append(FieldError("contacted_on", message))
    if data.is_still_employed and (data.ended_on or data.end_reason):
        message = "is only given when the worker is no longer employed"
        errors += [
            FieldError(name, message)
            for name in ("ended_on", "end_reason")
            if getattr(data, name) is not None
        ]
    if errors:
        raise InvalidInput(errors)


def _income_dropped(wage: int | None, at_hire: int, settings: Settings) -> bool:
    return wage is not None and wage < at_hire * (1 - settings.income_drop_fraction)


def _end_from_follow_up(
    session: Session,
    principal: Principal,
    placement: Placement,
    data: FollowUpRecord,
    settings: Settings,
) -> None:
    assert placement.id is not None
    end = PlacementEnd(
        ended_on=data.ended_on or data.contacted_on,
        reason=data.end_reason or PlacementEndReason.OTHER,
        note=data.problems,
    )
    end_placement(session, principal, placement.id, end, settings)
