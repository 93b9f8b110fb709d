"""funnel copies: households carry the date of their first clue and the best of their applications

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29

The statistics funnel (discovered → assessed → placed → approved) counts the households discovered
in a period. Read from the clues, that is one look at the household and one at its applications for
each of some hundred thousand households; read from one index on the households, it is a range scan.
Both columns are kept by the database alone, like the region copies of 0002, so they cannot drift:

* ``discovered_on`` = the earliest ``reported_on`` of the household's clues (NULL without a clue);
* ``best_application`` = 2 when one of its applications was approved, 1 when it has any other,
  NULL when it has none.

A clue or application inserted, changed (status, date or household) or deleted refreshes the
households it touches. On SQLite the triggers are per row; on PostgreSQL per statement, reading
the statement's rows from transition tables, so a bulk load refreshes each household once.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

INDEX = "ix_households_discovered"
OLD_INDEX = "ix_households_id_stage_last_assessed_on"  # the funnel's former household index
STAGE_SINCE_INDEX = "ix_households_stage_stage_since"
# column on households: (table it is kept from, aggregate over that table's rows of one household)
COPIES = {
    "discovered_on": ("clues", "min(reported_on)", ("household_id", "reported_on")),
    "best_application": ("applications", "max(CASE WHEN status = 'approved' THEN 2 ELSE 1 END)",
                         ("household_id", "status")),
}


def _value(column: str, household: str) -> str:
    table, aggregate, _ = COPIES[column]
    return f"(SELECT {aggregate} FROM {table} WHERE household_id = {household})"


def upgrade() -> None:
    # A first revision regenerated from the models (scripts/regen_initial_migration.py) already
    # has the columns and the index; the triggers are made here in any case.
    inspector = sa.inspect(op.get_bind())
    have = {c["name"] for c in inspector.get_columns("households")}
    indexes = {i["name"] for i in inspector.get_indexes("households")}
    if "discovered_on" not in have:
        op.add_column("households", sa.Column("discovered_on", sa.Date(), nullable=True))
        op.add_column("households", sa.Column("best_application", sa.SmallInteger(), nullable=True))
    for column, (table, _, _) in COPIES.items():
        op.execute(f"UPDATE households SET {column} = {_value(column, 'households.id')} "
                   f"WHERE id IN (SELECT household_id FROM {table})")
    if OLD_INDEX in indexes:
        op.drop_index(OLD_INDEX, table_name="households")
    if STAGE_SINCE_INDEX not in indexes:  # the click-through list of a library, newest first
        op.create_index(STAGE_SINCE_INDEX, "households", ["stage", "stage_since"])
    if INDEX not in indexes:
        op.create_index(INDEX, "households",
                        ["discovered_on", "region_id", "stage", "last_assessed_on", "best_application"],
                        sqlite_where=sa.text("discovered_on IS NOT NULL"),
                        postgresql_where=sa.text("discovered_on IS NOT NULL"))
    if op.get_bind().dialect.name == "postgresql":
        for column, (table, _, _) in COPIES.items():
            refresh = (f"UPDATE households h SET {column} = d.v FROM (SELECT t.household_id, "
                       f"{_value(column, 't.household_id')} AS v FROM (SELECT DISTINCT household_id FROM {{rows}} "
                       f"WHERE household_id IS NOT NULL) t) d WHERE h.id = d.household_id "
                       f"AND h.{column} IS DISTINCT FROM d.v;")
            # plpgsql plans a statement when it first runs it, so each trigger only ever reads the
            # transition tables it has.
            op.execute(f"""
                CREATE OR REPLACE FUNCTION households_{column}_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        {refresh.format(rows='new_rows')}
                    END IF;
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        {refresh.format(rows='old_rows')}
                    END IF;
                    RETURN NULL;
                END $$""")
            for event, tables in (("INSERT", "NEW TABLE AS new_rows"),
                                  ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
                                  ("DELETE", "OLD TABLE AS old_rows")):
                op.execute(f"CREATE TRIGGER trg_{table}_{column}_{event.lower()} AFTER {event} ON {table} "
                           f"REFERENCING {tables} FOR EACH STATEMENT "
                           f"EXECUTE FUNCTION households_{column}_refresh()")
        return
    for column, (table, _, watched) in COPIES.items():
        if column == "discovered_on":  # an insert can only move the date earlier
            new, better = "NEW.reported_on", "discovered_on > NEW.reported_on"
        else:  # … or the best application higher
            new = "(CASE WHEN NEW.status = 'approved' THEN 2 ELSE 1 END)"
            better = f"best_application < {new}"
        op.execute(f"""
            CREATE TRIGGER trg_{table}_{column}_insert AFTER INSERT ON {table}
            FOR EACH ROW WHEN NEW.household_id IS NOT NULL
            BEGIN
                UPDATE households SET {column} = {new}
                WHERE id = NEW.household_id AND ({column} IS NULL OR {better});
            END""")
        op.execute(f"""
            CREATE TRIGGER trg_{table}_{column}_update AFTER UPDATE OF {', '.join(watched)} ON {table}
            FOR EACH ROW
            BEGIN
                UPDATE households SET {column} = {_value(column, 'households.id')}
                WHERE id IN (OLD.household_id, NEW.household_id);
            END""")
        op.execute(f"""
            CREATE TRIGGER trg_{table}_{column}_delete AFTER DELETE ON {table}
            FOR EACH ROW WHEN OLD.household_id IS NOT NULL
            BEGIN
                UPDATE households SET {column} = {_value(column, 'households.id')} WHERE id = OLD.household_id;
            END""")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for column, (table, _, _) in COPIES.items():
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_{column}_{event}" + (f" ON {table}" if postgres else ""))
        if postgres:
            op.execute(f"DROP FUNCTION IF EXISTS households_{column}_refresh()")
    op.drop_index(INDEX, table_name="households")
    op.drop_index(STAGE_SINCE_INDEX, table_name="households")
    op.create_index(OLD_INDEX, "households", ["id", "stage", "last_assessed_on"])
    op.drop_column("households", "best_application")
    op.drop_column("households", "discovered_on")
