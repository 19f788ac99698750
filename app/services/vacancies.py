"""Vacancies from every channel and station."""

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, select

from app.errors import FieldError, Forbidden, InvalidInput, NotFound
from app.models import Employer, Occupation, Station, Vacancy
from app.models.enums import Channel, VacancyStatus
from app.schemas.vacancies import VacancyCreate, VacancyUpdate
from app.security import Principal
from app.services.records import (
    apply_patch,
    flush,
    get_or_404,
    missing_references,
    page,
    where_given,
)
from app.services.referrals import withdraw_from_vacancy
from app.services.resolution import resolve_vacancy


def list_vacancies(
    session: Session,
    principal: Principal,
    *,
    channel: Channel | None,
    station_id: int | None,
    employer_id: int | None,
    status: VacancyStatus | None,
    region_code: str | None,
    occupation_code: str | None,
    has_housing: bool | None,
    limit: int,
    offset: int,
) -> tuple[Sequence[Vacancy], int]:
    """Return a page of vacancies matching the filters that the caller may see.

    ``region_code`` and ``occupation_code`` match their sub-regions and sub-groups.
    """
    statement = select(Vacancy)
    if principal.employer_id is not None:
        statement = statement.where(Vacancy.employer_id == principal.employer_id)
    statement = where_given(
        statement,
        (Vacancy.channel, channel),
        (Vacancy.station_id, station_id),
        (Vacancy.employer_id, employer_id),
        (Vacancy.status, status),
        (Vacancy.has_housing, has_housing),
    )
    if region_code:
        statement = statement.where(
            col(Vacancy.region_code).startswith(region_code, autoescape=True)
        )
    if occupation_code:
        statement = statement.where(
            col(Vacancy.occupation_code).startswith(occupation_code, autoescape=True)
        )
    return page(session, statement, limit, offset)


def get_vacancy(session: Session, principal: Principal, vacancy_id: int) -> Vacancy:
    """Return a vacancy the caller may see, or raise ``NotFound``."""
    vacancy = get_or_404(session, Vacancy, vacancy_id, "vacancy")
    if principal.employer_id not in (None, vacancy.employer_id):
        raise NotFound.record("vacancy", vacancy_id)
    return vacancy


def _check(
    session: Session,
    principal: Principal,
    fields: dict[str, Any],
    given_code: str | None,
) -> None:
    """Check references, a given occupation code, the station rule, wage range and
    the caller's scope; one 422 names every bad field."""
    errors = missing_references(
        session,
        {
            "employer_id": (Employer, fields["employer_id"]),
            "station_id": (Station, fields["station_id"]),
            "occupation_code": (Occupation, given_code),
        },
    )
    if fields["channel"] == Channel.STATION and fields["station_id"] is None:
        errors.append(FieldError("station_id", "is required for the station channel"))
    low, high = fields["wage_min"], fields["wage_max"]
    if low is not None and high is not None and low > high:
        errors.append(FieldError("wage_max", "must not be below wage_min"))
    if errors:
        raise InvalidInput(errors)

    if principal.employer_id not in (None, fields["employer_id"]):
        raise Forbidden("This key may only post vacancies of its own employer")
    if principal.station_id not in (None, fields["station_id"]):
        raise Forbidden("This key may only post vacancies of its own station")


def create_vacancy(
    session: Session, principal: Principal, data: VacancyCreate
) -> Vacancy:
    """Post a vacancy after checking its employer, station and the caller's scope.

    Without an ``occupation_code`` the occupation is resolved from the title.
    """
    _check(session, principal, data.model_dump(), data.occupation_code)
    vacancy = Vacancy.model_validate(data)
    resolve_vacancy(session, vacancy, from_title=data.occupation_code is None)
    session.add(vacancy)
    flush(session, "The vacancy could not be saved")
    return vacancy


def update_vacancy(
    session: Session, principal: Principal, vacancy_id: int, patch: VacancyUpdate
) -> Vacancy:
    """Change a vacancy at the version the caller read; the result is checked whole.

    A null ``occupation_code``, or a new title without one, resolves the occupation
    from the title again; a given code is kept as given.
    """
    vacancy = get_vacancy(session, principal, vacancy_id)
    old_title = vacancy.title
    with session.no_autoflush:
        changes = apply_patch(session, vacancy, patch)
        given_code = changes.get("occupation_code")
        _check(session, principal, vacancy.model_dump(), given_code)

        if given_code is not None:
            vacancy.is_occupation_resolved, vacancy.occupation_score = False, None
        retitled = "occupation_code" not in changes and vacancy.title != old_title
        cleared = "occupation_code" in changes and given_code is None
        resolve_vacancy(session, vacancy, from_title=retitled or cleared)
        _check_openings(vacancy, changes)
    flush(session, "The vacancy could not be saved")
    if vacancy.status != VacancyStatus.OPEN:
        # Filled or closed by hand: no one waits on it any more.
        withdraw_from_vacancy(session, vacancy)
        flush(session, "A referral changed at the same time; try again")
    return vacancy


def _check_openings(vacancy: Vacancy, changes: dict[str, Any]) -> None:
    """Keep openings and status in step with the openings hires have filled.

    Openings may not drop below those filled; lowering them to those filled fills
    the vacancy, raising them reopens a filled one, and a vacancy with none left
    cannot be reopened.
    """
    filled = vacancy.openings_filled
    if vacancy.openings < filled:
        message = f"may not be below the {filled} openings already filled"
        raise InvalidInput.one("openings", message)
    if vacancy.openings == filled and changes.get("status") == VacancyStatus.OPEN:
        raise InvalidInput.one("status", "every opening is filled; add openings")
    if "openings" not in changes or "status" in changes:
        return
    if vacancy.status == VacancyStatus.OPEN and vacancy.openings == filled:
        vacancy.status = VacancyStatus.FILLED
    elif vacancy.status == VacancyStatus.FILLED and vacancy.openings > filled:
        vacancy.status = VacancyStatus.OPEN
