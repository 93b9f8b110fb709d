from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.rules import idcard
from desktop.rules.idcard import Invalid


@pytest.mark.parametrize(
    ("raw", "number", "reason"),
    [
        ("11010519491231002X", "11010519491231002X", None),
        ("420203199001011238", "420203199001011238", None),
        ("420200199001011233", None, Invalid.CHECK),
        (" 420203199001011238 ", "420203199001011238", None),
        ("'420203199001011238", "420203199001011238", None),
        ("11010519491231002x", "11010519491231002X", None),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", None),
        (4.20203199001012e17, None, Invalid.FLOAT),
        ("4.20203199001012E+17", None, Invalid.FLOAT),
        ("420203199001011238.0", None, Invalid.FLOAT),  # 18 digits cannot have come through a float whole
        ("420203900101123.0", "420203199001011238", None),  # 15 digits can: the text of an exact float
        (420203900101123.0, "420203199001011238", None),
        (12345.0, None, Invalid.LENGTH),  # a short whole number lost nothing: it is too short
        ("12345.0", None, Invalid.LENGTH),
        (1.5, None, Invalid.FLOAT),
        ("42020319900101", None, Invalid.LENGTH),
        ("420203199002301234", None, Invalid.BIRTH_DATE),
        ("", None, Invalid.EMPTY),
        (None, None, Invalid.EMPTY),
        ("42020319900101123A", None, Invalid.CHARACTERS),
        ("420203900101123", "420203199001011238", None),
        ("\ufeff420203199001011238\u200c", "420203199001011238", None),  # invisible marks from pasted text
        ("420203\u20601990010112\u200d38", "420203199001011238", None),
        ("\uff07420203199001011238", "420203199001011238", None),  # full-width apostrophe
        ("11010519491231002×", "11010519491231002X", None),  # × typed for X
        ("420203-19900101-1238", None, Invalid.CHARACTERS),  # not a form RULES.md §3 lists: refused
        ("4.2E-05", None, Invalid.CHARACTERS),
    ],
)
def test_vectors(raw: object, number: str | None, reason: Invalid | None) -> None:
    result = idcard.parse(raw)
    assert result.number == number
    assert result.reason == reason


def test_legacy_is_flagged_converted() -> None:
    assert idcard.parse("420203900101123").converted_from_15
    assert not idcard.parse("420203199001011238").converted_from_15


def test_sex_birth_age_mask() -> None:
    assert idcard.sex("11010519491231002X") == "女"
    assert idcard.sex("420203199001011238") == "男"
    assert idcard.birth_date("420203199001011238") == date(1990, 1, 1)
    assert idcard.age_on("420203199001011238", date(2050, 1, 1)) == 60  # "60 周岁以上" includes the birthday
    assert idcard.age_on("420203199001011238", date(2049, 12, 31)) == 59
    assert idcard.mask("420203199001011238") == "420203********1238"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)), st.integers(0, 999))
def test_made_numbers_parse_back(born: date, seq: int) -> None:
    number = idcard.make("420203", born, seq)
    result = idcard.parse(number)
    assert result.valid and result.number == number
    assert idcard.birth_date(number) == born
    assert idcard.sex(number) == ("男" if seq % 2 else "女")


@given(st.integers(0, 16), st.integers(0, 9))
def test_one_wrong_digit_is_caught(position: int, delta: int) -> None:
    number = "420203199001011238"
    digit = (int(number[position]) + 1 + delta % 9) % 10
    changed = number[:position] + str(digit) + number[position + 1:]
    assert not idcard.parse(changed).valid
