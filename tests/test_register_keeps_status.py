"""A register re-imported with 当前救助类别 or 监测库别 left blank on a head's row keeps what the system
holds for a household it already has: blank took 低保 households out of assistance and households out
of their monitoring library without a word, the library even when the system's own procedure (a board
move, an assessment) had placed it after the last register. 无 written in the cell clears it; a library
stated takes the household out of assistance and a category of assistance out of its library, as when
both are written. The command (text and --json blanks_kept) and the import window say how many kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.models import Household, Member
from desktop.rules import idcard
from desktop.rules.codes import Stage
from desktop.services.base import unit_of_work
from desktop.services.database import Database
from desktop.services.monitoring import move_household
from tests.district import District
from tests.test_register_variants_s15 import counts as counts_of
from tests.test_register_variants_s15 import families, import_json, run, table, write_xlsx

NOTE = "户已在系统中的家庭有未填的单元格(如当前救助类别、监测库别、劳动能力、住址),保持了系统中原有的值;未填不等于“无”,要清除请填写“无”"


def places(db: Database) -> dict[str, tuple[str, str | None]]:
    with db.session_factory() as s:
        return {code: (category, stage) for code, category, stage
                in s.execute(select(Household.code, Household.category, Household.stage))}


def second(tmp_path: Path, changes: dict[str, dict[str, Any]]) -> Path:
    """The three households again, H001's wages raised, each head's row changed as ``changes`` say."""
    people = families()
    people[0]["工资性收入"] = 20000
    for p in people:
        if p["与户主关系"] == "本人":
            p.update(changes.get(p["户编号"], {}))
    return write_xlsx(tmp_path / "台账2.xlsx", table(people))


@pytest.fixture
def imported(db: Database, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Database:
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(families())))
    assert status == 0 and counts_of(out) == (7, 3, 3, 0, 0, 7)
    assert places(db) == {"H001": ("none", "class_1"), "H002": ("dibao", "assisted"), "H003": ("none", "class_2")}
    return db


def test_blank_status_cells_keep_the_systems_values(imported: Database, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    blank = {"当前救助类别": "", "监测库别": ""}
    path = second(tmp_path, {"H001": blank, "H002": blank, "H003": {"当前救助类别": "—", "监测库别": "/"}})
    status, out = import_json(imported, capsys, path)
    assert status == 0 and out["errors"] == [] and counts_of(out) == (7, 3, 0, 3, 0, 7)
    # H001 keeps 一类库 (its category was 无 anyway), H002 低保, H003 二类库 (a dash says nothing either)
    assert out["blanks_kept"] == 3
    assert places(imported) == {"H001": ("none", "class_1"), "H002": ("dibao", "assisted"), "H003": ("none", "class_2")}


def test_the_command_and_a_dry_run_say_so(imported: Database, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = second(tmp_path, {"H002": {"当前救助类别": ""}})
    status, out, _err = run(imported, capsys, str(path), "--dry-run")
    assert status == 0 and "  1 户已在系统中的家庭有未填的单元格(如当前救助类别、监测库别、劳动能力、住址),将保持系统中原有的值;" in out
    status, out, _err = run(imported, capsys, str(path))
    assert status == 0 and f"  1 {NOTE}" in out
    assert places(imported)["H002"] == ("dibao", "assisted")


def test_none_written_clears(imported: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = second(tmp_path, {"H001": {"监测库别": "无"}, "H002": {"当前救助类别": "无"}, "H003": {"监测库别": "无"}})
    status, out, _err = run(imported, capsys, str(path))
    assert status == 0 and "保持" not in out
    assert places(imported) == {"H001": ("none", None), "H002": ("none", None), "H003": ("none", None)}


def test_what_is_stated_wins_over_what_is_kept(imported: Database, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """H001 (一类库) now 低保 with its library blank: in assistance, not kept in 一类库. H002 (低保) now
    in 一类库 with its category blank: out of assistance, its 低保 not kept. H003 (二类库) now
    低保边缘 with its library blank: 低保边缘 is no assistance, so it stays in 二类库."""
    path = second(tmp_path, {"H001": {"当前救助类别": "低保", "监测库别": ""},
                             "H002": {"当前救助类别": "", "监测库别": "一类库"},
                             "H003": {"当前救助类别": "低保边缘", "监测库别": ""}})
    status, out = import_json(imported, capsys, path)
    assert status == 0 and out["errors"] == [] and out["blanks_kept"] == 1
    assert places(imported) == {"H001": ("dibao", "assisted"), "H002": ("none", "class_1"),
                                "H003": ("marginal", "class_2")}


def test_a_household_the_board_moved_stays_where_the_system_put_it(imported: Database, district: District,
                                                                   tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """After the register, H003 is moved from 二类库 to 一类库 on the board; the office sends its register
    again with 监测库别 blank (as most heads' rows are): H003 stays in 一类库, the move is not undone."""
    with unit_of_work(imported, district.admin, write=True) as uow:
        household = uow.session.scalars(select(Household).where(Household.code == "H003")).one()
        move_household(uow, household, Stage.CLASS_I, date.today(), "走访发现困难加重")
    path = second(tmp_path, {"H001": {"监测库别": ""}, "H003": {"监测库别": ""}})
    status, out = import_json(imported, capsys, path)
    assert status == 0 and out["blanks_kept"] == 2
    assert places(imported) == {"H001": ("none", "class_1"), "H002": ("dibao", "assisted"), "H003": ("none", "class_1")}


def test_a_new_household_with_blank_cells_is_in_no_library(imported: Database, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Blank on a household the system does not have yet is 无, as before: nothing to keep."""
    people = families()
    head = {**people[5], "户编号": "H004", "姓名": "刘新", "身份证号": idcard.make("420203", date(1970, 3, 4), 21),
            "当前救助类别": "", "监测库别": ""}
    status, out = import_json(imported, capsys, write_xlsx(tmp_path / "新户.xlsx", table([*people, head])))
    assert status == 0 and out["errors"] == [] and counts_of(out) == (8, 4, 1, 3, 0, 8) and out["blanks_kept"] == 0
    assert places(imported)["H004"] == ("none", None)


def people(db: Database) -> dict[str, tuple]:
    with db.session_factory() as s:
        return {r.name: (r.health, r.disability, r.disability_grade, r.labour_capacity, r.schooling, r.phone, r.note)
                for r in s.execute(select(Member.name, Member.health, Member.disability, Member.disability_grade,
                                          Member.labour_capacity, Member.schooling, Member.phone, Member.note))}


def homes(db: Database) -> dict[str, tuple]:
    with db.session_factory() as s:
        return {r.code: (r.address, r.phone, r.area_type, r.single_parent, r.note)
                for r in s.execute(select(Household.code, Household.address, Household.phone, Household.area_type,
                                          Household.single_parent, Household.note))}


def test_blank_person_and_household_cells_keep_the_systems_values(db: Database, district: District, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A register sent back with only the incomes filled in: 劳动能力 blank was read as 有, 健康状况 as
    健康, 残疾 as 无, the address and phone wiped. Each is kept; what is written is taken."""
    first = families()
    first[0].update({"城乡类别": "农村", "单亲家庭": "是", "备注": "独居老人"})  # H001 in 飞云社区, a city community
    first[1].update({"联系电话": "13900000001", "备注": "长期卧床"})
    assert import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(first)))[0] == 0
    before_people, before_homes = people(db), homes(db)
    assert before_people["李秀英"] == ("serious", "physical", 2, "none", "none", "13900000001", "长期卧床")
    assert before_homes["H001"] == ("飞云社区3栋2单元301", "13807141234", "rural", True, "独居老人")
    keep = ("住址", "联系电话", "城乡类别", "单亲家庭", "备注", "健康状况", "残疾类别", "残疾等级", "劳动能力", "在校情况")
    again = families()
    for p in again:
        p.update(dict.fromkeys(keep, ""))
        if p["姓名"] == "王浩":
            p["在校情况"] = "高中"  # written: taken
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账2.xlsx", table(again)))
    assert status == 0 and out["errors"] == [] and counts_of(out) == (7, 3, 0, 3, 0, 7)
    assert out["blanks_kept"] == 3  # H003 too: its 住址 and 联系电话
    after_people = people(db)
    assert after_people == {**before_people, "王浩": (*before_people["王浩"][:4], "high_school", *before_people["王浩"][5:])}
    assert homes(db) == before_homes


def test_a_disability_is_kept_only_with_both_its_cells_blank(imported: Database, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    again = families()
    again[1].update({"残疾类别": "无", "残疾等级": ""})  # 李秀英: 无 written, the grade blank
    status, out = import_json(imported, capsys, write_xlsx(tmp_path / "台账2.xlsx", table(again)))
    assert status == 0 and out["errors"] == []
    assert people(imported)["李秀英"][1:3] == ("none", 0)


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_the_import_window_says_so(qtbot: Any, imported: Database, district: District, tmp_path: Path) -> None:
    from desktop.views.context import AppContext
    from desktop.views.operations import wait_for_background
    from desktop.views.register_import import RegisterImportDialog

    dialog = RegisterImportDialog(AppContext(imported, district.admin))
    qtbot.addWidget(dialog)
    dialog.path.setText(str(second(tmp_path, {"H001": {"监测库别": ""}})))
    dialog.run(dry_run=True)
    assert wait_for_background()
    assert dialog.result is not None and dialog.result.blanks_kept == 1
    assert "1 户已在系统中的家庭有未填的单元格(如当前救助类别、监测库别、劳动能力、住址),将保持系统中原有的值;" \
        in dialog.summary.text()


def test_the_template_says_so(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from desktop.io.register_template import write_template

    write_template(tmp_path / "模板.xlsx")
    notes = {row[0]: row[1] for row in load_workbook(tmp_path / "模板.xlsx")["填写说明"].iter_rows(values_only=True)}
    assert notes["再次导入(更新)"] == (
        "已在系统中的家庭和人员:住址、联系电话、城乡类别、单亲家庭、健康状况、残疾类别、残疾等级、劳动能力、在校情况、"
        "当前救助类别、监测库别、备注留空则保持系统中原有的值(未填不等于“无”,要清除请填写“无”);收入和支出以本次台账为准,留空按 0 计")


def test_a_disability_written_again_keeps_its_grade(imported: Database, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """李秀英 肢体 二级: sent back with 肢体 and the grade blank, she keeps 二级 (it was stored as 0); with
    another kind written, the blank grade is not hers to keep."""
    again = families()
    again[1].update({"残疾类别": "肢体", "残疾等级": ""})
    status, out = import_json(imported, capsys, write_xlsx(tmp_path / "台账2.xlsx", table(again)))
    assert status == 0 and out["errors"] == [] and out["blanks_kept"] == 1
    assert people(imported)["李秀英"][1:3] == ("physical", 2)
    again[1].update({"残疾类别": "视力", "残疾等级": ""})
    status, out = import_json(imported, capsys, write_xlsx(tmp_path / "台账3.xlsx", table(again)))
    assert status == 0 and out["errors"] == []
    assert people(imported)["李秀英"][1:3] == ("visual", 0)
