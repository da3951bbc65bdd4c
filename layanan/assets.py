"""Production touches on a built site: fingerprinted assets and pre-compressed side files.

A content hash in the CSS and JS file names lets the web server cache them for
a year; gzip and brotli side files (``page.html.gz``, ``page.html.br``) let it
send compressed bytes without compressing on every request. Both run on the
fresh build folder, so a changed page never sits beside a stale side file.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
from pathlib import Path

import brotli

FINGERPRINTED = ("theme/css", "theme/js")
COMPRESSED = {".html", ".css", ".js", ".xml", ".json", ".svg", ".txt", ".map"}
# Measured: gzip 9 and brotli 5 compress within a few % of brotli 11 / zopfli at
# 100-700x their speed, which keeps large production builds fast.
GZIP_LEVEL = 9
BROTLI_QUALITY = 5


def fingerprint(site: Path) -> dict[str, str]:
    """Rename theme CSS/JS to ``name.<hash>.ext`` and point every page at the new names."""
    renames: dict[str, str] = {}
    for folder in FINGERPRINTED:
        for path in sorted((site / folder).glob("*")):
            if path.suffix not in (".css", ".js") or not path.is_file():
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            target = path.with_name(f"{path.stem}.{digest}{path.suffix}")
            path.rename(target)
            renames["/" + path.relative_to(site).as_posix()] = "/" + target.relative_to(site).as_posix()
    if not renames:
        return renames
    pattern = re.compile("|".join(re.escape(f'"{old}"') for old in renames))
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        updated = pattern.sub(lambda m: f'"{renames[m.group(0)[1:-1]]}"', text)
        if updated != text:
            replace_file(page, updated.encode("utf-8"))
    return renames


def replace_file(path: Path, data: bytes) -> None:
    """Write by renaming a new file over the old: a page hard-linked from the live site stays intact."""
    temporary = path.with_name(f".{path.name}.baru")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def compressible(site: Path, path: Path) -> bool:
    # Pagefind's index and fragments are compressed already; its scripts are not.
    inside_pagefind = path.relative_to(site).parts[0] == "pagefind"
    return path.suffix in COMPRESSED and (not inside_pagefind or path.suffix in (".js", ".css"))


def same_file(path: Path, other: Path) -> bool:
    try:
        return path.stat().st_ino == other.stat().st_ino
    except OSError:
        return False


def precompress(site: Path, previous: Path | None = None) -> int:
    """Write ``.gz`` and ``.br`` beside every text file where they are smaller; returns how many.

    A page hard-linked unchanged from ``previous`` gets that build's side files, linked too.
    """
    written = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or not compressible(site, path):
            continue
        if previous is not None and same_file(path, previous / path.relative_to(site)):
            for suffix in (".gz", ".br"):
                side = previous / path.relative_to(site).with_name(path.name + suffix)
                if side.is_file():
                    os.link(side, path.with_name(path.name + suffix))
            continue
        data = path.read_bytes()
        for suffix, packed in (
            (".gz", gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)),
            (".br", brotli.compress(data, quality=BROTLI_QUALITY)),
        ):
            if len(packed) < len(data):
                path.with_name(path.name + suffix).write_bytes(packed)
                written += 1
    return written
