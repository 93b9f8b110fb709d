"""gradual exit: assistance that goes on for a set number of months after employment

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29

RULES.md §1.5: a family on 低保 whose member found work may be assisted for up to six more months
(a setting) before it leaves. An application records the day that was decided and, until the period
ends, the library the family then goes to. Existing applications have neither.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

INDEX = "ix_applications_exit_stage_stopped_on"


def upgrade() -> None:
    # Plain ALTERs (no batch copy on SQLite): the table's triggers (migrations 0002, 0003) stay.
    op.add_column("applications", sa.Column("gradual_exit_from", sa.Date(), nullable=True))
    op.add_column("applications", sa.Column("exit_stage", sa.String(length=16), nullable=True))
    op.create_index(INDEX, "applications", ["exit_stage", "stopped_on"], unique=False)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="applications")
    op.drop_column("applications", "exit_stage")
    op.drop_column("applications", "gradual_exit_from")
