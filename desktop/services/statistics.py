"""Statistics for supervisors: every figure computed in SQL from the records, no stored counters.

The same queries run on SQLite and PostgreSQL (dates are bucketed with ``EXTRACT`` and day numbers,
never with a dialect's own date functions except the one day-number expression below). Each
function returns plain dataclasses; :func:`records_behind` lists the households behind a bar or
point, always with MASKED ID numbers (statistics never show a full number, whoever asks).

Definitions (agreed with the demo generator):

* households proactively discovered = households whose first clue was reported in range (the
  database keeps that date as ``households.discovered_on``): a household reported again later is not
  discovered again, so the figures of consecutive periods add up; clues by source and channel count
  the clues reported in range;
* library sizes now: households by ``Household.stage`` (class_1, class_2, assisted); over time:
  month-end sizes reconstructed from ``LibraryMove`` rows, anchored on today's stages
  (size at the end of month m = size now − net moves into the stage after m); the headline of a
  period that is over gives the sizes on its last day (today's less the moves after it), so labelled;
* authorisation pass rate per month of ``accepted_on``: #check_passed true / #check_passed not null,
  before and after the commitment track started (AppSetting "commitment_track_start", else the day the
  district's first commitment-track application was accepted);
* approval time: working days between ``accepted_on`` and ``decided_on`` of decided applications,
  counted in Python with a cumulative working-day index (O(1) per application);
* funnel: clue → assessed → class I/II or application → approved, each step counted among the
  households discovered in range on its own criterion, as it stands today, or for a period that
  is over as it stood at the period's end (the stage then from ``LibraryMove`` rows);
* a period that is over (it ends before today): the funnel, library sizes and referral outcomes
  are as they stood at the end of its last day, so that running its report later gives the same
  figures: approved = decided by then and not revoked by then (a stop leaves an approval approved),
  referrals = the status each had then (closing day, time received). What the database does not
  date is today's: the community a household belongs to (a household that moved takes its records
  along), a referral reopened after it was closed. Approval time and the pass rate stay cohort
  figures: the applications accepted in the period, by the decisions and data checks made up to
  today (an application accepted in March and decided in April counts for March once decided), so
  a later run may count more of them. Clues, visits (of the library at the quarter's end) and
  post-checks done are dated in the period anyway;
* visit completion: households in class_1/class_2/assisted vs those visited in the quarter;
* referrals by department and status; post-check failure rate = failed / done.

Filters: date range, region subtree, track and category. Track and category narrow the figures
about applications (pass rate, approval time, post-checks and the funnel's application steps);
households and clues have no track.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import chain
from typing import Any

import numpy as np
from sqlalchemy import (
    Date,
    Integer,
    String,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    null,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression
from sqlalchemy.sql.operators import custom_op

from desktop.models import (
    Application,
    AppSetting,
    Assessment,
    Clue,
    Household,
    LibraryMove,
    PostCheck,
    Referral,
    Region,
    Revocation,
    Visit,
)
from desktop.models.monitoring import LIBRARY_MOVE
from desktop.rules import idcard
from desktop.rules import monitoring as monitoring_rules
from desktop.rules.codes import (
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    DEPARTMENT_LABELS,
    SOURCE_LEVEL_LABELS,
    STAGE_LABELS,
    TRACK_LABELS,
    RegionLevel,
    SourceLevel,
    Stage,
    Track,
)
from desktop.rules.workdays import DEFAULT_CALENDAR, WorkCalendar, years_text
from desktop.services.base import Actor, UnitOfWork, log_access, unit_of_work
from desktop.services.database import Database
from desktop.services.errors import ValidationFailed
from desktop.services.files import export_place, nothing_to_export
from desktop.services.monitoring import monitored_at, stage_at_sql
from desktop.services.progress import NO_PROGRESS, Progress

LIBRARY_STAGES: tuple[str, ...] = (Stage.CLASS_I.value, Stage.CLASS_II.value, Stage.ASSISTED.value)
REFERRAL_STATUS_LABELS = monitoring_rules.REFERRAL_STATUSES  # as the referral pages name them
REFERRAL_STATUSES: tuple[str, ...] = tuple(REFERRAL_STATUS_LABELS)
FUNNEL_STEPS: tuple[str, ...] = ("discovered", "assessed", "placed", "approved")
FUNNEL_LABELS = {"discovered": "发现线索", "assessed": "已评估", "placed": "入库或申请", "approved": "获批救助"}
CHECK_LABELS = {"passed": "核对通过", "failed": "核对未通过", "checked": "已核对"}
POST_CHECK_KIND_LABELS = {"centralised": "集中比对", "periodic": "定期复核", "spot": "随机抽查", "after_help": "先行救助后复查"}
POST_CHECK_LABELS = {"done": "已完成核查", "failed": "核查未通过"}
VISIT_LABELS = {"monitored": "应访户数", "visited": "已访户数", "missing": "未访户数"}
COMMITMENT_START_KEY = "commitment_track_start"
REGULAR_LIMIT = 30  # working days, whole regular procedure (RULES.md §1.5)
COMMITMENT_LIMIT = 10  # working days, commitment track
HISTOGRAM_CAP = 60  # the last bin holds everything from here on
DRILL_LIMIT = 1000
HEADLINE_WARNING = "注意"  # the label of the headline's last row when a figure is only an estimate


# -- filters and small types ---------------------------------------------------------------------

@dataclass(frozen=True)
class StatsFilter:
    """What the supervisor chose. ``None`` means no restriction."""

    date_from: date | None = None
    date_to: date | None = None
    region_id: int | None = None
    track: str | None = None
    category: str | None = None

    def describe(self, region_name: str = "") -> str:
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or '最早'} 至 {self.date_to or '今天'}")
        else:
            parts.append("全部日期")
        if region_name:
            parts.append(region_name)
        if self.track:
            parts.append(TRACK_LABELS.get(self.track, self.track))  # type: ignore[call-overload]
        if self.category:
            parts.append(CATEGORY_LABELS.get(self.category, self.category))  # type: ignore[call-overload]
        return ",".join(parts)


@dataclass(frozen=True)
class Bar:
    """One bar: a code, its label, and the count (``extra`` = a second figure, e.g. households)."""

    key: str
    label: str
    value: int
    extra: int = 0


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    nxt = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return nxt - timedelta(days=1)


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def parse_month(key: str) -> date:
    try:
        year, month = key.split("-")
        return date(int(year), int(month), 1)
    except ValueError as exc:
        raise ValidationFailed(f"月份格式不正确:{key}(应为 YYYY-MM)") from exc


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first = date(year, 3 * (quarter - 1) + 1, 1)
    return first, month_end(date(year, 3 * quarter, 1))


def months_between(first: date, last: date) -> list[date]:
    out = []
    current = month_start(first)
    while current <= last:
        out.append(current)
        current = month_end(current) + timedelta(days=1)
    return out


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# -- result types ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LibraryMonth:
    month: date  # first day of the month; sizes are at its last day
    class_1: int
    class_2: int
    assisted: int


@dataclass(frozen=True)
class LibrarySizes:
    now: tuple[Bar, ...]  # class_1, class_2, assisted today
    months: tuple[LibraryMonth, ...]
    at_end: tuple[Bar, ...] | None = None  # the same on the last day of a period that is over


@dataclass(frozen=True)
class PassRateMonth:
    month: date
    checked: int
    passed: int

    @property
    def rate(self) -> float | None:
        return rate(self.passed, self.checked)


@dataclass(frozen=True)
class PassRates:
    months: tuple[PassRateMonth, ...]
    track_start: date | None
    before_checked: int
    before_passed: int
    after_checked: int
    after_passed: int

    @property
    def before_rate(self) -> float | None:
        return rate(self.before_passed, self.before_checked)

    @property
    def after_rate(self) -> float | None:
        return rate(self.after_passed, self.after_checked)

    @property
    def overall_rate(self) -> float | None:
        return rate(self.before_passed + self.after_passed, self.before_checked + self.after_checked)


@dataclass(frozen=True)
class TrackSummary:
    track: str
    count: int
    median: float | None
    p90: float | None  # at least 90% were decided within this many working days (nearest rank)
    minimum: int | None
    maximum: int | None
    within_10: int  # decided within 10 working days
    within_30: int
    mean: float | None = None  # the average, beside the median (a few slow cases pull it up)


@dataclass(frozen=True)
class MedianMonth:
    month: date
    track: str
    median: float
    count: int


@dataclass(frozen=True)
class ApprovalTimes:
    """``histogram[track][d]`` = decided applications that took d working days (last bin: ≥ cap)."""

    histogram: dict[str, tuple[int, ...]]
    cap: int
    monthly: tuple[MedianMonth, ...]
    summary: dict[str, TrackSummary]
    unknown_years: tuple[int, ...] = ()

    def warning(self) -> str:
        if not self.unknown_years:
            return ""
        return (f"{years_text(self.unknown_years)}年的法定节假日安排尚未录入,这些年份的工作日仅按周末和固定节日估算;"
                "请管理员在“系统设置 → 节假日安排”中录入后再核对。")


@dataclass(frozen=True)
class Discoveries:
    households: int  # COUNT(DISTINCT clues.household_id)
    clues: int
    by_level: tuple[Bar, ...]
    by_channel: tuple[Bar, ...]
    by_department: tuple[Bar, ...]
    funnel: tuple[Bar, ...]


@dataclass(frozen=True)
class CommunityVisits:
    region_id: int
    name: str
    monitored: int
    visited: int

    @property
    def rate(self) -> float | None:
        return rate(self.visited, self.monitored)


@dataclass(frozen=True)
class VisitCompletion:
    year: int
    quarter: int
    rows: tuple[CommunityVisits, ...]

    @property
    def monitored(self) -> int:
        return sum(r.monitored for r in self.rows)

    @property
    def visited(self) -> int:
        return sum(r.visited for r in self.rows)

    @property
    def rate(self) -> float | None:
        return rate(self.visited, self.monitored)

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.quarter}季度"


@dataclass(frozen=True)
class DepartmentReferrals:
    department: str
    label: str
    counts: dict[str, int]  # status -> count

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Referrals:
    rows: tuple[DepartmentReferrals, ...]

    def total(self, status: str | None = None) -> int:
        return sum(r.counts.get(status, 0) if status else r.total for r in self.rows)


@dataclass(frozen=True)
class PostCheckMonth:
    month: date
    done: int
    failed: int

    @property
    def rate(self) -> float | None:
        return rate(self.failed, self.done)


@dataclass(frozen=True)
class PostChecks:
    done: int
    failed: int
    months: tuple[PostCheckMonth, ...]
    by_kind: dict[str, tuple[int, int]]  # kind -> (done, failed)

    @property
    def rate(self) -> float | None:
        return rate(self.failed, self.done)


@dataclass(frozen=True)
class Statistics:
    """Everything the statistics page shows, for one filter."""

    filter: StatsFilter
    scope_name: str
    computed_on: date
    discoveries: Discoveries
    library: LibrarySizes
    pass_rates: PassRates
    approval: ApprovalTimes
    visits: VisitCompletion
    referrals: Referrals
    post_checks: PostChecks
    timings: dict[str, float] = field(default_factory=dict)  # seconds per chart, for the curious
    regional: bool = False  # a part of the district: households counted in the community they are in now

    @property
    def as_of(self) -> date | None:
        """The last day of a period that is over, at whose end the funnel, library sizes and referral
        outcomes stand (None: today's); approval time and the pass rate count the decisions and data
        checks made up to today."""
        return _period_end(self.filter, self.computed_on)

    def headline(self) -> list[tuple[str, str]]:
        """The key figures as (label, value) in Chinese, for the page and the monthly summary."""
        lib = {b.key: b.value for b in self.library.now}
        when = ""
        end = self.filter.date_to
        if end is not None and self.library.at_end is not None:  # a past period: the sizes on its last day
            when = f"({month_key(end)}月末)" if end == month_end(end) else f"(截至{end.isoformat()})"
            lib = {b.key: b.value for b in self.library.at_end}
        out = [
            ("主动发现家庭", f"{self.discoveries.households:,} 户"),
            (f"一类库{when}", f"{lib.get(Stage.CLASS_I.value, 0):,} 户"),
            (f"二类库{when}", f"{lib.get(Stage.CLASS_II.value, 0):,} 户"),
            (f"救助中{when}", f"{lib.get(Stage.ASSISTED.value, 0):,} 户"),
        ]
        pr = self.pass_rates
        # Each rate with the counts it is made of (passed/checked), as the visit and post-check rates below
        if pr.track_start is not None:
            out.append(("承诺制实施前授权合格率", f"{pct(pr.before_rate)}({pr.before_passed:,}/{pr.before_checked:,})"))
            out.append(("承诺制实施后授权合格率", f"{pct(pr.after_rate)}({pr.after_passed:,}/{pr.after_checked:,})"))
        else:
            out.append(("授权合格率", f"{pct(pr.overall_rate)}({pr.before_passed + pr.after_passed:,}/"
                                       f"{pr.before_checked + pr.after_checked:,})"))
        # Working days in a year whose holidays nobody has entered are estimates: each figure says
        # so, and the warning closes the list (the window, the xlsx and the PDF print the same list).
        estimated = "约 " if self.approval.unknown_years else ""
        shown = False
        for track in (Track.REGULAR.value, Track.COMMITMENT.value):
            s = self.approval.summary.get(track)
            if s is not None and s.count:
                shown = True
                out.append((f"{TRACK_LABELS[Track(track)]}审批用时中位数",
                            f"{estimated}{fmt_days(s.median)} 个工作日({s.count:,} 件)"))
        out.append((f"{self.visits.label}走访完成率",
                    f"{pct(self.visits.rate)}({self.visits.visited:,}/{self.visits.monitored:,})"))
        out.append(("转介办结", f"{self.referrals.total('done'):,}/{self.referrals.total():,} 件"))
        out.append(("事后核查未通过率", f"{pct(self.post_checks.rate)}({self.post_checks.failed:,}/{self.post_checks.done:,})"))
        if shown and self.approval.warning():
            out.append((HEADLINE_WARNING, "审批用时" + self.approval.warning()))
        return out


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def fmt_days(value: float | None) -> str:
    """Working days to one decimal, rounded half up as a supervisor does by hand (11.25 → 11.3)."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{value:.0f}"
    return str(Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


# -- the query context -------------------------------------------------------------------------------

@dataclass
class _Q:
    uow: UnitOfWork
    f: StatsFilter
    region_ids: list[int] | None  # None = every region
    scope_name: str
    is_sqlite: bool
    end: date | None = None  # the last day of a period that is over: figures as they stood then
    drill_limit: int | None = DRILL_LIMIT  # the records a list shows (records_behind's limit; None: all)

    @property
    def session(self) -> Any:
        return self.uow.session

    def in_region(self, column: Any) -> list[ColumnElement[bool]]:
        """``column`` (a region id: the household's, or its copy on an event row) in the regions
        shown; nothing for the whole district."""
        return [] if self.region_ids is None else [column.in_(self.region_ids)]

    def household_region(self) -> list[ColumnElement[bool]]:
        return self.in_region(Household.region_id)

    def between(self, column: Any) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        if self.f.date_from is not None:
            out.append(column >= self.f.date_from)
        if self.f.date_to is not None:
            out.append(column <= self.f.date_to)
        return out

    def application_filters(self) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        if self.f.track:
            out.append(Application.track == self.f.track)
        if self.f.category:
            out.append(Application.category == self.f.category)
        return out

    def unordered(self, *columns: Any) -> list[Any]:
        """GROUP BY keys SQLite will not read in the order of an index on them ("+column"). Used when
        the rows shown are narrowed by a column such an index lacks: SQLite would otherwise walk
        that index to save a sort and look up every row to filter it (about 10× slower)."""
        if not self.is_sqlite:
            return list(columns)
        return [UnaryExpression(column, operator=custom_op("+")) for column in columns]

    def month(self, column: Any) -> ColumnElement[str]:
        """'YYYY-MM' of a date column: the same text on both databases, cheap on both."""
        if self.is_sqlite:
            return func.substr(column, 1, 7)  # SQLite keeps dates as 'YYYY-MM-DD' text
        return func.to_char(column, "YYYY-MM")

    def day_number(self, column: Any) -> ColumnElement[int]:
        """The date as ``date.toordinal()``, computed by the database."""
        if self.is_sqlite:
            return cast(func.julianday(column) - 1721424.5, Integer)
        return cast(column - cast(literal("0001-01-01"), Date) + 1, Integer)


def _open(uow: UnitOfWork, f: StatsFilter, today: date) -> _Q:
    actor_path = uow.actor.region_path
    scope_name = uow.actor.region_name or "全区"
    path = actor_path
    if f.region_id is not None:
        region = uow.get(Region, f.region_id, "地区")
        uow.require_scope(region.id, f"“{region.name}”")
        path = region.path
        scope_name = region.name
    ids: list[int] | None = None
    if path:
        ids = list(uow.session.execute(select(Region.id).where(Region.path.like(path + "%"))).scalars())
        total = uow.session.execute(select(func.count()).select_from(Region)).scalar_one()
        if len(ids) == total:
            ids = None  # the whole district: no condition at all (faster)
    return _Q(uow, f, ids, scope_name, uow.db.is_sqlite, _period_end(f, today))


def _num(value: Any) -> int:
    return int(value or 0)


def _ymd(year: Any, month: Any) -> date:
    return date(int(year), int(month), 1)


# -- discoveries and the funnel --------------------------------------------------------------------

def _clue_conditions(q: _Q) -> list[ColumnElement[bool]]:
    """The clues shown. A clue counts in its household's region, or in its own without a
    household: the database keeps that as ``scope_region_id``."""
    return [*q.between(Clue.reported_on), *q.in_region(Clue.scope_region_id)]


def _discoveries(q: _Q, today: date) -> Discoveries:
    conditions = _clue_conditions(q)
    # One scan: clues per (source level, source, channel); the three bar charts are sums of it.
    rows = q.session.connection().execute(
        select(Clue.source_level, Clue.source, Clue.channel, func.count()).where(*conditions)
        .group_by(Clue.source_level, Clue.source, Clue.channel)
    ).all()
    levels: dict[str, int] = {}
    channels: dict[str, int] = {}
    departments: dict[str, int] = {}
    for level, src, channel, n in rows:
        levels[level or ""] = levels.get(level or "", 0) + int(n)
        channels[channel or ""] = channels.get(channel or "", 0) + int(n)
        if level == SourceLevel.DEPARTMENT.value:
            departments[src or ""] = departments.get(src or "", 0) + int(n)

    def bars(found: dict[str, int], labels: dict[str, str], *, by_count: bool = False) -> tuple[Bar, ...]:
        out = [Bar(k, v, found.pop(k, 0)) for k, v in labels.items()]
        rest = sorted(found.items(), key=(lambda kv: (-kv[1], kv[0])) if by_count else None)
        return tuple(out + [Bar(k, k or "未填写", n) for k, n in rest])

    funnel = _funnel(q, today)
    # The funnel's first step is the headline figure: the households discovered in the period.
    return Discoveries(funnel[0].value, sum(levels.values()), bars(levels, SOURCE_LEVEL_LABELS),
                       bars(channels, CHANNEL_LABELS), bars(departments, DEPARTMENT_LABELS, by_count=True), funnel)


def _discovered(q: _Q) -> list[ColumnElement[bool]]:
    """The households discovered in the period shown: their first clue (``discovered_on``, which
    the database keeps) falls in it. A household reported again later is not discovered again, so
    the counts of consecutive periods add up to the count of both."""
    return [Household.discovered_on.is_not(None), *q.between(Household.discovered_on), *q.household_region()]


def _period_end(f: StatsFilter, today: date) -> date | None:
    """The end of a period that is over (before today), or None when the period runs to today or
    later: figures "as they stand" are then today's. The funnel, library sizes and referral outcomes
    of a period that is over stand as at the end of its last day, so that its report does not change
    when it is run again later (supervisors compare one month's with the next); approval time and
    the pass rate do not (cohort figures: :func:`_decided`)."""
    end = f.date_to
    return end if end is not None and end < today else None


def _funnel_source(q: _Q) -> tuple[Any, Any]:
    """The households (FROM) and the best of each one's applications under the filters: 2 when
    one was approved, 1 when there is any other, NULL when there is none. Without a track or
    category it is the copy the database keeps on the household, so every step is read from the
    index (discovered_on, region_id, stage, last_assessed_on, best_application) alone."""
    filters = q.application_filters()
    if not filters:
        return Household.__table__, Household.best_application
    best_of = func.max(case((Application.status == "approved", 2), else_=1))
    if q.is_sqlite:  # one probe of (household_id, status, track, category) per household
        return Household.__table__, (select(best_of).where(Application.household_id == Household.id, *filters)
                                     .scalar_subquery())
    # PostgreSQL runs a correlated sub-plan row by row: grouped applications, joined (twice as fast).
    apps = (select(Application.household_id, best_of.label("best"))
            .where(*filters, *q.in_region(Application.region_id)).group_by(Application.household_id).subquery("apps"))
    return Household.__table__.outerjoin(apps, apps.c.household_id == Household.id), apps.c.best


# -- as at the end of a period that is over ----------------------------------------------------------
# What the database keeps of each change after the fact, read back to the end of a past period:
# the decision date (applications.decided_on), the day the failed post-check revoked an approval
# (revocations → post_checks.done_on), a referral's closing day (closed_on) and the time it was
# received (received_at), the library moves. A stop decided later leaves an approval approved (it
# only ends the payments), so it changes no period figure. Approval time and the pass rate are not
# read back: they are cohort figures (see _decided).

def _revoked_by(end: date) -> ColumnElement[bool]:
    """The application (correlated) was revoked on or before ``end``: the failed post-check that
    opened its revocation was done by then. A revoked application without that record counts as
    revoked whenever asked (nothing says since when)."""
    revocations = Revocation.__table__.join(PostCheck.__table__, PostCheck.id == Revocation.post_check_id)
    known_later = (select(literal(1)).select_from(revocations)
                   .where(Revocation.application_id == Application.id, PostCheck.done_on > end).exists())
    known_by = (select(literal(1)).select_from(revocations)
                .where(Revocation.application_id == Application.id, PostCheck.done_on <= end).exists())
    return and_(Application.status == "revoked", or_(known_by, ~known_later))


def _approved_by(end: date) -> list[ColumnElement[bool]]:
    """The application (correlated) stood approved at the end of ``end``: approved by then and not
    revoked by then (stopped or not: a stop ends the payments, not the approval)."""
    return [Application.decided_on <= end, Application.status.in_(("approved", "revoked")), ~_revoked_by(end)]


def _referral_status_at(end: date | None) -> Any:
    """A referral's status at the end of ``end`` (today's for None): done or declined by its closing
    day, received by the time it was received (a day given: from its start), sent before."""
    if end is None:
        return Referral.status
    cutoff = datetime.combine(end + timedelta(days=1), time()).astimezone()  # the workstation's midnight
    received = case((and_(Referral.received_at.is_not(None), Referral.received_at < cutoff), literal("received")),
                    else_=literal("sent"))
    return case((and_(Referral.status.in_(("done", "declined")), Referral.closed_on > end), received),
                (and_(Referral.status == "received", Referral.received_at >= cutoff), literal("sent")),
                else_=Referral.status)


def _funnel_steps(q: _Q, today: date) -> tuple[Any, dict[str, ColumnElement[bool]]]:
    """The households (FROM) and the steps after discovery as conditions on one discovered
    household. Each is counted among the discovered households on its own criterion (not nested),
    so a step with no records (e.g. assessments not yet entered) does not hide the steps after it.

    A period that runs to today or later counts each step as it stands today: assessed = its last
    assessment date is set (the assessment service keeps it); placed = in class I or II now, or an
    application under the filters; approved = an application approved (not revoked). A period that
    is over counts each step as it stood at the period's end, so that its report does not change
    when a household moves, applies or is assessed afterwards: assessed by then, in class I or II
    at the end (from the library moves: monitoring.stage_at_sql) or applied by then, approved by then
    and not revoked by then (:func:`_approved_by`)."""
    library = (Stage.CLASS_I.value, Stage.CLASS_II.value)
    end = q.end
    if end is None:
        source, best = _funnel_source(q)
        return source, {"assessed": Household.last_assessed_on.is_not(None),
                        "placed": or_(Household.stage.in_(library), best.is_not(None)),
                        "approved": best == 2}
    own = Application.household_id == Household.id
    filters = q.application_filters()
    assessed = or_(Household.last_assessed_on <= end,
                   exists().where(Assessment.household_id == Household.id, Assessment.assessed_on <= end))
    applied = exists().where(own, *filters, Application.accepted_on <= end)
    approved = exists().where(own, *filters, *_approved_by(end))
    placed = or_(stage_at_sql(end).in_(library), applied)
    return Household.__table__, {"assessed": assessed, "placed": placed, "approved": approved}


def _funnel(q: _Q, today: date) -> tuple[Bar, ...]:
    source, steps = _funnel_steps(q, today)
    row = q.session.connection().execute(
        select(func.count(), *(func.count(case((steps[step], 1))) for step in FUNNEL_STEPS[1:]))
        .select_from(source).where(*_discovered(q))).one()
    return tuple(Bar(step, FUNNEL_LABELS[step], _num(v)) for step, v in zip(FUNNEL_STEPS, row, strict=True))


# -- library sizes -----------------------------------------------------------------------------------

def _library(q: _Q, today: date) -> LibrarySizes:
    rows = q.session.execute(
        select(Household.stage, func.count()).where(Household.stage.in_(LIBRARY_STAGES), *q.household_region())
        .group_by(Household.stage)
    ).all()
    now = {stage: 0 for stage in LIBRARY_STAGES}
    now.update({r[0]: int(r[1]) for r in rows})
    bars = tuple(Bar(s, STAGE_LABELS[Stage(s)], now[s]) for s in LIBRARY_STAGES)

    # Net moves per month and stage: +1 into a stage, −1 out of it. Grouped by day (the index
    # (moved_on, from_stage, to_stage), or per region (region_id, moved_on, …), answers it alone,
    # already in order), summed per month here.
    conditions: list[ColumnElement[bool]] = [text(f"({LIBRARY_MOVE})")]  # as the partial indexes say it
    if q.f.date_from is not None:  # earlier moves only shape months that are not shown
        conditions.append(LibraryMove.moved_on >= month_start(q.f.date_from))
    groups: list[Any] = [LibraryMove.moved_on, LibraryMove.from_stage, LibraryMove.to_stage]
    if q.region_ids is not None:
        conditions.append(LibraryMove.region_id.in_(q.region_ids))
        groups.insert(0, LibraryMove.region_id)
    flows: dict[tuple[date, str], int] = {}
    months: dict[str, date] = {}
    # A period that is over: its sizes on its last day are today's less the moves after that day.
    end = q.f.date_to if q.f.date_to is not None and q.f.date_to < today else None
    after_end = end.isoformat() if end is not None else "9999"
    at_end = dict(now)
    # The day as 'YYYY-MM-DD' text on both databases: tens of thousands of groups per region are
    # cheaper to sum by their first seven characters than to turn into dates one by one.
    for day, from_stage, to_stage, n in q.session.connection().execute(
        select(cast(LibraryMove.moved_on, String(10)), LibraryMove.from_stage, LibraryMove.to_stage, func.count())
        .where(*conditions).group_by(*groups)
    ).all():
        m = months.get(day[:7])
        if m is None:
            m = months[day[:7]] = parse_month(day[:7])
        if to_stage in LIBRARY_STAGES:
            flows[(m, to_stage)] = flows.get((m, to_stage), 0) + int(n)
            if day > after_end:
                at_end[to_stage] -= int(n)
        if from_stage in LIBRARY_STAGES:
            flows[(m, from_stage)] = flows.get((m, from_stage), 0) - int(n)
            if day > after_end:
                at_end[from_stage] += int(n)
    end_bars = None if end is None else tuple(Bar(s, STAGE_LABELS[Stage(s)], at_end[s]) for s in LIBRARY_STAGES)
    if not flows and not any(now.values()):
        return LibrarySizes(bars, (), end_bars)  # no library at all: the chart's empty state
    # A period starts at its own first month (moves before it were not read: the sizes then come
    # from walking back); without a start date, the chart starts at the first move.
    if q.f.date_from is not None:
        first = month_start(q.f.date_from)
    elif flows:
        first = min(k[0] for k in flows)
    else:
        first = month_start(today)  # households placed without any move: only today's sizes
    last = month_start(today)
    if q.f.date_to is not None:
        last = min(last, month_start(q.f.date_to))
    flow_months = [k[0] for k in flows]
    all_months = months_between(min([first, *flow_months]), max([last, *flow_months]))
    # Walk back from now: size at the end of month m = size now − flows in the months after m.
    sizes: dict[date, dict[str, int]] = {}
    running = dict(now)
    for m in reversed(all_months):
        sizes[m] = dict(running)
        for stage in LIBRARY_STAGES:
            running[stage] -= flows.get((m, stage), 0)
    months = tuple(
        LibraryMonth(m, sizes[m][Stage.CLASS_I.value], sizes[m][Stage.CLASS_II.value], sizes[m][Stage.ASSISTED.value])
        for m in all_months if first <= m <= last
    )
    return LibrarySizes(bars, months, end_bars)


# -- authorisation pass rate -------------------------------------------------------------------------

def commitment_track_start(uow: UnitOfWork) -> date | None:
    """The day the district's commitment track started: the date kept in the settings (the demo district
    keeps its switch date there), else the day the first application on that track was accepted, in the
    whole district whatever the filters (nothing else in the program records it: without this, a real
    office's pass rate could never be split before and after). None while no application is on it."""
    setting = uow.session.get(AppSetting, COMMITMENT_START_KEY)
    if setting is not None and isinstance(setting.value, dict):
        try:
            return date.fromisoformat(str(setting.value.get("date")))
        except ValueError:
            pass
    first: date | None = uow.session.scalar(
        select(func.min(Application.accepted_on)).where(Application.track == Track.COMMITMENT.value))
    return first


def _application_conditions(q: _Q) -> list[ColumnElement[bool]]:
    """The applications shown (by their copy of the household's region)."""
    return [*q.between(Application.accepted_on), *q.application_filters(), *q.in_region(Application.region_id)]


def _checked(q: _Q) -> list[ColumnElement[bool]]:
    """The applications shown whose data check has a result now, also for a period that is over (a
    cohort figure, like approval time: see :func:`_decided`)."""
    return [Application.check_passed.is_not(None), *_application_conditions(q)]


def _pass_rates(q: _Q) -> PassRates:
    start = commitment_track_start(q.uow)
    where = _checked(q)
    # Rows of (month, after the track started, checked, passed).
    counted: list[tuple[date, bool, int, int]] = []
    if q.region_ids is None:
        # Grouped by day and result: the index (accepted_on, check_passed, household_id) answers
        # it alone, already in order (no sort); months and the split are summed here. With a track
        # or category, which that index lacks, the rows come from the covering (region_id, …) one.
        groups = [Application.accepted_on, Application.check_passed]
        if q.application_filters():
            groups = q.unordered(*groups)
        for day, passed, n in q.session.connection().execute(
            select(Application.accepted_on, Application.check_passed, func.count()).where(*where).group_by(*groups)
        ).all():
            counted.append((month_start(day), start is None or day >= start, int(n), int(n) if passed else 0))
    else:
        # A region: its applications come from (region_id, accepted_on, …), not in day order,
        # so grouping by month is cheaper.
        month = q.month(Application.accepted_on)
        passed_sum = func.sum(case((Application.check_passed.is_(True), 1), else_=0))
        after: Any = literal(0) if start is None else case((Application.accepted_on >= start, 1), else_=0)
        for key, is_after, n, p in q.session.connection().execute(
            select(month, after.label("after"), func.count(), passed_sum)
            .where(*where).group_by(month, after.label("after"))
        ).all():
            counted.append((parse_month(key), start is None or bool(int(is_after)), int(n), _num(p)))
    by_month: dict[date, list[int]] = {}
    split = [[0, 0], [0, 0]]  # before, after: [checked, passed]
    for m_key, is_after, n, p in counted:
        m = by_month.setdefault(m_key, [0, 0])
        m[0] += n
        m[1] += p
        side = split[1 if is_after else 0]
        side[0] += n
        side[1] += p
    months = tuple(PassRateMonth(m, c, p) for m, (c, p) in sorted(by_month.items()))
    return PassRates(months, start, split[0][0], split[0][1], split[1][0], split[1][1])


# -- approval time in working days -------------------------------------------------------------------

def load_work_calendar(db: Database) -> WorkCalendar:
    """The administrators' calendar when that module exists, else the built-in one."""
    try:
        module = importlib.import_module("desktop.services.calendar")
    except ModuleNotFoundError as exc:
        if exc.name not in ("desktop.services.calendar",):
            raise
        return DEFAULT_CALENDAR
    loader = getattr(module, "load_calendar", None)
    return loader(db) if loader is not None else DEFAULT_CALENDAR


_YEAR_FLAGS: dict[tuple[Any, ...], np.ndarray] = {}


def _year_flags(calendar: WorkCalendar, year: int) -> np.ndarray:
    """1 for each working day of a year, 0 otherwise, from the calendar itself (cached per year
    and per set of administrator entries, so a changed calendar is recomputed)."""
    overrides = tuple(sorted((d, w) for d, w in calendar.overrides.items() if d.year == year))
    key = (year, overrides, year in calendar.entered_years, calendar.knows(year))
    flags = _YEAR_FLAGS.get(key)
    if flags is None:
        first = date(year, 1, 1)
        days = date(year, 12, 31).toordinal() - first.toordinal() + 1
        flags = np.fromiter((calendar.is_workday(first + timedelta(days=i)) for i in range(days)),
                            dtype=np.int32, count=days)
        if len(_YEAR_FLAGS) > 256:
            _YEAR_FLAGS.clear()
        _YEAR_FLAGS[key] = flags
    return flags


class WorkdayIndex:
    """Cumulative working days per date over a range: working days between two dates in O(1).

    ``count(a, b)`` equals ``calendar.working_days_between(a, b)`` (days after a up to and
    including b) for any a ≤ b inside the range."""

    def __init__(self, calendar: WorkCalendar, first: date, last: date) -> None:
        self.base = first.toordinal()
        flags = np.concatenate([_year_flags(calendar, y) for y in range(first.year, last.year + 1)])
        offset = first.toordinal() - date(first.year, 1, 1).toordinal()
        flags = flags[offset:offset + last.toordinal() - self.base + 1]
        self.cumulative = np.cumsum(flags, dtype=np.int32)
        self.unknown_years = calendar.unknown_years_between(first, last)

    def count(self, start: Any, end: Any) -> Any:
        """Working days after ``start`` up to and including ``end``: ordinals (ints or arrays)."""
        return self.cumulative[np.asarray(end) - self.base] - self.cumulative[np.asarray(start) - self.base]


def _decided(q: _Q, *extra: ColumnElement[bool], with_ids: bool = False) -> tuple[np.ndarray, ...]:
    """Decided applications as arrays: (accepted ordinal, decided ordinal, is commitment, weight)
    — grouped by those three, weight = how many — or, ``with_ids``, one row per application with
    its id instead of a weight.

    A cohort figure, also for a period that is over: the applications accepted in it that are decided
    now, whenever the decision came. Cut at the period's end, an application accepted in March and
    decided in April would be in no report, and a past month's median would leave out exactly its
    slow applications; so a later run may count more of them (the page says so)."""
    conditions = _application_conditions(q)
    acc, dec = q.day_number(Application.accepted_on), q.day_number(Application.decided_on)
    flag = case((Application.track == Track.COMMITMENT.value, 1), else_=0)
    where = [Application.decided_on.is_not(None), *conditions, *extra]
    if with_ids:
        stmt = select(acc, dec, flag, Application.id).where(*where)
    else:
        # Grouped by the columns themselves: the index (accepted_on, decided_on, track, …) yields
        # the groups in order, so there is no sort; the day numbers are computed once per group.
        groups = [Application.accepted_on, Application.decided_on, Application.track]
        if q.region_ids is not None:  # per region in the order of (region_id, accepted_on, …)
            groups.insert(0, Application.region_id)
        stmt = select(acc, dec, flag, func.count()).where(*where).group_by(*groups)
    rows = q.session.connection().execute(stmt).all()
    if not rows:
        return tuple(np.zeros(0, dtype=np.int64) for _ in range(4))
    data = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=len(rows) * 4).reshape(len(rows), 4)
    return tuple(data[:, i] for i in range(4))


def _index_for(q: _Q, accepted: np.ndarray, decided: np.ndarray) -> WorkdayIndex | None:
    if accepted.size == 0:
        return None
    first = date.fromordinal(int(min(accepted.min(), decided.min())))
    last = date.fromordinal(int(max(accepted.max(), decided.max())))
    return WorkdayIndex(load_work_calendar(q.uow.db), first, last)


def _weighted_median(values: np.ndarray, weights: np.ndarray, q: float = 0.5) -> float:
    """The q-quantile of values each counted ``weights`` times (numpy's default, linear method)."""
    return float(np.percentile(np.repeat(values, weights), q * 100))


def _approval(q: _Q) -> ApprovalTimes:
    accepted, decided, commitment, weight = _decided(q)
    index = _index_for(q, accepted, decided)
    tracks = (Track.REGULAR.value, Track.COMMITMENT.value)
    if index is None:
        empty = {t: TrackSummary(t, 0, None, None, None, None, 0, 0) for t in tracks}
        return ApprovalTimes({t: (0,) * (HISTOGRAM_CAP + 1) for t in tracks}, HISTOGRAM_CAP, (), empty)
    days = index.count(accepted, decided)
    histogram: dict[str, tuple[int, ...]] = {}
    summary: dict[str, TrackSummary] = {}
    monthly: list[MedianMonth] = []
    # Month of acceptance as months since 1970-01, from the ordinal (vectorised via datetime64).
    d64 = (accepted - date(1970, 1, 1).toordinal()).astype("datetime64[D]")
    month_index = d64.astype("datetime64[M]").astype(np.int64)
    for flag, track in ((0, tracks[0]), (1, tracks[1])):
        mask = commitment == flag
        sel, w = days[mask], weight[mask]
        histogram[track] = tuple(int(x) for x in np.bincount(np.clip(sel, 0, HISTOGRAM_CAP), weights=w,
                                                              minlength=HISTOGRAM_CAP + 1).astype(np.int64))
        if sel.size:
            all_days = np.repeat(sel, w)
            # "90% within N working days" is a count of applications: N is the smallest number of days
            # within which at least 90% were decided (nearest rank), not a value between two of them
            # (of 1 and 30 days, "90% within 27.1" held for one application in two).
            summary[track] = TrackSummary(track, int(w.sum()), float(np.median(all_days)),
                                          float(np.percentile(all_days, 90, method="inverted_cdf")),
                                          int(sel.min()), int(sel.max()),
                                          int(w[sel <= COMMITMENT_LIMIT].sum()), int(w[sel <= REGULAR_LIMIT].sum()),
                                          float(all_days.mean()))
            months = month_index[mask]
            order = np.argsort(months, kind="stable")
            keys, starts = np.unique(months[order], return_index=True)
            for key, d_chunk, w_chunk in zip(keys, np.split(sel[order], starts[1:]), np.split(w[order], starts[1:]),
                                             strict=True):
                m = 1970 * 12 + int(key)
                monthly.append(MedianMonth(date(m // 12, m % 12 + 1, 1), track,
                                           _weighted_median(d_chunk, w_chunk), int(w_chunk.sum())))
        else:
            summary[track] = TrackSummary(track, 0, None, None, None, None, 0, 0)
    monthly.sort(key=lambda x: (x.month, x.track))
    return ApprovalTimes(histogram, HISTOGRAM_CAP, tuple(monthly), summary, index.unknown_years)


# -- visits, referrals, post-checks ---------------------------------------------------------------------

def shown_quarter(f: StatsFilter, today: date) -> tuple[int, int]:
    """The quarter whose visits are shown: the one the period ends in, or the one under way when
    the period ends after today (a quarter that has not begun has nothing to complete)."""
    return quarter_of(min(f.date_to, today) if f.date_to is not None else today)


def _visits(q: _Q, today: date) -> VisitCompletion:
    year, quarter = shown_quarter(q.f, today)
    return visit_completion_for(q, year, quarter, today)


CORRECTION_LIMIT = 0.6  # moves since a past quarter per household in the library now, beyond which
# visit completion works the library of then out directly


def _library_changes_since(day: date, visited: ColumnElement[Any], q: _Q) -> Any:
    """Per region, the households in the library at the end of ``day`` that are not now (+1) and
    those in it now that were not then (-1), with how many of them were visited: today's library
    plus these is the library of then, by the definition of monitoring.monitored_at. Only households
    whose stage changed after ``day`` can differ: those moved since (their stage then is where their
    first later move took them from) and those placed without a move since (not in it then)."""
    ranked = (select(LibraryMove.household_id, LibraryMove.from_stage,
                     func.row_number().over(partition_by=q.unordered(LibraryMove.household_id)[0],
                                            order_by=(LibraryMove.moved_on, LibraryMove.id)).label("n"))
              .where(LibraryMove.moved_on > day).subquery())
    first_later = select(ranked.c.household_id, ranked.c.from_stage).where(ranked.c.n == 1).subquery()
    now_in = Household.stage.in_(LIBRARY_STAGES)
    was_in = func.coalesce(first_later.c.from_stage, "").in_(LIBRARY_STAGES)
    sign = case((was_in, 1), else_=-1)
    # SQLite is kept from walking an index in the grouping order over every household ("+column").
    region = q.unordered(Household.region_id)[0]
    moved = (select(Household.region_id, sign, func.count(), func.sum(visited))
             .join(first_later, first_later.c.household_id == Household.id)
             .where(case((now_in, 1), else_=0) != case((was_in, 1), else_=0), *q.household_region())
             .group_by(region, sign))
    placed = (select(Household.region_id, literal(-1), func.count(), func.sum(visited))
              .where(now_in, Household.stage_since > day, *q.household_region(),
                     Household.id.not_in(select(LibraryMove.household_id).where(LibraryMove.moved_on > day)))
              .group_by(region))
    return moved.union_all(placed)


def visit_completion_for(q: _Q, year: int, quarter: int, today: date) -> VisitCompletion:
    first, last = quarter_bounds(year, quarter)
    # The households to visit are those in the library at the quarter's end, as the quarterly
    # report counts them (monitoring.monitored_at). They are counted as today's library, read from
    # the index (stage, region_id, last_visited_on, id) alone, in order, without a sort; for a past
    # quarter, corrected by the households whose stage changed after it (moved since, or placed
    # without a move), for which the stage at the quarter's end is worked out one by one.
    # A household was visited in the quarter when a visit record falls in it. Its last visit date
    # (kept with each visit recorded, the same date the monitoring board reads) settles that for
    # almost every household: inside the quarter → visited; before it, or none → not visited;
    # only a visit after the quarter (a past quarter is shown) needs the visits themselves.
    seen = Household.last_visited_on
    probed = exists().where(Visit.household_id == Household.id, Visit.visited_on >= first, Visit.visited_on <= last)
    visited = case((seen.between(first, last), 1), (and_(seen > last, probed), 1), else_=0)
    conn = q.session.connection()
    # Far back, when more households have moved since than are in the library now, working out
    # each one's stage then is the shorter road (same definition, same figures).
    direct = last < today and (conn.scalar(select(func.count()).where(LibraryMove.moved_on > last)) or 0) > \
        CORRECTION_LIMIT * (conn.scalar(select(func.count()).where(Household.stage.in_(LIBRARY_STAGES))) or 0)
    stage, in_library = monitored_at(last, today) if direct else (Household.stage, [Household.stage.in_(LIBRARY_STAGES)])
    per_region: dict[int, list[int]] = {}
    for _stage, region_id, n, v in conn.execute(
        select(stage, Household.region_id, func.count(), func.sum(visited))
        .where(*in_library, *q.household_region())
        .group_by(stage, Household.region_id)
    ).all():
        counts = per_region.setdefault(int(region_id), [0, 0])
        counts[0] += int(n)
        counts[1] += _num(v)
    if last < today and not direct:
        for region_id, sign, n, v in conn.execute(_library_changes_since(last, visited, q)).all():
            counts = per_region.setdefault(int(region_id), [0, 0])
            counts[0] += sign * int(n)
            counts[1] += sign * _num(v)
        per_region = {r: c for r, c in per_region.items() if c[0]}
    rows = [(region_id, n, v) for region_id, (n, v) in per_region.items()]
    names = dict(q.session.execute(select(Region.id, Region.name).where(Region.id.in_([r[0] for r in rows]))).all()) \
        if rows else {}
    result = [CommunityVisits(int(r[0]), names.get(r[0], str(r[0])), int(r[1]), _num(r[2])) for r in rows]
    result.sort(key=lambda c: ((c.rate if c.rate is not None else 1.0), c.name))
    return VisitCompletion(year, quarter, tuple(result))


def _referrals(q: _Q) -> Referrals:
    """Referrals sent in the period by department and status: today's, or for a period that is over
    the status each had at its end (:func:`_referral_status_at`)."""
    conditions = [*q.between(Referral.sent_on), *q.in_region(Referral.region_id)]
    if q.end is None:
        groups = [Referral.department, Referral.status]
        if conditions:  # the rows shown come from (region_id, sent_on, department, status) alone
            groups = q.unordered(*groups)
        stmt = select(Referral.department, Referral.status, func.count()).where(*conditions).group_by(*groups)
    else:
        status = _referral_status_at(q.end).label("status_then")
        stmt = select(Referral.department, status, func.count()).where(*conditions).group_by(Referral.department,
                                                                                             status)
    rows = q.session.execute(stmt).all()
    found: dict[str, dict[str, int]] = {}
    for dept, status, n in rows:
        found.setdefault(dept, {})[status] = int(n)
    out = []
    for dept in [*DEPARTMENT_LABELS, *sorted(k for k in found if k not in DEPARTMENT_LABELS)]:
        counts = {s: found.get(dept, {}).get(s, 0) for s in REFERRAL_STATUSES}
        for s, n in found.get(dept, {}).items():
            if s not in counts:
                counts[s] = n
        out.append(DepartmentReferrals(dept, DEPARTMENT_LABELS.get(dept, dept), counts))
    return Referrals(tuple(out))


def _post_check_scope(q: _Q) -> tuple[Any, list[ColumnElement[bool]]]:
    source: Any = PostCheck.__table__
    conditions: list[ColumnElement[bool]] = [PostCheck.result.is_not(None), *q.between(PostCheck.done_on)]
    app_filters = q.application_filters()
    if app_filters or q.region_ids is not None:
        source = source.join(Application.__table__, Application.id == PostCheck.application_id)
        conditions += app_filters
    conditions += q.in_region(Application.region_id)
    return source, conditions


def _post_checks(q: _Q) -> PostChecks:
    source, conditions = _post_check_scope(q)
    failed = func.sum(case((PostCheck.result == "failed", 1), else_=0))
    month = q.month(func.coalesce(PostCheck.done_on, PostCheck.due_on))
    rows = q.session.connection().execute(
        select(month, PostCheck.kind, func.count(), failed).select_from(source).where(*conditions)
        .group_by(month, PostCheck.kind)
    ).all()
    by_month: dict[date, list[int]] = {}
    by_kind: dict[str, tuple[int, int]] = {}
    for key, kind, n, f in rows:
        m = by_month.setdefault(parse_month(key), [0, 0])
        m[0] += int(n)
        m[1] += _num(f)
        done, fail = by_kind.get(kind, (0, 0))
        by_kind[kind] = (done + int(n), fail + _num(f))
    months = tuple(PostCheckMonth(m, d, f) for m, (d, f) in sorted(by_month.items()))
    return PostChecks(sum(m.done for m in months), sum(m.failed for m in months), months, by_kind)


# -- public API -------------------------------------------------------------------------------------------

CHARTS = ("discoveries", "library", "pass_rates", "approval", "visits", "referrals", "post_checks")


def compute(db: Database, actor: Actor, f: StatsFilter, progress: Progress = NO_PROGRESS,
            *, today: date | None = None) -> Statistics:
    """Every figure of the statistics page for one filter (read-only, one session)."""
    import time

    _check_filter(f)
    today = today or date.today()
    timings: dict[str, float] = {}
    with unit_of_work(db, actor) as uow:
        q = _open(uow, f, today)
        results: dict[str, Any] = {}
        steps = {
            "discoveries": lambda: _discoveries(q, today),
            "library": lambda: _library(q, today),
            "pass_rates": lambda: _pass_rates(q),
            "approval": lambda: _approval(q),
            "visits": lambda: _visits(q, today),
            "referrals": lambda: _referrals(q),
            "post_checks": lambda: _post_checks(q),
        }
        for number, (name, step) in enumerate(steps.items()):
            progress.report(number, len(steps), "正在计算统计数据…")
            started = time.perf_counter()
            results[name] = step()
            timings[name] = time.perf_counter() - started
        progress.report(len(steps), len(steps), "")
        return Statistics(f, q.scope_name, today, timings=timings, regional=q.region_ids is not None, **results)


def chart(db: Database, actor: Actor, name: str, f: StatsFilter, *, today: date | None = None) -> Any:
    """One chart's figures (for the benchmark and the command line)."""
    _check_filter(f)
    today = today or date.today()
    with unit_of_work(db, actor) as uow:
        q = _open(uow, f, today)
        if name == "discoveries":
            return _discoveries(q, today)
        if name == "library":
            return _library(q, today)
        if name == "pass_rates":
            return _pass_rates(q)
        if name == "approval":
            return _approval(q)
        if name == "visits":
            return _visits(q, today)
        if name == "referrals":
            return _referrals(q)
        if name == "post_checks":
            return _post_checks(q)
    raise ValidationFailed(f"没有名为“{name}”的统计图。")


def visit_completion(db: Database, actor: Actor, f: StatsFilter, year: int, quarter: int, *,
                     today: date | None = None) -> VisitCompletion:
    if quarter not in (1, 2, 3, 4):
        raise ValidationFailed("季度应为 1 到 4。")
    today = today or date.today()
    with unit_of_work(db, actor) as uow:
        return visit_completion_for(_open(uow, f, today), year, quarter, today)


def _check_filter(f: StatsFilter) -> None:
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise ValidationFailed("开始日期晚于结束日期,请调整日期范围。")
    if f.track and f.track not in {t.value for t in Track}:
        raise ValidationFailed(f"未知的办理程序:{f.track}")
    if f.category and f.category not in {str(c) for c in CATEGORY_LABELS}:
        raise ValidationFailed(f"未知的救助类别:{f.category}")


@dataclass(frozen=True)
class RegionChoice:
    id: int
    parent_id: int | None
    name: str
    level: str


def regions(db: Database, actor: Actor) -> list[RegionChoice]:
    """The regions the actor may filter on (their own subtree), district first."""
    with unit_of_work(db, actor) as uow:
        stmt = select(Region.id, Region.parent_id, Region.name, Region.level, Region.path)
        if actor.region_path:
            stmt = stmt.where(Region.path.like(actor.region_path + "%"))
        rows = uow.session.execute(stmt.order_by(Region.path)).all()
    order = {RegionLevel.DISTRICT.value: 0, RegionLevel.SUBDISTRICT.value: 1, RegionLevel.COMMUNITY.value: 2}
    rows = sorted(rows, key=lambda r: (order.get(r.level, 3), r.name))
    return [RegionChoice(r.id, r.parent_id, r.name, r.level) for r in rows]


# -- drill-down: the records behind a bar or a point ---------------------------------------------------

@dataclass(frozen=True)
class RecordRow:
    household_id: int
    household_code: str
    head_name: str
    id_masked: str  # always masked: statistics never show a full ID number
    region: str
    on: date | None
    detail: str


@dataclass(frozen=True)
class DrillQuery:
    """What a drill-down lists: the export lists it again, every record."""

    f: StatsFilter
    chart_name: str
    key: str
    series: str
    today: date


@dataclass(frozen=True)
class Drill:
    title: str
    total: int
    rows: tuple[RecordRow, ...]  # at most the limit: ``truncated`` when there are more
    query: DrillQuery | None = None

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)


RECORD_HEADERS = ("户编号", "户主", "身份证号(脱敏)", "所属社区", "日期", "说明")


@dataclass
class _DrillSpec:
    """A statement selecting (hid, day, detail, ref) per record; ``notes[ref]`` is appended to
    the detail; ``total`` overrides the counted total when the records were chosen in Python.
    Records that may have no household (clues) also select (name, idn, rid): the person, ID
    number and region shown when ``hid`` is NULL."""

    title: str
    stmt: Any
    notes: dict[int, str] = field(default_factory=dict)
    total: int | None = None
    chosen: Sequence[int] | None = None  # records picked in Python, in order: ``by_ids`` selects some
    by_ids: Callable[[Sequence[int]], Any] | None = None


def records_behind(db: Database, actor: Actor, f: StatsFilter, chart_name: str, key: str,
                   series: str = "", *, limit: int | None = None, today: date | None = None) -> Drill:
    """The households (or applications) behind one bar or point of a chart, ID numbers masked.

    chart_name / key / series:
    "discovered" / "" ; "level" | "channel" | "department" / code ; "funnel" / step ;
    "library_now" / stage ; "library_month" / YYYY-MM / stage ;
    "pass_rate" / YYYY-MM / passed | failed | checked ;
    "approval_hist" / days / track ; "approval_month" / YYYY-MM / track ;
    "visits" / region id / visited | missing | monitored (optionally "@YYYY-Qn") ;
    "referrals" / department / status ; "post_checks" / YYYY-MM / failed | done.
    At most ``limit`` (DRILL_LIMIT) rows are listed; export_drill writes them all.
    """
    _check_filter(f)
    limit = DRILL_LIMIT if limit is None else limit
    query = DrillQuery(f, chart_name, key, series, today or date.today())
    with unit_of_work(db, actor) as uow:
        spec, total = _drill_spec(uow, query, limit)
        rows = tuple(_record_rows(uow, spec, limit))
    return Drill(spec.title, total, rows, query)


def _drill_spec(uow: UnitOfWork, query: DrillQuery, limit: int | None) -> tuple[_DrillSpec, int]:
    builder = _DRILLS.get(query.chart_name)
    if builder is None:
        raise ValidationFailed(f"无法列出“{query.chart_name}”背后的记录。")
    q = replace(_open(uow, query.f, query.today), drill_limit=limit)
    spec: _DrillSpec = builder(q, query.key, query.series, query.today)
    total = spec.total
    if total is None:
        total = int(uow.session.execute(select(func.count()).select_from(spec.stmt.subquery("r"))).scalar_one())
    return spec, total


_ID_CHUNK = 1000  # records picked in Python are selected this many at a time (a bounded IN list)


def _record_rows(uow: UnitOfWork, spec: _DrillSpec, limit: int | None) -> Iterator[RecordRow]:
    """The spec's records, newest first: the first ``limit`` of them, or all (None), streamed."""
    if spec.chosen is not None and spec.by_ids is not None:
        ids = list(spec.chosen[:limit])
        for start in range(0, len(ids), _ID_CHUNK):
            yield from _record_page(uow, spec, spec.by_ids(ids[start:start + _ID_CHUNK]), None)
        return
    yield from _record_page(uow, spec, spec.stmt, limit)


def _record_page(uow: UnitOfWork, spec: _DrillSpec, stmt: Any, limit: int | None) -> Iterator[RecordRow]:
    # The page is chosen from the narrow records first; only its rows are joined to households.
    # Records that may have no household (clues) carry their own person, ID number and region,
    # and a unique ref: they are ordered without the household, which their index lacks.
    c = stmt.selected_columns
    order = ("day", "ref") if "name" in c else ("day", "hid", "ref")
    page = stmt.order_by(c.day.desc(), *(c[k] for k in order[1:])).limit(limit).subquery("r")
    own = {k: page.c[k] if k in page.c else null() for k in ("name", "idn", "rid")}
    result = uow.session.execute(
        select(func.coalesce(Household.id, 0), Household.code, func.coalesce(Household.head_name, own["name"]),
               func.coalesce(Household.head_id_number, own["idn"]), Region.name,
               page.c.day, page.c.detail, page.c.ref)
        .select_from(page.outerjoin(Household.__table__, Household.id == page.c.hid)
                     .outerjoin(Region.__table__, Region.id == func.coalesce(Household.region_id, own["rid"])))
        .order_by(page.c.day.desc(), *(page.c[k] for k in order[1:]))
        .execution_options(yield_per=2000))
    for r in result:
        yield RecordRow(int(r[0]), r[1] or "", r[2] or "", idcard.mask(r[3]), r[4] or "", r[5],
                        (r[6] or "") + spec.notes.get(int(r[7] or 0), ""))


def _no_ref() -> Any:
    return literal(0).label("ref")


def _drill_discovered(q: _Q, key: str, series: str) -> _DrillSpec:
    """The clues from one source level, channel or department in the period: one row per clue, as
    the bar counts them (also those not yet linked to a household, shown with their own person)."""
    column = {"level": Clue.source_level, "channel": Clue.channel, "department": Clue.source}[series]
    extra = [column == key if key else or_(column.is_(None), column == "")]
    if series == "department":
        extra.append(Clue.source_level == SourceLevel.DEPARTMENT.value)
    labels = {"level": SOURCE_LEVEL_LABELS, "channel": CHANNEL_LABELS, "department": DEPARTMENT_LABELS}[series]
    detail = (literal("线索#") + cast(Clue.id, String(32))
              + case((Clue.household_id.is_(None), literal(",尚未关联家庭")), else_=literal("")))
    stmt = (select(Clue.household_id.label("hid"), Clue.reported_on.label("day"), detail.label("detail"),
                   Clue.id.label("ref"), Clue.person_name.label("name"), Clue.id_number.label("idn"),
                   Clue.scope_region_id.label("rid"))
            .where(*_clue_conditions(q), *extra))
    return _DrillSpec(f"线索来源:{labels.get(key, key or '未填写')}", stmt)


def _drill_funnel(q: _Q, key: str, series: str, today: date) -> _DrillSpec:
    """The households discovered in the period (the headline figure and the funnel's first step),
    or those of them that reached a later step; dated by their discovery."""
    if key not in FUNNEL_STEPS:
        raise ValidationFailed(f"未知的环节:{key}")
    source, steps = _funnel_steps(q, today)
    where = _discovered(q)
    if key != "discovered":
        where.append(steps[key])
    title = "主动发现的家庭" if series == "headline" else f"转化环节:{FUNNEL_LABELS[key]}"
    return _DrillSpec(title, select(Household.id.label("hid"), Household.discovered_on.label("day"),
                                    literal(FUNNEL_LABELS[key]).label("detail"), _no_ref())
                      .select_from(source).where(*where))


def _drill_library_now(q: _Q, key: str, series: str, today: date) -> _DrillSpec:
    if key not in LIBRARY_STAGES:
        raise ValidationFailed(f"未知的库别:{key}")
    label = STAGE_LABELS[Stage(key)]
    stmt = select(Household.id.label("hid"), Household.stage_since.label("day"),
                  literal(f"现为{label}").label("detail"), _no_ref()).where(Household.stage == key,
                                                                          *q.household_region())
    return _DrillSpec(f"{label}(当前)", stmt)


def _drill_library_month(q: _Q, key: str, series: str, today: date) -> _DrillSpec:
    if series not in LIBRARY_STAGES:
        raise ValidationFailed(f"未知的库别:{series}")
    end = month_end(parse_month(key))
    label = STAGE_LABELS[Stage(series)]
    later = LibraryMove.__table__.alias("later")
    earlier = LibraryMove.__table__.alias("earlier")
    # In the stage at month end: not moved since and in it now, or the first move since left it.
    unmoved = (select(Household.id.label("hid"), Household.stage_since.label("day"),
                      literal(f"{month_key(end)}月末为{label}").label("detail"), _no_ref())
               .where(Household.stage == series, *q.household_region(),
                      ~exists().where(later.c.household_id == Household.id, later.c.moved_on > end)))
    moved = (select(later.c.household_id.label("hid"), later.c.moved_on.label("day"),
                    literal(f"{month_key(end)}月末为{label},其后调整").label("detail"), _no_ref())
             .select_from(later.join(Household.__table__, Household.id == later.c.household_id))
             .where(later.c.moved_on > end, later.c.from_stage == series, *q.household_region(),
                    ~exists().where(earlier.c.household_id == later.c.household_id, earlier.c.moved_on > end,
                                    or_(earlier.c.moved_on < later.c.moved_on,
                                        and_(earlier.c.moved_on == later.c.moved_on, earlier.c.id < later.c.id)))))
    return _DrillSpec(f"{month_key(end)} 月末{label}", union_all(unmoved, moved))


def _app_detail(extra: Any = None) -> Any:
    parts: Any = literal("申请#") + cast(Application.id, String(32))
    if extra is not None:
        parts = parts + extra
    return parts


def _drill_pass_rate(q: _Q, key: str, series: str, today: date) -> _DrillSpec:
    first = parse_month(key)
    cond: list[ColumnElement[bool]] = [Application.accepted_on >= first, Application.accepted_on <= month_end(first)]
    if series == "passed":
        cond.append(Application.check_passed.is_(True))
    elif series == "failed":
        cond.append(Application.check_passed.is_(False))
    detail = _app_detail(case((Application.check_passed.is_(True), literal(" 核对通过")),
                              else_=literal(" 核对未通过")))
    stmt = (select(Application.household_id.label("hid"), Application.accepted_on.label("day"),
                   detail.label("detail"), Application.id.label("ref"))
            .where(*_checked(q), *cond))
    return _DrillSpec(f"{key} 受理的申请:{CHECK_LABELS.get(series, '已核对')}", stmt)


def _drill_approval(q: _Q, key: str, series: str, today: date, *, by_month: bool) -> _DrillSpec:
    track = series or Track.REGULAR.value
    if track not in {t.value for t in Track}:
        raise ValidationFailed(f"未知的办理程序:{track}")
    extra: list[ColumnElement[bool]] = [Application.track == track]
    if by_month:
        first = parse_month(key)
        extra += [Application.accepted_on >= first, Application.accepted_on <= month_end(first)]
    else:
        try:
            wanted = int(key)
        except ValueError as exc:
            raise ValidationFailed(f"工作日数不正确:{key}") from exc
    accepted, decided, _commitment, ids = _decided(q, *extra, with_ids=True)
    index = _index_for(q, accepted, decided)
    notes: dict[int, str] = {}
    chosen: list[int] = []
    if index is not None:
        days = index.count(accepted, decided)
        mask = np.ones(days.shape, dtype=bool)
        if not by_month:
            mask = (days >= HISTOGRAM_CAP) if wanted >= HISTOGRAM_CAP else (days == wanted)
        order = np.argsort(-decided[mask], kind="stable")[:q.drill_limit]
        chosen = [int(x) for x in ids[mask][order]]
        notes = {int(i): f" 用时{int(d)}个工作日" for i, d in zip(ids[mask][order], days[mask][order], strict=True)}
        total = int(mask.sum())
    else:
        total = 0
    label = TRACK_LABELS[Track(track)]
    if by_month:
        title = f"{key} 受理并已审批的{label}申请"
    else:
        title = f"{label}审批用时 {key}{'+' if wanted >= HISTOGRAM_CAP else ''} 个工作日的申请"

    def by_ids(ids: Sequence[int]) -> Any:
        return (select(Application.household_id.label("hid"), Application.decided_on.label("day"),
                       _app_detail().label("detail"), Application.id.label("ref"))
                .where(Application.id.in_(ids) if ids else false()))

    return _DrillSpec(title, by_ids(()), notes, total, chosen, by_ids)


def _drill_visits(q: _Q, key: str, series: str, today: date) -> _DrillSpec:
    series, _, quarter_text = series.partition("@")
    if quarter_text:
        try:
            year, quarter = int(quarter_text[:4]), int(quarter_text[-1])
        except ValueError as exc:
            raise ValidationFailed(f"季度格式不正确:{quarter_text}") from exc
    else:
        year, quarter = shown_quarter(q.f, today)
    first, last = quarter_bounds(year, quarter)
    try:
        region_id = int(key)
    except ValueError as exc:
        raise ValidationFailed(f"社区编号不正确:{key}") from exc
    last_visit = (select(func.max(Visit.visited_on))
                  .where(Visit.household_id == Household.id, Visit.visited_on >= first, Visit.visited_on <= last)
                  .scalar_subquery())
    stage, in_library = monitored_at(last, today)
    cond: list[ColumnElement[bool]] = [*in_library, Household.region_id == region_id, *q.household_region()]
    if series == "visited":
        cond.append(last_visit.is_not(None))
    elif series == "missing":
        cond.append(last_visit.is_(None))
    stage_label = case(*[(stage == s, literal(STAGE_LABELS[Stage(s)])) for s in LIBRARY_STAGES], else_=literal(""))
    detail = stage_label + case((last_visit.is_(None), literal(",本季度未走访")), else_=literal(",本季度已走访"))
    stmt = select(Household.id.label("hid"), last_visit.label("day"), detail.label("detail"), _no_ref()).where(*cond)
    return _DrillSpec(f"{year}年第{quarter}季度走访:{VISIT_LABELS.get(series, '应访户数')}", stmt)


def _drill_referrals(q: _Q, key: str, series: str, today: date) -> _DrillSpec:
    status = _referral_status_at(q.end)
    cond = [*q.between(Referral.sent_on), *q.in_region(Referral.region_id), Referral.department == key]
    if series:
        cond.append(status == series)
    status_label = case(*[(status == s, literal(REFERRAL_STATUS_LABELS[s])) for s in REFERRAL_STATUSES],
                        else_=status)
    dept = DEPARTMENT_LABELS.get(key, key)
    stmt = (select(Referral.household_id.label("hid"), Referral.sent_on.label("day"),
                   (literal(f"转介{dept} ") + status_label).label("detail"), Referral.id.label("ref"))
            .where(*cond))
    return _DrillSpec(f"转介{dept}:{REFERRAL_STATUS_LABELS.get(series, '全部')}", stmt)


def _drill_post_checks(q: _Q, key: str, series: str, today: date) -> _DrillSpec:
    source, conditions = _post_check_scope(q)
    if q.region_ids is None and not q.application_filters():
        source = source.join(Application.__table__, Application.id == PostCheck.application_id)
    first = parse_month(key)
    done_day = func.coalesce(PostCheck.done_on, PostCheck.due_on)
    cond = [*conditions, done_day >= first, done_day <= month_end(first)]
    if series == "failed":
        cond.append(PostCheck.result == "failed")
    detail = _app_detail(literal(" 事后核查") + case((PostCheck.result == "failed", literal("未通过")),
                                                    else_=literal("通过")))
    stmt = (select(Application.household_id.label("hid"), done_day.label("day"), detail.label("detail"),
                   PostCheck.id.label("ref"))
            .select_from(source).where(*cond))
    return _DrillSpec(f"{key} 事后核查:{POST_CHECK_LABELS.get(series, '已完成核查')}", stmt)


_DRILLS: dict[str, Any] = {
    "discovered": lambda q, k, s, t: _drill_funnel(q, "discovered", "headline", t),
    "level": lambda q, k, s, t: _drill_discovered(q, k, "level"),
    "channel": lambda q, k, s, t: _drill_discovered(q, k, "channel"),
    "department": lambda q, k, s, t: _drill_discovered(q, k, "department"),
    "funnel": _drill_funnel,
    "library_now": _drill_library_now,
    "library_month": _drill_library_month,
    "pass_rate": _drill_pass_rate,
    "approval_hist": lambda q, k, s, t: _drill_approval(q, k, s, t, by_month=False),
    "approval_month": lambda q, k, s, t: _drill_approval(q, k, s, t, by_month=True),
    "visits": _drill_visits,
    "referrals": _drill_referrals,
    "post_checks": _drill_post_checks,
}
DRILL_CHARTS = tuple(_DRILLS)


def with_region(f: StatsFilter, region_id: int | None) -> StatsFilter:
    return replace(f, region_id=region_id)


# -- export -----------------------------------------------------------------------------------------------

def export_tables(path: str, tables: Sequence[tuple[str, str, Sequence[str], Sequence[Sequence[Any]]]],
                  progress: Progress = NO_PROGRESS) -> int:
    """Write chart numbers to one xlsx: (sheet name, title, headers, rows) per sheet. Atomic: cancelled
    (``progress``) before it is complete, no file."""
    from desktop.io.xlsx_writer import SheetSpec, sheet_name, write_workbook

    used: set[str] = set()
    specs = []
    for name, title, headers, rows in tables:
        sheet = sheet_name(name)[:28]  # room for the 2, 3, … telling two of one name apart
        base, n = sheet, 2
        while sheet in used:
            sheet, n = f"{base}{n}", n + 1
        used.add(sheet)
        specs.append(SheetSpec(sheet, headers, rows, title=title))
    return write_workbook(path, specs, **progress.writing(sum(len(rows) for *_, rows in tables)))


def export_drill(db: Database, actor: Actor, path: str, drill: Drill, progress: Progress = NO_PROGRESS) -> int:
    """Every record the drill-down matches (masked IDs) to xlsx, streamed: the window lists at most
    DRILL_LIMIT of them, the file has them all. Atomic: cancelled, no file."""
    from desktop.io.xlsx_writer import SheetSpec, write_workbook

    if drill.query is None:  # a list made by hand: only its rows
        if not drill.rows:
            raise nothing_to_export(f"{drill.title}的记录")
        title = drill.title
        written = export_tables(path, [("记录", title, list(RECORD_HEADERS),
                                        [_record_cells(r) for r in drill.rows])], progress)
    else:
        _check_filter(drill.query.f)
        with unit_of_work(db, actor) as uow:
            spec, total = _drill_spec(uow, drill.query, None)
            if total == 0:
                raise nothing_to_export(f"{spec.title}的记录")
            title = spec.title
            rows = (_record_cells(r) for r in _record_rows(uow, spec, None))
            written = write_workbook(path, [SheetSpec("记录", list(RECORD_HEADERS), rows,
                                                      title=f"{title}(共 {total:,} 条)")],
                                     **progress.writing(total))
    # The file names people (masked IDs): its export is logged as the household list's is.
    name = export_place(path)
    log_access(db, actor, "statistics.export_drill", "households", None,
               after={"title": title, "rows": written, "file": name},
               detail=f"导出统计明细“{title}” {written} 条;文件:{name}")
    return written



def _record_cells(r: RecordRow) -> tuple[Any, ...]:
    return (r.household_code, r.head_name, r.id_masked, r.region, r.on, r.detail)
