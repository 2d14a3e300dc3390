"""Text helpers: Unicode normalisation and the accent-insensitive search key.

Vietnamese text reaches us in both NFC (precomposed) and NFD (decomposed) forms, depending on
the keyboard, the operating system and the source document. Everything we store is NFC; every
search compares the folded forms, so "nhiem vu" finds "Nhiệm vụ".
"""
from __future__ import annotations

import unicodedata

# "đ"/"Đ" are letters of their own, not "d" plus a combining mark: NFD does not split them.
_STROKED_D = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(s: str | None) -> str | None:
    """Return `s` in Unicode NFC with surrounding whitespace removed; None stays None."""
    if s is None:
        return None
    return unicodedata.normalize("NFC", s).strip()


def fold(s: str | None) -> str:
    """Return the search key of `s`: lower-case, without diacritics, single spaces.

    "Nhiệm vụ  ĐÔN ĐỐC" -> "nhiem vu don doc". None gives "".
    """
    if not s:
        return ""
    lowered = unicodedata.normalize("NFC", s).lower().translate(_STROKED_D)
    decomposed = unicodedata.normalize("NFD", lowered)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


def contains_folded(haystack: str | None, needle: str) -> bool:
    """True when `needle` occurs in `haystack`, ignoring case, diacritics and extra spaces.

    An empty (or blank) needle matches everything, like `"" in "abc"`.
    """
    return fold(needle) in fold(haystack)


def in_sentence(label: str) -> str:
    """A label placed inside a sentence: its first letter lower-case unless its first word is an acronym.

    "Sở, ban, ngành tỉnh" -> "sở, ban, ngành tỉnh"; "UBND cấp huyện" stays (not "ubnd" nor "Ubnd").
    """
    first = label.split(" ", 1)[0].strip(",.;:()")
    if len(first) > 1 and first.isupper():
        return label
    return label[:1].lower() + label[1:]
