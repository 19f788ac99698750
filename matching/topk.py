"""Ranking: the best ``k`` people of each vacancy of a block, exactly.

Small pools are scored whole. Large pools are pruned: people are grouped by the
values of their strongest components, each group gets an upper bound of its score,
and only groups whose bound can reach a vacancy's ``k``-th best are scored. Both
paths give the same people, order and scores to the bit.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from matching.engine import (
    GROUP,
    RESOLUTION,
    Block,
    Scorer,
    _distinct,
    _PoolKeys,
    _tables,
    _take,
    _unique,
)


def top_in_block(
    scorer: Scorer,
    block: Block,
    k: int,
    *,
    boosts: np.ndarray | None,
    min_score: float = 0.0,
    count: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the rows of the best ``k`` people for each vacancy of ``block``.

    Answers (vacancies, k) arrays of person rows, -1 where fewer fit, their scores,
    and how many people qualify for each vacancy. People are ranked by score plus
    their priority boost when ``boosts`` is given; ties go to the lower person id,
    so the same input always gives the same order.

    The scores are those of ``Scorer.score`` to the bit: each component is worked
    out once per distinct value among the pool's people (``_tables``), looked up
    for everyone, and the weighted components are added in the same order. This is
    done a slice of rows at a time, while they are in the cache. Only the pairs
    that may reach the top ``k`` are sorted (``_best``).

    Without ``count`` the counts are not wanted and are all -1; a pool of more than
    ``PRUNE_MIN_POOL`` people is then scored only where it may reach the best ``k``
    (``_top_pruned``), which gives the same rows and scores.
    """
    vrow = block.vacancies
    rows = np.full((len(vrow), k), -1, dtype=np.int64)
    values = np.zeros((len(vrow), k), dtype=np.float32)
    if len(block.people) == 0 or len(vrow) == 0 or k <= 0:
        return rows, values, np.zeros(len(vrow), dtype=np.int64)
    pool = scorer.pool_keys(block.people)
    lookups, totals = _tables(scorer, pool, vrow)
    boost = None if boosts is None else pool.boosts(boosts)
    if not count and pool.size > PRUNE_MIN_POOL:
        places = scorer.v.locations[vrow]
        p = scorer.p
        # How good each distinct value of the wage, availability and experience is.
        best = [
            -p.wages[pool.wage.first],
            -p.available[pool.availability.first],
            p.experience[pool.experience.first],
        ]
        _top_pruned(pool, lookups, best, boost, places, k, min_score, rows, values)
        found = rows >= 0
        rows[found] = block.people[rows[found]]
        return rows, values, np.full(len(vrow), -1, dtype=np.int64)
    tables = [table for table, _ in lookups]
    keys = [key for _, key in lookups]
    ranked, maxima = _rank(tables, keys, boost, min_score)
    if not count:
        totals = np.full(len(vrow), -1, dtype=np.int64)
    elif totals is None or min_score > 0:
        totals = (ranked > -np.inf).view(np.uint8).sum(axis=0, dtype=np.int64)
    person, column, place = _best(ranked, min(k, pool.size), maxima)
    rows[column, place] = block.people[person]
    values[column, place] = _scores(tables, keys, person, column)
    return rows, values, totals


def _rank(
    tables: list[np.ndarray],
    keys: list[np.ndarray],
    boost: np.ndarray | None,
    min_score: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Return the ranks of the rows with ``keys`` to ``tables`` for the tables'
    columns (-inf where not ranked), and the maxima of the ranks of each group of
    ``GROUP`` rows; the rows come in whole groups. Scores are only worked out in
    slices (``_scores`` gives those of the pairs wanted), so that the whole
    matrix is written once."""
    padded, columns = len(keys[0]), tables[0].shape[1]
    ranked = np.empty((padded, columns), dtype=np.float32)
    maxima = np.empty((padded // GROUP, columns), dtype=np.float32)
    lifted = None if boost is None else boost[:, None]
    step = max(1, SLICE_CELLS // (GROUP * columns)) * GROUP
    work = np.empty((min(step, padded), columns), dtype=np.float32)
    for start in range(0, padded, step):
        spare = ranked[start : start + step]
        part = work[: len(spare)]
        for index, (table, key) in enumerate(zip(tables, keys, strict=True)):
            _take(table, key[start : start + step], spare if index else part)
            if index:
                part += spare
        if min_score > 0:
            part[~(part >= min_score - 0.5 / RESOLUTION)] = -np.inf
        if lifted is None:
            np.copyto(spare, part)
        else:
            np.add(part, lifted[start : start + step], out=spare)
        np.multiply(spare, RESOLUTION, out=spare)
        np.rint(spare, out=spare)
        _group_maxima(spare, maxima[start // GROUP : (start + step) // GROUP])
    return ranked, maxima


def _group_maxima(values: np.ndarray, out: np.ndarray) -> None:
    """Put the maxima of each ``GROUP`` rows of ``values`` into ``out``.

    By halves, a power of 2 at a time: quicker than ``np.max`` over the axis.
    """
    groups = values.reshape(-1, GROUP, values.shape[1])
    width = GROUP // 2
    halves = np.maximum(groups[:, :width], groups[:, width:])
    while width > 1:
        width //= 2
        np.maximum(
            halves[:, :width], halves[:, width : 2 * width], out=halves[:, :width]
        )
    out[...] = halves[:, 0]


def _scores(
    tables: list[np.ndarray],
    keys: list[np.ndarray],
    row: np.ndarray,
    column: np.ndarray,
) -> np.ndarray:
    """Return the scores of pairs (row, column), added as ``_rank`` adds them."""
    total = tables[0][keys[0][row], column]
    for table, key in zip(tables[1:], keys[1:], strict=True):
        total += table[key[row], column]
    return total  # type: ignore[no-any-return]


# Pools of more people than this are scored only where they may reach the best,
# when the counts of who qualifies are not wanted.
PRUNE_MIN_POOL = 20_000
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


def _top_pruned(
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
    and rounded as ``_rank`` does: float32 sums and rounding are monotone, so this
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
    members: tuple[np.ndarray, np.ndarray, np.ndarray]  # pool rows by combo, where
    # each combo's start among them, and how many each holds

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
        return cls(parts, standings, counts, lifts, (by_combo, starts, counts))

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
    the order of ``_rank``, and ``lift``, an upper bound of the boosts."""
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
    ranked, maxima = _rank(tables, keys, lift, min_score)
    person, column, place = _best(ranked, min(k, len(members)), maxima)
    return (
        members[person],
        column,
        place,
        ranked[person, column],
        _scores(tables, keys, person, column),
    )


# Rows are scored in slices of about this many pairs, to stay in the cache.
SLICE_CELLS = 1 << 18
# A vacancy with more pairs than this at its bound (ties) is narrowed on its own.
WIDEST = 1024


def _best(
    ranked: np.ndarray, take: int, maxima: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the pool rows, vacancy columns and places of each vacancy's best.

    ``ranked`` holds ranks (whole numbers as floats) by pool row and vacancy, -inf
    where a pair may not be ranked; rows come in whole groups of ``GROUP``, whose
    maxima are ``maxima``. The best have the highest rank, then the lowest row.
    Only the pairs at or above a bound are sorted: the ``take``-th highest of the
    groups' maxima, since ``take`` groups hold a pair at least as high, so no pair
    of the best lies below it.
    """
    groups, columns = len(maxima), ranked.shape[1]
    lowest = np.finfo(ranked.dtype).min  # above -inf: pairs never ranked stay out
    if groups > take:
        across = np.ascontiguousarray(maxima.T)
        bound = np.partition(across, groups - take, axis=1)[:, groups - take]
        bound = np.maximum(bound, lowest)
    else:
        bound = np.full(columns, lowest, dtype=ranked.dtype)
    # Only the groups of rows whose maxima reach the bound are read.
    reaching = np.flatnonzero((maxima >= bound).any(axis=1))
    if 2 * len(reaching) < groups:
        lines = (reaching[:, None] * GROUP + np.arange(GROUP)).ravel()
        within = ranked[lines]
    else:
        lines, within = np.arange(len(ranked)), ranked
    found = np.flatnonzero(within >= bound)
    empty = np.empty(0, dtype=np.int64)
    if len(found) == 0:
        return empty, empty, empty
    line, vacancy = np.divmod(found, columns)
    person, rank = lines[line], within.ravel()[found]
    # Grouped by vacancy, rows still ascending within each (a stable radix sort).
    narrow = vacancy.astype(np.uint16) if columns <= 1 << 16 else vacancy
    order = np.argsort(narrow, kind="stable")
    person, vacancy, rank = person[order], vacancy[order], rank[order]
    counts = np.bincount(vacancy, minlength=columns)
    starts = np.cumsum(counts) - counts
    # One key per pair: the higher the rank, then the lower the row, the smaller.
    top = float(rank.max())
    height, rows = int(top - rank.min()) + 1, ranked.shape[0]
    if height * rows >= 1 << 62:
        order = np.lexsort((person, -rank, vacancy))
        place = np.arange(len(order)) - starts[vacancy[order]]
        keep = place < take
        return person[order][keep], vacancy[order][keep], place[keep]
    keys = (top - rank).astype(np.int64) * rows + person
    width = min(int(counts.max()), max(WIDEST, take))
    table = np.full((columns, width), np.iinfo(np.int64).max, dtype=np.int64)
    normal = counts[vacancy] <= width
    place = np.arange(len(keys)) - starts[vacancy]
    table[vacancy[normal], place[normal]] = keys[normal]
    for column in np.flatnonzero(counts > width):
        own = keys[starts[column] : starts[column] + counts[column]]
        table[column, :take] = np.partition(own, take - 1)[:take]
    table.sort(axis=1)
    best = table[:, :take]
    vacancy, place = np.nonzero(best != np.iinfo(np.int64).max)
    return best[vacancy, place] % rows, vacancy, place
