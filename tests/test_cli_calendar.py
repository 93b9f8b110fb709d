"""Working days on the command line (RULES.md §2): a year whose holiday schedule is not entered is
said loudly wherever it is counted, and cannot be "entered" as plain weekdays by mistake."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop import cli
from desktop.services import applications as svc
from desktop.services import calendar as cal_svc
from tests.district import District
from tests.test_applications import make_household


def url_of(district: District) -> str:
    return district.db.url.render_as_string(hide_password=False)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = cli.main(argv)
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "内部错误" not in err, err
    return int(code or 0), out, err


def test_days_left_counted_through_an_unknown_year_carry_the_warning(district: District,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The application is due in 2026 (a known year); counted from 1 March 2027 its working days
    overdue were given as a plain number, as if 2027 were known."""
    hid = make_household(district.db, district.regions["八泉社区"])
    svc.accept(district.db, district.admin, household_id=hid, category="dibao", accepted_on=date(2026, 11, 2))
    code, out, err = run(["deadlines", "--as-of", "2027-03-01", "--json", "--database-url", url_of(district)], capsys)
    assert code == 0 and err == ""
    [row] = json.loads(out)
    assert row["due_on"] < "2027-01-01" and row["overdue"] and row["working_days_left"] < 0
    assert "2027年的法定节假日安排尚未录入" in row["warning"]
    code, out, _ = run(["deadlines", "--as-of", "2027-03-01", "--database-url", url_of(district)], capsys)
    assert code == 0
    assert "*警告:2027年的法定节假日安排尚未录入" in out
    # within known years nothing is said
    code, out, _ = run(["deadlines", "--as-of", "2026-11-20", "--json", "--database-url", url_of(district)], capsys)
    assert json.loads(out)[0]["warning"] == ""


@pytest.mark.parametrize(("argv", "expected"), [
    (["calendar", "set-year", "2027"], "没有给出 2027 年的任何放假日期或调休上班日期"),
    (["calendar", "set-year", "2027", "--off", ""], "没有给出 2027 年的任何放假日期或调休上班日期"),
    (["calendar", "set-year", "2027", "--off", "2027-01-01", "--workday", "2027-01-06"],
     "调休上班日期应是周六或周日(平日本来就上班):2027-01-06(星期三)"),
])
def test_a_year_is_not_entered_as_plain_weekdays_by_mistake(argv: list[str], expected: str, district: District,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """``calendar set-year 2027`` with no days made 2027 a known year of plain weekdays: the warning
    went away although nothing had been entered."""
    code, out, err = run([*argv, "--database-url", url_of(district)], capsys)
    assert code == 1 and out == "" and err.startswith("错误:") and expected in err
    assert not cal_svc.year_info(district.db, district.admin, 2027).entered
    code, out, _ = run(["calendar", "show", "2027", "--database-url", url_of(district)], capsys)
    assert "未知" in out


def test_a_real_schedule_is_still_entered(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["calendar", "set-year", "2027", "--off", "2027-01-01", "2027-02-05..2027-02-13",
                        "--workday", "2027-02-20", "--database-url", url_of(district)], capsys)
    assert code == 0 and "放假 10 天,调休上班 1 天" in out
    assert cal_svc.year_info(district.db, district.admin, 2027).entered


def test_calendar_show_says_what_to_do_about_an_unknown_year(district: District,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown year was one line among the others (未知…), with no word of what it means or how to enter it."""
    code, out, _ = run(["calendar", "show", "2099", "--database-url", url_of(district)], capsys)
    assert code == 0
    assert "注意:2099年的法定节假日安排尚未录入" in out and "relief-desk calendar set-year" in out
    code, out, _ = run(["calendar", "show", "2026", "--database-url", url_of(district)], capsys)
    assert code == 0 and "注意" not in out


def test_calendar_show_lists_the_library_years_days(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    """A year the holiday library knows (RULES.md §2: 2026) listed no day at all: the days deadlines count with
    could not be checked from the command line."""
    code, out, _ = run(["calendar", "show", "2026", "--database-url", url_of(district)], capsys)
    assert code == 0
    assert out.splitlines()[0] == "2026 年:节假日库,放假 33 天、调休上班 6 天"
    assert "  2026-02-14\t上班" in out and "  2026-10-07\t放假" in out
    code, out, _ = run(["calendar", "show", "--database-url", url_of(district)], capsys)
    assert "2026 年:节假日库,放假 33 天、调休上班 6 天" in out


def test_calendar_show_names_consecutive_unknown_years_as_a_range(district: District, capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The deadlines warning names runs of unknown years as ranges (2027–2100年); ``calendar show`` still listed
    them one by one (2097、2098、2099、2100)."""
    listed = cal_svc.list_years
    monkeypatch.setattr(cal_svc, "list_years", lambda db, actor, around=None: listed(db, actor, around=2098))
    code, out, _ = run(["calendar", "show", "--database-url", url_of(district)], capsys)
    assert code == 0 and "注意:2097–2100年的法定节假日安排尚未录入" in out
    run(["calendar", "set-year", "2098", "--off", "2098-01-01", "--database-url", url_of(district)], capsys)
    code, out, _ = run(["calendar", "show", "--database-url", url_of(district)], capsys)
    assert code == 0 and "注意:2097、2099–2100年的法定节假日安排尚未录入" in out
