"""API keys: who may call the service, in which role and scope."""

from typing import Any

from fastapi import APIRouter, Response

from app.api.deps import IdempotencyKeyDep, PageDep, PathId, PrincipalDep, SessionDep
from app.api.responses import ITEM_ERRORS, READ_ERRORS, WRITE_ERRORS, created, page_of
from app.schemas.access import ApiKeyCreate, ApiKeyCreated, ApiKeyPublic
from app.schemas.common import Page
from app.security import READ, WRITE
from app.services import api_keys

router = APIRouter(prefix="/api-keys", tags=["api-keys"])


@router.get("", response_model=Page[ApiKeyPublic], responses=READ_ERRORS)
def list_api_keys(
    session: SessionDep, principal: PrincipalDep, params: PageDep
) -> Page[ApiKeyPublic]:
    """List issued keys (never the keys themselves). Admin only."""
    principal.require("api_keys", READ)
    result = api_keys.list_api_keys(session, limit=params.limit, offset=params.offset)
    return page_of(ApiKeyPublic, result, params)


@router.post("", status_code=201, response_model=ApiKeyCreated, responses=WRITE_ERRORS)
def create_api_key(
    body: ApiKeyCreate,
    session: SessionDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> Any:
    """Issue a key with a role and an optional scope. The answer holds the key once;
    only its digest is kept. Admin only."""
    principal.require("api_keys", WRITE)

    def issue() -> ApiKeyCreated:
        key, raw_key = api_keys.create_api_key(session, body)
        public = ApiKeyPublic.model_validate(key)
        return ApiKeyCreated(**public.model_dump(), key=raw_key)

    return created(session, principal, idempotency_key, "POST /api-keys", body, issue)


@router.delete("/{key_id}", status_code=204, responses=ITEM_ERRORS)
def revoke_api_key(
    key_id: PathId, session: SessionDep, principal: PrincipalDep
) -> Response:
    """Revoke a key at once. Admin only."""
    principal.require("api_keys", WRITE)
    api_keys.revoke_api_key(session, key_id)
    return Response(status_code=204)
