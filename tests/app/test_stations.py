from tests.factories import station_id
from tests.problems import assert_problem

FOUNDING = {"昆明", "广东", "上海", "浙江", "江苏"}


def test_stations_list_the_five_founding_stations(client):
    page = client.get("/api/v1/stations").json()

    assert page["total"] == 5
    assert {s["name"] for s in page["items"]} == FOUNDING
    assert all(s["is_active"] and s["version"] == 1 for s in page["items"])


def test_station_created_then_read_back(client):
    response = client.post(
        "/api/v1/stations",
        json={"name": "深圳", "region_code": "4403", "contact_phone": "020 1234567"},
    )

    assert response.status_code == 201, response.text
    created = response.json()
    assert created["contact_phone"] == "0201234567"
    assert client.get(f"/api/v1/stations/{created['id']}").json() == created


def test_station_rejected_when_name_taken(client):
    response = client.post(
        "/api/v1/stations", json={"name": "广东", "region_code": "44"}
    )

    assert_problem(response, 409)
    assert client.get("/api/v1/stations").json()["total"] == 5


def test_station_patch_changes_only_sent_fields(client):
    guangdong = station_id(client, "广东")

    response = client.patch(
        f"/api/v1/stations/{guangdong}",
        json={"version": 1, "address": "东莞市南城街道", "is_active": False},
    )

    assert response.status_code == 200, response.text
    station = response.json()
    assert (station["address"], station["is_active"]) == ("东莞市南城街道", False)
    assert (station["name"], station["region_code"]) == ("广东", "44")


def test_stations_filtered_by_active_flag(client):
    shanghai = station_id(client, "上海")
    client.patch(
        f"/api/v1/stations/{shanghai}", json={"version": 1, "is_active": False}
    )

    inactive = client.get("/api/v1/stations", params={"is_active": False}).json()
    active = client.get("/api/v1/stations", params={"is_active": True}).json()

    assert [s["name"] for s in inactive["items"]] == ["上海"]
    assert active["total"] == 4


def test_unknown_station_is_not_found(client):
    assert_problem(client.get("/api/v1/stations/99999"), 404)
