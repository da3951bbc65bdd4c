"""Decap's config is generated from the schema the checks use: every field is in both or in neither."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from layanan.content import model, schema
from layanan.editor import config
from layanan.editor.entries import KIND_FIELD
from tests.conftest import SAMPLE

SITUS = yaml.safe_load((SAMPLE / "situs.yaml").read_text())
GENERATED = config.generate(SITUS, "main")


def collection(name: str) -> dict[str, Any]:
    return next(c for c in GENERATED["collections"] if c["name"] == name)


def fields_of(name: str) -> dict[str, dict[str, Any]]:
    found = collection(name)
    fields = found["files"][0]["fields"] if "files" in found else found["fields"]
    return {f["name"]: f for f in fields}


def walk(
    spec_fields: dict[str, schema.Field], decap: dict[str, dict[str, Any]], where: str, optional: bool = False
) -> int:
    """Assert every schema field (nested ones too) has a Decap field with its label and required flag.

    Inside an object that may be left empty nothing is required: Decap would insist on its parts otherwise.
    """
    count = 0
    for name, spec in spec_fields.items():
        assert name in decap, f"{where}.{name} is missing from the editor"
        field = decap[name]
        assert field["label"] == spec.label and spec.label, f"{where}.{name}"
        assert field["required"] == (spec.required and not optional), f"{where}.{name}"
        count += 1
        shape = spec.validator.shape
        inner = shape.item.shape if isinstance(shape, schema.ListOf) else shape
        if isinstance(inner, (schema.Mapping, schema.TextOr)):
            emptiable = optional or (inner is shape and not spec.required)
            count += walk(inner.fields, {f["name"]: f for f in field["fields"]}, f"{where}.{name}", emptiable)
        if isinstance(inner, schema.Requirement):
            types = {t["name"]: {f["name"]: f for f in t["fields"]} for t in field["types"]}
            count += walk(inner.document, types["dokumen"], f"{where}.{name}.dokumen")
            count += walk(inner.alternatives, types["salah_satu"], f"{where}.{name}.salah_satu")
            salah_satu = {f["name"]: f for f in types["salah_satu"]["salah_satu"]["fields"]}
            count += walk(inner.document, salah_satu, f"{where}.{name}.salah_satu.dokumen")
    assert set(decap) - set(spec_fields) <= {"body", "_versi"}, f"{where}: fields the checks do not know"
    return count


def test_every_field_of_every_kind_is_in_the_editor_with_its_label_and_required_flag():
    total = sum(walk(fields, fields_of(kind), kind) for kind, fields in model.FIELDS.items())
    total += walk(model.SITUS_FIELDS, fields_of("pengaturan"), "situs")
    assert total > 90


def test_a_field_added_to_the_schema_appears_in_the_editor(monkeypatch):
    monkeypatch.setitem(model.FIELDS["halaman"], "urutan_baru", schema.Field(schema.text, label="Urutan baru"))
    fields = {f["name"]: f for f in next(c for c in config.generate(SITUS, "main")["collections"]
                                          if c["name"] == "halaman")["fields"]}  # fmt: skip
    assert fields["urutan_baru"]["label"] == "Urutan baru"


def test_categories_are_chosen_from_situs_yaml():
    assert fields_of("layanan")["kategori"]["options"] == SITUS["kategori_layanan"]
    assert fields_of("pengumuman")["kategori"]["options"] == SITUS["kategori_pengumuman"]
    gratis = fields_of("pengaturan")["kategori_gratis"]
    assert (gratis["widget"], gratis["multiple"], gratis["options"]) == ("select", True, SITUS["kategori_layanan"])


def test_channels_are_a_multiple_choice_of_the_format_s_values():
    kanal = fields_of("layanan")["kanal"]
    assert (kanal["widget"], kanal["multiple"], kanal["min"]) == ("select", True, 1)
    assert [o["value"] for o in kanal["options"]] == list(model.KANAL)


def test_references_are_picked_by_title_never_typed():
    expected = {
        ("layanan", "terkait"): ("layanan", "judul"),
        ("pengumuman", "layanan"): ("layanan", "judul"),
        ("pengumuman", "kelurahan"): ("kelurahan", "nama"),
    }
    for (kind, name), (target, title) in expected.items():
        field = fields_of(kind)[name]
        assert field["widget"] == "relation"
        assert (field["collection"], field["display_fields"], field["multiple"]) == (target, [title], True)
        assert field["value_field"] == "{{slug}}"


@pytest.mark.parametrize(
    ("kind", "name", "good", "bad"),
    [
        ("layanan", "diperbarui", ["2026-12-31", " 2026-12-31 "], ["31/12/2026", "202612-31", "20266-12-31", "2026-12-31 08:00"]),
        ("pengumuman", "tanggal", ["2026-12-31", "2026-12-31 08:00", "2026-12-31 8.30"], ["31-12-2026", "2026-12-31T08:00"]),
    ],
)  # fmt: skip
def test_dates_are_typed_as_the_guide_says_and_checked_as_typed(kind: str, name: str, good: list, bad: list):
    """Not the browser's date box: in Indonesian Chromium it is dd/mm/yyyy, and '2026-12-31' typed into it was 1901."""
    field = fields_of(kind)[name]
    assert field["widget"] == "string"
    pattern, message = field["pattern"]
    assert all(re.match(pattern, value) for value in good)
    assert not any(re.match(pattern, value) for value in bad)
    assert "2026-12-31" in message and "2026-12-31" in field["hint"]


def test_every_form_carries_the_version_it_was_opened_from_hidden():
    for kind in model.FIELDS:
        assert fields_of(kind)["_versi"] == {"name": "_versi", "label": "Versi yang dibuka", "widget": "hidden",
                                             "required": False}  # fmt: skip


def test_draf_is_a_switch():
    for kind in model.FIELDS:
        assert fields_of(kind)["draf"]["widget"] == "boolean"


def test_requirements_are_a_list_of_two_kinds_of_item():
    field = fields_of("layanan")["persyaratan"]
    assert field["typeKey"] == KIND_FIELD
    assert [t["name"] for t in field["types"]] == ["dokumen", "salah_satu"]
    assert field["min"] == 1


def test_lists_of_text_keep_one_item_per_line():
    for name in ("prosedur", "dasar_hukum", "kata_kunci"):
        field = fields_of("layanan")[name]
        assert field["widget"] == "list" and field["field"]["widget"] in ("string", "text"), name


def test_the_backend_is_our_proxy_in_indonesian():
    assert GENERATED["backend"]["name"] == "proxy"
    assert GENERATED["backend"]["proxy_url"] == "/admin/api/v1"
    assert GENERATED["locale"] == "id"
    assert GENERATED["media_folder"] == "content/berkas"


def test_a_switch_whose_answer_is_unknown_until_set_has_no_default():
    """wajib_datang left alone must stay unwritten, not become 'false' (which the page shows as 'Ya')."""
    assert "default" not in fields_of("layanan")["wajib_datang"]
    assert fields_of("layanan")["populer"]["default"] is False
