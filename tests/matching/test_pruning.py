"""Pruned scoring of large pools gives exactly the lists of full scoring.

``top_all`` scores a pool of more than ``topk.PRUNE_MIN_POOL`` people only where
an upper bound of the rank may reach a vacancy's best; here that path is forced on
small random populations and compared, to the bit, with scoring everyone.
"""

import numpy as np
import pytest

from matching import topk
from matching.engine import Block
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
        patch.setattr(topk, "PRUNE_CHUNK", 5)
        patch.setattr(topk, "GAPS", (1, 30_000))
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
    monkeypatch.setattr(topk, "PRUNE_CHUNK", 7)

    full = top_in_block(m.scorer, block, 10, boosts=m.boosts, min_score=min_score)
    pruned = top_in_block(
        m.scorer, block, 10, boosts=m.boosts, min_score=min_score, count=False
    )

    assert np.array_equal(full[0], pruned[0])
    assert full[1].tobytes() == pruned[1].tobytes()
    assert (pruned[2] == -1).all()
    assert (full[0] >= 0).sum() > 100
