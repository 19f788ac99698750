"""The web application."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import Engine

from app.api.limits import ConcurrencyLimit
from app.api.references import check_references
from app.api.routes import (
    api_keys,
    cases,
    employers,
    follow_ups,
    health,
    households,
    matching,
    occupations,
    people,
    placements,
    referrals,
    regions,
    reports,
    stations,
    vacancies,
    vocabulary,
)
from app.clock import today
from app.config import Settings, get_settings
from app.db import POOL_SIZE, create_db_engine, session_scope
from app.errors import install_error_handlers
from app.security import ensure_admin_key
from app.services.employment import ensure_histories
from app.services.occupations import sync_curated
from app.services.resolution import current, resolve_everything

logger = logging.getLogger(__name__)

DESCRIPTION = """
Registry, matching and meeting calendar for a public employment office.

Authenticate with `Authorization: Bearer <api key>`. Errors are
`application/problem+json`; a 422 names every bad field in `errors`.
"""


def prepare_database(engine: Engine, settings: Settings) -> None:
    """Make the database ready to serve.

    Creates the bootstrap admin key, brings in the curated occupation table and, on an
    empty database, the demo data; when either changed, resolves every vacancy and
    person again. People without employment history get their first event, and
    zero-employment households without an open case get one.
    """
    with session_scope(engine, write=True) as session:
        if settings.bootstrap_admin_key:
            ensure_admin_key(session, settings.bootstrap_admin_key)
        loaded = False
        if settings.demo_data:
            from app.demo import load_demo_data

            loaded = load_demo_data(session, settings)
        if sync_curated(session) or loaded:
            resolve_everything(session)
        ensure_histories(
            session, on=today(), clearing_days=settings.zero_employment_days
        )
        # Build the title resolver now rather than in the first request that needs it.
        current(session)


def create_app(
    settings: Settings | None = None, engine: Engine | None = None
) -> FastAPI:
    """Build the application for ``settings`` (the environment's by default)."""
    settings = settings or get_settings()
    engine = engine or create_db_engine(
        settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        prepare_database(engine, settings)
        yield
        engine.dispose()

    app = FastAPI(
        title="jobmatch",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    install_error_handlers(app, body_check=check_references)
    app.add_middleware(ConcurrencyLimit, limit=POOL_SIZE)

    app.include_router(health.router)
    for module in (
        stations,
        employers,
        households,
        people,
        vacancies,
        matching,
        referrals,
        placements,
        follow_ups,
        cases,
        reports,
        occupations,
        vocabulary,
        regions,
        api_keys,
    ):
        app.include_router(module.router, prefix="/api/v1")
    return app
