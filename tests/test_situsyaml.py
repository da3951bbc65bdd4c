"""content/situs.yaml: the office identity is checked like any content file."""

from __future__ import annotations

import pytest
from rules import assert_problem

from conftest import LENGKAP, Project

SITUS = "content/situs.yaml"
VALID = (LENGKAP / "situs.yaml").read_text(encoding="utf-8")


def situs(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new, 1)


CASES = [
    ("nama missing", situs("nama: Kecamatan Contoh\n", ""), f"{SITUS}:1: nama: wajib diisi"),
    (
        "url not https",
        situs("url: https://kec-contoh.example.go.id", "url: kec-contoh.example.go.id"),
        f"{SITUS}:4: url: harus alamat web lengkap",
    ),
    (
        "telepon octal",
        situs('telepon: "0541 700100"', "telepon: 0541700100"),
        f"{SITUS}:6: telepon: '0541700100' dibaca sebagai angka",
    ),
    (
        "whatsapp with 0",
        situs('whatsapp: "628115550001"', 'whatsapp: "08115550001"'),
        f"{SITUS}:7: whatsapp: tulis nomor WhatsApp dengan kode negara",
    ),
    (
        "zona_waktu unknown",
        situs("zona_waktu: Asia/Makassar", "zona_waktu: WITA"),
        f"{SITUS}:10: zona_waktu: zona waktu 'WITA' tidak dikenal; tulis nama IANA",
    ),
    (
        "kategori_layanan as text",
        situs("kategori_layanan:\n  - Administrasi Kependudukan\n  - Umum\n", "kategori_layanan: Umum\n"),
        f"{SITUS}:11: kategori_layanan: harus berupa daftar",
    ),
    (
        "kategori_gratis not a service category",
        situs("kategori_gratis:\n  - Administrasi Kependudukan", "kategori_gratis:\n  - Kesehatan"),
        f"{SITUS}:18: kategori_gratis.1: 'Kesehatan' tidak ada di kategori_layanan",
    ),
    (
        "pengaduan without LAPOR",
        situs("url: https://www.lapor.go.id", "url: https://pengaduan.example.go.id"),
        f"{SITUS}:19: pengaduan: SP4N-LAPOR! (https://www.lapor.go.id) harus termasuk",
    ),
    (
        "survei not a URL",
        situs("survei: https://survei.kec-contoh.example.go.id/skm", "survei: isi nanti"),
        f"{SITUS}:22: survei: harus alamat web lengkap",
    ),
    (
        "unknown key",
        situs("nama: Kecamatan Contoh", "nama: Kecamatan Contoh\nalmat: Jalan"),
        f"{SITUS}:2: almat: kunci tidak dikenal; maksud Anda 'alamat'?",
    ),
    (
        "malformed yaml",
        situs("kota: Kota Uji", "kota: [Kota Uji"),
        f"{SITUS}:2: (yaml): daftar dalam [ ] atau {{ }} tidak ditutup",
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_situs_rule(project: Project, case: str, text: str, expected: str) -> None:
    assert_problem(project, "situs.yaml", text, expected)


def test_missing_situs(project: Project) -> None:
    (project.content / "situs.yaml").unlink()
    code, output = project.check()
    assert code == 1
    assert f"{SITUS}:1: (berkas): situs.yaml tidak ada" in output


def test_broken_situs_still_reports_content_problems(project: Project) -> None:
    (project.content / "situs.yaml").write_text(situs("nama: Kecamatan Contoh\n", ""), encoding="utf-8")
    project.write("layanan/uji.md", "---\njudul: Uji\n---\n")
    code, output = project.check()
    assert code == 1
    assert f"{SITUS}:1: nama: wajib diisi" in output
    assert "content/layanan/uji.md:1: kategori: wajib diisi" in output


def test_placeholders_are_allowed_in_development(project: Project) -> None:
    (project.content / "situs.yaml").write_text(
        situs('whatsapp: "628115550001"', 'whatsapp: "[ISI: nomor WhatsApp]"'), encoding="utf-8"
    )
    code, output = project.check()
    assert code == 0, output
    assert "Masih ada 1 isian [ISI: ...]" in output
