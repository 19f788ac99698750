"""Pools: everyone under any of a vacancy's keys, once each and in row order."""

import numpy as np
import pytest

from matching import pools
from matching.pools import PoolIndex
from tests.matching.test_ranking import VOCABULARY, random_population


@pytest.mark.parametrize("marks_per_row", [0, 1 << 30], ids=["sorting", "marking"])
def test_pool_holds_everyone_under_any_key_once_in_row_order(
    marks_per_row, monkeypatch
):
    monkeypatch.setattr(pools, "MARKS_PER_ROW", marks_per_row)
    people, vacancies = random_population(21, people=300, vacancies=60)
    index = PoolIndex(people, VOCABULARY)
    checked = 0

    for vacancy in vacancies:
        keys = index.vacancy_keys(vacancy)
        expected = sorted(
            {row for key in keys for row in index.rows.get(key, np.empty(0)).tolist()}
        )

        found = index.pool(keys)

        assert found.tolist() == expected
        checked += len(keys) > 1 and len(expected) > 0
    assert checked > 10


def test_pools_may_be_shared_but_not_changed():
    people, _ = random_population(22, people=50, vacancies=5)
    index = PoolIndex(people, VOCABULARY)
    key = next(iter(index.rows))

    with pytest.raises(ValueError, match="read-only"):
        index.pool([key])[0] = -1
