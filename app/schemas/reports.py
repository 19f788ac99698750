"""The employment report: figures per group at a date, and the district's vacancies."""

from datetime import date

from pydantic import BaseModel, Field


class ZeroEmploymentFigures(BaseModel):
    """Zero-employment households (零就业家庭) of a group."""

    open: int = Field(description="Cases open on `as_of`")
    cleared: int = Field(description="Cases cleared in the period")
    overdue: int = Field(description="Cases open on `as_of` past their deadline")
    median_days_to_clear: float | None = Field(
        description="Median days from opening to clearing of the cases cleared in "
        "the period; null when none was"
    )


class GroupFigures(BaseModel):
    """Employment figures of the district or of one town, site or community."""

    labour_force: int
    employed: int
    employment_rate: float | None = Field(
        description="employed / labour_force to 4 decimals; null without labour force"
    )
    stably_employed: int
    stable_employment_rate: float | None = Field(
        description="stably_employed / employed to 4 decimals; null when none employed"
    )
    placed: int = Field(description="Placements started in the period")
    placed_by_channel: dict[str, int] = Field(
        description="Placements started in the period per channel, every channel"
    )
    placed_by_station: dict[str, int] = Field(
        description="Placements started in the period per station name, every station"
    )
    zero_employment: ZeroEmploymentFigures


class _TownKey(BaseModel):
    town_code: str
    town_name: str | None


class _SiteKey(BaseModel):
    site: str


class _CommunityKey(BaseModel):
    site: str
    community: str


# The key's fields come first in each row (pydantic orders a class's bases last to
# first).
class TownFigures(GroupFigures, _TownKey):
    """The figures of the households from one town of origin."""


class SiteFigures(GroupFigures, _SiteKey):
    """The figures of the households living at one resettlement site."""


class CommunityFigures(GroupFigures, _CommunityKey):
    """The figures of the households of one community within a site."""


class VacancyFigures(BaseModel):
    """The district's vacancies on `as_of`."""

    posted: int = Field(description="Vacancies posted by `as_of`")
    openings_offered: int = Field(description="Openings of the vacancies posted")
    openings_filled: int = Field(
        description="Openings taken by placements started by `as_of`"
    )
    filled: int = Field(description="Vacancies with every opening filled")
    unfilled: int = Field(
        description="Vacancies with openings left that were not closed on `as_of`"
    )
    openings_filled_in_period: int = Field(
        description="Openings taken by placements started in the period"
    )


class EmploymentReport(BaseModel):
    """The employment report on `as_of`, with the period `since`..`as_of`."""

    as_of: date
    since: date
    district: GroupFigures
    by_town: list[TownFigures]
    by_site: list[SiteFigures]
    by_community: list[CommunityFigures]
    vacancies: VacancyFigures
