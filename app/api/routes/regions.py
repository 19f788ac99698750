"""Administrative regions known to the service."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from app.api.deps import ONE_LINE, get_principal
from app.api.responses import READ_ERRORS
from app.regions import all_regions

# Any valid key may read the regions.
router = APIRouter(
    prefix="/regions", tags=["regions"], dependencies=[Depends(get_principal)]
)


class RegionPublic(BaseModel):
    code: str
    name: str
    level: str
    parent_code: str | None


@router.get("", response_model=list[RegionPublic], responses=READ_ERRORS)
def list_regions(
    within: Annotated[
        str | None,
        Query(max_length=12, description="Only regions inside this code"),
        ONE_LINE,
    ] = None,
) -> list[RegionPublic]:
    """List the GB/T 2260 regions vacancies and people may name: the district and its
    towns, 昆明市, and the provinces and main cities of the five stations."""
    regions = all_regions().values()
    return [
        RegionPublic(code=r.code, name=r.name, level=r.level, parent_code=r.parent_code)
        for r in regions
        if within is None or r.code.startswith(within)
    ]
