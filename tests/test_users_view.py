"""Staff accounts through the window: edit, stop, reset a password, change one's own."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.services import auth
from desktop.services.errors import PermissionDenied, ServiceError
from desktop.views import users as users_mod
from desktop.views.context import AppContext
from desktop.views.users import PasswordDialog, UserDialog, UsersTab
from tests.district import PASSWORD, District


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    messages: list[str] = []

    def fake_show_error(_parent: QWidget | None, exc: BaseException) -> None:
        messages.append(exc.message if isinstance(exc, ServiceError) else str(exc))

    monkeypatch.setattr(users_mod, "show_error", fake_show_error)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    return messages


def test_edit_and_stop_an_account(qtbot, sqlite_district: District, shown: list[str]) -> None:  # noqa: ANN001
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    tab = UsersTab(ctx)
    qtbot.addWidget(tab)
    row = next(i for i, u in enumerate(tab.model.rows) if u.username == "community_worker")
    tab.table.setCurrentIndex(tab.model.index(row, 0))
    user = tab.selected()
    assert user is not None
    dialog = UserDialog(ctx, tab, user)
    qtbot.addWidget(dialog)
    assert dialog.username.isReadOnly() and dialog.active.isChecked()
    dialog.display_name.setText("陈晓琴")
    dialog.region.setCurrentIndex(dialog.region.findData(d.regions["八泉街道"]))
    dialog.active.setChecked(False)
    dialog.save()
    assert shown == [] and dialog.result() == UserDialog.DialogCode.Accepted
    changed = auth.find_user(d.db, d.admin, "community_worker")
    assert (changed.display_name, changed.region_name, changed.active) == ("陈晓琴", "八泉街道", False)
    with pytest.raises(PermissionDenied):
        auth.login(d.db, "community_worker", PASSWORD)
    # the only administrator cannot stop their own account
    me = UserDialog(ctx, tab, auth.find_user(d.db, d.admin, "admin"))
    qtbot.addWidget(me)
    me.active.setChecked(False)
    me.save()
    assert shown and "唯一启用的系统管理员" in shown[-1]


def test_reset_and_change_password(qtbot, sqlite_district: District, shown: list[str]) -> None:  # noqa: ANN001
    d = sqlite_district
    worker = auth.find_user(d.db, d.admin, "community_worker")
    reset = PasswordDialog(AppContext(d.db, d.admin), None, worker)
    qtbot.addWidget(reset)
    assert not reset.old.isVisible() and reset.old.parent() is None  # no current password for a reset
    reset.new.setText("temporary1")
    reset.again.setText("temporary2")
    reset.save()
    assert shown == ["两次输入的新密码不一致。"] or shown == ["The two new passwords differ."]
    reset.again.setText("temporary1")
    reset.save()
    assert len(shown) == 1
    me = auth.login(d.db, "community_worker", "temporary1")
    own = PasswordDialog(AppContext(d.db, me))
    qtbot.addWidget(own)
    own.old.setText("wrong")
    own.new.setText("my-own-secret")
    own.again.setText("my-own-secret")
    own.save()
    assert "当前密码不正确" in shown[-1]
    own.old.setText("temporary1")
    own.save()
    assert auth.login(d.db, "community_worker", "my-own-secret").username == "community_worker"


def test_a_window_whose_account_was_stopped_says_so_once_and_closes(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.services.errors import AccountChanged
    from desktop.views import errors as errors_mod

    d = sqlite_district
    worker = d.actor("community_worker")
    auth.update_user(d.db, d.admin, auth.find_user(d.db, d.admin, "community_worker").id, active=False)
    told: list[str] = []
    quits: list[bool] = []
    monkeypatch.setattr(errors_mod, "_account_change_told", False)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: told.append(text))
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))
    for _ in range(3):  # every open page refreshing after the change
        try:
            auth.change_password(d.db, worker, PASSWORD, "another-one")
        except AccountChanged as exc:
            errors_mod.show_error(None, exc)
    assert len(told) == 1 and "已停用" in told[0] and quits == [True]


def test_account_form_fields_have_their_alt_keys(qtbot, sqlite_district: District) -> None:  # noqa: ANN001
    """The account form's labels had no Alt key (用户名:, 角色: …), unlike the password form beside it:
    from the keyboard the role and region could only be reached by tabbing through every field."""
    from PySide6.QtWidgets import QFormLayout, QLabel

    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    for user in (None, auth.find_user(d.db, d.admin, "community_worker")):
        dialog = UserDialog(ctx, None, user)
        qtbot.addWidget(dialog)
        form = dialog.findChild(QFormLayout)
        fields = [dialog.display_name, dialog.role, dialog.region] + ([dialog.password] if user is None else [])
        keys = []
        for field in fields:
            label = form.labelForField(field)
            assert isinstance(label, QLabel) and label.buddy() is field and "&" in label.text(), label
            keys.append(label.text().split("&")[1][0].lower())
        if user is not None:
            assert "&" in dialog.active.text()
            keys.append(dialog.active.text().split("&")[1][0].lower())
        assert len(keys) == len(set(keys))  # no two fields share a key
