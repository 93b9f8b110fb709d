"""names typed with "。" between their parts are written with "·" like the others

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03

A Chinese input method in its Chinese punctuation mode types "。" (or the half-width "｡") for the "."
key, so 阿依古丽。艾买提 came in beside 阿依古丽·艾买提 and the search did not find it. From now on
rules.spelling counts these as a name's separator dot too; this revision runs 0013's rewrite of the
names again (the phones are as 0013 left them), which now reads the names holding one of the two stops
as well: in batches by id, nothing else of a row changed. The downgrade leaves the rows as they are
("·" is as good under the older program).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op

from desktop.rules.spelling import person_name

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def _revision_0013():  # noqa: ANN202
    """0013's module (its file name is no Python identifier: loaded from its path)."""
    spec = importlib.util.spec_from_file_location("revision_0013", Path(__file__).with_name("0013_name_phone_spelling.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    conn = op.get_bind()
    earlier = _revision_0013()
    for table, columns in earlier.COLUMNS.items():
        for column, tidy in columns:
            if tidy is person_name:
                earlier._rewrite(conn, table, column, tidy)


def downgrade() -> None:
    pass
