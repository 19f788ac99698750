"""Create requests repeated with one Idempotency-Key create one record."""

import threading

import httpx
import pytest

from tests.conftest import ADMIN_KEY
from tests.factories import (
    bearer,
    count,
    create_api_key,
    create_employer,
    employer_body,
    household_body,
    vacancy_body,
)
from tests.problems import assert_problem


def _post(client, path, body, key):
    return client.post(f"/api/v1/{path}", json=body, headers={"Idempotency-Key": key})


def test_same_key_and_body_replay_the_first_answer_and_create_once(client):
    body = vacancy_body(create_employer(client)["id"])

    first = _post(client, "vacancies", body, "post-vacancy-1")
    again = _post(client, "vacancies", body, "post-vacancy-1")

    assert (first.status_code, again.status_code) == (201, 201)
    assert "Idempotent-Replayed" not in first.headers
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert count(client, "vacancies") == 1


@pytest.mark.parametrize(
    ("path", "make_body"),
    [("households", household_body), ("employers", employer_body)],
)
def test_replay_holds_for_every_create_route(client, path, make_body):
    body = make_body()

    first = _post(client, path, body, "same")
    again = _post(client, path, body, "same")

    assert again.json()["id"] == first.json()["id"]
    assert count(client, path) == 1


def test_replay_returns_first_answer_even_after_the_record_changed(client):
    body = household_body()
    first = _post(client, "households", body, "k").json()
    client.patch(
        f"/api/v1/households/{first['id']}", json={"version": 1, "room": "101"}
    )

    again = _post(client, "households", body, "k")

    assert again.json() == first


def test_same_key_with_different_body_is_409_and_creates_nothing(client):
    employer_id = create_employer(client)["id"]
    _post(client, "vacancies", vacancy_body(employer_id, openings=3), "reused")

    response = _post(
        client, "vacancies", vacancy_body(employer_id, openings=4), "reused"
    )

    body = assert_problem(response, 409)
    assert "Idempotency-Key" in body["detail"]
    assert count(client, "vacancies") == 1


def test_same_key_on_another_route_is_409(client):
    _post(client, "households", household_body(), "shared")

    assert_problem(_post(client, "employers", employer_body(), "shared"), 409)
    assert count(client, "employers") == 0


def test_different_keys_create_two_records(client):
    body = household_body()
    first = _post(client, "households", body, "a")

    second = _post(client, "households", body | {"household_no": "DC-OTHER"}, "b")

    assert second.status_code == 201
    assert second.json()["id"] != first.json()["id"]
    assert count(client, "households") == 2


def test_key_is_free_again_after_a_failed_create(client):
    taken = household_body()
    client.post("/api/v1/households", json=taken)
    assert_problem(_post(client, "households", taken, "retry"), 409)

    response = _post(client, "households", taken | {"household_no": "DC-NEW"}, "retry")

    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response.headers


def test_keys_of_different_callers_do_not_collide(client):
    officer = create_api_key(client, "officer")["key"]
    body = household_body()
    _post(client, "households", body, "mine")

    response = client.post(
        "/api/v1/households",
        json=body | {"household_no": "DC-OFFICER"},
        headers={"Idempotency-Key": "mine"} | bearer(officer),
    )

    assert response.status_code == 201
    assert count(client, "households") == 2


def test_concurrent_requests_with_one_key_create_one_record(client, live_server):
    body = vacancy_body(create_employer(client)["id"])
    senders = 8
    start = threading.Barrier(senders)
    answers: list[httpx.Response | None] = [None] * senders

    def send(index: int) -> None:
        headers = {"Authorization": f"Bearer {ADMIN_KEY}", "Idempotency-Key": "race"}
        with httpx.Client(base_url=live_server, headers=headers) as http:
            start.wait()
            answers[index] = http.post("/api/v1/vacancies", json=body, timeout=30)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert all(a is not None and a.status_code == 201 for a in answers), answers
    assert len({a.json()["id"] for a in answers}) == 1
    replayed = [a.headers.get("Idempotent-Replayed") for a in answers]
    assert replayed.count(None) == 1
    assert count(client, "vacancies") == 1
