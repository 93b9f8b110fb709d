"""Three small defects noticed in session 17: the import history's counts below district level, the
undo question's file name, and the audit search by 户编号."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, update

from desktop.models import ImportBatch
from desktop.rules import idcard
from desktop.rules.codes import Role
from desktop.services import audit
from desktop.services import department_import as di
from desktop.services import households as hs
from desktop.views.context import AppContext
from desktop.views.discovery import ImportHistoryTab
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_import_department import registry, write_list  # noqa: F401 (registry is a fixture)

SCOPED = ("in_assistance", "known", "new", "unassigned")


def _second_list(path: Path) -> Path:
    """The list of write_list with one more row: another file, another content."""
    write_list(path)
    text = path.read_text(encoding="gbk")
    extra = idcard.make("420203", date(1999, 5, 5), 66)
    path.write_text(text + f"子,{extra},八泉街道,飞云,,\r\n", encoding="gbk")
    return path


def test_history_counts_below_district_are_those_of_the_users_regions(db, district: District, registry,  # noqa: F811
                                                                       tmp_path: Path) -> None:
    """The history listed each batch's stored counts, the whole district's, to a 飞云社区 worker whose
    查看明细 counts only the rows of 飞云社区. The history now counts as the detail does."""
    first = di.import_department_list(db, district.admin, write_list(tmp_path / "卫健_名单.csv"), "卫健").batch_id
    second = di.import_department_list(db, district.admin, _second_list(tmp_path / "公安_名单.csv"), "公安").batch_id
    for role in (Role.COMMUNITY_WORKER, Role.SUBDISTRICT_CASEWORKER, Role.ADMIN):
        actor = district.actor(role)
        listed = {b.id: b for b in di.list_batches(db, actor)}
        for batch in (first, second):
            detail = di.count_batch_rows(db, actor, batch)
            shown = listed[batch].counts
            assert {k: shown[k] for k in SCOPED} == {k: detail[k] for k in SCOPED}, (role, batch)
            assert shown["duplicates"] == detail[di.DUPLICATE] and sum(shown["invalid"].values()) == detail["invalid"]
            assert shown["valid"] == detail["in_assistance"] + detail["known"] + detail["new"]
            assert shown["data_rows"] == sum(detail[k] for k in di.OUTCOMES), (role, batch)
    worker = {b.id: b.counts for b in di.list_batches(db, district.actor(Role.COMMUNITY_WORKER))}
    # 丙 (new, 飞云社区) in the first list; 丙 and 子 in the second; the district's rows are not counted
    assert (worker[first]["new"], worker[first]["known"], worker[first]["data_rows"]) == (1, 0, 1)
    assert (worker[second]["new"], worker[second]["data_rows"]) == (2, 2)
    whole = {b.id: b.counts for b in di.list_batches(db, district.admin)}
    assert whole[first]["known"] == 1 and whole[first]["data_rows"] > 1


def test_history_counts_below_district_take_one_query_for_every_batch(db, district: District, registry,  # noqa: F811
                                                                     tmp_path: Path) -> None:
    di.import_department_list(db, district.admin, write_list(tmp_path / "卫健_名单.csv"), "卫健")
    di.import_department_list(db, district.admin, _second_list(tmp_path / "公安_名单.csv"), "公安")
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:  # noqa: ANN001, ANN002
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        assert len(di.list_batches(db, district.actor(Role.COMMUNITY_WORKER))) == 2
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert len([s for s in statements if "import_rows" in s]) == 1, statements


def test_history_window_of_a_community_worker_shows_its_own_counts(qtbot, chinese, district: District,
                                                                  registry, tmp_path: Path) -> None:  # noqa: F811
    batch = di.import_department_list(district.db, district.admin, write_list(tmp_path / "卫健_名单.csv"),
                                      "卫健").batch_id
    worker = district.actor(Role.COMMUNITY_WORKER)
    tab = ImportHistoryTab(AppContext(district.db, worker))
    qtbot.addWidget(tab)
    from PySide6.QtCore import Qt

    names = [tab.model.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.model.columnCount())]
    row = {names[c]: tab.model.index(0, c).data() for c in range(len(names))}
    detail = di.count_batch_rows(district.db, worker, batch)
    assert str(row["已在册"]) == str(detail["known"]) == "0", row
    assert str(row["新发现"]) == str(detail["new"]) == "1", row
    assert "只计您所辖区划内的行" in tab.table.horizontalHeader().toolTip()
    whole = ImportHistoryTab(AppContext(district.db, district.admin))
    qtbot.addWidget(whole)
    assert whole.table.horizontalHeader().toolTip() == ""


def test_undo_question_names_the_batch_as_read_afresh(qtbot, district: District, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The question named the file as the (possibly stale) list had it; it now names what undo_info read."""
    from PySide6.QtWidgets import QInputDialog

    db = district.db
    batch = di.import_department_list(db, district.admin, write_list(tmp_path / "卫健_名单.csv"), "卫健").batch_id
    tab = ImportHistoryTab(AppContext(db, district.admin))
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    with db.session_factory() as s:  # changed since the list was read
        s.execute(update(ImportBatch).where(ImportBatch.id == batch).values(file_name="卫健_名单_改.csv"))
        s.commit()
    asked: list[str] = []  # the question; answered with Cancel
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda _parent, _title, label, *_a, **_k: (asked.append(label), ("", False))[1]))
    tab.undo_button.click()
    assert wait_for_background()
    assert len(asked) == 1 and "卫健_名单_改.csv" in asked[0], asked


def test_a_household_code_does_not_find_entries_whose_text_merely_contains_it(district: District) -> None:
    """户编号 1001 typed in 包含 also gave the region.add entry of 八泉社区, whose description contains
    “1001” (区划代码 420203001001). A whole 户编号 now means that household's entries only."""
    def make(name: str, number: str, code: str) -> int:
        return hs.create_household(district.db, district.admin, region_id=district.regions["八泉社区"],
                                   address="八泉路1号", head={"name": name, "id_number": number}, code=code)

    short = make("张三", "420203199001011238", "1001")
    long = make("李四", "11010519491231002X", "10012")
    admin = district.actor(Role.ADMIN)
    rows = audit.list_entries(district.db, admin, audit.AuditFilter(text="1001"))
    assert {r.household_id for r in rows} == {short}, [(r.action, r.detail) for r in rows]
    assert {r.household_id for r in audit.list_entries(district.db, admin, audit.AuditFilter(text="10012"))} == {long}
    # text that is no household's code is still found wherever it is contained
    assert "region.add" in {r.action for r in audit.list_entries(district.db, admin, audit.AuditFilter(text="3001"))}
