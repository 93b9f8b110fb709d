"""One spelling for names' separator dots and for phone numbers (rules.spelling, migration 0013): every
write keeps it, every search folds what is typed the same way, and the upgrade rewrites the rows kept
before (both databases)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models import Clue, Household, ImportRow, Member
from desktop.rules import idcard
from desktop.rules.codes import SourceLevel
from desktop.rules.spelling import person_name, phone_number, phone_prefix
from desktop.services import clues, database
from desktop.services import department_import as di
from desktop.services import households as hs
from desktop.services import register_import as ri
from desktop.services.clues import ClueFilter, ClueInput
from desktop.services.households import HouseholdFilter
from tests.district import District
from tests.test_cli_database import run
from tests.test_import_register import row, write_register

H1 = idcard.make("420203", date(1970, 1, 1), 11)
H1_WIFE = idcard.make("420203", date(1972, 2, 2), 22)
H2 = idcard.make("420203", date(1950, 4, 4), 45)
H3 = idcard.make("420203", date(1980, 5, 5), 55)
NEW = idcard.make("420203", date(1990, 6, 4), 44)


@pytest.mark.parametrize(("typed", "kept"), [
    ("买买提•吐尔逊", "买买提·吐尔逊"),  # U+2022
    ("玛丽亚．伊万诺娃", "玛丽亚·伊万诺娃"),  # U+FF0E
    ("阿依古丽.艾买提", "阿依古丽·艾买提"),  # ASCII
    ("热依拉・买买提", "热依拉·买买提"),  # U+30FB
    ("热依拉･买买提", "热依拉·买买提"),  # U+FF65
    ("热依拉‧买买提", "热依拉·买买提"),  # U+2027
    ("热依拉∙买买提", "热依拉·买买提"),  # U+2219
    ("阿依古丽。艾买提", "阿依古丽·艾买提"),  # an input method's "。" for the "." key
    ("阿依古丽｡艾买提", "阿依古丽·艾买提"),  # U+FF61
    ("张三。", "张三。"),  # a full stop after the name is no separator
    ("买买提 • 吐尔逊", "买买提·吐尔逊"),  # the spaces around the dot go with it
    ("买买提\u3000·\u3000吐尔逊", "买买提·吐尔逊"),
    ("爱新觉罗·溥仪", "爱新觉罗·溥仪"),  # already so
    ("欧阳娜娜", "欧阳娜娜"),  # an ordinary name is not touched
    ("张 三", "张 三"),  # nor its spaces (the register import takes those out itself)
    ("A.B", "A.B"),  # Latin letters: the dot of an initial is kept
    ("John·Smith", "John·Smith"),
    ("买买提.", "买买提."),  # a dot at either end is no separator
    (".买买提", ".买买提"),
    ("", ""),
])
def test_a_names_separator_dot_is_written_as_the_registry_writes_it(typed: str, kept: str) -> None:
    assert person_name(typed) == kept
    assert person_name(kept) == kept  # once is enough


def test_a_search_also_folds_a_dot_typed_last() -> None:
    assert person_name("买买提.", prefix=True) == "买买提·"
    assert person_name("买买提•吐", prefix=True) == "买买提·吐"
    assert person_name("A.", prefix=True) == "A."


@pytest.mark.parametrize(("typed", "kept"), [
    ("138 0714 1234", "13807141234"),
    ("138-0714-1234", "13807141234"),
    ("１３８０７１４１２３４", "13807141234"),  # full-width
    ("138\u00a00714\u00a01234", "13807141234"),  # no-break spaces
    ("  13807141234 ", "13807141234"),
    ("0714-6251234", "0714-6251234"),  # a landline keeps the hyphen after its area code
    ("07146251234", "0714-6251234"),
    ("0714 625 1234", "0714-6251234"),
    ("(0714)6251234", "0714-6251234"),
    ("（０７１４）６２５１２３４", "0714-6251234"),
    ("0714－62512345", "0714-62512345"),  # eight digits after a four-digit area code
    ("010 1234 5678", "010-12345678"),  # 010 and 02x are three digits
    ("02787654321", "027-87654321"),
    ("625 1234", "6251234"),  # a local number without area code: its digits
    ("+86 138 0714 1234", "13807141234"),  # China's country code before a mobile
    ("0086-13807141234", "13807141234"),
    ("+86 0714 6251234", "+86 0714 6251234"),  # anything else is kept as typed
    ("+852 9123 4567", "+852 9123 4567"),
    ("0714-6251234转801", "0714-6251234转801"),
    ("13807141234 13907141234", "13807141234 13907141234"),  # two numbers are not run together
    ("138 0714 123", "138 0714 123"),  # one digit short: no number we know
    ("", ""),
])
def test_a_phone_number_is_kept_in_one_spelling(typed: str, kept: str) -> None:
    assert phone_number(typed) == kept
    assert phone_number(kept) == kept


@pytest.mark.parametrize(("typed", "prefix"), [
    ("13807141234", "13807141234"), ("138 0714", "1380714"), ("07146251234", "0714-6251234"),
    ("0714625", "0714-625"), ("0714", "0714"), ("010-1234", "010-1234"), ("6251234", "6251234"),
])
def test_what_a_phone_search_compares(typed: str, prefix: str) -> None:
    assert phone_prefix(typed) == prefix


def _register(tmp_path: Path) -> Path:
    return write_register(tmp_path / "台账.xlsx", [
        row(户编号="M001", 与户主关系="本人", 姓名="买买提•吐尔逊", 身份证号=H1, 街道="八泉街道", 社区="飞云社区",
            住址="飞云社区3栋", 联系电话="138 0714 1234", 城乡类别="城市", 当前救助类别="无", 监测库别="一类库"),
        row(户编号="M001", 与户主关系="配偶", 姓名="玛丽亚．伊万诺娃", 身份证号=H1_WIFE, 联系电话="139-0714-0000"),
        row(户编号="M002", 与户主关系="本人", 姓名="阿依古丽.艾买提", 身份证号=H2, 街道="河口镇", 社区="道仕袱村",
            住址="道仕袱村2组", 联系电话="0714 6251234", 城乡类别="农村", 当前救助类别="无", 监测库别="无"),
    ])


def _found(district: District, search: str, mode: str = "auto") -> list[str]:
    total, rows = hs.list_households(district.db, district.admin, HouseholdFilter(search=search, search_mode=mode))
    assert total == len(rows)
    return [r.head_name for r in rows]


def test_the_register_import_keeps_one_spelling_and_the_search_finds_every_one(district: District,
                                                                               tmp_path: Path) -> None:
    result = ri.import_households(district.db, district.admin, _register(tmp_path))
    assert (result.households_created, result.persons, result.errors) == (2, 3, [])
    with district.db.session_factory() as s:
        people = {m.id_number: (m.name, m.phone) for m in s.scalars(select(Member))}
        homes = {h.head_id_number: (h.head_name, h.phone) for h in s.scalars(select(Household))}
    assert people == {H1: ("买买提·吐尔逊", "13807141234"), H1_WIFE: ("玛丽亚·伊万诺娃", "13907140000"),
                      H2: ("阿依古丽·艾买提", "0714-6251234")}
    assert homes == {H1: ("买买提·吐尔逊", "13807141234"), H2: ("阿依古丽·艾买提", "0714-6251234")}
    for typed in ("买买提·吐尔逊", "买买提•吐尔逊", "买买提.吐尔逊", "买买提．吐", "买买提・", "买买提 · 吐尔逊", "买买提"):
        assert _found(district, typed) == ["买买提·吐尔逊"], typed
    for typed in ("阿依古丽.艾买提", "阿依古丽‧艾买提", "阿依古丽∙艾"):
        assert _found(district, typed) == ["阿依古丽·艾买提"], typed
    for typed in ("13807141234", "138 0714 1234", "138-0714-1234", "1380714", "１３８０７１４１２３４"):
        assert _found(district, typed) == ["买买提·吐尔逊"], typed
    for typed in ("07146251234", "0714-6251234", "0714 6251234", "0714625"):
        assert _found(district, typed) == ["阿依古丽·艾买提"], typed
    assert _found(district, "0714", mode="phone") == ["阿依古丽·艾买提"]
    # importing the same people again with the registry's spelling changes nothing
    again = ri.import_households(district.db, district.admin, write_register(tmp_path / "again.xlsx", [
        row(户编号="M001", 与户主关系="本人", 姓名="买买提·吐尔逊", 身份证号=H1, 街道="八泉街道", 社区="飞云社区",
            联系电话="13807141234", 城乡类别="城市")]))
    assert again.errors == []
    with district.db.session_factory() as s:
        assert s.scalar(select(Household.head_name).where(Household.head_id_number == H1)) == "买买提·吐尔逊"


def test_the_household_and_member_forms_keep_one_spelling(district: District) -> None:
    db, admin = district.db, district.admin
    hid = hs.create_household(db, admin, region_id=district.regions["飞云社区"], address="飞云社区5栋",
                              phone="(0714) 625 1234", head={"name": "热依拉・买买提", "id_number": H3})
    with db.session_factory() as s:
        h = s.get(Household, hid)
        assert (h.head_name, h.phone) == ("热依拉·买买提", "0714-6251234")
        version = h.version
    version = hs.save_household(db, admin, hid, version, {"phone": "138 0714 5678"})
    _, version = hs.add_member(db, admin, hid, version, {"name": "古丽∙热依拉", "id_number": NEW, "relation": "child",
                                                         "phone": "139-0714-5678"})
    with db.session_factory() as s:
        assert s.get(Household, hid).phone == "13807145678"
        assert s.scalar(select(Member.phone).where(Member.id_number == NEW)) == "13907145678"
        assert s.scalar(select(Member.name).where(Member.id_number == NEW)) == "古丽·热依拉"
    assert _found(district, "热依拉.买买提") == ["热依拉·买买提"]
    assert _found(district, "13807145678") == ["热依拉·买买提"]


def test_the_clue_form_and_clue_add_keep_one_spelling(district: District,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = district.db
    clue_id = clues.add_clue(db, district.admin, ClueInput(
        source_level=SourceLevel.INFORMANT, source="building_head", reported_on=date.today() - timedelta(days=1),
        description="独居", person_name="买买提•吐尔逊", phone="138 0714 1234"))
    url = db.url.render_as_string(hide_password=False)
    code, out, err = run(["--database-url", url, "clue", "add", "--name", "玛丽亚．伊万诺娃", "--phone",
                          "0714 6251234", "--source", "grid", "--description", "失业"], capsys)
    assert code == 0 and out == f"已登记线索 #{clue_id + 1}。\n", err
    with db.session_factory() as s:
        kept = [(c.person_name, c.phone) for c in s.scalars(select(Clue).order_by(Clue.id))]
    assert kept == [("买买提·吐尔逊", "13807141234"), ("玛丽亚·伊万诺娃", "0714-6251234")]
    for typed in ("买买提.吐尔逊", "买买提・吐", "买买提·"):
        assert [c.id for c in clues.list_clues(db, district.admin, ClueFilter(text=typed))] == [clue_id], typed


def test_a_department_lists_names_and_phones_are_kept_in_the_registrys_spelling(district: District,
                                                                                tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text("姓名,身份证号码,联系电话\r\n"
                    f"买买提•吐尔逊,{NEW},138 0714 1234\r\n"
                    f"阿依古丽.艾买提,{H3},0714 6251234\r\n", encoding="utf-8-sig")
    result = di.import_department_list(district.db, district.admin, path, "人社")
    assert (result.data_rows, result.valid) == (2, 2)
    with district.db.session_factory() as s:
        rows = [r.name for r in s.scalars(select(ImportRow).order_by(ImportRow.row_number))]
        kept = {c.id_number: (c.person_name, c.phone) for c in s.scalars(select(Clue))}
    assert rows == ["买买提·吐尔逊", "阿依古丽·艾买提"]
    assert kept == {NEW: ("买买提·吐尔逊", "13807141234"), H3: ("阿依古丽·艾买提", "0714-6251234")}


def test_the_upgrade_rewrites_the_names_and_phones_kept_before(district: District) -> None:
    """Rows kept as typed under 0012 are rewritten by 0013; the ones already so written, and what is no
    phone we know, are left alone."""
    db = district.db
    database.downgrade(db, "0012")
    try:
        assert database.current_revision(db) == "0012"
        region = district.regions["飞云社区"]
        with db.session_factory() as s:
            typed = [("买买提•吐尔逊", H1, "138 0714 1234"), ("欧阳娜娜", H2, "07146251234"),
                     ("A.B", H3, "+852 9123 4567")]
            for name, number, phone in typed:
                h = Household(region_id=region, head_name=name, head_id_number=number, head_id_reversed=number[::-1],
                              member_count=1, phone=phone)
                s.add(h)
                s.flush()
                s.add(Member(household_id=h.id, name=name, id_number=number, id_reversed=number[::-1], phone=phone))
            s.add(Member(household_id=h.id, name="玛丽亚．伊万诺娃", id_number=NEW, id_reversed=NEW[::-1],
                         relation="spouse", phone="139-0714-0000"))
            s.add(Clue(person_name="热依拉・买买提", phone="１３８０７１４９９９９", source_level="informant",
                       source="grid", reported_on=date.today()))
            s.commit()
        assert database.migrate(db) is not None
        assert database.current_revision(db) == database.head_revision()
        with db.session_factory() as s:
            homes = {h.head_id_number: (h.head_name, h.phone) for h in s.scalars(select(Household))}
            people = {m.id_number: (m.name, m.phone) for m in s.scalars(select(Member))}
            clue = s.scalars(select(Clue)).one()
        assert homes == {H1: ("买买提·吐尔逊", "13807141234"), H2: ("欧阳娜娜", "0714-6251234"),
                         H3: ("A.B", "+852 9123 4567")}
        assert people == {**homes, NEW: ("玛丽亚·伊万诺娃", "13907140000")}
        assert (clue.person_name, clue.phone) == ("热依拉·买买提", "13807149999")
        assert _found(district, "买买提.吐尔逊") == ["买买提·吐尔逊"]
        assert _found(district, "07146251234") == ["欧阳娜娜"]
    finally:
        database.migrate(db)


def test_the_upgrade_rewrites_names_kept_with_an_ideographic_full_stop(district: District) -> None:
    """A database already at 0013 kept 阿依古丽。艾买提 as typed; 0014 writes it with "·" so the search finds it.
    A full stop after a name is left alone."""
    db = district.db
    database.downgrade(db, "0013")
    try:
        region = district.regions["飞云社区"]
        with db.session_factory() as s:
            h = Household(region_id=region, head_name="阿依古丽。艾买提", head_id_number=H1, head_id_reversed=H1[::-1],
                          member_count=2)
            s.add(h)
            s.flush()
            s.add(Member(household_id=h.id, name="阿依古丽。艾买提", id_number=H1, id_reversed=H1[::-1]))
            s.add(Member(household_id=h.id, name="张三。", id_number=H2, id_reversed=H2[::-1], relation="child"))
            s.add(Clue(person_name="热依拉｡买买提", source_level="informant", source="grid", reported_on=date.today()))
            s.commit()
        assert database.migrate(db) is not None
        assert database.current_revision(db) == database.head_revision()
        with db.session_factory() as s:
            assert s.scalars(select(Household.head_name)).all() == ["阿依古丽·艾买提"]
            assert sorted(s.scalars(select(Member.name))) == ["张三。", "阿依古丽·艾买提"]
            assert s.scalars(select(Clue.person_name)).all() == ["热依拉·买买提"]
        assert _found(district, "阿依古丽。艾") == ["阿依古丽·艾买提"]
    finally:
        database.migrate(db)


def test_the_board_search_reads_a_phone_typed_with_hyphens(district: District, tmp_path: Path) -> None:
    """The monitoring board took "138-0714" for a name (it only dropped spaces): M001 is in 一类库."""
    from desktop.services import monitoring

    ri.import_households(district.db, district.admin, _register(tmp_path))
    for typed in ("138-0714", "138 0714 1234", "13807141234", "买买提.吐"):
        cards = monitoring.column_page(district.db, district.admin, "class_1", monitoring.BoardFilter(search=typed))
        assert [card.head_name for card in cards] == ["买买提·吐尔逊"], typed
