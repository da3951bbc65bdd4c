"""The Standar Pelayanan: each service's and the office's, in the regulation's order and words, printed and as PDF."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
from checkers import A4, printed, squash

from conftest import LENGKAP, Built, build_site

# Permenpan RB 15/2014 (../shared/DOMAIN.md §1.2): service delivery, then pengelolaan.
DELIVERY = [
    "Persyaratan",
    "Sistem, mekanisme, dan prosedur",
    "Jangka waktu layanan",
    "Biaya/tarif",
    "Produk pelayanan",
    "Penanganan pengaduan, saran, dan masukan",
]
PENGELOLAAN = [
    "Dasar hukum",
    "Sarana, prasarana dan/atau fasilitas",
    "Kompetensi pelaksana",
    "Pengawasan internal",
    "Jumlah pelaksana",
    "Jaminan pelayanan",
    "Jaminan keamanan dan keselamatan pelayanan",
    "Evaluasi kinerja pelaksana",
]
# What the fixture's situs.yaml and layanan-lengkap.md write for each component.
VALUES = {
    "Persyaratan": "Kartu Keluarga (2 lembar) (Fotokopi.)",
    "Sistem, mekanisme, dan prosedur": "Serahkan ke loket.",
    "Jangka waktu layanan": "1 hari kerja",
    "Biaya/tarif": "Gratis",
    "Produk pelayanan": "Dokumen lengkap",
    "Penanganan pengaduan, saran, dan masukan": "SP4N-LAPOR!: https://www.lapor.go.id",
    "Dasar hukum": "Peraturan Uji Nomor 1",
    "Sarana, prasarana dan/atau fasilitas": "Kursi roda dan loket prioritas",
    "Kompetensi pelaksana": "Memahami peraturan administrasi kependudukan.",
    "Pengawasan internal": "Pengawasan oleh atasan langsung setiap hari.",
    "Jumlah pelaksana": "2 orang petugas loket dan 1 orang operator.",  # the service's own, not the office's
    "Jaminan pelayanan": "Pelayanan sesuai standar; bila tidak, warga dapat mengadu.",
    "Jaminan keamanan dan keselamatan pelayanan": "Data pemohon tidak dibagikan kepada pihak lain.",
    "Evaluasi kinerja pelaksana": "Evaluasi setiap tiga bulan berdasarkan survei kepuasan.",
}
SERVICE = "/layanan/layanan-lengkap/standar/"


@pytest.fixture(scope="module")
def with_pdf(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_site(LENGKAP, tmp_path_factory.mktemp("pdf") / "output", LAYANAN_PDF=True)


def rows(built: Built, url: str) -> list[tuple[str, str]]:
    """(component, text) of every row of the page's first two tables."""
    tables = built.soup(url).select("table.standar-tabel")[:2]
    return [
        (tr.th.get_text(strip=True), squash(tr.find_all("td")[1].get_text(" ", strip=True)))
        for t in tables
        for tr in t.tbody.find_all("tr")
    ]


def test_every_component_in_the_regulation_s_order_and_words(lengkap: Built) -> None:
    found = rows(lengkap, SERVICE)
    assert [name for name, _ in found] == DELIVERY + PENGELOLAAN
    for name, text in found:
        assert VALUES[name] in text, (name, text)
    captions = [c.get_text(" ", strip=True) for c in lengkap.soup(SERVICE).select("table.standar-tabel caption")]
    assert captions[0].startswith("I. Komponen standar pelayanan yang terkait dengan proses penyampaian pelayanan")
    assert captions[1].startswith("II. Komponen standar pelayanan yang terkait dengan proses pengelolaan pelayanan")


def test_the_office_s_components_apply_where_a_service_gives_none(lengkap: Built) -> None:
    second = dict(rows(lengkap, "/layanan/kedua/standar/"))
    assert second["Jumlah pelaksana"] == "3 orang petugas loket."
    assert second["Dasar hukum"] == "Peraturan Uji Nomor 2"


def test_the_decree_names_itself_and_its_signatory(lengkap: Built) -> None:
    text = squash(lengkap.soup(SERVICE).select_one("article").get_text(" ", strip=True))
    assert "Lampiran Keputusan Camat Contoh Nomor 800/123/KEC-UJI/2026 tanggal 2 Januari 2026" in text
    assert "Berlaku sejak 2 Januari 2026." in text
    assert "Ditetapkan di Kota Uji pada tanggal 2 Januari 2026" in text
    assert "Nama Camat Uji NIP 197001012000031001" in text


def test_the_whole_standard_has_a_contents_list_and_every_published_service(lengkap: Built) -> None:
    soup = lengkap.soup("/standar-pelayanan/")
    contents = [a["href"] for a in soup.select("nav.daftar-isi a")]
    sections = ["#" + s["id"] for s in soup.select("section.standar-layanan")]
    assert contents == sections == ["#layanan-lengkap", "#kedua"]  # in the services' order; not the draft
    assert len(soup.select("table.standar-tabel")) == 4
    assert len({tr["id"] for tr in soup.select("table.standar-tabel tr[id]")}) == 2 * 14  # ids unique on one page


def test_links_to_the_standard_and_the_pledge(lengkap: Built) -> None:
    assert lengkap.soup("/layanan/kedua/").find("a", href="/layanan/kedua/standar/")
    home = {a["href"] for a in lengkap.soup("/").select("#standar ~ ul a")}
    assert home == {"/standar-pelayanan/", "/maklumat/"}


def test_each_service_s_standard_prints_on_one_or_two_a4_pages(lengkap: Built, page, serve) -> None:
    base = serve(lengkap)
    for url in (SERVICE, "/layanan/kedua/standar/"):
        with printed(page, base + url) as pdf:
            assert 1 <= len(pdf.pages) <= 2, url
            sheet = pdf.pages[0]
            assert abs(sheet.width - A4[0]) < 2 and abs(sheet.height - A4[1]) < 2
            text = squash(" ".join(p.extract_text() for p in pdf.pages))
            assert "Kecamatan Contoh Kota Uji" not in text.split("Lampiran")[0]  # no site header on the document


def test_the_whole_standard_prints_a_service_per_page(lengkap: Built, page, serve) -> None:
    with printed(page, serve(lengkap) + "/standar-pelayanan/") as pdf:
        texts = [p.extract_text() for p in pdf.pages]
    assert "Daftar isi" in texts[0]
    starts = [
        i
        for i, text in enumerate(texts)
        if "I. Komponen standar pelayanan yang terkait dengan proses penyampaian" in text
    ]
    assert len(starts) == 2 and starts[0] >= 1  # the contents first, then each service from a new page
    assert "1. Layanan Lengkap" in texts[starts[0]] and "2. Layanan Kedua" in texts[starts[1]]


def cells(pdf: pdfplumber.PDF) -> dict[str, str]:
    """Component -> text of its row in the first of the PDF's standards."""
    found = {}
    for sheet in pdf.pages:
        for table in sheet.extract_tables():
            for row in table:
                if len(row) == 3 and row[1] and row[2]:
                    found.setdefault(squash(row[1]), squash(row[2]))  # the first service's, in the whole one
    return found


def test_a_pdf_of_each_document_with_every_component(with_pdf: Built) -> None:
    for url, name in (
        (SERVICE, "standar-pelayanan-layanan-lengkap.pdf"),
        ("/standar-pelayanan/", "standar-pelayanan.pdf"),
    ):
        link = with_pdf.soup(url).find("a", href=f"{url}{name}")
        assert link and "PDF" in link.get_text()
        with pdfplumber.open(io.BytesIO(with_pdf.path(url + name).read_bytes())) as pdf:
            found = cells(pdf)
            text = re.sub(r"\s", "", "".join(p.extract_text() for p in pdf.pages))
            for component, value in VALUES.items():
                assert re.sub(r"\s", "", value) in re.sub(r"\s", "", found[component]), (name, component)
            # Printed with the site's own stylesheet: its page counter is in the margin, through the whole.
            assert ("Halaman1dari3" if name == "standar-pelayanan.pdf" else "Halaman1dari1") in text
        if name == "standar-pelayanan.pdf":
            # The whole office's: a cover with the contents, then each service from a new page.
            with pdfplumber.open(io.BytesIO(with_pdf.path(url + name).read_bytes())) as pdf:
                texts = [p.extract_text() for p in pdf.pages]
            assert "Daftar isi" in texts[0] and "Komponen" not in texts[0]
            assert len(texts) == 3 and "1. Layanan Lengkap" in texts[1] and "2. Layanan Kedua" in texts[2]


@pytest.mark.pango
def test_pdfs_are_printed_again_only_when_their_page_changes(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(LENGKAP, content)
    output = tmp_path / "output"
    build_site(content, output, LAYANAN_PDF=True)
    files = {
        name: (output / name).stat().st_ino
        for name in (
            "layanan/kedua/standar/standar-pelayanan-kedua.pdf",
            "layanan/layanan-lengkap/standar/standar-pelayanan-layanan-lengkap.pdf",
        )
    }
    service = content / "layanan" / "kedua.md"
    service.write_text(service.read_text(encoding="utf-8").replace("2 hari kerja", "3 hari kerja"), encoding="utf-8")
    build_site(content, output, LAYANAN_PDF=True)
    after = {name: (output / name).stat().st_ino for name in files}
    assert (
        after["layanan/layanan-lengkap/standar/standar-pelayanan-layanan-lengkap.pdf"]
        == files["layanan/layanan-lengkap/standar/standar-pelayanan-layanan-lengkap.pdf"]
    )
    assert (
        after["layanan/kedua/standar/standar-pelayanan-kedua.pdf"]
        != files["layanan/kedua/standar/standar-pelayanan-kedua.pdf"]
    )
    with pdfplumber.open(output / "layanan/kedua/standar/standar-pelayanan-kedua.pdf") as pdf:
        assert "3 hari kerja" in pdf.pages[0].extract_text()


def test_development_builds_make_no_pdf_and_link_none(lengkap: Built) -> None:
    assert not list(lengkap.root.rglob("standar-pelayanan*.pdf"))
    assert not lengkap.soup(SERVICE).select('a[href$=".pdf"]')


def test_a_standard_with_nothing_filled_in_shows_each_gap_and_cannot_be_published(project) -> None:
    situs = project.content / "situs.yaml"
    text = situs.read_text(encoding="utf-8")
    situs.write_text(
        text[: text.index("standar:")] + "standar: {}\n" + text[text.index("maklumat:") :], encoding="utf-8"
    )
    code, output = project.check()
    assert code == 0, output
    for key in (
        "sarana",
        "kompetensi_pelaksana",
        "pengawasan_internal",
        "jumlah_pelaksana",
        "jaminan_pelayanan",
        "jaminan_keamanan",
        "evaluasi_kinerja",
        "keputusan",
        "berlaku_sejak",
    ):
        assert re.search(rf"^content/situs\.yaml:\d+: standar\.{key}: ", output, re.M), key
    assert "Masih ada 9 isian" in output
    built = build_site(project.content, project.dir / "output")
    marks = [m.get_text() for m in built.soup("/layanan/kedua/standar/").select("table.standar-tabel mark.isi")]
    assert marks == [f"[ISI: {name.lower()}]" for name in PENGELOLAAN[1:]]
    assert "[ISI: nomor keputusan]" in built.text("/layanan/kedua/standar/")


def test_without_a_standard_in_situs_yaml_there_is_no_document(project) -> None:
    situs = project.content / "situs.yaml"
    text = situs.read_text(encoding="utf-8")
    situs.write_text(text[: text.index("standar:")] + text[text.index("maklumat:") :], encoding="utf-8")
    built = build_site(project.content, project.dir / "output")
    assert not built.exists("/standar-pelayanan/") and not built.exists(SERVICE)
    assert not built.soup("/layanan/kedua/").find("a", href="/layanan/kedua/standar/")
