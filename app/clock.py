"""The service's notion of "now" and "today", in the office's time zone."""

from datetime import UTC, date, datetime

from app.config import get_settings


def utcnow() -> datetime:
    """Return the current instant as an aware UTC datetime."""
    return datetime.now(UTC)


def today() -> date:
    """Return today's date in the configured office time zone."""
    return datetime.now(get_settings().tz).date()
