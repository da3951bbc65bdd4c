"""What a build remembers for the next one: parsed files and the inputs of every output.

Both are keyed by content hashes, never by mtime, and both are thrown away
whenever the code, the theme or a setting changes (``code_digest``), so an
incremental build is byte-identical to a clean one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parents[1]  # the whole layanan package, every stage
READ_CACHE = "layanan-baca"
MANIFEST = "layanan-manifest.json"
SETTINGS_IN_DIGEST = (
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
    """SHA-256 of the parts, each ended by a NUL byte (an output's key takes tens of these: keep it cheap)."""
    try:
        data = "\0".join(parts).encode("utf-8") + b"\0" if parts else b""  # type: ignore[arg-type]
    except TypeError:  # some parts are bytes
        data = b"".join((part.encode("utf-8") if isinstance(part, str) else part) + b"\0" for part in parts)
    return hashlib.sha256(data).hexdigest()


def tree_digest(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return digest(*(part for path in files for part in (path.relative_to(folder).as_posix(), path.read_bytes())))


def markdown_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """MARKDOWN as our reader uses it. Pelican adds its own ``meta`` extension to the setting once it makes
    its readers: the same settings must give the same digest before that (``check``) and after (a build)."""
    config = dict(settings.get("MARKDOWN", {}))
    config["extensions"] = [e for e in config.get("extensions", []) if e != "markdown.extensions.meta"]
    config["extension_configs"] = dict(config.get("extension_configs", {}))
    return config


def code_digest(settings: dict[str, Any]) -> str:
    """The plugin's code, the theme and the settings that shape output."""
    chosen = repr([markdown_settings(settings), *((key, settings.get(key)) for key in SETTINGS_IN_DIGEST)])
    return digest(tree_digest(PACKAGE), tree_digest(Path(settings["THEME"])), chosen, os.environ.get("SITEURL", ""))


def cache_dir(settings: dict[str, Any]) -> Path:
    return Path(settings["CACHE_PATH"])


def per_content(settings: dict[str, Any], name: str) -> Path:
    """A cache file of one content folder: builds of two folders (the editor's mirror and content/, a
    release's content and content/) share the cache folder without throwing each other's away."""
    return cache_dir(settings) / f"{name}-{digest(settings['PATH'])[:12]}.pickle"


# A process that builds again and again (the editor's build worker, livereload) still holds what it last
# read or wrote: while a file on disk is that one (the same device, inode, size and time, which a rename
# keeps: the live manifest becomes the spare's that way), it is not read and decoded again.
_HELD: dict[tuple[int, int, int, int], Any] = {}
HELD_FILES = 6  # the read cache and two manifests, with room for the ones just replaced


def _identity(path: Path) -> tuple[int, int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns


def _hold(path: Path, value: Any) -> None:
    if (identity := _identity(path)) is not None:
        _HELD[identity] = value
        while len(_HELD) > HELD_FILES:
            del _HELD[next(iter(_HELD))]


# Such a process writes the read cache once it has answered (``written_after``), not during a build:
# the build that parsed the files has them already, and a process reading an older file only parses again.
_PENDING: dict[Path, tuple[str, dict[str, Any]]] = {}
_deferring = False


@contextlib.contextmanager
def written_after() -> Iterator[None]:
    """Within this block the read cache is held in memory; it is written when the block ends."""
    global _deferring
    _deferring = True
    try:
        yield
    finally:
        _deferring = False
        while _PENDING:
            path, (version, data) = _PENDING.popitem()
            _write_pickle(path, version, data)


def writes_deferred() -> bool:
    """A build inside ``written_after``: this process builds again and again (the editor's worker, livereload)."""
    return _deferring


def load_pickle(path: Path, version: str) -> dict[str, Any]:
    pending = _PENDING.get(path)
    if pending is not None and pending[0] == version:
        return pending[1]
    held = _HELD.get(_identity(path) or (-1, -1, -1, -1))
    if held is not None and held[0] == version:
        found: dict[str, Any] = held[1]
        return found
    try:
        with path.open("rb") as handle:
            stored_version, data = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return {}
    if stored_version != version:
        return {}
    _hold(path, (version, data))
    return data  # type: ignore[no-any-return]


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
    if _deferring:
        _PENDING[path] = (version, data)
    else:
        _write_pickle(path, version, data)


def _write_pickle(path: Path, version: str, data: dict[str, Any]) -> None:
    replace(path, pickle.dumps((version, data), protocol=pickle.HIGHEST_PROTOCOL))
    _hold(path, (version, data))


def link_replace(source: Path, target: Path) -> None:
    """Make ``target`` a hard link to ``source`` in one rename(2), whatever ``target`` was."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tautan")
    temporary.unlink(missing_ok=True)
    os.link(source, temporary)
    os.replace(temporary, target)


def load_manifest(path: Path) -> dict[str, Any]:
    """A build's record of its output folder (incremental.py); held, so callers must not change it."""
    held = _HELD.get(_identity(path) or (-1, -1, -1, -1))
    if held is not None:
        return held  # type: ignore[no-any-return]
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    _hold(path, manifest)
    return manifest


def save_manifest(path: Path, manifest: dict[str, Any]) -> None:
    replace(path, json.dumps(manifest, sort_keys=True).encode("utf-8"))
    _hold(path, manifest)
