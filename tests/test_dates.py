"""Indonesian dates from Babel's CLDR data."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from layanan.base import dates


def test_date_in_indonesian() -> None:
    assert dates.tanggal(dt.date(2026, 11, 28)) == "28 November 2026"


def test_date_with_weekday() -> None:
    assert dates.tanggal_hari(dt.date(2026, 12, 5)) == "Sabtu, 5 Desember 2026"


def test_time_with_zone_label() -> None:
    wita = dt.datetime(2026, 8, 17, 8, 0, tzinfo=ZoneInfo("Asia/Makassar"))
    assert dates.tanggal_jam(wita) == "Senin, 17 Agustus 2026, 08.00 WITA"
    wib = dt.datetime(2026, 8, 17, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert dates.tanggal_jam(wib).endswith("WIB")
    wit = dt.datetime(2026, 8, 17, 8, 0, tzinfo=ZoneInfo("Asia/Jayapura"))
    assert dates.tanggal_jam(wit).endswith("WIT")


def test_midnight_means_a_whole_day() -> None:
    assert dates.tanggal_jam(dt.datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Makassar"))) == "Kamis, 1 Januari 2026"
