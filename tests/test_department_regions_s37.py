"""Session 37 acceptance: a community named after another district's sub-district or town (花湖街道 |
临江社区, 大冶陈贵镇章山村) was given the district's community of that name; an address writing the
district's city or province without 市 or 省 (黄石西塞山区…, 湖北黄石市…) was left unassigned."""
from __future__ import annotations

from desktop.services.database import Database
from desktop.services.department_import import RegionResolver
from tests.test_department_regions_s26 import tree  # noqa: F401


def test_another_districts_place_of_the_same_name_is_not_ours(db: Database, tree: dict[str, int]) -> None:  # noqa: F811
    with db.session_factory() as s:
        resolver = RegionResolver(s)
    cases = [
        ("花湖街道", "飞云社区", "", None),  # 黄石港区's 花湖街道
        ("陈贵镇", "章山村", "", None),  # 大冶's
        ("黄石港区胜阳港街道", "飞云社区", "", None),
        ("", "", "花湖街道飞云社区3栋", None),
        ("", "", "大冶陈贵镇章山村4组", None),
        ("", "", "阳新白沙镇章山村", None),
        ("八泉街道", "飞云社区", "", tree["飞云社区"]),  # ours, as before
        ("八泉", "飞云", "", tree["飞云社区"]),
        ("", "", "八泉街道飞云社区5栋", tree["飞云社区"]),
        ("", "", "河口镇章山村", tree["章山村"]),
        ("", "", "飞云社区3栋", tree["飞云社区"]),
    ]
    got = [(sub, community, address, resolver.resolve(sub, community, address)) for sub, community, address, _ in cases]
    assert got == [(sub, community, address, want) for sub, community, address, want in cases]


def test_the_districts_city_and_province_without_their_level_words(db: Database, tree: dict[str, int]) -> None:  # noqa: F811
    with db.session_factory() as s:
        resolver = RegionResolver(s)
    for address, name in [("黄石西塞山区八泉街道飞云社区5栋", "飞云社区"), ("湖北省黄石西塞山区澄月街道磁湖社区", "磁湖社区"),
                          ("黄石西塞山区河口镇章山村", "章山村"), ("湖北黄石市西塞山区八泉街道飞云社区", "飞云社区"),
                          ("湖北黄石西塞山区八泉街道飞云社区", "飞云社区")]:
        assert resolver.resolve("", "", address) == tree[name], address
    for address in ("黄石港区胜阳港街道飞云社区", "湖北省鄂州市章山村", "黄石市大冶市陈贵镇章山村"):
        assert resolver.resolve("", "", address) is None, address

