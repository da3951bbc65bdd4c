"""The editor's web server: login, Decap and its API, preview, history and the publish page.

Standard library only (http.server, one thread per request): the editor serves
a handful of clerks, and every write goes through one lock anyway.
"""

from __future__ import annotations

import json
import re
import threading
import traceback
import urllib.parse
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from layanan.editor import auth, config, pages, proxy, publishing, repo, staging, users
from layanan.editor.workspace import Workspace
from layanan.situs import load as load_situs

STATIC = Path(__file__).parent / "static"
STATIC_TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".html": "text/html",
    ".wasm": "application/wasm",
    ".txt": "text/plain",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".ics": "text/calendar",
}
MAX_FORM = 10_000
MAX_API = 15 * 1024 * 1024  # a 10 MB upload, base64-encoded, and the rest of the request
DRAIN = 64 * 1024 * 1024  # bodies up to this size are read to the end before a 413, so the browser sees it
COOKIE = "sesi"
# Decap needs inline styles (emotion) and eval-free wasm; nothing is loaded from another host.
CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' blob: data:; frame-src 'self' blob:; "
    "font-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'self'"
)
# Decap validates its config with ajv, which compiles schemas to functions: eval, on its page only.
DECAP_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'")
# Root-relative links in the preview (the site is built for /) point into /pratinjau/ instead.
ROOT_LINK = re.compile(rb"""((?:\s(?:href|src|action|srcset|poster)=|url\(|;\s*url=)["']?)/(?!/)""")


class Editor(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], ws: Workspace, decap: Path):
        super().__init__(address, Handler)
        self.ws = ws
        self.decap = decap
        self.sessions = auth.Sessions()
        # One clerk's name: a few guesses. One address: more, as an office shares one behind NAT.
        self.names = auth.Throttle(limit=5)
        self.addresses = auth.Throttle(limit=30)


class Handler(BaseHTTPRequestHandler):
    server: Editor
    server_version = "penyunting"
    sys_version = ""

    # --- plumbing ----------------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:
        pass  # requests are not logged: bodies and cookies never reach a log file

    def _https(self) -> bool:
        """Behind a TLS proxy on this machine (deploy/nginx-editor.conf sets the header)."""
        return self.client_address[0] in ("127.0.0.1", "::1") and self.headers.get("X-Forwarded-Proto") == "https"

    def _client(self) -> str:
        """The client's address; behind the TLS proxy on this machine, the one it reports."""
        forwarded = self.headers.get("X-Real-IP") if self.client_address[0] in ("127.0.0.1", "::1") else None
        return forwarded or self.client_address[0]

    def _origin_ok(self) -> bool:
        host = self.headers.get("Host", "")
        return bool(host) and self.headers.get("Origin") == f"{'https' if self._https() else 'http'}://{host}"

    def _send(
        self, status: int, body: bytes, kind: str = "text/html; charset=utf-8", headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        headers = {"Cache-Control": "no-store", "Content-Security-Policy": CSP, **(headers or {})}
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "same-origin")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode(), "application/json; charset=utf-8")

    def _redirect(self, location: str, headers: dict[str, Any] | None = None) -> None:
        self._send(HTTPStatus.SEE_OTHER, b"", headers={"Location": location, **(headers or {})})

    def _page(self, status: int, template: str, **context: Any) -> None:
        self._send(status, pages.render(template, **context))

    def _token(self) -> str | None:
        cookie = SimpleCookie(self.headers.get("Cookie", ""))
        return cookie[COOKIE].value if COOKIE in cookie else None

    def _user(self) -> users.User | None:
        name = self.server.sessions.user(self._token())
        return users.load(self.server.ws.state).get(name) if name else None

    def _body(self, limit: int) -> bytes | None:
        """The request body, or None when it is over ``limit`` (read and dropped, so the answer arrives)."""
        try:
            length = max(0, int(self.headers.get("Content-Length") or 0))
        except ValueError:
            return None
        if length <= limit:
            return self.rfile.read(length)
        remaining = length if length <= DRAIN else 0
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 1 << 20))
            if not chunk:
                break
            remaining -= len(chunk)
        return None

    def _path(self) -> str:
        return urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)

    # --- GET ---------------------------------------------------------------------

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        self._safely(self._get)

    def do_POST(self) -> None:
        self._safely(self._post)

    def _safely(self, method: Any) -> None:
        """A fault of ours is logged for the technical officer and answered 500, never a dropped connection."""
        try:
            method()
        except Exception:
            traceback.print_exc()
            message = "Terjadi kesalahan di server penyunting; tidak ada yang disimpan. Laporkan ke petugas teknis."
            if self._path() == "/admin/api/v1":
                self._json(500, {"error": message})
            else:
                self._send(500, message.encode(), "text/plain; charset=utf-8")

    def _get(self) -> None:
        path = self._path()
        if path == "/":
            return self._redirect("/admin/")
        if path == "/masuk":
            if self._user():
                return self._redirect("/admin/")
            return self._page(200, "masuk.html", title="Masuk", user=None, name="", message="")
        if path == "/keluar":
            return self._logout()
        if path == "/favicon.ico":
            return self._send(204, b"", "image/x-icon")
        if path.startswith("/admin/decap/"):
            return self._file(self.server.decap, path.removeprefix("/admin/decap/"), cache=True)
        if path in ("/admin/id.js", "/admin/editor.css", "/admin/mulai.js", "/admin/jalankan.js"):
            return self._file(STATIC, path.removeprefix("/admin/"))
        user = self._user()
        if user is None:
            return self._redirect("/masuk")
        if path == "/admin":
            return self._redirect("/admin/")
        if path == "/admin/":
            return self._file(STATIC, "admin.html", csp=DECAP_CSP)
        if path == "/admin/config.yml":
            return self._config()
        if match := re.fullmatch(rf"/{config.PREVIEW_PATH}([a-z]+)/([A-Za-z0-9_-]+)", path):
            url = proxy.preview_url(self.server.ws, match[1], match[2])
            return self._redirect(url or "/pratinjau/")
        if path == "/pratinjau" or path.startswith("/pratinjau/"):
            return self._preview(path.removeprefix("/pratinjau"))
        if path == "/riwayat":
            return self._history(user)
        if match := re.fullmatch(r"/riwayat/([0-9a-f]{40})", path):
            return self._change(user, match[1])
        if path == "/terbitkan":
            if not user.publishes:
                return self._forbidden(user)
            return self._send(200, pages.publish_page(self.server.ws, user))
        return self._send(404, b"Tidak ditemukan", "text/plain; charset=utf-8")

    def _file(self, folder: Path, name: str, cache: bool = False, csp: str = CSP) -> None:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name) or not (folder / name).is_file():
            return self._send(404, b"Tidak ditemukan", "text/plain; charset=utf-8")
        kind = STATIC_TYPES.get(Path(name).suffix, "application/octet-stream")
        headers = {"Content-Security-Policy": csp}
        if cache:
            headers["Cache-Control"] = "public, max-age=31536000, immutable"
        self._send(200, (folder / name).read_bytes(), kind + ("; charset=utf-8" if kind.startswith("text") else ""),
                   headers)  # fmt: skip

    def _config(self) -> None:
        ws = self.server.ws
        situs, _ = load_situs(str(ws.content))
        values = (
            {"kategori_layanan": situs.kategori_layanan, "kategori_pengumuman": situs.kategori_pengumuman}
            if (situs)
            else {}
        )
        branch = repo.git(ws.root, "rev-parse", "--abbrev-ref", "HEAD").strip()
        text = yaml.safe_dump(config.generate(values, branch, ws.prefix), allow_unicode=True, sort_keys=False)
        self._send(200, text.encode("utf-8"), "text/yaml; charset=utf-8")

    def _preview(self, path: str) -> None:
        root = self.server.ws.preview
        if not (root / "index.html").is_file():
            body = pages.render("base.html", title="Pratinjau sedang dibuat; muat ulang halaman ini sebentar lagi",
                                user=None, refresh=3)  # fmt: skip
            return self._send(503, body)
        target = (root / path.lstrip("/")).resolve()
        if not target.is_relative_to(root.resolve()):
            return self._send(404, b"Tidak ditemukan", "text/plain; charset=utf-8")
        if target.is_dir():
            if not path.endswith("/"):
                return self._redirect(f"/pratinjau{path}/")
            target = target / "index.html"
        status = 200
        if not target.is_file():
            status, target = 404, root.resolve() / "404.html"
        body = target.read_bytes() if target.is_file() else b"Tidak ditemukan"
        kind = STATIC_TYPES.get(target.suffix, "application/octet-stream")
        if target.suffix in (".html", ".css"):
            body = ROOT_LINK.sub(rb"\1/pratinjau/", body)
        # An uploaded file runs nothing on the editor's origin, whatever it holds (an SVG with a script).
        headers = {"Content-Security-Policy": "sandbox; default-src 'none'"} if path.startswith("/berkas/") else None
        self._send(status, body, kind + ("; charset=utf-8" if kind.startswith("text") else ""), headers)

    def _history(self, user: users.User, message: str = "", failed: bool = False, status: int = 200) -> None:
        entries = pages.history(self.server.ws)
        self._page(status, "riwayat.html", title="Riwayat perubahan", user=user, entries=entries, message=message,
                   failed=failed)  # fmt: skip

    def _change(self, user: users.User, sha: str) -> None:
        ws = self.server.ws
        found = [e for e in pages.history(ws) if e["commit"] == sha]
        if not found:
            return self._send(404, b"Perubahan tidak ditemukan", "text/plain; charset=utf-8")
        lines = pages.diff_lines(repo.diff(ws.root, sha))
        self._page(200, "perubahan.html", title=found[0]["message"], user=user, entry=found[0], lines=lines)

    def _forbidden(self, user: users.User) -> None:
        self._page(403, "base.html", title="Hanya untuk penerbit: minta petugas berperan penerbit", user=user)

    # --- POST --------------------------------------------------------------------

    def _post(self) -> None:
        path = self._path()
        if not self._origin_ok():
            if path == "/admin/api/v1":
                return self._json(403, {"error": "permintaan dari situs lain ditolak"})
            return self._send(403, b"Permintaan dari situs lain ditolak.", "text/plain; charset=utf-8")
        if path == "/masuk":
            return self._login()
        if path == "/keluar":
            return self._logout()
        user = self._user()
        if path == "/admin/api/v1":
            return self._api(user)
        if user is None:
            return self._redirect("/masuk")
        if match := re.fullmatch(r"/riwayat/([0-9a-f]{40})/batalkan", path):
            return self._undo(user, match[1]) if user.publishes else self._forbidden(user)
        if path == "/terbitkan":
            if not user.publishes:
                return self._forbidden(user)
            publishing.ask(self.server.ws.state, user.nama, repo.head(self.server.ws.root))
            return self._redirect("/terbitkan")
        return self._send(404, b"Tidak ditemukan", "text/plain; charset=utf-8")

    def _login(self) -> None:
        body = self._body(MAX_FORM)
        form = urllib.parse.parse_qs((body or b"").decode("utf-8", errors="replace"))
        name = form.get("pengguna", [""])[0].strip().lower()
        password = form.get("sandi", [""])[0]
        address = self._client()
        wait = max(self.server.names.wait(name), self.server.addresses.wait(address))
        if wait:
            message = f"Terlalu banyak percobaan yang salah. Coba lagi dalam {max(1, wait // 60)} menit."
            return self._page(429, "masuk.html", title="Masuk", user=None, name=name, message=message)
        user = users.authenticate(self.server.ws.state, name, password)
        if user is None:
            self.server.names.failed(name)
            self.server.addresses.failed(address)
            message = "Nama pengguna atau sandi salah. Periksa huruf besar-kecil sandi, lalu coba lagi."
            return self._page(401, "masuk.html", title="Masuk", user=None, name=name, message=message)
        self.server.names.succeeded(name)
        token = self.server.sessions.start(user.name)
        secure = "; Secure" if self._https() else ""
        self._redirect("/admin/", {"Set-Cookie": f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}"})

    def _logout(self) -> None:
        self.server.sessions.end(self._token())
        self._redirect("/masuk", {"Set-Cookie": f"{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"})

    def _api(self, user: users.User | None) -> None:
        if user is None:
            return self._json(401, {"error": "sesi berakhir; muat ulang halaman lalu masuk lagi"})
        body = self._body(MAX_API)
        if body is None:
            return self._json(413, {"error": "kiriman terlalu besar; berkas paling besar 10 MB"})
        try:
            request = json.loads(body)
            if not isinstance(request, dict):
                raise ValueError
        except ValueError:
            return self._json(400, {"error": "permintaan tidak dapat dibaca"})
        try:
            answer = proxy.handle(self.server.ws, user, request.get("action"), request.get("params"))
        except proxy.Refused as exc:
            return self._json(exc.status, {"error": exc.message})
        except repo.RepoError as exc:
            return self._json(500, {"error": f"Perubahan TIDAK disimpan: {exc}"})
        self._json(200, answer)

    def _undo(self, user: users.User, sha: str) -> None:
        ws = self.server.ws
        try:
            change = repo.reverse(ws.root, sha)
        except repo.Conflict:
            message = "Perubahan itu tidak bisa dibatalkan otomatis: bagian yang sama sudah diubah lagi sesudahnya."
            return self._history(user, message + " Sunting isinya langsung.", failed=True, status=409)
        if not change.paths:
            return self._history(user, "Tidak ada yang perlu dibatalkan; isinya sudah seperti sebelum perubahan itu.")
        subject = repo.git(ws.root, "show", "-s", "--format=%s", sha).strip()
        try:
            proxy.save(
                ws, change, user, f"Batalkan: {subject}"[:200], "Pembatalan TIDAK disimpan; hasilnya bermasalah:"
            )
        except proxy.Refused as exc:
            return self._history(user, exc.message, failed=True, status=exc.status)
        self._history(user, f'Perubahan "{subject}" dibatalkan.')


def prepare(ws: Workspace) -> None:
    """Tidy a killed save and build the first preview (in the background: the server starts at once)."""
    ws.state.mkdir(mode=0o700, exist_ok=True)

    def first_preview() -> None:
        with ws.saving, repo.locked(ws.root, ws.state):
            staging.mirror(ws.content, ws.mirror)
            staging.build(ws.settings, ws.mirror, ws.preview)

    with repo.locked(ws.root, ws.state):
        pass
    threading.Thread(target=first_preview, daemon=True).start()
