"""Accounts from the command line: argon2id hashes outside content/ and git, roles, passwords from stdin."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from tests.editorkit import ROOT, git, layanan, make_repository

SETTINGS = ("--settings", str(ROOT / "pelicanconf.py"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repository(tmp_path / "situs", SAMPLE)


def accounts(repo: Path, *args: str, stdin: str | None = None):
    return layanan("pengguna", *SETTINGS, "--content", str(repo / "content"), *args, cwd=repo, stdin=stdin)


def test_passwords_are_argon2id_hashes_in_a_private_file_outside_content_and_git(repo: Path):
    store = repo / ".editor" / "pengguna.json"
    data = json.loads(store.read_text())
    assert data["sari"]["hash"].startswith("$argon2id$")
    assert "sandi-panjang-sekali" not in store.read_text()
    assert stat.S_IMODE(store.stat().st_mode) == 0o600
    assert git(repo, "status", "--porcelain", "--ignored").strip() == "!! .editor/"
    assert not list((repo / "content").rglob("pengguna*"))


def test_list_shows_names_roles_and_full_names(repo: Path):
    result = accounts(repo, "daftar")
    assert result.returncode == 0
    assert "sari\tpenyunting\tSari Dewi <sari@kecamatan.example>" in result.stdout
    assert "budi\tpenerbit\tBudi Santoso <budi@kecamatan.example>" in result.stdout


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (("tambah", "rini", "--nama", "Rini", "--email", "rini@kecamatan.example"), "pendek\n", "paling sedikit 10"),
        (("tambah", "sari", "--nama", "Sari", "--email", "sari@kecamatan.example"), "x" * 12 + "\n", "sudah ada"),
        (("tambah", "Rini Besar", "--nama", "Rini", "--email", "r@kecamatan.example"), "x" * 12 + "\n", "tidak sah"),
        (("tambah", "rini", "--nama", "Rini", "--email", "bukan-email"), "x" * 12 + "\n", "bukan alamat email"),
        (("hapus", "tidak-ada"), None, "tidak ada"),
        (("sandi", "sari"), "pendek\n", "paling sedikit 10"),
    ],
)
def test_mistakes_are_refused_with_a_message_and_exit_2(repo: Path, args: tuple, stdin: str | None, words: str):
    before = (repo / ".editor" / "pengguna.json").read_text()
    result = accounts(repo, *args, stdin=stdin)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert (repo / ".editor" / "pengguna.json").read_text() == before


def test_a_new_password_replaces_the_old_and_a_removed_clerk_cannot_log_in(repo: Path):
    from layanan.editor import users

    state = repo / ".editor"
    assert accounts(repo, "sandi", "sari", stdin="sandi-baru-yang-panjang\n").returncode == 0
    assert users.authenticate(state, "sari", "sandi-baru-yang-panjang")
    assert users.authenticate(state, "sari", "sandi-panjang-sekali") is None
    assert accounts(repo, "hapus", "sari").returncode == 0
    assert users.authenticate(state, "sari", "sandi-baru-yang-panjang") is None
