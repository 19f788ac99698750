"""Profiles turned into arrays, so that whole blocks of pairs are scored at once.

Codes, skills, certificates and places become small integers. Rules that compare
codes or places run once per distinct pair of values (``matching.fit``) and are then
looked up; skills and certificates become sparse rows that meet in matrix products.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import cast

import numpy as np
from scipy import sparse

from matching.fit import (
    IN_DESIRED_REGION,
    distance_fit,
    occupation_fit,
    priority_boost,
)
from matching.profiles import PersonProfile, VacancyProfile
from matching.vocabulary import Vocabulary
from matching.weights import PriorityPolicy


@dataclass
class Terms:
    """Integer ids for words: skills, certificates, codes or places."""

    ids: dict[object, int] = field(default_factory=dict)

    def id(self, term: object) -> int:
        return self.ids.setdefault(term, len(self.ids))

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class PeopleArrays:
    ids: np.ndarray
    occupations: np.ndarray  # (people, slots) code ids; the last id means none
    skills: sparse.csr_matrix  # similarity of each skill to the person's, 0 to 1
    certificates: sparse.csr_matrix
    locations: np.ndarray
    wages: np.ndarray  # 0 when the person names no minimum
    available: np.ndarray  # day ordinals
    experience: np.ndarray  # -1 when unknown
    boosts: np.ndarray


@dataclass
class VacancyArrays:
    ids: np.ndarray
    occupations: np.ndarray
    skills: sparse.csr_matrix  # each skill weighs 1 / number of skills asked
    has_skills: np.ndarray
    required: sparse.csr_matrix
    required_counts: np.ndarray
    certificates: sparse.csr_matrix  # what the certificate component looks for
    certificate_base: np.ndarray
    certificate_scale: np.ndarray
    locations: np.ndarray
    wage_min: np.ndarray  # NaN when not stated
    wage_max: np.ndarray
    starts: np.ndarray
    min_experience: np.ndarray
    is_open: np.ndarray


class Encoder:
    """Turns profiles into arrays over one shared set of ids and lookup tables."""

    def __init__(
        self, vocabulary: Vocabulary, *, today: date, policy: PriorityPolicy
    ) -> None:
        self.vocabulary = vocabulary
        self.today = today.toordinal()
        self.policy = policy
        self.codes = Terms()
        self.skills = Terms()
        self.certificates = Terms()
        self.person_places = Terms()
        self.vacancy_places = Terms()
        self.skill_groups = Terms()
        self._qualifying_by_code: dict[str, list[str]] = {}
        for skill in vocabulary.skills:
            self.skills.id(skill.name)

    # Lookup tables, built once both sides are encoded.

    def occupation_table(self) -> np.ndarray:
        """Return fits of every code pair, with a last row and column for none."""
        codes = list(self.codes.ids)
        table = np.zeros((len(codes) + 1, len(codes) + 1), dtype=np.float32)
        for i, offered in enumerate(codes):
            for j, wanted in enumerate(codes):
                table[i, j] = occupation_fit(str(offered), str(wanted))
        return table

    def location_table(self) -> np.ndarray:
        """Return fits of every person place against every vacancy place.

        Places are few but their pairs many, so the distance part is worked out once
        per home and willingness, and only the wished-region test per pair.
        """
        table = np.zeros(
            (len(self.person_places), len(self.vacancy_places)), dtype=np.float32
        )
        places = [
            cast(tuple[tuple[str, ...], str, bool], place)
            for place in self.person_places.ids
        ]
        for key, j in self.vacancy_places.ids.items():
            region, housing = cast(tuple[str, bool], key)
            # A region lies in a wished one when the wished code is one of its
            # prefixes; codes have 2, 4, 6 or 9 digits.
            prefixes = {region[:n] for n in (2, 4, 6, 9)}
            distance: dict[tuple[str, bool], float] = {}
            for i, (desired, home, willing) in enumerate(places):
                wished = desired or ((home,) if home else ())
                if not prefixes.isdisjoint(wished):
                    table[i, j] = IN_DESIRED_REGION
                    continue
                if (home, willing) not in distance:
                    distance[home, willing] = distance_fit(
                        region,
                        has_housing=housing,
                        home=home,
                        is_willing_to_relocate=willing,
                    )[0]
                table[i, j] = distance[home, willing]
        return table

    # People.

    def people(self, profiles: Sequence[PersonProfile]) -> PeopleArrays:
        slots = max((len(p.occupation_codes) for p in profiles), default=0) or 1
        occupations = np.full((len(profiles), slots), len(self.codes), dtype=np.int32)
        for row, person in enumerate(profiles):
            for slot, code in enumerate(person.occupation_codes[:slots]):
                occupations[row, slot] = self.codes.id(code)
        return PeopleArrays(
            ids=np.array([p.id for p in profiles], dtype=np.int64),
            occupations=occupations,
            skills=self._skill_similarities(profiles),
            certificates=self._incidence(
                [self.vocabulary.held_certificates(p.certificates) for p in profiles],
                self.certificates,
            ),
            locations=np.array(
                [self.person_places.id(_place(p)) for p in profiles], dtype=np.int32
            ),
            wages=np.array([p.min_monthly_wage or 0 for p in profiles], np.float32),
            available=np.array(
                [self._day(p.available_on) for p in profiles], dtype=np.int32
            ),
            experience=np.array(
                [_or(p.experience_years, -1) for p in profiles], dtype=np.float32
            ),
            boosts=np.array(
                [priority_boost(p.priority, self.policy) for p in profiles],
                dtype=np.float32,
            ),
        )

    def _skill_similarities(
        self, profiles: Sequence[PersonProfile]
    ) -> sparse.csr_matrix:
        """Return 1 for each skill a person has, 0.5 for each skill related to one.

        Two skills are related when they share a minor occupation group, as in
        ``Vocabulary.skill_similarity``.
        """
        held = self._incidence([p.skills for p in profiles], self.skills)
        groups = self._skill_groups()
        related = (held @ groups) @ groups.T
        related.data[:] = 0.5
        return sparse.csr_matrix(held.maximum(related))

    # Vacancies.

    def vacancies(self, profiles: Sequence[VacancyProfile]) -> VacancyArrays:
        none = len(self.codes)
        skills = self._incidence([v.skills for v in profiles], self.skills)
        counts = np.asarray(skills.sum(axis=1)).ravel()
        weights = sparse.diags(1 / np.maximum(counts, 1)).astype(np.float32)
        required = self._incidence(
            [v.required_certificates for v in profiles], self.certificates
        )
        looked_for, base, scale = self._certificate_component(profiles)
        return VacancyArrays(
            ids=np.array([v.id for v in profiles], dtype=np.int64),
            occupations=np.array(
                [
                    self.codes.id(v.occupation_code) if v.occupation_code else none
                    for v in profiles
                ],
                dtype=np.int32,
            ),
            skills=sparse.csr_matrix(weights @ skills),
            has_skills=counts > 0,
            required=required,
            required_counts=np.asarray(required.sum(axis=1)).ravel(),
            certificates=looked_for,
            certificate_base=base,
            certificate_scale=scale,
            locations=np.array(
                [
                    self.vacancy_places.id((v.region_code, v.has_housing))
                    for v in profiles
                ],
                dtype=np.int32,
            ),
            wage_min=np.array([_or(v.wage_min, np.nan) for v in profiles], np.float32),
            wage_max=np.array([_or(v.wage_max, np.nan) for v in profiles], np.float32),
            starts=np.array(
                [max(self._day(v.starts_on), self.today) for v in profiles], np.int32
            ),
            min_experience=np.array(
                [v.min_experience_years or 0 for v in profiles], dtype=np.float32
            ),
            is_open=np.array([v.is_open and v.openings_left > 0 for v in profiles]),
        )

    def _certificate_component(
        self, profiles: Sequence[VacancyProfile]
    ) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
        """Return what each vacancy's certificate component looks for, and its scale.

        Preferred certificates count by the share held. With only required ones,
        everyone left holds them all. With none named, holding a certificate that
        qualifies for the vacancy's occupation lifts the component from 0.5 to 1.
        """
        looked_for: list[tuple[str, ...]] = []
        base = np.ones(len(profiles), dtype=np.float32)
        scale = np.zeros(len(profiles), dtype=np.float32)
        for row, vacancy in enumerate(profiles):
            qualifying = self._qualifying(vacancy.occupation_code)
            if vacancy.preferred_certificates:
                looked_for.append(vacancy.preferred_certificates)
                base[row], scale[row] = 0.0, 1.0 / len(vacancy.preferred_certificates)
            elif not vacancy.required_certificates and qualifying:
                looked_for.append(qualifying)
                base[row], scale[row] = 0.5, 0.5
            else:
                looked_for.append(())
        return self._incidence(looked_for, self.certificates), base, scale

    def _qualifying(self, code: str | None) -> tuple[str, ...]:
        if not code:
            return ()
        if not self._qualifying_by_code:
            for certificate in self.vocabulary.certificates:
                for qualified in certificate.occupation_codes:
                    self._qualifying_by_code.setdefault(qualified, [])
                    self._qualifying_by_code[qualified].append(certificate.name)
        return tuple(self._qualifying_by_code.get(code, ()))

    # Helpers.

    def _incidence(
        self, rows: Sequence[Sequence[str]], terms: Terms
    ) -> sparse.csr_matrix:
        pairs = [(row, terms.id(t)) for row, names in enumerate(rows) for t in names]
        shape = (len(rows), max(len(terms), 1))
        if not pairs:
            return sparse.csr_matrix(shape, dtype=np.float32)
        r, c = zip(*pairs, strict=True)
        data = np.ones(len(pairs), dtype=np.float32)
        matrix = sparse.csr_matrix((data, (r, c)), shape=shape)
        matrix.data[:] = 1.0  # a term named twice still counts once
        return matrix

    def _skill_groups(self) -> sparse.csr_matrix:
        """Return which minor occupation groups each skill belongs to."""
        pairs = []
        for skill in self.vocabulary.skills:
            for code in skill.occupation_codes:
                group = self.skill_groups.id("-".join(code.split("-")[:3]))
                pairs.append((self.skills.id(skill.name), group))
        shape = (max(len(self.skills), 1), max(len(self.skill_groups), 1))
        if not pairs:
            return sparse.csr_matrix(shape, dtype=np.float32)
        rows, cols = zip(*pairs, strict=True)
        matrix = sparse.csr_matrix(
            (np.ones(len(pairs), np.float32), (rows, cols)), shape=shape
        )
        matrix.data[:] = 1.0
        return matrix

    def register(
        self, people: Sequence[PersonProfile], vacancies: Sequence[VacancyProfile]
    ) -> None:
        """Give ids to every code, skill and certificate before any array is built.

        Arrays of both sides must share their width, so all words are known first.
        """
        for person in people:
            for code in person.occupation_codes:
                self.codes.id(code)
            for name in person.skills:
                self.skills.id(name)
            for name in person.certificates:
                self.certificates.id(name)
        for vacancy in vacancies:
            if vacancy.occupation_code:
                self.codes.id(vacancy.occupation_code)
            for name in vacancy.skills:
                self.skills.id(name)
            for name in (
                *vacancy.required_certificates,
                *vacancy.preferred_certificates,
            ):
                self.certificates.id(name)
        for certificate in self.vocabulary.certificates:
            self.certificates.id(certificate.name)

    def _day(self, value: date | None) -> int:
        return value.toordinal() if value else self.today


def _place(person: PersonProfile) -> tuple[tuple[str, ...], str, bool]:
    return (person.desired_regions, person.home_region, person.is_willing_to_relocate)


def _or(value: int | None, default: float) -> float:
    return default if value is None else float(value)
