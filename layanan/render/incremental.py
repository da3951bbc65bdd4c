"""Rebuild only what changed: a key per output file from everything its template reads.

An output's key covers the code, theme and settings, the site-wide data every
page shows (situs.yaml, navigation, feed links), and its own variables: the
items it shows, each by the hash of its source file plus its state at build
time (tersemat, berakhir: index.py makes this its ``card``), and for a page's own item, the items it links to. When
the key matches the previous build's and that file is still the one written
then, it is hard-linked from the previous output instead of rendered again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from layanan.base import cache
from layanan.content.model import Item
from layanan.render.outputs import Output

# The index's links and reverse links that a page about an item shows.
RELATIONS = ("terkait", "pengumuman", "layanan", "kelurahan")


def full(item: Item) -> str:
    """What an item's own page shows: the item (its card), and the items it links to."""
    related = [cache.digest(name, *(other.card for other in getattr(item, name, ()))) for name in RELATIONS]
    return cache.digest(item.card, *related)


def output_keys(site_key: str, planned: Iterable[Output]) -> dict[str, str]:
    """Each output file's key. An item's own page and its short link both show it whole: taken once."""
    fulls: dict[int, str] = {}

    def vars_digest(value: Any, own_page: bool = False) -> str:
        if isinstance(value, Item):
            if not own_page:
                return value.card
            if id(value) not in fulls:
                fulls[id(value)] = full(value)
            return fulls[id(value)]
        if isinstance(value, dict):
            return cache.digest(
                *(f"{k}={vars_digest(v, own_page=k in ('page', 'target'))}" for k, v in sorted(value.items()))
            )
        if isinstance(value, (list, tuple)):
            return cache.digest("[", *(vars_digest(v) for v in value), "]")
        return repr(value)

    return {
        output.save_as: cache.digest(site_key, output.template, output.save_as, output.url, vars_digest(output.vars))
        for output in planned
    }


def manifest_path(settings: dict[str, Any], target: str, spare: bool = False) -> Path:
    name = cache.MANIFEST.removesuffix(".json") + ("-cadangan" if spare else "")
    return cache.cache_dir(settings) / f"{name}-{cache.digest(target)[:12]}.json"


def previous_files(settings: dict[str, Any]) -> tuple[Path | None, dict[str, list[Any]]]:
    """The previous output folder and its files' keys, when this build replaces that folder."""
    target = settings.get("LAYANAN_TARGET")
    if not target or not Path(target).is_dir():
        return None, {}
    manifest = cache.load_manifest(manifest_path(settings, target))
    return Path(target), manifest.get("files", {})


def spare_manifest(settings: dict[str, Any], target: str, folder: str) -> dict[str, Any] | None:
    """What the spare build folder ``folder`` (the one before the live one) holds, if its record is its own."""
    manifest = cache.load_manifest(manifest_path(settings, target, spare=True))
    return manifest if manifest.get("folder") == folder else None


def _stat_matches(path: str, entry: list[Any]) -> bool:
    try:
        stat = os.stat(path)  # a string, not a Path: this runs for every file of the site
    except OSError:
        return False
    return [stat.st_ino, stat.st_size] == entry[1:]


def kept(spare: dict[str, list[Any]], save_as: str, key: str, output_path: str) -> bool:
    """The reused folder already holds ``save_as`` as this build makes it: nothing to write."""
    entry = spare.get(save_as)
    return entry is not None and entry[0] == key and _stat_matches(f"{output_path}/{save_as}", entry)


def link_previous(previous: Path | None, files: dict[str, list[Any]], save_as: str, key: str, output_path: str) -> bool:
    """Hard-link ``save_as`` from the previous output when its key matches and the file is untouched."""
    entry = files.get(save_as)
    if previous is None or not entry or entry[0] != key or not _stat_matches(f"{previous}/{save_as}", entry):
        return False
    target = Path(output_path) / save_as
    target.parent.mkdir(parents=True, exist_ok=True)
    cache.link_replace(previous / save_as, target)
    return True


def clear(spare: dict[str, Any], keys: dict[str, str], output_path: str) -> None:
    """Before a build reuses the spare folder: remove what this build writes anew, or no longer writes.

    Every file that stays is one whose key matched (``kept``); everything else is removed first,
    so no write ever goes through a hard link into a file the live folder shares.
    """
    root = Path(output_path)
    gone = [name for name, entry in spare.get("files", {}).items() if keys.get(name) != entry[0]]
    for name in gone + spare.get("others", []):
        (root / name).unlink(missing_ok=True)
    for name in sorted({str(Path(name).parent) for name in gone}, key=len, reverse=True):
        with contextlib.suppress(OSError):  # not empty: another page still lives there
            (root / name).rmdir()  # an address that no longer exists leaves no empty folder behind


def record(
    settings: dict[str, Any],
    target: Path,
    built: Path,
    keys: dict[str, str],
    others: list[str],
    folder: str,
    kept: dict[str, list[Any]],
) -> None:
    """Before ``built`` becomes ``target`` (named ``folder``): each file's key with its inode and size (a rename keeps
    both; ``kept`` holds the entries of files a reused folder kept as they were), and the other files it holds;
    the record of the folder it replaces is kept for that folder, the spare."""
    files = {}
    for save_as, key in keys.items():
        if save_as in kept and kept[save_as][0] == key:
            files[save_as] = kept[save_as]
            continue
        try:
            stat = os.stat(f"{built}/{save_as}")
        except OSError:
            continue
        files[save_as] = [key, stat.st_ino, stat.st_size]
    live, spare = manifest_path(settings, str(target)), manifest_path(settings, str(target), spare=True)
    try:
        os.replace(live, spare)  # the replaced folder's record goes with it: it becomes the spare
    except FileNotFoundError:
        spare.unlink(missing_ok=True)
    cache.save_manifest(live, {"output": str(target), "folder": folder, "files": files, "others": sorted(others)})
