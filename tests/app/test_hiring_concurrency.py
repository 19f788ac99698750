"""Hires racing for the last opening, or for the same person, over real HTTP."""

import threading
from typing import Any

import httpx

from app.clock import today
from tests.conftest import ADMIN_KEY
from tests.factories import (
    create_employer,
    create_household,
    create_person,
    create_referral,
    create_vacancy,
    move,
)

ROUNDS = 6


def _interviewed(client, person_id: int, vacancy_id: int) -> int:
    referral = create_referral(client, person_id, vacancy_id, status="referred")
    assert move(client, referral["id"], "interviewed").status_code == 200
    return referral["id"]  # type: ignore[no-any-return]


def _hire_all_at_once(live_server: str, referral_ids: list[int]) -> list[int]:
    """Send one hire per referral from its own thread, released together."""
    start = threading.Barrier(len(referral_ids))
    statuses: list[Any] = [None] * len(referral_ids)
    body = {"to": "hired", "started_on": today().isoformat(), "monthly_wage": 4200}
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}

    def send(index: int) -> None:
        with httpx.Client(base_url=live_server, headers=headers, timeout=60) as http:
            path = f"/api/v1/referrals/{referral_ids[index]}/transitions"
            start.wait()
            statuses[index] = http.post(path, json=body).status_code

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(statuses))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_two_officers_hiring_for_the_last_opening_one_wins(client, live_server):
    household = create_household(client)
    employer = create_employer(client)

    for _ in range(ROUNDS):
        vacancy = create_vacancy(client, employer["id"], openings=1)
        racers = [
            _interviewed(
                client, create_person(client, household["id"])["id"], vacancy["id"]
            )
            for _ in range(2)
        ]

        statuses = _hire_all_at_once(live_server, racers)

        assert sorted(statuses) == [200, 409]
        read = client.get(f"/api/v1/vacancies/{vacancy['id']}").json()
        assert (read["openings_filled"], read["status"]) == (1, "filled")
        placements = client.get(
            "/api/v1/placements", params={"vacancy_id": vacancy["id"]}
        ).json()
        assert placements["total"] == 1
        loser = racers[statuses.index(409)]
        assert client.get(f"/api/v1/referrals/{loser}").json()["status"] != "hired"


def test_many_hires_never_fill_more_openings_than_offered(client, live_server):
    household = create_household(client)
    employer = create_employer(client)
    vacancy = create_vacancy(client, employer["id"], openings=3)
    racers = [
        _interviewed(
            client, create_person(client, household["id"])["id"], vacancy["id"]
        )
        for _ in range(8)
    ]

    statuses = _hire_all_at_once(live_server, racers)

    assert sorted(statuses) == [200] * 3 + [409] * 5
    read = client.get(f"/api/v1/vacancies/{vacancy['id']}").json()
    assert (read["openings_filled"], read["openings_left"]) == (3, 0)
    assert (
        client.get("/api/v1/placements", params={"vacancy_id": vacancy["id"]}).json()[
            "total"
        ]
        == 3
    )


def test_one_person_hired_for_two_vacancies_at_once_gets_one_placement(
    client, live_server
):
    household = create_household(client)
    person = create_person(client, household["id"])
    employer = create_employer(client)

    for _ in range(ROUNDS // 2):
        vacancies = [create_vacancy(client, employer["id"]) for _ in range(2)]
        racers = [_interviewed(client, person["id"], v["id"]) for v in vacancies]

        statuses = _hire_all_at_once(live_server, racers)

        assert sorted(statuses) == [200, 409]
        current = client.get(
            "/api/v1/placements", params={"person_id": person["id"], "is_current": True}
        ).json()["items"]
        assert len(current) == 1
        filled = [
            client.get(f"/api/v1/vacancies/{v['id']}").json()["openings_filled"]
            for v in vacancies
        ]
        assert sorted(filled) == [0, 1]
        client.post(
            f"/api/v1/placements/{current[0]['id']}/end",
            json={"ended_on": today().isoformat(), "reason": "quit"},
        )
