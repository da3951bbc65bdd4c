"""Where everything the build writes lives: one place for every address and file name.

An item's address follows from its kind and slug; its poster and QR file sit in its
folder; the site's own folders (feeds, open data, files, search, theme, posters) are
named here once, and the names a page's slug may not take derive from them.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass

from layanan.content import model

ITEM = {  # kind -> address pattern; the file is the address's folder + index.html
    "layanan": "/layanan/{slug}/",
    "pengumuman": "/pengumuman/{slug}/",
    "kelurahan": "/kelurahan/{slug}/",
    "halaman": "/{slug}/",
}
FEEDS = "feeds"
API = "api"
BERKAS = "berkas"
SEARCH = "pagefind"
THEME = "theme"
POSTERS = "poster"
STANDARDS = "standar-pelayanan"  # the office's whole standard; each service's is in its folder
PLEDGE = "maklumat"
SURVEYS = "survei"  # content/survei/ and the results' pages
SHORT = "s"  # short links: /s/<code>
CHECK = "cek"  # how to tell an official message from a chain message
CALENDARS = "kalender"
DIGEST = "ringkasan"  # the weekly digest for RT heads
STATUS = "status"  # content/status/<TTTT-BB>.yaml, and each submitted file's status page by its receipt code
PERFORMANCE = "kinerja"  # how long services really took, from the status records
# The first part of every address the site writes itself: a page (halaman) may not take one as its slug.
RESERVED = frozenset(
    {pattern.strip("/").split("/")[0] for pattern in ITEM.values()} - {"{slug}"}
    | {
        FEEDS,
        API,
        BERKAS,
        SEARCH,
        THEME,
        POSTERS,
        STANDARDS,
        PLEDGE,
        SURVEYS,
        SHORT,
        CHECK,
        CALENDARS,
        DIGEST,
        STATUS,
        PERFORMANCE,
    }
    | set(model.KINDS)
)


@dataclass(frozen=True)
class Route:
    url: str  # "/layanan/ktp-el-baru/"
    save_as: str  # "layanan/ktp-el-baru/index.html"


def folder(url: str) -> Route:
    """The route of a folder-style address: its file is index.html inside it."""
    return Route(url, url.lstrip("/") + "index.html")


@functools.cache  # asked for every item several times a build; a Route never changes
def item(kind: str, slug: str) -> Route:
    return folder(ITEM[kind].format(slug=slug))


def poster(service: Route) -> Route:
    """A service's printable A4 poster, in the service's own folder."""
    return folder(f"{service.url}{POSTERS}/")


def qr_file(service: Route) -> str:
    """The standalone QR code of a service's address, for posters of the office's own."""
    return service.url.lstrip("/") + "qr.svg"


def standard(service: Route) -> Route:
    """A service's Standar Pelayanan document, in the service's own folder."""
    return folder(f"{service.url}standar/")


def pdf(document: Route, name: str) -> str:
    """The PDF of a printable document, beside its page."""
    return f"{document.url.lstrip('/')}{name}.pdf"


POSTER_INDEX = folder(f"/{POSTERS}/")
STANDARD_INDEX = folder(f"/{STANDARDS}/")
MAKLUMAT = folder(f"/{PLEDGE}/")
MAKLUMAT_POSTER = poster(MAKLUMAT)
SURVEY_INDEX = folder(f"/{SURVEYS}/")


def short_code(kind: str, first_slug: str) -> str:
    """Six letters and digits from what names an item for good, so a title or slug change keeps its link."""
    digest = hashlib.sha256(f"{kind}/{first_slug}".encode()).digest()
    return base64.b32encode(digest[:5]).decode("ascii")[:6].lower()  # 5 bytes are 8 letters: enough


def file_code(name: str) -> str:
    """An attachment's short code: from its file name under content/berkas/."""
    return short_code("berkas", name)


def status(code: str) -> Route:
    """A submitted file's status page, by its receipt code (K7MQ-2XDA)."""
    return folder(f"/{STATUS}/{code}/")


def short(code: str) -> Route:
    return folder(f"/{SHORT}/{code}/")


CHECK_PAGE = folder(f"/{CHECK}/")
STATUS_INDEX = folder(f"/{STATUS}/")  # the lookup form
STATUS_UNKNOWN = folder(f"/{STATUS}/tidak-ditemukan/")  # what an unknown or mistyped code gets
STATUS_LOOKUP = f"/{STATUS}/cari"
PERFORMANCE_PAGE = folder(f"/{PERFORMANCE}/")  # the form's target: the server checks the code and redirects
DIGEST_PAGE = folder(f"/{DIGEST}/")


def digest(kelurahan: str) -> Route:
    return folder(f"/{DIGEST}/{kelurahan}/")


def survey(slug: str) -> Route:
    return folder(f"/{SURVEYS}/{slug}/")
