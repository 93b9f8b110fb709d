"""Household registers from other offices, round 26 (relief-desk import households FILE [--json]):
amounts in 万元 or per month said in the header (a heading "工资性收入(万元)", "(月)", a group heading,
a row of units, a title line "金额单位:万元") were read as yuan over 12 months; a 备注 on the head's
row wiped the head's own remark as a member; a person leaving to head a new household (分户) with
blank cells was read as 健康 and 有劳动能力; "无" written to clear a remark, address or phone was kept
as the word; "户主已故" on the head's row imported the deceased as head. The rest guards what a hand
check of some thirty registers found read right."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.models import Household, ImportBatch, Income, Member
from desktop.services import households as hs
from desktop.services.database import Database
from tests.district import District
from tests.test_register_variants_s15 import CLH, LXY, ZJG, H, families, import_json, messages, table
from tests.test_register_variants_s15 import counts as counts_of
from tests.test_register_variants_s15 import write_csv as csv_file
from tests.test_register_variants_s15 import write_xlsx as xlsx_file
from tests.test_register_variants_s25 import stored

AMOUNTS = ("工资性收入", "经营净收入", "财产净收入", "转移净收入", "其他收入", "医疗支出", "教育支出", "其他刚性支出")


def notes(db: Database, code: str) -> tuple[str, str, str, dict[str, tuple[str, str, str, str]]]:
    """The household's remark, address and phone; each member's remark, phone, health and labour capacity."""
    with db.session_factory() as s:
        h = s.scalars(select(Household).where(Household.code == code)).one()
        members = {m.name: (m.note, m.phone, m.health, m.labour_capacity)
                   for m in s.scalars(select(Member).where(Member.household_id == h.id))}
        return h.note, h.address, h.phone, members


def batches(db: Database) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(ImportBatch)) or 0


# -- amounts in 万元 or per month, said in the header -------------------------------------------

def _heading(rows: list[list[Any]], column: str, text: str) -> list[list[Any]]:
    rows[0][H.index(column)] = text
    return rows


def _units_row(rows: list[list[Any]]) -> list[list[Any]]:
    rows.insert(1, ["万元" if h in AMOUNTS else "" for h in H])
    return rows


def _title(rows: list[list[Any]]) -> list[list[Any]]:
    return [["飞云社区家庭台账", "", "", "金额单位:万元"] + [""] * (len(H) - 4), *rows]


def _group(rows: list[list[Any]]) -> list[list[Any]]:
    upper = [h if h not in AMOUNTS[:5] else "" for h in H]
    upper[H.index("工资性收入")] = "家庭收入(万元)"
    return [upper, *rows]


@pytest.mark.parametrize(("shape", "suffix", "said"), [
    (lambda r: _heading(r, "工资性收入", "工资性收入(万元)"), "xlsx",
     "第 1 行“工资性收入(万元)”说明金额以万元计,模板的金额单位是元:请换算成元填写(如 1.2 万元填 12000)"),
    (lambda r: _heading(r, "工资性收入", "工资性收入（月）"), "xlsx",
     "第 1 行“工资性收入（月）”说明是每月的金额,模板要求近 12 个月的合计金额(元):请填写近 12 个月的合计"),
    (lambda r: _heading(r, "医疗支出", "医疗支出(元/月)"), "csv",
     "第 1 行“医疗支出(元/月)”说明是每月的金额,模板要求近 12 个月的合计金额(元):请填写近 12 个月的合计"),
    (_units_row, "xlsx", "第 2 行“万元”说明金额以万元计,模板的金额单位是元:请换算成元填写(如 1.2 万元填 12000)"),
    (_title, "xlsx", "第 1 行“金额单位:万元”说明金额以万元计,模板的金额单位是元:请换算成元填写(如 1.2 万元填 12000)"),
    (_group, "xlsx", "第 1 行“家庭收入(万元)”说明金额以万元计,模板的金额单位是元:请换算成元填写(如 1.2 万元填 12000)"),
], ids=["heading-wan", "heading-month", "csv-per-month", "units-row", "title", "group-heading"])
@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_amounts_in_another_unit_than_the_years_yuan_are_refused(
        db: Database, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        shape: Any, suffix: str, said: str, dry_run: bool) -> None:
    """1.8 under "工资性收入(万元)" was stored as 1.80 yuan, 1500 under "(月)" as the year's wages:
    the brackets of a heading are dropped when it is matched, and a row of units is no person. The
    file is refused saying where the unit is written (as "3000元/月" in a cell is: not multiplied)."""
    people = families()
    people[0]["工资性收入"] = 1.8
    writer = csv_file if suffix == "csv" else xlsx_file
    path = writer(tmp_path / f"台账.{suffix}", shape(table(people)))
    status, out = import_json(db, capsys, path, *(["--dry-run"] if dry_run else []))
    assert status == 1 and out["code"] == "invalid_file"
    assert out["error"] == f"文件“台账.{suffix}”中,{said};并把表头和单位改为模板的写法后再导入。"
    assert stored(db) == {} and batches(db) == 0


@pytest.mark.parametrize("heading", ["工资性收入(元)", "工资性收入(元/年)", "工资性收入(近12个月)", "工资性收入（单位:元）"])
def test_amount_headings_in_yuan_over_the_year_are_read(db: Database, district: District, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str], heading: str) -> None:
    rows = _heading(table(families()), "工资性收入", heading)
    rows.insert(0, ["金额单位:元"] + [""] * (len(H) - 1))
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "台账.xlsx", rows))
    assert status == 0 and counts_of(out) == (7, 3, 3, 0, 0, 7)
    assert stored(db)["H001"]["incomes"] == {"wages": Decimal("18000"), "transfer": Decimal("1200")}


def test_a_template_column_written_otherwise_is_named_with_what_to_write(
        db: Database, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """"月工资性收入(元)" is no template column: the register was refused for a missing 工资性收入 without a word
    on the heading beside it that holds it (monthly, at that)."""
    rows = _heading(_heading(table(families()), "工资性收入", "月工资性收入(元)"), "医疗支出", "医疗支出合计")
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "台账.xlsx", rows))
    assert status == 1 and out["code"] == "invalid_file"
    assert ("缺少必需的列:工资性收入、医疗支出。其中表头中的“月工资性收入(元)”请改为模板的列名“工资性收入”,"
            "并填写近 12 个月的合计金额(元);表头中的“医疗支出合计”请改为模板的列名“医疗支出”。") in out["error"]
    assert stored(db) == {} and batches(db) == 0


# -- the head's row's 备注 is the household's; the head keeps their own --------------------------

def test_a_remark_on_the_heads_row_leaves_the_heads_own_remark(db: Database, district: District, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The household's remark and a member's are edited apart (the household form, the member
    dialog). 张建国's own remark "腿脚不便", entered in the member dialog, was wiped by the next
    register's 备注 on his row, which is the household's: now the household takes it, he keeps his."""
    people = families()
    people[0]["备注"], people[1]["备注"] = "低保边缘户", "需轮椅"
    assert import_json(db, capsys, xlsx_file(tmp_path / "台账.xlsx", table(people)))[0] == 0
    assert notes(db, "H001")[0] == "低保边缘户" and notes(db, "H001")[3]["张建国"][0] == ""
    with db.session_factory() as s:
        head = s.scalars(select(Member).where(Member.id_number == ZJG)).one()
    hs.update_member(db, district.admin, head.id, head.version, {"note": "腿脚不便"})
    people[0]["备注"] = "2026年已走访"
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "台账2.xlsx", table(people)))
    assert status == 0 and counts_of(out) == (7, 3, 0, 3, 0, 7)
    note, _address, _phone, members = notes(db, "H001")
    assert (note, members["张建国"][0], members["李秀英"][0]) == ("2026年已走访", "腿脚不便", "需轮椅")


def test_the_template_says_whose_remark_each_row_holds(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from desktop.io.register_template import write_template

    write_template(tmp_path / "模板.xlsx")
    notes = {row[0]: row[1] for row in load_workbook(tmp_path / "模板.xlsx")["填写说明"].iter_rows(values_only=True)}
    assert notes["备注"] == "户主行的备注是家庭的备注,其他行的是该成员的备注(户主本人作为成员的备注在家庭档案中填写,导入不改动)"


def test_a_spouse_made_head_with_a_remark_on_her_row_keeps_her_own(db: Database, district: District, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    people = families()
    people[1]["备注"] = "需轮椅"
    assert import_json(db, capsys, xlsx_file(tmp_path / "台账.xlsx", table(people)))[0] == 0
    people = families()
    head, spouse = people[0], people[1]
    for column in ("街道", "社区", "住址", "联系电话", "城乡类别", "单亲家庭", "当前救助类别", "监测库别"):
        spouse[column], head[column] = head.get(column, ""), ""
    head["与户主关系"], spouse["与户主关系"], spouse["备注"] = "配偶", "本人", "户主变更为李秀英"
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "台账2.xlsx", table(people)))
    assert status == 0 and counts_of(out) == (7, 3, 0, 3, 0, 7)
    note, _address, _phone, members = notes(db, "H001")
    assert (note, stored(db)["H001"]["head"], members["李秀英"][0]) == ("户主变更为李秀英", "李秀英", "需轮椅")


def test_none_written_clears_a_remark_an_address_or_a_phone(db: Database, district: District, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """The template says 无 clears what the system holds; in 备注, 住址 and 联系电话 it was kept as the word."""
    people = families()
    people[0]["备注"], people[1]["备注"], people[1]["联系电话"] = "旧备注", "需轮椅", "13900000001"
    assert import_json(db, capsys, xlsx_file(tmp_path / "台账.xlsx", table(people)))[0] == 0
    people[0].update({"备注": "无", "联系电话": "无"})
    people[1].update({"备注": "无", "联系电话": "无"})
    people[3]["住址"] = "无"
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "台账2.xlsx", table(people)))
    assert status == 0 and counts_of(out) == (7, 3, 0, 3, 0, 7)
    note, _address, phone, members = notes(db, "H001")
    assert (note, phone, members["李秀英"][:2], members["张建国"][:2]) == ("", "", ("", ""), ("", ""))
    assert notes(db, "H002")[1] == ""


# -- a person heading a new household keeps their own values ------------------------------------

def test_a_person_leaving_to_head_a_new_household_keeps_what_blank_cells_leave(
        db: Database, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """陈老汉 (重病, no labour capacity, his remark) heads a new H004 with those cells blank: he was
    read as 健康 with full labour capacity, his remark wiped; a person moved within the file's
    households already kept theirs."""
    people = families()
    people[6]["备注"] = "耳背"
    assert import_json(db, capsys, xlsx_file(tmp_path / "台账.xlsx", table(people)))[0] == 0
    people = families()
    father = people.pop(6)
    people.append({**father, "户编号": "H004", "与户主关系": "本人", "街道": "八泉街道", "社区": "八泉社区",
                   "住址": "八泉社区9栋", "健康状况": "", "劳动能力": "", "备注": "分户"})
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "台账2.xlsx", table(people)))
    assert status == 0 and counts_of(out) == (7, 4, 1, 3, 0, 7) and out["members_removed"] == 0
    note, _address, _phone, members = notes(db, "H004")
    assert (note, members) == ("分户", {"陈老汉": ("耳背", "", "serious", "none")})
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Member).where(Member.id_number == CLH)) == 1


# -- a remark saying the head died ---------------------------------------------------------------

def test_a_remark_saying_the_head_died_refuses_the_household(db: Database, district: District, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """"户主已故" on the head's row is about the head ("丈夫已故" on another's row stays a remark)."""
    people = families()
    people[0]["备注"] = "户主已故"
    people[3]["备注"] = "本人2025年去世"
    people[4]["备注"] = "户主已故"  # 王浩's remark about his grandmother: kept, the household is refused for her row
    people[1]["备注"] = "丈夫已故"
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "台账.xlsx", table(people)))
    assert status == 0 and counts_of(out) == (7, 3, 1, 0, 2, 2)
    gone = "说明此人已故或已迁出;已故或已迁出的人员不是家庭成员,请删除此行(此人仍在户内的,请改正备注)"
    assert messages(out) == {(2, "备注"): f"备注“户主已故”{gone}", (5, "备注"): f"备注“本人2025年去世”{gone}"}
    assert list(stored(db)) == ["H003"]


# -- guards: what the hand check found read right ------------------------------------------------

def test_registers_as_more_offices_send_them(db: Database, district: District, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Relations as villages write them, names with the middle dot of minorities in three spellings,
    an ID with spaces and a lower-case x, the register one column to the right, saved as UTF-16 text
    with tabs (Excel's "Unicode 文本") under a .csv name, amounts on members' rows (theirs)."""
    people = families()
    people[0].update({"与户主关系": "户主", "姓名": "阿卜杜·热合曼"})
    people[1].update({"与户主关系": "妻", "姓名": "古丽•阿依", "身份证号": f"{LXY[:6]} {LXY[6:14]} {LXY[14:]}",
                      "工资性收入": "6,000元"})
    people[2].update({"与户主关系": "长子", "姓名": "买买提.艾力", "转移净收入": 300})
    people[4]["与户主关系"] = "外孙子"
    rows = [["", *r] for r in table(people)]
    path = tmp_path / "台账.csv"
    with path.open("w", encoding="utf-16", newline="") as fh:
        csv.writer(fh, delimiter="\t").writerows(rows)
    status, out = import_json(db, capsys, path)
    assert status == 0 and counts_of(out) == (7, 3, 3, 0, 0, 7) and out["errors"] == []
    h1 = stored(db)["H001"]
    assert h1["members"] == {"阿卜杜·热合曼": "self", "古丽·阿依": "spouse", "买买提·艾力": "child"}
    assert stored(db)["H002"]["members"]["王浩"] == "grandchild"
    with db.session_factory() as s:
        lines = {(m, k): a for m, k, a in s.execute(select(Member.name, Income.kind, Income.amount)
                                                    .join(Member, Member.id == Income.member_id))}
    assert (lines[("古丽·阿依", "wages")], lines[("买买提·艾力", "transfer")]) == (Decimal(6000), Decimal(300))
