"""Publish the production build to the web server: atomic releases over rsync, and rollback.

Layout on the server (``PUBLISH_TARGET``, a local path or ``user@host:path``)::

    releases/20261128T091500Z/   one complete site per publish
    releases/<ts>.partial/       an upload in progress (removed by the next publish)
    current -> releases/<ts>     what the web server serves

An upload goes into ``<ts>.partial``; only when rsync has succeeded is it
renamed and ``current`` replaced by renaming a new symlink over it, so an
interrupted or failed upload never changes what residents see. Unchanged files
are hard-linked from the release ``current`` points to (``--link-dest``,
compared by checksum because every build gives every file a new mtime).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import subprocess
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layanan.base.locking import exclusive

KEEP = 5
RELEASE = re.compile(r"^\d{8}T\d{6}(\.\d+)?Z$")
STATS = {
    "files": re.compile(r"Number of regular files transferred: ([\d,.]+)"),
    "sent_bytes": re.compile(r"Total transferred file size: ([\d,.]+)"),
    "total_bytes": re.compile(r"Total file size: ([\d,.]+)"),
}


MISSING = 93  # the exit status Target.run gives when the target folder does not exist
PACKAGES = {"rsync": "rsync", "ssh": "openssh-client", "sh": "dash"}


class PublishError(Exception):
    """Publishing stopped; the live site is as it was."""


def _run(command: list[str]) -> subprocess.CompletedProcess[Any]:
    """Run a program of the deploy stack; a missing one is a message, not a traceback."""
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        program = Path(command[0]).name
        raise PublishError(
            f"program '{program}' tidak ditemukan di komputer ini; pasang dulu: sudo apt install "
            f"{PACKAGES.get(program, program)}"
        ) from exc


@dataclass(frozen=True)
class Target:
    """Where releases live: a path on this machine, or ``host:path`` over SSH."""

    host: str | None
    path: str
    ssh: tuple[str, ...] = ("ssh",)

    @property
    def rsync_dest(self) -> str:
        return f"{self.host}:{self.path}" if self.host else self.path

    def run(self, script: str, create: bool = False) -> str:
        """Run a POSIX shell script in the target folder, which must exist unless ``create``; returns its output.

        A folder that does not exist is never made silently: a typo in PUBLISH_TARGET must not look
        like a successful publish to a new, unserved folder.
        """
        folder = shlex.quote(self.path)
        enter = f"mkdir -p {folder} && cd {folder}" if create else f"cd {folder} 2>/dev/null || exit {MISSING}"
        command = [*self.ssh, self.host, f"{enter} && {script}"] if self.host else ["sh", "-c", f"{enter} && {script}"]
        result = _run(command)
        if result.returncode == MISSING:
            raise PublishError(
                f"folder tujuan '{self.rsync_dest}' tidak ada; periksa PUBLISH_TARGET, atau siapkan folder itu "
                "untuk terbit pertama kali dengan: invoke publish --pertama"
            )
        if result.returncode != 0:
            raise PublishError(f"perintah di server gagal: {result.stderr.strip() or result.stdout.strip()}")
        return str(result.stdout)


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of a .env file (comments and blank lines skipped)."""
    values = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, _, value = line.partition("=")
                values[key.strip()] = value.strip().strip("'\"")
    return values


def setting(name: str, env_file: Path, default: str = "") -> str:
    return os.environ.get(name) or read_env_file(env_file).get(name, default)


def target_from(value: str, ssh: str) -> Target:
    if not value:
        raise PublishError("PUBLISH_TARGET belum diisi; tulis di .env, misalnya PUBLISH_TARGET=web@server:/srv/situs")
    host, sep, path = value.partition(":")
    if sep and "/" not in host and host:
        return Target(host, path, tuple(shlex.split(ssh)))
    return Target(None, str(Path(value).resolve()))


def release_name(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")


def releases(target: Target) -> tuple[list[str], str | None]:
    """The complete releases (oldest first) and the one ``current`` points to."""
    output = target.run("(ls -1 releases 2>/dev/null || true) && echo '--' && (readlink current || true)")
    names, _, pointed = output.partition("--\n")
    complete = sorted(n for n in names.split() if RELEASE.match(n))
    return complete, pointed.strip().removeprefix("releases/") or None


def switch(target: Target, name: str) -> None:
    """Point ``current`` at a release by renaming a new symlink over it (atomic)."""
    link = shlex.quote(f"releases/{name}")
    target.run(f"test -d {link} && ln -sfn {link} current.baru && mv -T current.baru current")


def prune(target: Target, keep: int = KEEP) -> list[str]:
    """Remove all but the newest ``keep`` releases, never the one ``current`` points to."""
    complete, current = releases(target)
    doomed = [n for n in complete[:-keep] if n != current] if len(complete) > keep else []
    if doomed:
        target.run("rm -rf " + " ".join(shlex.quote(f"releases/{n}") for n in doomed))
    return doomed


def parse_stats(output: str) -> dict[str, int]:
    found = {}
    for key, pattern in STATS.items():
        match = pattern.search(output)
        found[key] = int(re.sub(r"[,.]", "", match.group(1))) if match else 0
    return found


def upload(site: Path, target: Target, name: str, current: str | None, extra: list[str]) -> dict[str, int]:
    partial = f"releases/{name}.partial/"
    # No -t: every build gives every file a new mtime, and with times preserved --link-dest
    # would copy unchanged files instead of hard-linking them. Contents are compared by checksum.
    command = ["rsync", "-rlpD", "--checksum", "--delete", "--stats", *extra]
    if target.host:
        command += ["-e", shlex.join(target.ssh)]
    if current:
        command.append(f"--link-dest=../{current}")
    command += [f"{site}/", f"{target.rsync_dest}/{partial}"]
    result = _run(command)
    if result.returncode != 0:
        raise PublishError(f"unggah gagal (rsync {result.returncode}): {result.stderr.strip()[-500:]}")
    return parse_stats(result.stdout)


def lock(path: Path) -> AbstractContextManager[None]:
    """One publish at a time on this machine: a second one waits for the first."""
    return exclusive(path, "Penerbitan lain sedang berjalan; menunggu sampai selesai...")


def deploy(
    site: Path, target: Target, extra: list[str], now: dt.datetime, first: bool = False
) -> tuple[str, dict[str, int]]:
    """Upload ``site`` as a new release and make it current; returns its name and rsync's figures.

    The target must hold ``releases/`` from an earlier publish, or ``first`` makes it.
    """
    if first:
        target.run("mkdir -p releases", create=True)
    elif target.run("test -d releases && echo ada || true").strip() != "ada":
        raise PublishError(
            f"'{target.rsync_dest}' belum pernah dipakai untuk terbit (tidak ada folder releases/); periksa "
            "PUBLISH_TARGET, atau bila memang terbit pertama kali ke sana: invoke publish --pertama"
        )
    target.run("rm -rf releases/*.partial")
    _, current = releases(target)
    name = release_name(now)
    stats = upload(site, target, name, current, extra)
    target.run(f"mv {shlex.quote(f'releases/{name}.partial')} {shlex.quote(f'releases/{name}')}")
    switch(target, name)
    prune(target)
    return name, stats


def rollback(target: Target) -> str:
    """Point ``current`` back to the release before it."""
    complete, current = releases(target)
    older = [n for n in complete if current is None or n < current]
    if not older:
        raise PublishError("tidak ada rilis sebelumnya untuk dikembalikan")
    switch(target, older[-1])
    return older[-1]
