"""WhatsApp messages ready to forward to an RT group: each must stand on its own, short enough for a phone.

Most residents see only the forwarded text, never the page: so it says what, for
whom, when and where, what to bring, the cost, the attachments and the official
link, the same facts as the page. WhatsApp formats ``*bold*``, ``_italic_``,
``~strike~`` and monospace, so those marks are taken out of staff's text, never
out of a link (a Google Forms address holds ``_`` and ``~``): only the title is
bold. A message stays under ``LIMIT`` characters, which a phone shows without
"Baca selengkapnya": lists are capped ("dan 3 lainnya") and the summary is
shortened to fit, whatever the content; the official link always survives.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from layanan.base import dates
from layanan.content import routes
from layanan.content.model import Kelurahan, Konsultasi, Layanan, Pengumuman, Situs
from layanan.render import filters

LIMIT = 700
MARKS = str.maketrans({mark: "" for mark in "*_~`"})
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+")
CAPS = (None, 8, 6, 4, 3, 2, 1)  # how many items of each list, tried in turn until the message fits
SUMMARY_FLOOR = 160  # a summary is cut no shorter than this before lists are capped further
LIST = re.compile(r"<(ul|ol)>(.*?)</\1>", re.S)
ITEM = re.compile(r"<li>(.*?)</li>", re.S)
TAG = re.compile(r"<[^>]+>")
BREAK = re.compile(r"<br\s*/?>|</?(p|ul|ol|li)>")


def plain(text: str) -> str:
    """Text with WhatsApp's formatting marks removed outside links, and its lines joined."""
    pieces, last = [], 0
    for link in URL.finditer(text):
        pieces += [text[last : link.start()].translate(MARKS), link.group()]
        last = link.end()
    pieces.append(text[last:].translate(MARKS))
    return " ".join("".join(pieces).split())


def short_url(situs: Situs, code: str) -> str:
    return situs.url + routes.short(code).url.rstrip("/")


def shorten(text: str, room: int) -> str:
    """``text`` cut at a word to at most ``room`` characters, with an ellipsis when cut."""
    if len(text) <= room:
        return text
    return text[: max(room - 1, 0)].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"


LINE = 160  # one list line or the title at most: a message is read on a phone


def capped(lines: list[str], cap: int | None) -> list[str]:
    """At most ``cap`` lines, each shortened to LINE, then one that counts the rest."""
    kept = [shorten(line, LINE) for line in lines[:cap]] if cap is not None else [shorten(x, LINE) for x in lines]
    return kept + ([f"- dan {len(lines) - cap} lainnya"] if cap is not None and len(lines) > cap else [])


def joined(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def fit(
    head: str, summary: str, sections: Callable[[int | None], str], tail: str, caps: tuple[int | None, ...] = CAPS
) -> str:
    """head, summary, sections and tail within LIMIT: lists capped until the summary has room, then it is cut."""
    for cap in caps:
        middle = sections(cap)
        room = LIMIT - len(joined(head, middle, tail)) - (2 if summary else 0)
        if room >= min(len(summary), SUMMARY_FLOOR):
            break
    text = shorten(summary, room) if summary and room > 0 else ""
    message = joined(head, text, middle, tail)
    if len(message) > LIMIT:  # even one item of each list does not fit: the link carries the rest
        message = joined(shorten(head, LIMIT - len(tail) - 2), tail)
    return message


def body_list(item: Pengumuman) -> list[str]:
    """The first list of the body, as plain lines: where staff put what to bring, when and what it costs."""
    found = LIST.search(str(item.isi))
    if not found:
        return []
    return [f"- {plain(html.unescape(TAG.sub('', BREAK.sub(' ', entry))))}" for entry in ITEM.findall(found.group(2))]


def for_whom(item: Pengumuman, situs: Situs) -> str:
    names = [plain(village.nama) for village in item.kelurahan]
    if not names:
        return f"Untuk: seluruh warga {plain(situs.nama)}"
    return "Untuk: warga " + filters.daftar(names)


def announcement(item: Pengumuman, situs: Situs) -> str:
    """What, for whom, when and where; the summary; what to bring; cost; attachments; services; the link."""
    head = [f"*{shorten(plain(item.judul), LINE)}*", shorten(for_whom(item, situs), LINE)]
    if item.acara:
        when = dates.tanggal_jam(item.acara.mulai)
        if item.acara.selesai:
            end = item.acara.selesai
            same_day = end.date() == item.acara.mulai.date()
            when += f" sampai {end:%H.%M}" if same_day else f" sampai {dates.tanggal_jam(end)}"
        head.append(f"Waktu: {when}")
        if item.acara.tempat:
            head.append(shorten(f"Tempat: {plain(item.acara.tempat)}", LINE))
    services: list[Layanan] = list(item.layanan)
    bring = body_list(item)
    heading = ""
    if not bring and len(services) == 1:  # the one service's own documents, never its title as a document
        heading = f"Yang perlu dibawa ({plain(services[0].judul)}):"
        bring = [f"- {plain(filters.requirement_text(r))}" for r in services[0].persyaratan]
    facts = []
    if len(services) == 1 and isinstance(services[0].biaya, int):
        cost = filters.rupiah(services[0].biaya)
        if not any(cost.lower() in line.lower() for line in bring):  # the body's list may say it already
            facts.append(f"Biaya: {cost}")
    attachments = [f"- {plain(a.judul)}: {short_url(situs, routes.file_code(a.berkas))}" for a in item.lampiran]
    linked = [f"- {plain(s.judul)}: {short_url(situs, s.kode)}" for s in services]

    def sections(cap: int | None) -> str:
        blocks = []
        if bring:
            blocks.append("\n".join(([heading] if heading else []) + capped(bring, cap)))
        if facts:
            blocks.append("\n".join(facts))
        if attachments:
            blocks.append("\n".join(["Lampiran:", *capped(attachments, cap)]))
        if linked:
            blocks.append("\n".join(["Layanan terkait:", *capped(linked, cap)]))
        return "\n\n".join(blocks)

    tail = f"Info resmi {plain(situs.nama)}: {short_url(situs, item.kode)}"
    return fit("\n".join(head), plain(item.ringkasan or ""), sections, tail)


DIGEST_CAPS = (6, 4, 3, 2, 1)  # items of each list in the digest, tried in turn until it fits


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
        """Announcements published this week (newest first, as they come), but for the coming events:
        those are listed once, as events, with their time."""
        coming = self.coming(items)
        return [p for p in items if self.senin <= p.tanggal.date() <= self.minggu and p not in coming]

    def coming(self, items: list[Pengumuman]) -> list[Pengumuman]:
        """Events starting from now to seven days ahead, soonest first."""
        ahead = self.now + dt.timedelta(days=7)
        found = [p for p in items if p.acara and self.now <= p.acara.mulai < ahead]
        return sorted(found, key=lambda p: p.acara.mulai if p.acara else self.now)


def digest(situs: Situs, week: Week, items: list[Pengumuman], village: Kelurahan | None, page_url: str) -> str:
    """The week's message for an RT group: new announcements and the coming week's events, each once, with
    its link; as many as fit under LIMIT, the rest counted."""
    where = village.nama if village else situs.nama
    period = f"{dates.tanggal(week.senin)} sampai {dates.tanggal(week.minggu)}"
    head = f"*Ringkasan pekan ini: {shorten(plain(where), LINE)}*\n{period}"
    coming, new = week.coming(items), week.new(items)
    new_lines = [f"- {plain(p.judul)}: {short_url(situs, p.kode)}" for p in new]
    event_lines = []
    for p in coming:
        assert p.acara is not None
        place = f", {plain(p.acara.tempat)}" if p.acara.tempat else ""
        event_lines.append(f"- {dates.tanggal_jam(p.acara.mulai)}{place}: {plain(p.judul)} {short_url(situs, p.kode)}")

    def sections(cap: int | None) -> str:
        blocks = []
        if new_lines:
            blocks.append("\n".join(["Pengumuman baru:", *capped(new_lines, cap)]))
        if event_lines:
            blocks.append("\n".join(["Kegiatan 7 hari ke depan:", *capped(event_lines, cap)]))
        return "\n\n".join(blocks) or "Tidak ada pengumuman baru dan kegiatan pekan ini."

    return fit(head, "", sections, f"Info resmi: {situs.url}{page_url}", DIGEST_CAPS)


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
