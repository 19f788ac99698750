"""Employment reports at a date."""

from fastapi import APIRouter

router = APIRouter(prefix="/reports", tags=["reports"])
