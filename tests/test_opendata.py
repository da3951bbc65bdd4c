"""/api/layanan.json: every published service with every field, ISO dates, absolute URLs."""

from __future__ import annotations

import json

from conftest import Built
from layanan import schema


def load(built: Built) -> dict:
    return json.loads(built.text("/api/layanan.json"))


def test_document_shape(lengkap: Built) -> None:
    data = load(lengkap)
    assert data["versi"] == 1
    assert data["dibuat"] == "2026-11-28T12:00:00+08:00"  # the build clock, in the site's zone
    assert [s["slug"] for s in data["layanan"]] == ["layanan-lengkap", "kedua"]


def test_every_field_of_every_service(lengkap: Built) -> None:
    fields = {name for name in schema.LAYANAN if name not in ("draf", "slug")} | {"slug", "url"}
    for record in load(lengkap)["layanan"]:
        assert set(record) == fields


def test_values_are_plain_json(lengkap: Built) -> None:
    full, minimal = load(lengkap)["layanan"]
    assert full["url"] == "https://kec-contoh.example.go.id/layanan/layanan-lengkap/"
    assert full["diperbarui"] == "2026-11-15"
    assert full["riwayat"] == [
        {"tanggal": "2026-10-01", "perubahan": "Persyaratan surat kuasa ditambahkan."},
        {"tanggal": "2026-11-15", "perubahan": "Waktu layanan dipersingkat."},
    ]
    assert full["persyaratan"][0] == {"dokumen": "KTP-el asli", "jumlah": None, "keterangan": None, "opsional": False}
    assert full["persyaratan"][1] == {
        "dokumen": "Kartu Keluarga",
        "jumlah": 2,
        "keterangan": "Fotokopi.",
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
    assert full["biaya"] == 0 and minimal["biaya"] == 50000
    assert minimal["terkait"] == [] and minimal["populer"] is False and minimal["penerbit"] is None
    assert minimal["tempat"] == "Jalan Contoh Nomor 1"  # the office, when the service names no place


def test_drafts_absent(lengkap: Built) -> None:
    assert "rahasia" not in lengkap.text("/api/layanan.json").lower()
