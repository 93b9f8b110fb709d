"""trace back: the finding on the staff who handled an application whose assistance was revoked

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

RULES.md §1.5: after a commitment-track approval come checks and "tracing back problems (问题倒查)";
"staff who acted in good faith are exempt from liability (容错免责)". A revocation records the
county's finding, its note, the day and who recorded it. Existing revocations have none yet.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

COLUMNS = ("trace_finding", "trace_note", "traced_on", "traced_by_id")


def upgrade() -> None:
    # Plain ALTERs (no batch copy on SQLite), as 0005.
    op.add_column("revocations", sa.Column("trace_finding", sa.String(length=16), nullable=True))
    op.add_column("revocations", sa.Column("trace_note", sa.Text(), nullable=False, server_default=""))
    op.add_column("revocations", sa.Column("traced_on", sa.Date(), nullable=True))
    op.add_column("revocations", sa.Column("traced_by_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("revocations") as batch_op:
        for column in reversed(COLUMNS):
            batch_op.drop_column(column)
