"""Decap CMS's built files: fetched once from the npm registry, verified, kept with the installation.

No Node.js is needed: the tarball is pinned by version and by the registry's sha512
integrity, so a changed or truncated download is refused, never served.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shutil
import tarfile
import tempfile
import urllib.request
from pathlib import Path

VERSION = "3.16.3"
TARBALL = f"https://registry.npmjs.org/decap-cms/-/decap-cms-{VERSION}.tgz"
INTEGRITY = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="
# The editor's bundle, its lazily loaded chunks and wasm, and the licence texts; not the
# second ("cms.js") build nor the source maps (54 MB).
WANTED = re.compile(
    r"package/(dist/(decap-cms\.js|\d+\.decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)|package\.json|README\.md)"
)
LICENSE = f"""Decap CMS {VERSION} (https://github.com/decaporg/decap-cms), MIT License.
Copyright (c) 2016 Netlify, Inc. and the Decap CMS contributors.
The bundled third-party notices are in decap-cms.js.LICENSE.txt.
"""


class VendorError(Exception):
    """Decap could not be fetched or did not match its pinned checksum."""


def folder(root: Path) -> Path:
    return root / "share" / "layanan" / f"decap-cms-{VERSION}"


def verify(data: bytes) -> None:
    algorithm, _, expected = INTEGRITY.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise VendorError(f"berkas Decap CMS {VERSION} yang diunduh tidak cocok dengan sidik {INTEGRITY[:20]}...")


def unpack(data: bytes, target: Path) -> None:
    """Extract the wanted files into ``target``, all or nothing (rename of a finished folder)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".baru-", dir=target.parent))
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            for member in archive.getmembers():
                if member.isfile() and WANTED.fullmatch(member.name):
                    source = archive.extractfile(member)
                    assert source is not None
                    (work / Path(member.name).name).write_bytes(source.read())
        (work / "LICENSE").write_text(LICENSE, encoding="utf-8")
        try:
            os.rename(work, target)
        except OSError:
            if not (target / "decap-cms.js").is_file():
                raise  # else another process (a second editor starting) unpacked the same files first
    finally:
        shutil.rmtree(work, ignore_errors=True)


def ensure(root: Path) -> Path:
    """The folder with Decap's files under ``root`` (the environment's data folder, e.g. .venv/);
    downloads and verifies them the first time."""
    target = folder(root)
    if (target / "decap-cms.js").is_file():
        return target
    print(f"Mengunduh Decap CMS {VERSION} dari registri npm (sekali saja, 16 MB)...")
    try:
        with urllib.request.urlopen(TARBALL, timeout=120) as response:
            data = response.read()
    except OSError as exc:
        raise VendorError(f"Decap CMS tidak bisa diunduh dari {TARBALL}: {exc}") from exc
    verify(data)
    unpack(data, target)
    return target
