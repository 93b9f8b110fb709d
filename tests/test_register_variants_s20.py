"""Household registers as community workers fill the template, round 5 (relief-desk import households
FILE [--json]): the disability kinds as the disabled persons' federation abbreviates them (肢残, 智残 …),
grades in Roman numerals without 级 (Ⅱ, III) or as "2.0" from a program's CSV, amounts ending in
元整 or written 零, and amounts in Chinese numerals (壹仟, 一千二百) refused saying to write digits; a
name whose rare character Excel's GBK CSV turned into "?", a person whose 备注 says he died or moved
out, and a member's household value against a head's blank cell."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.io import register_template as tpl
from desktop.models import Household, Income, Member
from desktop.services.database import Database
from tests.district import District
from tests.test_import_register import H1, row
from tests.test_register_variants_s15 import CLH, LXY, families, import_json, messages, table
from tests.test_register_variants_s15 import counts as counts_of
from tests.test_register_variants_s15 import write_csv as csv_file
from tests.test_register_variants_s15 import write_xls as xls_file

COLUMNS = {h: i for i, h in enumerate(tpl.HEADER)}


def parsed(**cells: object) -> tuple[tpl.PersonRow | None, list[tpl.CellError]]:
    values = {"户编号": "X", "与户主关系": "本人", "姓名": "乙", "身份证号": H1, **cells}
    return tpl.parse_row(3, row(**values), COLUMNS)


@pytest.mark.parametrize(("text", "wanted"), [
    ("肢残", "physical"), ("视残", "visual"), ("听残", "hearing"), ("言残", "speech"), ("智残", "intellectual"),
    ("精残", "mental"), ("多残", "multiple"), ("肢残 ", "physical"),
])
def test_disability_kinds_as_the_federation_abbreviates_them(text: str, wanted: str) -> None:
    """肢残, 视残, 听残, 言残, 智残, 精残, 多残: how 残联 lists and the 残疾人证 abbreviate the kinds;
    each names one kind. They were refused as not a value of 残疾类别."""
    person, errors = parsed(残疾类别=text, 残疾等级="二级")
    assert errors == [] and person is not None, errors
    assert (person.disability, person.disability_grade) == (wanted, 2)


@pytest.mark.parametrize(("text", "wanted"), [
    ("Ⅰ", 1), ("Ⅱ", 2), ("Ⅲ", 3), ("Ⅳ", 4), ("II", 2), ("III", 3), ("iv", 4), ("ⅱ", 2), ("2.0", 2), ("1.0", 1),
])
def test_a_grade_in_roman_numerals_or_with_point_zero(text: str, wanted: int) -> None:
    """"Ⅱ级" was read but "Ⅱ" alone refused, though "2" and "二" alone are read; "2.0" (a grade a program
    wrote to CSV from a number column) was refused though the number cell 2.0 is read."""
    person, errors = parsed(残疾类别="肢体", 残疾等级=text)
    assert errors == [] and person is not None, errors
    assert person.disability_grade == wanted


@pytest.mark.parametrize(("text", "wanted"), [
    ("1200元整", Decimal("1200")), ("1,200.00元整", Decimal("1200.00")), ("零", Decimal("0")), ("零元", Decimal("0")),
])
def test_amounts_ending_in_yuan_zheng_or_written_zero(text: str, wanted: Decimal) -> None:
    """"1200元整" (元整 closes an amount on finance forms) and "零" were refused as not an amount."""
    person, errors = parsed(工资性收入=text, 经营净收入=600)
    assert errors == [] and person is not None, errors
    assert person.incomes.get("wages", Decimal("0")) == wanted


@pytest.mark.parametrize("text", ["壹仟", "壹仟元", "一千二百", "一千二百元整", "叁万伍仟", "1千"])
def test_an_amount_in_chinese_numerals_says_to_write_digits(text: str) -> None:
    """"壹仟" got "不是金额(应填写数字,单位元)": a clerk who wrote the capital numerals of a receipt
    takes 壹仟 for a number. The reason now says the amount is in Chinese numerals and asks for digits."""
    person, errors = parsed(工资性收入=text)
    assert person is None and [(e.column, e.row) for e in errors] == [("工资性收入", 3)]
    assert "汉字" in errors[0].message and "阿拉伯数字" in errors[0].message and text in errors[0].message


@pytest.mark.parametrize("text", ["约1200", "1200-1500", "12OO", "1200元/人"])
def test_other_amounts_that_are_no_number_stay_refused_as_before(text: str) -> None:
    person, errors = parsed(工资性收入=text)
    assert person is None and errors[0].message == f"“{text}”不是金额(应填写数字,单位元)"


def _as_a_community_worker_fills_it(wages: object) -> list[dict[str, object]]:
    people = families()
    people[0].update({"与户主关系": "户主", "城乡类别": "城镇", "单亲家庭": "N", "工资性收入": wages, "转移净收入": "1200元整",
                      "医疗支出": "６,０００"})
    people[1].update({"与户主关系": "妻", "残疾类别": "肢残", "残疾等级": "Ⅱ", "医疗支出": "24000.50"})
    people[2].update({"与户主关系": "儿子", "教育支出": ""})
    people[3].update({"城乡类别": "乡村", "单亲家庭": "√", "转移净收入": "2,400元"})
    people[4].update({"与户主关系": "孙子"})
    people[5].update({"经营净收入": "-3,000", "工资性收入": "30000.00"})
    people[6].update({"与户主关系": "母亲", "残疾类别": "视残", "残疾等级": "1.0", "医疗支出": "15000元整"})
    # the head of H001 listed after his wife, H003's head far below its member
    return [people[1], people[0], people[2], people[6], people[3], people[4], people[5]]


def test_a_register_as_a_community_worker_fills_it(db: Database, district: District, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A GBK CSV with the words above: H001 with 壹仟 on its head's row is refused whole, naming the
    cell; the others are imported; the corrected .xls then creates H001 and updates the others."""
    status, out = import_json(db, capsys, csv_file(tmp_path / "台账.csv", table(_as_a_community_worker_fills_it("壹仟"))))
    assert status == 0 and counts_of(out) == (7, 3, 2, 0, 1, 4), out
    assert list(messages(out)) == [(3, "工资性收入")] and "阿拉伯数字" in messages(out)[(3, "工资性收入")]
    assert out["file"] == "台账.csv"
    with db.session_factory() as s:
        assert sorted(s.scalars(select(Household.code))) == ["H002", "H003"]
        chen = s.scalars(select(Member).where(Member.id_number == CLH)).one()
        assert (chen.disability, chen.disability_grade) == ("visual", 1)
    status, out = import_json(db, capsys, xls_file(tmp_path / "台账改.xls", table(_as_a_community_worker_fills_it("1,000"))))
    assert status == 0 and out["errors"] == [] and counts_of(out) == (7, 3, 1, 2, 0, 7), out
    with db.session_factory() as s:
        households = {h.code: h for h in s.scalars(select(Household))}
        assert {c: (h.head_name, h.member_count, h.area_type, h.single_parent) for c, h in households.items()} == {
            "H001": ("张建国", 3, "urban", False), "H002": ("王桂兰", 2, "rural", True),
            "H003": ("陈志强", 2, "urban", False)}
        spouse = s.scalars(select(Member).where(Member.id_number == LXY)).one()
        assert (spouse.relation, spouse.disability, spouse.disability_grade) == ("spouse", "physical", 2)
        lines = {(h.code, i.kind): i.amount for h in households.values()
                 for i in s.scalars(select(Income).where(Income.household_id == h.id))}
        assert lines[("H001", "wages")] == Decimal("1000") and lines[("H001", "transfer")] == Decimal("1200")
        assert lines[("H003", "business")] == Decimal("-3000") and lines[("H002", "transfer")] == Decimal("2400")
        assert s.query(Member).count() == 7


@pytest.mark.parametrize("name", ["张?明", "张？明", "张\ufffd明"])
def test_a_name_with_a_question_mark_lost_a_character(name: str) -> None:
    """Excel's CSV (GBK) writes a rare character of a name (㛃, 𬌗 …) as "?": 张?明 was imported as
    the name. It is refused, saying a character was lost and to check the name in the original."""
    person, errors = parsed(姓名=name)
    assert person is None and [e.column for e in errors] == ["姓名"]
    assert "生僻字" in errors[0].message and name in errors[0].message


@pytest.mark.parametrize("remark", ["已故", "2025年去世", "2025.3死亡", "户口已迁出", "已迁出。", "病故"])
def test_a_person_whose_remark_says_died_or_moved_out_is_no_member(remark: str) -> None:
    """"李四(已故)" in 姓名 is refused (no member, the income per head would count him), but 已故 in
    备注 was imported as a member. The remark now refuses the row the same way."""
    person, errors = parsed(备注=remark)
    assert person is None and [e.column for e in errors] == ["备注"]
    assert "不是家庭成员" in errors[0].message and remark in errors[0].message


@pytest.mark.parametrize("remark", ["丈夫已故", "配偶2025年去世,单亲", "儿子户口已迁出", "已核实", "长期外出务工"])
def test_a_remark_about_someone_else_is_kept(remark: str) -> None:
    person, errors = parsed(备注=remark)
    assert errors == [] and person is not None and person.note == remark


def test_a_members_value_against_a_blank_head_cell_says_the_head_left_it_blank(
        db: Database, district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """特困 on the grandson's row and nothing on the head's: the error said the head's row holds “无”,
    which it does not say; it now says the head's cell is blank and read as 无."""
    people = families()
    people[4]["当前救助类别"], people[3]["当前救助类别"] = "特困", ""
    status, out = import_json(db, capsys, csv_file(tmp_path / "台账.csv", table(people)))
    assert status == 0 and out["households_rejected"] == 1
    assert messages(out) == {(6, "当前救助类别"): "填的是“特困”,户主行(第 5 行)此格未填(按“无”计);"
                                                "户的信息以户主行为准,请把它填在户主行,成员行填相同的值或留空"}


@pytest.mark.parametrize(("column", "text", "attribute", "wanted"), [
    ("劳动能力", "普通劳动力", "labour_capacity", "full"), ("劳动能力", "技能劳动力", "labour_capacity", "full"),
    ("劳动能力", "弱劳动力", "labour_capacity", "partial"), ("劳动能力", "半劳动力", "labour_capacity", "partial"),
    ("劳动能力", "弱劳动力或半劳动力", "labour_capacity", "partial"), ("劳动能力", "半劳力", "labour_capacity", "partial"),
    ("健康状况", "长期慢性病", "health", "chronic"), ("健康状况", "患有大病", "health", "serious"),
    ("在校情况", "非在校生", "schooling", "none"), ("在校情况", "七年级", "schooling", "compulsory"),
    ("在校情况", "一年级", "schooling", "compulsory"), ("在校情况", "初二", "schooling", "compulsory"),
    ("在校情况", "高三", "schooling", "high_school"), ("在校情况", "普通高校", "schooling", "higher"),
])
def test_values_of_the_poverty_monitoring_system_export(column: str, text: str, attribute: str, wanted: str) -> None:
    """Registers pasted from the 防止返贫监测 system's export write its own words: 劳动技能 技能劳动力 /
    普通劳动力 / 弱劳动力或半劳动力, 健康状况 长期慢性病 / 患有大病, 在校生情况 非在校生 and the school
    year (七年级, 高三). Each names one template value; they were refused."""
    person, errors = parsed(**{column: text})
    assert errors == [] and person is not None, errors
    assert getattr(person, attribute) == wanted


@pytest.mark.parametrize(("column", "text"), [("健康状况", "残疾"), ("在校情况", "在校生"), ("劳动能力", "一般")])
def test_words_of_that_export_naming_no_one_value_stay_errors(column: str, text: str) -> None:
    person, errors = parsed(**{column: text})
    assert person is None and [e.column for e in errors] == [column] and "可填:" in errors[0].message


def test_cells_a_system_exported_with_the_text_mark(db: Database, district: District, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A CSV exported with a leading apostrophe to keep numbers as text ('001, '138…, '1200): the
    ID was read, but 户编号 became “'001”, a household apart from 001 (a second one on re-import),
    the phone kept the mark and the amount was refused."""
    people = families()
    for p in people:
        p["户编号"] = "'" + p["户编号"]
        p["身份证号"] = "'" + p["身份证号"]
    people[0].update({"联系电话": "'13807141234", "工资性收入": "'18000"})
    status, out = import_json(db, capsys, csv_file(tmp_path / "导出.csv", table(people)))
    assert status == 0 and out["errors"] == [] and counts_of(out) == (7, 3, 3, 0, 0, 7), out
    with db.session_factory() as s:
        households = {h.code: h for h in s.scalars(select(Household))}
        assert sorted(households) == ["H001", "H002", "H003"]
        assert households["H001"].phone == "13807141234"
        wages = s.scalars(select(Income.amount).where(Income.household_id == households["H001"].id,
                                                       Income.kind == "wages")).one()
        assert wages == Decimal("18000")
    status, out = import_json(db, capsys, csv_file(tmp_path / "台账.csv", table(families())))
    assert status == 0 and counts_of(out) == (7, 3, 0, 3, 0, 7), out


def test_an_unquoted_comma_in_an_amount_of_a_csv_shifts_no_columns(db: Database, district: District, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A CSV written by hand or a small exporter without quotes: 18,000 on 张建国's row split into
    two fields and every column after it moved one to the right (工资性收入 18, 当前救助类别 read
    from 单亲家庭 …); the household was imported without a word. The row now says it has more
    fields than the header, and H001 is not imported."""
    lines = [",".join(str(v) for v in r) for r in table(families())]
    lines[1] = lines[1].replace("18000", "18,000")
    path = tmp_path / "台账.csv"
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    status, out = import_json(db, capsys, path)
    assert status == 0 and counts_of(out) == (7, 3, 2, 0, 1, 4), out
    assert list(messages(out)) == [(2, "")]
    assert "比表头多 1 列" in messages(out)[(2, "")] and "引号" in messages(out)[(2, "")]
    with db.session_factory() as s:
        assert sorted(s.scalars(select(Household.code))) == ["H002", "H003"]


def test_empty_fields_past_the_header_of_a_csv_are_nothing(db: Database, district: District, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    lines = [",".join(str(v) for v in r) + ",," for r in table(families())]
    path = tmp_path / "台账.csv"
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    status, out = import_json(db, capsys, path)
    assert status == 0 and out["errors"] == [] and counts_of(out) == (7, 3, 3, 0, 0, 7), out


@pytest.mark.parametrize("text", ["未办理", "无", "暂无"])
def test_an_id_cell_saying_there_is_no_number_quotes_it(text: str) -> None:
    """A newborn not yet registered: 身份证号 “未办理” was reported as "身份证号为空", which the cell
    is not. The reason now quotes the cell and says why the household waits."""
    person, errors = parsed(身份证号=text)
    assert person is None and [e.column for e in errors] == ["身份证号"]
    assert errors[0].message.startswith(f"身份证号填的是“{text}”,没有号码") and "新生儿" in errors[0].message


def test_a_blank_id_cell_is_still_said_to_be_blank() -> None:
    person, errors = parsed(身份证号="")
    assert person is None and [e.message for e in errors] == ["身份证号为空"]
