"""Household registers filled in LibreOffice Calc (relief-desk import households FILE --json): the
program's own empty template (relief-desk import template) opened in Calc, three households typed
in and saved as .xlsx, .xls, .ods and CSV. The files under tests/data/import/ were written by
LibreOffice 7 through its UNO interface; what the database holds after the import is compared with
what the plain file gives.

Read wrongly before: 户编号 merged down over a household's rows in an .ods (calamine gives an .ods
no merged cells: the members' rows had no household), an .xls with a password to open (said to be
damaged), and an amount column given a date format by mistake (36000 shown as 1998-07-24: refused
as "not an amount"; still refused, now saying the number the cell holds and how to fix the column)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.io import register_template as tpl
from desktop.io import spreadsheet as ss
from desktop.models import Expense, Household, Income, Member, Region
from desktop.rules.codes import RegionLevel
from desktop.services import auth
from desktop.services.base import Actor
from desktop.services.database import Database
from tests.district import District
from tests.test_register_variants_s15 import counts, import_json, messages

DATA = Path(__file__).parent / "data" / "import"
PLAIN = DATA / "家庭台账_LibreOffice.xlsx"
MERGED = DATA / "家庭台账_户编号合并单元格_LibreOffice.ods"
PASSWORD = DATA / "家庭台账_打开密码1234_LibreOffice.xls"
DATE_FORMAT = "家庭台账_金额列设成日期格式_LibreOffice"

# What the three households of the files are (H0004: five persons, H0005 alone, H0006: two).
HOUSEHOLDS = [
    ("H0004", "上窑社区", "孙刚", 5, "none", None),
    ("H0005", "闸口社区", "郑雪磊", 1, "tekun", "assisted"),
    ("H0006", "八泉社区", "肖桂艳", 2, "none", "class_2"),
]
INCOME_TOTALS = {"H0004": Decimal("111600"), "H0005": Decimal("1200"), "H0006": Decimal("28800")}
EXPENSE_TOTALS = {"H0004": Decimal("31000"), "H0005": Decimal("0"), "H0006": Decimal("8234.50")}


@pytest.fixture
def shangyao(district: District) -> District:
    """The district of the tests, with 上窑社区 (八泉街道) where the files' first household lives."""
    district.regions["上窑社区"] = auth.add_region(
        district.db, Actor.system("test"), parent_id=district.regions["八泉街道"], name="上窑社区",
        code="420203001003", level=RegionLevel.COMMUNITY, area_type="rural")
    return district


def held(db: Database) -> dict[str, Any]:
    """What the database holds of the imported households: the households, their members by ID
    number, and every income and expense line."""
    with db.session_factory() as s:
        households = sorted(s.execute(
            select(Household.code, Region.name, Household.head_name, Household.member_count, Household.category,
                   Household.stage, Household.address, Household.phone, Household.area_type)
            .join(Region, Region.id == Household.region_id)).all())
        members = sorted(s.execute(
            select(Household.code, Member.id_number, Member.name, Member.relation, Member.health, Member.disability,
                   Member.disability_grade, Member.labour_capacity, Member.schooling)
            .join(Household, Household.id == Member.household_id)).all())
        incomes = sorted(s.execute(
            select(Household.code, Member.id_number, Income.kind, Income.amount)
            .join(Household, Household.id == Income.household_id).join(Member, Member.id == Income.member_id)).all())
        expenses = sorted(s.execute(
            select(Household.code, Member.id_number, Expense.kind, Expense.amount)
            .join(Household, Household.id == Expense.household_id).join(Member, Member.id == Expense.member_id)).all())
    return {"households": households, "members": members, "incomes": incomes, "expenses": expenses}


def check_the_three_households(db: Database, out: dict[str, Any]) -> dict[str, Any]:
    assert counts(out) == (8, 3, 3, 0, 0, 8), out.get("errors")
    state = held(db)
    assert [h[:6] for h in state["households"]] == HOUSEHOLDS
    totals: dict[str, Decimal] = {}
    for code, _id, _kind, amount in state["incomes"]:
        totals[code] = totals.get(code, Decimal(0)) + amount
    assert {c: totals.get(c, Decimal(0)) for c in INCOME_TOTALS} == INCOME_TOTALS
    totals = {}
    for code, _id, _kind, amount in state["expenses"]:
        totals[code] = totals.get(code, Decimal(0)) + amount
    assert {c: totals.get(c, Decimal(0)) for c in EXPENSE_TOTALS} == EXPENSE_TOTALS
    return state


@pytest.fixture
def plain_state(db: Database, shangyao: District, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """What the plain file, saved by LibreOffice from the template, gives (every member and line)."""
    _status, out = import_json(db, capsys, PLAIN)
    return check_the_three_households(db, out)


def test_the_template_filled_in_libreoffice(plain_state: dict[str, Any]) -> None:
    assert len(plain_state["members"]) == 8
    assert ("H0006", "420204194507208373", "medical", Decimal("1234.50")) in plain_state["expenses"]


def test_a_code_merged_down_over_a_households_rows_in_an_ods(db: Database, shangyao: District,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """户编号 merged over each household's rows (LibreOffice keeps the value in the first cell only).
    An .xlsx or .xls read so already; an .ods gave every member's row "户编号为空" and refused the
    households: calamine reports no merged cells of an .ods."""
    book = ss.open_workbook(MERGED)
    try:
        assert book.merged_ranges("家庭台账") == [((1, 0), (5, 0)), ((7, 0), (8, 0))]
    finally:
        book.close()
    status, out = import_json(db, capsys, MERGED)
    assert status == 0
    state = check_the_three_households(db, out)
    assert len(state["members"]) == 8
    assert {m[0] for m in state["members"] if m[2] in ("张嘉洋", "任鹏勇", "马鹏")} == {"H0004", "H0006"}


def test_the_merged_cells_of_an_ods_as_those_of_the_same_xlsx() -> None:
    """A title merged across the columns, a cell merged across and down, one on a sheet before the
    data: what LibreOffice saved as .ods gives the ranges the .xlsx it saved of the same document
    gives (calamine reads those), and the households are read as from the plain file."""
    book = ss.open_workbook(DATA / "家庭台账_标题与多处合并单元格_LibreOffice.ods")
    try:
        assert {name: book.merged_ranges(name) for name in book.sheet_names} == {
            "说明": [((3, 1), (4, 3))],
            "家庭台账": [((0, 0), (0, 25)), ((1, 2), (1, 5)), ((6, 0), (10, 0)), ((6, 10), (8, 12)), ((12, 0), (13, 0))],
            "填写说明": [],
        }
    finally:
        book.close()


def test_an_ods_without_merged_cells_has_none(tmp_path: Path) -> None:
    book = ss.open_workbook(DATA / f"{DATE_FORMAT}.ods")
    try:
        assert book.merged_ranges("家庭台账") == []
    finally:
        book.close()
    broken = tmp_path / "坏.ods"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 60)
    assert ss._ods_merged(broken) == {}  # the rows are read, and what is wrong said, as before


def test_an_xls_with_a_password_to_open_says_so(db: Database, shangyao: District,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """LibreOffice (like Excel and WPS) encrypts a legacy .xls inside its workbook stream (a FILEPASS
    record), not as the EncryptedPackage of an .xlsx: it was said to be damaged ("Cannot detect
    file format")."""
    status, out = import_json(db, capsys, PASSWORD)
    assert status != 0
    assert "已加密" in out["error"] and "密码" in out["error"] and PASSWORD.name in out["error"]
    assert held(db)["households"] == []


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "ods"])
def test_an_amount_column_with_a_date_format_says_the_numbers_it_holds(suffix: str, db: Database, shangyao: District,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """工资性收入 formatted as 日期 by mistake: 36000 shows as 1998-07-24, 0 as 1899-12-30 or 00:00:00,
    and the readers hand the cells over as dates. A date typed where an amount belongs looks the
    same, so a household with such an amount is refused, its message giving the number held and
    how to put the column right; an amount of 0 is no date anyone typed, and is read."""
    status, out = import_json(db, capsys, DATA / f"{DATE_FORMAT}.{suffix}")
    assert status == 0 and out["households_created"] + out["households_updated"] == 1 and out["households_rejected"] == 2
    found = messages(out)
    assert found[(2, "工资性收入")].startswith("“1965-09-15”是日期格式的单元格(其中存的数字是 24000),不是金额")
    assert "设为“常规”或“数值”格式" in found[(2, "工资性收入")]
    assert all(column == "工资性收入" for _row, column in found)


def test_an_amount_column_with_a_date_format_in_a_csv_says_what_happened(db: Database, shangyao: District,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Saved to CSV the cells are the dates shown, the numbers gone: refused, saying the column was
    given a date format and how to put it right."""
    status, out = import_json(db, capsys, DATA / f"{DATE_FORMAT}.csv")
    assert status == 1 and out["households_rejected"] == 3
    found = messages(out)
    assert "“1965-09-15”是日期,不是金额" in found[(2, "工资性收入")] and "日期格式" in found[(2, "工资性收入")]
    assert "“1899-12-30”是日期" in found[(3, "工资性收入")]


@pytest.mark.parametrize(("value", "held"), [
    (datetime(1998, 7, 24), "36000"), (date(1965, 9, 15), "24000"), (datetime(1903, 5, 18, 12), "1234.5"),
    (datetime(1900, 3, 1, 13, 26, 24), "61.56"), (datetime(2026, 1, 5), "46027"),
])
def test_a_date_in_an_amount_cell_is_refused_saying_the_number_it_holds(value: Any, held: str) -> None:
    person, errors = _one_row(value)
    assert person is None and [e.column for e in errors] == ["医疗支出"]  # the row is refused
    assert f"(其中存的数字是 {held}),不是金额" in errors[0].message


@pytest.mark.parametrize("value", [time(0), datetime(1899, 12, 30)])
def test_a_zero_shown_as_a_date_is_no_amount(value: Any) -> None:
    person, errors = _one_row(value)
    assert errors == [] and person is not None and "medical" not in person.expenses


def _one_row(medical: Any) -> tuple[Any, list[tpl.CellError]]:
    columns = {h: i for i, h in enumerate(tpl.HEADER)}
    cells: list[Any] = [""] * len(tpl.HEADER)
    cells[columns["户编号"]], cells[columns["与户主关系"]], cells[columns["姓名"]] = "X", "本人", "乙"
    cells[columns["身份证号"]] = "420204194507208373"
    cells[columns["医疗支出"]] = medical
    return tpl.parse_row(3, cells, columns)


@pytest.mark.parametrize("text", ["1998-07-24", "1998/7/24", "00:00:00", "2026-01-05 08:30"])
def test_a_date_text_in_an_amount_cell_says_it_is_a_date(text: str) -> None:
    errors: list[tpl.CellError] = []
    tpl._money(text, "医疗支出", 4, errors)
    assert [e.column for e in errors] == ["医疗支出"] and "是日期,不是金额" in errors[0].message
