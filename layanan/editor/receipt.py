"""What the counter hands a resident: the receipt to print and the WhatsApp texts, all about a code only.

Nothing in them names the resident: the code, the service, dates, the office's own contacts, and the
address of the file's public status page (also as a QR code, for a phone's camera).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from layanan.base.dates import tanggal, tanggal_hari, tanggal_jam
from layanan.content import receipts, routes, workdays
from layanan.content.model import Layanan, Permohonan, Situs
from layanan.content.schema import is_placeholder
from layanan.render.filters import e164
from layanan.render.pesan import plain
from layanan.render.qr import qr_svg


def breakable(address: str) -> Markup:
    """An address that may wrap after each dot and slash on a narrow receipt, and nowhere else."""
    return Markup("<wbr>").join(re.split(r"(?<=[./])", address))


@dataclass(frozen=True)
class Receipt:
    kode: str
    kantor: str
    layanan: str
    diterima: str  # "Sabtu, 28 November 2026, 12.00 WITA"
    kanal: str  # "loket", "WhatsApp"
    waktu: str  # the standard's time as the service says it: "14 hari kerja"
    perkiraan: str | None  # the working day it is due by the standard: "Kamis, 17 Desember 2026"
    alamat: str  # the status page: https://…/status/K7MQ-2XDA/
    cari: str  # where to type the code: kec-….go.id/status
    whatsapp: str | None  # "+628125551234"; None while situs.yaml still has its placeholder
    jam_layanan: str | None
    qr: Markup


def status_url(situs: Situs, code: str) -> str:
    return situs.url + routes.status(code).url


def due(situs: Situs, service: Layanan, record: Permohonan) -> str | None:
    """The day the standard's time runs out, counted from receipt in working days; None when it gives none."""
    days = workdays.promised(service.waktu)
    if days is None:
        return None
    received = record.riwayat[0].waktu.date()
    return tanggal_hari(workdays.add_working_days(received, days, situs.hari_libur))


def receipt(situs: Situs, service: Layanan, record: Permohonan) -> Receipt:
    address = status_url(situs, record.kode)
    return Receipt(
        kode=record.kode,
        kantor=situs.nama,
        layanan=service.judul,
        diterima=tanggal_jam(record.riwayat[0].waktu),
        kanal=receipts.KANAL[record.kanal],
        waktu="belum ditetapkan" if is_placeholder(service.waktu) else service.waktu,
        perkiraan=due(situs, service, record),
        alamat=address,
        cari=f"{situs.domain}{routes.STATUS_INDEX.url.rstrip('/')}",
        whatsapp=None if is_placeholder(situs.whatsapp) else e164(situs.whatsapp),
        jam_layanan=None if is_placeholder(situs.jam_layanan) else situs.jam_layanan,
        qr=qr_svg(address, f"Kode QR ke halaman status berkas {record.kode}", scale=3),
    )


def received_message(r: Receipt) -> str:
    """The receipt as a WhatsApp message, for a file that came in over WhatsApp."""
    due_line = f" (paling lambat {r.perkiraan})" if r.perkiraan else ""
    lines = [
        f"*Tanda terima berkas {plain(r.kantor)}*",
        f"Kode: {r.kode}",
        f"Layanan: {plain(r.layanan)}",
        f"Diterima: {r.diterima}, lewat {r.kanal}",
        f"Waktu standar: {plain(r.waktu)}{due_line}",
        "",
        f"Cek status berkas: {r.alamat}",
        "Simpan kode ini. Bila bertanya, sebutkan kodenya saja; tidak perlu nama atau NIK.",
    ]
    return "\n".join(lines)


def status_message(situs: Situs, service: Layanan, record: Permohonan) -> str:
    """A file's latest status as a WhatsApp message: "*Berkas K7MQ-2XDA: selesai, siap diambil di Loket 2*"."""
    step = record.riwayat[-1]
    status = receipts.STATUSES[step.status]
    note = plain(step.catatan or "")
    head = f"Berkas {record.kode}: {status.label.lower()}"
    if step.status == "selesai" and note:
        head += f" di {note.removeprefix('di ').removeprefix('Di ')}"
    lines = [f"*{head}*", f"Layanan: {plain(service.judul)}"]
    if note and step.status != "selesai":
        lines.append(f"{status.note}: {note}")
    lines += [status.next_step, "", f"Cek status: {status_url(situs, record.kode)}"]
    lines.append(f"{plain(situs.nama)}, {tanggal(step.waktu)}")
    return "\n".join(lines)
