"""Read all of content/, check it, and assemble what the build publishes.

``load`` is shared by the Pelican generator and ``python -m layanan check``,
so both report exactly the same problems.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Any

from pelican.contents import Page
from pelican.readers import Readers

from layanan import crossref, files
from layanan import situs as situs_module
from layanan.clock import build_time
from layanan.contents import CLASSES
from layanan.problems import Problem, display_path
from layanan.situs import Situs


@dataclass
class Site:
    """What gets published: drafts and future announcements are already gone."""

    situs: Situs
    now: dt.datetime
    layanan: list[Page]
    pengumuman: list[Page]
    kelurahan: list[Page]
    halaman: list[Page]
    placeholders: list[tuple[str, int, str]] = field(default_factory=list)
    berkas: list[str] = field(default_factory=list)  # files under content/berkas/ to publish

    def layanan_by_category(self) -> list[tuple[str, list[Page]]]:
        groups = [(name, [s for s in self.layanan if s.kategori == name]) for name in self.situs.kategori_layanan]
        return [(name, items) for name, items in groups if items]

    def pinned(self) -> list[Page]:
        return [p for p in self.pengumuman if p.pinned]

    def menu(self) -> list[Page]:
        return sorted((p for p in self.halaman if getattr(p, "menu", None) is not None), key=lambda p: (p.menu, p.slug))


def read_all(settings: dict[str, Any], readers: Readers, files: list[str]) -> list[Page]:
    reader = readers.readers["md"]
    reader.prefill([os.path.join(settings["PATH"], f) for f in files])
    items = []
    for relative in files:
        kind = relative.split("/")[0]
        items.append(
            readers.read_file(
                base_path=settings["PATH"], path=relative, content_class=CLASSES.get(kind, Page), context={}
            )
        )
    reader.save_cache()
    return items


def load(settings: dict[str, Any], readers: Readers) -> tuple[Site | None, list[Problem]]:
    """Read, check and link everything; ``Site`` is None when there are errors."""
    situs, problems = situs_of(settings)
    tree = files.scan(settings["PATH"])
    problems += tree.problems
    items = read_all(settings, readers, tree.markdown)
    for item in items:
        problems += item.metadata.get("problems", [])
    if situs is None:
        return None, problems
    now = build_time(situs.tz)
    problems += crossref.check(items, situs, set(tree.berkas), now)
    if any(not p.warning for p in problems):
        return None, problems
    return assemble(items, situs, now, tree.berkas), problems


def assemble(items: list[Page], situs: Situs, now: dt.datetime, berkas: list[str]) -> Site:
    groups = crossref.by_kind([i for i in items if crossref.published(i, now)])
    layanan = sorted(groups["layanan"], key=lambda s: (situs.kategori_layanan.index(s.kategori), s.title.lower()))
    pengumuman = sorted(groups["pengumuman"], key=lambda p: (p.date, p.slug), reverse=True)
    kelurahan = sorted(groups["kelurahan"], key=lambda k: k.title.lower())
    halaman = sorted(groups["halaman"], key=lambda p: p.slug)
    services = {s.slug: s for s in layanan}
    villages = {k.slug: k for k in kelurahan}
    linked: dict[str, list[Page]] = {slug: [] for slug in services}
    for item in pengumuman:  # newest first, so each service's list is too
        for slug in getattr(item, "layanan", []):
            linked[slug].append(item)
    for service in layanan:
        service.next_steps = [services[slug] for slug in getattr(service, "terkait", [])]
        service.announcements = linked[service.slug]
    for item in pengumuman:
        until = getattr(item, "berlaku_hingga", None)
        item.expired = until is not None and now.date() > until
        item.pinned = bool(getattr(item, "penting", False)) and not item.expired
        item.services = [services[slug] for slug in getattr(item, "layanan", [])]
        item.villages = [villages[slug] for slug in getattr(item, "kelurahan", [])]
    for village in kelurahan:
        village.announcements = [p for p in pengumuman if not p.villages or village in p.villages]
    placeholders = list(situs.placeholders)
    for item in items:
        # Scheduled ones go live unattended: they count too.
        if item.status != "draft" and item.metadata.get("placeholders"):
            shown = display_path(item.source_path)
            placeholders += [(shown, line, key) for line, key in item.metadata["placeholders"]]
    return Site(situs, now, layanan, pengumuman, kelurahan, halaman, sorted(placeholders), berkas)


def situs_of(settings: dict[str, Any]) -> tuple[Situs | None, list[Problem]]:
    """The content's situs.yaml; SITEURL from the environment overrides its ``url``."""
    return situs_module.load(settings["PATH"], os.environ.get("SITEURL", "").strip())


def load_situs_into(settings: dict[str, Any]) -> None:
    """Set Pelican's own TIMEZONE and SITENAME from situs.yaml (before any reader exists: readers need the zone)."""
    situs, _ = situs_of(settings)
    if situs is not None:
        settings["TIMEZONE"] = situs.zona_waktu
        settings["SITENAME"] = situs.nama
