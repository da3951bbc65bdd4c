"""Content files to and from the shape Decap's forms edit, and the one YAML style we write.

Decap edits a list item either as text or as an object, never as "text or object";
persyaratan items, ``biaya`` and ``jumlah`` are one of those in DESIGN.md's format.
So on the way out they become objects and strings, and on the way back they are
written in the format's shortest form. Files that do not parse go to Decap as
they are: saving them runs the checks, which say what is wrong.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import yaml

from layanan import model, schema
from layanan.frontmatter import _Loader, load_yaml, split

KIND_FIELD = "jenis"  # Decap's type key for persyaratan items
MIDNIGHT = " 00:00"
# Text YAML (1.1 or 1.2) could read as something else: numbers with dots, commas or colons,
# leading zeros, signs. Written in quotes.
LOOKS_NUMERIC = re.compile(r"[-+]?[\d.,:_ ]*\d[\d.,:_ ]*|[-+]?[\d.]+e[-+]?\d+|0[xob].*|[-+]?\.?(inf|nan)", re.I)


class _Dumper(yaml.SafeDumper):
    """Block style, list items indented under their key, the resolvers of our loader."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    plain = (
        dumper.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"  # type: ignore[no-untyped-call]
        and dumper.analyze_scalar(value).allow_block_plain
        and not LOOKS_NUMERIC.fullmatch(value.strip())
        and value == value.strip()
    )
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=None if plain else '"')


_Dumper.add_representer(str, _text)


def dump(data: dict[str, Any]) -> str:
    if not data:
        return ""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


# --- to the editor -------------------------------------------------------------------


def _document_out(value: Any) -> Any:
    return {"dokumen": value} if isinstance(value, str) else value


def _out(validator: Any, value: Any) -> Any:
    shape = schema.SHAPES.get(validator, {"kind": "text"})
    kind = shape["kind"]
    if kind == "amount" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if kind == "datetime" and isinstance(value, str) and schema.DATE_RE.match(value.strip()):
        return value.strip() + MIDNIGHT
    if kind == "text_or":
        return _out_fields(shape["fields"], _document_out(value))
    if kind == "requirement":
        if isinstance(value, dict) and "salah_satu" in value:
            return {KIND_FIELD: "salah_satu", **_out_fields(shape["alternatives"], value)}
        return {KIND_FIELD: "dokumen", **_out_fields(shape["document"], _document_out(value))}
    if kind in ("list", "relation") and isinstance(value, list):
        return [_out(shape["item"], item) for item in value]
    if kind == "mapping":
        return _out_fields(shape["fields"], value)
    return value


def _out_fields(fields: dict[str, schema.Field], data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    return {key: _out(fields[key].validator, value) if key in fields else value for key, value in data.items()}


# --- from the editor ------------------------------------------------------------------


def _in(validator: Any, value: Any) -> Any:
    shape = schema.SHAPES.get(validator, {"kind": "text"})
    kind = shape["kind"]
    if isinstance(value, str) and kind != "text_or":
        value = value.strip()
        if kind == "amount" and value.isdigit():
            return int(value)
        if kind == "datetime" and value.endswith(MIDNIGHT):
            return value.removesuffix(MIDNIGHT)
        if kind in ("file", "image"):
            return value.lstrip("/").removeprefix("berkas/")
        return value
    if kind == "text_or":
        return _document_in(shape, value)
    if kind == "requirement" and isinstance(value, dict):
        value = {k: v for k, v in value.items() if k != KIND_FIELD}
        if "salah_satu" in value:
            return _in_fields(shape["alternatives"], value)
        return _document_in({"fields": shape["document"], "main": "dokumen"}, value)
    if kind in ("list", "relation") and isinstance(value, list):
        return [_in(shape["item"], item) for item in value if not _empty(item)]
    if kind == "mapping":
        return _in_fields(shape["fields"], value)
    return value


def _document_in(shape: dict[str, Any], value: Any) -> Any:
    """A document written as plain text when nothing but its name is given."""
    value = _in_fields(shape["fields"], value)
    if isinstance(value, dict) and set(value) == {shape["main"]}:
        return value[shape["main"]]
    return value


def _in_fields(fields: dict[str, schema.Field], data: Any) -> Any:
    """Known keys in the schema's order, unknown ones after (the checks name them); empty optionals go."""
    if not isinstance(data, dict):
        return data
    result = {}
    for key, spec in fields.items():
        if key in data:
            value = _in(spec.validator, data[key])
            if not spec.required and (_empty(value) or value == spec.default):
                continue
            result[key] = value
    return result | {key: value for key, value in data.items() if key not in fields}


# --- files ----------------------------------------------------------------------------


def fields_of(path: str) -> dict[str, schema.Field] | None:
    """The field table for a repository-relative path under content/, or None for other files."""
    parts = path.split("/")
    if parts[-1] == "situs.yaml" and len(parts) == 2:
        return model.SITUS_FIELDS
    if len(parts) == 3 and parts[-1].endswith(".md"):
        return model.FIELDS.get(parts[1])
    return None


def _parts(path: str, text: str) -> tuple[dict[str, Any] | None, str]:
    if path.endswith(".yaml"):
        doc, _ = load_yaml(text, path)
        return (doc.data if doc else None), ""
    source, _ = split(text, path)
    if source is None:
        return None, ""
    return source.doc.data, source.body


def _join(path: str, data: dict[str, Any], body: str) -> str:
    if path.endswith(".yaml"):
        return dump(data)
    return f"---\n{dump(data)}---\n{body.strip(chr(10))}\n" if body.strip() else f"---\n{dump(data)}---\n"


def to_editor(path: str, text: str, listing: bool = False) -> str:
    """The file as Decap should see it; for a ``listing``, the data without the body.

    Decap only parses this, so libyaml's fast emitter writes it, in its own style. A
    list of thousands of announcements needs only their titles and dates: Decap loads
    an entry whole (getEntry) when it is opened.
    """
    fields = fields_of(path)
    data, body = _parts(path, text) if fields else (None, "")
    if fields is None or not isinstance(data, dict):
        return text
    front = yaml.dump(_out_fields(fields, data), Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    if path.endswith(".yaml"):
        return front
    return f"---\n{front}---\n" + ("" if listing else body.strip("\n") + "\n")


def from_editor(path: str, raw: str, previous: str | None = None) -> str:
    """What Decap saved, in DESIGN.md's format and our style; unreadable input is kept for the checks.

    Keys keep their order in the ``previous`` version of the file, so its history shows only what changed.
    """
    fields = fields_of(path)
    data, body = _parts(path, raw.replace("\r\n", "\n")) if fields else (None, "")
    if fields is None or not isinstance(data, dict):
        return raw
    data = _in_fields(fields, data)
    before, _ = _parts(path, previous) if previous else (None, "")
    if isinstance(before, dict):
        order = {key: i for i, key in enumerate(before)}
        data = dict(sorted(data.items(), key=lambda item: order.get(item[0], len(order))))
    text = _join(path, data, body)
    if previous and path.endswith(".yaml"):  # the opening comments say what the file is; others are lost
        opening = itertools.takewhile(lambda line: line.startswith("#"), previous.splitlines(keepends=True))
        text = "".join(opening) + text
    return text
