"""A synthetic labour market of the district: job seekers and vacancies as profiles.

``Market(vocabulary, seed=...)`` draws ``PersonProfile`` and ``VacancyProfile`` lists
that look like the district's registry: occupations of the curated vocabulary that
have skills, with a Zipf-like popularity where a few trades (普工, 保洁, 保安,
construction, catering, delivery) are very common; skills mostly of the person's own
occupations; certificates that qualify for them; regions of the district, 昆明 and the
provinces of the five employment service stations.

Everything comes from one seeded ``random.Random``, so a seed always gives the same
market. Choice tables are built once, and shared values (region tuples, dates,
priorities) are interned, so drawing 1.5 million people takes seconds, not minutes.
"""

import bisect
import itertools
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from matching.profiles import (
    AlertLevel,
    PersonProfile,
    Priority,
    VacancyProfile,
)
from matching.vocabulary import Vocabulary

# A bound ``random.Random.random`` and ``random.Random.randint``.
Uniform = Callable[[], float]
RandInt = Callable[[int, int], int]

DISTRICT = "530113"
TOWNS = (
    ("530113001", 8.0),  # 铜都街道, the seat
    ("530113002", 3.0),  # 碧谷街道
    ("530113102", 3.0),  # 汤丹镇
    ("530113103", 2.0),  # 因民镇
    ("530113104", 2.0),  # 阿旺镇
    ("530113105", 2.0),  # 乌龙镇
    ("530113106", 2.0),  # 红土地镇
    ("530113107", 2.0),  # 拖布卡镇
    ("530113201", 1.0),  # 舍块乡
)
KUNMING = "5301"
KUNMING_AREAS = ("5301", "530102", "530103", "530111", "530112", "530114", "530181")
# The provinces of the stations, with the cities and districts vacancies name there.
STATIONS = {
    "44": ("44", "4401", "4403", "4406", "4419", "4420"),
    "31": ("31", "3101", "310112", "310115", "310117"),
    "33": ("33", "3301", "3302", "3303", "3307"),
    "32": ("32", "3201", "3202", "3204", "3205"),
}

# The most common trades and their share of all people (the rest share what is left,
# by a Zipf law over a seeded order): 普工 and 操作工, 保洁, 保安, construction,
# catering and delivery.
COMMON_TRADES = {
    "6-00-00-00": 0.12,  # 生产制造及有关人员: 普工, 操作工
    "4-09-08-01": 0.07,  # 保洁员
    "4-07-05-01": 0.05,  # 保安员
    "6-29-01-01": 0.04,  # 砌筑工
    "6-29-04-01": 0.03,  # 装饰装修工
    "6-29-01-03": 0.02,  # 混凝土工
    "6-29-01-04": 0.02,  # 钢筋工
    "4-03-02-00": 0.04,  # 餐饮服务人员
    "4-03-02-05": 0.03,  # 餐厅服务员
    "4-03-02-01": 0.03,  # 中式烹调师
    "4-02-07-08": 0.03,  # 快递员
    "4-10-08-01": 0.03,  # 网约配送员
    "4-02-05-01": 0.02,  # 装卸搬运工
    "6-25-04-07": 0.02,  # 电子设备装接工
}
ZIPF_EXPONENT = 1.1

# Certificates anyone may hold or a vacancy may ask for, whatever the trade.
GENERAL_CERTIFICATES = ("健康证", "机动车驾驶证（C1）")

SKILL_COUNTS = ((1, 0.30), (2, 0.30), (3, 0.20), (4, 0.12), (5, 0.08))
OWN_SKILL_SHARE = 0.85  # of a person's skills, drawn from their occupations' skills
SECOND_OCCUPATION, THIRD_OCCUPATION = 0.35, 0.10
RELATED_OCCUPATION = 0.6  # of extra occupations, drawn from the same middle group
QUALIFIED_SHARE = 0.30  # of people whose trade has a certificate, holding one
GENERAL_CERTIFICATE_SHARE = 0.08
WILLING_SHARE = 0.30
INELIGIBLE_SHARE = 0.03  # placed or no longer seeking work
ZERO_EMPLOYMENT, RED, YELLOW = 0.05, 0.03, 0.08
MAX_UNEMPLOYED_DAYS = 700
AVAILABLE_SPREAD = 60  # days either side of today

# Vacancies: where they are, how often the employer houses the workers there.
VACANCY_PLACES = (("district", 0.40), ("kunming", 0.20), ("stations", 0.40))
HOUSING_SHARE = {"district": 0.15, "kunming": 0.35, "stations": 0.75}
REQUIRED_SHARE, PREFERRED_SHARE = 0.10, 0.10
CLOSED_SHARE = 0.05


def _cumulative(weights: Sequence[float]) -> list[float]:
    return list(itertools.accumulate(weights))


@dataclass(frozen=True, slots=True)
class _Table:
    """Values and cumulative weights, for ``random.choices`` and one-off draws."""

    values: tuple[object, ...]
    cum: list[float]

    @classmethod
    def of(cls, pairs: Sequence[tuple[object, float]]) -> "_Table":
        return cls(tuple(v for v, _ in pairs), _cumulative([w for _, w in pairs]))

    def draw(self, rng: random.Random, k: int) -> list[object]:
        return rng.choices(self.values, cum_weights=self.cum, k=k)

    def one(self, u: float) -> object:
        """Return the value at quantile ``u`` of the weights (``u`` in [0, 1))."""
        return self.values[bisect.bisect(self.cum, u * self.cum[-1])]


class Market:
    """Draws people and vacancies over the occupations of ``vocabulary``.

    Only occupations that some skill belongs to take part, so every profile carries
    skills of its trade. ``today`` anchors availability and start dates.
    """

    def __init__(self, vocabulary: Vocabulary, *, today: date, seed: int = 0) -> None:
        self.vocabulary, self.today, self.seed = vocabulary, today, seed
        skills_of: dict[str, list[str]] = defaultdict(list)
        for skill in vocabulary.skills:
            for code in skill.occupation_codes:
                if vocabulary.occupation(code) is not None:
                    skills_of[code].append(skill.name)
        self.codes = sorted(skills_of)
        self.skills_of = {code: tuple(names) for code, names in skills_of.items()}
        self.all_skills = tuple(s.name for s in vocabulary.skills)
        certificates_of: dict[str, list[str]] = defaultdict(list)
        for certificate in vocabulary.certificates:
            for code in certificate.occupation_codes:
                certificates_of[code].append(certificate.name)
        self.certificates_of = {
            code: tuple(certificates_of.get(code, ())) for code in self.codes
        }
        self.popularity = self._popularity(random.Random(seed))
        # Occupations of the same middle group (6-29 for 砌筑工), for second trades.
        middle: dict[str, list[str]] = defaultdict(list)
        for code in self.codes:
            middle[code[:4]].append(code)
        self.related = {
            code: tuple(c for c in middle[code[:4]] if c != code) for code in self.codes
        }
        # Skills of every combination of occupations a person may hold, on demand.
        self._skill_pools: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._days = {
            d: today + timedelta(days=d)
            for d in range(-AVAILABLE_SPREAD, AVAILABLE_SPREAD + 1)
        }
        self._priorities: dict[tuple[bool, AlertLevel, int], Priority] = {}

    def _popularity(self, rng: random.Random) -> _Table:
        """Return the occupations with Zipf-like weights, the common trades first."""
        head = [c for c in COMMON_TRADES if c in self.skills_of]
        tail = [c for c in self.codes if c not in COMMON_TRADES]
        rng.shuffle(tail)
        left = 1.0 - sum(COMMON_TRADES[c] for c in head)
        # The tail continues the ranks of the head, so no rare trade outdoes them.
        ranks = range(len(head) + 1, len(head) + len(tail) + 1)
        zipf = [1.0 / rank**ZIPF_EXPONENT for rank in ranks]
        scale = left / sum(zipf)
        pairs = [(c, COMMON_TRADES[c]) for c in head]
        pairs += [(c, w * scale) for c, w in zip(tail, zipf, strict=True)]
        return _Table.of(pairs)

    # People.

    def people(self, n: int, *, first_id: int = 1) -> list[PersonProfile]:
        """Return ``n`` job seekers with ids from ``first_id``."""
        rng = random.Random(f"{self.seed}:people")
        u = rng.random
        randint = rng.randint
        primaries = self.popularity.draw(rng, n)
        towns = _Table.of(TOWNS).draw(rng, n)
        desired_table = _Table.of(_DESIRED)
        skill_counts = _Table.of(SKILL_COUNTS).draw(rng, n)
        days = self._days
        people = []
        for row in range(n):
            code = str(primaries[row])
            codes = self._occupations(code, u)
            pool = self._skill_pool(codes)
            skills = []
            for _ in range(int(skill_counts[row])):
                if u() < OWN_SKILL_SHARE:
                    skills.append(pool[int(u() * len(pool))])
                else:
                    skills.append(self.all_skills[int(u() * len(self.all_skills))])
            town = str(towns[row])
            home = town if u() < 0.9 else DISTRICT
            desired = desired_table.one(u())
            if desired == "home":
                desired = (town,)
            elif desired == "station":
                desired = (_STATION_CODES[int(u() * len(_STATION_CODES))],)
            wage = None if u() < 0.1 else 2500 + 100 * randint(0, 35)
            experience = None if u() < 0.05 else int(u() ** 2 * 21)
            available = None if u() < 0.05 else days[randint(-60, 60)]
            people.append(
                PersonProfile(
                    id=first_id + row,
                    occupation_codes=codes,
                    skills=tuple(dict.fromkeys(skills)),
                    certificates=self._held(code, u),
                    desired_regions=desired,  # type: ignore[arg-type]
                    home_region=home,
                    is_willing_to_relocate=u() < WILLING_SHARE,
                    min_monthly_wage=wage,
                    available_on=available,
                    experience_years=experience,
                    is_eligible=u() >= INELIGIBLE_SHARE,
                    priority=self._priority(u),
                    town=town,
                )
            )
        return people

    def _occupations(self, code: str, u: Uniform) -> tuple[str, ...]:
        codes = [code]
        extra = u()
        count = 2 if extra < THIRD_OCCUPATION else 1 if extra < SECOND_OCCUPATION else 0
        for _ in range(count):
            related = self.related[code]
            if related and u() < RELATED_OCCUPATION:
                codes.append(related[int(u() * len(related))])
            else:
                codes.append(str(self.popularity.one(u())))
        return tuple(dict.fromkeys(codes))

    def _skill_pool(self, codes: tuple[str, ...]) -> tuple[str, ...]:
        pool = self._skill_pools.get(codes)
        if pool is None:
            names = (name for code in codes for name in self.skills_of[code])
            pool = self._skill_pools[codes] = tuple(dict.fromkeys(names))
        return pool

    def _held(self, code: str, u: Uniform) -> tuple[str, ...]:
        qualifying = self.certificates_of[code]
        held = []
        if qualifying and u() < QUALIFIED_SHARE:
            held.append(qualifying[int(u() * len(qualifying))])
        if u() < GENERAL_CERTIFICATE_SHARE:
            general = GENERAL_CERTIFICATES
            held.append(general[int(u() * len(general))])
        return tuple(dict.fromkeys(held))

    def _priority(self, u: Uniform) -> Priority:
        zero = u() < ZERO_EMPLOYMENT
        alert = u()
        level = (
            AlertLevel.RED
            if alert < RED
            else AlertLevel.YELLOW
            if alert < RED + YELLOW
            else AlertLevel.GREEN
        )
        # Most people have been out of work for a short while, a few for long.
        waited = int(u() ** 2 * (MAX_UNEMPLOYED_DAYS + 1))
        key = (zero, level, waited)
        found = self._priorities.get(key)
        if found is None:
            found = self._priorities[key] = Priority(zero, level, waited)
        return found

    # Vacancies.

    def vacancies(self, n: int, *, first_id: int = 1) -> list[VacancyProfile]:
        """Return ``n`` vacancies with ids from ``first_id``."""
        rng = random.Random(f"{self.seed}:vacancies")
        u = rng.random
        randint = rng.randint
        codes = self.popularity.draw(rng, n)
        places = _Table.of(VACANCY_PLACES).draw(rng, n)
        towns = _Table.of(TOWNS)
        stations = tuple(STATIONS)
        vacancies = []
        for row in range(n):
            code = str(codes[row])
            own = self.skills_of[code]
            count = min(len(own), 1 + int(u() ** 1.5 * 4))
            skills = tuple(rng.sample(own, count)) if count < len(own) else own
            qualifying = self.certificates_of[code] or GENERAL_CERTIFICATES
            required: tuple[str, ...] = ()
            preferred: tuple[str, ...] = ()
            if u() < REQUIRED_SHARE:
                required = (qualifying[int(u() * len(qualifying))],)
            if u() < PREFERRED_SHARE:
                preferred = tuple(
                    dict.fromkeys(
                        qualifying[int(u() * len(qualifying))] for _ in range(2)
                    )
                )
            place = str(places[row])
            if place == "district":
                region = DISTRICT if u() < 0.4 else str(towns.one(u()))
            elif place == "kunming":
                region = KUNMING_AREAS[int(u() * len(KUNMING_AREAS))]
            else:
                areas = STATIONS[stations[int(u() * len(stations))]]
                region = areas[int(u() * len(areas))]
            housing = u() < HOUSING_SHARE[place]
            low = 2500 + 100 * randint(0, 35) + (800 if place == "stations" else 0)
            wage_kind = u()
            wage_min = None if wage_kind < 0.1 else low
            wage_max = None if wage_kind < 0.2 else low + 500 * randint(1, 6)
            closed = u()
            is_open = closed >= CLOSED_SHARE / 2
            openings = 0 if closed < CLOSED_SHARE and is_open else _openings(u)
            name = self.vocabulary.occupation(code)
            vacancies.append(
                VacancyProfile(
                    id=first_id + row,
                    occupation_code=code,
                    skills=skills,
                    required_certificates=required,
                    preferred_certificates=preferred,
                    region_code=region,
                    has_housing=housing,
                    wage_min=wage_min,
                    wage_max=wage_max,
                    starts_on=None if u() < 0.2 else self._days[randint(0, 45)],
                    min_experience_years=None if u() < 0.6 else randint(1, 5),
                    openings_left=openings,
                    is_open=is_open,
                    text=(name.name if name else code) + (" 包吃住" if housing else ""),
                )
            )
        return vacancies


def _openings(u: Uniform) -> int:
    """Return 1 to 30 openings, most vacancies asking for a few."""
    return 1 + int(u() ** 3 * 30)


# Where people wish to work: ``home`` is their own town, ``station`` one province of
# the stations; the rest are fixed code tuples.
_DESIRED: tuple[tuple[object, float], ...] = (
    ("home", 0.20),
    ((DISTRICT,), 0.25),
    ((DISTRICT, KUNMING), 0.20),
    ((KUNMING,), 0.08),
    ((), 0.07),
    ("station", 0.10),
    ((DISTRICT, "44"), 0.04),
    ((KUNMING, "33", "32"), 0.03),
    (("44", "31", "33", "32"), 0.03),
)
_STATION_CODES = tuple(STATIONS)


def profile_text(
    occupation_codes: Sequence[str], skills: Sequence[str], vocabulary: Vocabulary
) -> str:
    """Return the occupation names and skills of a profile as one spaced text.

    The baselines compare these texts; the matcher never reads them.
    """
    names = []
    for code in occupation_codes:
        occupation = vocabulary.occupation(code)
        names.append(occupation.name if occupation else code)
    return " ".join((*names, *skills))
