"""Domain audit of the assessment services (RULES.md §1.2): net incomes below zero, amounts out of range,
settings in force on the assessment date, frozen assessments and re-assessment — on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from desktop.rules import means_test as mt
from desktop.services import assessment as svc
from desktop.services.errors import ValidationFailed
from tests.district import District
from tests.test_assessment import ON, _request, add_household, caseworker, seeded  # noqa: F401


def test_net_transfer_income_may_be_negative(seeded: District) -> None:  # noqa: F811
    """转移净收入 = received − taxes, contributions and support paid (RULES §1.2): it may be below zero,
    like net business and property income; wages, other income and exempt items may not."""
    db, actor = seeded.db, caseworker(seeded)
    hid = add_household(db, seeded.regions["八泉社区"], [{"name": "孙一"}], incomes={"wages": "12000"})
    inputs = svc.load_household(db, actor, hid)
    facts = replace(inputs.facts(), incomes=(mt.IncomeItem("wages", D("12000")),
                                             mt.IncomeItem("transfer", D("-2400"))))
    pv = svc.preview(db, actor, hid, facts, ON)
    assert pv.result.total_income == D("9600") and pv.result.per_capita_monthly == D("800.00")
    assert "− 转移净收入 2,400.00 元" in pv.result.explanation
    saved = svc.save_assessment(db, actor, replace(_request(inputs, mt.CLASS_1, override_reason="核实"), facts=facts))
    assert saved.category == "marginal"
    for bad in (mt.IncomeItem("wages", D("-1")), mt.IncomeItem("other", D("-1")),
                mt.IncomeItem("other", D("-1"), exempt=True)):
        with pytest.raises(ValidationFailed, match="只有经营净收入、财产净收入、转移净收入可以为负数"):
            svc.preview(db, actor, hid, replace(facts, incomes=(bad,)), ON)


@pytest.mark.parametrize("amount", ["1000000000000", "-1000000000000", "12.345"])
def test_amounts_out_of_range_are_refused_before_anything_is_written(seeded: District, amount: str) -> None:  # noqa: F811
    db, actor = seeded.db, caseworker(seeded)
    hid = add_household(db, seeded.regions["八泉社区"], [{"name": "周一"}], incomes={"wages": "12000"})
    inputs = svc.load_household(db, actor, hid)
    facts = replace(inputs.facts(), incomes=(mt.IncomeItem("business", D(amount)),),
                    expenses=(mt.ExpenseItem("medical", abs(D(amount))),))
    with pytest.raises(ValidationFailed, match="第 1 项收入.*(超出|两位小数)") as err:
        svc.save_assessment(db, actor, replace(_request(inputs, mt.CLASS_1, override_reason="核实"), facts=facts))
    assert "第 1 项支出" in str(err.value)
    assert svc.list_assessments(db, actor, household_id=hid) == []


def test_a_saved_assessment_records_the_rule_version(seeded: District) -> None:  # noqa: F811
    """RULES §1.1: an assessment is a frozen snapshot of inputs, rule version and result. The version of
    the calculation is kept with the result, shown in the explanation and on the calculation sheet."""
    from desktop.views.assessment_wizard import sheet_html

    db, actor = seeded.db, caseworker(seeded)
    hid = add_household(db, seeded.regions["八泉社区"], [{"name": "吴一"}], incomes={"wages": "6000"})
    inputs = svc.load_household(db, actor, hid)
    saved = svc.save_assessment(db, actor, _request(inputs, mt.APPLY))
    detail = svc.get_assessment(db, actor, saved.assessment_id)
    assert detail.result["rule_version"] == mt.RULE_VERSION
    assert f"计算规则版本 {mt.RULE_VERSION}" in detail.explanation.splitlines()[0]
    assert f"计算规则版本 {mt.RULE_VERSION}" in sheet_html(detail)
    old = replace(detail, result={k: v for k, v in detail.result.items() if k != "rule_version"})
    assert "计算规则版本 未记录" in sheet_html(old)
