"""Assertions on RFC 9457 problem-details answers."""

from typing import Any

import httpx

PROBLEM_JSON = "application/problem+json"


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """Check ``response`` is a problem of ``status`` and return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys()
    assert body["status"] == status
    return body


def assert_invalid(response: httpx.Response, *fields: str) -> dict[str, str]:
    """Check ``response`` is a 422 naming exactly ``fields``; return their messages."""
    body = assert_problem(response, 422)
    errors = body["errors"]
    assert all(e.keys() == {"field", "message"} and e["message"] for e in errors)
    named = {e["field"]: e["message"] for e in errors}
    assert set(named) == set(fields), errors
    for field in fields:
        assert field in body["detail"]
    return named
