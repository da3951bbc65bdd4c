"""Dates a clerk did not mean are named in words; dates already in the file are left alone."""

from __future__ import annotations

import datetime as dt

from layanan.editor import plausible

PATH = "content/pengumuman/2026-12-20-acara.md"
TODAY = dt.date(2026, 12, 4)


def test_a_year_before_2000_is_named_in_words_with_its_field():
    [problem] = plausible.problems(PATH, {"tanggal": "1901-02-20"}, None, TODAY)
    assert problem.startswith("Tanggal: 20 Februari 1901 (1901-02-20) tidak masuk akal (tahun 1901 sebelum 2000)")
    assert "2026-12-31" in problem


def test_more_than_five_years_ahead_is_refused_and_five_years_is_not():
    assert plausible.problems(PATH, {"berlaku_hingga": "2031-12-31"}, None, TODAY) == []
    [problem] = plausible.problems(PATH, {"berlaku_hingga": "2032-01-01"}, None, TODAY)
    assert "lebih dari 5 tahun lagi" in problem


def test_nested_dates_and_date_times_are_found():
    data = {"acara": {"mulai": "1926-12-31 08:00", "tempat": "Aula"}}
    [problem] = plausible.problems(PATH, data, None, TODAY)
    assert problem.startswith("Acara, Mulai: 31 Desember 1926")


def test_a_date_the_file_already_held_is_history_not_a_typo():
    riwayat = {"riwayat": [{"tanggal": "1999-01-05", "perubahan": "Awal"}]}
    assert plausible.problems("content/layanan/sku.md", riwayat, riwayat, TODAY) == []


def test_text_that_only_mentions_a_date_is_not_judged():
    assert plausible.problems(PATH, {"judul": "Libur 1945-08-17"}, None, TODAY) == []
