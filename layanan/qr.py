"""QR codes (segno, SVG) of a page's production URL, for print-outs and notice boards."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

import segno

if TYPE_CHECKING:
    from layanan.site import Site


def qr_svg(url: str, label: str, scale: int = 3) -> str:
    """Inline SVG with an accessible name; vector, so it prints sharp at any size."""
    svg = segno.make(url, error="m").svg_inline(scale=scale, border=2, svgclass="qr", lineclass=None, omitsize=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def qr_file(url: str) -> bytes:
    """A standalone SVG file, for staff to put on posters of their own."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=10, border=2, xmldecl=True)
    return buffer.getvalue()


def write_files(site: Site, output_path: str) -> list[str]:
    """``/layanan/<slug>/qr.svg`` for every service."""
    written = []
    for service in site.layanan:
        relative = f"{service.save_as.removesuffix('index.html')}qr.svg"
        target = Path(output_path) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(qr_file(site.situs.url + service.url))
        written.append(relative)
    return written
