"""API keys, roles and what each role may do."""

import hashlib
import secrets
from dataclasses import dataclass

from sqlmodel import Session, select

from app.errors import Forbidden
from app.models import ApiKey
from app.models.enums import Role

READ, WRITE = "read", "write"

# What each role may do, per resource. Scope (station, employer, community) narrows
# it further in the services; an employer never reaches people or households here.
# Occupations (with skills and certificates) change only by import, from the CLI.
# The referral-to-stable-job resources officers work with.
EMPLOYMENT = ("referrals", "placements", "follow_ups", "zero_employment_cases")

PERMISSIONS: dict[Role, dict[str, set[str]]] = {
    Role.ADMIN: {
        **{
            r: {READ, WRITE}
            for r in (
                "stations",
                "employers",
                "households",
                "people",
                "vacancies",
                "api_keys",
                *EMPLOYMENT,
            )
        },
        "occupations": {READ},
        "candidates": {READ},
        "recommendations": {READ},
        "shortlists": {READ},
        "reports": {READ},
    },
    Role.OFFICER: {
        **{
            r: {READ, WRITE}
            for r in (
                "stations",
                "employers",
                "households",
                "people",
                "vacancies",
                *EMPLOYMENT,
            )
        },
        "occupations": {READ},
        "candidates": {READ},
        "recommendations": {READ},
        "shortlists": {READ},
        "reports": {READ},
    },
    Role.STATION_STAFF: {
        "stations": {READ},
        "employers": {READ, WRITE},
        "vacancies": {READ, WRITE},
        "occupations": {READ},
        "candidates": {READ},
    },
    # Grid workers see the cases and follow-ups of their community's households.
    Role.GRID_WORKER: {
        "stations": {READ},
        "households": {READ, WRITE},
        "people": {READ, WRITE},
        "occupations": {READ},
        "recommendations": {READ},
        "placements": {READ},
        "follow_ups": {READ},
        "zero_employment_cases": {READ},
    },
    Role.EMPLOYER: {
        "stations": {READ},
        "employers": {READ},
        "vacancies": {READ, WRITE},
        "occupations": {READ},
        "candidates": {READ},
    },
}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who made a change: an API key, or the service itself (``key_id`` None)."""

    key_id: int | None
    name: str


# The service's own changes: expiry, hired elsewhere, alerts it sets.
SERVICE = Actor(None, "jobmatch")


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller behind a request: its key, role and scope.

    ``api_key_id`` is None only when the service itself acts in a role, as when it
    loads the demo data; its changes are then recorded as the service's.
    """

    api_key_id: int | None
    role: Role
    name: str = ""
    station_id: int | None = None
    employer_id: int | None = None
    community: str | None = None

    @property
    def actor(self) -> Actor:
        if self.api_key_id is None:
            return Actor(None, self.name or SERVICE.name)
        return Actor(self.api_key_id, self.name or f"key {self.api_key_id}")

    def require(self, resource: str, action: str) -> None:
        """Raise ``Forbidden`` unless the role may do ``action`` on ``resource``."""
        if action not in PERMISSIONS[self.role].get(resource, set()):
            raise Forbidden(f"Role {self.role.value} may not {action} {resource}")


def digest(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


def new_raw_key() -> str:
    """Return a fresh random key of 43 URL-safe characters."""
    return secrets.token_urlsafe(32)


def find_active_key(session: Session, raw_key: str) -> ApiKey | None:
    """Return the active key with this value, if any."""
    statement = select(ApiKey).where(ApiKey.key_digest == digest(raw_key))
    key = session.exec(statement).first()
    return key if key is not None and key.is_active else None


def ensure_admin_key(
    session: Session, raw_key: str, name: str = "bootstrap admin"
) -> None:
    """Make sure an active admin key with exactly this value exists."""
    existing = session.exec(
        select(ApiKey).where(ApiKey.key_digest == digest(raw_key))
    ).first()
    if existing is None:
        session.add(
            ApiKey(
                name=name,
                key_digest=digest(raw_key),
                prefix=raw_key[:8],
                role=Role.ADMIN,
            )
        )
    else:
        existing.role, existing.is_active = Role.ADMIN, True
        session.add(existing)
    session.flush()
