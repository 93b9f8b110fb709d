"""Stable codes stored in the database and their Chinese labels (the words on forms and templates).

Codes are English identifiers; labels are the official Chinese terms used by staff and by
department spreadsheets. Import reads labels, screens show labels, the database keeps codes.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    DISTRICT_REVIEWER = "district_reviewer"
    SUBDISTRICT_CASEWORKER = "subdistrict_caseworker"
    COMMUNITY_WORKER = "community_worker"
    SUPERVISOR = "supervisor"


ROLE_LABELS = {
    Role.ADMIN: "系统管理员",
    Role.DISTRICT_REVIEWER: "区级审核员",
    Role.SUBDISTRICT_CASEWORKER: "街道经办人",
    Role.COMMUNITY_WORKER: "社区工作人员",
    Role.SUPERVISOR: "统计查看(领导)",
}

# Roles whose duties need the full ID number on screen and in exports (RULES.md §4).
ROLES_SEEING_FULL_ID = frozenset({Role.ADMIN, Role.DISTRICT_REVIEWER, Role.SUBDISTRICT_CASEWORKER})


class RegionLevel(StrEnum):
    DISTRICT = "district"
    SUBDISTRICT = "subdistrict"  # 街道 or 镇
    COMMUNITY = "community"  # 社区 or 村


LEVEL_LABELS = {RegionLevel.DISTRICT: "区", RegionLevel.SUBDISTRICT: "街道(镇)", RegionLevel.COMMUNITY: "社区(村)"}

# The level of region a role's account must belong to: its region is what it sees (RULES.md §4:
# access control). A community worker at the district would see every household of the district.
# The statistics viewer (a leader) may be given any level.
ROLE_REGION_LEVELS = {
    Role.ADMIN: RegionLevel.DISTRICT,
    Role.DISTRICT_REVIEWER: RegionLevel.DISTRICT,
    Role.SUBDISTRICT_CASEWORKER: RegionLevel.SUBDISTRICT,
    Role.COMMUNITY_WORKER: RegionLevel.COMMUNITY,
}
_NEEDS = {RegionLevel.DISTRICT: "全区(区级区划)", RegionLevel.SUBDISTRICT: "一个街道或镇",
          RegionLevel.COMMUNITY: "一个社区或村"}


def region_level_problem(role: str, level: str, region_name: str) -> str:
    """Why an account of ``role`` cannot belong to the region ``region_name`` of ``level``; "" when it can."""
    needed = ROLE_REGION_LEVELS.get(Role(role))
    if needed is None or needed == level:
        return ""
    return (f"{ROLE_LABELS[Role(role)]}须属于{_NEEDS[needed]},“{region_name}”是"
            f"{LEVEL_LABELS.get(level, level)}(账号所属区划就是它能查看的范围)")


class AreaType(StrEnum):
    URBAN = "urban"
    RURAL = "rural"


AREA_LABELS = {AreaType.URBAN: "城市", AreaType.RURAL: "农村"}


class Relation(StrEnum):
    SELF = "self"
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    GRANDCHILD = "grandchild"
    SIBLING = "sibling"
    OTHER = "other"


RELATION_LABELS = {
    Relation.SELF: "本人",
    Relation.SPOUSE: "配偶",
    Relation.CHILD: "子女",
    Relation.PARENT: "父母",
    Relation.GRANDCHILD: "孙子女",
    Relation.SIBLING: "兄弟姐妹",
    Relation.OTHER: "其他",
}

# 更换户主: what a member's relation becomes when the member who was ``new head's relation`` to the
# old head becomes head, keyed (new head's relation to the old head, the member's relation to the old
# head); the old head is keyed by SELF. In-laws are written with the blood relation's word, as the
# register does (a daughter-in-law is 子女). Pairs not listed are not known from the relations alone
# (the old head's grandchild, when their child becomes head, is a child or a nephew): the user says.
_S, _P, _C, _G, _B, _O = (Relation.SPOUSE, Relation.PARENT, Relation.CHILD, Relation.GRANDCHILD, Relation.SIBLING,
                          Relation.OTHER)
RELATION_AFTER_HEAD_CHANGE: dict[tuple[str, str], Relation] = {
    (_S, Relation.SELF): _S, (_S, _C): _C, (_S, _G): _G, (_S, _P): _P, (_S, _B): _B,
    (_C, Relation.SELF): _P, (_C, _S): _P, (_C, _C): _B, (_C, _P): _O, (_C, _B): _O,
    (_P, Relation.SELF): _C, (_P, _S): _C, (_P, _C): _G, (_P, _P): _S, (_P, _B): _C,
    (_B, Relation.SELF): _B, (_B, _P): _P, (_B, _B): _B, (_B, _C): _O,
    (_G, Relation.SELF): _O, (_G, _S): _O,
    (_O, Relation.SELF): _O,
}


def relation_after_head_change(new_head_was: str, was: str) -> Relation | None:
    """A member's relation to the new head, when the relations to the old head tell it (else None)."""
    return RELATION_AFTER_HEAD_CHANGE.get((new_head_was, was))


class Health(StrEnum):
    HEALTHY = "healthy"
    CHRONIC = "chronic"
    SERIOUS = "serious"


HEALTH_LABELS = {Health.HEALTHY: "健康", Health.CHRONIC: "慢性病", Health.SERIOUS: "重病"}


class Disability(StrEnum):
    NONE = "none"
    PHYSICAL = "physical"
    VISUAL = "visual"
    HEARING = "hearing"
    SPEECH = "speech"
    INTELLECTUAL = "intellectual"
    MENTAL = "mental"
    MULTIPLE = "multiple"


DISABILITY_LABELS = {
    Disability.NONE: "无",
    Disability.PHYSICAL: "肢体",
    Disability.VISUAL: "视力",
    Disability.HEARING: "听力",
    Disability.SPEECH: "言语",
    Disability.INTELLECTUAL: "智力",
    Disability.MENTAL: "精神",
    Disability.MULTIPLE: "多重",
}

# Disability grade: 0 = none, 1..4 = 一级..四级.
GRADE_LABELS = {0: "无", 1: "一级", 2: "二级", 3: "三级", 4: "四级"}


class LabourCapacity(StrEnum):
    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"


LABOUR_LABELS = {LabourCapacity.FULL: "有", LabourCapacity.PARTIAL: "部分丧失", LabourCapacity.NONE: "无"}


class Schooling(StrEnum):
    NONE = "none"
    PRESCHOOL = "preschool"
    COMPULSORY = "compulsory"
    HIGH_SCHOOL = "high_school"
    VOCATIONAL = "vocational"
    HIGHER = "higher"


SCHOOLING_LABELS = {
    Schooling.NONE: "无",
    Schooling.PRESCHOOL: "学前",
    Schooling.COMPULSORY: "义务教育",
    Schooling.HIGH_SCHOOL: "高中",
    Schooling.VOCATIONAL: "中职",
    Schooling.HIGHER: "高等教育",
}


class Category(StrEnum):
    """Assistance category (救助类别)."""

    NONE = "none"
    DIBAO = "dibao"
    TEKUN = "tekun"
    MARGINAL = "marginal"
    EXPENDITURE = "expenditure"
    TEMPORARY = "temporary"


CATEGORY_LABELS = {
    Category.NONE: "无",
    Category.DIBAO: "低保",
    Category.TEKUN: "特困",
    Category.MARGINAL: "低保边缘",
    Category.EXPENDITURE: "支出型困难",
    Category.TEMPORARY: "临时救助",
}

# Categories whose recipients are "in assistance" (在保) when a department list is screened.
IN_ASSISTANCE = frozenset({Category.DIBAO, Category.TEKUN})


class Stage(StrEnum):
    """Where a household stands on the monitoring board (监测预警库)."""

    TO_INVESTIGATE = "to_investigate"
    TO_CHECK = "to_check"
    CLASS_I = "class_1"
    CLASS_II = "class_2"
    APPLYING = "applying"
    ASSISTED = "assisted"


STAGE_LABELS = {
    Stage.TO_INVESTIGATE: "待调查",
    Stage.TO_CHECK: "待核对",
    Stage.CLASS_I: "一类库",
    Stage.CLASS_II: "二类库",
    Stage.APPLYING: "申请中",
    Stage.ASSISTED: "救助中",
}

# The register template's 监测库别 column covers the two library classes.
LIBRARY_LABELS = {None: "无", Stage.CLASS_I: "一类库", Stage.CLASS_II: "二类库"}


class IncomeKind(StrEnum):
    WAGES = "wages"
    BUSINESS = "business"
    PROPERTY = "property"
    TRANSFER = "transfer"
    OTHER = "other"
    # 城乡居民基本养老金: counted like transfer income unless the dated setting resident_pension_exempt
    # exempts it on the assessment date (RULES.md §1.2).
    RESIDENT_PENSION = "resident_pension"


# Net incomes may be below zero (RULES.md §1.2): a business or property loss, or transfers paid out
# (taxes, social-insurance contributions, support paid to others) above those received.
NET_INCOME_KINDS = frozenset({IncomeKind.BUSINESS, IncomeKind.PROPERTY, IncomeKind.TRANSFER})

INCOME_LABELS = {
    IncomeKind.WAGES: "工资性收入",
    IncomeKind.BUSINESS: "经营净收入",
    IncomeKind.PROPERTY: "财产净收入",
    IncomeKind.TRANSFER: "转移净收入",
    IncomeKind.OTHER: "其他收入",
    IncomeKind.RESIDENT_PENSION: "城乡居民基本养老金",
}


class ExpenseKind(StrEnum):
    MEDICAL = "medical"
    EDUCATION = "education"
    OTHER_RIGID = "other_rigid"


EXPENSE_LABELS = {
    ExpenseKind.MEDICAL: "医疗支出",
    ExpenseKind.EDUCATION: "教育支出",
    ExpenseKind.OTHER_RIGID: "其他刚性支出",
}


class SourceLevel(StrEnum):
    """Where a clue came from (RULES.md §1.1)."""

    INFORMANT = "informant"  # four-level informants in the community
    VERTICAL = "vertical"
    DEPARTMENT = "department"  # horizontal: a department list


INFORMANT_LABELS = {
    "civil_affairs_director": "民政主任",
    "group_leader": "小组长",
    "volunteer": "志愿者",
    "building_head": "楼栋长",
}

VERTICAL_LABELS = {
    "third_party": "第三方",
    "grid": "网格",
    "community": "社区",
    "subdistrict": "街道",
    "district_window": "区民政窗口",
    "city_bureau": "市社会救助局",
}

DEPARTMENT_LABELS = {
    "union": "区总工会",
    "education": "教育",
    "justice": "司法",
    "hrss": "人社",
    "housing": "住保",
    "health": "卫健",
    "emergency": "应急管理",
    "medical_insurance": "医保",
    "disabled_federation": "残联",
}

SOURCES_BY_LEVEL: dict[str, dict[str, str]] = {
    SourceLevel.INFORMANT: INFORMANT_LABELS,
    SourceLevel.VERTICAL: VERTICAL_LABELS,
    SourceLevel.DEPARTMENT: DEPARTMENT_LABELS,
}


SOURCE_LEVEL_LABELS: dict[str, str] = {SourceLevel.INFORMANT: "四级信息员", SourceLevel.VERTICAL: "纵向来源",
                                        SourceLevel.DEPARTMENT: "部门推送"}

# A category's own words, given where one source or one department is wanted (clue add --source 部门,
# import department --department 部门名单): they say which kind, not which one. Keyed lower-case.
_CATEGORY_WORDS: dict[str, str] = {
    **{text: str(level) for level, text in SOURCE_LEVEL_LABELS.items()},
    **{level.value: level.value for level in SourceLevel},
    "信息员": SourceLevel.INFORMANT.value, "纵向": SourceLevel.VERTICAL.value,
    **dict.fromkeys(("部门", "横向部门", "横向来源", "部门名单", "名单", "其他部门", "其他", "departments",
                     "department list", "other department"), SourceLevel.DEPARTMENT.value),
}


def source_category(text: object) -> str | None:
    """The source level (informant, vertical, department) whose category ``text`` names —
    四级信息员, 纵向来源, 部门, 部门名单, department … — or None when it names no category."""
    name = department_name(text).lower()
    return _CATEGORY_WORDS.get(name) or _CATEGORY_WORDS.get(name.replace(" ", ""))


def category_refusal(text: str, level: str) -> str:
    """What is said when a category's word is given for one of its sources (the clue's source, the
    department that sent a list)."""
    names = "、".join(SOURCES_BY_LEVEL[level].values())
    other = f"(或{OTHER_DEPARTMENTS}的名称,如 公安局)" if level == SourceLevel.DEPARTMENT else ""
    return f"“{text.strip()}”是线索来源的类别,不是具体来源:请写其中之一:{names}{other}。"


def source_label(level: str, source: str) -> str:
    """A clue source's label, read within its level (an other department shows its own name)."""
    return SOURCES_BY_LEVEL.get(level, {}).get(source, source)


CHANNEL_LABELS = {
    "home_visit": "走访调查",
    "screening": "主动排查",
    "phone": "电话沟通",
    "wechat": "微信联系",
    "walk_in": "来访咨询",
    "petition": "上访",
}


class Track(StrEnum):
    REGULAR = "regular"
    COMMITMENT = "commitment"


TRACK_LABELS = {Track.REGULAR: "常规程序", Track.COMMITMENT: "告知承诺制"}


def label_to_code(labels: dict, text: object) -> object | None:
    """Reverse lookup of a Chinese label (exact after trimming); None when unknown."""
    if text is None:
        return None
    wanted = str(text).strip()
    for code, label in labels.items():
        if label == wanted:
            return code
    return None


# Lists also come from departments other than the nine horizontal sources (公安, 法院, 农业农村局 …):
# such an "other department" (其他部门) is kept under its own name, in place of a code, wherever the
# nine keep theirs (import_batches.department, clues.source, column_mappings.department: 32 characters).
OTHER_DEPARTMENTS = "其他部门"
MAX_DEPARTMENT_NAME = 32
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_SPACE_BY_CJK = re.compile(f"(?<=[{_CJK}]) | (?=[{_CJK}])")


def department_name(text: object) -> str:
    """A department's name as typed, tidied: NFKC (full-width letters and spaces), trimmed, inner
    whitespace one space and none beside a Chinese character ("公安 局" is 公安局), zero-width and
    other format characters dropped. "" when nothing is left."""
    name = unicodedata.normalize("NFKC", "" if text is None else str(text))
    name = "".join(ch for ch in name if unicodedata.category(ch) != "Cf")
    return _SPACE_BY_CJK.sub("", " ".join(name.split()))


def department_key(text: object) -> str:
    """What a department is kept as: the code of one of the nine (from its label, a longer name or
    the code), or else the other department's own tidied name. ValueError, with a Chinese message
    saying what is wrong, for a blank, too long or control-character name."""
    name = department_name(text)
    if not name:
        raise ValueError(f"请填写报送名单的部门名称(如 人社、医保,或{OTHER_DEPARTMENTS}的名称,如 公安局)。")
    if source_category(name) is not None:  # 部门, 部门名单: which department is not said
        raise ValueError(category_refusal(name, SourceLevel.DEPARTMENT))
    code = department_code(name)
    if code is not None:
        return code
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        shown = "".join("?" if unicodedata.category(ch) == "Cc" else ch for ch in name)[:MAX_DEPARTMENT_NAME]
        raise ValueError(f"部门名称“{shown}”含有控制字符(显示为 ?),请重新输入。")
    if len(name) > MAX_DEPARTMENT_NAME:
        raise ValueError(f"部门名称“{name[:MAX_DEPARTMENT_NAME]}…”有 {len(name)} 个字,"
                         f"最多 {MAX_DEPARTMENT_NAME} 个字,请写简称(如 区公安分局)。")
    return name


def is_other_department(key: str | None) -> bool:
    """A department kept by its own name: not one of the nine horizontal sources."""
    return bool(key) and key not in DEPARTMENT_LABELS


def department_label(key: str | None) -> str:
    """The label of one of the nine, or an other department's own name."""
    return DEPARTMENT_LABELS.get(key or "", key or "")


def department_code(text: str) -> str | None:
    """A department code from its label or a common longer name (人社局, 区医保局, 残联 …)."""
    wanted = "".join(unicodedata.normalize("NFKC", text).split())  # "人 社", full-width letters and spaces
    if "公积金" in wanted:  # 住房公积金中心 is not 住保 (housing security): an other department
        return None
    if wanted.lower() in DEPARTMENT_LABELS:  # the code itself, as scripts write it (hrss, HRSS)
        return wanted.lower()
    for code, label in DEPARTMENT_LABELS.items():
        if label == wanted or label in wanted or wanted.replace("局", "") == label:
            return code
    aliases = {"总工会": "union", "工会": "union", "教育局": "education", "司法局": "justice",
               "人社局": "hrss", "人力资源": "hrss", "社保": "hrss", "住建": "housing", "房管": "housing",
               "住房": "housing", "保障房": "housing", "教体": "education", "卫健委": "health", "卫生": "health",
               "卫计": "health", "应急": "emergency", "医疗保障": "medical_insurance", "残疾人": "disabled_federation"}
    for alias, code in aliases.items():
        if alias in wanted:
            return code
    return None
