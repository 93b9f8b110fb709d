"""A household register imported into a new database (the district alone, no 街道 or 社区 yet) brings
the sub-districts and communities its head rows name: every household was refused with "系统中还没有
任何街道/乡镇", so an office's first import (or a script's, on a fresh database) imported nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.models import Household, Region
from desktop.rules import codes, idcard
from desktop.rules.codes import RegionLevel
from desktop.services import auth
from desktop.services import register_import as ri
from desktop.services.base import Actor
from desktop.services.database import Database
from tests.test_cli_database import run
from tests.test_import_register import H1, H2, row, small_register, write_register


def regions(db: Database) -> dict[str, tuple[str, str, str | None]]:
    """name → (level, area, parent's name) of every region below the district."""
    with db.session_factory() as s:
        names = dict(s.execute(select(Region.id, Region.name)).all())
        return {r.name: (r.level, r.area_type, names.get(r.parent_id)) for r in s.scalars(select(Region))
                if r.level != RegionLevel.DISTRICT}


def households(db: Database) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(Household)) or 0


def test_the_first_register_brings_its_regions(db: Database, tmp_path: Path) -> None:
    auth.ensure_district(db)
    path = small_register(tmp_path / "台账.xlsx")
    dry = ri.import_households(db, Actor.system("test"), path, dry_run=True)
    assert (dry.households_created, dry.subdistricts_created, dry.communities_created) == (2, 2, 2)
    assert "将按台账户主行所填新建街道/乡镇 2 个、社区/村 2 个" in ri.regions_note(dry)
    assert regions(db) == {} and households(db) == 0  # a dry run writes nothing
    result = ri.import_households(db, Actor.system("test"), path)
    assert (result.households_created, result.persons, result.households_rejected) == (2, 4, 0)
    assert result.counts()["subdistricts_created"] == 2 and result.counts()["communities_created"] == 2
    assert regions(db) == {"八泉街道": (RegionLevel.SUBDISTRICT, codes.AreaType.URBAN, "西塞山区"),
                           "飞云社区": (RegionLevel.COMMUNITY, codes.AreaType.URBAN, "八泉街道"),
                           "河口镇": (RegionLevel.SUBDISTRICT, codes.AreaType.RURAL, "西塞山区"),
                           "道仕袱村": (RegionLevel.COMMUNITY, codes.AreaType.RURAL, "河口镇")}
    # a second register is checked against them, as ever
    other = write_register(tmp_path / "二.xlsx", [row(户编号="G001", 与户主关系="本人", 姓名="周五", 身份证号=idcard.make(
        "420203", date(1960, 1, 1), 71), 街道="澄月街道", 社区="磁湖社区", 城乡类别="城市")])
    again = ri.import_households(db, Actor.system("test"), other, dry_run=True)
    assert again.subdistricts_created == 0 and [e.message for e in again.errors] == ["系统中没有名为“澄月街道”的街道/乡镇" + ri.NEW_PLACE]


def test_one_place_however_it_is_written(db: Database, tmp_path: Path) -> None:
    """八泉街道 and 八泉, 飞云社区 and 飞云社区居委会: one sub-district, one community."""
    auth.ensure_district(db)
    path = write_register(tmp_path / "台账.xlsx", [
        row(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="F002", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="八泉", 社区="飞云社区居委会"),
        row(户编号="F003", 与户主关系="本人", 姓名="李四", 身份证号=THIRD, 街道="八泉街道办事处", 社区="上窑社区"),
    ])
    result = ri.import_households(db, Actor.system("test"), path)
    assert (result.households_created, result.subdistricts_created, result.communities_created) == (3, 1, 2)
    assert set(regions(db)) == {"八泉街道", "飞云社区", "上窑社区"}


def test_a_register_with_nothing_to_import_brings_no_regions(db: Database, tmp_path: Path) -> None:
    auth.ensure_district(db)
    path = write_register(tmp_path / "台账.xlsx", [
        row(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1[:17] + ("0" if H1[17] != "0" else "1"),
            街道="八泉街道", 社区="飞云社区")])
    result = ri.import_households(db, Actor.system("test"), path)
    assert result.batch_id is None and result.households_rejected == 1
    assert (result.subdistricts_created, result.communities_created) == (0, 0)
    assert regions(db) == {}


THIRD = idcard.make("420203", date(1980, 5, 5), 81)
BAD_H2 = H2[:17] + ("0" if H2[17] != "0" else "1")


def test_a_household_with_two_heads_brings_no_region(db: Database, tmp_path: Path) -> None:
    """Which of two heads' places is the household's? Neither is made."""
    auth.ensure_district(db)
    path = write_register(tmp_path / "台账.xlsx", [
        row(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="F002", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="河口镇", 社区="道仕袱村"),
        row(户编号="F002", 与户主关系="本人", 姓名="李四", 身份证号=THIRD, 街道="河口镇", 社区="章山村")])
    result = ri.import_households(db, Actor.system("test"), path)
    assert (result.households_created, result.households_rejected) == (1, 1)
    assert set(regions(db)) == {"八泉街道", "飞云社区"}


def test_a_household_refused_for_another_column_brings_its_place(db: Database, tmp_path: Path) -> None:
    """A household refused for a bad ID number (or 健康状况) still names its place on its head row: the
    place is made, so its rows corrected in the error list import. Before, only the places of the
    households imported were made, and the corrected list was refused with 系统中没有名为“河口镇”的街道/乡镇
    (the first register alone makes regions)."""
    auth.ensure_district(db)
    path = write_register(tmp_path / "台账.xlsx", [
        row(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="F002", 与户主关系="本人", 姓名="孙三", 身份证号=BAD_H2, 街道="河口镇", 社区="道仕袱村"),
        row(户编号="F003", 与户主关系="本人", 姓名="李四", 身份证号=THIRD, 街道="澄月街道", 社区="磁湖社区",
            健康状况="很好")])
    result = ri.import_households(db, Actor.system("test"), path)
    assert (result.households_created, result.households_rejected) == (1, 2)
    assert (result.subdistricts_created, result.communities_created) == (3, 3)
    assert set(regions(db)) == {"八泉街道", "飞云社区", "河口镇", "道仕袱村", "澄月街道", "磁湖社区"}
    errors = ri.write_error_workbook(path, result, tmp_path / "错误清单.xlsx")
    assert errors == 2
    fixed = write_register(tmp_path / "改好的.xlsx", [
        row(户编号="F002", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="河口镇", 社区="道仕袱村"),
        row(户编号="F003", 与户主关系="本人", 姓名="李四", 身份证号=THIRD, 街道="澄月街道", 社区="磁湖社区",
            健康状况="健康")])
    again = ri.import_households(db, Actor.system("test"), fixed)
    assert (again.households_created, again.households_rejected, again.subdistricts_created) == (2, 0, 0)


def test_a_place_in_error_is_not_made(db: Database, tmp_path: Path) -> None:
    auth.ensure_district(db)
    path = write_register(tmp_path / "台账.xlsx", [
        row(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="F002", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="河口镇", 社区="道仕" + "袱" * 80 + "村")])
    result = ri.import_households(db, Actor.system("test"), path)
    assert (result.households_created, result.households_rejected) == (1, 1)
    assert set(regions(db)) == {"八泉街道", "飞云社区"}


@pytest.mark.parametrize("spelling", [("河口 镇", "道仕袱 村"), ("河口\u3000镇", "道仕袱\u00a0村"), ("河口鎮", " 道仕袱村 ")])
def test_a_place_written_with_spaces_is_made_once_as_the_import_reads_it(
        db: Database, tmp_path: Path, spelling: tuple[str, str]) -> None:
    """河口 镇 (a space, a full-width space, or 鎮 typed in traditional characters) made a region named so,
    beside 河口镇, and then its household was refused: 系统中没有名为“河口 镇”的街道/乡镇 (the import
    reads names without their spaces)."""
    auth.ensure_district(db)
    sub, community = spelling
    path = write_register(tmp_path / "台账.xlsx", [
        row(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="河口镇", 社区="道仕袱村"),
        row(户编号="F002", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道=sub, 社区=community)])
    result = ri.import_households(db, Actor.system("test"), path)
    assert [str(e) for e in result.errors] == []
    assert (result.households_created, result.subdistricts_created, result.communities_created) == (2, 1, 1)
    assert set(regions(db)) == {"河口镇", "道仕袱村"}


def test_only_an_administrator_brings_them(db: Database, tmp_path: Path) -> None:
    """A district reviewer's register on a new database still says the regions come first."""
    root = auth.ensure_district(db)
    reviewer = Actor(None, "reviewer", "审核员", codes.Role.DISTRICT_REVIEWER, root, "", "全区", "")
    result = ri.import_households(db, reviewer, small_register(tmp_path / "台账.xlsx"), dry_run=True)
    assert result.households_created == 0 and {e.message for e in result.errors} == {ri.NO_REGIONS_YET}
    assert regions(db) == {}


def test_the_command_on_a_new_database_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An office's (or a script's) first command: the database made, the district, its regions, the households."""
    url = f"sqlite:///{tmp_path / '新' / 'relief.sqlite3'}"
    path = small_register(tmp_path / "台账.xlsx")
    code, out, err = run(["import", "households", str(path), "--database-url", url], capsys)
    assert code == 0, err
    assert "新建 2 户" in out and "已按台账户主行所填新建街道/乡镇 2 个、社区/村 2 个" in out
    code, out, _err = run(["region", "list", "--database-url", url], capsys)
    assert code == 0 and "飞云社区" in out and "道仕袱村" in out


def test_the_batch_list_says_what_was_imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`import batches` said “家庭 2 户,成员 1 人” of a register whose second household was left out for
    errors: the households counted were those in the file, not those imported."""
    url = f"sqlite:///{tmp_path / 'relief.sqlite3'}"
    path = write_register(tmp_path / "台账.xlsx", [
        row(户编号="F001", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="F002", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="八泉街道", 社区="飞云社区", 城乡类别="郊区")])
    code, out, err = run(["import", "households", str(path), "--database-url", url], capsys)
    assert code == 0 and "新建 1 户" in out and "因错误未导入 1 户" in out, err
    code, out, err = run(["import", "batches", "--database-url", url], capsys)
    assert code == 0, err
    assert "家庭 2 户:新建 1,更新 0,因错误未导入 1;写入成员 1 人" in out


def test_the_window_says_so_and_the_open_pages_show_the_new_regions(db: Database, tmp_path: Path, qtbot: Any,
                                                                    monkeypatch: pytest.MonkeyPatch, chinese: None) -> None:
    """The register window on a new database: the dry run says which 街道/社区 it would create, the import
    that it created them; and the pages open beside it (区划管理, the households' tree, the filters)
    were not told: they showed no 街道 until the program was started again."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.views.context import AppContext
    from desktop.views.operations import wait_for_background
    from desktop.views.regions import RegionsTab
    from desktop.views.register_import import RegisterImportDialog

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes))
    ctx = AppContext(db, auth.create_first_admin(db, username="admin", password="Admin-1234x"))
    tab = RegionsTab(ctx)
    qtbot.addWidget(tab)
    assert {r.name for r in tab.rows.values()} == {"西塞山区"}
    dialog = RegisterImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(small_register(tmp_path / "台账.xlsx")))
    dialog.run(dry_run=True)
    assert wait_for_background()
    assert "系统中原先没有街道/社区:将按台账户主行所填新建街道/乡镇 2 个、社区/村 2 个" in dialog.summary.text()
    assert regions(db) == {} and {r.name for r in tab.rows.values()} == {"西塞山区"}
    dialog.run(dry_run=False)
    assert wait_for_background()
    assert "系统中原先没有街道/社区:已按台账户主行所填新建街道/乡镇 2 个、社区/村 2 个" in dialog.summary.text()
    assert {r.name for r in tab.rows.values()} == {"西塞山区", *regions(db)} and "飞云社区" in regions(db)
