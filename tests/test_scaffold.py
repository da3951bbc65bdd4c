"""``layanan init``: a new kecamatan's site that builds at once and passes the checks."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, run_in
from layanan.tools import scaffold
from tests.editorkit import layanan

WIB = ("Contoh Jaya", "Kabupaten Contoh", "Suka Maju, Mekar Sari, Tanjung", "kec-contoh.example.go.id", "Asia/Jakarta")
WITA = ("Teluk Damai", "Kota Pesisir", "Karang Baru, Sei Kapih, Air Putih", "kec-teluk.example.go.id", "Asia/Makassar")


def init(folder: Path, kecamatan: str, kota: str, kelurahan: str, domain: str, zona: str):
    return layanan("init", str(folder), "--kecamatan", kecamatan, "--kota", kota, "--kelurahan", kelurahan,
                   "--domain", domain, "--zona-waktu", zona, cwd=folder.parent)  # fmt: skip


def test_the_skeleton_is_the_example_site_with_its_city_left_blank():
    office = scaffold.Office("Kecamatan Sungai Kunjang", "Kota Samarinda", (), "x.example", "Asia/Makassar")
    services = sorted((scaffold.KERANGKA / "layanan").glob("*.md"))
    assert len(services) >= 10
    for path in services:
        assert office.fill(path.read_text()) == (SAMPLE / "layanan" / path.name).read_text(), path.name


def test_a_new_site_holds_only_content_settings_tasks_and_its_pin(tmp_path: Path):
    result = init(tmp_path / "situs", *WIB)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "situs"
    top = sorted(p.name for p in site.iterdir())
    assert top == [".gitignore", "content", "pelicanconf.py", "publishconf.py", "requirements.txt", "tasks.py"]
    # Made from this checkout (not installed): the requirement names the checkout; see test_package for a wheel.
    assert (site / "requirements.txt").read_text().splitlines()[1] == f"layanan @ {ROOT.as_uri()}"
    assert "from layanan.settings import *" in (site / "pelicanconf.py").read_text()
    situs = (site / "content" / "situs.yaml").read_text()
    assert "nama: Kecamatan Contoh Jaya\n" in situs and "zona_waktu: Asia/Jakarta\n" in situs
    assert "url: https://kec-contoh.example.go.id\n" in situs
    kelurahan = sorted(p.stem for p in (site / "content" / "kelurahan").glob("*.md"))
    assert kelurahan == ["mekar-sari", "suka-maju", "tanjung"]
    text = "\n".join(p.read_text() for p in site.rglob("*") if p.is_file())
    assert "«" not in text and "Samarinda" not in text and "Sungai Kunjang" not in text


def test_a_new_site_passes_the_checks_with_its_blanks_listed(tmp_path: Path):
    site = tmp_path / "situs"
    assert init(site, *WITA).returncode == 0
    check = layanan("check", cwd=site)
    assert check.returncode == 0, check.stderr
    assert re.search(r"Masih ada \d+ isian \[ISI: \.\.\.\]", check.stdout)
    (site / ".env").write_text(f"PUBLISH_TARGET={site.parent / 'terbit'}\n")
    publish = layanan("publish", cwd=site)
    assert publish.returncode == 1 and "isian [ISI: ...] belum dilengkapi" in publish.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("Contoh", "Kota X", "A, B", "bukan domain", "Asia/Jakarta"), "domain 'bukan domain' tidak sah"),
        (("Contoh", "Kota X", "A, B", "kec.example.go.id", "Asia/Bandung"), "zona waktu 'Asia/Bandung'"),
        (("Contoh", "Kota X", "Loa Buah, loa buah", "kec.example.go.id", "Asia/Jakarta"), "harus berbeda"),
        (("Contoh", "Kota X", " , ", "kec.example.go.id", "Asia/Jakarta"), "--kelurahan wajib diisi"),
    ],
)
def test_mistakes_on_the_command_line_write_nothing(tmp_path: Path, args: tuple, words: str):
    result = init(tmp_path / "situs", *args)
    assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "situs").exists()


def test_a_folder_with_files_in_it_is_never_written_into(tmp_path: Path):
    (tmp_path / "situs").mkdir()
    (tmp_path / "situs" / "catatan.txt").write_text("milik orang lain")
    result = init(tmp_path / "situs", *WIB)
    assert result.returncode == 2 and "sudah berisi berkas" in result.stderr
    assert sorted(p.name for p in (tmp_path / "situs").iterdir()) == ["catatan.txt"]


def structure(output: Path, slugs: list[str]) -> set[str]:
    """The output's file paths, its kelurahan named by their position instead of their names."""
    paths = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    for i, slug in enumerate(slugs):
        paths = {re.sub(rf"(?<=/){re.escape(slug)}(?=[/.])", f"kelurahan-{i}", p) for p in paths}
    return paths


def test_two_kecamatan_in_two_zones_from_the_built_wheel_have_the_same_structure(installed: Path, tmp_path: Path):
    outputs = []
    for name, args in (("wib", WIB), ("wita", WITA)):
        site = tmp_path / f"situs-{name}"
        created = run_in(installed, tmp_path, "layanan", "init", str(site), "--kecamatan", args[0], "--kota", args[1],
                         "--kelurahan", args[2], "--domain", args[3], "--zona-waktu", args[4])  # fmt: skip
        assert created.returncode == 0, created.stderr
        for command in (("layanan", "check"), ("invoke", "build")):
            done = run_in(installed, site, *command)
            assert done.returncode == 0, (command, done.stderr)
        slugs = sorted(p.stem for p in (site / "content" / "kelurahan").glob("*.md"))
        outputs.append(structure((site / "output").resolve(), slugs))
        assert str(ROOT) not in (site / "output" / "index.html").read_text()
    assert outputs[0] == outputs[1]
    assert "kelurahan/kelurahan-0/index.html" in outputs[0]


def test_the_skeleton_ships_in_the_wheel(wheel: Path):
    listing = subprocess.run(["unzip", "-l", str(wheel)], capture_output=True, text=True, check=True).stdout
    assert "layanan/tools/kerangka/situs.yaml" in listing and "layanan/tools/kerangka/layanan/ktp-el-baru.md" in listing
