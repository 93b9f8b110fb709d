"""The monitoring board (监测预警库): columns, card moves, quarterly visits and the quarterly report.

Reads are set-based SQL with keyset paging (a column of 3,000 cards is read 200 at a time);
every call returns plain dataclasses. Rules of the loop live in :mod:`desktop.rules.monitoring`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.orm.exc import StaleDataError

from desktop.io.xlsx_writer import SheetSpec, write_workbook
from desktop.models import Application, AuditEntry, Household, LibraryMove, Referral, Region, User, Visit
from desktop.rules import idcard, spelling
from desktop.rules import monitoring as rules
from desktop.rules.codes import CATEGORY_LABELS, Category, RegionLevel, Stage
from desktop.rules.workdays import FIRST_YEAR, LAST_YEAR
from desktop.services.base import (
    Actor,
    UnitOfWork,
    exported_on,
    log_access,
    snapshot,
    too_early,
    unit_of_work,
)
from desktop.services.calendar import load_calendar
from desktop.services.database import Database
from desktop.services.errors import (
    UNKNOWN_SAVER,
    ConflictError,
    ConflictInfo,
    NotFound,
    ServiceError,
    ValidationFailed,
)
from desktop.services.files import export_place, nothing_to_export
from desktop.services.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from typing import TypeAlias

    AnySelect: TypeAlias = Select[*tuple[Any, ...]]

PAGE_SIZE = 200
VISIT_LOCK = 0x52454C56 << 32  # + household id ("RELV"): one visit of a household recorded at a time
MONITORED = sorted(rules.MONITORED_STAGES)
BOARD_STAGES = [s.value for s in rules.BOARD_ORDER]
OPEN_REFERRALS = sorted(rules.OPEN_REFERRAL_STATUSES)


# -- results -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Card:
    """One household as the board shows it. ID numbers on the board and in the visit list are
    always masked: the work there does not need them, and full numbers on screen are for the
    household detail (where viewing them is logged)."""

    id: int
    version: int
    stage: str
    head_name: str
    head_id_masked: str
    community: str
    category: str
    category_label: str
    last_visited_on: date | None
    days_since_visit: int | None
    visit_due: date | None
    overdue: bool
    open_referrals: int
    overdue_referrals: int
    stage_since: date | None
    exit_until: date | None = None  # a gradual exit (就业渐退) or a stop decided ahead runs to this day


@dataclass(frozen=True)
class BoardFilter:
    region_id: int | None = None  # a region and everything under it
    category: str | None = None
    overdue_only: bool = False
    search: str = ""


@dataclass(frozen=True)
class Column:
    stage: str
    label: str
    count: int
    cards: list[Card]
    has_more: bool


@dataclass(frozen=True)
class MoveResult:
    card: Card
    move_id: int
    from_stage: str
    to_stage: str


@dataclass(frozen=True)
class VisitInfo:
    id: int
    household_id: int
    visited_on: date
    visitors: str
    findings: str
    outcome: str
    outcome_label: str
    recorded_by: str
    last_visited_on: date | None
    next_visit_due: date | None


@dataclass(frozen=True)
class VisitDueRow:
    household_id: int
    head_name: str
    head_id_masked: str
    community: str
    stage: str
    stage_label: str
    category_label: str
    last_visited_on: date | None
    visit_due: date | None
    visited_this_quarter: bool
    overdue: bool
    region_path: str = ""  # the community's, the list's order (and its keyset, with the id)
    subdistrict: str = ""  # the community's parent (街道(镇)), as in the exported visit list


@dataclass(frozen=True)
class HouseholdSummary:
    id: int
    version: int
    head_name: str
    head_id_masked: str
    community: str
    address: str
    phone: str
    stage: str | None
    stage_label: str
    category_label: str
    last_visited_on: date | None
    visit_due: date | None
    overdue: bool
    known_since: date | None = None  # no visit can be dated before it (see known_since())


@dataclass(frozen=True)
class QuarterRow:
    region_id: int
    subdistrict: str
    community: str
    due: int
    done: int
    missing: int
    visits: int
    moves: int
    referrals_opened: int
    referrals_closed: int


@dataclass
class QuarterlyReport:
    year: int
    quarter: int
    start: date
    end: date
    rows: list[QuarterRow] = field(default_factory=list)
    # The day it was made, for a quarter not yet over: its "not visited" households still have until
    # the quarter's end, so the report is progress so far, not the quarter's figures. None once over.
    as_of: date | None = None

    @property
    def finished(self) -> bool:
        return self.as_of is None

    @property
    def title(self) -> str:
        title = f"监测预警季度上报 {rules.quarter_label(self.year, self.quarter)}({self.start} 至 {self.end})"
        if self.as_of is not None:
            title += f" 截至 {self.as_of} 的进度(季度未结束,未访户数不是最终结果)"
        return title

    def interim_note(self) -> str:
        """What a user must be told of a report of a quarter not yet over ("" once it is over)."""
        if self.as_of is None:
            return ""
        return (f"{rules.quarter_label(self.year, self.quarter)}到 {self.end} 才结束:这是截至 {self.as_of} 的进度,"
                "未访家庭在季度结束前仍可走访。正式上报请在季度结束后重新导出。")

    def total(self) -> QuarterRow:
        def s(attr: str) -> int:
            return sum(getattr(r, attr) for r in self.rows)
        return QuarterRow(0, "合计", "", s("due"), s("done"), s("missing"), s("visits"), s("moves"),
                          s("referrals_opened"), s("referrals_closed"))


class MoveRefused(ServiceError):
    """A move the loop forbids; ``rule`` names it."""

    def __init__(self, check: rules.MoveCheck) -> None:
        super().__init__(check.message)
        self.rule = check.rule


# What the conflict dialog of a move compares: the household as this workstation read it and now.
CONFLICT_FIELDS: tuple[tuple[str, str], ...] = (
    ("stage", "库别"), ("head_name", "户主"), ("member_count", "家庭人数"), ("category", "救助类别"),
    ("address", "地址"), ("phone", "联系电话"), ("last_visited_on", "最近走访"), ("note", "备注"))


def conflict_values(values: dict[str, Any]) -> dict[str, str]:
    """A household's snapshot (as audited) as the conflict dialog shows it: labels, not codes."""
    shown: dict[str, str] = {}
    for key, _label in CONFLICT_FIELDS:
        value = values.get(key)
        if key == "stage":
            shown[key] = rules.stage_label(value) if value else "不在看板上"
        elif key == "category":
            shown[key] = CATEGORY_LABELS.get(value, value or "")  # type: ignore[call-overload]
        else:
            shown[key] = "" if value is None else str(value)
    return shown


class MoveConflict(ConflictError):
    """Somebody moved or changed the card first; ``card`` is where it is now (None if gone).
    ``now`` is the household as saved now and ``then`` as this workstation read it (the audit
    entry of the save that followed that version; None when the log does not hold it), both as
    :func:`conflict_values` gives them."""

    def __init__(self, info: ConflictInfo, card: Card | None, then: dict[str, str] | None = None) -> None:
        super().__init__(info)
        self.now = conflict_values(info.current) if info.current else {}
        self.then = then
        when = info.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if info.saved_at else "刚才"
        where = rules.stage_label(card.stage) if card is not None else "不在看板上"
        name = card.head_name if card is not None else f"编号 {info.entity_id}"
        self.message = (f"{info.saved_by} 已于 {when} 先调整或修改了“{name}”户,它现在在“{where}”。"
                        "您的调整没有保存;看板已显示它现在的位置,如仍需调整请重新拖动。")
        self.args = (self.message,)
        self.card = card


# -- shared SQL pieces ---------------------------------------------------------------------------

def _today(today: date | None) -> date:
    return today or date.today()


def _overdue_sql(today: date) -> ColumnElement[bool]:
    """SQL twin of rules.is_overdue (dates computed here, no database date functions)."""
    year, quarter = rules.quarter_of(today)
    qstart = rules.quarter_start(year, quarter)
    prev_start = rules.quarter_start(*rules.previous_quarter(year, quarter))
    h = Household
    return and_(
        h.stage.in_(MONITORED),
        or_(
            and_(h.next_visit_due.is_not(None), h.next_visit_due < today),
            and_(h.next_visit_due.is_(None), h.last_visited_on.is_not(None), h.last_visited_on < prev_start),
            and_(h.next_visit_due.is_(None), h.last_visited_on.is_(None), h.stage_since.is_not(None),
                 h.stage_since < qstart),
        ),
    )


def _not_visited_this_quarter_sql(today: date) -> ColumnElement[bool]:
    """Not visited from the quarter's first day up to ``today``: by the last visit (indexed) for today,
    by the visits themselves for an earlier day (--as-of: a visit made since is not yet done then)."""
    qstart = rules.quarter_start(*rules.quarter_of(today))
    if today < date.today():
        last = Household.last_visited_on
        return and_(Household.stage.in_(MONITORED), or_(last.is_(None), last < qstart, last > today),
                    ~_visited_in(qstart, today))
    return and_(Household.stage.in_(MONITORED),
                or_(Household.last_visited_on.is_(None), Household.last_visited_on < qstart))


def _region_path(uow: UnitOfWork, region_id: int) -> str:
    path = uow.session.scalar(select(Region.path).where(Region.id == region_id))
    if path is None:
        raise NotFound(f"找不到地区(编号 {region_id})。")
    return path


def _search_sql(text: str) -> ColumnElement[bool] | None:
    text = text.strip()
    if not text:
        return None
    compact = re.sub(r"[\s\-]", "", text).upper()  # "138-0714" and "138 0714" are a phone's first digits
    if compact and all(ch.isdigit() or ch == "X" for ch in compact):
        return or_(Household.head_id_reversed.startswith(compact[::-1], autoescape=True),
                   Household.phone.startswith(spelling.phone_prefix(compact), autoescape=True),  # 0714-…
                   Household.code == compact)
    return or_(Household.head_name.contains(spelling.person_name(text, prefix=True), autoescape=True),
               Household.code == text)


def _filtered(uow: UnitOfWork, query: AnySelect, flt: BoardFilter, today: date) -> AnySelect:
    """Scope (the actor's region subtree), then the user's filters. ``query`` joins Region."""
    if uow.actor.region_path:
        query = query.where(Region.path.startswith(uow.actor.region_path))
    if flt.region_id is not None:
        query = query.where(Region.path.startswith(_region_path(uow, flt.region_id)))
    if flt.category:
        query = query.where(Household.category == flt.category)
    if flt.overdue_only:
        query = query.where(_overdue_sql(today))
    cond = _search_sql(flt.search)
    if cond is not None:
        query = query.where(cond)
    return query


def _card_query(db: Database, today: date) -> AnySelect:
    """The card's columns; its referrals overdue as the referral list counts them (a due day off runs
    to the next working day: :func:`rules.referral_overdue_cutoff`)."""
    cutoff = rules.referral_overdue_cutoff(today, load_calendar(db))
    h = Household
    open_refs = (select(func.count()).select_from(Referral)
                 .where(Referral.household_id == h.id, Referral.status.in_(OPEN_REFERRALS))
                 .correlate(h).scalar_subquery())
    late_refs = (select(func.count()).select_from(Referral)
                 .where(Referral.household_id == h.id, Referral.status.in_(OPEN_REFERRALS),
                        Referral.due_on <= cutoff)
                 .correlate(h).scalar_subquery())
    exit_until = (select(func.max(Application.stopped_on))
                  .where(Application.household_id == h.id, Application.exit_stage.is_not(None))
                  .correlate(h).scalar_subquery())
    return (select(h.id, h.version, h.stage, h.head_name, h.head_id_number, h.category, h.last_visited_on,
                   h.next_visit_due, h.stage_since, Region.name, open_refs, late_refs, exit_until)
            .join(Region, Region.id == h.region_id))


def _as_date(value: Any) -> date | None:
    """A date from a scalar subquery (SQLite gives the text of a date there)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _card(row: Any, today: date, full_id: bool = False) -> Card:
    (hid, version, stage, head_name, id_number, category, last_visit, stored_due, since, community,
     open_refs, late_refs, exit_until) = row
    due = rules.effective_due(stage, last_visit, stored_due, since, today)
    return Card(
        id=hid, version=version, stage=stage or "", head_name=head_name or "",
        head_id_masked=(id_number or "") if full_id else idcard.mask(id_number),
        community=community, category=category or Category.NONE,
        category_label=CATEGORY_LABELS.get(category, category or ""),  # type: ignore[call-overload]
        last_visited_on=last_visit, days_since_visit=rules.days_since(last_visit, today),
        visit_due=due, overdue=due is not None and due < today,
        open_referrals=int(open_refs or 0), overdue_referrals=int(late_refs or 0), stage_since=since,
        exit_until=_as_date(exit_until),
    )


# -- the board -----------------------------------------------------------------------------------

def column_counts(db: Database, actor: Actor, flt: BoardFilter = BoardFilter(), *,  # noqa: B008
                  today: date | None = None) -> dict[str, int]:
    """Cards per column under the filter (every board column present, zero when empty)."""
    day = _today(today)
    with unit_of_work(db, actor) as uow:
        query = (select(Household.stage, func.count()).join(Region, Region.id == Household.region_id)
                 .where(Household.stage.in_(BOARD_STAGES)).group_by(Household.stage))
        query = _filtered(uow, query, flt, day)
        found = {stage: int(n) for stage, n in uow.session.execute(query)}
    return {stage: found.get(stage, 0) for stage in BOARD_STAGES}


def column_page(db: Database, actor: Actor, stage: str, flt: BoardFilter = BoardFilter(), *,  # noqa: B008
                after_id: int | None = None, upto_id: int | None = None, limit: int | None = PAGE_SIZE,
                today: date | None = None) -> list[Card]:
    """Cards of one column in id order: those after ``after_id`` (keyset paging), at most
    ``limit``; with ``upto_id`` only ids up to it (to refresh what a view has loaded)."""
    if stage not in BOARD_STAGES:
        raise ValidationFailed(f"未知的库别:{stage}")
    day = _today(today)
    with unit_of_work(db, actor) as uow:
        query = _filtered(uow, _card_query(db, day).where(Household.stage == stage), flt, day)
        if after_id is not None:
            query = query.where(Household.id > after_id)
        if upto_id is not None:
            query = query.where(Household.id <= upto_id)
        query = query.order_by(Household.id)
        if limit is not None:
            query = query.limit(limit)
        rows = uow.session.execute(query).all()
    return [_card(row, day) for row in rows]


def open_board(db: Database, actor: Actor, flt: BoardFilter = BoardFilter(), *,  # noqa: B008
               page_size: int = PAGE_SIZE, today: date | None = None) -> list[Column]:
    """Counts and the first page of every column."""
    counts = column_counts(db, actor, flt, today=today)
    columns = []
    for stage in BOARD_STAGES:
        cards = column_page(db, actor, stage, flt, limit=page_size, today=today) if counts[stage] else []
        columns.append(Column(stage, rules.stage_label(stage), counts[stage], cards, counts[stage] > len(cards)))
    return columns


def cards_by_id(db: Database, actor: Actor, ids: Sequence[int], *, today: date | None = None) -> list[Card]:
    """The current cards of some households (those outside the actor's scope are left out)."""
    if not ids:
        return []
    day = _today(today)
    with unit_of_work(db, actor) as uow:
        query = _filtered(uow, _card_query(db, day).where(Household.id.in_(list(ids))), BoardFilter(), day)
        rows = uow.session.execute(query.order_by(Household.id)).all()
    return [_card(row, day) for row in rows]


def _as_read(uow: UnitOfWork, household_id: int, version: int | None) -> dict[str, str] | None:
    """The household as it was at ``version``: the 'before' of the first audited save after it."""
    if version is None:
        return None
    befores = uow.session.scalars(
        select(AuditEntry.before).where(AuditEntry.household_id == household_id,
                                        AuditEntry.entity.in_(("household", "households")))
        .order_by(AuditEntry.id.desc()).limit(200))
    for before in befores:
        if isinstance(before, dict) and before.get("version") == version:
            return conflict_values(before)
    return None


def _conflict(uow: UnitOfWork, household: Household | None, household_id: int,
              version: int | None = None) -> MoveConflict:
    if household is None:
        return MoveConflict(ConflictInfo("家庭", household_id, UNKNOWN_SAVER, None), None)
    info = uow._conflict_info(household, "家庭")
    today = date.today()
    row = uow.session.execute(_card_query(uow.db, today).where(Household.id == household.id)).first()
    card = _card(row, today) if row is not None else None
    return MoveConflict(info, card, _as_read(uow, household.id, version))


def _refuse_leaving_an_open_application(uow: UnitOfWork, household: Household, to_stage: str) -> None:
    """申请中 is left when the application ends (rule ``applying_exit``): a household whose application is
    still being handled is not moved off 申请中 on the board (the application would run on, and its
    decision move the family again); the application is decided or withdrawn instead."""
    if household.stage != Stage.APPLYING or to_stage == household.stage:
        return
    open_id = uow.session.scalar(select(Application.id).where(
        Application.household_id == household.id, Application.status == "open").limit(1))
    if open_id is None:
        return
    rule = rules.RULES["applying_exit"]
    raise MoveRefused(rules.MoveCheck(False, rules.MoveRule(
        rule.code, rule.name, f"该家庭的申请(编号 {open_id})仍在办理中,不能在看板上移出“申请中”;"
        "请在“申请”中作出决定,或在申请人撤回时办理“撤回申请”。")))


def _reason(reason: str | None, doing: str, missing: str) -> str:
    """The written reason of a move or a withdrawal (``doing``: 调整/撤销), refused when empty or too long."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(missing, {"reason": f"{doing}原因不能为空。"})
    if len(reason) > 2000:
        raise ValidationFailed(f"{doing}原因太长(最多 2000 字)。", {"reason": "最多 2000 字。"})
    return reason


def move_card(db: Database, actor: Actor, household_id: int, to_stage: str, reason: str, *,
              expected_version: int | None, today: date | None = None) -> MoveResult:
    """Move a household to another board column (库别调整), with the reason.

    Refused with :class:`MoveRefused` (naming the rule) when the loop forbids it, and with
    :class:`MoveConflict` when the household changed since the card was read."""
    day = _today(today)
    reason = _reason(reason, "调整", "请填写调整原因。")
    with unit_of_work(db, actor, write=True) as uow:
        household = uow.session.get(Household, household_id)
        if household is None:
            raise NotFound(f"找不到该家庭(编号 {household_id}),可能已被删除。")
        uow.require_scope(household.region_id, "该家庭")
        if expected_version is not None and household.version != expected_version:
            raise _conflict(uow, household, household_id, expected_version)
        check = rules.check_move(household.stage, to_stage)
        if not check.allowed:
            raise MoveRefused(check)
        _refuse_leaving_an_open_application(uow, household, to_stage)
        from_stage = household.stage or ""
        try:
            newer = move_household(uow, household, to_stage, day, reason)
        except StaleDataError:
            # Someone else's save reached the row first (both read the same version).
            uow.session.rollback()
            raise _conflict(uow, uow.session.get(Household, household_id), household_id,
                            expected_version) from None
        if newer is not None:  # a workstation whose clock is behind another's
            raise ValidationFailed(f"{newer.words()},晚于调整日期 {day};请核对本机的日期。")
        move_id = uow.session.scalar(select(func.max(LibraryMove.id)).where(LibraryMove.household_id == household_id))
    cards = cards_by_id(db, actor, [household_id], today=day)
    return MoveResult(cards[0], int(move_id), from_stage, to_stage)


@dataclass(frozen=True)
class MoveInfo:
    id: int
    moved_on: date
    from_label: str
    to_label: str
    reason: str
    moved_by: str
    created_at: datetime


def household_moves(db: Database, actor: Actor, household_id: int) -> list[MoveInfo]:
    with unit_of_work(db, actor) as uow:
        household = uow.get(Household, household_id, "家庭")
        uow.require_scope(household.region_id, "该家庭")
        rows = uow.session.execute(
            select(LibraryMove, User.display_name).outerjoin(User, User.id == LibraryMove.created_by_id)
            .where(LibraryMove.household_id == household_id).order_by(LibraryMove.id.desc())).all()
        return [MoveInfo(m.id, m.moved_on, rules.stage_label(m.from_stage), rules.stage_label(m.to_stage),
                         m.reason, name or "系统", m.created_at) for m, name in rows]


def household_summary(db: Database, actor: Actor, household_id: int, *,
                      today: date | None = None) -> HouseholdSummary:
    day = _today(today)
    with unit_of_work(db, actor) as uow:
        h = uow.get(Household, household_id, "家庭")
        uow.require_scope(h.region_id, "该家庭")
        community = uow.session.scalar(select(Region.name).where(Region.id == h.region_id)) or ""
        due = rules.effective_due(h.stage, h.last_visited_on, h.next_visit_due, h.stage_since, day)
        return HouseholdSummary(
            h.id, h.version, h.head_name, idcard.mask(h.head_id_number), community, h.address, h.phone, h.stage,
            rules.stage_label(h.stage), CATEGORY_LABELS.get(h.category, h.category),  # type: ignore[call-overload]
            h.last_visited_on, due, due is not None and due < day, known_since(h))


@dataclass(frozen=True)
class NewerMove:
    """A household's last board move (库别调整), dated after a record being saved."""

    moved_on: date
    stage: str | None  # where it was moved (None: out of the library)
    moved_by: str  # the user who moved it ("" when no move of that day is recorded)

    def words(self) -> str:
        """"该户在 2026-05-20 已由 张三 调整为 二类库"."""
        who = f"由 {self.moved_by} " if self.moved_by else ""
        where = f"调整为 {rules.stage_label(self.stage)}" if self.stage else "移出监测库"
        return f"该户在 {self.moved_on.isoformat()} 已{who}{where}"


def newer_move(uow: UnitOfWork, household: Household, on: date) -> NewerMove | None:
    """The household's last board move when it is dated after ``on`` (None when it is not, or there is
    none). An assessment or application dated ``on`` (a paper record entered late) is saved, but does
    not move the household back past that move: the board, the household's history and the monitoring
    moves stay in time order. (Closing a clue dated before it is refused: services.clues.)"""
    since = household.stage_since
    if since is None or on >= since:
        return None
    row = uow.session.execute(
        select(LibraryMove.moved_on, LibraryMove.created_by_id, User.display_name)
        .outerjoin(User, User.id == LibraryMove.created_by_id).where(LibraryMove.household_id == household.id)
        .order_by(LibraryMove.moved_on.desc(), LibraryMove.id.desc()).limit(1)).first()
    who = ""
    if row is not None and row.moved_on == since:
        who = row.display_name or "系统"
    return NewerMove(since, household.stage, who)


def move_household(uow: UnitOfWork, household: Household, to_stage: str | None, on: date, reason: str, *,
                   category: str | None = None, guard: bool = True) -> NewerMove | None:
    """Every move of a household (board, clue, application, assessment): its stage (and ``category``, when
    given), the library move with ``reason``, the audit entry. With ``guard``, a record dated before the
    last move (:func:`newer_move`) writes nothing and that move is returned, for the caller to tell."""
    category = household.category if category is None else category
    from_stage = household.stage
    if (to_stage, category) == (from_stage, household.category):
        return None
    if (newer := newer_move(uow, household, on)) is not None:
        if guard:
            return newer
        # a fact that moves the household whatever was moved since (a decision entered late): recorded
        # after that move, from where it put the household, so that the moves stay in time order (dated
        # before it, the move read "待核对 → 一类库" on a day the household was in 一类库, and the stage
        # at a quarter's end was read wrong)
        reason = f"{reason}(办理日期 {on.isoformat()},记在 {newer.moved_on.isoformat()} 的库别调整之后)"
        on = newer.moved_on
    before = snapshot(household)
    if to_stage != from_stage:
        household.next_visit_due = rules.due_after_move(from_stage, to_stage, household.last_visited_on,
                                                        household.next_visit_due, household.stage_since, on)
        household.stage = to_stage
        household.stage_since = on
        uow.add(LibraryMove(household_id=household.id, from_stage=from_stage, to_stage=to_stage, moved_on=on,
                            reason=reason))
        uow.notify("board", household.id)
    household.category = category
    uow.touch(household)
    uow.session.flush()  # the version the audit entry shows (a StaleDataError: the caller's conflict)
    uow.audit("library_move" if to_stage != from_stage else "household_update", "household", household.id,
              before=before, after=snapshot(household), household_id=household.id,
              detail=f"{rules.stage_label(from_stage)} → {rules.stage_label(to_stage)}:{reason}")
    uow.notify("households", household.id)
    return None


# -- visits --------------------------------------------------------------------------------------

def known_since(household: Household) -> date | None:
    """The first day the office knew of a household: its first clue (``discovered_on``), or an
    earlier day it was already in the library or visited. None without a clue (no bound known)."""
    if household.discovered_on is None:
        return None
    return min(d for d in (household.discovered_on, household.stage_since, household.last_visited_on)
               if d is not None)


def record_visit(db: Database, actor: Actor, household_id: int, *, visited_on: date, visitors: str,
                 findings: str, outcome: str = "unchanged", today: date | None = None) -> VisitInfo:
    """Record a visit (走访) and move the household's next due date (one visit per quarter)."""
    day = _today(today)
    problems: dict[str, str] = {}
    visitors = (visitors or "").strip()
    findings = (findings or "").strip()
    if message := too_early(visited_on, "走访日期"):
        problems["visited_on"] = message + "。"
    elif visited_on > day:
        problems["visited_on"] = f"走访日期 {visited_on} 晚于今天,不能登记未来的走访。"
    if not visitors:
        problems["visitors"] = "请填写走访人员。"
    elif len(visitors) > 128:
        problems["visitors"] = "走访人员最多 128 个字。"
    if not findings:
        problems["findings"] = "请填写走访发现的情况(无变化也请写明)。"
    if outcome not in rules.VISIT_OUTCOMES:
        problems["outcome"] = f"未知的走访结论:{outcome}"
    if problems:
        raise ValidationFailed("走访记录未保存:" + ";".join(problems.values()), problems)
    with unit_of_work(db, actor, write=True) as uow:
        # A visit adds a record and moves the due date from the household as it is: two workstations
        # recording visits of one household at once take turns, the second reading the first's result
        # (both read it first, and the second save was refused as a conflict, its visit lost). The row
        # is locked too (PostgreSQL), so a card move saved meanwhile is waited for, not overwritten.
        uow.take_turns(VISIT_LOCK + household_id)
        household = uow.session.get(Household, household_id, with_for_update=True)
        if household is None:
            raise NotFound(f"找不到家庭(编号 {household_id}),可能已被删除。")
        uow.require_scope(household.region_id, "该家庭")
        known = known_since(household)
        if known is not None and visited_on < known:
            message = f"走访日期 {visited_on} 早于该家庭被发现的日期 {known},请核对走访日期。"
            raise ValidationFailed("走访记录未保存:" + message, {"visited_on": message})
        visit = uow.add(Visit(household_id=household.id, visited_on=visited_on, visitors=visitors,
                              findings=findings, outcome=outcome))
        household.next_visit_due = rules.due_after_visit(household.stage, household.last_visited_on,
                                                         household.next_visit_due, household.stage_since,
                                                         visited_on, day)
        if household.last_visited_on is None or visited_on > household.last_visited_on:
            household.last_visited_on = visited_on
        uow.touch(household)
        uow.flush()
        uow.audit("record_visit", "visit", visit.id, after=snapshot(visit), household_id=household.id,
                  detail=f"走访 {visited_on}:{rules.VISIT_OUTCOMES[outcome]}")
        uow.notify("visits", household.id)
        uow.notify("board", household.id)
        return VisitInfo(visit.id, household.id, visited_on, visitors, findings, outcome,
                         rules.VISIT_OUTCOMES[outcome], actor.display_name, household.last_visited_on,
                         household.next_visit_due)


def withdraw_visit(db: Database, actor: Actor, visit_id: int, *, reason: str, expected_version: int | None = None,
                   today: date | None = None) -> VisitInfo:
    """Withdraw a visit recorded in error (for the wrong household, or a visit that did not happen):
    the record is deleted, with the reason and the visit as it was in the audit log, and the household's
    last visit and due date become what its other visits give (a withdrawn visit of this quarter makes
    the household due again, overdue when its quarter is over). A correction is a withdrawal and the
    visit recorded again for the right household or day. Returns the withdrawn visit with the
    household's last visit and due date after it."""
    day = _today(today)
    reason = _reason(reason, "撤销", "请填写撤销这次走访记录的原因(例如“误录为其他家庭”)。")
    with unit_of_work(db, actor, write=True) as uow:
        visit = uow.get(Visit, visit_id, "走访记录")
        uow.take_turns(VISIT_LOCK + visit.household_id)
        household = uow.session.get(Household, visit.household_id, with_for_update=True)
        assert household is not None  # the visit's foreign key
        uow.require_scope(household.region_id, "该家庭")
        uow.check_version(visit, expected_version, "走访记录")
        before = snapshot(visit)
        withdrawn = VisitInfo(visit.id, household.id, visit.visited_on, visit.visitors, visit.findings, visit.outcome,
                              rules.VISIT_OUTCOMES.get(visit.outcome, visit.outcome), actor.display_name, None, None)
        uow.session.delete(visit)
        uow.flush()
        latest = uow.session.scalar(select(func.max(Visit.visited_on)).where(Visit.household_id == household.id))
        if latest is None or latest < withdrawn.visited_on:  # it was the last visit: the due date goes back
            household.last_visited_on = latest
            if rules.needs_visits(household.stage):
                household.next_visit_due = rules.due_from_visits(household.stage, _entered_library(uow, household),
                                                                 latest, day)
        uow.touch(household)
        uow.flush()
        uow.audit("withdraw_visit", "visit", withdrawn.id, before=before, household_id=household.id,
                  detail=f"撤销走访记录 {withdrawn.visited_on}:{reason}")
        uow.notify("visits", household.id)
        uow.notify("board", household.id)
        uow.notify("households", household.id)
        return VisitInfo(withdrawn.id, household.id, withdrawn.visited_on, withdrawn.visitors, withdrawn.findings,
                         withdrawn.outcome, withdrawn.outcome_label, withdrawn.recorded_by,
                         household.last_visited_on, household.next_visit_due)


def _entered_library(uow: UnitOfWork, household: Household) -> date | None:
    """The day a household now in 一类库/二类库/救助中 entered them from outside (its last such move; the
    first recorded move when none came from outside; else the day it entered its stage)."""
    moves = LibraryMove.household_id == household.id
    entered = uow.session.scalar(
        select(func.max(LibraryMove.moved_on)).where(
            moves, LibraryMove.to_stage.in_(MONITORED),
            or_(LibraryMove.from_stage.is_(None), LibraryMove.from_stage.not_in(MONITORED))))
    return entered or uow.session.scalar(select(func.min(LibraryMove.moved_on)).where(moves)) or household.stage_since


def last_visitors(db: Database, actor: Actor) -> str:
    """Who went on the visit this user recorded last ("" before their first): a community worker
    records the day's visits one after another, mostly with the same colleagues, so the visit form
    starts with these names instead of asking for them again on every household."""
    if actor.user_id is None:
        return ""
    with unit_of_work(db, actor) as uow:
        visitors = uow.session.execute(
            select(Visit.visitors).where(Visit.created_by_id == actor.user_id).order_by(Visit.id.desc()).limit(1)
        ).scalar()
        return visitors or ""


def household_visits(db: Database, actor: Actor, household_id: int) -> list[VisitInfo]:
    with unit_of_work(db, actor) as uow:
        h = uow.get(Household, household_id, "家庭")
        uow.require_scope(h.region_id, "该家庭")
        rows = uow.session.execute(
            select(Visit, User.display_name).outerjoin(User, User.id == Visit.created_by_id)
            .where(Visit.household_id == household_id).order_by(Visit.visited_on.desc(), Visit.id.desc())).all()
        return [VisitInfo(v.id, v.household_id, v.visited_on, v.visitors, v.findings, v.outcome,
                          rules.VISIT_OUTCOMES.get(v.outcome, v.outcome), name or "系统", h.last_visited_on,
                          h.next_visit_due) for v, name in rows]


VISIT_STATES = ("due", "overdue", "all")


def _visits_query(uow: UnitOfWork, state: str, region_id: int | None, search: str, day: date,
                  *columns: Any) -> AnySelect:
    """Monitored households of the visit list (the columns asked for), unordered."""
    if state not in VISIT_STATES:
        raise ValidationFailed(f"未知的筛选:{state}")
    h = Household
    query = select(*columns).join(Region, Region.id == h.region_id).where(h.stage.in_(MONITORED))
    query = _filtered(uow, query, BoardFilter(region_id=region_id, overdue_only=state == "overdue", search=search),
                      day)
    if state == "due":
        query = query.where(_not_visited_this_quarter_sql(day))
    return query


def visit_due_page(db: Database, actor: Actor, *, state: str = "due", region_id: int | None = None,
                   search: str = "", after: tuple[str, int] | None = None, limit: int | None = PAGE_SIZE,
                   today: date | None = None) -> list[VisitDueRow]:
    """Monitored households for the visit list: ``due`` = not yet visited this quarter,
    ``overdue`` = past their due date, ``all`` = every monitored household. In the exported visit
    list's order (:func:`export_visit_list`): by sub-district and community (the region's path, the
    tree's order), then household id. Keyset: ``after`` is the last row's (region_path, household_id)."""
    day = _today(today)
    qstart = rules.quarter_start(*rules.quarter_of(day))
    h = Household
    parent = aliased(Region)
    with unit_of_work(db, actor) as uow:
        query = _visits_query(uow, state, region_id, search, day, h.id, h.head_name, h.head_id_number, Region.name,
                              h.stage, h.category, h.last_visited_on, h.next_visit_due, h.stage_since, Region.path,
                              parent.name).outerjoin(parent, parent.id == Region.parent_id)
        query = query.order_by(Region.path, h.id)
        if after is not None:
            path, hid = after
            query = query.where(or_(Region.path > path, and_(Region.path == path, h.id > hid)))
        if limit is not None:
            query = query.limit(limit)
        rows = uow.session.execute(query).all()
    out = []
    for hid, name, number, community, stage, category, last, stored_due, since, path, sub in rows:
        due = rules.effective_due(stage, last, stored_due, since, day)
        out.append(VisitDueRow(
            hid, name, idcard.mask(number), community, stage or "",
            rules.stage_label(stage), CATEGORY_LABELS.get(category, category),  # type: ignore[call-overload]
            last, due, last is not None and qstart <= last <= day, due is not None and due < day, path, sub or ""))
    return out


VISIT_LIST_HEADERS = ["街道(镇)", "社区(村)", "户编号", "户主", "身份证号", "联系电话", "住址", "库别", "救助类别",
                      "最近走访", "应访日期", "逾期", "走访记录(手写)"]
VISIT_STATE_LABELS = {"due": "本季度未走访", "overdue": "已逾期", "all": "全部监测家庭"}


def export_visit_list(db: Database, actor: Actor, path: str | Path, *, state: str = "due",
                      region_id: int | None = None, search: str = "", progress: Progress = NO_PROGRESS,
                      today: date | None = None) -> int:
    """The visit list as the community takes it out on its rounds (走访名单): each household with its
    address and phone, its library, when it was last visited and is due, and room to write the visit
    down. ID numbers as the user's role sees them; the export is logged."""
    day = _today(today)
    h = Household
    parent = aliased(Region)
    with unit_of_work(db, actor) as uow:
        query = _visits_query(uow, state, region_id, search, day, parent.name, Region.name, h.code, h.head_name,
                              h.head_id_number, h.phone, h.address, h.stage, h.category, h.last_visited_on,
                              h.next_visit_due, h.stage_since).outerjoin(parent, parent.id == Region.parent_id)
        total = uow.session.scalar(select(func.count()).select_from(query.subquery())) or 0
        if total == 0:
            raise nothing_to_export(f"符合条件的家庭({VISIT_STATE_LABELS[state]})")
        region_name = uow.session.scalar(select(Region.name).where(Region.id == region_id)) if region_id else None
        full = actor.sees_full_id

        def rows() -> Iterator[list[Any]]:
            for sub, com, code, name, number, phone, address, stage, category, last, stored, since in \
                    uow.session.execute(query.order_by(Region.path, h.id)  # by community
                                        .execution_options(yield_per=2000)):
                due = rules.effective_due(stage, last, stored, since, day)
                yield [sub or "", com, code, name, number if full else idcard.mask(number), phone, address,
                       rules.stage_label(stage), CATEGORY_LABELS.get(category, category),  # type: ignore[call-overload]
                       last, due, "逾期" if due is not None and due < day else "", ""]

        year, quarter = rules.quarter_of(day)
        title = (f"走访名单 {rules.quarter_label(year, quarter)} · {VISIT_STATE_LABELS[state]}"
                 f"{' · ' + region_name if region_name else ''}{' · 搜索:' + search.strip() if search.strip() else ''}"
                 f"({exported_on(day)},共 {total:,} 户)")
        written = write_workbook(path, [SheetSpec("走访名单", VISIT_LIST_HEADERS, rows(), title=title,
                                                  widths=[12, 14, 10, 10, 20, 14, 30, 9, 11, 11, 11, 6, 30],
                                                  text_columns=[2, 4, 5])],
                                 on_row=lambda n: progress.report(n, total, f"正在导出:{n:,} / {total:,} 户"))
    name = export_place(path)
    log_access(db, actor, "visit_list.export", "export", None,
               after={"rows": written, "file": name, "masked": not actor.sees_full_id},
               detail=f"导出走访名单 {written:,} 户({title};{actor.id_words})→ {name}")
    return written


def visit_counts(db: Database, actor: Actor, *, region_id: int | None = None, flt: BoardFilter | None = None,
                 today: date | None = None) -> dict[str, int]:
    """How many monitored households, not yet visited this quarter, overdue: in a region, or under
    the board's whole filter (``flt``; the board searched for one name said "0 households on the
    board · 3,428 need quarterly visits", the district's figure)."""
    day = _today(today)
    h = Household
    with unit_of_work(db, actor) as uow:
        query = (select(func.count(),
                        func.sum(case((_not_visited_this_quarter_sql(day), 1), else_=0)),
                        func.sum(case((_overdue_sql(day), 1), else_=0)))
                 .select_from(h).join(Region, Region.id == h.region_id).where(h.stage.in_(MONITORED)))
        query = _filtered(uow, query, flt if flt is not None else BoardFilter(region_id=region_id), day)
        total, due, overdue = uow.session.execute(query).one()
    return {"all": int(total or 0), "due": int(due or 0), "overdue": int(overdue or 0)}


# -- quarterly report (一季度一上报) ---------------------------------------------------------------

def stage_at_sql(end: date) -> ColumnElement[Any]:
    """The board stage a household had at the end of ``end`` (from the move history)."""
    h = Household
    later = LibraryMove.household_id == h.id
    first_after = (select(LibraryMove.from_stage).where(later, LibraryMove.moved_on > end)
                   .order_by(LibraryMove.moved_on, LibraryMove.id).limit(1).correlate(h).scalar_subquery())
    moved_after = exists().where(later, LibraryMove.moved_on > end).correlate(h)
    # No move since: the current stage, unless the household entered it after ``end``
    # (placed by another service without a recorded move).
    return case((moved_after, first_after),
                (or_(h.stage_since.is_(None), h.stage_since <= end), h.stage), else_=None)


def monitored_at(end: date, today: date | None = None) -> tuple[ColumnElement[Any], list[ColumnElement[bool]]]:
    """The stage households had at the end of ``end`` and the conditions "in the library then"
    (一类库/二类库/救助中: to be visited that quarter). For a day no move can be dated after (neither
    ``today``, the day a report is made "as of", nor the clock has passed it) that is the stage itself,
    read from the stage indexes; for an earlier day only the households in the library now or moved
    since are looked at (any other had no library stage then either). A report of a quarter over "as
    of" a later day reads the history even while the clock is still in that quarter (the moves of the
    next quarter's first day were counted as the quarter's end), and one "as of" a day inside a
    quarter the clock has left reads the stage at its end, not today's."""
    if end >= max(_today(today), date.today()):
        return Household.stage, [Household.stage.in_(MONITORED)]
    stage = stage_at_sql(end)
    moved = select(LibraryMove.household_id).where(LibraryMove.moved_on > end)
    return stage, [or_(Household.stage.in_(MONITORED), Household.id.in_(moved)), stage.in_(MONITORED)]


def _community_rows(uow: UnitOfWork, region_id: int | None) -> list[tuple[int, str, str]]:
    parent = aliased(Region)
    query = (select(Region.id, parent.name, Region.name).outerjoin(parent, parent.id == Region.parent_id)
             .where(Region.level == RegionLevel.COMMUNITY).order_by(Region.path))
    if uow.actor.region_path:
        query = query.where(Region.path.startswith(uow.actor.region_path))
    if region_id is not None:
        query = query.where(Region.path.startswith(_region_path(uow, region_id)))
    return [(rid, sub or "", name) for rid, sub, name in uow.session.execute(query)]


def _visited_in(start: date, end: date) -> ColumnElement[bool]:
    return exists().where(Visit.household_id == Household.id, Visit.visited_on >= start,
                          Visit.visited_on <= end).correlate(Household)


def quarterly_report(db: Database, actor: Actor, year: int, quarter: int, *,
                     region_id: int | None = None, today: date | None = None) -> QuarterlyReport:
    """Per community: households due a visit in the quarter (in 一类库/二类库/救助中 at the quarter's
    end, from the move history), visited, missing; visits made; library moves; referrals opened
    (sent in the quarter) and closed (done or declined in the quarter)."""
    if quarter not in (1, 2, 3, 4) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationFailed(f"季度“{year} 年第 {quarter} 季度”不存在:季度应为 1–4,年份 {FIRST_YEAR}–{LAST_YEAR}。")
    start, end = rules.quarter_start(year, quarter), rules.quarter_end(year, quarter)
    if start > _today(today):
        raise ValidationFailed(f"{rules.quarter_label(year, quarter)}还没有开始({start} 起),没有可上报的走访;"
                               "请选择本季度或以前的季度。")
    report = QuarterlyReport(year, quarter, start, end, as_of=_today(today) if end >= _today(today) else None)
    upto = min(end, _today(today))  # a quarter not over is counted up to the day (--as-of: nothing dated after it)
    h = Household
    with unit_of_work(db, actor) as uow:
        communities = _community_rows(uow, region_id)
        ids = [c[0] for c in communities]
        if not ids:
            return report
        due_q = (select(h.region_id, func.count(), func.sum(case((_visited_in(start, upto), 1), else_=0)))
                 .where(h.region_id.in_(ids), *monitored_at(end, today)[1]).group_by(h.region_id))
        due = {rid: (int(n), int(done or 0)) for rid, n, done in uow.session.execute(due_q)}

        def per_region(query: AnySelect) -> dict[int, int]:
            return {rid: int(n) for rid, n in uow.session.execute(query)}

        visits = per_region(select(h.region_id, func.count()).select_from(Visit).join(h, h.id == Visit.household_id)
                            .where(h.region_id.in_(ids), Visit.visited_on >= start, Visit.visited_on <= upto)
                            .group_by(h.region_id))
        moves = per_region(select(h.region_id, func.count()).select_from(LibraryMove)
                           .join(h, h.id == LibraryMove.household_id)
                           .where(h.region_id.in_(ids), LibraryMove.moved_on >= start, LibraryMove.moved_on <= upto)
                           .group_by(h.region_id))
        opened = per_region(select(h.region_id, func.count()).select_from(Referral)
                            .join(h, h.id == Referral.household_id)
                            .where(h.region_id.in_(ids), Referral.sent_on >= start, Referral.sent_on <= upto)
                            .group_by(h.region_id))
        closed = per_region(select(h.region_id, func.count()).select_from(Referral)
                            .join(h, h.id == Referral.household_id)
                            .where(h.region_id.in_(ids), Referral.closed_on >= start, Referral.closed_on <= upto,
                                   Referral.status.in_(["done", "declined"]))
                            .group_by(h.region_id))
    for rid, sub, name in communities:
        n_due, n_done = due.get(rid, (0, 0))
        report.rows.append(QuarterRow(rid, sub, name, n_due, n_done, n_due - n_done, visits.get(rid, 0),
                                      moves.get(rid, 0), opened.get(rid, 0), closed.get(rid, 0)))
    return report


QUARTER_HEADERS = ["街道(镇)", "社区(村)", "应访户数", "已访户数", "未访户数", "走访次数", "库别调整次数",
                   "新开转介", "办结转介"]
MISSING_HEADERS = ["街道(镇)", "社区(村)", "户主", "身份证号", "季度末库别", "救助类别", "最近走访"]
MOVE_HEADERS = ["调整日期", "街道(镇)", "社区(村)", "户主", "原库别", "新库别", "原因", "经办人"]


def export_quarterly_report(db: Database, actor: Actor, year: int, quarter: int, path: str | Path, *,
                            region_id: int | None = None, progress: Progress = NO_PROGRESS,
                            today: date | None = None) -> QuarterlyReport:
    """The quarterly report as xlsx: a summary per community, the households not visited, the moves."""
    report = quarterly_report(db, actor, year, quarter, region_id=region_id, today=today)
    if not report.rows:
        raise nothing_to_export(f"可上报的社区(村)({report.title}:所选范围内没有社区或村)")
    total = report.total()
    start, end = report.start, report.end
    upto = min(end, _today(today))  # counted up to the day, as the report is
    progress.report(0, 0, "正在汇总…")
    with unit_of_work(db, actor) as uow:
        ids = [r.region_id for r in report.rows]
        parent = aliased(Region)
        stage_at, due = monitored_at(end, today)
        # the last visit as the quarter ended: one made since belongs to a later quarter's report
        last_visit = (select(func.max(Visit.visited_on)).where(Visit.household_id == Household.id,
                                                               Visit.visited_on <= upto)
                      .correlate(Household).scalar_subquery())
        missing_q = (select(parent.name, Region.name, Household.head_name, Household.head_id_number, stage_at,
                            Household.category, last_visit)
                     .join(Region, Region.id == Household.region_id).outerjoin(parent, parent.id == Region.parent_id)
                     .where(Household.region_id.in_(ids or [-1]), *due,
                            ~_visited_in(start, upto))
                     .order_by(Region.path, Household.id))
        moves_q = (select(LibraryMove.moved_on, parent.name, Region.name, Household.head_name, LibraryMove.from_stage,
                          LibraryMove.to_stage, LibraryMove.reason, User.display_name)
                   .join(Household, Household.id == LibraryMove.household_id)
                   .join(Region, Region.id == Household.region_id).outerjoin(parent, parent.id == Region.parent_id)
                   .outerjoin(User, User.id == LibraryMove.created_by_id)
                   .where(Household.region_id.in_(ids or [-1]), LibraryMove.moved_on >= start,
                          LibraryMove.moved_on <= upto)
                   .order_by(LibraryMove.moved_on, LibraryMove.id))
        full = actor.sees_full_id
        written = {"missing": 0, "moves": 0}  # the households and moves the file names, for the log

        def missing_rows() -> Iterator[list[Any]]:
            for sub, com, name, number, stage, category, last in uow.session.execute(
                    missing_q.execution_options(yield_per=2000)):
                written["missing"] += 1
                yield [sub or "", com, name, number if full else idcard.mask(number), rules.stage_label(stage),
                       CATEGORY_LABELS.get(category, category), last]  # type: ignore[call-overload]

        def move_rows() -> Iterator[list[Any]]:
            for moved_on, sub, com, name, f, t, reason, who in uow.session.execute(
                    moves_q.execution_options(yield_per=2000)):
                written["moves"] += 1
                yield [moved_on, sub or "", com, name, rules.stage_label(f), rules.stage_label(t), reason, who or "系统"]

        summary = [[r.subdistrict, r.community, r.due, r.done, r.missing, r.visits, r.moves, r.referrals_opened,
                    r.referrals_closed] for r in report.rows]
        summary.append([total.subdistrict, "", total.due, total.done, total.missing, total.visits, total.moves,
                        total.referrals_opened, total.referrals_closed])
        write_workbook(path, [
            SheetSpec("季度汇总", QUARTER_HEADERS, summary, title=report.title,
                      widths=[14, 14, 10, 10, 10, 10, 13, 10, 10]),
            SheetSpec("未访家庭", MISSING_HEADERS if report.finished else
                      [("当前库别" if x == "季度末库别" else x) for x in MISSING_HEADERS], missing_rows(),
                      title=f"{report.title} {'未走访家庭' if report.finished else '尚未走访的家庭'}",
                      widths=[14, 14, 12, 22, 10, 12, 12], text_columns=[3],
                      empty_note=("(没有应访的家庭:季度末所选范围内没有一类库、二类库或救助中的家庭)" if report.finished
                                  else "(没有应访的家庭:所选范围内目前没有一类库、二类库或救助中的家庭)")
                      if not total.due else "(本季度应访的家庭都已走访)" if report.finished else "(应访的家庭都已走访)"),
            SheetSpec("库别调整", MOVE_HEADERS, move_rows(), title=f"{report.title} 库别调整",
                      widths=[12, 14, 14, 12, 10, 10, 40, 12], empty_note="(本季度没有库别调整)"),
        ], on_row=lambda n: progress.report(n, 0, f"已写入 {n} 行…"))
    name = export_place(path)
    log_access(db, actor, "export_quarterly_report", "export", None,
               after={"rows": len(report.rows), "missing": written["missing"], "moves": written["moves"],
                      "file": name, "masked": not actor.sees_full_id},
               detail=f"{report.title}:{len(report.rows)} 个社区(村),未访家庭 {written['missing']:,} 户"
                      f"({actor.id_words}),库别调整 {written['moves']:,} 条"
                      f" → {name}")
    return report


def stage_choices() -> list[tuple[str, str]]:
    return [(s, rules.stage_label(s)) for s in BOARD_STAGES]


__all__ = [
    "BOARD_STAGES", "CONFLICT_FIELDS", "BoardFilter", "Card", "Column", "HouseholdSummary", "MoveConflict", "MoveRefused",
    "MoveResult", "NewerMove", "QuarterRow", "QuarterlyReport", "VisitDueRow", "VisitInfo", "cards_by_id",
    "column_counts", "column_page", "export_quarterly_report", "household_moves", "household_summary",
    "household_visits", "move_card", "move_household", "newer_move", "open_board", "quarterly_report", "record_visit", "visit_counts",
    "visit_due_page", "withdraw_visit",
]
