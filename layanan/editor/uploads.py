"""What may be uploaded to content/berkas/: allow-listed types, recognised by content, safe names."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

MAX_BYTES = 10 * 1024 * 1024
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
# Extension -> (what staff call it, a test of the first bytes or the whole file).
TYPES: dict[str, tuple[str, Callable[[bytes], bool]]] = {
    "pdf": ("PDF", lambda data: data.startswith(b"%PDF-")),
    "png": ("PNG", lambda data: data.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("JPEG", lambda data: data.startswith(b"\xff\xd8\xff")),
    "jpeg": ("JPEG", lambda data: data.startswith(b"\xff\xd8\xff")),
    "webp": ("WebP", lambda data: data[:4] == b"RIFF" and data[8:12] == b"WEBP"),
    # Forms are often Word or Excel files; a zip holding the parts those programs write.
    "docx": ("Word", lambda data: _office(data, "word/document.xml")),
    "xlsx": ("Excel", lambda data: _office(data, "xl/workbook.xml")),
}


def _office(data: bytes, part: str) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and part in names and not any(n.endswith(".bin") for n in names)


def problem(name: str, data: bytes) -> str | None:
    """Why this file may not be uploaded, or None when it may."""
    allowed = ", ".join(sorted({label for label, _ in TYPES.values()}))
    if not NAME_RE.fullmatch(name) or ".." in name:
        return (
            f"nama berkas '{name}' tidak sah; pakai huruf, angka, titik, '-' atau '_' saja (tanpa spasi), "
            "misalnya formulir-f102.pdf"
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in TYPES:
        return f"jenis berkas '.{extension}' tidak diterima; yang diterima: {allowed}"
    label, test = TYPES[extension]
    if len(data) > MAX_BYTES:
        return f"berkas terlalu besar ({len(data) / 1_048_576:.1f} MB); paling besar {MAX_BYTES // 1_048_576} MB"
    if not test(data):
        return f"isi berkas '{name}' bukan {label} walau namanya berakhiran .{extension}; unggah berkas aslinya"
    return None
