"""account lockout: wrong passwords in a row lock an account for a while

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

等保 practice (登录失败处理): after five wrong passwords in a row an account is locked for thirty
minutes (desktop/rules/lockout.py). Every workstation of a shared database must see the same count
and lock, so they are kept on the account: the failures in a row, the last one, and the end of the
lock. Existing accounts start with none.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desktop.models.base

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

COLUMNS = ("failed_logins", "last_failed_login_at", "locked_until")


def upgrade() -> None:
    # Plain ALTERs (no batch copy on SQLite), as 0005 and 0007.
    op.add_column("users", sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("users", sa.Column("last_failed_login_at", desktop.models.base.UTCDateTime(timezone=True),
                                     nullable=True))
    op.add_column("users", sa.Column("locked_until", desktop.models.base.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch_op:
        for column in reversed(COLUMNS):
            batch_op.drop_column(column)
