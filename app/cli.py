"""The ``jobmatch`` command."""

import argparse
import logging
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config

from app.config import get_settings

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# run-due refuses instants before this year, far outside any schedule.
EARLIEST_YEAR = 2000


def alembic_config(database_url: str) -> Config:
    """Return the Alembic configuration for the project's migrations."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def migrate() -> None:
    """Bring the database schema to the newest migration."""
    settings = get_settings()
    command.upgrade(alembic_config(settings.database_url), "head")
    logger.info("database migrated to the newest revision")


def serve() -> None:
    """Serve the API with uvicorn on the configured host and port."""
    import uvicorn

    from app.main import create_app

    settings = get_settings()
    # No access log: its query strings can hold ID numbers and names.
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level.lower(),
        access_log=False,
    )


def import_occupations(path: Path) -> None:
    """Load an official occupation table; a bad file changes nothing and exits 1."""
    from app.db import create_db_engine, session_scope
    from app.services.occupation_table import TableError, parse_official_table
    from app.services.occupations import import_official_table

    try:
        rows = parse_official_table(path)
    except OSError as exc:
        raise SystemExit(f"{path}: cannot read the file ({exc.strerror})") from None
    except TableError as exc:
        raise SystemExit(f"{path}: nothing imported; {exc}") from None

    settings = get_settings()
    engine = create_db_engine(
        settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms
    )
    try:
        with session_scope(engine, write=True) as session:
            summary = import_official_table(session, rows)
    finally:
        engine.dispose()
    print(summary)


def run_scheduler() -> None:
    """Run the scheduler process until SIGTERM or Ctrl-C."""
    import scheduler

    scheduler.run_scheduler(get_settings())


def run_due(now: datetime | None) -> None:
    """Run the jobs due up to ``now``, print one line per run; exit 1 if any failed."""
    import scheduler
    from app.clock import utcnow
    from app.db import create_db_engine

    settings = get_settings()
    engine = create_db_engine(
        settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms
    )
    try:
        results = scheduler.run_due(engine, settings, now or utcnow())
    finally:
        engine.dispose()

    for result in results:
        print(result.describe(settings.tz))
    if not results:
        print("nothing due")
    if any(result.is_failed for result in results):
        raise SystemExit(1)


def aware_datetime(text: str) -> datetime:
    """Parse an ISO 8601 date and time that names its offset from UTC."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO 8601 date and time, e.g. 2026-12-25T09:00:00+08:00"
        ) from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no time zone; add an offset such as +08:00 or Z"
        )
    if value.year < EARLIEST_YEAR:
        raise argparse.ArgumentTypeError(
            f"{text!r} is before {EARLIEST_YEAR}; nothing is scheduled that early"
        )
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jobmatch", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="serve the HTTP API").set_defaults(
        run=lambda _: serve()
    )
    commands.add_parser("migrate", help="apply database migrations").set_defaults(
        run=lambda _: migrate()
    )

    commands.add_parser(
        "scheduler", help="run scheduled jobs on their calendar until stopped"
    ).set_defaults(run=lambda _: run_scheduler())
    due = commands.add_parser(
        "run-due",
        help="run the scheduled jobs due up to an instant, then exit",
        description="Run each scheduled job whose latest occurrence up to NOW has "
        "not run yet, print one line per run and exit; 1 if any failed. Running it "
        "again with the same NOW does nothing.",
    )
    due.add_argument(
        "--now",
        type=aware_datetime,
        help="the instant, with its time zone (default: the current time)",
    )
    due.set_defaults(run=lambda args: run_due(args.now))

    occupations = commands.add_parser("occupations", help="the occupation table")
    actions = occupations.add_subparsers(dest="action", required=True)
    load = actions.add_parser(
        "import",
        help="load an official table in the layout of csco22.csv",
        description="Load an official occupation table (columns level, code, "
        "code_num, name, definition, tasks, csco_code_num, alias), keeping the "
        "curated aliases, and resolve every vacancy and person again.",
    )
    load.add_argument("path", type=Path, help="the CSV file, UTF-8")
    load.set_defaults(run=lambda args: import_occupations(args.path))
    return parser


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and run one command."""
    args = _parser().parse_args(argv)

    logging.basicConfig(
        level=get_settings().log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    args.run(args)
