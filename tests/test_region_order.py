"""Regions in the order they were added wherever they are listed by path: ids are written with eight
digits in the path (migration 0011), so the tenth community no longer sorts before the seventh
("/1/2/10/" < "/1/2/7/" as text) in the region choices, the visit list or the quarterly report."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, text

from desktop.models import Region
from desktop.models.region import child_path
from desktop.services import applications, auth, clues, database, monitoring, regions, statistics
from desktop.services.base import Actor, unit_of_work
from desktop.services.database import Database


def twelve_communities(db: Database) -> tuple[Actor, list[str]]:
    root = auth.ensure_district(db)
    admin = auth.create_first_admin(db, username="boss", password="secret123")
    sub = regions.add_region(db, admin, parent_id=root, name="八泉街道")
    names = [f"第{n}社区" for n in range(1, 13)]  # ids 3 … 14: two digits from the tenth on
    for name in names:
        regions.add_region(db, admin, parent_id=sub, name=name)
    return admin, names


def test_a_path_is_the_ids_padded() -> None:
    assert child_path("", 1) == "/00000001/"
    assert child_path("/00000001/", 12) == "/00000001/00000012/"


def test_communities_are_listed_in_the_order_added(db: Database) -> None:
    admin, names = twelve_communities(db)
    assert [r.name for r in regions.list_regions(db, admin)][2:] == names
    assert [name for _, name, _ in clues.region_choices(db, admin)][1:] == names
    assert [name for _, name, _ in applications.region_choices(db, admin)][2:] == names
    with unit_of_work(db, admin) as uow:  # the quarterly report's and the visit list's communities
        assert [name for _, _, name in monitoring._community_rows(uow, None)] == names
    # the statistics choices are by name within a level, as they were
    assert len(statistics.regions(db, admin)) == 14


def test_a_scope_below_a_padded_path_still_holds(db: Database) -> None:
    admin, names = twelve_communities(db)
    with db.session_factory() as session:
        tenth = session.scalar(select(Region).where(Region.name == "第10社区"))
        first = session.scalar(select(Region).where(Region.name == "第1社区"))
        assert tenth.path == f"{session.get(Region, tenth.parent_id).path}{tenth.id:08d}/"
        # "/…/00000003/" is no prefix of "/…/00000030/" and the like: a subtree is itself only
        assert not tenth.path.startswith(first.path)


def test_the_migration_pads_the_paths_and_its_downgrade_unpads_them(tmp_path: Path) -> None:
    db = database.open_database(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    database.migrate(db)
    twelve_communities(db)
    database.downgrade(db, "0010")
    with db.engine.connect() as conn:
        old = dict(conn.execute(text("SELECT name, path FROM regions")).all())
    assert old["第10社区"] == "/1/2/12/" and old["八泉街道"] == "/1/2/"
    database.migrate(db)
    with db.engine.connect() as conn:
        new = dict(conn.execute(text("SELECT name, path FROM regions")).all())
        ordered = [n for (n,) in conn.execute(text("SELECT name FROM regions ORDER BY path"))]
    assert new["第10社区"] == "/00000001/00000002/00000012/" and new["八泉街道"] == "/00000001/00000002/"
    assert ordered[2:] == [f"第{n}社区" for n in range(1, 13)]
    db.dispose()
