"""Household registers as community offices send them, round 4 (relief-desk import households FILE
[--json]): a 填写说明 sheet before the register (the header repeated with a line of notes: it was
read instead of the register, "no person rows"), a hidden 字典 sheet, rows sorted by name with codes
as number cells, amounts as formulas Excel saved, added 联系人 columns, landlines; bad rows refusing
their household only; a person of another household, and the corrected register after it."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
import xlsxwriter
import xlwt
from sqlalchemy import select

from desktop.models import Household, ImportBatch, Member
from desktop.rules import idcard
from desktop.services.database import Database
from tests.district import District
from tests.test_register_variants_s15 import CLH, H, families, import_json, messages, run, table
from tests.test_register_variants_s15 import count as count_of
from tests.test_register_variants_s15 import counts as counts_of
from tests.test_register_variants_s15 import write_csv as csv_file
from tests.test_register_variants_s15 import write_xlsx as xlsx_file

ALL = sorted(p["身份证号"] for p in families())


def excel_saved(path: Path) -> None:
    """Make an XlsxWriter book look saved by Excel: its formulas keep the results written, no recalculation."""
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["xl/workbook.xml"] = re.sub(rb'<calcPr[^>]*/>', b'<calcPr calcId="191029"/>', parts["xl/workbook.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in parts.items():
            zf.writestr(n, b)


def _xls_with_instructions_first(tmp: Path) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    note = book.add_sheet("填写说明")
    lines = ["填写说明", "1. 一人一行,同一户的成员填写相同的户编号", "2. 与户主关系:本人/配偶/子女/父母/孙子女/兄弟姐妹/其他",
             "3. 身份证号请设置为文本格式", "户编号 | 与户主关系 | 姓名 | 身份证号 | 街道 | 社区"]
    for r, t in enumerate(lines):
        note.write(r, 0, t)
    ws = book.add_sheet("家庭台账")
    for r, values in enumerate(table(families())):
        for c, v in enumerate(values):
            if v != "":
                ws.write(r, c, v)
    path = tmp / "台账.xls"
    book.save(str(path))
    return path


def _dictionary_sheet(tmp: Path) -> Path:
    path = tmp / "台账.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("家庭台账")
    for r, values in enumerate(table(families())):
        for c, v in enumerate(values):
            if v != "":
                ws.write_string(r, c, v) if isinstance(v, str) else ws.write(r, c, v)
    d = book.add_worksheet("字典")
    cols = {"与户主关系": ["本人", "配偶", "子女", "父母", "孙子女", "兄弟姐妹", "其他"], "城乡类别": ["城市", "农村"],
            "健康状况": ["健康", "慢性病", "重病"], "残疾类别": ["无", "肢体", "视力"], "残疾等级": ["无", "一级", "二级"],
            "劳动能力": ["有", "部分丧失", "无"], "单亲家庭": ["是", "否"], "当前救助类别": ["无", "低保", "特困"],
            "监测库别": ["无", "一类库", "二类库"]}
    for c, (h, vals) in enumerate(cols.items()):
        d.write_string(0, c, h)
        for r, v in enumerate(vals, 1):
            d.write_string(r, c, v)
    d.hide()
    book.close()
    return path


def _sorted_by_name_number_codes(tmp: Path) -> Path:
    people = families()
    for p in people:
        p["户编号"] = {"H001": 1, "H002": 2.0, "H003": 3}[p["户编号"]]
    people.sort(key=lambda p: p["姓名"].encode("gbk"))
    return xlsx_file(tmp / "台账.xlsx", table(people))


def _formulas_with_results(tmp: Path) -> Path:
    path = tmp / "台账.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("家庭台账")
    rows = table(families())
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            if r > 0 and H[c] == "工资性收入" and v != "":
                ws.write_formula(r, c, f"={v // 12}*12", None, v)
            elif v != "":
                ws.write_string(r, c, v) if isinstance(v, str) else ws.write(r, c, v)
    book.close()
    excel_saved(path)
    return path


def _contact_columns(tmp: Path) -> Path:
    header = [*H[:7], "联系人", *H[7:], "备注2"]
    rows = [header]
    for p in families():
        rows.append([*(p.get(h, "") for h in H[:7]), "刘主任" if p["与户主关系"] == "本人" else "",
                     *(p.get(h, "") for h in H[7:]), "已核实"])
    return xlsx_file(tmp / "台账.xlsx", rows)


def _landline_and_two_phones(tmp: Path) -> Path:
    people = families()
    people[0]["联系电话"] = "13807141234、0714-6221234"
    people[5]["联系电话"] = "0714-6221234"
    return xlsx_file(tmp / "台账.xlsx", table(people))


def _excel_csv_scientific_ids(tmp: Path) -> Path:
    people = families()
    people[6]["身份证号"] = "4.20203E+17"
    return csv_file(tmp / "台账.csv", table(people), "gbk")


def _id_as_number_cell(tmp: Path) -> Path:
    people = families()
    people[6]["身份证号"] = float(CLH) if CLH[-1] != "X" else 420203194502021100.0
    return xlsx_file(tmp / "台账.xlsx", table(people))


def _relation_empty(tmp: Path) -> Path:
    people = families()
    people[2]["与户主关系"] = ""
    return xlsx_file(tmp / "台账.xlsx", table(people))


def _row_twice(tmp: Path) -> Path:
    people = families()
    people.insert(3, dict(people[2]))
    return xlsx_file(tmp / "台账.xlsx", table(people))


def _instructions_table_first(tmp: Path) -> Path:
    path = tmp / "台账.xlsx"
    book = xlsxwriter.Workbook(str(path))
    n = book.add_worksheet("填写说明")
    n.write_string(0, 0, "家庭台账填写说明")
    for c, h in enumerate(H):
        n.write_string(1, c, h)
    notes = {"户编号": "同户填相同编号", "与户主关系": "本人/配偶/子女/父母/孙子女/兄弟姐妹/其他", "姓名": "填写户籍姓名",
             "身份证号": "18位,文本格式", "街道": "户主行填写", "社区": "户主行填写", "城乡类别": "城市/农村",
             "单亲家庭": "是/否", "当前救助类别": "无/低保/特困", "监测库别": "无/一类库/二类库", "工资性收入": "近12个月,单位元"}
    for c, h in enumerate(H):
        if h in notes:
            n.write_string(2, c, notes[h])
    ws = book.add_worksheet("家庭台账")
    for r, values in enumerate(table(families())):
        for c, v in enumerate(values):
            if v != "":
                ws.write_string(r, c, v) if isinstance(v, str) else ws.write(r, c, v)
    book.close()
    return path



CASES = {"WPS .xls with a 填写说明 sheet first": _xls_with_instructions_first,
         "hidden 字典 sheet of the drop-down lists": _dictionary_sheet,
         "sorted by name, codes as number cells 1, 2.0, 3": _sorted_by_name_number_codes,
         "amounts as formulas saved by Excel": _formulas_with_results,
         "联系人 and 备注2 columns added": _contact_columns,
         "a landline, two phones": _landline_and_two_phones,
         "填写说明 sheet first repeating the header with notes (was wrong)": _instructions_table_first}
PHONES = {"a landline, two phones": {"H001": "13807141234、0714-6221234", "H003": "0714-6221234"}}


@pytest.mark.parametrize("kind", list(CASES))
def test_registers_read_as_a_clerk_expects(db: Database, district: District, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str], kind: str) -> None:
    status, out = import_json(db, capsys, CASES[kind](tmp_path))
    assert status == 0 and out["errors"] == [] and counts_of(out) == (7, 3, 3, 0, 0, 7), out
    assert out["sheet"] in ("家庭台账", "台账")
    with db.session_factory() as s:
        assert sorted(s.scalars(select(Member.id_number))) == ALL
        found = {h.code: (h.head_name, h.member_count, h.category, h.stage, h.phone) for h in s.scalars(select(Household))}
    codes = ("1", "2", "3") if "number cells" in kind else ("H001", "H002", "H003")
    phones = PHONES.get(kind, {"H001": "13807141234", "H003": "15997101111"})
    assert found == {codes[0]: ("张建国", 3, "none", "class_1", phones["H001"]), codes[1]: ("王桂兰", 2, "dibao", "assisted", ""),
                     codes[2]: ("陈志强", 2, "none", "class_2", phones["H003"])}


@pytest.mark.parametrize("kind", ["sci", "number", "relation", "twice"])
def test_a_bad_row_refuses_its_household_only(db: Database, district: District, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str], kind: str) -> None:
    path, cell, message = {"sci": (_excel_csv_scientific_ids, (8, "身份证号"), "身份证号被存成了数字"),
                           "number": (_id_as_number_cell, (8, "身份证号"), "身份证号被存成了数字"),
                           "relation": (_relation_empty, (4, "与户主关系"), "与户主关系为空"),
                           "twice": (_row_twice, (5, "身份证号"), "与第 4 行完全相同,同一人填了两行")}[kind]
    status, out = import_json(db, capsys, path(tmp_path))
    assert status == 0 and out["households_rejected"] == 1 and list(messages(out)) == [cell]
    assert messages(out)[cell].startswith(message)
    gone = "H003" if cell[0] == 8 else "H001"
    with db.session_factory() as s:
        assert gone not in set(s.scalars(select(Household.code))) and count_of(db, Household) == 2


def test_a_person_of_another_household_then_the_corrected_register(db: Database, district: District, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """陈老汉 already heads H900: H003 listing him is refused whole (row 8, 身份证号), H001 and H002 are
    imported; the same file again is refused as imported; the corrected file creates H003 and
    updates the others."""
    other = families()[:1]
    other[0].update({"户编号": "H900", "姓名": "陈老汉", "身份证号": CLH})
    assert import_json(db, capsys, xlsx_file(tmp_path / "早.xlsx", table(other)))[0] == 0
    path = xlsx_file(tmp_path / "台账.xlsx", table(families()))
    status, out = import_json(db, capsys, path)
    assert status == 0 and counts_of(out) == (7, 3, 2, 0, 1, 5)
    assert messages(out) == {(8, "身份证号"): "此人已登记在户编号“H900”的家庭中;请先在系统中调整其家庭关系"}
    with db.session_factory() as s:
        assert sorted(s.scalars(select(Household.code))) == ["H001", "H002", "H900"]
        assert s.scalar(select(Member.id_number).where(Member.name == "陈志强")) is None
    status, _out, err = run(db, capsys, str(path))
    assert status == 1 and "导入过" in err and count_of(db, ImportBatch) == 2
    people = families()
    people[6]["身份证号"] = idcard.make("420203", date(1945, 2, 2), 12)
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "改.xlsx", table(people)))
    assert status == 0 and out["errors"] == [] and counts_of(out) == (7, 3, 1, 2, 0, 7)
    assert count_of(db, Member) == 8
