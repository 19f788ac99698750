"""Numbers the database cannot hold are refused with a 422 naming the field.

Ids are INTEGER columns: 32 bits on PostgreSQL, which refuses to compare one with a
larger number, and 64 bits on SQLite, which cannot even take a larger one. Unbounded,
such numbers reach the database and fail there.
"""

from typing import Any

import pytest

from app.clock import today
from app.schemas.common import MAX_ID
from tests.factories import (
    count,
    create_employer,
    create_household,
    create_person,
    create_vacancy,
    employer_body,
    person_body,
    vacancy_body,
)
from tests.problems import assert_invalid

# One past the largest id; past what SQLite holds; past any 64-bit integer.
TOO_BIG = [MAX_ID + 1, 2**63, 10**20]
TODAY = today().isoformat()


@pytest.fixture
def records(client) -> dict[str, int]:
    """A household, a person in it, an employer and one of its vacancies."""
    household_id = create_household(client)["id"]
    employer_id = create_employer(client)["id"]
    return {
        "household_id": household_id,
        "person_id": create_person(client, household_id)["id"],
        "employer_id": employer_id,
        "vacancy_id": create_vacancy(client, employer_id)["id"],
    }


ITEM_PATHS = [
    ("GET", "referrals/{}", None, "referral_id"),
    ("POST", "referrals/{}/transitions", {"to": "referred"}, "referral_id"),
    ("GET", "placements/{}", None, "placement_id"),
    (
        "POST",
        "placements/{}/end",
        {"ended_on": TODAY, "reason": "quit"},
        "placement_id",
    ),
    ("GET", "follow-ups/{}", None, "follow_up_id"),
    (
        "PATCH",
        "follow-ups/{}",
        {"version": 1, "contacted_on": TODAY, "is_still_employed": True},
        "follow_up_id",
    ),
    ("GET", "people/{}", None, "person_id"),
    ("PATCH", "people/{}", {"version": 1}, "person_id"),
    ("GET", "people/{}/employment", None, "person_id"),
    ("GET", "people/{}/recommendations", None, "person_id"),
    ("GET", "households/{}", None, "household_id"),
    ("PATCH", "households/{}", {"version": 1}, "household_id"),
    ("GET", "households/{}/employment", None, "household_id"),
    ("GET", "households/{}/alerts", None, "household_id"),
    ("GET", "vacancies/{}", None, "vacancy_id"),
    ("PATCH", "vacancies/{}", {"version": 1}, "vacancy_id"),
    ("GET", "vacancies/{}/candidates", None, "vacancy_id"),
    ("GET", "employers/{}", None, "employer_id"),
    ("PATCH", "employers/{}", {"version": 1}, "employer_id"),
    ("GET", "stations/{}", None, "station_id"),
    ("PATCH", "stations/{}", {"version": 1}, "station_id"),
    ("GET", "zero-employment-cases/{}", None, "case_id"),
    ("DELETE", "api-keys/{}", None, "key_id"),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    ITEM_PATHS,
    ids=[f"{method} {path}" for method, path, _, _ in ITEM_PATHS],
)
@pytest.mark.parametrize("record_id", [*TOO_BIG, 0, -1])
def test_path_id_out_of_range_is_refused_naming_it(
    client, method, path, body, field, record_id
):
    url = "/api/v1/" + path.format(record_id)

    response = client.request(method, url, json=body)

    assert_invalid(response, field)


@pytest.mark.parametrize(
    "path", ["referrals", "placements", "people", "households", "vacancies"]
)
def test_largest_id_is_not_found(client, path):
    response = client.get(f"/api/v1/{path}/{MAX_ID}")

    assert response.status_code == 404, response.text


ID_FILTERS = [
    ("referrals", "person_id"),
    ("referrals", "vacancy_id"),
    ("placements", "person_id"),
    ("placements", "vacancy_id"),
    ("placements", "employer_id"),
    ("placements", "station_id"),
    ("follow-ups", "placement_id"),
    ("follow-ups", "person_id"),
    ("people", "household_id"),
    ("vacancies", "station_id"),
    ("vacancies", "employer_id"),
    ("employers", "station_id"),
    ("zero-employment-cases", "household_id"),
]


@pytest.mark.parametrize(("path", "field"), ID_FILTERS)
@pytest.mark.parametrize("record_id", [*TOO_BIG, 0])
def test_id_filter_out_of_range_is_refused_naming_it(client, path, field, record_id):
    response = client.get(f"/api/v1/{path}", params={field: record_id})

    assert_invalid(response, field)


@pytest.mark.parametrize(("path", "field"), ID_FILTERS)
def test_largest_id_filter_finds_nothing(client, path, field):
    assert count(client, path, **{field: MAX_ID}) == 0


def test_shortlists_refuse_an_id_out_of_range_naming_its_place(client, records):
    params = {"vacancy_id": [records["vacancy_id"], MAX_ID + 1]}

    assert_invalid(client.get("/api/v1/shortlists", params=params), "vacancy_id[1]")


def _referral(records: dict[str, int], **fields: Any) -> dict[str, Any]:
    body = {"person_id": records["person_id"], "vacancy_id": records["vacancy_id"]}
    return body | fields


def _person(records: dict[str, int], **fields: Any) -> dict[str, Any]:
    return person_body(records["household_id"]) | fields


def _vacancy(records: dict[str, int], **fields: Any) -> dict[str, Any]:
    return vacancy_body(records["employer_id"]) | fields


def _employer(records: dict[str, int], **fields: Any) -> dict[str, Any]:
    return employer_body() | fields


def _api_key(records: dict[str, int], **fields: Any) -> dict[str, Any]:
    return {"name": "station key", "role": "station_staff"} | fields


BODY_IDS = [
    ("referrals", _referral, "person_id"),
    ("referrals", _referral, "vacancy_id"),
    ("people", _person, "household_id"),
    ("vacancies", _vacancy, "employer_id"),
    ("vacancies", _vacancy, "station_id"),
    ("employers", _employer, "station_id"),
    ("api-keys", _api_key, "station_id"),
]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    BODY_IDS,
    ids=[f"{path} {field}" for path, _, field in BODY_IDS],
)
@pytest.mark.parametrize("record_id", [*TOO_BIG, 0])
def test_body_id_out_of_range_is_refused_naming_it(
    client, records, path, body, field, record_id
):
    before = count(client, path)

    response = client.post(f"/api/v1/{path}", json=body(records, **{field: record_id}))

    assert_invalid(response, field)
    assert count(client, path) == before


@pytest.mark.parametrize(
    ("path", "body", "field"),
    BODY_IDS,
    ids=[f"{path} {field}" for path, _, field in BODY_IDS],
)
def test_body_naming_the_largest_id_is_refused_as_unknown(
    client, records, path, body, field
):
    response = client.post(f"/api/v1/{path}", json=body(records, **{field: MAX_ID}))

    messages = assert_invalid(response, field)
    assert str(MAX_ID) in messages[field]


@pytest.mark.parametrize(
    ("path", "record", "field"),
    [
        ("people", "person_id", "household_id"),
        ("vacancies", "vacancy_id", "employer_id"),
        ("vacancies", "vacancy_id", "station_id"),
        ("employers", "employer_id", "station_id"),
        ("households", "household_id", "version"),
    ],
)
@pytest.mark.parametrize("value", TOO_BIG)
def test_patched_value_out_of_range_is_refused_naming_it(
    client, records, path, record, field, value
):
    body = {"version": 1, field: value}

    response = client.patch(f"/api/v1/{path}/{records[record]}", json=body)

    assert_invalid(response, field)


LISTS = [
    "stations",
    "employers",
    "households",
    "people",
    "vacancies",
    "referrals",
    "placements",
    "follow-ups",
    "zero-employment-cases",
    "api-keys",
    "occupations",
    "skills",
]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("offset", TOO_BIG)
def test_offset_out_of_range_is_refused_naming_it(client, path, offset):
    response = client.get(f"/api/v1/{path}", params={"offset": offset})

    assert_invalid(response, "offset")


@pytest.mark.parametrize("path", LISTS)
def test_largest_offset_gives_an_empty_page(client, path):
    response = client.get(f"/api/v1/{path}", params={"offset": MAX_ID})

    assert response.status_code == 200, response.text
    assert response.json()["items"] == []


def test_offset_out_of_range_is_refused_by_candidates(client, records):
    path = f"/api/v1/vacancies/{records['vacancy_id']}/candidates"

    assert_invalid(client.get(path, params={"offset": MAX_ID + 1}), "offset")


@pytest.mark.parametrize("on", ["0001-06-01", "1999-12-31"])
def test_employment_on_a_day_before_2000_is_refused(client, records, on):
    path = f"/api/v1/people/{records['person_id']}/employment"

    messages = assert_invalid(client.get(path, params={"on": on}), "on")

    assert "2000-01-01" in messages["on"]


def test_employment_on_the_first_day_of_2000_is_answered(client, records):
    path = f"/api/v1/people/{records['person_id']}/employment"

    response = client.get(path, params={"on": "2000-01-01"})

    assert response.status_code == 200, response.text
    assert response.json()["employment_status"] is None


def test_openapi_documents_the_bounds(client):
    response = client.get("/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    (referral_id,) = paths["/api/v1/referrals/{referral_id}"]["get"]["parameters"]
    assert referral_id["schema"]["maximum"] == MAX_ID
    offset = next(
        p
        for p in paths["/api/v1/referrals"]["get"]["parameters"]
        if p["name"] == "offset"
    )
    assert offset["schema"]["maximum"] == MAX_ID
