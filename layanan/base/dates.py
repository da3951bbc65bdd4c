"""Dates and times as residents read them, in Indonesian, with Babel (CLDR data)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, get_timezone_name

LOCALE = "id"


def tanggal(value: dt.date | dt.datetime) -> str:
    """28 November 2026"""
    return format_date(value, "d MMMM y", locale=LOCALE)


def tanggal_hari(value: dt.date | dt.datetime) -> str:
    """Sabtu, 5 Desember 2026"""
    return format_date(value, "EEEE, d MMMM y", locale=LOCALE)


def zone_label(value: dt.datetime) -> str:
    """WIB, WITA or WIT for Indonesian zones; CLDR's short name elsewhere."""
    return get_timezone_name(value, "short", locale=LOCALE)


def tanggal_jam(value: dt.datetime) -> str:
    """Sabtu, 5 Desember 2026, 08.00 WITA; the time is left out at midnight."""
    day = tanggal_hari(value)
    if value.time() == dt.time():
        return day
    return f"{day}, {value:%H.%M} {zone_label(value)}"
