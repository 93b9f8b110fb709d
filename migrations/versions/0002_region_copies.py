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

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

TABLES = ("applications", "library_moves", "referrals")


CLUE_SCOPE = "COALESCE((SELECT h.region_id FROM households h WHERE h.id = {0}.household_id), {0}.region_id)"


def upgrade() -> None:
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
