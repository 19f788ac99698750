"""The shipped vocabulary files: well-formed, consistent, and useful to the matcher."""

import csv
import re
from collections import defaultdict
from pathlib import Path

import pytest

from app.vocabulary import (
    DATA_DIR,
    certificates,
    curated_occupations,
    curated_vocabulary,
    skills,
)
from matching.text import normalize
from matching.vocabulary import code_level, in_group

OFFICIAL_TABLE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "data"
    / "occupations"
    / "csco22.csv"
)
CODE = re.compile(r"^[1-8]-\d{2}-\d{2}-\d{2}$")


def _header(name: str) -> list[str]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def _codes() -> set[str]:
    return {o.code for o in curated_occupations()}


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("occupations.csv", ["code", "name", "aliases"]),
        ("skills.csv", ["skill", "synonyms", "occupations"]),
        ("certificates.csv", ["certificate", "synonyms", "occupations", "covers"]),
    ],
)
def test_files_have_their_columns(name, header):
    assert _header(name) == header


def test_occupation_codes_are_well_formed_and_unique():
    codes = [o.code for o in curated_occupations()]

    assert all(CODE.match(code) for code in codes)
    assert len(codes) == len(set(codes))


def test_occupation_code_levels_are_consistent():
    for occupation in curated_occupations():
        assert occupation.level == code_level(occupation.code)


def test_occupation_names_and_aliases_are_not_empty():
    for occupation in curated_occupations():
        assert occupation.name.strip(), occupation.code
        assert occupation.aliases, occupation.code
        assert all(alias.strip() for alias in occupation.aliases), occupation.code


def test_occupation_aliases_do_not_repeat_within_a_row():
    for occupation in curated_occupations():
        words = [normalize(w) for w in (occupation.name, *occupation.aliases)]
        assert len(words) == len(set(words)), occupation.code


def test_alias_shared_only_between_a_group_and_its_member():
    owners: dict[str, set[str]] = defaultdict(set)
    for occupation in curated_occupations():
        for word in (occupation.name, *occupation.aliases):
            owners[normalize(word)].add(occupation.code)

    clashes = [
        (word, a, b)
        for word, codes in owners.items()
        for a in codes
        for b in codes
        if a < b and not (in_group(a, b) or in_group(b, a))
    ]
    assert clashes == []


@pytest.mark.skipif(not OFFICIAL_TABLE.exists(), reason="shared reference data absent")
def test_occupations_use_official_codes_and_names():
    with OFFICIAL_TABLE.open(encoding="utf-8", newline="") as f:
        official: dict[str, str] = {}
        for row in csv.DictReader(f):
            # The official name may carry a trailing L, S or L/S marker.
            official.setdefault(row["code"], re.sub(r"(L/S|L|S)$", "", row["name"]))

    wrong = [
        (o.code, o.name, official.get(o.code))
        for o in curated_occupations()
        if official.get(o.code) != o.name
    ]
    assert wrong == []


@pytest.mark.parametrize("entries", [skills, certificates], ids=["skills", "certs"])
def test_every_entry_belongs_to_shipped_occupations(entries):
    codes = _codes()

    for entry in entries():
        assert entry.occupation_codes, entry.name
        assert set(entry.occupation_codes) <= codes, entry.name


@pytest.mark.parametrize("entries", [skills, certificates], ids=["skills", "certs"])
def test_no_word_names_two_entries(entries):
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in entries():
        assert entry.name.strip()
        assert all(s.strip() for s in entry.synonyms), entry.name
        for word in (entry.name, *entry.synonyms):
            owners[normalize(word)].add(entry.name)

    assert {w: names for w, names in owners.items() if len(names) > 1} == {}


def test_skill_names_are_short():
    assert all(2 <= len(skill.name) <= 8 for skill in skills())


def test_loaders_are_cached():
    assert curated_vocabulary() is curated_vocabulary()
    assert skills() is skills()


@pytest.mark.parametrize(
    ("required", "offered"),
    [
        ("二保焊", "二氧化碳气体保护焊"),
        ("CO2气保焊", "二保焊"),
        ("装载机驾驶", "会开铲车"),
        ("挖掘机驾驶", "开钩机"),
        ("保洁", "做过保洁"),
        ("养老护理", "照顾老人"),
        ("焊接", "電焊"),
    ],
)
def test_synonyms_are_the_same_skill(required, offered):
    assert curated_vocabulary().skill_similarity(required, offered) == 1.0


@pytest.mark.parametrize(
    ("required", "offered"),
    [
        ("二保焊", "氩弧焊"),
        ("电焊", "二保焊"),
        ("川菜", "粤菜"),
        ("洗碗", "服务员"),
        ("叉车驾驶", "开吊车"),
        ("挖掘机驾驶", "开铲车"),
        ("养猪", "养牛"),
    ],
)
def test_skills_of_one_minor_group_are_related(required, offered):
    assert curated_vocabulary().skill_similarity(required, offered) == 0.5


@pytest.mark.parametrize(
    ("required", "offered"),
    [
        ("保洁", "保安"),
        ("电焊", "电工"),
        ("喷漆", "刷漆"),
        ("叉车驾驶", "货车驾驶"),
        ("焊锡", "焊接"),
        ("做饭", "炒菜"),
    ],
)
def test_look_alike_skills_are_unrelated(required, offered):
    assert curated_vocabulary().skill_similarity(required, offered) == 0.0


def test_colloquial_phrases_map_to_canonical_skills():
    phrases = ["会开铲车", "二保焊", "做过保洁", "会踩缝纫机", "没听过的本事"]

    assert curated_vocabulary().canonical_skills(phrases) == [
        "装载机驾驶",
        "二保焊",
        "保洁",
        "缝纫",
    ]


def test_certificate_synonyms_map_to_official_names():
    found = curated_vocabulary().canonical_certificates(
        ["电焊证", "叉车证", "C1驾照", "登高证", "健康证明"]
    )

    assert found == [
        "特种作业操作证（焊接与热切割作业）",
        "特种设备作业人员证（叉车司机N1）",
        "机动车驾驶证（C1）",
        "特种作业操作证（高处作业）",
        "健康证",
    ]


def test_licences_qualify_for_the_right_driving_jobs():
    vocabulary = curated_vocabulary()
    b2 = vocabulary.certificate("B2驾照")
    c2 = vocabulary.certificate("C2驾照")

    assert b2 is not None
    assert "4-02-02-02" in b2.occupation_codes
    assert c2 is not None
    assert "4-10-08-02" in c2.occupation_codes


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("保洁", "4-09-08-01"),
        ("保安", "4-07-05-01"),
        ("普工", "6-00-00-00"),
        ("建筑工人", "6-29-00-00"),
        ("电子厂普工", "6-25-00-00"),
        ("二保焊工", "6-18-02-04"),
        ("叉车司机", "6-30-05-01"),
        ("铲车司机", "6-30-05-05"),
        ("月嫂", "4-10-01-06"),
        ("生态护林员", "5-02-03-01"),
    ],
)
def test_aliases_point_at_the_intended_occupation(alias, code):
    owners = {o.code for o in curated_occupations() if alias in (o.name, *o.aliases)}

    assert owners == {code}


def test_vocabulary_knows_every_shipped_occupation():
    vocabulary = curated_vocabulary()

    assert vocabulary.occupation("6-18-02-04").name == "焊工"
    assert all(vocabulary.occupation(code) for code in _codes())
