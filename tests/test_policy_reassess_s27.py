"""Outside acceptance pass on issue 5's policy versions over time and `relief-desk reassess` (session 27),
on SQLite and PostgreSQL. The register and the hand figures of the 2026 and 2027 standards are those of
test_reassess_acceptance.py (worked by hand there); the cases below add what happens around the dates:
a raise entered in December for 1 January, a value entered twice for one date, the city and the
countryside changing on different dates, a cut of the standard worked out by hand here, the registry
left as it was, a second run, an area without settings, and the window.

A = 2026-12-31 (800 / 600), B = 2027-01-01 (城市 850, 农村 650).
"""

from __future__ import annotations

import json
import threading
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import func, select

from desktop.models import AuditEntry, Household, PolicySetting
from desktop.services import assessment as svc
from desktop.services import policy
from desktop.services.base import Actor
from desktop.services.database import Database
from desktop.views.assessment import ReassessDialog
from desktop.views.context import AppContext
from desktop.views.operations import running_operations, wait_for_background
from desktop.views.policy_settings import PolicySettingsTab, SetValuesDialog
from tests.conftest import ShownErrors
from tests.district import District
from tests.test_reassess_acceptance import (
    HOUSEHOLDS,
    POLICY,
    A,
    B,
    differences,
    expected,
    read_result,
    run,
    setup_district,
)

RURAL = {h.code for h in HOUSEHOLDS if h.area == "农村"}


def url_of(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def shown(url: str, on: date, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    capsys.readouterr()
    assert run("policy", "show", "--date", on.isoformat(), "--json", "--database-url", url) == 0
    return json.loads(capsys.readouterr().out)["settings"]


def reassess_json(url: str, on: date, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:
    capsys.readouterr()
    assert run("reassess", "--as-of", on.isoformat(), "--out", str(out), "--json", *extra, "--database-url", url) == 0
    return json.loads(capsys.readouterr().out)


def registry(db: Database) -> list[tuple]:
    with db.session_factory() as s:
        return [tuple(r) for r in s.execute(select(Household.id, Household.version, Household.category,
                                                   Household.stage, Household.updated_at).order_by(Household.id))]


def test_a_raise_entered_in_december_applies_from_its_date_only(db: Database, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Entered today (before 2027-01-01): the day before still uses 800, the day itself 850, and the
    settings each run used are named with their dates."""
    url = url_of(db)
    setup_district(url, tmp_path, capsys)
    before, after = shown(url, A, capsys), shown(url, B, capsys)
    assert before["城市"]["dibao_standard"] == {"value": "800.00", "effective_from": "2026-01-01"}
    assert after["城市"]["dibao_standard"] == {"value": "850.00", "effective_from": "2027-01-01"}
    # the settings the raise did not touch carry on from 2026
    assert after["城市"]["deduct_cap"] == {"value": "0.3", "effective_from": "2026-01-01"}
    for on, standard in ((A, "800.00"), (B, "850.00")):
        out = tmp_path / f"{on}.xlsx"
        used = reassess_json(url, on, out, capsys)["settings"]
        assert used["urban"]["dibao_standard"]["value"] == standard
        assert differences(out, on) == []



def matches(path: Path, want: dict[str, tuple[str, str, str]]) -> list[str]:
    """want: 户编号 → (月人均收入, 建议类别, 是否变化), every household of the file."""
    got, _ = read_result(path)
    problems = [f"households: {sorted(set(got) ^ set(want))}"] if set(got) != set(want) else []
    for code, (per_capita, category, changed) in want.items():
        row = got.get(code, {})
        seen = (f"{Decimal(str(row.get('月人均收入'))):.2f}", row.get("建议类别"), row.get("是否变化"))
        if seen != (per_capita, category, changed):
            problems.append(f"{code}: expected {(per_capita, category, changed)}, got {seen}")
    return problems


def by_day(on: date, codes: set[str] | None = None) -> dict[str, tuple[str, str, str]]:
    return {c: (f"{r['月人均收入']:.2f}", str(r["建议类别"]), str(r["是否变化"])) for c, r in expected(on).items()
            if codes is None or c in codes}


def test_city_and_countryside_raised_on_different_dates(db: Database, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """城市 850 from 2027-01-01, 农村 650 only from 2027-03-01: on 2027-02-01 the city households have the
    2027 figures and the village ones the 2026 figures; each area's setting is named with its own date."""
    url = url_of(db)
    setup_district(url, tmp_path, capsys, [*POLICY[:3], ("2027-03-01", "农村", ["dibao_standard=650"])])
    feb, march = date(2027, 2, 1), date(2027, 3, 1)
    out = tmp_path / "二月.xlsx"
    used = reassess_json(url, feb, out, capsys)["settings"]
    assert [(used[a]["dibao_standard"]["value"], used[a]["dibao_standard"]["effective_from"])
            for a in ("urban", "rural")] == [("850.00", "2027-01-01"), ("600.00", "2026-01-01")]
    urban = set(expected(B)) - RURAL
    assert matches(out, {**by_day(B, urban), **by_day(A, RURAL)}) == []
    # H06 (600.00, now 低保边缘) qualifies for 低保 only from March, with 650
    assert by_day(A)["H06"][1] == "低保边缘" and by_day(B)["H06"][1] == "低保"
    out = tmp_path / "三月.xlsx"
    reassess_json(url, march, out, capsys)
    assert matches(out, by_day(B)) == []


# A cut of the city standard to 700 from 2027-07-01 (line 1.5 × 700 = 1050), worked by hand from the
# figures of test_reassess_acceptance.py (no age changes between 2027-01-01 and 2027-07-01; the village
# keeps 650 / 975):
C = date(2027, 7, 1)
CUT = {
    "H01": ("800.00", "低保边缘", "是"),    # 低保 on B (800 < 850); now 800 ≥ 700 < 1050
    "H02": ("1200.00", "不符合", "否"),     # 低保边缘 on B (1200 < 1275); 1200 ≥ 1050, rigid 0.5 not above: out
    "H03": ("1200.00", "支出型困难", "否"),  # rigid 7200.01 / 14400 > 0.5 and 14400 < 48000
    "H04": ("0.00", "低保", "否"),
    "H05": ("512.35", "低保", "否"),
    "H06": ("600.00", "低保", "是"),        # village: 600 < 650, now 低保边缘 in the register
    "H07": ("800.00", "低保边缘", "是"),
    "H08": ("825.00", "低保边缘", "否"),    # 低保 on B; back to its register category
    "H09": ("792.00", "低保边缘", "是"),    # 低保 on A and B
    "H12": ("798.00", "低保边缘", "是"),
    "H13": ("798.00", "低保边缘", "是"),
    "H14": ("700.00", "低保边缘", "是"),    # in 低保 now; 700.00 is not below 700: moves to 边缘
    "H17": ("1000.00", "低保边缘", "否"),
    "H21": ("700.13", "低保边缘", "是"),    # 低保 on B; one fen and more above the cut standard
    "H23": ("900.00", "低保边缘", "是"),    # village 900 < 975
    "H26": ("666.67", "低保", "是"),        # not assisted in the register
}


def test_a_cut_by_hand_changes_nothing_and_a_second_run_is_the_same(db: Database, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    url = url_of(db)
    setup_district(url, tmp_path, capsys, [*POLICY, (C.isoformat(), "城市", ["dibao_standard=700"])])
    before = registry(db)
    first, second = tmp_path / "第一次.xlsx", tmp_path / "第二次.xlsx"
    summary = reassess_json(url, C, first, capsys)
    got, _ = read_result(first)
    assert set(got) == {h.code for h in HOUSEHOLDS}
    assert [p for p in matches(first, {**by_day(B), **CUT}) if p.split(":")[0] in CUT] == []
    assert {c["code"] for c in summary["changes"]} >= {c for c, v in CUT.items() if v[2] == "是"}
    moved = {c["code"]: (c["current"], c["suggested"]) for c in summary["changes"]}
    assert moved["H14"] == ("低保", "低保边缘") and moved["H06"] == ("低保边缘", "低保")
    assert "H02" not in moved and "H08" not in moved
    book = openpyxl.load_workbook(first)
    assert book.sheetnames == [f"重新评估 {C.isoformat()}"]
    assert registry(db) == before  # the registry is as it was: nothing moves until someone confirms
    reassess_json(url, C, second, capsys)
    assert registry(db) == before
    rows = [[[c.value for c in r] for r in openpyxl.load_workbook(p).active.iter_rows()] for p in (first, second)]
    assert rows[0] == rows[1] and len(rows[0]) == len(HOUSEHOLDS) + 1
    # every part of the package is the same but the time the file was made (docProps/core.xml)
    parts = [{i.filename: z.read(i) for i in z.infolist()} for z in map(zipfile.ZipFile, (first, second))]
    assert sorted(n for n in parts[0] if parts[0][n] != parts[1].get(n)) in ([], ["docProps/core.xml"])


def test_an_area_without_settings_on_the_date(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The village's settings start only on 2027-03-01: on 2027-02-01 the whole district is refused, naming
    the area and the first date, and no file is written; the city streets alone can be re-assessed."""
    url = url_of(db)
    rural_2027 = [(("2027-03-01",) + POLICY[1][1:])]
    setup_district(url, tmp_path, capsys, [POLICY[0], POLICY[2], *rural_2027])
    monkeypatch.chdir(tmp_path)
    assert run("reassess", "--as-of", "2027-02-01", "--out", "全区.xlsx", "--database-url", url) == 1
    out, err = capsys.readouterr()
    assert "2027-02-01 没有生效的农村政策参数:最早的自 2027-03-01 起生效" in err, err
    assert "城市" not in err.split("农村政策参数")[0] and "Traceback" not in err + out
    assert not (tmp_path / "全区.xlsx").exists()
    summary = reassess_json(url, date(2027, 2, 1), tmp_path / "甲街道.xlsx", capsys, "--region", "甲街道")
    assert set(summary["settings"]) == {"urban"}
    got, _ = read_result(tmp_path / "甲街道.xlsx")
    assert matches(tmp_path / "甲街道.xlsx", by_day(B, set(got))) == [] and "H01" in got


def test_a_wrong_value_corrected_the_same_day(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """805 typed for 850, then 850 for the same date and area: one value is kept (the corrected one), the
    administrator is told what it replaced (it said only "已设置…1 项", as for a new date), the audit log
    says 805 → 850 and who, and the re-assessment has the hand figures of 850."""
    url = url_of(db)
    setup_district(url, tmp_path, capsys, POLICY[:2] + POLICY[3:])
    set_ = ("policy", "set", "--effective", "2027-01-01", "--area", "城市")
    assert run(*set_, "dibao_standard=805", "--note", "民政发〔2026〕12号", "--database-url", url) == 0
    capsys.readouterr()
    assert run(*set_, "dibao_standard=850", "--database-url", url) == 0
    said = capsys.readouterr().out
    assert "更正:低保标准(dibao_standard)自 2027-01-01 起原为 805.00 元/人·月,已改为 850.00 元/人·月" in said, said
    assert run(*set_, "dibao_standard=850", "--json", "--database-url", url) == 0  # the same again: nothing to correct
    assert json.loads(capsys.readouterr().out)["replaced"] == {}
    with db.session_factory() as s:
        kept = s.execute(select(PolicySetting.value, PolicySetting.note, PolicySetting.version).where(
            PolicySetting.name == "dibao_standard", PolicySetting.area_type == "urban",
            PolicySetting.effective_from == B)).all()
    assert [(v, n) for v, n, _ in kept] == [("850.00", "民政发〔2026〕12号")]
    assert shown(url, B, capsys)["城市"]["dibao_standard"] == {"value": "850.00", "effective_from": "2027-01-01"}
    assert run("audit", "--kind", "settings", "--text", "dibao_standard", "--json", "--database-url", url) == 0
    entries = [e for e in json.loads(capsys.readouterr().out) if "2027-01-01" in json.dumps(e, ensure_ascii=False)]
    words = json.dumps(entries, ensure_ascii=False)
    assert "城市 dibao_standard=850.00 自 2027-01-01 起(更正:同一生效日期原为 805.00)" in words, words
    assert "命令行" in words  # who: the command line's account and computer
    out = tmp_path / "更正后.xlsx"
    reassess_json(url, B, out, capsys)
    assert differences(out, B) == []


def test_cancelled_midway_in_the_window_leaves_the_old_file_and_the_registry(
        qtbot, district: District, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
        shown_errors: ShownErrors, capsys: pytest.CaptureFixture[str]) -> None:
    """Five households a chunk; the user cancels while the second chunk is being worked out (ten
    households calculated): last week's workbook of the same name is left as it was, no temporary file
    stays beside it, nothing is logged as exported, the registry is untouched and the dialog can run
    again, this time to the end."""
    d = district
    url = url_of(d.db)
    setup_district(url, tmp_path, capsys)
    folder = tmp_path / "输出"
    folder.mkdir()
    out = folder / "重新评估.xlsx"
    out.write_bytes(b"last week's workbook")
    before = registry(d.db)
    monkeypatch.setattr(svc, "CHUNK", 5)
    reached, gate, calls = threading.Event(), threading.Event(), []
    real = svc.mt.assess_brief

    def slow(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(1)
        if len(calls) == 8:
            reached.set()
            gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(svc.mt, "assess_brief", slow)
    import desktop.views.assessment as view

    monkeypatch.setattr(view, "asked_yes", lambda *_a: True)  # yes, replace last week's workbook (session 37)
    dialog = ReassessDialog(AppContext(d.db, d.admin))
    qtbot.addWidget(dialog)
    dialog.as_of.setDate(QDate(2027, 1, 1))
    dialog.path.setText(str(out))
    dialog.run()
    qtbot.waitUntil(reached.is_set, timeout=10000)
    (op,) = running_operations()
    op.show_progress()
    op.ask_cancel()
    assert op.progress.cancelled
    gate.set()
    assert wait_for_background()
    assert len(calls) < len(HOUSEHOLDS)  # it stopped midway
    assert [p.name for p in folder.iterdir()] == [out.name] and out.read_bytes() == b"last week's workbook"
    assert dialog.summary is None and dialog.run_button.isEnabled() and dialog.model.rows == []
    assert shown_errors.plain == [] and shown_errors.crashes == []
    assert registry(d.db) == before
    with d.db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "reassess_export")) == 0
    dialog.run()
    assert wait_for_background()
    assert dialog.summary is not None and differences(out, B) == []
    assert [p.name for p in folder.iterdir()] == [out.name] and registry(d.db) == before


def test_a_raise_entered_ahead_is_said_before_its_date(qtbot, district: District, tmp_path: Path,  # noqa: ANN001
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The 2027 values entered in December showed nowhere on the settings page viewed on a December day
    (only far down the list of all entries) nor in `policy show`: an administrator checking that the raise
    was in saw 800 and nothing else. Both now say what is entered and from when; on the day itself, nothing."""
    d = district
    url = url_of(d.db)
    setup_district(url, tmp_path, capsys)
    assert run("policy", "show", "--date", "2026-12-03", "--area", "城市", "--database-url", url) == 0
    out = capsys.readouterr().out
    assert "低保标准(dibao_standard):800.00 元/人·月(自 2026-01-01 起)" in out
    assert "已录入、尚未生效:城市 低保标准 850.00 元/人·月(自 2027-01-01 起)。" in out
    assert run("policy", "show", "--date", "2027-01-01", "--database-url", url) == 0
    assert "尚未生效" not in capsys.readouterr().out
    assert run("policy", "show", "--date", "2026-12-31", "--json", "--database-url", url) == 0
    assert json.loads(capsys.readouterr().out)["upcoming"] == [
        {"area": "城市", "name": "dibao_standard", "value": "850.00", "effective_from": "2027-01-01"},
        {"area": "农村", "name": "dibao_standard", "value": "650.00", "effective_from": "2027-01-01"}]
    tab = PolicySettingsTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    tab.on.setDate(QDate(2026, 12, 3))
    assert not tab.upcoming_note.isHidden()
    assert "城市 低保标准 850.00 元/人·月(自 2027-01-01 起);农村 低保标准 650.00 元/人·月(自 2027-01-01 起)" \
        in tab.upcoming_note.text()
    tab.on.setDate(QDate(2027, 1, 1))
    assert tab.upcoming_note.isHidden()
    assert tab.in_force.rows[0][2].display == "850.00 元/人·月"  # the in-force table moved on


def test_the_page_says_who_entered_or_corrected_each_value(qtbot, district: District) -> None:  # noqa: ANN001
    """The list of all entries showed area, setting, value, date and note only: a value corrected for the
    same date looked like any other, and who entered it was only in the audit log. Now each entry says
    when and by whom it was entered or last corrected, and that it was corrected."""
    d = district
    policy.set_settings(d.db, d.admin, effective_from=B, area_type="城市", values={"dibao_standard": "805"})
    policy.set_settings(d.db, d.admin, effective_from=B, area_type="城市", values={"dibao_standard": "850"})
    policy.set_settings(d.db, Actor.system("test"), effective_from=B, area_type="农村", values={"dibao_standard": "650"})
    tab = PolicySettingsTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)
    columns = [tab.history.headerData(c, Qt.Orientation.Horizontal) for c in range(tab.history.columnCount())]
    assert columns == ["Area", "Setting", "Value", "In force from", "Entered or corrected", "Note"]
    shown_rows = {tuple(tab.history.data(tab.history.index(r, c)) for c in (0, 2, 4))
                  for r in range(tab.history.rowCount())}
    today = date.today().isoformat()
    (urban,) = [r for r in shown_rows if r[0] == "城市"]
    (rural,) = [r for r in shown_rows if r[0] == "农村"]
    assert urban[1] == "850.00 元/人·月" and urban[2].startswith(today) and urban[2].endswith(
        f"{d.admin.display_name}({d.admin.username}),已更正"), urban
    assert rural[2].startswith(today) and rural[2].endswith("系统或命令行"), rural


def test_the_wizard_result_before_and_after_the_raise(district: District, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """H01 (9600 a year, alone, 800.00 a month): assessed on 2026-12-31 it is 低保边缘 against 800, on
    2027-01-01 低保 against 850; the explanation names the standard of its own date."""
    d = district
    setup_district(url_of(d.db), tmp_path, capsys)
    with d.db.session_factory() as s:
        hid = s.scalar(select(Household.id).where(Household.code == "H01"))
    facts = svc.load_household(d.db, d.admin, hid).facts()
    seen = {}
    for on in (A, B):
        p = svc.preview(d.db, d.admin, hid, facts, on)
        seen[on] = (p.settings["dibao_standard"], p.result.per_capita_monthly, p.result.label)
        words = p.result.explanation if isinstance(p.result.explanation, str) else "\n".join(p.result.explanation)
        assert f"{p.settings['dibao_standard']:,.2f}" in words or f"{p.settings['dibao_standard']:.2f}" in words, words
    assert seen == {A: (Decimal("800.00"), Decimal("800.00"), "低保边缘"), B: (Decimal("850.00"), Decimal("800.00"), "低保")}


def test_correcting_a_value_in_the_window_for_the_same_date(qtbot, district: District,  # noqa: ANN001
                                                            shown_errors: ShownErrors) -> None:
    """805 saved for 2027-01-01, then the form opened again on that date: it shows 805 (the value to
    correct), 850 typed over it replaces it; one entry stays, marked corrected."""
    d = district
    ctx = AppContext(d.db, d.admin)
    policy.set_settings(d.db, d.admin, effective_from=date(2026, 1, 1), area_type="城市",
                        values=dict(v.split("=") for v in POLICY[0][2]))
    policy.set_settings(d.db, d.admin, effective_from=B, area_type="城市", values={"dibao_standard": "805"})
    dialog = SetValuesDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.effective.setDate(QDate(2027, 1, 1))
    dialog.area.setCurrentIndex(dialog.area.findData("urban"))
    assert dialog.fields["dibao_standard"].text() == "805.00"
    dialog.fields["dibao_standard"].setText("850")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted and shown_errors.plain == []
    rows = [r for r in policy.list_settings(d.db, d.admin, "城市") if r.name == "dibao_standard"]
    assert [(r.effective_from, r.display) for r in rows] == [(B, "850.00 元/人·月"), (date(2026, 1, 1), "800.00 元/人·月")]
    assert rows[0].changed.endswith(",已更正") and not rows[1].changed.endswith(",已更正")
    assert policy.settings_in_force(d.db, d.admin, "城市", B)["dibao_standard"] == Decimal("850.00")


def test_an_entry_with_the_wrong_date_is_deleted_in_the_window(qtbot, district: District,  # noqa: ANN001
                                                               shown_errors: ShownErrors,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """850 entered from 2027-10-01 instead of 2027-01-01: deleting the entry puts 800 back in force on
    that date, and the audit log keeps what was deleted. An entry someone corrected after the list was
    shown is not deleted unseen."""
    from PySide6.QtWidgets import QMessageBox

    d = district
    policy.set_settings(d.db, d.admin, effective_from=date(2026, 1, 1), area_type="城市",
                        values=dict(v.split("=") for v in POLICY[0][2]))
    wrong = date(2027, 10, 1)
    policy.set_settings(d.db, d.admin, effective_from=wrong, area_type="城市", values={"dibao_standard": "850"})
    policy.set_settings(d.db, d.admin, effective_from=date(2027, 11, 1), area_type="城市",
                        values={"dibao_standard": "860"})
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab = PolicySettingsTab(AppContext(d.db, d.admin))
    qtbot.addWidget(tab)

    def pick(day: date) -> None:
        row = next(i for i, r in enumerate(tab.history.rows) if r.effective_from == day)
        tab.history_view.selectRow(row)

    pick(wrong)
    tab.delete_entry()
    assert shown_errors.plain == []
    assert policy.settings_in_force(d.db, d.admin, "城市", wrong)["dibao_standard"] == Decimal("800.00")
    assert all(r.effective_from != wrong for r in tab.history.rows)
    with d.db.session_factory() as s:
        deleted = s.scalars(select(AuditEntry).where(AuditEntry.action == "policy_delete")).all()
    assert len(deleted) == 1 and "850.00" in json.dumps(deleted[0].before, ensure_ascii=False)
    pick(date(2027, 11, 1))
    policy.set_settings(d.db, d.admin, effective_from=date(2027, 11, 1), area_type="城市",
                        values={"dibao_standard": "870"})  # another administrator, meanwhile
    tab.delete_entry()
    assert len(shown_errors.plain) == 1 and "Traceback" not in shown_errors.plain[0]
    # it said "本次没有保存。您填写的内容仍在窗口中" (nothing is typed to delete) and named no entry
    assert shown_errors.plain[0].startswith("“城市低保标准(自 2027-11-01 起)”已被 测试admin(admin) 于 ")
    assert shown_errors.plain[0].endswith("修改并保存,本次没有删除。请刷新,核对对方的修改后再决定是否删除。")
    assert policy.settings_in_force(d.db, d.admin, "城市", date(2027, 11, 1))["dibao_standard"] == Decimal("870.00")


def test_the_window_without_settings_on_the_date_says_so(qtbot, district: District, tmp_path: Path,  # noqa: ANN001
                                                         shown_errors: ShownErrors,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    d = district
    setup_district(url_of(d.db), tmp_path, capsys)
    out = tmp_path / "结果.xlsx"
    dialog = ReassessDialog(AppContext(d.db, d.admin))
    qtbot.addWidget(dialog)
    dialog.as_of.setDate(QDate(2025, 12, 31))
    dialog.path.setText(str(out))
    dialog.run()
    assert wait_for_background()
    assert len(shown_errors.plain) == 1 and shown_errors.crashes == []
    assert "2025-12-31 没有生效的城市政策参数:最早的自 2026-01-01 起生效" in shown_errors.plain[0]
    assert not out.exists() and dialog.run_button.isEnabled() and dialog.summary is None
