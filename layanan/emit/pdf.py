"""PDFs of the printable documents (Standar Pelayanan), printed by WeasyPrint from the pages just written.

WeasyPrint rather than Chromium: a build server needs only pip and Debian's Pango,
no browser, and it implements the CSS paged media the print stylesheet uses (named
pages, page counters in the margin). It reads nothing but the built site: every
address under the site's own URL is a file of the output folder, anything else is
refused, so a PDF never fetches from another host. A PDF is keyed by its page's
HTML: an unchanged page's PDF is linked from the previous build, not printed again.
Every PDF is tagged (PDF/UA-1), with the page's language and title.
"""

from __future__ import annotations

import mimetypes
import re
import time
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

from layanan.base import cache, parallel
from layanan.emit import pdfjoin
from layanan.render import incremental
from layanan.render.outputs import Output


def _fetcher(site_url: str, root: Path, renamed: dict[str, str]) -> Any:
    """A WeasyPrint URL fetcher that serves the site's own addresses from ``root`` and nothing else.

    ``renamed`` maps a fingerprinted address (production) to the file it is written from after this.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class OwnFiles(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith(site_url + "/"):
                raise ValueError(f"PDF hanya memuat berkas situs sendiri, bukan {url}")
            address = "/" + url.removeprefix(site_url + "/").split("?")[0].split("#")[0]
            path = (root / renamed.get(address, address).lstrip("/")).resolve()
            if not path.is_relative_to(root) or not path.is_file():
                raise ValueError(f"{url} tidak ada di situs yang dibangun")
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": media_type})

    return OwnFiles()


def key(html: bytes, *parts: str) -> str:
    return cache.digest("pdf", html, *parts)


VARIANT = "pdf/ua-1"  # tagged, with its language and title: a screen reader reads it as the page
# The whole office's document is printed in parts (pdfjoin.py): the cover (attachment line, title,
# contents), each service on its own pages, the signature after the last; pdfjoin numbers the pages.
SECTION = re.compile(r'<section class="standar-layanan" id="([a-z0-9-]+)".*?</section>', re.S)
HEADER = re.compile(r'<header class="standar-kepala">.*?</header>', re.S)
SIGNATURE = re.compile(r'<div class="pengesahan">.*?</div>', re.S)
TITLE = re.compile(r'<h2 id="judul-[a-z0-9-]+">\d+\. (.*?)</h2>', re.S)
CONTENTS_PAGE = re.compile(r'(data-layanan="([a-z0-9-]+)">)(</span>)')
UNNUMBERED = "@page standar { @bottom-right { content: none !important; } }"  # over the print stylesheet's
COVER = ".pengesahan, #masukan { display: none; }"


STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">')
_SHEETS: dict[str, Any] = {}  # each stylesheet by its bytes, parsed once and shared by the forked printers


def _sheet(href: str, site_url: str, root: Path, renamed: dict[str, str]) -> Any:
    from weasyprint import CSS

    stat = (root / renamed.get(href, href).lstrip("/")).stat()
    found = f"{href} {stat.st_ino} {stat.st_mtime_ns} {stat.st_size}"  # this build's file, not an earlier one's
    if found not in _SHEETS:
        _SHEETS[found] = CSS(url=site_url + href, url_fetcher=_fetcher(site_url, root.resolve(), renamed))
    return _SHEETS[found]


def _print(html: str, page_url: str, site_url: str, root: Path, renamed: dict[str, str], css: str = "") -> bytes:
    """One page as a tagged PDF; its stylesheet parsed once for all (a third of a small page's printing)."""
    from weasyprint import CSS, HTML  # imported when a PDF is due: it takes 0.3 s to load

    sheets = [_sheet(href, site_url, root, renamed) for href in STYLESHEET.findall(html)]
    html = STYLESHEET.sub("", html)
    document = HTML(string=html, base_url=site_url + page_url, url_fetcher=_fetcher(site_url, root.resolve(), renamed))
    return bytes(document.write_pdf(stylesheets=[*sheets, *([CSS(string=css)] if css else [])], pdf_variant=VARIANT))


def _numbers(count: int) -> bytes:
    """``count`` pages holding only "Halaman X dari Y", on the standard's paper and in its type (untagged)."""
    from weasyprint import HTML

    html = (
        "<!doctype html><html lang=id><style>@page { size: A4; margin: 10mm 12mm; @bottom-right {"
        ' content: "Halaman " counter(page) " dari " counter(pages); font-size: 9pt;'
        ' font-family: system-ui, "Noto Sans", Arial, sans-serif; } } div { break-after: page; height: 1px; }'
        "</style>" + "<div></div>" * count + "</html>"
    )
    return bytes(HTML(string=html).write_pdf())


@dataclass(frozen=True)
class Whole:
    """The whole office's standard page and where each of its parts is printed."""

    html: str
    parts: list[tuple[pdfjoin.Part, str]]  # each part and the page it is printed from

    @classmethod
    def split(cls, html: str, folder: Path, code: str) -> Whole:
        sections = list(SECTION.finditer(html))
        if not sections:
            return cls(html, [])
        head, tail = HEADER.sub("", html[: sections[0].start()]), html[sections[-1].end() :]
        parts = []
        for n, section in enumerate(sections):
            closing = tail if n == len(sections) - 1 else SIGNATURE.sub("", tail)  # one signature, after the last
            page = head + section.group(0) + closing
            title = TITLE.search(section.group(0))
            name = f"bagian-{key(page.encode(), UNNUMBERED, code)}.pdf"
            parts.append(
                (pdfjoin.Part(section.group(1), html_text(title.group(1) if title else ""), folder / name), page)
            )
        return cls(html, parts)

    def cover(self, first_pages: dict[str, int]) -> str:
        """The page without its services, each contents line given the page its service starts on."""
        html = SECTION.sub("", self.html)
        # The line is its service's anchor here, so WeasyPrint keeps the link; pdfjoin points it at the service.
        return CONTENTS_PAGE.sub(
            lambda m: f'{m.group(1)[:-1]} id="{m.group(2)}">{first_pages.get(m.group(2), "")}{m.group(3)}', html
        )


def html_text(markup: str) -> str:
    """A heading's text as a bookmark shows it: tags gone, entities read."""
    return unescape(re.sub(r"<[^>]+>", "", markup)).strip()


def write_whole(
    page_file: Path,
    pdf_file: Path,
    page_url: str,
    site_url: str,
    root: Path,
    renamed: dict[str, str],
    folder: Path,
    code: str,
) -> None:
    """The whole office's standard as one document: parts printed (or reused from ``folder``), then joined."""
    whole = Whole.split(page_file.read_text(encoding="utf-8"), folder, code)
    todo = [(part, page) for part, page in whole.parts if not part.path.is_file()]
    parallel.fork_map(
        lambda job: cache.replace(job[0].path, _print(job[1], page_url, site_url, root, renamed, UNNUMBERED)),
        todo,
        min_items=2,
    )
    counts = [pdfjoin.page_count(part.path) for part, _ in whole.parts]

    def cover(covered: int) -> Path:
        """The cover whose contents count ``covered`` cover pages first; kept by its HTML like the parts."""
        starts, page = {}, covered
        for (part, _), count in zip(whole.parts, counts, strict=True):
            starts[part.slug] = page + 1
            page += count
        html = whole.cover(starts)
        path = folder / f"sampul-{key(html.encode(), COVER, code)}.pdf"
        if not path.is_file():
            cache.replace(path, _print(html, page_url, site_url, root, renamed, COVER + UNNUMBERED))
        return path

    # The contents' page numbers depend on the cover's length, which they can change: start from the
    # last build's length (a hint shared by builds), print until they agree.
    hint = folder / "sampul-halaman.txt"
    covered = int(hint.read_text(encoding="ascii")) if hint.is_file() else 1
    for _ in range(5):
        path = cover(covered)
        printed = pdfjoin.page_count(path)
        if printed == covered:
            break
        covered = printed
    cache.replace(hint, str(covered).encode("ascii"))
    total = covered + sum(counts)
    numbers = folder / f"nomor-{total}-{key(b'', code)[:16]}.pdf"
    if not numbers.is_file():
        cache.replace(numbers, _numbers(total))
    pdfjoin.join(path, [part for part, _ in whole.parts], numbers, pdf_file)
    used = {path.name, numbers.name, *(part.path.name for part, _ in whole.parts)}
    for old in folder.glob("*.pdf"):
        if old.name not in used and time.time() - old.stat().st_mtime > 3600:
            old.unlink(missing_ok=True)  # of earlier versions; an hour's grace for a build running beside


def write(page_file: Path, pdf_file: Path, page_url: str, site_url: str, root: Path, renamed: dict[str, str]) -> None:
    """Print ``page_file`` (the page at ``page_url``) to ``pdf_file``."""
    pdf_file.parent.mkdir(parents=True, exist_ok=True)
    pdf_file.write_bytes(_print(page_file.read_text(encoding="utf-8"), page_url, site_url, root, renamed))


def write_all(
    outputs: list[Output],
    site_url: str,
    output_path: str,
    previous: Path | None,
    known: dict[str, list[Any]],
    keys: dict[str, str],
    renamed: dict[str, str],
    parts_folder: Path,
    code: str,
) -> int:
    """The PDF of every page that names one (``vars["pdf"]``); returns how many were printed.

    A page that lists others (``vars["layanan"]``, the whole office's standard) is printed in parts
    kept in ``parts_folder`` between builds, so one service's edit prints one part again. ``code`` (the
    theme's and the code's digest) is part of every key: a new stylesheet prints everything again.
    """
    root = Path(output_path)
    todo, wholes = [], []
    for output in outputs:
        name = output.vars.get("pdf")
        if not name:
            continue
        keys[name] = key((root / output.save_as).read_bytes(), code)
        if incremental.link_previous(previous, known, name, keys[name], output_path):
            continue
        if "layanan" in output.vars:
            wholes.append((output, name))
        else:
            todo.append((output, name))
    if todo or wholes:
        # WeasyPrint and the stylesheet are loaded once, before the workers fork.
        for href in STYLESHEET.findall((root / (todo or wholes)[0][0].save_as).read_text(encoding="utf-8")):
            _sheet(href, site_url, root, renamed)

        # Each PDF takes 0.1 s or more: worth a worker from the second one, longest (largest page) first.
        todo.sort(key=lambda job: -(root / job[0].save_as).stat().st_size)
        parallel.fork_map(
            lambda job: write(root / job[0].save_as, root / job[1], job[0].url, site_url, root, renamed),
            todo,
            min_items=2,
        )
    for output, name in wholes:
        write_whole(root / output.save_as, root / name, output.url, site_url, root, renamed, parts_folder, code)
    return len(todo) + len(wholes)
