"""padded region paths: ordering by path puts communities in the order they were added

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04

A region's path is the materialised path of its ids ("/1/4/17/"). Lists, exports and reports order
regions by it, and as text "/1/2/10/" sorts before "/1/2/7/": the tenth community came before the
seventh in the visit list, the quarterly report and the region choices. Each id is now written with
eight digits ("/00000001/00000002/00000010/", models.region.child_path), so the text order is the
tree's: parents before children, each parent's children in the order they were added.

Every path is rebuilt from the parent links. Nothing else holds a path: a user's region scope is read
from the regions table at each login.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

REGIONS = sa.table("regions", sa.column("id", sa.Integer()), sa.column("parent_id", sa.Integer()),
                   sa.column("path", sa.String()))


def _rebuild(segment: str) -> None:
    conn = op.get_bind()
    parents = dict(conn.execute(sa.select(REGIONS.c.id, REGIONS.c.parent_id)).all())
    paths: dict[int, str] = {}

    def path(region_id: int, seen: frozenset[int] = frozenset()) -> str:
        if region_id not in paths:
            parent = parents.get(region_id)
            if parent is None or parent not in parents or parent in seen:  # the top (or a broken link)
                paths[region_id] = "/" + segment.format(region_id) + "/"
            else:
                paths[region_id] = path(parent, seen | {region_id}) + segment.format(region_id) + "/"
        return paths[region_id]

    for region_id in parents:
        path(region_id)
    for region_id, value in paths.items():
        conn.execute(REGIONS.update().where(REGIONS.c.id == region_id).values(path=value))


def upgrade() -> None:
    _rebuild("{:08d}")


def downgrade() -> None:
    _rebuild("{}")
