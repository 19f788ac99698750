"""The employment report at district scale, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/report_scale.py --database both --repeat 5 --json

For each database: a fresh one built by the migrations, with a district of 4,915
households, 18,000 people and 20,000 vacancies and eighteen months of employment
history (``benchmarks/history.py``). ``employment_report`` then runs as the route
calls it (``read_snapshot`` first) on two days: today, with the period from the first
of the month, and six months ago, with the period from the first of that month;
``--repeat`` times each. The baseline, in the same run, fetches the rows the report
reads, by its queries, and does nothing with them.

Each measurement runs in a fresh process. Its peak resident set is reset once the
imports are done and the connection is open, so the growth is the runs' own; one more
untimed run under ``tracemalloc`` gives the peak of Python allocations. The report's
district figures are checked against the seeded history, so a broken seed stops the
run. Prints a Markdown table; ``--json`` also writes the figures to
``benchmarks/results/``.
"""

import argparse
import json
import logging
import multiprocessing
import signal
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

# Run as a script, only benchmarks/ would be on the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, case, func, or_
from sqlmodel import Session, col, select

from app.clock import today
from app.config import Settings, get_settings
from app.db import create_db_engine, open_session, read_snapshot
from app.models import (
    EmploymentEvent,
    Household,
    Person,
    Placement,
    Station,
    Vacancy,
    ZeroEmploymentCase,
)
from app.models.enums import VacancyStatus
from app.services.reports import employment_report
from app.services.stability import add_months
from benchmarks import harness, report
from benchmarks.history import History, Scale, seed_history

logger = logging.getLogger("benchmarks.report_scale")

DEFAULT_PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ONE_DAY = timedelta(days=1)
REPORT, READING = "report", "reading only"


# Measurement, each in a fresh process.


@dataclass(frozen=True, slots=True)
class Job:
    url: str
    as_of: date
    since: date
    measured: str
    repeat: int


def run_job(job: Job) -> dict[str, Any]:
    """Time ``job.repeat`` runs, each in a new session as a request would have."""
    engine = create_db_engine(job.url)
    work = _report if job.measured == REPORT else _read_rows
    try:
        with engine.connect():
            pass
        rss_before = reset_peak_rss_mb()
        seconds, out = [], {}
        for _ in range(job.repeat):
            started = time.perf_counter()
            out = _run(engine, work, job)
            seconds.append(time.perf_counter() - started)
        rss_growth = peak_rss_mb() - rss_before

        tracemalloc.start()
        _run(engine, work, job)
        traced_peak = tracemalloc.get_traced_memory()[1] / 1024**2
        tracemalloc.stop()
    finally:
        engine.dispose()
    return out | {
        "median_s": statistics.median(seconds),
        "max_s": max(seconds),
        "seconds": seconds,
        "rss_growth_mb": rss_growth,
        "python_peak_mb": traced_peak,
    }


def reset_peak_rss_mb() -> float:
    """Lower this process's peak resident set to the current one and return it, in
    MB, so that what the imports took at their peak does not hide what follows."""
    Path("/proc/self/clear_refs").write_text("5")
    return peak_rss_mb()


def peak_rss_mb() -> float:
    """Return this process's peak resident set since the last reset, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


Work = Callable[[Session, Settings, date, date], dict[str, Any]]


def _run(engine: Engine, work: Work, job: Job) -> dict[str, Any]:
    with open_session(engine) as session:
        # As the route does: what follows reads one snapshot.
        read_snapshot(session)
        return work(session, get_settings(), job.as_of, job.since)


def _report(
    session: Session, settings: Settings, as_of: date, since: date
) -> dict[str, Any]:
    report = employment_report(session, settings, as_of=as_of, since=since)
    return {"figures": report.model_dump(mode="json")}


def _read_rows(
    session: Session, settings: Settings, as_of: date, since: date
) -> dict[str, Any]:
    """Fetch the rows ``employment_report`` reads, by its own queries and filters
    (as in ``app/services/reports.py`` and ``stability.load_histories``), and keep
    them as the driver gives them."""
    posted_before = datetime.combine(as_of + ONE_DAY, clock_time(), tzinfo=settings.tz)
    closed_at = case(
        (col(Vacancy.status) == VacancyStatus.CLOSED, col(Vacancy.updated_at)),
        else_=None,
    )
    event, zero = EmploymentEvent, ZeroEmploymentCase
    statements: list[Any] = [
        select(
            col(Household.id),
            col(Household.origin_town),
            col(Household.site),
            col(Household.community),
        ),
        select(col(Person.id), col(Person.household_id), col(Person.birth_on)).where(
            col(Person.registered_on) <= as_of
        ),
        select(
            col(event.person_id),
            col(event.effective_on),
            col(event.employment_status),
            col(event.is_seeking_work),
        )
        .where(col(event.effective_on) <= as_of)
        .order_by(col(event.person_id), col(event.effective_on), col(event.id)),
        select(
            col(Person.household_id), col(Placement.channel), col(Placement.station_id)
        )
        .join(Person, col(Person.id) == col(Placement.person_id))
        .where(col(Placement.started_on).between(since, as_of)),
        select(
            col(zero.household_id),
            col(zero.opened_on),
            col(zero.deadline_on),
            col(zero.cleared_on),
        ).where(
            col(zero.opened_on) <= as_of,
            or_(col(zero.cleared_on).is_(None), col(zero.cleared_on) >= since),
        ),
        select(col(Station.id), col(Station.name)).order_by(col(Station.id)),
        select(
            col(Vacancy.id), col(Vacancy.openings), col(Vacancy.closes_on), closed_at
        ).where(col(Vacancy.created_at) < posted_before),
        *(
            select(col(Placement.vacancy_id), func.count())
            .where(col(Placement.started_on) <= until)
            .group_by(col(Placement.vacancy_id))
            for until in (as_of, since - ONE_DAY)
        ),
    ]
    return {"rows": sum(len(session.exec(s).all()) for s in statements)}


# Checks: a report that disagrees with the seeded history stops the run.


def check(figures: dict[str, Any], history: History, as_of: date, since: date) -> None:
    """Compare the report's district figures with what the history implies."""
    want = history.expected(as_of, since)
    district, vacancies = figures["district"], figures["vacancies"]
    zero = district["zero_employment"]
    assert 0 < district["labour_force"] <= want["registered"], district
    assert 0 < district["employed"] <= district["labour_force"], district
    assert 0 < district["stably_employed"] <= district["employed"], district
    assert district["placed"] == sum(district["placed_by_channel"].values())
    assert district["placed"] == want["placed"], (district["placed"], want)
    assert sum(district["placed_by_station"].values()) <= district["placed"]
    got = (zero["open"], zero["overdue"], zero["cleared"])
    assert got == (want["cases_open"], want["cases_overdue"], want["cases_cleared"])
    for groups in ("by_town", "by_site", "by_community"):
        for name in ("labour_force", "employed", "stably_employed", "placed"):
            total = sum(group[name] for group in figures[groups])
            assert total == district[name], (groups, name, total, district[name])
    assert vacancies["posted"] == want["posted"], (vacancies, want)
    assert vacancies["openings_filled"] == want["started"], (vacancies, want)
    assert vacancies["openings_filled_in_period"] == want["placed"], vacancies
    assert vacancies["openings_filled"] <= vacancies["openings_offered"]


# The run: seed each database, measure in child processes, print.


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", choices=("sqlite", "postgresql", "both"), default="both"
    )
    parser.add_argument("--households", type=int, default=4_915)
    parser.add_argument("--people", type=int, default=18_000)
    parser.add_argument("--vacancies", type=int, default=20_000)
    parser.add_argument("--placements", type=int, default=7_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--pg-admin-url", default=DEFAULT_PG_ADMIN_URL)
    parser.add_argument(
        "--json", action="store_true", help="also write the results to results/"
    )
    return parser.parse_args(argv)


def prepare(url: str, args: argparse.Namespace, on: date) -> History:
    """Migrate the database to the newest revision and seed the district."""
    started = time.perf_counter()
    harness.migrate(url)
    engine = create_db_engine(url)
    scale = Scale(args.households, args.people, args.vacancies, args.placements)
    try:
        history = seed_history(engine, scale, on=on, seed=args.seed)
    finally:
        engine.dispose()
    logger.info("migrated and seeded in %.1f s", time.perf_counter() - started)
    return history


def measure_period(
    kind: str, url: str, history: History, period: tuple[date, date], repeat: int
) -> list[dict[str, Any]]:
    """Time the reading alone and the report on one day, each in a fresh process."""
    as_of, since = period
    rows: list[dict[str, Any]] = []
    for measured in (READING, REPORT):
        logger.info("%s: %s on %s, %d runs", kind, measured, as_of, repeat)
        result = in_child(Job(url, as_of, since, measured, repeat))
        if measured == REPORT:
            check(result.pop("figures"), history, as_of, since)
            result["rows"] = rows[0]["rows"]
        rows.append(
            {"database": kind, "as_of": as_of, "since": since, "measured": measured}
            | result
        )
    return rows


def in_child(job: Job) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(run_job, job).result()


def markdown_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| database | as_of | period from | measured | rows read | median s | max s "
        "| over reading | RSS growth MB | Python peak MB |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    reading = 0.0
    for row in rows:
        if row["measured"] == READING:
            reading, over = row["median_s"], "–"
        else:
            over = f"+{row['median_s'] - reading:.3f} s"
        lines.append(
            f"| {row['database']} | {row['as_of']} | {row['since']} "
            f"| {row['measured']} | {row['rows']:,} | {row['median_s']:.3f} "
            f"| {row['max_s']:.3f} | {over} | {row['rss_growth_mb']:.1f} "
            f"| {row['python_peak_mb']:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(message)s")
    logger.setLevel(logging.INFO)
    started_at = datetime.now(UTC)
    on = today()
    periods = [(day, day.replace(day=1)) for day in (on, add_months(on, -6))]
    kinds = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    pg_version = (
        harness.postgresql_version(args.pg_admin_url) if "postgresql" in kinds else None
    )

    rows: list[dict[str, Any]] = []
    seeded: dict[str, dict[str, Any]] = {}
    for kind in kinds:
        with harness.fresh_database(kind, args.pg_admin_url) as url:
            started = time.perf_counter()
            history = prepare(url, args, on)
            seconds = {"seconds": round(time.perf_counter() - started, 1)}
            seeded[kind] = history.summary(on) | seconds
            for period in periods:
                rows.extend(measure_period(kind, url, history, period, args.repeat))

    machine = report.machine(pg_version)
    for kind, summary in seeded.items():
        print(f"\nseeded {kind} (migrations included): {summary}")
    print(f"machine: {machine}\n\n{markdown_table(rows)}")
    if args.json:
        record = {
            "started_at": started_at.isoformat(),
            "command": sys.argv,
            "settings": {k: v for k, v in vars(args).items() if k != "pg_admin_url"},
            "commit": report.commit(),
            "machine": machine,
            "seeded": seeded,
            "results": rows,
        }
        print(f"\nwrote {write_json(record, started_at)}")


def write_json(record: dict[str, Any], started_at: datetime) -> Path:
    """Write ``record`` under ``benchmarks/results/`` and return the file's path."""
    report.RESULTS_DIR.mkdir(exist_ok=True)
    path = report.RESULTS_DIR / f"report_scale-{started_at:%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(record, indent=2, default=str) + "\n")
    return path


def _exit_on_sigterm(signum: int, _frame: object) -> None:
    # Unwinds the context managers, so the scratch databases go.
    sys.exit(128 + signum)


if __name__ == "__main__":
    main()
