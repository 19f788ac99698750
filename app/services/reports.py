"""The employment report (就业统计) on a day, from dated history.

Figures on a past day come out as they stood then: they are computed from the
employment history, placements, zero-employment cases and vacancy dates, never from
the current status fields. Household membership, birth dates and a household's site,
community and town are taken as they are now, so moving a person to another household
rewrites that person's past in the groups.

Definitions, for a day D (``as_of``) and the period ``since``..D, both days included:

- Population: people registered by D (``registered_on <= D``). A person's status on D
  is their latest employment event effective by D (ties by the order recorded); a
  person without one is not counted.
- Labour force: of working age on D (16 to 59), and working, or unemployed and seeking
  work (``employment.in_labour_force``). Employed: labour force members working on D.
  ``employment_rate`` = employed / labour force, to 4 decimals, null with no labour
  force.
- Stably employed: employed on D and stably employed by the history
  (``stability.is_stably_employed`` with ``stable_months`` of the last
  ``stable_window_months``). ``stable_employment_rate`` = stably employed / employed,
  to 4 decimals, null with none employed.
- Placed: placements started in the period, counted in the placed person's household's
  groups, per channel (every channel) and per station (every station).
- Zero-employment households: cases open on D (opened by D, not cleared by D);
  cleared in the period; overdue (open on D with a deadline before D); the median days
  from opening to clearing of the cases cleared in the period, null when none was.
- Vacancies, for the district only: posted by D (created on or before D in the office
  time zone); their openings; openings filled by D (placements started by D, per
  vacancy, at most its openings); filled (every opening filled by D); unfilled
  (openings left and not closed on D: ``closes_on`` before D, or a vacancy closed now,
  which counts as closed from the day it was last changed); openings filled in the
  period.
- Groups: the district, each town of origin, site, and community within a site, sorted
  by key. A group is listed when one of its households has someone registered by D, a
  placement in the period or a case counted.
"""

import logging
import statistics
import time as timer
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, or_
from sqlmodel import Session, col, select

from app.config import Settings
from app.errors import FieldError, InvalidInput
from app.models import Household, Person, Placement, Station, Vacancy
from app.models import ZeroEmploymentCase as Case
from app.models.enums import Channel, VacancyStatus
from app.regions import get_region
from app.schemas.reports import (
    CommunityFigures,
    EmploymentReport,
    GroupFigures,
    SiteFigures,
    TownFigures,
    VacancyFigures,
    ZeroEmploymentFigures,
)
from app.services.employment import in_labour_force, is_working
from app.services.stability import employed_days, load_histories, stability_rule

logger = logging.getLogger(__name__)

ONE_DAY = timedelta(days=1)
# No figures reach back before this day; the service holds nothing that old.
EARLIEST = date(2000, 1, 1)


def report_period(
    as_of: date | None, since: date | None, today: date
) -> tuple[date, date]:
    """Return ``(as_of, since)`` with their defaults: today, and the first day of
    ``as_of``'s month. Raise ``InvalidInput`` for a future ``as_of``, a ``since``
    after it, or either before ``EARLIEST``."""
    errors = [
        FieldError(name, f"may not be before {EARLIEST}")
        for name, day in (("as_of", as_of), ("since", since))
        if day is not None and day < EARLIEST
    ]
    if errors:
        raise InvalidInput(errors)
    as_of = as_of or today
    since = since or as_of.replace(day=1)

    if as_of > today:
        errors.append(FieldError("as_of", f"may not be after today ({today})"))
    if since > as_of:
        errors.append(FieldError("since", f"may not be after as_of ({as_of})"))
    if errors:
        raise InvalidInput(errors)
    return as_of, since


@dataclass(slots=True)
class _Tally:
    """What one group counts while the rows go by."""

    labour_force: int = 0
    employed: int = 0
    stably_employed: int = 0
    by_channel: Counter[str] = field(default_factory=Counter)
    by_station: Counter[int] = field(default_factory=Counter)
    cases_open: int = 0
    cases_overdue: int = 0
    days_to_clear: list[int] = field(default_factory=list)


# A household's town of origin, site and community.
Place = tuple[str, str, str]


class _Groups:
    """A tally for the district and each town, site and community, by household."""

    def __init__(self, places: dict[int, Place]) -> None:
        self.places = places
        self.district = _Tally()
        self.towns: dict[str, _Tally] = {}
        self.sites: dict[str, _Tally] = {}
        self.communities: dict[tuple[str, str], _Tally] = {}
        self._by_household: dict[int, tuple[_Tally, ...]] = {}

    def of(self, household_id: int) -> tuple[_Tally, ...]:
        """Return the tallies a household's rows count in, listing its groups."""
        tallies = self._by_household.get(household_id)
        if tallies is None:
            town, site, community = self.places[household_id]
            tallies = (
                self.district,
                _tally_of(self.towns, town),
                _tally_of(self.sites, site),
                _tally_of(self.communities, (site, community)),
            )
            self._by_household[household_id] = tallies
        return tallies


K = TypeVar("K")


def _tally_of(tallies: dict[K, _Tally], key: K) -> _Tally:
    tally = tallies.get(key)
    if tally is None:
        tally = tallies[key] = _Tally()
    return tally


def employment_report(
    session: Session, settings: Settings, *, as_of: date, since: date
) -> EmploymentReport:
    """Compute the employment report on ``as_of`` for the period from ``since``.

    The dates must already be checked (``report_period``). Each table is read once,
    with only the columns needed; the counting happens here.
    """
    started = timer.perf_counter()
    groups = _Groups(_places(session))
    _count_people(session, groups, as_of, settings)
    _count_placements(session, groups, since, as_of)
    _count_cases(session, groups, since, as_of)

    vacancies = _vacancy_figures(session, settings.tz, since, as_of)
    report = _assemble(session, groups, vacancies, as_of=as_of, since=since)
    logger.info(
        "Employment report on %s: %d towns, %d sites, %d communities in %.3f s",
        as_of,
        len(report.by_town),
        len(report.by_site),
        len(report.by_community),
        timer.perf_counter() - started,
    )
    return report


def _places(session: Session) -> dict[int, Place]:
    statement = select(
        col(Household.id),
        col(Household.origin_town),
        col(Household.site),
        col(Household.community),
    )
    places = {}
    for household_id, town, site, community in session.exec(statement):
        assert household_id is not None
        places[household_id] = (town, site, community)
    return places


def _count_people(
    session: Session, groups: _Groups, on: date, settings: Settings
) -> None:
    """Count the labour force, the employed and the stably employed on ``on``."""
    statement = select(
        col(Person.id), col(Person.household_id), col(Person.birth_on)
    ).where(col(Person.registered_on) <= on)
    people = session.exec(statement).all()
    histories = load_histories(session, on)
    before_window, needed = stability_rule(
        on, settings.stable_months, settings.stable_window_months
    )

    for person_id, household_id, birth_on in people:
        assert person_id is not None
        tallies = groups.of(household_id)
        events = histories.get(person_id)
        if not events:
            continue
        # Loaded up to ``on``, so the last event is the one holding then.
        holding = events[-1]
        status, seeking = holding.employment_status, holding.is_seeking_work
        if not in_labour_force(birth_on, status, seeking, on):
            continue
        # As ``stability.is_stably_employed``, with its rule worked out once.
        employed = is_working(status)
        stable = employed and employed_days(events, before_window, on) >= needed
        for tally in tallies:
            tally.labour_force += 1
            tally.employed += employed
            tally.stably_employed += stable


def _count_placements(
    session: Session, groups: _Groups, since: date, until: date
) -> None:
    """Count the placements started in the period by channel and station."""
    statement = (
        select(
            col(Person.household_id),
            col(Placement.channel),
            col(Placement.station_id),
        )
        .join(Person, col(Person.id) == col(Placement.person_id))
        .where(col(Placement.started_on).between(since, until))
    )
    for household_id, channel, station_id in session.exec(statement):
        for tally in groups.of(household_id):
            tally.by_channel[channel] += 1
            if station_id is not None:
                tally.by_station[station_id] += 1


def _count_cases(session: Session, groups: _Groups, since: date, until: date) -> None:
    """Count the zero-employment cases open on ``until`` and cleared in the period."""
    statement = select(
        col(Case.household_id),
        col(Case.opened_on),
        col(Case.deadline_on),
        col(Case.cleared_on),
    ).where(
        col(Case.opened_on) <= until,
        or_(col(Case.cleared_on).is_(None), col(Case.cleared_on) >= since),
    )
    for household_id, opened_on, deadline_on, cleared_on in session.exec(statement):
        # Cleared by ``until`` means cleared in the period, by the query's filter.
        if cleared_on is not None and cleared_on <= until:
            # Cleared in the period: the query left out those cleared before it.
            days = (cleared_on - opened_on).days
            for tally in groups.of(household_id):
                tally.days_to_clear.append(days)
        else:
            is_overdue = deadline_on < until
            for tally in groups.of(household_id):
                tally.cases_open += 1
                tally.cases_overdue += is_overdue


def _assemble(
    session: Session,
    groups: _Groups,
    vacancies: VacancyFigures,
    *,
    as_of: date,
    since: date,
) -> EmploymentReport:
    """Turn the tallies into the report's groups, each sorted by its key."""
    stations = _station_names(session)

    def figures(tally: _Tally) -> dict[str, Any]:
        return _figures(tally, stations)

    return EmploymentReport(
        as_of=as_of,
        since=since,
        district=GroupFigures(**figures(groups.district)),
        by_town=[
            TownFigures(town_code=code, town_name=_town_name(code), **figures(tally))
            for code, tally in sorted(groups.towns.items())
        ],
        by_site=[
            SiteFigures(site=site, **figures(tally))
            for site, tally in sorted(groups.sites.items())
        ],
        by_community=[
            CommunityFigures(site=site, community=community, **figures(tally))
            for (site, community), tally in sorted(groups.communities.items())
        ],
        vacancies=vacancies,
    )


def _station_names(session: Session) -> dict[int, str]:
    """Return every station's name by id, in the order they were added."""
    statement = select(col(Station.id), col(Station.name)).order_by(col(Station.id))
    names = {}
    for station_id, name in session.exec(statement):
        assert station_id is not None
        names[station_id] = name
    return names


def _town_name(code: str) -> str | None:
    region = get_region(code)
    return region.name if region is not None else None


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _figures(tally: _Tally, stations: dict[int, str]) -> dict[str, Any]:
    """Return a group's figures; every channel and station is listed, zeros too."""
    days = tally.days_to_clear
    return {
        "labour_force": tally.labour_force,
        "employed": tally.employed,
        "employment_rate": _rate(tally.employed, tally.labour_force),
        "stably_employed": tally.stably_employed,
        "stable_employment_rate": _rate(tally.stably_employed, tally.employed),
        "placed": tally.by_channel.total(),
        "placed_by_channel": {c.value: tally.by_channel[c.value] for c in Channel},
        "placed_by_station": {
            name: tally.by_station[station_id] for station_id, name in stations.items()
        },
        "zero_employment": ZeroEmploymentFigures(
            open=tally.cases_open,
            cleared=len(days),
            overdue=tally.cases_overdue,
            median_days_to_clear=statistics.median(days) if days else None,
        ),
    }


def _vacancy_figures(
    session: Session, tz: ZoneInfo, since: date, until: date
) -> VacancyFigures:
    """Count the vacancies posted by ``until`` and their openings filled."""
    vacancies = _posted_vacancies(session, tz, until)
    taken_by_end = _placements_per_vacancy(session, until)
    taken_before = _placements_per_vacancy(session, since - ONE_DAY)

    filled_by_end = filled_before = filled = unfilled = 0
    for vacancy_id, openings, closes_on, closed_at in vacancies:
        assert vacancy_id is not None
        taken = min(taken_by_end[vacancy_id], openings)
        filled_by_end += taken
        filled_before += min(taken_before[vacancy_id], openings)
        closed_on = closed_at.astimezone(tz).date() if closed_at else None
        if taken == openings:
            filled += 1
        elif not _is_closed(closes_on, closed_on, until):
            unfilled += 1
    return VacancyFigures(
        posted=len(vacancies),
        openings_offered=sum(row[1] for row in vacancies),
        openings_filled=filled_by_end,
        filled=filled,
        unfilled=unfilled,
        openings_filled_in_period=filled_by_end - filled_before,
    )


def _posted_vacancies(
    session: Session, tz: ZoneInfo, until: date
) -> Sequence[tuple[int | None, int, date | None, datetime | None]]:
    """Load the vacancies created by the end of ``until`` in the office time zone:
    id, openings, closing day, and for one closed now, when it was last changed."""
    posted_before = datetime.combine(until + ONE_DAY, time(), tzinfo=tz)
    # The day a vacancy was closed is not kept apart from its other changes.
    closed_at = case(
        (col(Vacancy.status) == VacancyStatus.CLOSED, col(Vacancy.updated_at)),
        else_=None,
    )
    statement = select(
        col(Vacancy.id), col(Vacancy.openings), col(Vacancy.closes_on), closed_at
    ).where(col(Vacancy.created_at) < posted_before)
    return session.exec(statement).all()


def _is_closed(closes_on: date | None, closed_on: date | None, on: date) -> bool:
    """Tell whether a vacancy was closed on ``on``: past its closing day, or
    closed by its status on or before ``on``."""
    past_closing = closes_on is not None and closes_on < on
    return past_closing or (closed_on is not None and closed_on <= on)


def _placements_per_vacancy(session: Session, until: date) -> Counter[int]:
    """Count the placements started by ``until`` per vacancy, in one grouped query."""
    statement = (
        select(col(Placement.vacancy_id), func.count())
        .where(col(Placement.started_on) <= until)
        .group_by(col(Placement.vacancy_id))
    )
    return Counter(dict(session.exec(statement).all()))
