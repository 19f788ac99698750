"""Stable employment (稳定就业), read from a person's employment history.

A history is a person's status events in order of ``effective_on`` (ties in the order
they were recorded). Each event holds from its ``effective_on`` until the next event's;
the last holds on. A day counts as employed when the event holding then has a working
status (employed or self-employed).

A person is stably employed on a day D when they work on D and the days they worked in
the window (add_months(D, -window), D] — the window's first day left out, D counted —
are at least ``(D - add_months(D, -months)).days``: with the defaults, the days of six
calendar months within the last twelve. ``add_months`` keeps the day of the month and
clamps it to the month's end (31 March less one month is 28 or 29 February).
"""

import calendar
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from sqlmodel import Session, col, select

from app.config import Settings
from app.models import EmploymentEvent
from app.services.employment import is_working

ONE_DAY = timedelta(days=1)


class StatusEvent(NamedTuple):
    """A status a person holds from ``effective_on`` until their next event."""

    effective_on: date
    employment_status: str
    is_seeking_work: bool


def add_months(day: date, months: int) -> date:
    """Move ``day`` by whole months, clamping the day to the target month's end."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def status_on(events: Sequence[StatusEvent], on: date) -> StatusEvent | None:
    """Return the event holding on ``on``: the last one effective by then, if any."""
    holding = None
    for event in events:
        if event.effective_on > on:
            break
        holding = event
    return holding


def employed_days(events: Sequence[StatusEvent], start: date, end: date) -> int:
    """Count the days in (``start``, ``end``] the person worked; ``start`` is left out,
    ``end`` counted. ``events`` are in order, as ``load_histories`` gives them."""
    first, stop = start + ONE_DAY, end + ONE_DAY
    # Each event holds until the next takes effect; the last one until ``end``.
    followers = [event.effective_on for event in events[1:]] + [stop]
    days = 0
    for event, next_on in zip(events, followers[: len(events)], strict=True):
        if is_working(event.employment_status):
            held = (min(next_on, stop) - max(event.effective_on, first)).days
            days += max(held, 0)
    return days


def required_days(on: date, months: int) -> int:
    """Return the days of the ``months`` calendar months that end on ``on``."""
    return (on - add_months(on, -months)).days


def stability_rule(on: date, months: int, window: int) -> tuple[date, int]:
    """Return the day before the window that ends on ``on``, and the employed days
    needed in it; the same for everyone on that day, so work it out once."""
    return add_months(on, -window), required_days(on, months)


def is_stably_employed(
    events: Sequence[StatusEvent], on: date, months: int, window: int
) -> bool:
    """Tell whether the person works on ``on`` and worked ``months`` of the last
    ``window`` months, counted in days."""
    holding = status_on(events, on)
    if holding is None or not is_working(holding.employment_status):
        return False
    before_window, needed = stability_rule(on, months, window)
    return employed_days(events, before_window, on) >= needed


@dataclass(frozen=True, slots=True)
class Stability:
    """A person's work in the stability window that ends on ``on``.

    ``months_employed`` is the largest whole number of months m (at most the window)
    whose days, ``(on - add_months(on, -m)).days``, the employed days reach; a person
    working on ``on`` is stably employed once it reaches the required months.
    """

    on: date
    # The window's first day counted; it ends on ``on``.
    window_start: date
    days_employed: int
    months_employed: int
    is_employed: bool
    is_stably_employed: bool


def stability(
    events: Sequence[StatusEvent], on: date, months: int, window: int
) -> Stability:
    """Return the person's employed days and months in the window, and their status."""
    window_start = add_months(on, -window) + ONE_DAY
    days = employed_days(events, window_start - ONE_DAY, on)
    whole_months = max(
        (m for m in range(window + 1) if days >= required_days(on, m)), default=0
    )
    holding = status_on(events, on)
    is_employed = holding is not None and is_working(holding.employment_status)
    return Stability(
        on=on,
        window_start=window_start,
        days_employed=days,
        months_employed=whole_months,
        is_employed=is_employed,
        is_stably_employed=is_employed and days >= required_days(on, months),
    )


def load_histories(
    session: Session, until: date, person_ids: Collection[int] | None = None
) -> dict[int, list[StatusEvent]]:
    """Load the events effective by ``until`` per person, in order, in one query.

    Without ``person_ids``, every person's history is loaded.
    """
    statement = select(
        col(EmploymentEvent.person_id),
        col(EmploymentEvent.effective_on),
        col(EmploymentEvent.employment_status),
        col(EmploymentEvent.is_seeking_work),
    ).where(col(EmploymentEvent.effective_on) <= until)
    if person_ids is not None:
        statement = statement.where(col(EmploymentEvent.person_id).in_(person_ids))
    ordered = statement.order_by(
        col(EmploymentEvent.person_id),
        col(EmploymentEvent.effective_on),
        col(EmploymentEvent.id),
    )

    histories: dict[int, list[StatusEvent]] = defaultdict(list)
    for person_id, effective_on, status, seeking in session.exec(ordered):
        histories[person_id].append(StatusEvent(effective_on, status, seeking))
    return histories


def person_stability(
    session: Session, person_id: int, on: date, settings: Settings
) -> Stability:
    """Return one person's stability figures on ``on`` from their history.

    The window and required months come from ``stable_window_months`` and
    ``stable_months``.
    """
    events = load_histories(session, on, [person_id]).get(person_id, [])
    return stability(events, on, settings.stable_months, settings.stable_window_months)
