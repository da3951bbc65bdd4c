"""The office's identity from content/situs.yaml."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from layanan import schema
from layanan.frontmatter import load_yaml
from layanan.problems import Problem, display_path

SITUS_FILE = "situs.yaml"


@dataclass(frozen=True)
class Tautan:
    judul: str
    url: str


@dataclass(frozen=True)
class Situs:
    nama: str
    kota: str
    provinsi: str
    url: str
    alamat: str
    telepon: str
    whatsapp: str
    email: str
    jam_layanan: str
    zona_waktu: str
    kategori_layanan: tuple[str, ...]
    kategori_pengumuman: tuple[str, ...]
    kategori_gratis: tuple[str, ...] = ()
    pengaduan: tuple[Tautan, ...] = ()
    survei: str | None = None
    tautan: tuple[Tautan, ...] = ()
    lisensi_data: Tautan | None = None
    placeholders: tuple[tuple[str, int, str], ...] = field(default=(), compare=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zona_waktu)

    @property
    def domain(self) -> str:
        return urlsplit(self.url).netloc


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
    values = schema.check_fields(checker, "", doc.data, schema.SITUS)
    lapor = [t for t in values.get("pengaduan", []) if "lapor.go.id" in t["url"]]
    if "pengaduan" in values and not lapor:
        checker.error("pengaduan", "SP4N-LAPOR! (https://www.lapor.go.id) harus termasuk saluran pengaduan")
    for i, name in enumerate(values.get("kategori_gratis", []), start=1):
        if name not in values.get("kategori_layanan", [name]):
            checker.error(f"kategori_gratis.{i}", f"'{name}' tidak ada di kategori_layanan")
    if any(not p.warning for p in problems):
        return None, problems
    if siteurl:
        values["url"] = siteurl
    values["url"] = values["url"].rstrip("/")
    for key in ("pengaduan", "tautan"):
        values[key] = tuple(Tautan(**t) for t in values.get(key, []))
    if values.get("lisensi_data"):
        values["lisensi_data"] = Tautan(**values["lisensi_data"])
    for key in ("kategori_layanan", "kategori_pengumuman", "kategori_gratis"):
        values[key] = tuple(values.get(key, []))
    values["placeholders"] = tuple(
        (shown, doc.lines.get(key, 1), key) for key, raw in sorted(doc.raw.items()) if schema.is_placeholder(raw)
    )
    return Situs(**values), problems
