"""Regenerate migrations/versions/0001_initial.py from the models.

Only while nothing has been released: once a release ships, schema changes get a new revision
(`alembic revision --autogenerate`) instead. Later hand-written revisions (0002 …: triggers) are
kept and still follow 0001.
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
    versions = ROOT / "migrations" / "versions"
    # Hand-written later revisions (triggers, data) stay as they are; they are set aside while the
    # first one is generated from the models.
    later = [p for p in versions.glob("*.py") if not p.name.startswith("0001_")]
    with tempfile.TemporaryDirectory() as tmp:
        for p in later:
            p.rename(Path(tmp) / p.name)
        try:
            cfg = Config()
            cfg.set_main_option("script_location", str(ROOT / "migrations"))
            cfg.set_main_option("sqlalchemy.url", f"sqlite:///{tmp}/empty.sqlite3")
            command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
        finally:
            for p in later:
                (Path(tmp) / p.name).rename(p)
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
