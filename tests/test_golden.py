"""The fixture sites' outputs, byte for byte, against tests/golden/ (fixed build clock).

An intended change of output is accepted with ``pytest tests/test_golden.py --update-golden``,
which rewrites the files; the diff of tests/golden/ in the commit then shows what changed.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from conftest import ROOT, Built

GOLDEN = ROOT / "tests" / "golden"
# One page of each type, and every machine-read file.
PAGES = {
    "sample": [
        "index.html",
        "layanan/index.html",
        "layanan/ktp-el-baru/index.html",
        "layanan/ktp-el-baru/poster/index.html",
        "poster/index.html",
        "pengumuman/index.html",
        "pengumuman/perekaman-ktp-el-keliling/index.html",
        "kelurahan/index.html",
        "kelurahan/loa-buah/index.html",
        "langganan/index.html",
        "layanan/ktp-el-baru/standar/index.html",
        "standar-pelayanan/index.html",
        "maklumat/index.html",
        "maklumat/poster/index.html",
        "404.html",
    ],
    "lengkap": [
        "index.html",
        "layanan/layanan-lengkap/index.html",
        "layanan/layanan-lengkap/poster/index.html",
        "pengumuman/pengumuman-lengkap/index.html",
        "pengumuman/kedaluwarsa/index.html",
        "kelurahan/desa-a/index.html",
        "info/index.html",
        "layanan/nama-lama/index.html",
        "layanan/layanan-lengkap/standar/index.html",
        "standar-pelayanan/index.html",
        "maklumat/index.html",
    ],
}
MACHINE_READ = ["api/layanan.json", "api/layanan.schema.json", "sitemap.xml", "robots.txt", "nginx-alias.conf"]


def files(site: Built, name: str) -> list[str]:
    feeds = sorted(p.relative_to(site.root).as_posix() for p in (site.root / "feeds").rglob("*.xml"))
    return PAGES[name] + MACHINE_READ + feeds


def compare(site: Built, name: str, update: bool) -> list[str]:
    """Differences as readable unified diffs (the first 40 lines of each); rewrites the golden files on update."""
    problems = []
    wanted = files(site, name)
    for relative in wanted:
        actual = (site.root / relative).read_text(encoding="utf-8")
        golden = GOLDEN / name / relative
        if update:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(actual, encoding="utf-8")
            continue
        if not golden.is_file():
            problems.append(f"{name}/{relative}: no golden file yet; run pytest --update-golden")
            continue
        expected = golden.read_text(encoding="utf-8")
        if actual != expected:
            diff = difflib.unified_diff(
                expected.splitlines(), actual.splitlines(), f"golden/{name}/{relative}", "now", lineterm=""
            )
            problems.append("\n".join(list(diff)[:40]))
    stale = {p.relative_to(GOLDEN / name).as_posix() for p in (GOLDEN / name).rglob("*") if p.is_file()} - set(wanted)
    problems += [f"{name}/{path}: golden file of an output that no longer exists" for path in sorted(stale)]
    return problems


@pytest.mark.parametrize("name", ["sample", "lengkap"])
def test_outputs_match_the_golden_files(request: pytest.FixtureRequest, name: str) -> None:
    site = request.getfixturevalue(name)
    problems = compare(site, name, request.config.getoption("--update-golden"))
    assert not problems, "\n\n".join(problems)


def test_a_changed_output_shows_as_a_diff(sample: Built, tmp_path: Path) -> None:
    copy = tmp_path / "salinan"
    for relative in files(sample, "sample"):
        (copy / relative).parent.mkdir(parents=True, exist_ok=True)
        (copy / relative).write_text((sample.root / relative).read_text(encoding="utf-8"), encoding="utf-8")
    page = copy / "layanan" / "ktp-el-baru" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Persyaratan", "Syarat", 1), encoding="utf-8")
    [problem] = compare(Built(copy), "sample", update=False)
    assert "--- golden/sample/layanan/ktp-el-baru/index.html" in problem
    assert "-" in problem and "+" in problem and "Syarat" in problem
