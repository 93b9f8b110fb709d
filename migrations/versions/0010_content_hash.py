"""content hash: the same list saved again or in another format is recognised as imported

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

A batch was known again only by the SHA-256 of its file's bytes. A list opened in Excel and saved
unchanged (Excel rewrites its timestamps), or the same sheet exported again as .xls or CSV, has other
bytes and was imported a second time: twice the clues, or the register applied again. A batch now
also keeps a fingerprint of what was read (services.department_import.ContentHash): the header as
mapped and the data rows' cells as the import reads them. One batch per kind and content (a unique
index, so that two workstations importing the same list at once cannot both keep it).

Earlier batches have none: their files are not kept, so their content cannot be read again. They
are still recognised by their files' bytes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

INDEX = "ix_import_batches_kind_content_hash"


def upgrade() -> None:
    # Plain ALTERs (no batch copy on SQLite), as 0005 and 0008.
    op.add_column("import_batches", sa.Column("content_hash", sa.String(length=64), nullable=True))
    op.create_index(INDEX, "import_batches", ["kind", "content_hash"], unique=True)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="import_batches")
    with op.batch_alter_table("import_batches") as batch_op:
        batch_op.drop_column("content_hash")
