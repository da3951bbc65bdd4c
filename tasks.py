"""Tasks for staff and developers: `invoke --list` shows them all.

The site's own tasks come from the package (layanan/tasks.py), as in any site built with it;
the ones below are this repository's: screenshots, benchmarks and the tests.
"""

import sys

from invoke import task

from layanan.tasks import *  # noqa: F403

PY = sys.executable


@task
def gambar(c):
    """Ambil ulang gambar layar panduan petugas (docs/gambar/) dari penyunting yang sebenarnya."""
    c.run(f'LAYANAN_GAMBAR=docs/gambar "{PY}" -m pytest -q tests/test_editor_ui.py', pty=False)


@task
def bench(c, sizes="", runs=3, vs=""):
    """Ukur kecepatan build terhadap Pelican dan Hugo, penyunting, loket, dan PDF standar (--vs: pembanding)."""
    extra = f"--sizes {sizes}" if sizes else ""
    c.run(f'"{PY}" benchmarks/bench.py --runs {runs} {extra}', pty=False)
    c.run(f'"{PY}" benchmarks/editor.py', pty=False)
    c.run(f'"{PY}" benchmarks/loket.py', pty=False)
    c.run(f'"{PY}" benchmarks/pdf.py --runs {runs}' + (f" --vs {vs}" if vs else ""), pty=False)


# What --cepat leaves out: tests/conftest.py's NEEDS, and the few tests that are slow on their own.
FAST = "not (chromium or nginx or sshd or java or root or server or paket or pango or lambat)"


@task(help={"cepat": "hanya tes tanpa peramban, server, Java, root, pip atau PDF, paralel (saat bekerja)"})
def test(c, cepat=False):
    """Periksa gaya (ruff) dan tipe (mypy --strict pada layanan/), lalu jalankan tes: semuanya, atau --cepat."""
    c.run(f'"{PY}" -m ruff check .', pty=False)
    c.run(f'"{PY}" -m ruff format --check .', pty=False)
    c.run(f'"{PY}" -m mypy', pty=False)
    # One worker per core, each taking whole test files (--dist loadscope): a file's module fixtures (a
    # server on the shipped ports, a built site, the screenshots one file takes) are made once, on one worker.
    c.run(f'"{PY}" -m pytest -q -n auto --dist loadscope' + (f' -m "{FAST}"' if cepat else ""), pty=False)
