"""Acceptance round 26: forty-odd households built by hand and their figures worked out by hand from
RULES.md §1.2–1.3 and issue 5 before the program ran, checked against the explained calculation, the
brief one `reassess` uses, the wizard's service (preview) and the `reassess` workbook.

Settings (written out here, not read from the demo): 城市 低保 780.00 (边缘线 1,170.00), 上年人均可支配
收入 46,500.00; 农村 620.00 (930.00), 23,000.00; both: ratio 50%, 重病 10%, 重残 10%, 单亲 5%, 老年 (60) 5%,
cap 30%, minors under 16. Assessment date 2026-03-01 unless said.

    per-capita monthly = (total − nothing) × (1 − min(cap, Σ)) / 12 / members, half-up to the fen
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from desktop import cli
from desktop.rules import means_test as mt
from desktop.rules import policy as P
from desktop.services import assessment as svc
from desktop.services import policy
from tests.district import District
from tests.test_assessment import add_household

ON = date(2026, 3, 1)
BASE = {"marginal_multiplier": "1.5", "rigid_expense_ratio": "0.5", "tekun_minor_age": "16", "elderly_age": "60",
        "deduct_serious_illness": "0.1", "deduct_severe_disability": "0.1", "deduct_single_parent": "0.05",
        "deduct_elderly": "0.05", "deduct_cap": "0.3"}
AREA = {"urban": {"dibao_standard": "780", "disposable_income_last_year": "46500"},
        "rural": {"dibao_standard": "620", "disposable_income_last_year": "23000"}}
SINCE = date(2026, 1, 1)


def settings(area: str = "urban", on: date = ON, later: dict[date, dict[str, str]] | None = None,
             **override: str) -> P.PolicySettings:
    dated = {n: (P.parse_value(n, v), SINCE) for n, v in {**BASE, **AREA[area], **override}.items()}
    for eff, values in sorted((later or {}).items()):
        if eff <= on:
            dated.update({n: (P.parse_value(n, v), eff) for n, v in values.items()})
    return P.make_settings(area, on, dated)


ADULT = date(1980, 6, 1)


def m(name: str, born: date = ADULT, **kw: object) -> mt.MemberInput:
    return mt.MemberInput(None, name, birth_date=born, **kw)  # type: ignore[arg-type]


@dataclass
class Case:
    """One household and what RULES.md says it must come to."""

    id: str
    members: list[mt.MemberInput]
    incomes: dict[str, str]
    category: str
    per_capita: str
    rate: str = "0"
    area: str = "urban"
    expenses: dict[str, str] = field(default_factory=dict)
    single_parent: bool = False
    exempt: str = "0"
    tekun: list[str] = field(default_factory=list)
    single: list[str] = field(default_factory=list)
    says: list[str] = field(default_factory=list)
    placement: str | None = None
    override: dict[str, str] = field(default_factory=dict)

    def facts(self) -> mt.HouseholdFacts:
        incomes = [mt.IncomeItem(k, D(v)) for k, v in self.incomes.items()]
        if D(self.exempt):
            incomes.append(mt.IncomeItem("other", D(self.exempt), exempt=True))
        return mt.HouseholdFacts(tuple(self.members), tuple(incomes),
                                 tuple(mt.ExpenseItem(k, D(v)) for k, v in self.expenses.items()), self.single_parent)


def one(wages: str, category: str, pc: str, **kw: object) -> Case:
    return Case(f"1p-{wages}", [m("甲")], {"wages": wages}, category, pc, **kw)  # type: ignore[arg-type]


DIBAO, MARGINAL, EXPENDITURE, NO = "dibao", "marginal", "expenditure", mt.INELIGIBLE
OLD70, KID5, KID10 = date(1956, 1, 1), date(2020, 6, 1), date(2015, 6, 1)

CASES: list[Case] = [
    # -- the 低保 line ±0.01 (9,360.00 / 12 = 780.00) and the half-up rounding of the per-capita income
    one("9359.88", DIBAO, "779.99", says=["779.99 元 < 780.00 元,认定为低保"]),
    one("9360.00", MARGINAL, "780.00", says=["780.00 元 ≥ 780.00 元,不属于低保"]),
    one("9360.12", MARGINAL, "780.01"),
    one("9359.94", MARGINAL, "780.00"),  # 779.995 rounds half-up to 780.00 (issue 5)
    one("9359.93", DIBAO, "779.99"),  # 779.99416…
    # -- the 边缘 line (1.5 × 780 = 1,170.00)
    one("14039.88", MARGINAL, "1169.99", says=["1,169.99 元 < 1,170.00 元,认定为低保边缘"], placement=mt.CLASS_1),
    one("14040.00", NO, "1170.00", placement=mt.NOT_MONITORED),
    Case("3p-779.99", [m("甲"), m("乙"), m("丙")], {"wages": "28079.63"}, DIBAO, "779.99"),  # 779.9897…
    # -- 农村 (620.00 / 930.00), and one household in both areas
    Case("rural-619.99", [m("甲"), m("乙")], {"wages": "14879.76"}, DIBAO, "619.99", area="rural",
         says=["农村低保标准 620.00 元/人·月"]),
    Case("rural-620.00", [m("甲"), m("乙")], {"wages": "14880"}, MARGINAL, "620.00", area="rural"),
    Case("rural-929.99", [m("甲"), m("乙")], {"wages": "22319.76"}, MARGINAL, "929.99", area="rural"),
    Case("rural-930.00", [m("甲"), m("乙")], {"wages": "22320"}, NO, "930.00", area="rural"),
    Case("urban-700", [m("甲"), m("乙")], {"wages": "16800"}, DIBAO, "700.00"),
    Case("rural-700", [m("甲"), m("乙")], {"wages": "16800"}, MARGINAL, "700.00", area="rural"),
    # -- single parents: 5% a household, children are 特困 candidates only in a 低保 family
    Case("single-parent-marginal", [m("母"), m("大", KID10), m("小", date(2017, 6, 1))], {"wages": "30000"},
         MARGINAL, "791.67", "0.05", single_parent=True),  # 28,500 / 36
    Case("single-parent-dibao", [m("母"), m("儿", KID5)], {"wages": "19200"}, DIBAO, "760.00", "0.05",
         single_parent=True, tekun=["儿"], says=["单亲家庭 1 户 × 5%", "18,240.00 元 ÷ 12 ÷ 2 = 760.00 元"]),
    # -- severe disability and serious illness: 10% each, 单人保 in a 边缘 family only
    Case("physical-1", [m("甲"), m("乙", disability="physical", disability_grade=1)], {"wages": "24000"},
         MARGINAL, "900.00", "0.1", single=["乙"], says=["单人保候选:乙(肢体残疾一级)"]),
    Case("intellectual-3", [m("甲"), m("乙", disability="intellectual", disability_grade=3)], {"wages": "24000"},
         MARGINAL, "900.00", "0.1", single=["乙"], says=["智力残疾三级"]),
    Case("physical-3", [m("甲"), m("乙", disability="physical", disability_grade=3)], {"wages": "24000"},
         MARGINAL, "1000.00"),
    Case("visual-2", [m("甲"), m("乙", disability="visual", disability_grade=2)], {"wages": "24000"},
         MARGINAL, "900.00", "0.1", single=["乙"]),
    Case("ill-marginal", [m("甲"), m("乙", health="serious")], {"wages": "24000"}, MARGINAL, "900.00", "0.1",
         single=["乙"], says=["单人保候选:乙(重病)"]),
    Case("ill-dibao", [m("甲"), m("乙", health="serious")], {"wages": "12000"}, DIBAO, "450.00", "0.1"),
    # -- 60 周岁以上 includes the 60th birthday
    Case("elderly-60-today", [m("甲", date(1966, 3, 1))], {"wages": "10000"}, MARGINAL, "791.67", "0.05",
         says=["60周岁以上老年成员 1 人 × 5%"]),
    Case("elderly-59", [m("甲", date(1966, 3, 2))], {"wages": "10000"}, MARGINAL, "833.33"),
    # -- the cap: 10% × 2 + 10% + 5% + 5% × 2 = 45% → 30%
    Case("cap", [m("甲", date(1964, 1, 1), health="serious"), m("乙", date(1965, 1, 1), health="serious"),
                 m("丙", disability="physical", disability_grade=1), m("丁", date(2014, 1, 1)), m("戊")],
         {"wages": "60000"}, DIBAO, "700.00", "0.3", single_parent=True, tekun=["甲", "乙", "丙", "丁"],
         says=["= 45%,超过上限 30%,按上限计"]),
    # -- 特困: no labour capacity (age or grade) in a family below the 低保 standard; the supporter is checked
    Case("tekun-alone", [m("老", OLD70)], {}, DIBAO, "0.00", "0.05", tekun=["老"],
         says=["特困供养候选:老(70周岁,60周岁以上", "须由经办人核实", "无计入收入,合计 0.00 元"]),
    Case("minors-16", [m("甲", date(2008, 6, 1)), m("乙", date(2010, 3, 1))], {}, DIBAO, "0.00", tekun=[]),
    Case("minors-18", [m("甲", date(2008, 6, 1)), m("乙", date(2010, 3, 1))], {}, DIBAO, "0.00",
         tekun=["甲", "乙"], override={"tekun_minor_age": "18"}, says=["17周岁,未满18周岁"]),
    # -- 支出型困难: annual per-capita < 46,500 and rigid > total × 50%, both strict
    one("20000", EXPENDITURE, "1666.67", expenses={"medical": "10000.01"}, placement=mt.CLASS_1,
        says=["刚性支出 10,000.01 元 > 家庭总收入 20,000.00 元 × 刚性支出比例 50%"]),
    Case("rigid-at-ratio", [m("甲")], {"wages": "20000"}, NO, "1666.67", expenses={"medical": "10000"},
         placement=mt.CLASS_2),
    one("46500", NO, "3875.00", expenses={"medical": "23250.01"},
        says=["人均年认定收入 46,500.00 元 ≥ 上年人均可支配收入 46,500.00 元"]),
    one("46499.99", EXPENDITURE, "3875.00", expenses={"medical": "23250"}),
    Case("expenditure-elderly", [m("甲", date(1961, 1, 1))], {"wages": "48000"}, EXPENDITURE, "3800.00", "0.05",
         expenses={"medical": "24000.01"}),
    Case("expenditure-rural", [m("甲")], {"wages": "22999.99"}, EXPENDITURE, "1916.67", area="rural",
         expenses={"education": "11500"}),
    # -- no income, losses, exempt income, the basic resident pension
    Case("no-income-3", [m("甲"), m("乙"), m("丙")], {}, DIBAO, "0.00",
         says=["占家庭总收入 —(家庭总收入不大于 0 元)"]),
    Case("loss", [m("甲")], {"wages": "6000", "business": "-8000"}, DIBAO, "-166.67",
         says=["工资性收入 6,000.00 元 − 经营净收入 8,000.00 元 = -2,000.00 元"]),
    Case("zero-business", [m("甲")], {"wages": "10000", "business": "0"}, MARGINAL, "833.33"),
    Case("loss-elderly", [m("甲", OLD70)], {"business": "-1200"}, DIBAO, "-100.00", "0.05", tekun=["甲"]),
    one("9000", DIBAO, "750.00", exempt="5000", says=["另有不计入收入的项目", "5,000.00 元,未计入"]),
    Case("pension-counted", [m("老", OLD70), m("甲")], {"resident_pension": "2400", "wages": "19000"}, MARGINAL,
         "847.08", "0.05", says=["按转移性收入计入家庭收入"]),  # 21,400 × 0.95 / 24
    Case("pension-exempt", [m("老", OLD70), m("甲")], {"resident_pension": "2400", "wages": "19000"}, DIBAO,
         "752.08", "0.05", tekun=["老"], override={"resident_pension_exempt": "是"},
         says=["城乡居民基本养老金 2,400.00 元:按政策参数", "不计入家庭收入"]),  # 19,000 × 0.95 / 24
    # -- ten people: 2 elderly (one 60 today), 1 seriously ill: 20%; 100,000 × 0.8 / 120 = 666.666…
    Case("ten", [m("祖", date(1950, 5, 5)), m("父", date(1966, 3, 1)), m("母", health="serious"), m("叔"),
                 m("婶"), m("兄", date(2000, 1, 1)), m("嫂", date(2001, 1, 1)), m("甲", date(2012, 1, 1)),
                 m("乙", date(2015, 1, 1)), m("丙", date(2018, 1, 1))],
         {"wages": "90000", "business": "10000"}, DIBAO, "666.67", "0.2", tekun=["祖", "父", "甲", "乙", "丙"],
         says=["80,000.00 元 ÷ 12 ÷ 10 = 666.67 元"]),
    # -- another multiplier: 2 × 780 = 1,560.00
    one("18719.88", MARGINAL, "1559.99", override={"marginal_multiplier": "2"}),
    one("18720", NO, "1560.00", override={"marginal_multiplier": "2"}),
]


def brief_args(f: mt.HouseholdFacts) -> dict:
    """What `reassess` reads from the database for these facts (its SQL sums)."""
    counted = [i for i in f.incomes if not i.exempt]
    spend = {k: sum((e.amount for e in f.expenses if e.kind == k), D(0)) for k in ("medical", "education", "other_rigid")}
    return {"members": [(x.born(), x.health, x.disability, x.disability_grade, x.name) for x in f.members],
            "total_income": sum((i.amount for i in counted), D(0)), "medical": spend["medical"],
            "other_rigid": spend["education"] + spend["other_rigid"], "single_parent": f.single_parent,
            "wages": sum((i.amount for i in counted if i.kind == "wages"), D(0)),
            "employed": sum(1 for x in f.members if x.employed),
            "illness_costs": spend["medical"] + spend["other_rigid"],
            "pension": sum((i.amount for i in counted if i.kind == "resident_pension"), D(0))}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_household_worked_by_hand(case: Case) -> None:
    s = settings(case.area, **case.override)
    r = mt.assess(case.facts(), s, ON)
    assert (r.category, r.per_capita_monthly, r.deduction_rate) == (case.category, D(case.per_capita), D(case.rate))
    assert [f.name for f in r.tekun_candidates] == case.tekun
    assert [f.name for f in r.single_person_candidates] == case.single
    if case.placement:
        assert r.suggested_placement == case.placement
    text = r.explanation
    for words in case.says:
        assert words in text
    assert f"月人均收入 = {mt.money(r.counted_income)} ÷ 12 ÷ {len(case.members)} = {mt.yuan(r.per_capita_monthly)}" \
        in text
    b = mt.assess_brief(settings=s, on=ON, **brief_args(case.facts()))
    assert (b.category, b.per_capita_monthly, b.deduction_rate, b.tekun_candidates) == (
        case.category, D(case.per_capita), D(case.rate), case.tekun)


def test_no_members() -> None:
    with pytest.raises(ValueError, match="家庭没有成员"):
        mt.assess(mt.HouseholdFacts(()), settings(), ON)


def test_a_standard_raised_mid_year_applies_from_its_date_only() -> None:
    later = {date(2026, 7, 1): {"dibao_standard": "800"}}
    f = mt.HouseholdFacts((m("甲"),), (mt.IncomeItem("wages", D("9480")),))  # 790.00
    before = mt.assess(f, settings(on=date(2026, 6, 30), later=later), date(2026, 6, 30))
    after = mt.assess(f, settings(on=date(2026, 7, 1), later=later), date(2026, 7, 1))
    assert (before.category, before.dibao_line) == (MARGINAL, D("780"))
    assert (after.category, after.dibao_line, after.marginal_line) == (DIBAO, D("800"), D("1200.00"))
    assert "城市低保标准 780.00 元/人·月(2026-01-01 起执行)" in before.explanation
    assert "城市低保标准 800.00 元/人·月(2026-07-01 起执行)" in after.explanation


# -- the same households through the services and `reassess` ------------------------------------------

DB_CASES = [c for c in CASES if not c.override]


def _sheet(path: Path) -> dict[str, dict]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    return {str(r[0]): dict(zip(rows[0], r, strict=False)) for r in rows[1:]}


def run(*argv: str) -> int:
    try:
        return cli.main(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)


def test_services_and_reassess_agree_with_the_hand_figures(district: District, tmp_path: Path) -> None:
    db, admin = district.db, district.admin
    url = db.url.render_as_string(hide_password=False)
    for area in ("城市", "农村"):
        policy.set_settings(db, admin, effective_from=SINCE, area_type=area,
                            values={**BASE, **AREA[P.area_code(area)]})
    policy.set_settings(db, admin, effective_from=date(2026, 7, 1), area_type="城市", values={"dibao_standard": "800"})
    region = {"urban": district.regions["八泉社区"], "rural": district.regions["道仕袱村"]}
    ids: dict[str, int] = {}
    for n, c in enumerate(DB_CASES):
        people = [{"name": x.name, "born": x.birth_date, "health": x.health, "disability": x.disability,
                   "grade": x.disability_grade} for x in c.members]
        ids[c.id] = add_household(db, region[c.area], people, area=c.area, incomes=c.incomes, expenses=c.expenses,
                                  exempt=c.exempt, single_parent=c.single_parent, code=f"S26{n:03d}")
    seen: dict[str, mt.MeansTestResult] = {}
    for c in DB_CASES:
        inputs = svc.load_household(db, admin, ids[c.id])
        r = seen[c.id] = svc.preview(db, admin, ids[c.id], inputs.facts(), ON).result
        assert (r.category, r.per_capita_monthly, r.deduction_rate) == (c.category, D(c.per_capita), D(c.rate)), c.id
        assert [f.name for f in r.tekun_candidates] == c.tekun, c.id
    out = tmp_path / "r.xlsx"
    assert run("reassess", "--as-of", ON.isoformat(), "--out", str(out), "--database-url", url) == 0
    rows = _sheet(out)
    for n, c in enumerate(DB_CASES):
        row, r = rows[f"S26{n:03d}"], seen[c.id]
        money = {k: D(str(row[k])).quantize(mt.CENT) for k in ("年总收入", "认定收入", "月人均收入", "刚性支出", "适用低保标准")}
        assert money == {"年总收入": mt.round_cent(r.total_income), "认定收入": mt.round_cent(r.counted_income),
                         "月人均收入": r.per_capita_monthly, "刚性支出": r.rigid_spending,
                         "适用低保标准": r.dibao_line}, c.id
        assert (row["家庭人口"], row["城乡类别"], row["扣减比例"], row["建议类别"], row["建议去向"],
                row["紧急"] or "", row["特困候选"] or "") == (
            len(c.members), P.area_label(c.area), mt.percent(r.deduction_rate), mt.RESULT_LABELS[c.category],
            r.suggested_label, "是" if r.urgent else "", "、".join(c.tekun)), c.id
    # the raise on 1 July: 790.00 is 低保边缘 on 30 June and 低保 from 1 July, in the wizard and in reassess
    hid = add_household(db, region["urban"], [{"name": "庚"}], incomes={"wages": "9480"}, code="S26JUL")
    facts = svc.load_household(db, admin, hid).facts()
    assert svc.preview(db, admin, hid, facts, date(2026, 6, 30)).result.category == MARGINAL
    assert svc.preview(db, admin, hid, facts, date(2026, 7, 1)).result.category == DIBAO
    for day, label in ((date(2026, 6, 30), "低保边缘"), (date(2026, 7, 1), "低保")):
        assert run("reassess", "--as-of", day.isoformat(), "--out", str(out), "--database-url", url) == 0
        assert _sheet(out)["S26JUL"]["建议类别"] == label


def test_each_deduction_rate_says_when_it_took_effect() -> None:
    """A rate changed on 1 July (重病 10% → 15%): the explanation of an assessment on or after that day names
    the rate with its own date, not only the cap's (it said "上限自 2026-01-01 起执行" and left the reader to
    guess why June's 10% became July's 15%)."""
    later = {date(2026, 7, 1): {"deduct_serious_illness": "0.15"}}
    f = mt.HouseholdFacts((m("甲", health="serious"), m("老", OLD70), m("乙")), (mt.IncomeItem("wages", D("20000")),),
                          single_parent=True)
    june = mt.assess(f, settings(on=date(2026, 6, 30), later=later), date(2026, 6, 30))
    july = mt.assess(f, settings(on=date(2026, 7, 1), later=later), date(2026, 7, 1))
    assert (june.deduction_rate, july.deduction_rate) == (D("0.2"), D("0.25"))
    assert "重病成员 1 人 × 10%(2026-01-01 起执行) + 单亲家庭 1 户 × 5%(2026-01-01 起执行) + " \
           "60周岁以上老年成员 1 人 × 5%(2026-01-01 起执行) = 20%" in june.explanation
    assert "重病成员 1 人 × 15%(2026-07-01 起执行)" in july.explanation


@pytest.mark.usefixtures("chinese")
def test_the_wizard_shows_the_hand_figures(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """Two of the households above driven through the wizard to its result page (dated 2026-03-01): the
    headline and every line of the explanation are the ones worked out by hand and the service's."""
    from PySide6.QtCore import QDate

    from desktop.views.assessment import AssessmentPage
    from desktop.views.context import AppContext

    d = sqlite_district
    for area in ("城市", "农村"):
        policy.set_settings(d.db, d.admin, effective_from=SINCE, area_type=area, values={**BASE, **AREA[P.area_code(area)]})
    page = AssessmentPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    for c in (next(x for x in CASES if x.id == wanted) for wanted in ("ten", "loss")):
        people = [{"name": x.name, "born": x.birth_date, "health": x.health} for x in c.members]
        hid = add_household(d.db, d.regions["八泉社区"], people, incomes=c.incomes, expenses=c.expenses)
        wiz = page.assess_household(hid)
        while wiz.currentPage() is not wiz.verification:
            wiz.next()
        wiz.verification.date.setDate(QDate(2026, 3, 1))
        wiz.verification.methods["data_check"].setChecked(True)
        wiz.verification.investigators.setText("王芳、李强")
        wiz.next()
        assert wiz.currentPage() is wiz.result
        r = wiz.preview.result
        assert (r.category, r.per_capita_monthly, [f.name for f in r.tekun_candidates]) == (
            c.category, D(c.per_capita), c.tekun)
        assert f"{mt.RESULT_LABELS[c.category]}" in wiz.result.headline.text()
        assert f"{D(c.per_capita):,.2f}" in wiz.result.headline.text()
        shown = wiz.result.explanation.toPlainText()
        for line in r.steps + c.says:
            assert line in shown
        wiz.reject()


@pytest.mark.parametrize("member", [m("甲", disability="physical", disability_grade=1), m("甲", health="serious")],
                         ids=["grade-1", "ill"])
def test_a_household_of_one_is_no_single_person_candidate(member: mt.MemberInput) -> None:
    """单人保 enrols one member of a 低保边缘 family alone (RULES.md §1.3). Alone with 10,800 a year:
    10,800 × 0.9 / 12 = 810.00 ≥ 780, 低保边缘; the household is that one person, whose income was just found
    not below the standard. It was named a 单人保 candidate "可申请单独纳入低保" all the same."""
    r = mt.assess(mt.HouseholdFacts((member,), (mt.IncomeItem("wages", D("10800")),)), settings(), ON)
    assert (r.category, r.per_capita_monthly) == (MARGINAL, D("810.00"))
    assert r.single_person_candidates == [] and "单人保" not in r.explanation
    two = mt.assess(mt.HouseholdFacts((member, m("乙")), (mt.IncomeItem("wages", D("21600")),)), settings(), ON)
    assert (two.category, [f.name for f in two.single_person_candidates]) == (MARGINAL, ["甲"])
