"""The check mirror: content/ as hard links, kept equal to it at the cost of a walk."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from layanan.editor import repo, staging
from layanan.editor.workspace import BuildWorker


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


def test_the_preview_s_build_process_is_kept_and_started_again_once_killed(tmp_path: Path):
    from conftest import LENGKAP, SETTINGS

    shutil.copytree(LENGKAP, tmp_path / "content")
    builder = BuildWorker()
    assert staging.build(builder, SETTINGS, tmp_path / "content", tmp_path / "pratinjau").ok
    first = builder.process.pid
    assert staging.build(builder, SETTINGS, tmp_path / "content", tmp_path / "pratinjau").ok
    assert builder.process.pid == first
    builder.process.kill()
    builder.process.wait()
    assert staging.build(builder, SETTINGS, tmp_path / "content", tmp_path / "pratinjau").ok
    assert builder.process.pid != first


def test_a_build_process_that_dies_during_a_build_is_a_message_and_the_next_build_works(tmp_path: Path):
    from conftest import LENGKAP, SETTINGS

    shutil.copytree(LENGKAP, tmp_path / "content")
    builder = BuildWorker()
    gone = builder.build({"settings": str(SETTINGS), "content": "content", "output": "o", "cwd": str(tmp_path / "x")})
    assert gone is None and builder.process is None  # it could not even enter the folder: it died
    outcome = staging.build(builder, SETTINGS, tmp_path / "content", tmp_path / "pratinjau")
    assert outcome.ok and (tmp_path / "pratinjau" / "index.html").is_file()
