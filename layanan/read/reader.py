"""Reads one content file: YAML front matter, checked against the model, then the body.

The reader never raises for a content mistake: problems travel with the parse
result so the build can report every one of them in a single run. A result
needs no other file; the index (index.py) links results into records.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from markdown import Markdown
from markupsafe import Markup

from layanan.base import cache, parallel
from layanan.base.frontmatter import SourceFile, split
from layanan.base.problems import Problem, display_path
from layanan.content import model, schema
from layanan.read import body

MAX_BYTES = 1_000_000  # a content file is text; anything bigger is a mistake, refused before parsing
DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


@dataclass
class Parsed:
    """One file read and checked, before any other file is known; cached by the file's content hash."""

    path: str  # as shown in messages
    kind: str | None = None
    slug: str = ""
    values: dict[str, Any] = field(default_factory=dict)  # the fields that passed their checks
    html: str = ""
    first_paragraph: str = ""
    lines: dict[str, int] = field(default_factory=dict)
    placeholders: list[tuple[int, str]] = field(default_factory=list)
    own_links: list[tuple[int, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""

    @property
    def draft(self) -> bool:
        """Not part of any build: marked draf, or unreadable."""
        return self.kind is None or bool(self.values.get("draf"))

    @property
    def ok(self) -> bool:
        return not any(not p.warning for p in self.problems)


def kind_of(path: str, content_root: str) -> str | None:
    """The kind of a content file, from the folder it is in."""
    parts = Path(os.path.relpath(path, content_root)).parts
    return parts[0] if len(parts) == 2 and parts[0] in model.KINDS else None


def default_slug(kind: str, path: str) -> str:
    stem = Path(path).stem
    return DATE_PREFIX.sub("", stem) if kind == "pengumuman" else stem


def first_paragraph(body_html: str) -> str:
    """The first paragraph as plain text (tags dropped, entities decoded); templates escape it."""
    match = FIRST_PARAGRAPH.search(body_html)
    return Markup(match.group(1)).striptags() if match else ""


def placeholders(
    doc_raw: dict[str, str], doc_lines: dict[str, int], body: str, body_line: int
) -> list[tuple[int, str]]:
    """(line, key) of every ``[ISI: ...]`` value still to be filled in."""
    found = [(doc_lines.get(key, 1), key) for key, raw in doc_raw.items() if schema.is_placeholder(raw)]
    found += [(body_line + i, "(isi)") for i, line in enumerate(body.split("\n")) if schema.PLACEHOLDER in line]
    return sorted(found)


def parse(kind: str, data: bytes, shown: str, tz: ZoneInfo) -> tuple[SourceFile | None, dict[str, Any], list[Problem]]:
    """Everything about one file that needs no other file. Never raises for what a file holds."""
    if len(data) > MAX_BYTES:
        size = len(data) / 1_000_000
        message = (
            f"berkas terlalu besar ({size:.1f} MB; paling besar 1 MB); simpan dokumen dan gambar di content/berkas/"
        )
        return None, {}, [Problem(shown, 1, "(berkas)", message)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return (
            None,
            {},
            [Problem(shown, line, "(berkas)", "bukan teks UTF-8; simpan ulang berkas sebagai teks UTF-8")],
        )
    source, problems = split(text, shown)
    if source is None:
        return None, {}, problems
    checker = schema.Checker(shown, source.doc, tz, problems)
    values = model.validate(kind, checker)
    if model.KINDS[kind].body_required and not source.body.strip():
        checker.error("(isi)", f"isi {kind} kosong; tulis isinya di bawah baris '---' penutup")
    for offset, message in body.notices(source.body):
        checker.warn_at(source.body_line + offset, "(isi)", message)
    return source, values, checker.problems


class Reader:
    """Reads ``content/<kind>/<slug>.md`` into a ``Parsed``; one per build.

    Not a Pelican reader: Pelican reads nothing of ours (its article and page
    paths are empty), so none of its metadata processing runs. Parsed files are
    remembered by content hash (see cache.py); a cold build parses the files it
    has never seen on every core. ``code`` is the build's ``cache.code_digest``.
    """

    def __init__(self, settings: dict[str, Any], code: str):
        self.settings = settings
        config = cache.markdown_settings(settings)
        config.setdefault("output_format", "html5")
        configs = config["extension_configs"]
        configs["markdown.extensions.toc"] = {**configs.get("markdown.extensions.toc", {}), "slugify": body.heading_id}
        config["extensions"] = [*config["extensions"], body.BodyExtension()]
        self._markdown = Markdown(**config)
        self._cache_file = cache.per_content(settings, cache.READ_CACHE)
        self._version = cache.digest(code, settings["PATH"], os.getcwd())
        # path -> (content hash, parsed, (mtime_ns, size, inode))
        self._cache: dict[str, tuple[str, Parsed, Any]] | None = None
        self._used: dict[str, tuple[str, Parsed, Any]] = {}
        self._keys: dict[str, str] = {}  # content hashes taken by prefill(), used once by load()
        self._signatures: dict[str, tuple[int, int, int]] = {}

    @property
    def cached(self) -> dict[str, tuple[str, Parsed, Any]]:
        if self._cache is None:
            self._cache = cache.load_pickle(self._cache_file, self._version)
        return self._cache

    def prefill(self, paths: list[str]) -> int:
        """Hash every file, then parse on every core the ones not in the cache; returns how many."""
        todo = []
        for path in paths:
            key = self._keys[path] = self.content_key(path)
            if self.cached.get(path, ("",))[0] != key:
                todo.append((path, key))
        if len(todo) < parallel.MIN_ITEMS:
            return 0  # load() parses these one by one
        results = parallel.fork_map(lambda path: self.parse_file(path, Path(path).read_bytes()), [p for p, _ in todo])
        for (path, key), result in zip(todo, results, strict=True):
            self.cached[path] = (key, result, self._signatures.get(path))
        return len(todo)

    def content_key(self, path: str) -> str:
        """The file's SHA-256, taken again only when its size, mtime or inode changed (as git does)."""
        stat = os.stat(path)
        signature = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        self._signatures[path] = signature
        hit = self.cached.get(path)
        if hit and hit[2] == signature:
            return hit[0]
        return cache.digest(Path(path).read_bytes())

    def load(self, source_path: str) -> Parsed:
        key = self._keys.pop(source_path, None)
        hit = self.cached.get(source_path)
        if key is None or not hit or hit[0] != key:
            data = Path(source_path).read_bytes()
            key = cache.digest(data)
            parsed = hit[1] if hit and hit[0] == key else self.parse_file(source_path, data)
        else:
            parsed = hit[1]
        self._used[source_path] = (key, parsed, self._signatures.get(source_path))
        parsed.digest = key
        return parsed

    def save_cache(self) -> None:
        """Keep what this build read (files deleted since are dropped)."""
        cache.save_pickle(self._cache_file, self._version, self._used)

    def parse_file(self, source_path: str, data: bytes) -> Parsed:
        shown = display_path(source_path)
        kind = kind_of(source_path, self.settings["PATH"])
        if kind is None:
            return Parsed(shown, problems=[Problem(shown, 1, "(berkas)", _misplaced_message())])
        source, values, problems = parse(kind, data, shown, ZoneInfo(self.settings["TIMEZONE"]))
        if source is None:
            return Parsed(shown, problems=problems)
        body_html = ""
        limits = [Problem(shown, source.body_line + offset, "(isi)", m) for offset, m in body.limits(source.body)]
        problems += limits
        if source.body.strip() and not limits:
            try:
                body_html = body.render(self._markdown, source.body, model.KINDS[kind].heading_top)
            except body.TooComplex:
                message = (
                    f"isi terlalu rumit untuk diolah (lebih dari {body.TIME_BUDGET:g} detik); periksa tanda [ ] ( ) "
                    "dan daftar bertingkat, atau pecah isinya"
                )
                problems.append(Problem(shown, source.body_line, "(isi)", message))
        slug = values.get("slug") or default_slug(kind, source_path)
        if "slug" not in values and len(slug) > schema.SLUG_MAX:
            problems.append(
                Problem(
                    shown,
                    1,
                    "slug",
                    f"nama berkas terlalu panjang untuk alamat ({len(slug)} huruf, paling banyak {schema.SLUG_MAX}); "
                    "pendekkan nama berkas, atau isi 'slug' dengan alamat yang lebih pendek",
                )
            )
        elif "slug" not in values and not schema.SLUG_RE.fullmatch(slug):
            problems.append(
                Problem(
                    shown,
                    1,
                    "slug",
                    f"nama berkas '{Path(source_path).name}' tidak bisa jadi alamat; ganti nama berkas dengan "
                    "huruf kecil, angka dan tanda '-' saja, atau isi 'slug'",
                )
            )
        return Parsed(
            shown,
            kind=kind,
            slug=slug,
            values=values,
            html=body_html,
            first_paragraph=first_paragraph(body_html),
            lines=source.doc.lines,
            placeholders=placeholders(source.doc.raw, source.doc.lines, source.body, source.body_line),
            own_links=[(source.body_line + offset, path) for offset, path in body.own_links(source.body)],
            problems=problems,
        )


def _misplaced_message() -> str:
    folders = ", ".join(f"{k}/" for k in model.KINDS)
    return f"berkas .md harus berada langsung di salah satu folder {folders}"
