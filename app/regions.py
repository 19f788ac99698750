"""Administrative regions (GB/T 2260 codes) the district's work is found in.

The shipped table covers 东川区 and its towns, the rest of 昆明市, and the provinces and
main cities of the five employment service stations. Codes nest by prefix: a province
has 2 digits, a city 4, a county 6 and a town 9.
"""

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEVELS = {2: "province", 4: "city", 6: "county", 9: "town"}
DISTRICT_CODE = "530113"


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str

    @property
    def level(self) -> str:
        return LEVELS[len(self.code)]

    @property
    def parent_code(self) -> str | None:
        lengths = [n for n in LEVELS if n < len(self.code)]
        return self.code[: max(lengths)] if lengths else None


@lru_cache
def all_regions() -> dict[str, Region]:
    """Return every shipped region by code."""
    with (Path(__file__).parent / "data" / "regions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {row["code"]: Region(row["code"], row["name"]) for row in rows}


def get_region(code: str) -> Region | None:
    return all_regions().get(code)


def check_region_code(code: str) -> str:
    """Return ``code`` if it names a known region, else raise ``ValueError``."""
    if code not in all_regions():
        raise ValueError(f"unknown region code {code!r}; see /api/v1/regions")
    return code


def district_towns() -> list[Region]:
    """Return the towns and street offices of the district."""
    return [
        r
        for r in all_regions().values()
        if r.level == "town" and r.code.startswith(DISTRICT_CODE)
    ]


def resolve_town(value: str) -> str:
    """Return the code of a district town given by code or by exact name."""
    for town in district_towns():
        if value in (town.code, town.name):
            return town.code
    raise ValueError(
        f"unknown town {value!r}; give a town code or name of the district"
    )
