"""Ranks of blocks of pairs, and the best of them, to the bit of the score.

A pair's rank is its score plus the person's priority boost, times
``RESOLUTION`` and rounded: whole numbers as floats, -inf where a pair may not be
ranked. The best of a vacancy have the highest rank, then the lowest pool row.
"""

import numpy as np

from matching.engine import GROUP, RESOLUTION, _take

# Rows are scored in slices of about this many pairs, to stay in the cache.
SLICE_CELLS = 1 << 18
# A vacancy with more pairs than this at its bound (ties) is narrowed on its own.
WIDEST = 1024


def ranks_of(
    tables: list[np.ndarray],
    keys: list[np.ndarray],
    boost: np.ndarray | None,
    min_score: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Return the ranks of the rows with ``keys`` to ``tables`` for the tables'
    columns (-inf where not ranked), and the maxima of the ranks of each group of
    ``GROUP`` rows; the rows come in whole groups. Scores are only worked out in
    slices (``scores_of`` gives those of the pairs wanted), so that the whole
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
        group_maxima(spare, maxima[start // GROUP : (start + step) // GROUP])
    return ranked, maxima


def group_maxima(values: np.ndarray, out: np.ndarray) -> None:
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


def scores_of(
    tables: list[np.ndarray],
    keys: list[np.ndarray],
    row: np.ndarray,
    column: np.ndarray,
) -> np.ndarray:
    """Return the scores of pairs (row, column), added as ``ranks_of`` adds them."""
    total = tables[0][keys[0][row], column]
    for table, key in zip(tables[1:], keys[1:], strict=True):
        total += table[key[row], column]
    return total  # type: ignore[no-any-return]


def best_of(
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
