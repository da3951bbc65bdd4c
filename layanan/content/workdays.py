"""How long a service may take by its standard, and how long a submitted file took, in working days.

A working day is Monday to Friday, but not a day in ``hari_libur`` (content/situs.yaml: national holidays
and cuti bersama, as the office observes them). Days while a file waits for the resident (Perlu dilengkapi)
do not count: the standard's time runs while the office holds a complete file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass

from layanan.content.model import Langkah
from layanan.content.schema import is_placeholder

# "14 hari kerja", "1 (satu) hari kerja", "3 HK"; "selesai di tempat", "30 menit", "2 jam": the same day.
WORKING_DAYS = re.compile(r"(\d+)\s*(?:\([^)]*\)\s*)?(?:hari\s+kerja|hk)\b", re.I)
SAME_DAY = re.compile(r"\b(?:menit|jam|di\s+tempat|saat\s+itu\s+juga|hari\s+(?:itu|yang\s+sama))\b", re.I)


def promised(waktu: str) -> int | None:
    """The standard's time in working days, from a service's ``waktu``; None when it does not say one."""
    if is_placeholder(waktu):
        return None  # "[ISI: ..., misalnya 14 hari kerja]" promises nothing yet
    if match := WORKING_DAYS.search(waktu):
        return int(match.group(1))
    return 0 if SAME_DAY.search(waktu) else None


def is_working_day(day: dt.date, holidays: Collection[dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: dt.date, days: int, holidays: Collection[dt.date]) -> dt.date:
    """The day ``days`` working days after ``start`` (``start`` itself when 0)."""
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            days -= 1
    return day


def working_days(start: dt.date, end: dt.date, holidays: Collection[dt.date]) -> int:
    """Working days after ``start`` up to and including ``end`` (0 on the same day)."""
    return sum(is_working_day(start + dt.timedelta(days=n), holidays) for n in range(1, (end - start).days + 1))


PAUSED = "perlu-dilengkapi"  # waiting for the resident
DONE = ("selesai", "ditolak")  # the office's work ends here (Sudah diambil is the resident's step)


@dataclass(frozen=True)
class Timing:
    """How a file stands against its service's standard at ``today``."""

    used: int  # working days the office has held the file (so far, or until it was done)
    promised: int | None  # the standard's working days; None when the service's waktu gives none
    done: bool

    @property
    def within(self) -> bool | None:
        return None if self.promised is None else self.used <= self.promised


def timing(
    steps: tuple[Langkah, ...], promised_days: int | None, today: dt.date, holidays: Collection[dt.date]
) -> Timing:
    """How long the office has held the file, paused while it waited for the resident, until it was done."""
    used = 0
    for step, following in zip(steps, (*steps[1:], None), strict=True):
        if step.status in DONE:
            return Timing(used, promised_days, True)
        end = following.waktu.date() if following else today
        if step.status != PAUSED:
            used += working_days(step.waktu.date(), end, holidays)
    return Timing(used, promised_days, False)
