"""Live updates, continued (after tests/test_live_s17.py): the households list, like the inbox, import
history and applications, is read again after another workstation's change only when it is on screen,
else once when it is shown."""

from __future__ import annotations

import pytest

from desktop.services import households
from desktop.views.households import HouseholdsPage
from desktop.views.operations import wait_for_background
from tests.test_households import make_household
from tests.test_live_s17 import Office, _count_calls, office  # noqa: F401 (office is a fixture)


def test_the_households_list_out_of_sight_is_read_again_once_when_shown(qtbot, office: Office,  # noqa: ANN001,F811
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    d = office.a
    window = office.window
    household_id = make_household(d, "飞云社区", "郑某", "420203199001011238")
    window.show_page("households")
    page = window.page("households")
    assert isinstance(page, HouseholdsPage)
    assert wait_for_background()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    window.show_page("board")
    assert wait_for_background()
    reads = _count_calls(monkeypatch, page.model, "reload")
    for n in range(3):  # three changes by workstation A while B looks at the board
        version = households.get_household(d.db, d.admin, household_id).version
        households.save_household(d.db, d.admin, household_id, version, {"address": f"某路{n}号"})
    qtbot.waitUntil(lambda: page._live.stale, timeout=5000)
    qtbot.wait(800)  # past the list's own delay: still nothing read
    assert reads == []
    window.show_page("households")
    assert len(reads) == 1
    assert wait_for_background()
    qtbot.waitUntil(lambda: "某路2号" in str(page.model.data(page.model.index(0, _address_column(page)))),
                    timeout=3000)
    households.save_household(d.db, d.admin, household_id,
                              households.get_household(d.db, d.admin, household_id).version, {"address": "某路9号"})
    qtbot.waitUntil(lambda: len(reads) == 2, timeout=5000)  # on screen: read again at once


def _address_column(page: HouseholdsPage) -> int:
    return [key for _label, key in page.model.COLUMNS].index("address")
