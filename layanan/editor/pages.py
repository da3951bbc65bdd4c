"""The editor's own pages: login, history with diffs and undo, and the publish page."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from jinja2 import Environment, FileSystemLoader, select_autoescape

from layanan.base.dates import bulan, tanggal_jam, zone_label
from layanan.base.frontmatter import split
from layanan.base.problems import Problem
from layanan.content import model, routes
from layanan.editor import publishing, receipt, refusal, repo
from layanan.editor.workspace import Workspace, run_layanan
from layanan.read.situsyaml import load as load_situs
from layanan.read.submissions import MONTH_FILE

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.filters["tanggal_jam"] = tanggal_jam
TEMPLATES.filters["breakable"] = receipt.breakable
STATUS = {"A": "Ditambahkan", "M": "Diubah", "D": "Dihapus", "T": "Diubah"}


def render(template: str, **context: Any) -> bytes:
    return TEMPLATES.get_template(template).render(**context).encode("utf-8")


def zone(ws: Workspace) -> ZoneInfo:
    """The office's time zone (situs.yaml's zona_waktu), whatever the server's clock is set to."""
    situs, _ = load_situs(str(ws.content))
    return situs.tz if situs else ZoneInfo("UTC")


def zone_name(ws: Workspace) -> str:
    """'WITA' for the office's zone, as the times on these pages are written."""
    return zone_label(dt.datetime.now(zone(ws)))


def when(iso: str, tz: ZoneInfo) -> str:
    """A time as staff read it, in the office's zone: '28 Nov 2026 14.05 WITA'."""
    moment = dt.datetime.fromisoformat(iso).astimezone(tz)
    return f"{format_datetime(moment, 'd MMM y HH.mm', locale='id')} {zone_label(moment)}"


@dataclass
class Line:
    kind: str
    text: str


def diff_lines(text: str) -> list[Line]:
    lines = []
    for line in text.splitlines():
        if line.startswith(("+++", "---", "diff --git", "index ")):
            kind = "kepala"
        elif line.startswith("+"):
            kind = "tambah"
        elif line.startswith("-"):
            kind = "kurang"
        else:
            kind = ""
        lines.append(Line(kind, line))
    return lines


def history(ws: Workspace, counter: bool = False) -> list[dict[str, Any]]:
    """Recent changes to content; a change made by hand in the repository is named by the items it touched.

    The counter's records (a commit for each file received and each status: tens a day) only when asked.
    """
    tz = zone(ws)
    found = []
    for e in repo.log(ws.root, ws.prefix, besides="" if counter else f"{ws.prefix}/{routes.STATUS}"):
        names = [describe(ws, path, None) for path in e.paths if path.startswith(ws.prefix + "/")]
        shown = ", ".join(names[:3]) + (f" dan {len(names) - 3} lainnya" if len(names) > 3 else "")
        message = e.message if e.editor else f"Diubah langsung di berkas: {shown}"
        found.append({"commit": e.commit, "nama": e.nama, "waktu": when(e.when, tz), "message": message})
    return found


def describe(ws: Workspace, path: str, text: str | None) -> str:
    """What staff call the file at ``path`` (its ``text``, else as it is now): 'layanan “Akta Kematian”'."""
    parts = PurePosixPath(path).relative_to(ws.prefix).parts
    if parts == ("situs.yaml",):
        return "pengaturan situs"
    if parts[0] == "berkas":
        return f"berkas “{PurePosixPath(path).name}”"
    if parts[0] == routes.STATUS and (month := MONTH_FILE.fullmatch(parts[-1])):
        return f"catatan berkas loket {bulan(f'{month[1]}-{month[2]}')}"
    kind = parts[0]
    if text is None and (ws.root / path).is_file():
        text = (ws.root / path).read_bytes().decode("utf-8", errors="replace")
    title = None
    if kind in model.KINDS and text:
        source, _ = split(text, path)
        title = source.doc.data.get(model.KINDS[kind].title_field) if source else None
    name = title.strip() if isinstance(title, str) and title.strip() else PurePosixPath(path).name
    return f"{kind} “{name[:120]}”"


def edit_link(ws: Workspace, path: str) -> str | None:
    """Where Decap edits the file at ``path`` (content/...), if it does."""
    parts = PurePosixPath(path).relative_to(ws.prefix).parts if path.startswith(ws.prefix + "/") else ()
    if parts == ("situs.yaml",):
        return "/admin/#/collections/pengaturan/entries/situs"
    if len(parts) == 2 and parts[0] in model.KINDS and parts[1].endswith(".md"):
        return f"/admin/#/collections/{parts[0]}/entries/{parts[1].removesuffix('.md')}"
    return None


def readiness(ws: Workspace) -> tuple[list[dict[str, Any]], list[str]]:
    """Placeholders still left, and other problems, from the same check as ``invoke check`` (its records)."""
    args = ["check", "--settings", str(ws.settings), "--content", str(ws.content), "--format", "json"]
    result = run_layanan(args, ws.root, capture_output=True, text=True)
    placeholders, problems = [], []
    for line in result.stdout.splitlines():
        try:
            found = Problem.from_record(json.loads(line))
        except (ValueError, KeyError, TypeError):
            continue
        if found.code == "isian":
            placeholders.append({"path": found.path, "line": found.line, "key": found.key,
                                 "edit": edit_link(ws, found.path)})  # fmt: skip
        elif not found.warning:
            problems.append(str(found))
    if result.returncode and not problems:
        problems = [line for line in result.stderr.splitlines() if line.strip()][-20:]
    return placeholders, problems


def changes_since(ws: Workspace, last: str | None) -> list[tuple[str, str]]:
    return [(STATUS.get(letter[:1], "Diubah"), path) for letter, path in repo.changed(ws.root, last, ws.prefix)]


def publish_advice(log: str) -> str:
    """What a failed publish means for the clerk, from the worker's log."""
    if "PUBLISH_TARGET" in log or "PUBLISH_SSH" in log:
        return "Tujuan terbit belum diatur di server ini: minta petugas teknis menyiapkannya (deploy/README.md)."
    if "[ISI:" in log:
        return "Masih ada isian [ISI: ...]; lengkapi dulu, lalu terbitkan lagi."
    return "Minta petugas teknis membaca catatan di bawah."


def publish_page(ws: Workspace, user: Any, message: str = "") -> bytes:
    status = publishing.status(ws.state)
    placeholders, problems = readiness(ws)
    tz = zone(ws)
    titles: dict[str, str] = {}
    for item in placeholders:
        path = item["path"]
        if path not in titles:
            data = (ws.root / path).read_bytes() if (ws.root / path).is_file() else None
            titles[path] = describe(ws, path, data.decode("utf-8", errors="replace") if data else None)
        item["name"] = titles[path]
        item["label"] = refusal.label(path, item["key"])
    request, result = status.request or {}, status.result or {}
    return render(
        "terbitkan.html",
        title="Terbitkan situs",
        user=user,
        status=status,
        asked_at=when(request["waktu"], tz) if request.get("waktu") else "",
        done_at=when(result["selesai"], tz) if result.get("selesai") else "",
        advice=publish_advice(status.log),
        changes=[(what, describe(ws, path, None)) for what, path in changes_since(ws, status.last)],
        placeholders=placeholders,
        problems=problems,
        blocked=bool(placeholders or problems),
        message=message,
        refresh=3 if status.state in ("menunggu", "berjalan") else None,
    )
