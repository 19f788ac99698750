"""Shortlists for many vacancies at once: who goes on which list.

Each vacancy takes at most ``k × openings`` people and each person goes on at most
``m`` lists. Among all ways to fill the lists under those caps, the allocation should
carry the most total score, so that no one sits on forty lists while others are on
none. This is a maximum-weight b-matching on a bipartite graph.

``allocate_greedy`` takes pairs best first while both sides have room. It is fast
(one sort and one pass) and keeps at least half the optimal total in the worst case;
on realistic lists it comes within a fraction of a percent (``docs/benchmarks.md``
measures the gap). ``allocate_exact`` solves the linear programme, whose constraint
matrix is totally unimodular, so its optimum is whole; it is for samples and checks.
"""

import numpy as np
from scipy import sparse
from scipy.optimize import LinearConstraint, milp


def allocate_greedy(
    vacancies: np.ndarray,
    people: np.ndarray,
    values: np.ndarray,
    capacity: np.ndarray,
    max_lists: int,
) -> np.ndarray:
    """Return a mask of the chosen pairs, taken best first while both have room.

    Parameters
    ----------
    vacancies, people : arrays of int
        The two ends of each candidate pair, as positions from 0.
    values : array of float
        What each pair is worth (its ranking score).
    capacity : array of int
        How many people each vacancy's list takes, by vacancy position.
    max_lists : int
        How many lists one person may be on.

    Ties are taken by vacancy, then person position, so the same input always gives
    the same lists.

    Examples
    --------
    >>> import numpy as np
    >>> chosen = allocate_greedy(
    ...     np.array([0, 1, 1]), np.array([0, 0, 1]), np.array([0.9, 0.8, 0.5]),
    ...     capacity=np.array([1, 1]), max_lists=1)
    >>> chosen.tolist()
    [True, False, True]
    """
    _check(vacancies, people, values, capacity, max_lists)
    order = np.lexsort((people, vacancies, -values))
    room = capacity.astype(np.int64).copy()
    lists = np.zeros(int(people.max(initial=-1)) + 1, dtype=np.int64)
    chosen = np.zeros(len(values), dtype=bool)
    for edge, v, p in zip(
        order.tolist(), vacancies[order].tolist(), people[order].tolist(), strict=True
    ):
        if room[v] > 0 and lists[p] < max_lists:
            room[v] -= 1
            lists[p] += 1
            chosen[edge] = True
    return chosen


def allocate_exact(
    vacancies: np.ndarray,
    people: np.ndarray,
    values: np.ndarray,
    capacity: np.ndarray,
    max_lists: int,
) -> np.ndarray:
    """Return a mask of the pairs of a best allocation, by linear programming.

    Slow beyond some hundred thousand pairs; use it on samples.
    """
    _check(vacancies, people, values, capacity, max_lists)
    if len(values) == 0:
        return np.zeros(0, dtype=bool)
    n_people = int(people.max()) + 1
    edges = np.arange(len(values))
    by_vacancy = sparse.csr_matrix(
        (np.ones(len(values)), (vacancies, edges)), shape=(len(capacity), len(values))
    )
    by_person = sparse.csr_matrix(
        (np.ones(len(values)), (people, edges)), shape=(n_people, len(values))
    )
    result = milp(
        c=-values.astype(np.float64),
        constraints=[
            LinearConstraint(by_vacancy, 0, capacity.astype(np.float64)),
            LinearConstraint(by_person, 0, max_lists),
        ],
        bounds=(0, 1),
        integrality=np.ones(len(values)),
    )
    if not result.success:
        raise ValueError(f"the allocation could not be solved: {result.message}")
    return np.asarray(result.x > 0.5)


def _check(
    vacancies: np.ndarray,
    people: np.ndarray,
    values: np.ndarray,
    capacity: np.ndarray,
    max_lists: int,
) -> None:
    if not len(vacancies) == len(people) == len(values):
        raise ValueError("vacancies, people and values must be of one length")
    if max_lists < 1:
        raise ValueError(f"max_lists: must be at least 1, not {max_lists}")
    if np.any(capacity < 0):
        raise ValueError("capacity: must not be negative")
    if len(vacancies) and int(vacancies.max()) >= len(capacity):
        raise ValueError("vacancies: a position has no capacity")
