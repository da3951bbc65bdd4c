"""What a build remembers for the next one: parsed files and the inputs of every output.

Both are keyed by content hashes, never by mtime, and both are thrown away
whenever the code, the theme or a setting changes (``code_digest``), so an
incremental build is byte-identical to a clean one.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parents[1]  # the whole layanan package, every stage
READ_CACHE = "layanan-baca.pickle"
MANIFEST = "layanan-manifest.json"
SETTINGS_IN_DIGEST = (
    "MARKDOWN",
    "TIMEZONE",
    "SITEURL",
    "LAYANAN_PER_PAGE",
    "LAYANAN_SEARCH",
    "LAYANAN_PDF",
    "LAYANAN_PRODUCTION",
    "JINJA_ENVIRONMENT",
    "STATIC_PATHS",
    "THEME_STATIC_DIR",
)


def digest(*parts: bytes | str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8") if isinstance(part, str) else part)
        hasher.update(b"\0")
    return hasher.hexdigest()


def tree_digest(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return digest(*(part for path in files for part in (path.relative_to(folder).as_posix(), path.read_bytes())))


def code_digest(settings: dict[str, Any]) -> str:
    """The plugin's code, the theme and the settings that shape output."""
    chosen = repr([(key, settings.get(key)) for key in SETTINGS_IN_DIGEST])
    return digest(tree_digest(PACKAGE), tree_digest(Path(settings["THEME"])), chosen, os.environ.get("SITEURL", ""))


def cache_dir(settings: dict[str, Any]) -> Path:
    return Path(settings["CACHE_PATH"])


# A process that builds again and again (the editor's build worker, livereload) still holds what it last
# read or wrote: while the file on disk is that one (the same inode, size and time), it is not unpickled again.
_HELD: dict[Path, tuple[tuple[int, int, int], str, dict[str, Any]]] = {}


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def load_pickle(path: Path, version: str) -> dict[str, Any]:
    held = _HELD.get(path)
    if held is not None and held[0] == _identity(path) and held[1] == version:
        return held[2]
    try:
        with path.open("rb") as handle:
            stored_version, data = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return {}
    if stored_version != version:
        return {}
    found: dict[str, Any] = data
    if (identity := _identity(path)) is not None:
        _HELD[path] = (identity, version, found)
    return found


def replace(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all, through a temporary name of its own (builds may run side by side)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_pickle(path: Path, version: str, data: dict[str, Any]) -> None:
    replace(path, pickle.dumps((version, data), protocol=pickle.HIGHEST_PROTOCOL))
    if (identity := _identity(path)) is not None:
        _HELD[path] = (identity, version, data)


def link_replace(source: Path, target: Path) -> None:
    """Make ``target`` a hard link to ``source`` in one rename(2), whatever ``target`` was."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tautan")
    temporary.unlink(missing_ok=True)
    os.link(source, temporary)
    os.replace(temporary, target)


def load_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return manifest
    except (OSError, ValueError):
        return {}


def save_manifest(path: Path, manifest: dict[str, Any]) -> None:
    replace(path, json.dumps(manifest, sort_keys=True).encode("utf-8"))
