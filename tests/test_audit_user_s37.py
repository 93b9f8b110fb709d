"""Session 37: the log's user filter takes the name the log shows as well as the account name: the command
line's entries (account system, shown as 系统) were not found by --user 系统, nor a person's by their name."""
from __future__ import annotations

from desktop.services import audit, regions
from desktop.services.base import Actor
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
    assert audit.list_entries(d.db, d.admin, audit.AuditFilter(username="无此人")) == []
