"""Classification codes, merging official and curated occupations, lookups."""

import pytest

from matching.vocabulary import (
    Certificate,
    Occupation,
    Skill,
    Vocabulary,
    code_level,
    code_prefix,
    in_group,
    merge_occupations,
    parent_code,
)


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("6-00-00-00", 1),
        ("6-18-00-00", 2),
        ("6-18-02-00", 3),
        ("6-18-02-04", 4),
        ("4-02-07-11", 4),
    ],
)
def test_code_level_counts_parts_before_trailing_zeros(code, level):
    assert code_level(code) == level


@pytest.mark.parametrize(
    "code", ["6-18-02", "6-18-02-04-01", "6-18-xx-04", "", "61802"]
)
def test_code_level_rejects_malformed_codes(code):
    with pytest.raises(ValueError, match="is not like 6-18-02-04"):
        code_level(code)


@pytest.mark.parametrize(
    ("code", "prefix"),
    [
        ("6-00-00-00", "6"),
        ("6-18-00-00", "6-18"),
        ("6-18-02-00", "6-18-02"),
        ("6-18-02-04", "6-18-02-04"),
    ],
)
def test_code_prefix_drops_trailing_zero_parts(code, prefix):
    assert code_prefix(code) == prefix


@pytest.mark.parametrize(
    ("code", "parent"),
    [
        ("6-18-02-04", "6-18-02-00"),
        ("6-18-02-00", "6-18-00-00"),
        ("6-18-00-00", "6-00-00-00"),
        ("6-00-00-00", None),
    ],
)
def test_parent_code_is_one_level_up(code, parent):
    assert parent_code(code) == parent


@pytest.mark.parametrize(
    ("code", "group", "expected"),
    [
        ("6-18-02-04", "6-18-02-04", True),
        ("6-18-02-04", "6-18-02-00", True),
        ("6-18-02-04", "6-18-00-00", True),
        ("6-18-02-04", "6-00-00-00", True),
        ("6-18-02-00", "6-18-02-04", False),
        ("6-18-02-04", "6-18-01-00", False),
        ("6-18-12-01", "6-18-01-00", False),
        ("4-18-02-04", "6-00-00-00", False),
    ],
)
def test_in_group_matches_whole_code_parts(code, group, expected):
    assert in_group(code, group) is expected


def test_merge_keeps_official_name_and_definition_and_adds_aliases():
    official = [Occupation("6-18-02-04", "焊工", ("电焊工",), "操作焊接设备的人员")]
    curated = [Occupation("6-18-02-04", "焊工（俗称）", ("电焊工", "烧焊工"), "别的")]

    [merged] = merge_occupations(official, curated)

    assert merged.name == "焊工"
    assert merged.definition == "操作焊接设备的人员"
    assert merged.aliases == ("电焊工", "烧焊工")


def test_merge_takes_curated_definition_when_official_has_none():
    official = [Occupation("6-18-02-04", "焊工")]
    curated = [Occupation("6-18-02-04", "焊工", (), "焊接金属的人员")]

    [merged] = merge_occupations(official, curated)

    assert merged.definition == "焊接金属的人员"


def test_merge_keeps_curated_only_codes_and_sorts_by_code():
    official = [Occupation("6-31-01-03", "电工"), Occupation("4-07-05-01", "保安员")]
    curated = [Occupation("4-09-08-01", "保洁员", ("保洁",))]

    merged = merge_occupations(official, curated)

    assert [o.code for o in merged] == ["4-07-05-01", "4-09-08-01", "6-31-01-03"]
    assert merged[1].aliases == ("保洁",)


def test_occupation_level_and_parent_follow_its_code():
    occupation = Occupation("6-29-01-04", "钢筋工")

    assert occupation.level == 4
    assert occupation.parent_code == "6-29-01-00"


@pytest.fixture
def vocabulary():
    return Vocabulary(
        occupations=[
            Occupation("6-18-02-04", "焊工"),
            Occupation("6-31-01-03", "电工"),
        ],
        skills=[
            Skill("氩弧焊", ("TIG焊",), ("6-18-02-04",)),
            Skill("二保焊", ("CO2焊", "二氧化碳气体保护焊"), ("6-18-02-04",)),
            Skill("低压电工", ("低压配电",), ("6-31-01-03",)),
        ],
        certificates=[Certificate("焊工证", ("電焊證",), ("6-18-02-04",))],
    )


def test_skill_found_by_name_or_synonym_after_normalising(vocabulary):
    assert vocabulary.skill("tig焊").name == "氩弧焊"
    assert vocabulary.skill(" CO2焊 ").name == "二保焊"
    assert vocabulary.skill("打磨") is None


def test_certificate_found_by_traditional_synonym(vocabulary):
    assert vocabulary.certificate("电焊证").name == "焊工证"


def test_canonical_skills_keeps_order_and_drops_repeats_and_unknowns(vocabulary):
    terms = ["CO2焊", "不认识", "二氧化碳气体保护焊", "TIG焊"]

    assert vocabulary.canonical_skills(terms) == ["二保焊", "氩弧焊"]


def test_canonical_certificates_maps_synonyms(vocabulary):
    assert vocabulary.canonical_certificates(["電焊證", "驾照"]) == ["焊工证"]


@pytest.mark.parametrize(
    ("required", "offered", "score"),
    [
        ("二保焊", "CO2焊", 1.0),
        ("二保焊", "氩弧焊", 0.5),
        ("二保焊", "低压电工", 0.0),
        ("砌砖", "砌砖", 1.0),
        ("砌砖", "抹灰", 0.0),
        ("二保焊", "抹灰", 0.0),
    ],
)
def test_skill_similarity(vocabulary, required, offered, score):
    assert vocabulary.skill_similarity(required, offered) == score


def test_occupation_looked_up_by_code(vocabulary):
    assert vocabulary.occupation("6-31-01-03").name == "电工"
    assert vocabulary.occupation("6-31-01-04") is None
