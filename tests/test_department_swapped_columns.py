"""A department list row with its name and ID number filled in the wrong way round: it was refused as
"身份证号含有非法字符“李”…", naming the person's name as bad characters. The reason stays `characters`
(the counts are as before); the message says the two columns look swapped, the same in the import's
error list and workbook, the error workbook saved later from the batch, and the wizard's preview."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from desktop.rules import idcard
from desktop.services import department_import as di
from desktop.services.database import Database
from tests.district import District

ONE = idcard.make("420203", date(1980, 1, 1), 1)
TWO = idcard.make("420203", date(1982, 3, 4), 2)
SWAPPED = "身份证号一栏填的是“李芳”,姓名一栏却是身份证号:这一行的姓名和身份证号可能填反了,请改正后重新发送"


def listing(tmp_path: Path) -> Path:
    path = tmp_path / "民政名单.csv"
    path.write_text(f"姓名,身份证号\n王伟,{ONE}\n{TWO},李芳\n张娜,王五\n", encoding="utf-8")
    return path


def error_rows(path: Path) -> list[tuple]:
    return list(load_workbook(path).active.iter_rows(min_row=2, values_only=True))


def test_a_swapped_row_says_so_everywhere(db: Database, district: District, tmp_path: Path) -> None:
    path = listing(tmp_path)
    result = di.import_department_list(db, district.admin, path, "民政")
    assert (result.data_rows, result.valid, result.invalid, result.duplicates) == (3, 1, {"characters": 2}, 0)
    by_row = {p.row_number: p.message for p in result.errors}
    assert by_row[3] == SWAPPED
    assert by_row[4] == idcard.parse("王五").message  # a name in both columns: no number anywhere, said as before
    di.write_error_workbook(path, result, tmp_path / "错误1.xlsx")
    di.write_error_workbook(path, result.batch_id, tmp_path / "错误2.xlsx", db=db, actor=district.admin)
    for name in ("错误1.xlsx", "错误2.xlsx"):
        rows = error_rows(tmp_path / name)
        assert [(r[0], r[1], r[-1]) for r in rows] == [(TWO, "李芳", SWAPPED), ("张娜", "王五", by_row[4])], name


def test_the_preview_says_so(tmp_path: Path) -> None:
    preview = di.preview(listing(tmp_path))
    assert [c.message for c in di.check_samples(preview, preview.mapping)][1] == SWAPPED
