"""One head of household (户主) at all times, and 更换户主 (both databases).

A member's 与户主关系 was edited like any field: the head set to 子女 left a household with no
head (an empty name in the list, nothing to find it by the head's ID, "—" as the detail's title),
and the only way to change the head was to go through that state."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from desktop.models import AuditEntry, Household, Member
from desktop.rules import idcard
from desktop.rules.codes import Relation, Role, relation_after_head_change
from desktop.services import assessment, policy
from desktop.services import households as hs
from desktop.services.errors import ConflictError, PermissionDenied, ValidationFailed
from tests.district import District

FATHER = idcard.make("420203", date(1970, 1, 1), 13)
MOTHER = idcard.make("420203", date(1972, 3, 4), 22)
SON = idcard.make("420203", date(1996, 5, 6), 31)
DAUGHTER = idcard.make("420203", date(2001, 7, 8), 42)


@pytest.fixture
def family(district: District) -> dict[str, int]:
    """张父 (head), his wife, son and daughter in 飞云社区; the member ids by name, and "household"."""
    db, admin = district.db, district.admin
    hid = hs.create_household(db, admin, region_id=district.regions["飞云社区"], address="飞云路9号",
                              head={"name": "张父", "id_number": FATHER})
    version = hs.get_household(db, admin, hid).version
    for name, number, relation in (("张母", MOTHER, Relation.SPOUSE), ("张子", SON, Relation.CHILD),
                                   ("张女", DAUGHTER, Relation.CHILD)):
        _mid, version = hs.add_member(db, admin, hid, version, {"name": name, "id_number": number, "relation": relation})
    ids = {m.name: m.id for m in hs.get_household(db, admin, hid).members}
    return {"household": hid, **ids}


def _state(d: District, hid: int) -> tuple:
    """What a refused change must leave as it was: versions, relations and the household's head columns."""
    with d.db.session_factory() as s:
        h = s.get(Household, hid)
        members = tuple(s.execute(select(Member.name, Member.relation, Member.version).where(Member.household_id == hid)
                                  .order_by(Member.id)))
        return h.version, h.head_name, h.head_id_number, h.member_count, members


def _relations(d: District, hid: int) -> dict[str, str]:
    return {m.name: m.relation for m in hs.get_household(d.db, d.admin, hid).members}


def test_the_heads_relation_is_not_edited_away(district: District, family: dict[str, int]) -> None:
    db, admin, hid = district.db, district.admin, family["household"]
    d = hs.get_household(db, admin, hid)
    head = next(m for m in d.members if m.relation == Relation.SELF)
    before = _state(district, hid)
    with pytest.raises(ValidationFailed) as err:
        hs.update_member(db, admin, head.id, head.version, {"relation": Relation.PARENT}, household_version=d.version)
    assert err.value.problems["relation"] == hs.head_relation_kept("张父")
    assert "更换户主" in err.value.message
    assert _state(district, hid) == before
    # other fields of the head are still edited as before
    hs.update_member(db, admin, head.id, head.version, {"phone": "13800009999"}, household_version=d.version)
    assert hs.get_household(db, admin, hid).head_name == "张父"


def test_a_second_head_is_refused_naming_the_way_to_change_it(district: District, family: dict[str, int]) -> None:
    db, admin, hid = district.db, district.admin, family["household"]
    d = hs.get_household(db, admin, hid)
    son = next(m for m in d.members if m.name == "张子")
    before = _state(district, hid)
    with pytest.raises(ValidationFailed) as err:
        hs.update_member(db, admin, son.id, son.version, {"relation": Relation.SELF}, household_version=d.version)
    assert err.value.problems["relation"] == hs.second_head("张父") and "更换户主" in err.value.message
    with pytest.raises(ValidationFailed) as err:
        hs.add_member(db, admin, hid, d.version, {"name": "张二", "relation": Relation.SELF,
                                                  "id_number": idcard.make("420203", date(1999, 1, 1), 51)})
    assert err.value.problems["relation"] == hs.second_head("张父")
    assert _state(district, hid) == before


def test_change_head_in_one_step_with_the_others_relations(district: District, family: dict[str, int]) -> None:
    db, admin, hid = district.db, district.admin, family["household"]
    d = hs.get_household(db, admin, hid)
    versions = {m.name: m.version for m in d.members}
    version = hs.change_head(db, admin, hid, d.version, family["张子"], Relation.PARENT,
                             {family["张母"]: Relation.PARENT, family["张女"]: Relation.SIBLING})
    assert _relations(district, hid) == {"张子": "self", "张父": "parent", "张母": "parent", "张女": "sibling"}
    d = hs.get_household(db, admin, hid)
    assert (d.version, d.head_name, d.head_id_display, d.member_count) == (version, "张子", SON, 4)
    assert hs.count_households(db, admin, hs.HouseholdFilter(search=SON)) == 1
    assert hs.list_households(db, admin, hs.HouseholdFilter(search="张子"))[1][0].id == hid
    assert {m.name: m.version for m in d.members} == {name: v + 1 for name, v in versions.items()}
    with db.session_factory() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.household_id == hid, AuditEntry.id > 0)
                            .where(AuditEntry.action.in_(["household.change_head", "member.update"]))
                            .order_by(AuditEntry.id)).all()
    assert [e.action for e in entries] == ["household.change_head"] + ["member.update"] * 4
    assert entries[0].before["head_name"] == "张父" and entries[0].after["head_name"] == "张子"
    assert all(e.detail == "更换户主:张父 → 张子" and e.username == admin.username for e in entries)
    # the household's history reads it in words
    history = [(e.title, e.detail) for e in d.audit]
    assert ("更换户主", "户主姓名:张父 → 张子;户主身份证号:" f"{idcard.mask(FATHER)} → {idcard.mask(SON)}") in history
    assert ("修改成员", "与户主关系:配偶 → 父母") in history
    # the former head is a member like the others now, and can be removed
    father = next(m for m in d.members if m.name == "张父")
    hs.remove_member(db, admin, father.id, father.version, household_version=d.version)
    assert hs.get_household(db, admin, hid).member_count == 3


def test_members_not_given_keep_their_relation(district: District, family: dict[str, int]) -> None:
    db, admin, hid = district.db, district.admin, family["household"]
    d = hs.get_household(db, admin, hid)
    hs.change_head(db, admin, hid, d.version, family["张母"], Relation.SPOUSE)
    assert _relations(district, hid) == {"张母": "self", "张父": "spouse", "张子": "child", "张女": "child"}
    with db.session_factory() as s:  # only the two whose relation changed are logged as changed
        changed = s.scalars(select(AuditEntry.entity_id).where(AuditEntry.household_id == hid,
                                                               AuditEntry.detail == "更换户主:张父 → 张母",
                                                               AuditEntry.action == "member.update")).all()
    assert sorted(changed) == sorted([family["张父"], family["张母"]])


def test_change_head_refusals_write_nothing(district: District, family: dict[str, int]) -> None:
    db, admin, hid = district.db, district.admin, family["household"]
    other = hs.create_household(db, admin, region_id=district.regions["飞云社区"], address="飞云路10号",
                                head={"name": "李四", "id_number": "11010519491231002X"})
    stranger = hs.get_household(db, admin, other).members[0].id
    version = hs.get_household(db, admin, hid).version
    before = _state(district, hid)
    cases = [
        ((stranger, Relation.CHILD), {}, "不是本户成员"),
        ((family["张父"], Relation.CHILD), {}, "张父 已是户主"),
        ((family["张子"], None), {}, "请选择原户主 张父 与新户主的关系"),
        ((family["张子"], ""), {}, "请选择原户主 张父 与新户主的关系"),
        ((family["张子"], Relation.SELF), {}, "原户主 张父 的“与户主关系”不能是“本人”"),
        ((family["张子"], "uncle"), {}, "原户主 张父 的“与户主关系”“uncle”无效"),
        ((family["张子"], Relation.PARENT), {family["张女"]: Relation.SELF}, "张女 的“与户主关系”不能是“本人”"),
        ((family["张子"], Relation.PARENT), {stranger: Relation.CHILD}, f"成员(编号 {stranger})不是本户成员"),
    ]
    for (new_head, old_relation), relations, message in cases:
        with pytest.raises(ValidationFailed) as err:
            hs.change_head(db, admin, hid, version, new_head, old_relation, relations)
        assert message in err.value.message, (message, err.value.message)
        assert _state(district, hid) == before
    with pytest.raises(ConflictError):
        hs.change_head(db, admin, hid, version - 1, family["张子"], Relation.PARENT)
    # a community worker of another community cannot change the head; of this one, can
    with pytest.raises(PermissionDenied):
        hs.change_head(db, _worker_elsewhere(district), hid, version, family["张子"], Relation.PARENT)
    assert _state(district, hid) == before
    hs.change_head(db, district.actor(Role.COMMUNITY_WORKER), hid, version, family["张子"], Relation.PARENT)
    assert hs.get_household(db, admin, hid).head_name == "张子"


def _worker_elsewhere(d: District):  # noqa: ANN202
    from desktop.services import auth

    auth.add_user(d.db, d.admin, username="bq", password="secret123", role=Role.COMMUNITY_WORKER,
                  region_id=d.regions["八泉社区"], display_name="八泉社工")
    return auth.login(d.db, "bq", "secret123")


def test_a_household_left_without_a_head_gets_one(district: District, family: dict[str, int]) -> None:
    """Households the old editor left headless: a head is chosen with no former head to place."""
    db, admin, hid = district.db, district.admin, family["household"]
    with db.engine.begin() as conn:
        conn.execute(update(Member).where(Member.id == family["张父"]).values(relation=Relation.OTHER))
        conn.execute(update(Household).where(Household.id == hid).values(head_name="", head_id_number=None))
    version = hs.get_household(db, admin, hid).version
    version = hs.change_head(db, admin, hid, version, family["张父"], None)
    d = hs.get_household(db, admin, hid)
    assert (d.version, d.head_name, _relations(district, hid)["张父"]) == (version, "张父", "self")


def test_the_means_test_is_the_same_after_a_head_change(district: District, family: dict[str, int]) -> None:
    """Per-capita income counts members, not relations; the single-parent flag is the household's."""
    db, admin, hid = district.db, district.admin, family["household"]
    policy.seed_default_policy(db)
    d = hs.get_household(db, admin, hid)
    version = hs.save_household(db, admin, hid, d.version, {"single_parent": True})
    _line, version = hs.add_income(db, admin, hid, version, {"member_id": family["张父"], "kind": "wages",
                                                             "amount": "19200", "period_end": date(2026, 1, 31)})
    on = date(2026, 3, 1)
    inputs = assessment.load_household(db, admin, hid)
    before = assessment.preview(db, admin, hid, inputs.facts(), on).result
    hs.change_head(db, admin, hid, version, family["张女"], Relation.PARENT,
                   {family["张母"]: Relation.PARENT, family["张子"]: Relation.SIBLING})
    inputs = assessment.load_household(db, admin, hid)
    after = assessment.preview(db, admin, hid, inputs.facts(), on).result
    assert inputs.head_name == "张女" and inputs.members[0].name == "张女" and inputs.single_parent
    assert (after.members, after.per_capita_monthly, after.category) == (before.members, before.per_capita_monthly,
                                                                         before.category)
    assert after.members == 4 and after.per_capita_monthly < Decimal("400")
    # the income line stays with its member (the former head)
    assert [i.member_id for i in inputs.incomes] == [family["张父"]]


@pytest.mark.parametrize(("new_head_was", "was", "becomes"), [
    (Relation.CHILD, Relation.SELF, Relation.PARENT),
    (Relation.CHILD, Relation.SPOUSE, Relation.PARENT),
    (Relation.CHILD, Relation.CHILD, Relation.SIBLING),
    (Relation.CHILD, Relation.GRANDCHILD, None),  # a child or a nephew of the new head: the user says
    (Relation.SPOUSE, Relation.SELF, Relation.SPOUSE),
    (Relation.SPOUSE, Relation.CHILD, Relation.CHILD),
    (Relation.PARENT, Relation.SELF, Relation.CHILD),
    (Relation.PARENT, Relation.CHILD, Relation.GRANDCHILD),
    (Relation.OTHER, Relation.CHILD, None),
])
def test_suggested_relations_after_a_head_change(new_head_was: str, was: str, becomes: str | None) -> None:
    assert relation_after_head_change(new_head_was, was) == becomes


def test_one_spouse_as_the_register_import_requires(district: District, family: dict[str, int]) -> None:
    """The register refused a second 配偶 (a daughter-in-law typed as 配偶); the member form took it."""
    db, admin, hid = district.db, district.admin, family["household"]
    d = hs.get_household(db, admin, hid)
    son = next(m for m in d.members if m.name == "张子")
    before = _state(district, hid)
    with pytest.raises(ValidationFailed) as err:
        hs.update_member(db, admin, son.id, son.version, {"relation": Relation.SPOUSE}, household_version=d.version)
    assert err.value.problems["relation"] == "本户已有配偶 张母;一户只能有一位配偶,请核对与户主关系(如儿媳填“子女”)"
    with pytest.raises(ValidationFailed):
        hs.add_member(db, admin, hid, d.version, {"name": "儿媳", "relation": Relation.SPOUSE,
                                                  "id_number": idcard.make("420203", date(1997, 1, 1), 62)})
    # a head change that would leave two: the former head as the new head's spouse, the mother kept as one
    with pytest.raises(ValidationFailed) as err:
        hs.change_head(db, admin, hid, d.version, family["张子"], Relation.SPOUSE)
    assert "更换后本户将有 2 位配偶(张父、张母)" in err.value.message
    assert _state(district, hid) == before
