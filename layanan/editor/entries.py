"""Content files to and from the shape Decap's forms edit, and the one YAML style we write.

Decap edits a list item either as text or as an object, never as "text or object";
persyaratan items, ``biaya`` and ``jumlah`` are one of those in DESIGN.md's format.
So on the way out they become objects and strings, and on the way back they are
written in the format's shortest form. Files that do not parse go to Decap as
they are: saving them runs the checks, which say what is wrong.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from typing import Any

import yaml

from layanan.base.frontmatter import _Loader, load_yaml, split
from layanan.content import model, schema

KIND_FIELD = "jenis"  # Decap's type key for persyaratan items
# The version of the file a form was opened from (its git blob id): travels with the form, in a
# hidden field, so a save knows what the clerk saw and can be merged with what changed since.
VERSION_FIELD = "_versi"
BODY_KEY = "(isi)"
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


def _out(shape: schema.Shape, value: Any) -> Any:
    """A checked file's value as the form shows it; values of other shapes are shown as written."""
    match shape:
        case schema.Plain(kind="amount") if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        case schema.TextOr(fields=fields):
            return _out_fields(fields, _document_out(value))
        case schema.Requirement(document=document, alternatives=alternatives):
            if isinstance(value, dict) and "salah_satu" in value:
                return {KIND_FIELD: "salah_satu", **_out_fields(alternatives, value)}
            return {KIND_FIELD: "dokumen", **_out_fields(document, _document_out(value))}
        case schema.ListOf(item=item) | schema.Relation(item=item) if isinstance(value, list):
            return [_out(item.shape, v) for v in value]
        case schema.Mapping(fields=fields):
            return _out_fields(fields, value)
    return value


def _out_fields(fields: dict[str, schema.Field[Any]], data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    return {key: _out(fields[key].validator.shape, value) if key in fields else value for key, value in data.items()}


# --- from the editor ------------------------------------------------------------------


def _in(shape: schema.Shape, value: Any) -> Any:
    """What the form sent as the file writes it; values of other shapes are written as sent."""
    if isinstance(value, str) and not isinstance(shape, schema.TextOr):
        value = value.strip()
        match shape:
            case schema.Plain(kind="amount") if value.isdigit():
                return int(value)
            case schema.Plain(kind="datetime"):
                # Indonesians write the time 08.00; the format reads 08:00. Midnight is the date alone.
                value = re.sub(r"^(\d{4}-\d{2}-\d{2}) (\d{1,2})\.(\d{2})$", r"\1 \2:\3", value)
                return value.removesuffix(MIDNIGHT)
            case schema.Plain(kind="file" | "image"):
                return value.lstrip("/").removeprefix("berkas/")
        return value
    match shape:
        case schema.TextOr(fields=fields, main=main):
            return _document_in(fields, main, value)
        case schema.Requirement(document=document, alternatives=alternatives) if isinstance(value, dict):
            value = {k: v for k, v in value.items() if k != KIND_FIELD}
            if "salah_satu" in value:
                return _in_fields(alternatives, value)
            return _document_in(document, "dokumen", value)
        case schema.ListOf(item=item) | schema.Relation(item=item) if isinstance(value, list):
            return [_in(item.shape, v) for v in value if not _empty(v)]
        case schema.Mapping(fields=fields):
            return _in_fields(fields, value)
    return value


def _document_in(fields: dict[str, schema.Field[Any]], main: str, value: Any) -> Any:
    """A document written as plain text when nothing but its name is given."""
    value = _in_fields(fields, value)
    if isinstance(value, dict) and set(value) == {main}:
        return value[main]
    return value


def _in_fields(fields: dict[str, schema.Field[Any]], data: Any) -> Any:
    """Known keys in the schema's order, unknown ones after (the checks name them); empty optionals go."""
    if not isinstance(data, dict):
        return data
    result = {}
    for key, spec in fields.items():
        if key in data:
            value = _in(spec.validator.shape, data[key])
            if not spec.required and (_empty(value) or value == spec.default):
                continue
            result[key] = value
    return result | {key: value for key, value in data.items() if key not in fields}


# --- files ----------------------------------------------------------------------------


def fields_of(path: str) -> dict[str, schema.Field[Any]] | None:
    """The field table for a repository-relative path under content/, or None for other files."""
    parts = path.split("/")
    if parts[-1] == "situs.yaml" and len(parts) == 2:
        return model.SITUS_FIELDS
    if len(parts) == 3 and parts[-1].endswith(".md"):
        return model.FIELDS.get(parts[1])
    return None


def parts(path: str, text: str) -> tuple[dict[str, Any] | None, str]:
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


def blob_id(data: bytes) -> str:
    """git's id for a file holding ``data`` (``git hash-object``)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def to_editor(path: str, text: str, listing: bool = False) -> str:
    """The file as Decap should see it; for a ``listing``, the data without the body.

    Decap only parses this, so libyaml's fast emitter writes it, in its own style. A
    list of thousands of announcements needs only their titles and dates: Decap loads
    an entry whole (getEntry) when it is opened.
    """
    fields = fields_of(path)
    data, body = parts(path, text) if fields else (None, "")
    if fields is None or not isinstance(data, dict):
        return text
    shown = _out_fields(fields, data)
    if not listing:
        shown[VERSION_FIELD] = blob_id(text.encode("utf-8"))
    front = yaml.dump(shown, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    if path.endswith(".yaml"):
        return front
    return f"---\n{front}---\n" + ("" if listing else body.strip("\n") + "\n")


def from_editor(path: str, raw: str, previous: str | None = None) -> str:
    """What Decap saved, in DESIGN.md's format and our style; unreadable input is kept for the checks.

    Keys keep their order in the ``previous`` version of the file, so its history shows only what changed.
    """
    fields = fields_of(path)
    data, body = parts(path, raw.replace("\r\n", "\n")) if fields else (None, "")
    if fields is None or not isinstance(data, dict):
        return raw
    data.pop(VERSION_FIELD, None)
    data = _in_fields(fields, data)
    before, before_body = parts(path, previous) if previous else (None, "")
    if isinstance(before, dict) and previous is not None:
        order = {key: i for i, key in enumerate(before)}
        data = dict(sorted(data.items(), key=lambda item: order.get(item[0], len(order))))
        return rewrite(path, previous, _in_fields(fields, dict(before)), before_body, data, body)
    return _join(path, data, body)


TOP_KEY = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:")


def _segments(front: str) -> tuple[str, dict[str, str]]:
    """A front matter's opening lines (comments), and each top-level key's own lines, comments below it included."""
    opening, segments, current = "", {}, None
    for line in front.splitlines(keepends=True):
        match = TOP_KEY.match(line)
        if match:
            current = match[1]
            segments[current] = line
        elif current is None:
            opening += line
        else:
            segments[current] += line
    return opening, segments


def rewrite(path: str, previous: str, before: dict[str, Any], before_body: str, data: dict[str, Any],
             body: str) -> str:  # fmt: skip
    """``data`` and ``body`` written over ``previous``: what did not change keeps its lines exactly as they were
    (a flow list, a comment, a quoting style), so a save's history shows only what the clerk changed."""
    if path.endswith(".yaml"):
        front, rest = previous, ""
    else:
        lines = previous.split("\n")
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
        front, rest = "\n".join(lines[1:end]) + "\n", "\n".join(lines[end + 1 :])
    opening, segments = _segments(front)
    written = opening
    for key, value in data.items():
        if key in segments and key in before and before[key] == value:
            written += segments[key] if segments[key].endswith("\n") else segments[key] + "\n"
        else:
            written += dump({key: value})
    if path.endswith(".yaml"):
        return written
    if body.strip() == before_body.strip():
        return f"---\n{written}---\n{rest}"
    return f"---\n{written}---\n{body.strip(chr(10))}\n" if body.strip() else f"---\n{written}---\n"


def version(path: str, raw: str) -> str | None:
    """The version a form was opened from, as Decap sends it back; None for a new item."""
    data, _ = parts(path, raw.replace("\r\n", "\n")) if fields_of(path) else (None, "")
    found = data.get(VERSION_FIELD) if isinstance(data, dict) else None
    return found if isinstance(found, str) and re.fullmatch(r"[0-9a-f]{40}", found) else None


class Overlap(Exception):
    """Both saves changed the same fields (``keys``, top-level; the body is BODY_KEY) differently."""

    def __init__(self, keys: list[str]):
        super().__init__(", ".join(keys))
        self.keys = keys


_GONE = object()


def merge(path: str, base: str, theirs: str, mine: str) -> str:
    """``mine`` and ``theirs``, both made from ``base``, as one file; raises Overlap.

    Field by field: a field only one side changed takes that side's value; a field both
    changed the same way is kept; a field both changed differently is an overlap. A list
    (persyaratan) is one field: two clerks editing one list are asked to look, not guessed for.
    """
    sides = [parts(path, text) for text in (base, theirs, mine)]
    if not all(isinstance(data, dict) for data, _ in sides):
        raise Overlap([BODY_KEY])
    (old, old_body), (their, their_body), (my, my_body) = sides
    assert isinstance(old, dict) and isinstance(their, dict) and isinstance(my, dict)
    result: dict[str, Any] = {}
    overlap = []
    for key in [*their, *(k for k in my if k not in their)]:
        b, t, m = old.get(key, _GONE), their.get(key, _GONE), my.get(key, _GONE)
        if m == b:
            chosen = t
        elif t in (b, m):
            chosen = m
        else:
            overlap.append(key)
            continue
        if chosen is not _GONE:
            result[key] = chosen
    ob, tb, mb = old_body.strip(), their_body.strip(), my_body.strip()
    body = their_body if mb == ob else my_body
    if mb != ob and tb not in (ob, mb):
        overlap.append(BODY_KEY)
    if overlap:
        raise Overlap(overlap)
    text = _join(path, result, body)
    if path.endswith(".yaml"):
        opening = itertools.takewhile(lambda line: line.startswith("#"), theirs.splitlines(keepends=True))
        text = "".join(opening) + text
    return text
