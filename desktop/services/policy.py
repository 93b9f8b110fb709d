"""Policy settings by effective date and area: set (administrators), show, and the set in force on a date."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop.models import PolicySetting, User
from desktop.rules import policy as rules
from desktop.rules.codes import Role
from desktop.services.base import Actor, require_role, snapshot, too_early, too_long, unit_of_work
from desktop.services.database import Database
from desktop.services.errors import ServiceError, ValidationFailed


class NoPolicyInForce(ServiceError):
    """No complete set of settings is in force for a date and area."""

    code = "no_policy"


@dataclass(frozen=True)
class SettingRow:
    id: int
    name: str
    label: str
    area_type: str
    area_label: str
    effective_from: date
    value: Decimal
    display: str
    note: str
    version: int
    changed: str = ""  # when entered or last corrected, by whom: "2026-12-03 09:15 王五(admin),已更正"


@dataclass(frozen=True)
class InForceRow:
    name: str
    label: str
    area_type: str
    area_label: str
    value: Decimal | None
    display: str
    effective_from: date | None
    note: str = ""  # a yearly figure whose new value is not entered yet (rules.not_renewed)


def _row(s: PolicySetting, users: Mapping[int, str]) -> SettingRow:
    value = Decimal(s.value)
    who = users.get(s.updated_by_id, "") if s.updated_by_id is not None else "系统或命令行"
    when = s.updated_at.astimezone().strftime("%Y-%m-%d %H:%M") if s.updated_at else ""
    changed = " ".join(p for p in (when, who) if p) + (",已更正" if s.version > 1 else "")
    return SettingRow(s.id, s.name, rules.SPEC_BY_NAME[s.name].label if s.name in rules.SPEC_BY_NAME else s.name,
                      s.area_type, rules.area_label(s.area_type), s.effective_from, value,
                      rules.display_value(s.name, value) if s.name in rules.SPEC_BY_NAME else s.value, s.note,
                      s.version, changed)


def list_settings(db: Database, actor: Actor, area_type: str | None = None) -> list[SettingRow]:
    """Every dated value (newest first within each name)."""
    with unit_of_work(db, actor) as uow:
        query = select(PolicySetting)
        if area_type:  # "城市" / "urban", as the other calls here take it
            query = query.where(PolicySetting.area_type == rules.area_code(area_type))
        rows = uow.session.execute(query.order_by(PolicySetting.area_type, PolicySetting.name,
                                                  PolicySetting.effective_from.desc())).scalars().all()
        order = {n: i for i, n in enumerate(rules.NAMES)}
        ids = {s.updated_by_id for s in rows if s.updated_by_id is not None}
        users = {uid: f"{name}({username})" for uid, name, username in uow.session.execute(
            select(User.id, User.display_name, User.username).where(User.id.in_(ids)))} if ids else {}
        out = [_row(s, users) for s in rows]
        out.sort(key=lambda r: (r.area_type != "urban", order.get(r.name, 99), -r.effective_from.toordinal()))
        return out


def upcoming(rows: Sequence[SettingRow], on: date) -> list[SettingRow]:
    """Of the entries ``rows`` (:func:`list_settings`), those taking effect after ``on`` (a raise
    entered in December for 1 January), by date."""
    return sorted((r for r in rows if r.effective_from > on), key=lambda r: r.effective_from)


def upcoming_text(rows: list[SettingRow]) -> str:
    """「城市 低保标准 850.00 元/人·月(自 2027-01-01 起)」, one per entry, for the page and policy show."""
    return ";".join(f"{r.area_label} {r.label} {r.display}(自 {r.effective_from.isoformat()} 起)" for r in rows)


@dataclass(frozen=True)
class SetResult:
    written: int  # values given (a value equal to the one already entered for that date is left as it is)
    replaced: dict[str, str]  # name → the earlier value entered for the same date and area, now corrected


def set_settings(db: Database, actor: Actor, *, effective_from: date, area_type: str,
                 values: Mapping[str, Decimal | str], note: str = "") -> SetResult:
    """Enter values taking effect on a date for an area (administrators only). A value for the same
    name, area and date replaces the earlier entry (a correction: the audit log keeps both values and
    who changed it), and is returned in ``replaced``."""
    require_role(actor, Role.ADMIN, doing="修改政策参数")
    area = rules.area_code(area_type)
    parsed: dict[str, Decimal] = {}
    problems: dict[str, str] = {}
    for name, raw in values.items():
        try:
            parsed[name] = rules.parse_value(name, raw)
        except rules.PolicyValueError as exc:
            problems[name] = str(exc)
    if message := too_long(PolicySetting.note, note, "备注"):
        problems["note"] = message + "。"
    if message := too_early(effective_from, "生效日期"):
        problems["effective_from"] = message + "。"
    if problems:
        raise ValidationFailed(" ".join(problems.values()), problems)
    if not parsed:
        raise ValidationFailed("没有给出任何政策参数。")
    replaced: dict[str, str] = {}
    with unit_of_work(db, actor, write=True) as uow:
        for name, value in parsed.items():
            text = rules.format_value(name, value)
            existing = uow.session.execute(select(PolicySetting).where(
                PolicySetting.name == name, PolicySetting.area_type == area,
                PolicySetting.effective_from == effective_from)).scalar_one_or_none()
            if existing is None:
                row = uow.add(PolicySetting(name=name, area_type=area, effective_from=effective_from, value=text,
                                            note=note))
                uow.flush()
                uow.audit("policy_set", "policy_settings", row.id, after=snapshot(row),
                          detail=f"{rules.area_label(area)} {name}={text} 自 {effective_from.isoformat()} 起")
            elif existing.value != text or (note and existing.note != note):
                before = snapshot(existing)
                if existing.value != text:
                    replaced[name] = existing.value
                existing.value = text
                if note:
                    existing.note = note
                uow.touch(existing)
                uow.flush()
                uow.audit("policy_set", "policy_settings", existing.id, before=before, after=snapshot(existing),
                          detail=f"{rules.area_label(area)} {name}={text} 自 {effective_from.isoformat()} 起"
                                 + (f"(更正:同一生效日期原为 {replaced[name]})" if name in replaced else ""))
        uow.notify("policy")
        return SetResult(len(parsed), replaced)


def delete_setting(db: Database, actor: Actor, setting_id: int, expected_version: int | None = None) -> None:
    """Remove one dated value entered by mistake (administrators only)."""
    require_role(actor, Role.ADMIN, doing="删除政策参数")
    with unit_of_work(db, actor, write=True) as uow:
        row = uow.get(PolicySetting, setting_id, "政策参数")
        label = rules.SPEC_BY_NAME[row.name].label if row.name in rules.SPEC_BY_NAME else row.name
        uow.check_version(row, expected_version, f"{rules.area_label(row.area_type)}{label}(自 "
                          f"{row.effective_from.isoformat()} 起)", doing="删除")
        uow.audit("policy_delete", "policy_settings", row.id, before=snapshot(row))
        uow.session.delete(row)
        uow.notify("policy")


def _dated_values(session: Session, area_type: str, on: date) -> dict[str, tuple[Decimal, date]]:
    latest = (select(PolicySetting.name, func.max(PolicySetting.effective_from).label("eff"))
              .where(PolicySetting.area_type == area_type, PolicySetting.effective_from <= on)
              .group_by(PolicySetting.name).subquery())
    rows = session.execute(
        select(PolicySetting.name, PolicySetting.value, PolicySetting.effective_from)
        .join(latest, (latest.c.name == PolicySetting.name) & (latest.c.eff == PolicySetting.effective_from))
        .where(PolicySetting.area_type == area_type)).all()
    return {name: (Decimal(value), eff) for name, value, eff in rows}


def settings_in_force_session(session: Session, area_type: str, on: date) -> rules.PolicySettings:
    """For services already inside a unit of work. Raises NoPolicyInForce, naming what is missing."""
    dated = _dated_values(session, area_type, on)
    if not dated:
        first = session.scalar(select(func.min(PolicySetting.effective_from))
                               .where(PolicySetting.area_type == area_type))
        raise NoPolicyInForce(rules.none_in_force(area_type, on, first))
    try:
        return rules.make_settings(area_type, on, dated)
    except rules.PolicyValueError as exc:
        raise NoPolicyInForce(str(exc)) from None


def dibao_standard_session(session: Session, area_type: str, on: date) -> tuple[Decimal, date] | None:
    """The 低保 standard in force on ``on`` and the day it took effect (None when none is set)."""
    return _dated_values(session, area_type, on).get("dibao_standard")


def gradual_exit_months_session(session: Session, area_type: str, on: date) -> int:
    """The gradual exit period (就业渐退期, months) in force; NoPolicyInForce when none is set."""
    found = _dated_values(session, area_type, on).get("gradual_exit_months")
    if found is None:
        spec = rules.SPEC_BY_NAME["gradual_exit_months"]
        raise NoPolicyInForce(f"{on.isoformat()} 没有生效的{rules.area_label(area_type)}{spec.label}(gradual_exit_months)。"
                              "请管理员在“设置 → 政策参数”中录入(0 到 6 个月),或用命令 relief-desk policy set 设置。")
    return int(found[0])


def settings_in_force(db: Database, actor: Actor, area_type: str, on: date) -> rules.PolicySettings:
    with unit_of_work(db, actor) as uow:
        return settings_in_force_session(uow.session, rules.area_code(area_type), on)


def show(db: Database, actor: Actor, on: date, area_type: str | None = None) -> list[InForceRow]:
    """The value of every setting in force on a date (missing ones shown as such), per area."""
    areas = [rules.area_code(area_type)] if area_type else ["urban", "rural"]
    out: list[InForceRow] = []
    with unit_of_work(db, actor) as uow:
        for area in areas:
            dated = _dated_values(uow.session, area, on)
            for spec in rules.SPECS:
                if spec.name in dated:
                    value, eff = dated[spec.name]
                    out.append(InForceRow(spec.name, spec.label, area, rules.area_label(area), value,
                                          rules.display_value(spec.name, value), eff,
                                          rules.not_renewed(spec.name, eff, on)))
                else:
                    out.append(InForceRow(spec.name, spec.label, area, rules.area_label(area), None,
                                          f"未设置(按默认值“{spec.default}”)" if spec.default else "未设置", None))
    return out


def has_settings(db: Database) -> bool:
    with db.session_factory() as session:
        return session.execute(select(func.count()).select_from(PolicySetting)).scalar_one() > 0


def seed_default_policy(db: Database, actor: Actor | None = None, *, replace: bool = False) -> int:
    """Enter the demo district's values (marked as local policy to be confirmed) when no settings exist.
    Returns the number of values written (0 when settings already exist)."""
    actor = actor or Actor.system("seed")
    require_role(actor, Role.ADMIN, doing="录入默认政策参数")
    with unit_of_work(db, actor, write=True) as uow:
        count = uow.session.execute(select(func.count()).select_from(PolicySetting)).scalar_one()
        if count and not replace:
            return 0
        if replace:
            uow.session.execute(delete(PolicySetting))
        written = 0
        for area, by_date in rules.DEMO_POLICY.items():
            for eff, values in by_date.items():
                for name, raw in values.items():
                    value = rules.parse_value(name, raw)
                    uow.add(PolicySetting(name=name, area_type=area, effective_from=eff,
                                          value=rules.format_value(name, value), note=rules.DEMO_NOTE))
                    written += 1
        uow.audit("policy_seed", "policy_settings", None, detail=f"录入演示默认政策参数 {written} 项({rules.DEMO_NOTE})")
        uow.notify("policy")
        return written
