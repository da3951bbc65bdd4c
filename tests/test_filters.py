"""The links residents act on: WhatsApp request and share, telephone, rupiah."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from conftest import Built
from layanan.render.filters import hari_kerja, rupiah, tel_link, tepat_waktu


def whatsapp_text(href: str) -> str:
    return parse_qs(urlsplit(href).query)["text"][0]


def test_request_message_has_the_service_and_every_requirement(searchable: Built) -> None:
    for url in ("/layanan/layanan-lengkap/", "/layanan/panjang/"):
        soup = searchable.soup(url)
        text = whatsapp_text(soup.find("a", string="Ajukan lewat WhatsApp")["href"])
        assert soup.h1.get_text() in text
        checklist = [line for line in text.splitlines() if line.startswith("- ")]
        assert len(checklist) == len(soup.select("ul.ceklis li"))
        for label in soup.select("ul.ceklis label"):
            document = label.contents[0].strip()
            assert any(document in line for line in checklist), document


def test_request_message_reads_naturally(searchable: Built) -> None:
    href = searchable.soup("/layanan/layanan-lengkap/").find("a", string="Ajukan lewat WhatsApp")["href"]
    assert urlsplit(href).netloc == "wa.me" and urlsplit(href).path == "/628115550001"
    assert whatsapp_text(href) == (
        "Halo, saya ingin mengajukan layanan Layanan Lengkap.\n\n"
        "Persyaratan yang sudah saya siapkan:\n"
        "- KTP-el asli\n"
        "- Kartu Keluarga (2 lembar)\n"
        "- Surat kuasa (bila ada)"
    )


def test_share_link_on_services_and_announcements(searchable: Built) -> None:
    url = "/layanan/kedua/"
    soup = searchable.soup(url)
    href = soup.find("a", string="Bagikan ke WhatsApp")["href"]
    assert urlsplit(href).netloc == "wa.me" and urlsplit(href).path == "/"
    assert whatsapp_text(href) == f"{soup.h1.get_text()}\nhttps://kec-contoh.example.go.id{url}"
    # An announcement shares its whole message, the one in the copy box (test_pesan.py has its text).
    soup = searchable.soup("/pengumuman/kecamatan/")
    href = soup.find("a", string="Bagikan ke grup WhatsApp")["href"]
    assert whatsapp_text(href) == soup.select_one("textarea.teks-pesan").get_text()


def test_telephone_links() -> None:
    assert tel_link("0541 700100") == "tel:+62541700100"
    assert tel_link("+62 541 700100") == "tel:+62541700100"


def test_rupiah() -> None:
    assert rupiah(0) == "Gratis"
    assert rupiah(1500000) == "Rp1.500.000"
    assert rupiah("Sesuai Perda") == "Sesuai Perda"


def test_files_within_the_standard_are_counted_under_ten_and_a_percentage_from_ten() -> None:
    assert tepat_waktu(3, 4) == "3 dari 4"
    assert tepat_waktu(9, 9) == "9 dari 9"
    assert tepat_waktu(3, 12) == "25% (3 dari 12)"
    assert tepat_waktu(45, 52) == "87% (45 dari 52)"


def test_a_median_of_working_days() -> None:
    assert (hari_kerja(3.0), hari_kerja(2.5), hari_kerja(0.0)) == ("3", "2,50", "0")
