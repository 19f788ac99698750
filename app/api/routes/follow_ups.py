"""Follow-ups of placed workers (稳岗)."""

from fastapi import APIRouter

router = APIRouter(prefix="/follow-ups", tags=["follow-ups"])
