"""Household register import (desktop/services/register_import.py, desktop/io/register_template.py)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from desktop.cli import main as cli_main
from desktop.io import register_template as tpl
from desktop.models import AuditEntry, Expense, Household, ImportBatch, Income, Member
from desktop.rules import codes, idcard
from desktop.rules.codes import RegionLevel
from desktop.services import auth
from desktop.services import register_import as ri
from desktop.services.base import Actor
from desktop.services.database import Database
from desktop.services.errors import ServiceError
from tests.district import District

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
SAMPLE = SAMPLES / "家庭台账_导入示例.xlsx"

EXTRA = {
    "八泉街道": ["上窑社区", "青龙阁社区"],
    "河口镇": ["章山村"],
    "澄月街道": ["京华路社区", "大智路社区", "澄月社区", "磁湖社区", "陈家湾社区"],
    "牧羊湖街道": ["八卦嘴社区", "滨湖社区", "牧羊湖社区", "石料山社区", "胡家湾社区", "花园路社区"],
    "黄思湾街道": ["东屏社区", "田园社区", "袁海湾社区", "马家嘴社区"],
}

H1 = idcard.make("420203", date(1970, 1, 1), 11)
H1_SPOUSE = idcard.make("420203", date(1972, 2, 2), 22)
H1_CHILD = idcard.make("420203", date(2012, 3, 3), 33)
H2 = idcard.make("420203", date(1950, 4, 4), 45)
H3 = idcard.make("420203", date(1980, 5, 5), 55)


def add_regions(db: Database, district: District) -> None:
    system = Actor.system("test")
    for n, (sub, communities) in enumerate(EXTRA.items(), start=10):
        sid = district.regions.get(sub)
        if sid is None:
            sid = auth.add_region(db, system, parent_id=district.root_id, name=sub, code=f"420203{n:03d}",
                                  level=RegionLevel.SUBDISTRICT)
            district.regions[sub] = sid
        for m, community in enumerate(communities, start=50):
            district.regions[community] = auth.add_region(db, system, parent_id=sid, name=community,
                                                          code=f"420203{n:03d}{m:03d}", level=RegionLevel.COMMUNITY)


def row(**values: Any) -> list[Any]:
    return [values.get(h, "") for h in tpl.HEADER]


def write_register(path: Path, rows: list[list[Any]], title: str | None = None) -> Path:
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("家庭台账")
    r0 = 0
    if title:
        ws.write_string(0, 0, title)
        r0 = 2
    for c, h in enumerate(tpl.HEADER):
        ws.write_string(r0, c, h)
    for r, values in enumerate(rows, start=r0 + 1):
        for c, v in enumerate(values):
            if v != "":
                ws.write(r, c, v) if not isinstance(v, str) else ws.write_string(r, c, v)
    book.close()
    return path


def small_register(path: Path, *, head_library: str = "一类库", child_grade: str = "无") -> Path:
    return write_register(path, [
        row(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区",
            住址="飞云社区3栋", 联系电话="13800000001", 城乡类别="城市", 健康状况="慢性病", 劳动能力="部分丧失",
            工资性收入=24000, 经营净收入=-1200.5, 医疗支出=8000, 单亲家庭="是", 当前救助类别="无", 监测库别=head_library),
        row(户编号="F001", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE, 健康状况="重病", 残疾类别="肢体",
            残疾等级="二级", 劳动能力="无", 转移净收入=3600),
        row(户编号="F001", 与户主关系="子女", 姓名="赵小", 身份证号=H1_CHILD, 在校情况="义务教育", 残疾等级=child_grade,
            教育支出=2000),
        row(户编号="F002", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="河口镇", 社区="道仕袱村",
            城乡类别="农村", 当前救助类别="低保", 监测库别="无"),
    ], title="2026年家庭台账")


def count(db: Database, model: type) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_template_header_is_exact(tmp_path: Path) -> None:
    out = tmp_path / "模板.xlsx"
    ri.write_register_template(out)
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("家庭台账").to_python()
    assert rows[0] == list(tpl.HEADER)
    assert " | ".join(tpl.HEADER) == (
        "户编号 | 与户主关系 | 姓名 | 身份证号 | 街道 | 社区 | 住址 | 联系电话 | 城乡类别 | 健康状况 | 残疾类别 | 残疾等级 | "
        "劳动能力 | 在校情况 | 工资性收入 | 经营净收入 | 财产净收入 | 转移净收入 | 其他收入 | 医疗支出 | 教育支出 | "
        "其他刚性支出 | 单亲家庭 | 当前救助类别 | 监测库别 | 备注")


def test_command_writes_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "t.xlsx"
    assert cli_main(["import", "template", str(out)]) == 0
    assert out.exists() and "模板" in capsys.readouterr().out


def test_parse_row_reports_each_bad_cell() -> None:
    columns = {h: i for i, h in enumerate(tpl.HEADER)}
    person, errors = tpl.parse_row(7, row(户编号="X", 与户主关系="邻居", 姓名="", 身份证号="42020319900101123",
                                          健康状况="很好", 残疾类别="无", 残疾等级="二级", 工资性收入="很多",
                                          医疗支出=-5, 单亲家庭="对", 当前救助类别="优抚", 监测库别="三类库"), columns)
    assert person is None
    where = {(e.row, e.column) for e in errors}
    assert where == {(7, c) for c in ("与户主关系", "姓名", "身份证号", "健康状况", "残疾等级", "工资性收入", "医疗支出",
                                      "单亲家庭", "当前救助类别", "监测库别")}
    assert "第 7 行“与户主关系”列" in str(next(e for e in errors if e.column == "与户主关系"))
    person, errors = tpl.parse_row(2, row(户编号="X", 与户主关系="本人", 姓名="甲", 身份证号=H1, 城乡类别="农村",
                                          残疾类别="智力", 残疾等级="三级", 劳动能力="部分丧失", 在校情况="高等教育",
                                          财产净收入="1,200.50", 单亲家庭="否", 当前救助类别="特困",
                                          监测库别="二类库"), columns)
    assert errors == [] and person is not None
    assert (person.relation, person.area_type, person.disability, person.disability_grade) == (
        "self", "rural", "intellectual", 3)
    assert (person.labour_capacity, person.schooling, person.category, person.library) == (
        "partial", "higher", "tekun", "class_2")
    assert person.incomes == {"property": Decimal("1200.50")}
    person, errors = tpl.parse_row(3, row(户编号="X", 与户主关系="子女", 姓名="乙", 身份证号=H1_CHILD,
                                          工资性收入="36，000元", 其他收入="¥1,200"), columns)
    assert errors == [] and person is not None
    assert person.incomes == {"wages": Decimal("36000"), "other": Decimal("1200")}


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared samples not present")
def test_sample_register(db: Database, district: District, capsys: pytest.CaptureFixture[str]) -> None:
    add_regions(db, district)
    url = db.url.render_as_string(hide_password=False)
    assert cli_main(["import", "households", str(SAMPLE), "--dry-run", "--json", "--database-url", url]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert dry["households_created"] == 40 and dry["persons"] == 93 and dry["errors"] == []
    assert cli_main(["import", "households", str(SAMPLE), "--dry-run", "--database-url", url]) == 0
    said = capsys.readouterr().out  # what an import would do, not what was done
    assert "试运行" in said and "将新建 40 户" in said and "将写入成员 93 人" in said
    assert count(db, Household) == 0
    assert cli_main(["import", "households", str(SAMPLE), "--json", "--database-url", url]) == 0
    got = json.loads(capsys.readouterr().out)
    assert (got["households"], got["households_created"], got["persons"], got["rows"]) == (40, 40, 93, 93)
    assert count(db, Household) == 40 and count(db, Member) == 93
    with db.session_factory() as s:
        h4 = s.scalar(select(Household).where(Household.code == "H0004"))
        assert h4.member_count == 5 and h4.head_name == "孙刚" and h4.head_id_number == "420281198107112146"
        assert h4.head_id_reversed == "420281198107112146"[::-1] and h4.area_type == "rural"
        assert h4.region_id == district.regions["上窑社区"] and h4.stage is None and h4.category == "none"
        h1 = s.scalar(select(Household).where(Household.code == "H0001"))
        assert h1.stage == "class_1" and h1.stage_since == date.today()
        h3 = s.scalar(select(Household).where(Household.code == "H0003"))
        assert h3.category == "tekun" and h3.stage == "assisted"
        wages = s.scalar(select(func.sum(Income.amount)).where(Income.household_id == h4.id, Income.kind == "wages"))
        assert Decimal(wages) == Decimal("84000")
        edu = s.scalar(select(func.sum(Expense.amount)).where(Expense.household_id == h4.id,
                                                               Expense.kind == "education"))
        assert Decimal(edu) == Decimal("8000")
    # the same file again is refused
    assert cli_main(["import", "households", str(SAMPLE), "--database-url", url]) == 1
    assert "导入过" in capsys.readouterr().err


def test_create_then_update(db: Database, district: District, tmp_path: Path) -> None:
    admin = district.admin
    result = ri.import_households(db, admin, small_register(tmp_path / "a.xlsx"))
    assert (result.households_created, result.households_updated, result.persons, result.errors) == (2, 0, 4, [])
    with db.session_factory() as s:
        f1 = s.scalar(select(Household).where(Household.code == "F001"))
        assert (f1.single_parent, f1.stage, f1.member_count, f1.region_id) == (
            True, "class_1", 3, district.regions["飞云社区"])
        spouse = s.scalar(select(Member).where(Member.id_number == H1_SPOUSE))
        assert (spouse.health, spouse.disability, spouse.disability_grade, spouse.labour_capacity) == (
            "serious", "physical", 2, "none")
        assert spouse.relation == "spouse" and spouse.birth_date == date(1972, 2, 2)
        business = s.scalar(select(Income.amount).where(Income.kind == "business"))
        assert business == Decimal("-1200.50")
        f2 = s.scalar(select(Household).where(Household.code == "F002"))
        assert f2.category == "dibao" and f2.stage == "assisted" and f2.area_type == "rural"
        incomes = s.scalar(select(func.count()).select_from(Income))
        version = f1.version
    # second file: F001 moves to class II and loses the child; F002 unchanged content
    path = write_register(tmp_path / "b.xlsx", [
        row(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区",
            城乡类别="城市", 工资性收入=30000, 监测库别="二类库", 单亲家庭="否"),
        row(户编号="F001", 与户主关系="配偶", 姓名="钱二妹", 身份证号=H1_SPOUSE),
    ])
    result = ri.import_households(db, admin, path)
    assert (result.households_created, result.households_updated, result.persons, result.members_removed) == (
        0, 1, 2, 1)
    with db.session_factory() as s:
        f1 = s.scalar(select(Household).where(Household.code == "F001"))
        assert (f1.stage, f1.member_count, f1.single_parent, f1.version) == ("class_2", 2, False, version + 1)
        assert s.scalar(select(Member.name).where(Member.id_number == H1_SPOUSE)) == "钱二妹"
        assert s.scalar(select(func.count()).select_from(Member).where(Member.id_number == H1_CHILD)) == 0
        # today's figures for F001 were replaced, not added
        assert s.scalar(select(func.sum(Income.amount)).where(Income.household_id == f1.id)) == Decimal("30000")
        assert s.scalar(select(func.count()).select_from(Income)) < incomes + 1
    assert count(db, Household) == 2 and count(db, ImportBatch) == 2
    with pytest.raises(ServiceError, match="不再重复导入。如需更正,请在家庭档案中修改"):  # the same file again
        ri.import_households(db, admin, path)
    assert count(db, ImportBatch) == 2


def test_bad_household_is_not_half_imported(db: Database, district: District, tmp_path: Path) -> None:
    path = write_register(tmp_path / "bad.xlsx", [
        row(户编号="G1", 与户主关系="本人", 姓名="好人", 身份证号=H2, 街道="八泉街道", 社区="八泉社区"),
        row(户编号="G2", 与户主关系="本人", 姓名="户主", 身份证号=H1, 街道="八泉街道", 社区="八泉社区"),
        row(户编号="G2", 与户主关系="配偶", 姓名="配偶", 身份证号=H1_SPOUSE[:17] + "0"),  # bad check character
        row(户编号="G3", 与户主关系="本人", 姓名="无区", 身份证号=H1_CHILD, 街道="八泉街道", 社区="月亮山社区"),
        row(户编号="G4", 与户主关系="配偶", 姓名="无户主", 身份证号=idcard.make("420203", date(1960, 1, 1), 1)),
        row(户编号="G5", 与户主关系="本人", 姓名="重复", 身份证号=H2, 街道="河口镇", 社区="闸口社区"),
        row(户编号="G6", 与户主关系="本人", 姓名="好人", 身份证号=H3, 街道="八泉街道", 社区="八泉社区"),
    ])
    result = ri.import_households(db, district.admin, path)
    assert result.households == 6 and result.households_created == 1 and result.households_rejected == 5
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert messages[(4, "身份证号")] == "身份证号校验码错误"
    assert "月亮山社区" in messages[(5, "社区")]
    assert "没有户主" in messages[(6, "与户主关系")]
    # the same person in G1 and G5: which household is right is not known, neither is imported
    assert "第 2 行" in messages[(7, "身份证号")] and "第 7 行" in messages[(2, "身份证号")]
    with db.session_factory() as s:
        assert s.scalars(select(Household.code)).all() == ["G6"]
        assert s.scalar(select(func.count()).select_from(Member)) == 1


def test_values_the_database_cannot_hold_are_cell_errors(db: Database, district: District, tmp_path: Path) -> None:
    path = write_register(tmp_path / "big.xlsx", [
        row(户编号="G1", 与户主关系="本人", 姓名="好人", 身份证号=H2, 街道="八泉街道", 社区="八泉社区"),
        row(户编号="G2", 与户主关系="本人", 姓名="户主", 身份证号=H1, 街道="八泉街道", 社区="八泉社区",
            工资性收入=4.20203197001011e17),  # an ID number pasted into an amount column
        row(户编号="G" * 40, 与户主关系="本人", 姓名="长编号", 身份证号=H1_CHILD, 街道="八泉街道", 社区="八泉社区"),
    ])
    for dry_run in (True, False):
        result = ri.import_households(db, district.admin, path, dry_run=dry_run)
        assert (result.households_created, result.households_rejected) == (1, 2)
        messages = {(e.row, e.column): e.message for e in result.errors}
        assert "金额过大" in messages[(3, "工资性收入")]
        assert "户编号过长" in messages[(4, "户编号")]
    with db.session_factory() as s:
        assert s.scalars(select(Household.code)).all() == ["G1"]


def test_file_level_errors(db: Database, district: District, tmp_path: Path) -> None:
    not_template = tmp_path / "list.csv"
    not_template.write_text(f"姓名,身份证号\n甲,{H1}\n", encoding="utf-8")
    with pytest.raises(ServiceError, match="不是家庭台账模板|缺少必需的列"):
        ri.import_households(db, district.admin, not_template)
    # a department list names four of the columns (with the names registers may use too): still no register
    department = tmp_path / "department.csv"
    department.write_text(f"序号,姓名,身份证号码,家庭住址,联系电话,备注\n1,甲,{H1},飞云社区,13800000001,\n",
                          encoding="utf-8")
    with pytest.raises(ServiceError, match="不是家庭台账模板"):
        ri.import_households(db, district.admin, department)
    empty = write_register(tmp_path / "empty.xlsx", [])
    with pytest.raises(ServiceError, match="没有任何人员行"):
        ri.import_households(db, district.admin, empty)
    assert count(db, ImportBatch) == 0


def test_region_outside_scope_and_dry_run(db: Database, district: District, tmp_path: Path) -> None:
    worker = district.actor(codes.Role.COMMUNITY_WORKER)  # 飞云社区
    path = small_register(tmp_path / "a.xlsx")
    result = ri.import_households(db, worker, path, dry_run=True)
    assert result.households_created == 1 and result.households_rejected == 1
    assert any("管辖范围" in e.message for e in result.errors)
    assert count(db, Household) == 0 and count(db, ImportBatch) == 0


def test_error_workbook_for_rejected_households(db: Database, district: District, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = write_register(tmp_path / "bad.xlsx", [
        row(户编号="G1", 与户主关系="本人", 姓名="好人", 身份证号=H2, 街道="八泉街道", 社区="八泉社区"),
        row(户编号="G2", 与户主关系="本人", 姓名="户主", 身份证号=H1, 街道="八泉街道", 社区="八泉社区"),
        row(户编号="G2", 与户主关系="配偶", 姓名="配偶", 身份证号=H1_SPOUSE[:17] + "0"),
    ], title="台账")
    out = tmp_path / "errors.xlsx"
    url = db.url.render_as_string(hide_password=False)
    assert cli_main(["import", "households", str(path), "--errors", str(out), "--database-url", url]) == 0
    printed = capsys.readouterr().out
    assert "第 6 行“身份证号”列:身份证号校验码错误" in printed
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    blank = [""] * (len(tpl.HEADER) + 2)
    assert rows[:3] == [["台账", *blank[1:]], blank, [*tpl.HEADER, "原文件行号", "错误原因"]]  # the title kept
    assert [(r[2], r[-2]) for r in rows[3:]] == [("户主", 5), ("配偶", 6)]
    assert "整户未导入" in rows[3][-1] and rows[4][-1] == "身份证号:身份证号校验码错误"
    # corrected and sent again: read as a register, the two columns after it named nothing of the template
    from openpyxl import load_workbook

    book = load_workbook(out)
    book.active.cell(5, tpl.HEADER.index("身份证号") + 1).value = H1_SPOUSE
    book.save(corrected := tmp_path / "corrected.xlsx")
    again = ri.import_households(db, district.admin, corrected)
    assert (again.header_row, again.rows, again.households_created, again.persons, again.errors) == (3, 2, 1, 2, [])
    # the file changed since it was read: its rows are no longer the rows the result names
    result = ri.import_households(db, district.admin, path, dry_run=True)
    write_register(path, [row(户编号="G3", 与户主关系="本人", 姓名="另一人", 身份证号=H3)])
    with pytest.raises(ServiceError, match="已被修改"):
        ri.write_error_workbook(path, result, tmp_path / "stale.xlsx")
    assert not (tmp_path / "stale.xlsx").exists()


def test_hand_filled_values_are_normalised() -> None:
    """What offices type instead of the template's words: full-width digits, 元/￥, 万, "无" for
    nothing, Y/√/1 for 是, relations as in the household book, remarks in brackets."""
    columns = {h: i for i, h in enumerate(tpl.HEADER)}
    person, errors = tpl.parse_row(2, row(户编号="X", 与户主关系="户主", 姓名="甲", 身份证号=H1, 城乡类别="城 镇",
                                          残疾类别="肢体残疾", 残疾等级="2级", 劳动能力="部分丧失劳动能力",
                                          工资性收入="１２，０００．５０", 经营净收入="－300", 财产净收入="1.2万元",
                                          转移净收入=" 500 元", 其他收入="无", 医疗支出="—", 教育支出="/",
                                          单亲家庭="√", 当前救助类别="特困（分散供养）", 监测库别="二　类库"), columns)
    assert errors == [] and person is not None
    assert (person.relation, person.area_type, person.disability, person.disability_grade) == (
        "self", "urban", "physical", 2)
    assert (person.labour_capacity, person.single_parent, person.category, person.library) == (
        "partial", True, "tekun", "class_2")
    assert person.incomes == {"wages": Decimal("12000.50"), "business": Decimal("-300"),
                              "property": Decimal("12000"), "transfer": Decimal("500")}
    assert person.expenses == {}
    relations = {"妻": "spouse", "丈夫": "spouse", "儿子": "child", "女儿": "child", "之子": "child",
                 "户主之女": "child", "儿媳": "child", "岳母": "parent", "外孙女": "grandchild", "哥哥": "sibling",
                 "祖母": "other", "低保户": None}
    for text, wanted in relations.items():
        person, errors = tpl.parse_row(3, row(户编号="X", 与户主关系=text, 姓名="乙", 身份证号=H1_CHILD), columns)
        assert (person.relation if person else None) == wanted, text
    for text, wanted in {"Y": True, "n": False, 1: True, 0: False, "×": False, "无": False, "对": None}.items():
        person, errors = tpl.parse_row(3, row(户编号="X", 与户主关系="子女", 姓名="乙", 身份证号=H1_CHILD,
                                              单亲家庭=text), columns)
        assert (person.single_parent if person else None) == wanted, text
    person, errors = tpl.parse_row(4, row(户编号="X", 与户主关系="子女", 姓名="乙", 身份证号=H1_CHILD,
                                          工资性收入="(500)", 医疗支出="万"), columns)
    assert person is None and {e.column for e in errors} == {"工资性收入", "医疗支出"}


def test_codes_typed_as_numbers_are_not_merged(db: Database, district: District, tmp_path: Path) -> None:
    """A 17-digit 户编号 in a number cell keeps 15 digits (two households would read as one), and
    "001" typed into a number cell becomes 1 (one household split in two): both are cell errors."""
    others = [idcard.make("420203", date(1985, 1, n), n) for n in range(1, 6)]
    path = write_register(tmp_path / "codes.xlsx", [
        row(户编号=42020300100700901, 与户主关系="本人", 姓名="甲", 身份证号=others[0], 街道="八泉街道", 社区="飞云社区"),
        row(户编号=42020300100700902, 与户主关系="本人", 姓名="乙", 身份证号=others[1], 街道="八泉街道", 社区="飞云社区"),
        row(户编号="001", 与户主关系="本人", 姓名="丙", 身份证号=others[2], 街道="八泉街道", 社区="飞云社区"),
        row(户编号=1, 与户主关系="配偶", 姓名="丁", 身份证号=others[3]),
        row(户编号="H1", 与户主关系="本人", 姓名="戊", 身份证号=others[4], 街道="八泉街道", 社区="飞云社区"),
    ])
    result = ri.import_households(db, district.admin, path)
    assert (result.households_created, result.households_rejected) == (1, 3)  # the long codes read as one
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert "末尾几位已丢失" in messages[(2, "户编号")] and "末尾几位已丢失" in messages[(3, "户编号")]
    assert "只差开头的 0" in messages[(4, "户编号")] and "“1”" in messages[(4, "户编号")]
    assert "只差开头的 0" in messages[(5, "户编号")]
    with db.session_factory() as s:
        assert s.scalars(select(Household.code)).all() == ["H1"]


def test_nothing_imported_leaves_no_batch(db: Database, district: District, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A file whose every household was refused wrote nothing: once the cause is fixed (here the
    community is added) the same file is imported, not refused as "already imported"."""
    path = write_register(tmp_path / "new.xlsx", [
        row(户编号="N1", 与户主关系="本人", 姓名="甲", 身份证号=H1, 街道="八泉街道", 社区="新村社区"),
    ])
    url = db.url.render_as_string(hide_password=False)
    assert cli_main(["import", "households", str(path), "--database-url", url]) == 1  # the input had errors
    out = capsys.readouterr().out
    assert "没有可导入的家庭" in out and "None" not in out
    assert count(db, ImportBatch) == 0 and count(db, Household) == 0
    auth.add_region(db, Actor.system("test"), parent_id=district.regions["八泉街道"], name="新村社区",
                    code="420203001099", level=RegionLevel.COMMUNITY)
    result = ri.import_households(db, district.admin, path)
    assert result.households_created == 1 and result.batch_id is not None


def test_dialog_says_when_nothing_was_imported(qtbot: Any) -> None:
    from desktop.views.register_import import RegisterImportDialog

    dialog = RegisterImportDialog(ctx=None)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show_result(ri.RegisterImportResult(None, "台账.xlsx", rows=2, households=1, households_rejected=1))
    assert "#None" not in dialog.summary.text()
    assert "台账.xlsx" in dialog.summary.text()


def test_update_without_incomes_replaces_older_figures(db: Database, district: District, tmp_path: Path) -> None:
    """The assessment reads a household's latest figures; a re-import whose incomes and expenses
    are now blank must make the older ones stop counting."""
    first = ri.import_households(db, district.admin, small_register(tmp_path / "a.xlsx"))
    assert first.households_created == 2
    with db.session_factory() as s, s.begin():  # the first import was some months ago
        for model in (Income, Expense):
            s.execute(model.__table__.update().values(period_end=date(2025, 1, 31)))
    path = write_register(tmp_path / "b.xlsx", [
        row(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区", 工资性收入="",
            监测库别="一类库"),
        row(户编号="F001", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE, 转移净收入="无"),
        row(户编号="F001", 与户主关系="子女", 姓名="赵小", 身份证号=H1_CHILD),
    ])
    result = ri.import_households(db, district.admin, path)
    assert result.households_updated == 1
    with db.session_factory() as s:
        hid = s.scalar(select(Household.id).where(Household.code == "F001"))
        for model in (Income, Expense):
            latest = s.scalar(select(func.max(model.period_end)).where(model.household_id == hid))
            assert latest == date.today()
            total = s.scalar(select(func.sum(model.amount)).where(model.household_id == hid,
                                                                  model.period_end == latest))
            assert Decimal(total) == 0


def test_a_template_column_left_out_is_refused(db: Database, district: District, tmp_path: Path) -> None:
    """Without 监测库别 (or an income column) an update would clear the household's class (or
    income): the file is refused, naming the missing columns, and nothing changes."""
    ri.import_households(db, district.admin, small_register(tmp_path / "a.xlsx"))
    header = [h for h in tpl.HEADER if h not in ("监测库别", "工资性收入")]
    path = tmp_path / "short.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    ws.write_row(0, 0, header)
    values = dict(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区")
    ws.write_row(1, 0, [values.get(h, "") for h in header])
    book.close()
    with pytest.raises(ServiceError, match="缺少必需的列:工资性收入、监测库别"):
        ri.import_households(db, district.admin, path)
    with db.session_factory() as s:
        assert s.scalar(select(Household.stage).where(Household.code == "F001")) == "class_1"


def test_error_workbook_keeps_the_id_column_of_a_reordered_file(db: Database, district: District,
                                                                  tmp_path: Path) -> None:
    from openpyxl import load_workbook

    order = list(reversed(tpl.HEADER))
    path = tmp_path / "reordered.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    ws.write_row(0, 0, order)
    bad = dict(户编号="R1", 与户主关系="本人", 姓名="甲", 身份证号=H1[:17] + "0", 街道="八泉街道", 社区="飞云社区")
    ws.write_row(1, 0, [bad.get(h, "") for h in order])
    book.close()
    result = ri.import_households(db, district.admin, path, dry_run=True)
    assert result.id_column == order.index("身份证号")
    out = tmp_path / "errors.xlsx"
    assert ri.write_error_workbook(path, result, out) == 1
    sheet = load_workbook(out).active
    column = order.index("身份证号") + 1
    assert sheet.cell(2, column).value == H1[:17] + "0"
    assert sheet.column_dimensions[sheet.cell(1, column).column_letter].width > 15


def test_pre_numbered_rows_repeated_header_and_total_are_not_persons(db: Database, district: District,
                                                                     tmp_path: Path) -> None:
    """A template numbered down the sheet in advance, two filled sheets pasted together (the header
    again) and a 合计 line: none of them is a person, and none makes a real household fail."""
    path = write_register(tmp_path / "pasted.xlsx", [
        row(户编号="P1", 与户主关系="本人", 姓名="甲", 身份证号=H1, 街道="八泉街道", 社区="飞云社区"),
        list(tpl.HEADER),
        row(户编号="P1", 与户主关系="配偶", 姓名="乙", 身份证号=H1_SPOUSE),
        row(户编号="P2", 与户主关系="本人", 姓名="丙", 身份证号=H2, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="P1"), row(户编号="P2"), row(户编号="P3"),
        row(户编号="合计", 姓名="共 2 户 3 人", 工资性收入=0),
    ])
    result = ri.import_households(db, district.admin, path)
    assert (result.rows, result.households, result.households_created, result.errors) == (3, 2, 2, [])
    assert count(db, Member) == 3


def test_worker_cannot_take_over_a_household_of_another_community(db: Database, district: District,
                                                                   tmp_path: Path) -> None:
    """A community worker's register naming the 户编号 of a household registered elsewhere would
    have moved it into the worker's community and dropped its members."""
    ri.import_households(db, district.admin, small_register(tmp_path / "a.xlsx"))  # F002 is in 道仕袱村
    worker = district.actor(codes.Role.COMMUNITY_WORKER)  # 飞云社区
    path = write_register(tmp_path / "mine.xlsx", [
        row(户编号="F002", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="八泉街道", 社区="飞云社区"),
    ])
    result = ri.import_households(db, worker, path)
    assert (result.households_updated, result.households_rejected) == (0, 1)
    assert "道仕袱村" in result.errors[0].message and "管辖范围" in result.errors[0].message
    with db.session_factory() as s:
        assert s.scalar(select(Household.region_id).where(Household.code == "F002")) == district.regions["道仕袱村"]


def test_template_to_a_place_that_cannot_be_written(tmp_path: Path, read_only_dir: Path) -> None:
    """The same plain message as the window and the command line: which file, why, what to do."""
    from desktop.services.errors import ServiceError

    with pytest.raises(ServiceError) as info:
        ri.write_register_template(tmp_path)
    assert info.value.message == f"无法写入文件“{tmp_path}”:这是一个文件夹,请给出文件名。"
    with pytest.raises(ServiceError) as info:
        ri.write_register_template(read_only_dir / "家庭台账模板.xlsx")
    assert "没有在此处写入的权限" in info.value.message and "家庭台账模板.xlsx" in info.value.message
    assert list(read_only_dir.iterdir()) == []


def test_a_sheet_over_the_row_limit_is_refused_before_its_rows_are_checked(
        db: Database, district: District, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """More persons than the limit: refused after a quick count, before any row is parsed; a sheet
    as tall only because of blank rows under the table is imported."""
    from desktop.io import spreadsheet as ss
    from desktop.services.errors import ServiceError

    monkeypatch.setattr(ss, "MAX_ROWS", 3)
    parsed: list[int] = []
    parse = tpl.parse_row
    monkeypatch.setattr(tpl, "parse_row", lambda number, *a, **k: (parsed.append(number), parse(number, *a, **k))[1])
    with pytest.raises(ServiceError) as info:
        ri.import_households(db, district.admin, small_register(tmp_path / "big.xlsx"))  # 4 persons
    assert "超过 3 行" in info.value.message and "big.xlsx" in info.value.message and parsed == []
    rows = [row(户编号="F009", 与户主关系="本人", 姓名="周九", 身份证号=H3, 街道="八泉街道", 社区="飞云社区",
                城乡类别="城市", 当前救助类别="无", 监测库别="无")] + [row(户编号=f"F{n:03d}") for n in range(10, 16)]
    result = ri.import_households(db, district.admin, write_register(tmp_path / "tall.xlsx", rows))
    assert (result.rows, result.households_created) == (1, 1)


def test_region_names_as_people_write_them(db: Database, district: District, tmp_path: Path) -> None:
    path = write_register(tmp_path / "a.xlsx", [
        row(户编号="R1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉", 社区="飞云社区居委会", 城乡类别="城市",
            当前救助类别="无", 监测库别="无"),
        row(户编号="R2", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="河口镇人民政府", 社区="道仕袱",
            城乡类别="农村", 当前救助类别="无", 监测库别="无"),
        row(户编号="R3", 与户主关系="本人", 姓名="李四", 身份证号=H3, 街道="八泉街道办事处", 社区="道仕袱村",
            城乡类别="农村", 当前救助类别="无", 监测库别="无"),
    ])
    result = ri.import_households(db, district.admin, path)
    assert (result.households_created, result.households_rejected) == (1, 2)
    with db.session_factory() as s:
        assert s.scalar(select(Household.region_id).where(Household.code == "R1")) == district.regions["飞云社区"]
    messages = sorted(e.message for e in result.errors)
    assert messages == ["“八泉街道办事处”下没有名为“道仕袱村”的社区/村;系统中的“道仕袱村”属于“河口镇”,请核对街道和社区",
                        "系统中没有名为“河口镇人民政府”的街道/乡镇" + ri.NEW_PLACE]


def test_region_names_with_the_district_or_sub_district_written_before(db: Database, district: District,
                                                                       tmp_path: Path) -> None:
    path = write_register(tmp_path / "a.xlsx", [
        row(户编号="R1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="西塞山区八泉街道", 社区="八泉街道飞云社区",
            城乡类别="城市", 当前救助类别="无", 监测库别="无"),
        row(户编号="R2", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="黄石市西塞山区河口镇", 社区="道仕袱 村",
            城乡类别="农村", 当前救助类别="无", 监测库别="无"),
        row(户编号="R3", 与户主关系="本人", 姓名="李四", 身份证号=H3, 街道="八泉 街道", 社区="河口镇道仕袱村",
            城乡类别="农村", 当前救助类别="无", 监测库别="无"),
    ])
    result = ri.import_households(db, district.admin, path)
    assert (result.households_created, result.households_rejected) == (2, 1)
    with db.session_factory() as s:
        regions = dict(s.execute(select(Household.code, Household.region_id)).all())
    assert regions == {"R1": district.regions["飞云社区"], "R2": district.regions["道仕袱村"]}
    assert [e.message for e in result.errors] == [
        "“八泉 街道”下没有名为“河口镇道仕袱村”的社区/村;系统中的“道仕袱村”属于“河口镇”,请核对街道和社区"]


def test_a_register_batch_cannot_be_undone_whole(db: Database, district: District, tmp_path: Path) -> None:
    from desktop.services import department_import as di

    batch = ri.import_households(db, district.admin, small_register(tmp_path / "a.xlsx")).batch_id
    assert "不能整批撤销" in di.undo_info(db, district.admin, batch).refusal
    with pytest.raises(ServiceError, match="不能整批撤销"):
        di.undo_batch(db, district.admin, batch, "试一试")
    assert count(db, ImportBatch) == 1


def _register_m1_with_a_child_and_m2(db: Database, district: District, tmp_path: Path) -> dict[str, str]:
    """M1: 赵大 and his child 赵小 (wages 500); M2: 孙三, in 飞云社区. Returns the head rows' region columns."""
    a = dict(街道="八泉街道", 社区="飞云社区")
    ri.import_households(db, district.admin, write_register(tmp_path / "a.xlsx", [
        row(户编号="M1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, **a),
        row(户编号="M1", 与户主关系="子女", 姓名="赵小", 身份证号=H1_CHILD, 工资性收入=500),
        row(户编号="M2", 与户主关系="本人", 姓名="孙三", 身份证号=H2, **a),
    ]))
    return a


def test_a_member_moved_to_another_household_of_the_same_file(db: Database, district: District,
                                                              tmp_path: Path) -> None:
    """分户: the updated register lists a member under another household. The move is made, not
    refused while the old household drops the person (who was then in no household at all)."""
    a = _register_m1_with_a_child_and_m2(db, district, tmp_path)
    result = ri.import_households(db, district.admin, write_register(tmp_path / "b.xlsx", [
        row(户编号="M1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, **a),
        row(户编号="M2", 与户主关系="本人", 姓名="孙三", 身份证号=H2, **a),
        row(户编号="M2", 与户主关系="其他", 姓名="赵小", 身份证号=H1_CHILD, 工资性收入=600),
        row(户编号="M3", 与户主关系="本人", 姓名="钱二", 身份证号=H1_SPOUSE, **a),
    ]))
    assert result.errors == []
    assert (result.households_created, result.households_updated, result.members_removed) == (1, 2, 0)
    with db.session_factory() as s:
        moved = s.scalar(select(Member).where(Member.id_number == H1_CHILD))
        assert moved is not None and moved.relation == "other"
        homes = dict(s.execute(select(Household.code, Household.id)).all())
        assert moved.household_id == homes["M2"]
        counts = dict(s.execute(select(Household.code, Household.member_count)).all())
        assert counts == {"M1": 1, "M2": 2, "M3": 1}
        assert s.scalar(select(func.sum(Income.amount)).where(Income.household_id == homes["M2"])) == Decimal("600")


def test_a_member_of_a_household_left_out_for_errors_is_not_moved(db: Database, district: District,
                                                                 tmp_path: Path) -> None:
    """The household a member leaves is not imported (an error): the one they join is refused too,
    and the member stays where they were."""
    a = dict(街道="八泉街道", 社区="飞云社区")
    ri.import_households(db, district.admin, write_register(tmp_path / "a.xlsx", [
        row(户编号="M1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, **a),
        row(户编号="M1", 与户主关系="子女", 姓名="赵小", 身份证号=H1_CHILD),
        row(户编号="M2", 与户主关系="本人", 姓名="孙三", 身份证号=H2, **a),
    ]))
    result = ri.import_households(db, district.admin, write_register(tmp_path / "b.xlsx", [
        row(户编号="M1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, **a, 健康状况="很好"),
        row(户编号="M2", 与户主关系="本人", 姓名="孙三", 身份证号=H2, **a),
        row(户编号="M2", 与户主关系="子女", 姓名="赵小", 身份证号=H1_CHILD),
        row(户编号="M3", 与户主关系="本人", 姓名="李四", 身份证号=H3, **a),
    ]))
    assert (result.households_created, result.households_updated, result.households_rejected) == (1, 0, 2)
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert "户编号“M1”" in messages[(4, "身份证号")] and "未导入" in messages[(4, "身份证号")]
    with db.session_factory() as s:
        moved = s.scalar(select(Member).where(Member.id_number == H1_CHILD))
        assert moved is not None
        assert moved.household_id == s.scalar(select(Household.id).where(Household.code == "M1"))


def test_a_member_joining_a_household_left_out_for_errors_is_not_removed(db: Database, district: District,
                                                                        tmp_path: Path) -> None:
    """The household a member joins is not imported (an error) while the one they leave was: the
    member was removed from the old household and added to none, gone from the register with their
    incomes. The household left is held back too, and the member stays where they were."""
    a = _register_m1_with_a_child_and_m2(db, district, tmp_path)
    result = ri.import_households(db, district.admin, write_register(tmp_path / "b.xlsx", [
        row(户编号="M1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, **a),
        row(户编号="M2", 与户主关系="本人", 姓名="孙三", 身份证号=H2, **a, 健康状况="很好"),
        row(户编号="M2", 与户主关系="子女", 姓名="赵小", 身份证号=H1_CHILD),
        row(户编号="M3", 与户主关系="本人", 姓名="李四", 身份证号=H3, **a),
    ]))
    assert (result.households_created, result.households_updated, result.households_rejected) == (1, 0, 2)
    assert result.members_removed == 0 and result.removed_members == []
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert messages[(2, "户编号")] == ("本户成员赵小在台账第 4 行列入了户编号“M2”的家庭,该户因错误未导入;"
                                      "为免此人不属于任何一户,本户也未导入,请改正该户后再导入")
    with db.session_factory() as s:
        kept = s.scalar(select(Member).where(Member.id_number == H1_CHILD))
        assert kept is not None
        assert kept.household_id == s.scalar(select(Household.id).where(Household.code == "M1"))
        assert s.scalar(select(func.sum(Income.amount)).where(Income.member_id == kept.id)) == Decimal("500")


def test_a_register_changing_the_head_leaves_exactly_one(db: Database, district: District, tmp_path: Path) -> None:
    """更换户主 by a re-sent register: the household's head is the new 本人, the former head one member
    among the others (the register lists the whole household, so never none nor two heads)."""
    a = dict(街道="八泉街道", 社区="飞云社区")
    ri.import_households(db, district.admin, write_register(tmp_path / "a.xlsx", [
        row(户编号="M1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, **a),
        row(户编号="M1", 与户主关系="子女", 姓名="赵小", 身份证号=H1_CHILD),
    ]))
    result = ri.import_households(db, district.admin, write_register(tmp_path / "b.xlsx", [
        row(户编号="M1", 与户主关系="父母", 姓名="赵大", 身份证号=H1),
        row(户编号="M1", 与户主关系="本人", 姓名="赵小", 身份证号=H1_CHILD, **a),
    ]))
    assert result.errors == [] and result.households_updated == 1
    with db.session_factory() as s:
        h = s.scalar(select(Household).where(Household.code == "M1"))
        relations = dict(s.execute(select(Member.name, Member.relation).where(Member.household_id == h.id)).all())
        assert (h.head_name, h.head_id_number, h.member_count) == ("赵小", H1_CHILD, 2)
        assert relations == {"赵大": "parent", "赵小": "self"}


def test_formulas_without_a_saved_result_are_cell_errors(db: Database, district: District, tmp_path: Path) -> None:
    """A register written by a program (openpyxl, not Excel or WPS) keeps formulas without their
    result; calamine reads those cells as empty. An amount there is not 0 yuan: the cell is an
    error that says what to do, and so is an ID number or a relation."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "家庭台账"
    ws.append(list(tpl.HEADER))
    ws.append(row(户编号="F1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区",
                  工资性收入="=1000*12", 医疗支出=800))
    ws.append(row(户编号="F2", 与户主关系="本人", 姓名="孙三", 身份证号="=\"" + H2 + "\"", 街道="八泉街道",
                  社区="飞云社区"))
    ws.append(row(户编号="F3", 与户主关系="本人", 姓名="李四", 身份证号=H3, 街道="八泉街道", 社区="飞云社区",
                  工资性收入=1000, 备注="=\"\""))
    path = tmp_path / "公式.xlsx"
    book.save(path)
    result = ri.import_households(db, district.admin, path, dry_run=True)
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert set(messages) == {(2, "工资性收入"), (3, "身份证号"), (4, "备注")}
    assert all("公式" in m and "保存" in m for m in messages.values())
    assert (result.households_created, result.households_rejected) == (0, 3)


def test_household_codes_typed_in_full_width_or_with_spaces_are_one_household(db: Database, district: District,
                                                                              tmp_path: Path) -> None:
    """"Ｈ０１" (typed with the Chinese input method on) and "H 01" are the household "H01": the
    household is not split into one with the head and one without."""
    path = write_register(tmp_path / "a.xlsx", [
        row(户编号="Ｈ０１", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="H01", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE),
        row(户编号="H 01", 与户主关系="子女", 姓名="赵小", 身份证号=H1_CHILD),
    ])
    result = ri.import_households(db, district.admin, path)
    assert result.errors == []
    assert (result.households, result.households_created, result.persons) == (1, 1, 3)
    with db.session_factory() as s:
        assert s.execute(select(Household.code, Household.member_count)).all() == [("H01", 3)]


def test_household_codes_differing_only_in_letter_case_are_refused(db: Database, district: District,
                                                                   tmp_path: Path) -> None:
    """"h01" and "H01": most likely one household typed two ways. Neither half is imported."""
    path = write_register(tmp_path / "a.xlsx", [
        row(户编号="H01", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="h01", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="h02", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="八泉街道", 社区="飞云社区"),
    ])
    result = ri.import_households(db, district.admin, path)
    assert (result.households_created, result.households_rejected) == (1, 2)
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert "只差字母大小写" in messages[(2, "户编号")] and "“h01”" in messages[(2, "户编号")]
    assert "只差字母大小写" in messages[(3, "户编号")]


def test_a_library_class_changed_by_an_update_is_recorded_as_a_move(db: Database, district: District,
                                                                    tmp_path: Path) -> None:
    """Like every other way a household changes library class, an updated register records the
    move (库别调整): the move history, the quarter's moves and the class a household had at an
    earlier date are read from it."""
    from desktop.models import LibraryMove

    ri.import_households(db, district.admin, small_register(tmp_path / "a.xlsx", head_library="一类库"))
    ri.import_households(db, district.admin, small_register(tmp_path / "b.xlsx", head_library="二类库"))
    with db.session_factory() as s:
        moves = s.execute(select(Household.code, LibraryMove.from_stage, LibraryMove.to_stage, LibraryMove.moved_on,
                                 LibraryMove.reason, LibraryMove.region_id)
                          .join(Household, Household.id == LibraryMove.household_id).order_by(LibraryMove.id)).all()
    # placed by the first file (a move from nowhere, as when a clue makes a household), then moved
    assert [m[:4] for m in moves] == [("F001", None, "class_1", date.today()), ("F002", None, "assisted", date.today()),
                                      ("F001", "class_1", "class_2", date.today())]
    assert "a.xlsx" in moves[0].reason and "家庭台账" in moves[2].reason and "b.xlsx" in moves[2].reason
    assert moves[2].region_id == district.regions["飞云社区"]


def test_slashes_for_nothing_and_more_words_offices_write() -> None:
    """"/" and "-" are how paper forms say "nothing here": in the columns whose allowed values
    include 无 (and in 单亲家庭, 城乡类别) they mean 无 / 否 / not given, as in the amount columns. Where 无 would
    be a real answer about the person (劳动能力, 健康状况) a dash is still refused. 其它 is 其他;
    低边 is short for 低保边缘; "在读" follows a school."""
    columns = {h: i for i, h in enumerate(tpl.HEADER)}
    for dash in ("/", "-", "—", "／", "－"):
        person, errors = tpl.parse_row(2, row(户编号="X", 与户主关系="本人", 姓名="甲", 身份证号=H1, 残疾类别=dash,
                                              残疾等级=dash, 在校情况=dash, 单亲家庭=dash, 当前救助类别=dash,
                                              监测库别=dash, 城乡类别=dash), columns)
        assert errors == [] and person is not None, dash
        assert person.area_type is None  # the region's
        assert (person.disability, person.disability_grade, person.schooling, person.single_parent, person.category,
                person.library) == ("none", 0, "none", False, "none", None)
        person, errors = tpl.parse_row(2, row(户编号="X", 与户主关系="本人", 姓名="甲", 身份证号=H1, 劳动能力=dash,
                                              健康状况=dash), columns)
        assert person is None and {e.column for e in errors} == {"劳动能力", "健康状况"}
    words = {("与户主关系", "其它"): "other", ("当前救助类别", "低边"): "marginal", ("当前救助类别", "低边户"): "marginal",
             ("在校情况", "初中在读"): "compulsory", ("在校情况", "大学在读"): "higher",
             ("在校情况", "学龄前儿童"): "preschool"}
    attribute = {"与户主关系": "relation", "当前救助类别": "category", "在校情况": "schooling"}
    for (column, text), wanted in words.items():
        values = {"与户主关系": "本人", column: text}
        person, errors = tpl.parse_row(3, row(户编号="X", 姓名="乙", 身份证号=H1_CHILD, **values), columns)
        assert errors == [] and person is not None, text
        assert getattr(person, attribute[column]) == wanted, text


def test_a_workbook_with_a_register_per_sheet(db: Database, district: District, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """One sheet per community: the first is read and the others are named (not silently left
    out); --sheet reads another, and each sheet is imported once."""
    path = tmp_path / "分社区.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("填写说明").write_string(0, 0, "户编号 与户主关系 姓名 身份证号 按模板填写")
    for name, code, number in (("飞云社区", "S1", H1), ("八泉社区", "S2", H2)):
        ws = book.add_worksheet(name)
        for c, h in enumerate(tpl.HEADER):
            ws.write_string(0, c, h)
        for c, v in enumerate(row(户编号=code, 与户主关系="本人", 姓名="户主", 身份证号=number, 街道="八泉街道",
                                  社区=name)):
            if v:
                ws.write_string(1, c, v)
    book.close()
    url = db.url.render_as_string(hide_password=False)
    assert cli_main(["import", "households", str(path), "--json", "--database-url", url]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["sheet"], out["other_sheets"], out["households_created"]) == ("飞云社区", ["八泉社区"], 1)
    assert cli_main(["import", "households", str(path), "--database-url", url]) == 1
    assert "已于" in capsys.readouterr().err
    assert cli_main(["import", "households", str(path), "--sheet", "八泉社区", "--database-url", url]) == 0
    text = capsys.readouterr().out
    assert "新建 1 户" in text and "另有 1 个工作表" not in text
    with db.session_factory() as s:
        assert sorted(s.scalars(select(Household.code))) == ["S1", "S2"]
    result = ri.import_households(db, district.admin, path, dry_run=True)
    assert result.other_sheets == ["八泉社区"] and "八泉社区" in ri.other_sheets_note(result)


def test_an_empty_copy_of_the_template_before_the_filled_sheet(db: Database, district: District,
                                                               tmp_path: Path) -> None:
    """The downloaded template's own sheet left empty and the register filled in a copied sheet:
    the filled one is read (was: "no person rows" from the first sheet)."""
    path = tmp_path / "模板加一页.xlsx"
    book = xlsxwriter.Workbook(str(path))
    for name, rows in (("家庭台账", []), ("家庭台账 (2)", [row(户编号="E1", 与户主关系="本人", 姓名="赵大", 身份证号=H1,
                                                           街道="八泉街道", 社区="飞云社区")])):
        ws = book.add_worksheet(name)
        for c, h in enumerate(tpl.HEADER):
            ws.write_string(0, c, h)
        for r, values in enumerate(rows, start=1):
            for c, v in enumerate(values):
                if v:
                    ws.write_string(r, c, v)
    book.close()
    result = ri.import_households(db, district.admin, path)
    assert (result.sheet, result.households_created, result.other_sheets) == ("家庭台账 (2)", 1, [])


def test_json_of_a_dry_run_says_the_file_was_already_imported(db: Database, district: District, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = small_register(tmp_path / "a.xlsx")
    url = db.url.render_as_string(hide_password=False)
    assert cli_main(["import", "households", str(path), "--dry-run", "--json", "--database-url", url]) == 0
    assert json.loads(capsys.readouterr().out)["already_imported"] is None
    assert cli_main(["import", "households", str(path), "--database-url", url]) == 0
    capsys.readouterr()
    # exit 1 as the import would be refused, without a forecast of what it would write (将更新 …)
    assert cli_main(["import", "households", str(path), "--dry-run", "--json", "--database-url", url]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["code"] == "already_imported" and "导入过" in out["error"] and "households_updated" not in out
    assert "错误清单" in out["error"]  # the way to import the households refused the first time
    assert cli_main(["import", "households", str(path), "--dry-run", "--database-url", url]) == 1
    captured = capsys.readouterr()
    assert "导入过" in captured.err and "将更新" not in captured.out


def test_amounts_with_commas_out_of_place_are_refused() -> None:
    """A comma groups thousands. "1.200,50" (a European decimal comma) is not 1.20 yuan, nor is
    "12,00" 1,200: such a cell is an error, while 1,200 / 1,200,000.50 / １，２００ are read."""
    columns = {h: i for i, h in enumerate(tpl.HEADER)}
    for text, wanted in {"1,200": Decimal("1200"), "1,200,000.50": Decimal("1200000.50"), "１，２００": Decimal("1200"),
                         "-1,200": Decimal("-1200"), "1.200,50": None, "12,00": None, "1,20": None, ",500": None,
                         "1,2000": None}.items():
        person, errors = tpl.parse_row(2, row(户编号="X", 与户主关系="本人", 姓名="甲", 身份证号=H1, 经营净收入=text),
                                       columns)
        assert (person.incomes.get("business") if person else None) == wanted, text
        if wanted is None:
            assert [e.column for e in errors] == ["经营净收入"] and "不是金额" in errors[0].message


def test_names_padded_to_line_up_are_kept_without_the_padding() -> None:
    """Two-character names are often padded to line up with three-character ones ("张　三"): the
    person is 张三 (found by name search), while a space between Latin names stays."""
    columns = {h: i for i, h in enumerate(tpl.HEADER)}
    for text, wanted in {"张　三": "张三", "张  三": "张三", "买买提·艾力": "买买提·艾力", "John Smith": "John Smith",
                         "王 小 明": "王小明"}.items():
        person, errors = tpl.parse_row(2, row(户编号="X", 与户主关系="本人", 姓名=text, 身份证号=H1), columns)
        assert errors == [] and person is not None and person.name == wanted, text


def test_the_old_name_wubao_is_tekun() -> None:
    """五保 (五保户, 农村五保) became 特困 in 2014; registers kept by long-serving staff still say so."""
    columns = {h: i for i, h in enumerate(tpl.HEADER)}
    for word in ("五保", "五保户", "农村五保"):
        person, errors = tpl.parse_row(2, row(户编号="X", 与户主关系="本人", 姓名="甲", 身份证号=H1, 当前救助类别=word),
                                       columns)
        assert errors == [] and person is not None and person.category == codes.Category.TEKUN


def test_a_register_sets_the_visit_due_date_of_the_class_it_gives(db: Database, district: District,
                                                                  tmp_path: Path) -> None:
    """A household placed or moved by a register gets the due date of its new class, like a move on
    the board: due by the end of this quarter when entering a library, none when leaving it (not the
    date it had before, which would show it overdue, or still due a visit, at once)."""
    from desktop.rules import monitoring as rules

    this_quarter_end = rules.quarter_end(*rules.quarter_of(date.today()))
    ri.import_households(db, district.admin, small_register(tmp_path / "a.xlsx", head_library="一类库"))
    with db.session_factory() as s:
        h = s.scalars(select(Household).where(Household.code == "F001")).one()
        assert h.stage == "class_1" and h.next_visit_due == this_quarter_end
        h.stage, h.next_visit_due = None, date(2020, 3, 31)  # left the library long ago
        s.commit()
    ri.import_households(db, district.admin, small_register(tmp_path / "b.xlsx", head_library="二类库"))
    with db.session_factory() as s:
        h = s.scalars(select(Household).where(Household.code == "F001")).one()
        assert h.stage == "class_2" and h.next_visit_due == this_quarter_end
    ri.import_households(db, district.admin, small_register(tmp_path / "c.xlsx", head_library="无"))
    with db.session_factory() as s:
        h = s.scalars(select(Household).where(Household.code == "F001")).one()
        assert h.stage is None and h.next_visit_due is None


def test_net_transfers_may_be_negative_like_business_and_property() -> None:
    """转移净收入 is received minus taxes, contributions and support paid out (RULES.md §1.2): a family
    paying more than it receives has a negative figure, read like a business loss; wages may not."""
    columns = {h: i for i, h in enumerate(tpl.HEADER)}
    person, errors = tpl.parse_row(2, row(户编号="X", 与户主关系="本人", 姓名="甲", 身份证号=H1, 转移净收入="-600"),
                                   columns)
    assert errors == [] and person is not None and person.incomes["transfer"] == Decimal("-600")
    person, errors = tpl.parse_row(2, row(户编号="X", 与户主关系="本人", 姓名="甲", 身份证号=H1, 工资性收入="-600"),
                                   columns)
    assert [e.column for e in errors] == ["工资性收入"] and "负数" in errors[0].message


def test_a_header_grouped_over_two_rows(db: Database, district: District, tmp_path: Path) -> None:
    """Offices group the amounts under merged headings (家庭收入情况 over the five incomes, 刚性支出 over
    the three expenses) and merge the other headings down over both rows: the columns are read from
    the two rows together, and the persons from the row under them."""
    path = tmp_path / "grouped.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("台账")
    ws.merge_range(0, 0, 0, len(tpl.HEADER) - 1, "2026年困难家庭台账")
    incomes, expenses = range(14, 19), range(19, 22)
    for c, h in enumerate(tpl.HEADER):
        if c in incomes or c in expenses:
            ws.write_string(2, c, h)
        else:
            ws.merge_range(1, c, 2, c, h)
    ws.merge_range(1, 14, 1, 18, "家庭收入情况(元)")
    ws.merge_range(1, 19, 1, 21, "刚性支出(元)")
    ws.write_row(3, 0, row(户编号="T1", 与户主关系="本人", 姓名="甲", 身份证号=H1, 街道="八泉街道", 社区="飞云社区",
                           工资性收入="12000", 医疗支出="3000"))
    ws.write_row(4, 0, row(户编号="T1", 与户主关系="配偶", 姓名="乙", 身份证号=H1_SPOUSE, 转移净收入="600"))
    ws.write_row(5, 0, row(户编号="T2", 与户主关系="本人", 姓名="丙", 身份证号=H2[:17] + "0", 街道="八泉街道",
                           社区="飞云社区"))
    book.close()
    result = ri.import_households(db, district.admin, path)
    assert (result.header_row, result.rows, result.households_created, result.persons) == (3, 3, 1, 2)
    assert [(e.row, e.column) for e in result.errors] == [(6, "身份证号")]
    with db.session_factory() as s:
        assert s.scalar(select(func.sum(Income.amount))) == Decimal("12600")
        assert s.scalar(select(Expense.amount).where(Expense.kind == "medical")) == Decimal("3000")
    # the error workbook keeps the title and both header rows, merged as they were, and reads back as a register
    out = tmp_path / "errors.xlsx"
    assert ri.write_error_workbook(path, result, out) == 1
    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0)
    rows = sheet.to_python()
    assert rows[0][0] == "2026年困难家庭台账" and rows[1][:2] == ["户编号", "与户主关系"] and rows[2][14] == "工资性收入"
    assert rows[3][2] == "丙" and rows[3][-2:] == [6, "身份证号:身份证号校验码错误"]
    width = len(tpl.HEADER)
    source = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).merged_cell_ranges
    assert sorted(sheet.merged_cell_ranges) == sorted([*source, ((1, width), (2, width)), ((1, width + 1), (2, width + 1))])
    again = ri.import_households(db, district.admin, out, dry_run=True)
    assert (again.header_row, again.rows, [(e.row, e.column) for e in again.errors]) == (3, 1, [(4, "身份证号")])


OTHER_NAMES = {"身份证号": "公民身份号码", "与户主关系": "与户主的关系", "联系电话": "手机号码", "街道": "乡镇(街道)",
               "社区": "村(社区)", "城乡类别": "城乡类型", "单亲家庭": "是否单亲家庭", "当前救助类别": "救助类别",
               "监测库别": "库别", "转移净收入": "转移性净收入", "其他收入": "其它收入", "户编号": "户号"}


def test_header_names_offices_write_for_the_template_columns(db: Database, district: District,
                                                             tmp_path: Path) -> None:
    """身份证号码 for 身份证号, 家庭住址 for 住址, 与户主的关系, 是否单亲家庭, 救助类别 … : names that can
    mean nothing else in a register are read as the template's column; the template's own name wins
    when both are there."""
    header = ["序号", "家庭住址", *(OTHER_NAMES.get(h, h) for h in tpl.HEADER), "身份证号码"]
    path = tmp_path / "names.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    ws.write_row(0, 0, header)
    ws.write_row(1, 0, [1, "别处", *row(户编号="N1", 与户主关系="户主", 姓名="甲", 身份证号=H1, 街道="八泉街道",
                                        社区="飞云社区", 住址="飞云社区3栋", 联系电话="13800000001", 城乡类别="城市",
                                        转移净收入="600", 其他收入="50", 单亲家庭="是", 当前救助类别="低保",
                                        监测库别="二类库"), H2])
    book.close()
    result = ri.import_households(db, district.admin, path)
    assert (result.households_created, result.persons, result.errors) == (1, 1, [])
    assert result.id_column == header.index("公民身份号码")
    with db.session_factory() as s:
        h = s.scalar(select(Household).where(Household.code == "N1"))
        assert (h.head_id_number, h.address, h.phone, h.single_parent, h.category, h.stage) == (
            H1, "飞云社区3栋", "13800000001", True, "dibao", "class_2")
        assert s.scalar(select(func.sum(Income.amount))) == Decimal("650")


def test_the_header_again_in_other_names_is_not_a_person() -> None:
    columns = {h: i for i, h in enumerate(tpl.HEADER)}
    again = [{**OTHER_NAMES, "住址": "家庭住址", "工资性收入": "工资收入"}.get(h, h) for h in tpl.HEADER]
    assert tpl.is_header_row(again, columns)
    assert not tpl.is_header_row(row(户编号="H1", 与户主关系="本人", 姓名="关系", 身份证号=H1, 住址="住址"), columns)


def test_more_words_offices_write_that_cannot_be_misread() -> None:
    """大儿子 and 小女儿 are children, 长孙 a grandchild, 户主的母亲 a parent; 农村特困 is 特困; 否 in a
    category, class or disability column is 无, and so is grade 0; 有劳动力 / 无劳动力; 学前教育, 九年义务
    教育; 未入学, 辍学 and 已毕业 are not in school; 农村户口 (农业户口) is 农村, 城市户口 (非农业户口) 城市.
    Words that could mean two things (媳妇, 一般, 患病, 在校) stay errors."""
    columns = {h: i for i, h in enumerate(tpl.HEADER)}
    attribute = {"与户主关系": "relation", "当前救助类别": "category", "在校情况": "schooling", "监测库别": "library",
                 "残疾类别": "disability", "残疾等级": "disability_grade", "劳动能力": "labour_capacity",
                 "城乡类别": "area_type", "健康状况": "health"}
    words = {("与户主关系", "大儿子"): "child", ("与户主关系", "小女儿"): "child", ("与户主关系", "二女儿"): "child",
             ("与户主关系", "长孙"): "grandchild", ("与户主关系", "长孙女"): "grandchild",
             ("与户主关系", "户主的母亲"): "parent", ("与户主关系", "户主父亲"): "parent",
             ("当前救助类别", "农村特困"): "tekun", ("当前救助类别", "城市特困人员"): "tekun",
             ("当前救助类别", "否"): "none", ("监测库别", "否"): None, ("残疾类别", "否"): "none",
             ("残疾等级", "0"): 0, ("残疾等级", 0): 0, ("残疾等级", "否"): 0,
             ("劳动能力", "有劳动力"): "full", ("劳动能力", "无劳动力"): "none", ("劳动能力", "全部丧失"): "none",
             ("在校情况", "学前教育"): "preschool", ("在校情况", "九年义务教育"): "compulsory",
             ("在校情况", "未入学"): "none", ("在校情况", "辍学"): "none", ("在校情况", "已毕业"): "none",
             ("城乡类别", "农村户口"): "rural", ("城乡类别", "农业户口"): "rural", ("城乡类别", "农业"): "rural",
             ("城乡类别", "城市户口"): "urban", ("城乡类别", "非农业户口"): "urban", ("城乡类别", "非农业"): "urban",
             ("与户主关系", "媳妇"): "?", ("健康状况", "一般"): "?", ("健康状况", "患病"): "?", ("在校情况", "在校"): "?"}
    for (column, text), wanted in words.items():
        values = {"与户主关系": "本人", column: text}
        person, errors = tpl.parse_row(3, row(户编号="X", 姓名="乙", 身份证号=H1_CHILD, **values), columns)
        if wanted == "?":
            assert person is None and [e.column for e in errors] == [column], text
        else:
            assert errors == [] and person is not None, text
            assert getattr(person, attribute[column]) == wanted, text


H2_OTHER = idcard.make("420203", date(1951, 6, 6), 61)


def test_members_left_without_a_household_code_hold_back_the_household_above(db: Database, district: District,
                                                                            tmp_path: Path) -> None:
    """户编号 written on the head's row only (cells unmerged, or "same as above"): the members' rows
    may belong to the household above but nothing says so. That household is not imported without
    them, the rows are not counted as households of their own, and the message says what to do. Nor
    is the household right below them (B2): members may be listed before their head, and the rows
    may be its own. A head's row without a code is a household of its own and holds back no other."""
    path = write_register(tmp_path / "blank.xlsx", [
        row(户编号="B1", 与户主关系="本人", 姓名="甲", 身份证号=H1, 街道="八泉街道", 社区="飞云社区"),
        row(与户主关系="配偶", 姓名="乙", 身份证号=H1_SPOUSE),
        row(与户主关系="子女", 姓名="丙", 身份证号=H1_CHILD),
        row(户编号="B2", 与户主关系="本人", 姓名="丁", 身份证号=H2, 街道="八泉街道", 社区="飞云社区"),
        row(与户主关系="本人", 姓名="戊", 身份证号=H3, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="B3", 与户主关系="本人", 姓名="己", 身份证号=H2_OTHER, 街道="八泉街道", 社区="飞云社区"),
        row(备注="以上为新增"),  # no person: its own error, B3 is not held back
    ])
    result = ri.import_households(db, district.admin, path)
    assert (result.rows, result.households, result.households_created, result.households_rejected) == (7, 5, 1, 4)
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert {k for k in messages if k[1] == "户编号"} == {(3, "户编号"), (4, "户编号"), (5, "户编号"), (6, "户编号"),
                                                        (8, "户编号")}
    assert "上一行" in messages[(3, "户编号")] and "“B1”" in messages[(4, "户编号")]
    assert "上方第 3–4 行没有填写户编号" in messages[(5, "户编号")]
    assert messages[(6, "户编号")] == "户编号为空"
    with db.session_factory() as s:
        assert sorted(s.scalars(select(Household.code))) == ["B3"]


def test_an_address_or_phone_longer_than_kept_is_a_cell_error(db: Database, district: District,
                                                               tmp_path: Path) -> None:
    """住址 and 联系电话 were cut to what the database holds (256 and 32 characters) without a word: a
    third phone number lost its last digits. Now the cell is an error, like a name too long; a long
    备注 is kept whole."""
    phones = "13800000001、13900000002、0714-6543210(儿子)"
    path = write_register(tmp_path / "long.xlsx", [
        row(户编号="L1", 与户主关系="本人", 姓名="甲", 身份证号=H1, 街道="八泉街道", 社区="飞云社区", 联系电话=phones),
        row(户编号="L2", 与户主关系="本人", 姓名="乙", 身份证号=H2, 街道="八泉街道", 社区="飞云社区", 住址="很长" * 129),
        row(户编号="L3", 与户主关系="本人", 姓名="丙", 身份证号=H3, 街道="八泉街道", 社区="飞云社区", 住址="长" * 256,
            联系电话="1" * 32, 备注="说明" * 3000),
        row(户编号="L3", 与户主关系="配偶", 姓名="丁", 身份证号=H1_SPOUSE, 住址="长" * 300),  # not kept: no error
    ])
    result = ri.import_households(db, district.admin, path)
    assert (result.households_created, result.households_rejected) == (1, 2)
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert set(messages) == {(2, "联系电话"), (3, "住址")}
    assert "最多 32 个字符" in messages[(2, "联系电话")] and "最多 256 个字符" in messages[(3, "住址")]
    with db.session_factory() as s:
        kept = s.scalar(select(Household).where(Household.code == "L3"))
        assert (len(kept.address), len(kept.phone), len(kept.note)) == (256, 32, 6000)


def test_a_whole_number_cell_is_quoted_as_the_cell_shows_it() -> None:
    columns = {h: i for i, h in enumerate(tpl.HEADER)}
    person, errors = tpl.parse_row(2, row(户编号="X", 与户主关系="本人", 姓名="甲", 身份证号=H1, 工资性收入=-500.0,
                                          经营净收入=-1200.0, 医疗支出=-0.5), columns)
    assert person is None and [str(e) for e in errors] == ["第 2 行“工资性收入”列:金额不能为负数(-500)",
                                                           "第 2 行“医疗支出”列:金额不能为负数(-0.5)"]


def test_members_no_longer_listed_are_named_and_a_dry_run_counts_them(db: Database, district: District,
                                                                      tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A register sent again without a member removes that person (with their incomes and
    expenses). The dry run said nothing of it (0 removed) and the import gave only a count; both now
    say how many and who, so a member left out by mistake is noticed before the import."""
    ri.import_households(db, district.admin, small_register(tmp_path / "a.xlsx"))
    path = write_register(tmp_path / "b.xlsx", [  # 赵小 (F001's child) is no longer listed
        row(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区", 监测库别="一类库"),
        row(户编号="F001", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE),
    ])
    url = db.url.render_as_string(hide_password=False)
    assert cli_main(["import", "households", str(path), "--dry-run", "--json", "--database-url", url]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert dry["members_removed"] == 1
    assert dry["removed_members"] == [{"household": "F001", "name": "赵小"}]
    assert cli_main(["import", "households", str(path), "--dry-run", "--database-url", url]) == 0
    assert "将移除不再列出的成员 1 人:赵小(户编号 F001)" in capsys.readouterr().out
    assert count(db, Member) == 4
    assert cli_main(["import", "households", str(path), "--database-url", url]) == 0
    assert "已移除不再列出的成员 1 人:赵小(户编号 F001)" in capsys.readouterr().out
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Member).where(Member.id_number == H1_CHILD)) == 0
        assert s.scalar(select(Household.member_count).where(Household.code == "F001")) == 2
        # what was removed stays in the audit log, as when the editor removes a member
        removed = {e.action: e for e in s.scalars(select(AuditEntry).where(AuditEntry.action.like("%.remove")))}
    assert set(removed) == {"member.remove", "expense.remove"}
    assert removed["member.remove"].before["name"] == "赵小"
    assert removed["member.remove"].before["id_number"] == H1_CHILD
    assert removed["expense.remove"].before["amount"] in ("2000", "2000.00", 2000)
    assert "b.xlsx" in removed["member.remove"].detail and removed["member.remove"].household_id is not None


def test_dialog_names_the_members_removed(qtbot: Any) -> None:
    from desktop.views.register_import import RegisterImportDialog

    dialog = RegisterImportDialog(ctx=None)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    result = ri.RegisterImportResult(7, "台账.xlsx", rows=2, households=1, households_updated=1, persons=2,
                                     members_removed=1, removed_members=[("F001", "赵小")])
    dialog.show_result(result)
    assert "赵小" in dialog.summary.text() and "F001" in dialog.summary.text()


def test_notes_or_column_numbers_under_the_header_are_not_a_household(db: Database, district: District,
                                                                      tmp_path: Path) -> None:
    """Offices keep a line under the header saying how to fill each column (填表说明), or number the
    columns 1, 2, 3 …, as department lists do. That line was read as a household and refused with a
    dozen cell errors ("“本人/配偶/…”不是可填写的值"), a rejected household that does not exist."""
    notes = row(户编号="如:H0001,同户填相同编号", 与户主关系="本人/配偶/子女/父母/孙子女/兄弟姐妹/其他", 姓名="户籍姓名",
                身份证号="18位身份证号(文本格式)", 街道="须与系统一致", 社区="须与系统一致", 城乡类别="城市/农村",
                工资性收入="近12个月(元)", 单亲家庭="是/否", 监测库别="无/一类库/二类库")
    people = [
        row(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区", 工资性收入=1200),
        row(户编号="F001", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE),
        row(户编号="F002", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="河口镇", 社区="道仕袱村"),
    ]
    numbers = list(range(1, len(tpl.HEADER) + 1))
    for name, under in (("notes", [notes]), ("numbers", [numbers]), ("both", [notes, numbers])):
        path = write_register(tmp_path / f"{name}.xlsx", [*under, *people])
        result = ri.import_households(db, district.admin, path, dry_run=True)
        assert (result.rows, result.households, result.households_created, result.errors) == (3, 2, 2, []), name
    result = ri.import_households(db, district.admin, path)
    assert result.households_created == 2 and result.households_rejected == 0
    assert count(db, Household) == 2 and count(db, Member) == 3


def test_single_parent_and_amounts_in_more_words_offices_write() -> None:
    """单亲 / 非单亲 in 单亲家庭 (the column's own word), and 人民币 before an amount, were cell errors
    that refused the household."""
    columns = {h: i for i, h in enumerate(tpl.HEADER)}
    for text, wanted in {"单亲": True, "单亲家庭": True, "非单亲": False, "非单亲家庭": False}.items():
        person, errors = tpl.parse_row(2, row(户编号="X", 与户主关系="本人", 姓名="甲", 身份证号=H1, 单亲家庭=text), columns)
        assert errors == [] and person is not None and person.single_parent is wanted, text
    person, errors = tpl.parse_row(2, row(户编号="X", 与户主关系="本人", 姓名="甲", 身份证号=H1, 工资性收入="人民币1,200元"),
                                   columns)
    assert errors == [] and person is not None and person.incomes == {"wages": Decimal("1200")}


def _formula_register(path: Path, formulas: dict[str, str]) -> list[list[Any]]:
    """F1 (formulas in the given columns) and F2 (plain values): the rows written by a program."""
    return [row(户编号="F1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区", **formulas),
            row(户编号="F2", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="八泉街道", 社区="飞云社区",
                工资性收入=6000)]


def test_formulas_a_program_left_for_excel_to_calculate_are_cell_errors(db: Database, district: District,
                                                                       tmp_path: Path) -> None:
    """XlsxWriter (and the programs built like it) saves 0 as every formula's result and asks Excel
    to calculate the workbook when it is opened (fullCalcOnLoad): read as it is, 工资性收入 =1000*12
    was 0 yuan. Every formula of such a workbook is a cell error, the household is not imported; a
    household without formulas is."""
    path = tmp_path / "程序生成.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("家庭台账")
    for c, h in enumerate(tpl.HEADER):
        ws.write_string(0, c, h)
    for r, values in enumerate(_formula_register(path, {"工资性收入": "=1000*12", "医疗支出": "=O2/2"}), start=1):
        for c, v in enumerate(values):
            if isinstance(v, str) and v.startswith("="):
                ws.write_formula(r, c, v)
            elif v != "":
                ws.write(r, c, v)
    book.close()
    result = ri.import_households(db, district.admin, path)
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert set(messages) == {(2, "工资性收入"), (2, "医疗支出")}
    assert all("公式" in m and "保存" in m for m in messages.values())
    assert (result.households_created, result.households_rejected) == (1, 1)
    with db.session_factory() as s:
        assert s.scalars(select(Household.code)).all() == ["F2"]


def _xls_register(path: Path, rows: list[list[Any]]) -> Path:
    """A legacy .xls written by a program (xlwt): its formulas hold no calculated result."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("家庭台账")
    for c, h in enumerate(tpl.HEADER):
        ws.write(0, c, h)
    for r, values in enumerate(rows, start=1):
        for c, v in enumerate(values):
            if isinstance(v, str) and v.startswith("="):
                ws.write(r, c, xlwt.Formula(v[1:]))
            elif v != "":
                ws.write(r, c, v)
    book.save(str(path))
    return path


def test_formulas_of_a_legacy_xls_written_by_a_program_are_cell_errors(db: Database, district: District,
                                                                       tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A .xls written by a program keeps no result of its formulas (calamine reads them as empty
    cells): 工资性收入 =1000*12 was imported as no income at all. Each is a cell error naming row and
    column, in the command's --json too; the household is not imported."""
    path = _xls_register(tmp_path / "程序生成.xls", _formula_register(tmp_path, {"工资性收入": "=1000*12"}))
    url = db.url.render_as_string(hide_password=False)
    assert cli_main(["import", "households", str(path), "--json", "--database-url", url]) == 0
    got = json.loads(capsys.readouterr().out)
    assert (got["households_created"], got["households_rejected"]) == (1, 1)
    [error] = got["errors"]
    assert (error["row"], error["column"]) == (2, "工资性收入") and "公式" in error["message"]
    with db.session_factory() as s:
        assert s.scalars(select(Household.code)).all() == ["F2"]


def test_old_partner_and_elder_brother_as_offices_write_them() -> None:
    """老伴 is the spouse and 哥 an elder brother (姐, 弟, 妹 already were); 保姆, 朋友, 前妻 are not family
    and stay errors."""
    columns = {h: i for i, h in enumerate(tpl.HEADER)}
    for text, wanted in (("老伴", "spouse"), ("哥", "sibling"), ("保姆", None), ("朋友", None), ("前妻", None)):
        person, errors = tpl.parse_row(3, row(户编号="X", 与户主关系=text, 姓名="乙", 身份证号=H1_CHILD), columns)
        if wanted is None:
            assert person is None and [e.column for e in errors] == ["与户主关系"], text
        else:
            assert errors == [] and person is not None and person.relation == wanted, text


def test_a_household_with_two_spouses_is_refused(db: Database, district: District, tmp_path: Path) -> None:
    """A head has one spouse (妻 and 夫 written for two people are a relation mistyped, a daughter-in-
    law as 妻 say): the second 配偶 row is an error naming the first, the household is not imported."""
    path = write_register(tmp_path / "a.xlsx", [
        row(户编号="S1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="S1", 与户主关系="妻", 姓名="钱二", 身份证号=H1_SPOUSE),
        row(户编号="S1", 与户主关系="配偶", 姓名="赵小", 身份证号=H1_CHILD),
        row(户编号="S2", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="S2", 与户主关系="老伴", 姓名="李四", 身份证号=H3),
    ])
    result = ri.import_households(db, district.admin, path)
    assert [(e.row, e.column) for e in result.errors] == [(4, "与户主关系")]
    assert "第 3 行" in result.errors[0].message and "配偶" in result.errors[0].message
    assert (result.households_created, result.households_rejected) == (1, 1)
    with db.session_factory() as s:
        assert s.scalars(select(Household.code)).all() == ["S2"]


def test_household_values_on_a_member_row_that_contradict_the_head_row(db: Database, district: District,
                                                                       tmp_path: Path) -> None:
    """The household's 当前救助类别, 监测库别, 单亲家庭, 街道 and 社区 are read from the head's row. A
    member's row saying otherwise (低保 on the member enrolled, 无 on the head) was dropped without a
    word: the household was imported as not in assistance. Such a row is an error naming the head's
    row; the same values repeated on every row (or a member's own 城乡类别, 联系电话) are fine."""
    head = {"街道": "八泉街道", "社区": "飞云社区", "当前救助类别": "低保", "监测库别": "一类库", "单亲家庭": "是"}
    path = write_register(tmp_path / "a.xlsx", [
        row(户编号="C1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区", 当前救助类别="无"),
        row(户编号="C1", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE, 当前救助类别="低保"),
        row(户编号="C2", 与户主关系="本人", 姓名="孙三", 身份证号=H2, **head),
        row(户编号="C2", 与户主关系="子女", 姓名="李四", 身份证号=H3, 街道="八泉", 社区="飞云社区居委会", 当前救助类别="城市低保",
            监测库别="一类", 单亲家庭="是", 城乡类别="农村", 联系电话="13900000000"),
        row(户编号="C3", 与户主关系="本人", 姓名="周五", 身份证号=H2_OTHER, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="C3", 与户主关系="子女", 姓名="赵小", 身份证号=H1_CHILD, 街道="河口镇", 社区="闸口社区", 单亲家庭="是",
            监测库别="二类库"),
    ])
    result = ri.import_households(db, district.admin, path)
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert set(messages) == {(3, "当前救助类别"), (7, "街道"), (7, "社区"), (7, "单亲家庭"), (7, "监测库别")}
    assert "第 2 行" in messages[(3, "当前救助类别")] and "低保" in messages[(3, "当前救助类别")]
    assert (result.households_created, result.households_rejected) == (1, 2)
    with db.session_factory() as s:
        assert s.scalars(select(Household.code)).all() == ["C2"]


def test_a_name_with_a_remark_in_brackets_is_refused(db: Database, district: District, tmp_path: Path) -> None:
    """"赵大（已故）" was imported as a member named so, counted in the income per head. A name holds
    no brackets: the row is an error that says where the remark goes and that a person who died or
    moved out is not listed. Dashes in a member's household columns (街道 "/") still mean nothing."""
    path = write_register(tmp_path / "a.xlsx", [
        row(户编号="N1", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="N1", 与户主关系="父母", 姓名="孙老（已故）", 身份证号=H2_OTHER),
        row(户编号="N2", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区", 当前救助类别="低保"),
        row(户编号="N2", 与户主关系="子女", 姓名="赵小", 身份证号=H1_CHILD, 街道="/", 社区="—", 当前救助类别="-"),
    ])
    result = ri.import_households(db, district.admin, path)
    assert [(e.row, e.column) for e in result.errors] == [(3, "姓名")]
    assert "（已故）" in result.errors[0].message and "备注" in result.errors[0].message
    assert (result.households_created, result.households_rejected) == (1, 1)


def _hand_lines(db: Database, district: District, period_end: date) -> None:
    """Lines the template has no column for, entered in the household records: 钱二's award not
    counted (不计入), 赵大's 城乡居民基本养老金, and 赵小's exempt grant (赵小 is left out next time)."""
    from desktop.services import households as hs

    with db.session_factory() as s:
        hid = s.scalar(select(Household.id).where(Household.code == "F001"))
        members = {m.id_number: m.id for m in s.scalars(select(Member).where(Member.household_id == hid))}
    version = hs.get_household(db, district.admin, hid).version
    for member, kind, amount, exempt, note in ((H1_SPOUSE, "other", "1500", True, "见义勇为奖金"),
                                               (H1, "resident_pension", "2400", False, ""),
                                               (H1_CHILD, "transfer", "800", True, "助学金")):
        version = hs.add_income(db, district.admin, hid, version,
                                {"kind": kind, "amount": amount, "period_end": period_end, "exempt": exempt,
                                 "note": note, "member_id": members[member]})[1]


def _current_incomes(db: Database) -> list[tuple[str, Decimal, bool, str]]:
    with db.session_factory() as s:
        hid = s.scalar(select(Household.id).where(Household.code == "F001"))
        latest = s.scalar(select(func.max(Income.period_end)).where(Income.household_id == hid))
        return sorted((i.kind, Decimal(i.amount), i.exempt, i.note) for i in s.scalars(
            select(Income).where(Income.household_id == hid, Income.period_end == latest)))


@pytest.mark.parametrize("months_ago", [True, False], ids=["earlier-period", "same-day"])
def test_income_lines_the_template_cannot_hold_are_kept(db: Database, district: District, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str], months_ago: bool) -> None:
    """A register sent again replaced the household's figures with its own, and the lines it has no
    column for went with them: an income marked not counted was counted again (or, imported the
    same day, deleted outright), a pension line was dropped. They are now restated in the new
    figures, and the dry run and the import say so."""
    ri.import_households(db, district.admin, small_register(tmp_path / "a.xlsx"))
    earlier = date(2025, 1, 31)
    if months_ago:
        with db.session_factory() as s, s.begin():
            for model in (Income, Expense):
                s.execute(model.__table__.update().values(period_end=earlier))
    _hand_lines(db, district, earlier if months_ago else date.today())
    path = write_register(tmp_path / "b.xlsx", [  # 赵小 is no longer listed; 赵大 earns more
        row(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区",
            工资性收入=30000, 监测库别="一类库"),
        row(户编号="F001", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE, 转移净收入=3600),
    ])
    url = db.url.render_as_string(hide_password=False)
    assert cli_main(["import", "households", str(path), "--dry-run", "--json", "--database-url", url]) == 0
    assert json.loads(capsys.readouterr().out)["income_lines_kept"] == 2
    assert cli_main(["import", "households", str(path), "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "已沿用 2 条家庭档案中手工录入、台账没有对应列的收入" in out
    kept = ri.KEPT_NOTE
    assert _current_incomes(db) == [("other", Decimal("1500"), True, f"{kept}:见义勇为奖金"),
                                    ("resident_pension", Decimal("2400"), False, kept),
                                    ("transfer", Decimal("3600"), False, "家庭台账导入"),
                                    ("wages", Decimal("30000"), False, "家庭台账导入")]
    # imported again (another file, the same figures): the kept lines are kept once, not twice
    again = write_register(tmp_path / "c.xlsx", [
        row(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区",
            工资性收入=30000, 监测库别="一类库", 备注="复核"),
        row(户编号="F001", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE, 转移净收入=3600),
    ])
    assert ri.import_households(db, district.admin, again).income_lines_kept == 2
    assert [(k, n) for k, _a, _e, n in _current_incomes(db) if n.startswith(kept)] == [
        ("other", f"{kept}:见义勇为奖金"), ("resident_pension", kept)]
