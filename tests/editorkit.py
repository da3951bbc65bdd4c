"""A real editor for the tests: a content repository, accounts made with the CLI, the server on 127.0.0.1."""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers import free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "sandi-panjang-sekali"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"  # the smallest file that is a PDF by content


def _png() -> bytes:
    """A 4x4 red picture, as a phone's camera would hand over a (much larger) PNG."""
    rows = b"".join(b"\x00" + b"\xc0\x10\x10" * 4 for _ in range(4))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


PNG = _png()
CLERKS = {  # name: (full name, e-mail, role)
    "sari": ("Sari Dewi", "sari@kecamatan.example", "penyunting"),
    "budi": ("Budi Santoso", "budi@kecamatan.example", "penerbit"),
    "dewi": ("Dewi Lestari", "dewi@kecamatan.example", "penyunting"),  # the one the lock-out tests lock out
}


def layanan(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "layanan", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


_MADE: dict[Path, Path] = {}  # content -> a repository made from it once per test run, copied for each test


def make_repository(folder: Path, content: Path) -> Path:
    """A git repository holding a copy of ``content`` as its first commit, and the accounts above.

    Made once per content (the accounts' password hashing is most of it) and copied: a copy of a git
    repository is the same repository, its own from then on.
    """
    if content not in _MADE:
        made = Path(tempfile.mkdtemp(prefix="repositori-")) / "situs"
        atexit.register(shutil.rmtree, made.parent, True)
        _MADE[content] = _make_repository(made, content)
    shutil.copytree(_MADE[content], folder, symlinks=True, dirs_exist_ok=True)
    return folder


def _make_repository(folder: Path, content: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(content, folder / "content")
    (folder / ".gitignore").write_text("/.editor/\n")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "-c", "user.name=Awal", "-c", "user.email=awal@example.org", "commit", "-qm", "Konten awal")
    for name, (nama, email, role) in CLERKS.items():
        result = layanan(
            "pengguna", "--settings", str(ROOT / "pelicanconf.py"), "--content", str(folder / "content"),
            "tambah", name, "--nama", nama, "--email", email, "--peran", role,
            cwd=folder, stdin=PASSWORD + "\n",
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
    return folder


@dataclass
class Answer:
    status: int
    data: object
    headers: dict = field(default_factory=dict)

    @property
    def error(self) -> str:
        assert isinstance(self.data, dict), self.data
        return self.data["error"]


@dataclass
class Editor:
    repo: Path
    port: int
    process: subprocess.Popen

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def content(self) -> Path:
        return self.repo / "content"

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)

    def request(self, path: str, data: bytes | None = None, headers: dict | None = None) -> Answer:
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=120) as response:
                return Answer(response.status, response.read(), dict(response.headers))
        except urllib.error.HTTPError as exc:
            return Answer(exc.code, exc.read(), dict(exc.headers))

    def login(self, name: str, password: str = PASSWORD) -> Answer:
        form = urllib.parse.urlencode({"pengguna": name, "sandi": password}).encode()
        return self.request("/masuk", form, {"Origin": self.base})

    def session(self, name: str) -> str:
        answer = self.login(name)
        assert answer.status == 303, answer
        return answer.headers["Set-Cookie"].split(";")[0]

    def api(self, cookie: str | None, action: str, params: dict, origin: str | None = "") -> Answer:
        headers = {"Content-Type": "application/json"}
        if cookie:
            headers["Cookie"] = cookie
        if origin is not None:
            headers["Origin"] = origin or self.base
        body = json.dumps({"action": action, "params": {"branch": "main", **params}}).encode()
        answer = self.request("/admin/api/v1", body, headers)
        return Answer(answer.status, json.loads(answer.data), answer.headers)

    def preview_ready(self, cookie: str) -> None:
        """Wait for the first preview, which the editor builds in the background as it starts."""
        for _ in range(240):
            if self.request("/pratinjau/", headers={"Cookie": cookie}).status != 503:
                return
            time.sleep(0.5)
        raise AssertionError("the first preview was not built in 120 s")

    def log(self) -> list[str]:
        """Commits as 'Author <email>|subject', newest first."""
        return git(self.repo, "log", "--format=%an <%ae>|%s").splitlines()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def start(repo: Path, *options: str, port: int | None = None) -> Editor:
    """The editor on ``port`` (a free one by default), started with ``options`` (``--url ...``)."""
    port = port or free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "layanan", "editor", "--port", str(port), "--settings", str(ROOT / "pelicanconf.py"),
         "--content", str(repo / "content"), *options],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=(repo.parent / f"penyunting-{port}.log").open("w"),
        start_new_session=True,  # its own process group: a kill reaches the builds it started too
    )  # fmt: skip
    wait_for_port(port, timeout=300)  # the first start downloads Decap
    return Editor(repo, port, process)


# --- a clerk in Decap, in a real browser (Playwright) -----------------------------------


def login(tab, editor: Editor, name: str, shots: Path | None = None, base: str | None = None) -> None:
    """Log in through the form in a real browser tab, at ``base`` (the editor's own address by default)."""
    base = base or editor.base
    tab.goto(base + "/admin/")
    assert tab.url == base + "/masuk"
    tab.fill("#pengguna", name)
    tab.fill("#sandi", PASSWORD)
    if shots:
        tab.screenshot(path=shots / "masuk.png")
    tab.click("button[type=submit]")
    tab.wait_for_url(base + "/admin/")
    tab.get_by_text("Jenis isi").wait_for()


def open_entry(tab, base: str, collection: str, slug: str, label: str) -> None:
    """Open an item's form in Decap at the editor's address ``base``; wait for the field ``label``."""
    tab.goto(f"{base}/admin/#/collections/{collection}/entries/{slug}")
    tab.get_by_label(label, exact=True).wait_for()


def press_save(tab) -> None:
    """Press Simpan > Simpan sekarang, until Decap sends the save (a click on its menu while it opens is lost)."""
    from playwright.sync_api import TimeoutError as Timeout

    def sent(request) -> bool:
        return (
            request.method == "POST"
            and request.url.endswith("/admin/api/v1")
            and "persist" in (request.post_data or "")
        )

    for _ in range(3):
        tab.get_by_role("button", name="Simpan", exact=True).click()
        try:
            with tab.expect_request(sent, timeout=10_000):
                tab.get_by_role("menuitem", name="Simpan sekarang").click()
            return
        except Timeout:
            tab.keyboard.press("Escape")
    errors = tab.locator("[class*='ControlErrorsList'] li, [class*='ErrorMessage']").all_inner_texts()
    raise AssertionError(f"Decap never sent the save; the form says: {errors}")


def save(tab) -> str:
    """Press Simpan > Simpan sekarang; the text of the notice that follows (a saved change's)."""
    press_save(tab)
    return toast(tab)


def toast(tab) -> str:
    """The text of Decap's newest notice."""
    notice = tab.get_by_role("alert").filter(has_text=re.compile(r"\S")).last
    notice.wait_for()
    return notice.inner_text()


def raw(editor: Editor, cookie: str, path: str) -> str:
    answer = editor.api(cookie, "getEntry", {"path": path})
    assert answer.status == 200, answer
    return answer.data["data"]


def persist(editor: Editor, cookie: str, path: str, text: str) -> object:
    """Save as Decap does; its English commit message is replaced by the editor's own."""
    params = {"dataFiles": [{"path": path, "slug": Path(path).stem, "raw": text}], "assets": []}
    return editor.api(cookie, "persistEntry", params | {"options": {"commitMessage": "Update Layanan"}})
