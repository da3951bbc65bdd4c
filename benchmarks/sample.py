"""Build time and page weight of the sample site: `python benchmarks/sample.py`.

Each build runs `python -m layanan build` in its own process, as staff run it
(warm: the first build is not counted), and the figure is the median.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def timed_build(settings: str, output: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "layanan", "build", "--settings", settings, "--output", str(output)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795838400"},
    )
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "output"
        for settings in ("pelicanconf.py", "publishconf.py"):
            timed_build(settings, output)  # warm-up
            times = [timed_build(settings, output) for _ in range(RUNS)]
            print(
                f"{settings}: median {statistics.median(times):.3f} s over {RUNS} builds "
                f"(min {min(times):.3f}, max {max(times):.3f})"
            )
        page = output / "layanan" / "ktp-el-baru" / "index.html"
        css = next(p for p in (output / "theme" / "css").glob("situs*.css"))  # fingerprinted in production
        files = [p for p in output.rglob("*") if p.is_file()]
        print(
            f"service page: {page.stat().st_size} B HTML + {css.stat().st_size} B CSS "
            f"= {page.stat().st_size + css.stat().st_size} B"
        )
        print(f"site: {len(files)} files, {sum(p.stat().st_size for p in files)} B")


if __name__ == "__main__":
    main()
