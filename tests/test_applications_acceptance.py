"""Issue 7's acceptance of the application procedure as one small district lives it (RULES.md §1.5, §2).

Eight households in two communities (八泉社区 of 八泉街道, 闸口社区 of 河口镇) go through the regular
and the commitment track in autumn 2026: approvals, a refusal after a failed data check, a withdrawal,
a stop, post-checks and a spot check, and one application accepted on 2026-11-30 whose deadline runs
into 2027 (not in the library) until an administrator enters 2027 with ``calendar set-year``.
What test_deadlines_acceptance.py covers (deadline vectors, extension, days left) is not repeated.

Every expected figure was worked out by hand from RULES.md (2026: days off 9/25–27, 10/1–7, make-up
working days Sun 9/20, Sat 10/10; publicity 7 calendar days: it may close on the 8th day; a step due
N working days after its start event, the start day not counted):

- 王一 (八泉, 3, regular 低保) accepted Thu 9/17: check and investigation due 9/21 (9/18, Sun 9/20,
  9/21); publicity 9/22 → may close 9/29; decision due 10 working days after 9/29 = 10/19 (10/8, 10/9,
  Sat 10/10, 10/12 … 10/16, 10/19); whole due 11/04. As of 9/30: 9 working days left to 10/19.
  Approved 10/16 at 700: assisted; yearly re-check due 2027-10-16; no centralised check (regular).
- 李二 (闸口, 2, commitment 低保) accepted Mon 9/28: whole due 10/16 (9/29, 9/30, 10/8, 10/9, Sat 10/10,
  10/12 … 10/16). Approved 10/16 at 500: centralised check due 11/16, re-check 2027-10-16.
- 张三 (八泉, 4), 吴八 (八泉, 3), 赵四 (闸口, 1): commitment 低保 accepted Mon 10/12, whole due 10/26;
  approved 10/23 (800, 650, 600): centralised checks due 11/23. 赵四 stopped 12/01 (class I; the
  months from November are recorded as paid when the approval is entered, so not earlier).
- 钱五 (八泉, 3, regular) accepted Mon 10/19, data check failed 10/20, refused 10/21: class I; the
  written refusal is due 3 working days after the decision: 10/26.
- 孙六 (闸口, 2, regular) accepted Mon 11/02, withdrawn 11/05 to class II.
- 周七 (八泉, 3, regular) accepted Mon 11/30: check due 12/03; whole due after 23 working days in
  December 2026 and 7 in January 2027 counted by weekends and 1 January only = 2027-01-12 (estimated,
  said so); after ``calendar set-year 2027 --off 01-01..01-03 --workday 01-09`` (an administrator's
  schedule, Sat 1/9 a make-up day) = 2027-01-11 with no warning.
- Spot check drawn 12/01 of the running commitment approvals (李二, 张三, 吴八; 赵四 stopped): by rate
  50 % stratified by sub-district ceil(2 × .5) = 1 in 八泉街道 and ceil(1 × .5) = 1 in 河口镇 = 2, due
  2027-01-01 (one month); unstratified ceil(3 × .5) = 2.
"""

from __future__ import annotations

import json
import random
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from desktop import cli
from desktop.models import AuditEntry, Household
from desktop.services import applications as svc
from desktop.services.errors import ValidationFailed
from tests.district import District
from tests.test_applications import make_household
from tests.test_applications_view import ModalScript, click_action, errors, set_date  # noqa: F401  (errors: a fixture)

D = date.fromisoformat
# The story's "now": approvals record the months paid up to the day they are entered (an approval entered on
# the day the tests run would record every month since, and 赵四's stop on 12/01 would fall before them).
NOW = D("2026-12-04")


def _cli(district: District, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    url = district.db.url.render_as_string(hide_password=False)
    try:
        code = cli.main([*argv, "--database-url", url])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "内部错误" not in err, err
    return int(code or 0), out


def _json(district: District, capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
    code, out = _cli(district, capsys, *argv, "--json")
    assert code == 0, out
    return json.loads(out)


class Autumn:
    """The district's autumn of 2026, the application ids by head name."""

    def __init__(self, district: District) -> None:
        self.d, self.db, self.admin = district, district.db, district.admin
        self.hid: dict[str, int] = {}
        self.app: dict[str, int] = {}

    def household(self, name: str, community: str, members: int) -> None:
        self.hid[name] = make_household(self.db, self.d.regions[community], name, members)

    def accept(self, name: str, on: str, track: str = "regular") -> int:
        commitment = svc.CommitmentInput(name, D(on)) if track == "commitment" else None
        self.app[name] = svc.accept(self.db, self.admin, household_id=self.hid[name], category="dibao", track=track,
                                    accepted_on=D(on), commitment=commitment)
        return self.app[name]

    def steps(self, name: str, check: str, investigation: str, publicity_from: str, publicity_closed: str) -> None:
        app = self.app[name]
        svc.complete_step(self.db, self.admin, app, "check", on=D(check), result="passed")
        svc.complete_step(self.db, self.admin, app, "investigation", on=D(investigation), investigators=["李调查", "王调查"])
        svc.complete_step(self.db, self.admin, app, "publicity", on=D(publicity_closed),
                          publicity_start=D(publicity_from))

    def approve(self, name: str, on: str, amount: str) -> None:
        svc.decide(self.db, self.admin, self.app[name], approve=True, on=D(on), amount=amount, today=NOW)

    def stage(self, name: str) -> str | None:
        with self.db.session_factory() as session:
            return session.get(Household, self.hid[name]).stage


def live_autumn(district: District, capsys: pytest.CaptureFixture[str]) -> Autumn:
    a = Autumn(district)
    for name, community, members in [("王一", "八泉社区", 3), ("李二", "闸口社区", 2), ("张三", "八泉社区", 4),
                                      ("赵四", "闸口社区", 1), ("钱五", "八泉社区", 3), ("孙六", "闸口社区", 2),
                                      ("周七", "八泉社区", 3), ("吴八", "八泉社区", 3)]:
        a.household(name, community, members)
    db, admin = a.db, a.admin

    a.accept("王一", "2026-09-17")
    a.accept("李二", "2026-09-28", "commitment")
    row = {r["id"]: r for r in _json(district, capsys, "deadlines", "--as-of", "2026-09-17")}[a.app["王一"]]
    assert (row["next_step"], row["step_due_on"], row["due_on"]) == ("check", "2026-09-21", "2026-11-04")
    svc.complete_step(db, admin, a.app["王一"], "check", on=D("2026-09-18"), result="passed")
    row = {r["id"]: r for r in _json(district, capsys, "deadlines", "--as-of", "2026-09-18")}[a.app["王一"]]
    assert (row["next_step"], row["step_due_on"]) == ("investigation", "2026-09-21")  # from acceptance
    svc.complete_step(db, admin, a.app["王一"], "investigation", on=D("2026-09-21"), investigators=["李调查", "王调查"])
    svc.complete_step(db, admin, a.app["王一"], "publicity", on=D("2026-09-29"), publicity_start=D("2026-09-22"))
    rows = {r["id"]: r for r in _json(district, capsys, "deadlines", "--as-of", "2026-09-30")}
    wang = rows[a.app["王一"]]
    assert (wang["next_step"], wang["step_due_on"], wang["due_on"]) == ("decision", "2026-10-19", "2026-11-04")
    assert wang["working_days_left"] == 9 and not wang["overdue"]
    assert rows[a.app["李二"]]["due_on"] == "2026-10-16"

    a.steps("李二", "2026-09-29", "2026-09-30", "2026-10-08", "2026-10-15")
    a.approve("王一", "2026-10-16", "700")
    a.approve("李二", "2026-10-16", "500")
    for name in ("张三", "赵四", "吴八"):
        a.accept(name, "2026-10-12", "commitment")
        a.steps(name, "2026-10-13", "2026-10-14", "2026-10-15", "2026-10-22")
    rows = {r["id"]: r for r in _json(district, capsys, "deadlines", "--as-of", "2026-10-22")}
    assert {rows[a.app[n]]["due_on"] for n in ("张三", "赵四", "吴八")} == {"2026-10-26"}
    for name, amount in (("张三", "800"), ("赵四", "600"), ("吴八", "650")):
        a.approve(name, "2026-10-23", amount)

    a.accept("钱五", "2026-10-19")
    svc.complete_step(db, admin, a.app["钱五"], "check", on=D("2026-10-20"), result="failed")
    svc.decide(db, admin, a.app["钱五"], approve=False, on=D("2026-10-21"), reason="家庭人均收入高于低保标准",
               today=NOW)
    a.accept("孙六", "2026-11-02")
    svc.withdraw(db, admin, a.app["孙六"], on=D("2026-11-05"), reason="申请人书面撤回", to_stage="class_2")
    svc.stop_assistance(db, admin, a.app["赵四"], on=D("2026-12-01"), reason="家庭收入增加", today=NOW)
    a.accept("周七", "2026-11-30")
    return a


def test_stages_deadlines_and_refusal_notice_as_counted_by_hand(district: District,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    a = live_autumn(district, capsys)
    assert {n: a.stage(n) for n in a.hid} == {
        "王一": "assisted", "李二": "assisted", "张三": "assisted", "吴八": "assisted", "赵四": "class_1",
        "钱五": "class_1", "孙六": "class_2", "周七": "applying"}
    serve = {r.head_name: r for r in svc.refusals_to_serve(a.db, a.admin, as_of=D("2026-10-26"))}
    assert serve["钱五"].due_on == D("2026-10-26") and not serve["钱五"].overdue
    serve = {r.head_name: r for r in svc.refusals_to_serve(a.db, a.admin, as_of=D("2026-10-27"))}
    assert serve["钱五"].overdue

    # Open on 2026-11-30: only 周七; 2027 is not in the library, so the whole due is an estimate, said so.
    rows = _json(district, capsys, "deadlines", "--as-of", "2026-11-30")
    assert [r["id"] for r in rows] == [a.app["周七"]]
    assert (rows[0]["step_due_on"], rows[0]["due_on"]) == ("2026-12-03", "2027-01-12")
    assert "2027年的法定节假日安排尚未录入" in rows[0]["warning"]
    code, _ = _cli(district, capsys, "calendar", "set-year", "2027", "--off", "2027-01-01..2027-01-03",
                   "--workday", "2027-01-09", "--note", "管理员录入")
    assert code == 0
    rows = _json(district, capsys, "deadlines", "--as-of", "2026-11-30")
    assert (rows[0]["due_on"], rows[0]["warning"]) == ("2027-01-11", "")


def test_post_checks_spot_check_and_publicity_as_counted_by_hand(district: District,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    a = live_autumn(district, capsys)
    queue = _json(district, capsys, "post-checks", "--as-of", "2026-12-01")
    due = sorted((r["head_name"], r["kind"], r["due_on"], r["overdue"]) for r in queue if r["kind"] != "periodic")
    # 赵四's cross-check, due 11/23 and not done, was overdue while still paid (stopped 12/01): it stays
    assert due == [("吴八", "centralised", "2026-11-23", True), ("张三", "centralised", "2026-11-23", True),
                   ("李二", "centralised", "2026-11-16", True), ("赵四", "centralised", "2026-11-23", True)]
    later = _json(district, capsys, "post-checks", "--as-of", "2027-10-16")
    assert sorted((r["head_name"], r["kind"], r["due_on"]) for r in later if r["kind"] == "periodic") == sorted([
        ("张三", "periodic", "2027-10-23"), ("吴八", "periodic", "2027-10-23"), ("李二", "periodic", "2027-10-16"),
        ("王一", "periodic", "2027-10-16")])  # 赵四's stopped approval has none

    # Stratified by sub-district at 50 %: one from 八泉街道 (张三, 吴八), one from 河口镇 (李二).
    info = svc.draw_spot_check(a.db, a.admin, on=D("2026-12-01"), rate="0.5", stratified=True, seed=20261201)
    baquan = sorted([a.app["张三"], a.app["吴八"]])
    expected = sorted(random.Random(f"20261201/{a.d.regions['八泉街道']}").sample(baquan, 1) + [a.app["李二"]])
    chosen = sorted(r.application_id for r in info.rows)
    assert chosen == expected and svc.verify_sample(a.db, a.admin, info.id)
    spots = [r for r in _json(district, capsys, "post-checks", "--as-of", "2026-12-01") if r["kind"] == "spot"]
    assert sorted((r["application_id"], r["due_on"], r["sample_id"]) for r in spots) == [
        (app, "2027-01-01", info.id) for app in expected]
    whole = svc.draw_spot_check(a.db, a.admin, on=D("2026-12-01"), rate="0.5", seed=7)
    assert (len(whole.rows), whole.population_size, whole.under_check) == (1, 1, 2)  # the two drawn above: left out

    # 李二's centralised check passes; the spot check of the 八泉 one fails: revoked, out of the list.
    queue = {(r["head_name"], r["kind"]): r["id"] for r in _json(district, capsys, "post-checks", "--as-of", "2026-12-01")}
    svc.record_post_check(a.db, a.admin, queue[("李二", "centralised")], on=D("2026-12-01"), passed=True)
    failed = next(app for app in expected if app != a.app["李二"])
    failed_name = "张三" if failed == a.app["张三"] else "吴八"
    svc.record_post_check(a.db, a.admin, queue[(failed_name, "spot")], on=D("2026-12-01"), passed=False,
                          note="隐瞒经营收入", amount_to_recover="1300")
    assert a.stage(failed_name) == "class_1"
    left = sorted((r["head_name"], r["kind"]) for r in _json(district, capsys, "post-checks", "--as-of", "2026-12-01"))
    assert ("李二", "centralised") not in left and (failed_name, "spot") not in left
    assert not any(name == failed_name for name, _ in left)  # a revoked approval has nothing left to check

    publicity = sorted((r.name, r.member_count, r.amount)
                       for r in svc.publicity_list(a.db, a.admin, decided_from=D("2026-10-01"),
                                                   decided_to=D("2026-10-31")))
    standing = {"王一": (3, "700"), "李二": (2, "500"), "张三": (4, "800"), "赵四": (1, "600"), "吴八": (3, "650")}
    del standing[failed_name]
    assert publicity == sorted((n, m, Decimal(v)) for n, (m, v) in standing.items())


def test_every_step_leaves_its_audit_entry(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    a = live_autumn(district, capsys)
    with a.db.session_factory() as session:
        entries = session.execute(select(AuditEntry.action, AuditEntry.entity_id)
                                  .where(AuditEntry.entity == "applications")).all()
    actions: dict[int, list[str]] = {}
    for action, entity in entries:
        actions.setdefault(int(entity), []).append(action)
    wang = actions[a.app["王一"]]
    for action in ("application.step.check", "application.step.investigation", "application.step.publicity"):
        assert wang.count(action) == 1, (action, wang)
    assert any(x.startswith("application.accept") for x in wang) and any("decide" in x or "approve" in x for x in wang)
    assert "application.withdraw" in actions[a.app["孙六"]]
    assert any("stop" in x for x in actions[a.app["赵四"]])
    assert any("decide" in x or "refuse" in x for x in actions[a.app["钱五"]])


# -- the same figures through the window (pytest-qt) ----------------------------------------------------------
def test_the_window_records_wang_yi_and_shows_the_hand_counted_dates(qtbot, sqlite_district: District,  # noqa: ANN001
                                                                     errors: list[str]) -> None:  # noqa: F811
    from desktop.views import application_forms as forms
    from desktop.views.application_detail import ApplicationDetailDialog
    from desktop.views.context import AppContext

    d = sqlite_district
    ctx = AppContext(d.db, d.admin)
    hid = make_household(d.db, d.regions["八泉社区"], "王一", 3)
    accept = forms.AcceptDialog(ctx, household_id=hid)
    qtbot.addWidget(accept)
    set_date(accept.inputs.accepted_on, D("2026-09-17"))
    accept.accept()
    assert errors == [] and accept.result() == accept.DialogCode.Accepted
    app_id = accept.application_id

    window = ApplicationDetailDialog(ctx, app_id)
    qtbot.addWidget(window)
    window.show()

    def step(on: str, fill=None):  # noqa: ANN001, ANN202
        def run(w: forms.StepDialog) -> None:
            set_date(w.on, D(on))
            if fill:
                fill(w)
            w.accept()
        return run

    def passed(w: forms.StepDialog) -> None:
        w.passed.setChecked(True)

    def investigators(w: forms.StepDialog) -> None:
        w.investigators[0].setText("李调查")
        w.investigators[1].setText("王调查")

    def publicity(w: forms.StepDialog) -> None:
        set_date(w.publicity_start, D("2026-09-22"))

    def decide(w: forms.DecisionDialog) -> None:
        set_date(w.on, D("2026-10-16"))
        w.amount.setText("700")
        w.accept()

    script = ModalScript([(forms.StepDialog, step("2026-09-18", passed)),
                          (forms.StepDialog, step("2026-09-21", investigators)),
                          (forms.StepDialog, step("2026-09-29", publicity)),
                          (forms.DecisionDialog, decide)])
    for key in ("check", "investigation", "publicity", "decision"):
        click_action(qtbot, window, key, script)
        assert errors == [], errors
    rows = [[window.timeline.topLevelItem(i).text(c) for c in range(4)]
            for i in range(window.timeline.topLevelItemCount())]
    # step, started, due, done: the check and the investigation both due 3 working days after the acceptance
    # (over Sun 9/20, a make-up working day); the publicity may close on its 8th day; the decision due
    # 10 working days after the file arrived (over National Day and Sat 10/10, a make-up working day).
    assert rows[0][3] == "2026-09-17" and [r[1:] for r in rows[1:]] == [
        ["2026-09-17", "2026-09-21", "2026-09-18"],
        ["2026-09-17", "2026-09-21", "2026-09-21"],
        ["2026-09-22", "2026-09-29", "2026-09-29"],
        ["2026-09-29", "2026-10-19", "2026-10-16"]]
    with d.db.session_factory() as session:
        assert session.get(Household, hid).stage == "assisted"
    assert [(c.kind, c.due_on) for c in window.detail.post_checks] == [("periodic", D("2027-10-16"))]
    assert window.post_checks.topLevelItem(0).text(1) == "2027-10-16"


def test_the_spot_check_form_draws_the_hand_counted_sample(qtbot, sqlite_district: District,  # noqa: ANN001
                                                           capsys: pytest.CaptureFixture[str],
                                                           errors: list[str]) -> None:  # noqa: F811
    from desktop.views import application_forms as forms
    from desktop.views.context import AppContext

    a = live_autumn(sqlite_district, capsys)
    dialog = forms.SpotCheckDialog(AppContext(a.db, a.admin))
    qtbot.addWidget(dialog)
    set_date(dialog.on, D("2026-12-01"))
    dialog.by_count.setChecked(True)
    dialog.count.setValue(1)
    dialog.stratified.setChecked(True)
    dialog.seed.setText("4242")
    dialog.accept()
    assert errors == [] and dialog.sample is not None
    # One of three, shared by largest remainder: 八泉街道 2/3, 河口镇 1/3 → the one comes from 八泉街道.
    baquan = sorted([a.app["张三"], a.app["吴八"]])
    expected = random.Random(f"4242/{a.d.regions['八泉街道']}").sample(baquan, 1)
    assert [r.application_id for r in dialog.sample.rows] == expected
    assert dialog.sample.seed == 4242


def test_a_sample_dated_before_an_approval_does_not_check_it(district: District,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """A spot check is a check after approval (RULES.md §1.5): a sample entered as drawn on 10/20 is drawn
    from the commitment approvals running then — 李二 (approved 10/16) — not 张三 and 吴八 approved 10/23."""
    a = live_autumn(district, capsys)
    info = svc.draw_spot_check(a.db, a.admin, on=D("2026-10-20"), rate="1", seed=5)
    assert [r.application_id for r in info.rows] == [a.app["李二"]]
    assert svc.verify_sample(a.db, a.admin, info.id)
    with pytest.raises(ValidationFailed, match="截至抽取日期 2026-10-15,没有已批准且正在救助中的告知承诺制申请"):
        svc.draw_spot_check(a.db, a.admin, on=D("2026-10-15"), rate="1", seed=5)


def test_as_of_a_past_day_lists_only_what_existed_then(district: District, capsys: pytest.CaptureFixture[str]) -> None:
    """``deadlines --as-of 2026-09-01`` listed 周七, accepted on 11/30, with 63 working days left (more than the
    30 of the whole procedure, RULES.md §1.5); ``post-checks --as-of 2026-10-01`` listed the checks of
    approvals decided on 10/23. As of a day, only what was accepted (approved) by then is listed."""
    a = live_autumn(district, capsys)
    assert _json(district, capsys, "deadlines", "--as-of", "2026-09-01") == []
    code, out = _cli(district, capsys, "deadlines", "--as-of", "2026-09-01")
    assert code == 0 and "周七" not in out
    assert [r["id"] for r in _json(district, capsys, "deadlines", "--as-of", "2026-11-30")] == [a.app["周七"]]
    queue = _json(district, capsys, "post-checks", "--as-of", "2026-10-20")
    assert sorted((r["head_name"], r["kind"]) for r in queue) == sorted(
        [("王一", "periodic"), ("李二", "centralised"), ("李二", "periodic")])


def test_checks_due_while_paid_stay_listed_after_an_end_is_set_or_reached(district: District,
                                                                          capsys: pytest.CaptureFixture[str],
                                                                          chinese: None, tmp_path: Path) -> None:
    """Post-checks exist so that no family is paid unchecked (RULES.md §1.5). 张三 leaves by a gradual exit
    decided 11/10 (3 months: paid to 2027-02-28), 吴八's stop is decided on 11/10 for 2027-03-31: both are
    still paid, so their cross-checks due 11/23 stay listed; their yearly re-checks due 2027-10-23 fall
    after the last day paid and are not. 赵四 stopped 12/01 with the cross-check overdue since 11/23: it
    stays listed, marked as stopped, once the stop has passed."""
    from tests.test_applications import set_gradual_exit_months

    a = live_autumn(district, capsys)
    set_gradual_exit_months(district, 3)
    svc.stop_assistance(a.db, a.admin, a.app["张三"], on=D("2026-11-10"), reason="户主就业", gradual=True,
                        today=D("2026-11-10"))
    svc.stop_assistance(a.db, a.admin, a.app["吴八"], on=D("2027-03-31"), reason="迁出本区", today=D("2026-11-10"))
    queue = _json(district, capsys, "post-checks", "--as-of", "2026-12-02")
    assert sorted((r["head_name"], r["kind"], r["due_on"], r["overdue"], r["assistance_ends"], r["assistance_ended"])
                  for r in queue if r["head_name"] in ("张三", "吴八", "赵四")) == [
        ("吴八", "centralised", "2026-11-23", True, "2027-03-31", False),
        ("张三", "centralised", "2026-11-23", True, "2027-02-28", False),
        ("赵四", "centralised", "2026-11-23", True, "2026-12-01", True)]
    code, out = _cli(district, capsys, "post-checks", "--as-of", "2026-12-02")
    assert code == 0
    lines = {line.split("\t")[2]: line for line in out.splitlines() if line.count("\t") > 5}
    assert lines["赵四"].endswith("已过期限 9 天\t救助已于 2026-12-01 停止")
    assert lines["张三"].endswith("救助发放至 2027-02-28") and lines["吴八"].endswith("救助发放至 2027-03-31")
    assert lines["李二"].endswith("\t-")  # no end set
    # a year on: the cross-checks still not done stay; no yearly re-check of assistance that has ended
    assert sorted((r["head_name"], r["kind"], r["assistance_ended"])
                  for r in _json(district, capsys, "post-checks", "--as-of", "2027-10-23")
                  if r["head_name"] in ("张三", "吴八", "赵四")) == [
        ("吴八", "centralised", True), ("张三", "centralised", True), ("赵四", "centralised", True)]

    # The export of the list (the tab's 导出核查清单) and the 事后核查 tab say the same in their 救助 column.
    out = tmp_path / "核查.xlsx"
    assert svc.export_post_checks_xlsx(a.db, a.admin, out, as_of=D("2026-12-02"), kind="centralised") == 4
    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("事后核查").to_python()
    assert sheet[1][-1] == "救助" and sorted((r[1], r[-1]) for r in sheet[2:]) == [
        ("吴八", "救助发放至 2027-03-31"), ("张三", "救助发放至 2027-02-28"), ("李二", ""),
        ("赵四", "救助已于 2026-12-01 停止")]
    from PySide6.QtCore import Qt

    from desktop.views.applications import PostChecksTableModel
    model = PostChecksTableModel()
    model.set_rows(svc.post_check_queue(a.db, a.admin, as_of=D("2026-12-02"), kind="centralised"))
    shown = {model.index(i, 1).data(): model.index(i, 6).data() for i in range(model.rowCount())}
    assert model.headerData(6, Qt.Orientation.Horizontal) == "救助"
    assert shown == {"李二": "", "张三": "发放至 2027-02-28", "吴八": "发放至 2027-03-31", "赵四": "已于 2026-12-01 停止"}


def test_as_of_a_past_day_spot_checks_drawn_later_are_not_listed_and_a_draw_dated_then_sees_then(
        district: District, capsys: pytest.CaptureFixture[str]) -> None:
    """A sample drawn on 12/01 was not there on 11/30: ``post-checks --as-of 2026-11-30`` does not list it.
    A sample entered as drawn on 11/25 draws from the commitment approvals assisted after that day: 李二,
    张三, 吴八 and 赵四 (stopped 12/01, since), not from those running today."""
    a = live_autumn(district, capsys)
    today = svc.draw_spot_check(a.db, a.admin, on=D("2026-12-01"), rate="1", seed=3)
    assert sorted(r.application_id for r in today.rows) == sorted(a.app[n] for n in ("李二", "张三", "吴八"))
    assert not [r for r in _json(district, capsys, "post-checks", "--as-of", "2026-11-30") if r["kind"] == "spot"]
    assert len([r for r in _json(district, capsys, "post-checks", "--as-of", "2026-12-01") if r["kind"] == "spot"]) == 3
    past = svc.draw_spot_check(a.db, a.admin, on=D("2026-11-25"), rate="1", seed=3)
    assert sorted(r.application_id for r in past.rows) == sorted(a.app[n] for n in ("李二", "张三", "吴八", "赵四"))
    assert svc.verify_sample(a.db, a.admin, past.id)
