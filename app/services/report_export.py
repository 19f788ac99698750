"""The employment report as an Excel workbook, for offices that file it on paper.

One sheet per grouping (district, town, site, community) and one for the vacancies.
Each sheet starts with the report's title, ``as_of`` and ``since``, then a header row
in Chinese and English, then one row per group. Channels and stations get a column
each; rates are stored as fractions and shown as percentages.

Names come from the registry as typed. Every text cell is written as a string, so a
site named ``=1+1`` stays text rather than becoming a formula.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.models.enums import Channel
from app.schemas.reports import EmploymentReport, GroupFigures

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rows above the header: title, as_of, since, and a blank line.
HEADER_ROW = 5
PERCENT = "0.00%"
DATE = "yyyy-mm-dd"

CHANNEL_NAMES = {
    Channel.INDUSTRY_BASE: "产业基地",
    Channel.PARK: "园区",
    Channel.WORKSHOP: "帮扶车间",
    Channel.PUBLIC_WELFARE: "公益性岗位",
    Channel.CITY_TRANSFER: "省会转移就业",
    Channel.STATION: "劳务工作站",
}


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a sheet: its header and how to read its cell from a row."""

    header: str
    value: Callable[[Any], Any]
    number_format: str | None = None
    width: int = 14


def workbook_filename(report: EmploymentReport) -> str:
    return f"employment-{report.as_of.isoformat()}.xlsx"


def render_workbook(report: EmploymentReport) -> bytes:
    """Write the report as an ``.xlsx`` workbook and return its bytes."""
    workbook = Workbook()
    figures = _figure_columns(report)
    community = Column("社区 community", lambda r: r.community, width=18)
    sheets: list[tuple[str, list[Column], Sequence[Any]]] = [
        ("全区 district", figures, [report.district]),
        ("乡镇 by town", [*_town_columns(), *figures], report.by_town),
        ("安置点 by site", [_site_column(), *figures], report.by_site),
        (
            "社区 by community",
            [_site_column(), community, *figures],
            report.by_community,
        ),
        ("岗位 vacancies", _vacancy_columns(), [report.vacancies]),
    ]
    workbook.remove(workbook.active)
    for title, columns, rows in sheets:
        _write_sheet(workbook.create_sheet(title), report, columns, rows)

    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(
    sheet: Worksheet,
    report: EmploymentReport,
    columns: list[Column],
    rows: Sequence[Any],
) -> None:
    """Write the heading lines, the header row and one row per item."""
    _put(sheet, 1, 1, "就业统计报表 Employment report").font = Font(bold=True, size=14)
    _dated(sheet, 2, "统计日 as of", report.as_of)
    _dated(sheet, 3, "期间起 since", report.since)

    for index, column in enumerate(columns, start=1):
        cell = _put(sheet, HEADER_ROW, index, column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for row_index, row in enumerate(rows, start=HEADER_ROW + 1):
        for index, column in enumerate(columns, start=1):
            cell = _put(sheet, row_index, index, column.value(row))
            if column.number_format:
                cell.number_format = column.number_format
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write ``value`` to a cell; text always as a string, never as a formula."""
    if not isinstance(value, str):
        return sheet.cell(row=row, column=column, value=value)
    # Names stored before control characters were refused may still hold some,
    # which openpyxl refuses to write.
    cell = sheet.cell(
        row=row, column=column, value=ILLEGAL_CHARACTERS_RE.sub("", value)
    )
    cell.data_type = "s"
    return cell


def _dated(sheet: Worksheet, row: int, label: str, value: date) -> None:
    _put(sheet, row, 1, label)
    _put(sheet, row, 2, value).number_format = DATE


def _town_columns() -> list[Column]:
    return [
        Column("乡镇代码 town code", lambda r: r.town_code),
        Column("乡镇 town", lambda r: r.town_name, width=16),
    ]


def _site_column() -> Column:
    return Column("安置点 site", lambda r: r.site, width=18)


def _figure_columns(report: EmploymentReport) -> list[Column]:
    """Columns of a group's figures, one per channel and per station."""
    by_channel = [
        Column(
            f"渠道安置·{CHANNEL_NAMES[c]} placed by channel: {c.value}",
            _channel_reader(c.value),
        )
        for c in Channel
    ]
    by_station = [
        Column(f"工作站安置·{name} placed by station: {name}", _station_reader(name))
        for name in report.district.placed_by_station
    ]
    return [
        Column("劳动力 labour force", lambda r: r.labour_force),
        Column("就业人数 employed", lambda r: r.employed),
        Column("就业率 employment rate", lambda r: r.employment_rate, PERCENT),
        Column("稳定就业人数 stably employed", lambda r: r.stably_employed),
        Column(
            "稳定就业率 stable employment rate",
            lambda r: r.stable_employment_rate,
            PERCENT,
        ),
        Column("期间安置 placed", lambda r: r.placed),
        *by_channel,
        *by_station,
        *_zero_employment_columns(),
    ]


def _channel_reader(channel: str) -> Callable[[GroupFigures], int]:
    return lambda r: r.placed_by_channel[channel]


def _station_reader(name: str) -> Callable[[GroupFigures], int]:
    return lambda r: r.placed_by_station[name]


def _zero_employment_columns() -> list[Column]:
    return [
        Column("零就业户 zero-employment open", lambda r: r.zero_employment.open),
        Column("期间清零 cleared", lambda r: r.zero_employment.cleared),
        Column("逾期 overdue", lambda r: r.zero_employment.overdue),
        Column(
            "清零天数中位数 median days to clear",
            lambda r: r.zero_employment.median_days_to_clear,
        ),
    ]


def _vacancy_columns() -> list[Column]:
    return [
        Column("发布岗位 posted", lambda r: r.posted),
        Column("岗位数 openings offered", lambda r: r.openings_offered),
        Column("已补岗位数 openings filled", lambda r: r.openings_filled),
        Column("已招满岗位 filled", lambda r: r.filled),
        Column("未招满岗位 unfilled", lambda r: r.unfilled),
        Column(
            "期间补岗数 openings filled in period",
            lambda r: r.openings_filled_in_period,
        ),
    ]
