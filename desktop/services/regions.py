"""Setting up the district's regions: sub-districts/towns (街道/镇) and communities/villages (社区/村).

A new database holds only the root district (auth.ensure_district); the administrator adds the rest
here, one by one or from a spreadsheet, and may rename any region (the root too: name and code, so
that another district can use the program).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from desktop.io import spreadsheet as ss
from desktop.models import Region
from desktop.rules.codes import AREA_LABELS, LEVEL_LABELS, AreaType, RegionLevel, Role
from desktop.services.base import Actor, UnitOfWork, require_role, snapshot, too_long, unit_of_work
from desktop.services.database import Database
from desktop.services.errors import INVALID_FILE, ServiceError, ValidationFailed

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
        rows = [_row(r) for r in uow.session.scalars(query)]
    # By path as text "/1/10/" would come before "/1/2/": order each parent's children by id.
    children: dict[int | None, list[RegionRow]] = {}
    for r in rows:
        children.setdefault(r.parent_id, []).append(r)
    ids = {r.id for r in rows}
    out: list[RegionRow] = []

    def walk(parent: int | None) -> None:
        for r in sorted(children.get(parent, []), key=lambda x: x.id):
            out.append(r)
            walk(r.id)
    for top in sorted((r for r in rows if r.parent_id not in ids), key=lambda x: x.id):
        out.append(top)
        walk(top.id)
    return out


def find_region(db: Database, actor: Actor, text: str) -> RegionRow:
    """A region named by code, by name, or by "上级名称/名称" when a name is used under two parents."""
    from desktop.services.errors import NotFound
    text = text.strip()
    rows = list_regions(db, actor)
    by_code = [r for r in rows if r.code == text]
    if by_code:
        return by_code[0]
    if "/" in text:
        parent_name, _, name = text.rpartition("/")
        names = {r.id: r.name for r in rows}
        found = [r for r in rows if r.name == name.strip() and names.get(r.parent_id) == parent_name.strip()]
    else:
        found = [r for r in rows if r.name == text]
    if not found:
        raise NotFound(f"找不到区划“{text}”(可写名称或区划代码)。")
    if len(found) > 1:
        names = {r.id: r.name for r in rows}
        choices = "、".join(f"{names.get(r.parent_id, '')}/{r.name}" for r in found)
        raise ValidationFailed(f"有 {len(found)} 个区划名为“{text}”,请写区划代码或“上级/名称”:{choices}。")
    return found[0]


# -- checks shared by adding, renaming and importing -------------------------------------------------

def _name_problem(name: str) -> str:
    if not name:
        return "名称不能为空"
    if "/" in name:
        return f"名称“{name}”中不能有“/”"
    return too_long(Region.name, name, "名称") or ""


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
    region.path = f"{parent.path}{region.id}/"
    uow.audit("region.add", "regions", region.id, after=snapshot(region))
    uow.notify("regions", region.id)
    return region


def add_region(db: Database, actor: Actor, *, parent_id: int, name: str, code: str = "", kind: str = "",
               area_type: str = "") -> int:
    """Add a region under ``parent_id``: under the district a sub-district or town, under one of
    those a community or village. ``kind`` (街道/镇/社区/村) is optional and must fit the parent;
    ``code`` is made from the parent's when not given; the area type defaults from the kind or
    the name (镇, 乡, 村: rural)."""
    require_role(actor, Role.ADMIN, doing="添加行政区划")
    name, code, kind, area_type = name.strip(), code.strip(), kind.strip(), area_type.strip()
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
    name, code = name.strip(), code.strip()
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
        uow.audit("region.rename", "regions", region.id, before=before, after=snapshot(region))
        uow.notify("regions", region.id)


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
            lines.append(_Line(number, at("sub"), at("community"), at("area"), at("code")))
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
