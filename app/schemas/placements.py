"""Request and response bodies of placements and their follow-ups."""

from datetime import date
from typing import Any

from pydantic import Field, computed_field

from app.clock import today
from app.models.enums import Channel, FollowUpStatus, PlacementEndReason
from app.schemas.common import Input, Note, Patch, RecordOutput, Wage

# Sent with a follow-up, applied to the placement.
PLACEMENT_FIELDS = frozenset({"ended_on", "end_reason"})


class PlacementEnd(Input):
    ended_on: date = Field(
        description="The day the job ended; the person counts as out of work from it"
    )
    reason: PlacementEndReason
    note: Note | None = None


class PlacementPublic(RecordOutput):
    person_id: int
    vacancy_id: int
    referral_id: int | None
    employer_id: int
    channel: Channel
    station_id: int | None
    started_on: date
    monthly_wage: int
    ended_on: date | None
    end_reason: PlacementEndReason | None
    end_note: str | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def is_current(self) -> bool:
        """True while the placement has not ended."""
        return self.ended_on is None


class FollowUpRecord(Patch):
    """What an officer learnt when following up a placed worker."""

    contacted_on: date = Field(description="Day of the visit or call")
    is_still_employed: bool
    monthly_wage: Wage | None = Field(default=None, description="Yuan per month now")
    problems: Note | None = None
    ended_on: date | None = Field(
        default=None,
        description="When no longer employed: the day the job ended (default: "
        "contacted_on); the placement ends then",
    )
    end_reason: PlacementEndReason | None = Field(
        default=None, description="When no longer employed: why (default: other)"
    )

    def changes(self) -> dict[str, Any]:
        """Return the follow-up's fields; the end goes to the placement."""
        changes = super().changes()
        return {k: v for k, v in changes.items() if k not in PLACEMENT_FIELDS}


class FollowUpPublic(RecordOutput):
    placement_id: int
    month: int = Field(description="Months after the start it falls due")
    due_on: date
    status: FollowUpStatus
    contacted_on: date | None
    is_still_employed: bool | None
    monthly_wage: int | None
    problems: str | None
    recorded_by_key_id: int | None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def is_overdue(self) -> bool:
        """Due before today and not yet recorded."""
        return self.status == FollowUpStatus.DUE and self.due_on < today()
