"""Pruned scoring of large pools gives exactly the lists of full scoring.

``top_all`` scores a pool of more than ``topk.PRUNE_MIN_POOL`` people only where
an upper bound of the rank may reach a vacancy's best; here that path is forced on
small random populations and compared, to the bit, with scoring everyone.
"""

import numpy as np
import pytest

from matching import pruning, ranks, topk
from matching.engine import GROUP, Block
from matching.topk import top_in_block
from matching.weights import COMPONENTS, PriorityPolicy, Weights
from tests.matching.test_ranking import matcher, random_population

# Only occupation and location count: many people tie, and ties go to the lower id.
TIES = Weights.from_mapping(
    {name: float(name in ("occupation", "location")) for name in COMPONENTS},
    version="ties",
)


def _top_all(m, k, *, pruned, use_priority, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(topk, "PRUNE_MIN_POOL", 0 if pruned else 1 << 62)
        # Several chunks and spreads even in a small block.
        patch.setattr(pruning, "PRUNE_CHUNK", 5)
        patch.setattr(pruning, "GAPS", (1, 30_000))
        # Several slices of vacancies in the first stage, so that people scored
        # for one slice are scored again in the second stage for another.
        patch.setattr(pruning, "FIRST_COLUMNS", 2)
        return m.top_all(k=k, use_priority=use_priority)


@pytest.mark.parametrize("seed", [11, 12])
@pytest.mark.parametrize("weights", [None, TIES], ids=["default", "ties"])
@pytest.mark.parametrize("use_priority", [True, False])
@pytest.mark.parametrize("k", [1, 5, 50])
def test_pruned_top_all_equals_full_scoring(
    seed, weights, use_priority, k, monkeypatch
):
    people, vacancies = random_population(seed, people=400, vacancies=80)
    options = {} if weights is None else {"weights": weights}
    m = matcher(people, vacancies, policy=PriorityPolicy(max_boost=0.2), **options)

    full = _top_all(
        m, k, pruned=False, use_priority=use_priority, monkeypatch=monkeypatch
    )
    pruned = _top_all(
        m, k, pruned=True, use_priority=use_priority, monkeypatch=monkeypatch
    )

    assert np.array_equal(full.vacancies, pruned.vacancies)
    assert np.array_equal(full.people, pruned.people)
    assert full.scores.tobytes() == pruned.scores.tobytes()
    assert (full.people >= 0).sum() > 10 * k


@pytest.mark.parametrize("min_score", [0.0, 0.5])
def test_pruned_block_equals_full_block_with_a_minimum_score(min_score, monkeypatch):
    people, vacancies = random_population(13, people=400, vacancies=80)
    m = matcher(people, vacancies)
    rows = np.array(
        [r for r, v in enumerate(m.vacancies) if v.is_open and v.openings_left > 0]
    )
    block = Block(rows, np.arange(len(m.people), dtype=np.int64))
    monkeypatch.setattr(topk, "PRUNE_MIN_POOL", 0)
    monkeypatch.setattr(pruning, "PRUNE_CHUNK", 7)
    monkeypatch.setattr(pruning, "FIRST_COLUMNS", 3)

    full = top_in_block(m.scorer, block, 10, boosts=m.boosts, min_score=min_score)
    pruned = top_in_block(
        m.scorer, block, 10, boosts=m.boosts, min_score=min_score, count=False
    )

    assert np.array_equal(full[0], pruned[0])
    assert full[1].tobytes() == pruned[1].tobytes()
    assert (pruned[2] == -1).all()
    assert (full[0] >= 0).sum() > 100


def _best_by_sorting(ranked: np.ndarray, take: int) -> list[list[int]]:
    """The best rows of each column: highest rank, then lowest row; -inf never."""
    best = []
    for column in ranked.T:
        rows = np.flatnonzero(column > -np.inf)
        order = np.lexsort((rows, -column[rows]))
        best.append(rows[order][:take].tolist())
    return best


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("take", [1, 3, 40])
def test_best_takes_the_highest_ranks_then_the_lowest_rows(seed, take):
    rng = np.random.default_rng(seed)
    rows, columns = GROUP * int(rng.integers(1, 30)), int(rng.integers(1, 9))
    # Few distinct ranks, so that ties are many; some pairs never ranked.
    ranked = rng.integers(0, 6, size=(rows, columns)).astype(np.float32)
    ranked[rng.random((rows, columns)) < 0.5] = -np.inf
    if seed % 2:  # most groups of rows far below the best: only a few are read
        ranked[GROUP:] -= 100
    maxima = ranked.reshape(-1, GROUP, columns).max(axis=1)

    person, column, place = ranks.best_of(ranked, take, maxima)

    found = [[] for _ in range(columns)]
    for p, c, at in sorted(
        zip(person, column, place, strict=True), key=lambda x: (x[1], x[2])
    ):
        assert at == len(found[c])
        found[c].append(int(p))
    assert found == _best_by_sorting(ranked, take)


def test_group_maxima_equal_the_maxima_of_each_group_of_rows():
    rng = np.random.default_rng(3)
    values = rng.normal(size=(GROUP * 5, 7)).astype(np.float32)
    values[rng.random(values.shape) < 0.2] = -np.inf
    out = np.empty((5, 7), dtype=np.float32)

    ranks.group_maxima(values, out)

    assert np.array_equal(out, values.reshape(5, GROUP, 7).max(axis=1))


def test_alike_rows_puts_equal_rows_in_one_class():
    table = np.array(
        [[1, 2], [3, -np.inf], [1, 2], [0, 0], [3, -np.inf]], dtype=np.float32
    )

    classes, representative = pruning._alike_rows(table)

    assert len(representative) == 3
    assert classes[0] == classes[2]
    assert classes[1] == classes[4]
    assert len({classes[0], classes[1], classes[3]}) == 3
    assert np.array_equal(table[representative[classes]], table)


def test_alike_rows_keeps_every_row_apart_when_hashes_collide(monkeypatch):
    monkeypatch.setattr(pruning, "_hash_weights", lambda columns: np.zeros(columns))
    table = np.array([[1, 2], [1, 2], [2, 1]], dtype=np.float32)

    classes, representative = pruning._alike_rows(table)

    assert classes.tolist() == [0, 1, 2]
    assert representative.tolist() == [0, 1, 2]
