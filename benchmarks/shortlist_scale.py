"""Shortlists for every vacancy of the district at once, and their gap to the optimum.

    .venv/bin/python benchmarks/shortlist_scale.py --people 20000 --vacancies 20000

Draws a synthetic market (``benchmarks/market.py``), builds the matcher, and times
``matching.shortlists.shortlists`` over all open vacancies: the candidate lists and
the greedy allocation under the caps (``--per-opening`` people per opening on a list,
``--max-lists`` lists per person), with the allocation step also timed alone. On a
sample of vacancies (``--sample``) it solves the same allocation exactly by linear
programming, in the same run, and reports the greedy total as a share of the optimum.
"""

import argparse
import os
import resource
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from app.vocabulary import curated_vocabulary
from benchmarks.market import Market
from matching.matcher import Matcher
from matching.shortlists import Shortlists, allocate, candidates

TODAY = date(2026, 12, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--vacancies", type=int, default=20_000)
    parser.add_argument("--per-opening", type=int, default=3)
    parser.add_argument("--max-lists", type=int, default=3)
    parser.add_argument("--sample", type=int, default=1_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    vocabulary = curated_vocabulary()
    market = Market(vocabulary, today=TODAY, seed=args.seed)
    people, vacancies = market.people(args.people), market.vacancies(args.vacancies)
    matcher = Matcher(people, vacancies, vocabulary, today=TODAY)
    ids = [v.id for v in vacancies]

    started = time.perf_counter()
    pairs = candidates(matcher, ids, per_opening=args.per_opening, workers=args.workers)
    ranked = time.perf_counter() - started
    started = time.perf_counter()
    result = allocate(pairs, max_lists=args.max_lists)
    allocating = time.perf_counter() - started
    _report_full(result, ranked, allocating, len(pairs.values), args)

    rng = np.random.default_rng(args.seed)
    sample = sorted(rng.choice(ids, size=min(args.sample, len(ids)), replace=False))
    _report_gap(matcher, [int(v) for v in sample], args)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of the whole run: {peak:.0f} MB; cores: {os.cpu_count()}")


def _report_full(
    result: Shortlists,
    ranked: float,
    allocating: float,
    pairs: int,
    args: argparse.Namespace,
) -> None:
    on_lists = Counter(p for rows in result.lists.values() for p, _ in rows)
    places = sum(result.places.values())
    filled = sum(len(rows) for rows in result.lists.values())
    print(
        f"{args.people} people x {args.vacancies} vacancies, "
        f"{args.per_opening} per opening, at most {args.max_lists} lists each\n"
    )
    print("| step | seconds |")
    print("|---|---:|")
    print(f"| candidate lists deep enough to fill every list | {ranked:.2f} |")
    print(f"| greedy allocation over {pairs} pairs | {allocating:.2f} |")
    print(f"| both | {ranked + allocating:.2f} |")
    print(
        f"\nplaces {places}, filled {filled} ({filled / max(places, 1):.1%}); "
        f"people on a list {len(on_lists)}, most lists for one person "
        f"{max(on_lists.values(), default=0)}; vacancies without a list "
        f"{len(result.reasons)}"
    )


def _report_gap(matcher: Matcher, sample: list[int], args: argparse.Namespace) -> None:
    pairs = candidates(
        matcher, sample, per_opening=args.per_opening, workers=args.workers
    )
    rows = []
    for exact in (False, True):
        started = time.perf_counter()
        result = allocate(pairs, max_lists=args.max_lists, exact=exact)
        rows.append((exact, result.total, time.perf_counter() - started))
    greedy, optimum = rows[0][1], rows[1][1]
    print(f"\nsample of {len(sample)} vacancies:\n")
    print("| allocation | total value | seconds |")
    print("|---|---:|---:|")
    for exact, total, seconds in rows:
        name = "exact (linear programme)" if exact else "greedy"
        print(f"| {name} | {total:.2f} | {seconds:.2f} |")
    print(f"\ngreedy reaches {greedy / optimum:.4%} of the optimum")


if __name__ == "__main__":
    main()
