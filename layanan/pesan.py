"""WhatsApp messages ready to forward to an RT group: WhatsApp's own formatting, short enough for a phone.

WhatsApp formats ``*bold*`` and ``_italic_`` and shows links as they are (no
Markdown links). Staff's text may hold those marks, so they are taken out of it:
only the title is bold. A message stays under ``LIMIT`` characters, which a
phone shows without "Baca selengkapnya"; the summary is shortened to fit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from layanan import dates, routes
from layanan.model import Kelurahan, Konsultasi, Pengumuman, Situs

LIMIT = 700
MARKS = str.maketrans({mark: "" for mark in "*_~`"})


def plain(text: str) -> str:
    """Text with WhatsApp's formatting marks removed and its lines joined."""
    return " ".join(text.translate(MARKS).split())


def short_url(situs: Situs, code: str) -> str:
    return situs.url + routes.short(code).url.rstrip("/")


def shorten(text: str, room: int) -> str:
    """``text`` cut at a word to at most ``room`` characters, with an ellipsis when cut."""
    if len(text) <= room:
        return text
    return text[: max(room - 1, 0)].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"


def announcement(item: Pengumuman, situs: Situs) -> str:
    """Title, the event's time and place, the summary, what to bring, and the official short link."""
    head = [f"*{plain(item.judul)}*"]
    if item.acara:
        when = dates.tanggal_jam(item.acara.mulai)
        if item.acara.selesai:
            end = item.acara.selesai
            same_day = end.date() == item.acara.mulai.date()
            when += f" sampai {end:%H.%M}" if same_day else f" sampai {dates.tanggal_jam(end)}"
        head.append(f"Waktu: {when}")
        if item.acara.tempat:
            head.append(f"Tempat: {plain(item.acara.tempat)}")
    tail = []
    if item.layanan:
        tail.append("Persyaratan yang perlu dibawa:")
        tail += [f"- {plain(s.judul)}: {short_url(situs, s.kode)}" for s in item.layanan]
        tail.append("")
    tail.append(f"Info resmi {situs.nama}: {short_url(situs, item.kode)}")
    fixed = "\n".join(head) + "\n\n" + "\n\n" + "\n".join(tail)
    summary = shorten(plain(item.ringkasan or ""), LIMIT - len(fixed))
    return "\n".join(head) + "\n\n" + summary + "\n\n" + "\n".join(tail)


DIGEST_ITEMS = 6  # of each list; the rest is one line with the digest page's link


@dataclass(frozen=True)
class Week:
    """The build clock's week, Monday to Sunday in the site's zone, and the seven days ahead."""

    senin: dt.date
    minggu: dt.date
    now: dt.datetime

    @classmethod
    def of(cls, now: dt.datetime) -> Week:
        monday = now.date() - dt.timedelta(days=now.weekday())
        return cls(monday, monday + dt.timedelta(days=6), now)

    def new(self, items: list[Pengumuman]) -> list[Pengumuman]:
        """Announcements published this week (newest first, as they come)."""
        return [p for p in items if self.senin <= p.tanggal.date() <= self.minggu]

    def coming(self, items: list[Pengumuman]) -> list[Pengumuman]:
        """Events starting from now to seven days ahead, soonest first."""
        ahead = self.now + dt.timedelta(days=7)
        found = [p for p in items if p.acara and self.now <= p.acara.mulai < ahead]
        return sorted(found, key=lambda p: p.acara.mulai if p.acara else self.now)


def digest(situs: Situs, week: Week, items: list[Pengumuman], village: Kelurahan | None, page_url: str) -> str:
    """The week's message for an RT group: new announcements and the coming week's events, each with its link."""
    where = village.nama if village else situs.nama
    period = f"{dates.tanggal(week.senin)} sampai {dates.tanggal(week.minggu)}"
    lines = [f"*Ringkasan pekan ini: {plain(where)}*", period]
    new, coming = week.new(items), week.coming(items)
    if new:
        lines += ["", "Pengumuman baru:"]
        lines += [f"- {plain(p.judul)}: {short_url(situs, p.kode)}" for p in new[:DIGEST_ITEMS]]
    if coming:
        lines += ["", "Kegiatan 7 hari ke depan:"]
        for p in coming[:DIGEST_ITEMS]:
            assert p.acara is not None
            place = f", {plain(p.acara.tempat)}" if p.acara.tempat else ""
            lines.append(f"- {dates.tanggal_jam(p.acara.mulai)}{place}: {plain(p.judul)} {short_url(situs, p.kode)}")
    if not new and not coming:
        lines += ["", "Tidak ada pengumuman baru dan kegiatan pekan ini."]
    more = max(len(new) - DIGEST_ITEMS, 0) + max(len(coming) - DIGEST_ITEMS, 0)
    lines += ["", (f"Dan {more} lainnya. " if more else "") + f"Info resmi: {situs.url}{page_url}"]
    return "\n".join(lines)


def consultation(situs: Situs, about: str, konsultasi: Konsultasi, url: str) -> str:
    """An open consultation, for RT heads to forward: what, until when, what changes, and where to comment."""
    lines = [
        f"*Rancangan standar pelayanan: {plain(about)}*",
        f"Beri masukan sampai {dates.tanggal_hari(konsultasi.selesai)}.",
    ]
    if konsultasi.catatan:
        lines += ["", shorten(plain(konsultasi.catatan), LIMIT // 2)]
    lines += ["", f"Baca rancangannya dan beri masukan: {url}", f"Info resmi {situs.nama}."]
    return "\n".join(lines)
