"""PDFs of the printable documents (Standar Pelayanan), printed by WeasyPrint from the pages just written.

WeasyPrint rather than Chromium: a build server needs only pip and Debian's Pango,
no browser, and it implements the CSS paged media the print stylesheet uses (named
pages, page counters in the margin). It reads nothing but the built site: every
address under the site's own URL is a file of the output folder, anything else is
refused, so a PDF never fetches from another host. A PDF is keyed by its page's
HTML: an unchanged page's PDF is linked from the previous build, not printed again.
"""

from __future__ import annotations

import io
import mimetypes
import re
from pathlib import Path
from typing import Any

from layanan import cache, incremental, parallel
from layanan.pages import Output


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


# The whole office's document as a cover (the attachment line, the title, the contents), the services left out.
COVER = ".pengesahan, #masukan { display: none; }"
# A service's section of the whole document; sections never nest, and staff's text inside is escaped.
SECTION = re.compile(r'<section class="standar-layanan".*?</section>', re.S)


def write(
    page_file: Path,
    pdf_file: Path,
    page_url: str,
    site_url: str,
    root: Path,
    renamed: dict[str, str],
    joined: list[Path] | None = None,
) -> None:
    """Print ``page_file`` (the page at ``page_url``) to ``pdf_file``.

    With ``joined``, the page is printed as a cover and those PDFs follow it, page for page:
    the whole office's document is its services' own PDFs, never laid out again (a 200-service
    document took 20 s and 700 MB in one WeasyPrint process; joining takes a second).
    """
    from weasyprint import CSS, HTML  # imported when a PDF is due: it takes 0.3 s to load

    html = page_file.read_text(encoding="utf-8")
    if joined is not None:
        html = SECTION.sub("", html)  # not styled at all: each service comes from its own PDF
    document = HTML(string=html, base_url=site_url + page_url, url_fetcher=_fetcher(site_url, root.resolve(), renamed))
    pdf_file.parent.mkdir(parents=True, exist_ok=True)
    if joined is None:
        document.write_pdf(pdf_file)
        return
    from pypdf import PdfWriter

    writer = PdfWriter()  # no file identifier is generated unless asked: the same input gives the same bytes
    writer.append(io.BytesIO(document.write_pdf(stylesheets=[CSS(string=COVER)])))
    for part in joined:
        writer.append(part)
    with pdf_file.open("wb") as handle:
        writer.write(handle)


def write_all(
    outputs: list[Output],
    site_url: str,
    output_path: str,
    previous: Path | None,
    known: dict[str, list[Any]],
    keys: dict[str, str],
    renamed: dict[str, str],
) -> int:
    """The PDF of every page that names one (``vars["pdf"]``); returns how many were printed.

    A page that lists others (``vars["layanan"]``, the whole office's standard) is their PDFs joined
    after its cover, so it is made after them and keyed by theirs too.
    """
    root = Path(output_path)
    todo, wholes, parts = [], [], []
    for output in outputs:
        name = output.vars.get("pdf")
        if not name:
            continue
        if "layanan" in output.vars:
            wholes.append((output, name))
            continue
        parts.append(name)
        keys[name] = key((root / output.save_as).read_bytes())
        if not incremental.link_previous(previous, known, name, keys[name], output_path):
            todo.append((output, name))
    if todo:
        import weasyprint  # noqa: F401 - loaded once, before the workers fork

        # Each PDF takes 0.1 s or more: worth a worker from the second one, longest (largest page) first.
        todo.sort(key=lambda job: -(root / job[0].save_as).stat().st_size)
        parallel.fork_map(
            lambda job: write(root / job[0].save_as, root / job[1], job[0].url, site_url, root, renamed),
            todo,
            min_items=2,
        )
    parts = [
        name for output, name in [(o, o.vars.get("pdf")) for o in outputs] if name and "layanan" not in output.vars
    ]
    for output, name in wholes:
        keys[name] = key((root / output.save_as).read_bytes(), *(keys[part] for part in parts))
        if not incremental.link_previous(previous, known, name, keys[name], output_path):
            write(root / output.save_as, root / name, output.url, site_url, root, renamed, [root / p for p in parts])
            todo.append((output, name))
    return len(todo)
