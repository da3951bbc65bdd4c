"""Dates a clerk most likely did not mean, refused at save and named in words.

The checks every build runs accept any real calendar date; a form is where a year
typed as 1901 or 20266 is caught, before it sends an announcement up already
expired. Only dates the save changes are judged: an old date already in a file
is history, not a typo.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from layanan.base.dates import tanggal
from layanan.editor.refusal import label

EARLIEST_YEAR = 2000
YEARS_AHEAD = 5
DATE = re.compile(r"(\d{4,})-(\d{2})-(\d{2})(?:[ T]\d{1,2}[:.]\d{2}.*)?")


def _dates(value: Any, key: str) -> Iterator[tuple[str, str]]:
    """(dotted key, date text) of every date-looking value under ``value``."""
    if isinstance(value, str) and DATE.fullmatch(value.strip()):
        yield key, value.strip()
    elif isinstance(value, (dt.date, dt.datetime)):
        yield key, value.isoformat()
    elif isinstance(value, dict):
        for inner, item in value.items():
            yield from _dates(item, f"{key}.{inner}" if key else str(inner))
    elif isinstance(value, list):
        for number, item in enumerate(value, 1):
            yield from _dates(item, f"{key}.{number}")


def problems(path: str, data: dict[str, Any], before: dict[str, Any] | None, today: dt.date) -> list[str]:
    """One sentence per implausible date in ``data`` that ``before`` did not hold already."""
    known = {text for _, text in _dates(before or {}, "")}
    found = []
    for key, text in _dates(data, ""):
        if text in known:
            continue
        match = DATE.fullmatch(text)
        assert match is not None
        year = int(match[1])
        try:
            day = dt.date(year, int(match[2]), int(match[3]))
        except ValueError:
            continue  # not a calendar date: the build's own check says so, on its line
        if year < EARLIEST_YEAR:
            why = f"tahun {year} sebelum {EARLIEST_YEAR}"
        elif year > today.year + YEARS_AHEAD:
            why = f"lebih dari {YEARS_AHEAD} tahun lagi"
        else:
            continue
        found.append(
            f"{label(path, key)}: {tanggal(day)} ({text}) tidak masuk akal ({why}); periksa tahunnya. "
            "Tulis tahun-bulan-tanggal, misalnya 2026-12-31."
        )
    return found
