"""The occupation table and the resolution of job titles to occupations."""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import AfterValidator

from app.api.deps import ONE_LINE, PageDep, PrincipalDep, SessionDep
from app.api.responses import ITEM_ERRORS, READ_ERRORS, WRITE_ERRORS, page_of
from app.schemas.common import Page, one_line
from app.schemas.occupations import (
    CandidatePublic,
    OccupationPublic,
    ResolutionPublic,
)
from app.security import READ
from app.services import occupations
from app.services.resolution import resolve_title

router = APIRouter(prefix="/occupations", tags=["occupations"])

MAX_TITLE = 200
RESOLVE_ERRORS = {**READ_ERRORS, 422: WRITE_ERRORS[422]}


def _trimmed_title(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must hold more than spaces")
    if len(value) > MAX_TITLE:
        raise ValueError(f"must be at most {MAX_TITLE} characters")
    return one_line(value)


Title = Annotated[
    str,
    Query(description=f"A job title or a phrase, 1 to {MAX_TITLE} characters"),
    AfterValidator(_trimmed_title),
]


@router.get("", response_model=Page[OccupationPublic], responses=READ_ERRORS)
def list_occupations(
    session: SessionDep,
    principal: PrincipalDep,
    params: PageDep,
    q: Annotated[
        str | None,
        Query(
            max_length=100, description="Start of a code, or part of a name or alias"
        ),
        ONE_LINE,
    ] = None,
    level: Annotated[
        int | None, Query(ge=1, le=4, description="1 major group ... 4 occupation")
    ] = None,
) -> Page[OccupationPublic]:
    """List the occupation table in code order. `q` finds codes by their start
    (`6-18`) and names or aliases by any part (`焊工`), in simplified or traditional
    characters, full-width or half-width."""
    principal.require("occupations", READ)
    result = occupations.list_occupations(
        session, q=q, level=level, limit=params.limit, offset=params.offset
    )
    return page_of(OccupationPublic, result, params)


@router.get("/resolve", response_model=ResolutionPublic, responses=RESOLVE_ERRORS)
def resolve_occupation(
    session: SessionDep,
    principal: PrincipalDep,
    title: Title,
    alternatives: Annotated[
        int, Query(ge=0, le=20, description="Runners-up to list")
    ] = 4,
) -> ResolutionPublic:
    """Resolve a job title, or what someone says they can do, to an occupation.

    The answer names the best occupation with a score from 0 to 1, and the runners-up.
    When nothing matches confidently, as for a title of only numbers or punctuation,
    `code` is null and `reason` says why. An empty title, or one longer than 200
    characters, is refused with 422."""
    principal.require("occupations", READ)
    resolution = resolve_title(session, title, limit=alternatives + 1)
    return ResolutionPublic(
        code=resolution.code,
        name=resolution.name,
        score=resolution.score,
        alternatives=[
            CandidatePublic(code=c.code, name=c.name, score=c.score)
            for c in resolution.alternatives[:alternatives]
        ],
        reason=resolution.reason,
    )


@router.get("/{code}", response_model=OccupationPublic, responses=ITEM_ERRORS)
def get_occupation(
    code: Annotated[str, ONE_LINE], session: SessionDep, principal: PrincipalDep
) -> OccupationPublic:
    """Read one occupation or group by its code, such as `6-18-02-04`."""
    principal.require("occupations", READ)
    return OccupationPublic.model_validate(occupations.get_occupation(session, code))
