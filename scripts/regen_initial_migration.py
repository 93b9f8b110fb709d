"""Regenerate migrations/versions/0001_initial.py from the models.

Only while nothing has been released: once a release ships, schema changes get a new revision
(`alembic revision --autogenerate`) instead.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "migrations" / "versions" / "0001_initial.py"


def main() -> None:
    TARGET.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        cfg = Config()
        cfg.set_main_option("script_location", str(ROOT / "migrations"))
        cfg.set_main_option("sqlalchemy.url", f"sqlite:///{tmp}/empty.sqlite3")
        command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
    produced = next((ROOT / "migrations" / "versions").glob("0001_*.py"))
    text = produced.read_text(encoding="utf-8")
    lines = [line.rstrip() for line in text.splitlines()]
    lines = ["Create Date: (regenerated from the models)" if ln.startswith("Create Date:") else ln for ln in lines]
    text = "\n".join(lines) + "\n"
    produced.unlink()
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
