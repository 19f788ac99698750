"""Ranking: the best ``k`` people of each vacancy of a block, exactly.

Small pools are scored whole. Large pools are pruned (``matching.pruning``): people
are grouped by the values of their strongest components, each group gets an upper
bound of its score, and only groups whose bound can reach a vacancy's ``k``-th best
are scored. Both paths give the same people, order and scores to the bit.
"""

import numpy as np

from matching.engine import Block, Scorer, _tables
from matching.pruning import top_pruned
from matching.ranks import best_of, ranks_of, scores_of

# Pools of more people than this are scored only where they may reach the best,
# when the counts of who qualifies are not wanted.
PRUNE_MIN_POOL = 20_000


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
    that may reach the top ``k`` are sorted (``best_of``).

    Without ``count`` the counts are not wanted and are all -1; a pool of more than
    ``PRUNE_MIN_POOL`` people is then scored only where it may reach the best ``k``
    (``matching.pruning.top_pruned``), which gives the same rows and scores.
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
        top_pruned(pool, lookups, best, boost, places, k, min_score, rows, values)
        found = rows >= 0
        rows[found] = block.people[rows[found]]
        return rows, values, np.full(len(vrow), -1, dtype=np.int64)
    tables = [table for table, _ in lookups]
    keys = [key for _, key in lookups]
    ranked, maxima = ranks_of(tables, keys, boost, min_score)
    if not count:
        totals = np.full(len(vrow), -1, dtype=np.int64)
    elif totals is None or min_score > 0:
        totals = (ranked > -np.inf).view(np.uint8).sum(axis=0, dtype=np.int64)
    person, column, place = best_of(ranked, min(k, pool.size), maxima)
    rows[column, place] = block.people[person]
    values[column, place] = scores_of(tables, keys, person, column)
    return rows, values, totals
