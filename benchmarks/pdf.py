"""The Standar Pelayanan PDFs on 200 services: a cold production build, then publishes after one service edit.

    python benchmarks/pdf.py [--runs 3] [--vs OTHER_CHECKOUT]

Each run edits one service's waktu and builds with publishconf.py (warm: the previous output and
cache kept), which prints that service's PDF and the whole office's document again. With --vs,
another checkout of this repository (for example `git worktree add /tmp/old main`) builds the same
content in turn, A B A B, each with its own output and cache. Prints one line per measurement and
the medians; peak memory is the process tree's (benchmarks/measure.py), Pagefind's apart.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from bench import measure  # benchmarks/ is this script's folder, first on the path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work" / "pdf"
EDITED = "layanan-0007.md"


def build(checkout: Path, content: Path, output: Path) -> dict:
    """A production build by ``checkout``'s code (``-m`` from its folder), measured as bench.py measures."""
    command = [sys.executable, "-m", "layanan", "build", "-s", str(checkout / "publishconf.py"), "-c", str(content)]
    return measure([*command, "-o", str(output)], checkout, {"SOURCE_DATE_EPOCH": "1795838400"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--vs", type=Path, help="another checkout, measured in turn on the same content")
    options = parser.parse_args()
    content = WORK / "konten"
    if not content.is_dir():
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(WORK), "--services", "200",
             "--announcements", "1000"],
            check=True,
        )  # fmt: skip
    checkouts = {"ini": ROOT} | ({"pembanding": options.vs.resolve()} if options.vs else {})
    results: dict[str, dict[str, list[dict]]] = {name: {"dingin": [], "satu layanan": []} for name in checkouts}
    for name, checkout in checkouts.items():
        shutil.rmtree(checkout / "cache", ignore_errors=True)
        shutil.rmtree(WORK / f"out-{name}", ignore_errors=True)
        results[name]["dingin"].append(build(checkout, content, WORK / f"out-{name}"))
        print(name, "dingin", results[name]["dingin"][-1], flush=True)
    service = content / "layanan" / EDITED
    for run in range(options.runs):
        for name, checkout in checkouts.items():
            text = service.read_text(encoding="utf-8").replace("\nwaktu: ", f"\nwaktu: {run}{name[0]} ", 1)
            service.write_text(text, encoding="utf-8")
            results[name]["satu layanan"].append(build(checkout, content, WORK / f"out-{name}"))
            print(name, "satu layanan", results[name]["satu layanan"][-1], flush=True)
    for name, kinds in results.items():
        for kind, found in kinds.items():
            seconds = statistics.median(r["seconds"] for r in found)
            peak = max(r["peak_mb"] for r in found)
            print(f"{name:10} {kind:12} median {seconds:.1f} s over {len(found)}, peak {peak:.0f} MB")


if __name__ == "__main__":
    main()
