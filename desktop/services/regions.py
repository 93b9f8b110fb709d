"""Setting up the district's regions: sub-districts/towns (街道/镇) and communities/villages (社区/村).

A new database holds only the root district (auth.ensure_district); the administrator adds the rest
here, one by one or from a spreadsheet, and may rename any region (the root too: name and code, so
that another district can use the program), delete one nothing refers to (one added by mistake),
or move a community/village to another sub-district/town (行政区划调整). Everyone lists and finds
regions here (:func:`list_regions`, :func:`find_region`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from desktop.io import spreadsheet as ss
from desktop.models import Base, Household, Member, Region, User
from desktop.models.region import child_path
from desktop.rules.codes import AREA_LABELS, LEVEL_LABELS, AreaType, RegionLevel, Role
from desktop.rules.places import written_above
from desktop.services.base import Actor, UnitOfWork, require_role, snapshot, too_long, unit_of_work
from desktop.services.database import Database
from desktop.services.errors import INVALID_FILE, NotFound, ServiceError, ValidationFailed

REGIONS_LOCK = 0x52454C52  # pg_advisory_xact_lock key ("RELR"): one change of the region tree at a time

# The kind of region a word names: its level and its usual area type (a town's and a village's
# people are rural).
KINDS: dict[str, tuple[RegionLevel, AreaType]] = {
    "街道": (RegionLevel.SUBDISTRICT, AreaType.URBAN),
    "镇": (RegionLevel.SUBDISTRICT, AreaType.RURAL),
    "乡": (RegionLevel.SUBDISTRICT, AreaType.RURAL),
    "社区": (RegionLevel.COMMUNITY, AreaType.URBAN),
    "村": (RegionLevel.COMMUNITY, AreaType.RURAL),
}
CHILD_LEVEL = {RegionLevel.DISTRICT: RegionLevel.SUBDISTRICT, RegionLevel.SUBDISTRICT: RegionLevel.COMMUNITY}
AREA_WORDS = {"城市": AreaType.URBAN, "城镇": AreaType.URBAN, "urban": AreaType.URBAN,
              "农村": AreaType.RURAL, "乡村": AreaType.RURAL, "rural": AreaType.RURAL}
CODE = re.compile(r"\d{1,32}")


class _Named(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def level(self) -> str: ...


R = TypeVar("R", bound=_Named)


def kind_of(text: str) -> tuple[RegionLevel, AreaType] | None:
    """The level and usual area type a word (街道, 镇, 社区, 村, or a level's code) names; None if none."""
    word = text.strip()
    if word in KINDS:
        return KINDS[word]
    for level in RegionLevel:
        if word in (level.value, LEVEL_LABELS[level]):
            return level, AreaType.URBAN
    return None


def area_of(text: str) -> AreaType | None:
    return AREA_WORDS.get(text.strip().lower())


def default_area(name: str) -> AreaType:
    """A town's or a village's people are rural; a sub-district's and a community's urban."""
    return AreaType.RURAL if name.endswith(("镇", "乡", "村")) else AreaType.URBAN


@dataclass(frozen=True)
class RegionRow:
    id: int
    parent_id: int | None
    name: str
    code: str
    level: str
    area_type: str
    path: str
    version: int

    @property
    def depth(self) -> int:
        return self.path.strip("/").count("/")

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS.get(self.level, self.level)

    @property
    def area_label(self) -> str:
        return AREA_LABELS.get(self.area_type, self.area_type)


def _row(r: Region) -> RegionRow:
    return RegionRow(r.id, r.parent_id, r.name, r.code, r.level, r.area_type, r.path, r.version)


def list_regions(db: Database, actor: Actor) -> list[RegionRow]:
    """Every region the actor may see, parents before children."""
    with unit_of_work(db, actor) as uow:
        query = select(Region).order_by(Region.path)
        if actor.region_path:
            query = query.where(Region.path.like(actor.region_path + "%"))
        return [_row(r) for r in uow.session.scalars(query)]  # each parent's children in the order added


# The level words a region's name ends in, as people write them or leave them out: 八泉 for 八泉街道,
# 飞云 or 飞云社区居委会 for 飞云社区. :class:`NameIndex` reads names by them, for :func:`find_region`
# and for the department and household register imports (department_import.RegionResolver).
SUBDISTRICT_SUFFIXES = ("街道办事处", "办事处", "街道", "街办", "街", "乡", "镇")
COMMUNITY_SUFFIXES = ("社区居委会", "居民委员会", "村民委员会", "居委会", "村委会", "社区", "村")
_SUFFIXES = sorted([(s, RegionLevel.SUBDISTRICT) for s in SUBDISTRICT_SUFFIXES]
                   + [(s, RegionLevel.COMMUNITY) for s in COMMUNITY_SUFFIXES], key=lambda x: -len(x[0]))


# The level words' characters written in traditional form (八泉街道辦事處, 河口鎮, 道仕袱村民委員會, a list
# from a Big5 file); a name itself so written (飛雲) is not read, and so not guessed.
_LEVEL_WORDS_SIMPLIFIED = str.maketrans("區鎮鄉辦處員會", "区镇乡办处员会")
_LEVEL_WORDS_TRADITIONAL = re.compile("[區鎮鄉辦處員會]")  # translate() is slow on Chinese text: only when needed


def tidy_name(text: str) -> str:
    """A region or address as typed: full-width letters and digits as plain ones, no spaces, the
    level words in simplified characters (河口 镇, 河口鎮 and 河口镇 are one name)."""
    text = "".join(unicodedata.normalize("NFKC", text).split())
    return text.translate(_LEVEL_WORDS_SIMPLIFIED) if _LEVEL_WORDS_TRADITIONAL.search(text) else text


def short_name(name: str, suffixes: tuple[str, ...] = SUBDISTRICT_SUFFIXES + COMMUNITY_SUFFIXES) -> str:
    """The name without its level word (八泉街道 → 八泉, 飞云社区居委会 → 飞云); the name itself
    when it has none or is nothing else."""
    for suffix in sorted(suffixes, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)]
    return name


def _level_said(name: str) -> RegionLevel | None:
    """The level a name's level word says (八泉街道: a sub-district), None without one."""
    for suffix, level in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return level
    return None


class NameIndex(Generic[R]):
    """Regions (anything with ``name`` and ``level``) by their names as people write them, built once
    and looked up per name (find_region; the department and register imports, row by row)."""

    def __init__(self, rows: Iterable[R]) -> None:
        self.rows = list(rows)
        self._by_name: dict[str, list[int]] = {}
        self._by_short: dict[str, list[int]] = {}
        for i, r in enumerate(self.rows):
            self._by_name.setdefault(r.name, []).append(i)
            self._by_short.setdefault(short_name(r.name), []).append(i)

    def named(self, name: str, short: bool) -> list[R]:
        """The regions called ``name``; with ``short``, those whose name without its level word is the
        given name's (of the level its level word says, if it has one), or whose name without its
        level word is the given name itself. In the order given."""
        if not short:
            return [self.rows[i] for i in self._by_name.get(name, ())]
        key, level = short_name(name), _level_said(name)
        # 飞云新村 is 飞云新村社区 without its level word, though it ends in one itself
        found = set(self._by_short.get(name, ()))
        found.update(i for i in self._by_short.get(key, ()) if level is None or self.rows[i].level == level)
        return [self.rows[i] for i in sorted(found)]


def find_region(db: Database, actor: Actor, text: str) -> RegionRow:
    """A region named by code, by name, or by "上级名称/名称" when a name is used under two parents.
    The whole name first; otherwise the name without its level word, as the household register
    import reads it (八泉 for 八泉街道, 飞云 for 飞云社区): when that names more than one region, the
    candidates are listed instead of one being guessed."""
    text = text.strip()
    rows = list_regions(db, actor)
    by_code = [r for r in rows if r.code == text]
    if by_code:
        return by_code[0]
    names = {r.id: r.name for r in rows}
    index = NameIndex(rows)
    found: list[RegionRow] = []
    for short in (False, True):
        if "/" in text:
            parent_name, _, name = text.rpartition("/")
            parents = {r.id for r in index.named(parent_name.strip(), short)}
            found = [r for r in index.named(name.strip(), short) if r.parent_id in parents]
        else:
            found = index.named(text, short)
        if found:
            break
    if not found:
        raise NotFound(f"找不到区划“{text}”(可写名称或区划代码)。")
    if len(found) > 1 and not short:
        choices = "、".join(f"{names.get(r.parent_id, '')}/{r.name}" for r in found)
        raise ValidationFailed(f"有 {len(found)} 个区划名为“{text}”,请写区划代码或“上级/名称”:{choices}。")
    if len(found) > 1:
        repeated = len({r.name for r in found}) < len(found)
        choices = "、".join(f"{names.get(r.parent_id, '')}/{r.name}" if repeated else r.name for r in found)
        raise ValidationFailed(f"“{text}”可能指:{choices};请写全称"
                               + ("、区划代码或“上级/名称”。" if repeated else "。"))
    return found[0]


# -- checks shared by adding, renaming and importing -------------------------------------------------

def _name_problem(name: str) -> str:
    if not name:
        return "名称不能为空"
    if "/" in name:
        return f"名称“{name}”中不能有“/”"
    if any(unicodedata.category(ch) == "Cc" for ch in name):  # a line break or a terminal's escape: no name
        shown = "".join("?" if unicodedata.category(ch) == "Cc" else ch for ch in name)
        return f"名称“{shown}”含有控制字符(显示为 ?),请重新输入"
    return too_long(Region.name, name, "名称") or ""


def _as_stored(name: str) -> str:
    """A region's name as kept: 八泉 街道 as 八泉街道, the name every import and search reads it as
    (:func:`tidy_name`); as typed when :func:`_name_problem` is to say what is wrong with it (a tab)."""
    name = name.strip()
    return name if _name_problem(name) else tidy_name(name)


def _code_problem(code: str) -> str:
    if not CODE.fullmatch(code):
        return f"区划代码“{code}”不正确:只能由数字组成(例如 420203001)"
    return too_long(Region.code, code, "区划代码") or ""


def _sibling_named(uow: UnitOfWork, parent_id: int | None, name: str, other_than: int | None = None) -> Region | None:
    query = select(Region).where(Region.name == name)
    query = query.where(Region.parent_id.is_(None) if parent_id is None else Region.parent_id == parent_id)
    if other_than is not None:
        query = query.where(Region.id != other_than)
    return uow.session.scalar(query)


def _code_holder(uow: UnitOfWork, code: str) -> Region | None:
    return uow.session.scalar(select(Region).where(Region.code == code))


def _next_code(uow: UnitOfWork, parent: Region, taken: set[str]) -> str:
    """The parent's code followed by the next free three-digit number (420203 → 420203001)."""
    width = len(parent.code) + 3
    used = set(uow.session.scalars(select(Region.code).where(Region.code.like(parent.code + "%"),
                                                               func.length(Region.code) == width)))
    used |= taken
    serials = [int(c[len(parent.code):]) for c in used
               if c.startswith(parent.code) and len(c) == width and c[len(parent.code):].isdigit()]
    number = max(serials, default=0) + 1
    while True:
        code = f"{parent.code}{number:03d}"
        if len(code) > width or (code not in used and _code_holder(uow, code) is None):
            break
        number += 1
    if len(code) > width:  # 999 children: longer numbers from here
        number = 1000
        while f"{parent.code}{number}" in used or _code_holder(uow, f"{parent.code}{number}") is not None:
            number += 1
        code = f"{parent.code}{number}"
    return code


def _child_level(parent: Region) -> RegionLevel:
    level = CHILD_LEVEL.get(RegionLevel(parent.level))
    if level is None:
        raise ValidationFailed(f"“{parent.name}”是{LEVEL_LABELS[RegionLevel.COMMUNITY]},不能再添加下级区划。",
                               {"parent": "社区(村)是最低一级"})
    return level


def new_region(uow: UnitOfWork, parent: Region, name: str, code: str, level: str, area: str) -> Region:
    """Make the region under ``parent`` with its path, audited (the values are checked by the callers)."""
    region = uow.add(Region(parent_id=parent.id, name=name, code=code, level=level, area_type=area))
    uow.flush()
    region.path = child_path(parent.path, region.id)
    uow.audit("region.add", "regions", region.id, after=snapshot(region),  # the names, so the log's search finds them
              detail=f"在“{parent.name}”下新增{LEVEL_LABELS[RegionLevel(level)]}“{name}”(区划代码 {code})")
    uow.notify("regions", region.id)
    return region


def add_first_regions(uow: UnitOfWork, places: Sequence[tuple[str, str]]) -> tuple[int, int]:
    """A new database holds only the district: an administrator's first household register brings the
    sub-districts/towns and communities/villages it names (``places``: 街道 and 社区 of the head rows, in
    order) under the district, each once however it is written (八泉街道, 八泉 and 八泉 街道 are one); a
    village or a town's community rural, the others urban, as the households' own 城乡类别 are kept apart.
    Nothing is done when the district has a sub-district already, or a name is no name (the import then
    says what is wrong on its rows). Returns (sub-districts, communities) made."""
    root = uow.session.scalar(select(Region).where(Region.parent_id.is_(None)).order_by(Region.id))
    if root is None or uow.actor.role != Role.ADMIN or not places:
        return 0, 0

    def has_subdistricts() -> bool:
        return bool(uow.session.scalar(select(func.count()).select_from(Region).where(Region.parent_id == root.id)))
    if has_subdistricts():
        return 0, 0
    uow.take_turns(REGIONS_LOCK)
    if has_subdistricts():  # another workstation's meanwhile
        return 0, 0
    above = written_above([(root.name, root.code)])
    # each place once however it is written: 八泉街, 八泉街道, 西塞山区八泉街道; 飞云社区, 八泉街道飞云社区
    subs: dict[str, list[str]] = {}
    communities: dict[tuple[str, str], list[str]] = {}
    for sub_name, community_name in places:
        sub_name, community_name = _as_stored(sub_name), _as_stored(community_name)
        if _name_problem(sub_name) or _name_problem(community_name):
            continue
        sub_name, community_name = _after(above, sub_name), _after(above, community_name)
        sub_key = short_name(sub_name, SUBDISTRICT_SUFFIXES)
        for form in sorted({sub_name} | {sub_key + suffix for suffix in SUBDISTRICT_SUFFIXES}, key=len, reverse=True):
            rest = community_name[len(form):]
            if community_name.startswith(form) and rest and rest not in COMMUNITY_SUFFIXES:
                community_name = rest
                break
        subs.setdefault(sub_key, []).append(sub_name)
        communities.setdefault((sub_key, short_name(community_name, COMMUNITY_SUFFIXES)), []).append(community_name)
    made_subs: dict[str, Region] = {}
    for key, names in communities.items():
        sub = made_subs.get(key[0])
        if sub is None:
            sub_name = _best_written(subs[key[0]], ("街道", "镇", "乡"))
            sub = made_subs[key[0]] = new_region(uow, root, sub_name, _next_code(uow, root, set()),
                                                 RegionLevel.SUBDISTRICT, default_area(sub_name))
        name = _best_written(names, ("社区", "村"))
        area = AreaType.RURAL if name.endswith("村") else AreaType(sub.area_type)
        new_region(uow, sub, name, _next_code(uow, sub, set()), RegionLevel.COMMUNITY, area)
    return len(made_subs), len(communities)


def _after(above: re.Pattern[str], name: str) -> str:
    """``name`` without the province, city and district written before it (西塞山区八泉街道: 八泉街道)."""
    rest = above.sub("", name, count=1)
    return rest if rest else name


def _best_written(names: list[str], level_words: tuple[str, ...]) -> str:
    """Of the ways one place was written, the one ending in its level word (八泉街道, not 八泉街 or 八泉),
    else the first."""
    return next((n for n in names if n.endswith(level_words)), names[0])


def add_region(db: Database, actor: Actor, *, parent_id: int, name: str, code: str = "", kind: str = "",
               area_type: str = "") -> int:
    """Add a region under ``parent_id``: under the district a sub-district or town, under one of
    those a community or village. ``kind`` (街道/镇/社区/村) is optional and must fit the parent;
    ``code`` is made from the parent's when not given; the area type defaults from the kind or
    the name (镇, 乡, 村: rural)."""
    require_role(actor, Role.ADMIN, doing="添加行政区划")
    name, code, kind, area_type = _as_stored(name), code.strip(), kind.strip(), area_type.strip()
    problems: dict[str, str] = {}
    if message := _name_problem(name):
        problems["name"] = message
    if code and (message := _code_problem(code)):
        problems["code"] = message
    wanted = None
    if kind:
        wanted = kind_of(kind)
        if wanted is None:
            problems["level"] = f"级别“{kind}”不认识:应为 街道、镇、社区 或 村"
    area = None
    if area_type:
        area = area_of(area_type)
        if area is None:
            problems["area_type"] = f"城乡类别“{area_type}”不认识:应为 城市 或 农村"
    if problems:
        raise ValidationFailed(";".join(problems.values()) + "。", problems)
    with unit_of_work(db, actor, write=True) as uow:
        uow.take_turns(REGIONS_LOCK)
        parent = uow.get(Region, parent_id, "上级区划")
        level = _child_level(parent)
        if wanted is not None and wanted[0] != level:
            raise ValidationFailed(
                f"“{parent.name}”的下级应是{LEVEL_LABELS[level]},不能添加{kind}。", {"level": "级别与上级不符"})
        if _sibling_named(uow, parent.id, name) is not None:
            raise ValidationFailed(f"“{parent.name}”下已有名为“{name}”的区划。", {"name": "同一上级下名称不能重复"})
        if code:
            holder = _code_holder(uow, code)
            if holder is not None:
                raise ValidationFailed(f"区划代码 {code} 已被“{holder.name}”使用。", {"code": "区划代码不能重复"})
        else:
            code = _next_code(uow, parent, set())
        if area is None:
            area = wanted[1] if wanted is not None and kind in KINDS else default_area(name)
        return new_region(uow, parent, name, code, level, area).id


def rename_region(db: Database, actor: Actor, region_id: int, name: str, code: str = "",
                  expected_version: int | None = None) -> None:
    """Give a region a new name (and, if given, a new code). The district itself may be renamed."""
    require_role(actor, Role.ADMIN, doing="修改行政区划")
    name, code = _as_stored(name), code.strip()
    problems: dict[str, str] = {}
    if message := _name_problem(name):
        problems["name"] = message
    if code and (message := _code_problem(code)):
        problems["code"] = message
    if problems:
        raise ValidationFailed(";".join(problems.values()) + "。", problems)
    with unit_of_work(db, actor, write=True) as uow:
        uow.take_turns(REGIONS_LOCK)
        region = uow.get(Region, region_id, "区划")
        uow.check_version(region, expected_version, "区划")
        if name == region.name and (not code or code == region.code):
            raise ValidationFailed(f"区划“{region.name}”的名称和代码没有变化。", {"name": "没有变化"})
        if _sibling_named(uow, region.parent_id, name, other_than=region.id) is not None:
            raise ValidationFailed(f"同一上级下已有名为“{name}”的区划。", {"name": "同一上级下名称不能重复"})
        if code and code != region.code:
            holder = _code_holder(uow, code)
            if holder is not None:
                raise ValidationFailed(f"区划代码 {code} 已被“{holder.name}”使用。", {"code": "区划代码不能重复"})
        before = snapshot(region)
        region.name = name
        if code:
            region.code = code
        uow.touch(region)
        uow.flush()
        renamed = f"将“{before['name']}”改名为“{region.name}”" if before["name"] != region.name else f"“{region.name}”"
        recoded = f",区划代码 {before['code']} 改为 {region.code}" if before["code"] != region.code else ""
        uow.audit("region.rename", "regions", region.id, before=before, after=snapshot(region),
                  detail=renamed + recoded)
        uow.notify("regions", region.id)


# -- deleting and moving --------------------------------------------------------------------------

# What refers to a region, by table, in the words of a message: every foreign key to regions.id is
# counted (a test checks that each table holding one has its words here).
USES: dict[str, tuple[str, str]] = {
    "regions": ("下级区划", "个"),
    "households": ("家庭", "户"),
    "users": ("用户账号", "个"),
    "clues": ("线索", "条"),
    "applications": ("申请", "份"),
    "library_moves": ("库别调整记录", "条"),
    "referrals": ("转介", "条"),
    "import_rows": ("部门名单导入行", "行"),
    "assistance_records": ("救助发放记录", "条"),
}


def references() -> dict[str, list[str]]:
    """The columns that refer to regions.id, by table (from the models: a new one is counted too)."""
    found: dict[str, list[str]] = {}
    for table in Base.metadata.sorted_tables:
        for key in sorted(table.foreign_keys, key=lambda k: k.parent.name):
            if key.column.table.name == Region.__tablename__:
                found.setdefault(table.name, []).append(key.parent.name)
    return found


@dataclass(frozen=True)
class RegionUse:
    """Rows of one table that refer to a region."""

    table: str
    count: int
    detail: str = ""  # households: their members; accounts: how many are stopped

    def __str__(self) -> str:
        label, unit = USES.get(self.table, (self.table, "条"))
        return f"{label} {self.count} {unit}" + (f"({self.detail})" if self.detail else "")


def _uses(uow: UnitOfWork, region_id: int) -> list[RegionUse]:
    session = uow.session
    out: list[RegionUse] = []
    for name, columns in references().items():
        table = Base.metadata.tables[name]
        count = session.scalar(select(func.count()).select_from(table).where(
            or_(*(table.c[c] == region_id for c in columns)))) or 0
        if not count:
            continue
        detail = ""
        if name == "households":
            members = session.scalar(select(func.count()).select_from(Member).join(
                Household, Household.id == Member.household_id).where(Household.region_id == region_id)) or 0
            detail = f"成员 {members} 人"
        elif name == "users":
            stopped = session.scalar(select(func.count()).select_from(User).where(
                User.region_id == region_id, User.active.is_(False))) or 0
            detail = f"其中已停用 {stopped} 个" if stopped else ""
        out.append(RegionUse(name, count, detail))
    order = list(USES)
    return sorted(out, key=lambda u: order.index(u.table) if u.table in order else len(order))


@dataclass(frozen=True)
class RegionDeletion:
    """What deleting a region would do: ``refusal`` says why it may not ("" when it may)."""

    region: RegionRow
    uses: tuple[RegionUse, ...]
    refusal: str


def _deletion(uow: UnitOfWork, region: Region) -> RegionDeletion:
    what = f"{LEVEL_LABELS.get(region.level, region.level)}“{region.name}”"
    uses = tuple(_uses(uow, region.id))
    refusal = ""
    if region.parent_id is None:
        refusal = f"{what}是区本身,不能删除(要给另一个区使用,请改它的名称和代码)。"
    elif uses:
        refusal = (f"不能删除{what}:还有{'、'.join(str(u) for u in uses)}属于它。"
                   "只有没有任何下级区划、家庭、账号和业务记录的区划才能删除(例如刚刚加错的区划);"
                   "区划更名请用重命名,撤并社区请先把它的家庭和账号调整到其他区划。")
    return RegionDeletion(_row(region), uses, refusal)


def deletion_info(db: Database, actor: Actor, region_id: int) -> RegionDeletion:
    """What deleting ``region_id`` would do, or why it may not be deleted (nothing is written)."""
    require_role(actor, Role.ADMIN, doing="删除行政区划")
    with unit_of_work(db, actor) as uow:
        return _deletion(uow, uow.get(Region, region_id, "区划"))


def delete_region(db: Database, actor: Actor, region_id: int, expected_version: int | None = None) -> RegionDeletion:
    """Delete a region nothing refers to (no sub-region, household, account, clue, application,
    library move, referral or department-list row): one added by mistake. The district itself stays."""
    require_role(actor, Role.ADMIN, doing="删除行政区划")
    with unit_of_work(db, actor, write=True) as uow:
        uow.take_turns(REGIONS_LOCK)
        region = uow.get(Region, region_id, "区划")
        uow.check_version(region, expected_version, f"区划 {region.name}", doing="删除")
        info = _deletion(uow, region)
        if info.refusal:
            raise ServiceError(info.refusal)
        before = snapshot(region)
        uow.session.delete(region)
        try:
            uow.flush()
        except IntegrityError:  # another workstation put something in it meanwhile
            uow.session.rollback()
            raise ServiceError(f"区划“{info.region.name}”刚刚在另一台电脑上被使用(例如登记了家庭),"
                               "没有删除;请刷新后查看。") from None
        uow.audit("region.delete", "regions", region_id, before=before,
                  detail=f"删除{info.region.level_label}“{info.region.name}”(区划代码 {info.region.code})")
        uow.notify("regions", region_id)
        return info


@dataclass(frozen=True)
class RegionMove:
    """Moving a community/village to another sub-district/town: what moves along with it."""

    region: RegionRow
    old_parent: RegionRow
    new_parent: RegionRow
    households: int  # they and their records now count under the new parent
    accounts: int  # the community's own accounts: those logged in must log in again


def _move(uow: UnitOfWork, region: Region, parent_id: int) -> tuple[Region, RegionMove]:
    parent = uow.get(Region, parent_id, "上级区划")
    old_parent = uow.get(Region, region.parent_id, "上级区划") if region.parent_id is not None else None
    what = f"{LEVEL_LABELS.get(region.level, region.level)}“{region.name}”"
    if region.level != RegionLevel.COMMUNITY or old_parent is None:
        raise ValidationFailed(f"{what}不能调整:只有社区(村)可以调整到另一个街道(镇)下。", {"region": "只能调整社区(村)"})
    if parent.level != RegionLevel.SUBDISTRICT:
        raise ValidationFailed(f"社区(村)只能调整到街道(镇)下,“{parent.name}”是{LEVEL_LABELS.get(parent.level, parent.level)}。",
                               {"parent": "应为街道(镇)"})
    if parent.id == old_parent.id:
        raise ValidationFailed(f"{what}已在“{parent.name}”下,不用调整。", {"parent": "没有变化"})
    if _sibling_named(uow, parent.id, region.name) is not None:
        raise ValidationFailed(f"“{parent.name}”下已有名为“{region.name}”的区划;请先给其中一个改名再调整。",
                               {"name": "同一上级下名称不能重复"})
    households = uow.session.scalar(select(func.count()).select_from(Household)
                                    .where(Household.region_id == region.id)) or 0
    accounts = uow.session.scalar(select(func.count()).select_from(User).where(User.region_id == region.id)) or 0
    return parent, RegionMove(_row(region), _row(old_parent), _row(parent), households, accounts)


def move_info(db: Database, actor: Actor, region_id: int, parent_id: int) -> RegionMove:
    """What moving ``region_id`` under ``parent_id`` would do (nothing is written); refused as
    :func:`move_region` would refuse it."""
    require_role(actor, Role.ADMIN, doing="调整行政区划")
    with unit_of_work(db, actor) as uow:
        return _move(uow, uow.get(Region, region_id, "区划"), parent_id)[1]


def move_region(db: Database, actor: Actor, region_id: int, parent_id: int,
                expected_version: int | None = None) -> RegionMove:
    """Move a community/village under another sub-district/town (行政区划调整). Its households keep
    their community, so they and everything scoped by region (members, clues, applications, library
    moves, referrals, visits) follow: who may see them is read from the region's path, which changes
    here. The community keeps its name, code and area type; its own accounts log in again (their
    window still holds the old path: services.base checks it)."""
    require_role(actor, Role.ADMIN, doing="调整行政区划")
    with unit_of_work(db, actor, write=True) as uow:
        uow.take_turns(REGIONS_LOCK)
        region = uow.get(Region, region_id, "区划")
        uow.check_version(region, expected_version, "区划")
        parent, info = _move(uow, region, parent_id)
        before = snapshot(region)
        old_path, new_path = region.path, child_path(parent.path, region.id)
        for below in uow.session.scalars(select(Region).where(Region.path.like(old_path + "%"),
                                                              Region.id != region.id)):
            below.path = new_path + below.path[len(old_path):]  # none under a community today
        region.parent_id = parent.id
        region.path = new_path
        uow.touch(region)
        uow.flush()
        uow.audit("region.move", "regions", region.id, before=before, after=snapshot(region),
                  detail=f"将{info.region.level_label}“{region.name}”从“{info.old_parent.name}”调整到"
                         f"“{parent.name}”,家庭 {info.households} 户随之调整")
        uow.notify("regions", region.id)
        uow.notify("households")
        return info


# -- importing a list -----------------------------------------------------------------------------

SUB_HEADERS = {"街道", "镇", "街道镇", "镇街道", "乡镇", "乡镇街道", "街道乡镇", "街镇", "所属街道", "所属乡镇"}
COMMUNITY_HEADERS = {"社区", "村", "社区村", "村社区", "村居", "社区居委会", "村居委会", "居委会", "所属社区"}
AREA_HEADERS = {"城乡类别", "城乡", "城乡属性", "区域类别", "城市农村"}
CODE_HEADERS = {"区划代码", "代码", "行政区划代码", "社区代码", "村代码", "编码"}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第 {self.row} 行“{self.column}”列:{self.message}"


@dataclass
class RegionImportResult:
    file_name: str
    dry_run: bool
    rows: int = 0
    created_subdistricts: int = 0
    created_communities: int = 0
    existing: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def created(self) -> int:
        return self.created_subdistricts + self.created_communities

    @property
    def written(self) -> bool:
        return not self.dry_run and not self.errors


@dataclass(frozen=True)
class _Line:
    row: int
    sub: str
    community: str
    area: str
    code: str


def _read_lines(path: Path) -> tuple[list[_Line], dict[str, str]]:
    """The rows of the list, and the headers of the columns read (for messages)."""
    with ss.open_workbook(path) as book:
        rows = book.rows()
        header: dict[str, int] = {}
        labels: dict[str, str] = {}
        lines: list[_Line] = []
        for number, values in rows:
            if not header:
                keys = [ss.header_key(v) for v in values]
                found = {}
                for column, names in (("sub", SUB_HEADERS), ("community", COMMUNITY_HEADERS),
                                      ("area", AREA_HEADERS), ("code", CODE_HEADERS)):
                    for i, key in enumerate(keys):
                        if key in names and i not in found.values():
                            found[column] = i
                            break
                if "sub" in found and "community" in found:
                    header = found
                    labels = {column: ss.cell_text(values[i]) for column, i in found.items()}
                elif number >= 10:
                    break
                continue
            texts = [ss.cell_text(v) for v in values]
            if not any(texts):
                continue

            def at(column: str, texts: list[str] = texts, header: dict[str, int] = header) -> str:
                i = header.get(column)
                return texts[i] if i is not None and i < len(texts) else ""
            lines.append(_Line(number, _as_stored(at("sub")), _as_stored(at("community")), at("area"), at("code")))
    if not header:
        raise ServiceError(
            f"文件“{path.name}”的前 10 行中找不到“街道(镇)”和“社区(村)”两列的表头。"
            "请在第一行写表头:街道(镇)、社区(村),可加 城乡类别、区划代码。", code=INVALID_FILE)
    return lines, labels


def import_regions(db: Database, actor: Actor, path: str | Path, *, dry_run: bool = False) -> RegionImportResult:
    """Add the sub-districts/towns and communities/villages a spreadsheet lists (columns 街道(镇) and
    社区(村), optionally 城乡类别 and 区划代码 — the code of the row's community, or of the
    sub-district on a row without a community). What exists is left as it is. All or nothing: a
    list with any row in error writes nothing, and every error names its row and column."""
    require_role(actor, Role.ADMIN, doing="导入行政区划")
    path = Path(path)
    try:
        lines, labels = _read_lines(path)
    except ss.SpreadsheetError as exc:
        raise ServiceError(str(exc), code=INVALID_FILE) from exc
    if not lines:
        raise ServiceError(f"文件“{path.name}”中除表头外没有数据行。", code=INVALID_FILE)
    result = RegionImportResult(path.name, dry_run, rows=len(lines))
    label = {"sub": labels.get("sub", "街道(镇)"), "community": labels.get("community", "社区(村)"),
             "area": labels.get("area", "城乡类别"), "code": labels.get("code", "区划代码")}
    with unit_of_work(db, actor, write=True) as uow:
        uow.take_turns(REGIONS_LOCK)
        root = uow.session.scalar(select(Region).where(Region.parent_id.is_(None)).order_by(Region.id))
        if root is None:  # the window and the commands make the district first (auth.ensure_district)
            raise ValidationFailed("数据库中还没有区级区划:请先启动一次程序(首次运行时建立),再导入区划清单。")
        subs = {r.name: r for r in uow.session.scalars(select(Region).where(Region.parent_id == root.id))}
        seen: set[int] = set()  # regions counted as existing already
        codes_here: dict[str, tuple[int, str]] = {}  # code → (row that gave it, the region it names)
        for line in lines:
            errors: list[RowError] = []
            key = f"{line.sub}/{line.community}"

            def err(column: str, message: str, line: _Line = line, errors: list[RowError] = errors) -> None:
                errors.append(RowError(line.row, label[column], message))
            if not line.sub:
                err("sub", "街道(镇)不能为空")
            elif message := _name_problem(line.sub):
                err("sub", message)
            if line.community and (message := _name_problem(line.community)):
                err("community", message)
            area = None
            if line.area:
                area = area_of(line.area)
                if area is None:
                    err("area", f"“{line.area}”不认识,应为 城市 或 农村")
            if line.code:
                if message := _code_problem(line.code):
                    err("code", message)
                elif codes_here.get(line.code, (0, key))[1] != key:
                    err("code", f"区划代码 {line.code} 与第 {codes_here[line.code][0]} 行重复")
            if errors:
                result.errors.extend(errors)
                continue
            sub_code = line.code if not line.community else ""
            sub = subs.get(line.sub)
            if sub is None:
                holder = _code_holder(uow, sub_code) if sub_code else None
                if holder is not None:
                    err("code", f"区划代码 {sub_code} 已被“{holder.name}”使用")
                    result.errors.extend(errors)
                    continue
                code = sub_code or _next_code(uow, root, set())
                sub_area = area if area is not None and not line.community else default_area(line.sub)
                sub = new_region(uow, root, line.sub, code, RegionLevel.SUBDISTRICT, sub_area)
                subs[line.sub] = sub
                result.created_subdistricts += 1
                seen.add(sub.id)
            elif sub.id not in seen:
                seen.add(sub.id)
                result.existing += 1
            if sub_code:
                codes_here[sub_code] = (line.row, key)
                if sub.code != sub_code:
                    err("code", f"“{sub.name}”已有区划代码 {sub.code},与表中的 {sub_code} 不同")
            if line.community:
                community = _sibling_named(uow, sub.id, line.community)
                if community is None:
                    holder = _code_holder(uow, line.code) if line.code else None
                    if holder is not None:
                        err("code", f"区划代码 {line.code} 已被“{holder.name}”使用")
                    else:
                        code = line.code or _next_code(uow, sub, set())
                        community = new_region(uow, sub, line.community, code, RegionLevel.COMMUNITY,
                                                area if area is not None else default_area(line.community))
                        result.created_communities += 1
                        seen.add(community.id)
                elif community.id not in seen:
                    seen.add(community.id)
                    result.existing += 1
                    if line.code and community.code != line.code:
                        err("code", f"“{community.name}”已有区划代码 {community.code},与表中的 {line.code} 不同")
                if line.code:
                    codes_here[line.code] = (line.row, key)
            result.errors.extend(errors)
        if result.errors or dry_run:
            uow.session.rollback()
            uow.topics.clear()
            return result
        uow.audit("region.import", "regions", None,
                  detail=f"{path.name}:新增街道(镇){result.created_subdistricts} 个、"
                         f"社区(村){result.created_communities} 个,已有 {result.existing} 个")
    return result
