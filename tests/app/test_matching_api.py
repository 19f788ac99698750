"""Candidate lists and recommendations over HTTP, on the real database."""

from datetime import date
from typing import Any

from fastapi.testclient import TestClient

from tests.factories import (
    bearer,
    create_api_key,
    create_employer,
    create_household,
    create_person,
    create_vacancy,
    id_number,
)
from tests.problems import assert_invalid, assert_problem

WELDING_CERTIFICATE = "焊工证"


def _candidates(client: TestClient, vacancy_id: int, **params: Any) -> dict[str, Any]:
    response = client.get(f"/api/v1/vacancies/{vacancy_id}/candidates", params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _people(client: TestClient) -> dict[str, int]:
    """A welder with a certificate, a cleaner, and a welder in a 零就业 household."""
    household = create_household(client)["id"]
    welder = create_person(
        client,
        household,
        skills=["电焊", "氩弧焊"],
        certificates=[WELDING_CERTIFICATE],
        desired_occupations=["电焊工"],
        id_number=id_number(date(1985, 3, 1)),
    )
    cleaner = create_person(
        client,
        household,
        skills=["保洁"],
        certificates=[],
        desired_occupations=["保洁员"],
        id_number=id_number(date(1980, 3, 1), female=True),
    )
    return {"welder": welder["id"], "cleaner": cleaner["id"], "household": household}


def test_welder_with_certificate_ranks_above_cleaner(client: TestClient) -> None:
    people = _people(client)
    employer = create_employer(client)["id"]
    vacancy = create_vacancy(client, employer, certificates=[WELDING_CERTIFICATE])

    page = _candidates(client, vacancy["id"])

    ranked = [item["person_id"] for item in page["items"]]
    assert ranked[0] == people["welder"]
    assert people["cleaner"] not in ranked
    first = page["items"][0]
    assert 0 < first["score"] <= 1
    explanation = first["explanation"]
    assert explanation["matched_skills"] == ["焊接"]  # 电焊, by its canonical name
    assert explanation["matched_certificates"]
    weights = sum(c["weight"] for c in explanation["components"])
    assert abs(weights - 1) < 1e-3
    parts = sum(c["value"] * c["weight"] for c in explanation["components"])
    assert abs(parts - first["score"]) < 1e-3
    assert explanation["summary"]


def test_missing_required_certificate_excludes(client: TestClient) -> None:
    household = create_household(client)["id"]
    uncertified = create_person(client, household, certificates=[])
    employer = create_employer(client)["id"]
    vacancy = create_vacancy(client, employer, certificates=[WELDING_CERTIFICATE])

    page = _candidates(client, vacancy["id"])

    assert uncertified["id"] not in [i["person_id"] for i in page["items"]]


def test_full_or_closed_vacancy_gets_no_candidates_and_a_reason(
    client: TestClient,
) -> None:
    _people(client)
    employer = create_employer(client)["id"]
    vacancy = create_vacancy(client, employer, status="closed")

    page = _candidates(client, vacancy["id"])

    assert page["items"] == []
    assert page["total"] == 0
    assert page["reason"]


def test_vacancy_with_nothing_to_match_gives_reason_not_error(
    client: TestClient,
) -> None:
    _people(client)
    employer = create_employer(client)["id"]
    vacancy = create_vacancy(client, employer, title="！！！", skills=[])

    page = _candidates(client, vacancy["id"])

    assert page["items"] == []
    assert "无法匹配" in page["reason"]


def test_unknown_vacancy_or_person_is_404(client: TestClient) -> None:
    assert_problem(client.get("/api/v1/vacancies/999999/candidates"), 404)
    assert_problem(client.get("/api/v1/people/999999/recommendations"), 404)


def test_bad_weights_are_refused_naming_the_field(client: TestClient) -> None:
    employer = create_employer(client)["id"]
    vacancy = create_vacancy(client, employer)
    path = f"/api/v1/vacancies/{vacancy['id']}/candidates"

    for bad in ("location:-1", "speed:0.5", "wage", "occupation:0,skills:0", "x:y"):
        response = client.get(path, params={"weights": bad})
        assert_invalid(response, "weights")


def test_request_weights_reorder_and_name_their_version(client: TestClient) -> None:
    household = create_household(client)["id"]
    near = create_person(
        client,
        household,
        skills=["电焊"],
        desired_regions=["530113"],
        certificates=[],
        min_monthly_wage=7000,
    )
    far = create_person(
        client,
        household,
        skills=["电焊"],
        desired_regions=["44"],
        certificates=[],
        min_monthly_wage=3000,
        id_number=id_number(date(1992, 1, 1)),
    )
    employer = create_employer(client)["id"]
    vacancy = create_vacancy(client, employer, wage_min=4000, wage_max=5000)

    by_place = _candidates(client, vacancy["id"], weights="location:1,wage:0")
    by_wage = _candidates(client, vacancy["id"], weights="location:0,wage:1")

    assert by_place["items"][0]["person_id"] == near["id"]
    assert by_wage["items"][0]["person_id"] == far["id"]
    assert by_place["weights_version"].endswith("+request")


def test_zero_employment_household_comes_first_among_equals(
    client: TestClient,
) -> None:
    working = create_household(client)["id"]
    create_person(
        client,
        working,
        skills=["保安"],
        employment_status="employed",
        is_seeking_work=False,
        id_number=id_number(date(1970, 1, 1)),
    )
    equal_a = create_person(
        client, working, certificates=[], id_number=id_number(date(1990, 2, 2))
    )
    jobless = create_household(client)["id"]
    equal_b = create_person(
        client, jobless, certificates=[], id_number=id_number(date(1991, 2, 2))
    )
    employer = create_employer(client)["id"]
    vacancy = create_vacancy(client, employer)

    with_priority = _candidates(client, vacancy["id"])
    without = _candidates(client, vacancy["id"], priority=False)

    assert [i["person_id"] for i in with_priority["items"]] == [
        equal_b["id"],
        equal_a["id"],
    ]
    assert "零就业家庭" in with_priority["items"][0]["explanation"]["priority_reasons"]
    assert with_priority["is_priority_applied"] is True
    assert [i["person_id"] for i in without["items"]] == [equal_a["id"], equal_b["id"]]
    assert without["items"][0]["explanation"]["priority_reasons"] == []


def test_employer_sees_own_vacancy_without_household_circumstances(
    client: TestClient,
) -> None:
    jobless = create_household(client)["id"]
    create_person(client, jobless, certificates=[])
    employer = create_employer(client)["id"]
    other = create_employer(client)["id"]
    own = create_vacancy(client, employer)
    foreign = create_vacancy(client, other)
    key = create_api_key(client, "employer", employer_id=employer)["key"]

    page = client.get(f"/api/v1/vacancies/{own['id']}/candidates", headers=bearer(key))
    refused = client.get(
        f"/api/v1/vacancies/{foreign['id']}/candidates", headers=bearer(key)
    )
    no_priority = client.get(
        f"/api/v1/vacancies/{own['id']}/candidates",
        params={"priority": "false"},
        headers=bearer(key),
    )

    assert page.status_code == 200, page.text
    item = page.json()["items"][0]
    assert set(item) == {"person_id", "score", "explanation"}
    assert item["explanation"]["priority_reasons"] == []
    assert "零就业" not in item["explanation"]["summary"]
    assert refused.status_code in (403, 404)
    assert_invalid(no_priority, "priority")
    recommendations = client.get(
        f"/api/v1/people/{item['person_id']}/recommendations", headers=bearer(key)
    )
    assert_problem(recommendations, 403)


def test_flags_age_and_sex_requirements_without_using_them(
    client: TestClient,
) -> None:
    household = create_household(client)["id"]
    woman = create_person(
        client, household, certificates=[], id_number=id_number(female=True)
    )
    employer = create_employer(client)["id"]
    plain = create_vacancy(client, employer)
    flagged = create_vacancy(client, employer, requirements="限男性，18-35岁，本地户口")

    plain_page = _candidates(client, plain["id"])
    flagged_page = _candidates(client, flagged["id"])

    kinds = {f["kind"] for f in flagged_page["flags"]}
    assert kinds == {"age", "sex", "household_registration"}
    assert plain_page["flags"] == []
    assert [i["person_id"] for i in flagged_page["items"]] == [woman["id"]]
    assert flagged_page["items"][0]["score"] == plain_page["items"][0]["score"]


def test_recommendations_rank_open_vacancies_and_see_new_ones(
    client: TestClient,
) -> None:
    household = create_household(client)["id"]
    welder = create_person(client, household, certificates=[])
    employer = create_employer(client)["id"]
    welding = create_vacancy(client, employer)
    create_vacancy(client, employer, title="保洁员", skills=["保洁"])
    create_vacancy(client, employer, status="closed")
    path = f"/api/v1/people/{welder['id']}/recommendations"

    first = client.get(path).json()
    later = create_vacancy(client, employer, wage_min=9000, wage_max=12000)
    second = client.get(path).json()

    assert [i["vacancy_id"] for i in first["items"]] == [welding["id"]]
    assert {i["vacancy_id"] for i in second["items"]} == {welding["id"], later["id"]}


def test_placed_person_gets_reason_and_leaves_candidate_lists(
    client: TestClient,
) -> None:
    household = create_household(client)["id"]
    person = create_person(client, household, certificates=[])
    employer = create_employer(client)["id"]
    vacancy = create_vacancy(client, employer)
    assert _candidates(client, vacancy["id"])["total"] == 1

    client.patch(
        f"/api/v1/people/{person['id']}",
        json={"version": person["version"], "employment_status": "employed"},
    ).raise_for_status()

    assert _candidates(client, vacancy["id"])["total"] == 0
    page = client.get(f"/api/v1/people/{person['id']}/recommendations").json()
    assert page["items"] == []
    assert page["reason"]


def test_filters_by_site_and_minimum_score(client: TestClient) -> None:
    here = create_household(client, site="铜都安置区")["id"]
    there = create_household(client, site="碧谷安置区")["id"]
    a = create_person(client, here, certificates=[])
    create_person(client, there, certificates=[], id_number=id_number(date(1993, 3, 3)))
    employer = create_employer(client)["id"]
    vacancy = create_vacancy(client, employer)

    page = _candidates(client, vacancy["id"], site="铜都安置区")
    high = _candidates(client, vacancy["id"], min_score=0.999)

    assert [i["person_id"] for i in page["items"]] == [a["id"]]
    assert high["items"] == []
    assert high["reason"]


def test_shortlists_cap_lists_and_people(client: TestClient) -> None:
    household = create_household(client)["id"]
    welders = [
        create_person(
            client,
            household,
            certificates=[],
            id_number=id_number(date(1980 + i, 1, 1)),
        )["id"]
        for i in range(5)
    ]
    employer = create_employer(client)["id"]
    first = create_vacancy(client, employer, openings=1)["id"]
    second = create_vacancy(client, employer, openings=1)["id"]
    closed = create_vacancy(client, employer, status="closed")["id"]

    response = client.get(
        "/api/v1/shortlists",
        params={
            "vacancy_id": [first, second, closed],
            "per_opening": 2,
            "max_lists": 1,
        },
    )

    assert response.status_code == 200, response.text
    body = response.json()
    lists = {item["vacancy_id"]: item for item in body["items"]}
    assert [len(lists[v]["items"]) for v in (first, second)] == [2, 2]
    listed = [c["person_id"] for v in (first, second) for c in lists[v]["items"]]
    assert len(set(listed)) == 4
    assert set(listed) <= set(welders)
    assert lists[closed]["items"] == []
    assert lists[closed]["reason"]
    assert body["people"] == 4
    again = client.get(
        "/api/v1/shortlists",
        params={
            "vacancy_id": [first, second, closed],
            "per_opening": 2,
            "max_lists": 1,
        },
    ).json()
    assert again == body


def test_shortlists_refuse_unknown_vacancies_and_bad_caps(client: TestClient) -> None:
    employer = create_employer(client)["id"]
    vacancy = create_vacancy(client, employer)["id"]

    unknown = client.get("/api/v1/shortlists", params={"vacancy_id": [vacancy, 987654]})
    bad_cap = client.get(
        "/api/v1/shortlists", params={"vacancy_id": [vacancy], "max_lists": 0}
    )
    none = client.get("/api/v1/shortlists")

    assert_invalid(unknown, "vacancy_id")
    assert_invalid(bad_cap, "max_lists")
    assert_invalid(none, "vacancy_id")


def test_only_officers_may_build_shortlists(client: TestClient) -> None:
    employer = create_employer(client)["id"]
    vacancy = create_vacancy(client, employer)["id"]
    key = create_api_key(client, "employer", employer_id=employer)["key"]

    response = client.get(
        "/api/v1/shortlists", params={"vacancy_id": [vacancy]}, headers=bearer(key)
    )

    assert_problem(response, 403)
