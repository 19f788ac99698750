"""Request and response bodies of stations, employers and households."""

from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from app.identity import check_credit_code
from app.models.enums import AlertLevel, AlertReason, EmploymentStatus
from app.regions import resolve_town
from app.schemas.cases import CaseDeadline
from app.schemas.common import (
    Id,
    Input,
    Name,
    Note,
    Output,
    Patch,
    Phone,
    RecordOutput,
    RegionCode,
    ShortText,
    text,
)

CreditCode = Annotated[str, text(18), AfterValidator(check_credit_code)]
Town = Annotated[str, text(20), AfterValidator(resolve_town)]
# Sent with a new alert level, kept in the alert history rather than on the household.
ALERT_EXTRAS = frozenset({"alert_reason", "alert_note"})
HouseholdNo = Annotated[str, text(30)]
Short = Annotated[str, text(50)]
LABOUR_FORCE = "Members aged 16 to 59 who work, or are unemployed and seek work"
ZERO_EMPLOYMENT = "Has a labour force and no one in it works (零就业家庭)"


class StationCreate(Input):
    name: Annotated[str, text(50)]
    region_code: RegionCode
    address: ShortText | None = None
    contact_name: Short | None = None
    contact_phone: Phone | None = None
    is_active: bool = True


class StationUpdate(Patch):
    name: Annotated[str, text(50)] | None = None
    region_code: RegionCode | None = None
    address: ShortText | None = None
    contact_name: Short | None = None
    contact_phone: Phone | None = None
    is_active: bool | None = None


class StationPublic(RecordOutput):
    name: str
    region_code: str
    address: str | None
    contact_name: str | None
    contact_phone: str | None
    is_active: bool


class EmployerCreate(Input):
    name: Name
    credit_code: CreditCode = Field(
        description="18-character unified social credit code"
    )
    region_code: RegionCode | None = None
    industry: Short | None = None
    address: ShortText | None = None
    contact_name: Short | None = None
    contact_phone: Phone | None = None
    station_id: Id | None = Field(default=None, description="Station that found them")


class EmployerUpdate(Patch):
    name: Name | None = None
    credit_code: CreditCode | None = None
    region_code: RegionCode | None = None
    industry: Short | None = None
    address: ShortText | None = None
    contact_name: Short | None = None
    contact_phone: Phone | None = None
    station_id: Id | None = None


class EmployerPublic(RecordOutput):
    name: str
    credit_code: str
    region_code: str | None
    industry: str | None
    address: str | None
    contact_name: str | None
    contact_phone: str | None
    station_id: int | None


class HouseholdCreate(Input):
    household_no: HouseholdNo
    site: Name = Field(description="Resettlement site")
    community: Name
    building: Short | None = None
    room: Annotated[str, text(20)] | None = None
    origin_town: Town = Field(
        description="Town of origin: code or name, stored as code"
    )
    origin_village: Name | None = None
    alert_level: AlertLevel = AlertLevel.GREEN
    notes: Note | None = None


class HouseholdUpdate(Patch):
    household_no: HouseholdNo | None = None
    site: Name | None = None
    community: Name | None = None
    building: Short | None = None
    room: Annotated[str, text(20)] | None = None
    origin_town: Town | None = None
    origin_village: Name | None = None
    alert_level: AlertLevel | None = None
    alert_reason: AlertReason | None = Field(
        default=None, description="Why the alert level changes; required with it"
    )
    alert_note: Note | None = None
    notes: Note | None = None

    def changes(self) -> dict[str, Any]:
        """Return the household's fields the caller sent; the alert's reason and
        note go to its history instead."""
        changes = super().changes()
        return {k: v for k, v in changes.items() if k not in ALERT_EXTRAS}


class HouseholdPublic(RecordOutput):
    household_no: str
    site: str
    community: str
    building: str | None
    room: str | None
    origin_town: str
    origin_village: str | None
    alert_level: AlertLevel
    notes: str | None
    labour_force: int = Field(description=LABOUR_FORCE)
    employed: int = Field(description="Members of the labour force who work")
    is_zero_employment: bool = Field(description=ZERO_EMPLOYMENT)


class MemberEmployment(Output):
    person_id: int
    name: str
    age: int = Field(description="Age in whole years today")
    employment_status: EmploymentStatus
    is_seeking_work: bool
    in_labour_force: bool


class HouseholdEmploymentPublic(Output):
    """A household's employment status, derived from its members today."""

    household_id: int
    labour_force: int = Field(description=LABOUR_FORCE)
    employed: int = Field(description="Members of the labour force who work")
    is_zero_employment: bool = Field(description=ZERO_EMPLOYMENT)
    members: list[MemberEmployment]
    open_case: CaseDeadline | None = Field(
        description="The zero-employment case waiting to be cleared, if any"
    )
    past_cases: int = Field(description="Zero-employment cases already cleared")


class AlertChangePublic(Output):
    """One change of a household's alert level."""

    id: int
    household_id: int
    from_level: AlertLevel | None = Field(description="Null when registered")
    to_level: AlertLevel
    reason: AlertReason
    note: str | None
    actor: str = Field(description="The key's name, or jobmatch for the service")
    actor_key_id: int | None = Field(description="Null when the service changed it")
    changed_at: datetime
