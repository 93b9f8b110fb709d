"""Referrals (转介) to the departments that give special assistance (RULES.md §1.4, §1.6).

A referral is made from an assessment, a board card or a household: department, need, due date.
Status: sent (已转介) → received (已接收) → done (已办结) or declined (未受理), with the department's
feedback. Open referrals past their due date are overdue. For departments that do not use the
program: a letter (the view prints it as PDF from :func:`referral_letter`) and a list per department
(:func:`export_department_list`, xlsx).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, or_, select

from desktop.io.xlsx_writer import write_table
from desktop.models import Application, Assessment, Household, Referral, Region, User
from desktop.rules import idcard, spelling
from desktop.rules import monitoring as rules
from desktop.rules.codes import CATEGORY_LABELS, DEPARTMENT_LABELS
from desktop.rules.workdays import Deadline
from desktop.services.base import (
    Actor,
    UnitOfWork,
    exported_on,
    log_access,
    moment_on,
    snapshot,
    unit_of_work,
)
from desktop.services.calendar import load_calendar
from desktop.services.database import Database
from desktop.services.errors import NotFound, ValidationFailed
from desktop.services.files import export_place, rows_or_refuse
from desktop.services.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from typing import TypeAlias

    AnySelect: TypeAlias = Select[*tuple[Any, ...]]

PAGE_SIZE = 200
STATUS_FILTERS = ("open", "overdue", "all", "sent", "received", "done", "declined")


@dataclass(frozen=True)
class ReferralInfo:
    id: int
    version: int
    household_id: int
    head_name: str
    head_id_masked: str  # for every role: the referral list shows no ID number (the letter and the export do)
    community: str
    department: str
    department_label: str
    need: str
    due_on: date | None
    status: str
    status_label: str
    sent_on: date
    closed_on: date | None
    feedback: str
    overdue: bool
    assessment_id: int | None
    created_by: str


@dataclass(frozen=True)
class ReferralLetter:
    """Everything a referral letter (转介函) prints."""

    referral_id: int
    department_label: str
    head_name: str
    head_id: str
    address: str
    phone: str
    member_count: int
    category_label: str
    community: str
    subdistrict: str
    need: str
    sent_on: date
    due_on: date | None
    sender: str
    sender_region: str


def _today(today: date | None) -> date:
    return today or date.today()


def _query() -> AnySelect:
    return (select(Referral, Household.head_name, Household.head_id_number, Region.name, User.display_name)
            .join(Household, Household.id == Referral.household_id)
            .join(Region, Region.id == Household.region_id)
            .outerjoin(User, User.id == Referral.created_by_id))


def _overdue_cutoff(db: Database, today: date) -> date:
    """Open referrals due on or before this day are overdue (a due day off runs to the next working day)."""
    return rules.referral_overdue_cutoff(today, load_calendar(db))


def _info(row: Any, cutoff: date) -> ReferralInfo:
    r, head_name, number, community, who = row
    return ReferralInfo(
        r.id, r.version, r.household_id, head_name, idcard.mask(number), community,
        r.department, DEPARTMENT_LABELS.get(r.department, r.department), r.need, r.due_on, r.status,
        rules.REFERRAL_STATUSES.get(r.status, r.status), r.sent_on, r.closed_on, r.feedback,
        rules.referral_overdue_by(r.status, r.due_on, cutoff), r.assessment_id, who or "系统")


def _scope(uow: UnitOfWork, query: AnySelect, region_id: int | None) -> AnySelect:
    if uow.actor.region_path:
        query = query.where(Region.path.startswith(uow.actor.region_path))
    if region_id is not None:
        path = uow.session.scalar(select(Region.path).where(Region.id == region_id))
        if path is None:
            raise NotFound(f"找不到地区(编号 {region_id})。")
        query = query.where(Region.path.startswith(path))
    return query


def _status_filter(query: AnySelect, status: str, cutoff: date) -> AnySelect:
    """``cutoff``: see :func:`_overdue_cutoff`."""
    if status not in STATUS_FILTERS:
        raise ValidationFailed(f"未知的状态筛选:{status}")
    open_ = sorted(rules.OPEN_REFERRAL_STATUSES)
    if status == "open":
        return query.where(Referral.status.in_(open_))
    if status == "overdue":
        return query.where(Referral.status.in_(open_), Referral.due_on <= cutoff)
    if status == "all":
        return query
    return query.where(Referral.status == status)


def suggested_due_on(db: Database, today: date | None = None) -> date:
    """The due date a new referral's form starts with (:func:`rules.referral_due_on`: 15 days on, or
    the first working day after when that is a weekend or a holiday)."""
    return rules.referral_due_on(_today(today), load_calendar(db))


def open_referral_refusal(uow: UnitOfWork, household_id: int, department: str) -> str:
    """Why a household is not referred to ``department`` again: it has an open referral there (the
    department would get the same family twice and the counts would double); "" when it has none."""
    ref = uow.session.scalars(select(Referral).where(
        Referral.household_id == household_id, Referral.department == department,
        Referral.status.in_(sorted(rules.OPEN_REFERRAL_STATUSES))).order_by(Referral.id)).first()
    if ref is None:
        return ""
    return (f"该家庭已转介{DEPARTMENT_LABELS.get(department, department)}({referral_code(ref.id)},"
            f"{ref.sent_on} 转介,{rules.REFERRAL_STATUSES.get(ref.status, ref.status)}),尚未办结:"
            "请在原转介上记录部门反馈,不要重复转介。")


def due_note(db: Database, due_on: date | None) -> str:
    """What the form says under a due date: that a day off runs to the next working day (the referral
    is overdue only after it), or that the year's holidays are not entered (RULES §2: the working days
    of that year are only estimated). "" for a working day of a known year."""
    if due_on is None:
        return ""
    calendar = load_calendar(db)
    if not calendar.knows(due_on.year):
        return Deadline(due_on, (due_on.year,)).warning() + "。"
    if not calendar.is_workday(due_on):
        return (f"{due_on} 是休息日(周末或节假日):期限顺延至下一个工作日 "
                f"{rules.first_working_day(due_on, calendar)},此后未办结才算逾期。")
    return ""


def create_referral(db: Database, actor: Actor, household_id: int, *, department: str, need: str,
                    due_on: date | None, assessment_id: int | None = None, today: date | None = None) -> ReferralInfo:
    """Refer a household's special need to a department (status 已转介)."""
    day = _today(today)
    problems: dict[str, str] = {}
    need = (need or "").strip()
    if department not in DEPARTMENT_LABELS:
        problems["department"] = f"请选择转介部门(未知部门:{department or '空'})。"
    if not need:
        problems["need"] = "请填写需要该部门解决的问题。"
    if due_on is not None and due_on < day:
        problems["due_on"] = f"办理期限 {due_on} 早于今天。"
    if problems:
        raise ValidationFailed("转介未保存:" + ";".join(problems.values()), problems)
    with unit_of_work(db, actor, write=True) as uow:
        household = uow.get(Household, household_id, "家庭")
        uow.require_scope(household.region_id, "该家庭")
        refusal = open_referral_refusal(uow, household_id, department)
        if refusal:
            raise ValidationFailed(refusal, {"department": refusal})
        if assessment_id is not None:
            assessment = uow.get(Assessment, assessment_id, "评估")
            if assessment.household_id != household_id:
                raise ValidationFailed("该评估不属于这个家庭。", {"assessment_id": "评估与家庭不符。"})
        referral = uow.add(Referral(household_id=household_id, assessment_id=assessment_id, department=department,
                                    need=need, due_on=due_on, status="sent", sent_on=day))
        uow.flush()
        uow.audit("create_referral", "referral", referral.id, after=snapshot(referral), household_id=household_id,
                  detail=f"转介{DEPARTMENT_LABELS[department]}:{need[:60]}")
        uow.notify("referrals", household_id)
        uow.notify("board", household_id)
        referral_id = referral.id
    return get_referral(db, actor, referral_id, today=day)


def update_status(db: Database, actor: Actor, referral_id: int, status: str, *, feedback: str = "",
                  expected_version: int | None = None, today: date | None = None) -> ReferralInfo:
    """Record the department's answer: received, done or declined (with feedback)."""
    day = _today(today)
    feedback = (feedback or "").strip()
    with unit_of_work(db, actor, write=True) as uow:
        referral = uow.get(Referral, referral_id, "转介")
        household = uow.get(Household, referral.household_id, "家庭")
        uow.require_scope(household.region_id, "该转介")
        uow.check_version(referral, expected_version, "转介")
        problem = rules.check_referral_status(referral.status, status)
        if problem:
            raise ValidationFailed(problem, {"status": problem})
        if status in ("done", "declined") and not feedback:
            raise ValidationFailed("请填写部门的办理结果或不受理的原因。", {"feedback": "反馈不能为空。"})
        before = snapshot(referral)
        if status == "received" or referral.received_at is None:
            referral.received_at = moment_on(day)  # the day recorded (the statistics of a past month read it)
        if status in ("done", "declined"):
            referral.closed_on = day
        if feedback:
            referral.feedback = feedback if not referral.feedback else f"{referral.feedback}\n{feedback}"
        referral.status = status
        uow.touch(referral)
        uow.flush()
        uow.audit("referral_status", "referral", referral.id, before=before, after=snapshot(referral),
                  household_id=household.id, detail=f"转介状态:{rules.REFERRAL_STATUSES[status]}")
        uow.notify("referrals", household.id)
        uow.notify("board", household.id)
    return get_referral(db, actor, referral_id, today=day)


def get_referral(db: Database, actor: Actor, referral_id: int, *, today: date | None = None) -> ReferralInfo:
    cutoff = _overdue_cutoff(db, _today(today))
    with unit_of_work(db, actor) as uow:
        row = uow.session.execute(_scope(uow, _query().where(Referral.id == referral_id), None)).first()
        if row is None:
            raise NotFound(f"找不到转介(编号 {referral_id}),或不在您的管辖范围内。")
        return _info(row, cutoff)


def list_referrals(db: Database, actor: Actor, *, department: str | None = None, status: str = "open",
                   household_id: int | None = None, region_id: int | None = None, search: str = "",
                   after_id: int | None = None, limit: int | None = PAGE_SIZE,
                   today: date | None = None) -> list[ReferralInfo]:
    """Referrals, newest first (keyset on id, descending: pass the last id seen as ``after_id``)."""
    cutoff = _overdue_cutoff(db, _today(today))
    with unit_of_work(db, actor) as uow:
        query = _search(_status_filter(_scope(uow, _query(), region_id), status, cutoff), department, search)
        if household_id is not None:
            query = query.where(Referral.household_id == household_id)
        if after_id is not None:
            query = query.where(Referral.id < after_id)
        query = query.order_by(Referral.id.desc())
        if limit is not None:
            query = query.limit(limit)
        return [_info(row, cutoff) for row in uow.session.execute(query)]


def _search(query: AnySelect, department: str | None, search: str) -> AnySelect:
    """A department and a search (head of household's name or the need), as the referral list filters."""
    if department:
        query = query.where(Referral.department == department)
    if search.strip():
        text = search.strip()
        query = query.where(or_(Household.head_name.contains(spelling.person_name(text, prefix=True), autoescape=True),
                                Referral.need.contains(text, autoescape=True)))
    return query


def referral_counts(db: Database, actor: Actor, *, department: str | None = None, search: str = "",
                    today: date | None = None) -> dict[str, int]:
    """Open and overdue referrals in the actor's scope (of one department, matching a search: the
    referrals the list shows whatever status it is set to)."""
    cutoff = _overdue_cutoff(db, _today(today))
    with unit_of_work(db, actor) as uow:
        base = (select(func.count()).select_from(Referral).join(Household, Household.id == Referral.household_id)
                .join(Region, Region.id == Household.region_id))
        base = _search(_scope(uow, base, None), department, search)
        open_n = uow.session.scalar(_status_filter(base, "open", cutoff)) or 0
        overdue_n = uow.session.scalar(_status_filter(base, "overdue", cutoff)) or 0
    return {"open": int(open_n), "overdue": int(overdue_n)}


def _applying_for() -> Any:
    """The category of the household's application being handled, if any (a correlated subquery)."""
    return (select(Application.category).where(Application.household_id == Household.id, Application.status == "open")
            .order_by(Application.id.desc()).limit(1).correlate(Household).scalar_subquery())


def category_words(category: str | None, applying_for: str | None) -> str:
    """救助类别 as a department reads it: what the family receives, and an application being handled ("无(低保申请
    办理中)"): "无" alone read as a family civil affairs had turned away, and the department waited for nothing."""
    words = CATEGORY_LABELS.get(category or "none", category or "无")  # type: ignore[call-overload]
    if applying_for:
        words += f"({CATEGORY_LABELS.get(applying_for, applying_for)}申请办理中)"  # type: ignore[call-overload]
    return words


def referral_letter(db: Database, actor: Actor, referral_id: int) -> ReferralLetter:
    """The content of a referral letter; printing it is logged (the letter carries personal data)."""
    with unit_of_work(db, actor) as uow:
        referral = uow.get(Referral, referral_id, "转介")
        household = uow.get(Household, referral.household_id, "家庭")
        uow.require_scope(household.region_id, "该转介")
        region = uow.get(Region, household.region_id, "地区")
        parent = uow.session.get(Region, region.parent_id) if region.parent_id else None
        applying = uow.session.scalar(select(_applying_for()).where(Household.id == household.id))
        letter = ReferralLetter(
            referral.id, DEPARTMENT_LABELS.get(referral.department, referral.department), household.head_name,
            # The department needs the number to find the person; roles that may not see it print it masked.
            (household.head_id_number or "") if actor.sees_full_id else idcard.mask(household.head_id_number),
            household.address, household.phone, household.member_count, category_words(household.category, applying),
            region.name, parent.name if parent else "", referral.need, referral.sent_on, referral.due_on,
            actor.display_name, actor.region_name)
        household_id = household.id
    log_access(db, actor, "print_referral_letter", "referral", referral_id, household_id=household_id,
               detail=f"打印转介函:{letter.department_label}")
    return letter


def referral_code(referral_id: int) -> str:
    """A referral's number as the letter prints it and the department's list gives it (ZJ000123)."""
    return f"ZJ{referral_id:06d}"


DEPARTMENT_HEADERS = ["转介编号", "转介日期", "办理期限", "状态", "街道(镇)", "社区(村)", "户主", "身份证号",
                      "联系电话", "地址", "救助类别", "需求", "部门反馈", "是否逾期"]


def export_department_list(db: Database, actor: Actor, department: str, path: str | Path, *,
                           status: str = "open", today: date | None = None,
                           progress: Progress = NO_PROGRESS) -> int:
    """The referrals to one department as xlsx, for departments that do not use the program.
    ID numbers are whole only for roles that may see them; the export is logged."""
    if department not in DEPARTMENT_LABELS:
        raise ValidationFailed(f"未知的部门:{department}")
    day = _today(today)
    label = DEPARTMENT_LABELS[department]
    parent = Region.__table__.alias("parent_region")
    with unit_of_work(db, actor) as uow:
        query = (select(Referral.id, Referral.sent_on, Referral.due_on, Referral.status, parent.c.name, Region.name,
                        Household.head_name, Household.head_id_number, Household.phone, Household.address,
                        Household.category, _applying_for(), Referral.need, Referral.feedback)
                 .join(Household, Household.id == Referral.household_id)
                 .join(Region, Region.id == Household.region_id)
                 .outerjoin(parent, parent.c.id == Region.parent_id)
                 .where(Referral.department == department).order_by(Referral.sent_on, Referral.id))
        cutoff = _overdue_cutoff(db, day)
        query = _status_filter(_scope(uow, query, None), status, cutoff)
        full = actor.sees_full_id

        def rows() -> Iterator[list[Any]]:
            for (rid, sent, due, st, sub, com, name, number, phone, address, category, applying, need,
                 feedback) in uow.session.execute(query.execution_options(yield_per=2000)):
                yield [referral_code(rid), sent, due, rules.REFERRAL_STATUSES.get(st, st), sub or "", com, name,
                       number if full else idcard.mask(number), phone, address,
                       category_words(category, applying), need, feedback,
                       "逾期" if rules.referral_overdue_by(st, due, cutoff) else ""]

        written = write_table(path, DEPARTMENT_HEADERS, rows_or_refuse(rows(), f"符合条件的转介{label}的记录"),
                              sheet=label, title=f"转介{label}名单({exported_on(day)})", text_columns=[7, 8],
                              on_row=lambda n: progress.report(n, 0, f"已写入 {n} 行…"))
    name = export_place(path)
    log_access(db, actor, "export_referrals", "export", None,
               after={"department": department, "rows": written, "file": name, "masked": not actor.sees_full_id},
               detail=f"转介名单 {label} {written} 行({actor.id_words})→ {name}")
    return written


def department_choices() -> list[tuple[str, str]]:
    return list(DEPARTMENT_LABELS.items())


def letter_html(letter: ReferralLetter) -> str:
    """The referral letter (转介函) as HTML for printing; Chinese official wording."""
    from html import escape

    def e(value: object) -> str:
        return escape(str(value if value is not None else ""))

    due = f"{letter.due_on:%Y年%m月%d日}" if letter.due_on else "尽快"
    place = f"{letter.subdistrict}{letter.community}" if letter.subdistrict else letter.community
    return f"""
<h1>社会救助转介函</h1>
<p class="muted" align="right">编号:{referral_code(letter.referral_id)}</p>
<p><b>{e(letter.department_label)}:</b></p>
<p>　　经我单位走访核实,以下家庭存在需由贵单位协助解决的困难。根据“一门受理、协同办理”的要求,
现予转介,请于 <b>{e(due)}</b> 前办理,并将办理结果反馈我单位。</p>
<table width="100%" cellspacing="0" cellpadding="5">
<tr><th width="22%">户主姓名</th><td>{e(letter.head_name)}</td><th width="18%">身份证号</th><td>{e(letter.head_id)}</td></tr>
<tr><th>所在社区(村)</th><td>{e(place)}</td><th>家庭人口</th><td>{letter.member_count} 人</td></tr>
<tr><th>家庭住址</th><td>{e(letter.address)}</td><th>联系电话</th><td>{e(letter.phone)}</td></tr>
<tr><th>救助类别</th><td colspan="3">{e(letter.category_label)}</td></tr>
<tr><th>需协助解决的问题</th><td colspan="3">{e(letter.need).replace(chr(10), "<br>")}</td></tr>
</table>
<p>&nbsp;</p>
<table width="100%" cellspacing="0" cellpadding="5">
<tr><th width="22%">办理结果反馈</th><td width="78%"><br><br><br><br><br><br></td></tr>
</table>
<p>&nbsp;</p>
<p align="right">转介单位:{e(letter.sender_region)}(经办人:{e(letter.sender)})</p>
<p align="right">{letter.sent_on:%Y年%m月%d日}</p>
<p class="muted">本函含个人信息,仅限办理本事项使用,请妥善保管。</p>
"""
