"""Translations: one .ts per view module in desktop/i18n/, Simplified Chinese.

    python scripts/build_translations.py            # build every .qm from its .ts (tests and CI run this)
    python scripts/build_translations.py update     # refresh .ts files from the sources (pyside6-lupdate)
    python scripts/build_translations.py todo FILE  # list unfinished strings of one .ts as JSON
    python scripts/build_translations.py apply FILE TRANSLATIONS.json   # fill a .ts from {source: text}
    python scripts/build_translations.py check      # fail on unfinished or missing translations
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VIEWS = ROOT / "desktop" / "views"
I18N = ROOT / "desktop" / "i18n"
LANG = "zh_CN"


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    candidate = Path(sys.executable).parent / f"pyside6-{name}"
    return str(candidate)


def sources() -> dict[Path, list[Path]]:
    """Each .ts and the source files it covers: one per module under desktop/views (packages whole)."""
    mapping: dict[Path, list[Path]] = {I18N / f"app_{LANG}.ts": [ROOT / "desktop" / "app.py"]}
    for path in sorted(VIEWS.iterdir()):
        if path.name.startswith("_"):
            continue
        if path.is_file() and path.suffix == ".py":
            mapping[I18N / f"{path.stem}_{LANG}.ts"] = [path]
        elif path.is_dir() and (path / "__init__.py").exists():
            mapping[I18N / f"{path.name}_{LANG}.ts"] = sorted(path.rglob("*.py"))
    return mapping


def update() -> None:
    for ts, files in sources().items():
        subprocess.run([tool("lupdate"), "-silent", "-no-obsolete", "-target-language", LANG,
                        *map(str, files), "-ts", str(ts)], check=True)
    print("updated", len(sources()), "translation sources")


def build() -> None:
    sys.path.insert(0, str(ROOT))
    from desktop import i18n

    built = i18n.build(LANG, force=True)
    print(f"built {built} translation files")


def unfinished(ts: Path) -> list[str]:
    tree = ET.parse(ts)
    out = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") or not (
                translation.text or "").strip():
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            out.append(source)
    return out


def apply(ts: Path, table: dict[str, str]) -> int:
    tree = ET.parse(ts)
    filled = 0
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is not None and source in table:
            translation.text = table[source]
            translation.attrib.pop("type", None)
            filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def check() -> int:
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for ts, files in sources().items():
            probe = Path(tmp) / ts.name
            if ts.exists():
                shutil.copy(ts, probe)
            subprocess.run([tool("lupdate"), "-silent", "-no-obsolete", "-target-language", LANG,
                            *map(str, files), "-ts", str(probe)], check=True)
            for source in unfinished(probe):
                problems.append(f"{ts.name}: untranslated: {source!r}")
    for line in problems:
        print(line)
    print(f"{len(problems)} untranslated strings")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "build"
    if command == "build":
        build()
    elif command == "update":
        update()
    elif command == "todo":
        print(json.dumps(unfinished(Path(argv[1])), ensure_ascii=False, indent=1))
    elif command == "apply":
        table = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
        print("filled", apply(Path(argv[1]), table))
    elif command == "check":
        return check()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
