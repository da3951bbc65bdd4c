"""A clerk's day in the real Decap UI, in Debian's Chromium, against the real editor on 127.0.0.1.

The screenshots of docs/panduan-petugas.md are taken here, so they show the editor as it is:
``invoke gambar`` runs this file with LAYANAN_GAMBAR=docs/gambar; otherwise they go to a temporary folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.editorkit import PASSWORD, PDF, PNG, Editor, git, login, open_entry, press_save, save, toast

SHOTS = ("masuk", "daftar-layanan", "ubah-persyaratan", "pesan-kesalahan", "pengumuman-baru", "ponsel", "riwayat",
         "terbitkan", "loket", "tanda-terima", "berkas-status")  # fmt: skip


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("LAYANAN_GAMBAR")
    return Path(chosen) if chosen else tmp_path_factory.mktemp("gambar")


@pytest.fixture
def clerk(browser_id, editor: Editor):
    """A browser tab of Chromium in Indonesian; every request it makes is recorded."""
    context = browser_id.new_context(viewport={"width": 1280, "height": 860}, locale="id-ID")
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("dialog", lambda dialog: dialog.accept())  # Decap asks before deleting
    yield tab
    context.close()


def only_local(tab, editor: Editor) -> None:
    outside = [url for url in tab.requests if not url.startswith((editor.base, "data:", "blob:"))]
    assert outside == []


def test_a_clerk_edits_a_service_and_the_preview_shows_it(clerk, editor: Editor, shots: Path):
    login(clerk, editor, "sari", shots)
    clerk.screenshot(path=shots / "daftar-layanan.png")
    assert clerk.get_by_role("link", name="Pengumuman").is_visible()
    for english in ("Collections", "Publish", "Contents", "New "):
        assert english not in clerk.locator("body").inner_text()
    open_entry(clerk, editor.base, "layanan", "sku", "Judul layanan")
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
    open_entry(clerk, editor.base, "layanan", "akta-kematian", "Judul layanan")
    before = editor.log()
    clerk.get_by_label("Biaya", exact=True).fill("50.000")
    press_save(clerk)
    refusal = clerk.get_by_role("alertdialog")
    refusal.wait_for()
    clerk.wait_for_timeout(800)  # Decap's own notice slides in too; the picture shows both in place
    clerk.screenshot(path=shots / "pesan-kesalahan.png")
    text = refusal.inner_text()
    assert text.startswith("Perubahan TIDAK disimpan")
    assert "Biaya: '50.000' ditulis dengan pemisah ribuan" in text and "content/" not in text  # the form's words
    assert clerk.get_by_label("Biaya", exact=True).get_attribute("aria-invalid") == "true"  # marked on the field
    clerk.wait_for_timeout(9000)  # Decap's notice is gone by now; ours stays until closed
    assert refusal.is_visible()
    clerk.get_by_role("alertdialog").get_by_role("button", name="Tutup pesan").click()
    assert clerk.get_by_role("alertdialog").count() == 0
    clerk.get_by_label("Biaya", exact=True).fill("0")
    clerk.get_by_label("Judul layanan", exact=True).fill("")
    clerk.get_by_role("button", name="Simpan", exact=True).click()
    clerk.get_by_role("menuitem", name="Simpan sekarang").click()
    clerk.get_by_text("Judul layanan wajib diisi.").wait_for()
    assert editor.log() == before
    assert git(editor.repo, "status", "--porcelain") == ""
    only_local(clerk, editor)


def type_date(field, value: str) -> None:
    """Key by key, as the guide says. A loaded machine can lose a key while the form redraws (a fresh-clone
    run's form refused the date as typed); a clerk sees the date wrong and types it again, and so does this."""
    for _ in range(3):
        field.fill("")
        field.press_sequentially(value)
        if field.input_value() == value:
            return
    expect(field).to_have_value(value)


def test_a_new_announcement_with_a_date_a_kelurahan_by_name_and_a_pdf(clerk, editor: Editor, shots: Path, tmp_path):
    login(clerk, editor, "sari")
    clerk.goto(editor.base + "/admin/#/collections/pengumuman/new")
    clerk.get_by_label("Judul pengumuman", exact=True).fill("Perekaman KTP-el di Kelurahan Loa Bakung")
    type_date(clerk.locator("[id^=tanggal-field]"), "2026-11-30 08:00")
    clerk.locator("[id^=kategori-field]").click()
    clerk.get_by_role("option", name="Layanan", exact=True).click()
    clerk.locator("[id^=kelurahan-field]").fill("Loa Bak")
    clerk.get_by_role("option", name="Kelurahan Loa Bakung").click()
    titles = clerk.locator("[id^=judul-field]")  # the announcement's own title, then each attachment's
    clerk.get_by_role("button", name="Tambah lampiran").click()
    expect(titles).to_have_count(2)  # the new item is drawn before .last can name it
    titles.last.fill("Jadwal perekaman")
    clerk.get_by_role("button", name="Pilih berkas").click()
    (tmp_path / "jadwal-perekaman.pdf").write_bytes(PDF)
    clerk.locator("input[type=file]").set_input_files(tmp_path / "jadwal-perekaman.pdf")
    clerk.get_by_text("jadwal-perekaman.pdf").wait_for()
    use = clerk.get_by_role("button", name="Pakai yang dipilih")
    expect(use).to_be_enabled(timeout=30_000)  # the upload is chosen once it has landed, as the guide says
    use.click()
    expect(use).to_be_hidden()
    expect(clerk.get_by_text("jadwal-perekaman.pdf").first).to_be_visible()  # the chosen file, in the form
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
    open_entry(clerk, editor.base, "layanan", "ktp-el-baru", "Judul layanan")
    clerk.get_by_role("button", name="Hapus", exact=True).click()
    message = clerk.get_by_role("alertdialog").inner_text()
    assert message.startswith("TIDAK dihapus: layanan “Pembuatan KTP-el Baru” masih disebut di "), message
    assert "content/" not in message and "tidak ada" not in message  # titles, and no claim that it is gone
    assert (editor.content / "layanan" / "ktp-el-baru.md").exists()


def two_clerks(browser_id, editor: Editor, slug: str):
    """Sari and Budi, each in a browser of their own, with the same service's form open."""
    tabs = []
    for name in ("sari", "budi"):
        context = browser_id.new_context(viewport={"width": 1280, "height": 860}, locale="id-ID")
        tab = context.new_page()
        login(tab, editor, name)
        open_entry(tab, editor.base, "layanan", slug, "Judul layanan")
        tabs.append(tab)
    return tabs


def saved(tab, editor: Editor, count: int) -> None:
    """Wait until the repository holds ``count`` commits more than before this clerk pressed Simpan."""
    for _ in range(120):
        if len(editor.log()) >= count:
            return
        tab.wait_for_timeout(500)
    raise AssertionError("nothing was committed")


def test_two_clerks_on_one_service_in_two_browsers_both_changes_land(browser_id, editor: Editor):
    sari, budi = two_clerks(browser_id, editor, "akta-kelahiran")
    start = len(editor.log())
    documents = sari.locator("[id^=dokumen-field]")
    before = documents.count()
    sari.get_by_role("button", name="Tambah persyaratan").click()
    sari.get_by_role("menuitem", name="Dokumen", exact=True).click()
    expect(documents).to_have_count(before + 1)
    documents.last.fill("Surat pengantar RT")
    press_save(sari)
    saved(sari, editor, start + 1)
    budi.get_by_label("Ringkasan", exact=True).fill("Untuk mencatatkan kelahiran anak.")
    press_save(budi)  # opened before Sari saved: merged, not overwritten
    saved(budi, editor, start + 2)
    text = (editor.content / "layanan" / "akta-kelahiran.md").read_text()
    assert "Surat pengantar RT" in text and "ringkasan: Untuk mencatatkan kelahiran anak.\n" in text
    for tab in (sari, budi):
        tab.context.close()


def test_two_clerks_changing_the_same_field_the_second_is_told_and_keeps_the_form(browser_id, editor: Editor):
    sari, budi = two_clerks(browser_id, editor, "ktp-el-hilang-rusak")
    start = len(editor.log())
    budi.get_by_label("Ringkasan", exact=True).fill("Untuk KTP-el yang hilang.")
    press_save(budi)
    saved(budi, editor, start + 1)
    sari.get_by_label("Ringkasan", exact=True).fill("Untuk KTP-el yang rusak.")
    press_save(sari)
    refusal = sari.get_by_role("alertdialog").inner_text()
    assert "Budi Santoso" in refusal and "Ringkasan" in refusal and "WITA" in refusal
    assert sari.get_by_label("Ringkasan", exact=True).input_value() == "Untuk KTP-el yang rusak."  # her form is kept
    assert len(editor.log()) == start + 1
    assert (
        "ringkasan: Untuk KTP-el yang hilang.\n" in (editor.content / "layanan" / "ktp-el-hilang-rusak.md").read_text()
    )
    for tab in (sari, budi):
        tab.context.close()


# Decap's and react-select's own English words, as a clerk would see them or a screen reader say them.
ENGLISH = re.compile(
    r"\b(Save|Delete|Publish|Search|Sort|View|Changes|Entry|Entries|Media|Upload|Choose|Insert|Loading|Options|"
    r"required|Add|New|Edit|Back|Untitled|Collections?|Unsaved|Saved|Select|Deleted|Preview|Close|Remove|Expand|"
    r"Collapse|Done|Cancel)\b"
)


def test_no_english_on_the_screens_a_clerk_uses(clerk, editor: Editor):
    login(clerk, editor, "sari")
    screens = {  # address: a text that shows the screen is drawn
        "collections/layanan": "Tambah Layanan",
        "collections/pengumuman": "Tambah Pengumuman",
        "collections/layanan/entries/sku": "Judul layanan",
        "collections/pengumuman/new": "Judul pengumuman",
        "collections/pengaturan/entries/situs": "Alamat kantor",
        "collections/layanan?berkas": "Hapus yang dipilih",  # the media library, opened from the header
    }
    for screen, drawn in screens.items():
        clerk.goto(f"{editor.base}/admin/#/{screen.split('?')[0]}")
        if screen.endswith("?berkas"):
            clerk.get_by_role("button", name="Berkas").or_(clerk.get_by_role("link", name="Berkas")).first.click()
        clerk.get_by_text(drawn).first.wait_for()
        clerk.wait_for_timeout(500)
        heard = clerk.evaluate(
            "[...document.querySelectorAll('[aria-label],[title],[placeholder]')].map(e => ["
            "e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')].join(' ')).join(' ')"
        )
        assert ENGLISH.findall(clerk.locator("body").inner_text() + " " + heard) == [], screen


def test_a_pick_list_with_no_match_says_so_in_indonesian(clerk, editor: Editor):
    login(clerk, editor, "sari")
    clerk.goto(editor.base + "/admin/#/collections/pengumuman/new")
    clerk.locator("[id^=kelurahan-field]").fill("tidak ada kelurahan begini")
    clerk.get_by_text("Tidak ada pilihan yang cocok").wait_for()
    assert "No options" not in clerk.locator("body").inner_text()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "id-ID"}


def tap(tab, locator) -> None:
    """Tap ``locator`` as a thumb would, after checking the whole control is on the 390 px screen."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844, box
    locator.tap()


def on_screen(tab) -> None:
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390  # nothing runs off the side


def test_a_clerk_on_a_phone_changes_a_requirement_previews_and_posts_a_photo(browser_id, editor: Editor, shots: Path,
                                                                            tmp_path: Path):  # fmt: skip
    context = browser_id.new_context(**PHONE)
    phone = context.new_page()
    phone.goto(editor.base + "/admin/")
    phone.fill("#pengguna", "dewi")
    phone.fill("#sandi", PASSWORD)
    tap(phone, phone.locator("button[type=submit]"))
    phone.get_by_text("Jenis isi").wait_for()
    on_screen(phone)
    # 1. A requirement, changed with touch.
    open_entry(phone, editor.base, "layanan", "sktm", "Judul layanan")
    on_screen(phone)
    documents = phone.locator("[id^=dokumen-field]")
    before = documents.count()
    tap(phone, phone.get_by_role("button", name="Tambah persyaratan"))
    tap(phone, phone.get_by_role("menuitem", name="Dokumen", exact=True))
    expect(documents).to_have_count(before + 1)
    added = documents.last
    added.fill("Surat pengantar RT")
    phone.screenshot(path=shots / "ponsel.png")
    tap(phone, phone.get_by_role("button", name="Simpan", exact=True))
    tap(phone, phone.get_by_role("menuitem", name="Simpan sekarang"))
    assert "Tersimpan" in toast(phone)
    # 2. The preview, from the same screen.
    with phone.expect_popup() as popup:
        tap(phone, phone.get_by_role("link", name="Lihat di pratinjau"))
    preview = popup.value
    preview.wait_for_load_state()
    assert "Surat pengantar RT" in preview.locator("main").inner_text()
    preview.close()
    # 3. An announcement with a photo from the camera (the file picker hands over the picture taken).
    phone.goto(editor.base + "/admin/#/collections/pengumuman/new")
    phone.get_by_label("Judul pengumuman", exact=True).fill("Kerja bakti parit RT 05")
    type_date(phone.locator("[id^=tanggal-field]"), "2026-12-20 07:00")
    tap(phone, phone.locator("[id^=kategori-field]"))
    tap(phone, phone.get_by_role("option", name="Layanan", exact=True))
    tap(phone, phone.get_by_role("button", name="Pilih gambar"))
    (tmp_path / "foto-kerja-bakti.png").write_bytes(PNG)
    phone.locator("input[type=file]").set_input_files(tmp_path / "foto-kerja-bakti.png")
    phone.get_by_text("foto-kerja-bakti.png").wait_for()
    tap(phone, phone.get_by_role("button", name="Pakai yang dipilih"))
    phone.locator("[id^=gambar_alt-field]").fill("Warga membersihkan parit bersama")
    phone.locator("[data-slate-editor]").fill("Kerja bakti Minggu pagi; bawa cangkul.")
    tap(phone, phone.get_by_role("button", name="Simpan", exact=True))
    tap(phone, phone.get_by_role("menuitem", name="Simpan sekarang"))
    for _ in range(120):  # the check build runs before the commit
        if "“Kerja bakti parit RT 05”" in editor.log()[0]:
            break
        phone.wait_for_timeout(500)
    assert editor.log()[0] == ("Dewi Lestari <dewi@kecamatan.example>|Tambah pengumuman “Kerja bakti parit RT 05”; "
                               "Tambah berkas “foto-kerja-bakti.png”")  # fmt: skip
    assert "content/berkas/foto-kerja-bakti.png" in git(editor.repo, "show", "--name-only", "--format=", "HEAD")
    on_screen(phone)
    context.close()


def test_a_file_at_the_counter_gets_its_receipt_and_a_status(clerk, editor: Editor, shots: Path):
    clerk.add_init_script("window.print = () => {};")  # the print dialog is the browser's, not the page's
    login(clerk, editor, "sari")
    clerk.get_by_role("link", name="Loket").click()
    clerk.get_by_label("Layanan", exact=True).select_option(label="Pembuatan KTP-el Baru")
    clerk.screenshot(path=shots / "loket.png")
    clerk.get_by_role("button", name="Terima dan buat tanda terima").click()
    clerk.locator(".tanda-terima").wait_for()
    code = clerk.locator(".kode-besar strong").inner_text()
    clerk.screenshot(path=shots / "tanda-terima.png")
    clerk.get_by_role("link", name="Loket", exact=True).first.click()
    clerk.get_by_label("Kode tanda terima").fill(code.lower().replace("-", ""))  # as the guide says it may be typed
    clerk.get_by_label("Kode tanda terima").press("Enter")
    clerk.wait_for_url(f"{editor.base}/loket/{code}")
    clerk.get_by_label("Di Disdukcapil").check()
    clerk.get_by_role("button", name="Simpan: Sedang diproses").click()
    expect(clerk.get_by_role("status").first).to_contain_text("Status disimpan: Sedang diproses")
    assert clerk.locator("#pesan").input_value().startswith(f"*Berkas {code}: sedang diproses*")
    clerk.screenshot(path=shots / "berkas-status.png", full_page=True)
    only_local(clerk, editor)


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
