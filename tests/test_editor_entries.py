"""Files to and from Decap's form shape, and the one YAML style the editor writes."""

from __future__ import annotations

import pytest

from layanan.editor import entries
from layanan.frontmatter import load_yaml, split
from tests.conftest import LENGKAP, SAMPLE


@pytest.mark.parametrize("value", ["50.000", "08:00", "0812", "yes", "no", "on", "null", "~", "1e3", "-1", "0x1F",
                                   "[ISI: waktu]", "a: b", "- butir", "#tagar", " spasi", "'kutip", "@nama", ".inf"])  # fmt: skip
def test_text_that_yaml_could_misread_is_written_in_double_quotes_and_reads_back_the_same(value: str):
    written = entries.dump({"nilai": value})
    assert written.startswith('nilai: "'), written
    doc, problems = load_yaml(written, "x.yaml")
    assert problems == [] and doc.data == {"nilai": value}


def test_plain_text_dates_and_numbers_stay_plain():
    assert entries.dump({"judul": "Akta Kematian", "diperbarui": "2026-11-20", "biaya": 0, "populer": True}) == (
        "judul: Akta Kematian\ndiperbarui: 2026-11-20\nbiaya: 0\npopuler: true\n"
    )


def test_lists_are_indented_under_their_key():
    assert entries.dump({"kanal": ["loket", "whatsapp"]}) == "kanal:\n  - loket\n  - whatsapp\n"


def test_requirements_become_typed_objects_and_come_back_in_their_shortest_form():
    text = (SAMPLE / "layanan" / "ktp-el-hilang-rusak.md").read_text()
    path = "content/layanan/ktp-el-hilang-rusak.md"
    shown, _ = split(entries.to_editor(path, text), path)
    items = shown.doc.data["persyaratan"]
    assert [item["jenis"] for item in items] == ["salah_satu", "dokumen", "dokumen"]
    assert items[2] == {"jenis": "dokumen", "dokumen": "Formulir F-1.02, diisi di loket"}
    assert items[1]["jumlah"] == "1"  # a number typed in a text box
    assert shown.doc.data["biaya"] == "0"
    assert entries.from_editor(path, entries.to_editor(path, text), text) == text


def test_a_date_alone_is_midnight_in_the_form_and_a_date_alone_again_in_the_file():
    text = (SAMPLE / "pengumuman" / "2026-09-01-pendataan-sktm.md").read_text()
    path = "content/pengumuman/2026-09-01-pendataan-sktm.md"
    assert "tanggal: 2026-09-01 00:00" in entries.to_editor(path, text)
    assert "tanggal: 2026-09-01\n" in entries.from_editor(path, entries.to_editor(path, text), text)


def test_a_list_sends_the_data_without_the_body():
    text = (SAMPLE / "pengumuman" / "2026-09-01-pendataan-sktm.md").read_text()
    listed = entries.to_editor("content/pengumuman/2026-09-01-pendataan-sktm.md", text, listing=True)
    assert listed.startswith("---\njudul: ") and listed.endswith("---\n")


def test_empty_optional_fields_and_defaults_are_left_out_and_keys_keep_the_file_s_order():
    previous = "---\njudul: Kontak\nmenu: 2\n---\nIsi.\n"
    raw = "---\nringkasan: ''\njudul: Kontak\nmenu: 2\ndraf: false\n---\nIsi.\n"
    assert entries.from_editor("content/halaman/kontak.md", raw, previous) == previous


def test_every_fixture_file_round_trips_to_the_same_text_or_the_same_meaning():
    for folder in (SAMPLE, LENGKAP):
        for file in [*sorted(folder.rglob("*.md")), folder / "situs.yaml"]:
            path = "content/" + file.relative_to(folder).as_posix()
            text = file.read_text()
            back = entries.from_editor(path, entries.to_editor(path, text), text)
            if path.endswith(".yaml"):
                assert load_yaml(back, path)[0].data == load_yaml(text, path)[0].data, path
            else:
                assert split(back, path)[0].body.strip() == split(text, path)[0].body.strip(), path


def test_files_the_editor_does_not_know_pass_through_untouched():
    assert entries.to_editor("content/berkas/catatan.md", "bukan: [yaml") == "bukan: [yaml"
    broken = "---\njudul: [tidak ditutup\n---\n"
    assert entries.from_editor("content/layanan/x.md", broken) == broken  # the checks will say what is wrong
