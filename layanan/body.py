"""The Markdown body: what staff must fix or should know, its own links, and sanitising.

Raw HTML is allowed but warned about, and whatever it holds is cleaned with an
allow-list (nh3, the Rust crate ammonia), so no script, frame, event handler
or ``javascript:`` URL reaches a resident's browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import nh3

FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"`+[^`]*`+")
RAW_HTML = re.compile(r"<(?!https?://|mailto:)[a-zA-Z/!][^>]*>")
IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(")
OWN_LINK = re.compile(r"\]\(\s*<?(/[^)\s>]*)|\b(?:href|src)\s*=\s*[\"'](/[^\"']*)|^\s*\[[^\]]+\]:\s*<?(/[^\s>]+)")
CHECKED_PREFIXES = ("/layanan/", "/pengumuman/", "/kelurahan/", "/berkas/")

ALLOWED_TAGS = nh3.ALLOWED_TAGS | {"mark"}
ALLOWED_ATTRIBUTES = {
    **nh3.ALLOWED_ATTRIBUTES,
    "*": {"id", "title", "lang"},
    "mark": {"class"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "td": {"align", "colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


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


def own_links(body: str) -> Iterator[tuple[int, str]]:
    """(offset, path) of each link to one of our own pages or files."""
    for offset, line in prose_lines(body):
        for match in OWN_LINK.finditer(line):
            target = next(group for group in match.groups() if group)
            path = target.split("#")[0].split("?")[0]
            if path.startswith(CHECKED_PREFIXES):
                yield offset, path


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
