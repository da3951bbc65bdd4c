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
from pathlib import Path

import brotli

from layanan.base import parallel
from layanan.content import routes

COMPRESSED = {".html", ".css", ".js", ".xml", ".json", ".svg", ".txt", ".map", ".ics"}
# Measured: gzip 9 and brotli 5 compress within a few % of brotli 11 / zopfli at
# 100-700x their speed, which keeps large production builds fast.
GZIP_LEVEL = 9
BROTLI_QUALITY = 5


def fingerprints(static: Path, prefix: str = "/theme") -> dict[str, str]:
    """URL of each theme CSS/JS file -> the same with a hash of its content in the name.

    Known before rendering, so templates link the final names (``asset()``) and no
    page is rewritten afterwards.
    """
    names = {}
    for folder in ("css", "js"):
        for path in sorted((static / folder).glob("*")):
            if path.suffix in (".css", ".js") and path.is_file():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
                names[f"{prefix}/{folder}/{path.name}"] = f"{prefix}/{folder}/{path.stem}.{digest}{path.suffix}"
    return names


def apply_fingerprints(site: Path, names: dict[str, str]) -> None:
    """Rename the copied theme files to the names the pages link."""
    for old, new in names.items():
        source = site / old.lstrip("/")
        if source.is_file():
            source.rename(site / new.lstrip("/"))


def compressible(site: Path, path: Path) -> bool:
    # Pagefind's index and fragments are compressed already; its scripts are not.
    inside_pagefind = path.relative_to(site).parts[0] == routes.SEARCH
    return path.suffix in COMPRESSED and (not inside_pagefind or path.suffix in (".js", ".css"))


def same_file(path: Path, other: Path) -> bool:
    try:
        return path.stat().st_ino == other.stat().st_ino
    except OSError:
        return False


def compress_file(path: Path) -> int:
    data = path.read_bytes()
    written = 0
    for suffix, packed in (
        (".gz", gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)),
        (".br", brotli.compress(data, quality=BROTLI_QUALITY)),
    ):
        if len(packed) < len(data):
            path.with_name(path.name + suffix).write_bytes(packed)
            written += 1
    return written


def precompress(
    site: Path, previous: Path | None = None, pagefind: bool = False, skip: frozenset[str] | set[str] = frozenset()
) -> int:
    """Write ``.gz`` and ``.br`` beside every text file where they are smaller; returns how many.

    The site's own files, or with ``pagefind`` Pagefind's scripts: the site's can be
    compressed while Pagefind is still indexing. ``skip`` names files nobody is sent
    (redirects, which nginx answers itself). A page hard-linked unchanged from
    ``previous`` gets that build's side files, linked too; the rest are compressed on
    every core.
    """
    todo = []
    for path in sorted((site / routes.SEARCH if pagefind else site).rglob("*")):
        relative = path.relative_to(site)
        if (relative.parts[0] == routes.SEARCH) != pagefind or not path.is_file() or not compressible(site, path):
            continue
        if relative.as_posix() in skip:
            continue
        if previous is not None and same_file(path, previous / relative):
            for suffix in (".gz", ".br"):
                side = previous / relative.with_name(path.name + suffix)
                if side.is_file():
                    os.link(side, path.with_name(path.name + suffix))
            continue
        todo.append(path)
    return sum(parallel.fork_map(compress_file, todo))
