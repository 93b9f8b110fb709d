"""Session 38 acceptance: an office's slips on a department list. --id-column on the amounts imported
0 valid rows and saved that column for the department's next lists; --header-row on a data row skipped
the rows above it without a word; the refusal of the list imported so named only a new file as the way
out, not undoing the batch."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from desktop.io import spreadsheet
from desktop.models import ColumnMapping
from desktop.rules import idcard
from desktop.services import department_import as di
from desktop.services.database import Database
from desktop.services.errors import NotFound, ServiceError
from tests.district import District


def _list(path: Path, people: int = 12) -> Path:
    wb = openpyxl.Workbook()
    wb.active.append(["救助对象姓名", "居民身份证号码", "所在社区", "救助金额"])
    for i in range(people):
        wb.active.append([f"张{'一二三四五六七八九十'[i % 10]}{i}", idcard.make("420203", date(1970, 1, 1 + i), 13 + 2 * i),
                          "飞云社区", 300 + i])
    wb.save(path)
    return path


def test_a_column_without_id_numbers_is_not_remembered(db: Database, district: District, tmp_path: Path) -> None:
    path = _list(tmp_path / "名单.xlsx")
    found = di.preview(path, "民政", db=db)
    slip = di.with_id_column(found.columns, dict(found.mapping), 3)  # D: the amounts
    result = di.import_department_list(db, district.admin, path, "民政", mapping=slip)
    assert result.valid == 0 and result.batch_id is not None
    with db.session_factory() as s:
        assert s.scalar(select(ColumnMapping).where(ColumnMapping.department == "民政")) is None
    again = di.preview(_list(tmp_path / "下一份.xlsx", 13), "民政", db=db)
    assert again.mapping["id_number"] == 1  # read by its header, as before the slip
    # the list imported so is refused, naming the way back: undo the batch
    with pytest.raises(ServiceError) as refused:
        di.import_department_list(db, district.admin, path, "民政")
    assert f"relief-desk import undo {result.batch_id}" in refused.value.message
    assert "导入记录 › 撤销本批导入" in refused.value.message


def test_a_good_import_is_remembered(db: Database, district: District, tmp_path: Path) -> None:
    result = di.import_department_list(db, district.admin, _list(tmp_path / "名单.xlsx"), "民政")
    assert result.valid == 12
    with db.session_factory() as s:
        saved = s.scalar(select(ColumnMapping.mapping).where(ColumnMapping.department == "民政"))
    assert saved["columns"]["id_number"] == "居民身份证号码"


def test_a_header_row_given_on_the_data_is_refused(tmp_path: Path) -> None:
    path = _list(tmp_path / "名单.xlsx")
    book = spreadsheet.open_workbook(path)
    with pytest.raises(spreadsheet.SpreadsheetError) as refused:
        spreadsheet.find_layout(book, header_row=9)
    assert refused.value.message == (
        "文件“名单.xlsx”工作表“Sheet”的第 9 行是数据(第 B 列是身份证号),不是表头;它上面还有 7 行数据,按此导入会被跳过。"
        "请指定真正的表头所在行,或不指定表头行(自动查找)。")
    assert spreadsheet.find_layout(book, header_row=1).header_height == 1


def test_a_header_row_given_on_a_list_without_header_is_its_first_row(tmp_path: Path) -> None:
    """A system's export of the data alone, below a title: the row given is where the data begins."""
    wb = openpyxl.Workbook()
    wb.active.append(["低保对象名单(导出)"])
    for i in range(8):
        wb.active.append([f"李{i}", idcard.make("420203", date(1980, 2, 1 + i), 15 + 2 * i), "飞云社区"])
    wb.save(tmp_path / "导出.xlsx")
    layout = spreadsheet.find_layout(spreadsheet.open_workbook(tmp_path / "导出.xlsx"), header_row=2)
    assert (layout.header_row, layout.header_height) == (2, 0)


def test_an_undo_that_lost_the_race_says_the_batch_was_undone(db: Database, district: District, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Two `import undo` of one batch at once: the second said its clues had just been taken up by someone
    (it found none left to delete, the first had deleted them). It says the batch was undone."""
    result = di.import_department_list(db, district.admin, _list(tmp_path / "名单.xlsx"), "民政")
    seen = di.undo_info(db, district.admin, result.batch_id)  # what the second read before the first committed
    assert seen.clues > 0 and not seen.refusal
    di.undo_batch(db, district.admin, result.batch_id, "选错了部门")
    monkeypatch.setattr(di, "_undo_info", lambda *_a, **_k: seen)
    with pytest.raises(NotFound, match=f"批次 {result.batch_id} 刚刚已被撤销"):
        di.undo_batch(db, district.admin, result.batch_id, "选错了部门")
