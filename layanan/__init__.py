"""Pelican plugin for a kecamatan's public-service information site.

``register()`` only connects signals; each module does one job (see README).
"""

from __future__ import annotations

__version__ = "0.4.0"  # CHANGELOG.md says what each version changed for an office

from typing import Any

from pelican import signals

from layanan.build.generator import LayananGenerator
from layanan.site.assemble import load_situs_into

DEFAULTS: dict[str, Any] = {
    "LAYANAN_PER_PAGE": 10,
}


def initialized(pelican: Any) -> None:
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    load_situs_into(pelican.settings)


def get_generators(pelican: Any) -> type:
    return LayananGenerator


def register() -> None:
    signals.initialized.connect(initialized)
    signals.get_generators.connect(get_generators)
