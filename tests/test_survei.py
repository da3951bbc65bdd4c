"""Survey answers in, the regulation's index out: figures computed by hand, malformed files named by row and column."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import jsonschema
import pytest
from test_feeds import parse

from conftest import LENGKAP, Built

SURVEY = LENGKAP / "survei"
# tests/fixtures/lengkap/survei/2026.csv, 8 respondents (Google Forms export: every field quoted, a Timestamp,
# long question headers, a line break inside a free-text answer). Sums and counts per element, by hand:
#   persyaratan 4+3+4+3+4+3+4+3 = 28/8 = 3.5      prosedur 4+4+3+3+4+3+4+4 = 29/8 = 3.625
#   waktu       3+2+2+3+2+2+3+2 = 19/8 = 2.375    biaya    8 × 4 = 32/8 = 4.0
#   produk      4+3+4+3+4+3+4+3 = 28/8 = 3.5      kompetensi 3+3+4+3+4+3+3+3 = 26/8 = 3.25
#   perilaku    4+4+4+3+4+4+4+3 = 30/8 = 3.75     pengaduan  3+3+3+2+4+3+3+3 = 24/8 = 3.0
#   sarana      4+3+3+3+4+3+(empty)+3 = 23/7 = 3.2857…  (the empty answer is missing, not 0)
# IKM = (27.0 + 23/7) / 9 = 3.36508…; × 25 = 84.1269… -> 84.13, B (Baik); lowest: waktu.
NRR_2026 = {
    "persyaratan": "3,50", "prosedur": "3,63", "waktu": "2,38", "biaya": "4,00", "produk": "3,50",
    "kompetensi": "3,25", "perilaku": "3,75", "pengaduan": "3,00", "sarana": "3,29",
}  # fmt: skip
# Layanan Lengkap (rows 1-4, named three ways: title, slug, lower case): 3.5+3.5+2.5+4+3.5+3.25+3.75+2.75+3.25
#   = 30.0; / 9 × 25 = 83.333… -> 83.33, B. Layanan Kedua: 3 answers, under the minimum of 4.
# Desa A (rows 1, 2, 4, 7, 8): 3.4+3.8+2.6+4+3.4+3.0+3.6+2.8+(13/4 = 3.25) = 29.85; / 9 × 25 = 82.9166… -> 82.92.
# 2025.csv (";", a byte-order mark, "3,0"): each element (3+3+2+4)/4 = 3.0 but sarana (3+3+2+3)/4 = 2.75;
#   IKM = 26.75 / 9 = 2.97222…; × 25 = 74.305… -> 74.31, C (Kurang baik).


def cells(table) -> list[list[str]]:
    return [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in table.tbody.find_all("tr")]


def table(built: Built, url: str, caption: str):
    return next(t for t in built.soup(url).select("table") if t.caption and caption in t.caption.get_text())


def test_the_period_s_index_and_every_element_by_hand(lengkap: Built) -> None:
    soup = lengkap.soup("/survei/2026/")
    assert soup.select_one(".indeks-nilai").get_text() == "84,13"
    assert soup.select_one(".indeks-mutu").get_text() == "Mutu B: Baik"
    rows = cells(table(lengkap, "/survei/2026/", "Nilai rata-rata (NRR)"))
    assert [row[2] for row in rows] == list(NRR_2026.values())
    assert "Waktu penyelesaian dinilai paling rendah" in soup.get_text()
    assert "dari 8 responden (target 10)" in soup.get_text()


def test_per_service_and_per_kelurahan_with_a_minimum(lengkap: Built) -> None:
    services = {row[0]: row[1:] for row in cells(table(lengkap, "/survei/2026/", "Indeks per layanan"))}
    assert services == {"Layanan Kedua": ["3", "belum cukup jawaban"], "Layanan Lengkap": ["4", "83,33 (B, Baik)"]}
    villages = {row[0]: row[1:] for row in cells(table(lengkap, "/survei/2026/", "Indeks per kelurahan"))}
    assert villages == {"Kelurahan Desa A": ["5", "82,92 (B, Baik)"], "Kelurahan Desa B": ["3", "belum cukup jawaban"]}
    assert "Indeks kepuasan layanan ini: 83,33" in lengkap.soup("/layanan/layanan-lengkap/").get_text()
    assert "baru memuat 3 jawaban" in lengkap.soup("/layanan/kedua/").get_text()


def test_small_profile_cells_are_suppressed(lengkap: Built) -> None:
    umur = dict(cells(table(lengkap, "/survei/2026/", "Umur")))
    assert umur == {"17-30": "4", "31-45": "3", "46-60": "kurang dari 3"}  # one person aged 46-60
    pendidikan = dict(cells(table(lengkap, "/survei/2026/", "Pendidikan")))
    assert pendidikan == {"S1": "kurang dari 3", "SMA": "5", "SMP": "kurang dari 3"}


def test_nothing_a_respondent_wrote_is_published(lengkap: Built) -> None:
    everything = lengkap.all_text()
    for text in ("Antre lama", "tambah kursi", "Pelayanan cepat, terima kasih", "9:15:02"):
        assert text not in everything


def test_an_indonesian_spreadsheet_s_file_reads_too(lengkap: Built) -> None:
    soup = lengkap.soup("/survei/2025/")
    assert soup.select_one(".indeks-nilai").get_text() == "74,31"
    assert soup.select_one(".indeks-mutu").get_text() == "Mutu C: Kurang baik"
    assert "Sarana dan prasarana dinilai paling rendah" in soup.get_text()


def test_periods_newest_first_with_the_trend(lengkap: Built) -> None:
    index = cells(table(lengkap, "/survei/", "Indeks kepuasan masyarakat"))
    assert [(row[0], row[2], row[3]) for row in index] == [
        ("Survei Kepuasan Masyarakat 2026", "84,13", "B (Baik)"),
        ("Survei Kepuasan Masyarakat 2025", "74,31", "C (Kurang baik)"),
    ]
    trend = cells(table(lengkap, "/survei/2026/", "Perkembangan"))
    assert [row[1] for row in trend] == ["74,31", "84,13"]  # oldest first, as a trend reads


def test_the_chart_shows_the_table_s_numbers(lengkap: Built) -> None:
    soup = lengkap.soup("/survei/2026/")
    svg = soup.select_one("figure.grafik svg")
    assert svg["role"] == "img" and soup.find(id=svg["aria-labelledby"])
    labels = [t.get_text() for t in svg.find_all("text")][1::2]  # number, value, number, value …
    assert labels == list(NRR_2026.values())
    # Bars 0-4 over 330 units: 3.5 -> 288.75 -> 288.8 (the template rounds to one decimal).
    averages = [28 / 8, 29 / 8, 19 / 8, 32 / 8, 28 / 8, 26 / 8, 30 / 8, 24 / 8, 23 / 7]
    assert [float(r["width"]) for r in svg.find_all("rect")] == [round(a / 4 * 330, 1) for a in averages]


def test_the_home_page_shows_the_latest_index(lengkap: Built) -> None:
    section = lengkap.soup("/").select_one("#kepuasan").parent
    assert "84,13" in section.get_text() and section.find("a", href="/survei/2026/")


def test_open_data_has_the_page_s_figures_and_its_schema(lengkap: Built) -> None:
    data = json.loads(lengkap.text("/api/survei.json"))
    schema = json.loads(lengkap.text("/api/survei.schema.json"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    latest = data["periode"][0]
    assert (latest["periode"], latest["nilai"], latest["mutu"], latest["responden"]) == ("2026", 84.13, "B", 8)
    shown = [
        f"{Decimal(str(u['nrr'])).quantize(Decimal('0.01'), rounding='ROUND_HALF_UP')}".replace(".", ",")
        for u in latest["unsur"]
    ]
    assert shown == list(NRR_2026.values())
    assert latest["layanan"][1] == {
        "slug": "layanan-lengkap",
        "responden": 4,
        "nilai": 83.33,
        "mutu": "B",
        "kinerja": "Baik",
    }
    assert {"nilai": "46-60", "responden": None} in latest["profil"]["umur"]


def test_a_feed_item_per_period(lengkap: Built) -> None:
    entries = parse(lengkap, "/feeds/survei.xml").entries
    assert [e.title for e in entries] == [
        "Hasil Survei Kepuasan Masyarakat 2026",
        "Hasil Survei Kepuasan Masyarakat 2025",
    ]
    assert "84,13 (mutu B, baik) dari 8 responden" in entries[0].summary


MALFORMED = [
    ("a score outside 1-4", ('"4","4","3","4"', '"4","5","3","4"'), r"content/survei/2026\.csv:2: unsur\.prosedur: nilai '5' bukan 1-4"),
    ("a word for a score", ('"3","4","2","4","3"', '"3","4","baik","4","3"'), r"content/survei/2026\.csv:3: unsur\.waktu: nilai 'baik' bukan 1-4"),
    ("a header that maps to nothing", ('"Pekerjaan utama"', '"Pekerjaan sekarang"'), r"content/survei/2026\.csv:1: kolom 16: judul kolom 'Pekerjaan sekarang' tidak dikenal"),
    ("a row with a column too few", (',"PNS",""', ',"PNS"'), r"content/survei/2026\.csv:3: \(baris\): baris ini punya 16 kolom, judulnya 17"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "expected"), [case[1:] for case in MALFORMED], ids=[case[0] for case in MALFORMED])
def test_a_malformed_file_is_named_by_row_and_column(project, change: tuple[str, str], expected: str) -> None:
    project.edit("survei/2026.csv", *change)
    code, output = project.check()
    assert code == 1, output
    assert re.search(expected, output, re.M), output


def test_a_column_the_yaml_names_but_the_file_lacks(project) -> None:
    project.edit("survei/2025.yaml", "  waktu: Waktu\n", "  waktu: Waktu penyelesaian\n")
    code, output = project.check()
    assert code == 1
    assert re.search(
        r"^content/survei/2025\.yaml:\d+: unsur\.waktu: kolom 'Waktu penyelesaian' tidak ada di content/survei/2025\.csv",
        output,
        re.M,
    )
    assert "content/survei/2025.csv:1: kolom 3: judul kolom 'Waktu' tidak dikenal" in output  # both, in one run


def test_answers_without_their_description_or_the_reverse(project) -> None:
    (project.content / "survei" / "2026.csv").unlink()
    code, output = project.check()
    assert (
        code == 1 and "content/survei/2026.yaml:1: (berkas): jawaban survei content/survei/2026.csv tidak ada" in output
    )
