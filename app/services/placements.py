"""Placements: a person at work through a hire, until the placement ends.

A hire takes one opening of the vacancy in a single guarded ``UPDATE``, so two
officers hiring for the last opening at once cannot both succeed, on SQLite or on
PostgreSQL, and openings never run out below zero.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TypeVar

from sqlalchemy import case, func, update
from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.expression import SelectOfScalar

from app.clock import today, utcnow
from app.config import Settings
from app.errors import Conflict, InvalidInput, NotFound
from app.models import (
    EmploymentEvent,
    FollowUp,
    Household,
    Person,
    Placement,
    Referral,
    Vacancy,
)
from app.models.enums import (
    AlertReason,
    Channel,
    EmploymentSource,
    EmploymentStatus,
    FollowUpStatus,
    VacancyStatus,
)
from app.schemas.placements import PlacementEnd
from app.security import Principal
from app.services.alerts import lift_after_placement, raise_to_yellow
from app.services.employment import (
    lock_person,
    record_employment,
    refresh_household,
)
from app.services.records import flush, get_or_404, lock_row, page, where_given
from app.services.stability import add_months

M = TypeVar("M", bound=SQLModel)


def list_placements(
    session: Session,
    principal: Principal,
    *,
    person_id: int | None,
    vacancy_id: int | None,
    employer_id: int | None,
    channel: Channel | None,
    station_id: int | None,
    is_current: bool | None,
    limit: int,
    offset: int,
) -> tuple[Sequence[Placement], int]:
    """Return a page of placements matching the filters, within the caller's scope."""
    statement = within_scope(select(Placement), principal)
    statement = where_given(
        statement,
        (Placement.person_id, person_id),
        (Placement.vacancy_id, vacancy_id),
        (Placement.employer_id, employer_id),
        (Placement.channel, channel),
        (Placement.station_id, station_id),
    )
    if is_current is not None:
        ended = col(Placement.ended_on).is_(None)
        statement = statement.where(ended if is_current else ~ended)
    return page(session, statement, limit, offset)


def within_scope(
    statement: SelectOfScalar[M], principal: Principal
) -> SelectOfScalar[M]:
    """Keep, of a query joining ``Placement``, the placements the caller may see:
    those of its community's households when the key names a community."""
    if principal.community is None:
        return statement
    return (
        statement.join(Person, col(Person.id) == Placement.person_id)
        .join(Household, col(Household.id) == Person.household_id)
        .where(Household.community == principal.community)
    )


def is_visible(session: Session, principal: Principal, placement: Placement) -> bool:
    """Whether the caller may see the placement (and its follow-ups)."""
    if principal.community is None:
        return True
    person = session.get(Person, placement.person_id)
    household = session.get(Household, person.household_id) if person else None
    return household is not None and household.community == principal.community


def get_placement(
    session: Session, principal: Principal, placement_id: int
) -> Placement:
    """Return a placement within the caller's scope, or raise ``NotFound``."""
    placement = get_or_404(session, Placement, placement_id, "placement")
    if not is_visible(session, principal, placement):
        raise NotFound.record("placement", placement_id)
    return placement


def hire(
    session: Session,
    referral: Referral,
    *,
    started_on: date,
    monthly_wage: int,
    settings: Settings,
) -> Placement:
    """Place the referral's person in its vacancy from ``started_on``.

    Takes an opening, marks the vacancy filled when it was the last, records the
    person employed, schedules the follow-ups and clears the household's
    zero-employment case. Raises ``Conflict`` when no opening is left or the person
    already holds a placement, and ``InvalidInput`` for a start in the future or
    before the person's last status change.
    """
    person = session.get(Person, referral.person_id)
    assert person is not None
    assert person.id is not None
    _check_start(session, person.id, started_on)
    _check_not_placed(session, person.id)
    vacancy = _take_opening(session, referral.vacancy_id)

    placement = Placement(
        person_id=person.id,
        vacancy_id=referral.vacancy_id,
        referral_id=referral.id,
        employer_id=vacancy.employer_id,
        channel=vacancy.channel,
        station_id=vacancy.station_id,
        started_on=started_on,
        monthly_wage=monthly_wage,
    )
    session.add(placement)
    flush(session, "The person already holds a placement")
    assert placement.id is not None

    record_employment(
        session,
        person,
        status=EmploymentStatus.EMPLOYED,
        is_seeking_work=False,
        on=started_on,
        source=EmploymentSource.HIRE,
        placement_id=placement.id,
    )
    _schedule_follow_ups(session, placement, settings.follow_up_months)
    lift_after_placement(session, person.household_id)
    refresh_household(
        session,
        person.household_id,
        on=started_on,
        clearing_days=settings.zero_employment_days,
        placement_id=placement.id,
    )
    return placement


def _check_start(session: Session, person_id: int, started_on: date) -> None:
    """A start may not be in the future, nor before the person's last status change
    (registration, or the end of their last placement): history stays in order."""
    if started_on > today():
        message = "may not be in the future; record the hire when work starts"
        raise InvalidInput.one("started_on", message)
    _check_after_last_change(session, person_id, started_on, "started_on")


def _check_after_last_change(
    session: Session, person_id: int, day: date, field: str
) -> None:
    """Refuse a change dated before the person's last one: history stays in order."""
    latest = session.exec(
        select(func.max(EmploymentEvent.effective_on)).where(
            EmploymentEvent.person_id == person_id
        )
    ).one()
    if latest is not None and day < latest:
        message = f"may not be before {latest}, the person's last status change"
        raise InvalidInput.one(field, message)


def _check_not_placed(session: Session, person_id: int) -> None:
    statement = select(Placement.id).where(
        Placement.person_id == person_id, col(Placement.ended_on).is_(None)
    )
    current = session.exec(statement).first()
    if current is not None:
        raise Conflict(f"The person already holds placement {current}; end it first")


def _take_opening(session: Session, vacancy_id: int) -> Vacancy:
    """Fill one opening of an open vacancy, or raise ``Conflict`` when none is left.

    The condition and the increment are one statement: the database row lock (or
    SQLite's single writer) makes a second hire wait and then find no opening.
    """
    filled = col(Vacancy.openings_filled) + 1
    statement = (
        update(Vacancy)
        .where(
            col(Vacancy.id) == vacancy_id,
            col(Vacancy.status) == VacancyStatus.OPEN,
            col(Vacancy.openings_filled) < col(Vacancy.openings),
        )
        .values(
            openings_filled=filled,
            status=case(
                (filled >= col(Vacancy.openings), VacancyStatus.FILLED.value),
                else_=col(Vacancy.status),
            ),
            version=col(Vacancy.version) + 1,
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    result = session.connection().execute(statement)
    if result.rowcount == 0:
        vacancy = session.get(Vacancy, vacancy_id)
        state = "closed" if vacancy and vacancy.status == "closed" else "filled"
        raise Conflict(f"Vacancy {vacancy_id} has no opening left; it is {state}")

    vacancy = session.get(Vacancy, vacancy_id)
    assert vacancy is not None
    session.refresh(vacancy)
    return vacancy


def end_placement(
    session: Session,
    principal: Principal,
    placement_id: int,
    end: PlacementEnd,
    settings: Settings,
) -> Placement:
    """End a placement; the person seeks work again and the matcher proposes them.

    The follow-ups not yet done are cancelled, the household turns yellow (a job
    lost) and, when no one else works, a zero-employment case opens on ``ended_on``.
    """
    placement = lock_placement(session, get_placement(session, principal, placement_id))
    if placement.ended_on is not None:
        raise Conflict(f"Placement {placement_id} ended on {placement.ended_on}")
    if end.ended_on < placement.started_on:
        message = f"may not be before the start, {placement.started_on}"
        raise InvalidInput.one("ended_on", message)
    if end.ended_on > today():
        raise InvalidInput.one("ended_on", "may not be in the future")
    _check_after_last_change(session, placement.person_id, end.ended_on, "ended_on")

    placement.ended_on = end.ended_on
    placement.end_reason, placement.end_note = end.reason, end.note
    session.add(placement)
    flush(session, "The placement was changed by someone else; read it again")

    person = session.get(Person, placement.person_id)
    assert person is not None
    record_employment(
        session,
        person,
        status=EmploymentStatus.UNEMPLOYED,
        is_seeking_work=True,
        on=end.ended_on,
        source=EmploymentSource.PLACEMENT_END,
        placement_id=placement.id,
    )
    _cancel_follow_ups(session, placement)
    note = f"placement {placement_id} ended: {end.reason}"
    raise_to_yellow(session, person.household_id, AlertReason.JOB_LOST, note)
    refresh_household(
        session,
        person.household_id,
        on=end.ended_on,
        clearing_days=settings.zero_employment_days,
    )
    flush(session, "The person was changed by someone else; try again")
    return placement


def lock_placement(session: Session, placement: Placement) -> Placement:
    """Hold the household, the person and the placement, in this order, and return
    the placement as last committed; an end or follow-up made meanwhile is seen."""
    assert placement.id is not None
    lock_person(session, placement.person_id)
    return lock_row(session, Placement, placement.id)


def _schedule_follow_ups(
    session: Session, placement: Placement, months: Iterable[int]
) -> None:
    """Add the placement's follow-ups, each due some months after its start."""
    assert placement.id is not None
    for month in months:
        session.add(
            FollowUp(
                placement_id=placement.id,
                month=month,
                due_on=add_months(placement.started_on, month),
            )
        )


def _cancel_follow_ups(session: Session, placement: Placement) -> None:
    """Cancel the follow-ups not yet recorded of a placement that has ended."""
    statement = select(FollowUp).where(
        FollowUp.placement_id == placement.id, FollowUp.status == FollowUpStatus.DUE
    )
    for follow_up in session.exec(statement).all():
        follow_up.status = FollowUpStatus.CANCELLED
        session.add(follow_up)
