"""The preview server and live reload, driven over real HTTP on 127.0.0.1."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from servers import LOOKUPS

from conftest import LENGKAP, ROOT, SETTINGS, Built
from layanan.tools.serve import make_server

pytestmark = pytest.mark.server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def wait_for(url: str, condition: Callable[[int, str], bool], timeout: float = 30) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    last: tuple[int, str] = (0, "")
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if condition(*last):
                return last
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} never met the condition; last: {last[0]} {last[1][:300]}")


@pytest.fixture
def server(lengkap: Built) -> Iterator[str]:
    httpd = make_server(str(lengkap.root), free_port())
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_serves_pages_and_the_sites_404(server: str) -> None:
    status, body = fetch(server + "/layanan/kedua/")
    assert status == 200 and "Layanan Kedua" in body
    status, body = fetch(server + "/tidak-ada/")
    assert status == 404 and "Halaman tidak ditemukan" in body


@pytest.mark.parametrize(("query", "location"), LOOKUPS)
def test_the_receipt_code_form_is_answered_by_a_redirect_after_its_format_is_checked(
    server: str, query: str, location: str
) -> None:
    connection = http.client.HTTPConnection(server.removeprefix("http://"), timeout=5)
    connection.request("GET", f"/status/cari?{query}")
    response = connection.getresponse()
    assert (response.status, response.getheader("Location")) == (303, location)
    connection.close()


def test_an_unknown_code_gets_the_status_page_s_own_not_found(server: str) -> None:
    status, body = fetch(server + "/status/AAAA-BBBB/")
    assert status == 404 and "Kode tidak ditemukan" in body
    status, body = fetch(server + "/status/K7MQ-2XDA/")
    assert status == 200 and "Fotokopi Kartu Keluarga" in body


def test_livereload_shows_errors_in_the_browser_and_recovers(tmp_path: Path) -> None:
    shutil.copytree(LENGKAP, tmp_path / "content")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1795838400"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "layanan",
            "livereload",
            "-s",
            str(SETTINGS),
            "-c",
            "content",
            "-o",
            "output",
            "-p",
            str(port),
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = f"http://127.0.0.1:{port}/layanan/kedua/"
        wait_for(page, lambda status, body: status == 200 and "Layanan Kedua" in body)
        service = tmp_path / "content" / "layanan" / "kedua.md"
        good = service.read_text(encoding="utf-8")
        service.write_text(good.replace("biaya: 50000", "biaya: 50.000"), encoding="utf-8")
        status, body = wait_for(page, lambda status, body: "Berkas perlu diperbaiki" in body)
        assert status == 500
        assert "content/layanan/kedua.md:10: biaya: &#x27;50.000&#x27; dibaca sebagai angka pecahan 50.0" in body
        service.write_text(good.replace("biaya: 50000", "biaya: 60000"), encoding="utf-8")
        wait_for(page, lambda status, body: status == 200 and "Rp60.000" in body)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serves_only_what_the_build_published(tmp_path: Path) -> None:
    """No folder listings, and nothing reached through a symlink placed in the output."""
    from conftest import build_site

    built = build_site(LENGKAP, tmp_path / "output")
    os.symlink("/etc/passwd", built.root / "passwd.txt")
    os.symlink("/etc", built.root / "sistem")
    httpd = make_server(str(built.root), free_port())
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        for path in ("/passwd.txt", "/sistem/hostname", "/sistem/", "/berkas/", "/theme/", "/feeds/"):
            status, body = fetch(base + path)
            assert status == 404, path
            assert "root:" not in body and "Directory listing" not in body, path
        assert fetch(base + "/berkas/lampiran.txt")[0] == 200
        assert fetch(base + "/layanan/kedua/")[0] == 200
        assert fetch(base + "/")[0] == 200
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_port_in_use_is_a_message(
    server: str, capsys: pytest.CaptureFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from layanan import cli

    monkeypatch.chdir(tmp_path)
    port = server.rsplit(":", 1)[1]
    for command in ("serve", "livereload"):
        code = cli.main([command, "-s", str(SETTINGS), "-c", str(LENGKAP), "-o", "output", "-p", port])
        err = capsys.readouterr().err
        assert code == 2, err
        assert f"port {port} sudah dipakai program lain" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # refused before building anything
