"""One household's whole story, through the API, and the reports it leaves behind.

Day 0 is today. A welder and a student are registered 200 days ago with no one at
work, so a zero-employment case opens. The welder is shortlisted, referred and hired
20 days later, followed up, dismissed 60 days ago (the household turns yellow and a
new case opens), then placed again 40 days ago (green, case cleared).
"""

from datetime import date, timedelta

from app.clock import today
from tests.factories import (
    create_employer,
    create_household,
    create_person,
    create_referral,
    create_vacancy,
    id_number,
    move,
    station_id,
)


def _day(offset: int) -> date:
    return today() + timedelta(days=offset)


def _iso(offset: int) -> str:
    return _day(offset).isoformat()


def _report(client, as_of: int, since: int) -> dict:
    response = client.get(
        "/api/v1/reports/employment",
        params={"as_of": _iso(as_of), "since": _iso(since)},
    )
    assert response.status_code == 200, response.text
    return response.json()


def _hire(client, referral_id: int, started: int, wage: int) -> dict:
    response = move(
        client, referral_id, "hired", started_on=_iso(started), monthly_wage=wage
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_a_household_from_zero_employment_to_a_second_placement(client):
    household = create_household(client, site="铜都安置区", community="幸福社区")
    path = f"/api/v1/households/{household['id']}"
    welder = create_person(
        client,
        household["id"],
        registered_on=_iso(-200),
        id_number=id_number(date(1985, 4, 2)),
    )
    create_person(
        client,
        household["id"],
        name="张小梅",
        registered_on=_iso(-200),
        employment_status="studying",
        is_seeking_work=False,
        id_number=id_number(date(2008, 9, 1), female=True),
    )

    # Registered with no one at work: a case opened on registration, 30 days to clear.
    status = client.get(f"{path}/employment").json()
    assert (status["labour_force"], status["employed"]) == (1, 0)
    assert status["is_zero_employment"] is True
    assert status["open_case"]["opened_on"] == _iso(-200)
    assert status["open_case"]["deadline_on"] == _iso(-170)
    assert status["open_case"]["is_overdue"] is True

    # A shortlist for a workshop vacancy puts the welder forward.
    employer = create_employer(client)
    workshop = create_vacancy(client, employer["id"], channel="workshop", openings=1)
    shortlists = client.get(
        "/api/v1/shortlists", params={"vacancy_id": [workshop["id"]]}
    ).json()
    [shortlist] = shortlists["items"]
    assert [c["person_id"] for c in shortlist["items"]] == [welder["id"]]

    # Referred, interviewed, hired 180 days ago at 4,500 yuan.
    referral = create_referral(client, welder["id"], workshop["id"])
    for step in ("referred", "interviewed"):
        assert move(client, referral["id"], step).status_code == 200
    first = _hire(client, referral["id"], -180, 4500)
    assert client.get(path).json()["is_zero_employment"] is False
    vacancy = client.get(f"/api/v1/vacancies/{workshop['id']}").json()
    assert (vacancy["status"], vacancy["openings_left"]) == ("filled", 0)

    # The one-month follow-up: still at work.
    follow_ups = client.get(
        "/api/v1/follow-ups", params={"placement_id": first["placement_id"]}
    ).json()["items"]
    assert [f["month"] for f in follow_ups] == [1, 3, 6]
    recorded = client.patch(
        f"/api/v1/follow-ups/{follow_ups[0]['id']}",
        json={
            "version": follow_ups[0]["version"],
            "contacted_on": _iso(-150),
            "is_still_employed": True,
            "monthly_wage": 4500,
        },
    )
    assert recorded.status_code == 200, recorded.text

    # Dismissed 60 days ago: seeking work again, yellow, a new case.
    ended = client.post(
        f"/api/v1/placements/{first['placement_id']}/end",
        json={"ended_on": _iso(-60), "reason": "dismissed"},
    )
    assert ended.status_code == 200, ended.text
    household_now = client.get(path).json()
    assert household_now["alert_level"] == "yellow"
    assert household_now["is_zero_employment"] is True
    alerts = client.get(f"{path}/alerts").json()["items"]
    assert [(a["to_level"], a["reason"]) for a in alerts] == [
        ("green", "registered"),
        ("yellow", "job_lost"),
    ]

    # Placed again 40 days ago through the 浙江 station, at 5,200 yuan.
    station = create_vacancy(
        client,
        employer["id"],
        channel="station",
        station_id=station_id(client, "浙江"),
        openings=5,
    )
    second_referral = create_referral(
        client, welder["id"], station["id"], status="referred"
    )
    move(client, second_referral["id"], "interviewed")
    second = _hire(client, second_referral["id"], -40, 5200)
    assert client.get(path).json()["alert_level"] == "green"

    cases = client.get(
        "/api/v1/zero-employment-cases", params={"household_id": household["id"]}
    ).json()["items"]
    cleared = sorted((c["opened_on"], c["cleared_on"]) for c in cases)
    assert cleared == [(_iso(-200), _iso(-180)), (_iso(-60), _iso(-40))]
    employment = client.get(f"/api/v1/people/{welder['id']}/employment").json()
    # Employed days -180..-61 (120) and -40..0 (41): 161, under six months.
    assert employment["days_employed"] == 161
    assert employment["current_placement_id"] == second["placement_id"]
    assert employment["is_stably_employed"] is False

    # Today: 1 in the labour force (the student is not), 1 employed, 2 placed since
    # day -200, two cases cleared in 20 days each.
    now = _report(client, as_of=0, since=-200)["district"]
    assert now == now | {
        "labour_force": 1,
        "employed": 1,
        "employment_rate": 1.0,
        "stably_employed": 0,
        "placed": 2,
    }
    assert now["placed_by_channel"]["workshop"] == 1
    assert now["placed_by_channel"]["station"] == 1
    assert {k: n for k, n in now["placed_by_station"].items() if n} == {"浙江": 1}
    assert now["zero_employment"] == {
        "open": 0,
        "cleared": 2,
        "overdue": 0,
        "median_days_to_clear": 20,
    }

    # 50 days ago the welder was out of work and the second case open, not yet due.
    then = _report(client, as_of=-50, since=-200)["district"]
    assert (then["labour_force"], then["employed"], then["employment_rate"]) == (
        1,
        0,
        0.0,
    )
    assert then["placed"] == 1
    assert then["zero_employment"] == then["zero_employment"] | {
        "open": 1,
        "cleared": 1,
        "overdue": 0,
    }

    # 175 days ago the first case had been cleared 5 days before; 190 days ago it
    # was open and already 10 days in.
    assert _report(client, as_of=-175, since=-200)["district"]["employed"] == 1
    early = _report(client, as_of=-190, since=-200)["district"]
    assert (early["employed"], early["zero_employment"]["open"]) == (0, 1)
