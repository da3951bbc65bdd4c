"""A clerk's day in the real Decap UI, in Debian's Chromium, against the real editor on 127.0.0.1.

The screenshots of docs/panduan-petugas.md are taken here, so they show the editor as it is:
``invoke gambar`` runs this file with LAYANAN_GAMBAR=docs/gambar; otherwise they go to a temporary folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.editorkit import PASSWORD, PDF, Editor, git

SHOTS = ("masuk", "daftar-layanan", "ubah-persyaratan", "pesan-kesalahan", "pengumuman-baru", "riwayat", "terbitkan")


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("LAYANAN_GAMBAR")
    return Path(chosen) if chosen else tmp_path_factory.mktemp("gambar")


@pytest.fixture
def clerk(browser, editor: Editor):
    """A logged-in browser tab; every request it makes is recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="id-ID")
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("dialog", lambda dialog: dialog.accept())  # Decap asks before deleting
    yield tab
    context.close()


def login(tab, editor: Editor, name: str, shots: Path | None = None) -> None:
    tab.goto(editor.base + "/admin/")
    assert tab.url == editor.base + "/masuk"
    tab.fill("#pengguna", name)
    tab.fill("#sandi", PASSWORD)
    if shots:
        tab.screenshot(path=shots / "masuk.png")
    tab.click("button[type=submit]")
    tab.wait_for_url(editor.base + "/admin/")
    tab.get_by_text("Jenis isi").wait_for()


def open_entry(tab, editor: Editor, collection: str, slug: str, label: str) -> None:
    tab.goto(f"{editor.base}/admin/#/collections/{collection}/entries/{slug}")
    tab.get_by_label(label, exact=True).wait_for()


def save(tab) -> str:
    """Press Simpan > Simpan sekarang; the toast's text."""
    tab.get_by_role("button", name="Simpan", exact=True).click()
    tab.get_by_role("menuitem", name="Simpan sekarang").click()
    return toast(tab)


def toast(tab) -> str:
    """The text of Decap's newest notice."""
    notice = tab.get_by_role("alert").filter(has_text=re.compile(r"\S")).last
    notice.wait_for()
    return notice.inner_text()


def only_local(tab, editor: Editor) -> None:
    outside = [url for url in tab.requests if not url.startswith((editor.base, "data:", "blob:"))]
    assert outside == []


def test_a_clerk_edits_a_service_and_the_preview_shows_it(clerk, editor: Editor, shots: Path):
    login(clerk, editor, "sari", shots)
    clerk.screenshot(path=shots / "daftar-layanan.png")
    assert clerk.get_by_role("link", name="Pengumuman").is_visible()
    for english in ("Collections", "Publish", "Contents", "New "):
        assert english not in clerk.locator("body").inner_text()
    open_entry(clerk, editor, "layanan", "sku", "Judul layanan")
    field = clerk.locator("input[value='Foto tempat usaha']").get_attribute("id")
    requirement = clerk.locator(f"#{field}")  # found by its value, kept by its id as the value changes
    requirement.fill("Foto tempat usaha, tampak depan")
    requirement.scroll_into_view_if_needed()
    clerk.screenshot(path=shots / "ubah-persyaratan.png")
    assert "Tersimpan" in save(clerk)
    assert editor.log()[0] == "Sari Dewi <sari@kecamatan.example>|Ubah layanan “Surat Keterangan Usaha (SKU)”"
    assert "  - Foto tempat usaha, tampak depan\n" in (editor.content / "layanan" / "sku.md").read_text()
    with clerk.expect_popup() as popup:
        clerk.get_by_role("link", name="Lihat di pratinjau").click()
    preview = popup.value
    preview.wait_for_load_state()
    assert preview.url == editor.base + "/pratinjau/layanan/sku/"
    assert "Foto tempat usaha, tampak depan" in preview.locator("main").inner_text()
    only_local(clerk, editor)


def test_mistakes_are_shown_in_our_words_and_nothing_is_committed(clerk, editor: Editor, shots: Path):
    login(clerk, editor, "sari")
    open_entry(clerk, editor, "layanan", "akta-kematian", "Judul layanan")
    before = editor.log()
    clerk.get_by_label("Biaya", exact=True).fill("50.000")
    message = save(clerk)
    clerk.wait_for_timeout(800)  # the notice slides in; the picture shows it in place
    clerk.screenshot(path=shots / "pesan-kesalahan.png")
    assert "TIDAK disimpan" in message
    assert "content/layanan/akta-kematian.md:" in message and "biaya: '50.000' ditulis dengan pemisah ribuan" in message
    clerk.get_by_label("Biaya", exact=True).fill("0")
    clerk.get_by_label("Judul layanan", exact=True).fill("")
    clerk.get_by_role("button", name="Simpan", exact=True).click()
    clerk.get_by_role("menuitem", name="Simpan sekarang").click()
    clerk.get_by_text("Judul layanan wajib diisi.").wait_for()
    assert editor.log() == before
    assert git(editor.repo, "status", "--porcelain") == ""
    only_local(clerk, editor)


def test_a_new_announcement_with_a_date_a_kelurahan_by_name_and_a_pdf(clerk, editor: Editor, shots: Path, tmp_path):
    login(clerk, editor, "sari")
    clerk.goto(editor.base + "/admin/#/collections/pengumuman/new")
    clerk.get_by_label("Judul pengumuman", exact=True).fill("Perekaman KTP-el di Kelurahan Loa Bakung")
    clerk.locator("[id^=tanggal-field]").fill("2026-11-30T08:00")
    clerk.locator("[id^=kategori-field]").click()
    clerk.get_by_role("option", name="Layanan", exact=True).click()
    clerk.locator("[id^=kelurahan-field]").fill("Loa Bak")
    clerk.get_by_role("option", name="Kelurahan Loa Bakung").click()
    clerk.get_by_role("button", name="Tambah lampiran").click()
    clerk.locator("[id^=judul-field]").last.fill("Jadwal perekaman")
    clerk.get_by_role("button", name="Pilih berkas").click()
    (tmp_path / "jadwal-perekaman.pdf").write_bytes(PDF)
    clerk.locator("input[type=file]").set_input_files(tmp_path / "jadwal-perekaman.pdf")
    clerk.get_by_text("jadwal-perekaman.pdf").wait_for()
    clerk.get_by_role("button", name="Pakai yang dipilih").click()
    clerk.locator("[data-slate-editor]").fill("Bawa Kartu Keluarga asli.")
    clerk.screenshot(path=shots / "pengumuman-baru.png")
    assert "Tersimpan" in save(clerk)
    files = git(editor.repo, "show", "--name-only", "--format=", "HEAD").split()
    [page] = [f for f in files if f.endswith(".md")]
    assert re.fullmatch(r"content/pengumuman/\d{4}-\d{2}-\d{2}-perekaman-ktp-el-di-kelurahan-loa-bakung\.md", page)
    assert "content/berkas/jadwal-perekaman.pdf" in files
    text = (editor.repo / page).read_text()
    for line in ("tanggal: 2026-11-30 08:00", "kelurahan:\n  - loa-bakung", "    berkas: jadwal-perekaman.pdf"):
        assert line in text, text
    assert text.endswith("---\nBawa Kartu Keluarga asli.\n")
    only_local(clerk, editor)


def test_an_announcement_opened_from_the_list_shows_its_whole_text(clerk, editor: Editor):
    """The list gets titles and dates only (see entries.to_editor); opening an item loads all of it."""
    login(clerk, editor, "sari")
    clerk.goto(editor.base + "/admin/#/collections/pengumuman")
    clerk.get_by_text("Pemutakhiran Data Penerima SKTM Tahun 2026").click()
    clerk.get_by_label("Judul pengumuman", exact=True).wait_for()
    body = clerk.locator("[data-slate-editor]")
    assert "memeriksa datanya di kantor kelurahan" in body.inner_text()


def test_deleting_a_service_another_lists_is_refused(clerk, editor: Editor):
    login(clerk, editor, "sari")
    open_entry(clerk, editor, "layanan", "ktp-el-baru", "Judul layanan")
    clerk.get_by_role("button", name="Hapus", exact=True).click()
    message = toast(clerk)
    assert "TIDAK dihapus" in message and "content/layanan/" in message
    assert (editor.content / "layanan" / "ktp-el-baru.md").exists()


def test_history_publish_page_and_logout(clerk, editor: Editor, shots: Path):
    login(clerk, editor, "budi")
    clerk.goto(editor.base + "/riwayat")
    assert clerk.get_by_role("cell", name="Sari Dewi").first.is_visible()
    clerk.screenshot(path=shots / "riwayat.png")
    clerk.goto(editor.base + "/terbitkan")
    assert clerk.get_by_role("button", name="Terbitkan situs").is_visible()
    clerk.screenshot(path=shots / "terbitkan.png", full_page=True)
    clerk.get_by_role("link", name=re.compile("^Keluar")).click()
    clerk.wait_for_url(editor.base + "/masuk")
    clerk.goto(editor.base + "/admin/")
    assert clerk.url == editor.base + "/masuk"
    only_local(clerk, editor)
    assert sorted(p.stem for p in shots.glob("*.png")) == sorted(SHOTS)


def test_the_guide_shows_every_screenshot_and_only_these():
    guide = (ROOT / "docs" / "panduan-petugas.md").read_text(encoding="utf-8")
    shown = re.findall(r"!\[[^\]]+\]\(gambar/([a-z-]+)\.png\)", guide)
    assert sorted(set(shown)) == sorted(SHOTS)
    for name in SHOTS:
        assert (ROOT / "docs" / "gambar" / f"{name}.png").is_file()
