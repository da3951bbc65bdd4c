"""The editor's own pages: history with names and diffs, undo for publishers, preview, and the publish button."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from checkers import assert_pages_pass_axe, axe, nu_errors, summary

from tests.conftest import LENGKAP, Built
from tests.editorkit import PASSWORD, ROOT, Editor, git, layanan, make_repository, persist, raw, start

pytestmark = pytest.mark.server


def page(editor: Editor, cookie: str, path: str, form: bytes | None = None) -> tuple[int, BeautifulSoup]:
    headers = {"Cookie": cookie, **({"Origin": editor.base} if form is not None else {})}
    answer = editor.request(path, form, headers)
    return answer.status, BeautifulSoup(answer.data, "html.parser")


def edit(editor: Editor, cookie: str, path: str, old: str, new: str) -> str:
    answer = persist(editor, cookie, path, raw(editor, cookie, path).replace(old, new, 1))
    assert answer.status == 200, answer
    return git(editor.repo, "rev-parse", "HEAD").strip()


def test_history_lists_who_changed_what_with_a_diff(editor: Editor):
    sari = editor.session("sari")
    sha = edit(editor, sari, "content/layanan/sku.md", "Foto tempat usaha", "Foto tempat usaha terbaru")
    status, soup = page(editor, sari, "/riwayat")
    assert status == 200
    first = soup.select("tbody tr")[0]
    cells = [td.get_text(" ", strip=True) for td in first.select("td")]
    assert cells[1:] == ["Sari Dewi", "Ubah layanan “Surat Keterangan Usaha (SKU)”"]
    assert re.fullmatch(r"\d{1,2} \w+ \d{4} \d{2}\.\d{2} WITA", cells[0]), cells[0]  # the office's time, not UTC
    assert first.select_one("a")["href"] == f"/riwayat/{sha}"
    status, diff = page(editor, sari, f"/riwayat/{sha}")
    assert status == 200
    words = [li.get_text() for li in diff.select(".isian-berubah li")]
    assert words[0] == "Persyaratan: “Foto tempat usaha” diubah menjadi “Foto tempat usaha terbaru”"
    assert words[1].startswith("Tanggal diperbarui: “2026-11-20” diubah menjadi")  # the page stays honest
    assert words[2].startswith("Riwayat perubahan: diisi “Persyaratan: “Foto tempat usaha” diubah")
    assert diff.select_one("details pre")  # the lines themselves, behind a toggle
    added = [s.get_text() for s in diff.select(".tambah")]
    removed = [s.get_text() for s in diff.select(".kurang")]
    assert "+    dokumen: Foto tempat usaha terbaru" in added or "+  - Foto tempat usaha terbaru" in added, added
    assert any("Foto tempat usaha" in line for line in removed)
    assert diff.select_one("form[action$='/batalkan']") is None  # sari edits, she does not undo


def test_a_change_made_by_hand_in_the_repository_is_named_by_its_items_not_its_commit_message(editor: Editor):
    path = editor.content / "kelurahan" / "karang-anyar.md"
    path.write_text(path.read_text().replace("Kota Samarinda.", "Kota Samarinda (diubah langsung)."))
    git(editor.repo, "-c", "user.name=Pengembang", "-c", "user.email=dev@example.org", "commit", "-qam",
        "Refactor fixture for the payload test")  # fmt: skip
    _, soup = page(editor, editor.session("sari"), "/riwayat")
    first = [td.get_text(" ", strip=True) for td in soup.select("tbody tr")[0].select("td")]
    assert first[1:] == ["Pengembang", "Diubah langsung di berkas: kelurahan “Kelurahan Karang Anyar”"]


def test_a_publisher_undoes_a_change_as_a_new_commit(editor: Editor):
    sari, budi = editor.session("sari"), editor.session("budi")
    path = "content/kelurahan/loa-buah.md"
    before = (editor.repo / path).read_text()
    sha = edit(editor, sari, path, "Kota Samarinda.", "Kota Samarinda, Kalimantan Timur.")
    edit(editor, sari, "content/layanan/sktm.md", "Surat pengantar", "Surat pengantar")  # a later save, elsewhere
    status, soup = page(editor, budi, f"/riwayat/{sha}/batalkan", b"")
    assert status == 200
    assert "dibatalkan" in soup.select_one("[role=status]").get_text()
    assert (editor.repo / path).read_text() == before
    assert editor.log()[0] == "Budi Santoso <budi@kecamatan.example>|Batalkan: Ubah kelurahan “Kelurahan Loa Buah”"


def test_an_undo_that_would_break_the_site_is_refused(editor: Editor):
    sari, budi = editor.session("sari"), editor.session("budi")
    new = "content/layanan/legalisir.md"
    text = raw(editor, sari, "content/layanan/sku.md").replace("Surat Keterangan Usaha (SKU)", "Legalisir Dokumen")
    assert persist(editor, sari, new, text).status == 200
    added = git(editor.repo, "rev-parse", "HEAD").strip()
    terkait = raw(editor, sari, "content/layanan/sktm.md")
    assert "terkait:" not in terkait
    changed = terkait.replace("kanal:\n", "terkait:\n  - legalisir\nkanal:\n", 1)
    assert persist(editor, sari, "content/layanan/sktm.md", changed).status == 200
    log = editor.log()
    status, soup = page(editor, budi, f"/riwayat/{added}/batalkan", b"")
    assert status == 422
    alert = soup.select_one("[role=alert]").get_text()
    assert alert.startswith("Pembatalan TIDAK disimpan: layanan “Legalisir Dokumen” masih disebut di layanan “Surat")
    assert "content/" not in alert
    assert editor.log() == log and (editor.repo / new).exists()


def test_the_preview_needs_a_session_and_keeps_links_inside_it(editor: Editor):
    assert editor.request("/pratinjau/").status == 303
    sari = editor.session("sari")
    editor.preview_ready(sari)
    status, soup = page(editor, sari, "/pratinjau/")
    assert status == 200
    links = [a["href"] for a in soup.select("a[href^='/']")]
    assert links and all(href.startswith("/pratinjau/") for href in links), links
    css = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assert css and all(href.startswith("/pratinjau/theme/") for href in css)
    assert editor.request(css[0], headers={"Cookie": sari}).status == 200
    assert "[ISI:" in soup.get_text() or soup.select(".isian, .kosong, mark")  # placeholders show, as in livereload
    assert page(editor, sari, "/pratinjau/tidak-ada/")[0] == 404
    upload = editor.request("/pratinjau/berkas/ilustrasi-perekaman-ktp-el.svg", headers={"Cookie": sari})
    assert upload.status == 200
    assert upload.headers["Content-Security-Policy"] == "sandbox; default-src 'none'"  # runs nothing here


def test_the_publish_page_names_what_changed_and_the_blanks_left_and_will_not_publish(editor: Editor):
    budi = editor.session("budi")
    status, soup = page(editor, budi, "/terbitkan")
    assert status == 200
    changes = [li.get_text() for li in soup.find("h2", string=re.compile("berubah")).find_next("ul").select("li")]
    # nothing published from here yet: all of it is new, named by its title
    assert "Ditambahkan: layanan “Surat Keterangan Usaha (SKU)”" in changes
    blanks = soup.find("h2", string=re.compile("dilengkapi")).find_next("ul").select("li")
    assert blanks
    link = blanks[0].select_one("a")
    assert link["href"].startswith("/admin/#/collections/")
    assert "content/" not in blanks[0].get_text() and "isian " in blanks[0].get_text()
    button = soup.find("button", string="Terbitkan situs")
    assert button.has_attr("disabled")
    assert soup.find(id=button["aria-describedby"]).get_text().startswith("Tombol terbit aktif setelah")
    status, soup = page(editor, budi, "/terbitkan", b"")  # pressed anyway (an old tab): refused, nothing queued
    assert status == 409
    assert not (editor.repo / ".editor" / "terbit" / "permintaan.json").exists()


def work(repo: Path):
    """What the systemd path unit starts when the button is pressed."""
    return layanan("terbitkan-antrean", "--settings", str(ROOT / "pelicanconf.py"), "--content", str(repo / "content"),
                   cwd=repo)  # fmt: skip


def test_the_publish_button_queues_a_run_that_another_process_does(tmp_path: Path):
    repo = make_repository(tmp_path / "situs", LENGKAP)
    target = tmp_path / "terbit"
    (repo / ".env").write_text(f"PUBLISH_TARGET={target}\n")
    editor = start(repo)
    try:
        budi = editor.session("budi")
        status, soup = page(editor, budi, "/terbitkan")
        assert "Semua isian sudah dilengkapi" in soup.get_text()
        status, soup = page(editor, budi, "/terbitkan", b"")
        assert status == 303 or "menunggu" in soup.get_text()
        status, soup = page(editor, budi, "/terbitkan")
        assert "menunggu dijalankan" in soup.get_text()
        assert soup.select_one("meta[http-equiv=refresh]")
        assert soup.select_one("form[action='/terbitkan']") is None  # one run at a time
        assert re.search(r"\d{2}\.\d{2} WITA\)", soup.get_text())  # when it was asked, in the office's time
        worker = work(repo)
        assert worker.returncode != 0  # the target holds no releases/ yet: publish refuses, safely
        status, soup = page(editor, budi, "/terbitkan")
        assert "GAGAL" in soup.get_text() and "invoke publish --pertama" in soup.select_one("details pre").get_text()
        (target / "releases").mkdir(parents=True)
        page(editor, budi, "/terbitkan", b"")
        worker = work(repo)
        assert worker.returncode == 0, worker.stdout + worker.stderr
        status, soup = page(editor, budi, "/terbitkan")
        assert "Terbit terakhir berhasil" in soup.get_text()
        assert (target / "current" / "index.html").is_file()
        changes = soup.find("h2", string=re.compile("berubah")).find_next("p")
        assert changes.get_text() == "Tidak ada perubahan."
        releases = sorted((target / "releases").iterdir())
        page(editor, budi, "/terbitkan", b"")  # asked again, then withdrawn before any worker ran it
        assert page(editor, budi, "/terbitkan/batal", b"")[0] == 303
        status, soup = page(editor, budi, "/terbitkan")
        assert "dibatalkan oleh Budi Santoso" in soup.get_text()
        assert work(repo).returncode == 0
        assert sorted((target / "releases").iterdir()) == releases  # nothing was published
    finally:
        editor.stop()


def test_on_a_developer_s_machine_the_editor_runs_the_publish_request_itself(tmp_path: Path):
    """`invoke editor` passes --jalankan-terbit: the README's flow works with no systemd unit."""
    repo = make_repository(tmp_path / "situs", LENGKAP)
    target = tmp_path / "terbit"
    (target / "releases").mkdir(parents=True)
    (repo / ".env").write_text(f"PUBLISH_TARGET={target}\n")
    editor = start(repo, "--jalankan-terbit")
    try:
        budi = editor.session("budi")
        assert page(editor, budi, "/terbitkan", b"")[0] == 303
        for _ in range(240):
            text = page(editor, budi, "/terbitkan")[1].get_text()
            if "berhasil" in text or "GAGAL" in text or "terhenti" in text:
                break
            time.sleep(0.5)
        assert "Terbit terakhir berhasil" in text, text
        assert (target / "current" / "index.html").is_file()
    finally:
        editor.stop()


def test_a_publish_that_cannot_reach_its_target_says_so_in_words(tmp_path: Path):
    repo = make_repository(tmp_path / "situs", LENGKAP)  # no .env: no PUBLISH_TARGET
    editor = start(repo)
    try:
        budi = editor.session("budi")
        page(editor, budi, "/terbitkan", b"")
        work(repo)
        _status, soup = page(editor, budi, "/terbitkan")
        alert = soup.select_one("[role=alert]").get_text()
        assert "Tujuan terbit belum diatur" in alert and "PUBLISH_TARGET" not in alert
    finally:
        editor.stop()


EDITOR_PAGES = ["/masuk", "/riwayat", "/riwayat/{sha}", "/terbitkan", "/loket"]


@pytest.mark.java
def test_the_editor_s_own_pages_are_valid_html(editor: Editor, tmp_path: Path):
    budi = editor.session("budi")
    sha = git(editor.repo, "rev-parse", "HEAD").strip()
    for i, url in enumerate(EDITOR_PAGES):
        answer = editor.request(url.format(sha=sha), headers={"Cookie": budi} if url != "/masuk" else {})
        assert answer.status == 200, url
        (tmp_path / f"{i}.html").write_bytes(answer.data)
    assert nu_errors(Built(tmp_path)) == ""


@pytest.mark.parametrize("width", [1024, 360])
def test_the_editor_s_own_pages_pass_axe_and_fit_360px(browser, editor: Editor, width: int):
    # The editor's CSP forbids inline scripts, as it should; axe is the test's, injected past it.
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID", bypass_csp=True)
    tab = context.new_page()
    try:
        tab.goto(editor.base + "/masuk")
        result = axe(tab)
        assert result["violations"] == [], summary(result["violations"])
        tab.fill("#pengguna", "budi")
        tab.fill("#sandi", PASSWORD)
        tab.click("button[type=submit]")
        tab.wait_for_url(editor.base + "/admin/")
        sha = git(editor.repo, "rev-parse", "HEAD").strip()
        assert_pages_pass_axe(tab, editor.base, [url.format(sha=sha) for url in EDITOR_PAGES[1:]], width)
    finally:
        context.close()


def test_markup_typed_by_a_clerk_stays_text_in_history_and_diff(editor: Editor, browser):
    """A title is untrusted input: it becomes the history's line and part of the diff, as text only."""
    payload = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    sari = editor.session("sari")
    path = "content/halaman/tentang.md"
    sha = edit(editor, sari, path, "judul: Tentang Situs Ini", f"judul: '{payload}'")
    context = browser.new_context()
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        tab.goto(editor.base + "/masuk")
        tab.fill("#pengguna", "sari")
        tab.fill("#sandi", PASSWORD)
        tab.click("button[type=submit]")
        tab.wait_for_url(editor.base + "/admin/")
        for url in ("/riwayat", f"/riwayat/{sha}"):
            tab.goto(editor.base + url)
            assert payload in tab.locator("main").inner_text(), url
            assert tab.locator("main img, main script").count() == 0, url
        assert dialogs == []
    finally:
        context.close()
