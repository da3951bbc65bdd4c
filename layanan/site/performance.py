"""How long services really took: per service and month, files finished, within the standard, median days.

Computed from every status record in content/status/ (the office's whole history, not only the files still
shown), in working days as workdays.py counts them. A file counts in the month the office's work on it
ended (Selesai or Ditolak); against the service's current standard time, when its ``waktu`` gives one.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from layanan.content import workdays
from layanan.content.model import Layanan, Permohonan, by_slug

MONTHS = 12  # shown and published: the last year with finished files


@dataclass(frozen=True)
class Bulan:
    bulan: str  # "2026-11"
    selesai: int  # files whose office work ended this month
    tepat_waktu: int | None  # of them, within the standard time; None when the service states none in working days
    median_hari: float  # the median working days the office held them


@dataclass(frozen=True)
class Kinerja:
    """One service's months; its name and address as plain text (a page's key is made from these)."""

    slug: str
    judul: str
    url: str
    waktu: str
    standar_hari: int | None
    bulan: tuple[Bulan, ...]  # newest first
    semua: Bulan  # the months above together ("bulan" is the first month's), as a service's page sums them up


def compute(records: list[Permohonan], services: list[Layanan], holidays: Collection[dt.date]) -> list[Kinerja]:
    """Each published service with finished files: its last months, newest first."""
    named = by_slug(services)
    held: dict[tuple[str, str], list[workdays.Timing]] = defaultdict(list)
    for record in records:
        service = named.get(record.layanan)
        end = next((s.waktu.date() for s in record.riwayat if s.status in workdays.DONE), None)
        if service is None or end is None:
            continue
        timing = workdays.timing(record.riwayat, workdays.promised(service.waktu), end, holidays)
        held[(service.slug, f"{end:%Y-%m}")].append(timing)
    found = []
    for service in services:
        months = sorted((m for slug, m in held if slug == service.slug), reverse=True)[:MONTHS]
        if not months:
            continue
        promised = workdays.promised(service.waktu)
        rows = [_month(month, held[(service.slug, month)], promised) for month in months]
        together = _month(months[-1], [t for month in months for t in held[(service.slug, month)]], promised)
        found.append(Kinerja(service.slug, service.judul, service.url, service.waktu, promised, tuple(rows), together))
    return found


def _month(month: str, timings: list[workdays.Timing], promised: int | None) -> Bulan:
    within = None if promised is None else sum(bool(t.within) for t in timings)
    return Bulan(month, len(timings), within, float(statistics.median(t.used for t in timings)))
