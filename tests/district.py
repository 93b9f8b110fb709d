"""A small fixed district for tests: regions and one user per role (password "secret123")."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.rules.codes import RegionLevel, Role
from desktop.services import auth
from desktop.services.base import Actor
from desktop.services.database import Database

PASSWORD = "secret123"


@dataclass
class District:
    db: Database
    root_id: int
    regions: dict[str, int] = field(default_factory=dict)  # name -> id
    actors: dict[str, Actor] = field(default_factory=dict)  # role value -> actor

    @property
    def admin(self) -> Actor:
        return self.actors[Role.ADMIN]

    def actor(self, role: Role | str) -> Actor:
        return self.actors[Role(role)]


def build_district(db: Database) -> District:
    system = Actor.system("test")
    root = auth.ensure_district(db)
    d = District(db, root, {"西塞山区": root})
    tree = {"八泉街道": ["八泉社区", "飞云社区"], "河口镇": ["闸口社区", "道仕袱村"]}
    for number, (sub, communities) in enumerate(tree.items(), start=1):
        area = "rural" if sub == "河口镇" else "urban"
        sid = auth.add_region(db, system, parent_id=root, name=sub, code=f"420203{number:03d}",
                              level=RegionLevel.SUBDISTRICT, area_type=area)
        d.regions[sub] = sid
        for cnum, community in enumerate(communities, start=1):
            d.regions[community] = auth.add_region(
                db, system, parent_id=sid, name=community, code=f"420203{number:03d}{cnum:03d}",
                level=RegionLevel.COMMUNITY, area_type=area)
    homes = {
        Role.ADMIN: "西塞山区",
        Role.DISTRICT_REVIEWER: "西塞山区",
        Role.SUBDISTRICT_CASEWORKER: "八泉街道",
        Role.COMMUNITY_WORKER: "飞云社区",
        Role.SUPERVISOR: "西塞山区",
    }
    for role, home in homes.items():
        auth.add_user(db, system, username=role.value, password=PASSWORD, role=role,
                      region_id=d.regions[home], display_name=f"测试{role.value}")
        d.actors[role] = auth.login(db, role.value, PASSWORD)
    return d
