"""Run one command and report its wall time and peak memory, summed over its process tree.

    python benchmarks/measure.py -- COMMAND ...

prints one JSON line: seconds, peak_mb (all processes but Pagefind, summed at
each sample), pagefind_mb (Pagefind's own peak) and the command's exit status.
Memory is each process's proportional set size (PSS: a page shared by forked
workers counts once in the sum, split between them), sampled from /proc every
50 ms (light enough not to slow the build measured), so very short peaks can be
missed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path


def descendants(root: int) -> list[int]:
    """The process and all its descendants, from each task's children list (cheap to read)."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        for children in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                todo += [int(child) for child in children.read_text().split()]
            except (OSError, ValueError):
                continue
    return found


def pss_mb(pid: int) -> tuple[str, float]:
    try:
        name = Path(f"/proc/{pid}/comm").read_text().strip()
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        kilobytes = next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
    except (OSError, ValueError, IndexError, StopIteration):
        return "", 0.0
    return name, kilobytes / 1024


def main() -> int:
    command = sys.argv[sys.argv.index("--") + 1 :]
    peaks = {"peak_mb": 0.0, "pagefind_mb": 0.0}
    start = time.perf_counter()
    process = subprocess.Popen(command)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            ours = pagefind = 0.0
            for pid in descendants(process.pid):
                name, mb = pss_mb(pid)
                if "pagefind" in name:
                    pagefind += mb
                else:
                    ours += mb
            peaks["peak_mb"] = max(peaks["peak_mb"], ours)
            peaks["pagefind_mb"] = max(peaks["pagefind_mb"], pagefind)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    status = process.wait()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    print(json.dumps({"seconds": round(seconds, 3), "status": status, **{k: round(v, 1) for k, v in peaks.items()}}))
    return status


if __name__ == "__main__":
    sys.exit(main())
