"""The scheduled jobs: thin functions that call the services.

Each takes the run's session (the runner commits it), the settings and the occurrence,
and returns counts of what it did, which the ledger keeps.
"""

from sqlmodel import Session

from app.config import Settings
from app.services import employment, referrals
from scheduler.occurrences import Occurrence


def expire_referrals(
    session: Session, settings: Settings, occurrence: Occurrence
) -> dict[str, int]:
    """Expire the open referrals no one has moved on for ``referral_expiry_days``."""
    expired = referrals.expire_referrals(
        session, now=occurrence.now, days=settings.referral_expiry_days
    )
    return {"expired": expired}


def refresh_households(
    session: Session, settings: Settings, occurrence: Occurrence
) -> dict[str, int]:
    """Open or clear the cases members' ages moved, on the office's date of the run."""
    on = occurrence.now.astimezone(settings.tz).date()
    return employment.refresh_households(
        session, on=on, clearing_days=settings.zero_employment_days
    )
