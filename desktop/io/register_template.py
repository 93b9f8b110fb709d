"""The standard household register template (家庭台账): one row per person, rows sharing 户编号 are
one household, household fields on the head's row (与户主关系 = 本人).

This module knows the columns and their allowed values; it writes the empty template and turns a
row into typed values, with one error per bad cell (row number, column name, message).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from desktop.io.spreadsheet import (
    ALIASES,
    COUNT_LINE,
    EXAMPLE_ROWS,
    TOTAL_MARKERS,
    SpreadsheetError,
    Workbook,
    cell_text,
    date_serial,
    header_key,
    id_cell,
    is_example,
    value_at,
)
from desktop.io.spreadsheet import is_notes_row as is_spreadsheet_notes_row
from desktop.io.xlsx_writer import SheetSpec, write_workbook
from desktop.rules import codes, idcard, spelling
from desktop.rules.policy import comma_misplaced

HEADER: tuple[str, ...] = (
    "户编号", "与户主关系", "姓名", "身份证号", "街道", "社区", "住址", "联系电话", "城乡类别", "健康状况", "残疾类别",
    "残疾等级", "劳动能力", "在校情况", "工资性收入", "经营净收入", "财产净收入", "转移净收入", "其他收入", "医疗支出",
    "教育支出", "其他刚性支出", "单亲家庭", "当前救助类别", "监测库别", "备注",
)
# Names offices write in the header instead of the template's own, each of which can mean no other
# column of a register: the department lists' names for the ID number (those saying 身份), the
# sub-district, community, address (not 户籍地址: where the household is registered, not where it
# lives) and phone (not a contact person's), and a few of the register's own columns.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "户编号": ("户号", "家庭编号", "户编码", "家庭户号"),
    "与户主关系": ("与户主的关系", "户主关系", "与户主之关系", "家庭关系", "关系"),
    # a register lists every person of the household: its name and ID columns may say 成员
    "姓名": ("成员姓名", "家庭成员姓名"),
    "身份证号": (*(a for a in ALIASES["id_number"] if "身份" in a), "成员身份证号", "成员身份证号码", "家庭成员身份证号",
             "家庭成员身份证号码"),
    "街道": ALIASES["subdistrict"],
    "社区": tuple(a for a in ALIASES["community"] if a != "网格" and "区划" not in a),
    "住址": tuple(a for a in ALIASES["address"] if "户籍" not in a),
    "联系电话": tuple(a for a in ALIASES["phone"] if "联系人" not in a),
    "城乡类别": ("城乡类型", "城乡", "城乡属性"),
    "工资性收入": ("工资收入",),
    "经营净收入": ("经营性净收入",),
    "财产净收入": ("财产性净收入",),
    "转移净收入": ("转移性净收入",),
    "其他收入": ("其它收入",),
    "其他刚性支出": ("其它刚性支出",),
    "单亲家庭": ("是否单亲家庭", "是否单亲"),
    "当前救助类别": ("救助类别", "救助类型", "当前救助类型"),
    "监测库别": ("库别", "监测库"),
}
_HEADER_KEYS: dict[str, str] = {header_key(column): column for column in HEADER}  # as header_key compares them
_SYNONYM_KEYS: dict[str, str] = {header_key(name): column for column, names in HEADER_SYNONYMS.items()
                                 for name in names if header_key(name) not in _HEADER_KEYS}
# Every column must be there: an updated household takes all its values from the file, so a
# column left out would silently clear what the system holds (library class, incomes, notes ...).
REQUIRED_COLUMNS = HEADER
HEAD_ONLY = ("街道", "社区", "住址", "联系电话", "城乡类别", "单亲家庭", "当前救助类别", "监测库别")
# Of those, the ones that are the household's alone: a member's own 住址, 联系电话 or 城乡类别 (户口)
# may differ from the head's; these may not.
HOUSEHOLD_STATED = ("当前救助类别", "监测库别", "单亲家庭")
# Columns a blank cell of says nothing about a person or household the system already has: its value
# is kept (a blank 劳动能力 read as 有 would take a 特困 candidate's 无 away on every re-import).
KEPT_WHEN_BLANK = ("住址", "联系电话", "城乡类别", "单亲家庭", "健康状况", "残疾类别", "残疾等级", "劳动能力", "在校情况",
                   "当前救助类别", "监测库别", "备注")
# What paper forms write in a member's household columns for "as the head's" (compared after folding
# full-width forms): the household's values are the head's row's, so these say nothing. Not on the
# head's row, where "同上" would be another household's value.
DITTO = {"同上", "同前", "同户主", "同户主行", "同本人", "〃", "\"\""}

# The template's columns are fixed (issue 4): the basic resident pension has no column of its own.
INCOME_COLUMNS = {label: kind for kind, label in codes.INCOME_LABELS.items() if label in HEADER}
EXPENSE_COLUMNS = {label: kind for kind, label in codes.EXPENSE_LABELS.items()}
# Net incomes may be a loss; the other amounts cannot be negative.
MAY_BE_NEGATIVE = {codes.INCOME_LABELS[kind] for kind in codes.NET_INCOME_KINDS}
# 单亲家庭 as offices fill it in (compared after folding full-width forms, upper case).
YES_NO = {"是": True, "否": False, "Y": True, "N": False, "YES": True, "NO": False, "√": True, "✓": True,
          "✔": True, "×": False, "✗": False, "✘": False, "1": True, "0": False, "TRUE": True, "FALSE": False,
          "有": True, "无": False, "单亲": True, "单亲家庭": True, "非单亲": False, "非单亲家庭": False, "不是": False}
# How paper forms say "nothing here" (compared after folding full-width forms).
DASHES = {"-", "--", "—", "——", "/", "\\"}
# A phone number as the household form takes it: digits, hyphens, a leading +, spaces
PHONE_NUMBER = re.compile(r"[0-9\-+ ]{5,20}")
# An amount cell holding one of these means nothing: 0 yuan.
NO_AMOUNT = {"无", "没有", "暂无", "无收入", "没有收入", "无支出", "没有支出", "零", *DASHES}
# An amount written in Chinese numerals, as on a receipt (壹仟, 一千二百, 1千): not read, the reason
# says to write digits.
CHINESE_NUMERALS = re.compile(r"[0-9.]*[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億][零〇一二两三四五六七八九十百千万亿"
                              r"壹贰叁肆伍陆柒捌玖拾佰仟萬億0-9.点]*")
# Columns where a dash is read as a blank cell: 无, or for 城乡类别 the region's (members' rows often
# carry a dash in the household's columns). Not 劳动能力 or 健康状况: there 无 would be an answer
# about the person, and a dash does not say which.
DASH_IS_NONE = ("城乡类别", "残疾类别", "残疾等级", "在校情况", "当前救助类别", "监测库别")
NAME_REMARK = re.compile(r"[(（\[【〔].*?[)）\]】〕]|[(（\[【〔].*$")
# "?" in a name: a rare character (㛃, 𬌗 …) Excel's GBK CSV could not hold, or one a decoder could not read
LOST_CHARACTER = re.compile("[?？\ufffd]")
# A remark saying the person died or moved out ("已故", "2025年去世", "户口已迁出"), and nothing else: not
# "丈夫已故", a remark about someone else.
GONE_REMARK = re.compile(r"(?:[0-9年月日./-]|已经?|于|户口)*(?:病故|去世|过世|死亡|身故|故|迁出)[。.;；,，!！]*")
CJK_PADDING = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# "36000元/年" is the year's amount the template asks for; "3000元/月", "每月3000", "月均3000" a month's,
# which the import does not multiply (the person may not have earned it every month): said so.
PER_YEAR = re.compile(r"[/每]年$")
PER_MONTH = re.compile(r"[/每]月|月均|^月\d")
# The minus sign of typesetting (Word, PDF, copied web pages) before an amount: −3000 is -3000.
MINUS_SIGN = "\u2212"
# A date where an amount belongs: a number cell with a date format, as a CSV keeps it (1998-07-24,
# 1998/7/24, 00:00:00): the number itself is gone (a spreadsheet keeps it: see _cell_amount).
DATE_TEXT = re.compile(r"[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}(\s*[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?|[0-9]{1,2}:[0-9]{2}:[0-9]{2}")
# A negative amount in the accounting format (会计专用, 数值 with brackets): shown, and saved to CSV by
# Excel, as "(3,000)" (its commas and unit already dropped here). Negative is allowed only in net incomes.
ACCOUNTING_NEGATIVE = re.compile(r"\(([0-9]+(\.[0-9]+)?)\)")
# A phone number a spreadsheet turned into a number in scientific notation (CSV saved by Excel:
# 1.38071E+10): the last digits are gone.
SCIENTIFIC = re.compile(r"[0-9]+(\.[0-9]+)?E\+?[0-9]+", re.I)
MAX_AMOUNT = Decimal("999999999999.99")  # what the amount columns hold (Numeric(14, 2))
MAX_CODE = 32  # 户编号 characters the households table holds
MAX_TEXT = {"住址": 256, "联系电话": 32}  # characters the households and members tables hold

ALLOWED: dict[str, dict[Any, str]] = {
    "与户主关系": dict(codes.RELATION_LABELS),
    "城乡类别": dict(codes.AREA_LABELS),
    "健康状况": dict(codes.HEALTH_LABELS),
    "残疾类别": dict(codes.DISABILITY_LABELS),
    "残疾等级": dict(codes.GRADE_LABELS),
    "劳动能力": dict(codes.LABOUR_LABELS),
    "在校情况": dict(codes.SCHOOLING_LABELS),
    "当前救助类别": dict(codes.CATEGORY_LABELS),
    "监测库别": dict(codes.LIBRARY_LABELS),
}
DEFAULTS: dict[str, Any] = {
    "健康状况": codes.Health.HEALTHY,
    "残疾类别": codes.Disability.NONE,
    "残疾等级": 0,
    "劳动能力": codes.LabourCapacity.FULL,
    "在校情况": codes.Schooling.NONE,
    "当前救助类别": codes.Category.NONE,
    "监测库别": None,
}
TEXT_COLUMNS = tuple(HEADER.index(c) for c in ("户编号", "身份证号", "联系电话"))

# Words offices write for the allowed values (after folding full-width forms and dropping spaces
# and bracketed remarks). Relations follow the groups of GB/T 4761 (家庭关系代码): sons- and
# daughters-in-law are grouped with the children, siblings' spouses with the siblings.
SYNONYMS: dict[str, dict[str, str]] = {
    "与户主关系": {
        **dict.fromkeys(("户主", "户主本人"), "本人"),
        **dict.fromkeys(("夫", "妻", "丈夫", "妻子", "爱人", "老公", "老婆", "老伴"), "配偶"),
        **dict.fromkeys(("子", "女", "儿子", "女儿", "长子", "次子", "三子", "四子", "五子", "长女", "次女", "三女", "四女",
                         "五女", "独生子", "独生女", "养子", "养女", "继子", "继女", "儿媳", "儿媳妇", "女婿",
                         *(f"{n}{c}" for n in "大二三四五小" for c in ("儿子", "女儿"))), "子女"),
        **dict.fromkeys(("父", "母", "父亲", "母亲", "公公", "婆婆", "岳父", "岳母", "继父", "继母", "养父", "养母"),
                        "父母"),
        **dict.fromkeys(("孙", "孙子", "孙女", "外孙", "外孙子", "外孙女", "外孙子女", "孙媳", "孙媳妇", "孙女婿", "曾孙", "曾孙子",
                         "曾孙女", "长孙", "长孙女", "次孙", "次孙女"), "孙子女"),
        **dict.fromkeys(("兄", "哥", "弟", "姐", "妹", "哥哥", "弟弟", "姐姐", "妹妹", "兄弟", "姐妹", "嫂", "嫂子", "弟媳",
                         "姐夫", "妹夫"), "兄弟姐妹"),
        "其它": "其他",
        **dict.fromkeys(("祖父", "祖母", "外祖父", "外祖母", "爷爷", "奶奶", "其他亲属", "非亲属", "外公", "外婆", "侄子", "侄女", "外甥",
                         "外甥女", "伯父", "伯母", "叔叔", "婶婶", "舅舅", "舅妈", "姑姑", "姨妈"), "其他"),
    },
    # 农业 / 非农业: the household book's old names for a rural and an urban household
    "城乡类别": {"城镇": "城市", "城区": "城市", "乡村": "农村", "农业": "农村", "非农业": "城市", "非农": "城市"},
    # 肢残, 视残 …: how the disabled persons' federation abbreviates each kind
    "残疾类别": {"否": "无", "肢残": "肢体", "视残": "视力", "听残": "听力", "言残": "言语", "智残": "智力", "精残": "精神",
                 "多残": "多重"},
    # the words of the 防止返贫监测 system's export: 长期慢性病 / 患有大病; 技能 / 普通 / 弱劳动力或半劳动力
    "健康状况": {"良好": "健康", "慢病": "慢性病", "大病": "重病", "重大疾病": "重病", "长期慢性病": "慢性病", "患有大病": "重病",
                 "患大病": "重病", "患重病": "重病", "患慢性病": "慢性病", "健康良好": "健康"},
    "残疾等级": {"0": "无", "否": "无", **{d: label for n, label in enumerate(("一级", "二级", "三级", "四级"), start=1)
                    for roman in ["I II III IV".split()[n - 1]] for capital in ["壹贰叁肆"[n - 1]]
                    for d in (str(n), f"{n}级", "一二三四"[n - 1], roman, roman + "级", capital, capital + "级")},
                 # the degree the grade stands for (GB/T 26341): 一级 极重度 … 四级 轻度
                 "极重度": "一级", "重度": "二级", "中度": "三级", "轻度": "四级"},
    "劳动能力": {"丧失": "无", "完全丧失": "无", "全部丧失": "无", "部分": "部分丧失", "丧失部分": "部分丧失",
                 **dict.fromkeys(("普通劳动力", "技能劳动力", "全劳动力", "全劳力"), "有"),  # 全劳力: 半劳力's counterpart
                 **dict.fromkeys(("弱劳动力", "半劳动力", "弱劳力", "半劳力", "弱劳动力或半劳动力", "弱劳动力/半劳动力",
                                  "弱或半劳动力"), "部分丧失")},
    "在校情况": {**dict.fromkeys(("学龄前", "幼儿园", "学前教育"), "学前"),
                 **dict.fromkeys(("小学", "初中", "九年义务教育"), "义务教育"),
                 "普通高中": "高中", **dict.fromkeys(("中专", "职高", "技校", "中等职业教育"), "中职"),
                 **dict.fromkeys(("职业高中", "技工学校", "中等专业学校"), "中职"),
                 **dict.fromkeys(("大学", "大专", "专科", "本科", "高职", "研究生", "大学本科", "大学专科", "高职高专",
                                  "硕士研究生", "博士研究生"), "高等教育"),
                 **dict.fromkeys(("不在校", "未在校", "未上学", "未入学", "辍学", "失学", "毕业", "已毕业", "非在校生", "非在校"),
                                 "无"),
                 # the school year: 一年级 … 九年级 and 初一 … 初三 are compulsory education, 高一 … 高三 high school
                 **dict.fromkeys((*(f"{n}年级" for n in "一二三四五六七八九"), *(f"初{n}" for n in "一二三")), "义务教育"),
                 **dict.fromkeys((f"高{n}" for n in "一二三"), "高中"), "普通高校": "高等教育"},
    # 城乡低保 is the 低保 of town and country alike; 分散 / 集中供养 are the two ways 特困 support is given
    "当前救助类别": {**dict.fromkeys(("城市低保", "城镇低保", "农村低保", "城乡低保"), "低保"), "特困供养": "特困", "否": "无",
                     **dict.fromkeys(("最低生活保障", "城市最低生活保障", "城镇最低生活保障", "农村最低生活保障",
                                      "城乡最低生活保障"), "低保"),
                     **dict.fromkeys(("城市特困", "城镇特困", "农村特困"), "特困"),
                     **dict.fromkeys((*(f"{way}{word}" for way in ("分散", "集中", "分散供养", "集中供养")
                                        for word in ("特困", "特困供养")),
                                      *(f"特困{way}" for way in ("分散", "集中", "分散供养", "集中供养")),
                                      "分散供养", "集中供养"), "特困"),
                     **dict.fromkeys(("五保", "五保户", "五保供养", "农村五保"), "特困"),
                     "低边": "低保边缘", "低收入": "低保边缘", "刚性支出困难": "支出型困难", "支出型": "支出型困难",
                     "支出型贫困": "支出型困难"},
    "监测库别": {**dict.fromkeys(("否", "不在库", "未入库", "未纳入"), "无"), **{n + suffix: label for label, names in (("一类库", ("一", "1", "I")), ("二类库", ("二", "2", "II")))
                              for n in names for suffix in ("类", "类库")}},
}
# Words that may follow a value ("肢体残疾", "有劳动能力", "低保户") and are dropped when the
# value is not known as written.
SUFFIXES: dict[str, tuple[str, ...]] = {
    "残疾类别": ("残疾",), "残疾等级": ("残疾",), "劳动能力": ("劳动能力", "劳动力"), "城乡类别": ("户口", "居民"),
    "健康状况": ("患者",),
    "当前救助类别": ("户", "对象", "人员", "家庭"), "在校情况": ("在读", "在校", "儿童", "阶段"), "监测库别": ("监测库",),
}


@dataclass(frozen=True)
class CellError:
    row: int  # 1-based row in the sheet (0 = the whole file)
    column: str  # column name ("" = the whole row)
    message: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" if self.row else "文件"
        return f"{where}“{self.column}”列:{self.message}" if self.column else f"{where}:{self.message}"


@dataclass
class PersonRow:
    row: int
    household_code: str
    relation: str
    name: str
    id_number: str
    subdistrict: str = ""
    community: str = ""
    address: str = ""
    phone: str = ""
    area_type: str | None = None
    health: str = codes.Health.HEALTHY
    disability: str = codes.Disability.NONE
    disability_grade: int = 0
    labour_capacity: str = codes.LabourCapacity.FULL
    schooling: str = codes.Schooling.NONE
    incomes: dict[str, Decimal] = field(default_factory=dict)  # IncomeKind -> yuan
    expenses: dict[str, Decimal] = field(default_factory=dict)  # ExpenseKind -> yuan
    single_parent: bool = False
    category: str = codes.Category.NONE
    library: str | None = None  # Stage.CLASS_I / CLASS_II / None
    note: str = ""
    converted_from_15: bool = False
    # A category written with the area it is given in (农村低保, 城市特困): that area, and the text.
    category_area: str | None = None
    category_text: str = ""
    # The household's coded values this row states (a cell neither blank nor a dash): on a member's
    # row they must agree with the head's, which are the household's (see HOUSEHOLD_STATED).
    stated: dict[str, Any] = field(default_factory=dict)
    # The columns of KEPT_WHEN_BLANK this row leaves blank (or a dash): for a person or household the
    # system already has, what it holds there is kept (register_import._keep_unsaid).
    blank: frozenset[str] = frozenset()

    @property
    def is_head(self) -> bool:
        return self.relation == codes.Relation.SELF


def write_template(path: str | Path) -> int:
    """The empty template, with a second sheet listing the allowed values."""
    notes = [
        ("户编号", "同一户的成员填写相同的户编号(如 H0001)", ""),
        ("与户主关系", "户主本人填“本人”;户的信息(街道、社区、住址、电话、城乡类别、单亲家庭、当前救助类别、监测库别)填在户主行",
         "、".join(codes.RELATION_LABELS.values())),
        ("身份证号", "18 位居民身份证号码,请设为文本格式", ""),
        ("街道 / 社区", "须与系统中的区划名称一致", ""),
    ]
    for column, labels in ALLOWED.items():
        if column != "与户主关系":
            notes.append((column, "", "、".join(str(v) for v in labels.values())))
    notes.append(("工资性收入 … 其他收入", "近 12 个月的金额(元);经营、财产、转移净收入可为负数。"
                  "不含不计入收入的项目和城乡居民基本养老金:这两类在家庭档案中逐项录入,再次导入台账时保留", ""))
    notes.append(("医疗支出、教育支出、其他刚性支出", "近 12 个月的金额(元)", ""))
    notes.append(("单亲家庭", "", "是、否"))
    notes.append(("备注", "户主行的备注是家庭的备注,其他行的是该成员的备注(户主本人作为成员的备注在家庭档案中填写,导入不改动)", ""))
    notes.append(("再次导入(更新)", "已在系统中的家庭和人员:" + "、".join(KEPT_WHEN_BLANK) + "留空则保持系统中原有的值"
                  "(未填不等于“无”,要清除请填写“无”);收入和支出以本次台账为准,留空按 0 计", ""))
    return write_workbook(path, [
        SheetSpec("家庭台账", HEADER, [], text_columns=TEXT_COLUMNS,
                  widths=[10, 10, 10, 22, 12, 12, 36, 14] + [10] * (len(HEADER) - 8)),
        SheetSpec("填写说明", ["列", "说明", "可填写的值"], notes, widths=[22, 70, 60]),
    ])


@dataclass
class RegisterLayout:
    sheet: str
    header_row: int
    columns: dict[str, int]  # template column -> index
    other_sheets: list[str] = field(default_factory=list)  # further sheets holding a filled register, not read
    header_height: int = 1  # 2: a header over two rows, ``header_row`` the lower one
    filled: bool = True  # rows under the header (not an empty copy of the template)
    unread: list[str] = field(default_factory=list)  # headings of columns not the template's, not imported
    width: int = 0  # cells of the header row as read (a text file's fields, trailing empty ones too)


def find_register_header(book: Workbook, sheet: str | None = None) -> RegisterLayout:
    """The sheet (or ``sheet``) and row holding the template header; the required columns must all
    be there. A sheet with the whole header and rows under it beats one without (an empty copy of
    the template, a notes sheet naming the columns); the other such sheets are named in
    ``other_sheets``. Hidden sheets are looked at only when no visible one has the header."""
    if sheet is not None and sheet not in book.sheet_names:
        raise SpreadsheetError(f"文件“{book.name}”中没有名为“{sheet}”的工作表(有:{'、'.join(book.sheet_names)})。",
                               kind="no_sheet")
    def where(name: str | None) -> str:  # the sheet, in a workbook of several
        return f"的工作表“{name}”" if name and len(book.sheet_names) > 1 else ""

    visible = [sheet] if sheet else [s for s in book.sheet_names if book.visible(s)]
    hidden = [s for s in book.sheet_names if s not in visible] if not sheet else []
    best: tuple[tuple[bool, bool, int, int], str, int, dict[str, int], int, list[str]] | None = None
    filled_sheets: list[str] = []
    for order, name in enumerate(visible + hidden):
        if best is not None and order == len(visible):
            break
        found_here: tuple[int, dict[str, int], int, list[str]] | None = None  # the row naming the most template columns
        filled = False
        previous: tuple[int, dict[str, int]] = (0, {})  # the template columns the row above names
        above: Sequence[Any] = ()  # the row above, as read
        for number, values in book.rows(name):
            if number > 30 and (found_here is None or number > found_here[0] + 20):
                break
            if found_here is not None and number > found_here[0] and not is_blank_person(values, found_here[1]) \
                    and not is_guidance_row(values, found_here[1], number - found_here[0]):
                if number > 30 or len(found_here[1]) == len(HEADER):
                    filled = True
                    break
            if number > 30:
                continue
            found = own = template_columns(values)
            if previous[0] == number - 1:
                found = _two_row_header(previous[1], own)
            previous = (number, own)
            if _register_like(found) and (found_here is None or len(found) > len(found_here[1])):
                two_rows = found is not own
                found_here, filled = (number, found, 2 if two_rows else 1,
                                      unread_headings(above if two_rows else (), values, found),
                                      max(len(values), len(above) if two_rows else 0)), False
            above = values
        if found_here is None:
            continue
        number, found, height, unread, width = found_here
        complete = all(c in found for c in REQUIRED_COLUMNS)
        if complete and filled and order < len(visible):
            filled_sheets.append(name)
        key = (complete, filled, len(found), -order)
        if best is None or key > best[0]:
            best = (key, name, number, found, height, unread, width)
    if best is None:
        if sheet is not None and len(book.sheet_names) > 1:  # the sheet chosen: say which, and that another may be
            raise SpreadsheetError(f"文件“{book.name}”的工作表“{sheet}”不是家庭台账:找不到“户编号、与户主关系、姓名、身份证号”"
                                   "等表头。请改选填有家庭台账的工作表,或按标准模板填写后再导入。", kind="no_header")
        raise SpreadsheetError(f"文件“{book.name}”不是家庭台账模板:找不到“户编号、与户主关系、姓名、身份证号”等表头。"
                               "请先下载标准模板,按模板填写后再导入。", kind="no_header")
    best_key, sheet_name, number, found, height, unread, width = best
    missing = [c for c in REQUIRED_COLUMNS if c not in found]
    if missing:
        raise SpreadsheetError(f"文件“{book.name}”{where(sheet_name)}第 {number} 行的表头缺少必需的列:{'、'.join(missing)}。"
                               f"{_written_otherwise(missing, unread)}"
                               "请使用标准模板,保留模板的每一列(不填的列留空即可),否则更新已有家庭时会清空这些信息。",
                               kind="no_header")
    _check_amount_units(book, sheet_name, number, found, where(sheet_name))
    return RegisterLayout(sheet_name, number, found, [n for n in filled_sheets if n != sheet_name], height,
                          filled=best_key[1], unread=unread, width=width)


# Amounts in another unit than the template's year in yuan: an amount heading "工资性收入(万元)",
# "医疗支出(元/月)", "工资性收入(月)", a group heading over them "家庭收入(万元)", the row of units
# under the header ("万元"), a title line "金额单位:万元". The heading's brackets are dropped when it
# is matched, and a row of notes is no person: the figures would be read as yuan over 12 months.
# Refused, not multiplied (as "3000元/月" in a cell is).
_TEN_THOUSANDS = re.compile("万元")
_PER_MONTH = re.compile(r"[/每]月|月均|\(月\)|^月$")
_UNIT_LINE = re.compile("单位")
# what a title line says the unit is ("金额单位:万元", "单位:元/月"), not the rest of it ("填报单位:飞云社区
# 每月5日前报送" names who fills it in and when)
_UNIT_SAID = re.compile(r"单位\s*[:(]?\s*(?:为|是)?\s*([^\s,;、()]+)")  # on NFKC text, spaces kept


def _check_amount_units(book: Workbook, sheet: str, number: int, columns: dict[str, int], where: str) -> None:
    """Refuse the register (the header at row ``number``) whose amounts are said to be in 万元 or per month."""
    amounts = sorted(i for c, i in columns.items() if c in INCOME_COLUMNS or c in EXPENSE_COLUMNS)
    said: dict[str, list[str]] = {"wan": [], "month": []}
    for n, values in book.rows(sheet):
        if n > number + 2:
            break
        # (a cell, the part of it saying a unit)
        if n < number:  # a title line: the unit it names; right above, a group heading "收入(万元)"
            cells = [(cell_text(v).strip(), " ".join(_UNIT_SAID.findall(unicodedata.normalize("NFKC", cell_text(v)))))
                     for v in values]
            if n == number - 1 and amounts:  # over the amount columns (a title at the left is no group heading)
                cells += [(cell_text(v).strip(), _folded(cell_text(v))) for v in values[amounts[0]:amounts[-1] + 1]
                          if "(" in _folded(cell_text(v))]
        elif n == number or is_guidance_row(values, columns, n - number):
            cells = [(cell_text(values[i]).strip(), _folded(cell_text(values[i]))) for i in amounts if i < len(values)]
        else:
            continue
        for cell, unit_said in cells:
            for key, unit in (("wan", _TEN_THOUSANDS), ("month", _PER_MONTH)):
                if unit.search(unit_said) and (place := f"第 {n} 行“{cell}”") not in said[key]:
                    said[key].append(place)
    parts = []
    if said["wan"]:
        parts.append(f"{'、'.join(said['wan'])}说明金额以万元计,模板的金额单位是元:请换算成元填写(如 1.2 万元填 12000)")
    if said["month"]:
        parts.append(f"{'、'.join(said['month'])}说明是每月的金额,模板要求近 12 个月的合计金额(元):请填写近 12 个月的合计")
    if parts:
        raise SpreadsheetError(f"文件“{book.name}”{where}中,{';'.join(parts)};并把表头和单位改为模板的写法后再导入。",
                               kind="amount_unit")


def fields_past_header(row: int, values: Sequence[Any], layout: RegisterLayout) -> CellError | None:
    """A row of a delimited text file with more fields than its header: a comma inside an unquoted
    value ("18,000") split it and moved every later value into the next column. Nothing of it is
    read as written, so the row is an error."""
    extra = len(values) - layout.width
    if layout.width == 0 or extra <= 0:
        return None
    return CellError(row, "", f"此行比表头多 {extra} 列(表头 {layout.width} 列),其后各列的值都错了位;"
                              "多半是某个值里的逗号(如金额 18,000)没有加引号。请去掉该逗号,或在 Excel 中打开核对后另存为 CSV 再导入")


# Headings of a column numbering the rows: nothing is lost when it is not read.
ROW_NUMBER_HEADINGS = {"序号", "序", "行号", "no", "no."}


def unread_headings(upper: Sequence[Any], lower: Sequence[Any], columns: dict[str, int]) -> list[str]:
    """The headings of the columns a header has besides the template's (民族, 备注2, 家庭人口 …): they
    are not imported, which the import says. In a header over two rows a column's heading is the
    lower row's, else the upper one's (merged down); a group heading sits over template columns."""
    used = set(columns.values())
    found: list[str] = []
    for i in range(max(len(upper), len(lower))):
        if i in used:
            continue
        heading = cell_text(value_at(lower, i)) or cell_text(value_at(upper, i))
        if heading and header_key(heading) not in ROW_NUMBER_HEADINGS:
            found.append(re.sub(r"\s+", "", heading))
    return found


def _written_otherwise(missing: Sequence[str], unread: Sequence[str]) -> str:
    """The missing columns a heading not read holds under another wording ("月工资性收入(元)" for 工资性收入),
    said with what to write: the header is not changed by guessing (a monthly figure is no year's)."""
    said = []
    for column in missing:
        for heading in unread:
            if column in _folded(heading):
                monthly = (column in INCOME_COLUMNS or column in EXPENSE_COLUMNS) and "月" in heading.replace(column, "")
                said.append(f"表头中的“{heading}”请改为模板的列名“{column}”"
                            + (",并填写近 12 个月的合计金额(元)" if monthly else ""))
                break
    return "" if not said else "其中" + ";".join(said) + "。"


def _register_like(found: dict[str, int]) -> bool:
    """A header row of a register, maybe incomplete: half the template's columns, or four with one
    only a register has (a department list names 姓名, 身份证号码, 地址, 电话, but no 户编号)."""
    return len(found) * 2 >= len(HEADER) or len(found) >= 4 and ("户编号" in found or "与户主关系" in found)


def template_columns(values: Sequence[Any]) -> dict[str, int]:
    """Template column -> index for the columns a header row names: the first cell with the
    column's own name, else the first with one of its HEADER_SYNONYMS."""
    keys = [header_key(v) for v in values]
    found: dict[str, int] = {}
    for names in (_HEADER_KEYS, _SYNONYM_KEYS):
        for i, key in enumerate(keys):
            column = names.get(key)
            if column is not None and column not in found and i not in found.values():
                found[column] = i
    return found


def _two_row_header(upper: dict[str, int], lower: dict[str, int]) -> dict[str, int]:
    """The columns of a header over two rows (amounts under a merged 收入情况 heading, the other
    headings merged down over both rows), or ``lower`` alone when the rows do not fit together:
    the lower row must name columns the upper one lacks, in cells the upper one leaves free, and
    may repeat the upper row's names only in the same cells."""
    if not upper or not lower:
        return lower
    used = set(upper.values())
    new = {c: i for c, i in lower.items() if c not in upper}
    if not new or any(i in used for i in new.values()) or any(upper[c] != i for c, i in lower.items() if c in upper):
        return lower
    return {**upper, **new}


# The columns that say who a row is (and where they live): a row with none of them names nobody.
WHO_COLUMNS = ("姓名", "身份证号", "与户主关系", "住址", "联系电话")
# The person's columns whose default value (健康, 无, 有) a spare row may carry, dragged down with the rest.
PERSON_DEFAULTS = ("健康状况", "残疾类别", "残疾等级", "劳动能力", "在校情况")


def is_blank_person(values: Sequence[Any], columns: dict[str, int]) -> bool:
    """A spare row of a template, naming nobody: nothing in the columns that say who (WHO_COLUMNS)
    nor a remark, no amount but 0, and of the person's columns only their defaults. Such rows are pre-numbered
    (户编号), carry the household's columns filled in ahead (街道, 社区, 否 …) or a 0 in every
    amount, dragged down past the last person. A row stating anything about someone (重病, 二级, an
    amount) is a person, bad if their name is missing."""
    for column in WHO_COLUMNS:
        i = columns.get(column)
        if i is not None and i < len(values) and cell_text(values[i]) != "":
            return False
    for column, i in columns.items():
        if i >= len(values) or column in WHO_COLUMNS or (text := cell_text(values[i])) == "":
            continue
        if column in INCOME_COLUMNS or column in EXPENSE_COLUMNS:
            problems: list[CellError] = []
            if _cell_amount(values[i], column, 0, problems) != 0 or problems:
                return False
        elif column in PERSON_DEFAULTS:
            code, problem = _choice(column, text)
            if problem or code != DEFAULTS[column]:
                return False
        elif column == "备注":  # a remark under a household ("长子,身份证待补"): about someone
            return False
    return True


def _names_of(column: str) -> frozenset[str]:
    return frozenset([header_key(column), *(k for k, c in _SYNONYM_KEYS.items() if c == column)])


# column -> (the first characters of its names, its names as header_key gives them)
_NAMES = {column: (frozenset(k[0] for k in _names_of(column)), _names_of(column)) for column in HEADER}


def is_header_row(values: Sequence[Any], columns: dict[str, int]) -> bool:
    """The header again under the first one (two filled sheets pasted into one): at least half of
    the template's columns hold their name (or one of its HEADER_SYNONYMS). Checked on every row,
    so a cell is normalised only when it is text holding the first character of one of its
    column's names, and the check stops once too few columns are left to make half."""
    misses_allowed = len(columns) - (len(columns) + 1) // 2
    misses = 0
    for column, i in columns.items():
        value = values[i] if i < len(values) else None
        if not (isinstance(value, str) and _is_name_of(column, value)):
            misses += 1
            if misses > misses_allowed:
                return False
    return True


@functools.lru_cache(maxsize=8192)  # a register repeats its words (本人, 健康, 城市 …) on most rows
def _is_name_of(column: str, value: str) -> bool:
    firsts, names = _NAMES[column]
    return not firsts.isdisjoint(value.lower()) and header_key(value) in names


# What the notes on filling a column say, under the header: how to fill it ("填写户编号", "填本人、配偶等",
# "18位"), the values allowed ("城市/农村", "是、否"), the unit ("元", "单位:元").
_NOTE = re.compile(r"填|说明|格式|例|如[:：]|注[:：]|必选|可选|[0-9]+位|^[(（]?(单位[:：]?)?(万?元)(/年)?[)）]?$")
_LIST = re.compile(r"[^/、,，;；|]+([/、,，;；|][^/、,，;；|]+)+")


def is_guidance_row(values: Sequence[Any], columns: dict[str, int], below_header: int) -> bool:
    """A row ``below_header`` rows under the header that tells how to fill the template, not a
    person: the notes on filling the columns or their numbers (the first two rows), or an example
    row ("示例 | 本人 | 张三 | …"). A sheet whose only rows are such (a 填写说明 sheet repeating the
    header with a line of notes) holds no register."""
    # (``columns`` may lack a required column here: the header is still being looked for)
    if below_header <= 2 and (is_spreadsheet_notes_row(values, columns.get("身份证号")) or is_notes_row(values, columns)):
        return True
    return below_header <= EXAMPLE_ROWS and is_example(values)


def is_notes_row(values: Sequence[Any], columns: dict[str, int]) -> bool:
    """A row right under the header telling how to fill the columns, not a person: no ID number,
    no relation that is one (blank, or "本人/配偶/子女…" listing them), and at least two cells of notes:
    how to fill a column, the values allowed, the unit of the amounts."""
    if names_an_id(cell_text(value_at(values, columns.get("身份证号")))):
        return False
    relation = cell_text(value_at(values, columns.get("与户主关系")))
    if relation and not _choice("与户主关系", relation)[1]:
        return False
    notes = 0
    for value in values:
        text = _folded(cell_text(value))
        if text and (_NOTE.search(text) or _LIST.fullmatch(text)):
            notes += 1
            if notes >= 2:
                return True
    return False


def is_total_row(values: Sequence[Any], columns: dict[str, int]) -> bool:
    """A "合计 / 共 N 户" line under the table or a subtotal between its groups: no ID number, and the
    first filled cell a total; or, in a row naming no one (nothing in 姓名 and 与户主关系 but a total
    word), any cell a total label ("飞云社区小计", "1户3人" under a 序号 column running on)."""
    if cell_text(value_at(values, columns["身份证号"])):
        return False
    texts = [re.sub(r"\s+", "", t).rstrip(":：") for t in (cell_text(v) for v in values) if t]
    if not texts:
        return False
    if texts[0].startswith(TOTAL_MARKERS) or COUNT_LINE.match(texts[0]) is not None:
        return True

    def total(text: str) -> bool:
        return (text.startswith(TOTAL_MARKERS) or text.endswith(TOTAL_MARKERS) or COUNT_LINE.match(text) is not None
                or HOUSEHOLDS_AND_PERSONS.fullmatch(text) is not None)

    who = [re.sub(r"\s+", "", cell_text(value_at(values, columns[c]))) for c in ("姓名", "与户主关系")]
    return all(not t or total(t) for t in who) and any(total(t) for t in texts)


# A subtotal's count of households and persons ("1户3人", "3户", "7人").
HOUSEHOLDS_AND_PERSONS = re.compile(r"(共计?)?[0-9]+户([0-9]+人)?|(共计?)?[0-9]+人")


# An ID number as written, maybe with spaces or a lower-case x: 15 digits or more, no label before them.
_LABEL = re.compile(r"\D{1,10}[:：]")


def names_an_id(text: str) -> bool:
    """Whether a cell of the ID column holds what may be an ID number (not a signature, date or phone
    number under the table: "联系电话:0714-6221234")."""
    return sum(ch.isdigit() for ch in text) >= 15 and _LABEL.match(text.strip()) is None


def _folded(text: str) -> str:
    """Full-width letters, digits and punctuation as their plain forms, no spaces at all."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def canonical(column: str, text: str) -> str:
    """The allowed label ``text`` stands for in ``column`` (see SYNONYMS), or ``text`` itself."""
    labels = ALLOWED[column].values()
    if text in labels:
        return text
    plain = _folded(text)
    core = re.sub(r"\([^)]*\)|\[[^]]*\]|【[^】]*】", "", plain) or plain
    synonyms = SYNONYMS.get(column, {})
    candidates = [plain, core]
    if whole := WHOLE_WITH_POINT.fullmatch(core):  # "2.0": a grade a program wrote from a number column
        candidates.append(whole.group(1))
    if column == "与户主关系":  # "户主之子", "之女", "户主的母亲", "户主父亲"
        candidates.append(re.sub(r"^户主[的之]?|^之", "", core) or core)
    for suffix in SUFFIXES.get(column, ()):
        if core.endswith(suffix) and len(core) > len(suffix):
            candidates.append(core[:-len(suffix)])
    for candidate in candidates:
        if candidate in labels:
            return candidate
        upper = candidate.upper()
        if upper in synonyms or candidate in synonyms:
            return synonyms.get(candidate) or synonyms[upper]
    return text


@functools.lru_cache(maxsize=4096)  # the same few words on most rows
def _choice(column: str, value: str) -> tuple[Any, str]:
    """The code a cell of ``column`` holding ``value`` stands for, and what is wrong with it ("" if nothing)."""
    if value == "" or (column in DASH_IS_NONE and _folded(value) in DASHES):
        return DEFAULTS.get(column), ""
    value = canonical(column, value)
    code = codes.label_to_code(ALLOWED[column], value)
    if code is None and value not in ALLOWED[column].values():
        allowed = "、".join(str(v) for v in ALLOWED[column].values())
        return code, f"“{value}”不是可填写的值(可填:{allowed})"
    return code, ""


# The words before a category that say where it is given (城市低保, 农村特困, 城镇最低生活保障).
CATEGORY_AREA_WORDS = {"城市": codes.AreaType.URBAN, "城镇": codes.AreaType.URBAN, "农村": codes.AreaType.RURAL}


def category_area(text: str) -> str | None:
    """The area a category cell names with it ("农村低保" is given in the country), else None.
    Only the category is kept, so that area must agree with the household's 城乡类别."""
    folded = _folded(text)
    return next((str(area) for word, area in CATEGORY_AREA_WORDS.items() if folded.startswith(word)), None)


def stated(text: str) -> bool:
    """A cell that says something: neither blank nor a dash (how paper forms say "nothing here")."""
    return bool(text) and _folded(text) not in DASHES


def written(text: str) -> str:
    """A text cell's value as kept (住址, 联系电话, 备注): none for a dash, or 无 (the template's word to
    clear what the system holds), not the word itself."""
    return text if stated(text) and _folded(text) != "无" else ""


# A whole number written as a decimal: "12.0", what some CSV exports (and a number cell later set
# to text) make of the number 12. Only zeros after the point: "1.5" is not a whole number.
WHOLE_WITH_POINT = re.compile(r"([0-9]+)\.0+")


def _unmarked(text: str) -> str:
    """A cell without the mark a system put before a number to keep it as text ("'001", "'1200")."""
    return text.lstrip(idcard.TEXT_MARKS)


def household_code(value: Any) -> str:
    """户编号 as compared and kept: full-width letters and digits as plain ones, no spaces ("Ｈ０１",
    "H 01" and "H01" are one household), and a whole number written with ".0" as the number ("12.0"
    is 12, as the number cell 12.0 already reads; "1.5" stays as written). Leading zeros are kept:
    "001.0" is "001" (a number cell has no leading zeros, so they were typed and are part of the code)."""
    code = _unmarked(_folded(cell_text(value)))
    whole = WHOLE_WITH_POINT.fullmatch(code)
    return whole.group(1) if whole else code


def _money(text: str, column: str, row: int, errors: list[CellError]) -> Decimal:
    if text == "":
        return Decimal("0")
    folded = _unmarked(_folded(text)).replace(MINUS_SIGN, "-")
    cleaned = re.sub(r"元整?|[,¥]|RMB|人民币", "", folded, flags=re.I)  # "1,200元整" as finance forms close an amount
    if cleaned in NO_AMOUNT or text in NO_AMOUNT:
        return Decimal("0")
    if comma_misplaced(folded):
        # "1.200,50" is not 1.20 yuan, nor "12,00" 1,200: a comma only groups thousands
        errors.append(CellError(row, column, f"“{text}”不是金额(逗号只能用作千位分隔,如 1,200.50)"))
        return Decimal("0")
    scale = 1
    cleaned = PER_YEAR.sub("", cleaned)
    if cleaned.endswith("万") and len(cleaned) > 1:  # "1.2万"
        cleaned, scale = cleaned[:-1], 10000
    try:
        if "_" in cleaned:  # Decimal reads Python's digit grouping ("1_000", "1_2000" too): no amount is written so
            raise InvalidOperation(cleaned)
        amount = Decimal(cleaned) * scale
    except InvalidOperation:
        if (loss := ACCOUNTING_NEGATIVE.fullmatch(cleaned)) is not None:
            amount = -Decimal(loss.group(1))  # "(3,000)": a loss as accounts write it, what Excel saves to CSV
        elif PER_MONTH.search(folded):
            errors.append(CellError(row, column, f"“{text}”是每月的金额;请填写近 12 个月的合计金额(元)"))
            return Decimal("0")
        elif CHINESE_NUMERALS.fullmatch(cleaned):
            errors.append(CellError(row, column, f"“{text}”是用汉字写的金额;请用阿拉伯数字填写(如 1000),单位元"))
            return Decimal("0")
        elif DATE_TEXT.fullmatch(cleaned):
            errors.append(CellError(row, column, f"“{text}”是日期,不是金额:金额列可能被设成了日期格式,数字显示成了日期。"
                                                 "请在原表格中把该列设为“常规”或“数值”格式,核对金额后重新保存再导入"))
            return Decimal("0")
        else:
            errors.append(CellError(row, column, f"“{text}”不是金额(应填写数字,单位元)"))
            return Decimal("0")
    if not amount.is_finite():
        errors.append(CellError(row, column, f"“{text}”不是金额"))
        return Decimal("0")
    if abs(amount) > MAX_AMOUNT:
        errors.append(CellError(row, column, f"金额过大({text}),请检查是否填错了列"))
        return Decimal("0")
    if amount < 0 and column not in MAY_BE_NEGATIVE:
        errors.append(CellError(row, column, f"金额不能为负数({text})"))
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        # to the fen, half-up (四舍五入) as the means test rounds: 9600.125 is 9600.13, not 9600.12
        amount = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return amount


def _cell_amount(value: Any, column: str, row: int, errors: list[CellError]) -> Decimal:
    """An amount cell as read. One with a date or time format is refused, saying the number it holds:
    a column formatted as 日期 by mistake (36000 shows as 1998-07-24) and a date typed where an amount
    belongs (2026-01-05, held as 46027) look the same, and a wrong amount would decide the means
    test. Only 0 (1899-12-30, 00:00:00: what an empty amount shows in such a column) is read."""
    serial = date_serial(value)
    if serial is None:
        return _money(_amount_text(value), column, row, errors)
    if serial:
        errors.append(CellError(row, column, f"“{cell_text(value)}”是日期格式的单元格(其中存的数字是 {_amount_text(serial)}),"
                                             "不是金额:如果该列被误设成了日期格式,请把它设为“常规”或“数值”格式,"
                                             "核对金额后重新保存再导入"))
    return Decimal("0")


def _amount_text(value: Any) -> str:
    """A number cell as it was typed: -500, not -500.0; 6000.415, not round()'s 6000.41 (the float is
    6000.41499…), which _money then rounds half-up to the fen."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return cell_text(value)


def head_place(values: Sequence[Any], columns: dict[str, int]) -> tuple[str, str] | None:
    """街道 and 社区 as written on a head's row (与户主关系 本人) that :func:`parse_row` refused for another
    cell (a bad ID number, 健康状况 很好): the household's place all the same. None on another row."""
    def text(column: str) -> str:
        index = columns.get(column)
        return cell_text(values[index]) if index is not None and index < len(values) else ""
    relation, _problem = _choice("与户主关系", text("与户主关系"))
    return (text("街道"), text("社区")) if relation == codes.Relation.SELF else None


def parse_row(row: int, values: Sequence[Any], columns: dict[str, int]) -> tuple[PersonRow | None, list[CellError]]:
    """One template row as typed values, and every cell error in it (the row is None if any)."""
    errors: list[CellError] = []
    member = False  # a member's row (not the head's): known once 与户主关系 is read

    def raw(column: str) -> Any:
        index = columns.get(column)
        if index is None or index >= len(values):
            return ""
        return values[index]

    def text(column: str) -> str:
        value = cell_text(raw(column))
        if member and column in HEAD_ONLY and _folded(value) in DITTO:
            return ""  # "同上" on a member's row: the household's value, which is the head's
        return value

    def choice(column: str) -> Any:
        code, problem = _choice(column, text(column))
        if problem:
            errors.append(CellError(row, column, problem))
        return code

    code = household_code(raw("户编号"))
    raw_code = raw("户编号")
    if not code:
        errors.append(CellError(row, "户编号", "户编号为空"))
    elif isinstance(raw_code, int | float) and not isinstance(raw_code, bool) and abs(raw_code) >= 10**15:
        # a 16-digit or longer number cell keeps only 15 significant digits: different households
        # would read as one
        errors.append(CellError(row, "户编号", f"户编号“{code}”存成了数字,位数太多,末尾几位已丢失;"
                                              "请把户编号列设为文本格式,重新填写后再导入"))
    elif SCIENTIFIC.fullmatch(code) and "E+" in code.upper():
        # the same number in a CSV Excel saved: "4.20203E+16" (the system's 17-digit 户编号), which
        # every household of that number range shares
        errors.append(CellError(row, "户编号", f"户编号“{code}”被存成了科学计数法的数字,末尾几位已丢失;"
                                              "请把户编号列设为文本格式,重新填写后再导入"))
    elif len(code) > MAX_CODE:
        errors.append(CellError(row, "户编号", f"户编号过长(最多 {MAX_CODE} 个字符)"))
    relation_text = text("与户主关系")
    relation = None
    if not relation_text:
        errors.append(CellError(row, "与户主关系", "与户主关系为空"))
    else:
        relation = choice("与户主关系")
    member = relation not in (None, codes.Relation.SELF)
    # "张　三" lined up with three-character names is 张三; "买买提•吐尔逊" is 买买提·吐尔逊 (rules.spelling)
    name = spelling.person_name(CJK_PADDING.sub("", text("姓名")))
    if not name:
        errors.append(CellError(row, "姓名", "姓名为空"))
    elif len(name) > 64:
        errors.append(CellError(row, "姓名", "姓名过长"))
    elif remark := NAME_REMARK.search(name):
        # "李四(已故)", "王五（户口迁出）": a name holds no brackets; the remark may say the person
        # is no longer in the household, and every listed person counts in the income per head
        errors.append(CellError(row, "姓名", f"姓名“{name}”带有括注“{remark.group(0)}”;姓名列只填姓名,说明写在备注列。"
                                            "已故或已迁出的人员不是家庭成员,请删除此行"))
    elif LOST_CHARACTER.search(name):
        errors.append(CellError(row, "姓名", f"姓名“{name}”中有问号,可能是生僻字在另存为 CSV 时丢失了;"
                                            "请对照原表改正姓名(或直接导入 .xlsx 文件)后再导入"))
    # "本人已故" on a row is about its person, and "户主已故" on the head's row too
    if GONE_REMARK.fullmatch(re.sub(r"^(?:本人|户主)" if relation == codes.Relation.SELF else r"^本人", "",
                                    _folded(text("备注")))):
        # the same as "(已故)" after the name: every listed person counts in the income per head
        errors.append(CellError(row, "备注", f"备注“{text('备注')}”说明此人已故或已迁出;已故或已迁出的人员不是家庭成员,"
                                            "请删除此行(此人仍在户内的,请改正备注)"))
    for column, limit in MAX_TEXT.items():  # (a member's 住址 is not kept: the household's is the head's)
        if len(text(column)) > limit and (column != "住址" or relation == codes.Relation.SELF):
            errors.append(CellError(row, column, f"{column}过长(最多 {limit} 个字符,此格有 {len(text(column))} 个)"))
    phone = _unmarked(text("联系电话"))
    if SCIENTIFIC.fullmatch(_folded(phone)):
        errors.append(CellError(row, "联系电话", f"联系电话“{phone}”被存成了科学计数法的数字,末几位已丢失;"
                                              "请把该列设为文本格式,填写完整号码后再导入"))
    elif not written(phone):
        phone = ""  # "-", "/", "无": no phone
    else:
        # "１３８０７１４１２３４", "138 0714 1234", "(0714)6221234": the spelling the search by phone finds (a
        # number in full-width forms it does not know is kept in half-width ones)
        plain = unicodedata.normalize("NFKC", phone)
        phone = spelling.phone_number(plain if PHONE_NUMBER.fullmatch(plain) else phone)
    parsed = idcard.parse(id_cell(raw("身份证号")))
    if parsed.reason == idcard.Invalid.EMPTY and text("身份证号"):  # "未办理", "无": a person without a number yet
        errors.append(CellError(row, "身份证号", f"身份证号填的是“{text('身份证号')}”,没有号码;每位家庭成员都要填写身份证号,"
                                              "没有号码的成员(如尚未落户的新生儿)办理后才能导入,本户其他成员也等其一并导入"))
    elif not parsed.valid:
        errors.append(CellError(row, "身份证号", parsed.message))
    area_text = text("城乡类别")
    area = choice("城乡类别") if area_text else None
    grade = choice("残疾等级")
    disability = choice("残疾类别")
    if disability == codes.Disability.NONE and grade not in (None, 0):
        kind = f"为“{text('残疾类别')}”" if text("残疾类别") else "为空"
        errors.append(CellError(row, "残疾等级", f"残疾类别{kind},残疾等级却是“{text('残疾等级')}”"
                                + ("" if text("残疾类别") else ";请填写残疾类别(肢体、视力、听力、言语、智力、精神或多重)")))
    if disability not in (None, codes.Disability.NONE) and grade == 0 and text("残疾等级") != "":
        errors.append(CellError(row, "残疾等级", f"残疾类别为“{text('残疾类别')}”,请填写残疾等级(一级至四级)"))
    single_text = text("单亲家庭")
    single = False
    if single_text and _folded(single_text) not in DASHES:
        flag = YES_NO.get(_folded(single_text).upper())
        if flag is None:
            errors.append(CellError(row, "单亲家庭", f"“{single_text}”不是可填写的值(可填:是、否)"))
        single = bool(flag)
    incomes = {}
    for label, kind in INCOME_COLUMNS.items():
        amount = _cell_amount(raw(label), label, row, errors)
        if amount:
            incomes[str(kind)] = amount
    expenses = {}
    for label, expense_kind in EXPENSE_COLUMNS.items():
        amount = _cell_amount(raw(label), label, row, errors)
        if amount:
            expenses[str(expense_kind)] = amount
    category_code = choice("当前救助类别")
    category = str(category_code or codes.Category.NONE)
    library = str(lib) if (lib := choice("监测库别")) else None
    stated_values = {column: value for column, value in zip(HOUSEHOLD_STATED, (category, library, single), strict=True)
                     if stated(text(column))}
    person = PersonRow(
        row=row,
        household_code=code,
        relation=str(relation or ""),
        name=name,
        id_number=parsed.number or "",
        subdistrict=text("街道"),
        community=text("社区"),
        address=written(text("住址")),
        phone=phone,
        area_type=str(area) if area else None,
        health=str(choice("健康状况") or codes.Health.HEALTHY),
        disability=str(disability or codes.Disability.NONE),
        disability_grade=int(grade or 0),
        labour_capacity=str(choice("劳动能力") or codes.LabourCapacity.FULL),
        schooling=str(choice("在校情况") or codes.Schooling.NONE),
        incomes=incomes,
        expenses=expenses,
        single_parent=single,
        category=category,
        library=library,
        note=written(text("备注")),
        converted_from_15=parsed.converted_from_15,
        stated=stated_values,
        category_area=category_area(text("当前救助类别")) if category_code else None,
        category_text=text("当前救助类别"),
        blank=frozenset(column for column in KEPT_WHEN_BLANK if not stated(text(column))),
    )
    return (None if errors else person), errors
