"""Open data: ``/api/layanan.json``, every published service with every field, and its JSON Schema (from the model).

Each field has one type whatever staff wrote (``biaya`` is always an object,
``jumlah`` always a whole number or null), so a consumer never branches on
the type; ``versi`` changes whenever a field does. The document carries what a
data portal needs to list it: title, publisher, contact, licence and when the
data was last checked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, assert_never

from layanan.content import model, routes, schema, skm
from layanan.content.model import Dokumen, Layanan, Links, SalahSatu
from layanan.render.filters import berkas_url
from layanan.site.index import Site

API_PATH = f"{routes.API}/layanan.json"
SCHEMA_PATH = f"{routes.API}/layanan.schema.json"
SCHEMA_SOURCE = Path(__file__).resolve().parent / "layanan.schema.json"
VERSION = 3  # 3: the Standar Pelayanan (standar, konsultasi; the office's standar, pengaduan, maklumat)
INTERNAL = {"draf", "slug"}


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Links):
        return list(value.slugs)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def fee(value: int | str) -> dict[str, Any]:
    """0 -> {"rupiah": 0, ...}; a text fee -> {"rupiah": null, "keterangan": text}."""
    if isinstance(value, int):
        return {"rupiah": value, "keterangan": None}
    return {"rupiah": None, "keterangan": value}


def document_record(item: Dokumen) -> dict[str, Any]:
    count = item.jumlah
    return {
        "dokumen": item.dokumen,
        "jumlah": count if isinstance(count, int) else None,
        "jumlah_teks": count if isinstance(count, str) else None,
        "keterangan": item.keterangan,
        "jika": item.jika,
        "opsional": item.opsional,
    }


def requirement(item: Dokumen | SalahSatu) -> dict[str, Any]:
    """A document, or {"salah_satu": [documents], "keterangan"}: bring any one of them."""
    if isinstance(item, SalahSatu):
        return {"salah_satu": [document_record(choice) for choice in item.salah_satu], "keterangan": item.keterangan}
    return document_record(item)


def service_record(site: Site, service: Layanan) -> dict[str, Any]:
    record: dict[str, Any] = {"slug": service.slug, "url": site.situs.url + service.url}
    for name in model.FIELDS["layanan"]:
        if name not in INTERNAL:
            record[name] = _plain(getattr(service, name))
    record["biaya"] = fee(service.biaya)
    record["persyaratan"] = [requirement(item) for item in service.persyaratan]
    record["formulir"] = [
        {"judul": f.judul, "berkas": f.berkas, "url": site.situs.url + berkas_url(f.berkas)} for f in service.formulir
    ]
    return record


def document(site: Site) -> dict[str, Any]:
    situs = site.situs
    checked = max((s.diperbarui for s in site.layanan), default=None)
    licence = situs.lisensi_data
    return {
        "versi": VERSION,
        "skema": f"{situs.url}/{SCHEMA_PATH}",
        "judul": f"Standar informasi layanan publik {situs.nama}, {situs.kota}",
        "penerbit": {"nama": situs.nama, "url": situs.url + "/"},
        "kontak": {"email": schema.known(situs.email), "telepon": schema.known(situs.telepon)},
        "lisensi": {"judul": licence.judul, "url": licence.url} if licence and schema.known(licence.url) else None,
        "diperbarui": checked.isoformat() if checked else None,
        "dibuat": site.now.isoformat(),
        "pengaduan": _plain(situs.pengaduan),
        "standar": _plain(situs.standar),
        "maklumat": _plain(situs.maklumat),
        "layanan": [service_record(site, s) for s in site.layanan],
    }


# What open data writes differently from the content (fee(), document_record(), formulir's url).
FEE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["rupiah", "keterangan"],
    "properties": {"rupiah": {"type": ["integer", "null"], "minimum": 0}, "keterangan": {"type": ["string", "null"]}},
}
COUNT_SCHEMA = {
    "jumlah": {"type": ["integer", "null"], "minimum": 1},
    "jumlah_teks": {"type": ["string", "null"]},
}
URL_SCHEMA = {"type": "string", "format": "uri"}
ALWAYS_SET = {"tempat"}  # index.py fills in the office's address
OFFICE = ("pengaduan", "standar", "maklumat")  # situs.yaml's parts of every service's standard


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    """Every key is always written (null when empty), so every key is required."""
    return {"type": "object", "additionalProperties": False, "required": list(properties), "properties": properties}


def _value_schema(shape: schema.Shape) -> dict[str, Any]:
    match shape:
        case schema.Text(pattern=pattern):
            return {"type": "string", **({"pattern": pattern} if pattern else {})}
        case schema.Plain(kind=kind):
            return _plain_schema(kind)
        case schema.Choice(choices=choices):
            return {"enum": list(choices)}
        case schema.ListOf(item=item, minimum=minimum):
            return {"type": "array", **({"minItems": minimum} if minimum else {}), "items": _value_schema(item.shape)}
        case schema.Relation(item=item):
            return {"type": "array", "items": _value_schema(item.shape)}
        case schema.TextOr():  # written as the mapping, whichever form staff used
            return {"$ref": "#/$defs/dokumen"}
        case schema.Requirement():
            return {"oneOf": [{"$ref": "#/$defs/dokumen"}, {"$ref": "#/$defs/salah_satu"}]}
        case schema.Mapping(fields=fields):
            return _object(_properties(fields))
        case schema.Named():
            raise ValueError("no JSON Schema for names staff choose (surveys are published their own way)")
        case _:
            assert_never(shape)


def _plain_schema(kind: schema.PlainKind) -> dict[str, Any]:
    match kind:
        case "file" | "image" | "url":
            return {"type": "string"}
        case "boolean" | "integer":
            return {"type": kind}
        case "date":
            return {"type": "string", "format": "date"}
        case "datetime":
            return {"type": "string", "format": "date-time"}
        case "number" | "amount":  # open data writes these its own way (FEE_SCHEMA, COUNT_SCHEMA, coordinates)
            raise ValueError(f"no JSON Schema for {kind}")
        case _:
            assert_never(kind)


def _properties(fields: dict[str, schema.Field[Any]], written: dict[str, Any] | None = None) -> dict[str, Any]:
    """The JSON Schema of each declared field; ``written`` replaces fields open data writes its own way."""
    properties: dict[str, Any] = {}
    for name, declared in fields.items():
        if name in INTERNAL:
            continue
        if written and name in written:
            properties.update(written[name])
            continue
        value = _value_schema(declared.validator.shape)
        if not declared.required and declared.default is None and name not in ALWAYS_SET:
            value["type"] = [value["type"], "null"]
        properties[name] = value
    return properties


def json_schema() -> dict[str, Any]:
    """The JSON Schema of /api/layanan.json: its envelope from layanan.schema.json, its records from the model."""
    envelope: dict[str, Any] = json.loads(SCHEMA_SOURCE.read_text(encoding="utf-8"))
    formulir = _object(_properties(schema.fields_of(model.Berkas)) | {"url": URL_SCHEMA})
    service = {"slug": {"type": "string", "pattern": schema.SLUG_RE.pattern}, "url": URL_SCHEMA}
    service |= _properties(
        model.FIELDS["layanan"],
        {"biaya": {"biaya": FEE_SCHEMA}, "formulir": {"formulir": {"type": "array", "items": formulir}}},
    )
    documents = _properties(schema.fields_of(model.Dokumen), {"jumlah": COUNT_SCHEMA})
    choice = _properties(schema.fields_of(model.SalahSatu))
    office = _properties({name: model.SITUS_FIELDS[name] for name in OFFICE})
    services = envelope["properties"].pop("layanan")
    envelope["properties"] |= office | {"layanan": services}
    envelope["required"] = [name for name in envelope["required"] if name != "layanan"] + [*office, "layanan"]
    records = {"layanan": _object(service), "dokumen": _object(documents), "salah_satu": _object(choice)}
    return envelope | {"$defs": records}


SURVEY_PATH = f"{routes.API}/survei.json"
SURVEY_SCHEMA_PATH = f"{routes.API}/survei.schema.json"
SURVEY_SCHEMA_SOURCE = Path(__file__).resolve().parent / "survei.schema.json"


def _score(index: skm.Index) -> dict[str, Any]:
    return {
        "responden": index.responden,
        "nilai": float(index.nilai),
        "mutu": index.mutu.mutu,
        "kinerja": index.mutu.kinerja,
    }


def _four(value: Decimal) -> float:
    """An average as a JSON number, 4 decimals rounded half up like the pages' 2 (3.15625 -> 3.1563)."""
    return float(skm.rounded(value, 4))


def _groups(groups: dict[str, skm.Index | int]) -> list[dict[str, Any]]:
    """Each service's or kelurahan's index; only the count where too few answered."""
    return [
        {"slug": slug, "responden": found, "nilai": None, "mutu": None, "kinerja": None}
        if isinstance(found, int)
        else {"slug": slug, **_score(found)}
        for slug, found in sorted(groups.items())
    ]


def survey_document(site: Site) -> dict[str, Any]:
    """/api/survei.json: every period's figures, as the pages show them (no answer, no small profile cell)."""
    periods = []
    for periode in site.survei:
        hasil, survei = periode.hasil, periode.survei
        periods.append(
            {
                "periode": periode.slug,
                "url": site.situs.url + routes.survey(periode.slug).url,
                "judul": survei.judul,
                "mulai": survei.mulai.isoformat(),
                "selesai": survei.selesai.isoformat(),
                "metode": survei.metode,
                "target_responden": survei.target_responden,
                **_score(hasil),
                "ikm": _four(hasil.ikm),
                "unsur": [
                    {"kunci": key, "nama": name, "nrr": _four(hasil.nrr[key])} for key, name in skm.ELEMENTS.items()
                ],
                "terendah": list(hasil.lowest),
                "layanan": _groups(periode.layanan),
                "kelurahan": _groups(periode.kelurahan),
                "profil": {
                    key: [{"nilai": name, "responden": n} for name, n in rows] for key, rows in periode.profil.items()
                },
                "ambang_sel": survei.ambang_sel,
                "minimum_responden": survei.minimum_responden,
                "tindak_lanjut": list(survei.tindak_lanjut),
                "tindak_lanjut_sebelumnya": _plain(survei.tindak_lanjut_sebelumnya),
            }
        )
    return {
        "versi": 1,
        "skema": f"{site.situs.url}/{SURVEY_SCHEMA_PATH}",
        "judul": f"Hasil survei kepuasan masyarakat {site.situs.nama}, {site.situs.kota}",
        "sumber_rumus": skm.SOURCE,
        "dibuat": site.now.isoformat(),
        "periode": periods,
    }


PERFORMANCE_PATH = f"{routes.API}/kinerja.json"
PERFORMANCE_SCHEMA_PATH = f"{routes.API}/kinerja.schema.json"
PERFORMANCE_SCHEMA_SOURCE = Path(__file__).resolve().parent / "kinerja.schema.json"
PERFORMANCE_METHOD = (
    "Hari kerja Senin-Jumat tanpa hari_libur; dari diterima sampai selesai atau ditolak, tanpa hari menunggu "
    "dilengkapi warga; dihitung di bulan selesainya; dibandingkan dengan waktu standar layanan saat ini."
)


def performance_document(site: Site) -> dict[str, Any]:
    """How long each service took, per month (site/performance.py): counts only, nothing about anyone."""
    services = [
        {
            "slug": kinerja.slug,
            "judul": kinerja.judul,
            "url": site.situs.url + kinerja.url,
            "waktu": kinerja.waktu,
            "waktu_standar_hari_kerja": kinerja.standar_hari,
            "bulan": [
                {
                    "bulan": b.bulan,
                    "selesai": b.selesai,
                    "tepat_waktu": b.tepat_waktu,
                    "median_hari_kerja": b.median_hari,
                }
                for b in kinerja.bulan
            ],
        }
        for kinerja in site.kinerja
    ]
    return {
        "versi": 1,
        "skema": f"{site.situs.url}/{PERFORMANCE_SCHEMA_PATH}",
        "dibuat": site.now.isoformat(),
        "metode": PERFORMANCE_METHOD,
        "hari_libur": [day.isoformat() for day in site.situs.hari_libur],
        "layanan": services,
    }


def write(site: Site, output_path: str) -> list[str]:
    target = Path(output_path) / API_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(document(site), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (Path(output_path) / SCHEMA_PATH).write_text(
        json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    (Path(output_path) / PERFORMANCE_PATH).write_text(
        json.dumps(performance_document(site), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    (Path(output_path) / PERFORMANCE_SCHEMA_PATH).write_bytes(PERFORMANCE_SCHEMA_SOURCE.read_bytes())
    written = [API_PATH, SCHEMA_PATH, PERFORMANCE_PATH, PERFORMANCE_SCHEMA_PATH]
    if not site.survei:
        return written
    (Path(output_path) / SURVEY_PATH).write_text(
        json.dumps(survey_document(site), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    (Path(output_path) / SURVEY_SCHEMA_PATH).write_bytes(SURVEY_SCHEMA_SOURCE.read_bytes())
    return [*written, SURVEY_PATH, SURVEY_SCHEMA_PATH]
