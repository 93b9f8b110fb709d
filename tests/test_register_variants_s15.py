"""Household registers as other offices send them (relief-desk import households FILE [--json]):
the command's exit status when no household could be imported, and the variants a hand check of
some thirty registers (.xls, GBK CSV, titles, notes, footers, subtotals, members before their head,
codes without leading zeros, amounts with units, 15-digit IDs …) found read wrongly."""

from __future__ import annotations

import csv
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
import xlwt
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from desktop import cli
from desktop.io import register_template as tpl
from desktop.models import Household, ImportBatch, Income, Member
from desktop.rules import idcard
from desktop.services.database import Database
from tests.district import District

H = list(tpl.HEADER)
COLUMNS = {h: i for i, h in enumerate(H)}

ZJG = idcard.make("420203", date(1968, 3, 12), 31)  # 张建国
LXY = idcard.make("420203", date(1970, 7, 8), 42)  # 李秀英
ZXM = idcard.make("420203", date(2010, 9, 1), 13)  # 张小明
WGL = idcard.make("420222", date(1948, 1, 20), 24)  # 王桂兰
WH = idcard.make("420222", date(2012, 5, 5), 51)  # 王浩
CZQ = idcard.make("420203", date(1975, 11, 30), 71)  # 陈志强
CLH = idcard.make("420203", date(1945, 2, 2), 11)  # 陈老汉


def families() -> list[dict[str, Any]]:
    """Three households as a community writes them: the head's row first, the household's values on it."""
    return [
        {"户编号": "H001", "与户主关系": "本人", "姓名": "张建国", "身份证号": ZJG, "街道": "八泉街道", "社区": "飞云社区",
         "住址": "飞云社区3栋2单元301", "联系电话": "13807141234", "城乡类别": "城市", "健康状况": "慢性病",
         "劳动能力": "部分丧失", "工资性收入": 18000, "转移净收入": 1200, "医疗支出": 6000, "单亲家庭": "否",
         "当前救助类别": "无", "监测库别": "一类库"},
        {"户编号": "H001", "与户主关系": "配偶", "姓名": "李秀英", "身份证号": LXY, "健康状况": "重病", "残疾类别": "肢体",
         "残疾等级": "二级", "劳动能力": "无", "医疗支出": 24000},
        {"户编号": "H001", "与户主关系": "子女", "姓名": "张小明", "身份证号": ZXM, "在校情况": "义务教育", "教育支出": 2500},
        {"户编号": "H002", "与户主关系": "本人", "姓名": "王桂兰", "身份证号": WGL, "街道": "河口镇", "社区": "道仕袱村",
         "住址": "道仕袱村五组12号", "城乡类别": "农村", "劳动能力": "无", "转移净收入": 2400, "当前救助类别": "低保"},
        {"户编号": "H002", "与户主关系": "孙子女", "姓名": "王浩", "身份证号": WH, "在校情况": "义务教育", "教育支出": 1200},
        {"户编号": "H003", "与户主关系": "本人", "姓名": "陈志强", "身份证号": CZQ, "街道": "八泉街道", "社区": "八泉社区",
         "住址": "八泉社区8栋", "联系电话": "15997101111", "工资性收入": 30000, "监测库别": "二类库"},
        {"户编号": "H003", "与户主关系": "父母", "姓名": "陈老汉", "身份证号": CLH, "健康状况": "重病", "劳动能力": "无",
         "医疗支出": 15000},
    ]


def table(people: list[dict[str, Any]], header: list[str] | None = None) -> list[list[Any]]:
    header = header or H
    return [list(header)] + [[p.get(h, "") for h in header] for p in people]


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("家庭台账")
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            if v != "":
                ws.write_string(r, c, v) if isinstance(v, str) else ws.write(r, c, v)
    book.close()
    return path


def write_xls(path: Path, rows: list[list[Any]]) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("家庭台账")
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            if v != "":
                ws.write(r, c, v)
    book.save(str(path))
    return path


def write_csv(path: Path, rows: list[list[Any]], encoding: str = "gbk") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def run(db: Database, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    url = db.url.render_as_string(hide_password=False)
    status = cli.main(["import", "households", *argv, "--database-url", url])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "内部错误" not in err, err
    return status, out, err


def import_json(db: Database, capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    status, out, _err = run(db, capsys, str(path), "--json", *extra)
    return status, json.loads(out)


def count(db: Database, model: type) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def messages(out: dict[str, Any]) -> dict[tuple[int, str], str]:
    return {(e["row"], e["column"]): e["message"] for e in out["errors"]}


def counts(out: dict[str, Any]) -> tuple[int, int, int, int, int, int]:
    return (out["rows"], out["households"], out["households_created"], out["households_updated"],
            out["households_rejected"], out["persons"])


# -- the exit status ----------------------------------------------------------------------------

def every_household_refused(path: Path) -> Path:
    people = families()
    for p in people:
        if p["与户主关系"] == "本人":
            p["社区"] = "不存在社区"
    return write_xlsx(path, table(people))


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_no_household_imported_exits_1_with_the_errors(db: Database, district: District, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str], dry_run: bool) -> None:
    """Every household refused for errors in its rows: the input had errors, exit status 1 as for a
    region list with errors; --json is the same object with "error" and "code" (invalid_input) added,
    the text lists the errors and says so on stderr. The error workbook is still written."""
    path = every_household_refused(tmp_path / "台账.xlsx")
    dry = ["--dry-run"] if dry_run else []
    status, out = import_json(db, capsys, path, *dry)
    assert status == 1
    assert out["code"] == "invalid_input" and "的 3 户都有错误" in out["error"]
    assert ("导入时不会导入任何家庭" if dry_run else "没有导入任何家庭,未写入数据库") in out["error"]
    assert counts(out) == (7, 3, 0, 0, 3, 0) and out["batch_id"] is None
    assert "“八泉街道”下没有名为“不存在社区”的社区/村" in messages(out)[(2, "社区")]
    status, text, err = run(db, capsys, str(path), *dry, "--errors", str(tmp_path / "错误清单.xlsx"))
    assert status == 1
    assert "第 2 行“社区”列" in text and "因错误" in text
    assert err.strip().splitlines()[-1].startswith("错误:家庭台账《台账.xlsx》的 3 户都有错误")
    assert len(CalamineWorkbook.from_path(str(tmp_path / "错误清单.xlsx")).get_sheet_by_index(0).to_python()) == 8
    assert count(db, Household) == 0 and count(db, ImportBatch) == 0


def test_one_household_imported_exits_0_and_reports_the_others(db: Database, district: District, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    people = families()
    people[0]["社区"] = "不存在社区"
    people[3]["社区"] = "不存在社区"
    path = write_xlsx(tmp_path / "台账.xlsx", table(people))
    status, out = import_json(db, capsys, path, "--dry-run")
    assert status == 0 and "error" not in out and "code" not in out
    assert counts(out) == (7, 3, 1, 0, 2, 2)
    status, text, err = run(db, capsys, str(path))
    assert status == 0 and err == ""
    assert "新建 1 户" in text and "第 5 行“社区”列" in text
    assert count(db, Household) == 1


def test_a_single_refused_household_is_named_as_the_only_one(db: Database, district: District, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    people = families()[:3]
    people[0]["社区"] = "不存在社区"
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(people)))
    assert status == 1 and "仅有的 1 户有错误" in out["error"]


def test_the_help_tells_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["import", "households", "-h"])
    text = capsys.readouterr().out
    assert "退出状态" in text and "invalid_input" in text


# -- cells -------------------------------------------------------------------------------------

def test_an_amount_with_the_minus_sign_of_typesetting_is_negative() -> None:
    """"−3000" (U+2212, copied from Word or a PDF) is a net loss of 3000, not "no amount"."""
    values = table([{**families()[0], "经营净收入": "−3000", "工资性收入": "１８，０００元"}])[1]
    person, errors = tpl.parse_row(2, values, COLUMNS)
    assert errors == [] and person is not None
    assert person.incomes["business"] == Decimal("-3000") and person.incomes["wages"] == Decimal("18000")
    values = table([{**families()[0], "医疗支出": "−200"}])[1]
    assert [e.message for e in tpl.parse_row(2, values, COLUMNS)[1]] == ["金额不能为负数(−200)"]


def test_a_phone_number_saved_in_scientific_notation_is_a_cell_error(db: Database, district: District, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A GBK CSV saved by Excel writes 13807141234 as 1.38071E+10: the last digits are gone, and
    were kept as the phone number."""
    rows = table(families())
    rows[1][COLUMNS["联系电话"]] = "1.38071E+10"
    status, out = import_json(db, capsys, write_csv(tmp_path / "台账.csv", rows))
    assert status == 0 and counts(out) == (7, 3, 2, 0, 1, 4)
    assert "科学计数法" in messages(out)[(2, "联系电话")] and "1.38071E+10" in messages(out)[(2, "联系电话")]
    with db.session_factory() as s:
        assert "1.38071E+10" not in s.scalars(select(Household.phone)).all()


# -- the same person twice -------------------------------------------------------------------------

def test_a_person_listed_in_two_households_names_both(db: Database, district: District, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    people = [*families(), {"户编号": "H003", "与户主关系": "子女", "姓名": "张小明", "身份证号": ZXM}]
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(people)))
    assert status == 0 and counts(out)[2:5] == (1, 0, 2)
    said = messages(out)
    assert said[(9, "身份证号")] == "与第 4 行(户编号“H001”)的身份证号重复,一人只能属于一户"
    assert said[(4, "身份证号")] == "此人又列在第 9 行(户编号“H003”),一人只能属于一户"


def test_a_15_digit_number_repeating_an_18_digit_one_says_why_they_are_one(db: Database, district: District,
                                                                         tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    people = [*families(), {"户编号": "H003", "与户主关系": "其他", "姓名": "陈老汉", "身份证号": CLH[:6] + CLH[8:17]}]
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(people)))
    assert messages(out)[(9, "身份证号")] == "与第 8 行的身份证号重复(15 位旧号码升为 18 位后相同)"


# -- 户编号 ------------------------------------------------------------------------------------------

def test_rows_without_a_code_just_above_a_household_hold_it_back(db: Database, district: District, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Members listed before their head, 户编号 only on the head's row: the row without a code (王浩,
    H002's) was taken for H001's, and H002 imported without him: a household half imported."""
    people = families()
    people[3], people[4] = {**people[4], "户编号": ""}, people[3]
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(people)))
    assert status == 0 and counts(out)[2:5] == (1, 0, 2)
    said = messages(out)
    assert "户编号为空" in said[(5, "户编号")]
    assert said[(6, "户编号")].startswith("上方第 5 行没有填写户编号,可能是本户的成员")
    with db.session_factory() as s:
        assert s.scalars(select(Household.code)).all() == ["H003"]


def test_a_code_typed_as_a_number_on_member_rows_does_not_also_say_no_head(db: Database, district: District,
                                                                         tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """"001" (text) on the head's row, 1 (a number cell) on the members': the leading-zero message
    says it; "户编号“1”的家庭没有户主" would send the clerk to add a head."""
    people = families()
    for p in people:
        p["户编号"] = "00" + p["户编号"][-1] if p["与户主关系"] == "本人" else int(p["户编号"][-1])
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(people)))
    assert status == 1
    said = messages(out)
    assert "只差开头的 0" in said[(3, "户编号")] and "只差开头的 0" in said[(2, "户编号")]
    assert not [m for m in said.values() if "没有户主" in m]
    # a code with no head under any of its spellings still says so
    people = [p for p in families() if p["户编号"] == "H002"]
    people[0]["与户主关系"] = "其他"
    _status, out = import_json(db, capsys, write_xlsx(tmp_path / "无户主.xlsx", table(people)))
    assert "没有户主" in messages(out)[(2, "与户主关系")]


# -- lines that are no person ---------------------------------------------------------------

def test_a_signature_line_is_no_person_and_households_below_it_are_read(db: Database, district: District,
                                                                         tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """"填表人:王芳 | … | 联系电话:0714-6221234" with the phone under 身份证号 was read as a person with
    errors (a fourth household refused); households added under the signatures are read."""
    rows = table(families())
    signature = ["填表人:王芳", "", "", "联系电话:0714-6221234", "", "审核人:李强"]
    rows = rows[:6] + [signature] + rows[6:] + [[], signature, ["注:本表一式两份"]]
    for name, path in (("xlsx", write_xlsx(tmp_path / "台账.xlsx", rows)),
                       ("csv", write_csv(tmp_path / "台账.csv", rows))):
        status, out = import_json(db, capsys, path, "--dry-run")
        assert status == 0 and counts(out) == (7, 3, 3, 0, 0, 7) and out["errors"] == [], name


def test_a_person_with_a_signature_word_in_a_remark_is_still_a_person(db: Database, district: District,
                                                                        tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    people = families()
    people[1]["身份证号"] = ""
    people[1]["备注"] = "经办人:李四,身份证待补"
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(people)), "--dry-run")
    assert counts(out) == (7, 3, 2, 0, 1, 4) and messages(out)[(3, "身份证号")] == "身份证号为空"


def test_subtotal_rows_between_communities_are_no_persons(db: Database, district: District, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    t = table(families())
    rows = [["序号", *t[0]], [1, *t[1]], [2, *t[2]], [3, *t[3]], ["", "飞云社区小计", "", "1户3人"], [4, *t[4]],
            [5, *t[5]], [6, "道仕袱村小计", "", "1户2人"], [7, *t[6]], [8, *t[7]], ["总计", "", "", "3户7人"]]
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", rows), "--dry-run")
    assert status == 0 and counts(out) == (7, 3, 3, 0, 0, 7) and out["errors"] == []


ALLOWED_ROW = ["同户相同", "本人/配偶/子女/父母/孙子女/兄弟姐妹/其他", "", "", "", "", "", "", "城市/农村", "健康/慢性病/重病",
               "无/肢体/视力/听力/言语/智力/精神/多重", "无/一级/二级/三级/四级", "有/部分丧失/无", "", "", "", "", "", "", "", "",
               "", "是/否", "无/低保/特困/低保边缘/支出型困难/临时救助", "无/一类库/二类库", ""]


@pytest.mark.parametrize("notes", [
    ALLOWED_ROW,
    [""] * 14 + ["元"] * 5 + ["(元)", "元/年", "单位:元"] + [""] * 4,
    ["填写户编号", "填本人、配偶等", "填姓名", "", "所属街道", "所属社区"],
], ids=["allowed values", "units", "how to fill"])
def test_notes_under_the_header_without_an_id_column_note(db: Database, district: District, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str], notes: list[str]) -> None:
    """The row under the header saying how to fill the columns was taken for a person (a household of
    errors: "“本人/配偶/…”不是可填写的值", "“元”不是金额") unless its 身份证号 cell held a note."""
    t = table(families())
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", [t[0], notes, *t[1:]]), "--dry-run")
    assert status == 0 and out["errors"] == [] and counts(out) == (7, 3, 3, 0, 0, 7)


def test_a_person_without_an_id_right_under_the_header_is_still_a_person(db: Database, district: District,
                                                                          tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    people = families()
    people[0]["身份证号"] = ""
    people[0]["备注"] = "身份证待补填写"
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", table(people)), "--dry-run")
    assert counts(out) == (7, 3, 2, 0, 1, 4) and messages(out)[(2, "身份证号")] == "身份证号为空"


# -- header names ---------------------------------------------------------------------------------

def test_member_name_and_id_columns_named_for_members(db: Database, district: District, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """成员姓名 / 成员身份证号 (a register lists every member) were not known: the file was refused as
    lacking 姓名 and 身份证号. Beside a 户主姓名 column they are the person's own."""
    header = ["户编号", "户主姓名", "成员姓名", "与户主关系", "成员身份证号", *H[4:]]
    rows = [header]
    for p in families():
        head = next(h for h in families() if h["户编号"] == p["户编号"] and h["与户主关系"] == "本人")
        rows.append([p["户编号"], head["姓名"], p["姓名"], p["与户主关系"], p["身份证号"], *(p.get(h, "") for h in H[4:])])
    status, out = import_json(db, capsys, write_xlsx(tmp_path / "台账.xlsx", rows))
    assert status == 0 and counts(out) == (7, 3, 3, 0, 0, 7)
    with db.session_factory() as s:
        assert sorted(s.scalars(select(Member.name))) == sorted(p["姓名"] for p in families())


# -- what offices send and was read right: kept so -------------------------------------------------

def _variant(kind: str, tmp_path: Path) -> Path:
    people = families()
    if kind == "xls with a title, notes row and extra columns":
        header = ["序号", "户编号", "与户主关系", "姓名", "性别", "出生日期", "年龄", "身份证号", *H[4:]]
        rows: list[list[Any]] = [["西塞山区2026年困难家庭台账"], header,
                                 ["", "同户填相同户编号", "本人/配偶/子女…", "", "", "", "", "18位身份证号"]]
        for n, p in enumerate(people, 1):
            born = idcard.birth_date(p["身份证号"])
            rows.append([n, p["户编号"], p["与户主关系"], p["姓名"], idcard.sex(p["身份证号"]), born.isoformat(),
                         2026 - born.year, p["身份证号"], *(p.get(h, "") for h in H[4:])])
        return write_xls(tmp_path / "台账.xls", rows)
    if kind == "GBK csv, columns reordered, blank lines":
        order = ["姓名", "身份证号", "与户主关系", "户编号", *reversed(H[4:])]
        rows = table(people, order)
        return write_csv(tmp_path / "台账.csv", [rows[0], *rows[1:4], [], *rows[4:6], [], [], *rows[6:]])
    if kind == "members before the head, households split":
        return write_xlsx(tmp_path / "台账.xlsx", table([people[i] for i in (1, 4, 6, 0, 3, 2, 5)]))
    if kind == "amounts written with units, 15-digit IDs, lower-case x":
        people[0]["工资性收入"], people[0]["医疗支出"], people[3]["转移净收入"] = "18,000元", "￥6,000.00", "２,４００元"
        people[5]["工资性收入"] = "3万"
        people[0]["身份证号"] = ZJG.lower()
        people[6]["身份证号"] = CLH[:6] + CLH[8:17]
        return write_csv(tmp_path / "台账.csv", table(people))
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["xls with a title, notes row and extra columns", "GBK csv, columns reordered, blank lines",
                                  "members before the head, households split",
                                  "amounts written with units, 15-digit IDs, lower-case x"])
def test_registers_offices_send(db: Database, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                kind: str) -> None:
    status, out = import_json(db, capsys, _variant(kind, tmp_path))
    assert status == 0 and out["errors"] == [] and counts(out) == (7, 3, 3, 0, 0, 7)
    with db.session_factory() as s:
        households = {h.code: h for h in s.scalars(select(Household))}
        assert {c: (h.head_name, h.member_count, h.category, h.stage) for c, h in households.items()} == {
            "H001": ("张建国", 3, "none", "class_1"), "H002": ("王桂兰", 2, "dibao", "assisted"),
            "H003": ("陈志强", 2, "none", "class_2")}
        assert sorted(s.scalars(select(Member.id_number))) == sorted([ZJG, LXY, ZXM, WGL, WH, CZQ, CLH])
        wages = s.scalar(select(func.sum(Income.amount)).where(Income.household_id == households["H003"].id,
                                                                Income.kind == "wages"))
        assert wages == Decimal("30000")
        lines = s.scalar(select(func.count()).select_from(Income).where(Income.household_id == households["H001"].id))
        assert lines == 2  # the head's wages and transfers
