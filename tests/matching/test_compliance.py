"""Flags for requirements the law forbids, and that they never touch a score."""

from datetime import date

import pytest

from matching.compliance import compliance_flags
from matching.matcher import Matcher
from matching.profiles import PersonProfile, VacancyProfile
from matching.vocabulary import Certificate, Skill, Vocabulary

TODAY = date(2026, 1, 5)
WELDER = "6-18-02-04"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("普工 18-45岁", "18-45岁"),
        ("年龄18至45周岁", "18至45周岁"),
        ("电焊工 45岁以下", "45岁以下"),
        ("限35岁以内", "35岁以内"),
        ("只招90后", "90后"),
        ("年龄要求：身体健康", "年龄要求"),
    ],
)
def test_age_requirement_is_flagged(text, found):
    flags = compliance_flags(text)

    assert [(f.kind, f.label) for f in flags] == [("age", "年龄要求")]
    assert flags[0].found == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("搬运工 限男性", "限男性"),
        ("收银员 女性优先", "女性优先"),
        ("仅限女", "仅限女"),
        ("只招男生", "只招男生"),
        ("男士优先", "男士优先"),
    ],
)
def test_sex_requirement_is_flagged(text, found):
    flags = compliance_flags(text)

    assert [(f.kind, f.label) for f in flags] == [("sex", "性别要求")]
    assert flags[0].found == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("保安 本地户口", "本地户口"),
        ("本市户籍优先", "本市户籍"),
        ("当地人优先", "当地人"),
        ("户口不在本区的请勿投递", "户口"),
    ],
)
def test_household_registration_requirement_is_flagged(text, found):
    flags = compliance_flags(text)

    assert [(f.kind, f.label) for f in flags] == [
        ("household_registration", "户籍要求")
    ]
    assert flags[0].found == found


def test_every_kind_is_flagged_once_in_order_of_age_sex_registration():
    flags = compliance_flags("本地户口 限男性 18-45岁 女性勿扰 50岁以下")

    assert [f.kind for f in flags] == ["age", "sex", "household_registration"]


def test_full_width_and_traditional_text_is_normalised_before_flagging():
    flags = compliance_flags("限男性　１８－４５歲　本地戶口")

    assert [f.kind for f in flags] == ["age", "sex", "household_registration"]


@pytest.mark.parametrize(
    "text",
    [
        "电焊工",
        "保洁员",
        "男女不限",
        "包吃住 男女均可 年龄不限",
        "性别不限，不限年龄，户籍不限",
        "不限男女 月薪4000-6000元",
        "二保焊师傅 3年以上经验 8-10小时 包住",
        "",
    ],
)
def test_text_without_forbidden_requirement_is_not_flagged(text):
    assert compliance_flags(text) == []


def test_no_requirement_words_do_not_hide_a_real_requirement_beside_them():
    flags = compliance_flags("男女不限 45岁以下")

    assert [f.kind for f in flags] == ["age"]


def _matcher(text: str) -> Matcher:
    vocabulary = Vocabulary(
        occupations=[],
        skills=[Skill("二保焊", ("CO2焊",), (WELDER,))],
        certificates=[Certificate("焊工证", ("电焊证",), (WELDER,))],
    )
    people = [
        PersonProfile(
            1,
            occupation_codes=(WELDER,),
            skills=("二保焊",),
            home_region="530113",
            experience_years=5,
        ),
        PersonProfile(2, occupation_codes=(WELDER,), home_region="530113"),
        PersonProfile(
            3,
            occupation_codes=("6-18-02-05",),
            certificates=("焊工证",),
            home_region="530113",
        ),
    ]
    job = VacancyProfile(
        10,
        occupation_code=WELDER,
        skills=("二保焊",),
        region_code="530113",
        wage_min=4000,
        wage_max=6000,
        text=text,
    )
    return Matcher(people, [job], vocabulary, today=TODAY)


def test_flags_are_reported_with_candidates_but_never_change_scores():
    plain = _matcher("电焊工 男女不限").candidates(10)
    flagged = _matcher("电焊工 18-45岁 限男性 本地户口").candidates(10)

    assert plain.flags == []
    assert [f.kind for f in flagged.flags] == ["age", "sex", "household_registration"]
    assert flagged.reason is None
    assert [(m.person_id, m.score) for m in flagged.matches] == [
        (m.person_id, m.score) for m in plain.matches
    ]
    assert len(flagged.matches) == 3
