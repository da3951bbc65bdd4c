"""The search index: Pagefind over the built pages, run on the fresh folder before it goes live.

Only elements marked ``data-pagefind-body`` (services, announcements, pages)
are indexed; the language comes from ``<html lang="id">``, so Pagefind stems
Indonesian words. Drafts and future announcements are never built, so never
indexed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

NEARLY_FULL = 1_000_000  # bytes free under which an incomplete index is put down to a full disk


class SearchIndexError(Exception):
    """Pagefind failed; the build is not swapped in."""


def start(site: Path, folders: list[str]) -> subprocess.Popen[str]:
    """Start indexing the pages under ``folders`` in the background: the build compresses the site meanwhile.

    Only the folders of pages worth finding: the short links and other pages Pagefind would read
    and drop (half of a large site's files) are never opened.
    """
    # With no such page (a site just begun), Pagefind's own default: an empty list is no glob at all.
    glob = "{" + ",".join(f"{folder}/**/*.html" for folder in folders) + "}" if folders else "**/*.{html}"
    return subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--glob", glob, "--silent"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(indexing: subprocess.Popen[str], site: Path) -> None:
    out, err = indexing.communicate()
    if indexing.returncode != 0:
        raise SearchIndexError(f"Pagefind gagal membuat indeks pencarian: {err.strip() or out.strip()}")
    missing = incomplete(site / "pagefind")
    if missing:
        # Pagefind 1.5 reports success even when its writes failed (a full disk): check what it wrote.
        full = shutil.disk_usage(site).free < NEARLY_FULL
        reason = "No space left on device; " if full else ""
        raise SearchIndexError(f"{reason}indeks pencarian tidak utuh: {missing}")


def incomplete(index: Path) -> str:
    """What a written index lacks, by its own entry file: '' when every language's files and fragments are there."""
    try:
        entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "pagefind-entry.json"
    pages = 0
    for language in entry.get("languages", {}).values():
        for name in (f"pagefind.{language['hash']}.pf_meta", f"wasm.{language['wasm']}.pagefind"):
            path = index / name
            if not path.is_file() or path.stat().st_size == 0:
                return name
        pages += language["page_count"]
    fragments = [p for p in (index / "fragment").glob("*.pf_fragment") if p.stat().st_size > 0]
    if len(fragments) < pages:
        return f"{len(fragments)} dari {pages} fragmen halaman"
    return ""
