"""The editor behind deploy/nginx-editor.conf as shipped: TLS in front, Secure cookies, the Origin check over HTTPS."""

from __future__ import annotations

import http.client
import ssl
from pathlib import Path

import pytest

from layanan import nginx
from layanan.editor import publishing
from layanan.editor.workspace import Workspace
from tests.conftest import ROOT, SAMPLE
from tests.editorkit import PASSWORD, make_repository, start
from tests.servers import certificate, run_nginx

DOMAIN = "penyunting.kecamatan.example"


@pytest.fixture(scope="module")
def behind_tls(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("tls")
    editor = start(make_repository(folder / "situs", SAMPLE))
    cert, key = certificate(folder / "nginx", DOMAIN)
    conf = nginx.render(DOMAIN, "", str(cert), str(key), template=ROOT / "deploy" / "nginx-editor.conf")
    server = run_nginx(folder / "nginx", conf.replace("127.0.0.1:8001", f"127.0.0.1:{editor.port}"))
    yield server.https_port
    server.stop()
    editor.stop()


def post(port: int, path: str, body: bytes, origin: str, cookie: str = "") -> http.client.HTTPResponse:
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=60)
    headers = {"Host": f"{DOMAIN}:{port}", "Origin": origin, "Content-Type": "application/x-www-form-urlencoded"}
    connection.request("POST", path, body, headers | ({"Cookie": cookie} if cookie else {}))
    return connection.getresponse()


def test_login_over_tls_sets_a_secure_cookie(behind_tls: int):
    answer = post(behind_tls, "/masuk", f"pengguna=budi&sandi={PASSWORD}".encode(), f"https://{DOMAIN}:{behind_tls}")
    assert answer.status == 303
    cookie = answer.getheader("Set-Cookie")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert answer.getheader("Strict-Transport-Security")
    api = post(behind_tls, "/admin/api/v1", b'{"action": "info", "params": {}}', f"https://{DOMAIN}:{behind_tls}",
               cookie.split(";")[0])  # fmt: skip
    assert api.status == 200


def test_the_plain_http_origin_is_foreign_behind_tls(behind_tls: int):
    answer = post(behind_tls, "/masuk", f"pengguna=budi&sandi={PASSWORD}".encode(), f"http://{DOMAIN}:{behind_tls}")
    assert answer.status == 403


def test_the_shipped_units_name_the_editor_and_the_queue():
    units = {p.name: p.read_text() for p in (ROOT / "deploy").glob("layanan-editor*")}
    assert "python -m layanan editor --host 127.0.0.1" in units["layanan-editor.service"]
    request = publishing.folder(Workspace(Path("@REPO@"), Path("@REPO@/content"), Path()).state) / publishing.REQUEST
    assert f"PathExists={request}\n" in units["layanan-editor-terbit.path"]
    assert "python -m layanan terbitkan-antrean" in units["layanan-editor-terbit.service"]
    assert "User=@USER@" in units["layanan-editor-terbit.service"]
    assert "User=@EDITOR_USER@" in units["layanan-editor.service"]
