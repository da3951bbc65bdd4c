"""A draft standard open for comments: its banner, feedback links, list and feed follow the build clock."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from checkers import parse

from conftest import LENGKAP, Built, build_site

WITA = ZoneInfo("Asia/Makassar")
SERVICE = "/layanan/layanan-lengkap/"
STANDARD = SERVICE + "standar/"
# layanan-lengkap.md: konsultasi from 2026-11-20 to 2026-12-10; the build clock of the tests is 2026-11-28.


def at(day: str) -> str:
    """SOURCE_DATE_EPOCH for noon of ``day`` in the site's zone."""
    return str(int(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(12), WITA).timestamp()))


@pytest.fixture(scope="module")
def afterwards(tmp_path_factory: pytest.TempPathFactory) -> Built:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", at("2026-12-11"))
        return build_site(LENGKAP, tmp_path_factory.mktemp("sesudah") / "output")


def banner(built: Built, url: str):
    return built.soup(url).select_one(".konsultasi")


def test_while_open_the_service_and_its_standard_say_so_with_the_closing_day(lengkap: Built) -> None:
    for url in (SERVICE, STANDARD):
        note = banner(lengkap, url)
        assert note, url
        text = note.get_text(" ", strip=True)
        assert "Rancangan standar pelayanan — beri masukan sampai Kamis, 10 Desember 2026." in text
        assert "Waktu layanan diusulkan menjadi 1 hari kerja." in text
    assert banner(lengkap, SERVICE).find("a")["href"] == STANDARD + "#masukan"
    assert not banner(lengkap, "/layanan/kedua/")  # the consultation is on one service only


def test_each_component_has_a_whatsapp_link_naming_the_service_and_the_section(lengkap: Built) -> None:
    links = lengkap.soup(STANDARD).select("table.standar-tabel a.masukan")
    assert len(links) == 14
    for link in links:
        parts = urlsplit(link["href"])
        assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/628115550001")
        message = parse_qs(parts.query)["text"][0]
        section = link.find_parent("tr").th.get_text(strip=True)
        assert message == f"Masukan untuk rancangan standar pelayanan Layanan Lengkap, bagian {section}:\n"


def test_the_whatsapp_link_opens_with_the_message_in_chromium(lengkap: Built, page, serve) -> None:
    page.goto(serve(lengkap) + STANDARD)
    href = page.get_by_role("link", name="Beri masukan tentang biaya/tarif").get_attribute("href")
    assert unquote(href.split("text=", 1)[1]).startswith(
        "Masukan untuk rancangan standar pelayanan Layanan Lengkap, bagian Biaya/tarif:"
    )


def test_an_email_alternative_and_what_changed_since_the_standard_in_force(lengkap: Built) -> None:
    section = lengkap.soup(STANDARD).select_one("#masukan")
    mail = section.select_one('a[href^="mailto:"]')["href"]
    assert mail.startswith("mailto:layanan@kec-contoh.example.go.id?subject=")
    assert "Masukan standar pelayanan Layanan Lengkap" in unquote(mail)
    changes = [li.get_text(" ", strip=True) for li in section.select("ul li")]
    assert changes == [
        "1 Oktober 2026 : Persyaratan surat kuasa ditambahkan.",
        "15 November 2026 : Waktu layanan dipersingkat.",
    ]


def test_home_and_every_kelurahan_list_the_open_consultation(lengkap: Built) -> None:
    for url in ("/", "/kelurahan/desa-a/", "/kelurahan/desa-b/"):
        listed = lengkap.soup(url).select_one(".konsultasi-daftar")
        assert listed, url
        assert [a["href"] for a in listed.select("li a")] == [STANDARD + "#masukan"]
        assert listed.find("a", href="/feeds/konsultasi.xml")


def test_after_the_last_day_the_banner_and_the_lists_are_gone(afterwards: Built) -> None:
    assert not banner(afterwards, SERVICE) and not banner(afterwards, STANDARD)
    assert not afterwards.soup(STANDARD).select("a.masukan, #masukan")
    for url in ("/", "/kelurahan/desa-a/"):
        assert not afterwards.soup(url).select_one(".konsultasi-daftar"), url


def test_before_the_first_day_there_is_no_banner_and_no_feed_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", at("2026-11-19"))
    built = build_site(LENGKAP, tmp_path / "output")
    assert not banner(built, SERVICE)
    assert parse(built, "/feeds/konsultasi.xml").entries == []


def test_the_feed_announces_each_consultation_and_keeps_it(lengkap: Built, afterwards: Built) -> None:
    for built in (lengkap, afterwards):
        feed = parse(built, "/feeds/konsultasi.xml")
        assert [e.title for e in feed.entries] == ["Konsultasi publik: standar pelayanan Layanan Lengkap"]
        entry = feed.entries[0]
        assert entry.link == "https://kec-contoh.example.go.id" + STANDARD + "#masukan"
        assert entry.published.startswith("Fri, 20 Nov 2026 00:00:00 +0800")
        assert "beri masukan sampai Kamis, 10 Desember 2026" in entry.summary
    assert (
        parse(lengkap, "/feeds/konsultasi.xml").entries[0].id
        == parse(afterwards, "/feeds/konsultasi.xml").entries[0].id
    )


def test_a_consultation_on_the_whole_standard_reaches_every_service(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(LENGKAP, content)
    situs = content / "situs.yaml"
    situs.write_text(
        situs.read_text(encoding="utf-8").replace(
            "  berlaku_sejak: 2026-01-02\n",
            "  berlaku_sejak: 2026-01-02\n  konsultasi:\n    mulai: 2026-11-25\n    selesai: 2026-12-31\n",
        ),
        encoding="utf-8",
    )
    built = build_site(content, tmp_path / "output")
    assert banner(built, "/standar-pelayanan/") and banner(built, "/layanan/kedua/")
    assert "31 Desember 2026" in banner(built, "/layanan/kedua/").get_text()  # its own consultation is not open
    listed = [a["href"] for a in built.soup("/").select(".konsultasi-daftar li a")]
    assert listed[0] == "/standar-pelayanan/#masukan"
    titles = [e.title for e in parse(built, "/feeds/konsultasi.xml").entries]
    assert titles == [
        "Konsultasi publik: standar pelayanan Kecamatan Contoh",
        "Konsultasi publik: standar pelayanan Layanan Lengkap",
    ]


def test_a_consultation_that_ends_before_it_begins_is_refused(project) -> None:
    project.edit("layanan/lengkap.md", "  selesai: 2026-12-10", "  selesai: 2026-11-10")
    code, output = project.check()
    assert code == 1
    assert (
        "content/layanan/lengkap.md:" in output
        and ": konsultasi.selesai: tanggal selesai lebih awal dari tanggal mulai" in output
    )


def test_an_open_consultation_has_a_message_to_forward(lengkap: Built, afterwards: Built) -> None:
    from layanan.content import routes

    box = lengkap.soup(STANDARD).select_one("#masukan textarea.teks-pesan")
    assert box.get_text() == (
        "*Rancangan standar pelayanan: Layanan Lengkap*\n"
        "Beri masukan sampai Kamis, 10 Desember 2026.\n"
        "\n"
        "Waktu layanan diusulkan menjadi 1 hari kerja.\n"
        "\n"
        f"Baca rancangannya dan beri masukan: https://kec-contoh.example.go.id/s/{routes.short_code('layanan', 'nama-lama')}\n"
        "Info resmi Kecamatan Contoh."
    )
    assert not afterwards.soup(STANDARD).select("textarea.teks-pesan")
