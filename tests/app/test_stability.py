"""Stable employment read from a person's history; pure except the last tests."""

from datetime import date

import pytest

from app.config import Settings
from app.db import session_scope
from app.models import EmploymentEvent, Household, Person
from app.services.stability import (
    StatusEvent,
    add_months,
    employed_days,
    is_stably_employed,
    person_stability,
    stability,
    status_on,
)
from tests.factories import id_number

# On 30 June 2025 the 12-month window is (2024-06-30, 2025-06-30]: 365 days, and
# six months back is 2024-12-30, so stability needs 182 employed days:
# 1 (31 Dec) + 31 + 28 + 31 + 30 + 31 + 30 = 182.
ON = date(2025, 6, 30)


def employed(on: date) -> StatusEvent:
    return StatusEvent(on, "employed", False)


def unemployed(on: date) -> StatusEvent:
    return StatusEvent(on, "unemployed", True)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 12, 15), 1, date(2026, 1, 15)),
        (date(2025, 1, 15), -1, date(2024, 12, 15)),
        (date(2025, 6, 30), -12, date(2024, 6, 30)),
        (date(2025, 8, 31), -6, date(2025, 2, 28)),
        (date(2025, 5, 20), 0, date(2025, 5, 20)),
    ],
)
def test_add_months_keeps_the_day_and_clamps_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_status_on_is_the_last_event_effective_by_then():
    events = [unemployed(date(2025, 1, 1)), employed(date(2025, 3, 1))]

    assert status_on(events, date(2024, 12, 31)) is None
    assert status_on(events, date(2025, 2, 28)) == events[0]
    assert status_on(events, date(2025, 3, 1)) == events[1]


def test_same_day_events_the_later_recorded_holds():
    events = [employed(date(2025, 3, 1)), unemployed(date(2025, 3, 1))]

    assert status_on(events, date(2025, 3, 1)) == events[1]
    assert employed_days(events, date(2025, 2, 1), date(2025, 3, 31)) == 0


def test_employed_days_leave_out_the_start_and_count_the_end():
    # Working from 10 June: the window (10 June, 20 June] holds 11 to 20 June.
    events = [employed(date(2025, 6, 10))]

    assert employed_days(events, date(2025, 6, 10), date(2025, 6, 20)) == 10
    assert employed_days(events, date(2025, 6, 9), date(2025, 6, 20)) == 11


def test_employed_days_end_the_day_the_next_event_takes_effect():
    # Employed 1 to 14 June (14 days), unemployed from 15 June, back on 25 June:
    # 25 to 30 June is 6 more days.
    events = [
        employed(date(2025, 6, 1)),
        unemployed(date(2025, 6, 15)),
        employed(date(2025, 6, 25)),
    ]

    assert employed_days(events, date(2025, 5, 31), ON) == 14 + 6


def test_employed_days_count_self_employment_and_not_studying():
    events = [
        StatusEvent(date(2025, 6, 1), "self_employed", False),
        StatusEvent(date(2025, 6, 11), "studying", False),
    ]

    assert employed_days(events, date(2025, 5, 31), ON) == 10


def test_employed_days_before_any_event_are_none():
    assert employed_days([], date(2024, 6, 30), ON) == 0
    assert employed_days([employed(date(2025, 7, 1))], date(2024, 6, 30), ON) == 0


def test_stably_employed_with_exactly_the_required_days():
    # From 31 Dec 2024 to 30 June 2025: 182 days, the six months needed.
    events = [unemployed(date(2024, 1, 1)), employed(date(2024, 12, 31))]

    assert is_stably_employed(events, ON, months=6, window=12)


def test_one_day_short_of_six_months_is_not_stable():
    # From 1 Jan 2025: 181 days.
    events = [unemployed(date(2024, 1, 1)), employed(date(2025, 1, 1))]

    assert not is_stably_employed(events, ON, months=6, window=12)


def test_employed_four_months_is_not_stable():
    # From 1 March 2025: 31 + 30 + 31 + 30 = 122 days.
    events = [unemployed(date(2024, 1, 1)), employed(date(2025, 3, 1))]

    assert employed_days(events, date(2024, 6, 30), ON) == 122
    assert not is_stably_employed(events, ON, months=6, window=12)


def test_six_months_spread_over_the_window_are_stable():
    # 1 July to 31 Oct 2024 (123 days) and 1 May to 30 June 2025 (61 days): 184.
    events = [
        employed(date(2024, 7, 1)),
        unemployed(date(2024, 11, 1)),
        employed(date(2025, 5, 1)),
    ]

    assert is_stably_employed(events, ON, months=6, window=12)


def test_not_working_on_the_day_is_never_stable():
    # Ten months at work, but out of work on 30 June.
    events = [employed(date(2024, 7, 1)), unemployed(date(2025, 5, 1))]

    assert not is_stably_employed(events, ON, months=6, window=12)


def test_days_before_the_window_do_not_count():
    # Employed until 30 June 2024, the day left out of the window, then from
    # 1 Jan 2025: 181 days in the window, one short.
    events = [
        employed(date(2023, 1, 1)),
        unemployed(date(2024, 7, 1)),
        employed(date(2025, 1, 1)),
    ]

    assert employed_days(events, date(2024, 6, 30), ON) == 181
    assert not is_stably_employed(events, ON, months=6, window=12)


def test_stability_gives_days_whole_months_and_the_window():
    # From 1 March: 122 days. Four months back from 30 June is 28 Feb, 122 days;
    # five months back is 30 Jan, 151 days: four whole months.
    events = [unemployed(date(2024, 1, 1)), employed(date(2025, 3, 1))]

    figures = stability(events, ON, months=6, window=12)

    assert figures.window_start == date(2024, 7, 1)
    assert figures.days_employed == 122
    assert figures.months_employed == 4
    assert figures.is_employed
    assert not figures.is_stably_employed


def test_stability_of_a_whole_year_at_work():
    figures = stability([employed(date(2020, 1, 1))], ON, months=6, window=12)

    assert (figures.days_employed, figures.months_employed) == (365, 12)
    assert figures.is_stably_employed


def test_stability_without_history():
    figures = stability([], ON, months=6, window=12)

    assert (figures.days_employed, figures.months_employed) == (0, 0)
    assert not figures.is_employed
    assert not figures.is_stably_employed


def _person_with_history(engine, events: list[StatusEvent]) -> int:
    with session_scope(engine, write=True) as session:
        household = Household(
            household_no="DC-S-1",
            site="铜都安置区",
            community="幸福社区",
            origin_town="530113102",
        )
        session.add(household)
        session.flush()
        person = Person(
            household_id=household.id,
            name="李四",
            id_number=id_number(date(1990, 1, 1)),
            birth_on=date(1990, 1, 1),
            sex="male",
            registered_on=date(2024, 1, 1),
        )
        session.add(person)
        session.flush()
        for event in events:
            session.add(
                EmploymentEvent(person_id=person.id, source="update", **event._asdict())
            )
        return person.id


def test_person_stability_reads_the_recorded_history(engine):
    # Employed 1 Dec 2024; a later change (after 30 June) is ignored on 30 June.
    person_id = _person_with_history(
        engine,
        [
            unemployed(date(2024, 1, 1)),
            employed(date(2024, 12, 1)),
            unemployed(date(2025, 8, 1)),
        ],
    )
    settings = Settings(stable_months=6, stable_window_months=12)

    with session_scope(engine) as session:
        figures = person_stability(session, person_id, ON, settings)

    # 1 Dec 2024 to 30 June 2025: 31 + 31 + 28 + 31 + 30 + 31 + 30 = 212 days, the
    # days of the seven months since 30 Nov 2024.
    assert figures.days_employed == 212
    assert figures.months_employed == 7
    assert figures.is_stably_employed


def test_person_stability_follows_the_configured_months(engine):
    person_id = _person_with_history(engine, [employed(date(2024, 12, 1))])
    settings = Settings(stable_months=9, stable_window_months=12)

    with session_scope(engine) as session:
        figures = person_stability(session, person_id, ON, settings)

    assert figures.months_employed == 7
    assert not figures.is_stably_employed
