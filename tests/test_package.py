"""The package installs from its wheel into a fresh venv and builds a site that holds only content and two
short settings files: no copy of the code or the theme, no path patching."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

import layanan
from conftest import ROOT, SAMPLE, Built, run_in

SITE_SETTINGS = "from layanan.settings import *  # noqa: F403\n"


def test_the_wheel_s_dependencies_are_requirements_txt_s_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = (ROOT / "requirements.txt").read_text().split("# installed with the above")[0].splitlines()
    pins = [line for line in lines if line and not line.startswith("#")]
    assert project["dependencies"] == pins


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


def test_another_office_makes_its_site_with_the_installed_package_alone(installed: Path, wheel: Path, tmp_path: Path):
    """layanan init pins the wheel it was installed from, beside the new site, and the site builds from that venv."""
    version = run_in(installed, tmp_path, "layanan", "--version")
    assert version.stdout.strip() == f"layanan {layanan.__version__}"
    made = run_in(installed, tmp_path, "layanan", "init", "situs", "--kecamatan", "Teluk Damai", "--kota",
                  "Kota Pesisir", "--kelurahan", "Sei Kapih, Karang Baru", "--domain", "kec-teluk-damai.example.go.id",
                  "--zona-waktu", "Asia/Makassar")  # fmt: skip
    assert made.returncode == 0, made.stderr
    site = tmp_path / "situs"
    requirement = (site / "requirements.txt").read_text().splitlines()[-1]
    assert requirement == f"./paket/{wheel.name}"
    assert (site / "paket" / wheel.name).read_bytes() == wheel.read_bytes()
    # pip reads the pin as the office will, from the site's folder: the wheel beside it, this version.
    resolved = run_in(installed, site, "pip", "install", "--dry-run", "--no-deps", "--ignore-installed", "-q", "--report", "-", "-r",
                      "requirements.txt")  # fmt: skip
    assert resolved.returncode == 0, resolved.stderr
    assert json.loads(resolved.stdout)["install"][0]["metadata"]["version"] == layanan.__version__
    for command in ("check", "build"):
        result = run_in(installed, site, "layanan", command)
        assert result.returncode == 0, result.stderr
    assert "Teluk Damai" in (site / "output" / "index.html").read_text(encoding="utf-8")


def test_the_repository_s_own_settings_import_the_package_s():
    for name in ("pelicanconf.py", "publishconf.py"):
        text = (ROOT / name).read_text()
        assert "from layanan.settings import *" in text
        assert not re.search(r"sys\.path", text), name


def test_the_changelog_says_what_this_version_changed():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    newest = re.search(r"^## (\S+)", changelog, re.M)
    assert newest and newest.group(1) == layanan.__version__
    assert "### Edit when you upgrade" in changelog.split(f"## {layanan.__version__}")[1].split("\n## ")[0]
