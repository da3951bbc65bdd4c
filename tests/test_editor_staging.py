"""The check mirror: content/ as hard links, kept equal to it at the cost of a walk."""

from __future__ import annotations

import os
from pathlib import Path

from layanan.editor import repo, staging


def listing(folder: Path) -> dict[str, str]:
    found = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_file():
            found[key] = path.read_text()
        else:
            found[key] = "/"
    return found


def test_the_mirror_follows_every_kind_of_change_and_links_what_did_not_change(tmp_path: Path):
    source, target = tmp_path / "content", tmp_path / "periksa" / "content"
    (source / "layanan").mkdir(parents=True)
    (source / "layanan" / "a.md").write_text("a")
    (source / "layanan" / "b.md").write_text("b")
    (source / "lama").mkdir()
    (source / "lama" / "x.md").write_text("x")
    (source / "berkas").mkdir()
    (source / "berkas" / "tautan.pdf").symlink_to("/etc/passwd")
    staging.mirror(source, target)
    assert listing(target) == listing(source)
    assert (target / "layanan" / "a.md").stat().st_ino == (source / "layanan" / "a.md").stat().st_ino

    (source / "layanan" / "b.md").unlink()
    (source / "layanan" / "b.md").write_text("b baru")  # a new file: another inode
    (source / "layanan" / "c.md").write_text("c")
    (source / "lama" / "x.md").unlink()
    (source / "lama").rmdir()
    (source / "lama").write_text("kini berkas")  # a folder that became a file
    (source / "berkas" / "tautan.pdf").unlink()
    staging.mirror(source, target)
    assert listing(target) == listing(source)


def test_a_change_is_tried_on_the_mirror_without_touching_content(tmp_path: Path):
    source, target = tmp_path / "content", tmp_path / "periksa" / "content"
    (source / "layanan").mkdir(parents=True)
    (source / "layanan" / "a.md").write_text("asli")
    staging.mirror(source, target)
    change = repo.Change(writes={"content/layanan/a.md": b"baru"}, deletes=[])
    staging.apply(tmp_path, source, target, change)
    assert (source / "layanan" / "a.md").read_text() == "asli"  # the hard link was broken, not written through
    assert (target / "layanan" / "a.md").read_text() == "baru"
    staging.apply(tmp_path, source, target, repo.Change(deletes=["content/layanan/a.md"]))
    assert (source / "layanan" / "a.md").exists() and not (target / "layanan" / "a.md").exists()
