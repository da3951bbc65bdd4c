"""QR codes (segno, SVG) of a page's production URL, for print-outs and notice boards."""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import TYPE_CHECKING

import segno
from markupsafe import Markup, escape

from layanan.content import routes

if TYPE_CHECKING:
    from layanan.site.index import Site

MASK = 2


@functools.lru_cache(maxsize=1024)
def _code(url: str) -> segno.QRCode:
    # A fixed mask skips segno's search over eight (most of its time); any mask is valid QR,
    # and the tests decode every kind of code we print with zbar.
    return segno.make(url, error="m", mask=MASK)


def qr_svg(url: str, label: str, scale: int = 3) -> Markup:
    """Inline SVG with an accessible name; vector, so it prints sharp at any size."""
    svg = _code(url).svg_inline(scale=scale, border=2, svgclass="qr", lineclass=None, omitsize=True)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


def files(site: Site) -> list[tuple[str, str]]:
    """(path in the output, URL it encodes): ``/layanan/<slug>/qr.svg`` for every service."""
    return [(routes.qr_file(routes.item("layanan", s.slug)), site.situs.url + s.url) for s in site.layanan]


def write_file(url: str, target: Path) -> None:
    """A standalone SVG file, for staff to put on posters of their own."""
    buffer = io.BytesIO()
    _code(url).save(buffer, kind="svg", scale=10, border=2, xmldecl=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)  # never write through a hard link the live build folder shares
    target.write_bytes(buffer.getvalue())
