"""What a commit changed in content, field by field, in the clerk's words ("Persyaratan: ditambah ...")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from layanan.editor import entries, pages, refusal, repo
from layanan.editor.workspace import Workspace

SHORT = 120
_GONE = object()


@dataclass
class FileChange:
    title: str  # layanan “Akta Kematian”
    lines: list[str]


def quoted(value: Any) -> str:
    """A value as a clerk typed it: a document's name, a link's title, a text, shortened."""
    if isinstance(value, dict):
        main = next(
            (value[k] for k in ("dokumen", "judul", "perubahan", "nama") if isinstance(value.get(k), str)), None
        )
        if main is None and isinstance(value.get("salah_satu"), list):
            main = " / ".join(quoted(item).strip("“”") for item in value["salah_satu"])
        text = main if main is not None else ", ".join(f"{k}: {v}" for k, v in value.items())
    elif isinstance(value, list):
        text = ", ".join(quoted(item).strip("“”") for item in value)
    elif isinstance(value, bool):
        text = "ya" if value else "tidak"
    else:
        text = str(value)
    text = " ".join(text.split())
    return f"“{text[:SHORT]}{'…' if len(text) > SHORT else ''}”"


def _list_change(name: str, before: list[Any], after: list[Any]) -> list[str]:
    added = [item for item in after if item not in before]
    removed = [item for item in before if item not in after]
    if len(before) == len(after) and len(added) == 1 and len(removed) == 1:
        return [f"{name}: {quoted(removed[0])} diubah menjadi {quoted(added[0])}"]
    lines = [f"{name}: ditambah {quoted(item)}" for item in added]
    lines += [f"{name}: dihapus {quoted(item)}" for item in removed]
    if not lines and before != after:
        lines.append(f"{name}: urutannya diubah")
    return lines


def fields(path: str, before: str, after: str) -> list[str]:
    """One line per changed field of one file."""
    old, old_body = entries.parts(path, before)
    new, new_body = entries.parts(path, after)
    if not isinstance(old, dict) or not isinstance(new, dict):
        return ["Isi berkas diubah"]
    lines = []
    for key in [*new, *(k for k in old if k not in new)]:
        b, a = old.get(key, _GONE), new.get(key, _GONE)
        if b == a:
            continue
        name = refusal.label(path, key)
        if a is _GONE or a in (None, "", []):
            lines.append(f"{name}: dikosongkan")
        elif b is _GONE or b in (None, "", []):
            lines.append(f"{name}: diisi {quoted(a)}")
        elif isinstance(a, list) and isinstance(b, list):
            lines += _list_change(name, b, a)
        else:
            lines.append(f"{name}: {quoted(b)} diubah menjadi {quoted(a)}")
    if old_body.strip() != new_body.strip():
        lines.append("Isi: diubah")
    return lines


# What a resident plans a visit by: a change to these dates the service page and enters its history.
PROMISES = ("persyaratan", "prosedur", "waktu", "biaya")


def stamp(path: str, before: str, after: str, today: str) -> str:
    """A service whose requirements, steps, time or fee changed says so: ``diperbarui`` becomes ``today``
    and, unless the clerk wrote one, a ``riwayat`` line in words is added (it feeds the changes feed)."""
    old, _ = entries.parts(path, before)
    new, body = entries.parts(path, after)
    if not isinstance(old, dict) or not isinstance(new, dict):
        return after
    changed = [key for key in PROMISES if old.get(key) != new.get(key)]
    if not changed:
        return after
    updated = dict(new)
    updated["diperbarui"] = today
    if new.get("riwayat") == old.get("riwayat"):
        words = [line for line in fields(path, before, after) if line.split(":")[0] in _labels(path, changed)]
        entry = {"tanggal": today, "perubahan": "; ".join(words)[:500]}
        history = new.get("riwayat")
        updated["riwayat"] = [*(history if isinstance(history, list) else []), entry]
    return entries.rewrite(path, after, new, body, updated, body)


def _labels(path: str, keys: list[str]) -> set[str]:
    return {refusal.label(path, key) for key in keys}


def of_commit(ws: Workspace, sha: str) -> list[FileChange]:
    """Every content file ``sha`` changed, each with its lines in words."""
    found = []
    changed = repo.git(ws.root, "show", "--format=", "--name-only", "--no-renames", "-z", sha, "--", ws.prefix)
    parents = repo.git(ws.root, "rev-list", "--parents", "-n", "1", sha).split()[1:]
    for path in [p for p in changed.split("\x00") if p]:
        before = repo.show(ws.root, f"{sha}^", path) if parents else None
        after = repo.show(ws.root, sha, path)
        text = (after or before or b"").decode("utf-8", errors="replace")
        title = pages.describe(ws, path, text)
        if before is None:
            lines = ["Ditambahkan"]
        elif after is None:
            lines = ["Dihapus"]
        elif entries.fields_of(path) is None:
            lines = ["Isi berkas diganti"]
        else:
            lines = fields(path, before.decode("utf-8", errors="replace"), after.decode("utf-8", errors="replace"))
        found.append(FileChange(title, lines or ["Tidak ada isian yang berubah (hanya penulisannya)"]))
    return found
