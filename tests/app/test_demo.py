from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from app.db import session_scope
from app.demo import load_demo_data
from app.identity import check_credit_code, parse_id_number
from app.models import Employer, Household, Person, Station, Vacancy
from app.models.enums import Channel

FOUNDING = {"昆明", "广东", "上海", "浙江", "江苏"}


def _counts(session: Session) -> dict[str, int]:
    return {
        model.__tablename__: session.exec(select(func.count()).select_from(model)).one()
        for model in (Household, Person, Employer, Vacancy, Station)
    }


def test_demo_data_fills_an_empty_registry(engine):
    with session_scope(engine, write=True) as session:
        assert load_demo_data(session) is True

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


def test_demo_identifiers_pass_their_checks(engine):
    with session_scope(engine, write=True) as session:
        load_demo_data(session)
        people = session.exec(select(Person)).all()
        codes = session.exec(select(Employer.credit_code)).all()

    for person in people:
        birth_on, sex = parse_id_number(person.id_number, today=date.today())
        assert (person.birth_on, person.sex) == (birth_on, sex)
    assert [check_credit_code(code) for code in codes] == list(codes)


def test_demo_data_loaded_twice_adds_nothing(engine):
    with session_scope(engine, write=True) as session:
        load_demo_data(session)
    with session_scope(engine) as session:
        before = _counts(session)

    with session_scope(engine, write=True) as session:
        assert load_demo_data(session) is False
    with session_scope(engine) as session:
        assert _counts(session) == before
