"""Decap's proxy-backend protocol (``POST {action, params}``), with our checks before every write.

Paths are repository-relative, as Decap sends them; only regular files inside
content/ are read, and only content files and uploads in content/berkas/ are
written. Every write is tried on a mirror of the whole site first (staging.py)
and committed only when the site would still build.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any, NoReturn

from layanan.base import clock
from layanan.base.frontmatter import split
from layanan.base.problems import Problem
from layanan.content import model, routes, schema
from layanan.editor import changes, entries, pages, plausible, refusal, repo, staging, uploads
from layanan.editor.users import User
from layanan.editor.workspace import Workspace
from layanan.read import reader

MEDIA_INLINE_MAX = 1024 * 1024
NAME_MAX = 255  # bytes in one file name, as Linux file systems allow
LISTED_MAX = 50_000  # entries' list forms kept in memory (a few hundred bytes each)


class Refused(Exception):
    """A request answered with ``status`` and a message for staff (Decap shows it in a toast),
    and for a refused save the problems as records (the editor's page marks the fields)."""

    def __init__(self, status: int, message: str, records: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.records = records or []


def resolve(ws: Workspace, path: Any) -> str:
    """A repository-relative path inside content/, or Refused: no '..', hidden parts or symlinks."""
    if not isinstance(path, str) or not path or any(c in path for c in "\x00\\\r\n"):
        raise Refused(400, "alamat berkas tidak sah")
    pure = PurePosixPath(path)
    if any(len(part.encode()) > NAME_MAX for part in pure.parts):
        raise Refused(400, f"nama berkas terlalu panjang; paling banyak {NAME_MAX} huruf")
    inside = PurePosixPath(ws.prefix)
    if pure.is_absolute() or any(part in ("..", ".") or part.startswith(".") for part in pure.parts):
        raise Refused(403, f"'{path}' berada di luar folder konten; penyunting hanya membuka berkas di {ws.prefix}/")
    if pure.parts[: len(inside.parts)] != inside.parts or pure == inside:
        raise Refused(403, f"'{path}' berada di luar folder konten; penyunting hanya membuka berkas di {ws.prefix}/")
    here = ws.root
    for part in pure.parts:
        here = here / part
        if here.is_symlink():
            raise Refused(403, f"'{path}' adalah tautan simbolik; penyunting tidak membukanya")
    real = Path(os.path.realpath(ws.root / path))
    if not real.is_relative_to(os.path.realpath(ws.content)):
        raise Refused(403, f"'{path}' berada di luar folder konten")
    return pure.as_posix()


def _entry_path(ws: Workspace, asked: Any) -> str:
    """A path staff may write an entry to: content/situs.yaml or content/<jenis>/<nama>.md."""
    path = resolve(ws, asked)
    parts = PurePosixPath(path).relative_to(ws.prefix).parts
    if parts == ("situs.yaml",) or (len(parts) == 2 and parts[0] in model.KINDS and parts[1].endswith(".md")):
        return path
    raise Refused(403, f"'{path}' bukan berkas isi; yang bisa disunting: situs.yaml dan berkas .md di {ws.prefix}/")


def _media_path(ws: Workspace, asked: Any, data: bytes) -> str:
    path = resolve(ws, asked)
    parts = PurePosixPath(path).relative_to(ws.prefix).parts
    if len(parts) != 2 or parts[0] != "berkas":
        raise Refused(403, f"berkas hanya boleh diunggah ke {ws.prefix}/berkas/")
    why = uploads.problem(parts[1], data)
    if why:
        raise Refused(413 if len(data) > uploads.MAX_BYTES else 422, f"Berkas TIDAK diunggah: {why}")
    return path


def _read(ws: Workspace, path: str) -> bytes | None:
    target = ws.root / path
    return target.read_bytes() if target.is_file() and not target.is_symlink() else None


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _entry(ws: Workspace, path: str, label: str | None = None, listing: bool = False) -> dict[str, Any]:
    data = _read(ws, path)
    file = {"path": path, "label": label, "id": _sha(data) if data is not None else None}
    if data is None:
        return {"data": None, "file": file}
    if not listing:
        return {"data": entries.to_editor(path, data.decode("utf-8", errors="replace")), "file": file}
    key = (path, _sha(data))
    if key not in ws.listed:
        if len(ws.listed) > LISTED_MAX:
            ws.listed.clear()
        ws.listed[key] = entries.to_editor(path, data.decode("utf-8", errors="replace"), listing=True)
    return {"data": ws.listed[key], "file": file}


def _media(path: str, data: bytes, inline: bool = True) -> dict[str, Any]:
    content = base64.b64encode(data).decode() if inline else ""
    return {"id": _sha(data), "content": content, "encoding": "base64", "path": path, "name": Path(path).name}


def _decode(asset: Any) -> tuple[Any, bytes]:
    """The path an upload asks for (checked by the caller) and its bytes."""
    if not isinstance(asset, dict) or not isinstance(asset.get("content"), str):
        raise Refused(400, "unggahan tidak lengkap")
    try:
        data = (
            base64.b64decode(asset["content"], validate=True)
            if asset.get("encoding") == "base64"
            else (asset["content"].encode())
        )
    except (binascii.Error, ValueError) as exc:
        raise Refused(400, "isi unggahan rusak; unggah lagi") from exc
    return asset.get("path"), data


def _describe(ws: Workspace, change: repo.Change, new: set[str]) -> str:
    """The history's line for a change, in staff's words: 'Ubah layanan “Akta Kematian”'."""
    parts = []
    for path in sorted(change.paths, key=lambda p: (PurePosixPath(p).parent.name == "berkas", p)):  # items first
        if path in change.deletes and path not in change.writes:
            verb = "Hapus"
            data = _read(ws, path)
            text = data.decode("utf-8", errors="replace") if data else None
        else:
            verb = "Tambah" if path in new else "Ubah"
            text = change.writes[path].decode("utf-8", errors="replace")
        parts.append(f"{verb} {pages.describe(ws, path, text)}")
    return "; ".join(parts)[:200]


def save(ws: Workspace, change: repo.Change | Callable[[], repo.Change], user: User, message: str | None,
         heading: str) -> str:  # fmt: skip
    """Check a change as the whole site would be after it; commit it or raise Refused(422).

    ``change`` may be a function, called with the lock held: a change made from what the
    files hold at that moment (a merge with a save that landed while this one waited).
    ``message`` None: the history's line is written from the change.
    """
    with ws.saving, repo.locked(ws.root, ws.state):
        if callable(change):
            change = change()
        new = {path for path in change.writes if _read(ws, path) is None}
        staging.mirror(ws.content, ws.mirror)
        staging.apply(ws.root, ws.content, ws.mirror, change)
        outcome = staging.build(ws.builder, ws.settings, ws.mirror, ws.preview)
        if not outcome.ok:
            if outcome.environment:
                raise Refused(
                    503, "Perubahan TIDAK disimpan karena masalah di server:\n" + "\n".join(outcome.environment)
                )
            _refuse(ws, change, outcome.problems, heading)
        for path in change.paths:  # again: a folder swapped for a symlink while the check ran is refused
            resolve(ws, path)
        return repo.commit(ws.root, ws.state, change, repo.Author(user.nama, user.email),
                           message or _describe(ws, change, new))  # fmt: skip


def _refuse(ws: Workspace, change: repo.Change, problems: list[Problem], heading: str) -> NoReturn:
    def title(path: str) -> str:
        data = _read(ws, path) or _read_mirror(ws, path)
        return pages.describe(ws, path, data.decode("utf-8", errors="replace") if data else None)

    if change.deletes and not change.writes:
        raise Refused(422, refusal.still_used(heading, change.deletes, problems, title),
                      [refusal.record(p, False) for p in problems])  # fmt: skip
    text, records = refusal.explain(heading, problems, set(change.paths), title)
    raise Refused(422, text, records)


def _read_mirror(ws: Workspace, path: str) -> bytes | None:
    target = ws.mirror / PurePosixPath(path).relative_to(ws.prefix)
    return target.read_bytes() if target.is_file() and not target.is_symlink() else None


def check_restored(ws: Workspace, change: repo.Change) -> None:
    """An undo writes what a commit had: only what a save could have written (paths, upload types)."""
    for path, data in change.writes.items():
        parts = PurePosixPath(resolve(ws, path)).relative_to(ws.prefix).parts
        if parts[:1] == ("berkas",):
            _media_path(ws, path, data)
        else:
            _entry_path(ws, path)
    for path in change.deletes:
        resolve(ws, path)


def preview_url(ws: Workspace, collection: Any, slug: Any) -> str | None:
    """The item's page in the preview, or None when there is no preview yet."""
    if not (ws.preview / "index.html").is_file():
        return None
    if collection not in model.KINDS or not isinstance(slug, str):
        return "/pratinjau/"
    path = resolve(ws, f"{ws.prefix}/{collection}/{slug}.md")  # slug: the file's name, from Decap
    data = _read(ws, path)
    source, _ = split(data.decode("utf-8", errors="replace"), path) if data else (None, [])
    own = source.doc.data.get("slug") if source else None
    name = own if isinstance(own, str) and schema.SLUG_RE.fullmatch(own) else reader.default_slug(collection, path)
    return "/pratinjau" + routes.item(collection, name).url


def handle(ws: Workspace, user: User, action: Any, params: Any) -> Any:
    """Answer one request of the protocol; raises Refused."""
    if not isinstance(params, dict):
        raise Refused(400, "permintaan tidak lengkap")
    if action == "info":
        return {"repo": ws.root.name, "publish_modes": ["simple"], "type": "layanan"}
    if action == "entriesByFolder":
        folder = resolve(ws, params.get("folder"))
        extension = str(params.get("extension") or "md")
        names = sorted(p.name for p in (ws.root / folder).glob(f"*.{extension}") if p.is_file() and not p.is_symlink())
        return [_entry(ws, f"{folder}/{name}", listing=True) for name in names if not name.startswith(".")]
    if action == "entriesByFiles":
        files = params.get("files") or []
        return [_entry(ws, resolve(ws, f.get("path")), f.get("label")) for f in files if isinstance(f, dict)]
    if action == "getEntry":
        return _entry(ws, resolve(ws, params.get("path")))
    if action == "getMedia":
        folder = resolve(ws, params.get("mediaFolder"))
        found = sorted(p for p in (ws.root / folder).glob("*") if p.is_file() and not p.is_symlink())
        # Decap asks for the whole library each time it starts: big files are listed without their
        # bytes (getMediaFile sends them when one is opened), so fifty forms do not cost fifty downloads.
        return [
            _media(f"{folder}/{p.name}", p.read_bytes(), inline=p.stat().st_size <= MEDIA_INLINE_MAX)
            for p in found
            if not p.name.startswith(".")
        ]
    if action == "getMediaFile":
        path = resolve(ws, params.get("path"))
        data = _read(ws, path)
        if data is None:
            raise Refused(404, f"berkas '{path}' tidak ada")
        return _media(path, data)
    if action == "persistEntry":
        return _persist_entry(ws, user, params)
    if action == "persistMedia":
        path, data = _decode(params.get("asset"))
        path = _media_path(ws, path, data)
        change = repo.Change(writes={path: data})
        message = _describe(ws, change, {path} if _read(ws, path) is None else set())
        save(ws, change, user, message, "Berkas TIDAK diunggah; perbaiki dulu:")
        return _media(path, data)
    if action in ("deleteFile", "deleteFiles"):
        asked = params.get("paths") if action == "deleteFiles" else [params.get("path")]
        if not isinstance(asked, list) or not asked:
            raise Refused(400, "tidak ada berkas yang dihapus")
        paths = [resolve(ws, p) for p in asked]
        for path in paths:
            if _read(ws, path) is None:
                raise Refused(404, f"berkas '{path}' tidak ada")
        change = repo.Change(deletes=paths)
        save(ws, change, user, _describe(ws, change, set()), "TIDAK dihapus:")
        return {"message": "terhapus"}
    if action == "getDeployPreview":
        url = preview_url(ws, params.get("collection"), params.get("slug"))
        return {"url": url, "status": "SUCCESS"} if url else None
    raise Refused(422, f"permintaan '{action}' tidak dikenal")


def _persist_entry(ws: Workspace, user: User, params: dict[str, Any]) -> Any:
    files = params.get("dataFiles") or ([params["entry"]] if isinstance(params.get("entry"), dict) else [])
    if not files or not all(isinstance(f, dict) and isinstance(f.get("raw"), str) for f in files):
        raise Refused(400, "tidak ada isi yang disimpan")
    situs = f"{ws.prefix}/situs.yaml"
    planned = []
    for file in files:
        path = _entry_path(ws, file.get("path"))
        target = _entry_path(ws, file["newPath"]) if file.get("newPath") else path
        if situs in (path, target) and not user.publishes:
            raise Refused(403, "Pengaturan situs (alamat situs, nomor WhatsApp, jam layanan ...) hanya boleh diubah "
                          "petugas berperan penerbit. Minta penerbit mengubahnya.")  # fmt: skip
        planned.append((path, target, file["raw"]))
    uploads_ = [_decode(asset) for asset in params.get("assets") or []]
    checked_uploads = {_media_path(ws, path, data): data for path, data in uploads_}

    def change() -> repo.Change:
        """Made under the lock, from the files as they are now."""
        made = repo.Change()
        implausible = []
        today = clock.build_time(pages.zone(ws)).date()
        for path, target, raw in planned:
            current = _read(ws, path)
            current_text = current.decode("utf-8", errors="replace") if current is not None else None
            text = _merged(ws, path, target, raw, current, current_text)
            if current_text is not None and PurePosixPath(target).parent.name == "layanan":
                text = changes.stamp(target, current_text, text, today.isoformat())
            implausible += _implausible_dates(path, target, text, current_text, today)
            made.writes[target] = text.encode("utf-8")
            if target != path:
                made.deletes.append(path)
        if implausible:
            raise Refused(422, "Perubahan TIDAK disimpan; periksa tanggalnya:\n" + "\n".join(implausible))
        made.writes |= checked_uploads
        return made

    save(ws, change, user, None, "Perubahan TIDAK disimpan; perbaiki dulu:")
    return {"message": "tersimpan"}


def _implausible_dates(path: str, target: str, text: str, current: str | None, today: dt.date) -> list[str]:
    fields = entries.fields_of(target)
    data, _ = entries.parts(target, text) if fields else (None, "")
    if fields is None or not isinstance(data, dict):
        return []
    before, _ = entries.parts(path, current) if current else (None, "")
    return plausible.problems(target, data, before, today)


def _merged(ws: Workspace, path: str, target: str, raw: str, current: bytes | None, current_text: str | None) -> str:
    """What to write for a form saved from the version it was opened at, merged with saves made since."""
    previous = current if target == path else _read(ws, target)
    mine = entries.from_editor(target, raw, previous.decode("utf-8", errors="replace") if previous else None)
    opened = entries.version(path, raw)
    if opened is None or current is None or entries.blob_id(current) == opened:
        return mine
    base = repo.blob(ws.root, opened)
    try:
        if base is None:
            raise entries.Overlap([entries.BODY_KEY])
        return entries.merge(target, base.decode("utf-8", errors="replace"), current_text or "", mine)
    except entries.Overlap as overlap:
        raise Refused(409, _overlap_message(ws, path, current_text, opened, overlap.keys)) from None


def _overlap_message(ws: Workspace, path: str, text: str | None, opened: str, keys: list[str]) -> str:
    labels = [refusal.label(path, key) for key in keys]
    tz = pages.zone(ws)
    who = [f"{e.nama} ({pages.when(e.when, tz)})" for e in repo.since_version(ws.root, path, opened)]
    by = f" oleh {', '.join(dict.fromkeys(who))}" if who else ""
    return (
        f"Perubahan TIDAK disimpan: sejak Anda membuka isian ini, {pages.describe(ws, path, text)} sudah diubah{by}, "
        f"juga pada bagian yang Anda ubah: {', '.join(labels)}.\n"
        "Isian Anda masih di layar. Salin bagian yang Anda ubah, muat ulang halaman untuk melihat isi terbaru, "
        "lalu ubah lagi dan simpan."
    )
