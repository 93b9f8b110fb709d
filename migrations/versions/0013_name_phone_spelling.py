"""one spelling for names' separator dots and phone numbers, so that the search finds them

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06

Names and phones were kept as typed: 买买提•吐尔逊, 玛丽亚．伊万诺娃 and 阿依古丽.艾买提 beside the registry's
"·", and "138 0714 1234" or "138-0714-1234" beside 13807141234. The search compares the beginning of the
stored text by index range, so a name typed with "·" missed the others and 13807141234 missed the
phones with spaces. From now on every write keeps one spelling (rules.spelling); this revision
rewrites the names and phones already kept with the same functions: households' head names and
phones, members' names and phones, clues' names and phones, and the names of department lists' rows.

Only the rows that may change are read (a name holding one of the dots, a phone that is not digits
alone or starts with 0), in batches by id. Nothing else of a row changes (not its version: no one
edits during an upgrade). The old spellings are not kept: the downgrade leaves the rows as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desktop.rules.spelling import NAME_DOTS, person_name, phone_number

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

BATCH = 2000
COLUMNS = {"households": (("head_name", person_name), ("phone", phone_number)),
           "members": (("name", person_name), ("phone", phone_number)),
           "clues": (("person_name", person_name), ("phone", phone_number)),
           "import_rows": (("name", person_name),)}


def _may_change(conn: sa.Connection, column: str, tidy: object) -> str:
    """An SQL condition true of every row whose ``column`` ``tidy`` may change (and of few others)."""
    if tidy is person_name:  # it changes only names holding one of the dots
        return "(" + " OR ".join(f"{column} LIKE '%{dot}%'" for dot in NAME_DOTS) + ")"
    # phone_number keeps a text of digits alone not starting with 0 as it is
    if conn.dialect.name == "postgresql":
        return f"({column} <> '' AND {column} !~ '^[1-9][0-9]*$')"
    return f"({column} <> '' AND ({column} GLOB '*[^0-9]*' OR {column} GLOB '0*'))"


def _rewrite(conn: sa.Connection, table: str, column: str, tidy) -> int:  # noqa: ANN001
    """Rewrite ``table``.``column`` with ``tidy``; how many rows changed."""
    select = sa.text(f"SELECT id, {column} FROM {table} WHERE id > :last AND {_may_change(conn, column, tidy)} "
                     f"ORDER BY id LIMIT {BATCH}")
    update = sa.text(f"UPDATE {table} SET {column} = :value WHERE id = :id")
    last, changed = 0, 0
    while rows := conn.execute(select, {"last": last}).all():
        last = rows[-1][0]
        updates = [{"id": row_id, "value": new} for row_id, value in rows
                   if value is not None and (new := tidy(value)) != value]
        if updates:
            conn.execute(update, updates)
            changed += len(updates)
    return changed


def upgrade() -> None:
    conn = op.get_bind()
    for table, columns in COLUMNS.items():
        for column, tidy in columns:
            _rewrite(conn, table, column, tidy)


def downgrade() -> None:
    pass  # the spellings as typed are not kept; "·" and 13807141234 are as good under the older program
