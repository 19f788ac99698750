"""Response bodies of occupations, title resolution, skills and certificates."""

from datetime import datetime

from pydantic import Field

from app.schemas.common import Output


class OccupationPublic(Output):
    code: str = Field(description="GB/T 6565 code such as 6-18-02-04")
    name: str
    level: int = Field(description="1 major group, 2 middle, 3 minor, 4 occupation")
    parent_code: str | None = Field(description="The group one level up")
    aliases: list[str] = Field(description="Other names, as job boards use them")
    definition: str | None
    is_official: bool = Field(description="Came from an imported official table")
    updated_at: datetime


class CandidatePublic(Output):
    code: str
    name: str
    score: float = Field(description="0 to 1")


class ResolutionPublic(Output):
    code: str | None = Field(description="The best occupation; null when unsure")
    name: str | None
    score: float = Field(description="Confidence of `code`, 0 to 1")
    alternatives: list[CandidatePublic] = Field(
        description="The runners-up, best first"
    )
    reason: str | None = Field(description="Why `code` is null, when it is")


class SkillPublic(Output):
    name: str = Field(description="The canonical name")
    synonyms: list[str]
    occupation_codes: list[str] = Field(description="Occupations that use the skill")


class CertificatePublic(Output):
    name: str = Field(description="The canonical name")
    synonyms: list[str]
    occupation_codes: list[str] = Field(
        description="Occupations the certificate qualifies for"
    )
