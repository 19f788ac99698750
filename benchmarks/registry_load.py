"""Registry API under load, on SQLite and on PostgreSQL.

    make bench
    .venv/bin/python benchmarks/registry_load.py --database both --duration 15 --json

For each database: a fresh database built by the Alembic migrations, a registry
bulk-seeded with valid people, employers and vacancies, the real server
(``jobmatch serve``) in a subprocess, and for each endpoint a separate load-generator
process (see ``benchmarks/loadgen.py``). ``GET /health`` touches no registry table and
is measured in the same server as the baseline. Prints a Markdown table.
"""

import argparse
import json
import logging
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# `make bench` runs this file as a script, which puts only benchmarks/ on the path.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from app.db import create_db_engine
from benchmarks import harness, report
from benchmarks.loadgen import LoadSpec
from benchmarks.seed import Registry, seed

logger = logging.getLogger("benchmarks.registry_load")

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
# Scenario of benchmarks/loadgen.py and the endpoint it loads, baseline first.
ENDPOINTS = (
    ("health", "GET /health"),
    ("list_vacancies", "GET /api/v1/vacancies?limit=50"),
    ("create_person", "POST /api/v1/people"),
)
# Each scenario posts ID numbers from its own block of serials.
SERIALS_PER_SCENARIO = 1_000_000


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", choices=("sqlite", "postgresql", "both"), default="both"
    )
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--vacancies", type=int, default=5_000)
    bound = parser.add_mutually_exclusive_group()
    bound.add_argument(
        "--duration", type=float, help="seconds per endpoint (default 15)"
    )
    bound.add_argument("--requests", type=int, help="requests per endpoint")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds, unmeasured")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--endpoint",
        action="append",
        choices=[scenario for scenario, _ in ENDPOINTS],
        help="measure only this endpoint (repeatable; default: all three)",
    )
    parser.add_argument("--pg-admin-url", default=DEFAULT_PG_ADMIN_URL)
    parser.add_argument(
        "--json", action="store_true", help="also write the results to results/"
    )
    args = parser.parse_args(argv)
    if args.duration is None and args.requests is None:
        args.duration = 15.0
    return args


def prepare(url: str, args: argparse.Namespace, admin_key: str) -> Registry:
    """Migrate the database to the newest revision and seed the registry."""
    started = time.perf_counter()
    harness.migrate(url)

    engine = create_db_engine(url)
    try:
        registry = seed(
            engine, people=args.people, vacancies=args.vacancies, admin_key=admin_key
        )
    finally:
        engine.dispose()
    logger.info(
        "migrated and seeded %d people, %d vacancies in %.1f s",
        registry.people,
        registry.vacancies,
        time.perf_counter() - started,
    )
    return registry


def measure(spec: LoadSpec) -> dict[str, Any]:
    """Run one scenario in a new load-generator process and return its result."""
    budget_s = spec.duration_s or 600.0
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.loadgen"],
        input=json.dumps(asdict(spec)),
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=spec.warmup_s + budget_s + 120,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"load generator failed:\n{completed.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def run_database(kind: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    """Benchmark the endpoints against a fresh database of ``kind``."""
    admin_key = secrets.token_urlsafe(24)
    with (
        harness.fresh_database(kind, args.pg_admin_url) as url,
        tempfile.TemporaryDirectory(prefix="jobmatch-bench-logs-") as log_dir,
    ):
        registry = prepare(url, args, admin_key)
        with harness.running_server(url, admin_key, Path(log_dir)) as server:
            base = _base_spec(server, registry, args, admin_key)
            rows = []
            for index, (scenario, endpoint) in enumerate(ENDPOINTS):
                if args.endpoint and scenario not in args.endpoint:
                    continue
                logger.info("%s: %s for %s", kind, endpoint, _budget_text(args))
                first_serial = index * SERIALS_PER_SCENARIO
                spec = replace(base, scenario=scenario, serial_start=first_serial)
                rows.append({"database": kind, "endpoint": endpoint} | measure(spec))
        problems = server.log_problems()
    _report_server_log(kind, problems)
    return [row | {"server_log_problems": problems[:20]} for row in rows]


def _base_spec(
    server: harness.Server,
    registry: Registry,
    args: argparse.Namespace,
    admin_key: str,
) -> LoadSpec:
    """Return the load settings every endpoint shares; the scenario is set later."""
    return LoadSpec(
        base_url=server.base_url,
        api_key=admin_key,
        scenario="",
        concurrency=args.concurrency,
        warmup_s=args.warmup,
        duration_s=args.duration,
        requests=args.requests,
        vacancies=registry.vacancies,
        first_household_id=registry.first_household_id,
        last_household_id=registry.last_household_id,
        server_pid=server.pid,
    )


def _budget_text(args: argparse.Namespace) -> str:
    if args.requests is not None:
        return f"{args.requests} requests"
    return f"{args.duration:.0f} s"


def _report_server_log(kind: str, problems: list[str]) -> None:
    if problems:
        logger.warning("%s server logged %d problem lines:", kind, len(problems))
        for line in problems[:10]:
            logger.warning("  %s", line)


def _exit_on_sigterm(signum: int, _frame: object) -> None:
    # Unwinds the context managers, so the server stops and the databases go.
    sys.exit(128 + signum)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(message)s")
    logging.getLogger("benchmarks").setLevel(logging.INFO)
    started_at = datetime.now(UTC)
    kinds = ["sqlite", "postgresql"] if args.database == "both" else [args.database]
    # Asked first, so that a server that does not answer stops the run at once.
    pg_version = (
        harness.postgresql_version(args.pg_admin_url) if "postgresql" in kinds else None
    )

    rows = [row for kind in kinds for row in run_database(kind, args)]

    # The admin URL may carry a password; it stays out of what is printed and kept.
    settings = {
        k: v for k, v in vars(args).items() if k not in ("json", "pg_admin_url")
    }
    print_report(settings, rows)
    if args.json:
        record = {
            "started_at": started_at.isoformat(),
            "command": sys.argv,
            "settings": settings,
            "commit": report.commit(),
            "machine": report.machine(pg_version),
            "results": rows,
        }
        print(f"\nwrote {report.write_json(record, started_at)}")


def print_report(settings: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """Print the settings, the table, and notes on errors and a shared machine."""
    headline = ", ".join(f"{key}={value}" for key, value in settings.items() if value)
    print(f"\n{headline}\n\n{report.markdown_table(rows)}")
    if notes := report.error_notes(rows):
        print(f"\nErrors:\n{notes}")
    if notes := report.disturbance_notes(rows):
        print(f"\nShared machine, figures understated:\n{notes}")


if __name__ == "__main__":
    main()
