"""/api/layanan.json: every published service with every field, one type per field, and its JSON Schema."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import Built
from layanan.content import model


def load(built: Built) -> dict:
    return json.loads(built.text("/api/layanan.json"))


def test_document_shape(lengkap: Built) -> None:
    data = load(lengkap)
    assert data["versi"] == 3
    assert data["dibuat"] == "2026-11-28T12:00:00+08:00"  # the build clock, in the site's zone
    assert [s["slug"] for s in data["layanan"]] == ["layanan-lengkap", "kedua"]


def test_dataset_metadata_for_a_portal(lengkap: Built) -> None:
    data = load(lengkap)
    assert data["skema"] == "https://kec-contoh.example.go.id/api/layanan.schema.json"
    assert data["judul"] == "Standar informasi layanan publik Kecamatan Contoh, Kota Uji"
    assert data["penerbit"] == {"nama": "Kecamatan Contoh", "url": "https://kec-contoh.example.go.id/"}
    assert data["kontak"] == {"email": "layanan@kec-contoh.example.go.id", "telepon": "0541 700100"}
    assert data["lisensi"]["url"] == "https://creativecommons.org/licenses/by/4.0/deed.id"
    assert data["diperbarui"] == max(s["diperbarui"] for s in data["layanan"])


@pytest.mark.parametrize("site", ["lengkap", "sample"])
def test_output_matches_the_published_schema(site: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(site)
    document_schema = json.loads(built.text("/api/layanan.schema.json"))
    jsonschema.Draft202012Validator.check_schema(document_schema)
    validator = jsonschema.Draft202012Validator(document_schema, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(load(built))] == []


def test_the_schema_catches_a_mixed_type(lengkap: Built) -> None:
    data = load(lengkap)
    data["layanan"][0]["biaya"] = 0  # version 1's shape
    document_schema = json.loads(lengkap.text("/api/layanan.schema.json"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, document_schema)


# Written out, not taken from model.FIELDS["layanan"] (which the code loops over): a field the open data
# drops, or one it adds without a decision, fails here.
PUBLISHED = {
    "alias", "biaya", "dasar_hukum", "diperbarui", "formulir", "judul", "kanal", "kata_kunci", "kategori",
    "penerbit", "persyaratan", "populer", "produk", "prosedur", "ringkasan", "riwayat", "slug", "tautan_daring",
    "tempat", "terkait", "url", "wajib_datang", "waktu", "standar", "konsultasi",
}  # fmt: skip


def test_every_field_of_every_service(lengkap: Built) -> None:
    for record in load(lengkap)["layanan"]:
        assert set(record) == PUBLISHED
    assert PUBLISHED - {"url"} == set(model.FIELDS["layanan"]) - {"draf"}  # every content field but the draft switch


def test_values_are_plain_json(lengkap: Built) -> None:
    full, minimal = load(lengkap)["layanan"]
    assert full["url"] == "https://kec-contoh.example.go.id/layanan/layanan-lengkap/"
    assert full["diperbarui"] == "2026-11-15"
    assert full["riwayat"] == [
        {"tanggal": "2026-10-01", "perubahan": "Persyaratan surat kuasa ditambahkan."},
        {"tanggal": "2026-11-15", "perubahan": "Waktu layanan dipersingkat."},
    ]
    assert full["persyaratan"][0] == {
        "dokumen": "KTP-el asli",
        "jumlah": None,
        "jumlah_teks": None,
        "keterangan": None,
        "jika": None,
        "opsional": False,
    }
    assert full["persyaratan"][1] == {
        "dokumen": "Kartu Keluarga",
        "jumlah": 2,
        "jumlah_teks": None,
        "keterangan": "Fotokopi.",
        "jika": None,
        "opsional": False,
    }
    assert full["formulir"] == [
        {
            "judul": "Formulir A",
            "berkas": "formulir-a.pdf",
            "url": "https://kec-contoh.example.go.id/berkas/formulir-a.pdf",
        }
    ]
    assert full["kanal"] == ["whatsapp", "loket", "daring"]
    assert full["biaya"] == {"rupiah": 0, "keterangan": None}
    assert minimal["biaya"] == {"rupiah": 50000, "keterangan": None}
    assert minimal["terkait"] == [] and minimal["populer"] is False and minimal["penerbit"] is None
    assert minimal["tempat"] == "Jalan Contoh Nomor 1"  # the office, when the service names no place


def test_drafts_absent(lengkap: Built) -> None:
    assert "rahasia" not in lengkap.text("/api/layanan.json").lower()
