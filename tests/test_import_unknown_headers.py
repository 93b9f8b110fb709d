"""Department lists whose ID column has a heading nobody taught the reader."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from desktop.cli import main as cli_main
from desktop.rules import idcard
from desktop.services import department_import
from desktop.services.errors import ServiceError
from tests.district import District


def _book(path: Path, header: list[str], ids: list[str], title: str = "") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.append([title])
        ws.append([])
    ws.append(header)
    for i, number in enumerate(ids):
        ws.append([i + 1, f"张{i}", number, "备注"])
    wb.save(path)
    return path


def _ids(n: int) -> list[str]:
    return [idcard.make("420203", date(1980, 1, 1 + i), 11 + 2 * i) for i in range(n)]


def test_id_column_found_by_its_content(tmp_path: Path, district: District) -> None:
    path = _book(tmp_path / "union.xlsx", ["序号", "职工姓名", "社会保障号", "工作单位"], _ids(8) + ["420203198001011239"],
                 title="2026年困难职工名单")
    result = department_import.import_department_list(district.db, district.admin, path, "总工会", dry_run=True)
    assert (result.data_rows, result.valid, result.invalid) == (9, 8, {"check character": 1})
    assert result.header_row == 3


def test_unrecognised_column_can_be_mapped_by_hand(tmp_path: Path, district: District,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    ids = ["ID" + n for n in _ids(3)]  # not ID-like as they stand: no automatic guess
    path = _book(tmp_path / "odd.xlsx", ["编号", "人员", "号码", "备注"], ids)
    with pytest.raises(ServiceError, match="找不到身份证号列"):
        department_import.import_department_list(district.db, district.admin, path, "人社", dry_run=True)
    preview = department_import.preview(path, "人社")
    assert "id_number" not in preview.mapping and preview.columns == ["编号", "人员", "号码", "备注"]
    assert len(preview.sample_rows) == 3
    result = department_import.import_department_list(district.db, district.admin, path, "人社", dry_run=True,
                                                      mapping={"id_number": 2, "name": 1})
    assert result.data_rows == 3 and result.invalid == {"characters": 3}
    url = district.db.url.render_as_string(hide_password=False)
    assert cli_main(["import", "department", str(path), "--department", "人社", "--dry-run", "--json",
                     "--id-column", "号码", "--name-column", "B", "--database-url", url]) == 0
    counts = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert counts["data_rows"] == 3 and counts["invalid"] == {"characters": 3}
    assert cli_main(["import", "department", str(path), "--department", "人社", "--dry-run",
                     "--id-column", "Z", "--database-url", url]) == 1
    assert "找不到列" in capsys.readouterr().err


def test_a_line_above_an_unknown_header_is_not_the_header(tmp_path: Path, district: District) -> None:
    """A database export's header (XH, XM, SFZH, DZ) under a title and a line "填报单位:… 报送日期:…":
    the header is the row that names the columns, not the line above it, and none of the rows below
    is taken for a header because its address reads like a column name (…社区3栋) or its ID number
    lost its digits (4.20203E+17)."""
    ids = _ids(30)
    lines = ["西塞山区医保局名单,,,", "填报单位:医保局,,报送日期:2026-10-08,", "XH,XM,SFZH,DZ"]
    lines += [f"{i + 1},张{i},{n if i % 7 else '4.20203E+17'},八泉街道飞云社区{i}栋" for i, n in enumerate(ids)]
    path = tmp_path / "export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = department_import.import_department_list(district.db, district.admin, path, "医保", dry_run=True)
    assert result.header_row == 3 and result.mapping["id_number"] == 2
    assert (result.data_rows, result.valid, result.invalid) == (30, 25, {"stored as a number": 5})
    lines.pop(1)  # without the line above: found under the header's own row, not under a data row
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = department_import.import_department_list(district.db, district.admin, path, "医保", dry_run=True)
    assert result.header_row == 2 and result.data_rows == 30
