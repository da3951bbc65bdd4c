"""The index of the whole site: records made from checked files, defaults and relations resolved once.

Zola's ``Library`` is the model: every item by kind and slug, links resolved to
the items themselves, reverse links (a service's announcements, a kelurahan's
announcements) filled in, and each default that depends on other files or on
the build clock (a service's ``tempat``, a summary from the body, whether an
announcement has ended) decided here, so no template, feed or data file
decides it again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from layanan.base import cache
from layanan.content import routes
from layanan.content.model import (
    KINDS,
    PENGELOLAAN,
    AnyItem,
    Halaman,
    Kelurahan,
    Konsultasi,
    Layanan,
    Links,
    Pengelolaan,
    Pengumuman,
    Permohonan,
    Situs,
    Standar,
    first_slug,
)
from layanan.read import files
from layanan.read.reader import Parsed
from layanan.read.survei import Periode
from layanan.site import performance
from layanan.site.performance import Kinerja


@dataclass
class Site:
    """What gets published: drafts and future announcements are already gone."""

    situs: Situs
    now: dt.datetime
    layanan: list[Layanan]
    pengumuman: list[Pengumuman]  # newest first
    kelurahan: list[Kelurahan]
    halaman: list[Halaman]
    placeholders: list[tuple[str, int, str]] = field(default_factory=list)
    berkas: list[str] = field(default_factory=list)  # files under content/berkas/ to publish
    standar_konsultasi: Konsultasi | None = None  # a consultation on the whole standard, open at build time
    survei: list[Periode] = field(default_factory=list)  # satisfaction surveys, newest first
    permohonan: list[Permohonan] = field(default_factory=list)  # submitted files whose status is still shown
    kinerja: list[Kinerja] = field(default_factory=list)  # how long services took, from every record
    berkas_semua: dict[str, Permohonan] = field(default_factory=dict)  # every record by its code (the counter's)

    def consultations(self) -> list[Layanan]:
        """Services whose draft standard residents can comment on now."""
        return [s for s in self.layanan if s.konsultasi_terbuka]

    def layanan_by_category(self) -> list[tuple[str, list[Layanan]]]:
        groups = [(name, [s for s in self.layanan if s.kategori == name]) for name in self.situs.kategori_layanan]
        return [(name, items) for name, items in groups if items]

    def pinned(self) -> list[Pengumuman]:
        return [p for p in self.pengumuman if p.tersemat]

    def menu(self) -> list[Halaman]:
        return sorted((p for p in self.halaman if p.menu is not None), key=lambda p: (p.menu, p.slug))


def record(parsed: Parsed) -> AnyItem:
    """The record of a file that passed every check."""
    assert parsed.kind is not None
    route = routes.item(parsed.kind, parsed.slug)
    return KINDS[parsed.kind](
        path=parsed.path,
        digest=parsed.digest,
        url=route.url,
        save_as=route.save_as,
        isi=Markup(parsed.html),  # sanitised by nh3 in body.render
        **{**parsed.values, "slug": parsed.slug},
    )


def standard_of(own: Pengelolaan | None, office: Standar | None) -> Pengelolaan | None:
    """A service's pengelolaan components: its own where it gives them, the office's elsewhere."""
    if office is None:
        return None
    return Pengelolaan(**{name: getattr(own, name, None) or getattr(office, name) for name in PENGELOLAAN})


def open_consultation(service: Layanan, office: Standar | None, today: dt.date) -> Konsultasi | None:
    """The consultation open today on this service's standard: its own, or the whole standard's."""
    for konsultasi in (service.konsultasi, office.konsultasi if office else None):
        if konsultasi and konsultasi.open_on(today):
            return konsultasi
    return None


def build(
    live: list[Parsed],
    situs: Situs,
    now: dt.datetime,
    placeholders: list[tuple[str, int, str]],
    berkas: list[str],
    periods: list[Periode],
    berkas_path: Path,
    permohonan: list[Permohonan],
    history: list[Permohonan],
) -> Site:
    """Link the published files (already checked, together) into the site."""
    layanan: list[Layanan] = []
    pengumuman: list[Pengumuman] = []
    kelurahan: list[Kelurahan] = []
    halaman: list[Halaman] = []
    for parsed in live:
        item = record(parsed)
        if isinstance(item, (Layanan, Pengumuman)):
            item.kode = routes.short_code(item.kind, first_slug(item))
        if isinstance(item, Layanan):
            item.tempat = item.tempat or situs.alamat
            item.standar = standard_of(item.standar, situs.standar)
            item.konsultasi_terbuka = open_consultation(item, situs.standar, now.date())
            item.kepuasan = periods[0].layanan.get(item.slug) if periods else None
            layanan.append(item)
        elif isinstance(item, Pengumuman):
            item.ringkasan = item.ringkasan or parsed.first_paragraph
            item.berakhir = item.berlaku_hingga is not None and now.date() > item.berlaku_hingga
            item.tersemat = item.penting and not item.berakhir
            item.gambar_ukuran = files.photo_size(berkas_path / item.gambar) if item.gambar else None
            item.gambar_tampil = files.image_size(berkas_path / item.gambar) if item.gambar else None
            pengumuman.append(item)
        elif isinstance(item, Kelurahan):
            item.ringkasan = parsed.first_paragraph
            kelurahan.append(item)
        else:
            item.ringkasan = item.ringkasan or parsed.first_paragraph
            halaman.append(item)
    layanan.sort(key=lambda s: (situs.kategori_layanan.index(s.kategori), s.judul.lower()))
    pengumuman.sort(key=lambda p: (p.tanggal, p.slug), reverse=True)
    kelurahan.sort(key=lambda k: k.nama.lower())
    halaman.sort(key=lambda p: p.slug)

    services = {s.slug: s for s in layanan}
    villages = {k.slug: k for k in kelurahan}
    for service in layanan:
        service.terkait = Links(service.terkait.slugs, tuple(services[slug] for slug in service.terkait.slugs))
    for item in pengumuman:
        item.layanan = Links(item.layanan.slugs, tuple(services[slug] for slug in item.layanan.slugs))
        item.kelurahan = Links(item.kelurahan.slugs, tuple(villages[slug] for slug in item.kelurahan.slugs))
    # Reverse links, newest announcement first as pengumuman is.
    about: dict[str, list[Pengumuman]] = {slug: [] for slug in services}
    for item in pengumuman:
        for slug in item.layanan.slugs:
            about[slug].append(item)
    for service in layanan:
        service.pengumuman = tuple(about[service.slug])
    for village in kelurahan:
        village.pengumuman = tuple(p for p in pengumuman if not p.kelurahan or village in p.kelurahan.items)
    for each in [*layanan, *pengumuman, *kelurahan, *halaman]:
        state = ("", "")
        if isinstance(each, Pengumuman):
            state = (str(each.tersemat), str(each.berakhir))
        elif isinstance(each, Layanan):
            state = (repr(each.konsultasi_terbuka), repr(each.kepuasan))
        # The file's bytes do not say its address: a file renamed unchanged moves the item (its slug, its code).
        each.card = cache.digest(each.digest, each.path, each.url, each.kode, *state)
    whole = situs.standar.konsultasi if situs.standar else None
    return Site(
        situs,
        now,
        layanan,
        pengumuman,
        kelurahan,
        halaman,
        sorted(placeholders),
        berkas,
        whole if whole and whole.open_on(now.date()) else None,
        periods,
        sorted(permohonan, key=lambda p: p.kode),
        performance.compute(history, layanan, frozenset(situs.hari_libur)),
        {p.kode: p for p in history},
    )
