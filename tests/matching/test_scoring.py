"""The components of a score, the weights that combine them, and their explanation.

Each rule is checked through ``Matcher.explain``, the path officers read, and the
rules of codes and places also through the plain functions of ``matching.fit``.
"""

import math
from datetime import date, timedelta

import pytest

from matching.fit import location_fit, occupation_fit, priority_boost
from matching.matcher import Matcher
from matching.profiles import AlertLevel, PersonProfile, Priority, VacancyProfile
from matching.vocabulary import Certificate, Skill, Vocabulary
from matching.weights import COMPONENTS, PriorityPolicy, Weights

TODAY = date(2026, 1, 5)
WELDER = "6-18-02-04"
CUTTER = "6-18-02-05"
BRICKLAYER = "6-29-01-01"
CLEANER = "4-09-08-01"
GUARD = "4-07-05-01"
HOME = "530113"  # 东川区
TOWN = "530113001"  # 铜都街道, in 东川区
OTHER_DISTRICT = "530102"  # 五华区, in 昆明市
OTHER_CITY = "5303"  # 曲靖市, in 云南省
SHANGHAI = "310112"  # 闵行区
WELDING_CERT = "特种作业操作证（焊接与热切割作业）"
HEIGHTS_CERT = "特种作业操作证（高处作业）"

VOCABULARY = Vocabulary(
    occupations=[],
    skills=[
        Skill("二保焊", ("CO2焊", "二氧化碳气体保护焊"), (WELDER,)),
        Skill("氩弧焊", ("TIG焊",), (WELDER,)),
        Skill("气割", ("火焰切割",), (CUTTER,)),
        Skill("砌砖", ("砌墙",), (BRICKLAYER,)),
        Skill("保洁", ("打扫卫生",), (CLEANER,)),
        Skill("保安", ("门卫",), (GUARD,)),
    ],
    certificates=[
        Certificate(WELDING_CERT, ("焊工证", "电焊证"), (WELDER, CUTTER)),
        Certificate(HEIGHTS_CERT, ("登高证",), (CLEANER,)),
        Certificate("保安员证", (), (GUARD,)),
    ],
)


def person(id: int = 1, **fields) -> PersonProfile:
    fields.setdefault("occupation_codes", (WELDER,))
    fields.setdefault("home_region", HOME)
    return PersonProfile(id, **fields)


def job(id: int = 10, **fields) -> VacancyProfile:
    fields.setdefault("occupation_code", WELDER)
    fields.setdefault("region_code", HOME)
    return VacancyProfile(id, **fields)


def explained(p: PersonProfile, v: VacancyProfile, **options):
    return Matcher([p], [v], VOCABULARY, today=TODAY, **options).explain(p.id, v.id)


def values(p: PersonProfile, v: VacancyProfile, **options) -> dict[str, float]:
    match = explained(p, v, **options)
    return {c.name: c.value for c in match.explanation.components}


# Occupation.


@pytest.mark.parametrize(
    ("offered", "wanted", "fit"),
    [
        (WELDER, WELDER, 1.0),
        (BRICKLAYER, "6-29-00-00", 0.8),
        # Someone known only by a group fits a vacancy inside it less, the
        # broader the group.
        ("6-29-00-00", BRICKLAYER, 0.4),
        ("6-00-00-00", BRICKLAYER, 0.2),
        ("6-29-01-00", BRICKLAYER, 0.5),
        (WELDER, "6-18-02-00", 0.8),
        (CUTTER, WELDER, 0.5),
        (CLEANER, GUARD, 0.0),
        (WELDER, BRICKLAYER, 0.0),
        # Two minor groups of one middle group are different work.
        ("6-18-01-00", "6-18-02-00", 0.0),
        ("6-18-01-00", WELDER, 0.0),
        ("6-29-01-00", "6-29-04-00", 0.0),
    ],
)
def test_occupation_fit_follows_the_classification(offered, wanted, fit):
    assert occupation_fit(offered, wanted) == fit


def test_best_of_a_persons_occupations_counts():
    several = person(occupation_codes=(CLEANER, CUTTER, WELDER))

    assert values(several, job())["occupation"] == 1.0
    assert (
        values(person(occupation_codes=(CLEANER, CUTTER)), job())["occupation"] == 0.5
    )


def test_vacancy_without_skills_is_judged_on_occupation_for_both():
    got = values(person(occupation_codes=(CUTTER,)), job())

    assert got["occupation"] == got["skills"] == 0.5


def test_vacancy_without_occupation_is_judged_on_skills_for_both():
    welder = person(occupation_codes=(), skills=("二保焊",))
    got = values(welder, job(occupation_code=None, skills=("二保焊", "氩弧焊")))

    assert got["occupation"] == got["skills"] == 0.75


# Skills: matched, related and missing, in the score and in the explanation.


def test_skill_given_as_a_synonym_is_matched_once_canonicalised():
    skills = tuple(VOCABULARY.canonical_skills(["CO2焊", "TIG焊"]))
    welder = person(skills=skills)
    match = explained(welder, job(skills=("二保焊", "氩弧焊")))

    assert skills == ("二保焊", "氩弧焊")
    assert match.explanation.matched_skills == ["二保焊", "氩弧焊"]
    assert match.explanation.related_skills == []
    assert match.explanation.missing_skills == []
    assert {c.name: c.value for c in match.explanation.components}["skills"] == 1.0


def test_skill_of_the_same_minor_group_is_related_and_counts_half():
    welder = person(skills=("氩弧焊",))
    match = explained(welder, job(skills=("二保焊",)))

    assert VOCABULARY.skill_similarity("二保焊", "氩弧焊") == 0.5
    assert match.explanation.matched_skills == []
    assert match.explanation.related_skills == ["二保焊"]
    assert {c.name: c.value for c in match.explanation.components}["skills"] == 0.5


def test_look_alike_skill_of_another_group_is_missing():
    cleaner = person(occupation_codes=(CLEANER,), skills=("保洁",))
    match = explained(cleaner, job(occupation_code=GUARD, skills=("保安",)))

    assert VOCABULARY.skill_similarity("保安", "保洁") == 0.0
    assert match.explanation.matched_skills == []
    assert match.explanation.related_skills == []
    assert match.explanation.missing_skills == ["保安"]
    assert {c.name: c.value for c in match.explanation.components}["skills"] == 0.0


def test_skill_score_is_the_mean_over_the_skills_asked():
    welder = person(skills=("二保焊",))
    match = explained(welder, job(skills=("二保焊", "氩弧焊", "砌砖", "保安")))

    assert match.explanation.matched_skills == ["二保焊"]
    assert match.explanation.related_skills == ["氩弧焊"]
    assert match.explanation.missing_skills == ["砌砖", "保安"]
    assert {c.name: c.value for c in match.explanation.components}[
        "skills"
    ] == pytest.approx((1 + 0.5) / 4, abs=1e-4)


def test_word_outside_the_vocabulary_matches_only_itself():
    forklift = person(occupation_codes=(), skills=("开叉车",))

    assert values(forklift, job(skills=("开叉车",)))["skills"] == 1.0
    assert values(forklift, job(skills=("开铲车",)))["skills"] == 0.0


# Certificates.


def test_each_preferred_certificate_held_raises_the_score():
    vacancy = job(preferred_certificates=(WELDING_CERT, HEIGHTS_CERT))
    none = explained(person(1), vacancy)
    one = explained(person(2, certificates=(WELDING_CERT,)), vacancy)
    both = explained(person(3, certificates=(WELDING_CERT, HEIGHTS_CERT)), vacancy)

    certificates = [
        {c.name: c.value for c in m.explanation.components}["certificates"]
        for m in (none, one, both)
    ]
    assert certificates == [0.0, 0.5, 1.0]
    assert none.score < one.score < both.score
    assert one.explanation.matched_certificates == [WELDING_CERT]
    assert one.explanation.missing_certificates == [HEIGHTS_CERT]
    assert both.explanation.missing_certificates == []


def test_qualifying_certificate_lifts_the_component_when_none_is_named():
    assert values(person(), job())["certificates"] == 0.5
    assert values(person(certificates=(WELDING_CERT,)), job())["certificates"] == 1.0
    two = person(certificates=(WELDING_CERT, HEIGHTS_CERT, "保安员证"))
    assert values(two, job())["certificates"] == 1.0


def test_certificate_component_is_full_for_everyone_left_by_required_ones():
    vacancy = job(required_certificates=(WELDING_CERT,))

    assert values(person(certificates=(WELDING_CERT,)), vacancy)["certificates"] == 1.0


# Location.


def _location(
    region: str,
    *,
    has_housing: bool = False,
    desired: tuple[str, ...] = (),
    home: str = HOME,
    is_willing_to_relocate: bool = False,
) -> tuple[float, str]:
    return location_fit(
        region,
        has_housing=has_housing,
        desired=desired,
        home=home,
        is_willing_to_relocate=is_willing_to_relocate,
    )


def test_work_in_a_desired_region_beats_work_elsewhere():
    desired = (OTHER_DISTRICT,)

    assert _location(OTHER_DISTRICT, desired=desired) == (1.0, "在期望地区")
    assert _location(HOME, desired=desired)[0] == 0.8
    assert _location(OTHER_CITY, desired=desired)[0] == 0.3
    assert _location(SHANGHAI, desired=desired, is_willing_to_relocate=True)[0] == 0.4


def test_work_in_a_town_of_a_desired_district_is_in_the_desired_region():
    assert _location(TOWN, desired=(HOME,))[0] == 1.0


def test_person_naming_no_region_wishes_for_the_home_district():
    assert _location(TOWN)[0] == 1.0
    assert _location("530181")[0] == 0.3  # 安宁市, in 昆明市: too far to commute
    assert _location("530181", is_willing_to_relocate=True)[0] == 0.6
    assert _location(OTHER_CITY)[0] == 0.3


def test_person_not_willing_to_relocate_gets_nothing_for_another_province():
    assert _location(SHANGHAI) == (0.0, "在省外，未表示愿意外出")
    assert _location(SHANGHAI, has_housing=True)[0] == 0.0


def test_housing_raises_far_work_for_a_person_willing_to_relocate():
    without = _location(SHANGHAI, is_willing_to_relocate=True)
    housed = _location(SHANGHAI, is_willing_to_relocate=True, has_housing=True)

    assert without == (0.4, "在省外，愿意外出")
    assert housed[0] == pytest.approx(0.6)
    assert housed[1] == "在省外，愿意外出，提供住宿"
    assert _location(OTHER_CITY, is_willing_to_relocate=True, has_housing=True)[
        0
    ] == pytest.approx(0.7)


def test_location_component_and_explanation_agree_with_the_rule():
    mover = person(is_willing_to_relocate=True)
    match = explained(mover, job(region_code=SHANGHAI, has_housing=True))

    assert {c.name: c.value for c in match.explanation.components}[
        "location"
    ] == pytest.approx(0.6)
    assert match.explanation.location == "在省外，愿意外出，提供住宿"
    assert (
        values(person(), job(region_code=SHANGHAI, has_housing=True))["location"] == 0.0
    )


# Wage.


@pytest.mark.parametrize(
    ("low", "high", "fit"),
    [
        (4000, 6000, 1.0),
        (4500, None, 1.0),
        (None, 4000, 1.0),
        (3000, 5000, 0.75),  # straddles: half the range meets the minimum
        (3000, 3500, 0.25),  # tops out 500 short of 4000
        (2500, 3000, 0.0),  # tops out a quarter short
        (None, None, 0.5),  # not stated
    ],
)
def test_wage_fit_against_a_minimum_of_4000(low, high, fit):
    seeker = person(min_monthly_wage=4000)

    assert values(seeker, job(wage_min=low, wage_max=high))["wage"] == fit


def test_wage_fit_falls_as_the_range_drops_below_the_minimum():
    seeker = person(min_monthly_wage=4000)
    tops = [6000, 4500, 4000, 3800, 3500, 3200, 3000]
    fits = [values(seeker, job(wage_min=2000, wage_max=t))["wage"] for t in tops]

    assert fits == sorted(fits, reverse=True)
    assert len(set(fits)) == len(fits)


@pytest.mark.parametrize(("low", "high"), [(1000, 1500), (None, None), (8000, 9000)])
def test_person_naming_no_minimum_wage_fits_any_wage(low, high):
    assert values(person(), job(wage_min=low, wage_max=high))["wage"] == 1.0


# Availability and experience.


def test_availability_falls_to_zero_sixty_days_late():
    start = TODAY + timedelta(days=10)
    fits = [
        values(person(available_on=start + timedelta(days=late)), job(starts_on=start))[
            "availability"
        ]
        for late in (-30, 0, 30, 60, 90)
    ]

    assert fits == [1.0, 1.0, 0.5, 0.0, 0.0]


def test_experience_counts_the_share_of_the_years_asked():
    vacancy = job(min_experience_years=4)

    assert values(person(experience_years=2), vacancy)["experience"] == 0.5
    assert values(person(experience_years=6), vacancy)["experience"] == 1.0
    assert values(person(), vacancy)["experience"] == 0.0
    assert values(person(experience_years=0), job())["experience"] == 0.8


# Weights.


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"location": -1}, r"^location: must be a finite number of at least 0"),
        ({"wage": math.nan}, r"^wage: must be a finite number"),
        ({"skills": math.inf}, r"^skills: must be a finite number"),
        ({"certificates": -math.inf}, r"^certificates: must be a finite number"),
        ({"experience": True}, r"^experience: must be a number, not True"),
        ({"availability": "0.1"}, r"^availability: must be a number"),
        ({"occupation": 0, "skills": 0}, r"^occupation: occupation and skills"),
    ],
)
def test_invalid_weights_are_refused_naming_the_field(given, message):
    with pytest.raises(ValueError, match=message):
        Weights.from_mapping(given, version="bad")


def test_unknown_component_is_refused_naming_it():
    with pytest.raises(ValueError, match=r"^salary: unknown component"):
        Weights.from_mapping({"occupation": 0.5, "salary": 0.3}, version="bad")


def test_empty_version_is_refused():
    with pytest.raises(ValueError, match=r"^version: must not be empty"):
        Weights(version=" ")


def test_weights_without_skills_or_occupation_alone_are_accepted():
    assert Weights(skills=0).share("occupation") > 0
    assert Weights(occupation=0).share("skills") > 0


def test_shares_add_up_to_one_whatever_the_weights():
    weights = Weights.from_mapping(
        {"occupation": 3, "location": 10, "experience": 0}, version="odd"
    )

    assert sum(weights.share(name) for name in COMPONENTS) == pytest.approx(1.0)
    assert weights.share("experience") == 0.0


def test_perfect_candidate_scores_one_and_scores_stay_within_zero_and_one():
    perfect = person(
        skills=("二保焊",),
        certificates=(WELDING_CERT,),
        experience_years=3,
        min_monthly_wage=4000,
    )
    poor = person(
        2,
        occupation_codes=(),
        skills=("氩弧焊",),
        home_region=SHANGHAI,
        min_monthly_wage=9000,
        available_on=TODAY + timedelta(days=200),
    )
    vacancy = job(skills=("二保焊",), wage_min=4000, wage_max=6000)
    for weights in (Weights(), Weights(location=10, wage=5, version="heavy")):
        matcher = Matcher(
            [perfect, poor], [vacancy], VOCABULARY, today=TODAY, weights=weights
        )

        assert matcher.explain(1, 10).score == pytest.approx(1.0)
        assert 0 < matcher.explain(2, 10).score < 0.3


def test_scaling_every_weight_leaves_scores_unchanged():
    seeker = person(skills=("氩弧焊",), home_region=OTHER_CITY, min_monthly_wage=5000)
    vacancy = job(skills=("二保焊",), wage_min=4000, wage_max=6000)
    base = Weights()
    scaled = Weights.from_mapping(
        {name: getattr(base, name) * 7 for name in COMPONENTS}, version="x7"
    )

    assert explained(seeker, vacancy, weights=scaled).score == pytest.approx(
        explained(seeker, vacancy).score, abs=1e-4
    )


def test_location_heavy_weights_promote_the_local_candidate():
    far_welder = person(1, home_region=SHANGHAI)
    local_cutter = person(2, occupation_codes=(CUTTER,))
    people, vacancies = [far_welder, local_cutter], [job()]
    heavy = Weights(location=2.0, version="location-heavy")

    default = Matcher(people, vacancies, VOCABULARY, today=TODAY).candidates(10)
    local = Matcher(people, vacancies, VOCABULARY, today=TODAY, weights=heavy)

    assert [m.person_id for m in default.matches] == [1, 2]
    assert [m.person_id for m in local.candidates(10).matches] == [2, 1]
    assert local.explain(1, 10).explanation.weights_version == "location-heavy"


def test_explanation_reports_each_component_with_its_share_of_the_weight():
    weights = Weights(location=0.4, version="v2")
    match = explained(
        person(skills=("二保焊",)), job(skills=("二保焊",)), weights=weights
    )

    components = match.explanation.components
    assert [c.name for c in components] == list(COMPONENTS)
    assert [c.label for c in components][:2] == ["职业对口", "技能"]
    assert components[3].weight == pytest.approx(0.4 / 1.2, abs=1e-4)
    assert match.score == pytest.approx(
        sum(c.contribution for c in components), abs=1e-3
    )


# The priority layer's boost.


@pytest.mark.parametrize(
    ("priority", "boost"),
    [
        (Priority(), 0.0),
        (Priority(is_zero_employment=True), 0.05),
        (Priority(alert_level=AlertLevel.RED), 0.04),
        (Priority(alert_level=AlertLevel.YELLOW), 0.03),
        (Priority(unemployed_days=365), 0.02),
        (Priority(unemployed_days=3650), 0.02),
        (Priority(alert_level=AlertLevel.RED, unemployed_days=365), 0.05),
        (Priority(is_zero_employment=True, unemployed_days=365), 0.05),
    ],
)
def test_priority_boost_is_capped_at_max_boost(priority, boost):
    assert priority_boost(priority, PriorityPolicy(max_boost=0.05)) == boost


def test_disabled_policy_gives_no_boost():
    policy = PriorityPolicy(is_enabled=False)

    assert priority_boost(Priority(is_zero_employment=True), policy) == 0.0


@pytest.mark.parametrize("max_boost", [-0.01, 0.21, math.nan, math.inf])
def test_policy_refuses_a_boost_out_of_range(max_boost):
    with pytest.raises(ValueError, match=r"^max_boost: must be between 0 and 0.2"):
        PriorityPolicy(max_boost=max_boost)
