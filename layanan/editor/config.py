"""Decap's config.yml, generated from the schema ``check`` uses: a field is in both or in neither.

Select options come from situs.yaml as it is now, so the config is made per request.
"""

from __future__ import annotations

from typing import Any

from layanan import model, schema
from layanan.editor.entries import KIND_FIELD

API = "/admin/api/v1"
# Text fields whose values run to sentences get a text area.
LONG = {"ringkasan", "gambar_alt", "perubahan", "keterangan", "penerbit", "alamat"}
# Choices that live in situs.yaml: (kind, field) -> situs key.
OPTIONS = {
    ("layanan", "kategori"): "kategori_layanan",
    ("pengumuman", "kategori"): "kategori_pengumuman",
    ("situs", "kategori_gratis"): "kategori_layanan",
}
# Decap links an entry to site_url + preview_path; the editor redirects that to the item's page in
# the preview (its address may differ from the file name: pengumuman drop their date, 'slug' overrides).
PREVIEW_PATH = "pratinjau-ke/"
BODY = {"name": "body", "label": "Isi", "widget": "markdown"}
KANAL_LABELS = {"whatsapp": "WhatsApp", "loket": "Loket (datang ke kantor)", "daring": "Daring (situs lain)"}
COLLECTIONS = {
    "layanan": ("Layanan", "Layanan", "{{slug}}", ["judul", "diperbarui"]),
    "pengumuman": ("Pengumuman", "Pengumuman", "{{year}}-{{month}}-{{day}}-{{slug}}", ["tanggal", "judul"]),
    "kelurahan": ("Kelurahan", "Kelurahan", "{{slug}}", ["nama"]),
    "halaman": ("Halaman", "Halaman", "{{slug}}", ["judul"]),
}


def widget(name: str, spec: schema.Field, kind: str, situs: dict[str, Any]) -> dict[str, Any]:
    """The Decap field for one schema field (``kind`` names the file kind, for options)."""
    field: dict[str, Any] = {"name": name, "label": spec.label or name, "required": spec.required}
    if spec.hint:
        field["hint"] = spec.hint
    field |= _shape(schema.SHAPES.get(spec.validator, {"kind": "text"}), name, kind, situs)
    if not spec.required and field.get("widget") == "object":
        # Decap checks an object's required parts even when the object itself is left empty; the
        # check that runs on every save (staging.py) still says, in its own words, what a filled one lacks.
        field["fields"] = [_optional(inner) for inner in field["fields"]]
    return field


def _optional(field: dict[str, Any]) -> dict[str, Any]:
    relaxed = {key: value for key, value in field.items() if key != "min"} | {"required": False}
    if "fields" in relaxed:
        relaxed["fields"] = [_optional(inner) for inner in relaxed["fields"]]
    return relaxed


def _shape(shape: dict[str, Any], name: str, kind: str, situs: dict[str, Any]) -> dict[str, Any]:
    match shape["kind"]:
        case "boolean":
            return {"widget": "boolean", "default": False}
        case "integer":
            return {"widget": "number", "value_type": "int"}
        case "number":
            return {"widget": "number", "value_type": "float"}
        case "date":
            return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD-MM-YYYY", "time_format": False}
        case "datetime":
            return {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "DD-MM-YYYY",
                    "time_format": "HH:mm"}  # fmt: skip
        case "file":
            return {"widget": "file"}
        case "image":
            return {"widget": "image"}
        case "choice":
            return {"widget": "select", "options": [{"label": KANAL_LABELS.get(c, c), "value": c}
                                                    for c in shape["choices"]]}  # fmt: skip
        case "relation":
            title = model.KINDS[shape["collection"]].title_field
            return {"widget": "relation", "collection": shape["collection"], "value_field": "{{slug}}",
                    "search_fields": [title], "display_fields": [title], "multiple": True}  # fmt: skip
        case "mapping":
            return {"widget": "object", "collapsed": False, "fields": _fields(shape["fields"], kind, situs)}
        case "text_or":
            return {"widget": "object", "fields": _fields(shape["fields"], kind, situs)}
        case "list":
            return _list(shape, name, kind, situs)
    if (kind, name) in OPTIONS:
        return {"widget": "select", "options": list(situs.get(OPTIONS[kind, name]) or [])}
    if shape.get("pattern") and shape["pattern"].startswith("^"):
        return {"widget": "string", "pattern": [shape["pattern"], "pakai huruf kecil, angka dan tanda '-' saja"]}
    return {"widget": "text" if name in LONG else "string"}


def _list(shape: dict[str, Any], name: str, kind: str, situs: dict[str, Any]) -> dict[str, Any]:
    item = schema.SHAPES.get(shape["item"], {"kind": "text"})
    result: dict[str, Any] = {"widget": "list", "collapsed": False}
    if shape.get("minimum"):
        result["min"] = shape["minimum"]
    if item["kind"] == "choice" or (kind, name) in OPTIONS:
        options = _shape(item, name, kind, situs)
        return options | {"multiple": True, **({"min": shape["minimum"]} if shape.get("minimum") else {})}
    if item["kind"] == "requirement":
        document = {"name": "dokumen", "label": "Dokumen", "widget": "object",
                    "fields": _fields(item["document"], kind, situs)}  # fmt: skip
        alternatives = {"name": "salah_satu", "label": "Salah satu dari beberapa dokumen", "widget": "object",
                        "fields": _fields(item["alternatives"], kind, situs)}  # fmt: skip
        return result | {"typeKey": KIND_FIELD, "types": [document, alternatives], "label_singular": "persyaratan"}
    if item["kind"] in ("mapping", "text_or"):
        return result | {"fields": _fields(item["fields"], kind, situs)}
    single = {"name": "butir", "label": "Butir", **_shape(item, "butir", kind, situs)}
    return result | {"field": single}


def _fields(fields: dict[str, schema.Field], kind: str, situs: dict[str, Any]) -> list[dict[str, Any]]:
    return [widget(name, spec, kind, situs) for name, spec in fields.items()]


def generate(situs: dict[str, Any], branch: str, prefix: str = "content") -> dict[str, Any]:
    """The whole config.yml for the current situs.yaml (a plain dict of what it says)."""
    collections = []
    for kind, (label, singular, slug, sortable) in COLLECTIONS.items():
        collections.append(
            {
                "name": kind,
                "label": label,
                "label_singular": singular,
                "folder": f"{prefix}/{kind}",
                "extension": "md",
                "format": "frontmatter",
                "create": True,
                "delete": True,
                "slug": slug,
                "identifier_field": model.KINDS[kind].title_field,
                "summary": "{{" + model.KINDS[kind].title_field + "}}",
                "sortable_fields": sortable,
                "editor": {"preview": False},  # the real page is one click away: "Lihat di pratinjau"
                "preview_path": PREVIEW_PATH + kind + "/{{slug}}",
                "fields": [
                    *_fields(model.FIELDS[kind], kind, situs),
                    BODY | {"required": model.KINDS[kind].body_required},
                ],
            }
        )
    collections.append(
        {
            "name": "pengaturan",
            "label": "Pengaturan situs",
            "delete": False,
            "files": [
                {
                    "name": "situs",
                    "label": "Data kantor (situs.yaml)",
                    "file": f"{prefix}/situs.yaml",
                    "format": "yml",
                    "editor": {"preview": False},
                    "fields": _fields(model.SITUS_FIELDS, "situs", situs),
                }
            ],
        }
    )
    return {
        "backend": {"name": "proxy", "proxy_url": API, "branch": branch},
        "locale": "id",
        "media_folder": f"{prefix}/berkas",
        "public_folder": "",
        "site_url": "/",
        "display_url": "/pratinjau/",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "show_preview_links": True,
        "collections": collections,
    }
