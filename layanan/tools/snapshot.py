"""The content the live release was built from, kept so a status change can go live on top of exactly it.

``publish`` copies content/ just before it builds; once the release is live, that copy becomes
``.publish/konten-terbit/`` and the release's name is written beside it (``konten-terbit.rilis``).
``publish-status`` builds the copy with content/status/ as it is now and publishes the result as the next
release: the pages of files whose status changed (and the performance figures) change, and whatever else
was saved since the last publish waits for the next one (cli.py sends it all at once when a record needs
it). Nothing is built on a copy without that name: one cut short by a kill, or once the live release is
not the one named (a rollback, a publish from another machine).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from layanan.base import cache
from layanan.content import routes

FOLDER = "konten-terbit"
NEXT = "konten-terbit.baru"  # the copy for the release being built
OLD = "konten-terbit.lama"
RELEASE = "konten-terbit.rilis"
COMPOSED = "konten-status"  # the copy with today's status records: what publish-status builds
PUBLISHED_STATUS = "status-terbit.txt"  # the digest of the status records the live release shows


def copy_tree(source: Path, target: Path) -> None:
    """Make ``target`` hold exactly ``source``'s files; only those whose size or time differ are copied.

    Symlinks stay symlinks (the build refuses them in content/, and so it does here).
    """
    target.mkdir(parents=True, exist_ok=True)
    wanted = {entry.name for entry in os.scandir(source)} if source.is_dir() else set()
    for entry in os.scandir(target):
        if entry.name not in wanted:
            _remove(Path(entry.path))
    for entry in os.scandir(source) if source.is_dir() else ():
        there = target / entry.name
        if entry.is_dir(follow_symlinks=False):
            if there.is_symlink() or (there.exists() and not there.is_dir()):
                _remove(there)
            copy_tree(Path(entry.path), there)
        elif _differs(entry, there):
            _remove(there)
            shutil.copy2(entry.path, there, follow_symlinks=False)


def _differs(entry: os.DirEntry[str], there: Path) -> bool:
    try:
        ours, theirs = entry.stat(follow_symlinks=False), there.lstat()
    except FileNotFoundError:
        return True
    return (ours.st_size, ours.st_mtime_ns, ours.st_mode) != (theirs.st_size, theirs.st_mtime_ns, theirs.st_mode)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def keep(content: Path, base: Path) -> None:
    """Copy ``content`` beside the live release's copy, as the content of the release about to be built.

    The new copy starts as hard links to the live one's files (which are never written in place, only
    replaced), so only what changed is copied, and the live one stays whole until ``published``.
    """
    fresh = base / NEXT
    _remove(fresh)
    if (base / FOLDER).is_dir():
        shutil.copytree(base / FOLDER, fresh, symlinks=True, copy_function=os.link)
    copy_tree(content, fresh)


def published(base: Path, release: str, whole: bool) -> None:
    """``release`` is live: built from the copy ``keep`` made (``whole``), or from ``compose``'s folder."""
    if whole:
        (base / RELEASE).unlink(missing_ok=True)  # a kill from here on leaves no copy to build on
        _remove(base / OLD)
        if (base / FOLDER).exists():
            os.rename(base / FOLDER, base / OLD)
        os.rename(base / NEXT, base / FOLDER)
        _remove(base / OLD)
    cache.replace(base / RELEASE, release.encode() + b"\n")
    shown = status_digest(base / (FOLDER if whole else COMPOSED))  # as copied, not as content/ is by now
    cache.replace(base / PUBLISHED_STATUS, shown.encode() + b"\n")


def forget(base: Path) -> None:
    """The live release is not one built here any more (a rollback): build nothing on the copy."""
    (base / RELEASE).unlink(missing_ok=True)


def release(base: Path) -> str | None:
    """The live release the copy was built into, or None when there is no complete copy."""
    try:
        return (base / RELEASE).read_text().strip() or None
    except FileNotFoundError:
        return None


def status_digest(content: Path) -> str:
    """The status records' names and bytes: what the live release shows, or should."""
    folder = content / routes.STATUS
    return cache.tree_digest(folder) if folder.is_dir() else cache.digest()


def status_changed(base: Path, content: Path) -> bool:
    try:
        return (base / PUBLISHED_STATUS).read_text().strip() != status_digest(content)
    except FileNotFoundError:
        return True


def compose(base: Path, content: Path) -> Path:
    """The live release's content with ``content``'s status records as they are now; returns its folder."""
    composed = base / COMPOSED
    copy_tree(base / FOLDER, composed)
    copy_tree(content / routes.STATUS, composed / routes.STATUS)
    return composed
