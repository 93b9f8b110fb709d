"""Department-list rows assigned to a sub-district/community from region columns or the address
(department_import.RegionResolver), read as regions.find_region reads names, on a district where two
communities share a name: what each row gets, and the unassigned count, dry run and real import."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cli import main as cli_main
from desktop.models import Clue, ImportRow
from desktop.rules import idcard
from desktop.rules.codes import RegionLevel
from desktop.services import auth
from desktop.services.base import Actor
from desktop.services.database import Database
from desktop.services.department_import import RegionResolver
from tests.district import District

# (街道, 社区, 家庭住址) -> the region expected ("" for none), named as in ``tree``'s keys
CASES: list[tuple[str, str, str, str]] = [
    ("八泉街道", "飞云社区", "", "飞云社区"),
    ("八泉", "飞云", "", "飞云社区"),  # short names
    ("", "八泉街道飞云社区", "", "飞云社区"),  # one column
    ("", "八泉街道\u3000飞云社区", "", "飞云社区"),  # full-width space
    ("八泉\u3000街道", "飞云\u3000社区", "", "飞云社区"),
    ("420203001", "420203001002", "", "飞云社区"),  # codes
    ("", "420203001002", "", "飞云社区"),  # a 12-digit community code alone
    ("", "４２０２０３００１００２", "", "飞云社区"),  # typed with full-width digits
    ("420203002", "", "", "河口镇"),
    ("", "飞云社区居委会", "", "飞云社区"),
    ("", "道仕袱村民委员会", "", "道仕袱村"),
    ("八泉街道", "飞云新村", "", "飞云新村社区"),  # a short name ending in 村
    ("", "飞云新村", "", "飞云新村社区"),
    ("", "新华社区", "", ""),  # two 新华社区: not guessed
    ("", "新华", "", ""),
    ("八泉街道", "新华", "", "八泉街道/新华社区"),
    ("河口镇", "新华社区", "", "河口镇/新华社区"),
    ("河口", "新华", "", "河口镇/新华社区"),
    ("", "河口镇新华社区", "", "河口镇/新华社区"),
    ("", "飛雲社區", "", ""),  # a name in traditional characters: not read, and not guessed
    ("河口鎮", "道仕袱村民委員會", "", "道仕袱村"),  # level words in traditional characters
    ("", "", "黃石市西塞山區八泉街道辦事處", "八泉街道"),
    ("", "", "河口鎮道仕袱村3組", "道仕袱村"),
    ("", "", "湖北省黄石市西塞山区八泉街道飞云社区15栋", "飞云社区"),
    ("", "", "西塞山区飞云社区", "飞云社区"),
    ("", "", "八泉街道办事处", "八泉街道"),
    ("", "", "河口镇道仕袱村3组", "道仕袱村"),
    ("", "", "八泉街道新华社区3栋", "八泉街道/新华社区"),
    ("", "", "新华社区12号", ""),  # ambiguous without its sub-district
    ("", "", "湖北省黄石市下陆区新华社区5号", ""),  # another district's community
    ("", "", "黄石市黄石港区飞云社区3栋", ""),  # another district's, named like one of ours
    ("", "", "西塞山区飞云路12号", ""),  # a street named like a community
    ("", "", "八泉街道飞云路12号", "八泉街道"),
    ("澄月街道", "", "新华社区", "澄月街道"),  # no 新华社区 under 澄月街道: its sub-district only
]


def add_regions(db: Database, district: District, specs: tuple[tuple[str, str, str, str], ...],
                qualified: tuple[str, ...] = ()) -> dict[str, int]:
    """The district's regions by name with ``specs`` (parent, name, code, level) added; a name in
    ``qualified`` keyed "parent/name"."""
    system = Actor.system("test")
    regions = dict(district.regions)
    for parent, name, code, level in specs:
        key = f"{parent}/{name}" if name in qualified else name
        regions[key] = auth.add_region(db, system, parent_id=regions[parent], name=name, code=code, level=level,
                                       area_type="urban")
    return regions


@pytest.fixture
def tree(db: Database, district: District) -> dict[str, int]:
    """The test district plus 飞云新村社区, a second 新华社区 under 河口镇 and 澄月街道."""
    return add_regions(db, district, (("八泉街道", "新华社区", "420203001003", RegionLevel.COMMUNITY),
                                      ("八泉街道", "飞云新村社区", "420203001004", RegionLevel.COMMUNITY),
                                      ("河口镇", "新华社区", "420203002003", RegionLevel.COMMUNITY),
                                      ("西塞山区", "澄月街道", "420203003", RegionLevel.SUBDISTRICT),
                                      ("澄月街道", "黄思湾社区", "420203003001", RegionLevel.COMMUNITY)),
                       qualified=("新华社区",))


@pytest.mark.parametrize(("subdistrict", "community", "address", "want"), CASES)
def test_each_way_of_writing_a_region(db: Database, tree: dict[str, int], subdistrict: str, community: str,
                                      address: str, want: str) -> None:
    with db.session_factory() as s:
        resolver = RegionResolver(s)
    got = resolver.resolve(subdistrict, community, address)
    assert got == (tree[want] if want else None)
    assert resolver.resolve(subdistrict, community, address) == got  # from its cache


def _write(path: Path, cases: list[tuple[str, str, str, str]] = CASES) -> tuple[Path, list[int]]:
    numbers = [idcard.make("420203", date(1950, 1, 1 + i % 28), 100 + i) for i in range(len(cases))]
    lines = ["姓名,身份证号码,街道,社区,家庭住址"]
    lines += [f"人{i},{n},{s},{c},{a}" for i, (n, (s, c, a, _)) in enumerate(zip(numbers, cases, strict=True))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, numbers


def check_dry_run_and_import(db: Database, tree: dict[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             cases: list[tuple[str, str, str, str]] = CASES) -> None:
    """The cases as one list's rows: the dry run counts the unassigned the import leaves, each row its region."""
    path, numbers = _write(tmp_path / "名单.csv", cases)
    url = db.url.render_as_string(hide_password=False)
    unassigned = sum(1 for *_, want in cases if not want)
    assert cli_main(["import", "department", str(path), "--department", "民政", "--json", "--dry-run",
                     "--database-url", url]) == 0
    dry = json.loads(capsys.readouterr().out)
    assert (dry["valid"], dry["new"], dry["unassigned"], dry["batch_id"]) == (len(cases), len(cases), unassigned, None)
    assert cli_main(["import", "department", str(path), "--department", "民政", "--json", "--database-url", url]) == 0
    real = json.loads(capsys.readouterr().out)
    assert (real["unassigned"], real["new"]) == (unassigned, len(cases)) and isinstance(real["batch_id"], int)
    with db.session_factory() as s:
        got = dict(s.execute(select(ImportRow.id_number, ImportRow.region_id)
                             .where(ImportRow.batch_id == real["batch_id"])).all())
        clues = dict(s.execute(select(Clue.id_number, Clue.region_id).where(Clue.batch_id == real["batch_id"])).all())
    assert [got[n] for n in numbers] == [tree[want] if want else None for *_, want in cases]
    assert clues == got  # each new person's clue, assigned to the same region


def test_dry_run_and_import_assign_the_same_regions(db: Database, tree: dict[str, int], tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    check_dry_run_and_import(db, tree, tmp_path, capsys)
