"""The documents staff and adopters read stay in step with what the code checks and runs."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from layanan import schema

FORMAT = ROOT / "docs" / "format-konten.md"
SECTIONS = {
    "content/layanan/": schema.LAYANAN,
    "content/pengumuman/": schema.PENGUMUMAN,
    "content/kelurahan/": schema.KELURAHAN,
    "content/halaman/": schema.HALAMAN,
    "content/situs.yaml": schema.SITUS,
}


def documented_keys() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in FORMAT.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = next((key for key in SECTIONS if key in line), None)
            if current:
                sections[current] = []
        elif current and (match := re.match(r"^\| `([a-z_]+)` \|", line)):
            sections[current].append(match.group(1))
    return sections


@pytest.mark.parametrize("section", SECTIONS)
def test_every_field_is_documented_and_nothing_else(section: str) -> None:
    documented = documented_keys()[section]
    assert sorted(documented) == sorted(SECTIONS[section]), section
    assert len(documented) == len(set(documented))


@pytest.mark.parametrize("required", [True, False])
def test_required_column_matches_the_schema(required: bool) -> None:
    text = FORMAT.read_text(encoding="utf-8")
    for section, fields in SECTIONS.items():
        for name, field in fields.items():
            row = re.search(rf"^\| `{name}` \| ([^|]+) \|", text.split(section, 1)[1], re.M)
            if field.required == required:
                assert (row.group(1).strip() == "ya") == required, (section, name, row.group(1))


def test_readme_needs_nothing_outside_the_repository() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme
    assert "docs/format-konten.md" in readme
    assert "python3-venv" in readme
    for link in re.findall(r"\]\(([^)#]+)", readme):
        if not link.startswith("http"):
            assert (ROOT / link).exists(), link
