"""Pure policy: no database, no files, no Qt."""
