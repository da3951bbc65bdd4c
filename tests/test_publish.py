"""Publishing over real SSH with rsync: releases, small republishes, rollback, interruptions, locks."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from servers import SSHServer, start_sshd

from conftest import PUBLISH_SETTINGS, ROOT, SAMPLE

pytestmark = pytest.mark.sshd

ANNOUNCEMENT = "pengumuman/2026-11-20-kerja-bakti-karang-asam-ulu.md"


def fill_placeholders(content: Path) -> None:
    """What the office would do before publishing: every [ISI: ...] replaced by a real value."""
    situs = content / "situs.yaml"
    data = yaml.safe_load(situs.read_text(encoding="utf-8"))
    data.update(
        alamat="Jalan Uji Nomor 1, Samarinda",
        telepon="0541 700100",
        whatsapp="628115550001",
        email="kecamatan@example.go.id",
        jam_layanan="Senin-Jumat 08.00-15.00",
        survei="https://survei.example.go.id/",
    )
    data["pengaduan"][1]["url"] = "https://wa.me/628115550001"
    data["lisensi_data"] = {"judul": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.id"}
    data["standar"]["keputusan"]["tanggal"] = data["standar"]["berlaku_sejak"] = "2026-01-02"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    situs.write_text(re.sub(r"\[ISI:[^\]]*\]", "Sudah dikonfirmasi kantor", text), encoding="utf-8")
    for path in content.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r'(tautan_daring: )"\[ISI:[^\]]*\]"', r"\1https://daring.example.go.id/", text)
        path.write_text(re.sub(r"\[ISI:[^\]]*\]", "Sudah dikonfirmasi kantor", text), encoding="utf-8")


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SSHServer]:
    server = start_sshd(tmp_path_factory.mktemp("sshd"))
    yield server
    server.stop()


class Project:
    """A copy of the sample content, filled in, publishing to a folder over SSH."""

    def __init__(self, folder: Path, sshd: SSHServer):
        self.dir = folder
        shutil.copytree(SAMPLE, folder / "content")
        fill_placeholders(folder / "content")
        self.server_root = folder / "server" / "situs"
        (self.server_root / "releases").mkdir(parents=True)  # set up as deploy/README.md says (or publish --pertama)
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "SOURCE_DATE_EPOCH": "1795838400",
            "PUBLISH_TARGET": f"root@127.0.0.1:{self.server_root}",
            "PUBLISH_SSH": sshd.ssh_command,
        }

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "layanan", *args, "-s", str(PUBLISH_SETTINGS), "-c", "content"]

    def run(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.command(*args), cwd=self.dir, env={**self.env, **env}, capture_output=True, text=True, timeout=300
        )

    def publish(self, **env: str) -> subprocess.CompletedProcess:
        result = self.run("publish", **env)
        assert result.returncode == 0, result.stderr + result.stdout
        return result

    def releases(self) -> list[str]:
        return sorted(p.name for p in (self.server_root / "releases").iterdir())

    def current(self) -> str:
        return os.readlink(self.server_root / "current").removeprefix("releases/")

    def live(self, relative: str) -> bytes:
        return (self.server_root / "current" / relative).read_bytes()


@pytest.fixture
def project(tmp_path: Path, sshd: SSHServer) -> Project:
    return Project(tmp_path, sshd)


def stats(output: str) -> tuple[int, int, int]:
    match = re.search(r"Dikirim (\d+) berkas, (\d+) dari (\d+) bita", output)
    assert match, output
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def test_publish_republish_and_rollback(project: Project) -> None:
    start = time.perf_counter()
    first = project.publish()
    first_seconds = time.perf_counter() - start
    [release] = project.releases()
    assert project.current() == release
    home = project.live("index.html")
    assert b"Kecamatan Sungai Kunjang" in home
    assert (project.server_root / "current" / "index.html.gz").is_file()
    assert (project.server_root / "current" / "index.html.br").is_file()
    files, sent, total = stats(first.stdout)
    assert files > 100 and sent == total

    page = project.dir / "content" / ANNOUNCEMENT
    page.write_text(page.read_text(encoding="utf-8") + "\nMohon membawa sarung tangan sendiri.\n", encoding="utf-8")
    second = project.publish()
    files, sent, total = stats(second.stdout)
    print(f"first publish {first_seconds:.1f} s; republish sent {files} files, {sent} of {total} bytes")
    assert files <= 40
    assert sent <= 0.05 * total
    assert len(project.releases()) == 2
    assert b"sarung tangan" in project.live("pengumuman/kerja-bakti-karang-asam-ulu/index.html")
    # unchanged files are hard links into the previous release, not copies
    assert (project.server_root / "current" / "index.html").stat().st_nlink == 2

    rolled = project.run("rollback")
    assert rolled.returncode == 0, rolled.stderr
    assert project.current() == release
    assert b"sarung tangan" not in project.live("pengumuman/kerja-bakti-karang-asam-ulu/index.html")
    assert project.live("index.html") == home
    listing = project.run("releases").stdout.splitlines()
    assert listing[0] == f"* {release}" and listing[1].startswith("  ")


def test_keeps_five_releases_and_never_the_current_one(project: Project) -> None:
    project.publish()
    [first] = project.releases()
    for day in range(1, 6):  # five earlier publishes' releases, as a month of work leaves them
        shutil.copytree(
            project.server_root / "releases" / first, project.server_root / "releases" / f"2026010{day}T080000Z"
        )
    project.publish()
    releases = project.releases()
    assert releases == ["20260103T080000Z", "20260104T080000Z", "20260105T080000Z", first, project.current()]


def test_refuses_while_a_placeholder_remains(project: Project) -> None:
    service = project.dir / "content" / "layanan" / "sktm.md"
    service.write_text(
        service.read_text(encoding="utf-8").replace(
            "produk: Surat Keterangan Tidak Mampu", 'produk: "[ISI: nama produk]"'
        ),
        encoding="utf-8",
    )
    situs = project.dir / "content" / "situs.yaml"
    situs.write_text(
        situs.read_text(encoding="utf-8").replace("whatsapp: '628115550001'", "whatsapp: '[ISI: nomor]'"),
        encoding="utf-8",
    )
    result = project.run("publish")
    assert result.returncode == 1
    assert "content/layanan/sktm.md:22: produk: masih berisi [ISI: ...]" in result.stderr
    assert "content/situs.yaml:" in result.stderr and ": whatsapp: masih berisi [ISI: ...]" in result.stderr
    assert "Penerbitan dibatalkan: 2 isian" in result.stderr
    assert project.releases() == []


def test_refuses_a_standard_that_cannot_be_signed_yet(project: Project) -> None:
    """A component, the decree's date and the date it takes effect, each left out: the document is unfinished."""
    situs = project.dir / "content" / "situs.yaml"
    data = yaml.safe_load(situs.read_text(encoding="utf-8"))
    del data["standar"]["sarana"], data["standar"]["keputusan"]["tanggal"], data["standar"]["berlaku_sejak"]
    situs.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = project.run("publish")
    assert result.returncode == 1
    for key in ("standar.sarana", "standar.keputusan.tanggal", "standar.berlaku_sejak"):
        assert f": {key}: " in result.stderr, key
    assert "Penerbitan dibatalkan: 3 isian" in result.stderr
    assert project.releases() == []


def test_content_error_stops_publishing(project: Project) -> None:
    project.publish()
    before = project.live("index.html")
    (project.dir / "content" / "layanan" / "kk-baru.md").write_text("---\njudul: [\n---\n", encoding="utf-8")
    result = project.run("publish")
    assert result.returncode == 1
    assert "content/layanan/kk-baru.md:2: (yaml)" in result.stderr
    assert len(project.releases()) == 1 and project.live("index.html") == before


def test_interrupted_upload_leaves_the_live_site_and_the_next_publish_works(project: Project) -> None:
    project.publish()
    release = project.current()
    before = project.live("index.html")
    page = project.dir / "content" / ANNOUNCEMENT
    page.write_text(page.read_text(encoding="utf-8") + "\nPerubahan yang terputus.\n", encoding="utf-8")
    slow = subprocess.Popen(
        project.command("publish"),
        cwd=project.dir,
        env={**project.env, "PUBLISH_RSYNC_ARGS": "--bwlimit=20 --whole-file --ignore-times"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    releases = project.server_root / "releases"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        partial = [p for p in releases.iterdir() if p.name.endswith(".partial")]
        if partial and sum(1 for _ in partial[0].rglob("*")) > 5:
            break
        time.sleep(0.2)
    else:
        pytest.fail("the slowed upload never started")
    os.killpg(slow.pid, signal.SIGKILL)
    slow.wait(timeout=30)
    assert project.current() == release
    assert project.live("index.html") == before
    assert b"terputus" not in project.live("pengumuman/kerja-bakti-karang-asam-ulu/index.html")

    project.publish()
    assert project.current() != release
    assert b"terputus" in project.live("pengumuman/kerja-bakti-karang-asam-ulu/index.html")
    assert not [p for p in releases.iterdir() if p.name.endswith(".partial")]


def test_two_publishes_at_once_do_not_interleave(project: Project) -> None:
    runs = [
        subprocess.Popen(
            project.command("publish"),
            cwd=project.dir,
            env=project.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    assert any("menunggu" in err for _, err in results)
    assert len(project.releases()) == 2
    current = project.server_root / "current"
    assert (current / "index.html").is_file() and project.current() == project.releases()[-1]


def test_publish_to_a_local_folder_the_first_time(project: Project) -> None:
    local = project.dir / "lokal"
    result = project.run("publish", "--pertama", PUBLISH_TARGET=str(local))
    assert result.returncode == 0, result.stderr
    assert (local / "current" / "index.html").is_file()
    project.publish(PUBLISH_TARGET=str(local))  # from then on, no flag


@pytest.mark.parametrize("where", ["local", "ssh"])
def test_a_mistyped_target_is_refused_not_created(project: Project, where: str) -> None:
    typo = project.dir / "server" / "stius"
    target = str(typo) if where == "local" else f"root@127.0.0.1:{typo}"
    for command in ("publish", "releases", "rollback"):
        result = project.run(command, PUBLISH_TARGET=target)
        assert result.returncode == 2, result.stdout
        assert f"folder tujuan '{target}' tidak ada" in result.stderr, result.stderr
        assert "invoke publish --pertama" in result.stderr and "Traceback" not in result.stderr
    assert not typo.exists()
    typo.mkdir()  # an existing folder that never held a release
    result = project.run("publish", PUBLISH_TARGET=target)
    assert result.returncode == 2
    assert "belum pernah dipakai untuk terbit" in result.stderr
    assert list(typo.iterdir()) == []


@pytest.mark.parametrize("program", ["rsync", "ssh"])
def test_a_missing_program_is_a_message(project: Project, tmp_path: Path, program: str) -> None:
    """PATH with every program the publish uses except one."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("rsync", "ssh", "sh", "mkdir", "ls", "readlink", "rm", "mv", "ln", "test", "cat"):
        found = shutil.which(name)
        if found and name != program:
            os.symlink(found, bin_dir / name)
    result = project.run("publish", PATH=str(bin_dir))
    assert result.returncode == 2, result.stdout
    assert f"program '{program}' tidak ditemukan" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert project.releases() == []


def test_missing_target_is_explained(project: Project) -> None:
    env = {k: v for k, v in project.env.items() if k != "PUBLISH_TARGET"}
    result = subprocess.run(
        project.command("publish"), cwd=project.dir, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert "PUBLISH_TARGET belum diisi" in result.stderr


RECORD = """permohonan:
  - kode: "K7MQ-2XDA"
    layanan: "ktp-el-baru"
    kanal: "loket"
    riwayat:
      - status: "diterima"
        waktu: "2026-11-27 09:00"
        oleh: "sari"
"""
DONE = """      - status: "selesai"
        waktu: "2026-11-28 10:00"
        oleh: "sari"
        catatan: "Loket 2"
"""


def uploaded(project: Project, before: str) -> set[str]:
    """Files of the live release that are not hard links to release ``before``'s: what was built anew and sent."""
    old, new = project.server_root / "releases" / before, project.server_root / "current"
    return {
        p.relative_to(new).as_posix()
        for p in new.rglob("*")
        if p.is_file() and not ((old / p.relative_to(new)).is_file() and (old / p.relative_to(new)).samefile(p))
    }


def test_a_status_change_goes_live_on_the_live_release_and_nothing_else_does(project: Project) -> None:
    project.publish()
    first = project.current()
    (project.dir / "content" / "status").mkdir()
    (project.dir / "content" / "status" / "2026-11.yaml").write_text(RECORD, encoding="utf-8")
    page = project.dir / "content" / ANNOUNCEMENT
    page.write_text(page.read_text(encoding="utf-8") + "\nBelum diterbitkan.\n", encoding="utf-8")  # saved since

    result = project.run("publish-status")
    assert result.returncode == 0, result.stderr
    page_files = {"status/K7MQ-2XDA/index.html", "status/K7MQ-2XDA/index.html.gz", "status/K7MQ-2XDA/index.html.br"}
    assert uploaded(project, first) == page_files and stats(result.stdout)[0] == 3
    assert b"Berkas Anda sudah diterima petugas." in project.live("status/K7MQ-2XDA/index.html")
    assert b"Belum diterbitkan" not in project.live("pengumuman/kerja-bakti-karang-asam-ulu/index.html")

    again = project.run("publish-status")  # the 5-minute timer, nothing new
    assert again.returncode == 0 and "tidak berubah" in again.stdout and len(project.releases()) == 2

    second = project.current()
    (project.dir / "content" / "status" / "2026-11.yaml").write_text(RECORD + DONE, encoding="utf-8")
    assert project.run("publish-status").returncode == 0
    figures = {
        f"{name}{side}"
        for name in ("kinerja/index.html", "api/kinerja.json", "layanan/ktp-el-baru/index.html")
        for side in ("", ".gz", ".br")
    }
    assert uploaded(project, second) == page_files | figures  # a finished file counts in how long services take
    assert b"Tempat pengambilan: Loket 2" in project.live("status/K7MQ-2XDA/index.html")

    project.publish()  # the hourly publish brings the rest
    assert b"Belum diterbitkan" in project.live("pengumuman/kerja-bakti-karang-asam-ulu/index.html")
    assert b"Loket 2" in project.live("status/K7MQ-2XDA/index.html")


def test_after_a_rollback_status_changes_wait_for_the_next_publish(project: Project) -> None:
    project.publish()
    page = project.dir / "content" / ANNOUNCEMENT
    page.write_text(page.read_text(encoding="utf-8") + "\nRilis kedua.\n", encoding="utf-8")
    project.publish()
    assert project.run("rollback").returncode == 0
    live = project.current()
    (project.dir / "content" / "status").mkdir()
    (project.dir / "content" / "status" / "2026-11.yaml").write_text(RECORD, encoding="utf-8")
    result = project.run("publish-status")
    assert result.returncode == 1 and "Jalankan invoke publish" in result.stderr and "Traceback" not in result.stderr
    assert project.current() == live and len(project.releases()) == 2  # the rolled-back site stays as chosen


def test_the_shipped_timer_publishes_status_changes_every_five_minutes(project: Project) -> None:
    """deploy/layanan-status.service's command as shipped, run where it runs (the repository, its publishconf.py)."""
    unit = (ROOT / "deploy" / "layanan-status.service").read_text(encoding="utf-8")
    [line] = [line for line in unit.splitlines() if line.startswith("ExecStart=")]
    command = line.removeprefix("ExecStart=").replace("@REPO@/.venv/bin/python", sys.executable).split()
    shutil.copy(ROOT / "publishconf.py", project.dir / "publishconf.py")

    def shipped() -> subprocess.CompletedProcess:
        return subprocess.run(command, cwd=project.dir, env=project.env, capture_output=True, text=True, timeout=300)

    before = shipped()  # installed before the first publish: says why, publishes nothing
    assert before.returncode == 1 and "Jalankan invoke publish" in before.stderr and project.releases() == []
    project.publish()
    (project.dir / "content" / "status").mkdir()
    (project.dir / "content" / "status" / "2026-11.yaml").write_text(RECORD, encoding="utf-8")
    assert shipped().returncode == 0
    assert b"K7MQ-2XDA" in project.live("status/K7MQ-2XDA/index.html")

    timer = (ROOT / "deploy" / "layanan-status.timer").read_text(encoding="utf-8")
    [calendar] = [line.removeprefix("OnCalendar=") for line in timer.splitlines() if line.startswith("OnCalendar=")]
    shown = subprocess.run(["systemd-analyze", "calendar", "--iterations=13", calendar], capture_output=True,
                           text=True, check=True, env={**os.environ, "TZ": "UTC", "LC_ALL": "C"}).stdout  # fmt: skip
    fires = [time.strptime(m, "%Y-%m-%d %H:%M:%S") for m in re.findall(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", shown)]
    gaps = {time.mktime(b) - time.mktime(a) for a, b in itertools.pairwise(fires)}
    assert len(fires) == 13 and gaps == {300.0}  # with the build and upload (seconds), live within 10 minutes
    cron = (ROOT / "deploy" / "crontab").read_text(encoding="utf-8")
    assert "*/5 * * * * cd @REPO@ && .venv/bin/python -m layanan publish-status" in cron


def test_a_file_for_a_service_saved_since_the_last_publish_sends_the_whole_site(project: Project) -> None:
    """The live release's content has no such service: its status page could not be built on it alone."""
    project.publish()
    source = project.dir / "content" / "layanan" / "sktm.md"
    text = source.read_text(encoding="utf-8").replace("judul: ", "judul: Baru ", 1)
    (project.dir / "content" / "layanan" / "sktm-baru.md").write_text(text, encoding="utf-8")
    (project.dir / "content" / "status").mkdir()
    record = RECORD.replace('layanan: "ktp-el-baru"', 'layanan: "sktm-baru"')
    (project.dir / "content" / "status" / "2026-11.yaml").write_text(record, encoding="utf-8")
    result = project.run("publish-status")
    assert result.returncode == 0, result.stderr
    assert "seluruh situs diterbitkan" in result.stdout
    assert b"K7MQ-2XDA" in project.live("status/K7MQ-2XDA/index.html")
    assert project.live("layanan/sktm-baru/index.html")
    again = project.run("publish-status")  # the copy is the whole site's now: nothing left to send
    assert again.returncode == 0 and "tidak berubah" in again.stdout
