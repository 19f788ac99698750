import pytest

from app.cli import main
from app.services import referrals

CHRISTMAS = "2026-12-25T09:00:00+08:00"


@pytest.fixture
def configured(engine, database_url, monkeypatch, environment_settings):
    """Point the command at the test database."""
    monkeypatch.setenv("JOBMATCH_DATABASE_URL", database_url)


def _exit_code(argv):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    return exit_info.value.code


def test_run_due_prints_each_run_then_nothing_the_second_time(configured, capsys):
    main(["run-due", "--now", CHRISTMAS])
    first = capsys.readouterr().out

    main(["run-due", "--now", CHRISTMAS])
    second = capsys.readouterr().out

    assert first == (
        "refresh_households 2026-12-25T00:30:00+08:00 succeeded opened=0 cleared=0\n"
        "expire_referrals 2026-12-25T01:00:00+08:00 succeeded expired=0\n"
    )
    assert second == "nothing due\n"


def test_run_due_shows_due_times_in_office_time_whatever_offset_is_given(
    configured, capsys
):
    main(["run-due", "--now", "2026-12-25T01:00:00Z"])

    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in lines] == [
        ["refresh_households", "2026-12-25T00:30:00+08:00"],
        ["expire_referrals", "2026-12-25T01:00:00+08:00"],
    ]


def test_run_due_exits_1_when_a_job_failed(configured, capsys, monkeypatch):
    def breaks(session, *, now, days):
        raise RuntimeError("broken")

    monkeypatch.setattr(referrals, "expire_referrals", breaks)

    assert _exit_code(["run-due", "--now", CHRISTMAS]) == 1
    assert "failed RuntimeError" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("now", "message"),
    [
        ("2026-12-25T09:00:00", "has no time zone"),
        ("2026-12-25", "has no time zone"),
        ("Christmas morning", "is not an ISO 8601 date and time"),
        ("2026-13-25T09:00:00+08:00", "is not an ISO 8601 date and time"),
        ("0001-01-01T00:00:00+00:00", "is before 2000"),
    ],
)
def test_run_due_refuses_an_instant_without_time_zone_or_garbage(
    now, message, capsys, environment_settings
):
    assert _exit_code(["run-due", "--now", now]) == 2
    assert message in capsys.readouterr().err


def test_run_due_with_now_but_no_value_is_a_usage_error(capsys, environment_settings):
    assert _exit_code(["run-due", "--now"]) == 2
    assert "expected one argument" in capsys.readouterr().err
