"""Ranking: the best ``k`` people of each vacancy of a block, exactly.

Small pools are scored whole. Large pools are pruned: people are grouped by the
values of their strongest components, each group gets an upper bound of its score,
and only groups whose bound can reach a vacancy's ``k``-th best are scored. Both
paths give the same people, order and scores to the bit.
"""

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
        best = [-p.wages, -p.available, p.experience]
        best = [field[block.people] for field in best]
        _top_pruned(pool, lookups, best, boost, places, k, min_score, rows, values)
        found = rows >= 0
        rows[found] = block.people[rows[found]]
        return rows, values, np.full(len(vrow), -1, dtype=np.int64)
    tables = [table for table, _ in lookups]
    keys = [key for _, key in lookups]
    scores, ranked, maxima = _rank(tables, keys, boost, min_score)
    if not count:
        totals = np.full(len(vrow), -1, dtype=np.int64)
    elif totals is None or min_score > 0:
        totals = (ranked > -np.inf).view(np.uint8).sum(axis=0, dtype=np.int64)
    person, column, place = _best(ranked, min(k, pool.size), maxima)
    rows[column, place] = block.people[person]
    values[column, place] = scores[person, column]
    return rows, values, totals


def _rank(
    tables: list[np.ndarray],
    keys: list[np.ndarray],
    boost: np.ndarray | None,
    min_score: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return the scores of the rows with ``keys`` to ``tables`` for the tables'
    columns, their ranks (-inf where not ranked), and the maxima of the ranks of
    each group of ``GROUP`` rows; the rows come in whole groups."""
    padded, columns = len(keys[0]), tables[0].shape[1]
    scores = np.empty((padded, columns), dtype=np.float32)
    ranked = np.empty_like(scores)
    maxima = np.empty((padded // GROUP, columns), dtype=np.float32)
    lifted = None if boost is None else boost[:, None]
    step = max(1, SLICE_CELLS // (GROUP * columns)) * GROUP
    for start in range(0, padded, step):
        part, spare = scores[start : start + step], ranked[start : start + step]
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
        groups = spare.reshape(-1, GROUP, columns)
        np.max(groups, axis=1, out=maxima[start // GROUP : (start + step) // GROUP])
    return scores, ranked, maxima


# Pools of more people than this are scored only where they may reach the best,
# when the counts of who qualifies are not wanted.
PRUNE_MIN_POOL = 20_000
# A pruned block is bounded and scored this many vacancies (alike in place) at once.
PRUNE_CHUNK = 64
# Ranks the bounds are raised by: the wage fit falls as the person's minimum rises,
# but its arithmetic may not by a rounding, where the minimum is above the range.
SLACK = 2
# Vacancies whose bounds reach within this many powers of 2 as many people are
# scored together.
SPREAD = 2
# Gaps below a vacancy's highest bound within which the first people are scored.
GAPS = (20_000, 80_000, 320_000)
# ... among the combos whose fit alone is within this of the best for a vacancy.
NEAR = 40_000


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
    experience values of the combo's best on each (``best``: those fits grow with
    it) and the highest boost in the combo, added and rounded as ``_rank`` does:
    float32 sums and rounding are monotone, so this bounds the rank (``SLACK``
    covers the roundings of the wage fit). For a chunk of vacancies alike in place,
    the combos of highest bound that hold ``k`` people are scored first; the
    ``k``-th best rank among them is at most the final one, so only the combos whose
    bound reaches it can hold the best. Those people are scored exactly, in row
    order, and ranked as the whole pool would be, so the best are the same, ties
    and all. Combos are first narrowed by their fit alone, each other table at its
    highest in the pool.
    """
    size = pool.size
    head = lookups[0][0]
    locations = len(lookups[2][0])
    certificates = len(lookups[1][0])
    key = lookups[0][1][:size].astype(np.int64) * locations + lookups[2][1][:size]
    key = key * certificates + lookups[1][1][:size]
    unique, combo = _distinct(key)
    combo_pair, combo_certificates = np.divmod(unique, locations * certificates)
    combo_location, combo_certificates = np.divmod(combo_certificates, certificates)
    counts = np.bincount(combo, minlength=len(unique))
    heights = [table.max(axis=0) for table, _ in lookups]
    # The keys of each combo's best person on wage, availability and experience.
    starts = np.cumsum(counts) - counts
    tops = []
    for field, (_, key) in zip(best, lookups[3:], strict=True):
        ordered = np.lexsort((-field, combo))
        tops.append(key[ordered[starts]])
    lifts = None
    if boost is not None:
        lifts = np.full(len(unique), -np.inf, dtype=boost.dtype)
        np.maximum.at(lifts, combo, boost[:size])
    pads = [len(head) - 1] + [0] * (len(lookups) - 1)
    members = (np.argsort(combo, kind="stable"), starts, counts)
    parts = (combo_pair, combo_certificates, combo_location, *tops)
    lift = None if lifts is None else lifts.max(initial=-np.inf)
    order = np.lexsort((np.arange(len(places)), places))
    for start in range(0, len(places), PRUNE_CHUNK):
        chunk = order[start : start + PRUNE_CHUNK]
        tables = [np.ascontiguousarray(table[:, chunk]) for table, _ in lookups]
        # A bound by fit alone, each other table at its highest in the pool.
        fit = tables[0][:-1].copy()
        for height in heights[1:]:
            fit += height[chunk]
        fit = _ranks(fit, lift)
        # Stage one: for each vacancy, of the combos whose fit is near the best,
        # those of highest bound that hold k people.
        near = np.any(fit >= fit.max(axis=0) - NEAR, axis=1)
        live = np.flatnonzero(near[combo_pair])
        bound = _combo_bounds(tables, parts, live, lifts)
        first = live[_first_combos(bound, counts[live], k)]
        scored = _score_combos(
            first, members, lookups, tables, pads, boost, min_score, k
        )
        _, column, place, ranks, _ = scored
        threshold = np.full(len(chunk), -np.inf, dtype=np.float32)
        last = place == k - 1
        threshold[column[last]] = ranks[last]
        # Stage two: the combos whose bound reaches a vacancy's k-th best so far,
        # for vacancies that reach alike many people together.
        near = np.any((fit >= threshold) & (fit > -np.inf), axis=1)
        live = np.flatnonzero(near[combo_pair])
        bound = _combo_bounds(tables, parts, live, lifts)
        reach = (bound >= threshold) & (bound > -np.inf)
        reached = counts[live].astype(np.float32) @ reach.astype(np.float32)
        spread = np.log2(reached + 1).astype(np.int64) // SPREAD
        for level in np.unique(spread):
            columns = np.flatnonzero(spread == level)
            chosen = live[reach[:, columns].any(axis=1)]
            own = [table[:, columns] for table in tables]
            person, column, place, _, scores = _score_combos(
                chosen, members, lookups, own, pads, boost, min_score, k
            )
            rows[chunk[columns[column]], place] = person
            values[chunk[columns[column]], place] = scores


def _combo_bounds(
    tables: list[np.ndarray],
    parts: tuple[np.ndarray, ...],
    live: np.ndarray,
    lifts: np.ndarray | None,
) -> np.ndarray:
    """Return the bounds of the ranks of combos ``live`` (rows) for the vacancies
    of ``tables`` (columns): each table at the combo's key to it, added in order."""
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


def _first_combos(bound: np.ndarray, counts: np.ndarray, k: int) -> np.ndarray:
    """Return which combos are, for some vacancy (column of ``bound``), among those
    whose bound is within a gap of the vacancy's highest, the least of ``GAPS``
    for which they hold ``k`` people; none for a vacancy if no gap does."""
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
    chosen: np.ndarray = np.any(bound >= cut, axis=1)
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
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
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
    scores, ranked, maxima = _rank(tables, keys, lift, min_score)
    person, column, place = _best(ranked, min(k, len(members)), maxima)
    return (
        members[person],
        column,
        place,
        ranked[person, column],
        scores[person, column],
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
    found = np.flatnonzero(ranked >= bound)
    empty = np.empty(0, dtype=np.int64)
    if len(found) == 0:
        return empty, empty, empty
    person, vacancy = np.divmod(found, columns)
    rank = ranked.ravel()[found]
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
