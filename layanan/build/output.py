"""Build the site into a fresh folder and put it in place of output/ only on success.

Pelican writes files in place, so building into the live folder (or a copy of
it) could leave a half-written site behind. Here ``output`` is a symlink to a
complete build folder beside it (``.output.situs-*``), replaced in a single
rename(2): a failed or killed build, a full disk or a second build at the same
time leaves the last good site exactly as it was. A development build writes into
the folder the live one replaced (the spare, two builds old) only what changed
since then, so one edit costs what it changes, not a folder of the whole site;
production builds, with their search index and side files, start a fresh folder.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import Pelican, signals
from pelican.log import console
from pelican.settings import read_settings

from layanan.base.locking import exclusive
from layanan.base.problems import ConfigError, ContentErrors, Problem
from layanan.build.generator import LayananGenerator
from layanan.emit import assets, search
from layanan.render import incremental

FULL = (errno.ENOSPC, errno.EDQUOT)


class DiskFull(ConfigError):
    """A write failed for lack of space: nothing was swapped in."""


@dataclass
class BuildResult:
    output: Path
    seconds: float
    files: int
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def settings_for(settings_file: str, **overrides: object) -> dict[str, Any]:
    if not Path(settings_file).is_file():
        raise ConfigError(f"berkas pengaturan '{settings_file}' tidak ditemukan")
    try:
        settings: dict[str, Any] = read_settings(settings_file, override=overrides or None)
        return settings
    except Exception as exc:
        raise ConfigError(f"berkas pengaturan '{settings_file}' tidak bisa dibaca: {exc}") from exc


def count_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def _siblings(target: Path, kind: str) -> list[Path]:
    return sorted(target.parent.glob(f".{target.name}.{kind}-*"))


def recover(target: Path) -> None:
    """Start of a build (under the lock): tidy what killed builds left, keep what is live and its spare.

    ``target`` is a symlink to the live build folder. The newest complete folder it does not
    point to is the spare a development build reuses (``_spare``); other complete folders
    (``.situs-*``), unfinished ones (``.baru-*``) and replaced ones (``.lama-*``) go. If a kill
    left no ``target`` at all, the newest complete build is put back.
    """
    live = target.resolve() if target.is_symlink() else None
    complete = sorted((p for p in _siblings(target, "situs") if p != live), key=lambda p: p.stat().st_mtime)
    if not target.exists() and not target.is_symlink() and complete:
        _point(target, complete.pop())
    for link in _siblings(target, "tautan"):
        link.unlink()
    for stale in _siblings(target, "baru") + _siblings(target, "lama") + complete[:-1]:
        shutil.rmtree(stale, ignore_errors=True)


def _point(target: Path, folder: Path) -> None:
    """Make ``target`` a symlink to ``folder`` in one rename(2): readers see the old or the new."""
    link = target.parent / f".{target.name}.tautan-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(folder.name)
    os.replace(link, target)


def swap_in(fresh: Path, complete: Path, target: Path, keep_replaced: bool) -> None:
    """Make the finished build in ``fresh`` the live ``target``, named ``complete`` (an empty folder).

    The replaced folder stays as the next development build's spare, or is deleted in the background.
    """
    os.replace(fresh, complete)  # an empty folder from mkdtemp: rename(2) replaces it whole
    old = target.resolve() if target.is_symlink() else None
    if target.is_dir() and not target.is_symlink():
        # A real folder (from before output/ was a link) cannot be renamed over in one step; a kill
        # between these two renames is repaired by recover() on the next start.
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.lama-", dir=target.parent))
        os.replace(target, old)
        keep_replaced = False
    _point(target, complete)
    if old is not None and not keep_replaced:
        doomed = Path(tempfile.mkdtemp(prefix=f".{target.name}.lama-", dir=target.parent))
        os.replace(old, doomed)  # never mistaken for a spare while it is being deleted
        subprocess.Popen(
            ["rm", "-rf", "--", str(doomed)],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def _spare(target: Path, settings: dict[str, Any]) -> Path | None:
    """The complete folder before the live one, when its record says what it holds (see recover())."""
    live = target.resolve() if target.is_symlink() else None
    for folder in _siblings(target, "situs"):
        if folder != live and incremental.spare_manifest(settings, str(target), folder.name) is not None:
            return folder
    return None


def remove(target: Path) -> None:
    """Delete a built site: the ``output`` link, its build folders and its lock (invoke clean, benchmarks)."""
    for path in [target, *target.parent.glob(f".{target.name}.*")]:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path, onerror=_gone_already)


def _gone_already(function: object, path: str, exc_info: tuple[Any, ...]) -> None:
    """A replaced build may be being deleted in the background at the same time: missing files are fine."""
    if not isinstance(exc_info[1], FileNotFoundError):
        raise exc_info[1]


def site_lock(target: Path) -> AbstractContextManager[None]:
    """One build per output folder at a time (the editor builds on every save while staff run invoke)."""
    return exclusive(target.parent / f".{target.name}.kunci", "Pembuatan situs lain sedang berjalan; menunggu...")


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) if path.is_dir() else 0


def _mount(path: Path) -> Path:
    while not os.path.ismount(path):
        path = path.parent
    return path


def disk_full(target: Path, content: Path) -> DiskFull:
    """The message for a full disk: which disk, how much is free, roughly how much a build needs."""
    free = shutil.disk_usage(target.parent).free
    need = _size(content / "berkas") + max(_size(target) - _size(target / "berkas"), 1_000_000)
    mb = 1_000_000
    return DiskFull(
        f"disk penuh: {_mount(target.parent)} (tempat {target}) tinggal {free / mb:.1f} MB, situs perlu kira-kira "
        f"{need / mb:.1f} MB; kosongkan ruang di disk itu lalu bangun ulang. Situs yang lama tetap utuh."
    )


def build(settings_file: str, output: str | None = None, **overrides: object) -> BuildResult:
    """Run Pelican into a fresh folder beside ``output``, then swap it in; one build per output at a time.

    Raises ContentErrors (content mistakes) or ConfigError (DiskFull among them); output/ is untouched then.
    """
    start = time.perf_counter()
    base = settings_for(settings_file, **overrides)
    requested = Path(output or base["OUTPUT_PATH"])
    target = requested.parent.resolve() / requested.name  # the link itself, not the folder it points to
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with site_lock(target):
            recover(target)
            generator = _build_into(settings_file, overrides, target)
    except OSError as exc:
        if exc.errno in FULL:
            raise disk_full(target, Path(base["PATH"])) from exc
        raise ConfigError(f"tidak bisa menulis '{exc.filename or target}': {exc.strerror or exc}") from exc
    # A development build knows every file it holds; a production one adds a search index and side files.
    written = len(generator.keys) + len(generator.others)
    files = (
        count_files(target)
        if generator.settings.get("LAYANAN_PRODUCTION") or generator.settings.get("LAYANAN_SEARCH")
        else written
    )
    return BuildResult(target, time.perf_counter() - start, files, generator.problems, generator.counts)


def _run(pelican: Pelican) -> LayananGenerator:
    """Run Pelican and hand back our generator, which holds what the build did (problems, keys, counts)."""
    found: list[LayananGenerator] = []

    def collect(generators: list[Any]) -> None:
        found.extend(g for g in generators if isinstance(g, LayananGenerator))

    signals.all_generators_finalized.connect(collect)
    was_quiet = console.quiet
    console.quiet = True  # Pelican's "Processed 0 articles" line only confuses staff
    try:
        pelican.run()
    except (ContentErrors, ConfigError, OSError):
        raise
    except Exception as exc:
        raise ConfigError(f"pembuatan situs gagal: {type(exc).__name__}: {exc}") from exc
    finally:
        console.quiet = was_quiet
        signals.all_generators_finalized.disconnect(collect)
    if not found:
        raise ConfigError("pembuatan situs gagal: generator layanan tidak berjalan")
    return found[-1]


# What a reused folder cannot hold over: a search index, PDFs and side files are made whole each time.
FRESH_ONLY = ("LAYANAN_PRODUCTION", "LAYANAN_SEARCH", "LAYANAN_PDF")


def _build_into(settings_file: str, overrides: dict[str, Any], target: Path) -> LayananGenerator:
    """The build itself, under the lock; a write error anywhere raises OSError and nothing is swapped in.

    A development build reuses the folder the live one replaced (the spare): only what changed since
    it was live is written, and no folder of the whole site is made or deleted. The live folder is
    never written to; a build that fails or is killed leaves it as it was, and the spare is dropped.
    """
    base = settings_for(settings_file, **overrides)
    reusable = not any(base.get(name) for name in FRESH_ONLY)
    spare = _spare(target, base) if reusable else None
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.baru-", dir=target.parent))
    if spare is not None:
        os.replace(spare, fresh)  # renamed while written: a kill now leaves a .baru- folder, which goes
    fresh.chmod(0o755)  # mkdtemp makes it private; web servers must read it
    try:
        reuse = {"LAYANAN_SPARE": spare.name} if spare is not None else {}
        settings = settings_for(settings_file, **overrides, OUTPUT_PATH=str(fresh), LAYANAN_TARGET=str(target), **reuse)
        # By the settings, not by what ran: Pelican's signals are global, so a plugin registered by an earlier
        # build in the same process would still answer.
        if "layanan" not in settings["PLUGINS"]:
            raise ConfigError("plugin 'layanan' tidak aktif; periksa PLUGINS di berkas pengaturan")
        try:
            generator = _run(Pelican(settings))
        except ContentErrors:
            if spare is not None:
                os.replace(fresh, spare)  # checked before anything was written: still the spare it was
            raise
        indexing = search.start(fresh, generator.searched) if settings.get("LAYANAN_SEARCH") else None
        try:
            if settings.get("LAYANAN_PRODUCTION"):
                assets.apply_fingerprints(fresh, assets.fingerprints(Path(settings["THEME"]) / "static"))
                assets.precompress(fresh, previous=target, skip=generator.redirects)
        finally:
            if indexing is not None:
                try:
                    search.finish(indexing, fresh)
                except search.SearchIndexError as exc:
                    if "No space left" in str(exc):
                        raise OSError(errno.ENOSPC, str(exc)) from exc
                    raise ConfigError(str(exc)) from exc
        if indexing is not None and settings.get("LAYANAN_PRODUCTION"):
            assets.precompress(fresh, previous=target, pagefind=True)
        complete = Path(tempfile.mkdtemp(prefix=f".{target.name}.situs-", dir=target.parent))
        incremental.record(settings, target, fresh, generator.keys, generator.others, complete.name, generator.kept)
        swap_in(fresh, complete, target, keep_replaced=reusable)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return generator
