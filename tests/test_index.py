"""The index: records linked by the names the files use, defaults and build-time state decided once."""

from __future__ import annotations

import json

from conftest import LENGKAP, Built
from sites import site_of

OFFICE = "Jalan Contoh Nomor 1"  # alamat in the fixture's situs.yaml


def test_a_service_without_tempat_is_at_the_office_on_its_page_in_open_data_and_in_json_ld(lengkap: Built) -> None:
    page = lengkap.soup("/layanan/kedua/")
    shown = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in page.select("dl.fakta dt")}
    assert shown["Tempat"] == OFFICE
    assert f"Datang ke loket: {OFFICE}." in page.get_text()
    record = next(r for r in json.loads(lengkap.text("/api/layanan.json"))["layanan"] if r["slug"] == "kedua")
    assert record["tempat"] == OFFICE
    graph = json.loads(page.find("script", type="application/ld+json").string)
    counter = next(c for c in graph["availableChannel"] if c["name"] == "Loket")
    assert counter["serviceLocation"]["name"] == OFFICE


def test_a_service_with_its_own_tempat_shows_it_everywhere(lengkap: Built) -> None:
    page = lengkap.soup("/layanan/layanan-lengkap/")
    record = next(r for r in json.loads(lengkap.text("/api/layanan.json"))["layanan"] if r["slug"] == "layanan-lengkap")
    graph = json.loads(page.find("script", type="application/ld+json").string)
    counter = next(c for c in graph["availableChannel"] if c["name"] == "Loket")
    assert record["tempat"] == counter["serviceLocation"]["name"] == "Loket 2, Kantor Kecamatan Contoh"
    assert "streetAddress" not in counter["serviceLocation"]["address"]  # a counter is not a street


def test_links_hold_the_items_under_the_name_the_file_uses() -> None:
    site = site_of(LENGKAP)
    announcement = next(p for p in site.pengumuman if p.slug == "pengumuman-lengkap")
    assert announcement.kelurahan.slugs == ("desa-a",)
    assert [k.nama for k in announcement.kelurahan] == [next(k.nama for k in site.kelurahan if k.slug == "desa-a")]
    assert [s.slug for s in announcement.layanan] == ["layanan-lengkap"]
    lengkap = next(s for s in site.layanan if s.slug == "layanan-lengkap")
    assert [s.slug for s in lengkap.terkait] == list(lengkap.terkait.slugs) == ["kedua"]
    for item in [*site.layanan, *site.pengumuman]:
        for name in ("next_steps", "announcements", "services", "villages"):
            assert not hasattr(item, name), name


def test_reverse_links_are_newest_first_and_leave_out_what_is_not_published() -> None:
    site = site_of(LENGKAP)
    by_slug = {k.slug: k for k in site.kelurahan}
    # desa-a: its own announcement and the ones for every kelurahan; not desa-b's, the draft or the future one.
    assert [p.slug for p in by_slug["desa-a"].pengumuman] == ["pengumuman-lengkap", "kecamatan", "kedaluwarsa"]
    assert [p.slug for p in by_slug["desa-b"].pengumuman] == ["wib", "kecamatan", "kedaluwarsa"]
    assert [p.slug for p in next(s for s in site.layanan if s.slug == "layanan-lengkap").pengumuman] == [
        "pengumuman-lengkap"
    ]
    assert next(s for s in site.layanan if s.slug == "kedua").pengumuman == ()


def test_build_clock_state_and_summaries_are_decided_in_the_index() -> None:
    site = site_of(LENGKAP)
    by_slug = {p.slug: p for p in site.pengumuman}
    assert (by_slug["kedaluwarsa"].berakhir, by_slug["kedaluwarsa"].tersemat) == (True, False)
    assert (by_slug["pengumuman-lengkap"].berakhir, by_slug["pengumuman-lengkap"].tersemat) == (False, True)
    assert site.pinned() == [by_slug["pengumuman-lengkap"]]
    assert by_slug["pengumuman-lengkap"].ringkasan == "Ringkasan pengumuman lengkap."  # written
    assert by_slug["kecamatan"].ringkasan == "Untuk semua kelurahan."  # the body's first paragraph
