"""Regions on the command line (--region R, --parent P, region rename/move/delete R) are read as the
household register import reads them: 飞云 for 飞云社区, 河口 for 河口镇; a short name fitting two
regions (八泉: 八泉街道 and 八泉社区) is refused with both named. Before, only the exact name or
code was found: `relief-desk reassess --region 飞云` said 找不到区划“飞云”."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop import cli
from desktop.models import Clue, ImportRow, User
from desktop.rules import idcard
from desktop.rules.codes import SourceLevel
from desktop.services import clues, regions
from desktop.services.errors import NotFound, ValidationFailed
from tests.district import District

AMBIGUOUS = "“八泉”可能指:八泉街道、八泉社区;请写全称。"


def url_of(district: District) -> str:
    return district.db.url.render_as_string(hide_password=False)


def run(district: District, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main([*argv, "--database-url", url_of(district)])
    out, err = capsys.readouterr()
    return code, out, err


def refused_as_ambiguous(result: tuple[int, str, str]) -> bool:
    """Refused with the candidates named on stderr (with --json, also as the JSON error on stdout)."""
    code, out, err = result
    said = not out or json.loads(out) == {"error": AMBIGUOUS, "code": "invalid_input"}
    return code == 1 and said and err == f"错误:{AMBIGUOUS}\n"


def add_clue(district: District, name: str = "甲") -> int:
    return clues.add_clue(district.db, district.admin, clues.ClueInput(
        source_level=SourceLevel.INFORMANT, source="building_head", reported_on=date(2026, 3, 2),
        description="独居老人", person_name=name))


def clue_region(district: District, clue_id: int) -> int | None:
    with district.db.session_factory() as s:
        return s.get(Clue, clue_id).region_id  # type: ignore[union-attr]


# -- the one lookup -------------------------------------------------------------------------------

def test_find_region_reads_a_name_without_its_level_word(district: District) -> None:
    db, admin, ids = district.db, district.admin, district.regions
    assert regions.find_region(db, admin, "飞云").id == ids["飞云社区"]
    assert regions.find_region(db, admin, "飞云社区居委会").id == ids["飞云社区"]
    assert regions.find_region(db, admin, "河口").id == ids["河口镇"]
    assert regions.find_region(db, admin, "道仕袱").id == ids["道仕袱村"]
    assert regions.find_region(db, admin, "八泉街道办事处").id == ids["八泉街道"]  # its word says which
    assert regions.find_region(db, admin, " 八泉街道 ").id == ids["八泉街道"]  # the whole name first
    assert regions.find_region(db, admin, "八泉/飞云").id == ids["飞云社区"]
    with pytest.raises(ValidationFailed) as refused:
        regions.find_region(db, admin, "八泉")
    assert refused.value.message == "“八泉”可能指:八泉街道、八泉社区;请写全称。"
    with pytest.raises(NotFound, match="找不到区划“乙”"):
        regions.find_region(db, admin, "乙")


def test_two_regions_of_the_same_full_name_are_named_with_their_parents(district: District) -> None:
    db, admin = district.db, district.admin
    regions.add_region(db, admin, parent_id=district.regions["河口镇"], name="飞云社区")
    with pytest.raises(ValidationFailed) as refused:
        regions.find_region(db, admin, "飞云")
    assert refused.value.message == ("“飞云”可能指:八泉街道/飞云社区、河口镇/飞云社区;"
                                     "请写全称、区划代码或“上级/名称”。")
    assert regions.find_region(db, admin, "河口/飞云").parent_id == district.regions["河口镇"]


def test_the_register_import_reads_names_by_the_same_words(district: District) -> None:
    from desktop.services.department_import import RegionResolver
    with district.db.session_factory() as s:
        names = RegionResolver(s)
    assert names.subdistrict("八泉街道办事处") == district.regions["八泉街道"]
    assert names.subdistrict("河口") == district.regions["河口镇"]
    assert names.community("飞云社区居委会", None) == district.regions["飞云社区"]
    assert names.community("道仕袱村民委员会", None) == district.regions["道仕袱村"]


# -- every command that takes a region ------------------------------------------------------------

REPORTS = [
    ["reassess", "--out", "重新评估.xlsx"],
    ["board", "--json"],
    ["visit-list", "--out", "走访.xlsx"],
    ["quarterly-report", "--year", "2026", "--quarter", "1", "--out", "季报.xlsx"],
    ["payment-roster", "2026-03", "--out", "花名册.xlsx"],
    ["clue", "list", "--json"],
]


@pytest.mark.parametrize("argv", REPORTS, ids=lambda a: a[0] if a[0] != "clue" else "clue-list")
def test_reports_take_a_short_name(argv: list[str], district: District, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    if argv[0] == "clue":
        clues.assign_clues(district.db, district.admin, [add_clue(district, "甲")], district.regions["飞云社区"])
        add_clue(district, "乙")
    full = run(district, capsys, *argv, "--region", "飞云社区")
    assert "找不到区划" not in full[2]
    assert run(district, capsys, *argv, "--region", "飞云") == full  # (no visits or payments: refused alike)
    if argv[0] == "clue":
        assert [c["name"] for c in json.loads(full[1])] == ["甲"]
    if argv[0] == "reassess":  # no household there: nothing to export, refused, no file (as every export)
        assert full[0] == 1 and "没有要重新评估的家庭" in full[2] and not (tmp_path / "重新评估.xlsx").exists()
    if argv[0] in ("board", "quarterly-report", "clue"):
        assert full[0] == 0
        for name in {a for a in argv if a.endswith(".xlsx")}:
            assert (tmp_path / name).stat().st_size > 0
    assert refused_as_ambiguous(run(district, capsys, *argv, "--region", "八泉"))
    code, out, err = run(district, capsys, *argv, "--region", "乙")
    assert code == 1 and "找不到区划“乙”(可写名称或区划代码)" in err


def test_clue_commands_take_a_short_name(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = add_clue(district, "甲"), add_clue(district, "乙")
    assert refused_as_ambiguous(run(district, capsys, "clue", "assign", str(first), "--region", "八泉"))
    assert clue_region(district, first) is None
    code, out, err = run(district, capsys, "clue", "assign", str(first), "--region", "飞云")
    assert (code, out, err) == (0, "已将 1 条线索分派到飞云社区。\n", "")
    assert clue_region(district, first) == district.regions["飞云社区"]

    assert refused_as_ambiguous(run(district, capsys, "clue", "edit", str(second), "--region", "八泉"))
    code, out, err = run(district, capsys, "clue", "edit", str(second), "--region", "河口", "--json")
    assert code == 0 and err == "" and json.loads(out)["region"] == "河口镇"
    assert clue_region(district, second) == district.regions["河口镇"]

    add = ["clue", "add", "--name", "丙", "--source", "building_head", "--description", "独居老人", "--json"]
    assert refused_as_ambiguous(run(district, capsys, *add, "--region", "八泉"))
    code, out, err = run(district, capsys, *add, "--region", "道仕袱")
    assert code == 0 and err == ""
    assert clue_region(district, json.loads(out)["id"]) == district.regions["道仕袱村"]


def test_import_department_takes_a_short_name(district: District, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "人社.csv"
    number = idcard.make("420203", date(1980, 5, 3), 33)
    path.write_text(f"姓名,身份证号码\r\n丙,{number}\r\n", encoding="utf-8-sig")
    argv = ["import", "department", str(path), "--department", "人社"]
    assert refused_as_ambiguous(run(district, capsys, *argv, "--region", "八泉"))
    code, out, err = run(district, capsys, *argv, "--region", "飞云")
    assert (code, err) == (0, "")
    with district.db.session_factory() as s:
        assert s.scalars(select(ImportRow.region_id)).all() == [district.regions["飞云社区"]]


def test_user_commands_take_a_short_name(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    add = ["user", "add", "zhang", "--role", "community_worker", "--password", "secret123"]
    assert refused_as_ambiguous(run(district, capsys, *add, "--region", "八泉"))
    code, out, err = run(district, capsys, *add, "--region", "飞云")
    assert (code, err) == (0, "")
    assert refused_as_ambiguous(run(district, capsys, "user", "set", "zhang", "--region", "八泉"))
    code, out, err = run(district, capsys, "user", "set", "zhang", "--region", "道仕袱")
    assert (code, err) == (0, "") and "道仕袱村" in out
    with district.db.session_factory() as s:
        assert s.scalar(select(User.region_id).where(User.username == "zhang")) == district.regions["道仕袱村"]


def test_region_commands_take_a_short_name(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    db, admin = district.db, district.admin
    assert refused_as_ambiguous(run(district, capsys, "region", "add", "新港社区", "--parent", "八泉"))
    code, out, err = run(district, capsys, "region", "add", "新港社区", "--parent", "河口")
    assert (code, err) == (0, "")
    assert regions.find_region(db, admin, "新港社区").parent_id == district.regions["河口镇"]

    assert run(district, capsys, "region", "rename", "八泉", "八泉新区")[0:2] == (1, "")
    code, out, err = run(district, capsys, "region", "rename", "新港", "新港村")
    assert (code, err) == (0, "")
    assert regions.find_region(db, admin, "新港村").parent_id == district.regions["河口镇"]

    move = ["region", "move", "新港村", "--yes", "--parent"]
    assert refused_as_ambiguous(run(district, capsys, *move, "八泉"))
    code, out, err = run(district, capsys, *move, "八泉街道办事处")
    assert (code, err) == (0, "")
    assert regions.find_region(db, admin, "新港村").parent_id == district.regions["八泉街道"]

    assert refused_as_ambiguous(run(district, capsys, "region", "delete", "八泉", "--yes"))
    code, out, err = run(district, capsys, "region", "delete", "新港", "--yes")
    assert (code, err) == (0, "")
    with pytest.raises(NotFound):
        regions.find_region(db, admin, "新港村")
