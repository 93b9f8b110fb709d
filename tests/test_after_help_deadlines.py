"""Emergency help given first (临时救助 急难型, RULES.md §1.3 and §1.5): stored as approved, its data check
and home survey are completed afterwards, each by its own deadline. The deadlines command and the
applications list showed only open applications, so paperwork overdue after the help was paid never
appeared where a clerk looks for overdue work. It now appears there, marked 先行救助、待补办.

Hand-computed (2026: 1–5 May off, Saturday 9 May a make-up working day): help decided on Wednesday
2026-05-06 → the data check is due 3 working days later, 05-07, 05-08 and Saturday 05-09; on Tuesday
05-12 it is overdue by 2 working days (05-11, 05-12). The check done on 05-12, the home survey is due
05-13, 05-14, 05-15 → 2026-05-15; on Monday 05-18 it is overdue by 1."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest

from desktop import cli
from desktop.services import applications as svc
from desktop.views.applications import ApplicationsPage
from desktop.views.context import AppContext
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_applications import make_household

D = date.fromisoformat


def help_first(district: District, name: str = "孙大", on: date = D("2026-05-06"), *, approve: bool = True) -> int:
    """An emergency application decided on the day it is accepted, before any other step."""
    db, admin = district.db, district.admin
    app_id = svc.accept(db, admin, household_id=make_household(db, district.regions["道仕袱村"], name, 4),
                        category="temporary", temporary_kind="emergency", accepted_on=on, today=on)
    svc.decide(db, admin, app_id, approve=approve, on=on, amount="3000" if approve else None,
               reason="" if approve else "经核实不属于急难情形", today=on)
    return app_id


def url_of(district: District) -> str:
    return district.db.url.render_as_string(hide_password=False)


def test_paperwork_after_help_is_among_the_deadlines_until_completed(district: District) -> None:
    db, admin = district.db, district.admin
    emergency = help_first(district)
    refused = help_first(district, "孙二", approve=False)  # decided, nothing more to do: not listed
    open_app = svc.accept(db, admin, household_id=make_household(db, district.regions["八泉社区"], "张三"),
                          category="dibao", accepted_on=D("2026-05-11"), today=D("2026-05-11"))

    rows = {r.id: r for r in svc.deadlines(db, admin, as_of=D("2026-05-08"))}
    assert set(rows) == {emergency} and refused not in rows  # nor open_app, accepted after 5/08
    rows.update({r.id: r for r in svc.deadlines(db, admin, as_of=D("2026-05-11")) if r.id == open_app})
    row = rows[emergency]
    assert (row.status, row.after_help, row.next_step, row.step_due_on, row.effective_due_on) == (
        "approved", True, "check", D("2026-05-09"), D("2026-05-09"))
    assert (row.working_days_left, row.overdue, row.warning) == (1, False, "")
    assert row.status_label == "已批准(先行救助、待补办)"
    assert not rows[open_app].after_help and rows[open_app].status_label == "办理中"

    late = svc.deadlines(db, admin, as_of=D("2026-05-12"), overdue_only=True)
    assert [(r.id, r.working_days_left) for r in late] == [(emergency, -2)]

    # the open list and the approved list are what they were; the paperwork is under both filters it belongs to
    assert [r.id for r in svc.list_applications(db, admin, as_of=D("2026-05-12"))] == [open_app]
    approved = svc.list_applications(db, admin, as_of=D("2026-05-12"), status="approved")
    assert [(r.id, r.after_help, r.overdue) for r in approved] == [(emergency, True, True)]
    # the list stops at its limit counting both kinds in due order: the help (accepted first) comes first
    assert [r.id for r in svc.list_applications(db, admin, as_of=D("2026-05-12"), status=svc.TO_DO, limit=1)] \
        == [emergency]
    assert [r.id for r in svc.list_applications(db, admin, as_of=D("2026-05-12"), status=svc.TO_DO,
                                                region_id=district.regions["八泉社区"])] == [open_app]

    svc.complete_step(db, admin, emergency, "check", on=D("2026-05-12"), result="passed", today=D("2026-05-12"))
    row = next(r for r in svc.deadlines(db, admin, as_of=D("2026-05-18")) if r.id == emergency)
    assert (row.next_step, row.step_due_on, row.working_days_left, row.overdue) == (
        "investigation", D("2026-05-15"), -1, True)
    svc.complete_step(db, admin, emergency, "investigation", on=D("2026-05-18"), investigators=["甲", "乙"],
                      today=D("2026-05-18"))
    assert [r.id for r in svc.deadlines(db, admin, as_of=D("2026-05-18"))] == [open_app]


def test_the_deadlines_command_shows_and_marks_the_paperwork_after_help(district: District,
                                                                      capsys: pytest.CaptureFixture[str],
                                                                      tmp_path) -> None:  # noqa: ANN001
    emergency = help_first(district)
    open_app = svc.accept(district.db, district.admin, category="dibao", accepted_on=D("2026-05-11"),
                          household_id=make_household(district.db, district.regions["八泉社区"], "张三"),
                          today=D("2026-05-11"))
    url = url_of(district)
    assert cli.main(["deadlines", "--database-url", url, "--as-of", "2026-05-12"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "截至 2026-05-12,办理中申请 2 件(其中先行救助、待补办 1 件):"
    row = next(line for line in lines if line.startswith(f"{emergency}\t"))
    assert row.split("\t")[1:] == ["孙大", "道仕袱村", "临时救助(急难型)", "常规程序", "授权核对", "2026-05-09", "-",
                                   "已逾期 2 个工作日", "先行救助、待补办 已逾期"]
    assert next(line for line in lines if line.startswith(f"{open_app}\t")).endswith("\t")  # no marker, not late

    assert cli.main(["deadlines", "--database-url", url, "--as-of", "2026-05-12", "--overdue", "--json"]) == 0
    [late] = json.loads(capsys.readouterr().out)
    assert {k: late[k] for k in ("id", "status", "after_help", "marker", "next_step", "step_due_on", "due_on",
                                 "decided_on", "working_days_left", "overdue")} == {
        "id": emergency, "status": "approved", "after_help": True, "marker": "先行救助、待补办", "next_step": "check",
        "step_due_on": "2026-05-09", "due_on": None, "decided_on": "2026-05-06", "working_days_left": -2,
        "overdue": True}
    assert cli.main(["deadlines", "--database-url", url, "--as-of", "2026-05-08", "--json"]) == 0
    listed = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert listed[emergency]["working_days_left"] == 1 and not listed[emergency]["overdue"]
    assert open_app not in listed  # accepted on 5/11, after the day asked about
    assert cli.main(["deadlines", "--database-url", url, "--as-of", "2026-05-11", "--json"]) == 0
    listed = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert listed[open_app]["after_help"] is False and listed[open_app]["marker"] == ""
    assert cli.main(["deadlines", "--database-url", url, "--as-of", "2026-05-08", "--overdue"]) == 0
    assert capsys.readouterr().out == "截至 2026-05-08,没有逾期的申请。\n"

    out = tmp_path / "d.xlsx"
    assert cli.main(["deadlines", "--database-url", url, "--as-of", "2026-05-12", "--out", str(out)]) == 0
    assert "已导出办理中及待补办申请 2 件" in capsys.readouterr().out
    sheet = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert sheet[0][0] == "申请清单(办理中及待补办;2026-05-12)"
    assert {r[0]: r[8] for r in sheet[2:]} == {emergency: "已批准(先行救助、待补办)", open_app: "办理中"}


def test_the_applications_list_shows_overdue_paperwork_after_help(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    d = sqlite_district
    emergency = help_first(d)
    open_app = svc.accept(d.db, d.admin, category="dibao", accepted_on=D("2026-05-11"),
                          household_id=make_household(d.db, d.regions["八泉社区"], "张三"), today=D("2026-05-11"))
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    page.as_of = D("2026-05-12")
    assert page.status.currentData() == svc.TO_DO  # chosen when the page opens
    page.overdue.setChecked(True)
    wait_for_background()
    assert [r.id for r in page.model.rows] == [emergency]
    model = page.model
    assert model.data(model.index(0, 5)) == "已批准(先行救助、待补办)"
    assert (model.data(model.index(0, 6)), model.data(model.index(0, 7)), model.data(model.index(0, 8))) == (
        "授权核对", "2026-05-09", "")
    assert model.data(model.index(0, 9)) == model.tr("overdue by {n}").format(n=2)
    assert model.data(model.index(0, 9), 9).color().name() == "#c62828"  # ForegroundRole: red
    assert model.data(model.index(0, 5), 3) == model.tr(
        "Emergency help was given first; the steps left are completed afterwards, each by its own deadline")
    assert page.count_label.text() == page.tr("{n} application(s), {overdue} overdue").format(n=1, overdue=1)
    page.overdue.setChecked(False)
    wait_for_background()
    assert {r.id for r in page.model.rows} == {emergency, open_app}
    page.status.setCurrentIndex(page.status.findData("open"))  # strictly the undecided ones
    wait_for_background()
    assert [r.id for r in page.model.rows] == [open_app]
