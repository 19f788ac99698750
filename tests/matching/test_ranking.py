"""Ranking people for vacancies and vacancies for people: who comes first, and why.

The last tests run a random population through both scoring paths, the blocks of
``top_all`` and the pairs of ``explain``, and check that they agree.
"""

import random
from datetime import date, timedelta

import numpy as np
import pytest

from matching.fit import occupation_fit
from matching.matcher import Matcher
from matching.profiles import AlertLevel, PersonProfile, Priority, VacancyProfile
from matching.vocabulary import Certificate, Skill, Vocabulary
from matching.weights import COMPONENTS, PriorityPolicy, Weights

TODAY = date(2026, 1, 5)
WELDER = "6-18-02-04"
CUTTER = "6-18-02-05"
BRICKLAYER = "6-29-01-01"
STEEL_FIXER = "6-29-01-04"
BUILDER = "6-29-00-00"
CLEANER = "4-09-08-01"
GUARD = "4-07-05-01"
HOME = "530113"  # 东川区
SHANGHAI = "310112"  # 闵行区
WELDING_CERT = "特种作业操作证（焊接与热切割作业）"
HEIGHTS_CERT = "特种作业操作证（高处作业）"
GUARD_CERT = "保安员证"

VOCABULARY = Vocabulary(
    occupations=[],
    skills=[
        Skill("二保焊", ("CO2焊",), (WELDER,)),
        Skill("氩弧焊", ("TIG焊",), (WELDER,)),
        Skill("气割", ("火焰切割",), (CUTTER,)),
        Skill("砌砖", ("砌墙",), (BRICKLAYER,)),
        Skill("抹灰", ("批荡",), ("6-29-04-01", BRICKLAYER)),
        Skill("钢筋绑扎", ("绑钢筋",), (STEEL_FIXER,)),
        Skill("保洁", ("打扫卫生",), (CLEANER,)),
        Skill("保安", ("门卫",), (GUARD,)),
    ],
    certificates=[
        Certificate(WELDING_CERT, ("焊工证",), (WELDER, CUTTER)),
        Certificate(HEIGHTS_CERT, ("登高证",), ("6-29-01-05", CLEANER)),
        Certificate(GUARD_CERT, (), (GUARD,)),
    ],
)


def person(id: int, **fields) -> PersonProfile:
    fields.setdefault("occupation_codes", (WELDER,))
    fields.setdefault("home_region", HOME)
    return PersonProfile(id, **fields)


def job(id: int = 100, **fields) -> VacancyProfile:
    fields.setdefault("occupation_code", WELDER)
    fields.setdefault("region_code", HOME)
    return VacancyProfile(id, **fields)


def matcher(people, vacancies, **options) -> Matcher:
    return Matcher(people, vacancies, VOCABULARY, today=TODAY, **options)


def ids(ranking) -> list[int]:
    return [m.person_id for m in ranking.matches]


# Who fits the work.


def test_certified_welder_ranks_above_a_cleaner_for_a_welding_job():
    welder = person(1, skills=("二保焊",), certificates=(WELDING_CERT,))
    cleaner = person(2, occupation_codes=(CLEANER,), skills=("二保焊",))
    vacancy = job(skills=("二保焊",))

    ranking = matcher([cleaner, welder], [vacancy]).candidates(100)

    assert ids(ranking) == [1, 2]
    assert ranking.matches[0].score > ranking.matches[1].score
    certificates = [
        {c.name: c.value for c in x.explanation.components}["certificates"]
        for x in ranking.matches
    ]
    assert certificates == [1.0, 0.5]
    assert ranking.total == 2
    assert ranking.reason is None


def test_person_without_occupation_or_skill_in_common_is_no_candidate():
    welder = person(1)
    cleaner = person(2, occupation_codes=(CLEANER,), skills=("保洁",))

    ranking = matcher([welder, cleaner], [job()]).candidates(100)

    assert ids(ranking) == [1]
    assert ranking.total == 1


def test_synonym_canonicalised_skill_brings_a_person_without_occupation():
    skills = tuple(VOCABULARY.canonical_skills(["CO2焊"]))
    helper = person(1, occupation_codes=(), skills=skills)

    ranking = matcher([helper], [job(skills=("二保焊",))]).candidates(100)

    assert ids(ranking) == [1]
    assert ranking.matches[0].explanation.matched_skills == ["二保焊"]


def test_nobody_fitting_gives_an_empty_list_with_a_reason():
    ranking = matcher([person(1, occupation_codes=(CLEANER,))], [job()]).candidates(100)

    assert ranking.matches == []
    assert ranking.total == 0
    assert ranking.reason == "没有职业或技能相符的求职者"


# Vacancies that cannot be matched.


@pytest.mark.parametrize(
    ("vacancy", "reason"),
    [
        (job(openings_left=0), "岗位已招满"),
        (job(is_open=False), "岗位已关闭或已招满"),
        (job(is_open=False, openings_left=0), "岗位已关闭或已招满"),
    ],
)
def test_full_or_closed_vacancy_gets_no_candidates_and_a_reason(vacancy, reason):
    m = matcher([person(1), person(2)], [vacancy])

    ranking = m.candidates(100)

    assert ranking.matches == []
    assert ranking.total == 0
    assert ranking.reason == reason
    assert 100 not in m.top_all(k=5).vacancies.tolist()


def test_vacancy_without_occupation_or_skills_gets_an_empty_result_with_a_reason():
    m = matcher([person(1)], [job(occupation_code=None)])

    ranking = m.candidates(100)

    assert ranking.matches == []
    assert ranking.total == 0
    assert "无法匹配" in ranking.reason
    assert m.top_all(k=5).vacancies.tolist() == []


def test_unknown_vacancy_raises_key_error():
    with pytest.raises(KeyError):
        matcher([person(1)], [job()]).candidates(999)


# Certificates.


def test_missing_a_required_certificate_excludes_the_person():
    holder = person(1, certificates=(WELDING_CERT,))
    better_without = person(
        2, skills=("二保焊", "氩弧焊"), experience_years=10, min_monthly_wage=3000
    )
    vacancy = job(required_certificates=(WELDING_CERT,), skills=("二保焊", "氩弧焊"))
    m = matcher([holder, better_without], [vacancy])

    ranking = m.candidates(100)

    assert ids(ranking) == [1]
    assert ranking.total == 1
    assert m.top_all(k=5).people.tolist() == [[1, -1, -1, -1, -1]]
    # Excluded, not merely lowered: their score alone would have put them first.
    assert m.explain(2, 100).score > m.explain(1, 100).score


def test_every_required_certificate_must_be_held():
    one = person(1, certificates=(WELDING_CERT,))
    both = person(2, certificates=(WELDING_CERT, HEIGHTS_CERT))
    vacancy = job(required_certificates=(WELDING_CERT, HEIGHTS_CERT))

    assert ids(matcher([one, both], [vacancy]).candidates(100)) == [2]


def test_preferred_certificate_only_raises_the_score():
    holder = person(2, certificates=(WELDING_CERT,))
    other = person(1)
    vacancy = job(preferred_certificates=(WELDING_CERT,))
    m = matcher([holder, other], [vacancy])

    ranking = m.candidates(100)

    assert ids(ranking) == [2, 1]
    assert ranking.matches[0].score > ranking.matches[1].score
    assert ranking.matches[1].explanation.missing_certificates == [WELDING_CERT]


# Eligibility.


def test_ineligible_people_never_appear():
    placed = person(1, skills=("二保焊",), is_eligible=False)
    seeking = person(2, occupation_codes=(CUTTER,))
    m = matcher(
        [placed, seeking],
        [job(skills=("二保焊",)), job(101, occupation_code=None, skills=("二保焊",))],
    )

    assert ids(m.candidates(100)) == [2]
    assert ids(m.candidates(101)) == []
    assert m.candidates(101).reason == "没有职业或技能相符的求职者"
    assert 1 not in m.top_all(k=5).people


# Determinism.


def test_identical_profiles_are_ranked_by_lower_id_first():
    twins = [person(i, skills=("二保焊",)) for i in (7, 3, 12, 5)]

    ranking = matcher(twins, [job(skills=("二保焊",))]).candidates(100)

    assert ids(ranking) == [3, 5, 7, 12]
    assert len({m.score for m in ranking.matches}) == 1


def test_paging_continues_the_same_order():
    people = [person(i, experience_years=i % 4) for i in range(1, 21)]
    m = matcher(people, [job(min_experience_years=3)])
    whole = ids(m.candidates(100, limit=20))

    pages = [ids(m.candidates(100, limit=6, offset=o)) for o in (0, 6, 12, 18)]

    assert [i for page in pages for i in page] == whole
    assert len(whole) == 20


def test_min_score_drops_lower_candidates_and_counts_the_rest():
    local = person(1)
    far = person(2, home_region=SHANGHAI)
    m = matcher([local, far], [job()])
    cut = (m.explain(1, 100).score + m.explain(2, 100).score) / 2

    ranking = m.candidates(100, min_score=cut)

    assert ids(ranking) == [1]
    assert ranking.total == 1
    too_high = m.candidates(100, min_score=1.01)
    assert too_high.matches == []
    assert too_high.reason == "没有达到最低分数的求职者"


def test_town_and_site_filters_keep_only_those_people():
    people = [
        person(1, town="汤丹镇", site="A"),
        person(2, town="因民镇", site="A"),
        person(3, town="汤丹镇", site="B"),
    ]
    m = matcher(people, [job()])

    assert ids(m.candidates(100, town="汤丹镇")) == [1, 3]
    assert ids(m.candidates(100, town="汤丹镇", site="B")) == [3]
    assert ids(m.candidates(100, site="C")) == []


# The priority layer.


def _priority_people() -> list[PersonProfile]:
    return [
        # Best score: local, experienced.
        person(1, experience_years=3),
        # Slightly lower (no experience stated), from a 零就业 household.
        person(2, priority=Priority(is_zero_employment=True)),
        # Much lower (far from home), from a 零就业 household too.
        person(
            3,
            home_region=SHANGHAI,
            experience_years=3,
            priority=Priority(is_zero_employment=True),
        ),
    ]


def test_zero_employment_member_moves_ahead_of_a_slightly_better_candidate():
    m = matcher(_priority_people(), [job()])
    scores = {p: m.explain(p, 100).score for p in (1, 2, 3)}

    ranking = m.candidates(100)

    assert 0 < scores[1] - scores[2] < m.policy.max_boost
    assert ids(ranking) == [2, 1, 3]
    assert [m.score for m in ranking.matches] == [scores[2], scores[1], scores[3]]


@pytest.mark.parametrize("max_boost", [0.05, 0.1, 0.19])
def test_much_better_candidate_stays_ahead_of_any_priority(max_boost):
    policy = PriorityPolicy(max_boost=max_boost)
    m = matcher(_priority_people(), [job()], policy=policy)
    scores = {p: m.explain(p, 100).score for p in (1, 3)}

    ranking = m.candidates(100)

    assert scores[1] - scores[3] > max_boost
    assert ids(ranking).index(1) < ids(ranking).index(3)
    assert ranking.matches[-1].explanation.priority_boost == max_boost


def test_without_priority_the_order_is_by_score_alone():
    people = _priority_people()

    plain = matcher(people, [job()]).candidates(100, use_priority=False)
    disabled = matcher(people, [job()], policy=PriorityPolicy(is_enabled=False))

    assert ids(plain) == [1, 2, 3]
    assert ids(disabled.candidates(100)) == [1, 2, 3]
    assert disabled.top_all(k=3).people.tolist() == [[1, 2, 3]]
    assert matcher(people, [job()]).top_all(
        k=3, use_priority=False
    ).people.tolist() == [[1, 2, 3]]


def test_priority_reasons_are_shown_only_when_the_boost_applies():
    people = [
        *_priority_people(),
        person(4, priority=Priority(alert_level=AlertLevel.RED, unemployed_days=200)),
    ]
    m = matcher(people, [job()])

    boosted = {x.person_id: x.explanation for x in m.candidates(100).matches}
    plain = {
        x.person_id: x.explanation
        for x in m.candidates(100, use_priority=False).matches
    }
    off = matcher(people, [job()], policy=PriorityPolicy(is_enabled=False))

    assert boosted[2].priority_reasons == ["零就业家庭"]
    assert boosted[2].priority_boost == 0.05
    assert "优先：零就业家庭" in boosted[2].summary
    assert boosted[4].priority_reasons == ["红色预警家庭", "已失业 200 天"]
    assert boosted[1].priority_reasons == []
    assert boosted[1].priority_boost == 0.0
    assert all(e.priority_reasons == [] for e in plain.values())
    assert all(e.priority_boost == 0.0 for e in plain.values())
    assert m.explain(2, 100, use_priority=False).explanation.priority_reasons == []
    assert off.explain(2, 100).explanation.priority_reasons == []
    assert "优先" not in plain[2].summary


# Recommendations: vacancies for a person.


def test_recommendations_rank_open_vacancies_for_a_person():
    welder = person(1, skills=("二保焊",), min_monthly_wage=4000)
    vacancies = [
        job(100, skills=("二保焊",), wage_min=4500, wage_max=6000),
        job(101, wage_min=3000, wage_max=3500),
        job(102, is_open=False, skills=("二保焊",), wage_min=6000),
        job(103, openings_left=0, skills=("二保焊",), wage_min=6000),
        job(104, occupation_code=CLEANER),
        job(105, occupation_code=CUTTER, region_code=SHANGHAI),
    ]
    m = matcher([welder], vacancies)

    ranking = m.recommendations(1)

    assert [x.vacancy_id for x in ranking.matches] == [100, 101, 105]
    assert ranking.total == 3
    scores = [x.score for x in ranking.matches]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == m.explain(1, 100).score


def test_recommendations_exclude_vacancies_whose_required_certificate_is_lacking():
    m = matcher(
        [person(1)],
        [job(100, required_certificates=(WELDING_CERT,)), job(101)],
    )

    assert [x.vacancy_id for x in m.recommendations(1).matches] == [101]


def test_recommendations_break_ties_by_lower_vacancy_id():
    m = matcher([person(1)], [job(i) for i in (30, 10, 20)])

    assert [x.vacancy_id for x in m.recommendations(1).matches] == [10, 20, 30]


def test_recommendations_for_an_ineligible_person_give_a_reason():
    m = matcher([person(1, is_eligible=False)], [job()])

    ranking = m.recommendations(1)

    assert ranking.matches == []
    assert ranking.total == 0
    assert ranking.reason == "此人已就业或未在求职"


def test_recommendations_without_fitting_vacancies_give_a_reason():
    m = matcher([person(1)], [job(occupation_code=CLEANER), job(101, is_open=False)])

    ranking = m.recommendations(1)

    assert ranking.matches == []
    assert ranking.reason == "没有职业或技能相符的空缺岗位"


# A random population through both scoring paths.

CODES = (
    WELDER,
    CUTTER,
    BRICKLAYER,
    STEEL_FIXER,
    BUILDER,
    CLEANER,
    GUARD,
    "6-18-02-00",
    "6-18-01-00",
)
REGIONS = (HOME, "530113001", "530113102", "530102", "530181", "5303", SHANGHAI, "4403")
SKILLS = (*(s.name for s in VOCABULARY.skills), "开叉车")
CERTIFICATES = (WELDING_CERT, HEIGHTS_CERT, GUARD_CERT)


def _some(rng: random.Random, items, most: int) -> tuple:
    return tuple(rng.sample(items, rng.randint(0, most)))


def _maybe(rng: random.Random, value, chance: float = 0.8):
    return value if rng.random() < chance else None


def random_population(
    seed: int, people: int = 200, vacancies: int = 50
) -> tuple[list[PersonProfile], list[VacancyProfile]]:
    rng = random.Random(seed)
    persons = []
    for i in range(1, people + 1):
        persons.append(
            PersonProfile(
                id=i,
                occupation_codes=_some(rng, CODES, 2),
                skills=_some(rng, SKILLS, 3),
                certificates=_some(rng, CERTIFICATES, 2),
                desired_regions=_some(rng, REGIONS, 2),
                home_region=rng.choice((HOME, HOME, "530113102", "530102")),
                is_willing_to_relocate=rng.random() < 0.5,
                min_monthly_wage=_maybe(rng, rng.randrange(2500, 7000, 100)),
                available_on=_maybe(rng, TODAY + timedelta(days=rng.randint(-30, 120))),
                experience_years=_maybe(rng, rng.randint(0, 12)),
                is_eligible=rng.random() < 0.9,
                priority=Priority(
                    is_zero_employment=rng.random() < 0.15,
                    alert_level=rng.choice(list(AlertLevel)),
                    unemployed_days=rng.choice((0, 0, 30, 120, 400)),
                ),
            )
        )
    jobs = []
    for i in range(1, vacancies + 1):
        low = _maybe(rng, rng.randrange(2500, 6000, 100))
        jobs.append(
            VacancyProfile(
                id=1000 + i,
                occupation_code=rng.choice((*CODES, None)),
                skills=_some(rng, SKILLS, 3),
                required_certificates=_some(rng, CERTIFICATES, 1)
                if rng.random() < 0.2
                else (),
                preferred_certificates=_some(rng, CERTIFICATES, 2),
                region_code=rng.choice(REGIONS),
                has_housing=rng.random() < 0.4,
                wage_min=low,
                wage_max=_maybe(rng, (low or 3000) + rng.randrange(0, 3000, 100)),
                starts_on=_maybe(rng, TODAY + timedelta(days=rng.randint(-10, 60))),
                min_experience_years=_maybe(rng, rng.randint(0, 5), 0.5),
                openings_left=rng.choice((0, 1, 2, 5, 5, 5)),
                is_open=rng.random() < 0.9,
            )
        )
    return persons, jobs


K = 8
SEEDS = (1, 2, 3)


@pytest.fixture(scope="module", params=SEEDS)
def population(request):
    people, vacancies = random_population(request.param)
    return people, vacancies, matcher(people, vacancies)


def test_top_all_scores_equal_explained_scores_and_weighted_components(population):
    _, _, m = population
    top = m.top_all(k=K)
    checked = 0

    for vacancy_id, people, scores in zip(
        top.vacancies, top.people, top.scores, strict=True
    ):
        for person_id, score in zip(people, scores, strict=True):
            if person_id < 0:
                continue
            match = m.explain(int(person_id), int(vacancy_id))
            components = match.explanation.components
            weighted = sum(c.value * m.weights.share(c.name) for c in components)
            assert match.score == pytest.approx(float(score), abs=1e-4)
            assert weighted == pytest.approx(float(score), abs=1e-4)
            assert sum(c.contribution for c in components) == pytest.approx(
                float(score), abs=1e-3
            )
            assert 0 <= score <= 1
            checked += 1

    assert checked > 100


def test_top_all_lists_equal_candidates_of_each_vacancy(population):
    _, vacancies, m = population
    top = m.top_all(k=K)
    listed = dict(zip(top.vacancies.tolist(), range(len(top.vacancies)), strict=True))

    for vacancy in vacancies:
        ranking = m.candidates(vacancy.id, limit=K)
        if vacancy.id not in listed:
            assert ranking.matches == []
            assert ranking.reason is not None
            continue
        row = listed[vacancy.id]
        expected = [p for p in top.people[row].tolist() if p >= 0]
        assert ids(ranking) == expected
        assert [x.score for x in ranking.matches] == pytest.approx(
            top.scores[row][: len(expected)].tolist(), abs=1e-4
        )
    assert len(listed) > 10


def _fits(person: PersonProfile, vacancy: VacancyProfile) -> bool:
    """Return whether the person fits the work at all, by the rules of codes and
    skills in ``matching.fit`` and ``Vocabulary``, independent of the engine."""
    code = vacancy.occupation_code
    by_code = code is not None and any(
        occupation_fit(c, code) > 0 for c in person.occupation_codes
    )
    by_skill = any(
        VOCABULARY.skill_similarity(wanted, offered) > 0
        for wanted in vacancy.skills
        for offered in person.skills
    )
    return by_code or by_skill


def test_candidates_are_exactly_the_eligible_certified_people_with_any_fit(
    population,
):
    people, vacancies, m = population
    open_jobs = [v for v in vacancies if v.is_open and v.openings_left > 0]

    for vacancy in open_jobs:
        expected = [
            p.id
            for p in people
            if p.is_eligible
            and _fits(p, vacancy)
            and set(vacancy.required_certificates) <= set(p.certificates)
        ]
        ranking = m.candidates(vacancy.id, limit=len(people), use_priority=False)
        assert sorted(ids(ranking)) == expected, vacancy
        assert ranking.total == len(expected)
        scores = [x.score for x in ranking.matches]
        assert scores == sorted(scores, reverse=True)
    assert len(open_jobs) > 20


def test_shuffled_input_gives_the_same_rankings():
    people, vacancies = random_population(4)
    first = matcher(people, vacancies)
    rng = random.Random(99)
    rng.shuffle(people)
    rng.shuffle(vacancies)
    second = matcher(people, vacancies)

    a, b = first.top_all(k=K), second.top_all(k=K)

    assert np.array_equal(a.vacancies, b.vacancies)
    assert np.array_equal(a.people, b.people)
    assert np.array_equal(a.scores, b.scores)
    for vacancy in vacancies[:10]:
        assert first.candidates(vacancy.id) == second.candidates(vacancy.id)
    for p in people[:10]:
        assert first.recommendations(p.id) == second.recommendations(p.id)


def test_same_input_always_gives_the_same_order():
    people, vacancies = random_population(5)
    runs = [matcher(people, vacancies).top_all(k=K, workers=w) for w in (1, 4, 1)]

    for other in runs[1:]:
        assert np.array_equal(runs[0].people, other.people)
        assert np.array_equal(runs[0].scores, other.scores)


def test_scores_stay_within_zero_and_one_under_any_weights():
    people, vacancies = random_population(6)
    weights = Weights.from_mapping(
        {name: float(i + 1) ** 2 for i, name in enumerate(COMPONENTS)}, version="odd"
    )

    top = matcher(people, vacancies, weights=weights).top_all(k=K)

    found = top.scores[top.people >= 0]
    assert found.size > 50
    assert found.min() > 0
    assert found.max() <= 1 + 1e-6


def test_a_higher_driving_licence_meets_a_lower_required_one():
    vocabulary = Vocabulary(
        [],
        certificates=[
            Certificate("机动车驾驶证（A2）", covers=("机动车驾驶证（B2）",)),
            Certificate("机动车驾驶证（B2）", covers=("机动车驾驶证（C1）",)),
            Certificate("机动车驾驶证（C1）"),
        ],
    )
    truck = "4-02-02-02"
    a2 = PersonProfile(
        1, occupation_codes=(truck,), certificates=("机动车驾驶证（A2）",)
    )
    c1 = PersonProfile(
        2, occupation_codes=(truck,), certificates=("机动车驾驶证（C1）",)
    )
    job = VacancyProfile(
        10, occupation_code=truck, required_certificates=("机动车驾驶证（B2）",)
    )
    matcher = Matcher([a2, c1], [job], vocabulary, today=date(2026, 3, 2))

    ranking = matcher.candidates(10)

    assert [m.person_id for m in ranking.matches] == [1]
    assert ranking.matches[0].explanation.matched_certificates == ["机动车驾驶证（B2）"]
