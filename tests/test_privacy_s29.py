"""Personal information (RULES.md §4), walked through as an outside tester: the ID numbers in crash
reports, log lines and command-line errors; the calculation sheet printed with members' health,
disability and income; the audit entries of exports naming how many rows and whether ID numbers were
masked; an export of a sample with nothing in the user's regions."""

from __future__ import annotations

import argparse
import logging
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select, text

from desktop.logs import MaskingFormatter
from desktop.models import AuditEntry
from desktop.rules import idcard
from desktop.rules.codes import Role
from desktop.services import applications, audit, monitoring, policy
from desktop.services import assessment as asvc
from desktop.services.errors import ValidationFailed
from tests.district import District
from tests.monitoring_helpers import add_households, household
from tests.test_assessment import add_household

NUMBER = "420203199001011238"
TODAY = date(2026, 5, 20)  # Q2 2026


def _entries(district: District, action: str) -> list[AuditEntry]:
    with district.db.session_factory() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


# -- ID numbers in free text ---------------------------------------------------------------------------

def test_free_text_has_its_id_numbers_masked_and_nothing_else() -> None:
    said = (f"插入失败:({NUMBER}, '张三'),11010519491231002x;户编号 42020300100700001,"
            "残疾人证 42020319900101123812,电话 13800001111")
    assert idcard.mask_in_text(said) == (
        "插入失败:(420203********1238, '张三'),110105********002x;户编号 42020300100700001,"
        "残疾人证 42020319900101123812,电话 13800001111")


def _failed_insert(district: District) -> BaseException:
    """A database error as a bug would meet it: an insert the schema refuses, holding an ID number."""
    try:
        with district.db.engine.begin() as conn:
            conn.execute(text("INSERT INTO members (household_id, name, id_number) VALUES (:h, :n, :i)"),
                         {"h": 999_999, "n": "张三", "i": NUMBER})
    except Exception as exc:  # noqa: BLE001 - whichever error the database gives
        return exc
    raise AssertionError("the insert was not refused")


def test_a_database_error_leaves_no_id_number_in_the_report_the_log_or_the_command_line(
        district: District, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The crash dialog's report (copied and sent to IT), the log file and the command line's 内部错误
    quoted the values being written: ``[parameters: (999999, '张三', '420203199001011238')]`` (SQLite,
    PostgreSQL), and PostgreSQL's own ``DETAIL: Failing row contains (…)``."""
    from desktop.cli import internal_error
    from desktop.views.errors import crash_report

    exc = _failed_insert(district)
    # the statement's values are not quoted (PostgreSQL's own DETAIL line still shows the row: masked below)
    assert "[parameters:" not in str(exc) and "parameters hidden" in str(exc)
    report = crash_report(type(exc), exc, exc.__traceback__)
    assert NUMBER not in report and "IntegrityError" in report

    # the log file's lines: a message and a traceback quoting the number are written masked
    log_path = tmp_path / "relief-desk.log"
    handler = logging.FileHandler(log_path, encoding="utf-8")
    handler.setFormatter(MaskingFormatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("relief_desk.test_privacy_s29")
    logger.addHandler(handler)
    try:
        try:
            raise ValueError(f"不能保存 {NUMBER}")
        except ValueError:
            logger.exception("unexpected error for %s", NUMBER)
    finally:
        logger.removeHandler(handler)
        handler.close()
    written = log_path.read_text("utf-8")
    assert NUMBER not in written and written.count("420203********1238") == 2

    # the command line's one line (and its --json object) for a bug
    status = internal_error(argparse.Namespace(command="clue", json=True),
                            ValueError(f"不能保存 {NUMBER}"), log_path)
    out, err = capsys.readouterr()
    assert status != 0 and NUMBER not in out + err and "420203********1238" in err and '"error"' in out


def test_the_program_log_file_masks_id_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file setup_logging opens (the one the crash dialog names) writes through the masking formatter."""
    from desktop import config, logs

    monkeypatch.setattr(config, "log_dir", lambda: tmp_path)
    root = logging.getLogger("relief_desk")
    kept = list(root.handlers)
    for h in kept:
        root.removeHandler(h)
    try:
        path = logs.setup_logging()
        root.error("unexpected error\n%s", f"[parameters: (1, '{NUMBER}')]")
        for h in root.handlers:
            h.flush()
        assert "420203********1238" in path.read_text("utf-8") and NUMBER not in path.read_text("utf-8")
    finally:
        for h in list(root.handlers):
            root.removeHandler(h)
            h.close()
        for h in kept:
            root.addHandler(h)


# -- the calculation sheet ----------------------------------------------------------------------------

def _assessed(district: District) -> tuple[int, int]:
    policy.seed_default_policy(district.db)
    hid = add_household(district.db, district.regions["飞云社区"], [
        {"name": "周病", "born": date(1960, 2, 1), "health": "serious"},
        {"name": "周残", "born": date(2012, 5, 5), "disability": "intellectual", "grade": 2}],
        incomes={"wages": "12000"}, expenses={"medical": "9000"})
    actor = district.actor(Role.COMMUNITY_WORKER)
    inputs = asvc.load_household(district.db, actor, hid)
    on = date(2026, 2, 2)
    suggested = asvc.preview(district.db, actor, hid, inputs.facts(), on).result.suggested_placement
    saved = asvc.save_assessment(district.db, actor, asvc.SaveRequest(
        household_id=hid, assessed_on=on, facts=inputs.facts(), verification_methods=["home_survey"],
        investigators=["王调查", "李调查"], placement=suggested, household_version=inputs.version))
    return hid, saved.assessment_id


def test_printing_a_calculation_sheet_is_logged_with_its_household_and_members(district: District) -> None:
    """The sheet lists each member's health, disability and income (sensitive personal information) and
    was written to PDF with no audit entry at all."""
    hid, aid = _assessed(district)
    worker = district.actor(Role.COMMUNITY_WORKER)
    detail = asvc.get_assessment(district.db, worker, aid)
    asvc.log_sheet_printed(district.db, worker, detail, "/tmp/评估计算表_周病.pdf")
    [entry] = _entries(district, "assessment.print_sheet")
    assert (entry.username, entry.household_id, entry.entity_id) == (worker.username, hid, aid)
    assert entry.after == {"rows": 2, "file": "/tmp/评估计算表_周病.pdf", "draft": False}  # the whole path
    assert entry.detail.startswith(f"打印评估计算表:周病户(评估编号 {aid}),2 名成员")
    # listed among the exports and full-number views, with its own label
    rows = audit.list_entries(district.db, district.admin, audit.AuditFilter(group="access"))
    assert [r.action_label for r in rows if r.action == "assessment.print_sheet"] == ["打印评估计算表"]


@pytest.mark.usefixtures("chinese")
def test_the_window_logs_both_sheets_it_prints(qtbot, sqlite_district: District, tmp_path: Path,  # noqa: ANN001
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.views import assessment as page_module
    from desktop.views import assessment_wizard as wizard_module
    from desktop.views.context import AppContext

    d = sqlite_district
    hid, aid = _assessed(d)
    ctx = AppContext(d.db, d.actor(Role.COMMUNITY_WORKER))
    page = page_module.AssessmentPage(ctx)
    qtbot.addWidget(page)
    saved_pdf, draft_pdf = tmp_path / "sheet.pdf", tmp_path / "draft.pdf"
    monkeypatch.setattr(page_module, "ask_save_path", lambda *_a, **_k: str(saved_pdf))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectRow(0)
    page.print_selected()
    assert saved_pdf.read_bytes().startswith(b"%PDF")

    wizard = page.assess_household(hid)  # members, incomes, expenses, verification, then the result
    assert wizard.choose.selected_id() == hid
    for _page in range(4):
        wizard.next()
    assert wizard.currentPage() is wizard.verification
    wizard.verification.methods["data_check"].setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.result and wizard.preview is not None
    monkeypatch.setattr(wizard_module, "ask_save_path", lambda *_a, **_k: str(draft_pdf))
    wizard.print_sheet()
    assert draft_pdf.read_bytes().startswith(b"%PDF")
    wizard.reject()
    entries = _entries(d, "assessment.print_sheet")
    assert [(e.entity_id, Path(e.after["file"]).name, e.after["draft"]) for e in entries] == [
        (aid, "sheet.pdf", False), (None, "draft.pdf", True)]
    assert all(e.household_id == hid and e.username == ctx.actor.username for e in entries)


# -- exports: how many rows, masked or not -----------------------------------------------------------

def test_the_visit_list_and_quarterly_report_entries_say_how_many_and_how_numbers_were_written(
        district: District, tmp_path: Path) -> None:
    """The quarterly report's entry named only its title and file: not the households it lists with their
    ID numbers (未访家庭) nor whether those were whole; the visit list's did not say either."""
    db = district.db
    ids = add_households(db, district.regions["飞云社区"], "class_1", 3, stage_since=date(2025, 11, 1))
    numbers = [household(db, h).head_id_number for h in ids]
    worker, caseworker = district.actor(Role.COMMUNITY_WORKER), district.actor(Role.SUBDISTRICT_CASEWORKER)
    for actor in (worker, caseworker):
        path = tmp_path / f"q-{actor.username}.xlsx"
        monitoring.export_quarterly_report(db, actor, 2026, 1, path, today=TODAY)
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("未访家庭").to_python()
        header = next(i for i, r in enumerate(sheet) if r[:4] == ["街道(镇)", "社区(村)", "户主", "身份证号"])
        shown = [r[3] for r in sheet[header + 1:] if r[3]]
        assert shown == ([idcard.mask(n) for n in numbers] if actor is worker else numbers)
        monitoring.export_visit_list(db, actor, tmp_path / f"v-{actor.username}.xlsx", state="all", today=TODAY)
    q_worker, q_case = _entries(district, "export_quarterly_report")
    assert q_worker.username == worker.username and q_case.username == caseworker.username
    assert q_worker.after == {"rows": 1, "missing": 3, "moves": 0, "file": str(tmp_path / f"q-{worker.username}.xlsx"),
                            "masked": True}
    assert q_case.after["masked"] is False and q_case.after["missing"] == 3
    assert "未访家庭 3 户(身份证号已脱敏)" in q_worker.detail and "未访家庭 3 户(完整身份证号)" in q_case.detail
    v_worker, v_case = _entries(district, "visit_list.export")
    assert v_worker.after == {"rows": 3, "file": str(tmp_path / f"v-{worker.username}.xlsx"), "masked": True}
    assert v_case.after["masked"] is False and "完整身份证号" in v_case.detail


def test_a_spot_check_sample_with_nothing_in_the_users_regions_writes_no_file(district: District,
                                                                               tmp_path: Path) -> None:
    """A community worker exported a district sample holding none of its households: an empty workbook was
    written and logged. Refused now, as every other empty export; the district's export names its rows."""
    db = district.db
    sample = _drawn_sample(district)
    target = tmp_path / "s.xlsx"
    with pytest.raises(ValidationFailed, match="没有抽查样本 .* 中在您管辖范围内的家庭,没有导出文件"):
        applications.export_sample_xlsx(db, district.actor(Role.COMMUNITY_WORKER), sample, target)
    assert not target.exists() and _entries(district, "spot_check.export") == []
    n = applications.export_sample_xlsx(db, district.admin, sample, target)
    [entry] = _entries(district, "spot_check.export")
    assert entry.after == {"rows": n, "file": str(target)} and f"{n} 户" in entry.detail


def _drawn_sample(district: District) -> int:
    """A spot-check sample of commitment-track approvals in 河口镇 (outside the worker's 飞云社区)."""
    from decimal import Decimal

    from desktop.models import Application
    from tests.test_applications import make_household

    db, admin = district.db, district.admin
    for i in range(2):
        hid = make_household(db, district.regions["闸口社区"], f"抽查{i}")
        app_id = applications.accept(db, admin, household_id=hid, category="dibao", track="commitment",
                                     accepted_on=date(2026, 9, 1),
                                     commitment=applications.CommitmentInput(f"抽查{i}", date(2026, 9, 1)))
        with db.session_factory() as session:  # approved directly: the procedure is not what is tested here
            app = session.get(Application, app_id)
            app.status, app.step, app.decided_on, app.amount = "approved", "done", date(2026, 9, 10), Decimal("500")
            session.commit()
    return applications.draw_spot_check(db, admin, on=date(2026, 10, 1), count=2, seed=7).id
