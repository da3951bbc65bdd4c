"""The counter page (/loket) in the real editor and Chromium in Indonesian: receive, print, update, look up.

The repository holds tests/fixtures/lengkap (its status records); the build clock is 2026-11-28 12:00 WITA.
"""

from __future__ import annotations

import io
import re
import subprocess
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pdfplumber
import pytest
from checkers import assert_pages_pass_axe, nu_errors
from editorkit import Editor, git, login, make_repository, start

from conftest import LENGKAP, Built

STATUS_URL = "https://kec-contoh.example.go.id/status/{}/"
MM = 72 / 25.4  # points


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1795838400")
        running = start(make_repository(tmp_path_factory.mktemp("loket") / "situs", LENGKAP))
    yield running
    running.stop()


@pytest.fixture
def clerk(browser_id, editor: Editor):
    """Sari at the counter: Chromium in Indonesian, logged in, counting the print dialogs it opens."""
    context = browser_id.new_context(viewport={"width": 1024, "height": 800}, locale="id-ID")
    tab = context.new_page()
    tab.add_init_script("window.dicetak = 0; window.print = () => { window.dicetak += 1; };")
    login(tab, editor, "sari")
    yield tab
    context.close()


def receive(tab, editor: Editor, kanal: str, size: str = "A6 (105 × 148 mm)") -> str:
    tab.goto(editor.base + "/loket")
    tab.get_by_label("Layanan", exact=True).select_option(label="Layanan Lengkap")
    tab.get_by_label("WhatsApp" if kanal == "whatsapp" else "Loket", exact=True).check()
    tab.get_by_label(size).check()
    tab.get_by_role("button", name="Terima dan buat tanda terima").click()
    tab.wait_for_url(re.compile(r"/loket/[A-Z0-9]{4}-[A-Z0-9]{4}"))
    return re.search(r"/loket/([A-Z0-9]{4}-[A-Z0-9]{4})", tab.url).group(1)


def printed(tab) -> pdfplumber.PDF:
    tab.emulate_media(media="print")
    try:
        return pdfplumber.open(io.BytesIO(tab.pdf(prefer_css_page_size=True, print_background=True)))
    finally:
        tab.emulate_media(media="screen")


def decode(png: bytes, tmp_path: Path) -> str:
    image = tmp_path / "qr.png"
    image.write_bytes(png)
    return subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True, check=True).stdout


def test_a_file_received_at_the_counter_prints_its_receipt_at_once_on_one_sheet_of_either_paper(
    clerk, editor: Editor, tmp_path: Path
) -> None:
    code = receive(clerk, editor, "loket")
    assert clerk.url.endswith(f"/loket/{code}/cetak?ukuran=a6&otomatis=1")
    assert clerk.evaluate("window.dicetak") == 1  # the print dialog opened by itself
    assert git(editor.repo, "log", "-1", "--format=%an|%s") == f"Sari Dewi|Terima berkas {code} (Layanan Lengkap)\n"
    assert decode(clerk.locator(".tanda-terima svg").screenshot(), tmp_path).strip() == STATUS_URL.format(code)
    for size, (width, height) in {"a6": (105, 148), "58mm": (58, 170)}.items():
        clerk.goto(f"{editor.base}/loket/{code}/cetak?ukuran={size}")
        assert clerk.evaluate("window.dicetak") == 0  # opened again from the file's page: printed on request
        with printed(clerk) as pdf:
            assert len(pdf.pages) == 1, size
            page = pdf.pages[0]
            assert (round(page.width / MM), round(page.height / MM)) == (width, height)
            text = " ".join(page.extract_text().split())
        for said in (code, "Layanan Lengkap", "Sabtu, 28 November 2026, 12.00 WITA, lewat loket", "1 hari kerja",
                     "paling lambat Senin, 30 November 2026", "+628115550001", "kec-contoh.example.go.id/status"):  # fmt: skip
            assert said.replace(" ", "") in text.replace(" ", ""), (size, said, text)  # lines wrap anywhere
        assert "Ganti kertas" not in text and "Ctrl+P" not in text  # the page's own buttons stay on screen


def test_receive_three_statuses_and_the_resident_s_page(clerk, editor: Editor) -> None:
    code = receive(clerk, editor, "whatsapp")
    assert clerk.url.endswith(f"/loket/{code}?disimpan=terima")
    message = clerk.locator("#pesan").input_value()
    assert message.startswith("*Tanda terima berkas Kecamatan Contoh*\nKode: " + code)
    assert STATUS_URL.format(code) in message and "lewat WhatsApp" in message

    clerk.locator("form", has_text="Perlu dilengkapi").get_by_label("Kartu Keluarga (2 lembar)").check()
    clerk.locator("form", has_text="Perlu dilengkapi").get_by_label("Lainnya").fill("pas foto")
    clerk.get_by_role("button", name="Simpan: Perlu dilengkapi").click()
    clerk.wait_for_url(f"**/loket/{code}?disimpan=status")
    assert "Yang perlu dilengkapi: Kartu Keluarga (2 lembar); pas foto" in clerk.locator("#pesan").input_value()

    clerk.locator("form", has_text="Sedang diproses").get_by_label("Di Disdukcapil").check()
    clerk.get_by_role("button", name="Simpan: Sedang diproses").click()
    clerk.wait_for_url(f"**/loket/{code}?disimpan=status")

    clerk.get_by_label("Tempat pengambilan").fill("Loket 2")
    clerk.get_by_role("button", name="Simpan: Selesai, siap diambil").click()
    clerk.wait_for_url(f"**/loket/{code}?disimpan=status")
    assert clerk.get_by_role("status").first.inner_text().startswith("Status disimpan: Selesai, siap diambil.")
    message = clerk.locator("#pesan").input_value()
    assert message.startswith(f"*Berkas {code}: selesai, siap diambil di Loket 2*\nLayanan: Layanan Lengkap\n")
    assert STATUS_URL.format(code) in message
    subjects = git(editor.repo, "log", "-4", "--format=%an|%s").splitlines()
    assert subjects == [f"Sari Dewi|Berkas {code}: {s}" for s in ("selesai, siap diambil", "sedang diproses",
                                                                 "perlu dilengkapi")] + [subjects[3]]  # fmt: skip

    clerk.goto(f"{editor.base}/pratinjau/status/{code}/")  # the page the resident reads, as the build made it
    main = " ".join(clerk.locator("main").inner_text().split())
    assert "Selesai, siap diambil. Dokumen Anda sudah selesai dan siap diambil." in main
    assert "Tempat pengambilan: Loket 2" in main and "Keterangan: Di Disdukcapil" in main
    assert "Yang perlu dilengkapi: Kartu Keluarga (2 lembar); pas foto" in main
    assert "sari" not in main.lower()  # the clerk's account stays in the office's history


def test_a_code_is_found_as_a_clerk_types_it(editor: Editor) -> None:
    sari = {"Cookie": editor.session("sari")}
    for typed in ("k7mq2xda", " K7MQ-2XDA ", "k7mq-2xda"):
        answer = editor.request("/loket/cari?" + urllib.parse.urlencode({"kode": typed}), headers=sari)
        assert (answer.status, answer.headers["Location"]) == (303, "/loket/K7MQ-2XDA"), typed
    answer = editor.request("/loket/K7MQ-2XDA", headers=sari)
    assert answer.status == 200 and "Status sekarang: <strong>Sedang diproses</strong>" in answer.data.decode()
    answer = editor.request("/loket/cari?kode=K7MQ", headers=sari)
    assert answer.status == 404 and "bukan kode tanda terima" in answer.data.decode()
    answer = editor.request("/loket/AAAA-BBBB", headers=sari)
    assert answer.status == 404 and "berkas dengan kode AAAA-BBBB tidak ada" in answer.data.decode()


@pytest.mark.parametrize(
    ("form", "said"),
    [
        ({"status": "ditolak"}, "Tidak dicatat: status &#39;ditolak&#39; perlu --catatan"),
        ({"status": "diproses", "catatan": "NIK 6472010101010001"}, "catatan tidak boleh memuat NIK"),
        ({"status": "selesai", "catatan": "telepon 0812 3456 7890"}, "catatan tidak boleh memuat nomor telepon"),
        ({"status": "beres"}, "status &#39;beres&#39; tidak dikenal"),
    ],
)
def test_a_refused_status_says_why_keeps_what_was_typed_and_writes_nothing(
    editor: Editor, form: dict[str, str], said: str
) -> None:
    before = git(editor.repo, "rev-parse", "HEAD")
    headers = {"Cookie": editor.session("sari"), "Origin": editor.base}
    answer = editor.request("/loket/K7MQ-2XDA", urllib.parse.urlencode(form).encode(), headers)
    page = answer.data.decode()
    assert answer.status == 422 and said in page, page[:2000]
    if form.get("catatan"):
        assert f'value="{form["catatan"]}"' in page
    assert git(editor.repo, "rev-parse", "HEAD") == before and git(editor.repo, "status", "--porcelain") == ""


def test_the_counter_takes_only_logged_in_clerks_and_its_own_forms(editor: Editor) -> None:
    form = urllib.parse.urlencode({"layanan": "layanan-lengkap", "kanal": "loket"}).encode()
    assert editor.request("/loket").headers["Location"] == "/masuk"
    assert editor.request("/loket", form, {"Origin": editor.base}).headers["Location"] == "/masuk"
    other = editor.request("/loket", form, {"Cookie": editor.session("sari"), "Origin": "https://lain.example"})
    assert other.status == 403
    before = git(editor.repo, "rev-parse", "HEAD")
    answer = editor.request("/loket", urllib.parse.urlencode({"kanal": "loket"}).encode(),
                            {"Cookie": editor.session("sari"), "Origin": editor.base})  # fmt: skip
    assert answer.status == 422 and "pilih layanannya dulu" in answer.data.decode()
    assert git(editor.repo, "rev-parse", "HEAD") == before


def test_two_clerks_receiving_at_once_both_get_a_code_and_a_commit(editor: Editor) -> None:
    form = urllib.parse.urlencode({"layanan": "layanan-lengkap", "kanal": "whatsapp"}).encode()
    clerks = [{"Cookie": editor.session(name), "Origin": editor.base} for name in ("sari", "dewi")]
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda headers: editor.request("/loket", form, headers), clerks))
    codes = [answer.headers["Location"].split("/")[2].split("?")[0] for answer in answers]
    assert [a.status for a in answers] == [303, 303] and len(set(codes)) == 2
    subjects = git(editor.repo, "log", "-2", "--format=%an|%s").splitlines()
    assert sorted(subjects) == sorted(f"{who}|Terima berkas {code} (Layanan Lengkap)"
                                      for who, code in zip(("Sari Dewi", "Dewi Lestari"), codes, strict=True))  # fmt: skip
    record = (editor.content / "status" / "2026-11.yaml").read_text(encoding="utf-8")
    assert all(f'kode: "{code}"' in record for code in codes)


def test_a_file_whose_story_ended_offers_no_status(editor: Editor) -> None:
    page = editor.request("/loket/W2HB-6KXT", headers={"Cookie": editor.session("sari")}).data.decode()
    assert "statusnya tidak berubah lagi" in page and "Simpan:" not in page


COUNTER_PAGES = ["/loket", "/loket/K7MQ-2XDA", "/loket/K7MQ-2XDA?disimpan=status", "/loket/K7MQ-2XDA/cetak",
                 "/loket/M3RT-8HJW/cetak?ukuran=58mm"]  # fmt: skip


@pytest.mark.parametrize("width", [1024, 360])
def test_the_counter_passes_axe_and_fits_a_phone(browser, editor: Editor, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="id-ID", bypass_csp=True,
                                  has_touch=width < 400)  # fmt: skip
    tab = context.new_page()
    tab.add_init_script("window.print = () => {};")
    try:
        login(tab, editor, "sari")
        assert_pages_pass_axe(tab, editor.base, COUNTER_PAGES, width)
    finally:
        context.close()


@pytest.mark.java
def test_the_counter_s_pages_are_valid_html(editor: Editor, tmp_path: Path) -> None:
    sari = {"Cookie": editor.session("sari")}
    for i, url in enumerate(COUNTER_PAGES):
        answer = editor.request(url, headers=sari)
        assert answer.status == 200, url
        (tmp_path / f"{i}.html").write_bytes(answer.data)
    assert nu_errors(Built(tmp_path)) == ""


def test_the_publish_page_names_the_counter_s_records_by_their_month(editor: Editor) -> None:
    form = urllib.parse.urlencode({"layanan": "layanan-lengkap", "kanal": "whatsapp"}).encode()
    assert editor.request("/loket", form, {"Cookie": editor.session("sari"), "Origin": editor.base}).status == 303
    page = editor.request("/terbitkan", headers={"Cookie": editor.session("budi")}).data.decode()
    assert "Ditambahkan: catatan berkas loket November 2026" in page  # nothing published from here yet


def test_the_history_leaves_the_counter_s_records_out_until_asked(editor: Editor) -> None:
    form = urllib.parse.urlencode({"layanan": "layanan-lengkap", "kanal": "whatsapp"}).encode()
    code = editor.request("/loket", form, {"Cookie": editor.session("sari"), "Origin": editor.base})
    code = code.headers["Location"].split("/")[2].split("?")[0]
    budi = {"Cookie": editor.session("budi")}
    assert f"Terima berkas {code}" not in editor.request("/riwayat", headers=budi).data.decode()
    shown = editor.request("/riwayat?loket=1", headers=budi).data.decode()
    assert f"Terima berkas {code}" in shown and "Sembunyikan catatan loket" in shown
    sha = git(editor.repo, "rev-parse", "HEAD").strip()
    assert editor.request(f"/riwayat/{sha}", headers=budi).status == 200  # its diff, to undo it if need be
