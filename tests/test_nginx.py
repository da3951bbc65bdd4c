"""deploy/nginx.conf, as shipped, served by a real nginx on 127.0.0.1 over TLS."""

from __future__ import annotations

import http.client
import os
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest
from servers import LOOKUPS, NginxServer, start_nginx

from conftest import CHROMIUM, CHROMIUM_ARGS, LENGKAP, PUBLISH_SETTINGS, build_site
from layanan.emit.nginx import NginxError, render

pytestmark = pytest.mark.nginx

DOMAIN = "kec-contoh.example.go.id"


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NginxServer]:
    root = tmp_path_factory.mktemp("server") / "situs"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1795838400")
        mp.delenv("SITEURL", raising=False)
        build_site(LENGKAP, root / "releases" / "20261128T040000Z", settings=PUBLISH_SETTINGS)
    os.symlink("releases/20261128T040000Z", root / "current")
    server = start_nginx(tmp_path_factory.mktemp("nginx"), root, DOMAIN)
    yield server
    server.stop()


def nginx_root(server: NginxServer) -> Path:
    """The folder holding current/ (from the rendered config)."""
    text = (server.config.parent / "site.conf").read_text(encoding="utf-8")
    return Path(text.split("root ", 2)[2].split("/current;")[0])


class Named(http.client.HTTPSConnection):
    """HTTPS to 127.0.0.1 naming ``sni`` in the handshake, as a browser names the host it was given."""

    def __init__(self, port: int, sni: str) -> None:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        super().__init__("127.0.0.1", port, context=context, timeout=10)
        self.sni = sni

    def connect(self) -> None:
        http.client.HTTPConnection.connect(self)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.sni)  # type: ignore[attr-defined]


def get(server: NginxServer, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    connection = Named(server.https_port, DOMAIN)
    connection.request("GET", path, headers={"Host": DOMAIN, **headers})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


SECURITY = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
}


def test_rendered_config_names_the_domain_and_folder() -> None:
    text = render(DOMAIN, "/srv/situs")
    assert f"server_name {DOMAIN};" in text and "root /srv/situs/current;" in text
    assert f"/etc/letsencrypt/live/{DOMAIN}/fullchain.pem" in text
    assert "@" not in text.replace("'self'", "")


def test_http_redirects_to_https_on_the_configured_domain(nginx: NginxServer) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", nginx.http_port, timeout=10)
    connection.request("GET", "/layanan/", headers={"Host": DOMAIN})
    response = connection.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == f"https://{DOMAIN}/layanan/"
    assert response.getheader("Server") == "nginx"  # no version


@pytest.mark.parametrize("host", ["jahat.example", "127.0.0.1"])
def test_a_name_that_is_not_the_site_s_gets_nothing(nginx: NginxServer, host: str) -> None:
    """No page, no redirect and no certificate for a name someone else pointed here (or none at all)."""
    connection = http.client.HTTPConnection("127.0.0.1", nginx.http_port, timeout=10)
    connection.request("GET", "/layanan/", headers={"Host": host})
    with pytest.raises(http.client.RemoteDisconnected):
        connection.getresponse()
    with pytest.raises(ssl.SSLError, match=r"UNRECOGNIZED_NAME|HANDSHAKE_FAILURE|alert"):
        Named(nginx.https_port, host or "jahat.example").connect()
    with pytest.raises(http.client.RemoteDisconnected):  # the site's certificate, then another site's name
        get(nginx, "/layanan/", Host="jahat.example")


@pytest.mark.parametrize(("name", "sandboxed"), [("x.html", True), ("x.SVG", True), ("x.js", True), ("f.pdf", False)])
def test_uploaded_documents_run_no_script(nginx: NginxServer, name: str, sandboxed: bool) -> None:
    release = Path(os.path.realpath(nginx_root(nginx) / "current"))
    (release / "berkas" / name).write_text("<script>alert(1)</script>")
    status, headers, _ = get(nginx, f"/berkas/{name}")
    assert status == 200
    assert headers["content-security-policy"].endswith("; sandbox") == sandboxed
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("path", "cors"),
    [("/api/layanan.json", "*"), ("/api/layanan.schema.json", "*"), ("/feeds/pengumuman.xml", "*"), ("/", None)],
)
def test_open_data_and_feeds_allow_other_origins(nginx: NginxServer, path: str, cors: str | None) -> None:
    status, headers, _ = get(nginx, path, Origin="https://portal.example.go.id")
    assert status == 200
    assert headers.get("access-control-allow-origin") == cors


def test_hidden_files_are_never_served(nginx: NginxServer, tmp_path: Path) -> None:
    release = Path(os.path.realpath(nginx_root(nginx) / "current"))
    (release / ".env").write_text("SANDI=rahasia\n")
    (release / "berkas" / ".git").mkdir()
    (release / "berkas" / ".git" / "config").write_text("[core]\n")
    for path in ("/.env", "/berkas/.git/config", "/.output.kunci"):
        status, headers, body = get(nginx, path)
        assert status == 404, path
        assert b"rahasia" not in body and b"[core]" not in body
        assert headers["server"] == "nginx"


@pytest.mark.parametrize("path", ["/", "/layanan/kedua/", "/pengumuman/", "/kelurahan/desa-a/", "/info/"])
def test_pages_with_security_headers(nginx: NginxServer, path: str) -> None:
    status, headers, body = get(nginx, path)
    assert status == 200 and b'<html lang="id">' in body
    for name, value in SECURITY.items():
        assert headers[name] == value
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "'wasm-unsafe-eval'" in policy and "'unsafe-inline'" not in policy
    assert "camera=()" in headers["permissions-policy"]
    assert headers["cache-control"] == "public, max-age=300"
    assert headers["content-type"] == "text/html; charset=utf-8"


def test_custom_404_with_status_404(nginx: NginxServer) -> None:
    status, headers, body = get(nginx, "/tidak-ada/")
    assert status == 404
    assert b"Halaman tidak ditemukan" in body
    assert headers["x-content-type-options"] == "nosniff"


def test_precompressed_files_are_served(nginx: NginxServer) -> None:
    status, headers, gz = get(nginx, "/layanan/kedua/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    status, headers, br = get(nginx, "/layanan/kedua/", **{"Accept-Encoding": "br"})
    assert status == 200 and headers["content-encoding"] == "br"
    _, headers, plain = get(nginx, "/layanan/kedua/")
    assert "content-encoding" not in headers
    assert len(br) < len(plain) and len(gz) < len(plain)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/feeds/pengumuman.xml", "application/rss+xml"),
        ("/feeds/perubahan-layanan.xml", "application/rss+xml"),
        ("/feeds/kelurahan/desa-a.xml", "application/rss+xml"),
        ("/feeds/pengumuman.atom.xml", "application/atom+xml"),
        ("/api/layanan.json", "application/json"),
    ],
)
def test_feed_and_json_types(nginx: NginxServer, path: str, kind: str) -> None:
    status, headers, _ = get(nginx, path, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["content-type"].split(";")[0] == kind
    assert headers["content-security-policy"]


def test_long_cache_only_for_fingerprinted_assets(nginx: NginxServer) -> None:
    _, _, page = get(nginx, "/")
    css = page.decode().split('href="/theme/css/')[1].split('"')[0]
    script = page.decode().split('src="/theme/js/')[1].split('"')[0]
    for asset in (f"/theme/css/{css}", f"/theme/js/{script}"):
        status, headers, _ = get(nginx, asset)
        assert status == 200
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
    for other in ("/theme/favicon.svg", "/feeds/pengumuman.xml", "/berkas/gambar.svg", "/pagefind/pagefind.js"):
        assert get(nginx, other)[1]["cache-control"] == "public, max-age=300", other


def test_alias_redirects_and_hidden_config(nginx: NginxServer) -> None:
    for old in ("/layanan/nama-lama/", "/layanan/nama-lama"):
        status, headers, _ = get(nginx, old)
        assert status == 301
        assert headers["location"].endswith("/layanan/layanan-lengkap/")
    assert get(nginx, "/nginx-alias.conf")[0] == 404


def test_redirects_never_name_the_host_a_request_claimed(nginx: NginxServer) -> None:
    from layanan.content import routes

    for path in ("/layanan/nama-lama/", f"/s/{routes.short_code('pengumuman', 'pengumuman-lama')}"):
        status, headers, _ = get(nginx, path, Host=f"{DOMAIN}:8443")  # the site's name, another port
        assert status == 301
        assert headers["location"].startswith("/") and "8443" not in headers["location"], path


@pytest.mark.parametrize("site", ["/srv/situs;\n  return 302 https://jahat.example", "srv/situs", "/srv/situs bad",
                                  "/srv/../etc"])  # fmt: skip
def test_a_folder_that_would_be_nginx_syntax_is_refused(site: str) -> None:
    with pytest.raises(NginxError, match="tidak bisa ditulis ke konfigurasi nginx"):
        render(DOMAIN, site)


def test_short_links_redirect_and_calendars_are_calendars(nginx: NginxServer) -> None:
    from layanan.content import routes

    code = routes.short_code("pengumuman", "pengumuman-lama")
    for short in (f"/s/{code}", f"/s/{code}/"):
        status, headers, _ = get(nginx, short)
        assert status == 301 and headers["location"].endswith("/pengumuman/pengumuman-lengkap/")
    status, headers, body = get(nginx, "/kalender/kecamatan.ics")
    assert status == 200 and headers["content-type"] == "text/calendar; charset=utf-8"
    assert body.startswith(b"BEGIN:VCALENDAR")


def test_redirect_pages_get_no_side_files_and_nginx_answers_them_compressed_or_not(nginx: NginxServer) -> None:
    """Nobody is sent a redirect page's bytes: nginx answers its address itself, so it is never compressed."""
    from layanan.content import routes

    code = routes.short_code("pengumuman", "pengumuman-lama")
    release = nginx_root(nginx) / "current"
    for page in (f"s/{code}/index.html", "layanan/nama-lama/index.html"):
        assert (release / page).is_file(), page
        assert not list((release / page).parent.glob("index.html.*")), page
        status, headers, _ = get(nginx, "/" + page.removesuffix("index.html"), **{"Accept-Encoding": "br, gzip"})
        assert status == 301 and "content-encoding" not in headers, page
    assert (release / "layanan" / "kedua" / "index.html.br").is_file()


def test_search_works_in_chromium_under_the_csp(nginx: NginxServer, browser) -> None:
    # The site's domain is this machine for this Chromium: it sends the name, as it would from a phone.
    chromium = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, f"--host-resolver-rules=MAP {DOMAIN} 127.0.0.1"]
    )
    page = chromium.new_context(ignore_https_errors=True).new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"https://{DOMAIN}:{nginx.https_port}/")
    page.fill("#cari-q", "sinonimunik")
    page.wait_for_selector(".cari-hasil a", timeout=15000)
    first = page.locator(".cari-hasil a").first.get_attribute("href")
    chromium.close()
    assert first == "/layanan/layanan-lengkap/"
    assert problems == []


@pytest.mark.parametrize(("query", "location"), LOOKUPS)
def test_the_receipt_code_form_is_answered_after_its_format_is_checked(
    nginx: NginxServer, query: str, location: str
) -> None:
    status, headers, _ = get(nginx, f"/status/cari?{query}")
    assert (status, headers.get("location")) == (303, location)


def test_an_unknown_code_is_a_404_with_the_status_lookup_s_own_page(nginx: NginxServer) -> None:
    status, _, body = get(nginx, "/status/AAAA-BBBB/")
    assert status == 404 and "Kode tidak ditemukan" in body.decode("utf-8")
    status, headers, body = get(nginx, "/status/K7MQ-2XDA/")
    assert status == 200 and "Fotokopi Kartu Keluarga" in body.decode("utf-8")
    assert headers["content-security-policy"].startswith("default-src 'self'")


def test_nobody_may_try_codes_fast(nginx: NginxServer) -> None:
    """Run last but one: the address stays limited for a while (its error log lines are [error], not worse)."""
    statuses = [get(nginx, "/status/AAAA-BBBB/")[0] for _ in range(80)]
    assert statuses[0] == 404 and 429 in statuses
    assert statuses.count(404) <= 40  # a burst of 30, and the rate of one a second meanwhile


def test_error_log_is_clean(nginx: NginxServer) -> None:
    log = Path(nginx.error_log).read_text(encoding="utf-8") if Path(nginx.error_log).exists() else ""
    assert "[emerg]" not in log and "[crit]" not in log
