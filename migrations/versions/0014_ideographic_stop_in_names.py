"""names typed with "。" between their parts are written with "·" like the others

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03

A Chinese input method in its Chinese punctuation mode types "。" (or the half-width "｡") for the "."
key, so 阿依古丽。艾买提 came in beside 阿依古丽·艾买提 and the search did not find it. From now on
rules.spelling counts these as a name's separator dot too; this revision rewrites the names kept
before with them, the way 0013 rewrote the other dots: the rows are read in batches by id, only those
holding one of the two stops, and nothing else of a row changes. The downgrade leaves the rows as they
are ("·" is as good under the older program).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desktop.rules.spelling import person_name

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

BATCH = 2000
STOPS = ("\u3002", "\uff61")
NAMES = {"households": "head_name", "members": "name", "clues": "person_name", "import_rows": "name"}


def upgrade() -> None:
    conn = op.get_bind()
    for table, column in NAMES.items():
        holds_stop = " OR ".join(f"{column} LIKE '%{stop}%'" for stop in STOPS)
        select = sa.text(f"SELECT id, {column} FROM {table} WHERE id > :last AND ({holds_stop}) "
                         f"ORDER BY id LIMIT {BATCH}")
        update = sa.text(f"UPDATE {table} SET {column} = :value WHERE id = :id")
        last = 0
        while rows := conn.execute(select, {"last": last}).all():
            last = rows[-1][0]
            updates = [{"id": row_id, "value": new} for row_id, value in rows if (new := person_name(value)) != value]
            if updates:
                conn.execute(update, updates)


def downgrade() -> None:
    pass
