import pytest

from tests.factories import count, create_employer, credit_code, employer_body
from tests.problems import assert_invalid, assert_problem


def test_employer_created_then_read_back(client):
    employer = create_employer(client, region_code="4419", contact_phone="13900001111")

    assert employer["version"] == 1
    assert client.get(f"/api/v1/employers/{employer['id']}").json() == employer


def test_employer_credit_code_stored_upper_case(client):
    code = "91350100m000100y43"

    employer = create_employer(client, credit_code=code)

    assert employer["credit_code"] == "91350100M000100Y43"


def test_employer_rejected_when_credit_code_check_character_wrong(client):
    code = credit_code()
    wrong = code[:17] + ("0" if code[17] != "0" else "1")

    response = client.post("/api/v1/employers", json=employer_body(credit_code=wrong))

    messages = assert_invalid(response, "credit_code")
    assert "check character" in messages["credit_code"]
    assert count(client, "employers") == 0


def test_employer_rejected_with_409_when_credit_code_taken(client):
    first = create_employer(client)

    response = client.post(
        "/api/v1/employers",
        json=employer_body(name="另一家公司", credit_code=first["credit_code"].lower()),
    )

    assert_problem(response, 409)
    assert count(client, "employers") == 1


def test_employer_patch_to_taken_credit_code_is_409_and_changes_nothing(client):
    first = create_employer(client)
    second = create_employer(client)

    response = client.patch(
        f"/api/v1/employers/{second['id']}",
        json={"version": 1, "credit_code": first["credit_code"]},
    )

    assert_problem(response, 409)
    assert client.get(f"/api/v1/employers/{second['id']}").json() == second


def test_employer_rejected_when_station_unknown(client):
    response = client.post("/api/v1/employers", json=employer_body(station_id=99999))

    assert_invalid(response, "station_id")
    assert count(client, "employers") == 0


def test_employers_filtered_by_name_part_credit_code_and_region_prefix(client):
    dongguan = create_employer(client, name="东莞鸿达电子", region_code="4419")
    create_employer(client, name="昆明建材", region_code="530113")

    by_name = client.get("/api/v1/employers", params={"q": "鸿达"}).json()
    by_code = client.get(
        "/api/v1/employers", params={"credit_code": dongguan["credit_code"].lower()}
    ).json()
    by_region = client.get("/api/v1/employers", params={"region_code": "44"}).json()

    for page in (by_name, by_code, by_region):
        assert [e["id"] for e in page["items"]] == [dongguan["id"]]


@pytest.mark.parametrize(("field", "pattern"), [("q", "%"), ("region_code", "4_")])
def test_employer_filters_treat_like_wildcards_as_plain_characters(
    client, field, pattern
):
    create_employer(client, name="东莞鸿达电子", region_code="4419")

    assert client.get("/api/v1/employers", params={field: pattern}).json()["total"] == 0
