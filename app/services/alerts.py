"""Household alert levels and the history of their changes.

Red is a crisis, set by an officer. Yellow comes from a member losing a job, income
dropping or expenses rising; the service sets it on a job lost or a follow-up wage
well below the wage at hire, and lifts a job-lost yellow when a member is placed
and no one is still out of the work they lost. Every such reason enters the
history, also when the level does not change.
"""

from collections import defaultdict
from collections.abc import Sequence

from sqlmodel import Session, col, select

from app.models import AlertChange, EmploymentEvent, Household, Person
from app.models.enums import AlertLevel, AlertReason
from app.security import SERVICE, Actor
from app.services.employment import is_working

# Reasons the service lifts on its own when a member is placed again.
LIFTED_BY_PLACEMENT = frozenset({AlertReason.JOB_LOST, AlertReason.INCOME_DROP})


def change_alert(
    session: Session,
    household: Household,
    level: AlertLevel,
    *,
    reason: AlertReason,
    actor: Actor,
    note: str | None = None,
) -> AlertChange | None:
    """Set the household's alert level and record why; nothing if it is unchanged."""
    assert household.id is not None
    if household.alert_level == level:
        return None
    change = AlertChange(
        household_id=household.id,
        from_level=household.alert_level,
        to_level=level,
        reason=reason,
        note=note,
        actor_key_id=actor.key_id,
        actor=actor.name,
    )
    household.alert_level = level
    session.add_all([household, change])
    return change


def record_registration(session: Session, household: Household, actor: Actor) -> None:
    """Start a new household's history with the level it was registered at."""
    assert household.id is not None
    session.add(
        AlertChange(
            household_id=household.id,
            to_level=household.alert_level,
            reason=AlertReason.REGISTERED,
            actor_key_id=actor.key_id,
            actor=actor.name,
        )
    )


def raise_to_yellow(
    session: Session, household_id: int, reason: AlertReason, note: str | None = None
) -> None:
    """Turn a green household yellow; a yellow or red one keeps its level, and the
    reason still enters its history."""
    household = session.get(Household, household_id)
    assert household is not None
    if household.alert_level == AlertLevel.GREEN:
        change_alert(
            session,
            household,
            AlertLevel.YELLOW,
            reason=reason,
            actor=SERVICE,
            note=note,
        )
        return
    session.add(
        AlertChange(
            household_id=household_id,
            from_level=household.alert_level,
            to_level=household.alert_level,
            reason=reason,
            note=note,
            actor_key_id=SERVICE.key_id,
            actor=SERVICE.name,
        )
    )


def lift_after_placement(session: Session, household_id: int) -> None:
    """Turn a yellow household green once a member is placed, when every reason it
    is yellow for is one a placement answers (a job lost, an income drop) and no
    member is still out of the work they lost."""
    household = session.get(Household, household_id)
    assert household is not None
    if household.alert_level != AlertLevel.YELLOW:
        return
    if _yellow_reasons(session, household_id) <= LIFTED_BY_PLACEMENT and not (
        _someone_lost_work(session, household_id)
    ):
        change_alert(
            session,
            household,
            AlertLevel.GREEN,
            reason=AlertReason.MEMBER_PLACED,
            actor=SERVICE,
        )


def _yellow_reasons(session: Session, household_id: int) -> set[str]:
    """Return the reasons recorded since the household last turned yellow."""
    statement = (
        select(AlertChange)
        .where(AlertChange.household_id == household_id)
        .order_by(col(AlertChange.id).desc())
    )
    reasons = set()
    for change in session.exec(statement):
        reasons.add(change.reason)
        if change.from_level != AlertLevel.YELLOW:
            break
    return reasons


def _someone_lost_work(session: Session, household_id: int) -> bool:
    """Whether a member's latest status change took them from work to none."""
    members = select(Person.id).where(Person.household_id == household_id)
    statement = (
        select(EmploymentEvent.person_id, EmploymentEvent.employment_status)
        .where(col(EmploymentEvent.person_id).in_(members))
        .order_by(
            col(EmploymentEvent.person_id),
            col(EmploymentEvent.effective_on),
            col(EmploymentEvent.id),
        )
    )
    last_two: dict[int, list[str]] = defaultdict(list)
    for person_id, status in session.exec(statement):
        last_two[person_id] = [*last_two[person_id][-1:], status]
    return any(
        len(pair) == 2 and is_working(pair[0]) and not is_working(pair[1])
        for pair in last_two.values()
    )


def alert_history(session: Session, household_id: int) -> Sequence[AlertChange]:
    """Return the household's alert changes, oldest first."""
    statement = (
        select(AlertChange)
        .where(AlertChange.household_id == household_id)
        .order_by(col(AlertChange.id))
    )
    return session.exec(statement).all()
