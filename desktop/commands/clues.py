"""relief-desk clue list|export|show|add|edit|assign|investigate|close|reopen: the clue inbox's actions
(主动发现 → 线索) on the command line, through the same services as the window."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from desktop.commands.common import (
    add_database_option,
    argument_type,
    cli_actor,
    code_or_label,
    open_db,
    parse_date,
    parse_positive_int,
    parse_positive_ints,
    parse_xlsx_path,
    print_json,
    region_named,
)
from desktop.rules import idcard, spelling
from desktop.rules import monitoring as monitoring_rules
from desktop.rules.codes import (
    CHANNEL_LABELS,
    RegionLevel,
    SourceLevel,
    category_refusal,
    department_key,
    source_category,
)
from desktop.services import clues, regions
from desktop.services.base import Actor
from desktop.services.database import Database
from desktop.services.errors import ValidationFailed

T = TypeVar("T")


def _all_sources() -> dict[str, str]:
    return {code: level for level, labels in clues.SOURCES_BY_LEVEL.items() for code in labels}


def _informant_and_vertical_labels() -> dict[str, tuple[str, str]]:
    """An informant's or a vertical source's Chinese name (楼栋长, 网格 …) → (level, code): typed
    instead of its code it is that source, not a department of that name."""
    return {label: (level, code) for level, labels in clues.SOURCES_BY_LEVEL.items()
            if level != SourceLevel.DEPARTMENT.value for code, label in labels.items()}


_CODE_LIKE = re.compile(r"[a-z][a-z_]*")


def read_source(text: str) -> tuple[str, str]:
    """(level, source) from a source code (building_head, grid, hrss …), an informant's or vertical
    source's Chinese name (楼栋长, 网格), or a department's name: one
    of the nine by its name (人社局) or a department outside them by its own (公安局, kept as typed).
    A word written like a code that is none (nosuch) is a mistyped code, not a department."""
    wanted = text.strip()
    level = _all_sources().get(wanted.lower())
    if level is not None:
        return level, wanted.lower()
    named = _informant_and_vertical_labels().get(wanted)
    if named is not None:
        return named
    category = source_category(wanted)
    if category is not None:  # 四级信息员 was kept as a department of that name
        raise ValueError(category_refusal(text, category))
    if _CODE_LIKE.fullmatch(wanted) or not wanted:
        raise ValueError(f"未知的线索来源“{text}”:请写来源代码(见 clue add --help),"
                         "或报送部门的名称(如 人社、公安局)。")
    return SourceLevel.DEPARTMENT.value, department_key(wanted)


parse_source = argument_type(read_source)

# A filter's source may be a whole category: its code or its name (部门 for 部门推送 too).
_CATEGORY_NAMES = {**{level.value: level.value for level in SourceLevel},
                   **{text: level for level, text in clues.SOURCE_LEVEL_LABELS.items()}, "部门": SourceLevel.DEPARTMENT.value}


def read_source_filter(text: str) -> tuple[str, str | None]:
    """(level, source or None): a source as :func:`read_source` reads it, or a whole category —
    informant/四级信息员, vertical/纵向来源, department/部门推送/部门."""
    level = _CATEGORY_NAMES.get(text.strip().lower()) or _CATEGORY_NAMES.get(text.strip())
    if level is not None:
        return str(level), None
    try:
        return read_source(text)
    except ValueError:
        raise ValueError(f"未知的线索来源“{text}”:请写来源代码(见 clue add --help)、报送部门的名称(如 人社、公安局),"
                         "或来源类别(informant=四级信息员,vertical=纵向来源,department=部门推送)。") from None


parse_source_filter = argument_type(read_source_filter)

# Channels, outcomes and statuses: their codes, their Chinese labels, or the discovery issue's words.
parse_channel = code_or_label(CHANNEL_LABELS, {"visit": "home_visit"})
parse_outcome = code_or_label(clues.OUTCOME_LABELS, {
    "class_ii": "class_2", "二类库": "class_2", "纳入二类库": "class_2", "明显不符合": "class_2",
    "check_passed": "passed", "authorised_check_passed": "passed", "authorized_check_passed": "passed",
    "application": "passed", "授权核对通过": "passed", "核对通过": "passed", "启动申请": "passed",
    "check_not_passed": "not_passed", "class_i": "not_passed", "class_1": "not_passed", "一类库": "not_passed",
    "纳入一类库": "not_passed", "核对暂未通过": "not_passed", "核对未通过": "not_passed",
    "not_a_hardship_case": "not_hardship", "非困难": "not_hardship", "不属于困难群众": "not_hardship"})
parse_status = code_or_label(clues.STATUS_LABELS)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("clue", help="线索登记与查询")
    csub = parser.add_subparsers(dest="clue_command", metavar="ACTION", required=True)

    lst = csub.add_parser("list", help="列出线索")
    _filter_arguments(lst)
    lst.add_argument("--limit", type=parse_positive_int, default=50, help="最多列出多少条(默认 50)")
    lst.add_argument("--json", action="store_true", help="以 JSON 输出(一个数组,每条线索一个对象)")
    add_database_option(lst)
    lst.set_defaults(func=list_clues)

    export = csub.add_parser("export", help="把符合条件的全部线索导出为 xlsx 工作清单(身份证号按权限遮挡,记入操作日志)")
    _filter_arguments(export)
    export.add_argument("--out", required=True, metavar="FILE.xlsx", type=parse_xlsx_path, help="输出文件 .xlsx")
    export.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果(文件、条数)")
    add_database_option(export)
    export.set_defaults(func=export_clues)

    sources = ",".join(f"{code}={label}" for labels in clues.SOURCES_BY_LEVEL.values()
                       for code, label in labels.items())
    add = csub.add_parser("add", help="登记一条线索")
    add.add_argument("--name", required=True, help="当事人姓名")
    add.add_argument("--id-number", default="", help="身份证号")
    add.add_argument("--phone", default="", help="当事人联系电话")
    add.add_argument("--address", default="", help="当事人住址")
    add.add_argument("--source", required=True, type=parse_source, metavar="SOURCE",
                     help="线索来源:" + sources + ";九个部门之外的部门写其名称(如 公安局)")
    add.add_argument("--channel", type=parse_channel, metavar="CHANNEL", default=None,
                     help="发现渠道:" + ",".join(f"{k}={v}" for k, v in CHANNEL_LABELS.items()))
    add.add_argument("--date", type=parse_date, default=None, help="发现日期 YYYY-MM-DD(默认今天)")
    add.add_argument("--reported-by", default="", help="报告人")
    add.add_argument("--description", required=True, help="发现的情况")
    add.add_argument("--region", default=None, help="分派到的区划名称或代码")
    add.add_argument("--json", action="store_true", help="以 JSON 输出登记的线索(一个对象,同 clue show --json)")
    add_database_option(add)
    add.set_defaults(func=add_clue)

    assign = csub.add_parser("assign", help="把线索分派到街道或社区")
    assign.add_argument("ids", nargs="+", type=parse_positive_ints, help="线索编号(空格或逗号分隔)")
    assign.add_argument("--region", required=True, help="区划名称或代码")
    assign.add_argument("--json", action="store_true", help="以 JSON 输出结果(一个对象:分派条数、区划,"
                        "以及分派后的各条线索,同 clue show --json)")
    add_database_option(assign)
    assign.set_defaults(func=assign_clues)

    _one_clue(csub, "show", show_clue, "查看一条线索:登记内容、状态、分派、办结或重新打开的经过(同线索收件箱下方的详情)",
              json_help="以 JSON 输出(一个对象)")

    edit = _one_clue(csub, "edit", edit_clue, "更正一条未办结线索的登记内容(只改给出的项,不改状态;同线索收件箱 → 修改),"
                     "记入操作日志", json_help="以 JSON 输出更正后的线索(一个对象,同 clue show --json)")
    edit.add_argument("--name", default=None, help="当事人姓名")
    edit.add_argument("--id-number", default=None, help="身份证号")
    edit.add_argument("--phone", default=None, help="当事人联系电话")
    edit.add_argument("--address", default=None, help="当事人住址")
    edit.add_argument("--source", type=parse_source, metavar="SOURCE", default=None,
                      help="线索来源(代码同 clue add;部门也可写名称,如 人社、公安局)")
    edit.add_argument("--channel", type=parse_channel, metavar="CHANNEL", default=None,
                      help="发现渠道(代码同 clue add)")
    edit.add_argument("--date", type=parse_date, default=None, help="发现日期 YYYY-MM-DD")
    edit.add_argument("--reported-by", default=None, help="报告人")
    edit.add_argument("--description", default=None, help="发现的情况")
    edit.add_argument("--region", default=None, help="分派到的区划名称或代码")

    _one_clue(csub, "investigate", investigate_clue,
              "开始调查一条已分派的线索(状态改为“调查中”;同线索收件箱 → 开始调查),记入操作日志")

    close = _one_clue(csub, "close", close_clue, "以调查结果办结一条线索(同线索收件箱 → 办结):按结果把家庭调入二类库、"
                      "一类库或“申请中”,当事人没有家庭档案时据线索建档;记入操作日志")
    close.add_argument("--outcome", required=True, type=parse_outcome, metavar="OUTCOME", help="办结结果:" + ";".join(
        f"{code}={text}" for code, text in clues.OUTCOME_LABELS.items()))
    close.add_argument("--note", "--reason", dest="note", default="", help="办结说明(记入操作日志,也可写作 --reason)")
    close.add_argument("--date", type=parse_date, default=None, help="办结日期 YYYY-MM-DD(默认今天)")

    reopen = _one_clue(csub, "reopen", reopen_clue, "重新打开一条已办结的线索(办结有误或情况有变化),理由记入操作日志")
    reopen.add_argument("--reason", required=True, help="重新打开的理由(必填)")


def _one_clue(csub: argparse._SubParsersAction, name: str, func: Callable[[argparse.Namespace], int], text: str, *,
              json_help: str = "以 JSON 输出结果(一个对象)") -> argparse.ArgumentParser:
    """A command on one clue: ``clue NAME ID [--json] [--database-url URL]`` and what the caller adds."""
    parser: argparse.ArgumentParser = csub.add_parser(name, help=text)
    parser.add_argument("id", type=parse_positive_int, help="线索编号")
    parser.add_argument("--json", action="store_true", help=json_help)
    add_database_option(parser)
    parser.set_defaults(func=func)
    return parser


def _filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The inbox's filters, for ``list`` and ``export`` alike."""
    parser.add_argument("--status", type=parse_status, metavar="STATUS", action="append",
                        help="状态(可多次给出;默认全部):" + ",".join(f"{k}={v}" for k, v in clues.STATUS_LABELS.items()))
    parser.add_argument("--region", default=None, help="区划名称或代码(含下级)")
    parser.add_argument("--unassigned", action="store_true", help="只要尚未分派的线索")
    parser.add_argument("--source", type=parse_source_filter, metavar="SOURCE", default=None,
                        help="线索来源(代码同 clue add;部门也可写名称,如 人社、公安局),或来源类别:"
                             "informant=四级信息员,vertical=纵向来源,department=部门推送")
    parser.add_argument("--from", dest="date_from", type=parse_date, default=None, help="发现日期自 YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=parse_date, default=None, help="发现日期至 YYYY-MM-DD")
    parser.add_argument("--text", default="", help="姓名(开头几个字)或身份证号(全部或末几位)")


def _filter(db: Database, args: argparse.Namespace) -> clues.ClueFilter:
    if args.unassigned and args.region:
        raise ValidationFailed("--unassigned 与 --region 不能同时给出:未分派的线索不属于任何区划。")
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise ValidationFailed(f"--from {args.date_from} 晚于 --to {args.date_to}。")
    return clues.ClueFilter(statuses=tuple(dict.fromkeys(args.status or ())), region_id=region_named(db, args.region),
                            unassigned_only=args.unassigned,
                            source_level=args.source[0] if args.source else None,
                            source=args.source[1] if args.source else None,
                            date_from=args.date_from, date_to=args.date_to, text=args.text)


def _matching(db: Database, flt: clues.ClueFilter, counts: clues.ClueCounts | None = None) -> int:
    """How many clues the filter matches (the list prints the newest of them only)."""
    counts = counts or clues.count_clues(db, cli_actor(), flt)
    return sum(n for s, n in counts.by_status.items() if not flt.statuses or s in flt.statuses)


def list_clues(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        flt = _filter(db, args)
        actor = cli_actor()
        rows = clues.list_clues(db, actor, flt, limit=args.limit)
        if rows:  # whole ID numbers are printed: logged first (RULES.md §4), as the inbox logs its rows
            clues.log_list_view(db, actor, flt, len(rows))
        if args.json:  # one JSON document (an array), as deadlines and audit print
            print_json([{"id": c.id, "status": c.status, "name": c.person_name, "id_number": c.id_number,
                         "source_level": c.source_level, "source": c.source, "channel": c.channel,
                         "reported_on": c.reported_on, "region": c.region_name, "outcome": c.outcome,
                         "household_id": c.household_id, "awaits_application": c.awaits_application}
                        for c in rows])
            matching = _matching(db, flt)
            if len(rows) < matching:  # the array stays the document; the cut is said beside it
                print(f"注意:只输出了最新的 {len(rows)} 条,共 {matching} 条符合条件;用 --limit 输出更多。",
                      file=sys.stderr)
            return 0
        for c in rows:
            print(f"{c.id}\t{c.status_label}\t{c.reported_on}\t{c.person_name}\t{c.id_number}\t"
                  f"{c.source_label}\t{c.region_name or '未分派'}\t{c.outcome_text}")
        awaiting = [c for c in rows if c.awaits_application]
        if awaiting:
            print(f"其中 {len(awaiting)} 条线索的家庭在“申请中”,尚未受理申请("
                  + "、".join(f"#{c.id}" for c in awaiting[:20]) + ("…" if len(awaiting) > 20 else "")
                  + f"):{clues.AWAITING_ADVICE}")
        counts = clues.count_clues(db, cli_actor(), flt)
        matching = _matching(db, flt, counts)
        if len(rows) < matching:
            print(f"(只列出最新的 {len(rows)} 条,共 {matching} 条符合条件;用 --limit 列出更多,或用 clue export 导出全部)")
        # As the inbox's counts line: every status under the other filters, and the clues not yet assigned.
        print("合计:" + ",".join(f"{clues.STATUS_LABELS[s]} {n}" for s, n in counts.by_status.items())
              + f";未分派 {counts.unassigned}")
    finally:
        db.dispose()
    return 0


def export_clues(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        n = clues.export_clues(db, cli_actor(), _filter(db, args), args.out)
    finally:
        db.dispose()
    if args.json:
        print_json({"file": args.out, "clues": n})
    else:
        print(f"已导出 {n:,} 条线索 → {args.out}")
    return 0


def _registry_person(db: Database, actor: Actor, id_number: str) -> clues.PersonMatch | None:
    """The registry member with this (valid) ID number, as the form's registry search finds them."""
    parsed = idcard.parse(id_number, today=date.today())
    if not parsed.valid or not parsed.number:
        return None  # the service says what is wrong with it
    found = clues.search_people(db, actor, parsed.number, limit=1)
    return found[0] if found else None


def _linked_notes(person: clues.PersonMatch, name: str) -> list[str]:
    """What the form's link line says of the registry household a clue is now about, and the name and
    assistance the clerk should notice."""
    where = "、".join(x for x in (person.stage_label, person.category_label if person.category_label != "无"
                                  else "") if x) or "不在看板上"
    notes = [f"已关联台账中{person.region_name}“{person.head_name}”户({where})。"]
    if person.name != spelling.person_name(name.strip()):  # 买买提•吐尔逊 is 买买提·吐尔逊
        notes.append(f"注意:台账中该身份证号登记的姓名是“{person.name}”,线索写的是“{name.strip()}”。")
    if person.in_assistance:
        notes.append(f"注意:“{person.head_name}”户目前在保({person.category_label})。")
    return notes


def add_clue(args: argparse.Namespace) -> int:
    """As the form records it: a person whose ID number is in the registry is linked to their household
    (its community the clue's region unless --region is given), as picking them from the form's
    registry search does; an open clue about them and their being in assistance are pointed out."""
    db = open_db(args, create=True)
    notes: list[str] = []
    try:
        actor = cli_actor()
        reported_on = args.date or date.today()
        level, source = args.source
        person = _registry_person(db, actor, args.id_number)
        open_clue = clues.find_open_clue(db, actor, args.id_number) if args.id_number.strip() else None
        clue_id = clues.add_clue(db, actor, clues.ClueInput(
            source_level=SourceLevel(level), source=source, reported_on=reported_on,
            description=args.description, person_name=args.name, id_number=args.id_number, phone=args.phone,
            address=args.address, channel=args.channel, reported_by=args.reported_by,
            region_id=region_named(db, args.region), household_id=person.household_id if person else None,
            member_id=person.member_id if person else None))
        shown = _shown(db, actor, clue_id)
    finally:
        db.dispose()
    if person is not None:
        notes += _linked_notes(person, args.name)
    if open_clue is not None:
        notes.append(f"注意:该当事人另有未办结的线索 #{open_clue}。")
    if args.json:
        print_json(shown.as_json())
        for note in notes:
            print(note, file=sys.stderr)
    else:
        print(f"已登记线索 #{clue_id}。")
        for note in notes:
            print(note)
    return 0


def assign_clues(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        actor = cli_actor()
        region = regions.find_region(db, actor, args.region)
        ids = [i for part in args.ids for i in part]  # "12 13", "12,13"
        n = clues.assign_clues(db, actor, ids, region.id)
        assigned = [_shown(db, actor, i).as_json() for i in sorted(set(ids))] if args.json else []
    finally:
        db.dispose()
    if args.json:
        print_json({"assigned": n, "region_id": region.id, "region": region.name, "clues": assigned})
    else:
        print(f"已将 {n} 条线索分派到{region.name}。")
    return 0


def _moment(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class _Shown:
    """A clue as the inbox's detail shows it: its details, and how it was closed or last reopened."""

    info: clues.ClueInfo
    closing: clues.ClueClosing | None
    reopening: clues.ClueReopening | None

    def as_json(self) -> dict[str, object]:
        c, closing, reopening = self.info, self.closing, self.reopening
        return {
            "id": c.id, "version": c.version, "status": c.status, "status_label": c.status_label,
            "name": c.person_name, "id_number": c.id_number, "phone": c.phone, "address": c.address,
            "source_level": c.source_level, "source": c.source, "source_label": c.source_label,
            "channel": c.channel, "channel_label": c.channel_label, "reported_on": c.reported_on,
            "reported_by": c.reported_by, "description": c.description, "region_id": c.region_id,
            "region": c.region_name, "assigned_at": _iso(c.assigned_at), "outcome": c.outcome,
            "outcome_label": c.outcome_label, "closed_on": c.closed_on, "household_id": c.household_id,
            "household_stage": c.household_stage, "household_stage_label": c.household_stage_label,
            "household_category_label": c.household_category_label, "batch_id": c.batch_id,
            "awaits_application": c.awaits_application,
            "closing": None if closing is None else {
                "closed_on": closing.closed_on, "note": closing.note, "closed_by": closing.closed_by,
                "closed_at": _iso(closing.closed_at)},
            "reopening": None if reopening is None else {
                "reason": reopening.reason, "reopened_by": reopening.reopened_by,
                "reopened_at": _iso(reopening.reopened_at), "previous_outcome_label": reopening.outcome_label,
                "closed_on": reopening.closed_on},
        }

    def lines(self) -> list[str]:
        c, closing, reopening = self.info, self.closing, self.reopening
        status = c.status_label + (f" — {c.outcome_text} {c.closed_on or ''}".rstrip() if c.outcome else "")
        region = c.region_name or "未分派"
        if c.assigned_at is not None:
            region += f"(分派于 {_moment(c.assigned_at)})"
        level = clues.SOURCE_LEVEL_LABELS.get(c.source_level, "")
        rows = [("状态", status), ("当事人", f"{c.person_name} {c.id_number}".strip()), ("联系电话", c.phone),
                ("住址", c.address), ("线索来源", f"{c.source_label}({level})" if level else c.source_label),
                ("发现渠道", c.channel_label), ("报告人", c.reported_by), ("区划", region)]
        if closing is not None:
            rows += [("办结人", f"{closing.closed_by} {_moment(closing.closed_at)}".strip() or "(未记录)"),
                     ("办结说明", closing.note or "(未填写)")]
        if reopening is not None:
            was = f"{reopening.outcome_label} {reopening.closed_on or ''}".strip()
            rows += [("重新打开", f"{reopening.reopened_by} {_moment(reopening.reopened_at)}"),
                     ("重新打开的理由", reopening.reason), ("原办结结果", was or "(未记录)")]
        if c.household_id is not None:
            # as the form's link line: the household's number and head, where it is on the board, its assistance
            who = f"户编号 {c.household_code}(户主 {c.household_head},#{c.household_id})" if c.household_code \
                else f"#{c.household_id}(户主 {c.household_head})"
            rows.append(("家庭", ",".join([who, c.household_stage_label or "不在看板上"]
                                          + ([c.household_category_label] if c.household_category_label not in ("", "无")
                                             else []))))
        if c.awaits_application:
            rows.append(("待办", f"家庭 #{c.household_id} 尚未受理申请:{clues.AWAITING_ADVICE}"))
        if c.batch_id is not None:
            rows.append(("导入批次", f"#{c.batch_id}"))
        return ([f"线索 #{c.id} · 发现日期 {c.reported_on}"] + [f"{k}:{v}" for k, v in rows if v]
                + ["发现的情况:", *c.description.splitlines()])


def _shown(db: Database, actor: Actor, clue_id: int) -> _Shown:
    """The clue to print, with its whole ID number: the view is logged (RULES.md §4)."""
    shown = _Shown(clues.get_clue(db, actor, clue_id), clues.clue_closing(db, actor, clue_id),
                   clues.clue_reopening(db, actor, clue_id))
    clues.log_clue_view(db, actor, shown.info)
    return shown


def _print_clue(shown: _Shown, as_json: bool) -> None:
    if as_json:
        print_json(shown.as_json())
    else:
        print("\n".join(shown.lines()))


def show_clue(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        shown = _shown(db, cli_actor(), args.id)
    finally:
        db.dispose()
    _print_clue(shown, args.json)
    return 0


_EDITABLE = ("name", "id_number", "phone", "address", "source", "channel", "date", "reported_by", "description",
             "region")


def _on_clue(args: argparse.Namespace, act: Callable[[Database, Actor, clues.ClueInfo], T]) -> tuple[clues.ClueInfo, T]:
    """The clue named on the command line as it is now, and what ``act`` did with it (its version
    guards the change, as the one the window shows guards the window's)."""
    db = open_db(args)
    try:
        actor = cli_actor()
        info = clues.get_clue(db, actor, args.id)
        return info, act(db, actor, info)
    finally:
        db.dispose()


def edit_clue(args: argparse.Namespace) -> int:
    """What the clue form saves: the clue as it is, with the items given on the command line changed."""
    if all(getattr(args, name) is None for name in _EDITABLE):
        raise ValidationFailed("没有给出要更正的内容:请至少给出一项,如 --name、--phone、--description、--region"
                               "(见 relief-desk clue edit -h)。")

    def given(value: str | None, current: str) -> str:
        return current if value is None else value

    def edit(db: Database, actor: Actor, info: clues.ClueInfo) -> tuple[_Shown, clues.PersonMatch | None]:
        region_id = info.region_id
        if args.region is not None:
            region = regions.find_region(db, actor, args.region)
            if region.level == RegionLevel.DISTRICT:
                raise ValidationFailed(f"--region {args.region}:请写街道(镇)或社区(村);线索不能改回未分派。")
            region_id = region.id
        level, source = args.source or (info.source_level, info.source)
        clues.update_clue(db, actor, info.id, clues.ClueInput(
            source_level=level, source=source, reported_on=args.date or info.reported_on,
            description=given(args.description, info.description), person_name=given(args.name, info.person_name),
            id_number=args.id_number or "",  # none given: the number stays as it is (as on a masked form)
            phone=given(args.phone, info.phone), address=given(args.address, info.address),
            channel=args.channel or info.channel, reported_by=given(args.reported_by, info.reported_by),
            household_id=info.household_id, region_id=region_id), expected_version=info.version)
        shown = _shown(db, actor, info.id)
        # the number typed over the old one linked another household: who has it in the registry
        relinked = shown.info.household_id not in (None, info.household_id)
        return shown, _registry_person(db, actor, args.id_number or "") if relinked else None

    before, (shown, person) = _on_clue(args, edit)
    after = shown.info
    notes: list[str] = []
    if after.household_id is None and before.household_id is not None:
        notes.append("该身份证号不在台账中(或不在您的管辖范围内),线索不再关联原来的家庭;办结时按新发现的人处理。")
    elif person is not None:
        notes += _linked_notes(person, after.person_name)
        if after.region_id is not None and after.region_id != person.region_id:
            notes.append(f"注意:该家庭在{person.region_name},线索仍分派在{after.region_name};如需改派,请加 --region。")
    if not args.json:
        print(f"已更正线索 #{after.id}({after.person_name})。")
    _print_clue(shown, args.json)
    for note in notes:
        print(note, file=sys.stderr if args.json else sys.stdout)
    return 0


def investigate_clue(args: argparse.Namespace) -> int:
    info, version = _on_clue(args, lambda db, actor, info: clues.start_investigation(
        db, actor, info.id, expected_version=info.version))
    started = version != info.version
    if args.json:
        print_json({"id": info.id, "status": "investigating", "started": started, "version": version})
    elif started:
        print(f"线索 #{info.id}({info.person_name})已开始调查,现为“{clues.STATUS_LABELS['investigating']}”。")
    else:
        print(f"线索 #{info.id}({info.person_name})已在调查中,没有改动。")
    return 0


def close_clue(args: argparse.Namespace) -> int:
    closed_on = args.date or date.today()
    info, result = _on_clue(args, lambda db, actor, info: clues.close_clue(
        db, actor, info.id, args.outcome, expected_version=info.version, closed_on=closed_on, note=args.note))
    if args.json:
        print_json({"id": result.clue_id, "status": "closed", "outcome": result.outcome, "closed_on": closed_on,
                    "household_id": result.household_id, "household_created": result.household_created,
                    "stage_before": result.from_stage, "stage": result.to_stage,
                    "start_application": result.start_application, "other_open_clue_id": result.other_open_clue_id})
        return 0
    print(f"已办结线索 #{result.clue_id}({info.person_name}):{clues.OUTCOME_LABELS[result.outcome]},"
          f"办结日期 {closed_on}。")
    # not_hardship moves none, unless it takes back what the clue's earlier closing did (from_stage set)
    if result.household_id is not None and (result.to_stage is not None or result.from_stage is not None):
        made = "据线索新建家庭档案" if result.household_created else "家庭"
        moved = (f"由“{monitoring_rules.stage_label(result.from_stage)}”调入" if result.from_stage != result.to_stage
                 else "仍在")
        to = monitoring_rules.stage_label(result.to_stage) if result.to_stage else "未入库(不在看板上)"
        print(f"{made} #{result.household_id}:{moved}“{to}”。")
    if result.start_application and result.household_id is not None:
        print(f"家庭 #{result.household_id} 在“申请中”,等待受理申请:{clues.AWAITING_ADVICE}")
    if result.other_open_clue_id is not None:
        print(f"注意:该当事人另有未办结的线索 #{result.other_open_clue_id}。")
    return 0


def reopen_clue(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        plan = clues.reopen_clue(db, cli_actor(), args.id, reason=args.reason)
    finally:
        db.dispose()
    if args.json:
        print_json({"id": plan.clue_id, "status": plan.returns_to, "previous_outcome": plan.outcome,
                    "closed_on": plan.closed_on, "household_id": plan.household_id, "stage_before": plan.stage,
                    "stage": plan.to_stage, "class_note": plan.effect, "other_open_clue_id": plan.other_open_clue_id})
        return 0
    print(f"已重新打开线索 #{plan.clue_id}({plan.person_name}),原办结结果:{plan.outcome_label or '无'},"
          f"现为“{plan.returns_to_label}”。")
    print(plan.effect)
    if plan.other_open_clue_id is not None:
        print(f"注意:该当事人另有未办结的线索 #{plan.other_open_clue_id}。")
    return 0
