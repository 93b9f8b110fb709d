"""Household registers from other offices, round 25 (relief-desk import households FILE [--json]):
a birth date in an ID number before 1900 was refused as "不存在或晚于今天" (it is neither, and no
message said which date was read), and an amount written with Python's digit grouping ("1_2000")
was read as 12000 where "1,2000" is refused. The rest guards what a hand check of some thirty
registers found read right: reordered and added columns in an .xls, a reversed GBK CSV with blank
lines, a total and signatures, blank rows in an .ods, members listed away from their head, two heads
or none, one person twice, amounts as offices write them, a file imported twice, an update, codes
without their leading zeros, region names written in full, 15-digit IDs, a household of twelve, and a
member leaving to head a household of his own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.models import Expense, Household, ImportBatch, Income, Member, Region
from desktop.rules import idcard
from desktop.services import register_import as ri
from desktop.services.database import Database
from tests.district import District
from tests.test_department_variants_s15 import ods, ods_row
from tests.test_register_variants_s15 import CLH, CZQ, WGL, ZXM, H, families, import_json, messages, table
from tests.test_register_variants_s15 import counts as counts_of
from tests.test_register_variants_s15 import write_csv as csv_file
from tests.test_register_variants_s15 import write_xls as xls_file
from tests.test_register_variants_s15 import write_xlsx as xlsx_file
from tests.test_register_variants_s20 import parsed


def stored(db: Database) -> dict[str, dict[str, Any]]:
    """Each household the database holds, by code: community, category, stage, members, incomes, expenses."""
    with db.session_factory() as s:
        regions = {r.id: r.name for r in s.execute(select(Region.id, Region.name))}
        found: dict[str, dict[str, Any]] = {}
        for h in s.scalars(select(Household)):
            amounts: dict[str, dict[str, Decimal]] = {"incomes": {}, "expenses": {}}
            for key, model in (("incomes", Income), ("expenses", Expense)):
                for kind, amount in s.execute(select(model.kind, model.amount).where(model.household_id == h.id)):
                    amounts[key][kind] = amounts[key].get(kind, Decimal(0)) + amount
            members = {m.name: m.relation for m in s.execute(select(Member.name, Member.relation)
                                                             .where(Member.household_id == h.id))}
            found[str(h.code)] = {"community": regions[h.region_id], "category": h.category, "stage": h.stage,
                                  "area": h.area_type, "count": h.member_count, "head": h.head_name,
                                  "members": members, **amounts}
        return found


def base_xlsx(tmp_path: Path) -> Path:
    return xlsx_file(tmp_path / "台账.xlsx", table(families()))


# -- a birth date an ID number cannot hold, said with the date ----------------------------------

@pytest.mark.parametrize(("number", "message"), [
    (idcard.make("420203", date(1890, 2, 2), 11), "身份证号中的出生日期 1890-02-02 早于 1900 年,号码应有误"),
    (idcard.make("420203", date(2099, 5, 5), 51), "身份证号中的出生日期 2099-05-05 晚于今天"),
    ("420203199002301234", "身份证号中的出生日期“1990年02月30日”不存在"),
    ("420203199013011230", "身份证号中的出生日期“1990年13月01日”不存在"),
    ("420203000229123", "身份证号中的出生日期“1900年02月29日”不存在"),  # 15 digits: 1900 was no leap year
])
def test_a_birth_date_an_id_cannot_hold_is_said_with_the_date(number: str, message: str) -> None:
    """1890 was refused as "不存在或晚于今天": neither, and the clerk was not told which date was read."""
    result = idcard.parse(number)
    assert (result.reason, result.message) == (idcard.Invalid.BIRTH_DATE, message)


def test_a_register_names_the_birth_date_of_each_bad_id(db: Database, district: District, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """王浩 (H002) born in 2099, 陈老汉 (H003) in 1890 by their numbers: both households are refused, H001 comes in."""
    people = families()
    people[4]["身份证号"] = idcard.make("420222", date(2099, 5, 5), 51)
    people[6]["身份证号"] = idcard.make("420203", date(1890, 2, 2), 11)
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "台账.xlsx", table(people)))
    assert status == 0 and counts_of(out) == (7, 3, 1, 0, 2, 3) and out["rows_rejected"] == 4
    assert messages(out) == {(6, "身份证号"): "身份证号中的出生日期 2099-05-05 晚于今天",
                             (8, "身份证号"): "身份证号中的出生日期 1890-02-02 早于 1900 年,号码应有误"}
    assert list(stored(db)) == ["H001"]


# -- an amount in Python's digit grouping --------------------------------------------------------

@pytest.mark.parametrize("text", ["1_000", "1_2000", "12_000.50"])
def test_an_amount_with_underscores_is_no_amount(text: str) -> None:
    """Decimal reads "1_2000" as 12000 (Python's grouping); no office writes an amount so, and "1,2000"
    with a comma out of place is refused: so is this."""
    person, errors = parsed(工资性收入=text)
    assert [(e.column, e.message) for e in errors] == [("工资性收入", f"“{text}”不是金额(应填写数字,单位元)")]


# -- amounts as offices write them (guards) -------------------------------------------------------

@pytest.mark.parametrize(("text", "wanted"), [
    ("12,000.00", Decimal("12000")), ("1,200元", Decimal("1200")), ("0.6万", Decimal("6000")),
    ("1.2万元", Decimal("12000")), ("￥1,200", Decimal("1200")), ("１２,０００.５０", Decimal("12000.50")),
    ("12 000", Decimal("12000")), ("+1200", Decimal("1200")), ("1,200.", Decimal("1200")), ("1E+04", Decimal("10000")),
])
def test_amounts_as_offices_write_them(text: str, wanted: Decimal) -> None:
    person, errors = parsed(工资性收入=text)
    assert errors == [] and person is not None and person.incomes == {"wages": wanted}


@pytest.mark.parametrize(("text", "message"), [
    ("12.000,00", "“12.000,00”不是金额(逗号只能用作千位分隔,如 1,200.50)"),
    ("约12000", "“约12000”不是金额(应填写数字,单位元)"),
    ("12000-15000", "“12000-15000”不是金额(应填写数字,单位元)"),
    ("50%", "“50%”不是金额(应填写数字,单位元)"),
    ("NaN", "“NaN”不是金额"),
    ("-500", "金额不能为负数(-500)"),
])
def test_amounts_that_are_no_years_wages_stay_refused(text: str, message: str) -> None:
    person, errors = parsed(工资性收入=text)
    assert [(e.column, e.message) for e in errors] == [("工资性收入", message)]


@pytest.mark.parametrize("text", ["", "0", "无", "—", "/"])
def test_no_wages_however_written_is_no_income_line(text: str) -> None:
    person, errors = parsed(工资性收入=text, 转移净收入="-300")
    assert errors == [] and person is not None and person.incomes == {"transfer": Decimal("-300")}


# -- files as offices save them (guards) ----------------------------------------------------------

def test_an_xls_with_columns_reordered_and_added(db: Database, district: District, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """序号 first, 姓名 before 与户主关系, 性别 / 民族 / 出生日期 inserted: the three are named as not
    imported, 序号 is no column of the person, every value lands where the template puts it."""
    header = ["序号", "户编号", "姓名", "性别", "民族", "出生日期", "身份证号", "与户主关系"]
    header += [h for h in H if h not in header]
    people = families()
    for number, person in enumerate(people, start=1):
        person.update({"序号": number, "性别": "男", "民族": "汉族", "出生日期": "1970-01-01"})
    status, out = import_json(db, capsys, xls_file(tmp_path / "台账.xls", table(people, header)))
    assert status == 0 and counts_of(out) == (7, 3, 3, 0, 0, 7) and out["errors"] == []
    assert out["unread_columns"] == ["性别", "民族", "出生日期"]
    households = stored(db)
    assert households["H001"]["incomes"] == {"wages": Decimal("18000"), "transfer": Decimal("1200")}
    assert households["H001"]["expenses"] == {"medical": Decimal("30000"), "education": Decimal("2500")}
    assert (households["H002"]["community"], households["H002"]["category"]) == ("道仕袱村", "dibao")


def test_a_reversed_gbk_csv_with_blank_lines_a_total_and_signatures(db: Database, district: District, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    header = ["序号", *reversed(H)]
    people = families()
    for number, person in enumerate(people, start=1):
        person["序号"] = number
    rows = table(people, header)
    blank = [""] * len(header)
    rows.insert(4, blank)
    rows.insert(7, blank)
    total = ["合计"] + [""] * (len(header) - 1)
    total[header.index("工资性收入")] = 48000
    rows += [total, blank, ["填表人:李四", "", "审核人:王五"] + [""] * (len(header) - 3)]
    status, out = import_json(db, capsys, csv_file(tmp_path / "台账.csv", rows))
    assert status == 0 and counts_of(out) == (7, 3, 3, 0, 0, 7) and out["errors"] == []
    assert stored(db)["H003"]["incomes"] == {"wages": Decimal("30000")}


def test_an_ods_with_blank_rows_between_households(db: Database, district: District, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    rows = table(families())
    xml = ods_row(rows[0])
    for values in rows[1:]:
        if values[H.index("与户主关系")] == "本人" and values is not rows[1]:
            xml += '<table:table-row><table:table-cell table:number-columns-repeated="26"/></table:table-row>'
        xml += ods_row([v if v != "" else None for v in values], width=30)
    status, out = import_json(db, capsys, ods(tmp_path / "台账.ods", [("家庭台账", xml)]))
    assert status == 0 and counts_of(out) == (7, 3, 3, 0, 0, 7) and out["errors"] == []
    assert {code: h["count"] for code, h in stored(db).items()} == {"H001": 3, "H002": 2, "H003": 2}


def test_members_listed_far_from_their_head_are_of_their_household(db: Database, district: District, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """张小明 on the first row (above his father), 李秀英 on the last: rows sharing 户编号 are one household."""
    people = families()
    son, wife = people.pop(2), people.pop(1)
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "台账.xlsx", table([son, *people, wife])))
    assert status == 0 and counts_of(out) == (7, 3, 3, 0, 0, 7) and out["errors"] == []
    h001 = stored(db)["H001"]
    assert (h001["head"], h001["members"]) == ("张建国", {"张建国": "self", "李秀英": "spouse", "张小明": "child"})
    assert h001["expenses"] == {"medical": Decimal("30000"), "education": Decimal("2500")}


@pytest.mark.parametrize(("change", "row", "message", "left"), [
    ((1, "本人"), 3, "户编号“H001”已有户主(第 2 行),一户只能有一个“本人”", ["H002", "H003"]),
    ((3, "父母"), 5, "户编号“H002”的家庭没有户主(与户主关系为“本人”的行)", ["H001", "H003"]),
], ids=["two-heads", "no-head"])
def test_two_heads_or_none_refuse_that_household_only(db: Database, district: District, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str], change: tuple[int, str],
                                                      row: int, message: str, left: list[str]) -> None:
    people = families()
    people[change[0]]["与户主关系"] = change[1]
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "台账.xlsx", table(people)))
    refused_rows = 3 if left[0] == "H002" else 2
    assert status == 0 and counts_of(out) == (7, 3, 2, 0, 1, 7 - refused_rows) and out["rows_rejected"] == refused_rows
    assert messages(out) == {(row, "与户主关系"): message}
    assert sorted(stored(db)) == left
    with db.session_factory() as s:
        assert s.scalar(select(Member).where(Member.name == people[change[0]]["姓名"])) is None


def test_one_person_listed_twice_in_an_ods_repeated_row(db: Database, district: District, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """LibreOffice saves 王浩's row typed twice as one row repeated: H002 is refused, naming both rows."""
    rows = table(families())
    xml = ods_row(rows[0])
    for values in rows[1:]:
        row = ods_row([v if v != "" else None for v in values])
        xml += row.replace("<table:table-row>", '<table:table-row table:number-rows-repeated="2">') \
            if values[H.index("姓名")] == "王浩" else row
    status, out = import_json(db, capsys, ods(tmp_path / "台账.ods", [("Sheet1", xml)]))
    assert status == 0 and counts_of(out) == (8, 3, 2, 0, 1, 5) and out["rows_rejected"] == 3
    assert messages(out) == {(7, "身份证号"): "与第 6 行完全相同,同一人填了两行;请删除其中一行(如是照该行新添的成员,"
                                                 "请改填此人的信息)后再导入"}
    assert sorted(stored(db)) == ["H001", "H003"]


# -- imported twice, then updated (guards) --------------------------------------------------------

def test_the_same_register_twice_or_saved_as_csv_is_refused(db: Database, district: District, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = base_xlsx(tmp_path)
    assert import_json(db, capsys, path)[0] == 0
    before = stored(db)
    status, out = import_json(db, capsys, path)
    assert status == 1 and "不再重复导入" in out["error"] and "原文件名“台账.xlsx”" in out["error"]
    status, out = import_json(db, capsys, csv_file(tmp_path / "另存.csv", table(families())))
    assert status == 1 and "另存或换了文件格式,内容仍是同一份" in out["error"]
    assert stored(db) == before
    with db.session_factory() as s:
        assert len(s.scalars(select(ImportBatch)).all()) == 1


def test_an_update_changes_income_members_category_and_library(db: Database, district: District, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The next register: H001's wages 9000 and 张小明 gone, H002 特困, H003 out of the library with its wages
    blank. Each is updated; what the register does not change (H001's transfer, H003's medical) stays."""
    assert import_json(db, capsys, base_xlsx(tmp_path))[0] == 0
    people = families()
    people[0]["工资性收入"] = 9000
    people[3]["当前救助类别"] = "特困"
    people[5].update({"监测库别": "无", "工资性收入": ""})
    del people[2]
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "台账2.xlsx", table(people)))
    assert status == 0 and counts_of(out) == (6, 3, 0, 3, 0, 6) and out["members_removed"] == 1
    households = stored(db)
    assert households["H001"]["members"] == {"张建国": "self", "李秀英": "spouse"}
    assert households["H001"]["incomes"] == {"wages": Decimal("9000"), "transfer": Decimal("1200")}
    assert households["H001"]["expenses"] == {"medical": Decimal("30000")}
    assert (households["H002"]["category"], households["H002"]["stage"]) == ("tekun", "assisted")
    assert households["H003"]["stage"] is None
    assert sum(households["H003"]["incomes"].values()) == 0
    assert households["H003"]["expenses"] == {"medical": Decimal("15000")}


def test_codes_saved_as_numbers_then_written_with_leading_zeros(db: Database, district: District, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """An .xls with 户编号 1, 2, 3 as number cells, then a CSV writing 001, 002, 003: the same families,
    every row refused saying the codes differ only in the zeros; nothing of the system is changed."""
    people = families()
    for person in people:
        person["户编号"] = int(person["户编号"][1:])
    assert import_json(db, capsys, xls_file(tmp_path / "台账.xls", table(people)))[0] == 0
    assert sorted(stored(db)) == ["1", "2", "3"]
    before = stored(db)
    for person in people:
        person["户编号"] = f"{person['户编号']:03d}"
    status, out = import_json(db, capsys, csv_file(tmp_path / "台账.csv", table(people)))
    assert status == 1 and counts_of(out) == (7, 3, 0, 0, 3, 0) and out["rows_rejected"] == 7
    assert messages(out)[(2, "户编号")].startswith("此人已登记在户编号“1”的家庭中,与本行的户编号“001”只差开头的 0")
    assert len(out["errors"]) == 7 and stored(db) == before


def test_a_member_leaving_to_head_a_household_of_his_own(db: Database, district: District, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """陈老汉, listed in H003, heads a new H004 in the next register: moved, not removed."""
    assert import_json(db, capsys, base_xlsx(tmp_path))[0] == 0
    people = families()
    father = people.pop(6)
    people.append({**father, "户编号": "H004", "与户主关系": "本人", "街道": "八泉街道", "社区": "八泉社区",
                   "住址": "八泉社区9栋"})
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "台账2.xlsx", table(people)))
    assert status == 0 and counts_of(out) == (7, 4, 1, 3, 0, 7) and out["members_removed"] == 0
    households = stored(db)
    assert (households["H003"]["count"], households["H003"]["members"]) == (1, {"陈志强": "self"})
    assert (households["H004"]["head"], households["H004"]["expenses"]) == ("陈老汉", {"medical": Decimal("15000")})


# -- regions, IDs, a large household (guards) -----------------------------------------------------

def test_region_names_written_in_full_or_short(db: Database, district: District, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    people = families()
    people[0].update({"街道": "湖北省黄石市西塞山区八泉街道办事处", "社区": "飞云社区居委会"})
    people[3].update({"街道": "西塞山区河口镇", "社区": "道仕袱村委会"})
    people[5].update({"街道": "八泉", "社区": "八泉"})
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "台账.xlsx", table(people)))
    assert status == 0 and counts_of(out) == (7, 3, 3, 0, 0, 7) and out["errors"] == []
    assert {code: h["community"] for code, h in stored(db).items()} == {"H001": "飞云社区", "H002": "道仕袱村",
                                                                         "H003": "八泉社区"}


@pytest.mark.parametrize(("community", "message"), [
    ("新建社区", "“八泉街道”下没有名为“新建社区”的社区/村" + ri.NEW_PLACE),
    ("闸口社区", "“八泉街道”下没有名为“闸口社区”的社区/村;系统中的“闸口社区”属于“河口镇”,请核对街道和社区"),
])
def test_a_community_not_under_its_sub_district_refuses_the_household(
        db: Database, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        community: str, message: str) -> None:
    people = families()
    people[5]["社区"] = community
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "台账.xlsx", table(people)))
    assert status == 0 and counts_of(out) == (7, 3, 2, 0, 1, 5) and out["rows_rejected"] == 2
    assert messages(out) == {(7, "社区"): message}
    assert sorted(stored(db)) == ["H001", "H002"]
    with db.session_factory() as s:
        assert s.scalar(select(Member).where(Member.id_number.in_([CZQ, CLH]))) is None


def test_15_digit_ids_as_text_and_as_number_cells_of_an_xls(db: Database, district: District, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """王桂兰's legacy number as text and 陈老汉's as a number cell are read as their 18-digit numbers;
    张小明's 18 digits in a number cell lost their last digits: H001 is refused."""
    people = families()
    people[3]["身份证号"] = WGL[:6] + WGL[8:17]
    people[6]["身份证号"] = int(CLH[:6] + CLH[8:17])
    people[2]["身份证号"] = float(ZXM[:17] + "0")
    status, out = import_json(db, capsys, xls_file(tmp_path / "台账.xls", table(people)))
    assert status == 0 and counts_of(out) == (7, 3, 2, 0, 1, 4) and out["rows_rejected"] == 3
    assert messages(out)[(4, "身份证号")].startswith("身份证号被存成了数字(末几位已丢失,无法恢复)")
    with db.session_factory() as s:
        assert set(s.scalars(select(Member.id_number))) == {WGL, people[4]["身份证号"], CZQ, CLH}


def test_a_household_of_twelve(db: Database, district: District, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    head = {"户编号": "H100", "与户主关系": "本人", "姓名": "刘大山", "身份证号": idcard.make("420203", date(1950, 1, 1), 11),
            "街道": "八泉街道", "社区": "八泉社区", "住址": "八泉社区1号", "城乡类别": "城市", "工资性收入": "36,000",
            "当前救助类别": "低保", "监测库别": "一类库"}
    relations = ["配偶", "子女", "子女", "子女", "子女", "孙子女", "孙子女", "孙子女", "孙子女", "父母", "兄弟姐妹"]
    years = [1952, 1975, 1977, 1979, 1981, 2000, 2003, 2006, 2010, 1930, 1955]
    people = [head] + [{"户编号": "H100", "与户主关系": relation, "姓名": f"刘{'甲乙丙丁戊己庚辛壬癸子'[i]}",
                        "身份证号": idcard.make("420203", date(year, 2, 3), 20 + i), "工资性收入": 1000 * i}
                       for i, (relation, year) in enumerate(zip(relations, years, strict=True))]
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "台账.xlsx", table(people)))
    assert status == 0 and counts_of(out) == (12, 1, 1, 0, 0, 12) and out["errors"] == []
    h100 = stored(db)["H100"]
    assert (h100["count"], len(h100["members"]), h100["category"], h100["stage"]) == (12, 12, "dibao", "class_1")
    assert h100["incomes"] == {"wages": Decimal("91000")}  # 36,000 + 1000 × (0 + 1 + … + 10)
