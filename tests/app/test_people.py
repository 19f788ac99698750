from datetime import date, datetime
from zoneinfo import ZoneInfo

from app.identity import id_check_character
from tests.factories import count, create_household, create_person, id_number
from tests.problems import assert_invalid, assert_problem


def _years_since(born: date) -> int:
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    had_birthday = (today.month, today.day) >= (born.month, born.day)
    return today.year - born.year - (0 if had_birthday else 1)


def test_person_birth_date_sex_and_age_derived_from_id_number(client):
    household = create_household(client)

    person = create_person(
        client, household["id"], id_number=id_number(date(1990, 5, 17))
    )

    assert person["birth_on"] == "1990-05-17"
    assert person["sex"] == "male"
    assert person["age"] == _years_since(date(1990, 5, 17))
    assert client.get(f"/api/v1/people/{person['id']}").json() == person


def test_person_with_even_sequence_digit_is_female(client):
    household = create_household(client)

    person = create_person(
        client, household["id"], id_number=id_number(date(2001, 2, 28), female=True)
    )

    assert (person["sex"], person["birth_on"]) == ("female", "2001-02-28")


def test_person_id_number_with_lower_case_x_stored_upper_case(client):
    household = create_household(client)

    person = create_person(client, household["id"], id_number="11010519491231002x")

    assert person["id_number"] == "11010519491231002X"
    assert person["birth_on"] == "1949-12-31"


def test_person_rejected_with_409_when_id_number_taken(client):
    household = create_household(client)
    first = create_person(client, household["id"])

    response = client.post(
        "/api/v1/people",
        json={
            "household_id": household["id"],
            "name": "李春梅",
            "id_number": first["id_number"],
        },
    )

    assert_problem(response, 409)
    assert count(client, "people") == 1


def test_person_patch_to_taken_id_number_is_409_and_changes_nothing(client):
    household = create_household(client)
    first = create_person(client, household["id"])
    second = create_person(client, household["id"])

    response = client.patch(
        f"/api/v1/people/{second['id']}",
        json={"version": 1, "id_number": first["id_number"]},
    )

    assert_problem(response, 409)
    assert client.get(f"/api/v1/people/{second['id']}").json() == second


def test_person_patch_of_id_number_derives_birth_date_and_sex_again(client):
    household = create_household(client)
    person = create_person(client, household["id"])
    first17 = "53011319851103004"

    response = client.patch(
        f"/api/v1/people/{person['id']}",
        json={"version": 1, "id_number": first17 + id_check_character(first17)},
    )

    assert response.status_code == 200, response.text
    changed = response.json()
    assert (changed["birth_on"], changed["sex"]) == ("1985-11-03", "female")
    assert changed["age"] == _years_since(date(1985, 11, 3))


def test_person_patch_changes_seeking_flag_and_skills(client):
    household = create_household(client)
    person = create_person(client, household["id"])

    response = client.patch(
        f"/api/v1/people/{person['id']}",
        json={
            "version": 1,
            "is_seeking_work": False,
            "employment_status": "employed",
            "skills": ["叉车驾驶", "叉车驾驶", "电焊"],
        },
    )

    assert response.status_code == 200, response.text
    changed = response.json()
    assert (changed["is_seeking_work"], changed["employment_status"]) == (
        False,
        "employed",
    )
    assert changed["skills"] == ["叉车驾驶", "电焊"]
    assert changed["name"] == person["name"]


def test_person_rejected_when_household_unknown(client):
    response = client.post(
        "/api/v1/people",
        json={"household_id": 99999, "name": "张国强", "id_number": id_number()},
    )

    body = assert_problem(response, 422)
    assert [e["field"] for e in body["errors"]] == ["household_id"]
    assert count(client, "people") == 0


def test_people_filtered_by_household_status_seeking_site_community_and_id(client):
    tongdu = create_household(client, site="铜都安置区", community="幸福社区")
    bigu = create_household(client, site="碧谷安置区", community="和谐社区")
    seeker = create_person(client, tongdu["id"])
    worker = create_person(
        client, tongdu["id"], employment_status="employed", is_seeking_work=False
    )
    neighbour = create_person(client, bigu["id"])

    def ids(**filters):
        page = client.get("/api/v1/people", params=filters).json()
        return [p["id"] for p in page["items"]]

    assert ids(household_id=tongdu["id"]) == [seeker["id"], worker["id"]]
    assert ids(employment_status="employed") == [worker["id"]]
    assert ids(is_seeking_work=True) == [seeker["id"], neighbour["id"]]
    assert ids(is_seeking_work=False) == [worker["id"]]
    assert ids(site="碧谷安置区") == [neighbour["id"]]
    assert ids(community="幸福社区") == [seeker["id"], worker["id"]]
    assert ids(community="幸福社区", is_seeking_work=True) == [seeker["id"]]
    assert ids(id_number=neighbour["id_number"].lower()) == [neighbour["id"]]
    assert ids(site="碧谷安置区", community="幸福社区") == []


def test_person_patch_to_an_id_number_born_after_registration_is_refused(client):
    household = create_household(client)
    person = create_person(client, household["id"], registered_on="2020-03-01")
    later = id_number(date(2021, 6, 1))

    response = client.patch(
        f"/api/v1/people/{person['id']}",
        json={"version": person["version"], "id_number": later},
    )

    assert "2020-03-01" in assert_invalid(response, "id_number")["id_number"]
    read = client.get(f"/api/v1/people/{person['id']}").json()
    assert read["id_number"] == person["id_number"]
