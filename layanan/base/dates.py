"""Dates and times as residents read them, in Indonesian, with Babel (CLDR data).

Babel takes tens of microseconds a date, and a site shows each announcement's date on its page,
in lists, feeds and calendars: each day and zone is formatted once per process.
"""

from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date, get_timezone_name

LOCALE = "id"


@functools.lru_cache(maxsize=16384)
def _formatted(day: dt.date, pattern: str) -> str:
    return format_date(day, pattern, locale=LOCALE)


def _day(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value  # what format_date reads of a datetime


def tanggal(value: dt.date | dt.datetime) -> str:
    """28 November 2026"""
    return _formatted(_day(value), "d MMMM y")


def bulan(month: str) -> str:
    """November 2026, from "2026-11"."""
    year, number = month.split("-")
    return _formatted(dt.date(int(year), int(number), 1), "MMMM y")


def tanggal_hari(value: dt.date | dt.datetime) -> str:
    """Sabtu, 5 Desember 2026"""
    return _formatted(_day(value), "EEEE, d MMMM y")


_ZONES: dict[tuple[dt.tzinfo | None, dt.timedelta | None], str] = {}


def zone_label(value: dt.datetime) -> str:
    """WIB, WITA or WIT for Indonesian zones; CLDR's short name elsewhere (a zone's name follows its offset)."""
    key = (value.tzinfo, value.utcoffset())
    if key not in _ZONES:
        _ZONES[key] = get_timezone_name(value, "short", locale=LOCALE)
    return _ZONES[key]


def tanggal_jam(value: dt.datetime) -> str:
    """Sabtu, 5 Desember 2026, 08.00 WITA; the time is left out at midnight."""
    day = tanggal_hari(value)
    if value.time() == dt.time():
        return day
    return f"{day}, {value:%H.%M} {zone_label(value)}"
