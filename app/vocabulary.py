"""The curated vocabulary shipped with the service: occupations, skills, certificates.

The files in ``app/data`` are written by this project. ``occupations.csv`` and
``job_titles.csv`` hold the
official code and name of each occupation or group our workers and employers use, with
the words they use for it (aliases separated by ``|``). ``skills.csv`` and
``certificates.csv`` name a canonical skill or certificate, its synonyms, and the
occupation codes it belongs to; a certificate also names those it includes (an A2
driving licence allows what a B2 does). The official classification, with its own
aliases and definitions, is imported by operators and merged with these rows.
"""

import csv
from functools import lru_cache
from pathlib import Path

from matching.vocabulary import (
    Certificate,
    Occupation,
    Skill,
    Vocabulary,
    merge_occupations,
)

DATA_DIR = Path(__file__).parent / "data"


def _read(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _occupations(name: str) -> list[Occupation]:
    return [
        Occupation(row["code"], row["name"], _split(row["aliases"]))
        for row in _read(name)
    ]


@lru_cache
def curated_occupations() -> list[Occupation]:
    """Return the shipped occupations and groups, with their curated aliases.

    ``occupations.csv`` covers the trades of the district's workers in depth;
    ``job_titles.csv`` the words job boards use for every other kind of job.
    """
    return merge_occupations(
        _occupations("occupations.csv"), _occupations("job_titles.csv")
    )


@lru_cache
def skills() -> list[Skill]:
    """Return the shipped canonical skills with their synonyms and occupations."""
    return [
        Skill(row["skill"], _split(row["synonyms"]), _split(row["occupations"]))
        for row in _read("skills.csv")
    ]


@lru_cache
def certificates() -> list[Certificate]:
    """Return the shipped certificates and licences with the occupations they serve."""
    return [
        Certificate(
            row["certificate"],
            _split(row["synonyms"]),
            _split(row["occupations"]),
            _split(row["covers"]),
        )
        for row in _read("certificates.csv")
    ]


@lru_cache
def curated_vocabulary() -> Vocabulary:
    """Return a vocabulary over the shipped occupations, skills and certificates."""
    return Vocabulary(curated_occupations(), skills(), certificates())
