"""Content history in git: every accepted change is one commit by the clerk who made it.

A change is written under a lock with a journal first: if the editor is killed at
any moment, the next start (or save) puts the journalled files back to what HEAD
holds, so the repository has either the old or the new state committed, never a
half-written file; flock(2) locks die with their holder and stale git locks go.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from layanan.base.locking import exclusive

GIT_LOCKS = ("index.lock", "HEAD.lock")
# The trailer on every commit the editor makes: its history tells a clerk's save from a developer's commit.
TRAILER = "Lewat: penyunting"


class RepoError(Exception):
    """git failed or the project is not a repository; the message is for staff."""


@dataclass
class Change:
    """Files to write (repository-relative path to bytes) and to delete, as one commit."""

    writes: dict[str, bytes] = field(default_factory=dict)
    deletes: list[str] = field(default_factory=list)

    @property
    def paths(self) -> list[str]:
        return sorted(set(self.writes) | set(self.deletes))


@dataclass(frozen=True)
class Author:
    nama: str
    email: str


def git(root: Path, *args: str, author: Author | None = None, check: bool = True) -> str:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    if author:
        env |= {
            "GIT_AUTHOR_NAME": author.nama,
            "GIT_AUTHOR_EMAIL": author.email,
            "GIT_COMMITTER_NAME": author.nama,
            "GIT_COMMITTER_EMAIL": author.email,
        }
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, env=env, check=False)
    if check and result.returncode != 0:
        raise RepoError(f"git {args[0]} gagal: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout.decode("utf-8", errors="replace")


def toplevel(content: Path) -> Path:
    try:
        return Path(git(content, "rev-parse", "--show-toplevel").strip())
    except RepoError as exc:
        raise RepoError(
            f"folder {content} tidak berada di repositori git; penyunting mencatat setiap perubahan dengan git. "
            "Jalankan sekali: git init && git add content && git commit -m 'Konten awal'"
        ) from exc


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def show(root: Path, revision: str, path: str) -> bytes | None:
    """A file as committed in ``revision``, or None where it does not exist there."""
    result = subprocess.run(["git", "-C", str(root), "show", f"{revision}:{path}"], capture_output=True, check=False)
    return result.stdout if result.returncode == 0 else None


def _journal(state: Path) -> Path:
    return state / "jurnal.json"


@contextmanager
def locked(root: Path, state: Path) -> Iterator[None]:
    """One save at a time; whoever gets the lock first tidies what a killed save left."""
    with exclusive(state / "simpan.kunci", "Menunggu penyimpanan lain selesai..."):
        recover(root, state)
        yield


def recover(root: Path, state: Path) -> None:
    """Put the files a killed save was writing back to HEAD (call with the lock held)."""
    journal = _journal(state)
    for stale in (root / ".git" / name for name in GIT_LOCKS):
        stale.unlink(missing_ok=True)  # only the editor writes this repository while it holds our lock
    for leftover in (state / "tulis").glob("*"):
        leftover.unlink()
    if not journal.exists():
        return
    paths = json.loads(journal.read_text(encoding="utf-8"))
    for path in paths:
        committed = show(root, "HEAD", path)
        target = root / path
        if committed is None:
            target.unlink(missing_ok=True)
        else:
            _write(state, target, committed)
    git(root, "reset", "-q", "--", *paths)
    journal.unlink()


def _write(state: Path, target: Path, data: bytes) -> None:
    """The whole file or the old one: written aside, synced, renamed over."""
    aside = state / "tulis"
    aside.mkdir(parents=True, exist_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=aside)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)


def commit(root: Path, state: Path, change: Change, author: Author, message: str) -> str:
    """Write and commit ``change`` (call with the lock held); returns the new commit."""
    journal = _journal(state)
    journal.write_text(json.dumps(change.paths), encoding="utf-8")
    for path, data in change.writes.items():
        _write(state, root / path, data)
    for path in change.deletes:
        (root / path).unlink(missing_ok=True)
    git(root, "add", "-A", "--", *change.paths)
    if git(root, "status", "--porcelain", "--", *change.paths, check=False).strip():
        git(root, "commit", "-q", "--no-verify", "-m", message, "-m", TRAILER, "--", *change.paths, author=author)
    journal.unlink()  # saved unchanged: nothing to commit
    return head(root)


def on_branch(root: Path, sha: str) -> bool:
    """``sha`` is a commit in the history of what is checked out (not another branch's)."""
    if git(root, "cat-file", "-t", sha, check=False).strip() != "commit":
        return False
    ancestor = subprocess.run(["git", "-C", str(root), "merge-base", "--is-ancestor", sha, "HEAD"], check=False)
    return ancestor.returncode == 0


def blob(root: Path, sha: str) -> bytes | None:
    """The file content git knows by ``sha`` (a blob id), or None."""
    result = subprocess.run(["git", "-C", str(root), "cat-file", "blob", sha], capture_output=True, check=False)
    return result.stdout if result.returncode == 0 else None


@dataclass
class Entry:
    commit: str
    nama: str
    email: str
    when: str  # ISO 8601 with the committer's offset
    message: str
    paths: list[str]
    editor: bool = False  # made by the editor (a clerk's save), not by hand in the repository


def log(root: Path, under: str, limit: int = 50, besides: str = "") -> list[Entry]:
    """Recent commits that touched ``under`` (and something else than ``besides`` in it), newest first."""
    key = TRAILER.split(":")[0]
    layout = f"--format=%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%s%x1f%(trailers:key={key},valueonly,separator=)%x1f"
    paths = [under, f":(exclude){besides}"] if besides else [under]
    out = git(root, "log", f"-{limit}", "--name-only", "-z", layout, "--", *paths)
    entries = []
    for record in out.split("\x1e")[1:]:
        sha, nama, email, when, message, trailer, names = record.split("\x1f")
        paths = [n.strip("\n") for n in names.split("\x00") if n.strip()]
        entries.append(Entry(sha, nama, email, when, message, paths, trailer.strip() == TRAILER.split(": ")[1]))
    return entries


def since_version(root: Path, path: str, version: str, limit: int = 20) -> list[Entry]:
    """The commits that changed ``path`` after it held the blob ``version``, newest first."""
    found = []
    for entry in log(root, path, limit):
        if git(root, "rev-parse", "-q", "--verify", f"{entry.commit}:{path}", check=False).strip() == version:
            break
        found.append(entry)
    return found


def diff(root: Path, sha: str) -> str:
    return git(root, "show", "--format=", "--no-color", "--no-ext-diff", sha)


def changed(root: Path, since: str | None, under: str) -> list[tuple[str, str]]:
    """(status letter, path) of files under ``under`` that differ between ``since`` and HEAD."""
    if since is None:
        return [("A", p) for p in git(root, "ls-files", "-z", "--", under).split("\x00") if p]
    out = git(root, "diff", "--name-status", "-z", "--no-renames", since, "HEAD", "--", under)
    parts = [p for p in out.split("\x00") if p]
    return list(zip(parts[0::2], parts[1::2], strict=True))


class Conflict(Exception):
    """A change that cannot be undone as it is: later changes touched the same lines."""


class MergeCommit(Exception):
    """A merge of two lines of history: it has no one change to take back."""


def _merge(current: bytes, changed: bytes, wanted: bytes) -> bytes:
    """``current`` with the step from ``wanted`` to ``changed`` taken back (git merge-file)."""
    with tempfile.TemporaryDirectory() as folder:
        names = []
        for name, data in (("sekarang", current), ("sesudah", changed), ("sebelum", wanted)):
            (Path(folder) / name).write_bytes(data)
            names.append(str(Path(folder) / name))
        result = subprocess.run(["git", "merge-file", "-p", *names], capture_output=True, check=False)
    if result.returncode != 0:
        raise Conflict
    return result.stdout


def reverse(root: Path, sha: str) -> Change:
    """The change that undoes commit ``sha`` on top of HEAD; raises Conflict."""
    parents = git(root, "rev-list", "--parents", "-n", "1", sha).split()[1:]
    if len(parents) > 1:
        raise MergeCommit
    if not parents:
        raise Conflict
    change = Change()
    paths = [p for p in git(root, "show", "--format=", "--name-only", "--no-renames", "-z", sha).split("\x00") if p]
    for path in paths:
        before, after, current = show(root, f"{sha}^", path), show(root, sha, path), show(root, "HEAD", path)
        if current == after:
            target = before
        elif before is None or after is None or current is None or b"\x00" in current + after + before:
            raise Conflict
        else:
            target = _merge(current, after, before)
        if target is None:
            change.deletes.append(path)
        elif target != current:
            change.writes[path] = target
    return change
