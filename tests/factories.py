"""Valid test records, built through the API; pass overrides to vary one field."""

import itertools
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient

from app.clock import today
from app.identity import credit_check_character, id_check_character

_serial = itertools.count(1)


def id_number(born: date = date(1990, 5, 17), *, female: bool = False) -> str:
    """Return a valid, unique resident ID number for someone born on ``born``."""
    sequence = next(_serial) % 500 * 2 + (0 if female else 1)
    first17 = f"530113{born:%Y%m%d}{sequence:03d}"
    return first17 + id_check_character(first17)


def credit_code() -> str:
    """Return a valid, unique unified social credit code."""
    first17 = f"91530113MA{next(_serial):07d}"
    return first17 + credit_check_character(first17)


def _post(client: TestClient, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(f"/api/v1/{path}", json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def station_id(client: TestClient, name: str = "广东") -> int:
    stations = client.get("/api/v1/stations").json()["items"]
    return next(s["id"] for s in stations if s["name"] == name)  # type: ignore[no-any-return]


def household_body(**overrides: Any) -> dict[str, Any]:
    return {
        "household_no": f"DC-T-{next(_serial):05d}",
        "site": "铜都安置区",
        "community": "幸福社区",
        "building": "3栋",
        "origin_town": "530113102",
    } | overrides


def create_household(client: TestClient, **overrides: Any) -> dict[str, Any]:
    return _post(client, "households", household_body(**overrides))


def person_body(household_id: int, **overrides: Any) -> dict[str, Any]:
    return {
        "household_id": household_id,
        "name": "张国强",
        "id_number": id_number(),
        "phone": "13987654321",
        "education": "junior_middle",
        "skills": ["电焊"],
        "certificates": ["特种作业操作证（焊接）"],
        "desired_regions": ["530113"],
        "min_monthly_wage": 3000,
    } | overrides


def create_person(
    client: TestClient, household_id: int, **overrides: Any
) -> dict[str, Any]:
    return _post(client, "people", person_body(household_id, **overrides))


def employer_body(**overrides: Any) -> dict[str, Any]:
    return {"name": "东川测试建材有限公司", "credit_code": credit_code()} | overrides


def create_employer(client: TestClient, **overrides: Any) -> dict[str, Any]:
    return _post(client, "employers", employer_body(**overrides))


def vacancy_body(employer_id: int, **overrides: Any) -> dict[str, Any]:
    return {
        "employer_id": employer_id,
        "channel": "park",
        "title": "电焊工",
        "skills": ["电焊"],
        "region_code": "530113",
        "openings": 3,
        "wage_min": 4000,
        "wage_max": 6000,
        "closes_on": (date.today() + timedelta(days=30)).isoformat(),
    } | overrides


def create_vacancy(
    client: TestClient, employer_id: int, **overrides: Any
) -> dict[str, Any]:
    return _post(client, "vacancies", vacancy_body(employer_id, **overrides))


def create_api_key(client: TestClient, role: str, **scope: Any) -> dict[str, Any]:
    """Issue a key through the admin client; the answer's ``key`` is the raw key."""
    return _post(client, "api-keys", {"name": f"test {role}", "role": role} | scope)


def bearer(raw_key: str) -> dict[str, str]:
    """Headers that authenticate as ``raw_key``, replacing the client's default."""
    return {"Authorization": f"Bearer {raw_key}"}


def count(client: TestClient, path: str, **filters: Any) -> int:
    """Return how many records ``GET /api/v1/<path>`` lists with these filters."""
    response = client.get(f"/api/v1/{path}", params=filters)
    assert response.status_code == 200, response.text
    return response.json()["total"]  # type: ignore[no-any-return]


def create_referral(
    client: TestClient, person_id: int, vacancy_id: int, **overrides: Any
) -> dict[str, Any]:
    body = {"person_id": person_id, "vacancy_id": vacancy_id} | overrides
    return _post(client, "referrals", body)


def move(client: TestClient, referral_id: int, to: str, **fields: Any) -> Any:
    """Send one transition; return the response."""
    body = {"to": to} | fields
    return client.post(f"/api/v1/referrals/{referral_id}/transitions", json=body)


def hire(
    client: TestClient,
    person_id: int,
    vacancy_id: int,
    started_on: date | None = None,
    monthly_wage: int = 4500,
) -> dict[str, Any]:
    """Refer, interview and hire; return the hired referral with its placement_id."""
    referral = create_referral(client, person_id, vacancy_id, status="referred")
    assert move(client, referral["id"], "interviewed").status_code == 200
    started_on = started_on or today()
    response = move(
        client,
        referral["id"],
        "hired",
        started_on=started_on.isoformat(),
        monthly_wage=monthly_wage,
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]
