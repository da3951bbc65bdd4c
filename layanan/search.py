"""The search index: Pagefind over the built pages, run on the fresh folder before it goes live.

Only elements marked ``data-pagefind-body`` (services, announcements, pages)
are indexed; the language comes from ``<html lang="id">``, so Pagefind stems
Indonesian words. Drafts and future announcements are never built, so never
indexed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(Exception):
    """Pagefind failed; the build is not swapped in."""


def start(site: Path) -> subprocess.Popen[str]:
    """Start indexing in the background: the build compresses the site meanwhile."""
    return subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(indexing: subprocess.Popen[str]) -> None:
    out, err = indexing.communicate()
    if indexing.returncode != 0:
        raise SearchIndexError(f"Pagefind gagal membuat indeks pencarian: {err.strip() or out.strip()}")
