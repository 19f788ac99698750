"""The occupation table over HTTP: search, look-up and resolving titles."""

import pytest

from app import vocabulary as curated
from tests.factories import bearer, create_api_key, create_employer
from tests.problems import assert_invalid, assert_problem


def _codes(client, **params):
    response = client.get("/api/v1/occupations", params=params)
    assert response.status_code == 200, response.text
    return [o["code"] for o in response.json()["items"]]


def _resolve(client, title, **params):
    return client.get("/api/v1/occupations/resolve", params={"title": title} | params)


def test_start_up_brings_in_the_curated_table(client):
    page = client.get("/api/v1/occupations", params={"limit": 1}).json()

    assert page["total"] == len({o.code for o in curated.curated_occupations()})


def test_occupation_read_by_code_with_its_aliases_and_parent(client):
    response = client.get("/api/v1/occupations/6-18-02-04")

    assert response.status_code == 200, response.text
    welder = response.json()
    assert (welder["name"], welder["level"], welder["parent_code"]) == (
        "焊工",
        4,
        "6-18-02-00",
    )
    assert "电焊工" in welder["aliases"]
    assert welder["is_official"] is False


def test_unknown_occupation_code_is_not_found(client):
    body = assert_problem(client.get("/api/v1/occupations/9-99-99-99"), 404)

    assert "9-99-99-99" in body["detail"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("6-18-02-04", "6-18-02-04"),  # a whole code
        ("焊工", "6-18-02-04"),  # the name
        ("电焊师傅", "6-18-02-04"),  # an alias
        ("電焊師傅", "6-18-02-04"),  # the alias in traditional characters
        ("６－１８－０２", "6-18-02-04"),  # a code prefix in full-width characters
        ("小区保安", "4-07-05-01"),
    ],
)
def test_occupations_found_by_code_name_or_alias(client, q, expected):
    assert expected in _codes(client, q=q)


def test_search_by_code_prefix_lists_the_group_in_code_order(client):
    codes = _codes(client, q="6-18", limit=200)

    assert codes
    assert all(code.startswith("6-18") for code in codes)
    assert codes == sorted(codes)


def test_search_finds_nothing_for_unknown_words(client):
    assert _codes(client, q="宇航员驾驶飞船") == []


def test_occupations_filtered_by_level(client):
    codes = _codes(client, level=4, limit=200)

    assert codes
    assert all(not code.endswith("-00") for code in codes)


def test_occupation_level_outside_one_to_four_is_refused(client):
    assert_invalid(client.get("/api/v1/occupations", params={"level": 5}), "level")


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("日结轻松保安+包吃住", "4-07-05-01"),
        ("电焊师傅（二保焊）月薪8千", "6-18-02-04"),
        ("電焊師傅（二保焊）", "6-18-02-04"),  # traditional characters
        ("ＣＯ２焊工　急招", "6-18-02-04"),  # full-width letters, digits and space
    ],
)
def test_clear_titles_resolve_to_their_occupation(client, title, code):
    response = _resolve(client, title)

    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["code"] == code
    assert answer["name"]
    assert 0 < answer["score"] <= 1
    assert answer["reason"] is None


def test_resolution_lists_alternatives_with_scores(client):
    answer = _resolve(client, "焊工", alternatives=3).json()

    assert len(answer["alternatives"]) <= 3
    for alternative in answer["alternatives"]:
        assert alternative.keys() == {"code", "name", "score"}
        assert alternative["score"] <= answer["score"]
        assert alternative["code"] != answer["code"]


@pytest.mark.parametrize("title", ["!!!", "12345", "？？？……", "8000-12000", "ＡＢＣ"])
def test_titles_without_words_resolve_to_no_occupation_with_a_reason(client, title):
    response = _resolve(client, title)

    assert response.status_code == 200, response.text
    answer = response.json()
    assert (answer["code"], answer["name"]) == (None, None)
    assert answer["reason"]


@pytest.mark.parametrize("title", ["", "   ", "\u3000\u3000", "焊" * 201, "焊工" * 500])
def test_empty_or_overlong_titles_are_refused(client, title):
    assert_invalid(_resolve(client, title), "title")


def test_missing_title_is_refused(client):
    assert_invalid(client.get("/api/v1/occupations/resolve"), "title")


def test_every_role_may_read_occupations(client):
    employer = create_employer(client)
    key = create_api_key(client, "employer", employer_id=employer["id"])["key"]
    grid = create_api_key(client, "grid_worker", community="幸福社区")["key"]

    for raw_key in (key, grid):
        headers = bearer(raw_key)
        assert client.get("/api/v1/occupations", headers=headers).status_code == 200
        resolve = client.get(
            "/api/v1/occupations/resolve", params={"title": "保安"}, headers=headers
        )
        assert resolve.status_code == 200
        assert client.get("/api/v1/skills", headers=headers).status_code == 200


def test_occupations_need_an_api_key(client):
    response = client.get("/api/v1/occupations", headers={"Authorization": ""})

    assert_problem(response, 401)


def test_skills_found_by_synonym(client):
    skill = curated.skills()[0]
    word = (skill.synonyms or (skill.name,))[0]

    page = client.get("/api/v1/skills", params={"q": word}).json()

    assert skill.name in [s["name"] for s in page["items"]]


def test_certificates_listed_with_their_occupations(client):
    page = client.get("/api/v1/certificates", params={"limit": 200}).json()

    assert page["total"] == len(curated.certificates())
    assert all(
        {"name", "synonyms", "occupation_codes"} <= c.keys() for c in page["items"]
    )
