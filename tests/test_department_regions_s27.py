"""An address or region cell naming another city than the district's (session 27): "大冶市章山村" or
"湖北省大冶市章山村" is a village of the county-level city 大冶市, not our 章山村; "鄂州市…" another city's.
The district's city is known from its code (420203 → 黄石市, desktop/rules/places.py); where it is not
known (a code outside the table), addresses are read as before. And 社区 新华 beside 街道 澄月街道, where
two 新华社区 exist under other sub-districts, is two places named: neither is guessed (was: 澄月街道)."""

from __future__ import annotations

import pytest

from desktop.models import Region
from desktop.rules import places
from desktop.rules.codes import RegionLevel
from desktop.services.database import Database
from desktop.services.department_import import RegionResolver
from tests.district import District
from tests.test_department_regions import add_regions

# 街道|社区|家庭住址|the region expected ("" for none)
CASES = [
    ("", "", "大冶市章山村3组", ""),
    ("", "", "湖北省大冶市章山村", ""),
    ("", "", "鄂州市八泉街道飞云社区", ""),
    ("", "大冶市章山村", "", ""),
    ("大冶市河口镇", "章山村", "", ""),  # another city's 河口镇: its 章山村 is not ours either
    ("", "", "黄石市章山村3组", "章山村"),  # our city, no district named
    ("", "", "湖北省黄石市西塞山区河口镇章山村", "章山村"),
    ("", "", "章山村3组", "章山村"),
    ("", "", "黄石市八泉街道飞云社区", "飞云社区"),
    # 社区 新华 beside 街道 澄月街道 where the two 新华社区 are other sub-districts': two places, neither guessed
    ("澄月街道", "新华", "", ""),
    ("澄月街道", "新华社区", "新华社区5号", ""),
    ("八泉街道", "新华", "", "八泉街道/新华社区"),
    ("澄月街道", "", "新华社区5号", "澄月街道"),  # a free-text address is overruled by the 街道 column, as before
]


@pytest.fixture
def tree(db: Database, district: District) -> dict[str, int]:
    return add_regions(db, district, (("河口镇", "章山村", "420203002003", RegionLevel.COMMUNITY),
                                      ("西塞山区", "澄月街道", "420203003", RegionLevel.SUBDISTRICT),
                                      ("八泉街道", "新华社区", "420203001009", RegionLevel.COMMUNITY),
                                      ("河口镇", "新华社区", "420203002009", RegionLevel.COMMUNITY)),
                       qualified=("新华社区",))


def test_another_citys_places_are_not_ours(db: Database, tree: dict[str, int]) -> None:
    assert places.city_of("420203") == "黄石市" and places.city_of("420281") == "黄石市"
    assert places.city_of("110101") is None and places.city_of("") is None and places.city_of("4202") is None
    with db.session_factory() as s:
        resolver = RegionResolver(s)
    got = [resolver.resolve(sub, community, address) for sub, community, address, _ in CASES]
    want = [tree[name] if name else None for *_, name in CASES]
    assert [(case, g) for case, g, w in zip(CASES, got, want, strict=True) if g != w] == []


def test_a_district_whose_city_is_not_known_reads_addresses_as_before(db: Database, tree: dict[str, int]) -> None:
    with db.session_factory() as s:
        s.query(Region).filter(Region.level == RegionLevel.DISTRICT).update({"code": "110101"})
        s.commit()
        resolver = RegionResolver(s)
    assert resolver.resolve("", "", "大冶市章山村3组") == tree["章山村"]
