"""Exports read back as Excel/WPS will open them: long text within Excel's cell limit, sheet names Excel
accepts, ID numbers and addresses in columns wide enough to read, text that looks like a formula kept as
text, an empty list saying so, date-and-time kept whole (desktop/io/xlsx_stream.py, xlsx_writer.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop.io import xlsx_stream, xlsx_writer
from desktop.rules.codes import Role, SourceLevel
from desktop.services import clues, referrals
from desktop.services import households as hs
from desktop.services.clues import ClueInput
from desktop.services.errors import ValidationFailed
from tests.district import District
from tests.monitoring_helpers import add_households

TODAY = date.today()
LONG = "屋顶漏雨," * 9000  # 45,000 characters: over Excel's 32,767 a cell may hold
FORMULA_NAME = "=HYPERLINK(\"http://x\",\"点我\")"
FORMULA_ADDRESS = "+1-2@SUM(A1)"


def _clue(**kw: object) -> ClueInput:
    base: dict[str, object] = dict(source_level=SourceLevel.INFORMANT, source="building_head",
                                   reported_on=TODAY - timedelta(days=3), description="独居老人,无收入",
                                   person_name="张三", id_number="", phone="13800000001",
                                   address="八泉街道1号", channel="home_visit", reported_by="李楼栋长")
    base.update(kw)
    return ClueInput(**base)  # type: ignore[arg-type]


def _header_row(ws: openpyxl.worksheet.worksheet.Worksheet, header: str) -> int:
    for row in ws.iter_rows(min_row=1, max_row=3):
        if any(c.value == header for c in row):
            return row[0].row
    raise AssertionError(f"no header {header} in {ws.title}")


def test_clue_export_keeps_long_text_within_excels_cell_limit_and_formulas_as_text(
        district: District, tmp_path: Path) -> None:
    db = district.db
    clues.add_clue(db, district.admin, _clue(description=LONG, person_name=FORMULA_NAME, address=FORMULA_ADDRESS))
    path = tmp_path / "线索.xlsx"
    assert clues.export_clues(db, district.admin, clues.ClueFilter(), path) == 1
    ws = openpyxl.load_workbook(path).active
    top = _header_row(ws, "发现的情况")
    headers = [c.value for c in ws[top]]
    row = ws[top + 1]
    described = row[headers.index("发现的情况")]
    assert len(described.value) == xlsx_writer.MAX_CELL_TEXT == 32767
    assert LONG.startswith(described.value)
    name, address = row[headers.index("姓名")], row[headers.index("住址")]
    assert (name.value, name.data_type) == (FORMULA_NAME, "s")  # text, not a formula Excel would run
    assert (address.value, address.data_type) == (FORMULA_ADDRESS, "s")
    assert ws.freeze_panes == f"A{top + 1}"


def test_household_export_columns_fit_the_id_numbers_and_addresses(district: District, tmp_path: Path) -> None:
    db = district.db
    add_households(db, district.regions["飞云社区"], "class_1", 2, name=FORMULA_NAME)
    for role, whole in ((Role.ADMIN, True), (Role.COMMUNITY_WORKER, False)):
        path = tmp_path / f"{role.value}.xlsx"
        assert hs.export_households(db, district.actor(role), hs.HouseholdFilter(), path) == 2
        ws = openpyxl.load_workbook(path)["家庭户"]
        headers = [c.value for c in ws[1]]
        assert ws.freeze_panes == "A2"
        number = ws.cell(2, headers.index("身份证号") + 1)
        assert number.data_type == "s" and (len(number.value) == 18 and number.value.isalnum()) == whole
        assert ("*" in number.value) != whole  # masked for the community worker
        name = ws.cell(2, headers.index("户主姓名") + 1)
        assert name.data_type == "s" and name.value.startswith(FORMULA_NAME)
        widths = {h: ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width
                  for i, h in enumerate(headers)}
        assert widths["身份证号"] >= 18  # not cut off by the next column
        address = ws.cell(2, headers.index("地址") + 1).value
        # 测试路N号: a Chinese character takes two widths, a digit one (N grows with the households that
        # earlier tests of the worker made: 测试路2501号 is 11 wide, not 16)
        assert widths["地址"] >= sum(2 if ord(ch) > 0x2E7F else 1 for ch in address)


def test_empty_exports_are_refused_and_write_no_file(district: District, tmp_path: Path) -> None:
    """An export with nothing in it is refused, as every export is (tests/test_exports_s24.py)."""
    db = district.db
    path = tmp_path / "家庭户.xlsx"
    with pytest.raises(ValidationFailed, match="没有符合筛选条件的家庭户,没有导出文件"):
        hs.export_households(db, district.admin, hs.HouseholdFilter(search="没有这个人"), path)
    path2 = tmp_path / "转介.xlsx"
    with pytest.raises(ValidationFailed, match="没有符合条件的转介住保的记录,没有导出文件"):
        referrals.export_department_list(db, district.admin, "housing", path2)
    assert not path.exists() and not path2.exists()


@pytest.mark.parametrize("writer", ["stream", "xlsxwriter"])
def test_writers_make_sheet_names_excel_accepts_and_keep_times(writer: str, tmp_path: Path) -> None:
    """A department or region may be named with a / or : (民政/残联); Excel refuses such a sheet name,
    xlsxwriter raised InvalidWorksheetName and the stream writer wrote a workbook nothing could open."""
    path = tmp_path / "out.xlsx"
    rows = [["110101199003077777", datetime(2026, 1, 2, 13, 45), date(2026, 1, 2), Decimal("12.50"), LONG]]
    headers = ["身份证号", "时间", "日期", "金额", "说明"]
    if writer == "stream":
        xlsx_stream.write_rows(path, headers, rows, sheet="民政/残联:[转介]?*", text_columns=(0,))
    else:
        xlsx_writer.write_table(path, headers, rows, sheet="民政/残联:[转介]?*", text_columns=(0,))
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "民政_残联__转介___"
    number, moment, day, money, text = ws[2]
    assert number.value == "110101199003077777" and number.data_type == "s"
    assert moment.value == datetime(2026, 1, 2, 13, 45) and moment.number_format == "yyyy-mm-dd hh:mm"
    assert day.value == datetime(2026, 1, 2) and day.number_format == "yyyy-mm-dd"
    assert money.value == 12.5 and money.number_format == "#,##0.00"
    assert len(text.value) == 32767
    assert ws.column_dimensions["A"].width >= 18


def test_suggested_file_names_are_legal_on_windows(qapp, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """A person's or department's name in a suggested name (转介函_民政/残联_张三) made a folder of part of
    it, or a name with : " ? that Windows refuses to save."""
    from desktop.views import save_as

    asked: list[str] = []

    def dialog(parent, title, suggested, filters):  # noqa: ANN001, ANN202
        asked.append(suggested)
        return suggested, filters

    monkeypatch.setattr(save_as.QFileDialog, "getSaveFileName", dialog)
    path = save_as.ask_save_path(None, "转介函", '转介函_民政/残联_"张:三"?_{date}', "pdf")
    name = Path(asked[0]).name
    assert Path(asked[0]).parent == Path.home()
    assert name == f"转介函_民政_残联__张_三___{TODAY:%Y%m%d}"
    assert not set(name) & set('\\/:*?"<>|')
    assert path == asked[0] + ".pdf"
