"""The content model: each field declared once, and records that hold what their declarations say."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from typeguard import check_type

from conftest import LENGKAP, ROOT, SAMPLE
from layanan.content import model, schema
from sites import site_of

RECORDS = [model.Layanan, model.Pengumuman, model.Kelurahan, model.Halaman, model.Situs]


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_every_field_has_a_label_and_a_required_field_has_no_default(cls: type) -> None:
    declared = schema.fields_of(cls)
    assert declared
    for field in dataclasses.fields(cls):
        if field.name not in declared:
            continue
        assert declared[field.name].label, field.name
        has_default = field.default is not dataclasses.MISSING
        assert has_default != declared[field.name].required, field.name


@pytest.mark.parametrize("content", [SAMPLE, LENGKAP], ids=["sample", "lengkap"])
def test_every_record_holds_values_of_its_declared_types(content) -> None:
    """What the checks made of real content, against each field's annotation (typeguard)."""
    site = site_of(content)
    records = [site.situs, *site.layanan, *site.pengumuman, *site.kelurahan, *site.halaman]
    checked = 0
    for record in records:
        hints = typing.get_type_hints(type(record), vars(model))
        for field in dataclasses.fields(record):
            check_type(getattr(record, field.name), hints[field.name])
            checked += 1
    assert checked > 200


DECLARED = """\
import dataclasses
import datetime as dt

from layanan.content import schema
from layanan.content.schema import spec


@dataclasses.dataclass(frozen=True, kw_only=True)
class Contoh:
    judul: {judul} = spec(schema.line, required=True, label="Judul")
    tanggal: {tanggal} = spec(schema.date, label="Tanggal")
    butir: {butir} = spec(schema.list_of(schema.whole_number), default=(), label="Butir")
"""


def test_mypy_holds_each_declaration_to_its_validator_s_type(tmp_path: Path) -> None:
    """spec() is typed: a field annotated otherwise than its validator's value is a type error, before any test."""
    right = tmp_path / "benar.py"
    right.write_text(DECLARED.format(judul="str", tanggal="dt.date | None", butir="tuple[int, ...]"))
    wrong = tmp_path / "salah.py"
    wrong.write_text(DECLARED.format(judul="int", tanggal="dt.date", butir="tuple[str, ...]"))
    command = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), str(right), str(wrong)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    errors = [line.split(":")[:2] for line in result.stdout.splitlines() if ": error:" in line]
    assert [(Path(path).name, line) for path, line in errors] == [("salah.py", n) for n in ("10", "11", "12")], (
        result.stdout
    )


def test_nested_values_are_records_too() -> None:
    site = site_of(LENGKAP)
    service = next(s for s in site.layanan if s.slug == "layanan-lengkap")
    assert {type(r) for r in service.persyaratan} <= {model.Dokumen, model.SalahSatu}
    assert all(isinstance(f, model.Berkas) for f in service.formulir)
    assert all(isinstance(r, model.Riwayat) for r in service.riwayat)
    assert all(isinstance(t, model.Tautan) for t in site.situs.pengaduan)
