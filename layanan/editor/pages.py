"""The editor's own pages: login, history with diffs and undo, and the publish page."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from babel.dates import format_datetime
from jinja2 import Environment, FileSystemLoader, select_autoescape

from layanan import model
from layanan.editor import publishing, repo
from layanan.editor.workspace import Workspace, run_layanan

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
STATUS = {"A": "Ditambahkan", "M": "Diubah", "D": "Dihapus", "T": "Diubah"}
PLACEHOLDER_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<key>.+?): masih berisi \[ISI: \.\.\.\]")


def render(template: str, **context: Any) -> bytes:
    return TEMPLATES.get_template(template).render(**context).encode("utf-8")


def when(iso: str) -> str:
    """A commit time as staff read it, in the machine's local zone: '28 Nov 2026 14.05'."""
    moment = dt.datetime.fromisoformat(iso).astimezone()
    return format_datetime(moment, "d MMM y HH.mm", locale="id")


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


def history(ws: Workspace) -> list[dict[str, Any]]:
    return [
        {"commit": e.commit, "nama": e.nama, "waktu": when(e.when), "message": e.message, "paths": e.paths}
        for e in repo.log(ws.root, ws.prefix)
    ]


def edit_link(ws: Workspace, path: str) -> str | None:
    """Where Decap edits the file at ``path`` (content/...), if it does."""
    parts = PurePosixPath(path).relative_to(ws.prefix).parts if path.startswith(ws.prefix + "/") else ()
    if parts == ("situs.yaml",):
        return "/admin/#/collections/pengaturan/entries/situs"
    if len(parts) == 2 and parts[0] in model.KINDS and parts[1].endswith(".md"):
        return f"/admin/#/collections/{parts[0]}/entries/{parts[1].removesuffix('.md')}"
    return None


def readiness(ws: Workspace) -> tuple[list[dict[str, Any]], str]:
    """Placeholders still left, and other problems, from the same check as ``invoke check``."""
    args = ["check", "--settings", str(ws.settings), "--content", str(ws.content)]
    result = run_layanan(args, ws.root, capture_output=True, text=True)
    placeholders = []
    for line in result.stdout.splitlines():
        match = PLACEHOLDER_LINE.match(line)
        if match:
            path = match["path"]
            placeholders.append({**match.groupdict(), "edit": edit_link(ws, path)})
    return placeholders, result.stderr.strip() if result.returncode else ""


def changes_since(ws: Workspace, last: str | None) -> list[tuple[str, str]]:
    return [(STATUS.get(letter[:1], "Diubah"), path) for letter, path in repo.changed(ws.root, last, ws.prefix)]


def publish_page(ws: Workspace, user: Any) -> bytes:
    status = publishing.status(ws.state)
    placeholders, problems = readiness(ws)
    return render(
        "terbitkan.html",
        title="Terbitkan situs",
        user=user,
        status=status,
        changes=changes_since(ws, status.last),
        placeholders=placeholders,
        problems=problems,
        refresh=3 if status.state in ("menunggu", "berjalan") else None,
    )
