"""One vacancy's candidates through the API, at district scale.

    .venv/bin/python benchmarks/matcher_api.py --database sqlite --people 20000 \
        --vacancies 20000 --requests 300

A fresh database built by the migrations and bulk-seeded (``benchmarks/seed.py``),
the real server (``jobmatch serve``) in a subprocess, and one client asking in turn,
so each figure is the latency of a lone request. The first candidate request builds
the matcher and is reported apart; the rest ask for random open vacancies. In the
same server, ``GET /health`` (no registry table) and ``GET /vacancies/{id}`` (one row)
are the baselines. Prints a Markdown table.
"""

import argparse
import logging
import random
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Run as a script, only benchmarks/ would be on the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from alembic import command
from sqlalchemy import select

from app.cli import alembic_config
from app.db import create_db_engine
from app.models import Vacancy
from benchmarks import harness, report
from benchmarks.seed import seed

logger = logging.getLogger("benchmarks.matcher_api")

DEFAULT_PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", choices=("sqlite", "postgresql"), default="sqlite"
    )
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--vacancies", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--pg-admin-url", default=DEFAULT_PG_ADMIN_URL)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    database = (
        harness.sqlite_database()
        if args.database == "sqlite"
        else harness.postgresql_database(args.pg_admin_url)
    )
    with database as url, tempfile.TemporaryDirectory() as logs:
        admin_key = secrets.token_urlsafe(24)
        open_ids = _prepare(url, args.people, args.vacancies, admin_key)
        with harness.running_server(url, admin_key, Path(logs)) as server:
            rows = _measure(server.base_url, admin_key, open_ids, args)
            problems = server.log_problems()

    print(f"\n{args.people} people, {args.vacancies} vacancies, {args.database}\n")
    print("| request | median ms | p95 ms | p99 ms | requests |")
    print("|---|---:|---:|---:|---:|")
    for name, times in rows.items():
        print(f"| {name} | {_row(times)} |")
    machine = report.machine(None)
    print(f"\nmachine: {machine}")
    if problems:
        print("server log problems:", *problems[:5], sep="\n  ")


def _prepare(url: str, people: int, vacancies: int, admin_key: str) -> list[int]:
    started = time.perf_counter()
    command.upgrade(alembic_config(url), "head")
    engine = create_db_engine(url)
    try:
        seed(engine, people=people, vacancies=vacancies, admin_key=admin_key)
        with engine.connect() as connection:
            statement = select(Vacancy.id).where(Vacancy.status == "open")  # type: ignore[arg-type]
            ids = list(connection.execute(statement).scalars())
    finally:
        engine.dispose()
    logger.info("seeded in %.1f s", time.perf_counter() - started)
    return ids


def _measure(
    base_url: str, admin_key: str, open_ids: list[int], args: argparse.Namespace
) -> dict[str, list[float]]:
    rng = random.Random(7)
    headers = {"Authorization": f"Bearer {admin_key}"}
    rows: dict[str, list[float]] = {}
    with httpx.Client(base_url=base_url, headers=headers, timeout=120) as client:
        rows["first candidates request (builds the matcher)"] = [
            _timed(client, f"/api/v1/vacancies/{open_ids[0]}/candidates")
        ]
        picks = [rng.choice(open_ids) for _ in range(args.requests)]
        path = "/api/v1/vacancies/{}/candidates?limit=" + str(args.limit)
        rows[f"GET /vacancies/{{id}}/candidates?limit={args.limit}"] = [
            _timed(client, path.format(v)) for v in picks
        ]
        rows["GET /vacancies/{id} (baseline)"] = [
            _timed(client, f"/api/v1/vacancies/{v}") for v in picks
        ]
        rows["GET /health (baseline)"] = [
            _timed(client, "/health") for _ in range(args.requests)
        ]
    return rows


def _timed(client: httpx.Client, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    response.raise_for_status()
    return elapsed


def _row(times: list[float]) -> str:
    ordered = sorted(times)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(len(ordered) * share))]

    return (
        f"{statistics.median(ordered):.1f} | {at(0.95):.1f} | {at(0.99):.1f} | "
        f"{len(ordered)}"
    )


if __name__ == "__main__":
    main()
