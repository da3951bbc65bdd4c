"""What the counter hands a resident, word for word: the receipt's facts and the WhatsApp texts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from conftest import LENGKAP, ROOT
from layanan.content.model import Langkah, Layanan, Permohonan, Situs, by_slug
from layanan.editor import counter, receipt
from layanan.editor.workspace import Workspace

WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1795838400")
        return counter.site(Workspace(LENGKAP.parent, LENGKAP, ROOT / "pelicanconf.py"))


def parts(site) -> tuple[Situs, Layanan, Permohonan]:
    record = next(p for p in site.permohonan if p.kode == "K7MQ-2XDA")
    return site.situs, by_slug(site.layanan)[record.layanan], record


def then(record: Permohonan, status: str, note: str | None = None) -> Permohonan:
    step = Langkah(status=status, waktu=dt.datetime(2026, 11, 30, 9, 0, tzinfo=WITA), oleh="sari", catatan=note)
    return dataclasses.replace(record, riwayat=(*record.riwayat, step))


def test_the_receipt_as_a_whatsapp_message(site) -> None:
    situs, service, record = parts(site)
    assert receipt.received_message(receipt.receipt(situs, service, record)) == (
        "*Tanda terima berkas Kecamatan Contoh*\n"
        "Kode: K7MQ-2XDA\n"
        "Layanan: Layanan Lengkap\n"
        "Diterima: Selasa, 24 November 2026, 09.00 WITA, lewat loket\n"
        "Waktu standar: 1 hari kerja (paling lambat Rabu, 25 November 2026)\n"
        "\n"
        "Cek status berkas: https://kec-contoh.example.go.id/status/K7MQ-2XDA/\n"
        "Simpan kode ini. Bila bertanya, sebutkan kodenya saja; tidak perlu nama atau NIK."
    )


@pytest.mark.parametrize(
    ("status", "note", "head", "note_line"),
    [
        ("selesai", "Loket 2", "*Berkas K7MQ-2XDA: selesai, siap diambil di Loket 2*", None),
        ("selesai", "di loket 2", "*Berkas K7MQ-2XDA: selesai, siap diambil di loket 2*", None),
        ("selesai", None, "*Berkas K7MQ-2XDA: selesai, siap diambil*", None),
        ("perlu-dilengkapi", "Pas *foto* 3x4", "*Berkas K7MQ-2XDA: perlu dilengkapi*",
         "Yang perlu dilengkapi: Pas foto 3x4"),
        ("ditolak", "Bukan warga kecamatan ini", "*Berkas K7MQ-2XDA: ditolak*", "Alasan: Bukan warga kecamatan ini"),
        ("diambil", None, "*Berkas K7MQ-2XDA: sudah diambil*", None),
    ],
)  # fmt: skip
def test_each_status_as_a_whatsapp_message(site, status: str, note: str | None, head: str, note_line: str | None):
    situs, service, record = parts(site)
    lines = receipt.status_message(situs, service, then(record, status, note)).split("\n")
    assert lines[:2] == [head, "Layanan: Layanan Lengkap"]
    assert (lines[2] if note_line else None) == note_line  # WhatsApp's marks taken out of the clerk's note
    assert lines[-2:] == ["Cek status: https://kec-contoh.example.go.id/status/K7MQ-2XDA/", "Kecamatan Contoh, 30 November 2026"]  # fmt: skip


def test_the_due_day_skips_the_weekend_and_the_office_s_holidays(site) -> None:
    situs, service, record = parts(site)
    friday = dataclasses.replace(
        record, riwayat=(dataclasses.replace(record.riwayat[0], waktu=dt.datetime(2026, 12, 4, 10, 0, tzinfo=WITA)),)
    )
    three_days = dataclasses.replace(service, waktu="3 hari kerja")
    holiday = dataclasses.replace(situs, hari_libur=(dt.date(2026, 12, 8),))
    assert receipt.due(situs, three_days, friday) == "Rabu, 9 Desember 2026"  # Mon, Tue, Wed
    assert receipt.due(holiday, three_days, friday) == "Kamis, 10 Desember 2026"  # Tuesday is off
    same_day = dataclasses.replace(service, waktu="Selesai di tempat")
    assert receipt.due(situs, same_day, friday) == "Jumat, 4 Desember 2026"
    assert receipt.due(situs, dataclasses.replace(service, waktu="Sesuai jadwal Disdukcapil"), friday) is None


def test_a_placeholder_is_never_printed(site) -> None:
    situs, service, record = parts(site)
    unset = dataclasses.replace(situs, whatsapp="[ISI: nomor WhatsApp]", jam_layanan="[ISI: jam layanan]")
    given = receipt.receipt(unset, dataclasses.replace(service, waktu="[ISI: waktu, misalnya 14 hari kerja]"), record)
    assert (given.whatsapp, given.jam_layanan, given.waktu, given.perkiraan) == (None, None, "belum ditetapkan", None)
    assert receipt.receipt(situs, service, record).whatsapp == "+628115550001"


def test_an_address_wraps_only_after_a_dot_or_a_slash() -> None:
    assert str(receipt.breakable("kec-a.go.id/status")) == "kec-a.<wbr>go.<wbr>id/<wbr>status"
    assert str(receipt.breakable("<b>.x")) == "&lt;b&gt;.<wbr>x"


def test_the_receipt_s_qr_code_names_the_status_page(site) -> None:
    situs, service, record = parts(site)
    assert 'aria-label="Kode QR ke halaman status berkas K7MQ-2XDA"' in receipt.receipt(situs, service, record).qr
