"""Response bodies of zero-employment cases (零就业家庭)."""

from datetime import date, datetime
from enum import StrEnum

from pydantic import Field, computed_field

from app.clock import today
from app.models.enums import CaseClearReason
from app.schemas.common import Output


class CaseStatus(StrEnum):
    """Whether a case still waits to be cleared."""

    OPEN = "open"
    CLEARED = "cleared"


class CaseDeadline(Output):
    """An open case and how long the office has left to clear it."""

    id: int
    opened_on: date = Field(description="Day the household became zero-employment")
    deadline_on: date = Field(description="Day the case should be cleared by")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def days_left(self) -> int:
        """Days from today to the deadline; negative once it has passed."""
        return (self.deadline_on - today()).days

    @computed_field  # type: ignore[prop-decorator]
    @property
    def is_overdue(self) -> bool:
        """Past its deadline; the deadline day itself is not overdue."""
        return self.days_left < 0


class CasePublic(Output):
    """A zero-employment case, its household, and how it ended once cleared."""

    id: int
    version: int
    household_id: int
    household_no: str
    site: str
    community: str
    opened_on: date = Field(description="Day the household became zero-employment")
    deadline_on: date = Field(description="Day the case should be cleared by")
    cleared_on: date | None = Field(description="Day the case closed")
    clear_reason: CaseClearReason | None
    placement_id: int | None = Field(description="The placement that cleared it")
    created_at: datetime
    updated_at: datetime

    @computed_field  # type: ignore[prop-decorator]
    @property
    def days_left(self) -> int | None:
        """Days from today to the deadline, negative once past; null when cleared."""
        if self.cleared_on is not None:
            return None
        return (self.deadline_on - today()).days

    @computed_field  # type: ignore[prop-decorator]
    @property
    def is_overdue(self) -> bool:
        """Open past its deadline; a cleared case is never overdue."""
        return self.days_left is not None and self.days_left < 0
