"""A change in the history, field by field, in the clerk's words."""

from __future__ import annotations

from layanan.editor import changes, entries
from tests.conftest import SAMPLE

SKU = (SAMPLE / "layanan" / "sku.md").read_text()
PATH = "content/layanan/sku.md"


def saved(text: str) -> str:
    """The file as the editor writes it after a clerk changes the form to ``text``."""
    return entries.from_editor(PATH, entries.to_editor(PATH, text), SKU)


def test_an_added_requirement_is_named_by_its_document():
    after = saved(SKU.replace("  - Foto tempat usaha\n", "  - Foto tempat usaha\n  - Surat pengantar RT\n"))
    assert changes.fields(PATH, SKU, after) == ["Persyaratan: ditambah “Surat pengantar RT”"]


def test_an_edited_item_reads_as_changed_from_to():
    after = saved(SKU.replace("Foto tempat usaha", "Foto tempat usaha, tampak depan"))
    assert changes.fields(PATH, SKU, after) == [
        "Persyaratan: “Foto tempat usaha” diubah menjadi “Foto tempat usaha, tampak depan”"
    ]


def test_a_text_field_and_the_body_each_get_a_line():
    after = SKU.replace("ringkasan: ", "ringkasan: Baru. ", 1).rstrip("\n") + "\n\nParagraf baru.\n"
    lines = changes.fields(PATH, SKU, after)
    assert lines[0].startswith("Ringkasan: “") and " diubah menjadi “Baru. " in lines[0]
    assert lines[-1] == "Isi: diubah"


def test_saving_unchanged_changes_nothing():
    assert changes.fields(PATH, SKU, saved(SKU)) == []


def test_a_changed_requirement_dates_the_service_and_adds_a_history_line_in_words():
    after = saved(SKU.replace("  - Foto tempat usaha\n", "  - Foto tempat usaha\n  - Surat pengantar RT\n"))
    stamped = changes.stamp(PATH, SKU, after, "2026-12-04")
    data, _ = entries.parts(PATH, stamped)
    assert data["diperbarui"] == "2026-12-04"
    assert data["riwayat"][-1] == {"tanggal": "2026-12-04", "perubahan": "Persyaratan: ditambah “Surat pengantar RT”"}


def test_a_history_line_the_clerk_wrote_is_kept_instead():
    mine = "riwayat:\n  - tanggal: 2026-12-04\n    perubahan: Surat pengantar RT kini diminta.\n"
    after = SKU.replace("  - Foto tempat usaha\n", "  - Foto tempat usaha\n  - Surat pengantar RT\n")
    after = after.replace("\n---\n", "\n" + mine + "---\n", 1) if "riwayat:" not in SKU else after
    data, _ = entries.parts(PATH, changes.stamp(PATH, SKU, after, "2026-12-04"))
    assert [r["perubahan"] for r in data["riwayat"]][-1] == "Surat pengantar RT kini diminta."


def test_a_change_to_the_summary_alone_keeps_the_date():
    after = SKU.replace("ringkasan: ", "ringkasan: Baru. ", 1)
    assert changes.stamp(PATH, SKU, after, "2026-12-04") == after
