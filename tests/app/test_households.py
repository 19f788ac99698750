from tests.factories import count, create_household, household_body
from tests.problems import assert_invalid, assert_problem


def test_household_created_with_town_name_stores_town_code(client):
    household = create_household(client, origin_town="汤丹镇")

    assert household["origin_town"] == "530113102"
    assert household["alert_level"] == "green"
    assert client.get(f"/api/v1/households/{household['id']}").json() == household


def test_household_rejected_with_409_when_number_taken(client):
    create_household(client, household_no="DC-2025-0001")

    response = client.post(
        "/api/v1/households", json=household_body(household_no="DC-2025-0001")
    )

    assert_problem(response, 409)
    assert count(client, "households") == 1


def test_household_rejected_naming_every_bad_field(client):
    body = household_body(
        origin_town="北京", alert_level="orange", community="社" * 101, floor=3
    )

    response = client.post("/api/v1/households", json=body)

    assert_invalid(response, "origin_town", "alert_level", "community", "floor")
    assert count(client, "households") == 0


def test_household_patch_changes_alert_level_and_bumps_version(client):
    household = create_household(client)

    response = client.patch(
        f"/api/v1/households/{household['id']}",
        json={
            "version": 1,
            "alert_level": "red",
            "alert_reason": "crisis",
            "origin_town": "因民镇",
        },
    )

    assert response.status_code == 200, response.text
    changed = response.json()
    assert (changed["alert_level"], changed["origin_town"]) == ("red", "530113103")
    assert changed["version"] == 2
    assert changed["household_no"] == household["household_no"]


def test_households_filtered_by_site_community_and_alert_level(client):
    tongdu = create_household(client, site="铜都安置区", community="幸福社区")
    bigu = create_household(
        client, site="碧谷安置区", community="和谐社区", alert_level="red"
    )

    def ids(**filters):
        page = client.get("/api/v1/households", params=filters).json()
        return [h["id"] for h in page["items"]]

    assert ids(site="碧谷安置区") == [bigu["id"]]
    assert ids(community="幸福社区") == [tongdu["id"]]
    assert ids(alert_level="red") == [bigu["id"]]
    assert ids(alert_level="green", community="和谐社区") == []
    assert ids(household_no=tongdu["household_no"]) == [tongdu["id"]]
    assert ids(origin_town="530113102") == [tongdu["id"], bigu["id"]]
