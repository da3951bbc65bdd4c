"""`invoke new`: a new draft with every field explained, valid as it is, never overwriting."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, Project
from layanan.content import model


@pytest.mark.parametrize("kind", ["layanan", "pengumuman"])
def test_new_file_passes_check_as_it_is(project: Project, kind: str) -> None:
    code, output = project.run("new", kind, "Surat Keterangan Domisili")
    assert code == 0, output
    name = "surat-keterangan-domisili.md" if kind == "layanan" else "2026-11-28-surat-keterangan-domisili.md"
    path = project.content / kind / name
    assert path.is_file()
    code, output = project.check()
    assert code == 0, output


@pytest.mark.parametrize("kind", ["layanan", "pengumuman"])
def test_new_file_has_every_field_explained_and_is_a_draft(project: Project, kind: str) -> None:
    project.run("new", kind, "Uji Coba")
    path = next((project.content / kind).glob("*uji-coba.md"))
    text = path.read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    data = yaml.safe_load(front)
    assert set(data) == set(model.FIELDS[kind]) - {"slug"}
    assert data["draf"] is True
    assert data["judul"] == "Uji Coba"
    lines = front.splitlines()
    for key in data:
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        assert lines[index - 1].startswith("#") or lines[index - 2].startswith("#"), key


def test_new_announcement_is_dated_today_in_the_site_zone(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795881600")  # 2026-11-28 16:00 UTC = 2026-11-29 00:00 WITA
    project.run("new", "pengumuman", "Tengah Malam")
    path = project.content / "pengumuman" / "2026-11-29-tengah-malam.md"
    assert "tanggal: 2026-11-29\n" in path.read_text(encoding="utf-8")


def test_new_refuses_to_overwrite(project: Project) -> None:
    assert project.run("new", "layanan", "Layanan Kedua")[0] == 0
    path = project.content / "layanan" / "layanan-kedua.md"
    path.write_text("isi staf yang berharga", encoding="utf-8")
    code, output = project.run("new", "layanan", "Layanan Kedua")
    assert code == 1
    assert "content/layanan/layanan-kedua.md sudah ada" in output
    assert path.read_text(encoding="utf-8") == "isi staf yang berharga"


def test_title_with_quotes_and_colons(project: Project) -> None:
    assert project.run("new", "pengumuman", 'Libur: Hari Raya "Idul" Fitri_2026')[0] == 0
    path = project.content / "pengumuman" / "2026-11-28-libur-hari-raya-idul-fitri-2026.md"
    assert (
        yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])["judul"]
        == 'Libur: Hari Raya "Idul" Fitri_2026'
    )
    assert project.check()[0] == 0


def test_title_without_letters_is_refused(project: Project) -> None:
    code, output = project.run("new", "layanan", "!!!")
    assert code == 1 and "tidak bisa dijadikan alamat" in output


def test_invoke_new_from_the_shell(tmp_path) -> None:
    import shutil

    shutil.copytree(ROOT / "tests" / "fixtures" / "lengkap", tmp_path / "content")
    shutil.copy(ROOT / "tasks.py", tmp_path / "tasks.py")
    shutil.copy(ROOT / "pelicanconf.py", tmp_path / "pelicanconf.py")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1795838400"}
    invoke = [sys.executable, "-m", "invoke"]
    run = subprocess.run(
        [*invoke, "new", "layanan", "Akta Perkawinan"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "content" / "layanan" / "akta-perkawinan.md").is_file()
    assert subprocess.run([*invoke, "check"], cwd=tmp_path, env=env, capture_output=True, timeout=60).returncode == 0


def test_empty_lists_can_be_filled_in_below_their_key(project: Project) -> None:
    """kata_kunci: [] followed by '- item' lines is a YAML error; the template leaves the value empty."""
    project.run("new", "layanan", "Surat Keterangan Domisili")
    path = project.content / "layanan" / "surat-keterangan-domisili.md"
    text = path.read_text(encoding="utf-8")
    assert ": []" not in text
    path.write_text(text.replace("kata_kunci:\n", "kata_kunci:\n  - domisili\n  - tempat tinggal\n"), encoding="utf-8")
    code, output = project.check()
    assert code == 0, output


def test_the_category_is_left_to_staff_unless_it_fits(project: Project) -> None:
    from layanan.tools.new import category_for

    choices = ("Administrasi Kependudukan", "Umum")
    assert category_for("Akta Perkawinan", choices) == "[ISI: pilih salah satu: Administrasi Kependudukan, Umum]"
    assert category_for("Perubahan Data Kependudukan", choices) == "Administrasi Kependudukan"
    assert category_for("Apa saja", ("Umum",)) == "Umum"
    project.run("new", "layanan", "Akta Perkawinan")
    path = project.content / "layanan" / "akta-perkawinan.md"
    assert 'kategori: "[ISI: pilih salah satu:' in path.read_text(encoding="utf-8")
    code, output = project.check()
    assert code == 0, output  # a draft may leave it open
    path.write_text(path.read_text(encoding="utf-8").replace("draf: true", "draf: false"), encoding="utf-8")
    code, output = project.check()
    assert code == 1 and "akta-perkawinan.md" in output and "kategori:" in output
