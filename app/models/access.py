"""API keys and the record of idempotent requests."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.base import timestamp_field


class ApiKey(SQLModel, table=True):
    """A bearer key; only its SHA-256 digest is stored."""

    __tablename__ = "api_key"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    key_digest: str = Field(max_length=64, unique=True)
    prefix: str = Field(max_length=8)
    role: str = Field(max_length=20)
    station_id: int | None = Field(default=None, foreign_key="station.id")
    employer_id: int | None = Field(default=None, foreign_key="employer.id")
    community: str | None = Field(default=None, max_length=100)
    is_active: bool = Field(default=True)
    created_at: datetime = timestamp_field()


class IdempotentRequest(SQLModel, table=True):
    """The first response to a create request sent with an ``Idempotency-Key``."""

    __tablename__ = "idempotent_request"
    __table_args__ = (UniqueConstraint("api_key_id", "key", name="uq_idempotent_key"),)

    id: int | None = Field(default=None, primary_key=True)
    api_key_id: int = Field(foreign_key="api_key.id")
    key: str = Field(max_length=255)
    request_digest: str = Field(max_length=64)
    status_code: int | None = Field(default=None)
    response_body: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    created_at: datetime = timestamp_field()
