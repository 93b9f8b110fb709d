"""Where a department list's people are assigned, round 26 (after test_department_regions.py): the ways
departments write where people live, on a district with 澄月街道 and 章山村 besides the test district.

Defects found, each now as the cases below say:
- an address naming a sub-district by its office (八泉街办, 八泉办事处) placed nobody: only 八泉街道 was read;
- a 12-digit statistical code of a sub-district (420203001000) or a 9-digit one in the 社区 column placed nobody;
- "黄石市大冶市章山村": a county-level city's village was taken for ours (the city before it was read
  as our own city);
- "八泉/飞云", "八泉 飞云", "飞云(八泉)", "河口－章山" in the 社区 column placed nobody;
- a community under another sub-district than the one named beside it (街道 澄月街道, 社区 飞云社区;
  "澄月街道飞云社区" in one cell or the address) was assigned to the community: two places are named and
  neither is guessed now (the 街道 column still wins over a free-text address);
- "八泉街道飞云社区" in the 街道 column (and no 社区 column) placed nobody;
- a department's remembered column mapping dropped columns its earlier list did not have (a 街道 or
  家庭住址 column added since): everyone was left unassigned; a 镇(街道) header was not read.
The others are shapes not tried before that were right already."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models import Clue
from desktop.rules import idcard
from desktop.rules.codes import RegionLevel
from desktop.services import department_import as di
from desktop.services.database import Database
from desktop.services.department_import import RegionResolver
from tests.district import District
from tests.test_department_regions import add_regions, check_dry_run_and_import

# 街道|社区|家庭住址|the region expected ("" for none); after "  #" a remark
TABLE = """
# the office for the sub-district
||八泉街办|八泉街道
||八泉办事处3号|八泉街道
||河口乡道仕袱村5组|道仕袱村
# statistical codes
420203001000|||八泉街道
|420203002000||河口镇
|420203001||八泉街道
420203000000|||  # the district's: no assignment
|420203||
# a county-level city after the city: not ours; nor the district's name before 2001 (石灰窑区)
||湖北省黄石市大冶市章山村|
||黄石市大冶市河口镇章山村|
||黄石市石灰窑区八泉街道飞云社区|
||湖北省黄石市下陆区八泉街道飞云社区|
# sub-district and community in one cell
|八泉/飞云||飞云社区
|八泉 飞云||飞云社区
|河口－章山||章山村
|飞云(八泉)||飞云社区
|章山村（河口镇）||章山村
|八泉、飞云||飞云社区
八泉街道飞云社区|||飞云社区
# a community under another sub-district than the one named
澄月街道|飞云社区||
澄月|飞云||
澄月街道|飞云社区居委会3栋||
|澄月街道飞云社区||
||澄月街道飞云社区3栋|
澄月街道||飞云社区3栋|澄月街道  # the 街道 column over the address
澄月街道|磁湖||磁湖社区
# right already
||湖北省黄石市西塞山区八泉街道飞云社区3栋2单元|飞云社区
||河口镇章山村委会|章山村
||章山村3组|章山村
河口|章山||章山村
||大智路88号|  # a road a community is named after
||澄月街道大智路社区|大智路社区
|八泉||八泉社区  # a community named as its sub-district
八泉|||八泉街道
||3栋2单元|
八泉||飞云社区3栋|飞云社区
"""
CASES: list[tuple[str, str, str, str]] = [
    tuple(line.split("  #")[0].rstrip().split("|")) for line in TABLE.splitlines()  # type: ignore[misc]
    if line and not line.startswith("#")]


@pytest.fixture
def tree(db: Database, district: District) -> dict[str, int]:
    """The test district plus 章山村 under 河口镇, and 澄月街道 with 磁湖社区 and 大智路社区."""
    return add_regions(db, district, (("河口镇", "章山村", "420203002003", RegionLevel.COMMUNITY),
                                      ("西塞山区", "澄月街道", "420203003", RegionLevel.SUBDISTRICT),
                                      ("澄月街道", "磁湖社区", "420203003001", RegionLevel.COMMUNITY),
                                      ("澄月街道", "大智路社区", "420203003002", RegionLevel.COMMUNITY)))


def test_each_way_of_writing_where_people_live(db: Database, tree: dict[str, int]) -> None:
    with db.session_factory() as s:
        resolver = RegionResolver(s)
    got = [resolver.resolve(sub, community, address) for sub, community, address, _ in CASES]
    want = [tree[name] if name else None for *_, name in CASES]
    assert [(case, g) for case, g, w in zip(CASES, got, want, strict=True) if g != w] == []


def test_the_import_and_the_bulk_assignment_of_the_unassigned(db: Database, district: District, tree: dict[str, int],
                                                               tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    check_dry_run_and_import(db, tree, tmp_path, capsys, CASES)
    batch = di.list_batches(db, district.admin)[0]
    unassigned = sum(1 for *_, want in CASES if not want)
    assert di.count_batch_rows(db, district.admin, batch.id)["unassigned"] == unassigned
    # the wizard's "assign the unassigned": those rows only
    assert di.assign_rows(db, district.admin, batch.id, None, tree["磁湖社区"]) == unassigned
    assert di.count_batch_rows(db, district.admin, batch.id)["unassigned"] == 0


def _list(path: Path, header: str, *rows: str) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_columns_added_since_the_departments_last_list(db: Database, district: District, tree: dict[str, int],
                                                       tmp_path: Path) -> None:
    ids = iter(idcard.make("420203", date(1940, 2, day), 300 + day) for day in range(1, 20))
    first = _list(tmp_path / "一.csv", "姓名,身份证号", f"甲,{next(ids)}")
    assert di.import_department_list(db, district.admin, first, "残联").unassigned == 1
    second = _list(tmp_path / "二.csv", "姓名,身份证号,镇(街道),村(社区)", f"乙,{next(ids)},河口,章山")
    preview = di.preview(second, "残联", db=db)
    assert preview.remembered and preview.mapping == {"name": 0, "id_number": 1, "subdistrict": 2, "community": 3}
    assert di.import_department_list(db, district.admin, second, "残联").unassigned == 0
    # a column the list had and the clerk left unread stays unread
    third = _list(tmp_path / "三.csv", "姓名,身份证号,家庭住址", f"丙,{next(ids)},八泉街道飞云社区")
    assert di.import_department_list(db, district.admin, third, "民政", mapping={"name": 0, "id_number": 1}).unassigned == 1
    fourth = _list(tmp_path / "四.csv", "姓名,身份证号,家庭住址", f"丁,{next(ids)},八泉街道飞云社区")
    assert di.preview(fourth, "民政", db=db).mapping == {"name": 0, "id_number": 1}
    assert di.import_department_list(db, district.admin, fourth, "民政").unassigned == 1


@pytest.mark.parametrize("header", ["行政区划代码", "区划代码", "行政区划"])
def test_a_column_of_region_codes_or_full_names_places_people(db: Database, district: District,
                                                              tree: dict[str, int], tmp_path: Path,
                                                              header: str) -> None:
    """A column headed 行政区划代码 (a community's 12-digit code or a sub-district's) or 行政区划 (the full
    name) was not read: everyone was left unassigned."""
    ids = iter(idcard.make("420203", date(1941, 3, day), 400 + day) for day in range(1, 20))
    cells = (["湖北省黄石市西塞山区澄月街道磁湖社区", "西塞山区河口镇章山村", "西塞山区"] if header == "行政区划"
             else ["420203003001", "420203002003", "420203000000"])
    path = _list(tmp_path / "区划.csv", f"姓名,身份证号,{header}",
                 *(f"人{n},{next(ids)},{cell}" for n, cell in enumerate(cells)))
    assert di.preview(path, "民政", db=db).mapping == {"name": 0, "id_number": 1, "community": 2}
    result = di.import_department_list(db, district.admin, path, "民政")
    assert result.unassigned == 1  # the district's own code or name places no one
    with db.session_factory() as s:
        placed = sorted(r for (r,) in s.execute(select(Clue.region_id).where(Clue.batch_id == result.batch_id)
                                                 .where(Clue.region_id.is_not(None))))
    assert placed == sorted([tree["磁湖社区"], tree["章山村"]])


def test_a_column_headed_where_people_are_is_their_address(db: Database, district: District,
                                                           tree: dict[str, int], tmp_path: Path) -> None:
    """所在地 (and 家庭所在地) were not read as the address: everyone was left unassigned."""
    ids = iter(idcard.make("420203", date(1942, 4, day), 500 + day) for day in range(1, 20))
    for header in ("所在地", "家庭所在地"):
        path = _list(tmp_path / f"{header}.csv", f"姓名,身份证号,{header}", f"甲,{next(ids)},河口镇章山村3组",
                     f"乙,{next(ids)},澄月街道磁湖社区")
        assert di.preview(path, "民政", db=db).mapping == {"name": 0, "id_number": 1, "address": 2}
        assert di.import_department_list(db, district.admin, path, header).unassigned == 0
