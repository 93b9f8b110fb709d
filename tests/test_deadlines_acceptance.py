"""Issue 7's acceptance of working-day deadlines, end to end through ``relief-desk deadlines`` and
``relief-desk calendar`` (RULES.md §1.5 and §2). Every expected date below was counted by hand from
the published 2026 schedule (days off 1/1–3, 2/15–23, 4/4–6, 5/1–5, 6/19–21, 9/25–27, 10/1–7; make-up
working days 1/4 Sun, 2/14 Sat, 2/28 Sat, 5/9 Sat, 9/20 Sun, 10/10 Sat), counting from the day after
the start event; 2027 (not in the library) by weekends and 1 January only until it is entered.

Working days left: 0 on the due day itself, negative once past it (the text says 已逾期 N 个工作日,
never a minus sign), the same number in the text, the JSON and the applications page."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from desktop import cli, i18n
from desktop.services import applications as svc
from desktop.services import calendar as cal_svc
from desktop.services.calendar import load_calendar
from desktop.services.errors import ValidationFailed
from tests.district import District
from tests.test_applications import make_household

D = date.fromisoformat
LATER = date(2027, 6, 30)  # "today" for the services: acceptances in 2027 are not in the future then


def url_of(district: District) -> str:
    return district.db.url.render_as_string(hide_password=False)


def run(district: District, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main([*argv, "--database-url", url_of(district)])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "内部错误" not in err, err
    return int(code or 0), out, err


def deadlines_json(district: District, capsys: pytest.CaptureFixture[str], as_of: str,
                   *extra: str) -> dict[int, dict]:
    code, out, err = run(district, capsys, "deadlines", "--as-of", as_of, "--json", *extra)
    assert code == 0 and err == ""
    return {row["id"]: row for row in json.loads(out)}


def deadlines_text(district: District, capsys: pytest.CaptureFixture[str], as_of: str,
                   *extra: str) -> tuple[dict[int, list[str]], str]:
    code, out, err = run(district, capsys, "deadlines", "--as-of", as_of, *extra)
    assert code == 0 and err == ""
    rows = {int(line.split("\t")[0]): line.split("\t") for line in out.splitlines()
            if line.split("\t")[0].isdigit()}
    return rows, out


_names = iter(f"户主{i}" for i in range(1000))


def accept(district: District, accepted: str, track: str = "regular") -> int:
    db, admin = district.db, district.admin
    name = next(_names)
    hid = make_household(db, district.regions["八泉社区"], name)
    commitment = svc.CommitmentInput(name, D(accepted)) if track == "commitment" else None
    return svc.accept(db, admin, household_id=hid, category="dibao", track=track, accepted_on=D(accepted),
                      commitment=commitment, today=LATER)


# accepted, track → (first step's own due: the data check, whole procedure due, estimated?)
HAND = {
    "Friday": ("2026-03-06", "regular", "2026-03-11", "2026-04-20", False),
    "Friday, commitment": ("2026-03-06", "commitment", "2026-03-11", "2026-03-20", False),
    "eve of National Day": ("2026-09-30", "regular", "2026-10-10", "2026-11-17", False),
    "eve of National Day, commitment": ("2026-09-30", "commitment", "2026-10-10", "2026-10-20", False),
    "before the Sunday make-up day 9/20": ("2026-09-17", "regular", "2026-09-21", "2026-11-04", False),
    "before the Sunday make-up day, commitment": ("2026-09-17", "commitment", "2026-09-21", "2026-10-08", False),
    "over the Saturday make-up days 2/14, 2/28": ("2026-02-13", "regular", "2026-02-25", "2026-04-02", False),
    "over the Saturday make-up days, commitment": ("2026-02-13", "commitment", "2026-02-25", "2026-03-05", False),
    "RULES vector 2/10": ("2026-02-10", "regular", "2026-02-13", "2026-03-30", False),
    "RULES vector 9/28": ("2026-09-28", "regular", "2026-10-08", "2026-11-13", False),
    "New Year's Eve into unknown 2027": ("2026-12-31", "regular", "2027-01-06", "2027-02-12", True),
    "New Year's Eve, commitment": ("2026-12-31", "commitment", "2027-01-06", "2027-01-15", True),
    "inside Spring Festival 2027 (unknown)": ("2027-02-08", "regular", "2027-02-11", "2027-03-22", True),
}


@pytest.mark.parametrize("case", list(HAND))
def test_due_dates_counted_by_hand(case: str, district: District, capsys: pytest.CaptureFixture[str]) -> None:
    accepted, track, step_due, whole_due, estimated = HAND[case]
    app_id = accept(district, accepted, track)
    row = deadlines_json(district, capsys, accepted)[app_id]
    assert (row["next_step"], row["step_due_on"], row["due_on"]) == ("check", step_due, whole_due)
    assert row["effective_due_on"] == min(step_due, whole_due)
    assert row["working_days_left"] == 3 and not row["overdue"]
    assert ("2027年的法定节假日安排尚未录入" in row["warning"]) is estimated
    text, out = deadlines_text(district, capsys, accepted)
    assert text[app_id][6:9] == [step_due, whole_due, "3"]
    assert ("期限为估算*" in text[app_id][9]) is estimated
    assert ("*警告:2027年的法定节假日安排尚未录入" in out) is estimated


def test_extension_to_45_working_days_with_a_reason(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    friday, eve = accept(district, "2026-03-06"), accept(district, "2026-09-30")
    commitment = accept(district, "2026-03-06", "commitment")
    with pytest.raises(ValidationFailed, match="延期须记录理由"):
        svc.extend(district.db, district.admin, friday, reason="  ")
    with pytest.raises(svc.StepRefused, match="10个工作日内办结,不能延期"):
        svc.extend(district.db, district.admin, commitment, reason="材料不全")
    svc.extend(district.db, district.admin, friday, reason="需要向外地核实赡养人收入")
    svc.extend(district.db, district.admin, eve, reason="赡养人在外省")
    rows = deadlines_json(district, capsys, "2026-03-06")
    assert (rows[friday]["due_on"], rows[friday]["extended"]) == ("2026-05-13", True)  # over 5/1–5 and Sat 5/9
    rows = deadlines_json(district, capsys, "2026-09-30")
    assert (rows[eve]["due_on"], rows[eve]["extended"]) == ("2026-12-08", True)
    text, _ = deadlines_text(district, capsys, "2026-09-30")
    assert text[eve][7] == "2026-12-08" and text[eve][9] == "已延期"


def test_each_step_counts_from_its_own_start(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    """RULES.md §1.5: the investigation starts within 3 working days of acceptance, the data check within 3
    of the request (made on acceptance), publicity runs 7 calendar days, the decision within 10 working
    days of receiving the file (publicity over), the written refusal within 3 of the decision."""
    db, admin = district.db, district.admin
    app_id = accept(district, "2026-03-06")  # Friday
    assert deadlines_json(district, capsys, "2026-03-06")[app_id]["step_due_on"] == "2026-03-11"
    svc.complete_step(db, admin, app_id, "check", on=D("2026-03-09"), result="passed", today=LATER)
    row = deadlines_json(district, capsys, "2026-03-09")[app_id]
    # "starts the investigation after acceptance": 3 working days from 3/6, not from the check on 3/9
    assert (row["next_step"], row["step_due_on"], row["working_days_left"]) == ("investigation", "2026-03-11", 2)
    svc.complete_step(db, admin, app_id, "investigation", on=D("2026-03-11"), investigators=["李四", "王五"],
                      today=LATER)
    row = deadlines_json(district, capsys, "2026-03-11")[app_id]
    # publicity: 7 calendar days are a minimum, no deadline of its own; the whole procedure's applies
    assert (row["next_step"], row["step_due_on"], row["effective_due_on"]) == ("publicity", None, "2026-04-20")
    with pytest.raises(svc.StepRefused, match="2026-03-19 起方可结束"):
        svc.complete_step(db, admin, app_id, "publicity", on=D("2026-03-18"), publicity_start=D("2026-03-12"),
                          today=LATER)
    svc.complete_step(db, admin, app_id, "publicity", on=D("2026-03-19"), publicity_start=D("2026-03-12"),
                      today=LATER)
    row = deadlines_json(district, capsys, "2026-03-19")[app_id]
    assert (row["next_step"], row["step_due_on"], row["working_days_left"]) == ("decision", "2026-04-02", 10)
    svc.decide(db, admin, app_id, approve=False, on=D("2026-04-01"), reason="家庭人均收入高于低保标准", today=LATER)
    assert app_id not in deadlines_json(district, capsys, "2026-04-01")  # decided: no longer open
    notice = svc.get_detail(db, admin, app_id, as_of=D("2026-04-01")).refusal_notice
    assert notice is not None and notice.due_on == D("2026-04-07")  # 4/2, 4/3, (4/4–6 off), 4/7
    steps = {s.step: s for s in svc.get_detail(db, admin, app_id, as_of=D("2026-04-01")).steps}
    assert steps["check"].due_on == D("2026-03-11") and steps["investigation"].due_on == D("2026-03-11")
    assert steps["decision"].due_on == D("2026-04-02") and not steps["investigation"].late


def test_days_left_on_the_due_day_and_after(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    """0 on the due day itself; past it, negative and 已逾期 everywhere — also on the weekend after a
    Friday due day, when no working day has passed yet (it said 0 and 已逾期, and the detail "due today")."""
    app_id = accept(district, "2026-03-03")  # Tuesday: the check is due Friday 3/6
    expected = {"2026-03-05": (1, False), "2026-03-06": (0, False), "2026-03-07": (-1, True),
                "2026-03-08": (-1, True), "2026-03-09": (-1, True), "2026-03-10": (-2, True)}
    for as_of, (left, overdue) in expected.items():
        row = deadlines_json(district, capsys, as_of)[app_id]
        assert (row["working_days_left"], row["overdue"]) == (left, overdue), as_of
        text, _ = deadlines_text(district, capsys, as_of)
        assert text[app_id][8] == (f"已逾期 {-left} 个工作日" if overdue else str(left)), as_of
        assert (text[app_id][9] == "已逾期") is overdue
        overdue_only = deadlines_json(district, capsys, as_of, "--overdue")
        assert (app_id in overdue_only) is overdue
        detail = svc.get_detail(district.db, district.admin, app_id, as_of=D(as_of))
        assert (detail.row.working_days_left, detail.row.overdue) == (left, overdue)
        assert [(a.due.working_days_left, a.due.overdue) for a in detail.actions][0] == (left, overdue)


def test_the_applications_page_says_the_same(qtbot, qapp, district: District,  # noqa: ANN001
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.views.application_detail import due_text
    from desktop.views.applications import ApplicationsTableModel

    i18n.install(qapp, "zh_CN")  # the shipped language (whatever an earlier test left installed)
    app_id = accept(district, "2026-03-03")
    late = accept(district, "2026-12-31")
    model = ApplicationsTableModel()
    for as_of, shown in (("2026-03-06", "0"), ("2026-03-07", "已逾期 1"), ("2026-03-10", "已逾期 2")):
        rows = [r for r in svc.deadlines(district.db, district.admin, as_of=D(as_of)) if r.id == app_id]
        model.set_rows(rows)
        assert model.data(model.index(0, 9)) == shown, as_of
        detail = svc.get_detail(district.db, district.admin, app_id, as_of=D(as_of))
        assert ("今天到期" in due_text(detail.actions[0].due)) is (as_of == "2026-03-06")
    rows = [r for r in svc.deadlines(district.db, district.admin, as_of=D("2026-12-31")) if r.id == late]
    model.set_rows(rows)
    assert model.data(model.index(0, 9)) == "3 *"
    assert "2027年的法定节假日安排尚未录入" in model.data(model.index(0, 9), 3)  # tool tip
    assert "2027" in svc.get_detail(district.db, district.admin, late, as_of=D("2026-12-31")).row.warning


def test_entering_2027_moves_open_deadlines_at_once(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    eve = accept(district, "2026-12-31")
    eve_commit = accept(district, "2026-12-31", "commitment")
    spring = accept(district, "2027-02-08")
    before = deadlines_json(district, capsys, "2026-12-31")
    assert before[eve]["due_on"] == "2027-02-12" and before[eve]["warning"]
    code, out, err = run(district, capsys, "calendar", "set-year", "2027", "--off", "01-01..01-03",
                         "02-06..02-14", "--workday", "01-30", "02-20", "--note", "假设的安排")
    assert code == 0 and err == "" and "放假 12 天,调休上班 2 天" in out
    after = deadlines_json(district, capsys, "2026-12-31")
    # 1/4–29 (20), Sat 1/30 (21), 2/1–5 (26), 2/6–14 off, 2/15–18 (30)
    assert (after[eve]["due_on"], after[eve]["step_due_on"], after[eve]["warning"]) == ("2027-02-18", "2027-01-06", "")
    assert (after[eve_commit]["due_on"], after[eve_commit]["warning"]) == ("2027-01-15", "")
    spring_row = deadlines_json(district, capsys, "2027-02-08")[spring]
    assert (spring_row["step_due_on"], spring_row["warning"]) == ("2027-02-17", "")  # 2/8 is now a day off
    text, out = deadlines_text(district, capsys, "2026-12-31")
    assert "警告" not in out and "估算" not in out and text[eve][7] == "2027-02-18"
    svc.extend(district.db, district.admin, eve, reason="赡养人在外省")
    # 2/19 (31), Sat 2/20 (32), 2/22–26 (37), 3/1–5 (42), 3/8–10 (45)
    assert deadlines_json(district, capsys, "2026-12-31")[eve]["due_on"] == "2027-03-10"
    code, out, _ = run(district, capsys, "calendar", "clear-year", "2027")
    assert code == 0
    back = deadlines_json(district, capsys, "2026-12-31")
    assert back[eve]["due_on"] == "2027-03-05" and back[eve]["warning"]  # 45 by weekends and 1/1 only


@pytest.mark.parametrize(("argv", "message"), [
    (["deadlines", "--as-of", "2026-02-30"], "日期“2026-02-30”不存在"),
    (["deadlines", "--as-of", "30/09/2026"], "格式不正确"),
    (["deadlines", "--as-of", "9999-01-01"], "超出范围"),
    (["deadlines", "--as-of"], "缺少值"),
    (["deadlines", "--overdue", "--days", "3"], "无法识别的参数"),
    (["calendar", "set-year", "2027", "--off", "02-06..02-14", "--workday", "02-07"], "同时被填为放假和上班:2027-02-07"),
    (["calendar", "set-year", "2027", "--off", "2027-02-06", "--workday", "2027-02-06"], "2027-02-06"),
    (["calendar", "set-year", "2101", "--off", "2101-01-01"], "超出范围"),
    (["calendar", "set-year", "12027", "--off", "01-01"], "年份"),
    (["calendar", "set-year", "2027", "--off", "2028-01-01"], "不在 2027 年内"),
    (["calendar", "frobnicate"], "frobnicate"),
    # make-up days only: 2027 would count as known with its Spring Festival worked through, warning gone
    (["calendar", "set-year", "2027", "--workday", "02-20"], "没有给出 2027 年的放假日期"),
    # Labour Day (a Saturday in 2027) is a statutory day off by law: never a make-up working day
    (["calendar", "set-year", "2027", "--off", "02-06..02-14", "--workday", "05-01"], "2027-05-01"),
])
def test_bad_input_is_refused_in_chinese(argv: list[str], message: str, district: District,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    accept(district, "2026-03-06")
    code, out, err = run(district, capsys, *argv)
    assert code != 0 and "错误" in err and message in err, err
    assert "Traceback" not in err
    assert not cal_svc.year_info(district.db, district.admin, 2027).entered  # nothing entered


def test_a_year_far_ahead(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    """Counting to the far end of the program's years works and says which years are estimated, briefly."""
    app_id = accept(district, "2026-12-31")
    row = deadlines_json(district, capsys, "2100-12-31")[app_id]
    assert row["overdue"] and row["working_days_left"] < -18000
    assert "2027" in row["warning"] and "2100" in row["warning"] and len(row["warning"]) < 120
    code, out, _ = run(district, capsys, "calendar", "set-year", "2100", "--off", "01-01")
    assert code == 0


def test_the_demo_agrees_with_itself(db, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    """On the demo district: for each open application, at its due day and the days around it, the text,
    the JSON and the calendar agree (0 on the due day, negative and overdue after it)."""
    from desktop.services import demo

    demo.build_demo(db, households=600, seed=1)
    cal = load_calendar(db)
    url = db.url.render_as_string(hide_password=False)

    def rows(as_of: date) -> list[dict]:
        assert cli.main(["deadlines", "--as-of", as_of.isoformat(), "--json", "--database-url", url]) == 0
        return json.loads(capsys.readouterr().out)

    first = rows(demo.END)
    assert first
    for row in first:
        due = D(row["effective_due_on"])
        for as_of in (due - timedelta(days=1), due, due + timedelta(days=1), due + timedelta(days=2)):
            again = next(r for r in rows(as_of) if r["id"] == row["id"])
            left = cal.working_days_between(as_of, due)
            assert again["overdue"] is (as_of > due)
            assert again["working_days_left"] == (min(left, -1) if as_of > due else left)
            assert (again["working_days_left"] == 0) is (as_of == due)
        if row["next_step"] == "investigation":
            assert row["step_due_on"] == cal.add_working_days(D(row["accepted_on"]), 3).due.isoformat()


def test_the_demo_counts_each_investigation_from_acceptance(db) -> None:  # noqa: ANN001
    """The demo's step history shows the investigation due 3 working days after acceptance, as the program
    counts it (paperwork after emergency help excepted: it follows the decision)."""
    from sqlalchemy import select

    from desktop.models import Application, ApplicationStep
    from desktop.services import demo

    demo.build_demo(db, households=600, seed=1)
    cal = load_calendar(db)
    with db.session_factory() as session:
        rows = session.execute(select(ApplicationStep.started_on, ApplicationStep.due_on, ApplicationStep.data,
                                      Application.accepted_on)
                               .join(Application, Application.id == ApplicationStep.application_id)
                               .where(ApplicationStep.step == "investigation")).all()
    regular = [r for r in rows if not (r.data or {}).get("after_decision")]
    assert regular and len(regular) < len(rows)
    for started, due, _data, accepted in regular:
        assert (started, due) == (accepted, cal.add_working_days(accepted, 3).due)
