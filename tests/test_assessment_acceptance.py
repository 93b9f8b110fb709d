"""The whole flow the acceptance suite runs: import the sample household register with the importer's
command, set the policy with `relief-desk policy set`, run `relief-desk reassess`, and check every
household's per-capita income and category against a hand-written calculation from the sample file."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop import cli
from desktop.rules import idcard
from desktop.rules.codes import RegionLevel
from desktop.services import auth
from desktop.services.base import Actor
from desktop.services.database import Database

SAMPLE = Path("/work/shared/samples/家庭台账_导入示例.xlsx")
AS_OF = date(2026, 3, 1)
URBAN = {"dibao_standard": "800", "disposable_income_last_year": "45000"}
RURAL = {"dibao_standard": "600", "disposable_income_last_year": "22000"}
COMMON = {"marginal_multiplier": "1.5", "rigid_expense_ratio": "0.5", "tekun_minor_age": "16", "elderly_age": "60",
          "deduct_serious_illness": "0.1", "deduct_severe_disability": "0.1", "deduct_single_parent": "0.05",
          "deduct_elderly": "0.05", "deduct_cap": "0.3"}
INCOME_COLUMNS = ("工资性收入", "经营净收入", "财产净收入", "转移净收入", "其他收入")
EXPENSE_COLUMNS = ("医疗支出", "教育支出", "其他刚性支出")

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample register not present")


def sample_rows() -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(SAMPLE, read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:] if r and r[0]]


def build_regions(db: Database) -> None:
    """The sub-districts and communities the sample names (the register names existing regions)."""
    system = Actor.system("test")
    root = auth.ensure_district(db)
    subs: dict[str, int] = {}
    pairs = sorted({(str(r["街道"]), str(r["社区"])) for r in sample_rows() if r.get("街道")})
    for n, (sub, community) in enumerate(pairs):
        area = "rural" if sub.endswith("镇") else "urban"
        if sub not in subs:
            subs[sub] = auth.add_region(db, system, parent_id=root, name=sub, code=f"420203{len(subs) + 1:03d}",
                                        level=RegionLevel.SUBDISTRICT, area_type=area)
        auth.add_region(db, system, parent_id=subs[sub], name=community, code=f"4202039{n:05d}",
                        level=RegionLevel.COMMUNITY, area_type=area)


def expected() -> dict[str, tuple[int, Decimal, str]]:
    """By hand, straight from the sample: household code → (members, per-capita income, category label)."""
    households: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in sample_rows():
        households[str(row["户编号"])].append(row)
    out = {}
    for code, people in households.items():
        head = next(p for p in people if p["与户主关系"] == "本人")
        rural = head["城乡类别"] == "农村"
        standard = Decimal(RURAL["dibao_standard"] if rural else URBAN["dibao_standard"])
        disposable = Decimal(RURAL["disposable_income_last_year"] if rural else URBAN["disposable_income_last_year"])
        total = sum(Decimal(str(p[c] or 0)) for p in people for c in INCOME_COLUMNS)
        rigid = sum(Decimal(str(p[c] or 0)) for p in people for c in EXPENSE_COLUMNS)
        rate = Decimal(0)
        for p in people:
            born = idcard.birth_date(idcard.parse(p["身份证号"]).number or "")
            age = AS_OF.year - born.year - ((AS_OF.month, AS_OF.day) < (born.month, born.day))
            if p["健康状况"] == "重病":
                rate += Decimal("0.1")
            grade = p["残疾等级"]
            if grade in ("一级", "二级") or (grade == "三级" and p["残疾类别"] in ("智力", "精神")):
                rate += Decimal("0.1")
            if age >= 60:
                rate += Decimal("0.05")
        if head["单亲家庭"] == "是":
            rate += Decimal("0.05")
        rate = min(rate, Decimal("0.3"))
        counted = total * (1 - rate)
        n = len(people)
        per_capita = (counted / 12 / n).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if per_capita < standard:
            category = "低保"
        elif per_capita < standard * Decimal("1.5"):
            category = "低保边缘"
        elif counted / n < disposable and (rigid > 0 if total <= 0 else rigid / total > Decimal("0.5")):
            category = "支出型困难"
        else:
            category = "不符合"
        out[code] = (n, per_capita, category)
    return out


def test_import_set_policy_reassess(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = db.url.render_as_string(hide_password=False)
    build_regions(db)
    assert cli.main(["import", "households", str(SAMPLE), "--database-url", url]) == 0
    capsys.readouterr()
    for area, values in (("城市", URBAN), ("农村", RURAL)):
        pairs = [f"{k}={v}" for k, v in {**values, **COMMON}.items()]
        assert cli.main(["policy", "set", "--effective", "2026-01-01", "--area", area, *pairs,
                         "--database-url", url]) == 0
    capsys.readouterr()
    out = tmp_path / "重新评估.xlsx"
    assert cli.main(["reassess", "--as-of", AS_OF.isoformat(), "--out", str(out), "--json",
                     "--database-url", url]) == 0
    summary = json.loads(capsys.readouterr().out)
    want = expected()
    assert summary["total"] == len(want) == 40

    ws = openpyxl.load_workbook(out, read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    headers = rows[0]  # the first row: a script reading it with pandas' defaults finds the columns
    for needed in ("户主姓名", "户主身份证号", "家庭人口", "月人均收入", "当前救助类别", "建议类别", "是否变化"):
        assert needed in headers
    got = {r[0]: dict(zip(headers, r, strict=False)) for r in rows[1:]}
    assert ws.title == f"重新评估 {AS_OF.isoformat()}"
    assert set(got) == set(want)
    for code, (members, per_capita, category) in want.items():
        row = got[code]
        assert row["家庭人口"] == members, code
        assert Decimal(str(row["月人均收入"])).quantize(Decimal("0.01")) == per_capita, code
        assert row["建议类别"] == category, code
    counts: dict[str, int] = defaultdict(int)
    for _, _, category in want.values():
        counts[category] += 1
    assert {k: v for k, v in summary["by_category"].items() if v} == dict(counts)
    # the register itself is untouched until a user confirms the moves
    assert cli.main(["reassess", "--as-of", AS_OF.isoformat(), "--out", str(out), "--json",
                     "--database-url", url]) == 0
    assert json.loads(capsys.readouterr().out)["changed"] == summary["changed"]
