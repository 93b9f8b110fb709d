"""Today's work (今日工作): what waits for the person logged in, across the loop, in one place.

The first page of the window and ``relief-desk today`` ask this: clues to assign and investigate
(先发现), households waiting for their application to be accepted, applications due or late and the
written refusals to serve (早承诺), checks after approval, the month's payments (早救助), the
quarter's visits and the referrals (先预警), and the holiday calendar a deadline needs (RULES.md §2).
Each item counts within the actor's regions, says how many of them are late, and names the page and
filter that list them. Nothing here is new bookkeeping: every figure is the one its own page shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop.rules import monitoring as monitoring_rules
from desktop.services import applications, calendar, clues, monitoring, referrals
from desktop.services.base import Actor, Role
from desktop.services.database import Database

SOON_WORKING_DAYS = 3  # an application whose deadline is this close is "due soon"
CHECKS_WITHIN_DAYS = applications.CHECKS_DUE_SOON_DAYS  # checks after approval due within these days
NEXT_YEAR_FROM_MONTH = 10  # from October, next year's holiday schedule is asked for (published late in the year)

# key -> (area, what, where it is listed). The area heads a group; ``where`` is the page (and its filter) that
# lists the items: the window opens it, the command line names it.
ITEMS: dict[str, tuple[str, str, str]] = {
    "clues_new": ("主动发现", "新线索待分派", "主动发现 › 线索收件箱(新线索)"),
    "clues_assigned": ("主动发现", "已分派、待开始调查的线索", "主动发现 › 线索收件箱(已分派)"),
    "clues_investigating": ("主动发现", "调查中的线索", "主动发现 › 线索收件箱(调查中)"),
    "awaiting_acceptance": ("申请审批", "待受理申请的家庭(核对通过、启动申请)", "申请审批 › 待受理"),
    "applications": ("申请审批", "办理中的申请", "申请审批 › 申请(办理中)"),
    "refusals": ("申请审批", "不予批准书面通知待送达", "申请审批 › 申请(不予批准、书面通知待送达)"),
    "post_checks": ("申请审批", f"{CHECKS_WITHIN_DAYS} 天内到期的事后核查",
                    f"申请审批 › 事后核查({CHECKS_WITHIN_DAYS} 天内到期)"),
    "payments": ("申请审批", "本月救助发放待登记(户)", "申请审批 › 月度发放"),
    "visits": ("监测预警", "本季度待走访的监测家庭", "监测预警 › 走访(本季度未走访)"),
    "referrals": ("监测预警", "办理中的转介", "监测预警 › 转介(办理中)"),
    "calendar": ("系统设置", "节假日安排", "系统设置 › 节假日安排"),
}


@dataclass(frozen=True)
class WorkItem:
    """One kind of work: how many wait, how many of them are late, and a line saying more."""

    key: str  # of ITEMS
    count: int
    late: int = 0  # past their deadline (0 where nothing has one)
    note: str = ""  # e.g. "3 个工作日内到期 5 件", "以前月份未登记:2026年10月"
    urgent: bool = False  # late in another way: a month gone unrecorded, this year's holidays unknown

    @property
    def area(self) -> str:
        return ITEMS[self.key][0]

    @property
    def label(self) -> str:
        return ITEMS[self.key][1]

    @property
    def where(self) -> str:
        return ITEMS[self.key][2]

    @property
    def waiting(self) -> bool:
        """Whether there is anything to do (an item with nothing waiting is shown as done)."""
        return bool(self.count or self.late or self.urgent)

    @property
    def alarm(self) -> bool:
        """Whether something of it is late (shown in red)."""
        return bool(self.late or self.urgent)


@dataclass(frozen=True)
class Workbench:
    today: date
    scope: str  # "西塞山区", "八泉街道", …
    items: list[WorkItem] = field(default_factory=list)

    def item(self, key: str) -> WorkItem | None:
        return next((i for i in self.items if i.key == key), None)

    @property
    def late(self) -> int:
        """How many things are past their deadline, of every kind."""
        return sum(i.late for i in self.items)

    def as_json(self) -> dict:
        return {"today": self.today.isoformat(), "scope": self.scope, "late": self.late,
                "items": [{"key": i.key, "area": i.area, "label": i.label, "count": i.count, "late": i.late,
                           "urgent": i.alarm, "note": i.note, "where": i.where} for i in self.items]}


def _calendar_item(db: Database, actor: Actor, today: date) -> WorkItem:
    """The holiday schedule of this year (and, late in the year, next year's) that nobody has entered and
    the maintained library does not know: deadlines falling then are only estimated (RULES.md §2)."""
    years = [today.year] + ([today.year + 1] if today.month >= NEXT_YEAR_FROM_MONTH else [])
    missing = [y for y in years if not calendar.year_info(db, actor, y).known]
    if not missing:
        return WorkItem("calendar", 0)
    named = "、".join(f"{y} 年" for y in missing)
    who = "请系统管理员" if actor.role != Role.ADMIN else "请"
    return WorkItem("calendar", len(missing), urgent=today.year in missing,
                    note=f"{named}的法定节假日安排尚未录入,落在其中的期限只按周末估算;"
                         f"国务院办公厅公布后{who}在“系统设置 › 节假日安排”录入。")


def todays_work(db: Database, actor: Actor, *, today: date | None = None) -> Workbench:
    """What waits for ``actor`` on ``today`` (default: the computer's date), within their regions."""
    today = today or date.today()
    items: list[WorkItem] = []

    counts = clues.count_clues(db, actor)
    if clues.sees_unassigned(actor):
        items.append(WorkItem("clues_new", counts.by_status.get("new", 0)))
    items.append(WorkItem("clues_assigned", counts.by_status.get("assigned", 0)))
    items.append(WorkItem("clues_investigating", counts.by_status.get("investigating", 0)))

    items.append(WorkItem("awaiting_acceptance", applications.awaiting_acceptance(db, actor, limit=0).total))
    to_do = applications.deadlines(db, actor, as_of=today)
    late = applications.deadlines(db, actor, as_of=today, overdue_only=True, limit=0).total
    soon = sum(1 for r in to_do if not r.overdue and r.working_days_left is not None
               and 0 <= r.working_days_left <= SOON_WORKING_DAYS)
    items.append(WorkItem("applications", to_do.total, late,
                          f"{SOON_WORKING_DAYS} 个工作日内到期 {'至少 ' if to_do.truncated else ''}{soon:,} 件"
                          if soon else ""))
    if actor.role in applications.SERVERS:
        serve = applications.refusals_to_serve(db, actor, as_of=today)
        items.append(WorkItem("refusals", len(serve), sum(1 for r in serve if r.overdue)))
    checks = applications.post_check_queue(db, actor, as_of=today, due_within_days=CHECKS_WITHIN_DAYS, limit=0)
    late_checks = applications.post_check_queue(db, actor, as_of=today, overdue_only=True, limit=0)
    items.append(WorkItem("post_checks", checks.total, late_checks.total))
    if actor.role in applications.DECIDERS:
        month = applications.monthly_assistance(db, actor, date(today.year, today.month, 1), today=today)
        missed = applications.unrecorded_months(db, actor, today=today)
        items.append(WorkItem("payments", month.due, urgent=bool(missed),
                              note=f"以前月份未登记:{applications.months_text(missed, lambda m: f'{m.year}年{m.month:02d}月')}"
                              if missed else ""))

    visits = monitoring.visit_counts(db, actor, today=today)
    year, quarter = monitoring_rules.quarter_of(today)
    items.append(WorkItem("visits", visits["due"], visits["overdue"],
                          f"{monitoring_rules.quarter_label(year, quarter)}:监测家庭 {visits['all']:,} 户"))
    sent = referrals.referral_counts(db, actor, today=today)
    items.append(WorkItem("referrals", sent["open"], sent["overdue"]))

    items.append(_calendar_item(db, actor, today))
    return Workbench(today, actor.region_name or "全区", items)

