"""Only regular, visible files under content/ are read or published: no symlinks, no dotfiles."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import VALID_SERVICE, Built, Project, snapshot
from layanan.read import files
from tests.editorkit import PNG

CASES = [
    ("symlink to a system file", "berkas/passwd.txt", lambda p: os.symlink("/etc/passwd", p), "tautan simbolik"),
    ("symlink to a folder", "berkas/rumah", lambda p: os.symlink(os.path.expanduser("~"), p), "tautan simbolik"),
    ("environment file", "berkas/.env", lambda p: p.write_text("SANDI=rahasia\n"), "berkas tersembunyi"),
    ("macOS metadata", "berkas/.DS_Store", lambda p: p.write_bytes(b"\0\0\0\1Bud1"), "berkas tersembunyi"),
    ("git folder", "berkas/.git", lambda p: (p.mkdir(), (p / "config").write_text("[core]\n")), "folder tersembunyi"),
    ("nested dotfile", "berkas/formulir/.htpasswd", lambda p: p.write_text("admin:x\n"), "berkas tersembunyi"),
    ("symlinked service", "layanan/palsu.md", lambda p: os.symlink("/etc/hostname", p), "tautan simbolik"),
    ("named pipe", "berkas/pipa", lambda p: os.mkfifo(p), "bukan berkas biasa"),
]


@pytest.mark.parametrize(("case", "relative", "make", "message"), CASES, ids=[c[0] for c in CASES])
def test_refused_and_never_published(project: Project, case: str, relative: str, make, message: str) -> None:
    code, output = project.run("build", "--output", "output")
    assert code == 0, output
    good = snapshot(project.dir / "output")
    path = project.content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    for command in ("check", "build"):
        code, output = project.run(command, "--output", "output")
        assert code == 1, output
        assert re.search(rf"^content/{re.escape(relative)}:1: \(berkas\): {message}", output, re.M), output
        assert "Traceback" not in output
    assert snapshot(project.dir / "output") == good


def test_hidden_files_outside_berkas_are_ignored(project: Project) -> None:
    """Editors' temporary files (.#name, .name.swp) and anything hidden are never read."""
    project.write("layanan/.tersembunyi.md", VALID_SERVICE.replace("Layanan Uji", "Layanan Tersembunyi"))
    project.write("pengumuman/.#2026-11-10-uji.md", "bukan konten")
    project.write(".git/config", "[core]\n")
    os.symlink("/etc/passwd", project.content / "layanan" / ".#kedua.md")
    code, output = project.run("build", "--output", "output")
    assert code == 0, output
    assert not (project.dir / "output" / ".git").exists()
    assert not (project.dir / "output" / "layanan" / "tersembunyi").exists()
    assert "Tersembunyi" not in Built(project.dir / "output").all_text()
    assert "root:" not in Built(project.dir / "output").all_text()


def test_files_in_berkas_are_copied_whole(project: Project) -> None:
    data = os.urandom(300_000)
    project.write("berkas/sub/foto besar.jpg", data)
    code, output = project.run("build", "--output", "output")
    assert code == 0, output
    assert (project.dir / "output" / "berkas" / "sub" / "foto besar.jpg").read_bytes() == data
    assert not (project.dir / "output" / "berkas" / "sub" / "foto besar.jpg").is_symlink()


def test_a_link_to_a_file_with_spaces_is_percent_encoded(project: Project) -> None:
    from conftest import build_site

    project.write("berkas/formulir baru.pdf", b"%PDF-1.4\n")
    project.edit(
        "layanan/kedua.md", "produk:", "formulir:\n  - judul: Formulir baru\n    berkas: formulir baru.pdf\nproduk:"
    )
    built = build_site(project.content, project.dir / "output")
    assert built.soup("/layanan/kedua/").find("a", string="Formulir baru")["href"] == "/berkas/formulir%20baru.pdf"


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("layanan/sktm.md.txt", "sktm.md"),
        ("pengumuman/2026-11-10-rapat.markdown", "2026-11-10-rapat.md"),
        ("catatan.txt", "catatan.md"),
    ],
)
def test_files_never_read_are_named(project: Project, name: str, suggested: str) -> None:
    project.write(name, VALID_SERVICE)
    code, output = project.check()
    assert code == 0, output
    assert f"content/{name}:1: (berkas): peringatan: tidak dibaca: hanya berkas berakhiran .md" in output
    assert f"ganti namanya menjadi {suggested}" in output


def test_a_picture_s_size_is_read_so_the_page_keeps_its_place_while_it_loads(tmp_path: Path) -> None:
    cases = {
        "foto.png": PNG,
        "kotak.svg": b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 180"><rect/></svg>',
        "ukuran.svg": b'<svg width="640px" height="360" viewBox="0 0 32 18" xmlns="http://www.w3.org/2000/svg"/>',
        "tanpa.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>',
        "rusak.png": b"bukan gambar",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    sizes = {name: files.image_size(tmp_path / name) for name in cases}
    assert sizes == {"foto.png": (4, 4), "kotak.svg": (320, 180), "ukuran.svg": (640, 360), "tanpa.svg": None,
                     "rusak.png": None}  # fmt: skip
    assert files.photo_size(tmp_path / "kotak.svg") is None  # a share preview needs a photo


def test_an_announcement_s_picture_has_its_width_and_height(lengkap) -> None:
    image = lengkap.soup("/pengumuman/pengumuman-lengkap/").select_one("article img")
    assert (image["width"], image["height"]) == ("320", "180")
