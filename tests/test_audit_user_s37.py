"""Session 37: the log's user filter takes the name the log shows as well as the account name: the command
line's entries (account system, shown as 系统) were not found by --user 系统, nor a person's by their name."""
from __future__ import annotations

import pytest

from desktop.services import audit, regions
from desktop.services.base import Actor
from desktop.services.errors import NotFound
from tests.district import District


def test_the_user_filter_takes_the_shown_name(district: District) -> None:
    d = district
    regions.add_region(d.db, Actor.system("IT-PC"), parent_id=d.regions["八泉街道"], name="新建社区")
    by_word = audit.list_entries(d.db, d.admin, audit.AuditFilter(username="系统"))
    assert by_word and {r.username for r in by_word} == {"system"}
    assert [r.id for r in by_word] == [r.id for r in audit.list_entries(d.db, d.admin, audit.AuditFilter(username="system"))]
    admin_name = d.admin.display_name
    mine = audit.list_entries(d.db, d.admin, audit.AuditFilter(username=admin_name))
    assert mine and {r.username for r in mine} == {d.admin.username}
    with pytest.raises(NotFound):  # nobody of that name: said (session 38), not "no entries"
        audit.list_entries(d.db, d.admin, audit.AuditFilter(username="无此人"))


def test_a_household_is_named_by_its_code_not_its_record_number(district: District) -> None:
    from datetime import date

    from desktop.rules import idcard
    from desktop.services import households as hs

    d = district
    hid = hs.create_household(d.db, d.admin, region_id=d.regions["飞云社区"], address="飞云路1号", code="FY-0107",
                              head={"name": "钱七", "id_number": idcard.make("420203", date(1962, 3, 3), 41)})
    hs.save_household(d.db, d.admin, hid, hs.get_household(d.db, d.admin, hid).version, {"address": "飞云路2号"})
    targets = {r.target for r in audit.list_entries(d.db, d.admin, audit.AuditFilter()) if r.household_id == hid}
    assert "家庭 钱七户(户编号 FY-0107)" in targets
    assert all(f"户编号 {hid})" not in t for t in targets)


def test_the_log_names_people_as_people_know_them(district: District) -> None:
    d = district
    regions.add_region(d.db, Actor.system("IT-PC"), parent_id=d.regions["八泉街道"], name="又一社区")
    rows = audit.list_entries(d.db, d.admin, audit.AuditFilter())
    labels = {r.username: r.user_label for r in rows}
    assert labels["system"] == "系统"
    assert labels[d.admin.username] == f"{d.admin.display_name}({d.admin.username})"
