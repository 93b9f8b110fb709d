"""Session 37: the allowance never pays more than the standard (a business loss is no claim on it), and
a wage earner whose work is not marked either way has the employment costs deducted."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from desktop.rules import means_test as mt
from tests.test_assessment import seeded  # noqa: F401
from tests.test_means_test import ON, demo_settings, person


def test_a_loss_does_not_raise_the_allowance_above_the_standard() -> None:
    # One urban person (standard 780.00) with a net business loss of 6,000 a year: per capita −500.00.
    f = mt.HouseholdFacts((person("甲"),), (mt.IncomeItem("business", D("-6000")),), ())
    r = mt.assess(f, demo_settings(), ON)
    assert r.per_capita_monthly == D("-500.00") and r.category == "dibao"
    assert mt.dibao_allowance(r.dibao_line, r.per_capita_monthly, r.members) == D("780.00")  # was 1,280.00
    assert mt.dibao_allowance(D("780"), D("-0.01"), 3) == D("2340.00")
    assert mt.dibao_allowance(D("780"), D("100.00"), 3) == D("2040.00")
    assert mt.dibao_allowance(D("780"), D("780.00"), 3) == D("0.00")


def test_wages_of_a_member_whose_work_is_not_marked_carry_the_employment_cost() -> None:
    s = demo_settings(employment_cost="200")

    def household(employed: bool | None) -> mt.HouseholdFacts:
        return mt.HouseholdFacts(
            (mt.MemberInput(1, "甲", birth_date=date(1980, 6, 1), employed=employed),
             mt.MemberInput(2, "乙", birth_date=date(1982, 6, 1))),
            (mt.IncomeItem("wages", D("24000"), member_id=1), mt.IncomeItem("transfer", D("1200"), member_id=2)), ())

    unmarked = mt.assess(household(None), s, ON)  # as a household register leaves it
    assert unmarked.employed_members == 1 and unmarked.employment_deduction == D("2400")
    assert "就业成员 1 人" in unmarked.explanation
    assert mt.assess(household(True), s, ON).employment_deduction == D("2400")
    assert mt.assess(household(False), s, ON).employment_deduction == 0  # marked not working: as marked
    # wages of the household as a whole name no one: nobody is taken to be at work
    whole = mt.HouseholdFacts((mt.MemberInput(1, "甲", birth_date=date(1980, 6, 1)),),
                              (mt.IncomeItem("wages", D("24000")),), ())
    assert mt.assess(whole, s, ON).employment_deduction == 0


def test_reassess_counts_the_unmarked_wage_earner_as_the_wizard_does(seeded, tmp_path) -> None:  # noqa: ANN001, F811
    from desktop.services import assessment as svc
    from desktop.services import policy
    from tests.test_assessment import _sheet, add_household, caseworker

    db, actor = seeded.db, caseworker(seeded)
    policy.set_settings(db, seeded.admin, effective_from=date(2026, 2, 1), area_type="城市",
                        values={"employment_cost": "200"})
    hid = add_household(db, seeded.regions["八泉社区"], [{"name": "常工"}, {"name": "常妻"}],
                        incomes={"wages": "30000"})  # the head's wages; nobody marked either way
    expected = svc.preview(db, actor, hid, svc.load_household(db, actor, hid).facts(), ON).result
    # (30,000 − 1 × 200 × 12) / 12 / 2 = 1,150.00 → 低保边缘 (below 1,170.00)
    assert expected.employment_deduction == D("2400") and expected.per_capita_monthly == D("1150.00")
    svc.reassess(db, actor, as_of=ON, out_path=tmp_path / "r.xlsx")
    row = next(r for r in _sheet(tmp_path / "r.xlsx") if r["户主姓名"] == "常工")
    assert D(str(row["月人均收入"])) == D("1150.00") and row["建议类别"] == "低保边缘"


def test_reassess_says_when_the_incomes_are_not_for_the_year_before_the_date(seeded, tmp_path) -> None:  # noqa: ANN001, F811
    """A re-assessment uses the latest figures held; a date before them, or long after, was computed on
    silently (issue 5 sums the 12 months before the assessment date)."""
    from desktop.services import assessment as svc
    from tests.test_assessment import _sheet, add_household, caseworker

    db, actor = seeded.db, caseworker(seeded)
    add_household(db, seeded.regions["八泉社区"], [{"name": "期末"}], incomes={"wages": "12000"},
                  period_end=date(2026, 1, 31))

    def note(on: date) -> tuple[str, int]:
        summary = svc.reassess(db, actor, as_of=on, out_path=tmp_path / f"{on}.xlsx")
        row = next(r for r in _sheet(tmp_path / f"{on}.xlsx") if r["户主姓名"] == "期末")
        return row.get("备注") or "", summary.figures_off_period

    assert note(date(2026, 2, 15))[0] == ""
    early, n = note(date(2025, 6, 1))
    assert "截至 2026-01-31" in early and "晚于评估日期 2025-06-01" in early and n >= 1
    late, _n = note(date(2026, 12, 1))
    assert "距评估日期已超过半年" in late
