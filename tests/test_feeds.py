"""RSS and Atom feeds: valid, complete, ordered, filtered, in WITA, with stable guids."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from checkers import parse

from conftest import LENGKAP, Built, build_site
from feedcheck import atom_problems, rss_problems

BASE = "https://kec-contoh.example.go.id"


@pytest.mark.parametrize("which", ["sample", "lengkap"])
def test_every_feed_is_structurally_valid(which: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(which)
    feeds = sorted(built.root.glob("feeds/**/*.xml"))
    assert len(feeds) >= 4
    for path in feeds:
        data = path.read_bytes()
        problems = atom_problems(data) if path.name.endswith(".atom.xml") else rss_problems(data)
        assert problems == [], (path, problems)


def test_checker_catches_broken_feeds() -> None:
    missing_description = b'<rss version="2.0"><channel><title>t</title><link>https://a.example/</link></channel></rss>'
    bad_date = (
        b'<rss version="2.0"><channel><title>t</title><link>https://a.example/</link><description>d</description>'
        b"<item><title>x</title><guid>1</guid><pubDate>2026-13-45</pubDate></item></channel></rss>"
    )
    assert rss_problems(missing_description)
    assert rss_problems(bad_date)
    assert atom_problems(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>')


def test_main_feed_items_newest_first_with_full_content(lengkap: Built) -> None:
    feed = parse(lengkap, "/feeds/pengumuman.xml")
    assert [e.link for e in feed.entries] == [
        f"{BASE}/pengumuman/wib/",
        f"{BASE}/pengumuman/pengumuman-lengkap/",
        f"{BASE}/pengumuman/kecamatan/",
        f"{BASE}/pengumuman/kedaluwarsa/",
    ]
    first_full = feed.entries[1]
    html = first_full.content[0].value
    assert f'href="{BASE}/layanan/layanan-lengkap/"' in html
    assert f'src="{BASE}/berkas/gambar.svg"' in html
    assert 'href="/' not in html and 'src="/' not in html
    assert first_full.summary == "Ringkasan pengumuman lengkap."
    assert feed.feed.link == f"{BASE}/pengumuman/"


def test_feed_times_are_wita(lengkap: Built) -> None:
    text = lengkap.text("/feeds/pengumuman.xml")
    assert "<pubDate>Sun, 01 Nov 2026 09:30:00 +0800</pubDate>" in text
    assert "<pubDate>Tue, 03 Nov 2026 11:00:00 +0800</pubDate>" in text  # written as 10:00 WIB
    assert "+0800" in text and "+0700" not in text and "+0000" not in text


def test_feed_dates_come_from_the_newest_item(lengkap: Built) -> None:
    rss = lengkap.text("/feeds/pengumuman.xml")
    assert "<lastBuildDate>Tue, 03 Nov 2026 11:00:00 +0800</lastBuildDate>" in rss
    atom = BeautifulSoup(lengkap.text("/feeds/pengumuman.atom.xml"), "xml")
    assert atom.feed.find("updated", recursive=False).string == "2026-11-03T11:00:00+08:00"
    changes = lengkap.text("/feeds/perubahan-layanan.xml")
    assert "<lastBuildDate>Sun, 15 Nov 2026 00:00:00 +0800</lastBuildDate>" in changes


def test_atom_feed_matches_rss(lengkap: Built) -> None:
    rss = parse(lengkap, "/feeds/pengumuman.xml")
    atom = parse(lengkap, "/feeds/pengumuman.atom.xml")
    assert [e.id for e in atom.entries] == [e.id for e in rss.entries]
    assert atom.feed.id == f"{BASE}/feeds/pengumuman.atom.xml"
    self_links = [link.href for link in atom.feed.links if link.rel == "self"]
    assert self_links == [f"{BASE}/feeds/pengumuman.atom.xml"]


def test_kelurahan_feed_has_its_own_and_kecamatan_wide_items(lengkap: Built) -> None:
    desa_a = [e.link for e in parse(lengkap, "/feeds/kelurahan/desa-a.xml").entries]
    assert desa_a == [
        f"{BASE}/pengumuman/pengumuman-lengkap/",
        f"{BASE}/pengumuman/kecamatan/",
        f"{BASE}/pengumuman/kedaluwarsa/",
    ]
    desa_b = [e.link for e in parse(lengkap, "/feeds/kelurahan/desa-b.xml").entries]
    assert desa_b == [f"{BASE}/pengumuman/wib/", f"{BASE}/pengumuman/kecamatan/", f"{BASE}/pengumuman/kedaluwarsa/"]


def test_changes_feed_has_one_item_per_riwayat_entry(lengkap: Built) -> None:
    feed = parse(lengkap, "/feeds/perubahan-layanan.xml")
    assert [e.summary for e in feed.entries] == ["Waktu layanan dipersingkat.", "Persyaratan surat kuasa ditambahkan."]
    assert {e.link for e in feed.entries} == {f"{BASE}/layanan/layanan-lengkap/#riwayat"}


def test_drafts_and_future_items_are_in_no_feed(lengkap: Built) -> None:
    for path in lengkap.root.glob("feeds/**/*.xml"):
        text = path.read_text(encoding="utf-8")
        assert "Rahasia" not in text and "rahasia" not in text, path


def test_feed_holds_the_newest_50(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(LENGKAP, content)
    for n in range(60):
        day = f"2026-06-{n % 28 + 1:02d} {n % 24:02d}:00"
        (content / "pengumuman" / f"banyak-{n}.md").write_text(
            f"---\njudul: Banyak {n}\ntanggal: {day}\nkategori: Kegiatan\n---\nIsi.\n", encoding="utf-8"
        )
    built = build_site(content, tmp_path / "output")
    entries = parse(built, "/feeds/pengumuman.xml").entries
    assert len(entries) == 50
    assert entries[0].link == f"{BASE}/pengumuman/wib/"
    published = [e.published_parsed for e in entries]
    assert published == sorted(published, reverse=True)


def test_guid_survives_a_slug_change(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(LENGKAP, content)
    before = {e.title: e.id for e in parse(build_site(content, tmp_path / "a"), "/feeds/pengumuman.xml").entries}
    page = content / "pengumuman" / "2026-11-03-wib.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "kategori: Kegiatan", "kategori: Kegiatan\nslug: desa-b-baru\nalias:\n  - wib"
        ),
        encoding="utf-8",
    )
    after_build = build_site(content, tmp_path / "b")
    after = {e.title: e.id for e in parse(after_build, "/feeds/pengumuman.xml").entries}
    assert after == before
    assert after_build.exists("/pengumuman/desa-b-baru/")
    assert after_build.exists("/pengumuman/wib/")  # the old address redirects


def test_attachments_and_images_are_enclosed(lengkap: Built) -> None:
    """Atom links every attachment and the image; RSS carries one enclosure (the image)."""
    sizes = {name: (lengkap.root / "berkas" / name).stat().st_size for name in ("lampiran.txt", "gambar.svg")}
    base = "https://kec-contoh.example.go.id/berkas/"
    atom = feedparser.parse(lengkap.text("/feeds/pengumuman.atom.xml"))
    entry = next(e for e in atom.entries if e.link.endswith("/pengumuman/pengumuman-lengkap/"))
    assert [(link.href, int(link.length), link.type) for link in entry.enclosures] == [
        (base + "lampiran.txt", sizes["lampiran.txt"], "text/plain"),
        (base + "gambar.svg", sizes["gambar.svg"], "image/svg+xml"),
    ]
    rss = feedparser.parse(lengkap.text("/feeds/pengumuman.xml"))
    item = next(e for e in rss.entries if e.link.endswith("/pengumuman/pengumuman-lengkap/"))
    assert [(e.href, int(e.length), e.type) for e in item.enclosures] == [
        (base + "gambar.svg", sizes["gambar.svg"], "image/svg+xml")
    ]
    others = [e for e in rss.entries if not e.link.endswith("/pengumuman/pengumuman-lengkap/")]
    assert all(not e.enclosures for e in others)


def test_a_channel_description_is_escaped_like_its_items(tmp_path: Path) -> None:
    """A kelurahan's name with markup reached the channel's <description> escaped once, its items' twice."""
    content = tmp_path / "content"
    shutil.copytree(LENGKAP, content)
    village = content / "kelurahan" / "desa-a.md"
    village.write_text(village.read_text().replace("nama: Kelurahan Desa A", 'nama: "Desa <b>A</b> & B"'))
    shutil.rmtree(content / "survei")  # its answers name the kelurahan as it was
    built = build_site(content, tmp_path / "output")
    channel = BeautifulSoup(built.path("/feeds/kelurahan/desa-a.xml").read_bytes(), "xml").find("channel")
    description = channel.find("description", recursive=False).get_text()
    assert description == "Pengumuman untuk Desa &lt;b&gt;A&lt;/b&gt; &amp; B dan seluruh Kecamatan Contoh"
    # A reader takes it as HTML, which shows the name as typed, not in bold.
    assert feedparser.parse(built.path("/feeds/kelurahan/desa-a.xml").read_bytes()).feed.subtitle == description
