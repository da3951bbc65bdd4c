"""/kinerja/ and /api/kinerja.json: how often each service keeps its standard time, from the status records."""

from __future__ import annotations

import json

import jsonschema

from conftest import Built, Project
from layanan.content.receipts import ALPHABET

# The fixture's finished files (tests/fixtures/lengkap/status/), all of Layanan Lengkap (1 hari kerja):
# M3RT-8HJW received Fri 20 Nov, ready Wed 25 Nov: 3 working days, late; W2HB-6KXT 27 -> 28 Oct and
# P9ZC-4NQE 5 -> 6 Oct (refused): 1 day each, on time. K7MQ-2XDA is not finished: not counted.


def test_the_figures_per_service_and_month_are_those_worked_out_by_hand(lengkap: Built) -> None:
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in lengkap.soup("/kinerja/").select("#kinerja-layanan-lengkap ~ table tbody tr")
    ]
    assert rows == [["November 2026", "1", "0 dari 1", "3"], ["Oktober 2026", "2", "2 dari 2", "1"]]
    assert "Waktu standar: 1 hari kerja" in lengkap.soup("/kinerja/").get_text(" ", strip=True)


def test_the_open_data_has_the_same_figures_and_follows_its_schema(lengkap: Built) -> None:
    data = json.loads(lengkap.text("/api/kinerja.json"))
    schema = json.loads(lengkap.text("/api/kinerja.schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    [service] = data["layanan"]
    assert (service["slug"], service["waktu_standar_hari_kerja"]) == ("layanan-lengkap", 1)
    assert service["bulan"] == [
        {"bulan": "2026-11", "selesai": 1, "tepat_waktu": 0, "median_hari_kerja": 3.0},
        {"bulan": "2026-10", "selesai": 2, "tepat_waktu": 2, "median_hari_kerja": 1.0},
    ]
    assert "K7MQ" not in lengkap.text("/api/kinerja.json") and "oleh" not in lengkap.text("/api/kinerja.json")


def test_ten_files_or_more_show_as_a_percentage(project: Project) -> None:
    records = "".join(
        f'  - kode: "AAAA-BB{ALPHABET[n]}{ALPHABET[n]}"\n    layanan: "layanan-lengkap"\n    kanal: "loket"\n'
        f'    riwayat:\n      - status: "diterima"\n        waktu: "2026-09-0{1 + n % 3} 09:00"\n        oleh: "sari"\n'
        f'      - status: "selesai"\n        waktu: "2026-09-{4 if n < 10 else 9:02d} 09:00"\n        oleh: "sari"\n'
        for n in range(12)
    )  # received Tue 1 to Thu 3 Sep; ten ready Fri 4 Sep (3, 2 or 1 days: those of the 3rd on time), two on Wed 9
    project.write("status/2026-09.yaml", "permohonan:\n" + records)
    code, output = project.run("build", "--output", "output")
    assert code == 0, output
    built = Built(project.dir / "output")
    row = [c.get_text(strip=True) for c in built.soup("/kinerja/").select("table tbody tr")[-1].select("th, td")]
    assert row[:3] == ["September 2026", "12", "25% (3 dari 12)"]


def test_a_service_page_sums_up_its_figures_and_lists_its_months(lengkap: Built) -> None:
    section = lengkap.soup("/layanan/layanan-lengkap/").select_one("#ketepatan").parent
    assert section.p.get_text(" ", strip=True).startswith(
        "Sejak Oktober 2026, 3 berkas selesai, 2 dari 3 dalam waktu standar 1 hari kerja. Biasanya 1 hari kerja (median)."
    )
    rows = [[c.get_text(strip=True) for c in row.select("th, td")] for row in section.select("details tbody tr")]
    assert rows == [["November 2026", "1", "0 dari 1", "3"], ["Oktober 2026", "2", "2 dari 2", "1"]]
    assert section.has_attr("data-pagefind-ignore")  # a finished file does not change the search index
    assert lengkap.soup("/layanan/kedua/").select_one("#ketepatan") is None  # no finished file, nothing said


def test_the_standard_s_evaluation_component_shows_them_only_where_the_office_chose_it(project: Project) -> None:
    def evaluation(built: Built, url: str) -> str:
        return built.soup(url).select_one("[id$=evaluasi_kinerja] td:last-child").get_text(" ", strip=True)

    assert project.run("build", "--output", "biasa")[0] == 0
    plain = Built(project.dir / "biasa")
    assert "Ketepatan waktu" not in evaluation(plain, "/layanan/layanan-lengkap/standar/")
    project.edit(
        "situs.yaml", "  berlaku_sejak: 2026-01-02", "  berlaku_sejak: 2026-01-02\n  kinerja_di_evaluasi: true"
    )
    assert project.run("build", "--output", "dipilih")[0] == 0
    chosen = Built(project.dir / "dipilih")
    for url in ("/layanan/layanan-lengkap/standar/", "/standar-pelayanan/"):
        text = evaluation(chosen, url)
        assert text.startswith("Evaluasi setiap tiga bulan berdasarkan survei kepuasan."), url
        assert (
            "Ketepatan waktu, dari status berkas yang tercatat: Sejak Oktober 2026, 3 berkas selesai, 2 dari 3" in text
        )
        assert "Rinciannya: https://kec-contoh.example.go.id/kinerja/" in text
