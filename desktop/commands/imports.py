"""relief-desk import department|households|template|batches"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from desktop.commands.common import (
    add_database_option,
    cli_actor,
    open_db,
    parse_positive_int,
    parse_xlsx_path,
    print_json,
    region_named,
)
from desktop.rules import codes
from desktop.services import auth, department_import, register_import
from desktop.services.errors import ALREADY_IMPORTED, NOT_WRITTEN, ServiceError, ValidationFailed
from desktop.services.files import not_written_message


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("import", help="导入部门名单、家庭台账")
    isub = parser.add_subparsers(dest="import_command", metavar="WHAT", required=True)

    dep = isub.add_parser("department", help="导入部门名单并与在保人员比对(.xlsx/.xls/.ods/.csv)")
    dep.add_argument("file", help="名单文件")
    dep.add_argument("--department", required=True,
                     help="报送部门:" + "、".join(codes.DEPARTMENT_LABELS.values())
                     + f";其他部门写其名称(如 公安局、农业农村局,最多 {codes.MAX_DEPARTMENT_NAME} 个字)")
    dep.add_argument("--dry-run", action="store_true", help="只检查和统计,不写入数据库")
    dep.add_argument("--errors", metavar="OUT.xlsx", type=parse_xlsx_path, default=None, help="把无效行和重复行按原文件的格式写入此文件(附原文件行号和错误原因)")
    dep.add_argument("--json", action="store_true", help="以一个 JSON 对象输出统计数字")
    dep.add_argument("--sheet", default=None, help="工作表名称(默认自动查找)")
    dep.add_argument("--header-row", type=parse_positive_int, default=None, help="表头所在行号(默认自动查找)")
    dep.add_argument("--region", default=None, help="无法从表中判断区划的非在保人员分派到此街道/社区")
    dep.add_argument("--id-column", default=None, metavar="COL",
                     help="身份证号所在列:列字母(如 D)或表头文字(默认按列名和内容自动识别);"
                          "姓名随之取同一人的姓名列(如 监护人身份证号 → 监护人姓名)")
    dep.add_argument("--name-column", default=None, metavar="COL",
                     help="姓名所在列:列字母或表头文字(默认自动识别)")
    add_database_option(dep)
    dep.set_defaults(func=import_department)

    hh = isub.add_parser(
        "households", help="按标准模板导入家庭台账",
        description="按标准模板导入家庭台账:有错误的家庭整户不导入,其余家庭照常导入,错误逐条列出(行、列、原因)。"
                    "退出状态:至少导入了一户(或试运行时至少有一户可以导入)为 0;"
                    "各户都因错误不能导入时为 1(--json 的输出另含 error 和 code 两项,code 为 invalid_input),"
                    "文件无法读取、已导入过(试运行也是)等其他拒绝也为 1。")
    hh.add_argument("file", help="家庭台账文件")
    hh.add_argument("--dry-run", action="store_true", help="只检查,不写入数据库")
    hh.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    hh.add_argument("--errors", metavar="OUT.xlsx", type=parse_xlsx_path, default=None, help="把未导入家庭的各行按原文件的格式写入此文件(附原文件行号和错误原因)")
    hh.add_argument("--sheet", default=None, help="工作表名称(默认自动查找)")
    add_database_option(hh)
    hh.set_defaults(func=import_households)

    tp = isub.add_parser("template", help="生成空白的家庭台账导入模板")
    tp.add_argument("out", type=parse_xlsx_path, help="输出文件(.xlsx)")
    tp.set_defaults(func=write_template)

    bt = isub.add_parser("batches", help="列出已导入的批次,最近的在前(文本列出最近的 500 批,多于此数时说明;--json 列出全部)")
    bt.add_argument("--json", action="store_true", help="以 JSON 输出全部批次")
    add_database_option(bt)
    bt.set_defaults(func=list_batches)

    undo = isub.add_parser("undo", help="撤销一批部门名单的导入(删除其各行和生成的线索,之后可重新导入)")
    undo.add_argument("batch", type=parse_positive_int, help="批次编号(见 import batches)")
    undo.add_argument("--reason", required=True, help="撤销原因(记入操作日志)")
    undo.add_argument("--yes", action="store_true", help="确认撤销;不加时只显示将删除的内容")
    add_database_option(undo)
    undo.set_defaults(func=undo_batch)


def check_errors_target(out: str, source: str) -> None:
    """The --errors file must be writable before anything is imported: an import that is kept and
    then cannot write its error list could not simply be run again (the same file is refused). What
    cannot be written is said as every written file says it (README: 错误:无法写入文件“OUT”:why,
    exit 1, ``not_written``)."""
    target = Path(out)

    def refuse(exc: OSError) -> NoReturn:
        raise ServiceError(not_written_message(exc, out), code=NOT_WRITTEN) from exc
    if target.is_dir():
        refuse(IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), out))
    try:
        same = target.exists() and os.path.samefile(target, source)  # also through a link
    except OSError:
        same = False
    if same:
        raise ValidationFailed(f"错误清单“{out}”就是要导入的文件本身,请换一个文件名。")
    # The folder is made when the list is written: an import refused for its input leaves no empty folder.
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        if not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), out)
        fd, probe = tempfile.mkstemp(prefix=".relief-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        refuse(type(exc)(exc.errno, exc.strerror, out))  # named as given, not by the probe's temporary name
    if target.exists() and not os.access(target, os.W_OK):
        refuse(PermissionError(errno.EACCES, os.strerror(errno.EACCES), out))


def write_errors_after(batch_id: int | None, write: Callable[[], int]) -> int:
    """Write the error list; if that fails after an import was kept, say that it was kept."""
    try:
        return write()
    except ServiceError as exc:
        if batch_id is None:
            raise
        raise ServiceError(f"已导入(批次编号 {batch_id}),但错误清单没有写成:{exc.message}",
                           code=exc.code) from exc


def import_department(args: argparse.Namespace) -> int:
    if args.errors:
        check_errors_target(args.errors, args.file)
    db = open_db(args, create=True)
    try:
        actor = cli_actor()
        region_id = region_named(db, args.region)
        mapping = None
        if args.id_column or args.name_column:
            found = department_import.preview(args.file, args.department, db=db, sheet=args.sheet,
                                              header_row=args.header_row)
            mapping = dict(found.mapping)
            if args.id_column:  # the name follows, unless given too: the guardian's number, his name
                mapping = department_import.with_id_column(found.columns, mapping,
                                                           column_index(args.id_column, found.columns))
            if args.name_column:
                mapping["name"] = column_index(args.name_column, found.columns)
        result = department_import.import_department_list(
            db, actor, args.file, args.department, mapping=mapping, sheet=args.sheet, header_row=args.header_row,
            dry_run=args.dry_run, assign_region_id=region_id)
        if args.errors:
            written = write_errors_after(result.batch_id, lambda: department_import.write_error_workbook(
                args.file, result, args.errors))
            if not args.json:
                print(f"已把 {written} 行无效或重复的记录写入:{args.errors}")
        department_import.look_for_hidden_rows(result, args.file)
        if args.json:
            print_json({
                "department": result.department_label,
                "header_row": result.header_row,
                # for a text file the encoding it was read in, as the reader names it (gbk, utf-8 …)
                "encoding": department_import.encoding_name(result.encoding),
                "data_rows": result.data_rows,
                "valid": result.valid,
                "invalid": result.invalid,
                "duplicates": result.duplicates,
                "legacy_15_converted": result.legacy_15_converted,
                "in_assistance": result.buckets["in_assistance"],
                "known": result.buckets["known"],
                "new": result.buckets["new"],
                "clues_created": result.clues_created,
                "unassigned": result.unassigned,
                "hidden_rows": result.hidden_rows,
                "batch_id": result.batch_id,
                "file": result.file_name,
                "sheet": result.sheet,
                "other_sheets": result.other_sheets,
                "already_imported": result.already_imported or None,
                # the column each field was read from, and the further ID columns not read (a guardian's …)
                "columns": {fld: department_import.column_doc(result.columns, i, result.id_boxes)
                            for fld, i in result.mapping.items()},
                "other_id_columns": [department_import.column_doc(result.columns, i)
                                     for i in department_import.other_id_columns(result.columns, result.mapping)],
            })
        else:
            print(summary(result))
            wrong = sum(result.invalid.values()) + result.duplicates
            if wrong and not args.errors:  # the rows themselves, for the department to correct
                print(f"  无效和重复的 {wrong} 行可写成错误清单(按原文件格式,附原文件行号和错误原因)发回部门更正:"
                      + ("加 --errors 错误清单.xlsx 再试运行一次。" if result.dry_run or result.batch_id is None
                         else "在“主动发现 › 导入记录”中选中该批次,点“保存错误清单”。"))
    finally:
        db.dispose()
    return 0


def column_index(given: str, columns: list[str]) -> int:
    """A column given as a letter (D, AA) or as its header text, as a 0-based index."""
    text = given.strip()
    if text in columns:
        return columns.index(text)
    if text.isascii() and text.isalpha() and len(text) <= 3:
        index = 0
        for ch in text.upper():
            index = index * 26 + ord(ch) - 64
        if index - 1 < len(columns):
            return index - 1
    raise ValidationFailed(f"找不到列“{given}”:请给出列字母(如 D)或表头文字(表头有:{'、'.join(c for c in columns if c)})。")


def header_place(result: department_import.DepartmentImportResult) -> str:
    if result.header_height == 0:
        return f"没有表头(按内容识别出身份证号列),数据从第 {result.header_row} 行开始"
    return f"表头在第 {result.header_row} 行"


def summary(result: department_import.DepartmentImportResult) -> str:
    lines = []
    head = "试运行(未写入数据库)" if result.dry_run else f"已导入,批次编号 {result.batch_id}"
    lines.append(f"{result.department_label}名单《{result.file_name}》:{head}")
    if result.format in ("csv", "html"):
        enc = department_import.encoding_label(result.encoding)
        kind = "文本表格(CSV" if result.format == "csv" else "网页格式的表格(HTML"
        lines.append(f"  {kind},{enc} 编码),{header_place(result)}")
    elif result.format == "mht":  # a single file web page: its sheets as Excel named them
        lines.append(f"  网页存档(MHT,“单个文件网页”)的工作表“{result.sheet}”,{header_place(result)}")
    else:
        lines.append(f"  工作表“{result.sheet}”,{header_place(result)}")
    columns = department_import.columns_note(result.columns, result.mapping, result.id_boxes)
    if columns:
        if department_import.other_id_columns(result.columns, result.mapping):
            columns += "如需改用其他列,请加 --id-column 列字母。"
        lines.append(f"  {columns}")
    bad = sum(result.invalid.values())
    lines.append(f"  数据行 {result.data_rows} = 有效 {result.valid} + 无效 {bad} + 重复 {result.duplicates}")
    for reason, n in result.invalid.items():
        label = department_import.reason_label(reason)
        lines.append(f"    无效:{label} {n} 行")
    if result.legacy_15_converted:
        lines.append(f"  有效行中 15 位旧身份证号已转换为 18 位:{result.legacy_15_converted} 行")
    for note in department_import.import_notes(result):
        lines.append(f"  注意:{note}")
    b = result.buckets
    clues = f"导入后将生成线索 {result.clues_created} 条" if result.dry_run else f"已生成线索 {result.clues_created} 条"
    if result.clues_created < b["new"]:
        clues += f";另 {b['new'] - result.clues_created} 人已有未办结的线索,不重复生成"
    lines.append(f"  比对结果:在保 {b['in_assistance']},已在册未在保 {b['known']},新发现 {b['new']}({clues})")
    if result.unassigned:
        where = "导入后请在“导入批次”中批量分派" if result.dry_run else "请在“导入批次”中批量分派"
        lines.append(f"  其中 {result.unassigned} 行未能确定所属街道/社区,{where}")
    if result.other_sheets:
        lines.append(f"  注意:{department_import.other_sheets_note(result.other_sheets, result.sheet)}"
                     "(命令行用 --sheet 工作表名 指定)")
    if result.already_imported:
        lines.append(f"  注意:{result.already_imported}")
    return "\n".join(lines)


def import_households(args: argparse.Namespace) -> int:
    if args.errors:
        check_errors_target(args.errors, args.file)
    db = open_db(args, create=True)
    try:
        auth.ensure_district(db)  # a database just made has no district yet (the window makes it at first run)
        result = register_import.import_households(db, cli_actor(), args.file, dry_run=args.dry_run,
                                                   sheet=args.sheet)
        if args.errors:
            written = write_errors_after(result.batch_id, lambda: register_import.write_error_workbook(
                args.file, result, args.errors))
            if not args.json:
                print(f"已把 {written} 行未导入的记录写入:{args.errors}")
        if result.already_imported:  # a dry run foretells the refusal, not what the import would write
            raise ServiceError(result.already_imported, code=ALREADY_IMPORTED)
        # every household refused for its rows: the input had errors, as a refused command says it
        refused = register_import.nothing_importable(result)
        if args.json:
            print_json({
                **({"error": refused, "code": ValidationFailed.code} if refused else {}),
                **result.counts(),
                "batch_id": result.batch_id,
                "file": result.file_name,
                "sheet": result.sheet,
                "other_sheets": result.other_sheets,
                "unread_columns": result.unread_columns,
                "hidden_rows": len(result.hidden_rows),
                "already_imported": None,  # as the department list's (an imported file is refused above)
                "removed_members": [{"household": code, "name": name} for code, name in result.removed_members],
                "errors": [{"row": e.row, "column": e.column, "message": e.message} for e in result.errors],
                "to_check": [{"row": e.row, "column": e.column, "message": e.message} for e in result.to_check],
            })
        else:
            if result.dry_run:
                head = "试运行(未写入数据库)"
            elif result.batch_id is None:
                head = "没有可导入的家庭(各户都有错误),未写入数据库;改正后可再次导入此文件"
            else:
                head = f"已导入,批次编号 {result.batch_id}"
            print(f"家庭台账《{result.file_name}》:{head}")
            will = "将" if result.dry_run else ""  # a dry run tells what an import would do
            print(f"  人员行 {result.rows},家庭 {result.households} 户:{will}新建 {result.households_created} 户,"
                  f"{will}更新 {result.households_updated} 户,因错误{'不能' if will else '未'}导入 "
                  f"{result.households_rejected} 户;{will}写入成员 {result.persons} 人"
                  + (f",{'不能' if will else '未'}导入的人员行 {len(result.rejected_rows)} 行" if result.rejected_rows else ""))
            if result.subdistricts_created:
                print(f"  {register_import.regions_note(result)}")
            if result.members_removed:
                print(f"  {will or '已'}移除不再列出的成员 {result.members_removed} 人:"
                      f"{register_import.removed_note(result)}")
            if result.income_lines_kept:
                print(f"  {register_import.kept_note(result)}")
            if result.blanks_kept:
                print(f"  {register_import.blanks_kept_note(result)}")
            if result.unread_columns:
                print(f"  注意:{register_import.unread_note(result)}")
            if result.hidden_rows:
                print(f"  注意:{register_import.hidden_rows_note(result)}")
            if result.to_check:
                print(f"  注意:{register_import.to_check_note(result)}")
                for line in result.to_check[:200]:
                    print(f"    {line}")
            for error in result.errors[:200]:
                print(f"  {error}")
            if len(result.errors) > 200:
                print(f"  …… 另有 {len(result.errors) - 200} 条错误")
            if result.other_sheets:
                print(f"  注意:{register_import.other_sheets_note(result)}"
                      "其他工作表请逐个导入:命令行加 --sheet 工作表名(或把各工作表另存为单独的文件)。")
            if refused:
                raise ValidationFailed(refused)
    finally:
        db.dispose()
    return 1 if refused else 0


def write_template(args: argparse.Namespace) -> int:
    register_import.write_register_template(args.out)
    print(f"已生成家庭台账导入模板:{args.out}")
    return 0


def list_batches(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        # --json is for scripts: every batch; the text for people shows the latest ones and says so
        batches = department_import.list_batches(db, cli_actor(),
                                                 limit=None if args.json else department_import.BATCHES_SHOWN)
        if args.json:
            print_json([{"id": b.id, "kind": b.kind, "department": b.department,
                         "department_label": b.department_label if b.kind == department_import.KIND else None,
                         "file": b.file_name,
                         "hash": b.hash, "counts": b.counts, "imported_by": b.imported_by,
                         "created_at": b.created_at.isoformat()} for b in batches])
            return 0
        if not batches:
            print("还没有导入过任何批次。")
            return 0
        for b in batches:
            when = b.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            c = b.counts
            if b.kind == department_import.KIND:
                what = (f"数据行 {c.get('data_rows', 0)},有效 {c.get('valid', 0)},在保 {c.get('in_assistance', 0)},"
                        f"已在册 {c.get('known', 0)},新发现 {c.get('new', 0)}")
            else:
                # as the import said it: the households left out for errors are not counted as imported
                what = (f"家庭 {c.get('households', 0)} 户:新建 {c.get('households_created', 0)},"
                        f"更新 {c.get('households_updated', 0)},因错误未导入 {c.get('households_rejected', 0)};"
                        f"写入成员 {c.get('persons', 0)} 人")
            sys.stdout.write(f"{b.id}\t{when}\t{b.department_label}\t{b.file_name}\t{what}\t{b.imported_by}\n")
        if batches.truncated:  # never cut silently
            print(f"仅列出最近的 {len(batches):,} 批,共 {batches.total:,} 批;用 --json 查看全部")
    finally:
        db.dispose()
    return 0


def undo_batch(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        info = department_import.undo_info(db, cli_actor(), args.batch)
        if info.refusal:
            raise ServiceError(info.refusal)
        what = (f"批次 {args.batch}({info.batch.department_label}名单《{info.batch.file_name}》):"
                f"{info.rows} 行、{info.clues} 条线索")
        if not args.yes:
            print(f"将撤销{what}。确认请加 --yes。")
            return 0
        department_import.undo_batch(db, cli_actor(), args.batch, args.reason, expected_hash=info.batch.hash)
        print(f"已撤销{what};该文件可以重新导入。")
    finally:
        db.dispose()
    return 0
