"""Household registers, session 38: a member's row stating another 城乡类别 than the household's was
imported without a word (the head's row decides which 低保 standard applies). It is imported as the
head's row says, and said under to_check (a member may hold the other kind of 户口)."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from desktop.models import Household
from desktop.services import register_import as ri
from desktop.services.database import Database
from tests.district import District
from tests.test_import_register import H1, H1_CHILD, H1_SPOUSE, H2, H2_OTHER, row, write_register


def test_a_members_other_area_is_imported_as_the_heads_and_said(db: Database, district: District,
                                                               tmp_path: Path) -> None:
    path = write_register(tmp_path / "a.xlsx", [
        row(户编号="A1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区", 城乡类别="城市"),
        row(户编号="A1", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE, 城乡类别="农村"),
        row(户编号="A1", 与户主关系="子女", 姓名="赵小", 身份证号=H1_CHILD, 城乡类别="城市"),
        row(户编号="A2", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="A2", 与户主关系="子女", 姓名="孙四", 身份证号=H2_OTHER, 城乡类别="农村"),
    ])
    result = ri.import_households(db, district.admin, path)
    assert result.errors == [] and result.households_created == 2
    notes = {(e.row, e.column): e.message for e in result.to_check}
    assert set(notes) == {(3, "城乡类别"), (6, "城乡类别")}
    assert notes[(3, "城乡类别")].startswith("填的是“农村”;本户已按户主行(第 2 行)的“城市”导入。")
    assert "户主行第 5 行未填" in notes[(6, "城乡类别")] and "低保标准" in notes[(6, "城乡类别")]
    with db.session_factory() as s:
        assert set(s.scalars(select(Household.area_type))) == {"urban"}
