"""Issuing and revoking API keys."""

from collections.abc import Sequence

from sqlmodel import Session, select

from app.models import ApiKey, Employer, Station
from app.schemas.access import ApiKeyCreate
from app.security import digest, new_raw_key
from app.services.records import check_references, get_or_404, page


def list_api_keys(
    session: Session, *, limit: int, offset: int
) -> tuple[Sequence[ApiKey], int]:
    return page(session, select(ApiKey), limit, offset)


def create_api_key(session: Session, data: ApiKeyCreate) -> tuple[ApiKey, str]:
    """Issue a key; return the record and the raw key, which is not stored."""
    check_references(
        session,
        {
            "station_id": (Station, data.station_id),
            "employer_id": (Employer, data.employer_id),
        },
    )
    raw_key = new_raw_key()
    key = ApiKey.model_validate(
        data, update={"key_digest": digest(raw_key), "prefix": raw_key[:8]}
    )
    session.add(key)
    session.flush()
    return key, raw_key


def revoke_api_key(session: Session, key_id: int) -> None:
    """Deactivate a key; requests with it are refused from now on."""
    key = get_or_404(session, ApiKey, key_id, "API key")
    key.is_active = False
    session.add(key)
    session.flush()
