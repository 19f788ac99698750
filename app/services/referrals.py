"""Referrals: a person put forward for a vacancy, moved step by step to a hire.

    proposed ─→ referred ─→ interviewed ─→ hired
        └──────────┴────────────┴──→ rejected | withdrawn

The service itself moves open referrals to ``hired_elsewhere`` when the person is
hired for another vacancy, to ``withdrawn`` when the vacancy fills, and to ``expired``
when no one moves them on for ``referral_expiry_days``. Every move is recorded with
who made it and when.
"""

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from app.clock import utcnow
from app.config import Settings
from app.errors import Conflict, FieldError, InvalidInput
from app.models import Person, Placement, Referral, ReferralEvent, Vacancy
from app.models.enums import (
    EmploymentStatus,
    ReferralStatus,
    RejectionReason,
    VacancyStatus,
)
from app.schemas.referrals import ReferralCreate, ReferralTransition
from app.security import SERVICE, Actor, Principal
from app.services import placements
from app.services.employment import lock_person
from app.services.people import get_person
from app.services.records import (
    check_references,
    flush,
    get_or_404,
    lock_row,
    page,
    where_given,
)

logger = logging.getLogger(__name__)

OPEN = frozenset(
    {ReferralStatus.PROPOSED, ReferralStatus.REFERRED, ReferralStatus.INTERVIEWED}
)
# The moves a caller may make; the final statuses allow none.
MOVES: dict[str, frozenset[ReferralStatus]] = {
    ReferralStatus.PROPOSED: frozenset(
        {ReferralStatus.REFERRED, ReferralStatus.REJECTED, ReferralStatus.WITHDRAWN}
    ),
    ReferralStatus.REFERRED: frozenset(
        {ReferralStatus.INTERVIEWED, ReferralStatus.REJECTED, ReferralStatus.WITHDRAWN}
    ),
    ReferralStatus.INTERVIEWED: frozenset(
        {ReferralStatus.HIRED, ReferralStatus.REJECTED, ReferralStatus.WITHDRAWN}
    ),
}
SERVICE_ONLY = frozenset({ReferralStatus.HIRED_ELSEWHERE, ReferralStatus.EXPIRED})


def list_referrals(
    session: Session,
    *,
    person_id: int | None,
    vacancy_id: int | None,
    status: ReferralStatus | None,
    is_open: bool | None,
    limit: int,
    offset: int,
) -> tuple[Sequence[Referral], int]:
    """Return a page of referrals matching the filters."""
    statement = select(Referral)
    statement = where_given(
        statement,
        (Referral.person_id, person_id),
        (Referral.vacancy_id, vacancy_id),
        (Referral.status, status),
    )
    if is_open is not None:
        in_open = col(Referral.status).in_(OPEN)
        statement = statement.where(in_open if is_open else ~in_open)
    return page(session, statement, limit, offset)


def get_referral(session: Session, referral_id: int) -> Referral:
    return get_or_404(session, Referral, referral_id, "referral")


def events_of(session: Session, referral_id: int) -> Sequence[ReferralEvent]:
    """Return the referral's transitions, oldest first."""
    statement = (
        select(ReferralEvent)
        .where(ReferralEvent.referral_id == referral_id)
        .order_by(col(ReferralEvent.id))
    )
    return session.exec(statement).all()


def placement_of(session: Session, referral_id: int) -> int | None:
    """Return the id of the placement the referral's hire created, if any."""
    return placements_of(session, [referral_id]).get(referral_id)


def placements_of(session: Session, referral_ids: Iterable[int]) -> dict[int, int]:
    """Return the placements the referrals' hires created, by referral id."""
    statement = select(Placement.referral_id, Placement.id).where(
        col(Placement.referral_id).in_(list(referral_ids))
    )
    return {
        referral_id: placement_id
        for referral_id, placement_id in session.exec(statement).all()
        if referral_id is not None and placement_id is not None
    }


def create_referral(
    session: Session, principal: Principal, data: ReferralCreate
) -> Referral:
    """Put a person forward for a vacancy.

    The person must be seeking work and not employed; the vacancy must be open with
    an opening left; a person has one open referral per vacancy.
    """
    check_references(
        session,
        {
            "person_id": (Person, data.person_id),
            "vacancy_id": (Vacancy, data.vacancy_id),
        },
    )
    get_person(session, principal, data.person_id)
    # Locked as a hire locks them, so a hire under way is waited for and seen.
    person = lock_person(session, data.person_id)
    vacancy = lock_row(session, Vacancy, data.vacancy_id)
    assert person.id is not None

    _check_can_refer(person.employment_status, person.is_seeking_work, vacancy)
    referral = Referral(
        person_id=person.id,
        vacancy_id=data.vacancy_id,
        status=data.status,
        note=data.note,
        created_by_key_id=principal.api_key_id,
    )
    session.add(referral)
    flush(session, "The person already has an open referral to this vacancy")
    _record(session, referral, None, principal.actor, note=data.note)
    return referral


def _check_can_refer(status: str, is_seeking_work: bool, vacancy: Vacancy) -> None:
    if status != EmploymentStatus.UNEMPLOYED or not is_seeking_work:
        raise Conflict(
            f"The person is {status} and "
            f"{'seeking' if is_seeking_work else 'not seeking'} work; only unemployed "
            "job seekers are referred"
        )
    if vacancy.status != VacancyStatus.OPEN:
        raise Conflict(f"Vacancy {vacancy.id} is {vacancy.status}")
    if vacancy.openings_filled >= vacancy.openings:
        raise Conflict(f"Vacancy {vacancy.id} has no opening left")


def transition(
    session: Session,
    principal: Principal,
    referral_id: int,
    move: ReferralTransition,
    settings: Settings,
) -> Referral:
    """Move a referral on; a hire creates the placement in the same transaction.

    Raises ``Conflict`` for a move the referral's status does not allow, and
    ``InvalidInput`` when a rejection lacks its reason or a hire its start and wage.
    """
    referral = get_referral(session, referral_id)
    target = ReferralStatus(move.to)
    if target == ReferralStatus.HIRED:
        _lock_for_hire(session, referral)
    else:
        _lock_referral(session, referral_id)
    _check_move(referral, target)
    _check_fields(move, target)

    old = referral.status
    _set_status(referral, target, move.reason, move.note)
    session.add(referral)
    flush(session, "The referral was changed by someone else; read it again")
    _record(session, referral, old, principal.actor, move.reason, move.note)

    if target == ReferralStatus.HIRED:
        assert move.started_on is not None
        assert move.monthly_wage is not None
        placements.hire(
            session,
            referral,
            started_on=move.started_on,
            monthly_wage=move.monthly_wage,
            settings=settings,
        )
        _close_others(session, referral)
    return referral


def _lock_for_hire(session: Session, referral: Referral) -> None:
    """Lock the household, the person, the vacancy and the referral, in this order,
    and read the referral again.

    A hire changes the person's other referrals, the vacancy's and the household;
    taking the locks first, always in this order, makes racing hires wait in turn
    instead of deadlocking, and the one that waited sees what the first changed.
    ``FOR NO KEY UPDATE`` leaves rows that merely reference these (new events, new
    referrals) free to be written.
    """
    assert referral.id is not None
    lock_person(session, referral.person_id)
    lock_row(session, Vacancy, referral.vacancy_id)
    _lock_referral(session, referral.id)


def _lock_referral(session: Session, referral_id: int) -> None:
    """Hold the referral until commit and read it again: a move made meanwhile (a
    rejection, an expiry) is seen, not overwritten."""
    lock_row(session, Referral, referral_id, key_share=False)


def _open_referrals_locked(*criteria: ColumnElement[bool]) -> SelectOfScalar[Referral]:
    """Select open referrals meeting ``criteria``, locked, and read as committed: a
    referral rejected or expired meanwhile is waited for and then left out."""
    return (
        select(Referral)
        .where(col(Referral.status).in_(OPEN), *criteria)
        .order_by(col(Referral.id))
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def _check_move(referral: Referral, target: ReferralStatus) -> None:
    if target in SERVICE_ONLY:
        raise Conflict(f"Only the service moves a referral to {target}")
    if target not in MOVES.get(referral.status, frozenset()):
        raise Conflict(f"A referral cannot move from {referral.status} to {target}")


def _check_fields(move: ReferralTransition, target: ReferralStatus) -> None:
    errors = []
    if target == ReferralStatus.REJECTED and move.reason is None:
        errors.append(FieldError("reason", "is required to reject"))
    if target == ReferralStatus.HIRED:
        if move.started_on is None:
            errors.append(FieldError("started_on", "is required to hire"))
        if move.monthly_wage is None:
            errors.append(FieldError("monthly_wage", "is required to hire"))
    else:
        errors += [
            FieldError(name, "is only given to hire")
            for name in ("started_on", "monthly_wage")
            if getattr(move, name) is not None
        ]
    closing = (ReferralStatus.REJECTED, ReferralStatus.WITHDRAWN)
    if move.reason is not None and target not in closing:
        errors.append(FieldError("reason", "is only given to reject or withdraw"))
    if errors:
        raise InvalidInput(errors)


def _set_status(
    referral: Referral,
    target: ReferralStatus,
    reason: RejectionReason | None,
    note: str | None,
) -> None:
    referral.status = target
    referral.status_changed_at = utcnow()
    if reason is not None:
        referral.reason = reason
    if note is not None:
        referral.note = note


def _record(
    session: Session,
    referral: Referral,
    old: str | None,
    actor: Actor,
    reason: str | None = None,
    note: str | None = None,
) -> None:
    assert referral.id is not None
    session.add(
        ReferralEvent(
            referral_id=referral.id,
            from_status=old,
            to_status=referral.status,
            reason=reason,
            note=note,
            actor_key_id=actor.key_id,
            actor=actor.name,
        )
    )


def _close_others(session: Session, hired: Referral) -> None:
    """After a hire, close the person's other open referrals, and the vacancy's
    when it has no opening left."""
    vacancy = session.get(Vacancy, hired.vacancy_id)
    assert vacancy is not None
    session.refresh(vacancy)
    elsewhere = _open_referrals_locked(
        col(Referral.id) != hired.id, col(Referral.person_id) == hired.person_id
    )
    for other in session.exec(elsewhere).all():
        note = f"hired for vacancy {hired.vacancy_id}"
        _service_move(session, other, ReferralStatus.HIRED_ELSEWHERE, None, note)
    if vacancy.status == VacancyStatus.FILLED:
        withdraw_from_vacancy(session, vacancy)


def withdraw_from_vacancy(session: Session, vacancy: Vacancy) -> int:
    """Withdraw the open referrals of a vacancy no longer open; return how many."""
    others = session.exec(
        _open_referrals_locked(col(Referral.vacancy_id) == vacancy.id)
    ).all()
    for other in others:
        note = f"the vacancy is {vacancy.status}"
        reason = RejectionReason.VACANCY_CLOSED
        _service_move(session, other, ReferralStatus.WITHDRAWN, reason, note)
    return len(others)


def _service_move(
    session: Session,
    referral: Referral,
    target: ReferralStatus,
    reason: RejectionReason | None,
    note: str,
) -> None:
    old = referral.status
    _set_status(referral, target, reason, None)
    session.add(referral)
    _record(session, referral, old, SERVICE, reason, note)


def expire_referrals(session: Session, *, now: datetime, days: int) -> int:
    """Expire the open referrals no one has moved on for ``days`` before ``now``.

    Returns how many expired; running it again at the same ``now`` expires none.
    """
    cutoff = now - timedelta(days=days)
    # A referral someone is changing right now is not idle: skip it rather than wait
    # for it (and risk a deadlock with a hire closing the person's referrals).
    statement = (
        select(Referral)
        .where(col(Referral.status).in_(OPEN), Referral.status_changed_at < cutoff)
        .order_by(col(Referral.id))
        .with_for_update(skip_locked=True)
    )
    stale = session.exec(statement).all()
    for referral in stale:
        note = f"no change for {days} days"
        _service_move(session, referral, ReferralStatus.EXPIRED, None, note)
    flush(session, "A referral changed while expiring; run again")
    logger.info("expired %d referrals idle since before %s", len(stale), cutoff)
    return len(stale)
