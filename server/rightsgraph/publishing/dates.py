"""Dates in words: EDTF values, ``xsd:date`` literals and the EDTF codes inside curators' notes.

A reader should meet "on or before 23 October 2019 (approximately)", never
``../2019-10-23~``. Pure functions over strings; the codes handled are the EDTF
level-1 forms the data uses (year, month, day, ``~ ? %`` qualifiers, intervals
with open ``..`` ends). Anything else is returned unchanged, never guessed at.
"""

from __future__ import annotations

import re

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
QUALIFIERS = {"~": "approximately", "?": "uncertain", "%": "approximately, uncertain"}

_DATE = r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%])?"
_SINGLE = re.compile(rf"^{_DATE}$")
#: An EDTF code inside running text: an interval, or a date with a month, or a qualified date.
EDTF_TOKEN = (
    r"(?<![\w/.])(?:"
    r"(?:\.\.|\d{4}(?:-\d{2}){0,2}[~?%]?)/(?:\.\.|\d{4}(?:-\d{2}){0,2}[~?%]?)"
    r"|\d{4}-\d{2}(?:-\d{2})?[~?%]?"
    r"|\d{4}[~%]"
    r")(?![\w/])"
)
_IN_TEXT = re.compile(rf"(?:\bEDTF\s+)?({EDTF_TOKEN})")


def _single(code: str, *, year: bool) -> tuple[str, str] | None:
    """(words, qualifier) for one EDTF date, or None when it is not one."""
    match = _SINGLE.match(code)
    if not match:
        return None
    y, m, d, qualifier = match.groups()
    if m and not 1 <= int(m) <= 12 or d and not 1 <= int(d) <= 31:
        return None
    if d:
        words = f"{int(d)} {MONTHS[int(m) - 1]}" + (f" {y}" if year else "")
    elif m:
        words = MONTHS[int(m) - 1] + (f" {y}" if year else "")
    else:
        words = y
    return words, QUALIFIERS.get(qualifier or "", "")


def edtf_in_words(code: str, *, year: bool = True) -> str:
    """``2019-10-30`` -> "30 October 2019"; ``../2019-10-23~`` -> "on or before 23 October 2019
    (approximately)"; ``2019-08/2019-11`` -> "between August 2019 and November 2019".
    ``year=False`` leaves out the year of days and months (when a page marks it apart as inferred)."""
    code = code.strip()
    if "/" in code:
        start, _, end = code.partition("/")
        first = None if start == ".." else _single(start, year=year)
        last = None if end == ".." else _single(end, year=year)
        if (start != ".." and first is None) or (end != ".." and last is None) or (first is None and last is None):
            return code
        notes = sorted({q for q in (first and first[1], last and last[1]) if q})
        if first is None:
            words = f"on or before {last[0]}"
        elif last is None:
            words = f"from {first[0]} onwards"
        else:
            words = f"between {first[0]} and {last[0]}"
        return words + (f" ({', '.join(notes)})" if notes else "")
    single = _single(code, year=year)
    if single is None:
        return code
    words, qualifier = single
    return words + (f" ({qualifier})" if qualifier else "")


def iso_date_in_words(value: str) -> str:
    """An ``xsd:date`` (``2019-10-30``, a time zone allowed) in words; unchanged when it is not one."""
    return edtf_in_words(value[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$", value) else value


def codes_in_words(text: str) -> str:
    """Every EDTF code in running text (a curator's note) put in words, with the word "EDTF" before it."""
    return _IN_TEXT.sub(lambda match: edtf_in_words(match.group(1)), text)
