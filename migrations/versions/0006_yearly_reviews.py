"""yearly reviews: every approval paid monthly is reviewed, on the regular track too

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

RULES.md §1.5: "Review yearly (every six months where income is irregular)". The periodic re-check
was scheduled for commitment-track approvals only. Each running regular-track approval paid
monthly (not 临时救助, a one-off payment) gets its review, due on the first anniversary of the
decision that falls on or after the upgrade: reviews before it, if any, were kept outside the program.

临时救助 is paid once from now on (it was paid each month and kept the family in 救助中, where nothing
could take it out again). A family in 救助中 under 临时救助 alone goes to 一类库, to go on being watched,
with a library move saying why.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import sqlalchemy as sa
from alembic import op

import desktop.models.base
from desktop.rules.procedure import PERIODIC_CHECK_MONTHS, add_months

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

NOTE = f"每{PERIODIC_CHECK_MONTHS}个月定期复核"
ONE_OFF_REASON = "临时救助改为一次性发放(程序升级),家庭转入一类库继续监测"


def next_review(decided_on: date, today: date) -> date:
    due = add_months(decided_on, PERIODIC_CHECK_MONTHS)
    years = 1
    while due < today:
        years += 1
        due = add_months(decided_on, PERIODIC_CHECK_MONTHS * years)
    return due


def _one_off_families_back_to_class_1(conn: sa.Connection, now: datetime) -> None:
    from desktop.rules.monitoring import due_after_move

    today = now.date()
    families = conn.execute(sa.text(
        "SELECT h.id, h.last_visited_on, h.next_visit_due, h.stage_since FROM households h "
        "WHERE h.stage = 'assisted' AND h.category = 'temporary' AND NOT EXISTS (SELECT 1 FROM applications a "
        "WHERE a.household_id = h.id AND a.status = 'approved' AND a.category <> 'temporary' "
        "AND (a.stopped_on IS NULL OR a.exit_stage IS NOT NULL))")).all()
    moves = sa.table("library_moves", sa.column("household_id", sa.Integer), sa.column("from_stage", sa.String),
                     sa.column("to_stage", sa.String), sa.column("moved_on", sa.Date), sa.column("reason", sa.Text),
                     sa.column("created_at", desktop.models.base.UTCDateTime()))
    households = sa.table("households", sa.column("id", sa.Integer), sa.column("stage", sa.String),
                          sa.column("category", sa.String), sa.column("stage_since", sa.Date),
                          sa.column("next_visit_due", sa.Date), sa.column("version", sa.Integer),
                          sa.column("updated_at", desktop.models.base.UTCDateTime()))
    for hid, last_visited, due, since in families:
        last_visited, due, since = (_as_date(v) for v in (last_visited, due, since))
        conn.execute(households.update().where(households.c.id == hid).values(
            stage="class_1", category="none", stage_since=today, version=households.c.version + 1, updated_at=now,
            next_visit_due=due_after_move("assisted", "class_1", last_visited, due, since, today)))
        conn.execute(moves.insert(), {"household_id": hid, "from_stage": "assisted", "to_stage": "class_1",
                                      "moved_on": today, "reason": ONE_OFF_REASON, "created_at": now})


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value  # type: ignore[return-value]
    return date.fromisoformat(str(value)[:10])


def upgrade() -> None:
    conn = op.get_bind()
    now = datetime.now(timezone.utc)
    _one_off_families_back_to_class_1(conn, now)
    running = conn.execute(sa.text(
        "SELECT a.id, a.decided_on FROM applications a WHERE a.status = 'approved' AND a.stopped_on IS NULL "
        "AND a.category <> 'temporary' AND a.decided_on IS NOT NULL AND NOT EXISTS ("
        "SELECT 1 FROM post_checks p WHERE p.application_id = a.id AND p.kind = 'periodic')")).all()
    if not running:
        return
    post_checks = sa.table(
        "post_checks", sa.column("application_id", sa.Integer), sa.column("kind", sa.String),
        sa.column("due_on", sa.Date), sa.column("note", sa.Text), sa.column("version", sa.Integer),
        sa.column("created_at", desktop.models.base.UTCDateTime()),
        sa.column("updated_at", desktop.models.base.UTCDateTime()))
    today = now.date()
    conn.execute(post_checks.insert(), [
        {"application_id": app_id, "kind": "periodic",
         "due_on": next_review(_as_date(decided), today),  # type: ignore[arg-type]
         "note": NOTE, "version": 1, "created_at": now, "updated_at": now}
        for app_id, decided in running])


def downgrade() -> None:
    """The reviews scheduled stay: they are work to do, not structure."""
