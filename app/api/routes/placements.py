"""Placements: people at work through a hire."""

from fastapi import APIRouter

router = APIRouter(prefix="/placements", tags=["placements"])
