"""Response helpers shared by the routes."""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlmodel import Session

from app.api.deps import PageParams
from app.schemas.common import Page
from app.security import Principal
from app.services.idempotency import run_once

T = TypeVar("T", bound=BaseModel)


def page_of(
    schema: type[T], result: tuple[Sequence[Any], int], params: PageParams
) -> Page[T]:
    """Wrap a page of records in the list envelope."""
    rows, total = result
    items = [schema.model_validate(row) for row in rows]
    return Page[T](items=items, total=total, limit=params.limit, offset=params.offset)


def created(
    session: Session,
    principal: Principal,
    idempotency_key: str | None,
    route: str,
    body: BaseModel,
    create: Callable[[], BaseModel],
    status_code: int = 201,
) -> JSONResponse:
    """Answer 201 (or ``status_code``) with the new record, or replay the first
    answer to the same key."""
    # A request's principal always comes from a key (``get_principal``).
    assert principal.api_key_id is not None
    status, content, replayed = run_once(
        session,
        api_key_id=principal.api_key_id,
        key=idempotency_key,
        route=route,
        body=body,
        create=create,
        status_code=status_code,
    )
    headers = {"Idempotent-Replayed": "true"} if replayed else None
    return JSONResponse(content, status_code=status, headers=headers)


# Documented error answers, for the OpenAPI text.
PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
READ_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No or unknown API key", **PROBLEM},
    403: {"description": "The key's role may not do this", **PROBLEM},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **READ_ERRORS,
    409: {"description": "Duplicate, stale version or reused key", **PROBLEM},
    422: {"description": "Invalid fields, each named in `errors`", **PROBLEM},
}
ITEM_ERRORS: dict[int | str, dict[str, Any]] = {
    **READ_ERRORS,
    404: {"description": "No such record for this key", **PROBLEM},
}
