"""The index of a fixture site, read and checked exactly as a build does, without writing anything."""

from __future__ import annotations

from pathlib import Path

from pelican import Pelican

from conftest import _CACHE, SETTINGS
from layanan.base import cache
from layanan.build.output import settings_for
from layanan.site.assemble import load
from layanan.site.index import Site


def site_of(content: Path) -> Site:
    settings = settings_for(str(SETTINGS), PATH=str(content), CACHE_PATH=str(_CACHE["path"]))
    pelican = Pelican(settings)  # the plugin reads situs.yaml's zone, as in a build
    site, problems = load(pelican.settings, cache.code_digest(pelican.settings))
    assert site is not None, problems
    return site
