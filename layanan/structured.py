"""Structured data (schema.org JSON-LD) so search engines understand services, offices and notices."""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup
from pelican.contents import Page

from layanan.filters import berkas_url
from layanan.situs import Situs

DAYS = re.compile(r"(\d+)\s*hari")
# Inside <script>, "</script>" and "<!--" change how HTML parses the rest of the page; JSON
# allows every character as a \u escape, and U+2028/2029 end a line in older JavaScript.
SCRIPT_SAFE = str.maketrans({c: f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"})


def _script(data: dict[str, Any]) -> Markup:
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(SCRIPT_SAFE)
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


def _real(value: str | None) -> str | None:
    """Leave out values staff have not filled in yet."""
    return None if value is None or "[ISI:" in value else value


def _clean(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _clean(v) for k, v in data.items() if v not in (None, [], {})}
    if isinstance(data, list):
        return [_clean(v) for v in data]
    return data


def address(situs: Situs, street: str | None = None) -> dict[str, Any]:
    return {
        "@type": "PostalAddress",
        "streetAddress": _real(street or situs.alamat),
        "addressLocality": situs.kota,
        "addressRegion": situs.provinsi,
        "addressCountry": "ID",
    }


def phone(number: str | None, kind: str | None = None) -> dict[str, Any] | None:
    if not _real(number):
        return None
    return {"@type": "ContactPoint", "telephone": number, "contactType": kind}


def organization(situs: Situs) -> dict[str, Any]:
    return {"@type": "GovernmentOrganization", "name": situs.nama, "url": situs.url + "/"}


def office(situs: Situs, villages: list[Page]) -> Markup:
    """The kecamatan office (home and contact pages)."""
    return _script(
        _clean(
            {
                "@context": "https://schema.org",
                "@type": "GovernmentOffice",
                "@id": situs.url + "/#kantor",
                "name": situs.nama,
                "url": situs.url + "/",
                "address": address(situs),
                "telephone": _real(situs.telepon),
                "email": _real(situs.email),
                "openingHours": _real(situs.jam_layanan),
                "parentOrganization": {"@type": "GovernmentOrganization", "name": f"Pemerintah {situs.kota}"},
                "areaServed": [{"@type": "AdministrativeArea", "name": v.title} for v in villages],
            }
        )
    )


def village_office(situs: Situs, village: Page) -> Markup:
    """A kelurahan office."""
    coordinates = getattr(village, "koordinat", None)
    return _script(
        _clean(
            {
                "@context": "https://schema.org",
                "@type": "GovernmentOffice",
                "name": village.title,
                "url": situs.url + village.url,
                "address": address(situs, village.alamat),
                "telephone": _real(village.telepon),
                "email": _real(village.email),
                "openingHours": _real(village.jam_layanan),
                "geo": {"@type": "GeoCoordinates", "latitude": coordinates["lat"], "longitude": coordinates["lon"]}
                if coordinates
                else None,
                "parentOrganization": organization(situs),
                "areaServed": {"@type": "AdministrativeArea", "name": village.title},
            }
        )
    )


def processing_time(waktu: str) -> str | None:
    """ISO 8601 duration from "3 hari kerja"; None when the text says no number of days."""
    match = DAYS.search(waktu or "")
    return f"P{match.group(1)}D" if match else None


def service(situs: Situs, item: Page) -> Markup:
    url = situs.url + item.url
    channels = []
    if "whatsapp" in item.kanal and _real(situs.whatsapp):
        channels.append(
            {
                "@type": "ServiceChannel",
                "name": "WhatsApp",
                "serviceUrl": f"https://wa.me/{situs.whatsapp}",
                "servicePhone": phone(f"+{situs.whatsapp}", "WhatsApp"),
                "availableLanguage": "id",
                "processingTime": processing_time(item.waktu),
            }
        )
    if "loket" in item.kanal:
        channels.append(
            {
                "@type": "ServiceChannel",
                "name": "Loket",
                "serviceLocation": {
                    "@type": "Place",
                    "name": _real(item.tempat) or situs.nama,
                    "address": address(situs),
                },
                "servicePhone": phone(situs.telepon),
                "availableLanguage": "id",
                "processingTime": processing_time(item.waktu),
            }
        )
    if "daring" in item.kanal and _real(item.tautan_daring):
        channels.append(
            {"@type": "ServiceChannel", "name": "Daring", "serviceUrl": item.tautan_daring, "availableLanguage": "id"}
        )
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": item.title,
        "description": item.ringkasan,
        "url": url,
        "serviceType": item.kategori,
        "provider": organization(situs),
        "areaServed": {"@type": "AdministrativeArea", "name": f"{situs.nama}, {situs.kota}"},
        "serviceOutput": {"@type": "Thing", "name": _real(item.produk)},
        "availableChannel": channels,
        "isRelatedTo": [
            {"@type": "GovernmentService", "name": s.title, "url": situs.url + s.url} for s in item.next_steps
        ],
    }
    if item.biaya == 0:
        data["offers"] = {"@type": "Offer", "price": 0, "priceCurrency": "IDR"}
    elif isinstance(item.biaya, int):
        data["offers"] = {"@type": "Offer", "price": item.biaya, "priceCurrency": "IDR"}
    return _script(_clean(data))


def announcement(situs: Situs, item: Page) -> Markup:
    url = situs.url + item.url
    area = [{"@type": "AdministrativeArea", "name": v.title} for v in item.villages] or [
        {"@type": "AdministrativeArea", "name": f"{situs.nama}, {situs.kota}"}
    ]
    common = {
        "headline": item.title,
        "url": url,
        "datePublished": item.date.isoformat(),
        "publisher": organization(situs),
        "image": situs.url + (berkas_url(item.gambar) if item.gambar else "/theme/bagikan.png"),
    }
    special = {
        "@type": "SpecialAnnouncement",
        "name": item.title,
        "text": item.summary,
        "datePosted": item.date.isoformat(),
        "expires": item.berlaku_hingga.isoformat() if item.berlaku_hingga else None,
        "spatialCoverage": area,
        "announcementLocation": {"@type": "GovernmentOffice", "name": situs.nama, "address": address(situs)},
        **common,
    }
    article = {"@type": "NewsArticle", "description": item.summary, "author": organization(situs), **common}
    return _script(_clean({"@context": "https://schema.org", "@graph": [special, article]}))
