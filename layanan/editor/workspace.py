"""Where the editor works: the repository, its content folder and the editor's own state."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import layanan

PACKAGE_HOME = str(Path(layanan.__file__).resolve().parent.parent)


def run_layanan(args: list[str], cwd: Path, **options: Any) -> subprocess.CompletedProcess[Any]:
    """``python -m layanan ARGS`` in its own process, wherever it runs from."""
    path = os.pathsep.join(p for p in (PACKAGE_HOME, os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "PYTHONPATH": path}
    return subprocess.run([sys.executable, "-m", "layanan", *args], cwd=cwd, env=env, check=False, **options)


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
