"""Occupations, skills and certificates resolved when vacancies and people are saved."""

from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.conftest import ADMIN_KEY
from tests.factories import (
    bearer,
    create_employer,
    create_household,
    create_person,
    create_vacancy,
    person_body,
    vacancy_body,
)
from tests.problems import assert_invalid

WELDER, GUARD = "6-18-02-04", "4-07-05-01"


def _patch(client, path, **fields):
    response = client.patch(f"/api/v1/{path}", json=fields)
    assert response.status_code == 200, response.text
    return response.json()


def test_vacancy_without_a_code_gets_one_resolved_from_its_title(client):
    title = "电焊师傅（二保焊）月薪8千"

    vacancy = create_vacancy(client, create_employer(client)["id"], title=title)

    assert vacancy["occupation_code"] == WELDER
    assert vacancy["is_occupation_resolved"] is True
    assert 0 < vacancy["occupation_score"] <= 1
    assert vacancy["title"] == title


def test_vacancy_with_an_unresolvable_title_keeps_no_code(client):
    vacancy = create_vacancy(client, create_employer(client)["id"], title="12345")

    assert vacancy["occupation_code"] is None
    assert vacancy["occupation_score"] is None
    assert vacancy["is_occupation_resolved"] is True


def test_vacancy_keeps_the_code_its_client_gave(client):
    vacancy = create_vacancy(
        client, create_employer(client)["id"], title="电焊工", occupation_code=GUARD
    )

    assert vacancy["occupation_code"] == GUARD
    assert vacancy["is_occupation_resolved"] is False
    assert vacancy["occupation_score"] is None


def test_vacancy_with_an_unknown_code_is_refused(client):
    body = vacancy_body(
        create_employer(client)["id"], occupation_code="9-99-99-99", openings=0
    )

    messages = assert_invalid(
        client.post("/api/v1/vacancies", json=body), "occupation_code", "openings"
    )

    assert "9-99-99-99" in messages["occupation_code"]


def test_vacancy_skills_get_their_canonical_names_and_stay_as_sent(client):
    vacancy = create_vacancy(
        client, create_employer(client)["id"], skills=["电焊", "不存在的本事"]
    )

    assert vacancy["skills"] == ["电焊", "不存在的本事"]
    assert vacancy["canonical_skills"]
    assert "不存在的本事" not in vacancy["canonical_skills"]


def test_new_title_resolves_the_occupation_again(client):
    vacancy = create_vacancy(client, create_employer(client)["id"], title="电焊工")

    changed = _patch(client, f"vacancies/{vacancy['id']}", version=1, title="小区保安")

    assert (changed["occupation_code"], changed["is_occupation_resolved"]) == (
        GUARD,
        True,
    )


def test_new_title_replaces_a_given_code_too(client):
    vacancy = create_vacancy(
        client, create_employer(client)["id"], title="电焊工", occupation_code=WELDER
    )

    changed = _patch(client, f"vacancies/{vacancy['id']}", version=1, title="小区保安")

    assert (changed["occupation_code"], changed["is_occupation_resolved"]) == (
        GUARD,
        True,
    )


def test_other_changes_keep_a_given_code(client):
    vacancy = create_vacancy(
        client, create_employer(client)["id"], title="电焊工", occupation_code=GUARD
    )

    changed = _patch(client, f"vacancies/{vacancy['id']}", version=1, openings=9)

    assert (changed["occupation_code"], changed["is_occupation_resolved"]) == (
        GUARD,
        False,
    )


def test_code_given_in_a_patch_replaces_the_resolved_one(client):
    vacancy = create_vacancy(client, create_employer(client)["id"], title="电焊工")

    changed = _patch(
        client, f"vacancies/{vacancy['id']}", version=1, occupation_code=GUARD
    )

    assert (changed["occupation_code"], changed["is_occupation_resolved"]) == (
        GUARD,
        False,
    )
    assert changed["occupation_score"] is None


def test_null_code_in_a_patch_resolves_it_from_the_title(client):
    vacancy = create_vacancy(
        client, create_employer(client)["id"], title="电焊工", occupation_code=GUARD
    )

    changed = _patch(
        client, f"vacancies/{vacancy['id']}", version=1, occupation_code=None
    )

    assert (changed["occupation_code"], changed["is_occupation_resolved"]) == (
        WELDER,
        True,
    )


def test_unknown_code_in_a_patch_is_refused_and_changes_nothing(client):
    vacancy = create_vacancy(client, create_employer(client)["id"])

    response = client.patch(
        f"/api/v1/vacancies/{vacancy['id']}",
        json={"version": 1, "occupation_code": "6-18-02-99"},
    )

    assert_invalid(response, "occupation_code")
    assert client.get(f"/api/v1/vacancies/{vacancy['id']}").json() == vacancy


def test_resolved_fields_are_not_accepted_from_clients(client):
    body = vacancy_body(create_employer(client)["id"], is_occupation_resolved=True)

    assert_invalid(
        client.post("/api/v1/vacancies", json=body), "is_occupation_resolved"
    )


def test_person_gets_occupations_skills_and_certificates_resolved(client):
    household = create_household(client)

    person = create_person(
        client,
        household["id"],
        desired_occupations=["保安"],
        skills=["电焊", "会开铲车也行"],
        certificates=["焊工证"],
    )

    assert person["occupation_codes"][:2] == [GUARD, WELDER]
    assert len(person["occupation_codes"]) == len(set(person["occupation_codes"]))
    assert person["canonical_skills"]
    assert person["canonical_certificates"]
    assert person["skills"] == ["电焊", "会开铲车也行"]
    assert person["desired_occupations"] == ["保安"]


def test_person_phrases_without_words_give_no_occupation(client):
    household = create_household(client)

    person = create_person(
        client, household["id"], desired_occupations=["???"], skills=["123"]
    )

    assert person["occupation_codes"] == []
    assert person["canonical_skills"] == []


def test_person_patch_of_wishes_resolves_again(client):
    person = create_person(client, create_household(client)["id"], skills=[])

    changed = _patch(
        client, f"people/{person['id']}", version=1, desired_occupations=["小区保安"]
    )

    assert changed["occupation_codes"] == [GUARD]


def test_person_derived_fields_are_not_accepted_from_clients(client):
    body = person_body(create_household(client)["id"], occupation_codes=[WELDER])

    assert_invalid(client.post("/api/v1/people", json=body), "occupation_codes")


def test_demo_data_comes_with_resolved_occupations(database_url, engine):
    settings = Settings(
        database_url=database_url, demo_data=True, bootstrap_admin_key=ADMIN_KEY
    )

    with TestClient(create_app(settings, engine=engine)) as client:
        client.headers.update(bearer(ADMIN_KEY))
        vacancies = client.get("/api/v1/vacancies").json()["items"]
        people = client.get("/api/v1/people").json()["items"]

    assert all(v["is_occupation_resolved"] for v in vacancies)
    assert sum(v["occupation_code"] is not None for v in vacancies) >= 8
    assert sum(bool(p["occupation_codes"]) for p in people) >= len(people) * 0.8
