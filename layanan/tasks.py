"""The tasks every site built with this package offers: a site's tasks.py imports them.

`invoke --list` shows them; each runs ``python -m layanan ...`` with this site's settings.
"""

import shlex
import shutil
import sys
from pathlib import Path

from invoke.context import Context
from invoke.tasks import task

from layanan.build.output import remove

PY = sys.executable


def _layanan(c: Context, command: str, settings: str = "pelicanconf.py", extra: str = "") -> None:
    c.run(f'"{PY}" -m layanan {command} --settings {settings} {extra}', pty=False)


@task
def build(c: Context, search: bool = False) -> None:
    """Bangun situs untuk pratinjau (pelicanconf.py) ke output/; --search: dengan indeks pencarian."""
    _layanan(c, "build", extra="--search" if search else "")


@task
def preview(c: Context) -> None:
    """Bangun situs persis seperti yang akan diterbitkan (publishconf.py) ke output/."""
    _layanan(c, "build", "publishconf.py")


@task
def check(c: Context, strict: bool = False) -> None:
    """Periksa semua konten tanpa membangun situs; --strict: peringatan juga gagal."""
    _layanan(c, "check", extra="--strict" if strict else "")


@task
def serve(c: Context, port: int = 8000) -> None:
    """Tampilkan output/ di http://127.0.0.1:8000/."""
    _layanan(c, "serve", extra=f"--port {port}")


@task
def livereload(c: Context, port: int = 8000) -> None:
    """Bangun, tampilkan, dan bangun ulang setiap kali berkas konten atau tema disimpan."""
    _layanan(c, "livereload", extra=f"--port {port}")


@task(positional=["jenis", "judul"])
def new(c: Context, jenis: str, judul: str) -> None:
    """Buat berkas baru dari templat: invoke new layanan "Judul" atau invoke new pengumuman "Judul"."""
    _layanan(c, "new", extra=f"{shlex.quote(jenis)} {shlex.quote(judul)}")


@task
def publish(c: Context, pertama: bool = False) -> None:
    """Periksa, bangun versi produksi, lalu terbitkan ke PUBLISH_TARGET; --pertama: terbit pertama kali."""
    _layanan(c, "publish", "publishconf.py", extra="--pertama" if pertama else "")


@task
def rollback(c: Context) -> None:
    """Kembalikan situs yang tayang ke rilis sebelumnya."""
    _layanan(c, "rollback")


@task
def releases(c: Context) -> None:
    """Daftar rilis di server; * menandai yang tayang."""
    _layanan(c, "releases")


@task
def nginx_config(c: Context, site: str = "/srv/situs") -> None:
    """Tulis konfigurasi nginx untuk domain situs; --site: folder releases/ di server."""
    _layanan(c, "nginx-config", extra=f"--site {shlex.quote(site)}")


@task
def editor(c: Context, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Jalankan penyunting di peramban: http://127.0.0.1:8001/masuk (akun: python -m layanan pengguna tambah).

    Permintaan terbit dijalankan oleh penyunting ini sendiri, seperti di komputer pengembang.
    """
    c.run(f'"{PY}" -m layanan editor --host {shlex.quote(host)} --port {port} --jalankan-terbit', pty=False)


@task
def clean(c: Context) -> None:
    """Hapus output/ (tautan ke folder hasil terakhir, beserta folder-folder .output.*) dan cache/."""
    remove(Path("output").absolute())
    shutil.rmtree(Path("cache"), ignore_errors=True)
