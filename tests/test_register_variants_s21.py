"""Household registers from other offices, round 6 (relief-desk import households FILE [--json]): a
register whose 户编号 the system already holds for another family (each community numbering from
H001: the family in the system was replaced, its members removed, without a word), phone
numbers typed with full-width digits (kept as typed, so the search by phone did not find them), and a
17-digit 户编号 Excel wrote to CSV as "4.20203E+16" (taken as the code); 全劳力 / 全劳动力, the
counterpart of the 半劳力 already read, refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.io import register_template as tpl
from desktop.models import Household, ImportBatch, Member
from desktop.services import households as hs
from desktop.services.database import Database
from tests.district import District
from tests.test_import_register import H1, row
from tests.test_register_variants_s15 import CZQ, families, import_json, messages, table
from tests.test_register_variants_s15 import count as count_of
from tests.test_register_variants_s15 import counts as counts_of
from tests.test_register_variants_s15 import write_csv as csv_file
from tests.test_register_variants_s15 import write_xlsx as xlsx_file


def _another_office_h001() -> list[dict]:
    """Another community's register numbering its one household H001 too: 陈志强 of 八泉社区."""
    head = dict(families()[0])
    head.update({"姓名": "陈志强", "身份证号": CZQ, "社区": "八泉社区", "住址": "八泉社区9栋"})
    return [head]


@pytest.mark.parametrize("dry", [False, True])
def test_a_code_the_system_holds_for_another_family_is_refused(db: Database, district: District, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str], dry: bool) -> None:
    """H001 is 张建国's family of 飞云社区 in the system; a register listing under H001 only people who
    are not of that family replaced it: 张建国 and his family were removed and 陈志强 became the head
    of H001. Now refused on the head's row, naming the family the system holds."""
    assert import_json(db, capsys, xlsx_file(tmp_path / "飞云.xlsx", table(families()[:3])))[0] == 0
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "八泉.xlsx", table(_another_office_h001())),
                              *(["--dry-run"] if dry else []))
    assert status == 1 and counts_of(out) == (1, 1, 0, 0, 1, 0) and out["members_removed"] == 0
    message = messages(out)[(2, "户编号")]
    assert "户编号“H001”在系统中是户主为“张建国”的家庭(飞云社区)" in message and "另一本台账" in message
    with db.session_factory() as s:
        assert set(s.scalars(select(Member.name).join(Household).where(Household.code == "H001"))) == {
            "张建国", "李秀英", "张小明"}
        assert s.scalar(select(Member.id).where(Member.id_number == CZQ)) is None
    assert count_of(db, ImportBatch) == 1


def test_a_code_listing_one_of_its_family_is_still_that_household(db: Database, district: District, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The same code with the spouse kept (the head died, a new partner joined) is an update, as before."""
    assert import_json(db, capsys, xlsx_file(tmp_path / "早.xlsx", table(families()[:3])))[0] == 0
    people = [p for p in families() if p["户编号"] == "H001"]
    spouse = dict(people[1], **{k: v for k, v in people[0].items() if k not in ("与户主关系", "姓名", "身份证号")})
    spouse["与户主关系"] = "本人"
    newcomer = {"户编号": "H001", "与户主关系": "配偶", "姓名": "陈志强", "身份证号": CZQ}
    status, out = import_json(db, capsys, xlsx_file(tmp_path / "改.xlsx", table([spouse, newcomer])))
    assert status == 0 and out["errors"] == [] and (out["households_updated"], out["members_removed"]) == (1, 2)
    with db.session_factory() as s:
        assert s.scalar(select(Household.head_name).where(Household.code == "H001")) == "李秀英"


def test_a_phone_typed_in_full_width_digits_is_found_by_the_phone(db: Database, district: District, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """"１３８０７１４１２３４" (typed with the Chinese input method's full-width digits) was kept as typed:
    the household form refuses it when edited and the search by phone did not find the household."""
    people = families()
    people[0]["联系电话"] = "１３８０７１４１２３４"
    people[3]["联系电话"] = "０７１４－６２２１２３４"
    people[5]["联系电话"] = "—"
    assert import_json(db, capsys, xlsx_file(tmp_path / "台账.xlsx", table(people)))[1]["errors"] == []
    with db.session_factory() as s:
        assert {c: p for c, p in s.execute(select(Household.code, Household.phone))} == {
            "H001": "13807141234", "H002": "0714-6221234", "H003": ""}
    found = hs.list_households(db, district.admin, hs.HouseholdFilter(search="13807141234"))[1]
    assert [r.phone for r in found] == ["13807141234"]


def test_a_code_excel_wrote_in_scientific_notation_is_a_cell_error(db: Database, district: District, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The system's 户编号 42020300100700001 in a CSV Excel saved is "4.20203E+16": H002 was created
    under that code (and two such households read as one with two heads). Now each row is refused in
    户编号 saying the last digits are lost; the other households are imported."""
    people = families()
    for p in people:
        if p["户编号"] == "H002":
            p["户编号"] = "4.20203E+16"
    status, out = import_json(db, capsys, csv_file(tmp_path / "台账.csv", table(people)))
    assert status == 0 and counts_of(out) == (7, 3, 2, 0, 1, 5)
    assert set(messages(out)) == {(5, "户编号"), (6, "户编号")}
    assert "“4.20203E+16”被存成了科学计数法的数字,末尾几位已丢失" in messages(out)[(5, "户编号")]
    with db.session_factory() as s:
        assert sorted(s.scalars(select(Household.code))) == ["H001", "H003"]


@pytest.mark.parametrize(("text", "wanted"), [("全劳动力", "full"), ("全劳力", "full"), ("半劳力", "partial")])
def test_full_labour_as_villages_write_it(text: str, wanted: str) -> None:
    """全劳力 (a full labourer) and 半劳力 (a half one) are the pair villages write; 半劳力 was read,
    全劳力 refused as not a value of 劳动能力."""
    values = {"户编号": "X", "与户主关系": "本人", "姓名": "乙", "身份证号": H1, "劳动能力": text}
    person, errors = tpl.parse_row(3, row(**values), {h: i for i, h in enumerate(tpl.HEADER)})
    assert errors == [] and person is not None and person.labour_capacity == wanted, errors
