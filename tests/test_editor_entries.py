"""Files to and from Decap's form shape, and the one YAML style the editor writes."""

from __future__ import annotations

import pytest

from layanan.base.frontmatter import load_yaml, split
from layanan.editor import entries
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


def test_a_date_is_text_in_the_form_as_in_the_file():
    text = (SAMPLE / "pengumuman" / "2026-09-01-pendataan-sktm.md").read_text()
    path = "content/pengumuman/2026-09-01-pendataan-sktm.md"
    shown, _ = split(entries.to_editor(path, text), path)
    assert shown.doc.data["tanggal"] == "2026-09-01"
    assert "tanggal: 2026-09-01\n" in entries.from_editor(path, entries.to_editor(path, text), text)


@pytest.mark.parametrize(("typed", "written"), [("2026-12-31", "2026-12-31"), ("2026-12-31 08.00", "2026-12-31 08:00"),
                                                ("2026-12-31 8:30", "2026-12-31 8:30"), ("2026-12-31 00:00", "2026-12-31")])  # fmt: skip
def test_a_date_time_is_written_as_the_format_reads_it(typed: str, written: str):
    path = "content/pengumuman/2026-12-31-acara.md"
    raw = f"---\njudul: Acara\ntanggal: {typed}\nkategori: Layanan\n---\nIsi.\n"
    assert f"tanggal: {written}\n" in entries.from_editor(path, raw)


SKU = (SAMPLE / "layanan" / "sku.md").read_text()
SKU_PATH = "content/layanan/sku.md"


def edited(old: str, new: str) -> str:
    assert old in SKU
    return entries.from_editor(SKU_PATH, entries.to_editor(SKU_PATH, SKU.replace(old, new, 1)), SKU)


def test_the_form_carries_the_version_it_was_opened_from_and_the_file_never_does():
    shown = entries.to_editor(SKU_PATH, SKU)
    assert entries.version(SKU_PATH, shown) == entries.blob_id(SKU.encode())
    assert entries.VERSION_FIELD not in entries.from_editor(SKU_PATH, shown, SKU)
    assert entries.version(SKU_PATH, SKU) is None  # a new item: nothing to merge with


def test_saves_of_different_fields_from_one_version_merge():
    requirement = edited("  - Foto tempat usaha\n", "  - Foto tempat usaha\n  - Surat pengantar RT\n")
    summary = SKU.split("ringkasan: ", 1)[1].split("\n", 1)[0]
    retitled = edited(f"ringkasan: {summary}", "ringkasan: Untuk warga yang membuka usaha.")
    merged = entries.merge(SKU_PATH, SKU, requirement, retitled)
    assert "  - Surat pengantar RT\n" in merged and "ringkasan: Untuk warga yang membuka usaha.\n" in merged
    assert merged == entries.merge(SKU_PATH, SKU, retitled, requirement)  # either order, the same file


def test_saves_that_change_one_field_differently_overlap_and_name_it():
    one = edited("  - Foto tempat usaha\n", "  - Foto tempat usaha\n  - Surat pengantar RT\n")
    other = edited("  - Foto tempat usaha\n", "  - Foto tempat usaha, tampak depan\n")
    with pytest.raises(entries.Overlap) as overlap:
        entries.merge(SKU_PATH, SKU, one, other)
    assert overlap.value.keys == ["persyaratan"]


def test_the_same_change_twice_is_no_overlap_and_a_body_change_merges_with_a_field():
    one = edited("  - Foto tempat usaha\n", "  - Foto tempat usaha\n  - Surat pengantar RT\n")
    assert entries.merge(SKU_PATH, SKU, one, one) == one
    body = SKU.rstrip("\n") + "\n\nCatatan baru untuk warga.\n"
    merged = entries.merge(SKU_PATH, SKU, one, entries.from_editor(SKU_PATH, entries.to_editor(SKU_PATH, body), SKU))
    assert "Catatan baru untuk warga." in merged and "Surat pengantar RT" in merged


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


def test_every_sample_and_fixture_file_opened_and_saved_unchanged_is_byte_for_byte_the_same():
    for folder in (SAMPLE, LENGKAP):
        for file in [*sorted(folder.rglob("*.md")), folder / "situs.yaml"]:
            path = "content/" + file.relative_to(folder).as_posix()
            if entries.fields_of(path) is None:
                continue
            text = file.read_text()
            assert entries.from_editor(path, entries.to_editor(path, text), text) == text, path


def test_a_change_to_one_field_leaves_the_other_lines_as_they_were_written():
    previous = (
        "---\njudul: Surat Keterangan Usaha\nkanal: [whatsapp, loket]  # dua cara\nbiaya: 0\n"
        "ringkasan: 'Untuk pelaku usaha.'\n---\nCatatan.\n"
    )
    path = "content/layanan/sku.md"
    form = entries.to_editor(path, previous).replace("Untuk pelaku usaha.", "Untuk pelaku usaha mikro.")
    assert entries.from_editor(path, form, previous) == previous.replace(
        "ringkasan: 'Untuk pelaku usaha.'", "ringkasan: Untuk pelaku usaha mikro."
    )
