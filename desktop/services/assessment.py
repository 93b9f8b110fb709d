"""Comprehensive assessment (先评估): load a household's inputs, run the means test with the settings in
force, save a frozen assessment and place the household; re-assess everyone in scope ("政策找人")
into a workbook and, only when a user confirms, apply the proposed moves.

Every function takes the acting user, opens its own unit of work and returns plain dataclasses.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from queue import Empty, Full, Queue
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from desktop.io.xlsx_stream import write_rows
from desktop.models import (
    Application,
    Assessment,
    Expense,
    Household,
    Income,
    Member,
    Referral,
    Region,
    User,
)
from desktop.rules import idcard, spelling
from desktop.rules import means_test as mt
from desktop.rules import policy as policy_rules
from desktop.rules.codes import (
    CATEGORY_LABELS,
    DEPARTMENT_LABELS,
    DISABILITY_LABELS,
    HEALTH_LABELS,
    IN_ASSISTANCE,
    LABOUR_LABELS,
    NET_INCOME_KINDS,
    SCHOOLING_LABELS,
    STAGE_LABELS,
    Category,
    Disability,
    ExpenseKind,
    IncomeKind,
    Role,
    Stage,
)
from desktop.services import referrals as referral_svc
from desktop.services.base import (
    Actor,
    CutList,
    UnitOfWork,
    log_access,
    matched_in_all,
    require_role,
    snapshot,
    too_early,
    unit_of_work,
)
from desktop.services.database import Database
from desktop.services.errors import NOT_WRITTEN, PermissionDenied, ServiceError, ValidationFailed
from desktop.services.files import FILE_REASONS, export_place, nothing_to_export
from desktop.services.monitoring import NewerMove, move_household, newer_move
from desktop.services.policy import NoPolicyInForce, settings_in_force_session
from desktop.services.progress import NO_PROGRESS, Progress

ASSESSORS = (Role.ADMIN, Role.DISTRICT_REVIEWER, Role.SUBDISTRICT_CASEWORKER, Role.COMMUNITY_WORKER)
CHUNK = 4000  # households per set-based load in re-assessment
LIST_LIMIT = 200  # the latest assessments listed on the assessment page

PLACEMENT_STAGE: dict[str, str | None] = {
    mt.APPLY: Stage.APPLYING.value,
    mt.CLASS_1: Stage.CLASS_I.value,
    mt.CLASS_2: Stage.CLASS_II.value,
    mt.REVIEW: Stage.TO_CHECK.value,
    mt.NOT_MONITORED: None,
}

# What a current category means for "是否变化".
CURRENT_AS_RESULT = {
    Category.NONE.value: mt.INELIGIBLE,
    Category.TEMPORARY.value: mt.INELIGIBLE,
    Category.DIBAO.value: Category.DIBAO.value,
    Category.TEKUN.value: Category.DIBAO.value,
    Category.MARGINAL.value: Category.MARGINAL.value,
    Category.EXPENDITURE.value: Category.EXPENDITURE.value,
}


def category_label(code: str | None) -> str:
    if code in mt.RESULT_LABELS:
        return mt.RESULT_LABELS[code]
    try:
        return CATEGORY_LABELS[Category(code or "none")]
    except ValueError:
        return code or ""


def stage_label(code: str | None) -> str:
    if not code:
        return "不在看板上"  # as the household list and the board say
    try:
        return STAGE_LABELS[Stage(code)]
    except ValueError:
        return code


# -- results ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class HouseholdHit:
    id: int
    code: str
    head_name: str
    head_id: str  # always masked: the household is picked by name, region and members (no full-number view to log)
    region_name: str
    member_count: int
    category_label: str
    stage_label: str
    last_assessed_on: date | None


@dataclass(frozen=True)
class MemberRow:
    id: int
    version: int
    name: str
    relation: str
    id_masked: str
    birth_date: date | None
    health: str
    disability: str
    disability_grade: int
    labour_capacity: str
    schooling: str
    employed: bool | None
    union_member: bool

    def to_input(self) -> mt.MemberInput:
        return mt.MemberInput(self.id, self.name, self.relation, self.birth_date, None, self.health, self.disability,
                              self.disability_grade, self.labour_capacity, self.schooling, self.employed,
                              self.union_member)


@dataclass(frozen=True)
class HouseholdInputs:
    """What the wizard starts from: the household, its members and its current 12-month figures."""

    household_id: int
    version: int
    code: str
    head_name: str
    region_name: str
    area_type: str
    single_parent: bool
    category: str
    stage: str | None
    last_assessed_on: date | None
    members: list[MemberRow]
    incomes: list[mt.IncomeItem]
    expenses: list[mt.ExpenseItem]
    period_end: date | None

    def facts(self) -> mt.HouseholdFacts:
        return mt.HouseholdFacts(tuple(m.to_input() for m in self.members), tuple(self.incomes),
                                 tuple(self.expenses), self.single_parent)


@dataclass(frozen=True)
class MemberEdit:
    member_id: int
    version: int
    health: str
    disability: str
    disability_grade: int
    labour_capacity: str
    schooling: str
    employed: bool | None
    union_member: bool


@dataclass(frozen=True)
class Preview:
    result: mt.MeansTestResult
    settings: policy_rules.PolicySettings
    current_category: str
    current_stage: str | None = None
    held: bool = False  # 救助中, or 申请中 with an application being handled: no placement moves it
    newer: NewerMove | None = None  # a board move dated after the assessment date

    def stage_kept(self, placement: str) -> str:
        """What the result page says before saving when the household moved after the assessment date
        and this placement would move it back: the assessment is saved, the household stays ("" else)."""
        if self.newer is None:
            return ""
        kept = _kept_words(self.current_stage, self.current_category,
                           _target(self.current_stage, self.current_category, placement, self.result.category,
                                   self.held))
        if not kept:
            return ""
        return (f"{self.newer.words()},晚于本次评估日期 {self.result.assessed_on.isoformat()}:"
                f"保存后评估照常记录,但{kept}。")


@dataclass
class SaveRequest:
    household_id: int
    assessed_on: date
    facts: mt.HouseholdFacts
    verification_methods: list[str]
    investigators: list[str]
    placement: str
    override_reason: str = ""
    refer_departments: list[str] = field(default_factory=list)
    household_version: int | None = None
    save_figures: bool = True  # write the incomes/expenses entered as the household's current figures
    # The settings the result the user saw was calculated with (Preview.settings.frozen()): when an
    # administrator entered or corrected a value in force on the assessment date since, the save is
    # refused (PolicyChanged) instead of saving figures the user never saw. None: not checked.
    settings_seen: dict[str, dict[str, str]] | None = None


@dataclass(frozen=True)
class Saved:
    assessment_id: int
    household_id: int
    category: str
    placement: str
    from_stage: str | None
    to_stage: str | None
    referrals: int
    start_application: bool
    # Said to the user after saving when the household moved after the assessment date and keeps its
    # place ("评估已保存。该户在 … 已由 … 调整为 …,晚于本次评估日期 …,库别保持不变。"), else "".
    stage_kept: str = ""


@dataclass(frozen=True)
class AssessmentRow:
    id: int
    household_id: int
    head_name: str
    region_name: str
    assessed_on: date
    category_label: str
    per_capita_income: Decimal
    urgent: bool
    placement_label: str
    overridden: bool
    assessor: str


@dataclass(frozen=True)
class AssessmentDetail:
    id: int
    household_id: int
    head_name: str
    head_id: str
    region_name: str
    address: str
    assessed_on: date
    facts: mt.HouseholdFacts
    settings: dict[str, dict[str, str]]
    result: dict[str, Any]
    explanation: str
    verification_methods: list[str]
    investigators: list[str]
    suggested_placement: str
    placement: str
    override_reason: str
    assessor: str
    created_at: Any

    @property
    def current_category(self) -> str | None:
        """The household's category when it was assessed, frozen with the result (None in assessments saved
        before it was recorded)."""
        return self.result.get("current_category")

    @property
    def suggested_label(self) -> str:
        return mt.saved_placement_label(self.suggested_placement, self.result)

    @property
    def placement_label(self) -> str:
        return mt.saved_placement_label(self.placement, self.result)


@dataclass(frozen=True)
class Proposal:
    """One household whose re-assessed category differs from its current one."""

    household_id: int
    household_version: int
    code: str
    head_name: str
    current_category: str
    suggested_category: str
    per_capita_income: Decimal
    placement: str
    current_stage: str | None


@dataclass
class ReassessSummary:
    as_of: date
    out_path: str
    total: int = 0
    assessed: int = 0
    changed: int = 0
    without_members: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    # what the households assessed 低保 would be paid a month by the difference to the standard, all together
    # (the cost of a standard changed: a raise, a cut)
    dibao_allowance: Decimal = Decimal("0.00")
    # households whose incomes on record are not for the 12 months before the date (said in 备注)
    figures_off_period: int = 0
    settings_used: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    proposals: list[Proposal] = field(default_factory=list)


@dataclass(frozen=True)
class ConfirmResult:
    moved: int
    unchanged: int
    skipped: list[str]  # households changed by someone else since the re-assessment


# -- helpers ---------------------------------------------------------------------------------------

def _region_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Region.id, Region.name)).all())


def _masked(actor: Actor, number: str | None) -> str:
    return (number or "") if actor.sees_full_id else idcard.mask(number)


def _birth(birth_date: date | None, id_number: str | None) -> date | None:
    if birth_date is not None:
        return birth_date
    if id_number and len(id_number) == 18:
        try:
            return idcard.birth_date(id_number)
        except ValueError:
            return None
    return None


def _current_rows(session: Session, model: type[Income] | type[Expense],
                  household_id: int) -> tuple[list[Any], date | None]:
    latest = session.execute(select(func.max(model.period_end)).where(model.household_id == household_id)).scalar()
    if latest is None:
        return [], None
    rows: list[Any] = list(session.execute(
        select(model).where(model.household_id == household_id, model.period_end == latest)
        .order_by(model.id)).scalars().all())
    return rows, latest


def _load_inputs(uow: UnitOfWork, household_id: int) -> HouseholdInputs:
    s = uow.session
    h = uow.get(Household, household_id, "家庭")
    uow.require_scope(h.region_id, "该家庭")
    members = s.execute(select(Member).where(Member.household_id == h.id).order_by(Member.id)).scalars().all()
    order = {"self": 0, "spouse": 1}
    rows = [MemberRow(m.id, m.version, m.name, m.relation, _masked(uow.actor, m.id_number),
                      _birth(m.birth_date, m.id_number), m.health, m.disability, m.disability_grade,
                      m.labour_capacity, m.schooling, m.employed, m.union_member) for m in members]
    rows.sort(key=lambda r: (order.get(r.relation, 2), r.id))
    incomes, inc_end = _current_rows(s, Income, h.id)
    expenses, exp_end = _current_rows(s, Expense, h.id)
    region = s.get(Region, h.region_id)
    ends = [d for d in (inc_end, exp_end) if d is not None]
    return HouseholdInputs(
        h.id, h.version, h.code or "", h.head_name, region.name if region else "", h.area_type, h.single_parent,
        h.category, h.stage, h.last_assessed_on, rows,
        [mt.IncomeItem(i.kind, i.amount, i.exempt, i.member_id) for i in incomes],
        [mt.ExpenseItem(e.kind, e.amount, e.member_id) for e in expenses],
        max(ends) if ends else None)


# -- choosing and loading a household --------------------------------------------------------------

def last_investigators(db: Database, actor: Actor) -> str:
    """Who investigated the assessment this user saved last ("" before the first), as the wizard's
    field takes them: the same colleagues go on most surveys, as on visits."""
    if actor.user_id is None:
        return ""
    with unit_of_work(db, actor) as uow:
        names = uow.session.execute(select(Assessment.investigators).where(Assessment.created_by_id == actor.user_id)
                                    .order_by(Assessment.id.desc()).limit(1)).scalar()
        return "、".join(str(n) for n in names or ())


SEARCH_LIMIT = 50  # households a search lists


def search_households(db: Database, actor: Actor, text: str = "", limit: int | None = None) -> CutList:
    """Households in the actor's area by head's name, household code or ID number (or its last digits), at
    most ``limit`` (default :data:`SEARCH_LIMIT`); ``total`` of the answer counts every match."""
    limit = SEARCH_LIMIT if limit is None else limit
    require_role(actor, *ASSESSORS, doing="评估家庭")
    text = (text or "").strip()
    with unit_of_work(db, actor) as uow:
        query = select(Household.id, Household.code, Household.head_name, Household.head_id_number,
                       Household.region_id, Household.member_count, Household.category, Household.stage,
                       Household.last_assessed_on)
        ids = uow.region_ids()
        if ids is not None:
            query = query.where(Household.region_id.in_(ids))
        if text:
            number = idcard.normalize(text)
            name = spelling.person_name(text, prefix=True)  # names are stored with "·" (rules.spelling)
            conditions = [Household.head_name.contains(name, autoescape=True), Household.code == text]
            if number and (number[:-1].isdigit() or number.isdigit()):
                conditions.append(Household.head_id_number == number)
                conditions.append(Household.head_id_reversed.like(number[::-1] + "%"))
            member_match = select(Member.household_id).where(Member.name == spelling.person_name(text))
            conditions.append(Household.id.in_(member_match))
            query = query.where(or_(*conditions))
        rows = uow.session.execute(query.order_by(Household.id).limit(limit)).all()
        total = matched_in_all(uow.session, query, Household.id, len(rows), limit)
        names = _region_names(uow.session)
        return CutList([HouseholdHit(r.id, r.code or "", r.head_name, idcard.mask(r.head_id_number),
                                     names.get(r.region_id, ""), r.member_count, category_label(r.category),
                                     stage_label(r.stage), r.last_assessed_on) for r in rows], total)


def load_household(db: Database, actor: Actor, household_id: int) -> HouseholdInputs:
    require_role(actor, *ASSESSORS, doing="评估家庭")
    with unit_of_work(db, actor) as uow:
        return _load_inputs(uow, household_id)


def _check_member_edit(edit: MemberEdit) -> list[str]:
    problems = []
    if edit.health not in HEALTH_LABELS:
        problems.append(f"健康状况“{edit.health}”无效")
    if edit.disability not in DISABILITY_LABELS:
        problems.append(f"残疾类别“{edit.disability}”无效")
    if not 0 <= edit.disability_grade <= 4:
        problems.append("残疾等级应为 0(无)到 4")
    if edit.disability == Disability.NONE.value and edit.disability_grade:
        problems.append("没有残疾类别时残疾等级应为“无”")
    if edit.disability != Disability.NONE.value and not edit.disability_grade:
        problems.append("有残疾类别时须选择残疾等级")
    if edit.labour_capacity not in LABOUR_LABELS:
        problems.append(f"劳动能力“{edit.labour_capacity}”无效")
    if edit.schooling not in SCHOOLING_LABELS:
        problems.append(f"在校情况“{edit.schooling}”无效")
    return problems


MEMBER_EDIT_FIELDS = ("health", "disability", "disability_grade", "labour_capacity", "schooling", "employed",
                      "union_member")


def update_members(db: Database, actor: Actor, household_id: int, edits: Sequence[MemberEdit], *,
                   single_parent: bool | None = None, household_version: int | None = None) -> HouseholdInputs:
    """Save the health, disability, labour, schooling and work of members through the household services
    (optimistic locking on each member and on the household, audited there). Returns the reloaded inputs."""
    from desktop.services import households

    require_role(actor, *ASSESSORS, doing="修改家庭成员情况")
    problems: dict[str, str] = {}
    for edit in edits:
        found = _check_member_edit(edit)
        if found:
            problems[f"member {edit.member_id}"] = ";".join(found)
    if problems:
        raise ValidationFailed("成员情况有误:" + " ".join(problems.values()), problems)
    current = load_household(db, actor, household_id)
    by_id = {m.id: m for m in current.members}
    version = household_version
    for edit in edits:
        member = by_id.get(edit.member_id)
        if member is None:
            raise ValidationFailed(f"成员(编号 {edit.member_id})不属于该家庭,请重新加载。")
        changes = {f: getattr(edit, f) for f in MEMBER_EDIT_FIELDS if getattr(member, f) != getattr(edit, f)}
        if changes:
            version = households.update_member(db, actor, member.id, edit.version, changes,
                                               household_version=version)
    if single_parent is not None and single_parent != current.single_parent:
        households.save_household(db, actor, household_id, version if version is not None else current.version,
                                  {"single_parent": single_parent})
    return load_household(db, actor, household_id)


# -- calculating and saving ------------------------------------------------------------------------

# The largest 12-month amount of one line (what the wizard accepts: nine digits of yuan); the stored
# columns hold less than 10^12, and no household's line comes near this.
MAX_AMOUNT = Decimal("999999999.99")
# Net incomes may be below zero (RULES.md §1.2): business and property losses, and transfers paid out
# (taxes, social-insurance contributions, support paid to others) above those received.
SIGNED_INCOME_KINDS = frozenset(k.value for k in NET_INCOME_KINDS)


def _amount_problem(amount: Decimal, what: str) -> str | None:
    if not amount.is_finite():
        return f"{what}的金额不是数字。"
    if abs(amount) > MAX_AMOUNT:
        return f"{what}的金额 {amount:,} 元超出范围(每项不超过 {MAX_AMOUNT:,} 元),请核对。"
    if amount != amount.quantize(mt.CENT):
        return f"{what}的金额 {amount} 元最多两位小数(元、角、分)。"
    return None


def _validate_facts(facts: mt.HouseholdFacts, on: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not facts.members:
        problems["members"] = "家庭没有成员,无法评估。"
    elif len(mt.not_yet_born(facts.members, on)) == len(facts.members):
        problems["members"] = f"家庭成员在评估日期 {on.isoformat()} 均尚未出生,无法评估:请核对评估日期和出生日期。"
    for n, item in enumerate(facts.incomes, start=1):
        what = f"第 {n} 项收入"
        if item.kind not in IncomeKind._value2member_map_:
            problems[f"income {n}"] = f"{what}的类别“{item.kind}”无效。"
        elif (bad := _amount_problem(item.amount, what)) is not None:
            problems[f"income {n}"] = bad
        elif item.amount < 0 and (item.exempt or item.kind not in SIGNED_INCOME_KINDS):
            problems[f"income {n}"] = (f"{what}为负数:只有经营净收入、财产净收入、转移净收入可以为负数"
                                       "(亏损或支出大于收入),不计入收入的项目不能为负数。")
    for n, e in enumerate(facts.expenses, start=1):
        what = f"第 {n} 项支出"
        if e.kind not in ExpenseKind._value2member_map_:
            problems[f"expense {n}"] = f"{what}的类别“{e.kind}”无效。"
        elif (bad := _amount_problem(e.amount, what)) is not None:
            problems[f"expense {n}"] = bad
        elif e.amount < 0:
            problems[f"expense {n}"] = f"{what}的金额不能为负数。"
    return problems


def preview(db: Database, actor: Actor, household_id: int, facts: mt.HouseholdFacts, on: date) -> Preview:
    """The result the wizard shows before saving (nothing is written)."""
    require_role(actor, *ASSESSORS, doing="评估家庭")
    problems = _validate_facts(facts, on)
    if problems:
        raise ValidationFailed(" ".join(problems.values()), problems)
    with unit_of_work(db, actor) as uow:
        h = uow.get(Household, household_id, "家庭")
        uow.require_scope(h.region_id, "该家庭")
        settings = settings_in_force_session(uow.session, h.area_type, on)
        result = mt.assess(facts, settings, on, current_category=h.category)
        return Preview(result, settings, h.category, h.stage, _held(uow, h), newer_move(uow, h, on))


def _figures_differ(current_inc: list[Income], current_exp: list[Expense], facts: mt.HouseholdFacts,
                    members: set[int]) -> bool:
    """Whether the figures of an assessment are other than the household's current ones, as the wizard
    shows them: one amount per member (or the household) and kind, the incomes not counted together. A
    household's several lines of one kind (three hospital bills) are the wizard's one sum: saved unchanged,
    they were rewritten as one line, their notes lost, and logged as changed by the user."""
    def sums(items: Any, key: Any) -> dict[Any, Decimal]:
        out: dict[Any, Decimal] = {}
        for item in items:
            k = key(item)
            out[k] = out.get(k, Decimal("0")) + Decimal(item.amount)
        return {k: v.quantize(mt.CENT) for k, v in out.items() if v != 0}

    def who(item: Any) -> int | None:
        return item.member_id if item.member_id in members else None

    def income_key(i: Any) -> tuple[int | None, str]:
        return who(i), "exempt" if i.exempt else i.kind

    def expense_key(e: Any) -> tuple[int | None, str]:
        return who(e), e.kind

    return (sums(current_inc, income_key) != sums(facts.incomes, income_key)
            or sums(current_exp, expense_key) != sums(facts.expenses, expense_key))


def _held(uow: UnitOfWork, h: Household) -> bool:
    """Whether the household's stage is held by an application: 救助中 (an approval), or 申请中 with an
    application still being handled."""
    if h.stage == Stage.ASSISTED:
        return True
    return h.stage == Stage.APPLYING and uow.session.scalar(select(Application.id).where(
        Application.household_id == h.id, Application.status == "open").limit(1)) is not None


def _target(stage: str | None, category: str, placement: str, result_category: str,
            held: bool) -> tuple[str | None, str]:
    """The board stage and category a placement gives a household now at ``stage`` with ``category``."""
    target = PLACEMENT_STAGE[placement]
    if mt.keeps_assistance(placement, result_category, category):
        target = stage  # already receiving assistance: nothing to start
    if held:
        # 救助中 is left only by stopping the assistance, 申请中 only when the application ends (the board's
        # rules leave_assisted and applying_exit): the assessment is saved with its placement, the stage kept.
        target = stage
    if result_category in (Category.MARGINAL.value, Category.EXPENDITURE.value) and category not in IN_ASSISTANCE:
        category = result_category
    elif result_category == mt.INELIGIBLE and category in (Category.MARGINAL.value, Category.EXPENDITURE.value):
        category = Category.NONE.value
    return target, category


def _kept_words(stage: str | None, category: str, target: tuple[str | None, str]) -> str:
    """"库别保持不变" (and/or the category) for what a placement would have changed; "" for nothing."""
    kept = [what for what, changes in (("库别", target[0] != stage), ("救助类别", target[1] != category)) if changes]
    return "和".join(kept) + "保持不变" if kept else ""


def _apply_placement(uow: UnitOfWork, h: Household, placement: str, result_category: str, on: date,
                     reason: str) -> tuple[str | None, str | None, str]:
    """Move the household's board stage and category as the placement says; returns (from, to) stages and,
    when the household was moved after ``on`` and stays where it is, why ("该户在 … 已由 … 调整为 …,晚于本次
    评估日期 …,库别保持不变"; else "")."""
    from_stage = h.stage
    target, category = _target(h.stage, h.category, placement, result_category, _held(uow, h))
    kept = _kept_words(h.stage, h.category, (target, category))
    # A record dated before the household's last move (entered late, from paper) does not undo it.
    if newer := move_household(uow, h, target, on, reason, category=category):
        return from_stage, h.stage, f"{newer.words()},晚于本次评估日期 {on.isoformat()},{kept}"
    return from_stage, h.stage, ""


def frozen_columns(facts: mt.HouseholdFacts, settings: policy_rules.PolicySettings, result: mt.MeansTestResult,
                   *, verification_methods: list[str], investigators: list[str], placement: str,
                   override_reason: str = "") -> dict[str, Any]:
    """The columns of a saved assessment (all but ``household_id``): the inputs, the settings used, the
    result and its explanation, frozen as JSON-ready values. Pure; also used by the demo generator."""
    return {
        "assessed_on": result.assessed_on, "inputs": facts.to_json(), "settings": settings.frozen(),
        "per_capita_income": result.per_capita_monthly, "result_category": result.category,
        "urgent": result.urgent, "result": result.summary(), "explanation": result.explanation,
        "verification_methods": list(verification_methods), "investigators": list(investigators),
        "suggested_placement": result.suggested_placement, "placement": placement,
        "override_reason": override_reason.strip() if placement != result.suggested_placement else "",
    }


class PolicyChanged(ServiceError):
    """The settings in force on the assessment date changed between the preview and the save."""

    code = "policy_changed"


def _settings_changed(seen: dict[str, dict[str, str]], now: dict[str, dict[str, str]]) -> str:
    """What differs between two frozen settings, in words ("低保标准 780.00 → 810.00(自 2026-01-01 起)"); ""
    when nothing does."""
    parts = []
    for name in policy_rules.MEANS_TEST_NAMES:
        before, after = seen.get(name), now.get(name)
        if before == after:
            continue
        label = policy_rules.SPEC_BY_NAME[name].label
        old = before["value"] if before else "未设置"
        new = ("未设置" if not after else f"{after['value']}({after['effective_from']})"
               if after["effective_from"] == policy_rules.DEFAULT_SOURCE else f"{after['value']}(自 {after['effective_from']} 起)")
        parts.append(f"{label} {old} → {new}")
    return ";".join(parts)


def save_assessment(db: Database, actor: Actor, req: SaveRequest) -> Saved:
    """Recalculate with the settings in force on the assessment date, then freeze inputs, settings and
    result, write the household's figures, place it on the board and send the chosen referrals — one
    transaction. A household moved on the board after the assessment date keeps its stage and category
    (an assessment entered late does not undo a newer placement); ``Saved.stage_kept`` says so."""
    require_role(actor, *ASSESSORS, doing="保存评估")
    problems = _validate_facts(req.facts, req.assessed_on)
    methods = [m for m in dict.fromkeys(req.verification_methods)]
    investigators = [n.strip() for n in dict.fromkeys(x.strip() for x in req.investigators) if n.strip()]
    if not methods:
        problems["methods"] = "请至少选择一种核查方式。"
    unknown = [m for m in methods if m not in mt.VERIFICATION_METHODS]
    if unknown:
        problems["methods"] = f"未知的核查方式:{'、'.join(unknown)}。"
    if not investigators:
        problems["investigators"] = "请填写调查人员。"
    if mt.HOME_SURVEY in methods and len(investigators) < 2:
        problems["investigators"] = "入户调查须由至少两名调查人员进行,请填写两名以上调查人员。"
    if req.placement not in mt.PLACEMENT_LABELS:
        problems["placement"] = f"去向“{req.placement}”无效。"
    bad_dept = [d for d in req.refer_departments if d not in DEPARTMENT_LABELS]
    if bad_dept:
        problems["referrals"] = f"未知的转介部门:{'、'.join(bad_dept)}。"
    if message := too_early(req.assessed_on, "评估日期"):
        problems["assessed_on"] = message + "。"
    elif req.assessed_on > date.today():
        problems["assessed_on"] = "评估日期不能晚于今天。"
    if problems:
        raise ValidationFailed(" ".join(problems.values()), problems)
    referral_day = date.today()  # the referrals are sent now, due by the usual time (not "no deadline")
    referral_due = referral_svc.suggested_due_on(db, referral_day) if req.refer_departments else None
    with unit_of_work(db, actor, write=True) as uow:
        s = uow.session
        h = uow.get(Household, req.household_id, "家庭")
        uow.require_scope(h.region_id, "该家庭")
        uow.check_version(h, req.household_version, "家庭")
        own_members = set(s.execute(select(Member.id).where(Member.household_id == h.id)).scalars())
        strangers = [m.name for m in req.facts.members if m.member_id is not None and m.member_id not in own_members]
        if strangers:
            raise ValidationFailed(f"成员 {'、'.join(strangers)} 不属于该家庭,请重新加载。")
        settings = settings_in_force_session(s, h.area_type, req.assessed_on)
        if req.settings_seen is not None and (changed := _settings_changed(req.settings_seen, settings.frozen())):
            raise PolicyChanged(f"计算结果显示后,{req.assessed_on.isoformat()} 适用的政策参数已被修改:{changed}。"
                                "本次没有保存;结果已按新的参数重新计算,请核对后再保存。")
        result = mt.assess(req.facts, settings, req.assessed_on, current_category=h.category)
        current = h.category
        if req.placement != result.suggested_placement and not req.override_reason.strip():
            raise ValidationFailed(
                f"所选去向“{mt.placement_label(req.placement, result.category, current)}”与建议"
                f"“{result.suggested_label}”不同,请填写书面理由。", {"override_reason": "改变建议去向须填写理由。"})

        if req.save_figures:
            inc_rows, inc_end = _current_rows(s, Income, h.id)
            exp_rows, exp_end = _current_rows(s, Expense, h.id)
            if _figures_differ(inc_rows, exp_rows, req.facts, own_members):
                before = {"incomes": [snapshot(i) for i in inc_rows], "expenses": [snapshot(e) for e in exp_rows]}
                # The current figures are the rows with the latest period_end: figures dated after a
                # back-dated assessment would otherwise stay current and hide what was entered here.
                end = max(d for d in (req.assessed_on, inc_end, exp_end) if d is not None)
                s.execute(delete(Income).where(Income.household_id == h.id, Income.period_end == end))
                s.execute(delete(Expense).where(Expense.household_id == h.id, Expense.period_end == end))
                for i in req.facts.incomes:
                    uow.add(Income(household_id=h.id, member_id=i.member_id, kind=i.kind, amount=i.amount,
                                   period_end=end, exempt=i.exempt, note="综合评估录入"))
                for e in req.facts.expenses:
                    uow.add(Expense(household_id=h.id, member_id=e.member_id, kind=e.kind, amount=e.amount,
                                    period_end=end, note="综合评估录入"))
                uow.audit("household_figures", "household", h.id, before=before,
                          after={"incomes": req.facts.to_json()["incomes"],
                                 "expenses": req.facts.to_json()["expenses"]},
                          household_id=h.id, detail=f"评估时更新近12个月收支(截至 {end.isoformat()})")

        columns = frozen_columns(req.facts, settings, result, verification_methods=methods,
                                 investigators=investigators, placement=req.placement,
                                 override_reason=req.override_reason)
        frozen_settings = columns["settings"]
        assessment = uow.add(Assessment(household_id=h.id, **columns))
        uow.flush()
        if h.last_assessed_on is None or h.last_assessed_on <= req.assessed_on:
            h.last_assessed_on = req.assessed_on
        reason = f"综合评估(第 {assessment.id} 号,{req.assessed_on.isoformat()}):{result.label}," \
                 f"月人均收入 {mt.yuan(result.per_capita_monthly)}"
        if req.placement != result.suggested_placement:
            reason += f";改变建议去向的理由:{req.override_reason.strip()}"
        keeps = mt.keeps_assistance(req.placement, result.category, current)
        if keeps:  # already receiving 低保 or 特困: the stage is kept and no application is started
            reason += f";{mt.KEEP_LABEL},不另行启动救助申请"
        from_stage, to_stage, kept = _apply_placement(uow, h, req.placement, result.category, req.assessed_on,
                                                      reason)
        if kept:
            reason += f";{kept}"  # in the audit entry too
        uow.touch(h)

        needs = {r.department: r.need for r in result.referrals}
        sent = 0
        for dept in dict.fromkeys(req.refer_departments):
            if referral_svc.open_referral_refusal(uow, h.id, dept):
                continue  # still open from an earlier assessment (or the front desk): not referred twice
            # the same record as services.referrals.create_referral, inside this transaction
            referral = uow.add(Referral(household_id=h.id, assessment_id=assessment.id, department=dept,
                                        need=needs.get(dept, "综合评估建议转介"), sent_on=referral_day,
                                        due_on=referral_due, status="sent"))
            uow.flush()
            uow.audit("create_referral", "referral", referral.id, after=snapshot(referral), household_id=h.id,
                      detail=f"转介{DEPARTMENT_LABELS[dept]}:{referral.need[:60]}(综合评估第 {assessment.id} 号)")
            sent += 1
        uow.flush()
        uow.audit("assessment_save", "assessment", assessment.id, household_id=h.id,
                  after={"category": result.category, "per_capita_income": result.per_capita_monthly,
                         "placement": req.placement, "suggested": result.suggested_placement,
                         "settings": frozen_settings},
                  detail=reason)
        uow.notify("assessments", assessment.id)
        uow.notify("households", h.id)
        if sent:
            uow.notify("referrals", h.id)
            uow.notify("board", h.id)
        return Saved(assessment.id, h.id, result.category, req.placement, from_stage, to_stage, sent,
                     req.placement == mt.APPLY and to_stage == Stage.APPLYING.value and not keeps,
                     f"评估已保存。{kept}。" if kept else "")


# -- reading saved assessments ----------------------------------------------------------------------


def list_assessments(db: Database, actor: Actor, *, household_id: int | None = None,
                     limit: int | None = None) -> CutList:
    """Saved assessments, the latest first, at most ``limit`` (default :data:`LIST_LIMIT`); ``total`` of
    the answer counts every one in the actor's area, so that a list cut at the limit can say so."""
    require_role(actor, *ASSESSORS, doing="查看评估")
    limit = LIST_LIMIT if limit is None else limit
    with unit_of_work(db, actor) as uow:
        query = (select(Assessment.id, Assessment.household_id, Household.head_name, Household.region_id,
                        Assessment.assessed_on, Assessment.result_category, Assessment.per_capita_income,
                        Assessment.urgent, Assessment.placement, Assessment.suggested_placement,
                        Assessment.result, User.display_name)
                 .join(Household, Household.id == Assessment.household_id)
                 .outerjoin(User, User.id == Assessment.created_by_id))
        ids = uow.region_ids()
        if ids is not None:
            query = query.where(Household.region_id.in_(ids))
        if household_id is not None:
            query = query.where(Assessment.household_id == household_id)
        rows = uow.session.execute(query.order_by(Assessment.id.desc()).limit(limit)).all()
        total = matched_in_all(uow.session, query, Assessment.id, len(rows), limit)
        names = _region_names(uow.session)
        return CutList([AssessmentRow(r.id, r.household_id, r.head_name, names.get(r.region_id, ""), r.assessed_on,
                                      category_label(r.result_category), r.per_capita_income, r.urgent,
                                      mt.saved_placement_label(r.placement, r.result or {}),
                                      r.placement != r.suggested_placement,
                                      r.display_name or "系统") for r in rows], total)


def get_assessment(db: Database, actor: Actor, assessment_id: int) -> AssessmentDetail:
    require_role(actor, *ASSESSORS, doing="查看评估")
    with unit_of_work(db, actor) as uow:
        a = uow.get(Assessment, assessment_id, "评估")
        h = uow.get(Household, a.household_id, "家庭")
        uow.require_scope(h.region_id, "该家庭")
        user = uow.session.get(User, a.created_by_id) if a.created_by_id else None
        region = uow.session.get(Region, h.region_id)
        return AssessmentDetail(
            a.id, h.id, h.head_name, _masked(actor, h.head_id_number), region.name if region else "", h.address,
            a.assessed_on, mt.HouseholdFacts.from_json(a.inputs), dict(a.settings), dict(a.result), a.explanation,
            list(a.verification_methods), list(a.investigators), a.suggested_placement, a.placement,
            a.override_reason, user.display_name if user else "系统", a.created_at)


def log_sheet_printed(db: Database, actor: Actor, detail: AssessmentDetail, path: str | Path, *,
                      draft: bool = False) -> None:
    """Record that a calculation sheet (评估计算表) was printed to a file: it carries each member's health,
    disability and income, sensitive personal information (RULES.md §4), so it is logged as an export."""
    name = export_place(path)
    members = len(detail.facts.members)
    which = "草稿,尚未保存" if draft else f"评估编号 {detail.id}"
    log_access(db, actor, "assessment.print_sheet", "assessments", None if draft else detail.id,
               household_id=detail.household_id,
               after={"rows": members, "file": name, "draft": draft},
               detail=f"打印评估计算表:{detail.head_name}户({which}),{members} 名成员的健康、残疾与收支情况;"
                      f"文件:{name}")


# -- re-assessment of everyone ("政策找人") ---------------------------------------------------------

REASSESS_HEADERS = ["户编号", "街道/镇", "社区/村", "户主姓名", "户主身份证号", "家庭人口", "城乡类别", "年总收入",
                    "扣减比例", "认定收入", "月人均收入", "刚性支出", "适用低保标准", "当前救助类别", "建议类别",
                    "按差额月保障金", "是否变化", "建议去向", "紧急", "特困候选", "备注"]


def _scope_region_ids(uow: UnitOfWork, region_id: int | None) -> list[int] | None:
    ids = uow.region_ids()
    if region_id is None:
        return ids
    region = uow.get(Region, region_id, "区划")
    sub = list(uow.session.execute(select(Region.id).where(Region.path.like(region.path + "%"))).scalars())
    if ids is not None:
        allowed = set(ids)
        if region_id not in allowed:
            raise PermissionDenied(f"“{region.name}”不在您({uow.actor.region_name})的管辖范围内。")
        sub = [i for i in sub if i in allowed]
    return sub


def _raw_money(value: Any) -> Decimal:
    """A sum as the driver returns it (float or int on SQLite, Decimal on PostgreSQL) to yuan and fen."""
    if value is None:
        return Decimal(0)
    if isinstance(value, Decimal):
        return value
    return Decimal(repr(value) if isinstance(value, float) else str(value)).quantize(mt.CENT)


def _raw_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# The hot path of re-assessment runs these on the driver directly (no per-row type processing):
# only integers are put into the text, and the SQL is the same on SQLite and PostgreSQL.
_HOUSEHOLDS_SQL = ("SELECT id, version, code, region_id, area_type, single_parent, head_name, head_id_number, "
                   "category, stage FROM households WHERE id > {last}{scope} ORDER BY id LIMIT {limit}")
_MEMBERS_SQL = ("SELECT household_id, birth_date, id_number, health, disability, disability_grade, name, employed, id "
                "FROM members WHERE household_id BETWEEN {lo} AND {hi} ORDER BY household_id, id")
# Members earning counted wages in their household's current figures: one whose work is not recorded
# either way counts as at work (means_test.employed_members).
_EARNERS_SQL = ("SELECT DISTINCT i.member_id FROM incomes i "
                "JOIN (SELECT household_id AS hid, MAX(period_end) AS pe FROM incomes "
                "WHERE household_id BETWEEN {lo} AND {hi} GROUP BY household_id) m "
                "ON m.hid = i.household_id AND m.pe = i.period_end "
                "WHERE i.household_id BETWEEN {lo} AND {hi} AND i.kind = 'wages' AND NOT i.exempt "
                "AND i.amount > 0 AND i.member_id IS NOT NULL")
_INCOMES_SQL = ("SELECT i.household_id, SUM(CASE WHEN i.exempt THEN 0 ELSE i.amount END), "
                "SUM(CASE WHEN i.exempt THEN 0 WHEN i.kind = 'wages' THEN i.amount ELSE 0 END), "
                "SUM(CASE WHEN i.exempt THEN 0 WHEN i.kind = 'resident_pension' THEN i.amount ELSE 0 END), "
                "MAX(i.period_end) FROM incomes i "
                "JOIN (SELECT household_id AS hid, MAX(period_end) AS pe FROM incomes "
                "WHERE household_id BETWEEN {lo} AND {hi} GROUP BY household_id) m "
                "ON m.hid = i.household_id AND m.pe = i.period_end "
                "WHERE i.household_id BETWEEN {lo} AND {hi} GROUP BY i.household_id")
_EXPENSES_SQL = ("SELECT e.household_id, SUM(CASE WHEN e.kind = 'medical' THEN e.amount ELSE 0 END), "
                 "SUM(CASE WHEN e.kind = 'medical' THEN 0 ELSE e.amount END), "
                 "SUM(CASE WHEN e.kind = 'education' THEN 0 ELSE e.amount END) FROM expenses e "
                 "JOIN (SELECT household_id AS hid, MAX(period_end) AS pe FROM expenses "
                 "WHERE household_id BETWEEN {lo} AND {hi} GROUP BY household_id) m "
                 "ON m.hid = e.household_id AND m.pe = e.period_end "
                 "WHERE e.household_id BETWEEN {lo} AND {hi} GROUP BY e.household_id")


# (households, members, employed members, (income not ticked exempt, wages, basic resident pension),
#  (medical, other rigid, illness costs))
_Chunk = tuple[list[Any], dict[int, list[mt.BriefMember]], dict[int, int],
               dict[int, tuple[Decimal, Decimal, Decimal, date | None]],
               dict[int, tuple[Decimal, Decimal, Decimal]]]
_END = object()


def _fetch(conn: Any, sql: str) -> list[Any]:
    """Plain tuples straight from the driver's cursor (the text holds integers only, no parameters)."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _load_chunks(conn: Any, region_ids: list[int] | None, stop: threading.Event) -> Iterator[_Chunk]:
    """Households in id order with their members and current figures (the rows with the greatest
    period_end), CHUNK households at a time, set-based by id range."""
    scope = "" if region_ids is None else (
        " AND region_id IN (" + ",".join(str(int(i)) for i in region_ids) + ")" if region_ids else " AND 1 = 0")
    last = 0
    while not stop.is_set():
        households = _fetch(conn, _HOUSEHOLDS_SQL.format(last=int(last), scope=scope, limit=CHUNK))
        if not households:
            return
        lo, hi = int(households[0][0]), int(households[-1][0])
        members: dict[int, list[mt.BriefMember]] = {}
        employed: dict[int, int] = {}
        earners = {row[0] for row in _fetch(conn, _EARNERS_SQL.format(lo=lo, hi=hi))}
        for hid, born, number, health, disability, grade, name, works, mid in _fetch(
                conn, _MEMBERS_SQL.format(lo=lo, hi=hi)):
            members.setdefault(hid, []).append((_raw_date(born) if born is not None else _birth(None, number),
                                                health, disability, grade or 0, name))
            if works or (works is None and mid in earners):
                employed[hid] = employed.get(hid, 0) + 1
        incomes = {hid: (_raw_money(v), _raw_money(w), _raw_money(p), _raw_date(pe))
                   for hid, v, w, p, pe in _fetch(conn, _INCOMES_SQL.format(lo=lo, hi=hi))}
        spending = {hid: (_raw_money(m), _raw_money(o), _raw_money(c))
                    for hid, m, o, c in _fetch(conn, _EXPENSES_SQL.format(lo=lo, hi=hi))}
        yield households, members, employed, incomes, spending
        last = hi


def _chunks(db: Database, region_ids: list[int] | None, progress: Progress, total: int
            ) -> Iterator[tuple[Any, list[mt.BriefMember],
                                tuple[Decimal, Decimal, int, Decimal, Decimal, Decimal, Decimal, date | None]]]:
    """(household row, members, figures) per household; the figures are the total income not ticked
    exempt, the counted wages, the members at work, medical spending, other rigid spending (education included) and
    the illness/disability costs (medical and other rigid spending without education), the basic
    resident pension within that total (the settings decide whether it counts), and last the day the
    incomes' 12 months end (None without incomes).

    The next chunk is read on a second thread with its own read-only connection and transaction while
    this thread calculates and writes the current one: the drivers release the GIL while the database
    works, so on two cores the reading mostly disappears from the wall-clock time."""
    queue: Queue[Any] = Queue(maxsize=2)
    stop = threading.Event()

    def produce() -> None:
        try:
            with db.engine.connect() as conn, conn.begin():  # one snapshot for the whole report
                for chunk in _load_chunks(conn, region_ids, stop):
                    while not stop.is_set():
                        try:
                            queue.put(chunk, timeout=0.2)
                            break
                        except Full:
                            continue
            queue.put(_END)
        except BaseException as exc:  # delivered to the consumer
            queue.put(exc)

    worker = threading.Thread(target=produce, name="reassess-reader", daemon=True)
    worker.start()
    zero = Decimal(0)
    no_income = (zero, zero, zero, None)
    no_spending = (zero, zero, zero)
    done = 0
    try:
        while True:
            item = queue.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            households, members, employed, incomes, spending = item
            for h in households:
                income, wages, pension, period_end = incomes.get(h[0], no_income)
                medical, other, illness = spending.get(h[0], no_spending)
                yield h, members.get(h[0], []), (income, wages, employed.get(h[0], 0), medical, other, illness,
                                                     pension, period_end)
            done += len(households)
            progress.report(done, total, f"正在重新评估:{done:,} / {total:,} 户")
    finally:
        stop.set()
        while worker.is_alive():
            try:
                queue.get(timeout=0.05)
            except Empty:
                pass
        worker.join()


STALE_FIGURES_DAYS = 183  # figures for 12 months ending this long before the date share under half its year


def _period_note(period_end: date | None, day: date) -> str:
    """The 备注 of a household whose incomes on record are not for the 12 months before ``day``: a
    re-assessment uses the latest figures held (issue 5 sums the 12 months before the assessment date),
    so a date before them, or long after, is said rather than computed on silently."""
    if period_end is None:
        return ""
    if period_end > day:
        return f"收支数据是截至 {period_end} 的近12个月,晚于评估日期 {day}:请核实评估日期"
    if (day - period_end).days > STALE_FIGURES_DAYS:
        return f"收支数据是截至 {period_end} 的近12个月,距评估日期已超过半年:请更新家庭收支后再评估"
    return ""


def reassess(db: Database, actor: Actor, *, region_id: int | None = None, as_of: date | None = None,
             out_path: str | Path, progress: Progress = NO_PROGRESS) -> ReassessSummary:
    """Re-run the means test for every household in scope with the settings in force on ``as_of`` and write
    one row per household to ``out_path``. Changes nothing in the registry: the changed households come
    back as proposals for :func:`confirm_moves`. Households are loaded set-based, CHUNK at a time."""
    require_role(actor, *ASSESSORS, doing="重新评估")
    day = as_of or date.today()
    target = Path(out_path)
    if target.is_dir():  # the writer's own words for a folder given as the file
        raise ServiceError(f"无法写入文件“{target}”:{FILE_REASONS['folder']}。", code=NOT_WRITTEN)
    if target.suffix.lower() != ".xlsx":
        raise ValidationFailed(f"输出文件“{target.name}”应为 .xlsx 文件。")
    summary = ReassessSummary(day, str(target))
    with unit_of_work(db, actor) as uow:
        s = uow.session
        region_ids = _scope_region_ids(uow, region_id)
        base = select(func.count()).select_from(Household)
        areas_q = select(Household.area_type).distinct()
        if region_ids is not None:
            base = base.where(Household.region_id.in_(region_ids))
            areas_q = areas_q.where(Household.region_id.in_(region_ids))
        total = s.execute(base).scalar_one()
        if total == 0:
            raise nothing_to_export("要重新评估的家庭(所选范围内没有登记家庭)")
        settings: dict[str, policy_rules.PolicySettings] = {}
        missing: list[str] = []
        for area in sorted(a for a in s.execute(areas_q).scalars() if a):
            try:
                settings[area] = settings_in_force_session(s, area, day)
            except NoPolicyInForce as exc:
                missing.append(exc.message)
        if missing:
            raise NoPolicyInForce("无法重新评估:" + " ".join(missing))
        summary.settings_used = {a: st.frozen() for a, st in settings.items()}
        regions = {rid: (name, parent) for rid, name, parent in
                   s.execute(select(Region.id, Region.name, Region.parent_id)).all()}
        full = actor.sees_full_id
        counts: dict[str, int] = {c: 0 for c in mt.RESULT_CATEGORIES}
        area_words = {a: policy_rules.area_label(a) for a in ("urban", "rural")}
        current_labels = {c.value: category_label(c.value) for c in Category}
        placement_label = mt.placement_label
        percents: dict[Decimal, str] = {}
        summary.total = total
        progress.report(0, total, f"正在重新评估 {total:,} 户…")

        def rows() -> Iterator[list[Any]]:
            for h, members, (income, wages, employed, medical, other, illness, pension, period_end) in _chunks(
                    db, region_ids, progress, total):
                hid, hversion, hcode, hregion, harea, hsingle, hname, hidno, hcat, hstage = h
                name, parent = regions.get(hregion, ("", None))
                street = regions.get(parent, ("", None))[0] if parent else ""
                head_id = (hidno or "") if full else idcard.mask(hidno)
                current = hcat or Category.NONE.value
                current_label = current_labels.get(current) or category_label(current)
                st = settings.get(harea)
                common = [hcode or "", street, name, hname, head_id, len(members),
                          area_words.get(harea, harea)]
                if not members or st is None:
                    summary.without_members += 1
                    yield common + [None] * 6 + [current_label, "无法评估", None, "", "", "", "",
                                                 "没有家庭成员记录" if not members else "没有适用的政策参数"]
                    continue
                try:
                    r = mt.assess_brief(members, income, medical, other, bool(hsingle), st, day, current,
                                        wages=wages, employed=employed, illness_costs=illness, pension=pension)
                except ValueError as exc:  # nobody of the household born yet on that date
                    summary.without_members += 1
                    yield common + [None] * 6 + [current_label, "无法评估", None, "", "", "", "", str(exc)]
                    continue
                common[5] = r.members
                summary.assessed += 1
                counts[r.category] += 1
                changed = CURRENT_AS_RESULT.get(current, mt.INELIGIBLE) != r.category
                if changed:
                    summary.changed += 1
                    summary.proposals.append(Proposal(hid, hversion, hcode or "", hname, current,
                                                      r.category, r.per_capita_monthly, r.suggested_placement,
                                                      hstage))
                allowance = None
                if r.category == Category.DIBAO:
                    allowance = mt.dibao_allowance(st["dibao_standard"], r.per_capita_monthly, r.members)
                    summary.dibao_allowance += allowance
                note = _period_note(period_end, day)
                summary.figures_off_period += bool(note)
                rate = percents.get(r.deduction_rate)
                if rate is None:
                    rate = percents[r.deduction_rate] = mt.percent(r.deduction_rate)
                yield common + [r.total_income, rate, mt.round_cent(r.counted_income),
                                r.per_capita_monthly, r.rigid_spending, st["dibao_standard"],
                                current_label, r.label, allowance, "是" if changed else "否",
                                placement_label(r.suggested_placement, r.category, current), "是" if r.urgent else "",
                                "、".join(r.tekun_candidates), note]

        def on_row(n: int) -> None:
            progress.check()

        # The header is the first row (no title line above it, unlike the other exports): this sheet is
        # read by scripts (pandas' header=0) as much as by people; the date is in the sheet's name.
        write_rows(target, REASSESS_HEADERS, rows(), sheet=f"重新评估 {day.isoformat()}",
                   text_columns=(0, 4), on_row=on_row)
        summary.by_category = counts
    log_access(db, actor, "reassess_export", "household", None,
               detail=f"重新评估 {summary.total} 户(截至 {day.isoformat()}),变化 {summary.changed} 户,"
                      f"导出到 {export_place(target)}({actor.id_words})")
    return summary


def confirm_moves(db: Database, actor: Actor, proposals: Sequence[Proposal], *, on: date | None = None,
                  progress: Progress = NO_PROGRESS) -> ConfirmResult:
    """Apply the moves a re-assessment proposed (one transaction). A household changed by someone else
    since the re-assessment is skipped and named, never overwritten."""
    require_role(actor, *ASSESSORS, doing="确认库别调整")
    day = on or date.today()
    moved = unchanged = 0
    skipped: list[str] = []
    with unit_of_work(db, actor, write=True) as uow:
        by_id = {p.household_id: p for p in proposals}
        ids = sorted(by_id)
        seen: set[int] = set()
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            households = uow.session.execute(select(Household).where(Household.id.in_(part))).scalars().all()
            for h in households:
                seen.add(h.id)
                p = by_id[h.id]
                if not uow.in_scope(h.region_id):
                    skipped.append(f"{h.head_name}(不在管辖范围内)")
                    continue
                if h.version != p.household_version:
                    skipped.append(f"{h.head_name}(重新评估后已被修改,请重新评估)")
                    continue
                reason = (f"重新评估({day.isoformat()}):{category_label(p.current_category)} → "
                          f"{category_label(p.suggested_category)},月人均收入 {mt.yuan(p.per_capita_income)}")
                before = (h.stage, h.category)
                _apply_placement(uow, h, p.placement, p.suggested_category, day, reason)
                if (h.stage, h.category) != before:
                    moved += 1
                else:
                    unchanged += 1
            progress.report(min(start + 500, len(ids)), len(ids), "正在确认库别调整…")
        skipped.extend(f"{by_id[i].head_name}(已删除)" for i in ids if i not in seen)
        uow.audit("reassess_confirm", "household", None,
                  detail=f"确认重新评估的库别调整:调整 {moved} 户,未变 {unchanged} 户,跳过 {len(skipped)} 户")
    return ConfirmResult(moved, unchanged, skipped)


def member_choices() -> dict[str, list[tuple[str, str]]]:
    """Code/label pairs the wizard offers (kept here so views need not know the code tables)."""
    return {
        "health": [(k.value, v) for k, v in HEALTH_LABELS.items()],
        "disability": [(k.value, v) for k, v in DISABILITY_LABELS.items()],
        "labour": [(k.value, v) for k, v in LABOUR_LABELS.items()],
        "schooling": [(k.value, v) for k, v in SCHOOLING_LABELS.items()],
    }



def label_of(table: str, code: object) -> str:
    """The Chinese label of a member code ("health", "disability", "labour", "schooling")."""
    tables: dict[str, dict[Any, str]] = {"health": dict(HEALTH_LABELS), "disability": dict(DISABILITY_LABELS),
                                         "labour": dict(LABOUR_LABELS), "schooling": dict(SCHOOLING_LABELS)}
    labels = tables[table]
    for key, label in labels.items():
        if key == code:
            return label
    return str(code)
