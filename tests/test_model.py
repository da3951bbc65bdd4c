"""The content model: each field declared once, and records that hold what their declarations say."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any

import pytest

from conftest import LENGKAP, SAMPLE
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


def conforms(value: Any, hint: Any) -> bool:
    """Whether ``value`` is of the annotated type (unions, tuples, Links and plain classes)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, arg) for arg in args)
    if hint is type(None):
        return value is None
    if origin is tuple and args[-1] is Ellipsis:
        return isinstance(value, tuple) and all(conforms(v, args[0]) for v in value)
    if origin is tuple:
        return isinstance(value, tuple) and len(value) == len(args) and all(map(conforms, value, args))
    if origin is model.Links:
        return (
            isinstance(value, model.Links)
            and len(value.items) == len(value.slugs)
            and all(conforms(v, args[0]) for v in value.items)
        )
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    return isinstance(value, hint)


@pytest.mark.parametrize("content", [SAMPLE, LENGKAP], ids=["sample", "lengkap"])
def test_every_record_holds_values_of_its_declared_types(content) -> None:
    site = site_of(content)
    records = [site.situs, *site.layanan, *site.pengumuman, *site.kelurahan, *site.halaman]
    checked = 0
    for record in records:
        hints = typing.get_type_hints(type(record), vars(model))
        for field in dataclasses.fields(record):
            value = getattr(record, field.name)
            assert conforms(value, hints[field.name]), (
                record.path if hasattr(record, "path") else "situs",
                field.name,
                value,
            )
            checked += 1
    assert checked > 200


def test_nested_values_are_records_too() -> None:
    site = site_of(LENGKAP)
    service = next(s for s in site.layanan if s.slug == "layanan-lengkap")
    assert {type(r) for r in service.persyaratan} <= {model.Dokumen, model.SalahSatu}
    assert all(isinstance(f, model.Berkas) for f in service.formulir)
    assert all(isinstance(r, model.Riwayat) for r in service.riwayat)
    assert all(isinstance(t, model.Tautan) for t in site.situs.pengaduan)
