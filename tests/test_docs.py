"""The documents staff and adopters read stay in step with what the code checks and runs."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Built
from layanan.content import model, schema

FORMAT = ROOT / "docs" / "format-konten.md"
SECTIONS = {
    "`standar` di `content/situs.yaml`": schema.fields_of(model.Standar),
    "content/layanan/": model.FIELDS["layanan"],
    "content/pengumuman/": model.FIELDS["pengumuman"],
    "content/kelurahan/": model.FIELDS["kelurahan"],
    "content/halaman/": model.FIELDS["halaman"],
    "content/situs.yaml": model.SITUS_FIELDS,
    "content/survei/": model.SURVEI_FIELDS,
    "content/status/": {
        **model.STATUS_FIELDS,
        **schema.fields_of(model.Permohonan),
        **schema.fields_of(model.Langkah),
    },
}


def documented_keys() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in FORMAT.read_text(encoding="utf-8").splitlines():
        if line.startswith(("## ", "### ")):
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


# Words residents meet on the sample site: each only beside its explanation, on the same page.
EXPLAINED = {
    "Disdukcapil": "Dinas Kependudukan dan Pencatatan Sipil",
    "SPTJM": "Surat Pernyataan Tanggung Jawab Mutlak",
    "SKPWNI": "surat keterangan pindah",
    "SHM": "sertifikat hak milik",
    "HGB": "hak guna bangunan",
    "KRK": "keterangan rencana kota",
    "KKPR": "kesesuaian kegiatan pemanfaatan ruang",
    "SPPL": "surat pernyataan kesanggupan pengelolaan lingkungan",
    "UKL-UPL": "upaya pengelolaan dan pemantauan lingkungan hidup",
}
NEVER = ("peristiwa kependudukan", "penduduk rentan", "biometrik", "elemen data", "Juga dikenal sebagai", "database")


def test_sample_pages_explain_their_jargon(sample: Built) -> None:
    for path in sample.html_files():
        soup = sample.soup("/" + path.relative_to(sample.root).as_posix())
        for hidden in soup.select("script, [hidden], .kaki"):
            hidden.decompose()
        text = soup.get_text(" ")
        for word in NEVER:
            assert word.lower() not in text.lower(), (path, word)
        for term, explanation in EXPLAINED.items():
            if re.search(rf"\b{re.escape(term)}\b", text):
                assert explanation.lower() in text.lower(), (path, term)


# English or non-standard words staff must never read in a message (docs/istilah.md has the words to use).
DENIED = re.compile(
    r"front matter|render|\bencoding\b|\bindentasi\b|\bdatabase\b|memberitahu|memrogram|\bdipindah\b|di Dalam"
    r"|(?<!invoke )\b[Pp]ublish\b|(?<![('])\bslug\b(?![)'])|\boutput\b|\bbuild\b"
)


def message_strings() -> list[tuple[str, int, str]]:
    """Every string literal with a space in layanan/**/*.py, docstrings and comments in generated files aside."""
    import ast

    found = []
    for path in sorted((ROOT / "layanan").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node, clean=False)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and " " in node.value
                and not node.value.startswith(("#", "<?xml"))
            ):
                found.append((path.name, node.lineno, node.value))
    return found


def test_messages_use_the_staff_words() -> None:
    offending = [(name, line, text) for name, line, text in message_strings() if DENIED.search(text)]
    assert offending == []


def test_the_word_list_exists_and_the_check_can_fail() -> None:
    glossary = (ROOT / "docs" / "istilah.md").read_text(encoding="utf-8")
    for word in ("bagian data", "alamat (slug)", "penerbitan", "pratinjau", "surel"):
        assert word in glossary.lower()
    assert DENIED.search("Publish dibatalkan") and DENIED.search("tidak ada front matter")
    assert not DENIED.search("jalankan invoke publish --pertama") and not DENIED.search("atau isi 'slug'")


def test_the_guides_anchors_and_example_situs_work(tmp_path) -> None:
    """Every #anchor in the staff guide exists, and its example situs.yaml passes the checks."""
    from layanan.read import situsyaml as situs

    guide = (ROOT / "docs" / "panduan-petugas.md").read_text(encoding="utf-8")
    ids = {re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for h in re.findall(r"^#+ (.+)$", guide, re.M)}
    ids |= set(re.findall(r'<a id="([^"]+)"', guide))
    for anchor in re.findall(r"\]\(#([^)]+)\)", guide):
        assert anchor in ids, anchor
    example = guide.split("## situs.yaml", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "situs.yaml").write_text(example, encoding="utf-8")
    loaded, problems = situs.load(tmp_path)
    assert loaded is not None, problems


def test_sample_conditions_are_conditions_not_optional_extras() -> None:
    """'Only if ...' written as opsional + keterangan tells residents 'bring it if you have it'."""
    for path in sorted((ROOT / "content" / "layanan").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for block in re.findall(r"(?m)^ *- dokumen:.*(?:\n {4,}\S.*)*", text):
            if "opsional: true" in block:
                assert not re.search(r"(?i)hanya (bila|jika|bagi)", block), (path.name, block)


def contract() -> dict[str, Any]:
    """The stages contract in pyproject.toml, as import-linter reads it."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return next(c for c in settings["contracts"] if c["id"] == "stages")


def readme_layout() -> tuple[set[str], dict[str, tuple[str, set[str]]]]:
    """The README's map of the package: the top level's modules, and each stage's line and modules, in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Layout", 1)[1].split("\nlayanan/", 1)[1].split("\ntheme/", 1)[0]
    top, *rest = re.split(r"^  (?=\w+/ )", block, flags=re.M)
    stages = {}
    for part in rest:
        name, line = re.match(r"(\w+)/ +(.*)", part).groups()
        stages[name] = (line, set(re.findall(r"\b\w+\.py\b", part)))
    return set(re.findall(r"\b\w+\.py\b", top)), stages


def modules(folder: Path) -> set[str]:
    return {p.name for p in folder.glob("*.py") if p.name not in ("__init__.py", "__main__.py")}


def test_the_readme_draws_the_stages_the_contract_enforces() -> None:
    """Stages in the contract's order, each with its own docstring and exactly its modules; nothing else."""
    top, stages = readme_layout()
    layers = [layer for layer in contract()["layers"] if "|" not in layer]
    assert list(stages) == layers
    assert top == modules(ROOT / "layanan") | {"__init__.py"}
    for name, (line, named) in stages.items():
        package = ROOT / "layanan" / name
        assert line == ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))), name
        assert named == modules(package), name
    packages = {p.parent.name for p in (ROOT / "layanan").glob("*/__init__.py")}
    assert packages == set(stages)


def lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "lint-imports"), "--no-cache", "--config", "pyproject.toml"]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True)


def test_each_stage_imports_only_from_the_stages_below_it() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout
    assert "1 kept, 0 broken" in result.stdout


def test_the_contract_refuses_an_upward_import(tmp_path: Path) -> None:
    """The same contract on a package whose lowest stage imports its highest one is broken."""
    layers = contract()["layers"]
    lowest, highest = layers[-1], layers[1]
    for stage in (name for layer in layers for name in layer.split(" | ")):
        (tmp_path / "lapis" / stage).mkdir(parents=True)
        (tmp_path / "lapis" / stage / "__init__.py").write_text("")
    (tmp_path / "lapis" / "__init__.py").write_text("")
    (tmp_path / "lapis" / lowest / "bawah.py").write_text(f"from lapis.{highest} import atas\n")
    (tmp_path / "lapis" / highest / "atas.py").write_text("")
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.importlinter]\nroot_package = "lapis"\n[[tool.importlinter.contracts]]\nname = "uji"\n'
        f'type = "layers"\ncontainers = ["lapis"]\nlayers = {json.dumps(layers)}\n'
    )
    result = lint_imports(tmp_path)
    assert result.returncode == 1 and f"lapis.{lowest}.bawah -> lapis.{highest}.atas" in result.stdout


def test_no_test_file_imports_another() -> None:
    """Shared helpers live in the support modules the README names, so a test file can move or go alone."""
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        assert not re.search(r"^\s*from (tests\.)?test_\w+ import", path.read_text(encoding="utf-8"), re.M), path.name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    support = [
        p.name for p in (ROOT / "tests").glob("*.py") if not p.name.startswith("test_") and p.name != "__init__.py"
    ]
    assert all(name in readme for name in support), support
