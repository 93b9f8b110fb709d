"""yearly reviews: every approval paid monthly is reviewed, on the regular track too

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

RULES.md §1.5: "Review yearly (every six months where income is irregular)". The periodic re-check
was scheduled for commitment-track approvals only. Each running regular-track approval paid
monthly (not 临时救助, a one-off payment) gets its review, due on the first anniversary of the
decision that falls on or after the upgrade: reviews before it, if any, were kept outside the program.
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


def next_review(decided_on: date, today: date) -> date:
    due = add_months(decided_on, PERIODIC_CHECK_MONTHS)
    years = 1
    while due < today:
        years += 1
        due = add_months(decided_on, PERIODIC_CHECK_MONTHS * years)
    return due


def upgrade() -> None:
    conn = op.get_bind()
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
    now = datetime.now(timezone.utc)
    today = now.date()
    conn.execute(post_checks.insert(), [
        {"application_id": app_id, "kind": "periodic",
         "due_on": next_review(decided if isinstance(decided, date) else date.fromisoformat(str(decided)), today),
         "note": NOTE, "version": 1, "created_at": now, "updated_at": now}
        for app_id, decided in running])


def downgrade() -> None:
    """The reviews scheduled stay: they are work to do, not structure."""
