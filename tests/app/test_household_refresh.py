"""Households' cases follow their members' ages, and registration dates that an age
can be read on."""

from datetime import date, timedelta

import pytest
from sqlalchemy import event

from app.clock import today
from app.db import session_scope
from app.services.employment import refresh_households
from tests.factories import count, create_household, create_person, id_number
from tests.problems import assert_invalid

ADULT = date(1990, 5, 17)


def years_before(day: date, years: int) -> date:
    """The day ``years`` before ``day``; a multiple of 4 keeps 29 February a date."""
    return date(day.year - years, day.month, day.day)


def refresh(engine, settings, on):
    with session_scope(engine, write=True) as session:
        return refresh_households(
            session, on=on, clearing_days=settings.zero_employment_days
        )


def status_of(client, household_id):
    response = client.get(f"/api/v1/households/{household_id}/employment")
    assert response.status_code == 200, response.text
    return response.json()


def zero_employment_ids(client):
    page = client.get("/api/v1/households", params={"is_zero_employment": "true"})
    return [h["id"] for h in page.json()["items"]]


def cases_of(client, household_id):
    page = client.get(
        "/api/v1/zero-employment-cases", params={"household_id": household_id}
    )
    return page.json()["items"]


def open_in_report(client):
    report = client.get("/api/v1/reports/employment").json()
    return report["district"]["zero_employment"]["open"]


def seeker_turning_60_today(client):
    """A household whose only seeker, registered yesterday at 59, is 60 today."""
    household = create_household(client)
    create_person(
        client,
        household["id"],
        id_number=id_number(years_before(today(), 60)),
        registered_on=(today() - timedelta(days=1)).isoformat(),
    )
    return household["id"]


def worker_turning_60_today(client):
    """A household whose only worker, registered yesterday at 59, is 60 today,
    beside a seeker of working age."""
    household = create_household(client)
    yesterday = (today() - timedelta(days=1)).isoformat()
    create_person(
        client,
        household["id"],
        id_number=id_number(years_before(today(), 60)),
        employment_status="employed",
        registered_on=yesterday,
    )
    create_person(
        client, household["id"], id_number=id_number(ADULT), registered_on=yesterday
    )
    return household["id"]


def test_case_of_a_seeker_who_turned_60_clears_with_no_labour_force(
    client, engine, settings
):
    household_id = seeker_turning_60_today(client)
    before = status_of(client, household_id)
    assert (before["labour_force"], before["is_zero_employment"]) == (0, False)
    assert before["open_case"] is not None

    counts = refresh(engine, settings, today())

    assert counts == {"opened": 0, "cleared": 1}
    [case] = cases_of(client, household_id)
    assert (case["cleared_on"], case["clear_reason"]) == (
        today().isoformat(),
        "no_labour_force",
    )
    assert (status_of(client, household_id)["open_case"], open_in_report(client)) == (
        None,
        0,
    )
    assert zero_employment_ids(client) == []


def test_case_opens_when_the_only_worker_turned_60(client, engine, settings):
    household_id = worker_turning_60_today(client)
    before = status_of(client, household_id)
    assert (before["labour_force"], before["is_zero_employment"]) == (1, True)
    assert before["open_case"] is None

    counts = refresh(engine, settings, today())

    assert counts == {"opened": 1, "cleared": 0}
    case = status_of(client, household_id)["open_case"]
    assert (case["opened_on"], case["deadline_on"]) == (
        today().isoformat(),
        (today() + timedelta(days=30)).isoformat(),
    )
    assert zero_employment_ids(client) == [household_id]
    assert (count(client, "zero-employment-cases"), open_in_report(client)) == (1, 1)


def test_case_opens_on_the_day_a_seeker_turns_16(client, engine, settings):
    birthday = today() + timedelta(days=10)
    household = create_household(client)
    create_person(
        client, household["id"], id_number=id_number(years_before(birthday, 16))
    )

    day_before = refresh(engine, settings, birthday - timedelta(days=1))
    on_the_day = refresh(engine, settings, birthday)

    assert day_before == {"opened": 0, "cleared": 0}
    assert on_the_day == {"opened": 1, "cleared": 0}
    [case] = cases_of(client, household["id"])
    assert case["opened_on"] == birthday.isoformat()


def test_refresh_changes_nothing_when_every_case_agrees(client, engine, settings):
    for overrides in (
        {},
        {"employment_status": "employed"},
        {"id_number": id_number(years_before(today(), 70))},
    ):
        create_person(client, create_household(client)["id"], **overrides)
    create_household(client)
    cases = client.get("/api/v1/zero-employment-cases").json()

    counts = refresh(engine, settings, today())

    assert counts == {"opened": 0, "cleared": 0}
    assert client.get("/api/v1/zero-employment-cases").json() == cases


def test_refresh_reads_as_many_statements_whatever_the_number_of_households(
    client, engine, settings
):
    def statements_to_refresh():
        seen = []

        def count_statement(*_args):
            seen.append(1)

        event.listen(engine, "before_cursor_execute", count_statement)
        try:
            refresh(engine, settings, today())
        finally:
            event.remove(engine, "before_cursor_execute", count_statement)
        return len(seen)

    create_person(client, create_household(client)["id"])
    with_one = statements_to_refresh()
    for _ in range(5):
        household = create_household(client)
        create_person(client, household["id"])
        create_person(client, household["id"], employment_status="employed")

    assert statements_to_refresh() == with_one


@pytest.mark.parametrize(
    ("registered_on", "message"),
    [
        (
            ADULT - timedelta(days=1),
            "may not be before the birth date in the ID number",
        ),
        (today() + timedelta(days=1), "may not be in the future"),
    ],
    ids=["before birth", "in the future"],
)
def test_registration_date_an_age_cannot_be_read_on_is_refused(
    client, registered_on, message
):
    household = create_household(client)

    response = client.post(
        "/api/v1/people",
        json={
            "household_id": household["id"],
            "name": "张国强",
            "id_number": id_number(ADULT),
            "registered_on": registered_on.isoformat(),
        },
    )

    assert assert_invalid(response, "registered_on") == {"registered_on": message}
    assert count(client, "people", household_id=household["id"]) == 0


def test_registration_on_the_birth_day_is_accepted(client):
    household = create_household(client)

    person = create_person(
        client,
        household["id"],
        id_number=id_number(ADULT),
        registered_on=ADULT.isoformat(),
    )

    assert person["registered_on"] == ADULT.isoformat()
