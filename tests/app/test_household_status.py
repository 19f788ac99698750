"""A household's employment status, derived from its members, and its cases."""

import threading
from datetime import date, timedelta

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, select

from app.clock import today
from app.config import Settings
from app.db import session_scope
from app.main import create_app, prepare_database
from app.models import EmploymentEvent, Household, Person, ZeroEmploymentCase
from app.services import people as people_service
from app.services.employment import tally
from app.services.households import employment_counts
from tests.conftest import ADMIN_KEY
from tests.factories import (
    bearer,
    create_api_key,
    create_household,
    create_person,
    id_number,
    person_body,
)
from tests.problems import assert_problem

ADULT = date(1990, 5, 17)
# Over the working age (59) on any day this suite may run.
ELDER = date(1950, 3, 2)


def status_of(client, household_id, **headers):
    response = client.get(
        f"/api/v1/households/{household_id}/employment", headers=headers or None
    )
    assert response.status_code == 200, response.text
    return response.json()


def patch_person(client, person, **changes):
    current = client.get(f"/api/v1/people/{person['id']}").json()
    body = {"version": current["version"]} | changes
    response = client.patch(f"/api/v1/people/{person['id']}", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_unemployed_seekers_open_a_case_dated_their_registration(client):
    household = create_household(client)
    registered_on = today() - timedelta(days=3)
    for _ in range(2):
        create_person(client, household["id"], registered_on=registered_on.isoformat())

    status = status_of(client, household["id"])

    assert (status["labour_force"], status["employed"]) == (2, 0)
    assert status["is_zero_employment"] is True
    case = status["open_case"]
    assert case["opened_on"] == registered_on.isoformat()
    assert case["deadline_on"] == (registered_on + timedelta(days=30)).isoformat()
    assert (case["days_left"], case["is_overdue"]) == (27, False)
    assert status["past_cases"] == 0


def test_status_lists_each_member_and_whether_they_count(client):
    household = create_household(client)
    seeker = create_person(client, household["id"], id_number=id_number(ADULT))
    elder = create_person(client, household["id"], id_number=id_number(ELDER))

    members = status_of(client, household["id"])["members"]

    assert members == [
        {
            "person_id": seeker["id"],
            "name": seeker["name"],
            "age": seeker["age"],
            "employment_status": "unemployed",
            "is_seeking_work": True,
            "in_labour_force": True,
        },
        {
            "person_id": elder["id"],
            "name": elder["name"],
            "age": elder["age"],
            "employment_status": "unemployed",
            "is_seeking_work": True,
            "in_labour_force": False,
        },
    ]


@pytest.fixture
def ten_day_client(database_url, engine, monkeypatch):
    """A client whose service clears zero-employment households within 10 days."""
    monkeypatch.setenv("JOBMATCH_ZERO_EMPLOYMENT_DAYS", "10")
    settings = Settings(
        database_url=database_url, demo_data=False, bootstrap_admin_key=ADMIN_KEY
    )
    app = create_app(settings, engine=engine)
    with TestClient(app, headers=bearer(ADMIN_KEY)) as client:
        yield client


def test_case_deadline_follows_the_zero_employment_days_setting(ten_day_client):
    household = create_household(ten_day_client)
    create_person(ten_day_client, household["id"])

    case = status_of(ten_day_client, household["id"])["open_case"]

    assert case["deadline_on"] == (today() + timedelta(days=10)).isoformat()
    assert case["days_left"] == 10


@pytest.mark.parametrize(
    "overrides",
    [
        {"employment_status": "studying", "is_seeking_work": False},
        {"id_number": id_number(ELDER)},
        {"is_seeking_work": False},
    ],
    ids=["student", "over 59", "not seeking"],
)
def test_member_outside_the_labour_force_alone_opens_no_case(client, overrides):
    household = create_household(client)
    create_person(client, household["id"], **overrides)

    status = status_of(client, household["id"])

    assert (status["labour_force"], status["employed"]) == (0, 0)
    assert status["is_zero_employment"] is False
    assert status["open_case"] is None
    shown = client.get(f"/api/v1/households/{household['id']}").json()
    assert (shown["labour_force"], shown["is_zero_employment"]) == (0, False)


def test_member_employed_clears_the_case_and_counts_as_employed(client):
    household = create_household(client)
    person = create_person(client, household["id"])
    case_id = status_of(client, household["id"])["open_case"]["id"]

    patch_person(client, person, employment_status="employed")

    status = status_of(client, household["id"])
    assert (status["labour_force"], status["employed"]) == (1, 1)
    assert (status["open_case"], status["past_cases"]) == (None, 1)
    case = client.get(f"/api/v1/zero-employment-cases/{case_id}").json()
    assert case["cleared_on"] == today().isoformat()
    assert case["clear_reason"] == "member_employed"
    shown = client.get(f"/api/v1/households/{household['id']}").json()
    assert (shown["labour_force"], shown["employed"]) == (1, 1)
    assert shown["is_zero_employment"] is False


def test_job_lost_opens_a_new_case_and_turns_the_household_yellow(client):
    household = create_household(client)
    person = create_person(client, household["id"])
    first_case = status_of(client, household["id"])["open_case"]["id"]
    patch_person(client, person, employment_status="employed")

    patch_person(client, person, employment_status="unemployed")

    status = status_of(client, household["id"])
    assert status["open_case"]["id"] != first_case
    assert status["open_case"]["opened_on"] == today().isoformat()
    assert (status["employed"], status["past_cases"]) == (0, 1)
    shown = client.get(f"/api/v1/households/{household['id']}").json()
    assert shown["alert_level"] == "yellow"
    alerts = client.get(f"/api/v1/households/{household['id']}/alerts").json()
    latest = alerts["items"][-1]
    assert (latest["from_level"], latest["to_level"]) == ("green", "yellow")
    assert (latest["reason"], latest["actor"]) == ("job_lost", "jobmatch")
    assert latest["actor_key_id"] is None


def test_household_answers_carry_the_counts_on_create_and_patch(client):
    created = create_household(client)
    create_person(client, created["id"])

    patched = client.patch(
        f"/api/v1/households/{created['id']}", json={"version": 1, "building": "5栋"}
    ).json()

    assert (created["labour_force"], created["employed"]) == (0, 0)
    assert created["is_zero_employment"] is False
    assert (patched["labour_force"], patched["employed"]) == (1, 0)
    assert patched["is_zero_employment"] is True


def test_households_filtered_by_open_zero_employment_case(client):
    zero = create_household(client)
    create_person(client, zero["id"])
    working = create_household(client)
    create_person(client, working["id"], employment_status="employed")
    empty = create_household(client)

    def listed(**filters):
        page = client.get("/api/v1/households", params=filters).json()
        return {h["id"]: h["is_zero_employment"] for h in page["items"]}

    assert listed(is_zero_employment="true") == {zero["id"]: True}
    assert listed(is_zero_employment="false") == {
        working["id"]: False,
        empty["id"]: False,
    }


def test_household_list_counts_members_in_one_query_whatever_the_page(client, engine):
    def statements_to_list():
        seen = []

        def count(*_args):
            seen.append(1)

        event.listen(engine, "before_cursor_execute", count)
        try:
            response = client.get("/api/v1/households")
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert response.status_code == 200
        return len(seen)

    first = create_household(client)
    create_person(client, first["id"])
    with_one = statements_to_list()
    for _ in range(4):
        household = create_household(client)
        create_person(client, household["id"])
        create_person(client, household["id"], employment_status="employed")

    assert statements_to_list() == with_one
    page = client.get("/api/v1/households").json()
    assert [h["labour_force"] for h in page["items"]] == [1, 2, 2, 2, 2]


def _born_around(day: date, years: int) -> list[date]:
    """Birth dates a few days either side of ``years`` before ``day``."""
    anniversary = date(day.year - years, day.month, 1) + timedelta(days=day.day - 1)
    return [anniversary + timedelta(days=d) for d in range(-3, 4)]


@pytest.mark.parametrize(
    "on",
    [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1), date(2025, 2, 28)],
)
def test_counts_in_sql_agree_with_the_labour_force_rule_at_age_limits(engine, on):
    births = [date(2008, 2, 29), date(1964, 2, 29), date(1965, 2, 28)]
    births += _born_around(on, 16) + _born_around(on, 60)
    statuses = [("unemployed", True), ("employed", False), ("retired", False)]
    with session_scope(engine, write=True) as session:
        for n, birth_on in enumerate(births):
            household = Household(
                household_no=f"AGE-{n}", site="s", community="c", origin_town="t"
            )
            session.add(household)
            session.flush()
            for k, (status, seeking) in enumerate(statuses):
                session.add(
                    Person(
                        household_id=household.id,
                        name="x",
                        id_number=f"{n:09d}{k:09d}",
                        birth_on=birth_on,
                        sex="female",
                        employment_status=status,
                        is_seeking_work=seeking,
                    )
                )

    with session_scope(engine) as session:
        rows = session.execute(
            select(
                Person.household_id,
                Person.birth_on,
                Person.employment_status,
                Person.is_seeking_work,
            )
        ).all()
        counts = employment_counts(session, {r[0] for r in rows}, on)

    assert counts == tally(rows, on)
    assert {c.labour_force for c in counts.values()} == {0, 2}


def test_start_up_gives_history_and_a_case_to_rows_loaded_directly(engine, settings):
    with session_scope(engine, write=True) as session:
        household = Household(
            household_no="BULK-1", site="s", community="c", origin_town="t"
        )
        session.add(household)
        session.flush()
        person = Person(
            household_id=household.id,
            name="x",
            id_number="530113199005170011",
            birth_on=ADULT,
            sex="male",
            registered_on=date(2025, 6, 1),
        )
        session.add(person)

    prepare_database(engine, settings)
    prepare_database(engine, settings)

    with session_scope(engine) as session:
        events = session.scalars(
            select(EmploymentEvent).where(EmploymentEvent.person_id == person.id)
        ).all()
        cases = session.scalars(
            select(ZeroEmploymentCase).where(
                ZeroEmploymentCase.household_id == household.id
            )
        ).all()
    assert [(e.effective_on, e.employment_status, e.source) for e in events] == [
        (date(2025, 6, 1), "unemployed", "registration")
    ]
    assert [(c.opened_on, c.deadline_on, c.cleared_on) for c in cases] == [
        (today(), today() + timedelta(days=30), None)
    ]


def test_first_members_registered_at_once_open_exactly_one_case(
    client, live_server, engine, monkeypatch
):
    household = create_household(client)
    refresh = people_service.refresh_household
    both_registered = threading.Barrier(2, timeout=30)

    def refresh_when_both_registered(*args, **kwargs):
        # Make both requests insert their member before either looks for a case.
        # SQLite runs one writer at a time, so there the second waits instead.
        if engine.dialect.name != "sqlite":
            both_registered.wait()
        return refresh(*args, **kwargs)

    monkeypatch.setattr(
        people_service, "refresh_household", refresh_when_both_registered
    )
    statuses = []

    def register():
        with httpx.Client(
            base_url=live_server, headers=bearer(ADMIN_KEY), timeout=60
        ) as http:
            response = http.post("/api/v1/people", json=person_body(household["id"]))
            statuses.append(response.status_code)

    threads = [threading.Thread(target=register) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [201, 201]
    status = status_of(client, household["id"])
    assert (status["labour_force"], status["past_cases"]) == (2, 0)
    cases = client.get(
        "/api/v1/zero-employment-cases", params={"household_id": household["id"]}
    ).json()
    assert cases["total"] == 1


def _patch_at_once(live_server, requests):
    """Send each (path, body) PATCH from its own thread, released together."""
    start = threading.Barrier(len(requests), timeout=30)
    statuses = [0] * len(requests)

    def send(index):
        path, body = requests[index]
        with httpx.Client(
            base_url=live_server, headers=bearer(ADMIN_KEY), timeout=60
        ) as http:
            start.wait()
            statuses[index] = http.patch(path, json=body).status_code

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_members_swapped_between_two_households_at_once_both_move(client, live_server):
    first, second = create_household(client), create_household(client)

    for _ in range(8):
        movers = [
            create_person(client, first["id"]),
            create_person(client, second["id"]),
        ]
        targets = [second["id"], first["id"]]

        statuses = _patch_at_once(
            live_server,
            [
                (
                    f"/api/v1/people/{person['id']}",
                    {"version": person["version"], "household_id": target},
                )
                for person, target in zip(movers, targets, strict=True)
            ],
        )

        assert statuses == [200, 200]
        moved = [client.get(f"/api/v1/people/{p['id']}").json() for p in movers]
        assert [p["household_id"] for p in moved] == targets


def test_grid_worker_reads_the_status_of_its_community_only(client):
    own = create_household(client, community="幸福社区")
    other = create_household(client, community="和谐社区")
    create_person(client, own["id"])
    headers = bearer(create_api_key(client, "grid_worker", community="幸福社区")["key"])

    mine = client.get(f"/api/v1/households/{own['id']}/employment", headers=headers)
    theirs = client.get(f"/api/v1/households/{other['id']}/employment", headers=headers)
    zero = client.get(
        "/api/v1/households", params={"is_zero_employment": "true"}, headers=headers
    )

    assert mine.status_code == 200
    assert mine.json()["is_zero_employment"] is True
    assert_problem(theirs, 404)
    assert [h["id"] for h in zero.json()["items"]] == [own["id"]]


def test_station_staff_may_not_read_a_household_status(client):
    household = create_household(client)
    headers = bearer(create_api_key(client, "station_staff")["key"])

    response = client.get(
        f"/api/v1/households/{household['id']}/employment", headers=headers
    )

    assert_problem(response, 403)


def test_unknown_household_status_is_404(client):
    assert_problem(client.get("/api/v1/households/999/employment"), 404)
