"""Dependencies and parameter types shared by the routes: session, caller, paging,
ids and text filters."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Path, Query, Request
from pydantic import AfterValidator
from sqlmodel import Session

from app.config import Settings
from app.db import session_scope
from app.errors import Unauthorized
from app.models.enums import Role
from app.schemas.common import MAX_ID, one_line
from app.security import Principal, find_active_key

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# The id of the record a path names, and an optional filter by a record's id.
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
IdFilter = Annotated[int | None, Query(ge=1, le=MAX_ID)]


def _one_line(value: str | None) -> str | None:
    return None if value is None else one_line(value)


# Refuses a string of a query or path holding a control character: no record holds
# one, and PostgreSQL cannot even compare text with NUL.
ONE_LINE = AfterValidator(_one_line)


def get_session(request: Request) -> Iterator[Session]:
    """Yield the request's session; it commits when the handler returns."""
    write = request.method not in SAFE_METHODS
    with session_scope(request.app.state.engine, write=write) as session:
        yield session


# scope="function": commit before the response is sent, so a failed commit is an error.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_principal(
    session: SessionDep,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Principal:
    """Identify the caller from ``Authorization: Bearer <key>``."""
    if not authorization:
        raise Unauthorized("Send an API key as 'Authorization: Bearer <key>'")
    scheme, _, raw_key = authorization.partition(" ")
    if scheme.lower() != "bearer" or not raw_key.strip():
        raise Unauthorized("Send an API key as 'Authorization: Bearer <key>'")
    key = find_active_key(session, raw_key.strip())
    if key is None or key.id is None:
        raise Unauthorized("Unknown or revoked API key")
    return Principal(
        api_key_id=key.id,
        role=Role(key.role),
        name=key.name,
        station_id=key.station_id,
        employer_id=key.employer_id,
        community=key.community,
    )


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def get_app_settings(request: Request) -> Settings:
    """Return the settings the running app was built with."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_app_settings)]


class PageParams:
    """``limit`` and ``offset`` of a list; ``limit`` is clamped to the maximum."""

    def __init__(
        self,
        settings: SettingsDep,
        limit: Annotated[int | None, Query(ge=1, description="Rows to return")] = None,
        # No list holds more rows than there are ids.
        offset: Annotated[int, Query(ge=0, le=MAX_ID, description="Rows to skip")] = 0,
    ) -> None:
        self.limit = min(limit or settings.default_page_size, settings.max_page_size)
        self.offset = offset


PageDep = Annotated[PageParams, Depends()]
IdempotencyKeyDep = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=255,
        description="Repeat a create safely: same key and body, first result.",
    ),
]
