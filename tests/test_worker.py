"""The build process kept alive between builds: one process, many builds, answers as problem records."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LENGKAP, ROOT, SETTINGS, snapshot


@pytest.fixture
def worker():
    process = subprocess.Popen(
        [sys.executable, "-m", "layanan.build.worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    yield process
    process.kill()
    process.wait()


def ask(worker: subprocess.Popen[str], folder: Path, settings: Path = SETTINGS) -> dict:
    request = {"settings": str(settings), "content": "content", "output": "output", "cwd": str(folder)}
    worker.stdin.write(json.dumps(request) + "\n")
    worker.stdin.flush()
    return json.loads(worker.stdout.readline())  # a line that is not one JSON answer fails here


def test_one_process_builds_again_and_again_as_the_command_line_does(worker, tmp_path: Path) -> None:
    site = tmp_path / "situs"
    shutil.copytree(LENGKAP, site / "content")
    first = ask(worker, site)
    assert first["built"] and first["environment"] == []
    assert all(p["severity"] == "peringatan" for p in first["problems"])
    path = site / "content" / "pengumuman" / "2026-11-03-wib.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nDiperbarui.\n", encoding="utf-8")
    assert ask(worker, site)["built"]
    assert worker.poll() is None  # the same process
    clean = tmp_path / "bersih"
    shutil.copytree(site / "content", clean / "content")
    subprocess.run([sys.executable, "-m", "layanan", "build", "-s", str(SETTINGS), "-c", "content", "-o", "output"],
                   cwd=clean, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True, capture_output=True)  # fmt: skip
    assert snapshot(site / "output") == snapshot(clean / "output")


def test_content_mistakes_are_records_and_the_output_stays(worker, tmp_path: Path) -> None:
    site = tmp_path / "situs"
    shutil.copytree(LENGKAP, site / "content")
    assert ask(worker, site)["built"]
    before = snapshot(site / "output")
    (site / "content" / "layanan" / "kedua.md").write_text("---\njudul: [\n---\n", encoding="utf-8")
    answer = ask(worker, site)
    assert not answer["built"]
    assert answer["problems"][0]["path"] == "content/layanan/kedua.md" and answer["problems"][0]["key"] == "(yaml)"
    assert snapshot(site / "output") == before


def test_a_setup_error_is_said_and_the_process_stays(worker, tmp_path: Path) -> None:
    site = tmp_path / "situs"
    shutil.copytree(LENGKAP, site / "content")
    answer = ask(worker, site, tmp_path / "tidak-ada.py")
    assert answer == {"built": False, "problems": [], "environment": [answer["environment"][0]]}
    assert "tidak-ada.py" in answer["environment"][0] and worker.poll() is None
    assert ask(worker, site)["built"]
