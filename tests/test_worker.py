"""The build process kept alive between builds: one process, many builds, answers as problem records.

Whatever staff do in any order (edits, renames, deletions, bad saves, a worker killed mid-build), what the
warm worker leaves in output/ is byte for byte what a cold build of the same content makes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import LENGKAP, ROOT, SETTINGS, snapshot
from layanan.build.output import build
from layanan.editor.workspace import BuildWorker


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


# --- any sequence of what staff do, through one warm worker: always what a cold build makes ---------


class WarmSite:
    """A copy of the full fixture site, built by a kept-alive worker through the editor's own client."""

    def __init__(self, folder: Path, worker: BuildWorker):
        self.folder, self.content, self.worker = folder, folder / "content", worker
        shutil.copytree(LENGKAP, self.content)
        self.request = {"settings": str(SETTINGS), "content": "content", "output": "output", "cwd": str(folder)}

    def build(self) -> bool:
        answer = self.worker.build(self.request)
        assert answer is not None and answer["environment"] == [], answer
        return bool(answer["built"])

    def cold(self) -> dict[str, bytes]:
        """A build in a new folder with a new cache: nothing of the worker's is used."""
        for name in ("dingin", "dingin-cache"):
            shutil.rmtree(self.folder / name, ignore_errors=True)
        build(
            str(SETTINGS),
            str(self.folder / "dingin"),
            PATH=str(self.content),
            CACHE_PATH=str(self.folder / "dingin-cache"),
        )
        return snapshot(self.folder / "dingin")

    def files(self) -> list[Path]:
        folders = ("layanan", "pengumuman", "halaman", "kelurahan")
        return sorted(p for folder in folders for p in (self.content / folder).glob("*.md"))


def append_to_body(site: WarmSite, pick: int, step: int) -> None:
    path = site.files()[pick % len(site.files())]
    path.write_text(path.read_text(encoding="utf-8") + f"\nTeks tambahan langkah {step}.\n", encoding="utf-8")


def retitle(site: WarmSite, pick: int, step: int) -> None:
    files = sorted((site.content / "pengumuman").glob("*.md"))
    path = files[pick % len(files)]
    path.write_text(
        path.read_text(encoding="utf-8").replace("judul: ", f"judul: Langkah {step} - ", 1), encoding="utf-8"
    )


def rename(site: WarmSite, pick: int, step: int) -> None:
    files = sorted((site.content / "pengumuman").glob("*.md"))
    path = files[pick % len(files)]
    path.rename(path.with_name(f"2026-11-{10 + step % 18:02d}-dipindah-{step}.md"))


def delete(site: WarmSite, pick: int, step: int) -> None:
    site.files()[pick % len(site.files())].unlink()


def add(site: WarmSite, pick: int, step: int) -> None:
    (site.content / "pengumuman" / f"2026-11-{1 + pick % 28:02d}-tambahan-{step}.md").write_text(
        f"---\njudul: Tambahan {step}\ntanggal: 2026-11-{1 + pick % 28:02d}\nkategori: Kegiatan\n---\nIsi {step}.\n",
        encoding="utf-8",
    )


def bad_save(site: WarmSite, pick: int, step: int) -> None:
    site.files()[pick % len(site.files())].write_text("---\njudul: [\n---\n", encoding="utf-8")


def killed_mid_build(site: WarmSite, pick: int, step: int) -> None:
    """An edit whose build dies (out of memory, a kill) at some moment: the editor starts a new worker."""
    append_to_body(site, pick, step)
    process = site.worker.process
    assert process is not None
    timer = threading.Timer(0.03 * (pick % 12), process.kill)
    timer.start()
    site.worker.build(site.request)  # its answer, or None when it died first
    timer.join()
    process.wait()  # dead, whenever the kill came: the next build starts a new worker


ACTIONS = [append_to_body, retitle, rename, delete, add, bad_save, killed_mid_build]


@pytest.mark.lambat
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 50)), min_size=1, max_size=4))
def test_any_sequence_of_edits_renames_deletions_bad_saves_and_kills_equals_a_cold_build(
    steps: list[tuple[Callable[[WarmSite, int, int], None], int]],
) -> None:
    """A step the checks refuse (a bad save, a deletion others link to) leaves the site as it was; it is undone."""
    worker = BuildWorker()
    with tempfile.TemporaryDirectory() as folder:
        site = WarmSite(Path(folder), worker)
        try:
            assert site.build()
            for step, (action, pick) in enumerate(steps):
                before = snapshot(site.folder / "output")
                saved = {p: p.read_bytes() for p in site.content.rglob("*") if p.is_file()}
                action(site, pick, step)
                if not site.build():
                    assert snapshot(site.folder / "output") == before, action.__name__
                    for path in [p for p in site.content.rglob("*") if p.is_file() and p not in saved]:
                        path.unlink()
                    for path, data in saved.items():
                        path.write_bytes(data)
                    continue
                assert snapshot(site.folder / "output") == site.cold(), [a.__name__ for a, _ in steps[: step + 1]]
        finally:
            if worker.process is not None:
                worker.process.kill()
                worker.process.wait()


def test_content_reached_through_a_symlink_is_the_content_the_command_line_built(worker, tmp_path: Path) -> None:
    """The command line resolves the content folder; so does the worker, and reuses every page the CLI made."""
    site = tmp_path / "situs"
    shutil.copytree(LENGKAP, tmp_path / "asli")
    site.mkdir()
    (site / "content").symlink_to(tmp_path / "asli")
    subprocess.run([sys.executable, "-m", "layanan", "build", "-s", str(SETTINGS), "-c", "content", "-o", "output"],
                   cwd=site, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True, capture_output=True)  # fmt: skip
    page = site / "output" / "layanan" / "kedua" / "index.html"
    made = page.stat().st_ino
    assert ask(worker, site)["built"]
    assert page.stat().st_ino == made  # linked from the build before, not rendered again
