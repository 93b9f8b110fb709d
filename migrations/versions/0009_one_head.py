"""one head: the database refuses a second head (本人) in a household

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

A household has one head: the member whose relation is 'self' (rules.codes.Relation). The services
keep it so (households.change_head, the register import), but two workstations on one shared
database, or a bug, could leave two. A partial unique index on members(household_id) WHERE
relation = 'self' now makes the database refuse a second head, whatever writes.

A household that has two heads or more already is put right first. The head kept is the one the
program shows as the head: the household's own copy of its head (head_id_number, kept by
households._sync_head), which the household list, the detail's title, the applications and the
reports show; should none of the heads be that one, the first registered (lowest id). The others
become 其他 ('other'), for a caseworker to correct. Each member changed is in the audit log (操作日志,
"升级时更正重复户主", among 家庭档案, and in the household's history), and a warning in the
program's log says how many. A household without a head is left as it is: the index allows it, and
only a person can tell who its head is.
"""

from __future__ import annotations

import logging
import socket
from datetime import UTC, datetime
from itertools import groupby

import sqlalchemy as sa
from alembic import op

import desktop.models.base

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

INDEX = "uq_members_household_head"
HEAD = "self"
DEMOTED = "other"
ACTION = "member.heads_repair"

log = logging.getLogger("relief_desk.migrations")

AUDIT = sa.table(
    "audit_log",
    sa.column("at", desktop.models.base.UTCDateTime()), sa.column("user_id", sa.Integer()),
    sa.column("username", sa.String()), sa.column("workstation", sa.String()), sa.column("action", sa.String()),
    sa.column("entity", sa.String()), sa.column("entity_id", sa.Integer()), sa.column("household_id", sa.Integer()),
    sa.column("before", sa.JSON()), sa.column("after", sa.JSON()), sa.column("detail", sa.Text()),
)


def _workstation() -> str:
    try:
        return socket.gethostname()[:128]
    except OSError:
        return ""


def repair_heads(bind: sa.Connection) -> tuple[int, int]:
    """Leave one head in each household that has several. Returns (households, members changed)."""
    rows = bind.execute(sa.text(
        "SELECT m.household_id, m.id, m.name, m.id_number, m.version, h.code, h.head_id_number "
        "FROM members m JOIN households h ON h.id = m.household_id "
        "WHERE m.relation = :head AND m.household_id IN (SELECT household_id FROM members WHERE relation = :head "
        "GROUP BY household_id HAVING count(*) > 1) ORDER BY m.household_id, m.id"), {"head": HEAD}).all()
    now = datetime.now(UTC)
    station = _workstation()
    demoted: list[dict] = []
    households: list[dict] = []
    entries: list[dict] = []
    for hid, group in groupby(rows, key=lambda r: r.household_id):
        heads = list(group)
        shown = heads[0].head_id_number
        kept = next((m for m in heads if m.id_number == shown), heads[0])
        where = f"户编号 {heads[0].code} " if heads[0].code else f"编号 {hid} 的家庭"
        names = "、".join(m.name for m in heads)
        households.append({"hid": hid, "name": kept.name, "number": kept.id_number,
                           "reversed": kept.id_number[::-1]})
        for m in heads:
            if m is kept:
                continue
            demoted.append({"mid": m.id})
            entries.append({
                "at": now, "user_id": None, "username": "system", "workstation": station, "action": ACTION,
                "entity": "members", "entity_id": m.id, "household_id": hid,
                "before": {"name": m.name, "relation": HEAD, "version": m.version},
                "after": {"name": m.name, "relation": DEMOTED, "version": m.version + 1},
                "detail": f"数据库升级(一户只能有一位户主):{where}有 {len(heads)} 位“本人”({names}),"
                          f"保留户主列表显示的 {kept.name} 为户主,{m.name} 的与户主关系改为“其他”;"
                          "请核对后在家庭档案中改为正确的关系",
            })
    if not demoted:
        return 0, 0
    bind.execute(sa.text("UPDATE members SET relation = :other, version = version + 1 WHERE id = :mid")
                 .bindparams(other=DEMOTED), demoted)
    # The household's copy of its head, already the one kept unless none of the heads was it.
    bind.execute(sa.text("UPDATE households SET version = version + 1, head_name = :name, head_id_number = :number, "
                         "head_id_reversed = :reversed WHERE id = :hid"), households)
    bind.execute(AUDIT.insert(), entries)
    return len(households), len(demoted)


def upgrade() -> None:
    bind = op.get_bind()
    repaired, changed = repair_heads(bind)
    if repaired:
        log.warning("数据库升级 0009:%d 户有不止一位户主(与户主关系为“本人”),各保留户主列表显示的一位,"
                    "其余 %d 人的与户主关系改为“其他”;逐人记录见 系统设置 → 操作日志(升级时更正重复户主)",
                    repaired, changed)
    # A first revision regenerated from the models (scripts/regen_initial_migration.py) has the index.
    if INDEX not in {i["name"] for i in sa.inspect(bind).get_indexes("members")}:
        op.create_index(INDEX, "members", ["household_id"], unique=True,
                        sqlite_where=sa.text(f"relation = '{HEAD}'"), postgresql_where=sa.text(f"relation = '{HEAD}'"))


def downgrade() -> None:
    # The relations changed by the upgrade stay changed (the audit log says what they were).
    op.drop_index(INDEX, table_name="members")
