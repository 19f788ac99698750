"""Employment reports at a date."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from sqlmodel import Session

from app.api.deps import PrincipalDep, SessionDep, SettingsDep
from app.api.responses import PROBLEM, READ_ERRORS
from app.clock import today
from app.config import Settings
from app.db import read_snapshot
from app.schemas.reports import EmploymentReport
from app.security import READ, Principal
from app.services import reports
from app.services.report_export import (
    XLSX_MEDIA_TYPE,
    render_workbook,
    workbook_filename,
)

router = APIRouter(prefix="/reports", tags=["reports"])

REPORT_ERRORS: dict[int | str, dict[str, Any]] = {
    **READ_ERRORS,
    422: {"description": "A bad or out-of-order date, named in `errors`", **PROBLEM},
}
WORKBOOK: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The report as an Excel workbook",
        "content": {
            XLSX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}
        },
    }
}

AsOf = Annotated[
    date | None,
    Query(description="The day of the figures; today by default, never later"),
]
Since = Annotated[
    date | None,
    Query(description="First day of the period; the first of as_of's month by default"),
]


def _report(
    session: Session,
    principal: Principal,
    settings: Settings,
    as_of: date | None,
    since: date | None,
) -> EmploymentReport:
    principal.require("reports", READ)
    as_of, since = reports.report_period(as_of, since, today())
    read_snapshot(session)
    return reports.employment_report(session, settings, as_of=as_of, since=since)


@router.get("/employment", response_model=EmploymentReport, responses=REPORT_ERRORS)
def get_employment_report(
    session: SessionDep,
    principal: PrincipalDep,
    settings: SettingsDep,
    as_of: AsOf = None,
    since: Since = None,
) -> EmploymentReport:
    """Employment figures on `as_of` for the district, each town of origin, site and
    community, with the period `since`..`as_of` (both days included).

    Figures on a past day are as they stood then, from the employment history,
    placements, cases and vacancy dates. Household membership, birth dates and a
    household's town, site and community are taken as they are now: moving a person
    to another household moves their past with them.

    - **labour_force**: people registered by `as_of`, of working age (16 to 59) then,
      working, or unemployed and seeking work, by their latest status effective by
      `as_of`. People with no status by then are not counted.
    - **employed**: labour force members working (employed or self-employed).
      **employment_rate** = employed / labour_force, 4 decimals, null with no labour
      force.
    - **stably_employed**: employed, and employed on at least as many days of the
      last `stable_window_months` (12) months as `stable_months` (6) months have,
      counting back from `as_of`. **stable_employment_rate** = stably_employed /
      employed, null when none is employed.
    - **placed**: placements started in the period, in the placed person's household's
      groups; `placed_by_channel` lists every channel and `placed_by_station` every
      station, zeros included.
    - **zero_employment**: households' cases open on `as_of`, cleared in the period,
      overdue (open past their deadline) and the median days to clear the cases
      cleared in the period (null when none was).
    - **vacancies** (district only): posted by `as_of` (office time zone), openings
      offered, openings filled by placements started by `as_of` (at most a vacancy's
      openings), vacancies filled, vacancies unfilled and not closed on `as_of` (past
      `closes_on`, or closed now, counted from its last change), and openings filled
      in the period.

    Rows are sorted by town code, site, and site and community. A group is listed
    when one of its households has someone registered by `as_of`, a placement in the
    period or a case counted. A future `as_of`, or a `since` after it, is a 422.
    """
    return _report(session, principal, settings, as_of, since)


@router.get(
    "/employment.xlsx",
    response_class=Response,
    responses={**WORKBOOK, **REPORT_ERRORS},
)
def export_employment_report(
    session: SessionDep,
    principal: PrincipalDep,
    settings: SettingsDep,
    as_of: AsOf = None,
    since: Since = None,
) -> Response:
    """The employment report as an Excel workbook (`employment-<as_of>.xlsx`), with
    the same figures and dates as `GET /reports/employment`: a sheet each for the
    district, towns, sites, communities and vacancies, headers in Chinese and
    English, a column per channel and station, and rates as percentages."""
    report = _report(session, principal, settings, as_of, since)
    disposition = f'attachment; filename="{workbook_filename(report)}"'
    return Response(
        render_workbook(report),
        media_type=XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": disposition},
    )
