"""batch per sheet: a workbook holding one list per sheet is imported sheet by sheet

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

A file imported before is refused, so that the same list never makes its clues twice. The check
was on the file alone: once one sheet of a workbook had been imported, the other sheets (a list
split by sub-district, say) could not be imported at all. The batch is now unique per kind, file
and sheet. Batches already kept all differ in their file, so they stay valid.
"""

from __future__ import annotations

from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

OLD = "ix_import_batches_kind_file_hash"
NEW = "ix_import_batches_kind_file_hash_sheet"


def upgrade() -> None:
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.drop_index(OLD)
        batch_op.create_index(NEW, ["kind", "file_hash", "sheet"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("import_batches", schema=None) as batch_op:
        batch_op.drop_index(NEW)
        batch_op.create_index(OLD, ["kind", "file_hash"], unique=True)
