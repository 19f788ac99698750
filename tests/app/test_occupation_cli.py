"""``jobmatch occupations import PATH`` from start to end."""

import os
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text

from app.cli import main
from tests.app.test_occupation_import import LUNAR_GUIDE, VALID, write_table

CLI = "from app.cli import main; main()"


def _count(url: str, where: str = "1 = 1") -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        result = connection.execute(
            text(f"SELECT count(*) FROM occupation WHERE {where}")
        )
        count = int(result.scalar_one())
    engine.dispose()
    return count


@pytest.fixture
def scratch_url(tmp_path, monkeypatch, environment_settings) -> str:
    """A freshly migrated SQLite database, named in the environment."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("JOBMATCH_DATABASE_URL", url)
    main(["migrate"])
    return url


def test_import_command_loads_the_table_and_says_what_it_did(
    scratch_url, tmp_path, capsys
):
    main(["occupations", "import", str(write_table(tmp_path, VALID))])

    summary = capsys.readouterr().out.strip()
    total = _count(scratch_url)
    assert summary.startswith(f"imported {len(VALID)} rows; {total} occupations")
    assert "re-resolved 0 vacancies" in summary
    assert _count(scratch_url, "is_official") == len(VALID)
    assert total > len(VALID)  # the curated codes came too


def test_import_command_refuses_a_bad_file_and_changes_nothing(
    scratch_url, tmp_path, capsys
):
    main(["occupations", "import", str(write_table(tmp_path, VALID))])
    before = _count(scratch_url)
    bad = write_table(tmp_path, [*VALID, "4,6-18-2-04,,焊工,,,,"])

    with pytest.raises(SystemExit) as exit_info:
        main(["occupations", "import", str(bad)])

    assert exit_info.value.code != 0
    assert f"row {len(VALID) + 2}, column code" in str(exit_info.value.code)
    assert _count(scratch_url) == before


def test_import_command_names_a_missing_file(scratch_url, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["occupations", "import", str(tmp_path / "nowhere.csv")])

    assert "nowhere.csv" in str(exit_info.value.code)


def test_import_command_needs_a_path(environment_settings):
    with pytest.raises(SystemExit) as exit_info:
        main(["occupations", "import"])

    assert exit_info.value.code == 2


def test_running_server_sees_an_import_by_another_process(
    client, database_url, tmp_path
):
    def resolve():
        params = {"title": "太空导游员"}
        return client.get("/api/v1/occupations/resolve", params=params).json()["code"]

    assert resolve() != LUNAR_GUIDE
    path = write_table(tmp_path, VALID)

    done = subprocess.run(
        [sys.executable, "-c", CLI, "occupations", "import", str(path)],
        env=os.environ | {"JOBMATCH_DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert resolve() == LUNAR_GUIDE
