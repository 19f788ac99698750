"""The ``jobmatch`` command."""

import argparse
import logging
from pathlib import Path

from alembic import command
from alembic.config import Config

from app.config import get_settings

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port)


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and run one command."""
    parser = argparse.ArgumentParser(prog="jobmatch", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="serve the HTTP API")
    commands.add_parser("migrate", help="apply database migrations")
    args = parser.parse_args(argv)

    logging.basicConfig(
        level=get_settings().log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    {"serve": serve, "migrate": migrate}[args.command]()
