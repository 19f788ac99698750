"""Reading an official occupation table in the column layout of the 2022 classification.

The layout is that of ``csco22.csv``: ``level, code, code_num, name, definition, tasks,
csco_code_num, alias``, UTF-8, one occupation or group per row, aliases separated by
commas. Rows are numbered as a spreadsheet shows them: the header is row 1.
"""

import csv
import io
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.models import Occupation
from matching.vocabulary import code_level, parent_code

logger = logging.getLogger(__name__)

COLUMNS = (
    "level",
    "code",
    "code_num",
    "name",
    "definition",
    "tasks",
    "csco_code_num",
    "alias",
)
CODE = re.compile(r"\d-\d{2}-\d{2}-\d{2}")
MAX_NAME = 100
# Problems listed in the error message; the error carries them all.
MAX_SHOWN = 10


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One bad value: its row (the header is row 1), its column and what is wrong."""

    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class TableError(ValueError):
    """Raised when an occupation table has a bad row; names every row and column."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        message = "; ".join(str(p) for p in problems[:MAX_SHOWN])
        if len(problems) > MAX_SHOWN:
            message += f"; and {len(problems) - MAX_SHOWN} more"
        super().__init__(message)


def parse_official_table(path: Path) -> list[Occupation]:
    """Read and check every row of an official occupation table.

    Returns unsaved ``Occupation`` rows marked official, one per code. A code may
    repeat only with the same name (the official file repeats a few); such rows are
    merged. Raises ``TableError`` naming the row and column of every bad value, and
    ``OSError`` when the file cannot be read.
    """
    # Undecodable bytes survive as lone surrogates, so the check can name their cell.
    text = path.read_bytes().decode("utf-8-sig", errors="surrogateescape")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    _check_header(reader.fieldnames)

    parsed: dict[str, Occupation] = {}
    problems: list[RowProblem] = []
    first_row_of: dict[str, tuple[int, str]] = {}
    number = 1
    try:
        for number, record in enumerate(reader, start=2):
            found = _row_problems(number, record, first_row_of)
            problems += found
            if not found:
                _add(parsed, _occupation(record), number, first_row_of)
    except csv.Error as exc:
        problems.append(RowProblem(number + 1, None, f"unreadable CSV ({exc})"))

    if not parsed and not problems:
        problems.append(RowProblem(2, None, "the table has no rows"))
    if problems:
        raise TableError(problems)
    return list(parsed.values())


def _add(
    parsed: dict[str, Occupation],
    occupation: Occupation,
    number: int,
    first_row_of: dict[str, tuple[int, str]],
) -> None:
    earlier = parsed.get(occupation.code)
    if earlier is None:
        parsed[occupation.code] = occupation
        return

    logger.warning(
        "row %d repeats code %s of row %d; the rows are merged",
        number,
        occupation.code,
        first_row_of[occupation.code][0],
    )
    # A minor group that is also an occupation may come as both levels: keep 4.
    earlier.level = max(earlier.level, occupation.level)
    earlier.definition = earlier.definition or occupation.definition
    earlier.aliases = list(dict.fromkeys([*earlier.aliases, *occupation.aliases]))


def _check_header(fieldnames: Sequence[str] | None) -> None:
    if not fieldnames:
        expected = ",".join(COLUMNS)
        raise TableError([RowProblem(1, None, f"no header; expected {expected}")])
    missing = [c for c in COLUMNS if c not in fieldnames]
    if missing:
        raise TableError([RowProblem(1, c, "missing column") for c in missing])


def _row_problems(
    number: int,
    record: Mapping[str | None, object],
    first_row_of: dict[str, tuple[int, str]],
) -> list[RowProblem]:
    """Name each bad value of one row; remember its code and name for repeats."""
    if record.get(None):
        return [RowProblem(number, None, "more values than the header has columns")]
    values = {c: record.get(c) for c in COLUMNS}
    missing = [c for c, v in values.items() if v is None]
    if missing:
        return [RowProblem(number, missing[0], "missing value: the row is short")]
    cells = {c: str(v).strip() for c, v in values.items()}
    garbled = [c for c, v in cells.items() if _undecodable(v)]
    if garbled:
        return [RowProblem(number, c, "is not UTF-8 text") for c in garbled]

    problems = [
        RowProblem(number, column, message)
        for column, message in (
            *_code_problems(cells),
            *_name_problems(cells),
            *_alias_problems(cells),
        )
    ]
    code, name = cells["code"], cells["name"]
    first, first_name = first_row_of.setdefault(code, (number, name))
    if first != number and name != first_name:
        message = f"{code} repeats row {first} under another name ({first_name})"
        problems.append(RowProblem(number, "code", message))
    return problems


def _code_problems(cells: dict[str, str]) -> list[tuple[str, str]]:
    level, code, code_num = cells["level"], cells["code"], cells["code_num"]
    problems = []
    if level not in {"1", "2", "3", "4"}:
        problems.append(("level", f"{level!r} is not 1, 2, 3 or 4"))
    if not CODE.fullmatch(code):
        return [*problems, ("code", f"{code!r} is not like 6-18-02-04")]
    if code_num and code_num != code.replace("-", ""):
        problems.append(("code_num", f"{code_num!r} does not match code {code}"))
    if not problems and int(level) not in _levels_of(code):
        expected = " or ".join(str(n) for n in sorted(_levels_of(code)))
        problems.append(("level", f"{level} does not match code {code} ({expected})"))
    return problems


def _levels_of(code: str) -> set[int]:
    # A minor group without occupations under it is itself an occupation (level 4).
    depth = code_level(code)
    return {3, 4} if depth == 3 else {depth}


def _name_problems(cells: dict[str, str]) -> list[tuple[str, str]]:
    name = cells["name"]
    if not name:
        return [("name", "is empty")]
    if len(name) > MAX_NAME:
        return [("name", f"is longer than {MAX_NAME} characters")]
    return []


def _alias_problems(cells: dict[str, str]) -> list[tuple[str, str]]:
    long = [a for a in _aliases(cells["alias"]) if len(a) > MAX_NAME]
    if long:
        return [("alias", f"{long[0][:20]!r}... is longer than {MAX_NAME} characters")]
    return []


def _aliases(cell: str) -> list[str]:
    return list(dict.fromkeys(a.strip() for a in cell.split(",") if a.strip()))


def _undecodable(value: str) -> bool:
    return any("\udc80" <= character <= "\udcff" for character in value)


def _occupation(record: Mapping[str | None, object]) -> Occupation:
    cells = {c: str(record[c]).strip() for c in COLUMNS}
    return Occupation(
        code=cells["code"],
        name=cells["name"],
        level=int(cells["level"]),
        parent_code=parent_code(cells["code"]),
        aliases=_aliases(cells["alias"]),
        definition=cells["definition"] or None,
        is_official=True,
    )
