"""A refused save in the clerk's words: the field's label as the form shows it, what was typed and the fix,
the clerk's own item first; built from the build's Problem records, never from its sentences."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from layanan.base.problems import Problem, errors
from layanan.content import schema
from layanan.editor.entries import fields_of

# Keys the checks use for what is not a field.
PLACES = {"(isi)": "Isi", "(yaml)": "Susunan isian", "(bagian data)": "Susunan isian", "(berkas)": "Berkas"}


def label(path: str, key: str) -> str:
    """'persyaratan.2.dokumen' as the form calls it: 'Persyaratan, butir 2, Dokumen'."""
    if key in PLACES:
        return PLACES[key]
    fields: dict[str, schema.Field[Any]] | None = fields_of(path)
    shape: schema.Shape | None = None
    words = []
    for part in key.split("."):
        if part.isdigit():
            words.append(f"butir {part}")
            shape = shape.item.shape if isinstance(shape, (schema.ListOf, schema.Relation)) else None
        else:
            spec = fields.get(part) if fields else None
            words.append(spec.label if spec and spec.label else part)
            shape = spec.validator.shape if spec else None
        fields = _fields_of_shape(shape)
    return ", ".join(words)


def _fields_of_shape(shape: schema.Shape | None) -> dict[str, schema.Field[Any]] | None:
    match shape:
        case schema.Requirement(document=document, alternatives=alternatives):  # a document or a choice: together
            return {**document, **alternatives}
        case schema.Mapping(fields=fields) | schema.TextOr(fields=fields):
            return fields
    return None


def record(problem: Problem, own: bool) -> dict[str, Any]:
    """The problem as the editor's page shows it: its record, the field's label, whose item it is."""
    return {**problem.record(), "label": label(problem.path, problem.key), "milik": own}


def explain(
    heading: str, problems: list[Problem], own: set[str], title: Callable[[str], str]
) -> tuple[str, list[dict[str, Any]]]:
    """The refusal's text and its records: the clerk's own items first, then the others this save broke.

    ``title`` names an item for staff ('layanan “Akta Kematian”') from its path.
    """
    found = errors(problems)
    mine = sorted((p for p in found if p.path in own), key=lambda p: (p.path, p.line))
    others = sorted((p for p in found if p.path not in own), key=lambda p: (p.path, p.line))
    lines = [heading]
    lines += [f"• {label(p.path, p.key)}: {p.message}" for p in mine]
    for path in dict.fromkeys(p.path for p in others):
        lines.append(f"Akibatnya {title(path)} ikut bermasalah:")
        lines += [f"• {label(p.path, p.key)}: {p.message}" for p in others if p.path == path]
    return "\n".join(lines), [record(p, True) for p in mine] + [record(p, False) for p in others]


def still_used(heading: str, deleted: list[str], problems: list[Problem], title: Callable[[str], str]) -> str:
    """A refused delete (or an undo that deletes): which items still name the deleted one, by titles and fields."""
    names = ", ".join(title(path) for path in deleted)
    users: dict[str, list[str]] = {}
    for problem in errors(problems):
        if problem.path not in deleted:
            users.setdefault(problem.path, []).append(label(problem.path, problem.key).split(", ")[0])
    where = "; ".join(f"{title(path)} (isian {', '.join(dict.fromkeys(keys))})" for path, keys in users.items())
    return f"{heading} {names} masih disebut di {where}. Hapus dulu sebutan itu dari isian tersebut, lalu coba lagi."
