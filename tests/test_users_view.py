"""Staff accounts through the window: edit, stop, reset a password, change one's own."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from desktop.services import auth
from desktop.services.errors import PermissionDenied, ServiceError
from desktop.views import users as users_mod
from desktop.views.context import AppContext
from desktop.views.operations import wait_for_background
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
    dialog.region.setCurrentIndex(dialog.region.findData(d.regions["八泉社区"]))
    dialog.active.setChecked(False)
    dialog.save()
    assert shown == [] and dialog.result() == UserDialog.DialogCode.Accepted
    changed = auth.find_user(d.db, d.admin, "community_worker")
    assert (changed.display_name, changed.region_name, changed.active) == ("陈晓琴", "八泉社区", False)
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
    assert wait_for_background()
    assert len(shown) == 1
    me = auth.login(d.db, "community_worker", "temporary1")
    own = PasswordDialog(AppContext(d.db, me))
    qtbot.addWidget(own)
    own.old.setText("wrong")
    own.new.setText("my-own-secret")
    own.again.setText("my-own-secret")
    own.save()
    assert wait_for_background()
    assert "当前密码不正确" in shown[-1]
    own.old.setText("temporary1")
    own.save()
    assert wait_for_background()
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


def test_the_users_page_follows_changes_made_elsewhere(qtbot, sqlite_district: District,  # noqa: ANN001
                                                       shown: list[str]) -> None:
    """The users page did not refresh when another workstation (or another page) changed an account,
    and the account form published no change notice."""
    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    tab = UsersTab(ctx)
    qtbot.addWidget(tab)
    row = next(i for i, u in enumerate(tab.model.rows) if u.username == "supervisor")
    tab.table.selectRow(row)
    # another workstation adds an account: its change notice reaches this window as ("users", id)
    auth.add_user(d.db, d.admin, username="elsewhere", password=PASSWORD, role="supervisor")
    ctx.changes.publish("users", 0)
    assert "elsewhere" in [u.username for u in tab.model.rows]
    assert tab.model.rows[tab.table.currentIndex().row()].username == "supervisor"  # the selection stays
    # the account form publishes what it saved
    published: list[tuple[str, int]] = []
    ctx.changes.changed.connect(lambda topic, ident: published.append((topic, ident)))
    dialog = UserDialog(ctx, tab, auth.find_user(d.db, d.admin, "elsewhere"))
    qtbot.addWidget(dialog)
    dialog.display_name.setText("别处添加")
    dialog.save()
    assert shown == [] and ("users", dialog.user.id) in published
    assert next(u for u in tab.model.rows if u.username == "elsewhere").display_name == "别处添加"
    added = UserDialog(ctx, tab)
    qtbot.addWidget(added)
    added.username.setText("newcomer")
    added.password.setText("newcomer1")
    added.save()
    assert shown == [] and "newcomer" in [u.username for u in tab.model.rows]
    reset = PasswordDialog(ctx, tab, auth.find_user(d.db, d.admin, "newcomer"))
    qtbot.addWidget(reset)
    reset.new.setText("another-1")
    reset.again.setText("another-1")
    reset.save()
    assert wait_for_background()
    assert shown == [] and published[-1] == ("users", reset.user.id)


def test_postgresql_tells_other_workstations_about_accounts(district: District) -> None:
    """The account services queue a change notice (sent on commit on PostgreSQL)."""
    from desktop.services import base

    sent: list[tuple[str, int]] = []
    original = base.UnitOfWork.commit

    def commit(self) -> None:  # noqa: ANN001
        sent.extend(self.topics)
        original(self)

    base.UnitOfWork.commit = commit
    try:
        uid = auth.add_user(district.db, district.admin, username="noticed", password=PASSWORD, role="supervisor")
        auth.update_user(district.db, district.admin, uid, display_name="有通知")
        auth.reset_password(district.db, district.admin, uid, "another-1")
    finally:
        base.UnitOfWork.commit = original
    assert sent.count(("users", uid)) == 3


def test_the_account_form_offers_only_regions_of_the_roles_level(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                 shown: list[str]) -> None:
    """The form offered every region for every role: a community worker could be put at the district
    and then saw every household of it."""
    d = sqlite_district
    dialog = UserDialog(AppContext(d.db, d.admin))
    qtbot.addWidget(dialog)

    def offered(role: str) -> set[int]:
        dialog.role.setCurrentIndex(dialog.role.findData(role))
        return {dialog.region.itemData(i) for i in range(dialog.region.count())}

    communities = {d.regions[n] for n in ("八泉社区", "飞云社区", "闸口社区", "道仕袱村")}
    assert offered("community_worker") == communities
    assert "八泉街道" in dialog.region.itemText(dialog.region.findData(d.regions["飞云社区"]))
    assert offered("subdistrict_caseworker") == {d.regions["八泉街道"], d.regions["河口镇"]}
    assert offered("admin") == {d.root_id} and dialog.region.currentData() == d.root_id
    assert offered("supervisor") == set(d.regions.values())
    dialog.role.setCurrentIndex(dialog.role.findData("community_worker"))
    dialog.username.setText("newcomer")
    dialog.password.setText("newcomer1")
    dialog.save()  # no community chosen yet
    assert shown and dialog.result() != UserDialog.DialogCode.Accepted


def test_an_account_at_the_wrong_level_is_flagged_in_the_list(qtbot, sqlite_district: District,  # noqa: ANN001
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Accounts made before roles were checked against the region's level (a community worker placed
    at a sub-district sees the whole sub-district) were listed as if nothing were wrong."""
    from desktop.cli import main as cli_main
    from desktop.models import User

    d = sqlite_district
    with d.db.session_factory() as session:  # as an older version let an administrator make it
        user = session.query(User).filter_by(username="community_worker").one()
        user.region_id = d.regions["八泉街道"]
        session.commit()
    listed = {u.username: u for u in auth.list_users(d.db, d.admin)}
    assert "社区工作人员须属于" in listed["community_worker"].problem and "八泉街道" in listed["community_worker"].problem
    assert listed["admin"].problem == ""
    tab = UsersTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    row = next(i for i, u in enumerate(tab.model.rows) if u.username == "community_worker")
    assert "八泉街道" in tab.model.index(row, 5).data()
    assert cli_main(["--database-url", str(d.db.url), "user", "list"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "\tcommunity_worker\t" in x)
    assert "注意:社区工作人员须属于" in line and "user set" in line


def test_the_login_dialog_counts_down_and_says_until_when_an_account_is_locked(qtbot,  # noqa: ANN001
                                                                              sqlite_district: District) -> None:
    import re

    from desktop.views.login import LoginDialog

    d = sqlite_district
    dialog = LoginDialog(d.db, "community_worker")
    qtbot.addWidget(dialog)
    for left in (4, 3, 2, 1):
        dialog.password.setText("wrong")
        dialog.try_login()
        assert wait_for_background()
        assert dialog.actor is None and f"还可再试 {left} 次" in dialog.message.text()
    dialog.password.setText("wrong")
    dialog.try_login()
    assert wait_for_background()
    until = re.search(r"已被锁定至 ((\d+月\d+日 )?\d\d:\d\d)", dialog.message.text())
    assert until, dialog.message.text()
    dialog.password.setText(PASSWORD)  # the right one, too late
    dialog.try_login()
    assert wait_for_background()
    assert dialog.actor is None and until.group(1) in dialog.message.text()
    # a name that is no account is told the same, not "no such user"
    dialog.username.setText("nobody.here")
    dialog.password.setText("wrong")
    dialog.try_login()
    assert wait_for_background()
    assert "还可再试 4 次" in dialog.message.text() and "无此用户" not in dialog.message.text()


def test_the_users_page_shows_a_lock_and_unlocks(qtbot, sqlite_district: District,  # noqa: ANN001
                                                  shown: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.mnemonics import duplicate_mnemonics

    d = sqlite_district
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            auth.login(d.db, "community_worker", "wrong")
    ctx = AppContext(d.db, d.admin)
    tab = UsersTab(ctx)
    qtbot.addWidget(tab)
    assert duplicate_mnemonics(tab) == {}
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: told.append(text))
    row = next(i for i, u in enumerate(tab.model.rows) if u.username == "community_worker")
    locked = tab.model.rows[row]
    assert locked.locked_until is not None
    assert tab.model.index(row, 4).data() == tab.model.tr("{active}, locked until {time}").format(
        active=tab.model.tr("Yes"), time=auth.until_text(locked.locked_until))
    admin_row = next(i for i, u in enumerate(tab.model.rows) if u.username == "admin")
    assert tab.model.index(admin_row, 4).data() == tab.model.tr("Yes")
    tab.table.selectRow(row)
    unlock = next(b for b in tab.findChildren(QPushButton) if b.text() == tab.tr("&Unlock"))
    unlock.click()
    assert shown == [] and told == [tab.tr("{name} is unlocked and may log in again.").format(name="community_worker")]
    assert tab.model.index(row, 4).data() == tab.model.tr("Yes")  # the list follows
    assert auth.login(d.db, "community_worker", PASSWORD).username == "community_worker"
    unlock.click()
    assert told[-1] == tab.tr("{name} is not locked.").format(name="community_worker")
