"""content/status/<TTTT-BB>.yaml: submitted files by receipt code, checked as a story, with no personal data."""

from __future__ import annotations

import pytest
from rules import assert_problem

from conftest import Project

MONTH = "status/2026-11.yaml"
VALID = """\
permohonan:
  - kode: "K7MQ-2XDA"
    layanan: "kedua"
    kanal: "loket"
    riwayat:
      - status: "diterima"
        waktu: "2026-11-24 09:00"
        oleh: "budi"
      - status: "perlu-dilengkapi"
        waktu: "2026-11-25 09:00"
        oleh: "budi"
        catatan: "Fotokopi Kartu Keluarga"
      - status: "selesai"
        waktu: "2026-11-26 09:00"
        oleh: "sari"
"""


def month(old: str = "", new: str = "") -> str:
    assert old in VALID
    return VALID.replace(old, new, 1) if old else VALID


def test_a_valid_month_checks_clean(project: Project) -> None:
    project.write(MONTH, VALID)
    code, output = project.check()
    assert code == 0, output


RULES = [
    ("kode", month('"K7MQ-2XDA"', '"K7MQ-2XD0"'), f"content/{MONTH}:2: permohonan.1.kode: 'K7MQ-2XD0' bukan kode"),
    ("kanal", month('"loket"', '"telepon"'), f"content/{MONTH}:4: permohonan.1.kanal: 'telepon' tidak dikenal"),
    ("status", month('"selesai"', '"beres"'), f"content/{MONTH}:13: permohonan.1.riwayat.3.status: 'beres'"),
    ("unknown key", month('oleh: "sari"', 'oleh: "sari"\n        nik: "1"'), f"content/{MONTH}:16: permohonan.1.riwayat.3.nik"),
    ("first step", month('"diterima"', '"diproses"'), f"content/{MONTH}:6: permohonan.1.riwayat.1.status: langkah pertama"),
    ("time goes back", month('"2026-11-26 09:00"', '"2026-11-24 08:00"'), f"content/{MONTH}:14: permohonan.1.riwayat.3.waktu: waktunya lebih awal"),
    ("other month", month('"2026-11-24 09:00"', '"2026-10-31 09:00"'), f"content/{MONTH}:7: permohonan.1.riwayat.1.waktu: berkas diterima 2026-10"),
    ("what is missing", month('        catatan: "Fotokopi Kartu Keluarga"\n', ""), f"content/{MONTH}:9: permohonan.1.riwayat.2.catatan: wajib diisi"),
    ("NIK", month("Fotokopi Kartu Keluarga", "NIK 6472010101010001"), f"content/{MONTH}:12: permohonan.1.riwayat.2.catatan: catatan tidak boleh memuat NIK"),
    ("phone", month("Fotokopi Kartu Keluarga", "WA 081234567890"), f"content/{MONTH}:12: permohonan.1.riwayat.2.catatan: catatan tidak boleh memuat nomor telepon"),
    ("email", month("Fotokopi Kartu Keluarga", "warga@example.com"), f"content/{MONTH}:12: permohonan.1.riwayat.2.catatan: catatan tidak boleh memuat alamat surel"),
    ("service", month('"kedua"', '"tidak-ada"'), f"content/{MONTH}:2: permohonan.1.layanan: layanan 'tidak-ada' tidak ada"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_a_mistake_is_refused_on_its_line(project: Project, text: str, expected: str) -> None:
    assert_problem(project, MONTH, text, expected)


def test_nothing_may_follow_a_final_status(project: Project) -> None:
    text = VALID + '      - status: "diambil"\n        waktu: "2026-11-27 09:00"\n        oleh: "sari"\n'
    text += '      - status: "diproses"\n        waktu: "2026-11-27 10:00"\n        oleh: "sari"\n'
    assert_problem(project, MONTH, text, f"content/{MONTH}:19: permohonan.1.riwayat.5.status: tidak ada langkah lagi")


def test_a_file_named_other_than_its_month_is_refused(project: Project) -> None:
    assert_problem(project, "status/november.yaml", VALID, "content/status/november.yaml:1: (berkas): nama berkas")


def test_a_code_is_used_once_in_all_months(project: Project) -> None:
    project.write("status/2026-10.yaml", month('"2026-11-24 09:00"', '"2026-10-30 09:00"').replace(
        '"2026-11-25 09:00"', '"2026-10-30 10:00"').replace('"2026-11-26 09:00"', '"2026-10-30 11:00"'))  # fmt: skip
    output = assert_problem(project, MONTH, VALID, f"content/{MONTH}:2: permohonan.1.kode: kode K7MQ-2XDA juga dipakai")
    assert "content/status/2026-10.yaml:2: permohonan.1.kode: kode K7MQ-2XDA juga dipakai" in output


def test_a_retired_service_named_by_a_file_no_longer_shown_is_only_a_warning(project: Project) -> None:
    """Old records stay in the office's history: a service retired since does not stop the build."""
    collected = '      - status: "diambil"\n        waktu: "2026-11-26 10:00"\n        oleh: "sari"\n'
    project.write(MONTH, month('"kedua"', '"sudah-dihapus"') + collected)
    project.write("situs.yaml", (project.content / "situs.yaml").read_text(encoding="utf-8") + "retensi_status: 1\n")
    code, output = project.check()
    assert code == 0, output
    assert f"content/{MONTH}:2: permohonan.1.layanan: peringatan: layanan 'sudah-dihapus'" in output
