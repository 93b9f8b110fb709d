"""Department lists (部门名单): read, screen against current recipients, keep the batch (RULES.md §1.1).

Every data row's ID number is normalised and validated; valid rows are matched against the
registry in chunks (one query per chunk, never per row, never the whole registry) and sorted into
in assistance (在保), known and not in assistance, and new (a clue is created). Rows repeating an ID
earlier in the file are duplicates. ``data_rows == valid + sum(invalid) + duplicates`` and
``valid == in_assistance + known + new`` always hold. A batch commits whole or not at all.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import bindparam, case, func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.io import error_workbook as eb
from desktop.io import spreadsheet as ss
from desktop.models import Application, Clue, ColumnMapping, Household, ImportBatch, ImportRow, Region
from desktop.models.base import now_utc
from desktop.rules import codes, idcard, places, spelling
from desktop.rules.codes import Role
from desktop.services import bulk
from desktop.services.base import Actor, CutList, log_full_id_list, matched_in_all, require_role, unit_of_work
from desktop.services.database import Database
from desktop.services.errors import (
    ALREADY_IMPORTED,
    INVALID_FILE,
    NOT_WRITTEN,
    NotFound,
    PermissionDenied,
    ServiceError,
    ValidationFailed,
)
from desktop.services.files import not_written_message
from desktop.services.progress import Progress
from desktop.services.regions import SUBDISTRICT_SUFFIXES, NameIndex, short_name, tidy_name

KIND = "department"
CHUNK = 1000  # IDs per query / rows per bulk insert
STAGE_CHUNK = 10_000  # valid rows matched in the database at a time
IMPORTERS = (Role.ADMIN, Role.DISTRICT_REVIEWER, Role.SUBDISTRICT_CASEWORKER)
OUTCOMES = ("in_assistance", "known", "new", "invalid", "duplicate")
OUTCOME_LABELS = {"in_assistance": "在保", "known": "已在册、未在保", "new": "新发现", "invalid": "无效",
                  "duplicate": "重复"}
DUPLICATE = "duplicate"
# An ID cell holding a formula whose result the file never saved (written by a program, not Excel):
# read as empty, but told apart so the department knows what to fix.
FORMULA = "formula without result"
EMPTY = idcard.Invalid.EMPTY.value
FORMULA_LABEL = "身份证号单元格是公式,但文件中没有保存计算结果(请用 Excel 或 WPS 打开、保存后重新提供)"
# An ID cell holding a formula's error value (#N/A of a VLOOKUP that found nothing, #REF! of a deleted
# source): read as empty by the spreadsheet reader, told apart so the department knows what to fix.
ERROR_VALUE = "formula error"
ERROR_VALUE_LABEL = "身份证号单元格公式出错(#N/A、#REF! 等错误值,请检查公式或查找的来源后重新提供)"
ERROR_TEXTS = ss.ERROR_VALUES  # as a CSV holds them (Excel writes the error value as its text)


def error_value_message(value: str) -> str:
    """The message of a row whose ID cell holds the error value ``value``."""
    return f"公式出错({value[:20]}):身份证号单元格显示的是公式错误值,不是号码(请检查公式或查找的来源后重新提供)"
# A row whose 证件类型 names another document (a passport, a Hong Kong/Macao/Taiwan pass): its number is
# no resident ID number (RULES.md §3) and cannot be matched against the registry. It keeps the reason
# the number itself gives (the counts by reason are the same whatever columns a list has); its
# message says which document it is. A valid ID number is used whatever the type column says.
_OTHER_DOCUMENTS = re.compile(r"护照|通行证|居留|外国|军官|士兵|警官|文职干部|台胞|回乡|海员|出生医学证明|其他证件|其它证件")


def other_document(id_type: str) -> bool:
    """The 证件类型 names a document that is not the resident ID card (户口簿 carries the ID number)."""
    return bool(id_type) and _OTHER_DOCUMENTS.search(id_type) is not None


def swapped_message(raw_id: str, name: str) -> str | None:
    """The reason for a row whose ID cell holds no number while its name cell holds a valid one: the two
    columns filled in the wrong way round, said so (the bad characters alone would name the person's name)."""
    if not name or not idcard.parse(name).valid:
        return None
    return f"身份证号一栏填的是“{raw_id[:20]}”,姓名一栏却是身份证号:这一行的姓名和身份证号可能填反了,请改正后重新发送"


def other_document_message(id_type: str, message: str) -> str:
    """The reason for a row whose 证件类型 names another document: which one, and why it is not matched."""
    return f"证件类型为“{id_type[:20]}”,不是居民身份证号,无法与在册人员比对({message})"
SAMPLE_ROWS = 20


# -- results ------------------------------------------------------------------------------------

@dataclass
class Preview:
    file_name: str
    sheet: str
    sheet_names: list[str]
    header_row: int  # 1-based, the first header row
    columns: list[str]
    mapping: dict[str, int]  # field -> column index (0-based)
    remembered: bool
    sample_rows: list[list[str]]
    total_rows_estimate: int
    header_height: int = 1
    format: str = ""
    encoding: str | None = None
    sample_row_numbers: list[int] = field(default_factory=list)
    field_labels: dict[str, str] = field(default_factory=lambda: dict(ss.FIELD_LABELS))
    other_sheets: list[str] = field(default_factory=list)  # further sheets with an ID column, not read


@dataclass(frozen=True)
class RowProblem:
    row_number: int
    outcome: str  # invalid / duplicate
    reason: str  # an idcard.Invalid value, "duplicate", FORMULA or ERROR_VALUE
    message: str  # Chinese, as written into the error workbook
    duplicate_of: int | None = None


@dataclass
class DepartmentImportResult:
    batch_id: int | None
    file_name: str
    department: str  # code of one of the nine, or an other department's own name (codes.department_key)
    data_rows: int = 0
    valid: int = 0
    invalid: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    legacy_15_converted: int = 0  # valid rows whose 15-digit number was converted to 18 (a repeat is a duplicate)
    buckets: dict[str, int] = field(default_factory=lambda: {"in_assistance": 0, "known": 0, "new": 0})
    unassigned: int = 0
    # New people get a clue each, unless one about them is still open (from an earlier list or the
    # clue form): the community is not sent the same person twice.
    clues_created: int = 0
    dry_run: bool = False
    # the first and last column of an ID number written one character per cell (ss.Layout.id_boxes), else None
    id_boxes: tuple[int, int] | None = None
    sheet: str = ""
    header_row: int = 1
    header_height: int = 1
    mapping: dict[str, int] = field(default_factory=dict)
    file_hash: str = ""
    content_hash: str = ""  # of what was read (ContentHash): the same list in another file is refused too
    errors: list[RowProblem] = field(default_factory=list)
    already_imported: str = ""  # on a dry run of a file imported before: who and when
    format: str = ""  # xlsx / xls / ods / csv
    encoding: str | None = None  # for CSV: utf-8 / utf-8-sig / utf-16 / gb18030 (GBK)
    other_sheets: list[str] = field(default_factory=list)  # further sheets with an ID column, not read
    columns: list[str] = field(default_factory=list)  # the header text of each column read
    last_data_row: int = 0  # the number of the last data row read
    hidden_rows: int = 0  # data rows hidden in the sheet, by hand or a filter (see look_for_hidden_rows)

    @property
    def department_label(self) -> str:
        return codes.department_label(self.department)

    def counts(self) -> dict[str, Any]:
        return {
            "data_rows": self.data_rows, "valid": self.valid, "invalid": dict(self.invalid),
            "duplicates": self.duplicates, "legacy_15_converted": self.legacy_15_converted,
            "in_assistance": self.buckets["in_assistance"], "known": self.buckets["known"],
            "new": self.buckets["new"], "unassigned": self.unassigned, "clues_created": self.clues_created,
        }

    def check(self) -> None:
        assert self.data_rows == self.valid + sum(self.invalid.values()) + self.duplicates
        assert self.valid == sum(self.buckets.values())


@dataclass(frozen=True)
class BatchInfo:
    id: int
    kind: str
    department: str | None
    department_label: str
    file_name: str
    hash: str
    counts: dict
    imported_by: str
    created_at: datetime
    sheet: str = ""
    header_row: int = 1


@dataclass(frozen=True)
class BatchRow:
    id: int
    row_number: int
    name: str
    id_number: str  # masked unless the actor's role sees full numbers
    raw_id: str
    outcome: str
    outcome_label: str
    reason: str | None
    reason_label: str
    household_id: int | None
    household_stage: str | None
    household_category: str | None
    open_clue_id: int | None
    open_application_id: int | None
    region_id: int | None
    region_name: str
    data: dict


# -- helpers ------------------------------------------------------------------------------------

# How a user knows each encoding a text file is read in (the reader's answers).
ENCODING_LABELS = {"gb18030": "GBK", "utf-8-sig": "UTF-8(带 BOM)", "utf-8": "UTF-8", "utf-16": "UTF-16",
                   "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "cp950": "Big5(繁体)"}


def encoding_label(encoding: str | None) -> str:
    return ENCODING_LABELS.get(encoding or "", encoding or "")


def encoding_name(encoding: str | None) -> str | None:
    """The encoding a text file was read in as scripts name it: gb18030, the superset the reader
    decodes GBK files with, is "gbk"; a workbook has none."""
    if not encoding:
        return None
    return "gbk" if encoding == "gb18030" else encoding


def file_sha256(path: str | Path) -> str:
    p = Path(path)
    digest = hashlib.sha256()
    try:
        with ss._open_binary(p) as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise ServiceError(ss._unreadable(p, exc).message, code=INVALID_FILE) from exc
    return digest.hexdigest()


_ROW_END = "\x1e"  # after each cell of a column (the record separator)
_HASH_ROWS = 5000  # rows joined and hashed at a time


class ContentHash:
    """A fingerprint of what an import reads from a list: its data rows' cells column by column, each
    column under its heading, whatever file they came in. The same list saved again by Excel (other
    bytes: its timestamps, the order inside the zip) or exported as .xls or CSV gives the same
    fingerprint; the file's name and format, the sheet's name, where the rows are, the rows left out
    (blank, totals, the footer), the order of the columns and columns with nothing in them (a blank
    column inserted, an empty 备注 added) do not count. One changed cell gives another, and so does a
    column read as another field. Each column's cells are joined as text (C-level str and join) for
    whole chunks of rows at once, never cell by cell in Python."""

    def __init__(self, header: Sequence[Any], mapping: dict[str, int]) -> None:
        self._header = [str(h) for h in header]
        self._mapping = mapping
        self._rows: list[Sequence[Any]] = []
        self._columns: list[Any] = []  # a digest per column of the file
        self._filled: list[bool] = []  # whether the column has anything in it
        self._count = 0  # rows hashed so far

    def add(self, values: Sequence[Any]) -> None:
        """One data row as read (a CSV export leaves its empty cells at the end out, a sheet pads
        every row to its width: the same)."""
        rows = self._rows
        rows.append(values)
        if len(rows) >= _HASH_ROWS:
            self._flush()

    def _flush(self) -> None:
        rows, self._rows = self._rows, []
        if not rows:
            return
        columns, filled = self._columns, self._filled
        width = 0
        for i, cells in enumerate(itertools.zip_longest(*rows, fillvalue="")):
            width = i + 1
            if i == len(columns):  # a column only the rows from here on reach: empty above
                columns.append(hashlib.sha256((_ROW_END * self._count).encode()))
                filled.append(False)
            # A whole number's ".0" is taken off (a spreadsheet's 12.0 is the 12 a CSV export shows,
            # as ss.cell_text reads it). Text ending in ".0" loses it too, which can only make two
            # lists the same that differ by it.
            try:
                text = _ROW_END.join(cells)  # a column of text (every column of a CSV): no str() per cell
            except TypeError:
                text = _ROW_END.join(map(str, cells))
            text = (text + _ROW_END).replace(".0" + _ROW_END, _ROW_END)
            columns[i].update(text.encode("utf-8", "surrogatepass"))
            filled[i] = filled[i] or bool(text.strip(_ROW_END))
        for i in range(width, len(columns)):  # columns these rows do not reach: empty here
            columns[i].update((_ROW_END * len(rows)).encode())
        self._count += len(rows)

    def hexdigest(self) -> str:
        self._flush()
        digests = [c.hexdigest() for c in self._columns]
        header = self._header
        kept = sorted((header[i] if i < len(header) else "", d) for i, d in enumerate(digests) if self._filled[i])
        mapped = sorted((field, digests[i] if i < len(digests) else "") for field, i in self._mapping.items())
        return hashlib.sha256(json.dumps([kept, mapped, self._count], ensure_ascii=False).encode()).hexdigest()


def check_unchanged(path: str | Path, expected_hash: str) -> None:
    """The file is still the one imported (its error workbook names that file's rows)."""
    if expected_hash and file_sha256(path) != expected_hash:
        raise ServiceError(f"文件“{Path(path).name}”与导入时的内容不同(已被修改),无法据此生成错误清单。",
                           code=INVALID_FILE)


def department_code(department: str) -> str:
    """The code of one of the nine horizontal sources, or an other department's own tidied name
    (any department may send a list: 公安局, 法院, 农业农村局 …); a blank or too long name is refused."""
    try:
        return codes.department_key(department)
    except ValueError as exc:
        raise ValidationFailed(str(exc)) from exc


def _load_layout(book: ss.Workbook, sheet: str | None, header_row: int | None, *,
                 require_id: bool = True) -> ss.Layout:
    try:
        return ss.find_layout(book, sheet, header_row, require_id=require_id)
    except ss.SpreadsheetError as exc:
        raise ServiceError(exc.message, code=INVALID_FILE) from exc


def _open(path: str | Path) -> ss.Workbook:
    try:
        return ss.open_workbook(path)
    except ss.SpreadsheetError as exc:
        raise ServiceError(exc.message, code=INVALID_FILE) from exc


def _remembered_mapping(db: Database | None, department: str | None, layout: ss.Layout) -> dict[str, int] | None:
    """The mapping saved for this department, if its column names are all in this file."""
    if db is None or not department or layout.header_height == 0:  # columns named by letter name nothing
        return None
    try:
        code = codes.department_key(department)
    except ValueError:
        return None
    with db.session_factory() as session:
        saved = session.scalar(select(ColumnMapping.mapping).where(ColumnMapping.department == code))
    if not saved:
        return None
    names: dict[str, str] = saved.get("columns", {})
    if "id_number" not in names:
        return None
    out: dict[str, int] = {}
    for fld, header in names.items():
        if header not in layout.columns:
            return None
        out[fld] = layout.columns.index(header)
    # a column the department's earlier list did not have (街道, 家庭住址 added since): read by its header,
    # as when nothing is remembered; one that list had and was left unread stays so
    known = saved.get("headers")
    if known is not None:
        used = set(out.values())
        for fld, i in layout.mapping.items():
            if fld not in out and i not in used and i < len(layout.columns) and layout.columns[i] not in known:
                out[fld] = i
    return out


def preview(path: str | Path, department: str | None = None, mapping: dict | None = None, db: Database | None = None,
            *, sheet: str | None = None, header_row: int | None = None) -> Preview:
    """What the import will read: sheet, header, column mapping and the first rows. Writes nothing."""
    book = _open(path)
    try:
        layout = _load_layout(book, sheet, header_row, require_id=False)  # the user may map it by hand
        remembered = False
        if mapping:
            try:
                layout.mapping = ss.check_mapping(book, layout, mapping)
            except ss.SpreadsheetError as exc:
                raise ServiceError(exc.message, code=INVALID_FILE) from exc
        else:
            saved = _remembered_mapping(db, department, layout)
            if saved is not None:
                layout.mapping, remembered = saved, True
        width = len(layout.columns)
        samples: list[list[str]] = []
        numbers: list[int] = []
        try:
            for row in ss.data_rows(book, layout):
                sample = [ss.cell_text(v) for v in (list(row.values) + [""] * width)[:width]]
                id_col = layout.mapping.get("id_number")
                # an ID cell read as empty may hold an error value (#N/A): the row shown as Excel shows it
                if id_col is not None and id_col < width and sample[id_col] == "" and (
                        errors := book.error_values(layout.sheet)):
                    sample = [errors.get((row.number, i), v) if v == "" else v for i, v in enumerate(sample)]
                samples.append(sample)
                numbers.append(row.number)
                if len(samples) >= SAMPLE_ROWS:
                    break
        except ss.SpreadsheetError as exc:
            raise ServiceError(exc.message, code=INVALID_FILE) from exc
        return Preview(
            file_name=book.name, sheet=layout.sheet, sheet_names=layout.sheet_names, header_row=layout.header_row,
            columns=layout.columns, mapping=dict(layout.mapping), remembered=remembered, sample_rows=samples,
            total_rows_estimate=layout.total_rows_estimate, header_height=layout.header_height,
            format=layout.format, encoding=layout.encoding, sample_row_numbers=numbers,
            other_sheets=list(layout.other_sheets),
        )
    finally:
        book.close()



@dataclass(frozen=True)
class SampleCheck:
    """How the import will judge one preview row's ID number."""

    usable: bool
    number: str | None  # the normalised number when usable or repeated
    message: str  # why not usable, in Chinese; "" when usable
    converted_from_15: bool = False


def check_samples(preview: Preview, mapping: dict[str, int]) -> list[SampleCheck]:
    """The preview rows judged as the import judges them, under ``mapping`` (which the user may have
    corrected by hand): a 残疾人证号 or 全国学籍号 column gives the ID number inside it, a 证件类型 naming another
    document says so, and a number repeating an earlier preview row is a duplicate, not “ok”."""
    id_col = mapping.get("id_number")
    type_col = mapping.get("id_type")
    name_col = mapping.get("name")
    key = ss.header_key(preview.columns[id_col]) if id_col is not None and id_col < len(preview.columns) else ""
    inside = ss.id_inside(key)  # a 残疾人证号 or 全国学籍号 column
    with_name = ss.holds_name_and_id(key)  # "姓名及身份证号": "张三 420203…"
    numbers = preview.sample_row_numbers or list(range(1, len(preview.sample_rows) + 1))
    seen: dict[str, int] = {}
    out: list[SampleCheck] = []
    for row_number, values in zip(numbers, preview.sample_rows, strict=False):
        raw: Any = values[id_col] if id_col is not None and id_col < len(values) else ""
        raw = ss.id_cell(raw)
        if with_name:
            raw = ss.split_name_and_id(raw)[1]
        if inside is not None:
            raw = inside(raw)
        parsed = parse_id(raw)
        if not parsed.valid and type(raw) is str and raw.strip() in ERROR_TEXTS:
            out.append(SampleCheck(False, None, error_value_message(raw.strip())))
            continue
        if not parsed.valid:
            message = parsed.message
            id_type = values[type_col] if type_col is not None and type_col < len(values) else ""
            if parsed.reason is not idcard.Invalid.EMPTY and other_document(id_type):
                message = other_document_message(id_type, message)
            elif parsed.reason is idcard.Invalid.CHARACTERS and name_col is not None and name_col < len(values) and (
                    swapped := swapped_message(ss.cell_text(raw), ss.cell_text(values[name_col]))):
                message = swapped
            out.append(SampleCheck(False, None, message))
            continue
        first = seen.setdefault(parsed.number, row_number)  # type: ignore[arg-type]
        if first != row_number:
            out.append(SampleCheck(False, parsed.number, reason_label(DUPLICATE, first)))
        else:
            out.append(SampleCheck(True, parsed.number, "", parsed.converted_from_15))
    return out


# -- regions ------------------------------------------------------------------------------------

class RegionResolver:
    """Sub-district / community from region columns or an address (the region table is small).

    Names are read as :class:`regions.NameIndex` reads them (八泉 for 八泉街道, 飞云新村 for 飞云新村社区),
    codes as codes; a name two regions share, with no sub-district to tell them apart, is left
    unassigned rather than guessed."""

    def __init__(self, session: Any) -> None:
        rows = session.execute(select(Region.id, Region.name, Region.code, Region.level, Region.parent_id)).all()
        self.names: dict[int, str] = {r.id: r.name for r in rows}
        self.parent = {r.id: r.parent_id for r in rows}
        self.level = {r.id: r.level for r in rows}
        self.codes = {r.code: r.id for r in rows if r.code}
        for r in rows:  # the statistical codes' 12 digits: 420203001000 for the sub-district 420203001
            if r.code and r.code.isdigit() and len(r.code) in (6, 9):
                self.codes.setdefault(r.code.ljust(12, "0"), r.id)
        self.subs: dict[str, int] = {r.name: r.id for r in rows if r.level == codes.RegionLevel.SUBDISTRICT}
        # a sub-district as an address writes it: 八泉街道, 八泉街办, 八泉办事处 (None: two sub-districts' form)
        self._sub_forms: dict[str, int | None] = dict(self.subs)
        for name, sid in self.subs.items():
            for form in {short_name(name) + suffix for suffix in SUBDISTRICT_SUFFIXES} - {name}:
                if form not in self.subs:
                    self._sub_forms[form] = sid if self._sub_forms.get(form, sid) == sid else None
        self.index = NameIndex(rows)
        communities: dict[str, list[int]] = {}  # by whole name, for the names an address spells out
        for r in rows:
            if r.level == codes.RegionLevel.COMMUNITY:
                communities.setdefault(r.name, []).append(r.id)
        self._communities = communities
        districts = [(r.name, r.code) for r in rows if r.level == codes.RegionLevel.DISTRICT]
        # the city the district belongs to (黄石市 for 420203), when its code tells it
        cities = {places.city_of(code) for _, code in districts} - {None}
        self._home_city = cities.pop() if len(cities) == 1 else None
        self._home_city_short = self._home_city[:-1] if self._home_city else None
        self._above = places.written_above(districts)  # 湖北省黄石市西塞山区 before 八泉街道
        # another district or county named at the start instead ("黄石港区飞云社区"): not this one's
        self._other_district = re.compile(r"^[\u4e00-\u9fff]{1,5}?(?<![社小园校])[区县旗]")
        self._city = re.compile(r"^[\u4e00-\u9fff]{2,4}?市")  # "黄石市大冶市…": a county-level city after the city
        self._comm_re = re.compile(places.alternatives(communities)) if communities else None
        self._sub_re = re.compile(places.alternatives(self._sub_forms)) if self.subs else None
        self._cache: dict[tuple[str, str, str], int | None] = {}

    def _of_level(self, text: str, level: str) -> list[int]:
        """The regions of ``level`` a name (whole first, then as people shorten it) or a code names."""
        by_code = self.codes.get(text)
        if by_code is not None:
            return [by_code] if self.level[by_code] == level else []
        for short in (False, True):
            found = [r.id for r in self.index.named(text, short) if r.level == level]
            if found:
                return found
        return []

    def _other_city(self, text: str) -> bool:
        """A place written after another city than the district's ("大冶市章山村", "湖北省鄂州市…")."""
        if self._home_city is None:
            return False
        city = self._above.match(text).group(2)  # type: ignore[union-attr]
        return city is not None and city != self._home_city_short and not places.same_city(city, self._home_city)

    def subdistrict(self, text: str) -> int | None:
        """A sub-district or town by its name as people write it (八泉, 八泉街道办事处) or its code."""
        text = tidy_name(text)
        if not text:
            return None
        for form in dict.fromkeys((text, self._above.sub("", text))):
            found = self._of_level(form, codes.RegionLevel.SUBDISTRICT)
            if len(found) == 1:
                return found[0]
        return None

    def community(self, text: str, sub_id: int | None, *, strict: bool = False) -> int | None:
        """A community or village by its name as people write it (飞云, 飞云社区居委会) or its code,
        under ``sub_id`` (or the sub-district written with it: 八泉街道飞云社区, 八泉/飞云, 飞云(八泉))
        when the name is not unique; with ``strict``, only one under that sub-district."""
        raw, text = text, tidy_name(text)
        if not text:
            return None
        forms = [(text, sub_id)]
        # "八泉街道飞云社区", "西塞山区八泉街道飞云社区": the sub-district written before the name.
        above = self._above.sub("", text)
        if self._sub_re is not None:
            m = self._sub_re.match(above)
            if m and m.end() < len(above):
                forms.append((above[m.end():], sub_id if sub_id is not None else self._sub_forms[m.group(0)]))
        parts = [tidy_name(p) for p in _PARTS.split(raw) if p.strip()]
        if len(parts) == 2:  # "八泉/飞云", "八泉 飞云", "飞云(八泉)": the sub-district beside the name
            for named_sub, name in (parts, parts[::-1]):
                found_sub = self.subdistrict(named_sub)
                if found_sub is not None:
                    forms.append((name, sub_id if sub_id is not None else found_sub))
        for form, under in forms:
            found = self._of_level(form, codes.RegionLevel.COMMUNITY)
            if strict and under is not None:
                found = [cid for cid in found if self.parent.get(cid) == under]
            if found:
                return self._pick(found, under)
        return None

    def _only_elsewhere(self, community: str, sub_id: int) -> bool:
        """A community's name that several communities have, none of them under ``sub_id`` (社区 新华
        beside 街道 澄月街道, the two 新华社区 being other sub-districts')."""
        found = self._of_level(tidy_name(community), codes.RegionLevel.COMMUNITY)
        return bool(found) and all(self.parent.get(c) != sub_id for c in found)

    def _pick(self, found: list[int], sub_id: int | None) -> int | None:
        """The one region of ``found``; of several, the one under ``sub_id``; otherwise none."""
        if len(found) == 1:
            return found[0]
        under = [cid for cid in found if self.parent.get(cid) == sub_id] if sub_id is not None else []
        return under[0] if len(under) == 1 else None

    def _within(self, region: int | None, sub_id: int | None) -> bool:
        """Whether ``region`` is ``sub_id`` or one of its communities (or either is not known)."""
        return region is None or sub_id is None or region == sub_id or self.parent.get(region) == sub_id

    def _from_address(self, address: str, sub_id: int | None) -> int | None:
        """The community an address names (under ``sub_id`` when its name is not unique), else its
        sub-district; none when it names a community of another sub-district than the one it names."""
        address = tidy_name(address)
        if self._other_city(address):
            return None  # "大冶市章山村": a village of a county-level city (or another city) of the same name
        m = self._above.match(address)
        above = address[m.end():]
        if self._other_district.match(above) and not (self._sub_re is not None and self._sub_re.match(above)):
            return None  # "黄石市黄石港区飞云社区": a community of another district
        if m.group(2) and not m.group(3) and self._city.match(above):
            return None  # "黄石市大冶市章山村": a county-level city's
        text_sub = None
        if self._sub_re is not None:
            m = self._sub_re.search(above)
            if m:
                text_sub = self._sub_forms[m.group(0)]
        if text_sub is None and (foreign := _SUBDISTRICT_WORD.search(above)) is not None and (
                self._comm_re is None or (first := self._comm_re.search(above)) is None
                or foreign.end() <= first.start()):
            return None  # "花湖街道临江社区", "大冶陈贵镇章山村": another district's, whatever its community's name
        if sub_id is None:
            sub_id = text_sub
        other = False
        if self._comm_re is not None:
            for m in self._comm_re.finditer(above):
                region = self._pick(self._communities[m.group(0)], sub_id)
                if region is not None and not self._within(region, text_sub):
                    other = True  # "澄月街道飞云社区": 飞云社区 is 八泉街道's; neither is guessed
                elif region is not None:
                    return region
        return None if other else sub_id

    def resolve(self, subdistrict: str, community: str, address: str) -> int | None:
        key = (subdistrict, community, address)
        if key in self._cache:
            return self._cache[key]
        if any(self._other_city(tidy_name(text)) for text in (subdistrict, community) if text):
            return None  # 街道 "大冶市河口镇", 社区 "章山村": another city's places, whatever their names
        sub_id = self.subdistrict(subdistrict) if subdistrict else None
        if sub_id is None and community and _SUBDISTRICT_WORD.search(self._above.sub("", tidy_name(subdistrict))):
            # 街道 "花湖街道", "陈贵镇" (not ours) over 社区 "临江社区": another district's place of that name
            if len(self._cache) < 200_000:
                self._cache[key] = None
            return None
        if sub_id is None and subdistrict and not community:
            community = subdistrict  # "八泉街道飞云社区" in the 街道 column, none in a 社区 column
        region = None
        if community:
            region = self.community(community, sub_id, strict=True)
            if region is None and sub_id is not None:  # one of another sub-district's: told apart below
                region = self.community(community, None, strict=True)
            if region is None:
                # "道仕袱村3组", "飞云社区居委会3栋": the column holds more than the name, read as an address is
                region = self._from_address(community, sub_id)
                if region == sub_id:
                    region = self.subdistrict(community) if sub_id is None else None  # 420203001 in it
        if not self._within(region, sub_id) or (region is None and sub_id is not None and community
                                                 and self._only_elsewhere(community, sub_id)):
            region = sub_id = None  # the 街道 and 社区 columns name different places: neither is guessed
        elif region is None and address:
            region = self._from_address(address, sub_id)
            if not self._within(region, sub_id):
                region = sub_id  # the 街道 column over a community a free-text address names elsewhere
        if region is None:
            region = sub_id
        if len(self._cache) < 200_000:
            self._cache[key] = region
        return region


# A sub-district's or town's name with its level word (花湖街道, 陈贵镇, 白沙镇): in an address before the
# community, one the district does not have says the place is another district's.
_SUBDISTRICT_WORD = re.compile(r"[\u4e00-\u9fff]{2,6}?(街道办事处|街道|街办|办事处|镇|乡)(?![\u4e00-\u9fff]*路)")

# what separates a sub-district and a community written in one cell (八泉/飞云, 八泉 飞云, 飞云(八泉))
_PARTS = re.compile(r"[\s/／\\、,，;；|｜\-－—–·()（）\[\]【】]+")


# -- the import ---------------------------------------------------------------------------------

_JSON_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
_JSON_STR = json.encoder.encode_basestring  # the C escaper json itself uses


def _json_text(value: dict | None) -> str:
    """A row's extra fields as JSON text, as ``_JSON_ENCODE`` writes it; string and integer values
    (all a row carries) are joined directly, which is several times faster on 100,000 rows."""
    if not value:
        return "{}"
    esc = _JSON_STR
    parts = []
    for key, item in value.items():
        if type(item) is str:
            parts.append(f"{esc(key)}: {esc(item)}")
        elif type(item) is int:
            parts.append(f"{esc(key)}: {item}")
        else:
            return _JSON_ENCODE(value)
    return "{" + ", ".join(parts) + "}"


ROW_COLUMNS = ("batch_id", "row_number", "name", "id_number", "raw_id", "outcome", "reason", "household_id",
               "region_id", "data")


def batch_sheet(book: ss.Workbook, sheet: str) -> str:
    """The sheet as a batch keeps it: a workbook's sheet name; nothing for a text file (CSV) or a web
    page, which has one table and whose "sheet" is only its file name, so that a renamed copy is still
    the same."""
    return "" if book.format in ("csv", "html") else sheet[:128]


def previous_batch(session: Any, kind: str, file_hash: str, sheet: str) -> ImportBatch | None:
    """The batch that imported the same file (for a workbook: the same sheet of it) before. A
    workbook holding one list per sheet is imported sheet by sheet, and each sheet only once."""
    query = select(ImportBatch).where(ImportBatch.kind == kind, ImportBatch.file_hash == file_hash)
    if sheet:  # a text file matches on its content alone (batches before 0004 kept its name as the sheet)
        query = query.where(ImportBatch.sheet == sheet)
    return session.scalars(query.limit(1)).first()


def same_content_batch(session: Any, kind: str, content_hash: str) -> ImportBatch | None:
    """The batch that imported the same content before (:class:`ContentHash`), from whatever file
    and, for a department list, whichever department: the same people are not screened twice."""
    if not content_hash:
        return None
    return session.scalars(select(ImportBatch).where(ImportBatch.kind == kind,
                                                     ImportBatch.content_hash == content_hash).limit(1)).first()


def already_imported_message(batch: ImportBatch | BatchInfo, file_name: str,
                             remedy: str | None = None, *, sheet: str = "",
                             same_content: bool = False) -> str:
    """``sheet`` is named when the workbook has more than one sheet. ``same_content``: the earlier
    batch came from another file holding the same list (:class:`ContentHash`). A department list's
    ``remedy`` says how to import it again when the office read it wrong (another column or header row)."""
    if remedy is None:
        remedy = (f"如需更正,请让部门提供新的名单文件;如果是上次导入时选错了列或表头行,请先撤销批次 {batch.id}"
                  f"(主动发现 › 导入记录 › 撤销本批导入,或命令 relief-desk import undo {batch.id} --reason 原因)再导入。")
    when = batch.created_at.astimezone().strftime("%Y-%m-%d %H:%M") if batch.created_at else "此前"
    who = batch.imported_by or "某位用户"
    where = f"的工作表“{sheet}”" if sheet else "的内容"
    if same_content:
        what = "家庭台账" if batch.kind != KIND else f"{codes.department_label(batch.department)}名单"
        return (f"文件“{file_name}”{where}与批次 {batch.id}({what},原文件名“{batch.file_name}”)相同,已于 {when} 由 {who} "
                f"导入过(另存或换了文件格式,内容仍是同一份),不再重复导入。{remedy}")
    return (f"文件“{file_name}”{where}已于 {when} 由 {who} 导入过(批次 {batch.id},原文件名“{batch.file_name}”),"
            f"不再重复导入。{remedy}")


def _imported_meanwhile(uow: Any, exc: IntegrityError, file_name: str, file_hash: str, batch_sheet: str,
                        content_hash: str, *, sheet: str) -> NoReturn:
    """A batch refused by the database because another workstation imported the same file (or the
    same list in another file) between this one's check and its write: said as the check would have
    said it, naming by whom and when. Any other integrity error is raised as it was (a bug)."""
    uow.session.rollback()  # the rows written are not kept; what the other workstation saved is read
    earlier = previous_batch(uow.session, KIND, file_hash, batch_sheet)
    found = earlier or same_content_batch(uow.session, KIND, content_hash)
    if found is None:
        raise exc
    raise ServiceError(already_imported_message(found, file_name, same_content=earlier is None, sheet=sheet),
                       code=ALREADY_IMPORTED) from exc


def other_sheets_note(other_sheets: Sequence[str], sheet: str) -> str:
    """Said when a workbook holds further sheets with an ID column: only one sheet is read at a time."""
    if not other_sheets:
        return ""
    names = "、".join(f"“{n}”" for n in other_sheets[:8]) + (" 等" if len(other_sheets) > 8 else "")
    return (f"本工作簿另有 {len(other_sheets)} 个工作表也有身份证号列({names}),本次只读取工作表“{sheet}”。"
            "其他工作表请逐个选择后再导入。")


def numbers_lost_note(result: DepartmentImportResult) -> str:
    """Said when a CSV holds ID numbers written as numbers (4.20203E+17, or 15 digits and zeros): a
    system exports them as text, so the file was opened in Excel or WPS and saved again, which lost
    their last digits in every row, not only in the rows shown. The cure is the original export."""
    lost = result.invalid.get(idcard.Invalid.FLOAT.value, 0)
    if not lost or result.format != "csv":
        return ""
    return (f"有 {lost} 行的身份证号在文件里已是数字(科学计数法或末几位为 0):这个 CSV 文件多半是在 Excel 或 WPS 中"
            "打开后又保存过,身份证号被当成数字,末几位已丢失,无法恢复。请向部门索取系统直接导出、未经 Excel/WPS "
            "打开保存的原始文件;如需在 Excel 中查看,请用“数据 → 从文本/CSV”导入,并把身份证号列设为“文本”。")


def look_for_hidden_rows(result: DepartmentImportResult, path: str | Path) -> int:
    """How many of the rows read are hidden in the sheet (by hand, or by a filter that shows one
    街道 only): read and counted as any other, though whoever opens the file sees fewer. Kept in
    ``result.hidden_rows``. A look at the file after the import, not part of it: only a notice
    depends on it."""
    first = result.header_row + (1 if result.header_height else 0)
    result.hidden_rows = sum(1 for n in ss.hidden_rows(path, result.sheet, result.format) if first <= n <= result.last_data_row)
    return result.hidden_rows


def hidden_rows_note(result: DepartmentImportResult) -> str:
    if not result.hidden_rows:
        return ""
    what = (f"表格中有 {result.hidden_rows} 行数据是隐藏的(手动隐藏或被筛选掉),打开文件时看不到,但已照常比对并计入上面的数字;"
            "如果这些行不该导入(如筛选只显示本街道),")
    if result.dry_run or result.batch_id is None:
        return what + "请在原表格中删除它们后再导入。"
    return what + f"请先撤销本批次(导入记录 → 撤销本批导入,或 relief-desk import undo {result.batch_id} --reason 原因),删除它们后再导入。"


def import_notes(result: DepartmentImportResult) -> list[str]:
    """What the counts alone do not say about the file: ID numbers lost to Excel, rows hidden."""
    return [note for note in (numbers_lost_note(result), hidden_rows_note(result)) if note]


def column_name(columns: Sequence[str], index: int, last: int | None = None) -> str:
    """A column as the person finds it in the file: its letter (to ``last``'s, for a run of columns),
    and its header when it has one."""
    header = re.sub(r"\s+", "", columns[index]) if index < len(columns) else ""
    letters = ss.column_letter(index) + (f"–{ss.column_letter(last)}" if last is not None else "")
    return f"{letters} 列“{header[:40]}”" if header else f"{letters} 列"


def column_doc(columns: Sequence[str], index: int, boxes: tuple[int, int] | None = None) -> dict[str, str]:
    """A column for scripts (``import department --json``): its letter and its header text; for an ID
    number written one character per cell (``boxes``), the last column of its boxes too."""
    doc = {"column": ss.column_letter(index), "header": columns[index] if index < len(columns) else ""}
    if boxes is not None and boxes[0] == index:
        doc["last_column"] = ss.column_letter(boxes[1])
    return doc


def with_id_column(columns: Sequence[str], mapping: dict[str, int], id_col: int) -> dict[str, int]:
    """``mapping`` with the ID number read from ``id_col`` (chosen by hand) and the name from that
    person's name column when the file has one: a list read by the guardian's number takes the
    guardian's name, never the ward's (a clue would pair one person's name with another's number)."""
    out = {**mapping, "id_number": id_col}
    name = ss.name_column_for(columns, id_col)
    if name is not None:
        out["name"] = name
    return out


def other_id_columns(columns: Sequence[str], mapping: dict[str, int]) -> list[int]:
    """The columns besides the one read whose names say they hold ID numbers too (a guardian's, the
    head of the household's, a former number …)."""
    return [i for i in ss.id_columns(columns) if i != mapping.get("id_number")]


def columns_note(columns: Sequence[str], mapping: dict[str, int], boxes: tuple[int, int] | None = None) -> str:
    """Which columns give the ID number and the name, and the other ID columns left unread: a list with
    two ID columns (本人 and 监护人) says which one it was screened by. With ``boxes``, the ID number
    is written one character per cell from the first of those columns to the last."""
    if "id_number" not in mapping:
        return ""
    id_col = mapping["id_number"]
    if boxes is not None and boxes[0] == id_col:
        text = f"身份证号取自 {column_name(columns, id_col, boxes[1])}(每格一位,连起来读)"
    else:
        text = f"身份证号取自 {column_name(columns, id_col)}"
    if "name" in mapping:
        text += f",姓名取自 {column_name(columns, mapping['name'])}"
    others = other_id_columns(columns, mapping)
    if others:
        names = "、".join(column_name(columns, i) for i in others[:4]) + (" 等" if len(others) > 4 else "")
        if id_col in ss.id_columns(columns):
            text += f";另有 {names}的列名也指身份证号,未用于比对"
        else:  # the numbers read from a column named otherwise ("联系电话"): the two filled in swapped?
            text += f";{names}虽以身份证号为列名,未用于比对(请核对两列是否填反)"
    return text + "。"


_BIRTH_OK: dict[str, bool] = {}


def clean_number(raw: object) -> str | None:
    """The number itself when ``raw`` is a clean, valid 18-character string (the common case),
    else None: the caller then asks idcard.parse, which gives the exact reason."""
    if type(raw) is str and len(raw) == 18 and raw.isascii() and raw[:17].isdigit() and (
            raw[17].isdigit() or raw[17] == "X"):
        ok = _BIRTH_OK.get(raw[6:14])
        if ok is None:
            born = idcard._birth(raw[6:14])
            ok = _BIRTH_OK[raw[6:14]] = born is not None and born <= date.today()
        # The weights 7 9 10 5 … 2 are 2**17 … 2**1 mod 11, so the weighted sum mod 11 equals
        # 2 × (the 17 digits read in base 13, as 13 ≡ 2 mod 11) mod 11: one C-level int().
        if ok and idcard.CHECK_CHARS[(2 * int(raw[:17], 13)) % 11] == raw[17]:
            return raw
    return None


def shifted_row_message(values: Sequence[Any], width: int, id_col: int) -> str | None:
    """For a CSV row with more cells than its header whose ID number stands as many columns right of the
    ID column (an address or name before it holding a comma without quotes): what went wrong, or None."""
    extra = len(values) - width
    at = id_col + extra
    if extra <= 0 or at >= len(values) or not parse_id(values[at]).valid:
        return None
    return (f"这一行比表头多出 {extra} 列,各列已错位(身份证号前面的某个单元格里多半有没加引号的逗号):"
            f"身份证号一栏读到的是“{ss.cell_text(values[id_col])[:20]}”,号码在其右边第 {extra} 列。"
            "请在原文件中去掉该逗号或给该内容加上引号后重新导出")


def parse_id(raw: object) -> idcard.IdResult:
    """idcard.parse with the fast road of :func:`clean_number`."""
    number = clean_number(raw)
    return idcard.IdResult(raw, number, None) if number is not None else idcard.parse(raw)  # type: ignore[arg-type]


def reason_label(reason: str, duplicate_of: int | None = None) -> str:
    """The Chinese text for a reason key (an idcard.Invalid value, DUPLICATE, FORMULA or ERROR_VALUE)."""
    if reason == DUPLICATE:
        return f"与第{duplicate_of}行重复" if duplicate_of else "身份证号重复"
    if reason == FORMULA:
        return FORMULA_LABEL
    if reason == ERROR_VALUE:
        return ERROR_VALUE_LABEL
    try:
        return idcard.REASON_LABELS[idcard.Invalid(reason)]
    except ValueError:
        return reason


def import_department_list(db: Database, actor: Actor, path: str | Path, department: str, *,
                           mapping: dict | None = None, sheet: str | None = None, header_row: int | None = None,
                           dry_run: bool = False, progress: Progress | None = None,
                           assign_region_id: int | None = None, max_rows: int | None = None) -> DepartmentImportResult:
    """Read, screen and (unless ``dry_run``) keep a department list as one batch."""
    require_role(actor, *IMPORTERS, doing="导入部门名单")
    dept = department_code(department)
    path = Path(path)
    file_hash = file_sha256(path)
    book = _open(path)
    try:
        layout = _load_layout(book, sheet, header_row, require_id=not (mapping and "id_number" in mapping))
        if mapping:
            try:
                layout.mapping = ss.check_mapping(book, layout, mapping)
            except ss.SpreadsheetError as exc:
                raise ServiceError(exc.message, code=INVALID_FILE) from exc
        else:
            saved = _remembered_mapping(db, dept, layout)
            if saved is not None:
                layout.mapping = saved
        _check_row_limit(book, layout, progress, max_rows)
        result = DepartmentImportResult(None, book.name, dept, dry_run=dry_run, sheet=layout.sheet,
                                        header_row=layout.header_row, header_height=layout.header_height,
                                        mapping=dict(layout.mapping), file_hash=file_hash,
                                        format=layout.format, encoding=layout.encoding,
                                        other_sheets=list(layout.other_sheets), columns=list(layout.columns),
                                        id_boxes=layout.id_boxes)
        with unit_of_work(db, actor, write=not dry_run) as uow:
            session = uow.session
            earlier = previous_batch(session, KIND, file_hash, batch_sheet(book, layout.sheet))
            if earlier is not None:
                message = already_imported_message(earlier, book.name,
                                                   sheet=layout.sheet if len(layout.sheet_names) > 1 else "")
                if not dry_run:
                    raise ServiceError(message, code=ALREADY_IMPORTED)
                result.already_imported = message
            if assign_region_id is not None:
                _region_to_assign(session.get(Region, assign_region_id), assign_region_id)
            batch_id = None
            if not dry_run:
                batch = ImportBatch(kind=KIND, department=dept, file_name=book.name[:256], file_hash=file_hash,
                                    sheet=batch_sheet(book, layout.sheet), header_row=layout.header_row,
                                    mapping=_mapping_doc(layout), counts={},
                                    imported_by=_who(actor), created_by_id=actor.user_id)
                session.add(batch)
                try:
                    uow.flush()
                except IntegrityError as exc:  # the same file imported on another workstation meanwhile
                    _imported_meanwhile(uow, exc, book.name, file_hash, batch.sheet, "",
                                        sheet=layout.sheet if len(layout.sheet_names) > 1 else "")
                batch_id = batch.id
            with _cyclic_gc_paused():
                _screen(uow, actor, book, layout, result, batch_id, progress, assign_region_id, max_rows)
            result.check()
            # The same list in another file (saved again by Excel, exported as CSV): known once it is read.
            same = None if earlier is not None else same_content_batch(session, KIND, result.content_hash)
            if same is not None:
                message = already_imported_message(same, book.name, same_content=True,
                                                   sheet=layout.sheet if len(layout.sheet_names) > 1 else "")
                if not dry_run:
                    raise ServiceError(message, code=ALREADY_IMPORTED)  # the rows written are rolled back
                result.already_imported = message
            if not dry_run:
                batch.content_hash = result.content_hash
                batch.counts = result.counts()
                if result.valid:  # not the slip of a column without ID numbers (--id-column on the amounts)
                    _remember_mapping(session, actor, dept, layout)
                uow.audit("import.department", "import_batches", batch_id,
                          after={"file": book.name, "hash": file_hash, **result.counts()},
                          detail=f"导入{codes.department_label(dept)}名单《{book.name}》")
                uow.notify("clues")
                uow.notify("import_batches", batch_id or 0)
                try:
                    uow.flush()
                except IntegrityError as exc:  # another workstation imported the same list meanwhile
                    _imported_meanwhile(uow, exc, book.name, file_hash, batch.sheet, result.content_hash,
                                        sheet=layout.sheet if len(layout.sheet_names) > 1 else "")
                result.batch_id = batch_id
            if progress is not None:  # the last moment a cancel can still roll everything back
                progress.report(result.data_rows, result.data_rows, "完成")
                progress.commit()  # a cancel asked later is refused: the import is done
        return result
    finally:
        book.close()


def _check_row_limit(book: ss.Workbook, layout: ss.Layout, progress: Progress | None, max_rows: int | None) -> None:
    """A list of more data rows than an import takes is refused before any of them is screened: a
    sheet long enough to hold that many has its rows counted first (seconds, where screening a
    million rows to find the one too many takes minutes)."""
    limit = ss.MAX_ROWS if max_rows is None else max_rows
    if ss.rows_at_most(book, layout) <= limit:
        return
    try:
        for counted, _row in enumerate(ss.data_rows(book, layout, max_rows=limit), start=1):
            if progress is not None and counted % 10_000 == 0:
                progress.report(0, 0, f"正在清点行数:{counted:,}")
    except ss.SpreadsheetError as exc:
        raise ServiceError(exc.message, code=INVALID_FILE) from exc


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Reading a big list makes hundreds of thousands of short-lived rows; the cyclic collector's
    passes over them (and over the sheet calamine holds) cost about a tenth of the import and
    find nothing to free. Reference counting still frees everything; the collector resumes after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _who(actor: Actor) -> str:
    if actor.display_name and actor.display_name != actor.username:
        return f"{actor.display_name}({actor.username})"[:64]
    return actor.username[:64]


def _mapping_doc(layout: ss.Layout) -> dict:
    return {"fields": dict(layout.mapping),
            "columns": {f: layout.columns[i] for f, i in layout.mapping.items() if i < len(layout.columns)},
            "header_height": layout.header_height, "headers": list(layout.columns)}


def _remember_mapping(session: Any, actor: Actor, dept: str, layout: ss.Layout) -> None:
    if layout.header_height == 0:  # a list without a header: its column letters say nothing of the next
        return
    doc = _mapping_doc(layout)
    saved = session.scalar(select(ColumnMapping).where(ColumnMapping.department == dept))
    if saved is None:
        session.add(ColumnMapping(department=dept, mapping=doc, updated_by_id=actor.user_id))
    elif saved.mapping != doc:
        saved.mapping = doc
        saved.updated_by_id = actor.user_id


class _Screening:
    """The database half of screening, run in its own thread.

    Each chunk of valid rows travels as one JSON parameter; the database unpacks it, matches it
    against the registry and writes the batch rows (and the clues, from the rows it has just
    written) in INSERT … SELECT statements: no per-row work in Python, and the driver releases the
    GIL for the whole statement, so reading and validating the next rows goes on meanwhile. On a dry
    run the same match only counts."""

    def __init__(self, session: Any, actor: Actor, result: DepartmentImportResult, batch_id: int | None) -> None:
        self.conn = session.connection()
        self.batch_id = batch_id
        self.result = result
        self.postgres = self.conn.dialect.name == "postgresql"
        self.counts: dict[str, int] = dict.fromkeys(("in_assistance", "known", "new"), 0)
        self.unassigned = 0
        self.clues = 0
        if self.postgres:
            chunk = "jsonb_array_elements(CAST(:chunk AS jsonb)) AS j(e)"  # parsed once, not per field
            item = ["(j.e ->> 0)::integer", "j.e ->> 1", "j.e ->> 2", "j.e ->> 3", "(j.e ->> 4)::integer",
                    "(j.e -> 5)::json"]
            field = "(r.data ->> '{}')"
        else:
            chunk = "json_each(:chunk) AS j"
            item = [f"json_extract(j.value, '$[{i}]')" for i in range(6)]
            field = "json_extract(r.data, '$.{}')"
        assisted = ", ".join(f"'{c.value}'" for c in sorted(codes.IN_ASSISTANCE))
        matched = (f"FROM {chunk} LEFT JOIN members m ON m.id_number = {item[2]} "
                   "LEFT JOIN households h ON h.id = m.household_id")
        outcome = ("CASE WHEN m.household_id IS NULL THEN 'new' "
                   f"WHEN h.category IN ({assisted}) THEN 'in_assistance' ELSE 'known' END")
        region = f"CASE WHEN m.household_id IS NULL THEN {item[4]} ELSE h.region_id END"
        clue_open = "EXISTS (SELECT 1 FROM clues c WHERE c.id_number = {} AND c.status <> 'closed')"
        if batch_id is None:
            self.count_rows = text(
                f"SELECT {outcome} AS outcome, count(*), count(CASE WHEN {region} IS NULL THEN 1 END), "
                f"count(CASE WHEN m.household_id IS NULL AND NOT {clue_open.format(item[2])} THEN 1 END) "
                f"{matched} GROUP BY 1")
            return
        self.insert_other = None if self.postgres else text(  # PostgreSQL takes them by COPY
            f"INSERT INTO import_rows ({', '.join(ROW_COLUMNS)}) SELECT "
            + ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(ROW_COLUMNS)))
            + " FROM json_each(:rows)")
        self.insert_rows = text(
            f"INSERT INTO import_rows ({', '.join(ROW_COLUMNS)}) "
            f"SELECT :batch, {item[0]}, {item[1]}, {item[2]}, {item[3]}, {outcome}, NULL, m.household_id, "
            f"{region}, {item[5]} {matched}").bindparams(batch=batch_id)
        clues = Clue.__table__.c
        label = codes.department_label(result.department)
        now = now_utc()
        self.insert_clues = text(
            "INSERT INTO clues (person_name, id_number, phone, address, description, status, region_id, "
            "scope_region_id, assigned_at, source_level, source, channel, reported_on, reported_by, batch_id, "
            "created_by_id, updated_by_id, version, created_at, updated_at) "
            f"SELECT r.name, r.id_number, substr(coalesce({field.format('phone')}, ''), 1, 32), "
            f"substr(coalesce({field.format('address')}, ''), 1, 256), :prefix || r.row_number || ' 行', "
            "CASE WHEN r.region_id IS NULL THEN 'new' ELSE 'assigned' END, r.region_id, r.region_id, "
            "CASE WHEN r.region_id IS NULL THEN NULL ELSE :now END, :level, :source, 'screening', :today, "
            ":reported_by, :batch, :user, :user, 1, :now, :now FROM import_rows r "
            "WHERE r.batch_id = :batch AND r.row_number BETWEEN :first AND :last AND r.outcome = 'new' "
            f"AND NOT {clue_open.format('r.id_number')}"
        ).bindparams(
            bindparam("now", now, type_=clues.created_at.type), bindparam("today", date.today(),
                                                                          type_=clues.reported_on.type),
            prefix=f"{label}名单《{result.file_name}》第 ", level=codes.SourceLevel.DEPARTMENT.value,
            source=result.department, reported_by=label[:64], batch=batch_id, user=actor.user_id)

    @staticmethod
    def pack(chunk: list[tuple]) -> tuple[int, int, str]:
        """One chunk of valid rows (row, name, number, raw ID, region, extra fields) as the JSON
        parameter of :meth:`valid`, with its first and last row numbers. Done by the reading
        thread: the database thread, the slower of the two, only waits for the database."""
        first, last = chunk[0][0], chunk[-1][0]
        chunk.sort(key=_by_number)  # neighbouring registry lookups touch fewer pages
        return first, last, _JSON_CHUNK(chunk)

    def valid(self, packed: tuple[int, int, str]) -> None:
        """Match and write one chunk of valid rows, as :meth:`pack` made it."""
        first, last, payload = packed
        if self.batch_id is None:
            for outcome, n, unassigned, clues in self.conn.execute(self.count_rows, {"chunk": payload}):
                self.counts[outcome] += n
                self.clues += clues
                if outcome != "in_assistance":
                    self.unassigned += unassigned
            return
        self.conn.execute(self.insert_rows, {"chunk": payload})
        self.clues += self.conn.execute(self.insert_clues, {"first": first, "last": last}).rowcount

    def other(self, rows: list[tuple]) -> None:
        """Invalid and duplicate rows: written as they are. On SQLite as one JSON parameter and one
        statement, as the valid rows: an executemany would take the GIL back after every row and
        wait each time for the reading thread to let go of it."""
        if self.batch_id is None:
            return
        if self.insert_other is None:
            bulk.insert_rows(self.conn, "import_rows", ROW_COLUMNS, rows)
        else:
            self.conn.execute(self.insert_other, {"rows": _JSON_CHUNK(rows)})

    def finish(self) -> None:
        """The screening buckets (for a real import counted from the rows written)."""
        if self.batch_id is not None:
            ir = ImportRow.__table__.c
            for outcome, n, unassigned in self.conn.execute(
                    select(ir.outcome, func.count(), func.count(case((ir.region_id.is_(None), 1))))
                    .where(ir.batch_id == self.batch_id, ir.outcome.in_(("in_assistance", "known", "new")))
                    .group_by(ir.outcome)):
                self.counts[outcome] = n
                if outcome != "in_assistance":
                    self.unassigned += unassigned
        self.result.clues_created = self.clues
        self.result.buckets.update(self.counts)
        self.result.unassigned = self.unassigned


_JSON_CHUNK = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _by_number(row: tuple) -> str:
    return row[2]


def _screen(uow: Any, actor: Actor, book: ss.Workbook, layout: ss.Layout, result: DepartmentImportResult,
            batch_id: int | None, progress: Progress | None, assign_region_id: int | None,
            max_rows: int | None) -> None:
    session = uow.session
    m = layout.mapping
    id_col = m["id_number"]
    name_col = m.get("name")
    type_col = m.get("id_type")
    optional = [(key, m[key]) for key in ("phone", "address", "subdistrict", "community") if m.get(key) is not None]
    resolver = RegionResolver(session) if any(k != "phone" for k, _ in optional) else None
    seen: dict[str, int] = {}
    pending: list[tuple] = []  # valid rows for the stage
    out_rows: list[tuple] = []  # invalid and duplicate rows
    invalid = result.invalid
    total = layout.total_rows_estimate
    cell_text = ss.cell_text
    id_cell = ss.id_cell
    id_key = ss.header_key(layout.columns[id_col]) if id_col < len(layout.columns) else ""
    # A column named "姓名及身份证号" holds "张三 420203…": the number is read, the name kept where no column has it.
    with_name = ss.holds_name_and_id(id_key)
    inside = ss.id_inside(id_key)
    if inside is not None:
        def id_cell(value: Any) -> Any:  # a 残疾人证号 or 全国学籍号 column: the ID number inside
            return inside(ss.id_cell(value))
    to_json = _json_text
    person_name, phone_number = spelling.person_name, spelling.phone_number
    write = batch_id is not None
    screening = _Screening(session, actor, result, batch_id)

    # The database work runs in a second thread while this one reads and validates the next rows.
    writer = bulk.WriterThread("department-import-db", depth=4)
    data_rows = valid = duplicates = legacy = 0
    content = ContentHash(layout.columns, layout.mapping)
    add_content = content.add
    try:
        for row in ss.data_rows(book, layout, max_rows=max_rows):
            values = row.values
            n = len(values)
            data_rows += 1
            add_content(values)
            raw = id_cell(values[id_col]) if id_col < n else ""
            cell_name = ""
            if with_name:
                cell_name, raw = ss.split_name_and_id(raw)
            number = clean_number(raw)
            parsed = None if number is not None else idcard.parse(raw)
            unsaved_formula = False
            error_value = None
            if parsed is not None and (parsed.reason is idcard.Invalid.EMPTY or raw == 0):
                # Read as empty, or as the 0 a writer saves in place of every result (XlsxWriter):
                # perhaps a formula whose result the file never saved. One that is a constant
                # (="420203…", a way to keep the digits as text) has a known result. Or an error
                # value (#N/A), which the reader gives as empty.
                formulas = book.formulas_without_result(layout.sheet)
                if (row.number, id_col) in formulas:
                    constant = formulas[(row.number, id_col)]
                    unsaved_formula = constant is None
                    if constant is not None:
                        raw = id_cell(constant)
                        number = clean_number(raw)
                        parsed = None if number is not None else idcard.parse(raw)
                elif raw == "":
                    error_value = book.error_values(layout.sheet).get((row.number, id_col))
                    if error_value is not None:
                        raw = error_value
            # Excel's error text written to a CSV ("#N/A" where a lookup found nobody) is no name,
            # phone or address: read as empty (only a text starting with "#" is looked up).
            if name_col is not None and name_col < n:
                value = values[name_col]
                if type(value) is str:
                    name = value.strip()[:64]
                    if name[:1] == "#" and name in ERROR_TEXTS:
                        name = ""
                else:
                    name = cell_text(value)[:64]
            else:
                name = cell_name[:64]
            name = person_name(name)  # 买买提•吐尔逊 as the registry writes it: 买买提·吐尔逊 (rules.spelling)
            data: dict[str, Any] = {}
            for key, col in optional:
                if col < n:
                    value = values[col]
                    if type(value) is str:
                        value = value.strip()
                        if value and (value[0] != "#" or value not in ERROR_TEXTS):
                            data[key] = value
                    elif value is not None:
                        value = cell_text(value)
                        if value:
                            data[key] = value
            if "phone" in data:  # "138 0714 1234" as the registry keeps it: 13807141234 (the clue's phone)
                data["phone"] = phone_number(data["phone"])
            raw_text = raw[:64] if type(raw) is str else cell_text(raw)[:64]
            if parsed is not None and not parsed.valid:
                reason = parsed.reason.value  # type: ignore[union-attr]
                message = parsed.message
                if unsaved_formula:
                    reason, message = FORMULA, FORMULA_LABEL
                elif error_value is not None or (type(raw) is str and raw.strip() in ERROR_TEXTS):
                    reason, message = ERROR_VALUE, error_value_message(str(raw).strip())
                elif reason != EMPTY and n > len(layout.columns) and book.format == "csv" and (
                        shifted := shifted_row_message(values, len(layout.columns), id_col)):
                    message = shifted
                elif reason != EMPTY and type_col is not None and other_document(
                        id_type := cell_text(values[type_col] if type_col < n else "")):
                    message = other_document_message(id_type, message)
                elif reason == idcard.Invalid.CHARACTERS.value and (swapped := swapped_message(raw_text, name)):
                    message = swapped
                invalid[reason] = invalid.get(reason, 0) + 1
                result.errors.append(RowProblem(row.number, "invalid", reason, message))
                if write:
                    out_rows.append((batch_id, row.number, name, None, raw_text, "invalid", reason, None, None,
                                     to_json(data)))
            else:
                if parsed is not None:
                    number = parsed.number
                first = seen.get(number)  # type: ignore[arg-type]
                if first is not None:
                    duplicates += 1
                    result.errors.append(RowProblem(row.number, DUPLICATE, DUPLICATE,
                                                    reason_label(DUPLICATE, first), first))
                    if write:
                        data["duplicate_of"] = first
                        out_rows.append((batch_id, row.number, name, number, raw_text, DUPLICATE, DUPLICATE, None,
                                         None, to_json(data)))
                else:
                    seen[number] = row.number  # type: ignore[index]
                    valid += 1
                    # of the valid rows (a repeat is counted once, as a duplicate, not as converted again)
                    legacy += parsed is not None and parsed.converted_from_15
                    region_id = assign_region_id
                    if resolver is not None:
                        region_id = resolver.resolve(data.get("subdistrict", ""), data.get("community", ""),
                                                     data.get("address", "")) or assign_region_id
                    pending.append((row.number, name, number, raw_text, region_id, data))
                    if len(pending) >= STAGE_CHUNK:
                        writer.put(screening.valid, screening.pack(pending))
                        pending = []
            if len(out_rows) >= CHUNK:
                writer.put(screening.other, out_rows)
                out_rows = []
            if progress is not None and data_rows % 500 == 0:
                progress.report(data_rows, max(total, data_rows), f"已读取 {data_rows} 行")
        if pending:
            writer.put(screening.valid, screening.pack(pending))
        if out_rows:
            writer.put(screening.other, out_rows)
    except BaseException as exc:  # cancelled, a reading or a database error: the rollback follows
        writer.close(abandon=True)  # what is still queued is skipped
        if isinstance(exc, ss.SpreadsheetError):
            raise ServiceError(exc.message, code=INVALID_FILE) from exc
        raise
    writer.close()
    result.data_rows, result.valid, result.duplicates, result.legacy_15_converted = data_rows, valid, duplicates, legacy
    if data_rows:
        result.last_data_row = row.number
    result.content_hash = content.hexdigest()
    if data_rows == 0:
        raise ServiceError(f"文件“{result.file_name}”的表头(第 {layout.header_row} 行)下面没有数据行。",
                           code=INVALID_FILE)
    screening.finish()
    result.invalid = {k: v for k, v in sorted(invalid.items(), key=lambda kv: -kv[1])}


# -- after the import ---------------------------------------------------------------------------

BATCHES_SHOWN = 500  # the latest batches the import history lists until asked for every one


def list_batches(db: Database, actor: Actor, kind: str | None = None, limit: int | None = BATCHES_SHOWN) -> CutList:
    """Imported batches, newest first, at most ``limit`` (None: every one); ``total`` of the answer
    counts them all, so that a list cut at the limit can say so."""
    with unit_of_work(db, actor) as uow:
        query = select(ImportBatch).order_by(ImportBatch.id.desc())
        if kind:
            query = query.where(ImportBatch.kind == kind)
        batches = [_batch_info(b) for b in uow.session.scalars(query if limit is None else query.limit(limit))]
        if not _sees_all(actor):
            _count_in_scope(uow, actor, batches)
        return CutList(batches, matched_in_all(uow.session, query, ImportBatch.id, len(batches), limit))


def _count_in_scope(uow: Any, actor: Actor, batches: list[BatchInfo]) -> None:
    """Below district level a department batch's counts are those of the rows in the actor's own
    regions, as :func:`count_batch_rows` counts them (one grouped query for every batch listed)."""
    listed = {b.id: b for b in batches if b.kind == KIND}
    if not listed:
        return
    found: dict[int, dict[str, Any]] = {i: {o: 0 for o in OUTCOMES} | {"invalid": {}} for i in listed}
    regions = uow.region_ids() or []
    ids = list(listed)
    for start in range(0, len(ids), CHUNK):
        for batch_id, outcome, reason, n in uow.session.execute(
                select(ImportRow.batch_id, ImportRow.outcome, ImportRow.reason, func.count())
                .where(ImportRow.batch_id.in_(ids[start:start + CHUNK]), ImportRow.region_id.in_(regions))
                .group_by(ImportRow.batch_id, ImportRow.outcome, ImportRow.reason)):
            mine = found[batch_id]
            if outcome == "invalid":
                mine["invalid"][reason or ""] = mine["invalid"].get(reason or "", 0) + n
            elif outcome in mine:
                mine[outcome] += n
    for batch_id, mine in found.items():
        b = listed[batch_id]
        valid = mine["in_assistance"] + mine["known"] + mine["new"]
        duplicates = mine.pop(DUPLICATE)
        b.counts.update(mine, valid=valid, duplicates=duplicates,
                        data_rows=valid + duplicates + sum(mine["invalid"].values()),
                        # rows without a region are in nobody's region: counted for those who may assign them
                        unassigned=b.counts.get("unassigned", 0) if actor.role in IMPORTERS else 0)


def other_departments(db: Database, actor: Actor) -> list[str]:
    """The departments outside the nine that have sent lists (their own names, as kept), the most
    recently imported first: offered again in the import wizard and the clue filters, so that the
    next list from 公安局 is filed under the same name."""
    with unit_of_work(db, actor) as uow:
        rows = uow.session.execute(
            select(ImportBatch.department, func.max(ImportBatch.id))
            .where(ImportBatch.kind == KIND, ImportBatch.department.is_not(None),
                   ImportBatch.department.not_in(list(codes.DEPARTMENT_LABELS)))
            .group_by(ImportBatch.department).order_by(func.max(ImportBatch.id).desc())).all()
        # a category's word kept as a department before it was refused (部门, 部门名单) is offered no more
        return [name for name, _ in rows if name and codes.source_category(name) is None]


def _batch_info(b: ImportBatch) -> BatchInfo:
    label = codes.department_label(b.department)
    if b.kind != KIND:
        label = "家庭台账"
    return BatchInfo(b.id, b.kind, b.department, label, b.file_name, b.file_hash, dict(b.counts or {}),
                     b.imported_by, b.created_at, b.sheet, b.header_row)


def get_batch(db: Database, actor: Actor, batch_id: int) -> BatchInfo:
    with unit_of_work(db, actor) as uow:
        return _batch_info(uow.get(ImportBatch, batch_id, "导入批次"))


def _sees_all(actor: Actor) -> bool:
    return not actor.region_path or actor.region_path.count("/") <= 2


def counts_whole_batches(actor: Actor) -> bool:
    """Whether the batches' counts shown to ``actor`` are the whole file's (district level), or
    those of the rows in the actor's own regions."""
    return _sees_all(actor)


def list_batch_rows(db: Database, actor: Actor, batch_id: int, outcome: str | Sequence[str] | None = None, *,
                    offset: int = 0, limit: int | None = None, unassigned_only: bool = False) -> list[BatchRow]:
    """The rows of a batch with what screening made of them (household stage, open clue/application)."""
    with unit_of_work(db, actor) as uow:
        s = uow.session
        uow.get(ImportBatch, batch_id, "导入批次")
        query = (select(ImportRow, Household.stage, Household.category, Region.name)
                 .outerjoin(Household, Household.id == ImportRow.household_id)
                 .outerjoin(Region, Region.id == ImportRow.region_id)
                 .where(ImportRow.batch_id == batch_id).order_by(ImportRow.row_number, ImportRow.id))
        if outcome:
            wanted = [outcome] if isinstance(outcome, str) else list(outcome)
            query = query.where(ImportRow.outcome.in_(wanted))
        if unassigned_only:
            query = query.where(ImportRow.region_id.is_(None), ImportRow.outcome.in_(("known", "new")))
        if not _sees_all(actor):
            query = query.where(ImportRow.region_id.in_(uow.region_ids() or []))
        if offset:
            query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit)
        rows = s.execute(query).all()
        numbers = [r[0].id_number for r in rows if r[0].id_number]
        households = [r[0].household_id for r in rows if r[0].household_id]
        clue_by_id: dict[str, int] = {}
        clue_by_household: dict[int, int] = {}
        apps: dict[int, int] = {}
        for start in range(0, max(len(numbers), len(households)), CHUNK):
            part = numbers[start:start + CHUNK]
            hpart = households[start:start + CHUNK]
            if part:
                for cid, number in s.execute(select(Clue.id, Clue.id_number).where(
                        Clue.id_number.in_(part), Clue.status != "closed").order_by(Clue.id)):
                    if number is not None:
                        clue_by_id.setdefault(number, cid)
            if hpart:
                for cid, hid in s.execute(select(Clue.id, Clue.household_id).where(
                        Clue.household_id.in_(hpart), Clue.status != "closed").order_by(Clue.id)):
                    if hid is not None:
                        clue_by_household.setdefault(hid, cid)
                for aid, hid in s.execute(select(Application.id, Application.household_id).where(
                        Application.household_id.in_(hpart), Application.status == "open").order_by(Application.id)):
                    apps.setdefault(hid, aid)
        out = []
        for row, stage, category, region_name in rows:
            number = row.id_number or ""
            shown = number if actor.sees_full_id else idcard.mask(number)
            raw = row.raw_id or number
            if not actor.sees_full_id and row.id_number:
                raw = idcard.mask(number)
            open_clue = (clue_by_household.get(row.household_id) if row.household_id else None) \
                or clue_by_id.get(number)
            data = dict(row.data or {})
            out.append(BatchRow(
                row.id, row.row_number, row.name, shown, raw, row.outcome, OUTCOME_LABELS.get(row.outcome, row.outcome),
                row.reason, reason_label(row.reason, data.get("duplicate_of")) if row.reason else "",
                row.household_id, stage, category, open_clue, apps.get(row.household_id) if row.household_id else None,
                row.region_id, region_name or "", data))
        return out


def log_rows_view(db: Database, actor: Actor, batch_id: int, outcome: str | Sequence[str] | None, rows: int) -> bool:
    """The ``rows`` rows of a batch with this outcome (as :func:`list_batch_rows` takes it; "unassigned":
    not in assistance and without a region) are shown: logged when their ID numbers are shown whole
    (:func:`log_full_id_list`)."""
    def words(session: Session) -> str:
        batch = session.get(ImportBatch, batch_id)
        name = f"批次 {batch_id}" + (f"({batch.file_name})" if batch is not None else "")
        wanted = [outcome] if isinstance(outcome, str) else list(outcome or ())
        shown = "、".join("未分派区划" if w == "unassigned" else OUTCOME_LABELS.get(w, w) for w in wanted) or "全部行"
        return f"{name};{shown}"

    return log_full_id_list(db, actor, "import_rows", words, rows)


def log_preview_view(db: Database, actor: Actor, preview: Preview, rows: int) -> bool:
    """The wizard's preview shows the file's first ``rows`` ID numbers whole: logged
    (:func:`log_full_id_list`), by file and sheet. The file is the department's, not yet in the
    program, but the numbers are as personal."""
    return log_full_id_list(db, actor, "import_preview", f"文件《{preview.file_name}》;工作表 {preview.sheet}", rows)


def count_batch_rows(db: Database, actor: Actor, batch_id: int) -> dict[str, int]:
    """Rows per outcome, plus "unassigned" (not in assistance and without a region). Below district
    level the outcomes count the rows :func:`list_batch_rows` shows: those in the actor's own regions."""
    with unit_of_work(db, actor) as uow:
        s = uow.session
        scope = [] if _sees_all(actor) else [ImportRow.region_id.in_(uow.region_ids() or [])]
        counts = dict.fromkeys(OUTCOMES, 0)
        for outcome, n in s.execute(select(ImportRow.outcome, func.count())
                                    .where(ImportRow.batch_id == batch_id, *scope).group_by(ImportRow.outcome)):
            counts[outcome] = n
        # rows without a region are in nobody's region: counted for those who may assign them (assign_rows)
        counts["unassigned"] = 0 if scope and actor.role not in IMPORTERS else s.scalar(
            select(func.count()).select_from(ImportRow).where(
                ImportRow.batch_id == batch_id, ImportRow.region_id.is_(None),
                ImportRow.outcome.in_(("known", "new")))) or 0
        return counts


def _check_rows_to_assign(uow: Any, batch_id: int, ids: list[int]) -> None:
    """Chosen rows are moved only from the actor's own regions (or from none), and only while their
    clue is still new or assigned: a row whose clue is under investigation or closed would have
    moved in the list while the clue stayed where it is being worked on. All or nothing."""
    s = uow.session
    outside: list[str] = []
    numbers: dict[str, int] = {}
    for chunk in (ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)):
        for row_number, region, number in s.execute(
                select(ImportRow.row_number, ImportRow.region_id, ImportRow.id_number)
                .where(ImportRow.batch_id == batch_id, ImportRow.id.in_(chunk),
                       ImportRow.outcome.in_(("known", "new")))):
            if region is not None and not uow.in_scope(region):
                outside.append(f"第{row_number}行")
            if number:
                numbers[number] = row_number
    if outside:
        listed = "、".join(outside[:20]) + (f" 等 {len(outside)} 行" if len(outside) > 20 else "")
        raise PermissionDenied(f"{listed}已分派到您管辖范围以外的区划,不能改派;本次一行也没有分派。")
    worked: list[tuple[int, str]] = []
    keys = sorted(numbers)
    for chunk in (keys[i:i + CHUNK] for i in range(0, len(keys), CHUNK)):
        for clue_id, number, status in s.execute(
                select(Clue.id, Clue.id_number, Clue.status)
                .where(Clue.batch_id == batch_id, Clue.id_number.in_(chunk),
                       Clue.status.in_(("investigating", "closed")))):
            state = "已办结" if status == "closed" else "正在调查"
            worked.append((numbers[number], f"第{numbers[number]}行(线索 #{clue_id} {state})"))
    if worked:
        worked.sort()
        listed = "、".join(text for _, text in worked[:20]) + (f" 等 {len(worked)} 行" if len(worked) > 20 else "")
        raise ValidationFailed(f"{listed}的线索已不能在名单中改派;本次一行也没有分派。"
                               "请取消选择这些行,调查中的线索可在“线索”中改派。")


def _region_to_assign(region: Region | None, region_id: int) -> Region:
    """The sub-district or community rows are assigned to; the district itself is no assignment (a clue
    for the whole district is one not yet assigned, as clues.assign_clues refuses it)."""
    if region is None:
        raise NotFound(f"找不到区划(编号 {region_id})。")
    if region.level == "district":
        raise ValidationFailed(f"“{region.name}”是全区:请分派到街道(镇)或社区(村),而不是全区。")
    return region


def assign_rows(db: Database, actor: Actor, batch_id: int, row_ids: Iterable[int] | None, region_id: int) -> int:
    """Assign not-in-assistance rows (all unassigned ones when ``row_ids`` is None) to a region;
    the clues created from them follow. Returns the number of rows assigned."""
    require_role(actor, *IMPORTERS, doing="分派名单线索")
    with unit_of_work(db, actor, write=True) as uow:
        s = uow.session
        batch = uow.get(ImportBatch, batch_id, "导入批次")
        region = _region_to_assign(uow.get(Region, region_id, "区划"), region_id)
        uow.require_scope(region.id, f"区划“{region.name}”")
        where = [ImportRow.batch_id == batch_id, ImportRow.outcome.in_(("known", "new"))]
        ids = None if row_ids is None else sorted(set(row_ids))
        if ids is None:
            where.append(ImportRow.region_id.is_(None))
        else:
            _check_rows_to_assign(uow, batch_id, ids)
        total = 0
        now = now_utc()
        chunks = [None] if ids is None else [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]
        for chunk in chunks:
            cond = list(where) + ([ImportRow.id.in_(chunk)] if chunk is not None else [])
            numbers = select(ImportRow.id_number).where(*cond, ImportRow.outcome == "new")
            s.execute(update(Clue).where(Clue.batch_id == batch_id, Clue.id_number.in_(numbers),
                                         Clue.status.in_(("new", "assigned")),
                                         # "every unassigned row" moves no clue sent elsewhere already
                                         *([Clue.region_id.is_(None)] if chunk is None else []))
                      .values(region_id=region.id, status="assigned", assigned_at=now, version=Clue.version + 1,
                              updated_at=now, updated_by_id=actor.user_id)
                      .execution_options(synchronize_session=False))
            done: Any = s.execute(update(ImportRow).where(*cond).values(region_id=region.id)
                                  .execution_options(synchronize_session=False))
            total += done.rowcount or 0
        counts = dict(batch.counts or {})
        counts["unassigned"] = s.scalar(select(func.count()).select_from(ImportRow).where(
            ImportRow.batch_id == batch_id, ImportRow.region_id.is_(None),
            ImportRow.outcome.in_(("known", "new")))) or 0
        batch.counts = counts
        uow.audit("import.assign", "import_batches", batch_id, after={"region_id": region.id, "rows": total},
                  detail=f"将批次 {batch_id} 的 {total} 行分派到{region.name}")
        uow.notify("clues")
        uow.notify("import_batches", batch_id)
        return total


# -- undoing an import ---------------------------------------------------------------------------

UNDO_ALL = (Role.ADMIN, Role.DISTRICT_REVIEWER)  # any batch; other importers only their own


@dataclass(frozen=True)
class UndoInfo:
    """What undoing a department-list batch removes, or why it cannot."""

    batch: BatchInfo
    rows: int  # batch rows
    clues: int  # clues the batch created
    worked_on: int  # of those, clues under investigation, closed, or linked to a household
    refusal: str  # empty when the batch can be undone


def _undo_info(uow: Any, actor: Actor, batch_id: int, expected_hash: str | None = None) -> UndoInfo:
    s = uow.session
    batch = uow.get(ImportBatch, batch_id, "导入批次")
    info = _batch_info(batch)
    rows = s.scalar(select(func.count()).select_from(ImportRow).where(ImportRow.batch_id == batch_id)) or 0
    clues, worked_on = s.execute(select(
        func.count(), func.count(case(((Clue.status.not_in(("new", "assigned"))) | Clue.household_id.is_not(None), 1))))
        .where(Clue.batch_id == batch_id)).one()
    refusal = ""
    if expected_hash is not None and info.hash != expected_hash:
        refusal = (f"批次 {batch_id} 已不是您看到的那一批:那一批刚刚已在另一台电脑上撤销,这个编号现在是"
                   f"{info.imported_by}导入的《{info.file_name}》。本次没有撤销任何内容;请刷新批次列表后核对。")
    elif batch.kind != KIND:
        refusal = "家庭台账的导入已经新建或更新了家庭档案,不能整批撤销;请在家庭档案中逐户更正。"
    elif actor.role not in UNDO_ALL and batch.created_by_id != actor.user_id:
        refusal = f"批次 {batch_id} 是{batch.imported_by}导入的;只有导入人本人、区级审核员或系统管理员可以撤销。"
    elif worked_on:
        refusal = (f"批次 {batch_id} 生成的线索中已有 {worked_on} 条开始调查、已办结或已关联家庭,不能整批撤销;"
                   "请在线索收件箱中逐条处理。")
    return UndoInfo(info, int(rows), int(clues), int(worked_on), refusal)


def undo_info(db: Database, actor: Actor, batch_id: int, *, expected_hash: str | None = None) -> UndoInfo:
    """What :func:`undo_batch` would remove (for the confirmation), and whether it may
    (``expected_hash``: as for :func:`undo_batch`)."""
    require_role(actor, *IMPORTERS, doing="撤销导入")
    with unit_of_work(db, actor) as uow:
        return _undo_info(uow, actor, batch_id, expected_hash)


def undo_batch(db: Database, actor: Actor, batch_id: int, reason: str, *, expected_hash: str | None = None) -> UndoInfo:
    """Remove a department-list batch that was a mistake (the wrong file, the wrong department): its
    rows and the clues it created, as long as nobody has started working on those clues. The file
    can then be imported again. The audit log keeps the batch, its counts and the reason.

    ``expected_hash``: the file hash of the batch the user saw. SQLite gives a new batch the number of
    the newest one deleted: a batch undone on another workstation and another file imported meanwhile
    would otherwise have that other file undone under the number the user saw."""
    require_role(actor, *IMPORTERS, doing="撤销导入")
    reason = reason.strip()
    if not reason:
        raise ValidationFailed("请填写撤销的原因。", {"reason": "必填"})
    with unit_of_work(db, actor, write=True) as uow:
        s = uow.session
        info = _undo_info(uow, actor, batch_id, expected_hash)
        if info.refusal:
            raise ServiceError(info.refusal)
        gone: Any = s.execute(Clue.__table__.delete().where(
            Clue.batch_id == batch_id, Clue.status.in_(("new", "assigned")), Clue.household_id.is_(None)))
        if (gone.rowcount or 0) != info.clues:  # another workstation took a clue up, or undid the batch, meanwhile
            if s.scalar(select(ImportBatch.id).where(ImportBatch.id == batch_id)) is None:
                raise NotFound(f"批次 {batch_id} 刚刚已被撤销(在另一台电脑或另一个窗口中);本次没有再做任何改动。")
            raise ServiceError(f"批次 {batch_id} 的线索刚刚有人开始处理,不能整批撤销;请刷新后查看。")
        s.execute(ImportRow.__table__.delete().where(ImportRow.batch_id == batch_id))
        s.execute(ImportBatch.__table__.delete().where(ImportBatch.id == batch_id))
        b = info.batch
        uow.audit("import.undo", "import_batches", batch_id,
                  before={"file": b.file_name, "hash": b.hash, "sheet": b.sheet, "department": b.department,
                          "imported_by": b.imported_by, "rows": info.rows, "clues": info.clues, **b.counts},
                  detail=f"撤销{b.department_label}名单《{b.file_name}》的导入(批次 {batch_id},"
                         f"{info.rows} 行、{info.clues} 条线索):{reason}")
        uow.notify("clues")
        uow.notify("import_batches", batch_id)
        return info


# -- error workbook -----------------------------------------------------------------------------

def write_error_workbook(path_in: str | Path, result_or_batch_id: DepartmentImportResult | int,
                         out_path: str | Path, *, db: Database | None = None, actor: Actor | None = None) -> int:
    """The invalid and duplicate rows in the file's own layout (desktop/io/error_workbook.py: the
    title and header rows as in the file, each row's every column, 原文件行号 and 错误原因 after them).
    Give the import result, or a batch id together with ``db`` and ``actor``. Returns rows written."""
    if isinstance(result_or_batch_id, DepartmentImportResult):
        res = result_or_batch_id
        sheet, header_row, mapping = res.sheet, res.header_row, res.mapping
        problems = {p.row_number: p.message for p in res.errors}
        expected_hash = res.file_hash
        other_documents: set[int] = set()  # the result's messages already name the document
    else:
        if db is None or actor is None:
            raise ValueError("write_error_workbook with a batch id needs db and actor")
        # the rows with errors are the whole file's (mostly without a region, full ID numbers as typed):
        # the importers' work, as the import and its undoing are
        require_role(actor, *IMPORTERS, doing="生成导入批次的错误清单")
        other_documents = set()
        with unit_of_work(db, actor) as uow:
            batch = uow.get(ImportBatch, int(result_or_batch_id), "导入批次")
            sheet, header_row = batch.sheet, batch.header_row
            mapping = dict((batch.mapping or {}).get("fields", {}))
            expected_hash = batch.file_hash
            problems = {}
            for r in uow.session.scalars(select(ImportRow).where(
                    ImportRow.batch_id == batch.id, ImportRow.outcome.in_(("invalid", DUPLICATE)))):
                problems[r.row_number] = reason_label(r.reason or "", (r.data or {}).get("duplicate_of"))
                if r.reason == ERROR_VALUE and r.raw_id:
                    problems[r.row_number] = error_value_message(r.raw_id)
                elif r.outcome == "invalid" and r.reason not in (EMPTY, FORMULA):
                    other_documents.add(r.row_number)  # the type column is read from the file below
                    again = idcard.parse(r.raw_id) if r.raw_id else None  # the precise message the import gave
                    if again is not None and again.reason is not None and again.reason.value == r.reason:
                        problems[r.row_number] = again.message
                        if again.reason is idcard.Invalid.CHARACTERS and (swapped := swapped_message(r.raw_id, r.name)):
                            problems[r.row_number] = swapped
    check_unchanged(path_in, expected_hash)
    book = _open(path_in)
    try:
        layout = _load_layout(book, sheet or None, header_row, require_id=not (mapping and "id_number" in mapping))
        if mapping:
            layout.mapping = {k: int(v) for k, v in mapping.items()}

        def rows() -> Iterator[tuple[int, list[Any], str]]:
            if not problems:
                return
            last = max(problems)
            type_col = layout.mapping.get("id_type")
            # A formula never calculated that is a constant (="420203…", to keep the digits as text) as
            # the import read it, not the empty cell the reader gives.
            formulas = book.formulas_without_result(layout.sheet)
            # The rows as the import read them: a 街道 merged down over its rows is each row's own.
            for row in ss.data_rows(book, layout):
                number, values = row.number, row.as_written  # an ID number's boxes one character per cell again
                if number in problems:
                    values = [formulas.get((number, i), v) if v in ("", None) else v for i, v in enumerate(values)]
                    message = problems[number]
                    if number in other_documents and type_col is not None and type_col < len(values) and \
                            other_document(id_type := ss.cell_text(values[type_col])):
                        message = other_document_message(id_type, message)  # as the import said it
                    yield number, values, message
                if number >= last:
                    break

        try:
            top = eb.sheet_top(book, layout.sheet, layout.header_row, layout.first_data_row)
            # A list without a header gets one naming the columns it was read by: sent back, it reads the same.
            names = {} if layout.header_height else {c: ss.FIELD_LABELS[f] for f, c in layout.mapping.items()}
            return eb.write_error_rows(out_path, top, rows(), width=eb.used_width(v for _n, v in layout.sample),
                                       text_column=layout.mapping.get("id_number"), names=names,
                                       formats=book.number_formats(layout.sheet, layout.first_data_row))
        except ss.SpreadsheetError as exc:
            raise ServiceError(exc.message, code=INVALID_FILE) from exc
        except OSError as exc:
            raise ServiceError(not_written_message(exc, out_path), code=NOT_WRITTEN) from exc
    finally:
        book.close()
