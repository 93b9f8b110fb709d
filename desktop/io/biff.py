"""Formulas of a legacy .xls (BIFF8 in an OLE2 compound file) that hold no calculated result.

calamine reads a formula cell of a .xls as the result saved with it. Excel and WPS save the result
they calculated; programs that write .xls (xlwt, and writers built like it) calculate nothing and
save a placeholder: an empty text, or 0 with the flag asking to calculate on opening. Read as it
is, such a cell is an empty or zero amount that the file never held. This module finds those cells,
for :meth:`desktop.io.spreadsheet.Workbook.formulas_without_result`; the file has already passed
the structure checks of ``spreadsheet._ole_damage`` when it is read here.
"""

from __future__ import annotations

from pathlib import Path
from struct import unpack, unpack_from

_END = 0xFFFFFFFE
BOF, EOF, BOUNDSHEET, FORMULA, UNCALCED = 0x0809, 0x000A, 0x0085, 0x0006, 0x005E
CALC_ON_LOAD = 0x0002  # a flag Excel never sets (MS-XLS: reserved, zero): set by writers that calculate nothing
PTG_CONCAT, PTG_STR, PTG_INT, PTG_NUM = 0x08, 0x17, 0x1E, 0x1F


def _stream(data: bytes, wanted: str) -> bytes | None:
    """The stream named ``wanted`` of the compound file ``data``, or None."""
    shift = unpack_from("<H", data, 0x1E)[0]
    size = 1 << shift
    per = size // 4
    n_fat, first_dir, _tx, cutoff, first_mini, _n_mini, first_difat, n_difat = unpack_from("<8I", data, 0x2C)
    sectors = max(-(-(len(data) - size) // size), 0)

    def sector(i: int) -> bytes:
        return data[(i + 1) * size:(i + 2) * size].ljust(size, b"\xff")

    def chain(start: int, table: list[int], limit: int) -> list[int]:
        out: list[int] = []
        while start != _END and start < len(table) and start < limit and len(out) <= limit:
            out.append(start)
            start = table[start]
        return out

    difat = list(unpack_from("<109I", data, 0x4C))
    at = first_difat
    for _ in range(min(n_difat, sectors)):
        entries = unpack(f"<{per}I", sector(at))
        difat.extend(entries[:-1])
        at = entries[-1]
    fat: list[int] = []
    for f in difat[:n_fat]:
        fat.extend(unpack(f"<{per}I", sector(f)))
    directory = b"".join(sector(d) for d in chain(first_dir, fat, sectors))
    root_start = root_length = 0
    for offset in range(0, len(directory) - 127, 128):
        length_of_name, kind = unpack_from("<HB", directory, offset + 0x40)
        start, length = unpack_from("<2I", directory, offset + 0x74)
        if kind == 5:
            root_start, root_length = start, length
        name = directory[offset:offset + max(length_of_name - 2, 0)].decode("utf-16-le", "replace")
        if kind != 2 or name != wanted:
            continue
        if length >= cutoff:
            return b"".join(sector(s) for s in chain(start, fat, sectors))[:length]
        mini = b"".join(sector(s) for s in chain(root_start, fat, sectors))[:root_length]
        mini_fat: list[int] = []
        for m in chain(first_mini, fat, sectors):
            mini_fat.extend(unpack(f"<{per}I", sector(m)))
        return b"".join(mini[s * 64:(s + 1) * 64] for s in chain(start, mini_fat, len(mini) // 64))[:length]
    return None


def _records(stream: bytes, pos: int) -> list[tuple[int, bytes]]:
    """The records of one substream from ``pos`` (its BOF) to its EOF, those of embedded substreams
    (a chart in the sheet) left out."""
    out: list[tuple[int, bytes]] = []
    depth = 0
    while pos + 4 <= len(stream):
        rid, length = unpack_from("<HH", stream, pos)
        body = stream[pos + 4:pos + 4 + length]
        pos += 4 + length
        if rid == BOF:
            depth += 1
        elif rid == EOF:
            depth -= 1
            if depth <= 0:
                break
        elif depth == 1:
            out.append((rid, body))
    return out


def _sheet_offset(stream: bytes, sheet: str) -> int | None:
    for rid, body in _records(stream, 0):
        if rid != BOUNDSHEET or len(body) < 8:
            continue
        count, wide = body[6], body[7] & 1
        raw = body[8:8 + count * (2 if wide else 1)]
        if raw.decode("utf-16-le" if wide else "latin-1", "replace") == sheet:
            return int(unpack_from("<I", body)[0])
    return None


def _constant(rgce: bytes) -> str | float | None:
    """The result of a formula that is a constant: text ("…", or texts joined with &) or a number."""
    if len(rgce) in (3, 9) and rgce[0] in (PTG_INT, PTG_NUM):
        return float(unpack_from("<H" if rgce[0] == PTG_INT else "<d", rgce, 1)[0])
    parts: list[str] = []
    pos = 0
    while pos < len(rgce):
        if rgce[pos] == PTG_CONCAT and len(parts) >= 2:
            pos += 1
            continue
        if rgce[pos] != PTG_STR or pos + 3 > len(rgce):
            return None
        count, wide = rgce[pos + 1], rgce[pos + 2] & 1
        end = pos + 3 + count * (2 if wide else 1)
        parts.append(rgce[pos + 3:end].decode("utf-16-le" if wide else "latin-1", "replace"))
        pos = end
    return "".join(parts) if parts else None


def formulas_without_result(path: Path, sheet: str) -> dict[tuple[int, int], str | float | None]:
    """(1-based row, 0-based column) of the formulas of ``sheet`` whose saved result is not one a
    spreadsheet program calculated, each with its result when the formula is a constant, else None.
    Those are: every formula of a sheet marked as not calculated before it was saved (UNCALCED),
    or whose formulas all hold the empty placeholder (nothing calculated them: Excel saves a number
    for =1000*12); else those flagged to be calculated on opening."""
    data = path.read_bytes()
    stream = _stream(data, "Workbook")
    if stream is None:
        return {}
    offset = _sheet_offset(stream, sheet)
    if offset is None:
        return {}
    uncalced = False
    formulas: list[tuple[int, int, bool, int, bytes]] = []  # row, column, empty placeholder, flags, rgce
    for rid, body in _records(stream, offset):
        if rid == UNCALCED:
            uncalced = True
        elif rid == FORMULA and len(body) >= 22:
            row, col = unpack_from("<2H", body)
            empty = body[12:14] == b"\xff\xff" and body[6] == 3
            flags, cce = unpack_from("<H4xH", body, 14)
            formulas.append((row, col, empty, flags, body[22:22 + cce]))
    every = uncalced or all(f[2] for f in formulas)
    return {(row + 1, col): _constant(rgce) for row, col, _empty, flags, rgce in formulas
            if every or flags & CALC_ON_LOAD}
