"""Every field rule of DESIGN.md's tables gives its exact ``path:line: key:`` line."""

from __future__ import annotations

import pytest
from rules import ANNOUNCEMENT, SERVICE, announcement, assert_problem, service

from conftest import VALID_ANNOUNCEMENT, VALID_SERVICE, Project


def test_valid_service_and_announcement_pass(project: Project) -> None:
    project.write("layanan/uji.md", VALID_SERVICE)
    project.write("pengumuman/2026-11-10-uji.md", VALID_ANNOUNCEMENT)
    code, output = project.check()
    assert code == 0, output
    assert "Semua berkas baik: 3 layanan" in output


SERVICE_CASES = [
    ("judul missing", service("judul: Layanan Uji\n"), f"{SERVICE}:1: judul: wajib diisi"),
    (
        "ringkasan too long",
        service("ringkasan: Untuk menguji.", "ringkasan: " + "x" * 201),
        f"{SERVICE}:4: ringkasan: terlalu panjang",
    ),
    (
        "persyaratan as text",
        service("persyaratan:\n  - KTP-el\n  - dokumen: Kartu Keluarga\n    jumlah: 1\n", "persyaratan: KTP-el\n"),
        f"{SERVICE}:5: persyaratan: harus berupa daftar",
    ),
    (
        "persyaratan empty",
        service("persyaratan:\n  - KTP-el\n  - dokumen: Kartu Keluarga\n    jumlah: 1\n", "persyaratan: []\n"),
        f"{SERVICE}:5: persyaratan: isi paling sedikit 1 butir",
    ),
    (
        "persyaratan item without dokumen",
        service("  - dokumen: Kartu Keluarga\n", "  - keterangan: Kartu Keluarga\n"),
        f"{SERVICE}:7: persyaratan.2.dokumen: wajib diisi",
    ),
    (
        "persyaratan item unknown key",
        service("    jumlah: 1\n", "    jumlh: 1\n"),
        f"{SERVICE}:8: persyaratan.2.jumlh: kunci tidak dikenal; maksud Anda 'jumlah'?",
    ),
    (
        "persyaratan jumlah zero",
        service("    jumlah: 1\n", "    jumlah: 0\n"),
        f"{SERVICE}:8: persyaratan.2.jumlah: harus lebih dari 0",
    ),
    ("prosedur missing", service("prosedur:\n  - Datang ke loket.\n"), f"{SERVICE}:1: prosedur: wajib diisi"),
    (
        "prosedur item not text",
        service("  - Datang ke loket.", "  - {a: b}"),
        f"{SERVICE}:10: prosedur.1: harus berupa teks",
    ),
    (
        "waktu read as sexagesimal",
        service("waktu: 1 hari kerja", "waktu: 8:00"),
        f"{SERVICE}:11: waktu: '8:00' dibaca sebagai angka 480, bukan teks; tulis dalam tanda kutip",
    ),
    (
        "biaya with thousands dot",
        service("biaya: 0", "biaya: 50.000"),
        f"{SERVICE}:12: biaya: '50.000' dibaca sebagai angka pecahan 50.0; tulis rupiah utuh tanpa titik atau koma, misalnya 50000",
    ),
    *[
        (
            f"biaya written as text {raw}",
            service("biaya: 0", f"biaya: {raw}"),
            f"{SERVICE}:12: biaya: '{shown}' ditulis dengan pemisah ribuan atau 'Rp'; tulis rupiah utuh tanpa titik "
            f"atau koma, misalnya {digits}",
        )
        for raw, shown, digits in (
            ("1.500.000", "1.500.000", "1500000"),
            ("50,000", "50,000", "50000"),
            ('"Rp 25.000,-"', "Rp 25.000,-", "25000"),
        )
    ],
    ("biaya without words", service("biaya: 0", 'biaya: "-"'), f"{SERVICE}:12: biaya: '-' bukan jumlah rupiah"),
    ("biaya negative", service("biaya: 0", "biaya: -5"), f"{SERVICE}:12: biaya: tidak boleh negatif"),
    ("biaya boolean", service("biaya: 0", "biaya: no"), f"{SERVICE}:12: biaya: harus jumlah rupiah"),
    ("produk empty", service("produk: Surat", "produk:"), f"{SERVICE}:13: produk: wajib diisi; nilainya kosong"),
    (
        "kanal unknown value",
        service("  - loket", "  - pos"),
        f"{SERVICE}:15: kanal.1: 'pos' tidak dikenal; pilih salah satu: whatsapp, loket, daring",
    ),
    (
        "kanal repeated",
        service("  - loket", "  - loket\n  - loket"),
        f"{SERVICE}:16: kanal.2: 'loket' ditulis dua kali",
    ),
    (
        "daring without tautan_daring",
        service("  - loket", "  - daring"),
        f"{SERVICE}:1: tautan_daring: wajib diisi karena kanal memuat 'daring'",
    ),
    (
        "tautan_daring not a URL",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-11-01\ntautan_daring: www.contoh"),
        f"{SERVICE}:17: tautan_daring: harus alamat web lengkap",
    ),
    (
        "tautan_daring breaking out of its attribute",
        service(
            "diperbarui: 2026-11-01",
            "diperbarui: 2026-11-01\ntautan_daring: 'https://x.example/\"><svg/onload=alert(1)>'",
        ),
        f"{SERVICE}:17: tautan_daring: alamat web tidak boleh memuat tanda '\"'",
    ),
    (
        "tautan_daring with a space",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-11-01\ntautan_daring: 'https://x.example/a b'"),
        f"{SERVICE}:17: tautan_daring: alamat web tidak boleh memuat spasi",
    ),
    (
        "tautan_daring javascript",
        service(
            "diperbarui: 2026-11-01", "diperbarui: 2026-11-01\ntautan_daring: 'javascript:alert(1)//https://x.example'"
        ),
        f"{SERVICE}:17: tautan_daring: harus alamat web lengkap yang diawali https://",
    ),
    (
        "tautan_daring with a user before the host",
        service(
            "diperbarui: 2026-11-01", "diperbarui: 2026-11-01\ntautan_daring: 'https://www.lapor.go.id@jahat.example/'"
        ),
        f"{SERVICE}:17: tautan_daring: alamat web tidak boleh memuat tanda '@' sebelum nama situs",
    ),
    (
        "tautan_daring without a real host",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-11-01\ntautan_daring: 'https://<b>/'"),
        f"{SERVICE}:17: tautan_daring: alamat web tidak boleh memuat tanda '<'",
    ),
    (
        "tautan_daring host without a dot",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-11-01\ntautan_daring: 'https://intranet/ajukan'"),
        f"{SERVICE}:17: tautan_daring: nama situs 'intranet' tidak sah",
    ),
    (
        "diperbarui impossible",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-13-45"),
        f"{SERVICE}:16: diperbarui: tanggal '2026-13-45' tidak ada di kalender",
    ),
    (
        "diperbarui in another format",
        service("diperbarui: 2026-11-01", "diperbarui: 1 November 2026"),
        f"{SERVICE}:16: diperbarui: harus tanggal dengan format TTTT-BB-HH",
    ),
    (
        "wajib_datang not a boolean",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-11-01\nwajib_datang: kadang"),
        f"{SERVICE}:17: wajib_datang: harus true atau false",
    ),
    (
        "tempat as number",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-11-01\ntempat: 12"),
        f"{SERVICE}:17: tempat: '12' dibaca sebagai angka 12",
    ),
    (
        "terkait with a bad slug",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-11-01\nterkait:\n  - Layanan Kedua"),
        f"{SERVICE}:18: terkait.1: 'Layanan Kedua' bukan alamat (slug) yang sah",
    ),
    (
        "dasar_hukum as text",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-11-01\ndasar_hukum: UU 1"),
        f"{SERVICE}:17: dasar_hukum: harus berupa daftar",
    ),
    (
        "formulir without berkas",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-11-01\nformulir:\n  - judul: F-1"),
        f"{SERVICE}:18: formulir.1.berkas: wajib diisi",
    ),
    (
        "riwayat with a bad date",
        service(
            "diperbarui: 2026-11-01", "diperbarui: 2026-11-01\nriwayat:\n  - tanggal: 2026-02-30\n    perubahan: x"
        ),
        f"{SERVICE}:18: riwayat.1.tanggal: tanggal '2026-02-30' tidak ada",
    ),
    (
        "kata_kunci item a number",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-11-01\nkata_kunci:\n  - 17"),
        f"{SERVICE}:18: kata_kunci.1: '17' dibaca sebagai angka",
    ),
    (
        "populer not a boolean",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-11-01\npopuler: 1"),
        f"{SERVICE}:17: populer: harus true atau false",
    ),
    (
        "alias with a bad slug",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-11-01\nalias:\n  - lama_sekali"),
        f"{SERVICE}:18: alias.1: 'lama_sekali' bukan alamat (slug)",
    ),
    (
        "slug with capitals",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-11-01\nslug: Uji"),
        f"{SERVICE}:17: slug: 'Uji' bukan alamat (slug) yang sah",
    ),
    (
        "draf not a boolean",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-11-01\ndraf: mungkin"),
        f"{SERVICE}:17: draf: harus true atau false",
    ),
    (
        "unknown key near a known one",
        service("produk: Surat", "produk: Surat\npersyaratn: x"),
        f"{SERVICE}:14: persyaratn: kunci tidak dikenal; maksud Anda 'persyaratan'?",
    ),
    (
        "unknown key far from all",
        service("produk: Surat", "produk: Surat\nwarna: biru"),
        f"{SERVICE}:14: warna: kunci tidak dikenal; kunci yang boleh: judul",
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), SERVICE_CASES, ids=[c[0] for c in SERVICE_CASES])
def test_service_rule(project: Project, case: str, text: str, expected: str) -> None:
    assert_problem(project, "layanan/uji.md", text, expected)


ANNOUNCEMENT_CASES = [
    ("no body", announcement("Isi pengumuman.\n"), f"{ANNOUNCEMENT}:1: (isi): isi pengumuman kosong"),
    ("tanggal missing", announcement("tanggal: 2026-11-10\n"), f"{ANNOUNCEMENT}:1: tanggal: wajib diisi"),
    (
        "tanggal impossible time",
        announcement("tanggal: 2026-11-10", "tanggal: 2026-11-10 25:00"),
        f"{ANNOUNCEMENT}:3: tanggal: tanggal atau jam '2026-11-10 25:00' tidak ada",
    ),
    (
        "tanggal impossible date",
        announcement("tanggal: 2026-11-10", "tanggal: 2026-13-45"),
        f"{ANNOUNCEMENT}:3: tanggal: tanggal atau jam '2026-13-45' tidak ada",
    ),
    (
        "tanggal in words",
        announcement("tanggal: 2026-11-10", "tanggal: besok"),
        f"{ANNOUNCEMENT}:3: tanggal: harus tanggal TTTT-BB-HH atau tanggal dan jam",
    ),
    (
        "penting not a boolean",
        announcement("kategori: Layanan", "kategori: Layanan\npenting: sangat"),
        f"{ANNOUNCEMENT}:5: penting: harus true atau false",
    ),
    (
        "berlaku_hingga impossible",
        announcement("kategori: Layanan", "kategori: Layanan\nberlaku_hingga: 2026-11-31"),
        f"{ANNOUNCEMENT}:5: berlaku_hingga: tanggal '2026-11-31' tidak ada",
    ),
    (
        "gambar without gambar_alt",
        announcement("kategori: Layanan", "kategori: Layanan\ngambar: gambar.svg"),
        f"{ANNOUNCEMENT}:1: gambar_alt: wajib diisi bila ada gambar",
    ),
    (
        "kelurahan as text",
        announcement("kategori: Layanan", "kategori: Layanan\nkelurahan: desa-a"),
        f"{ANNOUNCEMENT}:5: kelurahan: harus berupa daftar",
    ),
    (
        "lampiran not a mapping",
        announcement("kategori: Layanan", "kategori: Layanan\nlampiran:\n  - surat.pdf"),
        f"{ANNOUNCEMENT}:6: lampiran.1: harus berupa pasangan kunci: nilai",
    ),
    (
        "a title on two lines",
        announcement("judul: Pengumuman Uji", 'judul: "Pengumuman\\nUji"'),
        f"{ANNOUNCEMENT}:2: judul: harus satu baris, tanpa ganti baris",
    ),
    (
        "a bare carriage return in a title (it would start a new calendar property)",
        announcement("judul: Pengumuman Uji", 'judul: "Pengumuman\\rX-INJECTED: 1"'),
        f"{ANNOUNCEMENT}:2: judul: harus satu baris, tanpa ganti baris (CR)",
    ),
    (
        "an event's place on two lines",
        announcement(
            "kategori: Layanan", 'kategori: Layanan\nacara:\n  mulai: 2026-11-20 08:00\n  tempat: "Aula\\nLantai 2"'
        ),
        f"{ANNOUNCEMENT}:7: acara.tempat: harus satu baris",
    ),
    (
        "an announcement that ends before it is published",
        announcement("kategori: Layanan", "kategori: Layanan\nberlaku_hingga: 2026-11-09"),
        f"{ANNOUNCEMENT}:5: berlaku_hingga: 9 November 2026 lebih awal dari tanggal terbit (10 November 2026)",
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), ANNOUNCEMENT_CASES, ids=[c[0] for c in ANNOUNCEMENT_CASES])
def test_announcement_rule(project: Project, case: str, text: str, expected: str) -> None:
    assert_problem(project, "pengumuman/2026-11-10-uji.md", text, expected)


def test_announcement_file_name_must_make_a_slug(project: Project) -> None:
    assert_problem(
        project,
        "pengumuman/2026-11-10 Pengumuman Baru.md",
        VALID_ANNOUNCEMENT,
        "content/pengumuman/2026-11-10 Pengumuman Baru.md:1: slug: nama berkas '2026-11-10 Pengumuman Baru.md' tidak bisa jadi alamat",
    )


def test_a_file_name_too_long_for_an_address_is_refused_before_any_build(project: Project) -> None:
    """245 characters passed check and then broke the production build on the PDF's file name."""
    name = "layanan-" + "-".join(["panjang"] * 30) + ".md"
    assert_problem(
        project,
        f"layanan/{name}",
        VALID_SERVICE,
        f"content/layanan/{name}:1: slug: nama berkas terlalu panjang untuk alamat ({len(name) - 3} huruf, paling banyak 100)",
    )


def test_a_slug_over_100_characters_is_refused(project: Project) -> None:
    assert_problem(
        project,
        "layanan/uji.md",
        service("diperbarui: 2026-11-01", "diperbarui: 2026-11-01\nslug: " + "a" * 101),
        f"{SERVICE}:17: slug: alamat terlalu panjang (101 huruf); paling banyak 100 huruf",
    )


KELURAHAN = "content/kelurahan/desa-c.md"
VALID_KELURAHAN = "---\nnama: Kelurahan Desa C\nalamat: Jalan C\n---\n"
KELURAHAN_CASES = [
    ("nama missing", "---\nalamat: Jalan C\n---\n", f"{KELURAHAN}:1: nama: wajib diisi"),
    ("alamat missing", "---\nnama: Desa C\n---\n", f"{KELURAHAN}:1: alamat: wajib diisi"),
    (
        "a coordinate that is not a number JSON can hold",
        "---\nnama: Desa C\nalamat: Jalan C\nkoordinat:\n  lat: .nan\n  lon: 117.1\n---\n",
        f"{KELURAHAN}:5: koordinat.lat: harus angka",
    ),
    (
        "lintang and bujur swapped",
        "---\nnama: Desa C\nalamat: Jalan C\nkoordinat:\n  lat: 117.1\n  lon: -0.5\n---\n",
        f"{KELURAHAN}:5: koordinat.lat: lintang 117.1 di luar -90 sampai 90; lintang dan bujur tertukar?",
    ),
    (
        "telepon read as octal",
        "---\ntelepon: 0541123456\nnama: Desa C\nalamat: Jalan C\n---\n",
        f"{KELURAHAN}:2: telepon: '0541123456' dibaca sebagai angka 92579630, bukan teks; tulis dalam tanda kutip",
    ),
    (
        "whatsapp with a leading zero",
        VALID_KELURAHAN.replace("alamat: Jalan C\n", 'alamat: Jalan C\nwhatsapp: "08123456789"\n'),
        f"{KELURAHAN}:4: whatsapp: tulis nomor WhatsApp dengan kode negara",
    ),
    (
        "email without @",
        VALID_KELURAHAN.replace("alamat: Jalan C\n", "alamat: Jalan C\nemail: kantor.desa\n"),
        f"{KELURAHAN}:4: email: 'kantor.desa' bukan alamat email yang sah",
    ),
    (
        "email breaking out of mailto",
        VALID_KELURAHAN.replace("alamat: Jalan C\n", "alamat: Jalan C\nemail: 'a\"onmouseover=alert(1)@x.id'\n"),
        f"{KELURAHAN}:4: email: 'a\"onmouseover=alert(1)@x.id' bukan alamat email yang sah",
    ),
    (
        "email with a query",
        VALID_KELURAHAN.replace("alamat: Jalan C\n", "alamat: Jalan C\nemail: desa@x.id?cc=lain@y.id\n"),
        f"{KELURAHAN}:4: email: 'desa@x.id?cc=lain@y.id' bukan alamat email yang sah",
    ),
    (
        "koordinat without lon",
        VALID_KELURAHAN.replace("alamat: Jalan C\n", "alamat: Jalan C\nkoordinat:\n  lat: -0.5\n"),
        f"{KELURAHAN}:4: koordinat.lon: wajib diisi",
    ),
    (
        "koordinat as text",
        VALID_KELURAHAN.replace("alamat: Jalan C\n", "alamat: Jalan C\nkoordinat:\n  lat: utara\n  lon: 117\n"),
        f"{KELURAHAN}:5: koordinat.lat: harus angka",
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), KELURAHAN_CASES, ids=[c[0] for c in KELURAHAN_CASES])
def test_kelurahan_rule(project: Project, case: str, text: str, expected: str) -> None:
    assert_problem(project, "kelurahan/desa-c.md", text, expected)


PAGE = "content/halaman/baru.md"
PAGE_CASES = [
    ("judul missing", "---\nmenu: 3\n---\nIsi.\n", f"{PAGE}:1: judul: wajib diisi"),
    (
        "menu not a whole number",
        "---\njudul: Baru\nmenu: pertama\n---\nIsi.\n",
        f"{PAGE}:3: menu: harus bilangan bulat",
    ),
    ("menu a fraction", "---\njudul: Baru\nmenu: 1.5\n---\nIsi.\n", f"{PAGE}:3: menu: harus bilangan bulat"),
]


@pytest.mark.parametrize(("case", "text", "expected"), PAGE_CASES, ids=[c[0] for c in PAGE_CASES])
def test_page_rule(project: Project, case: str, text: str, expected: str) -> None:
    assert_problem(project, "halaman/baru.md", text, expected)


def test_every_problem_of_the_site_in_one_run(project: Project) -> None:
    project.write("layanan/uji.md", service("biaya: 0", "biaya: 50.000").replace("waktu: 1 hari kerja", "waktu: 8:00"))
    project.write("pengumuman/2026-11-10-uji.md", announcement("Isi pengumuman.\n"))
    code, output = project.check()
    assert code == 1
    lines = output.splitlines()
    assert [line.split(": ")[0] for line in lines[:-1]] == [
        f"{SERVICE}:11",
        f"{SERVICE}:12",
        f"{ANNOUNCEMENT}:1",
    ]
    assert lines[-1] == "3 kesalahan, 0 peringatan"
