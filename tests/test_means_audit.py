"""Domain audit of the means test (RULES.md §1.2–1.4): every figure the explanation shows is the one the
comparison used, boundary words (Civil Code art. 1259, 202), net incomes below zero, and properties."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from desktop.rules import idcard
from desktop.rules import means_test as mt
from desktop.rules import policy as P
from tests.test_means_test import ON, check_brief_agrees, demo_settings, facts, person

# -- the lines shown are the lines used ---------------------------------------------------------------

def test_marginal_line_used_is_the_one_shown() -> None:
    """1.55 × 777.77 = 1,205.5435: a per-capita income of exactly 1,205.54 is below it (RULES §1.3 "<"), so
    the household is 低保边缘; the explanation shows the line as 1,205.55 元 (up to the fen), never
    "1,205.54 元 < 1,205.54 元"."""
    s = demo_settings(dibao_standard="777.77", marginal_multiplier="1.55")
    r = mt.assess(facts([person()], str(D("1205.54") * 12)), s, ON)
    assert r.marginal_line == D("1205.55") and r.per_capita_monthly == D("1205.54")
    assert r.category == "marginal"
    assert "1,205.54 元 < 1,205.55 元,认定为低保边缘" in r.explanation
    above = mt.assess(facts([person()], str(D("1205.55") * 12)), s, ON)
    assert above.category == mt.INELIGIBLE


def test_disposable_income_comparison_uses_the_figure_shown() -> None:
    """Three members, 139,499.99 a year: 46,499.996 6… a person, below last year's 46,500.00 元 (RULES §1.3);
    shown cut down to 46,499.99 元, never "46,500.00 元 < 46,500.00 元"."""
    s = demo_settings()
    r = mt.assess(facts([person(), person("乙"), person("丙")], "139499.99", medical="100000"), s, ON)
    assert r.category == "expenditure"
    assert "人均年认定收入 46,499.99 元(分以下舍去) < 上年人均可支配收入 46,500.00 元" in r.explanation
    assert "46,500.00 元 < 46,500.00 元" not in r.explanation
    at = mt.assess(facts([person(), person("乙"), person("丙")], "139500", medical="100000"), s, ON)
    assert at.category == mt.INELIGIBLE
    assert "人均年认定收入 46,500.00 元 ≥ 上年人均可支配收入 46,500.00 元" in at.explanation


def test_rigid_ratio_explained_in_yuan() -> None:
    """50,000.01 ÷ 100,000 = 50.00001%: the explanation shows the comparison in yuan, never "50% > 50%"."""
    s = demo_settings(dibao_standard="1", disposable_income_last_year="9999999")
    r = mt.assess(facts([person()], "100000", medical="50000.01"), s, ON)
    assert r.category == "expenditure"
    assert "50% > 50%" not in r.explanation
    assert "刚性支出 50,000.01 元 > 家庭总收入 100,000.00 元 × 刚性支出比例 50%(2024-01-01 起执行) = 50,000.00 元" in r.explanation
    at = mt.assess(facts([person()], "100000", medical="50000"), s, ON)
    assert at.category == mt.INELIGIBLE
    assert "刚性支出 50,000.00 元 ≤ 家庭总收入 100,000.00 元 × 刚性支出比例 50%(2024-01-01 起执行) = 50,000.00 元" in at.explanation


# -- 29 February (Civil Code art. 202: no corresponding day → the last day of the month) ------------

@pytest.mark.parametrize(("on", "age"), [
    (date(2026, 2, 27), 17), (date(2026, 2, 28), 18), (date(2026, 3, 1), 18),
    (date(2028, 2, 28), 19), (date(2028, 2, 29), 20),
])
def test_age_of_a_29_february_birthday(on: date, age: int) -> None:
    assert idcard.age_on(date(2008, 2, 29), on) == age


def test_29_february_minor_age_18_in_a_common_year() -> None:
    """特困 with the minor age set to 18: born 2008-02-29, she is 18 周岁 on 2026-02-28 (not 未满 18)."""
    s = demo_settings(tekun_minor_age="18")
    f = mt.HouseholdFacts((mt.MemberInput(1, "甲", birth_date=date(2008, 2, 29)),), (), ())
    day_before = mt.assess(f, s, date(2026, 2, 27))
    assert day_before.tekun_candidates and "17周岁,未满18周岁" in day_before.tekun_candidates[0].no_labour_reasons
    assert not mt.assess(f, s, date(2026, 2, 28)).tekun_candidates
    brief = mt.assess_brief([(date(2008, 2, 29), "healthy", "none", 0, "甲")], D(0), D(0), D(0), False, s,
                            date(2026, 2, 28))
    assert brief.tekun_candidates == []


# -- net incomes below zero ------------------------------------------------------------------------------

def test_a_deduction_never_raises_a_negative_total_income() -> None:
    """A business loss above the wages leaves a negative total: a "reduction" of 5% must not turn
    −12,000 into −11,400 (which would raise the income); the explanation says what is wrong."""
    old = person(born=date(1950, 1, 1))
    f = facts([old], "8000", extra=[mt.IncomeItem("business", D("-20000"))])
    r = mt.assess(f, demo_settings(), ON)
    assert r.total_income == D("-12000")
    assert r.counted_income == D("-12000") and r.per_capita_monthly == D("-1000.00")
    assert r.category == "dibao"
    assert "家庭总收入为负数" in r.explanation and "请核实" in r.explanation
    assert "认定收入 = -12,000.00 元 × (1 − 5%)" not in r.explanation
    brief = mt.assess_brief([(old.birth_date, "healthy", "none", 0, "甲")], D("-12000"), D(0), D(0), False,
                            demo_settings(), ON)
    assert brief.counted_income == D("-12000") and brief.per_capita_monthly == D("-1000.00")


# -- properties over signed incomes, wide amounts and settings -------------------------------------------

signed = st.decimals(min_value=-999999999, max_value=999999999, places=2, allow_nan=False, allow_infinity=False)
plain = st.decimals(min_value=0, max_value=999999999, places=2, allow_nan=False, allow_infinity=False)
small = st.decimals(min_value=-50000, max_value=80000, places=2, allow_nan=False, allow_infinity=False)
births = st.one_of(st.dates(min_value=date(1920, 1, 1), max_value=date(2026, 3, 1)),
                   st.sampled_from([date(1966, 3, 1), date(2010, 3, 1), date(2008, 2, 29), date(1964, 2, 29)]),
                   st.none())
kinds = st.sampled_from([("none", 0), ("physical", 1), ("physical", 2), ("physical", 3), ("visual", 1),
                         ("visual", 2), ("intellectual", 3), ("mental", 3), ("mental", 4), ("hearing", 1),
                         ("multiple", 2)])


@st.composite
def wide_households(draw: st.DrawFn) -> mt.HouseholdFacts:
    members = []
    for i in range(draw(st.integers(1, 8))):
        kind, grade = draw(kinds)
        members.append(mt.MemberInput(i, f"成员{i}", birth_date=draw(births),
                                      health=draw(st.sampled_from(["healthy", "chronic", "serious"])),
                                      disability=kind, disability_grade=grade,
                                      employed=draw(st.sampled_from([None, True, False]))))
    amount = draw(st.sampled_from([signed, small]))
    incomes = [mt.IncomeItem("wages", draw(plain if amount is signed else small.map(abs)))]
    incomes += [mt.IncomeItem(k, draw(amount)) for k in ("business", "property", "transfer")]
    incomes.append(mt.IncomeItem("other", draw(plain), exempt=True))
    expenses = tuple(mt.ExpenseItem(k, draw(plain if amount is signed else small.map(abs)))
                     for k in ("medical", "education", "other_rigid"))
    return mt.HouseholdFacts(tuple(members), tuple(incomes), expenses, draw(st.booleans()))


def _wide(area: str, mult: D, ratio: D, cap: D, minor: int, dibao: D, job: D | None,
          ill: D | None) -> P.PolicySettings:
    optional = {"employment_cost": job, "illness_disability_cost_ratio": ill}
    return demo_settings(area, marginal_multiplier=str(mult), rigid_expense_ratio=str(ratio), deduct_cap=str(cap),
                         tekun_minor_age=str(minor), dibao_standard=str(dibao),
                         **{k: str(v) for k, v in optional.items() if v is not None})


wide_policies = st.builds(
    _wide, st.sampled_from(["urban", "rural"]), st.decimals("1", "3", places=3), st.decimals("0", "1", places=3),
    st.decimals("0", "1", places=2), st.sampled_from([16, 18]), st.decimals("0.01", "5000", places=2),
    st.none() | st.decimals("0.01", "3000", places=2), st.none() | st.decimals("0", "1", places=2))
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=400, deadline=None)
@given(wide_households(), wide_policies, days)
def test_the_category_follows_from_the_figures_shown(f: mt.HouseholdFacts, s: P.PolicySettings, on: date) -> None:
    assume(len(mt.not_yet_born(f.members, on)) < len(f.members))
    r = mt.assess(f, s, on)
    pc, dibao = r.per_capita_monthly, s["dibao_standard"]
    line = s["marginal_multiplier"] * dibao
    assert r.marginal_line == mt.ceil_cent(line) and r.marginal_line - line < D("0.01")
    assert (r.category == "dibao") == (pc < dibao)
    assert (r.category == "marginal") == (dibao <= pc < r.marginal_line) == (dibao <= pc < line)
    if r.category in ("expenditure", mt.INELIGIBLE):
        below = r.annual_per_capita < s["disposable_income_last_year"]
        above = (r.rigid_spending > 0 if r.total_income <= 0
                 else r.rigid_spending > mt.rigid_line(r.total_income, s["rigid_expense_ratio"]))
        assert (r.category == "expenditure") == (below and above)
        # the printed figures decide as the exact ones would
        assert below == (r.counted_income / r.members < s["disposable_income_last_year"])
        assert above == (r.rigid_spending > 0 if r.total_income <= 0
                         else r.rigid_spending > r.total_income * s["rigid_expense_ratio"])
    # the counted income: reduced by the capped rate when positive, left alone otherwise
    assert 0 <= r.deduction_rate <= s["deduct_cap"]
    cuts = r.employment_deduction + r.illness_deduction
    if r.total_income > 0:
        assert 0 <= cuts <= r.total_income
        assert (r.total_income - cuts) * (1 - s["deduct_cap"]) <= r.counted_income <= r.total_income - cuts
        assert r.employment_deduction <= r.income_by_kind["wages"]
    else:
        assert r.counted_income == r.total_income and cuts == 0
    assert r.per_capita_monthly == mt.round_cent(r.counted_income / 12 / r.members)
    # the explanation shows the figures used, in Chinese
    text = r.explanation
    assert f"÷ 12 ÷ {r.members} = {mt.yuan(pc)}" in text
    assert f"月人均收入 {mt.yuan(pc)}" in text
    assert f"= {mt.yuan(r.total_income)}" in text or f"合计 {mt.yuan(r.total_income)}" in text
    if r.category != "dibao":
        assert mt.yuan(r.marginal_line) in text
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in step) for step in r.steps)
    assert "None" not in text and "nan" not in text.lower()


@settings(max_examples=300, deadline=None)
@given(wide_households(), wide_policies, days, st.sampled_from(["none", "dibao", "tekun", "marginal", "expenditure"]))
def test_brief_agrees_with_the_explained_one_on_signed_incomes(f: mt.HouseholdFacts, s: P.PolicySettings, on: date,
                                                               current: str) -> None:
    """Negative net incomes, members without a birth date, 29 February, minor age 18: still the same."""
    check_brief_agrees(f, s, on, current)


@settings(max_examples=300, deadline=None)
@given(wide_households(), wide_policies, days, plain)
def test_more_income_never_makes_a_household_more_eligible_even_after_losses(
        f: mt.HouseholdFacts, s: P.PolicySettings, on: date, more: D) -> None:
    assume(len(mt.not_yet_born(f.members, on)) < len(f.members))
    before = mt.assess(f, s, on, explain=False)
    richer = mt.HouseholdFacts(f.members, f.incomes + (mt.IncomeItem("wages", more),), f.expenses, f.single_parent)
    after = mt.assess(richer, s, on, explain=False)
    assert after.per_capita_monthly >= before.per_capita_monthly
    assert mt.ELIGIBILITY_RANK[after.category] >= mt.ELIGIBILITY_RANK[before.category]


def test_no_members_says_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="家庭没有成员"):
        mt.assess(mt.HouseholdFacts(()), demo_settings(), ON)
    with pytest.raises(ValueError, match="家庭没有成员"):
        mt.assess_brief([], D(0), D(0), D(0), False, demo_settings(), ON)


def test_a_household_of_minors_only() -> None:
    """Two children (10 and 15), no income: 低保, both 特困 candidates (未满16周岁), no employment referral."""
    kids = [person("大宝", date(2011, 3, 1), schooling="compulsory"), person("小宝", date(2016, 2, 29))]
    r = mt.assess(facts(kids, "0"), demo_settings(), ON)
    assert r.category == "dibao" and r.per_capita_monthly == D("0.00")
    assert [(c.name, c.no_labour_reasons) for c in r.tekun_candidates] == [
        ("大宝", ["15周岁,未满16周岁"]), ("小宝", ["10周岁,未满16周岁"])]
    assert [ref.department for ref in r.referrals] == ["education"]
    assert "0.00 元 ÷ 12 ÷ 2 = 0.00 元" in r.explanation


def test_the_explanation_names_each_setting_and_when_it_took_effect() -> None:
    """Every setting a comparison used is named with its value and the date its value took effect."""
    old = person(born=date(1950, 1, 1))
    r = mt.assess(facts([old], "30000", medical="20000"), demo_settings(), ON)
    text = r.explanation
    assert "城市低保标准 780.00 元/人·月(2026-01-01 起执行)" in text
    assert "低保边缘线 = 780.00 元 × 低保边缘倍数 1.5(2024-01-01 起执行) = 1,170.00 元" in text
    assert "上年人均可支配收入 46,500.00 元(2026-01-01 起执行)" in text
    assert "刚性支出比例 50%(2024-01-01 起执行)" in text
    assert "特殊群体收入扣减(各项比例和上限为政策参数,上限自 2024-01-01 起执行)" in text


def test_a_member_without_a_birth_date_is_named_in_the_explanation() -> None:
    """Without a birth date (and no readable ID number) the age-based rules (老年人 deduction, 特困 age)
    cannot be applied: the explanation says so and names the member, instead of silently skipping them."""
    f = facts([person("甲"), mt.MemberInput(2, "乙")], "0")
    r = mt.assess(f, demo_settings(), ON)
    assert r.findings[1].age is None
    assert "乙 出生日期不详" in r.explanation and "请补充" in r.explanation
    assert "出生日期不详" not in mt.assess(facts([person("甲")], "0"), demo_settings(), ON).explanation


# -- employment costs and illness/disability rigid costs: settings, deducted only where provided ----------

def test_employment_costs_are_deducted_only_as_the_setting_provides() -> None:
    worker = person("甲", employed=True)
    f = facts([worker, person("乙", employed=False)], "24000")
    none = mt.assess(f, demo_settings(), ON)
    assert none.employment_deduction == 0 and none.per_capita_monthly == D("1000.00")
    assert "必要就业成本:未设置扣减标准(政策参数“必要就业成本扣减”),工资性收入不扣减就业成本。" in none.explanation
    r = mt.assess(f, demo_settings(employment_cost="200"), ON)
    # 24,000 − 1 × 200 × 12 = 21,600 ; / 12 / 2 = 900.00 → 低保边缘 (780 ≤ 900 < 1,170)
    assert r.employment_deduction == D("2400") and r.per_capita_monthly == D("900.00") and r.category == "marginal"
    assert ("必要就业成本扣减:就业成员 1 人 × 200.00 元/人·月(2024-01-01 起执行) × 12 = 2,400.00 元;"
            "扣减 2,400.00 元。") in r.explanation
    assert "认定收入 = (24,000.00 元 − 2,400.00 元) × (1 − 0%) = 21,600.00 元" in r.explanation
    small = mt.assess(facts([worker], "1000"), demo_settings(employment_cost="200"), ON)
    assert small.employment_deduction == D("1000") and small.counted_income == 0
    assert "以工资性收入 1,000.00 元 为限" in small.explanation
    # nobody recorded as employed: nothing to deduct, and no line about it
    idle = mt.assess(facts([person()], "24000"), demo_settings(employment_cost="200"), ON)
    assert idle.employment_deduction == 0 and "就业成本" not in idle.explanation


def test_illness_and_disability_costs_are_deducted_only_as_the_setting_provides() -> None:
    ill = person("甲", health="serious")
    f = facts([ill, person("乙")], "36000", medical="6000", education="1000", other="2000")
    none = mt.assess(f, demo_settings(), ON)
    assert none.illness_deduction == 0
    assert "因病因残刚性支出:未设置扣减比例(政策参数“因病因残刚性支出扣减比例”),不从收入中扣减。" in none.explanation
    r = mt.assess(f, demo_settings(illness_disability_cost_ratio="50%"), ON)
    # (6,000 + 2,000) × 50% = 4,000 (education is not an illness cost); (36,000 − 4,000) × (1 − 10%) = 28,800
    assert r.illness_deduction == D("4000.00") and r.counted_income == D("28800.00")
    assert ("因病因残刚性支出扣减:(医疗 6,000.00 元 + 其他刚性 2,000.00 元) × 50%(2024-01-01 起执行) = 4,000.00 元;"
            "扣减 4,000.00 元。") in r.explanation
    assert "认定收入 = (36,000.00 元 − 4,000.00 元) × (1 − 10%) = 28,800.00 元" in r.explanation
    healthy = mt.assess(facts([person(), person("乙")], "36000", medical="6000"),
                        demo_settings(illness_disability_cost_ratio="50%"), ON)
    assert healthy.illness_deduction == 0 and "因病因残" not in healthy.explanation
    capped = mt.assess(facts([ill], "3000", medical="10000"), demo_settings(illness_disability_cost_ratio="1"), ON)
    assert capped.illness_deduction == D("3000") and capped.counted_income == 0
    assert "以家庭总收入为限" in capped.explanation


def test_optional_deductions_are_frozen_with_the_assessment_when_set() -> None:
    s = demo_settings(employment_cost="150", illness_disability_cost_ratio="30%")
    frozen = s.frozen()
    assert frozen["employment_cost"]["value"] == "150.00"
    assert frozen["illness_disability_cost_ratio"]["value"] == "0.3"
    assert "gradual_exit_months" not in frozen
    assert "employment_cost" not in demo_settings().frozen()
    assert P.missing_names({n: 1 for n in P.REQUIRED_NAMES}) == []  # optional: an old set stays complete


@pytest.mark.parametrize(("wages", "category", "said"), [
    ("6000", "dibao", True), ("12000", "marginal", True), ("60000", mt.INELIGIBLE, False)])
def test_the_property_condition_is_left_to_the_data_check_and_said(wages: str, category: str, said: bool) -> None:
    """RULES §1.3: 低保 is income below the standard *and* property within local rules. The means test
    has the income only: an eligible result says that the property condition is still to be checked."""
    r = mt.assess(facts([person()], wages), demo_settings(), ON)
    assert r.category == category
    assert ("还须家庭财产状况符合当地规定,以家庭经济状况核对(授权比对)结果为准" in r.explanation) is said
