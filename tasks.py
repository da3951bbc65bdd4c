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
    """Ukur kecepatan build terhadap Pelican dan Hugo, penyunting, dan PDF standar (--vs: checkout pembanding)."""
    extra = f"--sizes {sizes}" if sizes else ""
    c.run(f'"{PY}" benchmarks/bench.py --runs {runs} {extra}', pty=False)
    c.run(f'"{PY}" benchmarks/editor.py', pty=False)
    c.run(f'"{PY}" benchmarks/pdf.py --runs {runs}' + (f" --vs {vs}" if vs else ""), pty=False)


@task
def test(c):
    """Periksa tipe (mypy --strict pada layanan/), lalu jalankan semua tes."""
    c.run(f'"{PY}" -m mypy', pty=False)
    c.run(f'"{PY}" -m pytest -q', pty=False)
