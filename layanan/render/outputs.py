"""The plan of every HTML page: which template renders which file from which data.

Each entry names only the items its page shows, so a page is a pure function
of its ``Output`` (plus the shared site identity): nothing here hands a
template the whole site to loop over.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from layanan.content import routes, workdays
from layanan.content.model import Item, Kelurahan, Layanan, Pengumuman, by_slug
from layanan.render import filters, pesan
from layanan.site.index import Site

HOME_LATEST = 5
# Templates whose pages mark their text data-pagefind-body: the only pages search reads (tests/test_search.py).
SEARCHED = ("layanan", "pengumuman", "halaman", "kelurahan", "survei")


@dataclass
class Output:
    save_as: str
    template: str
    url: str
    vars: dict[str, Any] = field(default_factory=dict)


def plan(site: Site, per_page: int, pdf: bool = False) -> list[Output]:
    outputs = [
        Output(
            "index.html",
            "home",
            "/",
            {
                "popular": [s for s in site.layanan if s.populer],
                "pinned": site.pinned(),
                "latest": [p for p in site.pengumuman if not p.tersemat][:HOME_LATEST],
                "kelurahan": site.kelurahan,
                "konsultasi": site.consultations(),
                "standar_konsultasi": site.standar_konsultasi,
                "survei": site.survei[0] if site.survei else None,
            },
        ),
        Output("layanan/index.html", "layanan_index", "/layanan/", {"groups": site.layanan_by_category()}),
        Output("kelurahan/index.html", "kelurahan_index", "/kelurahan/", {"kelurahan": site.kelurahan}),
        Output("404.html", "404", "/404.html", {"popular": [s for s in site.layanan if s.populer]}),
    ]
    outputs += announcement_pages(site, per_page)
    outputs += service_pages(site)
    for item in [*site.pengumuman, *site.halaman]:
        outputs.append(Output(item.save_as, item.template, item.url, {"page": item}))
    for village in site.kelurahan:
        variables = {"page": village, "konsultasi": site.consultations(), "standar_konsultasi": site.standar_konsultasi}
        outputs.append(Output(village.save_as, village.template, village.url, variables))
    outputs += redirects([*site.layanan, *site.pengumuman])
    if site.situs.standar:
        outputs += standard_pages(site, pdf)
    outputs += survey_pages(site)
    outputs.append(Output(routes.CHECK_PAGE.save_as, "cek", routes.CHECK_PAGE.url, {}))
    outputs += status_pages(site)
    page = routes.PERFORMANCE_PAGE
    outputs.append(Output(page.save_as, "kinerja", page.url, {"kinerja": site.kinerja}))
    outputs += digest_pages(site)
    if site.situs.maklumat:
        outputs.append(Output(routes.MAKLUMAT.save_as, "maklumat", routes.MAKLUMAT.url, {}))
        qr = {"qr_url": site.situs.url + "/"}
        outputs.append(Output(routes.MAKLUMAT_POSTER.save_as, "maklumat_poster", routes.MAKLUMAT_POSTER.url, qr))
    return outputs


def status_pages(site: Site) -> list[Output]:
    """The lookup form, what an unknown code gets, and each submitted file's status, by its receipt code."""
    outputs = [
        Output(routes.STATUS_INDEX.save_as, "status_index", routes.STATUS_INDEX.url, {"tidak_ditemukan": False}),
        Output(routes.STATUS_UNKNOWN.save_as, "status_index", routes.STATUS_UNKNOWN.url, {"tidak_ditemukan": True}),
    ]
    services = by_slug(site.layanan)
    holidays = frozenset(site.situs.hari_libur)
    for permohonan in site.permohonan:
        service = services.get(permohonan.layanan)
        promised = workdays.promised(service.waktu) if service else None
        timing = workdays.timing(permohonan.riwayat, promised, site.now.date(), holidays)
        route = routes.status(permohonan.kode)
        variables = {"berkas": permohonan, "layanan": service, "tepat": timing}
        outputs.append(Output(route.save_as, "status", route.url, variables))
    return outputs


def digest_pages(site: Site) -> list[Output]:
    """/ringkasan/ for the whole kecamatan and /ringkasan/<kelurahan>/: the week at the build clock."""
    week = pesan.Week.of(site.now)
    pages: list[tuple[routes.Route, Kelurahan | None, list[Pengumuman]]] = [(routes.DIGEST_PAGE, None, site.pengumuman)]
    pages += [(routes.digest(v.slug), v, list(v.pengumuman)) for v in site.kelurahan]
    outputs = []
    for route, village, items in pages:
        variables = {
            "kelurahan": village,
            "kelurahan_list": site.kelurahan,
            "minggu": week,
            "baru": week.new(items),
            "acara": week.coming(items),
            "teks": pesan.digest(site.situs, week, items, village, route.url),
        }
        outputs.append(Output(route.save_as, "ringkasan", route.url, variables))
    return outputs


def survey_pages(site: Site) -> list[Output]:
    """/survei/ (every period, newest first) and each period's results."""
    if not site.survei:
        return []
    names = {
        "periods": site.survei,
        "layanan_nama": {s.slug: s.judul for s in site.layanan},
        "kelurahan_nama": {k.slug: k.nama for k in site.kelurahan},
    }
    outputs = [Output(routes.SURVEY_INDEX.save_as, "survei_index", routes.SURVEY_INDEX.url, {"periods": site.survei})]
    for periode in site.survei:
        page = routes.survey(periode.slug)
        outputs.append(Output(page.save_as, "survei", page.url, {**names, "periode": periode}))
    return outputs


def standard_pages(site: Site, pdf: bool) -> list[Output]:
    """Each service's Standar Pelayanan, then the whole office's; with ``pdf``, each names its PDF."""
    outputs = []
    # Only where the office chose it (standar.kinerja_di_evaluasi): a decree's attachment that changes monthly.
    chosen = site.situs.standar is not None and site.situs.standar.kinerja_di_evaluasi
    performance = {k.slug: k for k in site.kinerja} if chosen else {}
    for service in site.layanan:
        page = routes.standard(routes.item(service.kind, service.slug))
        pdf_file = routes.pdf(page, f"standar-pelayanan-{service.slug}") if pdf else None
        own: dict[str, Any] = {"page": service, "pdf": pdf_file, "kinerja": performance.get(service.slug)}
        outputs.append(Output(page.save_as, "standar", page.url, own))
    whole = routes.STANDARD_INDEX
    variables = {
        "layanan": site.layanan,
        "konsultasi": site.standar_konsultasi,
        "pdf": routes.pdf(whole, "standar-pelayanan") if pdf else None,
        "kinerja": performance,
    }
    outputs.append(Output(whole.save_as, "standar_index", whole.url, variables))
    return outputs


def service_pages(site: Site) -> list[Output]:
    """Each service's page and its A4 poster, both carrying a QR code of the page's production URL."""
    outputs = [
        Output(
            routes.POSTER_INDEX.save_as,
            "poster",
            routes.POSTER_INDEX.url,
            {"qr_url": site.situs.url + "/", "layanan": site.layanan},
        )
    ]
    performance = {k.slug: k for k in site.kinerja}
    for service in site.layanan:
        variables = {"page": service, "qr_url": site.situs.url + service.url}
        shown = {**variables, "kinerja": performance.get(service.slug)}  # the poster has no room for it
        outputs.append(Output(service.save_as, "layanan", service.url, shown))
        poster = routes.poster(routes.item(service.kind, service.slug))
        outputs.append(Output(poster.save_as, "layanan_poster", poster.url, variables))
    return outputs


def announcement_pages(site: Site, per_page: int) -> list[Output]:
    """``/pengumuman/`` then ``/pengumuman/halaman/<n>/``; pinned ones sit on top of page 1."""
    pinned = site.pinned()
    rest = [p for p in site.pengumuman if not p.tersemat]
    chunks = [rest[i : i + per_page] for i in range(0, len(rest), per_page)] or [[]]
    urls = ["/pengumuman/"] + [f"/pengumuman/halaman/{n}/" for n in range(2, len(chunks) + 1)]
    outputs = []
    for number, (chunk, url) in enumerate(zip(chunks, urls, strict=True), start=1):
        outputs.append(
            Output(
                url.lstrip("/") + "index.html",
                "pengumuman_index",
                url,
                {
                    "items": chunk,
                    "pinned": pinned if number == 1 else [],
                    "number": number,
                    "count": len(chunks),
                    "prev_url": urls[number - 2] if number > 1 else None,
                    "next_url": urls[number] if number < len(chunks) else None,
                },
            )
        )
    return outputs


@dataclass(frozen=True)
class Target:
    """Where a short link leads when it is no item: an announcement's attachment."""

    judul: str
    url: str


def redirects(items: list[Layanan | Pengumuman]) -> list[Output]:
    """A small page at each former slug and at the short link that sends visitors to the current address.

    An announcement's attachments get short links too: a forwarded message names them by these.
    """
    outputs = []
    for item in items:
        for former in [routes.item(item.kind, alias) for alias in item.alias] + [routes.short(item.kode)]:
            outputs.append(Output(former.save_as, "redirect", former.url, {"target": item}))
    attached = {a.berkas: a.judul for item in items if isinstance(item, Pengumuman) for a in item.lampiran}
    for name, title in sorted(attached.items()):
        short = routes.short(routes.file_code(name))
        outputs.append(
            Output(short.save_as, "redirect", short.url, {"target": Target(title, filters.berkas_url(name))})
        )
    return outputs


def sitemap_urls(outputs: list[Output]) -> list[tuple[str, Any]]:
    """(url, lastmod) of every page worth indexing: not the 404 pages, redirects, posters or a file's status."""
    found = []
    for output in outputs:
        if output.template in ("404", "redirect", "poster", "layanan_poster", "maklumat_poster", "status") or (
            output.url == routes.STATUS_UNKNOWN.url
        ):
            continue
        page: Item | None = output.vars.get("page")
        lastmod = None
        if isinstance(page, Layanan):
            lastmod = page.diperbarui
        elif isinstance(page, Pengumuman):
            lastmod = page.tanggal
        found.append((output.url, lastmod))
    return found


def searched_folders(outputs: list[Output]) -> list[str]:
    """The top-level folders holding the pages search indexes: Pagefind reads these, not the short links."""
    return sorted({output.save_as.split("/", 1)[0] for output in outputs if output.template in SEARCHED})


def redirect_files(outputs: list[Output]) -> frozenset[str]:
    """The pages that only send visitors on (former slugs, short links): nginx answers them itself."""
    return frozenset(output.save_as for output in outputs if output.template == "redirect")
