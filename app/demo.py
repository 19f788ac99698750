"""A small, made-up data set that lets a new installation show something at once.

Every name, number and company here is invented; ID numbers and credit codes are built
to pass their checks. Besides the registry it plays out the last months of the office
through the services, as officers would have: households registered with no one at
work, referrals at every stage, hires on several channels, follow-ups done and
overdue, a wage drop and a job lost, so that cases, alerts, follow-ups and the
report have something to show.
"""

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, select

from app.clock import today, utcnow
from app.config import Settings
from app.identity import credit_check_character, id_check_character, parse_id_number
from app.models import (
    Employer,
    FollowUp,
    Household,
    Person,
    Referral,
    Station,
    Vacancy,
)
from app.models.enums import (
    EmploymentSource,
    EmploymentStatus,
    PlacementEndReason,
    ReferralStatus,
    RejectionReason,
    Role,
)
from app.schemas.placements import FollowUpRecord, PlacementEnd
from app.schemas.referrals import ReferralCreate, ReferralTransition
from app.security import Principal
from app.services import follow_ups, placements, referrals
from app.services.alerts import record_registration
from app.services.employment import record_employment, refresh_household

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
# Vacancies were posted this many days ago, before the first hire below.
POSTED_DAYS_AGO = 260

# The service acting as an officer; what it does is recorded under this name.
DEMO_OFFICER = Principal(api_key_id=None, role=Role.OFFICER, name="演示数据")


@dataclass(frozen=True, slots=True)
class Hire:
    """A household's first member hired: where, when, for how much, and what next.

    The household registered ``waited`` days before the start, with no one at work.
    ``follow_ups`` are the wages found at each follow-up recorded, by month.
    """

    household: int
    vacancy: int
    started_days_ago: int
    wage: int
    waited: int
    follow_ups: tuple[tuple[int, int, str | None], ...] = ()
    ended_days_ago: int | None = None


HIRES = (
    # A welder at the park, followed up twice; the six-month follow-up is overdue.
    Hire(1, 1, 205, 6500, 12, ((1, 6500, None), (3, 6800, None))),
    # Electronics in 广东 through the station; dismissed 40 days ago, so the
    # household is yellow and its new case is past its deadline.
    Hire(2, 5, 215, 5200, 20, ((1, 5200, None), (3, 5200, "加班多，想回云南")), 40),
    # The workshop's orders fell: the wage at the first follow-up turns it yellow.
    Hire(3, 2, 120, 2800, 26, ((1, 2100, "订单少，计件工资下降"),)),
    Hire(4, 3, 60, 1800, 18, ((1, 1800, None),)),
    # Transferred to 昆明 three weeks ago; nothing due yet.
    Hire(5, 4, 20, 5000, 9),
)
# Household 6 has someone working on their own; 7 to 12 registered lately.
SELF_EMPLOYED_HOUSEHOLD = 6
# Referrals still open or refused: household, vacancy, the moves made.
REFERRALS: tuple[tuple[int, int, tuple[ReferralTransition, ...]], ...] = (
    (7, 0, ()),
    (8, 6, (ReferralTransition(to=ReferralStatus.REFERRED),)),
    (
        9,
        9,
        (
            ReferralTransition(to=ReferralStatus.REFERRED),
            ReferralTransition(to=ReferralStatus.INTERVIEWED),
        ),
    ),
    (
        10,
        7,
        (
            ReferralTransition(to=ReferralStatus.REFERRED),
            ReferralTransition(
                to=ReferralStatus.REJECTED,
                reason=RejectionReason.WAGE,
                note="希望月薪不低于7000元",
            ),
        ),
    ),
    # The worker dismissed in 广东 is put forward again at once.
    (2, 8, ()),
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
                alert_level="green",
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


def _employers_and_vacancies(session: Session) -> list[Vacancy]:
    stations = {s.name: s.id for s in session.exec(select(Station)).all()}
    posted = utcnow() - timedelta(days=POSTED_DAYS_AGO)
    vacancies = []
    for index, (name, channel, region, station) in enumerate(EMPLOYERS):
        employer = Employer(
            name=name, credit_code=_credit_code(index + 1), region_code=region[:6]
        )
        session.add(employer)
        session.flush()
        assert employer.id is not None
        title, trade, low, high, housing = VACANCIES[index]
        skills, certificates, _ = TRADES[trade]
        vacancies.append(
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
                created_at=posted,
                updated_at=posted,
            )
        )
    session.add_all(vacancies)
    return vacancies


def load_demo_data(session: Session, settings: Settings) -> bool:
    """Fill an empty registry with the demo set; return whether anything was added."""
    if session.exec(select(Household.id).limit(1)).first() is not None:
        return False

    rng = random.Random(2025)
    households = _households(rng)
    session.add_all(households)
    session.flush()
    people = _people(rng, households)
    session.add_all(people)
    vacancies = _employers_and_vacancies(session)
    session.flush()

    first_members: dict[int, Person] = {}
    for person in people:
        first_members.setdefault(person.household_id, person)
    _register(session, settings, households, people)
    _hire(session, settings, households, first_members, vacancies)
    _refer(session, settings, households, first_members, vacancies)

    session.flush()
    logger.info(
        "loaded demo data: %d households, %d people", len(households), len(people)
    )
    return True


def _days_ago(days: int) -> date:
    return today() - timedelta(days=days)


def _registered_days_ago(number: int) -> int:
    """Days before today household ``number`` registered; the last ones lately."""
    for hire in HIRES:
        if hire.household == number:
            return hire.started_days_ago + hire.waited
    return 100 if number == SELF_EMPLOYED_HOUSEHOLD else 4 * number - 22


def _register(
    session: Session,
    settings: Settings,
    households: Sequence[Household],
    people: Sequence[Person],
) -> None:
    """Start each household's history on its registration day, opening its case."""
    for number, household in enumerate(households, start=1):
        assert household.id is not None
        registered = _days_ago(_registered_days_ago(number))
        members = [p for p in people if p.household_id == household.id]
        if number == SELF_EMPLOYED_HOUSEHOLD:
            members[0].employment_status = EmploymentStatus.SELF_EMPLOYED
            members[0].is_seeking_work = False
        for person in members:
            person.registered_on = registered
            record_employment(
                session,
                person,
                status=EmploymentStatus(person.employment_status),
                is_seeking_work=person.is_seeking_work,
                on=registered,
                source=EmploymentSource.REGISTRATION,
            )
        record_registration(session, household, DEMO_OFFICER.actor)
        refresh_household(
            session,
            household.id,
            on=registered,
            clearing_days=settings.zero_employment_days,
        )


def _hire(
    session: Session,
    settings: Settings,
    households: Sequence[Household],
    first_members: dict[int, Person],
    vacancies: Sequence[Vacancy],
) -> None:
    """Refer, interview and hire; record the follow-ups; end what ended."""
    for hire in HIRES:
        person = first_members[_id(households[hire.household - 1])]
        hired = ReferralTransition(
            to=ReferralStatus.HIRED,
            started_on=_days_ago(hire.started_days_ago),
            monthly_wage=hire.wage,
        )
        moves = (
            ReferralTransition(to=ReferralStatus.REFERRED),
            ReferralTransition(to=ReferralStatus.INTERVIEWED),
            hired,
        )
        referral = _refer_one(session, settings, person, vacancies[hire.vacancy], moves)
        placement_id = referrals.placement_of(session, _id(referral))
        assert placement_id is not None

        for month, wage, problems in hire.follow_ups:
            _follow_up(session, settings, placement_id, month, wage, problems)
        if hire.ended_days_ago is not None:
            end = PlacementEnd(
                ended_on=_days_ago(hire.ended_days_ago),
                reason=PlacementEndReason.DISMISSED,
                note="工厂裁员",
            )
            placements.end_placement(session, DEMO_OFFICER, placement_id, end, settings)


def _follow_up(
    session: Session,
    settings: Settings,
    placement_id: int,
    month: int,
    wage: int,
    problems: str | None,
) -> None:
    """Record the follow-up of ``month`` two days after it fell due."""
    statement = select(FollowUp).where(
        FollowUp.placement_id == placement_id, FollowUp.month == month
    )
    follow_up = session.exec(statement).one()
    record = FollowUpRecord(
        version=follow_up.version,
        contacted_on=min(follow_up.due_on + timedelta(days=2), today()),
        is_still_employed=True,
        monthly_wage=wage,
        problems=problems,
    )
    follow_ups.record_follow_up(session, DEMO_OFFICER, _id(follow_up), record, settings)


def _refer(
    session: Session,
    settings: Settings,
    households: Sequence[Household],
    first_members: dict[int, Person],
    vacancies: Sequence[Vacancy],
) -> None:
    for number, vacancy, moves in REFERRALS:
        person = first_members[_id(households[number - 1])]
        _refer_one(session, settings, person, vacancies[vacancy], moves)


def _refer_one(
    session: Session,
    settings: Settings,
    person: Person,
    vacancy: Vacancy,
    moves: Sequence[ReferralTransition],
) -> Referral:
    """Put the person forward for the vacancy, then make the moves in turn."""
    body = ReferralCreate(person_id=_id(person), vacancy_id=_id(vacancy))
    referral = referrals.create_referral(session, DEMO_OFFICER, body)
    for move in moves:
        referrals.transition(session, DEMO_OFFICER, _id(referral), move, settings)
    return referral


def _id(row: Household | Person | Vacancy | Referral | FollowUp) -> int:
    assert row.id is not None
    return row.id
