"""The audit log for the administrator: who did what, when and from which workstation.

Every write is logged with the values before and after (services.base.UnitOfWork.audit); so are
every export and every view of full ID numbers (RULES.md §4), and each login. This module reads the
log back: filtered by period, user, kind of action and text, a page at a time, and exported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from desktop.io import xlsx_stream
from desktop.models import AuditEntry, Clue, Household, User
from desktop.rules.codes import Role
from desktop.services import audit_text
from desktop.services.audit_text import Change, Names, masked
from desktop.services.base import Actor, log_access, person_label, require_role, unit_of_work
from desktop.services.database import Database
from desktop.services.errors import NotFound, ValidationFailed
from desktop.services.files import export_place, nothing_to_export
from desktop.services.progress import NO_PROGRESS, Progress

# What each action is called on screen; an action not listed shows its code.
ACTION_LABELS = {
    "user.login": "登录",
    "user.login_failed": "登录失败",
    "user.add": "添加用户",
    "user.update": "修改用户",
    "user.password_reset": "重置密码",
    "user.locked": "账号锁定",
    "user.unlocked": "解锁账号",
    "user.password_change": "修改本人密码",
    "region.add": "新增区划",
    "region.rename": "修改区划名称",
    "region.import": "导入区划清单",
    "region.delete": "删除区划",
    "region.move": "行政区划调整(改属其他街道/镇)",
    "household.add": "新建家庭",
    "household.update": "修改户信息",
    "household.view": "查看完整身份证号",
    "list.view_full_id": "查看完整身份证号(列表)",
    "clue.view_full_id": "查看完整身份证号(线索)",
    "household.change_head": "更换户主",
    "household.stage": "调整库别",
    "household_figures": "修改收支(评估时)",
    "households.export": "导出家庭档案",
    "clues.export": "导出线索清单",
    "statistics.export_drill": "导出统计明细",
    "payments.roster": "导出发放花名册",
    "member.add": "添加成员",
    "member.update": "修改成员",
    "member.remove": "删除成员",
    "member.heads_repair": "升级时更正重复户主",  # migration 0009: one head per household
    "income.add": "添加收入",
    "income.update": "修改收入",
    "income.remove": "删除收入",
    "expense.add": "添加支出",
    "expense.update": "修改支出",
    "expense.remove": "删除支出",
    "clue.add": "登记线索",
    "clue.update": "修改线索",
    "clue.assign": "分派线索",
    "clue.investigate": "开始调查",
    "clue.close": "办结线索",
    "clue.reopen": "重新打开线索",
    "import.department": "导入部门名单",
    "import.households": "导入家庭台账",
    "import.assign": "分派名单行",
    "import.undo": "撤销导入",
    "assessment_save": "保存评估",
    "reassess_export": "导出重新评估清单",
    "reassess_confirm": "确认重新评估结果",
    "library_move": "库别调整",
    "household_update": "修改救助类别",  # a move that changes the category only (assessment, decision)
    "record_visit": "记录走访",
    "withdraw_visit": "撤销走访记录",
    "referral.add": "转介",
    "create_referral": "转介",
    "referral.outcome": "记录转介结果",
    "referral_status": "更新转介状态",
    "export_referrals": "导出转介清单",
    "print_referral_letter": "打印转介函",
    "application.accept": "受理申请",
    "application.step.check": "授权核对",
    "application.step.investigation": "入户调查",
    "application.step.appraisal": "民主评议",
    "application.step.publicity": "公示",
    "application.step.decision": "审批",
    "application.decide": "审批决定",
    "application.extend": "延长办理期限",
    "application.stop": "停止救助",
    "application.withdraw": "撤回申请",
    "application.exit_end": "就业渐退期满,停止救助",
    "application.revoke": "撤销救助",
    "commitment.attach": "附承诺书",
    "assistance.month": "登记月度发放",
    "post_check.record": "记录事后核查",
    "spot_check.draw": "抽取抽查样本",
    "spot_check.export": "导出抽查样本",
    "revocation.open": "开启追回",
    "revocation.recover": "记录追回",
    "revocation.trace": "记录问题倒查结论",
    "notice.served": "登记不予批准通知书送达",
    "notice.print": "打印通知书",
    "assessment.print_sheet": "打印评估计算表",
    "publicity.export": "导出公示名单",
    "policy_set": "设置政策参数",
    "policy_seed": "载入默认政策参数",
    "policy_delete": "删除政策参数",
    "calendar.set_year": "设置节假日安排",
    "calendar.clear_year": "清除节假日安排",
    "audit.export": "导出操作日志",
    "export_quarterly_report": "导出季度上报表",
    "visit_list.export": "导出走访名单",
    "applications.export": "导出申请清单",
    "post_checks.export": "导出事后核查清单",
    "db.backup": "备份数据库",
    "db.restore": "从备份恢复数据库",
    "demo.build": "生成演示数据",
}

# Kinds of action for the filter: each a label and the action codes (or code prefixes, ending in
# ".") it takes in. "Exports and full-ID views" cuts across the others: what personal data left the
# program or was shown in full (RULES.md §4).
GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "login": ("登录、账号与区划", ("user.", "region.")),
    "access": ("导出与查看完整身份证号", (
        "household.view", "list.view_full_id", "clue.view_full_id", "households.export", "reassess_export", "export_referrals", "print_referral_letter",
        "spot_check.export", "notice.print", "publicity.export", "audit.export", "db.backup", "db.restore",
        "export_quarterly_report", "clues.export", "payments.roster", "visit_list.export", "statistics.export_drill",
        "applications.export", "post_checks.export", "assessment.print_sheet")),
    "households": ("家庭档案", ("household.add", "household.update", "household.change_head", "household_figures", "member.", "income.",
                                "expense.")),
    "discovery": ("线索与名单导入", ("clue.", "import.")),
    "assessment": ("评估与监测", ("assessment_save", "reassess_confirm", "library_move", "household.stage",
                                  "record_visit", "withdraw_visit", "referral.", "create_referral", "referral_status")),
    "applications": ("申请审批与救助", ("application.", "commitment.", "assistance.", "post_check.", "spot_check.draw",
                                         "revocation.", "notice.served")),
    "settings": ("政策参数与节假日", ("policy_", "calendar.")),
}

PAGE = 200
EXPORT_LIMIT = 1_000_000


@dataclass(frozen=True)
class AuditFilter:
    date_from: date | None = None  # local dates, both included
    date_to: date | None = None
    username: str = ""
    group: str = ""  # a key of GROUPS
    text: str = ""  # in the description, the action or the workstation; or a household's 户编号 / head's ID number


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime  # aware, UTC
    username: str
    workstation: str
    action: str
    action_label: str
    entity: str  # the raw table name and id, for IT ("技术详情")
    entity_id: int | None
    household_id: int | None
    detail: str
    before: dict | None
    after: dict | None
    target: str = ""  # what the entry touched, named in Chinese: 用户 王丽(wangli), 家庭 张三户(户编号 12)
    changes: tuple[Change, ...] = ()  # the fields before and after, in Chinese, as a reader reads them
    user_label: str = ""  # who, as people know them: 周建华(admin), 系统 for the command line and upkeep

    @property
    def entity_label(self) -> str:
        return audit_text.entity_label(self.entity)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone()  # the workstation's time zone, as the table shows


def _conditions(flt: AuditFilter) -> list[Any]:
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        raise ValidationFailed("开始日期晚于结束日期。", {"date_from": "晚于结束日期"})
    where: list[Any] = []
    if flt.date_from:
        where.append(AuditEntry.at >= _local_midnight(flt.date_from))
    if flt.date_to:
        where.append(AuditEntry.at < _local_midnight(flt.date_to + timedelta(days=1)))
    if flt.username:
        # the account name, or the person's name as the log shows it (系统 for the command line's)
        by_name = select(User.username).where(User.display_name == flt.username)
        names = [flt.username, *([Actor.system().username] if flt.username == Actor.system().display_name else [])]
        where.append(or_(AuditEntry.username.in_(names), AuditEntry.username.in_(by_name)))
    if flt.group:
        if flt.group not in GROUPS:
            raise ValidationFailed(f"未知的操作类别“{flt.group}”。", {"group": "未知"})
        codes = GROUPS[flt.group][1]
        where.append(or_(*[AuditEntry.action.startswith(c, autoescape=True) if c.endswith((".", "_"))
                           else AuditEntry.action == c for c in codes]))
    text = flt.text.strip()
    if text:
        # autoescape: "%" and "_" typed by the user are themselves, not LIKE wildcards
        matching = [a for a, label in ACTION_LABELS.items() if text in label]
        # A household's 户编号, its head's ID number or whole name also gives every entry about that
        # household (the household detail lists its latest changes only, and points here for the rest),
        # and every entry about a clue linked to it: a clue about someone not yet in the registry is
        # registered, assigned and investigated before closing it makes the household (those entries
        # name none). A whole name also gives the entries about the clues on a person of that name
        # (most entries name a person only in their values, which are not searched as text).
        household = select(Household.id).where(or_(Household.code == text, Household.head_id_number == text.upper(),
                                                   Household.head_name == text))
        linked_clues = select(Clue.id).where(or_(Clue.household_id.in_(household), Clue.person_name == text))
        # A 户编号 typed whole means that household: entries are not found merely because their text
        # contains it (户编号 1001 in the entries of household 10012, or of region 420203001001).
        coded = select(Household.id).where(Household.code == text).exists()
        contains = or_(AuditEntry.detail.contains(text, autoescape=True),
                       AuditEntry.action.contains(text, autoescape=True),
                       AuditEntry.workstation.contains(text, autoescape=True))
        where.append(or_(and_(contains, ~coded),
                         AuditEntry.action.in_(matching),
                         AuditEntry.household_id.in_(household),
                         and_(AuditEntry.entity == "clues", AuditEntry.entity_id.in_(linked_clues))))
    return where


_NAMING_KEYS = ("username", "display_name", "name", "head_name", "code", "file")


def describe(detail: str | None, before: dict | None, after: dict | None) -> str:
    """The entry's own description, or else what names the record it touched (a user name, a region)."""
    if detail:
        return detail
    values = after or before or {}
    return " ".join(str(values[k]) for k in _NAMING_KEYS if values.get(k) not in (None, ""))[:200]


def _row(e: AuditEntry, names: Names) -> AuditRow:
    """An entry as the log shows it, ID numbers masked (:func:`audit_text.masked`)."""
    return AuditRow(e.id, e.at, e.username, e.workstation, e.action, action_label(e.action), e.entity, e.entity_id,
                    e.household_id, masked(describe(e.detail, e.before, e.after)), masked(e.before), masked(e.after),
                    masked(audit_text.target(e.entity, e.entity_id, e.before, e.after, names, e.household_id)),
                    tuple(audit_text.changes(e.entity, e.before, e.after, names)), who(e.user_id, e.username, names))


def who(user_id: int | None, username: str, names: Names) -> str:
    """The person an entry names: their name and account, 系统 for the command line's and the program's own."""
    return names.user(user_id) if user_id is not None else person_label(username)


def list_entries(db: Database, actor: Actor, flt: AuditFilter = AuditFilter(), *,  # noqa: B008
                 before_id: int | None = None, limit: int = PAGE) -> list[AuditRow]:
    """Entries newest first; ``before_id`` gives the page after the entry with that id."""
    require_role(actor, Role.ADMIN, doing="查看操作日志")
    where = _conditions(flt)
    if before_id is not None:
        where.append(AuditEntry.id < before_id)
    with unit_of_work(db, actor) as uow:
        _require_known_user(uow.session, flt.username)
        query = select(AuditEntry).where(*where).order_by(AuditEntry.id.desc()).limit(limit)
        entries = list(uow.session.scalars(query))
        names = Names(uow.session)
        names.prefetch(((e.before, e.after, e.entity, e.entity_id) for e in entries), (e.household_id for e in entries))
        return [_row(e, names) for e in entries]


def _require_known_user(session: Session, name: str) -> None:
    """A user filter naming nobody (a typing slip) is said, not answered with "no entries": an account
    by its user name or name, 系统, or a name in the log (typed at a failed login)."""
    system = Actor.system()
    if not name or name in (system.username, system.display_name):
        return
    if session.scalar(select(User.id).where(or_(User.username == name, User.display_name == name)).limit(1)):
        return
    if session.scalar(select(AuditEntry.id).where(AuditEntry.username == name).limit(1)):
        return
    raise NotFound(f"找不到用户“{name}”:请填用户名或姓名(命令行和程序自己所做的操作记在“系统”名下)。")


def usernames(db: Database, actor: Actor) -> list[tuple[str, str]]:
    """Every user in the log, for the user filter, as (what the filter shows, the user name), without a
    pass over the whole log: the accounts (never deleted) as 周建华(admin), the command line's and the
    program's own as 系统, and the names typed at a failed login that matched no account (read through
    the index on entity and entity id)."""
    require_role(actor, Role.ADMIN, doing="查看操作日志")
    with unit_of_work(db, actor) as uow:
        s = uow.session
        accounts = {login: person_label(login, name) for login, name in s.execute(select(User.username, User.display_name))}
        typed = set(s.scalars(select(AuditEntry.username).where(AuditEntry.entity == "users",
                                                                AuditEntry.entity_id.is_(None)).distinct()))
        system = Actor.system()
        return ([(accounts[u], u) for u in sorted(accounts)] + [(person_label(system.username), system.username)]
                + [(f"{u}(登录时输入,无此账号)", u) for u in sorted(typed - set(accounts) - {system.username, ""})])


EXPORT_HEADERS = ["时间", "用户", "工作站", "操作", "对象", "说明", "修改内容", "家庭编号", "操作代码", "数据表", "记录编号"]


def export_xlsx(db: Database, actor: Actor, flt: AuditFilter, path: str | Path,
                progress: Progress = NO_PROGRESS) -> int:
    """The filtered log as a workbook (newest first). The export is itself logged. A cancel before the
    file is in place leaves no file and no entry; after that it is refused (:meth:`Progress.writing`)."""
    require_role(actor, Role.ADMIN, doing="导出操作日志")
    where = _conditions(flt)
    with unit_of_work(db, actor) as uow:
        _require_known_user(uow.session, flt.username)
        total = uow.session.scalar(select(func.count()).select_from(AuditEntry).where(*where)) or 0
        if total == 0:
            raise nothing_to_export("符合条件的操作记录")
        if total > EXPORT_LIMIT:
            raise ValidationFailed(f"符合条件的操作记录有 {total:,} 条,超过一个工作表能容纳的 {EXPORT_LIMIT:,} 条;"
                                   "请缩小日期范围或加上其他条件,分几次导出。", {"date_from": "范围太大"})
        entries = uow.session.execute(
            select(AuditEntry.at, AuditEntry.username, AuditEntry.workstation, AuditEntry.action, AuditEntry.entity,
                   AuditEntry.entity_id, AuditEntry.household_id, AuditEntry.detail, AuditEntry.before, AuditEntry.after,
                   AuditEntry.user_id)
            .where(*where).order_by(AuditEntry.id.desc()).limit(EXPORT_LIMIT)
            .execution_options(yield_per=5000))
        names = Names(uow.session)

        def rows():  # noqa: ANN202
            # as the screen shows them; the raw codes last, for IT
            for part in entries.partitions():
                names.prefetch(((r.before, r.after, r.entity, r.entity_id) for r in part), (r.household_id for r in part))
                yield from page(part)

        def page(part):  # noqa: ANN001, ANN202
            for at, user, station, action, entity, entity_id, household_id, detail, before, after, uid in part:
                yield (at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), who(uid, user, names), station, action_label(action),
                       masked(audit_text.target(entity, entity_id, before, after, names, household_id)),
                       masked(describe(detail, before, after)),
                       audit_text.changes_text(audit_text.changes(entity, before, after, names)), household_id,
                       action, entity, entity_id)

        n = xlsx_stream.write_rows(path, EXPORT_HEADERS, rows(), sheet="操作日志", title="操作日志",
                                   widths=[20, 14, 18, 18, 24, 50, 60, 10, 22, 16, 10],
                                   **progress.writing(total, "条"))
    said = [f"{flt.date_from or '最早'} 至 {flt.date_to or '今天'}", f"用户 {flt.username}" if flt.username else "",
            f"类别 {GROUPS[flt.group][0]}" if flt.group else "", f"包含“{flt.text.strip()}”" if flt.text.strip() else ""]
    place = export_place(path)
    log_access(db, actor, "audit.export", "audit_log", None, after={"rows": n, "file": place},
               detail=f"导出操作日志 {n} 条({';'.join(s for s in said if s)})到《{place}》")
    return n
