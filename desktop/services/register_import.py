"""Household register import (家庭台账): the standard template creates or updates households,
members, incomes, expenses, the current assistance category and the library class.

A household with any bad row is not imported at all (the others are); every error names the row,
the column and what is wrong. The whole file is one transaction; the same file again is refused, and so
is the same register in another file (saved again by Excel, exported as .xls or CSV: its ContentHash).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Text, bindparam, cast, delete, func, insert, literal, select, update
from sqlalchemy.dialects.postgresql import JSONB

from desktop.io import error_workbook as eb
from desktop.io import register_template as tpl
from desktop.io import spreadsheet as ss
from desktop.io.register_template import CellError, PersonRow
from desktop.models import Application, Expense, Household, ImportBatch, Income, LibraryMove, Member, Region
from desktop.models.base import now_utc
from desktop.rules import codes, idcard
from desktop.rules import monitoring as monitoring_rules
from desktop.rules import procedure as proc
from desktop.services import regions
from desktop.services.base import Actor, require_writer, snapshot, unit_of_work
from desktop.services.database import Database
from desktop.services.department_import import (
    ContentHash,
    RegionResolver,
    _who,
    already_imported_message,
    batch_sheet,
    check_unchanged,
    file_sha256,
    previous_batch,
    same_content_batch,
)
from desktop.services.errors import ALREADY_IMPORTED, INVALID_FILE, NOT_WRITTEN, ServiceError
from desktop.services.files import not_written_message
from desktop.services.households import open_clues_follow
from desktop.services.progress import Progress

KIND = "households"
CHUNK = 1000
KEYS_CHUNK = 10_000  # text keys (户编号, ID numbers) looked up at a time, as one JSON parameter
REGISTER_LOCK = 0x52454C48  # pg_advisory_xact_lock key ("RELH"): one register imported at a time
# A register already imported is corrected in the household records, or re-sent with the changes.
REMEDY = ("如需更正,请在家庭档案中修改,或在台账中改好后另存为新文件再导入;上次未导入的家庭,请把导入时保存的错误清单"
          "改好后导入(错误清单含这些家庭的每一行,已导入的家庭不在其中)。")
KEPT_STAGES = {codes.Stage.TO_INVESTIGATE, codes.Stage.TO_CHECK, codes.Stage.APPLYING}
LIBRARIES = {codes.Stage.CLASS_I, codes.Stage.CLASS_II}


@dataclass
class RegisterImportResult:
    batch_id: int | None
    file_name: str
    rows: int = 0  # data rows (persons) in the file
    households: int = 0  # households in the file
    households_created: int = 0
    households_updated: int = 0
    households_rejected: int = 0
    persons: int = 0  # members created or updated
    members_removed: int = 0  # members of updated households no longer listed
    removed_members: list[tuple[str, str]] = field(default_factory=list)  # (户编号, name) of those members
    # income lines the template has no column for (not counted, 城乡居民基本养老金), entered in the
    # household records and restated for the register's new figures rather than left behind
    income_lines_kept: int = 0
    # households whose rows left cells blank that kept what the system holds (see _keep_unsaid)
    blanks_kept: int = 0
    errors: list[CellError] = field(default_factory=list)
    # what the households imported say that does not hang together, imported as written (see _to_check)
    to_check: list[CellError] = field(default_factory=list)
    dry_run: bool = False
    already_imported: str = ""
    sheet: str = ""
    header_row: int = 1
    header_height: int = 1  # rows of the header, ending at header_row
    id_column: int | None = None  # where 身份证号 is in the file (kept as text in the error workbook)
    columns: dict[str, int] = field(default_factory=dict)  # template column -> where it is in the file
    rejected_rows: dict[int, str] = field(default_factory=dict)  # row -> why it was not imported
    other_sheets: list[str] = field(default_factory=list)  # further sheets holding a register, not read
    unread_columns: list[str] = field(default_factory=list)  # headings of columns not the template's, not imported
    file_hash: str = ""  # of the file read: its error workbook is written from that file alone
    content_hash: str = ""  # of what was read (department_import.ContentHash): the same register in another file
    hidden_rows: list[int] = field(default_factory=list)  # person rows hidden in the sheet (by hand or a filter)
    # the sub-districts and communities a first register brought into a database that had none
    subdistricts_created: int = 0
    communities_created: int = 0

    @property
    def imported_households(self) -> int:
        return self.households_created + self.households_updated

    def counts(self) -> dict[str, Any]:
        return {"rows": self.rows, "households": self.households, "households_created": self.households_created,
                "households_updated": self.households_updated, "households_rejected": self.households_rejected,
                "persons": self.persons, "rows_rejected": len(self.rejected_rows),
                "members_removed": self.members_removed, "income_lines_kept": self.income_lines_kept, "blanks_kept": self.blanks_kept,
                "errors": len(self.errors),
                "subdistricts_created": self.subdistricts_created, "communities_created": self.communities_created}


def write_register_template(path: str | Path) -> int:
    """Write the empty standard template."""
    try:
        return tpl.write_template(path)
    except OSError as exc:
        raise ServiceError(not_written_message(exc, path), code=NOT_WRITTEN) from exc


@dataclass
class _Household:
    code: str
    rows: list[PersonRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    bad_rows: int = 0
    row_numbers: list[int] = field(default_factory=list)
    head: PersonRow | None = None
    region_id: int | None = None
    area_type: str = codes.AreaType.URBAN
    # its head is on the rows of a code differing only in leading zeros or case ("001" for 1): said so
    # already, so "no head" is not said too
    head_under_similar_code: bool = False
    # the head's own 联系电话 and 备注 as a member, kept when the head's row leaves them blank (the row's
    # are the household's, see _keep_unsaid)
    head_own: dict[str, str] = field(default_factory=dict)
    # 街道 and 社区 of its head's row when that row was refused for another cell (tpl.head_place)
    refused_head_places: list[tuple[str, str]] = field(default_factory=list)
    # under a running monthly approval (_check_held): stays 救助中 whatever its category (低保边缘 and
    # 支出型困难 are paid too)
    under_approval: bool = False


def _chunks(seq: Sequence[Any], size: int = CHUNK) -> list[Sequence[Any]]:
    return [seq[i:i + size] for i in range(0, len(seq), size)]


def _merged_down(book: ss.Workbook, sheet: str, header_row: int, columns: dict[str, int]) -> ss.MergedDown:
    """The cells merged down over a household's rows (户编号, 街道, 社区, 当前救助类别 … written once
    for the household), read on each of its rows. Not a name or ID number (a person written over two
    rows), nor an amount: one figure for the household, counted once."""
    keep_out = {i for c, i in columns.items()
                if c in ("姓名", "身份证号") or c in tpl.INCOME_COLUMNS or c in tpl.EXPENSE_COLUMNS}
    return ss.MergedDown(book, sheet, header_row + 1, keep_out)


def _person_rows(book: ss.Workbook, layout: Any) -> Iterator[tuple[int, list[Any]]]:
    """The rows under the header that list a person: not blank (or only a pre-filled 户编号), not
    the notes on filling the columns or their numbers right under the header, not the header again
    (sheets pasted together), not a total line, not a signature or note line (the footer). Under
    the footer only rows with an ID number are persons (households added below the signatures);
    "以下空白" ends the list. Cells merged down over a household's rows are read on each of them
    (see :func:`_merged_down`)."""
    merged = _merged_down(book, layout.sheet, layout.header_row, layout.columns)
    id_column, name_column = layout.columns["身份证号"], layout.columns["姓名"]
    after_footer = False
    for number, values in book.rows(layout.sheet):
        if number <= layout.header_row:
            continue
        merged.see(number, values)
        id_like = tpl.names_an_id(ss.cell_text(ss.value_at(values, id_column)))
        if after_footer and not id_like:
            continue  # signatures, dates, phone numbers
        if number <= layout.header_row + ss.EXAMPLE_ROWS and tpl.is_guidance_row(values, layout.columns,
                                                                                 number - layout.header_row):
            continue  # notes on filling the columns, or "示例 | 本人 | 张三 | …": how to fill the template
        if tpl.is_blank_person(values, layout.columns) or tpl.is_header_row(values, layout.columns):
            continue
        if tpl.is_total_row(values, layout.columns):
            continue
        # a person's row (a name in its column) is a footer only by its first text: a remark "经办人:…" is no footer
        if not id_like and ss.is_footer(values, first_only=bool(ss.cell_text(ss.value_at(values, name_column)))):
            first = next((t for t in (ss.cell_text(v) for v in values) if t), "")
            if re.sub(r"\s+", "", first).startswith(ss.END_MARKERS):
                return  # "以下空白": the list says itself that nothing follows
            after_footer = True
            continue
        yield number, merged.fill(number, values)


def hidden_rows_note(result: RegisterImportResult) -> str:
    """Said when person rows are hidden in the sheet (by hand, or by a filter): read as every other
    row, though whoever opens the file does not see them."""
    if not result.hidden_rows:
        return ""
    rows = "、".join(str(n) for n in result.hidden_rows[:10]) + (" 等" if len(result.hidden_rows) > 10 else "")
    what = (f"表格中有 {len(result.hidden_rows)} 行人员是隐藏的(手动隐藏或被筛选掉,第 {rows} 行),打开文件时看不到,"
            "但已照常读取;")
    if result.dry_run or result.batch_id is None:
        return what + "如果这些人不该导入,请在原表格中删除这些行后再导入。"
    return what + "如果这些人不该导入,请核对他们所在的家庭。"


def regions_note(result: RegisterImportResult) -> str:
    """Said when the register brought the sub-districts and communities into a database that had none."""
    if not result.subdistricts_created:
        return ""
    will = "将" if result.dry_run else "已"
    return (f"系统中原先没有街道/社区:{will}按台账户主行所填新建街道/乡镇 {result.subdistricts_created} 个、"
            f"社区/村 {result.communities_created} 个(可在 系统设置 → 区划管理 中核对、改名或补充区划代码)。")


def other_sheets_note(result: RegisterImportResult | RegisterPreview) -> str:
    """Said when the workbook holds further filled registers: one sheet is read at a time, and each
    is imported on its own, as its own batch (as department lists are, sheet by sheet). How to pick
    another sheet is the caller's to add (the command line's --sheet, the window's sheet box)."""
    if not result.other_sheets:
        return ""
    names = "、".join(f"“{n}”" for n in result.other_sheets[:8]) + (" 等" if len(result.other_sheets) > 8 else "")
    return (f"本工作簿另有 {len(result.other_sheets)} 个工作表也填有家庭台账({names}),本次只读取工作表“{result.sheet}”。"
            "每个工作表单独导入,各成一个导入批次;同一户的成员须填在同一个工作表中(导入时未列出的成员会移出该户)。")


@dataclass
class RegisterPreview:
    """What an import of the workbook would read, before it is run: its sheets, the sheet read (the
    one chosen, else the one found) and where its header is, or why it cannot be read."""
    file_name: str
    sheet_names: list[str]
    sheet: str  # the sheet read: chosen, or found holding the register ("" when none could be)
    detected: str = ""  # the sheet the import reads when none is chosen ("" when none holds the header)
    header_row: int = 0
    rows_estimate: int = 0  # rows under the header (blank and spare rows included)
    other_sheets: list[str] = field(default_factory=list)  # further sheets holding a filled register
    problem: str = ""  # why the sheet cannot be imported (no template header …), in Chinese


def preview_register(path: str | Path, sheet: str | None = None) -> RegisterPreview:
    """The sheets of the workbook at ``path`` and the sheet an import reads (``sheet``, else the one
    found as the import finds it). A sheet without the template header is not an error here: its
    ``problem`` says so, naming the sheet, and another may be chosen. Reads only the top of each sheet."""
    try:
        book = ss.open_workbook(path)
    except ss.SpreadsheetError as exc:
        raise ServiceError(exc.message, code=INVALID_FILE) from exc
    try:
        names = list(book.sheet_names)
        preview = RegisterPreview(book.name, names, sheet or "")
        try:
            found = tpl.find_register_header(book)
        except ss.SpreadsheetError as exc:
            found, problem = None, exc.message
        else:
            preview.detected, problem = found.sheet, ""
        layout = found
        if sheet is not None and (found is None or sheet != found.sheet):
            try:
                layout, problem = tpl.find_register_header(book, sheet), ""
            except ss.SpreadsheetError as exc:
                layout, problem = None, exc.message
        if found is not None:  # the other filled sheets, whichever is read
            filled = [found.sheet] if found.filled else []
            preview.other_sheets = [n for n in (*filled, *found.other_sheets) if n != (sheet or found.sheet)]
        if layout is None:
            preview.sheet = sheet or (names[0] if names else "")
            preview.problem = problem
            return preview
        preview.sheet, preview.header_row = layout.sheet, layout.header_row
        preview.rows_estimate = max(book.height(layout.sheet) - layout.header_row, 0)
        if preview.rows_estimate == 0:
            preview.problem = no_rows_message(book, layout.sheet)
        return preview
    except ss.SpreadsheetError as exc:
        raise ServiceError(exc.message, code=INVALID_FILE) from exc
    finally:
        book.close()


def no_rows_message(book: ss.Workbook, sheet: str) -> str:
    where = f"的工作表“{sheet}”" if len(book.sheet_names) > 1 else ""
    return f"文件“{book.name}”{where}的表头下面没有任何人员行。"


def import_households(db: Database, actor: Actor, path: str | Path, *, dry_run: bool = False,
                      progress: Progress | None = None, sheet: str | None = None) -> RegisterImportResult:
    require_writer(actor, "导入家庭台账")
    path = Path(path)
    file_hash = file_sha256(path)
    try:
        book = ss.open_workbook(path)
    except ss.SpreadsheetError as exc:
        raise ServiceError(exc.message, code=INVALID_FILE) from exc
    try:
        try:
            layout = tpl.find_register_header(book, sheet)
        except ss.SpreadsheetError as exc:
            raise ServiceError(exc.message, code=INVALID_FILE) from exc
        result = RegisterImportResult(None, book.name, dry_run=dry_run, sheet=layout.sheet,
                                      header_row=layout.header_row, header_height=layout.header_height,
                                      id_column=layout.columns.get("身份证号"), columns=dict(layout.columns),
                                      other_sheets=list(layout.other_sheets), unread_columns=list(layout.unread),
                                      file_hash=file_hash)
        households: dict[str, _Household] = {}
        first_row_of: dict[str, int] = {}
        row_key: dict[int, str] = {}  # row of a person's first listing -> its household
        order: list[str] = []
        above: str | None = None  # the household of the person row above
        codeless: tuple[str, int, int] | None = None  # rows without 户编号 just above: their household, first, last
        hold_back: list[tuple[str, int, int, int]] = []  # (household, its row, the rows without 户编号 above it)
        from_15: set[int] = set()  # rows whose ID number was written with 15 digits
        first_values: dict[int, Sequence[Any]] = {}  # row of a person's first listing -> its values as read
        template_cells = list(layout.columns.values())

        def cells(values: Sequence[Any]) -> list[Any]:  # a row's template cells: compared for a row copied twice
            return [ss.value_at(values, i) for i in template_cells]
        too_many = f"文件“{book.name}”超过 {ss.MAX_ROWS:,} 行,请拆分后导入。"
        try:
            # A sheet taller than the limit is counted first, so that an oversized file is refused
            # in seconds rather than after every row has been checked.
            if book.height(layout.sheet) - layout.header_row > ss.MAX_ROWS and \
                    sum(1 for _ in _person_rows(book, layout)) > ss.MAX_ROWS:
                raise ServiceError(too_many, code=INVALID_FILE)
            unsaved = book.formulas_without_result(layout.sheet)
            hidden = ss.hidden_rows(book.path, layout.sheet, book.format)
            content = ContentHash((), layout.columns)
            for number, values in _person_rows(book, layout):
                content.add(values)
                result.rows += 1
                if hidden and number in hidden:
                    result.hidden_rows.append(number)
                if result.rows > ss.MAX_ROWS:
                    raise ServiceError(too_many, code=INVALID_FILE)
                person, errors = tpl.parse_row(number, values, layout.columns)
                if unsaved:
                    person, errors = _unsaved_formulas(number, layout.columns, unsaved, person, errors)
                if book.format == "csv" and (shifted := tpl.fields_past_header(number, values, layout)) is not None:
                    person, errors = None, [shifted, *errors]
                code = tpl.household_code(ss.value_at(values, layout.columns["户编号"]))
                key = code or f"#row{number}"
                codeless_member = not code and _member_row(values, layout.columns)
                if codeless_member and above is not None:
                    # a member's row without 户编号 (written on the head's row only) may belong to the
                    # household above: that one is not imported without it, nor is the row a household
                    key = above
                    if households[key].code:
                        errors = [CellError(number, e.column, f"户编号为空;上一行是户编号“{households[key].code}”的家庭,"
                                                              "同户的每一行都要填写户编号")
                                  if e.column == "户编号" else e for e in errors]
                if codeless_member:
                    codeless = (key, codeless[1] if codeless and codeless[0] == key else number, number)
                elif code:
                    if codeless and codeless[0] != key:
                        # members may be listed before their head: the rows without 户编号 just above
                        # may be this household's, which is not imported without them either
                        hold_back.append((key, number, codeless[1], codeless[2]))
                    codeless = None
                above = key
                hh = households.get(key)
                if hh is None:
                    hh = households[key] = _Household(code)
                    order.append(key)
                if person is not None and person.id_number:
                    first = first_row_of.get(person.id_number)
                    if first is not None:
                        # "15 位旧号码": the two rows differ as written, the number they stand for is one
                        old = "(15 位旧号码升为 18 位后相同)" if person.converted_from_15 or first in from_15 else ""
                        other = households[row_key[first]]
                        if other is hh and cells(first_values[first]) == cells(values):
                            # a row copied twice, or a new member's row (a baby's) copied from another and
                            # not yet filled in: which it is, the register has to say
                            errors.append(CellError(number, "身份证号", f"与第 {first} 行完全相同,同一人填了两行;请删除其中"
                                                                       "一行(如是照该行新添的成员,请改填此人的信息)后再导入"))
                        elif other is hh:
                            errors.append(CellError(number, "身份证号", f"与第 {first} 行的身份证号重复{old}"))
                        else:  # which household the person belongs to is not known: neither
                            errors.append(CellError(number, "身份证号", f"与第 {first} 行({_code_said(other.code)})的身份证号"
                                                                       f"重复{old},一人只能属于一户"))
                            other.errors.append(CellError(first, "身份证号", f"此人又列在第 {number} 行({_code_said(code)})"
                                                                         f"{old},一人只能属于一户"))
                        person = None
                    else:
                        first_row_of[person.id_number] = number
                        row_key[number] = key
                        first_values[number] = values
                        if person.converted_from_15:
                            from_15.add(number)
                hh.errors.extend(errors)
                hh.row_numbers.append(number)
                if person is None:
                    hh.bad_rows += 1
                    # (not a row whose cells are out of place: "" is the whole row)
                    if not any(e.column in ("", "与户主关系", "街道", "社区") for e in errors) and (
                            place := tpl.head_place(values, layout.columns)):
                        hh.refused_head_places.append(place)
                else:
                    hh.rows.append(person)
                if progress is not None and result.rows % 500 == 0:
                    progress.report(result.rows, 0, f"已读取 {result.rows} 行")
        except ss.SpreadsheetError as exc:
            raise ServiceError(exc.message, code=INVALID_FILE) from exc
        if result.rows == 0:
            raise ServiceError(no_rows_message(book, layout.sheet), code=INVALID_FILE)
        for key, number, first, last in hold_back:
            rows = f"第 {first} 行" if first == last else f"第 {first}–{last} 行"
            households[key].errors.append(CellError(number, "户编号", f"上方{rows}没有填写户编号,可能是本户的成员(写在户主之前);"
                                                                     "不能确定属于哪一户,本户也未导入。同户的每一行都要填写户编号"))
        result.content_hash = content.hexdigest()
        result.households = len(households)
        _check_leading_zeros(households, order)

        with unit_of_work(db, actor, write=not dry_run) as uow:
            s = uow.session
            if not dry_run:
                # One register at a time: the same file imported on two workstations at once is then
                # refused as imported (naming by whom), not half-checked against the other's households.
                uow.take_turns(REGISTER_LOCK)
            earlier = previous_batch(s, KIND, file_hash, batch_sheet(book, layout.sheet))
            # else the same register in another file (saved again by Excel, exported as .xls or CSV)
            found = earlier or same_content_batch(s, KIND, result.content_hash)
            if found is not None:
                message = already_imported_message(found, book.name, REMEDY, same_content=earlier is None,
                                                   sheet=layout.sheet if len(book.sheet_names) > 1 else "")
                if not dry_run:
                    raise ServiceError(message, code=ALREADY_IMPORTED)
                result.already_imported = message
            # The places the head rows name, of a household refused for another row or cell too: its
            # rows corrected from the error list then import (only the first register makes regions).
            # Not those of a household with two heads (which place is its?) or a place in error.
            heads = [[*((p.subdistrict, p.community) for p in hh.rows if p.is_head), *hh.refused_head_places]
                     for hh in (households[k] for k in order)
                     if not any(e.column in ("街道", "社区") for e in hh.errors)]
            result.subdistricts_created, result.communities_created = regions.add_first_regions(
                uow, [h[0] for h in heads if len(h) == 1 and all(h[0])])
            _check_households(uow, households, order)
            existing = _existing(s, households)
            kept_blanks = _keep_unsaid(s, households, existing)
            _check_existing_scope(uow, households, existing)
            _check_same_family(s, households, existing)
            _check_held(s, households, existing)
            _check_members(s, households, existing)
            good = [households[k] for k in order if not households[k].errors]
            result.to_check = _to_check(good, date.today(), dry_run)
            # the households imported: one refused by a later check keeps nothing
            result.blanks_kept = sum(hh.code in kept_blanks for hh in good)
            for k in order:
                hh = households[k]
                if hh.errors:
                    result.households_rejected += 1
                    result.errors.extend(hh.errors)
                    own: dict[int, list[str]] = {}
                    for e in hh.errors:
                        own.setdefault(e.row, []).append(f"{e.column}:{e.message}" if e.column else e.message)
                    for number in hh.row_numbers:
                        result.rejected_rows[number] = ";".join(own.get(number, [])) or (
                            f"同户(户编号“{hh.code}”)其他行有错误,整户未导入")
            result.errors.sort(key=lambda e: (e.row, e.column))
            current = _current_members(s, [existing[hh.code][0] for hh in good if hh.code in existing])
            listed = {p.id_number for hh in good for p in hh.rows}
            gone = sorted((m for number, m in current.items() if number not in listed), key=lambda m: (m[3], m[0]))
            result.members_removed = len(gone)
            result.removed_members = [(m[3], m[2]) for m in gone]
            latest_incomes = _latest_lines(s, Income, [existing[hh.code][0] for hh in good if hh.code in existing])
            kept = _lines_to_keep(latest_incomes, {m[0] for m in gone})
            result.income_lines_kept = len(kept)
            if dry_run:
                for hh in good:
                    if hh.code in existing:
                        result.households_updated += 1
                    else:
                        result.households_created += 1
                    result.persons += len(hh.rows)
                if progress is not None:
                    progress.check()  # a small register is read without a report: a cancel is honoured here
                return result
            if not good:
                # nothing imported: no batch, so the same file can be imported once it is corrected
                # or the regions it names exist; nor the regions it would have brought
                uow.session.rollback()
                uow.topics.clear()
                result.subdistricts_created = result.communities_created = 0
                return result
            _write(uow, actor, good, existing, current, [m[0] for m in gone], kept, latest_incomes, result, progress)
            batch = ImportBatch(kind=KIND, department=None, file_name=book.name[:256], file_hash=file_hash,
                                content_hash=result.content_hash, sheet=batch_sheet(book, layout.sheet), header_row=layout.header_row,
                                mapping={"columns": layout.columns}, counts=result.counts(),
                                imported_by=_who(actor), created_by_id=actor.user_id)
            s.add(batch)
            uow.flush()
            result.batch_id = batch.id
            uow.audit("import.households", "import_batches", batch.id, after={"file": book.name, **result.counts()},
                      detail=f"导入家庭台账《{book.name}》")
            uow.notify("households")
            uow.notify("board")
            uow.notify("import_batches", batch.id)
            if progress is not None:
                progress.commit()  # the last moment a cancel can still roll everything back; refused later
        return result
    finally:
        book.close()


def _code_said(code: str) -> str:
    return f"户编号“{code}”" if code else "户编号为空"


def _member_row(values: Sequence[Any], columns: dict[str, int]) -> bool:
    """A row naming a person (a name or an ID number) who is not a head (与户主关系 is not 本人)."""
    def text(column: str) -> str:
        return ss.cell_text(ss.value_at(values, columns[column]))

    return bool(text("姓名") or text("身份证号")) and \
        tpl.canonical("与户主关系", text("与户主关系")) != codes.RELATION_LABELS[codes.Relation.SELF]


UNSAVED_FORMULA = "此格是公式,但文件中没有保存计算结果(文件可能是由其他程序生成的);请用 Excel 或 WPS 打开、保存后再导入"


def _unsaved_formulas(number: int, columns: dict[str, int], unsaved: Container[tuple[int, int]], person: PersonRow | None,
                      errors: list[CellError]) -> tuple[PersonRow | None, list[CellError]]:
    """A formula whose result was never saved reads as an empty cell: not an empty amount (0 yuan)
    or a missing ID, but a value the file does not hold. Each such cell is an error of its own."""
    cells = [column for column, i in columns.items() if (number, i) in unsaved]
    if not cells:
        return person, errors
    errors = [e for e in errors if e.column not in cells] + [CellError(number, c, UNSAVED_FORMULA) for c in cells]
    return None, errors


def _code_key(code: str) -> tuple[bool, str]:
    """What two 户编号 that may be one household have alike: (all digits, the digits without leading
    zeros), or (False, the code in upper case)."""
    digits = code.isdigit() and code.isascii()
    return digits, (code.lstrip("0") or "0") if digits else code.upper()


def _check_leading_zeros(households: dict[str, _Household], order: list[str]) -> None:
    """Codes that differ only in leading zeros ("001" and 1: Excel drops the zeros of a code typed
    into a number cell) or in letter case ("h01" and "H01"): most likely one household split in
    two. Both are refused."""
    similar: dict[tuple[bool, str], list[_Household]] = {}
    for key in order:
        hh = households[key]
        if hh.code:
            similar.setdefault(_code_key(hh.code), []).append(hh)
    for (digits, _key), group in similar.items():
        if len(group) < 2:
            continue
        headed = [o for o in group if any(p.is_head for p in o.rows)]
        for hh in group:
            hh.head_under_similar_code = hh not in headed and bool(headed)
            others = "、".join(f"“{o.code}”(第 {o.row_numbers[0]} 行起)" for o in group if o is not hh)
            why = ("只差开头的 0,可能是同一户被 Excel 去掉了开头的 0;请把户编号列设为文本格式," if digits
                   else "只差字母大小写,可能是同一户;请")
            hh.errors.append(CellError(hh.row_numbers[0], "户编号", f"户编号“{hh.code}”与{others}{why}统一填写后再导入"))


# A new database holds only the district: the regions come before the households.
NO_REGIONS_YET = ("系统中还没有任何街道/乡镇:请先添加区划(系统设置 → 区划管理,或命令 relief-desk region add、"
                  "relief-desk region import),再导入台账")


# A place the regions do not have yet: only the first register makes regions (regions.add_first_regions).
NEW_PLACE = ";请核对名称,新设的请先添加(系统设置 → 区划管理,或命令 relief-desk region add)"


def _check_households(uow: Any, households: dict[str, _Household], order: list[str]) -> None:
    """One head per household, the head's household fields, a known region within the actor's scope."""
    s = uow.session
    area_types = {rid: area for rid, area in s.execute(select(Region.id, Region.area_type))}
    names = RegionResolver(s)  # 八泉 or 八泉街道办事处, 飞云社区居委会: written as people write them
    scope = uow.region_ids()
    scope_set = set(scope) if scope is not None else None
    for key in order:
        hh = households[key]
        if not hh.code:
            continue  # the row already carries "户编号为空"
        heads = [p for p in hh.rows if p.is_head]
        if not heads:
            if not hh.bad_rows and not hh.head_under_similar_code:
                first = hh.rows[0].row if hh.rows else 0
                hh.errors.append(CellError(first, "与户主关系", f"户编号“{hh.code}”的家庭没有户主(与户主关系为“本人”的行)"))
            continue
        if len(heads) > 1:
            for extra in heads[1:]:
                hh.errors.append(CellError(extra.row, "与户主关系",
                                           f"户编号“{hh.code}”已有户主(第 {heads[0].row} 行),一户只能有一个“本人”"
                                           + _elsewhere(heads[0], extra, hh.code)))
            continue
        head = hh.head = heads[0]
        spouses = [p for p in hh.rows if p.relation == codes.Relation.SPOUSE]
        for extra in spouses[1:]:  # one spouse: a second is a relation mistyped (a daughter-in-law as 妻)
            hh.errors.append(CellError(extra.row, "与户主关系", f"户编号“{hh.code}”已有配偶(第 {spouses[0].row} 行),"
                                                            "一户只能有一个“配偶”;请核对与户主关系(如儿媳填“子女”)"))
        if not head.subdistrict:
            hh.errors.append(CellError(head.row, "街道", "户主行的街道为空"))
            continue
        if not head.community:
            hh.errors.append(CellError(head.row, "社区", "户主行的社区为空"))
            continue
        sub_id = names.subdistrict(head.subdistrict)
        if sub_id is None:
            hh.errors.append(CellError(head.row, "街道", f"系统中没有名为“{head.subdistrict}”的街道/乡镇{NEW_PLACE}"
                                       if names.subs else NO_REGIONS_YET))
            continue
        community_id = names.community(head.community, sub_id)
        if community_id is None or names.parent.get(community_id) != sub_id:
            elsewhere = names.names.get(names.parent.get(community_id)) if community_id is not None else None
            hh.errors.append(CellError(head.row, "社区", f"“{head.subdistrict}”下没有名为“{head.community}”的社区/村"
                                       + (f";系统中的“{names.names[community_id]}”属于“{elsewhere}”,请核对街道和社区"
                                          if elsewhere else NEW_PLACE)))
            continue
        if scope_set is not None and community_id not in scope_set:
            hh.errors.append(CellError(head.row, "社区", f"“{head.community}”不在您的管辖范围内"))
            continue
        hh.region_id = community_id
        # 城乡类别 left blank: the area the head's category names (农村低保), else the community's
        hh.area_type = head.area_type or head.category_area or area_types.get(community_id) or codes.AreaType.URBAN
        for p in hh.rows:
            if p is not head:
                _check_member_household_values(hh, head, p, names, sub_id, community_id)
        _check_category_areas(hh, head)


def _check_category_areas(hh: _Household, head: PersonRow) -> None:
    """A category written with its area (农村低保) is kept as the category alone (低保): an area
    other than the household's is a contradiction the import would drop without a word."""
    if head.area_type:
        whence = f"户主行第 {head.row} 行所填"
    elif head.category_area:
        whence = f"由户主行第 {head.row} 行的“{head.category_text}”得出"
    else:
        whence = "户主行未填,取所在社区的城乡类别"
    area = codes.AREA_LABELS[codes.AreaType(hh.area_type)]
    for p in hh.rows:
        if p.category_area and p.category_area != hh.area_type:
            said = codes.AREA_LABELS[codes.AreaType(p.category_area)]
            hh.errors.append(CellError(p.row, "当前救助类别", f"“{p.category_text}”是{said}的救助类别,本户的城乡类别是“{area}”"
                                                            f"({whence});请核对城乡类别或当前救助类别后再导入"))


def _to_check(good: list[_Household], today: date, dry_run: bool) -> list[CellError]:
    """What the households imported say that does not hang together, imported as written (each has
    cases that are right) and said, so that someone looks at it: 单亲家庭 with the head's spouse
    listed (单亲家庭 lowers the income the means test counts; a register adding a remarried head's
    spouse may leave 单亲家庭 blank, keeping 是; some places count a family whose other parent is in
    prison or missing as 单亲), a member's 城乡类别 other than the household's (a member may hold the other
    kind of 户口; the head's row decides which standard applies), 特困 with a member of working age (16–59) able to work (RULES.md: 特困
    is for persons without labour capacity and without a supporter able to support them)."""
    found: list[CellError] = []
    imported = "将按所填导入" if dry_run else "已按所填导入"
    for hh in good:
        head = hh.head
        assert head is not None
        spouse = next((p for p in hh.rows if p.relation == codes.Relation.SPOUSE), None)
        if head.single_parent and spouse is not None:
            said = "此格未填,系统中本户是单亲家庭" if "单亲家庭" in head.blank else "填的是“是”"
            found.append(CellError(head.row, "单亲家庭", f"{said},但第 {spouse.row} 行是户主的配偶{spouse.name};"
                                                       f"{imported},请核对单亲家庭或与户主关系"))
        for p in hh.rows:  # a member's own (a mixed household's 农业户口 member): the household's is the head's
            if p is not head and p.area_type and p.area_type != hh.area_type:
                found.append(CellError(p.row, "城乡类别", _area_note(p.area_type, hh, dry_run)))
        if head.category == codes.Category.TEKUN:
            for p in hh.rows:
                age = idcard.age_on(p.id_number, today)
                if p.labour_capacity == codes.LabourCapacity.FULL and 16 <= age < 60:
                    said = "未填(按“有”计)" if "劳动能力" in p.blank else "是“有”"
                    found.append(CellError(p.row, "劳动能力", f"本户当前救助类别是特困,{p.name}({age} 岁)的劳动能力{said};"
                                                            f"特困人员应无劳动能力、无有赡养能力的法定义务人,{imported},请核对"))
    return found


def _area_note(said: str, hh: _Household, dry_run: bool) -> str:
    head = hh.head
    assert head is not None
    area = codes.AREA_LABELS[codes.AreaType(hh.area_type)]
    whence = f"户主行(第 {head.row} 行)的“{area}”" if head.area_type else f"“{area}”(户主行第 {head.row} 行未填)"
    return (f"填的是“{codes.AREA_LABELS[codes.AreaType(said)]}”;本户{'将' if dry_run else '已'}按{whence}导入。"
            "城乡类别是户的信息,决定适用城市还是农村的低保标准,请核对")


def _elsewhere(head: PersonRow, other: PersonRow, code: str) -> str:
    """Two heads under one 户编号 living in different places: most likely two registers (two
    communities') that each numbered their households from the same code, pasted into one."""
    where = [(a, b) for a, b in ((head.subdistrict, other.subdistrict), (head.community, other.community))
             if a and b and a != b]
    if not where:
        return ""
    said = "、".join(f"“{a}”与“{b}”" for a, b in where)
    return f";两行的街道或社区不同({said}),可能是两本台账各自使用了户编号“{code}”,请给其中一户改用另一个户编号"


_STATED_LABELS: dict[str, Any] = {"当前救助类别": codes.CATEGORY_LABELS, "监测库别": codes.LIBRARY_LABELS,
                                  "单亲家庭": {True: "是", False: "否"}}


def _check_member_household_values(hh: _Household, head: PersonRow, person: PersonRow, names: RegionResolver,
                                   sub_id: int, community_id: int) -> None:
    """The household's values are the head's: a member's row stating others (低保 on the member
    enrolled and 无 on the head, another 社区) would be dropped without a word. Each is an error."""
    def differs(column: str, said: str, head_said: str) -> None:
        hh.errors.append(CellError(person.row, column, f"填的是“{said}”,与户主行(第 {head.row} 行)的“{head_said or '空'}”不同;"
                                                       "户的信息以户主行为准,成员行请填相同的值或留空"))

    def head_blank(column: str, said: str, read_as: str) -> None:
        hh.errors.append(CellError(person.row, column, f"填的是“{said}”,户主行(第 {head.row} 行)此格未填(按“{read_as}”计);"
                                                       "户的信息以户主行为准,请把它填在户主行,成员行填相同的值或留空"))

    own = {"当前救助类别": head.category, "监测库别": head.library, "单亲家庭": head.single_parent}
    for column, value in person.stated.items():
        if value != own[column]:
            labels = _STATED_LABELS[column]
            (differs if column in head.stated else head_blank)(column, labels.get(value, str(value)),
                                                               labels.get(own[column], str(own[column])))
    if tpl.stated(person.subdistrict) and names.subdistrict(person.subdistrict) != sub_id:
        differs("街道", person.subdistrict, head.subdistrict)
    if tpl.stated(person.community) and names.community(person.community, sub_id) != community_id:
        differs("社区", person.community, head.community)


# The household's columns a register writes (besides its stage), and a member's: compared with what
# the system holds, so that a household or person the register leaves as it was is not written again.
HOUSEHOLD_WRITTEN = ("region_id", "address", "phone", "area_type", "single_parent", "head_name", "head_id_number",
                     "head_id_reversed", "member_count", "category", "note")
MEMBER_WRITTEN = ("household_id", "name", "relation", "sex", "birth_date", "phone", "health", "disability",
                  "disability_grade", "labour_capacity", "schooling", "note")


def _existing(s: Any, households: dict[str, _Household]) -> dict[str, tuple]:
    """户编号 -> (household id, stage, category, last visited on, next visit due, stage since, the
    row of its HOUSEHOLD_WRITTEN columns) for households already in the database."""
    found: dict[str, tuple] = {}
    h: Any = Household.__table__
    codes_ = [hh.code for hh in households.values() if hh.code and not hh.errors]
    for part in _chunks(codes_, KEYS_CHUNK):
        keys = _keys(s, part)
        for r in s.execute(select(h.c.id, h.c.code, h.c.stage, h.c.last_visited_on, h.c.next_visit_due,
                                  h.c.stage_since, *(h.c[c] for c in HOUSEHOLD_WRITTEN))
                           .join_from(keys, h, h.c.code == keys.c.value)):
            found[r.code] = (r.id, r.stage, r.category, r.last_visited_on, r.next_visit_due, r.stage_since, r)
    return found


# What a blank cell keeps (tpl.KEPT_WHEN_BLANK): the column, the record's attribute, the row's.
_HOUSEHOLD_KEPT = (("住址", "address", "address"), ("联系电话", "phone", "phone"),
                   ("单亲家庭", "single_parent", "single_parent"), ("备注", "note", "note"))
_MEMBER_KEPT = (("联系电话", "phone", "phone"), ("健康状况", "health", "health"), ("劳动能力", "labour_capacity", "labour_capacity"),
                ("在校情况", "schooling", "schooling"), ("备注", "note", "note"))


def _keep_unsaid(s: Any, households: dict[str, _Household], existing: dict[str, tuple]) -> set[str]:
    """A household already in the system keeps what the system holds where its rows leave a cell of
    tpl.KEPT_WHEN_BLANK blank (or a dash), a person already in it likewise: a register filled in for
    its incomes, or sent back with columns left empty, would otherwise read the blanks as 无, 健康, 有
    and take households out of assistance and out of their library, a 特困 candidate's 劳动能力 无
    away, addresses and phones, without a word. 无 written in the cell clears it. A library stated
    takes the household out of assistance, and a category of assistance stated out of its library,
    as when both are written; 残疾类别 and 残疾等级 are kept together, when both are blank (the grade
    alone when the kind written is the one held). A person's own values are theirs wherever the system
    has them (one moving here from another household of the file, or leaving it to head a new one,
    分户, keeps their 健康状况 …, not that household's); the head's row's 联系电话 and 备注 are the
    household's: the head keeps their own remark as a member, the row's 备注 written or not, and their
    own mobile when the row's 联系电话 is blank (a spouse made head keeps theirs). The 户编号 of the
    households that kept something differing from what the blanks would have made it."""
    good = [hh for hh in households.values() if not hh.errors and hh.head is not None]
    if not good:
        return set()
    m: Any = Member.__table__
    people: dict[str, Any] = {}
    for part in _chunks([p.id_number for hh in good for p in hh.rows], KEYS_CHUNK):
        keys = _keys(s, part)
        people.update((r.id_number, r) for r in s.execute(
            select(m.c.id_number, m.c.disability, m.c.disability_grade, *(m.c[a] for _c, a, _p in _MEMBER_KEPT))
            .join_from(keys, m, m.c.id_number == keys.c.value)))
    kept: set[str] = set()
    for hh in good:
        head = hh.head
        assert head is not None
        changed = False

        def keep(row: PersonRow, value: Any, attribute: str) -> None:
            nonlocal changed
            if value is not None and getattr(row, attribute) != value:
                setattr(row, attribute, value)
                changed = True

        if hh.code in existing:
            stage, category = existing[hh.code][1:3]  # read by _existing
            record = existing[hh.code][6]
            if "当前救助类别" in head.blank and not (
                    "监测库别" not in head.blank and head.library and category in codes.IN_ASSISTANCE):
                keep(head, category, "category")
            if "监测库别" in head.blank and stage in LIBRARIES and not (
                    "当前救助类别" not in head.blank and head.category in codes.IN_ASSISTANCE):
                keep(head, stage, "library")
            for column, attribute, own in _HOUSEHOLD_KEPT:
                if column in head.blank:
                    keep(head, getattr(record, attribute), own)
            if "城乡类别" in head.blank and not head.category_area and record.area_type != hh.area_type:
                hh.area_type, changed = record.area_type, True
        for person in hh.rows:
            was = people.get(person.id_number)
            if was is None:
                continue
            if person.is_head:
                # the row's 备注 is the household's, written or not: the head's own remark is theirs
                hh.head_own["note"] = was.note
            for column, attribute, own in _MEMBER_KEPT:
                if column not in person.blank or (person.is_head and column == "备注"):
                    continue
                if person.is_head and column == "联系电话":
                    # the row's is the household's (kept above); the head's own is kept as a member's
                    hh.head_own[own] = value = getattr(was, attribute)
                    changed = changed or value != head.phone
                else:
                    keep(person, getattr(was, attribute), own)
            if {"残疾类别", "残疾等级"} <= person.blank:
                keep(person, was.disability, "disability")
                keep(person, was.disability_grade, "disability_grade")
            elif "残疾等级" in person.blank and person.disability == was.disability:
                keep(person, was.disability_grade, "disability_grade")  # 肢体 written again, its 二级 not
        if changed:
            kept.add(hh.code)
    return kept


def _check_existing_scope(uow: Any, households: dict[str, _Household], existing: dict[str, tuple]) -> None:
    """A household already registered outside the actor's regions cannot be updated (nor moved
    into them) from a register."""
    scope = uow.region_ids()
    if scope is None or not existing:
        return
    allowed = set(scope)
    by_code = {hh.code: hh for hh in households.values() if hh.code in existing and not hh.errors}
    ids = {existing[code][0]: code for code in by_code}
    for part in _chunks(list(ids)):
        for hid, name in uow.session.execute(select(Household.id, Region.name)
                                             .join(Region, Region.id == Household.region_id)
                                             .where(Household.id.in_(part), Household.region_id.not_in(allowed))):
            hh = by_code[ids[hid]]
            row = hh.head.row if hh.head is not None else hh.row_numbers[0]
            hh.errors.append(CellError(row, "户编号", f"户编号“{hh.code}”的家庭已登记在“{name}”,不在您的管辖范围内,"
                                                      "不能由您更新"))


def _check_same_family(s: Any, households: dict[str, _Household], existing: dict[str, tuple]) -> None:
    """A household of the file under the 户编号 of a household in the system that lists none of that
    household's members is another family: another office's register numbered its households from the
    same codes (each community from H0001), or the codes were renumbered. Updating would remove the
    family in the system and put this one in its place; refused on the head's row, naming that family.
    (A register changing the head, adding or removing members keeps someone of the family.)"""
    by_id = {existing[hh.code][0]: hh for hh in households.values() if hh.code in existing and not hh.errors}
    numbers = {hid: {p.id_number for p in hh.rows} for hid, hh in by_id.items()}
    listing: dict[int, bool] = {}  # household id -> the file lists one of its members
    for part in _chunks(list(by_id)):
        for hid, number in s.execute(select(Member.household_id, Member.id_number).where(Member.household_id.in_(part))):
            listing[hid] = listing.get(hid, False) or number in numbers[hid]
    strangers = [hid for hid, listed in listing.items() if not listed]
    for part in _chunks(strangers):
        for hid, head_name, region in s.execute(select(Household.id, Household.head_name, Region.name)
                                                .join(Region, Region.id == Household.region_id)
                                                .where(Household.id.in_(part))):
            hh = by_id[hid]
            row = hh.head.row if hh.head is not None else hh.row_numbers[0]
            hh.errors.append(CellError(row, "户编号", f"户编号“{hh.code}”在系统中是户主为“{head_name}”的家庭({region}),"
                                                      "本户所列人员都不是该户成员,可能是另一本台账也使用了这个户编号;"
                                                      "请给本户改用系统中没有的户编号后再导入(如确是该户且成员已全部变更,"
                                                      "请先在家庭档案中调整)"))


def _check_held(s: Any, households: dict[str, _Household], existing: dict[str, tuple]) -> None:
    """A household the system's own procedure holds keeps its place (the board's rules leave_assisted
    and applying_exit, as a clue's outcome or an assessment keeps it): under a running monthly
    approval it stays 救助中 in the approval's category until the assistance is stopped in 申请审批;
    in 申请中 with an application being handled it stays there until the application ends. A register
    saying otherwise (another category, a library, 低保 before the approval) would take the household
    out of the procedure while the approval is paid on or the application is handled: an error on
    the head's row, in the column that says it."""
    by_id = {existing[hh.code][0]: hh for hh in households.values()
             if hh.code in existing and not hh.errors and hh.head is not None}
    if not by_id:
        return
    a: Any = Application.__table__
    running: dict[int, tuple[int, date | None, str]] = {}
    applying: dict[int, tuple[int, date]] = {}
    for part in _chunks(list(by_id)):
        for hid, app_id, status, category, decided, accepted in s.execute(
                select(a.c.household_id, a.c.id, a.c.status, a.c.category, a.c.decided_on, a.c.accepted_on)
                .where(a.c.household_id.in_(part),
                       ((a.c.status == "approved") & a.c.category.not_in(proc.PAID_ONCE)
                        & (a.c.stopped_on.is_(None) | a.c.exit_stage.is_not(None))) | (a.c.status == "open"))
                .order_by(a.c.id)):
            if status == "approved":
                running.setdefault(hid, (app_id, decided, category))
            else:
                applying.setdefault(hid, (app_id, accepted))
    for hid, hh in by_id.items():
        head = hh.head
        assert head is not None
        stage = existing[hh.code][1]
        library = codes.LIBRARY_LABELS.get(codes.Stage(head.library)) if head.library else ""
        said = codes.CATEGORY_LABELS[codes.Category(head.category)]
        if hid in running:
            app_id, decided, category = running[hid]
            hh.under_approval = True
            label = codes.CATEGORY_LABELS[codes.Category(category)]
            held = f"该户在系统中正在救助中({label},申请编号 {app_id}" + (f",{decided:%Y-%m-%d} 批准)" if decided else ")")
            if head.category != category:
                hh.errors.append(CellError(head.row, "当前救助类别", f"{held},台账填的是“{said}”;救助类别随审批改变,"
                                                                   f"请填写“{label}”,或先在申请审批中停止救助后再导入"))
            if library:
                hh.errors.append(CellError(head.row, "监测库别", f"{held},不能由台账调入“{library}”;只有停止救助才能离开"
                                                               "救助中(在申请审批中停止救助时选择去向库别),请把监测库别留空后再导入"))
        elif hid in applying and stage == codes.Stage.APPLYING:
            app_id, accepted = applying[hid]
            held = f"该户在系统中申请中(申请编号 {app_id},{accepted:%Y-%m-%d} 受理,尚未办结)"
            if library:
                hh.errors.append(CellError(head.row, "监测库别", f"{held},不能由台账调入“{library}”;申请办结(批准、不批准"
                                                               "或撤回)后才能调整库别,请把监测库别留空后再导入"))
            if head.category in codes.IN_ASSISTANCE:
                hh.errors.append(CellError(head.row, "当前救助类别", f"{held},台账却填了“{said}”;申请批准后才能进入救助中,"
                                                                   "请填写原来的救助类别后再导入"))


def _check_members(s: Any, households: dict[str, _Household], existing: dict[str, tuple]) -> None:
    """A person already registered in another household cannot be listed here too, unless that
    household is in the file as well (and so no longer lists them): the person moves to the
    household that lists them now (分户). The move needs both households imported: if either is
    not, neither is (the person stays where they were)."""
    by_number = {p.id_number: (hh, p) for hh in households.values() if not hh.errors for p in hh.rows}
    in_file = {hh.code: hh for hh in households.values() if hh.code}
    moves: list[tuple[_Household, PersonRow, _Household]] = []  # (household joined, person, household left)
    numbers = list(by_number)
    for part in _chunks(numbers, KEYS_CHUNK):
        keys = _keys(s, part)
        rows = s.execute(select(Member.id_number, Member.household_id, Household.code, Household.head_name,
                                Member.relation)
                         .join_from(keys, Member, Member.id_number == keys.c.value)
                         .join(Household, Household.id == Member.household_id)).all()
        for number, hid, code, head_name, relation in rows:
            hh, person = by_number[number]
            mine = existing.get(hh.code)
            if mine is not None and mine[0] == hid:
                continue
            left = in_file.get(code) if code else None
            if left is not None and left is not hh:
                moves.append((hh, person, left))
                continue
            if code and hh.code and code != hh.code and _code_key(code) == _code_key(hh.code):
                # the same household, its code written another way: "1" for "00001" (a number cell)
                why = "只差开头的 0,可能是 Excel 去掉了开头的 0;请把户编号列设为文本格式," if _code_key(code)[0] \
                    else "只差字母大小写;请"
                hh.errors.append(CellError(person.row, "户编号", f"此人已登记在户编号“{code}”的家庭中,与本行的户编号“{hh.code}”"
                                                                 f"{why}按系统中的户编号“{code}”填写后再导入"))
                continue
            if code and tpl.household_code(code) == hh.code:
                # kept as "12.0" by an import that read the text as written: the register's 12 now
                hh.errors.append(CellError(person.row, "户编号", f"此人已登记在户编号“{code}”的家庭中,即本行的户编号“{hh.code}”"
                                                                 f"(“.0”已不再保留);请先在家庭档案中把该户的户编号改为“{hh.code}”再导入"))
                continue
            if not code:  # a household entered without a code (one a clue made): the register cannot say it is this one
                hh.errors.append(CellError(person.row, "身份证号",
                                           f"此人已登记在户主为“{head_name}”的家庭中,该户在系统中没有户编号(如由线索建档);"
                                           f"如是同一户,请先在家庭档案中把该户的户编号填为“{hh.code}”再导入,"
                                           "否则请先在系统中调整其家庭关系"))
                continue
            if relation == codes.Relation.SELF and person.relation == codes.Relation.SELF:
                # the head of a household of the system heading this one: the family under a new code
                hh.errors.append(CellError(person.row, "身份证号",
                                           f"此人是系统中户编号“{code}”家庭的户主,本行的户编号却是“{hh.code}”;"
                                           f"如是同一户,请按系统中的户编号“{code}”填写,或先在家庭档案中把该户的户编号"
                                           f"改为“{hh.code}”后再导入"))
                continue
            hh.errors.append(CellError(person.row, "身份证号",
                                       f"此人已登记在户编号“{code}”的家庭中;请先在系统中调整其家庭关系"))
    # The persons of households refused already who would move out of a household of the file: if
    # that one were imported without them, they would be removed from it and added to none.
    refused = {p.id_number: (hh, p) for hh in households.values() if hh.errors for p in hh.rows}
    for part in _chunks(list(refused), KEYS_CHUNK):
        keys = _keys(s, part)
        for number, code in s.execute(select(Member.id_number, Household.code)
                                      .join_from(keys, Member, Member.id_number == keys.c.value)
                                      .join(Household, Household.id == Member.household_id)):
            hh, person = refused[number]
            left = in_file.get(code) if code else None
            if left is not None and left is not hh:
                moves.append((hh, person, left))
    changed = True
    while changed:  # a refused household holds back every move into or out of it, and so on down the chain
        changed = False
        for hh, person, left in moves:
            if left.errors and not hh.errors:
                hh.errors.append(CellError(person.row, "身份证号",
                                           f"此人现登记在户编号“{left.code}”的家庭中,该户因错误未导入,"
                                           "此人不能转入本户;请改正该户后再导入"))
                changed = True
            elif hh.errors and not left.errors:
                where = f"户编号“{hh.code}”的家庭" if hh.code else "另一户"
                row = left.head.row if left.head is not None else left.row_numbers[0]
                left.errors.append(CellError(row, "户编号", f"本户成员{person.name}在台账第 {person.row} 行列入了{where},"
                                                            "该户因错误未导入;为免此人不属于任何一户,本户也未导入,"
                                                            "请改正该户后再导入"))
                changed = True


def _stage(hh: _Household, previous: str | None) -> str | None:
    head = hh.head
    assert head is not None
    if head.library:
        return head.library
    if head.category in codes.IN_ASSISTANCE or (hh.under_approval and previous == codes.Stage.ASSISTED):
        return codes.Stage.ASSISTED
    if previous in KEPT_STAGES:
        return previous  # a household under investigation or applying keeps its place on the board
    return None


def _current_members(s: Any, household_ids: list[int]) -> dict[str, tuple[int, int, str, str, Any]]:
    """ID number -> (member id, household id, name, 户编号, the row of its MEMBER_WRITTEN columns) of
    the members the households have now."""
    found: dict[str, tuple[int, int, str, str, Any]] = {}
    m: Any = Member.__table__
    for part in _chunks(household_ids):
        for r in s.execute(select(m.c.id, m.c.id_number, Household.code, *(m.c[c] for c in MEMBER_WRITTEN))
                           .join(Household, Household.id == m.c.household_id).where(m.c.household_id.in_(part))):
            found[r.id_number] = (r.id, r.household_id, r.name, r.code, r)
    return found


def removed_note(result: RegisterImportResult, limit: int = 20) -> str:
    """Who the import removes (or removed) from their household: "赵小(户编号 F001)、…"."""
    names = "、".join(f"{name}(户编号 {code})" for code, name in result.removed_members[:limit])
    more = len(result.removed_members) - limit
    return names + (f" 等 {len(result.removed_members)} 人" if more > 0 else "")


def nothing_importable(result: RegisterImportResult) -> str:
    """Why the import imported (a dry run: would import) no household at all, every one refused for
    errors in its rows; "" when at least one was (or would be) imported. The command line exits
    non-zero with this message, as for other input with errors."""
    if result.imported_households or not result.households_rejected:
        return ""
    n = result.households_rejected
    every = f"的 {n} 户都有错误" if n > 1 else "中仅有的 1 户有错误"
    if result.dry_run:
        return f"家庭台账《{result.file_name}》{every},导入时不会导入任何家庭;请按所列错误改正后再导入。"
    return f"家庭台账《{result.file_name}》{every},没有导入任何家庭,未写入数据库;请按所列错误改正后再次导入此文件。"


def unread_note(result: RegisterImportResult) -> str:
    """The columns the file has besides the template's, not imported ("" when none): said, so that
    what an office wrote there (a second remark, 民族) is not thought kept."""
    if not result.unread_columns:
        return ""
    names = "、".join(f"“{n}”" for n in result.unread_columns[:12]) + (" 等" if len(result.unread_columns) > 12 else "")
    return (f"文件中的 {len(result.unread_columns)} 列不是标准模板的列,未导入:{names};"
            "需要保留的说明请写在“备注”列")


def to_check_note(result: RegisterImportResult) -> str:
    """What the households imported say that does not hang together (see :func:`_to_check`)."""
    will = "将" if result.dry_run else "已"
    return f"{len(result.to_check)} 处内容前后矛盾,{will}按所填导入,请核对:"


def kept_note(result: RegisterImportResult) -> str:
    """What happens to the income lines the template has no column for (see :func:`_lines_to_keep`)."""
    will = "将" if result.dry_run else "已"
    return (f"{will}沿用 {result.income_lines_kept} 条家庭档案中手工录入、台账没有对应列的收入"
            "(不计入收入的项目、城乡居民基本养老金),其余收入和支出以台账为准")


def blanks_kept_note(result: RegisterImportResult) -> str:
    """The updated households whose blank cells kept what the system holds (see :func:`_keep_unsaid`)."""
    will = "将保持" if result.dry_run else "保持了"
    return (f"{result.blanks_kept} 户已在系统中的家庭有未填的单元格(如当前救助类别、监测库别、劳动能力、住址),"
            f"{will}系统中原有的值;未填不等于“无”,要清除请填写“无”")


def _log_removal(uow: Any, member_ids: list[int], note: str) -> None:
    """What removing members takes away stays readable in the audit log, entry for entry as when a
    member is removed in the household editor: the member and each of their income and expense lines."""
    s = uow.session
    for model in (Income, Expense):
        for line in s.scalars(select(model).where(model.member_id.in_(member_ids)).order_by(model.id)):
            uow.audit(f"{model.__tablename__[:-1]}.remove", model.__tablename__, line.id, before=snapshot(line),
                      household_id=line.household_id, detail=note)
    for member in s.scalars(select(Member).where(Member.id.in_(member_ids)).order_by(Member.id)):
        uow.audit("member.remove", "members", member.id, before=snapshot(member), household_id=member.household_id,
                  detail=note)


def _write(uow: Any, actor: Actor, good: list[_Household], existing: dict[str, tuple],
           existing_members: dict[str, tuple[int, int, str, str, Any]], gone: list[int], kept: list[dict],
           latest_incomes: dict[int, list[dict]], result: RegisterImportResult, progress: Progress | None) -> None:
    """Write the households, their members and their figures. What the register leaves as the system
    holds it is not written again: a household, a person, or a household's income and expense lines
    the same as before keep their version (a register re-sent every month with a few changes does
    not take every household's version up, and so does not conflict with someone editing one of
    them in the window, nor restate unchanged figures)."""
    s = uow.session
    today = date.today()
    now = now_utc()
    uid = actor.user_id
    hh_ids: dict[str, int] = {}
    new_rows: list[dict] = []
    upd_rows: list[dict] = []
    existing_region: dict[int, int] = {}  # household id -> its community before this import
    for hh in good:
        head = hh.head
        assert head is not None
        values: dict[str, Any] = {
            "region_id": hh.region_id, "address": head.address, "phone": head.phone, "area_type": hh.area_type,
            "single_parent": head.single_parent, "head_name": head.name, "head_id_number": head.id_number,
            "head_id_reversed": head.id_number[::-1], "member_count": len(hh.rows), "category": head.category,
            "note": head.note,
        }
        previous = existing.get(hh.code)
        if previous is None:
            stage = _stage(hh, None)
            new_rows.append({"code": hh.code, **values, "stage": stage, "stage_since": today if stage else None,
                             "next_visit_due": monitoring_rules.next_visit_due(stage, None, today),
                             "version": 1, "created_at": now, "updated_at": now, "created_by_id": uid,
                             "updated_by_id": uid})
        else:
            hid, old_stage, _old_category, last_visit, old_due, since, record = previous
            stage = _stage(hh, old_stage)
            hh_ids[hh.code] = hid
            due = monitoring_rules.due_after_move(old_stage, stage, last_visit, old_due, since, today)
            existing_region[hid] = record.region_id
            upd_rows.append({"_id": hid, **values, "stage": stage, "_changed": stage != old_stage, "_from": old_stage,
                             "_due": due, "_same": _same(record, values, HOUSEHOLD_WRITTEN)})
    # Core inserts without RETURNING, the ids read back by their unique keys: an ORM insert, or one
    # returning its ids, takes several times as long on PostgreSQL (5,000 households: 5 s and 8 s)
    for part in _chunks(new_rows):
        s.execute(insert(Household.__table__), list(part))
    hh_ids.update(_ids_by(s, Household.code, [r["code"] for r in new_rows]))
    result.households_created = len(new_rows)
    result.households_updated = len(upd_rows)
    reason = f"家庭台账导入《{result.file_name}》"
    # a household placed in a library is a move into it (from nowhere), like a household a clue creates:
    # the statistics' library over time and the quarter's visits read the moves; a changed library
    # class is a move (库别调整), recorded like every other one
    moves = [{"household_id": hh_ids[r["code"]], "from_stage": None, "to_stage": r["stage"], "moved_on": today,
              "reason": reason, "created_at": now, "created_by_id": uid} for r in new_rows if r["stage"]]
    moves += [{"household_id": r["_id"], "from_stage": r["_from"], "to_stage": r["stage"], "moved_on": today,
               "reason": reason, "created_at": now, "created_by_id": uid} for r in upd_rows if r["_changed"]]
    for part in _chunks(moves):
        s.execute(insert(LibraryMove.__table__), list(part))
    # households whose members or figures the import changes: written again even when their own
    # columns are the same (their version guards their members and lines in the household editor)
    touched: set[int] = set()
    # members: update by ID number, add new ones, remove those no longer listed
    for part in _chunks(gone):
        _log_removal(uow, list(part), f"家庭台账《{result.file_name}》中已没有此人,随导入删除")
        s.execute(delete(Income).where(Income.member_id.in_(part)))
        s.execute(delete(Expense).where(Expense.member_id.in_(part)))
        s.execute(delete(Member).where(Member.id.in_(part)))
    _demote_heads(s, good, hh_ids, [hh_ids[hh.code] for hh in good if hh.code in existing])
    member_new: list[dict] = []
    member_upd: list[dict] = []
    for hh in good:
        hid = hh_ids[hh.code]
        for p in hh.rows:
            own = hh.head_own if p.is_head else {}
            values = {"household_id": hid, "name": p.name, "relation": p.relation, "sex": idcard.sex(p.id_number),
                      "birth_date": idcard.birth_date(p.id_number), "phone": own.get("phone", p.phone),
                      "health": p.health, "disability": p.disability, "disability_grade": p.disability_grade,
                      "labour_capacity": p.labour_capacity, "schooling": p.schooling,
                      "note": own.get("note", "") if p.is_head else p.note}
            was = existing_members.get(p.id_number)
            if was is None:
                member_new.append({"id_number": p.id_number, "id_reversed": p.id_number[::-1],
                                   **values, "version": 1, "created_at": now, "updated_at": now,
                                   "created_by_id": uid, "updated_by_id": uid})
                touched.add(hid)
            elif not _same(was[4], values, MEMBER_WRITTEN):
                member_upd.append({"_id": was[0], **{f"p_{k}": v for k, v in values.items()}})
                touched.update((hid, was[1]))
    removed = set(gone)
    touched.update(m[1] for m in existing_members.values() if m[0] in removed)
    member_ids: dict[str, int] = {n: m[0] for n, m in existing_members.items()}
    for part in _chunks(member_new):
        s.execute(insert(Member.__table__), list(part))
    member_ids.update(_ids_by(s, Member.id_number, [m["id_number"] for m in member_new]))
    if member_upd:
        mt: Any = Member.__table__
        keys = [k[2:] for k in member_upd[0] if k.startswith("p_")]
        vals = {k: bindparam(f"p_{k}") for k in keys}
        vals.update(version=mt.c.version + 1, updated_at=now, updated_by_id=uid)
        for part in _chunks(member_upd):
            s.execute(update(mt).where(mt.c.id == bindparam("_id")).values(**vals), list(part))
    result.persons = sum(len(hh.rows) for hh in good)  # written or, the same as before, left as they were
    if progress is not None:
        progress.report(result.rows, result.rows, "正在写入收入与支出")
    # incomes and expenses for the 12 months ending today
    incomes: list[dict] = [{**line, "period_end": today, "version": 1, "updated_at": now, "updated_by_id": uid}
                           for line in kept]
    expenses: list[dict] = []
    for hh in good:
        hid = hh_ids[hh.code]
        for p in hh.rows:
            mid = member_ids[p.id_number]
            for kind, amount in p.incomes.items():
                incomes.append({"household_id": hid, "member_id": mid, "kind": kind, "amount": amount,
                                "period_end": today, "exempt": False, "note": "家庭台账导入", "version": 1,
                                "updated_at": now, "updated_by_id": uid})
            for kind, amount in p.expenses.items():
                expenses.append({"household_id": hid, "member_id": mid, "kind": kind, "amount": amount,
                                 "period_end": today, "note": "家庭台账导入", "version": 1, "updated_at": now,
                                 "updated_by_id": uid})
    # An updated household with no income (or no expense) in the file still gets figures for this
    # period: a zero line, so that its older figures stop being the latest ones the assessment reads.
    with_income = {i["household_id"] for i in incomes}
    with_expense = {e["household_id"] for e in expenses}
    for hh in good:
        if hh.code not in existing:
            continue
        hid = hh_ids[hh.code]
        if hid not in with_income:
            incomes.append({"household_id": hid, "member_id": None, "kind": codes.IncomeKind.OTHER,
                            "amount": Decimal("0"), "period_end": today, "exempt": False,
                            "note": "家庭台账导入:无收入", "version": 1, "updated_at": now, "updated_by_id": uid})
        if hid not in with_expense:
            expenses.append({"household_id": hid, "member_id": None, "kind": codes.ExpenseKind.OTHER_RIGID,
                             "amount": Decimal("0"), "period_end": today, "note": "家庭台账导入:无支出", "version": 1,
                             "updated_at": now, "updated_by_id": uid})
    # The figures of an updated household the same as its latest ones stay as they are; the others
    # replace this import date's figures.
    updated_ids = [r["_id"] for r in upd_rows]
    latest_expenses = _latest_lines(s, Expense, updated_ids)
    new_incomes, new_expenses = _by_household(incomes), _by_household(expenses)
    same_figures = {hid for hid in updated_ids
                    if _lines(latest_incomes.get(hid, [])) == _lines(new_incomes.get(hid, []))
                    and _lines(latest_expenses.get(hid, [])) == _lines(new_expenses.get(hid, []))}
    rewritten = [hh_ids[hh.code] for hh in good if hh_ids[hh.code] not in same_figures]
    touched.update(rewritten)
    for part in _chunks(rewritten):
        s.execute(delete(Income).where(Income.household_id.in_(part), Income.period_end == today))
        s.execute(delete(Expense).where(Expense.household_id.in_(part), Expense.period_end == today))
    for part in _chunks([i for i in incomes if i["household_id"] not in same_figures]):
        s.execute(insert(Income.__table__), list(part))
    for part in _chunks([e for e in expenses if e["household_id"] not in same_figures]):
        s.execute(insert(Expense.__table__), list(part))
    _update_households(s, upd_rows, touched, today, now, uid)
    open_clues_follow(uow, {r["_id"]: r["region_id"] for r in upd_rows
                            if r["region_id"] != existing_region.get(r["_id"])})


def _same(record: Any, values: dict[str, Any], columns: Sequence[str]) -> bool:
    """The record (a row read) holds the values about to be written, in every one of ``columns``."""
    return all(getattr(record, c) == values[c] for c in columns)


def _update_households(s: Any, upd_rows: list[dict], touched: Container[int], today: date, now: Any,
                       uid: int | None) -> None:
    """Write the households already in the system the register changes: their own columns, their
    stage (a move: its date and the next visit due), their members or their figures. The others
    are left as they are, version and all."""
    t: Any = Household.__table__
    cols = [*HOUSEHOLD_WRITTEN, "stage"]
    for changed in (True, False):
        batch = [{**{f"p_{c}": r[c] for c in cols}, "_id": r["_id"], "p_since": today,
                  **({"p_due": r["_due"]} if changed else {})}
                 for r in upd_rows if r["_changed"] is changed and (changed or not r["_same"] or r["_id"] in touched)]
        if not batch:
            continue
        vals: dict[str, Any] = {c: bindparam(f"p_{c}") for c in cols}
        vals.update(version=t.c.version + 1, updated_at=now, updated_by_id=uid)
        if changed:
            vals["stage_since"] = bindparam("p_since")
            vals["next_visit_due"] = bindparam("p_due")
        for part in _chunks(batch):
            s.execute(update(t).where(t.c.id == bindparam("_id")).values(**vals), list(part))


def _by_household(lines: list[dict]) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {}
    for line in lines:
        found.setdefault(line["household_id"], []).append(line)
    return found


def _lines(lines: Iterable[dict]) -> Counter:
    """A household's income or expense lines as what they say, to compare: who, what kind, how much,
    not counted or counted, the note."""
    return Counter((line["member_id"], str(line["kind"]), Decimal(line["amount"]), bool(line.get("exempt")),
                    line["note"] or "") for line in lines)


def _latest_lines(s: Any, model: type, household_ids: list[int]) -> dict[int, list[dict]]:
    """Household id -> the lines of its current figures (its latest period) of ``model`` (Income or
    Expense): member_id, kind, amount, exempt (incomes), note."""
    i: Any = model.__table__  # type: ignore[attr-defined]
    exempt = [i.c.exempt] if "exempt" in i.c else []
    found: dict[int, list[dict]] = {}
    for part in _chunks(household_ids):
        latest = (select(i.c.household_id.label("hid"), func.max(i.c.period_end).label("pe"))
                  .where(i.c.household_id.in_(part)).group_by(i.c.household_id).subquery())
        for r in s.execute(select(i.c.household_id, i.c.member_id, i.c.kind, i.c.amount, *exempt, i.c.note)
                           .join(latest, (latest.c.hid == i.c.household_id) & (latest.c.pe == i.c.period_end))
                           .order_by(i.c.household_id, i.c.id)):
            found.setdefault(r.household_id, []).append(dict(r._mapping))
    return found


def _demote_heads(s: Any, good: list[_Household], hh_ids: dict[str, int], updated: list[int]) -> None:
    """Demote before promote: the database refuses a second head in a household at every statement
    (models.household.ONE_HEAD_INDEX), and the members are written in the file's order. A head of
    an updated household who is not its head in the file (another member or a new person is, or
    they moved to head another household of the file) takes their new relation first, 其他 for now
    when they are to head the household they move to; the heads of the file are written after."""
    final = {p.id_number: (hh_ids[hh.code], p.relation) for hh in good for p in hh.rows}
    demoted: list[dict] = []
    for part in _chunks(updated):
        for mid, number, hid in s.execute(select(Member.id, Member.id_number, Member.household_id)
                                          .where(Member.household_id.in_(part),
                                                 Member.relation == codes.Relation.SELF)):
            household, relation = final.get(number, (hid, codes.Relation.SELF))  # the others are removed already
            if (household, relation) != (hid, codes.Relation.SELF):
                demoted.append({"_id": mid, "p_relation": relation if relation != codes.Relation.SELF
                                else codes.Relation.OTHER})
    if demoted:
        mt: Any = Member.__table__
        s.execute(update(mt).where(mt.c.id == bindparam("_id")).values(relation=bindparam("p_relation")), demoted)


KEPT_NOTE = "台账导入时沿用"


def _lines_to_keep(latest: dict[int, list[dict]], gone: Container[int]) -> list[dict]:
    """The income lines of the households' current figures (``latest``, see :func:`_latest_lines`)
    that the template has no column for: lines marked not counted (不计入) and 城乡居民基本养老金,
    entered in the household records. The register's figures replace the others; these are restated
    in the new period, so that importing a register does not quietly count an exempt income again or
    drop a pension line. Lines of members the import removes go with them."""
    kept: list[dict] = []
    for hid, lines in latest.items():
        for line in lines:
            mid = line["member_id"]
            if not (line["exempt"] or line["kind"] == codes.IncomeKind.RESIDENT_PENSION.value) or \
                    (mid is not None and mid in gone):
                continue
            note = line["note"] or ""
            if not note.startswith(KEPT_NOTE):
                note = f"{KEPT_NOTE}:{note}" if note else KEPT_NOTE
            kept.append({"household_id": hid, "member_id": mid, "kind": line["kind"], "amount": line["amount"],
                         "exempt": line["exempt"], "note": note[:256]})
    return kept


def _ids_by(s: Any, key: Any, values: list[str]) -> dict[str, int]:
    """Unique key -> id of the rows just inserted (户编号 of households, ID numbers of members)."""
    found: dict[str, int] = {}
    for part in _chunks(values, KEYS_CHUNK):
        keys = _keys(s, part)
        found.update({k: i for i, k in s.execute(select(key.class_.id, key).join_from(keys, key.class_,
                                                                                       key == keys.c.value))})
    return found


def _keys(s: Any, values: Sequence[str]) -> Any:
    """``values`` as a table of one column, ``value``, to join on. Not ``IN (…)``: PostgreSQL
    without statistics yet on the table (just filled by a first import) scans it and compares each
    row with every value of the list in turn: 12,000 ID numbers looked up in 11 s instead of 0.1 s."""
    payload = json.dumps(list(values), ensure_ascii=False)
    if s.get_bind().dialect.name == "postgresql":
        return func.jsonb_array_elements_text(cast(literal(payload, Text), JSONB)).table_valued("value").alias("keys")
    return func.json_each(payload).table_valued("value").alias("keys")


def write_error_workbook(path_in: str | Path, result: RegisterImportResult, out_path: str | Path) -> int:
    """Every row of the households that were not imported, in the file's own layout
    (desktop/io/error_workbook.py: the title and header rows as in the file, each row's every
    column, 原文件行号 and 错误原因 after them), so they can be corrected and imported again.
    Returns rows written."""
    check_unchanged(path_in, result.file_hash)
    try:
        book = ss.open_workbook(path_in)
    except ss.SpreadsheetError as exc:
        raise ServiceError(exc.message, code=INVALID_FILE) from exc
    try:
        wanted = result.rejected_rows
        last = max(wanted) if wanted else 0

        def rows() -> Iterator[tuple[int, list[Any], str]]:
            if not wanted:
                return
            # the rows as the import read them: a 户编号 merged down over a household is each row's own
            merged = _merged_down(book, result.sheet, result.header_row, result.columns)
            for number, values in book.rows(result.sheet):
                merged.see(number, values)
                if number in wanted:
                    yield number, merged.fill(number, values), wanted[number]
                if number >= last:
                    break

        top = eb.sheet_top(book, result.sheet, result.header_row - result.header_height + 1, result.header_row + 1)
        return eb.write_error_rows(out_path, top, rows(), text_column=result.id_column,
                                   formats=book.number_formats(result.sheet, result.header_row + 1))
    except ss.SpreadsheetError as exc:
        raise ServiceError(exc.message, code=INVALID_FILE) from exc
    except OSError as exc:
        raise ServiceError(not_written_message(exc, out_path), code=NOT_WRITTEN) from exc
    finally:
        book.close()
