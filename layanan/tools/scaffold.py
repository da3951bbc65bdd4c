"""``layanan init``: a new kecamatan's site repository, ready to build and to pass ``check``.

It holds only what a site owns: content/ (situs.yaml, one page per kelurahan, the
adminduk services, the required pages; every detail nobody knows yet an ``[ISI: ...]``
placeholder), two one-line settings files, tasks.py and a requirements.txt pinning
this package as it was installed here. The services come from ``kerangka/`` inside the package, which is this
repository's example site with its city left blank (a test keeps the two in step).
"""

from __future__ import annotations

import importlib.metadata
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import layanan
from layanan.content.schema import HOST_RE
from layanan.tools.new import slug_for

KERANGKA = Path(__file__).resolve().parent / "kerangka"
SETTINGS = "from layanan.settings import *  # noqa: F403\n"
PUBLISH_SETTINGS = SETTINGS + "\nLAYANAN_SEARCH = True\nLAYANAN_PDF = True\nLAYANAN_PRODUCTION = True\n"
GITIGNORE = "/output\n/.output.*\n/cache/\n/.publish/\n/.editor/\n.venv/\n.env\n__pycache__/\n"


class ScaffoldError(Exception):
    """The site cannot be created as asked; the message is for staff."""


@dataclass(frozen=True)
class Office:
    nama: str  # "Kecamatan Teluk Damai"
    kota: str  # "Kota Pesisir"
    kelurahan: tuple[str, ...]  # "Kelurahan Karang Baru", ...
    domain: str
    zona_waktu: str

    def fill(self, template: str, **extra: str) -> str:
        values = {
            "nama": self.nama,
            "kecamatan": self.nama.removeprefix("Kecamatan "),
            "kota": self.kota,
            "domain": self.domain,
            "zona_waktu": self.zona_waktu,
        }
        for key, value in (values | extra).items():
            template = template.replace(f"«{key}»", value)
        return template


def office(kecamatan: str, kota: str, kelurahan: str, domain: str, zona_waktu: str) -> Office:
    """The office as typed on the command line, checked; names get their 'Kecamatan'/'Kelurahan' prefix."""
    names = [name.strip() for name in kelurahan.split(",") if name.strip()]
    if not kecamatan.strip() or not kota.strip():
        raise ScaffoldError('--kecamatan dan --kota wajib diisi, misalnya --kecamatan "Teluk Damai"')
    if not names:
        raise ScaffoldError("--kelurahan wajib diisi: nama-nama kelurahan dipisah koma")
    if not HOST_RE.fullmatch(domain.lower()):
        raise ScaffoldError(f"domain '{domain}' tidak sah; tulis nama situsnya saja, misalnya kec-contoh.kota.go.id")
    try:
        ZoneInfo(zona_waktu)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScaffoldError(
            f"zona waktu '{zona_waktu}' tidak dikenal; Asia/Jakarta, Asia/Makassar atau Asia/Jayapura"
        ) from exc
    prefixed = tuple(n if n.lower().startswith("kelurahan ") else f"Kelurahan {n}" for n in names)
    slugs = [slug_for(n.removeprefix("Kelurahan ")) for n in prefixed]
    if len(set(slugs)) != len(slugs) or not all(slugs):
        raise ScaffoldError("nama kelurahan harus berbeda satu sama lain dan memuat huruf atau angka")
    nama = kecamatan.strip() if kecamatan.lower().startswith("kecamatan ") else f"Kecamatan {kecamatan.strip()}"
    return Office(nama, kota.strip(), prefixed, domain.lower(), zona_waktu)


PACKAGES = "paket"  # beside the site: the wheel it was made with, when it was installed from one


def installed_from() -> tuple[str, dict[str, str | bytes]]:
    """The requirement that installs this very package again, and the files it needs beside the site.

    Read from what pip recorded of the install (PEP 610's direct_url.json): a wheel file is copied
    into paket/ and named by that path; a git URL keeps the tag or commit asked for; a folder (a
    checkout) is named by its address. Without a record (a registry's package) it is the version.
    """
    try:
        record = importlib.metadata.distribution("layanan").read_text("direct_url.json")
    except importlib.metadata.PackageNotFoundError:  # this repository's code, not installed: its checkout
        return f"layanan @ {Path(layanan.__file__).resolve().parent.parent.as_uri()}", {}
    if not record:
        return f"layanan=={layanan.__version__}", {}
    direct = json.loads(record)
    url: str = direct["url"]
    if "vcs_info" in direct:
        vcs = direct["vcs_info"]
        return f"layanan @ {vcs['vcs']}+{url}@{vcs.get('requested_revision') or vcs['commit_id']}", {}
    if url.startswith("file://") and url.endswith(".whl"):
        wheel = Path(unquote(urlsplit(url).path))
        return f"./{PACKAGES}/{wheel.name}", {f"{PACKAGES}/{wheel.name}": wheel.read_bytes()}
    return f"layanan @ {url}", {}


def files(site: Office) -> dict[str, str | bytes]:
    """Every file of the new site: path relative to its folder -> text (or bytes: the wheel)."""
    requirement, beside = installed_from()
    found: dict[str, str | bytes] = {
        "pelicanconf.py": SETTINGS,
        "publishconf.py": PUBLISH_SETTINGS,
        "tasks.py": "from layanan.tasks import *  # noqa: F403\n",
        "requirements.txt": f"# layanan {layanan.__version__}, as installed where this site was made\n{requirement}\n",
        ".gitignore": GITIGNORE,
        "content/situs.yaml": site.fill((KERANGKA / "situs.yaml").read_text(encoding="utf-8")),
        **beside,
    }
    for path in sorted((KERANGKA / "layanan").glob("*.md")):
        found[f"content/layanan/{path.name}"] = site.fill(path.read_text(encoding="utf-8"))
    kelurahan = (KERANGKA / "kelurahan.md").read_text(encoding="utf-8")
    feeds = []
    for name in site.kelurahan:
        slug = slug_for(name.removeprefix("Kelurahan "))
        found[f"content/kelurahan/{slug}.md"] = site.fill(kelurahan, kelurahan=name)
        feeds.append(f"- [{name.removeprefix('Kelurahan ')}](/feeds/kelurahan/{slug}.xml)")
    short = [n.removeprefix("Kelurahan ") for n in site.kelurahan]
    listed = ", ".join(short[:-1]) + f" dan {short[-1]}" if len(short) > 1 else short[0]
    for path in sorted((KERANGKA / "halaman").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        found[f"content/halaman/{path.name}"] = site.fill(
            text, daftar_kelurahan=listed, feed_kelurahan="\n".join(feeds)
        )
    leftover = [p for p, text in found.items() if isinstance(text, str) and re.search("«[a-z_]+»", text)]
    assert not leftover, leftover  # every blank of the skeleton has a value
    return found


def create(folder: Path, site: Office) -> list[Path]:
    """Write the new site into ``folder``, which must not exist yet or be empty; returns the files."""
    if folder.exists() and any(folder.iterdir()):
        raise ScaffoldError(f"folder {folder} sudah berisi berkas; pilih folder baru")
    written = []
    for relative, text in files(site).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
