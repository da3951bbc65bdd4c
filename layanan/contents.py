"""Pelican content classes, one per kind of file under content/.

URLs and output paths come from the reader (``url``/``save_as`` metadata), so
``page.url`` is a plain attribute read, not Pelican's per-access settings
expansion.
"""

from __future__ import annotations

from pelican.contents import Page


class Layanan(Page):
    default_template = "layanan"


class Pengumuman(Page):
    default_template = "pengumuman"


class Kelurahan(Page):
    default_template = "kelurahan"


class Halaman(Page):
    default_template = "halaman"


CLASSES: dict[str, type[Page]] = {
    "layanan": Layanan,
    "pengumuman": Pengumuman,
    "kelurahan": Kelurahan,
    "halaman": Halaman,
}
