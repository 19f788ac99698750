"""Shortlists for a set of vacancies, as the fair and the Friday meeting use them."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matching.allocation import allocate_exact, allocate_greedy
from matching.matcher import Matcher

# How deep each vacancy's ranked list goes before allocation: enough beyond its own
# places that people taken by other lists leave it well filled.
DEPTH_PER_PLACE = 2
MIN_DEPTH, MAX_DEPTH = 20, 1000


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


@dataclass(frozen=True, slots=True)
class Candidates:
    """Every vacancy's ranked candidates, as pairs ready for allocation.

    Pair ``i`` joins the vacancy at position ``vacancies[i]`` of ``vacancy_ids`` and
    the person at position ``people[i]`` of ``person_ids``; ``scores`` and
    ``values`` (score plus priority boost) say what it is worth.
    """

    vacancy_ids: np.ndarray
    person_ids: np.ndarray
    vacancies: np.ndarray
    people: np.ndarray
    scores: np.ndarray
    values: np.ndarray
    places: dict[int, int]
    reasons: dict[int, str]


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
    pairs = candidates(
        matcher,
        vacancy_ids,
        per_opening=per_opening,
        use_priority=use_priority,
        workers=workers,
    )
    return allocate(pairs, max_lists=max_lists, exact=exact)


def candidates(
    matcher: Matcher,
    vacancy_ids: Sequence[int],
    *,
    per_opening: int = 3,
    use_priority: bool = True,
    workers: int = 1,
) -> Candidates:
    """Rank candidates for each vacancy deep enough for its list to be filled."""
    if per_opening < 1:
        raise ValueError(f"per_opening: must be at least 1, not {per_opening}")
    wanted = list(dict.fromkeys(vacancy_ids))
    reasons = {v: r for v in wanted if (r := matcher.unmatchable_reason(v))}
    places = {
        v: per_opening * matcher.vacancy(v).openings_left
        for v in wanted
        if v not in reasons
    }
    depth = {
        v: int(np.clip(DEPTH_PER_PLACE * n, MIN_DEPTH, MAX_DEPTH))
        for v, n in places.items()
    }
    ranked, people, scores = _ranked(matcher, depth, use_priority, workers)
    values = scores + matcher.boosts_of(people) if use_priority else scores
    vacancy_ids_out, vacancies = np.unique(ranked, return_inverse=True)
    person_ids, positions = np.unique(people, return_inverse=True)
    return Candidates(
        vacancy_ids_out,
        person_ids,
        vacancies,
        positions,
        scores,
        values,
        places,
        reasons,
    )


def _ranked(
    matcher: Matcher, depth: dict[int, int], use_priority: bool, workers: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (vacancy id, person id, score) of each vacancy's best ``depth``.

    Vacancies whose depths round up to the same power of two are ranked together,
    so a few vacancies with many openings do not make every list deep.
    """
    by_depth: dict[int, list[int]] = defaultdict(list)
    for v, d in depth.items():
        by_depth[1 << (d - 1).bit_length()].append(v)
    parts = []
    for k, ids in sorted(by_depth.items()):
        top = matcher.top_all(
            k, use_priority=use_priority, vacancy_ids=ids, workers=workers
        )
        wanted = np.array([depth[int(v)] for v in top.vacancies], dtype=np.int64)
        keep = (top.people >= 0) & (np.arange(k)[None, :] < wanted[:, None])
        parts.append(
            (
                np.repeat(top.vacancies, k)[keep.ravel()],
                top.people[keep],
                top.scores[keep],
            )
        )
    if not parts:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0)
    vacancies, people, scores = (
        np.concatenate(column) for column in zip(*parts, strict=True)
    )
    return vacancies, people, scores.astype(np.float64)


def allocate(
    pairs: Candidates, *, max_lists: int = 3, exact: bool = False
) -> Shortlists:
    """Choose who goes on which list under both caps; order each list best first."""
    if max_lists < 1:
        raise ValueError(f"max_lists: must be at least 1, not {max_lists}")
    capacity = np.array(
        [pairs.places[int(v)] for v in pairs.vacancy_ids], dtype=np.int64
    )
    solve = allocate_exact if exact else allocate_greedy
    chosen = solve(pairs.vacancies, pairs.people, pairs.values, capacity, max_lists)

    lists: dict[int, list[tuple[int, float, float]]] = defaultdict(list)
    for i in np.flatnonzero(chosen):
        vacancy = int(pairs.vacancy_ids[pairs.vacancies[i]])
        person = int(pairs.person_ids[pairs.people[i]])
        lists[vacancy].append((person, float(pairs.scores[i]), float(pairs.values[i])))
    reasons = dict(pairs.reasons)
    for v in pairs.places:
        if v not in lists:
            reasons[v] = "没有可列入名单的求职者"
    ordered = {
        v: [(p, round(s, 4)) for p, s, _ in sorted(rows, key=lambda r: (-r[2], r[0]))]
        for v, rows in lists.items()
    }
    total = float(pairs.values[chosen].sum())
    return Shortlists(ordered, pairs.places, reasons, total)
