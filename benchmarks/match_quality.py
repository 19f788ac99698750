"""Ranking quality of the matcher on a labelled set, beside two text baselines.

    .venv/bin/python benchmarks/match_quality.py [--data PATH]

Loads people, vacancies and an employment officer's graded judgments (3 = put first,
2 = good, 1 = possible, absent = not suitable) from ``benchmarks/data/match_eval.json``,
builds ``matching.matcher.Matcher`` over them with the shipped curated vocabulary, and
ranks candidates for every open vacancy with ``candidates(id, limit=50,
use_priority=False)``. Two baselines rank every eligible person in the same run by
the similarity of a text of the vacancy (occupation name and skills) to a text of
the person (occupation names and skills): rapidfuzz ``token_set_ratio``, and the
cosine of TF-IDF character 1–3-grams (scikit-learn).

Reported per method, averaged over the vacancies with at least one judged person:
nDCG@10 with gains 2^grade - 1 and the ideal order from the judgments, recall@50 of
the people graded 1 or more, and recall@10 of the people graded 3. Then the five
vacancies where the matcher does worst, with its top five beside the ideal five.
``available_in_days`` in the data counts from the day of the run.
"""

import argparse
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz
from sklearn.feature_extraction.text import TfidfVectorizer

from app.vocabulary import curated_vocabulary
from matching.matcher import Matcher
from matching.profiles import AlertLevel, PersonProfile, Priority, VacancyProfile
from matching.vocabulary import Vocabulary

DATA = Path(__file__).resolve().parent / "data" / "match_eval.json"
TOP = 50
CUT = 10

Ranker = Callable[[VacancyProfile], list[int]]


@dataclass(frozen=True, slots=True)
class EvalSet:
    people: list[PersonProfile]
    vacancies: list[VacancyProfile]
    # Vacancy id -> person id -> grade 1 to 3.
    judgments: dict[int, dict[int, int]]


def load(path: Path, today: date) -> EvalSet:
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    people = [_person(p, today) for p in raw["people"]]
    vacancies = [_vacancy(v) for v in raw["vacancies"]]
    judgments = {
        int(v): {int(p): int(g) for p, g in grades.items() if int(g) > 0}
        for v, grades in raw["judgments"].items()
    }
    return EvalSet(people, vacancies, judgments)


def _person(p: dict[str, Any], today: date) -> PersonProfile:
    days = p.get("available_in_days")
    return PersonProfile(
        id=int(p["id"]),
        occupation_codes=tuple(p["occupation_codes"]),
        skills=tuple(p["skills"]),
        certificates=tuple(p["certificates"]),
        desired_regions=tuple(p["desired_regions"]),
        home_region=p["home_region"],
        is_willing_to_relocate=bool(p["is_willing_to_relocate"]),
        min_monthly_wage=p.get("min_monthly_wage"),
        available_on=None if days is None else today + timedelta(days=int(days)),
        experience_years=p.get("experience_years"),
        is_eligible=bool(p["is_eligible"]),
        priority=Priority(
            is_zero_employment=bool(p.get("is_zero_employment", False)),
            alert_level=AlertLevel(p.get("alert_level", "green")),
            unemployed_days=int(p.get("unemployed_days", 0)),
        ),
    )


def _vacancy(v: dict[str, Any]) -> VacancyProfile:
    return VacancyProfile(
        id=int(v["id"]),
        occupation_code=v.get("occupation_code"),
        skills=tuple(v["skills"]),
        required_certificates=tuple(v["required_certificates"]),
        preferred_certificates=tuple(v["preferred_certificates"]),
        region_code=v["region_code"],
        has_housing=bool(v["has_housing"]),
        wage_min=v.get("wage_min"),
        wage_max=v.get("wage_max"),
        min_experience_years=v.get("min_experience_years"),
        openings_left=int(v["openings_left"]),
        is_open=bool(v["is_open"]),
        text=v.get("text", ""),
    )


# --- metrics -------------------------------------------------------------------


def dcg(gains: Sequence[int]) -> float:
    return sum((2.0**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg(ranked: Sequence[int], grades: dict[int, int], k: int = CUT) -> float:
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    return dcg([grades.get(p, 0) for p in ranked[:k]]) / ideal if ideal else 0.0


def recall(
    ranked: Sequence[int], grades: dict[int, int], k: int, at_least: int = 1
) -> float | None:
    wanted = {p for p, g in grades.items() if g >= at_least}
    if not wanted:
        return None
    return len(wanted.intersection(ranked[:k])) / len(wanted)


def evaluate(
    ranker: Ranker,
    vacancies: Sequence[VacancyProfile],
    judged: dict[int, dict[int, int]],
) -> dict[str, Any]:
    per: dict[int, dict[str, Any]] = {}
    for vacancy in vacancies:
        grades = judged[vacancy.id]
        ranked = ranker(vacancy)
        per[vacancy.id] = {
            "ranked": ranked,
            "ndcg": ndcg(ranked, grades),
            "recall": recall(ranked, grades, TOP),
            "recall3": recall(ranked, grades, CUT, at_least=3),
        }

    def mean(key: str) -> float:
        values = [r[key] for r in per.values() if r[key] is not None]
        return float(np.mean(values)) if values else float("nan")

    return {
        "per": per,
        "ndcg": mean("ndcg"),
        "recall": mean("recall"),
        "recall3": mean("recall3"),
    }


# --- rankers -------------------------------------------------------------------


def matcher_ranker(matcher: Matcher) -> Ranker:
    def rank(vacancy: VacancyProfile) -> list[int]:
        found = matcher.candidates(vacancy.id, limit=TOP, use_priority=False)
        return [m.person_id for m in found.matches]

    return rank


def _name(vocabulary: Vocabulary, code: str | None) -> str:
    if not code:
        return ""
    occupation = vocabulary.occupation(code)
    return occupation.name if occupation else code


def vacancy_text(vacancy: VacancyProfile, vocabulary: Vocabulary) -> str:
    return " ".join([_name(vocabulary, vacancy.occupation_code), *vacancy.skills])


def person_text(person: PersonProfile, vocabulary: Vocabulary) -> str:
    names = [_name(vocabulary, c) for c in person.occupation_codes]
    return " ".join([*names, *person.skills])


def _top(ids: Sequence[int], scores: np.ndarray) -> list[int]:
    # Best first; ties keep the order of ids, so a run is repeatable.
    order = np.argsort(-scores, kind="stable")[:TOP]
    return [ids[i] for i in order if scores[i] > 0]


def fuzz_ranker(people: Sequence[PersonProfile], vocabulary: Vocabulary) -> Ranker:
    pool = [p for p in people if p.is_eligible]
    ids = [p.id for p in pool]
    texts = [person_text(p, vocabulary) for p in pool]

    def rank(vacancy: VacancyProfile) -> list[int]:
        query = vacancy_text(vacancy, vocabulary)
        scores = np.array([fuzz.token_set_ratio(query, t) for t in texts])
        return _top(ids, scores)

    return rank


def tfidf_ranker(
    people: Sequence[PersonProfile],
    vacancies: Sequence[VacancyProfile],
    vocabulary: Vocabulary,
) -> Ranker:
    pool = [p for p in people if p.is_eligible]
    ids = [p.id for p in pool]
    texts = [person_text(p, vocabulary) for p in pool]
    queries = {v.id: vacancy_text(v, vocabulary) for v in vacancies}
    model = TfidfVectorizer(analyzer="char", ngram_range=(1, 3))
    model.fit([*texts, *queries.values()])
    matrix = model.transform(texts)

    def rank(vacancy: VacancyProfile) -> list[int]:
        query = model.transform([queries[vacancy.id]])
        # Rows are L2-normalised, so the dot product is the cosine.
        scores = (matrix @ query.T).toarray().ravel()
        return _top(ids, scores)

    return rank


# --- report --------------------------------------------------------------------


def report(
    results: dict[str, dict[str, Any]],
    data: EvalSet,
    evaluated: list[VacancyProfile],
    matcher: Matcher,
    worst: int = 5,
) -> None:
    pairs = sum(len(data.judgments[v.id]) for v in evaluated)
    eligible = sum(p.is_eligible for p in data.people)
    print(
        f"{len(data.people)} people ({eligible} eligible), {len(data.vacancies)} "
        f"vacancies, {len(evaluated)} with judgments, {pairs} judged pairs\n"
    )
    print(f"| method | nDCG@{CUT} | recall@{TOP} | grade-3 recall@{CUT} | vacancies |")
    print("|---|---|---|---|---|")
    for name, r in results.items():
        print(
            f"| {name} | {r['ndcg']:.3f} | {r['recall']:.3f} | {r['recall3']:.3f} "
            f"| {len(r['per'])} |"
        )

    skipped = [v for v in data.vacancies if v not in evaluated]
    for vacancy in skipped:
        found = matcher.candidates(vacancy.id, limit=TOP, use_priority=False)
        print(
            f"\nnot evaluated: vacancy {vacancy.id} (no judgments); matcher returns "
            f"{len(found.matches)} candidates, reason: {found.reason}"
        )

    per = results["matcher"]["per"]
    texts = {v.id: v for v in evaluated}
    print(f"\nthe {worst} vacancies where the matcher does worst (nDCG@{CUT}):")
    for vid in sorted(per, key=lambda v: (per[v]["ndcg"], v))[:worst]:
        grades = data.judgments[vid]
        r = per[vid]
        ranked = r["ranked"]
        ideal = sorted(grades, key=lambda p: (-grades[p], p))[:5]
        missed = sorted(set(grades) - set(ranked), key=lambda p: (-grades[p], p))
        vacancy = texts[vid]
        print(
            f"\n- vacancy {vid} {vacancy.occupation_code} {vacancy.region_code}: "
            f"nDCG {r['ndcg']:.3f}, recall@{TOP} {r['recall']:.2f}, "
            f"returned {len(ranked)}"
        )
        print(f"  {vacancy.text}")
        print("  matcher top 5: " + _fmt(ranked[:5], grades))
        print("  ideal top 5:   " + _fmt(ideal, grades))
        if missed:
            print("  judged but not in the top 50: " + _fmt(missed, grades))


def _fmt(ids: Sequence[int], grades: dict[int, int]) -> str:
    return ", ".join(f"{p}({grades.get(p, 0)})" for p in ids) or "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()

    today = date.today()
    data = load(args.data, today)
    vocabulary = curated_vocabulary()
    matcher = Matcher(data.people, data.vacancies, vocabulary, today=today)

    evaluated = [v for v in data.vacancies if data.judgments.get(v.id)]
    rankers: dict[str, Ranker] = {
        "matcher": matcher_ranker(matcher),
        "rapidfuzz token_set_ratio": fuzz_ranker(data.people, vocabulary),
        "TF-IDF char 1-3 cosine": tfidf_ranker(data.people, evaluated, vocabulary),
    }
    results = {
        name: evaluate(ranker, evaluated, data.judgments)
        for name, ranker in rankers.items()
    }
    report(results, data, evaluated, matcher)


if __name__ == "__main__":
    main()
