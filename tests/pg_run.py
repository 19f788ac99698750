"""Run a command against a fresh PostgreSQL database, dropped afterwards.

    python -m tests.pg_run -- pytest -x

The server is named by ``PG_ADMIN_URL`` (default: the local server's ``test`` database);
the command sees the new database in ``JOBMATCH_TEST_DATABASE_URL``.
"""

import os
import secrets
import subprocess
import sys

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DEFAULT_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def main(argv: list[str]) -> int:
    command = argv[argv.index("--") + 1 :] if "--" in argv else argv
    admin_url = make_url(os.environ.get("PG_ADMIN_URL", DEFAULT_ADMIN_URL))
    name = f"jobmatch_test_{secrets.token_hex(4)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = admin_url.set(database=name).render_as_string(hide_password=False)
        env = os.environ | {"JOBMATCH_TEST_DATABASE_URL": url}
        print(f"PostgreSQL test database {name}", flush=True)
        return subprocess.call(command, env=env)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
