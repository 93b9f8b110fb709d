"""Department lists as real offices send them, round 5 (after test_department_variants_s15.py to _s18.py).

New variety: birth dates before 1900 (no living person's), a GBK list whose names happen to be UTF-8 too
("某" is C4 B3, which UTF-8 reads as "ĳ"), so that only its header breaks as UTF-8, and, checked
as right, the same person twice as a 15- and an 18-digit number or with x and X, region columns written
with the district before the sub-district or a village's name short.

Each case gives what a careful clerk finds (data rows, valid, invalid by reason, duplicates, the
screening buckets); a dry run prints it, and a real import prints the same and writes an error workbook
holding exactly the invalid and repeated rows with a reason each, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.rules import idcard
from desktop.services.database import Database
from desktop.services.department_import import RegionResolver
from tests.district import District
from tests.test_department_regions import tree  # noqa: F401 (a fixture)
from tests.test_department_variants_s15 import counts_a_clerk_finds, listed, text_list
from tests.test_department_variants_s17 import book_of
from tests.test_import_department_files import IN, KNOWN, Ids, Row, people, register_three

HEADER = ["序号", "姓名", "身份证号码"]


@pytest.fixture
def screened(db: Database, district: District) -> Database:
    """IN on 低保, IN_X on 特困, KNOWN registered and not in assistance, on either database."""
    return register_three(db, district)


def born(year: int, seq: int) -> str:
    return idcard.make("420203", date(year, 6, 15), seq)


# -- the files ------------------------------------------------------------------------------------

def born_before_1900(tmp: Path) -> tuple[Path, dict]:
    """卫健 (a list typed by hand): a year typed 18xx for 19xx (1899, 1885, 1880): no one alive was born
    then, and the number is sent back as an invalid birth date, like a month 13 or a 29 February of 1990."""
    ids = Ids()
    rows = people(ids) + [("钱一", born(1899, 11), "birth date"), ("钱二", born(1885, 21), "birth date"),
                          ("钱三", born(1880, 31), "birth date"), ("钱四", born(1900, 41), "new"),
                          ("钱五", "420203199002291234"[:17] + idcard.check_char("42020319900229123"), "birth date"),
                          ("钱六", "42020319901301123" + idcard.check_char("42020319901301123"), "birth date")]
    return book_of(tmp / "高龄补贴.xlsx", [HEADER, *listed(rows)], rows)


def gbk_names_that_read_as_utf8(tmp: Path) -> tuple[Path, dict]:
    """医保 (a de-identified list for a check, every name written 某某 or 某某某): GBK, whose 某 (C4 B3) reads
    as a UTF-8 character too; in 20,000 rows the header was the only text UTF-8 could not read, and the
    list was refused as "not a text table of a known encoding"."""
    ids = Ids()
    first = ids.new()
    rows: list[Row] = [("某某", IN, "in"), ("某某", KNOWN, "known"), ("某某某", first, "new"),
                       ("某某", ids.bad_check(), "check character"), ("某某", "", "empty"), ("某某某", first, "dup")]
    rows += [("某某" if i % 2 else "某某某", ids.new(), "new") for i in range(20_000)]
    return text_list(tmp / "脱敏名单.csv", [HEADER, *listed(rows)], rows)


def the_same_person_written_two_ways(tmp: Path) -> tuple[Path, dict]:
    """民政 (two offices' lists pasted together): a person listed with the old 15-digit number and again with
    the 18-digit one, another with x and again with X: one person each, the later row a repeat."""
    ids = Ids()
    legacy, full = ids.legacy()
    with_x = next(n for n in (ids.new() for _ in range(40)) if n.endswith("X"))
    rows = people(ids) + [("郑一", legacy, "new15"), ("郑一", full, "dup"), ("郑二", with_x.lower(), "new"),
                          ("郑二", with_x, "dup"), ("郑一", full[:6] + " " + full[6:], "dup")]
    return book_of(tmp / "合并名单.xlsx", [HEADER, *listed(rows)], rows)


CASES: dict[str, Any] = {f.__name__: f for f in (born_before_1900, gbk_names_that_read_as_utf8,
                                                the_same_person_written_two_ways)}


@pytest.mark.parametrize("case", CASES)
def test_a_departments_file_gives_the_counts_a_clerk_finds(screened: Database, tmp_path: Path, case: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    counts_a_clerk_finds(screened, capsys, tmp_path, *CASES[case](tmp_path))


@pytest.mark.parametrize(("subdistrict", "community", "address", "want"), [
    ("西塞山区八泉街道", "飞云社区", "", "飞云社区"),  # the district before the sub-district
    ("黄石市西塞山区八泉街道办事处", "", "", "八泉街道"),
    ("西塞山区八泉", "飞云", "", "飞云社区"),
    ("河口镇", "道仕袱", "", "道仕袱村"),  # a village's name short
    ("", "西塞山区河口镇道仕袱村", "", "道仕袱村"),
    ("", "道仕袱村3组", "", "道仕袱村"),
    ("", "", "道仕袱村5组", "道仕袱村"),
    ("八泉街道", "飞云社区居委会", "", "飞云社区"),
])
def test_region_columns_written_with_the_district_or_short(db: Database, tree: dict[str, int],  # noqa: F811
                                                           subdistrict: str, community: str, address: str,
                                                           want: str) -> None:
    with db.session_factory() as s:
        resolver = RegionResolver(s)
    assert resolver.resolve(subdistrict, community, address) == (tree[want] if want else None)
