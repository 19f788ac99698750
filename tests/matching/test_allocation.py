"""Shortlist allocation: caps hold, totals are maximal or near it, order is fixed."""

import itertools
import random
from collections import Counter
from datetime import date

import numpy as np
import pytest

from matching.allocation import allocate_exact, allocate_greedy
from matching.matcher import Matcher
from matching.profiles import PersonProfile, VacancyProfile
from matching.shortlists import shortlists
from matching.vocabulary import Vocabulary

TODAY = date(2026, 3, 2)


def _instance(seed: int, vacancies: int = 8, people: int = 12, edges: int = 40):
    rng = np.random.default_rng(seed)
    pairs = {
        (int(v), int(p))
        for v, p in zip(
            rng.integers(0, vacancies, edges),
            rng.integers(0, people, edges),
            strict=True,
        )
    }
    v, p = (np.array(x) for x in zip(*sorted(pairs), strict=True))
    values = rng.random(len(v)).round(3)
    capacity = rng.integers(1, 4, vacancies)
    return v, p, values, capacity


def _brute_force(v, p, values, capacity, max_lists) -> float:
    best = 0.0
    for chosen in itertools.product((False, True), repeat=len(values)):
        mask = np.array(chosen)
        if np.all(np.bincount(v[mask], minlength=len(capacity)) <= capacity) and (
            np.bincount(p[mask]).max(initial=0) <= max_lists
        ):
            best = max(best, float(values[mask].sum()))
    return best


@pytest.mark.parametrize("allocate", [allocate_greedy, allocate_exact])
@pytest.mark.parametrize("seed", range(5))
def test_allocation_respects_both_caps(allocate, seed: int) -> None:
    v, p, values, capacity = _instance(seed)

    chosen = allocate(v, p, values, capacity, 2)

    assert np.all(np.bincount(v[chosen], minlength=len(capacity)) <= capacity)
    assert np.bincount(p[chosen]).max() <= 2


@pytest.mark.parametrize("seed", range(6))
def test_exact_allocation_matches_brute_force(seed: int) -> None:
    v, p, values, capacity = _instance(seed, vacancies=4, people=5, edges=14)

    chosen = allocate_exact(v, p, values, capacity, 1)

    assert values[chosen].sum() == pytest.approx(
        _brute_force(v, p, values, capacity, 1)
    )


@pytest.mark.parametrize("seed", range(10))
def test_greedy_keeps_at_least_half_of_the_optimum(seed: int) -> None:
    v, p, values, capacity = _instance(seed, vacancies=30, people=60, edges=400)

    greedy = values[allocate_greedy(v, p, values, capacity, 2)].sum()
    exact = values[allocate_exact(v, p, values, capacity, 2)].sum()

    assert exact >= greedy - 1e-9
    assert greedy >= exact / 2


def test_greedy_is_not_optimal_on_the_classic_trap() -> None:
    # Person 0 is best for both; taking (0, 0) first leaves vacancy 1 empty.
    v, p = np.array([0, 1, 0]), np.array([0, 0, 1])
    values = np.array([1.0, 0.99, 0.5])

    greedy = allocate_greedy(v, p, values, np.array([1, 1]), 1)
    exact = allocate_exact(v, p, values, np.array([1, 1]), 1)

    assert values[greedy].sum() == pytest.approx(1.0)
    assert values[exact].sum() == pytest.approx(1.49)


def test_greedy_breaks_ties_the_same_way_every_time() -> None:
    v = np.array([0, 0, 1, 1])
    p = np.array([1, 0, 1, 0])
    values = np.full(4, 0.5)

    first = allocate_greedy(v, p, values, np.array([1, 1]), 1)
    again = allocate_greedy(v[::-1].copy(), p[::-1].copy(), values, np.array([1, 1]), 1)

    assert first.tolist() == [False, True, True, False]
    assert again[::-1].tolist() == first.tolist()


@pytest.mark.parametrize(
    ("capacity", "max_lists", "message"),
    [(np.array([-1]), 1, "capacity"), (np.array([1]), 0, "max_lists")],
)
def test_bad_caps_are_refused(capacity, max_lists: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        allocate_greedy(
            np.array([0]), np.array([0]), np.array([1.0]), capacity, max_lists
        )


def _market(seed: int) -> Matcher:
    rng = random.Random(seed)
    codes = ["6-18-02-04", "6-29-01-01", "4-09-08-01"]
    people = [
        PersonProfile(
            i,
            occupation_codes=(rng.choice(codes),),
            home_region="530113",
            min_monthly_wage=rng.choice([None, 3000, 5000]),
            experience_years=rng.randint(0, 10),
        )
        for i in range(1, 151)
    ]
    vacancies = [
        VacancyProfile(
            1000 + j,
            occupation_code=rng.choice(codes),
            region_code="530113",
            wage_min=4000,
            openings_left=rng.randint(1, 4),
        )
        for j in range(40)
    ]
    return Matcher(people, vacancies, Vocabulary([]), today=TODAY)


def test_shortlists_spread_people_under_the_caps() -> None:
    matcher = _market(3)
    ids = [v.id for v in matcher.vacancies]

    result = shortlists(matcher, ids, per_opening=2, max_lists=2)

    on_lists = Counter(p for rows in result.lists.values() for p, _ in rows)
    assert max(on_lists.values()) <= 2
    for vacancy_id, rows in result.lists.items():
        assert len(rows) <= 2 * matcher.vacancy(vacancy_id).openings_left
        assert [s for _, s in rows] == sorted((s for _, s in rows), reverse=True)
    # Every vacancy with fitting people left over gets a list.
    assert set(result.lists) | set(result.reasons) == set(ids)


def test_shortlists_are_the_same_for_the_same_input() -> None:
    ids = [v.id for v in _market(5).vacancies]

    first = shortlists(_market(5), ids, per_opening=3, max_lists=1)
    again = shortlists(_market(5), list(reversed(ids)), per_opening=3, max_lists=1)

    assert first.lists == again.lists


def test_exact_shortlists_carry_at_least_the_greedy_total() -> None:
    matcher = _market(7)
    ids = [v.id for v in matcher.vacancies]

    greedy = shortlists(matcher, ids, per_opening=2, max_lists=1)
    exact = shortlists(matcher, ids, per_opening=2, max_lists=1, exact=True)

    assert exact.total >= greedy.total - 1e-4
    assert greedy.total >= 0.9 * exact.total


def test_closed_vacancy_gets_a_reason_not_a_list() -> None:
    people = [PersonProfile(1, occupation_codes=("6-18-02-04",), home_region="530113")]
    vacancies = [
        VacancyProfile(1, occupation_code="6-18-02-04", region_code="530113"),
        VacancyProfile(2, occupation_code="6-18-02-04", is_open=False),
    ]
    matcher = Matcher(people, vacancies, Vocabulary([]), today=TODAY)

    result = shortlists(matcher, [1, 2])

    assert result.lists == {1: [(1, result.lists[1][0][1])]}
    assert 2 in result.reasons


def test_unknown_vacancy_raises_key_error() -> None:
    with pytest.raises(KeyError):
        shortlists(_market(1), [999_999])
