"""A small, made-up data set that lets a new installation show something at once.

Every name, number and company here is invented; ID numbers and credit codes are built
to pass their checks.
"""

import logging
import random
from datetime import date, timedelta

from sqlmodel import Session, select

from app.clock import today
from app.identity import credit_check_character, id_check_character, parse_id_number
from app.models import Employer, Household, Person, Station, Vacancy

logger = logging.getLogger(__name__)

SITES = {
    "铜都安置区": ("幸福社区", "530113001"),
    "碧谷安置区": ("和谐社区", "530113002"),
}
ORIGIN_TOWNS = ("530113102", "530113103", "530113104", "530113105", "530113107")
SURNAMES = "张李王杨赵陈刘罗朱普马何"
GIVEN = ("文华", "春梅", "国强", "秀英", "志刚", "丽芳", "建平", "海燕", "德明", "金花")
# Skills, certificates and wished occupations of one trade.
TRADES: tuple[tuple[list[str], list[str], list[str]], ...] = (
    (["电焊", "二氧化碳保护焊"], ["特种作业操作证（焊接）"], ["焊工"]),
    (["保洁", "家政"], ["健康证"], ["保洁员"]),
    (["叉车驾驶"], ["叉车证"], ["叉车司机"]),
    (["砌筑", "钢筋绑扎"], [], ["建筑工人"]),
    (["烹饪", "面点"], ["健康证"], ["厨师"]),
    (["养老护理"], ["养老护理员证"], ["养老护理员"]),
    (["种植", "果树修剪"], [], ["农业工人"]),
    (["流水线装配"], [], ["普工"]),
    (["保安"], ["保安员证"], ["保安员"]),
    (["快递分拣", "电动车驾驶"], [], ["快递员"]),
)
EMPLOYERS = (
    ("东川区绿源农业开发有限公司", "industry_base", "530113", None),
    ("昆明东川工业园区新材料有限公司", "park", "530113", None),
    ("东川区幸福帮扶车间（服装加工）", "workshop", "530113001", None),
    ("东川区城市管理局", "public_welfare", "530113", None),
    ("昆明安宁物流有限公司", "city_transfer", "530181", None),
    ("东莞市鸿达电子有限公司", "station", "4419", "广东"),
    ("上海浦东物业服务有限公司", "station", "310115", "上海"),
    ("宁波港城机械制造有限公司", "station", "3302", "浙江"),
    ("苏州工业园区精密部件有限公司", "station", "3205", "江苏"),
    ("昆明官渡建筑劳务有限公司", "station", "530111", "昆明"),
)
# Title, index into TRADES, wage range and housing; one per employer above.
VACANCIES = (
    ("蔬菜基地种植工", 6, 2500, 3200, False),
    ("电焊工（二保焊）", 0, 5500, 8000, True),
    ("服装车工", 7, 2200, 3500, False),
    ("道路保洁员（公益性岗位）", 1, 1800, 1800, False),
    ("仓库叉车司机", 2, 4500, 6000, True),
    ("电子厂普工", 7, 5000, 6500, True),
    ("小区保安", 8, 4800, 5500, True),
    ("机械装配工", 7, 6000, 8000, True),
    ("精密部件质检员", 7, 5500, 7000, True),
    ("建筑工地钢筋工", 3, 7000, 9000, True),
)


def _id_number(rng: random.Random, born: date, female: bool) -> str:
    sequence = rng.randrange(0, 50) * 2 + (0 if female else 1)
    first17 = f"530113{born:%Y%m%d}{rng.randrange(10)}{sequence:02d}"
    return first17 + id_check_character(first17)


def _credit_code(index: int) -> str:
    first17 = f"91530113{index:08d}0"[:17]
    return first17 + credit_check_character(first17)


def _households(rng: random.Random) -> list[Household]:
    households = []
    for number in range(1, 13):
        site = list(SITES)[number % 2]
        community, _ = SITES[site]
        households.append(
            Household(
                household_no=f"DC-2025-{number:04d}",
                site=site,
                community=community,
                building=f"{number % 6 + 1}栋",
                room=f"{rng.randrange(1, 18)}0{rng.randrange(1, 5)}",
                origin_town=ORIGIN_TOWNS[number % len(ORIGIN_TOWNS)],
                alert_level="yellow" if number == 5 else "green",
            )
        )
    return households


def _people(rng: random.Random, households: list[Household]) -> list[Person]:
    people = []
    for household in households:
        assert household.id is not None
        for member in range(rng.randrange(1, 4)):
            female = member % 2 == 1
            born = date(
                rng.randrange(1970, 2004), rng.randrange(1, 13), rng.randrange(1, 29)
            )
            id_number = _id_number(rng, born, female)
            birth_on, sex = parse_id_number(id_number, today=today())
            skills, certificates, wished = TRADES[rng.randrange(len(TRADES))]
            people.append(
                Person(
                    household_id=household.id,
                    name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                    id_number=id_number,
                    birth_on=birth_on,
                    sex=sex,
                    phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
                    education=rng.choice(["primary", "junior_middle", "senior_middle"]),
                    skills=skills,
                    certificates=certificates if rng.random() < 0.6 else [],
                    desired_occupations=wished,
                    desired_regions=rng.choice(
                        [["530113"], ["5301"], ["530113", "44"]]
                    ),
                    min_monthly_wage=rng.choice([2000, 2500, 3000, 4000, 5000]),
                    experience_years=rng.randrange(0, 15),
                    is_willing_to_relocate=rng.random() < 0.4,
                    available_on=today() + timedelta(days=rng.randrange(0, 30)),
                )
            )
    return people


def _employers_and_vacancies(session: Session) -> None:
    stations = {s.name: s.id for s in session.exec(select(Station)).all()}
    for index, (name, channel, region, station) in enumerate(EMPLOYERS):
        employer = Employer(
            name=name, credit_code=_credit_code(index + 1), region_code=region[:6]
        )
        session.add(employer)
        session.flush()
        assert employer.id is not None
        title, trade, low, high, housing = VACANCIES[index]
        skills, certificates, _ = TRADES[trade]
        session.add(
            Vacancy(
                employer_id=employer.id,
                channel=channel,
                station_id=stations.get(station) if station else None,
                title=title,
                skills=skills,
                certificates=certificates[:1] if trade in (0, 2) else [],
                region_code=region,
                openings=5 + index * 3,
                wage_min=low,
                wage_max=high,
                has_housing=housing,
                has_meals=housing,
                closes_on=today() + timedelta(days=30 + index * 5),
            )
        )


def load_demo_data(session: Session) -> bool:
    """Fill an empty registry with the demo set; return whether anything was added."""
    if session.exec(select(Household.id).limit(1)).first() is not None:
        return False

    rng = random.Random(2025)
    households = _households(rng)
    session.add_all(households)
    session.flush()
    people = _people(rng, households)
    session.add_all(people)
    _employers_and_vacancies(session)

    session.flush()
    logger.info(
        "loaded demo data: %d households, %d people", len(households), len(people)
    )
    return True
