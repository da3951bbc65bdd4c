"""Structured data (schema.org JSON-LD) so search engines understand services, offices and notices."""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup

from layanan.content.model import Kelurahan, Layanan, Pengumuman, Situs
from layanan.content.schema import known
from layanan.render.filters import berkas_url, e164

# "3 hari" is calendar days; "3 hari kerja" is not a fixed duration and gets none.
DURATION = re.compile(r"(\d+)\s*(menit|jam|hari)(\s+kerja)?", re.I)
DAY_NAMES = {
    "senin": "Monday",
    "selasa": "Tuesday",
    "rabu": "Wednesday",
    "kamis": "Thursday",
    "jumat": "Friday",
    "sabtu": "Saturday",
    "minggu": "Sunday",
}
# "Senin-Kamis 08.00-15.00; Jumat 08.00-11.00" (the format docs/format-konten.md shows).
HOURS = re.compile(
    r"^\s*([a-z']+)(?:\s*[-–]\s*([a-z']+))?\s*,?\s+(\d{1,2})[.:](\d{2})\s*[-–]\s*(\d{1,2})[.:](\d{2})\s*$"
)
# Inside <script>, "</script>" and "<!--" change how HTML parses the rest of the page; JSON
# allows every character as a \u escape, and U+2028/2029 end a line in older JavaScript.
SCRIPT_SAFE = str.maketrans({c: f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"})


def _script(data: dict[str, Any]) -> Markup:
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(SCRIPT_SAFE)
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


def _clean(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _clean(v) for k, v in data.items() if v not in (None, [], {})}
    if isinstance(data, list):
        return [_clean(v) for v in data]
    return data


def address(situs: Situs, street: str | None) -> dict[str, Any]:
    return {
        "@type": "PostalAddress",
        "streetAddress": known(street),
        "addressLocality": situs.kota,
        "addressRegion": situs.provinsi,
        "addressCountry": "ID",
    }


def phone(number: str | None, kind: str | None = None) -> dict[str, Any] | None:
    value = known(number)
    if not value:
        return None
    return {"@type": "ContactPoint", "telephone": e164(value), "contactType": kind}


def telephone(number: str | None) -> str | None:
    value = known(number)
    return e164(value) if value else None


def opening_hours(text: str | None) -> list[dict[str, Any]] | None:
    """OpeningHoursSpecification from "Senin-Jumat 08.00-15.00; Sabtu 08.00-12.00"; None when unreadable."""
    value = known(text)
    if not value:
        return None
    order = list(DAY_NAMES)
    specs = []
    for part in re.split(r"[;\n]", value.lower()):
        if not part.strip():
            continue
        match = HOURS.match(part.replace("jum'at", "jumat"))
        if not match or match.group(1) not in DAY_NAMES or (match.group(2) or match.group(1)) not in DAY_NAMES:
            return None
        first, last = order.index(match.group(1)), order.index(match.group(2) or match.group(1))
        if last < first:
            return None
        specs.append(
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [f"https://schema.org/{DAY_NAMES[d]}" for d in order[first : last + 1]],
                "opens": f"{int(match.group(3)):02d}:{match.group(4)}",
                "closes": f"{int(match.group(5)):02d}:{match.group(6)}",
            }
        )
    return specs or None


def organization(situs: Situs) -> dict[str, Any]:
    return {"@type": "GovernmentOrganization", "name": situs.nama, "url": situs.url + "/"}


def office(situs: Situs, villages: list[Kelurahan]) -> Markup:
    """The kecamatan office (home and contact pages)."""
    return _script(
        _clean(
            {
                "@context": "https://schema.org",
                "@type": "GovernmentOffice",
                "@id": situs.url + "/#kantor",
                "name": situs.nama,
                "url": situs.url + "/",
                "address": address(situs, situs.alamat),
                "telephone": telephone(situs.telepon),
                "email": known(situs.email),
                "openingHoursSpecification": opening_hours(situs.jam_layanan),
                "parentOrganization": {"@type": "GovernmentOrganization", "name": f"Pemerintah {situs.kota}"},
                "areaServed": [{"@type": "AdministrativeArea", "name": v.nama} for v in villages],
            }
        )
    )


def village_office(situs: Situs, village: Kelurahan) -> Markup:
    """A kelurahan office."""
    coordinates = village.koordinat
    return _script(
        _clean(
            {
                "@context": "https://schema.org",
                "@type": "GovernmentOffice",
                "name": village.nama,
                "url": situs.url + village.url,
                "address": address(situs, village.alamat),
                "telephone": telephone(village.telepon),
                "email": known(village.email),
                "openingHoursSpecification": opening_hours(village.jam_layanan),
                "geo": {"@type": "GeoCoordinates", "latitude": coordinates.lat, "longitude": coordinates.lon}
                if coordinates
                else None,
                "parentOrganization": organization(situs),
                "areaServed": {"@type": "AdministrativeArea", "name": village.nama},
            }
        )
    )


def processing_time(waktu: str | None) -> str | None:
    """ISO 8601 duration from "15 menit", "2 jam" or "3 hari"; None for working days or no number."""
    match = DURATION.search(waktu or "")
    if not match or match.group(3):
        return None
    number, unit = match.group(1), match.group(2).lower()
    return {"menit": f"PT{number}M", "jam": f"PT{number}H", "hari": f"P{number}D"}[unit]


def service(situs: Situs, item: Layanan) -> Markup:
    url = situs.url + item.url
    channels = []
    if "whatsapp" in item.kanal and known(situs.whatsapp):
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
                # tempat is the office's address unless the service names another place (index.py);
                # that text may be a counter or a building, so it is the place's name, not its street.
                "serviceLocation": {"@type": "Place", "name": known(item.tempat), "address": address(situs, None)},
                "servicePhone": phone(situs.telepon),
                "availableLanguage": "id",
                "processingTime": processing_time(item.waktu),
            }
        )
    if "daring" in item.kanal and known(item.tautan_daring):
        channels.append(
            {"@type": "ServiceChannel", "name": "Daring", "serviceUrl": item.tautan_daring, "availableLanguage": "id"}
        )
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": item.judul,
        "description": item.ringkasan,
        "url": url,
        "serviceType": item.kategori,
        "provider": organization(situs),
        "areaServed": {"@type": "AdministrativeArea", "name": f"{situs.nama}, {situs.kota}"},
        "serviceOutput": {"@type": "Thing", "name": known(item.produk)},
        "availableChannel": channels,
        "isRelatedTo": [
            {"@type": "GovernmentService", "name": s.judul, "url": situs.url + s.url} for s in item.terkait
        ],
    }
    if isinstance(item.biaya, int):
        data["offers"] = {"@type": "Offer", "price": item.biaya, "priceCurrency": "IDR"}
    elif known(item.biaya):
        data["offers"] = {"@type": "Offer", "priceCurrency": "IDR", "description": item.biaya}
    return _script(_clean(data))


def announcement(situs: Situs, item: Pengumuman) -> Markup:
    """A NewsArticle; an important one (penting) is also a SpecialAnnouncement, tied to it by @id."""
    url = situs.url + item.url
    area = [{"@type": "AdministrativeArea", "name": v.nama} for v in item.kelurahan] or [
        {"@type": "AdministrativeArea", "name": f"{situs.nama}, {situs.kota}"}
    ]
    common = {
        "headline": item.judul,
        "url": url,
        "datePublished": item.tanggal.isoformat(),
        "publisher": organization(situs),
        "image": situs.url + (berkas_url(item.gambar) if item.gambar else "/theme/bagikan.png"),
    }
    article = {
        "@type": "NewsArticle",
        "@id": url + "#berita",
        "description": item.ringkasan,
        "author": organization(situs),
        **common,
    }
    if not item.penting:
        return _script(_clean({"@context": "https://schema.org", **article}))
    special = {
        "@type": "SpecialAnnouncement",
        "@id": url + "#penting",
        "subjectOf": {"@id": article["@id"]},
        "name": item.judul,
        "text": item.ringkasan,
        "datePosted": item.tanggal.isoformat(),
        "expires": item.berlaku_hingga.isoformat() if item.berlaku_hingga else None,
        "spatialCoverage": area,
        "announcementLocation": {
            "@type": "GovernmentOffice",
            "name": situs.nama,
            "address": address(situs, situs.alamat),
        },
        **common,
    }
    return _script(_clean({"@context": "https://schema.org", "@graph": [special, article]}))
