"""Complete Chinese UI: every string in every view is translated, and Qt's own widgets speak Chinese."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop import i18n

ROOT = Path(__file__).resolve().parents[1]


def test_no_unfinished_or_missing_translations() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_translations.py"), "check"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_every_view_module_has_a_translation_file() -> None:
    views = ROOT / "desktop" / "views"
    modules = {p.stem for p in views.glob("*.py") if not p.name.startswith("_")}
    shipped = {p.name.removesuffix("_zh_CN.ts") for p in (ROOT / "desktop" / "i18n").glob("*_zh_CN.ts")}
    assert modules <= shipped


def test_qt_standard_buttons_are_chinese(qapp: QApplication) -> None:
    i18n.install(qapp, "zh_CN")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Close)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert any("取消" in t for t in texts) and any("关闭" in t for t in texts), texts


def test_missing_translations_are_compiled_on_start(qapp: QApplication, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # A copy of the catalogues: the checkout's own stay in place for tests running beside this one (-n 2).
    for path in (ROOT / "desktop" / "i18n").glob("*_zh_CN.*"):
        shutil.copy2(path, tmp_path / path.name)
    monkeypatch.setattr(i18n, "HERE", tmp_path)
    qm = tmp_path / "pages_zh_CN.qm"
    qm.unlink()
    try:
        loaded = i18n.install(qapp, "zh_CN")
        assert qm.exists() and "pages_zh_CN.qm" in loaded
    finally:
        monkeypatch.undo()
        i18n.install(qapp, "zh_CN")  # the checkout's catalogues again, as the other tests expect


def test_qt_file_dialog_is_chinese(qapp: QApplication, chinese) -> None:  # noqa: ANN001
    """Qt 6 gave two labels of its own file dialog a mnemonic (&Look in:, Files of &type:) that its
    zh_CN catalogue does not know: every save and open dialog showed them in English."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

    dialog = QFileDialog(None, "t")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton) if w.text()]
    english = [t for t in texts if re.search(r"[A-Za-z]{2,}", t.replace("&", ""))]
    assert texts and english == []
    assert any("类型" in t for t in texts) and any("(&L)" in t for t in texts), texts


def test_alt_keys_close_the_chinese_text() -> None:
    """A Chinese label names its Alt key last, as (&X) before a closing … or colon: 导出(X)(xlsx)…,
    全部数据(X)(xlsx)… and 撤回理由(R)(如申请人书面申请): put it in the middle of the text. Every
    translation keeps the Alt key its English source has, and gains none it has not."""
    import re
    import xml.etree.ElementTree as ET

    def key(text: str) -> bool:
        return re.search(r"&[^&\s;]", re.sub(r"&&|&(nbsp|amp|lt|gt);", "", text)) is not None

    problems = []
    for ts in sorted((ROOT / "desktop" / "i18n").glob("*_zh_CN.ts")):
        for message in ET.parse(ts).iter("message"):
            source, text = message.findtext("source") or "", message.findtext("translation") or ""
            if key(source) != key(text):
                problems.append(f"{ts.name}: Alt key lost or added: {source!r} → {text!r}")
            elif key(text) and not re.search(r"\(&(\w|\{\w+\})\)(…|\.\.\.|:|：)?(\(Ctrl\+\w\))?$", text):
                problems.append(f"{ts.name}: Alt key not last: {text!r}")
    assert problems == []


def test_every_yes_no_question_in_the_views_names_its_default() -> None:
    """QMessageBox.question left to itself makes Yes the default: an Enter pressed out of habit
    removed a member, stopped an account or recorded a month's payments. Every question is asked
    through confirm.asked_yes (No by default) or names its buttons and default itself."""
    import ast

    views = Path(__file__).resolve().parent.parent / "desktop" / "views"
    loose = []
    for path in sorted(views.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "question"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "QMessageBox"
                    and len(node.args) < 5 and not any(k.arg == "defaultButton" for k in node.keywords)):
                loose.append(f"{path.name}:{node.lineno}")
    assert loose == []
