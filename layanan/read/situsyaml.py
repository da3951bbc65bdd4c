"""The office's identity from content/situs.yaml."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo

from layanan.base.frontmatter import load_yaml
from layanan.base.problems import Problem, display_path
from layanan.content import schema
from layanan.content.model import PENGELOLAAN, SITUS_FIELDS, Situs, Standar

SITUS_FILE = "situs.yaml"


def unset(standar: Standar | None) -> list[str]:
    """What a declared standard still lacks before it can be signed: each is a placeholder until given."""
    if standar is None:
        return []
    missing = [f"standar.{name}" for name in PENGELOLAAN if getattr(standar, name) is None]
    if standar.keputusan is None:
        missing.append("standar.keputusan")
    elif standar.keputusan.tanggal is None:
        missing.append("standar.keputusan.tanggal")
    if standar.berlaku_sejak is None:
        missing.append("standar.berlaku_sejak")
    return missing


def situs_path(content_path: str | os.PathLike[str]) -> Path:
    return Path(content_path) / SITUS_FILE


def load(content_path: str | os.PathLike[str], siteurl: str = "") -> tuple[Situs | None, list[Problem]]:
    """Read and check situs.yaml; ``siteurl`` (from the environment) overrides ``url``."""
    path = situs_path(content_path)
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(shown, 1, "(berkas)", "situs.yaml tidak ada; salin dari contoh di panduan petugas")]
    except UnicodeDecodeError:
        return None, [Problem(shown, 1, "(berkas)", "bukan teks UTF-8; simpan ulang berkas sebagai UTF-8")]
    doc, problems = load_yaml(text, shown)
    if doc is None:
        return None, problems
    checker = schema.Checker(shown, doc, ZoneInfo("UTC"), problems)
    values = schema.check_fields(checker, "", doc.data, SITUS_FIELDS)
    lapor = [t for t in values.get("pengaduan", ()) if "lapor.go.id" in t.url]
    if "pengaduan" in values and not lapor:
        checker.error("pengaduan", "SP4N-LAPOR! (https://www.lapor.go.id) harus termasuk saluran pengaduan")
    for i, name in enumerate(values.get("kategori_gratis", ()), start=1):
        if name not in values.get("kategori_layanan", (name,)):
            checker.error(f"kategori_gratis.{i}", f"'{name}' tidak ada di kategori_layanan")
    if any(not p.warning for p in problems):
        return None, problems
    if siteurl:
        values["url"] = siteurl
    values["url"] = values["url"].rstrip("/")
    values["placeholders"] = tuple(
        (shown, doc.lines.get(key, 1), key) for key, raw in sorted(doc.raw.items()) if schema.is_placeholder(raw)
    ) + tuple((shown, doc.lines.get("standar", 1), key) for key in unset(values.get("standar")))
    return Situs(**values), problems
