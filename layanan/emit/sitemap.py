"""``sitemap.xml`` and ``robots.txt`` for search engines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

from layanan.site.index import Site


def sitemap_xml(site: Site, urls: list[tuple[str, dt.date | dt.datetime | None]]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, lastmod in urls:
        lines.append(f"  <url><loc>{escape(site.situs.url + url)}</loc>")
        if lastmod is not None:
            day = lastmod.date() if isinstance(lastmod, dt.datetime) else lastmod
            lines.append(f"    <lastmod>{day.isoformat()}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(site: Site) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.situs.url}/sitemap.xml\n"


def write(site: Site, urls: list[tuple[str, dt.date | dt.datetime | None]], output_path: str) -> list[str]:
    out = Path(output_path)
    (out / "sitemap.xml").write_text(sitemap_xml(site, urls), encoding="utf-8")
    (out / "robots.txt").write_text(robots_txt(site), encoding="utf-8")
    return ["sitemap.xml", "robots.txt"]
