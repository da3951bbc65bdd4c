"""``python -m layanan status terima|ubah``: the counter's records, checked and committed as every editor save."""

from __future__ import annotations

import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from editorkit import git, layanan, make_repository

from conftest import LENGKAP, ROOT, build_site

SETTINGS = str(ROOT / "pelicanconf.py")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repository(tmp_path / "situs", LENGKAP)


def status(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return layanan("status", *args[:1], "--settings", SETTINGS, "--content", "content", *args[1:], cwd=repo)


def one_line(result: subprocess.CompletedProcess) -> str:
    """A refusal: exit 1, one Indonesian line, nothing else."""
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr and result.stdout == "", result.stderr
    return lines[0]


def test_receiving_a_file_prints_its_code_records_it_and_commits_it_as_the_clerk(repo: Path) -> None:
    result = status(repo, "terima", "--layanan", "kedua", "--kanal", "whatsapp", "--oleh", "sari")
    assert (result.returncode, result.stderr) == (0, "")  # the code alone: a clerk copies it from here
    code = result.stdout.strip()
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", code)
    record = (repo / "content" / "status" / "2026-11.yaml").read_text(encoding="utf-8")
    assert f'kode: "{code}"' in record and 'kanal: "whatsapp"' in record and 'waktu: "2026-11-28 12:00"' in record
    assert (
        git(repo, "log", "-1", "--format=%an <%ae>|%s")
        == f"Sari Dewi <sari@kecamatan.example>|Terima berkas {code} (Layanan Kedua)\n"
    )
    assert git(repo, "status", "--porcelain") == ""
    built = build_site(repo / "content", repo / "output")
    assert "Berkas Anda sudah diterima petugas." in built.text(f"/status/{code}/")


def test_a_status_change_is_recorded_with_its_note_and_shows_on_the_page(repo: Path) -> None:
    result = status(repo, "ubah", "K7MQ-2XDA", "selesai", "--catatan", "Loket 2", "--oleh", "budi")
    assert (result.returncode, result.stdout) == (0, "Berkas K7MQ-2XDA: Selesai, siap diambil.\n"), result.stderr
    assert git(repo, "log", "-1", "--format=%an|%s") == "Budi Santoso|Berkas K7MQ-2XDA: selesai, siap diambil\n"
    built = build_site(repo / "content", repo / "output")
    assert "Tempat pengambilan: Loket 2" in built.text("/status/K7MQ-2XDA/")
    result = status(repo, "ubah", "k7mq-2xda", "diambil", "--oleh", "budi")  # as a clerk types it
    assert result.returncode == 0, result.stderr
    assert "tidak berubah lagi" in one_line(status(repo, "ubah", "K7MQ-2XDA", "diproses", "--oleh", "budi"))


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("terima", "--layanan", "kedu", "--kanal", "loket"), "Tidak dicatat: layanan 'kedu' tidak ada atau belum terbit; maksud Anda 'kedua'?"),
        (("terima", "--layanan", "kedua", "--kanal", "telepon"), "Tidak dicatat: kanal 'telepon' tidak dikenal; pilih salah satu: loket, whatsapp"),
        (("ubah", "K7MQ-2XDA", "beres"), "Tidak dicatat: status 'beres' tidak dikenal"),
        (("ubah", "AAAA-BBBB", "diproses"), "Tidak dicatat: berkas dengan kode AAAA-BBBB tidak ada"),
        (("ubah", "K7MQ", "diproses"), "Tidak dicatat: 'K7MQ' bukan kode tanda terima"),
        (("ubah", "K7MQ-2XDA", "perlu-dilengkapi"), "Tidak dicatat: status 'perlu-dilengkapi' perlu --catatan: yang perlu dilengkapi"),
        (("ubah", "K7MQ-2XDA", "ditolak", "--catatan", "NIK 6472010101010001"), "Tidak dicatat: catatan tidak boleh memuat NIK"),
        (("ubah", "K7MQ-2XDA", "diproses", "--catatan", "hubungi 081234567890"), "Tidak dicatat: catatan tidak boleh memuat nomor telepon"),
        (("ubah", "K7MQ-2XDA", "diproses", "--catatan", "warga@example.com"), "Tidak dicatat: catatan tidak boleh memuat alamat surel"),
    ],
)  # fmt: skip
def test_a_mistake_is_one_line_exit_1_and_nothing_written(repo: Path, args: tuple[str, ...], said: str) -> None:
    before = git(repo, "rev-parse", "HEAD")
    assert one_line(status(repo, *args, "--oleh", "sari")).startswith(said)
    assert git(repo, "rev-parse", "HEAD") == before and git(repo, "status", "--porcelain") == ""


def test_two_clerks_receiving_at_once_both_get_their_code_recorded(repo: Path) -> None:
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda name: status(repo, "terima", "--layanan", "kedua", "--kanal", "loket",
                                                     "--oleh", name), ["sari", "budi"]))  # fmt: skip
    codes = [r.stdout.strip() for r in results]
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    record = (repo / "content" / "status" / "2026-11.yaml").read_text(encoding="utf-8")
    assert codes[0] != codes[1] and all(f'kode: "{code}"' in record for code in codes)
    assert len(git(repo, "log", "--format=%H").split()) == 3  # the first commit and one each


def test_the_clerk_defaults_to_git_s_author(repo: Path) -> None:
    git(repo, "config", "user.name", "Petugas Loket")
    git(repo, "config", "user.email", "loket@kecamatan.example")
    assert status(repo, "terima", "--layanan", "kedua", "--kanal", "loket").returncode == 0
    assert git(repo, "log", "-1", "--format=%an <%ae>") == "Petugas Loket <loket@kecamatan.example>\n"
    assert 'oleh: "Petugas Loket"' in (repo / "content" / "status" / "2026-11.yaml").read_text(encoding="utf-8")


def test_python_minus_m_layanan_status_is_documented_in_its_help() -> None:
    result = subprocess.run([sys.executable, "-m", "layanan", "status", "ubah", "--help"], capture_output=True,
                            text=True, cwd=ROOT, check=True)  # fmt: skip
    assert "diterima, diproses, perlu-dilengkapi, selesai, diambil, ditolak" in " ".join(result.stdout.split())


def test_what_only_the_whole_site_check_sees_is_still_one_line(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine clock behind the last step (here two days): the save's check refuses the step, in one line."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795838400 - 2 * 86400))  # 26 Nov; K7MQ-2XDA's last step is 27 Nov
    said = one_line(status(repo, "ubah", "K7MQ-2XDA", "diproses", "--oleh", "sari"))
    assert said.startswith("Tidak dicatat: ") and "waktunya lebih awal dari langkah sebelumnya" in said
    assert git(repo, "status", "--porcelain") == ""
