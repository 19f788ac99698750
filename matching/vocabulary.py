"""Occupations, skills and certificates: the shared vocabulary of the matcher.

Occupation codes follow the national occupational classification (GB/T 6565, 2022):
``6-18-02-04`` is an occupation, ``6-18-02-00`` its minor group, ``6-18-00-00`` its
middle group and ``6-00-00-00`` its major group.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from matching.text import normalize


def code_level(code: str) -> int:
    """Return 1 (major group) to 4 (occupation) for a classification code."""
    parts = code.split("-")
    if len(parts) != 4 or not all(p.isdigit() for p in parts):
        raise ValueError(f"occupation code {code!r} is not like 6-18-02-04")
    depth = 4
    while depth > 1 and int(parts[depth - 1]) == 0:
        depth -= 1
    return depth


def code_prefix(code: str) -> str:
    """Return the code without its trailing zero parts: ``6-18-00-00`` -> ``6-18``."""
    return "-".join(code.split("-")[: code_level(code)])


def parent_code(code: str) -> str | None:
    """Return the code of the group one level up, or None for a major group."""
    level = code_level(code)
    if level == 1:
        return None
    parts = code.split("-")[: level - 1]
    return "-".join(parts + ["00"] * (4 - len(parts)))


def in_group(code: str, group: str) -> bool:
    """Return whether ``code`` is ``group`` or lies inside it."""
    prefix = code_prefix(group)
    return code == group or code.startswith(prefix + "-")


@dataclass(frozen=True, slots=True)
class Occupation:
    """An occupation or group of the classification, with the names people use."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    definition: str = ""

    @property
    def level(self) -> int:
        return code_level(self.code)

    @property
    def parent_code(self) -> str | None:
        return parent_code(self.code)


@dataclass(frozen=True, slots=True)
class Skill:
    """A canonical skill, the words people use for it, and where it belongs."""

    name: str
    synonyms: tuple[str, ...] = ()
    occupation_codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Certificate:
    """A certificate or licence, the occupations it qualifies for, and the
    certificates it includes (``covers``), as a higher driving-licence class
    includes the lower ones."""

    name: str
    synonyms: tuple[str, ...] = ()
    occupation_codes: tuple[str, ...] = ()
    covers: tuple[str, ...] = ()


T = TypeVar("T", Skill, Certificate)


def merge_occupations(
    official: Iterable[Occupation], curated: Iterable[Occupation]
) -> list[Occupation]:
    """Add curated aliases to the official table; keep curated-only codes too.

    The official name and definition win; aliases are the union, official first.
    """
    merged = {o.code: o for o in official}
    for extra in curated:
        base = merged.get(extra.code)
        if base is None:
            merged[extra.code] = extra
            continue
        aliases = tuple(dict.fromkeys((*base.aliases, *extra.aliases)))
        definition = base.definition or extra.definition
        merged[extra.code] = Occupation(base.code, base.name, aliases, definition)
    return sorted(merged.values(), key=lambda o: o.code)


@dataclass
class Vocabulary:
    """Lookups over occupations, skills and certificates by their normalised words."""

    occupations: list[Occupation]
    skills: list[Skill] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._occupations = {o.code: o for o in self.occupations}
        self._skills = _index(self.skills)
        self._certificates = _index(self.certificates)
        self._by_name = {c.name: c for c in self.certificates}

    def occupation(self, code: str) -> Occupation | None:
        return self._occupations.get(code)

    def skill(self, term: str) -> Skill | None:
        """Return the canonical skill a word names, by name or synonym."""
        return self._skills.get(normalize(term))

    def certificate(self, term: str) -> Certificate | None:
        """Return the certificate a word names, by name or synonym."""
        return self._certificates.get(normalize(term))

    def canonical_skills(self, terms: Iterable[str]) -> list[str]:
        """Return the canonical names of the skills among ``terms``, in order."""
        found = (self.skill(t) for t in terms)
        return list(dict.fromkeys(s.name for s in found if s is not None))

    def canonical_certificates(self, terms: Iterable[str]) -> list[str]:
        """Return the canonical names of the certificates among ``terms``, in order."""
        found = (self.certificate(t) for t in terms)
        return list(dict.fromkeys(c.name for c in found if c is not None))

    def held_certificates(self, names: Iterable[str]) -> tuple[str, ...]:
        """Return ``names`` and every certificate they include, directly or not.

        Examples
        --------
        >>> b2 = Certificate("B2", covers=("C1",))
        >>> a2 = Certificate("A2", covers=("B2",))
        >>> Vocabulary([], certificates=[a2, b2]).held_certificates(["A2"])
        ('A2', 'B2', 'C1')
        """
        held = list(dict.fromkeys(names))
        for name in held:  # grows while it is read: the closure of ``covers``
            certificate = self._by_name.get(name)
            for covered in certificate.covers if certificate else ():
                if covered not in held:
                    held.append(covered)
        return tuple(held)

    def skill_similarity(self, required: str, offered: str) -> float:
        """Return 1 for the same skill or a synonym, 0.5 for a related skill, else 0.

        Two skills are related when they belong to occupations of the same minor
        group (the first three parts of the code). Words that merely look alike,
        such as 保洁 and 保安, are unrelated.
        """
        a, b = self.skill(required), self.skill(offered)
        if a is None or b is None:
            return 1.0 if normalize(required) == normalize(offered) else 0.0
        if a.name == b.name:
            return 1.0
        groups_a = {_minor_group(c) for c in a.occupation_codes}
        groups_b = {_minor_group(c) for c in b.occupation_codes}
        return 0.5 if groups_a & groups_b else 0.0


def _minor_group(code: str) -> str:
    return "-".join(code.split("-")[:3])


def _index(entries: Iterable[T]) -> dict[str, T]:
    index: dict[str, T] = {}
    entry: T
    for entry in entries:
        for word in (entry.name, *entry.synonyms):
            index.setdefault(normalize(word), entry)
    return index
