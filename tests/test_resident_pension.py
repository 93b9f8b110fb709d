"""The basic resident pension (城乡居民基本养老金): its own kind of income, counted like transfer income
unless the dated policy setting resident_pension_exempt exempts it (RULES.md §1.2)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from desktop import cli
from desktop.io import register_template
from desktop.rules import means_test as mt
from desktop.rules import policy as P
from desktop.rules.codes import INCOME_LABELS, IncomeKind, Role
from desktop.services import assessment as svc
from desktop.services import policy
from desktop.services.errors import ValidationFailed
from tests.district import District
from tests.test_assessment import _request, _sheet, add_household
from tests.test_means_test import demo_settings, person

ON = date(2026, 3, 1)
PENSION = IncomeKind.RESIDENT_PENSION.value


# -- the setting's values --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [("是", 1), ("否", 0), (" 是 ", 1), ("yes", 1), ("NO", 0), ("1", 1),
                                             ("0", 0), ("true", 1), ("False", 0)])
def test_the_exemption_is_written_yes_or_no(text: str, value: int) -> None:
    parsed = P.parse_value("resident_pension_exempt", text)
    assert parsed == D(value)
    assert P.format_value("resident_pension_exempt", parsed) == str(value)
    assert P.display_value("resident_pension_exempt", parsed) == ("是" if value else "否")


@pytest.mark.parametrize("text", ["也许", "2", "", "50%", "是否"])
def test_a_bad_yes_or_no_is_refused_in_chinese(text: str) -> None:
    with pytest.raises(P.PolicyValueError) as refused:
        P.parse_value("resident_pension_exempt", text)
    assert str(refused.value) == (f"城乡居民基本养老金不计入收入(resident_pension_exempt)的值“{text}”无法识别,"
                                  "应为“是”或“否”。")


def test_the_kind_has_its_label_and_no_template_column() -> None:
    assert INCOME_LABELS[IncomeKind.RESIDENT_PENSION] == "城乡居民基本养老金"
    # the register template is fixed by issue 4: no column of its own
    assert "城乡居民基本养老金" not in register_template.HEADER
    assert set(register_template.INCOME_COLUMNS.values()) == set(IncomeKind) - {IncomeKind.RESIDENT_PENSION}


# -- the means test --------------------------------------------------------------------------------

def _facts(*, ticked: str = "0") -> mt.HouseholdFacts:
    incomes = [mt.IncomeItem("wages", D("12000")), mt.IncomeItem(PENSION, D("2400"))]
    if D(ticked):
        incomes.append(mt.IncomeItem(PENSION, D(ticked), exempt=True))
    return mt.HouseholdFacts((person("甲"), person("乙")), tuple(incomes))


def test_not_set_the_pension_is_counted_and_shown() -> None:
    r = mt.assess(_facts(), demo_settings(), ON)
    assert r.total_income == D("14400") and r.pension_exempt_income == 0
    assert r.income_by_kind[PENSION] == D("2400")
    text = r.explanation
    assert "工资性收入 12,000.00 元 + 城乡居民基本养老金 2,400.00 元 = 14,400.00 元" in text
    assert ("城乡居民基本养老金 2,400.00 元:政策参数“城乡居民基本养老金不计入收入”(resident_pension_exempt)"
            "未设置(默认“否”),按转移性收入计入家庭收入。") in text


def test_set_to_no_the_pension_is_counted_naming_the_setting() -> None:
    r = mt.assess(_facts(), demo_settings(resident_pension_exempt="否"), ON)
    assert r.total_income == D("14400")
    assert ("城乡居民基本养老金 2,400.00 元:政策参数“城乡居民基本养老金不计入收入”(resident_pension_exempt)"
            "为“否”(2024-01-01 起执行),按转移性收入计入家庭收入。") in r.explanation


def test_set_to_yes_the_pension_is_not_counted_and_the_explanation_says_so() -> None:
    r = mt.assess(_facts(), demo_settings(resident_pension_exempt="是"), ON)
    assert r.total_income == D("12000") and r.pension_exempt_income == D("2400")
    assert r.income_by_kind[PENSION] == 0 and r.exempt_income == 0
    assert r.per_capita_monthly == D("500.00")  # 12,000 / 12 / 2
    text = r.explanation
    assert "近12个月家庭总收入:工资性收入 12,000.00 元 = 12,000.00 元。" in text
    assert ("城乡居民基本养老金 2,400.00 元:按政策参数“城乡居民基本养老金不计入收入”(resident_pension_exempt)"
            "为“是”(2024-01-01 起执行),不计入家庭收入。") in text
    assert r.summary()["pension_exempt_income"] == "2400.00"


@pytest.mark.parametrize("exempt", ["是", "否", None])
def test_a_line_ticked_not_counted_stays_not_counted(exempt: str | None) -> None:
    s = demo_settings(**({"resident_pension_exempt": exempt} if exempt else {}))
    r = mt.assess(_facts(ticked="600"), s, ON)
    assert r.exempt_income == D("600")
    assert r.total_income == (D("12000") if exempt == "是" else D("14400"))


def test_without_a_pension_line_nothing_is_said_of_it() -> None:
    facts = mt.HouseholdFacts((person("甲"),), (mt.IncomeItem("wages", D("12000")),))
    assert "养老金" not in mt.assess(facts, demo_settings(resident_pension_exempt="是"), ON).explanation


def test_the_brief_calculation_leaves_the_pension_out_the_same_way() -> None:
    members = [(date(1980, 6, 1), "healthy", "none", 0, "甲"), (date(1980, 6, 1), "healthy", "none", 0, "乙")]
    for exempt, total in (("是", D("12000")), ("否", D("14400"))):
        s = demo_settings(resident_pension_exempt=exempt)
        brief = mt.assess_brief(members, D("14400"), D(0), D(0), False, s, ON, pension=D("2400"))
        full = mt.assess(_facts(), s, ON)
        assert brief.total_income == full.total_income == total
        assert brief.per_capita_monthly == full.per_capita_monthly


def test_frozen_settings_record_the_exemption_when_in_force() -> None:
    assert "resident_pension_exempt" not in demo_settings().frozen()  # not set: the default, 否, was used
    assert demo_settings(resident_pension_exempt="否").frozen()["resident_pension_exempt"] == {
        "value": "0", "effective_from": "2024-01-01", "area_type": "urban"}
    assert demo_settings(resident_pension_exempt="是").frozen()["resident_pension_exempt"] == {
        "value": "1", "effective_from": "2024-01-01", "area_type": "urban"}


# -- services, on both databases --------------------------------------------------------------------

@pytest.fixture
def seeded(district: District) -> District:
    assert policy.seed_default_policy(district.db) > 0
    return district


def test_the_setting_on_and_off_around_a_date(seeded: District) -> None:
    db, admin = seeded.db, seeded.admin
    assert not policy.settings_in_force(db, admin, "城市", ON).pension_exempt()  # not set: counted
    policy.set_settings(db, admin, effective_from=date(2026, 7, 1), area_type="城市",
                        values={"resident_pension_exempt": "是"})
    policy.set_settings(db, admin, effective_from=date(2027, 1, 1), area_type="城市",
                        values={"resident_pension_exempt": "否"})
    assert not policy.settings_in_force(db, admin, "城市", date(2026, 6, 30)).pension_exempt()
    assert policy.settings_in_force(db, admin, "城市", date(2026, 7, 1)).pension_exempt()
    assert policy.settings_in_force(db, admin, "城市", date(2026, 12, 31)).pension_exempt()
    assert not policy.settings_in_force(db, admin, "城市", date(2027, 1, 1)).pension_exempt()
    assert not policy.settings_in_force(db, admin, "农村", date(2026, 8, 1)).pension_exempt()  # per area
    shown = {(r.area_type, r.name): r.display for r in policy.show(db, admin, date(2026, 8, 1))}
    assert shown[("urban", "resident_pension_exempt")] == "是"
    assert shown[("rural", "resident_pension_exempt")] == "未设置(按默认值“否”)"
    with pytest.raises(ValidationFailed, match="应为“是”或“否”"):
        policy.set_settings(db, admin, effective_from=date(2027, 1, 1), area_type="城市",
                            values={"resident_pension_exempt": "大概"})
    assert not policy.settings_in_force(db, admin, "城市", date(2027, 1, 1)).pension_exempt()  # nothing written


def test_saved_assessment_keeps_the_setting_and_reassess_uses_the_new_value(seeded: District,
                                                                          tmp_path: Path) -> None:
    db, admin = seeded.db, seeded.admin
    actor = seeded.actor(Role.SUBDISTRICT_CASEWORKER)
    # two people, 18,000 wages + 2,400 pension: 850.00 a month counted (not 低保 under 780), 750.00 without
    hid = add_household(db, seeded.regions["八泉社区"], [{"name": "养甲"}, {"name": "养乙"}],
                        incomes={"wages": "18000", PENSION: "2400"})
    inputs = svc.load_household(db, actor, hid)
    assert any(i.kind == PENSION for i in inputs.incomes)
    pv = svc.preview(db, actor, hid, inputs.facts(), ON)
    assert pv.result.per_capita_monthly == D("850.00") and pv.result.category == "marginal"
    saved = svc.save_assessment(db, actor, _request(inputs, mt.CLASS_1))
    before = svc.get_assessment(db, actor, saved.assessment_id)
    assert "resident_pension_exempt" not in before.settings  # not set on that date: the default, 否
    assert "城乡居民基本养老金 2,400.00 元:政策参数“城乡居民基本养老金不计入收入”(resident_pension_exempt)未设置(默认“否”)" \
        in before.explanation

    out = tmp_path / "r.xlsx"
    summary = svc.reassess(db, admin, as_of=ON, out_path=out)
    assert summary.proposals == []  # saved as 低保边缘, still 低保边缘
    row = _sheet(out)[0]
    assert row["月人均收入"] == 850.0 and row["年总收入"] == 20400.0

    policy.set_settings(db, admin, effective_from=date(2026, 2, 1), area_type="城市",
                        values={"resident_pension_exempt": "是"})
    summary = svc.reassess(db, admin, as_of=ON, out_path=out)
    assert summary.settings_used["urban"]["resident_pension_exempt"]["value"] == "1"
    assert [(p.household_id, p.suggested_category) for p in summary.proposals] == [(hid, "dibao")]
    row = _sheet(out)[0]
    assert row["月人均收入"] == 750.0 and row["建议类别"] == "低保" and row["年总收入"] == 18000.0
    # the saved assessment keeps the value it used
    kept = svc.get_assessment(db, actor, saved.assessment_id)
    assert "resident_pension_exempt" not in kept.settings and kept.result["per_capita_monthly"] == "850.00"
    assert kept.explanation == before.explanation
    # a new assessment on the same date uses the new value
    inputs = svc.load_household(db, actor, hid)
    pv = svc.preview(db, actor, hid, inputs.facts(), ON)
    assert pv.result.per_capita_monthly == D("750.00") and pv.result.category == "dibao"
    assert pv.settings.frozen()["resident_pension_exempt"] == {"value": "1", "effective_from": "2026-02-01",
                                                               "area_type": "urban"}
    assert "不计入家庭收入" in pv.result.explanation
    second = svc.save_assessment(db, actor, _request(inputs, mt.APPLY))
    # the district turns the exemption off again: re-assessment counts the pension, the saved one keeps 是
    policy.set_settings(db, admin, effective_from=date(2026, 2, 15), area_type="城市",
                        values={"resident_pension_exempt": "否"})
    svc.reassess(db, admin, as_of=ON, out_path=out)
    assert _sheet(out)[0]["月人均收入"] == 850.0
    kept = svc.get_assessment(db, actor, second.assessment_id)
    assert kept.settings["resident_pension_exempt"] == {"value": "1", "effective_from": "2026-02-01",
                                                        "area_type": "urban"}
    assert kept.result["per_capita_monthly"] == "750.00" and kept.result["pension_exempt_income"] == "2400.00"


# -- the command line ---------------------------------------------------------------------------------

def test_policy_set_and_show_the_exemption(seeded: District, capsys: pytest.CaptureFixture[str]) -> None:
    url = seeded.db.url.render_as_string(hide_password=False)
    assert cli.main(["policy", "set", "--effective", "2026-07-01", "--area", "农村", "resident_pension_exempt=是",
                     "--database-url", url]) == 0
    assert "已设置农村政策参数 1 项" in capsys.readouterr().out
    assert cli.main(["policy", "show", "--date", "2026-07-01", "--area", "农村", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "城乡居民基本养老金不计入收入(resident_pension_exempt):是(自 2026-07-01 起)" in out
    assert cli.main(["policy", "show", "--date", "2026-06-30", "--area", "农村", "--json",
                     "--database-url", url]) == 0
    assert json.loads(capsys.readouterr().out)["settings"]["农村"]["resident_pension_exempt"] is None
    assert cli.main(["policy", "show", "--date", "2026-07-01", "--area", "农村", "--json",
                     "--database-url", url]) == 0
    assert json.loads(capsys.readouterr().out)["settings"]["农村"]["resident_pension_exempt"] == {
        "value": "1", "effective_from": "2026-07-01"}
    assert cli.main(["policy", "set", "--effective", "2026-08-01", "--area", "农村", "resident_pension_exempt=也许",
                     "--database-url", url]) == 1
    captured = capsys.readouterr()
    assert "城乡居民基本养老金不计入收入(resident_pension_exempt)的值“也许”无法识别,应为“是”或“否”。" in captured.err
    assert "Traceback" not in captured.err


def test_policy_show_warns_only_of_settings_an_assessment_needs(seeded: District,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The demo values leave the optional settings unset (employment costs, the pension exemption):
    show said assessments could not run though they can."""
    url = seeded.db.url.render_as_string(hide_password=False)
    assert cli.main(["policy", "show", "--date", "2026-03-01", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "未设置(按默认值“否”)" in out and "评估将无法进行" not in out
    assert cli.main(["policy", "show", "--date", "2023-12-31", "--area", "城市", "--database-url", url]) == 0
    assert f"有 {len(P.missing_names({}))} 项参数在该日没有生效的值" in capsys.readouterr().out


# -- the views ------------------------------------------------------------------------------------------

def test_the_wizard_and_the_household_editor_offer_the_pension(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    from desktop.services import households as hs
    from desktop.views.context import AppContext
    from desktop.views.household_detail import HouseholdDetailDialog, MoneyDialog
    from tests.test_assessment_views import wizard_at_incomes

    d = sqlite_district
    policy.seed_default_policy(d.db)
    policy.set_settings(d.db, d.admin, effective_from=date(2026, 1, 1), area_type="城市",
                        values={"resident_pension_exempt": "是"})
    hid = add_household(d.db, d.regions["八泉社区"], [{"name": "老张", "born": date(1950, 1, 1)}],
                        incomes={"wages": "3000", PENSION: "1800"})
    ctx = AppContext(d.db, d.admin)
    detail = HouseholdDetailDialog(ctx, hid)
    qtbot.addWidget(detail)
    dialog = MoneyDialog(detail, "income", None)
    qtbot.addWidget(dialog)
    at = dialog.kind_combo.findData(PENSION)
    assert at >= 0 and dialog.kind_combo.itemText(at) == "城乡居民基本养老金"
    version = hs.get_household(d.db, d.admin, hid).version
    hs.add_income(d.db, d.admin, hid, version, {"kind": PENSION, "amount": "600", "period_end": "2026-01-31"})

    wiz = wizard_at_incomes(qtbot, ctx, hid)
    assert (PENSION, "城乡居民基本养老金") in wiz.incomes.kinds
    head_id = wiz.inputs.members[0].id
    pension = wiz.incomes.fields[(head_id, PENSION)]
    assert pension.text() == "1800.00"
    assert wiz.incomes.fields[(-1, PENSION)].text() == "600.00"  # the line added in the editor, for the household
    pension.clear()
    qtbot.keyClicks(pension, "-5")
    assert pension.text() == "5"  # a pension received is not a net figure: no minus sign
    pension.setText("2400")
    assert [i for i in wiz.incomes.items() if i.kind == PENSION] == [
        mt.IncomeItem(PENSION, D("2400"), False, head_id), mt.IncomeItem(PENSION, D("600.00"), False, None)]
    wiz.incomes.update_total()  # the running line kept the pension apart: whether it counts is the setting's
    page = wiz.incomes
    assert page.total.text() == (
        page.tr("Counted income over 12 months: %1 yuan; not counted: %2 yuan").replace("%1", "3,000.00")
        .replace("%2", "0.00")
        + page.tr("; basic resident pension %1 yuan, counted or not as the policy setting says").replace("%1", "3,000.00"))
    wiz.next()
    wiz.next()
    wiz.verification.methods["data_check"].setChecked(True)
    wiz.verification.investigators.setText("王芳、李强")
    wiz.next()
    assert wiz.currentPage() is wiz.result  # the setting in force (是) leaves the pension out, and says so
    assert "城乡居民基本养老金 3,000.00 元:按政策参数" in wiz.result.explanation.toPlainText()
    assert wiz.preview.result.pension_exempt_income == D("3000") and wiz.preview.result.total_income == D("3000")


def test_the_policy_tab_edits_the_exemption(qtbot, sqlite_district: District, monkeypatch) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    from desktop.views.context import AppContext
    from desktop.views.policy_settings import PolicySettingsTab

    seen: list[str] = []
    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda _p, _t, text, *_a: seen.append(text)))
    d = sqlite_district
    policy.seed_default_policy(d.db)
    tab = PolicySettingsTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    dialog = tab.add_values()
    dialog.effective.setDate(date(2027, 1, 1))
    field = dialog.fields["resident_pension_exempt"]
    assert field.text() == "" and field.placeholderText() == "是 或 否"
    field.setText("不知道")
    dialog.save()
    assert seen and "应为“是”或“否”" in seen[-1]
    field.setText("是")
    assert dialog.changed_values() == {"resident_pension_exempt": "是"}
    dialog.save()
    assert policy.settings_in_force(d.db, d.admin, "城市", date(2027, 1, 1)).pension_exempt()
    again = tab.add_values()
    again.effective.setDate(date(2027, 3, 1))
    assert again.fields["resident_pension_exempt"].text() == "是"  # the value in force, as it is typed
    assert again.changed_values() == {}
