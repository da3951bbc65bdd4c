"""Tasks for staff and developers: `invoke --list` shows them all."""

import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

from layanan.build import remove

PY = sys.executable


def _layanan(c, command: str, settings: str = "pelicanconf.py", extra: str = "") -> None:
    c.run(f'"{PY}" -m layanan {command} --settings {settings} {extra}', pty=False)


@task
def build(c, search=False):
    """Bangun situs untuk pratinjau (pelicanconf.py) ke output/; --search: dengan indeks pencarian."""
    _layanan(c, "build", extra="--search" if search else "")


@task
def preview(c):
    """Bangun situs persis seperti yang akan diterbitkan (publishconf.py) ke output/."""
    _layanan(c, "build", "publishconf.py")


@task
def check(c, strict=False):
    """Periksa semua konten tanpa membangun situs; --strict: peringatan juga gagal."""
    _layanan(c, "check", extra="--strict" if strict else "")


@task
def serve(c, port=8000):
    """Tampilkan output/ di http://127.0.0.1:8000/."""
    _layanan(c, "serve", extra=f"--port {port}")


@task
def livereload(c, port=8000):
    """Bangun, tampilkan, dan bangun ulang setiap kali berkas konten atau tema disimpan."""
    _layanan(c, "livereload", extra=f"--port {port}")


@task(positional=["jenis", "judul"])
def new(c, jenis, judul):
    """Buat berkas baru dari templat: invoke new layanan "Judul" atau invoke new pengumuman "Judul"."""
    _layanan(c, "new", extra=f"{shlex.quote(jenis)} {shlex.quote(judul)}")


@task
def publish(c, pertama=False):
    """Periksa, bangun versi produksi, lalu terbitkan ke PUBLISH_TARGET; --pertama: terbit pertama kali."""
    _layanan(c, "publish", "publishconf.py", extra="--pertama" if pertama else "")


@task
def rollback(c):
    """Kembalikan situs yang tayang ke rilis sebelumnya."""
    _layanan(c, "rollback")


@task
def releases(c):
    """Daftar rilis di server; * menandai yang tayang."""
    _layanan(c, "releases")


@task
def nginx_config(c, site="/srv/situs"):
    """Tulis konfigurasi nginx untuk domain situs; --site: folder releases/ di server."""
    _layanan(c, "nginx-config", extra=f"--site {shlex.quote(site)}")


@task
def editor(c, host="127.0.0.1", port=8001):
    """Jalankan penyunting di peramban: http://127.0.0.1:8001/masuk (akun: python -m layanan pengguna tambah)."""
    c.run(f'"{PY}" -m layanan editor --host {shlex.quote(host)} --port {port}', pty=False)


@task
def gambar(c):
    """Ambil ulang gambar layar panduan petugas (docs/gambar/) dari penyunting yang sebenarnya."""
    c.run(f'LAYANAN_GAMBAR=docs/gambar "{PY}" -m pytest -q tests/test_editor_ui.py', pty=False)


@task
def bench(c, sizes="", runs=3):
    """Ukur kecepatan build terhadap Pelican dan Hugo, lalu penyunting; menulis benchmarks/RESULTS.md dan EDITOR.md."""
    extra = f"--sizes {sizes}" if sizes else ""
    c.run(f'"{PY}" benchmarks/bench.py --runs {runs} {extra}', pty=False)
    c.run(f'"{PY}" benchmarks/editor.py', pty=False)


@task
def clean(c):
    """Hapus output/ (tautan ke folder hasil terakhir, beserta folder-folder .output.*) dan cache/."""
    remove(Path("output").absolute())
    shutil.rmtree(Path("cache"), ignore_errors=True)


@task
def test(c):
    """Periksa tipe (mypy --strict pada layanan/), lalu jalankan semua tes."""
    c.run(f'"{PY}" -m mypy', pty=False)
    c.run(f'"{PY}" -m pytest -q', pty=False)
