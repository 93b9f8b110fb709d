"""The deadlines list never silently drops rows. It kept the first 5,000 applications by their whole
procedure's deadline and only then kept the overdue ones, so with more open applications ``--overdue``
missed one whose current step was late but whose whole procedure was due far off; and the text and the
JSON stopped at 5,000 rows without saying so. A small limit stands in for 5,000 here.

Hand-computed (2026, no holidays in March): 张三 accepted Monday 03-02 on the regular track, its data check
due 3 working days later, Thursday 03-05, its whole procedure 30 working days later, 04-14 (04-06 off). 甲 and 乙 accepted
Monday 03-09 on the commitment track: data check due 03-12, whole procedure due 10 working days later,
03-23, sooner than 张三's. On Tuesday 03-10 only 张三 is overdue (by 3 working days: 03-06, 03-09, 03-10)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from python_calamine import CalamineWorkbook

from desktop import cli
from desktop.services import applications as svc
from desktop.views.applications import ApplicationsPage
from desktop.views.context import AppContext
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_applications import make_household

D = date.fromisoformat
AS_OF = "2026-03-10"


def three(district: District) -> tuple[int, int, int]:
    db, admin = district.db, district.admin
    late = svc.accept(db, admin, household_id=make_household(db, district.regions["八泉社区"], "张三"),
                      category="dibao", accepted_on=D("2026-03-02"), today=D("2026-03-02"))
    soon = []
    for name in ("甲", "乙"):
        soon.append(svc.accept(db, admin, household_id=make_household(db, district.regions["八泉社区"], name),
                               category="dibao", track="commitment", accepted_on=D("2026-03-09"),
                               commitment=svc.CommitmentInput(name, D("2026-03-09")), today=D("2026-03-09")))
    return late, soon[0], soon[1]


def run(district: District, capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    url = district.db.url.render_as_string(hide_password=False)
    assert cli.main(["deadlines", "--as-of", AS_OF, *argv, "--database-url", url]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_overdue_looks_past_the_limit(district: District, monkeypatch: pytest.MonkeyPatch) -> None:
    late, a, b = three(district)
    monkeypatch.setattr(svc, "LIST_LIMIT", 2)
    listed = svc.deadlines(district.db, district.admin, as_of=D(AS_OF))
    assert [r.id for r in listed] == [a, b] and listed.total == 3 and listed.truncated  # soonest due: 03-12
    overdue = svc.deadlines(district.db, district.admin, as_of=D(AS_OF), overdue_only=True)
    assert [(r.id, r.step_due_on, r.due_on, r.working_days_left) for r in overdue] == [
        (late, D("2026-03-05"), D("2026-04-14"), -3)]
    assert overdue.total == 1 and not overdue.truncated
    # with more overdue than the limit: the soonest due of them, and how many in all
    assert [r.id for r in svc.deadlines(district.db, district.admin, as_of=D("2026-03-13"), overdue_only=True)] \
        == [late, a]
    cut = svc.deadlines(district.db, district.admin, as_of=D("2026-03-13"), overdue_only=True, limit=1)
    assert [r.id for r in cut] == [late] and cut.total == 3 and cut.truncated
    # the other filter computed per row, the next step, looks at every application too
    assert [r.id for r in svc.list_applications(district.db, district.admin, as_of=D(AS_OF), next_step="check",
                                                limit=1)] == [late]


def test_the_command_says_when_it_cuts(district: District, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # noqa: ANN001
    late, a, b = three(district)
    monkeypatch.setattr(svc, "LIST_LIMIT", 2)
    lines = run(district, capsys).splitlines()
    assert [int(line.split("\t")[0]) for line in lines if line.split("\t")[0].isdigit()] == [a, b]
    assert lines[-1] == "仅显示前 2 件,共 3 件;用 --out 导出全部"
    # --json is for scripts: every application, a list as before
    value = json.loads(run(district, capsys, "--json"))
    assert sorted(r["id"] for r in value) == sorted([late, a, b])
    # overdue only: 张三 found, nothing cut, nothing said about it
    lines = run(district, capsys, "--overdue").splitlines()
    assert [line.split("\t")[0] for line in lines[2:]] == [str(late)] and "仅显示" not in "".join(lines)
    value = json.loads(run(district, capsys, "--overdue", "--json"))
    assert [r["id"] for r in value] == [late]
    # --out writes them all
    out = tmp_path / "期限.xlsx"
    assert "已导出办理中及待补办申请 3 件" in run(district, capsys, "--out", str(out))
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("申请").to_python()
    assert sorted(r[1] for r in rows[2:]) == ["乙", "张三", "甲"]


def test_the_page_finds_the_same_overdue_past_its_limit(qtbot, sqlite_district: District,  # noqa: ANN001
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    late, _a, _b = three(sqlite_district)
    monkeypatch.setattr(svc, "LIST_LIMIT", 2)
    page = ApplicationsPage(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(page)
    page.as_of = D(AS_OF)
    page.overdue.setChecked(True)
    wait_for_background()
    assert [r.id for r in page.model.rows] == [late]
    assert page.count_label.text() == page.tr("{n} application(s), {overdue} overdue").format(n=1, overdue=1)


def test_overdue_only_agrees_with_the_whole_list_on_the_demo(db) -> None:  # noqa: ANN001
    """The SQL bound leaves out only applications that cannot be overdue yet: over the demo's autumn,
    holidays included (National Day), overdue only lists exactly the overdue rows of the whole list."""
    from desktop.services import demo
    from desktop.services.auth import login

    demo.build_demo(db, households=300, seed=3)
    admin = login(db, "admin", "admin123")
    for as_of in [demo.END - timedelta(days=n) for n in (0, 3, 9, 40, 58, 61, 70)]:
        every = svc.deadlines(db, admin, as_of=as_of, limit=100_000)
        overdue = svc.deadlines(db, admin, as_of=as_of, overdue_only=True, limit=100_000)
        assert [r.id for r in overdue] == [r.id for r in every if r.overdue], as_of
        assert overdue.total == len(overdue)
