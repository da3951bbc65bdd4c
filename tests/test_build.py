"""Builds swap a fresh folder in only on success: the last good output/ is never lost."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from conftest import ROOT, SETTINGS, Project, snapshot
from layanan.build import ConfigError, build


def good_build(project: Project) -> dict[str, bytes]:
    code, output = project.run("build", "--output", "output")
    assert code == 0, output
    return snapshot(project.dir / "output")


def test_build_writes_output_and_reports(project: Project) -> None:
    code, output = project.run("build", "--output", "output")
    assert code == 0, output
    assert "Situs dibangun di" in output
    assert (project.dir / "output" / "index.html").is_file()
    mode = stat.S_IMODE((project.dir / "output").stat().st_mode)
    assert mode & 0o005 == 0o005  # readable by a web server running as another user
    assert not [p for p in project.dir.iterdir() if p.name.startswith(".output.baru")]


def test_content_error_leaves_output_untouched(project: Project) -> None:
    before = good_build(project)
    project.edit("layanan/kedua.md", "biaya: 50000", "biaya: 50.000")
    code, output = project.run("build", "--output", "output")
    assert code == 1
    assert "content/layanan/kedua.md:" in output and "biaya:" in output
    assert "Traceback" not in output
    assert "Situs TIDAK diperbarui" in output
    assert snapshot(project.dir / "output") == before
    assert not [p for p in project.dir.iterdir() if p.name.startswith(".output.baru")]


def test_template_error_leaves_output_untouched(project: Project, tmp_path: Path) -> None:
    before = good_build(project)
    theme = tmp_path / "tema-rusak"
    shutil.copytree(ROOT / "theme", theme)
    page = theme / "templates" / "layanan.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("{{ page.produk|isi }}", "{{ page.produk_salah }}"), encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="pembuatan situs gagal"):
        build(str(SETTINGS), str(project.dir / "output"), PATH=str(project.content), THEME=str(theme))
    assert snapshot(project.dir / "output") == before


def test_rebuild_removes_files_of_deleted_content(project: Project) -> None:
    good_build(project)
    (project.content / "halaman" / "tanpa-menu.md").unlink()
    good_build(project)
    assert not (project.dir / "output" / "tanpa-menu").exists()


def test_missing_settings_file_is_a_setup_error(project: Project, capsys: pytest.CaptureFixture) -> None:
    from layanan import cli

    code = cli.main(["check", "--settings", "tidak-ada.py"])
    output = capsys.readouterr().err
    assert code == 2
    assert "berkas pengaturan 'tidak-ada.py' tidak ditemukan" in output


def test_check_does_not_write(project: Project) -> None:
    code, _ = project.check()
    assert code == 0
    assert not (project.dir / "output").exists()


def test_the_real_command_line(tmp_path: Path) -> None:
    """python -m layanan as staff run it, in its own process."""
    import os
    import subprocess
    import sys

    shutil.copytree(ROOT / "tests" / "fixtures" / "lengkap", tmp_path / "content")
    (tmp_path / "content" / "layanan" / "kedua.md").write_text("---\njudul: Rusak\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "layanan", "build", "-s", str(SETTINGS), "-c", "content", "-o", "output"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert (
        run.stderr.splitlines()[0]
        == "content/layanan/kedua.md:1: (front matter): front matter tidak ditutup; tambahkan baris '---' setelah kunci terakhir"
    )
    assert "Traceback" not in run.stderr + run.stdout
    assert not (tmp_path / "output").exists()


def test_production_builds_are_reproducible(tmp_path: Path) -> None:
    """Search index, fingerprints and side files included: same content and clock, same bytes."""
    from conftest import LENGKAP, PUBLISH_SETTINGS

    first = build(str(PUBLISH_SETTINGS), str(tmp_path / "a"), PATH=str(LENGKAP), CACHE_PATH=str(tmp_path / "cache-a"))
    build(str(PUBLISH_SETTINGS), str(tmp_path / "b"), PATH=str(LENGKAP), CACHE_PATH=str(tmp_path / "cache-b"))
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert (tmp_path / "a" / "pagefind" / "pagefind.js.br").is_file()
    assert (tmp_path / "a" / "index.html.gz").is_file()
    assert first.counts["rendered"] == first.counts["pages"]
