"""Replaying create requests sent again with the same ``Idempotency-Key``."""

import hashlib
import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.errors import Conflict
from app.models import IdempotentRequest


def _fingerprint(route: str, body: BaseModel) -> str:
    canonical = json.dumps(
        [route, body.model_dump(mode="json")], sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _find(session: Session, api_key_id: int, key: str) -> IdempotentRequest | None:
    statement = select(IdempotentRequest).where(
        IdempotentRequest.api_key_id == api_key_id, IdempotentRequest.key == key
    )
    return session.exec(statement).first()


def _replay(record: IdempotentRequest, digest: str) -> tuple[int, dict[str, Any]]:
    if record.request_digest != digest or record.status_code is None:
        raise Conflict("This Idempotency-Key was used for a different request")
    return record.status_code, record.response_body or {}


def run_once(
    session: Session,
    *,
    api_key_id: int,
    key: str | None,
    route: str,
    body: BaseModel,
    create: Callable[[], BaseModel],
    status_code: int = 201,
) -> tuple[int, dict[str, Any], bool]:
    """Run ``create`` once per caller and key; return status, body and whether replayed.

    The key is claimed before ``create`` runs and its response stored in the same
    transaction, so a failed create frees the key and a concurrent twin waits for the
    first to commit, then replays its result.
    """
    if key is None:
        return status_code, create().model_dump(mode="json"), False

    digest = _fingerprint(route, body)
    record = _find(session, api_key_id, key)
    if record is not None:
        return (*_replay(record, digest), True)

    record = IdempotentRequest(api_key_id=api_key_id, key=key, request_digest=digest)
    try:
        with session.begin_nested():
            session.add(record)
    except IntegrityError:
        # A concurrent request with this key committed first.
        found = _find(session, api_key_id, key)
        if found is None:
            raise
        return (*_replay(found, digest), True)

    response = create().model_dump(mode="json")
    record.status_code, record.response_body = status_code, response
    session.add(record)
    session.flush()
    return status_code, response, False
