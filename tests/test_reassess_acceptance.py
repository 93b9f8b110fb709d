"""Issue 5's acceptance, end to end on an empty database: add the regions, import a household register
written on the standard template, set two dated policy versions with `relief-desk policy set`, run
`relief-desk reassess` before and after the raise, and read the workbook with openpyxl.

Every expected figure below was worked out by hand from the issue's formula (written here before the
program ran), not by calling the program's own rules:

    per-capita monthly = total × (1 − min(cap, deductions)) / 12 / members, half-up to 0.01
    低保 < standard ≤ 低保边缘 < 1.5 × standard ≤ 支出型困难 (counted / members < disposable income and
    rigid / total > ratio, both strict) ≤ 不符合

Settings: 城市 2026-01-01 standard 800 (line 1200), disposable 48000, ratio 0.5, illness 0.1, severe
disability 0.1, single parent 0.05, elderly (60) 0.05, cap 0.3; 农村 the same but standard 600 (line 900),
disposable 24000, illness 0.15, cap 0.25. 2027-01-01 raises the standards: 城市 850 (line 1275), 农村 650
(line 975). A = reassess --as-of 2026-12-31, B = --as-of 2027-01-01.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop import cli
from desktop.services.database import Database

HEADER = ["户编号", "与户主关系", "姓名", "身份证号", "街道", "社区", "住址", "联系电话", "城乡类别", "健康状况",
          "残疾类别", "残疾等级", "劳动能力", "在校情况", "工资性收入", "经营净收入", "财产净收入", "转移净收入",
          "其他收入", "医疗支出", "教育支出", "其他刚性支出", "单亲家庭", "当前救助类别", "监测库别", "备注"]
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
A, B = date(2026, 12, 31), date(2027, 1, 1)

COMMON = ["marginal_multiplier=1.5", "rigid_expense_ratio=0.5", "tekun_minor_age=16", "elderly_age=60",
          "deduct_severe_disability=0.1", "deduct_single_parent=0.05", "deduct_elderly=0.05"]
POLICY = [
    ("2026-01-01", "城市", ["dibao_standard=800", "disposable_income_last_year=48000", "deduct_serious_illness=0.1",
                           "deduct_cap=0.3", *COMMON]),
    ("2026-01-01", "农村", ["dibao_standard=600", "disposable_income_last_year=24000", "deduct_serious_illness=0.15",
                           "deduct_cap=0.25", *COMMON]),
    ("2027-01-01", "城市", ["dibao_standard=850"]),
    ("2027-01-01", "农村", ["dibao_standard=650"]),
]
# (sub-district or town, community or village, level of each, area)
REGIONS = [("甲街道", "甲一社区", "街道", "社区", "城市"), ("甲街道", "甲二社区", "街道", "社区", "城市"),
           ("乙镇", "乙村", "镇", "村", "农村"), ("丙街道", "丙社区", "街道", "社区", "城市")]


def id_number(born: date, seq: int) -> str:
    first = f"420203{born:%Y%m%d}{seq:03d}"
    return first + "10X98765432"[sum(int(d) * w for d, w in zip(first, WEIGHTS, strict=True)) % 11]


@dataclass
class P:
    """One person's row: relation, birth date, and what differs from a healthy adult without income."""
    relation: str
    born: date
    health: str = "健康"
    disability: str = "无"
    grade: str = "无"
    wages: str = "0"
    other_income: dict[str, str] = field(default_factory=dict)  # column → amount
    spending: dict[str, str] = field(default_factory=dict)


@dataclass
class H:
    code: str
    place: int  # index into REGIONS
    area: str
    current: str
    people: list[P]
    single_parent: bool = False
    # by hand: members, (per-capita, category) on A and on B
    members: int = 1
    a: tuple[str, str] = ("", "")
    b: tuple[str, str] = ("", "")
    total: str = ""  # 年总收入 by hand, where the case is about it
    tekun: tuple[str, str] | None = None  # 特困候选 on A and on B, where the case is about it


ADULT = date(1980, 6, 15)
HOUSEHOLDS = [
    # exactly at the standard: not 低保 (< is strict); the raise to 850 makes it 低保
    H("H01", 0, "城市", "无", [P("本人", ADULT, wages="9600")], a=("800.00", "低保边缘"), b=("800.00", "低保")),
    # exactly at 1.5 × standard: not 边缘; rigid 7200 / 14400 = 0.5 exactly: not above the ratio
    H("H02", 0, "城市", "无", [P("本人", ADULT, wages="14400", spending={"医疗支出": "7200"})],
      a=("1200.00", "不符合"), b=("1200.00", "低保边缘")),
    # one fen of rigid spending more: above the ratio
    H("H03", 0, "城市", "支出型困难", [P("本人", ADULT, wages="14400", spending={"医疗支出": "7200.01"})],
      a=("1200.00", "支出型困难"), b=("1200.00", "低保边缘")),
    # no income at all
    H("H04", 0, "城市", "低保", [P("本人", ADULT), P("配偶", date(1982, 3, 3))], members=2,
      a=("0.00", "低保"), b=("0.00", "低保")),
    # 12296.28 / 12 / 2 = 512.345 → 512.35 (half-up; a float gives 512.3449…)
    H("H05", 0, "城市", "低保", [P("本人", ADULT, wages="10000"),
                                 P("配偶", date(1981, 2, 2), other_income={"其他收入": "2296.28"})], members=2,
      a=("512.35", "低保"), b=("512.35", "低保")),
    # rural: 7199.94 / 12 = 599.995 → 600.00, not below the rural standard 600 (a float gives 599.99)
    H("H06", 2, "农村", "低保边缘", [P("本人", ADULT, wages="7199.94")], a=("600.00", "低保边缘"), b=("600.00", "低保")),
    # 重病 0.1 + 肢体二级 0.1 = 0.2: 36000 × 0.8 / 12 / 3 = 800.00
    H("H07", 0, "城市", "无", [P("本人", date(1981, 5, 5), health="重病", wages="20000"),
                               P("配偶", date(1983, 7, 7), disability="肢体", grade="二级", wages="16000"),
                               P("子女", date(2011, 6, 1))], members=3, a=("800.00", "低保边缘"), b=("800.00", "低保")),
    # 肢体三级 no deduction, 智力三级 0.1: 22000 × 0.9 / 24 = 825.00
    H("H08", 0, "城市", "低保边缘", [P("本人", date(1976, 4, 4), disability="肢体", grade="三级", wages="22000"),
                                     P("子女", date(2006, 4, 4), disability="智力", grade="三级")], members=2,
      a=("825.00", "低保边缘"), b=("825.00", "低保")),
    # 精神三级 0.1: 10560 × 0.9 / 12 = 792.00
    H("H09", 0, "城市", "无", [P("本人", date(1991, 9, 9), disability="精神", grade="三级", wages="10560")],
      a=("792.00", "低保"), b=("792.00", "低保")),
    # single parent 0.05: 20400 × 0.95 / 24 = 807.50
    H("H10", 0, "城市", "无", [P("本人", date(1986, 8, 8), wages="20400"), P("子女", date(2016, 4, 4))], members=2,
      single_parent=True, a=("807.50", "低保边缘"), b=("807.50", "低保")),
    # 重病 0.1: 6833.40 × 0.9 / 12 = 6150.06 / 12 = 512.505 → 512.51
    H("H11", 1, "城市", "无", [P("本人", date(1976, 3, 1), health="重病", wages="6833.40")],
      a=("512.51", "低保"), b=("512.51", "低保")),
    # sixty on A exactly (born 1966-12-31): elderly 0.05: 10080 × 0.95 / 12 = 798.00
    H("H12", 1, "城市", "无", [P("本人", date(1966, 12, 31), wages="10080")], a=("798.00", "低保"), b=("798.00", "低保")),
    # sixty the day after A (born 1967-01-01): 59 on A → 840.00; 60 on B → 798.00
    H("H13", 1, "城市", "无", [P("本人", date(1967, 1, 1), wages="10080")], a=("840.00", "低保边缘"), b=("798.00", "低保")),
    # 0.1 + 0.1 + 视力一级 0.1 + one aged 70 0.05 = 0.35, capped 0.3: 48000 × 0.7 / 48 = 700.00
    H("H14", 1, "城市", "低保", [P("本人", date(1981, 1, 20), health="重病", wages="30000"),
                                 P("配偶", date(1982, 2, 20), health="重病", wages="18000"),
                                 P("子女", date(2008, 5, 5), disability="视力", grade="一级"),
                                 P("父母", date(1956, 3, 3))], members=4, a=("700.00", "低保"), b=("700.00", "低保")),
    # counted / members = 48000, not below last year's disposable income 48000
    H("H15", 1, "城市", "无", [P("本人", ADULT, wages="48000", spending={"医疗支出": "30000"})],
      a=("4000.00", "不符合"), b=("4000.00", "不符合")),
    # one fen less: 47999.99 < 48000 and 30000 > 23999.995: 支出型困难; 47999.99 / 12 = 3999.9991… → 4000.00
    H("H16", 1, "城市", "无", [P("本人", ADULT, wages="47999.99", spending={"医疗支出": "30000"})],
      a=("4000.00", "支出型困难"), b=("4000.00", "支出型困难")),
    # the head's row is not the first: 36000 / 36 = 1000.00
    H("H17", 1, "城市", "低保边缘", [P("子女", date(2014, 10, 10)), P("本人", date(1986, 1, 10), wages="30000"),
                                     P("配偶", date(1988, 2, 10), wages="6000")], members=3,
      a=("1000.00", "低保边缘"), b=("1000.00", "低保边缘")),
    # 肢体三级 alone: no deduction, 9900 / 12 = 825.00
    H("H18", 3, "城市", "无", [P("本人", date(1996, 6, 6), disability="肢体", grade="三级", wages="9900")],
      a=("825.00", "低保边缘"), b=("825.00", "低保")),
    # 智力四级: no deduction
    H("H19", 3, "城市", "无", [P("本人", date(1995, 5, 15), disability="智力", grade="四级", wages="9900")],
      a=("825.00", "低保边缘"), b=("825.00", "低保")),
    # 特困 now, result 低保: not a change of category for the register
    H("H20", 3, "城市", "特困", [P("本人", date(1956, 8, 8))], a=("0.00", "低保"), b=("0.00", "低保")),
    # 16803 / 24 = 700.125 → 700.13 (round() on the float gives 700.12)
    H("H21", 3, "城市", "无", [P("本人", ADULT, wages="16803"), P("配偶", date(1984, 4, 14))], members=2,
      a=("700.13", "低保"), b=("700.13", "低保")),
    # rural illness deduction 0.15 (urban would be 0.1 → 630.00): 16800 × 0.85 / 24 = 595.00
    H("H22", 2, "农村", "无", [P("本人", date(1976, 7, 7), health="重病", wages="16800"), P("配偶", date(1978, 8, 18))],
      members=2, a=("595.00", "低保"), b=("595.00", "低保")),
    # rural at 1.5 × 600 exactly, rigid 5400.01 > 10800 × 0.5, 10800 < 24000: 支出型困难; B: 900 < 975
    H("H23", 2, "农村", "无", [P("本人", ADULT, wages="10800", spending={"其他刚性支出": "5400.01"})],
      a=("900.00", "支出型困难"), b=("900.00", "低保边缘")),
    # rural cap 0.25 (two 重病 0.30): 28800 × 0.75 / 36 = 600.00 (uncapped 560.00 would be 低保)
    H("H24", 2, "农村", "无", [P("本人", date(1970, 1, 10), health="重病", wages="28800"),
                               P("配偶", date(1972, 2, 12), health="重病"), P("子女", date(1998, 3, 13))], members=3,
      a=("600.00", "低保边缘"), b=("600.00", "低保")),
    # two elderly (65 and 62): 0.1: 12000 × 0.9 / 24 = 450.00
    H("H25", 2, "农村", "无", [P("本人", date(1961, 4, 1), wages="12000"), P("配偶", date(1964, 5, 1))], members=2,
      a=("450.00", "低保"), b=("450.00", "低保")),
    # every kind of income: 3000 + 2000 + 1000 + 1200 + 800 = 8000 / 12 = 666.666… → 666.67
    H("H26", 3, "城市", "无", [P("本人", ADULT, wages="3000", other_income={
        "经营净收入": "2000", "财产净收入": "1000", "转移净收入": "1200", "其他收入": "800"})],
      a=("666.67", "低保"), b=("666.67", "低保")),
    # an amount in fractions of a fen is rounded half-up to the fen like the result: 6000.415 → 6000.42,
    # 6000.42 / 12 = 500.035 → 500.04 (round() on the float cell, 6000.41499…, gave 6000.41 → 500.03)
    H("H27", 3, "城市", "无", [P("本人", ADULT, wages="6000.415")], total="6000.42",
      a=("500.04", "低保"), b=("500.04", "低保")),
    # the same typed as text: "9600.125" → 9600.13 (Decimal's default rounding gave 9600.12)
    H("H28", 3, "城市", "无", [P("本人", ADULT, other_income={"其他收入": "'9600.125"})], total="9600.13",
      a=("800.01", "低保边缘"), b=("800.01", "低保")),
    # 特困 candidates (RULES.md §1.3 "未满 16"): sixteen on A exactly (born 2010-12-31) is not under 16; the
    # grandchild born 2011-01-01 is 15 on A and 16 on B
    H("H29", 3, "城市", "无", [P("本人", ADULT), P("子女", date(2010, 12, 31)), P("孙子女", date(2011, 1, 1))], members=3,
      a=("0.00", "低保"), b=("0.00", "低保"), tekun=("H29孙子女", "")),
]
AS_RESULT = {"无": "不符合", "特困": "低保", "临时救助": "不符合"}


def head_of(h: H) -> tuple[int, P]:
    return next((n, p) for n, p in enumerate(h.people) if p.relation == "本人")


def amount(text: str) -> float | str:
    """A number cell, or a text cell when written with a leading apostrophe (as Excel shows one)."""
    return text[1:] if text.startswith("'") else float(Decimal(text))


def write_register(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "家庭台账"
    ws.append(HEADER)
    seq = 0
    for h in HOUSEHOLDS:
        street, community, *_ = REGIONS[h.place]
        for p in h.people:
            seq += 1
            head = p.relation == "本人"
            row = {"户编号": h.code, "与户主关系": p.relation, "姓名": f"{h.code}{p.relation}",
                   "身份证号": id_number(p.born, seq), "健康状况": p.health, "残疾类别": p.disability,
                   "残疾等级": p.grade, "劳动能力": "有", "在校情况": "无", "工资性收入": amount(p.wages),
                   **{k: amount(v) for k, v in {**p.other_income, **p.spending}.items()}}
            if head:
                row.update({"街道": street, "社区": community, "住址": f"{community}{seq}号", "联系电话": "13800000000",
                            "城乡类别": h.area, "单亲家庭": "是" if h.single_parent else "否",
                            "当前救助类别": h.current, "监测库别": "无"})
            ws.append([row.get(c, 0 if c in HEADER[14:22] else "") for c in HEADER])
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=4):
        row[0].number_format = "@"
    wb.save(path)


def expected(on: date, scope: set[int] | None = None) -> dict[str, dict[str, object]]:
    """Per household code, the columns the issue names, as a script reading the workbook sees them."""
    out = {}
    for h in HOUSEHOLDS:
        if scope is not None and h.place not in scope:
            continue
        _, head = head_of(h)
        per_capita, category = h.a if on == A else h.b
        current = AS_RESULT.get(h.current, h.current)
        out[h.code] = {"户主姓名": f"{h.code}本人", "户主身份证号": id_number(head.born, seq_of(h)),
                       "家庭人口": h.members, "月人均收入": Decimal(per_capita), "当前救助类别": h.current,
                       "建议类别": category, "是否变化": "否" if current == category else "是"}
        if h.total:
            out[h.code]["年总收入"] = Decimal(h.total)
        if h.tekun:
            out[h.code]["特困候选"] = (h.tekun[0] if on == A else h.tekun[1]) or None
    return out


def seq_of(h: H) -> int:
    """The sequence number write_register gave the head's ID number."""
    seq = 0
    for other in HOUSEHOLDS:
        for p in other.people:
            seq += 1
            if other is h and p.relation == "本人":
                return seq
    raise AssertionError(h.code)


def run(*argv: str) -> int:
    """The exit status, as the shell sees it (argparse refusals leave by SystemExit)."""
    try:
        return cli.main(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)


def read_result(path: Path) -> tuple[dict[str, dict[str, object]], dict[str, type]]:
    """The rows by 户编号, and the type of each 月人均收入 cell (a number a script can compare)."""
    ws = openpyxl.load_workbook(path).active
    rows = list(ws.iter_rows())
    header_at = 0  # the header is the first row (scripts read it with their defaults)
    assert "户主姓名" in [c.value for c in rows[0]]
    headers = [c.value for c in rows[header_at]]
    got, types = {}, {}
    for r in rows[header_at + 1:]:
        values = dict(zip(headers, (c.value for c in r), strict=False))
        got[values["户编号"]] = values
        types[values["户编号"]] = type(values["月人均收入"])
    return got, types


def setup_district(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                   policy: list[tuple[str, str, list[str]]] = POLICY) -> None:
    for street, community, level, community_level, area in REGIONS:
        if run("region", "list", "--database-url", url) == 0 and street not in capsys.readouterr().out:
            assert run("region", "add", street, "--parent", "西塞山区", "--level", level, "--area", area,
                       "--database-url", url) == 0
        assert run("region", "add", community, "--parent", street, "--level", community_level, "--area", area,
                   "--database-url", url) == 0
    register = tmp_path / "家庭台账.xlsx"
    write_register(register)
    capsys.readouterr()
    assert run("import", "households", str(register), "--json", "--database-url", url) == 0
    imported = json.loads(capsys.readouterr().out)
    assert (imported["households_created"], imported["errors"]) == (len(HOUSEHOLDS), []), imported
    for effective, area, values in policy:
        assert run("policy", "set", "--effective", effective, "--area", area, *values, "--database-url", url) == 0
    capsys.readouterr()


def differences(path: Path, on: date, scope: set[int] | None = None) -> list[str]:
    """What the workbook says otherwise than the hand figures (every household, every column checked)."""
    got, _ = read_result(path)
    want = expected(on, scope)
    problems = [f"households: expected {sorted(want)}, got {sorted(got)}"] if set(got) != set(want) else []
    for code, row in want.items():
        for column, value in row.items():
            seen = got.get(code, {}).get(column)
            if column in ("月人均收入", "年总收入"):
                if not isinstance(seen, int | float):  # a number a script can compare, not text
                    problems.append(f"{code} {column}: not a number cell: {seen!r}")
                    continue
                seen = Decimal(str(seen)).quantize(Decimal("0.01"))
            if seen != value:
                problems.append(f"{code} {column}: expected {value}, got {seen}")
    return problems


def test_register_policy_reassess_by_hand(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The day before the raise and the day it takes effect, the whole district and one sub-district."""
    url = db.url.render_as_string(hide_password=False)
    setup_district(url, tmp_path, capsys)
    for on in (A, B):
        out = tmp_path / f"重新评估{on}.xlsx"
        assert run("reassess", "--as-of", on.isoformat(), "--out", str(out), "--database-url", url) == 0
        assert differences(out, on) == []
    out = tmp_path / "甲街道.xlsx"
    assert run("reassess", "--region", "甲街道", "--as-of", A.isoformat(), "--out", str(out), "--json",
               "--database-url", url) == 0
    capsys.readouterr()
    assert differences(out, A, {0, 1}) == []
    assert run("reassess", "--region", "乙村", "--as-of", B.isoformat(), "--out", str(out), "--database-url", url) == 0
    assert differences(out, B, {2}) == []
    # H04 and H14 receive 低保 and H20 特困, and are still 低保: 建议去向 read 启动救助申请, a second
    # application for a household already assisted (saving such an assessment keeps the stage)
    got, _ = read_result(tmp_path / f"重新评估{A}.xlsx")
    assert {c: got[c]["建议去向"] for c in ("H04", "H14", "H20", "H09", "H06")} == {
        "H04": "维持现有救助(在保)", "H14": "维持现有救助(在保)", "H20": "维持现有救助(在保)",
        "H09": "启动救助申请", "H06": "纳入一类库"}


def test_settings_the_issue_gives_a_default_may_be_left_out(db: Database, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 5 names marginal_multiplier "(default 1.5)", tekun_minor_age "(16; some provinces 18)" and
    elderly_age "(60)", and `policy show` said 默认 1.5; a policy set without them refused every
    assessment ("缺少 低保边缘倍数(marginal_multiplier)、特困未成年年龄…"). Now the defaults are used, and
    said to be defaults; the figures are the hand ones of the full set."""
    defaulted = ("marginal_multiplier=1.5", "tekun_minor_age=16", "elderly_age=60")
    url = db.url.render_as_string(hide_password=False)
    setup_district(url, tmp_path, capsys,
                   [(effective, area, [v for v in values if v not in defaulted]) for effective, area, values in POLICY])
    assert run("policy", "show", "--date", A.isoformat(), "--area", "城市", "--database-url", url) == 0
    shown = capsys.readouterr().out
    assert "低保边缘倍数(marginal_multiplier):未设置(按默认值“1.5”)" in shown and "评估将无法进行" not in shown
    for on in (A, B):
        out = tmp_path / f"默认值{on}.xlsx"
        assert run("reassess", "--as-of", on.isoformat(), "--out", str(out), "--json", "--database-url", url) == 0
        used = json.loads(capsys.readouterr().out)["settings"]["urban"]
        assert used["marginal_multiplier"]["value"] == "1.5"
        assert used["marginal_multiplier"]["effective_from"] == "未设置,按默认值"
        assert used["dibao_standard"]["effective_from"] == on.replace(month=1, day=1).isoformat()
        assert differences(out, on) == []


def test_a_register_before_any_region_brings_them(db: Database, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """On a new database (only the district) every household was refused with "系统中没有名为“甲街道”的
    街道/乡镇"; the first register now brings the sub-districts and communities it names
    (test_register_first_regions.py)."""
    url = db.url.render_as_string(hide_password=False)
    register = tmp_path / "家庭台账.xlsx"
    write_register(register)
    assert run("import", "households", str(register), "--json", "--database-url", url) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["households_rejected"] == 0 and result["households_created"] == result["households"] > 0
    assert result["subdistricts_created"] > 0 and result["communities_created"] > 0


BAD_INPUT = [
    (["policy", "set", "--effective", "2026-01-01", "--area", "城市", "dibao_stanard=800"], "没有名为“dibao_stanard”的政策参数"),
    (["policy", "set", "--effective", "2026-01-01", "--area", "城市", "dibao_standard=八百"], "的值“八百”不是数字"),
    (["policy", "set", "--effective", "2026-01-01", "--area", "城市", "deduct_cap=130%"], "必须在 0 到 1 之间"),
    (["policy", "set", "--effective", "2026-02-30", "--area", "城市", "dibao_standard=800"], "2026 年 2 月只有 28 天"),
    (["policy", "set", "--effective", "2026/01/01", "--area", "城市", "dibao_standard=800"], "应为 YYYY-MM-DD"),
    (["policy", "set", "--effective", "2026-01-01", "dibao_standard=800"], "缺少必需的参数:--area"),
    (["policy", "set", "--effective", "2026-01-01", "--area", "郊区", "dibao_standard=800"], "应为“城市”或“农村”"),
    (["reassess", "--region", "丁街道", "--out", "结果.xlsx"], "找不到区划“丁街道”"),
    # a date before the first policy: said in one sentence with the first date (it listed all 11 settings as
    # missing, for each area)
    (["reassess", "--as-of", "2025-12-31", "--out", "结果.xlsx"],
     "错误:无法重新评估:2025-12-31 没有生效的农村政策参数:最早的自 2026-01-01 起生效。请换一个日期,或在“设置 → 政策参数”"
     "中补录更早生效的参数(命令:relief-desk policy set --effective 日期 --area 农村 名称=数值 …)。 2025-12-31 没有生效的"
     "城市政策参数:最早的自 2026-01-01 起生效。请换一个日期,或在“设置 → 政策参数”中补录更早生效的参数(命令:relief-desk "
     "policy set --effective 日期 --area 城市 名称=数值 …)。\n"),
    (["reassess", "--out", "结果.csv"], "应以 .xlsx 结尾"),
]


def test_bad_input_is_one_chinese_line(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    url = db.url.render_as_string(hide_password=False)
    monkeypatch.chdir(tmp_path)
    setup_district(url, tmp_path, capsys)
    for argv, message in BAD_INPUT:
        assert run(*argv, "--database-url", url) != 0, argv
        out, err = capsys.readouterr()
        assert message in err and "Traceback" not in err + out, (argv, err)
    assert not (tmp_path / "结果.xlsx").exists()
    # nothing of the refused settings was written
    assert run("policy", "show", "--date", "2026-06-01", "--json", "--database-url", url) == 0
    shown = json.loads(capsys.readouterr().out)["settings"]
    assert (shown["城市"]["dibao_standard"]["value"], shown["城市"]["deduct_cap"]["value"]) == ("800.00", "0.3")


def test_an_unwritable_out_path(db: Database, tmp_path: Path, read_only_dir: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    url = db.url.render_as_string(hide_password=False)
    setup_district(url, tmp_path, capsys)
    assert run("reassess", "--as-of", A.isoformat(), "--out", str(read_only_dir / "结果.xlsx"), "--database-url", url) == 1
    out, err = capsys.readouterr()
    assert err.startswith("错误:无法写入文件“") and "没有在此处写入的权限" in err and "Traceback" not in err
    assert list(read_only_dir.iterdir()) == []
