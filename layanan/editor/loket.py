"""The counter page: what a clerk sees and what its forms mean, in front of counter.py's actions.

Built for a queue at the counter: one form receives a file (service, channel, one button) and goes
straight to its receipt; a code is found as typed (lower case, with or without its hyphen); each
status is one small form whose note is chosen (the service's own requirements) or typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from layanan.base.clock import build_time
from layanan.content import receipts
from layanan.content.model import Layanan, by_slug
from layanan.content.workdays import promised, timing
from layanan.editor import counter, receipt, repo
from layanan.editor.pages import render
from layanan.editor.users import User
from layanan.editor.workspace import Workspace
from layanan.render.filters import requirement_text

SIZES = {"a6": "A6 (105 × 148 mm)", "58mm": "Struk 58 mm"}
DISDUKCAPIL = "Di Disdukcapil"  # Sedang diproses's note when the file went on to the civil registry office


@dataclass(frozen=True)
class Choice:
    status: str
    label: str
    note_label: str  # "" when the form takes no note
    required: bool


CHOICES = tuple(Choice(name, s.label, s.note, s.note_required) for name, s in receipts.STATUSES.items())


def clerk_of(user: User) -> counter.Clerk:
    return counter.Clerk(user.name, repo.Author(user.nama, user.email))


def size_of(asked: str | None) -> str:
    return asked if asked in SIZES else "a6"


def home(ws: Workspace, user: User, size: str, message: str = "", typed: str = "") -> bytes:
    """The counter: receive a file, find one by its code, today's files; ``message`` says what went wrong."""
    site = counter.site(ws)
    today = build_time(site.situs.tz).date()
    services = by_slug(site.layanan)
    received = [
        {"kode": r.kode, "layanan": services[r.layanan].judul if r.layanan in services else r.layanan,
         "status": receipts.STATUSES[r.riwayat[-1].status].label, "waktu": f"{r.riwayat[0].waktu:%H.%M}"}
        for r in counter.received_on(site, today)
    ]  # fmt: skip
    categories: dict[str, list[Layanan]] = {}
    for service in sorted(site.layanan, key=lambda s: s.judul.casefold()):
        categories.setdefault(service.kategori, []).append(service)
    return render("loket.html", title="Loket: terima dan cek berkas", user=user, categories=categories,
                  kanal=receipts.KANAL, sizes=SIZES, size=size, received=received, message=message, typed=typed,
                  situs=site.situs)  # fmt: skip


def file_page(ws: Workspace, user: User, code: str, saved: str = "", message: str = "",
              typed: dict[str, Any] | None = None) -> bytes:  # fmt: skip
    site = counter.site(ws)
    record = counter.record(site, code)
    service = by_slug(site.layanan).get(record.layanan)
    last = receipts.STATUSES[record.riwayat[-1].status]
    today = build_time(site.situs.tz).date()
    given = receipt.receipt(site.situs, service, record) if service else None
    held = timing(record.riwayat, promised(service.waktu) if service else None, today, site.situs.hari_libur)
    return render(
        "loket_berkas.html",
        title=f"Berkas {record.kode}",
        user=user,
        berkas=record,
        layanan=service,
        status=receipts.STATUSES,
        kanal=receipts.KANAL,
        sekarang=last,
        tepat=held,
        # Not the status it has when that takes no note (Diterima twice says nothing new); none once it is final.
        choices=() if last.final else [c for c in CHOICES if c.status != record.riwayat[-1].status or c.note_label],
        requirements=[requirement_text(r) for r in service.persyaratan] if service else [],
        disdukcapil=DISDUKCAPIL,
        sizes=SIZES,
        tanda_terima=given,
        pesan_terima=receipt.received_message(given) if given else "",
        pesan_status=receipt.status_message(site.situs, service, record) if service else "",
        saved=saved,
        message=message,
        typed=typed or {},
    )


def print_page(ws: Workspace, code: str, size: str, automatic: bool) -> bytes:
    site = counter.site(ws)
    record = counter.record(site, code)
    service = by_slug(site.layanan).get(record.layanan)
    if service is None:
        raise counter.CounterError(f"layanan '{record.layanan}' tidak terbit lagi; tanda terima {code} tidak dicetak")
    return render("loket_cetak.html", title=f"Tanda terima {code}", r=receipt.receipt(site.situs, service, record),
                  size=size, automatic=automatic)  # fmt: skip


def receive(ws: Workspace, user: User, form: dict[str, str]) -> str:
    """The new file's code, from the receive form."""
    if not form.get("layanan"):
        raise counter.CounterError("pilih layanannya dulu")
    return counter.receive(ws, form["layanan"], form.get("kanal", ""), clerk_of(user))


def note_of(form: dict[str, list[str]]) -> str:
    """The note a status form means: the chosen requirements and what was typed, or Di Disdukcapil."""
    typed = form.get("catatan", [""])[0].strip()
    chosen = [c.strip() for c in form.get("kurang", []) if c.strip()]
    if form.get("disdukcapil"):
        chosen.insert(0, DISDUKCAPIL)
    return "; ".join([*chosen, *([typed] if typed else [])])


def update(ws: Workspace, user: User, code: str, form: dict[str, list[str]]) -> str:
    """Record the status the form asks for; returns it."""
    status = form.get("status", [""])[0]
    counter.update(ws, code, status, note_of(form) or None, clerk_of(user))
    return status
