"""The package installs from its wheel into a fresh venv and builds a site that holds only content and two
short settings files: no copy of the code or the theme, no path patching."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE, Built, run_in, venv_with

SITE_SETTINGS = "from layanan.settings import *  # noqa: F403\n"


def test_the_wheel_s_dependencies_are_requirements_txt_s_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = (ROOT / "requirements.txt").read_text().split("# installed with the above")[0].splitlines()
    pins = [line for line in lines if line and not line.startswith("#")]
    assert project["dependencies"] == pins


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return venv_with(wheel, tmp_path_factory.mktemp("paket") / "venv")


def test_an_installed_package_builds_a_site_of_content_alone(installed: Path, tmp_path: Path, sample: Built):
    site = tmp_path / "situs-kecamatan"
    shutil.copytree(SAMPLE, site / "content")
    (site / "pelicanconf.py").write_text(SITE_SETTINGS)
    check = run_in(installed, site, "layanan", "check")
    assert check.returncode == 0, check.stderr
    build = run_in(installed, site, "layanan", "build")
    assert build.returncode == 0, build.stderr
    built = Built((site / "output").resolve())
    theme = list((installed / "lib").glob("python3*/site-packages/layanan/theme/templates/base.html"))
    assert theme, "the theme ships inside the package"
    ours = sorted(p.relative_to(built.root).as_posix() for p in built.root.rglob("*") if p.is_file())
    reference = sorted(p.relative_to(sample.root).as_posix() for p in sample.root.rglob("*") if p.is_file())
    assert ours == reference
    for url in ("/", "/layanan/ktp-el-baru/", "/feeds/pengumuman.xml", "/api/layanan.json", "/theme/favicon.svg"):
        assert built.text(url) == sample.text(url), url


def test_the_repository_s_own_settings_import_the_package_s():
    for name in ("pelicanconf.py", "publishconf.py"):
        text = (ROOT / name).read_text()
        assert "from layanan.settings import *" in text
        assert not re.search(r"sys\.path", text), name
