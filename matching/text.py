"""Normalising the Chinese text of job titles, skills and occupation names."""

import re
import unicodedata
from functools import lru_cache

import opencc

_WHITESPACE = re.compile(r"\s+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=100_000)
def normalize(text: str) -> str:
    """Return ``text`` in simplified characters, half-width, lower case, single-spaced.

    Examples
    --------
    >>> normalize("電焊師傅（二保焊）ＣＮＣ")
    '电焊师傅(二保焊)cnc'
    """
    text = unicodedata.normalize("NFKC", text)
    text = _to_simplified().convert(text).lower()
    return _WHITESPACE.sub(" ", text).strip()


def has_han(text: str) -> bool:
    """Return whether ``text`` holds at least one Chinese character."""
    return _HAN.search(text) is not None
