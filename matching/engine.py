"""Scoring blocks of people against blocks of vacancies.

Vacancies of the same occupation group share one pool of people (``matching.pools``)
and are scored together as a dense block, each component worked out once per
distinct value among the pool's people and then looked up for all of them. The
ranking of a block is in ``matching.topk``, over ``matching.ranks``, with
``matching.pruning`` for large pools.
"""

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from matching.encode import PeopleArrays, VacancyArrays

# Availability: fit falls to 0 when a person can start this many days late.
LATE_DAYS = 60
# Wage: fit falls from 0.5 to 0 as the top of the range drops this far below the
# person's minimum, as a share of it.
WAGE_SHORTFALL = 0.25
# Experience asked for by nobody: a person with none fits a little less.
NO_EXPERIENCE = 0.8
# Scores are ranked to six decimals; ties then go to the lower person id.
RESOLUTION = 1_000_000
# People are taken in groups of this many to bound the rank of a vacancy's k-th
# best by the k-th best of the groups' maxima (``matching.ranks``); pools are padded
# to whole groups.
GROUP = 16
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
        # Which people share each value that a component reads, for pools.
        self._keys = _person_keys(people)
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
        result: np.ndarray = np.minimum(certificates, 1.0)
        return result

    def part(
        self, name: str, prow: np.ndarray, vrow: np.ndarray, *, paired: bool
    ) -> np.ndarray:
        """Return the values of component ``name``, one of ``PARTS``."""
        if name == "certificates":
            return self._certificates(prow, vrow, paired=paired)
        p, v = self.p, self.v
        pc, vc = (prow, vrow) if paired else (prow[:, None], vrow[None, :])
        if name == "location":
            table: np.ndarray = self.location_table
            if paired:
                table = table[p.locations[prow], v.locations[vrow]]
            else:
                table = table[p.locations[prow]][:, v.locations[vrow]]
            return table
        if name == "wage":
            return _wage_fit(p.wages[pc], v.wage_min[vc], v.wage_max[vc])
        if name == "availability":
            late = np.maximum(p.available[pc] - v.starts[vc], 0)
            result: np.ndarray = np.clip(1 - late / LATE_DAYS, 0, 1).astype(np.float32)
            return result
        if name == "experience":
            return _experience_fit(p.experience[pc], v.min_experience[vc])
        raise ValueError(f"unknown component {name!r}")

    def pool_keys(self, people: np.ndarray) -> "_PoolKeys":
        """Return the distinct values of pool ``people``, kept for its next chunks."""
        with self._lock:
            for kept in self._pools:
                if kept.people is people:
                    return kept
        pool = _PoolKeys.of(people, self._keys)
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
        result: np.ndarray = held < counts - 0.5
        return result

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
            fits: np.ndarray = self.occupation_table[codes, wanted[:, None]]
            return fits.max(axis=1)  # type: ignore[no-any-return]
        # Fits of every code for these vacancies, then the best over each row's codes.
        table = self.occupation_table[:, wanted]
        best = table[codes[:, 0]]
        for slot in range(1, codes.shape[1]):
            np.maximum(best, table[codes[:, slot]], out=best)
        return best  # type: ignore[no-any-return]


def _tables(
    scorer: Scorer, pool: "_PoolKeys", vrow: np.ndarray
) -> tuple[list[tuple[np.ndarray, np.ndarray]], np.ndarray | None]:
    """Return the weighted components of a pool for vacancies ``vrow`` as tables
    and the rows' keys to them, and how many people may be ranked for each vacancy
    when that is quicker to count from the tables, else None.

    The first table holds the sum of the first two components; the score of a row
    is then the tables' values added in turn. Pairs that may not be ranked (no fit
    by occupation or skills, a required certificate lacking) and padding rows
    score -inf. Occupation and skills are read together, once per distinct pair
    among the pool's people of what these vacancies can see of them: the classes
    of their codes and their similarity to the skills asked for. Every other
    component reads one field of the person.
    """
    shares = scorer.shares
    occupation_rows, occupation_first = _occupation_classes(scorer, pool, vrow)
    skills_rows, skills_first = _skill_classes(scorer, pool, vrow)
    pairs, pair_occupation, pair_skills = _pairs(
        occupation_rows, skills_rows, len(skills_first), pool
    )
    occupation = scorer._occupation(occupation_first, vrow, paired=False)
    skills = _product(
        scorer.p.skills, skills_first, scorer.v.skills, vrow, paired=False
    )
    fits = dict(
        scorer._fits(
            occupation[pair_occupation], skills[pair_skills], vrow, paired=False
        )
    )
    total = fits["occupation"] * shares[0]
    total = total + fits["skills"] * shares[1]
    relevant = (fits["occupation"] > 0) | (fits["skills"] > 0)
    head = np.full((len(pair_occupation) + 1, len(vrow)), -np.inf, np.float32)
    head[:-1] = np.where(relevant, total, -np.inf)
    lookups = [(head, pairs)]
    certified = np.empty(0)
    for index, name in enumerate(PARTS, start=2):
        keys = getattr(pool, name)
        table = scorer.part(name, keys.first, vrow, paired=False) * shares[index]
        if name == "certificates":
            excluded = scorer.excluded(keys.first, vrow, paired=False)
            table[excluded] = -np.inf
            certified = ~excluded
        lookups.append((table, keys.rows))
    # People by (pair, certificates): those fitting and certified may be ranked.
    kinds = len(pool.certificates.first)
    if len(pair_occupation) * kinds > pool.size:
        return lookups, None
    kind = (
        pairs[: pool.size].astype(np.int64) * kinds
        + pool.certificates.rows[: pool.size]
    )
    held = np.bincount(kind, minlength=len(pair_occupation) * kinds)
    held = held.reshape(len(pair_occupation), kinds).T.astype(np.float64)
    counts = ((held @ relevant.astype(np.float64)) * certified).sum(axis=0)
    return lookups, np.rint(counts).astype(np.int64)


def _occupation_classes(
    scorer: Scorer, pool: "_PoolKeys", vrow: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return a class per pool row for the fit of its codes to vacancies ``vrow``,
    and a person row of each class.

    Codes that fit every code asked for alike are one class; people holding the
    same classes have the same best fit.
    """
    wanted = scorer.occupation_table[:, _unique(scorer.v.occupations[vrow])[0]]
    code_class, _ = _row_classes(wanted)
    codes = scorer.p.occupations[pool.occupation.first]
    key, first = _row_classes(np.sort(code_class[codes], axis=1))
    return key[pool.occupation.rows], pool.occupation.first[first]


def _skill_classes(
    scorer: Scorer, pool: "_PoolKeys", vrow: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return a class per pool row for its similarity to the skills ``vrow`` ask
    for, and a person row of each class.

    ``_product`` reads only those skills' columns, so people alike on them get the
    same skills fit.
    """
    columns = _unique(scorer.v.skills[vrow].indices)[0]  # as _product finds them
    reps = pool.skills.first
    if len(columns) == 0:
        return np.zeros(pool.padded, dtype=np.int32), reps[:1]
    key, first = _row_classes(scorer.p.skills[reps][:, columns].toarray())
    return key[pool.skills.rows], reps[first]


def _pairs(
    occupation: np.ndarray, skills: np.ndarray, skill_classes: int, pool: "_PoolKeys"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return each row's distinct (occupation, skills) pair, and the pairs' classes.

    Padding rows take the index one past the last pair.
    """
    both = occupation[: pool.size].astype(np.int64) * skill_classes
    both += skills[: pool.size]
    unique, inverse = _distinct(both)
    pairs = np.full(pool.padded, len(unique), dtype=np.int32)
    pairs[: pool.size] = inverse
    pair_occupation, pair_skills = np.divmod(unique, skill_classes)
    return pairs, pair_occupation, pair_skills


def _row_classes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return a class per row of ``values``, equal rows alike, and a row of each.

    Like ``np.unique(values, axis=0)``, which takes far longer: each value becomes
    its index among the distinct values, and each row a number in that base.
    """
    rows, width = values.shape
    if rows == 0 or width == 0:
        return np.zeros(rows, dtype=np.int32), np.zeros(min(rows, 1), dtype=np.intp)
    _, index = _unique(values.ravel())
    index = index.reshape(rows, width)
    base = int(index.max()) + 1
    code = np.zeros(rows, dtype=np.int64)
    bound = 1
    for column in range(width):
        if bound * base >= 1 << 62:
            _, renumbered = _distinct(code)
            code, bound = renumbered.astype(np.int64), int(renumbered.max()) + 1
        code = code * base + index[:, column]
        bound *= base
    classes, key = _distinct(code)
    first = np.zeros(len(classes), dtype=np.intp)
    first[key] = np.arange(rows)  # any row of each class will do
    return key, first


def _unique(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return ``np.unique(values, return_inverse=True)`` of a 1-d array, faster on
    the small arrays of a block."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    new = np.empty(len(values), dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    inverse = np.empty(len(values), dtype=np.int32)
    inverse[order] = np.cumsum(new, dtype=np.int32) - 1
    return ordered[new], inverse


def _distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the sorted distinct values of small non-negative ints, and the index
    of each value among them, by a table when the values are few."""
    top = int(values.max(initial=0)) + 1
    if top > 4 * len(values) + 1024:
        return _unique(values)
    present = np.zeros(top, dtype=bool)
    present[values] = True
    return np.flatnonzero(present), (np.cumsum(present, dtype=np.int32) - 1)[values]


def _take(table: np.ndarray, rows: np.ndarray, out: np.ndarray) -> None:
    """Put ``table[rows]`` into ``out``; the rows are valid, so none is checked."""
    np.take(table, rows, axis=0, out=out, mode="clip")


@dataclass(frozen=True, slots=True)
class _Distinct:
    """Which of a pool's distinct values each row holds, and a person holding each."""

    rows: np.ndarray  # (padded pool,) index of the value, 0 for padding
    first: np.ndarray  # (values,) a person row holding the value

    @classmethod
    def of(
        cls, first: np.ndarray, key: np.ndarray, people: np.ndarray, padded: int
    ) -> "_Distinct":
        held = key[people]
        if len(first) <= 4 * len(people):
            present = np.zeros(len(first), dtype=bool)
            present[held] = True
            values = np.flatnonzero(present)
            rows = (np.cumsum(present, dtype=np.int32) - 1)[held]
        else:
            values, rows = _unique(held)
        padded_rows = np.zeros(padded, dtype=np.int32)
        padded_rows[: len(people)] = rows.reshape(-1)
        return cls(padded_rows, first[values])


@dataclass(frozen=True, slots=True)
class _PoolKeys:
    """The distinct values among a pool's people of the fields components read.

    Rows are padded to whole groups of ``GROUP``.
    """

    people: np.ndarray
    size: int
    padded: int
    occupation: _Distinct
    skills: _Distinct
    certificates: _Distinct
    location: _Distinct
    wage: _Distinct
    availability: _Distinct
    experience: _Distinct

    @classmethod
    def of(
        cls, people: np.ndarray, keys: dict[str, tuple[np.ndarray, np.ndarray]]
    ) -> "_PoolKeys":
        """Return the keys of pool ``people`` from person keys (first row, key)."""
        size = len(people)
        padded = -(-size // GROUP) * GROUP
        distinct = {
            name: _Distinct.of(first, key, people, padded)
            for name, (first, key) in keys.items()
        }
        return cls(people, size, padded, **distinct)

    def boosts(self, boosts: np.ndarray) -> np.ndarray:
        padded = np.zeros(self.padded, dtype=boosts.dtype)
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
        "wage": _bits(p.wages),
        "availability": p.available,
        "experience": _bits(p.experience),
    }
    keys = {}
    for name, values in fields.items():
        key, first = _row_classes(values if values.ndim == 2 else values[:, None])
        keys[name] = (first, key)
    keys["skills"] = _row_keys(p.skills)
    keys["certificates"] = _row_keys(p.certificates)
    return keys


def _bits(values: np.ndarray) -> np.ndarray:
    """Return floats as the integers of their bits: equal bits, equal values."""
    if values.dtype.kind != "f":
        return values
    return values.view(np.dtype(f"i{values.dtype.itemsize}"))


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
    key, first = _row_classes(table)
    step = 100_000
    for start in range(0, n, step):
        rows = np.arange(start, min(start + step, n))
        if (m[rows] != m[first[key[rows]]]).nnz:
            return np.arange(n), np.arange(n, dtype=np.int32)
    return first, key


def _mix(values: np.ndarray) -> np.ndarray:
    """Return the splitmix64 finaliser of ``values``, uint64 wrapping around."""
    z = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    mixed: np.ndarray = z ^ (z >> np.uint64(31))
    return mixed


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
