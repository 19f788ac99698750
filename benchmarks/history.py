"""Eighteen months of employment history for a bulk-seeded district.

``seed_history`` plans in memory what the service would have written, then loads it
with core inserts in batches through the helpers of ``benchmarks/seed.py``, which
make the households, people, employers and vacancies (the number of households is
given here; ``seed.seed`` derives it from 3.3 people per household):

- every household registers on one day of the eighteen months, each member with a
  registration event; all but ``ZERO_HOUSEHOLDS`` have one member at work then;
- people seeking work are placed after a wait in a vacancy open that day, with its
  channel, station and employer and a wage in its range, each with a hire event;
  some placements end, with an event back to unemployed, and the person may be
  placed again; each vacancy's openings filled follow, and it is marked filled when
  none is left;
- zero-employment cases open and clear as ``refresh_household`` opens and clears them;
- people carry the status of their latest event.

Referrals, follow-ups and alert changes are left out: the employment report reads
none of them. One seed gives the same district on both databases only up to the
stations: ``seed._insert_employers`` reads them without an order and SQLite returns
them by region code, so the draws that follow differ a little.
"""

import random
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time

from sqlalchemy import Connection, Engine, text
from sqlmodel import SQLModel

from app.config import get_settings
from app.models import (
    EmploymentEvent,
    Household,
    Person,
    Placement,
    Vacancy,
    ZeroEmploymentCase,
)
from app.models.enums import (
    CaseClearReason,
    EmploymentSource,
    EmploymentStatus,
    PlacementEndReason,
    VacancyStatus,
)
from app.services.stability import add_months
from benchmarks import seed as registry
from benchmarks.seed import Row

HISTORY_MONTHS = 18
# Households of which no member was working when they registered; the rest register
# with one member at work (the district's one-job-per-household policy).
ZERO_HOUSEHOLDS = 600
# Status and seeking work at registration, for everyone but a working member.
REGISTERED = {
    (EmploymentStatus.UNEMPLOYED, True): 85,
    (EmploymentStatus.UNEMPLOYED, False): 3,
    (EmploymentStatus.STUDYING, False): 5,
    (EmploymentStatus.RETIRED, False): 4,
    (EmploymentStatus.UNABLE_TO_WORK, False): 3,
}
# Mean days from being free to work to the next placement's start; members of
# households with no one at work are the hardest to place.
MEAN_WAIT_DAYS, ZERO_HOUSEHOLD_WAIT_DAYS = 90, 200
# Share of placements that end, if the end falls before today, and their length.
END_SHARE, MIN_WORK_DAYS, MEAN_WORK_DAYS = 0.4, 14, 120
# A vacancy is open to hires from its creation for 30 to 120 days.
OPEN_DAYS = (30, 120)
VACANCY_TRIES = 50
WORKING = (EmploymentStatus.EMPLOYED, EmploymentStatus.SELF_EMPLOYED)


@dataclass(slots=True)
class Member:
    """A person as registered; ``household`` indexes the seeded households."""

    household: int
    registered_on: date
    status: str
    is_seeking_work: bool
    wait_days: int = MEAN_WAIT_DAYS

    @property
    def is_seeking(self) -> bool:
        return self.status == EmploymentStatus.UNEMPLOYED and self.is_seeking_work


@dataclass(slots=True)
class Hire:
    """A placement; ``person`` and ``vacancy`` index the seeded rows."""

    person: int
    vacancy: int
    started_on: date
    monthly_wage: int
    ended_on: date | None = None
    end_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Case:
    """A zero-employment case of a household."""

    household: int
    opened_on: date
    deadline_on: date
    cleared_on: date | None
    # The placement that cleared it, an index into the hires.
    hire: int | None


@dataclass(slots=True)
class History:
    """The seeded district in memory: what the report's figures are checked against."""

    members: list[Member]
    vacancy_days: list[date]
    hires: list[Hire] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    events: int = 0

    def expected(self, as_of: date, since: date) -> dict[str, int]:
        """Return the district figures the report must show on ``as_of``."""
        open_cases = [
            c
            for c in self.cases
            if c.opened_on <= as_of and (c.cleared_on or date.max) > as_of
        ]
        return {
            "registered": sum(m.registered_on <= as_of for m in self.members),
            "placed": sum(since <= h.started_on <= as_of for h in self.hires),
            "started": sum(h.started_on <= as_of for h in self.hires),
            "cases_open": len(open_cases),
            "cases_overdue": sum(c.deadline_on < as_of for c in open_cases),
            "cases_cleared": sum(
                since <= (c.cleared_on or date.min) <= as_of for c in self.cases
            ),
            "posted": sum(day <= as_of for day in self.vacancy_days),
        }

    def summary(self, on: date) -> dict[str, int]:
        """Count what was seeded, for the reader of the results."""
        members, hires, cases = self.members, self.hires, self.cases
        still_open = [c for c in cases if c.cleared_on is None]
        return {
            "households": len({m.household for m in members}),
            "people": len(members),
            "registered_seeking": sum(m.is_seeking for m in members),
            "registered_working": sum(m.status in WORKING for m in members),
            "vacancies": len(self.vacancy_days),
            "placements": len(hires),
            "placements_ended": sum(h.ended_on is not None for h in hires),
            "people_placed": len({h.person for h in hires}),
            "employment_events": self.events,
            "households_with_cases": len({c.household for c in cases}),
            "cases": len(cases),
            "cases_cleared": len(cases) - len(still_open),
            "cases_open": len(still_open),
            "cases_overdue": sum(c.deadline_on < on for c in still_open),
        }


@dataclass(frozen=True, slots=True)
class Scale:
    """How large a district to seed."""

    households: int
    people: int
    vacancies: int
    placements: int


def seed_history(engine: Engine, scale: Scale, *, on: date, seed: int) -> History:
    """Load a district of ``scale`` and its history up to ``on`` into a freshly
    migrated database, and return the history as planned."""
    rng = random.Random(seed)
    start = add_months(on, -HISTORY_MONTHS)
    days = [_day(rng, start, on) for _ in range(scale.households)]
    with engine.begin() as connection:
        household_ids = _insert_households(connection, rng, days)
        employers = registry._insert_employers(connection, rng, scale.vacancies)
        vacancies = registry._vacancies(rng, employers, scale.vacancies)
        history = _plan(rng, scale, days, vacancies, on)

        people = registry._people(rng, household_ids, scale.people)
        person_ids = registry._insert(connection, Person, _registered(history, people))
        vacancy_ids = registry._insert(connection, Vacancy, vacancies)
        ids: dict[type[SQLModel], list[int]] = {
            Household: household_ids,
            Person: person_ids,
            Vacancy: vacancy_ids,
        }
        history.events = _insert_history(connection, history, ids, vacancies)
        if connection.dialect.name == "postgresql":
            # Autovacuum would have analysed tables this old; a fresh load has no
            # statistics yet. SQLite keeps none unless someone runs ANALYZE.
            connection.execute(text("ANALYZE"))
    return history


def _insert_households(
    connection: Connection, rng: random.Random, days: list[date]
) -> list[int]:
    """Insert one household per registration day, created on that day."""
    rows = registry._households(rng, len(days))
    for row, day in zip(rows, days, strict=True):
        row |= _stamps(day, day)
    return registry._insert(connection, Household, rows)


def _plan(
    rng: random.Random, scale: Scale, days: list[date], vacancies: list[Row], on: date
) -> History:
    """Plan who registers how, the placements and the cases; date, fill and close
    the ``vacancies`` to match."""
    start = add_months(on, -HISTORY_MONTHS)
    history = History(
        _members(rng, days, scale.people), _open_days(rng, vacancies, start, on)
    )
    history.hires = _hires(rng, history, vacancies, scale.placements, on)
    history.cases = _cases(history, get_settings().zero_employment_days)
    _fill_vacancies(rng, history, vacancies, on)
    return history


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _at(day: date, hour: int) -> datetime:
    """Return ``hour`` o'clock of ``day`` in the office time zone, in UTC."""
    local = datetime.combine(day, clock_time(hour), tzinfo=get_settings().tz)
    return local.astimezone(UTC)


def _stamps(created_on: date, updated_on: date) -> Row:
    return {"created_at": _at(created_on, 9), "updated_at": _at(updated_on, 17)}


def _members(rng: random.Random, days: list[date], count: int) -> list[Member]:
    """Plan who registers how; person ``i`` lives in household ``i % len(days)``, as
    ``registry._people`` places them, and a household registers all on one day."""
    zero = set(rng.sample(range(len(days)), min(ZERO_HOUSEHOLDS, len(days))))
    kinds, weights = list(REGISTERED), list(REGISTERED.values())
    members = []
    for serial in range(count):
        household = serial % len(days)
        if serial < len(days) and household not in zero:
            status, seeking = rng.choices(WORKING, (8, 2))[0], False
        else:
            status, seeking = rng.choices(kinds, weights)[0]
        member = Member(household, days[household], status, seeking)
        if household in zero:
            member.wait_days = ZERO_HOUSEHOLD_WAIT_DAYS
        members.append(member)
    return members


def _open_days(
    rng: random.Random, vacancies: list[Row], start: date, on: date
) -> list[date]:
    """Spread the vacancies' creation over the history; each closes weeks later."""
    created = []
    for row in vacancies:
        created.append(_day(rng, start, on))
        row["closes_on"] = created[-1] + timedelta(days=rng.randint(*OPEN_DAYS))
    return created


def _hires(
    rng: random.Random,
    history: History,
    vacancies: list[Row],
    target: int,
    on: date,
) -> list[Hire]:
    """Place people seeking work, each after a wait, in a vacancy open then; some
    placements end, and the person may be placed again after another wait."""
    by_day = sorted(range(len(vacancies)), key=history.vacancy_days.__getitem__)
    filled: Counter[int] = Counter()
    seekers = [i for i, member in enumerate(history.members) if member.is_seeking]
    rng.shuffle(seekers)
    created = [history.vacancy_days[v] for v in by_day]

    def open_vacancy(day: date) -> int | None:
        lo = bisect_left(created, day - timedelta(days=OPEN_DAYS[1]))
        hi = bisect_right(created, day)
        for _ in range(VACANCY_TRIES if lo < hi else 0):
            v = by_day[rng.randrange(lo, hi)]
            if (
                vacancies[v]["closes_on"] >= day
                and filled[v] < vacancies[v]["openings"]
            ):
                return v
        return None

    hires: list[Hire] = []
    for person in seekers:
        member = history.members[person]
        free_on: date | None = member.registered_on
        while free_on is not None and len(hires) < target:
            wait = timedelta(days=int(rng.expovariate(1 / member.wait_days)))
            vacancy = open_vacancy(free_on + wait) if free_on + wait <= on else None
            if vacancy is None:
                break
            filled[vacancy] += 1
            hires.append(
                _hire(rng, person, vacancy, vacancies[vacancy], free_on + wait)
            )
            free_on = _end(rng, hires[-1], on)
    return hires


def _hire(
    rng: random.Random, person: int, vacancy: int, row: Row, started_on: date
) -> Hire:
    steps = (row["wage_max"] - row["wage_min"]) // 100
    wage = row["wage_min"] + 100 * rng.randint(0, steps)
    return Hire(person, vacancy, started_on, wage)


def _end(rng: random.Random, hire: Hire, on: date) -> date | None:
    """End the placement with ``END_SHARE`` chance if the end falls by ``on``, and
    return the day the person is free again, or None while they work."""
    worked = timedelta(days=MIN_WORK_DAYS + int(rng.expovariate(1 / MEAN_WORK_DAYS)))
    if rng.random() >= END_SHARE or hire.started_on + worked > on:
        return None
    hire.ended_on = hire.started_on + worked
    hire.end_reason = rng.choice(list(PlacementEndReason)).value
    return hire.ended_on


def _cases(history: History, clearing_days: int) -> list[Case]:
    """Open and clear households' cases as ``refresh_household`` would: open while
    someone seeks work and no one works, cleared by the placement ending that."""
    changes: dict[int, list[tuple[date, int, int]]] = {}
    for index, hire in enumerate(history.hires):
        household = history.members[hire.person].household
        # Sorted by day, then as recorded: a person's end before their next start.
        changes.setdefault(household, []).append((hire.started_on, 2 * index, 1))
        if hire.ended_on is not None:
            changes[household].append((hire.ended_on, 2 * index + 1, -1))

    seeking = Counter(m.household for m in history.members if m.is_seeking)
    working = Counter(m.household for m in history.members if m.status in WORKING)
    registered = {m.household: m.registered_on for m in history.members}
    cases = []
    for household, opened_on in sorted(registered.items()):
        if not seeking[household] or working[household]:
            continue
        days = sorted(changes.get(household, []))
        for day, cleared_on, placement in _zero_spells(opened_on, days):
            deadline_on = day + timedelta(days=clearing_days)
            cases.append(Case(household, day, deadline_on, cleared_on, placement))
    return cases


def _zero_spells(
    opened_on: date, changes: list[tuple[date, int, int]]
) -> Iterator[tuple[date, date | None, int | None]]:
    """Yield each spell with no one at work: its first day, the day a placement
    ended it (None if it lasts) and that placement's index."""
    at_work = 0
    spell: date | None = opened_on
    for day, order, step in changes:
        at_work += step
        if spell is not None and at_work == 1:
            yield spell, day, order // 2
            spell = None
        elif at_work == 0:
            spell = day
    if spell is not None:
        yield spell, None, None


def _fill_vacancies(
    rng: random.Random, history: History, vacancies: list[Row], on: date
) -> None:
    """Count each vacancy's filled openings, mark it filled when none is left, and
    close the vacancies seeded as closed on a day after their last hire."""
    filled = Counter(hire.vacancy for hire in history.hires)
    last_hired: dict[int, date] = {}
    for hire in history.hires:
        last_hired[hire.vacancy] = max(
            hire.started_on, last_hired.get(hire.vacancy, hire.started_on)
        )
    for v, row in enumerate(vacancies):
        created_on = history.vacancy_days[v]
        changed_on = max(last_hired.get(v, created_on), created_on)
        if filled[v] == row["openings"]:
            status = VacancyStatus.FILLED
        elif row["status"] == VacancyStatus.CLOSED:
            status = VacancyStatus.CLOSED
            changed_on = _day(rng, changed_on, min(row["closes_on"], on))
        else:
            status = VacancyStatus.OPEN
        row |= {"status": status.value, "openings_filled": filled[v]}
        row |= _stamps(created_on, changed_on)


def _registered(history: History, people: list[Row]) -> list[Row]:
    """Give the seeded people their registration, and the status of their latest
    event, as ``record_employment`` keeps it on the person."""
    for row, member in zip(people, history.members, strict=True):
        row |= _stamps(member.registered_on, member.registered_on) | {
            "registered_on": member.registered_on,
            "employment_status": member.status,
            "is_seeking_work": member.is_seeking_work,
        }
    # In the order placed, so that a person's last placement decides.
    for hire in history.hires:
        row = people[hire.person]
        row["updated_at"] = _at(hire.ended_on or hire.started_on, 17)
        if hire.ended_on is None:
            row |= {"employment_status": EmploymentStatus.EMPLOYED.value}
            row |= {"is_seeking_work": False}
        else:
            row |= {"employment_status": EmploymentStatus.UNEMPLOYED.value}
            row |= {"is_seeking_work": True, "unemployed_since": hire.ended_on}
    return people


def _insert_history(
    connection: Connection,
    history: History,
    ids: dict[type[SQLModel], list[int]],
    vacancies: list[Row],
) -> int:
    """Insert the placements, everyone's events and the cases; return the events."""
    person_ids, vacancy_ids = ids[Person], ids[Vacancy]
    placement_ids = registry._insert(
        connection,
        Placement,
        [_placement(h, person_ids, vacancy_ids, vacancies) for h in history.hires],
    )
    events = [
        _event(person_ids[i], m.registered_on, m.status, m.is_seeking_work)
        | {"source": EmploymentSource.REGISTRATION.value}
        for i, m in enumerate(history.members)
    ]
    for hire, placement_id in zip(history.hires, placement_ids, strict=True):
        person_id, made = person_ids[hire.person], {"placement_id": placement_id}
        events.append(
            _event(person_id, hire.started_on, EmploymentStatus.EMPLOYED, False)
            | made
            | {"source": EmploymentSource.HIRE.value}
        )
        if hire.ended_on is not None:
            events.append(
                _event(person_id, hire.ended_on, EmploymentStatus.UNEMPLOYED, True)
                | made
                | {"source": EmploymentSource.PLACEMENT_END.value}
            )
    registry._insert(connection, EmploymentEvent, events)

    cases = [_case(c, ids[Household], placement_ids) for c in history.cases]
    registry._insert(connection, ZeroEmploymentCase, cases)
    return len(events)


def _placement(
    hire: Hire,
    person_ids: list[int],
    vacancy_ids: list[int],
    vacancies: list[Row],
) -> Row:
    vacancy = vacancies[hire.vacancy]
    return _stamps(hire.started_on, hire.ended_on or hire.started_on) | {
        "person_id": person_ids[hire.person],
        "vacancy_id": vacancy_ids[hire.vacancy],
        "employer_id": vacancy["employer_id"],
        "channel": vacancy["channel"],
        "station_id": vacancy["station_id"],
        "started_on": hire.started_on,
        "monthly_wage": hire.monthly_wage,
        "ended_on": hire.ended_on,
        "end_reason": hire.end_reason,
    }


def _event(person_id: int, on: date, status: str, seeking: bool) -> Row:
    return {
        "person_id": person_id,
        "effective_on": on,
        "employment_status": str(status),
        "is_seeking_work": seeking,
        "placement_id": None,
        "recorded_at": _at(on, 12),
    }


def _case(case_: Case, household_ids: list[int], placement_ids: list[int]) -> Row:
    is_cleared = case_.cleared_on is not None
    return _stamps(case_.opened_on, case_.cleared_on or case_.opened_on) | {
        "household_id": household_ids[case_.household],
        "opened_on": case_.opened_on,
        "deadline_on": case_.deadline_on,
        "cleared_on": case_.cleared_on,
        "clear_reason": CaseClearReason.MEMBER_PLACED.value if is_cleared else None,
        "placement_id": placement_ids[case_.hire] if case_.hire is not None else None,
    }
