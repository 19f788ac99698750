"""Request and response bodies of referrals and their transitions."""

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from app.models.enums import ReferralStatus, RejectionReason
from app.schemas.common import Id, Input, Note, Output, RecordOutput, Wage


class ReferralCreate(Input):
    person_id: Id
    vacancy_id: Id
    status: Literal[ReferralStatus.PROPOSED, ReferralStatus.REFERRED] = Field(
        default=ReferralStatus.PROPOSED,
        description="`proposed` (default), or `referred` when already sent on",
    )
    note: Note | None = None


class ReferralTransition(Input):
    """A move of a referral; a hire also names the start date and the wage."""

    to: ReferralStatus
    reason: RejectionReason | None = Field(
        default=None, description="Required to reject; optional to withdraw"
    )
    note: Note | None = None
    started_on: date | None = Field(
        default=None, description="First day at work; required to hire"
    )
    monthly_wage: Wage | None = Field(
        default=None, description="Yuan per month at hire; required to hire"
    )


class ReferralPublic(RecordOutput):
    person_id: int
    vacancy_id: int
    status: ReferralStatus
    reason: RejectionReason | None
    note: str | None
    status_changed_at: datetime
    placement_id: int | None = Field(
        default=None, description="The placement a hire created"
    )


class ReferralEventPublic(Output):
    id: int
    from_status: ReferralStatus | None
    to_status: ReferralStatus
    reason: RejectionReason | None
    note: str | None
    actor: str
    actor_key_id: int | None
    occurred_at: datetime


class ReferralDetail(ReferralPublic):
    events: list[ReferralEventPublic] = Field(description="Every transition, in order")
