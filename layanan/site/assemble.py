"""Read all of content/, check it, and assemble what the build publishes.

``load`` is shared by the Pelican generator and ``python -m layanan check``,
so both report exactly the same problems.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from layanan.base import cache
from layanan.base.clock import build_time
from layanan.base.problems import Problem
from layanan.content.model import Situs
from layanan.read import files, situsyaml, submissions, survei
from layanan.read.reader import Parsed, Reader
from layanan.site import crossref, index
from layanan.site.index import Site

STATUS_CACHE = "layanan-status"


def read_all(settings: dict[str, Any], code: str, files: list[str]) -> list[Parsed]:
    reader = Reader(settings, code)
    paths = [os.path.join(settings["PATH"], f) for f in files]
    reader.prefill(paths)
    items = [reader.load(path) for path in paths]
    reader.save_cache()
    return items


def load(settings: dict[str, Any], code: str) -> tuple[Site | None, list[Problem]]:
    """Read, check and link everything; ``Site`` is None when there are errors.

    ``code`` is ``cache.code_digest(settings)``, taken once per build by the caller.
    """
    situs, problems = situs_of(settings)
    tree = files.scan(settings["PATH"])
    problems += tree.problems
    items = read_all(settings, code, tree.markdown)
    for item in items:
        problems += item.problems
    if situs is None:
        return None, problems
    now = build_time(situs.tz)
    problems += crossref.check(items, situs, set(tree.berkas), now)
    if any(not p.warning for p in problems):
        return None, problems
    placeholders = list(situs.placeholders)
    for item in items:
        # Scheduled ones go live unattended: they count too.
        if not item.draft:
            placeholders += [(item.path, line, key) for line, key in item.placeholders]
            # A standard names each service's legal basis: one without it cannot be signed.
            if situs.standar and item.kind == "layanan" and not item.values.get("dasar_hukum"):
                placeholders.append((item.path, item.lines.get("dasar_hukum", 1), "dasar_hukum"))
    live = [item for item in items if crossref.published(item, now)]
    periods, found = survei.read_all(settings["PATH"], tree.survei, *_names(live))
    # One file per content folder: the editor checks each save on a mirror of content/ with the same cache.
    stored = cache.per_content(settings, STATUS_CACHE)
    version = cache.digest(code, situs.zona_waktu, settings["PATH"], os.getcwd())  # paths shown depend on both
    held = cache.load_pickle(stored, version)
    records, read, used = submissions.read_all(settings["PATH"], tree.status, situs.tz, held)
    if {name: kept[0] for name, kept in used.items()} != {name: kept[0] for name, kept in held.items()}:
        cache.save_pickle(stored, version, used)
    found += read + crossref.submissions(records, _service_slugs(live), now, situs.retensi_status)
    problems += found
    if any(not p.warning for p in found):
        return None, problems
    shown = [r.permohonan for r in records if crossref.public_status(r.permohonan, now, situs.retensi_status)]
    berkas_path = Path(settings["PATH"]) / files.BERKAS
    history = [r.permohonan for r in records]
    return index.build(live, situs, now, placeholders, tree.berkas, periods, berkas_path, shown, history), problems


def _service_slugs(live: list[Parsed]) -> set[str]:
    """What a submitted file may name its service by: a published service's slug, or a former one (alias)."""
    return {slug for item in live if item.kind == "layanan" for slug in (item.slug, *item.values.get("alias", ()))}


def _names(live: list[Parsed]) -> tuple[dict[str, str], dict[str, str]]:
    """Each published service's and kelurahan's slug -> its title or name, as survey answers may name it."""
    services = {item.slug: str(item.values["judul"]) for item in live if item.kind == "layanan"}
    villages = {item.slug: str(item.values["nama"]) for item in live if item.kind == "kelurahan"}
    return services, villages


def situs_of(settings: dict[str, Any]) -> tuple[Situs | None, list[Problem]]:
    """The content's situs.yaml; SITEURL from the environment overrides its ``url``."""
    return situsyaml.load(settings["PATH"], os.environ.get("SITEURL", "").strip())


def load_situs_into(settings: dict[str, Any]) -> None:
    """Set Pelican's own TIMEZONE and SITENAME from situs.yaml (before any reader exists: readers need the zone)."""
    situs, _ = situs_of(settings)
    if situs is not None:
        settings["TIMEZONE"] = situs.zona_waktu
        settings["SITENAME"] = situs.nama
