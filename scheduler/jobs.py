"""The scheduled jobs: thin functions that call the services.

Each takes the run's session (the runner commits it), the settings and the occurrence,
and returns counts of what it did, which the ledger keeps.
"""

from sqlmodel import Session

from app.config import Settings
from app.services import referrals
from scheduler.occurrences import Occurrence


def expire_referrals(
    session: Session, settings: Settings, occurrence: Occurrence
) -> dict[str, int]:
    """Expire the open referrals no one has moved on for ``referral_expiry_days``."""
    expired = referrals.expire_referrals(
        session, now=occurrence.now, days=settings.referral_expiry_days
    )
    return {"expired": expired}
