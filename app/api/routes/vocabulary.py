"""The skills and certificates the matcher recognises."""

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import ONE_LINE, PageDep, PrincipalDep, SessionDep
from app.api.responses import READ_ERRORS, page_of
from app.schemas.common import Page
from app.schemas.occupations import CertificatePublic, SkillPublic
from app.security import READ
from app.services.occupations import list_terms
from app.services.resolution import current

router = APIRouter(tags=["occupations"])

Q = Annotated[
    str | None,
    Query(max_length=100, description="Part of a name or synonym"),
    ONE_LINE,
]


@router.get("/skills", response_model=Page[SkillPublic], responses=READ_ERRORS)
def list_skills(
    session: SessionDep, principal: PrincipalDep, params: PageDep, q: Q = None
) -> Page[SkillPublic]:
    """List the skills the matcher recognises, by canonical name, with the words
    people use for them. A person's or vacancy's `canonical_skills` are these names."""
    principal.require("occupations", READ)
    skills = current(session).vocabulary.skills
    result = list_terms(skills, q=q, limit=params.limit, offset=params.offset)
    return page_of(SkillPublic, result, params)


@router.get(
    "/certificates", response_model=Page[CertificatePublic], responses=READ_ERRORS
)
def list_certificates(
    session: SessionDep, principal: PrincipalDep, params: PageDep, q: Q = None
) -> Page[CertificatePublic]:
    """List the certificates and licences the matcher recognises, with their other
    names and the occupations they qualify for."""
    principal.require("occupations", READ)
    certificates = current(session).vocabulary.certificates
    result = list_terms(certificates, q=q, limit=params.limit, offset=params.offset)
    return page_of(CertificatePublic, result, params)
