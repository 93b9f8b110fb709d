"""Household registers in workbooks of several sheets (one per 街道, a 说明 sheet first), and 户编号
written as "12.0": the service, the command line (--sheet, --json) and the import dialog's sheet choice."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from sqlalchemy import select

from desktop.cli import main as cli_main
from desktop.io import register_template as tpl
from desktop.models import Household, ImportBatch, Member
from desktop.services import register_import as ri
from desktop.services.database import Database
from desktop.services.errors import ServiceError
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_import_register import H1, H1_SPOUSE, H2, H3, count, row

NOTES = "说明"
SHEETS = (("飞云社区", "八泉街道", "S1", H1), ("闸口社区", "河口镇", "S2", H2))


def two_sheet_register(path: Path) -> Path:
    """A 说明 sheet first (naming some of the columns), then one register sheet per community."""
    book = xlsxwriter.Workbook(str(path))
    notes = book.add_worksheet(NOTES)
    notes.write_string(0, 0, "各社区分别填写一个工作表")
    notes.write_string(1, 0, "户编号 与户主关系 姓名 身份证号 按模板填写")
    for community, subdistrict, code, number in SHEETS:
        ws = book.add_worksheet(community)
        for c, h in enumerate(tpl.HEADER):
            ws.write_string(0, c, h)
        for c, v in enumerate(row(户编号=code, 与户主关系="本人", 姓名="户主", 身份证号=number, 街道=subdistrict,
                                  社区=community)):
            if v:
                ws.write_string(1, c, v)
    book.close()
    return path


def url_of(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


# -- the service --------------------------------------------------------------------------------


def test_preview_lists_the_sheets_and_finds_the_register(tmp_path: Path) -> None:
    path = two_sheet_register(tmp_path / "分社区.xlsx")
    found = ri.preview_register(path)
    assert found.sheet_names == [NOTES, "飞云社区", "闸口社区"]
    assert (found.sheet, found.detected, found.header_row, found.problem) == ("飞云社区", "飞云社区", 1, "")
    assert found.other_sheets == ["闸口社区"] and found.rows_estimate == 1
    # the other register sheet chosen: the one found is now the other one
    chosen = ri.preview_register(path, "闸口社区")
    assert (chosen.sheet, chosen.detected, chosen.other_sheets, chosen.problem) == (
        "闸口社区", "飞云社区", ["飞云社区"], "")
    note = ri.other_sheets_note(chosen)
    assert "“飞云社区”" in note and "各成一个导入批次" in note and "--sheet" not in note


def test_a_sheet_without_the_template_header_is_named(db: Database, district: District, tmp_path: Path) -> None:
    """The 说明 sheet chosen: its name is in the message (was: "the file is not a register", which
    with the register on the next sheet reads as wrong), in the preview and in the import alike."""
    path = two_sheet_register(tmp_path / "分社区.xlsx")
    notes = ri.preview_register(path, NOTES)
    assert notes.sheet == NOTES and notes.header_row == 0
    assert f"工作表“{NOTES}”不是家庭台账" in notes.problem and "改选" in notes.problem
    assert notes.other_sheets == ["飞云社区", "闸口社区"]
    with pytest.raises(ServiceError, match=f"工作表“{NOTES}”不是家庭台账"):
        ri.import_households(db, district.admin, path, sheet=NOTES, dry_run=True)
    assert count(db, ImportBatch) == 0


def test_a_register_sheet_with_no_rows_is_named(tmp_path: Path, db: Database, district: District) -> None:
    path = tmp_path / "空页.xlsx"
    book = xlsxwriter.Workbook(str(path))
    for name in ("甲", "乙"):
        ws = book.add_worksheet(name)
        for c, h in enumerate(tpl.HEADER):
            ws.write_string(0, c, h)
    book.close()
    assert "工作表“乙”的表头下面没有任何人员行" in ri.preview_register(path, "乙").problem
    with pytest.raises(ServiceError, match="工作表“乙”的表头下面没有任何人员行"):
        ri.import_households(db, district.admin, path, sheet="乙")


def test_each_sheet_is_its_own_batch(db: Database, district: District, tmp_path: Path) -> None:
    """Each sheet imports once, as a batch of its own keyed on the sheet (migration 0004)."""
    path = two_sheet_register(tmp_path / "分社区.xlsx")
    first = ri.import_households(db, district.admin, path)
    assert (first.sheet, first.households_created, first.other_sheets) == ("飞云社区", 1, ["闸口社区"])
    second = ri.import_households(db, district.admin, path, sheet="闸口社区")
    assert (second.sheet, second.households_created) == ("闸口社区", 1)
    with pytest.raises(ServiceError, match="已于"):
        ri.import_households(db, district.admin, path, sheet="闸口社区")
    with db.session_factory() as s:
        assert sorted(s.scalars(select(ImportBatch.sheet))) == ["闸口社区", "飞云社区"]
        assert sorted(s.scalars(select(Household.code))) == ["S1", "S2"]


# -- 户编号 written as "12.0" -----------------------------------------------------------------------


@pytest.mark.parametrize(("value", "code"), [
    ("1.0", "1"), (1.0, "1"), (12, "12"), ("12.00", "12"), ("１２.０", "12"), (" 7.0 ", "7"),
    ("001.0", "001"),  # typed zeros are the code's own: "001" (the system's "1" is then told apart, see below)
    ("1.5", "1.5"), ("1.05", "1.05"), ("H1.0", "H1.0"), ("1.0.0", "1.0.0"), (".0", ".0"), ("1.", "1."),
    ("-1.0", "-1.0"), ("1.0E3", "1.0E3"),
])
def test_household_code_reads_a_whole_number_written_with_point_zero(value: Any, code: str) -> None:
    assert tpl.household_code(value) == code


def write_csv(path: Path, rows: list[list[Any]]) -> Path:
    lines = [",".join(tpl.HEADER)] + [",".join(str(v) for v in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def head(code: Any, number: str = H1, **values: Any) -> list[Any]:
    return row(户编号=code, 与户主关系="本人", 姓名="赵大", 身份证号=number, 街道="八泉街道", 社区="飞云社区", **values)


def test_a_code_written_as_point_zero_updates_the_household_of_that_number(db: Database, district: District,
                                                                            tmp_path: Path) -> None:
    """Imported from a number cell (1), then from a CSV export writing it "1.0" with the spouse
    added: the same household is updated (was: a new household "1.0", its head refused as
    registered in household 1)."""
    first = tmp_path / "第一次.xlsx"
    book = xlsxwriter.Workbook(str(first))
    ws = book.add_worksheet("家庭台账")
    for c, h in enumerate(tpl.HEADER):
        ws.write_string(0, c, h)
    for c, v in enumerate(head(1)):
        if v != "":
            ws.write(1, c, v) if not isinstance(v, str) else ws.write_string(1, c, v)
    book.close()
    assert ri.import_households(db, district.admin, first).households_created == 1
    again = write_csv(tmp_path / "导出.csv", [
        head("1.0"), row(户编号="1.0", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE)])
    result = ri.import_households(db, district.admin, again)
    assert (result.households_created, result.households_updated, result.errors) == (0, 1, [])
    with db.session_factory() as s:
        assert list(s.scalars(select(Household.code))) == ["1"]
        assert s.scalar(select(Household.member_count)) == 2 and len(s.scalars(select(Member.id)).all()) == 2


def test_point_zero_rows_and_number_rows_are_one_household(db: Database, district: District, tmp_path: Path) -> None:
    """Within one file: "12.0" on the head's row and 12 on the member's are one household, not two
    refused for their leading zeros or a missing head."""
    path = write_csv(tmp_path / "混合.csv", [
        head("12.0"), row(户编号="12", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE),
        row(户编号="1.5", 与户主关系="本人", 姓名="孙三", 身份证号=H3, 街道="八泉街道", 社区="飞云社区")])
    result = ri.import_households(db, district.admin, path, dry_run=True)
    assert (result.households, result.households_created, result.errors) == (2, 2, [])
    result = ri.import_households(db, district.admin, path)
    with db.session_factory() as s:
        assert sorted(s.scalars(select(Household.code))) == ["1.5", "12"]


def test_zeros_before_point_zero_are_kept_and_told_apart(db: Database, district: District, tmp_path: Path) -> None:
    """"001.0" is the code 001: against household 1 in the system it is refused as differing only
    in leading zeros, saying which code to write."""
    ri.import_households(db, district.admin, write_csv(tmp_path / "a.csv", [head("1")]))
    result = ri.import_households(db, district.admin, write_csv(tmp_path / "b.csv", [head("001.0")]), dry_run=True)
    assert result.households_rejected == 1
    assert any("户编号“1”" in e.message and "开头的 0" in e.message for e in result.errors), result.errors


def test_a_household_kept_as_point_zero_says_to_correct_its_code(db: Database, district: District,
                                                                  tmp_path: Path) -> None:
    """A household an earlier import kept as "1.0": the register's "1.0" now reads as 1, and the
    refusal says to change that household's code to 1 (not just "adjust the family")."""
    ri.import_households(db, district.admin, write_csv(tmp_path / "a.csv", [head("H")]))
    with db.session_factory.begin() as s:
        s.execute(Household.__table__.update().values(code="1.0"))
    result = ri.import_households(db, district.admin, write_csv(tmp_path / "b.csv", [head("1.0")]), dry_run=True)
    assert result.households_rejected == 1
    assert any("户编号“1.0”" in e.message and "改为“1”" in e.message for e in result.errors), result.errors


# -- the command line -----------------------------------------------------------------------------


def test_cli_sheet_and_json(db: Database, district: District, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    path = two_sheet_register(tmp_path / "分社区.xlsx")
    url = url_of(db)
    assert cli_main(["import", "households", str(path), "--dry-run", "--database-url", url]) == 0
    text = capsys.readouterr().out
    assert "各成一个导入批次" in text and "--sheet 工作表名" in text  # the command line keeps saying --sheet
    assert cli_main(["import", "households", str(path), "--sheet", "闸口社区", "--json", "--database-url", url]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["sheet"], out["households_created"], out["other_sheets"]) == ("闸口社区", 1, [])
    assert cli_main(["import", "households", str(path), "--sheet", NOTES, "--json", "--database-url", url]) == 1
    captured = capsys.readouterr()
    error = json.loads(captured.out)
    assert f"工作表“{NOTES}”不是家庭台账" in error["error"] and "Traceback" not in captured.err


# -- the dialog -------------------------------------------------------------------------------------


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []

    def record(answer: QMessageBox.StandardButton) -> Any:
        def box(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> QMessageBox.StandardButton:
            seen.append(text)
            return answer
        return staticmethod(box)

    monkeypatch.setattr(QMessageBox, "warning", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", record(QMessageBox.StandardButton.Yes))
    return seen


def test_dialog_offers_the_sheets(qtbot: Any, sqlite_district: District, tmp_path: Path, boxes: list[str]) -> None:
    from desktop.views.context import AppContext
    from desktop.views.register_import import RegisterImportDialog
    from tests.mnemonics import duplicate_mnemonics

    d = sqlite_district
    path = two_sheet_register(tmp_path / "分社区.xlsx")
    dialog = RegisterImportDialog(AppContext(d.db, d.admin))
    qtbot.addWidget(dialog)
    assert duplicate_mnemonics(dialog) == {} and not dialog.sheet.isEnabled()
    dialog.path.setText(str(path))
    qtbot.waitUntil(lambda: dialog.sheet.count() == 3, timeout=10000)  # read once typing stops
    assert wait_for_background()
    assert [dialog.sheet.itemText(i) for i in range(3)] == [NOTES, "飞云社区", "闸口社区"]
    assert dialog.sheet.currentText() == "飞云社区" and dialog.sheet.isEnabled()
    info = dialog.sheet_info.text()
    assert "“闸口社区”" in info and "各成一个导入批次" in info and "--sheet" not in info
    assert dialog.other_sheets_hint() in info

    # another sheet chosen: read again, and the dry run and the import read that one
    dialog.sheet.setCurrentText("闸口社区")
    assert wait_for_background()
    assert "“闸口社区”" in dialog.sheet_info.text() and "“飞云社区”" in dialog.sheet_info.text()
    dialog.run(dry_run=True)
    assert wait_for_background()
    assert dialog.result is not None and dialog.result.sheet == "闸口社区" and dialog.result.households_created == 1
    dialog.run(dry_run=False)
    assert wait_for_background()
    assert dialog.result is not None and dialog.result.batch_id is not None
    with d.db.session_factory() as s:
        assert list(s.scalars(select(Household.code))) == ["S2"]
        assert list(s.scalars(select(ImportBatch.sheet))) == ["闸口社区"]

    # the 说明 sheet: said under the sheet, naming it; nothing to run; the earlier result is gone
    dialog.sheet.setCurrentText(NOTES)
    assert wait_for_background()
    assert f"工作表“{NOTES}”不是家庭台账" in dialog.sheet_info.text() and "c0392b" in dialog.sheet_info.styleSheet()
    assert dialog.result is None and dialog.errors.rowCount() == 0 and not dialog.errors_button.isEnabled()
    assert not dialog.dry_run_button.isEnabled() and not dialog.import_button.isEnabled()
    dialog.run(dry_run=True)  # run all the same (a click cannot, a script may): the same message, no traceback
    assert wait_for_background()
    assert boxes and f"工作表“{NOTES}”" in boxes[-1] and f"工作表“{NOTES}”" in dialog.summary.text()
    assert boxes[-1].count("Traceback") == 0

    # the first register sheet, found as the import finds it, imports too: a batch of its own
    dialog.sheet.setCurrentText("飞云社区")
    assert wait_for_background()
    assert dialog.import_button.isEnabled()
    dialog.run(dry_run=False)
    assert wait_for_background()
    with d.db.session_factory() as s:
        assert sorted(s.scalars(select(ImportBatch.sheet))) == ["闸口社区", "飞云社区"]


def test_dialog_reads_the_new_files_sheets_not_the_last_ones(qtbot: Any, sqlite_district: District,
                                                              tmp_path: Path, boxes: list[str]) -> None:
    """A sheet chosen in one workbook is not asked of the next file (which has no such sheet); a
    file that is not a spreadsheet is said under it, and the sheet box empties."""
    from desktop.views.context import AppContext
    from desktop.views.register_import import RegisterImportDialog
    from tests.test_import_register import small_register

    d = sqlite_district
    two = two_sheet_register(tmp_path / "分社区.xlsx")
    one = small_register(tmp_path / "台账.xlsx")
    dialog = RegisterImportDialog(AppContext(d.db, d.admin))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(two))
    dialog.read_sheets()
    assert wait_for_background()
    dialog.sheet.setCurrentText("闸口社区")
    assert wait_for_background()
    qtbot.wait(400)  # the read the typing asked for is not made over the sheet chosen since
    assert wait_for_background() and dialog.sheet.currentText() == "闸口社区" and dialog.chosen_sheet() == "闸口社区"
    dialog.path.setText(str(one))
    assert dialog.sheet.count() == 0 and dialog.chosen_sheet() is None
    dialog.run(dry_run=True)  # before the new file's sheets are read: the sheet is found
    assert wait_for_background()
    assert dialog.result is not None and dialog.result.sheet == "家庭台账" and boxes == []
    qtbot.waitUntil(lambda: dialog.sheet.count() == 1, timeout=10000)  # its sheets, once typing stopped
    assert wait_for_background()
    assert dialog.sheet.currentText() == "家庭台账" and not dialog.sheet.isEnabled()  # one sheet: nothing to choose
    broken = tmp_path / "不是表格.xlsx"
    broken.write_text("这不是表格", encoding="utf-8")
    dialog.path.setText(str(broken))
    dialog.read_sheets()
    assert wait_for_background()
    assert dialog.sheet.count() == 0 and dialog.sheet_info.text() and "c0392b" in dialog.sheet_info.styleSheet()
