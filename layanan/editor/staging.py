"""Check a change as the whole site would be after it, without touching content/.

A mirror of content/ made of hard links (relinked only where a file changed, so
it costs a directory walk) gets the change applied to it; then the development
build runs on the mirror in a separate process. That build reads and checks every
file exactly as ``invoke check`` does, and on success it is the preview of the new
state. Its own process keeps Markdown's time budget (SIGALRM) working, keeps a
hostile file from taking the editor down, and keeps the editor's memory small.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from layanan.editor.repo import Change
from layanan.editor.workspace import run_layanan


@dataclass
class Outcome:
    ok: bool
    problems: list[str]  # path:line: key: message lines, paths as staff know them (content/...)
    environment: bool = False  # failed for a reason outside content (disk, settings): not the clerk's


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_ino, a.st_dev) == (b.st_ino, b.st_dev) or (
        a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns and a.st_mode == b.st_mode
    )


def mirror(source: Path, target: Path) -> None:
    """Make ``target`` hold what ``source`` holds: hard links where possible, symlinks as symlinks."""
    target.mkdir(parents=True, exist_ok=True)
    wanted: set[str] = set()
    for folder, dirs, names in os.walk(source):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(exist_ok=True)
        for name in names + [d for d in dirs if (Path(folder) / d).is_symlink()]:
            here, there = Path(folder) / name, target / relative / name
            wanted.add(str(relative / name))
            info = here.lstat()
            try:
                if there.is_symlink() or here.is_symlink():
                    if not (there.is_symlink() and here.is_symlink() and os.readlink(here) == os.readlink(there)):
                        there.unlink(missing_ok=True)
                        os.symlink(os.readlink(here), there)
                    continue
                if not _same(info, there.lstat()):
                    raise FileNotFoundError
            except FileNotFoundError:
                if there.is_dir() and not there.is_symlink():
                    shutil.rmtree(there)
                there.unlink(missing_ok=True)
                try:
                    os.link(here, there, follow_symlinks=False)
                except OSError:  # another file system, or a fifo: a copy keeps the check honest
                    shutil.copy2(here, there, follow_symlinks=False)
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
    for folder, dirs, names in os.walk(target, topdown=False):
        relative = Path(folder).relative_to(target)
        for name in names:
            if str(relative / name) not in wanted:
                (Path(folder) / name).unlink()
        for name in dirs:
            path = Path(folder) / name
            if path.is_symlink():
                if str(relative / name) not in wanted:
                    path.unlink()
            elif not (source / relative / name).is_dir():
                shutil.rmtree(path)


def apply(root: Path, content: Path, target: Path, change: Change) -> None:
    """Apply ``change`` (paths relative to ``root``, all under ``content``) to the mirror ``target``."""
    for path, data in change.writes.items():
        there = target / (root / path).relative_to(content)
        there.parent.mkdir(parents=True, exist_ok=True)
        there.unlink(missing_ok=True)  # never write through a hard link into content/
        there.write_bytes(data)
    for path in change.deletes:
        (target / (root / path).relative_to(content)).unlink(missing_ok=True)


PROBLEM = re.compile(r"^.+?:\d+: .+?: ")


def build(settings: Path, mirror_root: Path, output: Path) -> Outcome:
    """The development build of the mirror into ``output``.

    It runs beside the mirror, which is named ``content``, so problems name files
    as staff know them (``content/layanan/...``).
    """
    args = ["build", "--settings", str(settings), "--content", str(mirror_root), "--output", str(output)]
    result = run_layanan(args, mirror_root.parent, capture_output=True, text=True)
    if result.returncode == 0:
        return Outcome(True, [])
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    problems = [line for line in lines if PROBLEM.match(line)]
    if result.returncode == 1 and problems:
        return Outcome(False, problems)
    return Outcome(False, lines[-20:], environment=True)
