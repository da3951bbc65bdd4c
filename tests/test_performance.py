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
