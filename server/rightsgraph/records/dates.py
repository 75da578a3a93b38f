"""The ``date`` cell of the CSV template: which values it reads, and what to write instead of the others.

The template reads EDTF's plain forms (a day ``2019-10-30``, a month ``2019-10``, a
year ``2019``) and intervals of them (``2019-08/2019-10``, open ``2019-08/..``), each
a real calendar date. Spreadsheets write dates their own way: ``30/10/2019`` (day
first, as most of the world does), ``10/30/2019`` (month first), ``30.10.2019``. Such a
value is never guessed into a date: it is refused with the ISO form to write, or both
forms when the order cannot be told.
"""

from __future__ import annotations

import datetime
import re

_PLAIN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SPREADSHEET = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_HELP = "write it year first, as 2019-10-30, 2019-10, 2019, or a range 2019-08/2019-10"


def _plain_problem(value: str) -> str | None:
    match = _PLAIN.fullmatch(value)
    if not match:
        return "not a date the template reads"
    year, month, day = match.groups()
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return "no such date in the calendar"
    return None


def date_problem(value: str) -> str | None:
    """What is wrong with a ``date`` cell, as a sentence to act on; None when the template reads it."""
    spreadsheet = _SPREADSHEET.fullmatch(value)
    if spreadsheet:
        first, second, year = (int(part) for part in spreadsheet.groups())
        day_first = _iso(year, second, first)
        month_first = _iso(year, first, second)
        if day_first and month_first and day_first != month_first:
            return (f"“{value}” could be {day_first} (day first) or {month_first} (month first): write the one "
                    "the source means, year first.")
        iso = day_first or month_first
        if iso:
            return f"“{value}” is not in the template's order: write {iso} (year-month-day)."
        return f"“{value}” is no date in the calendar: {_HELP}."
    parts = value.split("/")
    if len(parts) > 2:
        return f"“{value}” is not a date the template reads: {_HELP}."
    if len(parts) == 2 and parts[0] == ".." and parts[1] == "..":
        return f"“{value}” gives no date at either end: leave the cell empty when the source gives none."
    for part in parts:
        if len(parts) == 2 and part == "..":
            continue
        problem = _plain_problem(part)
        if problem:
            return f"“{value}” is {problem}: {_HELP}."
    if len(parts) == 2 and ".." not in parts and parts[0] > parts[1]:
        return f"“{value}” ends before it starts: write the earlier date first."
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
