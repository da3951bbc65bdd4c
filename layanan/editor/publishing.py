"""The publish button's queue: the editor asks, a separate process publishes.

The editor holds no SSH key: it only writes ``permintaan.json`` in the queue
folder. A systemd path unit (deploy/layanan-editor-terbit.path) starts
``python -m layanan terbitkan-antrean`` as the publishing user, which claims the
request by renaming it, runs ``publish`` with its output going to ``log.txt``, and
writes ``hasil.json``; the page reads those. The last published commit is kept
so the page can say what changed since.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layanan.editor import repo
from layanan.editor.workspace import run_layanan

REQUEST = "permintaan.json"
RUNNING = "berjalan.json"
RESULT = "hasil.json"
LOG = "log.txt"
LAST = "terakhir.txt"


def folder(state: Path) -> Path:
    return state / "terbit"


def _write_json(path: Path, data: dict[str, Any]) -> None:
    temporary = path.with_name(f".{path.name}.baru")
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


@dataclass
class Status:
    state: str  # "kosong", "menunggu", "berjalan", "terputus" (the worker died), "berhasil", "gagal", "dibatalkan"
    request: dict[str, Any] | None
    result: dict[str, Any] | None
    log: str
    last: str | None  # the commit published last


def status(state: Path) -> Status:
    queue = folder(state)
    result = _read_json(queue / RESULT)
    request = _read_json(queue / REQUEST) or _read_json(queue / RUNNING)
    log = (queue / LOG).read_text(encoding="utf-8", errors="replace") if (queue / LOG).is_file() else ""
    last = (queue / LAST).read_text().strip() if (queue / LAST).is_file() else None
    if (queue / REQUEST).is_file():
        name = "menunggu"
    elif (queue / RUNNING).is_file():
        pid = (request or {}).get("pid")
        # Just claimed (its pid written a moment later) is running too; a claim that never got its pid is not.
        just_claimed = pid is None and _age(queue / RUNNING) < CLAIM_SECONDS
        name = "berjalan" if just_claimed or _alive(pid) else "terputus"
    elif result and result.get("dibatalkan"):
        name = "dibatalkan"
    elif result:
        name = "berhasil" if result.get("kode") == 0 else "gagal"
    else:
        name = "kosong"
    return Status(name, request, result, log, last)


CLAIM_SECONDS = 60


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return float("inf")


def _alive(pid: object) -> bool:
    return isinstance(pid, int) and Path(f"/proc/{pid}").exists()


def ask(state: Path, nama: str, commit: str) -> bool:
    """Queue a publish; False when one is already waiting or running."""
    queue = folder(state)
    queue.mkdir(parents=True, exist_ok=True)
    if status(state).state in ("menunggu", "berjalan"):
        return False
    (queue / RUNNING).unlink(missing_ok=True)  # a worker that was killed
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    _write_json(queue / REQUEST, {"oleh": nama, "waktu": when, "commit": commit})
    return True


def cancel(state: Path, nama: str) -> bool:
    """Withdraw a request no worker has claimed yet; False when there is none (or it already runs)."""
    queue = folder(state)
    withdrawn = queue / f".{REQUEST}.batal"
    try:
        os.rename(queue / REQUEST, withdrawn)  # the same claim a worker makes: only one of us wins
    except FileNotFoundError:
        return False
    request = _read_json(withdrawn) or {}
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    _write_json(queue / RESULT, {**request, "dibatalkan": True, "dibatalkan_oleh": nama, "selesai": when})
    withdrawn.unlink()
    return True


def work(root: Path, state: Path, settings: str, content: Path) -> int:
    """Run the waiting request, if any (the systemd service's command); returns publish's status."""
    queue = folder(state)
    try:
        os.rename(queue / REQUEST, queue / RUNNING)  # claimed by one worker only
    except FileNotFoundError:
        return 0
    request = _read_json(queue / RUNNING) or {}
    _write_json(queue / RUNNING, {**request, "pid": os.getpid()})
    commit = repo.head(root)
    with (queue / LOG).open("w", encoding="utf-8") as log:
        args = ["publish", "--settings", settings, "--content", str(content)]
        code = run_layanan(args, root, stdout=log, stderr=subprocess.STDOUT).returncode
    if code == 0:
        (queue / LAST).write_text(commit + "\n")
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    _write_json(queue / RESULT, {**request, "kode": code, "selesai": when, "commit": commit})
    (queue / RUNNING).unlink()
    return code
