"""Admitting no more requests at once than there are database connections."""

import asyncio

from starlette.types import ASGIApp, Receive, Scope, Send


class ConcurrencyLimit:
    """Let at most ``limit`` HTTP requests run at once; the rest wait their turn.

    Every request holds a pooled connection from its first dependency to its commit,
    across several hops to worker threads. With more requests in flight than
    connections, threads would block waiting for connections held by requests that
    wait for threads. Waiting here, before any thread or connection is taken, cannot
    deadlock.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self._slots = asyncio.Semaphore(limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        async with self._slots:
            await self.app(scope, receive, send)
