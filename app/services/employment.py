"""Who is in the labour force and employed, their history, and household cases.

Every change of a person's employment status goes through ``record_employment``, which
keeps the current status on the person and appends it to ``employment_event``, the
history that reports at past dates read. ``refresh_household`` then opens or clears the
household's zero-employment case (零就业家庭).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from app.identity import age_on
from app.models import EmploymentEvent, Household, Person, ZeroEmploymentCase
from app.models.enums import CaseClearReason, EmploymentSource, EmploymentStatus
from app.services.records import flush, lock_row

WORKING = frozenset({EmploymentStatus.EMPLOYED, EmploymentStatus.SELF_EMPLOYED})
# Working age for the labour force, in whole years, both ends included.
WORKING_AGE = (16, 59)


def is_working(status: str) -> bool:
    return status in WORKING


def in_labour_force(
    birth_on: date, status: str, is_seeking_work: bool, on: date
) -> bool:
    """Tell whether a person is of working age, able and willing to work on ``on``.

    The employed count as willing; of the rest, only the unemployed who seek work do.
    Students, the retired and those unable to work are outside the labour force.
    """
    low, high = WORKING_AGE
    if not low <= age_on(birth_on, on) <= high:
        return False
    return is_working(status) or (
        status == EmploymentStatus.UNEMPLOYED and is_seeking_work
    )


@dataclass(frozen=True, slots=True)
class HouseholdEmployment:
    """A household's labour force and how many of it are employed."""

    labour_force: int
    employed: int

    @property
    def is_zero_employment(self) -> bool:
        return self.labour_force > 0 and self.employed == 0


def tally(
    members: Iterable[tuple[int, date, str, bool]], on: date
) -> dict[int, HouseholdEmployment]:
    """Count labour force and employed per household.

    ``members`` are ``(household_id, birth_on, employment_status, is_seeking_work)``.
    """
    labour: dict[int, int] = defaultdict(int)
    employed: dict[int, int] = defaultdict(int)
    for household_id, birth_on, status, seeking in members:
        if in_labour_force(birth_on, status, seeking, on):
            labour[household_id] += 1
            employed[household_id] += is_working(status)
        else:
            # Listed even with no labour force, so such a household's case clears.
            labour[household_id] += 0
    return {h: HouseholdEmployment(labour[h], employed[h]) for h in labour}


def _members() -> Select[int, date, str, bool]:
    """Select what ``tally`` reads of each person."""
    return select(
        col(Person.household_id),
        col(Person.birth_on),
        col(Person.employment_status),
        col(Person.is_seeking_work),
    )


def household_employment(
    session: Session, household_id: int, on: date
) -> HouseholdEmployment:
    """Return the household's labour force and employed members now."""
    statement = _members().where(Person.household_id == household_id)
    counts = tally(session.exec(statement).all(), on)
    return counts.get(household_id, HouseholdEmployment(0, 0))


def record_employment(
    session: Session,
    person: Person,
    *,
    status: EmploymentStatus,
    is_seeking_work: bool,
    on: date,
    source: EmploymentSource,
    placement_id: int | None = None,
    previous: str | None = None,
) -> None:
    """Set the person's employment status from ``on`` and add it to their history.

    ``previous`` is the status replaced, when already overwritten on ``person``.
    """
    assert person.id is not None
    if not is_working(status) and is_working(previous or person.employment_status):
        person.unemployed_since = on
    person.employment_status = status
    person.is_seeking_work = is_seeking_work
    session.add(person)
    session.add(
        EmploymentEvent(
            person_id=person.id,
            effective_on=on,
            employment_status=status,
            is_seeking_work=is_seeking_work,
            source=source,
            placement_id=placement_id,
        )
    )


def open_case(session: Session, household_id: int) -> ZeroEmploymentCase | None:
    """Return the household's open zero-employment case, if any."""
    statement = select(ZeroEmploymentCase).where(
        ZeroEmploymentCase.household_id == household_id,
        col(ZeroEmploymentCase.cleared_on).is_(None),
    )
    return session.exec(statement).first()


def refresh_household(
    session: Session,
    household_id: int,
    *,
    on: date,
    clearing_days: int,
    placement_id: int | None = None,
) -> HouseholdEmployment:
    """Open or clear the household's zero-employment case to match its members.

    A case opens on ``on`` with a deadline ``clearing_days`` later; it clears on
    ``on`` when a member is placed (``placement_id``), finds work otherwise, or the
    household no longer has anyone in the labour force.
    """
    flush(session, "The record was changed by someone else; read it again")
    _lock_household(session, household_id)
    status = household_employment(session, household_id, on)
    case = open_case(session, household_id)

    if status.is_zero_employment and case is None:
        session.add(
            ZeroEmploymentCase(
                household_id=household_id,
                opened_on=on,
                deadline_on=on + timedelta(days=clearing_days),
            )
        )
    elif not status.is_zero_employment and case is not None:
        case.cleared_on = max(on, case.opened_on)
        case.placement_id = placement_id
        case.clear_reason = (
            CaseClearReason.NO_LABOUR_FORCE
            if status.labour_force == 0
            else CaseClearReason.MEMBER_PLACED
            if placement_id is not None
            else CaseClearReason.MEMBER_EMPLOYED
        )
        session.add(case)
    flush(session, "The household's case changed at the same time; try again")
    return status


def lock_households(session: Session, household_ids: Iterable[int]) -> None:
    """Hold the households' rows until commit, always in the order of their ids, so
    that two requests touching the same two households never wait on each other."""
    for household_id in sorted(set(household_ids)):
        _lock_household(session, household_id)


def lock_person(session: Session, person_id: int) -> Person:
    """Hold the person's household, then the person, and return the person as last
    committed.

    Every change to a person's employment takes its locks in this order (households
    by id, then the person, then vacancies, placements and referrals), so changes
    to one household wait for each other instead of failing on a version clash or
    deadlocking.
    """
    while True:
        household_id = session.exec(
            select(Person.household_id).where(Person.id == person_id)
        ).one()
        _lock_household(session, household_id)
        person = lock_row(session, Person, person_id)
        if person.household_id == household_id:
            return person
        # Moved to another household meanwhile; that move has committed, so the new
        # household's lock is free of it.


def _lock_household(session: Session, household_id: int) -> None:
    """Hold the household's row until commit, so that its refreshes run one at a time.

    Without it two requests registering the first members of a household at once
    (on PostgreSQL; SQLite has one writer) would each see no case and both open one.
    The lock waits for the other's commit; the members and case read after it
    include the other's. ``FOR NO KEY UPDATE``, unlike ``FOR UPDATE``, does not wait
    for the key-share lock that inserting a member takes on the row, which would
    deadlock two such requests. SQLite ignores the clause. The household is read
    again, so its alert level is the committed one.
    """
    flush(session, "The record was changed by someone else; read it again")
    lock_row(session, Household, household_id)


def ensure_histories(session: Session, *, on: date, clearing_days: int) -> int:
    """Give every person without history a first event, and open missing cases.

    People loaded before the history existed, or in bulk, start from their
    registration day with their current status. Returns the cases opened.
    """
    has_history = select(EmploymentEvent.id).where(
        EmploymentEvent.person_id == Person.id
    )
    people = session.exec(select(Person).where(~has_history.exists())).all()
    for person in people:
        assert person.id is not None
        session.add(
            EmploymentEvent(
                person_id=person.id,
                effective_on=person.registered_on,
                employment_status=person.employment_status,
                is_seeking_work=person.is_seeking_work,
                source=EmploymentSource.REGISTRATION,
            )
        )

    counts = tally(session.exec(_members()).all(), on)
    with_case = _with_open_case(session)
    opened = 0
    for household_id, status in counts.items():
        if status.is_zero_employment and household_id not in with_case:
            session.add(
                ZeroEmploymentCase(
                    household_id=household_id,
                    opened_on=on,
                    deadline_on=on + timedelta(days=clearing_days),
                )
            )
            opened += 1
    session.flush()
    return opened


def refresh_households(
    session: Session, *, on: date, clearing_days: int
) -> dict[str, int]:
    """Open or clear the cases of every household whose status on ``on`` disagrees.

    Members age without any event: one turning 16 or 60 can make a household
    zero-employment, or leave its case without anyone in the labour force. All
    households are counted in one pass; only those whose open case disagrees are
    locked and refreshed. Returns how many cases opened and cleared.
    """
    counts = tally(session.exec(_members()).all(), on)
    with_case = _with_open_case(session)
    none = HouseholdEmployment(0, 0)
    disagreeing = [
        household_id
        for household_id in counts.keys() | with_case
        if counts.get(household_id, none).is_zero_employment
        != (household_id in with_case)
    ]

    opened = cleared = 0
    # In the order of their ids, as ``lock_households`` takes them.
    for household_id in sorted(disagreeing):
        # Read the case under the lock, since a request may have refreshed it since.
        _lock_household(session, household_id)
        had_case = open_case(session, household_id) is not None
        status = refresh_household(
            session, household_id, on=on, clearing_days=clearing_days
        )
        opened += status.is_zero_employment and not had_case
        cleared += had_case and not status.is_zero_employment
    return {"opened": opened, "cleared": cleared}


def _with_open_case(session: Session) -> set[int]:
    """Return the ids of the households with an open case."""
    statement = select(ZeroEmploymentCase.household_id).where(
        col(ZeroEmploymentCase.cleared_on).is_(None)
    )
    return set(session.exec(statement).all())
