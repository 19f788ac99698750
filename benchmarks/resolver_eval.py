"""Accuracy and speed of the title resolver on labelled real job titles.

    .venv/bin/python benchmarks/resolver_eval.py [--table PATH] [--titles PATH]

Builds the resolver from the official classification table (the operator's copy,
``../shared/data/occupations/csco22.csv`` by default) merged with the shipped curated
aliases, and scores it on ``titles_dev.csv`` beside it, together with the plain fuzzy
baseline (the best rapidfuzz match over names and aliases) in the same run. A prediction
is right when its code starts with the label's code stripped of trailing ``-00`` parts.
"""

import argparse
import csv
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from app.services.occupation_table import parse_official_table
from app.services.resolution import as_vocabulary
from app.vocabulary import curated_occupations
from matching.resolver import TitleResolver
from matching.text import normalize
from matching.vocabulary import Occupation, merge_occupations

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "occupations"
# Groups of the district's workforce: transport and logistics, catering, security,
# cleaning, household services, care and leisure, agriculture, production.
LOCAL_TRADES = ("4-02", "4-03", "4-07-05", "4-09", "4-10", "4-14", "5-", "6-")

Predict = Callable[[str], str | None]


def is_right(predicted: str | None, label: str) -> bool:
    prefix = label
    while prefix.endswith("-00"):
        prefix = prefix[:-3]
    return predicted is not None and (predicted + "-").startswith(prefix + "-")


def fuzzy_baseline(occupations: list[Occupation]) -> Predict:
    choices: dict[str, str] = {}
    for occupation in occupations:
        for term in (occupation.name, *occupation.aliases):
            choices.setdefault(normalize(term), occupation.code)
    words = list(choices)

    def predict(title: str) -> str | None:
        best = process.extractOne(normalize(title), words, scorer=fuzz.WRatio)
        return choices[best[0]] if best else None

    return predict


def score(predict: Predict, titles: list[dict[str, str]]) -> dict[str, Any]:
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    confusions: Counter[tuple[str, str | None]] = Counter()
    latencies = []
    for row in titles:
        started = time.perf_counter()
        predicted = predict(row["job_name"])
        latencies.append(time.perf_counter() - started)
        label = row["expected_code"]
        groups = ["all", label[:1] or "?"]
        if label.startswith(LOCAL_TRADES):
            groups.append("local trades")
        ok = is_right(predicted, label)
        for group in groups:
            seen[group] += 1
            right[group] += ok
        if not ok:
            confusions[(label, predicted)] += 1
    return {
        "accuracy": {g: right[g] / seen[g] for g in seen},
        "counts": dict(seen),
        "confusions": confusions,
        "median_ms": statistics.median(latencies) * 1000,
        "p99_ms": sorted(latencies)[int(len(latencies) * 0.99)] * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--table", type=Path, default=DATA / "csco22.csv")
    parser.add_argument("--titles", type=Path, default=DATA / "titles_dev.csv")
    parser.add_argument("--confusions", type=int, default=15)
    args = parser.parse_args()

    official = as_vocabulary(parse_official_table(args.table))
    occupations = merge_occupations(official, curated_occupations())
    with args.titles.open(encoding="utf-8") as f:
        titles = list(csv.DictReader(f))

    started = time.perf_counter()
    resolver = TitleResolver(occupations)
    build_s = time.perf_counter() - started
    for row in titles[:50]:  # warm-up
        resolver.resolve(row["job_name"])

    results = {
        "resolver": score(lambda t: resolver.resolve(t).code, titles),
        "fuzzy baseline": score(fuzzy_baseline(occupations), titles),
    }
    report(results, len(occupations), build_s, args.confusions, occupations)


def report(
    results: dict[str, dict[str, Any]],
    size: int,
    build_s: float,
    top: int,
    occupations: list[Occupation],
) -> None:
    names = {o.code: o.name for o in occupations}
    ours = results["resolver"]
    groups = sorted(ours["counts"], key=lambda g: (len(g) > 1, g))
    print(f"table: {size} occupations and groups; resolver built in {build_s:.2f} s\n")
    print("| group | titles | " + " | ".join(results) + " |")
    print("|---|---|" + "---|" * len(results))
    for group in groups:
        cells = [f"{r['accuracy'][group]:.1%}" for r in results.values()]
        print(f"| {group} | {ours['counts'][group]} | " + " | ".join(cells) + " |")
    for name, result in results.items():
        median, p99 = result["median_ms"], result["p99_ms"]
        print(f"\n{name}: median {median:.3f} ms, p99 {p99:.3f} ms per title")

    print("\nthe resolver's most frequent confusions (label -> predicted):")
    for (label, predicted), n in ours["confusions"].most_common(top):
        wrong = f"{predicted} {names.get(predicted or '', '')}"
        print(f"- {n} × {label} {names.get(label, '?')} -> {wrong}")


if __name__ == "__main__":
    main()
