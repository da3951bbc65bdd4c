"""Builds swap a fresh folder in only on success: the last good output/ is never lost."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rules import SERVICE, assert_refused, service

from conftest import LENGKAP, ROOT, SETTINGS, Project, snapshot
from layanan import cli
from layanan.build.output import ConfigError, build


def good_build(project: Project) -> dict[str, bytes]:
    code, output = project.run("build", "--output", "output")
    assert code == 0, output
    return snapshot(project.dir / "output")


def test_build_writes_output_and_reports(project: Project) -> None:
    code, output = project.run("build", "--output", "output")
    assert code == 0, output
    assert "Situs dibangun di" in output
    assert (project.dir / "output" / "index.html").is_file()
    mode = stat.S_IMODE((project.dir / "output").stat().st_mode)
    assert mode & 0o005 == 0o005  # readable by a web server running as another user
    assert not [p for p in project.dir.iterdir() if p.name.startswith(".output.baru")]


def test_content_error_leaves_output_untouched(project: Project) -> None:
    before = good_build(project)
    project.edit("layanan/kedua.md", "biaya: 50000", "biaya: 50.000")
    code, output = project.run("build", "--output", "output")
    assert code == 1
    assert "content/layanan/kedua.md:" in output and "biaya:" in output
    assert "Traceback" not in output
    assert "Situs TIDAK diperbarui" in output
    assert snapshot(project.dir / "output") == before
    assert not [p for p in project.dir.iterdir() if p.name.startswith(".output.baru")]


SURVEY = (LENGKAP / "survei" / "2026.csv").read_text(encoding="utf-8")
# One mistake from each place problems come from: the rule tables then run only check (rules.py).
SOURCES = [
    ("front matter", "layanan/uji.md", "---\njudul: [\n---\n", f"{SERVICE}:2: (yaml):"),
    ("a field", "layanan/uji.md", service("biaya: 0", "biaya: 50.000"), f"{SERVICE}:12: biaya:"),
    ("between files", "layanan/uji.md", service("kategori: Umum", "kategori: Lainnya"), f"{SERVICE}:3: kategori:"),
    ("the body", "layanan/uji.md", service("Catatan.\n", "[a](/layanan/tidak-ada/)\n"), f"{SERVICE}:18: (isi):"),
    ("situs.yaml", "situs.yaml", "nama: [\n", "content/situs.yaml:2: (yaml):"),
    ("a survey", "survei/2026.csv", SURVEY.replace('GMT+8","4"', 'GMT+8","9"', 1), "content/survei/2026.csv:2:"),
]


@pytest.mark.parametrize(("source", "relative", "text", "expected"), SOURCES, ids=[s[0] for s in SOURCES])
def test_a_mistake_from_every_source_fails_check_and_build_and_keeps_the_site(
    project: Project, source: str, relative: str, text: str, expected: str
) -> None:
    assert_refused(project, relative, text, expected)


def test_template_error_leaves_output_untouched(project: Project, tmp_path: Path) -> None:
    before = good_build(project)
    theme = tmp_path / "tema-rusak"
    shutil.copytree(ROOT / "theme", theme)
    page = theme / "templates" / "layanan.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("{{ page.produk|isi }}", "{{ page.produk_salah }}"), encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="pembuatan situs gagal"):
        build(str(SETTINGS), str(project.dir / "output"), PATH=str(project.content), THEME=str(theme))
    assert snapshot(project.dir / "output") == before


def test_rebuild_removes_files_of_deleted_content(project: Project) -> None:
    good_build(project)
    (project.content / "halaman" / "tanpa-menu.md").unlink()
    good_build(project)
    assert not (project.dir / "output" / "tanpa-menu").exists()


def test_missing_settings_file_is_a_setup_error(project: Project, capsys: pytest.CaptureFixture) -> None:
    from layanan import cli

    code = cli.main(["check", "--settings", "tidak-ada.py"])
    output = capsys.readouterr().err
    assert code == 2
    assert "berkas pengaturan 'tidak-ada.py' tidak ditemukan" in output


def test_check_does_not_write(project: Project) -> None:
    code, _ = project.check()
    assert code == 0
    assert not (project.dir / "output").exists()


def test_the_real_command_line(tmp_path: Path) -> None:
    """python -m layanan as staff run it, in its own process."""
    import os
    import subprocess
    import sys

    shutil.copytree(ROOT / "tests" / "fixtures" / "lengkap", tmp_path / "content")
    (tmp_path / "content" / "layanan" / "kedua.md").write_text("---\njudul: Rusak\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "layanan", "build", "-s", str(SETTINGS), "-c", "content", "-o", "output"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert (
        run.stderr.splitlines()[0]
        == "content/layanan/kedua.md:1: (bagian data): bagian data tidak ditutup; tambahkan baris '---' setelah kunci terakhir"
    )
    assert "Traceback" not in run.stderr + run.stdout
    assert not (tmp_path / "output").exists()


@pytest.mark.pango
def test_production_builds_are_reproducible(tmp_path: Path) -> None:
    """Search index, fingerprints and side files included: same content and clock, same bytes."""
    from conftest import LENGKAP, PUBLISH_SETTINGS

    first = build(str(PUBLISH_SETTINGS), str(tmp_path / "a"), PATH=str(LENGKAP), CACHE_PATH=str(tmp_path / "cache-a"))
    build(str(PUBLISH_SETTINGS), str(tmp_path / "b"), PATH=str(LENGKAP), CACHE_PATH=str(tmp_path / "cache-b"))
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert (tmp_path / "a" / "pagefind" / "pagefind.js.br").is_file()
    assert (tmp_path / "a" / "index.html.gz").is_file()
    assert first.counts["rendered"] == first.counts["pages"]


# --- the machine fails: a full disk, a kill at any moment, two builds at once -------------


@pytest.fixture
def small_disk(tmp_path: Path):
    """A real 3 MB file system (tmpfs, mounted as root: CI runs as root)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def leftovers(folder: Path) -> list[str]:
    """The kinds of build folder beside output/ (``situs``: live or spare), once deletions in the background are done."""
    deadline = time.monotonic() + 10
    while True:
        found = sorted(p.name for p in folder.iterdir() if p.name.startswith(".output.") and ".kunci" not in p.name)
        if not [name for name in found if ".lama-" in name] or time.monotonic() > deadline:
            return [name.split(".")[2].split("-")[0] for name in found]
        time.sleep(0.05)


def test_a_full_disk_fails_the_build_and_keeps_the_site(project: Project, small_disk: Path) -> None:
    output = small_disk / "output"
    code, log = project.run("build", "--output", str(output))
    assert code == 0, log
    good = snapshot(output)
    project.write("berkas/video-besar.mp4", os.urandom(4_000_000))
    code, log = project.run("build", "--output", str(output))
    assert code == 2, log
    assert "Traceback" not in log
    message = [line for line in log.splitlines() if "disk penuh" in line]
    assert len(message) == 1, log
    assert str(small_disk) in message[0] and "MB" in message[0] and "Situs yang lama tetap utuh" in message[0]
    assert snapshot(output) == good
    assert leftovers(small_disk) == ["situs"]  # the live build only: the failed one is gone


def test_a_full_disk_during_the_production_steps(project: Project, small_disk: Path) -> None:
    """Search indexing and compression run after rendering: a full disk there is reported the same way."""
    from conftest import PUBLISH_SETTINGS

    (small_disk / "isi").write_bytes(b"\0" * 2_200_000)  # leaves about 800 KB: pages fit, the rest does not
    code = cli.main(["build", "-s", str(PUBLISH_SETTINGS), "-c", "content", "-o", str(small_disk / "output")])
    log = project.capsys.readouterr()
    assert code == 2, log
    assert "disk penuh" in log.err and "Traceback" not in log.err + log.out
    assert not (small_disk / "output").exists()
    assert leftovers(small_disk) == []


def _build_process(project: Project, output: str = "output") -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "layanan", "build", "-s", str(SETTINGS), "-c", "content", "-o", output],
        cwd=project.dir,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # the test's build clock included
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


@pytest.mark.lambat
def test_a_build_killed_at_any_moment_leaves_a_whole_site(project: Project) -> None:
    output = project.dir / "output"
    good_build(project)
    old = snapshot(output)
    project.edit("layanan/kedua.md", "Surat keterangan", "Surat keterangan baru")
    started = time.perf_counter()
    assert _build_process(project).wait(timeout=120) == 0
    duration = time.perf_counter() - started
    new = snapshot(output)
    project.edit("layanan/kedua.md", "Surat keterangan baru", "Surat keterangan")
    assert new != old
    for moment in range(28):
        process = _build_process(project)
        time.sleep(duration * moment / 27)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        assert output.is_dir(), f"no output/ after a kill at {moment}/27"
        assert snapshot(output) in (old, new), f"a mixed site after a kill at {moment}/27"
    good_build(project)
    assert leftovers(project.dir) == ["situs", "situs"]  # the live one and its spare: killed builds' are gone


@pytest.mark.parametrize("legacy", [False, True], ids=["link", "real folder"])
def test_recover_after_a_kill_inside_the_swap(tmp_path: Path, legacy: bool) -> None:
    """The states a kill between two steps of swap_in() leaves: the next start repairs each."""
    from layanan.build.output import _point, recover

    target = tmp_path / "output"
    old, new = tmp_path / ".output.situs-lama", tmp_path / ".output.situs-baru"
    for folder, text in ((old, "lama"), (new, "baru")):
        folder.mkdir()
        (folder / "index.html").write_text(text)
    time.sleep(0.01)
    os.utime(new)
    # Killed after the finished build was renamed, before the link moved: the old site stays.
    _point(target, old)
    (tmp_path / ".output.baru-x").mkdir()
    recover(target)
    assert (target / "index.html").read_text() == "lama"
    # The unfinished build is gone; the newest other whole one stays, as a spare only its own record lets a build reuse.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output.situs-baru", ".output.situs-lama", "output"]
    # Killed after a real output/ folder was moved aside, before the link was made: the newest whole site returns.
    if legacy:
        target.unlink()
        recover(target)
        assert (target / "index.html").read_text() == "baru"


@pytest.mark.lambat
def test_two_builds_at_once_both_succeed(project: Project) -> None:
    good_build(project)
    for _ in range(3):
        first, second = _build_process(project), _build_process(project)
        other = _build_process(project, "output-lain")  # another output, the same cache/
        for process in (first, second, other):
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
            assert "Traceback" not in err
        snapshot(project.dir / "output")
    assert leftovers(project.dir) == ["situs", "situs"]  # the live build and the spare the next one reuses


@pytest.mark.parametrize("value", ["kemarin", "1.5e9", "99999999999999999999"])
def test_a_malformed_build_clock_is_a_message(project: Project, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    for command in ("check", "build"):
        code, log = project.run(command, "--output", "output")
        assert code == 2, log
        assert f"SOURCE_DATE_EPOCH '{value}' bukan waktu yang sah" in log and "Traceback" not in log
    assert not (project.dir / "output").exists()


def test_remove_deletes_the_link_and_every_build_folder(project: Project) -> None:
    """What invoke clean and the benchmarks' cold builds rely on."""
    from layanan.build.output import remove

    good_build(project)
    good_build(project)
    remove(project.dir / "output")
    assert not [p.name for p in project.dir.iterdir() if "output" in p.name]


def test_a_build_returns_what_it_did_and_leaves_nothing_global_behind(tmp_path: Path) -> None:
    from pelican import signals
    from pelican.log import console

    from conftest import SAMPLE

    quiet, receivers = console.quiet, len(signals.all_generators_finalized.receivers)
    result = build(str(ROOT / "pelicanconf.py"), str(tmp_path / "out"), PATH=str(SAMPLE),
                   CACHE_PATH=str(tmp_path / "cache"))  # fmt: skip
    assert result.counts["pages"] == result.counts["rendered"] > 20
    assert [p for p in result.problems if not p.warning] == []
    assert console.quiet == quiet and len(signals.all_generators_finalized.receivers) == receivers


def test_settings_without_the_plugin_stop_with_a_message(tmp_path: Path) -> None:
    from conftest import SAMPLE

    settings = tmp_path / "pelicanconf.py"
    settings.write_text("from layanan.settings import *  # noqa: F403\nPLUGINS = []\n")
    with pytest.raises(ConfigError, match="plugin 'layanan' tidak aktif"):
        build(str(settings), str(tmp_path / "out"), PATH=str(SAMPLE))
    assert not (tmp_path / "out").exists()
