"""Household register import on values other offices write (relief-desk import households FILE
--json): the ways 特困 support is given (分散 / 集中供养), 城乡低保, more relations, schooling and
amount words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.io import register_template as tpl
from tests.test_import_register import H1, H1_CHILD, row

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
