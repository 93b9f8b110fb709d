"""A 低保 decision's monthly amount by the difference to the standard (社会救助暂行办法 art. 13): the decision
dialog proposed nothing and took any amount, so a clerk worked it out by hand from the assessment and a typo
(5400 for 540) was approved without a word."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.rules import means_test as mt
from desktop.services import applications as svc
from desktop.services import assessment as asvc
from desktop.services import policy
from desktop.views import application_forms as forms
from desktop.views.context import AppContext
from tests.district import District
from tests.test_applications import regular_steps
from tests.test_assessment import _request, add_household


def test_the_allowance_is_the_difference_to_the_standard_times_the_members() -> None:
    assert mt.dibao_allowance(D("780"), D("510.00"), 2) == D("540.00")
    assert mt.dibao_allowance(D("780"), D("779.99"), 3) == D("0.03")
    assert mt.dibao_allowance(D("780"), D("780.00"), 3) == D("0.00")  # not below: nothing
    assert mt.dibao_allowance(D("780"), D("-20.00"), 1) == D("780.00")  # a loss counts as no income (session 37)


def assessed_dibao(d: District) -> tuple[int, int]:
    """赵大 and 赵二: 14,400 × 85% / 12 / 2 = 510.00 a month each, below 780: 低保 accepted and ready to decide."""
    policy.seed_default_policy(d.db)
    hid = add_household(d.db, d.regions["八泉社区"], [
        {"name": "赵大", "born": date(1960, 2, 1), "health": "serious"},
        {"name": "赵二", "born": date(2015, 5, 5), "schooling": "compulsory"}],
        incomes={"wages": "12000", "transfer": "2400"})
    inputs = asvc.load_household(d.db, d.admin, hid)
    asvc.save_assessment(d.db, d.admin, _request(inputs, mt.APPLY))
    app = svc.accept(d.db, d.admin, household_id=hid, category="dibao", accepted_on=date(2026, 3, 2))
    regular_steps(d, app, date(2026, 3, 2))
    return hid, app


def test_the_open_dibao_application_carries_the_assessment_figures(district: District) -> None:
    d = district
    hid, app = assessed_dibao(d)
    basis = svc.get_detail(d.db, d.admin, app).allowance
    assert basis is not None
    assert (basis.standard, basis.per_capita_income, basis.members, basis.members_now) == (D("780.00"), D("510.00"), 2, 2)
    assert (basis.allowance, basis.full) == (D("540.00"), D("1560.00"))
    assert basis.exceeded_by("１，５６０．０１") and not basis.exceeded_by("1,560") and not basis.exceeded_by("五百")
    assert basis.standard_paid is None  # the standard assessed is the one paid
    # a raise entered for 1 January: a decision in December pays from January at the new standard
    policy.set_settings(d.db, d.admin, effective_from=date(2027, 1, 1), area_type="urban",
                        values={"dibao_standard": "800"})
    raised = svc.get_detail(d.db, d.admin, app, as_of=date(2026, 12, 20)).allowance
    assert raised is not None and (raised.standard_paid, raised.standard_since) == (D("800.00"), date(2027, 1, 1))
    assert svc.get_detail(d.db, d.admin, app, as_of=date(2026, 11, 20)).allowance.standard_paid is None
    svc.decide(d.db, d.admin, app, approve=True, on=date(2026, 3, 16), amount="540")
    assert svc.get_detail(d.db, d.admin, app).allowance is None  # decided: nothing left to propose
    # another category is not paid by the difference: nothing proposed
    temporary = svc.accept(d.db, d.admin, household_id=hid, category="temporary", temporary_kind="expenditure",
                           accepted_on=date(2026, 3, 17))
    assert svc.get_detail(d.db, d.admin, temporary).allowance is None


def test_the_decision_dialog_proposes_the_allowance_and_asks_above_the_full_amount(
        qtbot, sqlite_district: District, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    d = sqlite_district
    _hid, app = assessed_dibao(d)
    asked: list[str] = []

    def question(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN202
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = forms.DecisionDialog(AppContext(d.db, d.admin), svc.get_detail(d.db, d.admin, app))
    qtbot.addWidget(dialog)
    dialog.on.setDate(date(2026, 3, 16))
    assert dialog.amount.text() == "540.00"
    text = dialog.basis.text()
    assert "780.00" in text and "510.00" in text and "× 2" in text and "540.00" in text and "again" not in text
    dialog.amount.setText("5400")  # a zero too many
    dialog.accept()
    assert len(asked) == 1 and "1,560.00" in asked[0]
    assert svc.get_detail(d.db, d.admin, app).row.status == "open"  # answered No: nothing decided
    dialog.amount.setText("540")
    dialog.accept()
    assert len(asked) == 1 and svc.get_detail(d.db, d.admin, app).row.amount == D("540.00")


def test_a_household_grown_since_the_assessment_is_told_to_be_assessed_again(
        qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    from desktop.models import Household

    d = sqlite_district
    hid, app = assessed_dibao(d)
    with d.db.session_factory() as s:  # a child born since (the register says 3 now)
        s.get(Household, hid).member_count = 3
        s.commit()
    dialog = forms.DecisionDialog(AppContext(d.db, d.admin), svc.get_detail(d.db, d.admin, app))
    qtbot.addWidget(dialog)
    assert "3 member(s) now, 2 when assessed" in dialog.basis.text()


def test_a_second_sample_does_not_draw_a_family_whose_spot_check_is_still_open(district: District) -> None:
    """A second sample drawn on purpose (the first too small) drew families of the first whose check was not
    done yet: each then had two spot checks open at once. They are left out and counted."""
    from tests.test_applications import _commitment_approved

    d = district
    first_app, second_app = _commitment_approved(d, "赵敏"), _commitment_approved(d, "钱进")
    first = svc.draw_spot_check(d.db, d.admin, on=date(2026, 3, 1), count=1, seed=5)
    drawn = first.rows[0].application_id
    second = svc.draw_spot_check(d.db, d.admin, on=date(2026, 3, 2), count=2, seed=5)
    assert [r.application_id for r in second.rows] == [({first_app, second_app} - {drawn}).pop()]
    assert (second.population_size, second.under_check) == (1, 1)
    assert svc.verify_sample(d.db, d.admin, second.id)
    with pytest.raises(svc.ValidationFailed, match="2 户的抽查尚未完成"):
        svc.draw_spot_check(d.db, d.admin, on=date(2026, 3, 3), count=1)
    check = next(c for c in svc.get_detail(d.db, d.admin, drawn).post_checks if c.kind == "spot")
    svc.record_post_check(d.db, d.admin, check.id, on=date(2026, 3, 5), passed=True, today=date(2026, 6, 1))
    third = svc.draw_spot_check(d.db, d.admin, on=date(2026, 3, 6), count=1, seed=7)  # done: drawn again
    assert [r.application_id for r in third.rows] == [drawn] and third.under_check == 1


def test_reassess_gives_each_dibao_household_its_allowance_and_the_month_in_all(
        db, tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    """A raise of the standard: what it costs a month was worked out by hand from the workbook."""
    import json

    from tests.test_reassess_acceptance import A, read_result, run, setup_district

    url = db.url.render_as_string(hide_password=False)
    setup_district(url, tmp_path, capsys)
    out = tmp_path / "重新评估.xlsx"
    capsys.readouterr()
    assert run("reassess", "--as-of", A.isoformat(), "--out", str(out), "--json", "--database-url", url) == 0
    summary = json.loads(capsys.readouterr().out)
    got, _ = read_result(out)
    total = D("0.00")
    for code, row in got.items():
        if row["建议类别"] == "低保":
            expected = (D(str(row["适用低保标准"])) - D(str(row["月人均收入"]))) * row["家庭人口"]
            assert D(str(row["按差额月保障金"])).quantize(D("0.01")) == expected.quantize(D("0.01")), code
            total += expected
        else:
            assert row["按差额月保障金"] is None, code
    assert summary["by_category"]["低保"] > 0 and D(summary["dibao_allowance_monthly"]) == total.quantize(D("0.01"))
    assert run("reassess", "--as-of", A.isoformat(), "--out", str(out), "--database-url", url) == 0
    assert f"每月保障金合计 {total:,.2f} 元" in capsys.readouterr().out
