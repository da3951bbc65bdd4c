"""Jinja filters the theme uses: Indonesian dates, rupiah, contact links, placeholders."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from babel.lists import format_list
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from layanan.base import dates
from layanan.content import routes, schema, skm
from layanan.content.model import Dokumen, Layanan, Riwayat, SalahSatu


def rupiah(value: Any) -> str:
    """0 → Gratis; 50000 → Rp50.000; text stays as written."""
    if isinstance(value, int):
        return "Gratis" if value == 0 else f"Rp{format_decimal(value, locale=dates.LOCALE)}"
    return str(value)


def angka(value: Any) -> str:
    """A figure with two decimals in Indonesian, rounded half up as the survey's figures are: 3.625 -> "3,63"."""
    return format_decimal(skm.two_places(Decimal(str(value))), format="#,##0.00", locale=dates.LOCALE)


def tepat_waktu(within: int, finished: int) -> str:
    """Finished files within the standard: a count under 10 ("3 dari 4"), then a percentage ("87% (45 dari 52)").

    A percentage of three files says more than it knows."""
    counted = f"{within} dari {finished}"
    return counted if finished < 10 else f"{round(100 * within / finished)}% ({counted})"


def hari_kerja(median: float) -> str:
    """A median of working days: "3", or "2,50" between two."""
    return str(int(median)) if median == int(median) else angka(median)


def daftar(items: Any) -> str:
    """Names joined as Indonesian writes them (PUEBI): "a dan b", "a, b, dan c"."""
    return format_list([str(item) for item in items], locale=dates.LOCALE)


def isi(value: Any) -> Markup:
    """Show a value still to be filled in (``[ISI: ...]``) as clearly unfinished."""
    if schema.is_placeholder(value):
        return Markup('<mark class="isi">{}</mark>').format(value)
    return escape(value)


def berkas_url(name: str) -> str:
    """Root-relative URL of a file under content/berkas/, each path segment percent-encoded."""
    return f"/{routes.BERKAS}/" + quote(name, safe="/")


def wa_link(number: str, message: str) -> str:
    return f"https://wa.me/{number}?text={quote(message, safe='')}"


def condition(text: str) -> str:
    """ "KTP-el hilang" or "jika KTP-el hilang" -> "hanya jika KTP-el hilang"."""
    bare = re.sub(r"^(hanya\s+)?(jika|bila|apabila)\s+", "", text.strip(), flags=re.I)
    return f"hanya jika {bare}"


def document_text(item: Dokumen) -> str:
    """One document as a resident reads it: "Kartu Keluarga (2 lembar; bila ada)"."""
    notes = []
    if item.jumlah:
        notes.append(f"{item.jumlah} lembar" if isinstance(item.jumlah, int) else item.jumlah)
    if item.opsional:
        notes.append("bila ada")
    if item.jika:
        notes.append(condition(item.jika))
    return item.dokumen + (f" ({'; '.join(notes)})" if notes else "")


def requirement_text(item: Dokumen | SalahSatu) -> str:
    """A requirement on one line: a document, or "Salah satu: A atau B"."""
    if isinstance(item, SalahSatu):
        return "Salah satu: " + " atau ".join(document_text(choice) for choice in item.salah_satu)
    return document_text(item)


def is_choice(item: Dokumen | SalahSatu) -> bool:
    return isinstance(item, SalahSatu)


def wa_request(service: Layanan) -> str:
    """The message a resident sends: the service, then the requirements as a list to check against.

    WhatsApp has no tick boxes: residents delete the lines they have not prepared.
    """
    lines = [
        f"Halo, saya ingin mengajukan layanan {service.judul}.",
        "",
        "Persyaratan yang sudah saya siapkan:",
    ]
    lines += [f"- {requirement_text(item)}" for item in service.persyaratan]
    return "\n".join(lines)


CHANNELS = {"whatsapp": "WhatsApp", "loket": "Datang ke loket", "daring": "Daring (online)"}


def channel_name(kanal: str) -> str:
    return CHANNELS[kanal]


def feedback_message(service: Layanan, component: str) -> str:
    """A resident's comment on one component of a draft standard, ready to finish and send."""
    return f"Masukan untuk rancangan standar pelayanan {service.judul}, bagian {component}:\n"


def changes_since(history: tuple[Riwayat, ...], day: dt.date | None) -> list[Riwayat]:
    """What a service's riwayat records since the standard in force took effect (all of it when unknown)."""
    return [entry for entry in history if day is None or entry.tanggal >= day]


def wa_share(title: str, url: str) -> str:
    """Share a page in a WhatsApp chat or group: its title and address."""
    message = title + "\n" + url
    return f"https://wa.me/?text={quote(message, safe='')}"


def e164(number: str) -> str:
    """An Indonesian phone number as +62…: "0541 700100" -> "+62541700100"."""
    digits = re.sub(r"[^\d+]", "", number)
    if digits.startswith("0"):
        return "+62" + digits[1:]
    if digits.startswith("62"):
        return "+" + digits
    return digits


def tel_link(number: str) -> str:
    return f"tel:{e164(number)}"


def webcal(url: str) -> str:
    """The address a phone subscribes to (its calendar app fetches it again and again), not downloads once."""
    return re.sub(r"^https?://", "webcal://", url)


FILTERS = {
    "tanggal": dates.tanggal,
    "tanggal_hari": dates.tanggal_hari,
    "tanggal_jam": dates.tanggal_jam,
    "bulan": dates.bulan,
    "rupiah": rupiah,
    "angka": angka,
    "tepat_waktu": tepat_waktu,
    "hari_kerja": hari_kerja,
    "daftar": daftar,
    "isi": isi,
    "berkas_url": berkas_url,
    "wa_link": wa_link,
    "tel_link": tel_link,
    "wa_request": wa_request,
    "wa_share": wa_share,
    "requirement_text": requirement_text,
    "document_text": document_text,
    "channel_name": channel_name,
    "feedback_message": feedback_message,
    "changes_since": changes_since,
    "webcal": webcal,
}

TESTS = {"placeholder": schema.is_placeholder, "choice": is_choice}
