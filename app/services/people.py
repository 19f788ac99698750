"""People: members of relocated households, most of them job seekers."""

from collections.abc import Sequence
from datetime import date
from typing import Literal

from sqlmodel import Session, col, select

from app.clock import today
from app.config import Settings
from app.errors import Conflict, FieldError, InvalidInput, NotFound
from app.identity import parse_id_number
from app.models import EmploymentEvent, Household, Person, Placement
from app.models.enums import AlertReason, EmploymentSource, EmploymentStatus
from app.schemas.people import (
    EmploymentEventPublic,
    PersonCreate,
    PersonEmployment,
    PersonUpdate,
)
from app.security import Principal
from app.services.alerts import lift_after_placement, raise_to_yellow
from app.services.employment import (
    is_working,
    lock_households,
    lock_person,
    record_employment,
    refresh_household,
)
from app.services.households import get_household
from app.services.records import apply_patch, flush, get_or_404, page, where_given
from app.services.resolution import resolve_person
from app.services.stability import person_stability

# Fields the derived occupations, skills and certificates are resolved from.
PHRASE_FIELDS = frozenset({"skills", "certificates", "desired_occupations"})


def list_people(
    session: Session,
    principal: Principal,
    *,
    household_id: int | None,
    id_number: str | None,
    employment_status: EmploymentStatus | None,
    is_seeking_work: bool | None,
    site: str | None,
    community: str | None,
    limit: int,
    offset: int,
) -> tuple[Sequence[Person], int]:
    """Return a page of people matching the filters, within the caller's scope."""
    statement = select(Person)
    communities = [c for c in (principal.community, community) if c is not None]
    if site is not None or communities:
        statement = statement.join(Household)
    for name in communities:
        statement = statement.where(Household.community == name)
    statement = where_given(
        statement,
        (Person.household_id, household_id),
        (Person.id_number, id_number.upper() if id_number else None),
        (Person.employment_status, employment_status),
        (Person.is_seeking_work, is_seeking_work),
        (Household.site, site),
    )
    return page(session, statement, limit, offset)


def get_person(session: Session, principal: Principal, person_id: int) -> Person:
    """Return a person within the caller's scope, or raise ``NotFound``."""
    person = get_or_404(session, Person, person_id, "person")
    if principal.community is not None:
        household = session.get(Household, person.household_id)
        if household is None or household.community != principal.community:
            raise NotFound.record("person", person_id)
    return person


def _household_in_scope(
    session: Session, principal: Principal, household_id: int
) -> None:
    try:
        get_household(session, principal, household_id)
    except NotFound:
        message = f"no household with id {household_id}"
        raise InvalidInput([FieldError("household_id", message)]) from None


def _check_new_id_number(
    session: Session, id_number: str, person_id: int | None
) -> None:
    statement = select(Person.id).where(Person.id_number == id_number)
    existing = session.exec(statement).first()
    if existing is not None and existing != person_id:
        raise Conflict(f"A person with this ID number exists (id {existing})")


def create_person(
    session: Session, principal: Principal, data: PersonCreate, settings: Settings
) -> Person:
    """Register a household member.

    Birth date and sex come from the ID number; occupations, canonical skills and
    canonical certificates are resolved from the phrases, which stay as sent. The
    person's employment history starts on ``registered_on``, and the household's
    zero-employment case opens or clears to match.
    """
    _household_in_scope(session, principal, data.household_id)
    _check_new_id_number(session, data.id_number, None)

    birth_on, sex = parse_id_number(data.id_number, today=today())
    registered_on = data.registered_on or today()
    if registered_on < birth_on:
        raise InvalidInput.one(
            "registered_on", "may not be before the birth date in the ID number"
        )
    person = Person.model_validate(
        data,
        update={"birth_on": birth_on, "sex": sex, "registered_on": registered_on},
    )
    resolve_person(session, person)
    session.add(person)
    flush(session, "A person with this ID number exists")

    record_employment(
        session,
        person,
        status=EmploymentStatus(person.employment_status),
        is_seeking_work=person.is_seeking_work,
        on=registered_on,
        source=EmploymentSource.REGISTRATION,
    )
    refresh_household(
        session,
        person.household_id,
        on=registered_on,
        clearing_days=settings.zero_employment_days,
    )
    flush(session, "A person with this ID number exists")
    return person


def update_person(
    session: Session,
    principal: Principal,
    person_id: int,
    patch: PersonUpdate,
    settings: Settings,
) -> Person:
    """Change a person at the version the caller read.

    A change of employment status or of seeking work enters the history today; a
    member who stops working turns the household yellow. The households the person
    leaves and joins have their zero-employment cases brought up to date.
    """
    person = get_person(session, principal, person_id)
    if patch.household_id is not None:
        _household_in_scope(session, principal, patch.household_id)
        # Moving between two households: lock both first, in a fixed order.
        lock_households(session, (person.household_id, patch.household_id))
    # Changes to one household's members wait for each other, and the version
    # checked is the committed one.
    person = lock_person(session, person_id)
    if patch.id_number is not None:
        _check_new_id_number(session, patch.id_number, person.id)
    before = (
        person.household_id,
        EmploymentStatus(person.employment_status),
        person.is_seeking_work,
    )

    changes = apply_patch(session, person, patch)
    if patch.id_number is not None:
        person.birth_on, person.sex = parse_id_number(patch.id_number, today=today())
        if person.birth_on > person.registered_on:
            message = f"gives a birth date after registration, {person.registered_on}"
            raise InvalidInput.one("id_number", message)
    with session.no_autoflush:
        if PHRASE_FIELDS & changes.keys():
            resolve_person(session, person)
        change = _record_change(session, person, before)
    flush(session, "A person with this ID number exists")

    # After the flush, so that the household's history includes this change.
    if change == "stopped":
        raise_to_yellow(session, person.household_id, AlertReason.JOB_LOST)
    elif change == "started":
        lift_after_placement(session, person.household_id)

    for household_id in dict.fromkeys((before[0], person.household_id)):
        refresh_household(
            session,
            household_id,
            on=today(),
            clearing_days=settings.zero_employment_days,
        )
    return person


def _record_change(
    session: Session, person: Person, before: tuple[int, EmploymentStatus, bool]
) -> Literal["stopped", "started"] | None:
    """Enter a changed employment status in the history; return whether the person
    stopped or started working, which turns the household yellow or lifts that."""
    _, status, seeking = before
    new_status = EmploymentStatus(person.employment_status)
    if (new_status, person.is_seeking_work) == (status, seeking):
        return None
    if new_status != status:
        # A placed worker's status follows the placement: employed until it ends.
        _check_no_current_placement(session, person)

    record_employment(
        session,
        person,
        status=new_status,
        is_seeking_work=person.is_seeking_work,
        on=today(),
        source=EmploymentSource.UPDATE,
        previous=status,
    )
    if is_working(status) and not is_working(new_status):
        return "stopped"
    if is_working(new_status) and not is_working(status):
        return "started"
    return None


def _check_no_current_placement(session: Session, person: Person) -> None:
    statement = select(Placement.id).where(
        Placement.person_id == person.id, col(Placement.ended_on).is_(None)
    )
    placement_id = session.exec(statement).first()
    if placement_id is not None:
        raise Conflict(
            f"The person holds placement {placement_id}; end it with "
            f"POST /api/v1/placements/{placement_id}/end instead"
        )


def person_employment(
    session: Session,
    principal: Principal,
    person_id: int,
    on: date,
    settings: Settings,
) -> PersonEmployment:
    """Return a person's status on ``on``, their stability and history up to it."""
    if on > today():
        raise InvalidInput.one("on", "may not be in the future")
    person = get_person(session, principal, person_id)
    assert person.id is not None

    figures = person_stability(session, person.id, on, settings)
    events = session.exec(
        select(EmploymentEvent)
        .where(
            EmploymentEvent.person_id == person.id, EmploymentEvent.effective_on <= on
        )
        .order_by(col(EmploymentEvent.effective_on), col(EmploymentEvent.id))
    ).all()
    current = session.exec(
        select(Placement.id).where(
            Placement.person_id == person.id, col(Placement.ended_on).is_(None)
        )
    ).first()
    return PersonEmployment(
        person_id=person.id,
        on=on,
        employment_status=events[-1].employment_status if events else None,
        current_placement_id=current,
        window_start=figures.window_start,
        days_employed=figures.days_employed,
        months_employed=figures.months_employed,
        is_stably_employed=figures.is_stably_employed,
        history=[EmploymentEventPublic.model_validate(e) for e in events],
    )
