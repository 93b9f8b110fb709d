"""Session 37: 一门受理 does not choose the household for the clerk, and asks before one click accepts an
application (with the day, a day off said so, and the departments it refers to)."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate

from desktop.services import applications as svc
from desktop.services.errors import ServiceError
from desktop.views import application_forms as forms
from desktop.views.applications import ApplicationsPage
from desktop.views.context import AppContext
from tests.district import District
from tests.test_applications import make_household


def test_several_matches_leave_the_choice_to_the_clerk(qtbot, chinese, sqlite_district: District) -> None:  # noqa: ANN001
    d = sqlite_district
    make_household(d.db, d.regions["八泉社区"], "韩六", 2)
    make_household(d.db, d.regions["八泉社区"], "韩七", 2)
    inputs = forms.ApplicationInputs(AppContext(d.db, d.admin))
    qtbot.addWidget(inputs)
    picker = inputs.household
    picker.search.setText("韩")
    picker.find()
    assert picker.combo.count() == 2 and picker.combo.currentIndex() == -1 and picker.household_id() is None
    assert picker.combo.placeholderText() == "请从 2 户中选择"
    assert inputs.signer.text() == ""
    with pytest.raises(ServiceError, match="请先查找并选择申请的家庭"):
        inputs.values()
    picker.search.setText("韩七")
    picker.find()
    assert picker.combo.currentIndex() == 0 and picker.head_name() == "韩七"  # one match is the household
    picker.search.setText("无此人")
    picker.find()
    assert picker.combo.count() == 0 and picker.combo.placeholderText() == "未找到符合的家庭"


def test_accept_and_refer_asks_first(qtbot, chinese, sqlite_district: District,  # noqa: ANN001
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    d = sqlite_district
    hid = make_household(d.db, d.regions["八泉社区"], "周芳", 3)
    page = ApplicationsPage(AppContext(d.db, d.admin))
    qtbot.addWidget(page)
    form = page.front_desk
    form.inputs.household.set_household(hid)
    form.inputs.accepted_on.setDate(QDate(2026, 10, 3))  # 国庆 holiday
    check, need = form.departments["medical_insurance"]
    check.setChecked(True)
    need.setText("住院费用医疗救助")
    asked: list[str] = []
    answers = [False, True]
    monkeypatch.setattr(forms, "asked_yes", lambda _p, _t, question: (asked.append(question), answers.pop(0))[1])
    monkeypatch.setattr(forms.QMessageBox, "information", lambda *a, **k: None)
    assert not form.save()  # No: nothing accepted
    assert svc.application_ids_for_household(d.db, d.admin, hid) == []
    assert "周芳" in asked[0] and "低保" in asked[0] and "2026-10-03" in asked[0]
    assert "休息日" in asked[0] and "医保" in asked[0]
    assert form.save() and len(svc.application_ids_for_household(d.db, d.admin, hid)) == 1
    assert date(2026, 10, 3) == svc.get_detail(d.db, d.admin, form.result.application_id).row.accepted_on
