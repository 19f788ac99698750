"""Ranked candidates for a vacancy and ranked vacancies for a person."""

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import (
    ONE_LINE,
    PageDep,
    PathId,
    PrincipalDep,
    SessionDep,
    SettingsDep,
)
from app.api.responses import ITEM_ERRORS
from app.errors import InvalidInput
from app.models.enums import Role
from app.schemas.common import Id
from app.schemas.matching import (
    CandidateItem,
    CandidatePage,
    ExplanationPublic,
    FlagPublic,
    RecommendationItem,
    RecommendationPage,
    ShortlistPublic,
    ShortlistsPublic,
)
from app.security import READ
from app.services import matching, people, vacancies
from matching.explain import Explanation
from matching.matcher import Match, Ranking

router = APIRouter(tags=["matching"])

MATCH_ERRORS = {
    **ITEM_ERRORS,
    422: {"description": "Bad filter or weights, named in `errors`"},
}
MinScore = Annotated[
    float, Query(ge=0, le=1, description="Leave out anyone scoring below this")
]
WeightsQuery = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Weights for this request over the configured ones, as "
        "`location:0.4,wage:0.2`; components are occupation, skills, certificates, "
        "location, wage, availability and experience",
    ),
    ONE_LINE,
]
# Roles that may see why a person is put first (household circumstances).
SEES_PRIORITY = {Role.ADMIN, Role.OFFICER}


@router.get(
    "/vacancies/{vacancy_id}/candidates",
    response_model=CandidatePage,
    responses=MATCH_ERRORS,
)
def list_candidates(
    vacancy_id: PathId,
    session: SessionDep,
    principal: PrincipalDep,
    settings: SettingsDep,
    params: PageDep,
    min_score: MinScore = 0.0,
    town: Annotated[
        str | None, Query(max_length=12, description="Origin town code"), ONE_LINE
    ] = None,
    site: Annotated[
        str | None, Query(max_length=100, description="Resettlement site"), ONE_LINE
    ] = None,
    priority: Annotated[
        bool,
        Query(
            description="Let priority (零就业, red and yellow households, the long "
            "unemployed) reorder near-equal candidates; officers may switch it off"
        ),
    ] = True,
    weights: WeightsQuery = None,
) -> CandidatePage:
    """Rank the people who fit a vacancy, best first, each with the reasons for the
    score. A closed or full vacancy, or one with no occupation or skills to match
    on, gives an empty list and the `reason`. Employers see their own vacancies only,
    and no one's household circumstances."""
    principal.require("candidates", READ)
    vacancies.get_vacancy(session, principal, vacancy_id)
    if not priority and principal.role not in SEES_PRIORITY:
        raise InvalidInput.one("priority", "only officers may switch priority off")

    ranking = matching.candidates(
        session,
        settings,
        vacancy_id,
        weights=weights,
        use_priority=priority,
        limit=params.limit,
        offset=params.offset,
        min_score=min_score,
        town=town,
        site=site,
    )
    shows = principal.role in SEES_PRIORITY
    return CandidatePage(
        items=[_candidate(m, shows_priority=shows) for m in ranking.matches],
        flags=[FlagPublic.model_validate(f) for f in ranking.flags],
        is_priority_applied=priority and settings.priority_max_boost > 0,
        **_envelope(ranking, params.limit, params.offset),
    )


@router.get(
    "/people/{person_id}/recommendations",
    response_model=RecommendationPage,
    responses=MATCH_ERRORS,
)
def list_recommendations(
    person_id: PathId,
    session: SessionDep,
    principal: PrincipalDep,
    settings: SettingsDep,
    params: PageDep,
    min_score: MinScore = 0.0,
    weights: WeightsQuery = None,
) -> RecommendationPage:
    """Rank the open vacancies that fit a person, best first, each with the reasons
    for the score. Someone placed or not seeking work gets an empty list and the
    `reason`."""
    principal.require("recommendations", READ)
    people.get_person(session, principal, person_id)

    ranking = matching.recommendations(
        session,
        settings,
        person_id,
        weights=weights,
        limit=params.limit,
        offset=params.offset,
        min_score=min_score,
    )
    return RecommendationPage(
        items=[
            RecommendationItem(
                vacancy_id=m.vacancy_id,
                score=m.score,
                explanation=_explanation(m.explanation, shows_priority=True),
            )
            for m in ranking.matches
        ],
        **_envelope(ranking, params.limit, params.offset),
    )


@router.get("/shortlists", response_model=ShortlistsPublic, responses=MATCH_ERRORS)
def list_shortlists(
    session: SessionDep,
    principal: PrincipalDep,
    settings: SettingsDep,
    vacancy_id: Annotated[
        list[Id],
        Query(min_length=1, max_length=500, description="The vacancies, repeated"),
    ],
    per_opening: Annotated[
        int, Query(ge=1, le=20, description="People per opening on each list")
    ] = 3,
    max_lists: Annotated[
        int, Query(ge=1, le=20, description="Lists one person may be on")
    ] = 3,
    priority: Annotated[bool, Query(description="Let priority reorder")] = True,
) -> ShortlistsPublic:
    """Shortlists for a set of vacancies at once, as for a fair or the Friday
    meeting: each vacancy gets at most `per_opening` people per opening, nobody is
    on more than `max_lists` lists, and the lists carry the most total score those
    caps allow. The same request always gives the same lists."""
    principal.require("shortlists", READ)
    lists, matches = matching.shortlists(
        session,
        settings,
        vacancy_id,
        per_opening=per_opening,
        max_lists=max_lists,
        use_priority=priority,
    )
    by_pair = {(m.person_id, m.vacancy_id): m for m in matches}
    items = []
    for v in dict.fromkeys(vacancy_id):
        rows = lists.lists.get(v, [])
        items.append(
            ShortlistPublic(
                vacancy_id=v,
                places=lists.places.get(v, 0),
                reason=lists.reasons.get(v),
                items=[
                    _candidate(by_pair[(p, v)], shows_priority=True) for p, _ in rows
                ],
            )
        )
    version = settings.weights().version
    return ShortlistsPublic(
        items=items,
        people=len({m.person_id for m in matches}),
        per_opening=per_opening,
        max_lists=max_lists,
        is_priority_applied=priority and settings.priority_max_boost > 0,
        weights_version=version,
    )


def _candidate(match: Match, *, shows_priority: bool) -> CandidateItem:
    return CandidateItem(
        person_id=match.person_id,
        score=match.score,
        explanation=_explanation(match.explanation, shows_priority=shows_priority),
    )


def _explanation(
    explanation: Explanation, *, shows_priority: bool
) -> ExplanationPublic:
    shown = explanation if shows_priority else explanation.without_priority()
    return ExplanationPublic.model_validate(shown)


def _envelope(ranking: Ranking, limit: int, offset: int) -> dict[str, object]:
    return {
        "total": ranking.total,
        "limit": limit,
        "offset": offset,
        "reason": ranking.reason,
        "weights_version": ranking.weights_version,
    }
