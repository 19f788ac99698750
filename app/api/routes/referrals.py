"""Referrals of people to vacancies, and their transitions."""

from typing import Any

from fastapi import APIRouter
from sqlmodel import Session

from app.api.deps import (
    IdempotencyKeyDep,
    IdFilter,
    PageDep,
    PathId,
    PrincipalDep,
    SessionDep,
    SettingsDep,
)
from app.api.responses import ITEM_ERRORS, READ_ERRORS, WRITE_ERRORS, created
from app.models import Referral
from app.models.enums import ReferralStatus
from app.schemas.common import Page
from app.schemas.referrals import (
    ReferralCreate,
    ReferralDetail,
    ReferralEventPublic,
    ReferralPublic,
    ReferralTransition,
)
from app.security import READ, WRITE
from app.services import referrals

router = APIRouter(prefix="/referrals", tags=["referrals"])


def _detail(session: Session, referral: Referral) -> ReferralDetail:
    assert referral.id is not None
    events = referrals.events_of(session, referral.id)
    public = ReferralPublic.model_validate(referral)
    return ReferralDetail(
        **public.model_dump(exclude={"placement_id"}),
        placement_id=referrals.placement_of(session, referral.id),
        events=[ReferralEventPublic.model_validate(e) for e in events],
    )


@router.get("", response_model=Page[ReferralPublic], responses=READ_ERRORS)
def list_referrals(
    session: SessionDep,
    principal: PrincipalDep,
    params: PageDep,
    person_id: IdFilter = None,
    vacancy_id: IdFilter = None,
    status: ReferralStatus | None = None,
    is_open: bool | None = None,
) -> Page[ReferralPublic]:
    """List referrals, filtered by person, vacancy, status, or whether still open
    (`proposed`, `referred` or `interviewed`)."""
    principal.require("referrals", READ)
    rows, total = referrals.list_referrals(
        session,
        person_id=person_id,
        vacancy_id=vacancy_id,
        status=status,
        is_open=is_open,
        limit=params.limit,
        offset=params.offset,
    )
    placed = referrals.placements_of(session, [r.id for r in rows if r.id])
    items = [
        ReferralPublic.model_validate(r).model_copy(
            update={"placement_id": placed.get(r.id or 0)}
        )
        for r in rows
    ]
    return Page[ReferralPublic](
        items=items, total=total, limit=params.limit, offset=params.offset
    )


@router.post("", status_code=201, response_model=ReferralDetail, responses=WRITE_ERRORS)
def create_referral(
    body: ReferralCreate,
    session: SessionDep,
    principal: PrincipalDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> Any:
    """Put a person forward for a vacancy. The person must be an unemployed job
    seeker and the vacancy open with an opening left (409 otherwise); a person has
    one open referral per vacancy (409 for a second)."""
    principal.require("referrals", WRITE)
    return created(
        session,
        principal,
        idempotency_key,
        "POST /referrals",
        body,
        lambda: _detail(session, referrals.create_referral(session, principal, body)),
    )


@router.get("/{referral_id}", response_model=ReferralDetail, responses=ITEM_ERRORS)
def get_referral(
    referral_id: PathId, session: SessionDep, principal: PrincipalDep
) -> ReferralDetail:
    """Read one referral with every transition: who made it, when, from and to."""
    principal.require("referrals", READ)
    return _detail(session, referrals.get_referral(session, referral_id))


@router.post(
    "/{referral_id}/transitions",
    response_model=ReferralDetail,
    responses={**ITEM_ERRORS, **WRITE_ERRORS},
)
def transition_referral(
    referral_id: PathId,
    body: ReferralTransition,
    session: SessionDep,
    principal: PrincipalDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKeyDep = None,
) -> Any:
    """Move a referral on: `proposed → referred → interviewed → hired`, or to
    `rejected` (with a `reason`) or `withdrawn` from any open status. A move the
    status does not allow answers 409.

    `hired` needs `started_on` (not in the future) and `monthly_wage`. It creates
    the placement, takes one opening (409 when none is left, also when another
    officer took the last one a moment before), marks the vacancy `filled` when it
    was the last, and closes the person's other open referrals as
    `hired_elsewhere`."""
    principal.require("referrals", WRITE)
    return created(
        session,
        principal,
        idempotency_key,
        f"POST /referrals/{referral_id}/transitions",
        body,
        lambda: _detail(
            session,
            referrals.transition(session, principal, referral_id, body, settings),
        ),
        status_code=200,
    )
