"""Importing an official occupation table in the layout of csco22.csv."""

import csv
from pathlib import Path

import pytest
from sqlmodel import func, select

from app.db import session_scope
from app.models import Occupation
from app.services.occupation_table import TableError, parse_official_table
from app.services.occupations import import_official_table
from tests.factories import create_employer, create_household, create_person
from tests.factories import create_vacancy as post_vacancy

HEADER = "level,code,code_num,name,definition,tasks,csco_code_num,alias"
# A small table in the official layout. 月球导游 is made up, so that no curated
# table ever knows it.
VALID = [
    "1,2-00-00-00,2000000,专业技术人员,,,2000000,",
    "2,2-10-00-00,2100000,新闻出版、文化专业人员,,,2100000,",
    "4,2-10-05-00,2100500,翻译,从事口头和书面翻译的人员。,1.口译 2.笔译,2100500,"
    '"翻译,口译员,同声传译员"',
    '4,6-18-02-04,6180204,焊工,使用焊机焊接金属工件的人员。,,6180204,"焊工,熔焊技师"',
    "3,6-31-05-00,6310500,包装人员,,,6310500,",
    "4,6-31-05-01,6310501,包装工,,,6310501,包装工",
    '4,4-99-01-01,4990101,月球导游,带领游客游览月面的人员。,,4990101,"月球导游,太空导游员"',
]
INTERPRETER, LUNAR_GUIDE = "2-10-05-00", "4-99-01-01"


def write_table(directory: Path, rows: list[str], header: str = HEADER) -> Path:
    path = directory / "table.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _import(engine, path: Path):
    with session_scope(engine, write=True) as session:
        return import_official_table(session, parse_official_table(path))


def _table(engine) -> dict[str, Occupation]:
    with session_scope(engine) as session:
        return {o.code: o for o in session.exec(select(Occupation)).all()}


def _problems(path: Path) -> list[str]:
    with pytest.raises(TableError) as error:
        parse_official_table(path)
    return [str(p) for p in error.value.problems]


def test_valid_table_is_read_with_levels_parents_and_aliases(tmp_path):
    rows = {o.code: o for o in parse_official_table(write_table(tmp_path, VALID))}

    interpreter = rows[INTERPRETER]
    # A minor group that is itself an occupation keeps the table's level.
    assert (interpreter.level, interpreter.parent_code) == (4, "2-10-00-00")
    assert interpreter.aliases == ["翻译", "口译员", "同声传译员"]
    assert interpreter.definition == "从事口头和书面翻译的人员。"
    assert rows["6-31-05-00"].level == 3
    assert rows["2-00-00-00"].parent_code is None
    assert all(o.is_official for o in rows.values())


def test_import_adds_rows_and_keeps_the_curated_aliases(client, engine, tmp_path):
    summary = _import(engine, write_table(tmp_path, VALID))

    table = _table(engine)
    assert summary.rows == len(VALID)
    assert summary.occupations == len(table)
    welder = table["6-18-02-04"]
    assert (welder.is_official, welder.name) == (True, "焊工")
    assert welder.definition == "使用焊机焊接金属工件的人员。"
    assert welder.aliases[:2] == ["焊工", "熔焊技师"]
    assert "电焊工" in welder.aliases  # curated
    assert table[LUNAR_GUIDE].is_official
    assert not table["4-07-05-01"].is_official  # curated only, kept


def test_import_resolves_existing_vacancies_and_people_again(client, engine, tmp_path):
    employer = create_employer(client)
    guide = post_vacancy(client, employer["id"], title="太空导游员 月薪8000")
    explicit = post_vacancy(
        client, employer["id"], title="太空导游员", occupation_code="4-07-05-01"
    )
    person = create_person(
        client, create_household(client)["id"], desired_occupations=["月球导游"]
    )
    assert guide["occupation_code"] != LUNAR_GUIDE

    summary = _import(engine, write_table(tmp_path, VALID))

    def read(path):
        return client.get(f"/api/v1/{path}").json()

    assert read(f"vacancies/{guide['id']}")["occupation_code"] == LUNAR_GUIDE
    assert read(f"vacancies/{explicit['id']}")["occupation_code"] == "4-07-05-01"
    assert LUNAR_GUIDE in read(f"people/{person['id']}")["occupation_codes"]
    assert (summary.recount.vacancies, summary.recount.people) == (2, 1)
    assert summary.recount.vacancies_changed >= 1
    assert summary.recount.people_changed == 1


def test_running_server_sees_an_import_made_elsewhere(client, engine, tmp_path):
    def resolve():
        params = {"title": "太空导游员"}
        return client.get("/api/v1/occupations/resolve", params=params).json()

    assert resolve()["code"] != LUNAR_GUIDE

    _import(engine, write_table(tmp_path, VALID))

    assert resolve()["code"] == LUNAR_GUIDE


def test_importing_the_same_table_twice_changes_nothing(client, engine, tmp_path):
    path = write_table(tmp_path, VALID)
    _import(engine, path)
    first = {code: o.model_dump() for code, o in _table(engine).items()}

    summary = _import(engine, path)

    assert {code: o.model_dump() for code, o in _table(engine).items()} == first
    assert summary.recount.vacancies_changed == summary.recount.people_changed == 0


def test_repeated_code_with_the_same_name_is_merged(tmp_path):
    rows = [*VALID, "3,2-10-05-00,2100500,翻译,,,2100500,笔译员"]

    parsed = {o.code: o for o in parse_official_table(write_table(tmp_path, rows))}

    assert len(parsed) == len(VALID)
    interpreter = parsed[INTERPRETER]
    assert interpreter.aliases == ["翻译", "口译员", "同声传译员", "笔译员"]
    assert (interpreter.level, interpreter.definition) == (
        4,
        "从事口头和书面翻译的人员。",
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("4,6-18-2-04,,焊工,,,,", "column code: '6-18-2-04' is not like 6-18-02-04"),
        ("4,6180204,,焊工,,,,", "column code: '6180204' is not like"),
        ("3,6-18-02-05,,焊工,,,,", "column level: 3 does not match code 6-18-02-05"),
        ("2,6-18-02-00,,焊接人员,,,,", "column level: 2 does not match code"),
        ("five,6-18-02-05,,焊工,,,,", "column level: 'five' is not 1, 2, 3 or 4"),
        ("4,6-18-02-05,,  ,,,,", "column name: is empty"),
        ("4,6-18-02-05,6180299,焊工,,,,", "column code_num: '6180299' does not match"),
        ("4,6-18-02-04,,电焊工,,,,", "column code: 6-18-02-04 repeats row {welder}"),
        ("4,6-18-02-05,,焊工", "column definition: missing value"),
        ("4,6-18-02-05,,焊工,,,,,extra", "more values than the header"),
    ],
)
def test_bad_row_is_named_by_row_and_column(tmp_path, row, expected):
    welder = 2 + next(i for i, r in enumerate(VALID) if ",6-18-02-04," in r)

    problems = _problems(write_table(tmp_path, [*VALID, row]))

    bad_row = len(VALID) + 2
    separator = ", " if expected.startswith("column") else ": "
    assert problems == [problems[0]]
    assert problems[0].startswith(
        f"row {bad_row}{separator}" + expected.format(welder=welder)
    )


def test_every_bad_row_is_named(tmp_path):
    rows = ["4,6-18-2-04,,焊工,,,,", *VALID, "4,6-18-02-05,,,,,,"]

    problems = _problems(write_table(tmp_path, rows))

    assert [p.split(":")[0] for p in problems] == [
        "row 2, column code",
        f"row {len(rows) + 1}, column name",
    ]


def test_missing_column_is_named(tmp_path):
    header = HEADER.replace(",alias", "")

    problems = _problems(write_table(tmp_path, VALID, header))

    assert problems == ["row 1, column alias: missing column"]


def test_text_that_is_not_utf8_is_named(tmp_path):
    path = write_table(tmp_path, VALID)
    with path.open("ab") as f:
        f.write("4,6-18-02-05,,焊工,,,,\n".encode("gbk"))

    assert _problems(path) == [f"row {len(VALID) + 2}, column name: is not UTF-8 text"]


def test_table_without_rows_is_refused(tmp_path):
    assert _problems(write_table(tmp_path, [])) == ["row 2: the table has no rows"]


def test_utf8_with_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_text("\n".join([HEADER, *VALID]), encoding="utf-8-sig")

    assert len(parse_official_table(path)) == len(VALID)


OFFICIAL = Path(__file__).resolve().parents[2] / "../shared/data/occupations/csco22.csv"


@pytest.mark.skipif(not OFFICIAL.exists(), reason="no official table at hand")
def test_official_table_imports_whole(client, engine):
    with OFFICIAL.open(encoding="utf-8") as f:
        read = sum(1 for _ in csv.DictReader(f))
    vacancy = post_vacancy(client, create_employer(client)["id"], title="英语翻译")

    summary = _import(engine, OFFICIAL)

    # Four codes come twice in the official file, each time under the same name.
    assert read == 2051
    assert summary.rows == 2047
    with session_scope(engine) as session:
        official = select(func.count()).where(Occupation.is_official)
        assert session.exec(official).one() == 2047
    vacancy = client.get(f"/api/v1/vacancies/{vacancy['id']}").json()
    assert vacancy["occupation_code"] == INTERPRETER
