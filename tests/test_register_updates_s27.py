"""A community office's register over a year (acceptance round 27): the same register sent again
each month with real changes (an income, a baby, a member gone, a head changed, a household moved,
a category and a library changed, households merged), on both databases.

Found broken: a register re-sent with one cell changed took every household and every member of it
to a new version (and rewrote every household's income and expense lines): someone editing another
household in the window at that moment got a conflict, and the history showed changes that were
none; a row copied twice (a baby's row copied from the mother's and not yet filled in) said only
"与第 N 行的身份证号重复"; 单亲家庭 = 是 with the head's spouse listed, and 特困 with a working-age
member able to work, were imported without a word (now imported as written and said, "请核对")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.models import AuditEntry, Expense, Household, ImportBatch, Income, LibraryMove, Member
from desktop.rules import idcard
from desktop.services import households as hs
from desktop.services.database import Database
from tests import test_register_variants_s15 as s15
from tests.district import District
from tests.test_register_variants_s15 import counts, families, import_json, messages, run, table

BABY = idcard.make("420203", date(2026, 5, 1), 15)  # 张宝宝, born into H001
SON = idcard.make("420203", date(1998, 4, 4), 33)  # 陈小军, H003's working-age son


def versions(db: Database) -> tuple[dict[str, int], dict[str, int]]:
    with db.session_factory() as s:
        return ({h.code: h.version for h in s.scalars(select(Household))},
                {m.name: m.version for m in s.scalars(select(Member))})


def lines(db: Database, code: str) -> tuple[list[tuple], list[tuple]]:
    """The household's income and expense lines: (id, member name, kind, amount)."""
    with db.session_factory() as s:
        hid = s.scalars(select(Household.id).where(Household.code == code)).one()
        names = {m.id: m.name for m in s.scalars(select(Member))}
        return ([(i.id, names.get(i.member_id), i.kind, i.amount)
                 for i in s.scalars(select(Income).where(Income.household_id == hid).order_by(Income.id))],
                [(e.id, names.get(e.member_id), e.kind, e.amount)
                 for e in s.scalars(select(Expense).where(Expense.household_id == hid).order_by(Expense.id))])


def audit_actions(db: Database) -> list[str]:
    with db.session_factory() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def month(db: Database, capsys: pytest.CaptureFixture[str], path: Path, rows: list[dict[str, Any]]) -> dict[str, Any]:
    status, out = import_json(db, capsys, s15.write_xlsx(path, table(rows)))
    assert status == 0, out
    return out


@pytest.fixture
def january(db: Database, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Database:
    out = month(db, capsys, tmp_path / "一月.xlsx", families())
    assert counts(out) == (7, 3, 3, 0, 0, 7) and out["errors"] == [] and out["to_check"] == []
    assert versions(db) == ({"H001": 1, "H002": 1, "H003": 1}, dict.fromkeys(
        ["张建国", "李秀英", "张小明", "王桂兰", "王浩", "陈志强", "陈老汉"], 1))
    return db


def test_a_register_resent_with_one_income_changed_writes_only_that_household(
        january: Database, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = january
    before = {code: lines(db, code) for code in ("H001", "H002", "H003")}
    audits = len(audit_actions(db))
    rows = families()
    rows[0]["工资性收入"] = 19000  # 张建国's wages
    out = month(db, capsys, tmp_path / "二月.xlsx", rows)
    # every household of the file is still counted as updated, every person as written (as a dry run says)
    assert counts(out) == (7, 3, 0, 3, 0, 7) and out["errors"] == []
    hh, people = versions(db)
    assert hh == {"H001": 2, "H002": 1, "H003": 1}
    assert set(people.values()) == {1}  # no one's own values changed
    assert lines(db, "H002") == before["H002"] and lines(db, "H003") == before["H003"]  # not rewritten
    incomes, expenses = lines(db, "H001")
    assert sorted((n, k, a) for _i, n, k, a in incomes) == [("张建国", "transfer", Decimal("1200.00")),
                                                          ("张建国", "wages", Decimal("19000.00"))]
    assert sorted(a for *_x, a in expenses) == [Decimal("2500.00"), Decimal("6000.00"), Decimal("24000.00")]
    assert audit_actions(db)[audits:] == ["import.households"]  # the batch, nothing else
    # the household editor opened on H002 before the import saves without a conflict
    with db.session_factory() as s:
        h2 = s.scalars(select(Household.id).where(Household.code == "H002")).one()
    hs.save_household(db, district.admin, h2, 1, {"note": "二月走访"})

    # the same file again is refused; the same register as a new file with nothing changed changes nothing
    status, text, err = run(db, capsys, str(tmp_path / "二月.xlsx"))
    assert status == 1 and "不再重复导入" in err and text == ""
    rows[6]["备注"] = "三月复核"  # one cell in H003: only H003 and 陈老汉
    month(db, capsys, tmp_path / "三月.xlsx", rows)
    hh, people = versions(db)
    assert hh == {"H001": 2, "H002": 2, "H003": 2} and people["陈老汉"] == 2 and people["陈志强"] == 1
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == 3



def test_a_baby_born_and_a_grandson_moved_out(january: Database, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The baby's row added with an ID: a member of H001 (sex and birth date from the ID). 王浩's row
    gone (moved out): he leaves H002, the command names him, and the audit log keeps him and his
    lines (member.remove, expense.remove with what they held). H003, untouched, stays as it was."""
    db = january
    rows = families()
    rows.insert(3, {"户编号": "H001", "与户主关系": "子女", "姓名": "张宝宝", "身份证号": BABY})
    del rows[5]  # 王浩
    status, text, _err = run(db, capsys, str(s15.write_xlsx(tmp_path / "五月.xlsx", table(rows))))
    assert status == 0
    assert text.splitlines()[1:3] == ["  人员行 7,家庭 3 户:新建 0 户,更新 3 户,因错误未导入 0 户;写入成员 7 人",
                                      "  已移除不再列出的成员 1 人:王浩(户编号 H002)"]
    with db.session_factory() as s:
        baby = s.scalars(select(Member).where(Member.name == "张宝宝")).one()
        assert (baby.sex, baby.birth_date, baby.relation) == ("男", date(2026, 5, 1), "child")
        counts_ = dict(s.execute(select(Household.code, Household.member_count)).all())
        assert counts_ == {"H001": 4, "H002": 1, "H003": 2}
        assert s.scalars(select(Member).where(Member.name == "王浩")).all() == []
        gone = s.execute(select(AuditEntry.action, AuditEntry.before, AuditEntry.detail)
                         .where(AuditEntry.action.in_(["member.remove", "expense.remove"]))
                         .order_by(AuditEntry.id)).all()
    assert [(a, (b or {}).get("name", (b or {}).get("amount"))) for a, b, _d in gone] == \
        [("expense.remove", "1200.00"), ("member.remove", "王浩")]
    assert all("五月.xlsx" in d and "随导入删除" in d for *_x, d in gone)
    hh, people = versions(db)
    assert hh == {"H001": 2, "H002": 2, "H003": 1} and people["张宝宝"] == 1 and people["陈老汉"] == 1


def test_households_moving_community_and_changing_category_and_library(
        january: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Month by month: H003 moves to 飞云社区 and from 二类库 to 一类库; H002 leaves 低保 (无, library
    blank) and comes back; H003 then leaves the libraries (无). Each change a move on the board."""
    db = january
    rows = families()
    rows[5].update({"社区": "飞云社区", "监测库别": "一类库"})
    rows[3]["当前救助类别"] = "无"
    month(db, capsys, tmp_path / "六月.xlsx", rows)
    rows[3]["当前救助类别"] = "低保"
    rows[5]["监测库别"] = "无"
    month(db, capsys, tmp_path / "七月.xlsx", rows)
    with db.session_factory() as s:
        ids = {h.code: h.id for h in s.scalars(select(Household))}
        where = {h.code: (s.get(type(h), h.id).region_id, h.category, h.stage) for h in s.scalars(select(Household))}
        moves = s.execute(select(LibraryMove.household_id, LibraryMove.from_stage, LibraryMove.to_stage)
                          .order_by(LibraryMove.id)).all()
    code = {v: k for k, v in ids.items()}
    assert [(code[h], f, t) for h, f, t in moves] == [
        ("H001", None, "class_1"), ("H002", None, "assisted"), ("H003", None, "class_2"),  # January
        ("H002", "assisted", None), ("H003", "class_2", "class_1"),  # June
        ("H002", None, "assisted"), ("H003", "class_1", None)]  # July
    assert where["H002"][1:] == ("dibao", "assisted") and where["H003"][1:] == ("none", None)
    assert versions(db)[0] == {"H001": 1, "H002": 3, "H003": 3}


def test_households_merged_while_one_is_left_out_of_the_file(january: Database, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """陈志强 and 陈老汉 listed under H001 (合户) with H003 no longer in the file: H003 would be left
    with no one; H001 is refused, each row saying where the person is now registered."""
    db = january
    rows = families()[:5]
    rows += [{"户编号": "H001", "与户主关系": "兄弟姐妹", "姓名": "陈志强", "身份证号": families()[5]["身份证号"]},
             {"户编号": "H001", "与户主关系": "其他", "姓名": "陈老汉", "身份证号": families()[6]["身份证号"]}]
    out = month(db, capsys, tmp_path / "八月.xlsx", rows)
    assert messages(out) == {(7, "身份证号"): "此人已登记在户编号“H003”的家庭中;请先在系统中调整其家庭关系",
                             (8, "身份证号"): "此人已登记在户编号“H003”的家庭中;请先在系统中调整其家庭关系"}
    assert (out["households_updated"], out["households_rejected"]) == (1, 1)
    assert versions(db)[0] == {"H001": 1, "H002": 1, "H003": 1}


def test_a_row_copied_twice_says_so(db: Database, district: District, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The mother's row copied for the baby and not yet filled in: every cell the same, so the
    household is refused (which person the copy was meant for only the register can say), with a
    message that says so. A second row with the same ID and another name keeps the old message."""
    rows = families()
    rows.insert(2, dict(rows[1]))  # 李秀英 twice
    rows[5] = {**families()[4], "姓名": "王浩浩"}  # H002: the grandson's ID under another name, then his row
    rows.insert(6, families()[4])
    out = month(db, capsys, tmp_path / "台账.xlsx", rows)
    assert messages(out) == {
        (4, "身份证号"): "与第 3 行完全相同,同一人填了两行;请删除其中一行(如是照该行新添的成员,请改填此人的信息)后再导入",
        (8, "身份证号"): "与第 7 行的身份证号重复"}
    assert (out["households_created"], out["households_rejected"]) == (1, 2)


def test_contradictions_are_imported_as_written_and_said(db: Database, district: District, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """单亲家庭 是 with the head's spouse listed (some places count a family whose other parent is in
    prison or missing as 单亲), 特困 with a working-age son able to work: imported as written, each
    said with its row and column in the dry run, the import, the JSON and the window."""
    db = district.db
    rows = families()
    rows[0]["单亲家庭"] = "是"
    rows[5]["当前救助类别"] = "特困"
    rows[5]["监测库别"] = ""
    rows.append({"户编号": "H003", "与户主关系": "子女", "姓名": "陈小军", "身份证号": SON, "劳动能力": "有"})
    rows.append({"户编号": "H003", "与户主关系": "孙子女", "姓名": "陈小小", "身份证号": BABY})  # a baby: no note
    path = s15.write_xlsx(tmp_path / "台账.xlsx", table(rows))
    tekun = "特困人员应无劳动能力、无有赡养能力的法定义务人,将按所填导入,请核对"
    said = {(2, "单亲家庭"): "填的是“是”,但第 3 行是户主的配偶李秀英;将按所填导入,请核对单亲家庭或与户主关系",
            (7, "劳动能力"): f"本户当前救助类别是特困,陈志强({idcard.age_on(s15.CZQ, date.today())} 岁)的劳动能力未填"
                            f"(按“有”计);{tekun}",
            (9, "劳动能力"): f"本户当前救助类别是特困,陈小军({idcard.age_on(SON, date.today())} 岁)的劳动能力是“有”;{tekun}"}
    status, dry = import_json(db, capsys, path, "--dry-run")
    assert status == 0 and dry["errors"] == [] and {(c["row"], c["column"]): c["message"] for c in dry["to_check"]} == said
    status, text, _err = run(db, capsys, str(path))
    assert status == 0 and "  注意:3 处内容前后矛盾,已按所填导入,请核对:" in text.splitlines()
    assert f"    第 2 行“单亲家庭”列:{said[(2, '单亲家庭')].replace('将', '已')}" in text.splitlines()
    with db.session_factory() as s:
        assert dict(s.execute(select(Household.code, Household.single_parent)).all())["H001"] is True
        assert dict(s.execute(select(Household.code, Household.category)).all())["H003"] == "tekun"
    # the spouse added to a single-parent household in the system, 单亲家庭 left blank: kept 是, said so
    again = families()
    again[0]["单亲家庭"] = ""
    status, out = import_json(db, capsys, s15.write_xlsx(tmp_path / "再婚.xlsx", table(again)))
    assert status == 0 and [(c["row"], c["column"], c["message"]) for c in out["to_check"]] == \
        [(2, "单亲家庭", "此格未填,系统中本户是单亲家庭,但第 3 行是户主的配偶李秀英;已按所填导入,请核对单亲家庭或与户主关系")]


def test_amounts_a_year_of_registers_write(january: Database, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Three decimals rounded half-up to the fen; ¥ and thousands separators read; a business loss
    may be negative, a medical expense not (row and column said, that household not imported)."""
    db = january
    rows = families()
    rows[0].update({"工资性收入": "18000.125", "经营净收入": "-300"})
    rows[2]["教育支出"] = "¥2,500.00"
    rows[3]["转移净收入"] = "1,234"
    rows[6]["医疗支出"] = "-500"
    out = month(db, capsys, tmp_path / "九月.xlsx", rows)
    assert messages(out) == {(8, "医疗支出"): "金额不能为负数(-500)"}
    assert (out["households_updated"], out["households_rejected"]) == (2, 1)
    h1 = sorted((n, k, a) for _i, n, k, a in lines(db, "H001")[0])
    assert h1 == [("张建国", "business", Decimal("-300.00")), ("张建国", "transfer", Decimal("1200.00")),
                  ("张建国", "wages", Decimal("18000.13"))]
    assert [a for *_x, a in lines(db, "H001")[1] if _x[1] == "张小明"] == [Decimal("2500.00")]
    assert [a for *_x, a in lines(db, "H002")[0]] == [Decimal("1234.00")]
    assert versions(db)[0] == {"H001": 2, "H002": 2, "H003": 1}


def test_the_import_window_lists_the_contradictions(qtbot: Any, db: Database, district: District,
                                                    tmp_path: Path) -> None:
    from desktop.views.context import AppContext
    from desktop.views.operations import wait_for_background
    from desktop.views.register_import import RegisterImportDialog

    rows = families()
    rows[0]["单亲家庭"] = "是"
    dialog = RegisterImportDialog(AppContext(db, district.admin))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(s15.write_xlsx(tmp_path / "台账.xlsx", table(rows))))
    dialog.run(dry_run=True)
    assert wait_for_background()
    assert dialog.result is not None and len(dialog.result.to_check) == 1
    assert ("1 处内容前后矛盾,将按所填导入,请核对:\n  第 2 行“单亲家庭”列:填的是“是”,但第 3 行是户主的配偶李秀英;"
            "将按所填导入,请核对单亲家庭或与户主关系") in dialog.summary.text()


@pytest.mark.parametrize("title", ["填报单位:飞云社区  每月5日前报送", "填报单位：八泉街道（每月更新）", "单位:元 每月核对一次"])
def test_a_title_naming_who_fills_it_in_each_month_is_no_unit(db: Database, district: District, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str], title: str) -> None:
    """"填报单位:飞云社区 每月5日前报送" says who fills the register in and when, not that its amounts are
    monthly: only the unit a title line names is looked at (it refused the register before)."""
    rows = table(families())
    rows.insert(0, [title] + [""] * (len(rows[0]) - 1))
    status, out = import_json(db, capsys, s15.write_xlsx(tmp_path / "台账.xlsx", rows), "--dry-run")
    assert status == 0 and out["rows"] == 7, out
    rows[0][0] = f"金额单位:元/月  {title}"  # a unit said beside it is still read
    status, out = import_json(db, capsys, s15.write_xlsx(tmp_path / "台账2.xlsx", rows), "--dry-run")
    assert status == 1 and "说明是每月的金额" in out["error"] and f"第 1 行“{rows[0][0]}”" in out["error"]
