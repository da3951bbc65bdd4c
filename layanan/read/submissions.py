"""Submitted files and their statuses: ``content/status/<TTTT-BB>.yaml``, one file per month of receipt.

Each record is checked against the model (``Permohonan``), then as a story: it starts Diterima, in the
file's month; its times never go back; nothing follows Sudah diambil or Ditolak; and the statuses whose
note says what is missing or why a file was refused carry one. Records are text staff and git can read:
``python -m layanan status`` and the editor's counter page write them, each change one commit.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from layanan.base import cache
from layanan.base.frontmatter import load_yaml
from layanan.base.problems import Problem, display_path
from layanan.content import receipts, routes
from layanan.content.model import STATUS_FIELDS, Permohonan
from layanan.content.schema import Checker, check_fields

FOLDER = routes.STATUS
MONTH_FILE = re.compile(r"(\d{4})-(0[1-9]|1[0-2])\.yaml")


@dataclass(frozen=True)
class Tercatat:
    """A record with where it is written: its file and line, for messages about it."""

    permohonan: Permohonan
    path: str
    line: int
    key: str  # permohonan.3


def month_file(received: dt.date) -> str:
    return f"{received:%Y-%m}.yaml"


# name -> (the file's SHA-256, its records, its problems): a year of a busy office is 12,000 records and
# 5 MB of YAML, read in 3 s; a build reads again only the months whose bytes changed.
Remembered = dict[str, tuple[str, list[Tercatat], list[Problem]]]


def read_all(
    content_path: str | Path, names: list[str], tz: ZoneInfo, remembered: Remembered
) -> tuple[list[Tercatat], list[Problem], Remembered]:
    """Every month's records and problems, and what to remember for the next build."""
    found: list[Tercatat] = []
    problems: list[Problem] = []
    used: Remembered = {}
    for name in names:
        data = (Path(content_path) / FOLDER / name).read_bytes()
        key = cache.digest(data)
        if remembered.get(name, ("",))[0] != key:
            remembered = {**remembered, name: (key, *_read(Path(content_path) / FOLDER / name, data, tz))}
        used[name] = remembered[name]
        found += used[name][1]
        problems += used[name][2]
    return found, problems, used


def _read(path: Path, data: bytes, tz: ZoneInfo) -> tuple[list[Tercatat], list[Problem]]:
    shown = display_path(path)
    month = MONTH_FILE.fullmatch(path.name)
    if not month:
        message = "nama berkas status harus TTTT-BB.yaml (bulan berkas diterima), misalnya 2026-12.yaml"
        return [], [Problem(shown, 1, "(berkas)", message)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return [], [Problem(shown, 1, "(berkas)", "bukan teks UTF-8; simpan ulang berkas sebagai teks UTF-8")]
    doc, problems = load_yaml(text, shown)
    if doc is None:
        return [], problems
    checker = Checker(shown, doc, tz, problems)
    values = check_fields(checker, "", doc.data, STATUS_FIELDS)
    found = []
    for number, permohonan in enumerate(values.get("permohonan", ()), start=1):
        key = f"permohonan.{number}"
        _story(checker, key, permohonan, (int(month.group(1)), int(month.group(2))))
        found.append(Tercatat(permohonan, shown, checker.line(key), key))
    return found, problems


def _story(c: Checker, key: str, permohonan: Permohonan, month: tuple[int, int]) -> None:
    steps = permohonan.riwayat
    if steps[0].status != "diterima":
        c.error(f"{key}.riwayat.1.status", "langkah pertama harus 'diterima'")
    received = steps[0].waktu
    if (received.year, received.month) != month:
        c.error(
            f"{key}.riwayat.1.waktu",
            f"berkas diterima {received:%Y-%m}; pindahkan catatannya ke content/{FOLDER}/{received:%Y-%m}.yaml",
        )
    for number, (before, step) in enumerate(itertools.pairwise(steps), start=2):
        where = f"{key}.riwayat.{number}"
        if step.waktu < before.waktu:
            c.error(f"{where}.waktu", "waktunya lebih awal dari langkah sebelumnya; periksa tanggal dan jamnya")
        if receipts.STATUSES[before.status].final:
            c.error(f"{where}.status", f"tidak ada langkah lagi sesudah '{before.status}'; hapus langkah ini")
    for number, step in enumerate(steps, start=1):
        status = receipts.STATUSES[step.status]
        if status.note_required and not step.catatan:
            c.error(f"{key}.riwayat.{number}.catatan", f"wajib diisi untuk '{step.status}': {status.note.lower()}")
