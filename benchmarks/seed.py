"""Bulk-load a benchmark registry: households, people, employers and vacancies.

Rows go in through SQLAlchemy core inserts in batches, which takes seconds for ten
thousand people where the ORM or the API would take minutes. Every row is one the API
would accept: ID numbers and credit codes pass their checks, region codes are shipped.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, insert, select
from sqlmodel import SQLModel

from app.db import metadata, session_scope
from app.identity import parse_id_number
from app.models import Employer, Household, Person, Vacancy
from app.models.enums import Channel
from app.regions import all_regions, district_towns
from app.security import ensure_admin_key
from benchmarks import fake

Row = dict[str, Any]

# Resettlement sites of the district and their communities (invented names).
SITES = {
    "铜都安置区": ("幸福社区", "安康社区"),
    "碧谷安置区": ("和谐社区", "碧谷新村社区"),
    "乌龙安置区": ("乌龙新苑社区",),
}
# Every channel except `station` finds work in 昆明市.
LOCAL_PREFIX = "5301"
PEOPLE_PER_HOUSEHOLD = 3.3
VACANCIES_PER_EMPLOYER = 10
BRANDS = ("鸿达", "绿源", "安居", "新材", "精工", "顺丰", "康宁", "金沙")
INDUSTRIES = ("建筑劳务", "农业开发", "物流", "电子", "物业服务", "机械制造")


@dataclass(frozen=True, slots=True)
class Registry:
    """What the load generator needs to know about the seeded data."""

    first_household_id: int
    last_household_id: int
    people: int
    vacancies: int


@dataclass(frozen=True, slots=True)
class _Employer:
    id: int
    channel: Channel
    station_id: int | None
    region_code: str


def seed(
    engine: Engine, *, people: int, vacancies: int, admin_key: str, seed: int = 2025
) -> Registry:
    """Fill a freshly migrated database and create an admin key with ``admin_key``."""
    rng = random.Random(seed)
    households = max(1, round(people / PEOPLE_PER_HOUSEHOLD))
    with engine.begin() as connection:
        household_ids = _insert(connection, Household, _households(rng, households))
        _insert(connection, Person, _people(rng, household_ids, people))
        employers = _insert_employers(connection, rng, vacancies)
        _insert(connection, Vacancy, _vacancies(rng, employers, vacancies))

    with session_scope(engine, write=True) as session:
        ensure_admin_key(session, admin_key, name="benchmark")
    return Registry(household_ids[0], household_ids[-1], people, vacancies)


def _insert(
    connection: Connection, model: type[SQLModel], rows: list[Row]
) -> list[int]:
    """Insert ``rows`` in batches and return their new ids in the same order.

    Columns a row leaves out get the model's default, as the ORM would give them.
    """
    table = metadata.tables[str(model.__tablename__)]
    defaults = {
        name: field.get_default(call_default_factory=True)
        for name, field in model.model_fields.items()
        if name in table.c and name != "id" and not field.is_required()
    }
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(connection.execute(statement, [defaults | r for r in rows]).scalars())


def _households(rng: random.Random, count: int) -> list[Row]:
    towns = [town.code for town in district_towns()]
    rows = []
    for number in range(1, count + 1):
        site = rng.choice(list(SITES))
        rows.append(
            {
                "household_no": f"DC-B-{number:06d}",
                "site": site,
                "community": rng.choice(SITES[site]),
                "building": f"{rng.randrange(1, 25)}栋",
                "room": f"{rng.randrange(1, 18)}0{rng.randrange(1, 5)}",
                "origin_town": rng.choice(towns),
                "alert_level": rng.choices(("green", "yellow", "red"), (90, 8, 2))[0],
            }
        )
    return rows


def _people(rng: random.Random, household_ids: Sequence[int], count: int) -> list[Row]:
    today = date.today()
    rows = []
    for serial in range(count):
        id_number = fake.id_number(serial)
        birth_on, sex = parse_id_number(id_number, today=today)
        rows.append(
            {
                "household_id": household_ids[serial % len(household_ids)],
                "id_number": id_number,
                "birth_on": birth_on,
                "sex": sex,
                "available_on": today + timedelta(days=rng.randrange(0, 60)),
            }
            | fake.person_fields(rng)
        )
    return rows


def _insert_employers(
    connection: Connection, rng: random.Random, vacancies: int
) -> list[_Employer]:
    """Insert employers for every channel, station-channel ones at every station."""
    station = metadata.tables["station"]
    stations = list(connection.execute(select(station.c.id, station.c.region_code)))
    count = max(len(Channel) * len(stations), vacancies // VACANCIES_PER_EMPLOYER)

    employers, rows = [], []
    for serial in range(count):
        channel = list(Channel)[serial % len(Channel)]
        station_id, prefix = None, LOCAL_PREFIX
        if channel is Channel.STATION:
            station_id, prefix = stations[serial // len(Channel) % len(stations)]
        region_code = rng.choice(fake.region_codes(prefix))
        employers.append(_Employer(0, channel, station_id, region_code))
        rows.append(_employer_row(rng, serial, employers[-1]))

    ids = _insert(connection, Employer, rows)
    return [
        _Employer(id_, e.channel, e.station_id, e.region_code)
        for id_, e in zip(ids, employers, strict=True)
    ]


def _employer_row(rng: random.Random, serial: int, employer: _Employer) -> Row:
    place = all_regions()[employer.region_code].name
    industry = rng.choice(INDUSTRIES)
    return {
        "name": f"{place}{rng.choice(BRANDS)}{industry}有限公司",
        "credit_code": fake.credit_code(serial, employer.region_code),
        "region_code": employer.region_code,
        "industry": industry,
        "contact_phone": f"0871-{rng.randrange(10**7, 10**8)}",
        "station_id": employer.station_id,
    }


def _vacancies(
    rng: random.Random, employers: Sequence[_Employer], count: int
) -> list[Row]:
    return [
        _vacancy_row(rng, employers[serial % len(employers)]) for serial in range(count)
    ]


def _vacancy_row(rng: random.Random, employer: _Employer) -> Row:
    trade = rng.choice(fake.TRADES)
    wage_min = rng.randrange(18, 70) * 100
    is_away = employer.channel is Channel.STATION
    return {
        "employer_id": employer.id,
        "channel": employer.channel.value,
        "station_id": employer.station_id,
        "title": trade.title,
        "occupation_code": trade.occupation_code,
        "skills": trade.skills,
        "certificates": trade.certificates[:1] if rng.random() < 0.3 else [],
        "region_code": employer.region_code,
        "openings": rng.randrange(1, 50),
        "wage_min": wage_min,
        "wage_max": wage_min + rng.randrange(0, 30) * 100,
        "has_housing": is_away or rng.random() < 0.2,
        "has_meals": is_away or rng.random() < 0.4,
        "closes_on": date.today() + timedelta(days=rng.randrange(7, 90)),
        "status": rng.choices(("open", "filled", "closed"), (85, 10, 5))[0],
    }
