"""Survey answers in, the regulation's index out: figures computed by hand, malformed files named by row and column."""

from __future__ import annotations

import csv
import json
import re
import shutil
from decimal import Decimal

import jsonschema
import pytest
from checkers import parse

from conftest import LENGKAP, SAMPLE, Built, build_site
from layanan.content import skm

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
    ("a word for a score", ('"3","4","2","4","3"', '"3","4","baik","4","3"'), r"content/survei/2026\.csv:3: unsur\.waktu: jawaban 'baik' tidak dikenal \(baris 3, 9\); tulis angka 1-4 atau kata kuesioner: Tidak cepat \(1\), Kurang cepat \(2\), Cepat \(3\), Sangat cepat \(4\); kata lain diberi nilai di content/survei/2026\.yaml bagian 'jawaban:'$"),
    # Row 8 of the spreadsheet is line 9 of the file: row 7's answer "Tolong\ntambah kursi" spans two lines.
    ("a spreadsheet row, not a text line", ('"4","4","3","4","4","3","4","3",""', '"4","4","3","4","4","3","4","3","7"'), r"content/survei/2026\.csv:8: unsur\.sarana: nilai '7' bukan 1-4 \(baris 8\)"),
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


# --- answers as the forms export them ------------------------------------------------------------------


def rewrite(project, name: str, change) -> None:
    """Rewrite content/survei/<name> cell by cell: ``change(header, row)`` returns the new row."""
    path = project.content / "survei" / name
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([rows[0], *(change(rows[0], row) for row in rows[1:])])


def column(header: list[str], key: str) -> int:
    """The position of an element's column in 2026.csv (its questions are numbered U1-U9 in skm.yaml's order)."""
    return header.index(next(h for h in header if h.startswith(f"U{list(skm.ELEMENTS).index(key) + 1}.")))


def in_words(header: list[str], row: list[str]) -> list[str]:
    """Each score as the questionnaire's word, written the ways forms and clerks write them."""
    styles = (str, str.upper, lambda w: f"  {w.lower()} ", lambda w: f"d. {w}")
    row = list(row)
    for n, key in enumerate(skm.ELEMENTS):
        i = column(header, key)
        if row[i]:
            row[i] = styles[n % 4](skm.ANSWERS[key][int(row[i]) - 1])
    return row


def test_answers_exported_as_words_give_the_same_figures(project, tmp_path) -> None:
    rewrite(project, "2026.csv", in_words)
    assert "Sangat sesuai" in (project.content / "survei" / "2026.csv").read_text(encoding="utf-8")
    built = build_site(project.content, tmp_path / "output")
    soup = built.soup("/survei/2026/")
    assert soup.select_one(".indeks-nilai").get_text() == "84,13"
    assert [row[2] for row in cells(table(built, "/survei/2026/", "Nilai rata-rata (NRR)"))] == list(NRR_2026.values())


def test_a_survey_may_give_its_own_words_a_score(project, tmp_path) -> None:
    own = {4: "Sangat puas", 3: "Puas", 2: "Kurang puas", 1: "Tidak puas"}
    rewrite(
        project,
        "2026.csv",
        lambda header, row: [own[int(c)] if c in "1234" and c and i in range(1, 10) else c for i, c in enumerate(row)],
    )
    code, output = project.check()
    assert code == 1 and "jawaban 'Sangat puas' tidak dikenal (baris 2, 3, 4, 6, 7 dan 1 lainnya)" in output
    project.edit(
        "survei/2026.yaml",
        "ambang_sel: 3\n",
        "ambang_sel: 3\njawaban:\n  Sangat puas: 4\n  Puas: 3\n  Kurang puas: 2\n  Tidak puas: 1\n",
    )
    built = build_site(project.content, tmp_path / "output")
    assert built.soup("/survei/2026/").select_one(".indeks-nilai").get_text() == "84,13"


def test_a_survey_s_word_must_score_within_the_scale(project) -> None:
    project.edit("survei/2026.yaml", "ambang_sel: 3\n", "ambang_sel: 3\njawaban:\n  Puas sekali: 5\n")
    code, output = project.check()
    assert code == 1 and re.search(
        r"^content/survei/2026\.yaml:\d+: jawaban\.Puas sekali: harus 1 sampai 4, bukan 5$", output, re.M
    )


# --- services and kelurahan named the way respondents write them -----------------------------------------


def renamed(names: dict[str, str]):
    def change(header: list[str], row: list[str]) -> list[str]:
        return [names.get(cell, cell) for cell in row]

    return change


def test_every_unknown_name_is_an_error_once_with_a_guess(project) -> None:
    rewrite(
        project,
        "2026.csv",
        renamed(
            {
                "Layanan Kedua": "Lay. Kedua",
                "Kelurahan Desa B": "Kel. Desa B",
                "Desa B": "Kel. Desa B",
                "desa a": "Desaa",
            }
        ),
    )
    code, output = project.check()
    assert code == 1
    problems = [line for line in output.splitlines() if "tidak dikenal" in line]
    assert problems == [
        "content/survei/2026.csv:4: kolom.kelurahan: kelurahan 'Kel. Desa B' tidak dikenal (baris 4, 6, 7); maksud "
        "Anda 'Kelurahan Desa B'? tulis judul kelurahan atau alamatnya (slug), atau petakan di "
        "content/survei/2026.yaml bagian 'nama_lain:', misalnya \"Kel. Desa B\": desa-b",
        "content/survei/2026.csv:5: kolom.kelurahan: kelurahan 'Desaa' tidak dikenal (baris 5); maksud Anda "
        "'Kelurahan Desa A'? tulis judul kelurahan atau alamatnya (slug), atau petakan di content/survei/2026.yaml "
        "bagian 'nama_lain:', misalnya \"Desaa\": desa-a",
        "content/survei/2026.csv:6: kolom.layanan: layanan 'Lay. Kedua' tidak dikenal (baris 6, 7, 8); maksud Anda "
        "'Layanan Kedua'? tulis judul layanan atau alamatnya (slug), atau petakan di content/survei/2026.yaml bagian "
        "'nama_lain:', misalnya \"Lay. Kedua\": kedua",
    ]


def test_other_names_map_to_a_slug(project, tmp_path) -> None:
    rewrite(
        project,
        "2026.csv",
        renamed({"Layanan Kedua": "Lay. Kedua", "Desa B": "Kel. Desa B", "Kelurahan Desa B": "Kel. Desa B"}),
    )
    project.edit(
        "survei/2026.yaml",
        "ambang_sel: 3\n",
        'ambang_sel: 3\nnama_lain:\n  "Lay. Kedua": kedua\n  "kel.  desa b": desa-b\n',
    )
    built = build_site(project.content, tmp_path / "output")
    villages = {row[0]: row[1] for row in cells(table(built, "/survei/2026/", "Indeks per kelurahan"))}
    assert villages == {"Kelurahan Desa A": "5", "Kelurahan Desa B": "3"}  # as before: no row lost
    services = {row[0]: row[1] for row in cells(table(built, "/survei/2026/", "Indeks per layanan"))}
    assert services == {"Layanan Kedua": "3", "Layanan Lengkap": "4"}


def test_another_name_for_something_that_does_not_exist(project) -> None:
    project.edit("survei/2026.yaml", "ambang_sel: 3\n", "ambang_sel: 3\nnama_lain:\n  Rahasia: rahasia\n")
    code, output = project.check()  # rahasia is a draft: not published, so not a name answers may use
    assert code == 1 and re.search(
        r"^content/survei/2026\.yaml:\d+: nama_lain\.Rahasia: 'rahasia' bukan alamat \(slug\) layanan atau kelurahan yang terbit$",
        output,
        re.M,
    )


# --- who counts, and what the page says ------------------------------------------------------------------


def test_a_tie_for_the_lowest_names_every_element(project, tmp_path) -> None:
    def tie(header: list[str], row: list[str]) -> list[str]:
        row = list(row)
        row[column(header, "pengaduan")] = row[column(header, "waktu")]
        return row

    rewrite(project, "2026.csv", tie)
    built = build_site(project.content, tmp_path / "output")
    assert (
        "Waktu penyelesaian dan Penanganan pengaduan, saran dan masukan dinilai paling rendah"
        in built.soup("/survei/2026/").get_text()
    )
    assert json.loads(built.text("/api/survei.json"))["periode"][0]["terendah"] == ["waktu", "pengaduan"]
    assert (
        "Waktu penyelesaian dan Penanganan pengaduan, saran dan masukan dinilai paling rendah."
        in parse(built, "/feeds/survei.xml").entries[0].summary
    )
    assert len(built.soup("/survei/2026/").select("rect.rendah")) == 2


def test_a_row_without_a_score_is_no_respondent(project, tmp_path) -> None:
    with (project.content / "survei" / "2026.csv").open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, quoting=csv.QUOTE_ALL).writerow(
            [
                "2026/10/31 8:00:00 AM GMT+8",
                *[""] * 9,
                "Layanan Lengkap",
                "Desa A",
                "17-30",
                "Perempuan",
                "SMA",
                "PNS",
                "",
            ]
        )
    code, output = project.check()
    assert (
        code == 0
        and "content/survei/2026.csv:10: (baris): peringatan: baris 10 tidak berisi satu nilai pun; tidak dihitung sebagai responden"
        in output
    )
    built = build_site(project.content, tmp_path / "output")
    assert "dari 8 responden" in built.soup("/survei/2026/").get_text()
    assert dict(cells(table(built, "/survei/2026/", "Pekerjaan")))["PNS"] == "kurang dari 3"  # still 1, not 2


def test_an_element_nobody_answered_is_an_error(project) -> None:
    def blank(header: list[str], row: list[str]) -> list[str]:
        row = list(row)
        row[column(header, "biaya")] = ""
        return row

    rewrite(project, "2026.csv", blank)
    code, output = project.check()
    assert code == 1 and re.search(
        r"^content/survei/2026\.yaml:\d+: unsur\.biaya: kolom 'U4\. .*' tidak berisi satu jawaban pun; indeks dihitung dari 9 unsur, jadi setiap unsur perlu jawaban$",
        output,
        re.M,
    )


def test_answers_without_a_description_are_a_warning(project) -> None:
    shutil.copy(project.content / "survei" / "2025.csv", project.content / "survei" / "2024.csv")
    code, output = project.check()
    assert code == 0
    assert (
        "content/survei/2024.csv:1: (berkas): peringatan: tidak ada content/survei/2024.yaml yang menjelaskan jawaban ini; jawaban ini tidak diterbitkan sampai berkas itu dibuat"
        in output
    )


def test_open_data_rounds_as_the_page_does(project, tmp_path) -> None:
    # 32 respondents: persyaratan sums to 101, 101/32 = 3.15625 -> 3.1563 (half up; half to even gives 3.1562).
    header = ["P", "Q", "W", "B", "R", "K", "L", "A", "S"]
    rows = [[4 if i < 5 else 3] + [3] * 8 for i in range(32)]
    project.write("survei/2025.csv", "\n".join(",".join(map(str, r)) for r in [header, *rows]) + "\n")
    project.write(
        "survei/2025.yaml",
        (project.content / "survei" / "2025.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "Persyaratan\n  prosedur: Prosedur\n  waktu: Waktu\n  biaya: Biaya\n  produk: Produk\n  kompetensi: Kompetensi\n  perilaku: Perilaku\n  pengaduan: Pengaduan\n  sarana: Sarana",
            "P\n  prosedur: Q\n  waktu: W\n  biaya: B\n  produk: R\n  kompetensi: K\n  perilaku: L\n  pengaduan: A\n  sarana: S",
        ),
    )
    built = build_site(project.content, tmp_path / "output")
    periode = next(p for p in json.loads(built.text("/api/survei.json"))["periode"] if p["periode"] == "2025")
    assert periode["unsur"][0]["nrr"] == 3.1563
    assert cells(table(built, "/survei/2025/", "Nilai rata-rata (NRR)"))[0][2] == "3,16"


def test_the_page_says_how_the_index_is_computed(lengkap: Built) -> None:
    section = lengkap.soup("/survei/2026/").find(id="cara-menghitung").parent
    text = section.get_text(" ", strip=True)
    assert "Permenpan RB Nomor 14 Tahun 2017" in text
    assert "jumlah NRR 9 unsur × 1/9" in text and "indeks × 25" in text
    assert (
        "A (sangat baik) 88,31 sampai 100,00; B (baik) 76,61 sampai 88,30; C (kurang baik) 65,00 sampai 76,60; D (tidak baik) 25,00 sampai 64,99."
        in text
    )
    assert "“Tidak sesuai” 1 sampai “Sangat sesuai” 4" in text


def test_names_respondents_wrote_in_the_sample_site(project) -> None:
    """The names an outside probe wrote for the shipped sample's services and kelurahan: each a guess."""
    shutil.rmtree(project.content)
    shutil.copytree(SAMPLE, project.content)
    shutil.copytree(LENGKAP / "survei", project.content / "survei")
    (project.content / "survei" / "2025.yaml").unlink()
    (project.content / "survei" / "2025.csv").unlink()
    written = {
        "Layanan Lengkap": "KTP-el hilang",
        "layanan-lengkap": "KTP-el hilang",
        "layanan lengkap": "KTP-el hilang",
    }
    written |= {
        "Layanan Kedua": "akta lahir",
        "Desa A": "Kel. Karang Asam Ulu",
        "desa a": "Lokbahu",
        "Kelurahan Desa B": "Lokbahu",
        "Desa B": "Loa Buah",
    }
    rewrite(project, "2026.csv", renamed(written))
    code, output = project.check()
    guesses = re.findall(
        r"^content/survei/2026\.csv:(\d+): kolom\.\w+: \w+ '([^']+)' tidak dikenal \(([^)]+)\); maksud Anda '([^']+)'\?",
        output,
        re.M,
    )
    assert "Loa Buah" not in output  # a name written as the site writes it, without "Kelurahan", is known
    assert code == 1 and guesses == [
        ("2", "Kel. Karang Asam Ulu", "baris 2, 3, 8, 9", "Kelurahan Karang Asam Ulu"),
        ("2", "KTP-el hilang", "baris 2, 3, 4, 5", "Penggantian KTP-el Hilang atau Rusak"),
        ("4", "Lokbahu", "baris 4, 5", "Kelurahan Lok Bahu"),
        ("6", "akta lahir", "baris 6, 7, 8", "Akta Kelahiran"),
    ]
