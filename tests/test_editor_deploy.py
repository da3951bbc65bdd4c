"""The editor as deploy/README.md sets it up: the shipped unit's command, nginx-editor.conf on 443 and 80,
a real domain name resolved to 127.0.0.1, and a clerk in Chromium (in Indonesian) whose browser sends
``Origin: https://penyunting.kecamatan.example``, without a port, as every browser does."""

from __future__ import annotations

import http.client
import re
import shlex
import ssl
from pathlib import Path

import pytest

from layanan.editor import publishing
from layanan.editor.workspace import Workspace
from layanan.emit import nginx
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, LENGKAP, ROOT
from tests.editorkit import PASSWORD, git, login, make_repository, open_entry, save, start
from tests.servers import certificate, run_nginx

pytestmark = [pytest.mark.nginx, pytest.mark.root]

DOMAIN = "penyunting.kecamatan.example"
BASE = f"https://{DOMAIN}"


def shipped_command() -> list[str]:
    """The editor's options in deploy/layanan-editor.service, with the domain filled in."""
    unit = (ROOT / "deploy" / "layanan-editor.service").read_text(encoding="utf-8")
    [line] = [line for line in unit.splitlines() if line.startswith("ExecStart=")]
    words = shlex.split(line.removeprefix("ExecStart=").replace("@DOMAIN@", DOMAIN))
    assert words[1:4] == ["-m", "layanan", "editor"], words
    return words[4:]


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("tls")
    options = shipped_command()
    port = int(options[options.index("--port") + 1])
    assert port == 8001 and options[options.index("--host") + 1] == "127.0.0.1"
    rest = [o for i, o in enumerate(options) if o not in ("--port", str(port))]
    editor = start(make_repository(folder / "situs", LENGKAP), *rest, port=port)  # no [ISI: ...]: publishable
    cert, key = certificate(folder / "nginx", DOMAIN)
    conf = nginx.render(DOMAIN, "", str(cert), str(key), template=ROOT / "deploy" / "nginx-editor.conf")
    server = run_nginx(folder / "nginx", conf, https_port=443, http_port=80)
    yield editor
    server.stop()
    editor.stop()


def post(path: str, body: bytes, headers: dict[str, str]) -> http.client.HTTPResponse:
    """A POST to nginx on 127.0.0.1:443, naming the editor's domain (SNI and Host) as a browser would."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", 443, context=context, timeout=60)
    connection.request("POST", path, body, {"Host": DOMAIN, "Content-Type": "application/x-www-form-urlencoded",
                                            **headers})  # fmt: skip
    return connection.getresponse()


@pytest.fixture
def clerk(browser, deployed):
    """A Chromium in Indonesian for which the editor's domain is this machine (a test certificate: accepted)."""
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, "--lang=id", f"--host-resolver-rules=MAP {DOMAIN} 127.0.0.1"],
    )
    context = chromium.new_context(ignore_https_errors=True, locale="id-ID", viewport={"width": 1280, "height": 860})
    tab = context.new_page()
    # Each POST that got its answer: only those surely have the headers Chromium sent (one a navigation
    # cancelled may not, which made this test fail now and then).
    tab.posts = []
    tab.on("requestfinished", lambda r: tab.posts.append(r) if r.method == "POST" else None)
    yield tab
    chromium.close()


def test_a_clerk_logs_in_saves_undoes_and_asks_to_publish_through_nginx_on_443(clerk, deployed):
    login(clerk, deployed, "budi", base=BASE)
    open_entry(clerk, BASE, "layanan", "kedua", "Judul layanan")
    clerk.get_by_label("Ringkasan", exact=True).fill("Untuk warga yang memerlukan layanan kedua.")
    assert "Tersimpan" in save(clerk)
    assert git(deployed.repo, "log", "-1", "--format=%an|%s").strip() == "Budi Santoso|Ubah layanan “Layanan Kedua”"
    clerk.goto(BASE + "/riwayat")
    clerk.locator("tbody tr").first.get_by_role("link").click()
    clerk.get_by_role("button", name="Batalkan perubahan ini").click()
    assert "dibatalkan" in clerk.get_by_role("status").inner_text()
    assert git(deployed.repo, "log", "-1", "--format=%s").strip().startswith("Batalkan: ")
    clerk.goto(BASE + "/terbitkan")
    clerk.get_by_role("button", name="Terbitkan situs").click()
    clerk.wait_for_url(BASE + "/terbitkan")
    assert publishing.status(deployed.repo / ".editor").state == "menunggu"
    # What made it work: the browser's Origin has no port, and the editor compares it normalised.
    origins = [post.header_value("origin") for post in clerk.posts]
    assert len(origins) >= 4 and set(origins) == {BASE}  # log in, save, undo, publish


def test_a_clerk_receives_a_file_at_the_counter_through_nginx_on_443(clerk, deployed):
    clerk.add_init_script("window.print = () => {};")  # the dialog is the browser's
    login(clerk, deployed, "sari", base=BASE)
    clerk.goto(BASE + "/loket")
    clerk.get_by_label("Layanan", exact=True).select_option(label="Layanan Lengkap")
    clerk.get_by_label("Struk 58 mm").check()
    clerk.get_by_role("button", name="Terima dan buat tanda terima").click()
    clerk.wait_for_url(re.compile(re.escape(BASE) + r"/loket/[A-Z0-9]{4}-[A-Z0-9]{4}/cetak\?ukuran=58mm&otomatis=1"))
    code = clerk.locator(".kode-besar strong").inner_text()
    assert (
        git(deployed.repo, "log", "-1", "--format=%an|%s").strip()
        == f"Sari Dewi|Terima berkas {code} (Layanan Lengkap)"
    )
    [paper] = [c for c in clerk.context.cookies() if c["name"] == "loket_ukuran"]
    assert (paper["value"], paper["secure"], paper["httpOnly"]) == ("58mm", True, True)  # as the session's
    assert {post.header_value("origin") for post in clerk.posts} == {BASE}


def test_the_cookie_is_secure_and_an_explicit_default_port_is_the_same_origin(deployed):
    answer = post("/masuk", f"pengguna=sari&sandi={PASSWORD}".encode(), {"Origin": f"{BASE}:443"})
    assert answer.status == 303
    cookie = answer.getheader("Set-Cookie")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert answer.getheader("Strict-Transport-Security")


@pytest.mark.parametrize(
    "origin",
    [f"http://{DOMAIN}", f"https://{DOMAIN}:8443", "https://penyunting.kecamatan.example.evil.example", "null", ""],
)
def test_a_form_from_any_other_origin_is_refused(deployed, origin: str):
    answer = post("/masuk", f"pengguna=sari&sandi={PASSWORD}".encode(), {"Origin": origin} if origin else {})
    assert answer.status == 403


def test_a_name_the_editor_was_not_started_for_gets_nothing(deployed):
    """DNS rebinding: a page on another name that resolves to this machine reads and posts nothing."""
    answer = post("/masuk", f"pengguna=sari&sandi={PASSWORD}".encode(), {"Host": "rebind.example", "Origin":
                  "https://rebind.example"})  # fmt: skip
    assert answer.status == 421
    direct = http.client.HTTPConnection("127.0.0.1", deployed.port, timeout=30)
    direct.request("GET", "/masuk", headers={"Host": f"127.0.0.1:{deployed.port}"})
    assert direct.getresponse().status == 421  # behind the proxy, only its public name is served


def test_the_address_nginx_reports_is_the_one_counted(deployed):
    """Behind nginx, a stranger's failures lock out only the stranger's own (name, address) pair."""
    for _ in range(6):
        post("/masuk", b"pengguna=dewi&sandi=salah-salah-salah", {"Origin": BASE, "X-Real-IP": "203.0.113.9"})
    # nginx sets X-Real-IP itself (127.0.0.1 here), whatever the client sent: all six came from 127.0.0.1.
    answer = post("/masuk", f"pengguna=dewi&sandi={PASSWORD}".encode(), {"Origin": BASE})
    assert answer.status == 429


def test_the_shipped_units_name_the_editor_and_the_queue():
    units = {p.name: p.read_text() for p in (ROOT / "deploy").glob("layanan-editor*")}
    assert "--url https://@DOMAIN@" in units["layanan-editor.service"]
    request = publishing.folder(Workspace(Path("@REPO@"), Path("@REPO@/content"), Path()).state) / publishing.REQUEST
    assert f"PathExists={request}\n" in units["layanan-editor-terbit.path"]
    assert "python -m layanan terbitkan-antrean" in units["layanan-editor-terbit.service"]
    assert "User=@USER@" in units["layanan-editor-terbit.service"]
    assert "User=@EDITOR_USER@" in units["layanan-editor.service"]
