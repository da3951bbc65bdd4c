"""Decap's files: refused unless they match the pinned checksum, unpacked all or nothing, once."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from layanan.editor import vendor


def tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            member = tarfile.TarInfo(name)
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    return buffer.getvalue()


PACKAGE = {"package/dist/decap-cms.js": b"// decap", "package/dist/cms.js": b"// not wanted", "package/README.md": b"#"}


def test_a_download_that_does_not_match_the_pinned_checksum_is_refused() -> None:
    with pytest.raises(vendor.VendorError, match="tidak cocok"):
        vendor.verify(tarball(PACKAGE))


def test_only_the_wanted_files_are_unpacked_with_the_licence(tmp_path: Path) -> None:
    target = vendor.folder(tmp_path)
    vendor.unpack(tarball(PACKAGE), target)
    assert sorted(p.name for p in target.iterdir()) == ["LICENSE", "README.md", "decap-cms.js"]


def test_a_second_editor_unpacking_the_same_files_at_once_uses_the_first_s(tmp_path: Path) -> None:
    """Two editors started together both download; the one that finishes second keeps the first's folder."""
    target = vendor.folder(tmp_path)
    vendor.unpack(tarball(PACKAGE), target)
    vendor.unpack(tarball(PACKAGE), target)
    assert (target / "decap-cms.js").read_bytes() == b"// decap"
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no half-made folder left beside it


def test_a_folder_in_the_way_without_decap_s_files_is_still_an_error(tmp_path: Path) -> None:
    target = vendor.folder(tmp_path)
    (target / "sisa").mkdir(parents=True)
    with pytest.raises(OSError):
        vendor.unpack(tarball(PACKAGE), target)
