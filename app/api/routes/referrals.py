"""Referrals of people to vacancies, and their transitions."""

from fastapi import APIRouter

router = APIRouter(prefix="/referrals", tags=["referrals"])
