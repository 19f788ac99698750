import pytest
from sqlalchemy import create_engine, inspect, text

from app.cli import main


def test_migrate_command_builds_the_schema_of_a_fresh_database(
    tmp_path, monkeypatch, environment_settings
):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("JOBMATCH_DATABASE_URL", url)

    main(["migrate"])

    engine = create_engine(url)
    tables = set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        stations = connection.execute(text("SELECT count(*) FROM station")).scalar()
    engine.dispose()
    assert {"alembic_version", "household", "person", "vacancy", "api_key"} <= tables
    assert stations == 5


def test_migrate_command_run_twice_changes_nothing(
    tmp_path, monkeypatch, environment_settings
):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("JOBMATCH_DATABASE_URL", url)
    main(["migrate"])

    main(["migrate"])

    engine = create_engine(url)
    with engine.connect() as connection:
        stations = connection.execute(text("SELECT count(*) FROM station")).scalar()
    engine.dispose()
    assert stations == 5


def test_unknown_command_exits_with_usage_error(environment_settings):
    with pytest.raises(SystemExit) as exit_info:
        main(["dance"])

    assert exit_info.value.code == 2
