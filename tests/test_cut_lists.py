"""Lists that stop at a limit say so, how many there are and how to see the rest. The services give the
rows and how many matched in all (CutList); the commands say so in their text, and the window a line under
the list (its tests are with each page's). The post-check list showed the earliest 5,000 checks and cut
silently in the window; the command said "其后还有" when the list was exactly full. A small limit stands in
for the real one.

The post-checks: 王五's regular 低保 approved 2026-03-10 (yearly review due 2027-03-10); 钱进's
commitment-track 低保 approved 2026-02-27 (centralised cross-check due 2026-03-27, yearly review due
2027-02-27). On 2026-06-01 three checks are to do, the cross-check overdue."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from desktop import cli
from desktop.models import AuditEntry, ImportBatch
from desktop.services import applications as svc
from desktop.services import department_import as di
from desktop.services import households as hs
from tests.district import District
from tests.test_applications import commitment_to_decision, make_household, run_regular

AS_OF = date(2026, 6, 1)


def three_checks(d: District) -> tuple[int, int]:
    """(regular, commitment): three post-checks to do on AS_OF, the commitment's cross-check overdue."""
    regular = run_regular(d, make_household(d.db, d.regions["八泉社区"], "王五"))
    _hid, commitment = commitment_to_decision(d, "钱进", date(2026, 2, 10))
    svc.decide(d.db, d.admin, commitment, approve=True, on=date(2026, 2, 27), amount="500", today=date(2026, 3, 1))
    return regular, commitment


def url_of(d: District) -> str:
    return d.db.url.render_as_string(hide_password=False)


# -- the service and the command ------------------------------------------------------------------
def test_the_post_check_queue_counts_past_its_limit_and_filters_before_it(district: District,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    regular, commitment = three_checks(district)
    db, admin = district.db, district.admin
    monkeypatch.setattr(svc, "LIST_LIMIT", 2)
    first = svc.post_check_queue(db, admin, as_of=AS_OF)
    assert [(c.application_id, c.kind) for c in first] == [(commitment, "centralised"), (commitment, "periodic")]
    assert first.total == 3 and first.truncated
    assert first[0].subdistrict_name == "八泉街道" and first[0].region_name == "飞云社区"
    # the kind and overdue filters are the service's: the limit is of the checks chosen, not of all
    reviews = svc.post_check_queue(db, admin, as_of=AS_OF, kind="periodic", limit=1)
    assert [(c.application_id, c.kind) for c in reviews] == [(commitment, "periodic")] and reviews.total == 2
    overdue = svc.post_check_queue(db, admin, as_of=AS_OF, overdue_only=True, limit=1)
    assert [(c.application_id, c.kind) for c in overdue] == [(commitment, "centralised")]
    assert overdue.total == 1 and not overdue.truncated
    # exactly full is not cut
    every = svc.post_check_queue(db, admin, as_of=AS_OF, limit=3)
    assert len(every) == 3 and every.total == 3 and not every.truncated
    assert {c.application_id for c in every} == {regular, commitment}


def test_the_post_checks_command_counts_what_it_cuts_and_nothing_else(district: District,
                                                                      capsys: pytest.CaptureFixture[str],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """It said "其后还有" when the list was exactly full, and with --overdue whenever the checks of every
    kind filled the limit, overdue or not."""
    three_checks(district)
    url = url_of(district)
    monkeypatch.setattr(svc, "LIST_LIMIT", 3)
    assert cli.main(["post-checks", "--as-of", AS_OF.isoformat(), "--database-url", url]) == 0
    assert "仅列出" not in capsys.readouterr().out
    monkeypatch.setattr(svc, "LIST_LIMIT", 1)
    assert cli.main(["post-checks", "--as-of", AS_OF.isoformat(), "--overdue", "--database-url", url]) == 0
    out = capsys.readouterr().out
    assert "已过期限的审批后核查 1 项" in out and "仅列出" not in out
    assert cli.main(["post-checks", "--as-of", AS_OF.isoformat(), "--database-url", url]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "仅列出最早到期的 1 项,共 3 项;用 --json 查看全部"


def test_the_post_check_export_writes_every_check_under_the_filters(district: District, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    regular, commitment = three_checks(district)
    monkeypatch.setattr(svc, "LIST_LIMIT", 1)  # the screen's limit: the export is not held to it
    out = tmp_path / "核查.xlsx"
    assert svc.export_post_checks_xlsx(district.db, district.admin, out, as_of=AS_OF) == 3
    sheet = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("事后核查").to_python()
    assert sheet[0][0].startswith("事后核查清单(全部类型;2026-06-01)") and sheet[1] == svc.POST_CHECK_HEADERS
    assert [(int(r[0]), r[1], r[2], r[4], r[6]) for r in sheet[2:]] == [
        (commitment, "钱进", "八泉街道", "集中比对核查", "逾期"), (commitment, "钱进", "八泉街道", "定期复核", ""),
        (regular, "王五", "八泉街道", "定期复核", "")]
    assert svc.export_post_checks_xlsx(district.db, district.admin, out, as_of=AS_OF, kind="periodic") == 2
    with pytest.raises(svc.ValidationFailed, match="没有符合筛选条件的事后核查"):
        svc.export_post_checks_xlsx(district.db, district.admin, out, as_of=date(2026, 3, 1), overdue_only=True)
    with district.db.session_factory() as s:
        logged = s.scalars(select(AuditEntry.after).where(AuditEntry.action == "post_checks.export")).all()
    assert [entry["rows"] for entry in logged] == [3, 2]


def _batches(d: District, n: int) -> None:
    with d.db.session_factory() as s:
        for i in range(n):
            s.add(ImportBatch(kind=di.KIND, department="hrss", file_name=f"名单{i}.xlsx", file_hash=f"{i:064d}",
                              imported_by="admin"))
        s.commit()


def test_the_batches_command_says_when_it_cuts(district: District, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    _batches(district, 3)
    monkeypatch.setattr(di, "BATCHES_SHOWN", 2)
    listed = di.list_batches(district.db, district.admin, limit=2)
    assert [b.file_name for b in listed] == ["名单2.xlsx", "名单1.xlsx"] and listed.total == 3 and listed.truncated
    url = url_of(district)
    assert cli.main(["import", "batches", "--database-url", url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and lines[-1] == "仅列出最近的 2 批,共 3 批;用 --json 查看全部"
    assert cli.main(["import", "batches", "--json", "--database-url", url]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3
    monkeypatch.setattr(di, "BATCHES_SHOWN", 3)
    assert cli.main(["import", "batches", "--database-url", url]) == 0
    assert "仅列出" not in capsys.readouterr().out


# -- the accept dialog's household picker and the household's change history --------------------
def test_the_household_choices_count_past_their_limit(district: District, monkeypatch: pytest.MonkeyPatch) -> None:
    """The accept dialog's picker lists the first 50 matches: it could not tell 50 from 5,000."""
    d = district
    for name in ("韩一", "韩二", "韩三", "李四"):
        make_household(d.db, d.regions["八泉社区"], name)
    monkeypatch.setattr(svc, "CHOICES_LIMIT", 2)
    first = svc.household_choices(d.db, d.admin, "韩")
    assert [c.head_name for c in first] == ["韩一", "韩三"] and first.total == 3 and first.truncated
    every = svc.household_choices(d.db, d.admin, "韩", limit=3)  # exactly full is not cut
    assert len(every) == 3 and every.total == 3 and not every.truncated
    assert svc.household_choices(d.db, d.admin).total == 4


def _logged(d: District, household_id: int, n: int) -> None:
    with d.db.session_factory() as s:
        s.add_all(AuditEntry(action="household.update", entity="households", entity_id=household_id,
                             household_id=household_id, username="admin", detail=f"第 {i} 次修改")
                  for i in range(n))
        s.commit()


def test_the_household_history_counts_the_changes_it_leaves_out(district: District,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A household's history lists its latest 500 changes: one with more read as if it had 500."""
    d = district
    hid = make_household(d.db, d.regions["八泉社区"], "王五")
    other = make_household(d.db, d.regions["八泉社区"], "赵六")
    _logged(d, hid, 4)
    _logged(d, other, 3)  # another household's changes are not counted
    monkeypatch.setattr(hs, "HISTORY_SHOWN", 3)
    audit = hs.get_household(d.db, d.admin, hid).audit
    assert [e.detail for e in audit] == ["第 3 次修改", "第 2 次修改", "第 1 次修改"]
    assert audit.total == 4 and audit.truncated
    monkeypatch.setattr(hs, "HISTORY_SHOWN", 4)  # exactly full is not cut
    audit = hs.get_household(d.db, d.admin, hid).audit
    assert len(audit) == 4 and audit.total == 4 and not audit.truncated
