"""Employment service stations."""

from collections.abc import Sequence

from sqlmodel import Session, select

from app.models import Station
from app.schemas.registry import StationCreate, StationUpdate
from app.services.records import apply_patch, flush, get_or_404, page

# The five stations every installation starts with: name and province code.
FOUNDING_STATIONS = (
    ("昆明", "53"),
    ("广东", "44"),
    ("上海", "31"),
    ("浙江", "33"),
    ("江苏", "32"),
)


def list_stations(
    session: Session, *, is_active: bool | None, limit: int, offset: int
) -> tuple[Sequence[Station], int]:
    """Return a page of stations, optionally only active or inactive ones."""
    statement = select(Station)
    if is_active is not None:
        statement = statement.where(Station.is_active == is_active)
    return page(session, statement, limit, offset)


def get_station(session: Session, station_id: int) -> Station:
    return get_or_404(session, Station, station_id, "station")


def create_station(session: Session, data: StationCreate) -> Station:
    """Add a station; its name must be new."""
    station = Station.model_validate(data)
    session.add(station)
    flush(session, f"A station named {data.name!r} exists")
    return station


def update_station(session: Session, station_id: int, patch: StationUpdate) -> Station:
    """Change a station at the version the caller read."""
    station = get_station(session, station_id)
    apply_patch(session, station, patch)
    flush(session, "Another station has that name")
    return station
