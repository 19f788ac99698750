"""The occupation table: the curated table, official imports, search and look-up."""

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import Session, col, select

from app import vocabulary as curated
from app.clock import utcnow
from app.errors import NotFound
from app.models import Occupation
from app.services.records import page
from app.services.resolution import Recount, current, resolve_everything
from matching import vocabulary as vocab
from matching.text import normalize

logger = logging.getLogger(__name__)

Term = TypeVar("Term", vocab.Skill, vocab.Certificate)


def list_occupations(
    session: Session, *, q: str | None, level: int | None, limit: int, offset: int
) -> tuple[Sequence[Occupation], int]:
    """Return a page of occupations, in code order, matching ``q`` and ``level``.

    ``q`` matches the start of a code, or any part of a name or alias, whatever the
    width, case or script (traditional or simplified) of either.
    """
    statement = select(Occupation)
    if level is not None:
        statement = statement.where(Occupation.level == level)
    if q and q.strip():
        codes = current(session).search(q)
        statement = statement.where(col(Occupation.code).in_(codes))
    return page(session, statement, limit, offset)


def get_occupation(session: Session, code: str) -> Occupation:
    """Return the occupation or group with this code, or raise ``NotFound``."""
    occupation = session.get(Occupation, code)
    if occupation is None:
        raise NotFound(f"No occupation with code {code}")
    return occupation


def list_terms(
    terms: Sequence[Term], *, q: str | None, limit: int, offset: int
) -> tuple[list[Term], int]:
    """Return a page of skills or certificates whose name or synonym contains ``q``."""
    word = normalize(q or "")
    found = [term for term in terms if _mentions(term, word)]
    return found[offset : offset + limit], len(found)


def _mentions(term: vocab.Skill | vocab.Certificate, word: str) -> bool:
    return any(word in normalize(name) for name in (term.name, *term.synonyms))


def sync_curated(session: Session) -> int:
    """Add the curated occupations the table lacks and their aliases to the rest.

    Official rows keep their names and definitions; rows that came from the curated
    table alone follow it. Returns how many rows were added or changed.
    """
    existing = {o.code: o for o in session.exec(select(Occupation)).all()}
    now = utcnow()
    changed = 0
    for entry in curated.curated_occupations():
        row = existing.get(entry.code)
        if row is None:
            session.add(_from_curated(entry, now))
            changed += 1
        elif _merge_curated(row, entry, now):
            changed += 1

    session.flush()
    return changed


def _from_curated(entry: vocab.Occupation, now: datetime) -> Occupation:
    return Occupation(
        code=entry.code,
        name=entry.name,
        level=entry.level,
        parent_code=entry.parent_code,
        aliases=list(entry.aliases),
        definition=entry.definition or None,
        is_official=False,
        updated_at=now,
    )


def _merge_curated(row: Occupation, entry: vocab.Occupation, now: datetime) -> bool:
    """Bring a stored row in line with its curated entry; return whether it changed."""
    before = _content(row)
    if row.is_official:
        row.aliases = _union(row.aliases, entry.aliases)
    else:
        row.name, row.level = entry.name, entry.level
        row.parent_code, row.definition = entry.parent_code, entry.definition or None
        row.aliases = list(entry.aliases)
    if _content(row) == before:
        return False
    row.updated_at = now
    return True


def _content(row: Occupation) -> tuple[object, ...]:
    return (
        row.name,
        row.level,
        row.parent_code,
        row.aliases,
        row.definition,
        row.is_official,
    )


def _union(first: Sequence[str], second: Sequence[str]) -> list[str]:
    return list(dict.fromkeys([*first, *second]))


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import of an official table did."""

    rows: int
    occupations: int
    recount: Recount

    def __str__(self) -> str:
        r = self.recount
        return (
            f"imported {self.rows} rows; {self.occupations} occupations in the table; "
            f"re-resolved {r.vacancies} vacancies ({r.vacancies_changed} changed) "
            f"and {r.people} people ({r.people_changed} changed)"
        )


def import_official_table(
    session: Session, rows: Sequence[Occupation]
) -> ImportSummary:
    """Store every row of a checked official table, then resolve everything again.

    Existing codes take the official name, level and definition; their aliases are
    the official ones followed by the curated ones. Codes absent from the file stay.
    Only flushes: the caller's transaction makes the import all or nothing.
    """
    started = time.perf_counter()
    entries = {o.code: o for o in curated.curated_occupations()}
    existing = {o.code: o for o in session.exec(select(Occupation)).all()}
    now = utcnow()
    for row in rows:
        values = _official_values(row, entries.get(row.code))
        stored = existing.get(row.code)
        if stored is None:
            session.add(Occupation.model_validate(values | {"updated_at": now}))
        else:
            _overwrite(stored, values, now)
    session.flush()

    sync_curated(session)
    recount = resolve_everything(session)
    total = session.exec(select(func.count()).select_from(Occupation)).one()
    logger.info(
        "imported %d official occupations in %.1f s; %d in the table",
        len(rows),
        time.perf_counter() - started,
        total,
    )
    return ImportSummary(len(rows), total, recount)


def _official_values(row: Occupation, entry: vocab.Occupation | None) -> dict[str, Any]:
    """The stored values of an official row: its own, plus the curated aliases."""
    values = row.model_dump(exclude={"updated_at"}) | {"is_official": True}
    if entry is not None:
        values["aliases"] = _union(row.aliases, entry.aliases)
        values["definition"] = row.definition or entry.definition or None
    return values


def _overwrite(stored: Occupation, values: dict[str, Any], now: datetime) -> None:
    before = _content(stored)
    for name, value in values.items():
        setattr(stored, name, value)
    if _content(stored) != before:
        stored.updated_at = now
