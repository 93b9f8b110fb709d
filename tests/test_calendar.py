"""The calendar kept in the database, and the deadlines / calendar commands."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop import cli
from desktop.rules.workdays import WorkCalendar
from desktop.services import applications as svc
from desktop.services import calendar as cal_svc
from desktop.services.calendar import IndexedCalendar, load_calendar
from tests.district import District
from tests.test_applications import make_household


def url_of(district: District) -> str:
    return district.db.url.render_as_string(hide_password=False)


def test_library_years_and_entered_years(district: District) -> None:
    db, admin = district.db, district.admin
    info = cal_svc.year_info(db, admin, 2026)
    assert info.in_library and not info.entered and info.source == "节假日库"
    assert cal_svc.year_info(db, admin, 2027).source.startswith("未知")
    cal = load_calendar(db)
    assert not cal.knows(2027)
    cal_svc.set_year(db, admin, 2027, days_off=[date(2027, 1, 1), date(2027, 2, 8)], workdays=[date(2027, 2, 6)])
    cal = load_calendar(db)
    assert cal.knows(2027) and not cal.is_workday(date(2027, 2, 8)) and cal.is_workday(date(2027, 2, 6))
    # entering again replaces the year's entries
    cal_svc.set_year(db, admin, 2027, days_off=[date(2027, 1, 1)], workdays=[])
    assert load_calendar(db).is_workday(date(2027, 2, 8))
    assert [y.year for y in cal_svc.list_years(db, admin, around=2026)][:4] == [2025, 2026, 2027, 2028]
    with pytest.raises(Exception, match="同时"):
        cal_svc.set_year(db, admin, 2028, days_off=[date(2028, 1, 3)], workdays=[date(2028, 1, 3)])


def test_deadlines_command_output_and_warning(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    db, admin = district.db, district.admin
    a = svc.accept(db, admin, household_id=make_household(db, district.regions["八泉社区"], "张三"), category="dibao",
                   accepted_on=date(2026, 2, 10))
    b = svc.accept(db, admin, household_id=make_household(db, district.regions["闸口社区"], "李四"), category="dibao",
                   accepted_on=date(2026, 12, 20), today=date(2026, 12, 21))
    url = url_of(district)
    assert cli.main(["deadlines", "--database-url", url, "--as-of", "2026-12-21"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "截至 2026-12-21,办理中申请 2 件:"
    row_a = next(line for line in lines if line.startswith(f"{a}\t"))
    late = load_calendar(db).working_days_between(date(2026, 2, 13), date(2026, 12, 21))
    assert late > 0
    # overdue read as a minus sign (剩余 -210), a typing error to the eye; the applications page's words
    assert row_a.split("\t")[1:] == ["张三", "八泉社区", "低保", "常规程序", "授权核对", "2026-02-13", "2026-03-30",
                                     f"已逾期 {late} 个工作日", "已逾期"]
    row_b = next(line for line in lines if line.startswith(f"{b}\t"))
    assert row_b.endswith("期限为估算*")
    assert "*警告:2027年的法定节假日安排尚未录入" in out and f"涉及申请 {b}" in out
    assert cli.main(["deadlines", "--database-url", url, "--as-of", "2026-12-21", "--overdue", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in data] == [a] and data[0]["overdue"] and data[0]["next_step"] == "check"
    assert data[0]["working_days_left"] == -late  # the JSON keeps its number
    # the administrator enters 2027 from the command line; the warning goes
    assert cli.main(["calendar", "set-year", "2027", "--database-url", url, "--off", "2027-01-01",
                     "2027-02-06..2027-02-14", "--workday", "2027-02-20", "--note", "国办发明电"]) == 0
    assert "放假 10 天,调休上班 1 天" in capsys.readouterr().out
    assert cli.main(["deadlines", "--database-url", url, "--as-of", "2026-12-21", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(d["warning"] == "" for d in data)
    assert cli.main(["calendar", "show", "2027", "--database-url", url]) == 0
    shown = capsys.readouterr().out
    assert "2027 年:管理员录入(国办发明电)" in shown and "2027-02-20\t上班" in shown
    assert cli.main(["calendar", "set-year", "2027", "--database-url", url, "--off", "2027-99-01"]) == 1
    assert "格式不正确" in capsys.readouterr().err


@given(st.dates(date(2024, 1, 1), date(2028, 12, 31)), st.integers(0, 60), st.dates(date(2024, 1, 1), date(2028, 12, 31)),
       st.booleans())
@settings(max_examples=300, deadline=None)
def test_indexed_calendar_gives_the_same_answers(start: date, days: int, end: date, enter_2027: bool) -> None:
    entries = {date(2027, 2, 8): False, date(2027, 2, 6): True, date(2026, 3, 3): False}
    years = frozenset({2027}) if enter_2027 else frozenset()
    plain, indexed = WorkCalendar(entries, years), IndexedCalendar(entries, years)
    assert indexed.add_working_days(start, days) == plain.add_working_days(start, days)
    assert indexed.working_days_between(start, end) == plain.working_days_between(start, end)


def test_assistance_month_command(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    db, admin = district.db, district.admin
    app_id = svc.accept(db, admin, household_id=make_household(db, district.regions["八泉社区"]), category="temporary",
                        temporary_kind="emergency", accepted_on=date(2026, 5, 6))
    svc.decide(db, admin, app_id, approve=True, on=date(2026, 5, 6), amount="300", today=date(2026, 5, 6))
    url = url_of(district)
    assert cli.main(["assistance-month", "2026-06", "--dry-run", "--database-url", url]) == 0
    assert "待登记 1 户,合计 300.00 元。(试运行,未写入)" in capsys.readouterr().out
    assert svc.get_detail(db, admin, app_id).months_paid == 0
    assert cli.main(["assistance-month", "2026-06", "--database-url", url]) == 0
    assert "已写入 2026年06月 救助发放记录 1 户;本月共登记 1 户,合计 300.00 元。" in capsys.readouterr().out
    assert cli.main(["assistance-month", "2026-06", "--database-url", url]) == 0
    assert "记录 0 户" in capsys.readouterr().out
    assert svc.get_detail(db, admin, app_id).months_paid == 1
    # a month that has not begun is refused with a plain message
    ahead = date.today().replace(day=1) + timedelta(days=31)
    assert cli.main(["assistance-month", f"{ahead:%Y-%m}", "--database-url", url]) == 1
    assert "还没有到" in capsys.readouterr().err


def test_holiday_lines_accept_chinese_separators() -> None:
    """Dates typed in the calendar settings may be separated by full-width commas or 、 as well."""
    assert cal_svc.parse_days("2027-01-01，2027-01-02、2027-01-03, 2027-02-06..2027-02-07", 2027, "放假日期") == [
        date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3), date(2027, 2, 6), date(2027, 2, 7)]


def test_days_of_the_year_may_be_typed_without_it() -> None:
    """cal9: the settings tab and the command line read the days with one parser; a day may leave out the
    year being entered (10-01..10-07), and full-width digits or a range written 至 / ～ read the same."""
    assert cal_svc.parse_days("10-01..10-03\n２０２７－１０－０５至10-06；10-08～2027-10-09", 2027, "放假日期") == [
        date(2027, 10, d) for d in (1, 2, 3, 5, 6, 8, 9)]
    assert cal_svc.parse_days("2-6..2-7 2027-1-4", 2027, "调休上班日期") == [date(2027, 2, 6), date(2027, 2, 7),
                                                                           date(2027, 1, 4)]
    assert cal_svc.parse_days(" \n", 2027, "放假日期") == []


@pytest.mark.parametrize(("text", "message"), [
    ("2027-02-30", "放假日期“2027-02-30”不存在:2027 年 2 月只有 28 天。"),
    ("10-01..10-32", "放假日期“10-01..10-32”中的“10-32”不存在:2027 年 10 月只有 31 天。"),
    ("2027-13-01", "放假日期“2027-13-01”格式不正确:月份应为 01–12。"),
    ("2027-10-01\n2026-12-31..2027-01-02", "放假日期第 2 行“2026-12-31..2027-01-02”中的“2026-12-31”不在 2027 年内:"
                                           "这里录入的是 2027 年的安排。"),
    ("2027-01-01\n\n10-07..10-01", "放假日期第 3 行的日期范围“10-07..10-01”结束早于开始,应写成 10-01..10-07。"),
    *((bad, f"放假日期“{bad}”格式不正确:日期写成 YYYY-MM-DD 或 MM-DD(如 2027-10-01 或 10-01),"
            "连续的日期写成 2027-10-01..2027-10-07 或 10-01..10-07(也可照抄通知的写法,如 10月1日至7日)。")
      for bad in ("2027/10/01", "20271001", "10-01..", "10-01..10-03..10-05", "国庆")),
])
def test_a_wrong_day_is_refused_naming_the_entry(text: str, message: str) -> None:
    from desktop.services.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as raised:
        cal_svc.parse_days(text, 2027, "放假日期")
    assert raised.value.message == message


def test_assistance_month_command_ends_gradual_exits_that_are_over(district: District,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_applications import approved_dibao, household, set_gradual_exit_months

    db, admin = district.db, district.admin
    set_gradual_exit_months(district, 2)
    hid, app_id = approved_dibao(district, "李四")
    svc.stop_assistance(db, admin, app_id, on=date(2026, 7, 20), reason="户主就业", gradual=True,
                        today=date(2026, 7, 20))
    assert household(db, hid).stage == "assisted"
    assert cli.main(["assistance-month", "2026-09", "--database-url", url_of(district)]) == 0
    out = capsys.readouterr().out
    assert "就业渐退期已满 1 户" in out and "救助发放记录 1 户" in out  # September is the period's last month
    assert household(db, hid).stage == "class_1"


def test_clearing_a_year_never_entered_says_so(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    url = url_of(district)
    assert cli.main(["calendar", "clear-year", "2031", "--database-url", url]) == 1
    assert "2031 年没有管理员录入的节假日安排" in capsys.readouterr().err
    assert cli.main(["calendar", "set-year", "2031", "--off", "2031-10-01..2031-10-07", "--database-url", url]) == 0
    capsys.readouterr()
    assert cli.main(["calendar", "clear-year", "2031", "--database-url", url]) == 0
    assert "已删除 2031 年" in capsys.readouterr().out


def test_post_checks_command_lists_what_is_due(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    """relief-desk post-checks: the checks after approval still to do, earliest first (the yearly review too)."""
    import json

    from tests.test_applications import approved_dibao

    _hid, app_id = approved_dibao(district, "郑一")  # decided 2026-03-10: yearly review due 2027-03-10
    url = url_of(district)
    assert cli.main(["post-checks", "--as-of", "2027-03-01", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "待做的审批后核查 1 项" in out and f"\t{app_id}\t" in out and "定期复核\t2027-03-10\t还有 9 天" in out
    assert cli.main(["post-checks", "--as-of", "2027-03-01", "--overdue", "--database-url", url]) == 0
    assert "没有已过期限的审批后核查" in capsys.readouterr().out
    assert cli.main(["post-checks", "--as-of", "2027-03-01", "--within", "5", "--database-url", url]) == 0
    assert "没有5 天内到期的审批后核查" in capsys.readouterr().out
    assert cli.main(["post-checks", "--as-of", "2027-03-15", "--overdue", "--json", "--database-url", url]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["application_id"], r["kind"], r["due_on"], r["overdue"], r["days_left"]) for r in rows] == [
        (app_id, "periodic", "2027-03-10", True, -5)]


def test_post_checks_command_says_when_it_cuts(district: District, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The text lists the earliest LIST_LIMIT checks and says there are more (it cut silently); --json
    gives every one."""
    import json

    from desktop.services import applications as svc
    from tests.test_applications import approved_dibao

    approved_dibao(district, "郑一")  # each has its yearly review to do: two checks
    approved_dibao(district, "郑二")
    url = url_of(district)
    monkeypatch.setattr(svc, "LIST_LIMIT", 1)
    assert cli.main(["post-checks", "--as-of", "2027-03-01", "--database-url", url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "仅列出最早到期的 1 项,共 2 项;用 --json 查看全部" and len(lines) == 4
    assert cli.main(["post-checks", "--as-of", "2027-03-01", "--json", "--database-url", url]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    monkeypatch.setattr(svc, "LIST_LIMIT", 5)
    assert cli.main(["post-checks", "--as-of", "2027-03-01", "--database-url", url]) == 0
    assert "仅列出" not in capsys.readouterr().out


def test_household_timeline_marks_an_estimated_procedure_deadline(district: District) -> None:
    """Found in the cal8 pass: the household window's application line said "办理时限 2027-01-…" with no
    word that 2027's holidays are unknown, where the applications list marks the same date an estimate."""
    from desktop.services import households

    db, admin = district.db, district.admin
    hid = make_household(db, district.regions["闸口社区"], "王五")
    svc.accept(db, admin, household_id=hid, category="dibao", accepted_on=date(2026, 12, 20), today=date(2026, 12, 21))
    detail = households.get_household(db, admin, hid).applications[0].detail
    assert detail.startswith("办理时限 2027-") and "2027年的法定节假日安排尚未录入" in detail and "估算" in detail
    # once the administrator enters 2027 the date stands without the warning
    cal_svc.set_year(db, admin, 2027, days_off=[date(2027, 1, 1)], workdays=[])
    detail = households.get_household(db, admin, hid).applications[0].detail
    assert detail.startswith("办理时限 2027-") and "估算" not in detail
    # a decided application's deadline is history, not an estimate to check
    hid2 = make_household(db, district.regions["八泉社区"], "赵六")
    svc.accept(db, admin, household_id=hid2, category="dibao", accepted_on=date(2026, 2, 10))
    assert "估算" not in households.get_household(db, admin, hid2).applications[0].detail


def test_a_written_refusal_due_in_an_unknown_year_is_marked_an_estimate(district: District) -> None:
    """Found in the cal8 pass: a refusal decided on 2026-12-30 must be served within 3 working days, into
    2027, whose holidays are not known; the application window and the list of refusals to serve gave the
    due day as certain. They now carry the unknown-year warning until it is served or 2027 is entered."""
    db, admin = district.db, district.admin
    app_id = svc.accept(db, admin, household_id=make_household(db, district.regions["闸口社区"], "钱七"),
                        category="dibao", accepted_on=date(2026, 12, 1), today=date(2026, 12, 1))
    svc.complete_step(db, admin, app_id, "check", on=date(2026, 12, 3), result="failed", today=date(2026, 12, 3))
    svc.decide(db, admin, app_id, approve=False, on=date(2026, 12, 30), reason="核对发现名下有两套住房",
               today=date(2026, 12, 30))
    notice = svc.get_detail(db, admin, app_id, as_of=date(2026, 12, 31)).refusal_notice
    assert notice is not None and notice.due_on.year == 2027 and "2027年的法定节假日安排尚未录入" in notice.warning
    [to_serve] = svc.refusals_to_serve(db, admin, as_of=date(2026, 12, 31))
    assert to_serve.application_id == app_id and to_serve.warning == notice.warning
    cal_svc.set_year(db, admin, 2027, days_off=[date(2027, 1, 1)], workdays=[])
    assert svc.get_detail(db, admin, app_id, as_of=date(2026, 12, 31)).refusal_notice.warning == ""
    cal_svc.clear_year(db, admin, 2027)
    svc.record_refusal_served(db, admin, app_id, on=date(2026, 12, 31), method="in_person", today=date(2026, 12, 31))
    assert svc.get_detail(db, admin, app_id, as_of=date(2026, 12, 31)).refusal_notice.warning == ""  # done: history


def test_entering_a_library_year_says_which_published_days_it_drops(district: District,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Found in the cal8 pass (the built-in holiday library vs an administrator's entries for the same
    year): `calendar set-year 2026 --off 2026-10-01..2026-10-08`, meant as a correction of National Day,
    replaced the library's whole 2026 and silently dropped the Spring Festival and every make-up day."""
    url = url_of(district)
    assert cli.main(["calendar", "set-year", "2026", "--off", "2026-10-01..2026-10-08", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "注意:节假日库中 2026 年的这些安排不在这次录入中" in out
    assert "2026-02-16" in out and "调休上班 2026-01-04、2026-02-14" in out and "2026-10-10" in out
    assert "2026-10-01" not in out.split("注意")[1]  # entered days are not listed; weekends in a break neither
    assert "2026-02-15" not in out  # a Sunday inside the Spring Festival: off either way
    info = cal_svc.year_info(district.db, district.admin, 2026)
    assert info.library_left_out and info.left_out_warning().startswith("节假日库中 2026 年")
    # the library's full schedule entered (as the settings tab pre-fills it): nothing to say
    off, work = ([e.day for e in info.library if e.workday is w] for w in (False, True))
    cal_svc.set_year(district.db, district.admin, 2026, days_off=off, workdays=work)
    assert cal_svc.year_info(district.db, district.admin, 2026).left_out_warning() == ""
    # a year the library does not know has nothing to drop
    assert cli.main(["calendar", "set-year", "2031", "--off", "2031-10-01..2031-10-07", "--database-url", url]) == 0
    assert "注意" not in capsys.readouterr().out


def test_a_range_typed_backwards_in_the_settings_tab_says_so() -> None:
    """Found in the cal8 pass: "2027-02-13..2027-02-05" typed in the settings tab was called "not a valid
    date or date range (YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD)", though it is written exactly so; the
    command line said the end is before the start. The tab now says that too, and how to write it."""
    from desktop.services.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as raised:
        cal_svc.parse_days("2027-01-01\n2027-02-13..2027-02-05", 2027, "放假日期")
    assert raised.value.message == ("放假日期第 2 行的日期范围“2027-02-13..2027-02-05”结束早于开始,"
                                    "应写成 2027-02-05..2027-02-13。")
    with pytest.raises(ValidationFailed, match="“2027-02-30”不存在"):
        cal_svc.parse_days("2027-02-30", 2027, "放假日期")


# 2027 as the State Council might publish it: New Year's Day, a Spring Festival of 5–13 February, a make-up
# Saturday. The holiday library does not know 2027: until entered, its deadlines are estimates.
OFF_2027 = [date(2027, 1, 1), *(date(2027, 2, d) for d in range(5, 14))]
WORK_2027 = [date(2027, 2, 20)]


def _running_into_2027(district: District) -> dict[str, int]:
    """Applications whose deadlines an entry of 2027 moves, and some whose deadlines it does not."""
    db, admin = district.db, district.admin
    region = district.regions["八泉社区"]
    ids: dict[str, int] = {}
    # whole procedure (30 working days) estimated to end 2027-02-09, through the Spring Festival
    ids["whole"] = svc.accept(db, admin, household_id=make_household(db, region, "甲"), category="dibao",
                              accepted_on=date(2026, 12, 28), today=date(2026, 12, 28))
    # accepted and checked the day before the festival: the home survey's 3 working days (from acceptance,
    # RULES.md §1.5) run through it
    ids["step"] = svc.accept(db, admin, household_id=make_household(db, region, "乙"), category="dibao",
                             accepted_on=date(2027, 2, 4), today=date(2027, 2, 4))
    svc.complete_step(db, admin, ids["step"], "check", on=date(2027, 2, 4), result="passed", today=date(2027, 2, 4))
    # refused the day before the festival: the written refusal's 3 working days run through it
    ids["refused"] = svc.accept(db, admin, household_id=make_household(db, region, "丙"), category="dibao",
                                accepted_on=date(2027, 1, 25), today=date(2027, 1, 25))
    svc.complete_step(db, admin, ids["refused"], "check", on=date(2027, 2, 1), result="failed", today=date(2027, 2, 1))
    svc.decide(db, admin, ids["refused"], approve=False, on=date(2027, 2, 4), reason="核对发现名下有两套住房",
               today=date(2027, 2, 4))
    # emergency help given first on 2027-02-04: the data check afterwards is due through the festival
    ids["help_first"] = svc.accept(db, admin, household_id=make_household(db, region, "丁"), category="temporary",
                                   temporary_kind="emergency", accepted_on=date(2027, 2, 4), today=date(2027, 2, 4))
    svc.decide(db, admin, ids["help_first"], approve=True, on=date(2027, 2, 4), amount="800", today=date(2027, 2, 4))
    # not moved: deadlines in 2026; a refusal already served; a procedure in spring 2027, after the festival
    ids["2026"] = svc.accept(db, admin, household_id=make_household(db, region, "戊"), category="dibao",
                             accepted_on=date(2026, 3, 2), today=date(2026, 3, 2))
    ids["served"] = svc.accept(db, admin, household_id=make_household(db, region, "己"), category="dibao",
                               accepted_on=date(2027, 1, 25), today=date(2027, 1, 25))
    svc.complete_step(db, admin, ids["served"], "check", on=date(2027, 2, 1), result="failed", today=date(2027, 2, 1))
    svc.decide(db, admin, ids["served"], approve=False, on=date(2027, 2, 4), reason="收入超过标准", today=date(2027, 2, 4))
    svc.record_refusal_served(db, admin, ids["served"], on=date(2027, 2, 4), method="in_person", today=date(2027, 2, 4))
    ids["spring"] = svc.accept(db, admin, household_id=make_household(db, region, "庚"), category="dibao",
                               accepted_on=date(2027, 3, 1), today=date(2027, 3, 1))
    return ids


def _deadlines(district: District, ids: dict[str, int]) -> dict[str, tuple[date | None, ...]]:
    """Each application's (whole procedure, stored whole procedure, next step's own, written refusal) due."""
    from desktop.models import Application

    out = {}
    with district.db.session_factory() as session:
        stored = {k: session.get(Application, v).due_on for k, v in ids.items()}
    for key, app_id in ids.items():
        detail = svc.get_detail(district.db, district.admin, app_id, as_of=date(2027, 2, 4))
        notice = detail.refusal_notice
        decision = [s for s in detail.steps if s.step == "decision"]
        decided = decision[0].data.get("notice_due") if decision else None
        assert decided is None or decided == notice.due_on.isoformat()  # the decision's record says the same
        out[key] = (detail.row.due_on, stored[key], detail.row.step_due_on, notice.due_on if notice else None)
    return out


def _versions(district: District, ids: dict[str, int]) -> dict[str, int]:
    from desktop.models import Application

    with district.db.session_factory() as session:
        return {k: session.get(Application, v).version for k, v in ids.items()}


def test_entering_a_year_moves_the_open_deadlines_into_it(district: District) -> None:
    """cal9: the State Council publishes next year's holidays in November, when applications already
    running have deadlines in it. Entering the year (and changing or clearing it later) recomputes them:
    the whole procedure's due date stored on the application (the list is ordered by it), a written
    refusal's due date kept with the decision, and says how many open deadlines moved, also in the log."""
    from desktop.services import audit

    db, admin = district.db, district.admin
    ids = _running_into_2027(district)
    versions = _versions(district, ids)
    estimated = _deadlines(district, ids)
    assert estimated["whole"][:2] == (date(2027, 2, 9), date(2027, 2, 9))
    assert estimated["step"][2] == estimated["help_first"][2] == estimated["refused"][3] == date(2027, 2, 9)
    info = cal_svc.set_year(db, admin, 2027, days_off=OFF_2027, workdays=WORK_2027, note="国办发明电")
    entered = _deadlines(district, ids)
    assert entered["whole"][:2] == (date(2027, 2, 17), date(2027, 2, 17))
    assert entered["step"][2] == entered["help_first"][2] == entered["refused"][3] == date(2027, 2, 17)
    assert entered["step"][0] == entered["step"][1] > estimated["step"][0]  # its whole procedure too
    assert entered["2026"] == estimated["2026"] and entered["spring"] == estimated["spring"]
    assert entered["served"][1:] == estimated["served"][1:]  # decided and served: history, stored as it was
    assert info.moved == cal_svc.DeadlinesMoved(
        procedure=2, steps=2, refusal_notices=1,
        application_ids=tuple(sorted(ids[k] for k in ("whole", "step", "refused", "help_first"))))
    # the whole procedure of 甲 and 乙 (丙 and 丁 are decided), the next step of 乙 and 丁, 丙's refusal
    # a stored date that moved is saved as the administrator's change: a copy open elsewhere is stale
    assert {k: v - versions[k] for k, v in _versions(district, ids).items() if v != versions[k]} == {"whole": 1, "step": 1}
    [logged] = audit.list_entries(db, admin, audit.AuditFilter(text="节假日"), limit=1)
    assert logged.action == "calendar.set_year" and logged.detail == info.moved.text()
    assert info.moved.text().startswith("因此改变的未办结期限 5 个(办结期限 2 个、本步期限 2 个、不予批准书面通知期限 1 个)")
    # the same again moves nothing; clearing the year moves them back to the estimate
    again = cal_svc.set_year(db, admin, 2027, days_off=OFF_2027, workdays=WORK_2027, note="国办发明电")
    assert again.moved == cal_svc.DeadlinesMoved() and again.moved.text() == "没有未办结的期限因此改变。"
    cleared = cal_svc.clear_year(db, admin, 2027)
    assert cleared == info.moved and _deadlines(district, ids) == estimated
    [logged] = audit.list_entries(db, admin, audit.AuditFilter(text="节假日"), limit=1)
    assert logged.action == "calendar.clear_year" and logged.detail == cleared.text()


def test_calendar_commands_say_how_many_open_deadlines_moved(district: District,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    ids = _running_into_2027(district)
    url = url_of(district)
    assert cli.main(["calendar", "set-year", "2027", "--off", "01-01", "02-05..02-13", "--workday", "02-20",
                     "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "放假 10 天,调休上班 1 天" in out
    assert "因此改变的未办结期限 5 个(办结期限 2 个、本步期限 2 个、不予批准书面通知期限 1 个),涉及申请 " in out
    assert cli.main(["calendar", "clear-year", "2027", "--json", "--database-url", url]) == 0
    moved = sorted(ids[k] for k in ("whole", "step", "refused", "help_first"))
    assert json.loads(capsys.readouterr().out) == {
        "year": 2027, "deadlines_moved": 5, "procedure": 2, "steps": 2, "refusal_notices": 1,
        "application_ids": moved}
    assert cli.main(["calendar", "set-year", "2027", "--off", "2027-01-01", "--json", "--database-url", url]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["days_off"], data["workdays"], data["deadlines_moved"], data["warning"]) == (1, 0, 0, "")
    # a wrong day: one line naming the entry, nothing entered
    assert cli.main(["calendar", "set-year", "2027", "--off", "01-01", "02-05..02-31", "--json",
                     "--database-url", url]) == 1
    captured = capsys.readouterr()
    message = "放假日期“02-05..02-31”中的“02-31”不存在:2027 年 2 月只有 28 天。"
    assert captured.err == f"错误:{message}\n"
    assert json.loads(captured.out) == {"error": message, "code": "invalid_input"}
    assert len(cal_svc.year_info(district.db, district.admin, 2027).days) == 1


def test_the_moved_deadlines_sentence_names_only_the_kinds_that_moved() -> None:
    moved = cal_svc.DeadlinesMoved(procedure=2, application_ids=(7, 9))
    assert moved.text() == "因此改变的未办结期限 2 个(办结期限 2 个),涉及申请 7、9。"
    moved = cal_svc.DeadlinesMoved(steps=1, refusal_notices=1, application_ids=(3,))
    assert moved.text() == "因此改变的未办结期限 2 个(本步期限 1 个、不予批准书面通知期限 1 个),涉及申请 3。"
