"""The built site: every page type, its sections, links, drafts and scheduling."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from conftest import LENGKAP, SAMPLE, Built, build_site, snapshot


def test_every_url_of_the_design_exists(lengkap: Built) -> None:
    for url in [
        "/",
        "/layanan/",
        "/layanan/layanan-lengkap/",
        "/layanan/kedua/",
        "/pengumuman/",
        "/pengumuman/pengumuman-lengkap/",
        "/kelurahan/",
        "/kelurahan/desa-a/",
        "/info/",
        "/tanpa-menu/",
        "/feeds/pengumuman.xml",
        "/feeds/pengumuman.atom.xml",
        "/feeds/kelurahan/desa-a.xml",
        "/feeds/perubahan-layanan.xml",
        "/api/layanan.json",
        "/berkas/formulir-a.pdf",
        "/sitemap.xml",
        "/robots.txt",
        "/404.html",
        "/theme/css/situs.css",
    ]:
        assert lengkap.exists(url), url


def test_no_pelican_default_outputs(lengkap: Built) -> None:
    names = {p.relative_to(lengkap.root).as_posix() for p in lengkap.root.rglob("*")}
    for unwanted in ("archives.html", "tags.html", "categories.html", "authors.html", "feeds/all.atom.xml"):
        assert unwanted not in names
    assert not any(n.startswith(("category/", "tag/", "author/", "drafts/")) for n in names)
    assert [n for n in names if n.endswith("index.html") and "/" not in n] == ["index.html"]


def test_each_page_has_one_h1_lang_and_landmarks(lengkap: Built) -> None:
    for path in lengkap.html_files():
        soup = lengkap.soup("/" + path.relative_to(lengkap.root).as_posix())
        assert soup.html["lang"] == "id", path
        assert len(soup.find_all("h1")) == 1, path
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue
        assert soup.find("main", id="isi"), path
        assert soup.select_one('a.skip[href="#isi"]'), path
        assert soup.find("nav"), path
        assert soup.find("footer"), path


def test_every_page_advertises_the_main_feeds(lengkap: Built) -> None:
    for url in ("/", "/layanan/layanan-lengkap/", "/pengumuman/", "/info/", "/404.html"):
        links = {(link["type"], link["href"]) for link in lengkap.soup(url).select('link[rel="alternate"]')}
        assert ("application/rss+xml", "/feeds/pengumuman.xml") in links
        assert ("application/atom+xml", "/feeds/pengumuman.atom.xml") in links
        assert ("application/rss+xml", "/feeds/perubahan-layanan.xml") in links


def test_home_sections(lengkap: Built) -> None:
    soup = lengkap.soup("/")
    popular = [a["href"] for a in soup.select("#populer ~ ul a")]
    assert popular == ["/layanan/layanan-lengkap/"]
    pinned = [a["href"] for a in soup.select("#penting ~ ul > li > a")]
    assert pinned == ["/pengumuman/pengumuman-lengkap/"]
    latest = [a["href"] for a in soup.select("#terbaru ~ ul > li > a")]
    assert latest == ["/pengumuman/wib/", "/pengumuman/kecamatan/", "/pengumuman/kedaluwarsa/"]
    assert [a["href"] for a in soup.select("#kelurahan ~ ul a")] == ["/kelurahan/desa-a/", "/kelurahan/desa-b/"]
    footer = soup.find("footer").get_text(" ")
    assert "Jalan Contoh Nomor 1" in footer and "Senin-Jumat 08.00-15.00" in footer


def test_services_grouped_by_category_in_situs_order(lengkap: Built) -> None:
    soup = lengkap.soup("/layanan/")
    headings = [h.get_text() for h in soup.select("section > h2")]
    assert headings == ["Administrasi Kependudukan", "Umum"]
    assert [a["href"] for a in soup.select("section ul a")] == ["/layanan/layanan-lengkap/", "/layanan/kedua/"]


def test_service_page_sections_in_design_order(lengkap: Built) -> None:
    soup = lengkap.soup("/layanan/layanan-lengkap/")
    article = soup.find("article")
    order = [el.get("id") or el.name for el in article.find_all(["h1", "h2"])]
    assert order == [
        "h1",
        "persyaratan",
        "prosedur",
        "ajukan",
        "produk",
        "formulir",
        "catatan",
        "berikutnya",
        "pengumuman-terkait",
        "dasar-hukum",
        "kepuasan",
        "ketepatan",
        "bagikan",
        "pengaduan",
        "riwayat",
    ]
    assert article.find("p", class_="lead").get_text() == "Layanan yang memakai setiap kunci."
    facts = {
        dt.get_text(): dd.get_text(" ", strip=True)
        for dt, dd in zip(article.select(".fakta dt"), article.select(".fakta dd"), strict=True)
    }
    assert facts == {
        "Biaya": "Gratis",
        "Waktu": "1 hari kerja",
        "Cara mengajukan": "WhatsApp, Datang ke loket, Daring (online)",
        "Boleh diwakilkan": "Tidak, pemohon harus datang sendiri",
        "Tempat": "Loket 2, Kantor Kecamatan Contoh",
    }


def test_service_requirements_are_a_checklist(lengkap: Built) -> None:
    soup = lengkap.soup("/layanan/layanan-lengkap/")
    items = soup.select("ul.ceklis li")
    assert len(items) == 3
    for item in items:
        box = item.find("input", type="checkbox")
        assert item.find("label", attrs={"for": box["id"]})
    assert "Kartu Keluarga (2 lembar)" in items[1].get_text()
    assert "Fotokopi." in items[1].get_text()
    assert "(bila ada)" in items[2].get_text()
    assert [li.get_text() for li in soup.select("ol.langkah:not(.berikutnya) li")] == [
        "Isi formulir.",
        "Serahkan ke loket.",
    ]


def test_service_request_links(lengkap: Built) -> None:
    soup = lengkap.soup("/layanan/layanan-lengkap/")
    whatsapp = soup.find("a", string="Ajukan lewat WhatsApp")
    url = urlsplit(whatsapp["href"])
    assert (url.scheme, url.netloc, url.path) == ("https", "wa.me", "/628115550001")
    assert "Layanan Lengkap" in parse_qs(url.query)["text"][0]
    assert soup.find("a", string="Ajukan secara daring")["href"] == "https://daring.example.go.id/ajukan"
    assert soup.select_one('#ajukan ~ p a[href^="tel:"], .ajukan a[href^="tel:"]')["href"] == "tel:+62541700100"


def test_service_without_whatsapp_has_no_whatsapp_button(lengkap: Built) -> None:
    soup = lengkap.soup("/layanan/kedua/")
    assert soup.find("a", string="Ajukan lewat WhatsApp") is None
    assert "Rp50.000" in soup.select_one(".fakta").get_text()


def test_service_links_next_steps_and_announcements(lengkap: Built) -> None:
    soup = lengkap.soup("/layanan/layanan-lengkap/")
    assert [a["href"] for a in soup.select("ol.langkah-langkah a")] == ["/layanan/kedua/"]
    numbers = [n.get_text() for n in soup.select("ol.langkah-langkah .nomor")]
    assert numbers == ["1", "2"]
    assert [a["href"] for a in soup.select("#pengumuman-terkait ~ ul > li > a")] == ["/pengumuman/pengumuman-lengkap/"]
    assert soup.find("a", string="Formulir A")["href"] == "/berkas/formulir-a.pdf"
    assert "15 November 2026" in soup.select_one("#riwayat").parent.get_text()


def test_announcement_links_kelurahan_and_services(lengkap: Built) -> None:
    soup = lengkap.soup("/pengumuman/pengumuman-lengkap/")
    hrefs = [a["href"] for a in soup.find("article").find_all("a")]
    assert "/kelurahan/desa-a/" in hrefs
    assert "/layanan/layanan-lengkap/" in hrefs
    assert "/berkas/lampiran.txt" in hrefs
    assert soup.find("img", src="/berkas/gambar.svg")["alt"] == "Gambar uji"
    assert "Minggu, 1 November 2026, 09.30 WITA" in soup.select_one(".meta").get_text()
    assert "Berlaku sampai Kamis, 31 Desember 2026" in soup.get_text()


def test_announcement_in_another_zone_is_shown_in_site_time(lengkap: Built) -> None:
    assert "Selasa, 3 November 2026, 11.00 WITA" in lengkap.soup("/pengumuman/wib/").get_text()


def test_kecamatan_wide_announcement(lengkap: Built) -> None:
    assert "Untuk seluruh Kecamatan Contoh" in lengkap.soup("/pengumuman/kecamatan/").get_text(" ")


def test_announcement_list_newest_first_pinned_on_top(lengkap: Built) -> None:
    soup = lengkap.soup("/pengumuman/")
    assert [a["href"] for a in soup.select("#penting ~ ul > li > a")] == ["/pengumuman/pengumuman-lengkap/"]
    assert [a["href"] for a in soup.select("#semua ~ ul > li > a")] == [
        "/pengumuman/wib/",
        "/pengumuman/kecamatan/",
        "/pengumuman/kedaluwarsa/",
    ]


def test_expired_announcement_is_marked_and_not_pinned(lengkap: Built) -> None:
    item = lengkap.soup("/pengumuman/").find("a", href="/pengumuman/kedaluwarsa/").parent
    assert "lewat" in item["class"] and "Sudah berakhir" in item.get_text()
    page = lengkap.soup("/pengumuman/kedaluwarsa/")
    assert "Sudah berakhir" in page.select_one(".catatan").get_text()
    assert (
        lengkap.soup("/").find("a", href="/pengumuman/kedaluwarsa/").parent.find_parent("section").h2["id"] == "terbaru"
    )


def test_drafts_and_future_announcements_appear_nowhere(lengkap: Built) -> None:
    everything = lengkap.all_text()
    for secret in ("Draf Rahasia", "Masa Depan Rahasia", "Perubahan draf rahasia", "/rahasia/", "masa-depan"):
        assert secret not in everything, secret
    assert not lengkap.exists("/layanan/rahasia/")
    assert not lengkap.exists("/pengumuman/masa-depan/")
    assert not lengkap.exists("/pengumuman/draf/")
    assert not lengkap.exists("/rahasia/")


def test_future_announcement_appears_once_its_time_comes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1799107200")  # 2027-01-05 08:00 WITA
    built = build_site(LENGKAP, tmp_path / "output")
    assert built.exists("/pengumuman/masa-depan/")
    assert built.soup("/pengumuman/").select("#semua ~ ul > li > a")[0]["href"] == "/pengumuman/masa-depan/"
    # the pinned announcement ended on 31 December: no longer pinned
    assert not built.soup("/pengumuman/").select("#penting")


def test_kelurahan_pages(lengkap: Built) -> None:
    index = lengkap.soup("/kelurahan/")
    assert [a["href"] for a in index.select("main ul a")] == ["/kelurahan/desa-a/", "/kelurahan/desa-b/"]
    desa_a = lengkap.soup("/kelurahan/desa-a/")
    assert [a["href"] for a in desa_a.select("#pengumuman-kelurahan ~ ul > li > a")] == [
        "/pengumuman/pengumuman-lengkap/",
        "/pengumuman/kecamatan/",
        "/pengumuman/kedaluwarsa/",
    ]
    assert desa_a.select_one('link[rel="alternate"][href="/feeds/kelurahan/desa-a.xml"]')
    assert desa_a.find("a", href="tel:+62541700200")
    desa_b = lengkap.soup("/kelurahan/desa-b/")
    assert "/pengumuman/wib/" in [a["href"] for a in desa_b.select("#pengumuman-kelurahan ~ ul > li > a")]
    assert "/pengumuman/pengumuman-lengkap/" not in [
        a["href"] for a in desa_b.select("#pengumuman-kelurahan ~ ul > li > a")
    ]


def test_menu_pages_in_navigation(lengkap: Built) -> None:
    nav = [a["href"] for a in lengkap.soup("/").select("header nav a")]
    assert nav == ["/layanan/", "/pengumuman/", "/kelurahan/", "/info/"]
    assert lengkap.soup("/info/").select_one('header nav a[aria-current="page"]')["href"] == "/info/"


def test_alias_redirects(lengkap: Built) -> None:
    for old, new in (
        ("/layanan/nama-lama/", "/layanan/layanan-lengkap/"),
        ("/pengumuman/pengumuman-lama/", "/pengumuman/pengumuman-lengkap/"),
    ):
        soup = lengkap.soup(old)
        assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={new}"
        assert soup.find("link", rel="canonical")["href"] == f"https://kec-contoh.example.go.id{new}"
        assert soup.find("a", href=new)


def test_404_page(lengkap: Built) -> None:
    soup = lengkap.soup("/404.html")
    assert soup.h1.get_text() == "Halaman tidak ditemukan"
    assert soup.find("a", href="/layanan/")


def test_canonical_is_absolute_and_other_links_root_relative(lengkap: Built) -> None:
    soup = lengkap.soup("/layanan/kedua/")
    assert soup.find("link", rel="canonical")["href"] == "https://kec-contoh.example.go.id/layanan/kedua/"
    for path in lengkap.html_files():
        soup = lengkap.soup("/" + path.relative_to(lengkap.root).as_posix())
        for tag in soup.find_all(["a", "link", "img", "script"]):
            ref = tag.get("href") or tag.get("src") or ""
            if ref.startswith("https://kec-contoh.example.go.id"):
                assert tag.name == "link" and tag["rel"] == ["canonical"], (path, ref)


def internal_refs(built: Built) -> list[tuple[str, str]]:
    refs = []
    for path in built.html_files():
        soup = built.soup("/" + path.relative_to(built.root).as_posix())
        for tag in soup.find_all(["a", "link", "img", "script"]):
            ref = tag.get("href") or tag.get("src")
            if ref and ref.startswith("/"):
                refs.append((path.relative_to(built.root).as_posix(), unquote(ref.split("#")[0])))
    return refs


@pytest.mark.parametrize("which", ["sample", "lengkap"])
def test_every_internal_link_resolves(which: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(which)
    refs = internal_refs(built)
    assert len(refs) > 100
    broken = [(page, ref) for page, ref in refs if not built.exists(ref)]
    assert broken == []


def test_pagination(tmp_path: Path) -> None:
    content = tmp_path / "content"
    import shutil

    shutil.copytree(LENGKAP, content)
    for day in range(1, 24):
        (content / "pengumuman" / f"2026-07-{day:02d}-arsip-{day}.md").write_text(
            f"---\njudul: Arsip {day}\ntanggal: 2026-07-{day:02d}\nkategori: Kegiatan\n---\nIsi {day}.\n",
            encoding="utf-8",
        )
    built = build_site(content, tmp_path / "output")
    # 1 pinned + 26 others at 10 a page: /pengumuman/, /halaman/2/, /halaman/3/
    first = built.soup("/pengumuman/")
    assert len(first.select("#semua ~ ul > li")) == 10
    assert first.find("a", rel="next")["href"] == "/pengumuman/halaman/2/"
    second = built.soup("/pengumuman/halaman/2/")
    assert not second.select("#penting")
    assert second.find("a", rel="prev")["href"] == "/pengumuman/"
    third = built.soup("/pengumuman/halaman/3/")
    assert len(third.select("#semua ~ ul > li")) == 6
    assert third.find("a", rel="next") is None
    assert not built.exists("/pengumuman/halaman/4/")
    dates = [
        t["datetime"]
        for url in ("/pengumuman/", "/pengumuman/halaman/2/", "/pengumuman/halaman/3/")
        for t in built.soup(url).select("#semua ~ ul time")
    ]
    assert dates == sorted(dates, reverse=True)


def test_two_builds_at_the_same_clock_are_identical(tmp_path: Path) -> None:
    first = build_site(SAMPLE, tmp_path / "a", CACHE_PATH=str(tmp_path / "cache-a"))
    second = build_site(SAMPLE, tmp_path / "b", CACHE_PATH=str(tmp_path / "cache-b"))  # parsed again, not reused
    assert snapshot(first.root) == snapshot(second.root)


def test_dates_are_indonesian(sample: Built) -> None:
    text = sample.soup("/pengumuman/perekaman-ktp-el-keliling/").get_text(" ")
    assert "Senin, 2 November 2026, 08.00 WITA" in text
    assert re.search(r"Berlaku sampai Kamis, 31 Desember 2026", text)


def test_sample_placeholders_are_shown_as_unfinished(sample: Built) -> None:
    soup = sample.soup("/layanan/ktp-el-baru/")
    assert soup.select_one(".belum-selesai")
    marks = [m.get_text() for m in soup.select("mark.isi")]
    assert any(m.startswith("[ISI: alamat lengkap kantor") for m in marks)
    assert soup.find("a", string="Ajukan lewat WhatsApp") is None  # no invented number


def test_sample_has_the_required_content(sample: Built) -> None:
    assert len(sample.soup("/kelurahan/").select("main ul a")) == 7
    services = sample.soup("/layanan/").select("section ul > li > a")
    assert len(services) >= 12
    announcements = sample.soup("/pengumuman/").select("main ul > li > a")
    assert len(announcements) >= 6
    for page in ("/tentang/", "/kontak/", "/pengaduan/", "/langganan/"):
        assert sample.exists(page)
    assert sample.soup("/pengaduan/").find("a", href="https://www.lapor.go.id")


@pytest.mark.pango
def test_production_build_has_every_url_and_no_broken_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import PUBLISH_SETTINGS

    monkeypatch.setenv("SITEURL", "https://uji.example.go.id")
    built = build_site(LENGKAP, tmp_path / "output", settings=PUBLISH_SETTINGS)
    for url in (
        "/",
        "/layanan/",
        "/pengumuman/",
        "/kelurahan/",
        "/feeds/pengumuman.xml",
        "/api/layanan.json",
        "/sitemap.xml",
    ):
        assert built.exists(url), url
    assert not [(page, ref) for page, ref in internal_refs(built) if not built.exists(ref)]
    assert built.soup("/").find("link", rel="canonical")["href"] == "https://uji.example.go.id/"
    assert "https://uji.example.go.id/layanan/kedua/" in built.text("/sitemap.xml")


def test_check_lists_every_placeholder(project) -> None:
    project.edit("layanan/kedua.md", "produk: Surat keterangan", 'produk: "[ISI: nama produk]"')
    code, output = project.check()
    assert code == 0, output
    assert "content/layanan/kedua.md:11: produk: masih berisi [ISI: ...]; lengkapi sebelum terbit" in output
    assert "Masih ada 1 isian [ISI: ...]" in output


def test_whether_someone_else_may_apply_is_said_only_when_staff_wrote_it(sample: Built, lengkap: Built) -> None:
    """No default promise: 'Boleh diwakilkan: Ya' on a service nobody checked could send the wrong person."""

    def said(built: Built, url: str) -> str | None:
        term = built.soup(url).find("dt", string="Boleh diwakilkan")
        return term.find_next_sibling("dd").get_text() if term else None

    assert said(lengkap, "/layanan/layanan-lengkap/") == "Tidak, pemohon harus datang sendiri"  # wajib_datang: true
    assert said(sample, "/layanan/sku/") is None  # not written
