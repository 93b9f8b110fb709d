"""Domain audit of the assessment services (RULES.md §1.2): net incomes below zero, amounts out of range,
settings in force on the assessment date, frozen assessments and re-assessment — on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
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
    assert "月人均收入 <b>500.00 元</b>" in sheet_html(detail)
    wealthier = replace(detail, result={**detail.result, "per_capita_monthly": "3875.00"})
    assert "月人均收入 <b>3,875.00 元</b>" in sheet_html(wealthier)  # as the explanation writes amounts
    old = replace(detail, result={k: v for k, v in detail.result.items() if k != "rule_version"})
    assert "计算规则版本 未记录" in sheet_html(old)


def test_reassess_applies_the_optional_deductions_as_the_wizard_does(seeded: District, tmp_path) -> None:  # noqa: ANN001, F811
    """The set-based re-assessment reads wages, members at work and illness costs the same way as the
    explained calculation, with the deduction settings in force on its date."""
    from desktop.services import policy
    from tests.test_assessment import _sheet

    db, actor = seeded.db, caseworker(seeded)
    policy.set_settings(db, seeded.admin, effective_from=date(2026, 2, 1), area_type="城市",
                        values={"employment_cost": "200", "illness_disability_cost_ratio": "50%"})
    hid = add_household(db, seeded.regions["八泉社区"], [
        {"name": "何工", "employed": True}, {"name": "何病", "health": "serious", "employed": False}],
        incomes={"wages": "30000", "transfer": "-1200"}, exempt="500",
        expenses={"medical": "6000", "education": "1000", "other_rigid": "2000"})
    expected = svc.preview(db, actor, hid, svc.load_household(db, actor, hid).facts(), ON).result
    # (28,800 − 2,400 − 4,000) × (1 − 10%) = 20,160 ; / 12 / 2 = 840.00
    assert (expected.employment_deduction, expected.illness_deduction) == (D("2400"), D("4000.00"))
    assert expected.per_capita_monthly == D("840.00") and expected.category == "marginal"
    summary = svc.reassess(db, actor, as_of=ON, out_path=tmp_path / "r.xlsx")
    row = next(r for r in _sheet(tmp_path / "r.xlsx") if r["户主姓名"] == "何工")
    assert D(str(row["月人均收入"])) == expected.per_capita_monthly and row["建议类别"] == "低保边缘"
    assert summary.settings_used["urban"]["employment_cost"]["value"] == "200.00"
    # before the settings took effect: no deduction
    svc.reassess(db, actor, as_of=date(2026, 1, 31), out_path=tmp_path / "old.xlsx")
    old = next(r for r in _sheet(tmp_path / "old.xlsx") if r["户主姓名"] == "何工")
    assert D(str(old["月人均收入"])) == D("1080.00")  # 28,800 × 0.9 / 12 / 2
