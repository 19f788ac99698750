from tests.factories import (
    create_employer,
    create_household,
    create_person,
    create_vacancy,
)


def test_health_reports_database_ok(client):
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_registry_round_trip(client):
    household = create_household(client)
    person = create_person(client, household["id"])
    employer = create_employer(client)
    vacancy = create_vacancy(client, employer["id"])

    assert client.get(f"/api/v1/people/{person['id']}").json()["sex"] == "male"
    assert client.get(f"/api/v1/vacancies/{vacancy['id']}").json()["openings"] == 3
