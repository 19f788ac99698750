"""Employers that post vacancies."""

from collections.abc import Sequence

from sqlmodel import Session, col, select

from app.errors import NotFound
from app.models import Employer, Station
from app.schemas.registry import EmployerCreate, EmployerUpdate
from app.security import Principal
from app.services.records import apply_patch, check_references, flush, get_or_404, page


def list_employers(
    session: Session,
    principal: Principal,
    *,
    q: str | None,
    credit_code: str | None,
    region_code: str | None,
    station_id: int | None,
    limit: int,
    offset: int,
) -> tuple[Sequence[Employer], int]:
    """Return a page of employers matching the filters that the caller may see."""
    statement = select(Employer)
    if principal.employer_id is not None:
        statement = statement.where(Employer.id == principal.employer_id)
    if q:
        statement = statement.where(col(Employer.name).contains(q, autoescape=True))
    if credit_code:
        statement = statement.where(Employer.credit_code == credit_code.upper())
    if region_code:
        statement = statement.where(
            col(Employer.region_code).startswith(region_code, autoescape=True)
        )
    if station_id is not None:
        statement = statement.where(Employer.station_id == station_id)
    return page(session, statement, limit, offset)


def get_employer(session: Session, principal: Principal, employer_id: int) -> Employer:
    """Return an employer the caller may see, or raise ``NotFound``."""
    employer = get_or_404(session, Employer, employer_id, "employer")
    if principal.employer_id not in (None, employer.id):
        raise NotFound.record("employer", employer_id)
    return employer


def create_employer(session: Session, data: EmployerCreate) -> Employer:
    """Register an employer; its credit code must be new."""
    check_references(session, {"station_id": (Station, data.station_id)})
    employer = Employer.model_validate(data)
    session.add(employer)
    flush(session, f"An employer with credit code {data.credit_code} exists")
    return employer


def update_employer(
    session: Session, principal: Principal, employer_id: int, patch: EmployerUpdate
) -> Employer:
    """Change an employer at the version the caller read."""
    employer = get_employer(session, principal, employer_id)
    check_references(session, {"station_id": (Station, patch.station_id)})
    apply_patch(session, employer, patch)
    flush(session, "Another employer has that credit code")
    return employer
