"""Shared helpers: build real sites from fixture content and read what they wrote."""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from layanan import cli
from layanan.build.output import build

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
SAMPLE = ROOT / "content"
LENGKAP = ROOT / "tests" / "fixtures" / "lengkap"
# 2026-11-28 12:00 WITA: the build clock of every test unless a test moves it.
EPOCH = "1795838400"


@dataclass
class Built:
    """A built site: its output folder, with readers for pages and files."""

    root: Path

    def path(self, url: str) -> Path:
        relative = url.lstrip("/")
        target = self.root / relative
        return target / "index.html" if url.endswith("/") or target.is_dir() else target

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()

    def text(self, url: str) -> str:
        return self.path(url).read_text(encoding="utf-8")

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.text(url), "html.parser")

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def all_text(self) -> str:
        return "\n".join(
            p.read_text(encoding="utf-8", errors="replace") for p in sorted(self.root.rglob("*")) if p.is_file()
        )


_CACHE: dict[str, Path] = {}


@pytest.fixture(scope="session", autouse=True)
def test_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The parse cache of the tests' builds: never the repository's cache/, which a developer's builds use."""
    _CACHE["path"] = tmp_path_factory.mktemp("cache")
    return _CACHE["path"]


def build_site(content: Path, output: Path, settings: Path = SETTINGS, **overrides: object) -> Built:
    overrides.setdefault("CACHE_PATH", str(_CACHE["path"]))
    build(str(settings), str(output), PATH=str(content), **overrides)
    return Built(output)


# What a test may need from the machine beyond Python, by marker; `invoke test --cepat` runs the tests that
# need none of them. Tests using these fixtures are marked here (FIXTURE_NEEDS); the others say so themselves.
NEEDS = {
    "chromium": "Chromium (Debian's chromium) for Playwright",
    "nginx": "nginx",
    "sshd": "OpenSSH's sshd",
    "java": "Java, for the Nu HTML Checker (vnu-jar)",
    "root": "root (ports 80/443, mounting a tmpfs)",
    "server": "a server of ours on 127.0.0.1 (the editor, the development server)",
    "paket": "pip and the package index, to build the wheel and install it into a fresh venv",
    "pango": "Pango (libpango-1.0-0), for WeasyPrint's PDFs",
}


FIXTURE_NEEDS = {
    "browser": "chromium",
    "small_disk": "root",
    "serve": "server",
    "editor": "server",
    "wheel": "paket",
    "installed": "paket",
    "with_pdf": "pango",
    "payload_site": "pango",
}


def _present(need: str) -> bool:
    match need:
        case "chromium":
            return Path("/usr/bin/chromium").is_file()
        case "sshd":
            return Path("/usr/sbin/sshd").is_file()
        case "root":
            return os.geteuid() == 0
        case "pango":
            return ctypes.util.find_library("pango-1.0") is not None
        case "server" | "paket":
            return True  # Python's own; a missing index shows as the install's own error
        case _:
            return shutil.which(need) is not None


def pytest_configure(config: pytest.Config) -> None:
    for name, what in NEEDS.items():
        config.addinivalue_line("markers", f"{name}: needs {what}")
    config.addinivalue_line("markers", "lambat: takes over 3 s alone (builds killed or run side by side)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark browser tests; then a selected test whose need is missing stops the run, named (never a skip)."""
    for item in items:
        for fixture, need in FIXTURE_NEEDS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(need)
    wanted = {mark.name for item in items for mark in item.iter_markers() if mark.name in NEEDS}
    missing = sorted(NEEDS[need] for need in wanted if not _present(need))
    if missing:
        raise pytest.UsageError(
            f"the selected tests need {'; '.join(missing)}: run bash .ci/install-system (as root), "
            "or only the tests that need nothing more: invoke test --cepat"
        )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from today's builds")


@pytest.fixture(autouse=True)
def build_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("SITEURL", raising=False)


def _session_build(tmp_path_factory: pytest.TempPathFactory, content: Path, name: str) -> Built:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.delenv("SITEURL", raising=False)
        return build_site(content, tmp_path_factory.mktemp(name) / "output")


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The shipped sample content, built once."""
    return _session_build(tmp_path_factory, SAMPLE, "sample")


@pytest.fixture(scope="session")
def lengkap(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The fixture that uses every optional field, built once."""
    return _session_build(tmp_path_factory, LENGKAP, "lengkap")


@dataclass
class Project:
    """A copy of a content folder in a temporary working directory, as staff have it."""

    dir: Path
    capsys: pytest.CaptureFixture

    @property
    def content(self) -> Path:
        return self.dir / "content"

    def write(self, relative: str, text: str | bytes) -> Path:
        target = self.content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        return target

    def edit(self, relative: str, old: str, new: str) -> None:
        target = self.content / relative
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        target.write_text(text.replace(old, new), encoding="utf-8")

    def run(self, *args: str) -> tuple[int, str]:
        """Run ``python -m layanan`` in-process, from the project folder; returns (exit, output)."""
        self.capsys.readouterr()
        code = cli.main([*args, "--settings", str(SETTINGS), "--content", "content"])
        captured = self.capsys.readouterr()
        return code, captured.out + captured.err

    def check(self, *args: str) -> tuple[int, str]:
        return self.run("check", *args)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> Project:
    shutil.copytree(LENGKAP, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return Project(tmp_path, capsys)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, to prove a folder did not change."""
    return {os.path.relpath(p, folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# A valid service file whose line numbers the validation tests rely on.
VALID_SERVICE = """\
---
judul: Layanan Uji
kategori: Umum
ringkasan: Untuk menguji.
persyaratan:
  - KTP-el
  - dokumen: Kartu Keluarga
    jumlah: 1
prosedur:
  - Datang ke loket.
waktu: 1 hari kerja
biaya: 0
produk: Surat
kanal:
  - loket
diperbarui: 2026-11-01
---
Catatan.
"""

VALID_ANNOUNCEMENT = """\
---
judul: Pengumuman Uji
tanggal: 2026-11-10
kategori: Layanan
---
Isi pengumuman.
"""


# --- real browser ---------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# A service with 12 requirements and 10 steps: the longest a print-out must hold.
PANJANG = (
    "---\njudul: Layanan Panjang Sekali\nkategori: Umum\nringkasan: Layanan dengan banyak persyaratan dan langkah.\n"
    "persyaratan:\n"
    + "".join(
        f"  - dokumen: Dokumen persyaratan nomor {n}\n    keterangan: Fotokopi dan asli diperlihatkan kepada petugas.\n"
        for n in range(1, 13)
    )
    + "prosedur:\n"
    + "".join(f"  - Langkah nomor {n}, serahkan berkas kepada petugas loket.\n" for n in range(1, 11))
    + "waktu: 3 hari kerja\nbiaya: 0\nproduk: Surat keterangan panjang\nkanal:\n  - loket\n  - whatsapp\n"
    + "dasar_hukum:\n  - Peraturan Uji Nomor 2\ndiperbarui: 2026-11-20\n---\nCatatan panjang.\n"
)


@pytest.fixture(scope="session")
def searchable(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The fixture plus the longest service, built with its search index, as production builds are."""
    content = tmp_path_factory.mktemp("searchable") / "content"
    shutil.copytree(LENGKAP, content)
    (content / "layanan" / "panjang.md").write_text(PANJANG, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.delenv("SITEURL", raising=False)
        return build_site(content, content.parent / "output", LAYANAN_SEARCH=True)


@pytest.fixture(scope="session")
def sample_searchable(tmp_path_factory: pytest.TempPathFactory) -> Built:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        mp.delenv("SITEURL", raising=False)
        return build_site(SAMPLE, tmp_path_factory.mktemp("sample-search") / "output", LAYANAN_SEARCH=True)


@pytest.fixture(scope="session")
def serve():
    """serve(built) -> base URL of a real HTTP server on 127.0.0.1 for that site."""
    import threading

    from layanan.tools.serve import make_server

    servers = {}

    def start(built: Built) -> str:
        if built.root not in servers:
            httpd = make_server(str(built.root), 0)
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
            servers[built.root] = httpd
        return f"http://127.0.0.1:{servers[built.root].server_address[1]}"

    yield start
    for httpd in servers.values():
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def browser_id(browser):
    """Chromium with its interface in Indonesian (Debian's chromium-l10n), as the office runs it."""
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--lang=id"])
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800}, locale="id-ID")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this repository."""
    folder = tmp_path_factory.mktemp("roda")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(ROOT), "-w", str(folder)],
                   check=True, capture_output=True)  # fmt: skip
    [built] = folder.glob("layanan-*.whl")
    return built


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel (and its pinned dependencies), and nothing else of this repository.

    Tests only run commands from it, in their own folders: one venv serves them all.
    """
    folder = tmp_path_factory.mktemp("paket") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    subprocess.run([str(folder / "bin" / "pip"), "install", "-q", str(wheel)], check=True, capture_output=True)
    return folder


def run_in(venv: Path, site: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """A command of the venv, run in ``site`` with nothing of the repository on any path."""
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "SOURCE_DATE_EPOCH": os.environ["SOURCE_DATE_EPOCH"],
           "HOME": str(site.parent)}  # fmt: skip
    return subprocess.run(list(command), cwd=site, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory):
    """The real editor on a git repository of the sample content, one per test module."""
    from tests.editorkit import make_repository, start

    running = start(make_repository(tmp_path_factory.mktemp("penyunting") / "situs", SAMPLE))
    yield running
    running.stop()
