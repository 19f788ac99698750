"""Domain errors and their rendering as RFC 9457 problem details.

DomainError                 any refusal the service explains to the caller
├── InvalidInput      422   fields that fail a check; names each field
├── Unauthorized      401   no API key, or one that is unknown or revoked
├── Forbidden         403   a known key without the right for this action
├── NotFound          404   no record with that id (or none the key may see)
├── Conflict          409   duplicate unique value, stale version, reused key
└── DatabaseBusy      503   the database stayed locked past its timeout
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"

ExceptionHandler = Callable[[Request, Exception], Awaitable[JSONResponse]]


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str


class DomainError(Exception):
    """Base of every error the service reports to its caller."""

    status_code = 400
    title = "Bad request"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class InvalidInput(DomainError):
    """Raised when one or more fields fail a check; each is named."""

    status_code = 422
    title = "Invalid input"

    def __init__(self, errors: list[FieldError], detail: str | None = None) -> None:
        fields = ", ".join(e.field for e in errors)
        super().__init__(detail or f"Invalid value in: {fields}")
        self.errors = errors

    @classmethod
    def one(cls, field: str, message: str) -> "InvalidInput":
        return cls([FieldError(field, message)])


class Unauthorized(DomainError):
    """Raised when the request has no API key, or an unknown or revoked one."""

    status_code = 401
    title = "Unauthorized"


class Forbidden(DomainError):
    """Raised when the caller's role or scope does not allow the action."""

    status_code = 403
    title = "Forbidden"


class NotFound(DomainError):
    """Raised when a record does not exist or is outside the caller's scope."""

    status_code = 404
    title = "Not found"

    @classmethod
    def record(cls, kind: str, record_id: int) -> "NotFound":
        return cls(f"No {kind} with id {record_id}")


class Conflict(DomainError):
    """Raised on a duplicate unique value, a stale version or a reused request key."""

    status_code = 409
    title = "Conflict"


class DatabaseBusy(DomainError):
    """Raised when a writer waits for the database longer than its busy timeout."""

    status_code = 503
    title = "Service unavailable"


def problem(status: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    """Build a problem-details response."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return JSONResponse(body | extra, status_code=status, media_type=PROBLEM_JSON)


def _field_name(loc: tuple[int | str, ...]) -> str:
    parts = (
        list(loc[1:])
        if loc and loc[0] in ("body", "query", "path", "header")
        else list(loc)
    )
    name = ""
    for part in parts:
        if isinstance(part, int):
            name += f"[{part}]"
        elif not name:
            name = part
        elif not part.startswith(("function-", "function_")):
            name += f".{part}"
    return name or (str(loc[0]) if loc else "body")


def _message(error: dict[str, Any]) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown field"
    if error["type"] == "missing":
        return "is required"
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _field(error: dict[str, Any]) -> str:
    # Unparsable JSON is located by character offset, which names no field.
    if error["type"] == "json_invalid":
        return "body"
    return _field_name(tuple(error["loc"]))


def validation_errors(errors: Any) -> list[FieldError]:
    """Turn pydantic's error list into named field errors."""
    return [FieldError(_field(e), _message(e)) for e in errors]


# Looks at a body that failed validation and names further bad fields, skipping those
# already named.
BodyCheck = Callable[[Request, dict[str, Any], set[str]], Awaitable[list["FieldError"]]]


def _render_invalid(errors: list[FieldError], detail: str) -> JSONResponse:
    listed = [{"field": e.field, "message": e.message} for e in errors]
    return problem(422, InvalidInput.title, detail, errors=listed)


async def _on_domain_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    if isinstance(exc, InvalidInput):
        return _render_invalid(exc.errors, exc.detail)
    response = problem(exc.status_code, exc.title, exc.detail)
    if isinstance(exc, Unauthorized):
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


def _validation_handler(body_check: BodyCheck | None) -> ExceptionHandler:
    async def on_request_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = validation_errors(exc.errors())
        if body_check is not None and isinstance(exc.body, dict):
            errors += await body_check(request, exc.body, {e.field for e in errors})
        fields = ", ".join(dict.fromkeys(e.field for e in errors))
        return _render_invalid(errors, f"Invalid value in: {fields}")

    return on_request_validation


async def _on_http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "Error")
    response = problem(exc.status_code, title, str(exc.detail))
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


async def _on_unexpected(_: Request, __: Exception) -> JSONResponse:
    # Starlette re-raises the error after this answer, and the server logs it once.
    return problem(500, "Internal error", "The server failed; the error is logged.")


def install_error_handlers(app: FastAPI, body_check: BodyCheck | None = None) -> None:
    """Render every error the app can raise as problem details.

    ``body_check`` adds errors to a body that failed validation, for the fields that
    passed it (say, ids that point at no record), so one answer names every bad field.
    """
    app.add_exception_handler(DomainError, _on_domain_error)
    app.add_exception_handler(RequestValidationError, _validation_handler(body_check))
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_unexpected)
