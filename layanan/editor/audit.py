"""The editor's audit log: who logged in (or failed to), saved, undid and asked to publish, when and from where.

One JSON object per line in ``.editor/catatan/audit.jsonl``, rotated by the standard
library's RotatingFileHandler (1 MB, five old files kept). Never a password, a cookie
or a file's content: names, addresses, paths and outcomes only.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import logging.handlers
import os
from collections import deque
from pathlib import Path
from typing import Any

MAX_BYTES = 1024 * 1024
KEEP = 5
EVENTS = {
    "masuk": "Masuk",
    "masuk-gagal": "Gagal masuk (sandi salah)",
    "masuk-ditahan": "Masuk ditahan (terlalu banyak percobaan)",
    "keluar": "Keluar",
    "simpan": "Menyimpan",
    "ditolak": "Simpanan ditolak",
    "batalkan": "Membatalkan perubahan",
    "terbit-diminta": "Meminta terbit",
    "terbit-dibatalkan": "Membatalkan permintaan terbit",
}


def path(state: Path) -> Path:
    return state / "catatan" / "audit.jsonl"


class Log:
    """Appends events; one per editor process, its handler serialises the threads' writes."""

    def __init__(self, state: Path):
        target = path(state)
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._logger = logging.getLogger(f"layanan.audit.{os.fspath(target)}")
        self._logger.propagate = False
        self._logger.setLevel(logging.INFO)
        if not self._logger.handlers:
            handler = logging.handlers.RotatingFileHandler(target, maxBytes=MAX_BYTES, backupCount=KEEP,
                                                           encoding="utf-8")  # fmt: skip
            handler.setFormatter(logging.Formatter("%(message)s"))
            self._logger.addHandler(handler)

    def event(self, kind: str, name: str, address: str, **detail: Any) -> None:
        assert kind in EVENTS, kind
        record = {
            "waktu": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "peristiwa": kind,
            "oleh": name[:64],
            "dari": address,
            **detail,
        }
        self._logger.info(json.dumps(record, ensure_ascii=False))


def recent(state: Path, limit: int = 200) -> list[dict[str, Any]]:
    """The newest ``limit`` events, newest first (the current file, then the rotated ones as needed)."""
    found: deque[dict[str, Any]] = deque(maxlen=limit)
    files = [path(state).with_name(f"audit.jsonl.{n}") for n in range(KEEP, 0, -1)] + [path(state)]
    for file in files:
        if not file.is_file():
            continue
        for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                found.append(record)
    return list(reversed(found))
