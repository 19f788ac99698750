"""The matcher: ranked, explained lists of people for vacancies and the reverse."""

import copy
from collections import defaultdict
from collections.abc import Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import chain

import numpy as np
from threadpoolctl import threadpool_limits

from matching import topk
from matching.compliance import ComplianceFlag, compliance_flags
from matching.encode import Encoder
from matching.engine import RESOLUTION, Block, Scorer
from matching.explain import Explanation, explain
from matching.pools import PoolIndex
from matching.profiles import PersonProfile, VacancyProfile
from matching.topk import top_in_block
from matching.vocabulary import Vocabulary
from matching.weights import COMPONENTS, DEFAULT_WEIGHTS, PriorityPolicy, Weights

# Vacancies scored at once in one block, to bound the memory of its matrices.
CELLS_PER_CHUNK = 4_000_000
# ... but at least this many, so that a large pool is not scored a few columns at a
# time, which costs several times more per pair (it is scored in cached slices).
MIN_VACANCIES_PER_CHUNK = 64
# Vacancies of a pool too large to score in full (``topk.PRUNE_MIN_POOL``) at once
# in one block: only the people who may reach their best are scored.
PRUNED_VACANCIES_PER_CHUNK = 2048


@dataclass(frozen=True, slots=True)
class Match:
    """One ranked pair: the score from 0 to 1 and why."""

    person_id: int
    vacancy_id: int
    score: float
    explanation: Explanation


@dataclass(frozen=True, slots=True)
class Ranking:
    """A page of a ranked list, how many qualify in all, or why there are none."""

    matches: list[Match]
    total: int
    reason: str | None = None
    flags: list[ComplianceFlag] = field(default_factory=list)
    weights_version: str = ""


@dataclass(frozen=True, slots=True)
class TopK:
    """The best ``k`` people of every open vacancy, as arrays.

    ``people[i]`` holds person ids for ``vacancies[i]``, best first, -1 where fewer
    than ``k`` fit; ``scores`` holds their scores.
    """

    vacancies: np.ndarray
    people: np.ndarray
    scores: np.ndarray


class Matcher:
    """Scores people for vacancies over one snapshot of both.

    Examples
    --------
    >>> from datetime import date
    >>> from matching.vocabulary import Vocabulary
    >>> welder = PersonProfile(1, occupation_codes=("6-18-02-04",))
    >>> cleaner = PersonProfile(2, occupation_codes=("4-09-08-01",))
    >>> job = VacancyProfile(10, occupation_code="6-18-02-04", region_code="530113")
    >>> matcher = Matcher(
    ...     [welder, cleaner], [job], Vocabulary([]), today=date(2026, 1, 5)
    ... )
    >>> [m.person_id for m in matcher.candidates(10).matches]
    [1]
    """

    def __init__(
        self,
        people: Sequence[PersonProfile],
        vacancies: Sequence[VacancyProfile],
        vocabulary: Vocabulary,
        *,
        today: date,
        weights: Weights = DEFAULT_WEIGHTS,
        policy: PriorityPolicy = PriorityPolicy(),
    ) -> None:
        self.people = sorted(people, key=lambda p: p.id)
        self.vacancies = sorted(vacancies, key=lambda v: v.id)
        self.vocabulary, self.weights, self.policy = vocabulary, weights, policy

        encoder = Encoder(vocabulary, today=today, policy=policy)
        encoder.register(self.people, self.vacancies)
        people_arrays = encoder.people(self.people)
        self.boosts = people_arrays.boosts
        self.scorer = Scorer(
            people_arrays,
            encoder.vacancies(self.vacancies),
            encoder.occupation_table(),
            encoder.location_table(),
            _shares(weights),
        )

        self.pools = PoolIndex(self.people, vocabulary)
        self._person_row = {p.id: row for row, p in enumerate(self.people)}
        self._vacancy_row = {v.id: row for row, v in enumerate(self.vacancies)}
        self._vacancy_keys = [self.pools.vacancy_keys(v) for v in self.vacancies]
        # Open vacancies by the keys they look up, for recommendations.
        self._open_by_key: dict[str, list[int]] = defaultdict(list)
        for row, vacancy in enumerate(self.vacancies):
            if vacancy.is_open and vacancy.openings_left > 0:
                for key in self._vacancy_keys[row]:
                    self._open_by_key[key].append(row)

    def with_weights(self, weights: Weights) -> "Matcher":
        """Return a matcher over the same snapshot that scores with ``weights``."""
        other = copy.copy(self)
        other.weights = weights
        other.scorer = copy.copy(self.scorer)
        other.scorer.shares = _shares(weights)
        return other

    def candidates(
        self,
        vacancy_id: int,
        *,
        limit: int = 50,
        offset: int = 0,
        min_score: float = 0.0,
        use_priority: bool = True,
        town: str | None = None,
        site: str | None = None,
    ) -> Ranking:
        """Return people ranked for a vacancy, or the reason there are none.

        Raises ``KeyError`` for a vacancy the matcher does not hold.
        """
        row = self._vacancy_row[vacancy_id]
        vacancy = self.vacancies[row]
        flags = compliance_flags(vacancy.text)
        reason = _closed_reason(vacancy) or self._unmatchable_reason(row)
        if reason:
            return self._ranking([], 0, reason, flags)

        pool = self._filtered(self.pools.pool(self._vacancy_keys[row]), town, site)
        if pool.size == 0:
            return self._ranking([], 0, "没有职业或技能相符的求职者", flags)
        boosts = self.boosts if use_priority and self.policy.is_enabled else None
        block = Block(np.array([row]), pool)
        rows, scores, total = top_in_block(
            self.scorer, block, offset + limit, boosts=boosts, min_score=min_score
        )
        pairs = [(int(p), row) for p in rows[0, offset:] if p >= 0]
        matches = self._matches(pairs, scores[0, offset:], use_boost=boosts is not None)
        reason = None if total[0] else "没有达到最低分数的求职者"
        return self._ranking(matches, int(total[0]), reason, flags)

    def recommendations(
        self,
        person_id: int,
        *,
        limit: int = 50,
        offset: int = 0,
        min_score: float = 0.0,
    ) -> Ranking:
        """Return open vacancies ranked for a person, or the reason there are none.

        Raises ``KeyError`` for a person the matcher does not hold.
        """
        prow = self._person_row[person_id]
        person = self.people[prow]
        if not person.is_eligible:
            return self._ranking([], 0, "此人已就业或未在求职")
        keys = self.pools.person_keys(person)
        rows = sorted({row for key in keys for row in self._open_by_key.get(key, ())})
        if not rows:
            return self._ranking([], 0, "没有职业或技能相符的空缺岗位")

        vrow = np.array(rows, dtype=np.int64)
        prows = np.full(len(rows), prow, dtype=np.int64)
        scores, allowed = self.scorer.score(prows, vrow, paired=True)
        allowed &= scores >= min_score - 0.5 / RESOLUTION
        order = sorted(
            np.flatnonzero(allowed), key=lambda i: (-round(float(scores[i]), 6), i)
        )
        page = order[offset : offset + limit]
        pairs = [(prow, rows[i]) for i in page]
        matches = self._matches(pairs, scores[page], use_boost=False)
        reason = None if order else "没有达到最低分数的空缺岗位"
        return self._ranking(matches, len(order), reason)

    def top_all(
        self,
        k: int = 50,
        *,
        use_priority: bool = True,
        workers: int = 1,
        vacancy_ids: Collection[int] | None = None,
    ) -> TopK:
        """Return the best ``k`` people of every open vacancy that can be matched.

        ``vacancy_ids`` narrows it to those vacancies. With ``use_priority`` the
        lists are ranked by score plus boost, as ``candidates`` ranks them.
        """
        boosts = self.boosts if use_priority and self.policy.is_enabled else None
        only = None if vacancy_ids is None else set(vacancy_ids)
        blocks = list(self._blocks(only))
        # The blocks already run on ``workers`` threads; BLAS threads of their own
        # would only contend for the same cores.
        with (
            threadpool_limits(limits=1, user_api="blas"),
            ThreadPoolExecutor(max_workers=workers) as pool,
        ):
            results = list(
                pool.map(
                    lambda b: top_in_block(
                        self.scorer, b, k, boosts=boosts, count=False
                    ),
                    blocks,
                )
            )
        if not results:
            empty = np.empty((0, k), dtype=np.int64)
            return TopK(np.empty(0, dtype=np.int64), empty, empty.astype(np.float32))
        order = np.concatenate([b.vacancies for b in blocks])
        rows = np.concatenate([r[0] for r in results])
        scores = np.concatenate([r[1] for r in results])
        ids = self.scorer.p.ids
        people = np.where(rows >= 0, ids[np.maximum(rows, 0)], -1)
        return TopK(self.scorer.v.ids[order], people, scores)

    def explain(
        self, person_id: int, vacancy_id: int, *, use_priority: bool = True
    ) -> Match:
        """Return the score and explanation of one person for one vacancy."""
        return self.explain_pairs([(person_id, vacancy_id)], use_priority=use_priority)[
            0
        ]

    def explain_pairs(
        self, pairs: Sequence[tuple[int, int]], *, use_priority: bool = True
    ) -> list[Match]:
        """Return scores and explanations of (person id, vacancy id) pairs, in order."""
        rows = [(self._person_row[p], self._vacancy_row[v]) for p, v in pairs]
        prow = np.array([p for p, _ in rows], dtype=np.int64)
        vrow = np.array([v for _, v in rows], dtype=np.int64)
        scores, _ = self.scorer.score(prow, vrow, paired=True)
        use_boost = use_priority and self.policy.is_enabled
        return self._matches(rows, scores, use_boost=use_boost)

    def boosts_of(self, person_ids: np.ndarray) -> np.ndarray:
        """Return how much priority lifts each person's rank, 0 when it is off."""
        if not self.policy.is_enabled:
            return np.zeros(len(person_ids), dtype=np.float32)
        rows = np.searchsorted(self.scorer.p.ids, person_ids)
        return np.asarray(self.boosts[rows], dtype=np.float32)

    def holds_vacancy(self, vacancy_id: int) -> bool:
        return vacancy_id in self._vacancy_row

    def vacancy(self, vacancy_id: int) -> VacancyProfile:
        """Return the profile of a vacancy; ``KeyError`` when not held."""
        return self.vacancies[self._vacancy_row[vacancy_id]]

    def unmatchable_reason(self, vacancy_id: int) -> str | None:
        """Return why a vacancy can get no candidates at all, or None."""
        row = self._vacancy_row[vacancy_id]
        return _closed_reason(self.vacancies[row]) or self._unmatchable_reason(row)

    def _blocks(self, only: set[int] | None = None) -> list[Block]:
        """Group open vacancies by their own occupation group; chunk large blocks."""
        groups: dict[str, list[int]] = defaultdict(list)
        for row, vacancy in enumerate(self.vacancies):
            keys = self._vacancy_keys[row]
            if only is not None and vacancy.id not in only:
                continue
            if keys and vacancy.is_open and vacancy.openings_left > 0:
                groups[keys[0]].append(row)
        blocks = []
        vacancy_keys = self._vacancy_keys.__getitem__
        for rows in groups.values():
            keys = list(dict.fromkeys(chain.from_iterable(map(vacancy_keys, rows))))
            people = self.pools.pool(keys)
            if people.size == 0:
                continue
            step = max(MIN_VACANCIES_PER_CHUNK, CELLS_PER_CHUNK // people.size)
            if people.size > topk.PRUNE_MIN_POOL:
                step = PRUNED_VACANCIES_PER_CHUNK
            for start in range(0, len(rows), step):
                chunk = np.array(rows[start : start + step], dtype=np.int64)
                blocks.append(Block(chunk, people))
        return blocks

    def _matches(
        self, pairs: list[tuple[int, int]], scores: np.ndarray, *, use_boost: bool
    ) -> list[Match]:
        if not pairs:
            return []
        prow = np.array([p for p, _ in pairs], dtype=np.int64)
        vrow = np.array([v for _, v in pairs], dtype=np.int64)
        values = dict(self.scorer.components(prow, vrow, paired=True))
        matches = []
        for i, (p, v) in enumerate(pairs):
            person, vacancy = self.people[p], self.vacancies[v]
            boost = float(self.boosts[p]) if use_boost else 0.0
            explanation = explain(
                person,
                vacancy,
                {name: float(values[name][i]) for name in COMPONENTS},
                vocabulary=self.vocabulary,
                weights=self.weights,
                boost=boost,
            )
            score = round(float(scores[i]), 4)
            matches.append(Match(person.id, vacancy.id, score, explanation))
        return matches

    def _filtered(
        self, pool: np.ndarray, town: str | None, site: str | None
    ) -> np.ndarray:
        if town is None and site is None:
            return pool
        keep = [
            row
            for row in pool
            if (town is None or self.people[row].town == town)
            and (site is None or self.people[row].site == site)
        ]
        return np.array(keep, dtype=np.int64)

    def _ranking(
        self,
        matches: list[Match],
        total: int,
        reason: str | None = None,
        flags: list[ComplianceFlag] | None = None,
    ) -> Ranking:
        return Ranking(matches, total, reason, flags or [], self.weights.version)

    def _unmatchable_reason(self, row: int) -> str | None:
        if not self._vacancy_keys[row]:
            return "岗位没有可识别的职业或技能，无法匹配：请填写职业代码或技能"
        return None


def _shares(weights: Weights) -> np.ndarray:
    return np.array([weights.share(c) for c in COMPONENTS], dtype=np.float32)


def _closed_reason(vacancy: VacancyProfile) -> str | None:
    if not vacancy.is_open:
        return "岗位已关闭或已招满"
    if vacancy.openings_left <= 0:
        return "岗位已招满"
    return None
