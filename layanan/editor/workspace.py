"""Where the editor works: the repository, its content folder and the editor's own state."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import layanan

PACKAGE_HOME = str(Path(layanan.__file__).resolve().parent.parent)


def _environment() -> dict[str, str]:
    """Ours, with this package importable however it was installed."""
    path = os.pathsep.join(p for p in (PACKAGE_HOME, os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path}


def run_layanan(args: list[str], cwd: Path, **options: Any) -> subprocess.CompletedProcess[Any]:
    """``python -m layanan ARGS`` in its own process, wherever it runs from."""
    return subprocess.run([sys.executable, "-m", "layanan", *args], cwd=cwd, env=_environment(), check=False, **options)


@dataclass
class BuildWorker:
    """The preview's build process (layanan/build/worker.py): started on first use, and again once it died."""

    process: subprocess.Popen[str] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def build(self, request: dict[str, str]) -> dict[str, Any] | None:
        """The worker's answer, or None when it died during this build (the next build starts a new one)."""
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "layanan.build.worker"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                    env=_environment(),
                )
            assert self.process.stdin is not None and self.process.stdout is not None
            try:
                self.process.stdin.write(json.dumps(request) + "\n")
                self.process.stdin.flush()
                line = self.process.stdout.readline()
            except OSError:  # the pipe broke: it died
                line = ""
            if line:
                answer: dict[str, Any] = json.loads(line)
                return answer
            self.process.kill()
            self.process.wait()
            self.process = None
            return None


@dataclass
class Workspace:
    root: Path  # the git repository
    content: Path  # content/, inside root
    settings: Path  # the Pelican settings of the development build
    # A save holds a file lock too (other processes); this keeps this process's threads in line.
    saving: threading.Lock = field(default_factory=threading.Lock)
    # (path, content hash) -> what a collection's list sends for that file: reopening a list of
    # thousands of announcements parses only the files that changed.
    listed: dict[tuple[str, str], str] = field(default_factory=dict)
    builder: BuildWorker = field(default_factory=BuildWorker)

    @property
    def state(self) -> Path:
        """Accounts, the check mirror, the preview and the publish queue: outside content/ and git."""
        return self.root / ".editor"

    @property
    def prefix(self) -> str:
        return self.content.relative_to(self.root).as_posix()

    @property
    def mirror(self) -> Path:
        return self.state / "periksa" / "content"

    @property
    def preview(self) -> Path:
        return self.state / "pratinjau"
