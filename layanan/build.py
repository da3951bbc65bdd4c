"""Build the site into a fresh folder and put it in place of output/ only on success.

Pelican writes files in place, so building into the live folder (or a copy of
it) could leave a half-written site behind. A failed build here leaves the
last good output/ exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican
from pelican.log import console
from pelican.settings import read_settings

from layanan import assets, incremental, search
from layanan.problems import ContentErrors, Problem


class ConfigError(Exception):
    """A problem outside content/ (settings file, theme, plugin): exit status 2."""


@dataclass
class BuildResult:
    output: Path
    seconds: float
    files: int
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def settings_for(settings_file: str, **overrides: object) -> dict:
    if not Path(settings_file).is_file():
        raise ConfigError(f"berkas pengaturan '{settings_file}' tidak ditemukan")
    try:
        return read_settings(settings_file, override=overrides or None)
    except Exception as exc:
        raise ConfigError(f"berkas pengaturan '{settings_file}' tidak bisa dibaca: {exc}") from exc


def count_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def swap_in(fresh: Path, target: Path) -> None:
    """Replace ``target`` by ``fresh``; both are on one file system, so each rename is atomic.

    The old folder is deleted in the background: the new site is in place, and
    unlinking thousands of files need not hold staff up.
    """
    for stale in target.parent.glob(f".{target.name}.lama-*"):  # left by an interrupted delete
        shutil.rmtree(stale, ignore_errors=True)
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.lama-", dir=target.parent))
        os.replace(target, old / target.name)
        os.replace(fresh, target)
        subprocess.Popen(
            ["rm", "-rf", "--", str(old)], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    else:
        os.replace(fresh, target)


def build(settings_file: str, output: str | None = None, **overrides: object) -> BuildResult:
    """Run Pelican into a fresh folder beside ``output``, then swap it in.

    Raises ContentErrors (content mistakes) or ConfigError; output/ is untouched then.
    """
    start = time.perf_counter()
    base = settings_for(settings_file, **overrides)
    target = Path(output or base["OUTPUT_PATH"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.baru-", dir=target.parent))
    fresh.chmod(0o755)  # mkdtemp makes it private; web servers must read it
    try:
        settings = settings_for(settings_file, **overrides, OUTPUT_PATH=str(fresh), LAYANAN_TARGET=str(target))
        pelican = Pelican(settings)
        if "layanan" not in settings["PLUGINS"]:
            raise ConfigError("plugin 'layanan' tidak aktif; periksa PLUGINS di berkas pengaturan")
        console.quiet = True  # Pelican's "Processed 0 articles" line only confuses staff
        try:
            pelican.run()
        except ContentErrors:
            raise
        except Exception as exc:
            raise ConfigError(f"pembuatan situs gagal: {type(exc).__name__}: {exc}") from exc
        problems = settings.get("LAYANAN_PROBLEMS", [])
        indexing = search.start(fresh) if settings.get("LAYANAN_SEARCH") else None
        try:
            if settings.get("LAYANAN_PRODUCTION"):
                assets.apply_fingerprints(fresh, assets.fingerprints(Path(settings["THEME"]) / "static"))
                assets.precompress(fresh, previous=target)
        finally:
            if indexing is not None:
                try:
                    search.finish(indexing)
                except search.SearchIndexError as exc:
                    raise ConfigError(str(exc)) from exc
        if indexing is not None and settings.get("LAYANAN_PRODUCTION"):
            assets.precompress(fresh, previous=target, pagefind=True)
        swap_in(fresh, target)
        incremental.record(settings, target, settings.get("LAYANAN_KEYS", {}))
    finally:
        if fresh.exists():
            shutil.rmtree(fresh)
    counts = settings.get("LAYANAN_COUNTS", {})
    return BuildResult(target, time.perf_counter() - start, count_files(target), problems, counts)
