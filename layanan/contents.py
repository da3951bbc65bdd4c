"""Pelican content classes, one per kind of file under content/.

URLs and output paths come from the reader (``url``/``save_as`` metadata), so
``page.url`` is a plain attribute read, not Pelican's per-access settings
expansion.
"""

from __future__ import annotations

from markupsafe import Markup
from pelican.contents import Page


class Content(Page):
    @property
    def content(self) -> Markup:
        """The body as the reader left it: Markdown sanitised by nh3 (body.render), so safe to insert."""
        return Markup(self._content)


class Layanan(Content):
    default_template = "layanan"


class Pengumuman(Content):
    default_template = "pengumuman"


class Kelurahan(Content):
    default_template = "kelurahan"


class Halaman(Content):
    default_template = "halaman"


CLASSES: dict[str, type[Page]] = {
    "layanan": Layanan,
    "pengumuman": Pengumuman,
    "kelurahan": Kelurahan,
    "halaman": Halaman,
}
