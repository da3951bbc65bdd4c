"""Calendars (iCalendar, with the ``icalendar`` package): one file per event, and feeds residents subscribe to once.

``/kalender/kecamatan.ics`` holds every event, ``/kalender/kelurahan/<slug>.ics`` a
kelurahan's plus the kecamatan-wide ones: the newest ``MAX_EVENTS``, past events
kept ``KEEP_PAST`` days. An event's UID comes from its short code, so an edited
announcement updates the event in a subscribed calendar instead of adding one.
Times carry the site's zone with its VTIMEZONE, present in every file (so one
with no events is still a valid calendar); an event given as dates only is an
all-day event. Pages link them twice: ``webcal://`` to subscribe, https to download.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from icalendar import Calendar, Event, Timezone

from layanan.content import routes
from layanan.content.model import Pengumuman
from layanan.site.index import Site

MAX_EVENTS = 100
KEEP_PAST = dt.timedelta(days=30)
FOLDER = routes.CALENDARS
PRODID = "-//layanan//Kalender kecamatan//ID"


def whole_days(item: Pengumuman) -> bool:
    assert item.acara is not None
    times = [item.acara.mulai] + ([item.acara.selesai] if item.acara.selesai else [])
    return all(t.time() == dt.time() for t in times)


def event(site: Site, item: Pengumuman) -> Event:
    assert item.acara is not None
    acara = item.acara
    entry = Event()
    entry.add("uid", f"{item.kode}@{site.situs.domain}")
    entry.add("dtstamp", site.now.astimezone(dt.UTC))
    entry.add("summary", item.judul)
    if whole_days(item):
        entry.add("dtstart", acara.mulai.date())
        entry.add("dtend", (acara.selesai or acara.mulai).date() + dt.timedelta(days=1))
    else:
        entry.add("dtstart", acara.mulai)
        entry.add("dtend", acara.selesai or acara.mulai + dt.timedelta(hours=1))
    if acara.tempat:
        entry.add("location", acara.tempat)
    url = site.situs.url + item.url
    entry.add("url", url)
    entry.add("description", f"{item.ringkasan or ''}\n\n{url}".strip())
    return entry


def calendar(site: Site, name: str, items: list[Pengumuman]) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", site.situs.zona_waktu)
    # The zone X-WR-TIMEZONE names, defined even with no timed event: RFC 5545 wants at least one
    # component in a calendar, and a subscribed calendar with no events yet must still be valid.
    cal.add_component(_zone(site.situs.zona_waktu))
    for item in items:
        cal.add_component(event(site, item))
    cal.add_missing_timezones()  # events are in the site's zone, already defined: a zone of their own only if not
    return bytes(cal.to_ical())


@functools.cache
def _zone(name: str) -> Timezone:
    """A zone's definition, worked out once (its transitions take 20 ms) and shared by every calendar."""
    return Timezone.from_tzid(name)


def upcoming(site: Site, items: list[Pengumuman]) -> list[Pengumuman]:
    """Events not over for more than KEEP_PAST, newest first, at most MAX_EVENTS."""
    since = site.now - KEEP_PAST
    kept = [p for p in items if p.acara and (p.acara.selesai or p.acara.mulai) >= since]
    return sorted(kept, key=lambda p: (p.acara.mulai if p.acara else site.now, p.slug), reverse=True)[:MAX_EVENTS]


def event_file(item: Pengumuman) -> str:
    """An announcement's own event file, in its folder."""
    return routes.item(item.kind, item.slug).url.lstrip("/") + "acara.ics"


def kelurahan_file(slug: str) -> str:
    return f"{FOLDER}/kelurahan/{slug}.ics"


OFFICE_FILE = f"{FOLDER}/kecamatan.ics"


def write_all(site: Site, output_path: str) -> list[str]:
    events = [p for p in site.pengumuman if p.acara]
    written = {event_file(p): calendar(site, p.judul, [p]) for p in events}
    written[OFFICE_FILE] = calendar(site, f"Kegiatan {site.situs.nama}", upcoming(site, events))
    for village in site.kelurahan:
        theirs = [p for p in events if not p.kelurahan or village in p.kelurahan.items]
        written[kelurahan_file(village.slug)] = calendar(
            site, f"Kegiatan {village.nama} ({site.situs.nama})", upcoming(site, theirs)
        )
    for relative, data in written.items():
        target = Path(output_path) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return sorted(written)
