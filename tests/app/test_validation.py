"""Bad input answers 422 problem details naming every bad field, and writes nothing."""

from datetime import date, timedelta

import pytest

from app.identity import id_check_character
from tests.factories import (
    count,
    create_employer,
    create_household,
    create_person,
    create_vacancy,
    employer_body,
    household_body,
    person_body,
    station_id,
    vacancy_body,
)
from tests.problems import assert_invalid, assert_problem


@pytest.fixture
def household_id(client):
    return create_household(client)["id"]


@pytest.fixture
def employer_id(client):
    return create_employer(client)["id"]


def _with_check(first17: str) -> str:
    return first17 + id_check_character(first17)


def _wrong_check(first17: str) -> str:
    right = id_check_character(first17)
    return first17 + ("1" if right != "1" else "2")


@pytest.mark.parametrize(
    ("id_number", "message"),
    [
        (_wrong_check("53011319900517001"), "check digit is wrong"),
        (_with_check("53011319900230001"), "impossible birth date"),
        (_with_check("53011320991231001"), "outside 1900 to today"),
        (_with_check("99011319900517001"), "province"),
        ("5301131990051700", "18 characters"),
    ],
)
def test_person_rejected_when_id_number_invalid(
    client, household_id, id_number, message
):
    response = client.post(
        "/api/v1/people", json=person_body(household_id, id_number=id_number)
    )

    messages = assert_invalid(response, "id_number")
    assert message in messages["id_number"]
    assert count(client, "people") == 0


def test_person_rejected_naming_every_bad_field_at_once(client, household_id):
    body = person_body(
        household_id,
        id_number=_wrong_check("53011319900517001"),
        name="张" * 51,
        phone="12345",
        education="kindergarten",
        desired_regions=["530113", "99"],
        min_monthly_wage=-1,
        nickname="小张",
    )

    response = client.post("/api/v1/people", json=body)

    assert_invalid(
        response,
        "id_number",
        "name",
        "phone",
        "education",
        "desired_regions[1]",
        "min_monthly_wage",
        "nickname",
    )
    assert count(client, "people") == 0


def test_vacancy_rejected_when_wage_min_above_wage_max(client, employer_id):
    body = vacancy_body(employer_id, wage_min=6000, wage_max=5000)

    messages = assert_invalid(client.post("/api/v1/vacancies", json=body), "wage_max")

    assert "wage_min" in messages["wage_max"]
    assert count(client, "vacancies") == 0


@pytest.mark.parametrize("openings", [0, -1])
def test_vacancy_rejected_when_openings_not_positive(client, employer_id, openings):
    body = vacancy_body(employer_id, openings=openings)

    assert_invalid(client.post("/api/v1/vacancies", json=body), "openings")
    assert count(client, "vacancies") == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("channel", "newspaper"),
        ("region_code", "4499"),
        ("closes_on", (date.today() - timedelta(days=2)).isoformat()),
        ("title", "焊" * 101),
        ("description", "x" * 2001),
        ("status", "paused"),
        ("skills", ["x" * 51]),
    ],
)
def test_vacancy_rejected_when_one_field_invalid(client, employer_id, field, value):
    body = vacancy_body(employer_id, **{field: value})

    response = client.post("/api/v1/vacancies", json=body)

    expected = "skills[0]" if field == "skills" else field
    assert_invalid(response, expected)
    assert count(client, "vacancies") == 0


def test_vacancy_rejected_when_field_unknown(client, employer_id):
    body = vacancy_body(employer_id, salary=5000)

    messages = assert_invalid(client.post("/api/v1/vacancies", json=body), "salary")

    assert messages["salary"] == "unknown field"


def test_vacancy_rejected_when_required_fields_missing(client):
    response = client.post("/api/v1/vacancies", json={"title": "电焊工"})

    messages = assert_invalid(
        response, "employer_id", "channel", "region_code", "openings"
    )
    assert set(messages.values()) == {"is required"}


def test_vacancy_rejected_naming_every_bad_field_at_once(client, employer_id):
    body = vacancy_body(
        employer_id,
        channel="newspaper",
        region_code="99",
        openings=0,
        wage_min=9000,
        wage_max=100,
        closes_on="2000-01-01",
        title="焊" * 101,
        salary=5000,
    )

    response = client.post("/api/v1/vacancies", json=body)

    assert_invalid(
        response,
        "channel",
        "region_code",
        "openings",
        "wage_max",
        "closes_on",
        "title",
        "salary",
    )
    assert count(client, "vacancies") == 0


def test_vacancy_rejected_when_employer_and_station_unknown(client):
    body = vacancy_body(99998, channel="station", station_id=99999)

    messages = assert_invalid(
        client.post("/api/v1/vacancies", json=body), "employer_id", "station_id"
    )

    assert "99998" in messages["employer_id"]
    assert "99999" in messages["station_id"]
    assert count(client, "vacancies") == 0


def test_station_vacancy_rejected_without_station(client):
    body = vacancy_body(99998, channel="station")

    messages = assert_invalid(
        client.post("/api/v1/vacancies", json=body), "employer_id", "station_id"
    )

    assert "station channel" in messages["station_id"]
    assert count(client, "vacancies") == 0


def test_vacancy_rejected_naming_unknown_references_beside_schema_faults(client):
    body = vacancy_body(99998, openings=0)

    response = client.post("/api/v1/vacancies", json=body)

    assert_invalid(response, "employer_id", "openings")


def test_person_rejected_naming_unknown_household_beside_schema_faults(client):
    body = person_body(99997, phone="12345")

    response = client.post("/api/v1/people", json=body)

    messages = assert_invalid(response, "household_id", "phone")
    assert "no household with id 99997" in messages["household_id"]
    assert count(client, "people") == 0


@pytest.mark.parametrize(
    "change",
    [{"wage_min": 7000}, {"wage_max": 3000}],
    ids=["wage_min_above_stored_max", "wage_max_below_stored_min"],
)
def test_vacancy_patch_rejected_when_wage_range_crosses_stored_bound(
    client, employer_id, change
):
    vacancy = create_vacancy(client, employer_id, wage_min=4000, wage_max=6000)

    response = client.patch(
        f"/api/v1/vacancies/{vacancy['id']}", json={"version": 1, **change}
    )

    assert_invalid(response, "wage_max")
    assert client.get(f"/api/v1/vacancies/{vacancy['id']}").json() == vacancy


def test_vacancy_patch_rejected_when_channel_becomes_station_without_station(
    client, employer_id
):
    vacancy = create_vacancy(client, employer_id)

    response = client.patch(
        f"/api/v1/vacancies/{vacancy['id']}", json={"version": 1, "channel": "station"}
    )

    assert_invalid(response, "station_id")
    assert client.get(f"/api/v1/vacancies/{vacancy['id']}").json() == vacancy


def test_vacancy_patch_rejected_when_station_and_employer_unknown(client, employer_id):
    vacancy = create_vacancy(client, employer_id)

    response = client.patch(
        f"/api/v1/vacancies/{vacancy['id']}",
        json={"version": 1, "employer_id": 99998, "station_id": 99999},
    )

    assert_invalid(response, "employer_id", "station_id")
    assert client.get(f"/api/v1/vacancies/{vacancy['id']}").json() == vacancy


def test_vacancy_patch_rejected_naming_every_required_field_sent_as_null(
    client, employer_id
):
    vacancy = create_vacancy(client, employer_id)

    response = client.patch(
        f"/api/v1/vacancies/{vacancy['id']}",
        json={"version": 1, "title": None, "openings": None, "channel": None},
    )

    messages = assert_invalid(response, "title", "openings", "channel")
    assert set(messages.values()) == {"may not be null"}
    assert client.get(f"/api/v1/vacancies/{vacancy['id']}").json() == vacancy


@pytest.mark.parametrize("field", ["skills", "certificates"])
def test_vacancy_patch_rejected_when_list_sent_as_null(client, employer_id, field):
    vacancy = create_vacancy(client, employer_id)

    response = client.patch(
        f"/api/v1/vacancies/{vacancy['id']}", json={"version": 1, field: None}
    )

    assert_invalid(response, field)
    assert client.get(f"/api/v1/vacancies/{vacancy['id']}").json() == vacancy


def test_person_patch_rejected_naming_nulls_of_required_fields_and_lists(
    client, household_id
):
    person = client.post("/api/v1/people", json=person_body(household_id)).json()

    response = client.patch(
        f"/api/v1/people/{person['id']}",
        json={"version": 1, "name": None, "id_number": None, "skills": None},
    )

    assert_invalid(response, "name", "id_number", "skills")
    assert client.get(f"/api/v1/people/{person['id']}").json() == person


def test_optional_field_may_be_cleared_with_null(client, employer_id):
    vacancy = create_vacancy(client, employer_id)

    response = client.patch(
        f"/api/v1/vacancies/{vacancy['id']}", json={"version": 1, "wage_max": None}
    )

    assert response.status_code == 200, response.text
    assert response.json()["wage_max"] is None


def test_patch_rejected_without_version_or_with_unknown_field(client, employer_id):
    vacancy = create_vacancy(client, employer_id)

    response = client.patch(
        f"/api/v1/vacancies/{vacancy['id']}", json={"title": "焊工", "salary": 1}
    )

    assert_invalid(response, "version", "salary")
    assert client.get(f"/api/v1/vacancies/{vacancy['id']}").json() == vacancy


def test_malformed_json_body_rejected_as_invalid_body(client):
    response = client.post(
        "/api/v1/vacancies",
        content='{"title": "电焊工",'.encode(),
        headers={"Content-Type": "application/json"},
    )

    messages = assert_invalid(response, "body")
    assert "JSON" in messages["body"]
    assert count(client, "vacancies") == 0


def test_body_that_is_not_an_object_rejected_as_invalid_body(client):
    assert_invalid(client.post("/api/v1/households", json=["DC-1"]), "body")


def test_station_vacancy_accepted_once_station_named(client, employer_id):
    body = vacancy_body(
        employer_id, channel="station", station_id=station_id(client, "浙江")
    )

    assert client.post("/api/v1/vacancies", json=body).status_code == 201


def test_unknown_path_answers_problem_not_found(client):
    assert_problem(client.get("/api/v1/nothing-here"), 404)


def test_referral_rejected_when_note_holds_nul(client, household_id, employer_id):
    body = {
        "person_id": create_person(client, household_id)["id"],
        "vacancy_id": create_vacancy(client, employer_id)["id"],
        "note": "called\x00back",
    }

    response = client.post("/api/v1/referrals", json=body)

    messages = assert_invalid(response, "note")
    assert messages["note"] == "may not contain control characters"
    assert count(client, "referrals") == 0


@pytest.mark.parametrize(
    ("path", "field", "value"),
    [
        ("households", "site", "铜都\x07安置区"),
        ("households", "community", "幸福\x7f社区"),
        ("households", "site", "铜都\n安置区"),
        ("households", "building", "3\t栋"),
        ("households", "notes", "低保\x00户"),
        ("people", "name", "张\x1b国强"),
        ("people", "skills", ["电\x00焊"]),
        ("vacancies", "title", "电焊\r工"),
        ("vacancies", "description", "包吃\x0c包住"),
        ("employers", "name", "东川\x00建材"),
        ("stations", "name", "昆明\x08"),
    ],
    ids=[
        "household site BEL",
        "household community DEL",
        "household site line break",
        "household building tab",
        "household notes NUL",
        "person name ESC",
        "person skill NUL",
        "vacancy title carriage return",
        "vacancy description form feed",
        "employer name NUL",
        "station name backspace",
    ],
)
def test_text_with_control_characters_rejected_naming_the_field(
    client, household_id, employer_id, path, field, value
):
    body = {
        "households": household_body(),
        "people": person_body(household_id),
        "vacancies": vacancy_body(employer_id),
        "employers": employer_body(),
        "stations": {"name": "云南", "region_code": "530113"},
    }[path] | {field: value}
    before = count(client, path)

    response = client.post(f"/api/v1/{path}", json=body)

    expected = f"{field}[0]" if isinstance(value, list) else field
    messages = assert_invalid(response, expected)
    assert messages[expected] == "may not contain control characters"
    assert count(client, path) == before


def test_household_patch_rejected_when_site_holds_control_character(client):
    household = create_household(client)

    response = client.patch(
        f"/api/v1/households/{household['id']}",
        json={"version": 1, "site": "=\x07"},
    )

    assert_invalid(response, "site")
    assert client.get(f"/api/v1/households/{household['id']}").json() == household


def test_notes_keep_tabs_and_line_breaks(client):
    notes = "母亲患病\n需照顾\t每周三次\r\n"

    household = create_household(client, notes=notes)

    assert household["notes"] == notes.strip()


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("households", {"site": "铜都\x00"}, "site"),
        ("people", {"community": "幸福\x07"}, "community"),
        ("employers", {"q": "东川\x00"}, "q"),
        ("vacancies", {"occupation_code": "6-18\x00"}, "occupation_code"),
        ("occupations/resolve", {"title": "电\x00焊工"}, "title"),
        ("occupations/6-18%00", {}, "code"),
    ],
)
def test_filter_with_control_characters_rejected_naming_it(client, path, params, field):
    response = client.get(f"/api/v1/{path}", params=params)

    messages = assert_invalid(response, field)
    assert messages[field] == "may not contain control characters"
