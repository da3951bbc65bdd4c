"""Split a content file into YAML front matter and body, remembering lines.

YAML is read with a safe loader that leaves dates as text (the schema parses
them, so an impossible date is an error on its line rather than a crash) and
records, for every dotted key, the line it is on and its source text, so that
messages can point at the line and quote what staff typed.

Before anything is composed, one pass over libyaml's event stream (flat, no
recursion) refuses every alias (no alias bombs, at any depth) and nesting
deeper than any field needs (libyaml's composer recurses in C and crashes the
process on a few thousand ``[``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from layanan.base import yamlerrors
from layanan.base.problems import Problem

FENCE = "---"
CLOSERS = ("---", "...")
# The deepest field is persyaratan.N.salah_satu.N.dokumen (depth 4); nothing needs 20.
MAX_DEPTH = 20


class _Loader(yaml.CSafeLoader):
    """libyaml's safe loader (fast, with line marks), without the timestamp resolver."""

    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class attribute
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
    }


class Refused(Exception):
    """A shape of YAML refused before it is composed: an alias, or nesting too deep."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message


OPENING = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
CLOSING = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _screen(text: str, offset: int) -> None:
    """Raise Refused at the first alias or the first level past MAX_DEPTH, in linear time."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = (event.start_mark.line if event.start_mark else 0) + offset
        if isinstance(event, yaml.AliasEvent):
            raise Refused(line, "alias YAML (*nama) tidak diizinkan; tulis nilainya langsung")
        if isinstance(event, OPENING):
            depth += 1
            if depth > MAX_DEPTH:
                raise Refused(
                    line,
                    f"susunan terlalu dalam (lebih dari {MAX_DEPTH} tingkat); periksa tanda [ {{ dan spasi "
                    "di depan baris",
                )
        elif isinstance(event, CLOSING):
            depth -= 1


@dataclass
class Document:
    """A parsed YAML document with a line and the source text for each key."""

    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)


@dataclass
class SourceFile:
    """A content file: its front matter, and its body with the line it starts on."""

    doc: Document
    body: str
    body_line: int


def _walk(
    node: yaml.Node,
    prefix: str,
    offset: int,
    doc: Document,
    problems: list[Problem],
    path: str,
) -> None:
    """Record lines and raw text per dotted key (``_screen`` has bounded the depth)."""
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            dotted = f"{prefix}.{key}" if prefix else key
            line = key_node.start_mark.line + offset
            if key in keys:
                problems.append(Problem(path, line, dotted, "kunci ini ditulis dua kali; hapus salah satunya"))
            keys.add(key)
            doc.lines[dotted] = line
            _walk(value_node, dotted, offset, doc, problems, path)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value, start=1):
            dotted = f"{prefix}.{i}"
            doc.lines[dotted] = item.start_mark.line + offset
            _walk(item, dotted, offset, doc, problems, path)
    elif isinstance(node, yaml.ScalarNode) and prefix:
        doc.raw[prefix] = node.value


def load_yaml(text: str, path: str, first_line: int = 1) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text that starts on ``first_line`` of ``path``; never raises."""
    offset = first_line
    problems: list[Problem] = []
    loader = None
    try:
        _screen(text, offset)
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            return Document({}), problems
        if not isinstance(node, yaml.MappingNode):
            line = node.start_mark.line + offset
            return None, [Problem(path, line, "(bagian data)", "harus berupa daftar 'kunci: nilai', satu per baris")]
        doc = Document({})
        _walk(node, "", offset, doc, problems, path)
        doc.data = loader.construct_document(node)
    except Refused as exc:
        return None, [Problem(path, exc.line, "(yaml)", exc.message)]
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + offset
        message = f"ada tanda tak terlihat (kode {exc.character!r}) yang tidak boleh ada; hapus tanda itu"
        return None, [Problem(path, line, "(yaml)", message)]
    except yaml.constructor.ConstructorError as exc:
        line = (exc.problem_mark.line if exc.problem_mark else 0) + offset
        return None, [Problem(path, line, "(yaml)", _constructor_message(exc))]
    except yaml.MarkedYAMLError as exc:
        index, message = yamlerrors.explain(exc, text)
        return None, [Problem(path, index + offset, "(yaml)", message)]
    except (yaml.YAMLError, ValueError, TypeError):
        message = "YAML tidak dapat dibaca; periksa titik dua, tanda kutip dan spasi di depan baris (spasi, bukan tab)"
        return None, [Problem(path, offset, "(yaml)", message)]
    finally:
        if loader is not None:
            loader.dispose()
    return doc, problems


def _constructor_message(exc: yaml.constructor.ConstructorError) -> str:
    if "could not determine a constructor" in str(exc.problem):
        tag = str(exc.problem).rsplit(" ", 1)[-1].strip("'").replace("tag:yaml.org,2002:", "!!")
        return f"tag YAML {tag} tidak diizinkan; tulis nilai biasa tanpa tanda '!'"
    if "unhashable" in str(exc.problem):
        return "nama kunci tidak boleh berupa daftar atau pasangan; tulis nama kunci biasa"
    return f"YAML tidak dapat dibaca ({exc.problem}); periksa penulisan nilai di baris ini"


def split(text: str, path: str) -> tuple[SourceFile | None, list[Problem]]:
    """Split a Markdown content file into front matter and body."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return None, [Problem(path, 1, "(berkas)", "berkas kosong; isi dengan bagian data di antara dua baris '---'")]
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return None, [Problem(path, 1, "(bagian data)", "tidak ada bagian data; baris pertama harus '---'")]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in CLOSERS:
            break
    else:
        return None, [
            Problem(path, 1, "(bagian data)", "bagian data tidak ditutup; tambahkan baris '---' setelah kunci terakhir")
        ]
    doc, problems = load_yaml("\n".join(lines[1:index]), path, first_line=2)
    body = "\n".join(lines[index + 1 :])
    return (SourceFile(doc, body, index + 2) if doc is not None else None), problems
