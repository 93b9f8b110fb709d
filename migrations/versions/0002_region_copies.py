"""region copies: applications, library moves and referrals carry their household's region;
clues their household's region, or their own without a household (scope_region_id)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

Statistics filtered by sub-district or community read these tables from an index on their own
``region_id`` instead of joining every row to its household. The copy is kept by the database
itself, so it cannot drift from ``households.region_id``: a row inserted (or moved to another
household) gets its household's region whatever it was given, and a household that changes region
takes its rows along.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

TABLES = ("applications", "library_moves", "referrals")
LIBRARY_MOVE = "to_stage IN ('class_1', 'class_2', 'assisted') OR from_stage IN ('class_1', 'class_2', 'assisted')"

# A database made before the first revision was regenerated with these columns and indexes (the
# first release candidates) is brought up to it here; a new one already has them all.
COPIED_COLUMNS = (("applications", "region_id"), ("library_moves", "region_id"), ("referrals", "region_id"),
                  ("clues", "scope_region_id"))
OLD_INDEXES = (
    ("households", "ix_households_stage_region_id_id"), ("clues", "ix_clues_household_id"),
    ("clues", "ix_clues_reported_on"), ("clues", "ix_clues_reported_on_source_level_source_channel_household_id"),
    ("applications", "ix_applications_accepted_on"), ("applications", "ix_applications_household_id"),
    ("library_moves", "ix_library_moves_moved_on_from_stage_to_stage"),  # now partial: made again below
)
NEW_INDEXES = (  # table, columns, partial
    ("households", ("id", "stage", "last_assessed_on"), False),
    ("households", ("stage", "region_id", "last_visited_on", "id"), False),
    ("clues", ("household_id", "reported_on"), False),
    ("clues", ("scope_region_id", "household_id", "reported_on"), False),
    ("clues", ("source_level", "source", "channel", "reported_on", "scope_region_id"), False),
    ("applications", ("accepted_on", "decided_on", "track", "category", "household_id"), False),
    ("applications", ("household_id", "status", "track", "category"), False),
    ("applications", ("region_id", "accepted_on", "decided_on", "track", "category", "check_passed"), False),
    ("library_moves", ("moved_on", "from_stage", "to_stage"), True),
    ("library_moves", ("region_id", "moved_on", "from_stage", "to_stage"), True),
    ("referrals", ("region_id", "sent_on", "department", "status"), False),
)


def _bring_up_first_schema() -> None:
    inspector = sa.inspect(op.get_bind())
    missing = [(t, c) for t, c in COPIED_COLUMNS if c not in {col["name"] for col in inspector.get_columns(t)}]
    if not missing:
        return
    for table, column in missing:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch.create_foreign_key(f"fk_{table}_{column}_regions", "regions", [column], ["id"])
    for table, name in OLD_INDEXES:
        if name in {i["name"] for i in sa.inspect(op.get_bind()).get_indexes(table)}:
            op.drop_index(name, table_name=table)
    for table, columns, partial in NEW_INDEXES:
        where = {"sqlite_where": sa.text(LIBRARY_MOVE), "postgresql_where": sa.text(LIBRARY_MOVE)} if partial else {}
        op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns), **where)


CLUE_SCOPE = "COALESCE((SELECT h.region_id FROM households h WHERE h.id = {0}.household_id), {0}.region_id)"


def upgrade() -> None:
    _bring_up_first_schema()
    for table in TABLES:
        op.execute(f"UPDATE {table} SET region_id = (SELECT h.region_id FROM households h "
                   f"WHERE h.id = {table}.household_id) WHERE region_id IS NULL")
    op.execute(f"UPDATE clues SET scope_region_id = {CLUE_SCOPE.format('clues')}")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE OR REPLACE FUNCTION clue_scope_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.scope_region_id := {CLUE_SCOPE.format('NEW')};
                RETURN NEW;
            END $$""")
        # A clue without a household whose writer gave its own region (a department list's clues)
        # is already right: the function is not even called for it.
        op.execute("CREATE TRIGGER trg_clues_scope_stamp BEFORE INSERT OR UPDATE OF household_id, region_id ON clues "
                   "FOR EACH ROW WHEN (NEW.household_id IS NOT NULL "
                   "OR NEW.scope_region_id IS DISTINCT FROM NEW.region_id) EXECUTE FUNCTION clue_scope_stamp()")
        op.execute("""
            CREATE OR REPLACE FUNCTION region_copy_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                SELECT h.region_id INTO NEW.region_id FROM households h WHERE h.id = NEW.household_id;
                RETURN NEW;
            END $$""")
        op.execute(f"""
            CREATE OR REPLACE FUNCTION region_copy_follow() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                {' '.join(f"UPDATE {t} SET region_id = NEW.region_id WHERE household_id = NEW.id;" for t in TABLES)}
                UPDATE clues SET scope_region_id = NEW.region_id WHERE household_id = NEW.id;
                RETURN NULL;
            END $$""")
        for table in TABLES:
            op.execute(f"CREATE TRIGGER trg_{table}_region_stamp BEFORE INSERT OR UPDATE OF household_id ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION region_copy_stamp()")
        op.execute("CREATE TRIGGER trg_households_region_follow AFTER UPDATE OF region_id ON households "
                   "FOR EACH ROW WHEN (OLD.region_id IS DISTINCT FROM NEW.region_id) "
                   "EXECUTE FUNCTION region_copy_follow()")
    else:
        for table in TABLES:
            op.execute(f"""
                CREATE TRIGGER trg_{table}_region_stamp AFTER INSERT ON {table}
                FOR EACH ROW WHEN NEW.region_id IS NOT (SELECT region_id FROM households WHERE id = NEW.household_id)
                BEGIN
                    UPDATE {table} SET region_id = (SELECT region_id FROM households WHERE id = NEW.household_id)
                    WHERE id = NEW.id;
                END""")
            op.execute(f"""
                CREATE TRIGGER trg_{table}_region_rehome AFTER UPDATE OF household_id ON {table}
                FOR EACH ROW
                BEGIN
                    UPDATE {table} SET region_id = (SELECT region_id FROM households WHERE id = NEW.household_id)
                    WHERE id = NEW.id;
                END""")
        for when in ("AFTER INSERT", "AFTER UPDATE OF household_id, region_id"):
            name = "stamp" if when == "AFTER INSERT" else "rehome"
            op.execute(f"""
                CREATE TRIGGER trg_clues_scope_{name} {when} ON clues
                FOR EACH ROW WHEN NEW.scope_region_id IS NOT {CLUE_SCOPE.format('NEW')}
                BEGIN
                    UPDATE clues SET scope_region_id = {CLUE_SCOPE.format('NEW')} WHERE id = NEW.id;
                END""")
        op.execute(f"""
            CREATE TRIGGER trg_households_region_follow AFTER UPDATE OF region_id ON households
            FOR EACH ROW WHEN OLD.region_id IS NOT NEW.region_id
            BEGIN
                {' '.join(f"UPDATE {t} SET region_id = NEW.region_id WHERE household_id = NEW.id;" for t in TABLES)}
                UPDATE clues SET scope_region_id = NEW.region_id WHERE household_id = NEW.id;
            END""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS trg_households_region_follow ON households")
        for table in TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_region_stamp ON {table}")
        op.execute("DROP TRIGGER IF EXISTS trg_clues_scope_stamp ON clues")
        op.execute("DROP FUNCTION IF EXISTS region_copy_follow()")
        op.execute("DROP FUNCTION IF EXISTS region_copy_stamp()")
        op.execute("DROP FUNCTION IF EXISTS clue_scope_stamp()")
    else:
        op.execute("DROP TRIGGER IF EXISTS trg_households_region_follow")
        op.execute("DROP TRIGGER IF EXISTS trg_clues_scope_stamp")
        op.execute("DROP TRIGGER IF EXISTS trg_clues_scope_rehome")
        for table in TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_region_stamp")
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_region_rehome")
