"""The turn of the year 2026 → 2027 as an office lives it (RULES.md §2): applications accepted in December whose
deadlines fall in January and February 2027 while the library does not know 2027 yet, then the administrator
entering the 2027 schedule (copied from the State Council notice, with its slips). SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date as D
from decimal import Decimal

import pytest

from desktop import cli
from desktop.models import Application
from desktop.rules.workdays import library_knows, lone_weekend_days_off
from desktop.services import applications as svc
from desktop.services import calendar as cal_svc
from desktop.services import statistics as stats
from desktop.services.errors import ValidationFailed
from desktop.views.calendar_settings import CalendarSettingsTab
from desktop.views.context import AppContext
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_applications import make_household
from tests.test_settings_views import answers  # noqa: F401  (the tab's message boxes, recorded)

LATE_JANUARY = D(2027, 1, 29)  # "today" for the steps recorded in the scenarios
# The notice as the administrator copies it: its own date words, the weekday in brackets, 至 between the ends.
NOTICE_OFF = ["1月1日(周五)至3日(周日)", "2月6日(周六)至14日(周日)", "4月3日至5日", "5月1日至5日",
              "6月9日至11日", "9月15日至17日", "10月1日至7日"]
NOTICE_WORK = ["2月20日(周六)", "2月21日(周日)", "5月8日", "9月26日", "10月9日"]


def url(district: District) -> str:
    return district.db.url.render_as_string(hide_password=False)


def run(district: District, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main([*args, "--database-url", url(district)])
    out, err = capsys.readouterr()
    return code, out, err


def enter_2027(district: District, capsys: pytest.CaptureFixture[str]) -> str:
    code, out, err = run(district, capsys, "calendar", "set-year", "2027", "--off", *NOTICE_OFF,
                         "--workday", *NOTICE_WORK, "--note", "国办发明电〔2026〕号")
    assert code == 0, err
    return out


def accept(district: District, name: str, on: D, track: str = "regular") -> int:
    hid = make_household(district.db, district.regions["八泉社区"], name, 3)
    commitment = svc.CommitmentInput(signed_on=on, signer_name=name) if track == "commitment" else None
    return svc.accept(district.db, district.admin, household_id=hid, category="dibao", track=track, accepted_on=on,
                      commitment=commitment, today=LATE_JANUARY)


def test_the_library_does_not_know_2027() -> None:
    """The premise of this file: if the installed holiday library learns 2027, these scenarios need a later year."""
    assert library_knows(2026) and not library_knows(2027)


def test_december_deadlines_in_2027_are_estimates_until_the_year_is_entered(
        district: District, capsys: pytest.CaptureFixture[str]) -> None:
    """Accepted 12-15 and 12-28 (30 working days) and 12-18 on the commitment track (10): every deadline of
    theirs runs into 2027. The list says they are estimates, row by row and in a closing warning; once the
    notice is entered (a 9-day Spring Festival 2-6…2-14) the 12-28 one moves from 02-09 to 02-16 — stored —
    and the warnings go."""
    first, quick, late = accept(district, "甲", D(2026, 12, 15)), accept(district, "乙", D(2026, 12, 18), "commitment"), \
        accept(district, "丙", D(2026, 12, 28))
    code, out, _ = run(district, capsys, "deadlines", "--as-of", "2027-01-20", "--overdue")
    assert code == 0
    assert out.count("期限为估算*") == 3
    assert (f"*警告:2027年的法定节假日安排尚未录入,此期限仅按周末和固定节日估算,请管理员录入后再核对"
            f"(涉及申请 {first}、{quick}、{late})。") in out
    code, out, _ = run(district, capsys, "deadlines", "--as-of", "2026-12-31", "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert [rows[i]["due_on"] for i in (first, quick, late)] == ["2027-01-27", "2027-01-04", "2027-02-09"]
    assert all("2027年的法定节假日安排尚未录入" in r["warning"] for r in rows.values())
    # 3 working days after 12-28 end on 12-31: the step's own deadline is in 2026, the whole procedure's is not
    assert rows[late]["step_due_on"] == "2026-12-31" and rows[late]["working_days_left"] == 0

    out = enter_2027(district, capsys)
    assert "已录入 2027 年节假日安排:放假 33 天,调休上班 5 天。" in out
    assert f"因此改变的未办结期限 1 个(办结期限 1 个),涉及申请 {late}。" in out
    assert "注意" not in out
    with district.db.session_factory() as session:
        assert session.get(Application, late).due_on == D(2027, 2, 16)  # saved, not only shown
    code, out, _ = run(district, capsys, "deadlines", "--as-of", "2027-01-20", "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert [rows[i]["due_on"] for i in (first, quick, late)] == ["2027-01-27", "2027-01-04", "2027-02-16"]
    assert [r["warning"] for r in rows.values()] == ["", "", ""]
    code, out, _ = run(district, capsys, "deadlines", "--as-of", "2027-01-20")
    assert "估算" not in out and "警告" not in out


def test_publicity_decision_and_refusal_across_the_new_year(district: District) -> None:
    """Publicity from 12-28 runs 7 calendar days: it may end on 01-04, not 01-03. The decision is due 10
    working days later (01-18), the written refusal of a 01-08 decision 3 working days later (01-13): both
    estimates until 2027 is entered, then certain on the same days (New Year's Day is off either way)."""
    db, admin = district.db, district.admin
    app = accept(district, "丁", D(2026, 12, 15))
    svc.complete_step(db, admin, app, "check", on=D(2026, 12, 17), result="passed", today=LATE_JANUARY)
    svc.complete_step(db, admin, app, "investigation", on=D(2026, 12, 24), investigators=["甲", "乙"],
                      today=LATE_JANUARY)
    with pytest.raises(svc.StepRefused, match="公示自 2026-12-28 开始,须满7个自然日,2027-01-04 起方可结束"):
        svc.complete_step(db, admin, app, "publicity", on=D(2027, 1, 3), publicity_start=D(2026, 12, 28),
                          today=LATE_JANUARY)
    svc.complete_step(db, admin, app, "publicity", on=D(2027, 1, 4), publicity_start=D(2026, 12, 28),
                      today=LATE_JANUARY)
    row = svc.get_detail(db, admin, app, as_of=D(2027, 1, 5)).row
    assert (row.next_step, row.step_due_on, row.due_on) == ("decision", D(2027, 1, 18), D(2027, 1, 27))
    assert "2027年的法定节假日安排尚未录入" in row.warning
    svc.decide(db, admin, app, approve=False, on=D(2027, 1, 8), reason="家庭收入超过低保标准", today=LATE_JANUARY)
    [notice] = svc.refusals_to_serve(db, admin, as_of=D(2027, 1, 8))
    assert notice.due_on == D(2027, 1, 13) and "2027年" in notice.warning and not notice.overdue

    cal_svc.set_year(db, admin, 2027, days_off=cal_svc.parse_days(" ".join(NOTICE_OFF), 2027, "放假日期"),
                     workdays=cal_svc.parse_days(" ".join(NOTICE_WORK), 2027, "调休上班日期"))
    [notice] = svc.refusals_to_serve(db, admin, as_of=D(2027, 1, 14))
    assert (notice.due_on, notice.warning, notice.overdue) == (D(2027, 1, 13), "", True)
    commitment = accept(district, "戊", D(2026, 12, 23), "commitment")  # 10 working days: 01-07
    row = svc.get_detail(db, admin, commitment, as_of=D(2027, 1, 5)).row
    assert (row.due_on, row.warning) == (D(2027, 1, 7), "")


def test_approval_time_and_first_payment_across_the_new_year(district: District) -> None:
    """Accepted 2026-12-15, approved 2027-01-18: 23 working days (12-16…12-31: 12, January to the 18th: 11,
    New Year's Day off). The statistics of December's cohort say the count is an estimate until 2027 is
    entered. Approved 2026-12-28, the family is paid from January 2027, not December."""
    db, admin = district.db, district.admin
    slow = accept(district, "己", D(2026, 12, 15))
    for step, on, extra in (("check", D(2026, 12, 16), {"result": "passed"}),
                            ("investigation", D(2026, 12, 18), {"investigators": ["甲", "乙"]}),
                            ("publicity", D(2027, 1, 4), {"publicity_start": D(2026, 12, 21)})):
        svc.complete_step(db, admin, slow, step, on=on, today=LATE_JANUARY, **extra)
    svc.decide(db, admin, slow, approve=True, on=D(2027, 1, 18), amount="700", today=LATE_JANUARY)
    quick = accept(district, "庚", D(2026, 12, 14))
    for step, on, extra in (("check", D(2026, 12, 15), {"result": "passed"}),
                            ("investigation", D(2026, 12, 16), {"investigators": ["甲", "乙"]}),
                            ("publicity", D(2026, 12, 24), {"publicity_start": D(2026, 12, 17)})):
        svc.complete_step(db, admin, quick, step, on=on, today=D(2026, 12, 28), **extra)
    svc.decide(db, admin, quick, approve=True, on=D(2026, 12, 28), amount="650", today=D(2026, 12, 28))

    december = stats.StatsFilter(date_from=D(2026, 12, 1), date_to=D(2026, 12, 31))
    approval = stats.compute(db, admin, december, today=LATE_JANUARY).approval
    assert approval.unknown_years == (2027,) and "2027年的法定节假日安排尚未录入" in approval.warning()
    assert (approval.summary["regular"].count, approval.summary["regular"].maximum) == (2, 23)
    cal_svc.set_year(db, admin, 2027, days_off=cal_svc.parse_days(" ".join(NOTICE_OFF), 2027, "放假日期"),
                     workdays=cal_svc.parse_days(" ".join(NOTICE_WORK), 2027, "调休上班日期"))
    approval = stats.compute(db, admin, december, today=LATE_JANUARY).approval
    assert approval.warning() == "" and approval.summary["regular"].maximum == 23

    december_pay = svc.monthly_assistance(db, admin, D(2026, 12, 1), today=LATE_JANUARY)
    january_pay = svc.monthly_assistance(db, admin, D(2027, 1, 1), today=LATE_JANUARY)
    assert (december_pay.due, january_pay.due, january_pay.due_amount) == (0, 1, Decimal("650.00"))
    february_pay = svc.monthly_assistance(db, admin, D(2027, 2, 1), today=D(2027, 2, 2))
    assert (february_pay.due, february_pay.due_amount) == (2, Decimal("1350.00"))


@pytest.mark.parametrize(("args", "message"), [
    (["--off", "2月6日至14日", "--workday", "2月6日"], "以下日期同时被填为放假和上班:2027-02-06。"),
    (["--off", "2月6日至14日", "2028年1月1日"], "放假日期“2028年1月1日”不在 2027 年内:这里录入的是 2027 年的安排。"),
    (["--off", "2月6日至14日", "--workday", "2月22日"], "调休上班日期应是周六或周日(平日本来就上班):2027-02-22(星期一)。"),
    (["--off", "2月29日"], "放假日期“2月29日”不存在:2027 年 2 月只有 28 天。"),
    (["--off", "初一至初七"], "放假日期“初一至初七”格式不正确"),
    (["--off", "6日至14日"], "放假日期“6日至14日”格式不正确"),
    (["--off", "2月14日至6日"], "放假日期的日期范围“2月14日至6日”结束早于开始"),
])
def test_entering_2027_with_mistakes_is_refused_clearly(district: District, capsys: pytest.CaptureFixture[str],
                                                       args: list[str], message: str) -> None:
    code, out, err = run(district, capsys, "calendar", "set-year", "2027", *args)
    assert code == 1 and message in err and out == "", err
    assert not cal_svc.year_info(district.db, district.admin, 2027).entered


def test_a_lone_weekend_typed_as_a_day_off_is_pointed_out(district: District,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """"3月6日" (a Saturday) typed for the Friday 3-5: saved without a word, the Friday stayed a working day and
    "放假 10 天" looked right. Now the entry is saved and the administrator is told which weekend day changes
    nothing. Weekends inside a break, and a break running into the next year, are not pointed out; duplicates
    count once."""
    code, out, err = run(district, capsys, "calendar", "set-year", "2027", "--off", "2月6日至14日", "2月8日",
                         "3月6日", "12月31日", "--workday", "2月20日", "2月20日")
    assert code == 0, err
    assert "放假 11 天,调休上班 1 天" in out
    assert ("注意:放假日期 2027-03-06(星期六)本来就是周末,又不与其他放假日期相连:录入与否,期限都一样。"
            "如是日期写错(漏掉了要放假的工作日),请改正后重新录入;如国务院办公厅的通知确是这样安排,可不理会。") in out
    code, out, _ = run(district, capsys, "calendar", "set-year", "2027", "--off", "3月6日至7日", "1月1日", "--json")
    assert "2027-03-06(星期六)、2027-03-07(星期日)" in json.loads(out)["warning"]
    code, out, _ = run(district, capsys, "calendar", "set-year", "2027", "--off", *NOTICE_OFF, "--json")
    assert json.loads(out)["warning"] == ""
    # the rule itself: a weekend next to a fixed holiday, or running to 12-31, belongs to a break
    assert lone_weekend_days_off([D(2027, 1, 2), D(2027, 1, 3)]) == []
    assert lone_weekend_days_off([D(2022, 12, 31)]) == []
    assert lone_weekend_days_off([D(2027, 10, 4), D(2027, 3, 13), D(2027, 3, 14)]) == [D(2027, 3, 13), D(2027, 3, 14)]


def test_the_settings_tab_reads_the_notice_and_points_out_a_lone_weekend(
        qtbot, district: District, answers: dict) -> None:  # noqa: ANN001, F811
    """The administrator pastes the notice's lines into the tab: saved as the dates they say; the slip of
    one day (11月6日, a Saturday, typed as a day off) is told in the window after saving."""
    tab = CalendarSettingsTab(AppContext(district.db, district.admin))
    qtbot.addWidget(tab)
    tab.year.setValue(2027)
    tab.days_off.setPlainText("\n".join([*NOTICE_OFF, "11月6日"]) + "。")
    tab.workdays.setPlainText("、".join(NOTICE_WORK))
    assert tab.save() and wait_for_background() and answers["errors"] == []
    [told] = answers["told"]
    assert told.startswith("The holidays of 2027 are saved.") or told.startswith("2027")
    assert "放假日期 2027-11-06(星期六)本来就是周末" in told
    info = cal_svc.year_info(district.db, district.admin, 2027)
    assert [d.day for d in info.days if d.workday] == [D(2027, 2, 20), D(2027, 2, 21), D(2027, 5, 8), D(2027, 9, 26),
                                                       D(2027, 10, 9)]
    assert sum(1 for d in info.days if not d.workday) == 34
    tab.days_off.setPlainText("2月6日至14日\n5月8日")  # 5-8 is also a make-up day: refused, nothing saved
    assert tab.save() and wait_for_background()
    assert answers["errors"] == ["以下日期同时被填为放假和上班:2027-05-08。"]


def test_the_notice_words_read_as_dates() -> None:
    assert cal_svc.parse_days("1月1日(周五)至3日(周日)。2月6日 (周六) 至 14日", 2027, "放假日期") == [
        D(2027, 1, 1), D(2027, 1, 2), D(2027, 1, 3), *(D(2027, 2, d) for d in range(6, 15))]
    national_day = cal_svc.parse_days("2027年9月30日至10月7日", 2027, "放假日期")
    assert (national_day[0], national_day[-1], len(national_day)) == (D(2027, 9, 30), D(2027, 10, 7), 8)
    with pytest.raises(ValidationFailed, match="“2月30日”不存在"):
        cal_svc.parse_days("2月30日", 2027, "放假日期")


@pytest.mark.parametrize(("today", "year"), [(D(2026, 12, 3), 2027), (D(2027, 1, 4), 2027), (D(2026, 6, 1), 2027)])
def test_the_settings_tab_starts_on_the_year_nobody_has_entered(qtbot, district: District, today: D,  # noqa: ANN001
                                                                 year: int) -> None:
    """Opened on 2027-01-04 with 2027 still unknown, the tab offered 2028 (next year): the notice's "2月6日"
    typed there counted for 2028. It starts on the first year from this one that is not known."""
    tab = CalendarSettingsTab(AppContext(district.db, district.admin), today=today)
    qtbot.addWidget(tab)
    assert tab.year.value() == year and tab.days_off.toPlainText() == ""
    assert [y.year for y in tab.model.rows][0] == today.year - 1


def test_once_2027_is_entered_the_tab_starts_on_2028(qtbot, district: District) -> None:  # noqa: ANN001
    cal_svc.set_year(district.db, district.admin, 2027, days_off=cal_svc.parse_days(" ".join(NOTICE_OFF), 2027, "放假日期"),
                     workdays=[])
    tab = CalendarSettingsTab(AppContext(district.db, district.admin), today=D(2027, 1, 4))
    qtbot.addWidget(tab)
    assert tab.year.value() == 2028
