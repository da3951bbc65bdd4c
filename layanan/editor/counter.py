"""The counter's actions: receive a submitted file (a new receipt code) and change its status.

``python -m layanan status terima|ubah`` writes ``content/status/<TTTT-BB>.yaml`` through the editor's
own save path (proxy.save): checked as the whole site would be after it, under the save lock,
journalled, one commit by the clerk. What the clerk typed is checked first, so a mistake is one line in
Bahasa Indonesia and nothing is written. The month file is written whole from what it held (its
comments are not kept: it is the counter's record, not a page staff write by hand).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pelican import Pelican

from layanan.base import cache
from layanan.base.clock import build_time
from layanan.base.problems import errors
from layanan.build.output import settings_for
from layanan.content import receipts, routes
from layanan.content.model import Permohonan, by_slug
from layanan.editor import proxy, repo, users
from layanan.editor.workspace import Workspace
from layanan.read.submissions import MONTH_FILE, month_file
from layanan.site.assemble import load
from layanan.site.index import Site

HEADER = (
    "# Berkas yang diterima bulan ini: kode tanda terima, layanan dan statusnya, tanpa data pribadi.\n"
    "# Ditulis oleh `python -m layanan status` (dan halaman loket penyunting); lihat docs/format-konten.md."
)


class CounterError(Exception):
    """What the clerk typed cannot be recorded; the message says why and what to type instead."""


@dataclass(frozen=True)
class Clerk:
    account: str  # recorded as ``oleh``; never published
    author: repo.Author  # the commit's


def clerk(ws: Workspace, named: str | None) -> Clerk:
    """The editor account ``named``, else git's configured author (named as ``named`` when given)."""
    accounts = users.load(ws.state)
    if named and named in accounts:
        return Clerk(named, repo.Author(accounts[named].nama, accounts[named].email))
    nama = repo.git(ws.root, "config", "user.name", check=False).strip()
    email = repo.git(ws.root, "config", "user.email", check=False).strip()
    if not (named or nama) or not email:
        raise CounterError(
            "petugas tidak diketahui: tulis --oleh NAMA (akun penyunting), atau atur git config user.name dan "
            "user.email"
        )
    return Clerk(named or nama, repo.Author(named or nama, email))


def _scalar(value: Any) -> str:
    """A YAML scalar that reads back as the same text, whatever it holds (a JSON string is one)."""
    return json.dumps(str(value), ensure_ascii=False)


def month_text(records: list[dict[str, Any]]) -> str:
    lines = [HEADER, "permohonan:"]
    for record in records:
        lines.append(f"  - kode: {_scalar(record.get('kode', ''))}")
        lines.append(f"    layanan: {_scalar(record.get('layanan', ''))}")
        lines.append(f"    kanal: {_scalar(record.get('kanal', ''))}")
        lines.append("    riwayat:")
        for step in record.get("riwayat") or []:
            lines.append(f"      - status: {_scalar(step.get('status', ''))}")
            lines += [f"        {key}: {_scalar(step[key])}" for key in ("waktu", "oleh", "catatan") if step.get(key)]
    return "\n".join(lines) + "\n"


def _records(text: str) -> list[dict[str, Any]]:
    """What a month file holds, as plain data (its checks run when the change is saved)."""
    data = yaml.load(text, Loader=yaml.CSafeLoader) or {}  # libyaml: a busy month is 400 kB
    found = data.get("permohonan") if isinstance(data, dict) else None
    return [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []


def _month_files(ws: Workspace) -> list[Path]:
    folder = ws.content / routes.STATUS
    return sorted(p for p in folder.glob("*.yaml") if MONTH_FILE.fullmatch(p.name)) if folder.is_dir() else []


def _taken(ws: Workspace) -> set[str]:
    """Every code in content/status/, found as text: no month needs parsing for it."""
    return {code for path in _month_files(ws) for code in receipts.CODE.findall(path.read_text(encoding="utf-8"))}


def _find(ws: Workspace, code: str) -> tuple[Path, list[dict[str, Any]], dict[str, Any]]:
    for path in _month_files(ws):
        text = path.read_text(encoding="utf-8")
        if code not in text:
            continue  # only the month that names it is parsed
        records = _records(text)
        for record in records:
            if record.get("kode") == code:
                return path, records, record
    raise CounterError(f"berkas dengan kode {code} tidak ada; periksa kodenya di tanda terima")


def record(site: Site, code: str) -> Permohonan:
    """The file ``code`` as the build reads it (dates in the office's zone), shown on the site or not."""
    if code not in site.berkas_semua:
        raise CounterError(f"berkas dengan kode {code} tidak ada; periksa kodenya di tanda terima")
    return site.berkas_semua[code]


def received_on(site: Site, day: dt.date) -> list[Permohonan]:
    """The files received on ``day``, newest first (the counter's list)."""
    found = [p for p in site.berkas_semua.values() if p.riwayat[0].waktu.date() == day]
    return sorted(found, key=lambda p: p.riwayat[0].waktu, reverse=True)


def site(ws: Workspace) -> Site:
    """The whole site, read and checked as the build does: a change is only recorded on content that builds."""
    # As the build has them (Pelican completes them, the plugin reads situs.yaml): the same cache version.
    settings = Pelican(settings_for(str(ws.settings), PATH=str(ws.content))).settings
    loaded, problems = load(settings, cache.code_digest(settings))
    if loaded is None:
        first = errors(problems)[0] if errors(problems) else "konten tidak bisa dibaca"
        raise CounterError(f"konten sedang bermasalah, perbaiki dulu: {first}")
    return loaded


def _save(ws: Workspace, change: Callable[[], repo.Change], who: Clerk, message: str) -> None:
    user = users.User(who.account, who.author.nama, who.author.email, "penyunting", "")
    try:
        proxy.save(ws, change, user, message, "Catatan berkas TIDAK disimpan")
    except proxy.Refused as exc:  # the check of the whole site found what the clerk's input did not show
        lines = exc.message.splitlines()
        first = next((line.removeprefix("• ") for line in lines if line.startswith("• ")), lines[-1])
        raise CounterError(first) from exc


def receive(ws: Workspace, layanan: str, kanal: str, who: Clerk) -> str:
    """Record a newly received file; returns its receipt code."""
    if kanal not in receipts.KANAL:
        raise CounterError(f"kanal '{kanal}' tidak dikenal; pilih salah satu: {', '.join(receipts.KANAL)}")
    loaded = site(ws)
    services = by_slug(loaded.layanan)
    if layanan not in services:
        close = difflib.get_close_matches(layanan, list(services), n=1)
        hint = f"; maksud Anda '{close[0]}'?" if close else "; lihat alamat (slug) layanan di /layanan/"
        raise CounterError(f"layanan '{layanan}' tidak ada atau belum terbit{hint}")
    now = build_time(loaded.situs.tz)
    path = ws.content / routes.STATUS / month_file(now.date())
    code = receipts.new_code(_taken(ws))
    step = {"status": "diterima", "waktu": f"{now:%Y-%m-%d %H:%M}", "oleh": who.account}

    def change() -> repo.Change:  # with the save lock held: from what the file holds now
        held = _records(path.read_text(encoding="utf-8")) if path.is_file() else []
        records = [*held, {"kode": code, "layanan": layanan, "kanal": kanal, "riwayat": [step]}]
        return repo.Change(writes={_relative(ws, path): month_text(records).encode("utf-8")})

    _save(ws, change, who, f"Terima berkas {code} ({services[layanan].judul})")
    return code


def update(ws: Workspace, code: str, status: str, note: str | None, who: Clerk) -> None:
    """Record a new status of the file ``code``."""
    if status not in receipts.STATUSES:
        raise CounterError(f"status '{status}' tidak dikenal; pilih salah satu: {', '.join(receipts.STATUSES)}")
    meant = receipts.lookup(code.upper())
    if meant is None:
        raise CounterError(f"'{code}' bukan kode tanda terima: 8 huruf dan angka, misalnya K7MQ-2XDA")
    wanted = receipts.STATUSES[status]
    if wanted.note_required and not (note or "").strip():
        raise CounterError(f"status '{status}' perlu --catatan: {wanted.note.lower()}")
    if note and (found := receipts.personal_data(note)):
        raise CounterError(f"catatan tidak boleh memuat {found}; tulis tanpa data pribadi")
    path, _, record = _find(ws, meant)
    steps = record.get("riwayat") or []
    last = str(steps[-1].get("status")) if steps and isinstance(steps[-1], dict) else ""
    if last in receipts.STATUSES and receipts.STATUSES[last].final:
        raise CounterError(f"berkas {meant} sudah '{receipts.STATUSES[last].label}'; statusnya tidak berubah lagi")
    step = {"status": status, "waktu": f"{build_time(site(ws).situs.tz):%Y-%m-%d %H:%M}", "oleh": who.account}
    if note and note.strip():
        step["catatan"] = note.strip()

    def change() -> repo.Change:
        _, records, current = _find(ws, meant)
        current["riwayat"] = [*(current.get("riwayat") or []), step]
        return repo.Change(writes={_relative(ws, path): month_text(records).encode("utf-8")})

    _save(ws, change, who, f"Berkas {meant}: {wanted.label.lower()}")


def _relative(ws: Workspace, path: Path) -> str:
    return path.relative_to(ws.root).as_posix()
