"""The prefecture-level city a district belongs to, by the first four digits of its administrative
code (GB/T 2260): what an address names before the district ("湖北省黄石市西塞山区…"). An address
naming another city there — a county-level city such as 大冶市, or another prefecture — is not the
district's, even when a village of the same name is. Hubei's cities are listed (the province the
program is made for); elsewhere the city is not known and no address is told apart by it."""

from __future__ import annotations

import re
from collections.abc import Iterable

CITIES: dict[str, str] = {
    "4201": "武汉市", "4202": "黄石市", "4203": "十堰市", "4205": "宜昌市", "4206": "襄阳市", "4207": "鄂州市",
    "4208": "荆门市", "4209": "孝感市", "4210": "荆州市", "4211": "黄冈市", "4212": "咸宁市", "4213": "随州市",
}


PROVINCES: dict[str, str] = {"42": "湖北省"}


def province_of(district_code: str | None) -> str | None:
    """The province (with its 省) of a district by the first two digits of its code, if known."""
    code = (district_code or "").strip()
    return PROVINCES.get(code[:2]) if len(code) >= 6 and code[:6].isdigit() else None


def city_of(district_code: str | None) -> str | None:
    """The city (with its 市) of a district by its 6-digit (or longer) code, if known."""
    code = (district_code or "").strip()
    return CITIES.get(code[:4]) if len(code) >= 6 and code[:6].isdigit() else None


_TRADITIONAL = str.maketrans("黃漢陽門岡寧隨荊", "黄汉阳门冈宁随荆")  # as the cities above are written in traditional characters


def same_city(written: str, city: str) -> bool:
    """Whether a city as an address writes it (黄石市, 黃石市) is ``city``."""
    return written.translate(_TRADITIONAL) == city


def alternatives(names: Iterable[str]) -> str:
    """A regular expression matching any of ``names``, the longest first."""
    return "|".join(map(re.escape, sorted(names, key=len, reverse=True)))


def written_above(districts: Iterable[tuple[str, str | None]]) -> re.Pattern[str]:
    """What is written before a place's name: "湖北省黄石市西塞山区八泉街道" has the province (group 1),
    the city (group 2) and the district (group 3, empty when ``districts`` is) before 八泉街道. ``districts``
    are (name, code) pairs; the province and city their code tells may also be written without 省 or 市
    (湖北黄石西塞山区…). Every part may be missing."""
    districts = list(districts)
    names = {name for name, _ in districts}
    provinces = {province_of(code) for _, code in districts} - {None}
    cities = {city_of(code) for _, code in districts} - {None}
    province = provinces.pop()[:-1] if len(provinces) == 1 else None
    city = cities.pop()[:-1] if len(cities) == 1 else None
    return re.compile(
        r"^([\u4e00-\u9fff]{2,3}省" + (f"|{re.escape(province)}" if province else "") + ")?"
        r"([\u4e00-\u9fff]{2,4}市" + (f"|{re.escape(city)}" if city else "") + ")?"
        + (f"({alternatives(names)})?" if names else "()?"))
