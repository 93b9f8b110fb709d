#!/usr/bin/env bash
# Build the Linux one-folder bundle into dist/relief-desk and smoke-test it headless.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q "pyinstaller>=6.5"
python scripts/build_translations.py
python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build installer/relief-desk.spec
tmp=$(mktemp -d)
QT_QPA_PLATFORM=offscreen RELIEF_DESK_DATA_DIR="$tmp" dist/relief-desk/relief-desk --smoke-test \
  --database-url "sqlite:///$tmp/smoke.sqlite3"
echo "bundle: dist/relief-desk ($(du -sh dist/relief-desk | cut -f1))"
