"""Scoring blocks of people against blocks of vacancies, and ranking them.

People are indexed by the occupation groups and skills they bring. A vacancy is
scored only against the people who share at least one of those with it, since
anyone else has no fit for the work and is never a candidate. Vacancies of the same
occupation group share one pool and are scored together as a dense block.
"""

import threading
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from matching.encode import PeopleArrays, VacancyArrays
from matching.profiles import PersonProfile, VacancyProfile
from matching.vocabulary import Vocabulary, code_level, code_prefix

# Availability: fit falls to 0 when a person can start this many days late.
LATE_DAYS = 60
# Wage: fit falls from 0.5 to 0 as the top of the range drops this far below the
# person's minimum, as a share of it.
WAGE_SHORTFALL = 0.25
# Experience asked for by nobody: a person with none fits a little less.
NO_EXPERIENCE = 0.8
# Scores are ranked to six decimals; ties then go to the lower person id.
RESOLUTION = 1_000_000
# The components after occupation and skills, in order; each reads one person field.
PARTS = ("certificates", "location", "wage", "availability", "experience")
# Pools whose distinct values are kept, for the next chunks of the same pool.
POOLS_KEPT = 4


@dataclass(frozen=True, slots=True)
class Block:
    """Open vacancies scored together, and the people who may fit any of them."""

    vacancies: np.ndarray
    people: np.ndarray


class Scorer:
    """The arithmetic of the score over encoded arrays, for blocks or pairs."""

    def __init__(
        self,
        people: PeopleArrays,
        vacancies: VacancyArrays,
        occupation_table: np.ndarray,
        location_table: np.ndarray,
        shares: np.ndarray,
    ) -> None:
        self.p, self.v = people, vacancies
        self.occupation_table = occupation_table
        self.location_table = location_table
        self.shares = shares
        self._lock = threading.Lock()
        self._keys: dict[str, tuple[np.ndarray, np.ndarray]] | None = None
        self._pools: list[_PoolKeys] = []

    def components(
        self, prow: np.ndarray, vrow: np.ndarray, *, paired: bool
    ) -> Iterator[tuple[str, np.ndarray]]:
        """Yield each component's values for people ``prow`` and vacancies ``vrow``.

        With ``paired`` the rows are matched one to one; otherwise every person
        meets every vacancy and each value is a (people, vacancies) matrix.
        """
        occupation = self._occupation(prow, vrow, paired=paired)
        skills = _product(self.p.skills, prow, self.v.skills, vrow, paired=paired)
        yield from self._fits(occupation, skills, vrow, paired=paired)
        for name in PARTS:
            yield name, self.part(name, prow, vrow, paired=paired)

    def _fits(
        self,
        occupation: np.ndarray,
        skills: np.ndarray,
        vrow: np.ndarray,
        *,
        paired: bool,
    ) -> Iterator[tuple[str, np.ndarray]]:
        """Yield the occupation and skills components from the raw fits of both."""
        v = self.v
        vc = vrow if paired else vrow[None, :]
        # A vacancy that names no skills (or no occupation) is judged on the other
        # alone, so that leaving a field empty costs nobody points.
        has_code = v.occupations[vc] < len(self.occupation_table) - 1
        yield "occupation", np.where(has_code, occupation, skills)
        yield "skills", np.where(v.has_skills[vc], skills, occupation)

    def _certificates(
        self, prow: np.ndarray, vrow: np.ndarray, *, paired: bool
    ) -> np.ndarray:
        v = self.v
        vc = vrow if paired else vrow[None, :]
        # Counted, not capped at 1: with preferred certificates each one held counts.
        held = _product(
            self.p.certificates,
            prow,
            v.certificates,
            vrow,
            paired=paired,
            normalise=False,
        )
        certificates = v.certificate_base[vc] + v.certificate_scale[vc] * held
        return np.minimum(certificates, 1.0)

    def part(
        self, name: str, prow: np.ndarray, vrow: np.ndarray, *, paired: bool
    ) -> np.ndarray:
        """Return the values of component ``name``, one of ``PARTS``."""
        if name == "certificates":
            return self._certificates(prow, vrow, paired=paired)
        p, v = self.p, self.v
        pc, vc = (prow, vrow) if paired else (prow[:, None], vrow[None, :])
        if name == "location":
            return self.location_table[p.locations[pc], v.locations[vc]]
        if name == "wage":
            return _wage_fit(p.wages[pc], v.wage_min[vc], v.wage_max[vc])
        if name == "availability":
            late = np.maximum(p.available[pc] - v.starts[vc], 0)
            return np.clip(1 - late / LATE_DAYS, 0, 1).astype(np.float32)
        if name == "experience":
            return _experience_fit(p.experience[pc], v.min_experience[vc])
        raise ValueError(f"unknown component {name!r}")

    def pool_keys(self, people: np.ndarray) -> "_PoolKeys":
        """Return the distinct values of pool ``people``, kept for its next chunks."""
        with self._lock:
            if self._keys is None:
                self._keys = _person_keys(self.p)
            keys = self._keys
            for kept in self._pools:
                if kept.people is people:
                    return kept
        pool = _PoolKeys.of(people, keys)
        with self._lock:
            self._pools = [pool, *self._pools[: POOLS_KEPT - 1]]
        return pool

    def excluded(
        self, prow: np.ndarray, vrow: np.ndarray, *, paired: bool
    ) -> np.ndarray:
        """Return where a person lacks a certificate the vacancy requires."""
        v = self.v
        held = _product(
            self.p.certificates, prow, v.required, vrow, paired=paired, normalise=False
        )
        counts = v.required_counts[vrow] if paired else v.required_counts[vrow][None, :]
        return held < counts - 0.5

    def score(
        self, prow: np.ndarray, vrow: np.ndarray, *, paired: bool
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return the scores and where a pair may be ranked at all."""
        total: np.ndarray | None = None
        relevant: np.ndarray | None = None
        for (name, values), share in zip(
            self.components(prow, vrow, paired=paired), self.shares, strict=True
        ):
            total = values * share if total is None else total + values * share
            if name in ("occupation", "skills"):
                fits = values > 0
                relevant = fits if relevant is None else relevant | fits
        assert total is not None
        assert relevant is not None
        return total, relevant & ~self.excluded(prow, vrow, paired=paired)

    def _occupation(
        self, prow: np.ndarray, vrow: np.ndarray, *, paired: bool
    ) -> np.ndarray:
        codes = self.p.occupations[prow]
        wanted = self.v.occupations[vrow]
        if paired:
            return self.occupation_table[codes, wanted[:, None]].max(axis=1)
        # Fits of every code for these vacancies, then the best over each row's codes.
        table = self.occupation_table[:, wanted]
        best = table[codes[:, 0]]
        for slot in range(1, codes.shape[1]):
            np.maximum(best, table[codes[:, slot]], out=best)
        return best


def top_in_block(
    scorer: Scorer,
    block: Block,
    k: int,
    *,
    boosts: np.ndarray | None,
    min_score: float = 0.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the rows of the best ``k`` people for each vacancy of ``block``.

    Answers (vacancies, k) arrays of person rows, -1 where fewer fit, their scores,
    and how many people qualify for each vacancy. People are ranked by score plus
    their priority boost when ``boosts`` is given; ties go to the lower person id,
    so the same input always gives the same order.

    The scores are those of ``Scorer.score``, to the bit: each component is worked
    out once per distinct value in the pool (``_PoolKeys``) and then looked up, and
    the weighted components are added in the same order. Only pairs whose rank may
    reach the top ``k`` are sorted (``_best``).
    """
    vrow = block.vacancies
    rows = np.full((len(vrow), k), -1, dtype=np.int64)
    values = np.zeros((len(vrow), k), dtype=np.float32)
    totals = np.zeros(len(vrow), dtype=np.int64)
    if len(block.people) == 0 or len(vrow) == 0 or k <= 0:
        return rows, values, totals
    pool = scorer.pool_keys(block.people)
    # Vacancies naming both an occupation and skills score by the fast path.
    v = scorer.v
    both = (v.occupations[vrow] < len(scorer.occupation_table) - 1) & v.has_skills[vrow]
    for columns, fast in ((np.flatnonzero(both), True), (np.flatnonzero(~both), False)):
        if len(columns) == 0:
            continue
        scores = _block_scores(scorer, pool, vrow[columns], fast=fast)
        if min_score > 0:
            scores[~(scores >= min_score - 0.5 / RESOLUTION)] = -np.inf
        ranked = (
            scores.copy() if boosts is None else scores + pool.boosts(boosts)[:, None]
        )
        np.multiply(ranked, RESOLUTION, out=ranked)
        np.rint(ranked, out=ranked)
        allowed = (ranked > -np.inf).view(np.uint8)
        totals[columns] = allowed.sum(axis=0, dtype=np.int32)
        person, column, place = _best(ranked, min(k, pool.size))
        rows[columns[column], place] = block.people[person]
        values[columns[column], place] = scores[person, column]
    return rows, values, totals


# People are taken in groups of this many to bound the rank of a vacancy's k-th
# best by the k-th best of the groups' maxima.
GROUP = 16


def _best(ranked: np.ndarray, take: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the pool rows, vacancy columns and places of each vacancy's best.

    ``ranked`` holds ranks (integers as floats) by pool row and vacancy, -inf where
    a pair may not be ranked; rows come in whole groups of ``GROUP``. The best have
    the highest rank, then the lowest row, as ``argsort`` of the keys ``-rank * rows
    + row`` would give. Only pairs at or above a bound are sorted: the ``take``-th
    highest of the groups' maxima, since ``take`` groups hold a pair at least as
    high, so that no pair of the best ``take`` lies below it.
    """
    groups, columns = ranked.shape[0] // GROUP, ranked.shape[1]
    lowest = np.finfo(ranked.dtype).min  # above -inf: pairs never ranked stay out
    if groups > take:
        maxima = np.ascontiguousarray(
            ranked.reshape(groups, GROUP, columns).max(axis=1).T
        )
        bound = np.partition(maxima, groups - take, axis=1)[:, groups - take]
        bound = np.maximum(bound, lowest)
    else:
        bound = np.full(columns, lowest, dtype=ranked.dtype)
    found = np.flatnonzero(ranked >= bound)
    person, vacancy = np.divmod(found, columns)
    order = np.lexsort((person, -ranked.ravel()[found], vacancy))
    person, vacancy = person[order], vacancy[order]
    counts = np.bincount(vacancy, minlength=columns)
    place = np.arange(len(order)) - (np.cumsum(counts) - counts)[vacancy]
    keep = place < take
    return person[keep], vacancy[keep], place[keep]


def _block_scores(
    scorer: Scorer, pool: "_PoolKeys", vrow: np.ndarray, *, fast: bool
) -> np.ndarray:
    """Return the scores of a pool (padded rows) for vacancies ``vrow``.

    Pairs that may not be ranked (no fit by occupation or skills, a required
    certificate lacking) and padding rows score -inf. ``fast`` is for vacancies
    that name an occupation and skills: their first two components are then the
    fits by occupation and by skills as they are, looked up one by one.
    """
    shares = scorer.shares
    occupation = scorer._occupation(pool.occupation.first, vrow, paired=False)
    skills = _product(
        scorer.p.skills, pool.skills.first, scorer.v.skills, vrow, paired=False
    )
    scores = np.empty((len(pool.pairs), len(vrow)), dtype=np.float32)
    looked_up = np.empty_like(scores)
    weighted = (occupation * shares[0], skills * shares[1])
    # The first two components are the fits by occupation and by skills as they
    # are. A pair fits by either exactly where their weighted sum is above 0, as
    # long as no fit above 0 weighs 0.
    if fast and not any(
        np.any((fit > 0) & (value <= 0))
        for fit, value in zip((occupation, skills), weighted, strict=True)
    ):
        _take(weighted[0], pool.occupation.rows, scores)
        _take(weighted[1], pool.skills.rows, looked_up)
        scores += looked_up
        scores[scores <= 0] = -np.inf
        scores[pool.size :] = -np.inf
    else:
        fits = dict(
            scorer._fits(
                occupation[pool.pair_occupation],
                skills[pool.pair_skills],
                vrow,
                paired=False,
            )
        )
        head = np.full((len(pool.pair_occupation) + 1, len(vrow)), -np.inf, np.float32)
        total = fits["occupation"] * shares[0]
        total = total + fits["skills"] * shares[1]
        relevant = (fits["occupation"] > 0) | (fits["skills"] > 0)
        head[:-1] = np.where(relevant, total, -np.inf)
        _take(head, pool.pairs, scores)
    for index, name in enumerate(PARTS, start=2):
        keys = getattr(pool, name)
        table = scorer.part(name, keys.first, vrow, paired=False) * shares[index]
        if name == "certificates":
            table[scorer.excluded(keys.first, vrow, paired=False)] = -np.inf
        _take(table, keys.rows, looked_up)
        scores += looked_up
    return scores


def _take(table: np.ndarray, rows: np.ndarray, out: np.ndarray) -> None:
    """Put ``table[rows]`` into ``out``; rows are valid, so no check is needed."""
    np.take(table, rows, axis=0, out=out, mode="clip")


@dataclass(frozen=True, slots=True)
class _Distinct:
    """Which of a few distinct values each row holds, and a person holding each."""

    rows: np.ndarray  # (padded pool,) index of the value, 0 for padding
    first: np.ndarray  # (values,) a person row holding the value


@dataclass(frozen=True, slots=True)
class _PoolKeys:
    """The distinct person values of a pool that each component reads.

    Occupation and skills are read together, by distinct pair (``pairs``, with
    ``len(pair_occupation)`` for padding rows). Rows are padded to whole groups.
    """

    people: np.ndarray
    size: int
    occupation: _Distinct
    skills: _Distinct
    pairs: np.ndarray
    pair_occupation: np.ndarray
    pair_skills: np.ndarray
    certificates: _Distinct
    location: _Distinct
    wage: _Distinct
    availability: _Distinct
    experience: _Distinct

    @classmethod
    def of(cls, people: np.ndarray, keys: dict[str, np.ndarray]) -> "_PoolKeys":
        """Return the keys of pool ``people`` from person keys (first row, key)."""
        size = len(people)
        padded = -(-size // GROUP) * GROUP
        distinct = {}
        for name, (first, key) in keys.items():
            values, rows = np.unique(key[people], return_inverse=True)
            padded_rows = np.zeros(padded, dtype=np.int32)
            padded_rows[:size] = rows.reshape(-1)
            distinct[name] = _Distinct(padded_rows, first[values])
        skills = len(distinct["skills"].first)
        both = distinct["occupation"].rows[:size].astype(np.int64) * skills
        both += distinct["skills"].rows[:size]
        unique, inverse = np.unique(both, return_inverse=True)
        pairs = np.full(padded, len(unique), dtype=np.int32)
        pairs[:size] = inverse.reshape(-1)
        pair_occupation, pair_skills = np.divmod(unique, skills)
        return cls(
            people,
            size,
            pairs=pairs,
            pair_occupation=pair_occupation,
            pair_skills=pair_skills,
            **distinct,
        )

    def boosts(self, boosts: np.ndarray) -> np.ndarray:
        padded = np.zeros(len(self.pairs), dtype=boosts.dtype)
        padded[: self.size] = boosts[self.people]
        return padded


def _person_keys(p: PeopleArrays) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Return, for each person field a component reads, (first row, key) arrays.

    People with the same key hold the same value, so they get the same component.
    """
    fields = {
        # The best fit over a person's codes does not depend on their order.
        "occupation": np.sort(p.occupations, axis=1),
        "location": p.locations,
        "wage": p.wages.view(np.int32),
        "availability": p.available,
        "experience": p.experience.view(np.int32),
    }
    keys = {}
    for name, values in fields.items():
        _, first, key = np.unique(
            values,
            axis=0 if values.ndim > 1 else None,
            return_index=True,
            return_inverse=True,
        )
        keys[name] = (first, key.reshape(-1))
    keys["skills"] = _row_keys(p.skills)
    keys["certificates"] = _row_keys(p.certificates)
    return keys


def _row_keys(matrix: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Return (first row, key) arrays that give equal rows of ``matrix`` one key.

    Rows are hashed (128 bits over their columns and values) and then checked
    against the first row of their key; if any differs, every row keeps its own.
    """
    m = sparse.csr_matrix(matrix)
    n = m.shape[0]
    lengths = np.diff(m.indptr)
    with np.errstate(over="ignore"):
        mixed = m.indices.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        mixed ^= m.data.astype(np.float64).view(np.uint64)
        hashes = [_mix(mixed), _mix(mixed ^ np.uint64(0xD6E8FEB86659FD93))]
        table = np.zeros((n, 3), dtype=np.int64)
        table[:, 0] = lengths
        starts = m.indptr[:-1][lengths > 0]
        for column, values in enumerate(hashes, start=1):
            if len(starts):
                sums = np.add.reduceat(values, starts)
                table[lengths > 0, column] = sums.view(np.int64)
    _, first, key = np.unique(table, axis=0, return_index=True, return_inverse=True)
    key = key.reshape(-1)
    step = 100_000
    for start in range(0, n, step):
        rows = np.arange(start, min(start + step, n))
        if (m[rows] != m[first[key[rows]]]).nnz:
            return np.arange(n), np.arange(n)
    return first, key


def _mix(values: np.ndarray) -> np.ndarray:
    """Return the splitmix64 finaliser of ``values``, uint64 wrapping around."""
    z = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def _product(
    left: sparse.csr_matrix,
    lrow: np.ndarray,
    right: sparse.csr_matrix,
    rrow: np.ndarray,
    *,
    paired: bool,
    normalise: bool = True,
) -> np.ndarray:
    """Return row products of two sparse matrices, densified over used columns."""
    a, b = left[lrow], right[rrow]
    if paired:
        out = np.asarray(a.multiply(b).sum(axis=1), dtype=np.float32).ravel()
    else:
        columns = np.unique(b.indices)
        if columns.size == 0:
            return np.zeros((len(lrow), len(rrow)), dtype=np.float32)
        out = a[:, columns].toarray() @ b[:, columns].toarray().T
    return np.minimum(out, 1.0) if normalise else out


def _wage_fit(minimum: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Return 1 when the whole range meets the minimum, less as it falls short."""
    top = np.where(np.isnan(high), low, high)
    bottom = np.where(np.isnan(low), high, low)
    with np.errstate(invalid="ignore", divide="ignore"):
        straddles = 0.5 + 0.5 * (top - minimum) / (top - bottom)
        short = 0.5 * np.clip(1 - (minimum - top) / (WAGE_SHORTFALL * minimum), 0, 1)
    fit = np.where(bottom >= minimum, 1.0, np.where(top >= minimum, straddles, short))
    fit = np.where(np.isnan(top), 0.5, fit)
    return np.where(minimum <= 0, 1.0, fit).astype(np.float32)


def _experience_fit(years: np.ndarray, asked: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.clip(np.maximum(years, 0) / asked, 0, 1)
    none_asked = np.where(years >= 1, 1.0, NO_EXPERIENCE)
    return np.where(asked > 0, share, none_asked).astype(np.float32)


class PoolIndex:
    """Who may fit what: people by the groups and skills they bring."""

    def __init__(self, people: Sequence[PersonProfile], vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        rows: dict[str, list[int]] = defaultdict(list)
        for row, person in enumerate(people):
            if person.is_eligible:
                for key in self.person_keys(person):
                    rows[key].append(row)
        self.rows = {
            key: np.array(found, dtype=np.int64) for key, found in rows.items()
        }

    def person_keys(self, person: PersonProfile) -> set[str]:
        keys = self._skill_keys(person.skills)
        for code in person.occupation_codes:
            level, prefix = code_level(code), code_prefix(code)
            parts = prefix.split("-")
            keys.update(
                "g:" + "-".join(parts[:n]) for n in range(1, min(2, level - 1) + 1)
            )
            keys.add("m:" + "-".join(parts[:3]) if level >= 3 else "p:" + prefix)
        return keys

    def vacancy_keys(self, vacancy: VacancyProfile) -> list[str]:
        """Return the keys a vacancy looks up, its own group first."""
        keys: list[str] = []
        code = vacancy.occupation_code
        if code:
            level, parts = code_level(code), code_prefix(code).split("-")
            keys.append(
                "m:" + "-".join(parts[:3]) if level >= 3 else "g:" + code_prefix(code)
            )
            keys += ["p:" + "-".join(parts[:n]) for n in range(1, min(2, level) + 1)]
        keys += sorted(self._skill_keys(vacancy.skills))
        return list(dict.fromkeys(keys))

    def pool(self, keys: Sequence[str]) -> np.ndarray:
        """Return the sorted rows of everyone under any of ``keys``."""
        found = [self.rows[k] for k in keys if k in self.rows]
        if not found:
            return np.empty(0, dtype=np.int64)
        return np.unique(np.concatenate(found))

    def _skill_keys(self, skills: Sequence[str]) -> set[str]:
        keys = set()
        for name in skills:
            keys.add("w:" + name)
            skill = self.vocabulary.skill(name)
            for code in skill.occupation_codes if skill else ():
                keys.add("s:" + "-".join(code.split("-")[:3]))
        return keys
