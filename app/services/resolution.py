"""Resolving titles and phrases against the occupation table, and what records derive.

The matcher's vocabulary and title resolver are built from the table's rows once and
kept until the table changes. Each use checks a cheap stamp (the row count and the
newest ``updated_at``), so an import made by another process, the CLI say, is seen by
the running server at its next request.
"""

import logging
import threading
import time
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select

from app import vocabulary as curated
from app.models import Occupation, Person, Vacancy
from matching import vocabulary as vocab
from matching.resolver import Resolution, TitleResolver
from matching.text import normalize

logger = logging.getLogger(__name__)

# Resolutions remembered per table version: people share most of their phrases.
MEMO_SIZE = 20_000


@dataclass
class Snapshot:
    """The matcher's view of one version of the occupation table."""

    vocabulary: vocab.Vocabulary
    resolver: TitleResolver
    # Code -> the normalised name and aliases, for searching.
    words: dict[str, tuple[str, ...]]
    _memo: dict[tuple[str, int], Resolution] = field(
        default_factory=dict, init=False, repr=False
    )

    def resolve(self, text: str, limit: int = 5) -> Resolution:
        """Resolve ``text`` to an occupation, remembering the answer."""
        key = (text, limit)
        found = self._memo.get(key)
        if found is None:
            found = self.resolver.resolve(text, limit=limit)
            if len(self._memo) < MEMO_SIZE:
                self._memo[key] = found
        return found

    def search(self, q: str) -> list[str]:
        """Return the codes starting with ``q`` or whose name or alias contains it."""
        word = normalize(q)
        return [
            code
            for code, names in self.words.items()
            if code.startswith(word) or any(word in name for name in names)
        ]


class _Cache:
    """The snapshot of the table version last asked for, rebuilt when it changes.

    A changed stamp whose rows are the same as before (the table rewritten with the
    same content) keeps the snapshot: building one takes up to a second.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: Hashable = None
        self._content: list[vocab.Occupation] = []
        self._snapshot: Snapshot | None = None

    def get(self, session: Session) -> Snapshot:
        key = (str(session.get_bind().engine.url), *table_stamp(session))
        with self._lock:
            if self._snapshot is None or key != self._key:
                content = _load(session)
                if self._snapshot is None or content != self._content:
                    self._snapshot = _build(content)
                    self._content = content
                self._key = key
            return self._snapshot


_cache = _Cache()


def table_stamp(session: Session) -> tuple[object, ...]:
    """Return what changes with any change of the occupation table."""
    statement = select(func.count(), func.max(Occupation.updated_at))
    count, newest = session.exec(statement).one()
    return count, newest


def as_vocabulary(rows: Iterable[Occupation]) -> list[vocab.Occupation]:
    """Turn rows of the occupation table into the matcher's occupations."""
    return [
        vocab.Occupation(r.code, r.name, tuple(r.aliases), r.definition or "")
        for r in rows
    ]


def _load(session: Session) -> list[vocab.Occupation]:
    rows = session.exec(select(Occupation).order_by(Occupation.code)).all()
    return as_vocabulary(rows)


def _build(occupations: list[vocab.Occupation]) -> Snapshot:
    started = time.perf_counter()
    vocabulary = vocab.Vocabulary(occupations, curated.skills(), curated.certificates())
    words = {
        o.code: tuple(normalize(w) for w in (o.name, *o.aliases)) for o in occupations
    }
    snapshot = Snapshot(vocabulary, TitleResolver(occupations), words)
    logger.info(
        "built the title resolver: %d occupations in %.2f s",
        len(occupations),
        time.perf_counter() - started,
    )
    return snapshot


def current(session: Session) -> Snapshot:
    """Return the matcher's view of the occupation table as ``session`` sees it."""
    return _cache.get(session)


def resolve_title(session: Session, text: str, limit: int = 5) -> Resolution:
    """Resolve a job title or a phrase like 「会开铲车」 with ``limit`` candidates."""
    return current(session).resolve(text, limit)


def resolve_vacancy(session: Session, vacancy: Vacancy, *, from_title: bool) -> None:
    """Derive the vacancy's canonical skills, and its occupation when ``from_title``.

    A title that resolves to no occupation confidently leaves ``occupation_code``
    empty; the title itself stays as sent.
    """
    _derive_vacancy(current(session), vacancy, from_title=from_title)


def resolve_person(session: Session, person: Person) -> None:
    """Derive a person's occupations, canonical skills and canonical certificates.

    ``occupation_codes`` holds the confident occupations of the wished occupations
    and of the skills, in that order, each once.
    """
    _derive_person(current(session), person)


@dataclass(frozen=True, slots=True)
class Recount:
    """How many vacancies and people were resolved again, and how many changed."""

    vacancies: int
    vacancies_changed: int
    people: int
    people_changed: int


def resolve_everything(session: Session) -> Recount:
    """Resolve every vacancy and person again, as after a change of the table.

    Codes a client gave stay; derived codes, and vacancies without any code, are
    resolved from the title again. Records whose derived fields change get a new
    version.
    """
    snapshot = current(session)
    vacancies = session.exec(select(Vacancy)).all()
    people = session.exec(select(Person)).all()

    vacancies_changed = sum(_vacancy_again(snapshot, v) for v in vacancies)
    people_changed = sum(_person_again(snapshot, p) for p in people)
    session.flush()

    recount = Recount(len(vacancies), vacancies_changed, len(people), people_changed)
    logger.info(
        "resolved again: %d of %d vacancies and %d of %d people changed",
        vacancies_changed,
        len(vacancies),
        people_changed,
        len(people),
    )
    return recount


def _derive_vacancy(snapshot: Snapshot, vacancy: Vacancy, *, from_title: bool) -> None:
    vocabulary = snapshot.vocabulary
    vacancy.canonical_skills = vocabulary.canonical_skills(vacancy.skills)
    vacancy.canonical_certificates = vocabulary.canonical_certificates(
        vacancy.certificates
    )
    vacancy.canonical_preferred_certificates = vocabulary.canonical_certificates(
        vacancy.preferred_certificates
    )
    if not from_title:
        return

    resolution = snapshot.resolve(vacancy.title, limit=1)
    vacancy.occupation_code = resolution.code
    vacancy.occupation_score = resolution.score if resolution.code else None
    vacancy.is_occupation_resolved = True


def _derive_person(snapshot: Snapshot, person: Person) -> None:
    phrases = [*person.desired_occupations, *person.skills]
    resolutions = (snapshot.resolve(p, limit=1) for p in phrases)
    codes = [r.code for r in resolutions if r.code is not None]

    vocabulary = snapshot.vocabulary
    person.occupation_codes = list(dict.fromkeys(codes))
    person.canonical_skills = vocabulary.canonical_skills(person.skills)
    person.canonical_certificates = vocabulary.canonical_certificates(
        person.certificates
    )


def _vacancy_again(snapshot: Snapshot, vacancy: Vacancy) -> bool:
    """Resolve a vacancy again; return whether its derived fields changed."""
    before = _derived_of_vacancy(vacancy)
    # A vacancy saved before occupations were resolved has neither flag nor code.
    from_title = vacancy.is_occupation_resolved or not vacancy.occupation_code
    _derive_vacancy(snapshot, vacancy, from_title=from_title)
    return _derived_of_vacancy(vacancy) != before


def _person_again(snapshot: Snapshot, person: Person) -> bool:
    """Resolve a person again; return whether their derived fields changed."""
    before = _derived_of_person(person)
    _derive_person(snapshot, person)
    return _derived_of_person(person) != before


def _derived_of_vacancy(vacancy: Vacancy) -> tuple[object, ...]:
    return (
        vacancy.occupation_code,
        vacancy.occupation_score,
        vacancy.is_occupation_resolved,
        vacancy.canonical_skills,
        vacancy.canonical_certificates,
        vacancy.canonical_preferred_certificates,
    )


def _derived_of_person(person: Person) -> tuple[object, ...]:
    return (
        person.occupation_codes,
        person.canonical_skills,
        person.canonical_certificates,
    )
