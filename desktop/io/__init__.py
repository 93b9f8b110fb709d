"""Spreadsheets in and out. No Qt, no database."""
