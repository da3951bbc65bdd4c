"""The live release's content, kept for status publishes: an exact copy, changed only where content changed,
and never built on unless it is whole and the release it names is the live one."""

from __future__ import annotations

import os
from pathlib import Path

from layanan.tools import snapshot


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def make(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_copy_holds_exactly_the_source_and_copies_only_what_changed(tmp_path: Path) -> None:
    source = make(tmp_path / "content", {"situs.yaml": "a", "layanan/ktp.md": "b", "berkas/x.pdf": "c"})
    target = make(
        tmp_path / "salinan", {"lama.md": "gone", "layanan/hapus.md": "gone", "berkas": "a file, now a folder"}
    )
    snapshot.copy_tree(source, target)
    assert tree(target) == tree(source)
    kept = (target / "situs.yaml").stat().st_ino
    (source / "layanan" / "ktp.md").write_text("changed", encoding="utf-8")
    os.utime(source / "layanan" / "ktp.md", ns=(1, 1))
    snapshot.copy_tree(source, target)
    assert tree(target) == tree(source) and (target / "situs.yaml").stat().st_ino == kept


def test_a_symlink_is_copied_as_a_symlink_never_followed(tmp_path: Path) -> None:
    (tmp_path / "rahasia.txt").write_text("outside content/", encoding="utf-8")
    source = make(tmp_path / "content", {"situs.yaml": "a"})
    (source / "berkas").mkdir()
    (source / "berkas" / "tautan.txt").symlink_to(tmp_path / "rahasia.txt")
    snapshot.copy_tree(source, tmp_path / "salinan")
    assert (tmp_path / "salinan" / "berkas" / "tautan.txt").is_symlink()  # the build refuses it, as in content/


def test_a_publish_killed_before_its_release_is_live_leaves_the_last_copy_in_use(tmp_path: Path) -> None:
    base = tmp_path / ".publish"
    content = make(tmp_path / "content", {"situs.yaml": "v1", "status/2026-11.yaml": "s1"})
    snapshot.keep(content, base)
    snapshot.published(base, "R1", whole=True)
    assert snapshot.release(base) == "R1" and not snapshot.status_changed(base, content)
    make(content, {"situs.yaml": "v2", "status/2026-11.yaml": "s2"})
    snapshot.keep(content, base)  # ... and the build or the upload fails, or the publish is killed
    assert snapshot.release(base) == "R1" and tree(base / snapshot.FOLDER)["situs.yaml"] == b"v1"
    assert snapshot.status_changed(base, content)
    composed = snapshot.compose(base, content)
    assert tree(composed) == {"situs.yaml": b"v1", "status/2026-11.yaml": b"s2"}  # R1's content, today's records
    snapshot.keep(content, base)
    snapshot.published(base, "R2", whole=True)
    assert snapshot.release(base) == "R2" and tree(base / snapshot.FOLDER)["situs.yaml"] == b"v2"
    assert not (base / snapshot.NEXT).exists() and not (base / snapshot.OLD).exists()


def test_the_live_copy_is_never_written_through_a_hard_link(tmp_path: Path) -> None:
    base = tmp_path / ".publish"
    content = make(tmp_path / "content", {"situs.yaml": "v1"})
    snapshot.keep(content, base)
    snapshot.published(base, "R1", whole=True)
    make(content, {"situs.yaml": "v2-longer"})
    snapshot.keep(content, base)
    assert (
        tree(base / snapshot.FOLDER)["situs.yaml"] == b"v1" and tree(base / snapshot.NEXT)["situs.yaml"] == b"v2-longer"
    )


def test_after_a_rollback_nothing_is_built_on_the_copy(tmp_path: Path) -> None:
    base = tmp_path / ".publish"
    snapshot.keep(make(tmp_path / "content", {"situs.yaml": "v1"}), base)
    snapshot.published(base, "R1", whole=True)
    snapshot.forget(base)
    assert snapshot.release(base) is None
