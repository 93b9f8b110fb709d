"""The discovery views driven like a user would: the clue form and inbox, the department-list
wizard on the sample files (the counts it shows must equal expected.json), the register dialog."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox
from sqlalchemy import func, select

from desktop import config
from desktop.models import Clue, Household, ImportBatch, Member
from desktop.rules import idcard
from desktop.rules.codes import Role, SourceLevel
from desktop.services import auth, clues
from desktop.services import department_import as di
from desktop.views import clue_form
from desktop.views.context import AppContext
from desktop.views.discovery import BatchRowsDialog, ClueInboxTab, DiscoveryPage, ImportHistoryTab
from desktop.views.import_wizard import DepartmentImportWizard
from desktop.views.operations import wait_for_background
from desktop.views.register_import import RegisterImportDialog
from tests.columns import menu_actions, shown_columns
from tests.discard import check_discard_question
from tests.district import District
from tests.test_cut_lists import _batches
from tests.test_import_department import write_list_per_sheet

SAMPLES = Path("/work/shared/samples")
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8")) if SAMPLES.exists() else {}
DEPARTMENT_FILES = [name for name, spec in EXPECTED.items() if "department" in spec]
ID_A = idcard.make("420203", date(1968, 4, 2), 15)

needs_samples = pytest.mark.skipif(not SAMPLES.exists(), reason="shared sample files not present")


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes answer at once (Yes) and are recorded instead of blocking."""
    seen: list[str] = []

    def record(answer):  # noqa: ANN001, ANN202
        def box(parent, title, text, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            seen.append(text)
            return answer
        return staticmethod(box)

    monkeypatch.setattr(QMessageBox, "warning", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", record(QMessageBox.StandardButton.Yes))
    return seen


def _count(db, model, *where) -> int:  # noqa: ANN001
    with db.session_factory() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _household(db, region_id: int, name: str, number: str, category: str = "none") -> int:  # noqa: ANN001
    with db.session_factory() as s:
        h = Household(region_id=region_id, head_name=name, head_id_number=number, head_id_reversed=number[::-1],
                      member_count=1, category=category, address="飞云社区3栋")
        s.add(h)
        s.flush()
        s.add(Member(household_id=h.id, name=name, id_number=number, id_reversed=number[::-1], relation="self"))
        s.commit()
        return h.id


def _close_first_clue(monkeypatch: pytest.MonkeyPatch, inbox, answer) -> None:  # noqa: ANN001
    """Close the inbox's first clue, the closing dialog filled in (and answered) by ``answer``."""
    monkeypatch.setattr(clue_form.CloseClueDialog, "exec", answer)
    inbox.table.selectRow(0)
    inbox.close_clue()


# -- the clue form and inbox ------------------------------------------------------------------


def test_clue_form_records_a_new_person(qtbot, sqlite_district: District, messages: list[str]) -> None:
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    form = clue_form.ClueForm(ctx)
    qtbot.addWidget(form)
    form.name.setText("周玉兰")
    qtbot.keyClicks(form.id_number, ID_A[:-1] + ("0" if ID_A[-1] != "0" else "1"))  # wrong check character
    assert "校验码" in form.id_hint.text()
    form.id_number.setText(ID_A.lower())
    assert "1968-04-02" in form.id_hint.text()
    form.level.setCurrentIndex(form.level.findData(SourceLevel.VERTICAL.value))
    form.source.setCurrentIndex(form.source.findData("grid"))
    form.channel.setCurrentIndex(form.channel.findData("screening"))
    form.region.setCurrentIndex(form.region.findData(d.regions["飞云社区"]))
    form.phone.setText("13907140000")
    form.reported_by.setText("网格员 小周")

    qtbot.mouseClick(form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert form.result() == 0 and "发现的情况" in form.message.text()  # description missing: kept open
    assert "border" in form.description.styleSheet()
    form.description.setPlainText("老人独居,行动不便")
    with qtbot.waitSignal(ctx.changes.changed):
        qtbot.mouseClick(form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert form.result() == 1
    saved = clues.get_clue(d.db, d.admin, form.saved_id)
    assert (saved.person_name, saved.id_number, saved.source, saved.channel, saved.region_name, saved.status) == (
        "周玉兰", ID_A, "grid", "screening", "飞云社区", "assigned")  # filed with its community: assigned there

    # A second clue about the same person asks first (answered Yes here) and names the open clue.
    again = clue_form.ClueForm(ctx)
    qtbot.addWidget(again)
    again.name.setText("周玉兰")
    again.id_number.setText(ID_A)
    again.description.setPlainText("再次反映")
    again.save()
    assert any(f"#{saved.id}" in m for m in messages)
    assert _count(d.db, Clue) == 2


def test_clue_form_links_a_registry_household(qtbot, sqlite_district: District) -> None:
    d = sqlite_district
    hid = _household(d.db, d.regions["飞云社区"], "钱多多", ID_A)
    worker = d.actor(Role.COMMUNITY_WORKER)
    ctx = AppContext(d.db, worker)
    form = clue_form.ClueForm(ctx)
    qtbot.addWidget(form)
    assert form.region.currentData() == d.regions["飞云社区"]  # the worker's own community
    form.search.setText(ID_A[-6:])
    form.run_search()
    assert form.results.count() == 1 and "钱多多" in form.results.item(0).text()
    assert idcard.mask(ID_A) in form.results.item(0).text()  # masked for a community worker
    form.pick_result(form.results.item(0))
    assert form.household_id == hid and "钱多多" in form.link_label.text()
    form.description.setPlainText("家中失火")
    form.save()
    assert form.result() == 1
    info = clues.get_clue(d.db, worker, form.saved_id)
    assert info.household_id == hid and info.id_number == idcard.mask(ID_A)
    with d.db.session_factory() as s:
        assert s.scalar(select(Clue.id_number).where(Clue.id == form.saved_id)) == ID_A

    # Editing keeps the (masked) number and saves with the version it loaded.
    edit = clue_form.ClueForm(ctx, clue_id=form.saved_id)
    qtbot.addWidget(edit)
    assert edit.id_number.text() == "" and idcard.mask(ID_A) in edit.id_number.placeholderText()
    edit.description.setPlainText("家中失火,已安置")
    edit.save()
    assert edit.result() == 1
    with d.db.session_factory() as s:
        clue = s.get(Clue, form.saved_id)
        assert clue is not None and clue.id_number == ID_A and clue.description == "家中失火,已安置"


def test_edit_conflict_keeps_input(qtbot, sqlite_district: District, messages: list[str]) -> None:
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    clue_id = clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level="informant", source="volunteer", reported_on=date.today(), description="原始", person_name="甲"))
    form = clue_form.ClueForm(ctx, clue_id=clue_id)
    qtbot.addWidget(form)
    clues.update_clue(d.db, d.actor(Role.DISTRICT_REVIEWER), clue_id, clues.ClueInput(
        source_level="informant", source="volunteer", reported_on=date.today(), description="别人改的",
        person_name="甲"), expected_version=1)
    form.description.setPlainText("我的修改")
    form.save()
    assert form.result() == 0 and "测试district_reviewer" in form.message.text()
    assert form.description.toPlainText() == "我的修改"


def test_inbox_assign_and_close_start_an_application(qtbot, sqlite_district: District, messages: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    ids = [clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level="informant", source="building_head", reported_on=date.today(), description=f"情况{i}",
        person_name=f"孙{i}", id_number=idcard.make("420203", date(1950, 1, 1 + i), 40 + i))) for i in range(3)]
    page = DiscoveryPage(ctx)
    qtbot.addWidget(page)
    inbox = page.inbox
    assert inbox.model.rowCount() == 3 and "新线索 3" in inbox.counts.text()
    inbox.table.selectAll()
    assert inbox.assign_button.isEnabled() and not inbox.close_button.isEnabled()

    def choose(dialog) -> int:  # noqa: ANN001
        dialog.region.setCurrentIndex(dialog.region.findData(d.regions["闸口社区"]))
        return 1

    monkeypatch.setattr(clue_form.AssignDialog, "exec", choose)
    inbox.assign()
    assert wait_for_background()
    assert "已分派 3" in inbox.counts.text()  # refreshed through the change feed
    assert {c.region_name for c in inbox.model.rows} == {"闸口社区"}

    row = next(r for r, c in enumerate(inbox.model.rows) if c.id == ids[0])
    inbox.table.clearSelection()
    inbox.table.selectRow(row)
    inbox.investigate()
    assert clues.get_clue(d.db, d.admin, ids[0]).status == "investigating"

    def close_passed(dialog) -> int:  # noqa: ANN001
        dialog.choices["passed"].setChecked(True)
        return 1

    monkeypatch.setattr(clue_form.CloseClueDialog, "exec", close_passed)
    inbox.table.selectRow(next(r for r, c in enumerate(inbox.model.rows) if c.id == ids[0]))
    with qtbot.waitSignal(ctx.nav.applyForHousehold) as signal:
        inbox.close_clue()
    info = clues.get_clue(d.db, d.admin, ids[0])
    assert info.status == "closed" and info.outcome == "passed" and signal.args == [info.household_id]
    with d.db.session_factory() as s:
        assert s.get(Household, info.household_id).stage == "applying"  # type: ignore[union-attr]
    # Closed clues leave the default "open clues" view.
    assert ids[0] not in {c.id for c in inbox.model.rows}
    inbox.status.setCurrentIndex(inbox.status.findText(clues.STATUS_LABELS["closed"]))
    assert [c.id for c in inbox.model.rows] == [ids[0]]


def test_inbox_says_what_became_of_a_clue_that_leaves_the_list(qtbot, sqlite_district: District,
                                                                messages: list[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Filtered on 新线索, an assigned clue vanished from the list without a word (the count of
    assigned clues went into an attribute nobody showed); starting the investigation and closing did
    the same. A line under the buttons now says what was done and where the clue is listed."""
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    clue_id = clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level="informant", source="building_head", reported_on=date.today(), description="独居老人",
        person_name="赵桂兰", id_number=idcard.make("420203", date(1955, 3, 12), 2)))
    page = DiscoveryPage(ctx)
    qtbot.addWidget(page)
    inbox = page.inbox
    inbox.status.setCurrentIndex(inbox.status.findText(clues.STATUS_LABELS["new"]))
    assert inbox.message.isHidden()
    inbox.table.selectRow(0)

    def choose(dialog) -> int:  # noqa: ANN001
        dialog.region.setCurrentIndex(dialog.region.findData(d.regions["飞云社区"]))
        return 1

    monkeypatch.setattr(clue_form.AssignDialog, "exec", choose)
    inbox.assign()
    assert wait_for_background()
    assert inbox.model.rowCount() == 0  # gone from 新线索
    assert not inbox.message.isHidden() and "1" in inbox.message.text() and "飞云社区" in inbox.message.text()
    inbox.status.setCurrentIndex(0)  # open clues
    inbox.table.selectRow(0)
    inbox.investigate()
    assert f"#{clue_id}" in inbox.message.text() and "赵桂兰" in inbox.message.text()

    def close_class_2(dialog) -> int:  # noqa: ANN001
        dialog.choices["class_2"].setChecked(True)
        return 1

    _close_first_clue(monkeypatch, inbox, close_class_2)
    assert inbox.model.rowCount() == 0
    assert clues.OUTCOME_LABELS["class_2"] in inbox.message.text() and f"#{clue_id}" in inbox.message.text()


def test_inbox_fetches_more_as_the_user_scrolls(qtbot, sqlite_district: District,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    d = sqlite_district
    ids = [clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level="vertical", source="grid", reported_on=date.today(), description="x", person_name=f"吴{i}"))
        for i in range(7)]
    monkeypatch.setattr(clues, "PAGE_SIZE", 3)
    page = DiscoveryPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    model = page.inbox.model
    assert model.rowCount() == 3 and model.canFetchMore()
    while model.canFetchMore():
        model.fetchMore()
    assert [c.id for c in model.rows] == sorted(ids, reverse=True)


def test_inbox_filters_and_roles(qtbot, sqlite_district: District) -> None:
    d = sqlite_district
    for i, (level, source, region) in enumerate([("vertical", "grid", None), ("department", "hrss", "飞云社区"),
                                                 ("informant", "volunteer", "闸口社区")]):
        clues.add_clue(d.db, d.admin, clues.ClueInput(
            source_level=level, source=source, reported_on=date.today(), description="x", person_name=f"赵{i}",
            region_id=d.regions[region] if region else None))
    page = DiscoveryPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    inbox = page.inbox
    inbox.source.setCurrentIndex(inbox.source.findData("department|hrss"))
    assert [c.person_name for c in inbox.model.rows] == ["赵1"]
    inbox.source.setCurrentIndex(0)
    inbox.region.setCurrentIndex(inbox.region.findData(-1))  # unassigned
    assert [c.person_name for c in inbox.model.rows] == ["赵0"]
    inbox.region.setCurrentIndex(inbox.region.findData(d.regions["河口镇"]))
    assert [c.person_name for c in inbox.model.rows] == ["赵2"]

    worker_page = DiscoveryPage(AppContext(d.db, d.actor(Role.COMMUNITY_WORKER)))
    qtbot.addWidget(worker_page)
    assert [c.person_name for c in worker_page.inbox.model.rows] == ["赵1"]
    assert not worker_page.department.start.isEnabled()
    supervisor = DiscoveryPage(AppContext(d.db, d.actor(Role.SUPERVISOR)))
    qtbot.addWidget(supervisor)
    assert supervisor.inbox.new_button.isHidden()


# -- the department-list wizard ------------------------------------------------------------


def _file_read(qtbot, ctx: AppContext, path: Path, department: str | None = None) -> DepartmentImportWizard:  # noqa: ANN001
    """A wizard shown, ``path`` and ``department`` chosen on its first page and read (Next pressed)."""
    wizard = DepartmentImportWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    if department:
        wizard.file_page.department.setCurrentIndex(wizard.file_page.department.findText(department))
    assert wizard.file_page.isComplete()
    wizard.next()
    assert wait_for_background()
    return wizard


def _to_mapping_page(qtbot, ctx: AppContext, path: Path, department: str | None = None) -> DepartmentImportWizard:  # noqa: ANN001
    """A wizard shown, ``path`` read, on the page of which column holds which field."""
    wizard = _file_read(qtbot, ctx, path, department)
    assert wizard.currentPage() is wizard.mapping_page
    return wizard


def _run_wizard(qtbot, ctx: AppContext, path: Path, department: str | None = None) -> DepartmentImportWizard:  # noqa: ANN001
    wizard = _to_mapping_page(qtbot, ctx, path, department)
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    wizard.next()
    assert wait_for_background()
    assert wizard.currentPage() is wizard.dry_run_page
    return wizard


def _shape(shown: dict) -> dict:
    return {k: shown[k] for k in ("data_rows", "valid", "invalid", "duplicates", "legacy_15_converted")}


@needs_samples
@pytest.mark.parametrize("name", DEPARTMENT_FILES)
def test_wizard_counts_equal_expected(qtbot, sqlite_district: District, messages: list[str], name: str,
                                      tmp_path: Path) -> None:
    d = sqlite_district
    spec = EXPECTED[name]
    ctx = AppContext(d.db, d.admin)
    wizard = _run_wizard(qtbot, ctx, SAMPLES / name)
    assert wizard.file_page.department.currentText() == spec["department"]  # guessed from the file name
    assert wizard.mapping_page.header_row.value() == spec["header_row"]
    assert wizard.preview_page.model.rowCount() > 0
    want = {k: spec[k] for k in ("data_rows", "valid", "invalid", "duplicates", "legacy_15_converted")}
    dry = wizard.dry_run_page.counts.shown()
    assert _shape(dry) == want
    assert dry["in_assistance"] + dry["known"] + dry["new"] == dry["valid"]
    assert "✓" in wizard.dry_run_page.counts.total_check.text()
    assert _count(d.db, ImportBatch) == 0 and _count(d.db, Clue) == 0  # the dry run wrote nothing
    assert wizard.dry_run_page.isComplete()

    wizard.next()  # the commit button: import
    assert wait_for_background()
    result = wizard.result_page
    assert result.result is not None and result.result.batch_id is not None
    assert _shape(result.counts.shown()) == want
    assert _count(d.db, ImportBatch) == 1
    assert _count(d.db, Clue, Clue.batch_id == result.result.batch_id) == result.counts.value("new")

    out = tmp_path / "errors.xlsx"
    result.save_errors(str(out))
    assert wait_for_background()
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    bad = sum(spec["invalid"].values()) + spec["duplicates"]
    assert sum(1 for r in rows if any(str(c).strip() for c in r)) >= bad  # header rows + the bad rows
    assert sum(1 for r in rows if str(r[-1]).strip()) >= bad  # each carries a reason

    # The same file again: the dry run says so and the import button stays disabled.
    again = _run_wizard(qtbot, ctx, SAMPLES / name)
    assert again.preview is not None and again.preview.remembered  # the department's mapping was kept
    assert "last import" in again.mapping_page.info.text() or "上次" in again.mapping_page.info.text()
    assert "已于" in again.dry_run_page.warning.text() and not again.dry_run_page.isComplete()
    # and its subtitle no longer says to press Import (it said so with the button disabled)
    refused = again.dry_run_page.tr("The whole file was screened; nothing has been written. It was imported "
                                    "before and cannot be imported again.")
    assert again.dry_run_page.subTitle() == refused and wizard.dry_run_page.subTitle() != refused


def test_wizard_says_when_new_people_already_had_an_open_clue(qtbot, sqlite_district: District,
                                                              messages: list[str], tmp_path: Path) -> None:
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    people = [idcard.make("420203", date(1975, 1, 1), n) for n in (71, 72, 73)]
    first = tmp_path / "卫健_困难群众.csv"
    first.write_text("姓名,身份证号\n" + "".join(f"人{n},{p}\n" for n, p in enumerate(people[:2])), encoding="utf-8")
    wizard = _run_wizard(qtbot, ctx, first)
    wizard.next()
    assert wait_for_background() and wizard.result_page.result.clues_created == 2
    first_status = wizard.result_page.status.text()
    second = tmp_path / "医保_大病.csv"
    second.write_text("姓名,身份证号\n" + "".join(f"人{n},{p}\n" for n, p in enumerate(people)), encoding="utf-8")
    wizard = _run_wizard(qtbot, ctx, second)
    assert wizard.dry_run_page.counts.value("new") == 3 and wizard.dry_run_page.counts.value("open_clue") == 2
    wizard.next()
    assert wait_for_background()
    status = wizard.result_page.status.text()
    page = wizard.result_page  # in the language installed (a test before may have installed Chinese)
    assert page.tr(" {n} new person(s) already had an open clue: no second one was made.").format(n=2) in status
    assert page.result.clues_created == 1 and page.result.buckets["new"] == 3
    assert page.tr(" {n} new person(s) already had an open clue: no second one was made.").format(n=2)[4:] \
        not in first_status
    assert _count(d.db, Clue) == 3


def test_wizard_reads_an_xlsx_named_xls_with_remarks_beside_the_numbers(qtbot, sqlite_district: District,
                                                                         messages: list[str], tmp_path: Path) -> None:
    """A system's .xlsx saved under an .xls name, its ID cells with a remark or a couple's numbers:
    the preview marks them ok, and the dry run counts what the command line counts."""
    import xlsxwriter

    d = sqlite_district
    other = idcard.make("420203", date(1971, 5, 6), 27)
    path = tmp_path / "人社_名单.xls"
    book = xlsxwriter.Workbook(str(path))  # written as .xlsx, whatever the name says
    ws = book.add_worksheet("名单")
    for r, row in enumerate([["姓名", "身份证号码"], ["甲", f"{ID_A}（户主）"], ["乙", f"本人:{other} 配偶:{ID_A}"],
                             ["丙", f"{ID_A}、{other}"]]):
        ws.write_row(r, 0, row)
    book.close()
    wizard = _run_wizard(qtbot, AppContext(d.db, d.admin), path)
    model = wizard.preview_page.model
    assert model.colours[:2] == [None, None]
    assert model.colours[2] is not None and "2 个身份证号" in " ".join(model.rows[2])
    dry = wizard.dry_run_page.counts.shown()
    assert (dry["data_rows"], dry["valid"], dry["invalid"], dry["duplicates"]) == (3, 2, {"characters": 1}, 0)


def test_wizard_refuses_a_list_too_long_in_words(qtbot, sqlite_district: District, messages: list[str],
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.io import spreadsheet as ss

    monkeypatch.setattr(ss, "MAX_ROWS", 25)  # the preview shows 20 rows
    path = tmp_path / "人社_名单.csv"
    path.write_text("\n".join(["姓名,身份证号"] + [f"人{i},{ID_A}" for i in range(30)]), encoding="utf-8")
    d = sqlite_district
    wizard = _run_wizard(qtbot, AppContext(d.db, d.admin), path)
    assert "超过 25 行" in wizard.dry_run_page.warning.text() and not wizard.dry_run_page.isComplete()
    assert any("超过 25 行" in m for m in messages)


def test_wizard_names_the_other_sheets_and_reads_the_one_chosen(qtbot, sqlite_district: District,
                                                                 messages: list[str], tmp_path: Path) -> None:
    d = sqlite_district
    path = write_list_per_sheet(tmp_path / "分街道名单.xlsx")
    wizard = _to_mapping_page(qtbot, AppContext(d.db, d.admin), path, "残联")
    page = wizard.mapping_page
    assert page.sheet.currentText() == "八泉街道" and "“河口镇”" in page.info.text()
    page.sheet.setCurrentText("河口镇")
    page.read_again()
    assert wait_for_background()
    wizard.next()
    wizard.next()
    assert wait_for_background()
    assert wizard.currentPage() is wizard.dry_run_page
    assert wizard.dry_run_page.counts.shown()["data_rows"] == 1


def test_history_undoes_a_batch_imported_by_mistake(qtbot, sqlite_district: District, messages: list[str],
                                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    from desktop.services import department_import as di
    from desktop.views.discovery import ImportHistoryTab

    d = sqlite_district
    batch = di.import_department_list(d.db, d.admin, write_list_per_sheet(tmp_path / "分街道名单.xlsx"), "残联")
    tab = ImportHistoryTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    assert tab.undo_button.isEnabled()
    asked: list[str] = []

    def answer(_parent, _title, label, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        asked.append(label)
        return "部门选错", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    tab.undo_button.click()
    assert wait_for_background()
    assert asked and "2" in asked[0]  # says what goes: 2 rows, 2 clues
    assert _count(d.db, ImportBatch) == 0 and _count(d.db, Clue, Clue.batch_id == batch.batch_id) == 0
    assert tab.model.rowCount() == 0 and messages


def test_a_file_dropped_on_the_import_tab_starts_the_import(qtbot, sqlite_district: District, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from desktop.views import import_wizard
    from desktop.views.discovery import ImportLauncherTab

    d = sqlite_district
    tab = ImportLauncherTab(AppContext(d.db, d.admin), "department")
    qtbot.addWidget(tab)
    assert tab.acceptDrops()
    mime = QMimeData()
    path = write_list_per_sheet(tmp_path / "残联_名单.xlsx")
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    assert tab.dropped_file(mime) == str(path)
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "照片.jpg"))])
    assert tab.dropped_file(other) is None
    opened: list[str] = []
    monkeypatch.setattr(import_wizard.DepartmentImportWizard, "exec",
                        lambda self: opened.append(self.file_page.path.text()) or 0)
    tab.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: opened == [str(path)])
    worker = ImportLauncherTab(AppContext(d.db, d.actor("community_worker")), "department")
    qtbot.addWidget(worker)
    assert not worker.acceptDrops()  # imports are not theirs


@needs_samples
def test_wizard_screens_and_assigns(qtbot, sqlite_district: District, messages: list[str]) -> None:
    """Rows of people in assistance are set aside, known households found, the rest assigned in bulk."""
    d = sqlite_district
    name = "残联_持证残疾人名单_2026.csv"
    from desktop.services import department_import as di

    preview = di.preview(SAMPLES / name, "残联")
    col = preview.mapping["id_number"]
    numbers = [idcard.parse(r[col]).number for r in preview.sample_rows if idcard.parse(r[col]).valid]
    _household(d.db, d.regions["八泉社区"], "在保户", numbers[0], category="dibao")
    _household(d.db, d.regions["飞云社区"], "在册户", numbers[1])
    ctx = AppContext(d.db, d.admin)
    wizard = _run_wizard(qtbot, ctx, SAMPLES / name)
    shown = wizard.dry_run_page.counts.shown()
    assert (shown["in_assistance"], shown["known"]) == (1, 1)
    wizard.next()
    assert wait_for_background()
    page = wizard.result_page
    unassigned = page.counts.value("unassigned")
    assert unassigned and page.assign_box.isEnabled()
    page.region.setCurrentIndex(page.region.findData(d.regions["道仕袱村"]))
    page.assign_all()
    assert wait_for_background()
    assert page.counts.value("unassigned") == 0 and not page.assign_box.isEnabled()
    assert _count(d.db, Clue, Clue.region_id == d.regions["道仕袱村"]) > 0

    # The history lists the batch; its rows dialog shows the outcomes.
    discovery = DiscoveryPage(ctx)
    qtbot.addWidget(discovery)
    history = discovery.history
    assert history.model.rowCount() == 1 and history.model.rows[0][4] == str(EXPECTED[name]["data_rows"])
    history.table.selectRow(0)
    rows = BatchRowsDialog(ctx, history.selected())
    qtbot.addWidget(rows)
    rows.outcome.setCurrentIndex(rows.outcome.findData("in_assistance"))
    assert [r.name for r in rows.rows] != [] and rows.model.rowCount() == 1
    # 显示(&S) and 分派选中行(&S) shared Alt+S; 分派到: had no key of its own.
    from desktop import i18n
    from tests.mnemonics import duplicate_mnemonics

    i18n.install(QApplication.instance(), "zh_CN")
    try:
        chinese = BatchRowsDialog(ctx, history.selected())
        qtbot.addWidget(chinese)
        chinese.show()
        assert duplicate_mnemonics(chinese) == {}
        assert [label.text() for label in chinese.findChildren(QLabel) if label.buddy() is chinese.region] \
            == ["分派到(&T):"]
    finally:
        i18n.install(QApplication.instance(), "en")


@needs_samples
def test_wizard_cancel_leaves_nothing(qtbot, sqlite_district: District, messages: list[str]) -> None:
    d = sqlite_district
    wizard = _run_wizard(qtbot, AppContext(d.db, d.admin), SAMPLES / "人社局_失业登记人员_2026年第三季度.xlsx")
    wizard.next()
    wizard.result_page.operation.cancel()  # as the progress dialog's Cancel button does
    assert wait_for_background()
    assert "cancelled" in wizard.result_page.status.text().lower() or "取消" in wizard.result_page.status.text()
    assert _count(d.db, ImportBatch) == 0 and _count(d.db, Clue) == 0


def test_wizard_refuses_a_missing_or_bad_file(qtbot, sqlite_district: District, messages: list[str],
                                              tmp_path: Path) -> None:
    d = sqlite_district
    wizard = DepartmentImportWizard(AppContext(d.db, d.admin))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(tmp_path / "nothing.xlsx"))
    wizard.file_page.department.setCurrentIndex(1)
    wizard.next()
    assert wizard.currentPage() is wizard.file_page and "nothing.xlsx" in messages[-1]
    bad = tmp_path / "名单.xlsx"
    bad.write_text("这不是表格", encoding="utf-8")
    wizard.file_page.path.setText(str(bad))
    wizard.next()
    assert wait_for_background()
    assert wizard.currentPage() is wizard.file_page and "名单.xlsx" in messages[-1]
    quote = tmp_path / "quote.csv"  # a quote never closed: refused with its place, before any page
    quote.write_text('姓名,身份证号码,住址\n张三,420203199001011238,"八泉街道\n李四,420203198506302466,飞云社区\n',
                     encoding="utf-8")
    wizard.file_page.path.setText(str(quote))
    wizard.next()
    assert wait_for_background()
    assert wizard.currentPage() is wizard.file_page and "第 2 行第 3 列的引号没有闭合" in messages[-1]


# -- the household register ---------------------------------------------------------------------


def _register_with_a_bad_row(template: Path, tmp_path: Path) -> tuple[Path, list[str]]:
    """The register template with one household whose head's ID number has a wrong check character:
    (the file, the template's header)."""
    from openpyxl import load_workbook

    book = load_workbook(template)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    row = {"户编号": "T1", "与户主关系": "本人", "姓名": "错号", "身份证号": "420203199001011233", "街道": "八泉街道",
           "社区": "飞云社区", "城乡类别": "城市"}
    sheet.append([row.get(h, "") for h in header])
    bad = tmp_path / "坏台账.xlsx"
    book.save(bad)
    return bad, header


@needs_samples
def test_register_dialog_dry_run_and_import(qtbot, sqlite_district: District, messages: list[str],
                                            tmp_path: Path) -> None:
    d = sqlite_district
    system = d.admin
    wanted = {"黄思湾街道": ["袁海湾社区", "马家嘴社区", "田园社区", "东屏社区"],
              "牧羊湖街道": ["石料山社区", "八卦嘴社区", "胡家湾社区", "花园路社区", "牧羊湖社区", "滨湖社区"],
              "澄月街道": ["京华路社区", "磁湖社区", "陈家湾社区", "澄月社区", "大智路社区"],
              "八泉街道": ["青龙阁社区", "上窑社区"], "河口镇": ["章山村"]}
    for number, (sub, communities) in enumerate(wanted.items(), start=10):
        sid = d.regions.get(sub) or auth.add_region(d.db, system, parent_id=d.root_id, name=sub,
                                                     code=f"420203{number:03d}", level="subdistrict")
        for cnum, community in enumerate(communities, start=10):
            auth.add_region(d.db, system, parent_id=sid, name=community, code=f"420203{number:03d}{cnum:03d}",
                            level="community")
    spec = EXPECTED["家庭台账_导入示例.xlsx"]
    dialog = RegisterImportDialog(AppContext(d.db, d.admin))
    qtbot.addWidget(dialog)
    template = tmp_path / "模板.xlsx"
    from desktop.views.register_import import save_template

    assert save_template(dialog, str(template)) == str(template) and template.stat().st_size > 0

    assert not dialog.empty_hint.isVisibleTo(dialog)  # nothing run yet: nothing to say about errors
    dialog.path.setText(str(SAMPLES / "家庭台账_导入示例.xlsx"))
    dialog.run(dry_run=True)
    assert wait_for_background()
    r = dialog.result
    assert r is not None and r.dry_run and (r.households, r.rows) == (spec["households"], spec["persons"])
    assert dialog.errors.rowCount() == len(r.errors) == 0
    # A clean dry run left an empty white box under "Errors (0)": it says there are none.
    assert dialog.empty_hint.isVisibleTo(dialog) and dialog.empty_hint.text() == dialog.tr(
        "No errors: every row of the file passed the checks.")
    assert _count(d.db, Household) == 0
    dialog.run(dry_run=False)
    assert wait_for_background()
    assert dialog.result is not None and dialog.result.batch_id is not None
    assert _count(d.db, Household) == spec["households"] and _count(d.db, Member) == spec["persons"]
    assert f"#{dialog.result.batch_id}" in dialog.summary.text()

    # A register with a bad row: reported by row and column, that household left out.
    bad, header = _register_with_a_bad_row(template, tmp_path)
    dialog.path.setText(str(bad))
    dialog.run(dry_run=True)
    assert wait_for_background()
    assert not dialog.empty_hint.isVisibleTo(dialog)
    assert dialog.errors.rowCount() >= 1
    assert any("身份证号" in " ".join(r) for r in dialog.errors.rows)


def test_enter_in_the_registry_search_does_not_save_the_clue(qtbot, sqlite_district: District,
                                                             messages: list[str]) -> None:
    """Enter in the search box searches, Enter on a match picks it; neither saves the clue (they
    used to press Save as well: a half-filled clue was saved, or refused with a red message)."""
    d = sqlite_district
    hid = _household(d.db, d.regions["飞云社区"], "钱多多", ID_A)
    form = clue_form.ClueForm(AppContext(d.db, d.admin))
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.description.setPlainText("家中失火")
    form.search.setFocus()
    form.search.setText("钱多多")
    qtbot.keyClick(form.search, Qt.Key.Key_Return)
    assert form.results.isVisible() and form.results.count() == 1
    assert form.message.text() == "" and form.isVisible()
    qtbot.keyClick(form.results, Qt.Key.Key_Return)
    assert form.household_id == hid and "钱多多" in form.link_label.text()
    assert form.isVisible() and form.saved_id is None and _count(d.db, Clue) == 0
    qtbot.mouseClick(form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert form.result() == 1 and _count(d.db, Clue) == 1


def test_closing_the_clue_form_with_input_asks_first(qtbot, sqlite_district: District,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Esc or Cancel on a clue form with something typed asks before the input is thrown away (it used
    to close at once); an untouched form closes without a question."""
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    clue_id = clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level="informant", source="volunteer", reported_on=date.today(), description="原始", person_name="甲"))
    check_discard_question(qtbot, monkeypatch, [
        (lambda: clue_form.ClueForm(ctx), lambda f: f.description.setPlainText("老人独居,冬季无取暖,邻居反映已两天未见出门")),
        (lambda: clue_form.ClueForm(ctx, clue_id=clue_id), lambda f: f.description.setPlainText("原始;补充:已入户"))])


def test_clue_fields_stop_at_the_column_length(qtbot, sqlite_district: District) -> None:
    """The reporter (and the other text fields) stop at their column's length: 80 characters in
    'Reported by' were a database error on PostgreSQL."""
    form = clue_form.ClueForm(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(form)
    for edit, column in ((form.name, Clue.person_name), (form.phone, Clue.phone), (form.address, Clue.address),
                         (form.reported_by, Clue.reported_by)):
        edit.setText("长" * 400)
        assert len(edit.text()) == column.type.length, column


@pytest.fixture
def in_chinese(qapp):  # noqa: ANN001, ANN201
    """The window as the office sees it (Chinese mnemonics differ from the English ones); English after."""
    from desktop import i18n

    i18n.install(qapp, "zh_CN")
    yield
    i18n.install(qapp, "en")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_clue_form_gives_each_alt_key_to_one_field(qtbot, qapp, sqlite_district: District, language: str) -> None:  # noqa: ANN001
    """具体来源(&O) and 发现日期(&O) shared Alt+O: pressing it only moved between the two fields."""
    from desktop import i18n
    from tests.mnemonics import duplicate_mnemonics

    i18n.install(qapp, language)
    try:
        form = clue_form.ClueForm(AppContext(sqlite_district.db, sqlite_district.admin))
        qtbot.addWidget(form)
        form.show()
        assert duplicate_mnemonics(form) == {}
    finally:
        i18n.install(qapp, "en")


@needs_samples
def test_wizard_file_label_leads_to_the_path_and_no_cancel_after_the_import(
        qtbot, sqlite_district: District, messages: list[str], in_chinese: None) -> None:
    """文件(&F) showed its "&" and Alt+F went nowhere; once the batch is committed the last page
    offered 取消 beside 完成, which reads as if it undid the import (it only closed the wizard)."""
    from PySide6.QtWidgets import QLabel, QWizard

    d = sqlite_district
    wizard = DepartmentImportWizard(AppContext(d.db, d.admin))
    qtbot.addWidget(wizard)
    wizard.show()
    labels = [w for w in wizard.file_page.findChildren(QLabel) if w.text() == "文件(&F):"]
    assert len(labels) == 1 and labels[0].buddy() is wizard.file_page.path
    wizard.close()
    wizard = _run_wizard(qtbot, AppContext(d.db, d.admin), SAMPLES / "残联_持证残疾人名单_2026.csv")
    assert "GBK" in wizard.mapping_page.info.text() and "gb18030" not in wizard.mapping_page.info.text()
    cancel = wizard.button(QWizard.WizardButton.CancelButton)
    assert cancel.isVisible()
    wizard.next()
    assert wizard.currentPage() is wizard.result_page and wizard.result_page.running and cancel.isVisible()
    assert wait_for_background()
    assert _count(d.db, ImportBatch) == 1
    assert not cancel.isVisible() and wizard.button(QWizard.WizardButton.FinishButton).isVisible()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_wizard_mapping_page_gives_each_column_list_an_alt_key(qtbot, qapp, sqlite_district: District,  # noqa: ANN001
                                                               tmp_path: Path, language: str) -> None:
    """The seven lists of which column holds which field had no Alt key: only the mouse or Tab reached them."""
    from desktop import i18n
    from tests.mnemonics import duplicate_mnemonics, fields_without_alt_key

    path = tmp_path / "残联_名单.csv"
    path.write_text("姓名,身份证号码,住址\n张三,420203199001011238,八泉路1号\n", encoding="utf-8")
    i18n.install(qapp, language)
    try:
        wizard = _to_mapping_page(qtbot, AppContext(sqlite_district.db, sqlite_district.admin), path, "残联")
        assert len(wizard.mapping_page.combos) == 7
        assert fields_without_alt_key(wizard.mapping_page) == []
        assert duplicate_mnemonics(wizard) == {}  # nor one taken twice, the wizard's 上一步 B and 下一步 N too
    finally:
        i18n.install(qapp, "en")


def test_inbox_detail_says_what_to_do_when_nothing_is_chosen(qtbot, sqlite_district: District,
                                                             in_chinese: None) -> None:
    """The pane under the clue list was a blank box until a clue was chosen."""
    page = DiscoveryPage(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(page)
    assert page.inbox.selected() == []
    text = page.inbox.detail.toPlainText()
    assert "选择一条线索" in text and "登记线索" in text


def test_a_closed_clues_detail_shows_its_closing_note(qtbot, sqlite_district: District, messages: list[str],  # noqa: ANN001
                                                      monkeypatch: pytest.MonkeyPatch, in_chinese: None) -> None:
    """The outcome note written in the closing dialog was nowhere in the clue's detail."""
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    clue_id = clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level="informant", source="building_head", reported_on=date.today(), description="独居老人",
        person_name="周梅"))
    page = DiscoveryPage(ctx)
    qtbot.addWidget(page)
    inbox = page.inbox

    def close_with_note(dialog) -> int:  # noqa: ANN001
        dialog.choices["not_hardship"].setChecked(True)
        dialog.note.setText("子女按月赡养 <不属困难>")
        return 1

    _close_first_clue(monkeypatch, inbox, close_with_note)
    inbox.status.setCurrentIndex(inbox.status.findText(clues.STATUS_LABELS["closed"]))
    assert [c.id for c in inbox.model.rows] == [clue_id]
    inbox.table.selectRow(0)
    text = inbox.detail.toPlainText()
    assert "办结说明" in text and "子女按月赡养 <不属困难>" in text
    assert f"{d.admin.display_name}({d.admin.username})" in text and f"{date.today():%Y-%m-%d}" in text


def test_a_refused_closing_reopens_the_dialog_with_the_note(qtbot, sqlite_district: District, messages: list[str],  # noqa: ANN001
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a clue of a household in 救助中 as 二类库 is refused (RULES §1.4); the message said so,
    but the dialog was gone with the outcome note typed into it."""
    d = sqlite_district
    hid = _household(d.db, d.regions["飞云社区"], "钱七", ID_A)
    with d.db.session_factory() as s:
        s.get(Household, hid).stage = "assisted"  # type: ignore[union-attr]
        s.commit()
    clue_id = clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level="informant", source="building_head", reported_on=date.today(), description="独居老人",
        household_id=hid))
    page = DiscoveryPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    inbox = page.inbox
    shown: list[tuple[str | None, str]] = []

    def close_class_2(dialog) -> int:  # noqa: ANN001
        shown.append((dialog.outcome(), dialog.note.text()))
        if shown[-1][0] is not None:
            return 0  # the second time: the user reads the message and cancels
        dialog.choices["class_2"].setChecked(True)
        dialog.note.setText("老人已入住养老院")
        return 1

    _close_first_clue(monkeypatch, inbox, close_class_2)
    assert shown == [(None, ""), ("class_2", "老人已入住养老院")]
    assert any("救助中" in m and f"#{clue_id}" in m for m in messages)
    assert clues.get_clue(d.db, d.admin, clue_id).status != "closed"


def test_every_field_of_the_clue_form_has_its_own_alt_key(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """The clue form's 发现的情况 box had no Alt key: every other field had one."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    from tests.test_main_window import _mnemonic

    form = clue_form.ClueForm(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(form)
    form.show()
    seen: dict[str, list[str]] = {}
    for w in form.findChildren(QAbstractButton) + form.findChildren(QLabel) + form.findChildren(QGroupBox):
        if not w.isVisibleTo(form) or (isinstance(w, QLabel) and w.buddy() is None):
            continue
        text = w.title() if isinstance(w, QGroupBox) else w.text()
        if (key := _mnemonic(text)) is not None:
            seen.setdefault(key, []).append(text)
    box = next(b for b in form.findChildren(QGroupBox) if form.description in b.findChildren(type(form.description)))
    assert _mnemonic(box.title()) is not None
    assert {k: v for k, v in seen.items() if len(v) > 1} == {}


def test_the_inbox_filters_take_alt_keys_of_their_own(qtbot, qapp, sqlite_district: District) -> None:  # noqa: ANN001
    """状态, 来源 and 区划 had no Alt letter: the keyboard user tabbed through the whole bar to reach them.
    Nor had the two dates of 发现日期: once its box was ticked, only Tab from it reached them. Each has its
    label and letter now (从 B, 至 J), taken by nothing else on the page (nor by the menus F, V, H); the
    labels grey out with the dates while no dates are chosen."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QLabel

    from desktop import i18n
    from tests.mnemonics import duplicate_mnemonics, fields_without_alt_key

    locale = QLocale()
    i18n.install(qapp, "zh_CN")
    try:
        page = DiscoveryPage(AppContext(sqlite_district.db, sqlite_district.admin))
        qtbot.addWidget(page)
        page.show()
        inbox = page.inbox
        labels = {w.buddy(): w for w in inbox.findChildren(QLabel) if w.buddy() is not None}
        buddies = {widget: label.text() for widget, label in labels.items()}
        assert buddies[inbox.status] == "状态(&Z):" and buddies[inbox.source] == "来源(&Y):"
        assert buddies[inbox.region] == "区划(&G):"
        assert duplicate_mnemonics(inbox) == {}
        assert buddies[inbox.date_from] == "从(&B)" and buddies[inbox.date_to] == "至(&J)"
        assert inbox.use_dates.text() == "发现日期(&T)"
        assert not labels[inbox.date_from].isEnabled() and not inbox.date_from.isEnabled()
        inbox.use_dates.setChecked(True)
        assert labels[inbox.date_from].isEnabled() and labels[inbox.date_to].isEnabled()
        assert fields_without_alt_key(inbox) == [] and duplicate_mnemonics(page) == {}
        page.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
        inbox.text.setFocus()
        for key, edit in ((Qt.Key.Key_B, inbox.date_from), (Qt.Key.Key_J, inbox.date_to)):
            qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
            qtbot.waitUntil(edit.hasFocus)
    finally:
        i18n.install(qapp, "en")
        QLocale.setDefault(locale)


def test_inbox_exports_every_clue_under_its_filters(qtbot, sqlite_district: District, messages: list[str],  # noqa: ANN001
                                                    tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    d = sqlite_district
    for i in range(3):
        clues.add_clue(d.db, d.admin, clues.ClueInput(
            source_level="department", source="hrss", reported_on=date.today(), description="x",
            person_name=f"孙{i}", region_id=d.regions["飞云社区"]))
    clues.add_clue(d.db, d.admin, clues.ClueInput(source_level="vertical", source="grid", reported_on=date.today(),
                                                  description="x", person_name="周"))
    page = DiscoveryPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    inbox = page.inbox
    inbox.source.setCurrentIndex(inbox.source.findData("department|hrss"))
    path = tmp_path / "inbox.xlsx"
    assert inbox.export(str(path)) is not None
    assert wait_for_background()
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("线索").to_python()
    assert [r[3] for r in rows[2:]] == [c.person_name for c in inbox.model.rows] == ["孙2", "孙1", "孙0"]
    assert str(path) in inbox.last_message and inbox.export_button.isEnabled()

    inbox.text.setText("没有这个人")
    inbox.refresh()
    assert inbox.export(str(tmp_path / "none.xlsx")) is None  # says there is nothing, writes nothing
    assert messages and not (tmp_path / "none.xlsx").exists()


def test_empty_import_lists_say_what_was_not_imported_yet(qtbot, sqlite_district: District, in_chinese) -> None:  # noqa: ANN001
    """The household register tab of a district that never imported one showed a blank table."""
    from desktop.views.table_model import EmptyHint

    page = DiscoveryPage(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    notes = {}
    for tab in (page.department.batches, page.register.batches, page.history):
        page.tabs.setCurrentWidget(tab if tab is page.history else tab.parentWidget())
        hint = tab.table.findChild(EmptyHint)
        assert hint is not None and hint.isVisible()
        notes[tab] = hint.text()
    assert "部门名单" in notes[page.department.batches] and "家庭台账" in notes[page.register.batches]
    assert notes[page.history] == "还没有任何导入记录。"


def test_the_assign_dialog_is_wide_enough_for_region_names(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """It opened at Qt's own size, about 200 px: a sliver whose list cut the region names."""
    from desktop.views.clue_form import AssignDialog

    dialog = AssignDialog(AppContext(sqlite_district.db, sqlite_district.admin), 3)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() >= 360
    assert dialog.region.width() >= max(dialog.region.fontMetrics().horizontalAdvance(dialog.region.itemText(i))
                                        for i in range(dialog.region.count()))


def test_wizard_preview_marks_a_repeated_id_and_another_document(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                 messages: list[str], tmp_path: Path) -> None:
    """The preview said 正确 for a row the import then counted as a duplicate."""
    path = tmp_path / "民政_名单.csv"
    path.write_text(f"姓名,证件类型,身份证号\n甲,,{ID_A}\n乙,护照,E12345678\n丙,,{ID_A}\n", encoding="utf-8")
    wizard = _run_wizard(qtbot, AppContext(sqlite_district.db, sqlite_district.admin), path, "残联")
    model = wizard.preview_page.model
    assert model.colours[0] is None and model.colours[1] is not None and model.colours[2] is not None
    assert model.rows[2][-1] == "与第2行重复" and "护照" in model.rows[1][-1]
    assert wizard.dry_run_page.counts.shown()["duplicates"] == 1


def test_register_dialog_saves_the_rows_left_out(qtbot, sqlite_district: District, messages: list[str],  # noqa: ANN001
                                                 tmp_path: Path) -> None:
    """The command line wrote the rows of the households left out (--errors); the window only listed
    them, so a register with 200 bad rows had to be corrected from a table on screen."""
    from python_calamine import CalamineWorkbook

    from desktop.services import register_import as ri

    template = tmp_path / "模板.xlsx"
    ri.write_register_template(template)
    bad, header = _register_with_a_bad_row(template, tmp_path)
    dialog = RegisterImportDialog(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(dialog)
    from tests.mnemonics import duplicate_mnemonics

    assert not dialog.errors_button.isEnabled() and duplicate_mnemonics(dialog) == {}
    dialog.path.setText(str(bad))
    dialog.run(dry_run=True)
    assert wait_for_background()
    assert dialog.errors_button.isEnabled()
    out = tmp_path / "错误清单.xlsx"
    dialog.save_errors(str(out))
    assert wait_for_background()
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    assert rows[0][-1] == "错误原因" and rows[1][header.index("姓名")] == "错号" and "身份证号" in rows[1][-1]
    assert str(out) in dialog.summary.text()
    dialog.path.setText(str(tmp_path / "另一个.xlsx"))  # the result is not of this file
    assert not dialog.errors_button.isEnabled()


def test_register_dialog_clears_the_errors_of_an_earlier_run_when_a_file_is_refused(
        qtbot, sqlite_district: District, messages: list[str], tmp_path: Path) -> None:  # noqa: ANN001
    """After a dry run listed a register's errors, a file refused whole (not a spreadsheet) left those
    errors on screen under the refusal, as if they were the new file's."""
    from desktop.services import register_import as ri

    bad = tmp_path / "坏台账.xlsx"
    ri.write_register_template(bad)
    from openpyxl import load_workbook

    book = load_workbook(bad)
    header = [c.value for c in book.active[1]]
    values = {"户编号": "T1", "与户主关系": "本人", "姓名": "错号", "身份证号": "420203199001011233"}
    book.active.append([values.get(h, "") for h in header])
    book.save(bad)
    dialog = RegisterImportDialog(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(bad))
    dialog.run(dry_run=True)
    assert wait_for_background() and dialog.errors.rowCount() > 0
    broken = tmp_path / "不是表格.xlsx"
    broken.write_text("这不是表格", encoding="utf-8")
    dialog.path.setText(str(broken))
    dialog.run(dry_run=True)
    wait_for_background()
    assert messages and dialog.errors.rowCount() == 0 and not dialog.errors_button.isEnabled()
    assert dialog.errors_label.text() == dialog.tr("Errors")


def test_clue_form_picking_a_member_who_is_not_the_head_files_their_number(qtbot, sqlite_district: District) -> None:
    """The form filed a clue picked for the head's spouse with the spouse's name and the head's
    ID number (found by picking a non-head member in the registry search)."""
    d = sqlite_district
    spouse_number = idcard.make("420203", date(1972, 8, 8), 44)
    hid = _household(d.db, d.regions["飞云社区"], "钱多多", ID_A)
    with d.db.session_factory() as s:
        s.add(Member(household_id=hid, name="孙小红", id_number=spouse_number, id_reversed=spouse_number[::-1],
                     relation="spouse"))
        s.commit()
    ctx = AppContext(d.db, d.actor(Role.COMMUNITY_WORKER))
    form = clue_form.ClueForm(ctx)
    qtbot.addWidget(form)
    form.search.setText("孙小红")
    form.run_search()
    form.pick_result(form.results.item(0))
    form.description.setPlainText("丈夫住院,无人照料")
    form.save()
    assert form.result() == 1
    with d.db.session_factory() as s:
        clue = s.get(Clue, form.saved_id)
        assert clue is not None and (clue.person_name, clue.id_number, clue.household_id) == (
            "孙小红", spouse_number, hid)


def test_inbox_says_which_selected_clues_are_closed_when_assign_is_greyed(qtbot, sqlite_district: District) -> None:
    """A selection with closed clues in it greyed out 分派 without a word why (found selecting a
    whole page of the inbox to assign it)."""
    d = sqlite_district
    ids = [clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level="informant", source="building_head", reported_on=date.today(), description=f"情况{i}",
        person_name=f"周{i}")) for i in range(4)]
    clues.close_clue(d.db, d.admin, ids[1], "not_hardship")
    page = DiscoveryPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    inbox = page.inbox
    inbox.status.setCurrentIndex(1)  # all statuses
    inbox.refresh()
    assert inbox.model.rowCount() == 4
    inbox.table.selectAll()
    assert not inbox.assign_button.isEnabled()
    text = inbox.detail.toPlainText()
    assert "4" in text and f"#{ids[1]}" in text and ("已办结" in text or "closed" in text), text


def test_inbox_reopens_a_closed_clue_after_asking_why(qtbot, sqlite_district: District, messages: list[str],  # noqa: ANN001
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A clue closed by mistake (不属于困难情形, then the family's situation turned out otherwise) could
    not be reopened: the inbox offers 重新打开 on its button, its right-click menu and the detail."""
    from desktop.services import applications

    d = sqlite_district
    closer = d.actor(Role.SUBDISTRICT_CASEWORKER)
    clue_id = clues.add_clue(d.db, d.admin, clues.ClueInput(
        source_level="informant", source="building_head", reported_on=date.today(), description="独居老人",
        person_name="周梅", id_number=ID_A, region_id=d.regions["八泉社区"]))
    clues.start_investigation(d.db, closer, clue_id)
    clues.close_clue(d.db, closer, clue_id, "class_2")
    page = DiscoveryPage(AppContext(d.db, closer))
    qtbot.addWidget(page)
    inbox = page.inbox
    assert inbox.model.rows == []  # open clues only
    inbox.status.setCurrentIndex(inbox.status.findData(()))  # all statuses
    inbox.table.selectRow(0)
    assert inbox.reopen_button.isEnabled() and not inbox.close_button.isEnabled()
    menu = {a.text(): a.isEnabled() for a in inbox.context_menu().actions()}
    assert menu[inbox.reopen_button.text()] and not menu[inbox.close_button.text()]
    assert "href='#reopen'" in inbox.detail.toHtml().replace('"', "'")

    shown: list[str] = []

    def answer(dialog) -> int:  # noqa: ANN001
        shown.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
        assert not dialog.ok.isEnabled()  # no reason yet
        dialog.reason.setText("家属反映情况有变")
        assert dialog.ok.isEnabled()
        return 1

    monkeypatch.setattr(clue_form.ReopenClueDialog, "exec", answer)
    inbox.detail.anchorClicked.emit(QUrl("#reopen"))  # the link in the detail
    assert len(shown) == 1 and "二类库" in shown[0] and clues.STATUS_LABELS["investigating"] in shown[0]
    info = clues.get_clue(d.db, closer, clue_id)
    assert (info.status, info.outcome) == ("investigating", None)
    assert f"#{clue_id}" in inbox.last_message and clues.STATUS_LABELS["investigating"] in inbox.last_message
    inbox.status.setCurrentIndex(0)  # open clues: it is back
    assert [c.id for c in inbox.model.rows] == [clue_id]
    inbox.table.selectRow(0)
    text = inbox.detail.toPlainText()
    assert inbox.tr("Reopened by") in text and "家属反映情况有变" in text
    assert clues.OUTCOME_LABELS["class_2"] in text and not inbox.reopen_button.isEnabled()

    # closed as "check passed" with the application handled: refused before any dialog, naming it
    hid = clues.close_clue(d.db, closer, clue_id, "passed").household_id
    app_id = applications.accept(d.db, d.admin, household_id=hid, category="dibao", accepted_on=date.today())
    inbox.status.setCurrentIndex(inbox.status.findData(()))
    inbox.table.selectRow(0)
    inbox.reopen_clue()
    assert len(shown) == 1 and f"申请 #{app_id}" in messages[-1]
    assert clues.get_clue(d.db, closer, clue_id).status == "closed"

    # the read-only role sees no reopening anywhere
    page = DiscoveryPage(AppContext(d.db, d.actor(Role.SUPERVISOR)))
    qtbot.addWidget(page)
    inbox = page.inbox
    inbox.status.setCurrentIndex(inbox.status.findData(()))
    inbox.table.selectRow(0)
    assert inbox.reopen_button.isHidden() and inbox.reopen_button.text() not in {
        a.text() for a in inbox.context_menu().actions()}
    assert "#reopen" not in inbox.detail.toHtml()


def test_the_inbox_fits_a_1366_pixel_screen(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """With 重新打开 the eight buttons and the counts beside them widened the page past the window at
    1366×768 (a horizontal scroll bar under the whole page); the counts now take two lines."""
    inbox = ClueInboxTab(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(inbox)
    inbox.refresh()
    assert inbox.minimumSizeHint().width() <= 1366 - 190 - 40  # the navigation bar and the margins
    assert inbox.counts.text().count("\n") == 1


def test_a_linked_clue_names_the_household_by_its_number_and_head(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """The clue form said "已关联家庭 #4337" and the inbox's detail "家庭 #4337": the database's own
    number, which no screen or paper shows. Both give the 户编号 and the head, as staff know a family."""
    d = sqlite_district
    hid = _household(d.db, d.regions["飞云社区"], "钱多多", ID_A)
    with d.db.session_factory() as s:
        s.get(Household, hid).code = "42020300100299001"  # type: ignore[union-attr]
        s.commit()
    ctx = AppContext(d.db, d.admin)
    form = clue_form.ClueForm(ctx)
    qtbot.addWidget(form)
    form.search.setText(ID_A[-6:])
    form.run_search()
    form.pick_result(form.results.item(0))
    form.description.setPlainText("家中失火")
    form.save()
    again = clue_form.ClueForm(ctx, clue_id=form.saved_id)
    qtbot.addWidget(again)
    text = again.link_label.text()
    assert "42020300100299001" in text and "钱多多" in text and f"#{hid}" not in text, text
    inbox = ClueInboxTab(ctx)
    qtbot.addWidget(inbox)
    html = inbox._detail_html(clues.get_clue(d.db, d.admin, form.saved_id), 1)
    assert "42020300100299001" in html and f"<td>#{hid} " not in html


def test_the_import_history_says_when_its_list_is_cut_and_lists_every_batch(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                            chinese: None,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The history lists the latest 500 batches and stopped there without a word: a line says so and a
    button lists every one (a small limit stands in for 500)."""
    d = sqlite_district
    _batches(d, 3)
    monkeypatch.setattr(di, "BATCHES_SHOWN", 2)
    tab = ImportHistoryTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    assert len(tab.batches) == 2 and not tab.cut_note.isHidden() and not tab.all_button.isHidden()
    assert tab.cut_note.text() == "仅显示最近的 2 批,共 3 批;点“显示全部批次”查看全部。"
    assert tab.all_button.text() == "显示全部批次(&A)"
    tab.all_button.click()
    assert len(tab.batches) == 3 and tab.model.rowCount() == 3
    assert tab.cut_note.isHidden() and tab.all_button.isHidden()


def _clue(d: District, name: str) -> int:
    return clues.add_clue(d.db, d.admin, clues.ClueInput(source_level="vertical", source="grid",
                                                         reported_on=date.today(), description="x", person_name=name))


def test_the_clue_inbox_columns_are_the_users_to_choose(qtbot, sqlite_district: District, chinese: None,  # noqa: ANN001
                                                        own_settings: Path) -> None:
    """列… (Alt+U) or a right click on the header, as in 家庭档案: 当事人 and 身份证号 always shown, the
    choice kept per staff account, 恢复默认列 forgets it."""
    d = sqlite_district
    _clue(d, "吴一")
    page = DiscoveryPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    inbox = page.inbox
    assert inbox.columns_button.text() == "列(&U)…"
    # the button opens the menu (Alt+U), as a right click on the header does
    seen: list[list[str]] = []

    def read_popup() -> None:
        popup = QApplication.activePopupWidget()
        seen.append([a.text() for a in popup.actions() if a.text()] if popup else [])
        if popup:
            popup.close()

    page.show()
    QTimer.singleShot(50, read_popup)
    inbox.columns_button.click()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0] == ["编号", "发现日期", "当事人", "身份证号", "来源", "渠道", "区划", "状态", "办结结果",
                       "恢复默认列(&R)"]
    actions = menu_actions(inbox.columns)
    for essential in ("当事人", "身份证号"):
        assert actions[essential].isChecked() and not actions[essential].isEnabled()
    actions["来源"].trigger()
    menu_actions(inbox.columns)["办结结果"].trigger()
    assert "来源" not in shown_columns(inbox.table) and "办结结果" not in shown_columns(inbox.table)
    inbox.columns.set_shown(2, False)  # refused even when asked directly
    assert "当事人" in shown_columns(inbox.table)
    assert inbox.model.rowCount() == 1 and inbox.model.data(inbox.model.index(0, 4))  # the data is all there
    # the next start, the same account: the same columns; another account has its own
    again = DiscoveryPage(AppContext(d.db, d.admin))
    qtbot.addWidget(again)
    assert shown_columns(again.inbox.table) == shown_columns(inbox.table)
    other = DiscoveryPage(AppContext(d.db, d.actor(Role.DISTRICT_REVIEWER)))
    qtbot.addWidget(other)
    assert len(shown_columns(other.inbox.table)) == 9
    menu_actions(again.inbox.columns)["恢复默认列(&R)"].trigger()
    assert len(shown_columns(again.inbox.table)) == 9 and config.view_state("admin", "clues") is None


def test_register_dialog_says_what_its_error_list_is_for_and_right_aligns_row_numbers(  # noqa: ANN201
        qtbot, sqlite_district: District, chinese: None, tmp_path: Path):  # noqa: ANN001
    """The register dialog opened on an empty white box under “错误” with no word on it, and listed
    the rows of a dry run with their numbers flush left."""
    from desktop.services import register_import as ri

    template = tmp_path / "模板.xlsx"
    ri.write_register_template(template)
    bad, _header = _register_with_a_bad_row(template, tmp_path)
    dialog = RegisterImportDialog(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(dialog)
    assert dialog.empty_hint.text() == "选择台账文件后点“试导入”:有错误的行将列在这里。"
    dialog.path.setText(str(bad))
    dialog.run(dry_run=True)
    assert wait_for_background()
    model = dialog.errors
    assert model.rowCount() == 1 and model.data(model.index(0, 0)) == "2"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.data(model.index(0, 2), Qt.ItemDataRole.TextAlignmentRole) is None


def test_a_folder_chosen_in_either_window_is_said_to_be_a_folder(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                 messages: list[str], tmp_path: Path) -> None:
    """A folder whose name ends in .xlsx given as the file: both windows said "文件…不存在" (it is there);
    they now say, as the command does, that it is a folder and not a spreadsheet, and stay where the
    file is chosen, nothing written."""
    d = sqlite_district
    folder = tmp_path / "名单.xlsx"
    folder.mkdir()
    said = "“名单.xlsx”是一个文件夹,不是表格文件。"
    wizard = _file_read(qtbot, AppContext(d.db, d.admin), folder, "医保")
    assert messages == [said] and wizard.currentPage() is wizard.file_page

    dialog = RegisterImportDialog(AppContext(d.db, d.admin))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(folder))
    dialog.run(dry_run=True)
    assert wait_for_background()
    assert messages[1:] == [said] and dialog.summary.text() == said and dialog.result is None
    assert _count(d.db, ImportBatch) == 0 and _count(d.db, Household) == 0


def test_a_list_without_an_id_column_says_so_on_the_mapping_page(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                 chinese: None, messages: list[str],
                                                                 tmp_path: Path) -> None:
    """A list with no column named like 身份证号: the mapping page showed every field and a greyed 下一步,
    nothing saying why (the command says 找不到身份证号列). It says so until a column is chosen."""
    d = sqlite_district
    path = tmp_path / "医保_无身份证号.csv"
    path.write_text("姓名,电话\n张三,13800000001\n李四,13800000002\n", encoding="utf-8")
    wizard = _to_mapping_page(qtbot, AppContext(d.db, d.admin), path, "医保")
    page = wizard.mapping_page
    assert not page.isComplete()
    assert page.id_note.text().startswith("在第 1 行的表头中找不到身份证号列(列名应为 身份证号、身份证号码")
    assert "重新读取" in page.id_note.text()
    page.combos["phone"].setCurrentIndex(0)  # the column taken for 联系电话 holds the numbers, say
    page.combos["id_number"].setCurrentIndex(page.combos["id_number"].findData(1))
    assert page.isComplete() and page.id_note.text() == ""
    wizard.next()
    wizard.next()
    assert wait_for_background() and wizard.dry_run_page.counts.value("data_rows") == 2
    assert _count(d.db, ImportBatch) == 0 and messages == []


def test_a_dry_run_refused_does_not_say_the_file_was_screened(qtbot, sqlite_district: District,  # noqa: ANN001
                                                              chinese: None, messages: list[str], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A list over the row limit is refused by its dry run: the page still said "已筛查整个文件……点击“导入”",
    over an empty box of counts, with 导入 greyed out. It says the file was not screened, and what to do."""
    from desktop.io import spreadsheet as ss

    d = sqlite_district
    from tests.test_broken_files_s16 import ROWS
    from tests.test_import_department_files2 import xlsx

    monkeypatch.setattr(ss, "MAX_ROWS", 100)
    path = xlsx(tmp_path / "医保_名单.xlsx", ROWS)  # 500 rows: refused by the dry run, not by reading the header
    wizard = _run_wizard(qtbot, AppContext(d.db, d.admin), path, "医保")
    page = wizard.dry_run_page
    assert len(messages) == 1 and "超过 100 行" in messages[0] and page.warning.text() == messages[0]
    assert page.subTitle() == "文件未完成筛查,尚未写入任何数据。请返回上一步另选文件,或改正工作表、表头行和列对应。"
    assert not page.counts.isVisibleTo(wizard) and not page.isComplete()
    assert _count(d.db, ImportBatch) == 0
