"""Liveness and database health."""

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

logger = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/health")
def health(request: Request) -> JSONResponse:
    """Answer 200 when the database answers, 503 when it does not."""
    try:
        with request.app.state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        logger.warning("health check: database did not answer")
        return JSONResponse({"status": "degraded", "database": "unavailable"}, 503)
    return JSONResponse({"status": "ok", "database": "ok"})
