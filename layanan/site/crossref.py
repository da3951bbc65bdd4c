"""Checks between files: categories, slugs, references and the files they name."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from urllib.parse import unquote

from layanan.base.problems import Problem
from layanan.content import receipts, routes
from layanan.content.model import Permohonan, Situs
from layanan.content.schema import is_placeholder
from layanan.read.reader import Parsed
from layanan.read.submissions import Tercatat


def problem(item: Parsed, key: str, message: str, warning: bool = False) -> Problem:
    probe = key
    while probe and probe not in item.lines:
        probe = probe.rpartition(".")[0]
    return Problem(item.path, item.lines.get(probe, 1), key, message, warning, "rujukan")


def by_kind(items: list[Parsed]) -> dict[str, list[Parsed]]:
    groups: dict[str, list[Parsed]] = defaultdict(list)
    for item in items:
        groups[item.kind or ""].append(item)
    return groups


def published(item: Parsed, now: dt.datetime) -> bool:
    """Part of this build: not a draft, and not an announcement whose time has not come."""
    date = item.values.get("tanggal")
    return not item.draft and not (item.kind == "pengumuman" and date and date > now)


def check(items: list[Parsed], situs: Situs, berkas: set[str], now: dt.datetime) -> list[Problem]:
    """Every problem that needs more than one file (or the build clock) to see."""
    groups = by_kind(items)
    found: list[Problem] = []
    found += _categories(groups, situs)
    found += _fees(groups["layanan"], situs)
    for kind in ("layanan", "pengumuman", "kelurahan", "halaman"):
        found += _duplicate_slugs(groups[kind])
    found += _reserved(groups["halaman"])
    found += _references(groups)
    found += _files(groups, berkas)
    found += _body_links(items, berkas, now)
    found += _stale(groups["layanan"], now)
    return found


def _categories(groups: dict[str, list[Parsed]], situs: Situs) -> list[Problem]:
    found = []
    for kind, allowed in (("layanan", situs.kategori_layanan), ("pengumuman", situs.kategori_pengumuman)):
        for item in groups[kind]:
            name = item.values.get("kategori")
            if item.draft and is_placeholder(name):
                continue  # a new draft leaves the choice to staff (invoke new); publishing refuses it anyway
            if name is not None and name not in allowed:
                found.append(
                    problem(
                        item,
                        "kategori",
                        f"'{name}' tidak ada di kategori_{kind} situs.yaml; pilih: {', '.join(allowed)}",
                    )
                )
    return found


def _fees(services: list[Parsed], situs: Situs) -> list[Problem]:
    return [
        problem(
            item,
            "biaya",
            f"layanan kategori '{item.values['kategori']}' wajib gratis menurut hukum "
            "(UU 24/2013 Pasal 79A); tulis biaya: 0",
        )
        for item in services
        if item.values.get("kategori") in situs.kategori_gratis and item.values.get("biaya", 0) != 0
    ]


def _duplicate_slugs(items: list[Parsed]) -> list[Problem]:
    owners: dict[str, list[tuple[Parsed, str]]] = defaultdict(list)
    for item in items:
        if item.slug:
            owners[item.slug].append((item, "slug"))
        for i, alias in enumerate(item.values.get("alias", ()), start=1):
            owners[alias].append((item, f"alias.{i}"))
    found = []
    for slug, claims in owners.items():
        if len(claims) < 2:
            continue
        for item, key in claims:
            others = ", ".join(o.path for o, _ in claims if o is not item) or "berkas yang sama"
            found.append(problem(item, key, f"alamat '{slug}' juga dipakai oleh {others}; setiap alamat harus unik"))
    return found


def _reserved(pages: list[Parsed]) -> list[Problem]:
    return [
        problem(page, "slug", f"nama '{page.slug}' dipakai situs sendiri; ganti nama berkas halaman ini")
        for page in pages
        if page.slug in routes.RESERVED
    ]


def _references(groups: dict[str, list[Parsed]]) -> list[Problem]:
    index = {kind: {p.slug: p for p in groups[kind]} for kind in ("layanan", "kelurahan")}
    rules = (
        ("layanan", "terkait", "layanan"),
        ("pengumuman", "layanan", "layanan"),
        ("pengumuman", "kelurahan", "kelurahan"),
    )
    found = []
    for source_kind, key, target_kind in rules:
        for item in groups[source_kind]:
            links = item.values.get(key)
            for i, slug in enumerate(links.slugs if links else (), start=1):
                target = index[target_kind].get(slug)
                dotted = f"{key}.{i}"
                if target is None:
                    found.append(problem(item, dotted, f"{target_kind} '{slug}' tidak ada di content/{target_kind}/"))
                elif target is item:
                    found.append(problem(item, dotted, "layanan tidak boleh merujuk dirinya sendiri"))
                elif target.draft and not item.draft:
                    found.append(
                        problem(
                            item, dotted, f"{target_kind} '{slug}' masih draf; terbitkan dulu atau hapus rujukan ini"
                        )
                    )
    return found


def _files(groups: dict[str, list[Parsed]], berkas: set[str]) -> list[Problem]:
    found = []
    for item in groups["layanan"] + groups["pengumuman"]:
        named = [
            (f"{key}.{i}.berkas", entry.berkas)
            for key in ("formulir", "lampiran")
            for i, entry in enumerate(item.values.get(key, ()), start=1)
        ]
        if item.values.get("gambar"):
            named.append(("gambar", item.values["gambar"]))
        for key, name in named:
            if name not in berkas:
                found.append(
                    problem(
                        item,
                        key,
                        f"berkas '{name}' tidak ada di content/berkas/; periksa nama dan huruf besar-kecilnya",
                    )
                )
    return found


def _urls(items: list[Parsed]) -> set[str]:
    urls = {"/layanan/", "/pengumuman/", "/kelurahan/"}
    for item in items:
        if item.kind in ("layanan", "pengumuman", "kelurahan") and item.slug:
            urls.add(routes.item(item.kind, item.slug).url)
            urls.update(routes.item(item.kind, alias).url for alias in item.values.get("alias", ()))
    return urls


def _body_links(items: list[Parsed], berkas: set[str], now: dt.datetime) -> list[Problem]:
    """Links in bodies to our own pages and files must lead somewhere when the page is live."""
    live = [i for i in items if published(i, now)]
    live_urls = _urls(live)
    scheduled_urls = _urls([i for i in items if not i.draft])
    found = []
    for item in items:
        if item.draft:
            continue
        # A scheduled announcement may link to what goes live with it; a live page only to what is live now.
        valid = live_urls if published(item, now) else scheduled_urls
        for line, path in item.own_links:
            if path.startswith(f"/{routes.BERKAS}/"):
                name = unquote(path.removeprefix(f"/{routes.BERKAS}/"))
                ok = name in berkas
                message = f"tautan ke berkas '{name}' yang tidak ada di content/berkas/"
            else:
                ok = path in valid or path + "/" in valid or path.startswith("/pengumuman/halaman/")
                message = f"tautan ke {path} yang tidak ada; periksa slugnya (atau halaman itu masih draf/terjadwal)"
            if not ok:
                found.append(Problem(item.path, line, "(isi)", message))
    return found


def _stale(services: list[Parsed], now: dt.datetime) -> list[Problem]:
    """Requirements not checked for a year may no longer be true: say so, without failing the build."""
    limit = now.date() - dt.timedelta(days=365)
    return [
        problem(
            item,
            "diperbarui",
            f"terakhir diperiksa {item.values['diperbarui'].isoformat()}, lebih dari 12 bulan lalu; "
            "periksa ulang persyaratannya lalu perbarui tanggal ini",
            warning=True,
        )
        for item in services
        if not item.draft and item.values.get("diperbarui") and item.values["diperbarui"] < limit
    ]


def public_status(permohonan: Permohonan, now: dt.datetime, days: int) -> bool:
    """A file's status page is published until ``days`` after it was collected or refused."""
    last = permohonan.riwayat[-1]
    return not receipts.STATUSES[last.status].final or (now.date() - last.waktu.date()).days <= days


def submissions(records: list[Tercatat], services: set[str], now: dt.datetime, days: int) -> list[Problem]:
    """Each receipt code once in all of content/status/; the service of each file still shown is published."""
    found = []
    same: dict[str, list[Tercatat]] = defaultdict(list)
    for record in records:
        same[record.permohonan.kode].append(record)
    for code, records_of_code in same.items():
        for record in records_of_code if len(records_of_code) > 1 else ():
            elsewhere = ", ".join(f"{o.path}:{o.line}" for o in records_of_code if o is not record)
            message = f"kode {code} juga dipakai di {elsewhere}; setiap berkas punya kodenya sendiri"
            found.append(Problem(record.path, record.line, f"{record.key}.kode", message))
    for record in records:
        slug = record.permohonan.layanan
        if slug not in services:
            shown = public_status(record.permohonan, now, days)
            message = f"layanan '{slug}' tidak ada atau belum terbit; tulis alamat (slug) layanan yang terbit"
            found.append(Problem(record.path, record.line, f"{record.key}.layanan", message, not shown, "rujukan"))
    return found
