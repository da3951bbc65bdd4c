"""Build speed against vanilla Pelican and Hugo, at four sizes: `invoke bench` (or python benchmarks/bench.py).

For each size it generates the same synthetic content for the three tools
(benchmarks/generate.py) and measures, alternating between tools in every run,
the median of RUNS runs and the peak memory (benchmarks/measure.py), then writes
benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from measure import pss_mb  # benchmarks/measure.py, beside this file

from layanan.build.output import remove  # the repository's own package, importable once on the path
from layanan.editor.workspace import BuildWorker

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
PYTHON = sys.executable
SIZES = {"kecil": (50, 200), "1000": (200, 1000), "2500": (200, 2500), "5000": (200, 5000)}
EDITED_ANNOUNCEMENT = 7
EPOCH = "1795838400"  # every build's clock (SOURCE_DATE_EPOCH): the same pages in every run
ANALYSIS = "<!-- analysis: kept when invoke bench rewrites this file -->"
EDITED_SERVICE = "layanan-0007.md"
LABELS = {
    "a": "ours, production build without PDFs, cold (search index, fingerprints, gzip+brotli)",
    "b": "ours, development build, cold",
    "c": "ours, development rebuild after one announcement's body changed",
    "d": "ours, development rebuild after one service changed",
    "e": "vanilla Pelican 4.12, cold (simple theme, default feeds)",
    "f": "Hugo, cold",
    "g": "Hugo, after the same announcement change",
    "h": "ours, warm build worker (editor preview, livereload), after the same announcement change (2 a run)",
    "i": "ours, warm build worker, after one service changed (2 a run)",
}


def ensure_hugo() -> str:
    if not shutil.which("hugo"):
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "hugo"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    return subprocess.run(["hugo", "version"], capture_output=True, text=True, check=True).stdout.strip()


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict:
    run = subprocess.run(
        [PYTHON, str(ROOT / "benchmarks" / "measure.py"), "--", *command],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    result = json.loads(run.stdout.strip().splitlines()[-1])
    if result["status"] != 0:
        raise RuntimeError(f"{command} failed: {run.stderr[-2000:]}")
    return result


def html_count(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


class Size:
    def __init__(self, name: str, services: int, announcements: int):
        self.name = name
        self.folder = WORK / name
        if not (self.folder / "konten").is_dir():
            subprocess.run(
                [
                    PYTHON,
                    str(ROOT / "benchmarks" / "generate.py"),
                    str(self.folder),
                    "--services",
                    str(services),
                    "--announcements",
                    str(announcements),
                ],
                check=True,
            )
        self.announcement = sorted((self.folder / "konten" / "pengumuman").glob("*.md"))[EDITED_ANNOUNCEMENT]
        self.hugo_announcement = (
            self.folder / "hugo" / "content" / "pengumuman" / (self.announcement.stem.split("-", 3)[3] + ".md")
        )

    def ours(self, settings: str, cold: bool) -> dict:
        output = self.folder / f"out-{Path(settings).stem}"
        if cold:
            shutil.rmtree(ROOT / "cache", ignore_errors=True)
            remove(output)  # output is a link to a build folder beside it: a cold build starts without either
        command = [
            PYTHON,
            "-m",
            "layanan",
            "build",
            "-s",
            str(ROOT / settings),
            "-c",
            str(self.folder / "konten"),
            "-o",
            str(output),
        ]
        result = measure(command, ROOT, {"SOURCE_DATE_EPOCH": EPOCH})
        return {**result, "pages": html_count(output)}

    def warm(self, run: int) -> tuple[list[dict], list[dict]]:
        """One kept-alive build worker, as the editor and livereload use it, after a first build that loads
        the site: an announcement edit, a service edit, and both again, each build timed from request to
        answer (the first edit also compiles the templates it renders). Memory is the worker's PSS after each."""
        output = self.folder / "out-pelicanconf"
        request = {
            "settings": str(ROOT / "pelicanconf.py"),
            "content": str(self.folder / "konten"),
            "output": str(output),
            "cwd": str(ROOT),
        }
        worker = BuildWorker()
        rows: tuple[list[dict], list[dict]] = ([], [])
        try:
            assert (worker.build(request) or {}).get("built")
            for step in range(4):
                time.sleep(1)  # saves come seconds apart: the worker writes its read cache in between
                (self.edit_announcement, self.edit_service)[step % 2](run * 10 + step)
                start = time.perf_counter()
                answer = worker.build(request) or {}
                seconds = time.perf_counter() - start
                assert answer.get("built"), answer
                assert worker.process is not None
                memory = pss_mb(worker.process.pid)[1]
                row = {"seconds": round(seconds, 3), "peak_mb": memory, "pagefind_mb": 0.0, "pages": 0}
                rows[step % 2].append(row)
            pages = html_count(output)
            announcements, services = ([{**row, "pages": pages} for row in kind] for kind in rows)
            return announcements, services
        finally:
            if worker.process is not None:
                worker.process.stdin.close()  # type: ignore[union-attr]
                worker.process.wait()

    def edit_announcement(self, run: int) -> None:
        line = f"\nCatatan tambahan nomor {run} untuk pengukuran.\n"
        for path in (self.announcement, self.hugo_announcement):
            path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")

    def edit_service(self, run: int) -> None:
        path = self.folder / "konten" / "layanan" / EDITED_SERVICE
        text = path.read_text(encoding="utf-8").replace("\nwaktu: ", f"\nwaktu: {run} ", 1)
        path.write_text(text, encoding="utf-8")

    def pelican(self) -> dict:
        output = self.folder / "out-pelican"
        shutil.rmtree(output, ignore_errors=True)
        command = [str(Path(PYTHON).parent / "pelican"), "content", "-s", "pelicanconf.py", "-o", str(output), "-q"]
        return {**measure(command, self.folder / "pelican"), "pages": html_count(output)}

    def hugo(self, cold: bool) -> dict:
        site = self.folder / "hugo"
        if cold:
            for folder in ("public", "resources"):
                shutil.rmtree(site / folder, ignore_errors=True)
        result = measure(["hugo", "--quiet", "--destination", "public"], site)
        return {**result, "pages": html_count(site / "public")}


def run_size(size: Size, runs: int) -> dict[str, list[dict]]:
    results: dict[str, list[dict]] = {key: [] for key in LABELS}
    groups = ["ours-production", "ours-development", "pelican", "hugo"]
    for run in range(runs):
        order = groups[run % len(groups) :] + groups[: run % len(groups)]  # alternate which tool goes first
        for group in order:
            if group == "ours-production":
                results["a"].append(size.ours("benchmarks/tanpa_pdf.py", cold=True))
            elif group == "ours-development":
                results["b"].append(size.ours("pelicanconf.py", cold=True))
                size.edit_announcement(run)
                results["c"].append(size.ours("pelicanconf.py", cold=False))
                size.edit_service(run)
                results["d"].append(size.ours("pelicanconf.py", cold=False))
                announcement_edits, service_edits = size.warm(run)
                results["h"] += announcement_edits
                results["i"] += service_edits
            elif group == "pelican":
                results["e"].append(size.pelican())
            else:
                results["f"].append(size.hugo(cold=True))
                size.edit_announcement(run)  # the same edit; ours sees it at its next rebuild
                results["g"].append(size.hugo(cold=False))
        print(f"  {size.name}: run {run + 1}/{runs} done", flush=True)
    return results


def summarise(results: dict[str, list[dict]]) -> dict[str, dict]:
    return {
        key: {
            "seconds": statistics.median(r["seconds"] for r in rows),
            "peak_mb": max(r["peak_mb"] for r in rows),
            "pagefind_mb": max(r["pagefind_mb"] for r in rows),
            "pages": rows[-1]["pages"],
        }
        for key, rows in results.items()
        if rows
    }


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0"
    )
    system = f"{platform.platform()}, Python {platform.python_version()}"
    return f"{os.cpu_count()} cores ({cpu}), {int(memory) // 1024 // 1024} GiB RAM, {system}"


def report(all_sizes: dict[str, dict[str, dict]], runs: int, hugo_version: str) -> str:
    lines = [
        "# Build benchmarks",
        "",
        f"Written by `invoke bench` on {dt.date.today().isoformat()}. Machine: {machine()}. {hugo_version}.",
        f"Each figure is the median of {runs} runs; tools alternate within every run. Peak memory is the",
        "largest sum of the resident memory of a build's processes (Pagefind reported on its own).",
        "Content from `benchmarks/generate.py` (7 kelurahan; services with 3-12 requirements, a quarter with",
        "`riwayat`; announcements of 300-600 words with lists, links and bold).",
        "",
    ]
    for name, summary in all_sizes.items():
        services, announcements = SIZES[name]
        lines += [f"## {name}: {services} services, {announcements} announcements", ""]
        lines += [
            "| | build | seconds | pages | ms/page | peak MB | Pagefind MB |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        for key, label in LABELS.items():
            row = summary.get(key)
            if row:
                per_page = 1000 * row["seconds"] / max(row["pages"], 1)
                pagefind = f"{row['pagefind_mb']:.0f}" if row["pagefind_mb"] else ""
                cells = [
                    key,
                    label,
                    f"{row['seconds']:.2f}",
                    str(row["pages"]),
                    f"{per_page:.2f}",
                    f"{row['peak_mb']:.0f}",
                ]
                lines.append("| " + " | ".join([*cells, pagefind]) + " |")
        seconds = {key: row["seconds"] for key, row in summary.items()}

        def ratio(x: str, y: str, seconds: dict[str, float] = seconds) -> float:
            return seconds[x] / seconds[y]

        lines += [
            "",
            f"- production build / vanilla Pelican (a/e): **{ratio('a', 'e'):.2f}** (target ≤ 0.5)",
            f"- development build / vanilla Pelican (b/e): {ratio('b', 'e'):.2f}",
            f"- rebuild after an announcement edit / Hugo after it (c/g): **{ratio('c', 'g'):.2f}** (target ≤ 1.0)",
            f"- rebuild after a service edit / Hugo after the announcement edit (d/g): **{ratio('d', 'g'):.2f}** "
            "(target ≤ 1.0)",
            f"- warm worker after an announcement edit / Hugo after it (h/g): **{ratio('h', 'g'):.2f}** "
            "(target ≤ 0.25)",
            f"- warm worker after a service edit / Hugo after the announcement edit (i/g): {ratio('i', 'g'):.2f}",
            f"- peak memory of our Python processes (a): {summary['a']['peak_mb']:.0f} MB (target ≤ 300); "
            f"Pagefind {summary['a']['pagefind_mb']:.0f} MB (< 1024)",
            "",
        ]
    if all(n in all_sizes for n in ("1000", "2500", "5000")):
        lines += ["## Growth", ""]
        for key in ("a", "b"):
            s1, s2, s3 = (all_sizes[n][key] for n in ("1000", "2500", "5000"))
            first = 1000 * (s2["seconds"] - s1["seconds"]) / (s2["pages"] - s1["pages"])
            second = 1000 * (s3["seconds"] - s2["seconds"]) / (s3["pages"] - s2["pages"])
            lines.append(
                f"- {key}: marginal {first:.2f} ms/page from 1,000 to 2,500 announcements, {second:.2f} from 2,500 "
                f"to 5,000: ratio **{max(first, second) / min(first, second):.2f}** (target ≤ 1.3)"
            )
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH  # for the warm worker, which runs with this environment
    hugo_version = ensure_hugo()
    results = {}
    for name in args.sizes:
        print(f"{name}: {SIZES[name][0]} services, {SIZES[name][1]} announcements", flush=True)
        results[name] = summarise(run_size(Size(name, *SIZES[name]), args.runs))
    text = report(results, args.runs, hugo_version.split(" ")[0] + " " + hugo_version.split(" ")[1])
    results_file = ROOT / "benchmarks" / "RESULTS.md"
    if results_file.is_file() and ANALYSIS in results_file.read_text(encoding="utf-8"):
        # The hand-written reading of the figures below the marker is kept.
        text += "\n" + ANALYSIS + results_file.read_text(encoding="utf-8").split(ANALYSIS, 1)[1]
    results_file.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
