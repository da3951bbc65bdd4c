"""RSS and Atom feeds with feedgen: announcements, per kelurahan, service changes."""

from __future__ import annotations

import datetime as dt
import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from feedgen.feed import FeedGenerator
from lxml import etree
from markupsafe import Markup, escape

from layanan.base import dates
from layanan.content import routes, skm
from layanan.content.model import Konsultasi, Pengumuman, first_slug
from layanan.render.filters import angka, berkas_url, daftar
from layanan.site.index import Site

MAX_ITEMS = 50
ATOM = "{http://www.w3.org/2005/Atom}"
ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")/(?!/)')

MAIN_RSS = f"{routes.FEEDS}/pengumuman.xml"
MAIN_ATOM = f"{routes.FEEDS}/pengumuman.atom.xml"
CHANGES = f"{routes.FEEDS}/perubahan-layanan.xml"
CONSULTATIONS = f"{routes.FEEDS}/konsultasi.xml"
SURVEYS = f"{routes.FEEDS}/survei.xml"


def kelurahan_feed(slug: str) -> str:
    return f"{routes.FEEDS}/kelurahan/{slug}.xml"


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    link: str
    date: dt.datetime
    summary: str
    content: str
    categories: tuple[str, ...] = ()
    enclosures: tuple[tuple[str, int, str], ...] = ()  # (absolute URL, bytes, media type)


def absolute_links(html: str, siteurl: str) -> str:
    """Feed readers show content away from the site: make root-relative links absolute."""
    return ROOT_RELATIVE.sub(rf"\g<1>{siteurl}/", html)


def tag_uri(site: Site, day: dt.date, specific: str) -> str:
    """RFC 4151 tag URI: stable across slug changes, unlike the page's URL."""
    return f"tag:{site.situs.domain},{day:%Y-%m-%d}:{specific}"


def enclosures(site: Site, item: Pengumuman, output_path: str) -> tuple[tuple[str, int, str], ...]:
    """Attachments, then the image: Atom links them all; RSS allows one and takes the last."""
    names = [entry.berkas for entry in item.lampiran]
    if item.gambar:
        names.append(item.gambar)
    return tuple(
        (
            site.situs.url + berkas_url(name),
            (Path(output_path) / "berkas" / name).stat().st_size,
            mimetypes.guess_type(name)[0] or "application/octet-stream",
        )
        for name in names
    )


def announcement_items(site: Site, items: Sequence[Pengumuman], output_path: str) -> list[Item]:
    """The newest ``MAX_ITEMS`` announcements as feed items (they come newest first)."""
    base = site.situs.url
    return [
        Item(
            guid=tag_uri(site, p.tanggal.date(), f"pengumuman/{first_slug(p)}"),
            title=p.judul,
            link=base + p.url,
            date=p.tanggal,
            summary=p.ringkasan or "",
            content=absolute_links(str(p.isi), base),
            categories=(p.kategori,),
            enclosures=enclosures(site, p, output_path),
        )
        for p in items[:MAX_ITEMS]
    ]


def change_items(site: Site) -> list[Item]:
    base = site.situs.url
    items = []
    for service in site.layanan:
        per_day: dict[dt.date, int] = {}
        for entry in service.riwayat:
            day = entry.tanggal
            per_day[day] = per_day.get(day, 0) + 1
            # Named by date (and order within that date), so adding entries never renames older ones.
            suffix = "" if per_day[day] == 1 else f"-{per_day[day]}"
            when = dt.datetime.combine(day, dt.time(), site.situs.tz)
            items.append(
                Item(
                    guid=tag_uri(site, day, f"layanan/{first_slug(service)}/riwayat{suffix}"),
                    title=f"{service.judul}: {entry.perubahan}",
                    link=f"{base}{service.url}#riwayat",
                    date=when,
                    summary=entry.perubahan,
                    content=str(Markup("<p>{}</p>").format(entry.perubahan)),
                    categories=(service.kategori,),
                )
            )
    return sorted(items, key=lambda i: (i.date, i.guid), reverse=True)


def consultation_items(site: Site) -> list[Item]:
    """Every consultation on a draft standard that has begun, newest first; each stays once it closes."""
    base = site.situs.url
    found: list[tuple[Konsultasi, str, str, str]] = []  # (consultation, about, address, lasting name)
    whole = site.situs.standar.konsultasi if site.situs.standar else None
    if whole:
        found.append((whole, site.situs.nama, routes.STANDARD_INDEX.url, "standar"))
    for service in site.layanan:
        if service.konsultasi:
            page = routes.standard(routes.item(service.kind, service.slug))
            found.append((service.konsultasi, service.judul, page.url, f"layanan/{first_slug(service)}"))
    items = []
    for konsultasi, about, url, name in found:
        if konsultasi.mulai > site.now.date():
            continue
        summary = f"Rancangan standar pelayanan {about}: beri masukan sampai {dates.tanggal_hari(konsultasi.selesai)}."
        if konsultasi.catatan:
            summary += " " + konsultasi.catatan
        items.append(
            Item(
                guid=tag_uri(site, konsultasi.mulai, f"konsultasi/{name}"),
                title=f"Konsultasi publik: standar pelayanan {about}",
                link=f"{base}{url}#masukan",
                date=dt.datetime.combine(konsultasi.mulai, dt.time(), site.situs.tz),
                summary=summary,
                content=str(Markup("<p>{}</p>").format(summary)),
                categories=("Konsultasi publik",),
            )
        )
    return sorted(items, key=lambda i: (i.date, i.guid), reverse=True)


def survey_items(site: Site) -> list[Item]:
    """A result per survey period, dated by the period's last day."""
    items = []
    for periode in site.survei:
        hasil = periode.hasil
        lowest = daftar(skm.ELEMENTS[key] for key in hasil.lowest)
        summary = (
            f"Indeks kepuasan masyarakat {angka(hasil.nilai)} (mutu {hasil.mutu.mutu}, {hasil.mutu.kinerja.lower()}) "
            f"dari {hasil.responden} responden. {lowest} dinilai paling rendah."
        )
        items.append(
            Item(
                guid=tag_uri(site, periode.survei.selesai, f"survei/{periode.slug}"),
                title=f"Hasil {periode.survei.judul}",
                link=site.situs.url + routes.survey(periode.slug).url,
                date=dt.datetime.combine(periode.survei.selesai, dt.time(), site.situs.tz),
                summary=summary,
                content=str(Markup("<p>{}</p>").format(summary)),
                categories=("Survei kepuasan",),
            )
        )
    return items


def build(site: Site, title: str, description: str, page_url: str, feed_url: str, items: list[Item]) -> FeedGenerator:
    items = items[:MAX_ITEMS]
    newest = items[0].date if items else site.now
    fg = FeedGenerator()
    fg.id(feed_url)
    fg.title(title)
    # RSS's channel <description> is read as HTML, as its items' are: the text, escaped, like theirs.
    fg.subtitle(str(escape(description)))
    fg.author({"name": site.situs.nama})
    fg.language("id")
    fg.generator("layanan (feedgen)")
    # feedgen takes RSS's <channel><link> from the last link added: self first.
    fg.link(href=feed_url, rel="self")
    fg.link(href=page_url, rel="alternate")
    fg.updated(newest)
    fg.lastBuildDate(newest)
    for item in items:
        entry = fg.add_entry(order="append")
        entry.id(item.guid)
        entry.guid(item.guid, permalink=False)
        entry.title(item.title)
        entry.link(href=item.link, rel="alternate")
        entry.published(item.date)
        entry.updated(item.date)
        # RSS <description> and Atom <summary type="html"> are HTML: the text, escaped.
        entry.summary(str(escape(item.summary)), type="html")
        entry.content(item.content, type="html")
        for name in item.categories:
            entry.category(term=name)
        for url, length, media_type in item.enclosures:
            entry.enclosure(url, str(length), media_type)
    return fg


def atom_enclosures(atom: bytes, items: list[Item]) -> bytes:
    """Give Atom's enclosure links their rel, type and length.

    feedgen 1.0.0 drops every attribute but href from an entry's links (its
    serialiser rebinds the name holding them), so readers saw plain links.
    """
    tree = etree.fromstring(atom)
    by_id = {item.guid: item for item in items}
    for entry in tree.iterfind(f"{ATOM}entry"):
        item = by_id.get(entry.findtext(f"{ATOM}id"))
        extra = {url: (length, media_type) for url, length, media_type in (item.enclosures if item else ())}
        for link in entry.iterfind(f"{ATOM}link"):
            if link.get("href") in extra:
                length, media_type = extra[link.get("href")]
                link.attrib.update({"rel": "enclosure", "type": media_type, "length": str(length)})
    return bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def write_all(site: Site, output_path: str) -> list[str]:
    """Write every feed; returns their paths relative to the output folder."""
    base = site.situs.url
    name = site.situs.nama
    written: dict[str, bytes] = {}
    items = announcement_items(site, site.pengumuman, output_path)
    about = f"Pengumuman terbaru dari {name}, {site.situs.kota}"
    main = build(
        site,
        f"Pengumuman {name}",
        about,
        f"{base}/pengumuman/",
        f"{base}/{MAIN_RSS}",
        items,
    )
    written[MAIN_RSS] = main.rss_str(pretty=True)
    main.id(f"{base}/{MAIN_ATOM}")
    main.link(href=f"{base}/{MAIN_ATOM}", rel="self", replace=True)
    main.link(href=f"{base}/pengumuman/", rel="alternate")
    main.subtitle(about)  # Atom's <subtitle> is text
    written[MAIN_ATOM] = atom_enclosures(main.atom_str(pretty=True), items)
    for village in site.kelurahan:
        feed = build(
            site,
            f"Pengumuman {village.nama}",
            f"Pengumuman untuk {village.nama} dan seluruh {name}",
            f"{base}{village.url}",
            f"{base}/{kelurahan_feed(village.slug)}",
            announcement_items(site, village.pengumuman, output_path),
        )
        written[kelurahan_feed(village.slug)] = feed.rss_str(pretty=True)
    changes = build(
        site,
        f"Perubahan persyaratan layanan {name}",
        "Setiap perubahan persyaratan, prosedur, waktu atau biaya layanan",
        f"{base}/layanan/",
        f"{base}/{CHANGES}",
        change_items(site),
    )
    written[CHANGES] = changes.rss_str(pretty=True)
    if site.situs.standar:
        consultations = build(
            site,
            f"Konsultasi publik standar pelayanan {name}",
            "Rancangan standar pelayanan yang dibuka untuk masukan warga",
            f"{base}{routes.STANDARD_INDEX.url}",
            f"{base}/{CONSULTATIONS}",
            consultation_items(site),
        )
        written[CONSULTATIONS] = consultations.rss_str(pretty=True)
    if site.survei:
        surveys = build(
            site,
            f"Hasil survei kepuasan masyarakat {name}",
            "Indeks kepuasan masyarakat setiap periode survei",
            f"{base}{routes.SURVEY_INDEX.url}",
            f"{base}/{SURVEYS}",
            survey_items(site),
        )
        written[SURVEYS] = surveys.rss_str(pretty=True)
    for relative, data in written.items():
        target = Path(output_path) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return sorted(written)
