"""/status/<kode>/: where a submitted file is, in plain words, for whoever holds its receipt; never indexed."""

from __future__ import annotations

import json

from conftest import Built

# The fixture's files (tests/fixtures/lengkap/status/), at the build clock 2026-11-28 12:00 WITA (a Saturday).


def words(lengkap: Built, url: str) -> str:
    return lengkap.soup(url).select_one("main").get_text(" ", strip=True)


def test_a_file_in_progress_says_its_status_its_steps_and_its_time_against_the_standard(lengkap: Built) -> None:
    text = words(lengkap, "/status/K7MQ-2XDA/")
    assert "Sedang diproses. Berkas Anda sedang diproses." in text
    assert "Belum ada yang perlu Anda lakukan." in text
    assert "Layanan Lengkap" in text and "lewat loket" in text
    # Received Tuesday, one working day held, two waiting for the resident (not counted), 1 promised.
    assert "Berjalan 1 dari 1 hari kerja." in text and "menunggu dilengkapi tidak dihitung" in text
    steps = [li.get_text(" ", strip=True) for li in lengkap.soup("/status/K7MQ-2XDA/").select(".riwayat-berkas li")]
    assert steps[2].startswith("Perlu dilengkapi") and "Yang perlu dilengkapi: Fotokopi Kartu Keluarga" in steps[2]
    assert "budi" not in lengkap.text("/status/K7MQ-2XDA/")  # who recorded it stays in the office's history


def test_a_finished_file_says_where_to_collect_it_and_that_it_took_longer_than_promised(lengkap: Built) -> None:
    text = words(lengkap, "/status/M3RT-8HJW/")
    assert "Selesai, siap diambil." in text and "Tempat pengambilan: Loket 2" in text
    assert "lewat WhatsApp" in text
    assert "Selesai dalam 3 hari kerja, lebih lama 2 hari kerja dari waktu standar." in text


def test_a_file_leaves_the_site_a_set_number_of_days_after_it_ended(lengkap: Built) -> None:
    assert lengkap.exists("/status/W2HB-6KXT/")  # collected 29 days before the build: still shown (30)
    assert not lengkap.exists("/status/P9ZC-4NQE/")  # refused 53 days before


def test_status_pages_are_kept_out_of_search_engines_the_sitemap_search_feeds_and_open_data(lengkap: Built) -> None:
    for url in ("/status/K7MQ-2XDA/", "/status/tidak-ditemukan/"):
        assert lengkap.soup(url).find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
        assert "data-pagefind-body" not in lengkap.text(url)
    sitemap = lengkap.text("/sitemap.xml")
    assert "/status/K7MQ-2XDA/" not in sitemap and "/status/tidak-ditemukan/" not in sitemap
    assert "/status/</loc>" in sitemap  # the lookup form is worth finding
    for path in [*lengkap.root.glob("feeds/**/*.xml"), *lengkap.root.glob("api/*.json")]:
        assert "K7MQ" not in path.read_text(encoding="utf-8"), path
    assert "K7MQ" not in json.dumps(json.loads(lengkap.text("/api/layanan.json")))


def test_the_lookup_form_works_without_javascript_and_asks_for_what_the_receipt_shows(lengkap: Built) -> None:
    form = lengkap.soup("/status/").select_one("form.cari-kode")
    assert form["action"] == "/status/cari" and form["method"] == "get"
    field = form.select_one("input#kode")
    assert field["name"] == "kode" and field["autocapitalize"] == "characters"
    assert form.select_one("label[for=kode]").get_text(strip=True) == "Kode tanda terima"
    assert lengkap.soup("/status/tidak-ditemukan/").select_one("form.cari-kode")  # try again right there


def test_a_resident_on_a_phone_types_the_code_and_reads_the_status_without_javascript(
    browser_id, serve, lengkap: Built
) -> None:
    """Chromium in Indonesian at 390 px with touch and JavaScript off: the form, then the server's redirect."""
    context = browser_id.new_context(
        viewport={"width": 390, "height": 844},
        has_touch=True,
        is_mobile=True,
        locale="id-ID",
        java_script_enabled=False,
    )
    tab = context.new_page()
    tab.goto(serve(lengkap) + "/status/")
    tab.get_by_label("Kode tanda terima").fill("K7MQ2XDA")  # typed without the hyphen
    tab.get_by_role("button", name="Lihat status").tap()
    tab.wait_for_url("**/status/K7MQ-2XDA/")
    assert tab.get_by_role("heading", level=1).inner_text() == "Berkas K7MQ-2XDA"
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    tab.goto(serve(lengkap) + "/status/")
    tab.get_by_label("Kode tanda terima").fill("m3rt 8hjw")  # small letters, a space for the hyphen: asked again
    tab.get_by_role("button", name="Lihat status").tap()
    assert tab.url.endswith("/status/") and not tab.locator("#kode").evaluate("field => field.validity.valid")
    tab.get_by_label("Kode tanda terima").fill("m3rt8hjw")  # small letters, as a phone's keyboard may give them
    tab.get_by_role("button", name="Lihat status").tap()
    tab.wait_for_url("**/status/M3RT-8HJW/")
    context.close()
