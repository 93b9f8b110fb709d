"""Household register import on values other offices write (relief-desk import households FILE
--json): the ways 特困 support is given (分散 / 集中供养), 城乡低保, more relations, schooling and
amount words, and a category naming an area other than the household's (农村低保 in a 城市 household)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.cli import main as cli_main
from desktop.io import register_template as tpl
from desktop.models import Household, Member
from desktop.services.database import Database
from tests.district import District
from tests.test_import_register import H1, H1_CHILD, H1_SPOUSE, H2, H3, row, write_register

COLUMNS = {h: i for i, h in enumerate(tpl.HEADER)}
ATTRIBUTE = {"与户主关系": "relation", "当前救助类别": "category", "在校情况": "schooling", "监测库别": "library"}


@pytest.mark.parametrize(("column", "text", "wanted"), [
    ("当前救助类别", "分散特困", "tekun"), ("当前救助类别", "集中特困", "tekun"),
    ("当前救助类别", "分散供养特困人员", "tekun"), ("当前救助类别", "集中供养特困人员", "tekun"),
    ("当前救助类别", "分散供养", "tekun"), ("当前救助类别", "集中供养", "tekun"), ("当前救助类别", "特困分散供养", "tekun"),
    ("当前救助类别", "城乡低保", "dibao"), ("当前救助类别", "最低生活保障", "dibao"),
    ("当前救助类别", "支出型贫困家庭", "expenditure"),
    ("与户主关系", "外孙子女", "grandchild"),
    ("在校情况", "大学本科", "higher"), ("在校情况", "大学专科", "higher"), ("在校情况", "职业高中", "vocational"),
    ("在校情况", "技工学校", "vocational"),
    ("监测库别", "一类监测库", "class_1"), ("监测库别", "二类监测库", "class_2"),
])
def test_more_words_offices_write(column: str, text: str, wanted: str) -> None:
    values = {"与户主关系": "本人", column: text}
    person, errors = tpl.parse_row(3, row(户编号="X", 姓名="乙", 身份证号=H1_CHILD, **values), COLUMNS)
    assert errors == [] and person is not None, text
    assert getattr(person, ATTRIBUTE[column]) == wanted, text


@pytest.mark.parametrize(("column", "text"), [
    ("当前救助类别", "低保,临时救助"), ("当前救助类别", "分散"), ("当前救助类别", "城乡"), ("监测库别", "监测库"),
    ("在校情况", "大学毕业生"),
])
def test_words_that_say_no_one_value_stay_errors_naming_the_allowed_ones(column: str, text: str) -> None:
    person, errors = tpl.parse_row(3, row(户编号="X", 与户主关系="本人", 姓名="乙", 身份证号=H1_CHILD, **{column: text}),
                                   COLUMNS)
    assert person is None and [e.column for e in errors] == [column]
    assert "可填:" in errors[0].message


@pytest.mark.parametrize("text", ["无收入", "暂无", "没有收入"])
def test_no_income_written_in_words_is_zero(text: str) -> None:
    person, errors = tpl.parse_row(3, row(户编号="X", 与户主关系="本人", 姓名="乙", 身份证号=H1, 工资性收入=text,
                                          经营净收入=6000), COLUMNS)
    assert errors == [] and person is not None
    assert person.incomes == {"business": Decimal("6000")}


def _import(path: Path, capsys: pytest.CaptureFixture[str], db: Database) -> dict[str, Any]:
    capsys.readouterr()
    url = db.url.render_as_string(hide_password=False)
    status = cli_main(["import", "households", str(path), "--json", "--database-url", url])
    out = json.loads(capsys.readouterr().out)
    # exit status 1 when no household at all could be imported, as for other input with errors
    assert status == (0 if out["households_created"] + out["households_updated"] else 1)
    return out


def test_a_category_naming_another_area_than_the_households_is_refused(db: Database, district: District,
                                                                     tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """农村低保 was kept as 低保 in a household the register says is 城市 (the standard its income is
    held to is the town's): one of the two is wrong. Written with a household whose 城乡类别 is left
    blank, the category's area is the household's, over the community's."""
    path = write_register(tmp_path / "台账.xlsx", [
        # 城市 stated, 农村低保: refused
        row(户编号="F1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区", 城乡类别="城市",
            当前救助类别="农村低保"),
        row(户编号="F1", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE),
        # blank area in an urban community, 农村特困: a rural household; its member's 城市低保 contradicts it
        row(户编号="F2", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="八泉街道", 社区="八泉社区",
            当前救助类别="农村特困"),
        row(户编号="F2", 与户主关系="子女", 姓名="孙小", 身份证号=H1_CHILD, 当前救助类别="城市特困"),
        # agreeing: imported, 城市 from its 城市低保 in a rural village
        row(户编号="F3", 与户主关系="本人", 姓名="李四", 身份证号=H3, 街道="河口镇", 社区="道仕袱村", 当前救助类别="城镇低保"),
    ])
    out = _import(path, capsys, db)
    assert (out["households_created"], out["households_rejected"]) == (1, 2)
    errors = [(e["row"], e["column"], e["message"]) for e in out["errors"]]
    assert errors == [
        (2, "当前救助类别", "“农村低保”是农村的救助类别,本户的城乡类别是“城市”(户主行第 2 行所填);请核对城乡类别或当前救助类别后再导入"),
        (5, "当前救助类别", "“城市特困”是城市的救助类别,本户的城乡类别是“农村”(由户主行第 4 行的“农村特困”得出);"
                        "请核对城乡类别或当前救助类别后再导入"),
    ]
    with db.session_factory() as s:
        assert s.execute(select(Household.code, Household.area_type, Household.category)).all() == \
            [("F3", "urban", "dibao")]


def test_a_category_with_its_area_in_a_household_of_that_area_is_imported(db: Database, district: District,
                                                                         tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = write_register(tmp_path / "台账.xlsx", [
        row(户编号="F1", 与户主关系="户主", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区", 城乡类别="农村",
            当前救助类别="农村低保户"),
        row(户编号="F1", 与户主关系="妻", 姓名="钱二", 身份证号=H1_SPOUSE, 当前救助类别="农村低保"),
        row(户编号="F2", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="河口镇", 社区="道仕袱村",
            当前救助类别="分散供养特困人员"),
    ])
    out = _import(path, capsys, db)
    assert (out["households_created"], out["households_rejected"], out["errors"]) == (2, 0, [])
    with db.session_factory() as s:
        assert s.execute(select(Household.code, Household.area_type, Household.category)
                         .order_by(Household.code)).all() == [("F1", "rural", "dibao"), ("F2", "rural", "tekun")]


@pytest.mark.parametrize(("text", "wanted"), [("36000元/年", Decimal("36000")), ("1.2万/年", Decimal("12000")),
                                              ("36000每年", Decimal("36000"))])
def test_an_amount_written_per_year_is_the_years_amount(text: str, wanted: Decimal) -> None:
    person, errors = tpl.parse_row(3, row(户编号="X", 与户主关系="本人", 姓名="乙", 身份证号=H1, 工资性收入=text), COLUMNS)
    assert errors == [] and person is not None and person.incomes == {"wages": wanted}


@pytest.mark.parametrize("text", ["3000元/月", "每月3000", "月均3000元"])
def test_an_amount_written_per_month_is_refused_saying_the_year_is_asked(text: str) -> None:
    """Not multiplied by 12 (the person may not have earned it every month), nor read as 3000: the
    message said only that it was no amount."""
    person, errors = tpl.parse_row(3, row(户编号="X", 与户主关系="本人", 姓名="乙", 身份证号=H1, 工资性收入=text), COLUMNS)
    assert person is None
    assert [str(e) for e in errors] == [f"第 3 行“工资性收入”列:“{text}”是每月的金额;请填写近 12 个月的合计金额(元)"]


def test_ditto_in_the_household_columns_of_a_members_row_is_the_heads(db: Database, district: District,
                                                                     tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """同上 / 同户主 on a member's row, in the columns read from the head's row (街道 … 监测库别), refused
    the household (“同上”不是可填写的值, 系统中没有…). On the head's row it is still an error: there it
    would be the household above's value."""
    ditto = {c: "同上" for c in tpl.HEAD_ONLY}
    path = write_register(tmp_path / "台账.xlsx", [
        row(户编号="F1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区", 联系电话="13800000001",
            城乡类别="农村", 单亲家庭="是", 当前救助类别="低保", 监测库别="无"),
        row(户编号="F1", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE, **ditto),
        row(户编号="F1", 与户主关系="子女", 姓名="赵小", 身份证号=H1_CHILD, **{c: "同户主" for c in tpl.HEAD_ONLY}),
        row(户编号="F2", 与户主关系="本人", 姓名="孙三", 身份证号=H2, **{**ditto, "住址": "", "联系电话": ""}),
    ])
    out = _import(path, capsys, db)
    assert (out["households_created"], out["households_rejected"]) == (1, 1)
    assert {(e["row"], e["column"]) for e in out["errors"]} == {(5, "城乡类别"), (5, "单亲家庭"), (5, "当前救助类别"),
                                                               (5, "监测库别")}
    with db.session_factory() as s:
        assert s.execute(select(Household.code, Household.area_type, Household.single_parent, Household.category,
                                Household.member_count)).all() == [("F1", "rural", True, "dibao", 3)]
        assert s.execute(select(Member.name, Member.phone).order_by(Member.id)).all() == \
            [("赵大", "13800000001"), ("钱二", ""), ("赵小", "")]  # 同上 is no phone of their own


def test_two_heads_of_one_code_in_different_communities_are_told_apart(db: Database, district: District,
                                                                      tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Two communities' registers pasted into one, each numbering from F1: the second head's error
    says where the two live and what to do, not only that a household has one head."""
    path = write_register(tmp_path / "台账.xlsx", [
        row(户编号="F1", 与户主关系="本人", 姓名="赵大", 身份证号=H1, 街道="八泉街道", 社区="飞云社区"),
        row(户编号="F1", 与户主关系="配偶", 姓名="钱二", 身份证号=H1_SPOUSE),
        row(户编号="F1", 与户主关系="本人", 姓名="孙三", 身份证号=H2, 街道="八泉街道", 社区="八泉社区"),
        row(户编号="F1", 与户主关系="本人", 姓名="李四", 身份证号=H3, 街道="八泉街道", 社区="飞云社区"),
    ])
    out = _import(path, capsys, db)
    assert (out["households_created"], out["households_rejected"]) == (0, 1)
    assert [(e["row"], e["message"]) for e in out["errors"]] == [
        (4, "户编号“F1”已有户主(第 2 行),一户只能有一个“本人”;两行的街道或社区不同(“飞云社区”与“八泉社区”),"
            "可能是两本台账各自使用了户编号“F1”,请给其中一户改用另一个户编号"),
        (5, "户编号“F1”已有户主(第 2 行),一户只能有一个“本人”"),
    ]
