"""Made-up registry records whose identifiers pass the service's own checks.

Shared by the seeder, which writes rows straight into the database, and the load
generator, which sends new people through the API. Every name is invented.
"""

import random
from datetime import date, timedelta
from typing import Any, NamedTuple

from app.identity import credit_check_character, id_check_character
from app.regions import DISTRICT_CODE, all_regions

# Birth dates spread over SPAN days from EPOCH: people aged about 18 to 60.
EPOCH = date(1966, 1, 1)
SPAN = 15_000
# Coprime with SPAN, so serial -> day is a bijection within each block of SPAN serials.
STRIDE = 7_919
# Seeded people take sequence numbers 000-499, people sent through the API 500-999,
# so no request can collide with a seeded ID number.
SEEDED, POSTED = 0, 500

SURNAMES = "张李王杨赵陈刘罗朱普马何周吴"
GIVEN = ("文华", "春梅", "国强", "秀英", "志刚", "丽芳", "建平", "海燕", "德明", "金花")
EDUCATION = ("primary", "junior_middle", "junior_middle", "senior_middle", "vocational")
WAGES = (2000, 2500, 3000, 3500, 4000, 5000)


class Trade(NamedTuple):
    """One line of work: vacancy title, occupation code, skills and certificates."""

    title: str
    occupation_code: str | None
    skills: list[str]
    certificates: list[str]


# Occupation codes are CSCO 2022 where the table has a matching occupation.
TRADES = (
    Trade("焊工", "6-18-02-04", ["电焊", "二氧化碳保护焊"], ["特种作业操作证（焊接）"]),
    Trade("保洁员", None, ["保洁", "家政"], ["健康证"]),
    Trade("叉车司机", "6-30-05-01", ["叉车驾驶"], ["叉车证"]),
    Trade("砌筑工", "6-29-01-01", ["砌筑", "钢筋绑扎"], []),
    Trade("中式烹调师", "4-03-02-01", ["烹饪", "面点"], ["健康证"]),
    Trade("养老护理员", "4-10-01-05", ["养老护理"], ["养老护理员证"]),
    Trade("农艺工", "5-01-02-01", ["种植", "果树修剪"], []),
    Trade("装配工", None, ["流水线装配"], []),
    Trade("保安员", "4-07-05-01", ["保安"], ["保安员证"]),
    Trade("快递员", "4-02-07-08", ["快递分拣", "电动车驾驶"], []),
)


def id_number(serial: int, first_sequence: int = SEEDED) -> str:
    """Return a valid resident ID number, a different one for each ``serial``.

    Unique for serials below ``SPAN * 500`` within one ``first_sequence`` block.
    """
    born = EPOCH + timedelta(days=serial * STRIDE % SPAN)
    sequence = first_sequence + serial // SPAN
    first17 = f"{DISTRICT_CODE}{born:%Y%m%d}{sequence:03d}"
    return first17 + id_check_character(first17)


def credit_code(serial: int, region_code: str) -> str:
    """Return a valid unified social credit code of an enterprise in a region."""
    first17 = f"91{region_code[:6]:0<6}MA{serial:07d}"
    return first17 + credit_check_character(first17)


def region_codes(prefix: str = "") -> list[str]:
    """Return the shipped region codes that start with ``prefix``."""
    return [code for code in all_regions() if code.startswith(prefix)]


def person_fields(rng: random.Random) -> dict[str, Any]:
    """Return the JSON fields of a person apart from household and ID number."""
    trade = rng.choice(TRADES)
    is_seeking = rng.random() < 0.8
    return {
        "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
        "phone": f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
        "education": rng.choice(EDUCATION),
        "skills": trade.skills,
        "certificates": trade.certificates if rng.random() < 0.6 else [],
        "desired_occupations": [trade.title],
        "desired_regions": rng.sample(region_codes(), rng.randrange(1, 4)),
        "min_monthly_wage": rng.choice(WAGES),
        "experience_years": rng.randrange(0, 20),
        "is_willing_to_relocate": rng.random() < 0.4,
        "is_seeking_work": is_seeking,
        "employment_status": "unemployed" if is_seeking else "employed",
    }
