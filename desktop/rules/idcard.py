"""Resident ID numbers (GB 11643-1999): normalise, validate, read birth date and sex.

Department spreadsheets mangle ID numbers; :func:`normalize` undoes what can be undone safely
and :func:`parse` says, with one reason per failure, why a number cannot be used.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"

_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９ＸｘＡ"}
_QUOTES = ('""', "“”", "「」", "『』", "《》", "〈〉")
_FULLWIDTH[0x3000] = 0x20  # ideographic space
_FULLWIDTH[0xD7] = ord("X")  # "×", typed for X through a Chinese input method
_FULLWIDTH[0x2169] = _FULLWIDTH[0x2179] = ord("X")  # "Ⅹ" "ⅹ", the Roman numeral ten an input method offers for X
# "Х" "х" (Cyrillic) and "Χ" "χ" (Greek), which look like X and come from another keyboard layout or a
# symbol list
_FULLWIDTH[0x425] = _FULLWIDTH[0x445] = _FULLWIDTH[0x3A7] = _FULLWIDTH[0x3C7] = ord("X")
# Zero-width marks come with pasted text; so do the direction marks (U+202D … U+202C) that Windows and
# phone apps put around a number copied from them.
# The soft hyphen (U+00AD) a web page or a Word document hides between digits is as invisible.
_SPACES = re.compile(r"[\s\u00a0\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u3000]+")
_FLOAT_LIKE = re.compile(r"^\d([.,]\d+)?[eE]\+?\d+$|^\d+\.\d*$")
# (a decimal comma: Excel in a European locale writes 4,20203E+17)
_EIGHTEEN_STOP = re.compile(r"(\d{17}[\dX])\.+")
_WHOLE_WITH_POINT = re.compile(r"^(\d{1,15})\.0*$")  # "420203500101123.0": a float's text, still exact
# Words written in the cell beside the number (compared after normalize): a remark in brackets after
# (or before) it ("（户主）", "(已故)"), a label before it ("身份证:", "本人："). They are not part of the number
# and are left out; the number itself is taken as written. A remark holding digits is left alone.
_PLAIN = re.compile(r"[0-9X.E+\-]*")
_REMARK = r"[(（\[【〔][^()（）\[\]【】〔〕\d]{0,20}[)）\]】〕]"
_REMARK_AFTER = re.compile(_REMARK + "$")
_REMARK_BEFORE = re.compile("^" + _REMARK)
# A stop typed after the number, as in a list pasted from a document or a message ("420…1238，", "…1238。"):
# nothing of the number itself.
_STOP_AFTER = re.compile(r"[,.;，；。、]+$")
# A mark typed before or after a whole number to flag the row ("*" a key household, "✓" or "√" checked):
# nothing of the number itself. Stars standing for digits (a masked number) are not around a whole one: 15
# digits and "***" are an 18-digit number with its last three hidden, not a 15-digit one marked.
_MARK = "[*＊✓✔✅√☑★☆※\ufe0e\ufe0f]*"  # the last two: the text or emoji form of the mark before them ("✔️")
_MARKED = re.compile(_MARK + r"(\d{17}[\dX]|\d{15}(?![*＊]{3}$))" + _MARK)
_LABEL_BEFORE = re.compile(r"^[^\d:：()（）\[\]【】]{1,12}[:：]")
# ... or the number's own name written without a colon ("身份证 420…", "身份证号420…", "本人 420…"; compared
# after normalize, so without the space): only these words, which can name no one else's number.
_ID_LABEL_BARE = re.compile(r"^(本人|((居民|公民)?身份证|公民身份|证件)(号码|号|件号码|件号)?|身份号码)(?=\d)")
# A label naming someone else ("配偶:", "监护人:", "联系人:") says the number is not the person's own.
_SOMEONE_ELSE = re.compile(r"配偶|妻子|丈夫|监护人|父亲|母亲|儿子|女儿|亲属|联系人|代理人|代办人|经办人")
# Two numbers in one cell ("本人:… 配偶:…"): the person's own is the one labelled 本人; without that
# label it cannot be told which one the row is about.
_NUMBER_IN = re.compile(r"(?<![\dX])(\d{17}[\dX]|\d{15})(?![\dX])")
_OWN_NUMBER = re.compile(r"本人[:：]?(\d{17}[\dX]|\d{15})(?![\dX])")
# A number exported with its middle hidden ("420203********1234"), as systems do for privacy.
_MASKED = re.compile(r"\d{1,14}[*＊]{2,}[\dX]{1,8}")
# What lists write for "no number here" (compared after normalize: half-width, no spaces, upper case):
# the cell is empty in all but name, not a number with wrong characters.
PLACEHOLDERS = frozenset({
    "无", "暂无", "没有", "空", "缺", "暂缺", "待补", "待补充", "待查", "不详", "未知", "未提供", "未填", "无证",
    "未办", "未办理", "-", "--", "---", "—", "——", "/", "//", "\\", "N/A", "NA", "NULL", "NONE", "#N/A",
})
# ... and the same said in a few words, without a digit: "无身份证", "未办理身份证", "暂未办证", "户口未落",
# "新生儿", "正在办理".
_SAYS_NONE = re.compile(r"(无|暂无|没有|(暂|尚)?未办理?)(居民)?(身份证|证件|证)(号码|号)?"
                        r"|新生儿|户口未落|未落户|未上户|(正在|在)?办理中|正在办理?")


class Invalid(StrEnum):
    """Why an ID number cannot be used. Values are the stable keys reports and JSON use."""

    EMPTY = "empty"
    FLOAT = "stored as a number"
    CHARACTERS = "characters"
    LENGTH = "length"
    BIRTH_DATE = "birth date"
    CHECK = "check character"


REASON_LABELS: dict[Invalid, str] = {
    Invalid.EMPTY: "身份证号为空",
    Invalid.FLOAT: "身份证号被存成了数字(末几位已丢失,无法恢复):请从原系统重新导出,或把该列设为“文本”格式后重新录入完整号码",
    Invalid.CHARACTERS: "身份证号含有非法字符",
    Invalid.LENGTH: "身份证号位数不对(应为18位或15位)",
    Invalid.BIRTH_DATE: "身份证号中的出生日期不存在或晚于今天",
    Invalid.CHECK: "身份证号校验码错误",
}


_ZEROED = ("身份证号末三位是 000 且校验码不符:多半是单元格存成了数字,第 15 位以后的数字已变成 0,无法恢复:"
           "请从原系统重新导出,或把该列设为“文本”格式后重新录入完整号码")


@dataclass(frozen=True, slots=True)
class IdResult:
    raw: str
    number: str | None  # the normalised 18-character number when valid
    reason: Invalid | None
    converted_from_15: bool = False
    detail: str = ""  # a more precise message than the reason's label, when there is one

    @property
    def valid(self) -> bool:
        return self.reason is None

    @property
    def message(self) -> str:
        if not self.reason:
            return ""
        return self.detail or REASON_LABELS[self.reason]


def check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


# The mark before a number typed or exported to be kept as text ('001, ‘420203…): not part of the value.
TEXT_MARKS = "'‘’`\uff07"


def normalize(value: object) -> str:
    """Trim, drop an apostrophe before (or after) or quotes around, full-width to half-width, x or × to X. Never guesses digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        # A float cannot hold 18 digits: keep its repr so parse() rejects it as FLOAT.
        return repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value).translate(_FULLWIDTH)
    text = _SPACES.sub("", text)
    text = text.strip(TEXT_MARKS)  # '420…' as a database tool quotes it: no apostrophe is part of a number
    if text.startswith('="') and text.endswith('"') and len(text) >= 3:
        text = text[2:-1]  # ="420…", Excel's way of keeping digits as text, pasted into a text cell as it was
    if len(text) > 2 and text[0] + text[-1] in _QUOTES:
        text = text[1:-1]  # quoted as a word in a document ("“420…1238”"), or by a script writing CSV twice over
    return text.upper()


def _birth(digits8: str) -> date | None:
    try:
        born = date(int(digits8[:4]), int(digits8[4:6]), int(digits8[6:8]))
    except ValueError:
        return None
    if born.year < 1900:  # nobody alive (or dead this century at a credible age) was born before 1900
        return None
    return born


def _birth_problem(digits8: str, today: date) -> str:
    """What is wrong with the birth date (YYYYMMDD) a number holds, "" if nothing: said with the date,
    so that the digits to check against the card are seen (a year before 1900 is neither a day that
    does not exist nor one after today)."""
    born = _birth(digits8)
    if born is not None:
        return f"身份证号中的出生日期 {born.isoformat()} 晚于今天" if born > today else ""
    try:
        day = date(int(digits8[:4]), int(digits8[4:6]), int(digits8[6:8]))
    except ValueError:
        return f"身份证号中的出生日期“{digits8[:4]}年{digits8[4:6]}月{digits8[6:8]}日”不存在"
    return f"身份证号中的出生日期 {day.isoformat()} 早于 1900 年,号码应有误"


def parse(value: object, *, today: date | None = None) -> IdResult:
    """Normalise and validate one ID number; a birth date after ``today`` (default: today) is invalid."""
    raw = "" if value is None else str(value)
    if isinstance(value, float):
        # Excel keeps 15 significant digits: an 18-digit number stored as a number has lost its
        # last digits for good. A whole number of up to 15 digits survives intact and is read (a
        # legacy 15-digit number is converted; a shorter one has the wrong length, nothing was lost).
        if value.is_integer() and 0 <= value < 1e15:
            value = int(value)
        else:
            return IdResult(raw, None, Invalid.FLOAT)
    if isinstance(value, date):  # a date cell (datetime too): a birth date typed in the column, or a cell Excel made a date
        return IdResult(raw, None, Invalid.CHARACTERS, detail=f"身份证号一栏填的是日期({value:%Y-%m-%d}),不是身份证号")
    text = normalize(value)
    if not text or _says_none(text):
        return IdResult(raw, None, Invalid.EMPTY)
    if len(text) > 18 and isinstance(value, str) and _PLAIN.fullmatch(text):
        # numbers apart on two lines or after a space ("420…1238\n110…002X"), run together by normalize:
        # several numbers in one cell, not one of the wrong length
        apart = _NUMBER_IN.findall(_SPACES.sub(" ", value.translate(_FULLWIDTH)).upper())
        if len(apart) > 1 and "".join(apart) == text:
            text = " ".join(apart)
    if not _PLAIN.fullmatch(text):
        text, several = _without_words(text)
        if several:
            return IdResult(raw, None, Invalid.CHARACTERS, detail=f"一个单元格里有 {several} 个身份证号,无法确定哪一个是本人的"
                                                              "(可写作“本人:… 配偶:…”)")
        if not text or _says_none(text):  # "身份证:无"
            return IdResult(raw, None, Invalid.EMPTY)
        if _MASKED.fullmatch(text):
            return IdResult(raw, None, Invalid.CHARACTERS, detail="身份证号有几位被星号遮盖(系统脱敏导出),无法比对,"
                                                              "请提供完整号码")
    stopped = _EIGHTEEN_STOP.fullmatch(text)
    if stopped:
        text = stopped.group(1)  # "420…1238." typed in a document: no float's text ends so after 18 digits
    whole = _WHOLE_WITH_POINT.match(text)
    if whole:
        text = whole.group(1)  # the text of a float that held every digit (up to 15 of them)
    elif _FLOAT_LIKE.match(text):
        return IdResult(raw, None, Invalid.FLOAT)
    converted = False
    if len(text) == 15:
        if not (text.isascii() and text.isdigit()):  # "①" and "²" are digits to str.isdigit, not to int()
            return _bad_characters(raw, text)
        if problem := _birth_problem("19" + text[6:12], today or date.today()):
            return IdResult(raw, None, Invalid.BIRTH_DATE, detail=problem)
        text = _eighteen(text)
        converted = True
    if len(text) != 18:
        if not re.fullmatch(r"[0-9X]*", text):
            return _bad_characters(raw, text)
        return IdResult(raw, None, Invalid.LENGTH)
    if not (text.isascii() and text[:17].isdigit() and (text[17].isdigit() or text[17] == "X")):
        return _bad_characters(raw, text)
    if problem := _birth_problem(text[6:14], today or date.today()):
        return IdResult(raw, None, Invalid.BIRTH_DATE, detail=problem)
    if check_char(text[:17]) != text[17]:
        if text.endswith("000"):
            # What a number cell shows in full ("0" format, or a CSV saved from it): Excel keeps 15
            # digits and writes zeros for the rest. Those digits are lost; no typing slip looks so.
            return IdResult(raw, None, Invalid.FLOAT, detail=_ZEROED)
        return IdResult(raw, None, Invalid.CHECK)
    return IdResult(raw, text, None, converted)


def _says_none(text: str) -> bool:
    """The cell (normalised) says there is no number (see PLACEHOLDERS and _SAYS_NONE)."""
    return (text in PLACEHOLDERS or _SAYS_NONE.fullmatch(text) is not None
            or not text.isascii() and unicodedata.normalize("NFKC", text) in PLACEHOLDERS)


def _bad_characters(raw: str, text: str) -> IdResult:
    """CHARACTERS, with the characters that do not belong named ("-" between digit groups, "." …)."""
    bad = "".join(dict.fromkeys(c for c in text if c not in "0123456789X"))
    if bad:
        shown = "”“".join(bad[:6])
        detail = f"身份证号含有非法字符“{shown}”(只能是数字,最后一位可以是 X)"
    else:
        detail = "身份证号中的 X 只能在最后一位"
    return IdResult(raw, None, Invalid.CHARACTERS, detail=detail)


def _without_words(text: str) -> tuple[str, int]:
    """The number without a remark after it or a label before it, and 0; or, for a cell holding
    several numbers none of which is labelled 本人, the text as it is and how many numbers it holds."""
    numbers = _NUMBER_IN.findall(text)
    if len(numbers) > 1:
        own = _OWN_NUMBER.search(text)
        if own:
            return own.group(1), 0
        # the number now and the old 15-digit one beside it ("420203197207191028(420203720719102)"): one person
        if len({_eighteen(n) for n in numbers}) == 1 and any(len(n) == 18 for n in numbers):
            return next(n for n in numbers if len(n) == 18), 0
        return text, len(numbers)
    text = _STOP_AFTER.sub("", text)
    while remark := _REMARK_AFTER.search(text):
        text = _STOP_AFTER.sub("", text[:remark.start()])
    while remark := _REMARK_BEFORE.match(text):
        text = text[remark.end():]
    if marked := _MARKED.fullmatch(text):
        return marked.group(1), 0
    label = _LABEL_BEFORE.match(text) or _ID_LABEL_BARE.match(text)
    if label and _SOMEONE_ELSE.search(label.group()):
        return text, 0  # another person's number: left as it is, and refused
    return (text[label.end():] if label else text), 0


def _eighteen(number: str) -> str:
    """A 15-digit number written as its 18 characters (without checking it); an 18-character one as it is."""
    if len(number) != 15:
        return number
    body = number[:6] + "19" + number[6:]
    return body + check_char(body)


def is_masked(value: object) -> bool:
    """A number exported with its middle hidden by asterisks ("420203********1234")."""
    return isinstance(value, str) and _MASKED.fullmatch(normalize(value)) is not None


def from_disability_card(value: object) -> object:
    """The ID number inside a disabled person's certificate number (残疾人证号, second generation):
    the holder's 18-character ID number followed by the disability category (1–7) and grade (1–4).
    Anything else (an ID number written alone, a number that lost its digits, a wrong length) is
    returned as it is, for :func:`parse` to judge."""
    if isinstance(value, str):
        text = normalize(value)
        if len(text) == 20 and text[18] in "1234567" and text[19] in "1234":
            return text[:18]
    return value


def from_student_number(value: object) -> object:
    """The ID number inside a national student number (全国学籍号): a student who has an ID number
    has "G" and that number. A temporary one ("L…", "J…": no ID number yet) and anything else is
    returned as it is, for :func:`parse` to judge."""
    if isinstance(value, str):
        text = normalize(value)
        if len(text) == 19 and text[0] in "Gg":
            return text[1:]
    return value


def is_valid(value: object) -> bool:
    return parse(value).valid


def birth_date(number: str) -> date:
    """Birth date of a valid 18-character number."""
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def sex(number: str) -> str:
    """'男' or '女' from the 17th digit (odd = male)."""
    return "男" if int(number[16]) % 2 == 1 else "女"


def age_on(number_or_birth: str | date, on: date) -> int:
    """Full years of age on a date ("周岁"): the birthday itself counts. Someone born on 29 February has
    no corresponding day in a common year: Civil Code art. 202 makes the last day of the month (28
    February) the end of the period, so that is the day the new age is reached."""
    born = birth_date(number_or_birth) if isinstance(number_or_birth, str) else number_or_birth
    return on.year - born.year - (birthday_md(born, on.year) > (on.month, on.day))


def birthday_md(born: date, year: int) -> tuple[int, int]:
    """(month, day) of the birthday in ``year``: 29 February becomes 28 February in a common year."""
    if born.month == 2 and born.day == 29 and not calendar.isleap(year):
        return (2, 28)
    return (born.month, born.day)


def area_code(number: str) -> str:
    return number[:6]


def mask(number: str | None) -> str:
    """`420203********1238`: area code and last four characters only."""
    if not number:
        return ""
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_birth(value: date | str | None) -> str:
    """A birth date shown beside a masked number: the year only (`1990-**-**`). The date is the eight
    digits :func:`mask` hides; shown whole, it gives the number back."""
    if value is None or value == "":
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    return text[:4] + "-**-**"


# An 18-character ID number standing alone in free text (not part of a longer run of digits: a 17-digit
# household code or a 20-digit disability card number is left as it is).
_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")


def mask_in_text(text: str) -> str:
    """Free text (an error message, a crash report, a log line) with every ID number in it masked as
    :func:`mask` does: such text leaves the program's access control (it is copied to IT, kept in a log
    file on disk), so it never carries a whole number (RULES.md §4)."""
    return _IN_TEXT.sub(lambda m: mask(m.group(0)), text)


def make(area: str, born: date, sequence: int) -> str:
    """Build a valid number (for demo data and tests). sequence is 0..999; odd = male."""
    body = f"{area}{born:%Y%m%d}{sequence:03d}"
    return body + check_char(body)
