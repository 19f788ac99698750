"""Resident ID numbers, credit codes, phones and ages: pure checks, no database."""

from datetime import date

import pytest

from app.identity import (
    age_on,
    check_credit_code,
    check_phone,
    credit_check_character,
    id_check_character,
    parse_id_number,
)

TODAY = date(2025, 6, 1)


def _id(first17: str) -> str:
    """Complete 17 digits with their correct check character."""
    return first17 + id_check_character(first17)


def test_id_check_character_is_x_when_the_remainder_asks_for_ten():
    assert id_check_character("11010519491231002") == "X"


def test_id_number_with_check_x_is_accepted_in_either_case():
    assert parse_id_number("11010519491231002X", today=TODAY) == (
        date(1949, 12, 31),
        "female",
    )
    assert parse_id_number("11010519491231002x", today=TODAY)[0] == date(1949, 12, 31)


def test_id_number_yields_birth_date_and_male_for_odd_sequence():
    assert parse_id_number(_id("53011319900517001"), today=TODAY) == (
        date(1990, 5, 17),
        "male",
    )


def test_id_number_yields_female_for_even_sequence():
    assert parse_id_number(_id("53011319900517002"), today=TODAY)[1] == "female"


def test_id_number_rejected_when_check_digit_wrong():
    valid = _id("53011319900517001")
    wrong = valid[:17] + ("0" if valid[17] != "0" else "1")

    with pytest.raises(ValueError, match="check digit is wrong"):
        parse_id_number(wrong, today=TODAY)


@pytest.mark.parametrize("born", ["19900230", "19901301", "19900431", "20010229"])
def test_id_number_rejected_when_birth_date_impossible(born):
    with pytest.raises(ValueError, match="impossible birth date"):
        parse_id_number(_id(f"530113{born}001"), today=TODAY)


def test_id_number_accepts_leap_day_birth_date():
    assert parse_id_number(_id("53011320000229001"), today=TODAY)[0] == date(
        2000, 2, 29
    )


@pytest.mark.parametrize("born", ["20250602", "20300101", "18991231"])
def test_id_number_rejected_when_birth_date_outside_1900_to_today(born):
    with pytest.raises(ValueError, match="outside 1900 to today"):
        parse_id_number(_id(f"530113{born}001"), today=TODAY)


def test_id_number_born_today_is_accepted():
    assert parse_id_number(_id("53011320250601001"), today=TODAY)[0] == TODAY


@pytest.mark.parametrize("value", ["", "53011319900517001", "5301131990051700111"])
def test_id_number_rejected_when_length_is_not_18(value):
    with pytest.raises(ValueError, match="must be 18 characters"):
        parse_id_number(value, today=TODAY)


@pytest.mark.parametrize(
    "value", ["53011319900517001A", "5301131990O517001X", "X30113199005170011"]
)
def test_id_number_rejected_when_characters_are_not_digits_and_final_x(value):
    with pytest.raises(ValueError, match="17 digits followed by a digit or X"):
        parse_id_number(value, today=TODAY)


@pytest.mark.parametrize("province", ["00", "10", "99", "72"])
def test_id_number_rejected_when_province_unknown(province):
    with pytest.raises(ValueError, match="known province code"):
        parse_id_number(_id(f"{province}0113199005170011"[:17]), today=TODAY)


def test_known_credit_code_is_valid():
    assert credit_check_character("91350100M000100Y4") == "3"
    assert check_credit_code("91350100M000100Y43") == "91350100M000100Y43"


def test_credit_code_is_trimmed_and_upper_cased():
    assert check_credit_code(" 91350100m000100y43 ") == "91350100M000100Y43"


def test_credit_code_rejected_when_check_character_wrong():
    with pytest.raises(ValueError, match="check character is wrong"):
        check_credit_code("91350100M000100Y44")


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z", "-"])
def test_credit_code_rejected_when_it_holds_a_forbidden_character(letter):
    with pytest.raises(ValueError, match="may use only digits"):
        check_credit_code(f"91350100M000100{letter}43")


@pytest.mark.parametrize("value", ["91350100M000100Y4", "91350100M000100Y433"])
def test_credit_code_rejected_when_length_is_not_18(value):
    with pytest.raises(ValueError, match="must be 18 characters"):
        check_credit_code(value)


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("13987654321", "13987654321"),
        ("139 8765 4321", "13987654321"),
        ("0871-12345678", "0871-12345678"),
        ("087112345678", "087112345678"),
        ("020-1234567", "020-1234567"),
    ],
)
def test_phone_accepted_as_mobile_or_landline(value, stored):
    assert check_phone(value) == stored


@pytest.mark.parametrize(
    "value", ["12987654321", "1398765432", "139876543210", "871-12345678", "电话"]
)
def test_phone_rejected_when_neither_mobile_nor_landline(value):
    with pytest.raises(ValueError, match="11-digit mobile or a landline"):
        check_phone(value)


@pytest.mark.parametrize(
    ("on", "age"),
    [
        (date(2025, 5, 16), 34),
        (date(2025, 5, 17), 35),
        (date(2025, 12, 31), 35),
        (date(1990, 5, 17), 0),
    ],
)
def test_age_counts_whole_years_changing_on_the_birthday(on, age):
    assert age_on(date(1990, 5, 17), on) == age


def test_age_of_leap_day_birth_rises_on_first_of_march_in_common_years():
    born = date(2000, 2, 29)

    assert age_on(born, date(2018, 2, 28)) == 17
    assert age_on(born, date(2018, 3, 1)) == 18
