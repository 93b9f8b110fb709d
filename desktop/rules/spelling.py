"""One spelling for people's names and phone numbers, so that what was typed one way is found typed another.

Names: minority and foreign names carry a separator dot between their parts, typed as whatever the
keyboard gave: 买买提•吐尔逊, 玛丽亚．伊万诺娃, 阿依古丽.艾买提, 热依拉・买买提, and 阿依古丽。艾买提 where
a Chinese input method in its Chinese punctuation mode turned the "." key into "。". The national standard
(GB 18030, the public security registry) writes U+00B7 "·": a dot of any of these shapes between two
Chinese characters, with the spaces around it, becomes "·". Nothing else in a name changes: a dot
next to a Latin letter ("A.B") is left as typed, so is a dot at either end.

Phones: a mobile number (11 digits starting with 1) is kept as its digits, without the spaces or
hyphens it was typed with ("138 0714 1234", "138-0714-1234"). A landline with its area code keeps the
conventional hyphen after the area code ("0714-6251234", "010-12345678"): the area code is 010 or
02x (three digits) or 0 and three more digits (four), followed by 7 or 8 digits, so "07146251234" and
"(0714) 625 1234" are both "0714-6251234". A local number of 7 or 8 digits without area code is kept
as its digits; a mobile written with China's country code (+86, 0086) is its 11 digits. Full-width
digits and dashes count as ASCII ones. Anything else (another country's number, an extension, two
numbers in one cell, words) is kept as typed, trimmed.

The search folds what is typed the same way (:func:`person_name` with ``prefix``, :func:`phone_prefix`),
so an index range on the stored column finds every spelling.
"""

from __future__ import annotations

import re
import unicodedata

# Chinese characters (CJK unified ideographs with extension A, compatibility ideographs, extensions B
# onwards) and 〇: the characters a name's parts are written in.
_NAME_CHAR = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# The dots typed between a name's parts: "." "·" (and the Greek ano teleia it is equivalent to), "•",
# "‧", "∙", "⋅", "・", "･", "．", "﹒", "⸱", "ꞏ", "᛫", "ㆍ", and the ideographic full stops "。" "｡" an input
# method types for "." (since migration 0014; a name holds no sentence, so no full stop of its own).
NAME_DOTS = ".\u00b7\u0387\u2022\u2027\u2219\u22c5\u30fb\uff65\uff0e\ufe52\u2e31\ua78f\u16eb\u318d\u3002\uff61"
NAME_DOT = "\u00b7"
_ANY_DOT = re.compile(f"[{re.escape(NAME_DOTS)}]")
_DOT_BETWEEN = re.compile(f"(?<=[{_NAME_CHAR}])\\s*[{re.escape(NAME_DOTS)}]\\s*(?=[{_NAME_CHAR}])")
_DOT_AT_END = re.compile(f"(?<=[{_NAME_CHAR}])\\s*[{re.escape(NAME_DOTS)}]\\s*$")


def person_name(text: str, *, prefix: bool = False) -> str:
    """``text`` (a person's name) with its separator dots written "·". With ``prefix`` (what is typed
    into a search) a dot after the last character counts too: "买买提." looks for "买买提·…"."""
    if not _ANY_DOT.search(text):
        return text
    text = _DOT_BETWEEN.sub(NAME_DOT, text)
    return _DOT_AT_END.sub(NAME_DOT, text) if prefix else text


_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\ufe63()]")  # after NFKC: "－" is "-", "（" is "("
_MOBILE = re.compile(r"1\d{10}")
_LOCAL = re.compile(r"[1-9]\d{6,7}")
_AREA = re.compile(r"010|02\d|0[3-9]\d\d")
_COUNTRY = re.compile(r"^\s*(\+|00)\s*86[\s\-]*")  # China's country code before a mobile number


def _digits(text: str) -> str | None:
    """The ASCII digits ``text`` holds when it holds nothing but digits and separators; else None."""
    digits = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    return digits if digits.isascii() and digits.isdigit() else None


def phone_number(text: str) -> str:
    """``text`` (a phone number as typed) in the one spelling the database keeps (see the module)."""
    text = text.strip()
    if text.isascii() and text.isdigit() and text[0] != "0":
        return text  # the common case, already so written
    if (country := _COUNTRY.match(plain := unicodedata.normalize("NFKC", text))) is not None:
        digits = _digits(plain[country.end():])  # "+86 138 0714 1234", "0086-13807141234": the mobile alone
        return digits if digits is not None and _MOBILE.fullmatch(digits) else text
    digits = _digits(text)
    if digits is None:
        return text
    if _MOBILE.fullmatch(digits) or _LOCAL.fullmatch(digits):
        return digits
    area = _AREA.match(digits)
    if area is not None and len(digits) - area.end() in (7, 8):
        return f"{area.group()}-{digits[area.end():]}"
    return text


def phone_prefix(text: str) -> str:
    """What a search for the phone number ``text`` (maybe only its first digits) compares stored numbers'
    beginnings with: its digits, with the hyphen after a landline's area code once more digits follow."""
    digits = _digits(text.strip())
    if digits is None:
        return text.strip()
    area = _AREA.match(digits)
    if area is not None and len(digits) > area.end():
        return f"{area.group()}-{digits[area.end():]}"
    return digits
