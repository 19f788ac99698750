"""Pruned ranking of large pools: only people who may reach a vacancy's best.

``top_pruned`` gives the same lists as scoring a whole pool with
``matching.ranks``, ties and all, while scoring a small share of the pairs.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from matching.engine import GROUP, RESOLUTION, _distinct, _PoolKeys, _unique
from matching.ranks import best_of, ranks_of, scores_of

# A pruned block is bounded and scored this many vacancies (alike) at once.
PRUNE_CHUNK = 64
# Ranks the bounds are raised by: the wage fit falls as the person's minimum rises,
# but its arithmetic may not by a rounding, where the minimum is above the range.
SLACK = 2
# Vacancies whose bounds reach within this many powers of 2 as many people are
# scored together.
SPREAD = 2
# Gaps below a vacancy's highest bound within which the first people are scored,
GAPS = (20_000, 80_000, 320_000)
# ... among the groups whose fit alone is within this of the best for a vacancy,
NEAR = 40_000
# ... for this many vacancies at a time (the fewer, the fewer pairs not wanted).
FIRST_COLUMNS = 32


def top_pruned(
    pool: "_PoolKeys",
    lookups: list[tuple[np.ndarray, np.ndarray]],
    best: list[np.ndarray],
    boost: np.ndarray | None,
    places: np.ndarray,
    k: int,
    min_score: float,
    rows: np.ndarray,
    values: np.ndarray,
) -> None:
    """Put the pool rows and scores of the best ``k`` of each vacancy into ``rows``
    and ``values`` (vacancies in places ``places``), scoring only the people who
    may reach them.

    People are grouped into combos by their keys to the first three tables (the fit
    of their codes and skills, their certificates and location). A person's rank is
    at most that of their combo's values of those, the wage, availability and
    experience values of the combo's best on each (``best`` says how good each
    value is: those fits grow with it) and the highest boost in the combo, added
    and rounded as ``ranks_of`` does: float32 sums and rounding are monotone, so this
    bounds the rank (``SLACK`` covers the roundings of the wage fit).

    Vacancies are taken in chunks alike in place and best-fitting codes. For a
    chunk, combos whose first three tables hold the same values in its columns are
    one group, bounded as one (``_Combos.alike``), which is what keeps bounding
    cheap. First, for each vacancy, the groups of highest bound that hold ``k``
    people are scored, a slice of vacancies at a time; the ``k``-th best rank among
    them is at most the final one, so only groups whose bound reaches it can hold
    the best. Second, those groups not yet scored for a vacancy are, and the lists
    merged. People are scored exactly and ranked as the whole pool would rank them,
    so the best are the same, ties and all. Groups are first narrowed by their fit
    alone, each other table at its highest in the pool.
    """
    head = lookups[0][0]
    combos = _Combos.of(pool.size, lookups, best, boost)
    heights = [table.max(axis=0) for table, _ in lookups]
    lift = None if combos.lifts is None else combos.lifts.max(initial=-np.inf)
    pads = [len(head) - 1] + [0] * (len(lookups) - 1)

    def score(chosen: np.ndarray, tables: list[np.ndarray]) -> _Found:
        """Score the people of the ``chosen`` combos for the vacancies of ``tables``."""
        found: _Found = _score_combos(
            chosen, combos.members, lookups, tables, pads, boost, min_score, k
        )
        return found

    # Vacancies alike in place, then in the pairs of codes and skills that fit
    # them best, are bounded together.
    order = np.lexsort((np.arange(len(places)), head[:-1].argmax(axis=0), places))
    ordered = [table[:, order] for table, _ in lookups]
    for start in range(0, len(places), PRUNE_CHUNK):
        chunk = order[start : start + PRUNE_CHUNK]
        tables = [
            np.ascontiguousarray(table[:, start : start + PRUNE_CHUNK])
            for table in ordered
        ]
        # A bound by fit alone, each other table at its highest in the pool.
        fit = tables[0][:-1].copy()
        for height in heights[1:]:
            fit += height[chunk]
        fit = _ranks(fit, lift)
        rows[chunk], _, values[chunk] = _chunk_best(
            combos.alike(tables), tables, fit, score, k
        )


# The pool rows, vacancy columns and places of each vacancy's best, their ranks and
# their scores.
_Found = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _chunk_best(
    groups: "_Groups",
    tables: list[np.ndarray],
    fit: np.ndarray,
    score: Callable[[np.ndarray, list[np.ndarray]], _Found],
    k: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the pool rows, ranks and scores of the best ``k`` of each vacancy of
    a chunk (the columns of ``tables``), in two stages; ``fit`` bounds the ranks of
    each pair of codes and skills by their fit alone."""
    # Stage one: for each vacancy, of the groups whose fit is near the best,
    # those of highest bound that hold k people.
    near = np.any(fit >= fit.max(axis=0) - NEAR, axis=1)
    live = np.flatnonzero(near[groups.parts[0]])
    bound = _group_bounds(tables, groups.parts, live, groups.lifts)
    first = _first_groups(bound, groups.counts[live], k)
    vacancies = tables[0].shape[1]
    best_rows = np.full((vacancies, k), -1, dtype=np.int64)
    best_ranks = np.full((vacancies, k), -np.inf, dtype=np.float32)
    best_scores = np.zeros((vacancies, k), dtype=np.float32)
    lists = (best_rows, best_ranks, best_scores)
    # Which groups have been scored for which vacancies.
    done = np.zeros((len(groups.counts), vacancies), dtype=bool)
    # Vacancies whose best groups are alike are scored together.
    arranged = np.argsort(bound.argmax(axis=0), kind="stable")
    for part in range(0, vacancies, FIRST_COLUMNS):
        columns = arranged[part : part + FIRST_COLUMNS]
        chosen = live[first[:, columns].any(axis=1)]
        done[np.ix_(chosen, columns)] = True
        own = [table[:, columns] for table in tables]
        person, column, place, ranks, scores = score(groups.combos(chosen), own)
        best_rows[columns[column], place] = person
        best_ranks[columns[column], place] = ranks
        best_scores[columns[column], place] = scores
    threshold = best_ranks[:, -1]
    # Stage two: the other groups whose bound reaches a vacancy's k-th best so far,
    # for vacancies that reach alike many people together.
    near = np.any((fit >= threshold) & (fit > -np.inf), axis=1)
    live = np.flatnonzero(near[groups.parts[0]])
    bound = _group_bounds(tables, groups.parts, live, groups.lifts)
    reach = (bound >= threshold) & (bound > -np.inf) & ~done[live]
    reached = groups.counts[live].astype(np.float32) @ reach.astype(np.float32)
    spread = np.log2(reached + 1).astype(np.int64) // SPREAD
    for level in np.unique(spread[reached > 0]):
        columns = np.flatnonzero((spread == level) & (reached > 0))
        chosen = live[reach[:, columns].any(axis=1)]
        own = [table[:, columns] for table in tables]
        _merge(lists, columns, score(groups.combos(chosen), own), k)
    return lists


@dataclass(frozen=True, slots=True)
class _Groups:
    """Combos alike for a chunk of vacancies: the same values of the first three
    tables, so the same bound but for wage, availability, experience and boost,
    which are the highest among them."""

    of_combo: np.ndarray  # the group of each combo
    parts: tuple[np.ndarray, ...]  # each group's row of each table
    counts: np.ndarray  # people in each group
    lifts: np.ndarray | None  # the highest boost in each group

    def combos(self, groups: np.ndarray) -> np.ndarray:
        """Return the combos of ``groups``, ascending."""
        chosen = np.zeros(len(self.counts), dtype=bool)
        chosen[groups] = True
        return np.flatnonzero(chosen[self.of_combo])


@dataclass(frozen=True, slots=True)
class _Combos:
    """A pruned pool's combos: their rows of the first three tables, how their
    best values of the others stand (and those values' keys from the lowest
    standing), how many people each holds, and their highest boost."""

    parts: tuple[np.ndarray, np.ndarray, np.ndarray]
    standings: list[tuple[np.ndarray, np.ndarray]]
    counts: np.ndarray
    lifts: np.ndarray | None
    by_combo: np.ndarray  # pool rows, combo by combo
    starts: np.ndarray  # where each combo's rows start among them

    @classmethod
    def of(
        cls,
        size: int,
        lookups: list[tuple[np.ndarray, np.ndarray]],
        best: list[np.ndarray],
        boost: np.ndarray | None,
    ) -> "_Combos":
        """Return the combos of the ``size`` people of a pool with keys to
        ``lookups``; ``best`` says how good each value of the last three tables is."""
        locations = len(lookups[2][0])
        certificates = len(lookups[1][0])
        key = lookups[0][1][:size].astype(np.int64) * locations + lookups[2][1][:size]
        key = key * certificates + lookups[1][1][:size]
        unique, combo = _distinct(key)
        combo_pair, combo_certificates = np.divmod(unique, locations * certificates)
        combo_location, combo_certificates = np.divmod(combo_certificates, certificates)
        counts = np.bincount(combo, minlength=len(unique))
        starts = np.cumsum(counts) - counts
        by_combo = np.argsort(combo, kind="stable")
        # How each combo's best value of wage, availability and experience stands
        # among the values, and the keys of the values from the lowest standing.
        standings = []
        for goodness, (_, key) in zip(best, lookups[3:], strict=True):
            worst_first = np.argsort(goodness, kind="stable")
            standing = np.empty(len(worst_first), dtype=np.int64)
            standing[worst_first] = np.arange(len(worst_first))
            top = np.maximum.reduceat(standing[key[by_combo]], starts)
            standings.append((top, worst_first))
        lifts = None
        if boost is not None:
            lifts = np.full(len(unique), -np.inf, dtype=boost.dtype)
            np.maximum.at(lifts, combo, boost[:size])
        parts = (combo_pair, combo_certificates, combo_location)
        return cls(parts, standings, counts, lifts, by_combo, starts)

    @property
    def members(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Pool rows by combo, where each combo's start, and how many each holds."""
        return self.by_combo, self.starts, self.counts

    def alike(self, tables: list[np.ndarray]) -> _Groups:
        """Return the combos grouped where the first three ``tables`` (a chunk's
        columns) hold the same values for them."""
        key = np.zeros(len(self.counts), dtype=np.int64)
        representatives = []
        for index, part in enumerate(self.parts):
            # The first table has a row for padding, which no combo holds.
            rows = tables[index][:-1] if index == 0 else tables[index]
            classes, representative = _alike_rows(rows)
            key = key * len(representative) + classes[part]
            representatives.append(representative)
        unique, group = _distinct(key)
        parts: list[np.ndarray] = []
        rest = unique
        for representative in reversed(representatives):
            rest, held = np.divmod(rest, len(representative))
            parts.insert(0, representative[held])
        for standing, worst_first in self.standings:
            top = np.zeros(len(unique), dtype=standing.dtype)
            np.maximum.at(top, group, standing)
            parts.append(worst_first[top])
        counts = np.bincount(group, weights=self.counts, minlength=len(unique))
        lifts = None
        if self.lifts is not None:
            lifts = np.full(len(unique), -np.inf, dtype=self.lifts.dtype)
            np.maximum.at(lifts, group, self.lifts)
        return _Groups(group, tuple(parts), counts.astype(np.int64), lifts)


@functools.cache
def _hash_weights(columns: int) -> np.ndarray:
    return np.random.default_rng(columns).random(columns)


def _alike_rows(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return a class per row of ``table``, equal rows alike, and a row of each.

    Rows are hashed by a weighted sum of their bits, then checked against their
    class's row; if any differs, every row keeps its own class.
    """
    rows, columns = table.shape
    hashed = table.view(np.int32) @ _hash_weights(columns)
    classes, key = _unique(hashed)
    representative = np.zeros(len(classes), dtype=np.intp)
    representative[key] = np.arange(rows)
    if not np.array_equal(table, table[representative[key]]):
        return np.arange(rows), np.arange(rows)
    return key, representative


def _merge(
    lists: tuple[np.ndarray, np.ndarray, np.ndarray],
    columns: np.ndarray,
    found: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    k: int,
) -> None:
    """Merge the best ``found`` for vacancies ``columns`` into their best ``lists``
    (rows, ranks and scores): the highest rank first, then the lowest row. People
    already on a list are found again only with the same rank, and are left out."""
    person, column, place, rank, score = found
    fresh = ~(lists[0][columns][column] == person[:, None]).any(axis=1)
    both = [
        np.concatenate([a[columns], np.empty_like(a[columns])], axis=1) for a in lists
    ]
    both[0][:, k:], both[1][:, k:] = -1, -np.inf
    for array, value in zip(both, (person, rank, score), strict=True):
        array[column[fresh], k + place[fresh]] = value[fresh]
    order = np.lexsort((both[0], -both[1]))[:, :k]
    for array, merged in zip(lists, both, strict=True):
        array[columns] = np.take_along_axis(merged, order, axis=1)


def _group_bounds(
    tables: list[np.ndarray],
    parts: tuple[np.ndarray, ...],
    live: np.ndarray,
    lifts: np.ndarray | None,
) -> np.ndarray:
    """Return the bounds of the ranks of groups ``live`` (rows) for the vacancies
    of ``tables`` (columns): each table at the group's row of it, added in order."""
    bound = tables[0][parts[0][live]]
    for table, part in zip(tables[1:], parts[1:], strict=True):
        bound += table[part[live]]
    return _ranks(bound, None if lifts is None else lifts[live, None])


def _ranks(total: np.ndarray, lift: np.ndarray | float | None) -> np.ndarray:
    """Return upper bounds of ranks from ``total``, upper bounds of scores added in
    the order of ``ranks_of``, and ``lift``, an upper bound of the boosts."""
    if lift is not None:
        np.add(total, lift, out=total)
    np.multiply(total, RESOLUTION, out=total)
    np.rint(total, out=total)
    total += SLACK
    return total


def _first_groups(bound: np.ndarray, counts: np.ndarray, k: int) -> np.ndarray:
    """Return which groups (rows of ``bound``) are, for each vacancy (column),
    among those whose bound is within a gap of the vacancy's highest, the least of
    ``GAPS`` for which they hold ``k`` people; none for a vacancy if no gap does."""
    top = bound.max(axis=0)
    cut = np.full(len(top), np.inf, dtype=bound.dtype)
    held = counts.astype(np.float32)
    pending = np.flatnonzero(top > -np.inf)
    for gap in GAPS:
        if len(pending) == 0:
            break
        trial = top[pending] - gap
        enough = held @ (bound[:, pending] >= trial).astype(np.float32) >= k
        cut[pending[enough]] = trial[enough]
        pending = pending[~enough]
    chosen: np.ndarray = bound >= cut
    return chosen


def _score_combos(
    chosen: np.ndarray,
    combos: tuple[np.ndarray, np.ndarray, np.ndarray],
    lookups: list[tuple[np.ndarray, np.ndarray]],
    tables: list[np.ndarray],
    pads: list[int],
    boost: np.ndarray | None,
    min_score: float,
    k: int,
) -> "_Found":
    """Score the people of the ``chosen`` combos (indices; ``combos`` holds the
    pool rows by combo, and where and how many each combo's are) on ``tables`` and
    return the pool rows, vacancy columns and places of each vacancy's best, their
    ranks and their scores."""
    by_combo, starts, counts = combos
    held = counts[chosen]
    offsets = np.repeat(starts[chosen] - (np.cumsum(held) - held), held)
    members = np.sort(by_combo[offsets + np.arange(len(offsets))])
    if len(members) == 0:
        empty = np.empty(0, dtype=np.int64)
        none = np.empty(0, dtype=np.float32)
        return empty, empty, empty, none, none
    padded = -(-len(members) // GROUP) * GROUP
    keys = []
    for (_, key), pad in zip(lookups, pads, strict=True):
        own = np.full(padded, pad, dtype=key.dtype)
        own[: len(members)] = key[members]
        keys.append(own)
    lift = None
    if boost is not None:
        lift = np.zeros(padded, dtype=boost.dtype)
        lift[: len(members)] = boost[members]
    ranked, maxima = ranks_of(tables, keys, lift, min_score)
    person, column, place = best_of(ranked, min(k, len(members)), maxima)
    return (
        members[person],
        column,
        place,
        ranked[person, column],
        scores_of(tables, keys, person, column),
    )
