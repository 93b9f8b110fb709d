"""Policy settings of the means test: their names, what they mean, how values are written and read,
and the demo district's values (local policy to be confirmed by the district's civil-affairs bureau).

Every number here is **dated configuration** (RULES.md: "setting"): an administrator enters it with
the date it takes effect and the area (城市 / 农村) it applies to; an assessment uses the values in
force on its own date. Pure: no database, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from unicodedata import normalize

from desktop.rules.codes import AREA_LABELS, AreaType

# Kinds of value: money in yuan (two places), a ratio (0..1, "10%" accepted), a multiplier, an age,
# a number of months, a yes/no (stored as 1 or 0, written 是 or 否).
MONEY = "money"
MONEY_MAX = Decimal(10_000_000)  # far above any standard or income; keeps the value a plain number
RATIO = "ratio"
MULTIPLIER = "multiplier"
# Decimal places a ratio (as a fraction: 12.3456% is 0.123456) and a multiplier may have; more is a slip of
# the keyboard, and the stored text (32 characters) must hold what was typed without rounding it away.
RATIO_PLACES = 6
MULTIPLIER_PLACES = 4
AGE = "age"
MONTHS = "months"
FLAG = "flag"
GRADUAL_EXIT_MAX_MONTHS = 6  # RULES.md §1.5: gradual exit after employment, up to 6 months


@dataclass(frozen=True)
class SettingSpec:
    name: str
    label: str  # Chinese, as staff call it
    kind: str
    unit: str
    help: str
    default: str = ""  # what is used when none is set (shown as such); "" for none


SPECS: tuple[SettingSpec, ...] = (
    SettingSpec("dibao_standard", "低保标准", MONEY, "元/人·月", "每人每月的最低生活保障标准"),
    SettingSpec("marginal_multiplier", "低保边缘倍数", MULTIPLIER, "倍",
                "月人均收入低于低保标准的这个倍数即为低保边缘(默认 1.5)", default="1.5"),
    SettingSpec("disposable_income_last_year", "上年人均可支配收入", MONEY, "元/人·年",
                "上年度当地居民人均可支配收入,用于支出型困难认定"),
    SettingSpec("rigid_expense_ratio", "刚性支出占收入比例", RATIO, "",
                "近12个月刚性支出超过家庭总收入的这个比例,可认定为支出型困难"),
    SettingSpec("tekun_minor_age", "特困未成年年龄", AGE, "周岁", "未满此年龄视为无劳动能力(默认 16,部分省份 18)",
                default="16"),
    SettingSpec("elderly_age", "老年人年龄", AGE, "周岁", "此年龄以上(含)为老年人(默认 60)", default="60"),
    SettingSpec("deduct_serious_illness", "重病成员扣减比例", RATIO, "每人", "每名重病成员扣减的收入比例"),
    SettingSpec("deduct_severe_disability", "重残成员扣减比例", RATIO, "每人",
                "每名一级、二级残疾(智力、精神残疾含三级)成员扣减的收入比例"),
    SettingSpec("deduct_single_parent", "单亲家庭扣减比例", RATIO, "每户", "单亲家庭扣减的收入比例"),
    SettingSpec("deduct_elderly", "老年成员扣减比例", RATIO, "每人", "每名老年成员扣减的收入比例"),
    SettingSpec("deduct_cap", "扣减比例上限", RATIO, "", "各项扣减合计不超过此比例"),
    SettingSpec("employment_cost", "必要就业成本扣减", MONEY, "元/人·月",
                "就业成员每人每月可从工资性收入中扣减的必要就业成本(不设置则不扣减)"),
    SettingSpec("illness_disability_cost_ratio", "因病因残刚性支出扣减比例", RATIO, "",
                "家庭有重病或残疾成员时,近12个月自付医疗、康复等刚性支出按此比例从家庭收入中扣减(不设置则不扣减)"),
    SettingSpec("gradual_exit_months", "就业渐退期", MONTHS, "个月",
                "低保对象就业后收入超过标准的,停止救助前可继续发放的月数(0 到 6;0 表示不渐退)"),
    SettingSpec("resident_pension_exempt", "城乡居民基本养老金不计入收入", FLAG, "",
                "是:城乡居民基本养老金不计入家庭收入;否(不设置时亦同):按转移性收入计入", default="否"),
)

SPEC_BY_NAME: dict[str, SettingSpec] = {s.name: s for s in SPECS}
NAMES: tuple[str, ...] = tuple(s.name for s in SPECS)
# What the means test needs: a set in force lacks none of these. The others (the gradual exit
# period) are asked for only by the step that uses them.
OPTIONAL_NAMES: frozenset[str] = frozenset({"gradual_exit_months", "employment_cost",
                                            "illness_disability_cost_ratio", "resident_pension_exempt"})
REQUIRED_NAMES: tuple[str, ...] = tuple(n for n in NAMES if n not in OPTIONAL_NAMES)
# Required settings the national text gives a value for (RULES.md §1.3: the marginal multiplier 1.5,
# minors under 16, the elderly from 60): while an area has none entered, the means test uses that
# value, and the explanation, the frozen settings and `policy show` say it is the default.
DEFAULTED: frozenset[str] = frozenset(n for n in REQUIRED_NAMES if SPEC_BY_NAME[n].default)
DEFAULT_SOURCE = "未设置,按默认值"
# Deductions the national text allows "as provided" (最低生活保障审核确认办法 art. 13: 因残疾、患重病等
# 增加的刚性支出、必要的就业成本等,在核算家庭收入时可按规定适当扣减) but gives no amount for: a district
# that has not provided one does not deduct, and the explanation says so.
OPTIONAL_DEDUCTIONS: tuple[str, ...] = ("employment_cost", "illness_disability_cost_ratio")
# What an assessment freezes: every setting the means test read.
# The basic resident pension is counted unless this is set to 是 (RULES.md §1.2: exempt "where local
# policy exempts it"); an assessment freezes its value when one is in force.
PENSION_EXEMPT = "resident_pension_exempt"
MEANS_TEST_NAMES: tuple[str, ...] = REQUIRED_NAMES + OPTIONAL_DEDUCTIONS + (PENSION_EXEMPT,)
# How administrators write a yes/no (compared after stripping, upper case for the Latin words).
FLAG_HINT = "是 或 否"
FLAG_WORDS: dict[str, bool] = {"是": True, "否": False, "1": True, "0": False, "Y": True, "N": False,
                               "YES": True, "NO": False, "TRUE": True, "FALSE": False}

AREA_BY_WORD: dict[str, str] = {
    "城市": AreaType.URBAN.value, "城镇": AreaType.URBAN.value, "urban": AreaType.URBAN.value,
    "农村": AreaType.RURAL.value, "rural": AreaType.RURAL.value,
}

DEMO_NOTE = "演示区参考值,本地政策待确认"
# Settings that are a figure of one year, published each year and entered with the new year's date.
YEARLY: frozenset[str] = frozenset({"disposable_income_last_year"})


def not_renewed(name: str, effective: date, on: date) -> str:
    """For a yearly figure in force on ``on`` that took effect in an earlier year: that the year's
    new figure is not entered yet (the old one is still used). "" otherwise."""
    if name not in YEARLY or effective.year >= on.year:
        return ""
    return f"{on.year} 年执行的新数值({on.year - 1} 年度)尚未录入"


class PolicyValueError(ValueError):
    """A setting value or name that cannot be used; the message is a Chinese sentence."""


def area_code(word: str) -> str:
    """'城市'/'农村' (or urban/rural) to the stored area code."""
    code = AREA_BY_WORD.get(word.strip())
    if code is None:
        raise PolicyValueError(f"地区类别“{word}”无法识别,应为“城市”或“农村”。")
    return code


def area_label(code: str) -> str:
    return AREA_LABELS.get(AreaType(code), code) if code in AREA_BY_WORD.values() else code


# A number grouped by commas, as in 1,200.50
THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(,\d{3})+(?![\d,])(\.\d+)?")


def comma_misplaced(text: str) -> bool:
    """Whether ``text`` (NFKC-folded) holds a comma that groups no thousands: "800,5", "780,00" or
    "1.200,50" are no amount (a slip, or a decimal comma), not 8,005, 78,000 or 1.2."""
    return "," in text and not THOUSANDS.search(text)


def parse_value(name: str, text: object) -> Decimal:
    """Read one value as an administrator writes it; raise PolicyValueError saying what is wrong."""
    spec = SPEC_BY_NAME.get(name)
    if spec is None:
        raise PolicyValueError(f"没有名为“{name}”的政策参数。可用的参数:{'、'.join(NAMES)}。")
    if spec.kind == FLAG:
        flag = FLAG_WORDS.get(str(text).strip().upper())
        if flag is None:
            raise PolicyValueError(f"{spec.label}({name})的值“{text}”无法识别,应为“是”或“否”。")
        return Decimal(1) if flag else Decimal(0)
    # full-width digits and signs (７８０．５) as typed with a Chinese input method; "780元" for money
    raw = normalize("NFKC", str(text)).strip()
    if comma_misplaced(raw):
        raise PolicyValueError(f"{spec.label}({name})的值“{text}”不是数字(逗号只能用作千位分隔,如 1,200.50)。")
    raw = raw.replace(",", "")
    if spec.kind == MONEY and raw.endswith("元"):
        raw = raw[:-1].strip()
    percent = raw.endswith("%")
    if percent:
        raw = raw[:-1].strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise PolicyValueError(f"{spec.label}({name})的值“{text}”不是数字。") from None
    if not value.is_finite():
        raise PolicyValueError(f"{spec.label}({name})的值“{text}”不是数字。")
    if percent:
        if spec.kind != RATIO:
            raise PolicyValueError(f"{spec.label}({name})不是比例,不能写成百分数。")
        value = value / 100
    if spec.kind == MONEY:
        if value <= 0:
            raise PolicyValueError(f"{spec.label}({name})必须大于 0 元。")
        if value > MONEY_MAX:
            raise PolicyValueError(f"{spec.label}({name})不能超过 {MONEY_MAX:,} 元,收到“{text}”。")
        if value != value.quantize(Decimal("0.01")):
            raise PolicyValueError(f"{spec.label}({name})最多两位小数(元、角、分)。")
        return value.quantize(Decimal("0.01"))
    if spec.kind == RATIO:
        if value < 0 or value > 1:
            raise PolicyValueError(f"{spec.label}({name})必须在 0 到 1 之间(或 0% 到 100%),收到“{text}”。")
        if value != value.quantize(Decimal(1).scaleb(-RATIO_PLACES)):
            raise PolicyValueError(f"{spec.label}({name})最多 {RATIO_PLACES} 位小数(写成百分数最多 "
                                   f"{RATIO_PLACES - 2} 位),收到“{text}”。")
        return value.normalize() if value != 0 else Decimal("0")
    if spec.kind == MULTIPLIER:
        if value < 1 or value > 5:
            raise PolicyValueError(f"{spec.label}({name})应在 1 到 5 之间,收到“{text}”。")
        if value != value.quantize(Decimal(1).scaleb(-MULTIPLIER_PLACES)):
            raise PolicyValueError(f"{spec.label}({name})最多 {MULTIPLIER_PLACES} 位小数,收到“{text}”。")
        return value.normalize()
    if spec.kind == MONTHS:
        if value != value.to_integral_value() or value < 0 or value > GRADUAL_EXIT_MAX_MONTHS:
            raise PolicyValueError(f"{spec.label}({name})必须是 0 到 {GRADUAL_EXIT_MAX_MONTHS} 之间的整数月数,"
                                   f"收到“{text}”。")
        return Decimal(int(value))
    # AGE
    if value != value.to_integral_value() or value < 1 or value > 120:
        raise PolicyValueError(f"{spec.label}({name})必须是 1 到 120 之间的整数周岁,收到“{text}”。")
    return Decimal(int(value))


def format_value(name: str, value: Decimal) -> str:
    """The stored text of a value (also what screens show)."""
    spec = SPEC_BY_NAME[name]
    if spec.kind == MONEY:
        return f"{value.quantize(Decimal('0.01'))}"
    if spec.kind in (AGE, MONTHS, FLAG):
        return str(int(value))
    text = format(value.normalize(), "f")
    return text


def display_value(name: str, value: Decimal) -> str:
    """Human text with the unit: "760.00 元/人·月", "10%", "1.5 倍", "60 周岁"."""
    spec = SPEC_BY_NAME[name]
    if spec.kind == FLAG:
        return "是" if value else "否"
    if spec.kind == RATIO:
        pct = (value * 100).normalize()
        return f"{format(pct, 'f')}%" + (f"({spec.unit})" if spec.unit else "")
    if spec.kind == MONEY:
        return f"{value.quantize(Decimal('0.01')):,} {spec.unit}"
    return f"{format_value(name, value)} {spec.unit}"


def parse_assignments(items: list[str]) -> dict[str, Decimal]:
    """``["dibao_standard=760", "deduct_cap=30%"]`` to values; every problem is named at once."""
    values: dict[str, Decimal] = {}
    problems: list[str] = []
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            problems.append(f"“{item}”应写成 名称=数值,例如 dibao_standard=760。")
            continue
        if name in values:  # which of two values was meant is not ours to guess
            problems.append(f"参数 {name} 给出了不止一次,请只写一次。")
            continue
        try:
            values[name] = parse_value(name, text)
        except PolicyValueError as exc:
            problems.append(str(exc))
    if problems:
        raise PolicyValueError(" ".join(problems))
    if not values:
        raise PolicyValueError("没有给出任何参数,例如 dibao_standard=760。")
    return values


@dataclass(frozen=True)
class PolicySettings:
    """The full set of settings in force on one date for one area, with each value's effective date."""

    area_type: str
    on: date
    values: dict[str, Decimal]
    effective: dict[str, date] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Decimal:
        return self.values[name]

    def get(self, name: str) -> Decimal | None:
        """An optional setting's value, or None when none is in force."""
        return self.values.get(name)

    def pension_exempt(self) -> bool:
        """Whether the basic resident pension is left out of income (not set: counted)."""
        return bool(self.values.get(PENSION_EXEMPT))

    def is_default(self, name: str) -> bool:
        """Whether ``name`` holds its default because none was entered (DEFAULTED)."""
        return name in DEFAULTED and name not in self.effective and name in self.values

    def since(self, name: str) -> str:
        """The date (ISO) the value of ``name`` took effect, or DEFAULT_SOURCE for a default."""
        if self.is_default(name):
            return DEFAULT_SOURCE
        return self.effective.get(name, self.on).isoformat()

    def frozen(self) -> dict[str, dict[str, str]]:
        """What an assessment records: each name with its value and effective date. An optional setting
        not in force is absent, as it was when used (the pension exemption: its default, 否; the frozen
        explanation says "未设置(默认“否”)")."""
        return {name: {"value": format_value(name, self.values[name]),
                       "effective_from": self.since(name),
                       "area_type": self.area_type}
                for name in MEANS_TEST_NAMES if name in self.values}


def missing_names(values: Mapping[str, object]) -> list[str]:
    return [n for n in REQUIRED_NAMES if n not in values and n not in DEFAULTED]


def make_settings(area_type: str, on: date, dated: dict[str, tuple[Decimal, date]]) -> PolicySettings:
    """Settings from ``{name: (value, effective_from)}``; raise PolicyValueError naming what is missing."""
    missing = missing_names(dated)
    if missing:
        labels = "、".join(f"{SPEC_BY_NAME[n].label}({n})" for n in missing)
        raise PolicyValueError(
            f"{on.isoformat()} 没有生效的{area_label(area_type)}政策参数:缺少 {labels}。"
            "请管理员在“设置 → 政策参数”中录入,或用命令 relief-desk policy set 设置。")
    values = {n: dated[n][0] if n in dated else parse_value(n, SPEC_BY_NAME[n].default)
              for n in NAMES if n in dated or n in DEFAULTED}
    return PolicySettings(area_type, on, values, {n: dated[n][1] for n in NAMES if n in dated})


def none_in_force(area_type: str, on: date, first: date | None) -> str:
    """Why no setting at all is in force for an area on ``on``: none entered yet, or the first ones take
    effect later (a date before them was chosen). One sentence instead of every setting named missing."""
    area = area_label(area_type)
    how = f"relief-desk policy set --effective 日期 --area {area} 名称=数值 …"
    if first is None:
        return (f"{on.isoformat()} 没有生效的{area}政策参数:还没有录入任何{area}政策参数。"
                f"请管理员在“设置 → 政策参数”中录入,或用命令 {how} 设置。")
    return (f"{on.isoformat()} 没有生效的{area}政策参数:最早的自 {first.isoformat()} 起生效。"
            f"请换一个日期,或在“设置 → 政策参数”中补录更早生效的参数(命令:{how})。")


# The demo district's values: plausible figures for 黄石市西塞山区, to be confirmed locally.
DEMO_POLICY: dict[str, dict[date, dict[str, str]]] = {
    AreaType.URBAN.value: {
        date(2024, 1, 1): {
            "dibao_standard": "720", "marginal_multiplier": "1.5", "disposable_income_last_year": "43000",
            "rigid_expense_ratio": "0.5", "tekun_minor_age": "16", "elderly_age": "60",
            "deduct_serious_illness": "0.1", "deduct_severe_disability": "0.1", "deduct_single_parent": "0.05",
            "deduct_elderly": "0.05", "deduct_cap": "0.3", "gradual_exit_months": "6",
        },
        date(2026, 1, 1): {"dibao_standard": "780", "disposable_income_last_year": "46500"},
    },
    AreaType.RURAL.value: {
        date(2024, 1, 1): {
            "dibao_standard": "560", "marginal_multiplier": "1.5", "disposable_income_last_year": "21000",
            "rigid_expense_ratio": "0.5", "tekun_minor_age": "16", "elderly_age": "60",
            "deduct_serious_illness": "0.1", "deduct_severe_disability": "0.1", "deduct_single_parent": "0.05",
            "deduct_elderly": "0.05", "deduct_cap": "0.3", "gradual_exit_months": "6",
        },
        date(2026, 1, 1): {"dibao_standard": "620", "disposable_income_last_year": "23000"},
    },
}
