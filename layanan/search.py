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


def index(site: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        raise SearchIndexError(f"Pagefind gagal membuat indeks pencarian: {run.stderr.strip() or run.stdout.strip()}")
