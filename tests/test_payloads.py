"""Every front-matter value is untrusted text: a site whose every text field holds markup shows it literally.

The fixture puts a set of payloads (markup, attribute breakers, script closers,
a comment opener, a meta refresh, ``javascript:``) behind a numbered marker in
every text field of every kind of file, situs.yaml included. The site is built
with production settings and served; Chromium visits every page listening for
dialogs, navigations and requests to other hosts, and each marker must be
followed by the payloads exactly as typed wherever it shows. The Nu HTML
Checker must find no error in any page.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import EPOCH, LENGKAP, PUBLISH_SETTINGS, ROOT, Built, build_site
from layanan.content import skm

PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(2)>',
    "</script><script>alert(3)//",
    "<!--<script>",
    "<meta http-equiv=refresh content=0;url=//jahat.example>",
    "javascript:alert(4)",
    "x'y&amp;",
)
PAYLOAD = "".join(PAYLOADS)
MARKER = re.compile(r"Q(\d+)Q")
# A file name may carry markup too (it ends up in href and src attributes).
FILE_NAME = 'x" onerror="alert(9)<b>.txt'
IMAGE_NAME = "gambar '<i>.svg"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class Values:
    """Hands out text values, each a fresh marker followed by every payload."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f"Q{self.count}Q{PAYLOAD}"


def front_matter(data: dict, body: str = "") -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body


def write_fixture(content: Path) -> int:
    """The payload site; returns how many text fields carry the payloads."""
    v = Values()
    (content / "berkas").mkdir(parents=True)
    (content / "berkas" / FILE_NAME).write_text("lampiran\n", encoding="utf-8")
    shutil.copy(LENGKAP / "berkas" / "gambar.svg", content / "berkas" / IMAGE_NAME)
    service_category, free_category, news_category = v(), v(), v()
    situs = {
        "nama": v(),
        "kota": v(),
        "provinsi": v(),
        "url": "https://kec-contoh.example.go.id",
        "alamat": v(),
        "telepon": "0541 700100 " + v(),
        "whatsapp": "628115550001",
        "email": "layanan@kec-contoh.example.go.id",
        "jam_layanan": v(),
        "zona_waktu": "Asia/Makassar",
        "kategori_layanan": [service_category, free_category],
        "kategori_pengumuman": [news_category],
        "kategori_gratis": [free_category],
        "pengaduan": [{"judul": v(), "url": "https://www.lapor.go.id"}],
        "survei": "https://survei.kec-contoh.example.go.id/skm",
        "tautan": [{"judul": v(), "url": "https://disdukcapil.example.go.id/?a=1&b=2"}],
        "standar": {
            **{name: [v()] for name in ("sarana", "kompetensi_pelaksana", "pengawasan_internal", "jumlah_pelaksana",
                                        "jaminan_pelayanan", "jaminan_keamanan", "evaluasi_kinerja")},
            "keputusan": {"nomor": v(), "tanggal": "2026-01-02", "penandatangan": v(), "jabatan": v(), "nip": v()},
            "berlaku_sejak": "2026-01-02",
        },
        "maklumat": {"teks": v(), "penandatangan": v(), "jabatan": v()},
    }  # fmt: skip
    (content / "situs.yaml").write_text(yaml.safe_dump(situs, allow_unicode=True), encoding="utf-8")
    body = (
        f"Paragraf pertama dengan kode `{PAYLOADS[0]}` dan teks {PAYLOADS[1]}.\n\n"
        f'## Bagian {PAYLOADS[1]}\n\n<script>alert(5)</script><a href="javascript:alert(6)">x</a>\n'
    )
    services = {
        "satu": {
            "judul": v(),
            "kategori": service_category,
            "ringkasan": v(),
            "persyaratan": [v(), {"dokumen": v(), "jumlah": v(), "keterangan": v(), "opsional": True}],
            "prosedur": [v(), v()],
            "waktu": v(),
            "biaya": v(),
            "produk": v(),
            "kanal": ["whatsapp", "loket", "daring"],
            "tautan_daring": "https://daring.example.go.id/ajukan?x=1&y=2",
            "diperbarui": "2026-11-01",
            "tempat": v(),
            "wajib_datang": True,
            "penerbit": v(),
            "terkait": ["dua"],
            "dasar_hukum": [v()],
            "formulir": [{"judul": v(), "berkas": FILE_NAME}],
            "kata_kunci": [v(), v()],
            "riwayat": [{"tanggal": "2026-10-01", "perubahan": v()}],
            "populer": True,
            "konsultasi": {"mulai": "2026-11-20", "selesai": "2026-12-10", "catatan": v()},
            "alias": ["satu-lama"],
        },
        "dua": {
            "judul": v(),
            "kategori": free_category,
            "ringkasan": v(),
            "persyaratan": [v()],
            "prosedur": [v()],
            "waktu": v(),
            "biaya": 0,
            "produk": v(),
            "kanal": ["loket"],
            "diperbarui": "2026-11-01",
        },
    }
    for slug, data in services.items():
        (content / "layanan").mkdir(exist_ok=True)
        (content / "layanan" / f"{slug}.md").write_text(front_matter(data, body), encoding="utf-8")
    (content / "kelurahan").mkdir()
    village = {"nama": v(), "alamat": v(), "telepon": v(), "email": "desa@kec-contoh.example.go.id"}
    village |= {"whatsapp": "628115550002", "jam_layanan": v(), "koordinat": {"lat": -0.5, "lon": 117.1}}
    (content / "kelurahan" / "desa.md").write_text(front_matter(village, body), encoding="utf-8")
    (content / "pengumuman").mkdir()
    announcements = {
        "2026-11-10-ringkas.md": {
            "judul": v(),
            "tanggal": "2026-11-10 09:00",
            "kategori": news_category,
            "ringkasan": v(),
            "kelurahan": ["desa"],
            "layanan": ["satu"],
            "penting": True,
            "berlaku_hingga": "2026-12-31",
            "lampiran": [{"judul": v(), "berkas": FILE_NAME}],
            "gambar": IMAGE_NAME,
            "gambar_alt": v(),
            "acara": {"mulai": "2026-11-30 08:00", "tempat": v()},
        },
        # No ringkasan: the summary comes from the first paragraph, code span included.
        "2026-11-11-otomatis.md": {"judul": v(), "tanggal": "2026-11-11", "kategori": news_category},
    }
    # A survey: what respondents typed (a profile answer) and what staff wrote are text too.
    (content / "survei").mkdir()
    elements = [f"U{n}" for n in range(1, 10)]
    survey = {"judul": v(), "mulai": "2026-07-01", "selesai": "2026-10-31", "metode": v(),
              "unsur": dict(zip(skm.ELEMENTS, elements, strict=True)), "kolom": {"pekerjaan": "Pekerjaan"},
              "ambang_sel": 1, "tindak_lanjut": [v()]}  # fmt: skip
    (content / "survei" / "2026.yaml").write_text(yaml.safe_dump(survey, allow_unicode=True), encoding="utf-8")
    with (content / "survei" / "2026.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([[*elements, "Pekerjaan"], [*"343434343", v()]])
    for name, data in announcements.items():
        (content / "pengumuman" / name).write_text(front_matter(data, body), encoding="utf-8")
    (content / "halaman").mkdir()
    page = {"judul": v(), "ringkasan": v(), "menu": 1}
    (content / "halaman" / "info.md").write_text(front_matter(page, body), encoding="utf-8")
    return v.count


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, int]:
    content = tmp_path_factory.mktemp("payloads") / "content"
    fields = write_fixture(content)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.delenv("SITEURL", raising=False)
        return build_site(content, content.parent / "output", PUBLISH_SETTINGS), fields


def literal_everywhere(text: str, where: str, shortened: bool = False) -> set[int]:
    """Every marker in ``text`` is followed by the payloads exactly as typed; returns the markers.

    With ``shortened`` (a WhatsApp message fits a summary to its length) the payload may stop early at "…".
    """
    found = set()
    for match in MARKER.finditer(text):
        shown = text[match.end() : match.end() + len(PAYLOAD)]
        cut = shortened and "…" in shown and PAYLOAD.startswith(shown.split("…")[0])
        assert shown == PAYLOAD or cut, f"{where}: field Q{match.group(1)}Q shows {shown!r}"
        found.add(int(match.group(1)))
    return found


def strings(data: object) -> list[str]:
    if isinstance(data, dict):
        return [s for v in data.values() for s in strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in strings(v)]
    return [data] if isinstance(data, str) else []


def test_every_value_is_text_in_every_page(payload_site: tuple[Built, int]) -> None:
    built, fields = payload_site
    seen: set[int] = set()
    pages = [p for p in built.html_files() if "pagefind" not in p.parts]
    for path in pages:
        where = str(path.relative_to(built.root))
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        scripts = soup.find_all("script")
        for script in scripts:
            if script.get("type") == "application/ld+json":
                for value in strings(json.loads(script.string)):
                    seen |= literal_everywhere(value, f"{where} JSON-LD")
            else:
                assert script.get("src", "").startswith("/theme/"), f"{where}: {script}"
            script.decompose()
        assert not soup.find_all(["svg", "img", "meta"], onload=True)
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.startswith("on")], f"{where}: {tag}"
            for attribute in ("href", "src", "action"):
                assert not tag.get(attribute, "").lower().startswith("javascript"), f"{where}: {tag}"
        refreshes = soup.find_all("meta", attrs={"http-equiv": True})
        assert all(m.get("content", "").startswith("0; url=/") for m in refreshes), f"{where}: {refreshes}"
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                if name not in ("href", "src") and isinstance(value, str):
                    seen |= literal_everywhere(value, f"{where} {tag.name}[{name}]")
        for box in soup.select(".teks-pesan"):  # a WhatsApp message: text too, its summary fitted to a phone
            seen |= literal_everywhere(box.get_text(), f"{where} pesan", shortened=True)
            box.decompose()
        seen |= literal_everywhere(soup.get_text(), where)
    assert seen == set(range(1, fields + 1)), f"never shown: {set(range(1, fields + 1)) - seen}"


def test_feeds_and_open_data_carry_the_values_as_text(payload_site: tuple[Built, int]) -> None:
    import feedparser

    built, _ = payload_site
    for feed_path in ("/feeds/pengumuman.xml", "/feeds/pengumuman.atom.xml", "/feeds/perubahan-layanan.xml"):
        feed = feedparser.parse(built.text(feed_path))
        assert not feed.bozo, feed_path
        for entry in feed.entries:
            # RSS descriptions are HTML: the text escaped once more, so a reader shows it as text.
            summary = BeautifulSoup(entry.summary, "html.parser").get_text()
            literal_everywhere(summary, f"{feed_path} summary")
    from xml.etree import ElementTree

    rss = ElementTree.fromstring(built.text("/feeds/pengumuman.xml"))
    for item in rss.iter("item"):
        literal_everywhere(item.findtext("title"), "RSS title")  # plain text
        assert "<img" not in item.findtext("description")  # HTML whose text is escaped
        content = BeautifulSoup(item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded"), "html.parser")
        assert not content.find_all(["script", "img", "svg", "meta"])
        assert not [a for tag in content.find_all(True) for a in tag.attrs if a.startswith("on")]
    data = json.loads(built.text("/api/layanan.json"))
    assert any(MARKER.match(s) for s in strings(data))
    for value in strings(data):
        literal_everywhere(value, "api/layanan.json")


def test_chromium_runs_nothing_and_goes_nowhere(payload_site: tuple[Built, int], serve, browser) -> None:
    built, _ = payload_site
    base = serve(built)
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="id-ID")
    tab = context.new_page()
    dialogs: list[str] = []
    elsewhere: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("request", lambda request: None if request.url.startswith(base) else elsewhere.append(request.url))
    redirects = {str(p.relative_to(built.root)) for p in built.html_files() if "http-equiv" in p.read_text()}
    try:
        for path in built.html_files():
            relative = str(path.relative_to(built.root))
            if "pagefind" in path.parts:
                continue
            url = f"{base}/{relative.removesuffix('index.html')}"
            tab.goto(url, wait_until="load")
            tab.wait_for_timeout(150)  # onerror of a broken image and a refresh after 0 s come later
            if relative not in redirects:
                assert tab.url == url, f"{relative} navigated to {tab.url}"
            text = tab.evaluate(
                "() => { const c = document.documentElement.cloneNode(true);"
                " c.querySelectorAll('script, .teks-pesan').forEach(s => s.remove()); return c.textContent; }"
            )
            literal_everywhere(text, f"Chromium {relative}")
            message = tab.evaluate("() => document.querySelector('.teks-pesan')?.value || ''")
            literal_everywhere(message, f"Chromium {relative} pesan", shortened=True)
        # Search results put Pagefind's excerpts into the page: they must stay text too.
        tab.goto(base + "/layanan/")
        tab.fill("#cari-q", "onerror")
        tab.wait_for_selector(".cari-hasil li", timeout=10_000)
        tab.wait_for_timeout(300)
    finally:
        context.close()
    assert dialogs == []
    assert elsewhere == []


@pytest.mark.java
def test_the_nu_checker_finds_no_error(payload_site: tuple[Built, int]) -> None:
    built, _ = payload_site
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", str(built.root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-5000:]
