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
        ("11010519491231002Х", "11010519491231002X", None),  # Cyrillic Х (another keyboard layout)
        ("11010519491231002χ", "11010519491231002X", None),  # Greek χ from a symbol list
        ("420203-19900101-1238", None, Invalid.CHARACTERS),  # not a form RULES.md §3 lists: refused
        ("4.2E-05", None, Invalid.CHARACTERS),
        ("'420203199001011238'", "420203199001011238", None),  # quoted as a database tool copies it
        ("`11010519491231002X`", "11010519491231002X", None),
        ("420203199001011238.", "420203199001011238", None),  # a stop typed after it, as "。" and "，"
        ("11010519491231002X.", "11010519491231002X", None),
        ("420203199001011238..", "420203199001011238", None),
        ("420203900101123.", "420203199001011238", None),  # 15 digits: an exact float's text or a stop, alike
        ("4202031990010112.", None, Invalid.FLOAT),  # 16 digits and a point: a float's text, digits lost
        ("420203199\u00ad001011238", "420203199001011238", None),  # a soft hyphen pasted from a web page
        ("420203199001011238\u2062", "420203199001011238", None),
        ("420203199001011238\n420203199001011238", "420203199001011238", None),  # the same number twice
        ("420203199001011238\n420203900101123", "420203199001011238", None),  # and its 15-digit form
        ("420203199001011238 11010519491231002X", None, Invalid.CHARACTERS),  # two people: which one?
        ("4202031990010112381", None, Invalid.LENGTH),  # one number, a digit too many
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


def _independent_check(first17: str) -> str:
    """The ISO 7064 MOD 11-2 form of the same rule: (12 − Σ mod 11) mod 11, 10 written X."""
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def test_check_character_table_for_every_remainder() -> None:
    """RULES.md §3: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; Σ mod 11 = 0..10 → 1 0 X 9 8 7 6 5 4 3 2."""
    assert idcard.WEIGHTS == (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    seen = {}
    for seq in range(200):
        body = f"42020319900101{seq:03d}"
        remainder = sum(int(d) * w for d, w in zip(body, idcard.WEIGHTS, strict=True)) % 11
        seen[remainder] = idcard.check_char(body)
        assert idcard.check_char(body) == _independent_check(body)
    assert seen == dict(enumerate("10X98765432"))


@pytest.mark.parametrize(("raw", "number", "reason", "sex", "born"), [
    ("11010519491231002X", "11010519491231002X", None, "女", date(1949, 12, 31)),
    ("420203199001011238", "420203199001011238", None, "男", date(1990, 1, 1)),
    ("420200199001011233", None, Invalid.CHECK, None, None),
    ("420203900101123", "420203199001011238", None, "男", date(1990, 1, 1)),  # 15 → 18: "19" + check character
    ("420203900101124", "420203199001011246", None, "女", date(1990, 1, 1)),  # the last of 15 digits gives the sex
    ("420203960229123", "420203199602291239", None, "男", date(1996, 2, 29)),  # leap day
    ("420203000229123", None, Invalid.BIRTH_DATE, None, None),  # 1900 was not a leap year
    (idcard.make("420203", date(2000, 2, 29), 2), idcard.make("420203", date(2000, 2, 29), 2), None, "女",
     date(2000, 2, 29)),
    ("420203202602291232", None, Invalid.BIRTH_DATE, None, None),  # 2026-02-29 does not exist
    ("420203199013011230", None, Invalid.BIRTH_DATE, None, None),  # month 13
    ("\u3000 11010519491231002ｘ\t", "11010519491231002X", None, "女", date(1949, 12, 31)),
])
def test_rules_vectors_sex_and_birth(raw: str, number: str | None, reason: Invalid | None, sex: str | None,
                                     born: date | None) -> None:
    result = idcard.parse(raw)
    assert (result.number, result.reason) == (number, reason)
    if number:
        assert idcard.sex(number) == sex and idcard.birth_date(number) == born


@pytest.mark.parametrize("area", ["420203", "420202", "420204", "420205", "420222", "420281"])
def test_district_and_neighbour_area_codes(area: str) -> None:
    number = idcard.make(area, date(1975, 6, 30), 37)
    assert idcard.parse(number).valid and idcard.area_code(number) == area
    assert idcard.mask(number) == f"{area}********{number[-4:]}"
    assert idcard.parse(area + "750630037").number == number  # the legacy form converts to the same number


def test_birthday_and_leap_day_ages() -> None:
    born_29 = idcard.make("420203", date(1964, 2, 29), 11)
    assert idcard.age_on(born_29, date(2024, 2, 28)) == 59
    assert idcard.age_on(born_29, date(2024, 2, 29)) == 60  # the birthday itself
    # common year: no 29 February, so the month's last day counts as the birthday (Civil Code art. 202)
    assert idcard.age_on(born_29, date(2025, 2, 27)) == 60
    assert idcard.age_on(born_29, date(2025, 2, 28)) == 61
    assert idcard.age_on(born_29, date(2025, 3, 1)) == 61
    future = idcard.make("420203", date(2027, 1, 1), 11)
    assert idcard.parse(future, today=date(2026, 12, 31)).reason == Invalid.BIRTH_DATE
    assert idcard.parse(future, today=date(2027, 1, 1)).valid


@pytest.mark.parametrize("raw", ["无", "暂无", "暂 无", "不详", "待补充", "—", "--", "/", "N/A", "n/a", "#N/A", "ＮＵＬＬ", " 无 ",
                                 "无身份证", "无身份证号", "未办身份证", "暂未办理身份证", "新生儿", "户口未落", "办理中"])
def test_a_placeholder_for_no_number_is_empty(raw: str) -> None:
    """Lists write 无 / 暂无 / — / N/A where a person has no number: no number was given (empty), which
    is not a number with wrong characters, and so is the same said in words ("无身份证", "新生儿", "户口未落":
    a clerk counts a missing number, not one written with the characters 无 身 份 证); text that only contains
    such a word is still characters."""
    assert idcard.parse(raw).reason is Invalid.EMPTY


@pytest.mark.parametrize("raw", ["无无", "无身份证420203", "42020319900101123无", "N/A1", "未成年"])
def test_text_around_a_placeholder_is_not_empty(raw: str) -> None:
    assert idcard.parse(raw).reason in (Invalid.CHARACTERS, Invalid.LENGTH)


def test_a_disability_certificate_number_holds_the_id_number() -> None:
    """残疾人证号: the holder's ID number, then the category (1–7) and the grade (1–4)."""
    number = idcard.make("420203", date(1975, 6, 30), 37)
    assert idcard.from_disability_card(number + "42") == number
    assert idcard.from_disability_card(f" {number} 1 4 ") == number  # spaces as typed
    for other in (number, number + "4", number + "82", number + "45", 4.2020319750630e19, None):
        assert idcard.from_disability_card(other) == other  # judged by parse() as they are


@pytest.mark.parametrize("raw", [
    "420203199001011238（户主）", "420203199001011238 (已故)", "420203199001011238【本人】", "（户主）420203199001011238",
    "身份证:420203199001011238", "身份证号码：420203199001011238", "本人: 420203199001011238（户主）",
    "本人:420203199001011238 配偶:11010519491231002X", "配偶：11010519491231002X；本人：420203199001011238",
    "420203900101123（户主）",
    # the number's own name without a colon, as lists type it
    "身份证 420203199001011238", "身份证号420203199001011238", "身份证号码 420203199001011238", "公民身份号码420203199001011238",
    "本人 420203199001011238", "身份证号 420203900101123",
])
def test_a_remark_or_label_beside_the_number_is_not_part_of_it(raw: str) -> None:
    """Lists write a remark after the number or a label before it, and for a couple both numbers
    with 本人 marking the person's own: the number itself is taken as written."""
    assert idcard.parse(raw).number == "420203199001011238"


@pytest.mark.parametrize(("raw", "reason"), [
    ("420203199001011238/11010519491231002X", Invalid.CHARACTERS),  # whose? not said
    ("户主:420203199001011238 配偶:11010519491231002X", Invalid.CHARACTERS),
    ("身份证:4.20203199001012E+17", Invalid.FLOAT),  # the label off, the number still lost its digits
    ("身份证:42020319900101123", Invalid.LENGTH),
    ("身份证:无", Invalid.EMPTY),
    ("420203199001011238(2)", Invalid.CHARACTERS),  # digits in brackets are no remark
    ("420203199001011238户主", Invalid.CHARACTERS),  # a remark without brackets runs into the number
    ("420203199001011238（户主）（已故）x", Invalid.CHARACTERS),
    ("配偶:420203199001011238", Invalid.CHARACTERS),  # another person's number is not taken as the row's
    ("监护人：420203199001011238", Invalid.CHARACTERS),
    ("联系人:420203199001011238", Invalid.CHARACTERS),
    ("配偶 420203199001011238", Invalid.CHARACTERS),  # without a colon only the number's own name is dropped
    ("户主420203199001011238", Invalid.CHARACTERS),
    ("身份证 42020319900101123", Invalid.LENGTH),
    ("身份证丢失", Invalid.CHARACTERS),
])
def test_words_beside_a_number_do_not_make_a_bad_number_good(raw: str, reason: Invalid) -> None:
    assert idcard.parse(raw).reason is reason


def test_two_numbers_in_one_cell_say_so() -> None:
    result = idcard.parse("420203199001011238、11010519491231002X")
    assert result.reason is Invalid.CHARACTERS and "2 个身份证号" in result.message


def test_a_masked_number_says_it_is_masked() -> None:
    """Systems export numbers with the middle hidden ("420203********1234"): still invalid characters,
    but said so, instead of "含有非法字符", which sends the department looking for a typo."""
    for masked in ("420203********1234", "420203＊＊＊＊＊＊＊＊123X", "4202**********12"):
        result = idcard.parse(masked)
        assert result.reason is idcard.Invalid.CHARACTERS
        assert "星号遮盖" in result.message, masked
    assert "星号" not in idcard.parse("42020319900101123*").message  # one stray mark is a typo
