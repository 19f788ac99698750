"""Shortlists for a set of vacancies, as the fair and the Friday meeting use them."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matching.allocation import allocate_exact, allocate_greedy
from matching.matcher import Matcher

# How deep each vacancy's ranked list goes before allocation: enough beyond its own
# places that people taken by other lists leave it well filled.
DEPTH_PER_PLACE = 3
MIN_DEPTH, MAX_DEPTH = 50, 1000


@dataclass(frozen=True, slots=True)
class Shortlists:
    """Who is on each vacancy's list, best first, and why some lists are empty.

    ``lists`` maps a vacancy id to (person id, score) pairs; ``places`` to how many
    its list may hold; ``reasons`` maps a vacancy id with no list to the reason;
    ``total`` is the sum of the ranking values (score plus priority boost) of
    everyone placed on a list.
    """

    lists: dict[int, list[tuple[int, float]]]
    places: dict[int, int]
    reasons: dict[int, str]
    total: float


def shortlists(
    matcher: Matcher,
    vacancy_ids: Sequence[int],
    *,
    per_opening: int = 3,
    max_lists: int = 3,
    use_priority: bool = True,
    exact: bool = False,
    workers: int = 1,
) -> Shortlists:
    """Fill each vacancy's list with at most ``per_opening × openings`` people.

    No person goes on more than ``max_lists`` lists, and among the ways to respect
    both caps the lists carry the most total value (greedy, or the exact optimum
    with ``exact``). The same input always gives the same lists.

    Raises ``KeyError`` for a vacancy the matcher does not hold and ``ValueError``
    for caps below 1.
    """
    if per_opening < 1:
        raise ValueError(f"per_opening: must be at least 1, not {per_opening}")
    if max_lists < 1:
        raise ValueError(f"max_lists: must be at least 1, not {max_lists}")
    wanted = list(dict.fromkeys(vacancy_ids))
    reasons = {v: r for v in wanted if (r := matcher.unmatchable_reason(v))}
    places = {
        v: per_opening * matcher.vacancy(v).openings_left
        for v in wanted
        if v not in reasons
    }
    if not places:
        return Shortlists({}, {}, reasons, 0.0)

    depth = int(np.clip(DEPTH_PER_PLACE * max(places.values()), MIN_DEPTH, MAX_DEPTH))
    top = matcher.top_all(
        depth, use_priority=use_priority, vacancy_ids=places, workers=workers
    )
    found = top.people >= 0
    vacancy_pos = np.repeat(np.arange(len(top.vacancies)), top.people.shape[1])[
        found.ravel()
    ]
    people = top.people[found]
    scores = top.scores[found].astype(np.float64)
    values = scores + matcher.boosts_of(people) if use_priority else scores
    capacity = np.array([places[int(v)] for v in top.vacancies], dtype=np.int64)
    allocate = allocate_exact if exact else allocate_greedy
    person_pos, person_ids = _positions(people)
    chosen = allocate(vacancy_pos, person_pos, values, capacity, max_lists)

    lists: dict[int, list[tuple[int, float, float]]] = defaultdict(list)
    for i in np.flatnonzero(chosen):
        vacancy = int(top.vacancies[vacancy_pos[i]])
        lists[vacancy].append(
            (int(person_ids[person_pos[i]]), float(scores[i]), float(values[i]))
        )
    for v in places:
        if v not in lists:
            reasons[v] = "没有可列入名单的求职者"
    ordered = {
        v: [(p, round(s, 4)) for p, s, _ in sorted(rows, key=lambda r: (-r[2], r[0]))]
        for v, rows in lists.items()
    }
    return Shortlists(ordered, places, reasons, float(values[chosen].sum()))


def _positions(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return each id's position among the distinct ids, and the distinct ids."""
    distinct, positions = np.unique(ids, return_inverse=True)
    return positions, distinct
