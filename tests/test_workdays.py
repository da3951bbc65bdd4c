"""Working days: a service's standard time, and how long the office held a file, across weekends and holidays."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from layanan.content import workdays
from layanan.content.model import Langkah

WITA = ZoneInfo("Asia/Makassar")
CHRISTMAS = dt.date(2026, 12, 25)  # a Friday


@pytest.mark.parametrize(
    ("waktu", "days"),
    [
        ("14 hari kerja", 14),
        ("1 (satu) hari kerja", 1),
        ("3 HK sejak berkas lengkap", 3),
        ("Selesai di tempat", 0),
        ("30 menit", 0),
        ("7 hari", None),  # calendar days: not a working-day standard
        ("Menyesuaikan jadwal Disdukcapil", None),
        ("[ISI: waktu penyelesaian, misalnya 1 hari kerja]", None),
    ],
)
def test_the_standard_time_read_from_a_service_s_waktu(waktu: str, days: int | None) -> None:
    assert workdays.promised(waktu) == days


def test_working_days_skip_the_weekend_and_a_listed_holiday() -> None:
    thursday = dt.date(2026, 12, 24)
    assert workdays.working_days(thursday, thursday, ()) == 0
    assert workdays.working_days(thursday, dt.date(2026, 12, 28), ()) == 2  # Friday, Monday
    assert workdays.working_days(thursday, dt.date(2026, 12, 28), {CHRISTMAS}) == 1  # Monday only
    assert workdays.add_working_days(thursday, 2, {CHRISTMAS}) == dt.date(2026, 12, 29)


def step(status: str, when: str, catatan: str | None = None) -> Langkah:
    moment = dt.datetime.fromisoformat(when).replace(tzinfo=WITA)
    return Langkah(status=status, waktu=moment, oleh="budi", catatan=catatan)


def test_a_file_finished_within_its_standard_across_a_weekend_and_a_holiday() -> None:
    steps = (step("diterima", "2026-12-24 09:00"), step("selesai", "2026-12-29 10:00", "Loket 2"))
    timing = workdays.timing(steps, 2, dt.date(2027, 1, 4), {CHRISTMAS})
    assert (timing.used, timing.done, timing.within) == (2, True, True)  # Monday and Tuesday
    assert not workdays.timing(steps, 2, dt.date(2027, 1, 4), ()).within  # without the holiday: 3 days


def test_days_waiting_for_the_resident_do_not_count() -> None:
    steps = (
        step("diterima", "2026-12-01 09:00"),  # Tuesday
        step("perlu-dilengkapi", "2026-12-02 09:00", "Fotokopi KK"),  # one day held
        step("diproses", "2026-12-09 09:00"),  # a week waiting: not counted
    )
    timing = workdays.timing(steps, 3, dt.date(2026, 12, 11), ())
    assert (timing.used, timing.done, timing.within) == (3, False, True)  # Wed 2, then Thu 10 and Fri 11


def test_an_unfinished_file_past_its_standard_is_late() -> None:
    steps = (step("diterima", "2026-12-01 09:00"),)
    timing = workdays.timing(steps, 1, dt.date(2026, 12, 4), ())
    assert (timing.used, timing.within) == (3, False)


def test_no_standard_in_working_days_compares_nothing() -> None:
    timing = workdays.timing((step("diterima", "2026-12-01 09:00"),), None, dt.date(2026, 12, 4), ())
    assert timing.within is None
