"""Who may fit what: the pools of people a vacancy is scored against.

People are indexed by the occupation groups and skills they bring. A vacancy is
scored only against the people who share at least one of those with it, since
anyone else has no fit for the work and is never a candidate.
"""

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from matching.profiles import PersonProfile, VacancyProfile
from matching.vocabulary import Vocabulary, code_level, code_prefix

# A pool found under keys holding at least one row per this many people is
# gathered by marking rows rather than by sorting them.
MARKS_PER_ROW = 32


class PoolIndex:
    """Who may fit what: people by the groups and skills they bring."""

    def __init__(self, people: Sequence[PersonProfile], vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.people = len(people)
        # The keys of each code and skill word, worked out once: people share them.
        self._code_keys: dict[str, tuple[str, ...]] = {}
        self._word_keys: dict[str, tuple[str, ...]] = {}
        rows: dict[str, list[int]] = defaultdict(list)
        for row, person in enumerate(people):
            if person.is_eligible:
                for key in self.person_keys(person):
                    rows[key].append(row)
        self.rows = {key: _frozen(found) for key, found in rows.items()}

    def person_keys(self, person: PersonProfile) -> set[str]:
        keys = self._skill_keys(person.skills)
        for code in person.occupation_codes:
            found = self._code_keys.get(code)
            if found is None:
                level, prefix = code_level(code), code_prefix(code)
                parts = prefix.split("-")
                groups = range(1, min(2, level - 1) + 1)
                own = "m:" + "-".join(parts[:3]) if level >= 3 else "p:" + prefix
                found = (*("g:" + "-".join(parts[:n]) for n in groups), own)
                self._code_keys[code] = found
            keys.update(found)
        return keys

    def vacancy_keys(self, vacancy: VacancyProfile) -> list[str]:
        """Return the keys a vacancy looks up, its own group first."""
        keys: list[str] = []
        code = vacancy.occupation_code
        if code:
            level, parts = code_level(code), code_prefix(code).split("-")
            keys.append(
                "m:" + "-".join(parts[:3]) if level >= 3 else "g:" + code_prefix(code)
            )
            keys += ["p:" + "-".join(parts[:n]) for n in range(1, min(2, level) + 1)]
        keys += sorted(self._skill_keys(vacancy.skills))
        return list(dict.fromkeys(keys))

    def pool(self, keys: Sequence[str]) -> np.ndarray:
        """Return the sorted rows of everyone under any of ``keys``."""
        found = [self.rows[k] for k in keys if k in self.rows]
        if not found:
            return np.empty(0, dtype=np.int64)
        if len(found) == 1:
            return found[0]
        total = sum(len(rows) for rows in found)
        if total * MARKS_PER_ROW >= self.people:
            # Many rows: marking everyone's place beats sorting them.
            marked = np.zeros(self.people, dtype=bool)
            for rows in found:
                marked[rows] = True
            return np.flatnonzero(marked)
        rows = np.sort(np.concatenate(found))
        # The same as np.unique, which takes longer on small arrays.
        return rows[np.concatenate(([True], rows[1:] != rows[:-1]))]

    def _skill_keys(self, skills: Sequence[str]) -> set[str]:
        keys: set[str] = set()
        for name in skills:
            found = self._word_keys.get(name)
            if found is None:
                skill = self.vocabulary.skill(name)
                codes = skill.occupation_codes if skill else ()
                found = (
                    "w:" + name,
                    *("s:" + "-".join(code.split("-")[:3]) for code in codes),
                )
                self._word_keys[name] = found
            keys.update(found)
        return keys


def _frozen(rows: list[int]) -> np.ndarray:
    """Return ``rows`` as an array that pools may share but nobody may change."""
    array = np.array(rows, dtype=np.int64)
    array.flags.writeable = False
    return array
