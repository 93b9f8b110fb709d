"""a month's payment keeps the household as it was paid: its community, head and size

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

The payment roster of a past month, printed again, read the household as it is now: after a move it
listed the family under its new community (and the past month's totals by sub-district shifted), and
after the head died or a child was born it named the new head and size beside the amount paid then.
Each assistance record now keeps the community, the head's name and ID number and the family size of
the day it was recorded. The records kept before this revision are filled from the households as they
are (the best there is: what they were when paid is not known).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

COLUMNS = ("region_id", "head_name", "head_id_number", "member_count")


def upgrade() -> None:
    with op.batch_alter_table('assistance_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('region_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('head_name', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('head_id_number', sa.String(length=18), nullable=True))
        batch_op.add_column(sa.Column('member_count', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_assistance_records_region_id_regions'), 'regions',
                                    ['region_id'], ['id'])
    conn = op.get_bind()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            "UPDATE assistance_records AS r SET " + ", ".join(f"{c} = h.{c}" for c in COLUMNS)
            + " FROM households AS h WHERE h.id = r.household_id")
    else:
        conn.exec_driver_sql(
            "UPDATE assistance_records SET (" + ", ".join(COLUMNS) + ") = (SELECT " + ", ".join(COLUMNS)
            + " FROM households AS h WHERE h.id = assistance_records.household_id)")


def downgrade() -> None:
    with op.batch_alter_table('assistance_records', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_assistance_records_region_id_regions'), type_='foreignkey')
        for column in reversed(COLUMNS):
            batch_op.drop_column(column)
