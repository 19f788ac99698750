"""The employment report on a date, and its Excel export, on a fixed district.

The district below is built row by row with dates in 2025, so every figure can be
worked out by hand; the comments beside the assertions do that.

Households (site / community, town of origin) and their people's histories:

H1 铜都安置区 / 幸福社区, 汤丹镇 (530113102)
   P1  born 1985, employed since 2024-01-10                      stably employed
   P2  born 1990, unemployed, hired 2025-03-01 (PL1, V1 park)    employed 4 months
   P3  born 1960, employed since 2024-01-10                      65: above working age
H2 铜都安置区 / 和谐社区, 因民镇 (530113103)
   P4  born 2008-09-01, studying                                 16, a student
   P5  born 1988, employed; unemployed 2025-05-21; placed 2025-06-25 (PL4, V6
       industry_base, station 昆明) ended 2025-06-28; employed again 2025-08-01,
       which is the current status on the person
   P10 born 1993, unemployed; hired 2025-06-20 (PL3, V1 park)
   case C1 opened 2025-05-21, deadline 2025-06-20, cleared 2025-06-20: 30 days
H3 碧谷安置区 / 碧谷社区, 汤丹镇
   P6  born 1992, employed since 2024-05-01; lost the job 2025-06-15
   case C2 opened 2025-06-15, deadline 2025-06-30, cleared 2025-07-20
H4 碧谷安置区 / 碧谷社区, 阿旺镇 (530113104)
   P8  born 1980, unemployed; hired 2025-06-10 (PL2, V2 station 广东)
   P9  born 1975, registered 2024-03-01 with no history: never counted
   case C3 opened 2024-03-01, deadline 2024-03-31, cleared 2025-06-10: 466 days
       (365 to 2025-03-01, then 31 + 30 + 31 + 9)
H5 铜都安置区 / 幸福社区, 阿旺镇
   P11 born 1970, registered 2025-04-01 unemployed
   P7  registered 2025-07-15; placed 2025-07-20 (PL5, V6)
   case C4 opened 2025-04-01, deadline 2025-05-01, open: overdue in June

On 30 June 2025 (period 1 to 30 June) the labour force is P1, P2, P5, P6, P8, P10,
P11 (7); P1, P2, P8, P10 are employed (4); only P1 is stably employed (P2 has 122
days of the 182 needed, P8 and P10 a few weeks).
"""

from datetime import UTC, date, datetime, time, timedelta
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from app.clock import today
from app.db import session_scope
from app.models import (
    Employer,
    EmploymentEvent,
    Household,
    Person,
    Placement,
    Station,
    Vacancy,
    ZeroEmploymentCase,
)
from tests.factories import (
    bearer,
    create_api_key,
    create_household,
    create_person,
    credit_code,
    id_number,
)
from tests.problems import assert_invalid, assert_problem

REPORT = "/api/v1/reports/employment"
WORKBOOK = "/api/v1/reports/employment.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

TONGDU, BIGU = "铜都安置区", "碧谷安置区"
TANGDAN, YINMIN, AWANG = "530113102", "530113103", "530113104"
NO_PLACEMENTS = {
    "industry_base": 0,
    "park": 0,
    "workshop": 0,
    "public_welfare": 0,
    "city_transfer": 0,
    "station": 0,
}
NO_STATIONS = {"昆明": 0, "广东": 0, "上海": 0, "浙江": 0, "江苏": 0}

# person: (household, born, registered, history of "effective_on status"); the
# unemployed among them seek work.
PEOPLE = {
    "P1": ("H1", "1985-04-12", "2024-01-10", ["2024-01-10 employed"]),
    "P2": ("H1", "1990-07-01", "2024-01-10", [
        "2024-01-10 unemployed",
        "2025-03-01 employed",
    ]),
    "P3": ("H1", "1960-03-01", "2024-01-10", ["2024-01-10 employed"]),
    "P4": ("H2", "2008-09-01", "2024-02-01", ["2024-02-01 studying"]),
    "P5": ("H2", "1988-02-02", "2024-02-01", [
        "2024-02-01 employed",
        "2025-05-21 unemployed",
        "2025-06-25 employed",
        "2025-06-28 unemployed",
        "2025-08-01 employed",
    ]),
    "P10": ("H2", "1993-11-11", "2024-02-01", [
        "2024-02-01 unemployed",
        "2025-06-20 employed",
    ]),
    "P6": ("H3", "1992-05-05", "2024-05-01", [
        "2024-05-01 employed",
        "2025-06-15 unemployed",
    ]),
    "P8": ("H4", "1980-08-08", "2024-03-01", [
        "2024-03-01 unemployed",
        "2025-06-10 employed",
    ]),
    "P9": ("H4", "1975-01-01", "2024-03-01", []),
    "P11": ("H5", "1970-10-10", "2025-04-01", ["2025-04-01 unemployed"]),
    "P7": ("H5", "1995-06-06", "2025-07-15", [
        "2025-07-15 unemployed",
        "2025-07-20 employed",
    ]),
}  # fmt: skip

HOUSEHOLDS = {
    "H1": (TONGDU, "幸福社区", TANGDAN),
    "H2": (TONGDU, "和谐社区", YINMIN),
    "H3": (BIGU, "碧谷社区", TANGDAN),
    "H4": (BIGU, "碧谷社区", AWANG),
    "H5": (TONGDU, "幸福社区", AWANG),
}


def _instant(text: str) -> datetime:
    """Read an aware instant; a bare day means 02:00 UTC, 10:00 in the office."""
    if "T" in text:
        return datetime.fromisoformat(text)
    return datetime.combine(date.fromisoformat(text), time(2), tzinfo=UTC)


# name: (channel, station, openings, created, closes_on, status, last changed)
VACANCIES = {
    "V1": ("park", None, 2, "2025-01-05", None, "filled", "2025-06-20"),
    "V2": ("station", "广东", 1, "2025-02-01", "2025-12-31", "filled", "2025-06-10"),
    # Past its closing day on 30 June.
    "V3": ("workshop", None, 3, "2025-03-01", "2025-05-31", "open", "2025-03-01"),
    # Closed on 20 June.
    "V5": ("city_transfer", None, 2, "2025-04-01", None, "closed", "2025-06-20"),
    "V6": ("industry_base", "昆明", 4, "2025-04-01", None, "open", "2025-07-20"),
    # Closed only in July: open on 30 June.
    "V8": ("park", None, 1, "2025-05-01", None, "closed", "2025-07-05"),
    # Closes on 30 June itself: still open that day.
    "V9": ("park", None, 2, "2025-05-01", "2025-06-30", "open", "2025-05-01"),
    # Posted after 30 June.
    "V4": ("public_welfare", None, 1, "2025-07-10", None, "open", "2025-07-10"),
    # 17:00 UTC on 30 June is 01:00 on 1 July in the office: posted after 30 June.
    "V7": ("park", None, 1, "2025-06-30T17:00Z", None, "open", "2025-06-30T17:00Z"),
}

# name: (person, vacancy, started_on, ended_on)
PLACEMENTS = {
    "PL1": ("P2", "V1", date(2025, 3, 1), None),
    "PL2": ("P8", "V2", date(2025, 6, 10), None),
    "PL3": ("P10", "V1", date(2025, 6, 20), None),
    "PL4": ("P5", "V6", date(2025, 6, 25), date(2025, 6, 28)),
    "PL5": ("P7", "V6", date(2025, 7, 20), None),
}

# household: (opened_on, deadline_on, cleared_on)
CASES = [
    ("H2", date(2025, 5, 21), date(2025, 6, 20), date(2025, 6, 20)),
    ("H3", date(2025, 6, 15), date(2025, 6, 30), date(2025, 7, 20)),
    ("H4", date(2024, 3, 1), date(2024, 3, 31), date(2025, 6, 10)),
    ("H5", date(2025, 4, 1), date(2025, 5, 1), None),
]


def _add(session: Session, record: Any) -> int:
    session.add(record)
    session.flush()
    return record.id


def _add_households(session: Session) -> dict[str, int]:
    return {
        key: _add(
            session,
            Household(
                household_no=f"DC-R-{key}",
                site=site,
                community=community,
                origin_town=town,
            ),
        )
        for key, (site, community, town) in HOUSEHOLDS.items()
    }


def _add_people(session: Session, households: dict[str, int]) -> dict[str, int]:
    ids = {}
    for key, (household, born, registered, history) in PEOPLE.items():
        events = [_event(entry) for entry in history]
        # The current status is the latest one, which the report must not read.
        status = events[-1].employment_status if events else "unemployed"
        ids[key] = _add(
            session,
            Person(
                household_id=households[household],
                name="测试",
                id_number=id_number(date.fromisoformat(born)),
                birth_on=date.fromisoformat(born),
                sex="male",
                registered_on=date.fromisoformat(registered),
                employment_status=status,
                is_seeking_work=status == "unemployed",
            ),
        )
        for event in events:
            event.person_id = ids[key]
            session.add(event)
    return ids


def _event(entry: str) -> EmploymentEvent:
    """Read "2025-06-10 employed"; the unemployed seek work."""
    day, status = entry.split()
    return EmploymentEvent(
        effective_on=date.fromisoformat(day),
        employment_status=status,
        is_seeking_work=status == "unemployed",
        source="update",
    )


def _add_vacancies(session: Session, employer_id: int) -> dict[str, int]:
    stations = {s.name: s.id for s in session.exec(select(Station))}
    ids = {}
    for key, row in VACANCIES.items():
        channel, station, openings, created, closes_on, status, changed = row
        ids[key] = _add(
            session,
            Vacancy(
                employer_id=employer_id,
                channel=channel,
                station_id=stations[station] if station else None,
                title=f"岗位 {key}",
                region_code="530113",
                openings=openings,
                # The current count, which the report must not read either.
                openings_filled=openings if status == "filled" else 0,
                closes_on=date.fromisoformat(closes_on) if closes_on else None,
                status=status,
                created_at=_instant(created),
                updated_at=_instant(changed),
            ),
        )
    return ids


def _add_placements(
    session: Session,
    employer_id: int,
    people: dict[str, int],
    vacancies: dict[str, int],
) -> None:
    for person, vacancy_key, started_on, ended_on in PLACEMENTS.values():
        vacancy = session.get(Vacancy, vacancies[vacancy_key])
        assert vacancy is not None
        session.add(
            Placement(
                person_id=people[person],
                vacancy_id=vacancy.id,
                employer_id=employer_id,
                channel=vacancy.channel,
                station_id=vacancy.station_id,
                started_on=started_on,
                ended_on=ended_on,
                monthly_wage=4000,
            )
        )


@pytest.fixture
def district(client, engine) -> None:
    """Build the district above; after ``client``, so start-up finds it empty."""
    with session_scope(engine, write=True) as session:
        households = _add_households(session)
        people = _add_people(session, households)
        employer_id = _add(
            session, Employer(name="东川报表测试有限公司", credit_code=credit_code())
        )
        vacancies = _add_vacancies(session, employer_id)
        _add_placements(session, employer_id, people, vacancies)
        for household, opened_on, deadline_on, cleared_on in CASES:
            session.add(
                ZeroEmploymentCase(
                    household_id=households[household],
                    opened_on=opened_on,
                    deadline_on=deadline_on,
                    cleared_on=cleared_on,
                )
            )


def _report(client, **params: str) -> dict[str, Any]:
    response = client.get(REPORT, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _keys(rows: list[dict[str, Any]], *fields: str) -> list[tuple[Any, ...]]:
    return [tuple(row[f] for f in fields) for row in rows]


def _people(row: dict[str, Any]) -> tuple[Any, ...]:
    fields = (
        "labour_force",
        "employed",
        "employment_rate",
        "stably_employed",
        "stable_employment_rate",
    )
    return tuple(row[f] for f in fields)


def _cases(row: dict[str, Any]) -> tuple[Any, ...]:
    cases = row["zero_employment"]
    return (
        cases["open"],
        cases["cleared"],
        cases["overdue"],
        cases["median_days_to_clear"],
    )


def test_district_figures_on_30_june(client, district):
    report = _report(client, as_of="2025-06-30")

    assert (report["as_of"], report["since"]) == ("2025-06-30", "2025-06-01")
    district = report["district"]
    # 4 of 7 in the labour force employed → 0.5714; 1 of 4 stably → 0.25.
    assert _people(district) == (7, 4, 0.5714, 1, 0.25)
    # PL2 (station, 广东), PL3 (park), PL4 (industry_base, 昆明) started in June;
    # PL1 (March) and PL5 (July) did not.
    assert district["placed"] == 3
    assert district["placed_by_channel"] == NO_PLACEMENTS | {
        "park": 1,
        "station": 1,
        "industry_base": 1,
    }
    assert district["placed_by_station"] == NO_STATIONS | {"广东": 1, "昆明": 1}
    # Open on 30 June: C2 (cleared only in July; its deadline is that day, so not
    # yet overdue) and C4, overdue since 1 May.
    # Cleared in June: C1 after 30 days, C3 after 466 → median 248.
    assert _cases(district) == (2, 2, 1, 248)


def test_by_town_on_30_june(client, district):
    towns = _report(client, as_of="2025-06-30")["by_town"]

    assert _keys(towns, "town_code", "town_name") == [
        (TANGDAN, "汤丹镇"),
        (YINMIN, "因民镇"),
        (AWANG, "阿旺镇"),
    ]
    # 汤丹 (H1, H3): P1, P2, P6; P1 and P2 employed → 0.6667, P1 stably → 0.5.
    # 因民 (H2): P5, P10; P10 employed → 0.5, not stably → 0.0.
    # 阿旺 (H4, H5): P8, P11; P8 employed → 0.5, not stably → 0.0.
    assert [_people(t) for t in towns] == [
        (3, 2, 0.6667, 1, 0.5),
        (2, 1, 0.5, 0, 0.0),
        (2, 1, 0.5, 0, 0.0),
    ]
    assert [t["placed"] for t in towns] == [0, 2, 1]
    assert towns[1]["placed_by_channel"] == NO_PLACEMENTS | {
        "park": 1,
        "industry_base": 1,
    }
    assert towns[1]["placed_by_station"] == NO_STATIONS | {"昆明": 1}
    assert towns[2]["placed_by_station"] == NO_STATIONS | {"广东": 1}
    # 汤丹: C2 open. 因民: C1 cleared in 30 days. 阿旺: C4 open and overdue,
    # C3 cleared in 466 days.
    assert [_cases(t) for t in towns] == [
        (1, 0, 0, None),
        (0, 1, 0, 30),
        (1, 1, 1, 466),
    ]


def test_by_site_and_community_on_30_june(client, district):
    report = _report(client, as_of="2025-06-30")
    sites, communities = report["by_site"], report["by_community"]

    assert _keys(sites, "site") == [(BIGU,), (TONGDU,)]
    # 碧谷 (H3, H4): P6, P8; P8 employed → 0.5; no one stably → 0.0.
    # 铜都 (H1, H2, H5): P1, P2, P5, P10, P11; 3 employed → 0.6, P1 stably → 0.3333.
    assert [_people(s) for s in sites] == [(2, 1, 0.5, 0, 0.0), (5, 3, 0.6, 1, 0.3333)]
    assert [s["placed"] for s in sites] == [1, 2]
    assert [_cases(s) for s in sites] == [(1, 1, 0, 466), (1, 1, 1, 30)]

    assert _keys(communities, "site", "community") == [
        (BIGU, "碧谷社区"),
        (TONGDU, "和谐社区"),
        (TONGDU, "幸福社区"),
    ]
    # 幸福 (H1, H5): P1, P2, P11; P1 and P2 employed → 0.6667, P1 stably → 0.5.
    assert [_people(c) for c in communities] == [
        (2, 1, 0.5, 0, 0.0),
        (2, 1, 0.5, 0, 0.0),
        (3, 2, 0.6667, 1, 0.5),
    ]
    assert [c["placed"] for c in communities] == [1, 2, 0]
    assert [_cases(c) for c in communities] == [
        (1, 1, 0, 466),
        (0, 1, 0, 30),
        (1, 0, 1, None),
    ]


def test_vacancies_on_30_june(client, district):
    vacancies = _report(client, as_of="2025-06-30")["vacancies"]

    # Posted by 30 June: V1, V2, V3, V5, V6, V8, V9, with 2+1+3+2+4+1+2 = 15
    # openings. Filled by then: V1 2 (PL1, PL3), V2 1 (PL2), V6 1 (PL4) = 4, so V1
    # and V2 are filled. Unfilled and open: V6, V8 (closed in July), V9 (closes
    # that day); V3 is past its closing day and V5 was closed on 20 June.
    # Filled in June: PL3, PL2, PL4 = 3.
    assert vacancies == {
        "posted": 7,
        "openings_offered": 15,
        "openings_filled": 4,
        "filled": 2,
        "unfilled": 3,
        "openings_filled_in_period": 3,
    }


def test_past_date_shows_the_status_before_a_later_change(client, district):
    report = _report(client, as_of="2025-06-10")

    # On 10 June P6 still worked (lost the job on 15 June) and had worked the whole
    # window, so is stably employed; P8 started that very day; P5 was out of work
    # and P10 not yet hired. Employed: P1, P2, P6, P8 of 7 → 0.5714; stably: P1,
    # P6 → 0.5.
    assert _people(report["district"]) == (7, 4, 0.5714, 2, 0.5)
    by_site = {s["site"]: s for s in report["by_site"]}
    # 碧谷: P6 and P8 both employed → 1.0; P6 stably → 0.5.
    assert _people(by_site[BIGU]) == (2, 2, 1.0, 1, 0.5)
    # 因民 (H2): P5 and P10 both out of work, so no stable employment rate.
    yinmin = next(t for t in report["by_town"] if t["town_code"] == YINMIN)
    assert _people(yinmin) == (2, 0, 0.0, 0, None)
    # Period 1 to 10 June: only PL2 started. C1 and C4 were open (C4 overdue);
    # C3 cleared on 10 June after 466 days; C2 was not yet opened.
    assert report["district"]["placed"] == 1
    assert _cases(report["district"]) == (2, 1, 1, 466)


def test_since_narrows_the_period(client, district):
    report = _report(client, as_of="2025-06-30", since="2025-06-15")
    district = report["district"]

    # PL3 (20 June) and PL4 (25 June); PL2 (10 June) is before the period.
    assert district["placed"] == 2
    assert district["placed_by_channel"] == NO_PLACEMENTS | {
        "park": 1,
        "industry_base": 1,
    }
    # Only C1 cleared in the period; C3 cleared on 10 June and is not counted.
    assert _cases(district) == (2, 1, 1, 30)
    # V1: 2 filled by 30 June, 1 by 14 June → 1; V2: 1 and 1 → 0; V6: 1 and 0 → 1.
    assert report["vacancies"]["openings_filled_in_period"] == 2
    # People are counted on as_of whatever the period.
    assert _people(district) == (7, 4, 0.5714, 1, 0.25)


def test_before_anyone_registered_the_report_is_empty(client, district):
    report = _report(client, as_of="2023-12-31")

    assert _people(report["district"]) == (0, 0, None, 0, None)
    assert report["district"]["placed_by_station"] == NO_STATIONS
    assert report["by_town"] == report["by_site"] == report["by_community"] == []
    assert report["vacancies"]["posted"] == 0


def test_as_of_defaults_to_today_and_since_to_its_month(client):
    report = _report(client)

    assert report["as_of"] == today().isoformat()
    assert report["since"] == today().replace(day=1).isoformat()


def test_future_as_of_is_refused(client):
    tomorrow = today() + timedelta(days=1)

    response = client.get(REPORT, params={"as_of": tomorrow.isoformat()})

    messages = assert_invalid(response, "as_of")
    assert "after today" in messages["as_of"]


def test_since_after_as_of_is_refused(client):
    response = client.get(REPORT, params={"as_of": "2025-06-30", "since": "2025-07-01"})

    messages = assert_invalid(response, "since")
    assert "after as_of" in messages["since"]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"as_of": "0001-01-01"}, "as_of"), ({"since": "0001-01-01"}, "since")],
)
def test_dates_before_2000_are_refused(client, params, field):
    messages = assert_invalid(client.get(REPORT, params=params), field)

    assert "2000-01-01" in messages[field]


@pytest.mark.parametrize("path", [REPORT, WORKBOOK])
def test_malformed_dates_are_named(client, path):
    response = client.get(path, params={"as_of": "2025-02-30", "since": "June"})

    assert_invalid(response, "as_of", "since")


def test_officer_may_read_reports(client):
    officer = create_api_key(client, "officer")["key"]

    assert client.get(REPORT, headers=bearer(officer)).status_code == 200


@pytest.mark.parametrize("path", [REPORT, WORKBOOK])
@pytest.mark.parametrize("role", ["grid_worker", "station_staff"])
def test_other_roles_may_not_read_reports(client, path, role):
    key = create_api_key(client, role)["key"]

    assert_problem(client.get(path, headers=bearer(key)), 403)


def _sheet_rows(sheet: Any) -> list[dict[str, Any]]:
    """Read a report sheet's data rows as {header: value}; the header is row 5."""
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_workbook_holds_the_same_figures(client, district):
    report = _report(client, as_of="2025-06-30")

    response = client.get(WORKBOOK, params={"as_of": "2025-06-30"})

    assert response.status_code == 200
    assert response.headers["content-type"] == XLSX
    assert (
        'filename="employment-2025-06-30.xlsx"'
        in (response.headers["content-disposition"])
    )
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == [
        "全区 district",
        "乡镇 by town",
        "安置点 by site",
        "社区 by community",
        "岗位 vacancies",
    ]
    for sheet in book.worksheets:
        assert sheet["B2"].value == datetime(2025, 6, 30)
        assert sheet["B3"].value == datetime(2025, 6, 1)

    (district,) = _sheet_rows(book["全区 district"])
    assert district["劳动力 labour force"] == 7
    assert district["就业人数 employed"] == 4
    assert district["就业率 employment rate"] == pytest.approx(0.5714)
    assert district["稳定就业率 stable employment rate"] == pytest.approx(0.25)
    assert district["渠道安置·园区 placed by channel: park"] == 1
    assert district["工作站安置·广东 placed by station: 广东"] == 1
    assert district["工作站安置·上海 placed by station: 上海"] == 0
    assert district["清零天数中位数 median days to clear"] == 248

    towns = _sheet_rows(book["乡镇 by town"])
    assert [
        (t["乡镇代码 town code"], t["乡镇 town"], t["劳动力 labour force"])
        for t in towns
    ] == [
        (t["town_code"], t["town_name"], t["labour_force"]) for t in report["by_town"]
    ]
    communities = _sheet_rows(book["社区 by community"])
    assert [
        (c["社区 community"], c["零就业户 zero-employment open"], c["逾期 overdue"])
        for c in communities
    ] == [
        (c["community"], c["zero_employment"]["open"], c["zero_employment"]["overdue"])
        for c in report["by_community"]
    ]
    (vacancies,) = _sheet_rows(book["岗位 vacancies"])
    assert list(vacancies.values()) == list(report["vacancies"].values())


def test_workbook_shows_rates_as_percentages_and_blanks_for_none(client, district):
    response = client.get(WORKBOOK, params={"as_of": "2025-06-10"})

    sheet = load_workbook(BytesIO(response.content))["乡镇 by town"]
    header = [cell.value for cell in sheet[5]]
    rate = header.index("稳定就业率 stable employment rate") + 1
    # Rows 6 to 8: 汤丹, 因民, 阿旺; 因民 had no one employed on 10 June.
    yinmin = sheet.cell(row=7, column=rate)
    assert sheet.cell(row=7, column=1).value == YINMIN
    assert yinmin.value is None
    assert sheet.cell(row=6, column=rate).number_format == "0.00%"
    assert sheet.cell(row=6, column=rate).value == pytest.approx(0.6667)


def _site_sheets(response: Any) -> tuple[Any, Any]:
    assert response.status_code == 200, response.text
    book = load_workbook(BytesIO(response.content))
    return book["安置点 by site"], book["社区 by community"]


def test_workbook_writes_names_as_text_never_as_formulas(client):
    site, community = "=1+1", '=HYPERLINK("http://example.com","x")'
    household = create_household(client, site=site, community=community)
    create_person(client, household["id"])

    by_site, by_community = _site_sheets(client.get(WORKBOOK))

    assert (by_site["A6"].value, by_site["A6"].data_type) == (site, "s")
    assert (by_community["A6"].value, by_community["A6"].data_type) == (site, "s")
    assert by_community["B6"].value == community
    assert by_community["B6"].data_type == "s"


def test_workbook_leaves_out_control_characters_of_stored_names(client, engine):
    # Stored before control characters were refused; the API takes none now.
    with session_scope(engine, write=True) as session:
        household_id = _add(
            session,
            Household(
                household_no="DC-R-BELL",
                site="铜都\x07安置区",
                community="幸福\x1b社区",
                origin_town=TANGDAN,
            ),
        )
        _add(
            session,
            Person(
                household_id=household_id,
                name="测试",
                id_number=id_number(date(1990, 5, 17)),
                birth_on=date(1990, 5, 17),
                sex="male",
                registered_on=today(),
                employment_status="unemployed",
                is_seeking_work=True,
            ),
        )

    by_site, by_community = _site_sheets(client.get(WORKBOOK))

    assert by_site["A6"].value == TONGDU
    assert (by_community["A6"].value, by_community["B6"].value) == (TONGDU, "幸福社区")
