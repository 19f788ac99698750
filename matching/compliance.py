"""Flags for vacancy requirements that the Employment Promotion Law forbids.

An employer may not turn people away for their sex, age or household registration
(《就业促进法》 articles 3, 27 and 31, and the rules against age discrimination). The
matcher never scores or excludes anyone on these grounds; it flags the vacancy that
states one, so officers can take it up with the employer.
"""

import re
from dataclasses import dataclass

from matching.text import normalize

# The same meaning in words that say the opposite: no requirement at all.
_NO_REQUIREMENT = re.compile(
    r"男女不限|男女均可|不限男女|性别不限|年龄不限|不限年龄|户籍不限"
)

_RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (
        "age",
        "年龄要求",
        re.compile(
            r"\d{2}\s*[-~至到—]\s*\d{2}\s*周?岁"
            r"|\d{2}\s*周?岁\s*(以下|以内|之间|左右)"
            r"|年龄\s*(要求|限制|在|须|需|:)"
            r"|(?<!\d)([6-9]0|00)后"
        ),
    ),
    (
        "sex",
        "性别要求",
        re.compile(
            r"(限|仅限|只招|只要|要求|招)\s*(男|女)(性|生|士)?(?!女)"
            r"|(男|女)(性|生|士)?\s*(优先|勿扰|即可)"
            r"|男性|女性"
        ),
    ),
    (
        "household_registration",
        "户籍要求",
        re.compile(r"(本地|当地|本市|本省)\s*(户口|户籍|人)|户籍|户口"),
    ),
)


@dataclass(frozen=True, slots=True)
class ComplianceFlag:
    """A requirement the law forbids, as the vacancy states it."""

    kind: str
    label: str
    found: str


def compliance_flags(text: str) -> list[ComplianceFlag]:
    """Return the forbidden requirements stated in ``text``, one flag per kind.

    Examples
    --------
    >>> [f.kind for f in compliance_flags("普工 18-45岁 限男性 本地户口优先")]
    ['age', 'sex', 'household_registration']
    >>> compliance_flags("包吃住 男女不限")
    []
    """
    cleaned = _NO_REQUIREMENT.sub(" ", normalize(text))
    flags = []
    for kind, label, pattern in _RULES:
        match = pattern.search(cleaned)
        if match:
            flags.append(ComplianceFlag(kind, label, match.group(0).strip()))
    return flags
