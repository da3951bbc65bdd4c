"""The Markdown body: what staff must fix or should know, its own links, and sanitising.

Raw HTML is allowed but warned about, and whatever it holds is cleaned with an
allow-list (nh3, the Rust crate ammonia), so no script, frame, event handler
or ``javascript:`` URL reaches a resident's browser.

python-markdown is quadratic on runs of ``[`` and recursive in nested lists (a
few hundred levels raise RecursionError), so a body is bounded before it is
converted (``limits``) and converted under a time budget (``render``).
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from xml.etree import ElementTree

import nh3
from markdown import Extension, Markdown
from markdown.extensions import toc
from markdown.treeprocessors import Treeprocessor

from layanan.content import routes

FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"`+[^`]*`+")
RAW_HTML = re.compile(r"<(?!https?://|mailto:)[a-zA-Z/!][^>]*>")
IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(")
OWN_LINK = re.compile(r"\]\(\s*<?(/[^)\s>]*)|\b(?:href|src)\s*=\s*[\"'](/[^\"']*)|^\s*\[[^\]]+\]:\s*<?(/[^\s>]+)")
# Links to the site's own items and files are checked: the folders of every kind but halaman, and berkas.
CHECKED_PREFIXES = (*(p.removesuffix("{slug}/") for p in routes.ITEM.values() if p != "/{slug}/"), f"/{routes.BERKAS}/")

ALLOWED_TAGS = nh3.ALLOWED_TAGS | {"mark"}
ALLOWED_ATTRIBUTES = {
    **nh3.ALLOWED_ATTRIBUTES,
    "*": {"id", "title", "lang"},
    "mark": {"class"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

PLACEHOLDER_TEXT = re.compile(r"(\[ISI:[^\]<]*\])")
# Far past what staff write (3-4 levels, a few links a paragraph), far below what is slow.
MAX_NESTING = 30
MAX_BRACKETS = 200
TIME_BUDGET = 5.0  # seconds per body; a 1 MB body of ordinary prose converts in about 0.5 s
NESTING_PREFIX = re.compile(r"^(?:[ \t]*(?:[>*+-]|\d{1,9}[.)])(?=\s|$))*[ \t]*")
MARKER = re.compile(r"[>*+-]|\d{1,9}[.)]")


class TooComplex(Exception):
    """A body python-markdown could not convert within TIME_BUDGET (or its recursion limit)."""


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of each body line outside code, with code spans removed."""
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield offset, CODE_SPAN.sub("", line)


def notices(body: str) -> Iterator[tuple[int, str]]:
    """(offset, message) for each body line that deserves a warning."""
    for offset, line in prose_lines(body):
        if IMAGE_WITHOUT_ALT.search(line):
            yield (
                offset,
                "gambar tanpa teks pengganti; tulis isinya di antara kurung siku: ![Loket](/berkas/loket.jpg)",
            )
        if RAW_HTML.search(line):
            yield offset, "berisi HTML; pakai Markdown saja (HTML dibersihkan, sebagian bisa hilang)"


def _depth(line: str) -> int:
    """Nesting a line opens: list and quote markers at its start, plus indentation in steps of 4."""
    prefix = NESTING_PREFIX.match(line).group(0)  # type: ignore[union-attr]  # the pattern matches "" too
    columns = len(prefix.expandtabs(4)) - sum(len(m) for m in MARKER.findall(prefix))
    return len(MARKER.findall(prefix)) + columns // 4


def limits(body: str) -> Iterator[tuple[int, str]]:
    """(offset, message) for each part of a body too deep or too bracket-heavy to convert safely."""
    block_start, brackets = 0, 0
    for offset, line in prose_lines(body):
        if not line.strip():
            block_start, brackets = offset + 1, 0
            continue
        if _depth(line) > MAX_NESTING:
            yield (
                offset,
                f"daftar atau kutipan bertingkat lebih dari {MAX_NESTING} tingkat; kurangi spasi di depan baris "
                "atau tanda '>'",
            )
        before = brackets
        brackets += line.count("[")
        if before <= MAX_BRACKETS < brackets:
            yield (
                block_start,
                f"lebih dari {MAX_BRACKETS} tanda '[' dalam satu paragraf; pecah paragrafnya atau hapus tanda "
                "yang tidak perlu",
            )


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise TooComplex when the block runs longer than ``seconds`` (SIGALRM: main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TooComplex

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render(markdown: Markdown, text: str, top: int) -> str:
    """Markdown to sanitised HTML, headings from h``top``; raises TooComplex past TIME_BUDGET."""
    markdown.reset()
    for extension in markdown.registeredExtensions:
        if isinstance(extension, BodyExtension) and extension.headings is not None:
            extension.headings.top = top
    try:
        with _deadline(TIME_BUDGET):
            converted = markdown.convert(text)
    except RecursionError as exc:
        raise TooComplex from exc
    return sanitize(converted)


def _marked(text: str | None) -> tuple[str | None, list[ElementTree.Element]]:
    """Split text at each ``[ISI: ...]``: the text before the first, and a <mark> for each."""
    if not text or "[ISI:" not in text:
        return text, []
    pieces = PLACEHOLDER_TEXT.split(text)
    marks = []
    for placeholder, after in zip(pieces[1::2], pieces[2::2], strict=True):
        mark = ElementTree.Element("mark", {"class": "isi"})
        mark.text, mark.tail = placeholder, after
        marks.append(mark)
    return pieces[0], marks


class _Placeholders(Treeprocessor):
    """Mark ``[ISI: ...]`` as unfinished in text only, never inside an attribute (a link title)."""

    def run(self, root: ElementTree.Element) -> None:
        for parent in list(root.iter()):
            if parent.tag == "mark":
                continue
            children = list(parent)
            parent.text, marks = _marked(parent.text)
            for position, mark in enumerate(marks):
                parent.insert(position, mark)
            for child in children:
                child.tail, marks = _marked(child.tail)
                start = list(parent).index(child) + 1
                for position, mark in enumerate(marks):
                    parent.insert(start + position, mark)


class _Headings(Treeprocessor):
    """Shift the body's headings so its highest one sits at ``top``, keeping their order.

    Staff write ``#`` or ``##`` for a section as they please; the page decides the level
    (h2 under a page's h1, h3 inside a service page's h2 section), so no level is skipped.
    """

    top = 2

    def run(self, root: ElementTree.Element) -> None:
        headings = [el for el in root.iter() if el.tag in HEADINGS]
        if not headings:
            return
        shift = self.top - min(int(el.tag[1]) for el in headings)
        for el in headings:
            el.tag = f"h{min(int(el.tag[1]) + shift, 6)}"


HEADINGS = {f"h{n}" for n in range(1, 7)}


def heading_id(value: str, separator: str) -> str:
    """Anchors of body headings, apart from the template's own ids (``## Persyaratan`` -> bagian-persyaratan)."""
    return "bagian" + separator + str(toc.slugify(value, separator))


class BodyExtension(Extension):
    """Placeholders marked in text, headings placed under the page's own (``top``)."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: _Headings | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - python-markdown's name
        self.headings = _Headings(md)
        md.registerExtension(self)  # so render() finds it among md.registeredExtensions
        md.treeprocessors.register(_Placeholders(md), "isi", 5)
        md.treeprocessors.register(self.headings, "judul-bagian", 4)


def own_links(body: str) -> Iterator[tuple[int, str]]:
    """(offset, path) of each link to one of our own pages or files."""
    for offset, line in prose_lines(body):
        for match in OWN_LINK.finditer(line):
            target = next(group for group in match.groups() if group)
            path = target.split("#")[0].split("?")[0]
            if path.startswith(CHECKED_PREFIXES):
                yield offset, path


# A body's ids live in the page beside the template's: prefixed, a heading called "teks-pesan" cannot take
# the id of the message box (whose copy button then copied "undefined"). Links to them follow.
ID_PREFIX = "bagian-"  # as heading anchors already are (heading_id below)


def _own_names(element: str, attribute: str, value: str) -> str | None:
    """Prefix the body's ids and its links to them; drop pictures from other hosts (a resident's phone
    would fetch them, telling that host who reads the page)."""
    if attribute == "id":
        return value if value.startswith(ID_PREFIX) else ID_PREFIX + value
    if attribute == "href" and value.startswith("#") and len(value) > 1 and not value.startswith("#" + ID_PREFIX):
        return "#" + ID_PREFIX + value[1:]
    if element == "img" and attribute == "src" and not (value.startswith("/") and not value.startswith("//")):
        return None
    return value


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=_own_names,
    )
