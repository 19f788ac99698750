"""Zero-employment households (零就业家庭) and their clearing deadlines."""

from fastapi import APIRouter

router = APIRouter(prefix="/zero-employment-cases", tags=["zero-employment cases"])
