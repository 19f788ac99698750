import json

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from app.cli import alembic_config
from app.db import metadata

FOUNDING = ["昆明", "广东", "上海", "浙江", "江苏"]


def _tables(url):
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _station_names(url):
    engine = create_engine(url)
    with engine.connect() as connection:
        names = connection.execute(text("SELECT name FROM station ORDER BY id"))
        result = list(names.scalars())
    engine.dispose()
    return result


def test_migrations_upgrade_downgrade_to_base_and_upgrade_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    config = alembic_config(url)
    config.attributes["configure_logger"] = False
    every_table = {table.name for table in metadata.sorted_tables} | {"alembic_version"}

    command.upgrade(config, "head")
    assert _tables(url) == every_table
    assert _station_names(url) == FOUNDING

    command.downgrade(config, "base")
    assert _tables(url) == {"alembic_version"}

    command.upgrade(config, "head")
    assert _tables(url) == every_table
    assert _station_names(url) == FOUNDING


def test_migrated_schema_matches_the_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)

    assert differences == []


OLD_ROWS = (
    "INSERT INTO employer (id, version, created_at, updated_at, name, credit_code) "
    "VALUES (1, 1, '2025-01-01', '2025-01-01', '东川测试', '91530113MA0000001X')",
    "INSERT INTO vacancy (version, created_at, updated_at, employer_id, channel, "
    "title, skills, certificates, region_code, openings, has_housing, has_meals, "
    "status) VALUES (1, '2025-01-01', '2025-01-01', 1, 'park', '电焊工', '[]', '[]', "
    "'530113', 1, false, false, 'open')",
)


def test_occupation_migration_gives_existing_rows_empty_derived_fields(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = alembic_config(url)
    config.attributes["configure_logger"] = False
    command.upgrade(config, "8bcb5d86da07")
    engine = create_engine(url)
    with engine.begin() as connection:
        for statement in OLD_ROWS:
            connection.execute(text(statement))

    command.upgrade(config, "head")

    with engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT is_occupation_resolved, occupation_score, canonical_skills "
                "FROM vacancy"
            )
        ).one()
    engine.dispose()
    assert (bool(row[0]), row[1], json.loads(row[2])) == (False, None, [])
