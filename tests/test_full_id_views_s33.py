"""RULES.md §4: screens show masked ID numbers unless the role needs the full number, and every
full-number view is logged. The lists that show whole numbers to the roles that may see them (the
household browser, the clue inbox, an import's rows) write one audit line for each set of rows
asked for; the referral list shows no ID number and logs nothing; the registry pickers of the clue
form and the assessment wizard show masked numbers; the clue form's whole number is logged when it is
opened for editing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.models import AuditEntry
from desktop.rules import idcard
from desktop.rules.codes import Role, SourceLevel
from desktop.services import assessment, audit, clues, referrals
from desktop.services import department_import as di
from desktop.services import households as hs
from desktop.services.base import Actor
from desktop.views.board import ReferralsTab
from desktop.views.context import AppContext
from desktop.views.discovery import BatchRowsDialog, ClueInboxTab
from desktop.views.households import HouseholdsPage
from tests.district import District

pytestmark = pytest.mark.usefixtures("chinese")

ZHANG = "420203199001011238"
LI = "11010519491231002X"


def _lines(d: District, action: str = "list.view_full_id") -> list[AuditEntry]:
    with d.db.session_factory() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def _homes(d: District) -> dict[str, int]:
    return {name: hs.create_household(d.db, d.admin, region_id=d.regions[community], address="八泉路1号",
                                      head={"name": name, "id_number": number})
            for name, number, community in (("张三", ZHANG, "八泉社区"), ("李四", LI, "闸口社区"))}


def test_a_list_of_whole_numbers_is_logged_for_the_roles_that_see_them(district: District) -> None:
    d = district
    _homes(d)
    flt = hs.HouseholdFilter(region_id=d.regions["八泉街道"], search="张")
    assert hs.log_list_view(d.db, d.admin, flt, 1)
    [line] = _lines(d)
    assert line.username == Role.ADMIN.value and line.entity == "households" and line.entity_id is None
    assert line.detail == "查看家庭列表(显示完整身份证号):区域:八泉街道;搜索:张,1 条"
    assert line.after == {"shown": "区域:八泉街道;搜索:张", "rows": 1}
    assert audit.ACTION_LABELS[line.action] == "查看完整身份证号(列表)"
    assert line.action in audit.GROUPS["access"][1]  # listed under 导出与查看完整身份证号
    assert hs.log_list_view(d.db, d.actor(Role.SUBDISTRICT_CASEWORKER), hs.HouseholdFilter(), 1)
    # roles that see masked numbers have nothing to log; the command line (IT's system actor) is logged
    for actor in (d.actor(Role.COMMUNITY_WORKER), d.actor(Role.SUPERVISOR)):
        assert not hs.log_list_view(d.db, actor, hs.HouseholdFilter(), 2)
    assert hs.log_list_view(d.db, Actor.system("IT-PC\\it"), hs.HouseholdFilter(), 2)
    assert [e.username for e in _lines(d)] == [Role.ADMIN.value, Role.SUBDISTRICT_CASEWORKER.value, "system"]
    assert _lines(d)[-1].workstation == "IT-PC\\it"


def test_each_list_says_what_it_showed(district: District) -> None:
    d = district
    clues.log_list_view(d.db, d.admin, clues.ClueFilter(statuses=("new",), region_id=d.regions["闸口社区"],
                                                        text="王"), 12345)
    di.log_rows_view(d.db, d.admin, 987, ("known", "new"), 3)
    di.log_rows_view(d.db, d.admin, 987, "unassigned", 2)
    di.log_rows_view(d.db, d.admin, 987, None, 5)
    assert [(e.entity, e.detail) for e in _lines(d)] == [
        ("clues", "查看线索收件箱(显示完整身份证号):状态:新线索;区划:闸口社区;搜索:王,12,345 条"),
        ("import_rows", "查看导入名单的行(显示完整身份证号):批次 987;已在册、未在保、新发现,3 条"),
        ("import_rows", "查看导入名单的行(显示完整身份证号):批次 987;未分派区划,2 条"),
        ("import_rows", "查看导入名单的行(显示完整身份证号):批次 987;全部行,5 条"),
    ]


def test_the_clue_forms_whole_number_is_logged_and_the_pickers_are_masked(district: District) -> None:
    d = district
    homes = _homes(d)
    clue_id = clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level=SourceLevel.DEPARTMENT, source="civil_affairs", reported_on=date(2026, 11, 2),
        description="独居老人", person_name="张三", id_number=ZHANG, household_id=homes["张三"]))
    assert clues.full_id_number(d.db, d.admin, clue_id) == ZHANG
    [line] = _lines(d, "clue.view_full_id")
    assert line.entity_id == clue_id and line.household_id == homes["张三"]
    assert line.detail == f"修改线索(编号 {clue_id},张三),显示完整身份证号"
    assert line.action in audit.GROUPS["access"][1] and audit.ACTION_LABELS[line.action] == "查看完整身份证号(线索)"
    # the pickers: a person or household is picked by name, region and address, not by a number on screen
    masked = idcard.mask(ZHANG)
    assert [p.id_number for p in clues.search_people(d.db, d.admin, "张三")] == [masked]
    assert [h.head_id for h in assessment.search_households(d.db, d.admin, "张三")] == [masked]
    assert [h.head_id for h in assessment.search_households(d.db, d.admin, ZHANG)] == [masked]


def test_the_household_browser_logs_each_set_of_rows_once(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    d = sqlite_district
    _homes(d)
    page = HouseholdsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    page.model.wait_for_count()
    assert page.model.data(page.model.index(0, 2)) == ZHANG  # whole, as the role may see it
    assert _lines(d) == []  # loaded behind another page (the window builds them all at start): not seen yet
    page.show()
    assert [e.detail for e in _lines(d)] == ["查看家庭列表(显示完整身份证号):全部,2 条"]
    page.hide()
    page.show()  # back to the page: the same rows
    page.model.sort(1, Qt.SortOrder.DescendingOrder)  # the same rows in another order
    page.model.wait_for_count()
    page.refresh_rows()  # someone saved: the same rows read again
    page.model.wait_for_count()
    assert len(_lines(d)) == 1
    page.search.setText("李四")
    page.apply_filter()
    page.model.wait_for_count()
    assert [e.detail for e in _lines(d)][1:] == ["查看家庭列表(显示完整身份证号):搜索:李四,1 条"]
    # a community worker's browser shows masked numbers and logs nothing
    worker = HouseholdsPage(AppContext(d.db, d.actor(Role.COMMUNITY_WORKER)))
    qtbot.addWidget(worker)
    worker.show()
    worker.model.wait_for_count()
    assert len(_lines(d)) == 2


def test_the_inbox_and_an_imports_rows_log_what_they_show_and_the_referral_list_shows_no_number(
        qtbot, sqlite_district: District, tmp_path: Path) -> None:  # noqa: ANN001
    d = sqlite_district
    homes = _homes(d)
    ctx = AppContext(d.db, d.admin)
    clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level=SourceLevel.DEPARTMENT, source="civil_affairs", reported_on=date(2026, 11, 2),
        description="独居老人", person_name="张三", id_number=ZHANG, household_id=homes["张三"]))
    inbox = ClueInboxTab(ctx)
    qtbot.addWidget(inbox)
    inbox.show()
    inbox.refresh()  # as the change feed does: the same clues
    assert [e.detail for e in _lines(d)] == ["查看线索收件箱(显示完整身份证号):状态:新线索、已分派、调查中,1 条"]

    listed = tmp_path / "民政_名单.csv"
    listed.write_text(f"姓名,身份证号\n张三,{ZHANG}\n王五,{idcard.make('420203', date(1970, 5, 6), 7)}\n王六,123\n",
                      encoding="utf-8")
    di.import_department_list(d.db, d.admin, listed, "民政")
    batch = di.list_batches(d.db, d.admin)[0]
    rows = BatchRowsDialog(ctx, batch)
    qtbot.addWidget(rows)
    rows.show()
    rows.outcome.setCurrentIndex(rows.outcome.findData("invalid"))
    rows.outcome.setCurrentIndex(rows.outcome.findData("invalid"))  # chosen again: nothing new shown
    name = f"批次 {batch.id}(民政_名单.csv)"
    assert [e.detail for e in _lines(d)][1:] == [f"查看导入名单的行(显示完整身份证号):{name};全部行,3 条",
                                                f"查看导入名单的行(显示完整身份证号):{name};无效,1 条"]

    referrals.create_referral(d.db, d.admin, homes["李四"], department="medical_insurance", need="住院费用报销",
                               due_on=date(2026, 12, 31))
    tab = ReferralsTab(ctx, None)  # type: ignore[arg-type]
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()  # the first time the tab is shown
    tab.refresh()
    # the list shows the head's name, no ID number (the letter and the export carry it, each logged)
    assert tab.model.rows[0].head_id_masked == idcard.mask(LI)
    assert len(_lines(d)) == 3


def test_the_command_line_logs_the_whole_numbers_it_prints(district: District,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """``clue list`` and ``clue show`` (and ``clue edit``, which prints the clue it saved) print whole
    numbers: each is logged as IT's system actor, with the computer and account that ran it."""
    from desktop import cli, config

    d = district
    homes = _homes(d)
    clue_id = clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level=SourceLevel.DEPARTMENT, source="civil_affairs", reported_on=date(2026, 11, 2),
        description="独居老人", person_name="张三", id_number=ZHANG, household_id=homes["张三"],
        region_id=d.regions["八泉社区"]))
    url = d.db.url.render_as_string(hide_password=False)
    assert cli.main(["--database-url", url, "clue", "list", "--text", "张"]) == 0
    assert ZHANG in capsys.readouterr().out
    [line] = _lines(d)
    assert (line.username, line.entity, line.after) == ("system", "clues", {"shown": "搜索:张", "rows": 1})
    assert line.workstation == config.command_line_station()
    assert cli.main(["--database-url", url, "clue", "list", "--text", "无此人", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [] and len(_lines(d)) == 1  # nothing shown, nothing logged
    assert cli.main(["--database-url", url, "clue", "show", str(clue_id), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["id_number"] == ZHANG
    assert cli.main(["--database-url", url, "clue", "edit", str(clue_id), "--phone", "13800000000"]) == 0
    assert ZHANG in capsys.readouterr().out
    shown = _lines(d, "clue.view_full_id")
    assert [(e.username, e.entity_id, e.household_id, e.detail) for e in shown] == [
        ("system", clue_id, homes["张三"], f"查看线索(编号 {clue_id},张三),显示完整身份证号")] * 2
    # a clue with no number has nothing to log
    bare = clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level=SourceLevel.DEPARTMENT, source="civil_affairs", reported_on=date(2026, 11, 2),
        description="x", person_name="无证人"))
    assert cli.main(["--database-url", url, "clue", "show", str(bare)]) == 0
    capsys.readouterr()
    assert len(_lines(d, "clue.view_full_id")) == 2


def test_the_import_wizard_preview_logs_the_numbers_it_shows(qtbot, sqlite_district: District,  # noqa: ANN001
                                                             tmp_path: Path) -> None:
    """The preview shows the department file's first ID numbers whole to the roles that import: one
    line for each file, sheet and column shown, not again on coming back to it."""
    from desktop.views.operations import wait_for_background
    from tests.test_quit_while_busy import at_the_preview

    d = sqlite_district
    wizard = at_the_preview(qtbot, d, tmp_path)
    assert wizard.currentPage() is wizard.preview_page
    [line] = _lines(d)
    assert (line.entity, line.after) == ("import_preview", {"shown": "文件《分街道名单.xlsx》;工作表 八泉街道", "rows": 2})
    assert line.detail == "查看导入文件的预览(显示完整身份证号):文件《分街道名单.xlsx》;工作表 八泉街道,2 条"
    assert audit.list_entries(d.db, d.admin)[0].target == "导入文件的预览"
    wizard.back()
    wizard.next()
    assert len(_lines(d)) == 1  # the same rows again
    wizard.back()
    mapping = wizard.mapping_page
    mapping.sheet.setCurrentIndex(mapping.sheet.findText("河口镇"))
    mapping.reread.click()
    assert wait_for_background()
    wizard.next()
    assert [e.after for e in _lines(d)][1:] == [{"shown": "文件《分街道名单.xlsx》;工作表 河口镇", "rows": 1}]
