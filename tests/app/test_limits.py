"""The app admits no more requests at once than it has database connections."""

import asyncio
import threading

import httpx

from app.api.limits import ConcurrencyLimit
from app.db import POOL_SIZE
from tests.conftest import ADMIN_KEY
from tests.factories import count, create_household, person_body


def test_requests_beyond_the_limit_wait_their_turn():
    active = peak = 0
    release = asyncio.Event()

    async def app(scope, receive, send):
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        await release.wait()
        active -= 1
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def run() -> list[int]:
        transport = httpx.ASGITransport(app=ConcurrencyLimit(app, limit=3))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            calls = [asyncio.create_task(c.get("/")) for _ in range(10)]
            while active < 3:
                await asyncio.sleep(0)
            release.set()
            return [r.status_code for r in await asyncio.gather(*calls)]

    statuses = asyncio.run(run())

    assert statuses == [204] * 10
    assert peak == 3


def test_more_concurrent_writers_than_connections_all_succeed(client, live_server):
    household_id = create_household(client)["id"]
    writers = 2 * POOL_SIZE + 8
    statuses: list[int] = []
    start = threading.Barrier(writers)

    def register() -> None:
        body = person_body(household_id)
        with httpx.Client(base_url=live_server, timeout=60) as http:
            start.wait()
            response = http.post(
                "/api/v1/people",
                json=body,
                headers={"Authorization": f"Bearer {ADMIN_KEY}"},
            )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=register) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [201] * writers
    assert count(client, "people") == writers
