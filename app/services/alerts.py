"""Household alert levels and the history of their changes.

Red is a crisis, set by an officer. Yellow comes from a member losing a job, income
dropping or expenses rising; the service sets it on a job lost or a follow-up wage
well below the wage at hire, and lifts a job-lost yellow when a member is placed.
"""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from app.models import AlertChange, Household
from app.models.enums import AlertLevel, AlertReason
from app.security import SERVICE, Actor

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
    """Turn a green household yellow; a red one stays red."""
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


def lift_after_placement(session: Session, household_id: int) -> None:
    """Turn a household green when its yellow came from a job lost or income drop."""
    household = session.get(Household, household_id)
    assert household is not None
    if household.alert_level != AlertLevel.YELLOW:
        return
    latest = session.exec(
        select(AlertChange)
        .where(AlertChange.household_id == household_id)
        .order_by(col(AlertChange.id).desc())
        .limit(1)
    ).first()
    if latest is not None and latest.reason in LIFTED_BY_PLACEMENT:
        change_alert(
            session,
            household,
            AlertLevel.GREEN,
            reason=AlertReason.MEMBER_PLACED,
            actor=SERVICE,
        )


def alert_history(session: Session, household_id: int) -> Sequence[AlertChange]:
    """Return the household's alert changes, oldest first."""
    statement = (
        select(AlertChange)
        .where(AlertChange.household_id == household_id)
        .order_by(col(AlertChange.id))
    )
    return session.exec(statement).all()
