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
