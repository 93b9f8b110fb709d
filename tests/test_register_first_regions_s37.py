"""Session 37: the first register made 八泉街, 西塞山区八泉街道 and 八泉街道飞云社区 places of their own beside 八泉街道
and 飞云社区; each place is made once, named with its level word, and every household finds it."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.rules import idcard
from desktop.services import auth
from desktop.services import register_import as ri
from desktop.services.base import Actor
from desktop.services.database import Database
from tests.test_import_register import row, write_register
from tests.test_register_first_regions import regions


def test_a_place_written_with_what_is_above_it_is_made_once(db: Database, tmp_path: Path) -> None:
    auth.ensure_district(db)
    people = [("F001", "八泉街", "飞云社区"), ("F002", "西塞山区八泉街道", "飞云社区"),
              ("F003", "八泉街道", "八泉街道飞云社区"), ("F004", "湖北省黄石市西塞山区八泉街道", "上窑社区"),
              ("F005", "八泉街道", "八泉社区"), ("F006", "河口镇", "河口镇道仕袱村")]
    path = write_register(tmp_path / "台账.xlsx", [
        row(户编号=code, 与户主关系="本人", 姓名=f"户主{i}", 身份证号=idcard.make("420203", date(1960, 1, 1 + i), 31 + i * 2),
            街道=sub, 社区=community) for i, (code, sub, community) in enumerate(people)])
    result = ri.import_households(db, Actor.system("test"), path)
    assert [e.message for e in result.errors] == []
    assert (result.households_created, result.subdistricts_created, result.communities_created) == (6, 2, 4)
    assert {name: parent for name, (_level, _area, parent) in regions(db).items()} == {
        "八泉街道": "西塞山区", "河口镇": "西塞山区", "飞云社区": "八泉街道", "上窑社区": "八泉街道", "八泉社区": "八泉街道",
        "道仕袱村": "河口镇"}


def test_the_province_and_city_written_without_their_level_word_are_the_districts(db: Database, tmp_path: Path) -> None:
    """Session 38: the first register read 湖北黄石西塞山区八泉街道 as a sub-district of that name, while
    department lists read it as 八泉街道 (both now read what is written above a place the same way)."""
    auth.ensure_district(db)
    people = [("G001", "湖北黄石西塞山区八泉街道", "飞云社区"), ("G002", "黄石西塞山区八泉街道", "上窑社区"), ("G003", "八泉街道", "八泉街道道仕袱村")]
    path = write_register(tmp_path / "台账.xlsx", [
        row(户编号=code, 与户主关系="本人", 姓名=f"户主{i}", 身份证号=idcard.make("420203", date(1961, 1, 1 + i), 31 + i * 2),
            街道=sub, 社区=community) for i, (code, sub, community) in enumerate(people)])
    result = ri.import_households(db, Actor.system("test"), path)
    assert [e.message for e in result.errors] == []
    assert {name: parent for name, (_level, _area, parent) in regions(db).items()} == {
        "八泉街道": "西塞山区", "飞云社区": "八泉街道", "上窑社区": "八泉街道", "道仕袱村": "八泉街道"}
