"""Translations: ``*.ts`` sources live here (one per view module); ``*.qm`` are built by
``python scripts/build_translations.py``. Simplified Chinese is the default language."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
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


def lrelease() -> str:
    found = shutil.which("pyside6-lrelease")
    return found or str(Path(sys.executable).parent / "pyside6-lrelease")


def build(language: str = DEFAULT_LANGUAGE, *, force: bool = False) -> int:
    """Compile each .ts whose .qm is missing or older (or all with ``force``). Returns how many.

    Each .qm is written aside and swapped in: a running program has the old one memory-mapped,
    and rewriting it in place kills that program (SIGBUS)."""
    built = 0
    for ts in sorted(HERE.glob(f"*_{language}.ts")):
        qm = ts.with_suffix(".qm")
        if not force and qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        tmp = qm.with_name(f".{qm.name}.{os.getpid()}.tmp")
        subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(tmp)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if qm.exists() and qm.read_bytes() == tmp.read_bytes():
            tmp.unlink()
            os.utime(qm)
        else:
            os.replace(tmp, qm)
        built += 1
    return built


def install(app: QCoreApplication, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """Install Qt's own and our translators. Returns the names of the files loaded.

    Running from a source checkout, translations not compiled yet are compiled first."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language in ("", "en", "en_US"):
        QLocale.setDefault(QLocale("en_US"))
        return []
    QLocale.setDefault(QLocale(language))
    if not getattr(sys, "frozen", False):
        try:
            build(language)
        except (OSError, subprocess.SubprocessError) as exc:  # read-only install or no lrelease
            logging.getLogger("relief_desk").warning("could not compile translations: %s", exc)
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
