import pytest

from app.db import session_scope
from app.models import Household
from tests.factories import create_household
from tests.problems import assert_invalid

LISTS = ["stations", "employers", "households", "people", "vacancies", "api-keys"]


def test_list_answers_envelope_with_items_total_limit_and_offset(client):
    households = [create_household(client) for _ in range(5)]

    page = client.get("/api/v1/households", params={"limit": 2, "offset": 1}).json()

    assert page.keys() == {"items", "total", "limit", "offset"}
    assert [h["id"] for h in page["items"]] == [h["id"] for h in households[1:3]]
    assert (page["total"], page["limit"], page["offset"]) == (5, 2, 1)


def test_offset_past_the_end_gives_empty_page_with_total(client):
    create_household(client)

    page = client.get("/api/v1/households", params={"offset": 10}).json()

    assert (page["items"], page["total"], page["offset"]) == ([], 1, 10)


def test_default_page_size_is_50(client):
    assert client.get("/api/v1/stations").json()["limit"] == 50


@pytest.mark.parametrize("path", LISTS)
def test_limit_above_maximum_is_clamped_to_200(client, path):
    page = client.get(f"/api/v1/{path}", params={"limit": 1000}).json()

    assert page["limit"] == 200


def test_clamped_limit_returns_at_most_200_rows(client, engine):
    with session_scope(engine, write=True) as session:
        session.add_all(
            Household(household_no=f"B-{n}", site="s", community="c", origin_town="t")
            for n in range(205)
        )

    page = client.get("/api/v1/households", params={"limit": 1000}).json()

    assert (len(page["items"]), page["total"], page["limit"]) == (200, 205, 200)


@pytest.mark.parametrize("path", LISTS)
def test_limit_zero_and_negative_offset_rejected_naming_both(client, path):
    response = client.get(f"/api/v1/{path}", params={"limit": 0, "offset": -1})

    assert_invalid(response, "limit", "offset")


def test_non_numeric_limit_rejected_naming_limit(client):
    assert_invalid(client.get("/api/v1/vacancies", params={"limit": "many"}), "limit")
