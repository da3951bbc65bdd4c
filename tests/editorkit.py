"""A real editor for the tests: a content repository, accounts made with the CLI, the server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers import free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "sandi-panjang-sekali"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"  # the smallest file that is a PDF by content
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


def make_repository(folder: Path, content: Path) -> Path:
    """A git repository holding a copy of ``content`` as its first commit, and the accounts above."""
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

    def log(self) -> list[str]:
        """Commits as 'Author <email>|subject', newest first."""
        return git(self.repo, "log", "--format=%an <%ae>|%s").splitlines()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def start(repo: Path) -> Editor:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "layanan", "editor", "--port", str(port), "--settings", str(ROOT / "pelicanconf.py"),
         "--content", str(repo / "content")],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=(repo.parent / f"penyunting-{port}.log").open("w"),
        start_new_session=True,  # its own process group: a kill reaches the builds it started too
    )  # fmt: skip
    wait_for_port(port, timeout=300)  # the first start downloads Decap
    return Editor(repo, port, process)
