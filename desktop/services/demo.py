"""Demo district: a realistic synthetic 西塞山区 (RULES.md §6) for trying the program and for benchmarks.

:func:`build_demo` fills an empty, migrated database with the district's regions, one login per
role, and households whose records tell a consistent two-year story (2024-12-01 … 2026-11-27):

* households and members with valid, unique ID numbers, incomes per member and rigid expenses;
* the policy settings of both areas (:func:`desktop.services.policy.seed_default_policy`: plausible
  values marked as local policy to be confirmed) and, before every entry into class I/II and every
  application, a saved assessment: the means test (:mod:`desktop.rules.means_test`) run on the
  household's members and figures with the settings in force that day, frozen as the assessment
  service freezes it (``services.assessment.frozen_columns``); ``last_assessed_on`` is the latest one and each
  application points at the assessment before it. The demo's incomes are synthetic, so a computed
  category may differ from the household's story (the placement then carries a reason);
* clues from every informant level, vertical source and department (department clues come with
  their import batch and row), over every channel;
* the monitoring board: every stage change is a ``LibraryMove``; households in class I/II or in
  assistance are visited each quarter (``last_visited_on`` / ``next_visit_due`` in step);
* referrals to departments; two years of applications with their steps: the regular track before
  the switch date (AppSetting ``commitment_track_start``), the commitment track after it; monthly
  assistance records from the month after approval; post-checks after commitment approvals, a few
  failed with a revocation; quarterly spot-check samples drawn with :mod:`desktop.rules.sampling`.

At the default size (6,000 households) the figures the statistics compute from these records are
the district's: 1,644 households proactively discovered, 1,115 in class I, 1,518 in class II,
authorisation pass rate 30% before the switch and 90% after, regular applications decided in
≥ 30 working days and commitment ones in ≤ 10. Other sizes scale every count proportionally.

Speed: rows are generated in chunks of households as plain tuples with primary keys assigned
here, and written with one ``executemany`` per table and chunk on SQLite and with ``COPY`` on
PostgreSQL, all in one transaction (nothing is left half-written). Deterministic for a seed.
Village names of 河口镇 other than 道仕袱村 and 闸口社区 are illustrative.
"""

from __future__ import annotations

import json
import random
import time
from array import array
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from hashlib import sha256
from typing import Any

from sqlalchemy import Connection, func, insert, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateIndex, DropIndex

from desktop.models import (
    AppSetting,
    AuditEntry,
    Base,
    Household,
    ImportBatch,
    PolicySetting,
    Region,
    SpotCheckSample,
    User,
)
from desktop.rules import means_test as mt
from desktop.rules import policy as policy_rules
from desktop.rules import sampling
from desktop.rules.codes import (
    CHANNEL_LABELS,
    DEPARTMENT_LABELS,
    INFORMANT_LABELS,
    VERTICAL_LABELS,
    RegionLevel,
    Role,
)
from desktop.rules.idcard import CHECK_CHARS, WEIGHTS
from desktop.rules.workdays import DEFAULT_CALENDAR
from desktop.services import auth, bulk
from desktop.services import policy as policy_service
from desktop.services.assessment import frozen_columns
from desktop.services.base import Actor
from desktop.services.database import Database
from desktop.services.errors import ValidationFailed
from desktop.services.progress import Progress

DEFAULT_HOUSEHOLDS = 6000
MIN_HOUSEHOLDS = 200
MAX_HOUSEHOLDS = 2_000_000  # twice the statistics benchmark's district; more fills the disk, not a demo
START = date(2024, 12, 1)
SWITCH = date(2025, 12, 1)
END = date(2026, 11, 27)
PERIOD_END = date(2026, 10, 31)  # the 12-month income/expense period ends here
COMMITMENT_SETTING = "commitment_track_start"
CHUNK = 4000  # households per chunk

# The district's seed figures (RULES.md §1.1, §1.5) at the default size.
SEED_DISCOVERED = 1644
SEED_CLASS_1 = 1115
SEED_CLASS_2 = 1518

SUBDISTRICTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("八泉街道", "urban", ("八泉社区", "飞云社区", "月亮山社区", "和平街社区", "源建里社区", "青龙阁社区",
                       "上窑社区", "临江社区")),
    ("澄月街道", "urban", ("澄月社区", "大智路社区", "磁湖社区", "十五冶社区", "陈家湾社区", "京华路社区",
                       "环湖社区", "南岸社区")),
    ("牧羊湖街道", "urban", ("胡家湾社区", "石料山社区", "牧羊湖社区", "花园路社区", "八卦嘴社区", "水机路社区",
                        "滨湖社区", "半岛社区", "李家坊社区")),
    ("黄思湾街道", "urban", ("新建社区", "叶家塘社区", "田园社区", "马家嘴社区", "袁海湾社区", "桐厂社区",
                        "东屏社区", "西屏社区")),
    ("河口镇", "rural", ("闸口社区", "道仕袱村", "海口湖村", "章山村", "四顾闸村", "牛山村")),
)


@dataclass(frozen=True)
class DemoLogin:
    role: Role
    username: str
    password: str
    region: str
    display_name: str


LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(Role.ADMIN, "admin", "admin123", "西塞山区", "周建华"),
    DemoLogin(Role.DISTRICT_REVIEWER, "reviewer", "reviewer123", "西塞山区", "李静"),
    DemoLogin(Role.SUBDISTRICT_CASEWORKER, "caseworker", "caseworker123", "八泉街道", "王海燕"),
    DemoLogin(Role.COMMUNITY_WORKER, "worker", "worker123", "飞云社区", "陈晓琴"),
    DemoLogin(Role.SUPERVISOR, "supervisor", "supervisor123", "西塞山区", "刘国强"),
)

# -- the plan: how many households follow which story -------------------------------------------------

# Application outcomes. Regular track (accepted before the switch):
R_FAIL, R_REFUSED, R_TEMP, R_APPROVED, R_EXITED = "r_fail", "r_refused", "r_temp", "r_approved", "r_exited"
# Commitment track (accepted on or after the switch):
C_OPEN_NEW, C_OPEN_PASSED, C_TEMP, C_FAIL, C_REFUSED, C_APPROVED, C_REVOKED = (
    "c_open_new", "c_open_passed", "c_temp", "c_fail", "c_refused", "c_approved", "c_revoked")

# Counts at the default size; 30.0% of the regular checks pass, 90.1% of the commitment ones.
REGULAR_COUNTS = {R_FAIL: 700, R_REFUSED: 28, R_TEMP: 12, R_APPROVED: 240, R_EXITED: 20}
COMMITMENT_COUNTS = {C_OPEN_NEW: 15, C_OPEN_PASSED: 10, C_TEMP: 30, C_FAIL: 68, C_REFUSED: 10,
                     C_APPROVED: 555, C_REVOKED: 12}
REAPPLY = 150  # regular-track failures who apply again on the commitment track
APPLICANTS_WITH_CLUE = 800
TO_INVESTIGATE, TO_CHECK, NOT_HARDSHIP, CLASS1_CLUE = 40, 30, 60, 214
UNMATCHED_CLUES = 20

APP_CLASS_1 = {R_FAIL, R_REFUSED, R_TEMP, C_TEMP, C_FAIL, C_REFUSED, C_REVOKED}


@dataclass(frozen=True)
class DemoFigures:
    """What the statistics compute from the demo's records."""

    households: int
    discovered: int
    class_1: int
    class_2: int
    regular_applications: int
    commitment_applications: int
    regular_pass_rate: float
    commitment_pass_rate: float


@dataclass(frozen=True)
class DemoPlan:
    households: int
    kinds: tuple[tuple, ...]  # (kind, clue, regular outcome, commitment outcome)
    counts: tuple[int, ...]
    unmatched_clues: int
    figures: DemoFigures


def _scaled(value: int, households: int) -> int:
    return int(value * households / DEFAULT_HOUSEHOLDS + 0.5)


def plan(households: int = DEFAULT_HOUSEHOLDS) -> DemoPlan:
    """How many households follow each story at this size (the headline figures scale with it)."""
    if households < MIN_HOUSEHOLDS:
        raise ValidationFailed(f"演示数据至少需要 {MIN_HOUSEHOLDS} 户。")
    if households > MAX_HOUSEHOLDS:
        raise ValidationFailed(f"演示数据最多 {MAX_HOUSEHOLDS:,} 户(收到 {households:,} 户)。")

    def s(v: int) -> int:
        return _scaled(v, households)

    reg = {k: s(v) for k, v in REGULAR_COUNTS.items()}
    com = {k: s(v) for k, v in COMMITMENT_COUNTS.items()}
    reapply = min(s(REAPPLY), reg[R_FAIL])
    discovered, class_1, class_2 = s(SEED_DISCOVERED), s(SEED_CLASS_1), s(SEED_CLASS_2)
    com_list = [k for k in COMMITMENT_COUNTS for _ in range(com[k])]
    random.Random(households).shuffle(com_list)
    app_pairs: list[tuple[str | None, str | None]] = [(R_FAIL, c) for c in com_list[:reapply]]
    app_pairs += [(None, c) for c in com_list[reapply:]]
    for k in REGULAR_COUNTS:
        app_pairs += [(k, None)] * (reg[k] - (reapply if k == R_FAIL else 0))
    app_class1 = sum(1 for r, c in app_pairs if (c or r) in APP_CLASS_1)
    app_class2 = sum(1 for r, c in app_pairs if c is None and r == R_EXITED)
    lib1 = class_1 - app_class1
    lib2 = class_2 - app_class2
    to_inv, to_chk, not_hard = s(TO_INVESTIGATE), s(TO_CHECK), s(NOT_HARDSHIP)
    with_clue = min(s(APPLICANTS_WITH_CLUE), len(app_pairs))
    lib_clue = discovered - to_inv - to_chk - not_hard - with_clue
    lib1_clue = min(lib1, s(CLASS1_CLUE), lib_clue)
    lib2_clue = lib_clue - lib1_clue
    registry = households - len(app_pairs) - lib1 - lib2 - to_inv - to_chk - not_hard
    if min(lib1, lib2, lib2_clue, registry) < 0 or lib2_clue > lib2:
        raise ValidationFailed(f"无法按 {households} 户的规模安排演示数据,请换一个户数。")
    counts: dict[tuple, int] = {}

    def add(key: tuple, n: int) -> None:
        if n > 0:
            counts[key] = counts.get(key, 0) + n

    add(("registry", False, None, None), registry)
    add(("to_investigate", True, None, None), to_inv)
    add(("to_check", True, None, None), to_chk)
    add(("not_hardship", True, None, None), not_hard)
    add(("class1", True, None, None), lib1_clue)
    add(("class1", False, None, None), lib1 - lib1_clue)
    add(("class2", True, None, None), lib2_clue)
    add(("class2", False, None, None), lib2 - lib2_clue)
    random.Random(households + 1).shuffle(app_pairs)
    for i, (r, c) in enumerate(app_pairs):
        add(("app", i < with_clue, r, c), 1)
    reg_checked = sum(reg.values())
    reg_passed = reg_checked - reg[R_FAIL]
    com_checked = sum(com.values()) - com[C_OPEN_NEW]
    com_passed = com_checked - com[C_FAIL]
    figures = DemoFigures(households, discovered, class_1, class_2, sum(reg.values()), sum(com.values()),
                          reg_passed / reg_checked if reg_checked else 0.0,
                          com_passed / com_checked if com_checked else 0.0)
    kinds = tuple(counts)
    return DemoPlan(households, kinds, tuple(counts[k] for k in kinds), s(UNMATCHED_CLUES), figures)


def expected_figures(households: int = DEFAULT_HOUSEHOLDS) -> DemoFigures:
    return plan(households).figures


# -- working days: a dense index over the demo's years -------------------------------------------------

class _Workdays:
    """Working days from the library calendar, as ordinals, with O(1) add/count."""

    def __init__(self, first: date, last: date) -> None:
        self.first = first.toordinal()
        self.last = last.toordinal()
        self.days: list[int] = []
        self.count: list[int] = []  # number of working days <= first + i
        for o in range(self.first, self.last + 1):
            if DEFAULT_CALENDAR.is_workday(date.fromordinal(o)):
                self.days.append(o)
            self.count.append(len(self.days))

    def cnt(self, o: int) -> int:
        return self.count[o - self.first]

    def add(self, o: int, n: int) -> int:
        """N working days after o (o itself not counted); n == 0 gives o."""
        return o if n <= 0 else self.days[self.cnt(o) + n - 1]

    def between(self, a: int, b: int) -> int:
        return self.cnt(b) - self.cnt(a)

    def next(self, o: int) -> int:
        """o if a working day, else the next working day."""
        c = self.cnt(o)
        return o if c and self.days[c - 1] == o else self.days[c]

    def back(self, o: int, n: int) -> int:
        """The n-th working day at or before o (n == 0: the last working day <= o)."""
        return self.days[self.cnt(o) - 1 - n]


# -- value encoding per database -----------------------------------------------------------------------

class _Rng(random.Random):
    """random.Random with cheaper integer draws (deterministic for a seed, like the rest)."""

    def randint(self, a: int, b: int) -> int:  # type: ignore[override]
        return a + int(self.random() * (b - a + 1))

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:  # type: ignore[override]
        if stop is None:
            start, stop = 0, start
        return start + step * int(self.random() * ((stop - start + step - 1) // step))


class _DayMap(dict):
    """ordinal -> value in the driver's form, computed on first use; None maps to None."""

    def __init__(self, make: Callable[[int], Any]) -> None:
        super().__init__()
        self.make = make
        self[None] = None

    def __missing__(self, o: int) -> Any:
        v = self[o] = self.make(o)
        return v


class _Codec:
    """Dates and timestamps in the form each driver takes fastest (strings for sqlite3)."""

    def __init__(self, sqlite: bool) -> None:
        self.sqlite = sqlite
        self.d: Callable[[int | None], Any] = _DayMap(self._date).__getitem__
        self.t: Callable[[int | None], Any] = _DayMap(self._stamp).__getitem__

    def _date(self, o: int) -> Any:
        day = date.fromordinal(o)
        return day.isoformat() if self.sqlite else day

    def _stamp(self, o: int) -> Any:
        """A timestamp on day o (09:30 Beijing time), stored as UTC."""
        day = date.fromordinal(o)
        moment = datetime(day.year, day.month, day.day, 1, 30, tzinfo=UTC)
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f") if self.sqlite else moment


# The tables as the summary of the rows written names them.
TABLE_LABELS = {
    "households": "家庭", "members": "成员", "incomes": "收入", "expenses": "支出", "assessments": "评估",
    "clues": "线索", "import_batches": "导入批次", "import_rows": "导入名单行", "library_moves": "库别调整",
    "visits": "走访", "applications": "申请", "application_steps": "办理环节", "commitments": "承诺书",
    "post_checks": "事后核查", "assistance_records": "发放记录", "referrals": "转介", "regions": "区划",
    "users": "用户", "policy_settings": "政策参数", "notices": "通知书", "calendar_years": "节假日安排",
    "revocations": "撤销追回",
}

# The columns written per table, in the order the generator builds its tuples.
COLUMNS: dict[str, tuple[str, ...]] = {
    "households": ("id", "code", "region_id", "address", "phone", "area_type", "single_parent", "head_name",
                   "head_id_number", "head_id_reversed", "member_count", "category", "stage", "stage_since",
                   "last_assessed_on", "last_visited_on", "next_visit_due", "note", "version", "updated_at",
                   "updated_by_id", "created_at", "created_by_id", "discovered_on", "best_application"),
    "members": ("id", "household_id", "name", "id_number", "id_reversed", "relation", "sex", "birth_date", "phone",
                "health", "disability", "disability_grade", "labour_capacity", "schooling", "employed",
                "union_member", "note", "version", "updated_at", "updated_by_id", "created_at", "created_by_id"),
    "incomes": ("id", "household_id", "member_id", "kind", "amount", "period_end", "exempt", "note", "version",
                "updated_at", "updated_by_id"),
    "expenses": ("id", "household_id", "member_id", "kind", "amount", "period_end", "note", "version",
                 "updated_at", "updated_by_id"),
    "assessments": ("id", "household_id", "assessed_on", "inputs", "settings", "per_capita_income", "result_category",
                    "urgent", "result", "explanation", "verification_methods", "investigators",
                    "suggested_placement", "placement", "override_reason", "created_at", "created_by_id"),
    "clues": ("id", "household_id", "person_name", "id_number", "phone", "address", "source_level", "source",
              "channel", "reported_on", "reported_by", "description", "status", "region_id", "assigned_at",
              "outcome", "closed_on", "batch_id", "version", "updated_at", "updated_by_id", "created_at",
              "created_by_id", "scope_region_id"),
    "import_rows": ("id", "batch_id", "row_number", "name", "id_number", "raw_id", "outcome", "reason",
                    "household_id", "region_id", "data"),
    "library_moves": ("id", "household_id", "from_stage", "to_stage", "moved_on", "reason", "created_at",
                      "created_by_id", "region_id"),
    "visits": ("id", "household_id", "visited_on", "visitors", "findings", "outcome", "version", "updated_at",
               "updated_by_id", "created_at", "created_by_id"),
    "applications": ("id", "household_id", "assessment_id", "category", "temporary_kind", "track", "accepted_on",
                     "due_on", "extended", "extension_reason", "step", "status", "check_passed", "objection",
                     "decided_on", "amount", "start_month", "refusal_reason", "stopped_on", "version",
                     "updated_at", "updated_by_id", "created_at", "created_by_id", "region_id"),
    "application_steps": ("id", "application_id", "step", "started_on", "due_on", "completed_on", "result", "note",
                          "data", "created_at", "created_by_id"),
    "commitments": ("id", "application_id", "signed_on", "signer_name", "text", "file_name", "file_data",
                    "created_at", "created_by_id"),
    "post_checks": ("id", "application_id", "kind", "due_on", "done_on", "result", "note", "sample_id", "version",
                    "updated_at", "updated_by_id", "created_at", "created_by_id"),
    "revocations": ("id", "application_id", "post_check_id", "reason", "amount_to_recover", "amount_recovered",
                    "status", "closed_on", "trace_finding", "trace_note", "traced_on", "version", "updated_at",
                    "updated_by_id", "created_at", "created_by_id"),
    "assistance_records": ("id", "household_id", "application_id", "category", "month", "amount", "method",
                           "created_at", "created_by_id", "region_id", "head_name", "head_id_number", "member_count"),
    "referrals": ("id", "household_id", "assessment_id", "application_id", "department", "need", "due_on",
                  "status", "sent_on", "closed_on", "feedback", "received_at", "version", "updated_at",
                  "updated_by_id", "created_at", "created_by_id", "region_id"),
}
TABLE_ORDER = tuple(COLUMNS)


class _Sink:
    """Writes a chunk of rows for several tables (see :func:`bulk.insert_rows`) and counts them."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.written = 0

    def write(self, table: str, rows: list[tuple]) -> None:
        bulk.insert_rows(self.conn, table, COLUMNS[table], rows)
        self.written += len(rows)

    def put(self, chunk: list[tuple[str, list[tuple]]]) -> None:
        for table, rows in chunk:
            self.write(table, rows)


# -- words -----------------------------------------------------------------------------------------

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
            "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
            "莫孔向汤柯明")
MALE_CHARS = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林欢阳建国志文新海峰亮成东锋德荣庆立兵勤春金"
FEMALE_CHARS = "芳娟敏静丽艳娜霞秀英华慧巧美玲桂兰红梅琳雪婷倩颖洁佳燕琴萍媛莉月凤丹妍欣怡悦蕾春珍"
PHONE_PREFIXES = ("133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "158", "159", "177",
                  "180", "186", "187", "189", "199")
AREAS = ("420203", "420202", "420204", "420205", "420222", "420281")
_AREA_SUMS = tuple(sum(int(c) * w for c, w in zip(a, WEIGHTS[:6], strict=True)) for a in AREAS)
_W14, _W15, _W16 = WEIGHTS[14], WEIGHTS[15], WEIGHTS[16]
STANDARD = {"urban": 780, "rural": 620}  # monthly 低保 standard used to size demo incomes (illustrative)

DIS_TYPES = ("physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple")
DIS_WEIGHTS = (40, 12, 12, 3, 12, 12, 9)
CLUE_TEXT = {
    "serious": "家中成员身患重病,长期治疗,医疗支出大,生活困难",
    "disabled": "家中有重度残疾人,缺乏劳动能力,收入微薄",
    "elderly": "独居老人,无固定收入,生活困难",
    "single": "单亲家庭,子女在读,收入难以维持生活",
    "jobless": "主要劳动力失业,家庭收入骤减",
    "other": "因意外事故致家庭生活暂时困难",
}
DEPT_TEXT = {
    "union": "困难职工帮扶名单", "education": "在校学生家庭经济困难", "justice": "社区矫正对象家庭困难",
    "hrss": "登记失业人员", "housing": "住房困难家庭", "health": "大病患者家庭",
    "emergency": "受灾困难家庭", "medical_insurance": "年度自付医疗费用较高", "disabled_federation": "持证重度残疾人",
}
REFERRAL_NEED = {
    "medical_insurance": "住院自付费用较高,申请医疗救助", "health": "慢病随访与家庭医生签约",
    "education": "在校学生申请教育资助", "housing": "住房困难,申请公租房保障", "hrss": "劳动力就业帮扶与技能培训",
    "justice": "法律援助(赡养/抚养纠纷)", "disabled_federation": "残疾人两项补贴及康复服务",
    "union": "困难职工帮扶", "emergency": "受灾临时生活救助",
}
CHECK_FAIL = ("核对发现家庭成员名下有机动车辆", "核对发现银行存款超过规定标准", "核对发现家庭成员有工商登记经营收入",
              "核对发现家庭成员名下有多套住房", "核对发现家庭人均收入高于低保标准")
COMMITMENT_TEXT = ("本人自愿选择告知承诺制办理,承诺所填报的家庭人口、收入、财产等信息真实、完整、准确;"
                   "如有隐瞒或虚报,愿意退还所领取的救助资金并承担相应法律责任。")
CATEGORY_BY_REG = {R_TEMP: "temporary"}


_QUARTER: dict[int, tuple[int, int]] = {}
_BOUNDS: dict[tuple[int, int], tuple[int, int]] = {}


def _quarter(o: int) -> tuple[int, int]:
    v = _QUARTER.get(o)
    if v is None:
        d = date.fromordinal(o)
        v = _QUARTER[o] = (d.year, (d.month - 1) // 3)
    return v


def _quarter_bounds(year: int, q: int) -> tuple[int, int]:
    v = _BOUNDS.get((year, q))
    if v is None:
        first = date(year, q * 3 + 1, 1)
        nxt = date(year + 1, 1, 1) if q == 3 else date(year, q * 3 + 4, 1)
        v = _BOUNDS[(year, q)] = (first.toordinal(), nxt.toordinal() - 1)
    return v


def _month_first(o: int) -> date:
    d = date.fromordinal(o)
    return date(d.year, d.month, 1)


def _next_month(d: date) -> date:
    return date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)


TRACE_NOTE = "申请人隐瞒收入,经办人员已按规定核对、调查和公示,依规履职,容错免责"


def _add_months(o: int, months: int) -> int:
    d = date.fromordinal(o)
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    m += 1
    last = (date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)) - timedelta(days=1)
    return date(y, m, min(d.day, last.day)).toordinal()


# -- the result ----------------------------------------------------------------------------------------

@dataclass
class DemoResult:
    households: int
    seed: int
    database: str
    seconds: float
    rows: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[DemoLogin, bool]] = field(default_factory=list)  # (login, created now)
    figures: DemoFigures | None = None

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


# -- policy settings in force, read once ------------------------------------------------------------

class _Policy:
    """The settings in force per area and day, read from the database once: the set only changes on an
    ``effective_from`` date, so it is loaded (by the policy service) for each such date and reused."""

    def __init__(self, db: Database) -> None:
        self.breaks: dict[str, list[int]] = {}
        self.sets: dict[str, list[policy_rules.PolicySettings | str]] = {}
        self.cache: dict[tuple[str, int], policy_rules.PolicySettings] = {}
        with db.session_factory() as session:
            for area in ("urban", "rural"):
                days = sorted(set(session.scalars(select(PolicySetting.effective_from)
                                                  .where(PolicySetting.area_type == area))))
                self.breaks[area] = [d.toordinal() for d in days]
                self.sets[area] = [self._load(session, area, d) for d in days]

    @staticmethod
    def _load(session: Session, area: str, on: date) -> policy_rules.PolicySettings | str:
        try:
            return policy_service.settings_in_force_session(session, area, on)
        except policy_service.NoPolicyInForce as exc:
            return exc.message

    def on(self, area: str, o: int) -> policy_rules.PolicySettings:
        """The settings in force on day ``o``; NoPolicyInForce (naming what is missing) otherwise."""
        found = self.cache.get((area, o))
        if found is not None:
            return found
        i = bisect_right(self.breaks[area], o) - 1
        day = date.fromordinal(o)
        got = self.sets[area][i] if i >= 0 else None
        if got is None:
            try:
                policy_rules.make_settings(area, day, {})
            except policy_rules.PolicyValueError as exc:
                got = str(exc)
        if not isinstance(got, policy_rules.PolicySettings):
            raise policy_service.NoPolicyInForce(f"无法生成演示评估:{got}")
        found = self.cache[(area, o)] = replace(got, on=day)
        return found


# -- the generator -------------------------------------------------------------------------------------

@dataclass
class _Community:
    id: int
    code: str
    name: str
    sub: str
    area: str
    staff: tuple[str, str]
    next_seq: int = 1


class _Generator:
    def __init__(self, seed: int, codec: _Codec, communities: list[_Community], ids: dict[str, int],
                 batches: list[tuple[int, int, str]], wd: _Workdays, policy: _Policy) -> None:
        self.rng = _Rng(seed)
        self.arng = _Rng(seed * 7919 + 17)  # assessments draw apart: the other records stay as they were
        self.policy = policy
        self.c = codec
        self.communities = communities
        weights = []
        for com in communities:
            w = self.rng.uniform(0.6, 1.4)
            weights.append(w * (0.7 if com.area == "rural" else 1.0))
        total = sum(weights)
        acc = 0.0
        self.cum_weights = []
        for w in weights:
            acc += w
            self.cum_weights.append(acc / total)
        self.ids = ids
        self.batches = batches  # (id, day ordinal, department), by day
        self.batch_days = sorted({b[1] for b in batches})
        self.batch_rows: dict[int, list[int]] = {b[0]: [0, 0, 0] for b in batches}  # rows, known, in_assistance
        self.wd = wd
        self.buf: dict[str, list[tuple]] = {t: [] for t in TABLE_ORDER}
        self.start = START.toordinal()
        self.switch = SWITCH.toordinal()
        self.end = END.toordinal()
        self.period_end = codec.d(PERIOD_END.toordinal())
        self.now_ts = codec.t(self.end)
        self.base_ord = date(END.year - 106, 1, 1).toordinal()
        self.id_counters = array("H", bytes(2 * (self.end - self.base_ord + 2) * 12))
        self.date8: dict[int, tuple[str, int]] = {}
        self.unused_sources = ([("informant", k) for k in INFORMANT_LABELS]
                               + [("vertical", k) for k in VERTICAL_LABELS]
                               + [("department", k) for k in DEPARTMENT_LABELS])
        self.unused_channels = list(CHANNEL_LABELS)
        self.unused_departments = list(DEPARTMENT_LABELS)
        self.unused_referral_status = ["sent", "received", "done", "declined"]
        self.approved_commitment: list[tuple[int, int, int | None, int]] = []  # app id, decided, stopped, sub id
        self.empty_json = "{}"
        self.frozen_settings: dict[int, str] = {}  # id(settings) -> JSON text

    # -- small helpers
    def next_id(self, table: str) -> int:
        v = self.ids[table]
        self.ids[table] = v + 1
        return v

    def name(self, male: bool, surname: str | None = None) -> str:
        r = self.rng.random
        sur = surname or SURNAMES[int(len(SURNAMES) * r() ** 1.7)]
        chars = MALE_CHARS if male else FEMALE_CHARS
        given = chars[int(r() * len(chars))]
        if r() < 0.72:
            given += chars[int(r() * len(chars))]
        return sur + given

    def phone(self) -> str:
        return PHONE_PREFIXES[int(self.rng.random() * len(PHONE_PREFIXES))] + f"{self.rng.randrange(10**8):08d}"

    def id_number(self, area: int, birth: int, male: bool) -> tuple[str, int]:
        """A unique valid number for this area, birth date and sex (birth moves a day if a day is full)."""
        while True:
            key = ((birth - self.base_ord) * 6 + area) * 2 + male
            n = self.id_counters[key]
            k = (birth * 7 + area * 31) % 60 + n
            if k < 500:
                break
            birth -= 1
        self.id_counters[key] = n + 1
        seq = 2 * k + (1 if male else 0)
        cached = self.date8.get(birth)
        if cached is None:
            d8 = date.fromordinal(birth).strftime("%Y%m%d")
            cached = self.date8[birth] = (d8, sum(int(c) * w for c, w in zip(d8, WEIGHTS[6:14], strict=True)))
        d8, dsum = cached
        total = _AREA_SUMS[area] + dsum + (seq // 100) * _W14 + (seq // 10 % 10) * _W15 + (seq % 10) * _W16
        return f"{AREAS[area]}{d8}{seq:03d}{CHECK_CHARS[total % 11]}", birth

    def rand_day(self, lo: int, hi: int) -> int:
        return lo if hi <= lo else self.rng.randint(lo, hi)

    def rand_workday(self, lo: int, hi: int) -> int:
        o = self.wd.next(self.rand_day(lo, hi))
        return o if o <= hi else self.wd.back(hi, 0)

    # -- one household
    def household(self, kind: tuple) -> None:
        rng = self.rng
        r = rng.random
        story_kind, has_clue, reg, com = kind
        hid = self.next_id("households")
        comm = self.communities[min(bisect_right(self.cum_weights, r()), len(self.communities) - 1)]
        area_type = comm.area
        std = STANDARD[area_type]
        base_cat = None
        if story_kind == "app":
            x = r()
            base_cat = "dibao" if x < 0.68 else "tekun" if x < 0.78 else "marginal" if x < 0.9 else "expenditure"
        # income band (per-capita monthly income in multiples of the standard) and hardship
        final = com or reg
        if story_kind == "registry":
            band, hard = max(1.7, rng.lognormvariate(1.2, 0.45)), 0.0
        elif story_kind in ("to_investigate", "to_check"):
            band, hard = rng.uniform(0.6, 2.0), 0.7
        elif story_kind == "not_hardship":
            band, hard = rng.uniform(2.5, 5.0), 0.1
        elif story_kind == "class2":
            band, hard = rng.uniform(1.5, 3.0), 0.5
        elif story_kind == "class1":
            band, hard = rng.uniform(1.0, 1.5), 0.8
        elif final in (R_APPROVED, C_APPROVED):
            band = {"dibao": rng.uniform(0.05, 0.85), "tekun": rng.uniform(0.05, 0.5),
                    "marginal": rng.uniform(1.0, 1.45), "expenditure": rng.uniform(1.2, 2.2)}[base_cat]
            hard = 1.0
        elif final == R_EXITED:
            band, hard = rng.uniform(1.6, 2.6), 0.6
        elif final in (C_OPEN_NEW, C_OPEN_PASSED):
            band, hard = rng.uniform(0.4, 1.3), 1.0
        elif final == C_REVOKED:
            band, hard = rng.uniform(1.2, 2.0), 0.6
        else:
            band, hard = rng.uniform(1.0, 1.6), 0.8
        members, single_parent = self.members(hid, area_type, hard, base_cat == "tekun")
        head = members[0]
        address = self.address(comm)
        incomes, expenses = self.buf["incomes"], self.buf["expenses"]
        i0, e0 = len(incomes), len(expenses)
        clues, apps = self.buf["clues"], self.buf["applications"]
        c0, a0 = len(clues), len(apps)
        self.incomes(hid, members, band * std, area_type, story_kind == "registry", base_cat)
        self.expenses(hid, members, base_cat == "expenditure")
        # the story
        st = _Story(self, hid, comm, head, address, members)
        st.figures = (incomes[i0:], expenses[e0:], single_parent)
        st.clue_flag = has_clue
        if story_kind == "registry":
            pass
        elif story_kind == "app":
            st.applications(has_clue, reg, com, base_cat or "dibao", band, std, len(members))
        else:
            st.library(story_kind)
        st.finish()
        code = f"{comm.code}{comm.next_seq:05d}"
        comm.next_seq += 1
        created = st.first_event if st.first_event is not None else self.start - 1
        ts = self.c.t(created)
        self.buf["households"].append((
            hid, code, comm.id, address, head[7], area_type, single_parent, head[2], head[3], head[4],
            len(members), st.category, st.stage, self.c.d(st.stage_since), self.c.d(st.last_assessed),
            self.c.d(st.last_visit),
            self.c.d(st.next_due), "", 1, self.c.t(st.last_event or created), None, ts, None,
            # what the triggers of migration 0003 keep (they are off for a PostgreSQL load)
            min((c[9] for c in clues[c0:]), default=None),
            max((2 if a[11] == "approved" else 1 for a in apps[a0:]), default=None)))

    def address(self, comm: _Community) -> str:
        r = self.rng.randint
        if comm.name.endswith("村"):
            return f"黄石市西塞山区{comm.sub}{comm.name}{r(1, 12)}组{r(1, 80)}号"
        return f"黄石市西塞山区{comm.sub}{comm.name}{r(1, 40)}栋{r(1, 6)}单元{r(1, 18)}{r(1, 4):02d}"

    def members(self, hid: int, area_type: str, hard: float, tekun: bool) -> tuple[list[list], bool]:
        rng = self.rng
        r = rng.random
        if tekun:
            size = 1
            head_age = rng.randint(60, 92) if r() < 0.8 else rng.randint(30, 59)
        else:
            x = r()
            if hard > 0.5:
                size = 1 if x < 0.22 else 2 if x < 0.5 else 3 if x < 0.75 else 4 if x < 0.92 else 5
            else:
                size = 1 if x < 0.15 else 2 if x < 0.42 else 3 if x < 0.72 else 4 if x < 0.88 else 5 if x < 0.96 else 6
            head_age = rng.randint(20, 90) if size == 1 else rng.randint(24, 85)
        head_male = r() < (0.62 if size > 1 else 0.48)
        plan: list[tuple[str, int, bool]] = [("self", head_age, head_male)]
        has_spouse = size >= 2 and r() < (0.8 - 0.25 * hard)
        if has_spouse:
            plan.append(("spouse", max(20, head_age + rng.randint(-6, 4) * (1 if head_male else -1)), not head_male))
        while len(plan) < size:
            if head_age < 50 and r() < 0.18 and not any(p[0] == "parent" for p in plan):
                plan.append(("parent", min(96, head_age + rng.randint(22, 32)), r() < 0.45))
                continue
            child_age = head_age - rng.randint(22, 36)
            if head_age >= 58 and r() < 0.4 and child_age >= 22:
                plan.append(("grandchild", rng.randint(0, min(17, child_age - 20)), r() < 0.5))
            elif child_age >= 0:
                plan.append(("child", child_age, r() < 0.52))
            else:
                plan.append(("sibling", max(16, head_age + rng.randint(-8, 8)), r() < 0.5))
        single_parent = not has_spouse and 20 <= head_age < 60 and any(p[0] == "child" and p[1] < 18 for p in plan)
        surname = SURNAMES[int(len(SURNAMES) * r() ** 1.7)]
        father = surname if head_male else (SURNAMES[int(len(SURNAMES) * r() ** 1.7)] if has_spouse else surname)
        out: list[list] = []
        buf = self.buf["members"]
        for rel, age, male in plan:
            if rel == "self":
                name = self.name(male, surname)
            elif rel in ("child", "grandchild"):
                name = self.name(male, father)
            else:
                name = self.name(male)
            x = r()
            if age < 18 and r() < 0.95:
                area = 0
            elif x < (0.84 if area_type == "urban" else 0.7):
                area = 0
            elif area_type == "rural":
                area = 4 if x < 0.85 else 5
            else:
                area = 1 + int(r() * 5)
            hi = date(END.year - age, END.month, min(END.day, 28)).toordinal()
            number, birth = self.id_number(area, hi - rng.randint(0, 363), male)
            # health, disability, labour
            p_serious = (0.004 + age * 0.0005) * (1 + 3 * hard)
            p_chronic = (0.02 + max(0, age - 40) * 0.008) * (1 + hard)
            y = r()
            health = "serious" if y < p_serious else "chronic" if y < p_serious + p_chronic else "healthy"
            dis, grade = "none", 0
            if r() < 0.02 + 0.09 * hard:
                dis = rng.choices(DIS_TYPES, DIS_WEIGHTS)[0]
                g = r()
                grade = 1 if g < 0.15 else 2 if g < 0.4 else 3 if g < 0.7 else 4
            if tekun and rel == "self" and age < 60:
                dis, grade = "physical" if r() < 0.6 else "intellectual", 1 + int(r() * 2)
            if (age < 16 or age >= 60 or health == "serious" or grade in (1, 2)
                    or (dis in ("intellectual", "mental") and grade == 3)):
                labour = "none"
            elif health == "chronic" or grade in (3, 4):
                labour = "partial"
            else:
                labour = "full"
            if 3 <= age <= 5:
                school = "preschool"
            elif 6 <= age <= 15:
                school = "compulsory"
            elif 16 <= age <= 18:
                school = "high_school" if r() < 0.7 else "vocational"
            elif 19 <= age <= 22 and r() < 0.5:
                school = "higher"
            else:
                school = "none"
            if age < 16:
                employed = None
            elif school != "none" or age >= 60 or labour == "none":
                employed = False
            elif labour == "full":
                employed = r() < 0.88 - 0.4 * hard
            else:
                employed = r() < 0.35
            union = bool(employed) and r() < 0.25
            phone = self.phone() if rel == "self" or (age >= 16 and r() < 0.7) else ""
            mid = self.next_id("members")
            sex = "男" if male else "女"
            buf.append((mid, hid, name, number, number[::-1], rel, sex, self.c.d(birth), phone, health, dis, grade,
                        labour, school, employed, union, "", 1, self.now_ts, None, self.now_ts, None))
            out.append([mid, rel, name, number, number[::-1], age, male, phone, health, dis, grade, labour, school,
                        employed, birth, union])
        return out, single_parent

    def incomes(self, hid: int, members: list[list], monthly_pc: float, area_type: str, registry: bool,
                category: str | None) -> None:
        rng = self.rng
        r = rng.random
        total = monthly_pc * 12 * len(members)
        slots = []
        for m in members:
            if m[13]:
                slots.append((m, 1.0, "business" if r() < 0.12 else "wages"))
            elif m[5] >= 60:
                slots.append((m, 0.45 if area_type == "urban" else 0.15, "transfer"))
        if not slots:
            slots.append((members[0], 1.0, "transfer" if r() < 0.6 else "other"))
        weight = sum(s[1] for s in slots)
        buf = self.buf["incomes"]
        for m, w, kind in slots:
            amount = max(120, round(total * w / weight * rng.uniform(0.85, 1.15), -1))
            buf.append((self.next_id("incomes"), hid, m[0], kind, float(amount), self.period_end, False,
                        "", 1, self.now_ts, None))
        if registry and r() < 0.05:
            buf.append((self.next_id("incomes"), hid, members[0][0], "property", float(rng.randrange(6000, 24000, 100)),
                        self.period_end, False, "房屋出租", 1, self.now_ts, None))
        if r() < 0.03:
            note = "优待抚恤金" if members[0][5] >= 50 else "奖学金"
            buf.append((self.next_id("incomes"), hid, members[0][0], "other", float(rng.randrange(2000, 8000, 100)),
                        self.period_end, True, note, 1, self.now_ts, None))

    def expenses(self, hid: int, members: list[list], expenditure: bool) -> None:
        rng = self.rng
        buf = self.buf["expenses"]
        big = expenditure
        for m in members:
            if m[8] == "serious" or big:
                amount = rng.randrange(20000, 90000, 100) if big else rng.randrange(8000, 60000, 100)
                buf.append((self.next_id("expenses"), hid, m[0], "medical", float(amount), self.period_end,
                            "住院及门诊自付费用", 1, self.now_ts, None))
                big = False
            elif m[8] == "chronic" and rng.random() < 0.6:
                buf.append((self.next_id("expenses"), hid, m[0], "medical", float(rng.randrange(1000, 8000, 100)),
                            self.period_end, "慢性病门诊自付", 1, self.now_ts, None))
            if m[12] in ("high_school", "vocational", "higher"):
                buf.append((self.next_id("expenses"), hid, m[0], "education",
                            float(rng.randrange(2000, 12000 if m[12] == "higher" else 6000, 100)), self.period_end,
                            "学费及住宿费", 1, self.now_ts, None))
            if m[10] in (1, 2):
                buf.append((self.next_id("expenses"), hid, m[0], "other_rigid", float(rng.randrange(3000, 20000, 100)),
                            self.period_end, "残疾康复费用", 1, self.now_ts, None))

    # -- clue sources with coverage of every level, source, channel and department
    def clue_source(self, day: int, allow_department: bool = True) -> tuple[str, str]:
        batch_ok = allow_department and day >= self.batch_days[0]
        for i, (level, _src) in enumerate(self.unused_sources):
            if level != "department" or batch_ok:
                return self.unused_sources.pop(i)
        x = self.rng.random()
        if x < 0.25 and batch_ok:
            return "department", self.rng.choice(tuple(DEPARTMENT_LABELS))
        if x < 0.5:
            return "vertical", self.rng.choice(tuple(VERTICAL_LABELS))
        return "informant", self.rng.choice(tuple(INFORMANT_LABELS))

    def channel(self) -> str:
        if self.unused_channels:
            return self.unused_channels.pop(0)
        return self.rng.choices(tuple(CHANNEL_LABELS), (30, 25, 15, 15, 12, 3))[0]

    def batch_for(self, department: str, day: int) -> tuple[int, int]:
        """The latest import batch of this department on or before ``day``."""
        best = None
        for bid, bday, dept in self.batches:
            if dept == department and bday <= day:
                best = (bid, bday)
        assert best is not None
        return best

    def department_for(self, members: list[list]) -> str:
        if self.unused_departments:
            return self.unused_departments.pop(0)
        if any(m[8] == "serious" for m in members):
            return self.rng.choice(("medical_insurance", "health"))
        if any(m[12] in ("high_school", "vocational", "higher", "compulsory") for m in members):
            return "education"
        if any(m[10] for m in members):
            return "disabled_federation"
        if any(m[13] is False and 18 <= m[5] < 60 and m[11] == "full" for m in members):
            return "hrss"
        return self.rng.choice(("housing", "justice", "union", "emergency", "housing"))

    def flush(self, writer: bulk.WriterThread, sink: _Sink) -> None:
        chunk = [(t, self.buf[t]) for t in TABLE_ORDER if self.buf[t]]
        self.buf = {t: [] for t in TABLE_ORDER}
        writer.put(sink.put, chunk)


MONITORED = {"class_1", "class_2", "assisted"}
# An assessment precedes every application and every entry into class I/II from outside the board's
# library columns (a new household, a clue being investigated or checked).
ASSESSED_ENTRY = {"class_1", "class_2"}
BEFORE_ENTRY = {None, "to_investigate", "to_check"}
ENTRY_PLACEMENT = {"applying": mt.APPLY, "class_1": mt.CLASS_1, "class_2": mt.CLASS_2}
ASSESSMENT_METHODS = (("data_check", "home_survey", "neighbours"), ("data_check", "home_survey"),
                      ("data_check", "info_check", "home_survey", "letters"),
                      ("data_check", "home_survey", "neighbours", "public_appraisal"))
# Used only when the staff placed the household otherwise than the calculation suggested.
OVERRIDE_REASONS = {
    mt.APPLY: "入户调查核实家庭实际生活困难,本人申请救助,按规定受理申请",
    mt.CLASS_1: "入户调查核实家庭存在较大困难,纳入一类库重点监测",
    mt.CLASS_2: "入户调查核实家庭存在一定困难因素,纳入二类库常态化监测",
}


class _Story:
    """One household's events: clues, board moves, applications, visits, referrals."""

    def __init__(self, g: _Generator, hid: int, comm: _Community, head: list, address: str, members: list[list]):
        self.g = g
        self.hid = hid
        self.comm = comm
        self.head = head
        self.address = address
        self.members = members
        self.stage: str | None = None
        self.stage_since: int | None = None
        self.category = "none"
        self.moves: list[tuple[str | None, str | None, int, str]] = []
        self.first_event: int | None = None
        self.last_event: int | None = None
        self.last_visit: int | None = None
        self.next_due: int | None = None
        self.marks: dict[int, tuple[str, str]] = {}  # move index -> visit outcome/findings before it
        self.referral_on: tuple[int, int | None] | None = None
        self.figures: tuple[list[tuple], list[tuple], bool] = ([], [], False)  # income rows, expense rows
        self.facts: mt.HouseholdFacts | None = None
        self.assessment_id: int | None = None  # the latest, for the application that follows it
        self.last_assessed: int | None = None

    def move(self, to: str | None, day: int, reason: str, visit: tuple[str, str] | None = None) -> None:
        if to == "applying" or (to in ASSESSED_ENTRY and self.stage in BEFORE_ENTRY):
            self._assess(to, day)
        if visit is not None:
            self.marks[len(self.moves)] = visit
        self.moves.append((self.stage, to, day, reason))
        self.stage = to
        self.stage_since = day if to is not None else None
        if self.first_event is None:
            self.first_event = day
        self.last_event = day

    # -- assessments
    def _facts(self) -> mt.HouseholdFacts:
        if self.facts is None:
            incomes, expenses, single_parent = self.figures
            self.facts = mt.HouseholdFacts(
                tuple(mt.MemberInput(m[0], m[2], m[1], date.fromordinal(m[14]), None, m[8], m[9], m[10], m[11],
                                     m[12], m[13], m[15]) for m in self.members),
                tuple(mt.IncomeItem(r[3], Decimal(str(r[4])).quantize(mt.CENT), r[6], r[2]) for r in incomes),
                tuple(mt.ExpenseItem(r[3], Decimal(str(r[4])).quantize(mt.CENT), r[2]) for r in expenses),
                single_parent)
        return self.facts

    def _assess(self, to: str, entry: int) -> None:
        """The assessment before entering ``to`` on day ``entry``: a working day after the last event that
        led here (the clue, a decision) and before the entry, with the settings in force that day."""
        g = self.g
        c = g.c
        rng = g.arng
        prev = next((d for _f, t, d, _r in reversed(self.moves) if t != "to_check"), None)
        hi = entry - 1
        lo = max(prev + 1 if prev is not None else entry - 30, hi - 20)
        on = g.wd.next(lo if hi <= lo else rng.randint(lo, hi))
        if on > hi:
            on = g.wd.back(hi, 0)
        settings = g.policy.on(self.comm.area, on)
        facts = self._facts()
        result = mt.assess(facts, settings, date.fromordinal(on), current_category=self.category)
        placement = ENTRY_PLACEMENT[to]
        methods = ASSESSMENT_METHODS[int(rng.random() * len(ASSESSMENT_METHODS))]
        col = frozen_columns(facts, settings, result, verification_methods=list(methods),
                             investigators=list(self.comm.staff), placement=placement,
                             override_reason=OVERRIDE_REASONS[placement])
        frozen = g.frozen_settings.get(id(settings))
        if frozen is None:
            frozen = g.frozen_settings[id(settings)] = json.dumps(col["settings"], ensure_ascii=False)
        aid = g.next_id("assessments")
        pc = col["per_capita_income"]
        g.buf["assessments"].append((
            aid, self.hid, c.d(on), json.dumps(col["inputs"], ensure_ascii=False), frozen,
            float(pc) if c.sqlite else pc, col["result_category"], col["urgent"],
            json.dumps(col["result"], ensure_ascii=False), col["explanation"],
            json.dumps(col["verification_methods"]), json.dumps(col["investigators"], ensure_ascii=False),
            col["suggested_placement"], col["placement"], col["override_reason"], c.t(on), None))
        self.assessment_id = aid
        if self.last_assessed is None or on > self.last_assessed:
            self.last_assessed = on
        if self.first_event is None or on < self.first_event:
            self.first_event = on

    # -- clues
    def clue(self, day: int, status: str, outcome: str | None, closed: int | None,
             allow_department: bool = True) -> int:
        """Write the household's clue (maybe a second one from another source); returns the report day."""
        g = self.g
        level, source = g.clue_source(day, allow_department)
        batch_id = None
        channel = "screening"  # as a department list import writes them
        if level == "department":
            batch_id, day = g.batch_for(source, day)
            reported_by = DEPARTMENT_LABELS[source]
            description = DEPT_TEXT[source]
        else:
            channel = g.channel()
            who = INFORMANT_LABELS[source] if level == "informant" else VERTICAL_LABELS[source]
            reported_by = f"{who} {g.name(g.rng.random() < 0.5)}"
            description = self._hardship_text()
        self._clue_row(day, level, source, channel, reported_by, description, status, outcome, closed, batch_id)
        if g.rng.random() < 0.12:
            level2, source2 = g.clue_source(day, False)
            if level2 != level or source2 != source:
                day2 = min(day + g.rng.randint(1, 20), closed or g.end, g.end)
                who = INFORMANT_LABELS.get(source2) or VERTICAL_LABELS.get(source2, "")
                self._clue_row(day2, level2, source2, g.channel(), f"{who} {g.name(True)}", self._hardship_text(),
                               status, outcome, closed, None)
        return day

    def _hardship_text(self) -> str:
        m = self.members
        if any(x[8] == "serious" for x in m):
            return CLUE_TEXT["serious"]
        if any(x[10] in (1, 2) for x in m):
            return CLUE_TEXT["disabled"]
        if len(m) == 1 and m[0][5] >= 60:
            return CLUE_TEXT["elderly"]
        if any(x[1] == "child" and x[5] < 18 for x in m) and not any(x[1] == "spouse" for x in m):
            return CLUE_TEXT["single"]
        if any(x[13] is False and 18 <= x[5] < 60 for x in m):
            return CLUE_TEXT["jobless"]
        return CLUE_TEXT["other"]

    def _clue_row(self, day: int, level: str, source: str, channel: str | None, reported_by: str,
                  description: str, status: str, outcome: str | None, closed: int | None,
                  batch_id: int | None) -> None:
        g = self.g
        c = g.c
        cid = g.next_id("clues")
        assigned = None if status == "new" else c.t(min(day + 1, g.end))
        region = None if status == "new" else self.comm.id
        last = closed or day
        g.buf["clues"].append((cid, self.hid, self.head[2], self.head[3], self.head[7], self.address, level, source,
                               channel, c.d(day), reported_by, description, status, region, assigned, outcome,
                               c.d(closed), batch_id, 1, c.t(last), None, c.t(day), None, self.comm.id))
        if batch_id is not None:
            counts = g.batch_rows[batch_id]
            counts[0] += 1
            counts[1] += 1
            data = json.dumps({"subdistrict": self.comm.sub, "community": self.comm.name, "address": self.address,
                               "phone": self.head[7]}, ensure_ascii=False)
            g.buf["import_rows"].append((g.next_id("import_rows"), batch_id, counts[0] + 1, self.head[2],
                                         self.head[3], self.head[3], "known", None, self.hid, self.comm.id, data))
        if self.first_event is None or day < self.first_event:
            self.first_event = day

    # -- library-only stories
    def library(self, kind: str) -> None:
        g = self.g
        wd = g.wd
        rng = g.rng
        end = g.end
        if kind == "to_investigate":
            day = g.rand_day(end - 25, end)
            status = "new" if day >= end - 3 else "assigned"
            day = self.clue(day, status, None, None)
            self.move("to_investigate", day, "收到线索,待入户调查")
        elif kind == "to_check":
            day = self.clue(g.rand_day(end - 40, end - 12), "investigating", None, None)
            self.move("to_investigate", day, "收到线索,待入户调查")
            self.move("to_check", min(wd.add(day, rng.randint(3, 8)), end), "入户调查:初步符合条件,待授权核对")
        elif kind == "not_hardship":
            day = g.rand_day(g.start, end - 20)
            closed = wd.add(day, rng.randint(3, 10))
            self.clue(day, "closed", "not_hardship", closed)  # not a hardship case: never on the board
        elif kind == "class2":
            if self.clue_flag:
                day = g.rand_day(g.start, end - 20)
                closed = min(wd.add(day, rng.randint(4, 15)), end)
                day = self.clue(day, "closed", "class_2", closed)
                self.move("to_investigate", day, "收到线索,待入户调查")
                self.move("class_2", closed, "入户调查:明显不符合救助条件,纳入二类库监测")
            else:
                day = g.start if rng.random() < 0.4 else g.rand_day(g.start, end - 10)
                if rng.random() < 0.1 and day < end - 120:
                    self.move("class_1", day, "评估:接近救助条件,纳入一类库监测")
                    self.move("class_2", g.rand_day(day + 90, end - 5), "季度走访:收入增加,调整至二类库",
                              ("changed", "家庭成员实现就业,收入增加"))
                else:
                    self.move("class_2", day, "评估:暂不符合救助条件,纳入二类库监测")
        elif kind == "class1":
            if self.clue_flag:
                day = g.rand_day(g.start, end - 25)
                chk = min(wd.add(day, rng.randint(3, 8)), end)
                closed = min(wd.add(chk, rng.randint(2, 6)), end)
                day = self.clue(day, "closed", "not_passed", closed)
                self.move("to_investigate", day, "收到线索,待入户调查")
                self.move("to_check", chk, "入户调查:初步符合条件,待授权核对")
                self.move("class_1", closed, "授权核对暂未通过,纳入一类库监测")
            else:
                day = g.start if rng.random() < 0.4 else g.rand_day(g.start, end - 10)
                if rng.random() < 0.3 and day < end - 120:
                    self.move("class_2", day, "评估:暂不符合救助条件,纳入二类库监测")
                    self.move("class_1", g.rand_day(day + 90, end - 5), "季度走访:家庭情况变化,调整至一类库",
                              ("changed", "家庭成员患病,支出增加,收入下降"))
                else:
                    self.move("class_1", day, "评估:接近救助条件,纳入一类库监测")
            if rng.random() < 0.1:
                self.referral_on = (g.rand_day(self.stage_since or g.start, end), None)

    clue_flag = False

    # -- application stories
    def applications(self, has_clue: bool, reg: str | None, com: str | None, category: str, band: float,
                     std: int, size: int) -> None:
        g = self.g
        wd = g.wd
        rng = g.rng
        if reg:
            hi = date(2025, 9, 30).toordinal() if com else g.switch - 1
            a1 = g.rand_workday(g.start + 25, hi)
        else:
            a1 = self._commitment_day(com, g.switch)
        # how the household reached the application
        if has_clue:
            c = max(g.start, a1 - rng.randint(12, 45))
            closed = a1
            outcome_first = None
            first = reg or com
            if first in (R_FAIL, C_FAIL):
                outcome_first = "not_passed"
            elif first != C_OPEN_NEW:
                outcome_first = "passed"
            status = "closed" if outcome_first else "investigating"
            c = self.clue(c, status, outcome_first, closed if outcome_first else None, allow_department=True)
            self.move("to_investigate", c, "收到线索,待入户调查")
            self.move("to_check", max(c, min(wd.add(c, rng.randint(2, 6)), wd.back(a1, 1))),
                      "入户调查:初步符合条件,待授权核对")
            self.move("applying", a1, "受理救助申请")
        elif rng.random() < 0.5 and a1 - g.start > 60:
            self.move("class_1", g.rand_day(g.start, a1 - 45), "评估:接近救助条件,纳入一类库监测")
            self.move("applying", a1, "季度走访发现符合条件,受理救助申请", ("eligible", "家庭收入下降,已符合申请条件"))
        else:
            self.move("applying", a1, "本人到社区申请,受理救助申请")
        d1 = None
        if reg:
            cat = "temporary" if reg == R_TEMP else category
            d1 = self._regular(a1, reg, cat, band, std, size)
        if com:
            if reg:
                a2 = self._commitment_day(com, max(g.switch, (d1 or a1) + 25))
                self.move("applying", a2, "季度走访发现符合条件,再次受理申请(告知承诺制)",
                          ("eligible", "家庭情况变化,可再次申请"))
            else:
                a2 = a1
            cat = "temporary" if com == C_TEMP else category
            self._commitment(a2, com, cat, band, std, size)

    def _commitment_day(self, outcome: str, earliest: int) -> int:
        g = self.g
        if outcome == C_OPEN_NEW:
            return g.wd.back(g.end, g.rng.randint(0, 2))
        if outcome == C_OPEN_PASSED:
            return g.wd.back(g.end, g.rng.randint(4, 6))
        if outcome == C_REVOKED:
            return g.rand_workday(earliest, g.end - 90)
        return g.rand_workday(earliest, g.wd.back(g.end, 12))

    def _amount(self, category: str, band: float, std: int, size: int) -> int:
        if category == "dibao":
            return max(100, int(round((1 - min(band, 0.9)) * std * size, -1)))
        if category == "tekun":
            return int(round(std * 1.3, -1))
        if category == "marginal":
            return 100 * size
        if category == "expenditure":
            return 300
        return self.g.rng.randrange(1000, 5001, 100)  # temporary: one payment

    def _steps(self, app_id: int, steps: list[tuple], whole: int) -> None:
        """The steps completed; each due by its own deadline or the whole procedure's (``whole``) when
        that is earlier, as applications._binding_due has it."""
        g = self.g
        c = g.c
        buf = g.buf["application_steps"]
        for step, started, due, completed, result, note, data in steps:
            if completed is None or completed > g.end:
                continue  # a step row is written when the step is completed
            if step not in ("accepted", "publicity") and "after_decision" not in (data or ""):
                due = whole if due is None else min(due, whole)
            buf.append((g.next_id("application_steps"), app_id, step, c.d(started), c.d(due), c.d(completed),
                        result, note, data or g.empty_json, c.t(completed or started), None))

    def _regular(self, a: int, outcome: str, category: str, band: float, std: int, size: int) -> int:
        g = self.g
        wd = g.wd
        rng = g.rng
        app_id = g.next_id("applications")
        steps: list[tuple] = [("accepted", a, None, a, "accepted", "窗口受理,材料齐全", None)]
        ce = wd.add(a, rng.randint(3, 9))
        passed = outcome != R_FAIL
        steps.append(("check", a, wd.add(a, 3), ce, "passed" if passed else "failed",
                      "家庭经济状况核对通过" if passed else rng.choice(CHECK_FAIL), None))
        objection = False
        approved = outcome in (R_TEMP, R_APPROVED, R_EXITED)
        refusal = ""
        if not passed:
            refusal = steps[-1][5]
            d = wd.add(a, rng.randint(30, 34))
            steps.append(("decision", ce, wd.add(ce, 10), d, "refused", refusal,
                          json.dumps({"approve": False, "reason": refusal}, ensure_ascii=False)))
        else:
            ie = wd.add(ce, rng.randint(5, 12))
            steps.append(("investigation", a, wd.add(a, 3), ie, "done", "入户调查(2名调查人员)",
                          json.dumps({"investigators": [g.name(True), g.name(False)]}, ensure_ascii=False)))
            pe = ie + 7
            last = pe
            publicity = {"publicity_from": date.fromordinal(ie).isoformat(),
                         "publicity_until": date.fromordinal(pe).isoformat()}
            if rng.random() < 0.06:
                objection = True
                publicity["objection"] = True
            steps.append(("publicity", ie, pe, pe, "done", "初审意见公示7日", json.dumps(publicity)))
            if objection:
                ae = wd.add(pe, rng.randint(2, 4))
                steps.append(("appraisal", pe, None, ae, "agreed", "公示期间有异议,组织民主评议", None))
                last = ae
            d = max(wd.add(a, rng.randint(30, 38)), wd.add(last, rng.randint(1, 3)))
            if not approved:
                refusal = "入户调查及评议认定家庭人均收入高于当地低保标准"
            steps.append(("decision", last, wd.add(last, 10), d, "approved" if approved else "refused", refusal,
                          json.dumps({"approve": approved}, ensure_ascii=False)))
        total = wd.between(a, d)
        assert 30 <= total <= 45, total
        extended = total > 30
        due = wd.add(a, 45 if extended else 30)
        self._steps(app_id, steps, due)
        amount = self._amount(category, band, std, size) if approved else None
        start_month = _next_month(_month_first(d)) if approved else None
        stopped = None
        if outcome == R_EXITED:
            stopped = g.rand_day(d + 120, g.end - 20)
        self._app_row(app_id, category, "expenditure" if category == "temporary" else None, "regular", a, due,
                      extended, "情况复杂,经批准延长至45个工作日" if extended else "", "done",
                      "approved" if approved else "refused", passed, objection, d, amount, start_month, refusal, stopped)
        if approved:
            self._pay(app_id, category, amount, start_month, stopped, category == "temporary")
            if category != "temporary":
                self._reviews(app_id, d, stopped)
        if outcome == R_EXITED:
            self.category = category
            self.move("assisted", d, f"批准{category}救助,自次月起发放")
            self.move("class_2", stopped, "家庭成员实现就业,收入超过标准,渐退期满后退出救助,转入二类库监测")
            self.category = "none"
        elif outcome == R_APPROVED:
            self.category = category
            self.move("assisted", d, "批准救助,自次月起发放")
            self.referral_on = (d + rng.randint(0, 10), app_id)
            self._listed_in_assistance(d)
        elif outcome == R_TEMP:
            self.move("class_1", d, "批准支出型临时救助(一次性发放),转入一类库继续监测")
        else:
            self.move("class_1", d, f"申请不予批准:{refusal},纳入一类库监测")
        return d

    def _commitment(self, a: int, outcome: str, category: str, band: float, std: int, size: int) -> None:
        g = self.g
        wd = g.wd
        rng = g.rng
        end = g.end
        app_id = g.next_id("applications")
        signer = self.head[2]
        g.buf["commitments"].append((g.next_id("commitments"), app_id, g.c.d(a), signer, COMMITMENT_TEXT, None, None,
                                     g.c.t(a), None))
        steps: list[tuple] = [("accepted", a, None, a, "accepted", "告知承诺制受理,申请人签署承诺书", None)]
        emergency = outcome == C_TEMP
        check_passed: bool | None = None
        refusal = ""
        d: int | None
        if emergency:
            d = wd.add(a, rng.randint(0, 1))
            steps.append(("decision", a, wd.add(a, 10), d, "approved", "急难型临时救助:先行救助",
                          json.dumps({"approve": True, "help_first": True}, ensure_ascii=False)))
            ce = wd.add(d, rng.randint(1, 3))
            steps.append(("check", d, wd.add(d, 3), ce, "passed", "事后补充核对通过",
                          '{"after_decision": true}'))
            ie = wd.add(ce, rng.randint(0, 2))
            steps.append(("investigation", ce, wd.add(ce, 3), ie, "done", "事后补充入户调查",
                          json.dumps({"investigators": [g.name(True), g.name(False)], "after_decision": True},
                                     ensure_ascii=False)))
            check_passed = True
        elif outcome == C_OPEN_NEW:
            d = None
        else:
            for quick in (False, True):
                ce = wd.add(a, 1 if quick else rng.randint(1, 2))
                check_passed = outcome != C_FAIL
                if not check_passed:
                    d = wd.add(ce, 0 if quick else rng.randint(0, 2))
                    break
                ie = wd.add(ce, 1 if quick else rng.randint(1, 2))
                pe = ie + 7
                d = wd.next(pe + (0 if quick or rng.random() < 0.6 else 1))
                if wd.between(a, d) <= 10:
                    break
            assert d is not None and wd.between(a, d) <= 10
            steps.append(("check", a, wd.add(a, 3), ce, "passed" if check_passed else "failed",
                          "家庭经济状况核对通过" if check_passed else rng.choice(CHECK_FAIL), None))
            if check_passed:
                steps.append(("investigation", a, wd.add(a, 3), ie, "done", "入户调查(2名调查人员)",
                              json.dumps({"investigators": [g.name(True), g.name(False)]}, ensure_ascii=False)))
                steps.append(("publicity", ie, pe, pe, "done", "初审意见公示7日",
                              json.dumps({"publicity_from": date.fromordinal(ie).isoformat(),
                                          "publicity_until": date.fromordinal(pe).isoformat()})))
                approved = outcome in (C_APPROVED, C_REVOKED, C_OPEN_PASSED)
                if not approved:
                    refusal = "入户调查认定家庭人均收入高于当地低保标准"
                steps.append(("decision", pe, wd.add(pe, 10), d, "approved" if approved else "refused", refusal,
                              json.dumps({"approve": approved}, ensure_ascii=False)))
            else:
                refusal = steps[-1][5]
                steps.append(("decision", ce, wd.add(ce, 10), d, "refused", refusal,
                              json.dumps({"approve": False, "reason": refusal}, ensure_ascii=False)))
        if outcome in (C_OPEN_NEW, C_OPEN_PASSED):
            # Still open at the end of the demo: cut the steps at END.
            if d is not None and d <= end:
                raise AssertionError("open application decided")
            kept = [s for s in steps if s[1] <= end]
            done = [s for s in kept if s[3] is not None and s[3] <= end]
            last_step = done[-1][0] if done else "accepted"
            self._steps(app_id, kept, wd.add(a, 10))
            self._app_row(app_id, category, None, "commitment", a, wd.add(a, 10), False, "", last_step, "open",
                          check_passed if outcome == C_OPEN_PASSED and any(s[0] == "check" for s in done) else None,
                          False, None, None, None, "", None)
            return
        assert d is not None
        self._steps(app_id, steps, wd.add(a, 10))
        approved = outcome in (C_TEMP, C_APPROVED, C_REVOKED)
        amount = self._amount(category, band, std, size) if approved else None
        start_month = _next_month(_month_first(d)) if approved else None
        stopped = None
        status = "approved" if approved else "refused"
        checks: list[tuple] = []
        if approved:
            cen_due = _add_months(d, 1)
            if outcome == C_REVOKED:
                fail_day = wd.next(start_month.toordinal() + rng.randint(3, 20))
                stopped = fail_day
                status = "revoked"
                checks.append(("centralised", cen_due, fail_day, "failed", "集中比对发现申请人隐瞒家庭成员工资性收入"))
            else:
                done_day = wd.next(d + rng.randint(8, 28))
                if done_day <= end:
                    checks.append(("centralised", cen_due, done_day, "passed", "审批后一个月内集中比对核查:通过"))
                else:
                    checks.append(("centralised", cen_due, None, None, "审批后一个月内集中比对核查"))
                if not emergency:
                    g.approved_commitment.append((app_id, d, None, self.comm.id))
        self._app_row(app_id, category, "emergency" if emergency else None, "commitment", a, wd.add(a, 10), False, "",
                      "done", status, check_passed, False, d, amount, start_month, refusal, stopped)
        paid = self._pay(app_id, category, amount, start_month, stopped, category == "temporary") if approved else 0
        if outcome == C_APPROVED and not emergency:
            self._reviews(app_id, d, None)
        for kind, due, done_day, result, note in checks:
            pid = self._post_check(app_id, kind, due, done_day, result, note, d)
            if result == "failed":
                closed = done_day + rng.randint(20, 60)
                is_closed = closed <= end and rng.random() < 0.6
                # a closed case was traced back (问题倒查): the applicant hid the income, staff followed the procedure
                g.buf["revocations"].append((
                    g.next_id("revocations"), app_id, pid, note, float(paid), float(paid if is_closed else 0),
                    "closed" if is_closed else "open", g.c.d(closed) if is_closed else None,
                    "exempt" if is_closed else None, TRACE_NOTE if is_closed else "",
                    g.c.d(closed) if is_closed else None, 1,
                    g.c.t(closed if is_closed else done_day), None, g.c.t(done_day), None))
        if outcome == C_REVOKED:
            self.category = category
            self.move("assisted", d, "批准救助(告知承诺制),自次月起发放")
            self.move("class_1", stopped, "集中比对核查未通过,撤销救助并追回资金,转入一类库监测")
            self.category = "none"
        elif outcome == C_APPROVED:
            self.category = category
            self.move("assisted", d, "批准救助(告知承诺制),自次月起发放")
            self.referral_on = (d + rng.randint(0, 10), app_id)
            self._listed_in_assistance(d)
        elif outcome == C_TEMP:
            self.move("class_1", d, "批准急难型临时救助(先行救助),转入一类库继续监测")
        else:
            self.move("class_1", d, f"申请不予批准:{refusal},纳入一类库监测")

    def _listed_in_assistance(self, approved: int) -> None:
        """Some recipients appear again on a later department list: screened out as 在保."""
        g = self.g
        if self.category not in ("dibao", "tekun") or g.rng.random() >= 0.15:
            return
        later = [b for b in g.batches if b[1] > approved + 30]
        if not later:
            return
        bid, _day, _dept = g.rng.choice(later)
        counts = g.batch_rows[bid]
        counts[0] += 1
        counts[2] += 1
        data = json.dumps({"subdistrict": self.comm.sub, "community": self.comm.name, "address": self.address,
                           "phone": self.head[7]}, ensure_ascii=False)
        g.buf["import_rows"].append((g.next_id("import_rows"), bid, counts[0] + 1, self.head[2], self.head[3],
                                     self.head[3], "in_assistance", None, self.hid, self.comm.id, data))

    def _app_row(self, app_id: int, category: str, temporary_kind: str | None, track: str, accepted: int,
                 due: int, extended: bool, extension_reason: str, step: str, status: str,
                 check_passed: bool | None, objection: bool, decided: int | None, amount: int | None,
                 start_month: date | None, refusal: str, stopped: int | None) -> None:
        g = self.g
        c = g.c
        g.buf["applications"].append((
            app_id, self.hid, self.assessment_id, category, temporary_kind, track, c.d(accepted), c.d(due), extended,
            extension_reason, step, status, check_passed, objection, c.d(decided),
            float(amount) if amount is not None else None,
            c.d(start_month.toordinal()) if start_month else None, refusal, c.d(stopped), 1,
            c.t(stopped or decided or accepted), None, c.t(accepted), None, self.comm.id))

    def _post_check(self, app_id: int, kind: str, due: int, done_day: int | None, result: str | None, note: str,
                    decided: int) -> int:
        g = self.g
        pid = g.next_id("post_checks")
        g.buf["post_checks"].append((pid, app_id, kind, g.c.d(due), g.c.d(done_day), result, note, None, 1,
                                     g.c.t(done_day or decided), None, g.c.t(decided), None))
        return pid

    def _reviews(self, app_id: int, decided: int, stopped: int | None) -> None:
        """The yearly reviews of an approval paid monthly (RULES.md §1.5): passed shortly before each
        date due up to the end (or the stop), the next one still to do while the assistance runs."""
        g = self.g
        due = _add_months(decided, 12)
        last = min(stopped or g.end, g.end)
        while due - 10 <= last and (done := g.wd.next(due - 10)) <= last:
            self._post_check(app_id, "periodic", due, done, "passed", "年度定期复核:家庭情况无明显变化", decided)
            due = _add_months(due, 12)
        if stopped is None:
            self._post_check(app_id, "periodic", due, None, None, "每12个月定期复核", decided)

    def _pay(self, app_id: int, category: str, amount: int | None, start_month: date | None,
             stopped: int | None, once: bool) -> int:
        g = self.g
        assert amount is not None and start_month is not None
        last = date.fromordinal(min(stopped or g.end, g.end))
        last = date(last.year, last.month, 1)
        month = start_month
        paid = 0
        buf = g.buf["assistance_records"]
        method = "cash" if g.rng.random() < 0.9 else ("in_kind" if category == "temporary" else "service")
        while month <= last:
            o = month.toordinal()
            buf.append((g.next_id("assistance_records"), self.hid, app_id, category, g.c.d(o), float(amount),
                        method, g.c.t(o), None, self.comm.id, self.head[2], self.head[3], len(self.members)))
            paid += amount
            if once:
                break
            month = _next_month(month)
        return paid

    # -- visits, referrals, the household's board fields
    def finish(self) -> None:
        g = self.g
        c = g.c
        rng = g.rng
        end = g.end
        for frm, to, day, reason in self.moves:
            g.buf["library_moves"].append((g.next_id("library_moves"), self.hid, frm, to, c.d(day), reason,
                                           c.t(day), None, self.comm.id))
        if not self.moves:
            return
        visits: list[list] = []
        for i, (_frm, to, day, _reason) in enumerate(self.moves):
            nxt = self.moves[i + 1][2] if i + 1 < len(self.moves) else end + 1
            if to in MONITORED:
                y, q = _quarter(day)
                while True:
                    qs, qe = _quarter_bounds(y, q)
                    if qs > min(nxt - 1, end):
                        break
                    lo, hi = max(day + 1, qs), min(nxt - 1, qe, end)
                    current = qe >= end
                    if hi - lo >= 4 or (current and hi >= lo):
                        if not current or rng.random() < 0.75:
                            v = g.rand_day(lo, hi)
                            visits.append([v, "unchanged", "家庭情况无明显变化,继续监测"])
                    q += 1
                    if q == 4:
                        y, q = y + 1, 0
            mark = self.marks.get(i + 1)
            if mark is not None:
                prev = [v for v in visits if day < v[0] < nxt]
                if prev and nxt - prev[-1][0] <= 60:
                    prev[-1][1], prev[-1][2] = mark
                else:
                    visits.append([max(day + 1, nxt - rng.randint(1, 10)), mark[0], mark[1]])
        visits.sort()
        vbuf = g.buf["visits"]
        staff = f"{self.comm.staff[0]}、{self.comm.staff[1]}"
        for v, outcome, findings in visits:
            vbuf.append((g.next_id("visits"), self.hid, c.d(v), staff, findings, outcome, 1, c.t(v), None, c.t(v),
                         None))
        if visits:
            self.last_visit = visits[-1][0]
        if self.stage in MONITORED:
            since_q = _quarter(self.stage_since or end)
            if self.last_visit is not None:
                y, q = _quarter(self.last_visit)
                y, q = (y + 1, 0) if q == 3 else (y, q + 1)
                if (y, q) < since_q:
                    y, q = since_q
            else:
                y, q = since_q
            self.next_due = _quarter_bounds(y, q)[1]
        if self.referral_on is not None and self.referral_on[0] <= end:
            self._referral(*self.referral_on)

    def _referral(self, sent: int, app_id: int | None) -> None:
        g = self.g
        c = g.c
        rng = g.rng
        dept = g.department_for(self.members)
        status = "sent"
        closed = received = None
        feedback = ""
        forced = g.unused_referral_status.pop(0) if g.unused_referral_status and g.end - sent >= 45 else None
        if forced != "sent" and (forced or g.end - sent >= 10):
            x = {"received": 0.0, "done": 0.5, "declined": 0.9}[forced] if forced else rng.random()
            received = min(sent + rng.randint(1, 5), g.end)
            if x < 0.15:
                status = "received"
            else:
                closed = min(received + rng.randint(3, 40), g.end)
                if x < 0.85:
                    status, feedback = "done", f"已办理:{REFERRAL_NEED[dept]}"
                else:
                    status, feedback = "declined", "经审核不符合本部门政策条件,已告知申请人"
        g.buf["referrals"].append((g.next_id("referrals"), self.hid, None, app_id, dept, REFERRAL_NEED[dept],
                                   c.d(g.wd.add(sent, 10)), status, c.d(sent), c.d(closed), feedback,
                                   c.t(received), 1, c.t(closed or received or sent), None, c.t(sent), None,
                                   self.comm.id))


# -- building ------------------------------------------------------------------------------------------

def _regions(db: Database) -> list[_Community]:
    """The district tree (get or create), returning the communities."""
    system = Actor.system("demo")
    root = auth.ensure_district(db)
    with db.session_factory() as session:
        existing = {(r.parent_id, r.name): r for r in session.scalars(select(Region))}
        codes = set(session.scalars(select(Region.code)))

    def get_or_add(parent: int, name: str, code: str, level: str, area: str) -> Region:
        found = existing.get((parent, name))
        if found is not None:
            return found
        while code in codes:
            code += "9"
        rid = auth.add_region(db, system, parent_id=parent, name=name, code=code, level=level, area_type=area)
        codes.add(code)
        with db.session_factory() as session:
            region = session.get(Region, rid)
            assert region is not None
            existing[(parent, name)] = region
            return region

    rng = random.Random(7)
    out: list[_Community] = []
    for snum, (sub, area, communities) in enumerate(SUBDISTRICTS, start=1):
        s = get_or_add(root, sub, f"420203{snum:03d}", RegionLevel.SUBDISTRICT, area)
        for cnum, name in enumerate(communities, start=1):
            c = get_or_add(s.id, name, f"420203{snum:03d}{cnum:03d}", RegionLevel.COMMUNITY, area)
            staff = tuple(SURNAMES[rng.randrange(40)] + rng.choice(FEMALE_CHARS + MALE_CHARS) + rng.choice(FEMALE_CHARS)
                          for _ in range(2))
            out.append(_Community(c.id, c.code, name, sub, area, (staff[0], staff[1])))
    return out


def _users(db: Database) -> list[tuple[DemoLogin, bool]]:
    system = Actor.system("demo")
    out = []
    with db.session_factory() as session:
        taken = set(session.scalars(select(User.username)))
        regions = {r.name: r.id for r in session.scalars(select(Region))}
    for login in LOGINS:
        if login.username in taken:
            out.append((login, False))
            continue
        auth.add_user(db, system, username=login.username, password=login.password, role=login.role,
                      region_id=regions[login.region], display_name=login.display_name)
        out.append((login, True))
    return out


def check_empty(db: Database) -> None:
    """The demo only fills a database without households: refuse otherwise, saying so."""
    with db.session_factory() as session:
        existing = int(session.scalar(select(func.count()).select_from(Household)) or 0)
    if existing:
        raise ValidationFailed(
            f"数据库中已有 {existing:,} 户家庭数据,演示数据只能生成到没有家庭数据的数据库中。"
            "请另用一个新的数据库(例如 --database-url sqlite:///新文件路径)。")


def build_demo(db: Database, *, households: int = DEFAULT_HOUSEHOLDS, seed: int = 1,
               progress: Progress | None = None, chunk: int = CHUNK) -> DemoResult:
    """Fill an empty database with the demo district. Refuses a database that has households."""
    started = time.perf_counter()
    the_plan = plan(households)
    check_empty(db)
    communities = _regions(db)
    logins = _users(db)
    # The policy settings the demo's assessments use (kept when an administrator already entered some).
    policy_service.seed_default_policy(db, Actor.system("demo"))
    policy = _Policy(db)
    wd = _Workdays(START - timedelta(days=60), date(2026, 12, 31))
    codec = _Codec(db.is_sqlite)
    rows_before: dict[str, int] = {}
    # Secondary indexes of the tables filled here are dropped for the load and built again at the end
    # (a sorted build beats millions of random B-tree inserts); unique constraints and indexes stay
    # (one head per household is checked as the members go in).
    indexes = [ix for t in TABLE_ORDER for ix in Base.metadata.tables[t].indexes if not ix.unique]
    with db.engine.connect() as conn:
        if db.is_sqlite:
            conn.exec_driver_sql("PRAGMA cache_size=-200000")
            conn.exec_driver_sql("PRAGMA temp_store=MEMORY")
            conn.exec_driver_sql("PRAGMA threads=2")  # helper threads sort while the indexes are built
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")  # rows are consistent by construction
            conn.commit()
        try:
            with conn.begin():
                ids = {}
                for t in TABLE_ORDER:
                    ids[t] = int(conn.execute(text(f"SELECT COALESCE(MAX(id), 0) FROM {t}")).scalar_one()) + 1
                    rows_before[t] = ids[t]
                for ix in indexes:
                    conn.execute(DropIndex(ix, if_exists=True))
                if not db.is_sqlite and conn.execute(text(
                        "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar():
                    # Like foreign_keys=OFF on SQLite: skip the per-row foreign-key triggers for this
                    # transaction only (needs a superuser; others simply keep the checks).
                    conn.execute(text("SET LOCAL session_replication_role = replica"))
                batches = _insert_batches(conn, codec, wd, seed)
                g = _Generator(seed, codec, communities, ids, batches, wd, policy)
                sink = _Sink(conn)
                # The rows are written on a second thread while the next chunk is generated.
                writer = bulk.WriterThread("demo-writer")
                order = bytearray()
                for i, n in enumerate(the_plan.counts):
                    order.extend(bytes([i]) * n)
                random.Random(seed).shuffle(order)  # type: ignore[arg-type]
                kinds = the_plan.kinds
                done = 0
                try:
                    for kind_index in order:
                        g.household(kinds[kind_index])
                        done += 1
                        if done % chunk == 0:
                            g.flush(writer, sink)
                            if progress is not None:
                                made = sum(g.ids[t] - rows_before[t] for t in TABLE_ORDER)
                                progress.report(done, households, f"已生成 {made:,} 行,已写入 {sink.written:,} 行")
                    for _ in range(the_plan.unmatched_clues):
                        _unmatched_clue(g)
                    g.flush(writer, sink)
                except BaseException:
                    writer.close(abandon=True)
                    raise
                writer.close()
                _finish_batches(conn, g)
                _spot_checks(conn, g, sink, seed)
                _settings(conn, codec)
                if progress is not None:
                    progress.report(done, households, f"已写入 {sink.written:,} 行,正在建立索引")
                for ix in indexes:
                    conn.execute(CreateIndex(ix))
                result_rows = {t: g.ids[t] - rows_before[t] for t in TABLE_ORDER}
                result_rows["import_batches"] = len(batches)
                conn.execute(insert(AuditEntry), [{
                    "username": "system", "workstation": "demo", "action": "demo.build", "entity": "households",
                    "after": {"households": households, "seed": seed, "rows": result_rows},
                    "detail": f"生成演示数据:{households} 户,种子 {seed}"}])
                if not db.is_sqlite:
                    for t in (*TABLE_ORDER, "import_batches", "spot_check_samples"):
                        conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), "
                                          f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {t}), false)"))
        finally:
            if db.is_sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()
        if db.is_sqlite:
            conn.exec_driver_sql("PRAGMA optimize")
            conn.commit()
        else:
            conn.execute(text("ANALYZE"))
            conn.commit()
    if progress is not None:
        progress.report(households, households, f"已写入 {sink.written:,} 行")
    return DemoResult(households, seed, db.describe(), time.perf_counter() - started, result_rows, logins,
                      the_plan.figures)


def _insert_batches(conn: Connection, codec: _Codec, wd: _Workdays, seed: int) -> list[tuple[int, int, str]]:
    """One department list per quarter and department (the 10th of the quarter's middle month)."""
    first_id = int(conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM import_batches")).scalar_one()) + 1
    days = []
    d = date(2024, 11, 10)
    while d <= END:
        if d >= START:
            days.append(wd.next(d.toordinal()))
        d = date(d.year + (d.month + 3 > 12), (d.month + 2) % 12 + 1, 10)
    rows = []
    out = []
    bid = first_id
    mapping = {"name": 0, "id_number": 1, "subdistrict": 2, "community": 3, "address": 4, "phone": 5}
    for day in days:
        q = date.fromordinal(day)
        for dept, label in DEPARTMENT_LABELS.items():
            name = f"{label}推送名单_{q.year}年第{(q.month - 1) // 3 + 1}季度.xlsx"
            rows.append({"id": bid, "kind": "department", "department": dept, "file_name": name,
                         "file_hash": sha256(f"demo/{seed}/{name}".encode()).hexdigest(), "sheet": "Sheet1",
                         "header_row": 1, "mapping": mapping, "counts": {}, "imported_by": f"{LOGINS[0].display_name}({LOGINS[0].username})",
                         "created_at": datetime(q.year, q.month, q.day, 2, 0, tzinfo=UTC)})
            out.append((bid, day, dept))
            bid += 1
    conn.execute(insert(ImportBatch), rows)
    return out


def _unmatched_clue(g: _Generator) -> None:
    """A recent clue about a person not yet in the register (no household)."""
    rng = g.rng
    male = rng.random() < 0.5
    day = g.rand_day(g.end - 20, g.end)
    number, _ = g.id_number(0, date(rng.randint(1945, 1995), rng.randint(1, 12), rng.randint(1, 28)).toordinal(), male)
    level, source = g.clue_source(day, False)
    who = INFORMANT_LABELS.get(source) or VERTICAL_LABELS.get(source, "")
    g.buf["clues"].append((g.next_id("clues"), None, g.name(male), number, g.phone(), "黄石市西塞山区", level, source,
                           g.channel(), g.c.d(day), f"{who} {g.name(True)}", CLUE_TEXT["other"], "new", None, None,
                           None, None, None, 1, g.c.t(day), None, g.c.t(day), None, None))


def _finish_batches(conn: Connection, g: _Generator) -> None:
    for bid, (rows, known, in_assistance) in g.batch_rows.items():
        conn.execute(update(ImportBatch).where(ImportBatch.id == bid).values(counts={
            "data_rows": rows, "valid": rows, "invalid": {}, "duplicates": 0, "legacy_15_converted": 0,
            "in_assistance": in_assistance, "known": known, "new": 0, "unassigned": 0}))


def _spot_checks(conn: Connection, g: _Generator, sink: _Sink, seed: int) -> None:
    """Quarterly random spot checks of running commitment approvals, reproducible from the seed."""
    first = int(conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM spot_check_samples")).scalar_one()) + 1
    rate = Decimal("0.05")
    for n, drawn in enumerate((date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30))):
        o = drawn.toordinal()
        ids = sorted(a for a, decided, stopped, _ in g.approved_commitment if decided < o)
        if not ids:
            continue
        sample_seed = seed * 1000 + n + 1
        chosen = sampling.draw(ids, sample_seed, rate=rate)
        sid = first + n
        conn.execute(insert(SpotCheckSample), [{
            "id": sid, "drawn_on": drawn, "seed": sample_seed, "rate": rate, "count": None, "stratified": False,
            "population": {"ids": ids, "strata": {}, "scope": "全区", "chosen": chosen},
            "created_at": datetime(drawn.year, drawn.month, drawn.day, 2, 0, tzinfo=UTC)}])
        due = _add_months(o, 1)
        rows = []
        for app_id in chosen:
            done_day = g.wd.next(o + g.rng.randint(5, 30))
            done = done_day <= g.end
            rows.append((g.next_id("post_checks"), app_id, "spot", g.c.d(due), g.c.d(done_day) if done else None,
                         "passed" if done else None, f"随机抽查(样本 {sid},种子 {sample_seed})", sid, 1,
                         g.c.t(done_day if done else o), None, g.c.t(o), None))
        sink.write("post_checks", rows)


def _settings(conn: Connection, codec: _Codec) -> None:
    value = {"date": SWITCH.isoformat()}
    found = conn.execute(select(AppSetting.key).where(AppSetting.key == COMMITMENT_SETTING)).first()
    if found:
        conn.execute(update(AppSetting).where(AppSetting.key == COMMITMENT_SETTING).values(
            value=value, version=AppSetting.version + 1, updated_at=datetime.now(UTC)))
    else:
        conn.execute(insert(AppSetting), [{"key": COMMITMENT_SETTING, "value": value, "version": 1,
                                           "updated_at": datetime.now(UTC)}])


def measured_figures(db: Database) -> dict[str, Any]:
    """The headline figures computed from the records (what the statistics view shows)."""
    switch = SWITCH
    with db.engine.connect() as conn:
        def one(sql: str, **params: Any) -> Any:
            return conn.execute(text(sql), params).scalar_one()

        def rate(before: bool) -> float | None:
            op = "<" if before else ">="
            passed = one(f"SELECT COUNT(*) FROM applications WHERE check_passed = :t AND accepted_on {op} :s",
                         t=True, s=switch)
            checked = one(f"SELECT COUNT(*) FROM applications WHERE check_passed IS NOT NULL AND accepted_on {op} :s",
                          s=switch)
            return passed / checked if checked else None

        return {
            "households": one("SELECT COUNT(*) FROM households"),
            "members": one("SELECT COUNT(*) FROM members"),
            "discovered": one("SELECT COUNT(DISTINCT household_id) FROM clues"),
            "class_1": one("SELECT COUNT(*) FROM households WHERE stage = 'class_1'"),
            "class_2": one("SELECT COUNT(*) FROM households WHERE stage = 'class_2'"),
            "assisted": one("SELECT COUNT(*) FROM households WHERE stage = 'assisted'"),
            "pass_rate_before": rate(True),
            "pass_rate_after": rate(False),
        }

