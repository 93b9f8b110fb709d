"""The means test: worked examples computed by hand, and properties checked with hypothesis."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.rules import means_test as mt
from desktop.rules import policy as P

ON = date(2026, 3, 1)


def demo_settings(area: str = "urban", on: date = ON, **override: str) -> P.PolicySettings:
    dated: dict[str, tuple[D, date]] = {}
    for eff, values in sorted(P.DEMO_POLICY[area].items()):
        if eff <= on:
            for name, raw in values.items():
                dated[name] = (P.parse_value(name, raw), eff)
    for name, raw in override.items():
        dated[name] = (P.parse_value(name, raw), date(2024, 1, 1))
    return P.make_settings(area, on, dated)


def person(name: str = "甲", born: date = date(1980, 6, 1), **kw: object) -> mt.MemberInput:
    return mt.MemberInput(None, name, birth_date=born, **kw)  # type: ignore[arg-type]


def facts(members: list[mt.MemberInput], wages: str = "0", *, extra: list[mt.IncomeItem] | None = None,
          medical: str = "0", education: str = "0", other: str = "0", single_parent: bool = False) -> mt.HouseholdFacts:
    incomes = [mt.IncomeItem("wages", D(wages))] + (extra or [])
    expenses = [mt.ExpenseItem("medical", D(medical)), mt.ExpenseItem("education", D(education)),
                mt.ExpenseItem("other_rigid", D(other))]
    return mt.HouseholdFacts(tuple(members), tuple(incomes), tuple(expenses), single_parent)


# -- worked examples (figures computed by hand) ---------------------------------------------------

def test_worked_example_dibao_with_deductions() -> None:
    # Urban 2026: standard 780.00. Three members: a seriously ill 62-year-old (elderly too),
    # a spouse, a child at school. Wages 24,000 + transfer 1,200; a 500 veterans' benefit is exempt.
    # deduction = 10% (ill) + 5% (one elderly) = 15%; counted = 25,200 × 0.85 = 21,420.00;
    # per capita = 21,420 / 12 / 3 = 595.00 < 780.00 → 低保.
    f = mt.HouseholdFacts(
        (person("老张", date(1963, 5, 20), health="serious"), person("李芳", date(1970, 1, 1)),
         person("张小", date(2012, 9, 1), schooling="compulsory")),
        (mt.IncomeItem("wages", D("24000")), mt.IncomeItem("transfer", D("1200")),
         mt.IncomeItem("other", D("500"), exempt=True)),
        (mt.ExpenseItem("medical", D("8000")),))
    r = mt.assess(f, demo_settings(), ON)
    assert r.total_income == D("25200")
    assert r.exempt_income == D("500")
    assert r.deduction_rate == D("0.15")
    assert mt.round_cent(r.counted_income) == D("21420.00")
    assert r.per_capita_monthly == D("595.00")
    assert r.category == "dibao"
    assert r.suggested_placement == mt.APPLY
    # the 62-year-old and the 13-year-old have no labour capacity and the family is under the standard
    assert [c.name for c in r.tekun_candidates] == ["老张", "张小"]
    assert not r.urgent  # 8,000 ≤ 12,600 and 595 ≥ 390
    assert {x.department for x in r.referrals} == {"medical_insurance", "education"}
    text = r.explanation
    assert "25,200.00 元 × (1 − 15%) = 21,420.00 元" in text
    assert "21,420.00 元 ÷ 12 ÷ 3 = 595.00 元" in text
    assert "595.00 元 < 780.00 元,认定为低保" in text
    assert "(2026-01-01 起执行)" in text


def test_worked_example_marginal_and_single_person() -> None:
    # Rural 2026: standard 620.00, marginal line 930.00. Two members; one grade-2 physical disability.
    # wages 20,000; deduction 10%; counted 18,000; per capita 18,000/12/2 = 750.00 → 低保边缘.
    f = facts([person("王一"), person("王二", disability="physical", disability_grade=2)], "20000")
    r = mt.assess(f, demo_settings("rural"), ON)
    assert r.per_capita_monthly == D("750.00")
    assert r.marginal_line == D("930.00")
    assert r.category == "marginal"
    assert [c.name for c in r.single_person_candidates] == ["王二"]
    assert r.tekun_candidates == []  # above the standard: no "no livelihood"
    assert r.suggested_placement == mt.CLASS_1
    assert "750.00 元 < 930.00 元,认定为低保边缘" in r.explanation


def test_worked_example_expenditure_type() -> None:
    # Urban 2026: one member, wages 30,000, medical 20,000. No deduction.
    # per capita 2,500.00 ≥ 1,170.00; annual 30,000 < 46,500; 20,000/30,000 = 66.67% > 50% → 支出型困难;
    # medical 20,000 > 15,000 → urgent.
    r = mt.assess(facts([person()], "30000", medical="20000"), demo_settings(), ON)
    assert r.per_capita_monthly == D("2500.00")
    assert r.category == "expenditure"
    assert r.urgent
    assert r.suggested_placement == mt.CLASS_1
    assert "刚性支出 20,000.00 元 > 家庭总收入 30,000.00 元 × 刚性支出比例 50%(2024-01-01 起执行) = 15,000.00 元" in r.explanation
    assert "占家庭总收入 66.67%" in r.explanation


def test_worked_example_ineligible_and_vulnerable() -> None:
    r = mt.assess(facts([person(), person("乙")], "60000", education="3000"), demo_settings(), ON)
    assert r.per_capita_monthly == D("2500.00")
    assert r.category == mt.INELIGIBLE
    assert r.label == "不符合"
    assert r.vulnerable and r.suggested_placement == mt.CLASS_2
    r2 = mt.assess(facts([person(), person("乙")], "60000"), demo_settings(), ON)
    assert not r2.vulnerable and r2.suggested_placement == mt.NOT_MONITORED
    assert r2.referrals == []


def test_rounding_half_up_to_the_fen() -> None:
    # 100.30 / 12 / 1 = 8.358333… → 8.36 ; 1 / 12 / 8 = 0.0104… → 0.01 ; 0.06 / 12 / 1 = 0.005 → 0.01 (half-up)
    s = demo_settings()
    assert mt.assess(facts([person()], "100.30"), s, ON).per_capita_monthly == D("8.36")
    assert mt.assess(facts([person()], "0.06"), s, ON).per_capita_monthly == D("0.01")


def test_strict_less_than_at_the_standard() -> None:
    s = demo_settings()  # 780.00 urban
    at_standard = mt.assess(facts([person()], str(780 * 12)), s, ON)
    assert at_standard.per_capita_monthly == D("780.00")
    assert at_standard.category == "marginal"  # 780.00 is not < 780.00
    at_line = mt.assess(facts([person()], str(1170 * 12)), s, ON)
    assert at_line.category == mt.INELIGIBLE  # 1,170.00 is not < 1,170.00
    below = mt.assess(facts([person()], str(780 * 12 - 1)), s, ON)
    assert below.per_capita_monthly == D("779.92") and below.category == "dibao"


def test_expenditure_ratio_boundary_and_zero_income() -> None:
    s = demo_settings(dibao_standard="1")  # make the income lines irrelevant
    exactly = mt.assess(facts([person()], "20000", medical="10000"), s, ON)
    assert exactly.category == mt.INELIGIBLE  # 50% is not > 50%
    above = mt.assess(facts([person()], "20000", medical="10000.01"), s, ON)
    assert above.category == "expenditure"
    # total income 0: with a standard of 0.01 the per-capita line is not met; any rigid spending counts
    zero = demo_settings(dibao_standard="0.01")
    # 0.00 < 0.01 → still 低保 (the issue's order), never a division by zero
    assert mt.assess(facts([person()], "0", medical="100"), zero, ON).category == "dibao"
    assert mt.rigid_above_ratio(D("100"), D("0"), D("0.5")) is True
    assert mt.rigid_above_ratio(D("0"), D("0"), D("0.5")) is False


def test_deduction_cap_applies() -> None:
    # four seriously ill elderly members: 4×10% + 4×5% = 60% → capped at 30%
    members = [person(str(i), date(1950, 1, 1), health="serious") for i in range(4)]
    r = mt.assess(facts(members, "48000"), demo_settings(), ON)
    assert r.deduction_uncapped == D("0.60")
    assert r.deduction_rate == D("0.3")
    assert "超过上限 30%,按上限计" in r.explanation


def test_severe_disability_grades() -> None:
    assert mt.is_severely_disabled(person(disability="physical", disability_grade=2))
    assert not mt.is_severely_disabled(person(disability="physical", disability_grade=3))
    assert mt.is_severely_disabled(person(disability="intellectual", disability_grade=3))
    assert mt.is_severely_disabled(person(disability="mental", disability_grade=3))
    assert not mt.is_severely_disabled(person(disability="mental", disability_grade=4))
    assert not mt.is_severely_disabled(person(disability="none", disability_grade=0))


def test_age_from_id_number_when_birth_date_missing() -> None:
    from desktop.rules import idcard

    # an invalid number (bad check character) gives no birth date: never guessed
    assert not idcard.is_valid("420200199001011233")
    assert mt.MemberInput(None, "甲", id_number="420200199001011233").born() is None

    valid = idcard.make("420203", date(1966, 3, 1), 123)
    assert mt.MemberInput(None, "乙", id_number=valid).age_on(ON) == 60


def test_facts_json_round_trip() -> None:
    f = facts([person("甲", health="serious", employed=False)], "123.45", medical="9")
    assert mt.HouseholdFacts.from_json(f.to_json()) == f


def test_placement_for_households_in_assistance() -> None:
    assert mt.suggest_placement("marginal", True, "dibao") == mt.REVIEW
    assert mt.suggest_placement("dibao", False, "tekun") == mt.APPLY


# -- policy values -----------------------------------------------------------------------------------

def test_policy_parsing() -> None:
    assert P.parse_value("deduct_cap", "30%") == D("0.3")
    assert P.parse_value("dibao_standard", "1,080") == D("1080.00")
    assert P.parse_value("elderly_age", "60") == D(60)
    for name, bad in [("dibao_standard", "abc"), ("dibao_standard", "-5"), ("deduct_cap", "1.5"),
                      ("elderly_age", "60.5"), ("marginal_multiplier", "0.5"), ("nope", "1"),
                      ("dibao_standard", "12.345")]:
        with pytest.raises(P.PolicyValueError):
            P.parse_value(name, bad)
    for huge in ("1e30", "1e400", "99999999999999999999"):  # 1e400 was decimal.InvalidOperation (内部错误)
        with pytest.raises(P.PolicyValueError, match="不能超过"):
            P.parse_value("dibao_standard", huge)
    assert P.parse_value("disposable_income_last_year", "1e5") == D("100000.00")
    with pytest.raises(P.PolicyValueError, match="缺少"):
        P.make_settings("urban", ON, {})
    assert P.area_code("农村") == "rural"
    with pytest.raises(P.PolicyValueError):
        P.area_code("郊区")


# -- properties --------------------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=500000, places=2, allow_nan=False, allow_infinity=False)
health = st.sampled_from(["healthy", "chronic", "serious"])
disability = st.sampled_from([("none", 0), ("physical", 1), ("physical", 3), ("intellectual", 3), ("mental", 2),
                              ("visual", 1), ("hearing", 4)])
births = st.dates(min_value=date(1930, 1, 1), max_value=date(2025, 12, 31))


@st.composite
def households(draw: st.DrawFn) -> mt.HouseholdFacts:
    n = draw(st.integers(1, 6))
    members = []
    for i in range(n):
        kind, grade = draw(disability)
        members.append(mt.MemberInput(i, f"成员{i}", birth_date=draw(births), health=draw(health),
                                      disability=kind, disability_grade=grade))
    incomes = tuple(mt.IncomeItem(k, draw(money)) for k in ("wages", "business", "transfer", "resident_pension"))
    expenses = tuple(mt.ExpenseItem(k, draw(money)) for k in ("medical", "education"))
    return mt.HouseholdFacts(tuple(members), incomes, expenses, draw(st.booleans()))


policies = st.builds(
    lambda area, cap, ill, dis, pension: demo_settings(area, deduct_cap=str(cap), deduct_serious_illness=str(ill),
                                                       deduct_severe_disability=str(dis),
                                                       **({"resident_pension_exempt": pension} if pension else {})),
    st.sampled_from(["urban", "rural"]), st.decimals("0", "1", places=2), st.decimals("0", "0.5", places=2),
    st.decimals("0", "0.5", places=2), st.sampled_from(["", "是", "否"]))


@settings(max_examples=300, deadline=None)
@given(households(), money, policies)
def test_more_income_never_makes_a_household_more_eligible(f: mt.HouseholdFacts, more: D,
                                                           s: P.PolicySettings) -> None:
    before = mt.assess(f, s, ON, explain=False)
    richer = mt.HouseholdFacts(f.members, f.incomes + (mt.IncomeItem("other", more),), f.expenses, f.single_parent)
    after = mt.assess(richer, s, ON, explain=False)
    assert mt.ELIGIBILITY_RANK[after.category] >= mt.ELIGIBILITY_RANK[before.category]
    assert after.per_capita_monthly >= before.per_capita_monthly


@settings(max_examples=300, deadline=None)
@given(households(), policies)
def test_deduction_never_exceeds_the_cap(f: mt.HouseholdFacts, s: P.PolicySettings) -> None:
    r = mt.assess(f, s, ON)
    assert D(0) <= r.deduction_rate <= s["deduct_cap"]
    assert r.counted_income <= r.total_income
    assert r.steps and r.explanation.startswith("1. ")


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1940, 1, 1), max_value=date(2010, 12, 31)), st.sampled_from([16, 18]))
def test_age_boundaries_are_exact(born: date, minor_age: int) -> None:
    """60 周岁以上 includes the 60th birthday; 未满 16 excludes the 16th birthday."""
    s = demo_settings(tekun_minor_age=str(minor_age))

    def birthday(years: int) -> date:
        try:
            return born.replace(year=born.year + years)
        except ValueError:  # 29 February in a common year: 28 February (Civil Code art. 202)
            return date(born.year + years, 2, 28)

    def rate_on(day: date) -> D:
        return mt.deduction((mt.MemberInput(1, "甲", birth_date=born),), False, s, day)[0]

    sixty = birthday(60)
    assert rate_on(sixty) == s["deduct_elderly"]
    assert rate_on(sixty - timedelta(days=1)) == 0

    def minor_on(day: date) -> bool:
        f = mt.HouseholdFacts((mt.MemberInput(1, "甲", birth_date=born),), (), ())
        r = mt.assess(f, s, day)  # no income → 低保, so labour capacity decides the 特困 candidacy
        return any("未满" in reason for c in r.tekun_candidates for reason in c.no_labour_reasons)

    adult = birthday(minor_age)
    assert minor_on(adult - timedelta(days=1))
    assert not minor_on(adult)


@settings(max_examples=300, deadline=None)
@given(households(), policies, st.sampled_from(["none", "dibao", "tekun", "marginal"]),
       st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
def test_brief_calculation_agrees_with_the_explained_one(f: mt.HouseholdFacts, s: P.PolicySettings, current: str,
                                                         on: date) -> None:
    """Re-assessment uses assess_brief on thousands of households; it must never differ from assess."""
    check_brief_agrees(f, s, on, current)


def check_brief_agrees(f: mt.HouseholdFacts, s: P.PolicySettings, on: date, current: str) -> None:
    members = [(m.born(), m.health, m.disability, m.disability_grade, m.name) for m in f.members]
    if f.members and len(mt.not_yet_born(f.members, on)) == len(f.members):  # nobody born yet: both refuse
        with pytest.raises(ValueError, match="均尚未出生") as refused:
            mt.assess(f, s, on)
        with pytest.raises(ValueError, match=str(refused.value)):
            mt.assess_brief(members, D(0), D(0), D(0), f.single_parent, s, on)
        return
    full = mt.assess(f, s, on, current_category=current)
    unborn = mt.not_yet_born(f.members, on)  # an unborn member marked as working is not counted either
    total = sum((i.amount for i in f.incomes if not i.exempt), D(0))
    medical = sum((e.amount for e in f.expenses if e.kind == "medical"), D(0))
    other = sum((e.amount for e in f.expenses if e.kind != "medical"), D(0))
    wages = sum((i.amount for i in f.incomes if not i.exempt and i.kind == "wages"), D(0))
    illness_costs = sum((e.amount for e in f.expenses if e.kind != "education"), D(0))
    pension = sum((i.amount for i in f.incomes if not i.exempt and i.kind == "resident_pension"), D(0))
    brief = mt.assess_brief(members, total, medical, other, f.single_parent, s, on, current, wages=wages,
                            employed=sum(1 for m in f.members if m.employed and m not in unborn), illness_costs=illness_costs,
                            pension=pension)
    assert brief.total_income == full.total_income
    assert (brief.category, brief.per_capita_monthly, brief.deduction_rate, brief.urgent, brief.vulnerable,
            brief.suggested_placement) == (full.category, full.per_capita_monthly, full.deduction_rate, full.urgent,
                                           full.vulnerable, full.suggested_placement)
    assert brief.counted_income == full.counted_income and brief.rigid_spending == full.rigid_spending
    assert brief.tekun_candidates == [c.name for c in full.tekun_candidates]


# -- RULES.md §1.3 boundaries, one fen either side ----------------------------------------------------

@pytest.mark.parametrize(("area", "monthly", "category"), [
    ("urban", "779.99", "dibao"), ("urban", "780.00", "marginal"), ("urban", "780.01", "marginal"),
    ("urban", "1169.99", "marginal"), ("urban", "1170.00", mt.INELIGIBLE),
    ("rural", "619.99", "dibao"), ("rural", "620.00", "marginal"),
    ("rural", "929.99", "marginal"), ("rural", "930.00", mt.INELIGIBLE), ("rural", "930.01", mt.INELIGIBLE),
])
def test_lines_one_fen_either_side(area: str, monthly: str, category: str) -> None:
    r = mt.assess(facts([person()], str(D(monthly) * 12)), demo_settings(area), ON)
    assert r.per_capita_monthly == D(monthly)
    assert r.category == category


def test_marginal_multiplier_is_a_setting() -> None:
    assert demo_settings()["marginal_multiplier"] == D("1.5")
    r = mt.assess(facts([person()], str(D("1500") * 12)), demo_settings(marginal_multiplier="2"), ON)
    assert r.marginal_line == D("1560.00") and r.category == "marginal"


def test_expenditure_needs_income_strictly_below_last_years_disposable_income() -> None:
    s = demo_settings()  # urban 2026: 46,500.00 a person a year, ratio 50%
    at = mt.assess(facts([person()], "46500", medical="30000"), s, ON)
    assert at.annual_per_capita == D("46500") and at.category == mt.INELIGIBLE  # not below
    below = mt.assess(facts([person()], "46499.99", medical="30000"), s, ON)
    assert below.category == "expenditure"
    # two members: per-capita annual income is counted income / members
    two = mt.assess(facts([person(), person("乙")], "92999.98", medical="50000"), s, ON)
    assert two.annual_per_capita == D("46499.99") and two.category == "expenditure"
    # not 低保边缘 first: a marginal household stays 低保边缘 whatever it spends
    assert mt.assess(facts([person()], "12000", medical="11000"), s, ON).category == "marginal"


@pytest.mark.parametrize(("kind", "grade", "no_labour", "severe"), [
    ("physical", 1, True, True), ("physical", 2, True, True), ("physical", 3, False, False),
    ("visual", 1, True, True), ("visual", 2, False, True),
    ("intellectual", 3, True, True), ("intellectual", 4, False, False),
    ("mental", 3, True, True), ("mental", 4, False, False),
    ("hearing", 1, False, True), ("speech", 2, False, True), ("hearing", 3, False, False),
])
def test_disability_grades_for_tekun_and_single_person(kind: str, grade: int, no_labour: bool,
                                                       severe: bool) -> None:
    """特困: intellectual/mental 1–3, physical 1–2, visual 1 have no labour capacity.
    单人保 in a marginal family: any grade 1–2, or intellectual/mental grade 3."""
    member = person("残", disability=kind, disability_grade=grade)
    poor = mt.assess(facts([person(), member], "0"), demo_settings(), ON)  # 低保: no income
    assert poor.category == "dibao"
    assert ("残" in [c.name for c in poor.tekun_candidates]) is no_labour
    marginal = mt.assess(facts([person(), member], str(900 * 12 * 2)), demo_settings(deduct_severe_disability="0"), ON)
    assert marginal.category == "marginal"
    assert ("残" in [c.name for c in marginal.single_person_candidates]) is severe
    assert mt.is_severely_disabled(member) is severe


def test_serious_illness_makes_a_single_person_candidate_only_in_a_marginal_family() -> None:
    ill = person("病", health="serious")
    marginal = mt.assess(facts([person(), ill], str(900 * 12 * 2)), demo_settings(deduct_serious_illness="0"), ON)
    assert [c.name for c in marginal.single_person_candidates] == ["病"]
    assert marginal.single_person_candidates[0].single_person_reason == "重病"
    poor = mt.assess(facts([person(), ill], "0"), demo_settings(), ON)
    assert poor.single_person_candidates == []  # the family itself is 低保
    richer = mt.assess(facts([person(), ill], str(2000 * 12 * 2)), demo_settings(deduct_serious_illness="0"), ON)
    assert richer.single_person_candidates == []


@pytest.mark.parametrize(("born", "minor_age", "candidate"), [
    (date(2010, 3, 2), 16, True),  # 15 on the assessment date: 未满 16
    (date(2010, 3, 1), 16, False),  # 16 that very day
    (date(2008, 3, 2), 18, True),  # 17 where the province says 18
    (date(2008, 3, 1), 18, False),
    (date(1966, 3, 1), 16, True),  # 60 that very day: 60 周岁以上
    (date(1966, 3, 2), 16, False),  # 59
])
def test_tekun_age_boundaries_on_the_birthday(born: date, minor_age: int, candidate: bool) -> None:
    r = mt.assess(facts([person("甲", born)], "0"), demo_settings(tekun_minor_age=str(minor_age)), ON)
    assert bool(r.tekun_candidates) is candidate


def test_deduction_parts_per_member_and_exempt_income() -> None:
    # two seriously ill (20%), a single-parent household (5%), one 60-year-old (5%) = 30% (the cap)
    members = [person("甲", date(1966, 3, 1), health="serious"), person("乙", health="serious"), person("丙")]
    f = facts(members, "36000", single_parent=True,
              extra=[mt.IncomeItem("transfer", D("5000"), exempt=True)])  # e.g. 优待抚恤金: not income
    r = mt.assess(f, demo_settings(), ON)
    assert r.total_income == D("36000") and r.exempt_income == D("5000")
    assert r.deduction_parts == [("重病成员", 2, D("0.2")), ("单亲家庭", 1, D("0.05")),
                                 ("60周岁以上老年成员", 1, D("0.05"))]
    assert r.deduction_rate == D("0.30")
    assert r.per_capita_monthly == D("700.00")  # 36,000 × 0.7 / 12 / 3


def test_a_business_loss_is_taken_away_in_the_explanation() -> None:
    """A net business loss lowers the total; the sum reads 工资性收入 … − 经营净收入 …, not "+ -…"."""
    f = facts([person()], "30000", extra=[mt.IncomeItem("business", D("-1500.50"))])
    r = mt.assess(f, demo_settings(), ON)
    assert r.total_income == D("28499.50")
    assert "工资性收入 30,000.00 元 − 经营净收入 1,500.50 元 = 28,499.50 元" in r.explanation
    assert "+ -" not in r.explanation


# -- RULES.md §1.3 compares with the lines themselves: only the per-capita income is rounded (issue 5) ----

def test_a_marginal_line_with_a_fraction_of_a_fen_is_compared_exactly() -> None:
    """1.55 × 777.77 = 1,205.5435: a per-capita income of 1,205.54 is below it (边缘). The printed line is
    1,205.55 (rounded up: the per-capita income is whole fen, so below one is below the other)."""
    s = demo_settings(dibao_standard="777.77", marginal_multiplier="1.55")
    r = mt.assess(facts([person()], str(D("1205.54") * 12)), s, ON)
    assert r.per_capita_monthly == D("1205.54") and r.category == "marginal"
    assert r.marginal_line == D("1205.55")
    assert "= 1,205.55 元(不足一分按一分计):1,205.54 元 < 1,205.55 元,认定为低保边缘" in r.explanation
    above = mt.assess(facts([person()], str(D("1205.55") * 12)), s, ON)
    assert above.category == mt.INELIGIBLE  # 1,205.55 is not below 1,205.5435
    assert "1,205.55 元 ≥ 1,205.55 元,不属于低保边缘" in above.explanation
    # a line in whole fen is printed as it is
    assert "低保边缘线 = 780.00 元 × 低保边缘倍数 1.5(2024-01-01 起执行) = 1,170.00 元:" in mt.assess(
        facts([person()], "24000"), demo_settings(), ON).explanation


def test_expenditure_lines_are_compared_exactly() -> None:
    s = demo_settings()  # urban 2026: 46,500.00 a person a year, ratio 50%
    # 92,999.99 / 2 = 46,499.995 a person a year: below 46,500.00 (half-up printed and compared 46,500.00)
    two = mt.assess(facts([person(), person("乙")], "92999.99", medical="60000"), s, ON)
    assert two.category == "expenditure"
    assert "人均年认定收入 46,499.99 元(分以下舍去) < 上年人均可支配收入 46,500.00 元" in two.explanation
    # 5,000.01 is above 10,000.01 × 50% = 5,000.005 (half-up printed and compared a line of 5,000.01)
    low = demo_settings(dibao_standard="1")
    r = mt.assess(facts([person()], "10000.01", medical="5000.01"), low, ON)
    assert r.category == "expenditure"
    assert ("刚性支出 5,000.01 元 > 家庭总收入 10,000.01 元 × 刚性支出比例 50%(2024-01-01 起执行) = "
            "5,000.00 元(分以下舍去)") in r.explanation
    # exactly at the ratio is still not above it
    assert mt.assess(facts([person()], "10000.02", medical="5000.01"), low, ON).category == mt.INELIGIBLE


def test_counted_income_is_shown_as_it_is_used() -> None:
    """11,011.69 × (1 − 15%) = 9,359.9365: a month 779.99471 → 779.99 (低保). Printed as 9,359.94 the
    division read "9,359.94 ÷ 12 = 779.99", which is 779.995 → 780.00 to anyone checking it."""
    old_and_ill = person("老", date(1960, 1, 1), health="serious")
    r = mt.assess(facts([old_and_ill], "11011.69"), demo_settings(), ON)
    assert r.deduction_rate == D("0.15")
    assert r.category == "dibao" and r.per_capita_monthly == D("779.99")
    assert "11,011.69 元 × (1 − 15%) = 9,359.9365 元。" in r.explanation
    assert "9,359.9365 元 ÷ 12 ÷ 1 = 779.99 元(四舍五入到分)" in r.explanation
    # a counted income in whole fen keeps two places
    assert "= 21,420.00 元 ÷ 12" not in r.explanation
    assert "25,200.00 元 × (1 − 15%) = 21,420.00 元。" in mt.assess(
        facts([old_and_ill], "25200"), demo_settings(), ON).explanation


@settings(max_examples=300, deadline=None)
@given(households(), policies)
def test_the_category_is_the_rule_of_issue_5(f: mt.HouseholdFacts, s: P.PolicySettings) -> None:
    """per-capita = counted / 12 / members half-up to the fen; every comparison otherwise exact."""
    r = mt.assess(f, s, ON)
    exact = r.total_income - r.employment_deduction - r.illness_deduction
    counted = exact * (1 - r.deduction_rate) if exact > 0 else exact
    pc = mt.round_cent(counted / 12 / r.members)
    if pc < s["dibao_standard"]:
        want = "dibao"
    elif pc < s["marginal_multiplier"] * s["dibao_standard"]:
        want = "marginal"
    elif counted / r.members < s["disposable_income_last_year"] and (
            r.rigid_spending > 0 if r.total_income <= 0
            else r.rigid_spending > r.total_income * s["rigid_expense_ratio"]):
        want = "expenditure"
    else:
        want = mt.INELIGIBLE
    assert (r.category, r.per_capita_monthly) == (want, pc)
    assert f"月人均收入 = {mt.money(counted)} ÷ 12 ÷ {r.members} = {mt.yuan(pc)}" in r.explanation


def test_a_rate_is_shown_as_it_is_used() -> None:
    # 12.345% per seriously ill member: 10,000 × (1 − 12.345%) = 8,765.50 (12.35% would give 8,765.00)
    s = demo_settings(deduct_serious_illness="12.345%")
    r = mt.assess(facts([person(health="serious")], "10000"), s, ON)
    assert mt.round_cent(r.counted_income) == D("8765.50")
    assert "10,000.00 元 × (1 − 12.345%) = 8,765.50 元" in r.explanation
    assert "重病成员 1 人 × 12.345%" in r.explanation


# -- who is a member on the assessment date ---------------------------------------------------------

def test_a_member_born_after_the_assessment_date_is_not_yet_a_member() -> None:
    """Per-capita income is over the family's members (RULES.md §1.2); someone born after the assessment
    date is not one of them on that date, and is not a 特困 candidate "aged −1"."""
    baby = person("婴", date(2026, 5, 1))
    r = mt.assess(facts([person(), baby], "9000"), demo_settings(), date(2026, 3, 1))
    assert r.members == 1 and r.per_capita_monthly == D("750.00")
    assert [x.name for x in r.findings] == ["甲"]
    assert r.tekun_candidates == [] and "-1周岁" not in r.explanation
    assert "婴(2026-05-01 出生)在评估日期尚未出生,不计入家庭人口" in r.explanation
    born_that_day = mt.assess(facts([person(), baby], "9000"), demo_settings(), date(2026, 5, 1))
    assert born_that_day.members == 2
    check_brief_agrees(facts([person(), baby], "9000"), demo_settings(), date(2026, 3, 1), "none")
    with pytest.raises(ValueError, match="尚未出生"):
        mt.assess(facts([baby], "0"), demo_settings(), date(2026, 3, 1))
    with pytest.raises(ValueError, match="尚未出生"):
        mt.assess_brief([(baby.born(), "healthy", "none", 0, "婴")], D(0), D(0), D(0), False, demo_settings(),
                        date(2026, 3, 1))


def test_explanation_says_when_last_years_disposable_income_is_not_entered_yet() -> None:
    """上年人均可支配收入 is a yearly figure. An assessment in 2027 read the value entered for 2026
    without a word; the explanation now says the new year's figure is not entered yet."""
    f = facts([person()], wages="20000", medical="9000")  # 1,666.67/month: above the marginal line
    later = date(2027, 3, 1)
    stale = mt.assess(f, demo_settings(on=later), later)
    note = [s for s in stale.steps if "上年人均可支配收入仍为" in s]
    assert note == ["注意:上年人均可支配收入仍为 2026-01-01 起执行的数值,2027 年执行的新数值(2026 年度)"
                    "尚未录入;录入后(系统设置 → 政策参数)请重新评估。"]
    assert stale.steps.index(note[0]) == next(i for i, s in enumerate(stale.steps) if s.startswith("支出型困难")) + 1
    assert not [s for s in mt.assess(f, demo_settings(), ON).steps if "上年人均可支配收入仍为" in s]
    # a household settled before that step (低保) is not told about a figure it did not need
    poor = facts([person()], wages="3000")
    assert not [s for s in mt.assess(poor, demo_settings(on=later), later).steps if "仍为" in s]
