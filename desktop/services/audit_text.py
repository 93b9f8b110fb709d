"""The audit log as people read it: Chinese names for the records touched and for the fields of the
values before and after, and the values as the screens show them (dates, 是/否, category labels,
names instead of ids). The raw codes stay in the entry for IT (the log's "技术详情").

Field names reuse the labels the program already has (households.py's field labels, rules/codes.py's
value labels); the ones only the log needs are listed here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Household, Member, Region, User
from desktop.rules import idcard
from desktop.rules import monitoring as monitoring_rules
from desktop.rules import procedure as proc
from desktop.rules.codes import (
    CHANNEL_LABELS,
    DEPARTMENT_LABELS,
    EXPENSE_LABELS,
    INCOME_LABELS,
    INFORMANT_LABELS,
    LEVEL_LABELS,
    ROLE_LABELS,
    TRACK_LABELS,
    VERTICAL_LABELS,
)
from desktop.rules.means_test import PLACEMENT_LABELS, RESULT_LABELS
from desktop.rules.policy import SPEC_BY_NAME
from desktop.services.base import person_label
from desktop.services.clues import OUTCOME_LABELS as CLUE_OUTCOME_LABELS
from desktop.services.clues import SOURCE_LEVEL_LABELS
from desktop.services.clues import STATUS_LABELS as CLUE_STATUS_LABELS
from desktop.services.households import ALL_FIELD_LABELS, ENTITY_FIELDS, VALUE_LABELS

# What each table is called on screen (the log's "entity" is a table name, a few in the singular).
ENTITY_LABELS = {
    "users": "用户", "regions": "区划", "households": "家庭", "household": "家庭", "members": "家庭成员",
    "incomes": "收入", "expenses": "支出", "clues": "线索", "calendar_years": "节假日安排", "referral": "转介",
    "referrals": "转介", "export": "导出", "database": "数据库", "applications": "申请", "commitments": "承诺书",
    "assistance_records": "救助发放记录", "revocations": "追回", "post_checks": "事后核查",
    "spot_check_samples": "抽查样本", "notices": "通知书", "visit": "走访", "visits": "走访",
    "import_batches": "导入批次", "assessment": "评估", "assessments": "评估", "policy_settings": "政策参数",
    "audit_log": "操作日志", "import_rows": "导入名单的行", "import_preview": "导入文件的预览", "publicity": "公示名单",
}

# Field names beyond the household, member, income and expense forms' labels.
FIELD_LABELS: dict[str, str] = {
    **ALL_FIELD_LABELS,
    "id": "编号", "version": "版本", "updated_at": "修改时间", "updated_by_id": "修改人", "created_at": "创建时间",
    "created_by_id": "创建人", "household_id": "家庭", "region_id": "所属区划", "status": "状态", "reason": "原因",
    "amount": "金额(元)", "kind": "类型", "category": "救助类别", "result_category": "救助类别", "stage": "库别",
    # accounts and regions
    "username": "用户名", "display_name": "姓名", "role": "角色", "active": "可以登录", "last_login_at": "最近登录",
    "failed_logins": "连续输错密码次数", "last_failed_login_at": "最近输错密码时间", "locked_until": "锁定至",
    "parent_id": "上级区划", "level": "级别", "path": "区划路径",
    # households
    "head_name": "户主姓名", "head_id_number": "户主身份证号", "member_count": "人口数", "stage_since": "进入库别日期",
    "last_assessed_on": "最近评估日期", "last_visited_on": "最近走访日期", "next_visit_due": "下次走访日期",
    "discovered_on": "发现日期", "best_application": "当前申请", "id_reversed": "身份证号(倒序索引)",
    "head_id_reversed": "户主身份证号(倒序索引)",
    # clues
    "person_name": "姓名", "source_level": "来源层级", "source": "来源", "channel": "发现渠道",
    "reported_on": "报告日期", "reported_by": "报告人", "description": "情况描述", "assigned_at": "分派时间",
    "outcome": "结论", "closed_on": "办结日期", "batch_id": "导入批次", "scope_region_id": "管辖区划",
    # holidays
    "days": "原有安排", "days_off": "放假日期", "workdays": "调休上班日期",
    # referrals, visits
    "assessment_id": "评估编号", "application_id": "申请编号", "department": "部门", "need": "转介事项",
    "due_on": "办理期限", "sent_on": "转介日期", "feedback": "反馈", "received_at": "接收时间",
    "visited_on": "走访日期", "visitors": "走访人", "findings": "走访情况",
    # applications and what follows
    "temporary_kind": "临时救助类型", "track": "办理程序", "accepted_on": "受理日期", "extended": "已延长期限",
    "extension_reason": "延长理由", "step": "当前环节", "check_passed": "核对通过", "objection": "公示有异议",
    "decided_on": "审批日期", "start_month": "起始月份", "refusal_reason": "不予批准理由", "stopped_on": "停止日期",
    "gradual_exit_from": "渐退起始日期", "exit_stage": "退出后库别", "signed_on": "签署日期",
    "signer_name": "签署人", "text": "承诺内容", "file_name": "文件名", "done_on": "完成日期", "result": "结果",
    "sample_id": "抽查样本", "post_check_id": "事后核查", "amount_to_recover": "应追回金额(元)",
    "amount_recovered": "已追回金额(元)", "trace_finding": "倒查结论", "trace_note": "倒查说明", "traced_on": "倒查日期",
    "traced_by_id": "倒查记录人", "served_on": "送达日期", "served_how": "送达方式", "served_note": "送达说明",
    "served_by": "送达登记人", "notice_due": "书面通知期限", "seed": "随机种子", "rate": "抽查比例", "count": "抽取数", "stratified": "分层抽样",
    "population": "总体数", "chosen": "抽中的申请", "month": "月份", "method": "发放方式",
    # assessments
    "per_capita_income": "月人均收入(元)", "placement": "去向", "suggested": "建议去向", "settings": "适用政策参数",
    "incomes": "收入", "expenses": "支出", "urgent": "急难", "explanation": "说明",
    # policy settings
    "name": "名称", "effective_from": "生效日期", "value": "数值",
    # files, imports, exports, backups
    "file": "文件", "hash": "文件校验值", "sheet": "工作表", "imported_by": "导入人", "rows": "行数", "clues": "线索数",
    "data_rows": "数据行数", "valid": "有效行数", "invalid": "无效行数", "duplicates": "重复行数",
    "legacy_15_converted": "15位身份证号已转换", "in_assistance": "在保", "known": "已在册、未在保", "new": "新发现",
    "unassigned": "未分派", "households": "户数", "households_created": "新建户数", "households_updated": "更新户数",
    "households_rejected": "退回户数", "persons": "人数", "members_removed": "删除成员数", "errors": "错误数",
    "filter": "筛选条件", "shown": "显示的内容", "masked": "身份证号已脱敏", "size": "大小(字节)", "kept": "原数据库另存为",
    "missing": "未访家庭户数", "moves": "库别调整条数", "draft": "草稿(未保存)",
}
# Where a record names a field its own way (a household's region is its community or village; an
# income's amount is over 12 months).
ENTITY_FIELD_LABELS: dict[str, dict[str, str]] = {
    **ENTITY_FIELDS, "household": ENTITY_FIELDS["households"],
    "policy_settings": {"name": "参数", "area_type": "城乡类别"},
    "regions": {"code": "区划代码", "name": "名称"},
    "post_checks": {"kind": "核查方式"},
    "calendar_years": {"note": "依据"},
}

# Bookkeeping every record carries: not listed in the readable changes (the technical details keep them).
HIDDEN = frozenset({"id", "version", "updated_at", "updated_by_id", "created_at", "created_by_id", "path",
                    "id_reversed", "head_id_reversed", "hash", "household_id"})

_STAGES = {**VALUE_LABELS["stage"], "none": "不在看板上"}
_CODES: dict[str, dict] = {
    **VALUE_LABELS, "role": ROLE_LABELS, "level": LEVEL_LABELS, "result_category": VALUE_LABELS["category"],
    "from_stage": _STAGES, "to_stage": _STAGES, "exit_stage": _STAGES, "stage": _STAGES, "track": TRACK_LABELS,
    "step": proc.STEP_LABELS, "temporary_kind": proc.TEMPORARY_KIND_LABELS, "trace_finding": proc.TRACE_FINDINGS, "served_how": proc.SERVICE_METHODS, "channel": CHANNEL_LABELS,
    "department": DEPARTMENT_LABELS, "source_level": SOURCE_LEVEL_LABELS, "placement": PLACEMENT_LABELS,
    "suggested": PLACEMENT_LABELS, "kind": {**INCOME_LABELS, **EXPENSE_LABELS}, "source": {**INFORMANT_LABELS, **VERTICAL_LABELS, **DEPARTMENT_LABELS},
}
# Codes whose meaning depends on the record: a status, an outcome, a kind.
_ENTITY_CODES: dict[str, dict[str, dict]] = {
    "clues": {"status": CLUE_STATUS_LABELS, "outcome": CLUE_OUTCOME_LABELS},
    "applications": {"status": proc.STATUS_LABELS},
    "referral": {"status": monitoring_rules.REFERRAL_STATUSES},
    "referrals": {"status": monitoring_rules.REFERRAL_STATUSES},
    "visit": {"outcome": monitoring_rules.VISIT_OUTCOMES},
    "incomes": {"kind": INCOME_LABELS}, "expenses": {"kind": EXPENSE_LABELS},
    "post_checks": {"kind": proc.POST_CHECK_LABELS},
    "assessment": {"category": RESULT_LABELS},
}
_REGION_KEYS = ("region_id", "parent_id", "scope_region_id")
_USER_KEYS = ("updated_by_id", "created_by_id", "traced_by_id", "user_id")


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


def field_label(entity: str, key: str) -> str:
    """The Chinese name of a field; a key not known shows as itself."""
    return ENTITY_FIELD_LABELS.get(entity, {}).get(key) or FIELD_LABELS.get(key, key)


@dataclass(frozen=True)
class Change:
    key: str  # the raw field name (for IT)
    label: str
    before: str  # "" when the entry had no value before (an addition) or no "before" at all
    after: str


class Names:
    """Names for the ids an entry holds (regions, accounts, members, households), read once per page."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.regions: dict[int, str] | None = None
        self.users: dict[int, str] | None = None
        self.members: dict[int, str] = {}
        self.households: dict[int, tuple[str, str | None]] = {}  # id -> (head, 户编号)

    def region(self, ident: int) -> str:
        if self.regions is None:
            self.regions = dict(self.session.execute(select(Region.id, Region.name)).all())
        return self.regions.get(ident, f"区划 {ident}")

    def user(self, ident: int) -> str:
        if self.users is None:
            self.users = {i: person_label(login, name) for i, login, name in self.session.execute(
                select(User.id, User.username, User.display_name))}
        return self.users.get(ident, f"用户 {ident}")

    def prefetch(self, entries: Iterable[tuple[dict | None, dict | None, str, int | None]],
                 household_ids: Iterable[int | None] = ()) -> None:
        """Read at once the members and households a page of entries names (``household_ids``: the
        households the entries are about)."""
        members: set[int] = set()
        households: set[int] = {i for i in household_ids if i is not None}
        for before, after, entity, entity_id in entries:
            for values in (before or {}, after or {}):
                if isinstance(values.get("member_id"), int):
                    members.add(values["member_id"])
                if isinstance(values.get("household_id"), int):
                    households.add(values["household_id"])
            if entity in ("households", "household") and entity_id is not None:
                households.add(entity_id)
        members -= self.members.keys()
        households -= self.households.keys()
        if members:
            self.members.update(self.session.execute(select(Member.id, Member.name).where(
                Member.id.in_(members))).all())
        if households:
            self.households.update((hid, (head, code)) for hid, head, code in self.session.execute(
                select(Household.id, Household.head_name, Household.code).where(Household.id.in_(households))))

    def member(self, ident: int) -> str:
        if ident not in self.members:
            self.prefetch([({"member_id": ident}, None, "", None)])
        return self.members.get(ident, f"成员 {ident}")

    def household(self, ident: int) -> str:
        if ident not in self.households:
            self.prefetch([({"household_id": ident}, None, "", None)])
        head, code = self.households.get(ident, ("", None))
        # 户编号 is the household's code as the office writes it; the record number only where it has none
        said = f"户编号 {code}" if code else f"记录编号 {ident}"
        return f"{head}户({said})" if head else said


def _is_datetime(text: str) -> bool:
    return len(text) >= 19 and text[4] == "-" and text[7] == "-" and text[10] == "T"


def _is_date(text: str) -> bool:
    return len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit()


# The keys whose values are ID numbers: the log shows them masked to everyone (see :func:`masked`).
ID_KEYS = frozenset({"id_number", "head_id_number"})


def masked(value: Any, key: str = "") -> Any:
    """An entry's values (or its text) with every whole ID number masked. The log is read for who did
    what and when, not for the numbers: it shows them masked to every reader, the administrator too,
    so reading it is no full-number view (RULES.md §4); the household's detail shows a number whole,
    and logs it. Searching the log by a whole number still finds its entries."""
    if isinstance(value, str):
        if key == "birth_date":  # beside the masked number the date would give it back whole
            return idcard.mask_birth(value)
        return idcard.mask(value) if key in ID_KEYS else idcard.mask_in_text(value)
    if isinstance(value, dict):
        return {k: masked(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [masked(v, key) for v in value]
    return value


def value_text(entity: str, key: str, value: Any, names: Names) -> str:
    """One value as a reader reads it."""
    if key == "member_id":
        return names.member(value) if isinstance(value, int) else "全户"
    if value is None or value == "":
        return "空"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int) and key in _REGION_KEYS:
        return names.region(value)
    if isinstance(value, int) and key in _USER_KEYS:
        return names.user(value)
    if isinstance(value, int) and key == "household_id":
        return names.household(value)
    if key in ID_KEYS and isinstance(value, str):
        return idcard.mask(value)
    if key == "birth_date" and isinstance(value, str):
        return idcard.mask_birth(value)
    if key == "name" and entity == "policy_settings" and value in SPEC_BY_NAME:
        return SPEC_BY_NAME[value].label
    if key == "days" and isinstance(value, list):  # a year's holidays before: (day, workday) pairs
        off = [str(d) for d, workday in value if not workday]
        work = [str(d) for d, workday in value if workday]
        return ";".join(part for part in ("放假 " + "、".join(off) if off else "", "调休上班 " + "、".join(work)
                                          if work else "") if part) or "无"
    if isinstance(value, list):
        return "、".join(value_text(entity, key, v, names) for v in value) if value else "无"
    if isinstance(value, dict):
        return ";".join(f"{field_label(entity, k)}:{value_text(entity, k, v, names)}" for k, v in value.items()
                        if k not in HIDDEN) or "无"
    labels = _ENTITY_CODES.get(entity, {}).get(key) or _CODES.get(key)
    if labels is not None:
        for code, label in labels.items():
            if code == value:
                return str(label)
    if isinstance(value, str):
        if _is_datetime(value):
            try:
                return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")
            except ValueError:
                return value
        if _is_date(value):
            try:
                return date.fromisoformat(value).isoformat()
            except ValueError:
                return value
    return str(value)


def changes(entity: str, before: dict | None, after: dict | None, names: Names) -> list[Change]:
    """The fields a reader wants, ID numbers masked: on a change, those that changed; on an addition
    or a removal, those that hold something. Bookkeeping (versions, times of saving, ids) is left to the
    technical details."""
    before_values = before or {}
    after_values = after or {}
    both = before is not None and after is not None
    shown: list[Change] = []
    for key in dict.fromkeys([*before_values, *after_values]):
        if key in HIDDEN:
            continue
        old, new = before_values.get(key), after_values.get(key)
        if both and old == new:
            continue
        if (key not in after_values if both else before is not None) and old in (None, "", [], {}):
            continue  # an empty value only before (a removal, a field no longer kept): nothing to read
        if (key not in before_values if both else before is None) and (new is False or new in (None, "", [], {})) \
                and key != "member_id":  # a new record's empty defaults; an income of no one member is the household's
            continue
        shown.append(Change(key, field_label(entity, key),  # a number typed in a note masked too
                            masked(value_text(entity, key, old, names)) if key in before_values else "",
                            masked(value_text(entity, key, new, names)) if key in after_values else ""))
    return shown


def changes_text(items: list[Change]) -> str:
    """Changes on one line, as the export writes them."""
    parts = []
    for c in items:
        if c.before and c.after:
            parts.append(f"{c.label}:{c.before} → {c.after}")
        else:
            parts.append(f"{c.label}:{c.after or c.before}")
    return ";".join(parts)


def target(entity: str, entity_id: int | None, before: dict | None, after: dict | None, names: Names,
           household_id: int | None = None) -> str:
    """What the entry touched, named: 用户 王丽(wangli), 家庭 张三户(户编号 12), 区划 飞云社区, and a
    household's application, referral … with the household: 申请(编号 63) 张三户(户编号 12)."""
    own = _target(entity, entity_id, before, after, names)
    if household_id is None or entity in ("households", "household"):
        return own
    return f"{own} {names.household(household_id)}"


def _target(entity: str, entity_id: int | None, before: dict | None, after: dict | None, names: Names) -> str:
    label = entity_label(entity)
    values = after or before or {}
    if entity == "users":
        name = values.get("display_name") or values.get("username")
        if name is None and entity_id is not None:
            return f"{label} {names.user(entity_id)}"
        if name is not None and values.get("username") and values.get("username") != name:
            name = f"{name}({values['username']})"
        return f"{label} {name}" if name else label
    if entity in ("households", "household") and entity_id is not None:
        return f"{label} {names.household(entity_id)}"
    if entity == "regions" and entity_id is not None:
        return f"{label} {values.get('name') or names.region(entity_id)}"
    if entity == "members" and values.get("name"):
        return f"{label} {values['name']}"
    if entity == "calendar_years" and entity_id is not None:
        return f"{entity_id} 年{label}"
    if entity == "policy_settings" and values.get("name"):
        return f"{label} {value_text(entity, 'name', values['name'], names)}"
    if entity_id is not None:
        return f"{label}(编号 {entity_id})"
    return label
