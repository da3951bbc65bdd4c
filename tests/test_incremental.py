"""Incremental builds render only what changed, and always equal a clean build byte for byte."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import LENGKAP, ROOT, SETTINGS, snapshot
from layanan.build.output import BuildResult, build


class Site:
    def __init__(self, folder: Path):
        self.folder = folder
        self.content = folder / "content"
        self.theme = folder / "theme"
        shutil.copytree(LENGKAP, self.content)
        shutil.copytree(ROOT / "theme", self.theme)

    def build(self, output: str = "output", cache: str = "cache") -> BuildResult:
        return build(
            str(SETTINGS),
            str(self.folder / output),
            PATH=str(self.content),
            THEME=str(self.theme),
            CACHE_PATH=str(self.folder / cache),
        )

    def clean_build(self) -> Path:
        for name in ("clean", "clean-cache"):
            shutil.rmtree(self.folder / name, ignore_errors=True)
        self.build("clean", "clean-cache")
        return self.folder / "clean"

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.folder / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Site:
    built = Site(tmp_path)
    first = built.build()
    assert first.counts["rendered"] == first.counts["pages"]
    return built


def test_nothing_changed_renders_nothing(site: Site) -> None:
    before = snapshot(site.folder / "output")
    result = site.build()
    assert result.counts["rendered"] == 0
    assert snapshot(site.folder / "output") == before


def announcement_edit(site: Site) -> None:
    site.edit("content/pengumuman/2026-11-03-wib.md", "Ditulis dengan jam WIB.", "Ditulis dengan jam WIB, diperbarui.")


def new_announcement(site: Site) -> None:
    (site.content / "pengumuman" / "2026-11-20-baru.md").write_text(
        "---\njudul: Pengumuman Baru\ntanggal: 2026-11-20\nkategori: Kegiatan\nkelurahan:\n  - desa-a\n---\nBaru.\n",
        encoding="utf-8",
    )


def deleted_announcement(site: Site) -> None:
    (site.content / "pengumuman" / "2026-10-01-kecamatan.md").unlink()


def service_slug_change(site: Site) -> None:
    site.edit("content/layanan/kedua.md", "diperbarui: 2026-11-01", "diperbarui: 2026-11-01\nslug: kedua-baru")
    site.edit("content/layanan/lengkap.md", "  - kedua\n", "  - kedua-baru\n")
    site.edit("content/layanan/lengkap.md", "(/layanan/kedua/)", "(/layanan/kedua-baru/)")


def draft_published(site: Site) -> None:
    site.edit("content/halaman/rahasia.md", "draf: true\n", "")


def template_edit(site: Site) -> None:
    site.edit("theme/templates/base.html", "Langsung ke isi utama", "Lompat ke isi utama")


def situs_edit(site: Site) -> None:
    site.edit("content/situs.yaml", "jam_layanan: Senin-Jumat 08.00-15.00", "jam_layanan: Senin-Kamis 08.00-15.00")


EDITS: list[tuple[Callable[[Site], None], int]] = [
    # (the edit, the most pages it may re-render)
    (announcement_edit, 6),
    (new_announcement, 12),
    (deleted_announcement, 12),
    # Its pages (service, poster, standard, short link) at the new address, the whole standard, surveys,
    # redirects, and the status pages of the files of the service whose links changed.
    (service_slug_change, 25),
    (draft_published, 50),  # every page
    (template_edit, 10_000),
    (situs_edit, 10_000),
]


@pytest.mark.parametrize(("edit", "bound"), EDITS, ids=[e.__name__ for e, _ in EDITS])
def test_incremental_equals_clean(site: Site, edit: Callable[[Site], None], bound: int) -> None:
    edit(site)
    result = site.build()
    assert 0 < result.counts["rendered"] <= bound, result.counts
    assert snapshot(site.folder / "output") == snapshot(site.clean_build())


def test_announcement_edit_renders_only_the_pages_that_show_it(site: Site) -> None:
    announcement_edit(site)
    result = site.build()
    assert result.counts["rendered"] == 5  # its page, /pengumuman/, the home page, /kelurahan/desa-b/, its short link
    assert "diperbarui" in (site.folder / "output" / "pengumuman" / "wib" / "index.html").read_text(encoding="utf-8")


def test_a_sequence_of_edits_stays_equal_to_clean(site: Site) -> None:
    for edit, _ in EDITS[:5]:
        edit(site)
        site.build()
    assert snapshot(site.folder / "output") == snapshot(site.clean_build())


def test_a_rebuild_reuses_the_folder_before_the_live_one_and_never_writes_the_live_one(site: Site) -> None:
    """No folder of the whole site is made or deleted: the spare takes the changes, unchanged files stay put."""
    site.build()  # now a live folder and the one it replaced, the spare
    output = site.folder / "output"
    live = output.resolve()
    [spare] = [p for p in site.folder.glob(".output.situs-*") if p != live]
    live_before = snapshot(live)
    inodes = {p.relative_to(spare).as_posix(): p.stat().st_ino for p in spare.rglob("*") if p.is_file()}
    folder = spare.stat().st_ino
    announcement_edit(site)
    result = site.build()
    assert output.resolve().stat().st_ino == folder  # the spare, renamed: no new folder
    assert snapshot(live) == live_before  # the folder that was live is untouched, now the next spare
    after = {
        p.relative_to(output.resolve()).as_posix(): p.stat().st_ino for p in output.resolve().rglob("*") if p.is_file()
    }
    assert after["layanan/kedua/index.html"] == inodes["layanan/kedua/index.html"]  # unchanged: not even linked again
    assert after["pengumuman/wib/index.html"] != inodes["pengumuman/wib/index.html"]
    assert (
        sum(after[name] != inodes.get(name) for name in after) < result.counts["rendered"] + 40
    )  # the rest: feeds, theme
    assert result.files == len(after)  # counted from what it made, not by walking the folder
    assert snapshot(output) == snapshot(site.clean_build())


def test_hand_edited_output_is_not_trusted(site: Site) -> None:
    page = site.folder / "output" / "layanan" / "kedua" / "index.html"
    page.unlink()
    page.write_text("diubah tangan", encoding="utf-8")
    site.build()
    assert "diubah tangan" not in page.read_text(encoding="utf-8")


def test_failed_build_keeps_the_manifest_of_the_live_output(site: Site) -> None:
    (site.content / "layanan" / "rusak.md").write_text("---\njudul: [\n---\n", encoding="utf-8")
    with pytest.raises(Exception, match="yaml"):
        site.build()
    (site.content / "layanan" / "rusak.md").unlink()
    announcement_edit(site)
    site.build()
    assert snapshot(site.folder / "output") == snapshot(site.clean_build())
