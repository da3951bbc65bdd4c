"""The editor's web application: login, Decap and its API, preview, history and the publish page.

It is a WSGI application served by waitress (``serve``): a maintained, pure-Python
server with a thread pool, a cap on connections, a timeout for idle and half-sent
requests and a real listen backlog, which ``http.server`` has none of. The routes
are one table; sessions, the origin check and the pages stay ours.
"""

from __future__ import annotations

import json
import posixpath
import re
import threading
import traceback
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from typing import Any

import yaml

from layanan.content import receipts
from layanan.editor import audit, auth, changes, config, counter, loket, pages, proxy, publishing, repo, staging, users
from layanan.editor.address import Public, loopback
from layanan.editor.workspace import Workspace
from layanan.read.situsyaml import load as load_situs

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
COOKIE = "sesi"
SIZE_COOKIE = "loket_ukuran"  # the counter's paper: its printer does not change from one file to the next
# Decap needs inline styles (emotion) and eval-free wasm; nothing is loaded from another host.
CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' blob: data:; frame-src 'self' blob:; "
    "font-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'self'"
)
# Decap validates its config with ajv, which compiles schemas to functions: eval, on its page only.
DECAP_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'")
# A file from content/ runs nothing on the editor's origin, whatever it holds (an SVG with a script).
SANDBOX = "sandbox; default-src 'none'"
# Root-relative links in the preview (the site is built for /) point into /pratinjau/ instead.
ROOT_LINK = re.compile(rb"""((?:\s(?:href|src|action|srcset|poster)=|url\(|;\s*url=)["']?)/(?!/)""")
TEXT = "text/plain; charset=utf-8"
BUSY = "Terlalu banyak yang sedang masuk bersamaan. Tunggu beberapa detik, lalu tekan Masuk lagi."


@dataclass
class Request:
    method: str
    path: str  # percent-decoded
    headers: dict[str, str]  # names in lower case
    client: str
    stream: Any
    length: int | None
    query: str = ""

    @classmethod
    def from_environ(cls, environ: dict[str, Any], client: str) -> Request:
        headers = {k[5:].replace("_", "-").lower(): v for k, v in environ.items() if k.startswith("HTTP_")}
        if "CONTENT_TYPE" in environ:
            headers["content-type"] = environ["CONTENT_TYPE"]
        try:
            length: int | None = max(0, int(environ.get("CONTENT_LENGTH") or 0))
        except ValueError:
            length = None
        raw = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", errors="replace")
        query = str(environ.get("QUERY_STRING", ""))
        return cls(environ["REQUEST_METHOD"], raw, headers, client, environ["wsgi.input"], length, query)

    def body(self, limit: int) -> bytes | None:
        """The body, or None when it is larger than ``limit`` (the server has read it whole already)."""
        if self.length is None or self.length > limit:
            return None
        return bytes(self.stream.read(self.length))

    def form(self) -> dict[str, list[str]]:
        """A posted form's fields (empty when it is larger than a form can be)."""
        return urllib.parse.parse_qs((self.body(MAX_FORM) or b"").decode("utf-8", errors="replace"))

    def asked(self, name: str) -> str:
        """A query parameter's first value ("" when absent)."""
        return urllib.parse.parse_qs(self.query).get(name, [""])[0][:100]

    def cookie(self, name: str) -> str | None:
        try:
            jar = SimpleCookie(self.headers.get("cookie", ""))
        except CookieError:
            return None
        return jar[name].value if name in jar else None


@dataclass
class Response:
    status: int
    body: bytes = b""
    kind: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def text(status: int, message: str) -> Response:
    return Response(status, message.encode(), TEXT)


def answer_json(status: int, data: Any) -> Response:
    return Response(status, json.dumps(data, ensure_ascii=False).encode(), "application/json; charset=utf-8")


def redirect(location: str, headers: dict[str, str] | None = None) -> Response:
    return Response(HTTPStatus.SEE_OTHER, headers={"Location": location, **(headers or {})})


def page(status: int, template: str, **context: Any) -> Response:
    return Response(status, pages.render(template, **context))


NOT_FOUND = "Tidak ditemukan"
# method, path, the Editor method that answers, who may: "semua", "pengguna" (logged in), "penerbit",
# or "api" (logged in, answered in JSON). GET answers HEAD too; every POST must come from our own pages.
ROUTES = [
    ("GET", r"/", "home", "semua"),
    ("GET", r"/masuk", "login_form", "semua"),
    ("POST", r"/masuk", "login", "semua"),
    ("GET", r"/keluar", "logout", "semua"),
    ("POST", r"/keluar", "logout", "semua"),
    ("GET", r"/favicon\.ico", "favicon", "semua"),
    ("GET", r"/admin/decap/(.+)", "decap_file", "semua"),
    ("GET", r"/admin/(id\.js|editor\.css|mulai\.js|jalankan\.js|loket\.js)", "own_file", "semua"),
    ("POST", r"/admin/api/v1", "api", "api"),
    ("GET", r"/admin", "home", "pengguna"),
    ("GET", r"/admin/", "decap_page", "pengguna"),
    ("GET", r"/admin/config\.yml", "config", "pengguna"),
    ("GET", rf"/{config.PREVIEW_PATH}([a-z]+)/([A-Za-z0-9_-]+)", "preview_item", "pengguna"),
    ("GET", r"/pratinjau(/.*)?", "preview", "pengguna"),
    ("GET", r"/riwayat", "history", "pengguna"),
    ("GET", r"/riwayat/([0-9a-f]{40})", "change", "pengguna"),
    ("POST", r"/riwayat/([0-9a-f]{40})/batalkan", "undo", "penerbit"),
    ("GET", r"/terbitkan", "publish_page", "penerbit"),
    ("POST", r"/terbitkan", "publish", "penerbit"),
    ("POST", r"/terbitkan/batal", "cancel_publish", "penerbit"),
    ("GET", r"/catatan", "audit_page", "penerbit"),
    ("GET", r"/loket", "counter_page", "pengguna"),
    ("POST", r"/loket", "counter_receive", "pengguna"),
    ("GET", r"/loket/cari", "counter_find", "pengguna"),
    ("GET", rf"/loket/({receipts.CODE.pattern})", "counter_file", "pengguna"),
    ("POST", rf"/loket/({receipts.CODE.pattern})", "counter_update", "pengguna"),
    ("GET", rf"/loket/({receipts.CODE.pattern})/cetak", "counter_print", "pengguna"),
]
WRITES = ("persistEntry", "persistMedia", "deleteFile", "deleteFiles")


@dataclass(frozen=True)
class Route:
    method: str  # GET also answers HEAD
    pattern: re.Pattern[str]
    handler: Callable[..., Response]
    access: str  # "semua", "pengguna" (logged in), "penerbit"


class Editor:
    """The WSGI application over one workspace."""

    def __init__(self, ws: Workspace, decap: Path, public: Public, runs_queue: bool = False):
        self.ws = ws
        # On a developer's machine the editor runs the publish queue itself (`invoke editor`);
        # in an office the publishing user's systemd unit does, holding the SSH key the editor never sees.
        self.runs_queue = runs_queue
        self.decap = decap
        self.public = public
        self.sessions = auth.Sessions()
        self.guard = auth.Guard()
        self.audit = audit.Log(ws.state)
        self.routes = [Route(m, re.compile(p), getattr(self, h), a) for m, p, h, a in ROUTES]

    # --- plumbing ----------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request.from_environ(environ, self.client(environ))
        try:
            response = self.dispatch(request)
        except Exception:
            traceback.print_exc()  # for the technical officer, in the service's log; the clerk gets a sentence
            message = "Terjadi kesalahan di server penyunting; tidak ada yang disimpan. Laporkan ke petugas teknis."
            response = answer_json(500, {"error": message}) if request.path == "/admin/api/v1" else text(500, message)
        headers = {"Cache-Control": "no-store", "Content-Security-Policy": CSP, **response.headers}
        headers |= {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}
        if not response.headers.get("Content-Type"):
            headers["Content-Type"] = response.kind
        headers["Content-Length"] = str(len(response.body))
        status = HTTPStatus(response.status)
        start_response(f"{status.value} {status.phrase}", list(headers.items()))
        return [b"" if request.method == "HEAD" else response.body]

    def client(self, environ: dict[str, Any]) -> str:
        """The client's address. Behind the TLS proxy (an https --url), the one the proxy on this machine reports."""
        peer = str(environ.get("REMOTE_ADDR", ""))
        forwarded = environ.get("HTTP_X_REAL_IP")
        if forwarded and self.public.https and loopback(peer):
            return str(forwarded)
        return peer

    def dispatch(self, request: Request) -> Response:
        if not self.public.host_ok(request.headers.get("host")):
            # A name this editor was not started for (DNS rebinding, a mistyped proxy): nothing is served.
            return text(421, "Alamat penyunting ini tidak dikenal; buka penyunting lewat alamat resminya.")
        method = "GET" if request.method == "HEAD" else request.method
        allowed = False
        for route in self.routes:
            match = route.pattern.fullmatch(request.path)
            if match is None:
                continue
            allowed = True
            if route.method != method:
                continue
            if method == "POST" and not self.public.origin_ok(request.headers.get("origin")):
                if route.access == "api":
                    return answer_json(403, {"error": "permintaan dari situs lain ditolak"})
                return text(403, "Permintaan dari situs lain ditolak.")
            user = self.user(request)
            if route.access == "api" and user is None:
                return answer_json(401, {"error": "sesi berakhir; muat ulang halaman lalu masuk lagi"})
            if route.access in ("pengguna", "penerbit") and user is None:
                return redirect("/masuk")
            if route.access == "penerbit" and user is not None and not user.publishes:
                return page(403, "base.html", title="Hanya untuk penerbit: minta petugas berperan penerbit", user=user)
            return route.handler(request, user, *match.groups())
        if allowed:
            return Response(405, b"", headers={"Allow": "GET, HEAD, POST"})
        return text(404, NOT_FOUND)

    def user(self, request: Request) -> users.User | None:
        found = self.sessions.user(request.cookie(COOKIE))
        if found is None:
            return None
        name, fingerprint = found
        user = users.load(self.ws.state).get(name)
        # A new password (or a removed account) ends the sessions opened before it.
        return user if user is not None and auth.fingerprint(user.hash) == fingerprint else None

    def file(self, folder: Path, name: str, cache: bool = False, csp: str = CSP) -> Response:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}", name) or not (folder / name).is_file():
            return text(404, NOT_FOUND)
        kind = STATIC_TYPES.get(Path(name).suffix, "application/octet-stream")
        headers = {"Content-Security-Policy": csp}
        if cache:
            headers["Cache-Control"] = "public, max-age=31536000, immutable"
        charset = "; charset=utf-8" if kind.startswith("text") else ""
        return Response(200, (folder / name).read_bytes(), kind + charset, headers)

    # --- login -------------------------------------------------------------------

    def login_form(self, request: Request, user: users.User | None) -> Response:
        if user:
            return redirect("/admin/")
        return page(200, "masuk.html", title="Masuk", user=None, name="", message="")

    def login(self, request: Request, user: users.User | None) -> Response:
        form = request.form()
        name = form.get("pengguna", [""])[0].strip().lower()[:64]
        password = form.get("sandi", [""])[0][:1024]

        def refused(status: int, message: str) -> Response:
            return page(status, "masuk.html", title="Masuk", user=None, name=name, message=message)

        wait, stamp = self.guard.reserve(name, request.client)
        if wait:
            self.audit.event("masuk-ditahan", name, request.client)
            return refused(429, f"Terlalu banyak percobaan yang salah. Coba lagi dalam {max(1, wait // 60)} menit.")
        with self.guard.checking() as may:
            if not may:
                self.guard.succeeded(name, request.client, stamp)  # not checked: not an attempt
                response = refused(503, BUSY)
                response.headers["Retry-After"] = "5"
                return response
            found = users.authenticate(self.ws.state, name, password)
        if found is None:
            self.audit.event("masuk-gagal", name, request.client)
            return refused(401, "Nama pengguna atau sandi salah. Periksa huruf besar-kecil sandi, lalu coba lagi.")
        self.guard.succeeded(name, request.client, stamp)
        self.audit.event("masuk", found.name, request.client)
        token = self.sessions.start(found.name, found.hash)
        secure = "; Secure" if self.public.https else ""
        return redirect("/admin/", {"Set-Cookie": f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}"})

    def logout(self, request: Request, user: users.User | None) -> Response:
        if user is not None:
            self.audit.event("keluar", user.name, request.client)
        self.sessions.end(request.cookie(COOKIE))
        return redirect("/masuk", {"Set-Cookie": f"{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"})

    # --- Decap -------------------------------------------------------------------

    def home(self, request: Request, user: users.User | None) -> Response:
        return redirect("/admin/")

    def favicon(self, request: Request, user: users.User | None) -> Response:
        return Response(204, kind="image/x-icon")

    def decap_page(self, request: Request, user: users.User | None) -> Response:
        return self.file(STATIC, "admin.html", csp=DECAP_CSP)

    def decap_file(self, request: Request, user: users.User | None, name: str) -> Response:
        return self.file(self.decap, name, cache=True)

    def own_file(self, request: Request, user: users.User | None, name: str) -> Response:
        return self.file(STATIC, name)

    def config(self, request: Request, user: users.User | None) -> Response:
        situs, _ = load_situs(str(self.ws.content))
        values = (
            {"kategori_layanan": situs.kategori_layanan, "kategori_pengumuman": situs.kategori_pengumuman}
            if situs
            else {}
        )
        branch = repo.git(self.ws.root, "rev-parse", "--abbrev-ref", "HEAD").strip()
        generated = config.generate(values, branch, self.ws.prefix)
        body = yaml.safe_dump(generated, allow_unicode=True, sort_keys=False)
        return Response(200, body.encode("utf-8"), "text/yaml; charset=utf-8")

    def api(self, request: Request, user: users.User | None) -> Response:
        assert user is not None
        body = request.body(MAX_API)
        if body is None:
            return answer_json(413, {"error": "kiriman terlalu besar; berkas paling besar 10 MB"})
        try:
            asked = json.loads(body)
            if not isinstance(asked, dict):
                raise ValueError
        except ValueError:
            return answer_json(400, {"error": "permintaan tidak dapat dibaca"})
        action = asked.get("action")
        writes = action in WRITES
        before = repo.head(self.ws.root) if writes else ""
        try:
            result = proxy.handle(self.ws, user, action, asked.get("params"))
        except proxy.Refused as exc:
            if writes:
                self.audit.event("ditolak", user.name, request.client, rincian=f"{action}: {exc.message[:300]}")
            return answer_json(exc.status, {"error": exc.message, "masalah": exc.records})
        except repo.RepoError as exc:
            return answer_json(500, {"error": f"Perubahan TIDAK disimpan: {exc}"})
        if writes and repo.head(self.ws.root) != before:
            subject = repo.git(self.ws.root, "log", "-1", "--format=%s").strip()
            self.audit.event("simpan", user.name, request.client, rincian=subject)
        return answer_json(200, result)

    # --- preview -----------------------------------------------------------------

    def preview_item(self, request: Request, user: users.User | None, collection: str, slug: str) -> Response:
        return redirect(proxy.preview_url(self.ws, collection, slug) or "/pratinjau/")

    def preview(self, request: Request, user: users.User | None, rest: str | None) -> Response:
        root = self.ws.preview.resolve()
        if not (root / "index.html").is_file():
            body = pages.render("base.html", title="Pratinjau sedang dibuat; muat ulang halaman ini sebentar lagi",
                                user=None, refresh=3)  # fmt: skip
            return Response(503, body)
        asked = rest or "/"
        if "\x00" in asked or any(len(part.encode()) > 255 for part in asked.split("/")):
            return text(404, NOT_FOUND)
        normal = posixpath.normpath("/" + asked.lstrip("/"))
        target = (root / normal.lstrip("/")).resolve()
        if not target.is_relative_to(root):
            return text(404, NOT_FOUND)
        if target.is_dir():
            if not asked.endswith("/"):
                return redirect(f"/pratinjau{normal.rstrip('/')}/")
            target = target / "index.html"
        status = 200
        if not target.is_file():
            status, target = 404, root / "404.html"
        body = target.read_bytes() if target.is_file() else NOT_FOUND.encode()
        kind = STATIC_TYPES.get(target.suffix, "application/octet-stream")
        if target.suffix in (".html", ".css"):
            body = ROOT_LINK.sub(rb"\1/pratinjau/", body)
        # Decided on the file served, not on how its address was spelt (//berkas/, /x/../berkas/, %2F).
        headers = {"Content-Security-Policy": SANDBOX} if target.is_relative_to(root / "berkas") else {}
        return Response(status, body, kind + ("; charset=utf-8" if kind.startswith("text") else ""), headers)

    # --- history -----------------------------------------------------------------

    def history(self, request: Request, user: users.User | None, message: str = "", failed: bool = False,
                status: int = 200) -> Response:  # fmt: skip
        counter = request.asked("loket") == "1"
        entries = pages.history(self.ws, counter)
        zone = pages.zone_name(self.ws)
        return page(status, "riwayat.html", title="Riwayat perubahan", user=user, entries=entries, counter=counter,
                    message=message, failed=failed, zone=zone)  # fmt: skip

    def change(self, request: Request, user: users.User | None, sha: str) -> Response:
        # Listed with the counter's records or without them (which reaches further back).
        found = [e for listed in (False, True) for e in pages.history(self.ws, listed) if e["commit"] == sha]
        if not found:
            return text(404, "Perubahan tidak ditemukan")
        lines = pages.diff_lines(repo.diff(self.ws.root, sha))
        files = changes.of_commit(self.ws, sha)
        return page(200, "perubahan.html", title=found[0]["message"], user=user, entry=found[0], lines=lines,
                    files=files)  # fmt: skip

    def undo(self, request: Request, user: users.User | None, sha: str) -> Response:
        assert user is not None
        ws = self.ws
        if not repo.on_branch(ws.root, sha):
            return self.history(request, user, "Perubahan itu tidak ada di riwayat situs ini.", True, 404)
        try:
            change = repo.reverse(ws.root, sha)
        except repo.MergeCommit:
            message = "Perubahan gabungan (dari dua salinan) tidak bisa dibatalkan dari sini; minta petugas teknis."
            return self.history(request, user, message, failed=True, status=409)
        except repo.Conflict:
            message = "Perubahan itu tidak bisa dibatalkan otomatis: bagian yang sama sudah diubah lagi sesudahnya."
            return self.history(request, user, message + " Sunting isinya langsung.", failed=True, status=409)
        if not change.paths:
            return self.history(request, user, "Tidak ada yang perlu dibatalkan; isinya sudah seperti sebelum "
                                "perubahan itu.")  # fmt: skip
        subject = repo.git(ws.root, "show", "-s", "--format=%s", sha).strip()
        try:
            proxy.check_restored(ws, change)
            refusal = "Pembatalan TIDAK disimpan:"
            proxy.save(ws, change, user, f"Batalkan: {subject}"[:200], refusal)
        except proxy.Refused as exc:
            return self.history(request, user, exc.message, failed=True, status=exc.status)
        self.audit.event("batalkan", user.name, request.client, rincian=subject)
        return self.history(request, user, f'Perubahan "{subject}" dibatalkan.')

    # --- publishing --------------------------------------------------------------

    def publish_page(self, request: Request, user: users.User | None) -> Response:
        return Response(200, pages.publish_page(self.ws, user))

    def publish(self, request: Request, user: users.User | None) -> Response:
        assert user is not None
        placeholders, problems = pages.readiness(self.ws)
        if placeholders or problems:
            return Response(409, pages.publish_page(self.ws, user))  # the page lists what blocks it
        asked = publishing.ask(self.ws.state, user.nama, repo.head(self.ws.root))
        if asked:
            self.audit.event("terbit-diminta", user.name, request.client)
        if asked and self.runs_queue:
            ws = self.ws
            publishconf = str(ws.settings.parent / "publishconf.py")
            threading.Thread(target=publishing.work, args=(ws.root, ws.state, publishconf, ws.content),
                             daemon=True).start()  # fmt: skip
        return redirect("/terbitkan")

    def cancel_publish(self, request: Request, user: users.User | None) -> Response:
        assert user is not None
        if publishing.cancel(self.ws.state, user.nama):
            self.audit.event("terbit-dibatalkan", user.name, request.client)
        return redirect("/terbitkan")

    def audit_page(self, request: Request, user: users.User | None) -> Response:
        tz = pages.zone(self.ws)
        events = [
            {**event, "waktu": pages.when(str(event.get("waktu")), tz),
             "peristiwa": audit.EVENTS.get(str(event.get("peristiwa")), event.get("peristiwa"))}
            for event in audit.recent(self.ws.state)
        ]  # fmt: skip
        return page(200, "catatan.html", title="Catatan masuk dan perubahan", user=user, events=events,
                    zone=pages.zone_name(self.ws))  # fmt: skip

    # --- the counter (receipt codes) ---------------------------------------------

    def counter_home(self, request: Request, user: users.User | None, message: str = "", status: int = 200,
                     typed: str = "") -> Response:  # fmt: skip
        assert user is not None
        size = loket.size_of(request.cookie(SIZE_COOKIE))
        try:
            return Response(status, loket.home(self.ws, user, size, message, typed))
        except counter.CounterError as exc:
            return page(503, "base.html", title=f"Loket belum bisa dipakai: {exc}", user=user)

    def counter_page(self, request: Request, user: users.User | None) -> Response:
        return self.counter_home(request, user)

    def counter_receive(self, request: Request, user: users.User | None) -> Response:
        assert user is not None
        form = {key: values[0] for key, values in request.form().items()}
        size = loket.size_of(form.get("ukuran"))
        try:
            code = loket.receive(self.ws, user, form)
        except counter.CounterError as exc:
            return self.counter_home(request, user, f"Tidak dicatat: {exc}", 422)
        self.audit.event("simpan", user.name, request.client, rincian=f"Terima berkas {code}")
        secure = "; Secure" if self.public.https else ""
        remembered = f"{SIZE_COOKIE}={size}; Path=/loket; HttpOnly; SameSite=Strict; Max-Age=31536000{secure}"
        cookie = {"Set-Cookie": remembered}
        if form.get("kanal") == "loket":  # the resident is at the counter: the receipt prints at once
            return redirect(f"/loket/{code}/cetak?ukuran={size}&otomatis=1", cookie)
        return redirect(f"/loket/{code}?disimpan=terima", cookie)

    def counter_find(self, request: Request, user: users.User | None) -> Response:
        typed = request.asked("kode")
        code = receipts.lookup(typed.strip().upper())
        if code is None:
            message = f"'{typed}' bukan kode tanda terima: 8 huruf dan angka, misalnya K7MQ-2XDA"
            return self.counter_home(request, user, message, 404, typed)
        return redirect(f"/loket/{code}")

    def counter_file(self, request: Request, user: users.User | None, code: str) -> Response:
        assert user is not None
        try:
            return Response(200, loket.file_page(self.ws, user, code, saved=request.asked("disimpan")))
        except counter.CounterError as exc:
            return self.counter_home(request, user, str(exc), 404, code)

    def counter_update(self, request: Request, user: users.User | None, code: str) -> Response:
        assert user is not None
        form = request.form()
        try:
            status = loket.update(self.ws, user, code, form)
        except counter.CounterError as exc:
            typed = {key: values for key, values in form.items()}
            try:
                return Response(422, loket.file_page(self.ws, user, code, message=f"Tidak dicatat: {exc}", typed=typed))
            except counter.CounterError:
                return self.counter_home(request, user, str(exc), 404, code)
        self.audit.event("simpan", user.name, request.client, rincian=f"Berkas {code}: {status}")
        return redirect(f"/loket/{code}?disimpan=status")

    def counter_print(self, request: Request, user: users.User | None, code: str) -> Response:
        size = loket.size_of(request.asked("ukuran") or request.cookie(SIZE_COOKIE))
        try:
            return Response(200, loket.print_page(self.ws, code, size, request.asked("otomatis") == "1"))
        except counter.CounterError as exc:
            return self.counter_home(request, user, str(exc), 404, code)


def prepare(ws: Workspace) -> None:
    """Tidy a killed save and build the first preview (in the background: the server starts at once)."""
    ws.state.mkdir(mode=0o700, exist_ok=True)

    def first_preview() -> None:
        with ws.saving, repo.locked(ws.root, ws.state):
            staging.mirror(ws.content, ws.mirror)
            # Twice: the second leaves the first as the spare each save's build reuses (build/output.py),
            # so even the first save writes only what it changes.
            for _ in range(2):
                staging.build(ws.builder, ws.settings, ws.mirror, ws.preview)

    with repo.locked(ws.root, ws.state):
        pass
    threading.Thread(target=first_preview, daemon=True).start()


def serve(app: Editor, host: str, port: int) -> None:
    """Serve ``app`` with waitress until interrupted.

    A few clerks, but saves that take seconds and Decap's bursts of requests: 16
    threads, 1,024 queued connections, at most 200 open ones, and a connection
    that says nothing for 15 s (a half-sent request, an idle keep-alive) is closed.
    """
    from waitress.server import create_server

    server = create_server(
        app,
        host=host,
        port=port,
        threads=16,
        backlog=1024,
        connection_limit=200,
        channel_timeout=15,
        cleanup_interval=5,
        max_request_body_size=64 * 1024 * 1024,  # over MAX_API: our own 413, in Indonesian
        max_request_header_size=64 * 1024,
        ident="penyunting",
        expose_tracebacks=False,
        clear_untrusted_proxy_headers=False,  # X-Real-IP is read only as client() allows
    )
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
