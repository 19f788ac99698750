"""The demo data: a registry that passes its own checks, and a story to show."""

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import Session, select

from app.clock import today
from app.db import session_scope
from app.demo import load_demo_data
from app.identity import check_credit_code, parse_id_number
from app.main import create_app
from app.models import Employer, Household, Person, Station, Vacancy
from app.models.enums import Channel
from tests.conftest import ADMIN_KEY
from tests.factories import bearer

FOUNDING = {"昆明", "广东", "上海", "浙江", "江苏"}


def _counts(session: Session) -> dict[str, int]:
    return {
        model.__tablename__: session.exec(select(func.count()).select_from(model)).one()
        for model in (Household, Person, Employer, Vacancy, Station)
    }


def test_demo_data_fills_an_empty_registry(engine, settings):
    with session_scope(engine, write=True) as session:
        assert load_demo_data(session, settings) is True

    with session_scope(engine) as session:
        counts = _counts(session)
        channels = set(session.exec(select(Vacancy.channel)).all())
        served = session.exec(
            select(Station.name).join(Vacancy, Vacancy.station_id == Station.id)
        ).all()

    assert counts["household"] >= 10
    assert counts["person"] > counts["household"]
    assert counts["employer"] >= len(Channel)
    assert counts["vacancy"] >= len(Channel)
    assert counts["station"] == 5
    assert channels == {channel.value for channel in Channel}
    assert set(served) == FOUNDING


def test_demo_identifiers_pass_their_checks(engine, settings):
    with session_scope(engine, write=True) as session:
        load_demo_data(session, settings)
        people = session.exec(select(Person)).all()
        codes = session.exec(select(Employer.credit_code)).all()

    for person in people:
        birth_on, sex = parse_id_number(person.id_number, today=date.today())
        assert (person.birth_on, person.sex) == (birth_on, sex)
    assert [check_credit_code(code) for code in codes] == list(codes)


def test_demo_data_loaded_twice_adds_nothing(engine, settings):
    with session_scope(engine, write=True) as session:
        load_demo_data(session, settings)
    with session_scope(engine) as session:
        before = _counts(session)

    with session_scope(engine, write=True) as session:
        assert load_demo_data(session, settings) is False
    with session_scope(engine) as session:
        assert _counts(session) == before


@pytest.fixture
def demo_client(settings, engine):
    """A client of a service that loaded the demo data on start-up."""
    app = create_app(settings.model_copy(update={"demo_data": True}), engine=engine)
    with TestClient(app, headers=bearer(ADMIN_KEY)) as client:
        yield client


def _items(client, path, **params):
    answer = client.get(f"/api/v1/{path}", params=params | {"limit": 200})
    assert answer.status_code == 200, answer.text
    return answer.json()["items"]


def test_demo_plays_out_placements_on_several_channels(demo_client):
    placed = _items(demo_client, "placements")
    current = _items(demo_client, "placements", is_current=True)

    assert len({p["channel"] for p in placed}) >= 4
    assert 0 < len(current) < len(placed)
    [ended] = [p for p in placed if p["ended_on"] is not None]
    # The worker who lost the job is put forward again.
    again = _items(demo_client, "referrals", person_id=ended["person_id"], is_open=True)
    assert len(again) == 1


def test_demo_has_referrals_at_every_stage_and_a_refusal(demo_client):
    statuses = {r["status"] for r in _items(demo_client, "referrals")}

    assert {"proposed", "referred", "interviewed", "hired", "rejected"} <= statuses


def test_demo_shows_follow_ups_done_and_overdue(demo_client):
    done = _items(demo_client, "follow-ups", status="done")
    overdue = _items(demo_client, "follow-ups", overdue=True)

    assert done
    assert overdue
    assert all(f["due_on"] < today().isoformat() for f in overdue)


def test_demo_has_cases_open_cleared_and_overdue(demo_client):
    open_cases = _items(demo_client, "zero-employment-cases", status="open")
    cleared = _items(demo_client, "zero-employment-cases", status="cleared")
    overdue = _items(demo_client, "zero-employment-cases", overdue=True)

    assert cleared
    assert overdue
    assert any(c["days_left"] > 0 for c in open_cases)
    assert {c["clear_reason"] for c in cleared} == {"member_placed"}


def test_demo_households_turned_yellow_for_a_job_lost_and_a_wage_drop(demo_client):
    yellow = _items(demo_client, "households", alert_level="yellow")
    reasons = {
        change["reason"]
        for household in yellow
        for change in _items(demo_client, f"households/{household['id']}/alerts")
    }

    assert {"job_lost", "income_drop"} <= reasons


def test_demo_report_counts_people_at_work(demo_client):
    district = demo_client.get("/api/v1/reports/employment").json()["district"]

    assert 0 < district["employed"] < district["labour_force"]
    assert district["zero_employment"]["open"] > 0
