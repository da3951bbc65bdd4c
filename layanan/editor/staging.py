"""Check a change as the whole site would be after it, without touching content/.

A mirror of content/ made of hard links (relinked only where a file changed, so
it costs a directory walk) gets the change applied to it; then the development
build runs on the mirror in a separate process, kept alive between saves
(build/worker.py). That build reads and checks every file exactly as ``invoke
check`` does, and on success it is the preview of the new state. Its own process
keeps Markdown's time budget (SIGALRM) working, keeps a hostile file from taking
the editor down, and keeps the editor's memory small.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from layanan.base.problems import Problem, errors
from layanan.editor.repo import Change
from layanan.editor.workspace import BuildWorker


@dataclass
class Outcome:
    ok: bool
    problems: list[Problem]  # paths as staff know them (content/...)
    environment: list[str] = field(default_factory=list)  # why it failed outside content (disk, settings)


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev) or (
        a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns and a.st_mode == b.st_mode
    )


def _clear(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _place(here: Path, there: Path) -> None:
    """``there`` becomes what ``here`` is: the same symlink (for the checks to refuse), or the same file."""
    if here.is_symlink():
        if not (there.is_symlink() and os.readlink(there) == os.readlink(here)):
            _clear(there)
            os.symlink(os.readlink(here), there)
        return
    if there.exists() and not there.is_symlink() and _same(here.lstat(), there.lstat()):
        return
    _clear(there)
    try:
        os.link(here, there, follow_symlinks=False)
    except OSError:  # another file system, or a fifo: a copy keeps the check honest
        shutil.copy2(here, there, follow_symlinks=False)


def mirror(source: Path, target: Path) -> None:
    """Make ``target`` hold what ``source`` holds, relinking only what differs, then drop what it no longer has."""
    target.mkdir(parents=True, exist_ok=True)
    wanted: set[Path] = set()
    for folder, dirs, names in os.walk(source):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(exist_ok=True)
        for name in names + [d for d in dirs if (Path(folder) / d).is_symlink()]:
            wanted.add(relative / name)
            _place(Path(folder) / name, target / relative / name)
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
    for folder, dirs, names in os.walk(target, topdown=False):
        relative = Path(folder).relative_to(target)
        for name in names + dirs:
            path = Path(folder) / name
            folder_kept = path.is_dir() and not path.is_symlink() and (source / relative / name).is_dir()
            if relative / name not in wanted and not folder_kept:
                _clear(path)


def apply(root: Path, content: Path, target: Path, change: Change) -> None:
    """Apply ``change`` (paths relative to ``root``, all under ``content``) to the mirror ``target``."""
    for path, data in change.writes.items():
        there = target / (root / path).relative_to(content)
        there.parent.mkdir(parents=True, exist_ok=True)
        there.unlink(missing_ok=True)  # never write through a hard link into content/
        there.write_bytes(data)
    for path in change.deletes:
        (target / (root / path).relative_to(content)).unlink(missing_ok=True)


def build(builder: BuildWorker, settings: Path, mirror_root: Path, output: Path) -> Outcome:
    """The development build of the mirror into ``output``, by the workspace's build process.

    It runs beside the mirror, which is named ``content``, so problems name files
    as staff know them (``content/layanan/...``).
    """
    request = {"settings": str(settings), "content": str(mirror_root), "output": str(output),
               "cwd": str(mirror_root.parent)}  # fmt: skip
    answer = builder.build(request)
    if answer is None:
        return Outcome(False, [], environment=["pembangunan berhenti di tengah jalan; simpan sekali lagi"])
    problems = [Problem.from_record(record) for record in answer["problems"]]
    if answer["built"]:
        return Outcome(True, problems)
    if errors(problems):
        return Outcome(False, problems)
    return Outcome(False, problems, environment=answer["environment"] or ["pembangunan gagal"])
