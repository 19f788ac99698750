"""Scale of the matcher: the top ``k`` people of every open vacancy, and two baselines.

    .venv/bin/python benchmarks/matcher_scale.py --people 20000 --vacancies 20000
    .venv/bin/python benchmarks/matcher_scale.py --people 1500000 --vacancies 200000 \
        --repeat 2 --top-all-sample 2000 --sample 3 --budget 60

Draws a synthetic market of the district (``benchmarks/market.py``) and measures, each
in a fresh process so that one method's memory does not count against another's:

* ``matcher``: building ``matching.matcher.Matcher`` and ``top_all(k, workers)`` for
  every open vacancy, run ``--repeat`` times (first and best reported); with
  ``--top-all-sample N`` only N open vacancies are listed and the time is scaled up
  to all of them (less the one-off work of the first run, which is not scaled);
* ``matcher-blas1``: the same with OpenBLAS, OpenMP and MKL held to one thread, as
  a deployment may set ``OPENBLAS_NUM_THREADS=1``;
* ``rapidfuzz``: for each vacancy, ``fuzz.token_set_ratio`` of its occupation and
  skill text against every eligible person's, the top ``k`` kept with ``heapq``, on
  ``--sample`` vacancies and extrapolated to all;
* ``tfidf``: scikit-learn ``TfidfVectorizer`` over character 1-2-grams of the same
  texts, ``X_v @ X_p.T`` in chunks and the top ``k`` by ``argpartition``, for all
  vacancies if it ends within ``--budget`` seconds, else extrapolated from the
  vacancies it reached.

Peak memory is the child process's ``ru_maxrss`` (the data and the method together),
beside its value once the data was drawn. The sanity figure is the share of open
vacancies that got at least one candidate (for the baselines: one with a similarity
above 0). Prints a Markdown table; ``--json PATH`` also writes the raw figures.
"""

import argparse
import heapq
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

# Run as a script, only benchmarks/ is on the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.vocabulary import curated_vocabulary
from benchmarks.market import Market, profile_text
from matching.profiles import PersonProfile, VacancyProfile

METHODS = ("matcher", "matcher-blas1", "rapidfuzz", "tfidf")
TODAY = date(2026, 3, 2)
# TF-IDF scores this many (vacancy, person) cells at once.
TFIDF_CELLS = 4_000_000
ONE_THREAD = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}


def peak_rss_mb() -> float:
    """Return this process's peak resident set so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> dict[str, Any]:
    """Return the cores, memory and CPU model of this machine, and the versions."""
    import numpy as np
    import rapidfuzz
    import scipy
    import sklearn

    memory_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory_kb = int(line.split()[1])
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024**2, 1),
        "cpu": model,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
        "rapidfuzz": rapidfuzz.__version__,
        "load_average": os.getloadavg(),
    }


# The measured parts, each run in a child process.


def draw(args: argparse.Namespace) -> tuple[list[PersonProfile], list[VacancyProfile]]:
    market = Market(curated_vocabulary(), today=TODAY, seed=args.seed)
    return market.people(args.people), market.vacancies(args.vacancies)


def is_open(vacancy: VacancyProfile) -> bool:
    return vacancy.is_open and vacancy.openings_left > 0


def run_matcher(args: argparse.Namespace) -> dict[str, Any]:
    from matching.matcher import Matcher

    started = time.perf_counter()
    people, vacancies = draw(args)
    drawn = time.perf_counter() - started
    data_rss = peak_rss_mb()

    started = time.perf_counter()
    matcher = Matcher(people, vacancies, curated_vocabulary(), today=TODAY)
    build = time.perf_counter() - started
    build_rss = peak_rss_mb()

    # With --top-all-sample, only a seeded sample of the open vacancies is listed.
    rows, open_count = sample_rows(vacancies, args.top_all_sample or len(vacancies), 0)
    only = [vacancies[row].id for row in rows] if args.top_all_sample else None
    runs = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        top = matcher.top_all(args.k, workers=args.workers, vacancy_ids=only)
        runs.append(time.perf_counter() - started)
    found = int((top.people[:, 0] >= 0).sum()) if len(top.vacancies) else 0
    full = int((top.people[:, -1] >= 0).sum()) if len(top.vacancies) else 0
    return {
        "draw_s": drawn,
        "data_rss_mb": data_rss,
        "build_s": build,
        "build_rss_mb": build_rss,
        "top_all_s": runs,
        "peak_rss_mb": peak_rss_mb(),
        "open_vacancies": open_count,
        "asked_vacancies": len(rows),
        "listed_vacancies": len(top.vacancies),
        "with_candidate": found,
        "with_full_list": full,
    }


def sample_rows(
    vacancies: list[VacancyProfile], size: int, seed: int
) -> tuple[list[int], int]:
    """Return a seeded sample of the open vacancies' rows, and how many are open."""
    rows = [row for row, v in enumerate(vacancies) if is_open(v)]
    picked = sorted(random.Random(seed).sample(rows, min(size, len(rows))))
    return picked, len(rows)


def texts(
    args: argparse.Namespace,
) -> tuple[list[str], list[str], list[VacancyProfile], float, float]:
    """Return eligible people's texts, all vacancies' texts, the vacancies, the time
    taken to draw the market and the resident set after it."""
    started = time.perf_counter()
    people, vacancies = draw(args)
    vocabulary = curated_vocabulary()
    person_texts = [
        profile_text(p.occupation_codes, p.skills, vocabulary)
        for p in people
        if p.is_eligible
    ]
    vacancy_texts = [
        profile_text(
            (v.occupation_code,) if v.occupation_code else (), v.skills, vocabulary
        )
        for v in vacancies
    ]
    del people
    return (
        person_texts,
        vacancy_texts,
        vacancies,
        time.perf_counter() - started,
        peak_rss_mb(),
    )


def run_rapidfuzz(args: argparse.Namespace) -> dict[str, Any]:
    from rapidfuzz import fuzz

    person_texts, vacancy_texts, vacancies, drawn, data_rss = texts(args)
    rows, open_count = sample_rows(vacancies, args.sample, args.seed)
    ratio: Callable[[str, str], float] = fuzz.token_set_ratio
    found = 0
    started = time.perf_counter()
    for row in rows:
        query = vacancy_texts[row]
        best = heapq.nlargest(
            args.k,
            ((ratio(query, text), i) for i, text in enumerate(person_texts)),
        )
        found += bool(best and best[0][0] > 0)
    elapsed = time.perf_counter() - started
    return {
        "draw_s": drawn,
        "data_rss_mb": data_rss,
        "sampled": len(rows),
        "open_vacancies": open_count,
        "sample_s": elapsed,
        "all_s": elapsed / max(len(rows), 1) * open_count,
        "peak_rss_mb": peak_rss_mb(),
        "with_candidate": found,
    }


def run_tfidf(args: argparse.Namespace) -> dict[str, Any]:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    person_texts, vacancy_texts, vacancies, drawn, data_rss = texts(args)
    open_rows = np.array([row for row, v in enumerate(vacancies) if is_open(v)])
    started = time.perf_counter()
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 2))
    x_p = vectorizer.fit_transform(person_texts).astype(np.float32).tocsr()
    x_v = vectorizer.transform([vacancy_texts[r] for r in open_rows])
    x_v = x_v.astype(np.float32).tocsr()
    x_pt = x_p.T.tocsr()
    vectorise = time.perf_counter() - started

    take = min(args.k, x_p.shape[0])
    step = max(1, TFIDF_CELLS // max(x_p.shape[0], 1))
    done = found = 0
    started = time.perf_counter()
    for start in range(0, len(open_rows), step):
        similarity = (x_v[start : start + step] @ x_pt).toarray()
        top = np.argpartition(-similarity, take - 1, axis=1)[:, :take]
        values = np.take_along_axis(similarity, top, axis=1)
        order = np.argsort(-values, axis=1, kind="stable")
        best = np.take_along_axis(values, order, axis=1)
        found += int((best[:, 0] > 0).sum())
        done += len(similarity)
        if time.perf_counter() - started > args.budget:
            break
    elapsed = time.perf_counter() - started
    return {
        "draw_s": drawn,
        "data_rss_mb": data_rss,
        "vectorise_s": vectorise,
        "open_vacancies": len(open_rows),
        "scored": done,
        "query_s": elapsed,
        "all_s": vectorise + elapsed / max(done, 1) * len(open_rows),
        "peak_rss_mb": peak_rss_mb(),
        "with_candidate": found,
        "features": len(vectorizer.vocabulary_),
    }


RUNNERS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "matcher": run_matcher,
    "matcher-blas1": run_matcher,
    "rapidfuzz": run_rapidfuzz,
    "tfidf": run_tfidf,
}


# The parent: one child per method, then the table.


def measure(method: str, argv: list[str]) -> dict[str, Any]:
    """Run ``method`` in a fresh interpreter and return the figures it prints."""
    env = dict(os.environ)
    if method == "matcher-blas1":
        env.update(ONE_THREAD)
    completed = subprocess.run(
        [sys.executable, __file__, *argv, "--child", method],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        return {"error": f"exit status {completed.returncode}"}
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def table(args: argparse.Namespace, results: dict[str, dict[str, Any]]) -> str:
    """Return the results as a Markdown table, one row per timed step."""
    lines = [
        "| method | step | wall time (s) | peak RSS (MB) | how "
        "| vacancies with a candidate |",
        "|---|---|---:|---:|---|---:|",
    ]

    def row(
        method: str, step: str, seconds: float, rss: str, how: str, sane: str
    ) -> None:
        lines.append(f"| {method} | {step} | {seconds:.3f} | {rss} | {how} | {sane} |")

    for method, r in results.items():
        if "error" in r:
            lines.append(f"| {method} | failed: {r['error']} | | | | |")
            continue
        open_count = r["open_vacancies"]
        if method.startswith("matcher"):
            asked = r["asked_vacancies"]
            raw = r["top_all_s"]
            sane = share(r["with_candidate"], asked)
            row(
                method,
                "draw the market",
                r["draw_s"],
                f"{r['data_rss_mb']:.0f}",
                "measured",
                "",
            )
            row(
                method,
                "build Matcher",
                r["build_s"],
                f"{r['build_rss_mb']:.0f}",
                "measured",
                "",
            )
            step = f"top_all(k={args.k}, workers={args.workers})"
            peak = f"{r['peak_rss_mb']:.0f}"
            if asked < open_count:
                # The first run also works out the people's keys, once for all.
                best = min(raw[1:]) if len(raw) > 1 else raw[0]
                once = raw[0] - best
                times = ", ".join(f"{x:.1f}" for x in raw)
                row(
                    method,
                    f"{step}, all {open_count} vacancies",
                    once + best * open_count / asked,
                    peak,
                    f"extrapolated from {asked} vacancies (runs {times} s; "
                    f"{once:.1f} s of the first not scaled)",
                    sane + " of sample",
                )
                continue
            if len(raw) == 1:
                row(method, step, raw[0], peak, "measured", sane)
                continue
            row(method, f"{step}, first run", raw[0], "", "measured", sane)
            median = statistics.median(raw)
            row(
                method,
                f"top_all, best of {len(raw)} (median {median:.3f})",
                min(raw),
                peak,
                "measured",
                sane,
            )
        elif method == "rapidfuzz":
            row(
                method,
                f"token_set_ratio loop, all {open_count} vacancies",
                r["all_s"],
                f"{r['peak_rss_mb']:.0f}",
                f"extrapolated from {r['sampled']} ({r['sample_s']:.1f} s)",
                f"{share(r['with_candidate'], r['sampled'])} of sample",
            )
        elif method == "tfidf":
            measured = r["scored"] == open_count
            how = (
                "measured"
                if measured
                else f"extrapolated from {r['scored']} ({r['query_s']:.1f} s)"
            )
            row(
                method,
                f"vectorise ({r['features']} n-grams) + product + top-k, all",
                r["all_s"],
                f"{r['peak_rss_mb']:.0f}",
                how,
                share(r["with_candidate"], r["scored"])
                + ("" if measured else " of scored"),
            )
    return "\n".join(lines)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--vacancies", type=int, default=20_000)
    parser.add_argument("--k", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--sample", type=int, default=100, help="vacancies for the rapidfuzz loop"
    )
    parser.add_argument("--repeat", type=int, default=5, help="top_all runs")
    parser.add_argument(
        "--top-all-sample",
        type=int,
        default=0,
        help="list only this many open vacancies and extrapolate (0: all)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=120.0,
        help="seconds of TF-IDF products before extrapolating",
    )
    parser.add_argument(
        "--methods",
        default=",".join(METHODS),
        help=f"comma-separated, of {', '.join(METHODS)}",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--child", choices=METHODS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    unknown = set(args.methods.split(",")) - set(METHODS)
    if unknown:
        parser.error(f"unknown methods: {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    if args.child:
        print(json.dumps(RUNNERS[args.child](args)))
        return
    argv = list(sys.argv[1:] if argv is None else argv)
    info = machine()
    print(
        f"# Matcher scale: {args.people} people x {args.vacancies} vacancies, "
        f"k={args.k}, workers={args.workers}, seed={args.seed}\n"
    )
    print(
        f"Machine: {info['cores']} cores ({info['cpu']}), {info['memory_gb']} GB; "
        f"Python {info['python']}, numpy {info['numpy']}, scipy {info['scipy']}, "
        f"scikit-learn {info['scikit-learn']}, rapidfuzz {info['rapidfuzz']}; "
        f"load average before {info['load_average'][0]:.2f}\n",
        flush=True,
    )
    results = {}
    for method in args.methods.split(","):
        print(f"running {method} ...", file=sys.stderr, flush=True)
        results[method] = measure(method, argv)
    print(table(args, results))
    if args.json:
        report = {"args": vars(args), "machine": info, "results": results}
        args.json.write_text(json.dumps(report, indent=2, default=str))


if __name__ == "__main__":
    main()
