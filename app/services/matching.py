"""Candidate lists and recommendations from the matcher, over the registry's rows.

The matcher is built from every person and vacancy once and kept while nothing
changes. Each request checks a cheap stamp (row counts and newest ``updated_at`` of
people, households, vacancies and the occupation table), so any write, from this
process or another, is seen at the next request.
"""

import logging
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Row, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, select

from app.clock import today
from app.config import Settings
from app.errors import InvalidInput
from app.models import Household, Person, Vacancy
from app.models.enums import EmploymentStatus, VacancyStatus
from app.regions import DISTRICT_CODE
from app.services import resolution
from app.services.employment import tally
from matching.matcher import Match, Matcher, Ranking
from matching.profiles import AlertLevel, PersonProfile, Priority, VacancyProfile
from matching.shortlists import Shortlists
from matching.shortlists import shortlists as allocate_shortlists
from matching.text import normalize
from matching.vocabulary import Vocabulary
from matching.weights import PriorityPolicy, Weights

logger = logging.getLogger(__name__)

# A row of the columns below, read by attribute name.
Selected = Any
# Only the columns the matcher reads: loading whole records takes three times as long.
HOUSEHOLD_COLUMNS = (
    "id",
    "alert_level",
    "origin_town",
    "site",
)
PERSON_COLUMNS = (
    "id",
    "household_id",
    "birth_on",
    "employment_status",
    "is_seeking_work",
    "occupation_codes",
    "skills",
    "canonical_skills",
    "certificates",
    "canonical_certificates",
    "desired_regions",
    "is_willing_to_relocate",
    "min_monthly_wage",
    "available_on",
    "experience_years",
    "unemployed_since",
)
VACANCY_COLUMNS = (
    "id",
    "title",
    "description",
    "requirements",
    "occupation_code",
    "skills",
    "canonical_skills",
    "certificates",
    "canonical_certificates",
    "preferred_certificates",
    "canonical_preferred_certificates",
    "region_code",
    "has_housing",
    "wage_min",
    "wage_max",
    "starts_on",
    "min_experience_years",
    "openings",
    "openings_filled",
    "status",
    "closes_on",
)


def candidates(
    session: Session,
    settings: Settings,
    vacancy_id: int,
    *,
    weights: str | None,
    use_priority: bool,
    limit: int,
    offset: int,
    min_score: float,
    town: str | None,
    site: str | None,
) -> Ranking:
    """Rank people for a vacancy the caller may already read."""
    matcher = _matcher(session, settings, weights)
    return matcher.candidates(
        vacancy_id,
        limit=limit,
        offset=offset,
        min_score=min_score,
        use_priority=use_priority,
        town=town,
        site=site,
    )


def recommendations(
    session: Session,
    settings: Settings,
    person_id: int,
    *,
    weights: str | None,
    limit: int,
    offset: int,
    min_score: float,
) -> Ranking:
    """Rank open vacancies for a person the caller may already read."""
    matcher = _matcher(session, settings, weights)
    return matcher.recommendations(
        person_id, limit=limit, offset=offset, min_score=min_score
    )


def shortlists(
    session: Session,
    settings: Settings,
    vacancy_ids: list[int],
    *,
    per_opening: int,
    max_lists: int,
    use_priority: bool,
) -> tuple[Shortlists, list[Match]]:
    """Fill the shortlists of ``vacancy_ids``; return them and every listed pair.

    Unknown vacancies are refused, each named, before anything is computed.
    """
    matcher = _matcher(session, settings, None)
    unknown = [v for v in vacancy_ids if not matcher.holds_vacancy(v)]
    if unknown:
        raise InvalidInput.one("vacancy_id", f"no vacancy {unknown[0]}")
    lists = allocate_shortlists(
        matcher,
        vacancy_ids,
        per_opening=per_opening,
        max_lists=max_lists,
        use_priority=use_priority,
    )
    pairs = [(p, v) for v, rows in lists.lists.items() for p, _ in rows]
    return lists, matcher.explain_pairs(pairs, use_priority=use_priority)


def parse_weights(text: str, base: Weights) -> Weights:
    """Return ``base`` with the weights of ``text`` (``location:0.4,wage:0.2``)."""
    values: dict[str, object] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, number = part.partition(":")
        try:
            values[name.strip()] = float(number)
        except ValueError:
            raise _bad_weights(f"{part!r} is not name:number") from None
    try:
        return Weights.from_mapping(
            {**_weights_of(base), **values}, version=base.version + "+request"
        )
    except (TypeError, ValueError) as error:
        raise _bad_weights(str(error)) from None


def _bad_weights(message: str) -> InvalidInput:
    return InvalidInput.one("weights", message)


def _weights_of(weights: Weights) -> dict[str, object]:
    return {k: v for k, v in weights.as_dict().items() if k != "version"}


def _matcher(session: Session, settings: Settings, weights: str | None) -> Matcher:
    matcher = _cache.get(session, settings)
    if weights:
        return matcher.with_weights(parse_weights(weights, settings.weights()))
    return matcher


class _Cache:
    """The matcher of the data last seen, rebuilt when the stamp changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: Hashable = None
        self._matcher: Matcher | None = None

    def get(self, session: Session, settings: Settings) -> Matcher:
        key = (
            str(session.get_bind().engine.url),
            today(),
            settings.weights(),
            settings.priority_max_boost,
            *_stamp(session),
        )
        with self._lock:
            if self._matcher is None or key != self._key:
                self._matcher = build_matcher(session, settings)
                self._key = key
            return self._matcher


_cache = _Cache()


def _stamp(session: Session) -> tuple[object, ...]:
    """Return what changes with any write: the newest id and change of each table.

    Rows are never deleted through the service, so a new row raises the newest id
    and an edit the newest ``updated_at``. Each is its own scalar subquery, which
    both databases answer from an index instead of a scan.
    """
    newest = [
        select(func.max(column)).scalar_subquery()
        for model in (Person, Household, Vacancy)
        for column in (model.id, model.updated_at)
    ]
    return (*session.exec(select(*newest)).one(), *resolution.table_stamp(session))


def build_matcher(session: Session, settings: Settings) -> Matcher:
    """Build the matcher over every person and vacancy as ``session`` sees them."""
    started = time.perf_counter()
    on = today()
    vocabulary = resolution.current(session).vocabulary
    households = {h.id: h for h in _rows(session, Household, HOUSEHOLD_COLUMNS)}
    people = _rows(session, Person, PERSON_COLUMNS)
    vacancies = _rows(session, Vacancy, VACANCY_COLUMNS)
    zero = _zero_employment(people, on)
    matcher = Matcher(
        [_person(p, households[p.household_id], zero, vocabulary, on) for p in people],
        [_vacancy(v, vocabulary, on) for v in vacancies],
        vocabulary,
        today=on,
        weights=settings.weights(),
        policy=PriorityPolicy(
            max_boost=settings.priority_max_boost,
            is_enabled=settings.priority_max_boost > 0,
        ),
    )
    logger.info(
        "built the matcher: %d people, %d vacancies in %.2f s",
        len(matcher.people),
        len(matcher.vacancies),
        time.perf_counter() - started,
    )
    return matcher


def _rows(
    session: Session, model: type[SQLModel], columns: tuple[str, ...]
) -> Sequence[Row[Any]]:
    """Return ``columns`` of every row of ``model``'s table, as plain rows."""
    table = model.__table__  # type: ignore[attr-defined]
    statement = sa_select(*(table.c[name] for name in columns))
    return session.connection().execute(statement).all()


def _zero_employment(people: Iterable[Selected], on: date) -> set[int]:
    """Return the households with someone in the labour force and no one working."""
    members = (
        (p.household_id, p.birth_on, p.employment_status, p.is_seeking_work)
        for p in people
    )
    counts = tally(members, on)
    return {h for h, status in counts.items() if status.is_zero_employment}


def _person(
    person: Selected,
    household: Selected,
    zero_employment: set[int],
    vocabulary: Vocabulary,
    on: date,
) -> PersonProfile:
    assert person.id is not None
    waited = (on - person.unemployed_since).days if person.unemployed_since else 0
    return PersonProfile(
        id=person.id,
        occupation_codes=tuple(person.occupation_codes),
        skills=_terms(person.canonical_skills, person.skills, vocabulary.skill),
        certificates=_terms(
            person.canonical_certificates, person.certificates, vocabulary.certificate
        ),
        desired_regions=tuple(person.desired_regions),
        home_region=DISTRICT_CODE,
        is_willing_to_relocate=person.is_willing_to_relocate,
        min_monthly_wage=person.min_monthly_wage,
        available_on=person.available_on,
        experience_years=person.experience_years,
        is_eligible=person.is_seeking_work
        and person.employment_status == EmploymentStatus.UNEMPLOYED,
        priority=Priority(
            is_zero_employment=person.household_id in zero_employment,
            alert_level=AlertLevel(household.alert_level),
            unemployed_days=max(waited, 0),
        ),
        town=household.origin_town,
        site=household.site,
    )


def _vacancy(vacancy: Selected, vocabulary: Vocabulary, on: date) -> VacancyProfile:
    assert vacancy.id is not None
    closed = vacancy.closes_on is not None and vacancy.closes_on < on
    text = " ".join(
        t for t in (vacancy.title, vacancy.description, vacancy.requirements) if t
    )
    return VacancyProfile(
        id=vacancy.id,
        occupation_code=vacancy.occupation_code,
        skills=_terms(vacancy.canonical_skills, vacancy.skills, vocabulary.skill),
        required_certificates=_terms(
            vacancy.canonical_certificates, vacancy.certificates, vocabulary.certificate
        ),
        preferred_certificates=_terms(
            vacancy.canonical_preferred_certificates,
            vacancy.preferred_certificates,
            vocabulary.certificate,
        ),
        region_code=vacancy.region_code,
        has_housing=vacancy.has_housing,
        wage_min=vacancy.wage_min,
        wage_max=vacancy.wage_max,
        starts_on=vacancy.starts_on,
        min_experience_years=vacancy.min_experience_years,
        openings_left=vacancy.openings - vacancy.openings_filled,
        is_open=vacancy.status == VacancyStatus.OPEN and not closed,
        text=text,
    )


def _terms(
    canonical: list[str], given: list[str], known: Callable[[str], object | None]
) -> tuple[str, ...]:
    """Return the canonical terms, then the given words the vocabulary lacks.

    A word outside the vocabulary still matches the same word, normalised.
    """
    unknown = [normalize(w) for w in given if known(w) is None]
    return tuple(dict.fromkeys([*canonical, *unknown]))
