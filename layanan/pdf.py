"""PDFs of the printable documents (Standar Pelayanan), printed by WeasyPrint from the pages just written.

WeasyPrint rather than Chromium: a build server needs only pip and Debian's Pango,
no browser, and it implements the CSS paged media the print stylesheet uses (named
pages, page counters in the margin). It reads nothing but the built site: every
address under the site's own URL is a file of the output folder, anything else is
refused, so a PDF never fetches from another host. A PDF is keyed by its page's
HTML: an unchanged page's PDF is linked from the previous build, not printed again.
"""

from __future__ import annotations

import mimetypes
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


def key(html: bytes) -> str:
    return cache.digest("pdf", html)


def write(page_file: Path, pdf_file: Path, page_url: str, site_url: str, root: Path, renamed: dict[str, str]) -> None:
    """Print ``page_file`` (the page at ``page_url``) to ``pdf_file``."""
    from weasyprint import HTML  # imported when a PDF is due: it takes 0.3 s to load

    document = HTML(
        string=page_file.read_text(encoding="utf-8"),
        base_url=site_url + page_url,
        url_fetcher=_fetcher(site_url, root.resolve(), renamed),
    )
    pdf_file.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(pdf_file)


def write_all(
    outputs: list[Output],
    site_url: str,
    output_path: str,
    previous: Path | None,
    known: dict[str, list[Any]],
    keys: dict[str, str],
    renamed: dict[str, str],
) -> int:
    """The PDF of every page that names one (``vars["pdf"]``); returns how many were printed."""
    root = Path(output_path)
    todo = []
    for output in outputs:
        name = output.vars.get("pdf")
        if not name:
            continue
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
    return len(todo)
