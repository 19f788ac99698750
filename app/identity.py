"""Checks of Chinese identifiers: resident ID numbers, credit codes and phones."""

import re
from datetime import date

# GB 11643: weights of the first 17 digits and the check character per remainder.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# Province-level prefixes of GB/T 2260.
_PROVINCES = frozenset(
    (
        "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53"
        " 54 61 62 63 64 65 71 81 82"
    ).split()
)
# GB 32100: 31 characters (no I, O, S, V, Z) and the weights of the first 17.
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


def id_check_character(first17: str) -> str:
    """Return the check character for the first 17 digits of a resident ID."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def parse_id_number(value: str, *, today: date) -> tuple[date, str]:
    """Check an 18-character resident ID and return its birth date and sex.

    Raises ``ValueError`` naming what is wrong: length, characters, province, birth date
    or check character.
    """
    value = value.strip().upper()
    if len(value) != 18:
        raise ValueError("must be 18 characters")
    if not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise ValueError("must be 17 digits followed by a digit or X")
    if value[:2] not in _PROVINCES:
        raise ValueError("does not start with a known province code")
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValueError("contains an impossible birth date") from None
    if born > today or born.year < 1900:
        raise ValueError("contains a birth date outside 1900 to today")
    if id_check_character(value[:17]) != value[17]:
        raise ValueError("check digit is wrong")
    sex = "male" if int(value[16]) % 2 else "female"
    return born, sex


def credit_check_character(first17: str) -> str:
    """Return the check character for the first 17 characters of a credit code."""
    total = sum(
        _CREDIT_CHARS.index(c) * w
        for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True)
    )
    return _CREDIT_CHARS[(31 - total % 31) % 31]


def check_credit_code(value: str) -> str:
    """Return the normalised unified social credit code or raise ``ValueError``."""
    value = value.strip().upper()
    if len(value) != 18:
        raise ValueError("must be 18 characters")
    if any(c not in _CREDIT_CHARS for c in value):
        raise ValueError("may use only digits and the letters A-Y except I, O, S, V")
    if credit_check_character(value[:17]) != value[17]:
        raise ValueError("check character is wrong")
    return value


def check_phone(value: str) -> str:
    """Return a phone number without spaces, or raise ``ValueError``."""
    compact = value.replace(" ", "")
    if not _PHONE.match(compact):
        raise ValueError("must be an 11-digit mobile or a landline like 0871-12345678")
    return compact


def age_on(birth_on: date, on: date) -> int:
    """Return the age in whole years on a given date."""
    return (
        on.year - birth_on.year - ((on.month, on.day) < (birth_on.month, birth_on.day))
    )
