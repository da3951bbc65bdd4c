"""sitemap.xml and robots.txt."""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import Built

BASE = "https://kec-contoh.example.go.id"


def locs(built: Built) -> list[str]:
    return [loc.string for loc in BeautifulSoup(built.text("/sitemap.xml"), "xml").find_all("loc")]


def test_sitemap_lists_published_pages(lengkap: Built) -> None:
    urls = locs(lengkap)
    for url in (
        "/",
        "/layanan/",
        "/layanan/layanan-lengkap/",
        "/pengumuman/",
        "/pengumuman/kedaluwarsa/",
        "/kelurahan/desa-b/",
        "/info/",
    ):
        assert BASE + url in urls
    assert len(urls) == len(set(urls))


def test_sitemap_leaves_out_drafts_redirects_and_404(lengkap: Built) -> None:
    urls = locs(lengkap)
    assert not [u for u in urls if "rahasia" in u or "masa-depan" in u or "draf" in u]
    assert BASE + "/layanan/nama-lama/" not in urls
    assert BASE + "/404.html" not in urls


def test_sitemap_lastmod(lengkap: Built) -> None:
    soup = BeautifulSoup(lengkap.text("/sitemap.xml"), "xml")
    entry = soup.find("loc", string=BASE + "/layanan/layanan-lengkap/").parent
    assert entry.lastmod.string == "2026-11-15"


def test_robots_names_the_sitemap(lengkap: Built) -> None:
    assert f"Sitemap: {BASE}/sitemap.xml" in lengkap.text("/robots.txt").splitlines()
