import pytest

from tests.factories import create_employer, create_vacancy, station_id
from tests.problems import assert_problem


def test_vacancy_created_then_read_back(client):
    employer = create_employer(client)

    vacancy = create_vacancy(client, employer["id"], has_housing=True)

    assert (vacancy["status"], vacancy["version"], vacancy["openings"]) == (
        "open",
        1,
        3,
    )
    assert vacancy["has_housing"] is True
    assert client.get(f"/api/v1/vacancies/{vacancy['id']}").json() == vacancy


def test_station_vacancy_names_its_station(client):
    employer = create_employer(client)
    guangdong = station_id(client, "广东")

    vacancy = create_vacancy(
        client,
        employer["id"],
        channel="station",
        station_id=guangdong,
        region_code="4419",
    )

    assert (vacancy["channel"], vacancy["station_id"]) == ("station", guangdong)


def test_vacancy_patch_changes_status_and_openings(client):
    vacancy = create_vacancy(client, create_employer(client)["id"])

    response = client.patch(
        f"/api/v1/vacancies/{vacancy['id']}",
        json={"version": 1, "status": "filled", "openings": 1},
    )

    assert response.status_code == 200, response.text
    changed = response.json()
    assert (changed["status"], changed["openings"], changed["version"]) == (
        "filled",
        1,
        2,
    )
    assert changed["title"] == vacancy["title"]


def test_unknown_vacancy_is_not_found(client):
    body = assert_problem(client.get("/api/v1/vacancies/99999"), 404)

    assert "99999" in body["detail"]


def test_vacancies_in_a_province_found_by_its_prefix(client):
    employer = create_employer(client)
    dongguan = create_vacancy(client, employer["id"], region_code="4419")
    create_vacancy(client, employer["id"], region_code="530113")

    page = client.get("/api/v1/vacancies", params={"region_code": "44"}).json()

    assert [v["id"] for v in page["items"]] == [dongguan["id"]]
    assert page["total"] == 1


def test_vacancies_filtered_by_each_listed_field(client):
    first, second = create_employer(client), create_employer(client)
    guangdong, jiangsu = station_id(client, "广东"), station_id(client, "江苏")
    park = create_vacancy(client, first["id"], occupation_code="6-18-02-04")
    welfare = create_vacancy(
        client,
        first["id"],
        title="道路保洁员",
        channel="public_welfare",
        status="closed",
    )
    canton = create_vacancy(
        client,
        second["id"],
        channel="station",
        station_id=guangdong,
        region_code="4419",
        occupation_code="6-18-01-01",
        has_housing=True,
    )
    suzhou = create_vacancy(
        client,
        second["id"],
        channel="station",
        station_id=jiangsu,
        region_code="3205",
        occupation_code="4-07-05-01",
        has_housing=True,
    )

    def ids(**filters):
        page = client.get("/api/v1/vacancies", params=filters).json()
        return [v["id"] for v in page["items"]]

    assert ids(channel="station") == [canton["id"], suzhou["id"]]
    assert ids(channel="public_welfare") == [welfare["id"]]
    assert ids(station_id=jiangsu) == [suzhou["id"]]
    assert ids(employer_id=first["id"]) == [park["id"], welfare["id"]]
    assert ids(status="closed") == [welfare["id"]]
    assert ids(status="open") == [park["id"], canton["id"], suzhou["id"]]
    assert ids(region_code="32") == [suzhou["id"]]
    assert ids(region_code="5301") == [park["id"], welfare["id"]]
    assert ids(occupation_code="6-18") == [park["id"], canton["id"]]
    assert ids(occupation_code="6-18-02-04") == [park["id"]]
    assert ids(has_housing=True) == [canton["id"], suzhou["id"]]
    assert ids(has_housing=False) == [park["id"], welfare["id"]]
    assert ids(channel="station", region_code="44", has_housing=True) == [canton["id"]]


@pytest.mark.parametrize("field", ["region_code", "occupation_code"])
@pytest.mark.parametrize("pattern", ["%", "4_", "_"])
def test_prefix_filters_treat_like_wildcards_as_plain_characters(
    client, field, pattern
):
    create_vacancy(
        client,
        create_employer(client)["id"],
        region_code="4419",
        occupation_code="4-07-05-01",
    )

    page = client.get("/api/v1/vacancies", params={field: pattern}).json()

    assert page["total"] == 0
