"""Reading department spreadsheets as they really arrive.

Formats: .xlsx/.xlsm/.xlsb, legacy .xls and .ods (python-calamine), and delimited text (.csv/.txt,
UTF-8, UTF-8 with BOM, UTF-16 with BOM, GBK/GB18030 — detected, never asked). The data sheet and
its header row are found beneath title rows; a header may be two rows (a merged group header over
the column names); blank rows, repeated header rows, total rows and the signature footer
("制表人:… 审核人:…") are not data. Columns are mapped by the names departments really use.

Every problem a user can meet is a :class:`SpreadsheetError` whose message is one plain Chinese
sentence naming the file (and the row/column where it applies). Rows are streamed one at a time.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import os
import re
import stat
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from struct import error as struct_error
from typing import Any
from xml.sax.saxutils import unescape as xml_unescape

from desktop.io import biff, markup
from desktop.io.files import system_reason
from desktop.rules import idcard

MAX_ROWS = 1_000_000  # data rows per file
HEADER_SCAN_ROWS = 80  # rows searched for the header on each sheet (filling instructions above it run to 40 and more)

FIELDS = ("id_number", "name", "subdistrict", "community", "address", "phone", "id_type")
FIELD_LABELS = {
    "id_number": "身份证号",
    "name": "姓名",
    "subdistrict": "街道/乡镇",
    "community": "社区/村",
    "address": "住址",
    "phone": "联系电话",
    "id_type": "证件类型",  # beside a 证件号码 column: a passport's number is no ID number
}
REQUIRED_FIELDS = ("id_number",)

# Exact header names (after normalising), best first.
ALIASES: dict[str, tuple[str, ...]] = {
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "公民身份证号", "证件号码", "身份证",
                  "身份证件号码", "身份证件号", "证件号", "证照号码", "居民身份证号码", "居民身份证号", "身份号码",
                  "身份证编号", "社会保障号码", "社会保障号", "idcard", "idnumber", "id",
                  # English, as a bilingual form's second header row gives them ("ID No.")
                  "idno.", "idno", "idcardno.", "idcardno", "idcardnumber", "identitycardno.", "identitycardnumber",
                  "identityno.", "identitynumber", "citizenid", "citizenidnumber", "idnum",
                  # the field codes of business systems' exports (公民身份号码, 身份证号码, 证件号码)
                  "gmsfhm", "sfzh", "sfzhm", "zjhm"),
    "name": ("姓名", "户主姓名", "患者姓名", "残疾人姓名", "申请人", "申请人姓名", "参保人姓名", "人员姓名", "对象姓名",
             "救助对象姓名", "救助对象", "职工姓名", "学生姓名", "失业人员姓名", "被救助人", "户主", "名字", "参保人",
             "患者", "持证人", "被帮扶人", "帮扶对象", "被帮扶对象", "困难对象", "name", "xm", "fullname",
             "aac003"),  # 人社's field code for 姓名 (AAC003 | AAC002)
    "subdistrict": ("街道", "乡镇", "街道乡镇", "乡镇街道", "街道(乡镇)", "乡镇(街道)", "所属街道", "所在街道", "镇街",
                    "街镇", "所属乡镇", "所在乡镇", "所属街道乡镇", "街道办事处", "街道名称",
                    "镇"),  # "镇(街道)"
    "community": ("社区", "村", "社区村", "村社区", "社区(村)", "村(社区)", "所属社区", "所在社区", "所属村", "所在村",
                  "村居", "社区居委会", "居委会", "村委会", "村(居)", "所属社区村", "社区名称", "网格",
                  # the statistical code of the community (or sub-district) the person lives in, or its full name
                  "区划代码", "行政区划代码", "所属区划代码", "区划编码", "行政区划编码", "行政区划", "所属区划"),
    # where people live before where they are registered (户籍): the community that visits them is where they live
    "address": ("住址", "地址", "家庭住址", "现住址", "居住地址", "家庭地址", "现居住地", "现居住地址", "常住地址", "居住地",
                "详细地址", "住所", "家庭详细住址", "联系地址", "通讯地址", "所在地", "家庭所在地", "现所在地", "居住地点",
                "房屋坐落", "房屋地址", "坐落", "户籍地址", "户籍所在地", "户籍地", "address", "homeaddress"),
    "phone": ("联系电话", "电话", "手机号", "手机号码", "手机", "联系方式", "电话号码", "联系号码", "本人电话", "本人手机",
              "家庭电话", "移动电话", "联系人电话", "phone", "tel", "telephone", "mobile", "phoneno."),
    "id_type": ("证件类型", "证件种类", "证件类别", "证件名称", "身份证件类型", "身份证件种类", "证照类型", "证件类型名称"),
}
_EXACT = {alias: (fld, rank) for fld, names in ALIASES.items() for rank, alias in enumerate(names)}
# Columns about the ID card that do not hold its number ("身份证地址", "身份证复印件", "是否有身份证").
_NOT_ID = ("类型", "类别", "种类", "有效期", "发证", "签发", "地址", "住址", "复印件", "照片", "扫描件", "是否", "有无")
_SECONDARY = ("监护人", "联系人", "代理人", "紧急", "配偶", "父亲", "母亲", "家长", "亲属", "法定", "经办",
              # relatives and carers beside the person, whoever sends the list
              "妻子", "丈夫", "儿子", "女儿", "子女", "爷爷", "奶奶", "祖父", "祖母", "外公", "外婆", "兄弟", "姐妹",
              "家属", "赡养", "抚养", "扶养", "陪护", "共同",
              # who collects the money or does the paperwork for the person
              "收款", "领款", "开户", "持卡", "户名", "代办", "代领", "受托", "被委托", "担保", "签收")
# Who the household's list names beside its people: the head, the applicant for them (申请人 | 救助对象).
_FOR_THE_HOUSEHOLD = ("户主", "申请人")
_WARD = re.compile(r"被(监护|代理|赡养|抚养|扶养|担保)人")  # the person under guardianship is the person the list is about
# An ID column for a number the person had before ("原身份证号", "旧身份证号", "15位身份证号"): ranks
# after the person's number now.
_FORMER = re.compile(r"^(原|旧|曾用)|15位")


def _secondary(text: str) -> bool:
    """The text gives the column to someone beside the person (a guardian, a relative, a contact)."""
    text = _WARD.sub("", text)  # once, not once for each word
    return any(word in text for word in _SECONDARY)

FOOTER_MARKERS = ("制表人", "制表", "填表人", "审核人", "复核人", "审批人", "负责人", "经办人", "单位负责人", "单位盖章",
                  "盖章", "填报单位", "填报人", "填报日期", "制表日期", "统计人", "领导签字", "签字")
TOTAL_MARKERS = ("合计", "总计", "小计", "共计", "累计", "总人数", "人数合计", "本页小计", "汇总", "计数")
# 汇总: the total row of an Excel table; "八泉街道 计数": a group's line of Excel's 分类汇总 (subtotals) counting it
END_MARKERS = ("以下空白", "以下无内容", "此页无正文")
NOTE_MARKERS = ("注:", "注：", "说明:", "说明：", "备注:", "备注：", *END_MARKERS)
SERIAL_HEADERS = ("序号", "编号", "no", "no.", "序")
# Shorter labels that open a footer line only as the first text of the row ("审核:李四", "日期:…", "(盖章)").
_FOOTER_LEAD = re.compile(r"(审核|审批|复核|日期|联系人|联系电话|主管领导|分管领导)[:：]|(单位)?[(（]盖章[)）]"
                          r"|[^:：\d]{0,4}(单位|部门|日期|时间)[:：]")  # "报送单位:…", "统计日期:…"
# A section heading inside the table ("一、八泉街道", "(二)河口镇"): the only text of its row.
_SECTION = re.compile(r"([一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[部分组批页])")
# ... or the bare name of a region ("八泉街道", "飞云社区居委会", "河口镇(12人)"): a CSV keeps no merged
# cells, so a group heading there is a lone name; a person's name does not end like that.
_REGION_HEADING = re.compile(r"[\u4e00-\u9fff]{2,16}(街道(办事处)?|社区(居委会)?|居委会|村委会|村|镇|乡|区|县)"
                             r"([(（][^()（）]{0,12}[)）])?")
# ... or numbered with digits ("1、八泉街道", "（2）河口镇"), a numbered group ("第一网格", "3组"), a
# count ("八泉街道 12人") or a date line ("2026年10月8日") alone in its row.
_NUMBERED = re.compile(r"\d{1,3}[、.．]|[(（]\d{1,3}[)）]|第?[一二三四五六七八九十百\d]+(村民小组|小组|组|网格|片区)$")
# ... or only its number, its name in the next cell ("一 | 八泉街道", "(2) | 八泉街道"; a bare 2 numbers a person).
_HEADING_NUMBER = re.compile(r"[(（]?[一二三四五六七八九十]+[)）、.．]?|[(（]\d{1,3}[)）]|\d{1,3}[、.．]")
_COUNT_CELL = re.compile(r"[(（]?共?\d+(户|人|名)(\d+(人|名))?[)）]?")  # a heading's count in a cell of its own
_COUNT_IN = re.compile(r"\d+(人|户|名)[)）]?$")
# ... or a printed page's number ("第 2 页 共 5 页", "- 2 -", "Page 2 of 5"), kept in a list copied from print.
_PAGE = re.compile(r"第\d+页([/／,，、]?共\d+页)?|共\d+页[/／,，、]?第\d+页|[-—–]\d+[-—–]|page\d+((/|of)\d+)?", re.I)
_DATE_LINE = re.compile(r"\d{4}(年\d{1,2}月(\d{1,2}日)?|[-/.]\d{1,2}([-/.]\d{1,2})?)")
# A person's name: up to four Chinese characters, or a transcribed name with its dot ("买买提·艾力"),
# perhaps with a remark in brackets ("王五（已故）").
_PERSON_NAME = re.compile(r"([\u4e00-\u9fff]{1,4}|[\u4e00-\u9fff]{1,10}([·•・．.][\u4e00-\u9fff]{1,10})+)"
                          r"([(（][^()（）]*[)）])?")
# ... or names a group of people or the table itself ("特困人员", "低保对象", "续表"): words no
# person's name holds.
_GROUP_WORDS = re.compile(r"人员|对象|家庭|名单|续表|(接|见)上表|以下空白")
COUNT_LINE = re.compile(r"(以上|本表|本页)?共计?\d+(人|户|名|条)")  # "共 10 人" in place of a total row
# A formula's error values as Excel shows them (a CSV saved by Excel holds them as their text).
ERROR_VALUES = frozenset(("#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"))
_LABELLED = re.compile(r"\D{1,10}[:：]")  # "日期:2026-01-05" in the ID column: a label, not a number


def _reraise_unless_error(exc: BaseException) -> None:
    """calamine reports some damaged files by a Rust panic, which reaches Python as pyo3's
    PanicException, a BaseException: treat it as an error; let everything else through."""
    if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
        raise exc


def _damage_of(exc: BaseException) -> str:
    """What calamine found wrong inside a workbook, said plainly (its own words are for developers)."""
    text = str(exc).lower()
    if type(exc).__name__ == "WorksheetNotFound":  # the workbook lists the sheet, its part is not in the file
        return "工作表的内容不在文件中"
    if "not found in archive" in text:  # a part every such workbook has (manifest.xml, workbook.xml)
        return "缺少表格文件必需的组成部分"
    if "checksum" in text or "crc" in text:
        return "压缩数据校验失败,文件在传输或保存时受损"
    if type(exc).__name__ == "XmlError" or "xml" in text:
        return "内容不完整或格式错误"
    if type(exc).__name__ == "ZipError" or "zip" in text:
        return "压缩结构不完整"
    if "shared string" in text:  # a cell points past the end of the workbook's table of texts
        return "单元格引用的文字在文件的共享文字表中不存在"
    return "内容无法解析"  # calamine's own words ("t", "workbook", "syntax error: …") tell a user nothing


class SpreadsheetError(Exception):
    """A file-level problem, with a message for the user (Chinese, names the file)."""

    def __init__(self, message: str, *, kind: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind  # not_spreadsheet / encrypted / empty / no_id_column / too_many_rows / unreadable / damaged


# -- cells -----------------------------------------------------------------------------------

_EQ_QUOTED = re.compile(r'^="(.*)"$', re.S)
# Zero-width and direction marks pasted in with text, NUL padding: not whitespace to str.strip.
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff\x00"


def cell_text(value: Any) -> str:
    """What a cell shows, as text: integral numbers without ".0", dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip().strip(_INVISIBLE).strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g").upper()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


SERIAL_EPOCH = datetime(1899, 12, 30)  # day 0 of the date serial numbers of Excel, WPS and LibreOffice


def date_serial(value: Any) -> float | None:
    """The number a cell with a date or time format holds (36000 shown as 1998-07-24, 0 as 00:00:00),
    as the spreadsheet stores it; None for any other value. A reader hands such a cell over as a date."""
    if isinstance(value, datetime):
        delta = value - SERIAL_EPOCH
    elif isinstance(value, date):
        delta = datetime.combine(value, time(0)) - SERIAL_EPOCH
    elif isinstance(value, time):
        delta = datetime.combine(SERIAL_EPOCH, value) - SERIAL_EPOCH
    elif isinstance(value, timedelta):
        delta = value
    else:
        return None
    return round(delta.total_seconds() / 86400, 6)


def id_cell(value: Any) -> Any:
    """An ID cell as read. A spreadsheet number cell is a float however it is handed to us: an
    integer of 16 or more digits from one has lost its last digits, so it is treated as the float
    it was (rejected as "stored as a number"); a 15-digit legacy number survives intact."""
    if type(value) is int and abs(value) >= 10**15:
        return float(value)
    return value


# The traditional characters of the column names above (a list from Taiwan or Hong Kong, or written on
# a traditional-Chinese Windows): a header is compared in simplified characters.
_SIMPLIFIED = str.maketrans("證號碼話電聯繫區鄉鎮戶屬類別稱監護險員對象現詳細機會編際種", "证号码话电联系区乡镇户属类别称监护险员对象现详细机会编际种")


_BRACKETS = str.maketrans("（【[〔）】]〕：", "(((())))" + ":")
_ENGLISH_AFTER = re.compile(r"(?<=[\u4e00-\u9fff])[A-Za-z][A-Za-z0-9._'/-]*$")
_HEADER_NOISE = re.compile("[\\s\u3000\u00a0*＊※★" + _INVISIBLE + "]+")


def header_key(text: Any) -> str:
    """A header as compared: no spaces, zero-width marks or asterisks, no remarks in brackets, lower
    case, half-width ("ＩＤ"), simplified."""
    return _header_key(cell_text(text))


@lru_cache(maxsize=8192)  # asked again for each candidate header row, as _field_of
def _header_key(s: str) -> str:
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s).translate(_SIMPLIFIED)
    s = _HEADER_NOISE.sub("", s)
    s = s.translate(_BRACKETS)  # "姓名【必填】", "身份证号码[18位]": remarks as in round brackets
    core = re.sub(r"\([^)]*\)", "", s)
    if core and not (_NAME_WORDS.search(core) and _ID_WORDS.search(s) and not _ID_WORDS.search(core)):
        s = core  # not "姓名(身份证号)": a column of both, its remark naming the number
    s = _ENGLISH_AFTER.sub("", s)  # a bilingual form's "姓名 Name", "身份证号 ID No."
    s = s.strip(":：")
    return s.replace("/", "").replace("、", "").replace("\\", "").lower()


@lru_cache(maxsize=8192)  # a header search asks again for each candidate header row (a wide sheet: thousands)
def _field_of(key: str) -> tuple[str, int] | None:
    """(field, rank) for a normalised header; lower rank = better match."""
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    secondary = _secondary(key)
    base = 100 if secondary else 50
    if is_disability_card(key) or is_student_number(key):
        return ("id_number", 90)  # the holder's ID number inside: used when no ID column is named
    if ("身份证" in key or "证件号" in key or "身份号码" in key or "公民身份" in key) and not any(
            w in key for w in _NOT_ID):
        return ("id_number", 100 if _FORMER.search(key) else base)
    if "证件" in key and any(w in key for w in ("类型", "种类", "类别", "名称")):
        return ("id_type", base)
    if key.endswith("姓名") or key.endswith("名称") and ("人" in key or "对象" in key):
        return ("name", base)
    if "电话" in key or "手机" in key:
        return ("phone", base)
    if "地址" in key or "住址" in key:
        return ("address", base)
    if ("社区" in key or key.endswith("村") or "村委" in key or "村居" in key) and "地址" not in key:
        return ("community", base)
    if ("街道" in key or "乡镇" in key or "镇街" in key) and "地址" not in key:
        return ("subdistrict", base)
    return None


_REMARK = re.compile(r"[(（【\[〔]([^()（）【】\[\]〔〕]*)[)）】\]〕]")


def is_disability_card(key: str) -> bool:
    """A disabled person's certificate number (残疾人证号), by its normalised header: the holder's ID
    number with two more digits (see idcard.from_disability_card)."""
    return "残疾" in key and ("证号" in key or "证编号" in key) and not any(w in key for w in _NOT_ID)


def is_student_number(key: str) -> bool:
    """A national student number (全国学籍号), by its normalised header: "G" and the student's ID
    number (see idcard.from_student_number)."""
    return ("学籍号" in key or "学籍编号" in key) and not any(w in key for w in _NOT_ID)


def id_inside(key: str) -> Callable[[Any], Any] | None:
    """For a column of another number holding the ID number (残疾人证号, 全国学籍号), by its normalised
    header: what takes the ID number out of a cell. None for an ID number column."""
    if is_disability_card(key):
        return idcard.from_disability_card
    if is_student_number(key):
        return idcard.from_student_number
    return None


# A column named for the name and the number together ("姓名及身份证号", "姓名/身份证号码", "身份证号码姓名"),
# as a list typed by hand in a village keeps them: each cell holds both.
_NAME_AND_ID = re.compile(r"姓名.*(身份证|证件号|公民身份|身份号码)|(身份证|证件号|公民身份|身份号码).*姓名")
_BETWEEN = r"[\s:：,，;；/、\-－—(（]*"  # "张三 420…", "张三:420…", "张三-420…", "张三(420…)"
_NAME_PART = r"[^\d０-９\s:：,，;；/、\-－—(（)）]"
_NAME_FIRST = re.compile(rf"\s*(?P<name>{_NAME_PART}{{1,20}}?([(（][^()（）\d]{{0,10}}[)）])?){_BETWEEN}(?P<number>['‘’`]?[\d０-９].*?)?[\s)）]*", re.S)
_NAME_LAST = re.compile(rf"\s*(?P<number>['‘’`]?[\d０-９].*?){_BETWEEN}(?P<name>(?![xXｘＸ]){_NAME_PART}{{1,20}})[\s)）]*",
                        re.S)


def holds_name_and_id(key: str) -> bool:
    """The normalised header names a column holding each person's name and ID number together."""
    return _NAME_AND_ID.search(key) is not None


def split_name_and_id(value: Any) -> tuple[str, Any]:
    """(the name, the number) of a cell of such a column: "张三 420203…", "张三\\n420203…", "张三420203…",
    "420203… 张三". A name alone is a person whose number was not given (an empty number). Any other
    value (a number cell, a number alone) is the number."""
    if not isinstance(value, str):
        return "", value
    for pattern in (_NAME_FIRST, _NAME_LAST):
        m = pattern.fullmatch(value)
        if m:
            return m.group("name"), m.group("number") or ""
    return "", value


def map_columns(headers: Sequence[Any], groups: Sequence[str] = ()) -> dict[str, int]:
    """Field -> column index (0-based) for the best-matching header of each field.

    A column that a remark in brackets ("身份证号码(配偶)") or the group above it in a two-row header
    (``groups``: "监护人" over 姓名 and 身份证号) gives to a guardian, relative or contact ranks after
    every column that is the person's own, as "监护人身份证号" does. The head of the household's or the
    applicant's column ("户主姓名", "申请人身份证号", or under a group "户主") ranks after any other of the
    same field: a list that names both the head and a member (成员, 患者, 救助对象 …) is a list of the members. Of two ID columns
    alike, the one named for the same person as the name column is taken ("患者姓名" → "患者身份证号")."""
    best: dict[str, tuple[int, int]] = {}
    ids: list[tuple[int, int, str]] = []  # every ID column: rank, index, key
    keys: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = header_key(header)
        found = _field_of(key)
        if found is None:
            continue
        fld, rank = found
        if rank < 100:
            group = groups[index] if index < len(groups) else ""
            if any(w in key or w in group for w in _FOR_THE_HOUSEHOLD):
                rank = 99  # still before a guardian's or relative's column
            around = "".join(_REMARK.findall(cell_text(header))) + group
            if _secondary(around):
                rank += 200
        keys[index] = key
        if fld == "id_number":
            ids.append((rank, index, key))
        if fld not in best or rank < best[fld][0]:
            best[fld] = (rank, index)
    if "name" in best and "id_number" in best:
        whose = re.sub(r"(姓名|名字|名称)$", "", keys[best["name"][1]])
        if whose:
            rank = best["id_number"][0]
            same = [index for r, index, key in ids if r == rank and _ID_WORDS.match(key, len(whose))
                    and key.startswith(whose)]
            if same:
                best["id_number"] = (rank, same[0])
    return {fld: index for fld, (_rank, index) in best.items()}


_ID_WORDS = re.compile(r"身份证|证件号|公民身份|身份号码|社会保障")
_NAME_WORDS = re.compile(r"(姓名|名字|名称)$")


def name_column_for(headers: Sequence[Any], id_col: int) -> int | None:
    """The name column of the person whose ID number is in column ``id_col``: "监护人姓名" (or 姓名 under
    a group 监护人) for "监护人身份证号", "姓名" for "身份证号". None when no column names that person.
    A list read by another ID column than the one found (a guardian's) takes that person's name."""
    if not 0 <= id_col < len(headers):
        return None
    key = header_key(headers[id_col])
    found = _ID_WORDS.search(key)
    whose = key[:found.start()] if found else None
    if whose is None:
        return None
    for index, header in enumerate(headers):
        other = header_key(header)
        if index != id_col and (_field_of(other) or ("",))[0] == "name" and _NAME_WORDS.sub("", other) == whose:
            return index
    return None


def id_columns(headers: Sequence[Any]) -> list[int]:
    """Every column whose name says it holds an ID number (the person's own, a guardian's, the head of
    the household's …), in order."""
    out = []
    for index, header in enumerate(headers):
        found = _field_of(header_key(header))
        if found is not None and found[0] == "id_number":
            out.append(index)
    return out


# -- the file ---------------------------------------------------------------------------------

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class _NotAFile(OSError):
    """A device, a pipe or a socket given as the file: reading it would wait for ever (a pipe with no
    writer) or never end (/dev/zero)."""


def _open_binary(path: Path) -> io.BufferedReader:
    mode = os.stat(path).st_mode
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):  # a folder is said to be one when opened
        raise _NotAFile(errno.EINVAL, "not a regular file", str(path))
    return open(path, "rb")  # noqa: SIM115


def _unreadable(path: Path, exc: OSError) -> SpreadsheetError:
    name = path.name
    if isinstance(exc, FileNotFoundError):
        where = f"({path})" if str(path) != name else ""  # the folder, when one was given
        return SpreadsheetError(f"找不到文件“{name}”{where}。", kind="unreadable")
    if isinstance(exc, IsADirectoryError):
        return SpreadsheetError(f"“{name}”是一个文件夹,不是表格文件。", kind="unreadable")
    if isinstance(exc, _NotAFile):
        return SpreadsheetError(f"“{name}”不是普通文件(是设备、管道或套接字),不能作为表格读取。"
                                "请选择一个 Excel 或 CSV 文件。", kind="unreadable")
    if isinstance(exc, PermissionError):
        return SpreadsheetError(
            f"无法读取文件“{name}”:文件被占用或没有读取权限(可能正在 Excel/WPS 中打开)。请关闭该文件后重试。",
            kind="unreadable")
    if exc.errno == errno.ELOOP:
        return SpreadsheetError(f"无法读取文件“{name}”:它是一个循环指向自身的链接(快捷方式),找不到实际的文件。",
                                kind="unreadable")
    if exc.errno == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == 206:
        return SpreadsheetError(f"无法读取文件“{name}”:文件路径或文件名过长。请把文件移到较短的路径下(如桌面)再导入。",
                                kind="unreadable")
    return SpreadsheetError(f"无法读取文件“{name}”:{system_reason(exc)}。", kind="unreadable")


def sniff_format(path: str | Path) -> str:
    """'xlsx' / 'xls' / 'ods' / 'csv' / 'html' / 'mht' / 'xmlss' from the content (the extension is only a hint)."""
    p = Path(path)
    name = p.name
    try:
        with _open_binary(p) as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise _unreadable(p, exc) from exc
    if not head:
        raise SpreadsheetError(f"文件“{name}”是空的(0 字节),没有任何内容。", kind="empty")
    if name.startswith("~$") and len(head) <= 512 and not head.startswith((OLE2_MAGIC, b"PK")):
        # The owner file Excel, WPS and Word keep beside a workbook while it is open (who opened it).
        raise SpreadsheetError(f"文件“{name}”是 Excel/WPS 打开表格时生成的临时文件(文件名以 ~$ 开头),不是名单本身。"
                               "请选择同一文件夹中名称不带“~$”的那个文件。", kind="not_spreadsheet")
    if head.startswith(OLE2_MAGIC):
        if _ole_is_encrypted(p):
            raise SpreadsheetError(encrypted_message(name),
                                   kind="encrypted")
        if "WordDocument".encode("utf-16-le") in head or _ole_has(p, "WordDocument"):
            raise SpreadsheetError(f"文件“{name}”是 Word 文档,不是电子表格。", kind="not_spreadsheet")
        try:
            damage = _ole_damage(p)
        except OSError as exc:
            raise _unreadable(p, exc) from exc
        except struct_error:
            damage = "文件结构不完整"
        if damage:
            raise SpreadsheetError(f"文件“{name}”已损坏:{damage},无法读取。请重新导出或索取原件。", kind="damaged")
        return "xls"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(p) as zf:
                # (some Windows zip tools write the parts' paths with backslashes: xl\\workbook.xml)
                names = {n.replace("\\", "/") for n in zf.namelist()}
                if "xl/workbook.xml" in names or "xl/workbook.bin" in names or _names_a_workbook(zf):
                    return "xlsx"
                if "mimetype" in names and b"spreadsheet" in zf.read("mimetype"):
                    return "ods"
                if "word/document.xml" in names:
                    raise SpreadsheetError(f"文件“{name}”是 Word 文档,不是电子表格。", kind="not_spreadsheet")
        except zipfile.BadZipFile as exc:
            raise SpreadsheetError(f"文件“{name}”已损坏(压缩结构不完整),无法读取。请重新导出或索取原件。",
                                   kind="damaged") from exc
        raise SpreadsheetError(f"文件“{name}”不是电子表格(是其他格式的压缩文件)。", kind="not_spreadsheet")
    if head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b", b"MZ")):
        raise SpreadsheetError(f"文件“{name}”不是电子表格(看起来是 PDF、图片、压缩包或程序文件)。", kind="not_spreadsheet")
    if markup.is_web_archive(head):
        return "mht"  # Excel's "single file web page" or a web system's export, saved as .xls
    kind = markup.kind_of(head)
    if kind == "xml":
        raise SpreadsheetError(f"文件“{name}”是 XML 数据文件,不是电子表格,无法识别其中的表格。", kind="not_spreadsheet")
    if kind is not None:
        return kind  # an HTML table or an Excel 2003 XML spreadsheet saved as .xls: read as they are
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(head):
        return "csv"
    if b"\x00" in head.rstrip(b"\x00") and not _text_with_stray_nul(head):
        # NUL bytes only at the end: a text padded by an old system; a stray one in a text: refused by row
        raise SpreadsheetError(f"文件“{name}”不是电子表格,也不是文本表格(CSV),无法识别其格式。", kind="not_spreadsheet")
    return "csv"


def _names_a_workbook(zf: zipfile.ZipFile) -> bool:
    """The package's list of its parts names a workbook, wherever its part is (not at xl/workbook.xml)."""
    try:
        types = zf.read("[Content_Types].xml")[:65536]
    except (KeyError, OSError, zipfile.BadZipFile, RuntimeError):
        return False
    return b"spreadsheetml.sheet.main+xml" in types or b"ms-excel.sheet.macroEnabled.main+xml" in types


def _text_with_stray_nul(head: bytes) -> bool:
    """A text with a NUL byte or two in it (a damaged copy), not a binary file: read as CSV, where
    the row holding it is refused by its place."""
    body = head.rstrip(b"\x00")
    if body.count(b"\x00") > 4:
        return False
    body = body.replace(b"\x00", b"")
    for encoding in ("utf-8", "gb18030"):
        try:
            body.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if exc.start >= len(body) - 4:  # a character cut at the end of the sample
                return True
    return False


def _scan(path: Path, needle: bytes) -> bool:
    with _open_binary(path) as fh:
        return _scan_stream(fh, needle)


def _ole_has(path: Path, stream: str) -> bool:
    return _scan(path, stream.encode("utf-16-le"))


def encrypted_message(name: str) -> str:
    """What a user is told of a workbook with a password to open (Excel, WPS or LibreOffice set it)."""
    return (f"文件“{name}”已加密(设置了打开密码),无法读取。请用 Excel、WPS 或 LibreOffice 输入密码打开它,"
            "取消打开密码后另存,再导入另存的文件。")


def _ole_is_encrypted(path: Path) -> bool:
    """An encrypted .xlsx is an OLE2 file holding 'EncryptionInfo' and 'EncryptedPackage'; an
    encrypted .xls says so in a FILEPASS record of its workbook stream (:func:`biff.is_encrypted`)."""
    return _ole_has(path, "EncryptedPackage") or biff.is_encrypted(path)


# The tags of an .ods's content that place a row: a sheet, a row (repeated: several alike) and a cell
# or a cell covered by a merge (repeated: several alike across). The text is searched, not parsed:
# parsing a 50,000-row sheet takes seconds, and only the rows holding what is looked for are read
# cell by cell.
_ODS_TABLE_OR_ROW = re.compile(rb"<table:table ([^>]*)>|<table:table-row\b([^>]*?)(/?)>")
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)/?>")
_ODS_ATTR = re.compile(rb'table:(name|number-rows-repeated|number-columns-repeated|number-rows-spanned|'
                       rb'number-columns-spanned)="([^"]*)"')
_ODS_ROW_END = b"</table:table-row>"


def _ods_rows(content: bytes) -> Iterator[tuple[str, int, int, bytes, int, int]]:
    """Each row element of an .ods's content.xml: (its sheet's name, its 0-based row, how many rows
    it stands for, its attributes, where its cells start and end in ``content``)."""
    sheet = ""
    row = pos = 0
    while (tag := _ODS_TABLE_OR_ROW.search(content, pos)) is not None:
        pos = tag.end()
        if tag.group(1) is not None:
            name = dict(_ODS_ATTR.findall(tag.group(1))).get(b"name", b"")
            sheet, row = xml_unescape(name.decode("utf-8", "replace"), {"&quot;": '"'}), 0
            continue
        attrs, start = tag.group(2), pos
        repeated = int(dict(_ODS_ATTR.findall(attrs)).get(b"number-rows-repeated", b"1") or 1)
        end = start
        if not tag.group(3):  # a row with cells: up to its end
            end = content.find(_ODS_ROW_END, start)
            end = len(content) if end < 0 else end
            pos = end + len(_ODS_ROW_END)
        yield sheet, row, repeated, attrs, start, end
        row += repeated


def _ods_cells(content: bytes, start: int, end: int) -> Iterator[tuple[int, int, dict[bytes, bytes], re.Match[bytes]]]:
    """The cells of a row of ``content`` (between ``start`` and ``end``): (0-based column, how many
    columns it stands for, its attributes, the match of its tag)."""
    col = 0
    for cell in _ODS_CELL.finditer(content, start, end):
        attrs = dict(_ODS_ATTR.findall(cell.group(1)))
        span = int(attrs.get(b"number-columns-repeated", b"1") or 1)
        yield col, span, attrs, cell
        col += span


def _ods_merged(path: Path) -> dict[str, list[tuple[tuple[int, int], tuple[int, int]]]]:
    """Sheet name -> the merged cells of an .ods, as calamine gives those of an .xlsx or .xls:
    ((first row, first column), (last row, last column)), 0-based. LibreOffice and WPS write a
    merge as a cell spanning rows or columns, the cells under it as covered cells. A file without
    any merge (most) is told by one search of its content. {} when it cannot be read: the rows are
    read (and what is wrong said) as before."""
    found: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            with zf.open("content.xml") as fh:
                if not _scan_stream(fh, b"-spanned="):
                    return found
            content = zf.read("content.xml")
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return {}
    try:
        return _ods_spans(content)
    except ValueError:  # a count that is no number: read as if without merges
        return {}


def _ods_spans(content: bytes) -> dict[str, list[tuple[tuple[int, int], tuple[int, int]]]]:
    found: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    for sheet, row, _repeated, _attrs, start, end in _ods_rows(content):
        if content.find(b"-spanned=", start, end) < 0:
            continue
        for col, _span, attrs, cell in _ods_cells(content, start, end):
            rows = int(attrs.get(b"number-rows-spanned", b"1") or 1)
            cols = int(attrs.get(b"number-columns-spanned", b"1") or 1)
            if (rows > 1 or cols > 1) and not cell.group(0).startswith(b"<table:covered"):
                found.setdefault(sheet, []).append(((row, col), (row + rows - 1, col + cols - 1)))
    return found


def _scan_stream(fh: Any, needle: bytes) -> bool:
    tail = b""
    while chunk := fh.read(1 << 22):
        if needle in tail + chunk:
            return True
        tail = chunk[-len(needle):]
    return False


_ENDOFCHAIN, _FREESECT = 0xFFFFFFFE, 0xFFFFFFFF


def _ole_damage(path: Path) -> str | None:
    """What is broken in the structure of an OLE2 compound file (a legacy .xls), or None.

    calamine follows the file's sector chains as they are: a chain that loops, or points past the
    end of a truncated file, makes it allocate without end (the process is killed) or panic. So
    the header, the sector allocation table and the chain of every stream are checked here first:
    each chain must stay inside the file, never meet itself and be long enough for its stream."""
    import struct

    size = path.stat().st_size
    with _open_binary(path) as fh:
        header = fh.read(512)
        if len(header) < 512:
            return "文件头不完整"
        shift, mini_shift = struct.unpack_from("<HH", header, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            return "文件头无效"
        ssz = 1 << shift
        n_fat, first_dir, _tx, cutoff, first_mini, n_mini, first_difat, n_difat = struct.unpack_from(
            "<8I", header, 0x2C)
        # Sectors after the header. Some writers leave the last one short, and readers (Excel,
        # calamine) accept that: it counts, read as if filled with free-sector marks.
        sectors = max(-(-(size - ssz) // ssz), 0)
        per = ssz // 4

        def read(sector: int) -> bytes:
            fh.seek((sector + 1) * ssz)
            return fh.read(ssz).ljust(ssz, b"\xff")

        if n_fat == 0 or n_fat > sectors or n_difat > sectors:
            return "扇区分配表无效"
        difat = list(struct.unpack_from("<109I", header, 0x4C))
        seen: set[int] = set()
        sector = first_difat
        for _ in range(n_difat):
            if sector >= sectors or sector in seen:
                return "扇区分配表无效"
            seen.add(sector)
            entries = struct.unpack(f"<{per}I", read(sector))
            difat.extend(entries[:-1])
            sector = entries[-1]
        fat_sectors = difat[:n_fat]
        if any(f >= sectors for f in fat_sectors):
            return "扇区分配表超出了文件末尾,文件不完整"
        fat: list[int] = []
        for f in fat_sectors:
            fat.extend(struct.unpack(f"<{per}I", read(f)))

        def chain(start: int, table: list[int], limit: int) -> list[int] | None:
            out: list[int] = []
            visited: set[int] = set()
            while start != _ENDOFCHAIN:
                if start >= limit or start >= len(table) or start in visited:
                    return None
                visited.add(start)
                out.append(start)
                start = table[start]
            return out

        directory = chain(first_dir, fat, sectors)
        if not directory:
            return "目录结构损坏"
        entries_data = b"".join(read(d) for d in directory)
        mini_fat: list[int] = []
        if n_mini and first_mini != _ENDOFCHAIN:
            mini_chain = chain(first_mini, fat, sectors)
            if mini_chain is None or len(mini_chain) < n_mini:
                return "小扇区分配表损坏"
            for m in mini_chain:
                mini_fat.extend(struct.unpack(f"<{per}I", read(m)))
    mini_sectors = 0
    for offset in range(0, len(entries_data) - 127, 128):
        kind = entries_data[offset + 0x42]
        if kind not in (2, 5):  # a stream, or the root entry (which holds the mini stream)
            continue
        start, low, high = struct.unpack_from("<3I", entries_data, offset + 0x74)
        length = low if shift == 9 else low | high << 32
        if kind == 5 or length >= cutoff:
            if length > size:
                return "数据流的长度超出了文件大小,文件不完整"
            if length == 0 and kind == 5:
                continue
            found = chain(start, fat, sectors)
            if found is None or len(found) * ssz < length:
                return "数据流的扇区链损坏或不完整"
            if kind == 5:
                mini_sectors = len(found) * ssz // 64
        elif length:
            found = chain(start, mini_fat, mini_sectors)
            if found is None or len(found) * 64 < length:
                return "小数据流的扇区链损坏或不完整"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' for text written as UTF-16 without its byte-order mark: the
    delimiters, digits and line ends (ASCII) have a zero byte on one side, and it decodes cleanly."""
    head = head[: len(head) // 2 * 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    for encoding, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros * 4 >= len(head) // 2 and other * 10 <= zeros:  # "一" (U+4E00) has a zero byte too
            try:
                text = head.decode(encoding)
            except UnicodeDecodeError:
                continue
            # no control characters, unassigned code points or lone surrogates; spaces of every width
            # and invisible marks (NBSP, U+200B) pasted in with the data are text
            if not any(c not in "\r\n\t" and unicodedata.category(c) in ("Cc", "Cn", "Cs") for c in text):
                return encoding
    return None


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 (with BOM, or without one), else GB18030 (a superset of
    GBK), or Big5 (cp950) when only that shows a header's words."""
    return _encoding_of(path)[0]


def _encoding_of(path: Path) -> tuple[str, bool]:
    """:func:`detect_encoding`, and whether a file read as UTF-8 is not UTF-8 throughout."""
    with _open_binary(path) as fh:
        head = fh.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig", False
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16", False
        fh.seek(0)
        utf16 = _utf16_without_bom(fh.read(8192))
        if utf16:
            return utf16, False
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        try:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                decoder.decode(chunk)
        except UnicodeDecodeError:
            fh.seek(0)
            head = fh.read(65536)
            fh.seek(0)
            # GBK names whose two bytes happen to make a UTF-8 character ("某" is C4 B3, "ĳ"), a list
            # of thousands of them, left the GBK header the only broken text: read as UTF-8 and refused.
            if not _gbk_header(head) and _mostly_utf8(fh):
                return "utf-8", True
            if _big5_rather(head):
                return "cp950", False
            return ("utf-8", True) if _utf8_rather(head) else ("gb18030", False)
        # UTF-8 throughout, unless cut short inside its last character (a copy or a download broken
        # off): still UTF-8, the broken character shown as U+FFFD. Read as GBK, every character of
        # a small file was garbled (the names of the clues it made with them).
        return "utf-8", False


# Words of a list's header as each double-byte encoding shows them: a Big5 file (traditional
# characters, from Taiwan or Hong Kong, or Excel on a traditional-Chinese Windows) read as GBK shows
# none of them, and the other way round.
_HEADER_WORDS_GBK = ("身份证", "证件", "姓名", "号码")
_HEADER_WORDS_BIG5 = ("身份證", "證件", "姓名", "號碼")


def _utf8_rather(head: bytes) -> bool:
    """Text that is not UTF-8 throughout (a byte broken in a short file, too few characters to tell
    by :func:`_mostly_utf8`) is still UTF-8 when only UTF-8 shows the words of a header."""
    utf8 = head.decode("utf-8", "replace")
    gbk = head.decode("gb18030", "replace")
    return any(w in utf8 for w in _HEADER_WORDS_GBK) and not any(w in gbk for w in _HEADER_WORDS_GBK)


def _gbk_header(head: bytes) -> bool:
    """The words of a header show in GBK and not in UTF-8: a GBK text, however many of its other
    characters also read as UTF-8."""
    gbk = head.decode("gb18030", "replace")
    utf8 = head.decode("utf-8", "replace")
    return any(w in gbk for w in _HEADER_WORDS_GBK) and not any(w in utf8 for w in _HEADER_WORDS_GBK)


def _text_errors(exc: UnicodeError) -> tuple[str, int]:
    """How a text list's bytes that are no character read: as U+FFFD, as the "replace" handler
    does; but byte 0x80 of a GBK file is the euro sign of Windows' code page 936 (Excel's "GBK"),
    which GB18030 lacks: one "€" in a remark refused the whole list."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    if exc.encoding == "gb18030" and exc.object[exc.start:exc.start + 1] == b"\x80":
        return "€", exc.start + 1
    return "\ufffd", exc.end


TEXT_ERRORS = "relief-desk-text"
codecs.register_error(TEXT_ERRORS, _text_errors)


def _utf8_with_gbk_lines(path: Path) -> str | None:
    """The text of a UTF-8 file holding lines in GBK (two systems' exports joined with `copy a.csv+b.csv`,
    lines added by a tool writing "ANSI"), each line read in its own encoding; None when no line is
    GBK (a stray broken byte, a character cut off at the end: read as UTF-8, shown as U+FFFD). Only a
    file that is not UTF-8 throughout is read so, line by line."""
    with _open_binary(path) as fh:
        data = fh.read()
    lines, gbk = [], False
    for line in data.splitlines(keepends=True):
        try:
            lines.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        utf8 = line.decode("utf-8", TEXT_ERRORS)
        try:
            text = line.decode("gb18030")
        except UnicodeDecodeError:
            text = ""
        wide = _wide(text)
        # a line of Chinese characters in GBK, broken at every other one as UTF-8; not a UTF-8 line with a
        # stray byte in it or a character cut off at its end
        if (wide and _chinese(wide) and utf8.count("\ufffd") * 2 >= len(wide) and not _utf8_cut_off(line)):
            lines.append(text)
            gbk = True
        else:
            lines.append(utf8)
    return "".join(lines) if gbk else None


def _wide(text: str) -> list[str]:
    """The characters of ``text`` beyond ASCII."""
    return [c for c in text if ord(c) > 0x7F]


def _chinese(wide: Sequence[str]) -> bool:
    """Characters all Chinese (CJK and its punctuation) or full-width forms."""
    return all(0x3000 <= ord(c) < 0xA000 or 0xFF00 <= ord(c) < 0xFFF0 for c in wide)


def _utf8_line(line: bytes) -> str | None:
    """The text of a line of a GBK file that is UTF-8: it decodes so, and into Chinese characters (two
    at least); else None. GBK text decodes as UTF-8 now and then (one line in some 200 of names and
    addresses), but into Latin and other letters, never into Chinese only (2,000,000 generated lines
    tried)."""
    if line.isascii():
        return None
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return None
    wide = _wide(text)
    return text if len(wide) >= 2 and _chinese(wide) else None


_UTF8_CHINESE = re.compile("[\u4e00-\u9fff]{2}")


def _gbk_with_utf8_lines(path: Path) -> str | None:
    """The text of a GBK file holding lines in UTF-8 (a UTF-8 export appended to a GBK one, lines added
    by a tool writing UTF-8), each line read in its own encoding; None when no line is UTF-8 (the file
    is then read as a GBK file is, as it streams)."""
    with _open_binary(path) as fh:
        # two Chinese characters in UTF-8 somewhere (a quick look, a megabyte at a time), then line by line
        if not any(_UTF8_CHINESE.search(chunk.decode("utf-8", "ignore")) for chunk in iter(lambda: fh.read(1 << 20), b"")):
            return None
        fh.seek(0)
        lines, utf8 = [], False
        for line in fh:
            text = _utf8_line(line)
            utf8 = utf8 or text is not None
            lines.append(line.decode("gb18030", TEXT_ERRORS) if text is None else text)
    return "".join(lines) if utf8 else None


def _utf8_cut_off(line: bytes) -> bool:
    """UTF-8 but for a character cut off at its very end."""
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(line, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _broken_throughout(sample: str) -> bool:
    """Decoded text with more broken characters than a stray byte or a cut-off end makes: at most
    one in a thousand characters (and three in any text)."""
    broken = sample.count("\ufffd")
    wide = len(sample) - len(sample.encode("ascii", "ignore"))
    return broken > max(3, (wide - broken) // 1000)


def _big5_rather(head: bytes) -> bool:
    """Text that is not UTF-8 is GBK (GB18030) unless it reads as Big5 throughout and only Big5
    shows the words of a header."""
    try:
        big5 = codecs.getincrementaldecoder("cp950")("strict").decode(head, final=False)
    except UnicodeDecodeError:
        return False
    gbk = head.decode("gb18030", "replace")
    return any(w in big5 for w in _HEADER_WORDS_BIG5) and not any(w in gbk for w in _HEADER_WORDS_GBK)


def _mostly_utf8(fh: Any) -> bool:
    """UTF-8 but for a stray byte or two (a file cut short in the middle of a character, a byte
    pasted from elsewhere): at most one broken sequence in a thousand Chinese characters. GBK text
    read as UTF-8 breaks at nearly every character."""
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    broken = wide = 0
    while True:
        chunk = fh.read(1 << 20)
        text = decoder.decode(chunk, final=not chunk)
        broken += text.count("\ufffd")
        wide += len(text) - len(text.encode("ascii", "ignore"))
        if not chunk:
            break
    return wide - broken >= 20 and broken <= max(3, (wide - broken) // 1000)


EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".et")
# an HTML table, a single file web page (MHT), an Excel 2003 XML spreadsheet (desktop/io/markup.py)
MARKUP_FORMATS = ("html", "mht", "xmlss")
MARKUP_KEPT_CELLS = 2_000_000  # such a file's rows are kept from its first reading up to this many cells


def _has_delimiters(sample: str, delim: str) -> bool:
    lines = [line for line in sample.splitlines()[:30] if line.strip()]
    return len(lines) >= 2 and sum(1 for line in lines if delim in line) >= max(2, len(lines) // 2)


_SPACED = re.compile(r"\S[ \u3000]{2,}\S")


def _aligned_by_spaces(sample: str) -> bool:
    """Most lines of the text hold runs of spaces between their words: columns lined up by spaces."""
    lines = [line for line in sample.splitlines()[:30] if line.strip()]
    return len(lines) >= 2 and sum(1 for line in lines if _SPACED.search(line)) * 10 >= len(lines) * 8


_QUOTED = re.compile(r'"[^"]*"')
_TAB_SUFFIX = re.compile(r"\t+(?=[,;|]|$)")  # "420203…\t,": a tab added to keep a number as text


def _spaced_quotes(sample: str, delim: str) -> bool:
    """Most lines separate their quoted fields by the delimiter and a space ('"王伟", "420203…"')."""
    lines = [line for line in sample.splitlines()[:30] if line.strip()]
    return bool(lines) and sum(1 for line in lines if f'{delim} "' in line) * 2 >= len(lines) and delim != " "


def _sniff_delimiter(sample: str) -> str:
    """The delimiter most lines agree on, counted outside quoted fields ("八泉街道;3栋" in quotes is
    one cell) and not counting the tab that exporters append to long numbers. A list typed by hand
    through a Chinese input method may separate its cells by full-width commas ("张三，4202…"): they
    count only where most lines have no other delimiter. A delimiter on more lines wins over one
    more frequent on fewer: in a tab-separated list whose addresses hold commas ("湖北省,黄石市"), the
    header line has tabs and no comma."""
    lines = [_QUOTED.sub("", line) for line in sample.splitlines()[:30] if line.strip()]
    best, best_score = ",", (-1, -1.0)
    for delim in (",", "\t", ";", "|", "，"):
        if delim == "，" and best_score[1] > 0:
            break
        counts = [(_TAB_SUFFIX.sub("", line) if delim == "\t" else line).count(delim) for line in lines]
        if not counts or max(counts) == 0:
            continue
        # on the most lines, then most lines agree on a count > 0
        common = max(set(counts), key=counts.count)
        score = (sum(1 for c in counts if c), common * counts.count(common) / len(counts))
        if score > best_score:
            best, best_score = delim, score
    return best


# What looking into a file's parts for more than calamine gives (hidden rows, formulas without a result,
# number formats) can raise on a damaged or unusual file: only that extra is lost, the file is still read.
_LOOK_FAILED = (OSError, KeyError, ValueError, StopIteration, IndexError, struct_error, zipfile.BadZipFile,
                ET.ParseError)


class Workbook:
    """An opened spreadsheet file. ``rows(sheet)`` streams (row_number, values) from row 1."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.name = self.path.name
        self.format = sniff_format(self.path)
        self.encoding: str | None = None
        self.delimiter = ","
        self._spaced_quotes = False
        self.aligned_by_spaces = False
        self._book: Any = None
        self._sheets: dict[str, Any] = {}
        self._ods_merged: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] | None = None
        self._formulas: dict[str, tuple[dict[tuple[int, int], str | float | None], dict[tuple[int, int], str]]] = {}
        self._errors = "strict"
        self._text: str | None = None
        if self.format == "csv":
            self.encoding, not_utf8_throughout = _encoding_of(self.path)
            # A stray broken byte (a file cut short inside its last character, a byte pasted from
            # elsewhere) shows as "\ufffd" in its cell (an ID there is invalid); a text broken
            # throughout is not one of these encodings at all.
            self._errors = TEXT_ERRORS
            try:
                # lines in the other of UTF-8 and GBK: the text, each line read in its encoding (else None)
                self._text = _utf8_with_gbk_lines(self.path) if not_utf8_throughout else \
                    _gbk_with_utf8_lines(self.path) if self.encoding == "gb18030" else None
                with self._open_text() as fh:
                    sample = fh.read(65536)
            except OSError as exc:
                raise _unreadable(self.path, exc) from exc
            if _broken_throughout(sample):
                raise SpreadsheetError(f"文件“{self.name}”不是可识别编码的文本表格,无法读取。", kind="not_spreadsheet")
            if not sample.replace("\ufeff", "").strip():  # a byte-order mark alone (GB18030 has its own) is empty
                raise SpreadsheetError(f"文件“{self.name}”是空的,没有任何内容。", kind="empty")
            self.delimiter = _sniff_delimiter(sample)
            # Quoted fields after a delimiter and a space ('"王伟", "420203…"', a hand-written exporter): the
            # space is no part of the field, else its quotes would be read as its text.
            self._spaced_quotes = _spaced_quotes(sample, self.delimiter)
            # Columns lined up with spaces (an old system's report printed to a file): no delimiter to split by.
            self.aligned_by_spaces = not _has_delimiters(sample, self.delimiter) and _aligned_by_spaces(sample)
            if self.path.suffix.lower() in EXCEL_SUFFIXES and not _has_delimiters(sample, self.delimiter):
                raise SpreadsheetError(f"文件“{self.name}”不是电子表格:扩展名是{self.path.suffix},内容却是普通文字。"
                                       "请确认选择了正确的文件。", kind="not_spreadsheet")
            self.sheet_names = [self.path.stem]
            self._visible = [True]
            self._csv_size = self.path.stat().st_size
            self._csv_sample = sample
        elif self.format in MARKUP_FORMATS:
            self._open_markup()
        else:
            self._open_calamine()

    def _open_markup(self) -> None:
        """An HTML table or Excel 2003 XML saved as .xls: read through once for its sheets, their
        heights and merged cells (the rows themselves are read again when asked for)."""
        self._markup_sheets: list[markup.SheetInfo] = []
        if self.format == "mht":  # each page of the archive says its own charset
            self._open_archive()
        else:
            try:
                with _open_binary(self.path) as fh:
                    head = fh.read(4096)
                encoding = detect_encoding(self.path)
            except OSError as exc:
                raise _unreadable(self.path, exc) from exc
            if encoding in ("gb18030", "cp950"):  # not UTF-8: what the page says it is (GB2312, GBK as GB18030)
                encoding = markup.declared_encoding(head) or encoding
            self.encoding = encoding
        # The rows of this first reading are kept for the next while they are few, so a usual list
        # is parsed once; a very long one is read again rather than held whole.
        kept: list[tuple[int, int, list[Any]]] | None = []
        cells = 0
        if self.format == "html":  # one sheet: every table of the page, as Excel shows it
            info = markup.SheetInfo(self.path.stem)
            rows = self._markup_rows(None, merged=info.merged)
            self._markup_sheets.append(info)
        else:  # the sheets are noted (heights, merged cells) as they are read the first time
            rows = self._markup_rows(None, sheets=self._markup_sheets)
        for row in rows:
            if self.format == "html":
                info.height = row[1]
            if kept is not None:
                cells += len(row[2]) + 1
                if cells <= MARKUP_KEPT_CELLS:
                    kept.append(row)
                else:
                    kept = None
        self._markup_kept = kept
        seen: set[str] = set()
        for info in self._markup_sheets:  # names as the sheets' keys: unique
            base, n = info.name[:31] or "Sheet", 1
            while info.name in seen:
                n += 1
                info.name = f"{base}({n})"
            seen.add(info.name)
        self.sheet_names = [info.name for info in self._markup_sheets]
        self._visible = [info.visible for info in self._markup_sheets]
        if not self.sheet_names:
            raise SpreadsheetError(f"文件“{self.name}”里没有工作表。", kind="empty")

    def _open_archive(self) -> None:
        """A single file web page: its sheets' pages taken out of the archive, decoded."""
        try:
            self._archive, charset = markup.archive_pages(self.path)
        except markup.MarkupError as exc:
            raise SpreadsheetError(f"文件“{self.name}”是网页存档(MHT,“单个文件网页”)格式,{exc},无法读取。",
                                   kind="not_spreadsheet") from exc
        except OSError as exc:
            raise _unreadable(self.path, exc) from exc
        self.encoding = charset
        self._markup_sheets = [info for info, _page in self._archive]

    def _markup_rows(self, only: int | None, *, sheets: list[markup.SheetInfo] | None = None,
                     merged: list[markup.Merged] | None = None) -> Iterator[tuple[int, int, list[Any]]]:
        kind = {"html": "网页(HTML)", "mht": "网页存档(MHT)"}.get(self.format, "Excel 2003 XML")
        try:
            if self.format == "html":
                yield from markup.html_rows(self.path, self.encoding or "utf-8", merged)
            elif self.format == "mht":
                yield from markup.archive_rows(self._archive, only, first=sheets is not None)
            else:
                yield from markup.xmlss_rows(self.path, self.encoding or "utf-8", sheets, only)
        except markup.MarkupError as exc:
            if self.format in ("html", "mht"):
                raise SpreadsheetError(f"文件“{self.name}”是{kind}格式,{exc},无法读取。", kind="not_spreadsheet") from exc
            raise SpreadsheetError(f"文件“{self.name}”({kind} 格式)已损坏:{exc},无法读取。请重新导出或索取原件。",
                                   kind="damaged") from exc
        except OSError as exc:
            raise _unreadable(self.path, exc) from exc

    def _open_calamine(self) -> None:
        import python_calamine as pc

        try:
            patched = biff.with_unicode_codepage(self.path) if self.format == "xls" else None
            legacy = biff.LegacyBook.open(self.path) if self.format == "xls" and patched is None else None
            if patched is not None:  # a BIFF8 workbook naming a code page (jxl writes 1252): read as Unicode
                self._book = pc.CalamineWorkbook.from_filelike(io.BytesIO(patched))
            elif legacy is not None:  # Excel 5.0/95 in GBK, whose texts calamine breaks apart
                self._book = legacy
            elif self.path.suffix.lower() in self._suffixes():
                self._book = pc.CalamineWorkbook.from_path(str(self.path))
            else:
                # The name says another format than the content (an .xlsx named .xls, a legacy .xls
                # named .xlsx): calamine goes by the name of a path, by the content of a stream.
                with _open_binary(self.path) as fh:
                    self._book = pc.CalamineWorkbook.from_filelike(fh)
        except pc.PasswordError as exc:
            raise SpreadsheetError(encrypted_message(self.name),
                                   kind="encrypted") from exc
        except OSError as exc:
            raise _unreadable(self.path, exc) from exc
        except BaseException as exc:  # calamine's own errors (or panics): damaged or unsupported content
            _reraise_unless_error(exc)
            if not isinstance(exc, Exception):
                raise SpreadsheetError(f"文件“{self.name}”已损坏,无法读取。请重新导出或索取原件。", kind="damaged") from exc
            text = str(exc).lower()
            if "password" in text or "encrypt" in text:
                raise SpreadsheetError(encrypted_message(self.name),
                                       kind="encrypted") from exc
            raise SpreadsheetError(f"文件“{self.name}”已损坏或不是有效的电子表格({_damage_of(exc)}),无法读取。"
                                   "请重新导出或索取原件。", kind="damaged") from exc
        self.sheet_names = list(self._book.sheet_names)
        visible = []
        try:
            for meta in self._book.sheets_metadata:
                visible.append(str(getattr(meta, "visible", "Visible")).endswith("Visible")
                               and getattr(meta.typ, "name", "WorkSheet") == "WorkSheet")
        except BaseException as exc:
            _reraise_unless_error(exc)
            visible = [True] * len(self.sheet_names)
        self._visible = visible if len(visible) == len(self.sheet_names) else [True] * len(self.sheet_names)
        if not self.sheet_names:
            raise SpreadsheetError(f"文件“{self.name}”里没有工作表。", kind="empty")

    def _suffixes(self) -> tuple[str, ...]:
        """The file names calamine reads the content found (``self.format``) under."""
        if self.format == "xlsx":
            try:
                with zipfile.ZipFile(self.path) as zf:
                    binary = "xl/workbook.bin" in zf.namelist()
            except (OSError, zipfile.BadZipFile):
                binary = False
            return (".xlsb",) if binary else (".xlsx", ".xlsm")
        return (f".{self.format}",)

    def close(self) -> None:
        if self._book is not None:
            try:
                self._book.close()
            except Exception:
                pass
            self._book = None
        self._sheets.clear()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def visible(self, sheet: str) -> bool:
        return self._visible[self.sheet_names.index(sheet)]

    def _sheet(self, sheet: str) -> Any:
        if sheet in self._sheets:
            return self._sheets[sheet]
        try:
            self._sheets[sheet] = self._book.get_sheet_by_name(sheet)
            return self._sheets[sheet]
        except BaseException as exc:
            _reraise_unless_error(exc)
            raise SpreadsheetError(f"文件“{self.name}”的工作表“{sheet}”已损坏({_damage_of(exc)}),无法读取。"
                                   "请重新导出或索取原件。", kind="damaged") from exc

    def formulas_without_result(self, sheet: str) -> dict[tuple[int, int], str | float | None]:
        """(row, column) of the cells holding a formula whose result was never saved, numbered as
        :meth:`rows` gives them (1-based row, 0-based column), each with the formula's result when
        it is a constant (see :func:`formula_constant`), else None. Programs that write .xlsx or
        .xls (not Excel or WPS) leave formulas uncalculated: calamine reads those cells as empty,
        or as the 0 the program saved in place of a result. .xlsx and .xls are looked at, once per
        sheet (an .xlsx only when it contains formulas or error values at all)."""
        return self._look_at_cells(sheet)[0]

    def error_values(self, sheet: str) -> dict[tuple[int, int], str]:
        """(row, column), numbered as :meth:`formulas_without_result`, of the cells holding an error
        value (#N/A of a VLOOKUP that found nothing, #REF! of a deleted source…), each with it as Excel
        shows it. calamine reads those cells as empty. Found by the same one look at the sheet."""
        return self._look_at_cells(sheet)[1]

    def number_formats(self, sheet: str, first_row: int, rows: int = 200) -> dict[int, int | str]:
        """How each column shows its numbers and dates, from the ``rows`` rows from ``first_row``
        (1-based) on: the format most of its number cells have there (a built-in format's number, as
        xlsxwriter takes it, or the format's text), for the columns whose numbers are not shown as
        General ("#,##0.00", "0.00%", yyyy"年"m"月"d"日"). .xlsx and .xls only; empty for other files
        or where the file cannot be looked at (only the look of an error workbook is lost)."""
        last = first_row + rows - 1
        try:
            if self.format == "xlsx":
                found = _xlsx_number_formats(self.path, sheet, first_row, last)
            elif self.format == "xls":
                found = biff.number_formats(self.path, sheet, first_row, last)
            else:
                return {}
        except _LOOK_FAILED:
            return {}
        chosen: dict[int, int | str] = {}
        for col, formats in found.items():
            most, count = Counter(formats).most_common(1)[0]
            if most not in (0, "General", "general", "@") and count * 2 > len(formats):
                chosen[col] = CJK_FORMATS.get(most, most) if isinstance(most, int) else most
        return chosen

    def _look_at_cells(self, sheet: str) -> tuple[dict[tuple[int, int], str | float | None], dict[tuple[int, int], str]]:
        if sheet not in self._formulas:
            found: tuple[dict[tuple[int, int], str | float | None], dict[tuple[int, int], str]] = ({}, {})
            try:
                if self.format == "xlsx":
                    found = _xlsx_formulas_without_result(self.path, sheet)
                elif self.format == "xls":
                    found = biff.formulas_without_result(self.path, sheet)
                elif self.format == "ods":
                    found = ({}, _ods_error_values(self.path, sheet))
            except _LOOK_FAILED:
                found = ({}, {})  # only a better message is lost
            self._formulas[sheet] = found
        return self._formulas[sheet]

    def height(self, sheet: str) -> int:
        """Rows in the sheet (for CSV: an estimate from the file size)."""
        if self.format == "csv":
            lines = self._csv_sample.count("\n") or 1
            avg = max(len(self._csv_sample.encode("utf-8", "replace")) / lines, 1.0)
            return int(self._csv_size / avg) + 1
        if self.format in MARKUP_FORMATS:
            return self._markup_sheets[self.sheet_names.index(sheet)].height
        sh = self._sheet(sheet)
        end = sh.end
        return (end[0] + 1) if end else 0

    def rows(self, sheet: str | None = None) -> Iterator[tuple[int, list[Any]]]:
        """(1-based row number, cell values) for every row, blank ones included."""
        rows = self._rows(sheet or self.sheet_names[0])
        if self.format == "xlsx":  # XML holds no NUL (an .xlsx writes one as _x0000_): no per-cell look
            yield from rows
            return
        for number, values in rows:
            yield number, self._without_nul(number, values)

    def _rows(self, sheet: str) -> Iterator[tuple[int, list[Any]]]:
        if self.format == "csv":
            yield from self._csv_rows()
            return
        if sheet not in self.sheet_names:
            raise SpreadsheetError(f"文件“{self.name}”中没有名为“{sheet}”的工作表(有:{'、'.join(self.sheet_names)})。",
                                   kind="no_sheet")
        if self.format in MARKUP_FORMATS:
            index = self.sheet_names.index(sheet)
            if self._markup_kept is not None:
                for at, number, values in self._markup_kept:
                    if at == index:
                        yield number, list(values)  # a copy: readers may change what they are given
                return
            for _sheet, number, values in self._markup_rows(index):
                yield number, values
            return
        sh = self._sheet(sheet)
        try:
            # calamine gives rows from row 1 but cells from the first column in use: a sheet whose
            # column A (or more) is empty is padded, so column numbers and letters are the sheet's.
            start, end = sh.start, sh.end
            rows: Iterator[list[Any]] = sh.iter_rows()
            if end and end[1] >= WIDE_COLUMNS:
                rows = _without_blank_tails(rows)
            if start and start[1] > 0:
                pad = [""] * start[1]
                for number, values in enumerate(rows, start=1):
                    yield number, pad + values
            else:
                yield from enumerate(rows, start=1)
        except SpreadsheetError:
            raise
        except BaseException as exc:
            _reraise_unless_error(exc)
            raise SpreadsheetError(f"读取文件“{self.name}”时出错,文件可能已损坏({_damage_of(exc)})。请重新导出或索取原件。",
                                   kind="damaged") from exc

    def _open_text(self) -> Any:
        """The text file, as a file of text read in its encoding (newlines left as they are)."""
        if self._text is not None:
            return io.StringIO(self._text, newline="")
        return open(self.path, encoding=self.encoding, errors=self._errors, newline="")

    def _csv_rows(self) -> Iterator[tuple[int, list[Any]]]:
        try:
            with self._open_text() as fh:
                reader = csv.reader(fh, delimiter=self.delimiter, skipinitialspace=self._spaced_quotes)
                index, values = 0, []
                for index, values in enumerate(reader, start=1):
                    yield index, [_csv_cell(v) for v in values]
                self._check_closed_quote(index, values)
        except UnicodeDecodeError as exc:
            raise SpreadsheetError(f"文件“{self.name}”含有无法识别的字符(编码损坏),无法读取。", kind="damaged") from exc
        except csv.Error as exc:
            where = f"第 {index + 1} 行"  # the row being read when the reader gave up
            if "field limit" in str(exc):
                raise SpreadsheetError(f"文件“{self.name}”{where}有一个单元格超过 {csv.field_size_limit()} 个字符"
                                       "(可能是引号没有闭合,把其后的内容都读进了一个单元格),无法读取。"
                                       "请检查该行后重新导入。", kind="damaged") from exc
            raise SpreadsheetError(f"文件“{self.name}”{where}的文本格式有误,无法读取。请检查该行后重新导入。",
                                   kind="damaged") from exc
        except OSError as exc:
            raise _unreadable(self.path, exc) from exc

    def _without_nul(self, index: int, values: list[Any]) -> list[Any]:
        """NUL bytes are invisible on screen and refused by PostgreSQL: at either end of a cell they
        are padding (a fixed-width export from an old system), removed; inside a text, damage, refused."""
        for column, value in enumerate(values, start=1):
            if not isinstance(value, str) or "\x00" not in value:
                continue
            if "\x00" in value.strip().strip(_INVISIBLE).strip():
                raise SpreadsheetError(f"文件“{self.name}”第 {index} 行第 {column} 列({column_letter(column - 1)} 列)"
                                       "含有空字符(NUL,文件可能已损坏),"
                                       "无法读取。请用记事本或 Excel 打开,删除该处的异常字符后另存,再导入。",
                                       kind="damaged")
            values[column - 1] = value.replace("\x00", "")
        return values

    def _check_closed_quote(self, index: int, values: list[str]) -> None:
        """A quote opened and never closed makes the rest of the file one cell: the last cell of
        the last row, holding further lines that still look like rows. Refused with its place. A
        last cell quoted and closed over several lines (an address "黄石市⏎西塞山区;八泉") is no such cell:
        the file read strictly then ends outside any quote."""
        swallowed = [line for line in values[-1].split("\n")[1:] if line.strip()] if values else []
        if any(self.delimiter in line for line in swallowed) and not self._quotes_closed():
            raise SpreadsheetError(f"文件“{self.name}”第 {index} 行第 {len(values)} 列的引号没有闭合,其后 {len(swallowed)} 行"
                                   "都被读进了这一个单元格。请在该处补上引号(\")后重新导入。", kind="damaged")

    def _quotes_closed(self) -> bool:
        """Every quote of the text file is closed where it should be (read again strictly: only for a
        last cell spanning lines)."""
        with self._open_text() as fh:
            try:
                for _values in csv.reader(fh, delimiter=self.delimiter, skipinitialspace=self._spaced_quotes,
                                          strict=True):
                    pass
            except csv.Error:
                return False
        return True

    def merged_ranges(self, sheet: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        if self.format == "csv":
            return []
        if self.format in MARKUP_FORMATS:
            return list(self._markup_sheets[self.sheet_names.index(sheet)].merged)
        if self.format == "ods":  # calamine gives an .ods no merged cells: read from the file itself
            if self._ods_merged is None:
                self._ods_merged = _ods_merged(self.path)
            return list(self._ods_merged.get(sheet, []))
        try:
            return list(self._sheet(sheet).merged_cell_ranges or [])
        except SpreadsheetError:
            raise
        except BaseException as exc:
            _reraise_unless_error(exc)
            return []


_XLSX_CELL = re.compile(rb"<(?:\w+:)?c\s([^>]*?)\br=\"([A-Z]+)(\d+)\"([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_XLSX_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_XLSX_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")
_XLSX_TEXT_RESULT = re.compile(rb"\bt=\"(?:str|e|b)\"")
_XLSX_ERROR = re.compile(rb"\bt=\"e\"")
_XLSX_ERROR_VALUE = re.compile(rb"<(?:\w+:)?v>\s*(#[^<]*?)\s*</")


_XLSX_FORMULA_TEXT = re.compile(rb"<(?:\w+:)?f(?:\s[^>]*)?>(.*?)</(?:\w+:)?f>", re.S)
_TEXT_CONSTANTS = re.compile(r'\s*"(?:[^"]|"")*"\s*(&\s*"(?:[^"]|"")*"\s*)*')
_TEXT_CONSTANT = re.compile(r'"((?:[^"]|"")*)"')
_NUMBER_CONSTANT = re.compile(r"\s*[+-]?\d+(\.\d*)?([eE][+-]?\d+)?\s*")


WIDE_COLUMNS = 256  # a sheet whose used range runs further right has its rows' blank tails cut


def _without_blank_tails(rows: Iterator[list[Any]]) -> Iterator[list[Any]]:
    """Rows without the blank cells after their last value. One stray cell far right (a space typed in
    column XFD, a value WPS saved with a format) makes calamine give every row as wide as that: 16,384
    cells a row, each looked at by every reader after. The width the rows have used so far is kept, so
    most rows are cut after two list counts; a lone value far right of the rest does not widen it."""
    used = 0
    for values in rows:
        if len(values) > used:
            tail = values[used:]
            if tail.count("") + tail.count(None) == len(tail):
                del values[used:]
            else:
                end = len(values)
                while values[end - 1] == "" or values[end - 1] is None:
                    end -= 1
                before = end - 1  # after the value left of the last one
                while before > used and (values[before - 1] == "" or values[before - 1] is None):
                    before -= 1
                if end - before <= WIDE_COLUMNS:
                    used = end
                del values[end:]
        yield values


def formula_constant(formula: str) -> str | float | None:
    """The result of a formula that is a constant: text (="420203…", a way to keep digits as text,
    or text constants joined with &) or a number (=420203…, which Excel would hold as a float).
    None for any other formula, whose result cannot be known without a spreadsheet program."""
    text = formula.strip().removeprefix("=")
    if _TEXT_CONSTANTS.fullmatch(text):
        return "".join(part.replace('""', '"') for part in _TEXT_CONSTANT.findall(text))
    if _NUMBER_CONSTANT.fullmatch(text):
        return float(text)
    return None


def hidden_rows(path: str | Path, sheet: str, fmt: str) -> frozenset[int]:
    """The numbers of the rows of ``sheet`` (as Workbook.rows gives them) hidden by hand or by a
    filter: read as any other row, though the user sees fewer. ``fmt`` is the Workbook's format.
    Empty for a text file, a web page or a file that cannot be looked at (only a notice is lost).
    The workbook is not opened again."""
    p = Path(path)
    try:
        if fmt == "xlsx":
            return _xlsx_hidden_rows(p, sheet)
        if fmt == "xls":
            return biff.hidden_rows(p, sheet)
        if fmt == "ods":
            return _ods_hidden_rows(p, sheet)
    except _LOOK_FAILED:
        pass
    return frozenset()


def _xlsx_sheet(zf: zipfile.ZipFile, sheet: str) -> tuple[ET.Element, bytes]:
    """The workbook part of an .xlsx and the XML of its sheet named ``sheet``."""
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    book = ET.fromstring(zf.read("xl/workbook.xml"))
    rid = next(el.get(rel) for el in book.iter() if el.tag.endswith("}sheet") and el.get("name") == sheet)
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    target = next(el.get("Target", "") for el in rels if el.get("Id") == rid)
    name = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return book, zf.read(name)


_XLSX_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)(?:>|$)")
_XLSX_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_XLSX_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')


def _xlsx_hidden_rows(path: Path, sheet: str) -> frozenset[int]:
    """The 1-based numbers of the rows of an .xlsx sheet marked hidden (by hand or by a filter). Only
    the tags holding a hidden attribute are looked at (a plain search, not a scan of every row)."""
    with zipfile.ZipFile(path) as zf:
        data = _xlsx_sheet(zf, sheet)[1]
    hidden: set[int] = set()
    at = data.find(b'hidden="')
    while at >= 0:
        end = data.find(b">", at)
        tag = data[data.rfind(b"<", 0, at):end]
        if _XLSX_ROW.match(tag) and _XLSX_HIDDEN.search(tag):  # not a hidden column (<col … hidden="1">)
            given = _XLSX_ROW_NUMBER.search(tag)
            if given is None:  # a writer that leaves the row numbers out: each row counted
                return _xlsx_hidden_rows_counted(data)
            hidden.add(int(given.group(1)))
        at = data.find(b'hidden="', end)
    return frozenset(hidden)


def _xlsx_hidden_rows_counted(data: bytes) -> frozenset[int]:
    hidden: set[int] = set()
    number = 0
    for row in _XLSX_ROW.finditer(data):
        attrs = row.group(1)
        given = _XLSX_ROW_NUMBER.search(attrs)
        number = int(given.group(1)) if given else number + 1
        if _XLSX_HIDDEN.search(attrs):
            hidden.add(number)
    return frozenset(hidden)


_ODS_VISIBILITY = re.compile(rb'table:visibility="(collapse|filter)"')
ODS_HIDDEN_REPEATED = 10_000  # rows: more hidden alike at once are a template's spare rows, no one's


def _ods_hidden_rows(path: Path, sheet: str) -> frozenset[int]:
    """The 1-based numbers of the rows of an .ods sheet hidden by hand (collapse) or by a filter."""
    with zipfile.ZipFile(path) as zf:
        with zf.open("content.xml") as fh:
            if not _scan_stream(fh, b"table:visibility="):
                return frozenset()
        content = zf.read("content.xml")
    hidden: set[int] = set()
    for name, row, repeated, attrs, _start, _end in _ods_rows(content):
        if name == sheet and _ODS_VISIBILITY.search(attrs):
            hidden.update(range(row + 1, row + 1 + min(repeated, ODS_HIDDEN_REPEATED)))
    return frozenset(hidden)


def _xlsx_formulas_without_result(path: Path, sheet: str) -> tuple[dict[tuple[int, int], str | float | None],
                                                                   dict[tuple[int, int], str]]:
    """The cells of ``sheet`` with a formula and no saved value (see Workbook.formulas_without_result),
    and those holding an error value (see Workbook.error_values)."""
    with zipfile.ZipFile(path) as zf:
        book, data = _xlsx_sheet(zf, sheet)
    # A workbook to be calculated in full when it is opened was written by a program that calculated
    # nothing (XlsxWriter saves 0 as every result): no saved result is one (Excel clears the flag).
    uncalculated = any(el.tag.endswith("}calcPr") and el.get("fullCalcOnLoad") in ("1", "true") for el in book.iter())
    found: dict[tuple[int, int], str | float | None] = {}
    errors: dict[tuple[int, int], str] = {}
    # no formula at all (every one has a closing </f>, or </x:f>) and no error value: a quick look
    if b"f>" not in data and b't="e"' not in data:
        return found, errors
    for m in _XLSX_CELL.finditer(data):
        inner = m.group(5)
        if not inner:
            continue
        formula = _XLSX_FORMULA.search(inner)
        if (not formula or not uncalculated) and (_XLSX_ERROR.search(m.group(4)) or _XLSX_ERROR.search(m.group(1))):
            error = _XLSX_ERROR_VALUE.search(inner)  # an error value, typed or the result Excel saved
            if error:
                errors[(int(m.group(3)), column_index(m.group(2).decode("ascii")))] = error.group(1).decode("ascii", "replace")
                continue
        if not formula:
            continue
        if not uncalculated and _XLSX_VALUE.search(inner):
            continue
        formula = _XLSX_FORMULA_TEXT.search(inner)
        constant = formula_constant(
            xml_unescape(formula.group(1).decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"})) if formula else None
        # A text, error or boolean result (t="str"…) without a value: an empty text was saved; but not
        # for a formula that is a text constant (="420203…"), whose result is that text.
        if not uncalculated and _XLSX_TEXT_RESULT.search(m.group(4)) and not (isinstance(constant, str) and constant):
            continue
        found[(int(m.group(3)), column_index(m.group(2).decode("ascii")))] = constant
    return found, errors


# Built-in formats whose look depends on the locale: as a Chinese Excel shows them (xlsxwriter
# takes the numbers 0–49, the rest of those it would not write as Excel reads them).
CJK_FORMATS: dict[int, str] = {
    27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
    54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"'}
_XLSX_ROW_START = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d+)\"")
_XLSX_STYLE = re.compile(rb'\bs="(\d+)"')
_XLSX_NOT_NUMBER = re.compile(rb'\bt="(?:s|str|inlineStr|b|e)"')


def _xlsx_number_formats(path: Path, sheet: str, first: int, last: int) -> dict[int, list[int | str]]:
    """As biff.number_formats, for an .xlsx: the cells' styles (s="…") through styles.xml's cellXfs
    and numFmts. Only the sheet's part up to row ``last`` is looked at."""
    with zipfile.ZipFile(path) as zf:
        data = _xlsx_sheet(zf, sheet)[1]
        try:
            styles = ET.fromstring(zf.read("xl/styles.xml"))
        except KeyError:
            return {}
    texts = {int(el.get("numFmtId", "0")): el.get("formatCode", "") for el in styles.iter() if el.tag.endswith("}numFmt")}
    xfs = next((el for el in styles if el.tag.endswith("}cellXfs")), None)
    xf_formats = [int(el.get("numFmtId", "0")) for el in xfs if el.tag.endswith("}xf")] if xfs is not None else []
    start = next((m.start() for m in _XLSX_ROW_START.finditer(data) if int(m.group(1)) >= first), None)
    if start is None:
        return {}
    end = next((m.start() for m in _XLSX_ROW_START.finditer(data, start) if int(m.group(1)) > last), len(data))
    found: dict[int, list[int | str]] = {}
    for m in _XLSX_CELL.finditer(data, start, end):
        attributes = m.group(1) + m.group(4)
        style = _XLSX_STYLE.search(attributes)
        if not m.group(5) or _XLSX_NOT_NUMBER.search(attributes) or b"<" not in m.group(5):
            continue  # an empty cell, a text, a boolean or an error value
        ifmt = xf_formats[int(style.group(1))] if style and int(style.group(1)) < len(xf_formats) else 0
        found.setdefault(column_index(m.group(2).decode("ascii")), []).append(texts.get(ifmt, ifmt))
    return found


_ODS_ERROR_MARK = b'value-type="error"'
_ODS_MARKUP = re.compile(rb"<[^>]*>")
ODS_REPEATED_ERRORS = 1000


def _ods_error_values(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """The cells of ``sheet`` of an .ods holding an error value, as Workbook.error_values gives them.
    LibreOffice saves the result of a formula that failed (#N/A of a VLOOKUP) as an empty text
    (office:string-value=""), which calamine reads, and marks the cell calcext:value-type="error",
    the error as the cell shows it in its paragraph."""
    errors: dict[tuple[int, int], str] = {}
    with zipfile.ZipFile(path) as zf:
        with zf.open("content.xml") as fh:  # a quick look first: most sheets hold no error
            if not _scan_stream(fh, _ODS_ERROR_MARK):
                return errors
        content = zf.read("content.xml")
    for name, row, repeated, _attrs, start, end in _ods_rows(content):
        if name != sheet or content.find(_ODS_ERROR_MARK, start, end) < 0:
            continue
        cells = list(_ods_cells(content, start, end))
        for i, (col, span, _cell_attrs, cell) in enumerate(cells):
            if _ODS_ERROR_MARK not in cell.group(1):
                continue
            after = cells[i + 1][3].start() if i + 1 < len(cells) else end
            shown = _ODS_MARKUP.sub(b"", content[cell.end():after]).decode("utf-8", "replace")
            text = xml_unescape(shown).strip() or "#N/A"
            # (a cell repeated far down or across is a template's spare rows, no person's)
            errors.update({(row + 1 + r, col + c): text for r in range(min(repeated, ODS_REPEATED_ERRORS))
                           for c in range(min(span, ODS_REPEATED_ERRORS))})
    return errors


def _csv_cell(value: str) -> str:
    m = _EQ_QUOTED.match(value)
    return m.group(1) if m else value


def open_workbook(path: str | Path) -> Workbook:
    return Workbook(path)


# -- layout: sheet, header rows, mapping ------------------------------------------------------

@dataclass
class Layout:
    """Where the data is: sheet, header block (1-based rows) and the column mapping."""

    sheet: str
    sheet_names: list[str]
    header_row: int  # first header row, 1-based (without a header: the first data row)
    header_height: int  # 1 or 2, and one more for a row of filling notes or of column numbers; 0: no header
    columns: list[str]  # header text per column (a two-row header gives "group/name")
    header_rows: list[list[Any]]  # the header rows as in the file
    mapping: dict[str, int]
    total_rows: int  # rows in the sheet (estimate for CSV)
    format: str = ""
    encoding: str | None = None
    sample: list[tuple[int, list[Any]]] = field(default_factory=list)  # the rows after the header block
    # Other visible sheets that have an ID column too (a list split by sub-district, say): only
    # ``sheet`` is read; they are named so that the person can import them one by one.
    other_sheets: list[str] = field(default_factory=list)
    # The ID number written one character per cell, as on a paper form: the first and last column of
    # its boxes (the first is the ID column), decided once for the layout (:func:`_id_boxes`); None for a
    # list whose ID number is in one cell, as in nearly every list.
    id_boxes: tuple[int, int] | None = None

    @property
    def first_data_row(self) -> int:
        return self.header_row + self.header_height

    @property
    def total_rows_estimate(self) -> int:
        return max(self.total_rows - self.first_data_row + 1, 0)


def _is_blank(values: Sequence[Any]) -> bool:
    return all(cell_text(v) == "" for v in values)


def _digits(text: str) -> int:
    return sum(map(str.isdigit, text))


def _score(mapping: dict[str, int]) -> int:
    return (100 if "id_number" in mapping else 0) + 10 * len(mapping)


def _groups(upper: Sequence[Any], width: int, spans: dict[int, int]) -> list[str]:
    """The upper row of a two-row header per column, a merged group cell counting for each column under it."""
    fill: dict[int, int] = {}
    for c1, c2 in spans.items():
        for c in range(c1 + 1, c2 + 1):
            fill[c] = c1
    out = []
    for i in range(width):
        up = cell_text(upper[i]) if i < len(upper) else ""
        if not up and i in fill and fill[i] < len(upper):
            up = cell_text(upper[fill[i]])
        out.append(up)
    return out


def _combine(upper: Sequence[Any], lower: Sequence[Any], spans: dict[int, int]) -> list[str]:
    """Column names of a two-row header: "group/name" under a merged group cell, else the one given."""
    out = []
    for i, up in enumerate(_groups(upper, max(len(upper), len(lower)), spans)):
        low = cell_text(lower[i]) if i < len(lower) else ""
        out.append(f"{up}/{low}" if up and low and up != low else (low or up))
    return out


def _merged_spans(merged: list, row0: int) -> dict[int, int]:
    """For a 0-based row: start column -> end column of horizontally merged cells in that row."""
    spans: dict[int, int] = {}
    for (r1, c1), (_r2, c2) in merged:
        if r1 == row0 and c2 > c1:
            spans[c1] = c2
    return spans


_GROUP_NAME = re.compile(r"[^:：\d]{1,10}")


def _implicit_spans(upper: Sequence[Any], lower: Sequence[Any]) -> dict[int, int]:
    """The group cells of a two-row header saved without its merges (a CSV): a short name in the upper
    row over a named column reaches right over the empty upper cells whose columns are named below
    ("监护人,," over "姓名,身份证号"). A name over an empty lower cell ("序号") stands alone."""
    spans: dict[int, int] = {}
    width = max(len(upper), len(lower))
    for i in range(width):
        if not _GROUP_NAME.fullmatch(cell_text(value_at(upper, i))) or not cell_text(value_at(lower, i)):
            continue
        j = i
        while j + 1 < width and not cell_text(value_at(upper, j + 1)) and cell_text(value_at(lower, j + 1)):
            j += 1
        if j > i:
            spans[i] = j
    return spans


def _looks_like_data(values: Sequence[Any], mapping: dict[str, int]) -> bool:
    col = mapping.get("id_number")
    if col is None or col >= len(values):
        return False
    value = values[col]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    return _digits(cell_text(value)) >= 6


def find_layout(book: Workbook, sheet: str | None = None, header_row: int | None = None, *,
                require_id: bool = True) -> Layout:
    """Find the data sheet (or use ``sheet``) and its header block (or use ``header_row``).

    With ``require_id=False`` a sheet whose ID column cannot be recognised still gets a layout (the
    given header row, or the first row with two or more headings) so a person can map it by hand."""
    if sheet is not None and sheet not in book.sheet_names:
        raise SpreadsheetError(f"文件“{book.name}”中没有名为“{sheet}”的工作表(有:{'、'.join(book.sheet_names)})。",
                               kind="no_sheet")
    candidates = [sheet] if sheet else [s for s in book.sheet_names if book.visible(s)] or list(book.sheet_names)
    # Hidden sheets are searched only when no visible one has an ID column (a hidden data sheet behind a cover).
    hidden = [] if sheet else [s for s in book.sheet_names if s not in candidates]
    best: tuple[bool, int, int, Layout] | None = None
    any_rows = False
    with_ids: list[str] = []  # visible sheets with an ID column
    for order, name in enumerate(candidates + hidden):
        if best is not None and best[0] and best[1] and order == len(candidates):  # a visible list
            break
        head = _head_rows(book, name, header_row)
        if any(not _is_blank(v) for _n, v in head):
            any_rows = True
        layout = _layout_in(book, name, head, header_row)
        if layout is None:
            continue
        # A sheet with ID numbers under its header beats one without (an empty template sheet, a
        # notes sheet listing the column names); only those are named as further lists.
        filled = _has_id_values(layout)
        # ... and a list beats the instructions for filling it ("填表说明" with a sample table)
        listing = _EXPLAINING.search(name) is None and not _shows_how(head, layout)
        if order < len(candidates) and "id_number" in layout.mapping and filled and listing:
            with_ids.append(name)
        key = (filled, listing, _score(layout.mapping), -order)
        if best is None or key > best[:4]:
            best = (*key, layout)
    if best is None and any_rows:
        best = _headerless_layout(book, candidates + hidden, header_row)
    if best is None and not require_id and any_rows:
        best = _unmapped_layout(book, candidates, header_row)
    if best is None:
        if not any_rows:
            raise SpreadsheetError(f"文件“{book.name}”里没有任何数据。", kind="empty")
        if book.aligned_by_spaces:
            raise SpreadsheetError(f"文件“{book.name}”的各列之间是空格,不是逗号或制表符(按空格对齐的文本),无法分出各列。"
                                   "请用 Excel 或 WPS 打开,用“数据→分列”按空格分好列,另存为 .xlsx 或 .csv 后再导入。",
                                   kind="no_id_column")
        where = f"第 {header_row} 行" if header_row else f"前 {HEADER_SCAN_ROWS} 行"
        names = "、".join(ALIASES["id_number"][:6])
        sheets = f"工作表“{sheet}”" if sheet else "各工作表"
        raise SpreadsheetError(
            f"文件“{book.name}”{sheets}的{where}中找不到身份证号列(列名应为 {names} 等)。请检查表头,或手动指定列。",
            kind="no_id_column")
    layout = best[-1]
    _refuse_side_by_side(book, layout)
    _refuse_laid_across(book, layout)
    _refuse_split_number(book, layout)
    layout.other_sheets = [name for name in with_ids if name != layout.sheet]
    layout.total_rows = book.height(layout.sheet)
    layout.format = book.format
    layout.encoding = book.encoding
    return layout


# Words of a group over a block of columns saying whose they are (the head and his household, the
# applicant and his family on one row): such blocks beside each other are one person's row, not two lists.
_WHOSE = re.compile(r"户主|成员|申请|本人|家长|学生|患者|被")


def _refuse_side_by_side(book: Workbook, layout: Layout) -> None:
    """Refuse two lists laid side by side on one sheet (城镇 on the left, 农村 on the right, to fit one
    printed page): the header names the list's name and ID columns again, as they are, further right,
    and ID numbers stand under them. Rows are read one list wide, so the people on the right would be
    left out without a word; the person is told to put them under the left list."""
    id_col, name_col = layout.mapping.get("id_number"), layout.mapping.get("name")
    if id_col is None or name_col is None or name_col == id_col:
        return
    split = [c.rsplit("/", 1) if "/" in c else ["", c] for c in layout.columns]
    lower = [header_key(low) for _up, low in split]
    if any(_WHOSE.search(up) or _secondary(up) for up, _low in split):
        return
    rows = [values for _n, values in layout.sample]
    for again in range(max(id_col, name_col) + 1, len(lower)):
        name_again = again + name_col - id_col
        if (lower[again] == lower[id_col] and max(id_col, name_col) < name_again < len(lower)
                and lower[name_again] == lower[name_col] and _holds_ids(rows, again)
                and not _same_people(rows, id_col, again)):
            first = column_letter(min(again, name_again))
            raise SpreadsheetError(
                f"文件“{book.name}”工作表“{layout.sheet}”的表头里,“{layout.columns[name_col]}”“{layout.columns[id_col]}”"
                f"在 {column_letter(name_col)}、{column_letter(id_col)} 列和 {column_letter(name_again)}、"
                f"{column_letter(again)} 列各有一组:两份名单左右并排在同一张表上。每行只能读一个人,右边名单里的人"
                f"会被漏掉。请把右边的名单(从 {first} 列起)剪切下来,粘贴到左边名单的下方,再导入。", kind="side_by_side")


def _refuse_laid_across(book: Workbook, layout: Layout) -> None:
    """Refuse a list laid across the sheet (transposed: 姓名 and 身份证号码 down column A, one person a
    column): the "header" found is the row of the ID numbers, so its own cells right of the ID column's
    name hold the people's numbers. Read as rows, the people would be left out, or the row under it (their
    phone numbers) read as people."""
    col = layout.mapping.get("id_number")
    if col is None or not layout.header_rows:
        return
    cells = layout.header_rows[-1][col + 1:]
    if sum(idcard.parse(value).number is not None for value in cells if cell_text(value)) < 2:
        return
    row = layout.header_row + layout.header_height - 1
    raise SpreadsheetError(
        f"文件“{book.name}”工作表“{layout.sheet}”的名单是横着排的:“{cell_text(layout.header_rows[-1][col])}”在第 "
        f"{row} 行 {column_letter(col)} 列,它右边同一行里是各人的身份证号(每人一列)。每行只能读一个人。请在 Excel 或 "
        "WPS 里选中整个名单复制,在新工作表中“选择性粘贴→转置”,让每人一行、列名在第一行,再导入。", kind="laid_across")


# "身份证前6位" / "身份证号后12位": the number cut into two columns (as a form with narrow cells has it).
_PART_OF_NUMBER = re.compile(r"(身份|证件|证号).*[前后中]\s*\d+\s*位|[前后]\s*\d+\s*位.*(身份|证件|证号)")


def _refuse_split_number(book: Workbook, layout: Layout) -> None:
    """Refuse an ID number cut into two columns (身份证前6位 | 身份证后12位): each part alone is a number
    of the wrong length on every row; the person is told to join them into one column."""
    col = layout.mapping.get("id_number")
    if col is None or col >= len(layout.columns) or not _PART_OF_NUMBER.search(layout.columns[col]):
        return
    parts = [c for c, name in enumerate(layout.columns) if _PART_OF_NUMBER.search(name)]
    if len(parts) < 2:
        return
    names = "”“".join(layout.columns[c] for c in parts)
    letters = "、".join(column_letter(c) for c in parts)
    raise SpreadsheetError(
        f"文件“{book.name}”工作表“{layout.sheet}”的身份证号分在 {letters} 列(“{names}”),每一列都只是号码的一部分。"
        f"请在 Excel 或 WPS 里新加一列,用公式把它们接起来(如 ={column_letter(parts[0])}{layout.first_data_row}"
        f"&{column_letter(parts[1])}{layout.first_data_row},再复制→选择性粘贴为数值),删掉原来的几列后再导入。",
        kind="split_number")


def _same_people(rows: Sequence[Sequence[Any]], col: int, other: int) -> bool:
    """Columns ``col`` and ``other`` give mostly the same numbers on the same rows: the list looked up again
    beside itself (a VLOOKUP to check it), not a second list."""
    pairs = [(idcard.normalize(cell_text(value_at(r, col))), idcard.normalize(cell_text(value_at(r, other))))
             for r in rows]
    pairs = [(a, b) for a, b in pairs if a or b]
    return bool(pairs) and sum(a == b for a, b in pairs) * 2 > len(pairs)


def _has_id_values(layout: Layout) -> bool:
    """Some row under the header, not a filled-in example, holds what may be an ID number (a number,
    or six digits or more; in its boxes, for one written one character per cell)."""
    col = layout.mapping.get("id_number")
    boxes = layout.id_boxes
    return col is not None and any(
        (_looks_like_data(values, layout.mapping) if boxes is None else _digits(_boxes_text(values, *boxes)) >= 6)
        and not is_example(values) for _n, values in layout.sample)


# A sheet of instructions, a cover or a code list beside the list itself.
_EXPLAINING = re.compile(r"说明|示例|样例|样表|范例|填表|填报要求|封面|目录|字典|代码")
# A filled-in example under the header, marked as such in its first cell ("示例", "填写示例", "例:").
_EXAMPLE = re.compile(r"(填写|填报)?(示例|样例|范例|举例|例)\d?[:：]?")
EXAMPLE_ROWS = 3  # an example sits right under the header


_SHOWING_HOW = re.compile(r"(填表|填写|填报)说明|示例|样例|样表|样式|范例")


def _shows_how(head: Sequence[tuple[int, list[Any]]], layout: Layout) -> bool:
    """A sheet showing how to fill the list in, whatever its name ("Sheet1"): a line of it says so
    ("填表说明:…", "(此页为样式,请在第二页填写)") and no more than an example's few rows hold a number."""
    mapping = layout.mapping
    if sum(_looks_like_data(values, mapping) for _n, values in layout.sample) > EXAMPLE_ROWS:
        return False
    return any(_SHOWING_HOW.search(text) for n, values in head if n != layout.header_row
               for text in (cell_text(v) for v in values) if text and not _looks_like_data(values, mapping))


def is_example(values: Sequence[Any]) -> bool:
    """A row showing how to fill the list ("示例 | 张三 | 4202…", 样例, 填写示例:), not a person in it."""
    for v in values:
        text = cell_text(v)
        if text:
            return _EXAMPLE.fullmatch(re.sub(r"\s+", "", text)) is not None
    return False


def _head_rows(book: Workbook, sheet: str, header_row: int | None = None) -> list[tuple[int, list[Any]]]:
    """The rows a header is looked for in (and a sample of the data under it)."""
    head: list[tuple[int, list[Any]]] = []
    for number, values in book.rows(sheet):
        head.append((number, values))
        if len(head) >= HEADER_SCAN_ROWS + 22 or (header_row and number >= header_row + 22):
            break
    return head


def _headerless_layout(book: Workbook, sheets: Sequence[str],
                       header_row: int | None) -> tuple[bool, bool, int, int, Layout] | None:
    """A list without a header (a system's export of the data alone): the rows from the first one
    whose cell in a column of ID numbers (most of the rows below) holds one. Its columns are named by
    their letters; the name column is the one holding people's names."""
    for name in sheets:
        head = _head_rows(book, name)
        filled = [(n, v) for n, v in head if not _is_blank(v)]
        for index, (number, _values) in enumerate(filled[:HEADER_SCAN_ROWS]):
            if header_row is not None and number != header_row:
                continue
            rows = [v for _n, v in filled[index:index + 20]]
            width = max(len(v) for v in rows)
            texts = [[idcard.normalize(cell_text(value_at(r, c))) for r in rows] for c in range(width)]
            id_col = next((c for c in range(width) if _ID_SHAPED.fullmatch(texts[c][0])
                           and sum(1 for t in texts[c] if _ID_SHAPED.fullmatch(t)) * 10 >= len(rows) * 6), None)
            if id_col is None:
                continue
            if header_row is not None:
                _refuse_data_above(book, name, header_row, [v for _n, v in filled[:index]], id_col)
            mapping = {"id_number": id_col}
            names = [sum(1 for r in rows if _PERSON_NAME.fullmatch(re.sub(r"\s+", "", cell_text(value_at(r, c)))))
                     for c in range(width)]
            if max(names) * 10 >= len(rows) * 6:
                mapping["name"] = names.index(max(names))
            columns = [column_letter(c) for c in range(width)]
            sample = [(n, v) for n, v in head if n >= number]
            return True, True, 0, 0, Layout(name, list(book.sheet_names), number, 0, columns, [], mapping, 0,
                                            sample=sample)
    return None


def _refuse_data_above(book: Workbook, sheet: str, header_row: int, above: list[list[Any]], id_col: int) -> None:
    """The header row given (--header-row, the wizard's) holds an ID number under rows holding them
    too: it is a data row, and the rows above it would be skipped without a word."""
    numbers = sum(1 for values in above if _ID_SHAPED.fullmatch(idcard.normalize(cell_text(value_at(values, id_col)))))
    if numbers:
        raise SpreadsheetError(
            f"文件“{book.name}”工作表“{sheet}”的第 {header_row} 行是数据(第 {column_letter(id_col)} 列是身份证号),不是表头;"
            f"它上面还有 {numbers} 行数据,按此导入会被跳过。请指定真正的表头所在行,或不指定表头行(自动查找)。",
            kind="bad_mapping")


def _unmapped_layout(book: Workbook, sheets: Sequence[str], header_row: int | None) -> tuple[bool, int, int, Layout] | None:
    """The header row of the first sheet with one, mapped as far as the names allow (no ID column)."""
    for name in sheets:
        head = _head_rows(book, name)
        for number, values in head:
            texts = [cell_text(v) for v in values]
            named = sum(1 for v in values if isinstance(v, str) and v.strip())
            if (header_row is not None and number != header_row) or (header_row is None and named < 2):
                continue
            sample = [(n, v) for n, v in head if n > number]
            return False, 0, 0, Layout(name, list(book.sheet_names), number, 1, texts, [values], map_columns(texts), 0,
                                       sample=sample)
    return None


_ID_LIKE = re.compile(r"\d{15}|\d{17}[\dXx]")
# What an ID number looks like as departments send it, right or wrong: 15 to 20 digits (a digit or
# two too many or too few, a wrong check character), or the number Excel made of it (4.20203E+17).
_ID_SHAPED = re.compile(r"\d{14,19}[\dX]|\d\.\d+E\+?1[4-9]")


def _id_column_by_content(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> int | None:
    """An ID column under a heading nobody taught us: most values below look like ID numbers.

    The header row must look like one (at least two named columns, none of them holding an ID
    number's digits itself)."""
    if sum(1 for h in header if h.strip()) < 2 or any(
            _digits(h) >= 15 or _ID_SHAPED.fullmatch(idcard.normalize(h)) for h in header):
        return None
    best: tuple[int, int] | None = None
    below = next((r for r in rows if not _is_blank(r)), [])
    for col in range(len(header)):
        values = [idcard.normalize(cell_text(r[col])) for r in rows if col < len(r)]
        values = [v for v in values if v]
        if len(values) < 2:
            continue
        hits = sum(1 for v in values if _ID_SHAPED.fullmatch(v))
        if hits * 10 >= len(values) * 6 and (best is None or hits > best[0]):
            best = (hits, col)
    if best is not None and _ID_LABEL.fullmatch(cell_text(value_at(below, best[1]))):
        return None  # the row below names the column ("SFZH"): it is the header, this a line above it
    return None if best is None else best[1]


def _holds_ids(rows: Sequence[Sequence[Any]], col: int, *, with_names: bool = False) -> bool:
    """Some of ``rows`` has what looks like an ID number, right or wrong, in column ``col`` (with a
    name before or after it, for a column named 姓名及身份证号: ``with_names``)."""
    if with_names:
        return any(_ID_SHAPED.fullmatch(idcard.normalize(split_name_and_id(cell_text(value_at(r, col)))[1]))
                   for r in rows)
    return any(_ID_SHAPED.fullmatch(idcard.normalize(cell_text(value_at(r, col)))) for r in rows)


# An ID column's name nobody listed: letters (SFZH, IDCARD, id_no) or a text about a number or card.
_ID_LABEL = re.compile(r"[A-Za-z_][A-Za-z0-9_ .]*|.*[号证码].*")


def _layout_in(book: Workbook, sheet: str, head: list[tuple[int, list[Any]]],
               header_row: int | None) -> Layout | None:
    merged = book.merged_ranges(sheet)
    by_number = {n: v for n, v in head}
    numbers = [n for n, v in head if not _is_blank(v)]
    if header_row is not None:
        numbers = [header_row] if header_row in by_number else []
    best: tuple[bool, int, int, int, list[str], dict[str, int]] | None = None  # holds IDs, score, -row, height, …
    across = _across_by_row(merged) if merged else {}
    by_content: set[int] = set()  # ID columns found by their content under an earlier row
    for number in numbers[:HEADER_SCAN_ROWS]:
        values = by_number[number]
        single = [cell_text(v) for v in values]
        single_map = map_columns(single)
        options = [(1, single, single_map, 0)]  # height, names, mapping, and 5 off the score for an ID column found by content
        below = by_number.get(number + 1)
        if below is not None and sum(1 for v in below if cell_text(v)) < 2:
            below = None
        # what may name groups of the columns below: not the list's title nor a line about it ("填报单位:…")
        upper = [None if type(v) is str and _TITLE_TEXT.search(v) else v for v in values]
        spans = {} if below is None else _merged_spans(merged, number - 1) if merged else _implicit_spans(upper, below)
        if below is not None and not _is_title_over(upper, below, spans):
            combined = _combine(upper, below, spans)
            groups = [g if cell_text(value_at(below, i)) else "" for i, g in enumerate(
                _groups(upper, len(combined), spans))]
            combined_map = map_columns([_joined(groups[i], _lower_or(upper, below, i)) for i in range(len(combined))],
                                       groups)
            below_map = map_columns(below)
            group_row = bool(spans) and sum(1 for v in upper if cell_text(v)) >= 2  # merged group cells
            # (a row holding an ID number anywhere is a person, whichever column the two rows would name)
            if "id_number" in combined_map and not _looks_like_data(below, combined_map) and not any(
                    _ID_SHAPED.fullmatch(idcard.normalize(cell_text(v))) for v in below) and (
                    len(combined_map) > max(len(single_map), len(below_map))
                    or (group_row and len(combined_map) >= len(below_map))):
                options.append((2, combined, combined_map, 0))
        if "id_number" not in single_map:
            found = _id_column_by_content(single, [v for n, v in head if n > number][:20])
            if found is not None and found not in by_content and not _holds_ids(
                    [v for n, v in head if n < number], found):  # a row inside the data is no header
                options.append((1, single, {**single_map, "id_number": found}, 5))
            if found is not None:
                # The rows below a header found this way are its data: none of them is a header for
                # the same column, however many of their values read like column names ("…社区3栋").
                by_content.add(found)
        for height, columns, mapping, unnamed in options:
            if "id_number" not in mapping:
                continue
            # A header whose ID column holds ID numbers below it beats one whose does not: a title
            # naming the ID ("身份证号码核查名单") is no header over the serial numbers under it.
            below_rows = [v for n, v in head if n >= number + height][:20]
            if across:
                columns, mapping = _under_merged_names(across.get(number + height - 1), columns, mapping, below_rows)
            # At a tie the two rows under merged group cells beat the upper row alone: the lower row
            # names the columns ("身份证" over 号码 | 有效期), it is not a person.
            id_at = mapping["id_number"]
            with_names = id_at < len(columns) and holds_name_and_id(header_key(columns[id_at]))
            # A header naming its ID column beats a line above it whose ID column is found by content
            # alone (a line of the title that happens to have cells over the numbers).
            # A query form's labels above a web page's list ("姓名: | | 身份证号码: |") are no header over it.
            key = (_holds_ids(below_rows, id_at, with_names=with_names), not _form_labels(values, mapping),
                   _score(mapping) - unnamed, -number, height)
            if best is None or key > best[:5]:
                best = (*key, columns, mapping)
    if best is None:
        return None
    _holds, _header, _score_, neg_row, height, columns, mapping = best
    top = -neg_row
    if height == 1 and _ends_the_names(columns, by_number.get(top + 1)):
        height += 1  # a name broken over two rows in a narrow column ("公民身份" over "号码")
    if _is_notes_row(by_number.get(top + height), mapping):
        height += 1  # a row of filling notes under the names ("(必填)", "(18位)"), one or two rows of them
    if _is_column_numbers(by_number.get(top + height)):
        height += 1  # the columns numbered under their names ("甲 乙 1 2 3", a statistical form's 栏次)
    if _is_field_codes(by_number.get(top + height), mapping["id_number"]):
        height += 1  # the system's field codes under the names ("XM | SFZHM", "AAC003 | AAC002")
    header_rows = [by_number[top + i] for i in range(height)]
    sample = [(n, v) for n, v in head if n >= top + height]
    mapping = _filled_id_column(columns, mapping, [v for _n, v in sample[:20]])
    mapping = _ids_in_another_column(columns, mapping, [v for _n, v in sample[:20]])
    mapping = _member_name_column(columns, mapping, [v for _n, v in sample[:20]])
    boxes = _id_boxes(merged, top, height, columns, mapping, [v for _n, v in sample[:20]]) if merged else None
    return Layout(sheet, list(book.sheet_names), top, height, columns, header_rows, mapping, 0, sample=sample,
                  id_boxes=boxes)


ID_BOXES = (15, 18)  # the boxes of a paper form's ID number: one per character of a legacy or a current number


def _id_boxes(merged: Sequence[tuple[tuple[int, int], tuple[int, int]]], top: int, height: int, columns: Sequence[str],
              mapping: dict[str, int], rows: Sequence[Sequence[Any]]) -> tuple[int, int] | None:
    """The ID number written one character per cell, as on a paper form copied cell by cell: the ID
    column's name merged across 15 columns or more in the header ("公民身份号码" over C:T; perhaps over
    15 of them and the other 3 beside it unnamed, or a row under it numbering the boxes 1 … 18), and the
    rows under it holding one digit or X per cell. The first and last column of the boxes, else None."""
    col = mapping["id_number"]
    end = max((c2 for (r1, c1), (r2, c2) in merged
               if c1 == col and top - 1 <= r1 and r2 <= top + height - 2), default=col)
    if end - col + 1 < ID_BOXES[0]:
        return None
    taken = set(mapping.values())
    while end - col + 1 < ID_BOXES[1] and end + 1 not in taken and (
            end + 1 >= len(columns) or _BOX_NAME.fullmatch(columns[end + 1])):
        end += 1  # a box beside the merged name, named by no name of its own (or by its number)
    written = 0  # rows writing the number in the boxes
    filled = 0  # rows with anything in them
    for r in rows:
        texts = [cell_text(value_at(r, c)) for c in range(col, end + 1)]
        count = sum(1 for t in texts if t)
        if count:
            filled += 1
            written += count >= 2 and all(len(t) <= 1 and (t.isdigit() or t in "XxＸｘ") for t in texts)
    if not written or written * 10 < filled * 8:
        return None
    return col, end


_BOX_NAME = re.compile(r"(.*/)?\d*")  # no name, or only a box's number (under a group: "身份证号码/16")


def _boxes_text(values: Sequence[Any], first: int, last: int) -> str:
    """The characters written one per cell from column ``first`` to ``last``, in order: an ID number."""
    return "".join(cell_text(values[c]) for c in range(first, min(last + 1, len(values))))


# The text of a list's title or of a line about the list ("2026年第三季度…名单", "填报单位:八泉街道",
# "单位:元"): above a header, never the name of a group of its columns.
_TITLE_TEXT = re.compile(r"[:：]|名单|花名册|台账|[计总细览况记报批]表|\d{4}\s*年|年度|季度")


def _is_title_over(upper: Sequence[Any], lower: Sequence[Any], spans: dict[int, int]) -> bool:
    """The upper row (its title texts left out) holds nothing, or one cell alone, left of the columns
    the lower row names, by itself or merged (or, in a CSV, reaching) over all of them: the list's
    title, not a group of some of its columns. Read with the names below it, a title naming a place
    ("八泉街道…", "八泉社区") would make the first column a 街道 or 社区 column."""
    filled = [i for i, v in enumerate(upper) if cell_text(v)]
    named = [i for i, v in enumerate(lower) if cell_text(v)]
    if not filled:
        return True
    if len(filled) != 1 or not named:
        return False
    start = filled[0]
    end = spans.get(start)
    return start <= named[0] and (end is None or end >= named[-1])


def _form_labels(values: Sequence[Any], mapping: dict[str, int]) -> bool:
    """Every column the row names ends in a colon ("姓名:", "身份证号码："): the labels of a form to fill in
    (a web page's query conditions), not the names of a table's columns."""
    return all(cell_text(value_at(values, col)).endswith((":", "：")) for col in mapping.values())


def _filled_id_column(columns: Sequence[str], mapping: dict[str, int], rows: Sequence[Sequence[Any]]) -> dict[str, int]:
    """The person's own ID column is the one filled in: of two ("身份证号码" left empty, "证件号码" beside
    it holding the numbers), the empty one is passed over for the other. A guardian's, the head's or a
    former number's column is never taken for the person's. So is one holding only numbers with their middle
    hidden ("420203********1234", a system's masked export) when another ID column holds them whole."""
    col = mapping["id_number"]
    filled = [text for r in rows if (text := cell_text(value_at(r, col))) and not _names_id_column(text)]
    if not rows or filled and not all(idcard.is_masked(text) for text in filled):
        return mapping  # filled in (the header repeated further down is no value)
    for other in id_columns(columns):
        key = header_key(columns[other])
        found = _field_of(key)
        if (other != col and found is not None and found[1] < 100
                and not any(w in key for w in _FOR_THE_HOUSEHOLD) and _holds_ids(rows, other)):
            return {**mapping, "id_number": other}
    return mapping


def _ids_in_another_column(columns: Sequence[str], mapping: dict[str, int],
                           rows: Sequence[Sequence[Any]]) -> dict[str, int]:
    """The ID numbers where they are: a column named for them holding nothing like one ("身份证号" filled
    with phone numbers) while a column not named for any ID number holds valid ones in most rows
    ("联系电话"): the department swapped the two columns' contents, and its list is read by the numbers
    (the summary says which column they came from). Never a guardian's or the head's ID column."""
    col = mapping["id_number"]
    filled = [text for r in rows if (text := idcard.normalize(cell_text(value_at(r, col))))]
    if len(filled) < 2 or any(_ID_SHAPED.fullmatch(text) for text in filled):
        return mapping
    named = set(id_columns(columns))
    best: tuple[int, int] | None = None
    for other in range(len(columns)):
        if other == col or other in named:
            continue
        values = [text for r in rows if (text := idcard.normalize(cell_text(value_at(r, other))))]
        hits = sum(1 for text in values if idcard.parse(text).valid)
        if len(values) >= 2 and hits * 10 >= len(values) * 8 and (best is None or hits > best[0]):
            best = (hits, other)
    if best is None:
        return mapping
    swapped = {**mapping, "id_number": best[1]}
    if mapping.get("phone") == best[1]:
        swapped["phone"] = col  # what the ID column holds
    return swapped


def _member_name_column(columns: Sequence[str], mapping: dict[str, int],
                        rows: Sequence[Sequence[Any]]) -> dict[str, int]:
    """The name beside a member's ID number is the member's: where the name column is the head of the
    household's ("户主姓名") but the ID column is not ("成员身份证号", or a plain "身份证号码" on each member's
    row), a column naming the members ("家庭成员", "成员") and holding one person's name in most rows is
    the name column, not the head's name repeated (merged) down the household's rows."""
    name_col, id_col = mapping.get("name"), mapping["id_number"]
    if name_col is None or name_col >= len(columns) or id_col >= len(columns):
        return mapping
    if "户主" not in header_key(columns[name_col]) or "户主" in header_key(columns[id_col]):
        return mapping
    taken = set(mapping.values())
    for col, header in enumerate(columns):
        key = header_key(header)
        if col in taken or not key.endswith(("成员", "成员名字")) or "户主" in key:
            continue
        names = [re.sub(r"\s+", "", cell_text(value_at(r, col))) for r in rows]
        filled = [n for n in names if n]
        if filled and sum(1 for n in filled if _PERSON_NAME.fullmatch(n)) * 10 >= len(filled) * 8:
            return {**mapping, "name": col}
    return mapping


def _across_by_row(merged: Sequence[tuple[tuple[int, int], tuple[int, int]]]) -> dict[int, dict[int, int]]:
    """1-based row -> {first column: last column} of the cells merged across columns that cover it."""
    out: dict[int, dict[int, int]] = {}
    for (r1, c1), (r2, c2) in merged:
        if c2 > c1 and r2 - r1 < HEADER_SCAN_ROWS:
            for r in range(r1 + 1, r2 + 2):
                out.setdefault(r, {})[c1] = c2
    return out


def _held(rows: Sequence[Sequence[Any]], col: int, *, ids: bool) -> tuple[int, int]:
    """How many of ``rows`` hold an ID number (when ``ids``), and how many anything, in column ``col``."""
    texts = [cell_text(value_at(r, col)) for r in rows]
    shaped = sum(1 for t in texts if _ID_SHAPED.fullmatch(idcard.normalize(t))) if ids else 0
    return shaped, sum(1 for t in texts if t)


def _under_merged_names(spans: dict[int, int] | None, columns: list[str], mapping: dict[str, int],
                        rows: Sequence[Sequence[Any]]) -> tuple[list[str], dict[str, int]]:
    """A column name merged across two columns or more ("身份证号" over C:D; ``spans``, first column ->
    last, in the row of the names) names the column under it that holds the values, not necessarily
    the first: when the first is empty in every row below and another is not, that one is the
    field's (for the ID number, the one holding ID numbers). It then carries the name (the other is
    left unnamed), so a mapping remembered by names finds it again."""
    if not spans or not rows:
        return columns, mapping
    taken = set(mapping.values())
    for fld, col in list(mapping.items()):
        end = spans.get(col)
        if end is None:
            continue
        ids = fld == "id_number"
        # "姓名及身份证号" over B:C, the names in B and the numbers in C: the numbers' column is the ID column
        named_over_both = ids and holds_name_and_id(header_key(columns[col] if col < len(columns) else ""))
        filled = any(cell_text(value_at(r, col)) for r in rows)
        if filled and not (named_over_both and not _holds_ids(rows, col)):
            continue
        held = {c: _held(rows, c, ids=ids) for c in range(col + 1, end + 1) if c not in taken}
        best = max(held, key=held.__getitem__, default=None)
        if best is None or held[best][1] == 0 or (filled and held[best][0] == 0):
            continue
        columns = list(columns) + [""] * (best + 1 - len(columns))
        columns[best], columns[col] = columns[col], ""
        mapping = {**mapping, fld: best}
        if filled and "name" not in mapping:
            mapping["name"] = col  # the names under the same heading, named so a remembered mapping finds them
            if FIELD_LABELS["name"] not in columns:
                columns[col] = FIELD_LABELS["name"]
        taken = (taken - {col}) | {best}
    return columns, mapping


def _ends_the_names(names: Sequence[str], below: Sequence[Any] | None) -> bool:
    """The row under a one-row header holds only the ends of its column names, typed under them in
    narrow columns ("公民身份" over "号码"): each of its texts, after the name above it, makes a column
    name known in full, and is none by itself (a person's name under 姓名 makes none)."""
    if not below:
        return False
    found = False
    for col, value in enumerate(below):
        text = cell_text(value)
        if not text:
            continue
        upper = cell_text(value_at(names, col))
        if (not upper or len(text) > 6 or _field_of(header_key(text)) is not None
                or header_key(upper + text) not in _EXACT):
            return False
        found = True
    return found


_COLUMN_LETTERS = "甲乙丙丁戊己庚辛壬癸"
# A column's number as forms print it: 1, (1), （1）, [1], ①
_COLUMN_NUMBER = re.compile(r"[(（\[]?(\d{1,3})[)）\]]?")
_CIRCLED = {chr(0x2460 + i): str(i + 1) for i in range(20)}


def _is_column_numbers(values: Sequence[Any] | None) -> bool:
    """The columns numbered in the row under their names: 1, 2, 3 … or (1), (2) … or ①, ② … (after 甲, 乙 … in their
    order perhaps, or those alone), each one more than the last; nothing else in the row but the word 栏次 first.
    At least three columns so marked, or two after that word or from 甲 on ("甲 乙 1", "栏次 甲 乙"): no list's row
    reads so."""
    if not values:
        return False
    labelled = False
    letters = ""
    numbers: list[int] = []
    for v in values:
        text = cell_text(v)
        if not text:
            continue
        if not (labelled or letters or numbers) and text in ("栏次", "栏号"):
            labelled = True
            continue
        if not numbers and text == _COLUMN_LETTERS[len(letters):len(letters) + 1]:
            letters += text
            continue
        match = _COLUMN_NUMBER.fullmatch(_CIRCLED.get(text, text))
        if match is None or (numbers and int(match[1]) != numbers[-1] + 1):
            return False
        numbers.append(int(match[1]))
    return len(letters) + len(numbers) >= (2 if labelled or letters else 3) and (not numbers or numbers[0] <= 1)


_FIELD_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,31}")


def _is_field_codes(values: Sequence[Any] | None, id_column: int) -> bool:
    """A row of a system's field codes under the column names (an export keeping both: "XM | SFZHM",
    "AAC003 | AAC002"): two codes or more and nothing else, the ID column's one among them (no ID number:
    fewer than six digits)."""
    if not values:
        return False
    texts = [t for t in (cell_text(v) for v in values) if t]
    id_text = cell_text(value_at(values, id_column))
    return (len(texts) >= 2 and all(_FIELD_CODE.fullmatch(t) for t in texts) and bool(id_text)
            and _digits(id_text) < 6)


_NOTE_WORDS = ("必填", "选填", "填写", "位", "格式", "文本", "例", "如:", "如：", "说明", "注")


def _is_notes_row(values: Sequence[Any] | None, mapping: dict[str, int]) -> bool:
    """The row under the header holds notes on how to fill each column, not data."""
    if not values or _is_blank(values):
        return False
    id_text = cell_text(value_at(values, mapping["id_number"]))
    if not id_text or _digits(id_text) >= 6 and not any(w in id_text for w in _NOTE_WORDS):
        return False
    if not any(w in id_text for w in _NOTE_WORDS):
        return False
    return all(isinstance(v, str) or v is None for v in values)


def is_notes_row(values: Sequence[Any] | None, id_column: int | None) -> bool:
    """A row under the header (``id_column`` holding the ID numbers) saying how to fill each column,
    or numbering the columns: not data. Without an ID column (a header lacking it, still being read)
    only the column numbers are told."""
    if id_column is None:
        return _is_column_numbers(values)
    return _is_notes_row(values, {"id_number": id_column}) or _is_column_numbers(values)


def _joined(group: str, name: str) -> str:
    """A column's name under a group cell, read with the group when only together they name a field
    ("证件" over 类型 | 号码, "身份证" over 号码 | 有效期), or when the name says whose number the group's
    column holds ("身份证号码" over 申请人 | 配偶: the applicant's number, not a column of names)."""
    if group and name and _field_of(header_key(group + name)) is not None:
        own = _field_of(header_key(name))
        if own is None or (own[0] == "name" and (_field_of(header_key(group)) or ("",))[0] == "id_number"):
            return group + name
    return name


def _lower_or(upper: Sequence[Any], lower: Sequence[Any], i: int) -> str:
    low = cell_text(lower[i]) if i < len(lower) else ""
    return low or (cell_text(upper[i]) if i < len(upper) else "")


# -- data rows --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DataRow:
    number: int  # 1-based row in the sheet
    values: list[Any]

    @property
    def as_written(self) -> list[Any]:
        """The row as the sheet has it (written back so in an error workbook)."""
        return self.values


@dataclass(frozen=True, slots=True)
class BoxedRow(DataRow):
    """A row whose ID number is written one character per cell: one value in ``values`` (in the first
    box, the others blank), its boxes in ``cells`` as written. (A class of its own: the rows of every
    other list, nearly all, are made no slower.)"""

    cells: list[Any]

    @property
    def as_written(self) -> list[Any]:
        return self.cells


def is_footer(values: Sequence[Any], *, first_only: bool = False) -> bool:
    """A signature / note line under the table ("制表人:… 审核人:…", "注:…"). With ``first_only``
    (the row is a person's) only its first text can open a footer: a later cell is a remark."""
    first = True
    for v in values:
        if not first and first_only:
            return False
        text = cell_text(v)
        if not text:
            continue
        compact = re.sub(r"\s+", "", text)
        if compact.startswith(FOOTER_MARKERS) or compact.startswith(NOTE_MARKERS):
            return True
        if first and _FOOTER_LEAD.match(compact):
            return True
        first = False
        if any(m + ":" in compact or m + "：" in compact for m in FOOTER_MARKERS):
            return True
    return False


_RULE = re.compile(r"[:：]?[-—–─━=＝_]{2,}[:：]?")


def _is_rule(values: Sequence[Any]) -> bool:
    """A line drawn under the header or between parts: every cell dashes or equals signs ("| --- | --- |"
    of a Markdown table pasted from a chat, "------ ------" of a text report), no person."""
    texts = [t for t in (cell_text(v) for v in values) if t]
    return bool(texts) and all(_RULE.fullmatch(re.sub(r"\s+", "", t)) for t in texts)


def _is_note(values: Sequence[Any]) -> bool:
    """A note line ("注:…", "说明:…", "备注:…"), which a list may have in its middle, not a signature line."""
    first = next((t for t in (cell_text(v) for v in values) if t), "")
    compact = re.sub(r"\s+", "", first)
    return compact.startswith(NOTE_MARKERS) and not compact.startswith(END_MARKERS)


def _ends_list(values: Sequence[Any]) -> bool:
    """A line saying the list ends here ("以下空白", "以下无内容", "此页无正文"), numbered on in 序号 perhaps
    ("16 | 以下空白", a form's numbered rows)."""
    texts = [t for t in (cell_text(v) for v in values) if t]
    if len(texts) > 1 and texts[0].isdigit():
        texts = texts[1:]
    return bool(texts) and re.sub(r"\s+", "", texts[0]).startswith(END_MARKERS)


def _is_total(values: Sequence[Any], person: Container[int] | None = None) -> bool:
    """A total line: its first text opens with a total word or is a count ("共 10 人"); or any of
    its cells is a total label ("小计", "八泉街道小计", "合计:") where the sub-district or name goes.
    For a row with a person's name in the name column, only the first text and the cells of
    ``person`` (the serial and name columns) count: a remark "合计发放3个月" or a sub-district ending
    in 汇总 beside a person is no total ("24 | 合计" still is; a numbered row without a name is judged
    by all its cells, as the serial numbers of a formula run on through the subtotal rows)."""
    first = True
    for i, v in enumerate(values):
        if person is not None and not first and i not in person:
            continue
        text = cell_text(v)
        if not text:
            continue
        compact = re.sub(r"\s+", "", text).rstrip(":：")
        if compact.startswith(TOTAL_MARKERS) or compact.endswith(TOTAL_MARKERS):
            return True
        if first and COUNT_LINE.match(compact) is not None:
            return True
        first = False
    return False


def _is_section(values: Sequence[Any], data_columns: Container[int] = ()) -> bool:
    """A section heading: one text alone in its row, numbered as a heading ("一、八泉街道", "1、八泉街道"),
    the bare name of a region, a count, a date or a page number; or, outside ``data_columns`` (the columns mapped
    to a field other than the name), any text that is not a person's name ("低保边缘家庭")."""
    cells = [(i, re.sub(r"\s+", "", t)) for i, t in enumerate(cell_text(v) for v in values) if t]
    if 1 < len(cells) <= 3 and any(_COUNT_CELL.fullmatch(t) for _i, t in cells):
        cells = [(i, t) for i, t in cells if not _COUNT_CELL.fullmatch(t)] or cells  # "八泉街道 | 12人"
    if len(cells) == 2 and _HEADING_NUMBER.fullmatch(cells[0][1]) and (
            _REGION_HEADING.fullmatch(cells[1][1]) or _GROUP_WORDS.search(cells[1][1])):
        return True  # "一 | 八泉街道", "(二) | 低保对象": the heading's number in 序号, its name in the name column
    if len(cells) != 1:
        return False
    column, compact = cells[0]
    if (_SECTION.match(compact) or _NUMBERED.match(compact) or _REGION_HEADING.fullmatch(compact)
            or _COUNT_IN.search(compact) or _DATE_LINE.fullmatch(compact) or _GROUP_WORDS.search(compact)
            or _PAGE.fullmatch(compact)):
        return True
    return column not in data_columns and _PERSON_NAME.fullmatch(compact) is None


def _is_labelled(values: Sequence[Any]) -> bool:
    """A line of labelled values ("报送人:王五 | 电话:138…", "街道:八泉街道 | 社区:飞云社区"): a note or a
    group heading written across the columns, not a person (whose name and number carry no label)."""
    texts = [t for t in (cell_text(v) for v in values) if t]
    return len(texts) >= 2 and all(_LABELLED.match(re.sub(r"\s+", "", t)) for t in texts)


def _numbered_person(values: Sequence[Any], serial: Container[int], name_col: int | None) -> bool:
    """A row numbered in a 序号 column, or in its first cell (a number cell, or its digits in a text
    list, the 序号 perhaps named in a header row above the one read), or holding some ID number (a
    guardian's, a spouse's), with a person's name in the name column."""
    name = re.sub(r"\s+", "", cell_text(value_at(values, name_col))) if name_col is not None else ""
    if _PERSON_NAME.fullmatch(name) is None or _REGION_HEADING.fullmatch(name) or _GROUP_WORDS.search(name):
        return False  # "1 | 八泉街道 | 15": a table of figures under the signatures names no person
    first = next((i for i, v in enumerate(values) if cell_text(v)), None)
    return any(_serial_number(v) for i, v in enumerate(values) if i in serial or i == first) or any(
        _ID_SHAPED.fullmatch(idcard.normalize(cell_text(v))) for v in values)  # a guardian's or spouse's number beside it


def _serial_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return value == value and float(value).is_integer() and 0 < value < 100_000
    return isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 5


def _looks_like_person(values: Sequence[Any], serial: Container[int], name_col: int | None) -> bool:
    """A numbered row, or one with a person's name in the name column."""
    if any(isinstance(v, int | float) and not isinstance(v, bool) for i, v in enumerate(values) if i in serial):
        return True
    name = cell_text(value_at(values, name_col)) if name_col is not None else ""
    return bool(name) and _PERSON_NAME.fullmatch(re.sub(r"\s+", "", name)) is not None


class MergedDown:
    """Cells merged down over several rows from ``first_row`` (1-based) on, such as a 街道 or a
    户编号 written once for its rows: each row under the top one reads the top one's value. Ranges
    touching a column of ``keep_out`` are left as the file has them (an ID number merged down is one
    person written over several rows; an amount merged over a household's rows is counted once).
    :meth:`see` is given every row from ``first_row`` on, :meth:`fill` the rows to read."""

    def __init__(self, book: Workbook, sheet: str, first_row: int, keep_out: Container[int] = ()) -> None:
        self._fills: dict[int, list[tuple[int, int, int]]] = {}  # 1-based row -> (first col, last col, top row)
        for (r1, c1), (r2, c2) in book.merged_ranges(sheet):
            if r2 > r1 and r1 + 1 >= first_row and not any(c in keep_out for c in range(c1, c2 + 1)):
                for r in range(r1 + 2, r2 + 2):
                    self._fills.setdefault(r, []).append((c1, c2, r1 + 1))
        self._wanted = {top for spans in self._fills.values() for _c1, _c2, top in spans}
        self._tops: dict[int, list[Any]] = {}

    def __bool__(self) -> bool:
        """Whether any range is merged down over the rows (most lists have none: a reader skips both calls)."""
        return bool(self._fills)

    def see(self, number: int, values: Sequence[Any]) -> None:
        if number in self._wanted:
            self._tops[number] = list(values)

    def fill(self, number: int, values: list[Any]) -> list[Any]:
        """``values`` with the blank cells of the ranges merged down over row ``number`` filled in
        (a copy when any is; ``values`` itself otherwise)."""
        spans = self._fills.get(number)
        if not spans:
            return values
        values = list(values)
        for c1, c2, top in spans:
            above = self._tops.get(top)
            if above is None or c1 >= len(above):
                continue
            if len(values) <= c2:  # a row read shorter than the sheet (a web page's table)
                values.extend([""] * (c2 + 1 - len(values)))
            for c in range(c1, c2 + 1):
                if values[c] in ("", None):
                    values[c] = above[c1]
        return values


def data_rows(book: Workbook, layout: Layout, *, max_rows: int | None = None) -> Iterator[DataRow]:
    """The data rows under the header: blank rows, repeated headers, totals and the footer left out.
    More than ``max_rows`` (default :data:`MAX_ROWS`) data rows is a file-level error."""
    limit = MAX_ROWS if max_rows is None else max_rows
    id_col = layout.mapping.get("id_number", 1 << 30)  # not mapped yet: a preview for mapping by hand
    serial = {i for i, c in enumerate(layout.columns) if header_key(c) in SERIAL_HEADERS}
    id_headers = {header_key(c) for c in [layout.columns[id_col] if id_col < len(layout.columns) else ""]
                  + [cell_text(value_at(r, id_col)) for r in layout.header_rows]} - {""}
    # The header repeated on each printed page: a row that reads like one of the header rows.
    header_texts = [_row_texts(r) for r in layout.header_rows]
    # the words a header further down may be made of: the list's own column names, the names departments use
    header_words = {cell_text(v) for r in layout.header_rows for v in r} | set(_EXACT) | set(SERIAL_HEADERS)
    name_col = layout.mapping.get("name")
    if name_col is None and id_col < len(layout.columns) and holds_name_and_id(header_key(layout.columns[id_col])):
        name_col = id_col  # "张三 420203…": the names are in the ID column
    data_columns = {c for f, c in layout.mapping.items() if f != "name"}
    who = {c for f, c in layout.mapping.items() if f in ("id_number", "name", "address", "phone")}
    serial_and_name = serial | ({name_col} if name_col is not None else set())
    count = 0
    # An ID number written one character per cell (decided for the layout): read as one value.
    boxes = layout.id_boxes if layout.id_boxes is not None and layout.id_boxes[0] == id_col else None
    cells = None
    # Cells merged down over several data rows (a 街道 written once for its rows) count for every row.
    merged_down = MergedDown(book, layout.sheet, layout.first_data_row,
                             (id_col,) if boxes is None else range(boxes[0], boxes[1] + 1)) or None
    # A cell merged across the ID column and its neighbours is a heading ("八泉街道(12人)"), not a person.
    across = {r + 1 for (r1, c1), (r2, c2) in book.merged_ranges(layout.sheet)
              if c2 > c1 and c1 <= id_col <= c2 and r2 + 1 >= layout.first_data_row for r in range(r1, r2 + 1)}
    # An ID cell merged down over further rows: one person written over several rows (a second phone
    # number, another disability or bank account on the rows below), not a person on each.
    continued = {r + 1 for (r1, c1), (r2, c2) in book.merged_ranges(layout.sheet)
                 if r2 > r1 and c1 <= id_col <= c2 and r1 + 1 >= layout.first_data_row for r in range(r1 + 1, r2 + 1)}
    examples_end = layout.first_data_row + EXAMPLE_ROWS
    after_footer = False
    # Under another list's header giving the same columns in another order: where each of the list's
    # columns is in the rows below it (None while the rows are as at the top).
    order: list[int] | None = None
    # Under a footer line, rows with a person's name but no ID number: people when a row with an ID number
    # follows (the line was a note in the middle, "注:以下为补报人员"), else signatures and the like.
    pending: list[DataRow] = []
    signed = False  # a footer line other than a note ("制表人:…", "填表日期:…") has been passed
    # Rows without 序号, ID number or a name beside other text (see below): held back until a row shows
    # whether the list's 序号 is filled in (dropped then: lines carried over, headings), people if not.
    numbered = False
    held: list[DataRow] = []
    for number, values in book.rows(layout.sheet):
        if number < layout.first_data_row:
            continue
        if number < examples_end and is_example(values):
            continue  # "示例 | 张三 | 4202…": how to fill the list, not a person in it
        if merged_down is not None:
            merged_down.see(number, values)
        raw = values
        if order is not None:
            if merged_down is not None:
                raw = merged_down.fill(number, raw)
            values = [raw[j] if 0 <= j < len(raw) else "" for j in order]
            cells = None
        elif boxes is not None:
            cells = values
            values = list(values)
            if id_col < len(values):
                values[id_col] = _boxes_text(values, *boxes)
                values[id_col + 1:boxes[1] + 1] = [""] * (min(boxes[1] + 1, len(values)) - id_col - 1)
        id_value = values[id_col] if id_col < len(values) else ""
        if type(id_value) is str and len(id_value) >= 15 and id_value[:6].isdigit():
            pass  # the common case: an ID number
        elif (_digits(id_text := id_value if isinstance(id_value, str) else cell_text(id_value)) < 15 or (
                _LABELLED.match(id_text))) and not (
                    # a row read as blank in its ID cell may hold an error value there (#N/A, #REF!); the
                    # sheet is looked at again only for a row with a name or a 序号 (as for a row with a
                    # name and no number, whose reason is looked for anyway): blank rows and signature
                    # lines, common in every list, cost nothing
                    id_text == "" and values.count("") != len(values)
                    and (name_col is not None and cell_text(value_at(values, name_col)) != ""
                         or any(cell_text(value_at(values, c)).isdigit() for c in serial))
                    and _error_row(book, layout.sheet, number, values, id_col, name_col, order)):
            # not an ID-like value (a phone number or a date under the footer has digits too): maybe
            # blank, footer, totals or a repeated header
            if values.count("") == len(values):
                continue  # blank at a glance: a stray cell far below can make a sheet a million rows long
            # The header repeated (printed pages), or another list's header (lists pasted together, its
            # columns perhaps in another order, perhaps under a note "以下为补报人员"): the rows under it
            # are read by it.
            repeated = _row_texts(raw) in header_texts
            reordered = None if repeated or not any(type(v) is str and v.strip() in header_words for v in raw) else (
                _header_order(raw, layout))
            if (repeated or reordered is not None or header_key(id_value) in id_headers
                    or _names_columns(raw, id_col)):
                order, after_footer = reordered, False
                continue
            # Signatures, dates, phone numbers: under a footer an ID number makes a person, and so does a
            # row numbered on in 序号 with a name (people listed under a note, a number still missing), or
            # under a note alone a row filled in beside the name; other rows naming a person wait for
            # a row with an ID number below them.
            tentative = after_footer and not _numbered_person(values, serial, name_col) and (
                signed or sum(1 for v in values if cell_text(v)) < 3)  # under a note: a row filled in as a person's
            if tentative and not _looks_like_person(values, (), name_col):
                continue
            if (all(cell_text(v) == "" for i, v in enumerate(values) if i not in serial) or number in continued
                    or _is_rule(values)):
                continue
            if id_text.strip() in ERROR_VALUES and name_col not in (None, id_col) and all(
                    (t := cell_text(v)) == "" or t in ERROR_VALUES for i, v in enumerate(values) if i not in serial
            ) and cell_text(value_at(values, name_col)) == "":
                continue  # a template's spare row as text (a CSV): its lookup key not filled in (see _error_row)
            if _ends_list(values):
                break  # "以下空白": the list says itself that nothing follows
            if is_footer(values, first_only=_looks_like_person(values, serial, name_col)):
                # Usually the end of the list; but a note in the middle ("注:以下为补报人员") or people
                # added under the signatures are still people: rows with an ID number go on being read,
                # and under notes alone (no signature yet) the rows naming a person.
                after_footer = True
                signed = signed or not _is_note(values)
                continue
            named = _looks_like_person(values, (), name_col)  # a person's name in the name column
            if (_is_total(values, serial_and_name if named else None) or number in across
                    or _is_section(values, data_columns) or _is_labelled(values)):
                continue
            if name_col is not None and all(cell_text(value_at(values, c)) == "" for c in who):
                # Nothing in the columns that say who (name, ID number, address, phone): a template's
                # spare row whose formulas show 0 or 否, or whose 街道 and 证件类型 are filled in ahead,
                # or a remark alone. A person without an ID number still has a name.
                continue
            if serial and id_text == "" and all(cell_text(value_at(values, c)) == "" for c in serial) and (
                    name_col is None or cell_text(value_at(values, name_col)) == ""
                    or sum(1 for v in values if cell_text(v)) == 1):
                # No 序号 and no ID number, and no name or a name alone: in a numbered list a line carried
                # over from the row above (a second address line or phone number, a Word table pasted in)
                # or a group's heading in the name column (城镇, 新增, 已故); people only if the list turns
                # out not to be numbered after all.
                if not numbered:
                    held.append(DataRow(number, values) if cells is None else BoxedRow(number, values, cells))
                continue
            if tentative:
                if merged_down is not None and order is None:
                    values = merged_down.fill(number, values)
                    if cells is not None:
                        cells = merged_down.fill(number, cells)
                pending.append(DataRow(number, values) if cells is None else BoxedRow(number, values, cells))
                continue
        if merged_down is not None and order is None:
            values = merged_down.fill(number, values)
            if cells is not None:
                cells = merged_down.fill(number, cells)
        if pending:  # the footer line above them was a note: they are people
            yield from pending
            count += len(pending)
            pending.clear()
        if serial and not numbered:
            numbered = any(cell_text(value_at(values, c)) != "" for c in serial)
            if not numbered and held:  # numbered in its header only: the rows held back are people
                yield from held
                count += len(held)
            held.clear()
        count += 1
        if count > limit:
            raise SpreadsheetError(
                f"文件“{book.name}”的数据超过 {limit:,} 行(第 {number} 行已超出),超出了单次导入的上限。"
                "请按街道或月份拆分成几个文件后分别导入。", kind="too_many_rows")
        yield DataRow(number, values) if cells is None else BoxedRow(number, values, cells)
    if held and not numbered:  # no row numbered at all: the rows held back are people
        yield from held


def _error_row(book: Workbook, sheet: str, number: int, values: Sequence[Any], id_col: int,
               name_col: int | None, order: list[int] | None) -> bool:
    """A row read as blank in its ID cell whose ID cell holds an error value (#REF! of a deleted source,
    #N/A of a VLOOKUP), and so does its name cell or it has a name: a person's row with a bad ID,
    counted as one. A template's spare row, its lookup key (the name) not filled in, is not."""
    errors = book.error_values(sheet)
    if not errors:
        return False
    at = order[id_col] if order is not None else id_col
    if (number, at) not in errors:
        return False
    if name_col is None or name_col == id_col:
        return True
    return bool(cell_text(value_at(values, name_col))) or (
        number, order[name_col] if order is not None else name_col) in errors


def _header_order(values: Sequence[Any], layout: Layout) -> list[int] | None:
    """For a header row further down that gives the list's columns in another order (a second list
    pasted under the first, its columns arranged otherwise): the column of this row holding each column
    of the list (-1 where none does). None for any other row, and for a header in the list's own order.

    Such a row names the same columns as the list's header, or names an ID column and a name column
    by names departments use ("身份证号", "姓名"), and holds no ID number."""
    texts = [cell_text(v) for v in values]
    if any(_ID_SHAPED.fullmatch(idcard.normalize(t)) for t in texts):
        return None
    keys = [header_key(t) for t in texts]
    # what each of the list's columns is called: its name, and each row of a header over two rows
    names = [({header_key(c)} | {header_key(value_at(r, i)) for r in layout.header_rows}) - {""}
             for i, c in enumerate(layout.columns)]
    exact = {_EXACT[k][0]: i for i, k in reversed(list(enumerate(keys))) if k in _EXACT}
    named = [k for k in keys if k]
    # (序号 may be named in a row above the header read, over an empty cell of it)
    same = len(named) >= 2 and all(any(k in n for n in names) or k in SERIAL_HEADERS for k in named)
    if not same and not ("id_number" in exact and "name" in exact):
        return None
    order: list[int] = []
    fields = {col: fld for fld, col in layout.mapping.items()}
    for i, called in enumerate(names):
        j = next((j for j, k in enumerate(keys) if k and k in called and j not in order), -1)
        order.append(j if j >= 0 else exact.get(fields.get(i, ""), -1))
    for j, k in enumerate(keys):  # 序号 to the list's first unnamed column
        if k in SERIAL_HEADERS and j not in order:
            i = next((i for i, called in enumerate(names) if not called and order[i] < 0), None)
            if i is not None:
                order[i] = j
    id_col = layout.mapping.get("id_number")
    if id_col is None or id_col >= len(order) or order[id_col] < 0 or order == list(range(len(order))):
        return None
    return order


def _names_columns(values: Sequence[Any], id_col: int) -> bool:
    """A header row, worded otherwise than the list's own: its cell in the ID column names an ID column
    ("身份证号" where the list says "公民身份号码") and another cell names a name column ("姓名"). A
    second list pasted under the first brings its own header; a person's row names no column."""
    return _names_id_column(value_at(values, id_col)) and "name" in map_columns([cell_text(v) for v in values])


def _names_id_column(text: Any) -> bool:
    """``text`` is the name of an ID column ("身份证号", "公民身份号码")."""
    found = _field_of(header_key(text))
    return found is not None and found[0] == "id_number"


def rows_at_most(book: Workbook, layout: Layout) -> int:
    """How many rows there can be under the header, at most: every data row is one of them. A sheet
    knows its height; a text file's lines are counted (a row quoting a line break takes two), quickly.
    Only a list this long needs its rows counted before it is read for good (:data:`MAX_ROWS`)."""
    if book.format != "csv":
        return max(book.height(layout.sheet) - layout.first_data_row + 1, 0)
    encoding = book.encoding or ""
    lfs = crs = 0
    try:
        with _open_binary(book.path) as fh:
            if encoding == "utf-16":  # the byte-order mark says which
                encoding = "utf-16-be" if fh.read(2) == codecs.BOM_UTF16_BE else "utf-16-le"
            wide = encoding.startswith("utf-16")
            lf, cr = ("\n".encode(encoding), "\r".encode(encoding)) if wide else (b"\n", b"\r")
            while chunk := fh.read(1 << 22):
                lfs += chunk.count(lf)
                crs += chunk.count(cr)
    except OSError as exc:
        raise _unreadable(book.path, exc) from exc
    # Lines end in "\r\n", "\n" or (Excel for Mac's CSV) "\r" alone: the more frequent mark counts them.
    return max(max(lfs, crs) + 1 - layout.first_data_row + 1, 0)


def _row_texts(values: Sequence[Any]) -> list[str]:
    texts = [re.sub(r"\s+", "", cell_text(v)) for v in values]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def value_at(values: Sequence[Any], index: int | None) -> Any:
    if index is None or index >= len(values):
        return ""
    return values[index]


def check_mapping(book: Workbook, layout: Layout, mapping: dict[str, int]) -> dict[str, int]:
    """Validate a mapping chosen by hand: known fields, columns inside the sheet, an ID column."""
    clean: dict[str, int] = {}
    width = len(layout.columns)
    for fld, col in mapping.items():
        if fld not in FIELDS:
            raise SpreadsheetError(f"未知的字段“{fld}”(可用:{'、'.join(FIELDS)})。", kind="bad_mapping")
        if col is None or col == "":
            continue
        col = int(col)
        if col < 0 or col >= width:
            raise SpreadsheetError(f"文件“{book.name}”没有第 {col + 1} 列(共 {width} 列),无法作为“{FIELD_LABELS[fld]}”。",
                                   kind="bad_mapping")
        clean[fld] = col
    if "id_number" not in clean:
        raise SpreadsheetError(f"请为文件“{book.name}”指定身份证号所在的列。", kind="no_id_column")
    return clean


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def column_index(letters: str) -> int:
    """The inverse of :func:`column_letter`: A -> 0, AA -> 26 (upper-case letters)."""
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1
