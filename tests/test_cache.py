"""What a build remembers: the read cache, held in memory by a process that builds again and again."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from layanan.base import cache


def test_a_process_that_wrote_the_read_cache_does_not_unpickle_it_again(tmp_path: Path) -> None:
    path = tmp_path / "baca.pickle"
    data = {"content/a.md": ("hash", "parsed", (1, 2, 3))}
    cache.save_pickle(path, "v1", data)
    assert cache.load_pickle(path, "v1") is data
    assert cache.load_pickle(path, "v2") == {}  # another code or setting: nothing of it is used


def test_a_cache_another_process_wrote_since_is_read_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "baca.pickle"
    cache.save_pickle(path, "v1", {"content/a.md": "lama"})
    script = (
        "import pickle, sys; from pathlib import Path; from layanan.base import cache; "
        "cache.replace(Path(sys.argv[1]), pickle.dumps(('v1', {'content/a.md': 'baru'})))"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    assert cache.load_pickle(path, "v1") == {"content/a.md": "baru"}


def test_a_broken_cache_file_is_no_cache(tmp_path: Path) -> None:
    path = tmp_path / "baca.pickle"
    path.write_bytes(pickle.dumps("bukan tuple")[:5])
    assert cache.load_pickle(path, "v1") == {}


def test_a_build_record_renamed_is_still_the_one_held(tmp_path: Path) -> None:
    """The live folder's record becomes the spare's by a rename: a process that wrote it does not read it again."""
    live, spare = tmp_path / "manifest.json", tmp_path / "manifest-cadangan.json"
    record = {"folder": ".output.situs-1", "files": {"index.html": ["kunci", 1, 2]}}
    cache.save_manifest(live, record)
    live.rename(spare)
    assert cache.load_manifest(spare) is record
    assert cache.load_manifest(live) == {}  # gone with the rename


def test_a_build_record_another_process_wrote_since_is_read_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    cache.save_manifest(path, {"folder": "lama"})
    script = (
        "import sys; from pathlib import Path; from layanan.base import cache; "
        'cache.replace(Path(sys.argv[1]), b\'{"folder": "baru-dari-proses-lain"}\')'
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    assert cache.load_manifest(path) == {"folder": "baru-dari-proses-lain"}


def test_a_process_that_builds_again_and_again_writes_the_read_cache_once_it_has_answered(tmp_path: Path) -> None:
    """The build worker answers first: the read cache is written after, and meanwhile it uses its own."""
    path = tmp_path / "baca.pickle"
    with cache.written_after():
        cache.save_pickle(path, "v1", {"content/a.md": "baru"})
        assert not path.exists()
        assert cache.load_pickle(path, "v1") == {"content/a.md": "baru"}
    assert path.exists() and not cache.writes_deferred()
    cache.save_pickle(path, "v1", {"content/a.md": "lagi"})  # outside the block: written at once
    assert pickle.loads(path.read_bytes()) == ("v1", {"content/a.md": "lagi"})


def test_check_and_build_share_one_cache_version() -> None:
    """Pelican adds its meta extension to MARKDOWN when it makes its readers (a build does, a check does not
    yet): the digest is the same either side, so a check and the build after it do not parse everything twice."""
    from pelican import Pelican
    from pelican.readers import Readers

    from conftest import SETTINGS
    from layanan.build.output import settings_for

    settings = Pelican(settings_for(str(SETTINGS))).settings
    settings["MARKDOWN"] = {"extensions": ["markdown.extensions.toc"], "output_format": "html5"}  # as a file has it
    before = cache.code_digest(settings)
    Readers(settings)
    assert "markdown.extensions.meta" in settings["MARKDOWN"]["extensions"]  # what Pelican does to the setting
    assert cache.code_digest(settings) == before


def test_a_build_of_another_content_folder_keeps_this_one_s_parsed_files(tmp_path: Path) -> None:
    """The editor's mirror and content/, or a release's content and content/, build one after the other."""
    import shutil

    from pelican import Pelican

    from conftest import LENGKAP, SETTINGS
    from layanan.build.output import settings_for
    from layanan.read.reader import Reader

    def parsed(folder: Path) -> int:
        """How many files a build of ``folder`` finds no parse of in the cache (it parses them)."""
        settings = Pelican(settings_for(str(SETTINGS), PATH=str(folder), CACHE_PATH=str(tmp_path / "cache"))).settings
        reader = Reader(settings, cache.code_digest(settings))
        paths = [str(p) for p in sorted(folder.rglob("*.md"))]
        count = sum(reader.cached.get(path, ("",))[0] != reader.content_key(path) for path in paths)
        for path in paths:
            reader.load(path)
        reader.save_cache()
        return count

    mirror, content = shutil.copytree(LENGKAP, tmp_path / "periksa"), shutil.copytree(LENGKAP, tmp_path / "content")
    assert parsed(mirror) > 5 and parsed(content) > 5
    assert (parsed(mirror), parsed(content)) == (0, 0)
