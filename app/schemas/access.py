"""Request and response bodies of API keys."""

from datetime import datetime
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator

from app.models.enums import Role
from app.schemas.common import Id, Input, Name, Output, text


class ApiKeyCreate(Input):
    name: Name = Field(description="Who or what holds the key")
    role: Role
    station_id: Id | None = Field(
        default=None, description="Limits a station_staff key"
    )
    employer_id: Id | None = Field(
        default=None, validate_default=True, description="Required for employer keys"
    )
    community: Annotated[str, text(100)] | None = Field(
        default=None, description="Limits a grid_worker key to one community"
    )

    @field_validator("employer_id")
    @classmethod
    def _employer_keys_name_their_employer(
        cls, value: int | None, info: ValidationInfo
    ) -> int | None:
        if value is None and info.data.get("role") == Role.EMPLOYER:
            raise ValueError("is required for the employer role")
        return value


class ApiKeyPublic(Output):
    id: int
    name: str
    prefix: str = Field(description="First characters of the key, to tell keys apart")
    role: Role
    station_id: int | None
    employer_id: int | None
    community: str | None
    is_active: bool
    created_at: datetime


class ApiKeyCreated(ApiKeyPublic):
    key: str = Field(description="The key itself; shown only in this answer")
