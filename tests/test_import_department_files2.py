"""Department lists an adversarial pass found read wrongly, through ``relief-desk import department --json``
(and the wizard): a second ID column (a carer's, a payee's, a former number) taken for the person's own,
a column name merged across two columns over values in the second, zero-width marks inside column names,
and messages that did not say what to fix (characters in an ID number, a number cell, Excel's lock file).
The cases the first pass covered are in test_import_department_files.py."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
import xlwt  # type: ignore[import-untyped]
from python_calamine import CalamineWorkbook

from desktop.cli import main as cli_main
from desktop.io import spreadsheet as ss
from desktop.rules import codes, idcard
from desktop.services import department_import as di
from desktop.services.database import Database
from desktop.views.context import AppContext
from desktop.views.operations import wait_for_background
from tests.district import District
from tests.test_discovery_views import _run_wizard, messages  # noqa: F401 (a fixture)
from tests.test_import_department import add_household
from tests.test_import_department_files import IN, KNOWN, Ids

CARER = idcard.make("420203", date(1948, 2, 3), 41)  # the same carer on every row


@pytest.fixture
def screened(db: Database, district: District) -> Database:
    """SQLite and PostgreSQL: a person on 低保 (IN) and one registered, not in assistance (KNOWN)."""
    add_household(db, district, IN, "甲", codes.Category.DIBAO, codes.Stage.ASSISTED, "八泉社区")
    add_household(db, district, KNOWN, "乙", codes.Category.NONE, codes.Stage.CLASS_I, "闸口社区")
    return db


def run(db: Database, capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    code = cli_main(["import", "department", str(path), "--department", "医保", "--json", *extra,
                     "--database-url", db.url.render_as_string(hide_password=False)])
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1, out
    return code, json.loads(out[0])


def text_summary(db: Database, capsys: pytest.CaptureFixture[str], path: Path) -> str:
    assert cli_main(["import", "department", str(path), "--department", "医保", "--dry-run",
                     "--database-url", db.url.render_as_string(hide_password=False)]) == 0
    return capsys.readouterr().out


def xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("名单")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                ws.write_string(r, c, value)
            elif value is not None:
                ws.write(r, c, value)
    book.close()
    return path


# -- two ID columns ----------------------------------------------------------------------------------

@pytest.mark.parametrize("other", ["赡养人身份证号", "子女身份证号", "收款人身份证号", "持卡人身份证号", "代办人身份证号",
                                   "受托人身份证号", "家属身份证号", "原身份证号", "15位身份证号", "成员身份证号"])
def test_the_persons_own_id_column_is_read_whatever_other_id_column_comes_first(
        screened: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], other: str) -> None:
    """患者姓名 | 患者身份证号 after a column of someone else's numbers (the same carer on every row):
    the list was screened by the carer's column, six people became one valid row and five duplicates.
    Now the patient's column is read, and the command says which column it read and which it left."""
    ids = Ids()
    rows: list[list[Any]] = [["序号", other, "患者姓名", "患者身份证号"]]
    rows += [[i, CARER, "张三", number] for i, number in enumerate([IN, KNOWN, ids.new(), ids.new(), ids.new()], 1)]
    path = xlsx(tmp_path / "大病患者.xlsx", rows)
    code, got = run(screened, capsys, path, "--dry-run")
    assert code == 0, got
    assert (got["data_rows"], got["valid"], got["duplicates"]) == (5, 5, 0)
    assert (got["in_assistance"], got["known"], got["new"]) == (1, 1, 3)
    assert got["columns"]["id_number"] == {"column": "D", "header": "患者身份证号"}
    assert got["columns"]["name"] == {"column": "C", "header": "患者姓名"}
    assert got["other_id_columns"] == [{"column": "B", "header": other}]
    said = text_summary(screened, capsys, path)
    assert "身份证号取自 D 列“患者身份证号”" in said and f"B 列“{other}”" in said and "--id-column" in said


@pytest.mark.parametrize(("headers", "own"), [
    (["赡养人身份证号", "被赡养人姓名", "被赡养人身份证号"], 2),  # the one cared for is the person, not the carer
    (["被委托人身份证号", "姓名", "委托人身份证号"], 2),  # who asked for it done, not who does it for them
    (["受托人姓名", "受托人身份证号", "委托人姓名", "委托人身份证号"], 3),
])
def test_whose_id_column_by_the_words_naming_the_people(headers: list[str], own: int) -> None:
    assert ss.map_columns(headers)["id_number"] == own


def test_a_list_naming_the_person_and_a_guardian_says_which_column_it_read(
        screened: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """本人身份证号 beside 监护人身份证号 (already read right): the JSON and the summary now name both."""
    path = xlsx(tmp_path / "监护.xlsx", [["姓名", "监护人身份证号", "本人身份证号"], ["甲", CARER, IN], ["乙", CARER, KNOWN]])
    _code, got = run(screened, capsys, path, "--dry-run")
    assert (got["valid"], got["in_assistance"], got["known"]) == (2, 1, 1)
    assert got["columns"]["id_number"]["column"] == "C"
    assert got["other_id_columns"] == [{"column": "B", "header": "监护人身份证号"}]
    # a list with one ID column names it, and nothing else
    single = xlsx(tmp_path / "单列.xlsx", [["姓名", "身份证号"], ["甲", IN]])
    _code, got = run(screened, capsys, single, "--dry-run")
    assert got["columns"]["id_number"] == {"column": "B", "header": "身份证号"} and got["other_id_columns"] == []
    assert "未用于比对" not in text_summary(screened, capsys, single)


# -- a column name merged across two columns ---------------------------------------------------------

def merged_workbook(path: Path, people: list[tuple[str, str]]) -> Path:
    """姓名 merged over A:B and 身份证号 over C:D, the values in B and D (A and C left empty, narrow); an
    .xlsx (XlsxWriter) or a legacy .xls (xlwt) by the name."""
    if path.suffix == ".xls":
        legacy = xlwt.Workbook(encoding="utf-8")
        sheet = legacy.add_sheet("名单")
        merge, put = (lambda c1, c2, text: sheet.write_merge(0, 0, c1, c2, text)), sheet.write
    else:
        book = xlsxwriter.Workbook(str(path))
        ws = book.add_worksheet()
        merge, put = (lambda c1, c2, text: ws.merge_range(0, c1, 0, c2, text)), ws.write_string
    merge(0, 1, "姓名")
    merge(2, 3, "身份证号")
    put(0, 4, "社区")
    for r, (name, number) in enumerate(people, 1):
        put(r, 1, name)
        put(r, 3, number)
        put(r, 4, "飞云社区")
    if path.suffix == ".xls":
        legacy.save(str(path))
    else:
        book.close()
    return path


def merged_html(path: Path, people: list[tuple[str, str]]) -> Path:
    body = "".join(f"<tr><td></td><td>{n}</td><td></td><td>{v}</td><td>飞云社区</td></tr>" for n, v in people)
    path.write_text("<html><body><table><tr><th colspan=2>姓名</th><th colspan=2>身份证号</th><th>社区</th></tr>"
                    f"{body}</table></body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize(("make", "name"), [(merged_workbook, "合并表头.xlsx"), (merged_workbook, "合并表头.xls"),
                                            (merged_html, "合并表头.html")])
def test_a_column_name_merged_across_two_columns_reads_the_one_holding_the_values(
        screened: Database, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Any,
        name: str) -> None:
    """Every ID number was read as empty (the first column under the merged name), and every name."""
    ids = Ids()
    people = [("甲", IN), ("乙", KNOWN), ("丙", ids.new()), ("丁", ids.bad_check()), ("戊", IN)]
    path = make(tmp_path / name, people)
    code, got = run(screened, capsys, path)
    assert code == 0, got
    assert (got["data_rows"], got["valid"], got["invalid"], got["duplicates"]) == (5, 3, {"check character": 1}, 1)
    assert (got["in_assistance"], got["known"], got["new"], got["clues_created"]) == (1, 1, 1, 1)
    assert got["columns"]["id_number"] == {"column": "D", "header": "身份证号"}
    assert got["columns"]["name"] == {"column": "B", "header": "姓名"}
    assert {r.name for r in di.list_batch_rows(screened, district.admin, got["batch_id"])} == {"甲", "乙", "丙", "丁", "戊"}
    # the mapping remembered for the department finds the same columns in the next list of that layout
    again = make(tmp_path / f"again_{name}", [("己", ids.new()), ("庚", ids.new())])
    _code, got = run(screened, capsys, again, "--dry-run")
    assert (got["valid"], got["columns"]["id_number"]["column"], got["columns"]["name"]["column"]) == (2, "D", "B")


# -- column names with marks pasted in ----------------------------------------------------------------

def test_zero_width_marks_and_full_width_letters_inside_column_names(
        screened: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A header copied from a web page ("姓\\u200b名", "身份\\u200b证号") or typed in full width ("ＩＤ"):
    the name column was not found (every clue nameless) and the ID column only by its content."""
    path = xlsx(tmp_path / "网页复制.xlsx", [["序号", "姓\u200b名", "身份\u200b证号", "联系\u2060电话"],
                                             [1, "甲", IN, "13800000001"], [2, "乙", KNOWN, "13800000002"]])
    _code, got = run(screened, capsys, path, "--dry-run")
    assert got["valid"] == 2
    assert set(got["columns"]) == {"id_number", "name", "phone"}
    path = xlsx(tmp_path / "全角.xlsx", [["姓名", "ＩＤ"], ["甲", IN]])
    _code, got = run(screened, capsys, path, "--dry-run")
    assert got["columns"]["id_number"] == {"column": "B", "header": "ＩＤ"} and got["in_assistance"] == 1


# -- messages that say what to fix --------------------------------------------------------------------

def test_an_id_number_with_dashes_dots_or_letters_names_the_characters(
        screened: Database, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Dashes and dots between digit groups stay invalid (RULES.md §3 lists no such form), but the error
    workbook said only 含有非法字符: now it names them, from the import and from the batch alike."""
    ids = Ids()
    a, b = ids.new(), ids.new()
    path = xlsx(tmp_path / "分隔符.xlsx", [["姓名", "身份证号"], ["甲", f"{a[:6]}-{a[6:14]}-{a[14:]}"],
                                          ["乙", f"{b[:6]}.{b[6:14]}.{b[14:]}"], ["丙", a[:10] + "X" + a[11:]],
                                          ["丁", IN]])
    _code, got = run(screened, capsys, path)
    assert (got["data_rows"], got["valid"], got["invalid"]) == (4, 1, {"characters": 3})
    reasons = []
    for source in ("result", got["batch_id"]):
        out = tmp_path / f"errors_{source}.xlsx"
        if source == "result":
            result = di.import_department_list(screened, district.admin, path, "医保", dry_run=True)
            assert di.write_error_workbook(path, result, out) == 3
        else:
            assert di.write_error_workbook(path, source, out, db=screened, actor=district.admin) == 3
        rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
        reasons.append([row[-1] for row in rows[1:]])
    assert reasons[0] == reasons[1]
    assert "“-”" in reasons[0][0] and "“.”" in reasons[0][1] and "X 只能在最后一位" in reasons[0][2]


def test_a_number_cell_says_how_to_send_the_list_again(tmp_path: Path) -> None:
    """An ID number stored as a number lost its last digits: setting the column to text afterwards does
    not bring them back, so the message says to export again or type the numbers in anew."""
    result = idcard.parse(4.20203199001011e17)
    assert result.reason is idcard.Invalid.FLOAT
    assert "存成了数字" in result.message and "重新导出" in result.message and "文本" in result.message


def test_excels_lock_file_is_named_as_such(screened: Database, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The "~$名单.xlsx" Excel and WPS keep beside a workbook they have open, picked by mistake: said to
    be that, with what to choose instead (it was "neither a spreadsheet nor a text table")."""
    owner = "张三"
    data = bytes([len(owner)]) + owner.encode("gbk").ljust(53, b" ") + bytes([len(owner), 0])
    path = tmp_path / "~$医保名单.xlsx"
    path.write_bytes((data + owner.encode("utf-16-le") + b" \x00" * 50).ljust(165, b"\x00"))
    code, got = run(screened, capsys, path)
    assert code == 1 and got["code"] == "invalid_file"
    assert "临时文件" in got["error"] and "~$" in got["error"]


# -- the window ---------------------------------------------------------------------------------------

def test_the_wizard_reads_the_persons_own_column_and_says_there_is_another(
        qtbot: Any, sqlite_district: District, messages: list[str], tmp_path: Path,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """The wizard's mapping page chooses 患者身份证号, says that another column holds ID numbers, and
    its dry run gives the counts the command gives."""
    d = sqlite_district
    add_household(d.db, d, IN, "甲", codes.Category.DIBAO, codes.Stage.ASSISTED, "八泉社区")
    ids = Ids()
    rows: list[list[Any]] = [["序号", "赡养人身份证号", "患者姓名", "患者身份证号"]]
    rows += [[i, CARER, "张三", number] for i, number in enumerate([IN, ids.new(), ids.new(), IN], 1)]
    path = xlsx(tmp_path / "医保_大病.xlsx", rows)
    _code, cli = run(d.db, capsys, path, "--dry-run")
    wizard = _run_wizard(qtbot, AppContext(d.db, d.admin), path, "医保")
    page = wizard.mapping_page
    assert page.combos["id_number"].currentData() == 3
    assert "B 列“赡养人身份证号”" in page.id_note.text()
    shown = wizard.dry_run_page.counts.shown()
    assert {k: shown[k] for k in ("data_rows", "valid", "duplicates", "in_assistance", "new")} == \
        {k: cli[k] for k in ("data_rows", "valid", "duplicates", "in_assistance", "new")} == \
        {"data_rows": 4, "valid": 3, "duplicates": 1, "in_assistance": 1, "new": 2}
    # choosing the carer's column by hand: the note follows the choice
    wizard.back()
    wizard.back()
    assert wizard.currentPage() is page
    page.combos["id_number"].setCurrentIndex(page.combos["id_number"].findData(1))
    assert "D 列“患者身份证号”" in page.id_note.text()
    assert wait_for_background()


def test_the_wizard_and_the_command_read_the_id_column_filled_in_and_skip_a_second_header(
        qtbot: Any, sqlite_district: District, messages: list[str], tmp_path: Path,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """A template with 身份证号码 left empty and the numbers under 证件号码, a second list pasted under the
    first with its own header (身份证号 / 户主姓名), and numbers written "身份证 420…": the wizard chooses
    证件号码 and shows the counts the command prints (the header was a person, every row was 'empty')."""
    d = sqlite_district
    add_household(d.db, d, IN, "甲", codes.Category.DIBAO, codes.Stage.ASSISTED, "八泉社区")
    ids = Ids()
    header = ["序号", "姓名", "身份证号码", "证件类型", "证件号码"]
    rows: list[list[Any]] = [header, [1, "张三", None, "居民身份证", IN], [2, "李四", None, "居民身份证", ids.new()],
                             ["序号", "户主姓名", "身份证号", "证件类型", "证件号码"],
                             [3, "王五", None, "居民身份证", f"身份证 {ids.new()}"], [4, "赵六", None, "居民身份证", IN]]
    path = xlsx(tmp_path / "医保_名单.xlsx", rows)
    _code, cli = run(d.db, capsys, path, "--dry-run")
    wizard = _run_wizard(qtbot, AppContext(d.db, d.admin), path, "医保")
    assert wizard.mapping_page.combos["id_number"].currentData() == 4
    shown = wizard.dry_run_page.counts.shown()
    keys = ("data_rows", "valid", "duplicates", "in_assistance", "new")
    assert {k: shown[k] for k in keys} == {k: cli[k] for k in keys} == \
        {"data_rows": 4, "valid": 3, "duplicates": 1, "in_assistance": 1, "new": 2}
    assert cli["invalid"] == {}
    assert wait_for_background()
