"""Household registers from other offices, round 24 (relief-desk import households FILE [--json]):
the counts a script checks did not add up from what --json printed (rows of refused households were
nowhere counted: rows = persons + ? ), and words offices write for the template's values were refused:
a grade in the capital numerals of a certificate (壹级) or as its degree (重度), 城镇居民 / 农村居民,
慢性病患者, 丧失部分劳动能力, 其他亲属, 不在库, 单亲家庭 “不是”."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from desktop.models import Household, ImportBatch, Member
from desktop.services import register_import as ri
from desktop.services.database import Database
from tests.district import District
from tests.test_register_variants_s15 import LXY, families, import_json, messages, run, table
from tests.test_register_variants_s15 import counts as counts_of
from tests.test_register_variants_s15 import write_csv as csv_file
from tests.test_register_variants_s15 import write_xls as xls_file
from tests.test_register_variants_s20 import parsed

# -- the counts add up --------------------------------------------------------------------------


def _one_person_twice(tmp_path: Path) -> Path:
    """李秀英's ID also on 王浩's row (H002): H001 and H002 are refused whole (5 rows), H003 comes in."""
    people = families()
    people[4]["身份证号"] = LXY
    return xls_file(tmp_path / "两户重复.xls", table(people))


def test_json_counts_the_rows_of_refused_households(db: Database, district: District, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """rows 7, persons 2 and nothing else in rows: a script checking rows = imported + rejected could not.
    rows_rejected counts the rows not imported (the rows the error list holds), in the batch too."""
    path = _one_person_twice(tmp_path)
    status, dry = import_json(db, capsys, path, "--dry-run")
    assert status == 0 and (dry["rows"], dry["persons"], dry["rows_rejected"]) == (7, 2, 5)
    errors = tmp_path / "错误清单.xlsx"
    status, out = import_json(db, capsys, path, "--errors", str(errors))
    assert status == 0
    assert counts_of(out) == (7, 3, 1, 0, 2, 2) and out["rows_rejected"] == 5
    assert out["rows"] == out["persons"] + out["rows_rejected"]
    listed = CalamineWorkbook.from_path(str(errors)).get_sheet_by_index(0).to_python()
    assert len(listed) - 1 == out["rows_rejected"]  # the header, then one line per rejected row
    assert {row[2] for row in listed[1:]} == {"张建国", "李秀英", "张小明", "王桂兰", "王浩"}
    with db.session_factory() as s:
        batch = s.scalars(select(ImportBatch)).one()
        assert (batch.counts["rows"], batch.counts["persons"], batch.counts["rows_rejected"]) == (7, 2, 5)


def test_the_plain_summary_says_how_many_rows_were_not_imported(db: Database, district: District, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = _one_person_twice(tmp_path)
    status, out, _err = run(db, capsys, str(path), "--dry-run")
    assert status == 0
    assert "人员行 7,家庭 3 户:将新建 1 户,将更新 0 户,因错误不能导入 2 户;将写入成员 2 人,不能导入的人员行 5 行" in out
    status, out, _err = run(db, capsys, str(path))
    assert status == 0 and "写入成员 2 人,未导入的人员行 5 行" in out


def test_a_register_without_errors_counts_no_rejected_row(db: Database, district: District, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = csv_file(tmp_path / "台账.csv", table(families()), encoding="utf-8-sig")
    status, out = import_json(db, capsys, path)
    assert status == 0 and (out["rows"], out["persons"], out["rows_rejected"]) == (7, 7, 0)
    status, text, _err = run(db, capsys, str(csv_file(tmp_path / "台账2.csv", table(families()[:3]))), "--dry-run")
    assert "将写入成员 3 人\n" in text and "人员行 3 行" not in text


# -- words offices write ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "wanted"), [
    ("壹级", 1), ("贰级", 2), ("叁级", 3), ("肆级", 4), ("贰", 2),
    ("极重度", 1), ("重度", 2), ("中度", 3), ("轻度", 4), ("重度(二级)", 2), ("二级(重度)", 2),
])
def test_a_grade_as_a_certificate_writes_it(text: str, wanted: int) -> None:
    """"壹级" (the capital numerals of a certificate or a receipt) and the degree a grade stands for
    (GB/T 26341: 一级 极重度, 二级 重度, 三级 中度, 四级 轻度) were refused as not a grade."""
    person, errors = parsed(残疾类别="肢体", 残疾等级=text)
    assert errors == [] and person is not None, errors
    assert person.disability_grade == wanted


@pytest.mark.parametrize(("column", "text", "attribute", "wanted"), [
    ("城乡类别", "城镇居民", "area_type", "urban"), ("城乡类别", "城市居民", "area_type", "urban"),
    ("城乡类别", "农村居民", "area_type", "rural"),
    ("健康状况", "慢性病患者", "health", "chronic"), ("健康状况", "重病患者", "health", "serious"),
    ("健康状况", "患重病", "health", "serious"), ("健康状况", "患慢性病", "health", "chronic"),
    ("健康状况", "健康良好", "health", "healthy"),
    ("劳动能力", "丧失部分劳动能力", "labour_capacity", "partial"),
    ("与户主关系", "其他亲属", "relation", "other"),
    ("与户主关系", "非亲属", "relation", "other"),
    ("监测库别", "不在库", "library", None), ("监测库别", "未入库", "library", None),
    ("单亲家庭", "不是", "single_parent", False),
])
def test_more_words_naming_one_value(column: str, text: str, attribute: str, wanted: object) -> None:
    person, errors = parsed(**{column: text})
    assert errors == [] and person is not None, errors
    assert getattr(person, attribute) == wanted


@pytest.mark.parametrize(("column", "text"), [
    ("残疾等级", "五级"), ("残疾等级", "伍级"), ("城乡类别", "居民"), ("健康状况", "患病"), ("单亲家庭", "是否"),
    ("与户主关系", "媳妇"),  # a son's wife, or (as many say) one's own
])
def test_words_naming_no_one_value_stay_errors(column: str, text: str) -> None:
    person, errors = parsed(**({"残疾类别": "肢体"} if column == "残疾等级" else {}), **{column: text})
    assert [(e.column, e.message.split("不是")[0]) for e in errors] == [(column, f"“{text}”")]


def test_a_register_as_a_federation_and_a_village_write_it(db: Database, district: District, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A GBK CSV: 李秀英 残疾等级 贰级, H002 农村居民 / 不在库 / 不是 (single parent), and on H003's second
    row 其他亲属 and 重病患者: every household comes in with the values the words name."""
    people = families()
    people[1]["残疾等级"] = "贰级"
    people[3].update({"城乡类别": "农村居民", "监测库别": "不在库", "单亲家庭": "不是"})
    people[6].update({"与户主关系": "其他亲属", "健康状况": "重病患者"})
    status, out = import_json(db, capsys, csv_file(tmp_path / "台账.csv", table(people)))
    assert status == 0 and messages(out) == {}
    assert counts_of(out) == (7, 3, 3, 0, 0, 7) and out["rows_rejected"] == 0
    with db.session_factory() as s:
        members = {m.name: m for m in s.scalars(select(Member))}
        assert (members["李秀英"].disability, members["李秀英"].disability_grade) == ("physical", 2)
        assert (members["陈老汉"].relation, members["陈老汉"].health) == ("other", "serious")
        h002 = s.scalars(select(Household).where(Household.code == "H002")).one()
        assert (h002.area_type, h002.single_parent) == ("rural", False)



# -- a family renumbered --------------------------------------------------------------------------

def test_a_head_listed_under_a_new_code_is_told_how_to_match_them(db: Database, district: District, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The office renumbered its register: 张建国's family, H001 in the system, is H101 now. Each row
    said only 此人已登记在户编号“H001”的家庭中;请先在系统中调整其家庭关系 — for the head, whose family
    it is, that is no advice. The head's row says the codes differ and how to make them one; nothing of
    H101 is imported (no second household of the same family), the other households are updated."""
    status, _first = import_json(db, capsys, xls_file(tmp_path / "台账.xls", table(families())))
    assert status == 0
    people = families()
    for person in people[:3]:
        person["户编号"] = "H101"
    status, out = import_json(db, capsys, xls_file(tmp_path / "新编号.xls", table(people)))
    assert status == 0 and counts_of(out) == (7, 3, 0, 2, 1, 4) and out["rows_rejected"] == 3
    assert messages(out) == {
        (2, "身份证号"): "此人是系统中户编号“H001”家庭的户主,本行的户编号却是“H101”;如是同一户,请按系统中的户编号“H001”"
                         "填写,或先在家庭档案中把该户的户编号改为“H101”后再导入",
        (3, "身份证号"): "此人已登记在户编号“H001”的家庭中;请先在系统中调整其家庭关系",
        (4, "身份证号"): "此人已登记在户编号“H001”的家庭中;请先在系统中调整其家庭关系",
    }
    with db.session_factory() as s:
        assert sorted(s.scalars(select(Household.code))) == ["H001", "H002", "H003"]
        h001 = s.scalars(select(Household).where(Household.code == "H001")).one()
        assert sorted(s.scalars(select(Member.name).where(Member.household_id == h001.id))) == ["张小明", "张建国", "李秀英"]


def test_a_member_heading_a_household_of_the_system_listed_as_a_member_keeps_the_old_message(
        db: Database, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """陈志强 heads H003 in the system; a new register lists him as 王桂兰's son in H002 without H003:
    he is not this household's head, so the message stays the one about his family relation."""
    status, _first = import_json(db, capsys, xls_file(tmp_path / "台账.xls", table(families())))
    assert status == 0
    people = families()[3:6]
    people[2] = {"户编号": "H002", "与户主关系": "子女", "姓名": "陈志强", "身份证号": people[2]["身份证号"]}
    status, out = import_json(db, capsys, xls_file(tmp_path / "H002.xls", table(people)))
    assert status == 1 and counts_of(out)[4] == 1 and out["rows_rejected"] == 3
    assert messages(out)[(4, "身份证号")] == "此人已登记在户编号“H003”的家庭中;请先在系统中调整其家庭关系"


def test_the_window_says_how_many_rows_were_not_imported(qtbot: Any, db: Database, district: District,
                                                         tmp_path: Path) -> None:
    """The register window's summary gives the count the command prints (rows_rejected)."""
    from desktop.views.register_import import RegisterImportDialog

    path = _one_person_twice(tmp_path)
    dialog = RegisterImportDialog(ctx=None)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show_result(ri.import_households(db, district.admin, path, dry_run=True))
    assert "5 person row(s) of the households with errors would not be imported" in dialog.summary.text()
    dialog.show_result(ri.import_households(db, district.admin, path))
    assert "5 person row(s) of the households with errors were not imported" in dialog.summary.text()
    dialog.show_result(ri.RegisterImportResult(None, "台账.xlsx", rows=2, households=1, households_rejected=1,
                                               rejected_rows={2: "x", 3: "y"}))
    assert "person row(s) of the households" not in dialog.summary.text()  # all left out: said once already
