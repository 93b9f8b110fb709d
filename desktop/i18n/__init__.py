"""Translations: ``*.ts`` sources live here (one per view module); ``*.qm`` are built by
``python scripts/build_translations.py``. Simplified Chinese is the default language."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

HERE = Path(__file__).resolve().parent
DEFAULT_LANGUAGE = "zh_CN"

_installed: list[QTranslator] = []


def qm_dir() -> Path:
    if getattr(sys, "frozen", False):  # PyInstaller bundle
        return Path(getattr(sys, "_MEIPASS", HERE)) / "desktop" / "i18n"
    return HERE


def install(app: QCoreApplication, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """Install Qt's own and our translators. Returns the names of the files loaded."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language in ("", "en", "en_US"):
        QLocale.setDefault(QLocale("en_US"))
        return []
    QLocale.setDefault(QLocale(language))
    loaded: list[str] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(f"{name}_{language}", qt_dir):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(f"{name}_{language}")
            break
    for qm in sorted(qm_dir().glob(f"*_{language}.qm")):
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(qm.name)
    return loaded
