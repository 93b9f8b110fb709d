"""Household registers as other offices send them, round 3 (relief-desk import households FILE
[--json]): the downloaded template filled in, CSV written by Excel (="…" cells, accounting-format
losses, tabs or semicolons, UTF-16 text), headers with units and line breaks, extra columns, TRUE/FALSE
cells, IDs with spaces or in full width, relations as people write them, merged codes in a legacy .xls;
and a register re-imported over households the system's own procedure holds (a running approval,
an application being handled)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
import xlwt
from sqlalchemy import select

from desktop.io import register_template as tpl
from desktop.models import Application, Expense, Household, ImportBatch, Income, Member
from desktop.services import applications as app_svc
from desktop.services.database import Database
from tests.district import District
from tests.test_applications import run_steps_and_approve
from tests.test_register_variants_s15 import (
    CLH,
    CZQ,
    LXY,
    WGL,
    WH,
    ZJG,
    ZXM,
    H,
    count,
    counts,
    families,
    import_json,
    messages,
    run,
    table,
    write_csv,
    write_xlsx,
)


def register(db: Database) -> dict[str, Any]:
    """What the database holds, as a person reading the register would list it: per 户编号 the head,
    category, library, area, single parent, phone, members (name, relation) and the year's figures."""
    with db.session_factory() as s:
        found = {}
        for h in s.scalars(select(Household).order_by(Household.code)):
            incomes = sorted((i.kind, i.amount) for i in s.scalars(select(Income).where(Income.household_id == h.id))
                             if i.amount)
            expenses = sorted((e.kind, e.amount) for e in s.scalars(select(Expense).where(Expense.household_id == h.id))
                              if e.amount)
            members = sorted((m.name, m.relation) for m in s.scalars(select(Member).where(Member.household_id == h.id)))
            found[h.code] = {"head": h.head_name, "category": h.category, "stage": h.stage, "area": h.area_type,
                             "single": h.single_parent, "phone": h.phone, "members": members, "incomes": incomes,
                             "expenses": expenses}
        return found


def d(value: str) -> Decimal:
    return Decimal(value)


# What the three households of families() are, read from the file.
EXPECTED = {
    "H001": {"head": "张建国", "category": "none", "stage": "class_1", "area": "urban", "single": False,
             "phone": "13807141234", "members": [("张小明", "child"), ("张建国", "self"), ("李秀英", "spouse")],
             "incomes": [("transfer", d("1200")), ("wages", d("18000"))],
             "expenses": [("education", d("2500")), ("medical", d("6000")), ("medical", d("24000"))]},
    "H002": {"head": "王桂兰", "category": "dibao", "stage": "assisted", "area": "rural", "single": False, "phone": "",
             "members": [("王桂兰", "self"), ("王浩", "grandchild")], "incomes": [("transfer", d("2400"))],
             "expenses": [("education", d("1200"))]},
    "H003": {"head": "陈志强", "category": "none", "stage": "class_2", "area": "urban", "single": False,
             "phone": "15997101111", "members": [("陈志强", "self"), ("陈老汉", "parent")],
             "incomes": [("wages", d("30000"))], "expenses": [("medical", d("15000"))]},
}


def write_book(path: Path, rows: list[list[Any]], *, start: int = 0, edit: Callable[[Any], None] | None = None) -> Path:
    """xlsxwriter, the rows from row ``start`` on, booleans as TRUE/FALSE cells and numbers as numbers;
    ``edit`` does the rest to the sheet (a title, a filter) before it is saved."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("家庭台账")
    for r, values in enumerate(rows, start=start):
        for c, v in enumerate(values):
            if isinstance(v, bool):
                ws.write_boolean(r, c, v)
            elif v != "":
                ws.write_string(r, c, v) if isinstance(v, str) else ws.write(r, c, v)
    if edit is not None:
        edit(ws)
    book.close()
    return path


# -- variants read as written ----------------------------------------------------------------------

def _template_filled(tmp: Path) -> tuple[Path, dict]:
    """The program's own empty template (import window's 下载空白模板), filled in with openpyxl."""
    path = tmp / "家庭台账模板.xlsx"
    tpl.write_template(path)
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    for r, person in enumerate(families(), start=2):
        for c, column in enumerate(H, start=1):
            if person.get(column, "") != "":
                ws.cell(r, c, person[column])
    book.save(path)
    return path, EXPECTED


def _excel_csv_quoted(tmp: Path) -> tuple[Path, dict]:
    """A CSV an office wrote so Excel keeps the digits: ="420203…" and ="H001" cells, UTF-8 with BOM."""
    rows = table(families())
    for r in rows[1:]:
        r[0], r[3] = f'="{r[0]}"', f'="{r[3]}"'
    return write_csv(tmp / "台账.csv", rows, "utf-8-sig"), EXPECTED


def _units_in_header(tmp: Path) -> tuple[Path, dict]:
    """Amount headings with the unit ("(元)", "（元）") and a line break inside a cell (Alt+Enter)."""
    rows = table(families())
    rows[0] = [f"{h}(元)" if h in tpl.INCOME_COLUMNS or h in tpl.EXPENSE_COLUMNS else h for h in rows[0]]
    rows[0][H.index("工资性收入")] = "工资性\n收入（元）"
    return write_xlsx(tmp / "台账.xlsx", rows), EXPECTED


def _extra_columns(tmp: Path) -> tuple[Path, dict]:
    """Columns the office added (序号, 民族, 性别, 备注2, 家庭人口): not the template's, not read."""
    header = ["序号", *H[:3], "民族", "性别", H[3], *H[4:], "备注2", "家庭人口"]
    rows: list[list[Any]] = [header]
    for n, p in enumerate(families(), 1):
        rows.append([n, *(p.get(h, "") for h in H[:3]), "汉族", "男", p["身份证号"], *(p.get(h, "") for h in H[4:]),
                     "已入户核实", 3])
    return write_xlsx(tmp / "台账.xlsx", rows), EXPECTED


def _true_false_cells_and_number_phone(tmp: Path) -> tuple[Path, dict]:
    """单亲家庭 as TRUE/FALSE cells (a checkbox column), the phone as a number cell."""
    people = families()
    people[0]["联系电话"], people[0]["单亲家庭"], people[3]["单亲家庭"] = 13807141234, True, False
    expected = {**EXPECTED, "H001": {**EXPECTED["H001"], "single": True}}
    return write_book(tmp / "台账.xlsx", table(people)), expected


def _ids_as_typed(tmp: Path) -> tuple[Path, dict]:
    """ID numbers typed in groups, in full width, with a no-break space and a tab around them."""
    people = families()
    people[0]["身份证号"] = f"{ZJG[:6]} {ZJG[6:14]} {ZJG[14:]}"
    people[1]["身份证号"] = LXY.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    people[2]["身份证号"] = f"\u00a0{ZXM}\t"
    return write_xlsx(tmp / "台账.xlsx", table(people)), EXPECTED


def _relations_as_written(tmp: Path) -> tuple[Path, dict]:
    """户主 for the head, 妻, 之子, 外孙女, 父亲: the template's groups."""
    people = families()
    for i, word in ((0, "户主"), (1, "妻"), (2, "之子"), (3, "户主"), (4, "外孙女"), (6, "父亲")):
        people[i]["与户主关系"] = word
    return write_xlsx(tmp / "台账.xlsx", table(people)), EXPECTED


def _title_and_unit_rows(tmp: Path) -> tuple[Path, dict]:
    """A merged title and a 填报单位 / 日期 line above the header."""
    def title(ws: Any) -> None:
        ws.merge_range(0, 0, 0, 10, "西塞山区困难家庭台账")
        ws.write(1, 0, "填报单位:八泉街道")
        ws.write(1, 5, "填报日期:2026年3月")

    return write_book(tmp / "台账.xlsx", table(families()), start=2, edit=title), EXPECTED


def _legacy_xls_merged_codes(tmp: Path) -> tuple[Path, dict]:
    """A legacy .xls with each household's 户编号 merged down over its rows, the phone a number."""
    people = families()
    people[0]["联系电话"] = 13807141234.0
    rows = table(people)
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("台账")
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            if v != "" and not (c == 0 and r > 0):
                ws.write(r, c, v)
    for first, last, code in ((1, 3, "H001"), (4, 5, "H002"), (6, 7, "H003")):
        ws.write_merge(first, last, 0, 0, code)
    path = tmp / "台账.xls"
    book.save(str(path))
    return path, EXPECTED


def _gbk_csv_amounts(tmp: Path) -> tuple[Path, dict]:
    """GBK CSV with amounts in full-width digits, with 元 and thousands separators, in 万元."""
    people = families()
    people[0]["工资性收入"], people[0]["转移净收入"] = "１８０００", "1,200.00元"
    people[1]["医疗支出"], people[5]["工资性收入"] = "24000.00", "3.0万元"
    return write_csv(tmp / "台账.csv", table(people), "gbk"), EXPECTED


def _accounting_loss_in_excel_csv(tmp: Path) -> tuple[Path, dict]:
    """经营净收入 in the accounting format, saved to CSV by Excel as it shows it: "(3,000)" is a loss."""
    people = families()
    people[5]["经营净收入"] = "(3,000)"
    expected = {**EXPECTED, "H003": {**EXPECTED["H003"], "incomes": [("business", d("-3000")), ("wages", d("30000"))]}}
    return write_csv(tmp / "台账.csv", table(people), "gbk"), expected


def _zeros_written_out(tmp: Path) -> tuple[Path, dict]:
    """Every amount cell filled, 0 where nothing: the same as left blank (no zero lines)."""
    people = families()
    for p in people:
        for column in (*tpl.INCOME_COLUMNS, *tpl.EXPENSE_COLUMNS):
            p.setdefault(column, 0)
    return write_xlsx(tmp / "台账.xlsx", table(people)), EXPECTED


def _utf16_tab_text(tmp: Path) -> tuple[Path, dict]:
    """Excel's 另存为 → Unicode 文本: UTF-16, tab-separated, .txt."""
    path = tmp / "台账.txt"
    with path.open("w", encoding="utf-16", newline="") as fh:
        csv.writer(fh, delimiter="\t").writerows(table(families()))
    return path, EXPECTED


def _semicolon_csv(tmp: Path) -> tuple[Path, dict]:
    """A CSV with semicolons (Excel on a system with a decimal comma)."""
    path = tmp / "台账.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows(table(families()))
    return path, EXPECTED


def _filtered_sheet(tmp: Path) -> tuple[Path, dict]:
    """An autofilter on the header with a row hidden by it: every row is the register's."""
    def filtered(ws: Any) -> None:
        ws.autofilter(0, 0, len(families()), len(H) - 1)
        ws.set_row(3, None, None, {"hidden": True})

    return write_book(tmp / "台账.xlsx", table(families()), edit=filtered), EXPECTED


def _members_before_head_reordered_columns(tmp: Path) -> tuple[Path, dict]:
    """Members listed before their head, the columns in another order (ID and name first)."""
    people = families()
    order = ["身份证号", "姓名", *(h for h in H if h not in ("身份证号", "姓名"))]
    return write_xlsx(tmp / "台账.xlsx", table([people[1], people[2], people[0], *people[3:]], order)), EXPECTED


VARIANTS = {
    "template downloaded and filled": _template_filled,
    "Excel CSV with =\"…\" cells": _excel_csv_quoted,
    "units and line breaks in the header": _units_in_header,
    "extra columns the office added": _extra_columns,
    "TRUE/FALSE cells, phone as a number": _true_false_cells_and_number_phone,
    "IDs in groups, full width, padded": _ids_as_typed,
    "relations as people write them": _relations_as_written,
    "title and unit rows above the header": _title_and_unit_rows,
    "legacy xls with merged codes": _legacy_xls_merged_codes,
    "GBK CSV amounts with units": _gbk_csv_amounts,
    "accounting-format loss in an Excel CSV": _accounting_loss_in_excel_csv,
    "zeros written out": _zeros_written_out,
    "UTF-16 tab-separated text": _utf16_tab_text,
    "semicolon CSV": _semicolon_csv,
    "filtered sheet with a hidden row": _filtered_sheet,
    "members before the head, columns reordered": _members_before_head_reordered_columns,
}


@pytest.mark.parametrize("kind", list(VARIANTS))
def test_registers_read_as_a_person_reads_them(db: Database, district: District, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str], kind: str) -> None:
    path, expected = VARIANTS[kind](tmp_path)
    status, out = import_json(db, capsys, path)
    assert status == 0 and out["errors"] == [] and counts(out) == (7, 3, 3, 0, 0, 7)
    assert register(db) == expected
    assert count(db, ImportBatch) == 1
    assert out["unread_columns"] == (["民族", "性别", "备注2", "家庭人口"] if kind == "extra columns the office added" else [])


# -- defects found ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "column", "wanted", "problem"), [
    ("(3,000)", "经营净收入", Decimal("-3000"), ""),
    ("（1200.50）", "财产净收入", Decimal("-1200.50"), ""),
    ("(3,000)", "医疗支出", Decimal("-3000"), "金额不能为负数((3,000))"),
])
def test_an_amount_in_the_accounting_format_is_negative(text: str, column: str, wanted: Decimal, problem: str) -> None:
    """Excel saves a cell in the accounting format to CSV as it shows it, a loss in brackets:
    "(3,000)" was refused as "不是金额". It is -3000: a net income's loss, an error elsewhere."""
    errors: list[tpl.CellError] = []
    assert tpl._money(text, column, 5, errors) == wanted
    assert [e.message for e in errors] == ([problem] if problem else [])


def test_a_grade_without_a_disability_kind_says_the_kind_is_blank(db: Database, district: District, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """残疾等级 二级 with 残疾类别 left blank was refused saying 残疾类别为“无”, which the cell does not
    say; it now says the kind is blank and which kinds to fill in."""
    people = families()
    people[1]["残疾类别"] = ""
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(people)))
    assert status == 0 and counts(out) == (7, 3, 2, 0, 1, 4)
    message = messages(out)[(3, "残疾等级")]
    assert message.startswith("残疾类别为空,残疾等级却是“二级”") and "肢体" in message
    people[1]["残疾类别"] = "无"
    _status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账2.xlsx", table(people)))
    assert messages(out)[(3, "残疾等级")] == "残疾类别为“无”,残疾等级却是“二级”"


def _imported_then_held(db: Database, district: District, tmp_path: Path,
                        capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    """The register imported; then H001 approved 低保 in the system (救助中, paid from April), and H003
    applying (申请中, an application accepted and not yet decided)."""
    status, _out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(families())))
    assert status == 0
    with db.session_factory() as s:
        ids = {h.code: h.id for h in s.scalars(select(Household))}
    approved = app_svc.accept(db, district.admin, household_id=ids["H001"], category="dibao", track="regular",
                              accepted_on=date(2026, 2, 10))
    run_steps_and_approve(district, approved)
    app_svc.accept(db, district.admin, household_id=ids["H003"], category="dibao", track="regular",
                   accepted_on=date.today())
    state = register(db)
    assert (state["H001"]["category"], state["H001"]["stage"]) == ("dibao", "assisted")
    assert state["H003"]["stage"] == "applying"
    return ids


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_a_register_does_not_take_a_household_out_of_its_procedure(db: Database, district: District, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str],
                                                                   dry_run: bool) -> None:
    """The office re-sends its register, H001 still 无/一类库 and H003 二类库 as first written. H001 was
    moved out of 救助中 to 一类库 with the category 无 while its 低保 approval ran on (and was paid);
    H003 out of 申请中 with its application still open. Only stopping the assistance or ending the
    application does that: both households are refused, the errors on the head's row in the column
    that says it; H002, held by nothing, is updated."""
    _imported_then_held(db, district, tmp_path, capsys)
    before = register(db)
    people = families()
    people[0]["工资性收入"] = 12000
    people[5]["工资性收入"] = 20000
    people[3]["监测库别"] = "二类库"
    path = write_xlsx(tmp_path / "台账2.xlsx", table(people))
    status, out = import_json(db, capsys, path, *(["--dry-run"] if dry_run else []))
    assert status == 0 and counts(out) == (7, 3, 0, 1, 2, 2)
    found = messages(out)
    assert set(found) == {(2, "当前救助类别"), (2, "监测库别"), (7, "监测库别")}
    assert "正在救助中(低保,申请编号" in found[(2, "当前救助类别")] and "“无”" in found[(2, "当前救助类别")]
    assert "停止救助" in found[(2, "监测库别")] and "“一类库”" in found[(2, "监测库别")]
    assert "申请中" in found[(7, "监测库别")] and "“二类库”" in found[(7, "监测库别")]
    after = register(db)
    assert after["H001"] == before["H001"] and after["H003"] == before["H003"]
    assert after["H002"]["stage"] == ("assisted" if dry_run else "class_2")
    with db.session_factory() as s:
        assert sorted(s.scalars(select(Application.status))) == ["approved", "open"]


def test_a_register_agreeing_with_the_procedure_updates_the_household(db: Database, district: District,
                                                                       tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The same register saying 低保 with no library for the approved household, and no library and no
    assistance for the one applying: both are updated (their figures), and stay where they are."""
    _imported_then_held(db, district, tmp_path, capsys)
    people = families()
    people[0].update({"当前救助类别": "低保", "监测库别": "", "工资性收入": 12000})
    people[5].update({"监测库别": "", "工资性收入": 20000})
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账2.xlsx", table(people)))
    assert status == 0 and out["errors"] == [] and counts(out) == (7, 3, 0, 3, 0, 7)
    after = register(db)
    assert (after["H001"]["category"], after["H001"]["stage"]) == ("dibao", "assisted")
    assert ("wages", Decimal("12000")) in after["H001"]["incomes"]
    assert after["H003"]["stage"] == "applying" and ("wages", Decimal("20000")) in after["H003"]["incomes"]


def test_a_household_a_register_made_assisted_can_leave_by_register(db: Database, district: District,
                                                                    tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """H002 came in as 低保 from the register, with no approval in the system: nothing holds it, and
    the next register taking it off 低保 (now in 一类库) is followed."""
    import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(families())))
    people = families()
    people[3].update({"当前救助类别": "无", "监测库别": "一类库"})
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账2.xlsx", table(people)))
    assert status == 0 and out["errors"] == [] and counts(out) == (7, 3, 0, 3, 0, 7)
    assert (register(db)["H002"]["category"], register(db)["H002"]["stage"]) == ("none", "class_1")


def test_a_changed_register_updates_removes_and_recategorises(db: Database, district: District, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Re-imported with a member gone (张小明), the wages changed, H003 now 低保边缘 and out of the
    library (监测库别 无): the household is updated from the file, the member removed and named, the
    figures replaced (not added to), the category and class as the file says."""
    import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(families())))
    people = [p for p in families() if p["姓名"] != "张小明"]
    people[0]["工资性收入"] = 20000
    people[4].update({"当前救助类别": "低保边缘", "监测库别": "无"})
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账2.xlsx", table(people)))
    assert status == 0 and out["errors"] == [] and counts(out) == (6, 3, 0, 3, 0, 6)
    assert out["members_removed"] == 1
    after = register(db)
    assert after["H001"]["members"] == [("张建国", "self"), ("李秀英", "spouse")]
    assert after["H001"]["incomes"] == [("transfer", d("1200")), ("wages", d("20000"))]
    assert after["H001"]["expenses"] == [("medical", d("6000")), ("medical", d("24000"))]
    assert (after["H003"]["category"], after["H003"]["stage"]) == ("marginal", None)
    assert after["H002"] == EXPECTED["H002"]
    with db.session_factory() as s:
        assert s.scalar(select(Member).where(Member.id_number == ZXM)) is None
        assert sorted(s.scalars(select(Member.id_number))) == sorted([ZJG, LXY, WGL, WH, CZQ, CLH])


# -- columns not the template's ----------------------------------------------------------------------

def test_columns_not_the_templates_are_named_as_not_imported(db: Database, district: District, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """民族, 性别, 备注2 and 家庭人口, added by the office, were left out without a word: what was written
    in 备注2 seemed kept. The command names them (text and --json), the row numbers (序号) aside."""
    path, _expected = _extra_columns(tmp_path)
    status, out, _err = run(db, capsys, str(path), "--dry-run")
    assert status == 0
    assert "4 列不是标准模板的列,未导入:“民族”、“性别”、“备注2”、“家庭人口”" in out and "序号" not in out


def test_the_register_dialog_names_the_columns_not_imported(qtbot: Any, sqlite_district: District,
                                                            tmp_path: Path) -> None:
    from desktop.views.context import AppContext
    from desktop.views.operations import wait_for_background
    from desktop.views.register_import import RegisterImportDialog

    path, _expected = _extra_columns(tmp_path)
    dialog = RegisterImportDialog(AppContext(sqlite_district.db, sqlite_district.admin))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(path))
    dialog.run(dry_run=True)
    assert wait_for_background()
    assert dialog.result is not None and dialog.result.households == 3 and dialog.errors.rowCount() == 0
    assert "未导入:“民族”、“性别”、“备注2”、“家庭人口”" in dialog.summary.text()


def test_a_second_column_for_a_template_column_is_named_not_imported(db: Database, district: District,
                                                                     tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A register with both 姓名 and 户主姓名, and 身份证号 beside a 身份证号码 copy: the first of each is
    read, the other named; under a header over two rows, a group heading over amounts is not."""
    header = ["户编号", "户主姓名", *H[1:4], "身份证号码", *H[4:]]
    rows = [header] + [[p["户编号"], "张建国", *(p.get(h, "") for h in H[1:4]), p["身份证号"],
                        *(p.get(h, "") for h in H[4:])] for p in families()]
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", rows))
    assert status == 0 and counts(out) == (7, 3, 3, 0, 0, 7) and out["unread_columns"] == ["户主姓名", "身份证号码"]
    assert tpl.unread_headings(["户编号", "收入情况", "", "备注2"], ["", "工资性收入", "经营净收入", ""],
                               {"户编号": 0, "工资性收入": 1, "经营净收入": 2}) == ["备注2"]
