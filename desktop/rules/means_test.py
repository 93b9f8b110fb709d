"""The means test (家庭经济状况评估), pure and explained step by step (RULES.md §1.2–1.3, issue 5).

    total income      = sum of the members' counted income (exempt items are not income; the basic
                        resident pension is not income either when resident_pension_exempt is 是 on
                        the assessment date, and is counted like transfer income otherwise)
    deduction rate    = min(deduct_cap, deduct_serious_illness × seriously ill members
                            + deduct_severe_disability × members with disability grade 1/2
                              (grade 3 when intellectual or mental)
                            + deduct_single_parent if a single-parent household
                            + deduct_elderly × members aged elderly_age or more on the assessment date)
    amounts deducted  = employed members × employment_cost × 12 (not more than the wages)
                        + (medical + other rigid) × illness_disability_cost_ratio when a member is seriously
                          ill or disabled — each only where the district set it; never more than the total
    counted income    = (total income − amounts deducted) × (1 − deduction rate) when the total is positive;
                        a total of 0 or below is left as it is (exact, not rounded)
    per-capita income = counted income / 12 / members, rounded half-up to 0.01 yuan (issue 5)
    rigid spending    = medical + education + other rigid expenses
    category          = 低保        if per-capita < dibao_standard
                        低保边缘    elif per-capita < marginal_multiplier × dibao_standard
                        支出型困难  elif counted income / members < disposable_income_last_year
                                     and rigid spending > total income × rigid_expense_ratio
                                     (with total income ≤ 0: any rigid spending counts as above the ratio)
                        不符合      otherwise

Only the per-capita income is rounded (issue 5 says so); every other comparison is the exact one RULES.md
§1.3 states. The explanation prints each line in whole fen on the side that keeps the printed comparison
the exact one: per-capita income and rigid spending are whole fen, so "x < 1,205.5435" is "x < 1,205.55"
(the line rounded up) and "rigid > 5,000.005" is "rigid > 5,000.00" (rounded down), and the annual
per-capita income is cut down to the fen against last year's disposable income (whole fen): 46,499.995 is
below 46,500.00 and prints 46,499.99. Rounding these half-up had turned "below" into "not below".
Members born after the assessment date are not yet members: they are left out and the explanation says so.

Ages are full years (周岁) on the assessment date: "60 周岁以上" includes 60, "未满 16 周岁" excludes 16
(Civil Code art. 1259). Every figure in the explanation is in yuan, as printed on the calculation sheet.

Placement decided here (documented in the report): 低保 → start an application; 低保边缘 and
支出型困难 → class I library (an application may still be chosen by the caseworker, with a reason);
不符合 but vulnerable → class II; 不符合 and not vulnerable → not monitored; a household already in
assistance (低保/特困) whose result is no longer 低保 → review (待核对). Referrals are recommended
when the household is in a category or vulnerable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from desktop.rules import idcard
from desktop.rules.codes import (
    CATEGORY_LABELS,
    DEPARTMENT_LABELS,
    DISABILITY_LABELS,
    GRADE_LABELS,
    INCOME_LABELS,
    Category,
    Disability,
    ExpenseKind,
    Health,
    IncomeKind,
    LabourCapacity,
    Schooling,
)
from desktop.rules.policy import PENSION_EXEMPT, SPEC_BY_NAME, PolicySettings, area_label, not_renewed

# The version of this calculation, frozen with every assessment's result (RULES.md §1: "a frozen snapshot
# of inputs, rule version and result"). Change it whenever a rule changes what the means test computes.
# 2026.11: comparisons in yuan and fen as shown; 29 February birthdays on 28 February in common years;
# no deduction on a negative total income; optional employment and illness/disability cost deductions.
# 2026.12: the marginal line, the rigid-spending line and the annual per-capita income are compared
# exactly (rounding them half-up flipped results within half a fen); members not yet born left out.
# 2027.01: the basic resident pension (城乡居民基本养老金) is its own kind of income, left out of the
# total when the dated setting resident_pension_exempt exempts it.
# 2027.02: a household of one is no 单人保 candidate (there is no other member to be enrolled apart from).
RULE_VERSION = "2027.02"

CENT = Decimal("0.01")
ZERO = Decimal("0")
ONE = Decimal("1")
TWELVE = Decimal("12")

INELIGIBLE = "ineligible"
RESULT_CATEGORIES = (Category.DIBAO.value, Category.MARGINAL.value, Category.EXPENDITURE.value, INELIGIBLE)
RESULT_LABELS: dict[str, str] = {
    Category.DIBAO.value: CATEGORY_LABELS[Category.DIBAO],
    Category.MARGINAL.value: CATEGORY_LABELS[Category.MARGINAL],
    Category.EXPENDITURE.value: CATEGORY_LABELS[Category.EXPENDITURE],
    INELIGIBLE: "不符合",
}
# Most eligible first (for "more income never makes a household more eligible").
ELIGIBILITY_RANK = {Category.DIBAO.value: 0, Category.MARGINAL.value: 1, Category.EXPENDITURE.value: 2,
                    INELIGIBLE: 3}

APPLY = "apply"
CLASS_1 = "class_1"
CLASS_2 = "class_2"
REVIEW = "review"
NOT_MONITORED = "none"
PLACEMENT_LABELS: dict[str, str] = {
    APPLY: "启动救助申请",
    CLASS_1: "纳入一类库",
    CLASS_2: "纳入二类库",
    REVIEW: "在保对象复核(待核对)",
    NOT_MONITORED: "不纳入监测",
}

VERIFICATION_METHODS: dict[str, str] = {
    "data_check": "家庭经济状况核对",
    "info_check": "信息核查",
    "home_survey": "入户调查",
    "neighbours": "邻里访问",
    "letters": "信函索证",
    "public_appraisal": "群众评议",
}
HOME_SURVEY = "home_survey"

_DIBAO = Category.DIBAO.value
_MARGINAL = Category.MARGINAL.value
_EXPENDITURE = Category.EXPENDITURE.value
_PENSION = IncomeKind.RESIDENT_PENSION.value
_IN_ASSISTANCE = frozenset({Category.DIBAO.value, Category.TEKUN.value})

SEVERE_AT_GRADE_3 = frozenset({Disability.INTELLECTUAL.value, Disability.MENTAL.value})


def yuan(value: Decimal) -> str:
    """``12,345.67 元`` (half-up to the fen)."""
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):,} 元"


def percent(value: Decimal) -> str:
    """A rate as it is used: ``12.345%`` (the settings and their sums are exact decimals)."""
    pct = (value * 100).normalize()
    return f"{format(pct, 'f')}%"


def share(value: Decimal) -> str:
    """A quotient, for reading only (rigid spending ÷ income): ``66.67%``, half-up to 0.01%."""
    pct = (value * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    return f"{format(pct, 'f')}%"


def round_cent(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def floor_cent(value: Decimal) -> Decimal:
    """Down to the fen: ``x < line`` ⇔ ``floor_cent(x) < line`` for a line in whole fen."""
    return value.quantize(CENT, rounding=ROUND_FLOOR)


def ceil_cent(value: Decimal) -> Decimal:
    """Up to the fen: ``x < line`` ⇔ ``x < ceil_cent(line)`` for an ``x`` in whole fen."""
    return value.quantize(CENT, rounding=ROUND_CEILING)


def money(value: Decimal) -> str:
    """An amount as it is used: ``yuan`` when it is whole fen, else every digit (``9,359.9365 元``)."""
    return yuan(value) if value == round_cent(value) else f"{value.normalize():,f} 元"


@dataclass(frozen=True)
class MemberInput:
    member_id: int | None
    name: str
    relation: str = "self"
    birth_date: date | None = None
    id_number: str | None = None  # used for the birth date when birth_date is missing
    health: str = Health.HEALTHY.value
    disability: str = Disability.NONE.value
    disability_grade: int = 0
    labour_capacity: str = LabourCapacity.FULL.value
    schooling: str = Schooling.NONE.value
    employed: bool | None = None
    union_member: bool = False

    def born(self) -> date | None:
        if self.birth_date is not None:
            return self.birth_date
        if self.id_number:
            parsed = idcard.parse(self.id_number)
            if parsed.valid and parsed.number:
                return idcard.birth_date(parsed.number)
        return None

    def age_on(self, on: date) -> int | None:
        born = self.born()
        return None if born is None else idcard.age_on(born, on)


@dataclass(frozen=True)
class IncomeItem:
    kind: str
    amount: Decimal
    exempt: bool = False
    member_id: int | None = None


@dataclass(frozen=True)
class ExpenseItem:
    kind: str
    amount: Decimal
    member_id: int | None = None


def _fields_of(obj: object) -> dict:
    return {f.name: getattr(obj, f.name) for f in fields(obj)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class HouseholdFacts:
    """What the calculation reads: the members and the 12-month figures before the assessment date."""

    members: tuple[MemberInput, ...]
    incomes: tuple[IncomeItem, ...] = ()
    expenses: tuple[ExpenseItem, ...] = ()
    single_parent: bool = False
    housing_need: bool = False  # recorded by the caseworker: refer to 住保
    legal_need: bool = False  # refer to 司法
    disaster: bool = False  # refer to 应急管理

    def to_json(self) -> dict:
        # Flat field copies (the same output as dataclasses.asdict, without its slow deep copy).
        data = _fields_of(self)
        data["members"] = [{**_fields_of(m), "birth_date": m.birth_date.isoformat() if m.birth_date else None}
                           for m in self.members]
        data["incomes"] = [{**_fields_of(i), "amount": str(i.amount)} for i in self.incomes]
        data["expenses"] = [{**_fields_of(e), "amount": str(e.amount)} for e in self.expenses]
        return data

    @classmethod
    def from_json(cls, data: dict) -> HouseholdFacts:
        members = tuple(MemberInput(**{**m, "birth_date": date.fromisoformat(m["birth_date"])
                                       if m.get("birth_date") else None}) for m in data["members"])
        incomes = tuple(IncomeItem(**{**i, "amount": Decimal(i["amount"])}) for i in data.get("incomes", ()))
        expenses = tuple(ExpenseItem(**{**e, "amount": Decimal(e["amount"])}) for e in data.get("expenses", ()))
        return cls(members, incomes, expenses, bool(data.get("single_parent")), bool(data.get("housing_need")),
                   bool(data.get("legal_need")), bool(data.get("disaster")))


@dataclass
class MemberFinding:
    member_id: int | None
    name: str
    age: int | None
    elderly: bool
    seriously_ill: bool
    severely_disabled: bool
    no_labour_reasons: list[str]
    tekun_candidate: bool = False
    single_person_candidate: bool = False
    single_person_reason: str = ""


@dataclass(frozen=True)
class Referral:
    department: str  # key of codes.DEPARTMENT_LABELS
    need: str

    @property
    def label(self) -> str:
        return DEPARTMENT_LABELS.get(self.department, self.department)


@dataclass
class MeansTestResult:
    category: str
    assessed_on: date
    area_type: str
    members: int
    income_by_kind: dict[str, Decimal]
    total_income: Decimal
    exempt_income: Decimal
    deduction_parts: list[tuple[str, int, Decimal]]  # (what, how many, rate added)
    deduction_uncapped: Decimal
    deduction_rate: Decimal
    counted_income: Decimal  # exact (not rounded)
    annual_per_capita: Decimal  # counted income / members, down to the fen
    per_capita_monthly: Decimal  # rounded half-up to 0.01
    medical: Decimal
    education: Decimal
    other_rigid: Decimal
    rigid_spending: Decimal
    rigid_ratio: Decimal | None  # None when total income ≤ 0
    dibao_line: Decimal
    marginal_line: Decimal
    findings: list[MemberFinding]
    urgent: bool
    urgency_reasons: list[str]
    vulnerable: bool
    vulnerable_reasons: list[str]
    referrals: list[Referral]
    suggested_placement: str
    steps: list[str] = field(default_factory=list)
    employed_members: int = 0
    ill_or_disabled: bool = False
    employment_deduction: Decimal = ZERO
    illness_deduction: Decimal = ZERO
    not_yet_born: list[str] = field(default_factory=list)  # "婴(2026-05-01 出生)": left out of the family
    pension_exempt_income: Decimal = ZERO  # basic resident pension left out by resident_pension_exempt
    current_category: str | None = None  # the household's category when assessed (低保/特困: in assistance)

    @property
    def suggested_label(self) -> str:
        """The suggested placement in words for this household (see :func:`placement_label`)."""
        return placement_label(self.suggested_placement, self.category, self.current_category)

    @property
    def label(self) -> str:
        return RESULT_LABELS[self.category]

    @property
    def tekun_candidates(self) -> list[MemberFinding]:
        return [f for f in self.findings if f.tekun_candidate]

    @property
    def single_person_candidates(self) -> list[MemberFinding]:
        return [f for f in self.findings if f.single_person_candidate]

    @property
    def explanation(self) -> str:
        return "\n".join(f"{n}. {s}" for n, s in enumerate(self.steps, start=1))

    def summary(self) -> dict:
        """The figures an assessment stores in its ``result`` column (JSON-ready)."""
        return {
            "category": self.category,
            "category_label": self.label,
            "rule_version": RULE_VERSION,
            "members": self.members,
            "income_by_kind": {k: str(round_cent(v)) for k, v in self.income_by_kind.items()},
            "total_income": str(round_cent(self.total_income)),
            "exempt_income": str(round_cent(self.exempt_income)),
            "pension_exempt_income": str(round_cent(self.pension_exempt_income)),
            "deduction_parts": [[w, n, str(r)] for w, n, r in self.deduction_parts],
            "deduction_rate": str(self.deduction_rate),
            "employment_deduction": str(round_cent(self.employment_deduction)),
            "illness_disability_deduction": str(round_cent(self.illness_deduction)),
            "counted_income": str(round_cent(self.counted_income)),
            "per_capita_monthly": str(self.per_capita_monthly),
            "medical": str(round_cent(self.medical)),
            "education": str(round_cent(self.education)),
            "other_rigid": str(round_cent(self.other_rigid)),
            "rigid_spending": str(round_cent(self.rigid_spending)),
            "rigid_ratio": None if self.rigid_ratio is None else str(self.rigid_ratio.quantize(Decimal("0.0001"))),
            "dibao_line": str(round_cent(self.dibao_line)),
            "marginal_line": str(round_cent(self.marginal_line)),
            "tekun_candidates": [{"member_id": f.member_id, "name": f.name, "reasons": f.no_labour_reasons}
                                 for f in self.tekun_candidates],
            "single_person_candidates": [{"member_id": f.member_id, "name": f.name, "reason": f.single_person_reason}
                                         for f in self.single_person_candidates],
            "urgent": self.urgent,
            "urgency_reasons": self.urgency_reasons,
            "vulnerable": self.vulnerable,
            "vulnerable_reasons": self.vulnerable_reasons,
            "referrals": [{"department": r.department, "label": r.label, "need": r.need} for r in self.referrals],
            "suggested_placement": self.suggested_placement,
            "current_category": self.current_category,
        }


def is_severely_disabled(m: MemberInput) -> bool:
    if m.disability == Disability.NONE.value or m.disability_grade <= 0:
        return False
    return m.disability_grade in (1, 2) or (m.disability_grade == 3 and m.disability in SEVERE_AT_GRADE_3)


# The setting of each part of the special-group deduction (the elderly part is named by its age).
DEDUCTION_SETTINGS = {"重病成员": "deduct_serious_illness", "重残成员": "deduct_severe_disability",
                      "单亲家庭": "deduct_single_parent"}


def deduction(members: tuple[MemberInput, ...], single_parent: bool, settings: PolicySettings,
              on: date) -> tuple[Decimal, Decimal, list[tuple[str, int, Decimal]]]:
    """(rate, uncapped sum, parts) — the special-group deduction rate, capped at ``deduct_cap``."""
    elderly_age = int(settings["elderly_age"])
    ill = sum(1 for m in members if m.health == Health.SERIOUS.value)
    disabled = sum(1 for m in members if is_severely_disabled(m))
    elderly = 0
    for m in members:
        age = m.age_on(on)
        if age is not None and age >= elderly_age:
            elderly += 1
    parts: list[tuple[str, int, Decimal]] = []
    if ill:
        parts.append(("重病成员", ill, settings["deduct_serious_illness"] * ill))
    if disabled:
        parts.append(("重残成员", disabled, settings["deduct_severe_disability"] * disabled))
    if single_parent:
        parts.append(("单亲家庭", 1, settings["deduct_single_parent"]))
    if elderly:
        parts.append((f"{elderly_age}周岁以上老年成员", elderly, settings["deduct_elderly"] * elderly))
    uncapped = sum((p[2] for p in parts), ZERO)
    return min(settings["deduct_cap"], uncapped), uncapped, parts


def amount_deductions(settings: PolicySettings, total: Decimal, wages: Decimal, employed: int,
                      illness_costs: Decimal, ill_or_disabled: bool) -> tuple[Decimal, Decimal]:
    """(employment costs, illness/disability rigid costs) taken from the total income before the
    special-group reduction — only where the district has provided an amount (settings
    ``employment_cost`` and ``illness_disability_cost_ratio``; 最低生活保障审核确认办法 art. 13 gives
    none). Employment costs: employed members × the monthly amount × 12, not more than the wages.
    Illness/disability costs: the out-of-pocket medical and other rigid (rehabilitation) spending of a
    household with a seriously ill or disabled member × the ratio. Together never more than a positive
    total income, and nothing is deducted from a total of 0 or below."""
    if total <= 0:
        return ZERO, ZERO
    cost = settings.get("employment_cost")
    employment = min(max(wages, ZERO), cost * TWELVE * employed) if cost and employed else ZERO
    ratio = settings.get("illness_disability_cost_ratio")
    illness = round_cent(illness_costs * ratio) if ratio and ill_or_disabled and illness_costs > 0 else ZERO
    employment = min(employment, total)
    return employment, min(illness, total - employment)


def employed_members(facts: HouseholdFacts) -> int:
    """Members at work, for the employment-cost deduction: those marked employed, and those whose work
    is not recorded either way who earn counted wages (工资性收入 is pay for work; a register has no
    column for the mark, so its wage earners went without the deduction RULES.md §1.2 names)."""
    earners = {i.member_id for i in facts.incomes
               if i.kind == IncomeKind.WAGES.value and not i.exempt and i.amount > 0 and i.member_id is not None}
    return sum(1 for m in facts.members
               if m.employed or (m.employed is None and m.member_id is not None and m.member_id in earners))


def counted_income(total: Decimal, rate: Decimal) -> Decimal:
    """Total income less the special-group deduction. The deduction reduces income, so it applies to a
    positive total only: a negative total (losses or transfers paid out above all income) stays as it is
    — ``−12,000 × (1 − 5%)`` would raise it to −11,400. RULES.md is silent; the national 最低生活保障审核
    确认办法 art. 13 speaks of reducing (扣减) income, which a negative total does not have."""
    return total * (ONE - rate) if total > 0 else total


def marginal_line(settings: PolicySettings) -> Decimal:
    """低保边缘线 in yuan a person a month: the standard × the multiplier, rounded up to the fen. The
    per-capita income is whole fen, so being below the printed line is being below the exact one
    (1.55 × 777.77 = 1,205.5435 → 1,205.55: 1,205.54 is below both; half-up printed 1,205.54 and
    refused 低保边缘 to a household below 1.55 × the standard)."""
    return ceil_cent(settings["marginal_multiplier"] * settings["dibao_standard"])


def rigid_line(total_income: Decimal, ratio: Decimal) -> Decimal:
    """The rigid spending a household must exceed: total income × the ratio, down to the fen. Rigid
    spending is in whole fen, so exceeding the cut-down line is exceeding the exact one (5,000.01 is above
    10,000.01 × 50% = 5,000.005; rounded half-up, the line read 5,000.01 and it was not)."""
    return floor_cent(total_income * ratio)


def classify(per_capita_monthly: Decimal, annual_per_capita: Decimal, total_income: Decimal,
             rigid_spending: Decimal, settings: PolicySettings) -> str:
    """Every comparison is between amounts in yuan and fen, as the explanation prints them."""
    dibao = settings["dibao_standard"]
    if per_capita_monthly < dibao:
        return _DIBAO
    if per_capita_monthly < marginal_line(settings):
        return _MARGINAL
    if floor_cent(annual_per_capita) < settings["disposable_income_last_year"] and rigid_above_ratio(
            rigid_spending, total_income, settings["rigid_expense_ratio"]):
        return _EXPENDITURE
    return INELIGIBLE


def dibao_allowance(standard: Decimal, per_capita_monthly: Decimal, members: int) -> Decimal:
    """The monthly 低保金 paid by the difference (社会救助暂行办法 art. 13): (standard − per-capita monthly
    income) × the members, to the fen; nothing when the income is not below the standard. A negative
    income (a business loss) counts as none: the allowance brings the household up to the standard, it
    never pays more than the standard itself."""
    return round_cent(max(standard - max(per_capita_monthly, ZERO), ZERO) * members)


def rigid_above_ratio(rigid: Decimal, total_income: Decimal, ratio: Decimal) -> bool:
    """刚性支出 ÷ 家庭总收入 > ratio, compared in yuan: rigid > total × ratio (rounded to the fen), so the
    explanation never reads "50% > 50%". With total income ≤ 0 any rigid spending is above the ratio (a
    household without income is 低保 first, so this is never the step that decides)."""
    if total_income <= 0:
        return rigid > 0
    return rigid > rigid_line(total_income, ratio)


def suggest_placement(category: str, vulnerable: bool, current_category: str | None = None) -> str:
    if category == _DIBAO:
        return APPLY
    if current_category in _IN_ASSISTANCE:
        return REVIEW
    if category == _MARGINAL or category == _EXPENDITURE:
        return CLASS_1
    return CLASS_2 if vulnerable else NOT_MONITORED


KEEP_LABEL = "维持现有救助(在保)"


def keeps_assistance(placement: str, category: str, current_category: str | None) -> bool:
    """Whether this placement leaves a household already receiving 低保 or 特困 in its assistance: an
    application placement whose result is still 低保 starts nothing (saving keeps its stage)."""
    return placement == APPLY and category == _DIBAO and current_category in _IN_ASSISTANCE


def placement_label(placement: str, category: str, current_category: str | None) -> str:
    """The placement in words for this household: "start an application" for one already receiving 低保
    or 特困 whose result is still 低保 starts nothing (saving such an assessment keeps its stage), it
    keeps its assistance."""
    if keeps_assistance(placement, category, current_category):
        return KEEP_LABEL
    return PLACEMENT_LABELS[placement]


def saved_placement_label(placement: str, result: Mapping[str, object]) -> str:
    """A saved assessment's placement in words by :func:`placement_label`: its ``result`` (what
    :meth:`MeansTestResult.summary` stored) holds the category and the household's category when it was
    assessed (absent in assessments saved before it was recorded). An unknown code is shown as it is."""
    if placement not in PLACEMENT_LABELS:
        return placement
    current = result.get("current_category")
    return placement_label(placement, str(result.get("category") or ""), current if isinstance(current, str) else None)


def not_yet_born(members: tuple[MemberInput, ...], on: date) -> list[MemberInput]:
    """Members born after ``on``: not yet members of the family on that date."""
    out = []
    for m in members:
        born = m.born()
        if born is not None and born > on:
            out.append(m)
    return out


def _no_member_on(on: date) -> ValueError:
    return ValueError(f"家庭成员在评估日期 {on.isoformat()} 均尚未出生,无法计算人均收入。")


def assess(facts: HouseholdFacts, settings: PolicySettings, on: date, *,
           current_category: str | None = None, explain: bool = True) -> MeansTestResult:
    """Run the means test on ``on`` with the settings in force then. Raises ValueError without members
    (on that date: members born after it are left out)."""
    if not facts.members:
        raise ValueError("家庭没有成员,无法计算人均收入。")
    unborn = not_yet_born(facts.members, on)
    if unborn:
        facts = replace(facts, members=tuple(m for m in facts.members if m not in unborn))
        if not facts.members:
            raise _no_member_on(on)
    n = len(facts.members)
    members = Decimal(n)
    by_kind: dict[str, Decimal] = {k.value: ZERO for k in IncomeKind}
    exempt = pension_exempt = ZERO
    pension_out = settings.pension_exempt()
    for item in facts.incomes:
        if item.exempt:
            exempt += item.amount
        elif pension_out and item.kind == _PENSION:
            pension_exempt += item.amount
        else:
            by_kind[item.kind] = by_kind.get(item.kind, ZERO) + item.amount
    total = sum(by_kind.values(), ZERO)
    spend: dict[str, Decimal] = {k.value: ZERO for k in ExpenseKind}
    for e in facts.expenses:
        spend[e.kind] = spend.get(e.kind, ZERO) + e.amount
    medical = spend[ExpenseKind.MEDICAL.value]
    education = spend[ExpenseKind.EDUCATION.value]
    other = spend[ExpenseKind.OTHER_RIGID.value]
    rigid = medical + education + other

    rate, uncapped, parts = deduction(facts.members, facts.single_parent, settings, on)
    employed = employed_members(facts)
    ill_or_disabled = any(m.health == Health.SERIOUS.value or (m.disability != Disability.NONE.value
                                                               and m.disability_grade > 0) for m in facts.members)
    employment_cut, illness_cut = amount_deductions(settings, total, by_kind[IncomeKind.WAGES.value], employed,
                                                    medical + other, ill_or_disabled)
    counted = counted_income(total - employment_cut - illness_cut, rate)
    annual_pc = floor_cent(counted / members)
    per_capita = round_cent(counted / TWELVE / members)
    category = classify(per_capita, annual_pc, total, rigid, settings)
    dibao = settings["dibao_standard"]
    marginal = marginal_line(settings)
    rigid_ratio = rigid / total if total > 0 else None

    # -- per person: ages, 特困 candidates, 单人保 candidates ------------------------------------
    elderly_age = int(settings["elderly_age"])
    minor_age = int(settings["tekun_minor_age"])
    findings: list[MemberFinding] = []
    for m in facts.members:
        age = m.age_on(on)
        reasons: list[str] = []
        if age is not None and age >= elderly_age:
            reasons.append(f"{age}周岁,{elderly_age}周岁以上")
        if age is not None and age < minor_age:
            reasons.append(f"{age}周岁,未满{minor_age}周岁")
        grade = m.disability_grade if m.disability != Disability.NONE.value else 0
        kind_label = DISABILITY_LABELS.get(Disability(m.disability), m.disability) \
            if m.disability in Disability._value2member_map_ else m.disability
        if (m.disability in SEVERE_AT_GRADE_3 and 1 <= grade <= 3) or (
                m.disability == Disability.PHYSICAL.value and 1 <= grade <= 2) or (
                m.disability == Disability.VISUAL.value and grade == 1):
            reasons.append(f"{kind_label}残疾{GRADE_LABELS.get(grade, grade)}")
        ill = m.health == Health.SERIOUS.value
        severe = is_severely_disabled(m)
        finding = MemberFinding(m.member_id, m.name, age, age is not None and age >= elderly_age, ill, severe,
                                reasons)
        finding.tekun_candidate = bool(reasons) and category == Category.DIBAO.value
        # 单人保 enrols one member alone, apart from the others: a household of one has no others (its own
        # income is the one just found not below the 低保 standard).
        if category == Category.MARGINAL.value and (severe or ill) and n > 1:
            finding.single_person_candidate = True
            finding.single_person_reason = "重病" if ill and not severe else (
                f"{kind_label}残疾{GRADE_LABELS.get(grade, grade)}" + ("、重病" if ill else ""))
        findings.append(finding)

    # -- urgency ----------------------------------------------------------------------------------
    urgency: list[str] = []
    if (total > 0 and medical > total / 2) or (total <= 0 and medical > 0):
        urgency.append(f"医疗支出 {yuan(medical)} 超过家庭总收入 {yuan(total)} 的一半")
    if per_capita < dibao / 2:
        urgency.append(f"月人均收入 {yuan(per_capita)} 不足低保标准 {yuan(dibao)} 的一半")

    # -- vulnerability (for class II) ---------------------------------------------------------------
    vulnerable_reasons: list[str] = [f"{what} {count} {'户' if what == '单亲家庭' else '人'}"
                                     for what, count, _ in parts]
    disabled_any = [m for m in facts.members if m.disability != Disability.NONE.value and m.disability_grade > 0]
    if disabled_any and not any(w == "重残成员" for w, _, _ in parts):
        vulnerable_reasons.append(f"残疾成员 {len(disabled_any)} 人")
    if rigid > 0:
        vulnerable_reasons.append(f"有刚性支出 {yuan(rigid)}")
    if urgency:
        vulnerable_reasons.append("情况紧急")
    vulnerable = bool(vulnerable_reasons)

    # -- referrals --------------------------------------------------------------------------------
    referrals: list[Referral] = []
    if category != INELIGIBLE or vulnerable:
        referrals = _referrals(facts, findings, medical, on, elderly_age, minor_age)

    placement = suggest_placement(category, vulnerable, current_category)
    result = MeansTestResult(
        category=category, assessed_on=on, area_type=settings.area_type, members=n, income_by_kind=by_kind,
        total_income=total, exempt_income=exempt, deduction_parts=parts, deduction_uncapped=uncapped,
        deduction_rate=rate, counted_income=counted, annual_per_capita=annual_pc, per_capita_monthly=per_capita,
        medical=medical, education=education, other_rigid=other, rigid_spending=rigid, rigid_ratio=rigid_ratio,
        dibao_line=dibao, marginal_line=marginal, findings=findings, urgent=bool(urgency),
        urgency_reasons=urgency, vulnerable=vulnerable, vulnerable_reasons=vulnerable_reasons,
        referrals=referrals, suggested_placement=placement, employed_members=employed,
        ill_or_disabled=ill_or_disabled, employment_deduction=employment_cut, illness_deduction=illness_cut,
        not_yet_born=[f"{m.name}({m.born()} 出生)" for m in unborn], pension_exempt_income=pension_exempt,
        current_category=current_category)
    if explain:
        result.steps = _explain(result, facts, settings)
    return result


def _referrals(facts: HouseholdFacts, findings: list[MemberFinding], medical: Decimal, on: date,
               elderly_age: int, minor_age: int) -> list[Referral]:
    out: list[Referral] = []
    ill = [m.name for m in facts.members if m.health == Health.SERIOUS.value]
    if medical > 0 or ill:
        need = "医疗救助"
        if medical > 0:
            need += f":近12个月自付医疗费用 {yuan(medical)}"
        if ill:
            need += f";重病成员 {'、'.join(ill)}"
        out.append(Referral("medical_insurance", need))
    students = [m.name for m in facts.members if m.schooling != Schooling.NONE.value]
    if students:
        out.append(Referral("education", f"教育资助:在校学生 {'、'.join(students)}"))
    jobless = []
    for m in facts.members:
        age = m.age_on(on)
        if (age is not None and minor_age <= age < elderly_age and m.employed is False
                and m.labour_capacity != LabourCapacity.NONE.value):
            jobless.append(m.name)
    if jobless:
        out.append(Referral("hrss", f"就业援助:劳动年龄内有劳动能力未就业 {'、'.join(jobless)}"))
    disabled = [m.name for m in facts.members if m.disability != Disability.NONE.value and m.disability_grade > 0]
    if disabled:
        out.append(Referral("disabled_federation", f"残疾人帮扶(两项补贴、康复):{'、'.join(disabled)}"))
    if facts.housing_need:
        out.append(Referral("housing", "住房保障:住房困难"))
    if facts.legal_need:
        out.append(Referral("justice", "法律援助"))
    if facts.disaster:
        out.append(Referral("emergency", "受灾救助"))
    union = [m.name for m in facts.members if m.union_member]
    if union:
        out.append(Referral("union", f"困难职工帮扶:工会会员 {'、'.join(union)}"))
    return out


def _explain(r: MeansTestResult, facts: HouseholdFacts, s: PolicySettings) -> list[str]:
    steps: list[str] = []
    area = area_label(s.area_type)
    eff = s.effective

    def since(name: str) -> str:  # where a setting came from: the date its value took effect, or its default
        return f"({s.since(name)})" if s.is_default(name) else f"({s.since(name)} 起执行)"
    steps.append(f"评估日期 {r.assessed_on.isoformat()},适用{area}政策参数(计算规则版本 {RULE_VERSION});"
                 f"家庭人口 {r.members} 人。")
    if r.not_yet_born:
        steps.append(f"注意:{'、'.join(r.not_yet_born)}在评估日期尚未出生,不计入家庭人口。")
    unknown = [f.name for f in r.findings if f.age is None]
    if unknown:
        steps.append(f"注意:{'、'.join(unknown)} 出生日期不详(身份证号也无法读出),未判断其是否为老年人、"
                     "是否未满特困年龄,相关扣减和特困条件未计入;请补充出生日期后重新评估。")
    kinds = ""
    for k, v in r.income_by_kind.items():  # a loss (经营净收入 below 0) is taken away, not added as "+ -…"
        if v != 0:
            label = INCOME_LABELS[IncomeKind(k)]
            kinds += (f"{label} {yuan(v)}" if not kinds else
                      f" − {label} {yuan(-v)}" if v < 0 else f" + {label} {yuan(v)}")
    text = "近12个月家庭总收入:" + (kinds + f" = {yuan(r.total_income)}" if kinds
                                    else f"无计入收入,合计 {yuan(r.total_income)}")
    if r.exempt_income:
        text += f";另有不计入收入的项目(优待抚恤金、奖学金、社会救助金等){yuan(r.exempt_income)},未计入"
    steps.append(text + "。")
    steps.extend(_pension_steps(r, s, since))
    if r.deduction_parts:
        pieces = " + ".join(
            f"{what} {count} {'户' if what == '单亲家庭' else '人'} × {percent(rate / count)}"
            f"{since(DEDUCTION_SETTINGS.get(what, 'deduct_elderly'))}"
            for what, count, rate in r.deduction_parts)
        capped = f",超过上限 {percent(s['deduct_cap'])},按上限计" if r.deduction_uncapped > r.deduction_rate else \
            f"(上限 {percent(s['deduct_cap'])})"
        cap_since = eff.get("deduct_cap", s.on).isoformat()
        steps.append(f"特殊群体收入扣减(各项比例和上限为政策参数,上限自 {cap_since} 起执行):"
                     f"{pieces} = {percent(r.deduction_uncapped)}{capped};"
                     f"扣减比例 {percent(r.deduction_rate)}。")
    else:
        steps.append("无重病、重残、单亲、老年成员等扣减情形,扣减比例 0%。")
    steps.extend(_amount_deduction_steps(r, s, since))
    cuts = r.employment_deduction + r.illness_deduction
    if r.total_income < 0:
        steps.append(f"家庭总收入为负数({yuan(r.total_income)}):净收入的亏损或支出大于其他全部收入,请核实各项净收入;"
                     f"扣减只适用于正收入,认定收入按 {yuan(r.counted_income)} 计。")
    else:
        base = yuan(r.total_income) if not cuts else "(" + " − ".join(
            [yuan(r.total_income)] + [yuan(c) for c in (r.employment_deduction, r.illness_deduction) if c]) + ")"
        steps.append(f"认定收入 = {base} × (1 − {percent(r.deduction_rate)}) = {money(r.counted_income)}。")
    steps.append(f"月人均收入 = {money(r.counted_income)} ÷ 12 ÷ {r.members} = {yuan(r.per_capita_monthly)}"
                 "(四舍五入到分)。")
    ratio_text = share(r.rigid_ratio) if r.rigid_ratio is not None else "—(家庭总收入不大于 0 元)"
    steps.append(f"近12个月刚性支出:医疗 {yuan(r.medical)} + 教育 {yuan(r.education)} + 其他 {yuan(r.other_rigid)}"
                 f" = {yuan(r.rigid_spending)},占家庭总收入 {ratio_text}。")
    dibao = s["dibao_standard"]
    std = f"{area}低保标准 {yuan(dibao)}/人·月{since('dibao_standard')}"
    pc = yuan(r.per_capita_monthly)
    if r.category == Category.DIBAO.value:
        steps.append(f"{std}:月人均收入 {pc} < {yuan(dibao)},认定为低保。")
    else:
        steps.append(f"{std}:月人均收入 {pc} ≥ {yuan(dibao)},不属于低保。")
        line = (f"低保边缘线 = {yuan(dibao)} × 低保边缘倍数 {format(s['marginal_multiplier'].normalize(), 'f')}"
                f"{since('marginal_multiplier')} = {yuan(r.marginal_line)}"
                + ("" if r.marginal_line == s["marginal_multiplier"] * dibao else "(不足一分按一分计)"))
        if r.category == Category.MARGINAL.value:
            steps.append(f"{line}:{pc} < {yuan(r.marginal_line)},认定为低保边缘。")
        else:
            steps.append(f"{line}:{pc} ≥ {yuan(r.marginal_line)},不属于低保边缘。")
            dis = s["disposable_income_last_year"]
            ratio = s["rigid_expense_ratio"]
            below = r.annual_per_capita < dis
            above = rigid_above_ratio(r.rigid_spending, r.total_income, ratio)
            first = (f"人均年认定收入 {yuan(r.annual_per_capita)}{cut_note(r.counted_income / r.members)} "
                     f"{'<' if below else '≥'} "
                     f"上年人均可支配收入 {yuan(dis)}{since('disposable_income_last_year')}")
            second = (f"刚性支出 {yuan(r.rigid_spending)} {'>' if above else '≤'} 家庭总收入 {yuan(r.total_income)}"
                      f" × 刚性支出比例 {percent(ratio)}{since('rigid_expense_ratio')} = "
                      f"{yuan(rigid_line(r.total_income, ratio))}{cut_note(r.total_income * ratio)}"
                      if r.rigid_ratio is not None else
                      f"总收入不大于 0 且刚性支出{'大于' if above else '等于'} 0 元")
            verdict = "认定为支出型困难" if r.category == Category.EXPENDITURE.value else "不属于支出型困难"
            steps.append(f"支出型困难:{first};{second};{verdict}。")
            stale = not_renewed("disposable_income_last_year", eff.get("disposable_income_last_year", s.on),
                                r.assessed_on)
            if stale:
                steps.append(f"注意:上年人均可支配收入仍为 {eff['disposable_income_last_year'].isoformat()} "
                             f"起执行的数值,{stale};录入后(系统设置 → 政策参数)请重新评估。")
    if r.category == INELIGIBLE:
        steps.append("结论:不符合低保、低保边缘、支出型困难条件。")
    else:
        # RULES.md §1.3: 低保 (and 特困) also need the family's property within local rules; this
        # calculation has only the income, so the property condition is left to the data check.
        steps.append(f"以上为收入条件的评估:认定为{r.label}还须家庭财产状况符合当地规定,"
                     "以家庭经济状况核对(授权比对)结果为准。")
    for f in r.tekun_candidates:
        steps.append(f"特困供养候选:{f.name}({'、'.join(f.no_labour_reasons)},无劳动能力;家庭月人均收入低于低保标准)。"
                     "是否无法定赡养、抚养、扶养义务人或其无履行能力,须由经办人核实。")
    for f in r.single_person_candidates:
        steps.append(f"单人保候选:{f.name}({f.single_person_reason}),所在家庭为低保边缘家庭,可申请单独纳入低保。")
    if r.urgent:
        steps.append("救助缓急:紧急——" + ";".join(r.urgency_reasons) + "。")
    else:
        steps.append("救助缓急:一般。")
    if r.referrals:
        steps.append("建议转介专项救助:" + ";".join(f"{ref.label}({ref.need})" for ref in r.referrals) + "。")
    keeps = keeps_assistance(r.suggested_placement, r.category, r.current_category)
    why = {APPLY: "当前在保,月人均收入仍低于低保标准,不另行启动申请" if keeps else "月人均收入低于低保标准",
           CLASS_1: "接近救助条件,已核对暂不符合低保",
           CLASS_2: "暂不符合,但存在困难因素:" + "、".join(r.vulnerable_reasons),
           REVIEW: "当前在保,但评估结果不再符合低保,需复核",
           NOT_MONITORED: "不符合救助条件且无困难因素"}[r.suggested_placement]
    steps.append(f"建议去向:{r.suggested_label}({why})。")
    return steps


def cut_note(exact: Decimal) -> str:
    """"(分以下舍去)" when a figure printed in whole fen was cut down from ``exact``."""
    return "" if exact == floor_cent(exact) else "(分以下舍去)"


def _pension_steps(r: MeansTestResult, s: PolicySettings, since: Callable[[str], str]) -> list[str]:
    """What the setting resident_pension_exempt did to the basic resident pension, when there is one."""
    label = INCOME_LABELS[IncomeKind.RESIDENT_PENSION]
    setting = f"政策参数“{SPEC_BY_NAME[PENSION_EXEMPT].label}”({PENSION_EXEMPT})"
    if r.pension_exempt_income:
        return [f"{label} {yuan(r.pension_exempt_income)}:按{setting}为“是”{since(PENSION_EXEMPT)},"
                "不计入家庭收入。"]
    counted = r.income_by_kind.get(_PENSION, ZERO)
    if not counted:
        return []
    how = (f"为“否”{since(PENSION_EXEMPT)}" if s.get(PENSION_EXEMPT) is not None
           else "未设置(默认“否”)")
    return [f"{label} {yuan(counted)}:{setting}{how},按转移性收入计入家庭收入。"]


def _amount_deduction_steps(r: MeansTestResult, s: PolicySettings, since: Callable[[str], str]) -> list[str]:
    """The employment-cost and illness/disability-cost lines, when they apply or were not provided."""
    out: list[str] = []
    wages = r.income_by_kind.get(IncomeKind.WAGES.value, ZERO)
    if r.employed_members and wages > 0 and r.total_income > 0:
        cost = s.get("employment_cost")
        if cost is None:
            out.append(f"必要就业成本:未设置扣减标准(政策参数“{SPEC_BY_NAME['employment_cost'].label}”),"
                       "工资性收入不扣减就业成本。")
        else:
            full = cost * TWELVE * r.employed_members
            limit = f",以工资性收入 {yuan(wages)} 为限" if full > wages else ""
            limit += ",以家庭总收入为限" if r.employment_deduction < min(full, wages) else ""
            out.append(f"必要就业成本扣减:就业成员 {r.employed_members} 人 × {yuan(cost)}/人·月"
                       f"{since('employment_cost')} × 12 = {yuan(full)}{limit};扣减 {yuan(r.employment_deduction)}。")
    costs = r.medical + r.other_rigid
    if r.ill_or_disabled and costs > 0 and r.total_income > 0:
        ratio = s.get("illness_disability_cost_ratio")
        if ratio is None:
            out.append(f"因病因残刚性支出:未设置扣减比例(政策参数“{SPEC_BY_NAME['illness_disability_cost_ratio'].label}”),"
                       "不从收入中扣减。")
        else:
            full = round_cent(costs * ratio)
            limit = ",以家庭总收入为限" if r.illness_deduction < full else ""
            out.append(f"因病因残刚性支出扣减:(医疗 {yuan(r.medical)} + 其他刚性 {yuan(r.other_rigid)}) × "
                       f"{percent(ratio)}{since('illness_disability_cost_ratio')} = {yuan(full)}{limit};"
                       f"扣减 {yuan(r.illness_deduction)}。")
    return out


# -- the same calculation, brief, for re-assessing many households at once ---------------------------

_SERIOUS = Health.SERIOUS.value
_NO_DISABILITY = Disability.NONE.value
_NO_LABOUR_DISABILITY = frozenset(
    [(Disability.INTELLECTUAL.value, g) for g in (1, 2, 3)] + [(Disability.MENTAL.value, g) for g in (1, 2, 3)]
    + [(Disability.PHYSICAL.value, g) for g in (1, 2)] + [(Disability.VISUAL.value, 1)])
_SEVERE = frozenset([(d.value, g) for d in Disability if d != Disability.NONE for g in (1, 2)]
                    + [(d, 3) for d in SEVERE_AT_GRADE_3])

# (birth date or None, health, disability, disability grade, name)
BriefMember = tuple[date | None, str, str, int, str]


@dataclass(slots=True)
class BriefResult:
    members: int  # on the assessment date (members born later left out)
    category: str
    deduction_rate: Decimal
    counted_income: Decimal
    per_capita_monthly: Decimal
    rigid_spending: Decimal
    urgent: bool
    vulnerable: bool
    suggested_placement: str
    tekun_candidates: list[str]
    total_income: Decimal = ZERO  # after leaving out an exempt pension

    @property
    def label(self) -> str:
        return RESULT_LABELS[self.category]


def assess_brief(members: list[BriefMember], total_income: Decimal, medical: Decimal, other_rigid: Decimal,
                 single_parent: bool, settings: PolicySettings, on: date,
                 current_category: str | None = None, *, wages: Decimal = ZERO, employed: int = 0,
                 illness_costs: Decimal = ZERO, pension: Decimal = ZERO) -> BriefResult:
    """:func:`assess` without the explanation, for thousands of households: same rules, same rounding
    (tests check that both always agree). ``other_rigid`` is education plus other rigid spending;
    ``wages`` the counted wages, ``employed`` the members at work and ``illness_costs`` the medical and
    other rigid spending without education (for the optional amount deductions). ``pension`` is the basic
    resident pension included in ``total_income`` (lines not ticked exempt): left out when the settings
    exempt it."""
    if pension and settings.pension_exempt():
        total_income -= pension
    if not members:
        raise ValueError("家庭没有成员,无法计算人均收入。")
    n = 0
    elderly_age = int(settings["elderly_age"])
    minor_age = int(settings["tekun_minor_age"])
    ill = severe = elderly = disabled_any = 0
    no_labour: list[str] = []
    year, md = on.year, (on.month, on.day)
    birthday_md = idcard.birthday_md
    for born, health, disability, grade, name in members:
        age = None if born is None else year - born.year - (md < birthday_md(born, year))
        if age is not None and age < 0:  # born after the assessment date: not yet a member
            continue
        n += 1
        if health == _SERIOUS:
            ill += 1
        key = (disability, grade)
        if key in _SEVERE:
            severe += 1
        if disability != _NO_DISABILITY and grade > 0:
            disabled_any += 1
        old = age is not None and age >= elderly_age
        if old:
            elderly += 1
        if old or (age is not None and age < minor_age) or key in _NO_LABOUR_DISABILITY:
            no_labour.append(name)
    uncapped = ZERO
    if ill:
        uncapped += settings["deduct_serious_illness"] * ill
    if severe:
        uncapped += settings["deduct_severe_disability"] * severe
    if single_parent:
        uncapped += settings["deduct_single_parent"]
    if elderly:
        uncapped += settings["deduct_elderly"] * elderly
    if n == 0:
        raise _no_member_on(on)
    rate = min(settings["deduct_cap"], uncapped)
    employment_cut, illness_cut = amount_deductions(settings, total_income, wages, employed, illness_costs,
                                                    bool(ill or disabled_any))
    counted = counted_income(total_income - employment_cut - illness_cut, rate)
    size = Decimal(n)
    per_capita = round_cent(counted / TWELVE / size)
    rigid = medical + other_rigid
    category = classify(per_capita, floor_cent(counted / size), total_income, rigid, settings)
    urgent = ((total_income > 0 and medical > total_income / 2) or (total_income <= 0 and medical > 0)
              or per_capita < settings["dibao_standard"] / 2)
    vulnerable = bool(ill or severe or single_parent or elderly or disabled_any or rigid > 0 or urgent)
    return BriefResult(n, category, rate, counted, per_capita, rigid, urgent, vulnerable,
                       suggest_placement(category, vulnerable, current_category),
                       no_labour if category == _DIBAO else [], total_income)
