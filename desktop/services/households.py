"""Household records: the browser's paged queries, the detail, safe editing and export.

The browser never loads the table whole. :class:`HouseholdPager` answers "rows ``start`` to
``start + n`` of this filtered, sorted view" with keyset queries that the indexes on ``households``
serve: it remembers the sort key of rows it has already fetched (anchors) and seeks from the
nearest one (or from either end), so scrolling, paging and jumping to the last row each read only
the rows shown. Rows whose sort column is empty (no library class, no visit due …) form their own
segment, read by id, so every query stays an index range scan on both SQLite and PostgreSQL.

Every write checks the household's version (the household and its members, incomes and expenses
are one aggregate), bumps it, keeps ``head_*`` and ``member_count`` in step, is audited with the
values before and after, and tells other workstations (``uow.notify("households", id)``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, tuple_
from sqlalchemy.orm import Session

from desktop.io.register_template import PHONE_NUMBER
from desktop.io.xlsx_writer import write_table
from desktop.models import (
    Application,
    Assessment,
    AuditEntry,
    Clue,
    Expense,
    Household,
    Income,
    LibraryMove,
    Member,
    Referral,
    Region,
    Visit,
)
from desktop.models.base import now_utc
from desktop.rules import idcard, spelling
from desktop.rules.codes import (
    AREA_LABELS,
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    DEPARTMENT_LABELS,
    DISABILITY_LABELS,
    EXPENSE_LABELS,
    GRADE_LABELS,
    HEALTH_LABELS,
    INCOME_LABELS,
    LABOUR_LABELS,
    NET_INCOME_KINDS,
    RELATION_LABELS,
    SCHOOLING_LABELS,
    STAGE_LABELS,
    TRACK_LABELS,
    AreaType,
    Category,
    Disability,
    ExpenseKind,
    Health,
    IncomeKind,
    LabourCapacity,
    Relation,
    Schooling,
    Stage,
    source_label,
)
from desktop.rules.means_test import saved_placement_label
from desktop.rules.monitoring import REFERRAL_STATUSES, effective_due
from desktop.rules.monitoring import next_visit_due as next_visit_due_for
from desktop.rules.procedure import status_label
from desktop.rules.workdays import Deadline
from desktop.services.base import (
    Actor,
    CutList,
    UnitOfWork,
    log_access,
    log_full_id_list,
    matched_in_all,
    read_amount,
    region_names,
    snapshot,
    too_early,
    too_long,
    unit_of_work,
)
from desktop.services.calendar import load_calendar
from desktop.services.database import Database
from desktop.services.errors import ConflictError, NotFound, ValidationFailed
from desktop.services.files import export_place, nothing_to_export
from desktop.services.monitoring import _overdue_sql
from desktop.services.progress import NO_PROGRESS, Progress

# ---------------------------------------------------------------------------------------------
# Filter, rows, sorting
# ---------------------------------------------------------------------------------------------

# Sort keys the browser offers, each backed by an index (region: (region_id, id); the others by
# the index on that column). "address" and "member_count" have no index: the database sorts them.
SORT_COLUMNS: dict[str, Any] = {
    "id": None,
    "code": Household.code,
    "head_name": Household.head_name,
    "head_id_number": Household.head_id_number,
    "region": Household.region_id,
    "address": Household.address,
    "member_count": Household.member_count,
    "category": Household.category,
    "stage": Household.stage,
    "last_assessed_on": Household.last_assessed_on,
    "next_visit_due": Household.next_visit_due,
}
NULLABLE_SORTS = frozenset({"code", "head_id_number", "stage", "last_assessed_on", "next_visit_due"})

STATUS_LABELS = {
    "overdue": "走访逾期",
    "on_board": "在监测预警库/看板上",
    "not_on_board": "不在看板上",
}
SEARCH_MODES = ("auto", "name", "id", "phone", "address")
NO_STAGE = "none"  # stage filter value for "not on the board"

_ADDRESS_HINT = re.compile(r"[0-9０-９路街巷道号栋楼单元室村组区弄里院小区大道]")
_ID_CHARS = re.compile(r"^[0-9X]+$")


@dataclass(frozen=True)
class HouseholdFilter:
    """What the browser shows: scope, filters, search and sort (also written to the export audit)."""

    region_id: int | None = None  # a region whose subtree to show (None = the actor's whole scope)
    stage: str | None = None  # a codes.Stage value, NO_STAGE, or None for any
    category: str | None = None  # a codes.Category value or None
    status: str | None = None  # key of STATUS_LABELS or None
    search: str = ""
    search_mode: str = "auto"  # one of SEARCH_MODES
    sort: str = "id"  # key of SORT_COLUMNS
    descending: bool = False
    today: date | None = None  # for "overdue" (tests pin it); None = today

    def describe(self, region_names: dict[int, str] | None = None) -> str:
        parts = []
        if self.region_id is not None:
            parts.append("区域:" + (region_names or {}).get(self.region_id, str(self.region_id)))
        if self.stage:
            parts.append("库别:" + ("不在看板" if self.stage == NO_STAGE else STAGE_LABELS.get(Stage(self.stage), self.stage)))
        if self.category:
            parts.append("类别:" + CATEGORY_LABELS.get(Category(self.category), self.category))
        if self.status:
            parts.append("状态:" + STATUS_LABELS.get(self.status, self.status))
        if self.search.strip():
            parts.append(f"搜索:{self.search.strip()}")
        return ";".join(parts) or "全部"


@dataclass(frozen=True)
class HouseholdRow:
    id: int
    version: int
    code: str
    head_name: str
    id_display: str  # masked unless the actor may see full numbers
    subdistrict: str
    community: str
    address: str
    phone: str
    member_count: int
    category: str
    category_label: str
    stage: str | None
    stage_label: str
    last_assessed_on: date | None
    next_visit_due: date | None  # as the monitoring board shows it (rules.monitoring.effective_due)
    overdue: bool
    stored_visit_due: date | None = None  # the column the list sorts by (its empty rows form their own segment)


@dataclass(frozen=True)
class SearchPlan:
    """How the search text was understood (shown under the search box)."""

    kind: str  # "", name, id, id_tail, phone, address, invalid_id
    value: str
    note: str = ""


def plan_search(text: str, mode: str = "auto") -> SearchPlan:
    """Decide what a search text means: full ID (normalised), last 4–6 ID characters, phone,
    name prefix or a piece of the address."""
    raw = text.strip()
    if not raw:
        return SearchPlan("", "")
    norm = idcard.normalize(raw)
    if mode in ("auto", "id") and _ID_CHARS.match(norm):
        if len(norm) in (15, 18):
            parsed = idcard.parse(norm)
            if parsed.valid and parsed.number:
                return SearchPlan("id", parsed.number)
            if mode == "id" or len(norm) == 18:
                return SearchPlan("invalid_id", norm, parsed.message)
        if 4 <= len(norm) <= 6:
            return SearchPlan("id_tail", norm)
        if mode == "id":
            return SearchPlan("id_tail" if len(norm) < 18 else "invalid_id", norm,
                              "" if len(norm) < 18 else "身份证号位数不对")
    digits = re.sub(r"[\s\-]", "", norm)
    if mode == "phone" or (mode == "auto" and digits.isdigit() and 7 <= len(digits) <= 12):
        return SearchPlan("phone", spelling.phone_prefix(digits))  # "07146251234" finds 0714-6251234
    if mode == "name":
        return SearchPlan("name", raw)
    if mode == "address":
        return SearchPlan("address", raw)
    if len(raw) <= 4 and not _ADDRESS_HINT.search(raw):
        return SearchPlan("name", raw)
    if not re.search(r"[0-9０-９]", raw):
        # 张元芳, 王道明, 单丽 or a five-character name read like an address ("元", "道", "单" are address
        # words): without a digit it may be either, so both are searched
        return SearchPlan("name_or_address", raw)
    return SearchPlan("address", raw)


def _prefix_range(column: Any, prefix: str) -> ColumnElement[bool]:
    """``column`` starts with ``prefix`` as an index range (LIKE 'x%' is not indexable everywhere)."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper)


def _search_clause(plan: SearchPlan, member_households: Sequence[int] = ()) -> ColumnElement[bool] | None:
    if plan.kind == "id":
        # Households where a member (not only the head) has the number: ids looked up first, so both
        # branches stay index lookups (PostgreSQL will not combine an IN-subquery with OR by index).
        if member_households:
            return or_(Household.head_id_number == plan.value, Household.id.in_(list(member_households)))
        return Household.head_id_number == plan.value
    if plan.kind == "invalid_id":
        return Household.head_id_number == plan.value
    if plan.kind == "id_tail":
        return _prefix_range(Household.head_id_reversed, plan.value[::-1])
    if plan.kind == "phone":
        return _prefix_range(Household.phone, plan.value)
    # names are stored with "·" between their parts (rules.spelling): "买买提•吐" finds 买买提·吐尔逊
    name = spelling.person_name(plan.value, prefix=True)
    if plan.kind == "name":
        return _prefix_range(Household.head_name, name)
    if plan.kind in ("address", "name_or_address"):
        escaped = plan.value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        address = Household.address.like(f"%{escaped}%", escape="\\")
        return or_(_prefix_range(Household.head_name, name), address) if plan.kind == "name_or_address" else address
    return None


class RegionMap:
    """The actor's regions (a district has a few hundred at most): names for rows and subtree ids."""

    def __init__(self, regions: Sequence[tuple[int, int | None, str, str, str]]) -> None:
        self.by_id = {r[0]: r for r in regions}  # id -> (id, parent_id, name, level, path)

    def subtree(self, region_id: int) -> list[int]:
        top = self.by_id.get(region_id)
        if top is None:
            return []
        return [r[0] for r in self.by_id.values() if r[4].startswith(top[4])]

    def names(self, region_id: int) -> tuple[str, str]:
        """(sub-district or town, community or village) of a household's region."""
        region = self.by_id.get(region_id)
        if region is None:
            return "", ""
        if region[3] == "community":
            parent = self.by_id.get(region[1]) if region[1] is not None else None
            return (parent[2] if parent else ""), region[2]
        if region[3] == "subdistrict":
            return region[2], ""
        return "", region[2]

    def name(self, region_id: int | None) -> str:
        region = self.by_id.get(region_id) if region_id is not None else None
        return region[2] if region else ""


def load_regions(session: Session, actor: Actor) -> RegionMap:
    query = select(Region.id, Region.parent_id, Region.name, Region.level, Region.path)
    rows = [tuple(r) for r in session.execute(query)]
    return RegionMap(rows)  # names of all regions (parents above the actor's own are needed for labels)


def _scope_ids(regions: RegionMap, actor: Actor, flt: HouseholdFilter) -> list[int] | None:
    """Region ids the query is limited to; None = no limit (whole district, no region filter)."""
    own: list[int] | None = None
    if actor.region_path:
        own = [rid for rid, r in regions.by_id.items() if r[4].startswith(actor.region_path)]
    if flt.region_id is None:
        return own
    chosen = regions.subtree(flt.region_id)
    if own is None:
        return chosen
    allowed = set(own)
    return [rid for rid in chosen if rid in allowed]


def _member_households(session: Session, plan: SearchPlan) -> list[int]:
    if plan.kind != "id":
        return []
    return list(session.scalars(select(Member.household_id).where(Member.id_number == plan.value)))


def _where(regions: RegionMap, actor: Actor, flt: HouseholdFilter,
           member_households: Sequence[int] = ()) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    scope = _scope_ids(regions, actor, flt)
    if scope is not None and len(scope) < len(regions.by_id):
        clauses.append(Household.region_id.in_(scope) if scope else Household.id < 0)
    if flt.stage == NO_STAGE:
        clauses.append(Household.stage.is_(None))
    elif flt.stage:
        clauses.append(Household.stage == flt.stage)
    if flt.category:
        clauses.append(Household.category == flt.category)
    today = flt.today or date.today()
    if flt.status == "overdue":  # as the monitoring board counts it (a due date it derives when none is stored)
        clauses.append(_overdue_sql(today))
    elif flt.status == "on_board":
        clauses.append(Household.stage.is_not(None))
    elif flt.status == "not_on_board":
        clauses.append(Household.stage.is_(None))
    search = _search_clause(plan_search(flt.search, flt.search_mode), member_households)
    if search is not None:
        clauses.append(search)
    return clauses


ROW_COLUMNS = (Household.id, Household.version, Household.code, Household.head_name, Household.head_id_number,
               Household.region_id, Household.address, Household.phone, Household.member_count,
               Household.category, Household.stage, Household.last_assessed_on, Household.next_visit_due,
               Household.last_visited_on, Household.stage_since)


def _to_row(r: Any, regions: RegionMap, actor: Actor, today: date) -> HouseholdRow:
    sub, community = regions.names(r.region_id)
    number = r.head_id_number or ""
    stage = r.stage
    # The due date the monitoring board shows: none outside the visited stages, derived when none is stored.
    due = effective_due(stage, r.last_visited_on, r.next_visit_due, r.stage_since, today)
    try:
        category_label = CATEGORY_LABELS[Category(r.category)]
    except ValueError:
        category_label = r.category
    try:
        stage_label = STAGE_LABELS[Stage(stage)] if stage else ""
    except ValueError:
        stage_label = stage or ""
    return HouseholdRow(
        id=r.id, version=r.version, code=r.code or "", head_name=r.head_name,
        id_display=number if actor.sees_full_id else idcard.mask(number),
        subdistrict=sub, community=community, address=r.address, phone=r.phone, member_count=r.member_count,
        category=r.category, category_label=category_label, stage=stage, stage_label=stage_label,
        last_assessed_on=r.last_assessed_on, next_visit_due=due, overdue=due is not None and due < today,
        stored_visit_due=r.next_visit_due,
    )


# ---------------------------------------------------------------------------------------------
# The pager
# ---------------------------------------------------------------------------------------------

Key = tuple[Any, ...]


@dataclass
class _Segment:
    """A run of rows in display order: the rows whose sort value is set (ordered by (value, id)),
    or those whose value is empty (ordered by id)."""

    nulls: bool
    start: int  # first row index of the segment in the view
    size: int
    anchors_idx: list[int] = field(default_factory=list)  # sorted local indexes with a known key
    anchors: dict[int, Key] = field(default_factory=dict)


class HouseholdPager:
    """Rows of one filtered, sorted view, fetched by position without loading the table.

    Plain Python (no Qt): the browser's table model, the export and the benchmark use it.
    ``refresh()`` counts (one indexed count query); ``rows(start, n)`` returns rows by position."""

    MAX_ANCHORS = 20000
    LONG_SKIP = 500  # rows; beyond this a jump first finds its starting key in the index

    def __init__(self, db: Database, actor: Actor, flt: HouseholdFilter | None = None) -> None:
        self.db = db
        self.actor = actor
        self.filter = flt or HouseholdFilter()
        self.total = 0
        self.segments: list[_Segment] = []
        self.regions: RegionMap | None = None
        self.plan = plan_search(self.filter.search, self.filter.search_mode)
        self._member_ids: list[int] = []
        self.counted = False

    # -- layout ---------------------------------------------------------------------------------
    def _sort_column(self) -> Any:
        return SORT_COLUMNS.get(self.filter.sort)

    def prepare(self, flt: HouseholdFilter | None = None) -> None:
        """Take a (new) filter without counting: enough for :meth:`first_rows`."""
        if flt is not None:
            self.filter = flt
            self.plan = plan_search(flt.search, flt.search_mode)
        if self.filter.sort not in SORT_COLUMNS:
            self.filter = replace(self.filter, sort="id")
        if self.regions is None or flt is None:  # regions change rarely: read again on refresh()
            with unit_of_work(self.db, self.actor) as uow:
                self.regions = load_regions(uow.session, self.actor)
        if self.plan.kind == "id":
            with unit_of_work(self.db, self.actor) as uow:
                self._member_ids = _member_households(uow.session, self.plan)
        else:
            self._member_ids = []
        self.segments = []
        self.total = 0
        self.counted = False

    def _conditions(self) -> list[ColumnElement[bool]]:
        assert self.regions is not None
        return _where(self.regions, self.actor, self.filter, self._member_ids)

    def count_layout(self) -> tuple[int, int]:
        """(matching rows, rows whose sort value is set): one indexed count query."""
        return self.counter()()

    def counter(self) -> Callable[[], tuple[int, int]]:
        """The count of the current filter as a call that may run in a worker thread (its own
        session, nothing shared): the browser counts in the background; apply with :meth:`apply_layout`."""
        column = self._sort_column()
        where = self._conditions()
        nullable = self.filter.sort in NULLABLE_SORTS
        db, actor = self.db, self.actor

        def count() -> tuple[int, int]:
            with unit_of_work(db, actor) as uow:
                if nullable:
                    total, filled = uow.session.execute(
                        select(func.count(), func.count(column)).select_from(Household).where(*where)).one()
                else:
                    total = uow.session.execute(select(func.count()).select_from(Household).where(*where)).scalar_one()
                    filled = total
            return int(total), int(filled)

        return count

    def settle(self, rows: Sequence[HouseholdRow]) -> None:
        """The view is complete in ``rows`` (fewer than asked for): lay it out without counting."""
        present = {
            "code": lambda r: bool(r.code), "head_id_number": lambda r: bool(r.id_display),
            "stage": lambda r: r.stage is not None, "last_assessed_on": lambda r: r.last_assessed_on is not None,
            "next_visit_due": lambda r: r.stored_visit_due is not None,
        }.get(self.filter.sort, lambda r: True)
        self.apply_layout(len(rows), sum(1 for r in rows if present(r)))

    def apply_layout(self, total: int, filled: int) -> None:
        self.total = total
        values = _Segment(False, 0, filled)
        empties = _Segment(True, 0, total - filled)
        # Empty values come last in ascending order and first in descending order, on both databases.
        order = [empties, values] if self.filter.descending else [values, empties]
        position = 0
        for seg in order:
            seg.start = position
            position += seg.size
        self.segments = [s for s in order if s.size]
        self.counted = True

    def refresh(self, flt: HouseholdFilter | None = None) -> int:
        """Apply a (new) filter and count. Returns the number of matching households."""
        self.prepare(flt)
        self.apply_layout(*self.count_layout())
        return self.total

    def first_rows(self, count: int) -> list[HouseholdRow]:
        """The first rows of the view without counting (the count can follow in the background)."""
        if self.regions is None:
            self.prepare()
        assert self.regions is not None
        today = self.filter.today or date.today()
        nullable = self.filter.sort in NULLABLE_SORTS
        order = [False, True] if nullable else [False]
        if self.filter.descending:
            order.reverse()
        out: list[HouseholdRow] = []
        with unit_of_work(self.db, self.actor) as uow:
            where = self._conditions()
            for nulls in order:
                seg = _Segment(nulls, 0, count)
                for r in self._query(uow.session, seg, where, True, None, 0, count - len(out)):
                    out.append(_to_row(r, self.regions, self.actor, today))
                if len(out) >= count:
                    break
        return out

    def forget(self) -> None:
        """Drop remembered anchors (for benchmarks: measure a cold jump)."""
        for seg in self.segments:
            seg.anchors.clear()
            seg.anchors_idx.clear()

    # -- fetching -------------------------------------------------------------------------------
    def rows(self, start: int, count: int) -> list[HouseholdRow]:
        """Rows ``start`` .. ``start + count - 1`` of the view (fewer at the end)."""
        if not self.counted:
            self.refresh()
        start = max(start, 0)
        end = min(start + count, self.total)
        if end <= start:
            return []
        out: list[HouseholdRow] = []
        today = self.filter.today or date.today()
        with unit_of_work(self.db, self.actor) as uow:
            assert self.regions is not None
            where = self._conditions()
            for seg in self.segments:
                a = max(start, seg.start) - seg.start
                b = min(end, seg.start + seg.size) - seg.start
                if a >= b:
                    continue
                for r in self._fetch(uow.session, seg, where, a, b):
                    out.append(_to_row(r, self.regions, self.actor, today))
        return out

    def iter_all(self, chunk: int = 5000) -> Iterator[Any]:
        """Every row of the view in order, as raw result rows, by keyset chunks (for the export)."""
        assert self.regions is not None
        with unit_of_work(self.db, self.actor) as uow:
            where = self._conditions()
            for seg in self.segments:
                done = 0
                while done < seg.size:
                    part = self._fetch(uow.session, seg, where, done, min(done + chunk, seg.size))
                    if not part:
                        break
                    yield from part
                    done += len(part)

    def _key_of(self, seg: _Segment, r: Any) -> Key:
        column = self._sort_column()
        if column is None or seg.nulls:
            return (r.id,)
        return (getattr(r, "region_id" if self.filter.sort == "region" else column.key), r.id)

    def _remember(self, seg: _Segment, index: int, key: Key) -> None:
        if index not in seg.anchors:
            if len(seg.anchors) >= self.MAX_ANCHORS:
                seg.anchors.clear()
                seg.anchors_idx.clear()
            pos = bisect_left(seg.anchors_idx, index)
            seg.anchors_idx.insert(pos, index)
        seg.anchors[index] = key

    def _fetch(self, session: Session, seg: _Segment, where: list[ColumnElement[bool]], a: int, b: int) -> list[Any]:
        """Local rows a..b-1 of a segment, seeking from the nearest known position."""
        # Candidates: (rows to skip, reading forward?, anchor key or None)
        options: list[tuple[int, bool, Key | None]] = [(a, True, None), (seg.size - b, False, None)]
        pos = bisect_left(seg.anchors_idx, a)
        if pos > 0:
            j = seg.anchors_idx[pos - 1]
            options.append((a - j - 1, True, seg.anchors[j]))
        if pos < len(seg.anchors_idx):
            k = bisect_left(seg.anchors_idx, b)
            if k < len(seg.anchors_idx):
                j = seg.anchors_idx[k]
                options.append((j - b, False, seg.anchors[j]))
        skip, forward, anchor = min(options, key=lambda o: o[0])
        result = self._query(session, seg, where, forward, anchor, skip, b - a)
        first = a if forward else b - len(result)
        for i, r in enumerate(result):
            if i == 0 or i == len(result) - 1:
                self._remember(seg, first + i, self._key_of(seg, r))
        return result

    def _query(self, session: Session, seg: _Segment, where: list[ColumnElement[bool]], forward: bool,
               anchor: Key | None, skip: int, limit: int) -> list[Any]:
        """``limit`` rows of a segment in display order: after (or, backwards, before) ``anchor``,
        skipping ``skip``. Each is one index range scan on both databases."""
        column = self._sort_column()
        keyed = column is not None and not seg.nulls
        # Reading "forward" means in display order; the SQL direction also depends on descending.
        ascending_sql = forward != self.filter.descending
        cols = (column, Household.id) if keyed else (Household.id,)
        query = select(*ROW_COLUMNS).where(*where)
        if column is not None and self.filter.sort in NULLABLE_SORTS:
            query = query.where(column.is_(None) if seg.nulls else column.is_not(None))
        if anchor is not None:
            target = tuple_(*cols) if keyed else Household.id
            value = tuple_(*anchor) if keyed else anchor[0]
            query = query.where(target > value if ascending_sql else target < value)
        order = [(c.asc() if ascending_sql else c.desc()) for c in cols]
        if skip > self.LONG_SKIP:
            # A long jump (scroll bar dragged): skip over the sort key alone, which the index holds,
            # then read the rows from there. Skipping whole rows would visit every skipped row.
            boundary = session.execute(query.with_only_columns(*cols).order_by(*order).offset(skip).limit(1)).first()
            if boundary is None:
                return []
            target = tuple_(*cols) if keyed else Household.id
            value = tuple_(*boundary) if keyed else boundary[0]
            query = query.where(target >= value if ascending_sql else target <= value)
            skip = 0
        query = query.order_by(*order)
        query = query.offset(skip).limit(limit) if skip else query.limit(limit)
        result = list(session.execute(query))
        if not forward:
            result.reverse()
        return result


def count_households(db: Database, actor: Actor, flt: HouseholdFilter) -> int:
    return HouseholdPager(db, actor, flt).refresh()


def list_households(db: Database, actor: Actor, flt: HouseholdFilter, start: int = 0,
                    count: int = 100) -> tuple[int, list[HouseholdRow]]:
    """(total, rows) of one page: for callers that do not keep a pager."""
    pager = HouseholdPager(db, actor, flt)
    total = pager.refresh()
    return total, pager.rows(start, count)


# ---------------------------------------------------------------------------------------------
# Detail
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberInfo:
    id: int
    version: int
    name: str
    id_display: str
    id_masked: bool
    relation: str
    relation_label: str
    sex: str
    birth_date: date | None  # None where the ID is masked: with the date the masked number reads whole
    birth_text: str  # as shown: the date, or the year only where the ID is masked (1990-**-**)
    age: int | None
    phone: str
    health: str
    health_label: str
    disability: str
    disability_label: str
    disability_grade: int
    grade_label: str
    labour_capacity: str
    labour_label: str
    schooling: str
    schooling_label: str
    employed: bool | None
    union_member: bool
    note: str


@dataclass(frozen=True)
class MoneyLine:
    """An income or an expense line."""

    id: int
    version: int
    member_id: int | None
    member_name: str
    kind: str
    kind_label: str
    amount: Decimal
    period_end: date
    exempt: bool
    note: str


HISTORY_SHOWN = 500  # the latest changes a household's history lists; the audit log holds them all


@dataclass(frozen=True)
class TimelineEntry:
    when: date | datetime
    kind: str  # clue, assessment, library_move, visit, referral, application, audit
    title: str
    detail: str
    by: str = ""
    ref: int | None = None  # the record's id where the history acts on it (a visit to withdraw)


@dataclass(frozen=True)
class HouseholdDetail:
    id: int
    version: int
    code: str
    region_id: int
    subdistrict: str
    community: str
    address: str
    phone: str
    area_type: str
    area_label: str
    single_parent: bool
    note: str
    head_name: str
    head_id_display: str
    member_count: int
    category: str
    category_label: str
    stage: str | None
    stage_label: str
    stage_since: date | None
    last_assessed_on: date | None
    last_visited_on: date | None
    next_visit_due: date | None
    updated_at: datetime | None
    updated_by: str
    members: list[MemberInfo]
    incomes: list[MoneyLine]
    expenses: list[MoneyLine]
    clues: list[TimelineEntry]
    assessments: list[TimelineEntry]
    library_moves: list[TimelineEntry]
    visits: list[TimelineEntry]
    referrals: list[TimelineEntry]
    applications: list[TimelineEntry]
    audit: CutList  # of TimelineEntry: the latest HISTORY_SHOWN changes, ``total`` counting every one

    def editable_values(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in HOUSEHOLD_FIELDS}


HOUSEHOLD_FIELDS: dict[str, str] = {
    "code": "户编号",
    "region_id": "所属社区(村)",
    "address": "地址",
    "phone": "联系电话",
    "area_type": "城乡类别",
    "single_parent": "单亲家庭",
    "note": "备注",
}
MEMBER_FIELDS: dict[str, str] = {
    "name": "姓名",
    "id_number": "身份证号",
    "relation": "与户主关系",
    "sex": "性别",
    "birth_date": "出生日期",
    "phone": "联系电话",
    "health": "健康状况",
    "disability": "残疾类别",
    "disability_grade": "残疾等级",
    "labour_capacity": "劳动能力",
    "schooling": "就学情况",
    "employed": "是否就业",
    "union_member": "工会会员",
    "note": "备注",
}
INCOME_FIELDS: dict[str, str] = {"member_id": "成员", "kind": "收入类型", "amount": "金额(元/12个月)",
                                 "period_end": "统计截止日期", "exempt": "不计入收入", "note": "备注"}
EXPENSE_FIELDS: dict[str, str] = {"member_id": "成员", "kind": "支出类型", "amount": "金额(元/12个月)",
                                  "period_end": "统计截止日期", "note": "备注"}
ALL_FIELD_LABELS = {**HOUSEHOLD_FIELDS, **MEMBER_FIELDS, **INCOME_FIELDS, **EXPENSE_FIELDS}


def _label(labels: dict, code: Any) -> str:
    for key, value in labels.items():
        if key == code:
            return value
    return "" if code is None else str(code)


def _user_names(session: Session, ids: set[int]) -> dict[int, str]:
    from desktop.models import User

    if not ids:
        return {}
    return {u.id: u.display_name for u in session.scalars(select(User).where(User.id.in_(ids)))}


def birth_hidden(actor: Actor, id_number: str | None) -> bool:
    """A masked ID (`420203********1238`) hides exactly the eight digits of the birth date: shown beside
    it, the full date would give the whole number back to a user whose role may not see it (RULES.md §4).
    The age is shown instead; a member without an ID number keeps the date entered."""
    return bool(id_number) and not actor.sees_full_id


def _member_info(m: Member, actor: Actor, today: date) -> MemberInfo:
    return MemberInfo(
        id=m.id, version=m.version, name=m.name,
        id_display=m.id_number if actor.sees_full_id else idcard.mask(m.id_number),
        id_masked=not actor.sees_full_id, relation=m.relation, relation_label=_label(RELATION_LABELS, m.relation),
        sex=m.sex, birth_date=None if birth_hidden(actor, m.id_number) else m.birth_date,
        birth_text=idcard.mask_birth(m.birth_date) if birth_hidden(actor, m.id_number) else
        (m.birth_date.isoformat() if m.birth_date else ""),
        age=idcard.age_on(m.birth_date, today) if m.birth_date else None, phone=m.phone,
        health=m.health, health_label=_label(HEALTH_LABELS, m.health),
        disability=m.disability, disability_label=_label(DISABILITY_LABELS, m.disability),
        disability_grade=m.disability_grade, grade_label=GRADE_LABELS.get(m.disability_grade, str(m.disability_grade)),
        labour_capacity=m.labour_capacity, labour_label=_label(LABOUR_LABELS, m.labour_capacity),
        schooling=m.schooling, schooling_label=_label(SCHOOLING_LABELS, m.schooling),
        employed=m.employed, union_member=m.union_member, note=m.note,
    )


ENTITY_FIELDS: dict[str, dict[str, str]] = {"incomes": INCOME_FIELDS, "expenses": EXPENSE_FIELDS,
                                            "members": MEMBER_FIELDS, "households": HOUSEHOLD_FIELDS}


def _describe_change(before: dict | None, after: dict | None, entity: str = "",
                     names: dict[int, str] | None = None, *, masked: bool = True) -> str:
    if before is None and after is None:
        return ""
    skip = {"version", "updated_at", "updated_by_id", "created_at", "created_by_id", "id", "household_id",
            "id_reversed", "head_id_reversed"}
    before = before or {}
    after = after or {}
    parts = []
    for key in list(dict.fromkeys([*before.keys(), *after.keys()])):
        if key in skip:
            continue
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        label = ENTITY_FIELDS.get(entity, {}).get(key) or ALL_FIELD_LABELS.get(key, {
            "head_name": "户主姓名", "head_id_number": "户主身份证号", "member_count": "人口数"}.get(key, key))
        if key == "member_id":
            old = (names or {}).get(old, old) if old is not None else "全户"
            new = (names or {}).get(new, new) if new is not None else "全户"
        if key in ("id_number", "head_id_number"):
            old = idcard.mask(old) if old else old
            new = idcard.mask(new) if new else new
        if key == "birth_date" and masked:  # with the masked number it would read whole
            old, new = idcard.mask_birth(old) or None, idcard.mask_birth(new) or None
        if not before or not after:
            value = new if not before else old
            if value in (None, "", False, 0, "none", "healthy", "full") and key not in ("amount",):
                continue  # a new or removed record: list what it held, not its empty defaults
            parts.append(f"{label}:{_value_text(key, value)}")
        else:
            parts.append(f"{label}:{_value_text(key, old)} → {_value_text(key, new)}")
    return ";".join(parts)


VALUE_LABELS: dict[str, dict] = {
    "relation": RELATION_LABELS, "health": HEALTH_LABELS, "disability": DISABILITY_LABELS,
    "labour_capacity": LABOUR_LABELS, "schooling": SCHOOLING_LABELS, "category": CATEGORY_LABELS,
    "stage": STAGE_LABELS, "area_type": AREA_LABELS, "disability_grade": GRADE_LABELS,
}


def _value_text(key: str, value: Any) -> str:
    if value is None or value == "":
        return "空"
    if isinstance(value, bool):
        return "是" if value else "否"
    if key == "kind":
        return INCOME_LABELS.get(value, EXPENSE_LABELS.get(value, str(value)))  # type: ignore[call-overload]
    labels = VALUE_LABELS.get(key)
    if labels is not None:
        return _label(labels, value)
    return str(value)


def get_household(db: Database, actor: Actor, household_id: int, *, log_view: bool = False) -> HouseholdDetail:
    """The household with its members, incomes, expenses and timelines (newest first).

    ``log_view``: record that the actor opened the full ID numbers (RULES.md §4)."""
    today = date.today()
    with unit_of_work(db, actor) as uow:
        s = uow.session
        h: Household = uow.get(Household, household_id, "该户")
        uow.require_scope(h.region_id, f"户 {h.code or h.id}")
        regions = load_regions(s, actor)
        sub, community = regions.names(h.region_id)
        members = list(s.scalars(select(Member).where(Member.household_id == h.id)
                                 .order_by((Member.relation != Relation.SELF), Member.birth_date, Member.id)))
        names = {m.id: m.name for m in members}
        incomes = [MoneyLine(i.id, i.version, i.member_id, names.get(i.member_id or 0, "全户"), i.kind,
                             _label(INCOME_LABELS, i.kind), i.amount, i.period_end, i.exempt, i.note)
                   for i in s.scalars(select(Income).where(Income.household_id == h.id)
                                      .order_by(Income.period_end.desc(), Income.id))]
        expenses = [MoneyLine(e.id, e.version, e.member_id, names.get(e.member_id or 0, "全户"), e.kind,
                              _label(EXPENSE_LABELS, e.kind), e.amount, e.period_end, False, e.note)
                    for e in s.scalars(select(Expense).where(Expense.household_id == h.id)
                                       .order_by(Expense.period_end.desc(), Expense.id))]
        clues = [TimelineEntry(c.reported_on, "clue", f"线索:{source_label(c.source_level, c.source)}"
                               + (f"({CHANNEL_LABELS.get(c.channel, c.channel)})" if c.channel else ""),
                               c.description, c.reported_by)
                 for c in s.scalars(select(Clue).where(Clue.household_id == h.id).order_by(Clue.reported_on.desc()))]
        assessed = list(s.scalars(select(Assessment).where(Assessment.household_id == h.id)
                                  .order_by(Assessment.assessed_on.desc(), Assessment.id.desc())))
        moves = [TimelineEntry(m.moved_on, "library_move",
                               f"库别调整:{_label(STAGE_LABELS, m.from_stage) or '无'} → {_label(STAGE_LABELS, m.to_stage) or '无'}",
                               m.reason)
                 for m in s.scalars(select(LibraryMove).where(LibraryMove.household_id == h.id)
                                    .order_by(LibraryMove.moved_on.desc(), LibraryMove.id.desc()))]
        outcome = {"unchanged": "无变化", "changed": "有变化", "eligible": "符合条件"}
        visits = [TimelineEntry(v.visited_on, "visit", f"走访:{outcome.get(v.outcome, v.outcome)}", v.findings, v.visitors,
                                v.id)
                  for v in s.scalars(select(Visit).where(Visit.household_id == h.id)
                                     .order_by(Visit.visited_on.desc(), Visit.id.desc()))]
        referrals = [TimelineEntry(r.sent_on, "referral", f"转介 {DEPARTMENT_LABELS.get(r.department, r.department)}:"
                                                            f"{REFERRAL_STATUSES.get(r.status, r.status)}",
                                   r.need + (f"\n反馈:{r.feedback}" if r.feedback else ""))
                     for r in s.scalars(select(Referral).where(Referral.household_id == h.id)
                                        .order_by(Referral.sent_on.desc(), Referral.id.desc()))]
        apps = list(s.scalars(select(Application).where(Application.household_id == h.id)
                              .order_by(Application.accepted_on.desc(), Application.id.desc())))
        # An open application's deadline in a year whose holidays nobody has entered is an estimate and
        # says so, as on the applications page (RULES.md §2); a decided one's is history.
        work_calendar = load_calendar(db) if any(a.status == "open" for a in apps) else None

        def due_text(a: Application) -> str:
            text = f"办理时限 {a.due_on:%Y-%m-%d}"
            if work_calendar is not None and a.status == "open":
                unknown = work_calendar.unknown_years_between(a.accepted_on, a.due_on)
                if unknown:
                    text += f"(估算:{Deadline(a.due_on, unknown).warning()})"
            return text

        applications = [TimelineEntry(a.accepted_on, "application",
                                      f"申请 {_label(CATEGORY_LABELS, a.category)}({_label(TRACK_LABELS, a.track)}):"
                                      f"{status_label(a)}",
                                      due_text(a) + (f";月救助金 {a.amount} 元" if a.amount else ""))
                        for a in apps]
        # not at the top: the audit log reads this module's labels
        from desktop.services.audit import action_label

        logs = select(AuditEntry).where(AuditEntry.household_id == h.id)
        entries = list(s.scalars(logs.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(HISTORY_SHOWN)))
        logged = matched_in_all(s, logs, AuditEntry.id, len(entries), HISTORY_SHOWN)
        # The person who acted by their name, as "last saved by" and the other timelines show them.
        users = _user_names(s, {i for i in (h.updated_by_id, *(e.user_id for e in entries),
                                            *(a.created_by_id for a in assessed)) if i})
        # Each assessment with its calculation (the frozen explanation, shown whole in the tooltip) and who
        # saved it: the assessments page lists the latest only and sends the user here for the others.
        assessments = [TimelineEntry(a.assessed_on, "assessment",
                                     f"评估:{_label(CATEGORY_LABELS, a.result_category) if a.result_category != 'ineligible' else '不符合条件'}"
                                     f",月人均收入 {a.per_capita_income:,.2f} 元",
                                     f"去向:{saved_placement_label(a.placement, a.result or {})}" + (
                                         f"(调整理由:{a.override_reason})" if a.override_reason else "")
                                     + (f"\n计算过程:\n{a.explanation}" if a.explanation else ""),
                                     users.get(a.created_by_id, "") if a.created_by_id else "系统")
                       for a in assessed]
        audit = CutList([TimelineEntry(e.at, "audit", action_label(e.action),
                                       _describe_change(e.before, e.after, e.entity, names, masked=not actor.sees_full_id) or e.detail,
                                       users.get(e.user_id, e.username) if e.user_id else "系统")
                         for e in entries], logged)
        detail = HouseholdDetail(
            id=h.id, version=h.version, code=h.code or "", region_id=h.region_id, subdistrict=sub, community=community,
            address=h.address, phone=h.phone, area_type=h.area_type, area_label=_label(AREA_LABELS, h.area_type),
            single_parent=h.single_parent, note=h.note, head_name=h.head_name,
            head_id_display=(h.head_id_number or "") if actor.sees_full_id else idcard.mask(h.head_id_number),
            member_count=h.member_count, category=h.category, category_label=_label(CATEGORY_LABELS, h.category),
            stage=h.stage, stage_label=_label(STAGE_LABELS, h.stage) if h.stage else "", stage_since=h.stage_since,
            last_assessed_on=h.last_assessed_on, last_visited_on=h.last_visited_on,
            next_visit_due=effective_due(h.stage, h.last_visited_on, h.next_visit_due, h.stage_since, today),
            updated_at=h.updated_at, updated_by=users.get(h.updated_by_id or 0, ""),
            members=[_member_info(m, actor, today) for m in members], incomes=incomes, expenses=expenses,
            clues=clues, assessments=assessments, library_moves=moves, visits=visits, referrals=referrals,
            applications=applications, audit=audit,
        )
    if log_view and actor.sees_full_id and actor.user_id is not None:
        log_access(db, actor, "household.view", "households", household_id, household_id=household_id,
                   detail="打开户详情,显示完整身份证号")
    return detail


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------

def check_member_fields(values: dict[str, Any], *, today: date | None = None) -> dict[str, str]:
    """Checks that need no database: ID check character, birth date and sex agree with the ID,
    codes are known, disability grade fits. Returns {field: problem}; used as the user types."""
    problems: dict[str, str] = {}
    if "name" in values and not str(values.get("name") or "").strip():
        problems["name"] = "姓名不能为空"
    number: str | None = None
    if "id_number" in values:
        parsed = idcard.parse(values.get("id_number"), today=today or date.today())
        if not parsed.valid:
            problems["id_number"] = parsed.message
        else:
            number = parsed.number
    if number:
        born = idcard.birth_date(number)
        given_birth = values.get("birth_date")
        if isinstance(given_birth, str) and given_birth:
            try:
                given_birth = date.fromisoformat(given_birth)
            except ValueError:
                problems["birth_date"] = "出生日期格式不正确(应为 年-月-日)"
                given_birth = None
        if isinstance(given_birth, date) and given_birth != born:
            problems["birth_date"] = f"出生日期与身份证号不一致(身份证号中为 {born:%Y-%m-%d})"
        given_sex = values.get("sex")
        if given_sex and given_sex != idcard.sex(number):
            problems["sex"] = f"性别与身份证号不一致(身份证号中为{idcard.sex(number)})"
    for key, enum in (("relation", Relation), ("health", Health), ("disability", Disability),
                      ("labour_capacity", LabourCapacity), ("schooling", Schooling)):
        if key in values and values[key] not in {e.value for e in enum}:
            problems[key] = f"{MEMBER_FIELDS[key]}“{values[key]}”无效"
    grade = values.get("disability_grade")
    if "disability_grade" in values:
        try:
            grade = int(grade or 0)
        except (TypeError, ValueError):
            problems["disability_grade"] = "残疾等级应为 0(无)到 4"
            grade = 0
        if not 0 <= grade <= 4:
            problems["disability_grade"] = "残疾等级应为 0(无)到 4"
    disability = values.get("disability")
    if disability is not None and "disability_grade" in values:
        if disability == Disability.NONE and grade:
            problems["disability_grade"] = "无残疾时残疾等级应为“无”"
        if disability != Disability.NONE and not grade:
            problems["disability_grade"] = "请选择残疾等级"
    return problems


@dataclass(frozen=True)
class IdOwner:
    household_id: int
    household_code: str
    head_name: str
    member_id: int
    member_name: str
    in_scope: bool = True  # False: a household outside the actor's region, whose names are not shown

    def message(self) -> str:
        if not self.in_scope:
            return f"该身份证号已登记在您辖区以外的 {self.household_code} 户,同一人不能重复登记;请与该户所在社区核实"
        return (f"该身份证号已属于 {self.household_code} 户(户主 {self.head_name or '未登记'}),同一人不能重复登记;"
                "如已迁入本户,请先从该户删除此成员")


def find_id_owner(db: Database, actor: Actor, id_number: str, *, exclude_member_id: int | None = None) -> IdOwner | None:
    """Who already has this ID number (any household, any region: numbers are unique)."""
    parsed = idcard.parse(id_number)
    if not parsed.valid or not parsed.number:
        return None
    with unit_of_work(db, actor) as uow:
        return _id_owner(uow, parsed.number, exclude_member_id)


def _id_owner(uow: UnitOfWork, number: str, exclude_member_id: int | None) -> IdOwner | None:
    """The member who has ``number``; a household outside the actor's region is named by its code
    alone (a community worker checking a number learns no names of another community, RULES §4)."""
    query = (select(Member.id, Member.name, Household.id, Household.code, Household.head_name, Household.region_id)
             .join(Household, Household.id == Member.household_id).where(Member.id_number == number))
    if exclude_member_id is not None:
        query = query.where(Member.id != exclude_member_id)
    row = uow.session.execute(query).first()
    if row is None:
        return None
    mid, mname, hid, hcode, head, region_id = row
    if not uow.in_scope(region_id):
        return IdOwner(hid, hcode or f"编号{hid}", "", mid, "", in_scope=False)
    return IdOwner(hid, hcode or f"编号{hid}", head, mid, mname)


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def _bump(uow: UnitOfWork, h: Household) -> None:
    """Every change to the aggregate moves the household's version (and says who saved it)."""
    uow.touch(h)
    h.updated_at = now_utc()


def _open_household(uow: UnitOfWork, household_id: int, expected_version: int | None) -> Household:
    h: Household = uow.get(Household, household_id, "该户")
    uow.require_scope(h.region_id, f"户 {h.code or h.id}")
    uow.check_version(h, expected_version, f"户 {h.code or h.id}")
    return h


def _sync_head(uow: UnitOfWork, h: Household) -> None:
    """Keep households.head_* and member_count in step with the members."""
    uow.session.flush()
    members = list(uow.session.execute(
        select(Member.name, Member.id_number, Member.relation).where(Member.household_id == h.id)))
    head = next((m for m in members if m.relation == Relation.SELF), None)
    h.member_count = len(members)
    h.head_name = head.name if head else ""
    h.head_id_number = head.id_number if head else None
    h.head_id_reversed = head.id_number[::-1] if head else None


def _too_long(model: type, values: dict[str, Any], labels: dict[str, str], problems: dict[str, str]) -> None:
    """Add to ``problems`` each text of ``values`` longer than its column (PostgreSQL refused it with an
    SQL error, SQLite kept it whole)."""
    for key, label in labels.items():
        value = values.get(key)
        if isinstance(value, str) and key not in problems and (message := too_long(getattr(model, key), value, label)):
            problems[key] = message


def open_clues_follow(uow: UnitOfWork, moved: dict[int, int]) -> int:
    """The open clues about households that moved (``moved``: household id -> its new community) go
    with them when they are assigned to a region that no longer holds the household: assigned to its
    new community, audited as an assignment. Left where they were, the old community still saw them
    and could not close them (the household is outside its region), and the new one never saw them.
    Returns how many."""
    if not moved:
        return 0
    regions = {r.id: r for r in uow.session.execute(select(Region.id, Region.path, Region.name)
                                                      .where(Region.id.in_(set(moved.values()))))}
    ids = list(moved)  # a register moving re-drawn communities: in parts, under the databases' bound-parameter limits
    rows = [row for start in range(0, len(ids), 5000) for row in uow.session.execute(
        select(Clue, Region.path).join(Region, Region.id == Clue.region_id)
        .where(Clue.household_id.in_(ids[start:start + 5000]), Clue.status != "closed").order_by(Clue.id))]
    now = now_utc()
    followed = 0
    for clue, assigned_path in rows:
        to = moved[clue.household_id]
        if regions[to].path.startswith(assigned_path):
            continue  # assigned to the new community or a region above it: it sees the clue already
        before = {"status": clue.status, "region_id": clue.region_id}
        clue.region_id = to
        clue.assigned_at = now
        if clue.status == "new":
            clue.status = "assigned"
        uow.touch(clue)
        uow.audit("clue.assign", "clues", clue.id, before=before, after={"status": clue.status, "region_id": to},
                  household_id=clue.household_id, detail=f"随家庭迁至{regions[to].name}")
        uow.notify("clues", clue.id)
        followed += 1
    return followed


def save_household(db: Database, actor: Actor, household_id: int, expected_version: int,
                   changes: dict[str, Any]) -> int:
    """Save the household's own fields. Returns the new version; ConflictError if stale."""
    unknown = set(changes) - set(HOUSEHOLD_FIELDS)
    if unknown:
        raise ValidationFailed("不能在此修改:" + "、".join(sorted(unknown)), {k: "不可修改" for k in unknown})
    problems: dict[str, str] = {}
    values = dict(changes)
    for key in ("address", "phone", "note", "code"):
        if key in values:
            values[key] = str(values[key] or "").strip()
    if "phone" in values:
        values["phone"] = spelling.phone_number(values["phone"])  # "138 0714 1234" is kept as 13807141234
    if "phone" in values and values["phone"] and not PHONE_NUMBER.fullmatch(values["phone"]):
        problems["phone"] = "联系电话只能包含数字和连字符"
    if "area_type" in values and values["area_type"] not in {a.value for a in AreaType}:
        problems["area_type"] = "城乡类别无效"
    if "address" in values and not values["address"]:
        problems["address"] = "地址不能为空"
    if "code" in values and values["code"] == "":
        values["code"] = None
    _too_long(Household, values, {k: HOUSEHOLD_FIELDS[k] for k in ("code", "address", "phone")}, problems)
    with unit_of_work(db, actor, write=True) as uow:
        h = _open_household(uow, household_id, expected_version)
        if "region_id" in values:
            region = uow.session.get(Region, values["region_id"])
            if region is None or region.level != "community":
                problems["region_id"] = "请选择一个社区或村"
            else:
                uow.require_scope(region.id, f"“{region.name}”")
                values["area_type"] = values.get("area_type", region.area_type)
        if values.get("code") and uow.session.scalar(
                select(Household.id).where(Household.code == values["code"], Household.id != h.id)):
            problems["code"] = f"户编号 {values['code']} 已被其他户使用"
        if problems:
            raise ValidationFailed(";".join(problems.values()), problems)
        before = snapshot(h)
        changed = False
        for key, value in values.items():
            if getattr(h, key) != value:
                setattr(h, key, value)
                changed = True
        if not changed:
            return h.version
        _bump(uow, h)
        uow.flush()
        uow.audit("household.update", "households", h.id, before=before, after=snapshot(h), household_id=h.id)
        if h.region_id != before.get("region_id"):
            open_clues_follow(uow, {h.id: h.region_id})
        uow.notify("households", h.id)
        uow.flush()
        return h.version


def _member_values(values: dict[str, Any], existing: Member | None) -> dict[str, Any]:
    out = dict(values)
    if "name" in out:
        out["name"] = spelling.person_name(str(out["name"] or "").strip())  # 买买提•吐尔逊 is 买买提·吐尔逊
    if "phone" in out:
        out["phone"] = spelling.phone_number(str(out["phone"] or ""))
    if "id_number" in out:
        parsed = idcard.parse(out["id_number"])
        if parsed.valid and parsed.number:
            out["id_number"] = parsed.number
    if isinstance(out.get("birth_date"), str):
        try:
            out["birth_date"] = date.fromisoformat(out["birth_date"]) if out["birth_date"] else None
        except ValueError:
            pass
    return out


def _check_member(uow: UnitOfWork, h: Household, values: dict[str, Any], member: Member | None) -> dict[str, Any]:
    full = {}
    if member is not None:
        for key in MEMBER_FIELDS:
            full[key] = getattr(member, key)
    full.update(values)
    unknown = set(values) - set(MEMBER_FIELDS)
    if unknown:
        raise ValidationFailed("未知字段:" + "、".join(sorted(unknown)))
    checked = dict(values)
    if {"id_number", "birth_date", "sex"} & set(values):
        checked["id_number"] = full.get("id_number")
        for key in ("birth_date", "sex"):
            checked[key] = values[key] if key in values else (None if "id_number" in values else full.get(key))
    checked["disability"] = full.get("disability", Disability.NONE)
    checked["disability_grade"] = full.get("disability_grade", 0)
    problems = check_member_fields(checked)
    _too_long(Member, values, {k: MEMBER_FIELDS[k] for k in ("name", "phone")}, problems)
    number = full.get("id_number")
    if "id_number" in values and "id_number" not in problems and number:
        owner = _id_owner(uow, number, member.id if member else None)
        if owner is not None:
            if owner.household_id == h.id:
                problems["id_number"] = f"该身份证号已是本户成员 {owner.member_name} 的号码"
            else:
                problems["id_number"] = owner.message()
    if member is not None and member.relation == Relation.SELF and full.get("relation") != Relation.SELF:
        # the household would have no head: the head changes with change_head, which names the new one
        problems["relation"] = head_relation_kept(member.name)
    elif full.get("relation") == Relation.SELF and ("relation" in values or member is None):
        query = select(Member.name).where(Member.household_id == h.id, Member.relation == Relation.SELF)
        if member is not None:
            query = query.where(Member.id != member.id)
        other = uow.session.scalar(query)
        if other:
            problems["relation"] = second_head(other)
    elif full.get("relation") == Relation.SPOUSE and ("relation" in values or member is None):
        query = select(Member.name).where(Member.household_id == h.id, Member.relation == Relation.SPOUSE)
        if member is not None:
            query = query.where(Member.id != member.id)
        other = uow.session.scalar(query)
        if other:  # as the register import refuses it: most often a daughter-in-law entered as 配偶
            problems["relation"] = f"本户已有配偶 {other};一户只能有一位配偶,请核对与户主关系(如儿媳填“子女”)"
    if problems:
        raise ValidationFailed(";".join(f"{MEMBER_FIELDS.get(k, k)}:{v}" for k, v in problems.items()), problems)
    # Derive what the ID number says when the user did not give it.
    if number and "id_number" in values:
        values.setdefault("birth_date", idcard.birth_date(number))
        values.setdefault("sex", idcard.sex(number))
        if values.get("birth_date") is None:
            values["birth_date"] = idcard.birth_date(number)
        if not values.get("sex"):
            values["sex"] = idcard.sex(number)
        values["id_reversed"] = number[::-1]
    if "disability_grade" in values:
        values["disability_grade"] = int(values["disability_grade"] or 0)
    return values


def add_member(db: Database, actor: Actor, household_id: int, expected_version: int,
               values: dict[str, Any]) -> tuple[int, int]:
    """Add a member. Returns (member id, new household version)."""
    values = _member_values(values, None)
    for required in ("name", "id_number"):
        values.setdefault(required, "")
    with unit_of_work(db, actor, write=True) as uow:
        h = _open_household(uow, household_id, expected_version)
        values = _check_member(uow, h, values, None)
        member = uow.add(Member(household_id=h.id, **values))
        uow.flush()
        before_h = snapshot(h)
        _sync_head(uow, h)
        _bump(uow, h)
        uow.flush()
        uow.audit("member.add", "members", member.id, after=snapshot(member), household_id=h.id,
                  detail=_describe_change(before_h, snapshot(h)))
        uow.notify("households", h.id)
        return member.id, h.version


def update_member(db: Database, actor: Actor, member_id: int, expected_version: int, changes: dict[str, Any], *,
                  household_version: int | None = None) -> int:
    """Change a member (``expected_version`` is the member's). Returns the new household version."""
    with unit_of_work(db, actor, write=True) as uow:
        member: Member = uow.get(Member, member_id, "该成员")
        h = _open_household(uow, member.household_id, household_version)
        uow.check_version(member, expected_version, f"成员 {member.name}")
        values = _member_values(changes, member)
        values = {k: v for k, v in values.items() if k == "id_reversed" or getattr(member, k, object()) != v}
        if not values:
            return h.version
        values = _check_member(uow, h, values, member)
        before = snapshot(member)
        for key, value in values.items():
            setattr(member, key, value)
        uow.touch(member)
        uow.flush()
        _sync_head(uow, h)
        _bump(uow, h)
        uow.flush()
        uow.audit("member.update", "members", member.id, before=before, after=snapshot(member), household_id=h.id)
        uow.notify("households", h.id)
        return h.version


def head_not_removed(name: str) -> str:
    """Why the head of household cannot be removed, and how the head changes instead."""
    return f"不能删除户主 {name}:请先用“更换户主”把户主换成另一位成员,然后再删除 {name}"


def head_relation_kept(name: str) -> str:
    """Why the head's 与户主关系 is not edited like a member's (the household would have no head)."""
    return (f"{name} 是户主,其“与户主关系”只能是“本人”(每户必须有一位户主);"
            f"如需更换户主,请用“更换户主”选定新户主,同时为 {name} 选择新的关系")


def second_head(name: str) -> str:
    """Why a second member cannot be made 本人."""
    return f"本户已有户主 {name};一户只能有一位户主,如需更换户主,请用“更换户主”"


def remove_member(db: Database, actor: Actor, member_id: int, expected_version: int, *,
                  household_version: int | None = None) -> int:
    """Remove a member (and their income/expense lines). Returns the new household version."""
    with unit_of_work(db, actor, write=True) as uow:
        member: Member = uow.get(Member, member_id, "该成员")
        h = _open_household(uow, member.household_id, household_version)
        uow.check_version(member, expected_version, f"成员 {member.name}", doing="删除")
        if member.relation == Relation.SELF:
            # Removing the head left a household with no head (an empty name in the list, no head's ID
            # to search by, a detail titled "—"): the head changes by editing relations, not by deleting.
            raise ValidationFailed(head_not_removed(member.name), {"relation": "户主不能删除"})
        before = snapshot(member)
        for model in (Income, Expense):
            for line in uow.session.scalars(select(model).where(model.member_id == member.id)):
                uow.audit(f"{model.__tablename__[:-1]}.remove", model.__tablename__, line.id, before=snapshot(line),
                          household_id=h.id, detail=f"随成员 {member.name} 一并删除")
                uow.session.delete(line)
        uow.session.delete(member)
        _sync_head(uow, h)
        _bump(uow, h)
        uow.flush()
        uow.audit("member.remove", "members", member_id, before=before, household_id=h.id)
        uow.notify("households", h.id)
        return h.version


def change_head(db: Database, actor: Actor, household_id: int, expected_version: int, new_head_id: int,
                old_head_relation: str | None, relations: dict[int, str] | None = None) -> int:
    """更换户主: ``new_head_id`` becomes the head; the old head takes ``old_head_relation`` (required
    when the household has a head; never 本人). Each member's relation is to the head, so
    ``relations`` ({member id: relation}) gives the others' new ones; those not given keep theirs
    (``rules.codes.relation_after_head_change`` suggests them). One step: the household never has
    no head nor two. Audited as the head's change and each member's new relation. Returns the new
    household version."""
    with unit_of_work(db, actor, write=True) as uow:
        h = _open_household(uow, household_id, expected_version)
        members = {m.id: m for m in uow.session.scalars(select(Member).where(Member.household_id == h.id)
                                                         .order_by(Member.id))}
        new = members.get(new_head_id)
        if new is None:
            raise ValidationFailed("所选的新户主不是本户成员(可能已被他人删除),请重新加载后再选",
                                   {"new_head_id": "不是本户成员"})
        if new.relation == Relation.SELF:
            raise ValidationFailed(f"{new.name} 已是户主", {"new_head_id": "已是户主"})
        wanted: dict[int, str] = {}
        problems: dict[str, str] = {}
        for mid, relation in (relations or {}).items():
            member = members.get(mid)
            if member is None:
                problems[str(mid)] = f"成员(编号 {mid})不是本户成员,请重新加载后再试"
            elif mid != new.id and member.relation != Relation.SELF:
                wanted[mid] = relation
        old_heads = [m for m in members.values() if m.relation == Relation.SELF]
        for old in old_heads:
            if not old_head_relation:
                problems[str(old.id)] = f"请选择原户主 {old.name} 与新户主的关系"
            else:
                wanted[old.id] = old_head_relation
        for mid, relation in wanted.items():
            who = ("原户主 " if members[mid] in old_heads else "") + members[mid].name
            if relation == Relation.SELF:
                problems[str(mid)] = f"{who} 的“与户主关系”不能是“本人”:一户只能有一位户主"
            elif relation not in {r.value for r in Relation}:
                problems[str(mid)] = f"{who} 的“与户主关系”“{relation}”无效"
        spouses = [m.name for mid, m in members.items() if mid != new.id and wanted.get(mid, m.relation) == Relation.SPOUSE]
        if not problems and len(spouses) > 1:
            problems["relation"] = (f"更换后本户将有 {len(spouses)} 位配偶({'、'.join(spouses)});一户只能有一位配偶,"
                                    "请核对各成员与新户主的关系")
        if problems:
            raise ValidationFailed(";".join(problems.values()), problems)
        before_h = snapshot(h)
        changed: list[tuple[Member, dict[str, Any]]] = []
        for mid, relation in wanted.items():
            member = members[mid]
            if member.relation != relation:
                changed.append((member, snapshot(member)))
                member.relation = relation
                uow.touch(member)
        # The former head is written before the new one: the database refuses a second head at
        # every statement (ONE_HEAD_INDEX), and a flush writes a table's rows in the order of their ids.
        uow.flush()
        changed.append((new, snapshot(new)))
        new.relation = Relation.SELF
        uow.touch(new)
        uow.flush()
        _sync_head(uow, h)
        _bump(uow, h)
        uow.flush()
        old_names = "、".join(m.name for m in old_heads) or "(无)"
        note = f"更换户主:{old_names} → {new.name}"
        uow.audit("household.change_head", "households", h.id, before=before_h, after=snapshot(h), household_id=h.id,
                  detail=note)
        for member, before in changed:
            uow.audit("member.update", "members", member.id, before=before, after=snapshot(member),
                      household_id=h.id, detail=note)
        uow.notify("households", h.id)
        return h.version


def _money_values(values: dict[str, Any], fields: dict[str, str], kinds: type, h: Household,
                  uow: UnitOfWork, line: Any = None) -> dict[str, Any]:
    """The checked values of a new income or expense line, or of changes to ``line``."""
    unknown = set(values) - set(fields)
    if unknown:
        raise ValidationFailed("未知字段:" + "、".join(sorted(unknown)))
    out = dict(values)
    problems: dict[str, str] = {}
    if "kind" in out and out["kind"] not in {k.value for k in kinds}:  # type: ignore[attr-defined]
        problems["kind"] = f"类型“{out['kind']}”无效"
    if "amount" in out and (out["amount"] is None or not str(out["amount"]).strip()):
        problems["amount"] = "请填写金额"
    elif "amount" in out and isinstance(out["amount"], str) and re.search(r"\d\s*[eE]\s*[+-]?\d", out["amount"]):
        problems["amount"] = f"金额“{out['amount']}”不是有效的金额:请直接写出数字(如 100000),不要用科学计数法"
    elif "amount" in out:
        try:  # typed by hand: 1.234 is a slip, not 1.23 behind the user's back
            out["amount"] = read_amount(out["amount"], to_the_fen=True)
        except ValueError as exc:
            problems["amount"] = f"金额“{out['amount']}”" + (str(exc) if str(exc) else "不是有效的数字")
    amount = out.get("amount", getattr(line, "amount", None))
    if "amount" not in problems and "kind" not in problems and amount is not None and amount < 0 \
            and out.get("kind", getattr(line, "kind", None)) not in NET_INCOME_KINDS:
        problems["amount"] = f"金额“{amount}”不能为负数(只有经营、财产、转移净收入可以为负数)"
    if "period_end" in out:
        value = out["period_end"]
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                problems["period_end"] = "统计截止日期格式不正确"
        out["period_end"] = value
        if not isinstance(value, date):
            problems["period_end"] = "请填写统计截止日期"
        elif message := too_early(value, "统计截止日期"):
            problems["period_end"] = message
        elif value > date.today():
            # The 12 months cannot end after today; a slipped year (2062 for 2026) would also become
            # the household's "current" figures, the only ones an assessment reads (latest period_end).
            problems["period_end"] = f"统计截止日期 {value.isoformat()} 晚于今天,应是日期输入有误,请核对"
    if out.get("member_id") is not None:
        owner = uow.session.scalar(select(Member.household_id).where(Member.id == out["member_id"]))
        if owner != h.id:
            problems["member_id"] = "所选成员不属于本户"
    if "note" in out:
        out["note"] = str(out["note"] or "").strip()
        _too_long(Income if kinds is IncomeKind else Expense, out, {"note": fields["note"]}, problems)
    if problems:
        raise ValidationFailed(";".join(f"{fields.get(k, k)}:{v}" for k, v in problems.items()), problems)
    return out


def _add_line(db: Database, actor: Actor, model: type, fields: dict[str, str], kinds: type, household_id: int,
              expected_version: int, values: dict[str, Any]) -> tuple[int, int]:
    name = model.__tablename__[:-1]  # type: ignore[attr-defined]
    with unit_of_work(db, actor, write=True) as uow:
        h = _open_household(uow, household_id, expected_version)
        for required in ("kind", "amount", "period_end"):
            if required not in values:
                raise ValidationFailed(f"请填写{fields[required]}", {required: "必填"})
        clean = _money_values(values, fields, kinds, h, uow)
        line = model(household_id=h.id, **clean)
        uow.session.add(line)
        uow.touch(line)
        _bump(uow, h)
        uow.flush()
        uow.audit(f"{name}.add", model.__tablename__, line.id, after=snapshot(line), household_id=h.id)  # type: ignore[attr-defined]
        uow.notify("households", h.id)
        return line.id, h.version


def _update_line(db: Database, actor: Actor, model: type, fields: dict[str, str], kinds: type, line_id: int,
                 expected_version: int, changes: dict[str, Any], household_version: int | None) -> int:
    name = model.__tablename__[:-1]  # type: ignore[attr-defined]
    with unit_of_work(db, actor, write=True) as uow:
        line = uow.get(model, line_id, "该记录")
        h = _open_household(uow, line.household_id, household_version)
        uow.check_version(line, expected_version, "该记录")
        clean = _money_values(changes, fields, kinds, h, uow, line)
        before = snapshot(line)
        for key, value in clean.items():
            setattr(line, key, value)
        if uow.session.is_modified(line):
            uow.touch(line)
            _bump(uow, h)
            uow.flush()
            uow.audit(f"{name}.update", model.__tablename__, line.id, before=before, after=snapshot(line),  # type: ignore[attr-defined]
                      household_id=h.id)
            uow.notify("households", h.id)
        return h.version


def _remove_line(db: Database, actor: Actor, model: type, line_id: int, expected_version: int,
                 household_version: int | None) -> int:
    name = model.__tablename__[:-1]  # type: ignore[attr-defined]
    with unit_of_work(db, actor, write=True) as uow:
        line = uow.get(model, line_id, "该记录")
        h = _open_household(uow, line.household_id, household_version)
        uow.check_version(line, expected_version, "该收支记录", doing="删除")
        before = snapshot(line)
        uow.session.delete(line)
        _bump(uow, h)
        uow.flush()
        uow.audit(f"{name}.remove", model.__tablename__, line_id, before=before, household_id=h.id)  # type: ignore[attr-defined]
        uow.notify("households", h.id)
        return h.version


def add_income(db: Database, actor: Actor, household_id: int, expected_version: int,
               values: dict[str, Any]) -> tuple[int, int]:
    """Returns (income id, new household version)."""
    return _add_line(db, actor, Income, INCOME_FIELDS, IncomeKind, household_id, expected_version, values)


def update_income(db: Database, actor: Actor, income_id: int, expected_version: int, changes: dict[str, Any], *,
                  household_version: int | None = None) -> int:
    return _update_line(db, actor, Income, INCOME_FIELDS, IncomeKind, income_id, expected_version, changes,
                        household_version)


def remove_income(db: Database, actor: Actor, income_id: int, expected_version: int, *,
                  household_version: int | None = None) -> int:
    return _remove_line(db, actor, Income, income_id, expected_version, household_version)


def add_expense(db: Database, actor: Actor, household_id: int, expected_version: int,
                values: dict[str, Any]) -> tuple[int, int]:
    values = {k: v for k, v in values.items() if k != "exempt"}
    return _add_line(db, actor, Expense, EXPENSE_FIELDS, ExpenseKind, household_id, expected_version, values)


def update_expense(db: Database, actor: Actor, expense_id: int, expected_version: int, changes: dict[str, Any], *,
                   household_version: int | None = None) -> int:
    changes = {k: v for k, v in changes.items() if k != "exempt"}
    return _update_line(db, actor, Expense, EXPENSE_FIELDS, ExpenseKind, expense_id, expected_version, changes,
                        household_version)


def remove_expense(db: Database, actor: Actor, expense_id: int, expected_version: int, *,
                   household_version: int | None = None) -> int:
    return _remove_line(db, actor, Expense, expense_id, expected_version, household_version)


def create_household(db: Database, actor: Actor, *, region_id: int, address: str, head: dict[str, Any],
                     phone: str = "", code: str | None = None, category: str = Category.NONE,
                     stage: str | None = None, next_visit_due: date | None = None,
                     last_assessed_on: date | None = None, note: str = "") -> int:
    """A new household with its head (relation "self"). Returns its id."""
    problems: dict[str, str] = {}
    phone = spelling.phone_number(phone)
    if not address.strip():
        problems["address"] = "地址不能为空"
    _too_long(Household, {"address": address.strip(), "phone": phone, "code": code},
              {k: HOUSEHOLD_FIELDS[k] for k in ("code", "address", "phone")}, problems)
    if category not in {c.value for c in Category}:
        problems["category"] = "救助类别无效"
    if stage is not None and stage not in {s.value for s in Stage}:
        problems["stage"] = "库别无效"
    if problems:
        raise ValidationFailed(";".join(problems.values()), problems)
    with unit_of_work(db, actor, write=True) as uow:
        region = uow.get(Region, region_id, "社区(村)")
        uow.require_scope(region.id, f"“{region.name}”")
        if region.level != "community":
            raise ValidationFailed("户必须属于一个社区或村", {"region_id": "请选择社区或村"})
        today = date.today()
        if next_visit_due is None:
            next_visit_due = next_visit_due_for(stage, None, today)
        h = uow.add(Household(region_id=region.id, address=address.strip(), phone=phone.strip(), code=code,
                              area_type=region.area_type, category=category, stage=stage,
                              stage_since=today if stage else None,  # enters the library today
                              next_visit_due=next_visit_due, last_assessed_on=last_assessed_on, note=note))
        uow.flush()
        if not code:
            h.code = f"H{h.id:07d}"
        if stage:  # the move that puts it there, as every other placement records one (the statistics'
            # library month by month and the board's history read the moves)
            uow.add(LibraryMove(household_id=h.id, from_stage=None, to_stage=stage, moved_on=today,
                                reason="建档时放入", created_by_id=actor.user_id))
        values = _member_values({"relation": Relation.SELF, **head}, None)
        values.setdefault("phone", phone.strip())
        values = _check_member(uow, h, values, None)
        member = uow.add(Member(household_id=h.id, **values))
        uow.flush()
        _sync_head(uow, h)
        uow.flush()
        uow.audit("household.add", "households", h.id, after=snapshot(h), household_id=h.id)
        uow.audit("member.add", "members", member.id, after=snapshot(member), household_id=h.id)
        uow.notify("households", h.id)
        return h.id


def log_list_view(db: Database, actor: Actor, flt: HouseholdFilter, rows: int) -> bool:
    """The browser shows the ``rows`` households under ``flt``: logged when their ID numbers are shown
    whole (:func:`log_full_id_list`)."""
    return log_full_id_list(db, actor, "households", lambda s: flt.describe(region_names(s, flt.region_id)), rows)


# ---------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------

EXPORT_HEADERS = ["户编号", "户主姓名", "身份证号", "街道(镇)", "社区(村)", "地址", "人口数", "救助类别",
                  "监测库别/阶段", "最近评估日期", "下次走访日期"]


def export_households(db: Database, actor: Actor, flt: HouseholdFilter, path: str | Path,
                      progress: Progress = NO_PROGRESS) -> int:
    """Write exactly the filtered view as the browser shows it (same columns, order, masking) to
    xlsx, then record the export in the audit log with the filter and the row count."""
    pager = HouseholdPager(db, actor, flt)
    total = pager.refresh()
    assert pager.regions is not None
    if total == 0:
        raise nothing_to_export("符合筛选条件的家庭户")
    today = flt.today or date.today()
    progress.report(0, total, f"正在导出 {total} 户…")

    def rows() -> Iterator[list[Any]]:
        assert pager.regions is not None
        for n, raw in enumerate(pager.iter_all(), start=1):
            r = _to_row(raw, pager.regions, actor, today)
            yield [r.code, r.head_name, r.id_display, r.subdistrict, r.community, r.address, r.member_count,
                   r.category_label, r.stage_label, r.last_assessed_on, r.next_visit_due]
            if n % 1000 == 0:
                progress.report(n, total, f"正在导出:{n} / {total} 户")

    written = write_table(path, EXPORT_HEADERS, rows(), sheet="家庭户", text_columns=(0, 2),
                          before_replace=progress.commit)  # the file is there: its export is logged
    progress.report(written, total, "正在记录导出日志…")
    place = export_place(path)
    region_names = {rid: r[2] for rid, r in pager.regions.by_id.items()}
    log_access(db, actor, "households.export", "households", None,
               after={"filter": asdict(flt), "rows": written, "file": place,
                      "masked": not actor.sees_full_id},
               detail=f"导出家庭户 {written} 户;筛选条件:{flt.describe(region_names)};文件:{place}")
    return written


__all__ = [
    "ConflictError",
    "HouseholdDetail",
    "HouseholdFilter",
    "HouseholdPager",
    "HouseholdRow",
    "MemberInfo",
    "MoneyLine",
    "NotFound",
    "TimelineEntry",
    "add_expense",
    "add_income",
    "add_member",
    "change_head",
    "check_member_fields",
    "count_households",
    "create_household",
    "export_households",
    "find_id_owner",
    "get_household",
    "list_households",
    "plan_search",
    "remove_expense",
    "remove_income",
    "remove_member",
    "save_household",
    "update_expense",
    "update_income",
    "update_member",
]
