from datetime import UTC, datetime

import pytest

from scheduler import runner

# The runner's clock in these tests: after every instant they pass as ``now``.
CLOCK = datetime(2027, 6, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def runner_clock(monkeypatch):
    """Fix the clock the runner compares the ledger with; a test may move it."""
    clock = {"now": CLOCK}
    monkeypatch.setattr(runner, "utcnow", lambda: clock["now"])
    return clock
