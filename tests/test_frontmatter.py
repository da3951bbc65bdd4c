"""The shape of a file: front matter fences, YAML syntax, encodings, tags and aliases."""

from __future__ import annotations

import re
import time

import pytest
from rules import SERVICE, assert_problem

from conftest import VALID_SERVICE, Project


def test_empty_file(project: Project) -> None:
    assert_problem(project, "layanan/uji.md", "", f"{SERVICE}:1: (berkas): berkas kosong")


def test_no_front_matter(project: Project) -> None:
    assert_problem(
        project,
        "layanan/uji.md",
        "judul: Uji\n",
        f"{SERVICE}:1: (bagian data): tidak ada bagian data; baris pertama harus '---'",
    )


def test_front_matter_not_closed(project: Project) -> None:
    assert_problem(
        project, "layanan/uji.md", "---\njudul: Uji\n", f"{SERVICE}:1: (bagian data): bagian data tidak ditutup"
    )


def test_front_matter_not_a_mapping(project: Project) -> None:
    assert_problem(
        project,
        "layanan/uji.md",
        "---\n- judul\n- kategori\n---\n",
        f"{SERVICE}:2: (bagian data): harus berupa daftar 'kunci: nilai'",
    )


# Mistakes staff make in YAML, each with the line the message must name and the fix it must give.
YAML_MISTAKES = [
    (
        "unclosed quote",
        ("waktu: 1 hari kerja", 'waktu: "1 hari kerja'),
        11,
        "tanda kutip dibuka di baris ini tetapi tidak ditutup",
    ),
    (
        "tab before a list item",
        ("  - Datang ke loket.", "\t- Datang ke loket."),
        10,
        "ada tanda tab; ganti tab dengan spasi",
    ),
    ("tab before a key", ("produk: Surat", "\tproduk: Surat"), 13, "ada tanda tab; ganti tab dengan spasi"),
    (
        "colon inside a value",
        ("waktu: 1 hari kerja", "waktu: Catatan: 1 hari"),
        11,
        'ada titik dua diikuti spasi di tengah nilai; apit seluruh nilai dengan tanda kutip: waktu: "Catatan: 1 hari"',
    ),
    (
        "empty list before items",
        ("produk: Surat", "produk: Surat\nkata_kunci: []\n  - surat\n  - keterangan"),
        14,
        "hapus '[]' di belakang 'kata_kunci:' bila isinya ditulis di baris berikutnya",
    ),
    (
        "no space after the colon",
        ("waktu: 1 hari kerja", "waktu:1 hari kerja\n# catatan petugas"),
        11,
        "tambahkan spasi setelah titik dua: waktu: 1 hari kerja",
    ),
    ("curly quotes", ("produk: Surat", "produk: “Surat: asli”"), 13, "ada tanda kutip miring"),
    ("a line of text", ("produk: Surat", "produk: Surat\nBawa juga fotokopi"), 14, "baris ini bukan 'kunci: nilai'"),
    ("value starting with @", ("produk: Surat", "produk: @kecamatan"), 13, "nilai tidak boleh diawali tanda '@'"),
    (
        "misaligned list item",
        ("  - Datang ke loket.", "  - Datang ke loket.\n - Tunggu."),
        11,
        "butir daftar ini tidak sejajar",
    ),
    ("indented key", ("produk: Surat", "produk: Surat\n  tempat: Loket 1"), 14, "baris ini menjorok ke dalam"),
    (
        "unclosed bracket",
        ("produk: Surat", "produk: Surat\nkata_kunci: [surat, keterangan"),
        14,
        "daftar dalam [ ] atau { } tidak ditutup",
    ),
    ("backslash in double quotes", ("produk: Surat", 'produk: "C:\\data"'), 13, "garis miring terbalik"),
]


@pytest.mark.parametrize(("case", "change", "line", "message"), YAML_MISTAKES, ids=[m[0] for m in YAML_MISTAKES])
def test_yaml_mistakes_are_explained_in_indonesian(
    project: Project, case: str, change: tuple[str, str], line: int, message: str
) -> None:
    output = assert_problem(
        project, "layanan/uji.md", VALID_SERVICE.replace(*change), f"{SERVICE}:{line}: (yaml): {message}"
    )
    assert not re.search(r"\b(found|expected|mapping|scanning|parsing)\b", output)  # none of the parser's English


def test_not_utf8(project: Project) -> None:
    data = VALID_SERVICE.replace("Catatan.", "Caf\xe9").encode("latin-1")
    assert_problem(project, "layanan/uji.md", data, f"{SERVICE}:18: (berkas): bukan teks UTF-8")


def test_utf8_bom_is_accepted(project: Project) -> None:
    project.write("layanan/uji.md", "\ufeff" + VALID_SERVICE)
    assert project.check()[0] == 0


def test_python_tag_is_rejected_not_run(project: Project, tmp_path) -> None:
    marker = tmp_path / "dijalankan"
    text = VALID_SERVICE.replace("produk: Surat", f"produk: !!python/object/apply:os.system ['touch {marker}']")
    assert_problem(
        project,
        "layanan/uji.md",
        text,
        f"{SERVICE}:13: (yaml): tag YAML !!python/object/apply:os.system tidak diizinkan",
    )
    assert not marker.exists()


def test_alias_bomb_rejected_quickly(project: Project) -> None:
    lines = ["---", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 12)
    ]
    lines += ["judul: *a11", "---", ""]
    start = time.perf_counter()
    assert_problem(
        project, "layanan/uji.md", "\n".join(lines), f"{SERVICE}:3: (yaml): alias YAML (*nama) tidak diizinkan"
    )
    assert time.perf_counter() - start < 5


def test_duplicate_key(project: Project) -> None:
    text = VALID_SERVICE.replace("produk: Surat", "produk: Surat\nproduk: Surat lagi")
    assert_problem(project, "layanan/uji.md", text, f"{SERVICE}:14: produk: kunci ini ditulis dua kali")


def test_markdown_outside_known_folders(project: Project) -> None:
    assert_problem(
        project,
        "lain/catatan.md",
        VALID_SERVICE,
        "content/lain/catatan.md:1: (berkas): berkas .md harus berada langsung di salah satu folder",
    )


def test_markdown_in_berkas_is_published_as_a_file(project: Project) -> None:
    project.write("berkas/petunjuk.md", "Bukan konten, hanya berkas unduhan.\n")
    assert project.check()[0] == 0


def test_control_character_far_into_the_file(project: Project) -> None:
    text = VALID_SERVICE.replace("produk: Surat", "produk: Surat" + " " * 5000 + "\nkata_kunci:\n  - a\x07b")
    assert_problem(project, "layanan/uji.md", text, f"{SERVICE}:15: (yaml): ada tanda tak terlihat")


def test_file_of_several_megabytes_is_refused_quickly(project: Project) -> None:
    text = VALID_SERVICE + ("Baris panjang isi catatan warga. " * 30 + "\n") * 5000
    start = time.perf_counter()
    assert_problem(
        project, "layanan/uji.md", text, f"{SERVICE}:1: (berkas): berkas terlalu besar (5.0 MB; paling besar 1 MB)"
    )
    assert time.perf_counter() - start < 10


def test_content_files_are_never_modified(project: Project) -> None:
    from conftest import snapshot

    before = snapshot(project.content)
    project.check()
    project.run("build", "--output", "output")
    project.write("layanan/rusak.md", "---\njudul: [\n---\n")
    project.run("build", "--output", "output")
    after = snapshot(project.content)
    del after["layanan/rusak.md"]
    assert after == before


def _timed_problem(project: Project, text: str, expected: str, seconds: float = 5) -> None:
    start = time.perf_counter()
    assert_problem(project, "layanan/uji.md", text, expected)
    assert time.perf_counter() - start < seconds


def test_alias_bomb_inside_nested_mappings_rejected_quickly(project: Project) -> None:
    lines = ["---", "l0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &a{i} [" + ", ".join([f"{{k: *a{i - 1}}}"] * 9) + "]" for i in range(1, 10)]
    lines += ["judul: *a9", "---", ""]
    _timed_problem(project, "\n".join(lines), f"{SERVICE}:3: (yaml): alias YAML (*nama) tidak diizinkan")


def test_alias_in_a_sequence_of_mappings_rejected(project: Project) -> None:
    text = VALID_SERVICE.replace(
        "persyaratan:\n  - KTP-el\n",
        "persyaratan:\n  - dokumen: &d KTP-el\n  - dokumen: Akta\n    keterangan:\n      - x: *d\n",
    )
    assert_problem(project, "layanan/uji.md", text, f"{SERVICE}:9: (yaml): alias YAML (*nama) tidak diizinkan")


def test_deep_flow_nesting_is_a_message_not_a_crash(project: Project) -> None:
    text = VALID_SERVICE.replace("produk: Surat", "produk: " + "[" * 200_000 + "]" * 200_000)
    _timed_problem(project, text, f"{SERVICE}:13: (yaml): susunan terlalu dalam (lebih dari 20 tingkat)")


def test_deep_block_nesting_is_a_message_not_a_crash(project: Project) -> None:
    text = VALID_SERVICE.replace("produk: Surat", "produk:\n" + "- " * 5000 + "x")
    _timed_problem(project, text, f"{SERVICE}:14: (yaml): susunan terlalu dalam (lebih dari 20 tingkat)")
