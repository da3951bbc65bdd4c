"""WhatsApp messages to forward: the exact text, its length, the link that opens WhatsApp, the weekly digest."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from conftest import LENGKAP, Built, build_site
from layanan.content import routes
from layanan.render import pesan

ANNOUNCEMENT = "/pengumuman/pengumuman-lengkap/"
BASE = "https://kec-contoh.example.go.id"
KODE = routes.short_code("pengumuman", "pengumuman-lama")  # its first slug (alias), not its current one
SERVICE_KODE = routes.short_code("layanan", "nama-lama")


def message(built: Built, url: str) -> str:
    return built.soup(url).select_one("textarea.teks-pesan").get_text()


def test_the_message_of_an_announcement_stands_on_its_own(lengkap: Built) -> None:
    """What, for whom, when and where, what to bring (the one linked service's own documents, never its
    title as a document), the cost, the attachment by name with its address, and the official link."""
    assert message(lengkap, ANNOUNCEMENT) == (
        "*Pengumuman Lengkap*\n"
        "Untuk: warga Kelurahan Desa A\n"
        "Waktu: Senin, 30 November 2026, 08.00 WITA sampai 12.00\n"
        "Tempat: Kantor Kelurahan Desa A\n"
        "\n"
        "Ringkasan pengumuman lengkap.\n"
        "\n"
        "Yang perlu dibawa (Layanan Lengkap):\n"
        "- KTP-el asli\n"
        "- Kartu Keluarga (2 lembar)\n"
        "- Surat kuasa (bila ada)\n"
        "\n"
        "Biaya: Gratis\n"
        "\n"
        "Lampiran:\n"
        f"- Lampiran Uji: {BASE}/s/{routes.file_code('lampiran.txt')}\n"
        "\n"
        "Layanan terkait:\n"
        f"- Layanan Lengkap: {BASE}/s/{SERVICE_KODE}\n"
        "\n"
        f"Info resmi Kecamatan Contoh: {BASE}/s/{KODE}"
    )


def test_an_attachment_s_short_link_opens_the_file(lengkap: Built) -> None:
    code = routes.file_code("lampiran.txt")
    assert lengkap.soup(f"/s/{code}/").find("a")["href"] == "/berkas/lampiran.txt"
    assert f"location = /s/{code} {{ return 301 /berkas/lampiran.txt; }}" in lengkap.text("/nginx-alias.conf")
    assert f"/s/{code}/" not in lengkap.text("/sitemap.xml")


def test_the_body_s_list_travels_with_the_message(sample: Built) -> None:
    """The mobile recording's body says bring your KK, it is free, and when: all of it reaches the group."""
    text = message(sample, "/pengumuman/perekaman-ktp-el-keliling/")
    assert "Untuk: warga Kelurahan Loa Bakung dan Kelurahan Loa Buah\n" in text
    assert "- Bawa: Kartu Keluarga. Tidak perlu surat pengantar RT/RW.\n" in text
    assert "- Gratis, tanpa biaya apa pun.\n" in text and "- Tempat dan jadwal: " in text
    assert "Biaya: Gratis" not in text  # the body's list said it: once is enough
    assert "Persyaratan yang perlu dibawa" not in text


@pytest.mark.parametrize("url", ["/pengumuman/pindah-dalam-kota/", "/pengumuman/adminduk-gratis/"])
def test_linked_services_are_services_not_documents_to_bring(sample: Built, url: str) -> None:
    """'Pindah in the city needs no surat pindah' listed SKPWNI under things to bring."""
    text = message(sample, url)
    assert "dibawa" not in text and "\nLayanan terkait:\n" in text


def edited(tmp_path: Path, change, services: int = 0) -> Built:
    """The fixture with its full announcement changed by ``change``, and ``services`` more services."""
    content = tmp_path / "content"
    shutil.copytree(LENGKAP, content)
    second = (content / "layanan" / "kedua.md").read_text(encoding="utf-8")
    for n in range(services):
        text = second.replace("judul: Layanan Kedua", f"judul: Layanan Tambahan Nomor {n}")
        (content / "layanan" / f"tambahan-{n}.md").write_text(text, encoding="utf-8")
    path = content / "pengumuman" / "2026-11-01-semua.md"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return build_site(content, tmp_path / "output")


def test_a_link_in_staff_text_arrives_unaltered(tmp_path: Path) -> None:
    form = "https://docs.google.com/forms/d/e/1FAIpQLSf_Ab_cD~x/viewform?usp=sf_link"
    built = edited(tmp_path, lambda t: t.replace("ringkasan: Ringkasan pengumuman lengkap.",
                                                 f"ringkasan: Isi _formulir_ di {form} sebelum *Senin*."))  # fmt: skip
    text = message(built, ANNOUNCEMENT)
    assert f"Isi formulir di {form} sebelum Senin." in text


def test_eight_linked_services_and_a_long_summary_stay_within_the_limit(tmp_path: Path) -> None:
    services = "  - layanan-lengkap\n  - kedua\n" + "".join(f"  - tambahan-{n}\n" for n in range(6))
    summary = "Warga diminta datang membawa berkas lengkap. " * 70  # about 3,000 characters
    built = edited(tmp_path, lambda t: t.replace("layanan:\n  - layanan-lengkap\n", "layanan:\n" + services)
                   .replace("ringkasan: Ringkasan pengumuman lengkap.", f"ringkasan: {summary.strip()}"),
                   services=6)  # fmt: skip
    text = message(built, ANNOUNCEMENT)
    assert len(text) <= pesan.LIMIT
    assert text.endswith(f"Info resmi Kecamatan Contoh: {BASE}/s/{KODE}")  # the link always survives
    assert "Warga diminta datang" in text and "…" in text  # the summary, cut at a word


def test_any_number_of_items_is_capped_with_a_count(tmp_path: Path) -> None:
    many = "".join(f"  - judul: Lampiran nomor {n}\n    berkas: lampiran.txt\n" for n in range(40))
    built = edited(tmp_path, lambda t: t.replace("lampiran:\n  - judul: Lampiran Uji\n    berkas: lampiran.txt\n",
                                                 "lampiran:\n" + many))  # fmt: skip
    text = message(built, ANNOUNCEMENT)
    assert len(text) <= pesan.LIMIT
    assert re.search(r"\n- dan \d+ lainnya\n", text)


def test_the_share_link_opens_whatsapp_with_that_text(lengkap: Built, page, serve) -> None:
    page.goto(serve(lengkap) + ANNOUNCEMENT)
    href = page.get_by_role("link", name="Bagikan ke grup WhatsApp").get_attribute("href")
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/")
    assert parse_qs(parts.query)["text"][0] == page.locator("textarea.teks-pesan").input_value()


def test_the_copy_box_works_without_javascript(lengkap: Built, browser, serve) -> None:
    for javascript in (False, True):
        context = browser.new_context(java_script_enabled=javascript)
        tab = context.new_page()
        tab.goto(serve(lengkap) + ANNOUNCEMENT)
        box = tab.locator("textarea.teks-pesan")
        assert box.is_visible() and box.get_attribute("readonly") is not None
        assert tab.get_by_role("button", name="Salin pesan").is_visible() == javascript
        context.close()


@pytest.fixture
def long_announcement(tmp_path: Path) -> Built:
    content = tmp_path / "content"
    shutil.copytree(LENGKAP, content)
    summary = " ".join(f"Kalimat *penting* nomor {n} tentang _jadwal_ layanan." for n in range(60))
    path = content / "pengumuman" / "2026-11-01-semua.md"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("ringkasan: Ringkasan pengumuman lengkap.", f"ringkasan: {summary}")
        .replace("judul: Pengumuman Lengkap", "judul: Pengumuman *Lengkap* _sekali_"),
        encoding="utf-8",
    )
    return build_site(content, tmp_path / "output")


def test_a_long_message_stays_readable_on_a_phone(long_announcement: Built) -> None:
    text = message(long_announcement, ANNOUNCEMENT)
    assert len(text) <= pesan.LIMIT
    assert text.startswith("*Pengumuman Lengkap sekali*\n")  # staff's own marks cannot break the formatting
    assert text.count("*") == 2 and "_" not in text
    summary = text.split("\n\n")[1]
    assert summary.endswith("…") and "penting" in summary  # cut at a word, marked as cut
    assert text.endswith(f"{BASE}/s/{KODE}")  # the link always survives


def at(day: str) -> str:
    return str(int(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(12), ZoneInfo("Asia/Makassar")).timestamp()))


def test_the_weekly_digest_follows_the_build_clock_across_a_month(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    shutil.copytree(LENGKAP, content)
    for day, time, slug in (("2026-11-29", "23:00", "minggu-lalu"), ("2026-11-30", "07:00", "pekan-ini")):
        (content / "pengumuman" / f"{day}-{slug}.md").write_text(
            f"---\njudul: Pengumuman {slug}\ntanggal: {day} {time}\nkategori: Layanan\n---\nIsi {slug}.\n",
            encoding="utf-8",
        )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", at("2026-12-02"))  # a Wednesday: the week is 30 Nov - 6 Dec
    built = build_site(content, tmp_path / "output")
    soup = built.soup("/ringkasan/")
    assert "Senin, 30 November 2026 sampai Minggu, 6 Desember 2026" in soup.select_one(".lead").get_text()
    assert [a.get_text() for a in soup.select("#baru ~ ul a")] == ["Pengumuman pekan-ini"]
    # Events from now (2 Dec, 12.00) to 9 Dec: the all-day one on 7 Dec, not the one on 30 Nov.
    assert [a.get_text() for a in soup.select("#acara ~ ul a")] == ["Pengumuman Desa B"]
    text = message(built, "/ringkasan/")
    assert text.startswith("*Ringkasan pekan ini: Kecamatan Contoh*\n30 November 2026 sampai 6 Desember 2026\n")
    assert f"- Pengumuman pekan-ini: {BASE}/s/{routes.short_code('pengumuman', 'pekan-ini')}" in text
    assert text.endswith(f"Info resmi: {BASE}/ringkasan/")
    village = message(built, "/ringkasan/desa-a/")
    assert "Pengumuman Desa B" not in village  # desa-b's event is not desa-a's
    assert "Pengumuman pekan-ini" in village  # an announcement for every kelurahan is
    assert len(text) <= pesan.LIMIT


def test_short_links_survive_a_title_change_and_a_slug_change(project) -> None:
    """The code comes from the kind and the first slug: a new title keeps it, and so does a new slug with its alias."""
    project.edit("layanan/kedua.md", "judul: Layanan Kedua", "judul: Layanan Kedua yang Baru")
    project.edit(
        "layanan/kedua.md", "diperbarui: 2026-11-01", "diperbarui: 2026-11-01\nslug: kedua-baru\nalias:\n  - kedua"
    )
    project.edit("layanan/lengkap.md", "  - kedua\n", "  - kedua-baru\n")
    project.edit("layanan/lengkap.md", "(/layanan/kedua/)", "(/layanan/kedua-baru/)")
    project.edit("survei/2026.yaml", "ambang_sel: 3\n", 'ambang_sel: 3\nnama_lain:\n  "Layanan Kedua": kedua-baru\n')
    built = build_site(project.content, project.dir / "output")
    code = routes.short_code("layanan", "kedua")
    target = built.soup(f"/s/{code}/").find("a")["href"]
    assert target == "/layanan/kedua-baru/"
    codes = [p.name for p in (built.root / "s").iterdir()]
    assert len(codes) == len(set(codes)) == 2 + 4 + 1  # 2 services, 4 announcements, 1 attachment: no clash
    assert f"location = /s/{code} {{ return 301 /layanan/kedua-baru/; }}" in built.text("/nginx-alias.conf")


def test_the_check_page_tells_an_official_message_from_a_chain_message(lengkap: Built) -> None:
    text = lengkap.soup("/cek/").select_one("main").get_text(" ", strip=True)
    assert "https://kec-contoh.example.go.id/s/" in text and "kec-contoh.example.go.id" in text
    assert lengkap.soup("/cek/").find("a", href="https://www.lapor.go.id")  # where to report one


def test_a_photo_is_the_share_preview_of_its_announcement(project) -> None:
    from PIL import Image

    Image.new("RGB", (800, 420), "white").save(project.content / "berkas" / "foto.jpg")
    project.edit("pengumuman/2026-11-01-semua.md", "gambar: gambar.svg", "gambar: foto.jpg")
    built = build_site(project.content, project.dir / "output")
    meta = {m["property"]: m["content"] for m in built.soup(ANNOUNCEMENT).select("meta[property^='og:image']")}
    assert meta == {
        "og:image": f"{BASE}/berkas/foto.jpg",
        "og:image:width": "800",
        "og:image:height": "420",
        "og:image:alt": "Gambar uji",
    }
    # An SVG (which previews cannot show) and no picture at all keep the site's image.
    for url in ("/pengumuman/kecamatan/",):
        assert built.soup(url).find("meta", property="og:image")["content"] == f"{BASE}/theme/bagikan.png"


def test_the_digest_lists_an_event_once_and_stays_within_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    shutil.copytree(LENGKAP, content)
    (content / "pengumuman" / "2026-12-01-posyandu.md").write_text(
        "---\njudul: Posyandu Balita\ntanggal: 2026-12-01 07:00\nkategori: Layanan\n"
        "acara:\n  mulai: 2026-12-04 08:00\n---\nBawa buku KIA.\n",
        encoding="utf-8",
    )
    for n in range(30):
        (content / "pengumuman" / f"2026-11-30-banyak-{n}.md").write_text(
            f"---\njudul: Pengumuman pekan ini yang cukup panjang judulnya nomor {n}\ntanggal: 2026-11-30 07:00\n"
            "kategori: Layanan\n---\nIsi.\n",
            encoding="utf-8",
        )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", at("2026-12-02"))
    built = build_site(content, tmp_path / "output")
    text = message(built, "/ringkasan/")
    assert text.count("Posyandu Balita") == 1  # published this week and coming: listed once, as an event
    assert len(text) <= pesan.LIMIT and re.search(r"\n- dan \d+ lainnya\n", text)
    assert text.endswith(f"Info resmi: {BASE}/ringkasan/")
    assert "Posyandu Balita" in [a.get_text() for a in built.soup("/ringkasan/").select("#acara ~ ul a")]
    assert "Posyandu Balita" not in [a.get_text() for a in built.soup("/ringkasan/").select("#baru ~ ul a")]
