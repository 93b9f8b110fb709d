"""Clues (线索): intake, the inbox, assignment, investigation and closing (RULES.md §1.1).

A clue moves new → assigned (to a sub-district/community) → investigating → closed with an
outcome. Closing decides where the household goes on the monitoring board:

- ``class_2``     obviously ineligible now but vulnerable → board stage 二类库;
- ``passed``      the authorised economic check passed → an application starts (stage 申请中);
- ``not_passed``  eligible in principle but the check does not pass yet → 一类库;
- ``not_hardship`` not a hardship case: the clue is closed, nothing else changes.

The first three need a household: when the clue has none, one is created from the clue's person
(head of a one-person household in the clue's region). Every stage change writes a LibraryMove
in the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

from desktop.io import xlsx_stream
from desktop.models import (
    Application,
    AuditEntry,
    Clue,
    Household,
    ImportBatch,
    ImportRow,
    LibraryMove,
    Member,
    Region,
    User,
)
from desktop.models.base import now_utc
from desktop.rules import idcard, spelling
from desktop.rules import monitoring as monitoring_rules
from desktop.rules import procedure as proc
from desktop.rules.codes import (
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    DEPARTMENT_LABELS,
    IN_ASSISTANCE,
    SOURCE_LEVEL_LABELS,
    SOURCES_BY_LEVEL,
    STAGE_LABELS,
    RegionLevel,
    Relation,
    Role,
    SourceLevel,
    Stage,
    department_key,
    source_label,
)
from desktop.services.applications import ACCEPT_LOCK, AWAITING_LABEL, awaiting_acceptance_clause
from desktop.services.base import (
    Actor,
    UnitOfWork,
    log_access,
    log_full_id_list,
    person_label,
    region_names,
    snapshot,
    too_early,
    too_long,
    unit_of_work,
)
from desktop.services.database import Database
from desktop.services.errors import NotFound, PermissionDenied, ValidationFailed
from desktop.services.files import export_place, nothing_to_export
from desktop.services.households import load_regions
from desktop.services.monitoring import move_household
from desktop.services.progress import NO_PROGRESS, Progress

# -- codes ---------------------------------------------------------------------------------------

STATUSES = ("new", "assigned", "investigating", "closed")
STATUS_LABELS = {"new": "新线索", "assigned": "已分派", "investigating": "调查中", "closed": "已办结"}

OUTCOMES = ("class_2", "passed", "not_passed", "not_hardship")
OUTCOME_LABELS = {
    "class_2": "明显不符合,纳入二类库",
    "passed": "授权核对通过,启动申请",
    "not_passed": "核对暂未通过,纳入一类库",
    "not_hardship": "非困难对象",
}
# The board stage each outcome moves the household to (None: no household needed).
OUTCOME_STAGE: dict[str, str | None] = {
    "class_2": Stage.CLASS_II,
    "passed": Stage.APPLYING,
    "not_passed": Stage.CLASS_I,
    "not_hardship": None,
}


# What to do for a household a clue closed as "check passed" put in 申请中, its application not accepted
# yet (said by the command line; the window says it in its own words).
AWAITING_ADVICE = ("请在窗口“申请审批”页为该户受理申请(该页的“待受理”按钮列出这些家庭);"
                   "如该户不再申请,用 clue reopen 重新打开线索(办结时列入“申请中”的家庭退回原库别)。")

# Roles that work for the whole district: they also see clues not yet assigned to any region.
DISTRICT_ROLES = frozenset({Role.ADMIN, Role.DISTRICT_REVIEWER, Role.SUPERVISOR})

_PHONE = re.compile(r"^[0-9+\-() ]{5,32}$")
PAGE_SIZE = 200


def label(labels: Mapping[Any, str], code: str | None, default: str = "") -> str:
    """The Chinese label of a stored code (labels are keyed by StrEnum members, equal to their strings)."""
    if code is None:
        return default
    return labels.get(code, default)


# -- plain results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClueInput:
    """What the clue form submits."""

    source_level: str
    source: str
    reported_on: date
    description: str
    person_name: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""
    channel: str | None = None
    reported_by: str = ""
    household_id: int | None = None
    region_id: int | None = None
    member_id: int | None = None  # the registry member picked (with household_id): the clue is about them


@dataclass(frozen=True)
class ClueInfo:
    id: int
    version: int
    household_id: int | None
    person_name: str
    id_number: str  # masked unless the actor's role sees full numbers
    phone: str
    address: str
    source_level: str
    source: str
    source_label: str
    channel: str | None
    channel_label: str
    reported_on: date
    reported_by: str
    description: str
    status: str
    status_label: str
    region_id: int | None
    region_name: str
    assigned_at: datetime | None
    outcome: str | None
    outcome_label: str
    closed_on: date | None
    batch_id: int | None
    household_stage: str | None = None
    household_stage_label: str = ""
    household_category_label: str = ""
    household_code: str = ""  # 户编号 and head of the household linked: what staff know a family by
    household_head: str = ""
    # assigned to a community or village (not only a sub-district): where closing can create a household
    in_community: bool = False
    # Closed as "check passed", its household is in 申请中 with no application being handled: the
    # application is still to be accepted (受理), or the clue reopened if the family no longer applies.
    awaits_application: bool = False

    @property
    def outcome_text(self) -> str:
        """The outcome, with "待受理申请" while the application it started is not accepted."""
        if self.awaits_application:
            return f"{self.outcome_label}({AWAITING_LABEL})"
        return self.outcome_label


@dataclass(frozen=True)
class ClueFilter:
    statuses: tuple[str, ...] = ()  # empty: every status
    source_level: str | None = None
    source: str | None = None
    region_id: int | None = None  # this region and everything under it
    unassigned_only: bool = False
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""  # name, or ID number (whole or its last characters)


@dataclass(frozen=True)
class PersonMatch:
    """A person found in the registry for the clue form."""

    household_id: int
    member_id: int
    name: str
    id_number: str  # always masked: the person is picked by name, region and address (the clue keeps the number)
    relation: str
    head_name: str
    region_id: int
    region_name: str
    address: str
    phone: str
    category_label: str
    stage: str | None
    stage_label: str
    open_clue_id: int | None
    in_assistance: bool = False  # 在保: the household receives 低保 or 特困 now


@dataclass(frozen=True)
class CloseResult:
    clue_id: int
    outcome: str
    household_id: int | None  # the household the clue is linked to (moved or not: see to_stage)
    household_created: bool
    from_stage: str | None
    to_stage: str | None  # None: the outcome moves no household
    start_application: bool  # an application is to be accepted (outcome "passed", none being handled yet)
    other_open_clue_id: int | None = None  # a newer open clue about the same person, still to be worked on


@dataclass
class ClueCounts:
    by_status: dict[str, int] = field(default_factory=dict)
    unassigned: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def open(self) -> int:
        return self.total - self.by_status.get("closed", 0)


# -- scope ---------------------------------------------------------------------------------------


def sees_unassigned(actor: Actor) -> bool:
    return not actor.region_path or actor.role in DISTRICT_ROLES


def _scope_clause(actor: Actor) -> ColumnElement[bool] | None:
    """Clues the actor may see: assigned within their region subtree (+ unassigned for district roles)."""
    if not actor.region_path or (sees_unassigned(actor) and actor.region_path.count("/") <= 2):
        return None  # the whole district, assigned or not
    in_subtree = Clue.region_id.in_(select(Region.id).where(Region.path.like(actor.region_path + "%")))
    if sees_unassigned(actor):
        return or_(in_subtree, Clue.region_id.is_(None))
    return in_subtree


def _require_clue_scope(uow: UnitOfWork, clue: Clue) -> None:
    if clue.region_id is None:
        if not sees_unassigned(uow.actor):
            raise PermissionDenied(f"线索 #{clue.id} 尚未分派,只有区级人员可以处理。")
        return
    uow.require_scope(clue.region_id, f"线索 #{clue.id}")


def _filter_clauses(flt: ClueFilter) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if flt.statuses:
        clauses.append(Clue.status.in_(flt.statuses))
    if flt.source_level:
        clauses.append(Clue.source_level == flt.source_level)
    if flt.source:
        clauses.append(Clue.source == flt.source)
    if flt.unassigned_only:
        clauses.append(Clue.region_id.is_(None))
    elif flt.region_id is not None:
        path = select(Region.path).where(Region.id == flt.region_id).scalar_subquery()
        clauses.append(Clue.region_id.in_(select(Region.id).where(Region.path.like(path + "%"))))
    if flt.date_from:
        clauses.append(Clue.reported_on >= flt.date_from)
    if flt.date_to:
        clauses.append(Clue.reported_on <= flt.date_to)
    text = flt.text.strip()
    if text:
        number = idcard.normalize(text)
        if re.fullmatch(r"[0-9X]{4,18}", number):
            parsed = idcard.parse(number)  # a whole old 15-digit number is the 18-digit one it was filed as
            whole = parsed.number if parsed.valid and parsed.number else number if len(number) == 18 else None
            if whole:
                clauses.append(Clue.id_number == whole)
            else:
                clauses.append(Clue.id_number.like("%" + number))
        else:
            # "%" and "_" are themselves; 买买提•吐 finds 买买提·吐尔逊 (names are stored so, rules.spelling)
            clauses.append(Clue.person_name.startswith(spelling.person_name(text, prefix=True), autoescape=True))
    return clauses


# -- reading -------------------------------------------------------------------------------------


def _info(actor: Actor, clue: Clue, region_name: str, household: Household | None,
          awaiting: bool | None = False, region_level: str | None = None) -> ClueInfo:
    number = clue.id_number or ""
    shown = number if actor.sees_full_id else idcard.mask(number)
    return ClueInfo(
        id=clue.id, version=clue.version, household_id=clue.household_id, person_name=clue.person_name,
        id_number=shown, phone=clue.phone, address=clue.address, source_level=clue.source_level,
        source=clue.source, source_label=source_label(clue.source_level, clue.source), channel=clue.channel,
        channel_label=CHANNEL_LABELS.get(clue.channel or "", ""), reported_on=clue.reported_on,
        reported_by=clue.reported_by, description=clue.description, status=clue.status,
        status_label=STATUS_LABELS.get(clue.status, clue.status), region_id=clue.region_id,
        region_name=region_name, assigned_at=clue.assigned_at, outcome=clue.outcome,
        outcome_label=OUTCOME_LABELS.get(clue.outcome or "", ""), closed_on=clue.closed_on,
        batch_id=clue.batch_id,
        household_stage=household.stage if household else None,
        household_stage_label=label(STAGE_LABELS, household.stage) if household else "",
        household_category_label=label(CATEGORY_LABELS, household.category) if household else "",
        household_code=(household.code or "") if household else "",
        household_head=household.head_name if household else "",
        in_community=region_level == RegionLevel.COMMUNITY,
        awaits_application=bool(awaiting) and clue.outcome == "passed" and clue.status == "closed",
    )


def _select_infos() -> Select[Clue, str, Household, bool, str]:
    return (select(Clue, Region.name, Household, awaiting_acceptance_clause().label("awaiting"), Region.level)
            .outerjoin(Region, Region.id == Clue.region_id)
            .outerjoin(Household, Household.id == Clue.household_id))


def list_clues(db: Database, actor: Actor, flt: ClueFilter = ClueFilter(), *,  # noqa: B008
               before_id: int | None = None, limit: int = PAGE_SIZE) -> list[ClueInfo]:
    """Newest first, one page at a time (keyset: pass the last id seen as ``before_id``)."""
    with unit_of_work(db, actor) as uow:
        query = _select_infos()
        scope = _scope_clause(actor)
        if scope is not None:
            query = query.where(scope)
        for clause in _filter_clauses(flt):
            query = query.where(clause)
        if before_id is not None:
            query = query.where(Clue.id < before_id)
        query = query.order_by(Clue.id.desc()).limit(limit)
        return [_info(actor, c, name or "", h, awaiting, level)
                for c, name, h, awaiting, level in uow.session.execute(query)]


def count_clues(db: Database, actor: Actor, flt: ClueFilter = ClueFilter()) -> ClueCounts:  # noqa: B008
    """How many clues per status under the filter (the status part of the filter is ignored)."""
    with unit_of_work(db, actor) as uow:
        clauses = _filter_clauses(replace(flt, statuses=()))
        scope = _scope_clause(actor)
        if scope is not None:
            clauses.append(scope)
        query = select(Clue.status, func.count()).where(*clauses).group_by(Clue.status)
        counts = ClueCounts({s: 0 for s in STATUSES})
        for status, n in uow.session.execute(query):
            counts.by_status[status] = int(n)
        counts.unassigned = int(uow.session.scalar(
            select(func.count()).select_from(Clue).where(*clauses, Clue.region_id.is_(None),
                                                          Clue.status != "closed")) or 0)
        return counts


def get_clue(db: Database, actor: Actor, clue_id: int) -> ClueInfo:
    with unit_of_work(db, actor) as uow:
        clue = uow.get(Clue, clue_id, "线索")
        _require_clue_scope(uow, clue)
        region = uow.session.get(Region, clue.region_id) if clue.region_id else None
        household = uow.session.get(Household, clue.household_id) if clue.household_id else None
        awaiting = household is not None and uow.session.scalar(select(Household.id).where(
            Household.id == household.id, awaiting_acceptance_clause())) is not None
        return _info(actor, clue, region.name if region else "", household, awaiting,
                     region.level if region else None)


@dataclass(frozen=True)
class ClueClosing:
    """How a clue was closed: the outcome note written then, who closed it and when (from the
    closing's audit entry, written in the same transaction as the close)."""

    clue_id: int
    closed_on: date | None  # the date given as the closing date
    note: str
    closed_by: str  # "姓名(用户名)"
    closed_at: datetime | None  # when it was recorded


def clue_closing(db: Database, actor: Actor, clue_id: int) -> ClueClosing | None:
    """The closing of a closed clue (None while it is open)."""
    with unit_of_work(db, actor) as uow:
        clue = uow.get(Clue, clue_id, "线索")
        _require_clue_scope(uow, clue)
        if clue.status != "closed":
            return None
        row = _last_entry(uow, clue, "clue.close")
        if row is None:  # closed outside the program (an old import): nothing more is known
            return ClueClosing(clue.id, clue.closed_on, "", "", None)
        note, at, who, _ = row
        return ClueClosing(clue.id, clue.closed_on, note, who, at)


def _last_entry(uow: UnitOfWork, clue: Clue, action: str) -> tuple[str, datetime, str, dict[str, Any]] | None:
    """The clue's latest audit entry of ``action``: (detail, when, "姓名(用户名)", the before snapshot)."""
    row = uow.session.execute(
        select(AuditEntry.detail, AuditEntry.at, AuditEntry.username, User.display_name, AuditEntry.before)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .where(AuditEntry.entity == "clues", AuditEntry.entity_id == clue.id, AuditEntry.action == action)
        .order_by(AuditEntry.id.desc()).limit(1)).first()
    if row is None:
        return None
    note, at, username, name, before = row
    return note or "", at, person_label(username, name), before or {}


@dataclass(frozen=True)
class ClueReopening:
    """The latest reopening of an open clue: the reason given, who reopened it and when, and how it
    had been closed (from the reopening's audit entry)."""

    clue_id: int
    reason: str
    reopened_by: str  # "姓名(用户名)"
    reopened_at: datetime
    outcome_label: str  # the outcome it had been closed with
    closed_on: date | None


def clue_reopening(db: Database, actor: Actor, clue_id: int) -> ClueReopening | None:
    """The latest reopening of a clue that is open now (None if it is closed or was never reopened)."""
    with unit_of_work(db, actor) as uow:
        clue = uow.get(Clue, clue_id, "线索")
        _require_clue_scope(uow, clue)
        if clue.status == "closed":
            return None
        row = _last_entry(uow, clue, "clue.reopen")
        if row is None:
            return None
        reason, at, who, before = row
        closed_on = before.get("closed_on")
        return ClueReopening(clue.id, reason, who, at, OUTCOME_LABELS.get(before.get("outcome") or "", ""),
                             date.fromisoformat(closed_on) if closed_on else None)


def full_id_number(db: Database, actor: Actor, clue_id: int) -> str:
    """The unmasked ID number of a clue (for editing); refused for roles that see masked numbers.
    The view is logged (RULES.md §4) when there is a number to show."""
    if not actor.sees_full_id:
        raise PermissionDenied("您的角色只能查看脱敏后的身份证号。")
    with unit_of_work(db, actor) as uow:
        clue = uow.get(Clue, clue_id, "线索")
        _require_clue_scope(uow, clue)
        number, household_id, name = clue.id_number or "", clue.household_id, clue.person_name
    if number:
        _log_full_view(db, actor, "修改", clue_id, household_id, name)
    return number


def log_clue_view(db: Database, actor: Actor, info: ClueInfo) -> bool:
    """A clue shown with its whole ID number (the command line's ``clue show``, its result after
    ``clue edit``): logged (RULES.md §4). Returns whether a line was written."""
    if not (actor.sees_full_id and info.id_number):
        return False
    _log_full_view(db, actor, "查看", info.id, info.household_id, info.person_name)
    return True


def _log_full_view(db: Database, actor: Actor, doing: str, clue_id: int, household_id: int | None,
                   name: str) -> None:
    log_access(db, actor, "clue.view_full_id", "clues", clue_id, household_id=household_id,
               detail=f"{doing}线索(编号 {clue_id},{name}),显示完整身份证号")


def search_people(db: Database, actor: Actor, text: str, limit: int = 20) -> list[PersonMatch]:
    """Registry members by name (from its start) or ID number (whole, or its last 4+ characters),
    limited to the actor's regions."""
    text = text.strip()
    if not text:
        return []
    with unit_of_work(db, actor) as uow:
        number = idcard.normalize(text)
        query = (select(Member, Household, Region.name)
                 .join(Household, Household.id == Member.household_id)
                 .join(Region, Region.id == Household.region_id))
        if re.fullmatch(r"[0-9X]{4,18}", number):
            parsed = idcard.parse(number)
            if parsed.valid and parsed.number:
                query = query.where(Member.id_number == parsed.number)
            else:
                query = query.where(Member.id_reversed.like(number[::-1] + "%"))
        else:
            query = query.where(Member.name.startswith(spelling.person_name(text, prefix=True), autoescape=True))
        if actor.region_path:
            query = query.where(Region.path.like(actor.region_path + "%"))
        rows = list(uow.session.execute(query.order_by(Member.name, Member.id).limit(limit)))
        ids = [m.id_number for m, _, _ in rows]
        open_clues: dict[str, int] = {}
        if ids:
            for number_, clue_id in uow.session.execute(
                    select(Clue.id_number, func.max(Clue.id))
                    .where(Clue.id_number.in_(ids), Clue.status != "closed").group_by(Clue.id_number)):
                if number_ is not None:
                    open_clues[number_] = int(clue_id)
        result = []
        for m, h, region_name in rows:
            result.append(PersonMatch(
                household_id=h.id, member_id=m.id, name=m.name, id_number=idcard.mask(m.id_number), relation=m.relation,
                head_name=h.head_name, region_id=h.region_id, region_name=region_name, address=h.address,
                phone=m.phone or h.phone, category_label=label(CATEGORY_LABELS, h.category, h.category),
                stage=h.stage, stage_label=label(STAGE_LABELS, h.stage),
                open_clue_id=open_clues.get(m.id_number), in_assistance=h.category in IN_ASSISTANCE))
        return result


def find_open_clue(db: Database, actor: Actor, id_number: str) -> int | None:
    """The newest open clue about this ID number (any region), so the form can warn of a repeat."""
    parsed = idcard.parse(id_number)
    if not parsed.valid:
        return None
    with unit_of_work(db, actor) as uow:
        return uow.session.scalar(select(func.max(Clue.id)).where(
            Clue.id_number == parsed.number, Clue.status != "closed"))


# -- writing -------------------------------------------------------------------------------------


def _validate(uow: UnitOfWork, data: ClueInput) -> tuple[dict[str, object], Household | None]:
    problems: dict[str, str] = {}
    household: Household | None = None
    if data.household_id is not None:
        household = uow.get(Household, data.household_id, "家庭")
        uow.require_scope(household.region_id, "该家庭")
    member: Member | None = None
    if data.member_id is not None:
        member = uow.session.get(Member, data.member_id)
        if member is None or household is None or member.household_id != household.id:
            problems["person_name"] = "所选人员不在所选家庭中,请重新从台账中选择"
            member = None
    name = spelling.person_name(data.person_name.strip())  # 买买提•吐尔逊 is kept as 买买提·吐尔逊
    if not name and household is not None:
        name = member.name if member is not None else household.head_name
    if not name:
        problems["person_name"] = "请填写当事人姓名或从台账中选择家庭"
    elif message := too_long(Clue.person_name, name, "姓名"):
        problems["person_name"] = message
    number: str | None = None
    raw_number = data.id_number.strip()
    if raw_number:
        parsed = idcard.parse(raw_number, today=date.today())
        if parsed.valid:
            number = parsed.number
        elif parsed.reason is not idcard.Invalid.EMPTY:  # "无", "不详": no number given, as when blank
            problems["id_number"] = parsed.message
    elif member is not None:
        number = member.id_number  # the member picked, not the head (the form sends no number then)
    elif household is not None:
        number = household.head_id_number
    phone = spelling.phone_number(data.phone)  # "138 0714 1234" is kept as 13807141234
    if phone and not _PHONE.match(phone):
        problems["phone"] = "联系电话只能包含数字、空格和 + - ( )"
    labels = SOURCES_BY_LEVEL.get(data.source_level)
    source = data.source
    if labels is None:
        problems["source_level"] = "请选择线索来源类别(四级信息员、纵向来源或部门)"
    elif data.source_level == SourceLevel.DEPARTMENT and source:
        try:  # one of the nine by code or name, or an other department by its own name (公安局 …)
            source = department_key(source)
        except ValueError as exc:
            problems["source"] = str(exc)
    elif source not in labels:
        problems["source"] = "请选择具体的线索来源"
    if data.channel and data.channel not in CHANNEL_LABELS:
        problems["channel"] = "发现渠道无效"
    if message := too_early(data.reported_on, "发现日期"):
        problems["reported_on"] = message
    elif data.reported_on > date.today():
        problems["reported_on"] = f"发现日期 {data.reported_on} 不能晚于今天({date.today()})"
    if not data.description.strip():
        problems["description"] = "请填写发现的情况"
    for attr, label in (("address", "住址"), ("reported_by", "报告人")):
        if message := too_long(getattr(Clue, attr), getattr(data, attr), label):
            problems[attr] = message
    region_id = data.region_id
    if region_id is None and household is not None:
        region_id = household.region_id
    if region_id is not None:
        region = uow.session.get(Region, region_id)
        if region is None:
            problems["region_id"] = f"找不到区划 {region_id}"
        elif not uow.in_scope(region_id):
            problems["region_id"] = "所选区划不在您的管辖范围内"
        elif region.level == "district":
            region_id = None  # the whole district: not yet assigned to a sub-district or community
    if problems:
        raise ValidationFailed("线索信息有误:" + ";".join(problems.values()), problems)
    values: dict[str, object] = {
        "household_id": household.id if household else None,
        "person_name": name,
        "id_number": number,
        "phone": phone or (household.phone if household else ""),
        "address": data.address.strip() or (household.address if household else ""),
        "source_level": data.source_level,
        "source": source,
        "channel": data.channel or None,
        "reported_on": data.reported_on,
        "reported_by": data.reported_by.strip(),
        "description": data.description.strip(),
        "region_id": region_id,
    }
    return values, household


def add_clue(db: Database, actor: Actor, data: ClueInput) -> int:
    """Record a new clue. Staff below district level file it in their own region by default; one filed
    for another region is assigned there."""
    with unit_of_work(db, actor, write=True) as uow:
        values, _ = _validate(uow, data)
        if values["region_id"] is None and not sees_unassigned(actor):
            values["region_id"] = actor.region_id
        # Filed for a sub-district or community other than the filer's own, it is assigned there at once, as a
        # department list's row with a known community is (department_import). In the filer's own region (by
        # default below district level) it is new: theirs to pass on or to take up.
        assigned = values["region_id"] is not None and values["region_id"] != actor.region_id
        clue = uow.add(Clue(status="assigned" if assigned else "new", assigned_at=now_utc() if assigned else None,
                            **values))
        uow.flush()
        uow.audit("clue.add", "clues", clue.id, after=snapshot(clue), household_id=clue.household_id)
        uow.notify("clues", clue.id)
        return int(clue.id)


def update_clue(db: Database, actor: Actor, clue_id: int, data: ClueInput, *, expected_version: int) -> int:
    """Correct a clue's details (not its status). Returns the new version."""
    with unit_of_work(db, actor, write=True) as uow:
        clue = uow.get(Clue, clue_id, "线索")
        _require_clue_scope(uow, clue)
        uow.check_version(clue, expected_version, f"线索 #{clue_id}")
        if clue.status == "closed":
            raise ValidationFailed(f"线索 #{clue_id} 已办结,不能再修改。")
        before = snapshot(clue)
        values, _ = _validate(uow, data)
        if (not data.id_number.strip() and clue.id_number and data.member_id is None
                and data.household_id in (None, clue.household_id)):
            # A masked form leaves the number as it was (also on a clue about a member who is not
            # the head: only a newly picked household or member brings its number).
            values["id_number"] = clue.id_number
        if values["region_id"] is None:
            values["region_id"] = clue.region_id
        if (values["id_number"] and values["id_number"] != clue.id_number and data.member_id is None
                and data.household_id in (None, clue.household_id) and (clue.id_number or not clue.household_id)):
            # A number typed over another one, or added to a clue about nobody in the registry (nobody
            # picked from it): the clue is now about whoever has that number there, or nobody yet, no
            # longer about the old number's household, which its closing would otherwise move. ("无"
            # only takes the number away: the household stays.)
            member = _registry_member(uow, values["id_number"])
            household = uow.session.get(Household, member.household_id) if member is not None else None
            values["household_id"] = household.id if household and uow.in_scope(household.region_id) else None
            if values["household_id"] is not None and values["region_id"] is None:
                values["region_id"] = household.region_id  # an unassigned clue goes where its household is, as when filed
        for key, value in values.items():
            setattr(clue, key, value)
        uow.touch(clue)
        uow.flush()
        uow.audit("clue.update", "clues", clue.id, before=before, after=snapshot(clue),
                  household_id=clue.household_id)
        uow.notify("clues", clue.id)
        return int(clue.version)


def _listed(chosen: Sequence[Clue], most: int = 20) -> str:
    """"#3、#7、#12" — the first ``most`` of them, and how many in all when there are more."""
    text = "、".join(f"#{c.id}" for c in chosen[:most])
    return text + (f" 等 {len(chosen)} 条" if len(chosen) > most else "")


def assign_clues(db: Database, actor: Actor, clue_ids: Sequence[int], region_id: int, *,
                 versions: dict[int, int] | None = None) -> int:
    """Assign one or many open clues to a sub-district/community. All or nothing. Returns how many."""
    ids = sorted(set(clue_ids))
    if not ids:
        raise ValidationFailed("请先选择要分派的线索。")
    with unit_of_work(db, actor, write=True) as uow:
        region = uow.get(Region, region_id, "区划")
        uow.require_scope(region.id, f"区划“{region.name}”")
        if region.level == "district":
            raise ValidationFailed("请分派到街道(镇)或社区(村),而不是全区。")
        clues = list(uow.session.scalars(select(Clue).where(Clue.id.in_(ids)).order_by(Clue.id)))
        missing = set(ids) - {c.id for c in clues}
        if missing:
            raise ValidationFailed(f"找不到线索:{'、'.join('#' + str(i) for i in sorted(missing))}。")
        outside = [c for c in clues if not (uow.in_scope(c.region_id) if c.region_id is not None
                                            else sees_unassigned(uow.actor))]
        if len(outside) == 1:
            _require_clue_scope(uow, outside[0])
        if outside:
            raise PermissionDenied(f"线索 {_listed(outside)} 不在您的管辖范围内,不能分派;本次一条也没有分派。")
        closed = [c for c in clues if c.status == "closed"]
        if closed:  # all of them at once: a clerk who selected fifty should not find them one by one
            raise ValidationFailed(f"线索 {_listed(closed)} 已办结,不能再分派;本次一条也没有分派。请去掉这些线索后再分派。")
        now = now_utc()
        for clue in clues:
            _require_clue_scope(uow, clue)
            uow.check_version(clue, (versions or {}).get(clue.id), f"线索 #{clue.id}")
            before = {"status": clue.status, "region_id": clue.region_id}
            clue.region_id = region.id
            clue.assigned_at = now
            if clue.status == "new":
                clue.status = "assigned"
            uow.touch(clue)
            uow.audit("clue.assign", "clues", clue.id, before=before,
                      after={"status": clue.status, "region_id": region.id}, household_id=clue.household_id,
                      detail=f"分派到{region.name}")
            uow.notify("clues", clue.id)
        uow.flush()
        _follow_in_batches(uow, [c for c in clues if c.batch_id is not None and c.id_number], region.id)
        return len(clues)


def _follow_in_batches(uow: UnitOfWork, assigned: Sequence[Clue], region_id: int) -> None:
    """A clue from a department list, assigned here, is assigned in its batch too: its row left
    counted as unassigned there, and the batch's "assign every unassigned row" then moved the clue
    away from where it had just been sent."""
    batches = sorted({c.batch_id for c in assigned if c.batch_id is not None})
    for batch_id in batches:
        numbers = [c.id_number for c in assigned if c.batch_id == batch_id]
        uow.session.execute(update(ImportRow).where(
            ImportRow.batch_id == batch_id, ImportRow.id_number.in_(numbers), ImportRow.outcome == "new")
            .values(region_id=region_id).execution_options(synchronize_session=False))
        batch = uow.session.get(ImportBatch, batch_id)
        if batch is None:
            continue
        counts = dict(batch.counts or {})
        counts["unassigned"] = uow.session.scalar(select(func.count()).select_from(ImportRow).where(
            ImportRow.batch_id == batch_id, ImportRow.region_id.is_(None),
            ImportRow.outcome.in_(("known", "new")))) or 0
        batch.counts = counts
        uow.notify("import_batches", batch_id)


def start_investigation(db: Database, actor: Actor, clue_id: int, *, expected_version: int | None = None) -> int:
    """Mark a clue as being investigated. Returns the new version."""
    with unit_of_work(db, actor, write=True) as uow:
        clue = uow.get(Clue, clue_id, "线索")
        _require_clue_scope(uow, clue)
        uow.check_version(clue, expected_version, f"线索 #{clue_id}")
        if clue.status == "closed":
            raise ValidationFailed(f"线索 #{clue_id} 已办结。")
        if clue.status == "investigating":
            return int(clue.version)
        if clue.region_id is None:
            raise ValidationFailed(f"线索 #{clue_id} 尚未分派到街道或社区,请先分派。")
        before = {"status": clue.status}
        clue.status = "investigating"
        uow.touch(clue)
        uow.flush()
        uow.audit("clue.investigate", "clues", clue.id, before=before, after={"status": clue.status},
                  household_id=clue.household_id)
        uow.notify("clues", clue.id)
        return int(clue.version)


def _registry_member(uow: UnitOfWork, id_number: object) -> Member | None:
    """The registry member with this ID number (none for a clue without one)."""
    if not id_number:
        return None
    return uow.session.scalar(select(Member).where(Member.id_number == id_number))


def _household_for(uow: UnitOfWork, clue: Clue) -> tuple[Household, bool]:
    """The clue's household; when it has none, the registry household of its person, or a new one."""
    if clue.household_id is not None:
        return uow.get(Household, clue.household_id, "家庭"), False
    if not clue.id_number:
        raise ValidationFailed(f"线索 #{clue.id} 没有身份证号,无法建立家庭档案;请先补充身份证号。",
                               {"id_number": "请补充身份证号"})
    member = _registry_member(uow, clue.id_number)
    if member is not None:
        return uow.get(Household, member.household_id, "家庭"), False
    if clue.region_id is None:
        raise ValidationFailed(f"线索 #{clue.id} 尚未分派到社区,无法建立家庭档案;请先分派。",
                               {"region_id": "请先分派"})
    region = uow.get(Region, clue.region_id, "区划")
    if region.level != RegionLevel.COMMUNITY:
        raise ValidationFailed(f"线索 #{clue.id} 目前分派在“{region.name}”;建立家庭档案需要具体的社区(村),请先分派到社区(村)。",
                               {"region_id": "请分派到社区(村)"})
    number = clue.id_number
    household = uow.add(Household(
        region_id=region.id, address=clue.address, phone=clue.phone, area_type=region.area_type,
        head_name=clue.person_name, head_id_number=number, head_id_reversed=number[::-1], member_count=1,
        category="none", note=f"由线索 #{clue.id} 建档"))
    uow.flush()
    uow.add(Member(household_id=household.id, name=clue.person_name, id_number=number,
                   id_reversed=number[::-1], relation=Relation.SELF, sex=idcard.sex(number),
                   birth_date=idcard.birth_date(number), phone=clue.phone))
    uow.flush()
    uow.audit("household.add", "households", household.id, after=snapshot(household), household_id=household.id,
              detail=f"线索 #{clue.id} 办结时建档")
    uow.notify("households", household.id)
    return household, True


def _check_close_move(clue: Clue, household: Household, to_stage: str) -> None:
    """A clue's outcome does not take a household out of 救助中 or 申请中: only a decision to stop
    assistance, or the end of the application, does (the board's rules leave_assisted, applying_exit)."""
    held = household.stage in (Stage.ASSISTED, Stage.APPLYING) and household.stage != to_stage
    if held:
        check = monitoring_rules.check_move(household.stage, to_stage)
        text = check.rule.text if check.rule is not None else ""
        raise ValidationFailed(
            f"线索 #{clue.id} 未办结:“{household.head_name}”户目前在“{monitoring_rules.stage_label(household.stage)}”,"
            f"不能因线索办结调入“{monitoring_rules.stage_label(to_stage)}”。{text}",
            {"outcome": "该家庭在救助中或申请中"})


def _locked_clue(uow: UnitOfWork, clue_id: int, expected_version: int | None) -> Clue:
    """The clue to close or reopen, locked until the unit of work ends (PostgreSQL), in the actor's
    scope and as the user last saw it."""
    clue = uow.session.get(Clue, clue_id, with_for_update=True)
    if clue is None:
        raise NotFound(f"找不到线索(编号 {clue_id}),可能已被删除。")
    _require_clue_scope(uow, clue)
    uow.check_version(clue, expected_version, f"线索 #{clue_id}")
    return clue


def close_clue(db: Database, actor: Actor, clue_id: int, outcome: str, *, expected_version: int | None = None,
               closed_on: date | None = None, note: str = "") -> CloseResult:
    """Close a clue with its outcome; moves (and if needed creates) the household on the board."""
    if outcome not in OUTCOMES:
        raise ValidationFailed("请选择办结结果。", {"outcome": "请选择办结结果"})
    closed_on = closed_on or date.today()
    if message := too_early(closed_on, "办结日期"):
        raise ValidationFailed(message + "。", {"closed_on": message})
    if closed_on > date.today():
        raise ValidationFailed(f"办结日期 {closed_on} 不能晚于今天({date.today()})。", {"closed_on": "不能晚于今天"})
    with unit_of_work(db, actor, write=True) as uow:
        # Locked while it is closed (PostgreSQL): a second workstation closing it at the same moment
        # waits, then finds it closed by the first (ConflictError naming who), instead of colliding
        # on the household both would create and being told the ID number was registered elsewhere.
        clue = _locked_clue(uow, clue_id, expected_version)
        if clue.status == "closed":
            raise ValidationFailed(f"线索 #{clue_id} 已于 {clue.closed_on} 办结。")
        if closed_on < clue.reported_on:
            raise ValidationFailed(f"线索 #{clue_id} 未办结:办结日期 {closed_on} 早于发现日期 {clue.reported_on},"
                                   f"请把办结日期改为 {clue.reported_on} 或以后。",
                                   {"closed_on": f"不能早于发现日期 {clue.reported_on}"})
        before = snapshot(clue)
        to_stage = OUTCOME_STAGE[outcome]
        household: Household | None = None
        created = False
        from_stage: str | None = None
        if to_stage is not None:
            household, created = _household_for(uow, clue)
            if not created and not uow.in_scope(household.region_id):
                # The person is in the registry elsewhere (found by ID number): say so, not just "该家庭".
                raise PermissionDenied(
                    f"线索 #{clue.id} 未办结:当事人{clue.person_name}已登记在您({actor.region_name})管辖范围以外的"
                    "家庭台账中,不能由您办结调整该户库别;请报区级人员处理。")
            if not created:
                _check_close_move(clue, household, to_stage)
            clue.household_id = household.id
            reason = f"线索 #{clue.id} 办结:{OUTCOME_LABELS[outcome]}" + (f"。{note.strip()}" if note.strip() else "")
            from_stage = household.stage
            if newer := move_household(uow, household, to_stage, closed_on, reason):
                raise ValidationFailed(
                    f"线索 #{clue.id} 未办结:办结日期 {closed_on} 早于“{household.head_name}”户上次调整库别的日期"
                    f" {newer.moved_on}(调入“{monitoring_rules.stage_label(newer.stage)}”),"
                    f"请把办结日期改为 {newer.moved_on} 或以后。", {"closed_on": f"不能早于 {newer.moved_on}"})
        elif clue.household_id is not None:
            from_stage, to_stage = _undo_earlier_closing(uow, clue, closed_on, outcome, note)
        clue.status = "closed"
        clue.outcome = outcome
        clue.closed_on = closed_on
        uow.touch(clue)
        uow.flush()
        uow.audit("clue.close", "clues", clue.id, before=before, after=snapshot(clue),
                  household_id=clue.household_id, detail=note.strip())
        uow.notify("clues", clue.id)
        # "check passed" starts an application unless one is being handled already (the family was in
        # 申请中 with it): until it is accepted the household awaits it (list_clues, awaiting_acceptance).
        apply = outcome == "passed" and household is not None and uow.session.scalar(select(Household.id).where(
            Household.id == household.id, awaiting_acceptance_clause())) is not None
        # The clue's household, also when the outcome moves none (不属于困难群众 keeps its link).
        return CloseResult(clue.id, outcome, clue.household_id, created, from_stage, to_stage, apply,
                           _other_open_clue(uow, clue))


def _undo_earlier_closing(uow: UnitOfWork, clue: Clue, closed_on: date, outcome: str,
                          note: str) -> tuple[str | None, str | None]:
    """A reopened clue closed now with an outcome that places no one (非困难对象): the library class its
    earlier closing gave the household is taken back, to where that closing found it, as long as nothing
    moved the household since (the reopening promised the new outcome would decide). Returns (from, to)
    stages, or (None, None) when nothing moves."""
    household = uow.session.get(Household, clue.household_id)
    move = _closing_move(uow, clue, clue.household_id) if household is not None else None
    if household is None or move is None or household.stage != move.to_stage \
            or household.stage in (Stage.APPLYING, Stage.ASSISTED):
        return None, None
    latest = uow.session.scalar(select(func.max(LibraryMove.id)).where(LibraryMove.household_id == household.id))
    if move.id != latest:
        return None, None
    if not uow.in_scope(household.region_id):
        raise PermissionDenied(f"线索 #{clue.id} 未办结:“{household.head_name}”户不在您的管辖范围内,不能调整该户库别;"
                               "请报区级人员处理。")
    from_stage = household.stage
    back = monitoring_rules.stage_label(move.from_stage) if move.from_stage else "未入库"
    reason = (f"线索 #{clue.id} 办结:{OUTCOME_LABELS[outcome]},撤回上次办结时的调入,回到“{back}”"
              + (f"。{note.strip()}" if note.strip() else ""))
    if move_household(uow, household, move.from_stage, closed_on, reason):
        raise ValidationFailed(f"线索 #{clue.id} 未办结:办结日期 {closed_on} 早于该户上次调整库别的日期 {move.moved_on},"
                               f"请把办结日期改为 {move.moved_on} 或以后。", {"closed_on": f"不能早于 {move.moved_on}"})
    return from_stage, move.from_stage


# -- reopening -------------------------------------------------------------------------------------

# The statuses a reopened clue may go back to: the one it had when it was closed (an unassigned
# clue closed as not a hardship case goes back to the inbox as new).
REOPENED_STATUSES = ("new", "assigned", "investigating")


@dataclass(frozen=True)
class ReopenPlan:
    """What reopening a closed clue would do, told before it is done (and by the CLI after)."""

    clue_id: int
    version: int
    person_name: str
    outcome: str | None
    outcome_label: str
    closed_on: date | None
    returns_to: str  # the status the clue goes back to
    returns_to_label: str
    refusal: str  # why it cannot be reopened; "" when it can
    household_id: int | None
    household_name: str
    stage: str | None  # the household's stage now
    to_stage: str | None  # the stage reopening moves it to (== stage: it stays)
    effect: str  # what happens to the household's library class, in a sentence
    other_open_clue_id: int | None  # a newer open clue about the same person

    @property
    def moves_household(self) -> bool:
        return self.household_id is not None and self.to_stage != self.stage


def _status_before_closing(uow: UnitOfWork, clue: Clue, before: dict[str, Any]) -> str:
    """The status the clue had when it was closed (``before``: the closing's audit snapshot); for a
    clue closed outside the program: investigating when it was ever investigated, else assigned or new."""
    status = before.get("status")
    if status in REOPENED_STATUSES:
        return str(status)
    investigated = uow.session.scalar(select(AuditEntry.id).where(
        AuditEntry.entity == "clues", AuditEntry.entity_id == clue.id, AuditEntry.action == "clue.investigate")
        .limit(1))
    if investigated is not None:
        return "investigating"
    return "assigned" if clue.region_id is not None else "new"


def _closing_move(uow: UnitOfWork, clue: Clue, household_id: int) -> LibraryMove | None:
    """The household's library move the clue's closing made (its reason starts "线索 #id 办结")."""
    return uow.session.scalar(select(LibraryMove).where(
        LibraryMove.household_id == household_id, LibraryMove.reason.startswith(f"线索 #{clue.id} 办结:"))
        .order_by(LibraryMove.id.desc()).limit(1))


def _applications_text(rows: Sequence[Any]) -> str:
    return "、".join(f"申请 #{a.id}({label(CATEGORY_LABELS, a.category, a.category)},"
                    f"{proc.STATUS_LABELS.get(a.status, a.status)})" for a in rows)


def _other_open_clue(uow: UnitOfWork, clue: Clue) -> int | None:
    """The newest other open clue about the clue's person (by ID number): one report of them closed
    or reopened, the other is still there to be worked on."""
    if not clue.id_number:
        return None
    other = uow.session.scalar(select(func.max(Clue.id)).where(
        Clue.id_number == clue.id_number, Clue.status != "closed", Clue.id != clue.id))
    return int(other) if other is not None else None


def _plan_reopen(uow: UnitOfWork, clue: Clue) -> ReopenPlan:
    """Whether and how the closed ``clue`` is reopened (see :func:`reopen_clue`)."""
    closing = _last_entry(uow, clue, "clue.close")
    closed_at = closing[1] if closing is not None else None
    returns_to = _status_before_closing(uow, clue, closing[3] if closing is not None else {})
    household = uow.session.get(Household, clue.household_id) if clue.household_id is not None else None
    refusal = ""
    stage = household.stage if household is not None else None
    to_stage = stage
    effect = ""
    if clue.status != "closed":
        refusal = f"线索 #{clue.id} 没有办结({STATUS_LABELS.get(clue.status, clue.status)}),不需要重新打开。"
    elif household is not None:
        name = household.head_name
        where = monitoring_rules.stage_label(stage) if stage else "未入库"
        apps = list(uow.session.scalars(select(Application).where(Application.household_id == household.id)
                                        .order_by(Application.id.desc())))
        # An application still handled, or assistance still paid, carries the family on: the clue
        # closed as "check passed" led to it, and reopening would put a second track on the family.
        running = [a for a in apps if a.status == "open" or (
            a.status == "approved" and not proc.paid_once(a.category)
            and (a.stopped_on is None or a.exit_stage is not None))]
        if closed_at is not None:
            since = [a for a in apps if a.created_at is not None and a.created_at >= closed_at]
        else:
            since = [a for a in apps if clue.closed_on is not None and a.accepted_on >= clue.closed_on]
        move = _closing_move(uow, clue, household.id)
        latest = uow.session.scalar(select(func.max(LibraryMove.id)).where(LibraryMove.household_id == household.id))
        last_by_clue = move is not None and move.id == latest  # the class still comes from this closing
        if clue.outcome == "passed" and running:
            refusal = (f"线索 #{clue.id} 已以“{OUTCOME_LABELS['passed']}”办结,“{name}”户的{_applications_text(running[:3])}"
                       "正在办理或救助中,不能重新打开线索;该户的情况由申请办理。如确需重新调查,"
                       "请先撤回申请或停止救助。")
        elif clue.outcome == "passed" and stage == Stage.APPLYING and last_by_clue and move is not None:
            # 申请中 with no application behind it: only this clue's closing put the family there,
            # and a clue's closing may not take a household out of 申请中, so it would be stuck there.
            to_stage = move.from_stage
            back = monitoring_rules.stage_label(to_stage) if to_stage else "未入库(不在看板上)"
            effect = (f"“{name}”户是本线索办结时列入“申请中”的,此后没有受理申请;"
                      f"重新打开后退回办结前的“{back}”。")
        elif stage is None:
            effect = f"“{name}”户目前未入库,重新打开不改变库别。"
        elif stage in (Stage.APPLYING, Stage.ASSISTED):
            effect = (f"“{name}”户目前在“{where}”,重新打开不改变库别;该户的库别随申请和救助的办理调整,"
                      f"线索重新办结时不能把该户调出“{where}”。")
        else:
            if last_by_clue:
                effect = f"“{name}”户目前在“{where}”(本线索办结时调入)"
            else:
                effect = f"“{name}”户目前在“{where}”"
            effect += (",重新打开不改变库别:库别关系到走访期限等其他工作,线索重新办结时按新的结果调整;"
                       "如该户不应留在此库,请在监测看板上调整库别。")
        if not refusal and since and clue.outcome == "passed":
            effect = f"办结后受理的{_applications_text(since[:3])}已结束,记录保留。" + effect
    else:
        effect = "本线索没有关联家庭,重新打开不涉及库别。"
    other = _other_open_clue(uow, clue)
    return ReopenPlan(
        clue_id=clue.id, version=clue.version, person_name=clue.person_name, outcome=clue.outcome,
        outcome_label=OUTCOME_LABELS.get(clue.outcome or "", ""), closed_on=clue.closed_on, returns_to=returns_to,
        returns_to_label=STATUS_LABELS[returns_to], refusal=refusal,
        household_id=household.id if household is not None else None,
        household_name=household.head_name if household is not None else "", stage=stage, to_stage=to_stage,
        effect=effect, other_open_clue_id=other)


def reopen_plan(db: Database, actor: Actor, clue_id: int) -> ReopenPlan:
    """What :func:`reopen_clue` would do, for the confirmation (``refusal`` says why it would not)."""
    with unit_of_work(db, actor) as uow:
        clue = uow.get(Clue, clue_id, "线索")
        _require_clue_scope(uow, clue)
        return _plan_reopen(uow, clue)


def reopen_clue(db: Database, actor: Actor, clue_id: int, *, reason: str,
                expected_version: int | None = None) -> ReopenPlan:
    """Reopen a clue closed by mistake or too early, with the reason (kept in the audit log).

    Whoever may close the clue in its region may reopen it. It goes back to the status it had when
    it was closed (investigating, or assigned/new if it was never investigated); its outcome and
    closing date are cleared, the closing and the reopening stay in its history (the audit log).
    The household's library class stays as it is (visits and other work rely on it; the next closing
    moves it), except 申请中 put there by this clue with no application behind it, which goes back
    to the stage before the closing. Refused while an application the clue led to (closed as
    "check passed") is being handled or assistance under it runs. Returns the plan carried out."""
    reason = reason.strip()
    if not reason:
        raise ValidationFailed("重新打开线索须写明理由(如办结有误、情况有变化)。", {"reason": "必填"})
    with unit_of_work(db, actor, write=True) as uow:
        clue = _locked_clue(uow, clue_id, expected_version)  # a second reopening waits, then finds it open
        household = uow.session.get(Household, clue.household_id) if clue.household_id is not None else None
        if household is not None and clue.outcome == "passed":
            uow.take_turns(ACCEPT_LOCK + household.id)  # no application accepted for the family meanwhile
        plan = _plan_reopen(uow, clue)
        if plan.refusal:
            raise ValidationFailed(plan.refusal)
        if household is not None and plan.moves_household:
            if not uow.in_scope(household.region_id):
                raise PermissionDenied(f"线索 #{clue.id} 未重新打开:“{household.head_name}”户不在您"
                                       f"({actor.region_name})的管辖范围内,不能调整该户库别;请报区级人员处理。")
            move_household(uow, household, plan.to_stage, date.today(), f"线索 #{clue.id} 重新打开:{reason}")
        before = snapshot(clue)
        clue.status = plan.returns_to
        clue.outcome = None
        clue.closed_on = None
        uow.touch(clue)
        uow.flush()
        uow.audit("clue.reopen", "clues", clue.id, before=before, after=snapshot(clue),
                  household_id=clue.household_id, detail=reason)
        uow.notify("clues", clue.id)
        return replace(plan, version=int(clue.version))


# -- export ----------------------------------------------------------------------------------------

EXPORT_HEADERS = ["线索编号", "状态", "发现日期", "姓名", "身份证号", "联系电话", "住址", "线索来源", "发现渠道",
                  "报告人", "发现的情况", "街道(镇)", "社区(村)", "分派时间", "办结结果", "办结日期", "导入批次"]
EXPORT_LIMIT = 1_000_000  # rows of one sheet (Excel takes 1,048,576 with the title and header)
EXPORT_WIDTHS = [9, 8, 11, 10, 20, 14, 36, 16, 10, 10, 40, 12, 14, 17, 22, 11, 9]


def describe_filter(flt: ClueFilter, region_names: Mapping[int, str] | None = None) -> str:
    """The filter in words, for the export's audit entry and its title line."""
    parts = []
    if flt.statuses:
        parts.append("状态:" + "、".join(STATUS_LABELS.get(s, s) for s in flt.statuses))
    if flt.source:
        parts.append("来源:" + source_label(flt.source_level or "", flt.source))
    elif flt.source_level:
        parts.append("来源:" + SOURCE_LEVEL_LABELS.get(flt.source_level, flt.source_level))
    if flt.unassigned_only:
        parts.append("区划:未分派")
    elif flt.region_id is not None:
        parts.append("区划:" + (region_names or {}).get(flt.region_id, str(flt.region_id)))
    if flt.date_from or flt.date_to:
        parts.append(f"发现日期:{flt.date_from or '最早'} 至 {flt.date_to or '今天'}")
    if flt.text.strip():
        parts.append(f"搜索:{flt.text.strip()}")
    return ";".join(parts) or "全部线索"


def log_list_view(db: Database, actor: Actor, flt: ClueFilter, rows: int) -> bool:
    """The inbox shows the ``rows`` clues under ``flt``: logged when their ID numbers are shown whole
    (:func:`log_full_id_list`)."""
    return log_full_id_list(db, actor, "clues", lambda s: describe_filter(flt, region_names(s, flt.region_id)), rows)


def export_clues(db: Database, actor: Actor, flt: ClueFilter, path: str | Path,
                 progress: Progress = NO_PROGRESS) -> int:
    """The clues the inbox shows under ``flt`` (newest first, ID numbers masked as on screen unless
    the role sees them whole) as an xlsx work list for the communities; the export is logged."""
    clauses = _filter_clauses(flt)
    scope = _scope_clause(actor)
    if scope is not None:
        clauses.append(scope)
    with unit_of_work(db, actor) as uow:
        total = uow.session.scalar(select(func.count()).select_from(Clue).where(*clauses)) or 0
        if total == 0:
            raise nothing_to_export("符合筛选条件的线索")
        if total > EXPORT_LIMIT:
            raise ValidationFailed(f"符合条件的线索有 {total:,} 条,超过一个工作表能容纳的 {EXPORT_LIMIT:,} 条;"
                                   "请加上状态、区划或日期条件,分几次导出。")
        regions = load_regions(uow.session, actor)
        described = describe_filter(flt, {rid: r[2] for rid, r in regions.by_id.items()})
        progress.report(0, total, f"正在导出 {total:,} 条线索…")
        found = uow.session.execute(
            select(Clue.id, Clue.status, Clue.reported_on, Clue.person_name, Clue.id_number, Clue.phone,
                   Clue.address, Clue.source_level, Clue.source, Clue.channel, Clue.reported_by, Clue.description,
                   Clue.region_id, Clue.assigned_at, Clue.outcome, Clue.closed_on, Clue.batch_id)
            .where(*clauses).order_by(Clue.id.desc()).execution_options(yield_per=2000))
        full = actor.sees_full_id

        def rows() -> Iterable[list[Any]]:
            for c in found:
                sub, community = regions.names(c.region_id) if c.region_id is not None else ("未分派", "")
                yield [c.id, STATUS_LABELS.get(c.status, c.status), c.reported_on, c.person_name,
                       (c.id_number or "") if full else idcard.mask(c.id_number), c.phone, c.address,
                       source_label(c.source_level, c.source), CHANNEL_LABELS.get(c.channel or "", ""),
                       c.reported_by, c.description, sub, community,
                       c.assigned_at.astimezone().strftime("%Y-%m-%d %H:%M") if c.assigned_at else "",
                       OUTCOME_LABELS.get(c.outcome or "", ""), c.closed_on, c.batch_id]

        def on_row(n: int) -> None:
            progress.report(n, total, f"正在导出:{n:,} / {total:,} 条")

        written = xlsx_stream.write_rows(path, EXPORT_HEADERS, rows(), sheet="线索",
                                         title=f"线索清单({described};{date.today():%Y-%m-%d} 导出)",
                                         text_columns=(4, 5), widths=EXPORT_WIDTHS, on_row=on_row,
                                         before_replace=progress.commit)  # the file is there: its export is logged
    progress.report(written, total, "正在记录导出日志…")
    name = export_place(path)
    log_access(db, actor, "clues.export", "clues", None,
               after={"rows": written, "file": name, "masked": not actor.sees_full_id},
               detail=f"导出线索 {written:,} 条;筛选条件:{described};文件:{name}")
    return written


def region_choices(db: Database, actor: Actor) -> list[tuple[int, str, int]]:
    """(id, name, depth) of the sub-districts and communities the actor may assign to, in tree order."""
    with unit_of_work(db, actor) as uow:
        query = select(Region.id, Region.name, Region.path, Region.level).order_by(Region.path)
        if actor.region_path:
            query = query.where(Region.path.like(actor.region_path + "%"))
        return [(rid, name, path.count("/") - 2) for rid, name, path, level in uow.session.execute(query)
                if level != "district"]


def source_choices(other_departments: Iterable[str] = ()) -> list[tuple[str, str, Iterable[tuple[str, str]]]]:
    """(level, level label, [(source, label)]) for the form's two combo boxes; the departments
    outside the nine that sent lists (department_import.other_departments) follow the nine."""
    others = [(name, name) for name in other_departments if name not in DEPARTMENT_LABELS]
    return [(level, label(SOURCE_LEVEL_LABELS, level),
             list(labels.items()) + (others if level == SourceLevel.DEPARTMENT else []))
            for level, labels in SOURCES_BY_LEVEL.items()]


__all__ = [
    "ClueClosing", "ClueCounts", "ClueReopening", "ClueFilter", "ClueInfo", "ClueInput", "CloseResult", "OUTCOMES", "OUTCOME_LABELS",
    "PersonMatch", "ReopenPlan", "STATUSES", "STATUS_LABELS", "add_clue", "assign_clues", "close_clue", "clue_closing",
    "clue_reopening", "count_clues", "find_open_clue", "get_clue", "list_clues", "reopen_clue", "reopen_plan", "search_people",
    "start_investigation", "update_clue",
]
