"""Legacy .xls (BIFF8 in an OLE2 compound file): the formulas that hold no calculated result, and
the code page that makes calamine garble every text (:func:`with_unicode_codepage`).

calamine reads a formula cell of a .xls as the result saved with it. Excel and WPS save the result
they calculated; programs that write .xls (xlwt, and writers built like it) calculate nothing and
save a placeholder: an empty text, or 0 with the flag asking to calculate on opening. Read as it
is, such a cell is an empty or zero amount that the file never held. This module finds those cells,
for :meth:`desktop.io.spreadsheet.Workbook.formulas_without_result`; the file has already passed
the structure checks of ``spreadsheet._ole_damage`` when it is read here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from struct import error as struct_error
from struct import unpack, unpack_from
from typing import Any

_END = 0xFFFFFFFE
BOF, EOF, BOUNDSHEET, FORMULA, UNCALCED, CODEPAGE = 0x0809, 0x000A, 0x0085, 0x0006, 0x005E, 0x0042
BIFF8, UTF16 = 0x0600, 1200
FILEPASS = 0x002F  # the workbook is encrypted (a password to open): every record after it is ciphertext
ROW, ROW_HIDDEN = 0x0208, 0x0020  # a row's record, and its flag fDyZero: the row is hidden (or filtered out)
CALC_ON_LOAD = 0x0002  # a flag Excel never sets (MS-XLS: reserved, zero): set by writers that calculate nothing
PTG_CONCAT, PTG_STR, PTG_INT, PTG_NUM = 0x08, 0x17, 0x1E, 0x1F


def _stream(data: bytes, wanted: str) -> bytes | None:
    """The stream named ``wanted`` of the compound file ``data``, or None."""
    shift = unpack_from("<H", data, 0x1E)[0]
    size = 1 << shift
    per = size // 4
    _n_fat, first_dir, _tx, cutoff, first_mini = unpack_from("<5I", data, 0x2C)
    sectors = max(-(-(len(data) - size) // size), 0)

    def sector(i: int) -> bytes:
        return data[(i + 1) * size:(i + 2) * size].ljust(size, b"\xff")

    def chain(start: int, table: list[int], limit: int) -> list[int]:
        out: list[int] = []
        while start != _END and start < len(table) and start < limit and len(out) <= limit:
            out.append(start)
            start = table[start]
        return out

    fat = _allocation_table(data, sector, sectors)
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


def _allocation_table(header: bytes, sector: Callable[[int], bytes], sectors: int) -> list[int]:
    """The sector allocation table of a compound file from its header (the first 109 of its sectors
    are listed there, the further ones of a file over some 7 MB in DIFAT sectors)."""
    per = (1 << unpack_from("<H", header, 0x1E)[0]) // 4
    n_fat = unpack_from("<I", header, 0x2C)[0]
    first_difat, n_difat = unpack_from("<2I", header, 0x44)
    difat = list(unpack_from("<109I", header, 0x4C))
    at = first_difat
    for _ in range(min(n_difat, sectors)):
        entries = unpack(f"<{per}I", sector(at))
        difat.extend(entries[:-1])
        at = entries[-1]
    fat: list[int] = []
    for f in difat[:n_fat]:
        fat.extend(unpack(f"<{per}I", sector(f)))
    return fat


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


ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
          0x2A: "#N/A", 0x2B: "#GETTING_DATA"}


def formulas_without_result(path: Path, sheet: str) -> tuple[dict[tuple[int, int], str | float | None],
                                                             dict[tuple[int, int], str]]:
    """(1-based row, 0-based column) of the formulas of ``sheet`` whose saved result is not one a
    spreadsheet program calculated, each with its result when the formula is a constant, else None.
    Those are: every formula of a sheet marked as not calculated before it was saved (UNCALCED),
    or whose formulas all hold the empty placeholder (nothing calculated them: Excel saves a number
    for =1000*12); else those flagged to be calculated on opening.
    Then the cells holding an error value (#N/A…), typed or the result a program calculated."""
    data = path.read_bytes()
    stream = _stream(data, "Workbook")
    if stream is None:
        return {}, {}
    offset = _sheet_offset(stream, sheet)
    if offset is None:
        return {}, {}
    uncalced = False
    formulas: list[tuple[int, int, bool, int, bytes]] = []  # row, column, empty placeholder, flags, rgce
    errors: dict[tuple[int, int], str] = {}
    for rid, body in _records(stream, offset):
        if rid == UNCALCED:
            uncalced = True
        elif rid == FORMULA and len(body) >= 22:
            row, col = unpack_from("<2H", body)
            empty = body[12:14] == b"\xff\xff" and body[6] == 3
            flags, cce = unpack_from("<H4xH", body, 14)
            formulas.append((row, col, empty, flags, body[22:22 + cce]))
            if body[12:14] == b"\xff\xff" and body[6] == 2:
                errors[(row + 1, col)] = ERRORS.get(body[8], "#N/A")
        elif rid == BOOLERR and len(body) >= 8 and body[7] == 1:
            row, col = unpack_from("<2H", body)
            errors[(row + 1, col)] = ERRORS.get(body[6], "#N/A")
    every = uncalced or all(f[2] for f in formulas)
    found = {(row + 1, col): _constant(rgce) for row, col, _empty, flags, rgce in formulas
             if every or flags & CALC_ON_LOAD}
    return found, {at: error for at, error in errors.items() if at not in found}


def hidden_rows(path: Path, sheet: str) -> frozenset[int]:
    """The 1-based numbers of the rows of ``sheet`` that are hidden, by hand or by a filter."""
    stream = _stream(path.read_bytes(), "Workbook")
    if stream is None:
        return frozenset()
    offset = _sheet_offset(stream, sheet)
    if offset is None:
        return frozenset()
    return frozenset(unpack_from("<H", body)[0] + 1 for rid, body in _records(stream, offset)
                     if rid == ROW and len(body) >= 16 and unpack_from("<I", body, 12)[0] & ROW_HIDDEN)


def with_unicode_codepage(path: Path) -> bytes | None:
    """The file's bytes with the code page of its workbook set to UTF-16 (1200), for a BIFF8 workbook
    that names another one; None for any other file, which is read as it is.

    In BIFF8 every text is Unicode (each string says whether its characters are stored in one byte or
    two) and the CODEPAGE record only tells what the writing system used. JExcelApi (jxl), found in
    many Java systems of government offices, writes 1252 there; calamine then decodes every text by
    that code page, and a list's names and numbers come out garbled (a NUL after every digit). Only
    the file's header, directory and first records are read to tell."""
    try:
        found = _stream_head(path, "Workbook", 1024)
        if found is None:
            return None
        head, places = found
        if len(head) < 8:
            return None
        rid, _length, version = unpack_from("<HHH", head)
        if rid != BOF or version != BIFF8:
            return None
        for rid, length, pos in _first_records(head):
            if rid == CODEPAGE and length == 2 and pos + 6 <= len(head):
                if unpack_from("<H", head, pos + 4)[0] == UTF16:
                    return None
                patched = bytearray(path.read_bytes())
                for i, byte in enumerate(UTF16.to_bytes(2, "little")):
                    patched[places[pos + 4 + i]] = byte
                return bytes(patched)
    except (OSError, ValueError, IndexError, struct_error):
        return None  # read as it is: calamine says what is wrong with it
    return None


def is_encrypted(path: Path) -> bool:
    """Whether a legacy .xls has a password to open: its workbook stream starts with a BOF record
    and a FILEPASS record (RC4 or XOR encryption: Excel, WPS and LibreOffice write it so), not the
    EncryptedPackage stream of an encrypted .xlsx. Only the first records are read."""
    try:
        found = _stream_head(path, "Workbook", 1024) or _stream_head(path, "Book", 1024)
        if found is None:
            return False
        return any(rid == FILEPASS for rid, _length, _pos in _first_records(found[0]))
    except (OSError, ValueError, IndexError, struct_error):
        return False  # read as it is: calamine says what is wrong with it


def _first_records(head: bytes) -> Iterator[tuple[int, int, int]]:
    """(record id, length, offset) of the records at the start of a workbook stream's globals: up to
    the first sheet's (BOUNDSHEET), the end of the globals or the next substream."""
    pos = 0
    while pos + 4 <= len(head):
        rid, length = unpack_from("<HH", head, pos)
        if rid in (BOUNDSHEET, EOF) or (rid == BOF and pos):
            return
        yield rid, length, pos
        pos += 4 + length


def _stream_head(path: Path, wanted: str, count: int) -> tuple[bytes, list[int]] | None:
    """The first ``count`` bytes of the stream ``wanted`` of the compound file at ``path`` and the
    offset in the file of each of them, or None. Reads the header, the allocation tables and the
    directory, not the file."""
    with open(path, "rb") as fh:
        header = fh.read(512)
        shift = unpack_from("<H", header, 0x1E)[0]
        size = 1 << shift
        per = size // 4
        _n_fat, first_dir, _tx, cutoff, first_mini = unpack_from("<5I", header, 0x2C)
        fh.seek(0, 2)
        sectors = max(-(-(fh.tell() - size) // size), 0)

        def sector(i: int) -> bytes:
            fh.seek((i + 1) * size)
            return fh.read(size).ljust(size, b"\xff")

        fat = _allocation_table(header, sector, sectors)

        def chain(start: int, table: list[int], limit: int) -> Iterator[int]:
            seen = 0
            while start != _END and start < len(table) and start < limit and seen <= limit:
                yield start
                start, seen = table[start], seen + 1

        entry = root = None
        for d in chain(first_dir, fat, sectors):
            directory = sector(d)
            for offset in range(0, size - 127, 128):
                length_of_name, kind = unpack_from("<HB", directory, offset + 0x40)
                start, length = unpack_from("<2I", directory, offset + 0x74)
                name = directory[offset:offset + max(length_of_name - 2, 0)].decode("utf-16-le", "replace")
                if kind == 5:
                    root = start
                elif kind == 2 and name == wanted:
                    entry = (start, length)
            if entry is not None and root is not None:
                break
        if entry is None:
            return None
        start, length = entry
        places: list[int] = []
        if length >= cutoff:
            for s in chain(start, fat, sectors):
                places.extend(range((s + 1) * size, (s + 2) * size))
                if len(places) >= count:
                    break
        elif root is not None:  # a small stream, in 64-byte pieces of the mini stream (held in the root's sectors)
            big = list(chain(root, fat, sectors))
            mini_fat: list[int] = []
            for m in chain(first_mini, fat, sectors):
                mini_fat.extend(unpack(f"<{per}I", sector(m)))
            for s in chain(start, mini_fat, len(big) * size // 64):
                at = big[s * 64 // size] * size + size + s * 64 % size
                places.extend(range(at, at + 64))
                if len(places) >= count:
                    break
        places = places[:min(count, length)]
        head = bytearray()
        i = 0
        while i < len(places):  # read run by run (a sector, or a mini sector, at a time)
            j = i + 1
            while j < len(places) and places[j] == places[j - 1] + 1:
                j += 1
            fh.seek(places[i])
            head += fh.read(j - i).ljust(j - i, b"\x00")
            i = j
        return bytes(head), places


# -- Excel 5.0/95 (BIFF5) in a double-byte code page ------------------------------------------------

BIFF5 = 0x0500
LABEL, RSTRING, NUMBER, RK, MULRK, STRING, BOOLERR = 0x0204, 0x00D6, 0x0203, 0x027E, 0x00BD, 0x0207, 0x0205
# The code pages whose texts calamine breaks apart byte by byte (a NUL after each): Chinese, Japanese, Korean.
DOUBLE_BYTE = {936: "gbk", 950: "cp950", 932: "cp932", 949: "cp949"}


@dataclass(frozen=True)
class SheetState:
    """What calamine's sheet metadata says, for a sheet read here."""

    name: str
    visible: str  # "Visible" / "Hidden" / "VeryHidden"
    typ: Any = None


class LegacySheet:
    """One worksheet of an Excel 5.0/95 workbook, read here: its cells by row, as calamine gives them
    (``start``, ``end``, ``iter_rows()``, ``merged_cell_ranges``)."""

    def __init__(self, cells: dict[tuple[int, int], Any]) -> None:
        self._cells = cells
        rows = [r for r, _c in cells]
        columns = [c for _r, c in cells]
        self.start = (0, min(columns)) if cells else None
        self.end = (max(rows), max(columns)) if cells else None
        self.merged_cell_ranges: list = []  # BIFF5 keeps no merged cells

    def iter_rows(self) -> Iterator[list[Any]]:
        if self.end is None or self.start is None:
            return
        first = self.start[1]
        for r in range(self.end[0] + 1):
            yield [self._cells.get((r, c), "") for c in range(first, self.end[1] + 1)]


class LegacyBook:
    """An Excel 5.0/95 workbook (BIFF5) whose texts are in a double-byte code page (GBK on a Chinese
    Windows): calamine reads it, but breaks every text apart byte by byte, so it is read here. Only
    what a list needs is read: texts, numbers and the saved results of formulas."""

    def __init__(self, stream: bytes, encoding: str) -> None:
        self._stream = stream
        self._encoding = encoding
        self._offsets: dict[str, int] = {}
        self.sheets_metadata: list[SheetState] = []
        for rid, body in _records(stream, 0):
            if rid == BOUNDSHEET and len(body) >= 7:
                offset, state, kind, count = unpack_from("<IBBB", body)
                name = self._text(body[7:7 + count])
                if kind == 0:  # a worksheet (not a chart or a macro sheet)
                    self._offsets[name] = offset
                    self.sheets_metadata.append(SheetState(name, ("Visible", "Hidden", "VeryHidden")[min(state & 3, 2)],
                                                           _WorkSheet()))
        self.sheet_names = list(self._offsets)

    @classmethod
    def open(cls, path: Path) -> LegacyBook | None:
        """The workbook at ``path`` when it is BIFF5 in a double-byte code page, else None."""
        try:
            head = _stream_head(path, "Book", 8) or _stream_head(path, "Workbook", 8)  # a look first: most are BIFF8
            if head is None or len(head[0]) < 8:
                return None
            rid, _length, version = unpack_from("<HHH", head[0])
            if rid != BOF or version != BIFF5:
                return None
            data = path.read_bytes()
            stream = _stream(data, "Book") or _stream(data, "Workbook")
            if stream is None:
                return None
            codepage = next((unpack_from("<H", body)[0] for rid, body in _records(stream, 0)
                             if rid == CODEPAGE and len(body) == 2), None)
        except (OSError, ValueError, IndexError, struct_error):
            return None
        encoding = DOUBLE_BYTE.get(codepage or 0)
        return None if encoding is None else cls(stream, encoding)

    def _text(self, raw: bytes) -> str:
        return raw.decode(self._encoding, "replace")

    def get_sheet_by_name(self, name: str) -> LegacySheet:
        cells: dict[tuple[int, int], Any] = {}
        pending: tuple[int, int] | None = None  # a formula whose text result follows in a STRING record
        for rid, body in _records(self._stream, self._offsets[name]):
            if rid in (LABEL, RSTRING) and len(body) >= 8:
                row, col, _xf, count = unpack_from("<4H", body)
                cells[(row, col)] = self._text(body[8:8 + count])
            elif rid == NUMBER and len(body) >= 14:
                row, col = unpack_from("<2H", body)
                cells[(row, col)] = unpack_from("<d", body, 6)[0]
            elif rid == RK and len(body) >= 10:
                row, col = unpack_from("<2H", body)
                cells[(row, col)] = _rk(unpack_from("<I", body, 6)[0])
            elif rid == MULRK and len(body) >= 6:
                row, first = unpack_from("<2H", body)
                for i in range((len(body) - 6) // 6):
                    cells[(row, first + i)] = _rk(unpack_from("<I", body, 4 + 6 * i + 2)[0])
            elif rid == BOOLERR and len(body) >= 8:
                row, col = unpack_from("<2H", body)
                if body[7] == 0:
                    cells[(row, col)] = bool(body[6])
            elif rid == FORMULA and len(body) >= 14:
                row, col = unpack_from("<2H", body)
                if body[12:14] != b"\xff\xff":
                    cells[(row, col)] = unpack_from("<d", body, 6)[0]
                elif body[6] == 0:
                    pending = (row, col)
                elif body[6] == 1:
                    cells[(row, col)] = bool(body[8])
            elif rid == STRING and pending is not None and len(body) >= 2:
                cells[pending] = self._text(body[2:2 + unpack_from("<H", body)[0]])
                pending = None
        return LegacySheet(cells)

    def close(self) -> None:
        self._stream = b""


class _WorkSheet:
    name = "WorkSheet"


def _rk(value: int) -> float:
    """A number stored in an RK value: a signed 30-bit integer, or the high 30 bits of a double; ×100 when flagged."""
    if value & 2:
        whole = value >> 2
        number = float(whole - (1 << 30) if whole & (1 << 29) else whole)
    else:
        number = unpack("<d", (value & 0xFFFFFFFC).to_bytes(4, "little").rjust(8, b"\x00"))[0]
    return number / 100 if value & 1 else number


# -- number formats ---------------------------------------------------------------------------------

FORMAT, XF = 0x041E, 0x00E0


def number_formats(path: Path, sheet: str, first: int, last: int) -> dict[int, list[int | str]]:
    """The number format of each number cell (a number, a date: NUMBER, RK, MULRK, a formula) of
    ``sheet`` in rows ``first`` … ``last`` (1-based), by 0-based column: a built-in format's number,
    or the format's text where the workbook gives one (a FORMAT record)."""
    stream = _stream(path.read_bytes(), "Workbook")
    if stream is None:
        return {}
    offset = _sheet_offset(stream, sheet)
    if offset is None:
        return {}
    texts: dict[int, str] = {}
    xf_formats: list[int] = []
    for rid, body in _records(stream, 0):
        if rid == FORMAT and len(body) >= 5:
            ifmt, count, wide = unpack_from("<HHB", body)
            raw = body[5:5 + count * (2 if wide & 1 else 1)]
            texts[ifmt] = raw.decode("utf-16-le" if wide & 1 else "latin-1", "replace")
        elif rid == XF and len(body) >= 4:
            xf_formats.append(unpack_from("<H", body, 2)[0])

    def fmt(ixfe: int) -> int | str:
        ifmt = xf_formats[ixfe] if ixfe < len(xf_formats) else 0
        return texts.get(ifmt, ifmt)

    found: dict[int, list[int | str]] = {}
    for rid, body in _records(stream, offset):
        if rid in (NUMBER, RK, FORMULA) and len(body) >= 6:
            row, col, ixfe = unpack_from("<3H", body)
            if first <= row + 1 <= last and not (rid == FORMULA and body[12:14] == b"\xff\xff"):  # not a text result
                found.setdefault(col, []).append(fmt(ixfe))
        elif rid == MULRK and len(body) >= 10:
            row, col = unpack_from("<2H", body)
            if first <= row + 1 <= last:
                for i in range((len(body) - 6) // 6):
                    found.setdefault(col + i, []).append(fmt(unpack_from("<H", body, 4 + 6 * i)[0]))
    return found
