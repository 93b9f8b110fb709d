"""Issue 4 "Bad input", a further pass: broken and hostile files given to ``import department``,
``import households`` and ``region import``. Each is made here, run through the command, and must end
with exit 1 and one Chinese message naming the file (and the row and column where it is about a row),
no traceback and nothing written; or exit 0 where the file is readable. Cases covered earlier
(encrypted, damaged zip, ~$ owner files, empty files, …) are in test_import_department_files*.py and
test_import_spreadsheet.py."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import xlsxwriter
import xlwt  # type: ignore[import-untyped]
from sqlalchemy import func, select

from desktop.cli import main as cli_main
from desktop.io import spreadsheet as ss
from desktop.models.discovery import Clue, ImportBatch
from desktop.models.region import Region
from desktop.rules import idcard
from desktop.services.database import Database
from tests.test_import_department_files2 import xlsx

IDS = [idcard.make("420203", date(1970, 1, 1), i) for i in range(30, 530)]
ROWS = [["姓名", "身份证号"]] + [[f"王{i}", number] for i, number in enumerate(IDS)]
COMMANDS = {
    "department": ["import", "department", "{}", "--department", "医保"],
    "households": ["import", "households", "{}"],
    "regions": ["region", "import", "{}"],
}


def written(db: Database) -> tuple[int, int]:
    with db.engine.connect() as conn:
        return (conn.scalar(select(func.count()).select_from(ImportBatch)) or 0,
                conn.scalar(select(func.count()).select_from(Clue)) or 0)


def run(db: Database, capsys: pytest.CaptureFixture[str], command: str, path: Path, *extra: str) -> tuple[int, str]:
    args = [a.format(path) for a in COMMANDS[command]]
    code = cli_main([*args, *extra, "--database-url", db.url.render_as_string(hide_password=False)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def refused(db: Database, capsys: pytest.CaptureFixture[str], path: Path, *wanted: str) -> None:
    """Every command: exit 1, one line naming the file (and what is wanted), no traceback, nothing written."""
    for command in COMMANDS:
        code, out = run(db, capsys, command, path)
        assert code == 1, (command, out)
        assert "Traceback" not in out and f"“{path.name}”" in out, (command, out)
        lines = [line for line in out.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("错误:"), (command, out)
        english = re.sub(r"Excel|Word|NUL", "", lines[0].replace(path.name, ""))
        assert not re.search(r"[A-Za-z]{4,}", english), (command, out)  # calamine's or the system's words
        for text in wanted:
            assert text in out, (command, out)
    assert written(db) == (0, 0)


def _rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
    return target


def _xls(path: Path) -> Path:
    return _xls_rows(path, ROWS)


def _xls_rows(path: Path, rows: list[list[str]]) -> Path:
    book = xlwt.Workbook()
    sheet = book.add_sheet("名单")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(path))
    return path


# -- damaged workbooks: refused at file level --------------------------------------------------------

def test_an_xlsx_cut_in_the_middle_of_its_sheet_is_refused(db: Database, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A download interrupted inside the sheet part."""
    whole = xlsx(tmp_path / "whole.xlsx", ROWS)
    info = zipfile.ZipFile(whole).getinfo("xl/worksheets/sheet1.xml")
    cut = tmp_path / "中断.xlsx"
    cut.write_bytes(whole.read_bytes()[:info.header_offset + 30 + len(info.filename) + info.compress_size // 2])
    refused(db, capsys, cut, "已损坏")


def test_an_xlsx_whose_sheet_is_not_xml_is_refused_naming_the_sheet(db: Database, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    whole = xlsx(tmp_path / "whole.xlsx", ROWS)
    bad = _rewrite(whole, tmp_path / "乱码.xlsx",
                   lambda n, d: b"\x00\x01 not xml <<<" if n == "xl/worksheets/sheet1.xml" else d)
    refused(db, capsys, bad, "工作表“名单”已损坏")


def test_an_xlsx_with_a_shared_string_index_out_of_range_is_refused_in_chinese(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """calamine's own English reason ("Cell string index not found…") is not shown."""
    whole = xlsx(tmp_path / "whole.xlsx", ROWS)
    bad = _rewrite(whole, tmp_path / "索引.xlsx", lambda n, d: re.sub(
        rb'(<c r="A3"[^>]*t="s"[^>]*><v>)\d+(</v>)', rb"\g<1>99999\2", d) if n == "xl/worksheets/sheet1.xml" else d)
    refused(db, capsys, bad, "已损坏")


@pytest.mark.parametrize(("part", "content", "said"), [
    ("xl/sharedStrings.xml", b"<sst><si><t>oops", "内容不完整或格式错误"),  # calamine said only "t"
    ("xl/workbook.xml", b"garbage", "内容不完整或格式错误"),  # "workbook"
    ("xl/styles.xml", b"<styleSheet", "内容不完整或格式错误"),  # "syntax error: tag not closed: …"
])
def test_an_xlsx_with_a_broken_workbook_part_is_refused_in_chinese(
        part: str, content: bytes, said: str, db: Database, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A broken part other than the sheet gave calamine's own English in brackets:
    “已损坏或不是有效的电子表格,无法读取(syntax error: tag not closed: `>` not found before end of input)”."""
    whole = xlsx(tmp_path / "whole.xlsx", ROWS)
    bad = _rewrite(whole, tmp_path / "部件.xlsx", lambda n, d: content if n == part else d)
    refused(db, capsys, bad, f"已损坏或不是有效的电子表格({said})")


def test_an_ods_without_its_manifest_is_refused_in_chinese(db: Database, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "清单.ods"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content><broken")
    refused(db, capsys, bad, "已损坏或不是有效的电子表格(缺少表格文件必需的组成部分)")


def test_a_truncated_xls_is_refused(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole = _xls(tmp_path / "whole.xls").read_bytes()
    cut = tmp_path / "截断.xls"
    cut.write_bytes(whole[:len(whole) // 2])
    refused(db, capsys, cut, "已损坏")


def test_a_word_document_renamed_xls_is_refused(db: Database, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """An OLE file whose main stream is WordDocument (a .doc saved with the wrong extension)."""
    data = bytearray(_xls(tmp_path / "whole.xls").read_bytes())
    at = data.index("Workbook".encode("utf-16-le") + b"\x00\x00")
    data[at:at + 64] = ("WordDocument".encode("utf-16-le") + b"\x00\x00").ljust(64, b"\x00")
    data[at + 64:at + 66] = (26).to_bytes(2, "little")
    doc = tmp_path / "通知.xls"
    doc.write_bytes(bytes(data))
    refused(db, capsys, doc, "Word 文档")


def test_a_zero_byte_xlsx_is_refused(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    refused(db, capsys, empty, "0 字节")


# -- paths -------------------------------------------------------------------------------------------

def test_a_symlink_loop_is_refused_in_chinese(db: Database, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Was: 无法读取文件“循环.xlsx”:Too many levels of symbolic links。"""
    os.symlink(tmp_path / "b.xlsx", tmp_path / "循环.xlsx")
    os.symlink(tmp_path / "循环.xlsx", tmp_path / "b.xlsx")
    refused(db, capsys, tmp_path / "循环.xlsx", "链接")


def test_a_file_name_too_long_is_refused_in_chinese(db: Database, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Was: 无法读取文件“…”:File name too long。"""
    refused(db, capsys, tmp_path / ("名" * 100 + ".xlsx"), "过长")


def test_a_path_longer_than_260_characters_is_read(db: Database, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path.joinpath(*["很长的文件夹名称" * 6] * 6)
    folder.mkdir(parents=True)
    deep = xlsx(folder / "名单.xlsx", ROWS)
    assert len(str(deep)) > 260
    code, out = run(db, capsys, "department", deep, "--dry-run")
    assert code == 0 and "数据行 500 = 有效 500" in out, out


# -- NUL bytes in a text file --------------------------------------------------------------------------

def _nul_csv(path: Path, row: int) -> Path:
    lines = [",".join(r) for r in ROWS]
    lines[row - 1] = "李\x00四," + IDS[row - 2]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_csv_with_a_nul_byte_near_its_start_is_refused_by_row_and_column(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Was: "不是电子表格,也不是文本表格(CSV)" for a text with one NUL byte in a name."""
    refused(db, capsys, _nul_csv(tmp_path / "空字符.csv", 3), "第 3 行第 1 列(A 列)含有空字符")


def test_a_csv_with_a_nul_byte_far_into_it_is_refused_and_nothing_is_written(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Was: the name went into the batch with the NUL (PostgreSQL refused it: an internal error)."""
    path = _nul_csv(tmp_path / "空字符.csv", 450)
    assert path.read_bytes().index(b"\x00") > 8192
    code, out = run(db, capsys, "department", path)
    assert code == 1 and "“空字符.csv”第 450 行第 1 列(A 列)含有空字符" in out and "Traceback" not in out, out
    assert written(db) == (0, 0)


# -- readable files --------------------------------------------------------------------------------------

@pytest.mark.parametrize("make", ["utf16le", "utf16be", "wide", "no_content_types"])
def test_readable_oddities_are_read(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    make: str) -> None:
    text = "\n".join(",".join(r) for r in ROWS) + "\n"
    path = tmp_path / "名单.csv"
    if make == "utf16le":
        path.write_bytes(text.encode("utf-16-le"))  # no BOM
    elif make == "utf16be":
        path.write_bytes(text.encode("utf-16-be"))
    elif make == "wide":  # one row of 1,000 columns
        path.write_text(text.replace(IDS[5], IDS[5] + ",x" * 1000), encoding="utf-8")
    else:
        path = _rewrite(xlsx(tmp_path / "whole.xlsx", ROWS), tmp_path / "名单.xlsx",
                        lambda n, d: None if n == "[Content_Types].xml" else d)
    code, out = run(db, capsys, "department", path, "--dry-run")
    assert code == 0 and "数据行 500 = 有效 500 + 无效 0" in out, out


@pytest.mark.parametrize("rows", [[["姓名", "身份证号"]], [["姓名", "身份证号"], ["   ", "   "]]],
                         ids=["header_only", "row_of_spaces"])
def test_a_header_without_data_is_refused(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          rows: list[list[str]]) -> None:
    path = xlsx(tmp_path / "表头.xlsx", rows)
    code, out = run(db, capsys, "department", path)
    assert code == 1 and "“表头.xlsx”的表头(第 1 行)下面没有数据行" in out, out
    assert written(db) == (0, 0)


def test_id_formulas_without_saved_values_are_invalid_rows(db: Database, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """=C2&D2 in every ID cell, never calculated: each row invalid with the reason; no clue made."""
    path = tmp_path / "公式.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("名单")
    sheet.write_row(0, 0, ["姓名", "身份证号", "前", "后"])
    for r, number in enumerate(IDS[:3], 1):
        sheet.write_string(r, 0, f"王{r}")
        sheet.write_formula(r, 1, f"=C{r + 1}&D{r + 1}", None, "")
        sheet.write_string(r, 2, number[:9])
        sheet.write_string(r, 3, number[9:])
    book.close()
    code, out = run(db, capsys, "department", path)
    assert code == 0 and "数据行 3 = 有效 0 + 无效 3" in out and "公式" in out, out
    assert written(db)[1] == 0


# -- the --errors file -----------------------------------------------------------------------------------

def test_errors_in_a_missing_folder_makes_no_folder_when_the_input_is_refused(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Was: the folder was made before the input was read, and left empty behind a refused import."""
    cut = tmp_path / "中断.xlsx"
    cut.write_bytes(xlsx(tmp_path / "whole.xlsx", ROWS).read_bytes()[:2000])
    for command in ("department", "households"):
        code, out = run(db, capsys, command, cut, "--errors", str(tmp_path / "新文件夹" / "子" / "错误.xlsx"))
        assert code == 1 and "已损坏" in out, out
        assert not (tmp_path / "新文件夹").exists()
    good = tmp_path / "好.csv"
    good.write_text("\n".join(",".join(r) for r in ROWS[:3]) + "\n张三,123\n", encoding="utf-8")
    code, out = run(db, capsys, "department", good, "--dry-run", "--errors", str(tmp_path / "新文件夹" / "错误.xlsx"))
    assert code == 0 and (tmp_path / "新文件夹" / "错误.xlsx").is_file(), out


def test_errors_under_a_file_is_refused_before_reading(db: Database, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = xlsx(tmp_path / "名单.xlsx", ROWS)
    code, out = run(db, capsys, "department", path, "--errors", str(path / "子" / "错误.xlsx"))
    assert code == 1 and "无法写入文件" in out and "路径中的某一段不是文件夹" in out and "Traceback" not in out, out
    assert written(db) == (0, 0)


def test_errors_to_a_hard_link_of_the_input_leaves_the_input_whole(db: Database, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = xlsx(tmp_path / "名单.xlsx", ROWS)
    before = path.read_bytes()
    os.link(path, tmp_path / "链接.xlsx")
    code, out = run(db, capsys, "department", path, "--dry-run", "--errors", str(tmp_path / "链接.xlsx"))
    assert code == 1 and "就是要导入的文件本身" in out, out
    assert path.read_bytes() == before


def test_an_xls_with_a_nul_byte_in_a_name_is_refused_by_row_and_column(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Was: the department list imported on SQLite with the NUL in the name, and on PostgreSQL
    ended in an internal error (PostgreSQL refuses NUL in text)."""
    rows = [[name, number] for name, number in ROWS[:20]]
    rows[3][0] = "李\x00四"
    refused(db, capsys, _xls_rows(tmp_path / "空字符.xls", rows), "第 4 行第 1 列(A 列)含有空字符")


def test_a_region_list_with_a_nul_byte_is_refused_and_no_region_is_added(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Was: an internal error on PostgreSQL (the name with a NUL in the query)."""
    path = _xls_rows(tmp_path / "区划.xls", [["街道(镇)", "社区(村)"], ["新城街道", "新城社区"], ["新城街道", "李\x00社区"]])
    code, out = run(db, capsys, "regions", path)
    assert code == 1 and "“区划.xls”第 3 行第 2 列(B 列)含有空字符" in out and "Traceback" not in out, out
    with db.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Region).where(Region.name.like("新城%"))) == 0


def test_nul_padding_at_the_end_of_a_cell_is_still_read(db: Database, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Fixed-width exports from old systems pad cells with NULs: padding, not damage."""
    rows = [[name + "\x00\x00", number] for name, number in ROWS[1:4]]
    path = _xls_rows(tmp_path / "填充.xls", [ROWS[0], *rows])
    code, out = run(db, capsys, "department", path, "--dry-run")
    assert code == 0 and "数据行 3 = 有效 3" in out, out


def test_a_csv_cell_over_the_field_limit_is_refused_by_row(db: Database, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Was: 文本格式有误:field larger than field limit (131072) (Python's words, no row)."""
    lines = [",".join(r) for r in ROWS[:4]]
    lines[2] += "," + "x" * 200_000
    path = tmp_path / "长单元格.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused(db, capsys, path, "第 3 行有一个单元格超过 131072 个字符")


def test_a_file_held_open_by_excel_is_refused_through_every_command(
        db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel's ~$ owner file beside it and the file itself not readable (a sharing violation on
    Windows; chmod 000 elsewhere, which root reads anyway: the refusal is made here)."""
    path = xlsx(tmp_path / "名单.xlsx", ROWS)
    (tmp_path / "~$名单.xlsx").write_bytes(b"\x05admin".ljust(165, b"\x00"))

    def locked(p: Path) -> None:
        raise PermissionError(13, "Permission denied", str(p))
    monkeypatch.setattr(ss, "_open_binary", locked)
    refused(db, capsys, path, "文件被占用或没有读取权限")
