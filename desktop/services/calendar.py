"""The working-day calendar kept in the database: administrator-entered days off and make-up
working days per year, combined with the maintained ``chinesecalendar`` library.

``load_calendar(db)`` gives the :class:`WorkCalendar` every deadline uses. A year that neither the
library nor an administrator knows is computed from weekends and fixed holidays only, and every
deadline touching it carries ``Deadline.unknown_years`` and its warning (RULES.md §2).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import Session

from desktop.models import CalendarDay, CalendarYear
from desktop.rules.codes import Role
from desktop.rules.workdays import (
    FIRST_YEAR,
    LAST_YEAR,
    Deadline,
    WorkCalendar,
    is_fixed_holiday,
    library_knows,
    library_schedule,
    lone_weekend_days_off,
)
from desktop.services.base import Actor, UnitOfWork, require_role, too_long, unit_of_work
from desktop.services.database import Database
from desktop.services.errors import NotFound, ValidationFailed


@dataclass(frozen=True)
class CalendarEntry:
    day: date
    workday: bool
    note: str


@dataclass(frozen=True)
class DeadlinesMoved:
    """The deadlines still open that a change of a year's holidays moved to another day: of applications
    being handled (the whole procedure's, stored on the application; the next step's own, counted from
    the step before whenever shown) and of written refusals not yet served (stored with the decision)."""

    procedure: int = 0  # 办结期限
    steps: int = 0  # 本步期限
    refusal_notices: int = 0  # 不予批准书面通知期限
    application_ids: tuple[int, ...] = ()  # the applications they belong to

    @property
    def total(self) -> int:
        return self.procedure + self.steps + self.refusal_notices

    def text(self) -> str:
        """One sentence for the command line and the audit log."""
        if not self.total:
            return "没有未办结的期限因此改变。"
        ids = "、".join(str(i) for i in self.application_ids[:MOVED_IDS_SHOWN])
        more = f"等 {len(self.application_ids)} 件" if len(self.application_ids) > MOVED_IDS_SHOWN else ""
        kinds = "、".join(f"{label} {n} 个" for label, n in (
            ("办结期限", self.procedure), ("本步期限", self.steps), ("不予批准书面通知期限", self.refusal_notices)) if n)
        return f"因此改变的未办结期限 {self.total} 个({kinds}),涉及申请 {ids}{more}。"

    def as_json(self) -> dict[str, object]:
        return {"deadlines_moved": self.total, "procedure": self.procedure, "steps": self.steps,
                "refusal_notices": self.refusal_notices, "application_ids": list(self.application_ids)}


MOVED_IDS_SHOWN = 20  # application numbers named in the sentence; the JSON has them all


@dataclass(frozen=True)
class YearInfo:
    year: int
    entered: bool  # an administrator entered the whole year
    in_library: bool  # the maintained library knows the year
    note: str
    days: tuple[CalendarEntry, ...]  # what an administrator entered
    library: tuple[CalendarEntry, ...] = ()  # the library's published schedule of the year
    moved: DeadlinesMoved | None = None  # set_year's answer: the open deadlines the entry moved

    @property
    def known(self) -> bool:
        return self.entered or self.in_library

    @property
    def schedule(self) -> tuple[CalendarEntry, ...]:
        """The days off and make-up days deadlines count with: the entered ones, else the library's."""
        return self.days if self.entered or not self.in_library else self.library

    @property
    def library_left_out(self) -> tuple[CalendarEntry, ...]:
        """The library's published days off and make-up days that an administrator's entry of a library
        year no longer counts (the entry replaces the library's whole year): a correction of one day typed
        on its own dropped the Spring Festival without a word. Weekends and fixed holidays an entry leaves
        out count the same either way and are not listed."""
        if not (self.entered and self.in_library):
            return ()
        entered = WorkCalendar({d.day: d.workday for d in self.days}, frozenset({self.year}))
        return tuple(e for e in self.library if entered.is_workday(e.day) != e.workday)

    def left_out_warning(self) -> str:
        """What :attr:`library_left_out` means for the administrator, in one sentence ("" if nothing)."""
        left_out = self.library_left_out
        if not left_out:
            return ""
        off = "、".join(e.day.isoformat() for e in left_out if not e.workday)
        work = "、".join(e.day.isoformat() for e in left_out if e.workday)
        parts = ([f"放假 {off}"] if off else []) + ([f"调休上班 {work}"] if work else [])
        return (f"节假日库中 {self.year} 年的这些安排不在这次录入中,期限已不再按它们计算:{';'.join(parts)}。"
                "录入会替换该年的全部安排;如是遗漏,请连同这些日期重新录入。")

    def lone_weekend_warning(self) -> str:
        """Days off entered on a Saturday or Sunday outside any break (:func:`lone_weekend_days_off`): they
        change no deadline, and the weekday meant is most often missing ("" if none)."""
        if not self.entered:
            return ""
        lone = lone_weekend_days_off(d.day for d in self.days if not d.workday)
        if not lone:
            return ""
        days = "、".join(f"{d.isoformat()}(星期{'六日'[d.weekday() - 5]})" for d in lone)
        return (f"放假日期 {days}本来就是周末,又不与其他放假日期相连:录入与否,期限都一样。"
                "如是日期写错(漏掉了要放假的工作日),请改正后重新录入;如国务院办公厅的通知确是这样安排,可不理会。")

    def warnings(self) -> str:
        """What the administrator is told after saving the year, one paragraph a matter ("" if nothing)."""
        return "\n".join(w for w in (self.left_out_warning(), self.lone_weekend_warning()) if w)

    @property
    def source(self) -> str:
        if self.entered:
            return "管理员录入"
        if self.in_library:
            return "节假日库"
        return "未知(仅按周末和固定节日估算)"


@dataclass(frozen=True)
class IndexedCalendar(WorkCalendar):
    """The same calendar with a per-year prefix count of working days, built lazily, so that a
    list of thousands of deadlines needs no day-by-day walk (same answers as WorkCalendar)."""

    _years: dict[int, tuple[int, list[int]]] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def _year(self, year: int) -> tuple[int, list[int]]:
        """(working days before 1 January of ``year``, relative to the first year built; prefix
        counts by day of year)."""
        found = self._years.get(year)
        if found is not None:
            return found
        prefix = [0]
        day = date(year, 1, 1)
        while day.year == year:
            prefix.append(prefix[-1] + (1 if self.is_workday(day) else 0))
            day += timedelta(days=1)
        if not self._years:
            base = 0
        elif year > max(self._years):
            prev_base, prev_prefix = self._year(year - 1)
            base = prev_base + prev_prefix[-1]
        else:  # below the lowest year built so far
            next_base, _ = self._year(year + 1)
            base = next_base - prefix[-1]
        self._years[year] = (base, prefix)
        return base, prefix

    def _count(self, day: date) -> int:
        """Working days up to and including ``day`` (from an arbitrary fixed origin)."""
        base, prefix = self._year(day.year)
        return base + prefix[day.timetuple().tm_yday]

    def working_days_between(self, start: date, end: date) -> int:
        return self._count(end) - self._count(start)

    def add_working_days(self, start: date, days: int) -> Deadline:
        if days < 0:
            raise ValueError("days must be >= 0")
        if days == 0:
            return super().add_working_days(start, days)
        target = self._count(start) + days
        year = start.year
        while True:
            base, prefix = self._year(year)
            if base + prefix[-1] >= target:
                doy = bisect_left(prefix, target - base)
                due = date(year, 1, 1) + timedelta(days=doy - 1)
                break
            year += 1
        first = start + timedelta(days=1)
        unknown = tuple(y for y in range(first.year, due.year + 1) if not self.knows(y))
        return Deadline(due, unknown)



def load_calendar(db: Database) -> WorkCalendar:
    """The calendar: library years plus every administrator entry."""
    with db.session_factory() as session:
        return calendar_in(session)


def calendar_in(session: Session) -> IndexedCalendar:
    """The calendar as a session sees it (inside a change of the calendar: before it, or after it)."""
    days = session.execute(select(CalendarDay.day, CalendarDay.workday)).all()
    years = session.execute(select(CalendarYear.year)).scalars().all()
    return IndexedCalendar(dict(((d, bool(w)) for d, w in days)), frozenset(years))


def check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationFailed(f"年份 {year} 不在 {FIRST_YEAR}–{LAST_YEAR} 之间。")


# What separates the entries typed for a year (besides new lines and spaces), and what else may join the
# two ends of a range: typed in a Chinese input method, "10-01至10-07" and "10-01~10-07" mean the same.
_ENTRY_SEPARATORS = re.compile(r"[\s,;、。]+")
_RANGE_WORDS = ("至", "~")
_DAY = re.compile(r"(?:(\d{4})-)?(\d{1,2})-(\d{1,2})")
# The State Council notice's own words, copied from it: "2月6日(周六)至14日(周日)", "2027年10月9日(周六)";
# the end of a range may leave out its month ("至14日": the start's month).
_NOTICE_DAY = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日")
_WEEKDAY_NOTE = re.compile(r"\((?:周|星期)[一二三四五六日天]\)")
_AROUND_RANGE = re.compile(r"\s*(至|~|\.\.)\s*")


def parse_days(text: str, year: int, what: str) -> list[date]:
    """The days an administrator types for ``year`` — the settings tab's boxes and the command line's
    ``--off``/``--workday`` both read them here: dates ``YYYY-MM-DD`` or ``MM-DD`` (a day of ``year``) and
    ranges of consecutive days ``A..B`` of either form (``2027-10-01..2027-10-07``, ``10-01..10-07``),
    separated by new lines, spaces, commas or 、; full-width digits and punctuation read as their plain
    forms. In the order typed (a day typed twice is kept twice: the year's entry keeps it once).

    A wrong entry is refused naming ``what`` (放假日期 …), the line when the text has several lines,
    the entry as typed and what is wrong with it; nothing is returned then."""
    check_year(year)
    lines = unicodedata.normalize("NFKC", text).splitlines()
    numbered = sum(1 for line in lines if line.strip()) > 1
    out: list[date] = []
    for line_no, line in enumerate(lines, start=1):
        where = f"{what}第 {line_no} 行" if numbered else what
        line = _AROUND_RANGE.sub(r"\1", _WEEKDAY_NOTE.sub("", line))  # "2月6日(周六) 至 14日" is one entry
        for part in _ENTRY_SEPARATORS.split(line):
            if part:
                out.extend(_entry_days(part, year, where))
    return out


def _entry_days(part: str, year: int, where: str) -> list[date]:
    joined = part
    for word in _RANGE_WORDS:
        joined = joined.replace(word, "..")
    ends = joined.split("..")
    if len(ends) > 2 or not all(ends):
        raise _bad_entry(where, part, year)
    first_day = _entry_day(ends[0], part, year, where)
    days = [first_day] + [_entry_day(end, part, year, where, first_day.month) for end in ends[1:]]
    first, last = days[0], days[-1]
    if last < first:  # typed backwards: the format is right, so say what is wrong
        raise ValidationFailed(f"{where}的日期范围“{part}”结束早于开始,应写成 {ends[1]}..{ends[0]}。", {where: part})
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _entry_day(text: str, part: str, year: int, where: str, start_month: int | None = None) -> date:
    """One end of an entry: ``YYYY-MM-DD``, ``MM-DD`` or the notice's ``2027年2月6日``/``2月6日``, and at the
    end of a range (``start_month`` given) the notice's ``14日`` of the start's month."""
    match = _DAY.fullmatch(text) or _NOTICE_DAY.fullmatch(text)
    if match is None:
        raise _bad_entry(where, part, year)
    what = f"“{part}”" if text == part else f"“{part}”中的“{text}”"
    typed_year, month, day = (int(g) if g else None for g in match.groups())
    if month is None and start_month is not None and typed_year is None:
        month = start_month
    if month is None:  # "6日" on its own, or at the start of a range
        raise _bad_entry(where, part, year)
    assert day is not None
    if typed_year is not None and typed_year != year:
        raise ValidationFailed(f"{where}{what}不在 {year} 年内:这里录入的是 {year} 年的安排。", {where: part})
    if not 1 <= month <= 12:
        raise ValidationFailed(f"{where}{what}格式不正确:月份应为 01–12。", {where: part})
    last = monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValidationFailed(f"{where}{what}不存在:{year} 年 {month} 月只有 {last} 天。", {where: part})
    return date(year, month, day)


def _bad_entry(where: str, part: str, year: int) -> ValidationFailed:
    return ValidationFailed(f"{where}“{part}”格式不正确:日期写成 YYYY-MM-DD 或 MM-DD(如 {year}-10-01 或 10-01),"
                            f"连续的日期写成 {year}-10-01..{year}-10-07 或 10-01..10-07"
                            "(也可照抄通知的写法,如 10月1日至7日)。", {where: part})


def year_info(db: Database, actor: Actor, year: int) -> YearInfo:
    check_year(year)
    with unit_of_work(db, actor) as uow:
        entered = uow.session.get(CalendarYear, year)
        rows = uow.session.execute(select(CalendarDay).where(_in_year(year)).order_by(CalendarDay.day)).scalars().all()
        off, work = library_schedule(year)
        library = sorted([CalendarEntry(d, False, "放假") for d in off] + [CalendarEntry(d, True, "调休上班") for d in work],
                         key=lambda e: e.day)
        return YearInfo(year, entered is not None, library_knows(year), entered.note if entered else "",
                        tuple(CalendarEntry(r.day, r.workday, r.note) for r in rows), tuple(library))


def list_years(db: Database, actor: Actor, around: int | None = None) -> list[YearInfo]:
    """The years worth showing: entered ones and a window around ``around`` (default this year)."""
    centre = around or date.today().year
    with db.session_factory() as session:
        entered = set(session.execute(select(CalendarYear.year)).scalars())
    years = sorted(entered | set(range(centre - 1, centre + 3)))
    return [year_info(db, actor, y) for y in years]


def _check_days(year: int, days: Iterable[date], what: str) -> list[date]:
    out = []
    for d in days:
        if d.year != year:
            raise ValidationFailed(f"{what} {d.isoformat()} 不在 {year} 年内。", {what: d.isoformat()})
        out.append(d)
    return out


def set_year(db: Database, actor: Actor, year: int, *, days_off: Iterable[date], workdays: Iterable[date],
             note: str = "") -> YearInfo:
    """Enter a whole year's schedule (replaces what was entered for that year before).

    ``days_off`` are statutory days off falling on weekdays or weekends; ``workdays`` are make-up
    working days (调休上班) falling on weekends. The year then counts as known."""
    require_role(actor, Role.ADMIN, doing="录入节假日安排")
    check_year(year)
    off = _check_days(year, days_off, "放假日期")
    work = _check_days(year, workdays, "调休上班日期")
    both = sorted(set(off) & set(work))
    if both:
        raise ValidationFailed("以下日期同时被填为放假和上班:" + "、".join(d.isoformat() for d in both) + "。")
    if not off and not work:
        # Saved, the year would count as known with plain weekdays only: the very guess that the
        # unknown-year warning is there to flag (RULES.md §2).
        raise ValidationFailed(f"没有给出 {year} 年的任何放假日期或调休上班日期。请按国务院办公厅的通知填写;"
                               "还没有公布时不要录入,程序会在期限旁提示该年安排未知。")
    if not off:
        # Saved, the year would count as known with its Spring Festival worked through: every year's notice
        # has days off (the Spring Festival at least), so make-up days alone are only part of it.
        raise ValidationFailed(f"没有给出 {year} 年的放假日期,只有调休上班日期。国务院办公厅的通知每年都有放假日期"
                               "(至少春节),请连同放假日期一起录入;录入会替换该年的全部安排。",
                               {"放假日期": "必填"})
    statutory = sorted(d for d in set(work) if is_fixed_holiday(d))
    if statutory:
        raise ValidationFailed("调休上班日期不能是法定节假日(元旦、劳动节5月1日至2日、国庆节10月1日至3日"
                               "依法放假):" + "、".join(d.isoformat() for d in statutory) + "。",
                               {"调休上班日期": statutory[0].isoformat()})
    weekdays = sorted(d for d in set(work) if d.weekday() < 5)
    if weekdays:
        raise ValidationFailed("调休上班日期应是周六或周日(平日本来就上班):"
                               + "、".join(f"{d.isoformat()}(星期{'一二三四五'[d.weekday()]})" for d in weekdays)
                               + "。", {"调休上班日期": weekdays[0].isoformat()})
    if message := too_long(CalendarYear.note, note, "依据"):
        raise ValidationFailed(message + "。", {"note": message})
    with unit_of_work(db, actor, write=True) as uow:
        session = uow.session
        before = _entered_days(session, year)
        was = calendar_in(session)
        session.execute(delete(CalendarDay).where(_in_year(year)))
        for d in sorted(set(off)):
            uow.add(CalendarDay(day=d, workday=False, note="放假"))
        for d in sorted(set(work)):
            uow.add(CalendarDay(day=d, workday=True, note="调休上班"))
        entry = session.get(CalendarYear, year)
        if entry is None:
            uow.add(CalendarYear(year=year, note=note))
        else:
            entry.note = note
            uow.touch(entry)
        session.flush()
        moved = _move_deadlines(uow, was, year)
        uow.audit("calendar.set_year", "calendar_years", year, before={"days": before},
                  after={"days_off": [d.isoformat() for d in sorted(set(off))],
                         "workdays": [d.isoformat() for d in sorted(set(work))], "note": note},
                  detail=moved.text())
        uow.notify("calendar", year)
    return replace(year_info(db, actor, year), moved=moved)


def clear_year(db: Database, actor: Actor, year: int) -> DeadlinesMoved:
    """Forget an administrator's entries for a year (the library or the estimate applies again).
    Returns the open deadlines that moved with it."""
    require_role(actor, Role.ADMIN, doing="删除节假日安排")
    check_year(year)
    with unit_of_work(db, actor, write=True) as uow:
        session = uow.session
        before = _entered_days(session, year)
        was = calendar_in(session)
        days = session.execute(delete(CalendarDay).where(_in_year(year))).rowcount
        years = session.execute(delete(CalendarYear).where(CalendarYear.year == year)).rowcount
        if not days and not years:
            raise NotFound(f"{year} 年没有管理员录入的节假日安排,无需删除。")
        session.flush()
        moved = _move_deadlines(uow, was, year)
        uow.audit("calendar.clear_year", "calendar_years", year, before={"days": before}, detail=moved.text())
        uow.notify("calendar", year)
    return moved


def _in_year(year: int) -> ColumnElement[bool]:
    return CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31))


def _entered_days(session: Session, year: int) -> list[tuple[str, bool]]:
    """A year's entries as the audit log keeps them (day, working day)."""
    return [(r.day.isoformat(), r.workday) for r in session.execute(
        select(CalendarDay).where(_in_year(year)).order_by(CalendarDay.day)).scalars()]


def _move_deadlines(uow: UnitOfWork, was: WorkCalendar, year: int) -> DeadlinesMoved:
    """The open deadlines ``year``'s change moved (from ``was`` to the calendar as now entered), the
    stored ones saved anew (:func:`desktop.services.applications.move_open_deadlines`)."""
    from desktop.services.applications import move_open_deadlines  # it reads the calendar from here

    return move_open_deadlines(uow, was, calendar_in(uow.session), year)
