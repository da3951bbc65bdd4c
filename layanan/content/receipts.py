"""Receipt codes, the statuses of a submitted file, and what a note about it may hold.

A code is 8 characters from 31 that a resident cannot mistake for another (no 0/O, 1/I/L),
drawn by ``secrets`` and shown grouped: K7MQ-2XDA. 31**8 is about 8.5 * 10**11 codes: at a
thousand files a month nobody guesses one, and nginx limits how fast anyone may try.

A status record holds no personal data by construction: the code, the service, the channel,
dates, statuses and the clerk's short notes; a note that looks like a NIK or KK number, a
phone number or an e-mail address is refused (``personal_data``).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Container
from dataclasses import dataclass

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE = re.compile(f"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}")
TYPED_MAX = 40  # what a lookup form sends; anything longer is not a code


def new_code(taken: Container[str]) -> str:
    """A code no file has yet: 8 characters drawn at once from the operating system's secure source."""
    while True:
        number = secrets.randbelow(len(ALPHABET) ** 8)
        drawn = ""
        for _ in range(8):
            number, digit = divmod(number, len(ALPHABET))
            drawn += ALPHABET[digit]
        code = f"{drawn[:4]}-{drawn[4:]}"
        if code not in taken:
            return code


# What the lookup form may send: spaces around the code, the hyphen left out, small letters (a phone's
# keyboard may give them). deploy/nginx.conf gets the same rule from NGINX_LOOKUP, over the query as sent
# (a space is "+" or "%20" there), and puts the code in capitals (emit/nginx.py).
TYPED = re.compile(f"\\s*([{ALPHABET}]{{4}})-?([{ALPHABET}]{{4}})\\s*", re.ASCII | re.IGNORECASE)
NGINX_LOOKUP = f"~*^(?:\\+|%20)*([{ALPHABET}]{{4}})-?([{ALPHABET}]{{4}})(?:\\+|%20)*$"


def lookup(typed: str) -> str | None:
    """The code a resident typed in the lookup form, or None when what they typed cannot be one."""
    match = TYPED.fullmatch(typed) if len(typed) <= TYPED_MAX else None
    return f"{match[1]}-{match[2]}".upper() if match else None


@dataclass(frozen=True)
class Status:
    label: str  # as the page and the receipt say it
    words: str  # what it means for the resident
    next_step: str  # what they do now
    note: str = ""  # what the clerk's note says for this status ("" when it takes none)
    note_required: bool = False
    final: bool = False  # the file's story ends here


STATUSES: dict[str, Status] = {
    "diterima": Status(
        "Diterima",
        "Berkas Anda sudah diterima petugas.",
        "Tunggu kabar berikutnya. Simpan tanda terima ini; kodenya dipakai untuk menanyakan berkas.",
    ),
    "diproses": Status(
        "Sedang diproses",
        "Berkas Anda sedang diproses.",
        "Belum ada yang perlu Anda lakukan. Periksa lagi halaman ini beberapa hari lagi.",
        note="Keterangan",
    ),
    "perlu-dilengkapi": Status(
        "Perlu dilengkapi",
        "Berkas Anda belum lengkap.",
        "Bawa atau kirim kekurangannya ke kantor (loket atau WhatsApp) dengan menyebut kode ini.",
        note="Yang perlu dilengkapi",
        note_required=True,
    ),
    "selesai": Status(
        "Selesai, siap diambil",
        "Dokumen Anda sudah selesai dan siap diambil.",
        "Ambil di kantor pada jam layanan dengan membawa tanda terima ini.",
        note="Tempat pengambilan",
    ),
    "diambil": Status("Sudah diambil", "Dokumen sudah diambil.", "Tidak ada lagi yang perlu dilakukan.", final=True),
    "ditolak": Status(
        "Ditolak",
        "Permohonan Anda tidak dapat diproses.",
        "Baca alasannya. Tanyakan ke kantor bila ada yang kurang jelas.",
        note="Alasan",
        note_required=True,
        final=True,
    ),
}
KANAL = {"loket": "loket", "whatsapp": "WhatsApp"}

# A run of digits, each group joined by at most one space, dot or hyphen ("6472 0101 0101 0001").
DIGITS = re.compile(r"\+?\d(?:[ .-]?\d)*")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def personal_data(text: str) -> str:
    """What in ``text`` identifies a person ('' when nothing): a NIK or KK number, a phone number, an e-mail."""
    if EMAIL.search(text):
        return "alamat surel (email)"
    for match in DIGITS.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) == 16:
            return "NIK atau nomor KK (16 angka)"
        if (match.group().startswith("+") or digits.startswith(("0", "62"))) and 9 <= len(digits) <= 15:
            return "nomor telepon"
    return ""
