"""Decap's config.yml, generated from the schema ``check`` uses: a field is in both or in neither.

Select options come from situs.yaml as it is now, so the config is made per request.
"""

from __future__ import annotations

from typing import Any, assert_never

from layanan.content import model, schema
from layanan.editor.entries import KIND_FIELD, VERSION_FIELD

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
VERSION = {"name": VERSION_FIELD, "label": "Versi yang dibuka", "widget": "hidden", "required": False}
DATE_PATTERN = r"^\s*\d{4}-\d{2}-\d{2}\s*$"
DATETIME_PATTERN = r"^\s*\d{4}-\d{2}-\d{2}( \d{1,2}[:.]\d{2})?\s*$"
DATE_HINT = "Tulis tahun-bulan-tanggal (TTTT-BB-HH), misalnya 2026-12-31"
DATETIME_HINT = "Tulis TTTT-BB-HH, misalnya 2026-12-31, atau dengan jam (24 jam): 2026-12-31 08:00"
KANAL_LABELS = {"whatsapp": "WhatsApp", "loket": "Loket (datang ke kantor)", "daring": "Daring (situs lain)"}
# The newest announcement first, as clerks look for what they just wrote.
NEWEST_FIRST = [{"field": "tanggal", "default_sort": "desc"}, "judul"]
COLLECTIONS = {
    "layanan": ("Layanan", "Layanan", "{{slug}}", ["judul", "diperbarui"]),
    "pengumuman": ("Pengumuman", "Pengumuman", "{{year}}-{{month}}-{{day}}-{{slug}}", NEWEST_FIRST),
    "kelurahan": ("Kelurahan", "Kelurahan", "{{slug}}", ["nama"]),
    "halaman": ("Halaman", "Halaman", "{{slug}}", ["judul"]),
}


def widget(name: str, spec: schema.Field[Any], kind: str, situs: dict[str, Any]) -> dict[str, Any]:
    """The Decap field for one schema field (``kind`` names the file kind, for options)."""
    field: dict[str, Any] = {"name": name, "label": spec.label or name, "required": spec.required}
    field |= _shape(spec.validator.shape, name, kind, situs)
    if field.get("widget") == "boolean" and spec.default is None:
        del field["default"]  # unknown until a clerk sets it (wajib_datang): an untouched switch writes nothing
    if spec.hint and "TTTT" not in spec.hint:
        field["hint"] = f"{spec.hint}. {field['hint']}" if "hint" in field else spec.hint
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


def _shape(shape: schema.Shape, name: str, kind: str, situs: dict[str, Any]) -> dict[str, Any]:
    match shape:
        case schema.Plain(kind=plain):
            return _plain(plain, name)
        case schema.Choice(choices=choices):
            return {"widget": "select", "options": [{"label": KANAL_LABELS.get(c, c), "value": c} for c in choices]}
        case schema.Relation(collection=collection):
            title = model.KINDS[collection].title_field
            return {"widget": "relation", "collection": collection, "value_field": "{{slug}}",
                    "search_fields": [title], "display_fields": [title], "multiple": True}  # fmt: skip
        case schema.Mapping(fields=fields):
            return {"widget": "object", "collapsed": False, "fields": _fields(fields, kind, situs)}
        case schema.TextOr(fields=fields):
            return {"widget": "object", "fields": _fields(fields, kind, situs)}
        case schema.ListOf():
            return _list(shape, name, kind, situs)
        case schema.Text(pattern=pattern):
            if (kind, name) in OPTIONS:
                return {"widget": "select", "options": list(situs.get(OPTIONS[kind, name]) or [])}
            if pattern and pattern.startswith("^"):
                return {"widget": "string", "pattern": [pattern, "pakai huruf kecil, angka dan tanda '-' saja"]}
            return {"widget": "text" if name in LONG else "string"}
        case schema.Requirement() | schema.Named():
            # A requirement is only ever a list's item (_list); names staff choose are in surveys, not forms.
            raise ValueError(f"{name}: no form for {type(shape).__name__} here")
        case _:
            assert_never(shape)


def _plain(plain: schema.PlainKind, name: str) -> dict[str, Any]:
    match plain:
        case "boolean":
            return {"widget": "boolean", "default": False}
        case "integer":
            return {"widget": "number", "value_type": "int"}
        case "number":
            return {"widget": "number", "value_type": "float"}
        # Typed as text, as the guide says: the browser's own date box follows its language (dd/mm/yyyy
        # in Indonesian), so '2026-12-31' typed into it key by key became 20 February 1901.
        case "date":
            return {"widget": "string", "pattern": [DATE_PATTERN, DATE_HINT], "hint": DATE_HINT}
        case "datetime":
            return {"widget": "string", "pattern": [DATETIME_PATTERN, DATETIME_HINT], "hint": DATETIME_HINT}
        case "file" | "image":
            return {"widget": plain}
        case "url" | "amount":  # typed as text: an amount may be words (entries.py reads digits back as a number)
            return {"widget": "text" if name in LONG else "string"}
        case _:
            assert_never(plain)


def _list(shape: schema.ListOf, name: str, kind: str, situs: dict[str, Any]) -> dict[str, Any]:
    item = shape.item.shape
    minimum = {"min": shape.minimum} if shape.minimum else {}
    if isinstance(item, schema.Choice) or (kind, name) in OPTIONS:
        return _shape(item, name, kind, situs) | {"multiple": True, **minimum}
    result: dict[str, Any] = {"widget": "list", "collapsed": False, **minimum}
    if isinstance(item, schema.Requirement):
        document = {"name": "dokumen", "label": "Dokumen", "widget": "object",
                    "fields": _fields(item.document, kind, situs)}  # fmt: skip
        alternatives = {"name": "salah_satu", "label": "Salah satu dari beberapa dokumen", "widget": "object",
                        "fields": _fields(item.alternatives, kind, situs)}  # fmt: skip
        return result | {"typeKey": KIND_FIELD, "types": [document, alternatives], "label_singular": "persyaratan"}
    if isinstance(item, (schema.Mapping, schema.TextOr)):
        return result | {"fields": _fields(item.fields, kind, situs)}
    single = {"name": "butir", "label": "Butir", **_shape(item, "butir", kind, situs)}
    return result | {"field": single}


def _fields(fields: dict[str, schema.Field[Any]], kind: str, situs: dict[str, Any]) -> list[dict[str, Any]]:
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
                    VERSION,
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
                    "fields": [*_fields(model.SITUS_FIELDS, "situs", situs), VERSION],
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
