"""A household register re-imported as an office works over months (acceptance round 25): the
register imported, the households then edited in the system (the household editor, a board move, an
approval, an income line entered by hand), the same register sent back edited: cells left blank, a
head changed, a member added, one removed, one moved to another household (分户), names typed with
other dots and phones with spaces. Every stored value after it, the counts of the dry run and of the
import, the text summary, the batch and audit records, the same content refused.

Found broken: blanks_kept counted a household a later check refused (nothing of it was kept: it was
not imported); a spouse made head with 联系电话 and 备注 blank lost their own mobile and remark (the
head's member row took the household's phone and an empty remark); a person moved from another
household of the file with blank cells lost their 健康状况, 残疾, 劳动能力, 在校情况, phone and remark
(read as 健康, 无 …: only the persons already in the household kept theirs)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from desktop.models import AuditEntry, Household, ImportBatch, Income, LibraryMove, Member
from desktop.rules import idcard
from desktop.rules.codes import IncomeKind, Stage
from desktop.services import applications as app_svc
from desktop.services import households as hs
from desktop.services.base import unit_of_work
from desktop.services.database import Database
from desktop.services.errors import ConflictError
from desktop.services.monitoring import move_household
from tests.district import District
from tests.test_applications import run_steps_and_approve
from tests.test_register_variants_s15 import counts, families, import_json, messages, run, table, write_xlsx

KEEP = ("住址", "联系电话", "城乡类别", "单亲家庭", "备注", "健康状况", "残疾类别", "残疾等级", "劳动能力", "在校情况",
        "当前救助类别", "监测库别")
AYGL = idcard.make("420203", date(1978, 1, 1), 22)  # 阿依古丽·买买提, new in H003
ZXH = idcard.make("420203", date(2020, 6, 1), 12)  # 张小花, new in H001


def homes(db: Database) -> dict[str, tuple]:
    with db.session_factory() as s:
        return {h.code: (h.address, h.phone, h.area_type, h.single_parent, h.note, h.category, h.stage, h.head_name,
                         h.member_count) for h in s.scalars(select(Household))}


def people(db: Database) -> dict[str, tuple]:
    with db.session_factory() as s:
        code = {h.id: h.code for h in s.scalars(select(Household))}
        return {m.name: (code[m.household_id], m.relation, m.phone, m.health, m.disability, m.disability_grade,
                         m.labour_capacity, m.schooling, m.note) for m in s.scalars(select(Member))}


def household_id(db: Database, code: str) -> int:
    with db.session_factory() as s:
        return s.scalars(select(Household.id).where(Household.code == code)).one()


@pytest.fixture
def worked_on(db: Database, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Database:
    """The register imported (李秀英 with her own mobile and remark, 陈老汉 视力一级 with a remark), then
    worked on: H001's phone and remark changed in the household editor, an exempt pension line entered
    for it by hand, H003 moved from 二类库 to 一类库 on the board."""
    first = families()
    first[1].update({"联系电话": "13900000001", "备注": "长期卧床"})
    first[6].update({"残疾类别": "视力", "残疾等级": "一级", "备注": "耳背"})
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(first)))
    assert status == 0 and counts(out) == (7, 3, 3, 0, 0, 7)
    h1 = household_id(db, "H001")
    version = hs.get_household(db, district.admin, h1).version
    version = hs.save_household(db, district.admin, h1, version, {"phone": "027-8888 6666", "note": "走访:屋顶漏雨"})
    hs.add_income(db, district.admin, h1, version, {"kind": IncomeKind.RESIDENT_PENSION, "amount": "1800",
                                                    "period_end": date.today(), "exempt": False, "note": "社保局"})
    with unit_of_work(db, district.admin, write=True) as uow:
        household = uow.session.scalars(select(Household).where(Household.code == "H003")).one()
        move_household(uow, household, Stage.CLASS_I, date.today(), "走访发现困难加重")
    assert homes(db) == {
        "H001": ("飞云社区3栋2单元301", "027-88886666", "urban", False, "走访:屋顶漏雨", "none", "class_1", "张建国", 3),
        "H002": ("道仕袱村五组12号", "", "rural", False, "", "dibao", "assisted", "王桂兰", 2),
        "H003": ("八泉社区8栋", "15997101111", "urban", False, "", "none", "class_1", "陈志强", 2)}
    return db


def edited_register(tmp_path: Path) -> Path:
    """The register sent back: H001 now headed by 李秀英 (张建国 her 配偶), both rows blank in KEEP, a
    child added; H002 without 王浩, its category and library blank, 陈老汉 moved in from H003 (其他)
    with his cells blank; H003 with its library blank, its phone typed with spaces and a new spouse
    whose name has a bullet for the separator dot."""
    rows = families()
    zjg, lxy = rows[0], rows[1]
    lxy.update({"与户主关系": "本人", "街道": zjg["街道"], "社区": zjg["社区"], **dict.fromkeys(KEEP, "")})
    zjg.update({"与户主关系": "配偶", "街道": "", "社区": "", **dict.fromkeys(KEEP, "")})
    clh = {**rows[6], **dict.fromkeys(KEEP, ""), "户编号": "H002", "与户主关系": "其他"}
    rows[3].update({"当前救助类别": "", "监测库别": ""})
    rows[5].update({"监测库别": "", "联系电话": "159 9710 1111"})
    again = [lxy, zjg, rows[2], {"户编号": "H001", "与户主关系": "子女", "姓名": "张小花", "身份证号": ZXH},
             rows[3], clh, rows[5],
             {"户编号": "H003", "与户主关系": "配偶", "姓名": "阿依古丽•买买提", "身份证号": AYGL, "联系电话": "139 0000 2222"}]
    return write_xlsx(tmp_path / "台账(回收).xlsx", table(again))


def test_an_edited_register_updates_every_value_as_stated_or_kept(worked_on: Database, district: District,
                                                                   tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = worked_on
    path = edited_register(tmp_path)
    status, dry = import_json(db, capsys, path, "--dry-run")
    assert status == 0 and dry["errors"] == [] and counts(dry) == (8, 3, 0, 3, 0, 8)
    assert (dry["members_removed"], dry["income_lines_kept"], dry["blanks_kept"]) == (1, 1, 3)
    assert dry["removed_members"] == [{"household": "H002", "name": "王浩"}]
    status, text, _err = run(db, capsys, str(path))
    assert status == 0
    assert text.splitlines()[1:5] == [
        "  人员行 8,家庭 3 户:新建 0 户,更新 3 户,因错误未导入 0 户;写入成员 8 人",
        "  已移除不再列出的成员 1 人:王浩(户编号 H002)",
        "  已沿用 1 条家庭档案中手工录入、台账没有对应列的收入(不计入收入的项目、城乡居民基本养老金),其余收入和支出以台账为准",
        "  3 户已在系统中的家庭有未填的单元格(如当前救助类别、监测库别、劳动能力、住址),保持了系统中原有的值;"
        "未填不等于“无”,要清除请填写“无”"]
    # the dry run said exactly what the import did (the batch keeps the import's counts)
    with db.session_factory() as s:
        batch = s.scalars(select(ImportBatch).order_by(ImportBatch.id.desc())).first()
        assert batch is not None and batch.kind == "households" and batch.file_name == "台账(回收).xlsx"
        assert batch.counts == {**{k: v for k, v in dry.items() if k in batch.counts}, "errors": 0}
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "import.households",
                                                   AuditEntry.entity_id == batch.id)).one()
        assert audit.detail == "导入家庭台账《台账(回收).xlsx》" and audit.after["blanks_kept"] == 3
        removal = s.scalars(select(AuditEntry).where(AuditEntry.action == "member.remove")).one()
        assert removal.before["name"] == "王浩" and "中已没有此人,随导入删除" in removal.detail
        # the board's move stands: no library move by the register
        assert [m.to_stage for m in s.scalars(select(LibraryMove).where(
            LibraryMove.household_id == household_id(db, "H003")).order_by(LibraryMove.id))] == ["class_2", "class_1"]
        pension = s.execute(select(Income.amount, Income.note).where(
            Income.kind == IncomeKind.RESIDENT_PENSION, Income.period_end == date.today())).one()
        assert pension == (Decimal("1800.00"), "台账导入时沿用:社保局")
    assert homes(db) == {
        # the editor's phone and remark kept for the household, though its head changed
        "H001": ("飞云社区3栋2单元301", "027-88886666", "urban", False, "走访:屋顶漏雨", "none", "class_1", "李秀英", 4),
        "H002": ("道仕袱村五组12号", "", "rural", False, "", "dibao", "assisted", "王桂兰", 2),
        "H003": ("八泉社区8栋", "15997101111", "urban", False, "", "none", "class_1", "陈志强", 2)}
    assert people(db) == {
        # the new head keeps her own mobile and remark, the old one his as 配偶
        "李秀英": ("H001", "self", "13900000001", "serious", "physical", 2, "none", "none", "长期卧床"),
        "张建国": ("H001", "spouse", "13807141234", "chronic", "none", 0, "partial", "none", ""),
        "张小明": ("H001", "child", "", "healthy", "none", 0, "full", "compulsory", ""),
        "张小花": ("H001", "child", "", "healthy", "none", 0, "full", "none", ""),
        "王桂兰": ("H002", "self", "", "healthy", "none", 0, "none", "none", ""),
        # moved (分户) with blank cells: his own values, not 健康/无/有
        "陈老汉": ("H002", "other", "", "serious", "visual", 1, "none", "none", "耳背"),
        "陈志强": ("H003", "self", "15997101111", "healthy", "none", 0, "full", "none", ""),
        "阿依古丽·买买提": ("H003", "spouse", "13900002222", "healthy", "none", 0, "full", "none", "")}
    status, text, err = run(db, capsys, str(path))
    assert status == 1 and text == "" and "不再重复导入" in err
    # the household opened after the import saves: no false conflict
    h1 = household_id(db, "H001")
    version = hs.get_household(db, district.admin, h1).version
    assert hs.save_household(db, district.admin, h1, version, {"note": "已核对"}) == version + 1


def test_blanks_kept_counts_only_the_households_imported(worked_on: Database, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """H002 (category blank: 低保 kept) is refused for 陈老汉, whom H003 (not in the file) still holds;
    H001's blanks are kept. One household kept its blanks, not two; the error workbook holds H002's
    rows, the reason on 陈老汉's."""
    rows = families()
    rows[0].update({"住址": ""})
    rows[3].update({"当前救助类别": ""})
    path = write_xlsx(tmp_path / "台账2.xlsx", table([*rows[:5], {**rows[6], "户编号": "H002", "与户主关系": "其他"}]))
    for extra in (["--dry-run"], []):
        status, out = import_json(worked_on, capsys, path, *extra, "--errors", str(tmp_path / "错误清单.xlsx"))
        assert status == 0 and counts(out) == (6, 2, 0, 1, 1, 3) and out["blanks_kept"] == 1
        assert messages(out) == {(7, "身份证号"): "此人已登记在户编号“H003”的家庭中;请先在系统中调整其家庭关系"}
        sheet = CalamineWorkbook.from_path(str(tmp_path / "错误清单.xlsx")).get_sheet_by_index(0).to_python()
        assert [(r[2], r[-2], r[-1]) for r in sheet[1:]] == [
            ("王桂兰", 5.0, "同户(户编号“H002”)其他行有错误,整户未导入"),
            ("王浩", 6.0, "同户(户编号“H002”)其他行有错误,整户未导入"),
            ("陈老汉", 7.0, "身份证号:此人已登记在户编号“H003”的家庭中;请先在系统中调整其家庭关系")]
    assert homes(worked_on)["H001"][0] == "飞云社区3栋2单元301"
    assert people(worked_on)["陈老汉"][0] == "H003"


def test_nothing_differing_is_not_counted_as_kept(worked_on: Database, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Blank cells whose values the system holds anyway (H002's 联系电话, 备注, 单亲家庭, 残疾) keep
    nothing that differs: not counted; the other households state what the system holds."""
    rows = families()
    for p in rows:
        if p["户编号"] == "H002":
            p.update({"联系电话": "", "备注": "", "单亲家庭": "", "残疾类别": "", "残疾等级": ""})
    rows[0].update({"当前救助类别": "无", "监测库别": "一类库", "联系电话": "027-88886666", "备注": "走访:屋顶漏雨"})
    rows[1].update({"联系电话": "13900000001", "备注": "长期卧床"})
    rows[5]["监测库别"] = "一类库"
    rows[6].update({"残疾类别": "视力", "残疾等级": "一级", "备注": "耳背"})
    status, out = import_json(worked_on, capsys, write_xlsx(tmp_path / "台账2.xlsx", table(rows)))
    assert status == 0 and out["errors"] == [] and out["blanks_kept"] == 0


def test_an_approved_household_with_its_category_blank_is_updated(db: Database, district: District, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """H001 approved 低保 in 申请审批 after the register (救助中); the register sent back with its
    category and library blank keeps 低保 in 救助中: no error, its figures updated. A household editor
    opened before the import is stale after it (a real conflict); opened after, it saves."""
    assert import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(families())))[0] == 0
    h1 = household_id(db, "H001")
    approved = app_svc.accept(db, district.admin, household_id=h1, category="dibao", track="regular",
                              accepted_on=date(2026, 2, 10))
    run_steps_and_approve(district, approved)
    stale = hs.get_household(db, district.admin, h1).version
    rows = families()
    rows[0].update({"当前救助类别": "", "监测库别": "", "工资性收入": 9000})
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账2.xlsx", table(rows)))
    assert status == 0 and out["errors"] == [] and counts(out) == (7, 3, 0, 3, 0, 7) and out["blanks_kept"] == 1
    assert homes(db)["H001"][5:7] == ("dibao", "assisted")
    with db.session_factory() as s:
        assert s.scalar(select(Income.amount).where(Income.household_id == h1, Income.kind == IncomeKind.WAGES,
                                                    Income.period_end == date.today())) == Decimal("9000.00")
    with pytest.raises(ConflictError):
        hs.save_household(db, district.admin, h1, stale, {"note": "旧窗口"})
    fresh = hs.get_household(db, district.admin, h1).version
    assert fresh == stale + 1
    assert hs.save_household(db, district.admin, h1, fresh, {"note": "新窗口"}) == fresh + 1

